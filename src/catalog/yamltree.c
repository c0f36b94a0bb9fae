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
	const struct gpuadv__ytree_limits *lim;
	struct gpuadv_error *err;
	struct frame stack[16];
	int depth;
	size_t items;
	struct ynode *root;
};

const char *gpuadv__ytree_type_name(enum ytype t)
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
	struct ynode *n = gpuadv__arena_alloc(b->arena, sizeof(*n));

	if (n) {
		n->type = t;
		n->line = m->line + 1;
		n->column = m->column + 1;
	}
	return n;
}

#define SMALL_MAP 32

static int duplicate_key(struct builder *b, const struct ynode *dup,
			 const struct ynode *first)
{
	return gpuadv_error_at(b->err, GPUADV_EDATA, b->name, dup->line, dup->column,
			       "duplicate key '%.200s' (first at line %lu)", dup->value,
			       first->line);
}

static int key_cmp(const void *pa, const void *pb)
{
	const struct ynode *a = *(const struct ynode *const *)pa;
	const struct ynode *b = *(const struct ynode *const *)pb;
	int c = strcmp(a->value, b->value);

	if (c)
		return c;
	return a->line != b->line ? (a->line < b->line ? -1 : 1)
				  : (a->column < b->column ? -1 : a->column > b->column);
}

/* A large mapping's duplicate keys: sort a copy; report the duplicate that
 * comes first in the file. */
static int check_large_map(struct builder *b, struct ynode **keys, size_t n)
{
	struct ynode **sorted = malloc(n * sizeof(*sorted));
	const struct ynode *dup = NULL, *first = NULL;
	size_t i;

	if (!sorted)
		return gpuadv_error_set(b->err, GPUADV_ENOMEM, "out of memory");
	memcpy(sorted, keys, n * sizeof(*sorted));
	qsort(sorted, n, sizeof(*sorted), key_cmp);
	for (i = 1; i < n; i++) {
		if (strcmp(sorted[i]->value, sorted[i - 1]->value))
			continue;
		if (!dup || sorted[i]->line < dup->line ||
		    (sorted[i]->line == dup->line && sorted[i]->column < dup->column)) {
			size_t j = i - 1;

			while (j > 0 && !strcmp(sorted[j - 1]->value, sorted[i]->value))
				j--;
			dup = sorted[i];
			first = sorted[j];
		}
	}
	free(sorted);
	return dup ? duplicate_key(b, dup, first) : 0;
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
		/* Small mappings (every one the schema has) are checked for
		 * duplicate keys here; large ones when they close, by sorting,
		 * so that a hostile file cannot make this quadratic. */
		for (i = 0; f->count <= SMALL_MAP && i < f->count; i++)
			if (strcmp(f->keys[i]->value, child->value) == 0)
				return duplicate_key(b, child, f->keys[i]);
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
	if (n->type == Y_MAP && f->count > SMALL_MAP &&
	    (rc = check_large_map(b, f->keys, f->count)))
		goto done;
	if (f->count) {
		n->items = gpuadv__arena_calloc(b->arena, f->count, sizeof(*n->items));
		if (n->type == Y_MAP)
			n->keys = gpuadv__arena_calloc(b->arena, f->count,
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

/*
 * No control character (gpuadv_control: C0, DEL, C1, and the bidirectional
 * controls such as U+202E) in any string, key or value: names and notes
 * reach terminals, and a catalogue must not drive one or reorder what it
 * shows (issue 9). libyaml refuses C0 raw; this catches the escapes of
 * double-quoted scalars ("\e", "\x85", "\t", "\n", "\u202e"), raw NEL and
 * raw bidirectional controls. The text is UTF-8 (libyaml checked).
 */
static int check_controls(struct builder *b, const yaml_mark_t *m,
			  const unsigned char *s, size_t len)
{
	char msg[64];
	long cp = -1;
	size_t i, n;

	for (i = 0; i < len && cp < 0; i += n) {
		n = gpuadv_utf8_len((const char *)s + i, len - i);
		if (n == 0)
			n = 1;
		else
			cp = gpuadv_control((const char *)s + i, n);
	}
	if (cp < 0)
		return 0;
	snprintf(msg, sizeof(msg), "string contains control character U+%04lX",
		 (unsigned long)cp);
	return fail_at(b, m, GPUADV_EDATA, msg, NULL);
}

static int scalar_event(struct builder *b, const yaml_event_t *ev)
{
	const yaml_mark_t *m = &ev->start_mark;
	size_t len = ev->data.scalar.length;
	struct ynode *n;
	char *v;
	int rc;

	if (len > b->lim->max_string) {
		char msg[96];

		snprintf(msg, sizeof(msg), "string longer than %zu bytes",
			 b->lim->max_string);
		return fail_at(b, m, GPUADV_EDATA, msg, NULL);
	}
	if (memchr(ev->data.scalar.value, '\0', len))
		return fail_at(b, m, GPUADV_EDATA, "string contains a NUL byte",
			       NULL);
	if ((rc = check_controls(b, m, ev->data.scalar.value, len)))
		return rc;
	n = new_node(b, Y_SCALAR, m);
	v = n ? gpuadv__arena_alloc(b->arena, len + 1) : NULL;
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

/* libyaml gives encoding errors (invalid UTF-8, control characters) a byte
 * offset but no line and column: count them. */
static int reader_error(struct builder *b, const yaml_parser_t *p,
			const char *data, size_t len)
{
	unsigned long line = 1, column = 1;
	size_t i, end = p->problem_offset < len ? p->problem_offset : len;

	for (i = 0; i < end; i++) {
		if (data[i] == '\n') {
			line++;
			column = 1;
		} else if (((unsigned char)data[i] & 0xc0) != 0x80) {
			column++; /* count characters, not continuation bytes */
		}
	}
	return gpuadv_error_at(b->err, GPUADV_EDATA, b->name, line, column,
			       "invalid text: %s", p->problem ? p->problem : "bad encoding");
}

int gpuadv__ytree_begin(struct gpuadv_arena **arena, const char **origin, const char *name,
		const char *dflt, struct gpuadv_error *err)
{
	*origin = NULL;
	*arena = gpuadv__arena_new();
	if (*arena && (*origin = gpuadv__arena_strdup(*arena, name ? name : dflt)))
		return 0;
	gpuadv__arena_free(*arena);
	*arena = NULL;
	return gpuadv_error_set(err, GPUADV_ENOMEM, "out of memory");
}

int gpuadv__ytree_parse(struct ynode **out, struct gpuadv_arena *arena, const char *data,
		size_t len, const char *name, const struct gpuadv__ytree_limits *lim,
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
			else if (parser.error == YAML_READER_ERROR)
				rc = reader_error(&b, &parser, data, len);
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
