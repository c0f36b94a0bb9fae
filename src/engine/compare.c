/*
 * compare.c - GPUs (or configurations: count x a card) side by side: each
 * one's performance per workload, its ratio to the first, per dollar and
 * per watt, and which is fastest and which the best value (the renderers
 * word the verdict); with a model, whether it fits each configuration and
 * how fast it decodes there.
 */
#include "gpu_advisor/engine.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "engine_internal.h"

#include "gpu_advisor/scaling.h"

/* A reference GPU's training step for the scaling estimate of a workload
 * configuration: 250 ms (Lambda's per-GPU batches run 0.1-0.5 s on the
 * reference 3090); faster cards step in proportion. The gradients are
 * those of a 100M-parameter network in 16 bits. Both are assumptions
 * (docs/performance-model.md, "Configurations"). */
#define REF_STEP_S 0.25
#define WORKLOAD_GRAD_BYTES (2 * 100e6)

static void verdict(struct gpuadv_compare_row *row, size_t n)
{
	size_t i;

	row->fastest = row->best_value = -1;
	for (i = 0; i < n; i++) {
		if (!row->ok[i])
			continue;
		if (row->fastest < 0 || row->perf[i].value > row->perf[row->fastest].value)
			row->fastest = (long)i;
		if (!isnan(row->per_kusd[i]) &&
		    (row->best_value < 0 || row->per_kusd[i] > row->per_kusd[row->best_value]))
			row->best_value = (long)i;
	}
}

/* count x one card's perf x the data-parallel efficiency of training. */
static void scale(struct gpuadv_compare_row *row, size_t i, const struct gpuadv_gpu *g,
		  unsigned count)
{
	struct gpuadv_llm_gpu lg;
	struct gpuadv_scaling_input in = { 0 };
	double eff = 1, k;

	row->scaling[i] = NAN;
	if (count == 1 || !row->ok[i])
		return;
	if (row->workload->task == GPUADV_TRAIN) {
		gpuadv_llm_gpu_from_catalog(&lg, g);
		in.gpus = count;
		in.link_gbs = lg.link_gbs;
		in.nvlink = lg.nvlink;
		in.grad_bytes = WORKLOAD_GRAD_BYTES;
		in.step_seconds = REF_STEP_S / row->perf[i].value;
		if (gpuadv_scaling_efficiency(&eff, &in, NULL, NULL) != 0)
			eff = 1;
	}
	row->scaling[i] = eff;
	k = count * eff;
	row->perf[i].value *= k;
	row->perf[i].estimated *= k;
	row->perf[i].measured *= k;
}

/* The same for a model's network: its own step (network.c), gradients in
 * FP32 as the scaling fit counted them; the fit shows what it rests on. */
static void network_scale(struct gpuadv_compare_row *row, size_t i, struct gpuadv_model_fit *fit,
			  const struct gpuadv_network_profile *net,
			  const struct gpuadv_network_step *step)
{
	double k;

	row->scaling[i] = NAN;
	if (fit->count <= 1 || !row->ok[i])
		return;
	gpuadv__fit_scaling(fit, 4 * net->params_m * 1e6, step->seconds);
	fit->step_batch = step->batch;
	fit->step_network = true;
	fit->step_anchored = step->anchored;
	row->scaling[i] = isnan(fit->scaling) ? 1 : fit->scaling;
	k = fit->count * row->scaling[i];
	row->perf[i].value *= k;
	row->perf[i].estimated *= k;
	row->perf[i].measured *= k;
}

static void model_verdict(struct gpuadv_comparison *c)
{
	size_t i;

	c->model_fastest = c->model_best_value = -1;
	for (i = 0; i < c->gpu_count; i++) {
		const struct gpuadv_model_fit *f = &c->fits[i];
		double v = f->llm ? f->decode_tokens_per_s : NAN;

		if (!f->fits || isnan(v))
			continue;
		if (c->model_fastest < 0 || v > c->fits[c->model_fastest].decode_tokens_per_s)
			c->model_fastest = (long)i;
		if (!isnan(c->prices[i].usd) &&
		    (c->model_best_value < 0 ||
		     v / c->prices[i].usd > c->fits[c->model_best_value].decode_tokens_per_s /
						    c->prices[c->model_best_value].usd))
			c->model_best_value = (long)i;
	}
}

int gpuadv_engine_compare(struct gpuadv_comparison *out,
			  const struct gpuadv_catalog *cat,
			  const struct gpuadv_query *q, struct gpuadv_error *err)
{
	struct gpuadv_comparison *c = out;
	const struct gpuadv_network_profile *net = NULL;
	size_t i, w, n = q->gpu_count, nw;
	int rc;

	memset(out, 0, sizeof(*out));
	if (n < 2 || n > GPUADV_COMPARE_MAX) /* the validator's: a guard */
		return gpuadv_error_set(err, GPUADV_EUSAGE, "compare takes 2 to %d GPUs, got %zu",
					GPUADV_COMPARE_MAX, n);
	c->query = *q;
	c->model = gpuadv_query_model(&c->query, &c->custom);
	/* A model the per-network model knows gets its own row (its training);
	 * any other model only its fit, unless a workload is asked for. */
	if (c->model && (net = gpuadv__model_network(&c->query, c->model)))
		c->network = net->id;
	nw = q->workload || net ? 1 : c->model ? 0 : cat->workload_count;
	if (nw == 0 && !c->model)
		return gpuadv_error_set(err, GPUADV_EDATA, "the catalogue defines no workloads");
	c->rows = nw ? calloc(nw, sizeof(*c->rows)) : NULL;
	if (nw && !c->rows)
		return gpuadv_error_set(err, GPUADV_ENOMEM, "out of memory");
	c->gpu_count = n;
	c->row_count = nw;
	for (i = 0; i < n; i++) {
		struct gpuadv_price buy;

		c->gpus[i] = q->gpus[i];
		c->counts[i] = q->gpu_counts[i] ? q->gpu_counts[i] : 1;
		c->configs |= c->counts[i] > 1;
		gpuadv_engine_price(&c->prices[i], cat, q, q->gpus[i]);
		gpuadv__price_times(&c->prices[i], c->counts[i]);
		gpuadv_engine_purchase(&buy, cat, q, q->gpus[i]);
		gpuadv_engine_tco(&c->tco[i], cat, &c->query, q->gpus[i], &buy);
		gpuadv__tco_times(&c->tco[i], c->counts[i]);
		if (c->model && (rc = gpuadv_engine_model_fit(&c->fits[i], &c->query, c->model,
							      c->gpus[i], c->counts[i], err))) {
			gpuadv_comparison_release(c);
			return rc;
		}
	}
	if (c->model)
		model_verdict(c);
	for (w = 0; w < nw; w++) {
		struct gpuadv_compare_row *row = &c->rows[w];

		row->workload = q->workload ? q->workload
				: net ? gpuadv__model_workload(cat, c->model, c->query.task)
				      : &cat->workloads[w];
		row->precision = q->precision >= 0 ? (enum gpuadv_precision)q->precision
						   : row->workload->default_precision;
		for (i = 0; i < n; i++) {
			double watts = c->gpus[i]->v[GPUADV_F_TDP_W] * c->counts[i];

			if (net) {
				struct gpuadv_network_step step;

				row->ok[i] = gpuadv__network_perf(&row->perf[i], &step, cat, c->gpus[i],
								  row->workload, net, row->precision,
								  c->query.batch) == 0;
				network_scale(row, i, &c->fits[i], net, &step);
			} else {
				row->ok[i] = gpuadv_engine_perf(&row->perf[i], cat, c->gpus[i],
								row->workload, row->precision) == 0;
				scale(row, i, c->gpus[i], c->counts[i]);
			}
			/* Per $1000 of a purchase; a rental rate is not one. */
			row->per_kusd[i] = row->ok[i] && c->prices[i].basis != GPUADV_PB_CLOUD
						   ? row->perf[i].value / c->prices[i].usd * 1000
						   : NAN;
			row->per_watt[i] = row->ok[i] ? row->perf[i].value / watts * 100
						      : NAN;
		}
		for (i = 0; i < n; i++)
			row->ratio[i] = row->ok[i] && row->ok[0]
						? row->perf[i].value / row->perf[0].value
						: NAN;
		verdict(row, n);
	}
	return 0;
}

void gpuadv_comparison_release(struct gpuadv_comparison *c)
{
	if (!c)
		return;
	free(c->rows);
	memset(c, 0, sizeof(*c));
}
