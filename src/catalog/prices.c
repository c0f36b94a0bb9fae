/*
 * prices.c - the strict loader of the price list (data/prices.yaml, schema
 * in docs/catalog.md, section prices.yaml): walks the YAML tree from
 * yamltree.c against a loaded catalogue and builds struct gpuadv_prices,
 * one slot per catalogue GPU. Every value is checked (basis, the keys that
 * basis allows, ranges, low <= usd <= high, dates, a source) and every
 * failure names file:line:column; nothing is handed over unless the whole
 * file is valid.
 */
#include "gpu_advisor/prices.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "catalog_internal.h"

#define POS GPUADV__YTREE_POSITIVE

static const char *const basis_names[GPUADV_PB_COUNT] = {
	[GPUADV_PB_NEW] = "new", [GPUADV_PB_USED] = "used",
	[GPUADV_PB_SYSTEM] = "system", [GPUADV_PB_CLOUD] = "cloud",
	[GPUADV_PB_OVERRIDE] = "override", [GPUADV_PB_CONFIG] = "config",
	[GPUADV_PB_LAUNCH] = "launch", [GPUADV_PB_UNKNOWN] = "unknown",
};

static const char *const want_names[GPUADV_WANT_COUNT] = {
	[GPUADV_WANT_ANY] = "any", [GPUADV_WANT_NEW] = "new",
	[GPUADV_WANT_USED] = "used", [GPUADV_WANT_CLOUD] = "cloud",
};

static const char *const sold_as_names[GPUADV_SOLD_COUNT] = {
	[GPUADV_SOLD_CARD] = "card", [GPUADV_SOLD_SYSTEM] = "system",
};

const char *gpuadv_price_basis_name(enum gpuadv_price_basis b)
{
	return (unsigned)b < GPUADV_PB_COUNT ? basis_names[b] : "?";
}

const char *gpuadv_price_want_name(enum gpuadv_price_want w)
{
	return (unsigned)w < GPUADV_WANT_COUNT ? want_names[w] : "?";
}

const char *gpuadv_sold_as_name(enum gpuadv_sold_as s)
{
	return (unsigned)s < GPUADV_SOLD_COUNT ? sold_as_names[s] : "?";
}

/* The keys each basis allows; the first ones are required. */
struct basis_keys {
	const char *const *allowed;
	const char *const *required;
};

static const char *const new_keys[] = { "basis", "usd", "as_of", "source",
	"low_usd", "high_usd", "note", NULL };
static const char *const new_req[] = { "basis", "usd", "as_of", "source", NULL };
static const char *const cloud_keys[] = { "basis", "usd_per_hour", "as_of", "source",
	"low_usd_per_hour", "high_usd_per_hour", "note", NULL };
static const char *const cloud_req[] = { "basis", "usd_per_hour", "as_of", "source", NULL };
static const char *const system_keys[] = { "basis", "system_usd", "gpus_per_system",
	"as_of", "source", "note", NULL };
static const char *const system_req[] = { "basis", "system_usd", "gpus_per_system",
	"as_of", "source", NULL };

static const struct basis_keys keys_of[4] = {
	[GPUADV_PB_NEW] = { new_keys, new_req },
	[GPUADV_PB_USED] = { new_keys, new_req },
	[GPUADV_PB_SYSTEM] = { system_keys, system_req },
	[GPUADV_PB_CLOUD] = { cloud_keys, cloud_req },
};

/* An optional positive number under key; NAN where absent. */
static int opt_amount(const struct gpuadv__ywalk *c, const struct ynode *m,
		      const char *key, double *out)
{
	const struct ynode *n = gpuadv__ytree_get(m, key);

	*out = NAN;
	return n ? gpuadv__ytree_number(c, n, key, POS, 1e9, false, out) : 0;
}

/* low <= usd <= high, in the words of the keys at fault. */
static int check_range(const struct gpuadv__ywalk *c, const struct ynode *m,
		       const struct gpuadv_price_entry *e, bool cloud)
{
	const char *u = cloud ? "usd_per_hour" : "usd";
	const char *lo = cloud ? "low_usd_per_hour" : "low_usd";
	const char *hi = cloud ? "high_usd_per_hour" : "high_usd";

	if (!isnan(e->low_usd) && !isnan(e->high_usd) && e->low_usd > e->high_usd)
		return gpuadv__ytree_fail(c, gpuadv__ytree_get(m, lo),
					  "'%s' %g is above '%s' %g", lo, e->low_usd, hi,
					  e->high_usd);
	if (!isnan(e->low_usd) && e->low_usd > e->usd)
		return gpuadv__ytree_fail(c, gpuadv__ytree_get(m, lo),
					  "'%s' %g is above '%s' %g", lo, e->low_usd, u, e->usd);
	if (!isnan(e->high_usd) && e->high_usd < e->usd)
		return gpuadv__ytree_fail(c, gpuadv__ytree_get(m, hi),
					  "'%s' %g is below '%s' %g", hi, e->high_usd, u, e->usd);
	return 0;
}

static int load_entry(const struct gpuadv__ywalk *c, const struct ynode *m,
		      struct gpuadv_price_entry *e, const char *gpu)
{
	static const char *const file_bases[] = { "new", "used", "system", "cloud" };
	static const char *const any[] = { "basis", "usd", "low_usd", "high_usd",
		"usd_per_hour", "low_usd_per_hour", "high_usd_per_hour", "system_usd",
		"gpus_per_system", "as_of", "source", "note", NULL };
	static const char *const need[] = { "basis", NULL };
	char what[128];
	int rc, b;

	if ((rc = gpuadv__ytree_want(c, m, Y_MAP, "prices[]")) ||
	    (rc = gpuadv__ytree_check_keys(c, m, any, need, "a price")) ||
	    (rc = gpuadv__ytree_choice(c, gpuadv__ytree_get(m, "basis"), "basis", file_bases, 4,
				       &b)))
		return rc;
	e->basis = (enum gpuadv_price_basis)b;
	snprintf(what, sizeof(what), "a '%s' price of GPU '%s'", file_bases[b], gpu);
	if ((rc = gpuadv__ytree_check_keys(c, m, keys_of[b].allowed, keys_of[b].required,
					   what)) ||
	    (rc = gpuadv__ytree_day_or_month(c, gpuadv__ytree_get(m, "as_of"), "as_of",
					     &e->as_of)) ||
	    (rc = gpuadv__ytree_string(c, gpuadv__ytree_get(m, "source"), "source",
				       &e->source)) ||
	    (rc = gpuadv__ytree_opt_string(c, m, "note", &e->note)))
		return rc;
	e->system_usd = e->gpus_per_system = NAN;
	switch (e->basis) {
	case GPUADV_PB_CLOUD:
		if ((rc = gpuadv__ytree_number(c, gpuadv__ytree_get(m, "usd_per_hour"),
					       "usd_per_hour", POS, 1e6, false, &e->usd)) ||
		    (rc = opt_amount(c, m, "low_usd_per_hour", &e->low_usd)) ||
		    (rc = opt_amount(c, m, "high_usd_per_hour", &e->high_usd)))
			return rc;
		return check_range(c, m, e, true);
	case GPUADV_PB_SYSTEM:
		e->low_usd = e->high_usd = NAN;
		if ((rc = gpuadv__ytree_number(c, gpuadv__ytree_get(m, "system_usd"), "system_usd",
					       POS, 1e10, false, &e->system_usd)) ||
		    (rc = gpuadv__ytree_number(c, gpuadv__ytree_get(m, "gpus_per_system"),
					       "gpus_per_system", 1, 1e5, true,
					       &e->gpus_per_system)))
			return rc;
		e->usd = e->system_usd / e->gpus_per_system;
		return 0;
	default:
		if ((rc = gpuadv__ytree_number(c, gpuadv__ytree_get(m, "usd"), "usd", POS, 1e9,
					       false, &e->usd)) ||
		    (rc = opt_amount(c, m, "low_usd", &e->low_usd)) ||
		    (rc = opt_amount(c, m, "high_usd", &e->high_usd)))
			return rc;
		return check_range(c, m, e, false);
	}
}

static const struct gpuadv_gpu *gpu_by_id(const struct gpuadv_catalog *cat, const char *id)
{
	size_t i;

	for (i = 0; i < cat->gpu_count; i++)
		if (strcmp(cat->gpus[i].id, id) == 0)
			return &cat->gpus[i];
	return NULL;
}

static int load_gpu(const struct gpuadv__ywalk *c, const struct ynode *m,
		    const struct gpuadv_catalog *cat, struct gpuadv_gpu_prices *slots,
		    const struct ynode **seen, size_t *entries)
{
	static const char *const keys[] = { "gpu", "sold_as", "prices", NULL };
	const struct ynode *list;
	const struct gpuadv_gpu *g;
	struct gpuadv_gpu_prices *p;
	struct gpuadv_price_entry *arr;
	const char *id;
	size_t i;
	int rc, sold;

	if ((rc = gpuadv__ytree_want(c, m, Y_MAP, "gpus[]")) ||
	    (rc = gpuadv__ytree_check_keys(c, m, keys, keys, "a GPU's prices")) ||
	    (rc = gpuadv__ytree_string(c, gpuadv__ytree_get(m, "gpu"), "gpu", &id)))
		return rc;
	if (!(g = gpu_by_id(cat, id)))
		return gpuadv__ytree_fail(c, gpuadv__ytree_get(m, "gpu"),
					  "unknown GPU id '%s' (the catalogue '%s' has no such id)",
					  id, cat->origin ? cat->origin : "?");
	p = &slots[g - cat->gpus];
	if (p->listed)
		return gpuadv__ytree_fail(c, gpuadv__ytree_get(m, "gpu"),
					  "GPU '%s' is listed twice (first at line %lu)", id,
					  seen[g - cat->gpus]->line);
	seen[g - cat->gpus] = m;
	if ((rc = gpuadv__ytree_choice(c, gpuadv__ytree_get(m, "sold_as"), "sold_as",
				       sold_as_names, GPUADV_SOLD_COUNT, &sold)))
		return rc;
	list = gpuadv__ytree_get(m, "prices");
	if ((rc = gpuadv__ytree_want(c, list, Y_SEQ, "prices")))
		return rc;
	if (list->count > GPUADV_PRICES_MAX_PER_GPU)
		return gpuadv__ytree_fail(c, list, "GPU '%s' has %zu prices, more than the limit of %d",
					  id, list->count, GPUADV_PRICES_MAX_PER_GPU);
	arr = gpuadv__arena_calloc(c->arena, list->count ? list->count : 1, sizeof(*arr));
	if (!arr)
		return gpuadv__ytree_oom(c);
	for (i = 0; i < list->count; i++)
		if ((rc = load_entry(c, list->items[i], &arr[i], id)))
			return rc;
	p->listed = true;
	p->sold_as = (enum gpuadv_sold_as)sold;
	p->entries = arr;
	p->count = list->count;
	*entries += list->count;
	return 0;
}

static int load_root(const struct gpuadv__ywalk *c, const struct ynode *root,
		     const struct gpuadv_catalog *cat, struct gpuadv_prices *out)
{
	static const char *const keys[] = { "schema_version", "as_of", "gpus", NULL };
	struct gpuadv_gpu_prices *slots;
	const struct ynode *gpus, **seen;
	double version;
	size_t i;
	int rc;

	if (root->type != Y_MAP)
		return gpuadv__ytree_fail(c, root, "the price list must be a mapping, got %s",
					  gpuadv__ytree_type_name(root->type));
	if ((rc = gpuadv__ytree_check_keys(c, root, keys, keys, "the price list")) ||
	    (rc = gpuadv__ytree_number(c, gpuadv__ytree_get(root, "schema_version"),
				       "schema_version", 1, 1e6, true, &version)))
		return rc;
	if (version != 1)
		return gpuadv__ytree_fail(c, gpuadv__ytree_get(root, "schema_version"),
					  "unsupported schema_version %g (this program reads 1)",
					  version);
	out->schema_version = 1;
	if ((rc = gpuadv__ytree_date(c, gpuadv__ytree_get(root, "as_of"), "as_of", &out->as_of)))
		return rc;
	gpus = gpuadv__ytree_get(root, "gpus");
	if ((rc = gpuadv__ytree_want(c, gpus, Y_SEQ, "gpus")))
		return rc;
	slots = gpuadv__arena_calloc(c->arena, cat->gpu_count ? cat->gpu_count : 1,
				     sizeof(*slots));
	seen = gpuadv__arena_calloc(c->arena, cat->gpu_count ? cat->gpu_count : 1,
				    sizeof(*seen));
	if (!slots || !seen)
		return gpuadv__ytree_oom(c);
	for (i = 0; i < gpus->count; i++)
		if ((rc = load_gpu(c, gpus->items[i], cat, slots, seen, &out->entry_count)))
			return rc;
	/* A GPU the list does not name keeps its form factor's sold_as. */
	for (i = 0; i < cat->gpu_count; i++)
		if (!slots[i].listed)
			slots[i].sold_as = gpuadv_gpu_sold_as(NULL, &cat->gpus[i]);
	out->gpus = slots;
	out->gpu_count = cat->gpu_count;
	return 0;
}

int gpuadv_prices_load(struct gpuadv_prices *out, const struct gpuadv_catalog *cat,
		       const char *data, size_t len, const char *name,
		       struct gpuadv_error *err)
{
	static const struct gpuadv__ytree_limits lim = {
		.max_depth = GPUADV_PRICES_MAX_DEPTH,
		.max_string = GPUADV_CATALOG_MAX_STRING,
		.max_items = GPUADV_CATALOG_MAX_ITEMS,
		.max_bytes = GPUADV_PRICES_MAX_BYTES,
	};
	struct gpuadv_prices p = { 0 };
	struct ynode *root;
	struct gpuadv__ywalk c;
	int rc;

	memset(out, 0, sizeof(*out));
	gpuadv_error_clear(err);
	if ((rc = gpuadv__ytree_begin(&p.arena, &p.origin, name, "<prices>", err)))
		return rc;
	c.name = p.origin;
	c.arena = p.arena;
	c.err = err;
	rc = gpuadv__ytree_parse(&root, p.arena, data, len, p.origin, &lim, err);
	if (rc == 0)
		rc = load_root(&c, root, cat, &p);
	if (rc) {
		gpuadv__arena_free(p.arena);
		return rc;
	}
	*out = p;
	return 0;
}

void gpuadv_prices_release(struct gpuadv_prices *p)
{
	if (!p)
		return;
	gpuadv__arena_free(p->arena);
	memset(p, 0, sizeof(*p));
}

int gpuadv_prices_rebind(struct gpuadv_prices *out, const struct gpuadv_catalog *to,
			 const struct gpuadv_catalog *from, struct gpuadv_error *err)
{
	struct gpuadv_prices p = { 0 };
	struct gpuadv_gpu_prices *slots;
	size_t i, j;
	int rc;

	memset(out, 0, sizeof(*out));
	if (!from->prices)
		return 0;
	if ((rc = gpuadv__ytree_begin(&p.arena, &p.origin, from->prices->origin, "<prices>",
				      err)))
		return rc;
	slots = gpuadv__arena_calloc(p.arena, to->gpu_count ? to->gpu_count : 1, sizeof(*slots));
	if (!slots) {
		gpuadv__arena_free(p.arena);
		return gpuadv_error_set(err, GPUADV_ENOMEM, "out of memory");
	}
	for (i = 0; i < to->gpu_count; i++) {
		const struct gpuadv_gpu_prices *src = NULL;

		/* Catalogues list GPUs in the same order as a rule: try the
		 * same index first. */
		if (i < from->gpu_count && !strcmp(from->gpus[i].id, to->gpus[i].id))
			src = gpuadv_gpu_prices(from, &from->gpus[i]);
		for (j = 0; !src && j < from->gpu_count; j++)
			if (!strcmp(from->gpus[j].id, to->gpus[i].id))
				src = gpuadv_gpu_prices(from, &from->gpus[j]);
		if (src) {
			slots[i] = *src;
			p.entry_count += src->count;
		} else {
			slots[i].sold_as = gpuadv_gpu_sold_as(NULL, &to->gpus[i]);
		}
	}
	p.schema_version = from->prices->schema_version;
	p.as_of = from->prices->as_of;
	p.gpus = slots;
	p.gpu_count = to->gpu_count;
	*out = p;
	return 0;
}
