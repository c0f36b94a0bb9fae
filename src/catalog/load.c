/*
 * load.c - the strict catalogue loader: walks the YAML tree from
 * yamltree.c against the schema in docs/catalog.md (its tables in
 * schema.c) and builds the structs of catalog.h, the name index (names.c)
 * and each benchmark's link to the reference GPU's. Every value is checked (type, range, finiteness, references,
 * uniqueness) and every failure names file:line:column. Nothing is handed to
 * the caller unless the whole file is valid.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "base/sort.h"
#include "catalog_internal.h"

#define POS GPUADV__YTREE_POSITIVE

static bool valid_id(const char *s)
{
	size_t n = 0;

	for (; *s; s++, n++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') ||
		      *s == '-'))
			return false;
	return n > 0 && n <= 64;
}

static int get_id(const struct gpuadv__ywalk *c, const struct ynode *map, const char *what,
		  const char **out)
{
	const struct ynode *n = gpuadv__ytree_get(map, "id");
	char buf[64];
	int rc = gpuadv__ytree_string(c, n, "id", out);

	if (rc)
		return rc;
	if (!valid_id(*out))
		return gpuadv__ytree_fail(c, n,
			    "%s id must be 1-64 lowercase letters, digits or '-', got '%s'",
			    what, gpuadv__ytree_shown(n, buf, sizeof(buf)));
	return 0;
}

/* ---- architectures ------------------------------------------------------ */

static int load_arch(const struct gpuadv__ywalk *c, const struct ynode *m, struct gpuadv_arch *a)
{
	static const char *const keys[] = { "id", "name", "year",
		"compute_capability", "tensor_core_generation", "tensor_precisions",
		"memory_types", "summary", NULL };
	const struct ynode *n;
	size_t i;
	int rc, p;

	if ((rc = gpuadv__ytree_want(c, m, Y_MAP, "architectures[]")) ||
	    (rc = gpuadv__ytree_check_keys(c, m, keys, keys, "architecture")) ||
	    (rc = get_id(c, m, "architecture", &a->id)) ||
	    (rc = gpuadv__ytree_string(c, gpuadv__ytree_get(m, "name"), "name", &a->name)) ||
	    (rc = gpuadv__ytree_number(c, gpuadv__ytree_get(m, "year"), "year", 1990, 2100, true,
			     &a->year)) ||
	    (rc = gpuadv__ytree_string(c, gpuadv__ytree_get(m, "compute_capability"),
			     "compute_capability", &a->compute_capability)) ||
	    (rc = gpuadv__ytree_number(c, gpuadv__ytree_get(m, "tensor_core_generation"),
			     "tensor_core_generation", 0, 10, true,
			     &a->tensor_core_generation)) ||
	    (rc = gpuadv__ytree_strlist(c, gpuadv__ytree_get(m, "memory_types"), "memory_types",
			      &a->memory_types)) ||
	    (rc = gpuadv__ytree_string(c, gpuadv__ytree_get(m, "summary"), "summary", &a->summary)))
		return rc;
	n = gpuadv__ytree_get(m, "tensor_precisions");
	if ((rc = gpuadv__ytree_want(c, n, Y_SEQ, "tensor_precisions")))
		return rc;
	for (i = 0; i < n->count; i++) {
		rc = gpuadv__ytree_choice(c, n->items[i], "tensor_precisions",
				gpuadv__precision_names, GPUADV_PRECISION_COUNT, &p);
		if (rc)
			return rc;
		a->tensor_precisions |= 1u << p;
	}
	return 0;
}

/* ---- workloads ---------------------------------------------------------- */

static int load_model(const struct gpuadv__ywalk *c, const struct ynode *m, struct gpuadv_model *out)
{
	const char *keys[GPUADV_MODEL_MAX_PARAMS + 1];
	size_t i;
	int rc;

	if ((rc = gpuadv__ytree_want(c, m, Y_MAP, "model")))
		return rc;
	for (i = 0; gpuadv_model_params[i].key && i < GPUADV_MODEL_MAX_PARAMS; i++)
		keys[i] = gpuadv_model_params[i].key;
	keys[i] = NULL;
	if ((rc = gpuadv__ytree_check_keys(c, m, keys, keys, "model")))
		return rc;
	for (i = 0; keys[i]; i++) {
		rc = gpuadv__ytree_number(c, gpuadv__ytree_get(m, keys[i]), keys[i],
				gpuadv_model_params[i].min,
				gpuadv_model_params[i].max, false, &out->p[i]);
		if (rc)
			return rc;
	}
	return 0;
}

static int load_workload(const struct gpuadv__ywalk *c, const struct ynode *m,
			 struct gpuadv_workload *w)
{
	static const char *const keys[] = { "id", "name", "description",
		"networks", "task", "default_precision", "suggested_memory_gb",
		"memory_reason", "model", NULL };
	int rc, task, prec;

	if ((rc = gpuadv__ytree_want(c, m, Y_MAP, "workloads[]")) ||
	    (rc = gpuadv__ytree_check_keys(c, m, keys, keys, "workload")) ||
	    (rc = get_id(c, m, "workload", &w->id)) ||
	    (rc = gpuadv__ytree_string(c, gpuadv__ytree_get(m, "name"), "name", &w->name)) ||
	    (rc = gpuadv__ytree_string(c, gpuadv__ytree_get(m, "description"), "description",
			     &w->description)) ||
	    (rc = gpuadv__ytree_strlist(c, gpuadv__ytree_get(m, "networks"), "networks", &w->networks)) ||
	    (rc = gpuadv__ytree_choice(c, gpuadv__ytree_get(m, "task"), "task", gpuadv__task_names,
			     GPUADV_TASK_COUNT, &task)) ||
	    (rc = gpuadv__ytree_choice(c, gpuadv__ytree_get(m, "default_precision"),
			     "default_precision", gpuadv__precision_names,
			     GPUADV_PRECISION_COUNT, &prec)) ||
	    (rc = gpuadv__ytree_number(c, gpuadv__ytree_get(m, "suggested_memory_gb"),
			     "suggested_memory_gb", POS, 1e5, false,
			     &w->suggested_memory_gb)) ||
	    (rc = gpuadv__ytree_string(c, gpuadv__ytree_get(m, "memory_reason"), "memory_reason",
			     &w->memory_reason)) ||
	    (rc = load_model(c, gpuadv__ytree_get(m, "model"), &w->model)))
		return rc;
	w->task = task;
	w->default_precision = prec;
	return 0;
}

/* ---- GPUs --------------------------------------------------------------- */

static const char *const gpu_string_keys[] = { "id", "name", "aliases",
	"architecture", "segment", "memory_type", "nvlink", "form_factor",
	"street_price_condition", "price_as_of", "price_source", "sources",
	"notes", "pci_device_id", NULL };
static const char *const gpu_required[] = { "id", "name", "architecture",
	"segment", "release_year", "memory_gb", "bandwidth_gbs", "fp32_tflops",
	"sources", NULL };

static const struct gpuadv_arch *arch_by_id(const struct gpuadv_arch *archs,
					    size_t n, const char *id)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strcmp(archs[i].id, id) == 0)
			return &archs[i];
	return NULL;
}

/* One PCI device id: "0x" and four hex digits, as pci.ids writes them. */
static int pci_id(const struct gpuadv__ywalk *c, const struct ynode *n, unsigned *out)
{
	char buf[64];
	const char *s;
	unsigned v = 0;
	size_t i;

	if (n->type != Y_SCALAR || gpuadv__ytree_is_null(n))
		goto bad;
	s = n->value;
	if (s[0] != '0' || (s[1] != 'x' && s[1] != 'X') || strlen(s) != 6)
		goto bad;
	for (i = 2; i < 6; i++) {
		char ch = s[i];
		unsigned d = ch >= '0' && ch <= '9' ? (unsigned)(ch - '0')
			     : ch >= 'a' && ch <= 'f' ? (unsigned)(ch - 'a' + 10)
			     : ch >= 'A' && ch <= 'F' ? (unsigned)(ch - 'A' + 10) : 16u;

		if (d > 15)
			goto bad;
		v = v * 16 + d;
	}
	if (v == 0 || v == 0xffff) /* no device answers with these */
		goto bad;
	*out = v;
	return 0;
bad:
	return gpuadv__ytree_fail(c, n,
		    "'pci_device_id' must be a PCI device id like \"0x2204\" "
		    "(or a list of them), got %s%s%s", n->type == Y_SCALAR ? "'" : "",
		    gpuadv__ytree_shown(n, buf, sizeof(buf)), n->type == Y_SCALAR ? "'" : "");
}

/* pci_device_id: one id, or a sequence of up to GPUADV_GPU_MAX_PCI_IDS. */
static int load_pci_ids(const struct gpuadv__ywalk *c, const struct ynode *n,
			struct gpuadv_gpu *g)
{
	const struct ynode *const *items = (const struct ynode *const *)&n;
	size_t count = 1, i, j;
	int rc;

	if (n->type == Y_SEQ) {
		items = (const struct ynode *const *)n->items;
		count = n->count;
		if (count == 0 || count > GPUADV_GPU_MAX_PCI_IDS)
			return gpuadv__ytree_fail(c, n,
				    "'pci_device_id' lists %zu ids; give 1 to %d",
				    count, GPUADV_GPU_MAX_PCI_IDS);
	}
	for (i = 0; i < count; i++) {
		if ((rc = pci_id(c, items[i], &g->pci_device_ids[i])))
			return rc;
		for (j = 0; j < i; j++)
			if (g->pci_device_ids[j] == g->pci_device_ids[i])
				return gpuadv__ytree_fail(c, items[i],
					    "'pci_device_id' 0x%04x is listed twice",
					    g->pci_device_ids[i]);
	}
	g->pci_device_id_count = count;
	return 0;
}

static int load_gpu(const struct gpuadv__ywalk *c, const struct ynode *m, struct gpuadv_gpu *g,
		    const struct gpuadv_catalog *cat)
{
	const char *keys[sizeof(gpu_string_keys) / sizeof(*gpu_string_keys) +
			 GPUADV_F_COUNT];
	const struct ynode *n;
	const char *arch;
	size_t k = 0, i;
	int rc, seg;
	bool priced;

	if ((rc = gpuadv__ytree_want(c, m, Y_MAP, "gpus[]")))
		return rc;
	for (i = 0; gpu_string_keys[i]; i++)
		keys[k++] = gpu_string_keys[i];
	for (i = 0; i < GPUADV_F_COUNT; i++)
		keys[k++] = gpuadv_gpu_fields[i].key;
	keys[k] = NULL;
	if ((rc = gpuadv__ytree_check_keys(c, m, keys, gpu_required, "GPU")) ||
	    (rc = get_id(c, m, "GPU", &g->id)) ||
	    (rc = gpuadv__ytree_string(c, gpuadv__ytree_get(m, "name"), "name", &g->name)) ||
	    (rc = gpuadv__ytree_string(c, gpuadv__ytree_get(m, "architecture"), "architecture", &arch)) ||
	    (rc = gpuadv__ytree_choice(c, gpuadv__ytree_get(m, "segment"), "segment", gpuadv__segment_names,
			     GPUADV_SEGMENT_COUNT, &seg)) ||
	    (rc = gpuadv__ytree_strlist(c, gpuadv__ytree_get(m, "sources"), "sources", &g->sources)) ||
	    (rc = gpuadv__ytree_opt_string(c, m, "memory_type", &g->memory_type)) ||
	    (rc = gpuadv__ytree_opt_string(c, m, "form_factor", &g->form_factor)) ||
	    (rc = gpuadv__ytree_opt_string(c, m, "price_source", &g->price_source)) ||
	    (rc = gpuadv__ytree_opt_string(c, m, "notes", &g->notes)))
		return rc;
	g->segment = seg;
	g->arch = arch_by_id(cat->archs, cat->arch_count, arch);
	if (!g->arch)
		return gpuadv__ytree_fail(c, gpuadv__ytree_get(m, "architecture"),
			    "unknown architecture '%s' for GPU '%s'", arch, g->id);
	if (g->sources.count == 0)
		return gpuadv__ytree_fail(c, gpuadv__ytree_get(m, "sources"), "GPU '%s' names no source",
			    g->id);
	if ((n = gpuadv__ytree_get(m, "aliases")) &&
	    (rc = gpuadv__ytree_strlist(c, n, "aliases", &g->aliases)))
		return rc;
	if ((n = gpuadv__ytree_get(m, "pci_device_id")) && (rc = load_pci_ids(c, n, g)))
		return rc;
	g->nvlink = -1;
	if ((n = gpuadv__ytree_get(m, "nvlink")) && (rc = gpuadv__ytree_bool(c, n, "nvlink", &g->nvlink)))
		return rc;
	for (i = 0; i < GPUADV_F_COUNT; i++) {
		const struct gpuadv_field_info *f = &gpuadv_gpu_fields[i];

		g->v[i] = NAN;
		n = gpuadv__ytree_get(m, f->key);
		if (n && (rc = gpuadv__ytree_number(c, n, f->key, f->min, f->max, f->integer,
					  &g->v[i])))
			return rc;
	}
	if ((n = gpuadv__ytree_get(m, "street_price_condition"))) {
		static const char *const cond[] = { "new", "used" };
		int which;

		if ((rc = gpuadv__ytree_choice(c, n, "street_price_condition", cond, 2, &which)))
			return rc;
		g->street_price_condition = cond[which];
	}
	if ((n = gpuadv__ytree_get(m, "price_as_of")) &&
	    (rc = gpuadv__ytree_date(c, n, "price_as_of", &g->price_as_of)))
		return rc;
	priced = !isnan(g->v[GPUADV_F_STREET_PRICE_USD]);
	if (priced != (g->street_price_condition != NULL) ||
	    priced != (g->price_as_of != NULL) || priced != (g->price_source != NULL))
		return gpuadv__ytree_fail(c, m,
			    "GPU '%s': 'street_price_usd', 'street_price_condition', "
			    "'price_as_of' and 'price_source' go together", g->id);
	return 0;
}

/* ---- benchmarks --------------------------------------------------------- */

static int load_benchmark(const struct gpuadv__ywalk *c, const struct ynode *m,
			  struct gpuadv_benchmark *b, const struct gpuadv_catalog *cat)
{
	static const char *const keys[] = { "gpu", "workload", "network", "task",
		"precision", "throughput", "unit", "batch_size", "set", "software",
		"source", NULL };
	static const char *const req[] = { "gpu", "workload", "network", "task",
		"precision", "throughput", "unit", "set", "software", "source", NULL };
	const char *gpu, *wl;
	const struct ynode *n;
	size_t i;
	int rc, task, prec;

	if ((rc = gpuadv__ytree_want(c, m, Y_MAP, "benchmarks[]")) ||
	    (rc = gpuadv__ytree_check_keys(c, m, keys, req, "benchmark")) ||
	    (rc = gpuadv__ytree_string(c, gpuadv__ytree_get(m, "gpu"), "gpu", &gpu)) ||
	    (rc = gpuadv__ytree_string(c, gpuadv__ytree_get(m, "workload"), "workload", &wl)) ||
	    (rc = gpuadv__ytree_string(c, gpuadv__ytree_get(m, "network"), "network", &b->network)) ||
	    (rc = gpuadv__ytree_choice(c, gpuadv__ytree_get(m, "task"), "task", gpuadv__task_names,
			     GPUADV_TASK_COUNT, &task)) ||
	    (rc = gpuadv__ytree_choice(c, gpuadv__ytree_get(m, "precision"), "precision",
			     gpuadv__precision_names, GPUADV_PRECISION_COUNT, &prec)) ||
	    (rc = gpuadv__ytree_number(c, gpuadv__ytree_get(m, "throughput"), "throughput", POS, 1e12,
			     false, &b->throughput)) ||
	    (rc = gpuadv__ytree_string(c, gpuadv__ytree_get(m, "unit"), "unit", &b->unit)) ||
	    (rc = gpuadv__ytree_string(c, gpuadv__ytree_get(m, "set"), "set", &b->set)) ||
	    (rc = gpuadv__ytree_string(c, gpuadv__ytree_get(m, "software"), "software", &b->software)) ||
	    (rc = gpuadv__ytree_string(c, gpuadv__ytree_get(m, "source"), "source", &b->source)))
		return rc;
	b->task = task;
	b->precision = prec;
	b->batch_size = NAN;
	if ((n = gpuadv__ytree_get(m, "batch_size")) &&
	    (rc = gpuadv__ytree_number(c, n, "batch_size", 1, 1e9, true, &b->batch_size)))
		return rc;
	for (i = 0; i < cat->gpu_count && !b->gpu; i++)
		if (strcmp(cat->gpus[i].id, gpu) == 0)
			b->gpu = &cat->gpus[i];
	if (!b->gpu)
		return gpuadv__ytree_fail(c, gpuadv__ytree_get(m, "gpu"), "benchmark names unknown GPU '%s'",
			    gpu);
	b->workload = gpuadv_catalog_find_workload(cat, wl);
	if (!b->workload)
		return gpuadv__ytree_fail(c, gpuadv__ytree_get(m, "workload"),
			    "benchmark names unknown workload '%s'", wl);
	return 0;
}

/* Order benchmarks so that those comparable with each other (same
 * workload, task, precision, set and network) are adjacent. */
static int bench_group_cmp(const void *pa, const void *pb, void *ctx)
{
	const struct gpuadv_benchmark *a = *(const struct gpuadv_benchmark *const *)pa;
	const struct gpuadv_benchmark *b = *(const struct gpuadv_benchmark *const *)pb;
	int c;

	(void)ctx;
	if (a->workload != b->workload)
		return a->workload < b->workload ? -1 : 1;
	if (a->task != b->task)
		return a->task < b->task ? -1 : 1;
	if (a->precision != b->precision)
		return a->precision < b->precision ? -1 : 1;
	if ((c = strcmp(a->set, b->set)) || (c = strcmp(a->network, b->network)))
		return c;
	return a < b ? -1 : a > b;
}

static bool same_group(const struct gpuadv_benchmark *a,
		       const struct gpuadv_benchmark *b)
{
	return a->workload == b->workload && a->task == b->task &&
	       a->precision == b->precision && !strcmp(a->set, b->set) &&
	       !strcmp(a->network, b->network);
}

/* Link each benchmark to its reference-GPU counterpart and give each GPU
 * the list of its own, so the engine never scans all benchmarks. */
static int index_benchmarks(const struct gpuadv__ywalk *c, struct gpuadv_catalog *cat)
{
	struct gpuadv_benchmark **order;
	const struct gpuadv_benchmark **slots;
	size_t i, j, n = cat->benchmark_count, *fill;

	if (n == 0)
		return 0;
	order = gpuadv__arena_calloc(c->arena, n, sizeof(*order));
	slots = gpuadv__arena_calloc(c->arena, n, sizeof(*slots));
	fill = gpuadv__arena_calloc(c->arena, cat->gpu_count, sizeof(*fill));
	if (!order || !slots || !fill)
		return gpuadv__ytree_oom(c);
	for (i = 0; i < n; i++)
		order[i] = &cat->benchmarks[i];
	if (gpuadv__sort(order, n, sizeof(*order), bench_group_cmp, NULL))
		return gpuadv__ytree_oom(c);
	for (i = 0; i < n; i = j) {
		const struct gpuadv_benchmark *ref = NULL;
		size_t k;

		for (j = i + 1; j < n && same_group(order[i], order[j]); j++)
			;
		for (k = i; k < j; k++)
			if (order[k]->gpu == cat->reference && !ref)
				ref = order[k];
		for (k = i; k < j; k++)
			order[k]->reference = ref;
	}
	for (i = 0; i < n; i++)
		cat->gpus[cat->benchmarks[i].gpu - cat->gpus].benchmark_count++;
	for (i = 0, j = 0; i < cat->gpu_count; i++) {
		cat->gpus[i].benchmarks = slots + j;
		j += cat->gpus[i].benchmark_count;
	}
	for (i = 0; i < n; i++) {
		struct gpuadv_gpu *g = &cat->gpus[cat->benchmarks[i].gpu - cat->gpus];

		slots[(g->benchmarks - slots) + fill[g - cat->gpus]++] = &cat->benchmarks[i];
	}
	return 0;
}

/* ---- the whole file ----------------------------------------------------- */

/* Allocate an array for the sequence under key and return the sequence. */
static int seq_of(const struct gpuadv__ywalk *c, const struct ynode *root, const char *key,
		  size_t elem, size_t max, void **out, size_t *count,
		  const struct ynode **seq)
{
	const struct ynode *n = gpuadv__ytree_get(root, key);
	int rc;

	*seq = NULL;
	*count = 0;
	if (!n)
		return 0;
	if ((rc = gpuadv__ytree_want(c, n, Y_SEQ, key)))
		return rc;
	if (n->count > max)
		return gpuadv__ytree_fail(c, n, "'%s' has %zu entries, more than the limit of %zu",
			    key, n->count, max);
	*out = gpuadv__arena_calloc(c->arena, n->count ? n->count : 1, elem);
	if (!*out)
		return gpuadv__ytree_oom(c);
	*count = n->count;
	*seq = n;
	return 0;
}

static int check_unique(const struct gpuadv__ywalk *c, const struct ynode *seq, size_t count,
			const char *(*id_of)(const void *, size_t),
			const void *arr, const char *what)
{
	size_t i, j;

	/* Architectures and workloads are few: quadratic is fine. GPU ids are
	 * covered by the name index. */
	for (i = 0; i < count; i++)
		for (j = 0; j < i; j++)
			if (strcmp(id_of(arr, i), id_of(arr, j)) == 0)
				return gpuadv__ytree_fail(c, gpuadv__ytree_get(seq->items[i], "id"),
					    "duplicate %s id '%s' (first at line %lu)",
					    what, id_of(arr, i),
					    seq->items[j]->line);
	return 0;
}

static const char *arch_id(const void *a, size_t i)
{
	return ((const struct gpuadv_arch *)a)[i].id;
}
static const char *workload_id(const void *a, size_t i)
{
	return ((const struct gpuadv_workload *)a)[i].id;
}

static int load_root(const struct gpuadv__ywalk *c, const struct ynode *root,
		     struct gpuadv_catalog *cat)
{
	static const char *const keys[] = { "schema_version", "as_of",
		"update_url", "reference_gpu", "architectures", "workloads", "gpus",
		"benchmarks", NULL };
	static const char *const req[] = { "schema_version", "as_of",
		"reference_gpu", "architectures", "workloads", "gpus", NULL };
	const struct ynode *archs, *wls, *gpus, *bms;
	const char *ref;
	double version;
	size_t i;
	int rc;

	if (root->type != Y_MAP)
		return gpuadv__ytree_fail(c, root, "the catalogue must be a mapping, got %s",
			    gpuadv__ytree_type_name(root->type));
	if ((rc = gpuadv__ytree_check_keys(c, root, keys, req, "the catalogue")) ||
	    (rc = gpuadv__ytree_number(c, gpuadv__ytree_get(root, "schema_version"), "schema_version",
			     1, 1e6, true, &version)))
		return rc;
	if (version != 1)
		return gpuadv__ytree_fail(c, gpuadv__ytree_get(root, "schema_version"),
			    "unsupported schema_version %g (this program reads 1)",
			    version);
	cat->schema_version = 1;
	if ((rc = gpuadv__ytree_date(c, gpuadv__ytree_get(root, "as_of"), "as_of", &cat->as_of)) ||
	    (rc = gpuadv__ytree_opt_string(c, root, "update_url", &cat->update_url)) ||
	    (rc = gpuadv__ytree_string(c, gpuadv__ytree_get(root, "reference_gpu"), "reference_gpu",
			     &ref)))
		return rc;
	if (cat->update_url && strncmp(cat->update_url, "https://", 8) != 0)
		return gpuadv__ytree_fail(c, gpuadv__ytree_get(root, "update_url"),
			    "'update_url' must start with https://");

	if ((rc = seq_of(c, root, "architectures", sizeof(*cat->archs), 64,
			 (void **)&cat->archs, &cat->arch_count, &archs)))
		return rc;
	for (i = 0; i < cat->arch_count; i++)
		if ((rc = load_arch(c, archs->items[i], &cat->archs[i])))
			return rc;
	if ((rc = check_unique(c, archs, cat->arch_count, arch_id, cat->archs,
			       "architecture")))
		return rc;

	if ((rc = seq_of(c, root, "workloads", sizeof(*cat->workloads), 256,
			 (void **)&cat->workloads, &cat->workload_count, &wls)))
		return rc;
	for (i = 0; i < cat->workload_count; i++)
		if ((rc = load_workload(c, wls->items[i], &cat->workloads[i])))
			return rc;
	if ((rc = check_unique(c, wls, cat->workload_count, workload_id,
			       cat->workloads, "workload")))
		return rc;

	if ((rc = seq_of(c, root, "gpus", sizeof(*cat->gpus),
			 GPUADV_CATALOG_MAX_GPUS, (void **)&cat->gpus,
			 &cat->gpu_count, &gpus)))
		return rc;
	if (cat->gpu_count == 0)
		return gpuadv__ytree_fail(c, gpus, "the catalogue lists no GPUs");
	for (i = 0; i < cat->gpu_count; i++)
		if ((rc = load_gpu(c, gpus->items[i], &cat->gpus[i], cat)))
			return rc;
	if ((rc = gpuadv__names_build(c, cat, gpus)))
		return rc;

	for (i = 0; i < cat->gpu_count && !cat->reference; i++)
		if (strcmp(cat->gpus[i].id, ref) == 0)
			cat->reference = &cat->gpus[i];
	if (!cat->reference)
		return gpuadv__ytree_fail(c, gpuadv__ytree_get(root, "reference_gpu"),
			    "'reference_gpu' names unknown GPU '%s'", ref);

	if ((rc = seq_of(c, root, "benchmarks", sizeof(*cat->benchmarks),
			 GPUADV_CATALOG_MAX_ITEMS, (void **)&cat->benchmarks,
			 &cat->benchmark_count, &bms)))
		return rc;
	for (i = 0; i < cat->benchmark_count; i++)
		if ((rc = load_benchmark(c, bms->items[i], &cat->benchmarks[i], cat)))
			return rc;
	return index_benchmarks(c, cat);
}

int gpuadv_catalog_load(struct gpuadv_catalog *out, const char *data,
			size_t len, const char *name, struct gpuadv_error *err)
{
	static const struct gpuadv__ytree_limits lim = {
		.max_depth = GPUADV_CATALOG_MAX_DEPTH,
		.max_string = GPUADV_CATALOG_MAX_STRING,
		.max_items = GPUADV_CATALOG_MAX_ITEMS,
		.max_bytes = GPUADV_CATALOG_MAX_BYTES,
	};
	struct gpuadv_catalog cat = { 0 };
	struct ynode *root;
	struct gpuadv__ywalk c;
	int rc;

	memset(out, 0, sizeof(*out));
	gpuadv_error_clear(err);
	if ((rc = gpuadv__ytree_begin(&cat.arena, &cat.origin, name, "<catalog>", err)))
		return rc;
	c.name = cat.origin;
	c.arena = cat.arena;
	c.err = err;
	rc = gpuadv__ytree_parse(&root, cat.arena, data, len, cat.origin, &lim, err);
	if (rc == 0)
		rc = load_root(&c, root, &cat);
	if (rc) {
		gpuadv__arena_free(cat.arena);
		return rc;
	}
	*out = cat;
	return 0;
}

void gpuadv_catalog_release(struct gpuadv_catalog *cat)
{
	if (!cat)
		return;
	gpuadv__arena_free(cat->arena);
	memset(cat, 0, sizeof(*cat));
}
