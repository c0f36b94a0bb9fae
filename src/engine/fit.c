/*
 * fit.c - a model on a configuration (count x one card): the memory it
 * needs against what the cards hold, whether the cards can do its maths,
 * decode and prefill speed for an LLM's inference (llm_speed.h) and the
 * data-parallel efficiency of training (scaling.h); and the `memory`
 * answer, which cards hold a model on 1, 2, 4 or 8 of them.
 */
#include "gpu_advisor/engine.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gpu_advisor/prices.h"
#include "gpu_advisor/scaling.h"
#include "engine_internal.h"

const unsigned gpuadv_memory_counts[GPUADV_MEMORY_COUNTS] = { 1, 2, 4, 8 };

/* Training keeps this share of peak Tensor throughput busy (model FLOPs
 * utilisation): an assumption for the step time that data-parallel scaling
 * weighs the all-reduce against (docs/performance-model.md). */
#define TRAIN_MFU 0.4

#define F(m, f) ((m)->v[GPUADV_MF_##f])

static void memory_query(struct gpuadv_memory_query *mq, const struct gpuadv_query *q,
			 const struct gpuadv_model_spec *m, unsigned gpus)
{
	memset(mq, 0, sizeof(*mq));
	mq->model = m;
	mq->quant = q->quant;
	mq->task = q->task == GPUADV_INFER ? GPUADV_MEM_INFER
		   : q->task == GPUADV_TASK_FINETUNE ? GPUADV_MEM_FINETUNE : GPUADV_MEM_TRAIN;
	mq->method = q->method >= 0 ? (enum gpuadv_mem_method)q->method : GPUADV_METHOD_FULL;
	mq->optimizer = q->optimizer >= 0 ? (enum gpuadv_optimizer)q->optimizer : GPUADV_OPT_ADAMW;
	mq->checkpointing = q->checkpointing > 0;
	mq->batch = isnan(q->batch) ? 1 : q->batch;
	mq->context = isnan(q->context) ? 0 : q->context;
	mq->gpus = gpus;
}

/* One GPU's share under FSDP: weights, gradients and optimiser state split
 * n ways; activations (its own micro-batch) and the runtime whole. */
static void shard(struct gpuadv_memory *mem, unsigned n)
{
	double dynamic;

	mem->weights /= n;
	mem->gradients /= n;
	mem->optimizer /= n;
	dynamic = mem->activations + mem->gradients + mem->optimizer;
	mem->overhead = GPUADV_MEM_TRAIN_OVERHEAD + GPUADV_MEM_FRAGMENTATION * dynamic;
	mem->required = mem->weights + mem->kv_cache + mem->activations + mem->gradients +
			mem->optimizer + mem->overhead;
}

/* The memory a configuration needs, against what it holds. */
static int fit_memory(struct gpuadv_model_fit *out, const struct gpuadv_query *q,
		      const struct gpuadv_model_spec *m, double card_gb, unsigned count,
		      struct gpuadv_error *err)
{
	struct gpuadv_memory_query mq;
	bool train = q->task != GPUADV_INFER;
	int rc;

	memory_query(&mq, q, m, train ? 1 : count);
	if ((rc = gpuadv_memory_estimate(&out->memory, &mq, err)))
		return rc;
	out->per_gpu = train;
	if (train && count > 1 && q->sharding == GPUADV_SHARD_FSDP)
		shard(&out->memory, count);
	out->required_gb = out->memory.required / GPUADV_GIB;
	out->available_gb = train ? card_gb : card_gb * count;
	return 0;
}

/* The maths a non-weight-only format needs (fp8: Ada, Hopper or newer). */
static bool maths_ok(struct gpuadv_model_fit *out, const struct gpuadv_query *q,
		     const struct gpuadv_gpu *g)
{
	const struct gpuadv_quant *qt = q->quant;

	if (!qt || qt->weight_only || qt->math_precision < 0 ||
	    gpuadv_gpu_has_tensor(g, (enum gpuadv_precision)qt->math_precision))
		return true;
	snprintf(out->note, sizeof(out->note), "%s weights need %s Tensor Cores, which %s (%s) lacks",
		 qt->name, gpuadv_precision_name((enum gpuadv_precision)qt->math_precision),
		 g->id, g->arch->name);
	return false;
}

/* An LLM's figures for the speed model. MLA caches kv_lora_rank +
 * qk_rope_head_dim values per token and layer: as KV heads of head_dim,
 * that is their sum over 2 head_dim. */
static bool llm_model(struct gpuadv_llm_model *lm, const struct gpuadv_query *q,
		      const struct gpuadv_model_spec *m)
{
	memset(lm, 0, sizeof(*lm));
	if (!gpuadv_model_decodes(m))
		return false;
	lm->total_params = F(m, PARAMS);
	lm->active_params = gpuadv_model_active_params(m);
	lm->bits_per_weight = q->quant ? q->quant->bits_per_weight : 16;
	lm->layers = F(m, LAYERS);
	lm->hidden = F(m, HIDDEN_SIZE);
	lm->head_dim = F(m, HEAD_DIM);
	lm->kv_heads = m->attention == GPUADV_ATTN_MLA
			       ? (F(m, KV_LORA_RANK) + F(m, QK_ROPE_HEAD_DIM)) / (2 * F(m, HEAD_DIM))
			       : F(m, KV_HEADS);
	lm->kv_bits = 16;
	return true;
}

static void llm_speed(struct gpuadv_model_fit *out, const struct gpuadv_query *q,
		      const struct gpuadv_model_spec *m, const struct gpuadv_gpu *g,
		      unsigned count)
{
	struct gpuadv_llm_model lm;
	struct gpuadv_llm_gpu lg;
	struct gpuadv_llm_setup setup = { 0 };
	struct gpuadv_llm_speed sp;

	gpuadv_llm_gpu_from_catalog(&lg, g);
	out->bandwidth_gbs = lg.bandwidth_gbs;
	out->link_gbs = lg.link_gbs;
	out->nvlink = lg.nvlink;
	if (q->task != GPUADV_INFER || !llm_model(&lm, q, m))
		return;
	out->llm = true;
	/* No Tensor Cores (Pascal) or no figure: llama.cpp's maths run on the
	 * CUDA cores, so their FP32 rate bounds prefill. */
	if (!isfinite(lg.tensor_tflops)) {
		lg.tensor_tflops = lg.fp16_acc_tflops = lg.fp32_tflops;
	}
	setup.gpus = count;
	setup.parallel = (enum gpuadv_parallel)q->parallel;
	setup.context = out->context;
	setup.batch = isnan(q->batch) ? 1 : (unsigned)q->batch;
	if (gpuadv_llm_speed_estimate(&sp, &lg, &lm, &setup, NULL, NULL) != 0)
		return;
	out->decode_tokens_per_s = sp.decode_tokens_per_s;
	out->prefill_tokens_per_s = sp.prefill_tokens_per_s;
	out->batch_tokens_per_s = sp.batch_tokens_per_s;
	out->eta_bw = sp.eta_bw;
	out->layer_us = gpuadv_llm_default.layer_us;
}

void gpuadv__fit_scaling(struct gpuadv_model_fit *out, double grad_bytes, double step_s)
{
	struct gpuadv_scaling_input in = { 0 };

	out->step_s = step_s;
	in.gpus = out->count;
	in.link_gbs = out->link_gbs;
	in.nvlink = out->nvlink;
	in.grad_bytes = grad_bytes;
	in.step_seconds = step_s;
	if (gpuadv_scaling_efficiency(&out->scaling, &in, NULL, NULL) != 0)
		out->scaling = NAN;
}

/* Data-parallel training: the gradients (16-bit, of the trained weights)
 * all-reduced against one GPU's step: 6 FLOPs per trained-through
 * parameter and token (2 forward, 4 backward) at TRAIN_MFU of its Tensor
 * rate. A network the performance model knows replaces the step
 * (network.c, through the engine's callers). */
static void training_scaling(struct gpuadv_model_fit *out, const struct gpuadv_query *q,
			     const struct gpuadv_model_spec *m, const struct gpuadv_gpu *g,
			     unsigned count)
{
	double tensor = g->v[GPUADV_F_FP16_TENSOR_TFLOPS], per_sample;

	out->scaling = 1;
	if (q->task == GPUADV_INFER || count == 1)
		return;
	if (!isfinite(tensor))
		tensor = g->v[GPUADV_F_FP32_TFLOPS];
	per_sample = !isnan(F(m, FLOPS_PER_SAMPLE_GFLOP)) && !(q->context > 0)
			     ? 3 * F(m, FLOPS_PER_SAMPLE_GFLOP) * 1e9
			     : 6 * gpuadv_model_active_params(m) * fmax(q->context, 1);
	out->step_batch = isnan(q->batch) ? 1 : q->batch;
	gpuadv__fit_scaling(out, 2 * out->memory.trainable_params,
			    per_sample * out->step_batch / (TRAIN_MFU * tensor * 1e12));
}

int gpuadv_engine_model_fit(struct gpuadv_model_fit *out, const struct gpuadv_query *q,
			    const struct gpuadv_model_spec *m, const struct gpuadv_gpu *g,
			    unsigned count, struct gpuadv_error *err)
{
	int rc;

	memset(out, 0, sizeof(*out));
	out->count = count;
	out->decode_tokens_per_s = out->prefill_tokens_per_s = out->batch_tokens_per_s = NAN;
	out->eta_bw = out->layer_us = out->bandwidth_gbs = out->link_gbs = NAN;
	out->scaling = out->step_s = out->step_batch = NAN;
	out->context = isnan(q->context) ? 0 : q->context;
	out->parallel = q->parallel >= 0 ? (enum gpuadv_parallel)q->parallel
					 : GPUADV_PARALLEL_LAYER;
	if ((rc = fit_memory(out, q, m, g->v[GPUADV_F_MEMORY_GB], count, err)))
		return rc;
	out->runs = maths_ok(out, q, g);
	out->fits = out->runs && out->required_gb <= out->available_gb;
	llm_speed(out, q, m, g, count);
	training_scaling(out, q, m, g, count);
	return 0;
}

static double card_gb(const struct gpuadv_memory_config *c)
{
	return c->gpu ? c->gpu->v[GPUADV_F_MEMORY_GB] : NAN;
}

/* Whether g beats kept, of the same memory: the cheaper (a price against
 * none), else the one first in the catalogue. */
static bool cheaper(const struct gpuadv_catalog *cat, const struct gpuadv_gpu *g,
		    const struct gpuadv_memory_config *kept)
{
	struct gpuadv_price pg, pk;

	gpuadv_price_pick(&pg, cat, g, GPUADV_WANT_ANY, NULL);
	gpuadv_price_pick(&pk, cat, kept->gpu, GPUADV_WANT_ANY, NULL);
	return pg.usd < pk.usd || (!isnan(pg.usd) && isnan(pk.usd));
}

/* Keep g (fit: at count k) if it is the smallest card holding the model at
 * k so far, or the largest single card short of it; of cards with as much
 * memory, the cheapest. */
static void note_config(struct gpuadv_memory_answer *a, const struct gpuadv_catalog *cat,
			size_t k, const struct gpuadv_gpu *g, const struct gpuadv_model_fit *fit)
{
	double gb = g->v[GPUADV_F_MEMORY_GB];
	size_t j;

	if (isnan(gb))
		return;
	if (!fit->fits) {
		if (k == 0 && fit->runs &&
		    (!(gb <= card_gb(&a->short_of)) ||
		     (gb == card_gb(&a->short_of) && cheaper(cat, g, &a->short_of))))
			a->short_of = (struct gpuadv_memory_config){ .gpu = g, .fit = *fit };
		return;
	}
	for (j = 0; j < k; j++)
		if (a->smallest[j].gpu && !(gb < card_gb(&a->smallest[j])))
			return;
	if (!(gb >= card_gb(&a->smallest[k])) ||
	    (gb == card_gb(&a->smallest[k]) && cheaper(cat, g, &a->smallest[k])))
		a->smallest[k] = (struct gpuadv_memory_config){ .gpu = g, .fit = *fit };
}

int gpuadv_engine_memory(struct gpuadv_memory_answer *out, const struct gpuadv_catalog *cat,
			 const struct gpuadv_query *q, struct gpuadv_error *err)
{
	struct gpuadv_model_fit fit;
	size_t i, k;
	int rc = 0;

	memset(out, 0, sizeof(*out));
	out->query = *q;
	out->model = gpuadv_query_model(&out->query, &out->custom);
	if (!out->model)
		return gpuadv_error_set(err, GPUADV_EUSAGE, "'memory' needs a model");
	for (k = 0; k < GPUADV_MEMORY_COUNTS; k++) {
		unsigned n = gpuadv_memory_counts[k];

		out->fits[k] = calloc(cat->gpu_count ? cat->gpu_count : 1, sizeof(*out->fits[k]));
		if (!out->fits[k]) {
			rc = gpuadv_error_set(err, GPUADV_ENOMEM, "out of memory");
			goto done;
		}
		for (i = 0; i < cat->gpu_count; i++) {
			const struct gpuadv_gpu *g = &cat->gpus[i];

			if ((rc = gpuadv_engine_model_fit(&fit, &out->query, out->model, g, n, err)))
				goto done;
			if (i == 0) {
				out->required_gb[k] = fit.required_gb;
				out->per_gpu = fit.per_gpu;
				if (k == 0)
					out->memory = fit.memory;
			}
			if (fit.fits)
				out->fits[k][out->fit_count[k]++] = g;
			note_config(out, cat, k, g, &fit);
		}
	}
	if (q->on && (rc = gpuadv_engine_model_fit(&out->on.fit, &out->query, out->model, q->on,
						   q->on_count ? q->on_count : 1, err)))
		goto done;
	out->on.gpu = q->on;
	if (cat->gpu_count == 0) {
		struct gpuadv_memory_query mq;

		memory_query(&mq, q, out->model, 1);
		rc = gpuadv_memory_estimate(&out->memory, &mq, err);
		out->required_gb[0] = out->memory.required / GPUADV_GIB;
	}
done:
	if (rc)
		gpuadv_memory_answer_release(out);
	return rc;
}

void gpuadv_memory_answer_release(struct gpuadv_memory_answer *a)
{
	size_t k;

	if (!a)
		return;
	for (k = 0; k < GPUADV_MEMORY_COUNTS; k++)
		free(a->fits[k]);
	memset(a, 0, sizeof(*a));
}
