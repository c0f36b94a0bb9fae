/*
 * test_params.c - the parameter table (src/query/params.c) and the one
 * validator (src/query/query.c): the table is well formed; a bad value gets
 * the same row, kind and bound whether it comes from a flag, a JSON request
 * or config.yaml, with the flag named on a terminal, the key in a request,
 * file:line:column in the configuration; every command's query is
 * validated; -0 is 0.
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

#include "gpu_advisor/config.h"
#include "gpu_advisor/models.h"
#include "gpu_advisor/params.h"
#include "gpu_advisor/query.h"
#include "gpu_advisor/request.h"
#include "testutil.h"

static struct gpuadv_catalog cat;

static int setup(void **state)
{
	int rc;

	(void)state;
	rc = test_load_catalog(&cat, GPUADV_FIXTURES "/engine.yaml");
	cat.models = &gpuadv_embedded_models;
	return rc;
}

static int teardown(void **state)
{
	(void)state;
	gpuadv_catalog_release(&cat);
	return 0;
}

/* ---- the table is well formed --------------------------------------------- */

static void test_table(void **state)
{
	int id, other;

	(void)state;
	assert_null(gpuadv_param(GPUADV_P_NONE));
	assert_null(gpuadv_param(GPUADV_P_COUNT));
	for (id = 1; id < GPUADV_P_COUNT; id++) {
		const struct gpuadv_param_def *p = gpuadv_param((enum gpuadv_param)id);
		int c;

		assert_non_null(p);
		if ((int)p->id != id)
			fail_msg("row %d says it is %d", id, (int)p->id);
		if (!p->key || !p->help || !p->default_text || !p->commands ||
		    !p->metavar != (p->type == GPUADV_PT_FLAG))
			fail_msg("row '%s' lacks a key, help, default, value name or command", p->key);
		if ((p->required & ~p->commands) != 0)
			fail_msg("'%s' is required by a command that does not take it", p->key);
		if (p->type == GPUADV_PT_CHOICE && (!p->choices || !p->choice_count || !p->choice_name))
			fail_msg("choice '%s' has no choices", p->key);
		if ((p->type == GPUADV_PT_NUMBER || p->type == GPUADV_PT_INTEGER ||
		     p->type == GPUADV_PT_PRICES) && !(p->min <= p->max))
			fail_msg("'%s' has no range", p->key);
		/* Within one command, flags, letters and keys are unique. */
		for (c = 0; c < GPUADV_CMD_COUNT; c++) {
			if (!(p->commands & GPUADV_CMD_BIT(c)))
				continue;
			assert_ptr_equal(gpuadv_param_by_key(p->key, (enum gpuadv_command)c), p);
			if (p->flag)
				assert_ptr_equal(gpuadv_param_by_flag(p->flag, (enum gpuadv_command)c), p);
			for (other = id + 1; other < GPUADV_P_COUNT; other++) {
				const struct gpuadv_param_def *o = gpuadv_param((enum gpuadv_param)other);

				if (!(o->commands & GPUADV_CMD_BIT(c)))
					continue;
				if (p->letter && p->letter == o->letter)
					fail_msg("-%c twice in %s", p->letter,
						 gpuadv_command_name((enum gpuadv_command)c));
				if (!strcmp(p->key, o->key))
					fail_msg("key '%s' twice in %s", p->key,
						 gpuadv_command_name((enum gpuadv_command)c));
			}
		}
	}
	assert_ptr_equal(gpuadv_param_by_config_key("prices"), gpuadv_param(GPUADV_P_PRICES));
	assert_null(gpuadv_param_by_config_key("budget_usd"));
}

/* Names exist once: parse and name are each other's inverse. */
static void test_choices(void **state)
{
	char buf[256];
	int id;

	(void)state;
	for (id = 1; id < GPUADV_P_COUNT; id++) {
		const struct gpuadv_param_def *p = gpuadv_param((enum gpuadv_param)id);
		size_t i;

		for (i = 0; p->type == GPUADV_PT_CHOICE && i < p->choice_count; i++)
			assert_int_equal(gpuadv_param_choice_parse(p, p->choice_name(p->choices[i])),
					 p->choices[i]);
	}
	gpuadv_param_choices_text(buf, sizeof(buf), gpuadv_param(GPUADV_P_PRECISION));
	assert_string_equal(buf, "fp32, fp32-strict, tf32, fp16, bf16, int8 or fp8");
	assert_int_equal(gpuadv_param_choice_parse(gpuadv_param(GPUADV_P_PRECISION), "int4"), -1);
	gpuadv_param_help(buf, sizeof(buf), gpuadv_param(GPUADV_P_SEGMENT), NULL);
	assert_string_equal(buf, "only consumer, workstation or datacenter");
	assert_int_equal(gpuadv_list_sort_parse("price"), GPUADV_LIST_PRICE);
	assert_string_equal(gpuadv_sort_name(GPUADV_SORT_VALUE), "value");
	assert_int_equal(gpuadv_command_parse("show"), GPUADV_CMD_SHOW);
	assert_int_equal(gpuadv_command_parse("Show"), -1);
}

/* ---- one bad value, three sources ----------------------------------------- */

struct source_case {
	const char *name;
	enum gpuadv_param param;
	enum gpuadv_command command;
	const char *flag_value;  /* as typed after the flag */
	const char *request;     /* a whole request */
	const char *config;      /* a whole config.yaml, NULL where the file has none */
	const char *bound;       /* in every message */
	const char *flag_msg, *key_msg, *config_msg; /* whole messages (config: after L:C) */
};

static const struct source_case source_cases[] = {
	{ "budget -5", GPUADV_P_BUDGET, GPUADV_CMD_RECOMMEND, "-5",
	  "{\"command\":\"recommend\",\"workload\":\"cnn\",\"budget_usd\":-5}", NULL,
	  "a number from 1 to 1e+09",
	  "option '--budget' must be a number from 1 to 1e+09, got '-5'",
	  "'budget_usd' must be a number from 1 to 1e+09, got -5", NULL },
	{ "min-memory 1e6", GPUADV_P_MIN_MEMORY, GPUADV_CMD_LIST, "1e6",
	  "{\"command\":\"list\",\"min_memory_gb\":1e6}", NULL, "a number from 0 to 100000",
	  "option '--min-memory' must be a number from 0 to 100000, got '1000000'",
	  "'min_memory_gb' must be a number from 0 to 100000, got 1e+06", NULL },
	{ "max-power 0", GPUADV_P_MAX_POWER, GPUADV_CMD_RECOMMEND, "0",
	  "{\"command\":\"recommend\",\"workload\":\"cnn\",\"max_power_w\":0}", NULL,
	  "a number from 1 to 100000", NULL, NULL, NULL },
	{ "max-price -1", GPUADV_P_MAX_PRICE, GPUADV_CMD_LIST, "-1",
	  "{\"command\":\"list\",\"max_price_usd\":-1}", NULL, "a number from 0 to 1e+09",
	  NULL, NULL, NULL },
	{ "top 2.5", GPUADV_P_TOP, GPUADV_CMD_RECOMMEND, "2.5",
	  "{\"command\":\"recommend\",\"workload\":\"cnn\",\"top\":2.5}", NULL,
	  "an integer from 0 to 100000", NULL, NULL, NULL },
	{ "price 1e-9", GPUADV_P_PRICES, GPUADV_CMD_RECOMMEND, "rtx-3090=0.000000001",
	  "{\"command\":\"recommend\",\"workload\":\"cnn\",\"prices\":{\"rtx-3090\":0.000000001}}",
	  "prices:\n  rtx-3090: 0.000000001\n", "a number from 1 to 1e+09",
	  "option '--price' must be a number from 1 to 1e+09, got '0.000000001'",
	  "the price of 'rtx-3090' in 'prices' must be a number from 1 to 1e+09, got 1e-09",
	  "the price of 'rtx-3090' in 'prices' must be a number from 1 to 1e+09, got '0.000000001'" },
	{ "price 2e9", GPUADV_P_PRICES, GPUADV_CMD_COMPARE, "rtx-3090=2e9",
	  "{\"command\":\"compare\",\"gpus\":[\"rtx3090\",\"a100\"],\"prices\":{\"rtx-3090\":2e9}}",
	  "prices:\n  rtx-3090: 2e9\n", "a number from 1 to 1e+09", NULL, NULL, NULL },
	{ "precision fp64", GPUADV_P_PRECISION, GPUADV_CMD_COMPARE, "fp64",
	  "{\"command\":\"compare\",\"gpus\":[\"rtx3090\",\"a100\"],\"precision\":\"fp64\"}", NULL,
	  "must be fp32, fp32-strict, tf32, fp16, bf16, int8 or fp8, got 'fp64'",
	  "option '--precision' must be fp32, fp32-strict, tf32, fp16, bf16, int8 or fp8, got 'fp64'",
	  "'precision' must be fp32, fp32-strict, tf32, fp16, bf16, int8 or fp8, got 'fp64'", NULL },
	{ "segment gaming", GPUADV_P_SEGMENT, GPUADV_CMD_LIST, "gaming",
	  "{\"command\":\"list\",\"segment\":\"gaming\"}", NULL,
	  "must be consumer, workstation or datacenter, got 'gaming'", NULL, NULL, NULL },
	{ "recommend sort price", GPUADV_P_SORT, GPUADV_CMD_RECOMMEND, "price",
	  "{\"command\":\"recommend\",\"workload\":\"cnn\",\"sort\":\"price\"}", NULL,
	  "must be perf, value, memory or tco, got 'price'", NULL, NULL, NULL },
	{ "list sort perf", GPUADV_P_LIST_SORT, GPUADV_CMD_LIST, "perf",
	  "{\"command\":\"list\",\"sort\":\"perf\"}", NULL,
	  "must be catalog, name, price, year, memory, bandwidth, fp32, fp16 or power, got 'perf'",
	  NULL, NULL, NULL },
	{ "task eval", GPUADV_P_TASK, GPUADV_CMD_RECOMMEND, "eval",
	  "{\"command\":\"recommend\",\"workload\":\"cnn\",\"task\":\"eval\"}", NULL,
	  "must be train, infer or finetune, got 'eval'", NULL, NULL, NULL },
	{ "task the workload does not model", GPUADV_P_TASK, GPUADV_CMD_RECOMMEND, "infer",
	  "{\"command\":\"recommend\",\"workload\":\"cnn\",\"task\":\"infer\"}", NULL,
	  "workload 'cnn' models train only, not infer", NULL, NULL, NULL },
	{ NULL, 0, 0, NULL, NULL, NULL, NULL, NULL, NULL, NULL }
};

/* What the command line does with one flag (cli_query_build's steps). */
static int from_flag(const struct source_case *t, struct gpuadv_error *err)
{
	struct gpuadv_query q;
	int rc;

	gpuadv_query_init(&q, t->command);
	if (t->command == GPUADV_CMD_RECOMMEND)
		q.workload = gpuadv_catalog_find_workload(&cat, "cnn");
	if (t->command == GPUADV_CMD_COMPARE) {
		q.gpus[0] = gpuadv_catalog_find_gpu(&cat, "rtx3090", NULL);
		q.gpus[1] = gpuadv_catalog_find_gpu(&cat, "a100", NULL);
		q.gpu_count = 2;
	}
	rc = gpuadv_param_set_text(&q, &cat, gpuadv_param(t->param), t->flag_value,
				   GPUADV_NAMING_FLAG, err);
	return rc ? rc : gpuadv_query_validate(&q, GPUADV_NAMING_FLAG, err);
}

static void expect(const struct source_case *t, const char *source,
		   const struct gpuadv_error *err, int rc, int code, const char *field,
		   const char *whole)
{
	if (rc != code || err->code != code)
		fail_msg("%s, %s: rc %d, want %d", t->name, source, rc, code);
	if (err->param != (int)t->param)
		fail_msg("%s, %s: row %d, want %d", t->name, source, err->param, (int)t->param);
	if (!err->kind || strcmp(err->kind, "invalid_value"))
		fail_msg("%s, %s: kind %s", t->name, source, err->kind ? err->kind : "NULL");
	if (strcmp(err->field, field))
		fail_msg("%s, %s: field '%s', want '%s'", t->name, source, err->field, field);
	if (!strstr(err->message, t->bound))
		fail_msg("%s, %s: '%s' lacks '%s'", t->name, source, err->message, t->bound);
	if (whole && strcmp(err->message, whole))
		fail_msg("%s, %s: '%s'\nwant '%s'", t->name, source, err->message, whole);
}

static void test_sources(void **state)
{
	const struct source_case *t;

	(void)state;
	for (t = source_cases; t->name; t++) {
		const struct gpuadv_param_def *p = gpuadv_param(t->param);
		struct gpuadv_request req;
		struct gpuadv_config cfg;
		struct gpuadv_error err;
		int rc;

		/* a flag: usage (64), named as the flag */
		gpuadv_error_clear(&err);
		rc = from_flag(t, &err);
		expect(t, "flag", &err, rc, GPUADV_EUSAGE, p->flag, t->flag_msg);
		if (strncmp(err.message, "option '--", 10) && strncmp(err.message, "workload", 8))
			fail_msg("%s, flag: '%s' does not name the flag", t->name, err.message);

		/* a request: bad data (65), named as the key */
		gpuadv_error_clear(&err);
		rc = gpuadv_request_parse(&req, &cat, t->request, strlen(t->request), &err);
		gpuadv_request_release(&req);
		expect(t, "request", &err, rc, GPUADV_EDATA, p->key, t->key_msg);
		if (strstr(err.message, "--"))
			fail_msg("%s, request: '%s' names a flag", t->name, err.message);

		/* config.yaml: bad data (65) at its line and column */
		if (!t->config)
			continue;
		gpuadv_error_clear(&err);
		rc = gpuadv_config_load(&cfg, t->config, strlen(t->config), "config.yaml", &err);
		gpuadv_config_release(&cfg);
		if (rc != GPUADV_EDATA || strcmp(err.file, "config.yaml") || err.line != 2 ||
		    err.column != 13)
			fail_msg("%s, config: rc %d at %s:%lu:%lu", t->name, rc, err.file, err.line,
				 err.column);
		if (!strstr(err.message, t->bound) ||
		    (t->config_msg && strcmp(err.message, t->config_msg)))
			fail_msg("%s, config: '%s'", t->name, err.message);
	}
}

/* ---- every command's query is validated ----------------------------------- */

struct command_case {
	const char *name;
	const char *request;
	int rc;
	const char *field, *has;
};

static const struct command_case command_cases[] = {
	{ "recommend needs a workload", "{\"command\":\"recommend\"}", GPUADV_EDATA, "workload", "'workload' is required" },
	{ "compare one GPU", "{\"command\":\"compare\",\"gpus\":[\"rtx3090\"]}", GPUADV_EDATA, "gpus", "needs 2 to 8 GPUs, got 1" },
	{ "compare a GPU twice", "{\"command\":\"compare\",\"gpus\":[\"rtx3090\",\"3090\"]}", GPUADV_EDATA, "gpus", "'rtx-3090' is named twice" },
	{ "show needs a GPU", "{\"command\":\"show\"}", GPUADV_EDATA, "gpu", "'gpu' is required" },
	{ "list precision without workload", "{\"command\":\"list\",\"precision\":\"fp16\"}", GPUADV_EDATA, "precision", "'precision' needs 'workload'" },
	{ "list min memory -0 is 0", "{\"command\":\"list\",\"min_memory_gb\":-0}", 0, "", NULL },
	{ "control: show", "{\"command\":\"show\",\"gpu\":\"3090\"}", 0, "", NULL },
	/* models and configurations (issue 10) */
	{ "memory needs a model", "{\"command\":\"memory\"}", GPUADV_EDATA, "model", "'model' (or 'params') is required" },
	{ "unknown model", "{\"command\":\"memory\",\"model\":\"llama-3-7b\"}", GPUADV_EDATA, "model", "unknown model 'llama-3-7b'; did you mean" },
	{ "unknown quant", "{\"command\":\"memory\",\"model\":\"llama-3-8b\",\"quant\":\"q4km\"}", 0, "", NULL },
	{ "quant q9", "{\"command\":\"memory\",\"model\":\"llama-3-8b\",\"quant\":\"q9\"}", GPUADV_EDATA, "quant", "unknown quantisation 'q9'" },
	/* an LLM's inference ranks by decode speed: a workload or precision
	 * given with it was ignored; training it still takes them */
	{ "LLM inference with a workload", "{\"command\":\"recommend\",\"model\":\"llama-3-8b\",\"workload\":\"cnn\"}", GPUADV_EDATA, "workload", "'workload' does not apply to 'llama-3-8b' inference, which is ranked by decode speed" },
	{ "LLM inference with a precision", "{\"command\":\"recommend\",\"params\":7e9,\"precision\":\"fp8\"}", GPUADV_EDATA, "precision", "'precision' does not apply to 'custom' inference" },
	{ "LLM fine-tuning with a precision", "{\"command\":\"recommend\",\"model\":\"llama-3-8b\",\"task\":\"finetune\",\"method\":\"lora\",\"precision\":\"bf16\"}", 0, "", NULL },
	{ "vision model inference with a workload", "{\"command\":\"recommend\",\"model\":\"resnet-50\",\"workload\":\"cnn\"}", 0, "", NULL },
	{ "context above the maximum", "{\"command\":\"memory\",\"model\":\"llama-3-8b\",\"context_tokens\":100000}", GPUADV_EDATA, "context_tokens", "above the maximum of 'llama-3-8b', 8192 tokens, got 100000" },
	{ "context on a vision model", "{\"command\":\"memory\",\"model\":\"resnet-50\",\"context_tokens\":512}", GPUADV_EDATA, "context_tokens", "applies to text models" },
	{ "method with infer", "{\"command\":\"memory\",\"model\":\"llama-3-8b\",\"method\":\"lora\"}", GPUADV_EDATA, "method", "'method' applies to fine-tuning ('task' finetune), not inference" },
	{ "lora when training", "{\"command\":\"memory\",\"model\":\"llama-3-8b\",\"task\":\"train\",\"method\":\"lora\"}", GPUADV_EDATA, "method", "training from scratch trains every weight" },
	{ "qlora of q4_k_m", "{\"command\":\"memory\",\"model\":\"llama-3-8b\",\"task\":\"finetune\",\"method\":\"qlora\",\"quant\":\"q4_k_m\"}", GPUADV_EDATA, "quant", "makes no sense for QLoRA" },
	{ "full fine-tune of q4_k_m", "{\"command\":\"memory\",\"model\":\"llama-3-8b\",\"task\":\"finetune\",\"quant\":\"q4_k_m\"}", GPUADV_EDATA, "quant", "cannot be fine-tuned" },
	{ "lora of int8", "{\"command\":\"memory\",\"model\":\"llama-3-8b\",\"task\":\"finetune\",\"method\":\"lora\",\"quant\":\"int8\"}", 0, "", NULL },
	{ "checkpointing for inference", "{\"command\":\"memory\",\"model\":\"llama-3-8b\",\"checkpointing\":true}", GPUADV_EDATA, "checkpointing", "applies to training, not inference" },
	{ "checkpointing not a bool", "{\"command\":\"memory\",\"model\":\"llama-3-8b\",\"task\":\"train\",\"checkpointing\":1}", GPUADV_EDATA, "checkpointing", "must be true or false" },
	{ "parallel for training", "{\"command\":\"recommend\",\"model\":\"llama-3-8b\",\"task\":\"train\",\"parallel\":\"tensor\"}", GPUADV_EDATA, "parallel", "applies to inference" },
	{ "quant without a model", "{\"command\":\"recommend\",\"workload\":\"cnn\",\"quant\":\"q4_k_m\"}", GPUADV_EDATA, "quant", "'quant' needs 'model'" },
	{ "finetune without a model", "{\"command\":\"recommend\",\"workload\":\"cnn\",\"task\":\"finetune\"}", GPUADV_EDATA, "task", "finetune needs 'model' or 'params'" },
	{ "params and model", "{\"command\":\"memory\",\"model\":\"llama-3-8b\",\"params\":\"8b\"}", GPUADV_EDATA, "params", "not both" },
	{ "layers without params", "{\"command\":\"memory\",\"model\":\"llama-3-8b\",\"layers\":32}", GPUADV_EDATA, "layers", "goes with 'params'" },
	{ "params 13b", "{\"command\":\"memory\",\"params\":\"13b\"}", 0, "", NULL },
	{ "params 13q", "{\"command\":\"memory\",\"params\":\"13q\"}", GPUADV_EDATA, "params", "a count like 13b" },
	{ "params 1k", "{\"command\":\"memory\",\"params\":\"1k\"}", GPUADV_EDATA, "params", "from 1e+06 to 1e+13" },
	{ "max_gpus 0", "{\"command\":\"recommend\",\"model\":\"llama-3-8b\",\"max_gpus\":0}", GPUADV_EDATA, "max_gpus", "an integer from 1 to 8, got 0" },
	{ "recommend a model, no workload", "{\"command\":\"recommend\",\"model\":\"llama-3-8b\",\"max_gpus\":2}", 0, "", NULL },
	{ "a configuration", "{\"command\":\"compare\",\"gpus\":[\"2x rtx3090\",\"a100\"]}", 0, "", NULL },
	{ "a card and two of it", "{\"command\":\"compare\",\"gpus\":[\"rtx3090\",\"2x3090\"]}", 0, "", NULL },
	{ "a configuration twice", "{\"command\":\"compare\",\"gpus\":[\"2x3090\",\"2X rtx-3090\"]}", GPUADV_EDATA, "gpus", "'2x rtx-3090' is named twice" },
	{ "nine cards", "{\"command\":\"compare\",\"gpus\":[\"9x3090\",\"a100\"]}", GPUADV_EDATA, "gpus", "asks for 9 GPUs; a configuration holds 1 to 8" },
	{ "zero cards", "{\"command\":\"show\",\"gpu\":\"0x3090\"}", GPUADV_EDATA, "gpu", "asks for 0 GPUs" },
	{ "show a configuration", "{\"command\":\"show\",\"gpu\":\"8x rtx3090\"}", 0, "", NULL },
	{ "models of a kind", "{\"command\":\"models\",\"kind\":\"vision\"}", 0, "", NULL },
	{ "models of no kind", "{\"command\":\"models\",\"kind\":\"robot\"}", GPUADV_EDATA, "kind", "must be llm, encoder" },
	{ NULL, NULL, 0, NULL, NULL }
};

static void test_commands(void **state)
{
	const struct command_case *t;

	(void)state;
	for (t = command_cases; t->name; t++) {
		struct gpuadv_request req;
		struct gpuadv_error err;
		int rc;

		gpuadv_error_clear(&err);
		rc = gpuadv_request_parse(&req, &cat, t->request, strlen(t->request), &err);
		if (rc != t->rc || strcmp(err.field, t->field) ||
		    (t->has && !strstr(err.message, t->has)))
			fail_msg("%s: rc %d field '%s' '%s'", t->name, rc, err.field, err.message);
		if (rc == 0 && !strcmp(t->name, "list min memory -0 is 0") &&
		    (req.query.min_memory_gb != 0 || signbit(req.query.min_memory_gb)))
			fail_msg("%s: %g", t->name, req.query.min_memory_gb);
		gpuadv_request_release(&req);
	}
}

/* A configuration's count prefix (query.h). */
struct split_case {
	const char *name, *text;
	int rc;
	unsigned count;
	const char *rest;
};

static const struct split_case split_cases[] = {
	{ .name = "plain", .text = "rtx-3090", .rc = 0, .count = 1, .rest = "rtx-3090" },
	{ .name = "digits are a name", .text = "3090", .rc = 0, .count = 1, .rest = "3090" },
	{ .name = "2x3090", .text = "2x3090", .rc = 0, .count = 2, .rest = "3090" },
	{ .name = "upper X", .text = "4XA100-80GB-SXM", .rc = 0, .count = 4, .rest = "A100-80GB-SXM" },
	{ .name = "space", .text = "8x h100-sxm", .rc = 0, .count = 8, .rest = "h100-sxm" },
	{ .name = "nothing after", .text = "2x", .rc = 0, .count = 1, .rest = "2x" },
	{ .name = "9x", .text = "9x3090", .rc = -1, .count = 9, .rest = "3090" },
	{ .name = "0x", .text = "0x3090", .rc = -1, .count = 0, .rest = "3090" },
	{ .name = "huge", .text = "99999999999x3090", .rc = -1, .count = 999, .rest = NULL },
	{ .name = NULL }
};

static void test_count_split(void **state)
{
	const struct split_case *t;

	(void)state;
	for (t = split_cases; t->name; t++) {
		const char *rest;
		unsigned n;
		int rc = gpuadv_gpu_count_split(t->text, &n, &rest);

		if (rc != t->rc || n != t->count || (t->rest && strcmp(rest, t->rest)))
			fail_msg("%s: rc %d count %u rest '%s'", t->name, rc, n, rest);
	}
}

/* A flag's -0 is 0, not "-0" (issue 9). */
static void test_minus_zero(void **state)
{
	struct gpuadv_query q;
	struct gpuadv_error err;

	(void)state;
	gpuadv_query_init(&q, GPUADV_CMD_LIST);
	assert_int_equal(gpuadv_param_set_text(&q, &cat, gpuadv_param(GPUADV_P_MIN_MEMORY), "-0",
					       GPUADV_NAMING_FLAG, &err), 0);
	assert_true(q.min_memory_gb == 0 && !signbit(q.min_memory_gb));
	assert_int_equal(gpuadv_query_validate(&q, GPUADV_NAMING_FLAG, &err), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_table),
		cmocka_unit_test(test_choices),
		cmocka_unit_test(test_sources),
		cmocka_unit_test(test_commands),
		cmocka_unit_test(test_minus_zero),
		cmocka_unit_test(test_count_split),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
