/*
 * catalog.c - the strict catalogue loader: walks the YAML tree from
 * yamltree.c against the schema in docs/catalog.md and builds the structs of
 * catalog.h. Every value is checked (type, range, finiteness, references,
 * uniqueness) and every failure names file:line:column. Nothing is handed to
 * the caller unless the whole file is valid.
 */
#include "gpu_advisor/catalog.h"
#include "gpu_advisor/model.h"

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "catalog_internal.h"
#include "yamltree.h"

/* A positive figure: the smallest value we accept for "> 0". */
#define POS 1e-9

const struct gpuadv_field_info gpuadv_gpu_fields[GPUADV_F_COUNT] = {
	[GPUADV_F_RELEASE_YEAR] = { "release_year", "Year", 2010, 2100, true, true },
	[GPUADV_F_CUDA_CORES] = { "cuda_cores", "CUDA cores", 1, 1e6, true, false },
	[GPUADV_F_TENSOR_CORES] = { "tensor_cores", "Tensor cores", 0, 1e5, true, false },
	[GPUADV_F_MEMORY_GB] = { "memory_gb", "Mem GB", POS, 1e5, false, true },
	[GPUADV_F_BANDWIDTH_GBS] = { "bandwidth_gbs", "BW GB/s", POS, 1e6, false, true },
	[GPUADV_F_BUS_WIDTH_BITS] = { "bus_width_bits", "Bus bits", 8, 65536, true, false },
	[GPUADV_F_L2_CACHE_MB] = { "l2_cache_mb", "L2 MB", POS, 1e5, false, false },
	[GPUADV_F_FP32_TFLOPS] = { "fp32_tflops", "FP32 TF", POS, 1e6, false, true },
	[GPUADV_F_FP16_TENSOR_TFLOPS] = { "fp16_tensor_tflops", "FP16 TC TF", POS, 1e7, false, false },
	[GPUADV_F_BF16_TENSOR_TFLOPS] = { "bf16_tensor_tflops", "BF16 TC TF", POS, 1e7, false, false },
	[GPUADV_F_TF32_TENSOR_TFLOPS] = { "tf32_tensor_tflops", "TF32 TC TF", POS, 1e7, false, false },
	[GPUADV_F_INT8_TENSOR_TOPS] = { "int8_tensor_tops", "INT8 TC TOPS", POS, 1e7, false, false },
	[GPUADV_F_FP8_TENSOR_TFLOPS] = { "fp8_tensor_tflops", "FP8 TC TF", POS, 1e7, false, false },
	[GPUADV_F_FP4_TENSOR_TFLOPS] = { "fp4_tensor_tflops", "FP4 TC TF", POS, 1e7, false, false },
	[GPUADV_F_TDP_W] = { "tdp_w", "Power W", POS, 1e5, false, false },
	[GPUADV_F_NVLINK_GBS] = { "nvlink_gbs", "NVLink GB/s", POS, 1e6, false, false },
	[GPUADV_F_SLOTS] = { "slots", "Slots", 1, 8, true, false },
	[GPUADV_F_LAUNCH_PRICE_USD] = { "launch_price_usd", "Launch $", POS, 1e8, false, false },
	[GPUADV_F_STREET_PRICE_USD] = { "street_price_usd", "Street $", POS, 1e8, false, false },
};

static const char *const precision_names[GPUADV_PRECISION_COUNT] = {
	"fp32", "fp16", "bf16", "tf32", "int8", "int4", "fp8", "fp6", "fp4"
};
static const char *const segment_names[GPUADV_SEGMENT_COUNT] = {
	"consumer", "workstation", "datacenter"
};
static const char *const task_names[GPUADV_TASK_COUNT] = { "train", "infer" };

static int lookup(const char *const *names, int n, const char *s)
{
	int i;

	for (i = 0; s && i < n; i++)
		if (strcmp(names[i], s) == 0)
			return i;
	return -1;
}

const char *gpuadv_precision_name(enum gpuadv_precision p)
{
	return (unsigned)p < GPUADV_PRECISION_COUNT ? precision_names[p] : "?";
}
int gpuadv_precision_parse(const char *s)
{
	return lookup(precision_names, GPUADV_PRECISION_COUNT, s);
}
const char *gpuadv_segment_name(enum gpuadv_segment s)
{
	return (unsigned)s < GPUADV_SEGMENT_COUNT ? segment_names[s] : "?";
}
int gpuadv_segment_parse(const char *s)
{
	return lookup(segment_names, GPUADV_SEGMENT_COUNT, s);
}
const char *gpuadv_task_name(enum gpuadv_task t)
{
	return (unsigned)t < GPUADV_TASK_COUNT ? task_names[t] : "?";
}
int gpuadv_task_parse(const char *s)
{
	return lookup(task_names, GPUADV_TASK_COUNT, s);
}

bool gpuadv_gpu_has_tensor(const struct gpuadv_gpu *gpu, enum gpuadv_precision p)
{
	return gpu->arch && (gpu->arch->tensor_precisions & (1u << p));
}

double gpuadv_gpu_price(const struct gpuadv_gpu *gpu, const char **basis)
{
	const char *b = "unknown";
	double v = NAN;

	if (!isnan(gpu->v[GPUADV_F_STREET_PRICE_USD])) {
		v = gpu->v[GPUADV_F_STREET_PRICE_USD];
		b = "street";
	} else if (!isnan(gpu->v[GPUADV_F_LAUNCH_PRICE_USD])) {
		v = gpu->v[GPUADV_F_LAUNCH_PRICE_USD];
		b = "launch";
	}
	if (basis)
		*basis = b;
	return v;
}

/* ---- the walk ---------------------------------------------------------- */

struct ctx {
	const char *name;
	struct gpuadv_arena *arena;
	struct gpuadv_error *err;
};

static int fail(struct ctx *c, const struct ynode *at, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static int fail(struct ctx *c, const struct ynode *at, const char *fmt, ...)
{
	char msg[GPUADV_ERROR_MSG_MAX];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	return gpuadv_error_at(c->err, GPUADV_EDATA, c->name, at ? at->line : 0,
			       at ? at->column : 0, "%s", msg);
}

static int oom(struct ctx *c)
{
	return gpuadv_error_set(c->err, GPUADV_ENOMEM, "out of memory");
}

/* Quote a scalar for a message, cut short so the message stays one line. */
static const char *shown(const struct ynode *n, char *buf, size_t size)
{
	size_t i, j = 0;

	if (n->type != Y_SCALAR)
		return ytype_name(n->type);
	for (i = 0; n->value[i] && j + 4 < size; i++)
		buf[j++] = (n->value[i] == '\n' || n->value[i] == '\t') ? ' '
									 : n->value[i];
	if (n->value[i] && j + 4 >= size) {
		j = j > 3 ? j - 3 : 0;
		memcpy(buf + j, "...", 3);
		j += 3;
	}
	buf[j] = '\0';
	return buf;
}

static const struct ynode *map_get(const struct ynode *map, const char *key)
{
	size_t i;

	for (i = 0; i < map->count; i++)
		if (strcmp(map->keys[i]->value, key) == 0)
			return map->items[i];
	return NULL;
}

/*
 * Check a mapping's keys against the allowed ones (NULL-terminated) and the
 * required ones (a subset, NULL-terminated). what names the object.
 */
static int check_keys(struct ctx *c, const struct ynode *map,
		      const char *const *allowed, const char *const *required,
		      const char *what)
{
	size_t i, k;

	for (i = 0; i < map->count; i++) {
		for (k = 0; allowed[k]; k++)
			if (strcmp(allowed[k], map->keys[i]->value) == 0)
				break;
		if (!allowed[k])
			return fail(c, map->keys[i], "unknown key '%s' in %s",
				    map->keys[i]->value, what);
	}
	for (k = 0; required[k]; k++)
		if (!map_get(map, required[k]))
			return fail(c, map, "missing required key '%s' in %s",
				    required[k], what);
	return 0;
}

static int want(struct ctx *c, const struct ynode *n, enum ytype t,
		const char *key)
{
	char buf[64];

	if (n->type == t)
		return 0;
	return fail(c, n, "'%s' must be %s, got %s%s%s", key, ytype_name(t),
		    n->type == Y_SCALAR ? "'" : "", shown(n, buf, sizeof(buf)),
		    n->type == Y_SCALAR ? "'" : "");
}

static bool is_null(const struct ynode *n)
{
	return n->type == Y_SCALAR && n->plain &&
	       (!n->value[0] || !strcmp(n->value, "~") || !strcmp(n->value, "null") ||
		!strcmp(n->value, "Null") || !strcmp(n->value, "NULL"));
}

static int get_string(struct ctx *c, const struct ynode *n, const char *key,
		      const char **out)
{
	int rc = want(c, n, Y_SCALAR, key);

	if (rc)
		return rc;
	if (is_null(n) || !n->value[0])
		return fail(c, n, "'%s' must be a non-empty string", key);
	*out = n->value; /* the tree lives in the catalogue's arena */
	return 0;
}

static int get_opt_string(struct ctx *c, const struct ynode *map,
			  const char *key, const char **out)
{
	const struct ynode *n = map_get(map, key);

	*out = NULL;
	return n ? get_string(c, n, key, out) : 0;
}

/* A decimal number: [-+]digits[.digits][(e|E)[-+]digits]. No hex, inf or nan. */
static bool decimal_syntax(const char *s)
{
	bool digits = false;

	if (*s == '-' || *s == '+')
		s++;
	while (*s >= '0' && *s <= '9')
		s++, digits = true;
	if (*s == '.') {
		s++;
		while (*s >= '0' && *s <= '9')
			s++, digits = true;
	}
	if (!digits)
		return false;
	if (*s == 'e' || *s == 'E') {
		s++;
		if (*s == '-' || *s == '+')
			s++;
		if (!(*s >= '0' && *s <= '9'))
			return false;
		while (*s >= '0' && *s <= '9')
			s++;
	}
	return *s == '\0';
}

static void range_words(char *buf, size_t size, double min, double max,
			bool integer)
{
	const char *kind = integer ? "integer" : "number";

	if (min == POS)
		snprintf(buf, size, "a positive %s", kind);
	else if (min == 0 && max >= 1e5)
		snprintf(buf, size, "a non-negative %s", kind);
	else
		snprintf(buf, size, "%s %s from %g to %g",
			 integer ? "an" : "a", kind, min, max);
}

int gpuadv_parse_number(double *out, const char *s, double min, double max,
			bool integer)
{
	char *end;
	double v;

	if (!decimal_syntax(s))
		return -1;
	errno = 0;
	v = strtod(s, &end);
	if (*end || errno == ERANGE || !isfinite(v))
		return -1;
	if (integer && v != floor(v))
		return -1;
	if (v < min || v > max)
		return -1;
	*out = v;
	return 0;
}

/* m / 10^k as a decimal: digits of |m|, the point before the last k, and
 * the fraction's trailing zeros dropped. */
static size_t put_decimal(char *buf, double m, int k)
{
	char digits[24];
	unsigned long long u = (unsigned long long)fabs(m);
	size_t n = 0, len = 0;
	int i;

	do {
		digits[n++] = (char)('0' + u % 10);
		u /= 10;
	} while (u);
	while (n <= (size_t)k) /* 0.05: at least one digit before the point */
		digits[n++] = '0';
	for (i = 0; i < k && digits[i] == '0'; i++)
		;
	if (m < 0)
		buf[len++] = '-';
	while (n > (size_t)k)
		buf[len++] = digits[--n];
	if (i < k) {
		buf[len++] = '.';
		while (n > (size_t)i)
			buf[len++] = digits[--n];
	}
	buf[len] = '\0';
	return len;
}

size_t gpuadv_format_number(char *buf, double v)
{
	static const double pow10[] = { 1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6,
					 1e7, 1e8, 1e9, 1e10, 1e11 };
	double a = fabs(v), m;
	int k;

	if (!isfinite(v)) {
		memcpy(buf, "null", 5);
		return 4;
	}
	if (v == 0) { /* -0 too */
		memcpy(buf, "0", 2);
		return 1;
	}
	if (a >= 1e15 || a < 1e-6)
		return (size_t)snprintf(buf, GPUADV_NUMBER_MAX, "%.17g", v);
	/* The fewest decimals that read back as exactly v: strtod rounds the
	 * decimal m * 10^-k correctly, and so does the division m / 10^k of
	 * two exact doubles, so the two agree. */
	for (k = 0; k <= 9; k++) {
		m = nearbyint(v * pow10[k]);
		if (fabs(m) >= 9007199254740992.0) /* 2^53 */
			break;
		if (m / pow10[k] == v)
			return put_decimal(buf, m, k);
	}
	/* A computed figure: six significant digits. */
	k = 5 - (int)floor(log10(a));
	if (k < 0)
		k = 0;
	if (k > 11)
		k = 11;
	return put_decimal(buf, nearbyint(v * pow10[k]), k);
}

static int get_number(struct ctx *c, const struct ynode *n, const char *key,
		      double min, double max, bool integer, double *out)
{
	char words[96], buf[64];

	if (n->type != Y_SCALAR || !n->plain ||
	    gpuadv_parse_number(out, n->value, min, max, integer) != 0) {
		range_words(words, sizeof(words), min, max, integer);
		if (n->type != Y_SCALAR)
			return fail(c, n, "'%s' must be %s, got %s", key, words,
				    ytype_name(n->type));
		return fail(c, n, "'%s' must be %s, got %s'%s'", key, words,
			    n->plain ? "" : "the string ", shown(n, buf, sizeof(buf)));
	}
	return 0;
}

static int get_bool(struct ctx *c, const struct ynode *n, const char *key,
		    int *out)
{
	char buf[64];

	if (n->type == Y_SCALAR && n->plain && !strcmp(n->value, "true"))
		*out = 1;
	else if (n->type == Y_SCALAR && n->plain && !strcmp(n->value, "false"))
		*out = 0;
	else
		return fail(c, n, "'%s' must be true or false, got '%s'", key,
			    shown(n, buf, sizeof(buf)));
	return 0;
}

static bool valid_date(const char *s)
{
	static const int mdays[] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	int y, m, d, i;

	for (i = 0; i < 10; i++) {
		if (i == 4 || i == 7) {
			if (s[i] != '-')
				return false;
		} else if (s[i] < '0' || s[i] > '9') {
			return false;
		}
	}
	if (s[10])
		return false;
	y = atoi(s);
	m = atoi(s + 5);
	d = atoi(s + 8);
	if (y < 1990 || m < 1 || m > 12 || d < 1 || d > mdays[m - 1])
		return false;
	if (m == 2 && d == 29 && !((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return false;
	return true;
}

static int get_date(struct ctx *c, const struct ynode *n, const char *key,
		    const char **out)
{
	char buf[64];
	int rc = want(c, n, Y_SCALAR, key);

	if (rc)
		return rc;
	if (!valid_date(n->value))
		return fail(c, n, "'%s' must be a date (YYYY-MM-DD), got '%s'", key,
			    shown(n, buf, sizeof(buf)));
	*out = n->value;
	return 0;
}

/* A choice among names[]; returns the index in *out. */
static int get_choice(struct ctx *c, const struct ynode *n, const char *key,
		      const char *const *names, int count, int *out)
{
	char list[256] = "", buf[64];
	size_t used = 0;
	int i;

	if (n->type == Y_SCALAR) {
		i = lookup(names, count, n->value);
		if (i >= 0) {
			*out = i;
			return 0;
		}
	}
	for (i = 0; i < count && used < sizeof(list); i++)
		used += snprintf(list + used, sizeof(list) - used, "%s%s",
				 i ? ", " : "", names[i]);
	return fail(c, n, "'%s' must be one of %s, got '%s'", key, list,
		    shown(n, buf, sizeof(buf)));
}

static int get_strlist(struct ctx *c, const struct ynode *n, const char *key,
		       struct gpuadv_strlist *out)
{
	size_t i;
	int rc = want(c, n, Y_SEQ, key);

	if (rc)
		return rc;
	out->count = n->count;
	out->items = gpuadv_arena_calloc(c->arena, n->count ? n->count : 1,
					 sizeof(*out->items));
	if (!out->items)
		return oom(c);
	for (i = 0; i < n->count; i++) {
		rc = get_string(c, n->items[i], key, &out->items[i]);
		if (rc)
			return rc;
	}
	return 0;
}

static bool valid_id(const char *s)
{
	size_t n = 0;

	for (; *s; s++, n++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') ||
		      *s == '-'))
			return false;
	return n > 0 && n <= 64;
}

static int get_id(struct ctx *c, const struct ynode *map, const char *what,
		  const char **out)
{
	const struct ynode *n = map_get(map, "id");
	char buf[64];
	int rc = get_string(c, n, "id", out);

	if (rc)
		return rc;
	if (!valid_id(*out))
		return fail(c, n,
			    "%s id must be 1-64 lowercase letters, digits or '-', got '%s'",
			    what, shown(n, buf, sizeof(buf)));
	return 0;
}

/* ---- architectures ------------------------------------------------------ */

static int load_arch(struct ctx *c, const struct ynode *m, struct gpuadv_arch *a)
{
	static const char *const keys[] = { "id", "name", "year",
		"compute_capability", "tensor_core_generation", "tensor_precisions",
		"memory_types", "summary", NULL };
	const struct ynode *n;
	size_t i;
	int rc, p;

	if ((rc = want(c, m, Y_MAP, "architectures[]")) ||
	    (rc = check_keys(c, m, keys, keys, "architecture")) ||
	    (rc = get_id(c, m, "architecture", &a->id)) ||
	    (rc = get_string(c, map_get(m, "name"), "name", &a->name)) ||
	    (rc = get_number(c, map_get(m, "year"), "year", 1990, 2100, true,
			     &a->year)) ||
	    (rc = get_string(c, map_get(m, "compute_capability"),
			     "compute_capability", &a->compute_capability)) ||
	    (rc = get_number(c, map_get(m, "tensor_core_generation"),
			     "tensor_core_generation", 0, 10, true,
			     &a->tensor_core_generation)) ||
	    (rc = get_strlist(c, map_get(m, "memory_types"), "memory_types",
			      &a->memory_types)) ||
	    (rc = get_string(c, map_get(m, "summary"), "summary", &a->summary)))
		return rc;
	n = map_get(m, "tensor_precisions");
	if ((rc = want(c, n, Y_SEQ, "tensor_precisions")))
		return rc;
	for (i = 0; i < n->count; i++) {
		rc = get_choice(c, n->items[i], "tensor_precisions",
				precision_names, GPUADV_PRECISION_COUNT, &p);
		if (rc)
			return rc;
		a->tensor_precisions |= 1u << p;
	}
	return 0;
}

/* ---- workloads ---------------------------------------------------------- */

static int load_model(struct ctx *c, const struct ynode *m, struct gpuadv_model *out)
{
	const char *keys[GPUADV_MODEL_MAX_PARAMS + 1];
	size_t i;
	int rc;

	if ((rc = want(c, m, Y_MAP, "model")))
		return rc;
	for (i = 0; gpuadv_model_params[i].key && i < GPUADV_MODEL_MAX_PARAMS; i++)
		keys[i] = gpuadv_model_params[i].key;
	keys[i] = NULL;
	if ((rc = check_keys(c, m, keys, keys, "model")))
		return rc;
	for (i = 0; keys[i]; i++) {
		rc = get_number(c, map_get(m, keys[i]), keys[i],
				gpuadv_model_params[i].min,
				gpuadv_model_params[i].max, false, &out->p[i]);
		if (rc)
			return rc;
	}
	return 0;
}

static int load_workload(struct ctx *c, const struct ynode *m,
			 struct gpuadv_workload *w)
{
	static const char *const keys[] = { "id", "name", "description",
		"networks", "task", "default_precision", "suggested_memory_gb",
		"memory_reason", "model", NULL };
	int rc, task, prec;

	if ((rc = want(c, m, Y_MAP, "workloads[]")) ||
	    (rc = check_keys(c, m, keys, keys, "workload")) ||
	    (rc = get_id(c, m, "workload", &w->id)) ||
	    (rc = get_string(c, map_get(m, "name"), "name", &w->name)) ||
	    (rc = get_string(c, map_get(m, "description"), "description",
			     &w->description)) ||
	    (rc = get_strlist(c, map_get(m, "networks"), "networks", &w->networks)) ||
	    (rc = get_choice(c, map_get(m, "task"), "task", task_names,
			     GPUADV_TASK_COUNT, &task)) ||
	    (rc = get_choice(c, map_get(m, "default_precision"),
			     "default_precision", precision_names,
			     GPUADV_PRECISION_COUNT, &prec)) ||
	    (rc = get_number(c, map_get(m, "suggested_memory_gb"),
			     "suggested_memory_gb", POS, 1e5, false,
			     &w->suggested_memory_gb)) ||
	    (rc = get_string(c, map_get(m, "memory_reason"), "memory_reason",
			     &w->memory_reason)) ||
	    (rc = load_model(c, map_get(m, "model"), &w->model)))
		return rc;
	w->task = task;
	w->default_precision = prec;
	return 0;
}

/* ---- GPUs --------------------------------------------------------------- */

static const char *const gpu_string_keys[] = { "id", "name", "aliases",
	"architecture", "segment", "memory_type", "nvlink", "form_factor",
	"street_price_condition", "price_as_of", "price_source", "sources",
	"notes", NULL };
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

static int load_gpu(struct ctx *c, const struct ynode *m, struct gpuadv_gpu *g,
		    const struct gpuadv_catalog *cat)
{
	const char *keys[sizeof(gpu_string_keys) / sizeof(*gpu_string_keys) +
			 GPUADV_F_COUNT];
	const struct ynode *n;
	const char *arch;
	size_t k = 0, i;
	int rc, seg;
	bool priced;

	if ((rc = want(c, m, Y_MAP, "gpus[]")))
		return rc;
	for (i = 0; gpu_string_keys[i]; i++)
		keys[k++] = gpu_string_keys[i];
	for (i = 0; i < GPUADV_F_COUNT; i++)
		keys[k++] = gpuadv_gpu_fields[i].key;
	keys[k] = NULL;
	if ((rc = check_keys(c, m, keys, gpu_required, "GPU")) ||
	    (rc = get_id(c, m, "GPU", &g->id)) ||
	    (rc = get_string(c, map_get(m, "name"), "name", &g->name)) ||
	    (rc = get_string(c, map_get(m, "architecture"), "architecture", &arch)) ||
	    (rc = get_choice(c, map_get(m, "segment"), "segment", segment_names,
			     GPUADV_SEGMENT_COUNT, &seg)) ||
	    (rc = get_strlist(c, map_get(m, "sources"), "sources", &g->sources)) ||
	    (rc = get_opt_string(c, m, "memory_type", &g->memory_type)) ||
	    (rc = get_opt_string(c, m, "form_factor", &g->form_factor)) ||
	    (rc = get_opt_string(c, m, "price_source", &g->price_source)) ||
	    (rc = get_opt_string(c, m, "notes", &g->notes)))
		return rc;
	g->segment = seg;
	g->arch = arch_by_id(cat->archs, cat->arch_count, arch);
	if (!g->arch)
		return fail(c, map_get(m, "architecture"),
			    "unknown architecture '%s' for GPU '%s'", arch, g->id);
	if (g->sources.count == 0)
		return fail(c, map_get(m, "sources"), "GPU '%s' names no source",
			    g->id);
	if ((n = map_get(m, "aliases")) &&
	    (rc = get_strlist(c, n, "aliases", &g->aliases)))
		return rc;
	g->nvlink = -1;
	if ((n = map_get(m, "nvlink")) && (rc = get_bool(c, n, "nvlink", &g->nvlink)))
		return rc;
	for (i = 0; i < GPUADV_F_COUNT; i++) {
		const struct gpuadv_field_info *f = &gpuadv_gpu_fields[i];

		g->v[i] = NAN;
		n = map_get(m, f->key);
		if (n && (rc = get_number(c, n, f->key, f->min, f->max, f->integer,
					  &g->v[i])))
			return rc;
	}
	if ((n = map_get(m, "street_price_condition"))) {
		static const char *const cond[] = { "new", "used" };
		int which;

		if ((rc = get_choice(c, n, "street_price_condition", cond, 2, &which)))
			return rc;
		g->street_price_condition = cond[which];
	}
	if ((n = map_get(m, "price_as_of")) &&
	    (rc = get_date(c, n, "price_as_of", &g->price_as_of)))
		return rc;
	priced = !isnan(g->v[GPUADV_F_STREET_PRICE_USD]);
	if (priced != (g->street_price_condition != NULL) ||
	    priced != (g->price_as_of != NULL) || priced != (g->price_source != NULL))
		return fail(c, m,
			    "GPU '%s': 'street_price_usd', 'street_price_condition', "
			    "'price_as_of' and 'price_source' go together", g->id);
	return 0;
}

/* ---- the name index ----------------------------------------------------- */

int gpuadv_name_entry_cmp(const void *a, const void *b)
{
	return strcmp(((const struct gpuadv_name_entry *)a)->norm,
		      ((const struct gpuadv_name_entry *)b)->norm);
}

static int add_name(struct ctx *c, struct gpuadv_name_entry *e, size_t *n,
		    const struct gpuadv_gpu *g, const struct ynode *at,
		    const char *name)
{
	char buf[GPUADV_CATALOG_MAX_STRING + 1];

	if (!gpuadv_name_normalize(buf, sizeof(buf), name) || !buf[0])
		return fail(c, at, "GPU name '%s' has no letters or digits", name);
	e[*n].norm = gpuadv_arena_strdup(c->arena, buf);
	if (!e[*n].norm)
		return oom(c);
	e[*n].gpu = g;
	e[*n].line = at->line;
	e[*n].column = at->column;
	(*n)++;
	return 0;
}

static int build_index(struct ctx *c, struct gpuadv_catalog *cat,
		       const struct ynode *gpus)
{
	struct gpuadv_name_entry *e;
	size_t total = 0, n = 0, i, j, out;
	int rc;

	for (i = 0; i < cat->gpu_count; i++)
		total += 2 + cat->gpus[i].aliases.count;
	cat->names = gpuadv_arena_alloc(c->arena, sizeof(*cat->names));
	e = gpuadv_arena_calloc(c->arena, total ? total : 1, sizeof(*e));
	if (!cat->names || !e)
		return oom(c);
	for (i = 0; i < cat->gpu_count; i++) {
		const struct gpuadv_gpu *g = &cat->gpus[i];
		const struct ynode *m = gpus->items[i];
		const struct ynode *al = map_get(m, "aliases");

		if ((rc = add_name(c, e, &n, g, map_get(m, "id"), g->id)) ||
		    (rc = add_name(c, e, &n, g, map_get(m, "name"), g->name)))
			return rc;
		for (j = 0; j < g->aliases.count; j++)
			if ((rc = add_name(c, e, &n, g, al->items[j],
					   g->aliases.items[j])))
				return rc;
	}
	qsort(e, n, sizeof(*e), gpuadv_name_entry_cmp);
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

/* ---- benchmarks --------------------------------------------------------- */

static int load_benchmark(struct ctx *c, const struct ynode *m,
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

	if ((rc = want(c, m, Y_MAP, "benchmarks[]")) ||
	    (rc = check_keys(c, m, keys, req, "benchmark")) ||
	    (rc = get_string(c, map_get(m, "gpu"), "gpu", &gpu)) ||
	    (rc = get_string(c, map_get(m, "workload"), "workload", &wl)) ||
	    (rc = get_string(c, map_get(m, "network"), "network", &b->network)) ||
	    (rc = get_choice(c, map_get(m, "task"), "task", task_names,
			     GPUADV_TASK_COUNT, &task)) ||
	    (rc = get_choice(c, map_get(m, "precision"), "precision",
			     precision_names, GPUADV_PRECISION_COUNT, &prec)) ||
	    (rc = get_number(c, map_get(m, "throughput"), "throughput", POS, 1e12,
			     false, &b->throughput)) ||
	    (rc = get_string(c, map_get(m, "unit"), "unit", &b->unit)) ||
	    (rc = get_string(c, map_get(m, "set"), "set", &b->set)) ||
	    (rc = get_string(c, map_get(m, "software"), "software", &b->software)) ||
	    (rc = get_string(c, map_get(m, "source"), "source", &b->source)))
		return rc;
	b->task = task;
	b->precision = prec;
	b->batch_size = NAN;
	if ((n = map_get(m, "batch_size")) &&
	    (rc = get_number(c, n, "batch_size", 1, 1e9, true, &b->batch_size)))
		return rc;
	for (i = 0; i < cat->gpu_count && !b->gpu; i++)
		if (strcmp(cat->gpus[i].id, gpu) == 0)
			b->gpu = &cat->gpus[i];
	if (!b->gpu)
		return fail(c, map_get(m, "gpu"), "benchmark names unknown GPU '%s'",
			    gpu);
	b->workload = gpuadv_catalog_find_workload(cat, wl);
	if (!b->workload)
		return fail(c, map_get(m, "workload"),
			    "benchmark names unknown workload '%s'", wl);
	return 0;
}

/* Order benchmarks so that those comparable with each other (same
 * workload, task, precision, set and network) are adjacent. */
static int bench_group_cmp(const void *pa, const void *pb)
{
	const struct gpuadv_benchmark *a = *(const struct gpuadv_benchmark *const *)pa;
	const struct gpuadv_benchmark *b = *(const struct gpuadv_benchmark *const *)pb;
	int c;

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
static int index_benchmarks(struct ctx *c, struct gpuadv_catalog *cat)
{
	const struct gpuadv_benchmark **order, **slots;
	size_t i, j, n = cat->benchmark_count, *fill;

	if (n == 0)
		return 0;
	order = gpuadv_arena_calloc(c->arena, n, sizeof(*order));
	slots = gpuadv_arena_calloc(c->arena, n, sizeof(*slots));
	fill = gpuadv_arena_calloc(c->arena, cat->gpu_count, sizeof(*fill));
	if (!order || !slots || !fill)
		return oom(c);
	for (i = 0; i < n; i++)
		order[i] = &cat->benchmarks[i];
	qsort(order, n, sizeof(*order), bench_group_cmp);
	for (i = 0; i < n; i = j) {
		const struct gpuadv_benchmark *ref = NULL;
		size_t k;

		for (j = i + 1; j < n && same_group(order[i], order[j]); j++)
			;
		for (k = i; k < j; k++)
			if (order[k]->gpu == cat->reference && !ref)
				ref = order[k];
		for (k = i; k < j; k++)
			cat->benchmarks[order[k] - cat->benchmarks].reference = ref;
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
static int seq_of(struct ctx *c, const struct ynode *root, const char *key,
		  size_t elem, size_t max, void **out, size_t *count,
		  const struct ynode **seq)
{
	const struct ynode *n = map_get(root, key);
	int rc;

	*seq = NULL;
	*count = 0;
	if (!n)
		return 0;
	if ((rc = want(c, n, Y_SEQ, key)))
		return rc;
	if (n->count > max)
		return fail(c, n, "'%s' has %zu entries, more than the limit of %zu",
			    key, n->count, max);
	*out = gpuadv_arena_calloc(c->arena, n->count ? n->count : 1, elem);
	if (!*out)
		return oom(c);
	*count = n->count;
	*seq = n;
	return 0;
}

static int check_unique(struct ctx *c, const struct ynode *seq, size_t count,
			const char *(*id_of)(const void *, size_t),
			const void *arr, const char *what)
{
	size_t i, j;

	/* Architectures and workloads are few: quadratic is fine. GPU ids are
	 * covered by the name index. */
	for (i = 0; i < count; i++)
		for (j = 0; j < i; j++)
			if (strcmp(id_of(arr, i), id_of(arr, j)) == 0)
				return fail(c, map_get(seq->items[i], "id"),
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

static int load_root(struct ctx *c, const struct ynode *root,
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
		return fail(c, root, "the catalogue must be a mapping, got %s",
			    ytype_name(root->type));
	if ((rc = check_keys(c, root, keys, req, "the catalogue")) ||
	    (rc = get_number(c, map_get(root, "schema_version"), "schema_version",
			     1, 1e6, true, &version)))
		return rc;
	if (version != 1)
		return fail(c, map_get(root, "schema_version"),
			    "unsupported schema_version %g (this program reads 1)",
			    version);
	cat->schema_version = 1;
	if ((rc = get_date(c, map_get(root, "as_of"), "as_of", &cat->as_of)) ||
	    (rc = get_opt_string(c, root, "update_url", &cat->update_url)) ||
	    (rc = get_string(c, map_get(root, "reference_gpu"), "reference_gpu",
			     &ref)))
		return rc;
	if (cat->update_url && strncmp(cat->update_url, "https://", 8) != 0)
		return fail(c, map_get(root, "update_url"),
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
		return fail(c, gpus, "the catalogue lists no GPUs");
	for (i = 0; i < cat->gpu_count; i++)
		if ((rc = load_gpu(c, gpus->items[i], &cat->gpus[i], cat)))
			return rc;
	if ((rc = build_index(c, cat, gpus)))
		return rc;

	for (i = 0; i < cat->gpu_count && !cat->reference; i++)
		if (strcmp(cat->gpus[i].id, ref) == 0)
			cat->reference = &cat->gpus[i];
	if (!cat->reference)
		return fail(c, map_get(root, "reference_gpu"),
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
	static const struct ytree_limits lim = {
		.max_depth = GPUADV_CATALOG_MAX_DEPTH,
		.max_string = GPUADV_CATALOG_MAX_STRING,
		.max_items = GPUADV_CATALOG_MAX_ITEMS,
		.max_bytes = GPUADV_CATALOG_MAX_BYTES,
	};
	struct gpuadv_catalog cat = { 0 };
	struct ynode *root;
	struct ctx c;
	int rc;

	memset(out, 0, sizeof(*out));
	gpuadv_error_clear(err);
	if ((rc = ytree_begin(&cat.arena, &cat.origin, name, "<catalog>", err)))
		return rc;
	c.name = cat.origin;
	c.arena = cat.arena;
	c.err = err;
	rc = ytree_parse(&root, cat.arena, data, len, cat.origin, &lim, err);
	if (rc == 0)
		rc = load_root(&c, root, &cat);
	if (rc) {
		gpuadv_arena_free(cat.arena);
		return rc;
	}
	*out = cat;
	return 0;
}

void gpuadv_catalog_release(struct gpuadv_catalog *cat)
{
	if (!cat)
		return;
	gpuadv_arena_free(cat->arena);
	memset(cat, 0, sizeof(*cat));
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
