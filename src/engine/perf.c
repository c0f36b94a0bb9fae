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
 * The measured figure relative to the reference GPU: within one benchmark set
 * (the newest by name that has both this GPU and the reference for this
 * workload, task and precision label), the geometric mean over its networks
 * of throughput(gpu) / throughput(reference). Sets are not mixed: the
 * software differs between them.
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
 * How far gpu's own measurements of w sit from the model, as a mean log
 * ratio: for each of its results, log(measured / modelled) less the mean
 * of the same over its group (set, software, network, precision), itself
 * included, so that only ratios within a group count and a group of cards
 * corrected so keeps its measured ratios on a network (against the others
 * alone each gap counted m+1 over m times: twice in a group of two). NAN
 * when no result has a group to compare with. Every precision counts
 * alike, so that the same silicon gets the same correction whatever the
 * label. Only the ratios are the card's own: the group's level stays the
 * model's.
 */
static double card_residual(const struct gpuadv_catalog *cat, const struct gpuadv_gpu *gpu,
			    const struct gpuadv_workload *w)
{
	double sum = 0;
	size_t i, j, n = 0;

	for (i = 0; i < gpu->benchmark_count; i++) {
		const struct gpuadv_benchmark *b = gpu->benchmarks[i];
		double own, others = 0, s;
		size_t m = 0;

		if (b->workload != w || b->task != w->task || isnan(own = bench_speed(gpu, b)))
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

/* What a value rests on: the label of the measurements behind it (enum
 * gpuadv_precision, or -1 for none), and the largest model step between
 * precisions it was moved by, |log| (0: none, or labels the model runs
 * alike, as fp16 and bf16 on cards that run both at one rate). */
struct anchor {
	int label;
	double step;
};

/* Whether a label whose gaps from the asked precision are size (data
 * size) and speed, each a |log|, is nearer than the best so far, which it
 * then becomes: nearest in data size, then in speed. */
static bool nearer(double size, double speed, double *best_size, double *best_speed)
{
	if (size > *best_size || (size == *best_size && speed >= *best_speed))
		return false;
	*best_size = size;
	*best_speed = speed;
	return true;
}

/* The gap in data size between precisions p and q, |log|. */
static double size_gap(enum gpuadv_precision p, enum gpuadv_precision q)
{
	return fabs(log(gpuadv_model_data_size(p) / gpuadv_model_data_size(q)));
}

/*
 * A card's value from its own measurements against the reference: one at a
 * label that runs as p runs (effective precision and data size: Lambda's
 * "fp32" on Ampere and newer is TF32), MEASURED; else one at another label
 * scaled by the model's ratio between the two precisions, CALIBRATED: the
 * label nearest in data size (the step then changes the fewest terms:
 * fp32 for fp32-strict, fp16 for fp8), then in speed (fp16 for bf16 on
 * cards that run both at one rate, so labels cannot reorder the same
 * silicon). est: the model at p.
 * Leaves out->basis ESTIMATED when the card has no such measurement.
 */
static void direct_value(struct gpuadv_perf *out, const struct gpuadv_catalog *cat,
			 const struct gpuadv_gpu *gpu, const struct gpuadv_workload *w,
			 enum gpuadv_precision p, const struct gpuadv_model_estimate *est,
			 double ref_speed, struct anchor *an)
{
	struct gpuadv_model_estimate e;
	double best = INFINITY, best_size = INFINITY;
	int q;

	out->basis = GPUADV_BASIS_ESTIMATED;
	*an = (struct anchor){ -1, 0 };
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
			*an = (struct anchor){ q, 0 };
			return;
		}
		if (nearer(size_gap(p, (enum gpuadv_precision)q), fabs(log(ratio)), &best_size,
			   &best)) {
			out->measured_set = set;
			out->value = m * ratio;
			out->basis = GPUADV_BASIS_CALIBRATED;
			*an = (struct anchor){ q, best };
		}
	}
}

/* Whether benchmark label q runs on gpu as p does (est: the model at p). */
static bool runs_as(const struct gpuadv_gpu *gpu, const struct gpuadv_workload *w,
		    enum gpuadv_precision q, enum gpuadv_precision p,
		    const struct gpuadv_model_estimate *est, double *speed_q)
{
	struct gpuadv_model_estimate e;

	*speed_q = NAN;
	if (gpuadv_model_speed(&e, gpu, w, q, NULL))
		return false;
	*speed_q = e.speed;
	return e.effective == est->effective && gpuadv_model_same_data(p, q);
}

/*
 * A card measured only in sets without the reference, placed through the
 * cards measured beside it that have a value of their own (direct_value):
 * such a card's value times this card's measured ratio to it in a group
 * (set, software, network, label) they share, averaged in logs over the
 * groups and the cards. The GH200 and the B200 stand beside the H100s in
 * Lambda's 2024 runs, and the H100s beside the reference in 2023. The
 * groups are those at the labels that run as p; else, as direct_value
 * does, at the one label nearest p in data size, then in speed, each
 * ratio moved by the model's step from that label to p for the two cards
 * (1 for fp16 and bf16 on cards that run both at one rate, so labels
 * cannot reorder the same silicon). NAN when no such card; *set_out: the
 * newest set used; *an: a label used (p's own where it is among them) and the largest step,
 * the steps that moved the other cards' own values included.
 */
static double bridged_value(const struct gpuadv_catalog *cat, const struct gpuadv_gpu *gpu,
			    const struct gpuadv_workload *w, enum gpuadv_precision p,
			    const struct gpuadv_model_estimate *est, double ref_speed,
			    const char **set_out, struct anchor *an)
{
	bool use[GPUADV_PRECISION_COUNT] = { false }, any = false;
	double own[GPUADV_PRECISION_COUNT], best = INFINITY, best_size = INFINITY, sum = 0;
	int q, nearest = -1;
	size_t i, j, n = 0;

	*set_out = NULL;
	*an = (struct anchor){ -1, 0 };
	for (q = 0; q < GPUADV_PRECISION_COUNT; q++)
		own[q] = NAN;
	for (i = 0; i < gpu->benchmark_count; i++) {
		const struct gpuadv_benchmark *b = gpu->benchmarks[i];

		q = (int)b->precision;
		if (b->workload != w || b->task != w->task || !isnan(own[q]))
			continue;
		use[q] = runs_as(gpu, w, b->precision, p, est, &own[q]);
		any |= use[q];
		if (own[q] > 0 && nearer(size_gap(p, b->precision), fabs(log(est->speed / own[q])),
					 &best_size, &best))
			nearest = q;
	}
	if (!any && nearest >= 0)
		use[nearest] = true;
	for (i = 0; i < gpu->benchmark_count; i++) {
		const struct gpuadv_benchmark *b = gpu->benchmarks[i];

		if (b->workload != w || b->task != w->task || !use[b->precision])
			continue;
		for (j = 0; j < cat->benchmark_count; j++) {
			const struct gpuadv_benchmark *o = &cat->benchmarks[j];
			struct gpuadv_model_estimate eb;
			struct gpuadv_perf v;
			struct anchor oa;
			double other_q, lr;

			if (o->gpu == gpu || o->workload != w || o->task != w->task ||
			    o->precision != b->precision || !same_str(o->set, b->set) ||
			    !same_str(o->network, b->network) || !same_str(o->software, b->software) ||
			    gpuadv_model_speed(&eb, o->gpu, w, p, NULL))
				continue;
			memset(&v, 0, sizeof(v));
			direct_value(&v, cat, o->gpu, w, p, &eb, ref_speed, &oa);
			if (v.basis == GPUADV_BASIS_ESTIMATED || !(v.value > 0))
				continue;
			lr = log(v.value) + log(b->throughput / o->throughput);
			if (!any) {
				/* the model's step from the label to p, this card's over the other's */
				runs_as(o->gpu, w, b->precision, p, &eb, &other_q);
				if (!(other_q > 0))
					continue;
				lr += log(est->speed / own[b->precision]) - log(eb.speed / other_q);
				an->step = fmax(an->step, fabs(log(est->speed / own[b->precision]) -
							       log(eb.speed / other_q)));
			}
			/* the other card's own value may have been moved by a step */
			an->step = fmax(an->step, oa.step);
			sum += lr;
			n++;
			if (an->label < 0 || b->precision == p)
				an->label = (int)b->precision;
			if (!*set_out || strcmp(b->set, *set_out) > 0)
				*set_out = b->set;
		}
	}
	return n ? exp(sum / (double)n) : NAN;
}

/* direct_value, else bridged_value: a value resting on measurements
 * against the reference. Leaves out->basis ESTIMATED when there is none.
 * *an: what it rests on. */
static void anchored_value(struct gpuadv_perf *out, const struct gpuadv_catalog *cat,
			   const struct gpuadv_gpu *gpu, const struct gpuadv_workload *w,
			   enum gpuadv_precision p, const struct gpuadv_model_estimate *est,
			   double ref_speed, struct anchor *an)
{
	const char *set;
	double r;

	direct_value(out, cat, gpu, w, p, est, ref_speed, an);
	if (out->basis == GPUADV_BASIS_ESTIMATED && gpu->benchmark_count &&
	    !isnan(r = bridged_value(cat, gpu, w, p, est, ref_speed, &set, an))) {
		out->value = r;
		out->measured_set = set;
		out->basis = GPUADV_BASIS_CALIBRATED;
	}
}

/*
 * For a card with no results of its own: the mean log distance from the
 * model, at p, of its siblings (same architecture, memory kind and
 * segment) whose value rests on measurements against the reference,
 * directly or through the cards beside them. The H100 NVL takes the
 * H100s', the GB200 the B200's: an estimate sits where its measured
 * siblings sit, not where the model alone puts them (the H100 SXM
 * measures 21% under its own estimate for cnn): one silicon reads alike.
 * Refitting without each measured card, the move neither helps nor costs
 * (7.8% against 7.9% median; docs/performance-model.md), so the band stays
 * the model's. NAN when no sibling is measured; *count: how many.
 */
static double sibling_residual(const struct gpuadv_catalog *cat, const struct gpuadv_gpu *gpu,
			       const struct gpuadv_workload *w, enum gpuadv_precision p,
			       double ref_speed, size_t *count)
{
	double sum = 0;
	size_t i, k;

	*count = 0;
	for (i = 0; i < cat->gpu_count; i++) {
		const struct gpuadv_gpu *s = &cat->gpus[i];
		struct gpuadv_model_estimate es;
		struct gpuadv_perf v;
		bool has = false;
		struct anchor an;

		if (!s->benchmark_count || !gpuadv_model_siblings(s, gpu))
			continue;
		for (k = 0; k < s->benchmark_count && !has; k++)
			has = s->benchmarks[k]->workload == w && s->benchmarks[k]->task == w->task;
		if (!has || gpuadv_model_speed(&es, s, w, p, NULL) || !(es.speed > 0))
			continue;
		memset(&v, 0, sizeof(v));
		anchored_value(&v, cat, s, w, p, &es, ref_speed, &an);
		if (v.basis == GPUADV_BASIS_ESTIMATED || !(v.value > 0))
			continue;
		sum += log(v.value / (es.speed / ref_speed));
		(*count)++;
	}
	return *count ? sum / (double)*count : NAN;
}

/*
 * The value a ranking uses, one rule for every precision: the card's own
 * measurement against the reference (direct_value); else its measured ratio
 * to cards that have one (bridged_value); else the estimate corrected by
 * its ratios to the other cards of its groups (card_residual), whose level
 * stays the model's; else, for a card with no results, the estimate moved
 * as its measured siblings sit from theirs (sibling_residual); else the
 * estimate. Returns whether the value rests on a measurement of this card
 * against the reference (the band is then narrower); *an: on which.
 */
static bool value_of(struct gpuadv_perf *out, const struct gpuadv_catalog *cat,
		     const struct gpuadv_gpu *gpu, const struct gpuadv_workload *w,
		     enum gpuadv_precision p, const struct gpuadv_model_estimate *est,
		     double ref_speed, struct anchor *an)
{
	double r;

	anchored_value(out, cat, gpu, w, p, est, ref_speed, an);
	if (out->basis != GPUADV_BASIS_ESTIMATED)
		return true;
	r = gpu->benchmark_count ? card_residual(cat, gpu, w)
				 : sibling_residual(cat, gpu, w, p, ref_speed, &out->siblings);
	out->value = est->speed / ref_speed * (isnan(r) ? 1 : exp(r));
	out->basis = isnan(r) ? GPUADV_BASIS_ESTIMATED : GPUADV_BASIS_CALIBRATED;
	return false;
}

int gpuadv__perf_at(struct gpuadv_perf *out, const struct gpuadv_catalog *cat,
		    const struct gpuadv_gpu *gpu, const struct gpuadv_workload *w,
		    enum gpuadv_precision p, double ref_speed)
{
	struct gpuadv_model_estimate est;
	struct anchor an;
	double band;
	bool anchored;
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
	anchored = value_of(out, cat, gpu, w, p, &est, ref_speed, &an);
	out->measured_precision = an.label >= 0 ? gpuadv_precision_name((enum gpuadv_precision)an.label)
						: NULL;
	band = gpuadv_model_error_pct(gpu, w, &est);
	/* A card's own results against the reference, directly or through the
	 * cards beside it, take most of the model's error away; what is left
	 * is the step between sets. A step between precisions is the model's
	 * and errs as much: between fp16 and fp32, leaving out nothing, by
	 * 4-8% median, about the workload's band (test_label_step); so does a
	 * value whose level rests on ratios within its groups alone. */
	out->error_pct = out->basis == GPUADV_BASIS_MEASURED ? MEASURED_ERROR_PCT
			 : out->basis == GPUADV_BASIS_CALIBRATED && anchored && an.step < 1e-9
				 ? fmax(MEASURED_ERROR_PCT, round(band / 2))
				 : band;
	return 0;
}

int gpuadv_engine_perf(struct gpuadv_perf *out, const struct gpuadv_catalog *cat,
		       const struct gpuadv_gpu *gpu,
		       const struct gpuadv_workload *w, enum gpuadv_precision p)
{
	return gpuadv__perf_at(out, cat, gpu, w, p, gpuadv__reference_speed(cat, w, p));
}

