/*
 * model_query.c - the model part of a query (issue 10): which rows need a
 * model, the task, method, optimiser and quantisation against each other
 * and against the model, the context against the model's maximum, the
 * defaults, and the model a --params query describes (its assumed shape).
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "gpu_advisor/llm_speed.h"
#include "gpu_advisor/memory.h"
#include "gpu_advisor/params.h"
#include "gpu_advisor/query.h"
#include "query_internal.h"

#define DEFAULT_CONTEXT 4096
#define GPUADV_CUSTOM_MAX_CONTEXT 131072

/* How a message names a row, and another row it refers to. */
static const char *subject(char *buf, size_t size, enum gpuadv_param id,
			   enum gpuadv_naming naming)
{
	gpuadv_param_subject(buf, size, gpuadv_param(id), naming, NULL);
	return buf;
}

static const char *other(char *buf, size_t size, enum gpuadv_param id,
			 enum gpuadv_naming naming)
{
	const struct gpuadv_param_def *p = gpuadv_param(id);

	if (naming == GPUADV_NAMING_FLAG && p->flag)
		snprintf(buf, size, "--%s", p->flag);
	else
		snprintf(buf, size, "'%s'", p->key);
	return buf;
}

static bool row_set(const struct gpuadv_query *q, enum gpuadv_param id)
{
	const struct gpuadv_param_def *p = gpuadv_param(id);

	return (p->commands & GPUADV_CMD_BIT(q->command)) && gpuadv__query_is_set(q, p);
}

/* The rows that mean nothing without a model. */
static const enum gpuadv_param model_rows[] = {
	GPUADV_P_QUANT, GPUADV_P_CONTEXT, GPUADV_P_BATCH, GPUADV_P_METHOD,
	GPUADV_P_OPTIMIZER, GPUADV_P_CHECKPOINTING, GPUADV_P_PARALLEL,
	GPUADV_P_SHARDING, GPUADV_P_MIN_TOKENS, GPUADV_P_LAYERS, GPUADV_P_HIDDEN,
	GPUADV_P_KV_HEADS,
};

static bool float_weights(const struct gpuadv_quant *qt)
{
	return !qt || (!strcmp(qt->format, "float") && qt->bits_per_weight >= 16);
}

/* Whether the weights can be trained as the method trains them. */
static int check_quant(const struct gpuadv_query *q, enum gpuadv_naming naming,
		       struct gpuadv_error *err)
{
	const struct gpuadv_param_def *p = gpuadv_param(GPUADV_P_QUANT);
	const struct gpuadv_quant *qt = q->quant;
	char s[160];

	if (!qt || q->task == GPUADV_INFER)
		return 0;
	subject(s, sizeof(s), GPUADV_P_QUANT, naming);
	if (q->method == GPUADV_METHOD_QLORA && strcmp(qt->id, "nf4") != 0)
		return gpuadv_param_fail(err, GPUADV_EUSAGE, NULL, p, naming,
					 "%s '%s' makes no sense for QLoRA, which keeps the base "
					 "weights in nf4", s, qt->id);
	if (q->method == GPUADV_METHOD_LORA && !float_weights(qt) && strcmp(qt->id, "int8"))
		return gpuadv_param_fail(err, GPUADV_EUSAGE, NULL, p, naming,
					 "%s '%s' makes no sense for LoRA, which trains on 16-bit "
					 "or int8 weights (QLoRA: nf4)", s, qt->id);
	if (q->method == GPUADV_METHOD_FULL && !float_weights(qt))
		return gpuadv_param_fail(err, GPUADV_EUSAGE, NULL, p, naming,
					 "%s '%s' cannot be %s; train bf16, fp16 or fp32 weights%s",
					 s, qt->id, q->task == GPUADV_TASK_FINETUNE ? "fine-tuned"
										 : "trained",
					 q->task == GPUADV_TASK_FINETUNE
						 ? ", or fine-tune with LoRA or QLoRA" : "");
	return 0;
}

int gpuadv__query_check_model(struct gpuadv_query *q, enum gpuadv_naming naming,
			      struct gpuadv_error *err)
{
	struct gpuadv_model_spec scratch;
	const struct gpuadv_model_spec *m;
	bool train;
	char s[160], o[160], o2[160];
	double maxc;
	size_t i;

	if (q->command == GPUADV_CMD_SHOW || q->command == GPUADV_CMD_LIST ||
	    q->command == GPUADV_CMD_MODELS)
		return 0;
	if ((q->upgrade_from || q->upgrade_from_detected) && q->max_gpus > 1)
		return gpuadv_param_fail(err, GPUADV_EUSAGE, NULL,
					 gpuadv_param(GPUADV_P_UPGRADE_FROM), naming,
					 "%s compares one card with one; leave out %s",
					 subject(s, sizeof(s), GPUADV_P_UPGRADE_FROM, naming),
					 other(o, sizeof(o), GPUADV_P_MAX_GPUS, naming));
	if (!q->model && isnan(q->params)) {
		if (q->command == GPUADV_CMD_MEMORY)
			return gpuadv_param_fail(err, GPUADV_EUSAGE, "missing_key",
						 gpuadv_param(GPUADV_P_MODEL), naming,
						 naming == GPUADV_NAMING_FLAG
							 ? "'memory' needs --model or --params; see "
							   "'gpu-advisor models'"
							 : "'model' (or 'params') is required");
		for (i = 0; i < sizeof(model_rows) / sizeof(*model_rows); i++)
			if (row_set(q, model_rows[i]))
				return gpuadv_param_fail(err, GPUADV_EUSAGE, NULL,
							 gpuadv_param(model_rows[i]), naming,
							 "%s needs %s", subject(s, sizeof(s), model_rows[i], naming),
							 other(o, sizeof(o), GPUADV_P_MODEL, naming));
		return 0;
	}
	if (q->model && !isnan(q->params))
		return gpuadv_param_fail(err, GPUADV_EUSAGE, NULL, gpuadv_param(GPUADV_P_PARAMS),
					 naming, "%s describes a model not listed; give it or %s, not both",
					 subject(s, sizeof(s), GPUADV_P_PARAMS, naming),
					 other(o, sizeof(o), GPUADV_P_MODEL, naming));
	for (i = GPUADV_P_LAYERS; q->model && i <= GPUADV_P_KV_HEADS; i++)
		if (row_set(q, (enum gpuadv_param)i))
			return gpuadv_param_fail(err, GPUADV_EUSAGE, NULL,
						 gpuadv_param((enum gpuadv_param)i), naming,
						 "%s goes with %s (a model not listed)",
						 subject(s, sizeof(s), (enum gpuadv_param)i, naming),
						 other(o, sizeof(o), GPUADV_P_PARAMS, naming));

	/* Speed-ups over a card are a workload's, one card against one. */
	if (q->upgrade_from || q->upgrade_from_detected)
		return gpuadv_param_fail(err, GPUADV_EUSAGE, NULL,
					 gpuadv_param(GPUADV_P_UPGRADE_FROM), naming,
					 "%s goes with %s, not %s",
					 subject(s, sizeof(s), GPUADV_P_UPGRADE_FROM, naming),
					 other(o, sizeof(o), GPUADV_P_WORKLOAD, naming),
					 other(o2, sizeof(o2), GPUADV_P_MODEL, naming));
	if (q->task < 0)
		q->task = GPUADV_INFER;
	train = q->task != GPUADV_INFER;
	if (q->method >= 0 && q->task == GPUADV_INFER)
		return gpuadv_param_fail(err, GPUADV_EUSAGE, NULL, gpuadv_param(GPUADV_P_METHOD),
					 naming, "%s applies to fine-tuning (%s finetune), not inference",
					 subject(s, sizeof(s), GPUADV_P_METHOD, naming),
					 other(o, sizeof(o), GPUADV_P_TASK, naming));
	if (q->method > GPUADV_METHOD_FULL && q->task == GPUADV_TRAIN)
		return gpuadv_param_fail(err, GPUADV_EUSAGE, NULL, gpuadv_param(GPUADV_P_METHOD),
					 naming, "%s '%s' applies to fine-tuning (%s finetune); "
					 "training from scratch trains every weight",
					 subject(s, sizeof(s), GPUADV_P_METHOD, naming),
					 gpuadv_mem_method_name((enum gpuadv_mem_method)q->method),
					 other(o, sizeof(o), GPUADV_P_TASK, naming));
	if (!train) {
		static const enum gpuadv_param training_rows[] = {
			GPUADV_P_OPTIMIZER, GPUADV_P_CHECKPOINTING, GPUADV_P_SHARDING };

		for (i = 0; i < sizeof(training_rows) / sizeof(*training_rows); i++)
			if (row_set(q, training_rows[i]))
				return gpuadv_param_fail(err, GPUADV_EUSAGE, NULL,
							 gpuadv_param(training_rows[i]), naming,
							 "%s applies to training, not inference",
							 subject(s, sizeof(s), training_rows[i], naming));
	} else {
		static const enum gpuadv_param infer_rows[] = { GPUADV_P_PARALLEL,
								GPUADV_P_MIN_TOKENS };

		for (i = 0; i < sizeof(infer_rows) / sizeof(*infer_rows); i++)
			if (row_set(q, infer_rows[i]))
				return gpuadv_param_fail(err, GPUADV_EUSAGE, NULL,
							 gpuadv_param(infer_rows[i]), naming,
							 "%s applies to inference, not training",
							 subject(s, sizeof(s), infer_rows[i], naming));
	}
	if (q->method < 0)
		q->method = GPUADV_METHOD_FULL;
	if (q->optimizer < 0)
		q->optimizer = GPUADV_OPT_ADAMW;
	/* PEFT's prepare_model_for_kbit_training turns gradient checkpointing
	 * on for QLoRA unless told not to. */
	if (q->checkpointing < 0)
		q->checkpointing = train && q->method == GPUADV_METHOD_QLORA;
	if (q->parallel < 0)
		q->parallel = GPUADV_PARALLEL_LAYER;
	if (q->sharding < 0)
		q->sharding = GPUADV_SHARD_NONE;
	if (isnan(q->batch))
		q->batch = 1;
	if (isnan(q->max_gpus))
		q->max_gpus = 1;
	/* A model published in one format (gpt-oss in MXFP4, DeepSeek V3 in
	 * FP8) runs in it unless asked otherwise. */
	if (!q->quant && !train && q->model && q->model->default_quant)
		q->quant = q->model->default_quant;
	{
		int rc = check_quant(q, naming, err);

		if (rc)
			return rc;
	}

	m = gpuadv_query_model(q, &scratch);
	/* An LLM's inference is ranked by decode speed, whose precision is the
	 * weights' (--quant): a workload or a precision would be ignored. */
	if (q->command == GPUADV_CMD_RECOMMEND && !train && gpuadv_model_decodes(m)) {
		static const enum gpuadv_param unused[] = { GPUADV_P_WORKLOAD, GPUADV_P_PRECISION };

		for (i = 0; i < sizeof(unused) / sizeof(*unused); i++)
			if (row_set(q, unused[i]))
				return gpuadv_param_fail(err, GPUADV_EUSAGE, NULL,
							 gpuadv_param(unused[i]), naming,
							 "%s does not apply to '%s' inference, which is "
							 "ranked by decode speed; its weights' format is %s",
							 subject(s, sizeof(s), unused[i], naming), m->id,
							 other(o, sizeof(o), GPUADV_P_QUANT, naming));
	}
	maxc = m->v[GPUADV_MF_MAX_CONTEXT_TOKENS];
	if (isnan(m->v[GPUADV_MF_LAYERS]) || isnan(m->v[GPUADV_MF_HIDDEN_SIZE]) ||
	    (isnan(maxc) && q->model)) {
		/* Not a text model: its per-sample figures set the size. */
		if (row_set(q, GPUADV_P_CONTEXT))
			return gpuadv_param_fail(err, GPUADV_EUSAGE, NULL,
						 gpuadv_param(GPUADV_P_CONTEXT), naming,
						 "%s applies to text models; '%s' takes %s",
						 subject(s, sizeof(s), GPUADV_P_CONTEXT, naming), m->id,
						 m->input ? m->input : "fixed-size inputs");
		q->context = 0;
		return 0;
	}
	if (!isnan(q->context) && !isnan(maxc) && q->context > maxc)
		return gpuadv_param_fail(err, GPUADV_EUSAGE, NULL, gpuadv_param(GPUADV_P_CONTEXT),
					 naming, "%s is above the maximum of '%s', %.0f tokens, got %.0f",
					 subject(s, sizeof(s), GPUADV_P_CONTEXT, naming), m->id, maxc,
					 q->context);
	if (isnan(q->context))
		q->context = isnan(maxc) ? DEFAULT_CONTEXT : fmin(DEFAULT_CONTEXT, maxc);
	return 0;
}

/*
 * A Llama-like dense decoder of P parameters: P ~ 12 L h^2 (attention 4h^2,
 * gated MLP 8h^2 per layer) with h = 128 L, the ratio of Llama 2 13B (40
 * layers, 5120) and Llama 3 8B (32, 4096); heads of 128; 8 KV heads; a
 * vocabulary of 32000; a context of up to 131072 tokens. Any figure given
 * replaces its assumption.
 */
const struct gpuadv_model_spec *gpuadv_query_model(const struct gpuadv_query *q,
						   struct gpuadv_model_spec *scratch)
{
	struct gpuadv_model_spec *s = scratch;
	double P = q->params, L, h, heads, kv;
	int f;

	if (q->model || isnan(q->params))
		return q->model;
	memset(s, 0, sizeof(*s));
	for (f = 0; f < GPUADV_MF_COUNT; f++)
		s->v[f] = NAN;
	if (!isnan(q->layers))
		L = q->layers;
	else if (!isnan(q->hidden))
		L = fmax(1, nearbyint(P / (12 * q->hidden * q->hidden)));
	else
		L = fmax(2, nearbyint(cbrt(P / (12.0 * 128 * 128))));
	if (!isnan(q->hidden))
		h = q->hidden;
	else if (!isnan(q->layers))
		h = fmax(128, 128 * nearbyint(sqrt(P / (12 * L)) / 128));
	else
		h = 128 * L;
	heads = fmax(1, nearbyint(h / 128));
	kv = !isnan(q->kv_heads) ? fmin(q->kv_heads, heads) : fmin(8, heads);
	s->id = "custom";
	s->name = "a model not listed";
	s->kind = GPUADV_KIND_LLM;
	s->attention = kv == heads ? GPUADV_ATTN_MHA : GPUADV_ATTN_GQA;
	s->v[GPUADV_MF_PARAMS] = P;
	s->v[GPUADV_MF_LAYERS] = L;
	s->v[GPUADV_MF_HIDDEN_SIZE] = h;
	s->v[GPUADV_MF_INTERMEDIATE_SIZE] = 256 * nearbyint(8 * h / 3 / 256);
	s->v[GPUADV_MF_ATTENTION_HEADS] = heads;
	s->v[GPUADV_MF_KV_HEADS] = kv;
	s->v[GPUADV_MF_HEAD_DIM] = h / heads;
	s->v[GPUADV_MF_VOCAB_SIZE] = 32000;
	s->v[GPUADV_MF_MAX_CONTEXT_TOKENS] = GPUADV_CUSTOM_MAX_CONTEXT;
	s->gated_mlp = 1;
	s->tied_embeddings = 0;
	s->released = "";
	return s;
}
