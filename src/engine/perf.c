/*
 * perf.c - a GPU's performance and price for a query: the model's estimate
 * relative to the reference GPU, the measured figure where the catalogue
 * has benchmarks (it wins; both are kept), and the price an answer uses.
 */
#include "gpu_advisor/engine.h"
#include "gpu_advisor/model.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine_internal.h"

const char *gpuadv_basis_name(enum gpuadv_basis b)
{
	return b == GPUADV_BASIS_MEASURED ? "measured" : "estimated";
}

/*
 * The measured figure relative to the reference GPU: within one benchmark set
 * (the newest by name that has both this GPU and the reference for this
 * workload, task and precision), the geometric mean over its networks of
 * throughput(gpu) / throughput(reference). Sets are not mixed: the software
 * differs between them.
 */
static double measured_relative(const struct gpuadv_gpu *gpu,
				const struct gpuadv_workload *w,
				enum gpuadv_precision p, const char **set_out)
{
	const char *best_set = NULL;
	double logsum = 0;
	size_t i, n = 0;

	for (i = 0; i < gpu->benchmark_count; i++) {
		const struct gpuadv_benchmark *b = gpu->benchmarks[i];

		if (b->workload == w && b->precision == p && b->task == w->task &&
		    b->reference && (!best_set || strcmp(b->set, best_set) > 0))
			best_set = b->set;
	}
	if (!best_set)
		return NAN;
	for (i = 0; i < gpu->benchmark_count; i++) {
		const struct gpuadv_benchmark *b = gpu->benchmarks[i];

		if (b->workload == w && b->precision == p && b->task == w->task &&
		    b->reference && !strcmp(b->set, best_set)) {
			logsum += log(b->throughput / b->reference->throughput);
			n++;
		}
	}
	*set_out = best_set;
	return exp(logsum / (double)n);
}

/* The reference GPU's speed for w at p, or where it cannot run p, at the
 * workload's default precision; 0 when it has no estimate at all. */
double gpuadv__reference_speed(const struct gpuadv_catalog *cat,
			      const struct gpuadv_workload *w, enum gpuadv_precision p)
{
	struct gpuadv_model_estimate ref;

	if (gpuadv_model_speed(&ref, cat->reference, &w->model, p, NULL) == 0 ||
	    gpuadv_model_speed(&ref, cat->reference, &w->model, w->default_precision,
			       NULL) == 0)
		return ref.speed;
	return 0;
}

/* Whether gpu can be estimated at p (cheap: no estimate yet); fills the
 * perf's header, and its note when not. */
int gpuadv__perf_gate(struct gpuadv_perf *out, const struct gpuadv_catalog *cat,
		     const struct gpuadv_gpu *gpu, const struct gpuadv_workload *w,
		     enum gpuadv_precision p, double ref_speed)
{
	struct gpuadv_model_estimate est;

	memset(out, 0, sizeof(*out));
	out->workload = w;
	out->precision = p;
	out->estimated = out->measured = out->value = NAN;
	out->basis = GPUADV_BASIS_ESTIMATED;

	if (gpuadv_model_gate(&est, gpu, p)) {
		snprintf(out->note, sizeof(out->note), "%s", est.note);
		return GPUADV_ENOTFOUND;
	}
	if (!(ref_speed > 0)) {
		snprintf(out->note, sizeof(out->note),
			 "the reference GPU '%s' has no estimate for workload '%s'",
			 cat->reference->id, w->id);
		return GPUADV_ENOTFOUND;
	}
	return 0;
}

int gpuadv__perf_at(struct gpuadv_perf *out, const struct gpuadv_catalog *cat,
		   const struct gpuadv_gpu *gpu, const struct gpuadv_workload *w,
		   enum gpuadv_precision p, double ref_speed)
{
	struct gpuadv_model_estimate est;
	int rc = gpuadv__perf_gate(out, cat, gpu, w, p, ref_speed);

	if (rc)
		return rc;
	if (gpuadv_model_speed(&est, gpu, &w->model, p, NULL)) {
		snprintf(out->note, sizeof(out->note), "%s", est.note);
		return GPUADV_ENOTFOUND;
	}
	out->estimated = est.speed / ref_speed;
	out->fallback = est.fallback;
	out->compute_share = est.compute_share;
	if (est.fallback)
		snprintf(out->note, sizeof(out->note), "%s", est.note);
	out->measured = measured_relative(gpu, w, p, &out->measured_set);
	if (!isnan(out->measured)) {
		out->value = out->measured;
		out->basis = GPUADV_BASIS_MEASURED;
	} else {
		out->value = out->estimated;
	}
	return 0;
}

int gpuadv_engine_perf(struct gpuadv_perf *out, const struct gpuadv_catalog *cat,
		       const struct gpuadv_gpu *gpu,
		       const struct gpuadv_workload *w, enum gpuadv_precision p)
{
	return gpuadv__perf_at(out, cat, gpu, w, p, gpuadv__reference_speed(cat, w, p));
}

