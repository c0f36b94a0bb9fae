/*
 * test_model.c - the performance model (src/model.c): the precision gate,
 * fallback labels and reasons, monotonicity in every spec figure, the
 * statistics helpers, the fit on synthetic data with known parameters, and
 * an accuracy guard that scores the shipped catalogue's parameters and
 * refits them (docs/performance-model.md gives the thresholds).
 *
 * GPUs and architectures are built here, not loaded, so the tests do not
 * move when the catalogue's figures do; only the accuracy guard reads it.
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

#include "gpu_advisor/catalog.h"
#include "gpu_advisor/model.h"

#define BIT(p) (1u << (p))

enum { PASCAL, VOLTA, TURING, AMPERE, ADA, HOPPER, BLACKWELL, ARCH_COUNT };

/* Tensor precisions as the shipped catalogue gives them. */
static struct gpuadv_arch archs[ARCH_COUNT] = {
	[PASCAL] = { .id = "pascal", .name = "Pascal", .tensor_core_generation = 0 },
	[VOLTA] = { .id = "volta", .name = "Volta", .tensor_core_generation = 1,
		    .tensor_precisions = BIT(GPUADV_FP16) },
	[TURING] = { .id = "turing", .name = "Turing", .tensor_core_generation = 2,
		     .tensor_precisions = BIT(GPUADV_FP16) | BIT(GPUADV_INT8) | BIT(GPUADV_INT4) },
	[AMPERE] = { .id = "ampere", .name = "Ampere", .tensor_core_generation = 3,
		     .tensor_precisions = BIT(GPUADV_FP16) | BIT(GPUADV_BF16) | BIT(GPUADV_TF32) |
					  BIT(GPUADV_INT8) | BIT(GPUADV_INT4) },
	[ADA] = { .id = "ada-lovelace", .name = "Ada Lovelace", .tensor_core_generation = 4,
		  .tensor_precisions = BIT(GPUADV_FP16) | BIT(GPUADV_BF16) | BIT(GPUADV_TF32) |
				       BIT(GPUADV_INT8) | BIT(GPUADV_INT4) | BIT(GPUADV_FP8) },
	[HOPPER] = { .id = "hopper", .name = "Hopper", .tensor_core_generation = 4,
		     .tensor_precisions = BIT(GPUADV_FP16) | BIT(GPUADV_BF16) | BIT(GPUADV_TF32) |
					  BIT(GPUADV_INT8) | BIT(GPUADV_FP8) },
	[BLACKWELL] = { .id = "blackwell", .name = "Blackwell", .tensor_core_generation = 5,
			.tensor_precisions = BIT(GPUADV_FP16) | BIT(GPUADV_BF16) | BIT(GPUADV_TF32) |
					     BIT(GPUADV_INT8) | BIT(GPUADV_FP8) | BIT(GPUADV_FP6) |
					     BIT(GPUADV_FP4) },
};

/* A GPU with every figure unknown but the three the schema requires. */
static struct gpuadv_gpu make_gpu(const char *id, int arch, double bw, double fp32,
				  double mem)
{
	struct gpuadv_gpu g;
	int i;

	memset(&g, 0, sizeof(g));
	g.id = id;
	g.name = id;
	g.arch = &archs[arch];
	for (i = 0; i < GPUADV_F_COUNT; i++)
		g.v[i] = NAN;
	g.v[GPUADV_F_BANDWIDTH_GBS] = bw;
	g.v[GPUADV_F_FP32_TFLOPS] = fp32;
	g.v[GPUADV_F_MEMORY_GB] = mem;
	return g;
}

/* A model with every term in use. */
static const struct gpuadv_model busy = { { 0.25, 0.1, 0.45, 0.1, 0.1, 4, 0.15, 1.05 } };

/* ---- the gate ------------------------------------------------------------ */

struct gate_case {
	int arch;
	double fp16, bf16, tf32, int8, fp8, fp4; /* NAN: unknown */
	enum gpuadv_precision asked;
	int rc;
	enum gpuadv_precision effective;
	bool fallback;
	double compute; /* expected compute rate; 0: do not check */
	const char *note; /* substring of the note; NULL: must be empty */
};

#define N NAN
static const struct gate_case gate_cases[] = {
	/* fp32 runs everywhere at the CUDA-core rate (20 here). */
	{ PASCAL, N, N, N, N, N, N, GPUADV_FP32, 0, GPUADV_FP32, false, 20, NULL },
	{ HOPPER, 900, N, N, N, N, N, GPUADV_FP32, 0, GPUADV_FP32, false, 20, NULL },
	/* tf32: Tensor where the arch has it (figure, else fp16 / 2)... */
	{ AMPERE, 300, N, 150, N, N, N, GPUADV_TF32, 0, GPUADV_TF32, false, 150, NULL },
	{ AMPERE, 300, N, N, N, N, N, GPUADV_TF32, 0, GPUADV_TF32, false, 150, NULL },
	{ AMPERE, N, N, N, N, N, N, GPUADV_TF32, GPUADV_ENOTFOUND, GPUADV_TF32, false, 0,
	  "no TF32 Tensor figure in the catalogue" },
	/* ...else plain FP32, labelled. */
	{ VOLTA, 120, N, N, N, N, N, GPUADV_TF32, 0, GPUADV_FP32, true, 20,
	  "no TF32 Tensor Cores (Volta)" },
	{ PASCAL, N, N, N, N, N, N, GPUADV_TF32, 0, GPUADV_FP32, true, 20, "FP32 rate" },
	/* fp16: Tensor from Volta on; Pascal at the FP32 rate, labelled. */
	{ VOLTA, 120, N, N, N, N, N, GPUADV_FP16, 0, GPUADV_FP16, false, 120, NULL },
	{ PASCAL, N, N, N, N, N, N, GPUADV_FP16, 0, GPUADV_FP32, true, 20,
	  "no FP16 Tensor Cores (Pascal); modelled at the FP32 rate, saving memory traffic only" },
	{ TURING, N, N, N, N, N, N, GPUADV_FP16, GPUADV_ENOTFOUND, GPUADV_FP16, false, 0,
	  "no FP16 Tensor figure in the catalogue" },
	/* bf16: Ampere on, the FP16 figure standing in when unknown. */
	{ AMPERE, 300, 310, N, N, N, N, GPUADV_BF16, 0, GPUADV_BF16, false, 310, NULL },
	{ ADA, 165, N, N, N, N, N, GPUADV_BF16, 0, GPUADV_BF16, false, 165, NULL },
	{ TURING, 130, N, N, N, N, N, GPUADV_BF16, GPUADV_ENOTFOUND, GPUADV_BF16, false, 0,
	  "no BF16 Tensor Cores (Turing); BF16 needs Ampere or newer" },
	{ PASCAL, N, N, N, N, N, N, GPUADV_BF16, GPUADV_ENOTFOUND, GPUADV_BF16, false, 0,
	  "no BF16 Tensor Cores (Pascal); BF16 needs Ampere or newer" },
	/* int8 from Turing; no Tensor INT8 on Volta. */
	{ TURING, 130, N, N, 260, N, N, GPUADV_INT8, 0, GPUADV_INT8, false, 260, NULL },
	{ VOLTA, 120, N, N, N, N, N, GPUADV_INT8, GPUADV_ENOTFOUND, GPUADV_INT8, false, 0,
	  "no INT8 Tensor Cores (Volta); INT8 needs Turing or newer" },
	{ AMPERE, 300, N, N, N, N, N, GPUADV_INT8, GPUADV_ENOTFOUND, GPUADV_INT8, false, 0,
	  "no INT8 Tensor figure" },
	/* int4 = 2 x int8 where it exists; Hopper dropped it. */
	{ TURING, 130, N, N, 260, N, N, GPUADV_INT4, 0, GPUADV_INT4, false, 520, NULL },
	{ HOPPER, 990, N, N, 1980, 1980, N, GPUADV_INT4, GPUADV_ENOTFOUND, GPUADV_INT4, false, 0,
	  "no INT4 Tensor Cores (Hopper)" },
	/* fp8 from Ada and Hopper; unknown figure -> reason. */
	{ HOPPER, 990, N, N, N, 1980, N, GPUADV_FP8, 0, GPUADV_FP8, false, 1980, NULL },
	{ ADA, 165, N, N, N, N, N, GPUADV_FP8, GPUADV_ENOTFOUND, GPUADV_FP8, false, 0,
	  "no FP8 Tensor figure in the catalogue" },
	{ AMPERE, 300, N, N, N, N, N, GPUADV_FP8, GPUADV_ENOTFOUND, GPUADV_FP8, false, 0,
	  "no FP8 Tensor Cores (Ampere); FP8 needs Ada Lovelace, Hopper or newer" },
	/* fp6 at the FP8 rate, fp4 its own figure: Blackwell only. */
	{ BLACKWELL, 2250, N, N, N, 4500, 9000, GPUADV_FP6, 0, GPUADV_FP6, false, 4500, NULL },
	{ BLACKWELL, 2250, N, N, N, 4500, 9000, GPUADV_FP4, 0, GPUADV_FP4, false, 9000, NULL },
	{ HOPPER, 990, N, N, N, 1980, N, GPUADV_FP4, GPUADV_ENOTFOUND, GPUADV_FP4, false, 0,
	  "no FP4 Tensor Cores (Hopper); FP4 needs Blackwell or newer" },
	{ .arch = -1 }
};
#undef N

static void test_gate(void **state)
{
	const struct gate_case *c;

	(void)state;
	for (c = gate_cases; c->arch >= 0; c++) {
		struct gpuadv_gpu g = make_gpu("x", c->arch, 900, 20, 24);
		struct gpuadv_model_estimate est;
		struct gpuadv_error err;
		int rc;

		g.v[GPUADV_F_FP16_TENSOR_TFLOPS] = c->fp16;
		g.v[GPUADV_F_BF16_TENSOR_TFLOPS] = c->bf16;
		g.v[GPUADV_F_TF32_TENSOR_TFLOPS] = c->tf32;
		g.v[GPUADV_F_INT8_TENSOR_TOPS] = c->int8;
		g.v[GPUADV_F_FP8_TENSOR_TFLOPS] = c->fp8;
		g.v[GPUADV_F_FP4_TENSOR_TFLOPS] = c->fp4;
		gpuadv_error_clear(&err);
		rc = gpuadv_model_speed(&est, &g, &busy, c->asked, &err);
		print_message("case %td: %s %s -> %d '%s'\n", c - gate_cases,
			      archs[c->arch].name, gpuadv_precision_name(c->asked), rc,
			      est.note);
		assert_int_equal(rc, c->rc);
		if (c->note) {
			assert_non_null(strstr(est.note, c->note));
		} else {
			assert_string_equal(est.note, "");
		}
		if (rc) {
			assert_true(isnan(est.speed));
			assert_int_equal(err.code, c->rc);
			assert_non_null(strstr(err.message, c->note));
			continue;
		}
		assert_true(est.speed > 0 && isfinite(est.speed));
		assert_int_equal(est.effective, c->effective);
		assert_int_equal(est.fallback, c->fallback);
		if (c->compute > 0)
			assert_float_equal(est.compute_tflops, c->compute, 1e-9);
		assert_true(est.compute_share >= 0 && est.compute_share <= 1);
	}
}

/* Pascal's fp16 moves half the bytes of its fp32, at the same maths rate. */
static void test_pascal_fp16_saves_memory_only(void **state)
{
	struct gpuadv_gpu g = make_gpu("p", PASCAL, 484, 11.3, 11);
	struct gpuadv_model_estimate a, b;
	struct gpuadv_model mem, tensor;

	(void)state;
	gpuadv_model_bandwidth_only(&mem);
	gpuadv_model_tensor_only(&tensor);
	assert_int_equal(gpuadv_model_speed(&a, &g, &mem, GPUADV_FP32, NULL), 0);
	assert_int_equal(gpuadv_model_speed(&b, &g, &mem, GPUADV_FP16, NULL), 0);
	assert_float_equal(b.speed / a.speed, 2.0, 1e-12);
	assert_int_equal(gpuadv_model_speed(&a, &g, &tensor, GPUADV_FP32, NULL), 0);
	assert_int_equal(gpuadv_model_speed(&b, &g, &tensor, GPUADV_FP16, NULL), 0);
	assert_float_equal(b.speed / a.speed, 1.0, 1e-12);
}

static void test_bad_arguments(void **state)
{
	struct gpuadv_gpu g = make_gpu("x", AMPERE, 900, 30, 24);
	struct gpuadv_model_estimate est;
	struct gpuadv_model zero, wild = busy;
	struct gpuadv_error err;

	(void)state;
	memset(&zero, 0, sizeof(zero));
	zero.p[GPUADV_MP_GEN_GAIN] = 1;
	zero.p[GPUADV_MP_W_FIXED] = 1; /* no GPU-bound time: every GPU ties */
	assert_int_equal(gpuadv_model_speed(&est, &g, &zero, GPUADV_FP16, &err), GPUADV_EDATA);
	wild.p[GPUADV_MP_GEN_GAIN] = 7;
	assert_int_equal(gpuadv_model_speed(&est, &g, &wild, GPUADV_FP16, &err), GPUADV_EDATA);
	assert_int_equal(gpuadv_model_speed(&est, NULL, &busy, GPUADV_FP16, &err), GPUADV_EUSAGE);
	assert_int_equal(gpuadv_model_speed(&est, &g, &busy, GPUADV_PRECISION_COUNT, &err),
			 GPUADV_EUSAGE);
}

/* The loader's table: GPUADV_MP_COUNT keys, in enum order, then { NULL }. */
static void test_param_table(void **state)
{
	int i;

	(void)state;
	for (i = 0; gpuadv_model_params[i].key; i++) {
		assert_true(gpuadv_model_params[i].min <= gpuadv_model_params[i].max);
		assert_non_null(gpuadv_model_params[i].doc);
		assert_true(busy.p[i] >= gpuadv_model_params[i].min &&
			    busy.p[i] <= gpuadv_model_params[i].max);
	}
	assert_int_equal(i, GPUADV_MP_COUNT);
	assert_true(i <= GPUADV_MODEL_MAX_PARAMS);
	assert_string_equal(gpuadv_model_params[GPUADV_MP_W_MEMORY].key, "w_memory");
}

/* ---- monotonicity ------------------------------------------------------------ */

struct mono_case {
	enum gpuadv_gpu_field field;
	enum gpuadv_precision p;
};

static const struct mono_case mono_cases[] = {
	{ GPUADV_F_BANDWIDTH_GBS, GPUADV_FP16 },
	{ GPUADV_F_BANDWIDTH_GBS, GPUADV_FP32 },
	{ GPUADV_F_FP16_TENSOR_TFLOPS, GPUADV_FP16 },
	{ GPUADV_F_FP16_TENSOR_TFLOPS, GPUADV_TF32 }, /* via the fp16 / 2 rule */
	{ GPUADV_F_FP32_TFLOPS, GPUADV_FP16 },
	{ GPUADV_F_FP32_TFLOPS, GPUADV_FP32 },
	{ GPUADV_F_MEMORY_GB, GPUADV_FP16 },
	{ GPUADV_F_L2_CACHE_MB, GPUADV_FP16 },
	{ GPUADV_F_INT8_TENSOR_TOPS, GPUADV_INT8 },
	{ GPUADV_F_COUNT, 0 }
};

/* More of any figure is never slower, for several parameter sets. */
static void test_monotonic(void **state)
{
	const struct gpuadv_model models[] = {
		busy,
		{ { 0.1, 0.1, 0.6, 0.0, 0.2, 0, 0.05, 1.0 } },
		{ { 0.2, 0.1, 0.5, 0.1, 0.0, 9, 0.2, 1.1 } },
		{ { 0, 0, 1, 0, 0, 0, 0, 1 } },
	};
	const struct mono_case *c;
	size_t m;
	int step;

	(void)state;
	for (m = 0; m < sizeof(models) / sizeof(models[0]); m++) {
		for (c = mono_cases; c->field != GPUADV_F_COUNT; c++) {
			double last = 0;

			for (step = 0; step < 12; step++) {
				struct gpuadv_gpu g = make_gpu("x", AMPERE, 600, 20, 8);
				struct gpuadv_model_estimate est;

				g.v[GPUADV_F_FP16_TENSOR_TFLOPS] = 80;
				g.v[GPUADV_F_INT8_TENSOR_TOPS] = 160;
				g.v[GPUADV_F_L2_CACHE_MB] = 4;
				g.v[c->field] *= pow(1.5, step);
				assert_int_equal(gpuadv_model_speed(&est, &g, &models[m], c->p, NULL), 0);
				assert_true(est.speed >= last * (1 - 1e-12));
				last = est.speed;
			}
		}
	}
}

/* Unknown L2 is neutral: the same as the nominal 6 MB. */
static void test_unknown_l2_is_neutral(void **state)
{
	struct gpuadv_gpu a = make_gpu("a", AMPERE, 900, 30, 24), b;
	struct gpuadv_model_estimate ea, eb;

	(void)state;
	a.v[GPUADV_F_FP16_TENSOR_TFLOPS] = 100;
	b = a;
	b.v[GPUADV_F_L2_CACHE_MB] = 6;
	assert_int_equal(gpuadv_model_speed(&ea, &a, &busy, GPUADV_FP16, NULL), 0);
	assert_int_equal(gpuadv_model_speed(&eb, &b, &busy, GPUADV_FP16, NULL), 0);
	assert_float_equal(ea.speed, eb.speed, 1e-12);
}

/* ---- statistics --------------------------------------------------------------- */

static void test_median(void **state)
{
	const double odd[] = { 5, 1, 3 }, even[] = { 4, 1, 3, 2 }, one[] = { 7 };

	(void)state;
	assert_float_equal(gpuadv_model_median(odd, 3), 3, 0);
	assert_float_equal(gpuadv_model_median(even, 4), 2.5, 0);
	assert_float_equal(gpuadv_model_median(one, 1), 7, 0);
	assert_true(isnan(gpuadv_model_median(one, 0)));
	assert_float_equal(odd[0], 5, 0); /* input untouched */
}

struct spearman_case {
	double a[6], b[6];
	size_t n;
	double want; /* NAN: undefined */
};

static const struct spearman_case spearman_cases[] = {
	{ { 1, 2, 3, 4, 5 }, { 10, 20, 30, 40, 50 }, 5, 1 },
	{ { 1, 2, 3, 4, 5 }, { 5, 4, 3, 2, 1 }, 5, -1 },
	{ { 1, 2, 3, 4, 5 }, { 1, 4, 9, 16, 25 }, 5, 1 },	/* ranks, not values */
	{ { 1, 2, 3, 4, 5 }, { 2, 1, 4, 3, 5 }, 5, 0.8 },	/* 1 - 6*4/120 */
	{ { 1, 2, 2, 3 }, { 1, 2, 3, 4 }, 4, 0.9486832980505138 }, /* tie: mean rank */
	{ { 1, 1, 1 }, { 1, 2, 3 }, 3, NAN },
	{ .n = 0 }
};

static void test_spearman(void **state)
{
	const struct spearman_case *c;

	(void)state;
	for (c = spearman_cases; c->n; c++) {
		double r = gpuadv_model_spearman(c->a, c->b, c->n);

		if (isnan(c->want))
			assert_true(isnan(r));
		else
			assert_float_equal(r, c->want, 1e-12);
	}
}

/* ---- the fit on synthetic data ---------------------------------------------------- */

/* Spec sheets spanning what the real catalogue holds. */
static const struct synth_gpu {
	int arch;
	double bw, fp32, fp16, l2, mem;
} synth[] = {
	{ PASCAL, 484, 11.3, NAN, 2.75, 11 },
	{ VOLTA, 900, 15.7, 125, 6, 32 },
	{ TURING, 672, 16.3, 130.5, 6, 24 },
	{ TURING, 448, 11.2, 89.2, 4, 16 },
	{ TURING, 616, 13.4, 53.8, 5.5, 11 },
	{ AMPERE, 448, 20.3, 40.6, 4, 8 },
	{ AMPERE, 936, 35.6, 71, 6, 24 },
	{ AMPERE, 1555, 19.5, 312, 40, 40 },
	{ AMPERE, 2039, 19.5, 312, 40, 80 },
	{ AMPERE, 768, 38.7, 154.8, 6, 48 },
	{ AMPERE, 600, 31.2, 125, 6, 24 },
	{ ADA, 1008, 82.6, 165.2, 72, 24 },
	{ HOPPER, 2000, 51, 756, 50, 80 },
	{ HOPPER, 3350, 67, 989.4, 50, 80 },
};
#define SYNTH_N (sizeof(synth) / sizeof(synth[0]))

static struct gpuadv_gpu synth_gpus[SYNTH_N];

/* Two sets and two precisions, each group with its own scale. */
static size_t synth_points(struct gpuadv_fit_point *pts, const struct gpuadv_model *truth)
{
	static const char *const sets[] = { "set-a", "set-b" };
	static const enum gpuadv_precision precs[] = { GPUADV_FP16, GPUADV_FP32 };
	size_t i, s, p, n = 0;

	for (i = 0; i < SYNTH_N; i++) {
		synth_gpus[i] = make_gpu("s", synth[i].arch, synth[i].bw, synth[i].fp32,
					 synth[i].mem);
		synth_gpus[i].v[GPUADV_F_FP16_TENSOR_TFLOPS] = synth[i].fp16;
		synth_gpus[i].v[GPUADV_F_L2_CACHE_MB] = synth[i].l2;
	}
	for (s = 0; s < 2; s++) {
		for (p = 0; p < 2; p++) {
			for (i = s; i < SYNTH_N; i++) { /* set-b lacks the first GPU */
				struct gpuadv_model_estimate est;
				enum gpuadv_precision m =
					gpuadv_model_measured_precision(&synth_gpus[i], precs[p]);

				assert_int_equal(gpuadv_model_speed(&est, &synth_gpus[i], truth, m, NULL), 0);
				pts[n++] = (struct gpuadv_fit_point){
					&synth_gpus[i], sets[s], "net", precs[p],
					est.speed * (s ? 1234.0 : 7.0) * (p ? 0.5 : 1.0)
				};
			}
		}
	}
	return n;
}

static void test_fit_recovers(void **state)
{
	const struct gpuadv_model truth = { { 0.3, 0.08, 0.42, 0.1, 0.1, 5, 0.2, 1.08 } };
	struct gpuadv_fit_point pts[4 * SYNTH_N];
	struct gpuadv_model fit;
	struct gpuadv_model_accuracy acc;
	struct gpuadv_error err;
	size_t n = synth_points(pts, &truth);
	int i;

	(void)state;
	assert_int_equal(gpuadv_model_fit(&fit, pts, n, &err), 0);
	for (i = 0; i < GPUADV_MP_COUNT; i++)
		print_message("%s: truth %.4f fit %.4f\n", gpuadv_model_params[i].key,
			      truth.p[i], fit.p[i]);
	/* The fit must reproduce the data; the weights sum to 1. */
	assert_int_equal(gpuadv_model_evaluate(&acc, &fit, pts, n, &err), 0);
	assert_int_equal(acc.points, n);
	assert_true(acc.median_error < 0.005);
	assert_float_equal(acc.spearman, 1.0, 1e-9);
	assert_float_equal(fit.p[0] + fit.p[1] + fit.p[2] + fit.p[3] + fit.p[4], 1, 1e-9);
	/* The well-determined parameters come back. */
	assert_float_equal(fit.p[GPUADV_MP_W_TENSOR], truth.p[GPUADV_MP_W_TENSOR], 0.03);
	assert_float_equal(fit.p[GPUADV_MP_W_MEMORY], truth.p[GPUADV_MP_W_MEMORY], 0.03);
	assert_float_equal(fit.p[GPUADV_MP_GEN_GAIN], truth.p[GPUADV_MP_GEN_GAIN], 0.02);
	/* The truth scores perfectly. */
	assert_int_equal(gpuadv_model_evaluate(&acc, &truth, pts, n, &err), 0);
	assert_true(acc.median_error < 1e-9);
}

/* The same input gives bit-identical parameters. */
static void test_fit_deterministic(void **state)
{
	struct gpuadv_fit_point pts[4 * SYNTH_N];
	struct gpuadv_model a, b;
	size_t n = synth_points(pts, &busy);

	(void)state;
	assert_int_equal(gpuadv_model_fit(&a, pts, n, NULL), 0);
	assert_int_equal(gpuadv_model_fit(&b, pts, n, NULL), 0);
	assert_memory_equal(&a, &b, sizeof(a));
}

static void test_fit_too_few(void **state)
{
	struct gpuadv_fit_point pts[4 * SYNTH_N];
	struct gpuadv_model m;
	struct gpuadv_error err;

	(void)state;
	synth_points(pts, &busy);
	assert_int_equal(gpuadv_model_fit(&m, pts, 3, &err), GPUADV_EDATA);
	assert_int_equal(gpuadv_model_fit(&m, pts, 0, &err), GPUADV_EDATA);
}

/* ---- the accuracy guard on the shipped catalogue ------------------------------------ */

#ifdef GPUADV_CATALOG_PATH
/* The thresholds docs/performance-model.md states. */
#define GUARD_FIT_ERROR 0.08
#define GUARD_CV_ERROR 0.10
#define GUARD_SPEARMAN 0.95

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

static void test_accuracy_guard(void **state)
{
	struct gpuadv_catalog cat;
	struct gpuadv_error err;
	struct gpuadv_fit_point *pts;
	struct gpuadv_model bw, fit;
	size_t len, i, j, n, fitted = 0;
	char *data = read_all(GPUADV_CATALOG_PATH, &len);

	(void)state;
	if (gpuadv_catalog_load(&cat, data, len, GPUADV_CATALOG_PATH, &err))
		fail_msg("%s:%lu: %s", err.file, err.line, err.message);
	pts = calloc(cat.benchmark_count + 1, sizeof(*pts));
	assert_non_null(pts);
	gpuadv_model_bandwidth_only(&bw);
	for (i = 0; i < cat.workload_count; i++) {
		const struct gpuadv_workload *w = &cat.workloads[i];
		struct gpuadv_model_accuracy shipped, base, refit, cv;

		for (j = 0, n = 0; j < cat.benchmark_count; j++) {
			const struct gpuadv_benchmark *b = &cat.benchmarks[j];

			if (b->workload == w)
				pts[n++] = (struct gpuadv_fit_point){ b->gpu, b->set, b->network,
								      b->precision, b->throughput };
		}
		if (!n)
			continue;
		fitted++;
		assert_int_equal(gpuadv_model_evaluate(&shipped, &w->model, pts, n, &err), 0);
		assert_int_equal(gpuadv_model_evaluate(&base, &bw, pts, n, &err), 0);
		assert_int_equal(gpuadv_model_fit(&fit, pts, n, &err), 0);
		assert_int_equal(gpuadv_model_evaluate(&refit, &fit, pts, n, &err), 0);
		assert_int_equal(gpuadv_model_crossval(&cv, pts, n, &err), 0);
		print_message("%s: %zu points; shipped %.1f%% rho %.3f; refit %.1f%%; CV %.1f%% rho %.3f; bandwidth %.1f%%\n",
			      w->id, n, 100 * shipped.median_error, shipped.spearman,
			      100 * refit.median_error, 100 * cv.median_error, cv.spearman,
			      100 * base.median_error);
		assert_true(shipped.median_error <= GUARD_FIT_ERROR);
		assert_true(shipped.spearman >= GUARD_SPEARMAN);
		/* The shipped parameters are the fitter's, to rounding. */
		assert_true(shipped.median_error <= refit.median_error + 0.005);
		assert_true(cv.median_error <= GUARD_CV_ERROR);
		assert_true(cv.spearman >= GUARD_SPEARMAN);
		assert_true(shipped.median_error < base.median_error);
	}
	assert_true(fitted >= 3);
	free(pts);
	gpuadv_catalog_release(&cat);
	free(data);
}
#endif

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_gate),
		cmocka_unit_test(test_pascal_fp16_saves_memory_only),
		cmocka_unit_test(test_bad_arguments),
		cmocka_unit_test(test_param_table),
		cmocka_unit_test(test_monotonic),
		cmocka_unit_test(test_unknown_l2_is_neutral),
		cmocka_unit_test(test_median),
		cmocka_unit_test(test_spearman),
		cmocka_unit_test(test_fit_recovers),
		cmocka_unit_test(test_fit_deterministic),
		cmocka_unit_test(test_fit_too_few),
#ifdef GPUADV_CATALOG_PATH
		cmocka_unit_test(test_accuracy_guard),
#endif
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
