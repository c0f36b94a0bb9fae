/*
 * llm_speed.h - how fast a large language model runs on one GPU or several:
 * decode tokens/s for one sequence, prefill tokens/s, and batched serving
 * throughput, from spec-sheet figures and a few efficiencies fitted to
 * measured llama.cpp runs (docs/performance-model.md, "LLM inference speed").
 *
 * Pure functions: no allocation, no globals but the constant parameter set.
 * The efficiencies are shared by every GPU; there is no per-GPU factor.
 */
#ifndef GPU_ADVISOR_LLM_SPEED_H
#define GPU_ADVISOR_LLM_SPEED_H

#include <stdbool.h>

#include "gpu_advisor/catalog.h"
#include "gpu_advisor/error.h"

/* How a model is spread over several GPUs. */
enum gpuadv_parallel {
	/* llama.cpp's --split-mode layer (its default since January 2024):
	 * each GPU holds a slice of the layers and one token visits them in
	 * turn, so memory pools but one sequence decodes no faster. */
	GPUADV_PARALLEL_LAYER,
	/* vLLM's tensor parallelism: every layer's matrices split over the
	 * GPUs, two all-reduces per layer over NVLink or PCIe. */
	GPUADV_PARALLEL_TENSOR,
	/* llama.cpp's --split-mode row (its only multi-GPU mode before
	 * January 2024): rows of each matrix split, results gathered on the
	 * main GPU through the host after every layer. */
	GPUADV_PARALLEL_ROW,
	GPUADV_PARALLEL_COUNT
};

/* One GPU's figures (a configuration is count x the same card). */
struct gpuadv_llm_gpu {
	double bandwidth_gbs;  /* memory bandwidth, GB/s */
	double tensor_tflops;  /* dense FP16 Tensor, FP32 accumulate */
	double fp16_acc_tflops; /* dense FP16 Tensor, FP16 accumulate (what
				  * cuBLAS runs for llama.cpp's F16 maths);
				  * GeForce cards have twice tensor_tflops */
	double fp32_tflops;    /* CUDA-core FP32 */
	double memory_gb;      /* per GPU */
	double link_gbs;       /* GPU-to-GPU, one direction: NVLink where
				* bridged, else PCIe */
	bool nvlink;
};

/* A model's figures (docs/performance-model.md says where they come from). */
struct gpuadv_llm_model {
	double total_params;   /* all weights, experts included */
	double active_params;  /* read per token: MoE's routed share only */
	double bits_per_weight; /* of the stored weights (Q4_0 4.5, F16 16) */
	double layers;
	double hidden;         /* model width (residual stream) */
	double kv_heads;       /* grouped-query attention's key/value heads */
	double head_dim;
	double kv_bits;        /* KV cache element: 16 for f16, 8 for q8_0 */
};

struct gpuadv_llm_setup {
	unsigned gpus;              /* >= 1 */
	enum gpuadv_parallel parallel; /* ignored for one GPU */
	double context;             /* tokens already in the cache at decode */
	unsigned batch;             /* sequences served at once, >= 1 */
};

/* The fitted efficiencies and costs; docs give their fitted values. */
struct gpuadv_llm_params {
	double eta_bw_plain;  /* bandwidth efficiency reading 8-bit+ weights */
	double eta_bw_quant;  /* the same for block-quantised (< 8 bpw) weights */
	double kv_factor;     /* KV cache bytes cost this many weight bytes */
	double layer_us;      /* fixed time per layer per decode step (launches) */
	double legacy_layer_us; /* the same for llama.cpp of December 2023; used
				 * only to fit the older measurements */
	double hop_us;        /* layer split: per GPU boundary per token */
	double row_sync_us;   /* row split: per layer, at 2 GPUs */
	double row_sync_gpu_us; /* row split: per layer, per GPU beyond 2 */
	double tp_sync_nvlink_us; /* tensor parallel: one all-reduce's latency */
	double tp_sync_pcie_us;
	double eta_tensor_plain; /* prefill: share of FP16-acc Tensor rate */
	double eta_tensor_quant; /* prefill of block-quantised weights */
	double prefill_fp32;  /* prefill: FP32 FLOPs per Tensor FLOP (norms,
			       * softmax, dequantisation on CUDA cores) */
	double row_prefill_ns; /* row split prefill: per layer per hidden unit
				* per token (host round trips) */
	double eta_tensor_batch; /* batched decode: share of the Tensor rate */
};

/* The shipped parameters (fitted by gpu-advisor-fit-speed). */
extern const struct gpuadv_llm_params gpuadv_llm_default;

struct gpuadv_llm_speed {
	double decode_tokens_per_s;  /* one sequence */
	double prefill_tokens_per_s; /* one prompt */
	double batch_tokens_per_s;   /* all setup.batch sequences together */
	double bytes_per_token;      /* weights + KV read per decode step, all GPUs */
	double effective_bandwidth_gbs; /* per GPU: bandwidth x efficiency */
	double eta_bw;               /* the efficiency used */
	bool batch_compute_bound;    /* the batch is limited by maths */
};

/*
 * Estimate speeds. p may be NULL for gpuadv_llm_default. Returns 0, or
 * GPUADV_EUSAGE (err says which figure) when a figure it needs is missing,
 * not finite or out of range. Whether the model fits in memory is not
 * checked here (memory.h does that).
 */
int gpuadv_llm_speed_estimate(struct gpuadv_llm_speed *out,
			      const struct gpuadv_llm_gpu *gpu,
			      const struct gpuadv_llm_model *model,
			      const struct gpuadv_llm_setup *setup,
			      const struct gpuadv_llm_params *p,
			      struct gpuadv_error *err);

/*
 * The figures of a catalogue GPU: fp16_acc_tflops is twice the FP32-
 * accumulate rate on consumer (GeForce) cards, equal elsewhere; link_gbs
 * is nvlink_gbs / 2 where NVLink is known, else 32 GB/s for PCIe 4.0 x16
 * (64 on Hopper and Blackwell, PCIe 5.0). Unknown figures stay NAN.
 */
void gpuadv_llm_gpu_from_catalog(struct gpuadv_llm_gpu *out,
				 const struct gpuadv_gpu *gpu);

const char *gpuadv_parallel_name(enum gpuadv_parallel p);
int gpuadv_parallel_parse(const char *s); /* -1 for unknown text */

#endif
