/*
 * memory.c - the memory estimate of memory.h: weights, KV cache (GQA, MLA
 * and sliding-window aware), activations, gradients, optimiser state and
 * runtime overhead, from the model catalogue's figures. The formulas and
 * their sources are in docs/memory.md; the comments here say why.
 */
#include "gpu_advisor/memory.h"
#include "base/enumname.h"

#include <math.h>
#include <string.h>

static const char *const task_names[GPUADV_MEM_TASK_COUNT] = { "infer", "train",
							       "finetune" };
static const char *const method_names[GPUADV_METHOD_COUNT] = { "full", "lora", "qlora" };
static const char *const opt_names[GPUADV_OPT_COUNT] = { "adamw", "adamw8bit", "sgd" };

const char *gpuadv_mem_task_name(enum gpuadv_mem_task t)
{
	return (unsigned)t < GPUADV_MEM_TASK_COUNT ? task_names[t] : "?";
}
int gpuadv_mem_task_parse(const char *s)
{
	return gpuadv__name_index(task_names, GPUADV_MEM_TASK_COUNT, s);
}
const char *gpuadv_mem_method_name(enum gpuadv_mem_method m)
{
	return (unsigned)m < GPUADV_METHOD_COUNT ? method_names[m] : "?";
}
int gpuadv_mem_method_parse(const char *s)
{
	return gpuadv__name_index(method_names, GPUADV_METHOD_COUNT, s);
}
const char *gpuadv_optimizer_name(enum gpuadv_optimizer o)
{
	return (unsigned)o < GPUADV_OPT_COUNT ? opt_names[o] : "?";
}
int gpuadv_optimizer_parse(const char *s)
{
	return gpuadv__name_index(opt_names, GPUADV_OPT_COUNT, s);
}

#define F(m, f) ((m)->v[GPUADV_MF_##f])

static bool is_transformer(const struct gpuadv_model_spec *m)
{
	return !isnan(F(m, LAYERS)) && !isnan(F(m, HIDDEN_SIZE)) &&
	       !isnan(F(m, ATTENTION_HEADS)) && !isnan(F(m, HEAD_DIM)) &&
	       !isnan(F(m, INTERMEDIATE_SIZE));
}

/* Token embeddings plus output head: what bitsandbytes and MXFP4
 * checkpoints keep in 16 bits. */
static double embedding_params(const struct gpuadv_model_spec *m)
{
	if (isnan(F(m, VOCAB_SIZE)) || isnan(F(m, HIDDEN_SIZE)))
		return 0;
	return F(m, VOCAB_SIZE) * F(m, HIDDEN_SIZE) * (m->tied_embeddings == 1 ? 1 : 2);
}

/* Q, K, V and O projections of all layers (not MLA's low-rank ones). */
static double attention_params(const struct gpuadv_model_spec *m)
{
	if (!is_transformer(m) || m->attention == GPUADV_ATTN_MLA)
		return 0;
	return F(m, LAYERS) * F(m, HIDDEN_SIZE) *
	       (2 * F(m, ATTENTION_HEADS) + 2 * F(m, KV_HEADS)) * F(m, HEAD_DIM);
}

static double weight_bytes(const struct gpuadv_model_spec *m, const struct gpuadv_quant *q,
			   double default_bits)
{
	double p = F(m, PARAMS), bits = q ? q->bits_per_weight : default_bits, e, a;

	if (!q)
		return p * bits / 8;
	/* bitsandbytes quantises nn.Linear only: embeddings and lm_head stay
	 * 16-bit. MXFP4 checkpoints (gpt-oss) quantise the experts only. */
	e = embedding_params(m);
	if (strcmp(q->format, "bitsandbytes") == 0 && bits < 16)
		return (p - e) * bits / 8 + e * 2;
	if (strcmp(q->format, "ocp-mx") == 0 && bits < 16) {
		a = attention_params(m);
		return (p - e - a) * bits / 8 + (e + a) * 2;
	}
	return p * bits / 8;
}

/* Bytes of KV cache: per token and layer, 2 (K and V) x kv_heads x head_dim
 * values, or kv_lora_rank + qk_rope_head_dim for MLA's compressed cache;
 * sliding-window layers hold at most their window. */
static double kv_bytes(const struct gpuadv_model_spec *m, const struct gpuadv_memory_query *q)
{
	double per_tok, layers = F(m, LAYERS), swa = 0, win = 0, bytes;

	bytes = q->kv_quant ? q->kv_quant->bits_per_weight / 8 : 2;
	if (m->attention == GPUADV_ATTN_MLA)
		per_tok = F(m, KV_LORA_RANK) + F(m, QK_ROPE_HEAD_DIM);
	else
		per_tok = 2 * F(m, KV_HEADS) * F(m, HEAD_DIM);
	if (!isnan(F(m, SLIDING_WINDOW_LAYERS))) {
		swa = F(m, SLIDING_WINDOW_LAYERS);
		win = fmin(q->context, F(m, SLIDING_WINDOW_TOKENS));
	}
	return q->batch * per_tok * bytes * ((layers - swa) * q->context + swa * win);
}

/* Mixture of experts: the MLP width a token passes through. */
static double mlp_width(const struct gpuadv_model_spec *m)
{
	double k = isnan(F(m, EXPERTS_PER_TOKEN)) ? 1 : F(m, EXPERTS_PER_TOKEN);

	return F(m, INTERMEDIATE_SIZE) * k;
}

/*
 * Inference: llama.cpp's compute buffer for one micro-batch of u tokens,
 * f32: the logits (u x vocab), the widest hidden states (2h + 2 x MLP
 * width per token) and, without flash attention, the scores (heads x u x
 * context). Matches the buffers llama.cpp logs within 10% (docs/memory.md).
 */
static double infer_activations(const struct gpuadv_model_spec *m,
				const struct gpuadv_memory_query *q)
{
	double u = fmin(q->context * q->batch, GPUADV_MEM_LLAMACPP_UBATCH);
	double v = isnan(F(m, VOCAB_SIZE)) ? 0 : F(m, VOCAB_SIZE);
	double a = 4 * u * (v + 2 * F(m, HIDDEN_SIZE) + 2 * mlp_width(m));

	if (q->eager_attention)
		a += 4 * F(m, ATTENTION_HEADS) * u * q->context;
	return a;
}

/*
 * Training, 16-bit activations kept for the backward pass, per token and
 * layer (after Korthikanti et al. 2022, generalised to GQA and gated MLPs):
 * 8h (two norm inputs, QKV and MLP inputs) + 4 hq + 4 hkv (Q, K, V and the
 * attention output) + 8 (gated) or 4 x MLP width; without flash attention
 * 5 x heads x context more. Checkpointing keeps each layer's input (2h)
 * and one layer at a time. The loss adds 10 bytes per token and vocabulary
 * entry (bf16 logits, their fp32 copy and its gradient).
 */
static double train_activations(const struct gpuadv_model_spec *m,
				const struct gpuadv_memory_query *q)
{
	double h = F(m, HIDDEN_SIZE), L = F(m, LAYERS), hd = F(m, HEAD_DIM);
	double hq = F(m, ATTENTION_HEADS) * hd;
	double hkv = (isnan(F(m, KV_HEADS)) ? F(m, ATTENTION_HEADS) : F(m, KV_HEADS)) * hd;
	double tokens = q->batch * q->context, layer, v;

	layer = 8 * h + 4 * hq + 4 * hkv + (m->gated_mlp == 1 ? 8 : 4) * mlp_width(m);
	if (q->eager_attention)
		layer += 5 * F(m, ATTENTION_HEADS) * q->context;
	v = isnan(F(m, VOCAB_SIZE)) ? 0 : F(m, VOCAB_SIZE);
	if (q->checkpointing)
		return tokens * (L * 2 * h + layer + 10 * v);
	return tokens * (L * layer + 10 * v);
}

/* Networks described by an activation count (timm's, per sample): 16-bit
 * values; training keeps about twice the counted outputs (normalisation
 * and activation-function outputs too), checkpointing about 1/sqrt(layers)
 * of them (Chen et al. 2016). Inference counts them all: an upper bound. */
static double sample_activations(const struct gpuadv_model_spec *m,
				 const struct gpuadv_memory_query *q, bool train)
{
	double a = q->batch * F(m, ACTIVATIONS_PER_SAMPLE_M) * 1e6 * 2;

	if (!train)
		return a;
	a *= 2;
	if (q->checkpointing && !isnan(F(m, LAYERS)))
		a /= sqrt(F(m, LAYERS));
	return a;
}

/* LoRA adapters on the Q, K, V and O projections: r x (in + out) each. */
static double lora_params(const struct gpuadv_model_spec *m, double r)
{
	double h = F(m, HIDDEN_SIZE), hd = F(m, HEAD_DIM);
	double hq = F(m, ATTENTION_HEADS) * hd, hkv = F(m, KV_HEADS) * hd;

	return F(m, LAYERS) * r * (4 * h + 2 * hq + 2 * hkv);
}

static bool sixteen_bit_or_more(const struct gpuadv_quant *qt)
{
	return !qt || (!qt->weight_only && qt->bits_per_weight >= 16);
}

static int check(const struct gpuadv_memory_query *q, struct gpuadv_error *err)
{
	const struct gpuadv_model_spec *m = q->model;
	const char *qid = q->quant ? q->quant->id : NULL;

	if (!m || (unsigned)q->task >= GPUADV_MEM_TASK_COUNT ||
	    (unsigned)q->method >= GPUADV_METHOD_COUNT ||
	    (unsigned)q->optimizer >= GPUADV_OPT_COUNT)
		return gpuadv_error_set(err, GPUADV_EINTERNAL, "bad memory query");
	if (isnan(F(m, PARAMS)))
		return gpuadv_error_set(err, GPUADV_EDATA,
					"model '%s' states no parameter count", m->id);
	if (!(q->batch >= 1) || !(q->gpus >= 1) || !(q->context >= 0) ||
	    !(q->lora_rank >= 0))
		return gpuadv_error_set(err, GPUADV_EUSAGE,
					"batch and GPU count must be at least 1");
	if (!isnan(F(m, MAX_CONTEXT_TOKENS)) && q->context > F(m, MAX_CONTEXT_TOKENS))
		return gpuadv_error_set(err, GPUADV_EUSAGE,
					"context %.0f is above the maximum of '%s', %.0f tokens",
					q->context, m->id, F(m, MAX_CONTEXT_TOKENS));
	if (!isnan(F(m, MAX_CONTEXT_TOKENS)) && !(q->context >= 1))
		return gpuadv_error_set(err, GPUADV_EUSAGE,
					"'%s' needs a context of at least 1 token", m->id);
	if (q->task == GPUADV_MEM_INFER && q->method != GPUADV_METHOD_FULL)
		return gpuadv_error_set(err, GPUADV_EUSAGE,
					"method '%s' applies to fine-tuning, not inference",
					method_names[q->method]);
	if (q->task == GPUADV_MEM_TRAIN && q->method != GPUADV_METHOD_FULL)
		return gpuadv_error_set(err, GPUADV_EUSAGE,
					"method '%s' applies to fine-tuning; training from "
					"scratch trains every weight", method_names[q->method]);
	if (q->task != GPUADV_MEM_INFER && q->method != GPUADV_METHOD_FULL &&
	    !is_transformer(m))
		return gpuadv_error_set(err, GPUADV_EUSAGE,
					"method '%s' needs a transformer's figures, which "
					"'%s' does not have", method_names[q->method], m->id);
	if (q->task != GPUADV_MEM_INFER && q->method == GPUADV_METHOD_QLORA &&
	    qid && strcmp(qid, "nf4") != 0)
		return gpuadv_error_set(err, GPUADV_EUSAGE,
					"QLoRA keeps the base weights in nf4, not '%s'", qid);
	if (q->task != GPUADV_MEM_INFER && q->method != GPUADV_METHOD_QLORA &&
	    !sixteen_bit_or_more(q->quant) && !(q->method == GPUADV_METHOD_LORA &&
						!strcmp(qid, "int8")))
		return gpuadv_error_set(err, GPUADV_EUSAGE,
					"weights in '%s' cannot be %s; use bf16, fp16 or "
					"fp32%s", qid,
					q->method == GPUADV_METHOD_FULL ? "trained"
									: "fine-tuned with LoRA",
					q->method == GPUADV_METHOD_FULL ? ", or LoRA/QLoRA" : "");
	return 0;
}

int gpuadv_memory_estimate(struct gpuadv_memory *out, const struct gpuadv_memory_query *q,
			   struct gpuadv_error *err)
{
	const struct gpuadv_model_spec *m = q->model;
	bool train = q->task != GPUADV_MEM_INFER, text;
	double r, wbytes, state, master, dynamic;
	int rc;

	memset(out, 0, sizeof(*out));
	if ((rc = check(q, err)))
		return rc;
	text = is_transformer(m) && !isnan(F(m, MAX_CONTEXT_TOKENS)) && q->context >= 1;

	/* Weights; QLoRA's base is NF4 whatever the query says. */
	if (train && q->method == GPUADV_METHOD_QLORA && !q->quant)
		out->weights = weight_bytes(m, NULL, 4.127) - embedding_params(m) * 4.127 / 8 +
			       embedding_params(m) * 2;
	else
		out->weights = weight_bytes(m, q->quant, 16);

	if (!train && text && m->kind != GPUADV_KIND_ENCODER &&
	    (!isnan(F(m, KV_HEADS)) || m->attention == GPUADV_ATTN_MLA))
		out->kv_cache = kv_bytes(m, q);

	if (text)
		out->activations = train ? train_activations(m, q) : infer_activations(m, q);
	else if (!isnan(F(m, ACTIVATIONS_PER_SAMPLE_M)))
		out->activations = sample_activations(m, q, train);
	else
		out->activations_unknown = true;

	if (train) {
		/* Mixed precision: 16-bit weights and gradients, fp32 master
		 * weights and optimiser state (ZeRO's 2 + 2 + 12 bytes for
		 * Adam); LoRA adapters train in fp32 and need no master copy. */
		if (q->method == GPUADV_METHOD_FULL) {
			out->trainable_params = F(m, PARAMS);
			wbytes = q->quant && q->quant->bits_per_weight >= 32 ? 4 : 2;
			master = wbytes < 4 ? 4 : 0;
		} else {
			r = q->lora_rank > 0 ? q->lora_rank : GPUADV_MEM_DEFAULT_LORA_RANK;
			out->trainable_params = lora_params(m, r);
			out->weights += out->trainable_params * 4;
			wbytes = 4;
			master = 0;
		}
		state = q->optimizer == GPUADV_OPT_ADAMW ? 8
			: q->optimizer == GPUADV_OPT_ADAMW8BIT ? 2 : 4;
		out->gradients = out->trainable_params * wbytes;
		out->optimizer = out->trainable_params * (state + master);
		dynamic = out->activations + out->gradients + out->optimizer;
		out->overhead = q->gpus * GPUADV_MEM_TRAIN_OVERHEAD +
				GPUADV_MEM_FRAGMENTATION * dynamic;
	} else {
		out->overhead = q->gpus * GPUADV_MEM_INFER_OVERHEAD;
	}
	out->required = out->weights + out->kv_cache + out->activations + out->gradients +
			out->optimizer + out->overhead;
	return 0;
}
