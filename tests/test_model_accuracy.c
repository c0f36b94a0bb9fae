/*
 * test_model_accuracy.c - the performance model against the shipped data:
 * the accuracy guard (the shipped parameters scored in sample, leaving
 * each GPU out and each network out; docs/performance-model.md gives the
 * thresholds), the network figures against data/models.yaml, and the
 * consistency rules the engine keeps (the same silicon ranked the same
 * way whatever the precision label).
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "testutil.h"

#include "gpu_advisor/catalog.h"
#include "gpu_advisor/engine.h"
#include "gpu_advisor/model.h"
#include "gpu_advisor/models.h"

/* Every profile that names a model-catalogue entry carries that entry's
 * figures: FLOPs, activations, parameters and layers where the catalogue
 * gives them; and every mix names known networks and sums to 1. */
static void test_networks_match_models(void **state)
{
	const struct gpuadv_network_profile *n;
	static const char *const wl[] = { "cnn", "gan", "transformer", "lstm", "rnn",
					  "llm-inference", NULL };
	size_t i, k;

	(void)state;
	for (n = gpuadv_model_networks; n->id; n++) {
		const struct gpuadv_model_spec *m = gpuadv_models_find(&gpuadv_embedded_models,
								       n->id, NULL);
		const double *v;

		assert_ptr_equal(gpuadv_model_network(n->id), n);
		if (n->bench)
			assert_ptr_equal(gpuadv_model_network(n->bench), n);
		if (!strcmp(n->id, "llm-decode"))
			continue;
		if (!m)
			fail_msg("network '%s' is not in data/models.yaml", n->id);
		v = m->v;
		if (!isnan(v[GPUADV_MF_FLOPS_PER_SAMPLE_GFLOP]))
			assert_float_equal(n->gflop, v[GPUADV_MF_FLOPS_PER_SAMPLE_GFLOP], 1e-9);
		if (!isnan(v[GPUADV_MF_ACTIVATIONS_PER_SAMPLE_M]) &&
		    isnan(v[GPUADV_MF_ATTENTION_HEADS])) /* timm's count: CNNs */
			assert_float_equal(n->act_m, v[GPUADV_MF_ACTIVATIONS_PER_SAMPLE_M], 1e-9);
		if (!isnan(v[GPUADV_MF_PARAMS]))
			assert_float_equal(n->params_m, v[GPUADV_MF_PARAMS] / 1e6, 0.01 * n->params_m);
		if (!isnan(v[GPUADV_MF_LAYERS]) && !isnan(v[GPUADV_MF_HIDDEN_SIZE]) &&
		    !isnan(v[GPUADV_MF_ATTENTION_HEADS]) && n->act_m > 1) {
			/* Korthikanti et al.: L s (34 h + 5 a s) / 2 values at s tokens */
			double L = v[GPUADV_MF_LAYERS], h = v[GPUADV_MF_HIDDEN_SIZE];
			double a = v[GPUADV_MF_ATTENTION_HEADS], sq = strstr(m->input, "197") ? 197 : 384;

			assert_float_equal(n->act_m, L * sq * (34 * h + 5 * a * sq) / 2 / 1e6, 0.01);
		}
	}
	for (i = 0; wl[i]; i++) {
		struct gpuadv_workload w;
		struct gpuadv_workload_mix mix;
		double sum = 0;

		memset(&w, 0, sizeof(w));
		w.id = wl[i];
		assert_true(gpuadv_model_workload_mix(&mix, &w) > 0);
		for (k = 0; k < mix.count; k++) {
			assert_non_null(mix.net[k]);
			sum += mix.weight[k];
		}
		assert_float_equal(sum, 1, 1e-12);
	}
}

/*
 * No label reorders the same silicon: for cards that run fp16 and bf16 at
 * one rate, the bf16 value equals the fp16 value (measured or not), so no
 * two such cards swap places between --precision fp16 and bf16 (issue 12:
 * H100 SXM 3.97 measured at fp16 against GH200 4.79 estimated). The same
 * for fp32 and tf32 where fp32 runs TF32.
 */
static void test_no_label_flip(void **state)
{
	const struct gpuadv_catalog *cat = &gpuadv_embedded;
	static const enum gpuadv_precision pairs[][2] = {
		{ GPUADV_FP16, GPUADV_BF16 }, { GPUADV_FP32, GPUADV_TF32 } };
	size_t i, w, k, same = 0;

	(void)state;
	for (w = 0; w < cat->workload_count; w++) {
		for (k = 0; k < 2; k++) {
			for (i = 0; i < cat->gpu_count; i++) {
				const struct gpuadv_gpu *g = &cat->gpus[i];
				struct gpuadv_perf a, b;
				struct gpuadv_model_estimate ea, eb;

				if (gpuadv_model_gate(&ea, g, pairs[k][0]) ||
				    gpuadv_model_gate(&eb, g, pairs[k][1]) ||
				    ea.compute_tflops != eb.compute_tflops ||
				    gpuadv_engine_perf(&a, cat, g, &cat->workloads[w], pairs[k][0]) ||
				    gpuadv_engine_perf(&b, cat, g, &cat->workloads[w], pairs[k][1]))
					continue;
				if (fabs(a.value / b.value - 1) > 1e-9)
					fail_msg("%s %s: %s %g but %s %g", cat->workloads[w].id, g->id,
						 gpuadv_precision_name(pairs[k][0]), a.value,
						 gpuadv_precision_name(pairs[k][1]), b.value);
				assert_true(a.error_pct > 0 && b.error_pct > 0);
				same++;
			}
		}
	}
	assert_true(same > 100);
}

/*
 * A card with no results sits where its measured siblings (same
 * architecture, memory kind and segment) sit from the model: the H100 NVL
 * moves as the H100s, GH200 and H200 do, with the model's band; a card
 * without measured siblings (the GeForce RTX 5090) stays an estimate.
 * Whether the rule costs accuracy is the accuracy guard's (refitting
 * without each card: GPUADV_CV_GPU_SIBLINGS).
 */
static void test_sibling_correction(void **state)
{
	const struct gpuadv_catalog *cat = &gpuadv_embedded;
	const struct gpuadv_workload *w = gpuadv_catalog_find_workload(cat, "cnn");
	const struct gpuadv_gpu *nvl = gpuadv_catalog_find_gpu(cat, "h100-nvl", NULL);
	const struct gpuadv_gpu *g5090 = gpuadv_catalog_find_gpu(cat, "rtx-5090", NULL);
	double sum = 0;
	size_t i, n = 0;
	struct gpuadv_perf p;
	struct gpuadv_model_estimate e;

	(void)state;
	assert_true(w && nvl && g5090 && !nvl->benchmark_count);
	for (i = 0; i < cat->gpu_count; i++) {
		const struct gpuadv_gpu *g = &cat->gpus[i];

		if (!gpuadv_model_siblings(g, nvl) || !g->benchmark_count)
			continue;
		assert_int_equal(gpuadv_engine_perf(&p, cat, g, w, GPUADV_FP16), 0);
		assert_int_not_equal(p.basis, GPUADV_BASIS_ESTIMATED);
		sum += log(p.value / p.estimated);
		n++;
	}
	assert_true(n >= 4); /* H100 PCIe and SXM, GH200, H200 */
	assert_int_equal(gpuadv_engine_perf(&p, cat, nvl, w, GPUADV_FP16), 0);
	assert_int_equal(p.basis, GPUADV_BASIS_CALIBRATED);
	assert_int_equal(p.siblings, n);
	assert_null(p.measured_set);
	assert_true(fabs(log(p.value / p.estimated) - sum / (double)n) < 1e-9);
	assert_int_equal(gpuadv_model_speed(&e, nvl, w, GPUADV_FP16, NULL), 0);
	assert_true(p.error_pct == gpuadv_model_error_pct(nvl, w, &e));
	assert_int_equal(gpuadv_engine_perf(&p, cat, g5090, w, GPUADV_FP16), 0);
	assert_int_equal(p.basis, GPUADV_BASIS_ESTIMATED);
	assert_int_equal(p.siblings, 0);
}

/*
 * A value moved from one precision label to another by the model's step
 * carries the model's band, and the step earns it: for every card measured
 * at both fp16 and fp32, the fp16 value the engine would take from the
 * fp32 one (and so the other way) errs by a median within the workload's
 * band. The precisions the band counts as calibrated are those the
 * training results ran; fp8 has none, so its band is wider still.
 */
static void test_label_step(void **state)
{
	const struct gpuadv_catalog *cat = &gpuadv_embedded;
	const struct gpuadv_gpu *h100 = gpuadv_catalog_find_gpu(cat, "h100-sxm", NULL);
	bool seen[GPUADV_PRECISION_COUNT] = { false };
	struct gpuadv_model_estimate e, r16, r32, e16, e32;
	struct gpuadv_perf a, b;
	size_t i, wi;

	(void)state;
	for (i = 0; i < cat->benchmark_count; i++) {
		const struct gpuadv_benchmark *bm = &cat->benchmarks[i];

		if (bm->task != GPUADV_TRAIN || gpuadv_model_gate(&e, bm->gpu, bm->precision))
			continue;
		if (!gpuadv_model_calibrated_precision(e.effective))
			fail_msg("'%s' at %s runs %s: a training result the band calls uncalibrated",
				 bm->gpu->id, gpuadv_precision_name(bm->precision),
				 gpuadv_precision_name(e.effective));
		seen[e.effective] = true;
	}
	assert_true(seen[GPUADV_FP16] && seen[GPUADV_TF32] && seen[GPUADV_FP32]);

	for (wi = 0; wi < cat->workload_count; wi++) {
		const struct gpuadv_workload *w = &cat->workloads[wi];
		double err[128];
		size_t n = 0;

		if (w->task != GPUADV_TRAIN ||
		    gpuadv_model_speed(&r16, cat->reference, w, GPUADV_FP16, NULL) ||
		    gpuadv_model_speed(&r32, cat->reference, w, GPUADV_FP32, NULL))
			continue;
		for (i = 0; i < cat->gpu_count && n < 128; i++) {
			const struct gpuadv_gpu *g = &cat->gpus[i];

			if (g == cat->reference || gpuadv_engine_perf(&a, cat, g, w, GPUADV_FP16) ||
			    gpuadv_engine_perf(&b, cat, g, w, GPUADV_FP32) ||
			    a.basis != GPUADV_BASIS_MEASURED || b.basis != GPUADV_BASIS_MEASURED ||
			    strcmp(a.measured_set, b.measured_set))
				continue;
			assert_int_equal(gpuadv_model_speed(&e16, g, w, GPUADV_FP16, NULL), 0);
			assert_int_equal(gpuadv_model_speed(&e32, g, w, GPUADV_FP32, NULL), 0);
			err[n++] = fabs(log(b.measured * (e16.speed / e32.speed) /
					    (r16.speed / r32.speed) / a.measured));
		}
		if (!n)
			continue;
		print_message("%s: the step between fp16 and fp32 on %zu cards errs %.1f%% "
			      "median (band %g%%)\n",
			      w->id, n, 100 * gpuadv_model_median(err, n),
			      w->model.p[GPUADV_MP_ERROR_PCT]);
		assert_true(n >= 10);
		assert_true(100 * gpuadv_model_median(err, n) <= w->model.p[GPUADV_MP_ERROR_PCT]);
	}

	/* the engine: fp8 on the H100 SXM comes from its fp16 results (the
	 * label nearest in data size) with the model's band, widened; bf16
	 * runs as fp16 does, so its value is fp16's with a calibrated band */
	{
		const struct gpuadv_workload *w = gpuadv_catalog_find_workload(cat, "transformer");

		assert_non_null(h100);
		assert_int_equal(gpuadv_engine_perf(&a, cat, h100, w, GPUADV_FP8), 0);
		assert_int_equal(a.basis, GPUADV_BASIS_CALIBRATED);
		assert_string_equal(a.measured_precision, "fp16");
		assert_int_equal(gpuadv_model_speed(&e, h100, w, GPUADV_FP8, NULL), 0);
		assert_true(a.error_pct == gpuadv_model_error_pct(h100, w, &e));
		assert_true(a.error_pct > w->model.p[GPUADV_MP_ERROR_PCT]);
		assert_int_equal(gpuadv_engine_perf(&a, cat, h100, w, GPUADV_BF16), 0);
		assert_int_equal(gpuadv_engine_perf(&b, cat, h100, w, GPUADV_FP16), 0);
		assert_int_equal(a.basis, GPUADV_BASIS_CALIBRATED);
		assert_string_equal(a.measured_precision, "fp16");
		assert_string_equal(b.measured_precision, "fp16");
		assert_true(a.value == b.value);
		assert_true(a.error_pct < w->model.p[GPUADV_MP_ERROR_PCT]);
		/* tf32 is measured by the label that runs as it does: fp32 */
		assert_int_equal(gpuadv_engine_perf(&a, cat, h100, w, GPUADV_TF32), 0);
		assert_int_equal(a.basis, GPUADV_BASIS_MEASURED);
		assert_string_equal(a.measured_precision, "fp32");
		/* fp32-strict from fp32, the same data size, with the model's band */
		assert_int_equal(gpuadv_engine_perf(&a, cat, h100, w, GPUADV_FP32_STRICT), 0);
		assert_string_equal(a.measured_precision, "fp32");
		assert_int_equal(gpuadv_model_speed(&e, h100, w, GPUADV_FP32_STRICT, NULL), 0);
		assert_true(a.error_pct == gpuadv_model_error_pct(h100, w, &e));
	}
}

/* Every value carries a band; an estimate's is at least the workload's
 * cross-validated error, wider beyond the calibration data. */
static void test_every_value_has_a_band(void **state)
{
	const struct gpuadv_catalog *cat = &gpuadv_embedded;
	size_t i, w;

	(void)state;
	for (w = 0; w < cat->workload_count; w++) {
		const struct gpuadv_workload *wl = &cat->workloads[w];

		for (i = 0; i < cat->gpu_count; i++) {
			struct gpuadv_perf p;

			if (gpuadv_engine_perf(&p, cat, &cat->gpus[i], wl, wl->default_precision))
				continue;
			assert_true(p.error_pct > 0);
			if (p.basis == GPUADV_BASIS_ESTIMATED)
				assert_true(p.error_pct >= wl->model.p[GPUADV_MP_ERROR_PCT]);
		}
	}
}

/* ---- the accuracy guard on the shipped catalogue ------------------------------------ */

#ifdef GPUADV_CATALOG_PATH
/* The thresholds docs/performance-model.md states: what the model reaches
 * (issue 12's goals are tighter; the doc says which are missed). */
#define GUARD_FIT_ERROR 0.08
#define GUARD_LOGO_ERROR 0.10
#define GUARD_LONO_ERROR 0.13
#define GUARD_SPEARMAN 0.95
#define GUARD_CARD_ERROR 0.25
/* The second check (NVIDIA's own training throughput, nothing of it
 * fitted): 7.7% and Spearman 0.964 over 30 points when this was set. */
#define GUARD_SECOND_ERROR 0.10

static char *read_all(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf = malloc(GPUADV_CATALOG_MAX_BYTES + 1);

	if (!f || !buf)
		fail_msg("cannot read %s", path);
	*len = fread(buf, 1, GPUADV_CATALOG_MAX_BYTES + 1, f);
	fclose(f);
	return buf;
}

/* pred[] kept where keep(pts[i]) holds, NAN elsewhere; then scored. */
static struct gpuadv_model_accuracy score_where(const struct gpuadv_fit_point *pts,
						const double *pred, size_t n,
						const struct gpuadv_catalog *cat,
						const void *key, bool by_gpu)
{
	struct gpuadv_model_accuracy a;
	double *sel = malloc((n + 1) * sizeof(*sel));
	size_t i;

	assert_non_null(sel);
	for (i = 0; i < n; i++) {
		const struct gpuadv_benchmark *b = NULL;
		size_t j;

		for (j = 0; j < cat->benchmark_count && !b; j++)
			if (cat->benchmarks[j].throughput == pts[i].throughput &&
			    cat->benchmarks[j].gpu == pts[i].gpu &&
			    cat->benchmarks[j].network == pts[i].network)
				b = &cat->benchmarks[j];
		sel[i] = (by_gpu ? (const void *)pts[i].gpu == key
				 : (const void *)b->workload == key) ? pred[i] : NAN;
	}
	assert_int_equal(gpuadv_model_score(&a, pts, sel, n), 0);
	free(sel);
	return a;
}

static void test_accuracy_guard(void **state)
{
	struct gpuadv_catalog cat;
	struct gpuadv_error err;
	struct gpuadv_fit_point *pts;
	struct gpuadv_model fit;
	struct gpuadv_model_accuracy shipped, refit;
	double *in, *logo, *lono, *bw, *sib;
	size_t len, i, n = 0, fitted = 0;
	char *data;
	const struct gpuadv_model *ship = NULL;

	(void)state;
	if (test_under_valgrind())
		skip(); /* a refit and cross-validation: minutes under valgrind */
	data = read_all(GPUADV_CATALOG_PATH, &len);
	if (gpuadv_catalog_load(&cat, data, len, GPUADV_CATALOG_PATH, &err))
		fail_msg("%s:%lu: %s", err.file, err.line, err.message);
	pts = calloc(cat.benchmark_count + 1, sizeof(*pts));
	in = calloc(cat.benchmark_count + 1, sizeof(*in));
	logo = calloc(cat.benchmark_count + 1, sizeof(*logo));
	lono = calloc(cat.benchmark_count + 1, sizeof(*lono));
	bw = calloc(cat.benchmark_count + 1, sizeof(*bw));
	sib = calloc(cat.benchmark_count + 1, sizeof(*sib));
	assert_true(pts && in && logo && lono && bw && sib);
	for (i = 0; i < cat.benchmark_count; i++) {
		const struct gpuadv_benchmark *b = &cat.benchmarks[i];

		if (b->task == GPUADV_TRAIN)
			pts[n++] = (struct gpuadv_fit_point){ b->gpu, b->set, b->software, b->network,
							      b->precision, b->throughput,
							      isnan(b->batch_size) ? 0 : b->batch_size };
	}
	/* One fitted set shared by every training workload: no per-GPU, no
	 * per-workload factor. */
	for (i = 0; i < cat.workload_count; i++) {
		const struct gpuadv_workload *w = &cat.workloads[i];
		int k;

		if (w->task != GPUADV_TRAIN)
			continue;
		if (!ship)
			ship = &w->model;
		for (k = 0; k < GPUADV_MP_ERROR_PCT; k++)
			assert_float_equal(w->model.p[k], ship->p[k], 0);
	}
	assert_non_null(ship);
	assert_int_equal(gpuadv_model_predict(in, ship, pts, n, GPUADV_CV_IN_SAMPLE, &err), 0);
	assert_int_equal(gpuadv_model_predict(logo, NULL, pts, n, GPUADV_CV_GPU, &err), 0);
	assert_int_equal(gpuadv_model_predict(lono, NULL, pts, n, GPUADV_CV_NETWORK, &err), 0);
	assert_int_equal(gpuadv_model_predict(bw, NULL, pts, n, GPUADV_CV_BANDWIDTH, &err), 0);
	assert_int_equal(gpuadv_model_predict(sib, NULL, pts, n, GPUADV_CV_GPU_SIBLINGS, &err), 0);
	/* The shipped parameters are the fitter's, to rounding. */
	assert_int_equal(gpuadv_model_fit(&fit, pts, n, &err), 0);
	assert_int_equal(gpuadv_model_evaluate(&refit, &fit, pts, n, &err), 0);
	assert_int_equal(gpuadv_model_score(&shipped, pts, in, n), 0);
	assert_true(shipped.median_error <= refit.median_error + 0.005);
	for (i = 0; i < cat.workload_count; i++) {
		const struct gpuadv_workload *w = &cat.workloads[i];
		struct gpuadv_model_accuracy a = score_where(pts, in, n, &cat, w, false);
		struct gpuadv_model_accuracy g = score_where(pts, logo, n, &cat, w, false);
		struct gpuadv_model_accuracy o = score_where(pts, lono, n, &cat, w, false);
		struct gpuadv_model_accuracy base = score_where(pts, bw, n, &cat, w, false);

		if (!a.points)
			continue;
		fitted++;
		print_message("%s: %zu points; fit %.1f%% rho %.3f; leave GPU out %.1f%% rho %.3f;"
			      " leave network out %.1f%% rho %.3f; bandwidth %.1f%%; band %g%%\n",
			      w->id, a.points, 100 * a.median_error, a.spearman,
			      100 * g.median_error, g.spearman, 100 * o.median_error, o.spearman,
			      100 * base.median_error, w->model.p[GPUADV_MP_ERROR_PCT]);
		assert_true(a.median_error <= GUARD_FIT_ERROR);
		assert_true(a.spearman >= GUARD_SPEARMAN);
		assert_true(g.median_error <= GUARD_LOGO_ERROR);
		assert_true(g.spearman >= GUARD_SPEARMAN);
		assert_true(o.median_error <= GUARD_LONO_ERROR);
		assert_true(o.spearman >= GUARD_SPEARMAN);
		assert_true(a.median_error < base.median_error);
		/* The band the estimates carry is the cross-validated error. */
		assert_true(w->model.p[GPUADV_MP_ERROR_PCT] >=
			    100 * fmax(g.median_error, o.median_error) - 1e-9);
	}
	assert_true(fitted >= 3);
	for (i = 0; i < cat.gpu_count; i++) {
		struct gpuadv_model_accuracy c = score_where(pts, logo, n, &cat, &cat.gpus[i], true);

		if (c.points)
			assert_true(c.median_error <= GUARD_CARD_ERROR);
	}
	/* A card with no results is shown moved by its measured siblings.
	 * Refitting without each card, the move costs no accuracy (7.9% and
	 * 7.8% median over all results; it is there so that one silicon reads
	 * alike, docs/performance-model.md), and must not start to. */
	{
		struct gpuadv_model_accuracy alone, moved;

		assert_int_equal(gpuadv_model_score(&alone, pts, logo, n), 0);
		assert_int_equal(gpuadv_model_score(&moved, pts, sib, n), 0);
		print_message("leave GPU out: %.1f%% by the model alone, %.1f%% moved by its "
			      "siblings\n", 100 * alone.median_error, 100 * moved.median_error);
		assert_true(moved.median_error <= alone.median_error + 0.005);
	}
	free(pts);
	free(in);
	free(logo);
	free(lono);
	free(bw);
	free(sib);
	gpuadv_catalog_release(&cat);
	free(data);
}

/* The check files' parser: what it takes, and where it says a line is wrong. */
struct csv_case {
	const char *name;
	const char *text;
	size_t cap;
	int rc;
	size_t n;	       /* points read */
	unsigned long line, column; /* of the error */
	const char *message;	       /* a substring of it */
};

#define CSV_HEAD "set,gpu,network,precision,throughput,unit,batch_size,source\n"

static const struct csv_case csv_cases[] = {
	{ .name = "two rows, a source with commas, CRLF, no batch", .cap = 8,
	  .text = CSV_HEAD "s,rtx-3090,resnet50,fp16,900,images/s,64,\"a, b\"\r\n"
		  "s,a100-80gb-sxm,resnet50,fp32,1066,images/s,,x\n",
	  .n = 2 },
	{ .name = "no header, no final newline", .cap = 8,
	  .text = "s,rtx-3090,gnmt,fp16,81625,tokens/s,128,x", .n = 1 },
	{ .name = "unknown GPU", .cap = 8, .text = CSV_HEAD "s,rtx-9999,resnet50,fp16,1,u,,x\n",
	  .rc = GPUADV_EDATA, .line = 2, .column = 3, .message = "no GPU 'rtx-9999'" },
	{ .name = "unknown network", .cap = 8, .text = CSV_HEAD "s,rtx-3090,alexnet,fp16,1,u,,x\n",
	  .rc = GPUADV_EDATA, .line = 2, .column = 12, .message = "network 'alexnet'" },
	{ .name = "unknown precision", .cap = 8, .text = CSV_HEAD "s,rtx-3090,gnmt,fp17,1,u,,x\n",
	  .rc = GPUADV_EDATA, .line = 2, .column = 17, .message = "precision 'fp17'" },
	{ .name = "zero throughput", .cap = 8, .text = CSV_HEAD "s,rtx-3090,gnmt,fp16,0,u,,x\n",
	  .rc = GPUADV_EDATA, .line = 2, .column = 22, .message = "not a positive number" },
	{ .name = "throughput not a number", .cap = 8,
	  .text = CSV_HEAD "s,rtx-3090,gnmt,fp16,12x,u,,x\n", .rc = GPUADV_EDATA, .line = 2,
	  .column = 22, .message = "'12x'" },
	{ .name = "infinite throughput", .cap = 8, .text = CSV_HEAD "s,rtx-3090,gnmt,fp16,inf,u,,x\n",
	  .rc = GPUADV_EDATA, .line = 2, .message = "not a positive number" },
	{ .name = "bad batch", .cap = 8, .text = CSV_HEAD "s,rtx-3090,gnmt,fp16,1,u,-2,x\n",
	  .rc = GPUADV_EDATA, .line = 2, .column = 26, .message = "batch size '-2'" },
	{ .name = "too few fields", .cap = 8, .text = CSV_HEAD "s,rtx-3090,gnmt\n",
	  .rc = GPUADV_EDATA, .line = 2, .column = 1, .message = "expected 7 fields" },
	{ .name = "lines ended by a bare CR", .cap = 8,
	  .text = CSV_HEAD "s,rtx-3090,gnmt,fp16,1,u,,x\rs,rtx-3090,gnmt,fp32,1,u,,x\n",
	  .rc = GPUADV_EDATA, .line = 2, .column = 28, .message = "carriage return" },
	{ .name = "a header below the first line", .cap = 8,
	  .text = CSV_HEAD "s,rtx-3090,gnmt,fp16,1,u,,x\n" CSV_HEAD, .rc = GPUADV_EDATA, .n = 1,
	  .line = 3, .column = 5, .message = "no GPU 'gpu'" },
	{ .name = "padded network", .cap = 8, .text = CSV_HEAD "s,rtx-3090, gnmt,fp16,1,u,,x\n",
	  .rc = GPUADV_EDATA, .line = 2, .column = 12, .message = "network ' gnmt' is empty" },
	{ .name = "padded throughput", .cap = 8, .text = CSV_HEAD "s,rtx-3090,gnmt,fp16,12 ,u,,x\n",
	  .rc = GPUADV_EDATA, .line = 2, .column = 22, .message = "padded" },
	{ .name = "leading space in the GPU", .cap = 8,
	  .text = CSV_HEAD "s, rtx-3090,gnmt,fp16,1,u,,x\n", .rc = GPUADV_EDATA, .line = 2,
	  .column = 3, .message = "GPU ' rtx-3090'" },
	{ .name = "empty set", .cap = 8, .text = CSV_HEAD ",rtx-3090,gnmt,fp16,1,u,,x\n",
	  .rc = GPUADV_EDATA, .line = 2, .column = 1, .message = "set '' is empty" },
	{ .name = "quoted set", .cap = 8, .text = CSV_HEAD "\"s\",rtx-3090,gnmt,fp16,1,u,,x\n",
	  .rc = GPUADV_EDATA, .line = 2, .column = 1, .message = "quoted" },
	{ .name = "empty unit", .cap = 8, .text = CSV_HEAD "s,rtx-3090,gnmt,fp16,1,,,x\n",
	  .rc = GPUADV_EDATA, .line = 2, .column = 24, .message = "unit" },
	{ .name = "subnormal throughput", .cap = 8,
	  .text = CSV_HEAD "s,rtx-3090,gnmt,fp16,1e-320,u,,x\n", .rc = GPUADV_EDATA, .line = 2,
	  .column = 22, .message = "not a positive number" },
	{ .name = "fractional batch", .cap = 8, .text = CSV_HEAD "s,rtx-3090,gnmt,fp16,1,u,1.5,x\n",
	  .rc = GPUADV_EDATA, .line = 2, .column = 26, .message = "whole number" },
	{ .name = "hexadecimal batch", .cap = 8, .text = CSV_HEAD "s,rtx-3090,gnmt,fp16,1,u,0x10,x\n",
	  .rc = GPUADV_EDATA, .line = 2, .column = 26, .message = "whole number" },
	{ .name = "batch 0", .cap = 8, .text = CSV_HEAD "s,rtx-3090,gnmt,fp16,1,u,0,x\n",
	  .rc = GPUADV_EDATA, .line = 2, .column = 26, .message = "whole number" },
	{ .name = "more rows than room", .cap = 1,
	  .text = CSV_HEAD "s,rtx-3090,gnmt,fp16,1,u,,x\ns,rtx-3090,gnmt,fp32,1,u,,x\n",
	  .rc = GPUADV_EDATA, .n = 1, .line = 3, .column = 1, .message = "more than 1" },
	{ .name = NULL }
};

static void test_points_parse(void **state)
{
	struct gpuadv_catalog cat;
	struct gpuadv_error err;
	struct gpuadv_fit_point pts[8];
	const struct csv_case *t;
	size_t len, n;
	char *data, text[512];

	(void)state;
	data = read_all(GPUADV_CATALOG_PATH, &len);
	if (gpuadv_catalog_load(&cat, data, len, GPUADV_CATALOG_PATH, &err))
		fail_msg("%s:%lu: %s", err.file, err.line, err.message);
	for (t = csv_cases; t->name; t++) {
		int rc;

		snprintf(text, sizeof(text), "%s", t->text);
		gpuadv_error_clear(&err);
		rc = gpuadv_model_points_parse(pts, t->cap, &n, text, &cat, "c.csv", &err);
		if (rc != t->rc || n != t->n)
			fail_msg("%s: rc %d n %zu, want %d %zu (%s)", t->name, rc, n, t->rc, t->n,
				 err.message);
		if (t->rc) {
			if (err.line != t->line || (t->column && err.column != t->column) ||
			    strcmp(err.file, "c.csv") || !strstr(err.message, t->message))
				fail_msg("%s: %s:%lu:%lu: %s", t->name, err.file, err.line,
					 err.column, err.message);
		}
	}
	/* what the first case read */
	snprintf(text, sizeof(text), "%s", csv_cases[0].text);
	assert_int_equal(gpuadv_model_points_parse(pts, 8, &n, text, &cat, "c.csv", &err), 0);
	assert_string_equal(pts[0].set, "s");
	assert_string_equal(pts[0].gpu->id, "rtx-3090");
	assert_string_equal(pts[0].network, "resnet50");
	assert_int_equal(pts[0].precision, GPUADV_FP16);
	assert_true(pts[0].throughput == 900 && pts[0].batch == 64);
	assert_string_equal(pts[1].gpu->id, "a100-80gb-sxm");
	assert_int_equal(pts[1].precision, GPUADV_FP32);
	assert_true(pts[1].throughput == 1066 && pts[1].batch == 0);
	assert_null(pts[1].software);
	gpuadv_catalog_release(&cat);
	free(data);
}

/* The shipped parameters predict the second check, which they were never
 * fitted to, within its guard; every row of it names a card the catalogue
 * has and a network the model knows, so none drops out unnoticed. */
static void test_second_check(void **state)
{
	struct gpuadv_catalog cat;
	struct gpuadv_error err;
	struct gpuadv_fit_point pts[128];
	double pred[128];
	struct gpuadv_model_accuracy a;
	const struct gpuadv_model *ship = NULL;
	size_t len, flen, i, n, rows = 0;
	char *data, *fix;

	(void)state;
	data = read_all(GPUADV_CATALOG_PATH, &len);
	if (gpuadv_catalog_load(&cat, data, len, GPUADV_CATALOG_PATH, &err))
		fail_msg("%s:%lu: %s", err.file, err.line, err.message);
	for (i = 0; i < cat.workload_count && !ship; i++)
		if (cat.workloads[i].task == GPUADV_TRAIN)
			ship = &cat.workloads[i].model;
	assert_non_null(ship);
	fix = read_all(GPUADV_FIXTURES "/training_nvidia_dle.csv", &flen);
	fix[flen] = '\0';
	for (i = 0; i < flen; i++)
		rows += fix[i] == '\n';
	rows--; /* the header */
	if (gpuadv_model_points_parse(pts, sizeof(pts) / sizeof(pts[0]), &n, fix, &cat,
				    "training_nvidia_dle.csv", &err))
		fail_msg("%s:%lu:%lu: %s", err.file, err.line, err.column, err.message);
	assert_int_equal(n, rows);
	assert_true(rows >= 30);
	assert_int_equal(gpuadv_model_predict(pred, ship, pts, n, GPUADV_CV_IN_SAMPLE, &err), 0);
	assert_int_equal(gpuadv_model_score(&a, pts, pred, n), 0);
	print_message("second check: %zu of %zu points, median error %.1f%%, rho %.3f\n",
		      a.points, rows, 100 * a.median_error, a.spearman);
	assert_int_equal(a.points, rows);
	assert_true(a.median_error <= GUARD_SECOND_ERROR);
	assert_true(a.spearman >= GUARD_SPEARMAN);
	gpuadv_catalog_release(&cat);
	free(fix);
	free(data);
}
#endif

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_networks_match_models),
		cmocka_unit_test(test_no_label_flip),
		cmocka_unit_test(test_every_value_has_a_band),
		cmocka_unit_test(test_sibling_correction),
		cmocka_unit_test(test_label_step),
#ifdef GPUADV_CATALOG_PATH
		cmocka_unit_test(test_accuracy_guard),
		cmocka_unit_test(test_points_parse),
		cmocka_unit_test(test_second_check),
#endif
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
