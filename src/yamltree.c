/* yamltree.c - libyaml events to a struct ynode tree; see yamltree.h. */
#include "yamltree.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

struct frame {
	struct ynode *node;
	struct ynode **keys, **items; /* heap, grown while open */
	size_t count, cap;
	struct ynode *pending_key; /* Y_MAP: a key awaiting its value */
};

struct builder {
	struct gpuadv_arena *arena;
	const char *name;
	const struct ytree_limits *lim;
	struct gpuadv_error *err;
	struct frame stack[16];
	int depth;
	size_t items;
	struct ynode *root;
};

const char *ytype_name(enum ytype t)
{
	switch (t) {
	case Y_SCALAR:
		return "a scalar";
	case Y_MAP:
		return "a mapping";
	case Y_SEQ:
		return "a sequence";
	}
	return "?";
}

static int fail_at(struct builder *b, const yaml_mark_t *m, int code,
		   const char *msg, const char *detail)
{
	return gpuadv_error_at(b->err, code, b->name, m->line + 1, m->column + 1,
			       "%s%s%s", msg, detail ? ": " : "",
			       detail ? detail : "");
}

static struct ynode *new_node(struct builder *b, enum ytype t,
			      const yaml_mark_t *m)
{
	struct ynode *n = gpuadv_arena_alloc(b->arena, sizeof(*n));

	if (n) {
		n->type = t;
		n->line = m->line + 1;
		n->column = m->column + 1;
	}
	return n;
}

static int push_child(struct builder *b, struct ynode *child,
		      const yaml_mark_t *m)
{
	struct frame *f;

	if (b->depth == 0) {
		if (b->root)
			return fail_at(b, m, GPUADV_EDATA,
				       "more than one document", NULL);
		b->root = child;
		return 0;
	}
	f = &b->stack[b->depth - 1];
	if (f->node->type == Y_MAP && !f->pending_key) {
		size_t i;

		if (child->type != Y_SCALAR)
			return fail_at(b, m, GPUADV_EDATA,
				       "mapping keys must be plain scalars", NULL);
		for (i = 0; i < f->count; i++) {
			if (strcmp(f->keys[i]->value, child->value) == 0) {
				char msg[GPUADV_ERROR_MSG_MAX];

				snprintf(msg, sizeof(msg),
					 "duplicate key '%s' (first at line %lu)",
					 child->value, f->keys[i]->line);
				return fail_at(b, m, GPUADV_EDATA, msg, NULL);
			}
		}
		f->pending_key = child;
		return 0;
	}
	if (++b->items > b->lim->max_items)
		return fail_at(b, m, GPUADV_EDATA, "too many entries", NULL);
	if (f->count == f->cap) {
		size_t cap = f->cap ? f->cap * 2 : 8;
		struct ynode **items = realloc(f->items, cap * sizeof(*items));

		if (!items)
			return gpuadv_error_set(b->err, GPUADV_ENOMEM, "out of memory");
		f->items = items;
		if (f->node->type == Y_MAP) {
			struct ynode **keys = realloc(f->keys, cap * sizeof(*keys));

			if (!keys)
				return gpuadv_error_set(b->err, GPUADV_ENOMEM,
							"out of memory");
			f->keys = keys;
		}
		f->cap = cap;
	}
	if (f->node->type == Y_MAP) {
		f->keys[f->count] = f->pending_key;
		f->pending_key = NULL;
	}
	f->items[f->count++] = child;
	return 0;
}

static int open_collection(struct builder *b, enum ytype t, const yaml_mark_t *m)
{
	struct ynode *n;
	struct frame *f;
	char msg[96];

	if (b->depth >= b->lim->max_depth ||
	    b->depth >= (int)(sizeof(b->stack) / sizeof(b->stack[0]))) {
		snprintf(msg, sizeof(msg),
			 "nesting deeper than %d levels", b->lim->max_depth);
		return fail_at(b, m, GPUADV_EDATA, msg, NULL);
	}
	n = new_node(b, t, m);
	if (!n)
		return gpuadv_error_set(b->err, GPUADV_ENOMEM, "out of memory");
	f = &b->stack[b->depth++];
	memset(f, 0, sizeof(*f));
	f->node = n;
	return 0;
}

static int close_collection(struct builder *b, const yaml_mark_t *m)
{
	struct frame *f = &b->stack[b->depth - 1];
	struct ynode *n = f->node;
	int rc = 0;

	n->count = f->count;
	if (f->count) {
		n->items = gpuadv_arena_calloc(b->arena, f->count, sizeof(*n->items));
		if (n->type == Y_MAP)
			n->keys = gpuadv_arena_calloc(b->arena, f->count,
						      sizeof(*n->keys));
		if (!n->items || (n->type == Y_MAP && !n->keys)) {
			rc = gpuadv_error_set(b->err, GPUADV_ENOMEM, "out of memory");
			goto done;
		}
		memcpy(n->items, f->items, f->count * sizeof(*n->items));
		if (n->type == Y_MAP)
			memcpy(n->keys, f->keys, f->count * sizeof(*n->keys));
	}
done:
	free(f->items);
	free(f->keys);
	memset(f, 0, sizeof(*f));
	b->depth--;
	if (rc == 0)
		rc = push_child(b, n, m);
	return rc;
}

static int scalar_event(struct builder *b, const yaml_event_t *ev)
{
	const yaml_mark_t *m = &ev->start_mark;
	size_t len = ev->data.scalar.length;
	struct ynode *n;
	char *v;

	if (len > b->lim->max_string) {
		char msg[96];

		snprintf(msg, sizeof(msg), "string longer than %zu bytes",
			 b->lim->max_string);
		return fail_at(b, m, GPUADV_EDATA, msg, NULL);
	}
	if (memchr(ev->data.scalar.value, '\0', len))
		return fail_at(b, m, GPUADV_EDATA, "string contains a NUL byte",
			       NULL);
	n = new_node(b, Y_SCALAR, m);
	v = n ? gpuadv_arena_alloc(b->arena, len + 1) : NULL;
	if (!v)
		return gpuadv_error_set(b->err, GPUADV_ENOMEM, "out of memory");
	memcpy(v, ev->data.scalar.value, len);
	n->value = v;
	n->plain = ev->data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
	return push_child(b, n, m);
}

static int handle_event(struct builder *b, const yaml_event_t *ev, int *docs)
{
	const yaml_mark_t *m = &ev->start_mark;

	switch (ev->type) {
	case YAML_DOCUMENT_START_EVENT:
		if (++*docs > 1)
			return fail_at(b, m, GPUADV_EDATA, "more than one document",
				       NULL);
		return 0;
	case YAML_ALIAS_EVENT:
		return fail_at(b, m, GPUADV_EDATA,
			       "YAML aliases ('*name') are not allowed", NULL);
	case YAML_SCALAR_EVENT:
		if (ev->data.scalar.anchor)
			return fail_at(b, m, GPUADV_EDATA,
				       "YAML anchors ('&name') are not allowed", NULL);
		if (ev->data.scalar.tag)
			return fail_at(b, m, GPUADV_EDATA,
				       "YAML tags ('!tag') are not allowed", NULL);
		return scalar_event(b, ev);
	case YAML_SEQUENCE_START_EVENT:
	case YAML_MAPPING_START_EVENT: {
		int is_seq = ev->type == YAML_SEQUENCE_START_EVENT;
		const yaml_char_t *anchor = is_seq ? ev->data.sequence_start.anchor
						   : ev->data.mapping_start.anchor;
		const yaml_char_t *tag = is_seq ? ev->data.sequence_start.tag
						: ev->data.mapping_start.tag;

		if (anchor)
			return fail_at(b, m, GPUADV_EDATA,
				       "YAML anchors ('&name') are not allowed", NULL);
		if (tag)
			return fail_at(b, m, GPUADV_EDATA,
				       "YAML tags ('!tag') are not allowed", NULL);
		return open_collection(b, is_seq ? Y_SEQ : Y_MAP, m);
	}
	case YAML_SEQUENCE_END_EVENT:
	case YAML_MAPPING_END_EVENT:
		return close_collection(b, m);
	default:
		return 0;
	}
}

int ytree_parse(struct ynode **out, struct gpuadv_arena *arena, const char *data,
		size_t len, const char *name, const struct ytree_limits *lim,
		struct gpuadv_error *err)
{
	struct builder b = { .arena = arena, .name = name, .lim = lim, .err = err };
	yaml_parser_t parser;
	yaml_event_t ev;
	int docs = 0, rc = 0, done = 0;

	*out = NULL;
	if (len > lim->max_bytes)
		return gpuadv_error_at(err, GPUADV_EDATA, name, 0, 0,
				       "file is larger than %zu bytes",
				       lim->max_bytes);
	if (!yaml_parser_initialize(&parser))
		return gpuadv_error_set(err, GPUADV_ENOMEM, "out of memory");
	yaml_parser_set_input_string(&parser, (const unsigned char *)data, len);
	yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING);
	while (!done) {
		if (!yaml_parser_parse(&parser, &ev)) {
			if (parser.error == YAML_MEMORY_ERROR)
				rc = gpuadv_error_set(err, GPUADV_ENOMEM,
						      "out of memory");
			else
				rc = fail_at(&b, &parser.problem_mark, GPUADV_EDATA,
					     "invalid YAML", parser.problem);
			goto done;
		}
		done = ev.type == YAML_STREAM_END_EVENT;
		rc = handle_event(&b, &ev, &docs);
		yaml_event_delete(&ev);
		if (rc)
			goto done;
	}
	if (!b.root) {
		rc = gpuadv_error_at(err, GPUADV_EDATA, name, 0, 0,
				     "empty document");
		goto done;
	}
	*out = b.root;
done:
	while (b.depth > 0) {
		struct frame *f = &b.stack[--b.depth];

		free(f->items);
		free(f->keys);
	}
	yaml_parser_delete(&parser);
	return rc;
}
