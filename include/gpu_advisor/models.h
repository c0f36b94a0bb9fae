/*
 * models.h - the model catalogue: networks people run (LLMs, vision,
 * speech, diffusion...) with the architecture figures that memory and speed
 * estimates need, and the weight quantisations, loaded from YAML
 * (data/models.yaml, schema in docs/models.md) by a strict loader.
 *
 * Ownership: a struct gpuadv_models owns every string and array reachable
 * from it (its arena). Pointers into it stay valid until
 * gpuadv_models_release(). A failed load leaves *out empty.
 *
 * Unknown figures are NAN: a figure no source gives is never guessed.
 */
#ifndef GPU_ADVISOR_MODELS_H
#define GPU_ADVISOR_MODELS_H

#include <stdbool.h>
#include <stddef.h>

#include "gpu_advisor/catalog.h"
#include "gpu_advisor/error.h"

#define GPUADV_MODELS_MAX_BYTES (1024u * 1024u)
#define GPUADV_MODELS_MAX_DEPTH 4
#define GPUADV_MODELS_MAX_STRING 1024
#define GPUADV_MODELS_MAX_ITEMS 100000
#define GPUADV_MODELS_MAX_MODELS 2000
#define GPUADV_MODELS_MAX_QUANTS 200

enum gpuadv_model_kind {
	GPUADV_KIND_LLM,
	GPUADV_KIND_ENCODER,
	GPUADV_KIND_LANGUAGE,
	GPUADV_KIND_SPEECH,
	GPUADV_KIND_VISION,
	GPUADV_KIND_DIFFUSION,
	GPUADV_KIND_TRANSLATION,
	GPUADV_KIND_GAN,
	GPUADV_KIND_COUNT
};

enum gpuadv_attention {
	GPUADV_ATTN_NONE = -1, /* not a transformer, or not stated */
	GPUADV_ATTN_MHA,
	GPUADV_ATTN_GQA,
	GPUADV_ATTN_MQA,
	GPUADV_ATTN_MLA,
	GPUADV_ATTN_COUNT
};

/* Numeric model figures, indexed into gpuadv_model_spec.v[]; the table
 * gpuadv_model_fields[] gives each one's YAML/JSON key (unit in the name)
 * and range. Counts are plain numbers (params: 8030261248). */
enum gpuadv_model_field {
	GPUADV_MF_PARAMS,
	GPUADV_MF_ACTIVE_PARAMS,
	GPUADV_MF_LAYERS,
	GPUADV_MF_HIDDEN_SIZE,
	GPUADV_MF_INTERMEDIATE_SIZE,
	GPUADV_MF_ATTENTION_HEADS,
	GPUADV_MF_KV_HEADS,
	GPUADV_MF_HEAD_DIM,
	GPUADV_MF_VOCAB_SIZE,
	GPUADV_MF_MAX_CONTEXT_TOKENS,
	GPUADV_MF_KV_LORA_RANK,
	GPUADV_MF_QK_ROPE_HEAD_DIM,
	GPUADV_MF_SLIDING_WINDOW_TOKENS,
	GPUADV_MF_SLIDING_WINDOW_LAYERS,
	GPUADV_MF_EXPERTS,
	GPUADV_MF_EXPERTS_PER_TOKEN,
	GPUADV_MF_FLOPS_PER_SAMPLE_GFLOP,
	GPUADV_MF_ACTIVATIONS_PER_SAMPLE_M,
	GPUADV_MF_COUNT
};

/* key, label, min, max, integer, required (required: for kind llm) */
extern const struct gpuadv_field_info gpuadv_model_fields[GPUADV_MF_COUNT];

struct gpuadv_quant {
	const char *id;   /* fp32, fp16, q4_k_m, ... (lowercase) */
	const char *name; /* as its tool spells it: Q4_K_M */
	struct gpuadv_strlist aliases;
	double bits_per_weight;
	bool weight_only;   /* true: the maths run in 16 bits on any CUDA card */
	int math_precision; /* enum gpuadv_precision the maths need, -1 if weight-only */
	const char *format; /* float, integer, gguf, bitsandbytes, awq-gptq, ocp-mx */
	struct gpuadv_strlist sources;
	const char *notes;
};

struct gpuadv_model_spec {
	const char *id;
	const char *name;
	struct gpuadv_strlist aliases;
	enum gpuadv_model_kind kind;
	enum gpuadv_attention attention;
	double v[GPUADV_MF_COUNT]; /* NAN where unknown */
	int gated_mlp;       /* 1 yes (SwiGLU/GeGLU), 0 no, -1 unknown */
	int tied_embeddings; /* 1 yes, 0 no, -1 unknown */
	const struct gpuadv_quant *default_quant; /* NULL: none stated */
	const char *input;    /* what the per-sample figures assume */
	const char *released; /* YYYY-MM */
	struct gpuadv_strlist sources;
	const char *notes;
};

struct gpuadv_arena;
struct gpuadv_models_index;

struct gpuadv_models {
	const char *origin; /* the name errors use */
	int schema_version;
	const char *as_of;
	struct gpuadv_quant *quants;
	size_t quant_count;
	struct gpuadv_model_spec *models;
	size_t model_count;
	const struct gpuadv_models_index *model_names; /* normalised, sorted */
	const struct gpuadv_models_index *quant_names;
	struct gpuadv_arena *arena;
};

/*
 * Parse and validate a model catalogue held in memory; name is used in
 * messages (file:line:column). On failure err says what and where and
 * *out is empty.
 */
int gpuadv_models_load(struct gpuadv_models *out, const char *data, size_t len,
		       const char *name, struct gpuadv_error *err);
void gpuadv_models_release(struct gpuadv_models *m);

/* The model catalogue compiled into the program (from data/models.yaml by
 * tools/embed_models.c) and that file's SHA-256. It owns nothing. */
extern const struct gpuadv_models gpuadv_embedded_models;
extern const char gpuadv_embedded_models_sha256[];

/*
 * Find a model (or a quantisation) by id, alias or name, ignoring case,
 * spaces, hyphens and underscores. On failure returns NULL and fills err
 * (GPUADV_EUSAGE, field "model" or "quant") with "unknown model 'x'; did
 * you mean 'a' or 'b'?".
 */
const struct gpuadv_model_spec *gpuadv_models_find(const struct gpuadv_models *m,
						   const char *name,
						   struct gpuadv_error *err);
const struct gpuadv_quant *gpuadv_models_find_quant(const struct gpuadv_models *m,
						    const char *name,
						    struct gpuadv_error *err);

const char *gpuadv_model_kind_name(enum gpuadv_model_kind k);
const char *gpuadv_attention_name(enum gpuadv_attention a);

/* Parameters read per token: active_params where stated (MoE), else params. */
double gpuadv_model_active_params(const struct gpuadv_model_spec *m);

/* Whether m's inference is token decoding the LLM speed model estimates:
 * an LLM with its layers, hidden size and head size known. Such a model's
 * inference is ranked by decode speed, not by a training workload. */
bool gpuadv_model_decodes(const struct gpuadv_model_spec *m);

#endif
