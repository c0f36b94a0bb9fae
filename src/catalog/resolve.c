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

void gpuadv__suggest_init(struct gpuadv__suggest *s, const char *typed)
{
	s->typed = typed;
	s->limit = strlen(typed) >= 6 ? 3 : 2;
	s->count = 0;
}

void gpuadv__suggest_offer(struct gpuadv__suggest *s, const char *norm, const char *id)
{
	unsigned d = gpuadv__name_distance(s->typed, norm);
	size_t k, pos, n = s->count;

	if (d > s->limit)
		return;
	for (k = 0; k < n && strcmp(s->id[k], id) != 0; k++)
		;
	if (k < n) { /* seen through another name: keep the closer */
		if (d >= s->dist[k])
			return;
		memmove(&s->id[k], &s->id[k + 1], (n - k - 1) * sizeof(*s->id));
		memmove(&s->dist[k], &s->dist[k + 1], (n - k - 1) * sizeof(*s->dist));
		n--;
	}
	for (pos = 0; pos < n; pos++)
		if (d < s->dist[pos] || (d == s->dist[pos] && strcmp(id, s->id[pos]) < 0))
			break;
	if (pos < GPUADV__SUGGEST_MAX) {
		if (n == GPUADV__SUGGEST_MAX)
			n--;
		memmove(&s->id[pos + 1], &s->id[pos], (n - pos) * sizeof(*s->id));
		memmove(&s->dist[pos + 1], &s->dist[pos], (n - pos) * sizeof(*s->dist));
		s->id[pos] = id;
		s->dist[pos] = d;
		n++;
	}
	s->count = n;
}

int gpuadv__suggest_error(const struct gpuadv__suggest *s, struct gpuadv_error *err,
			  const char *what, const char *name, const char *field)
{
	char msg[GPUADV_ERROR_MSG_MAX];
	size_t i, used;
	int rc;

	used = (size_t)snprintf(msg, sizeof(msg), "unknown %s '%.200s'", what, name);
	for (i = 0; i < s->count && used < sizeof(msg); i++)
		used += (size_t)snprintf(msg + used, sizeof(msg) - used, "%s'%s'%s",
					 i == 0 ? "; did you mean "
					 : i + 1 == s->count ? " or " : ", ",
					 s->id[i], i + 1 == s->count ? "?" : "");
	rc = gpuadv_error_set(err, GPUADV_EUSAGE, "%s", msg);
	if (err)
		snprintf(err->field, sizeof(err->field), "%s", field);
	return rc;
}

const struct gpuadv_gpu *gpuadv_catalog_find_gpu(const struct gpuadv_catalog *cat,
						 const char *name,
						 struct gpuadv_error *err)
{
	const struct gpuadv_name_index *ix = cat->names;
	struct gpuadv_name_entry key, *hit;
	struct gpuadv__suggest s;
	char norm[GPUADV_CATALOG_MAX_STRING + 1];
	size_t i;

	if (!ix || !gpuadv_name_normalize(norm, sizeof(norm), name) || !norm[0]) {
		gpuadv_error_set(err, GPUADV_EUSAGE, "unknown GPU '%.200s'", name);
		return NULL;
	}
	key.norm = norm;
	hit = bsearch(&key, ix->entries, ix->count, sizeof(*ix->entries),
		      gpuadv__name_entry_cmp);
	if (hit)
		return hit->gpu;
	gpuadv__suggest_init(&s, norm);
	for (i = 0; i < ix->count; i++)
		gpuadv__suggest_offer(&s, ix->entries[i].norm, ix->entries[i].gpu->id);
	gpuadv__suggest_error(&s, err, "GPU", name, "gpu");
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
