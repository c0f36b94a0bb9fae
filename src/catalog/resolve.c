/*
 * resolve.c - finding things in a loaded catalogue: a GPU by what a person
 * types (id, alias or name in any case, with or without spaces and
 * hyphens, through the name index of names.c) and, when nothing matches,
 * the closest names to suggest; an architecture by id or name; a workload
 * by id.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "catalog_internal.h"

/* Optimal string alignment distance (Levenshtein plus transpositions),
 * capped at 64-character inputs: longer ones are never close anyway. */
static unsigned osa_distance(const char *a, size_t la, const char *b, size_t lb)
{
	unsigned d[65][65];
	size_t i, j;

	if (la > 64 || lb > 64)
		return 1000;
	for (i = 0; i <= la; i++)
		d[i][0] = (unsigned)i;
	for (j = 0; j <= lb; j++)
		d[0][j] = (unsigned)j;
	for (i = 1; i <= la; i++) {
		for (j = 1; j <= lb; j++) {
			unsigned cost = a[i - 1] != b[j - 1];
			unsigned best = d[i - 1][j] + 1;

			if (d[i][j - 1] + 1 < best)
				best = d[i][j - 1] + 1;
			if (d[i - 1][j - 1] + cost < best)
				best = d[i - 1][j - 1] + cost;
			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] &&
			    a[i - 2] == b[j - 1] && d[i - 2][j - 2] + 1 < best)
				best = d[i - 2][j - 2] + 1;
			d[i][j] = best;
		}
	}
	return d[la][lb];
}

/* How far a typed name is from a catalogue name: the edit distance, or the
 * distance to the catalogue name's prefix plus one, so that 'rtx3900' is
 * near both 'rtx3090' and 'rtx3090ti'. */
unsigned gpuadv__name_distance(const char *typed, const char *norm)
{
	size_t lt = strlen(typed), ln = strlen(norm);
	unsigned d = osa_distance(typed, lt, norm, ln);

	if (ln > lt) {
		unsigned p = osa_distance(typed, lt, norm, lt) + 1;

		if (p < d)
			d = p;
	}
	return d;
}

#define MAX_SUGGEST 3

const struct gpuadv_gpu *gpuadv_catalog_find_gpu(const struct gpuadv_catalog *cat,
						 const char *name,
						 struct gpuadv_error *err)
{
	const struct gpuadv_name_index *ix = cat->names;
	const struct gpuadv_gpu *best[MAX_SUGGEST];
	unsigned bestd[MAX_SUGGEST], limit;
	struct gpuadv_name_entry key, *hit;
	char norm[GPUADV_CATALOG_MAX_STRING + 1], msg[GPUADV_ERROR_MSG_MAX];
	size_t i, nbest = 0, used;

	if (!ix || !gpuadv_name_normalize(norm, sizeof(norm), name) || !norm[0]) {
		gpuadv_error_set(err, GPUADV_EUSAGE, "unknown GPU '%.200s'", name);
		return NULL;
	}
	key.norm = norm;
	hit = bsearch(&key, ix->entries, ix->count, sizeof(*ix->entries),
		      gpuadv__name_entry_cmp);
	if (hit)
		return hit->gpu;

	/* Suggest up to three GPUs within a distance that grows with length. */
	limit = strlen(norm) >= 6 ? 3 : 2;
	for (i = 0; i < ix->count; i++) {
		const struct gpuadv_gpu *g = ix->entries[i].gpu;
		unsigned d = gpuadv__name_distance(norm, ix->entries[i].norm);
		size_t k, pos;

		if (d > limit)
			continue;
		for (k = 0; k < nbest && best[k] != g; k++)
			;
		if (k < nbest) { /* seen through another name: keep the closer */
			if (d >= bestd[k])
				continue;
			memmove(&best[k], &best[k + 1], (nbest - k - 1) * sizeof(*best));
			memmove(&bestd[k], &bestd[k + 1], (nbest - k - 1) * sizeof(*bestd));
			nbest--;
		}
		for (pos = 0; pos < nbest; pos++)
			if (d < bestd[pos] ||
			    (d == bestd[pos] && strcmp(g->id, best[pos]->id) < 0))
				break;
		if (pos >= MAX_SUGGEST)
			continue;
		if (nbest == MAX_SUGGEST)
			nbest--;
		memmove(&best[pos + 1], &best[pos], (nbest - pos) * sizeof(*best));
		memmove(&bestd[pos + 1], &bestd[pos], (nbest - pos) * sizeof(*bestd));
		best[pos] = g;
		bestd[pos] = d;
		nbest++;
	}
	used = (size_t)snprintf(msg, sizeof(msg), "unknown GPU '%.200s'", name);
	for (i = 0; i < nbest && used < sizeof(msg); i++)
		used += (size_t)snprintf(msg + used, sizeof(msg) - used, "%s'%s'%s",
					 i == 0 ? "; did you mean "
					 : i + 1 == nbest ? " or " : ", ",
					 best[i]->id, i + 1 == nbest ? "?" : "");
	gpuadv_error_set(err, GPUADV_EUSAGE, "%s", msg);
	if (err)
		snprintf(err->field, sizeof(err->field), "gpu");
	return NULL;
}

const struct gpuadv_arch *gpuadv_catalog_find_arch(const struct gpuadv_catalog *cat,
						   const char *name)
{
	char want[128], have[128];
	size_t i;

	if (!gpuadv_name_normalize(want, sizeof(want), name))
		return NULL;
	for (i = 0; i < cat->arch_count; i++) {
		const struct gpuadv_arch *a = &cat->archs[i];

		if ((gpuadv_name_normalize(have, sizeof(have), a->id) &&
		     !strcmp(have, want)) ||
		    (gpuadv_name_normalize(have, sizeof(have), a->name) &&
		     !strcmp(have, want)))
			return a;
	}
	return NULL;
}

const struct gpuadv_workload *
gpuadv_catalog_find_workload(const struct gpuadv_catalog *cat, const char *id)
{
	size_t i;

	for (i = 0; i < cat->workload_count; i++)
		if (strcmp(cat->workloads[i].id, id) == 0)
			return &cat->workloads[i];
	return NULL;
}
