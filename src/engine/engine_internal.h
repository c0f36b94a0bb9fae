/* engine_internal.h - what the engine's files share: the performance steps
 * recommend runs one at a time (perf.c). */
#ifndef GPUADV_ENGINE_INTERNAL_H
#define GPUADV_ENGINE_INTERNAL_H

#include "gpu_advisor/engine.h"
#include "gpu_advisor/model.h"

/* The reference GPU's speed for w at p, or where it cannot run p, at the
 * workload's default precision; 0 when it has no estimate at all. */
double gpuadv__reference_speed(const struct gpuadv_catalog *cat,
			       const struct gpuadv_workload *w,
			       enum gpuadv_precision p);

/* Whether gpu can be estimated at p (cheap: no estimate yet); fills the
 * perf's header, and its note when not (GPUADV_ENOTFOUND). */
int gpuadv__perf_gate(struct gpuadv_perf *out, const struct gpuadv_catalog *cat,
		      const struct gpuadv_gpu *gpu, const struct gpuadv_workload *w,
		      enum gpuadv_precision p, double ref_speed);

/* The whole estimate, and the measured figure where there is one. */
int gpuadv__perf_at(struct gpuadv_perf *out, const struct gpuadv_catalog *cat,
		    const struct gpuadv_gpu *gpu, const struct gpuadv_workload *w,
		    enum gpuadv_precision p, double ref_speed);

/* recommend.c's steps, which the configurations' ranking (configs.c)
 * shares. Check one configuration (count cards; fit, NULL without a
 * model, decides memory and decode speed) against every constraint:
 * x->why gets the failures in a fixed order, returned as a bitmask. */
unsigned gpuadv__rec_check(const struct gpuadv_catalog *cat, const struct gpuadv_query *q,
			   const struct gpuadv_gpu *g, unsigned count,
			   const struct gpuadv_model_fit *fit, const struct gpuadv_price *price,
			   int perf_rc, struct gpuadv_excluded *x);
/* A result's figures per dollar and its cost of ownership, for r->count
 * cards at r->price (the configuration's). */
void gpuadv__rec_score(const struct gpuadv_catalog *cat, const struct gpuadv_query *q,
		       struct gpuadv_result *r);
/* A one-card cost of ownership made n cards': purchase, energy, total and
 * the cloud rate n times (the breakeven hours stay). */
void gpuadv__tco_times(struct gpuadv_tco *t, unsigned n);
/* A card's price made n cards': the amount and its range (a system
 * price's server stays what it is). */
void gpuadv__price_times(struct gpuadv_price *p, unsigned n);
/* Count each failure; remember what budget or memory would admit a card. */
void gpuadv__rec_tally(struct gpuadv_recommendation *rec, const struct gpuadv_gpu *g,
		       const struct gpuadv_price *price, unsigned fails);
/* Sort, pick, cut to --top and give reasons to what is shown; ENOTFOUND
 * when nothing matched. */
int gpuadv__rec_finish(struct gpuadv_recommendation *rec, struct gpuadv_error *err);

/* network.c: the catalogue workload whose model parameters and band stand
 * for model m's task (its performance figure where the per-network model
 * does not know m). */
const struct gpuadv_workload *gpuadv__model_workload(const struct gpuadv_catalog *cat,
						     const struct gpuadv_model_spec *m, int task);
/* The network profile of m's training (full, not LoRA) that the
 * performance model knows; NULL for LLMs, inference and unknown models. */
const struct gpuadv_network_profile *gpuadv__model_network(const struct gpuadv_query *q,
							   const struct gpuadv_model_spec *m);
/* One GPU's training step on a network, for the scaling model. */
struct gpuadv_network_step {
	double seconds; /* NAN: not estimable */
	double batch;   /* samples per step per card */
	bool anchored;  /* scaled to the reference GPU's measured throughput */
};
/* gpu's training perf on network n relative to the reference GPU's, by the
 * per-network model (w's parameters and band; estimated basis), and its
 * step (step may be NULL; batch above 1: that batch per card, else, the
 * query's default of 1 included, the batch that fits, as the scaling fit's
 * data ran).
 * GPUADV_ENOTFOUND with out->note when gpu cannot run p. */
int gpuadv__network_perf(struct gpuadv_perf *out, struct gpuadv_network_step *step,
			 const struct gpuadv_catalog *cat, const struct gpuadv_gpu *gpu,
			 const struct gpuadv_workload *w, const struct gpuadv_network_profile *n,
			 enum gpuadv_precision p, double batch);
/* fit.c: fit->scaling for fit->count cards from a step of step_s seconds
 * and grad_bytes all-reduced per step (1 for one card or inference). */
void gpuadv__fit_scaling(struct gpuadv_model_fit *fit, double grad_bytes, double step_s);

/* recommend with a model or several cards per configuration. */
int gpuadv__recommend_configs(struct gpuadv_recommendation *out,
			      const struct gpuadv_catalog *cat,
			      const struct gpuadv_query *q, struct gpuadv_error *err);

#endif
