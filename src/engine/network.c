/*
 * network.c - a named model's training speed from the per-network
 * performance model (networks.c) when the model is one of its networks
 * (resnet-50, bert-large, ...): each GPU's throughput relative to the
 * reference GPU's on that network, and one GPU's step time for the
 * data-parallel scaling model, anchored to the reference GPU's measured
 * throughput on the network where the catalogue has one. Models the
 * performance model does not know keep the catalogue workload's figure.
 */
#include "gpu_advisor/engine.h"
#include "gpu_advisor/model.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "engine_internal.h"

const struct gpuadv_workload *gpuadv__model_workload(const struct gpuadv_catalog *cat,
						     const struct gpuadv_model_spec *m, int task)
{
	const char *id = "transformer";
	const struct gpuadv_workload *w;

	if (m->kind == GPUADV_KIND_LLM && task == GPUADV_INFER)
		id = "llm-inference";
	else if (m->kind == GPUADV_KIND_VISION || m->kind == GPUADV_KIND_DIFFUSION)
		id = "cnn";
	else if (m->kind == GPUADV_KIND_GAN)
		id = "gan";
	else if (m->kind == GPUADV_KIND_TRANSLATION)
		id = "lstm";
	w = gpuadv_catalog_find_workload(cat, id);
	return w ? w : cat->workload_count ? &cat->workloads[0] : NULL;
}

const struct gpuadv_network_profile *gpuadv__model_network(const struct gpuadv_query *q,
							   const struct gpuadv_model_spec *m)
{
	const struct gpuadv_network_profile *n;

	/* The profiles are full training: not inference, not LoRA. */
	if (!m || !m->id || q->task == GPUADV_INFER ||
	    (q->method >= 0 && q->method != GPUADV_METHOD_FULL))
		return NULL;
	n = gpuadv_model_network(m->id);
	return n && n->gflop > 0 ? n : NULL;
}

/* The reference GPU's measured training throughput on n, samples/s, at a
 * precision that moves data of p's size (newest set first); NAN where the
 * catalogue has none. */
static double reference_measured(const struct gpuadv_catalog *cat,
				 const struct gpuadv_network_profile *n, enum gpuadv_precision p)
{
	const char *set = NULL;
	double tput = NAN;
	size_t i;

	for (i = 0; i < cat->reference->benchmark_count; i++) {
		const struct gpuadv_benchmark *b = cat->reference->benchmarks[i];

		if (b->task != GPUADV_TRAIN || !(b->throughput > 0) ||
		    gpuadv_model_network(b->network) != n || !gpuadv_model_same_data(b->precision, p) ||
		    (set && strcmp(b->set, set) <= 0))
			continue;
		set = b->set;
		tput = b->throughput;
	}
	return tput;
}

/* Seconds per sample that one unit of the model's time stands for on the
 * reference GPU: measured over modelled on n, else the geometric mean of
 * that ratio over the networks it has measurements for, else the model's
 * own unit (ms, with the maths at half of peak). */
static double time_unit(const struct gpuadv_catalog *cat, const struct gpuadv_network_profile *n,
			const struct gpuadv_model *params, enum gpuadv_precision p, bool *measured)
{
	const struct gpuadv_network_profile *k;
	struct gpuadv_model_estimate est;
	double logs = 0, m;
	size_t count = 0;

	*measured = false;
	m = reference_measured(cat, n, p);
	if (m > 0 && gpuadv_model_network_speed(&est, cat->reference, n, params, p, NULL) == 0) {
		*measured = true;
		return est.speed / m; /* speed = 1 / model time */
	}
	for (k = gpuadv_model_networks; k->id; k++) {
		if (!(k->gflop > 0) || !((m = reference_measured(cat, k, p)) > 0) ||
		    gpuadv_model_network_speed(&est, cat->reference, k, params, p, NULL))
			continue;
		logs += log(est.speed / m);
		count++;
	}
	return count ? exp(logs / (double)count) : 1e-3;
}

int gpuadv__network_perf(struct gpuadv_perf *out, struct gpuadv_network_step *step,
			 const struct gpuadv_catalog *cat, const struct gpuadv_gpu *gpu,
			 const struct gpuadv_workload *w, const struct gpuadv_network_profile *n,
			 enum gpuadv_precision p, double batch)
{
	struct gpuadv_model_estimate est, ref;
	int rc;

	memset(out, 0, sizeof(*out));
	out->workload = w;
	out->network = n->id;
	out->precision = p;
	out->estimated = out->measured = out->value = NAN;
	out->basis = GPUADV_BASIS_ESTIMATED;
	if (step) {
		step->seconds = step->batch = NAN;
		step->anchored = false;
	}
	if ((rc = gpuadv_model_network_speed(&est, gpu, n, &w->model, p, NULL))) {
		snprintf(out->note, sizeof(out->note), "%s", est.note);
		return GPUADV_ENOTFOUND;
	}
	if (gpuadv_model_network_speed(&ref, cat->reference, n, &w->model, p, NULL) &&
	    gpuadv_model_network_speed(&ref, cat->reference, n, &w->model, w->default_precision,
				       NULL)) {
		snprintf(out->note, sizeof(out->note),
			 "the reference GPU '%s' has no estimate for network '%s'",
			 cat->reference->id, n->id);
		return GPUADV_ENOTFOUND;
	}
	out->estimated = out->value = est.speed / ref.speed;
	out->fallback = est.fallback;
	out->compute_share = est.compute_share;
	if (est.fallback)
		snprintf(out->note, sizeof(out->note), "%s", est.note);
	out->error_pct = gpuadv_model_error_pct(gpu, w, &est);
	if (step) {
		step->batch = batch > 1 ? batch : est.batch;
		step->seconds = step->batch / est.speed *
				time_unit(cat, n, &w->model, p, &step->anchored);
	}
	return 0;
}
