/*
 * memory.h - how much GPU memory running, training or fine-tuning a model
 * needs: weights, KV cache, activations, gradients, optimiser state and
 * runtime overhead, each in bytes. Method, figures and sources:
 * docs/memory.md.
 *
 * Units: every figure here is in bytes. Card memory is binary (a "24 GB"
 * card has 24 GiB = 24 x 2^30 bytes), so compare required with
 * card_gb x GPUADV_GIB and print GiB (divide by GPUADV_GIB), never 1e9.
 */
#ifndef GPU_ADVISOR_MEMORY_H
#define GPU_ADVISOR_MEMORY_H

#include <stdbool.h>

#include "gpu_advisor/error.h"
#include "gpu_advisor/models.h"

#define GPUADV_GIB 1073741824.0

enum gpuadv_mem_task { GPUADV_MEM_INFER, GPUADV_MEM_TRAIN, GPUADV_MEM_FINETUNE,
		       GPUADV_MEM_TASK_COUNT };
enum gpuadv_mem_method { GPUADV_METHOD_FULL, GPUADV_METHOD_LORA, GPUADV_METHOD_QLORA,
			 GPUADV_METHOD_COUNT };
enum gpuadv_optimizer { GPUADV_OPT_ADAMW, GPUADV_OPT_ADAMW8BIT, GPUADV_OPT_SGD,
			GPUADV_OPT_COUNT };

/* Defaults the estimate assumes where the query leaves a figure at 0. */
#define GPUADV_MEM_DEFAULT_LORA_RANK 16
#define GPUADV_MEM_LLAMACPP_UBATCH 512 /* tokens per forward step (llama.cpp n_ubatch) */
#define GPUADV_MEM_INFER_OVERHEAD (457.0 * 1048576.0) /* per GPU: Ollama's cudaMinimumMemory */
#define GPUADV_MEM_TRAIN_OVERHEAD GPUADV_GIB          /* per GPU: CUDA context, cuBLAS/cuDNN */
#define GPUADV_MEM_FRAGMENTATION 0.05 /* of activations, gradients, optimiser (training) */

/* What to estimate. The pointers are borrowed. A zeroed query plus a
 * model, batch 1, context and gpus 1 is a plain fp16/bf16 inference. */
struct gpuadv_memory_query {
	const struct gpuadv_model_spec *model;
	const struct gpuadv_quant *quant;    /* weights; NULL: 16-bit (NF4 for qlora) */
	const struct gpuadv_quant *kv_quant; /* KV cache; NULL: 16-bit */
	enum gpuadv_mem_task task;
	enum gpuadv_mem_method method;       /* full unless fine-tuning */
	enum gpuadv_optimizer optimizer;
	bool checkpointing;   /* gradient (activation) checkpointing */
	bool eager_attention; /* attention scores materialised (no flash attention) */
	double batch;         /* sequences or samples, >= 1 */
	double context;       /* tokens per sequence, 1..max_context_tokens; 0 for non-text */
	double gpus;          /* GPUs holding the model, >= 1: overhead is per GPU */
	double lora_rank;     /* 0: GPUADV_MEM_DEFAULT_LORA_RANK */
};

/* The answer, in bytes. required is the sum of the six parts. */
struct gpuadv_memory {
	double weights, kv_cache, activations, gradients, optimizer, overhead;
	double required;
	double trainable_params;  /* 0 for inference */
	bool activations_unknown; /* the model states no activation figures */
};

/*
 * Estimate q's memory. Returns 0, or GPUADV_EUSAGE with err naming the
 * offending choice (a method with --task infer, a context above the
 * model's maximum, a quantisation that cannot be trained, ...), or
 * GPUADV_EDATA when the model lacks a figure the estimate needs.
 */
int gpuadv_memory_estimate(struct gpuadv_memory *out, const struct gpuadv_memory_query *q,
			   struct gpuadv_error *err);

/* Enum <-> text; the parse functions return -1 for unknown text. */
const char *gpuadv_mem_task_name(enum gpuadv_mem_task t);
int gpuadv_mem_task_parse(const char *s);
const char *gpuadv_mem_method_name(enum gpuadv_mem_method m);
int gpuadv_mem_method_parse(const char *s);
const char *gpuadv_optimizer_name(enum gpuadv_optimizer o);
int gpuadv_optimizer_parse(const char *s);

#endif
