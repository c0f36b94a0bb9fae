/*
 * query.h - what a user asks, whichever way it was asked: one query struct
 * for every command (recommend, compare, list, show, memory, models),
 * filled from flags,
 * a JSON request or the configuration file through the parameter table
 * (params.h), and checked by one validator, gpuadv_query_validate().
 *
 * Ownership: a query owns nothing; it points into the catalogue (GPUs,
 * workloads, architectures) and the model catalogue (models,
 * quantisations), which must outlive it, and at today's date string, which
 * its caller keeps.
 *
 * Configurations: a GPU may come with a count ("2x rtx-3090", "8x
 * h100-sxm"): gpus[i] is the card and gpu_counts[i] how many of it (1 to
 * GPUADV_MAX_GPUS) one machine holds. That pair is the whole
 * representation; price and memory of a configuration are count x the
 * card's. gpuadv_gpu_count_split() reads the prefix.
 */
#ifndef GPU_ADVISOR_QUERY_H
#define GPU_ADVISOR_QUERY_H

#include <stdbool.h>
#include <stddef.h>

#include "gpu_advisor/catalog.h"
#include "gpu_advisor/error.h"
#include "gpu_advisor/models.h"

/* The commands a query serves; GPUADV_CMD_BIT(c) for the parameter
 * table's masks. */
enum gpuadv_command {
	GPUADV_CMD_RECOMMEND,
	GPUADV_CMD_COMPARE,
	GPUADV_CMD_SHOW,
	GPUADV_CMD_LIST,
	GPUADV_CMD_MEMORY,
	GPUADV_CMD_MODELS,
	GPUADV_CMD_COUNT
};
#define GPUADV_CMD_BIT(c) (1u << (c))

const char *gpuadv_command_name(enum gpuadv_command c);
/* -1 when unknown. */
int gpuadv_command_parse(const char *s);

/* recommend's order. */
enum gpuadv_sort { GPUADV_SORT_PERF, GPUADV_SORT_VALUE, GPUADV_SORT_MEMORY, GPUADV_SORT_TCO,
		   GPUADV_SORT_COUNT };

/* Cost of ownership when the query does not say (docs/options.md gives the
 * sources): three years, eight hours a day, 80% of board power, and the US
 * average residential electricity price, 17.01 cents per kWh (EIA data for
 * November 2024, as Choose Energy's February 2025 report quotes it). */
#define GPUADV_DEFAULT_YEARS 3.0
#define GPUADV_DEFAULT_HOURS_PER_DAY 8.0
#define GPUADV_DEFAULT_UTILISATION 0.8
#define GPUADV_DEFAULT_KWH_PRICE_USD 0.17

/* list's order. */
enum gpuadv_list_sort {
	GPUADV_LIST_CATALOG, GPUADV_LIST_NAME, GPUADV_LIST_PRICE, GPUADV_LIST_YEAR,
	GPUADV_LIST_MEMORY, GPUADV_LIST_BANDWIDTH, GPUADV_LIST_FP32,
	GPUADV_LIST_FP16, GPUADV_LIST_POWER, GPUADV_LIST_SORT_COUNT
};

const char *gpuadv_sort_name(enum gpuadv_sort s);
const char *gpuadv_list_sort_name(enum gpuadv_list_sort s);
/* -1 when unknown. */
int gpuadv_list_sort_parse(const char *s);

#define GPUADV_MAX_PRICE_OVERRIDES 64
#define GPUADV_COMPARE_MAX 8
#define GPUADV_MAX_GPUS 8 /* cards in one configuration (one machine) */

/* --task: the workload's enum gpuadv_task (train, infer), or fine-tuning,
 * which only a model (--model, --params) can be asked for. */
#define GPUADV_TASK_FINETUNE ((int)GPUADV_TASK_COUNT)

/* How training state is spread over a configuration's GPUs. */
enum gpuadv_sharding {
	GPUADV_SHARD_NONE, /* data parallel: each GPU holds the whole model */
	GPUADV_SHARD_FSDP, /* weights, gradients and optimiser state split n ways */
	GPUADV_SHARD_COUNT
};
const char *gpuadv_sharding_name(enum gpuadv_sharding s);

/*
 * Read a configuration's count prefix: "2x3090", "4xA100-80GB-SXM",
 * "8x h100-sxm" give *count 2, 4, 8 and *name the rest; text without a
 * prefix gives 1 and itself. Returns 0, or -1 when the prefix is there but
 * its count is 0 or above GPUADV_MAX_GPUS (*count then holds it, capped
 * at 999).
 */
int gpuadv_gpu_count_split(const char *text, unsigned *count, const char **name);

struct gpuadv_price_override {
	const struct gpuadv_gpu *gpu;
	double usd;
	const char *basis; /* "override" (a flag or request), "config" (the file) */
};

/* What the user asks. Unset numbers are NAN, unset choices -1 or NULL;
 * gpuadv_query_init() sets every field so. Which fields a command reads is
 * the parameter table's command mask (params.h). */
struct gpuadv_query {
	enum gpuadv_command command;
	const struct gpuadv_workload *workload; /* recommend: required */
	int precision;     /* enum gpuadv_precision, -1: the workload's default */
	int task;          /* enum gpuadv_task, -1: the workload's */
	double budget_usd; /* the most one GPU may cost */
	double budget_per_hour_usd; /* the most one GPU-hour may cost (cloud) */
	int price_basis;   /* enum gpuadv_price_want (prices.h); -1: any */
	/* Cost of ownership; NAN: the GPUADV_DEFAULT_* (the validator fills
	 * them in for recommend and compare). */
	double years, hours_per_day, utilisation, kwh_price_usd;
	double min_memory_gb; /* NAN: recommend uses the workload's suggestion */
	double max_power_w;
	double max_price_usd; /* list */
	int segment;       /* enum gpuadv_segment, -1: any */
	const struct gpuadv_arch *arch; /* NULL: any */
	int sort;          /* enum gpuadv_sort (recommend) */
	int list_sort;     /* enum gpuadv_list_sort (list) */
	double top;        /* NAN or 0: all */
	struct gpuadv_price_override prices[GPUADV_MAX_PRICE_OVERRIDES];
	size_t price_count;
	const struct gpuadv_gpu *gpus[GPUADV_COMPARE_MAX]; /* compare, show (one) */
	unsigned gpu_counts[GPUADV_COMPARE_MAX]; /* cards of gpus[i], 1 when none given */
	size_t gpu_count;
	/* A model (issue 10): from the model catalogue, or described by
	 * params (and the optional shape figures) for one it lacks. */
	const struct gpuadv_model_spec *model;
	const struct gpuadv_quant *quant; /* NULL: 16-bit (nf4 for qlora) */
	double context;      /* tokens; NAN: 4096 capped at the model's maximum */
	double batch;        /* sequences; NAN: 1 */
	int method;          /* enum gpuadv_mem_method (memory.h), -1: full */
	int optimizer;       /* enum gpuadv_optimizer, -1: adamw */
	int checkpointing;   /* 1: gradient checkpointing, 0: none; -1: the
			      * default (on for qlora, as PEFT does) */
	double params;       /* a model not listed: its parameter count */
	double layers, hidden, kv_heads; /* ... and, optionally, its shape */
	double max_gpus;     /* recommend: configurations of 1 to N cards; NAN: 1 */
	int parallel;        /* enum gpuadv_parallel (llm_speed.h), -1: layer */
	int sharding;        /* enum gpuadv_sharding, -1: none */
	double min_tokens_per_s; /* recommend: decode at least this; NAN: any */
	int kind;            /* models: enum gpuadv_model_kind, -1: any */
	/* recommend: the card the user has, to show each pick's speed-up over
	 * it; NULL: none. upgrade_from_detected: the flag said "detected", and
	 * upgrade_from is what detection found (the CLI fills it in). */
	const struct gpuadv_gpu *upgrade_from;
	bool upgrade_from_detected;
	/* memory: whether the model fits on_count x on (a catalogue GPU, or
	 * with on_detected the machine's own cards, which the CLI fills in);
	 * on NULL: not asked. */
	const struct gpuadv_gpu *on;
	unsigned on_count;
	bool on_detected;
	/* Today as YYYY-MM-DD, to flag prices over six months old; NULL
	 * measures them against the price list's date. (The core reads no
	 * clock: the CLI does.) */
	const char *today;
};

void gpuadv_query_init(struct gpuadv_query *q, enum gpuadv_command command);

/*
 * The model q asks about: q->model, or for --params a model described in
 * *scratch (which must live as long as the answer is used): a Llama-like
 * dense decoder whose layers, hidden size and KV heads are assumed unless
 * q gives them (model_query.c states the rule; renderers say which were
 * assumed: the ones NAN in q). NULL when q names no model.
 */
const struct gpuadv_model_spec *gpuadv_query_model(const struct gpuadv_query *q,
						   struct gpuadv_model_spec *scratch);

/* How an error names the parameter at fault: as a flag ("option
 * '--budget'"), a JSON request key ("'budget_usd'") or a configuration key
 * (at the file's line and column, which the loader adds). */
enum gpuadv_naming { GPUADV_NAMING_FLAG, GPUADV_NAMING_KEY, GPUADV_NAMING_CONFIG };

/*
 * The one validator: check every value the query's command reads against
 * the parameter table's bounds and choices, and the command's own rules
 * (a workload for recommend, 2 to GPUADV_COMPARE_MAX distinct GPUs for
 * compare, one for show, precision needs a workload in list), and fill in
 * recommend's defaults (precision, task). The memory default (the
 * workload's suggestion) is filled in by gpuadv_engine_recommend, which
 * reports it as such.
 *
 * Fails with GPUADV_EUSAGE, err->kind "invalid_value" (or "missing_key"),
 * err->param the parameter-table row at fault (enum gpuadv_param) and
 * err->field and the message naming it as naming says.
 */
int gpuadv_query_validate(struct gpuadv_query *q, enum gpuadv_naming naming,
			  struct gpuadv_error *err);

/*
 * Add a price override to q. A second price for the same GPU from the same
 * basis is an error; from another basis it replaces the first when replace
 * is true (a flag's "override" beats the file's "config"), else is an error.
 * The amount must be within the parameter table's price range.
 */
int gpuadv_query_add_price(struct gpuadv_query *q, const struct gpuadv_gpu *gpu,
			   double usd, const char *basis, bool replace,
			   enum gpuadv_naming naming, struct gpuadv_error *err);

#endif
