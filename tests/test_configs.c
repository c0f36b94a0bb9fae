/*
 * test_configs.c - a model on a configuration (engine fit.c, configs.c,
 * compare.c): fits or not against hand-checked memory, the cases
 * (QLoRA 8B in 16 GB, 70B in 48 GB, full AdamW 8B not in 80 GB), layer
 * split no faster and tensor parallel faster, FP8 gated on the hardware and
 * weight-only formats not, FSDP splitting state; recommend --max-gpus and
 * --min-tokens-per-s; the built-in catalogues.
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "gpu_advisor/engine.h"
#include "gpu_advisor/model.h"
#include "gpu_advisor/params.h"
#include "gpu_advisor/query.h"

static struct gpuadv_catalog cat;

static int setup(void **state)
{
	(void)state;
	cat = gpuadv_embedded;
	cat.models = &gpuadv_embedded_models;
	return 0;
}

/* Set a query's rows from flag text, then validate. */
static void build(struct gpuadv_query *q, enum gpuadv_command c, const char *const *kv)
{
	struct gpuadv_error err;

	gpuadv_query_init(q, c);
	for (; kv[0]; kv += 2) {
		const struct gpuadv_param_def *p = !strcmp(kv[0], "gpus")
							   ? gpuadv_param(GPUADV_P_GPUS)
							   : gpuadv_param_by_flag(kv[0], c);

		if (!p)
			fail_msg("no flag --%s", kv[0]);
		if (gpuadv_param_set_text(q, &cat, p, kv[1], GPUADV_NAMING_FLAG, &err))
			fail_msg("--%s %s: %s", kv[0], kv[1], err.message);
	}
	if (gpuadv_query_validate(q, GPUADV_NAMING_FLAG, &err))
		fail_msg("validate: %s", err.message);
}

struct fit_case {
	const char *name;
	const char *kv[16];
	const char *gpu;
	unsigned count;
	bool fits;
	double required_gb; /* NAN: not checked */
};

static const struct fit_case fit_cases[] = {
	{ .name = "qlora 8b fits 16 GB", .kv = { "model", "llama-3-8b", "task", "finetune", "method", "qlora", "context", "2048", NULL },
	  .gpu = "rtx-4060-ti-16gb", .count = 1, .fits = true, .required_gb = 9.95 },
	{ .name = "qlora 70b fits 48 GB", .kv = { "model", "llama-3-70b", "task", "finetune", "method", "qlora", "context", "2048", NULL },
	  .gpu = "rtx-a6000", .count = 1, .fits = true, .required_gb = 44.67 },
	{ .name = "full adamw 8b not in 80 GB", .kv = { "model", "llama-3-8b", "task", "finetune", "context", "2048", NULL },
	  .gpu = "h100-sxm", .count = 1, .fits = false, .required_gb = NAN },
	{ .name = "full 8b: data parallel needs it all on each", .kv = { "model", "llama-3-8b", "task", "finetune", "context", "2048", NULL },
	  .gpu = "h100-sxm", .count = 8, .fits = false, .required_gb = NAN },
	{ .name = "full 8b: fsdp over 8 fits", .kv = { "model", "llama-3-8b", "task", "finetune", "context", "2048", "sharding", "fsdp", "checkpointing", "", NULL },
	  .gpu = "h100-sxm", .count = 8, .fits = true, .required_gb = NAN },
	{ .name = "70b q4_k_m 8192: one 3090 no", .kv = { "model", "llama-3.1-70b", "quant", "q4_k_m", "context", "8192", NULL },
	  .gpu = "rtx-3090", .count = 1, .fits = false, .required_gb = 43.53 },
	{ .name = "70b q4_k_m 8192: two 3090s pool", .kv = { "model", "llama-3.1-70b", "quant", "q4_k_m", "context", "8192", NULL },
	  .gpu = "rtx-3090", .count = 2, .fits = true, .required_gb = 43.98 },
	{ .name = "q8_0 runs on a V100 (weight-only)", .kv = { "model", "llama-3-8b", "quant", "q8_0", NULL },
	  .gpu = "v100-sxm2-32gb", .count = 1, .fits = true, .required_gb = NAN },
	{ .name = "fp8 maths not on Ampere", .kv = { "model", "llama-3-8b", "quant", "fp8", NULL },
	  .gpu = "a100-80gb-sxm", .count = 1, .fits = false, .required_gb = NAN },
	{ .name = "fp8 maths on Hopper", .kv = { "model", "llama-3-8b", "quant", "fp8", NULL },
	  .gpu = "h100-sxm", .count = 1, .fits = true, .required_gb = NAN },
	{ .name = NULL }
};

static void test_fit(void **state)
{
	const struct fit_case *t;

	(void)state;
	for (t = fit_cases; t->name; t++) {
		struct gpuadv_model_spec scratch;
		struct gpuadv_model_fit f;
		struct gpuadv_query q;
		struct gpuadv_error err;
		const struct gpuadv_gpu *g = gpuadv_catalog_find_gpu(&cat, t->gpu, NULL);

		build(&q, GPUADV_CMD_MEMORY, t->kv);
		assert_non_null(g);
		if (gpuadv_engine_model_fit(&f, &q, gpuadv_query_model(&q, &scratch), g, t->count, &err))
			fail_msg("%s: %s", t->name, err.message);
		if (f.fits != t->fits)
			fail_msg("%s: fits %d (%.2f of %.2f GiB) %s", t->name, f.fits, f.required_gb,
				 f.available_gb, f.note);
		if (!isnan(t->required_gb) && fabs(f.required_gb - t->required_gb) > 0.01)
			fail_msg("%s: %.3f GiB, want %.2f", t->name, f.required_gb, t->required_gb);
	}
}

/* Layer split pools memory but decodes one sequence no faster; tensor
 * parallel decodes faster. */
static void test_parallel(void **state)
{
	static const char *const layer[] = { "model", "llama-3-8b", NULL };
	static const char *const tensor[] = { "model", "llama-3-8b", "parallel", "tensor", NULL };
	const struct gpuadv_gpu *g = gpuadv_catalog_find_gpu(&cat, "rtx-3090", NULL);
	struct gpuadv_model_fit one, two, tp;
	struct gpuadv_query q;

	(void)state;
	build(&q, GPUADV_CMD_RECOMMEND, layer);
	assert_int_equal(gpuadv_engine_model_fit(&one, &q, q.model, g, 1, NULL), 0);
	assert_int_equal(gpuadv_engine_model_fit(&two, &q, q.model, g, 2, NULL), 0);
	build(&q, GPUADV_CMD_RECOMMEND, tensor);
	assert_int_equal(gpuadv_engine_model_fit(&tp, &q, q.model, g, 2, NULL), 0);
	assert_true(one.llm && two.llm && tp.llm);
	assert_true(two.decode_tokens_per_s <= one.decode_tokens_per_s);
	assert_true(tp.decode_tokens_per_s > 1.3 * one.decode_tokens_per_s);
	assert_true(two.available_gb == 48);
}

/* recommend --max-gpus 2 for a 32B model in 4 bits under $2000: some
 * configuration of two cards, each priced at twice its card, and each
 * result holds the model; --min-tokens-per-s excludes the slow. */
static void test_recommend(void **state)
{
	static const char *const kv[] = { "model", "qwen2.5-32b", "quant", "q4_k_m", "budget", "2000",
					  "max-gpus", "2", "min-tokens-per-s", "20", NULL };
	struct gpuadv_recommendation rec;
	struct gpuadv_query q;
	bool two = false;
	size_t i;

	(void)state;
	build(&q, GPUADV_CMD_RECOMMEND, kv);
	assert_int_equal(gpuadv_engine_recommend(&rec, &cat, &q, NULL), 0);
	for (i = 0; i < rec.matched; i++) {
		const struct gpuadv_result *r = &rec.results[i];
		struct gpuadv_price card;

		gpuadv_engine_price(&card, &cat, &rec.query, r->gpu);
		assert_true(r->has_fit && r->fit.fits && r->fit.decode_tokens_per_s >= 20);
		assert_true(r->price.usd <= 2000);
		assert_true(fabs(r->price.usd - card.usd * r->count) < 1e-9);
		two |= r->count == 2;
	}
	assert_true(two);
	assert_true(rec.excluded_by[GPUADV_C_TOKENS] > 0);
	gpuadv_recommendation_release(&rec);
}

/* A named network's training: perf is the per-network model's ratio to
 * the reference GPU, scaling rests on its step, and an unknown model keeps
 * the workload's figure. */
struct net_case {
	const char *model;
	const char *network; /* NULL: the workload's figure */
};

static const struct net_case net_cases[] = {
	{ .model = "resnet-50", .network = "resnet-50" },
	{ .model = "bert-large", .network = "bert-large" },
	{ .model = "vit-b-16", .network = "vit-b-16" },
	{ .model = "bert-base", .network = "bert-base" },
	{ .model = "vit-l-16", .network = NULL },
	{ .model = NULL }
};

static double rel_of(const struct gpuadv_recommendation *rec, const char *id, unsigned n)
{
	size_t i;

	for (i = 0; i < rec->matched; i++)
		if (!strcmp(rec->results[i].gpu->id, id) && rec->results[i].count == n)
			return rec->results[i].perf.value;
	return NAN;
}

static void test_network(void **state)
{
	const struct net_case *c;

	(void)state;
	for (c = net_cases; c->model; c++) {
		const char *const kv[] = { "model", c->model, "task", "train", "max-gpus", "2",
					   "top", "0", NULL };
		struct gpuadv_recommendation rec;
		struct gpuadv_model_estimate e, ref;
		const struct gpuadv_network_profile *n;
		struct gpuadv_query q;
		size_t i;

		build(&q, GPUADV_CMD_RECOMMEND, kv);
		assert_int_equal(gpuadv_engine_recommend(&rec, &cat, &q, NULL), 0);
		if (!c->network) {
			assert_null(rec.network);
			gpuadv_recommendation_release(&rec);
			continue;
		}
		assert_string_equal(rec.network, c->network);
		n = gpuadv_model_network(c->network);
		for (i = 0; i < rec.matched; i++) {
			const struct gpuadv_result *r = &rec.results[i];

			assert_string_equal(r->perf.network, c->network);
			if (r->count == 1) {
				assert_int_equal(gpuadv_model_network_speed(&e, r->gpu, n,
									    &rec.query.workload->model,
									    (enum gpuadv_precision)rec.query.precision, NULL), 0);
				assert_int_equal(gpuadv_model_network_speed(&ref, cat.reference, n,
									    &rec.query.workload->model,
									    (enum gpuadv_precision)rec.query.precision, NULL), 0);
				assert_float_equal(r->perf.value, e.speed / ref.speed, 1e-9);
			} else {
				/* its own step, not the 40%-of-peak assumption */
				assert_true(r->fit.step_network && r->fit.step_s > 0);
				assert_true(r->fit.step_batch > 1);
				assert_true(r->fit.scaling > 0 && r->fit.scaling <= 1);
			}
		}
		if (!strcmp(c->model, "bert-large")) {
			assert_true(rel_of(&rec, "a100-80gb-pcie", 1) > rel_of(&rec, "rtx-3090", 1));
			assert_true(rel_of(&rec, "rtx-3090", 1) == 1.0);
		}
		gpuadv_recommendation_release(&rec);
	}
}

/* compare --model on a known network fills one row, that network's. */
static void test_compare_network(void **state)
{
	static const char *const kv[] = { "model", "bert-large", "task", "train", "gpus", "2x3090",
					  "gpus", "a100-80gb-sxm", NULL };
	struct gpuadv_comparison c;
	struct gpuadv_query q;

	(void)state;
	build(&q, GPUADV_CMD_COMPARE, kv);
	assert_int_equal(gpuadv_engine_compare(&c, &cat, &q, NULL), 0);
	assert_int_equal(c.row_count, 1);
	assert_string_equal(c.network, "bert-large");
	assert_string_equal(c.rows[0].perf[1].network, "bert-large");
	assert_true(c.fits[0].step_network && c.rows[0].scaling[0] < 1);
	assert_float_equal(c.rows[0].scaling[0], c.fits[0].scaling, 1e-12);
	gpuadv_comparison_release(&c);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fit),
		cmocka_unit_test(test_parallel),
		cmocka_unit_test(test_recommend),
		cmocka_unit_test(test_network),
		cmocka_unit_test(test_compare_network),
	};

	return cmocka_run_group_tests(tests, setup, NULL);
}
