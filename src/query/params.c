/*
 * params.c - the parameter table (params.h) and what reads a value through
 * it: names and choices, the setter from text (flags, config.yaml) and the
 * one bounds check that flags, JSON requests and config.yaml share.
 */
#include "gpu_advisor/params.h"
#include "gpu_advisor/prices.h"

#include <float.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "gpu_advisor/llm_speed.h"
#include "gpu_advisor/memory.h"
#include "query_internal.h"

#define R GPUADV_CMD_BIT(GPUADV_CMD_RECOMMEND)
#define C GPUADV_CMD_BIT(GPUADV_CMD_COMPARE)
#define S GPUADV_CMD_BIT(GPUADV_CMD_SHOW)
#define L GPUADV_CMD_BIT(GPUADV_CMD_LIST)
#define M GPUADV_CMD_BIT(GPUADV_CMD_MEMORY)
#define O GPUADV_CMD_BIT(GPUADV_CMD_MODELS)
#define AT(field) offsetof(struct gpuadv_query, field)
#define CHOICES(values, name) values, sizeof(values) / sizeof(*(values)), name

static const char *const command_names[GPUADV_CMD_COUNT] = {
	[GPUADV_CMD_RECOMMEND] = "recommend", [GPUADV_CMD_COMPARE] = "compare",
	[GPUADV_CMD_SHOW] = "show", [GPUADV_CMD_LIST] = "list",
	[GPUADV_CMD_MEMORY] = "memory", [GPUADV_CMD_MODELS] = "models",
};

static const char *const sharding_names[GPUADV_SHARD_COUNT] = {
	[GPUADV_SHARD_NONE] = "none", [GPUADV_SHARD_FSDP] = "fsdp",
};

const char *gpuadv_sharding_name(enum gpuadv_sharding s)
{
	return (unsigned)s < GPUADV_SHARD_COUNT ? sharding_names[s] : "?";
}

static const char *const sort_names[GPUADV_SORT_COUNT] = {
	[GPUADV_SORT_PERF] = "perf", [GPUADV_SORT_VALUE] = "value",
	[GPUADV_SORT_MEMORY] = "memory", [GPUADV_SORT_TCO] = "tco",
};

static const char *const list_sort_names[GPUADV_LIST_SORT_COUNT] = {
	[GPUADV_LIST_CATALOG] = "catalog", [GPUADV_LIST_NAME] = "name",
	[GPUADV_LIST_PRICE] = "price", [GPUADV_LIST_YEAR] = "year",
	[GPUADV_LIST_MEMORY] = "memory", [GPUADV_LIST_BANDWIDTH] = "bandwidth",
	[GPUADV_LIST_FP32] = "fp32", [GPUADV_LIST_FP16] = "fp16",
	[GPUADV_LIST_POWER] = "power",
};

const char *gpuadv_command_name(enum gpuadv_command c)
{
	return (unsigned)c < GPUADV_CMD_COUNT ? command_names[c] : "?";
}

int gpuadv_command_parse(const char *s)
{
	int i;

	for (i = 0; i < GPUADV_CMD_COUNT; i++)
		if (!strcmp(command_names[i], s))
			return i;
	return -1;
}

const char *gpuadv_sort_name(enum gpuadv_sort s)
{
	return (unsigned)s < GPUADV_SORT_COUNT ? sort_names[s] : "?";
}

const char *gpuadv_list_sort_name(enum gpuadv_list_sort s)
{
	return (unsigned)s < GPUADV_LIST_SORT_COUNT ? list_sort_names[s] : "?";
}

int gpuadv_list_sort_parse(const char *s)
{
	int i;

	for (i = 0; i < GPUADV_LIST_SORT_COUNT; i++)
		if (!strcmp(list_sort_names[i], s))
			return i;
	return -1;
}

/* Choice names, as int -> text for the table. */
static const char *precision_name(int v) { return gpuadv_precision_name((enum gpuadv_precision)v); }
static const char *segment_name(int v) { return gpuadv_segment_name((enum gpuadv_segment)v); }
static const char *task_name(int v)
{
	return v == GPUADV_TASK_FINETUNE ? "finetune" : gpuadv_task_name((enum gpuadv_task)v);
}
static const char *method_name(int v) { return gpuadv_mem_method_name((enum gpuadv_mem_method)v); }
static const char *optimizer_name(int v) { return gpuadv_optimizer_name((enum gpuadv_optimizer)v); }
static const char *parallel_name(int v) { return gpuadv_parallel_name((enum gpuadv_parallel)v); }
static const char *sharding_name(int v) { return gpuadv_sharding_name((enum gpuadv_sharding)v); }
static const char *kind_name(int v) { return gpuadv_model_kind_name((enum gpuadv_model_kind)v); }
static const char *sort_name(int v) { return gpuadv_sort_name((enum gpuadv_sort)v); }
static const char *list_sort_name(int v) { return gpuadv_list_sort_name((enum gpuadv_list_sort)v); }
static const char *want_name(int v) { return gpuadv_price_want_name((enum gpuadv_price_want)v); }

/* The precisions a user may ask for; the others exist only in the catalogue. */
static const int precisions[] = { GPUADV_FP32, GPUADV_FP32_STRICT, GPUADV_TF32, GPUADV_FP16,
				  GPUADV_BF16, GPUADV_INT8, GPUADV_FP8 };
static const int segments[] = { GPUADV_CONSUMER, GPUADV_WORKSTATION, GPUADV_DATACENTER };
static const int tasks[] = { GPUADV_TRAIN, GPUADV_INFER, GPUADV_TASK_FINETUNE };
static const int methods[] = { GPUADV_METHOD_FULL, GPUADV_METHOD_LORA, GPUADV_METHOD_QLORA };
static const int optimizers[] = { GPUADV_OPT_ADAMW, GPUADV_OPT_ADAMW8BIT, GPUADV_OPT_SGD };
/* Row split is llama.cpp's old mode, kept for the fit only. */
static const int parallels[] = { GPUADV_PARALLEL_LAYER, GPUADV_PARALLEL_TENSOR };
static const int shardings[] = { GPUADV_SHARD_NONE, GPUADV_SHARD_FSDP };
static const int kinds[] = { GPUADV_KIND_LLM, GPUADV_KIND_ENCODER, GPUADV_KIND_LANGUAGE,
			     GPUADV_KIND_SPEECH, GPUADV_KIND_VISION, GPUADV_KIND_DIFFUSION,
			     GPUADV_KIND_TRANSLATION, GPUADV_KIND_GAN };
static const int sorts[] = { GPUADV_SORT_PERF, GPUADV_SORT_VALUE, GPUADV_SORT_MEMORY,
			     GPUADV_SORT_TCO };
static const int wants[] = { GPUADV_WANT_ANY, GPUADV_WANT_NEW, GPUADV_WANT_USED,
			     GPUADV_WANT_CLOUD };
static const int list_sorts[] = { GPUADV_LIST_CATALOG, GPUADV_LIST_NAME, GPUADV_LIST_PRICE,
				  GPUADV_LIST_YEAR, GPUADV_LIST_MEMORY, GPUADV_LIST_BANDWIDTH,
				  GPUADV_LIST_FP32, GPUADV_LIST_FP16, GPUADV_LIST_POWER };

/* In help text, "{choices}" stands for the row's choices ("a, b or c"). */
static const struct gpuadv_param_def table[GPUADV_P_COUNT] = {
	[GPUADV_P_WORKLOAD] = {
		.id = GPUADV_P_WORKLOAD, .flag = "workload", .letter = 'w', .key = "workload",
		.type = GPUADV_PT_WORKLOAD, .metavar = "WORKLOAD",
		.default_text = "recommend: required unless --model; compare: every workload; list: none",
		.help = "cnn, rnn, lstm, gan, transformer, llm-inference, ... (required unless --model)",
		.commands = R | C | L, .offset = AT(workload) },
	[GPUADV_P_PRECISION] = {
		.id = GPUADV_P_PRECISION, .flag = "precision", .key = "precision",
		.type = GPUADV_PT_CHOICE, .metavar = "PRECISION",
		.choices = CHOICES(precisions, precision_name),
		.default_text = "the workload's",
		.help = "{choices} (default: the workload's; fp32 runs TF32 where it exists, fp32-strict never)",
		.commands = R | C | L, .offset = AT(precision) },
	[GPUADV_P_TASK] = {
		.id = GPUADV_P_TASK, .flag = "task", .key = "task",
		.type = GPUADV_PT_CHOICE, .metavar = "TASK",
		.choices = CHOICES(tasks, task_name),
		.default_text = "what the workload models; with a model, infer",
		.help = "{choices} (default: what the workload models; with --model, infer; finetune needs --model)",
		.commands = R | C | M, .offset = AT(task) },
	[GPUADV_P_BUDGET] = {
		.id = GPUADV_P_BUDGET, .flag = "budget", .letter = 'b', .key = "budget_usd",
		.type = GPUADV_PT_NUMBER, .metavar = "USD", .unit = "USD", .min = 1, .max = 1e9,
		.default_text = "no limit", .help = "the most one GPU, or one configuration with --max-gpus, may cost",
		.commands = R, .offset = AT(budget_usd) },
	[GPUADV_P_MIN_MEMORY] = {
		.id = GPUADV_P_MIN_MEMORY, .flag = "min-memory", .letter = 'm',
		.key = "min_memory_gb", .type = GPUADV_PT_NUMBER, .metavar = "GB",
		.unit = "GB", .min = 0, .max = 1e5,
		.default_text = "recommend: the workload's suggestion; list: none",
		.help = "at least this much memory (default: the workload's suggestion)",
		.commands = R | L, .offset = AT(min_memory_gb) },
	[GPUADV_P_MAX_POWER] = {
		.id = GPUADV_P_MAX_POWER, .flag = "max-power", .key = "max_power_w",
		.type = GPUADV_PT_NUMBER, .metavar = "W", .unit = "W", .min = 1, .max = 1e5,
		.default_text = "no limit", .help = "at most this board power",
		.commands = R, .offset = AT(max_power_w) },
	[GPUADV_P_MAX_PRICE] = {
		.id = GPUADV_P_MAX_PRICE, .flag = "max-price", .letter = 'p',
		.key = "max_price_usd", .type = GPUADV_PT_NUMBER, .metavar = "USD",
		.unit = "USD", .min = 0, .max = 1e9, .default_text = "no limit",
		.help = "at most this price (the cheapest new or used price, else launch; unpriced cards are left out)",
		.commands = L, .offset = AT(max_price_usd) },
	[GPUADV_P_SEGMENT] = {
		.id = GPUADV_P_SEGMENT, .flag = "segment", .letter = 's', .key = "segment",
		.type = GPUADV_PT_CHOICE, .metavar = "SEGMENT",
		.choices = CHOICES(segments, segment_name),
		.default_text = "any", .help = "only {choices}",
		.commands = R | L, .offset = AT(segment) },
	[GPUADV_P_ARCH] = {
		.id = GPUADV_P_ARCH, .flag = "arch", .letter = 'a', .key = "architecture",
		.type = GPUADV_PT_ARCH, .metavar = "ARCH",
		.default_text = "any", .help = "only this architecture",
		.commands = R | L, .offset = AT(arch) },
	[GPUADV_P_SORT] = {
		.id = GPUADV_P_SORT, .flag = "sort", .key = "sort",
		.type = GPUADV_PT_CHOICE, .metavar = "KEY",
		.choices = CHOICES(sorts, sort_name), .default_text = "perf",
		.help = "perf (default; ties to the cheaper card), value (perf per dollar), memory or tco (perf per dollar of total cost of ownership)",
		.commands = R, .offset = AT(sort) },
	[GPUADV_P_LIST_SORT] = {
		.id = GPUADV_P_LIST_SORT, .flag = "sort", .key = "sort",
		.type = GPUADV_PT_CHOICE, .metavar = "KEY",
		.choices = CHOICES(list_sorts, list_sort_name), .default_text = "catalog",
		.help = "name, price (ascending), year, memory, bandwidth, fp32, fp16 or power (descending); default: catalogue order",
		.commands = L, .offset = AT(list_sort) },
	[GPUADV_P_TOP] = {
		.id = GPUADV_P_TOP, .flag = "top", .letter = 'n', .key = "top",
		.type = GPUADV_PT_INTEGER, .metavar = "N", .min = 0, .max = 100000,
		.default_text = "10 in text, all in JSON; 0: all",
		.help = "show the first N (default 10 in text, all in JSON; 0: all)",
		.commands = R, .offset = AT(top) },
	[GPUADV_P_PRICES] = {
		.id = GPUADV_P_PRICES, .flag = "price", .key = "prices", .config_key = "prices",
		.type = GPUADV_PT_PRICES, .metavar = "ID=USD", .unit = "USD",
		.min = 1, .max = 1e9, .default_text = "the price list's, else the launch price",
		.help = "use this price for a GPU (e.g. rtx-3090=750)",
		.commands = R | C, .repeatable = true, .offset = AT(prices) },
	[GPUADV_P_GPUS] = {
		.id = GPUADV_P_GPUS, .key = "gpus", .type = GPUADV_PT_GPU_LIST,
		.metavar = "GPU", .default_text = "required",
		.help = "2 to 8 GPUs: id, alias or name",
		.commands = C, .required = C, .offset = AT(gpus) },
	[GPUADV_P_GPU] = {
		.id = GPUADV_P_GPU, .key = "gpu", .type = GPUADV_PT_GPU,
		.metavar = "GPU", .default_text = "required",
		.help = "one GPU: id, alias or name, with an optional count (2x rtx-3090)",
		.commands = S, .required = S, .offset = AT(gpus) },
	[GPUADV_P_PRICE_BASIS] = {
		.id = GPUADV_P_PRICE_BASIS, .flag = "price-basis", .key = "price_basis",
		.config_key = "price_basis", .type = GPUADV_PT_CHOICE, .metavar = "BASIS",
		.choices = CHOICES(wants, want_name),
		.default_text = "any: the cheapest price seen within six months, new or used (a system-only part: its server share)",
		.help = "{choices}: which dated price a budget is held against (default any: the cheapest fresh new or used price)",
		.commands = R | C, .offset = AT(price_basis) },
	[GPUADV_P_BUDGET_PER_HOUR] = {
		.id = GPUADV_P_BUDGET_PER_HOUR, .flag = "budget-per-hour",
		.key = "budget_per_hour_usd", .type = GPUADV_PT_NUMBER, .metavar = "USD",
		.unit = "USD", .min = 0.01, .max = 1e6, .default_text = "no limit",
		.help = "the most one GPU-hour may cost to rent on demand (implies --price-basis cloud)",
		.commands = R, .offset = AT(budget_per_hour_usd) },
	[GPUADV_P_YEARS] = {
		.id = GPUADV_P_YEARS, .flag = "years", .key = "years", .config_key = "years",
		.type = GPUADV_PT_NUMBER, .metavar = "N", .unit = "years", .min = 0.1, .max = 30,
		.default_text = "3", .help = "years of use for the cost of ownership (default 3)",
		.commands = R | C, .offset = AT(years) },
	[GPUADV_P_HOURS_PER_DAY] = {
		.id = GPUADV_P_HOURS_PER_DAY, .flag = "hours-per-day", .key = "hours_per_day",
		.config_key = "hours_per_day", .type = GPUADV_PT_NUMBER, .metavar = "H",
		.unit = "h", .min = 0, .max = 24, .default_text = "8",
		.help = "hours of use a day for the cost of ownership (default 8)",
		.commands = R | C, .offset = AT(hours_per_day) },
	[GPUADV_P_UTILISATION] = {
		.id = GPUADV_P_UTILISATION, .flag = "utilisation", .key = "utilisation",
		.config_key = "utilisation", .type = GPUADV_PT_NUMBER, .metavar = "FRACTION",
		.min = 0.01, .max = 1,
		.default_text = "0.8: a training job holds a card near its power limit, less pauses for data and evaluation",
		.help = "share of board power drawn while in use (default 0.8)",
		.commands = R | C, .offset = AT(utilisation) },
	[GPUADV_P_KWH_PRICE] = {
		.id = GPUADV_P_KWH_PRICE, .flag = "kwh-price", .key = "kwh_price_usd",
		.config_key = "kwh_price_usd", .type = GPUADV_PT_NUMBER, .metavar = "USD",
		.unit = "USD", .min = 0, .max = 10,
		.default_text = "0.17: the US average residential price, 17.01 cents/kWh (EIA data for November 2024, in Choose Energy's February 2025 report, chooseenergy.com/electricity-rates-by-state)",
		.help = "electricity price per kWh for the cost of ownership (default 0.17, the US residential average)",
		.commands = R | C, .offset = AT(kwh_price_usd) },
	[GPUADV_P_MODEL] = {
		.id = GPUADV_P_MODEL, .flag = "model", .key = "model",
		.type = GPUADV_PT_MODEL, .metavar = "MODEL",
		.default_text = "memory: required unless --params; else none",
		.help = "a model of the model catalogue: llama-3.1-70b, qwen2.5-32b, ... (see 'gpu-advisor models')",
		.commands = R | C | M, .offset = AT(model) },
	[GPUADV_P_QUANT] = {
		.id = GPUADV_P_QUANT, .flag = "quant", .key = "quant",
		.type = GPUADV_PT_QUANT, .metavar = "QUANT",
		.default_text = "16-bit weights (nf4 for qlora)",
		.help = "the weights' format: fp16, bf16, fp8, int8, q8_0, q6_k, q5_k_m, q4_k_m, q4_0, q3_k_m, q2_k, nf4, int4, mxfp4, ...",
		.commands = R | C | M, .offset = AT(quant) },
	[GPUADV_P_CONTEXT] = {
		.id = GPUADV_P_CONTEXT, .flag = "context", .key = "context_tokens",
		.type = GPUADV_PT_INTEGER, .metavar = "TOKENS", .unit = "tokens",
		.min = 1, .max = 10000000,
		.default_text = "4096, or the model's maximum if smaller",
		.help = "tokens per sequence (default 4096, at most the model's maximum)",
		.commands = R | C | M, .offset = AT(context) },
	[GPUADV_P_BATCH] = {
		.id = GPUADV_P_BATCH, .flag = "batch", .key = "batch",
		.type = GPUADV_PT_INTEGER, .metavar = "N", .min = 1, .max = 4096,
		.default_text = "1", .help = "sequences (or samples) at once (default 1)",
		.commands = R | C | M, .offset = AT(batch) },
	[GPUADV_P_METHOD] = {
		.id = GPUADV_P_METHOD, .flag = "method", .key = "method",
		.type = GPUADV_PT_CHOICE, .metavar = "METHOD",
		.choices = CHOICES(methods, method_name), .default_text = "full",
		.help = "fine-tuning method: {choices} (default full)",
		.commands = R | C | M, .offset = AT(method) },
	[GPUADV_P_OPTIMIZER] = {
		.id = GPUADV_P_OPTIMIZER, .flag = "optimizer", .key = "optimizer",
		.type = GPUADV_PT_CHOICE, .metavar = "OPT",
		.choices = CHOICES(optimizers, optimizer_name), .default_text = "adamw",
		.help = "training optimiser: {choices} (default adamw)",
		.commands = R | C | M, .offset = AT(optimizer) },
	[GPUADV_P_CHECKPOINTING] = {
		.id = GPUADV_P_CHECKPOINTING, .flag = "checkpointing", .key = "checkpointing",
		.type = GPUADV_PT_FLAG, .default_text = "off",
		.help = "training with gradient checkpointing (recompute activations)",
		.commands = R | C | M, .offset = AT(checkpointing) },
	[GPUADV_P_PARAMS] = {
		.id = GPUADV_P_PARAMS, .flag = "params", .key = "params",
		.type = GPUADV_PT_AMOUNT, .metavar = "N", .min = 1e6, .max = 1e13,
		.default_text = "none",
		.help = "a model not listed, by parameter count (13b, 350m); shape assumed Llama-like unless given",
		.commands = R | C | M, .offset = AT(params) },
	[GPUADV_P_LAYERS] = {
		.id = GPUADV_P_LAYERS, .flag = "layers", .key = "layers",
		.type = GPUADV_PT_INTEGER, .metavar = "N", .min = 1, .max = 1000,
		.default_text = "from --params", .help = "with --params: transformer layers",
		.commands = R | C | M, .offset = AT(layers) },
	[GPUADV_P_HIDDEN] = {
		.id = GPUADV_P_HIDDEN, .flag = "hidden", .key = "hidden_size",
		.type = GPUADV_PT_INTEGER, .metavar = "N", .min = 64, .max = 1000000,
		.default_text = "from --params", .help = "with --params: hidden size",
		.commands = R | C | M, .offset = AT(hidden) },
	[GPUADV_P_KV_HEADS] = {
		.id = GPUADV_P_KV_HEADS, .flag = "kv-heads", .key = "kv_heads",
		.type = GPUADV_PT_INTEGER, .metavar = "N", .min = 1, .max = 1024,
		.default_text = "8", .help = "with --params: key/value heads (grouped-query attention)",
		.commands = R | C | M, .offset = AT(kv_heads) },
	[GPUADV_P_MAX_GPUS] = {
		.id = GPUADV_P_MAX_GPUS, .flag = "max-gpus", .key = "max_gpus",
		.type = GPUADV_PT_INTEGER, .metavar = "N", .min = 1, .max = GPUADV_MAX_GPUS,
		.default_text = "1",
		.help = "rank configurations of 1 to N cards of a kind (price: N x the card's)",
		.commands = R, .offset = AT(max_gpus) },
	[GPUADV_P_PARALLEL] = {
		.id = GPUADV_P_PARALLEL, .flag = "parallel", .key = "parallel",
		.type = GPUADV_PT_CHOICE, .metavar = "MODE",
		.choices = CHOICES(parallels, parallel_name), .default_text = "layer",
		.help = "inference on several cards: layer (llama.cpp: pools memory, no faster) or tensor (vLLM: faster, link-limited)",
		.commands = R | C, .offset = AT(parallel) },
	[GPUADV_P_SHARDING] = {
		.id = GPUADV_P_SHARDING, .flag = "sharding", .key = "sharding",
		.type = GPUADV_PT_CHOICE, .metavar = "MODE",
		.choices = CHOICES(shardings, sharding_name), .default_text = "none",
		.help = "training on several cards: none (each holds the model) or fsdp (state split)",
		.commands = R | C | M, .offset = AT(sharding) },
	[GPUADV_P_MIN_TOKENS] = {
		.id = GPUADV_P_MIN_TOKENS, .flag = "min-tokens-per-s", .key = "min_tokens_per_s",
		.type = GPUADV_PT_NUMBER, .metavar = "N", .unit = "tokens/s", .min = 0.001,
		.max = 1e9, .default_text = "any",
		.help = "with --model: decode at least N tokens/s (one sequence)",
		.commands = R, .offset = AT(min_tokens_per_s) },
	[GPUADV_P_KIND] = {
		.id = GPUADV_P_KIND, .flag = "kind", .key = "kind",
		.type = GPUADV_PT_CHOICE, .metavar = "KIND",
		.choices = CHOICES(kinds, kind_name), .default_text = "any",
		.help = "only {choices} models",
		.commands = O, .offset = AT(kind) },
	[GPUADV_P_UPGRADE_FROM] = {
		.id = GPUADV_P_UPGRADE_FROM, .flag = "upgrade-from", .key = "upgrade_from",
		.type = GPUADV_PT_UPGRADE, .metavar = "GPU",
		.default_text = "none",
		.help = "show each pick's speed-up over this GPU, or over this machine's with 'detected' (needs the NVIDIA driver)",
		.commands = R, .offset = AT(upgrade_from) },
	[GPUADV_P_ON] = {
		.id = GPUADV_P_ON, .flag = "on", .key = "on",
		.type = GPUADV_PT_ON, .metavar = "GPU",
		.default_text = "none",
		.help = "say whether the model fits this GPU or configuration (2x rtx-3090), or this machine's cards with 'detected' (needs the NVIDIA driver)",
		.commands = M, .offset = AT(on) },
};

const struct gpuadv_param_def *gpuadv_param(enum gpuadv_param id)
{
	return id > GPUADV_P_NONE && id < GPUADV_P_COUNT ? &table[id] : NULL;
}

const struct gpuadv_param_def *gpuadv_param_by_flag(const char *flag,
						    enum gpuadv_command c)
{
	int i;

	for (i = 1; i < GPUADV_P_COUNT; i++)
		if (table[i].flag && (table[i].commands & GPUADV_CMD_BIT(c)) &&
		    !strcmp(table[i].flag, flag))
			return &table[i];
	return NULL;
}

const struct gpuadv_param_def *gpuadv_param_by_key(const char *key,
						   enum gpuadv_command c)
{
	int i;

	for (i = 1; i < GPUADV_P_COUNT; i++)
		if ((table[i].commands & GPUADV_CMD_BIT(c)) && !strcmp(table[i].key, key))
			return &table[i];
	return NULL;
}

const struct gpuadv_param_def *gpuadv_param_by_config_key(const char *key)
{
	int i;

	for (i = 1; i < GPUADV_P_COUNT; i++)
		if (table[i].config_key && !strcmp(table[i].config_key, key))
			return &table[i];
	return NULL;
}

int gpuadv_param_choice_parse(const struct gpuadv_param_def *p, const char *text)
{
	size_t i;

	for (i = 0; i < p->choice_count; i++)
		if (!strcmp(p->choice_name(p->choices[i]), text))
			return p->choices[i];
	return -1;
}

void gpuadv_param_choices_text(char *buf, size_t size, const struct gpuadv_param_def *p)
{
	size_t i, used = 0;

	buf[0] = '\0';
	for (i = 0; i < p->choice_count && used < size; i++)
		used += (size_t)snprintf(buf + used, size - used, "%s%s",
					 i == 0 ? "" : i + 1 == p->choice_count ? " or " : ", ",
					 p->choice_name(p->choices[i]));
}

void gpuadv_param_help(char *buf, size_t size, const struct gpuadv_param_def *p,
		       const char *help)
{
	const char *mark;
	char list[256];

	if (!help)
		help = p->help;
	mark = strstr(help, "{choices}");
	if (!mark) {
		snprintf(buf, size, "%s", help);
		return;
	}
	gpuadv_param_choices_text(list, sizeof(list), p);
	snprintf(buf, size, "%.*s%s%s", (int)(mark - help), help, list,
		 mark + strlen("{choices}"));
}

void gpuadv_param_subject(char *buf, size_t size, const struct gpuadv_param_def *p,
			  enum gpuadv_naming naming, const char *gpu)
{
	if (naming == GPUADV_NAMING_FLAG && p->flag)
		snprintf(buf, size, "option '--%s'", p->flag);
	else if (p->type == GPUADV_PT_PRICES && gpu)
		snprintf(buf, size, "the price of '%.100s' in '%s'", gpu, p->key);
	else
		snprintf(buf, size, "'%s'", naming == GPUADV_NAMING_CONFIG && p->config_key
					     ? p->config_key : p->key);
}

int gpuadv_param_fail(struct gpuadv_error *err, int code, const char *kind,
		      const struct gpuadv_param_def *p, enum gpuadv_naming naming,
		      const char *fmt, ...)
{
	char msg[GPUADV_ERROR_MSG_MAX];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	gpuadv_error_set(err, code, "%s", msg);
	if (!err)
		return code;
	err->kind = kind ? kind : "invalid_value";
	err->param = p ? (int)p->id : 0;
	snprintf(err->field, sizeof(err->field), "%s",
		 !p ? "" : naming == GPUADV_NAMING_FLAG && p->flag ? p->flag
		 : naming == GPUADV_NAMING_CONFIG && p->config_key ? p->config_key : p->key);
	return code;
}

int gpuadv_param_check_number(const struct gpuadv_param_def *p, double v,
			      const char *text, const char *gpu,
			      enum gpuadv_naming naming, struct gpuadv_error *err)
{
	bool integer = p->type == GPUADV_PT_INTEGER;
	char subject[160], got[GPUADV_NUMBER_MAX + 112];

	if (isfinite(v) && v >= p->min && v <= p->max && (!integer || v == floor(v)))
		return 0;
	gpuadv_param_subject(subject, sizeof(subject), p, naming, gpu);
	if (text) {
		snprintf(got, sizeof(got), "'%.100s'", text);
	} else if (naming == GPUADV_NAMING_KEY) {
		snprintf(got, sizeof(got), "%g", v);
	} else {
		char num[GPUADV_NUMBER_MAX];

		gpuadv_format_number(num, v);
		snprintf(got, sizeof(got), "'%s'", num);
	}
	return gpuadv_param_fail(err, GPUADV_EUSAGE, NULL, p, naming,
				 "%s must be %s from %g to %g, got %s", subject,
				 integer ? "an integer" : "a number", p->min, p->max, got);
}
