/*
 * configs.c - recommend with a model (--model, --params) or several cards
 * per configuration (--max-gpus): every card x count from 1 to N, priced
 * at count x the card, filtered by the same constraints as one card, the
 * model's memory need in place of the workload's suggestion, and ranked.
 * An LLM's inference ranks by decode tokens/s (relative to the reference
 * GPU's on the same model); anything else by the workload's performance (a
 * named network the performance model knows: its own, network.c) x
 * count x data-parallel efficiency. A larger configuration of a card is
 * listed only when it is faster than the smaller ones listed (a layer
 * split decodes no faster on more cards: the cheapest that fits stays).
 */
#include "gpu_advisor/engine.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "gpu_advisor/scaling.h"
#include "engine_internal.h"

/* The same assumptions as compare's (compare.c, docs). */
#define REF_STEP_S 0.25
#define WORKLOAD_GRAD_BYTES (2 * 100e6)

/* The data-parallel efficiency of count cards on a workload (no model). */
static double workload_scaling(const struct gpuadv_workload *w, const struct gpuadv_gpu *g,
			       unsigned count, double perf)
{
	struct gpuadv_scaling_input in = { 0 };
	struct gpuadv_llm_gpu lg;
	double eff = 1;

	if (count == 1 || w->task != GPUADV_TRAIN || !(perf > 0))
		return 1;
	gpuadv_llm_gpu_from_catalog(&lg, g);
	in.gpus = count;
	in.link_gbs = lg.link_gbs;
	in.nvlink = lg.nvlink;
	in.grad_bytes = WORKLOAD_GRAD_BYTES;
	in.step_seconds = REF_STEP_S / perf;
	if (gpuadv_scaling_efficiency(&eff, &in, NULL, NULL) != 0)
		return 1;
	return eff;
}

static int setup(struct gpuadv_recommendation *rec, const struct gpuadv_network_profile **net,
		 const struct gpuadv_catalog *cat, const struct gpuadv_query *q,
		 struct gpuadv_error *err)
{
	struct gpuadv_model_fit ref;
	int rc;

	rec->query = *q;
	rec->pick_fastest = rec->pick_value = rec->pick_memory = -1;
	rec->budget_to_admit = rec->memory_to_admit = rec->reference_decode = NAN;
	*net = NULL;
	rec->model = gpuadv_query_model(&rec->query, &rec->custom);
	if (!rec->query.workload && rec->model) {
		rec->query.workload = gpuadv__model_workload(cat, rec->model, q->task);
		rec->workload_from_model = true;
	}
	if (!rec->query.workload)
		return gpuadv_error_set(err, GPUADV_EDATA, "the catalogue defines no workloads");
	if (rec->query.precision < 0)
		rec->query.precision = q->quant && !q->quant->weight_only && q->quant->math_precision >= 0
					       ? q->quant->math_precision
					       : (int)rec->query.workload->default_precision;
	if (!rec->model && isnan(rec->query.min_memory_gb)) {
		rec->query.min_memory_gb = rec->query.workload->suggested_memory_gb;
		rec->memory_from_workload = true;
	}
	if (rec->model) {
		rec->query.min_memory_gb = NAN; /* the model's need replaces it */
		if ((rc = gpuadv_engine_model_fit(&ref, &rec->query, rec->model, cat->reference,
						  1, err)))
			return rc;
		rec->reference_decode = ref.llm ? ref.decode_tokens_per_s : NAN;
		if ((*net = gpuadv__model_network(&rec->query, rec->model)))
			rec->network = (*net)->id;
	}
	return 0;
}

int gpuadv__recommend_configs(struct gpuadv_recommendation *out,
			      const struct gpuadv_catalog *cat,
			      const struct gpuadv_query *q, struct gpuadv_error *err)
{
	struct gpuadv_recommendation rec;
	const struct gpuadv_network_profile *net;
	unsigned maxn = isnan(q->max_gpus) ? 1 : (unsigned)q->max_gpus, n;
	enum gpuadv_precision prec;
	size_t i, slots;
	double ref_speed;
	int rc;

	memset(&rec, 0, sizeof(rec));
	memset(out, 0, sizeof(*out));
	if ((rc = setup(&rec, &net, cat, q, err)))
		goto done;
	prec = (enum gpuadv_precision)rec.query.precision;
	ref_speed = gpuadv__reference_speed(cat, rec.query.workload, prec);
	slots = cat->gpu_count * maxn;
	rec.results = calloc(slots ? slots : 1, sizeof(*rec.results));
	rec.excluded = calloc(cat->gpu_count ? cat->gpu_count : 1, sizeof(*rec.excluded));
	if (!rec.results || !rec.excluded) {
		rc = gpuadv_error_set(err, GPUADV_ENOMEM, "out of memory");
		goto done;
	}
	for (i = 0; i < cat->gpu_count; i++) {
		const struct gpuadv_gpu *g = &cat->gpus[i];
		struct gpuadv_excluded *x = &rec.excluded[rec.excluded_count], first = { 0 };
		struct gpuadv_perf perf;
		struct gpuadv_network_step step;
		struct gpuadv_price card;
		double best = -1;
		unsigned fails = 0, first_fails = 0;
		bool kept = false, have_first = false;
		int prc;

		gpuadv_engine_price(&card, cat, &rec.query, g);
		prc = net ? gpuadv__network_perf(&perf, &step, cat, g, rec.query.workload, net, prec,
						 rec.query.batch)
			  : gpuadv__perf_at(&perf, cat, g, rec.query.workload, prec, ref_speed);
		for (n = 1; n <= maxn; n++) {
			struct gpuadv_result *r = &rec.results[rec.matched];
			bool llm;

			memset(r, 0, sizeof(*r));
			r->gpu = g;
			r->count = n;
			r->price = card;
			gpuadv__price_times(&r->price, n);
			r->perf = perf;
			r->fit.scaling = NAN;
			if (rec.model) {
				if ((rc = gpuadv_engine_model_fit(&r->fit, &rec.query, rec.model, g, n,
								  err)))
					goto done;
				r->has_fit = true;
				/* The network's own step, gradients in FP32 as the
				 * scaling fit counted them (Lambda's AMP runs). */
				if (net && !prc && n > 1) {
					gpuadv__fit_scaling(&r->fit, 4 * net->params_m * 1e6,
							    step.seconds);
					r->fit.step_batch = step.batch;
					r->fit.step_network = true;
					r->fit.step_anchored = step.anchored;
				}
			}
			llm = r->has_fit && r->fit.llm;
			fails = gpuadv__rec_check(cat, &rec.query, g, n, r->has_fit ? &r->fit : NULL,
						  &r->price, llm ? 0 : prc, x);
			/* The first configuration that holds the model (else the
			 * largest) speaks for the card when none qualifies. */
			if (!have_first || (!(fails & (1u << GPUADV_C_MEMORY)) &&
					    (first_fails & (1u << GPUADV_C_MEMORY))) || n == maxn) {
				if (!have_first || (first_fails & (1u << GPUADV_C_MEMORY))) {
					first = *x;
					first.count = n;
					first.price = r->price;
					first_fails = fails;
					have_first = true;
				}
			}
			if (fails)
				continue;
			if (llm) {
				r->perf.estimated = r->perf.value =
					r->fit.decode_tokens_per_s / rec.reference_decode;
				r->perf.measured = NAN;
				r->perf.basis = GPUADV_BASIS_ESTIMATED;
				r->perf.fallback = false;
			} else {
				double eff = r->has_fit ? r->fit.scaling
						       : workload_scaling(rec.query.workload, g, n,
									  perf.value);

				if (isnan(eff))
					eff = 1;
				r->fit.scaling = eff;
				r->perf.value *= n * eff;
				r->perf.estimated *= n * eff;
				r->perf.measured *= n * eff;
			}
			if (!(r->perf.value > best * 1.0001))
				continue; /* no faster than a smaller one of this card */
			best = r->perf.value;
			gpuadv__rec_score(cat, &rec.query, r);
			rec.matched++;
			kept = true;
		}
		if (kept)
			continue;
		*x = first;
		x->gpu = g;
		memcpy(x->note, first_fails & (1u << GPUADV_C_PRECISION) && rec.model &&
					!rec.results[rec.matched].fit.runs
				? rec.results[rec.matched].fit.note : perf.note,
		       sizeof(x->note));
		gpuadv__rec_tally(&rec, g, &x->price, first_fails);
		rec.excluded_count++;
	}
	rc = gpuadv__rec_finish(&rec, err);
done:
	if (rc && rc != GPUADV_ENOTFOUND) {
		gpuadv_recommendation_release(&rec);
		return rc;
	}
	*out = rec;
	if (out->model == &rec.custom)
		out->model = &out->custom;
	return rc;
}
