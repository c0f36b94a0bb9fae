/*
 * names.c - the name index: every GPU's id, name and aliases, normalised
 * (lowercase, no spaces, hyphens or underscores) and sorted, so that
 * resolve.c finds a GPU by a binary search; built once by the loader,
 * which refuses two GPUs sharing a name.
 */
#include <stdlib.h>
#include <string.h>

#include "base/sort.h"
#include "catalog_internal.h"

bool gpuadv_name_normalize(char *buf, size_t size, const char *name)
{
	size_t j = 0;

	for (; *name; name++) {
		unsigned char ch = (unsigned char)*name;

		if (ch == ' ' || ch == '-' || ch == '_' || ch == '\t')
			continue;
		if (j + 1 >= size)
			return false;
		buf[j++] = (ch >= 'A' && ch <= 'Z') ? (char)(ch - 'A' + 'a') : (char)ch;
	}
	if (size == 0)
		return false;
	buf[j] = '\0';
	return true;
}

int gpuadv__name_entry_cmp(const void *a, const void *b)
{
	return strcmp(((const struct gpuadv_name_entry *)a)->norm,
		      ((const struct gpuadv_name_entry *)b)->norm);
}

static int name_cmp(const void *a, const void *b, void *ctx)
{
	(void)ctx;
	return gpuadv__name_entry_cmp(a, b);
}

static int add_name(const struct gpuadv__ywalk *c, struct gpuadv_name_entry *e, size_t *n,
		    const struct gpuadv_gpu *g, const struct ynode *at,
		    const char *name)
{
	char buf[GPUADV_CATALOG_MAX_STRING + 1];

	if (!gpuadv_name_normalize(buf, sizeof(buf), name) || !buf[0])
		return gpuadv__ytree_fail(c, at, "GPU name '%s' has no letters or digits", name);
	e[*n].norm = gpuadv__arena_strdup(c->arena, buf);
	if (!e[*n].norm)
		return gpuadv__ytree_oom(c);
	e[*n].gpu = g;
	e[*n].line = at->line;
	e[*n].column = at->column;
	(*n)++;
	return 0;
}

int gpuadv__names_build(const struct gpuadv__ywalk *c, struct gpuadv_catalog *cat,
			const struct ynode *gpus)
{
	struct gpuadv_name_entry *e;
	size_t total = 0, n = 0, i, j, out;
	int rc;

	for (i = 0; i < cat->gpu_count; i++)
		total += 2 + cat->gpus[i].aliases.count;
	cat->names = gpuadv__arena_alloc(c->arena, sizeof(*cat->names));
	e = gpuadv__arena_calloc(c->arena, total ? total : 1, sizeof(*e));
	if (!cat->names || !e)
		return gpuadv__ytree_oom(c);
	for (i = 0; i < cat->gpu_count; i++) {
		const struct gpuadv_gpu *g = &cat->gpus[i];
		const struct ynode *m = gpus->items[i];
		const struct ynode *al = gpuadv__ytree_get(m, "aliases");

		if ((rc = add_name(c, e, &n, g, gpuadv__ytree_get(m, "id"), g->id)) ||
		    (rc = add_name(c, e, &n, g, gpuadv__ytree_get(m, "name"), g->name)))
			return rc;
		for (j = 0; j < g->aliases.count; j++)
			if ((rc = add_name(c, e, &n, g, al->items[j],
					   g->aliases.items[j])))
				return rc;
	}
	/* Not qsort: glibc's quietly sorts in place when its scratch buffer
	 * cannot be allocated, which the allocation-failure tests flag. */
	if (gpuadv__sort(e, n, sizeof(*e), name_cmp, NULL))
		return gpuadv__ytree_oom(c);
	/* Keep one entry per name; two GPUs sharing a name is an error. */
	for (i = 0, out = 0; i < n; i++) {
		if (out && strcmp(e[out - 1].norm, e[i].norm) == 0) {
			const struct gpuadv_name_entry *a = &e[out - 1], *b = &e[i];

			if (a->gpu != b->gpu) {
				if (a->line > b->line ||
				    (a->line == b->line && a->column > b->column)) {
					const struct gpuadv_name_entry *t = a;

					a = b;
					b = t;
				}
				if (!strcmp(a->gpu->id, b->gpu->id))
					return gpuadv_error_at(c->err, GPUADV_EDATA, c->name,
						b->line, b->column,
						"duplicate GPU id '%s' (first at line %lu)",
						b->gpu->id, a->line);
				return gpuadv_error_at(c->err, GPUADV_EDATA, c->name,
					b->line, b->column,
					"name '%s' of GPU '%s' is already used by GPU '%s' (line %lu)",
					b->norm, b->gpu->id, a->gpu->id, a->line);
			}
			continue;
		}
		e[out++] = e[i];
	}
	cat->names->entries = e;
	cat->names->count = out;
	return 0;
}

