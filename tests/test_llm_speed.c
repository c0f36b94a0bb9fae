/*
 * test_llm_speed.c - the LLM inference speed model: its laws (bandwidth,
 * layer split, tensor parallel, MoE, context, batch), its input checks, and
 * the accuracy of the shipped parameters on the llama.cpp measurements.
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "gpu_advisor/llm_speed.h"
#include "model/llm_fit.h"

/* An RTX 3090 (catalogue figures) and Llama 2 70B / 7B at Q4_0. */
static const struct gpuadv_llm_gpu g3090 = { .bandwidth_gbs = 936, .tensor_tflops = 71,
	.fp16_acc_tflops = 142, .fp32_tflops = 35.6, .memory_gb = 24, .link_gbs = 32 };
static const struct gpuadv_llm_model l70 = { .total_params = 68.977e9,
	.active_params = 68.977e9, .bits_per_weight = 4.5, .layers = 80, .hidden = 8192,
	.kv_heads = 8, .head_dim = 128, .kv_bits = 16 };
static const struct gpuadv_llm_model l7 = { .total_params = 6.738e9,
	.active_params = 6.738e9, .bits_per_weight = 4.5, .layers = 32, .hidden = 4096,
	.kv_heads = 32, .head_dim = 128, .kv_bits = 16 };

static double decode(const struct gpuadv_llm_gpu *g, const struct gpuadv_llm_model *m,
		     unsigned n, enum gpuadv_parallel par, double ctx)
{
	struct gpuadv_llm_speed s;
	struct gpuadv_llm_setup st = { .gpus = n, .parallel = par, .context = ctx, .batch = 1 };
	assert_int_equal(gpuadv_llm_speed_estimate(&s, g, m, &st, NULL, NULL), 0);
	return s.decode_tokens_per_s;
}

static void test_bandwidth_law(void **state)
{
	static const double bw[] = { 300, 600, 936, 2000, 3350, 0 };
	double last = 0;
	(void)state;
	for (size_t i = 0; bw[i] > 0; i++) {
		struct gpuadv_llm_gpu g = g3090;
		g.bandwidth_gbs = bw[i];
		double v = decode(&g, &l7, 1, GPUADV_PARALLEL_LAYER, 512);
		assert_true(v > last);
		last = v;
	}
}

static void test_layer_split_no_faster(void **state)
{
	static const unsigned counts[] = { 2, 3, 4, 6, 8, 0 };
	double one = decode(&g3090, &l7, 1, GPUADV_PARALLEL_LAYER, 512);
	(void)state;
	for (size_t i = 0; counts[i]; i++) {
		double v = decode(&g3090, &l7, counts[i], GPUADV_PARALLEL_LAYER, 512);
		assert_true(v <= one);
		assert_true(v > 0.8 * one); /* a small per-hop penalty only */
	}
}

static void test_tensor_parallel_faster(void **state)
{
	struct gpuadv_llm_gpu nv = g3090;
	double pcie2, nv2, pcie4, layer2;
	(void)state;
	nv.nvlink = true;
	nv.link_gbs = 56.25;
	layer2 = decode(&g3090, &l70, 2, GPUADV_PARALLEL_LAYER, 512);
	pcie2 = decode(&g3090, &l70, 2, GPUADV_PARALLEL_TENSOR, 512);
	pcie4 = decode(&g3090, &l70, 4, GPUADV_PARALLEL_TENSOR, 512);
	nv2 = decode(&nv, &l70, 2, GPUADV_PARALLEL_TENSOR, 512);
	assert_true(pcie2 > 1.3 * layer2);
	assert_true(pcie4 > pcie2);
	assert_true(nv2 > pcie2); /* limited by the link */
	assert_true(pcie4 < 4 * layer2);
}

static void test_moe_active_params(void **state)
{
	/* Mixtral 8x7B: 46.7B total, 12.9B active (mistral.ai release note). */
	struct gpuadv_llm_model moe = l7, dense = l7;
	struct gpuadv_llm_speed a, b;
	struct gpuadv_llm_setup one = { .gpus = 1, .context = 512, .batch = 1 };
	struct gpuadv_llm_setup many = { .gpus = 1, .context = 512, .batch = 32 };
	(void)state;
	moe.total_params = 46.7e9;
	moe.active_params = dense.total_params = dense.active_params = 12.9e9;
	assert_int_equal(gpuadv_llm_speed_estimate(&a, &g3090, &moe, &one, NULL, NULL), 0);
	assert_int_equal(gpuadv_llm_speed_estimate(&b, &g3090, &dense, &one, NULL, NULL), 0);
	assert_true(fabs(a.decode_tokens_per_s - b.decode_tokens_per_s) < 1e-9 * b.decode_tokens_per_s);
	/* a batch touches more experts: less gain from batching than dense */
	assert_int_equal(gpuadv_llm_speed_estimate(&a, &g3090, &moe, &many, NULL, NULL), 0);
	assert_int_equal(gpuadv_llm_speed_estimate(&b, &g3090, &dense, &many, NULL, NULL), 0);
	assert_true(a.batch_tokens_per_s < b.batch_tokens_per_s);
	assert_true(a.batch_tokens_per_s > a.decode_tokens_per_s);
}

static void test_context_and_batch(void **state)
{
	struct gpuadv_llm_speed s1, s8;
	struct gpuadv_llm_setup st = { .gpus = 1, .context = 8192, .batch = 1 };
	(void)state;
	assert_true(decode(&g3090, &l7, 1, GPUADV_PARALLEL_LAYER, 8192) <
		    decode(&g3090, &l7, 1, GPUADV_PARALLEL_LAYER, 128));
	assert_int_equal(gpuadv_llm_speed_estimate(&s1, &g3090, &l7, &st, NULL, NULL), 0);
	st.batch = 8;
	assert_int_equal(gpuadv_llm_speed_estimate(&s8, &g3090, &l7, &st, NULL, NULL), 0);
	assert_true(s8.batch_tokens_per_s > s1.batch_tokens_per_s);
	assert_true(s8.batch_tokens_per_s < 8 * s1.batch_tokens_per_s);
	assert_true(s1.prefill_tokens_per_s > 10 * s1.decode_tokens_per_s);
}

static void test_bad_input(void **state)
{
	static const struct {
		const char *what;
		double bw, params, bits, layers, ctx;
		unsigned gpus, batch;
	} rows[] = {
		{ .what = "bandwidth", .bw = 0, .params = 7e9, .bits = 4.5, .layers = 32, .gpus = 1, .batch = 1 },
		{ .what = "bandwidth", .bw = NAN, .params = 7e9, .bits = 4.5, .layers = 32, .gpus = 1, .batch = 1 },
		{ .what = "parameter count", .bw = 936, .params = -1, .bits = 4.5, .layers = 32, .gpus = 1, .batch = 1 },
		{ .what = "bits per weight", .bw = 936, .params = 7e9, .bits = 0, .layers = 32, .gpus = 1, .batch = 1 },
		{ .what = "architecture figure", .bw = 936, .params = 7e9, .bits = 4.5, .layers = 0, .gpus = 1, .batch = 1 },
		{ .what = "context", .bw = 936, .params = 7e9, .bits = 4.5, .layers = 32, .ctx = -1, .gpus = 1, .batch = 1 },
		{ .what = "setup", .bw = 936, .params = 7e9, .bits = 4.5, .layers = 32, .gpus = 0, .batch = 1 },
		{ .what = "setup", .bw = 936, .params = 7e9, .bits = 4.5, .layers = 32, .gpus = 1, .batch = 0 },
		{ .what = NULL },
	};
	(void)state;
	for (size_t i = 0; rows[i].what; i++) {
		struct gpuadv_llm_gpu g = g3090;
		struct gpuadv_llm_model m = l7;
		struct gpuadv_llm_setup st = { .gpus = rows[i].gpus, .context = rows[i].ctx,
					       .batch = rows[i].batch };
		struct gpuadv_llm_speed s;
		struct gpuadv_error err;
		g.bandwidth_gbs = rows[i].bw;
		m.total_params = m.active_params = rows[i].params;
		m.bits_per_weight = rows[i].bits;
		m.layers = rows[i].layers;
		gpuadv_error_clear(&err);
		assert_int_equal(gpuadv_llm_speed_estimate(&s, &g, &m, &st, NULL, &err),
				 GPUADV_EUSAGE);
		assert_non_null(strstr(err.message, rows[i].what));
		assert_true(isnan(s.decode_tokens_per_s));
	}
}

static void test_parallel_names(void **state)
{
	(void)state;
	for (int i = 0; i < GPUADV_PARALLEL_COUNT; i++)
		assert_int_equal(gpuadv_parallel_parse(gpuadv_parallel_name(i)), i);
	assert_int_equal(gpuadv_parallel_parse("pipeline"), -1);
}

/* The accuracy goals as guards: docs/performance-model.md's tables come
 * from the same data and parameters (gpu-advisor-fit-speed tests/fixtures). */
static void test_accuracy(void **state)
{
	static const struct {
		const char *set;
		unsigned count;
		double decode_median, decode_worst;
	} goals[] = {
		{ .set = NULL, .count = 0, .decode_median = 0.10, .decode_worst = 0.40 },
		{ .set = NULL, .count = 1, .decode_median = 0.10, .decode_worst = 0.25 },
		{ .set = "2024", .count = 0, .decode_median = 0.06, .decode_worst = 0.20 },
		{ .set = "2023", .count = 1, .decode_median = 0.10, .decode_worst = 0.25 },
		{ .decode_median = -1 },
	};
	struct gpuadv_catalog cat = gpuadv_embedded;
	struct gpuadv__llm_data d = { 0 };
	struct gpuadv_error err;
	(void)state;
	assert_int_equal(gpuadv__llm_data_load(&d, GPUADV_FIXTURES "/llm_inference_llamacpp.csv",
					       &cat, &err), 0);
	assert_int_equal(gpuadv__llm_data_load(&d, GPUADV_FIXTURES
					       "/llm_inference_llamacpp_llama3.csv", &cat, &err), 0);
	assert_int_equal(d.n, 252 + 58);
	for (size_t i = 0; goals[i].decode_median >= 0; i++) {
		struct gpuadv__llm_score s = gpuadv__llm_evaluate(&d, &gpuadv_llm_default, 0,
								  NULL, goals[i].count, goals[i].set);
		assert_true(s.n > 50);
		assert_true(s.median <= goals[i].decode_median);
		assert_true(s.worst <= goals[i].decode_worst);
	}
	gpuadv__llm_data_release(&d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_bandwidth_law),
		cmocka_unit_test(test_layer_split_no_faster),
		cmocka_unit_test(test_tensor_parallel_faster),
		cmocka_unit_test(test_moe_active_params),
		cmocka_unit_test(test_context_and_batch),
		cmocka_unit_test(test_bad_input),
		cmocka_unit_test(test_parallel_names),
		cmocka_unit_test(test_accuracy),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
