/*
 * engine.h - the scoring engine: for a validated query (query.h) estimate
 * every GPU's performance, filter, score and rank, and say why as data: a
 * reason or exclusion is a code with the figures it quotes, never text
 * (the renderers word it for their reader).
 *
 * Ownership: a struct gpuadv_recommendation owns its arrays
 * (gpuadv_recommendation_release frees them); it points into the catalogue,
 * which must outlive it. The engine does no I/O.
 */
#ifndef GPU_ADVISOR_ENGINE_H
#define GPU_ADVISOR_ENGINE_H

#include <stdbool.h>
#include <stddef.h>

#include "gpu_advisor/catalog.h"
#include "gpu_advisor/error.h"
#include "gpu_advisor/prices.h"
#include "gpu_advisor/llm_speed.h"
#include "gpu_advisor/memory.h"
#include "gpu_advisor/query.h"

/* measured: the catalogue's benchmarks against the reference GPU at this
 * precision; calibrated: the model's estimate scaled by this card's own
 * measurements (at another precision, or in a set without the reference);
 * estimated: the model alone. */
enum gpuadv_basis { GPUADV_BASIS_ESTIMATED, GPUADV_BASIS_MEASURED, GPUADV_BASIS_CALIBRATED };

/* A GPU's performance for one workload and precision, relative to the
 * catalogue's reference GPU (1.0). */
struct gpuadv_perf {
	const struct gpuadv_workload *workload;
	enum gpuadv_precision precision;
	double estimated; /* the model's figure; NAN when not estimable */
	double measured;  /* from the catalogue's benchmarks; NAN where none */
	double value;     /* what ranking uses: measured, else calibrated, else estimated */
	double error_pct; /* value's band, +-percent: cross-validated, wider for extrapolations */
	enum gpuadv_basis basis;
	bool fallback;    /* the precision runs without its Tensor Cores */
	double compute_share; /* share of modelled time bound by compute, 0-1 */
	const char *measured_set; /* the benchmark set behind value, or NULL */
	/* The precision label the measurements behind value ran at ("fp16",
	 * "fp32"...; a calibrated value was moved from it by the model's step),
	 * or NULL. Static storage. */
	const char *measured_precision;
	/* For a card with no results: how many measured siblings (same
	 * architecture, memory kind and segment) moved its estimate; else 0. */
	size_t siblings;
	/* The network the figure is for (a named model's, by the per-network
	 * model: docs/performance-model.md); NULL: the workload's mix. */
	const char *network;
	char note[160];   /* why not estimable, or how the precision runs */
};

/*
 * Estimate gpu's performance. Returns 0, or GPUADV_ENOTFOUND with
 * out->note saying why the GPU cannot run this precision (no hardware
 * support, or a figure the catalogue lacks).
 */
int gpuadv_engine_perf(struct gpuadv_perf *out, const struct gpuadv_catalog *cat,
		       const struct gpuadv_gpu *gpu,
		       const struct gpuadv_workload *workload,
		       enum gpuadv_precision precision);

/* The price an answer uses (struct gpuadv_price, prices.h): an override
 * (q's prices: a flag or request, else config.yaml), else the price list's
 * pick for q's price basis, else the launch price. For the cloud basis the
 * override is not used: it is a purchase price. q may be NULL (basis any,
 * no overrides, staleness against the price list's date). */
void gpuadv_engine_price(struct gpuadv_price *out, const struct gpuadv_catalog *cat,
			 const struct gpuadv_query *q, const struct gpuadv_gpu *gpu);

/* The purchase price of gpu for cost of ownership: the answer's price,
 * or for the cloud basis what basis any (and an override) would give. */
void gpuadv_engine_purchase(struct gpuadv_price *out, const struct gpuadv_catalog *cat,
			    const struct gpuadv_query *q, const struct gpuadv_gpu *gpu);

/* What a cost of ownership lacks, as data; renderers word it. */
enum gpuadv_tco_gap {
	GPUADV_TCO_NO_PRICE,     /* no purchase price: purchase and total unknown */
	GPUADV_TCO_NO_POWER,     /* no board power: energy and total unknown */
	GPUADV_TCO_NO_CLOUD,     /* no cloud rate: no breakeven */
	GPUADV_TCO_RENT_CHEAPER, /* the cloud rate is below the power bill per hour:
				  * buying never catches up */
	GPUADV_TCO_GAP_COUNT
};

/* Cost of ownership over q's years: energy = board power x utilisation x
 * hours (hours a day x 365 x years) x price per kWh; total = purchase +
 * energy; breakeven_hours = the hours of use at which buying (purchase +
 * power) has cost what renting at the cloud rate would. Unknown is NAN,
 * with the gap in gaps, never 0. */
struct gpuadv_tco {
	double purchase_usd, energy_usd, total_usd;
	double kwh;                /* energy drawn over the period */
	double cloud_usd_per_hour; /* the rate renting costs; NAN: none */
	double breakeven_hours;
	unsigned gaps;             /* 1u << enum gpuadv_tco_gap for each */
};

/* q's years, hours_per_day, utilisation and kwh_price_usd must be set
 * (the validator fills the defaults); purchase is the price to own it. */
void gpuadv_engine_tco(struct gpuadv_tco *out, const struct gpuadv_catalog *cat,
		       const struct gpuadv_query *q, const struct gpuadv_gpu *gpu,
		       const struct gpuadv_price *purchase);

/* "no_price", "no_power", "no_cloud_price", "rent_cheaper". */
const char *gpuadv_tco_gap_name(enum gpuadv_tco_gap g);

/*
 * The GPUs that pass a list query's filters, in its order (list_sort). *gpus and *perf are
 * malloc'd arrays of *n entries (perf is NULL without a workload; a perf
 * whose value is NAN means that GPU cannot run it, its note says why);
 * free() both.
 */
int gpuadv_engine_list(const struct gpuadv_gpu ***gpus, struct gpuadv_perf **perf,
		       size_t *n, const struct gpuadv_catalog *cat,
		       const struct gpuadv_query *q, struct gpuadv_error *err);

/*
 * A model on a configuration (count x one card, query.h): whether it fits
 * and, for an LLM's inference, how fast it decodes and prefills. Memory is
 * in GiB (a "24 GB" card holds 24 GiB, docs/memory.md). Inference pools
 * the configuration's memory (layer or tensor split); training without
 * sharding needs the whole model on each GPU (data parallel), with fsdp
 * each holds 1/count of weights, gradients and optimiser state: then
 * per_gpu is true and required/available are one GPU's.
 */
struct gpuadv_model_fit {
	unsigned count;
	bool runs;             /* the card can do the maths (fp8 needs Ada+) */
	bool fits;             /* runs, and required <= available */
	bool per_gpu;          /* required/available are per GPU (training) */
	double required_gb, available_gb;
	struct gpuadv_memory memory; /* the breakdown compared, bytes */
	bool llm;              /* an LLM's inference: the speeds below apply */
	double decode_tokens_per_s;  /* one sequence; NAN where not estimable */
	double prefill_tokens_per_s;
	double batch_tokens_per_s;   /* all --batch sequences together */
	double context;        /* tokens the speeds assume */
	double bandwidth_gbs;  /* per card: the basis of decode */
	double eta_bw;         /* its efficiency (fitted on llama.cpp) */
	double layer_us;       /* fixed cost per layer per token */
	double link_gbs;       /* between cards, one way (NVLink or PCIe) */
	bool nvlink;
	enum gpuadv_parallel parallel;
	double scaling;        /* training: data-parallel efficiency, 0-1 */
	/* What scaling weighs the all-reduce against: one card's step time,
	 * s, and its batch (NAN for one card or inference); step_network: from
	 * the per-network model (step_anchored: scaled to the reference GPU's
	 * measured throughput), else an assumed 40% of peak Tensor rate. */
	double step_s, step_batch;
	bool step_network, step_anchored;
	char note[160];        /* why it cannot run, or "" */
};

/*
 * Estimate model m (gpuadv_query_model) on count x gpu for validated q
 * (task, quantisation, context, batch, method...). Returns 0, or the
 * memory estimate's error (GPUADV_EUSAGE for a combination it refuses,
 * GPUADV_EDATA for a model lacking a figure).
 */
int gpuadv_engine_model_fit(struct gpuadv_model_fit *out, const struct gpuadv_query *q,
			    const struct gpuadv_model_spec *m, const struct gpuadv_gpu *gpu,
			    unsigned count, struct gpuadv_error *err);

/* `memory`: the estimate for one GPU, and the catalogue's cards that hold
 * the model on 1, 2, 4 or 8 of them. */
#define GPUADV_MEMORY_COUNTS 4
extern const unsigned gpuadv_memory_counts[GPUADV_MEMORY_COUNTS]; /* 1, 2, 4, 8 */

/* A configuration the answer singles out: count x gpu, and the model on it
 * (fit.memory: the breakdown it compares). gpu NULL: none. */
struct gpuadv_memory_config {
	const struct gpuadv_gpu *gpu;
	struct gpuadv_model_fit fit;
};

struct gpuadv_memory_answer {
	struct gpuadv_query query; /* normalised: defaults filled in */
	const struct gpuadv_model_spec *model; /* q's model, or &custom: do not copy the struct */
	struct gpuadv_model_spec custom;       /* a --params model */
	struct gpuadv_memory memory;           /* on one GPU, bytes */
	double required_gb[GPUADV_MEMORY_COUNTS]; /* per GPU (training) or in all */
	bool per_gpu;                          /* training: each card's need */
	/* Cards holding it at each count, in catalogue order; malloc'd. */
	const struct gpuadv_gpu **fits[GPUADV_MEMORY_COUNTS];
	size_t fit_count[GPUADV_MEMORY_COUNTS];
	/* The card with the least memory that holds it at each count, kept
	 * only where it holds less than the one kept at a smaller count (two
	 * of the card that one suffices for say nothing new). */
	struct gpuadv_memory_config smallest[GPUADV_MEMORY_COUNTS];
	/* The single card with the most memory that does not hold it. */
	struct gpuadv_memory_config short_of;
	/* The query's --on configuration (query.on x query.on_count). */
	struct gpuadv_memory_config on;
};

int gpuadv_engine_memory(struct gpuadv_memory_answer *out, const struct gpuadv_catalog *cat,
			 const struct gpuadv_query *q, struct gpuadv_error *err);
void gpuadv_memory_answer_release(struct gpuadv_memory_answer *a);

#define GPUADV_MAX_REASONS 8

/* Why a result qualifies, as data: renderers word it. value and limit are
 * the figures it quotes (NAN where none). */
enum gpuadv_reason_code {
	GPUADV_R_UNDER_BUDGET,   /* value: the price, limit: the budget (cloud: per hour) */
	GPUADV_R_COSTS,          /* value: the price (no budget given) */
	GPUADV_R_NO_PRICE,       /* no price known (no budget given) */
	GPUADV_R_MEMORY,         /* value: its GB, limit: the GB needed */
	GPUADV_R_MEASURED,       /* value: measured, limit: the model's estimate */
	GPUADV_R_ESTIMATED,      /* value: the model's estimate */
	GPUADV_R_FALLBACK,       /* runs the precision without Tensor Cores (perf.note) */
	GPUADV_R_TENSOR,         /* runs the precision on its Tensor Cores */
	GPUADV_R_BANDWIDTH_BOUND, /* value: its bandwidth, GB/s */
	GPUADV_R_COMPUTE_BOUND,
	GPUADV_R_POWER_WITHIN,   /* value: its watts, limit: the query's */
	GPUADV_R_ABOUT_EQUAL,    /* the top two overlap within their bands: value:
				    this one's band, limit: the other's, percent */
	GPUADV_R_MODEL_FITS,     /* value: GiB needed, limit: GiB held (fit says how) */
	GPUADV_R_DECODE,         /* value: decode tokens/s (fit gives the basis) */
	GPUADV_R_SCALING,        /* value: data-parallel efficiency of count cards */
	GPUADV_R_COUNT
};

struct gpuadv_reason {
	enum gpuadv_reason_code code;
	double value, limit;
};

struct gpuadv_result {
	size_t rank; /* 1-based */
	const struct gpuadv_gpu *gpu;
	unsigned count;   /* cards in the configuration (1 unless --max-gpus) */
	bool has_fit;     /* a model was asked about: fit holds its answer */
	struct gpuadv_model_fit fit;
	struct gpuadv_price price; /* of the configuration: count x the card's */
	struct gpuadv_perf perf;
	double perf_per_kusd; /* relative performance per $1000; NAN unpriced or cloud */
	double perf_per_usd_hour; /* cloud basis: per $1 an hour; else NAN */
	struct gpuadv_tco tco;
	double perf_per_ktco; /* per $1000 of total cost of ownership; NAN unknown */
	/* perf.value over the query's upgrade_from card's: 1.8 is 80% faster
	 * than the card one has; NAN without upgrade_from or where that card
	 * cannot run the workload. */
	double speedup;
	struct gpuadv_reason reasons[GPUADV_MAX_REASONS];
	size_t reason_count;
};

/* Which constraint excluded a GPU. */
enum gpuadv_constraint {
	GPUADV_C_PRECISION,     /* the note says why */
	GPUADV_C_MEMORY,        /* value: its GB, limit: the GB needed */
	GPUADV_C_BUDGET,        /* value: the price, limit: the budget */
	GPUADV_C_PRICE_UNKNOWN, /* a budget, and no price known */
	GPUADV_C_POWER,         /* value: its watts (NAN: unknown), limit: the query's */
	GPUADV_C_SEGMENT,       /* the GPU's segment is not the query's */
	GPUADV_C_ARCH,          /* the GPU's architecture is not the query's */
	GPUADV_C_TOKENS,        /* value: its decode tokens/s (NAN: unknown), limit: the query's */
	GPUADV_C_SYSTEM_ONLY,   /* sold only in 4- or 8-GPU servers (sold_as
				 * system), not as a card; value: its per-GPU
				 * price, limit: GPUs per system (NAN: unknown) */
	GPUADV_C_COUNT
};

struct gpuadv_exclusion {
	enum gpuadv_constraint constraint;
	double value, limit;
};

struct gpuadv_excluded {
	const struct gpuadv_gpu *gpu;
	unsigned count; /* the configuration reported: the first that holds the
			 * model, else the largest tried */
	struct gpuadv_exclusion why[GPUADV_C_COUNT]; /* in the order checked */
	size_t why_count;
	struct gpuadv_price price; /* what the budget was held against */
	char note[160];            /* GPUADV_C_PRECISION: why it cannot run it */
};

struct gpuadv_recommendation {
	struct gpuadv_query query;  /* normalised: defaults filled in */
	bool memory_from_workload;  /* min_memory_gb is the workload's suggestion */
	/* With a model: its spec (custom holds a --params one: do not copy the
	 * struct), whether the workload was chosen for it, and the reference
	 * GPU's decode speed that LLM perf is relative to (NAN: none). */
	const struct gpuadv_model_spec *model;
	struct gpuadv_model_spec custom;
	bool workload_from_model;
	double reference_decode;
	/* The model's network when the per-network performance model knows
	 * it and the task trains it (perf is then that network's); NULL: the
	 * workload's figure stands for the model. */
	const char *network;
	struct gpuadv_result *results; /* ranked; at most query.top */
	size_t result_count;
	size_t matched;             /* before --top cut the list */
	struct gpuadv_excluded *excluded;
	size_t excluded_count;
	/* Indices into results: fastest, best value, most memory; -1 if none. */
	long pick_fastest, pick_value, pick_memory;
	size_t excluded_by[GPUADV_C_COUNT]; /* cards failing each constraint */
	/* The smallest budget / largest memory need that would admit a card
	 * failing only that constraint; NAN when none would. */
	double budget_to_admit, memory_to_admit;
	const struct gpuadv_gpu *budget_admits, *memory_admits;
	/* With query.upgrade_from: that card's performance on the workload
	 * (upgrade_ok false: it cannot run it, upgrade_perf.note says why). */
	struct gpuadv_perf upgrade_perf;
	bool upgrade_ok;
};

/*
 * Rank the catalogue's GPUs for q (validated). Returns 0 with at least one
 * result, GPUADV_ENOTFOUND when nothing satisfies the constraints (out is
 * still filled: excluded, excluded_by and the *_to_admit hints explain), or
 * GPUADV_ENOMEM.
 */
int gpuadv_engine_recommend(struct gpuadv_recommendation *out,
			    const struct gpuadv_catalog *cat,
			    const struct gpuadv_query *q, struct gpuadv_error *err);

void gpuadv_recommendation_release(struct gpuadv_recommendation *r);

/* The constraint that excluded the most GPUs (the first such), for an
 * empty answer's explanation. */
enum gpuadv_constraint gpuadv_recommendation_worst(const struct gpuadv_recommendation *r);

/* One workload's row of a comparison: each GPU's perf, and ratios. */
struct gpuadv_compare_row {
	const struct gpuadv_workload *workload;
	enum gpuadv_precision precision;
	struct gpuadv_perf perf[GPUADV_COMPARE_MAX];
	bool ok[GPUADV_COMPARE_MAX];   /* false: not estimable (perf.note says why) */
	double ratio[GPUADV_COMPARE_MAX];     /* perf.value / the first GPU's */
	double per_kusd[GPUADV_COMPARE_MAX];  /* perf per $1000 */
	double per_watt[GPUADV_COMPARE_MAX];  /* perf per 100 W */
	/* A configuration's perf is count x the card's x this data-parallel
	 * efficiency (training; 1 for inference, replicas); NAN for one card. */
	double scaling[GPUADV_COMPARE_MAX];
	/* The verdict, as data: indices into the GPUs of the fastest and of
	 * the most performance per dollar; -1 when none can run it. */
	long fastest, best_value;
};

struct gpuadv_comparison {
	const struct gpuadv_gpu *gpus[GPUADV_COMPARE_MAX];
	unsigned counts[GPUADV_COMPARE_MAX]; /* cards in each configuration */
	bool configs;                 /* some count is above 1 */
	struct gpuadv_price prices[GPUADV_COMPARE_MAX]; /* of the configuration: count x card */
	struct gpuadv_tco tco[GPUADV_COMPARE_MAX]; /* of the configuration */
	size_t gpu_count;
	/* With a model (q->model or --params): each configuration's fit, and
	 * the verdict's indices (-1: none fits); model points at custom for a
	 * --params model, so do not copy the struct. */
	const struct gpuadv_model_spec *model;
	struct gpuadv_model_spec custom;
	struct gpuadv_query query;
	struct gpuadv_model_fit fits[GPUADV_COMPARE_MAX];
	long model_fastest, model_best_value;
	/* The model's network when the per-network performance model knows it
	 * and the task trains it: rows then hold one row, that network's
	 * training (perf.network says so); NULL otherwise. */
	const char *network;
	struct gpuadv_compare_row *rows; /* one per workload */
	size_t row_count;
};

/*
 * Compare q's 2 to GPUADV_COMPARE_MAX GPUs (validated) on its workload, or
 * on every workload when it has none; precision -1 means each workload's
 * default; q's prices override the catalogue's.
 */
int gpuadv_engine_compare(struct gpuadv_comparison *out,
			  const struct gpuadv_catalog *cat,
			  const struct gpuadv_query *q, struct gpuadv_error *err);

void gpuadv_comparison_release(struct gpuadv_comparison *c);

/* Stable names, as JSON writes them: "precision", "memory", "budget",
 * "unknown_price", "power", "segment", "architecture", "system_only"; and
 * reason codes
 * ("under_budget", ...). */
const char *gpuadv_constraint_name(enum gpuadv_constraint c);
const char *gpuadv_reason_name(enum gpuadv_reason_code c);
const char *gpuadv_basis_name(enum gpuadv_basis b);

#endif
