/*
 * models_resolve.c - names of models and quantisations: the sorted index of
 * normalised ids, names and aliases the loader builds, lookups by what a
 * person types, and did-you-mean suggestions when nothing matches.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "catalog_internal.h"
#include "models_internal.h"

int gpuadv__models_name_cmp(const void *a, const void *b)
{
	return strcmp(((const struct gpuadv_models_name *)a)->norm,
		      ((const struct gpuadv_models_name *)b)->norm);
}

static const char *entry_id(const struct gpuadv_models *ms, bool quants, size_t i)
{
	return quants ? ms->quants[i].id : ms->models[i].id;
}

static const char *ynode_key(const struct ynode *map, const char *key,
			     const struct ynode **at)
{
	size_t i;

	for (i = 0; i < map->count; i++)
		if (strcmp(map->keys[i]->value, key) == 0) {
			*at = map->items[i];
			return map->items[i]->value;
		}
	*at = map;
	return NULL;
}

int gpuadv__models_index(struct gpuadv_models *ms, const struct ynode *seq,
			 bool quants, const char *origin, struct gpuadv_error *err)
{
	size_t n = quants ? ms->quant_count : ms->model_count, total = 0, k = 0, i, j, out;
	struct gpuadv_models_index *ix;
	struct gpuadv_models_name *e;
	char buf[GPUADV_MODELS_MAX_STRING + 1];

	for (i = 0; i < n; i++)
		total += 2 + (quants ? ms->quants[i].aliases.count
				     : ms->models[i].aliases.count);
	ix = gpuadv__arena_alloc(ms->arena, sizeof(*ix));
	e = gpuadv__arena_calloc(ms->arena, total, sizeof(*e));
	if (!ix || !e)
		return gpuadv_error_set(err, GPUADV_ENOMEM, "out of memory");
	for (i = 0; i < n; i++) {
		const struct gpuadv_strlist *al = quants ? &ms->quants[i].aliases
							 : &ms->models[i].aliases;
		const struct ynode *m = seq->items[i], *at, *als = NULL;

		for (j = 0; j < 2 + al->count; j++) {
			const char *name;

			if (j < 2) {
				name = ynode_key(m, j ? "name" : "id", &at);
			} else {
				if (!als)
					ynode_key(m, "aliases", &als);
				at = als->items[j - 2];
				name = al->items[j - 2];
			}
			if (!gpuadv_name_normalize(buf, sizeof(buf), name) || !buf[0])
				return gpuadv_error_at(err, GPUADV_EDATA, origin, at->line,
						       at->column,
						       "name '%.100s' has no letters or digits",
						       name);
			e[k].norm = gpuadv__arena_strdup(ms->arena, buf);
			if (!e[k].norm)
				return gpuadv_error_set(err, GPUADV_ENOMEM, "out of memory");
			e[k].index = i;
			e[k].line = at->line;
			e[k].column = at->column;
			k++;
		}
	}
	qsort(e, k, sizeof(*e), gpuadv__models_name_cmp);
	for (i = 0, out = 0; i < k; i++) {
		if (out && strcmp(e[out - 1].norm, e[i].norm) == 0) {
			const struct gpuadv_models_name *a = &e[out - 1], *b = &e[i];

			if (a->index == b->index)
				continue;
			if (a->line > b->line) {
				const struct gpuadv_models_name *t = a;

				a = b;
				b = t;
			}
			if (!strcmp(entry_id(ms, quants, a->index),
				    entry_id(ms, quants, b->index)))
				return gpuadv_error_at(err, GPUADV_EDATA, origin, b->line,
						       b->column,
						       "duplicate %s id '%s' (first at line %lu)",
						       quants ? "quantization" : "model",
						       entry_id(ms, quants, b->index), a->line);
			return gpuadv_error_at(err, GPUADV_EDATA, origin, b->line, b->column,
					       "name '%s' of %s '%s' is already used by '%s' "
					       "(line %lu)", b->norm,
					       quants ? "quantization" : "model",
					       entry_id(ms, quants, b->index),
					       entry_id(ms, quants, a->index), a->line);
		}
		e[out++] = e[i];
	}
	ix->entries = e;
	ix->count = out;
	if (quants)
		ms->quant_names = ix;
	else
		ms->model_names = ix;
	return 0;
}

/* The index of name's entry, or -1 with err filled: "unknown <what> 'x';
 * did you mean 'a', 'b' or 'c'?". */
static long lookup(const struct gpuadv_models *ms, bool quants, const char *name,
		   struct gpuadv_error *err)
{
	const struct gpuadv_models_index *ix = quants ? ms->quant_names : ms->model_names;
	struct gpuadv_models_name key, *hit;
	struct gpuadv__suggest s = { .count = 0 };
	char norm[GPUADV_MODELS_MAX_STRING + 1];
	size_t i;

	if (ix && gpuadv_name_normalize(norm, sizeof(norm), name) && norm[0]) {
		key.norm = norm;
		hit = bsearch(&key, ix->entries, ix->count, sizeof(*ix->entries),
			      gpuadv__models_name_cmp);
		if (hit)
			return (long)hit->index;
		gpuadv__suggest_init(&s, norm);
		for (i = 0; i < ix->count; i++)
			gpuadv__suggest_offer(&s, ix->entries[i].norm,
					      entry_id(ms, quants, ix->entries[i].index));
	}
	gpuadv__suggest_error(&s, err, quants ? "quantisation" : "model", name,
			      quants ? "quant" : "model");
	return -1;
}

const struct gpuadv_model_spec *gpuadv_models_find(const struct gpuadv_models *ms,
						   const char *name,
						   struct gpuadv_error *err)
{
	long i = lookup(ms, false, name, err);

	return i < 0 ? NULL : &ms->models[i];
}

const struct gpuadv_quant *gpuadv_models_find_quant(const struct gpuadv_models *ms,
						    const char *name,
						    struct gpuadv_error *err)
{
	long i = lookup(ms, true, name, err);

	return i < 0 ? NULL : &ms->quants[i];
}
