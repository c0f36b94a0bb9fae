/*
 * engine.c - estimate, filter, score and rank: turns a validated query and
 * the catalogue into a ranked list of GPUs, each with its reasons, and a list
 * of excluded GPUs with theirs. Measured benchmark results win over the
 * model's estimate where the catalogue has them; both are kept.
 */
#include "gpu_advisor/engine.h"
#include "gpu_advisor/model.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const constraint_names[GPUADV_C_COUNT] = {
	[GPUADV_C_PRECISION] = "precision",
	[GPUADV_C_MEMORY] = "memory",
	[GPUADV_C_BUDGET] = "budget",
	[GPUADV_C_PRICE_UNKNOWN] = "unknown price",
	[GPUADV_C_POWER] = "power",
	[GPUADV_C_SEGMENT] = "segment",
	[GPUADV_C_ARCH] = "architecture",
};

const char *gpuadv_constraint_name(enum gpuadv_constraint c)
{
	return (unsigned)c < GPUADV_C_COUNT ? constraint_names[c] : "?";
}

const char *gpuadv_basis_name(enum gpuadv_basis b)
{
	return b == GPUADV_BASIS_MEASURED ? "measured" : "estimated";
}

void gpuadv_query_init(struct gpuadv_query *q)
{
	memset(q, 0, sizeof(*q));
	q->precision = -1;
	q->task = -1;
	q->budget_usd = NAN;
	q->min_memory_gb = NAN;
	q->max_power_w = NAN;
	q->segment = -1;
	q->sort = GPUADV_SORT_PERF;
}

static int bad_param(struct gpuadv_error *err, const char *field,
		     const char *fmt, ...) __attribute__((format(printf, 3, 4)));

static int bad_param(struct gpuadv_error *err, const char *field,
		     const char *fmt, ...)
{
	char msg[GPUADV_ERROR_MSG_MAX];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	gpuadv_error_set(err, GPUADV_EUSAGE, "%s", msg);
	if (err)
		snprintf(err->field, sizeof(err->field), "%s", field);
	return GPUADV_EUSAGE;
}

/* Precisions a user may ask for; the others exist only in the catalogue. */
static bool selectable(int p)
{
	return p == GPUADV_FP32 || p == GPUADV_TF32 || p == GPUADV_FP16 ||
	       p == GPUADV_BF16 || p == GPUADV_INT8 || p == GPUADV_FP8;
}

int gpuadv_query_validate(struct gpuadv_query *q, struct gpuadv_error *err)
{
	size_t i, j;

	if (!q->workload)
		return bad_param(err, "workload", "a workload is required");
	if (q->precision < 0)
		q->precision = q->workload->default_precision;
	else if (!selectable(q->precision))
		return bad_param(err, "precision",
				 "precision must be fp32, tf32, fp16, bf16, int8 or fp8, got '%s'",
				 gpuadv_precision_name(q->precision));
	if (q->task >= 0 && q->task != (int)q->workload->task)
		return bad_param(err, "task",
				 "workload '%s' models %s only, not %s",
				 q->workload->id, gpuadv_task_name(q->workload->task),
				 gpuadv_task_name(q->task));
	q->task = q->workload->task;
	if (!isnan(q->budget_usd) && !(q->budget_usd > 0 && isfinite(q->budget_usd)))
		return bad_param(err, "budget", "budget must be a positive number of USD");
	if (!isnan(q->min_memory_gb) &&
	    !(q->min_memory_gb >= 0 && isfinite(q->min_memory_gb)))
		return bad_param(err, "min-memory", "min-memory must be 0 or more GB");
	if (!isnan(q->max_power_w) && !(q->max_power_w > 0 && isfinite(q->max_power_w)))
		return bad_param(err, "max-power", "max-power must be a positive number of watts");
	if (q->segment >= GPUADV_SEGMENT_COUNT)
		return bad_param(err, "segment", "unknown segment");
	if (q->sort > GPUADV_SORT_MEMORY)
		return bad_param(err, "sort", "sort must be perf, value or memory");
	if (q->price_count > GPUADV_MAX_PRICE_OVERRIDES)
		return bad_param(err, "price", "too many price overrides");
	for (i = 0; i < q->price_count; i++) {
		if (!q->prices[i].gpu || !(q->prices[i].usd > 0) ||
		    !isfinite(q->prices[i].usd))
			return bad_param(err, "price", "a price override needs a GPU and a positive price");
		for (j = 0; j < i; j++)
			if (q->prices[j].gpu == q->prices[i].gpu)
				return bad_param(err, "price",
						 "price for '%s' given twice",
						 q->prices[i].gpu->id);
	}
	return 0;
}

void gpuadv_engine_price(struct gpuadv_price *out, const struct gpuadv_query *q,
			 const struct gpuadv_gpu *gpu)
{
	size_t i;

	memset(out, 0, sizeof(*out));
	for (i = 0; q && i < q->price_count; i++) {
		if (q->prices[i].gpu == gpu) {
			out->usd = q->prices[i].usd;
			out->basis = q->prices[i].basis ? q->prices[i].basis : "override";
			return;
		}
	}
	out->usd = gpuadv_gpu_price(gpu, &out->basis);
	if (!strcmp(out->basis, "street")) {
		out->as_of = gpu->price_as_of;
		out->condition = gpu->street_price_condition;
		/* Six months, as days: prices move every month. */
		out->stale = q && q->today &&
			     gpuadv_days_between(gpu->price_as_of, q->today) > 183;
	}
}

/* Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's
 * days_from_civil). */
static long days_from_civil(long y, long m, long d)
{
	long era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

long gpuadv_days_between(const char *a, const char *b)
{
	return days_from_civil(atol(b), atol(b + 5), atol(b + 8)) -
	       days_from_civil(atol(a), atol(a + 5), atol(a + 8));
}

int gpuadv_query_add_price(struct gpuadv_query *q, const struct gpuadv_gpu *gpu,
			   double usd, const char *basis, bool replace,
			   struct gpuadv_error *err)
{
	size_t i;

	if (!(usd > 0) || !isfinite(usd))
		return bad_param(err, "price", "price for '%s' must be a positive number of USD",
				 gpu->id);
	for (i = 0; i < q->price_count; i++) {
		if (q->prices[i].gpu != gpu)
			continue;
		if (!replace || (q->prices[i].basis && basis &&
				 !strcmp(q->prices[i].basis, basis)))
			return bad_param(err, "price", "price for '%s' given twice", gpu->id);
		q->prices[i].usd = usd;
		q->prices[i].basis = basis;
		return 0;
	}
	if (q->price_count >= GPUADV_MAX_PRICE_OVERRIDES)
		return bad_param(err, "price", "more than %d price overrides",
				 GPUADV_MAX_PRICE_OVERRIDES);
	q->prices[q->price_count].gpu = gpu;
	q->prices[q->price_count].usd = usd;
	q->prices[q->price_count++].basis = basis;
	return 0;
}

/* ---- performance -------------------------------------------------------- */

/*
 * The measured figure relative to the reference GPU: within one benchmark set
 * (the newest by name that has both this GPU and the reference for this
 * workload, task and precision), the geometric mean over its networks of
 * throughput(gpu) / throughput(reference). Sets are not mixed: the software
 * differs between them.
 */
static double measured_relative(const struct gpuadv_gpu *gpu,
				const struct gpuadv_workload *w,
				enum gpuadv_precision p, const char **set_out)
{
	const char *best_set = NULL;
	double logsum = 0;
	size_t i, n = 0;

	for (i = 0; i < gpu->benchmark_count; i++) {
		const struct gpuadv_benchmark *b = gpu->benchmarks[i];

		if (b->workload == w && b->precision == p && b->task == w->task &&
		    b->reference && (!best_set || strcmp(b->set, best_set) > 0))
			best_set = b->set;
	}
	if (!best_set)
		return NAN;
	for (i = 0; i < gpu->benchmark_count; i++) {
		const struct gpuadv_benchmark *b = gpu->benchmarks[i];

		if (b->workload == w && b->precision == p && b->task == w->task &&
		    b->reference && !strcmp(b->set, best_set)) {
			logsum += log(b->throughput / b->reference->throughput);
			n++;
		}
	}
	*set_out = best_set;
	return exp(logsum / (double)n);
}

/* The reference GPU's speed for w at p, or where it cannot run p, at the
 * workload's default precision; 0 when it has no estimate at all. */
static double reference_speed(const struct gpuadv_catalog *cat,
			      const struct gpuadv_workload *w, enum gpuadv_precision p)
{
	struct gpuadv_model_estimate ref;

	if (gpuadv_model_speed(&ref, cat->reference, &w->model, p, NULL) == 0 ||
	    gpuadv_model_speed(&ref, cat->reference, &w->model, w->default_precision,
			       NULL) == 0)
		return ref.speed;
	return 0;
}

/* Whether gpu can be estimated at p (cheap: no estimate yet); fills the
 * perf's header, and its note when not. */
static int perf_gate(struct gpuadv_perf *out, const struct gpuadv_catalog *cat,
		     const struct gpuadv_gpu *gpu, const struct gpuadv_workload *w,
		     enum gpuadv_precision p, double ref_speed)
{
	struct gpuadv_model_estimate est;

	memset(out, 0, sizeof(*out));
	out->workload = w;
	out->precision = p;
	out->estimated = out->measured = out->value = NAN;
	out->basis = GPUADV_BASIS_ESTIMATED;

	if (gpuadv_model_gate(&est, gpu, p)) {
		snprintf(out->note, sizeof(out->note), "%s", est.note);
		return GPUADV_ENOTFOUND;
	}
	if (!(ref_speed > 0)) {
		snprintf(out->note, sizeof(out->note),
			 "the reference GPU '%s' has no estimate for workload '%s'",
			 cat->reference->id, w->id);
		return GPUADV_ENOTFOUND;
	}
	return 0;
}

static int perf_at(struct gpuadv_perf *out, const struct gpuadv_catalog *cat,
		   const struct gpuadv_gpu *gpu, const struct gpuadv_workload *w,
		   enum gpuadv_precision p, double ref_speed)
{
	struct gpuadv_model_estimate est;
	int rc = perf_gate(out, cat, gpu, w, p, ref_speed);

	if (rc)
		return rc;
	if (gpuadv_model_speed(&est, gpu, &w->model, p, NULL)) {
		snprintf(out->note, sizeof(out->note), "%s", est.note);
		return GPUADV_ENOTFOUND;
	}
	out->estimated = est.speed / ref_speed;
	out->fallback = est.fallback;
	out->compute_share = est.compute_share;
	if (est.fallback)
		snprintf(out->note, sizeof(out->note), "%s", est.note);
	out->measured = measured_relative(gpu, w, p, &out->measured_set);
	if (!isnan(out->measured)) {
		out->value = out->measured;
		out->basis = GPUADV_BASIS_MEASURED;
	} else {
		out->value = out->estimated;
	}
	return 0;
}

int gpuadv_engine_perf(struct gpuadv_perf *out, const struct gpuadv_catalog *cat,
		       const struct gpuadv_gpu *gpu,
		       const struct gpuadv_workload *w, enum gpuadv_precision p)
{
	return perf_at(out, cat, gpu, w, p, reference_speed(cat, w, p));
}

/* ---- recommend ---------------------------------------------------------- */

static int add_reason(struct gpuadv_result *r, char *s)
{
	if (!s)
		return GPUADV_ENOMEM;
	if (r->reason_count == GPUADV_MAX_REASONS) {
		free(s);
		return 0;
	}
	r->reasons[r->reason_count++] = s;
	return 0;
}

/*
 * A line of text built in place. A recommendation writes a reason for every
 * GPU it excludes and several for each it keeps, and `query` answers tens
 * of thousands a second: snprintf's float formatting was a third of that
 * time. Text past size is cut; used stays below size.
 */
struct line {
	char *buf;
	size_t size, used;
};

static void line_init(struct line *l, char *buf, size_t size)
{
	l->buf = buf;
	l->size = size;
	l->used = 0;
	buf[0] = '\0';
}

static void line_mem(struct line *l, const char *s, size_t n)
{
	if (n > l->size - 1 - l->used)
		n = l->size - 1 - l->used;
	memcpy(l->buf + l->used, s, n);
	l->used += n;
	l->buf[l->used] = '\0';
}

/* Any number of strings, up to a NULL (the compiler checks it is there). */
static void line_str(struct line *l, ...) __attribute__((sentinel));

static void line_str(struct line *l, ...)
{
	const char *s;
	va_list ap;

	va_start(ap, l);
	while ((s = va_arg(ap, const char *)))
		line_mem(l, s, strlen(s));
	va_end(ap);
}

/* A figure as the catalogue states it (like "%g" for those). */
static void line_num(struct line *l, double v)
{
	char num[GPUADV_NUMBER_MAX];

	line_mem(l, num, gpuadv_format_number(num, v));
}

/* Dollars, whole ("%.0f": nearbyint rounds ties to even, as printf does). */
static void line_usd(struct line *l, double v)
{
	line_mem(l, "$", 1);
	line_num(l, nearbyint(v));
}

/* A ratio to two decimals, as "%.2f" prints it. */
static void line_ratio(struct line *l, double v)
{
	char num[GPUADV_NUMBER_MAX];
	double cents = nearbyint(v * 100);
	size_t n;

	if (!isfinite(v) || fabs(v) >= 1e13) {
		n = (size_t)snprintf(num, sizeof(num), "%.2f", v);
		line_mem(l, num, n < sizeof(num) ? n : sizeof(num) - 1);
		return;
	}
	if (cents < 0) {
		line_mem(l, "-", 1);
		cents = -cents;
	}
	line_num(l, floor(cents / 100));
	num[0] = '.';
	num[1] = (char)('0' + (int)fmod(cents, 100) / 10);
	num[2] = (char)('0' + (int)fmod(cents, 10));
	line_mem(l, num, 3);
}

/* A copy of the line for a result or an exclusion to own. */
static char *line_dup(const struct line *l)
{
	char *s = malloc(l->used + 1);

	if (s)
		memcpy(s, l->buf, l->used + 1);
	return s;
}

static int result_reasons(struct gpuadv_result *r, const struct gpuadv_catalog *cat,
			  const struct gpuadv_recommendation *rec)
{
	const struct gpuadv_query *q = &rec->query;
	const struct gpuadv_gpu *g = r->gpu;
	double mem = g->v[GPUADV_F_MEMORY_GB];
	const char *prec = gpuadv_precision_name(q->precision);
	char pbuf[128], buf[GPUADV_ERROR_MSG_MAX];
	struct line price, l;
	int rc = 0;

	line_init(&price, pbuf, sizeof(pbuf));
	if (!isnan(r->price.usd)) {
		line_usd(&price, r->price.usd);
		if (r->price.as_of)
			line_str(&price, " (", r->price.condition, " street price, ",
				 r->price.as_of, ")", NULL);
		else
			line_str(&price, " (", r->price.basis, " price)", NULL);
	}
	line_init(&l, buf, sizeof(buf));
	if (!isnan(q->budget_usd)) {
		line_str(&l, pbuf, " is ", NULL);
		line_usd(&l, q->budget_usd - r->price.usd);
		line_str(&l, " under the ", NULL);
		line_usd(&l, q->budget_usd);
		line_str(&l, " budget", NULL);
	} else if (!isnan(r->price.usd)) {
		line_str(&l, "costs ", pbuf, NULL);
	} else {
		line_str(&l, "no price known", NULL);
	}
	rc |= add_reason(r, line_dup(&l));

	line_init(&l, buf, sizeof(buf));
	line_num(&l, mem);
	line_str(&l, " GB of memory, ",
		 mem >= 2 * q->min_memory_gb ? "well over the " : "over the ", NULL);
	line_num(&l, q->min_memory_gb);
	line_str(&l, " GB ", rec->memory_from_workload ? "the workload suggests" : "asked for",
		 NULL);
	rc |= add_reason(r, line_dup(&l));

	line_init(&l, buf, sizeof(buf));
	if (r->perf.basis == GPUADV_BASIS_MEASURED) {
		line_str(&l, "measured ", NULL);
		line_ratio(&l, r->perf.measured);
		line_str(&l, "x the ", cat->reference->name, " (benchmark set ",
			 r->perf.measured_set, "); the model estimates ", NULL);
		line_ratio(&l, r->perf.estimated);
		line_str(&l, "x", NULL);
	} else {
		line_str(&l, "estimated ", NULL);
		line_ratio(&l, r->perf.estimated);
		line_str(&l, "x the ", cat->reference->name,
			 " from its specs (no measurement)", NULL);
	}
	rc |= add_reason(r, line_dup(&l));

	line_init(&l, buf, sizeof(buf));
	if (r->perf.fallback)
		line_str(&l, r->perf.note, NULL);
	else
		line_str(&l, "runs ", prec, " on its Tensor Cores", NULL);
	rc |= add_reason(r, line_dup(&l));

	line_init(&l, buf, sizeof(buf));
	if (r->perf.compute_share < 0.5) {
		line_str(&l, "limited mostly by memory bandwidth (", NULL);
		line_num(&l, g->v[GPUADV_F_BANDWIDTH_GBS]);
		line_str(&l, " GB/s)", NULL);
		rc |= add_reason(r, line_dup(&l));
	} else if (r->perf.compute_share >= 0.5) {
		line_str(&l, "limited mostly by compute throughput", NULL);
		rc |= add_reason(r, line_dup(&l));
	}
	if (!isnan(q->max_power_w)) {
		line_init(&l, buf, sizeof(buf));
		line_num(&l, g->v[GPUADV_F_TDP_W]);
		line_str(&l, " W within the ", NULL);
		line_num(&l, q->max_power_w);
		line_str(&l, " W limit", NULL);
		rc |= add_reason(r, line_dup(&l));
	}
	return rc ? GPUADV_ENOMEM : 0;
}

static int cmp_perf(const struct gpuadv_result *a, const struct gpuadv_result *b)
{
	double pa = isnan(a->price.usd) ? INFINITY : a->price.usd;
	double pb = isnan(b->price.usd) ? INFINITY : b->price.usd;

	if (a->perf.value != b->perf.value)
		return a->perf.value > b->perf.value ? -1 : 1;
	if (pa != pb) /* ties go to the cheaper card */
		return pa < pb ? -1 : 1;
	return strcmp(a->gpu->id, b->gpu->id);
}

static int cmp_value(const struct gpuadv_result *a, const struct gpuadv_result *b)
{
	double va = isnan(a->perf_per_kusd) ? -1 : a->perf_per_kusd;
	double vb = isnan(b->perf_per_kusd) ? -1 : b->perf_per_kusd;

	if (va != vb)
		return va > vb ? -1 : 1;
	return cmp_perf(a, b);
}

static int cmp_memory(const struct gpuadv_result *a, const struct gpuadv_result *b)
{
	double ma = a->gpu->v[GPUADV_F_MEMORY_GB], mb = b->gpu->v[GPUADV_F_MEMORY_GB];

	if (ma != mb)
		return ma > mb ? -1 : 1;
	return cmp_perf(a, b);
}

static int qsort_perf(const void *a, const void *b)
{
	return cmp_perf(a, b);
}
static int qsort_value(const void *a, const void *b)
{
	return cmp_value(a, b);
}
static int qsort_memory(const void *a, const void *b)
{
	return cmp_memory(a, b);
}

/* Check one GPU against every constraint; returns a bitmask of failures and
 * writes the reasons for them, "; "-separated, into the line. */
static unsigned check(const struct gpuadv_query *q, const struct gpuadv_gpu *g,
		      const struct gpuadv_price *price, const struct gpuadv_perf *perf,
		      int perf_rc, struct line *why)
{
	unsigned fails = 0;

#define FAIL(c) do { \
		fails |= 1u << (c); \
		if (why->used) \
			line_mem(why, "; ", 2); \
	} while (0)

	if (q->arch && g->arch != q->arch) {
		FAIL(GPUADV_C_ARCH);
		line_str(why, "architecture is ", g->arch->name, ", not ", q->arch->name, NULL);
	}
	if (q->segment >= 0 && (int)g->segment != q->segment) {
		FAIL(GPUADV_C_SEGMENT);
		line_str(why, "a ", gpuadv_segment_name(g->segment), " card, not ",
			 gpuadv_segment_name(q->segment), NULL);
	}
	if (perf_rc) {
		FAIL(GPUADV_C_PRECISION);
		line_str(why, perf->note, NULL);
	}
	if (g->v[GPUADV_F_MEMORY_GB] < q->min_memory_gb) {
		FAIL(GPUADV_C_MEMORY);
		line_num(why, g->v[GPUADV_F_MEMORY_GB]);
		line_str(why, " GB of memory, under the ", NULL);
		line_num(why, q->min_memory_gb);
		line_str(why, " GB needed", NULL);
	}
	if (!isnan(q->budget_usd)) {
		if (isnan(price->usd)) {
			FAIL(GPUADV_C_PRICE_UNKNOWN);
			line_str(why, "no price known (give one with --price ", g->id, "=USD)",
				 NULL);
		} else if (price->usd > q->budget_usd) {
			FAIL(GPUADV_C_BUDGET);
			line_str(why, "costs ", NULL);
			line_usd(why, price->usd);
			line_str(why, " (", price->basis, "), ", NULL);
			line_usd(why, price->usd - q->budget_usd);
			line_str(why, " over the ", NULL);
			line_usd(why, q->budget_usd);
			line_str(why, " budget", NULL);
		}
	}
	if (!isnan(q->max_power_w)) {
		if (isnan(g->v[GPUADV_F_TDP_W])) {
			FAIL(GPUADV_C_POWER);
			line_str(why, "board power unknown", NULL);
		} else if (g->v[GPUADV_F_TDP_W] > q->max_power_w) {
			FAIL(GPUADV_C_POWER);
			line_str(why, "draws ", NULL);
			line_num(why, g->v[GPUADV_F_TDP_W]);
			line_str(why, " W, over the ", NULL);
			line_num(why, q->max_power_w);
			line_str(why, " W limit", NULL);
		}
	}
#undef FAIL
	return fails;
}

int gpuadv_engine_recommend(struct gpuadv_recommendation *out,
			    const struct gpuadv_catalog *cat,
			    const struct gpuadv_query *q, struct gpuadv_error *err)
{
	struct gpuadv_recommendation rec;
	size_t i, n = cat->gpu_count;
	double ref_speed;
	int rc = 0;

	memset(&rec, 0, sizeof(rec));
	rec.query = *q;
	rec.pick_fastest = rec.pick_value = rec.pick_memory = -1;
	rec.budget_to_admit = rec.memory_to_admit = NAN;
	if (isnan(rec.query.min_memory_gb)) {
		rec.query.min_memory_gb = q->workload->suggested_memory_gb;
		rec.memory_from_workload = true;
	}
	ref_speed = reference_speed(cat, q->workload, (enum gpuadv_precision)rec.query.precision);
	rec.results = calloc(n ? n : 1, sizeof(*rec.results));
	rec.excluded = calloc(n ? n : 1, sizeof(*rec.excluded));
	if (!rec.results || !rec.excluded) {
		rc = gpuadv_error_set(err, GPUADV_ENOMEM, "out of memory");
		goto done;
	}
	for (i = 0; i < n; i++) {
		const struct gpuadv_gpu *g = &cat->gpus[i];
		struct gpuadv_result *r = &rec.results[rec.matched];
		char whybuf[GPUADV_ERROR_MSG_MAX];
		struct line why;
		unsigned fails;
		int prc, c;

		r->gpu = g;
		gpuadv_engine_price(&r->price, &rec.query, g);
		/* Estimate only the GPUs that meet every other constraint: the
		 * rest need no figure, only the reason they are out. */
		prc = perf_gate(&r->perf, cat, g, q->workload,
				(enum gpuadv_precision)rec.query.precision, ref_speed);
		line_init(&why, whybuf, sizeof(whybuf));
		fails = check(&rec.query, g, &r->price, &r->perf, prc, &why);
		if (!fails && (prc = perf_at(&r->perf, cat, g, q->workload,
					     (enum gpuadv_precision)rec.query.precision,
					     ref_speed))) {
			line_init(&why, whybuf, sizeof(whybuf));
			fails = check(&rec.query, g, &r->price, &r->perf, prc, &why);
		}
		for (c = 0; c < GPUADV_C_COUNT; c++)
			if (fails & (1u << c))
				rec.excluded_by[c]++;
		if (fails == 1u << GPUADV_C_BUDGET &&
		    (isnan(rec.budget_to_admit) || r->price.usd < rec.budget_to_admit)) {
			rec.budget_to_admit = r->price.usd;
			rec.budget_admits = g;
		}
		if (fails == 1u << GPUADV_C_MEMORY &&
		    (isnan(rec.memory_to_admit) ||
		     g->v[GPUADV_F_MEMORY_GB] > rec.memory_to_admit)) {
			rec.memory_to_admit = g->v[GPUADV_F_MEMORY_GB];
			rec.memory_admits = g;
		}
		if (fails) {
			struct gpuadv_excluded *x = &rec.excluded[rec.excluded_count];

			x->gpu = g;
			x->reason = line_dup(&why);
			if (!x->reason) {
				rc = gpuadv_error_set(err, GPUADV_ENOMEM, "out of memory");
				goto done;
			}
			rec.excluded_count++;
			memset(r, 0, sizeof(*r));
			continue;
		}
		r->perf_per_kusd = isnan(r->price.usd) ? NAN
						       : r->perf.value / r->price.usd * 1000;
		rec.matched++;
	}
	qsort(rec.results, rec.matched, sizeof(*rec.results),
	      rec.query.sort == GPUADV_SORT_VALUE ? qsort_value
	      : rec.query.sort == GPUADV_SORT_MEMORY ? qsort_memory : qsort_perf);
	for (i = 0; i < rec.matched; i++) {
		struct gpuadv_result *r = &rec.results[i];

		r->rank = i + 1;
		if (rec.pick_fastest < 0 ||
		    cmp_perf(r, &rec.results[rec.pick_fastest]) < 0)
			rec.pick_fastest = (long)i;
		if (!isnan(r->perf_per_kusd) &&
		    (rec.pick_value < 0 || cmp_value(r, &rec.results[rec.pick_value]) < 0))
			rec.pick_value = (long)i;
		if (rec.pick_memory < 0 ||
		    cmp_memory(r, &rec.results[rec.pick_memory]) < 0)
			rec.pick_memory = (long)i;
	}
	rec.result_count = rec.query.top && rec.query.top < rec.matched
				   ? rec.query.top : rec.matched;
	/* Reasons for what is shown: the results kept and the picks. */
	for (i = 0; i < rec.matched; i++) {
		struct gpuadv_result *r = &rec.results[i];

		if (i >= rec.result_count && (long)i != rec.pick_fastest &&
		    (long)i != rec.pick_value && (long)i != rec.pick_memory)
			continue;
		if ((rc = result_reasons(r, cat, &rec))) {
			rc = gpuadv_error_set(err, GPUADV_ENOMEM, "out of memory");
			goto done;
		}
	}
	if (rec.matched == 0)
		rc = gpuadv_error_set(err, GPUADV_ENOTFOUND,
				      "no GPU satisfies the constraints");
done:
	if (rc && rc != GPUADV_ENOTFOUND) {
		gpuadv_recommendation_release(&rec);
		memset(out, 0, sizeof(*out));
		return rc;
	}
	*out = rec;
	return rc;
}

void gpuadv_recommendation_explain(char *buf, size_t size,
				   const struct gpuadv_recommendation *r)
{
	size_t most = 0, total = r->excluded_count;
	char hint[256] = "";
	int c, worst = 0;

	for (c = 0; c < GPUADV_C_COUNT; c++)
		if (r->excluded_by[c] > most) {
			most = r->excluded_by[c];
			worst = c;
		}
	if (r->budget_admits)
		snprintf(hint, sizeof(hint), "; a budget of $%.0f would admit '%s'",
			 ceil(r->budget_to_admit), r->budget_admits->id);
	else if (r->memory_admits)
		snprintf(hint, sizeof(hint), "; a memory need of %g GB would admit '%s'",
			 r->memory_to_admit, r->memory_admits->id);
	snprintf(buf, size,
		 "no GPU satisfies the constraints: the %s constraint excluded %zu of %zu GPUs%s",
		 gpuadv_constraint_name(worst), most, total, hint);
}

void gpuadv_recommendation_release(struct gpuadv_recommendation *r)
{
	size_t i, k;

	if (!r)
		return;
	for (i = 0; r->results && i < r->matched; i++)
		for (k = 0; k < r->results[i].reason_count; k++)
			free(r->results[i].reasons[k]);
	for (i = 0; r->excluded && i < r->excluded_count; i++)
		free(r->excluded[i].reason);
	free(r->results);
	free(r->excluded);
	memset(r, 0, sizeof(*r));
}

/* ---- compare ------------------------------------------------------------ */

static void verdict(struct gpuadv_compare_row *row, const struct gpuadv_comparison *c,
		    const struct gpuadv_catalog *cat)
{
	long best = -1, value = -1;
	size_t i, used;

	for (i = 0; i < c->gpu_count; i++) {
		if (!row->ok[i])
			continue;
		if (best < 0 || row->perf[i].value > row->perf[best].value)
			best = (long)i;
		if (!isnan(row->per_kusd[i]) &&
		    (value < 0 || row->per_kusd[i] > row->per_kusd[value]))
			value = (long)i;
	}
	if (best < 0) {
		snprintf(row->verdict, sizeof(row->verdict),
			 "%s: none of these GPUs can run %s", row->workload->id,
			 gpuadv_precision_name(row->precision));
		return;
	}
	if (row->ok[0])
		used = (size_t)snprintf(row->verdict, sizeof(row->verdict),
					"%s: %s is fastest (%.2fx the %s, %s)",
					row->workload->id, c->gpus[best]->name,
					row->ratio[best], c->gpus[0]->name,
					gpuadv_basis_name(row->perf[best].basis));
	else
		used = (size_t)snprintf(row->verdict, sizeof(row->verdict),
					"%s: %s is fastest (%.2fx the %s, %s; the %s cannot run %s)",
					row->workload->id, c->gpus[best]->name,
					row->perf[best].value, cat->reference->name,
					gpuadv_basis_name(row->perf[best].basis),
					c->gpus[0]->name,
					gpuadv_precision_name(row->precision));
	if (value >= 0 && used < sizeof(row->verdict))
		snprintf(row->verdict + used, sizeof(row->verdict) - used,
			 value == best ? "; it is also the best value" :
			 "; %s gives the most per dollar", c->gpus[value]->name);
}

int gpuadv_engine_compare(struct gpuadv_comparison *out,
			  const struct gpuadv_catalog *cat,
			  const struct gpuadv_gpu *const *gpus, size_t n,
			  const struct gpuadv_workload *workload, int precision,
			  const struct gpuadv_query *q, struct gpuadv_error *err)
{
	struct gpuadv_comparison c;
	size_t i, w, nw = workload ? 1 : cat->workload_count;

	memset(out, 0, sizeof(*out));
	memset(&c, 0, sizeof(c));
	if (n < 2 || n > GPUADV_COMPARE_MAX)
		return bad_param(err, "gpus", "compare takes 2 to %d GPUs, got %zu",
				 GPUADV_COMPARE_MAX, n);
	if (precision >= 0 && !selectable(precision))
		return bad_param(err, "precision",
				 "precision must be fp32, tf32, fp16, bf16, int8 or fp8");
	if (nw == 0)
		return gpuadv_error_set(err, GPUADV_EDATA, "the catalogue defines no workloads");
	c.rows = calloc(nw, sizeof(*c.rows));
	if (!c.rows)
		return gpuadv_error_set(err, GPUADV_ENOMEM, "out of memory");
	c.gpu_count = n;
	c.row_count = nw;
	for (i = 0; i < n; i++) {
		c.gpus[i] = gpus[i];
		gpuadv_engine_price(&c.prices[i], q, gpus[i]);
	}
	for (w = 0; w < nw; w++) {
		struct gpuadv_compare_row *row = &c.rows[w];

		row->workload = workload ? workload : &cat->workloads[w];
		row->precision = precision >= 0 ? (enum gpuadv_precision)precision
						: row->workload->default_precision;
		for (i = 0; i < n; i++) {
			double watts = gpus[i]->v[GPUADV_F_TDP_W];

			row->ok[i] = gpuadv_engine_perf(&row->perf[i], cat, gpus[i],
							row->workload,
							row->precision) == 0;
			row->per_kusd[i] = row->ok[i] ? row->perf[i].value /
							   c.prices[i].usd * 1000 : NAN;
			row->per_watt[i] = row->ok[i] ? row->perf[i].value / watts * 100
						      : NAN;
		}
		for (i = 0; i < n; i++)
			row->ratio[i] = row->ok[i] && row->ok[0]
						? row->perf[i].value / row->perf[0].value
						: NAN;
		verdict(row, &c, cat);
	}
	*out = c;
	return 0;
}

void gpuadv_comparison_release(struct gpuadv_comparison *c)
{
	if (!c)
		return;
	free(c->rows);
	memset(c, 0, sizeof(*c));
}

/* ---- list --------------------------------------------------------------- */

static const char *const list_sort_names[] = {
	[GPUADV_LIST_CATALOG] = "catalog", [GPUADV_LIST_NAME] = "name",
	[GPUADV_LIST_PRICE] = "price", [GPUADV_LIST_YEAR] = "year",
	[GPUADV_LIST_MEMORY] = "memory", [GPUADV_LIST_BANDWIDTH] = "bandwidth",
	[GPUADV_LIST_FP32] = "fp32", [GPUADV_LIST_FP16] = "fp16",
	[GPUADV_LIST_POWER] = "power",
};

static const int list_sort_field[] = {
	[GPUADV_LIST_YEAR] = GPUADV_F_RELEASE_YEAR,
	[GPUADV_LIST_MEMORY] = GPUADV_F_MEMORY_GB,
	[GPUADV_LIST_BANDWIDTH] = GPUADV_F_BANDWIDTH_GBS,
	[GPUADV_LIST_FP32] = GPUADV_F_FP32_TFLOPS,
	[GPUADV_LIST_FP16] = GPUADV_F_FP16_TENSOR_TFLOPS,
	[GPUADV_LIST_POWER] = GPUADV_F_TDP_W,
};

int gpuadv_list_sort_parse(const char *s)
{
	size_t i;

	for (i = 0; i < sizeof(list_sort_names) / sizeof(*list_sort_names); i++)
		if (!strcmp(list_sort_names[i], s))
			return (int)i;
	return -1;
}

void gpuadv_list_query_init(struct gpuadv_list_query *q)
{
	memset(q, 0, sizeof(*q));
	q->segment = -1;
	q->precision = -1;
	q->min_memory_gb = NAN;
	q->max_price_usd = NAN;
}

struct list_item {
	const struct gpuadv_gpu *gpu;
	double key;
};

static enum gpuadv_list_sort list_sort;

/* Numbers descending except price; unknown last; ties in catalogue order. */
static int list_cmp(const void *pa, const void *pb)
{
	const struct list_item *a = pa, *b = pb;

	if (list_sort == GPUADV_LIST_NAME) {
		int c = strcmp(a->gpu->name, b->gpu->name);

		if (c)
			return c;
	} else if (list_sort != GPUADV_LIST_CATALOG) {
		if (isnan(a->key) != isnan(b->key))
			return isnan(a->key) ? 1 : -1;
		if (!isnan(a->key) && a->key != b->key) {
			if (list_sort == GPUADV_LIST_PRICE)
				return a->key < b->key ? -1 : 1;
			return a->key > b->key ? -1 : 1;
		}
	}
	return a->gpu < b->gpu ? -1 : a->gpu > b->gpu;
}

int gpuadv_engine_list(const struct gpuadv_gpu ***gpus_out, struct gpuadv_perf **perf_out,
		       size_t *n_out, const struct gpuadv_catalog *cat,
		       const struct gpuadv_list_query *q, struct gpuadv_error *err)
{
	struct list_item *items = NULL;
	const struct gpuadv_gpu **gpus = NULL;
	struct gpuadv_perf *perf = NULL;
	size_t i, n = 0;
	int rc = 0;

	*gpus_out = NULL;
	*perf_out = NULL;
	*n_out = 0;
	if (q->precision >= 0 && !selectable(q->precision))
		return bad_param(err, "precision",
				 "precision must be fp32, tf32, fp16, bf16, int8 or fp8");
	items = calloc(cat->gpu_count ? cat->gpu_count : 1, sizeof(*items));
	if (!items)
		return gpuadv_error_set(err, GPUADV_ENOMEM, "out of memory");
	for (i = 0; i < cat->gpu_count; i++) {
		const struct gpuadv_gpu *g = &cat->gpus[i];
		double price = gpuadv_gpu_price(g, NULL);

		if ((q->arch && g->arch != q->arch) ||
		    (q->segment >= 0 && (int)g->segment != q->segment) ||
		    (!isnan(q->min_memory_gb) && g->v[GPUADV_F_MEMORY_GB] < q->min_memory_gb) ||
		    (!isnan(q->max_price_usd) && (isnan(price) || price > q->max_price_usd)))
			continue;
		items[n].gpu = g;
		items[n].key = q->sort == GPUADV_LIST_PRICE ? price
			       : q->sort >= GPUADV_LIST_YEAR ? g->v[list_sort_field[q->sort]]
							     : 0;
		n++;
	}
	list_sort = q->sort;
	qsort(items, n, sizeof(*items), list_cmp);
	gpus = calloc(n ? n : 1, sizeof(*gpus));
	if (q->workload)
		perf = calloc(n ? n : 1, sizeof(*perf));
	if (!gpus || (q->workload && !perf)) {
		rc = gpuadv_error_set(err, GPUADV_ENOMEM, "out of memory");
		goto done;
	}
	for (i = 0; i < n; i++) {
		gpus[i] = items[i].gpu;
		if (perf) /* a GPU that cannot run it keeps value NAN and a note */
			gpuadv_engine_perf(&perf[i], cat, gpus[i], q->workload,
					   q->precision >= 0 ? (enum gpuadv_precision)q->precision
							     : q->workload->default_precision);
	}
	*gpus_out = gpus;
	*perf_out = perf;
	*n_out = n;
	gpus = NULL;
	perf = NULL;
done:
	free(items);
	free(gpus);
	free(perf);
	return rc;
}
