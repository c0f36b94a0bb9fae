/*
 * engine.h - the scoring engine: for a query (workload, precision, budget,
 * memory and other constraints) estimate every GPU's performance, filter,
 * score and rank, and say why. One query struct serves the command-line
 * flags and JSON queries alike; both go through gpuadv_query_validate().
 *
 * Ownership: a struct gpuadv_recommendation owns its arrays and strings
 * (gpuadv_recommendation_release frees them); it points into the catalogue,
 * which must outlive it. The engine does no I/O.
 */
#ifndef GPU_ADVISOR_ENGINE_H
#define GPU_ADVISOR_ENGINE_H

#include <stdbool.h>
#include <stddef.h>

#include "gpu_advisor/catalog.h"
#include "gpu_advisor/error.h"

enum gpuadv_sort { GPUADV_SORT_PERF, GPUADV_SORT_VALUE, GPUADV_SORT_MEMORY };

enum gpuadv_basis { GPUADV_BASIS_ESTIMATED, GPUADV_BASIS_MEASURED };

#define GPUADV_MAX_PRICE_OVERRIDES 64

struct gpuadv_price_override {
	const struct gpuadv_gpu *gpu;
	double usd;
	const char *basis; /* "override" (a flag or request), "config" (the file) */
};

/* What the user asks. Unset numbers are NAN, unset choices -1 or NULL;
 * gpuadv_query_init() sets every field so. */
struct gpuadv_query {
	const struct gpuadv_workload *workload; /* required */
	int precision;     /* enum gpuadv_precision, -1: the workload's default */
	int task;          /* enum gpuadv_task, -1: the workload's */
	double budget_usd; /* the most one GPU may cost */
	double min_memory_gb; /* NAN: the workload's suggestion */
	double max_power_w;
	int segment;       /* enum gpuadv_segment, -1: any */
	const struct gpuadv_arch *arch; /* NULL: any */
	enum gpuadv_sort sort;
	size_t top;        /* 0: all */
	struct gpuadv_price_override prices[GPUADV_MAX_PRICE_OVERRIDES];
	size_t price_count;
	/* Today as YYYY-MM-DD, to flag street prices over six months old; NULL
	 * leaves them unflagged. (The engine reads no clock: the CLI does.) */
	const char *today;
};

void gpuadv_query_init(struct gpuadv_query *q);

/*
 * Check a query's values and fill in its defaults (precision, task). The
 * memory default (the workload's suggestion) is filled in by
 * gpuadv_engine_recommend, which reports it as such.
 * Fails with GPUADV_EUSAGE and err->field naming the offending parameter
 * (the flag's name without "--").
 */
int gpuadv_query_validate(struct gpuadv_query *q, struct gpuadv_error *err);

/* A GPU's performance for one workload and precision, relative to the
 * catalogue's reference GPU (1.0). */
struct gpuadv_perf {
	const struct gpuadv_workload *workload;
	enum gpuadv_precision precision;
	double estimated; /* the model's figure; NAN when not estimable */
	double measured;  /* from the catalogue's benchmarks; NAN where none */
	double value;     /* what ranking uses: measured, else estimated */
	enum gpuadv_basis basis;
	bool fallback;    /* the precision runs without its Tensor Cores */
	double compute_share; /* share of modelled time bound by compute, 0-1 */
	const char *measured_set; /* the benchmark set behind measured */
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

/* The price the engine uses: an override, else street, else launch. */
struct gpuadv_price {
	double usd;          /* NAN when unknown */
	const char *basis;   /* "override", "config", "street", "launch", "unknown" */
	const char *as_of;   /* street price date, else NULL */
	const char *condition; /* "new"/"used" for a street price, else NULL */
	bool stale;          /* a street price seen more than six months ago */
};

/* Days from date a to date b (both YYYY-MM-DD, valid); negative if b is
 * earlier. */
long gpuadv_days_between(const char *a, const char *b);

void gpuadv_engine_price(struct gpuadv_price *out, const struct gpuadv_query *q,
			 const struct gpuadv_gpu *gpu);

/*
 * Add a price override to q. A second price for the same GPU from the same
 * basis is an error; from another basis it replaces the first when replace
 * is true (a flag's "override" beats the file's "config"), else is an error.
 */
int gpuadv_query_add_price(struct gpuadv_query *q, const struct gpuadv_gpu *gpu,
			   double usd, const char *basis, bool replace,
			   struct gpuadv_error *err);

/* Filters and order for `list`. Unset: NAN, -1, NULL. */
enum gpuadv_list_sort {
	GPUADV_LIST_CATALOG, GPUADV_LIST_NAME, GPUADV_LIST_PRICE, GPUADV_LIST_YEAR,
	GPUADV_LIST_MEMORY, GPUADV_LIST_BANDWIDTH, GPUADV_LIST_FP32,
	GPUADV_LIST_FP16, GPUADV_LIST_POWER
};

struct gpuadv_list_query {
	const struct gpuadv_arch *arch;
	int segment;
	double min_memory_gb;
	double max_price_usd;
	enum gpuadv_list_sort sort;
	const struct gpuadv_workload *workload; /* add perf when set */
	int precision; /* -1: the workload's default */
};

void gpuadv_list_query_init(struct gpuadv_list_query *q);
/* Parse a --sort key; -1 when unknown. */
int gpuadv_list_sort_parse(const char *s);

/*
 * The GPUs that pass q's filters, in q's order. *gpus and *perf are
 * malloc'd arrays of *n entries (perf is NULL without a workload; a perf
 * whose value is NAN means that GPU cannot run it, its note says why);
 * free() both.
 */
int gpuadv_engine_list(const struct gpuadv_gpu ***gpus, struct gpuadv_perf **perf,
		       size_t *n, const struct gpuadv_catalog *cat,
		       const struct gpuadv_list_query *q, struct gpuadv_error *err);

#define GPUADV_MAX_REASONS 6

struct gpuadv_result {
	size_t rank; /* 1-based */
	const struct gpuadv_gpu *gpu;
	struct gpuadv_price price;
	struct gpuadv_perf perf;
	double perf_per_kusd; /* relative performance per $1000; NAN unpriced */
	char *reasons[GPUADV_MAX_REASONS];
	size_t reason_count;
};

struct gpuadv_excluded {
	const struct gpuadv_gpu *gpu;
	char *reason;
};

/* Which constraint excluded a GPU, for the no-result summary. */
enum gpuadv_constraint {
	GPUADV_C_PRECISION,
	GPUADV_C_MEMORY,
	GPUADV_C_BUDGET,
	GPUADV_C_PRICE_UNKNOWN,
	GPUADV_C_POWER,
	GPUADV_C_SEGMENT,
	GPUADV_C_ARCH,
	GPUADV_C_COUNT
};

struct gpuadv_recommendation {
	struct gpuadv_query query;  /* normalised: defaults filled in */
	bool memory_from_workload;  /* min_memory_gb is the workload's suggestion */
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

/* One line for an empty answer: which constraint excluded the most GPUs,
 * and what budget or memory need would admit the first one. */
void gpuadv_recommendation_explain(char *buf, size_t size,
				   const struct gpuadv_recommendation *r);

#define GPUADV_COMPARE_MAX 8

/* One workload's row of a comparison: each GPU's perf, and ratios. */
struct gpuadv_compare_row {
	const struct gpuadv_workload *workload;
	enum gpuadv_precision precision;
	struct gpuadv_perf perf[GPUADV_COMPARE_MAX];
	bool ok[GPUADV_COMPARE_MAX];   /* false: not estimable (perf.note says why) */
	double ratio[GPUADV_COMPARE_MAX];     /* perf.value / the first GPU's */
	double per_kusd[GPUADV_COMPARE_MAX];  /* perf per $1000 */
	double per_watt[GPUADV_COMPARE_MAX];  /* perf per 100 W */
	char verdict[320];
};

struct gpuadv_comparison {
	const struct gpuadv_gpu *gpus[GPUADV_COMPARE_MAX];
	struct gpuadv_price prices[GPUADV_COMPARE_MAX];
	size_t gpu_count;
	struct gpuadv_compare_row *rows; /* one per workload */
	size_t row_count;
};

/*
 * Compare 2 to GPUADV_COMPARE_MAX GPUs on one workload, or on every workload
 * when workload is NULL; precision -1 means each workload's default. q
 * supplies price overrides (may be NULL).
 */
int gpuadv_engine_compare(struct gpuadv_comparison *out,
			  const struct gpuadv_catalog *cat,
			  const struct gpuadv_gpu *const *gpus, size_t n,
			  const struct gpuadv_workload *workload, int precision,
			  const struct gpuadv_query *q, struct gpuadv_error *err);

void gpuadv_comparison_release(struct gpuadv_comparison *c);

const char *gpuadv_constraint_name(enum gpuadv_constraint c);
const char *gpuadv_basis_name(enum gpuadv_basis b);

#endif
