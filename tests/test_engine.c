/*
 * test_engine.c - the scoring engine of engine.h, on the fixture catalogue
 * tests/fixtures/engine.yaml (eight GPUs with chosen figures and prices:
 * Pascal, Turing, Ampere and Ada cards; street, launch and no prices; two
 * "twins" identical but for price; measured benchmarks in two sets, one
 * without the reference GPU). Its header lists every GPU's figures.
 *
 * Table-driven where it fits: query validation (defaults and bad values
 * with err->field), the price the engine uses and its basis, price
 * overrides, the precision gate, recommend (filters, ranking, ties, sort,
 * --top, picks, exclusion reasons and counts), the no-result explanation,
 * list (filters and order) and compare (ratios, per $1000, n/a, verdict).
 *
 * Expected orders and figures come from the fixture's figures; where a
 * number is the model's, the tests compare it with another engine answer
 * rather than pin it, and pin only what the fixture fixes by hand (measured
 * ratios, prices, the reference's 1.0).
 *
 * Rows and tests marked "Regression:" caught a defect in code outside the
 * tests, since fixed; they keep it fixed.
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "gpu_advisor/catalog.h"
#include "testutil.h"
#include "gpu_advisor/engine.h"
#include "gpu_advisor/model.h"
#include "gpu_advisor/render.h"
#include "render/words.h"

#define NGPUS 8 /* GPUs in engine.yaml */

static struct gpuadv_catalog cat;

/* What a test holds, released by the teardown even when a check fails. */
static struct gpuadv_recommendation rec;
static struct gpuadv_comparison cmp;
static const struct gpuadv_gpu **list_gpus;
static struct gpuadv_perf *list_perf;

static int setup(void **state)
{
	(void)state;
	if (test_load_catalog(&cat, GPUADV_FIXTURES "/engine.yaml"))
		return -1;
	return cat.gpu_count == NGPUS ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	gpuadv_catalog_release(&cat);
	return 0;
}

static int release_held(void **state)
{
	(void)state;
	gpuadv_recommendation_release(&rec);
	gpuadv_comparison_release(&cmp);
	free(list_gpus);
	free(list_perf);
	list_gpus = NULL;
	list_perf = NULL;
	return 0;
}

/* ---- helpers -------------------------------------------------------------- */

static const struct gpuadv_gpu *G(const char *id)
{
	return test_gpu(&cat, id);
}

static const struct gpuadv_workload *W(const char *id)
{
	const struct gpuadv_workload *w = gpuadv_catalog_find_workload(&cat, id);

	if (!w)
		fail_msg("no workload '%s' in engine.yaml", id);
	return w;
}

static const struct gpuadv_arch *A(const char *id)
{
	const struct gpuadv_arch *a = gpuadv_catalog_find_arch(&cat, id);

	if (!a)
		fail_msg("no architecture '%s' in engine.yaml", id);
	return a;
}

static bool near(double a, double b)
{
	return fabs(a - b) <= 1e-9 * fmax(1, fabs(b));
}

/* Index of the result for GPU id, or -1. */
static long result_of(const struct gpuadv_recommendation *r, const char *id)
{
	size_t i;

	for (i = 0; i < r->matched; i++)
		if (!strcmp(r->results[i].gpu->id, id))
			return (long)i;
	return -1;
}

/* The reason GPU id was excluded, as a terminal shows it, or NULL. */
static const char *excluded_why(const struct gpuadv_recommendation *r, const char *id)
{
	static char buf[GPUADV__WORDS_MAX];
	size_t i;

	for (i = 0; i < r->excluded_count; i++)
		if (!strcmp(r->excluded[i].gpu->id, id)) {
			gpuadv__words_excluded(buf, sizeof(buf), r, &r->excluded[i],
					       GPUADV__FOR_TEXT);
			return buf;
		}
	return NULL;
}

/* Result r's reason k, worded. */
static const char *reason_text(const struct gpuadv_recommendation *r_of,
			       const struct gpuadv_result *r, size_t k)
{
	static char buf[GPUADV__WORDS_MAX];

	gpuadv__words_reason(buf, sizeof(buf), &cat, r_of, r, &r->reasons[k]);
	return buf;
}

/* A comparison row's verdict, worded. */
static const char *verdict_of(const struct gpuadv_compare_row *row)
{
	static char buf[GPUADV__WORDS_MAX];

	gpuadv__words_verdict(buf, sizeof(buf), &cat, &cmp, row);
	return buf;
}

/* Compare as every caller does: the query layer validates, then the engine
 * compares. prices (may be NULL) gives the price overrides. */
static int compare(const struct gpuadv_gpu *const *g, size_t n,
		   const struct gpuadv_workload *w, int precision,
		   const struct gpuadv_query *prices, struct gpuadv_error *err)
{
	struct gpuadv_query q;
	size_t i;
	int rc;

	if (prices)
		q = *prices;
	else
		gpuadv_query_init(&q, GPUADV_CMD_COMPARE);
	q.command = GPUADV_CMD_COMPARE;
	for (i = 0; i < n && i < GPUADV_COMPARE_MAX; i++)
		q.gpus[i] = g[i];
	q.gpu_count = n; /* past the array only to be refused */
	q.workload = w;
	q.precision = precision;
	memset(&cmp, 0, sizeof(cmp));
	if ((rc = gpuadv_query_validate(&q, GPUADV_NAMING_FLAG, err)))
		return rc;
	return gpuadv_engine_compare(&cmp, &cat, &q, err);
}

/* The ids of the shown results, comma-separated. */
static const char *ranked_ids(const struct gpuadv_recommendation *r, char *buf,
			      size_t size)
{
	size_t i, used = 0;

	buf[0] = '\0';
	for (i = 0; i < r->result_count && used < size; i++)
		used += (size_t)snprintf(buf + used, size - used, "%s%s", i ? "," : "",
					 r->results[i].gpu->id);
	return buf;
}

static const char *pick_id(const struct gpuadv_recommendation *r, long pick)
{
	if (pick < 0)
		return "-";
	assert_true((size_t)pick < r->matched);
	return r->results[pick].gpu->id;
}

/* ---- gpuadv_query_validate ------------------------------------------------ */

struct default_case {
	const char *name;
	const char *workload;
	int precision, task; /* as given; -1 unset */
	int want_precision, want_task;
};

static const struct default_case default_cases[] = {
	{ "cnn: fp16, train", "cnn", -1, -1, GPUADV_FP16, GPUADV_TRAIN },
	{ "llm-inference: infer", "llm-inference", -1, -1, GPUADV_FP16, GPUADV_INFER },
	{ "precision given is kept", "transformer", GPUADV_BF16, -1, GPUADV_BF16, GPUADV_TRAIN },
	{ "fp8 is selectable", "cnn", GPUADV_FP8, -1, GPUADV_FP8, GPUADV_TRAIN },
	{ "task given that matches", "llm-inference", GPUADV_INT8, GPUADV_INFER, GPUADV_INT8, GPUADV_INFER },
	{ NULL, NULL, 0, 0, 0, 0 }
};

static void test_validate_defaults(void **state)
{
	const struct default_case *t;

	(void)state;
	for (t = default_cases; t->name; t++) {
		struct gpuadv_query q;
		struct gpuadv_error err;

		gpuadv_query_init(&q, GPUADV_CMD_RECOMMEND);
		q.workload = W(t->workload);
		q.precision = t->precision;
		q.task = t->task;
		if (gpuadv_query_validate(&q, GPUADV_NAMING_FLAG, &err) != 0)
			fail_msg("%s: validate failed: %s", t->name, err.message);
		if (q.precision != t->want_precision || q.task != t->want_task)
			fail_msg("%s: precision %d task %d, want %d %d", t->name, q.precision,
				 q.task, t->want_precision, t->want_task);
		/* the constraints nobody set stay unset */
		assert_true(isnan(q.budget_usd) && isnan(q.max_power_w));
		assert_int_equal(q.segment, -1);
		assert_null(q.arch);
	}
}

/* One bad value per row; field is err->field (the flag's name), NULL for a
 * control row that must pass. */
struct bad_case {
	const char *name;
	const char *what; /* which member to set */
	double value;
	const char *field;
};

static const struct bad_case bad_cases[] = {
	{ "no workload", "workload", 0, "workload" },
	{ "int4 is not selectable", "precision", GPUADV_INT4, "precision" },
	{ "fp4 is not selectable", "precision", GPUADV_FP4, "precision" },
	{ "precision out of the enum", "precision", GPUADV_PRECISION_COUNT + 3, "precision" },
	{ "infer on a train workload", "task", GPUADV_INFER, "task" },
	{ "budget 0", "budget", 0, "budget" },
	{ "budget negative", "budget", -100, "budget" },
	{ "budget infinite", "budget", INFINITY, "budget" },
	{ "min-memory negative", "min-memory", -1, "min-memory" },
	{ "min-memory infinite", "min-memory", INFINITY, "min-memory" },
	{ "max-power 0", "max-power", 0, "max-power" },
	{ "max-power negative", "max-power", -5, "max-power" },
	{ "segment out of range", "segment", GPUADV_SEGMENT_COUNT, "segment" },
	{ "sort out of range", "sort", GPUADV_SORT_COUNT, "sort" },
	{ "price override of 0", "price", 0, "price" },
	{ "price override NAN", "price", NAN, "price" },
	{ "price for one GPU twice", "price-twice", 500, "price" },
	{ "control: budget 1", "budget", 1, NULL },
	{ "control: min-memory 0", "min-memory", 0, NULL },
	{ "control: one price", "price", 500, NULL },
	{ NULL, NULL, 0, NULL }
};

static void test_validate_bad(void **state)
{
	const struct bad_case *t;

	(void)state;
	for (t = bad_cases; t->name; t++) {
		struct gpuadv_query q;
		struct gpuadv_error err;
		int rc;

		gpuadv_query_init(&q, GPUADV_CMD_RECOMMEND);
		gpuadv_error_clear(&err);
		q.workload = W("cnn");
		if (!strcmp(t->what, "workload"))
			q.workload = NULL;
		else if (!strcmp(t->what, "precision"))
			q.precision = (int)t->value;
		else if (!strcmp(t->what, "task"))
			q.task = (int)t->value;
		else if (!strcmp(t->what, "budget"))
			q.budget_usd = t->value;
		else if (!strcmp(t->what, "min-memory"))
			q.min_memory_gb = t->value;
		else if (!strcmp(t->what, "max-power"))
			q.max_power_w = t->value;
		else if (!strcmp(t->what, "segment"))
			q.segment = (int)t->value;
		else if (!strcmp(t->what, "sort"))
			q.sort = (enum gpuadv_sort)t->value;
		else if (!strncmp(t->what, "price", 5)) {
			/* set directly, as a caller filling the array would */
			q.prices[0] = (struct gpuadv_price_override){ G("rtx-3090"), t->value, "override" };
			q.price_count = 1;
			if (!strcmp(t->what, "price-twice")) {
				q.prices[1] = q.prices[0];
				q.price_count = 2;
			}
		} else
			fail_msg("%s: unknown member '%s'", t->name, t->what);
		rc = gpuadv_query_validate(&q, GPUADV_NAMING_FLAG, &err);
		if (!t->field) {
			if (rc != 0)
				fail_msg("%s: rc %d (%s), want 0", t->name, rc, err.message);
			continue;
		}
		if (rc != GPUADV_EUSAGE || err.code != GPUADV_EUSAGE)
			fail_msg("%s: rc %d, want GPUADV_EUSAGE", t->name, rc);
		if (strcmp(err.field, t->field) != 0)
			fail_msg("%s: field '%s', want '%s'", t->name, err.field, t->field);
		if (!err.message[0])
			fail_msg("%s: no message", t->name);
	}
}

/* ---- prices --------------------------------------------------------------- */

struct price_case {
	const char *name;
	const char *gpu;
	double override;      /* NAN: none */
	const char *obasis;   /* the override's basis */
	const char *today;    /* NULL: unset */
	bool no_query;        /* pass q = NULL */
	double usd;           /* NAN: unknown */
	const char *basis;
	const char *as_of, *condition;
	bool stale;
};

/* engine.yaml has no price list: its deprecated street prices are the
 * dated ones (basis new or used), launch prices the fallback. */
static const struct price_case price_cases[] = {
	{ "street beats launch", "rtx-3090", NAN, NULL, NULL, false, 750, "used", "2026-05-16", NULL, false },
	{ "launch when no street", "gtx-1080-ti", NAN, NULL, NULL, false, 699, "launch", NULL, NULL, true },
	{ "unknown", "a100-40gb-pcie", NAN, NULL, NULL, false, NAN, "unknown", NULL, NULL, false },
	{ "override beats street", "rtx-3090", 600, "override", NULL, false, 600, "override", NULL, NULL, false },
	{ "override of an unpriced GPU", "a100-40gb-pcie", 5000, "override", NULL, false, 5000, "override", NULL, NULL, false },
	{ "config basis", "gtx-1080-ti", 300, "config", NULL, false, 300, "config", NULL, NULL, false },
	{ "override for another GPU ignored", "rtx-4090", NAN, NULL, NULL, false, 2200, "new", "2026-10-01", NULL, false },
	{ "no query", "rtx-2080-ti", NAN, NULL, NULL, true, 400, "used", "2026-10-01", NULL, false },
	/* six calendar months before 2026-11-16 is 2026-05-16: a price of that
	 * day is not yet older; a day later it is (tools/stale-prices.py) */
	{ "street, six months old", "rtx-3090", NAN, NULL, "2026-11-16", false, 750, "used", "2026-05-16", NULL, false },
	{ "street, a day over six months", "rtx-3090", NAN, NULL, "2026-11-17", false, 750, "used", "2026-05-16", NULL, true },
	{ "street, two months old", "rtx-4090", NAN, NULL, "2026-12-01", false, 2200, "new", "2026-10-01", NULL, false },
	{ "an override is never stale", "rtx-3090", 700, "override", "2027-06-01", false, 700, "override", NULL, NULL, false },
	{ NULL, NULL, 0, NULL, NULL, false, 0, NULL, NULL, NULL, false }
};

static bool same_str(const char *a, const char *b)
{
	return a == b || (a && b && !strcmp(a, b));
}

static void test_price_basis(void **state)
{
	const struct price_case *t;

	(void)state;
	for (t = price_cases; t->name; t++) {
		struct gpuadv_query q;
		struct gpuadv_price p;

		gpuadv_query_init(&q, GPUADV_CMD_RECOMMEND);
		q.today = t->today;
		/* an override for another GPU must not leak into this one */
		q.prices[q.price_count++] = (struct gpuadv_price_override){ G("twin-a"), 1, "override" };
		if (!isnan(t->override))
			q.prices[q.price_count++] =
				(struct gpuadv_price_override){ G(t->gpu), t->override, t->obasis };
		gpuadv_engine_price(&p, &cat, t->no_query ? NULL : &q, G(t->gpu));
		if (isnan(t->usd) ? !isnan(p.usd) : p.usd != t->usd)
			fail_msg("%s: usd %g, want %g", t->name, p.usd, t->usd);
		if (!same_str(gpuadv_price_basis_name(p.basis), t->basis) ||
		    !same_str(p.as_of, t->as_of))
			fail_msg("%s: basis %s as_of %s", t->name, gpuadv_price_basis_name(p.basis),
				 p.as_of ? p.as_of : "(null)");
		if (p.stale != t->stale)
			fail_msg("%s: stale %d, want %d", t->name, p.stale, t->stale);
	}
}

static void test_days_between(void **state)
{
	(void)state;
	assert_int_equal(gpuadv_days_between("2026-05-16", "2026-11-15"), 183);
	assert_int_equal(gpuadv_days_between("2024-02-28", "2024-03-01"), 2); /* leap year */
	assert_int_equal(gpuadv_days_between("2023-02-28", "2023-03-01"), 1);
	assert_int_equal(gpuadv_days_between("2026-01-01", "2025-12-31"), -1);
}

/* Steps run in order on one query. */
struct add_step {
	const char *gpu;
	double usd;
	const char *basis;
	bool replace;
	int rc;
	size_t count;       /* price_count after */
	double usd_after;   /* the GPU's override after */
	const char *basis_after;
};

static const struct add_step add_steps[] = {
	{ "rtx-3090", 700, "config", false, 0, 1, 700, "config" },
	{ "rtx-3090", 650, "override", false, GPUADV_EUSAGE, 1, 700, "config" }, /* twice, no replace */
	{ "rtx-3090", 650, "override", true, 0, 1, 650, "override" },           /* flag beats file */
	{ "rtx-3090", 600, "override", true, GPUADV_EUSAGE, 1, 650, "override" }, /* same basis twice */
	{ "rtx-4090", 0, "override", false, GPUADV_EUSAGE, 1, NAN, NULL },
	{ "rtx-4090", -5, "override", false, GPUADV_EUSAGE, 1, NAN, NULL },
	{ "rtx-4090", NAN, "override", false, GPUADV_EUSAGE, 1, NAN, NULL },
	{ "rtx-4090", INFINITY, "override", false, GPUADV_EUSAGE, 1, NAN, NULL },
	{ "rtx-4090", 1500, "override", false, 0, 2, 1500, "override" },
	{ NULL, 0, NULL, false, 0, 0, 0, NULL }
};

static void test_add_price(void **state)
{
	static struct gpuadv_gpu fake[GPUADV_MAX_PRICE_OVERRIDES + 1];
	const struct add_step *s;
	struct gpuadv_query q;
	struct gpuadv_error err;
	size_t i;

	(void)state;
	gpuadv_query_init(&q, GPUADV_CMD_RECOMMEND);
	for (s = add_steps; s->gpu; s++) {
		const struct gpuadv_gpu *g = G(s->gpu);
		int rc = gpuadv_query_add_price(&q, g, s->usd, s->basis, s->replace, GPUADV_NAMING_FLAG, &err);
		struct gpuadv_price p;

		if (rc != s->rc)
			fail_msg("step %td (%s %g %s): rc %d, want %d", s - add_steps, s->gpu,
				 s->usd, s->basis, rc, s->rc);
		if (rc)
			assert_string_equal(err.field, "price");
		assert_int_equal(q.price_count, s->count);
		gpuadv_engine_price(&p, &cat, &q, g);
		if (s->basis_after) {
			if (p.usd != s->usd_after ||
			    strcmp(gpuadv_price_basis_name(p.basis), s->basis_after))
				fail_msg("step %td: %g %s, want %g %s", s - add_steps, p.usd,
					 gpuadv_price_basis_name(p.basis), s->usd_after, s->basis_after);
		} else if (p.basis == GPUADV_PB_OVERRIDE || p.basis == GPUADV_PB_CONFIG) {
			fail_msg("step %td: a refused price was kept", s - add_steps);
		}
	}
	/* the table is full at GPUADV_MAX_PRICE_OVERRIDES */
	gpuadv_query_init(&q, GPUADV_CMD_RECOMMEND);
	for (i = 0; i < GPUADV_MAX_PRICE_OVERRIDES; i++)
		assert_int_equal(gpuadv_query_add_price(&q, &fake[i], 100, "override", false, GPUADV_NAMING_FLAG, &err), 0);
	assert_int_equal(gpuadv_query_add_price(&q, &fake[i], 100, "override", false, GPUADV_NAMING_FLAG, &err),
			 GPUADV_EUSAGE);
	assert_int_equal(q.price_count, GPUADV_MAX_PRICE_OVERRIDES);
}

/* ---- the precision gate and performance ----------------------------------- */

struct perf_case {
	const char *name;
	const char *gpu, *workload;
	enum gpuadv_precision precision;
	int rc;
	bool fallback;
	const char *note; /* substring of the note; NULL: the note is empty */
};

static const struct perf_case perf_cases[] = {
	{ "bf16 on Turing", "rtx-2080-ti", "transformer", GPUADV_BF16, GPUADV_ENOTFOUND, false, "no BF16 Tensor Cores (Turing); BF16 needs Ampere or newer" },
	{ "bf16 on Pascal", "gtx-1080-ti", "transformer", GPUADV_BF16, GPUADV_ENOTFOUND, false, "no BF16 Tensor Cores (Pascal)" },
	{ "tf32 on Turing falls back", "rtx-2080-ti", "cnn", GPUADV_TF32, 0, true, "no TF32 Tensor Cores (Turing); modelled at the FP32 rate" },
	{ "tf32 on Pascal falls back", "gtx-1080-ti", "cnn", GPUADV_TF32, 0, true, "no TF32 Tensor Cores (Pascal)" },
	{ "fp16 on Pascal falls back", "p100-pcie-16gb", "cnn", GPUADV_FP16, 0, true, "no FP16 Tensor Cores (Pascal); modelled at the FP32 rate" },
	{ "int8 on Pascal", "gtx-1080-ti", "llm-inference", GPUADV_INT8, GPUADV_ENOTFOUND, false, "INT8 needs Turing or newer" },
	{ "int8 on Turing", "rtx-2080-ti", "llm-inference", GPUADV_INT8, 0, false, NULL },
	{ "fp16 on Turing", "rtx-2080-ti", "cnn", GPUADV_FP16, 0, false, NULL },
	{ "fp8 on Ampere", "rtx-3090", "cnn", GPUADV_FP8, GPUADV_ENOTFOUND, false, "no FP8 Tensor Cores (Ampere); FP8 needs Ada Lovelace" },
	{ "fp8 on Ada", "rtx-4090", "cnn", GPUADV_FP8, 0, false, NULL },
	{ "bf16 on Ada", "rtx-4090", "transformer", GPUADV_BF16, 0, false, NULL },
	{ "fp32 is never a fallback", "gtx-1080-ti", "cnn", GPUADV_FP32, 0, false, NULL },
	{ NULL, NULL, NULL, 0, 0, false, NULL }
};

static void test_perf_gate(void **state)
{
	const struct perf_case *t;

	(void)state;
	for (t = perf_cases; t->name; t++) {
		struct gpuadv_perf p;
		int rc = gpuadv_engine_perf(&p, &cat, G(t->gpu), W(t->workload), t->precision);

		if (rc != t->rc)
			fail_msg("%s: rc %d, want %d (note '%s')", t->name, rc, t->rc, p.note);
		if (t->note ? !strstr(p.note, t->note) : p.note[0] != '\0')
			fail_msg("%s: note '%s', want '%s'", t->name, p.note,
				 t->note ? t->note : "");
		if (rc) {
			if (!isnan(p.value) || !isnan(p.estimated))
				fail_msg("%s: a GPU that cannot run has a figure", t->name);
			continue;
		}
		if (p.fallback != t->fallback)
			fail_msg("%s: fallback %d, want %d", t->name, p.fallback, t->fallback);
		if (!(p.estimated > 0 && isfinite(p.estimated)) || p.precision != t->precision ||
		    p.workload != W(t->workload))
			fail_msg("%s: estimated %g", t->name, p.estimated);
	}
}

/* The reference GPU scores 1.0 at every precision it can run. */
static void test_reference_is_one(void **state)
{
	static const char *const wls[] = { "cnn", "transformer", "llm-inference", NULL };
	static const enum gpuadv_precision ps[] = { GPUADV_FP32, GPUADV_TF32, GPUADV_FP16,
						   GPUADV_BF16, GPUADV_INT8 };
	size_t w, i;

	(void)state;
	assert_ptr_equal(cat.reference, G("rtx-3090"));
	for (w = 0; wls[w]; w++) {
		for (i = 0; i < sizeof(ps) / sizeof(*ps); i++) {
			struct gpuadv_perf p;

			assert_int_equal(gpuadv_engine_perf(&p, &cat, cat.reference, W(wls[w]), ps[i]), 0);
			if (!near(p.estimated, 1.0) || !near(p.value, 1.0))
				fail_msg("%s %s: reference estimated %.12g value %.12g", wls[w],
					 gpuadv_precision_name(ps[i]), p.estimated, p.value);
		}
	}
	/* measured against itself: exactly 1, and the basis says so */
	{
		struct gpuadv_perf p;

		assert_int_equal(gpuadv_engine_perf(&p, &cat, cat.reference, W("cnn"), GPUADV_FP16), 0);
		assert_int_equal(p.basis, GPUADV_BASIS_MEASURED);
		assert_true(p.measured == 1.0);
		assert_string_equal(p.measured_set, "set-b");
	}
}

/* Measured beats estimated; both are kept. */
static void test_measured(void **state)
{
	struct gpuadv_perf p;

	(void)state;
	/* two sets: the newer by name (set-b: 600/1000) wins over set-a (450/900) */
	assert_int_equal(gpuadv_engine_perf(&p, &cat, G("rtx-2080-ti"), W("cnn"), GPUADV_FP16), 0);
	assert_int_equal(p.basis, GPUADV_BASIS_MEASURED);
	assert_true(near(p.measured, 0.6));
	assert_true(p.value == p.measured);
	assert_string_equal(p.measured_set, "set-b");
	assert_string_equal(p.measured_precision, "fp16");
	assert_true(p.estimated > 0 && !near(p.estimated, p.measured));
	assert_string_equal(gpuadv_basis_name(p.basis), "measured");

	/* two networks in one set: the geometric mean of 1.8 and 2.0 */
	assert_int_equal(gpuadv_engine_perf(&p, &cat, G("rtx-4090"), W("cnn"), GPUADV_FP16), 0);
	assert_int_equal(p.basis, GPUADV_BASIS_MEASURED);
	assert_true(near(p.measured, sqrt(3.6)));
	assert_true(p.value == p.measured && p.estimated < p.measured);

	/* a benchmark whose set lacks the reference GPU is not a measurement */
	assert_int_equal(gpuadv_engine_perf(&p, &cat, G("gtx-1080-ti"), W("cnn"), GPUADV_FP16), 0);
	assert_int_equal(p.basis == GPUADV_BASIS_MEASURED, 0);
	assert_true(isnan(p.measured));
	assert_null(p.measured_set);
	assert_null(p.measured_precision);

	/* a measurement at another precision calibrates this one: the card's
	 * fp16 result times the model's fp32/fp16 step for it against the
	 * reference's; the step is the model's, and so is the band */
	assert_int_equal(gpuadv_engine_perf(&p, &cat, G("rtx-4090"), W("cnn"), GPUADV_FP32), 0);
	assert_int_equal(p.basis, GPUADV_BASIS_CALIBRATED);
	assert_string_equal(gpuadv_basis_name(p.basis), "calibrated");
	assert_true(isnan(p.measured));
	{
		struct gpuadv_perf h;

		assert_int_equal(gpuadv_engine_perf(&h, &cat, G("rtx-4090"), W("cnn"), GPUADV_FP16), 0);
		struct gpuadv_model_estimate e;

		assert_true(near(p.value, h.measured * p.estimated / h.estimated));
		assert_string_equal(p.measured_precision, "fp16");
		assert_int_equal(gpuadv_model_speed(&e, G("rtx-4090"), W("cnn"), GPUADV_FP32, NULL), 0);
		assert_true(p.error_pct == gpuadv_model_error_pct(G("rtx-4090"), W("cnn"), &e));
		assert_true(p.error_pct > h.error_pct);
	}
	assert_int_equal(gpuadv_engine_perf(&p, &cat, G("rtx-2080-ti"), W("transformer"), GPUADV_FP16), 0);
	assert_int_equal(p.basis, GPUADV_BASIS_ESTIMATED);

	/* A card measured only beside a card that has a value of its own is
	 * placed through it: the A100 is measured 1.5x the reference in set-b,
	 * and the GTX 1080 Ti runs at 60 / 300 of the A100 in set-c, so 0.3x,
	 * whatever the model says; its band is a calibrated one. */
	{
		struct gpuadv_perf a, g;

		assert_int_equal(gpuadv_engine_perf(&a, &cat, G("a100-40gb-pcie"), W("translation"),
						    GPUADV_FP16), 0);
		assert_int_equal(gpuadv_engine_perf(&g, &cat, G("gtx-1080-ti"), W("translation"),
						    GPUADV_FP16), 0);
		assert_int_equal(a.basis, GPUADV_BASIS_MEASURED);
		assert_true(near(a.value, 1.5));
		assert_string_equal(a.measured_set, "set-b");
		assert_int_equal(g.basis, GPUADV_BASIS_CALIBRATED);
		assert_true(isnan(g.measured));
		assert_true(near(g.value, 0.3));
		assert_string_equal(g.measured_set, "set-c");
		assert_true(g.error_pct < gpuadv_model_error_pct(G("gtx-1080-ti"), W("translation"),
								 &(struct gpuadv_model_estimate){
									 .fallback = g.fallback }));
	}
	/* Two cards beside no card with a value keep their measured ratio
	 * (400 / 50) against the model's on GNMT, each moved by half the gap,
	 * not all of it; the level stays the model's, and so does the band. */
	{
		struct gpuadv_perf a, b;
		struct gpuadv_model_estimate ea, eb;
		const struct gpuadv_network_profile *gnmt = gpuadv_model_network("gnmt");

		assert_int_equal(gpuadv_engine_perf(&a, &cat, G("rtx-4090"), W("translation"),
						    GPUADV_FP16), 0);
		assert_int_equal(gpuadv_engine_perf(&b, &cat, G("p100-pcie-16gb"), W("translation"),
						    GPUADV_FP16), 0);
		assert_int_equal(a.basis, GPUADV_BASIS_CALIBRATED);
		assert_int_equal(b.basis, GPUADV_BASIS_CALIBRATED);
		assert_null(a.measured_set);
		assert_int_equal(gpuadv_model_network_speed(&ea, G("rtx-4090"), gnmt,
							    &W("translation")->model, GPUADV_FP16,
							    NULL), 0);
		assert_int_equal(gpuadv_model_network_speed(&eb, G("p100-pcie-16gb"), gnmt,
							    &W("translation")->model, GPUADV_FP16,
							    NULL), 0);
		assert_true(fabs((a.value / b.value) / (a.estimated / b.estimated) /
				 (8.0 / (ea.speed / eb.speed)) - 1) < 1e-9);
		assert_true(fabs(log(a.value / a.estimated) + log(b.value / b.estimated)) < 1e-9);
		assert_true(a.error_pct == gpuadv_model_error_pct(G("rtx-4090"), W("translation"), &ea));
	}

	/* identical figures, identical estimates */
	{
		struct gpuadv_perf a, b;

		assert_int_equal(gpuadv_engine_perf(&a, &cat, G("twin-a"), W("cnn"), GPUADV_FP16), 0);
		assert_int_equal(gpuadv_engine_perf(&b, &cat, G("twin-b"), W("cnn"), GPUADV_FP16), 0);
		assert_true(a.value == b.value);
	}
}

/*
 * A card placed through a card whose own value was moved by the model's
 * step carries that step, and so the model's band: with the A100's set-b
 * results (beside the reference) relabelled fp32, its fp16 value comes
 * from fp32 by the step, and the GTX 1080 Ti, measured beside it at fp16
 * in set-c, rests on that step too (it had half the band).
 */
static void test_bridge_carries_step(void **state)
{
	struct gpuadv_catalog c;
	struct gpuadv_perf a, g;
	struct gpuadv_model_estimate e;
	const struct gpuadv_gpu *a100, *gtx;
	const struct gpuadv_workload *w;
	size_t i, moved = 0;

	(void)state;
	assert_int_equal(test_load_catalog(&c, GPUADV_FIXTURES "/engine.yaml"), 0);
	a100 = gpuadv_catalog_find_gpu(&c, "a100-40gb-pcie", NULL);
	gtx = gpuadv_catalog_find_gpu(&c, "gtx-1080-ti", NULL);
	w = gpuadv_catalog_find_workload(&c, "translation");
	assert_true(a100 && gtx && w);
	for (i = 0; i < c.benchmark_count; i++)
		if (c.benchmarks[i].workload == w && !strcmp(c.benchmarks[i].set, "set-b")) {
			c.benchmarks[i].precision = GPUADV_FP32;
			moved++;
		}
	assert_int_equal(moved, 2); /* the reference's and the A100's */
	assert_int_equal(gpuadv_engine_perf(&a, &c, a100, w, GPUADV_FP16), 0);
	assert_int_equal(a.basis, GPUADV_BASIS_CALIBRATED);
	assert_string_equal(a.measured_precision, "fp32");
	assert_int_equal(gpuadv_engine_perf(&g, &c, gtx, w, GPUADV_FP16), 0);
	assert_int_equal(g.basis, GPUADV_BASIS_CALIBRATED);
	assert_string_equal(g.measured_set, "set-c");
	assert_int_equal(gpuadv_model_speed(&e, gtx, w, GPUADV_FP16, NULL), 0);
	assert_true(g.error_pct == gpuadv_model_error_pct(gtx, w, &e));
	gpuadv_catalog_release(&c);
}

/* ---- recommend ------------------------------------------------------------ */

struct rec_case {
	const char *name;
	const char *workload;
	const char *precision; /* NULL: the workload's */
	double budget;         /* 0: none */
	bool mem_set;          /* min_memory given (else the workload's) */
	double min_memory;
	double max_power;      /* 0: none */
	const char *segment, *arch;
	enum gpuadv_sort sort;
	size_t top;
	const char *price;     /* "id=usd": an override, or NULL */
	int rc;
	const char *ranked;    /* the shown results' ids in order; NULL: not checked */
	size_t matched;
	const char *picks;     /* "fastest,best_value,most_memory" ("-": none); NULL: not checked */
	enum gpuadv_constraint by;
	size_t by_count;       /* excluded_by[by] */
	const char *out, *why; /* an excluded GPU and a substring of its reason */
};

#define ALL_CNN "rtx-4090,a100-40gb-pcie,rtx-3090,twin-b,twin-a,rtx-2080-ti,gtx-1080-ti,p100-pcie-16gb"

static const struct rec_case rec_cases[] = {
	{ .name = "cnn, no constraints: all, by perf; unknown price is no exclusion", .workload = "cnn",
	  .ranked = ALL_CNN, .matched = 8, .picks = "rtx-4090,rtx-2080-ti,a100-40gb-pcie",
	  .by = GPUADV_C_PRICE_UNKNOWN, .by_count = 0 },
	/* twin-b and twin-a tie on perf: the cheaper twin-b first, though its id sorts later */
	{ .name = "tie goes to the cheaper card", .workload = "cnn", .segment = "workstation",
	  .ranked = "twin-b,twin-a", .matched = 2, .picks = "twin-b,twin-b,twin-b",
	  .by = GPUADV_C_SEGMENT, .by_count = 6, .out = "rtx-3090", .why = "a consumer card, not workstation" },
	{ .name = "budget 1500", .workload = "cnn", .budget = 1500,
	  .ranked = "rtx-3090,twin-b,twin-a,rtx-2080-ti,gtx-1080-ti", .matched = 5,
	  .picks = "rtx-3090,rtx-2080-ti,rtx-3090", .by = GPUADV_C_BUDGET, .by_count = 1,
	  .out = "rtx-4090", .why = "costs $2200 (new, 2026-10-01), $700 over the $1500 budget" },
	{ .name = "budget: unknown price excluded", .workload = "cnn", .budget = 1500,
	  .matched = 5, .by = GPUADV_C_PRICE_UNKNOWN, .by_count = 2,
	  .out = "a100-40gb-pcie", .why = "no price known (give one with --price a100-40gb-pcie=USD)" },
	{ .name = "budget equal to a price admits it", .workload = "cnn", .budget = 750,
	  .ranked = "rtx-3090,rtx-2080-ti,gtx-1080-ti", .matched = 3,
	  .picks = "rtx-3090,rtx-2080-ti,rtx-3090", .by = GPUADV_C_BUDGET, .by_count = 3,
	  .out = "twin-b", .why = "costs $1000 (launch price, old), $250 over the $750 budget" },
	{ .name = "override admits an unpriced card", .workload = "cnn", .budget = 1500,
	  .price = "a100-40gb-pcie=1400",
	  .ranked = "a100-40gb-pcie,rtx-3090,twin-b,twin-a,rtx-2080-ti,gtx-1080-ti", .matched = 6,
	  .picks = "a100-40gb-pcie,rtx-2080-ti,a100-40gb-pcie", .by = GPUADV_C_PRICE_UNKNOWN,
	  .by_count = 1, .out = "p100-pcie-16gb", .why = "no price known" },
	{ .name = "override beats street", .workload = "cnn", .budget = 750, .price = "rtx-4090=700",
	  .ranked = "rtx-4090,rtx-3090,rtx-2080-ti,gtx-1080-ti", .matched = 4,
	  .picks = "rtx-4090,rtx-4090,rtx-4090", .by = GPUADV_C_BUDGET, .by_count = 2,
	  .out = "twin-a", .why = "costs $1200 (launch price, old), $450 over the $750 budget" },
	{ .name = "override above the budget excludes", .workload = "cnn", .budget = 1500,
	  .price = "rtx-3090=1600", .ranked = "twin-b,twin-a,rtx-2080-ti,gtx-1080-ti", .matched = 4,
	  .picks = "twin-b,rtx-2080-ti,twin-b", .by = GPUADV_C_BUDGET, .by_count = 2,
	  .out = "rtx-3090", .why = "costs $1600 (override), $100 over the $1500 budget" },
	{ .name = "memory: the workload's 16 GB (16 admitted)", .workload = "transformer",
	  .ranked = "a100-40gb-pcie,rtx-4090,rtx-3090,twin-b,twin-a,p100-pcie-16gb", .matched = 6,
	  .picks = "a100-40gb-pcie,rtx-3090,a100-40gb-pcie", .by = GPUADV_C_MEMORY, .by_count = 2,
	  .out = "rtx-2080-ti", .why = "11 GB of memory, under the 16 GB needed" },
	{ .name = "memory asked for beats the suggestion", .workload = "transformer", .mem_set = true,
	  .min_memory = 30, .ranked = "a100-40gb-pcie", .matched = 1,
	  .picks = "a100-40gb-pcie,-,a100-40gb-pcie", .by = GPUADV_C_MEMORY, .by_count = 7,
	  .out = "rtx-3090", .why = "24 GB of memory, under the 30 GB needed" },
	{ .name = "memory 0 admits every card", .workload = "transformer", .mem_set = true,
	  .min_memory = 0, .matched = 8, .by = GPUADV_C_MEMORY, .by_count = 0 },
	{ .name = "bf16 excludes Turing", .workload = "transformer", .precision = "bf16",
	  .mem_set = true, .min_memory = 0,
	  .ranked = "a100-40gb-pcie,rtx-4090,rtx-3090,twin-b,twin-a", .matched = 5,
	  .by = GPUADV_C_PRECISION, .by_count = 3,
	  .out = "rtx-2080-ti", .why = "no BF16 Tensor Cores (Turing); BF16 needs Ampere or newer" },
	{ .name = "bf16 excludes Pascal", .workload = "transformer", .precision = "bf16",
	  .mem_set = true, .min_memory = 0, .matched = 5, .by = GPUADV_C_PRECISION, .by_count = 3,
	  .out = "gtx-1080-ti", .why = "no BF16 Tensor Cores (Pascal)" },
	{ .name = "tf32 on Turing and Pascal is a fallback, not excluded", .workload = "cnn",
	  .precision = "tf32", .matched = 8, .by = GPUADV_C_PRECISION, .by_count = 0 },
	{ .name = "fp16 on Pascal is a fallback, not excluded", .workload = "cnn",
	  .precision = "fp16", .matched = 8, .by = GPUADV_C_PRECISION, .by_count = 0 },
	{ .name = "fp8 only on Ada", .workload = "cnn", .precision = "fp8",
	  .ranked = "rtx-4090", .matched = 1, .by = GPUADV_C_PRECISION, .by_count = 7,
	  .out = "rtx-3090", .why = "no FP8 Tensor Cores (Ampere); FP8 needs Ada Lovelace" },
	{ .name = "int8 excludes Pascal only", .workload = "cnn", .precision = "int8",
	  .matched = 6, .by = GPUADV_C_PRECISION, .by_count = 2,
	  .out = "p100-pcie-16gb", .why = "no INT8 Tensor Cores (Pascal)" },
	{ .name = "segment datacenter", .workload = "cnn", .segment = "datacenter",
	  .ranked = "a100-40gb-pcie,p100-pcie-16gb", .matched = 2, .picks = "a100-40gb-pcie,-,a100-40gb-pcie",
	  .by = GPUADV_C_SEGMENT, .by_count = 6 },
	{ .name = "architecture", .workload = "cnn", .arch = "ampere",
	  .ranked = "a100-40gb-pcie,rtx-3090,twin-b,twin-a", .matched = 4,
	  .by = GPUADV_C_ARCH, .by_count = 4, .out = "rtx-4090", .why = "architecture is Ada Lovelace, not Ampere" },
	{ .name = "max power: equal admitted, unknown excluded", .workload = "cnn", .max_power = 300,
	  .ranked = "a100-40gb-pcie,twin-b,twin-a,rtx-2080-ti,p100-pcie-16gb", .matched = 5,
	  .by = GPUADV_C_POWER, .by_count = 3, .out = "gtx-1080-ti", .why = "board power unknown" },
	{ .name = "max power: over", .workload = "cnn", .max_power = 300, .matched = 5,
	  .by = GPUADV_C_POWER, .by_count = 3, .out = "rtx-3090", .why = "draws 350 W, over the 300 W limit" },
	{ .name = "sort value: unpriced last", .workload = "cnn", .sort = GPUADV_SORT_VALUE,
	  .ranked = "rtx-2080-ti,rtx-3090,rtx-4090,twin-b,twin-a,gtx-1080-ti,a100-40gb-pcie,p100-pcie-16gb",
	  .matched = 8, .picks = "rtx-4090,rtx-2080-ti,a100-40gb-pcie" },
	{ .name = "sort memory: ties by perf", .workload = "cnn", .sort = GPUADV_SORT_MEMORY,
	  .ranked = "a100-40gb-pcie,rtx-4090,rtx-3090,twin-b,twin-a,p100-pcie-16gb,rtx-2080-ti,gtx-1080-ti",
	  .matched = 8, .picks = "rtx-4090,rtx-2080-ti,a100-40gb-pcie" },
	{ .name = "top 2 cuts results, picks over all", .workload = "cnn", .top = 2,
	  .ranked = "rtx-4090,a100-40gb-pcie", .matched = 8, .picks = "rtx-4090,rtx-2080-ti,a100-40gb-pcie" },
	{ .name = "top 1 with a budget", .workload = "cnn", .budget = 1500, .top = 1,
	  .ranked = "rtx-3090", .matched = 5, .picks = "rtx-3090,rtx-2080-ti,rtx-3090" },
	{ .name = "top over the matches", .workload = "cnn", .budget = 750, .top = 50,
	  .ranked = "rtx-3090,rtx-2080-ti,gtx-1080-ti", .matched = 3 },
	{ .name = "infer-only workload", .workload = "llm-inference",
	  .ranked = "a100-40gb-pcie,rtx-4090,rtx-3090,p100-pcie-16gb,twin-b,twin-a", .matched = 6,
	  .by = GPUADV_C_MEMORY, .by_count = 2 },
	{ .name = "no match: budget", .workload = "cnn", .budget = 50, .rc = GPUADV_ENOTFOUND,
	  .ranked = "", .matched = 0, .picks = "-,-,-", .by = GPUADV_C_BUDGET, .by_count = 6,
	  .out = "rtx-2080-ti", .why = "costs $400 (used, 2026-10-01), $350 over the $50 budget" },
	{ .name = "no match: fp8 within budget", .workload = "cnn", .precision = "fp8", .budget = 1500,
	  .rc = GPUADV_ENOTFOUND, .ranked = "", .matched = 0, .by = GPUADV_C_PRECISION, .by_count = 7,
	  .out = "rtx-4090", .why = "costs $2200 (new, 2026-10-01)" },
	{ .name = NULL }
};

static void build_query(struct gpuadv_query *q, const struct rec_case *t)
{
	struct gpuadv_error err;

	gpuadv_query_init(q, GPUADV_CMD_RECOMMEND);
	q->workload = W(t->workload);
	if (t->precision)
		assert_true((q->precision = gpuadv_precision_parse(t->precision)) >= 0);
	if (t->budget > 0)
		q->budget_usd = t->budget;
	if (t->mem_set)
		q->min_memory_gb = t->min_memory;
	if (t->max_power > 0)
		q->max_power_w = t->max_power;
	if (t->segment)
		assert_true((q->segment = gpuadv_segment_parse(t->segment)) >= 0);
	if (t->arch)
		q->arch = A(t->arch);
	q->sort = t->sort;
	q->top = t->top;
	if (t->price) {
		char id[64];
		const char *eq = strchr(t->price, '=');

		assert_non_null(eq);
		snprintf(id, sizeof(id), "%.*s", (int)(eq - t->price), t->price);
		assert_int_equal(gpuadv_query_add_price(q, G(id), atof(eq + 1), "override",
							false, GPUADV_NAMING_FLAG, &err), 0);
	}
	if (gpuadv_query_validate(q, GPUADV_NAMING_FLAG, &err))
		fail_msg("%s: validate: %s", t->name, err.message);
}

/* What every answer must satisfy, whatever the query. */
static void check_invariants(const struct rec_case *t, const struct gpuadv_recommendation *r)
{
	const struct gpuadv_query *q = &r->query;
	size_t i;

	if (r->matched + r->excluded_count != NGPUS)
		fail_msg("%s: %zu matched + %zu excluded != %d", t->name, r->matched,
			 r->excluded_count, NGPUS);
	if (r->result_count != (q->top >= 1 && (size_t)q->top < r->matched ? (size_t)q->top
									  : r->matched))
		fail_msg("%s: %zu results for top %g of %zu", t->name, r->result_count,
			 q->top, r->matched);
	for (i = 0; i < r->matched; i++) {
		const struct gpuadv_result *res = &r->results[i];

		if (res->rank != i + 1)
			fail_msg("%s: result %zu has rank %zu", t->name, i, res->rank);
		if (excluded_why(r, res->gpu->id))
			fail_msg("%s: %s both ranked and excluded", t->name, res->gpu->id);
		if (res->gpu->v[GPUADV_F_MEMORY_GB] < q->min_memory_gb)
			fail_msg("%s: %s under the memory need", t->name, res->gpu->id);
		if (!isnan(q->budget_usd) && !(res->price.usd <= q->budget_usd))
			fail_msg("%s: %s costs %g over the budget", t->name, res->gpu->id,
				 res->price.usd);
		if (!(res->perf.value > 0))
			fail_msg("%s: %s has no perf", t->name, res->gpu->id);
		if (isnan(res->price.usd) ? !isnan(res->perf_per_kusd)
					  : !near(res->perf_per_kusd, res->perf.value / res->price.usd * 1000))
			fail_msg("%s: %s perf per $1000 %g", t->name, res->gpu->id, res->perf_per_kusd);
		if (i < r->result_count && res->reason_count == 0)
			fail_msg("%s: %s shown without reasons", t->name, res->gpu->id);
	}
	for (i = 0; i < r->excluded_count; i++)
		if (r->excluded[i].why_count == 0 || !excluded_why(r, r->excluded[i].gpu->id)[0])
			fail_msg("%s: %s excluded without a reason", t->name, r->excluded[i].gpu->id);
}

static void test_recommend_table(void **state)
{
	const struct rec_case *t;

	(void)state;
	for (t = rec_cases; t->name; t++) {
		struct gpuadv_query q;
		struct gpuadv_error err;
		char buf[512], picks[256];
		const char *why;
		int rc;

		build_query(&q, t);
		gpuadv_error_clear(&err);
		rc = gpuadv_engine_recommend(&rec, &cat, &q, &err);
		if (rc != t->rc)
			fail_msg("%s: rc %d, want %d (%s)", t->name, rc, t->rc, err.message);
		check_invariants(t, &rec);
		if (rec.matched != t->matched)
			fail_msg("%s: %zu matched, want %zu", t->name, rec.matched, t->matched);
		if (t->ranked && strcmp(ranked_ids(&rec, buf, sizeof(buf)), t->ranked))
			fail_msg("%s: ranked\n  %s\nwant\n  %s", t->name, buf, t->ranked);
		snprintf(picks, sizeof(picks), "%s,%s,%s", pick_id(&rec, rec.pick_fastest),
			 pick_id(&rec, rec.pick_value), pick_id(&rec, rec.pick_memory));
		if (t->picks && strcmp(picks, t->picks))
			fail_msg("%s: picks %s, want %s", t->name, picks, t->picks);
		if (rec.excluded_by[t->by] != t->by_count)
			fail_msg("%s: %zu excluded by %s, want %zu", t->name, rec.excluded_by[t->by],
				 gpuadv_constraint_name(t->by), t->by_count);
		if (t->out) {
			why = excluded_why(&rec, t->out);
			if (!why || !strstr(why, t->why))
				fail_msg("%s: %s excluded for '%s', want '%s'", t->name, t->out,
					 why ? why : "(not excluded)", t->why);
		}
		gpuadv_recommendation_release(&rec);
	}
}

/* The normalised query: defaults filled, the memory's basis said. */
static void test_recommend_query(void **state)
{
	struct gpuadv_query q;
	struct gpuadv_error err;

	(void)state;
	gpuadv_query_init(&q, GPUADV_CMD_RECOMMEND);
	q.workload = W("transformer");
	assert_int_equal(gpuadv_query_validate(&q, GPUADV_NAMING_FLAG, &err), 0);
	assert_int_equal(gpuadv_engine_recommend(&rec, &cat, &q, &err), 0);
	assert_true(rec.memory_from_workload);
	assert_true(rec.query.min_memory_gb == 16);
	assert_int_equal(rec.query.precision, GPUADV_FP16);
	assert_int_equal(rec.query.task, GPUADV_TRAIN);
	gpuadv_recommendation_release(&rec);

	q.min_memory_gb = 16; /* the same figure, but asked for */
	assert_int_equal(gpuadv_engine_recommend(&rec, &cat, &q, &err), 0);
	assert_false(rec.memory_from_workload);
	assert_true(rec.query.min_memory_gb == 16);
	gpuadv_recommendation_release(&rec);
}

/* Each result's perf, price and reasons. */
static void test_recommend_results(void **state)
{
	struct gpuadv_query q;
	struct gpuadv_error err;
	const struct gpuadv_result *r;
	long i;

	(void)state;
	gpuadv_query_init(&q, GPUADV_CMD_RECOMMEND);
	q.workload = W("cnn");
	q.budget_usd = 750;
	q.max_power_w = 400;
	q.today = "2026-12-01";
	assert_int_equal(gpuadv_query_validate(&q, GPUADV_NAMING_FLAG, &err), 0);
	assert_int_equal(gpuadv_engine_recommend(&rec, &cat, &q, &err), 0);

	/* measured: both figures kept, the reason says both */
	assert_true((i = result_of(&rec, "rtx-2080-ti")) >= 0);
	r = &rec.results[i];
	assert_int_equal(r->perf.basis, GPUADV_BASIS_MEASURED);
	assert_true(near(r->perf.measured, 0.6) && r->perf.value == r->perf.measured);
	assert_true(r->perf.estimated > 0 && r->perf.estimated != r->perf.measured);
	assert_string_equal(gpuadv_price_basis_name(r->price.basis), "used");
	assert_false(r->price.stale);
	assert_true(r->reason_count > 0 && r->reason_count <= GPUADV_MAX_REASONS);
	assert_non_null(strstr(reason_text(&rec, r, 0), "$400 (used, 2026-10-01) is $350 under the $750 budget"));
	assert_non_null(strstr(reason_text(&rec, r, 1), "11 GB of memory, over the 8 GB the workload suggests"));
	assert_non_null(strstr(reason_text(&rec, r, 2), "measured 0.60x the GeForce RTX 3090 (benchmark set set-b); the model estimates"));

	/* the reference: price equal to the budget, a stale street price */
	assert_true((i = result_of(&rec, "rtx-3090")) >= 0);
	r = &rec.results[i];
	assert_true(r->perf.value == 1.0);
	assert_true(r->price.usd == 750 && r->price.stale);
	assert_non_null(strstr(reason_text(&rec, r, 1), "24 GB of memory, well over the 8 GB"));

	/* the Pascal card: estimated, and its fallback named in the reasons */
	assert_true((i = result_of(&rec, "gtx-1080-ti")) < 0); /* no board power: out */
	gpuadv_recommendation_release(&rec);

	/* Its only price is its 2017 launch price: no budget can be held
	 * against that in 2026 (issue 11), so it is out under a budget ... */
	q.max_power_w = NAN;
	assert_int_equal(gpuadv_engine_recommend(&rec, &cat, &q, &err), 0);
	assert_true(result_of(&rec, "gtx-1080-ti") < 0);
	{
		size_t k;
		bool launch_only = false;

		for (k = 0; k < rec.excluded_count; k++)
			if (!strcmp(rec.excluded[k].gpu->id, "gtx-1080-ti"))
				launch_only = rec.excluded[k].why_count == 1 &&
					      rec.excluded[k].why[0].constraint == GPUADV_C_PRICE_UNKNOWN &&
					      rec.excluded[k].why[0].value == 699;
		assert_true(launch_only);
	}
	gpuadv_recommendation_release(&rec);

	/* ... and in when there is no budget, its launch price shown as such. */
	q.budget_usd = NAN;
	assert_int_equal(gpuadv_engine_recommend(&rec, &cat, &q, &err), 0);
	assert_true((i = result_of(&rec, "gtx-1080-ti")) >= 0);
	r = &rec.results[i];
	assert_int_equal(r->perf.basis, GPUADV_BASIS_ESTIMATED);
	assert_true(r->perf.fallback);
	assert_true(isnan(r->perf.measured));
	assert_string_equal(gpuadv_price_basis_name(r->price.basis), "launch");
	{
		size_t k;
		bool named = false;

		for (k = 0; k < r->reason_count; k++)
			named |= strstr(reason_text(&rec, r, k), "no FP16 Tensor Cores (Pascal)") != NULL;
		if (!named)
			fail_msg("the 1080 Ti's reasons do not name its FP16 fallback");
	}
	gpuadv_recommendation_release(&rec);
}

/* Picks beyond --top are real results, with their reasons. */
static void test_picks_beyond_top(void **state)
{
	struct gpuadv_query q;
	struct gpuadv_error err;
	const struct gpuadv_result *v;

	(void)state;
	gpuadv_query_init(&q, GPUADV_CMD_RECOMMEND);
	q.workload = W("cnn");
	q.top = 1;
	assert_int_equal(gpuadv_query_validate(&q, GPUADV_NAMING_FLAG, &err), 0);
	assert_int_equal(gpuadv_engine_recommend(&rec, &cat, &q, &err), 0);
	assert_int_equal(rec.result_count, 1);
	assert_int_equal(rec.matched, NGPUS);
	assert_true(rec.pick_value >= 1 && rec.pick_memory >= 1);
	v = &rec.results[rec.pick_value];
	assert_string_equal(v->gpu->id, "rtx-2080-ti");
	assert_true(v->reason_count > 0);
	assert_true(rec.results[rec.pick_memory].reason_count > 0);
	/* best value is the highest perf per $1000 among the priced */
	{
		size_t i;

		for (i = 0; i < rec.matched; i++)
			if (!isnan(rec.results[i].perf_per_kusd))
				assert_true(rec.results[i].perf_per_kusd <= v->perf_per_kusd);
	}
	gpuadv_recommendation_release(&rec);
}

/* ---- no result ------------------------------------------------------------ */

struct explain_case {
	const char *name;
	const char *workload;
	double budget, min_memory; /* 0: none / the workload's */
	double budget_to_admit, memory_to_admit; /* NAN: none */
	const char *budget_admits, *memory_admits;
	const char *text;
};

static const struct explain_case explain_cases[] = {
	{ "budget too small", "cnn", 50, 0, 400, NAN, "rtx-2080-ti", NULL,
	  "no GPU satisfies the constraints: the budget constraint excluded 6 of 8 GPUs; "
	  "a budget of $400 would admit 'rtx-2080-ti'" },
	{ "memory too large", "cnn", 0, 100, NAN, 40, NULL, "a100-40gb-pcie",
	  "no GPU satisfies the constraints: the memory constraint excluded 8 of 8 GPUs; "
	  "a memory need of 40 GB would admit 'a100-40gb-pcie'" },
	/* the cards under $500 are all too small; the big ones over budget too */
	{ "memory worst, only a memory need admits", "transformer", 500, 30, NAN, 11, NULL, "rtx-2080-ti",
	  "no GPU satisfies the constraints: the memory constraint excluded 7 of 8 GPUs; "
	  "a memory need of 11 GB would admit 'rtx-2080-ti'" },
	/* 3090 and 4090 miss only the budget, 1080 Ti and 2080 Ti only the
	 * memory: the cheapest and the first of the largest are named */
	{ "both hints, memory worst", "cnn", 700, 22, 750, 11, "rtx-3090", "gtx-1080-ti",
	  "no GPU satisfies the constraints: the memory constraint excluded 5 of 8 GPUs; "
	  "a budget of $750 would admit 'rtx-3090'" },
	{ NULL, NULL, 0, 0, 0, 0, NULL, NULL, NULL }
};

static bool same_num(double a, double b)
{
	return isnan(a) ? isnan(b) : a == b;
}

static void test_no_match(void **state)
{
	const struct explain_case *t;

	(void)state;
	for (t = explain_cases; t->name; t++) {
		struct gpuadv_query q;
		struct gpuadv_error err;
		char text[GPUADV_ERROR_MSG_MAX];
		int rc;

		gpuadv_query_init(&q, GPUADV_CMD_RECOMMEND);
		q.workload = W(t->workload);
		if (t->budget > 0)
			q.budget_usd = t->budget;
		if (t->min_memory > 0)
			q.min_memory_gb = t->min_memory;
		assert_int_equal(gpuadv_query_validate(&q, GPUADV_NAMING_FLAG, &err), 0);
		gpuadv_error_clear(&err);
		rc = gpuadv_engine_recommend(&rec, &cat, &q, &err);
		if (rc != GPUADV_ENOTFOUND || err.code != GPUADV_ENOTFOUND)
			fail_msg("%s: rc %d, want GPUADV_ENOTFOUND", t->name, rc);
		assert_int_equal(rec.result_count, 0);
		assert_int_equal(rec.matched, 0);
		assert_int_equal(rec.excluded_count, NGPUS);
		assert_true(rec.pick_fastest < 0 && rec.pick_value < 0 && rec.pick_memory < 0);
		if (!same_num(rec.budget_to_admit, t->budget_to_admit) ||
		    !same_num(rec.memory_to_admit, t->memory_to_admit))
			fail_msg("%s: budget_to_admit %g memory_to_admit %g", t->name,
				 rec.budget_to_admit, rec.memory_to_admit);
		if (!same_str(rec.budget_admits ? rec.budget_admits->id : NULL, t->budget_admits) ||
		    !same_str(rec.memory_admits ? rec.memory_admits->id : NULL, t->memory_admits))
			fail_msg("%s: admits %s / %s", t->name,
				 rec.budget_admits ? rec.budget_admits->id : "-",
				 rec.memory_admits ? rec.memory_admits->id : "-");
		gpuadv_render_no_match(text, sizeof(text), &rec);
		if (strcmp(text, t->text))
			fail_msg("%s: explain\n  %s\nwant\n  %s", t->name, text, t->text);
		gpuadv_recommendation_release(&rec);
	}
}

/* ---- list ----------------------------------------------------------------- */

struct list_case {
	const char *name;
	const char *arch, *segment;
	double min_memory, max_price; /* 0: none */
	const char *sort;             /* NULL: catalogue order */
	const char *ids;
};

static const struct list_case list_cases[] = {
	{ "all, catalogue order", NULL, NULL, 0, 0, NULL,
	  "rtx-3090,a100-40gb-pcie,gtx-1080-ti,rtx-2080-ti,rtx-4090,twin-a,twin-b,p100-pcie-16gb" },
	{ "price ascending, unknown last", NULL, NULL, 0, 0, "price",
	  "rtx-2080-ti,gtx-1080-ti,rtx-3090,twin-b,twin-a,rtx-4090,a100-40gb-pcie,p100-pcie-16gb" },
	{ "max price: equal admitted, unknown out", NULL, NULL, 0, 699, NULL, "gtx-1080-ti,rtx-2080-ti" },
	{ "max price and sort", NULL, NULL, 0, 750, "price", "rtx-2080-ti,gtx-1080-ti,rtx-3090" },
	{ "architecture", "ampere", NULL, 0, 0, NULL, "rtx-3090,a100-40gb-pcie,twin-a,twin-b" },
	{ "segment", NULL, "datacenter", 0, 0, NULL, "a100-40gb-pcie,p100-pcie-16gb" },
	{ "min memory: equal admitted", NULL, NULL, 24, 0, NULL, "rtx-3090,a100-40gb-pcie,rtx-4090" },
	{ "memory descending, ties in catalogue order", NULL, NULL, 0, 0, "memory",
	  "a100-40gb-pcie,rtx-3090,rtx-4090,twin-a,twin-b,p100-pcie-16gb,gtx-1080-ti,rtx-2080-ti" },
	{ "power descending, unknown last", NULL, NULL, 0, 0, "power",
	  "rtx-4090,rtx-3090,twin-a,twin-b,a100-40gb-pcie,rtx-2080-ti,p100-pcie-16gb,gtx-1080-ti" },
	{ "fp16 descending, unknown last", NULL, NULL, 0, 0, "fp16",
	  "a100-40gb-pcie,rtx-4090,rtx-3090,twin-a,twin-b,rtx-2080-ti,gtx-1080-ti,p100-pcie-16gb" },
	{ "name", NULL, NULL, 0, 0, "name",
	  "gtx-1080-ti,rtx-2080-ti,rtx-3090,rtx-4090,a100-40gb-pcie,p100-pcie-16gb,twin-a,twin-b" },
	{ "filters together", "pascal", "consumer", 10, 1000, "price", "gtx-1080-ti" },
	{ "nothing left", "turing", "datacenter", 0, 0, NULL, "" },
	{ NULL, NULL, NULL, 0, 0, NULL, NULL }
};

static void test_list(void **state)
{
	const struct list_case *t;

	(void)state;
	assert_int_equal(gpuadv_list_sort_parse("price"), GPUADV_LIST_PRICE);
	assert_int_equal(gpuadv_list_sort_parse("catalog"), GPUADV_LIST_CATALOG);
	assert_int_equal(gpuadv_list_sort_parse("Price"), -1);
	assert_int_equal(gpuadv_list_sort_parse("bogus"), -1);
	for (t = list_cases; t->name; t++) {
		struct gpuadv_query q;
		struct gpuadv_error err;
		char buf[512];
		size_t n, i, used = 0;

		gpuadv_query_init(&q, GPUADV_CMD_LIST);
		if (t->arch)
			q.arch = A(t->arch);
		if (t->segment)
			q.segment = gpuadv_segment_parse(t->segment);
		if (t->min_memory > 0)
			q.min_memory_gb = t->min_memory;
		if (t->max_price > 0)
			q.max_price_usd = t->max_price;
		if (t->sort)
			assert_true((q.list_sort = gpuadv_list_sort_parse(t->sort)) >= 0);
		if (gpuadv_engine_list(&list_gpus, &list_perf, &n, &cat, &q, &err))
			fail_msg("%s: %s", t->name, err.message);
		assert_null(list_perf); /* no workload, no perf */
		buf[0] = '\0';
		for (i = 0; i < n; i++)
			used += (size_t)snprintf(buf + used, sizeof(buf) - used, "%s%s",
						 i ? "," : "", list_gpus[i]->id);
		if (strcmp(buf, t->ids))
			fail_msg("%s: %s\nwant %s", t->name, buf, t->ids);
		free(list_gpus);
		list_gpus = NULL;
	}
}

/* With a workload, each GPU has a perf; one that cannot run has value NAN
 * and a note saying why. */
static void test_list_perf(void **state)
{
	struct gpuadv_query q;
	struct gpuadv_error err;
	size_t n, i;

	(void)state;
	gpuadv_query_init(&q, GPUADV_CMD_LIST);
	q.workload = W("transformer");
	q.precision = GPUADV_BF16;
	assert_int_equal(gpuadv_engine_list(&list_gpus, &list_perf, &n, &cat, &q, &err), 0);
	assert_int_equal(n, NGPUS);
	assert_non_null(list_perf);
	for (i = 0; i < n; i++) {
		const char *arch = list_gpus[i]->arch->id;
		bool can = strcmp(arch, "pascal") && strcmp(arch, "turing");

		if (can != !isnan(list_perf[i].value))
			fail_msg("%s (%s): perf value %g", list_gpus[i]->id, arch,
				 list_perf[i].value);
		if (!can && (list_perf[i].workload != q.workload || !list_perf[i].note[0]))
			fail_msg("%s (%s): no workload or note for a GPU that cannot run it",
				 list_gpus[i]->id, arch);
		if (can && (list_perf[i].precision != GPUADV_BF16 || !(list_perf[i].value > 0)))
			fail_msg("%s: value %g", list_gpus[i]->id, list_perf[i].value);
		if (!strcmp(list_gpus[i]->id, "rtx-3090"))
			assert_true(near(list_perf[i].value, 1.0));
	}
	free(list_gpus);
	free(list_perf);
	list_gpus = NULL;
	list_perf = NULL;

	/* precision -1: the workload's; the same figures recommend gives */
	q.precision = -1;
	q.workload = W("cnn");
	assert_int_equal(gpuadv_engine_list(&list_gpus, &list_perf, &n, &cat, &q, &err), 0);
	for (i = 0; i < n; i++) {
		struct gpuadv_perf p;

		assert_int_equal(gpuadv_engine_perf(&p, &cat, list_gpus[i], W("cnn"), GPUADV_FP16), 0);
		assert_int_equal(list_perf[i].precision, GPUADV_FP16);
		assert_true(list_perf[i].value == p.value);
	}

	/* a precision nobody may ask for */
	free(list_gpus);
	free(list_perf);
	list_gpus = NULL;
	list_perf = NULL;
	q.precision = GPUADV_INT4;
	assert_int_equal(gpuadv_query_validate(&q, GPUADV_NAMING_FLAG, &err), GPUADV_EUSAGE);
	assert_string_equal(err.field, "precision");
}

/* ---- compare -------------------------------------------------------------- */

static void test_compare(void **state)
{
	const struct gpuadv_gpu *g[3] = { G("rtx-3090"), G("a100-40gb-pcie"), G("rtx-4090") };
	const struct gpuadv_compare_row *row;
	struct gpuadv_error err;
	struct gpuadv_perf p;
	size_t i;

	(void)state;
	assert_int_equal(compare(g, 3, W("cnn"), -1, NULL, &err), 0);
	assert_int_equal(cmp.gpu_count, 3);
	assert_int_equal(cmp.row_count, 1);
	row = &cmp.rows[0];
	assert_ptr_equal(row->workload, W("cnn"));
	assert_int_equal(row->precision, GPUADV_FP16);
	for (i = 0; i < 3; i++) {
		assert_ptr_equal(cmp.gpus[i], g[i]);
		assert_true(row->ok[i]);
		assert_int_equal(gpuadv_engine_perf(&p, &cat, g[i], W("cnn"), GPUADV_FP16), 0);
		assert_true(row->perf[i].value == p.value);
		assert_true(near(row->ratio[i], p.value / row->perf[0].value));
		assert_true(near(row->per_watt[i], p.value / g[i]->v[GPUADV_F_TDP_W] * 100));
	}
	assert_true(row->ratio[0] == 1.0);
	assert_true(near(row->ratio[2], sqrt(3.6))); /* measured, against the reference */
	assert_true(near(row->per_kusd[0], 1.0 / 750 * 1000));
	assert_true(near(row->per_kusd[2], sqrt(3.6) / 2200 * 1000));
	assert_true(isnan(row->per_kusd[1])); /* unpriced */
	assert_string_equal(gpuadv_price_basis_name(cmp.prices[0].basis), "used");
	assert_string_equal(gpuadv_price_basis_name(cmp.prices[1].basis), "unknown");
	assert_string_equal(verdict_of(row),
			    "cnn: GeForce RTX 4090 is fastest (1.90x the GeForce RTX 3090, measured); "
			    "GeForce RTX 3090 gives the most per dollar");
	gpuadv_comparison_release(&cmp);

	/* ratios are against the first GPU, not the reference */
	{
		const struct gpuadv_gpu *h[2] = { G("rtx-2080-ti"), G("rtx-4090") };

		assert_int_equal(compare(h, 2, W("cnn"), -1, NULL, &err), 0);
		assert_true(cmp.rows[0].ratio[0] == 1.0);
		assert_true(near(cmp.rows[0].ratio[1], sqrt(3.6) / 0.6));
		assert_string_equal(verdict_of(&cmp.rows[0]),
				    "cnn: GeForce RTX 4090 is fastest (3.16x the GeForce RTX 2080 Ti, "
				    "measured); GeForce RTX 2080 Ti gives the most per dollar");
		gpuadv_comparison_release(&cmp);
	}

	/* every workload, in catalogue order */
	assert_int_equal(compare(g, 2, NULL, -1, NULL, &err), 0);
	assert_int_equal(cmp.row_count, cat.workload_count);
	for (i = 0; i < cmp.row_count; i++) {
		assert_ptr_equal(cmp.rows[i].workload, &cat.workloads[i]);
		assert_int_equal(cmp.rows[i].precision, cat.workloads[i].default_precision);
		assert_non_null(strstr(verdict_of(&cmp.rows[i]), cat.workloads[i].id));
	}
	gpuadv_comparison_release(&cmp);
}

static void test_compare_prices_and_na(void **state)
{
	const struct gpuadv_gpu *g[2] = { G("rtx-3090"), G("rtx-2080-ti") };
	const struct gpuadv_gpu *h[2] = { G("rtx-2080-ti"), G("gtx-1080-ti") };
	struct gpuadv_query q;
	struct gpuadv_error err;
	const struct gpuadv_compare_row *row;

	(void)state;
	/* the 2080 Ti cannot run bf16: n/a, with the reason */
	assert_int_equal(compare(g, 2, W("transformer"), GPUADV_BF16, NULL, &err), 0);
	row = &cmp.rows[0];
	assert_true(row->ok[0] && !row->ok[1]);
	assert_true(isnan(row->ratio[1]) && isnan(row->per_kusd[1]) && isnan(row->per_watt[1]));
	assert_non_null(strstr(row->perf[1].note, "no BF16 Tensor Cores (Turing)"));
	assert_string_equal(verdict_of(row),
			    "transformer: GeForce RTX 3090 is fastest (1.00x the GeForce RTX 3090, "
			    "estimated); it is also the best value");
	gpuadv_comparison_release(&cmp);

	/* neither can */
	assert_int_equal(compare(h, 2, W("transformer"), GPUADV_BF16, NULL, &err), 0);
	assert_string_equal(verdict_of(&cmp.rows[0]), "transformer: none of these GPUs can run bf16");
	gpuadv_comparison_release(&cmp);

	/* a price override from the query */
	gpuadv_query_init(&q, GPUADV_CMD_RECOMMEND);
	assert_int_equal(gpuadv_query_add_price(&q, G("rtx-2080-ti"), 2000, "override", false, GPUADV_NAMING_FLAG, &err), 0);
	assert_int_equal(compare(g, 2, W("cnn"), -1, &q, &err), 0);
	assert_string_equal(gpuadv_price_basis_name(cmp.prices[1].basis), "override");
	assert_true(cmp.prices[1].usd == 2000);
	assert_true(near(cmp.rows[0].per_kusd[1], 0.6 / 2000 * 1000));
	assert_true(near(cmp.rows[0].ratio[1], 0.6));
	assert_string_equal(verdict_of(&cmp.rows[0]),
			    "cnn: GeForce RTX 3090 is fastest (1.00x the GeForce RTX 3090, measured); "
			    "it is also the best value");
	gpuadv_comparison_release(&cmp);
}

/*
 * Guards the verdict when the first GPU cannot run the precision: every
 * ratio is NAN, and the verdict once said "nanx the <first GPU>" (compare
 * gtx1080ti rtx3090 rtx4090 --workload transformer --precision bf16 on
 * tests/fixtures/engine.yaml).
 */
static void test_compare_first_cannot_run(void **state)
{
	const struct gpuadv_gpu *g[3] = { G("gtx-1080-ti"), G("rtx-3090"), G("rtx-4090") };
	struct gpuadv_error err;

	(void)state;
	assert_int_equal(compare(g, 3, W("transformer"), GPUADV_BF16, NULL, &err), 0);
	assert_false(cmp.rows[0].ok[0]);
	assert_true(cmp.rows[0].ok[1] && cmp.rows[0].ok[2]);
	if (!strstr(verdict_of(&cmp.rows[0]), "GeForce RTX 4090 is fastest"))
		fail_msg("verdict '%s' does not name the fastest", verdict_of(&cmp.rows[0]));
	if (strstr(verdict_of(&cmp.rows[0]), "nan"))
		fail_msg("verdict '%s' prints NAN", verdict_of(&cmp.rows[0]));
	gpuadv_comparison_release(&cmp);
}

struct compare_bad {
	const char *name;
	size_t n;
	int precision;
	const char *field;
};

static const struct compare_bad compare_bad[] = {
	{ "one GPU", 1, -1, "gpus" },
	{ "no GPU", 0, -1, "gpus" },
	{ "nine GPUs", GPUADV_COMPARE_MAX + 1, -1, "gpus" },
	{ "int4", 2, GPUADV_INT4, "precision" },
	{ NULL, 0, 0, NULL }
};

static void test_compare_bad(void **state)
{
	const struct gpuadv_gpu *g[GPUADV_COMPARE_MAX + 1];
	const struct compare_bad *t;
	size_t i;

	(void)state;
	for (i = 0; i < GPUADV_COMPARE_MAX + 1; i++)
		g[i] = &cat.gpus[i % cat.gpu_count];
	for (t = compare_bad; t->name; t++) {
		struct gpuadv_error err;
		int rc;

		gpuadv_error_clear(&err);
		rc = compare(g, t->n, NULL, t->precision, NULL, &err);
		if (rc != GPUADV_EUSAGE || strcmp(err.field, t->field))
			fail_msg("%s: rc %d field '%s'", t->name, rc, err.field);
		assert_null(cmp.rows);
	}
	/* the limit itself is fine */
	assert_int_equal(compare(g, GPUADV_COMPARE_MAX, W("cnn"), -1, NULL, NULL), 0);
	assert_int_equal(cmp.gpu_count, GPUADV_COMPARE_MAX);
	gpuadv_comparison_release(&cmp);
}

static void test_names(void **state)
{
	(void)state;
	assert_string_equal(gpuadv_constraint_name(GPUADV_C_PRICE_UNKNOWN), "unknown_price");
	assert_string_equal(gpuadv_constraint_name(GPUADV_C_ARCH), "architecture");
	assert_string_equal(gpuadv_constraint_name(GPUADV_C_COUNT), "?");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_teardown(test_validate_defaults, release_held),
		cmocka_unit_test_teardown(test_validate_bad, release_held),
		cmocka_unit_test_teardown(test_price_basis, release_held),
		cmocka_unit_test_teardown(test_days_between, release_held),
		cmocka_unit_test_teardown(test_add_price, release_held),
		cmocka_unit_test_teardown(test_perf_gate, release_held),
		cmocka_unit_test_teardown(test_reference_is_one, release_held),
		cmocka_unit_test_teardown(test_measured, release_held),
		cmocka_unit_test(test_bridge_carries_step),
		cmocka_unit_test_teardown(test_recommend_table, release_held),
		cmocka_unit_test_teardown(test_recommend_query, release_held),
		cmocka_unit_test_teardown(test_recommend_results, release_held),
		cmocka_unit_test_teardown(test_picks_beyond_top, release_held),
		cmocka_unit_test_teardown(test_no_match, release_held),
		cmocka_unit_test_teardown(test_list, release_held),
		cmocka_unit_test_teardown(test_list_perf, release_held),
		cmocka_unit_test_teardown(test_compare, release_held),
		cmocka_unit_test_teardown(test_compare_prices_and_na, release_held),
		cmocka_unit_test_teardown(test_compare_first_cannot_run, release_held),
		cmocka_unit_test_teardown(test_compare_bad, release_held),
		cmocka_unit_test_teardown(test_names, release_held),
	};

	return cmocka_run_group_tests_name("engine", tests, setup, teardown);
}
