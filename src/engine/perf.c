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
	return b == GPUADV_BASIS_MEASURED ? "measured"
	       : b == GPUADV_BASIS_CALIBRATED ? "calibrated" : "estimated";
}

/* The band of a measured value, percent: Lambda's results for one card
 * and one software stack repeat to a few percent; docs/performance-model.md. */
#define MEASURED_ERROR_PCT 5.0

/*
 * The newest benchmark set (by name) with results of gpu for w's task; NULL
 * when none. A card's value comes from this set alone: an older set ran
 * older software (Lambda's 2023 H100 ran CUDA 11.8, its 2024 one CUDA 12),
 * and mixing the two put a GH200 36% above the H100 SXM whose silicon it
 * shares, where their own set has them within 6%.
 */
static const char *newest_set(const struct gpuadv_gpu *gpu, const struct gpuadv_workload *w)
{
	const char *set = NULL;
	size_t i;

	for (i = 0; i < gpu->benchmark_count; i++) {
		const struct gpuadv_benchmark *b = gpu->benchmarks[i];

		if (b->workload == w && b->task == w->task && b->set &&
		    (!set || strcmp(b->set, set) > 0))
			set = b->set;
	}
	return set;
}

/*
 * The measured figure relative to the reference GPU: within the card's
 * newest set (newest_set), where that set has the reference for this
 * workload, task and precision label, the geometric mean over its networks
 * of throughput(gpu) / throughput(reference). Sets are not mixed: the
 * software differs between them.
 */
static double measured_relative(const struct gpuadv_gpu *gpu,
				const struct gpuadv_workload *w,
				enum gpuadv_precision p, const char **set_out)
{
	const char *best_set = NULL, *newest = newest_set(gpu, w);
	double logsum = 0;
	size_t i, n = 0;

	for (i = 0; i < gpu->benchmark_count; i++) {
		const struct gpuadv_benchmark *b = gpu->benchmarks[i];

		if (b->workload == w && b->precision == p && b->task == w->task &&
		    b->reference && (!best_set || strcmp(b->set, best_set) > 0))
			best_set = b->set;
	}
	if (!best_set || !newest || strcmp(best_set, newest) != 0)
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

static bool same_str(const char *a, const char *b)
{
	return a == b || (a && b && strcmp(a, b) == 0);
}

/* The model's speed of gpu on benchmark b's network at b's label; NAN when
 * it has none. */
static double bench_speed(const struct gpuadv_gpu *gpu, const struct gpuadv_benchmark *b)
{
	struct gpuadv_model_estimate est;
	const struct gpuadv_network_profile *n = gpuadv_model_network(b->network);

	if (!n || gpuadv_model_network_speed(&est, gpu, n, &b->workload->model, b->precision,
					     NULL))
		return NAN;
	return est.speed;
}

/*
 * How far gpu's own measurements of w in its newest set sit from the
 * model, as a mean log ratio: for each of those results, log(measured /
 * modelled) less the mean of the same over its group (set, software,
 * network, precision), so that only ratios within a group count. NAN when
 * no result has a group to compare with. Every precision counts alike, so
 * that the same silicon gets the same correction whatever the label.
 */
static double card_residual(const struct gpuadv_catalog *cat, const struct gpuadv_gpu *gpu,
			    const struct gpuadv_workload *w)
{
	const char *newest = newest_set(gpu, w);
	double sum = 0;
	size_t i, j, n = 0;

	for (i = 0; i < gpu->benchmark_count; i++) {
		const struct gpuadv_benchmark *b = gpu->benchmarks[i];
		double own, others = 0, s;
		size_t m = 0;

		if (b->workload != w || b->task != w->task || !same_str(b->set, newest) ||
		    isnan(own = bench_speed(gpu, b)))
			continue;
		for (j = 0; j < cat->benchmark_count; j++) {
			const struct gpuadv_benchmark *o = &cat->benchmarks[j];

			if (o->gpu == gpu || o->workload != w || o->precision != b->precision ||
			    !same_str(o->set, b->set) || !same_str(o->network, b->network) ||
			    !same_str(o->software, b->software) || isnan(s = bench_speed(o->gpu, o)))
				continue;
			others += log(o->throughput / s);
			m++;
		}
		if (!m)
			continue;
		/* its distance from the group's mean, itself included: with every
		 * card of a group corrected so, their ratios are the measured ones
		 * (against the others alone, each gap would count m+1 over m times) */
		sum += (log(b->throughput / own) - others / (double)m) * (double)m / (double)(m + 1);
		n++;
	}
	return n ? sum / (double)n : NAN;
}

/* The reference GPU's speed for w at p, or where it cannot run p, at the
 * workload's default precision; 0 when it has no estimate at all. */
double gpuadv__reference_speed(const struct gpuadv_catalog *cat,
			      const struct gpuadv_workload *w, enum gpuadv_precision p)
{
	struct gpuadv_model_estimate ref;

	if (gpuadv_model_speed(&ref, cat->reference, w, p, NULL) == 0 ||
	    gpuadv_model_speed(&ref, cat->reference, w, w->default_precision,
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

/*
 * The value a ranking uses, one rule for every precision: a measurement of
 * this card at a label that runs as p runs (effective precision and data
 * size: Lambda's "fp32" on Ampere and newer is TF32); else a measurement at
 * another label scaled by the model's ratio between the two precisions
 * (the one nearest in speed: fp16 for bf16 on cards that run both at one
 * rate, so labels cannot reorder the same silicon); else the estimate
 * corrected by the card's own results in sets without the reference.
 */
static void value_of(struct gpuadv_perf *out, const struct gpuadv_catalog *cat,
		     const struct gpuadv_gpu *gpu, const struct gpuadv_workload *w,
		     enum gpuadv_precision p, const struct gpuadv_model_estimate *est,
		     double ref_speed)
{
	struct gpuadv_model_estimate e;
	double best = INFINITY, r;
	int q;

	for (q = 0; q < GPUADV_PRECISION_COUNT; q++) {
		const char *set = NULL;
		double m, ratio;

		if (gpuadv_model_speed(&e, gpu, w, (enum gpuadv_precision)q, NULL) ||
		    isnan(m = measured_relative(gpu, w, (enum gpuadv_precision)q, &set)))
			continue;
		/* the card's step between precisions against the reference's */
		ratio = est->speed / e.speed /
			(ref_speed / gpuadv__reference_speed(cat, w, (enum gpuadv_precision)q));
		if (e.effective == est->effective && gpuadv_model_same_data(p, (enum gpuadv_precision)q)) {
			out->measured = m;
			out->measured_set = set;
			out->value = m;
			out->basis = GPUADV_BASIS_MEASURED;
			return;
		}
		if (fabs(log(ratio)) < best) {
			best = fabs(log(ratio));
			out->measured_set = set;
			out->value = m * ratio;
			out->basis = GPUADV_BASIS_CALIBRATED;
		}
	}
	if (out->basis == GPUADV_BASIS_CALIBRATED)
		return;
	r = gpu->benchmark_count ? card_residual(cat, gpu, w) : NAN;
	out->value = est->speed / ref_speed * (isnan(r) ? 1 : exp(r));
	out->basis = isnan(r) ? GPUADV_BASIS_ESTIMATED : GPUADV_BASIS_CALIBRATED;
}

int gpuadv__perf_at(struct gpuadv_perf *out, const struct gpuadv_catalog *cat,
		    const struct gpuadv_gpu *gpu, const struct gpuadv_workload *w,
		    enum gpuadv_precision p, double ref_speed)
{
	struct gpuadv_model_estimate est;
	double band;
	int rc = gpuadv__perf_gate(out, cat, gpu, w, p, ref_speed);

	if (rc)
		return rc;
	if (gpuadv_model_speed(&est, gpu, w, p, NULL)) {
		snprintf(out->note, sizeof(out->note), "%s", est.note);
		return GPUADV_ENOTFOUND;
	}
	out->estimated = est.speed / ref_speed;
	out->fallback = est.fallback;
	out->compute_share = est.compute_share;
	if (est.fallback)
		snprintf(out->note, sizeof(out->note), "%s", est.note);
	value_of(out, cat, gpu, w, p, &est, ref_speed);
	band = gpuadv_model_error_pct(gpu, w, &est);
	/* A card's own results take most of the model's error away; what is
	 * left is the step between precisions or sets. */
	out->error_pct = out->basis == GPUADV_BASIS_MEASURED ? MEASURED_ERROR_PCT
			 : out->basis == GPUADV_BASIS_CALIBRATED ? fmax(MEASURED_ERROR_PCT, round(band / 2))
								 : band;
	return 0;
}

int gpuadv_engine_perf(struct gpuadv_perf *out, const struct gpuadv_catalog *cat,
		       const struct gpuadv_gpu *gpu,
		       const struct gpuadv_workload *w, enum gpuadv_precision p)
{
	return gpuadv__perf_at(out, cat, gpu, w, p, gpuadv__reference_speed(cat, w, p));
}

