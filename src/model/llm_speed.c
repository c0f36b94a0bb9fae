/*
 * llm_speed.c - LLM inference speed: decode is a memory-bandwidth roofline
 * (every token reads the active weights and the KV cache) plus a fixed cost
 * per layer; prefill is compute bound; several GPUs add the costs of their
 * parallel mode. See docs/performance-model.md, "LLM inference speed".
 */
#include <math.h>
#include <string.h>

#include "gpu_advisor/llm_speed.h"

/* Fitted by `gpu-advisor-fit-speed tests/fixtures` on the llama.cpp
 * measurements (tests/fixtures/llm_inference_*.csv); tp_sync_* are not
 * fitted (no data): see the doc. */
const struct gpuadv_llm_params gpuadv_llm_default = {
	.eta_bw_plain = 0.968,
	.eta_bw_quant = 0.984,
	.kv_factor = 1.91,
	.layer_us = 100.3,
	.legacy_layer_us = 147.3,
	.hop_us = 119.9,
	.row_sync_us = 292.2,
	.row_sync_gpu_us = 115.0,
	.tp_sync_nvlink_us = 10,
	.tp_sync_pcie_us = 25,
	.eta_tensor_plain = 0.487,
	.eta_tensor_quant = 0.353,
	.prefill_fp32 = 0.1947,
	.row_prefill_ns = 17.83,
	.eta_tensor_batch = 0.5,
};

static const char *const parallel_names[GPUADV_PARALLEL_COUNT] = {
	[GPUADV_PARALLEL_LAYER] = "layer",
	[GPUADV_PARALLEL_TENSOR] = "tensor",
	[GPUADV_PARALLEL_ROW] = "row",
};

const char *gpuadv_parallel_name(enum gpuadv_parallel p)
{
	return (unsigned)p < GPUADV_PARALLEL_COUNT ? parallel_names[p] : "?";
}

int gpuadv_parallel_parse(const char *s)
{
	for (int i = 0; s && i < GPUADV_PARALLEL_COUNT; i++)
		if (strcmp(s, parallel_names[i]) == 0)
			return i;
	return -1;
}

void gpuadv_llm_gpu_from_catalog(struct gpuadv_llm_gpu *out,
				 const struct gpuadv_gpu *gpu)
{
	double gen = gpu->arch ? gpu->arch->tensor_core_generation : NAN;
	bool geforce = gpu->name && strncmp(gpu->name, "GeForce", 7) == 0;

	memset(out, 0, sizeof(*out));
	out->bandwidth_gbs = gpu->v[GPUADV_F_BANDWIDTH_GBS];
	out->tensor_tflops = gpu->v[GPUADV_F_FP16_TENSOR_TFLOPS];
	/* NVIDIA halves the FP32-accumulate Tensor rate on GeForce cards only
	 * (Turing, Ampere, Ada and Blackwell whitepapers); FP16 accumulate
	 * runs at the full rate everywhere. */
	out->fp16_acc_tflops = out->tensor_tflops * (geforce ? 2 : 1);
	out->fp32_tflops = gpu->v[GPUADV_F_FP32_TFLOPS];
	out->memory_gb = gpu->v[GPUADV_F_MEMORY_GB];
	if (gpu->nvlink == 1 && isfinite(gpu->v[GPUADV_F_NVLINK_GBS])) {
		out->nvlink = true;
		out->link_gbs = gpu->v[GPUADV_F_NVLINK_GBS] / 2;
	} else if (gen >= 4 && gpu->arch && strcmp(gpu->arch->id, "ada-lovelace") != 0) {
		out->link_gbs = 64; /* PCIe 5.0 x16, one direction */
	} else if (gen >= 3) {
		out->link_gbs = 32; /* PCIe 4.0 x16 */
	} else {
		out->link_gbs = 16; /* PCIe 3.0 x16 */
	}
}

static bool positive(double v)
{
	return isfinite(v) && v > 0;
}

static int check(const struct gpuadv_llm_gpu *g, const struct gpuadv_llm_model *m,
		 const struct gpuadv_llm_setup *s, struct gpuadv_error *err)
{
	const char *bad = NULL;

	if (!positive(g->bandwidth_gbs))
		bad = "bandwidth";
	else if (!positive(g->tensor_tflops) || !positive(g->fp16_acc_tflops))
		bad = "FP16 Tensor TFLOPS";
	else if (!positive(g->fp32_tflops))
		bad = "FP32 TFLOPS";
	else if (s->gpus > 1 && !positive(g->link_gbs))
		bad = "link bandwidth";
	else if (!positive(m->total_params) || !positive(m->active_params) ||
		 m->active_params > m->total_params)
		bad = "parameter count";
	else if (!positive(m->bits_per_weight) || m->bits_per_weight > 32)
		bad = "bits per weight";
	else if (!positive(m->layers) || !positive(m->hidden) ||
		 !positive(m->kv_heads) || !positive(m->head_dim) ||
		 !positive(m->kv_bits))
		bad = "architecture figure";
	else if (!isfinite(s->context) || s->context < 0)
		bad = "context";
	else if (s->gpus < 1 || s->batch < 1 ||
		 (unsigned)s->parallel >= GPUADV_PARALLEL_COUNT)
		bad = "setup";
	if (bad)
		return gpuadv_error_set(err, GPUADV_EUSAGE,
					"LLM speed estimate lacks a valid %s", bad);
	return 0;
}

/* Seconds of communication per decode step of b sequences on n GPUs. */
static double comm_time(const struct gpuadv_llm_gpu *g, const struct gpuadv_llm_model *m,
			const struct gpuadv_llm_setup *s, const struct gpuadv_llm_params *p,
			double b)
{
	double n = s->gpus, L = m->layers;

	if (s->gpus == 1)
		return 0;
	switch (s->parallel) {
	case GPUADV_PARALLEL_LAYER:
		return (n - 1) * p->hop_us * 1e-6;
	case GPUADV_PARALLEL_TENSOR: {
		/* Ring all-reduce of the activations (FP16), twice per layer. */
		double lat = (g->nvlink ? p->tp_sync_nvlink_us : p->tp_sync_pcie_us) * 1e-6;
		double bytes = 2 * (n - 1) / n * m->hidden * 2 * b;
		return L * 2 * (lat + bytes / (g->link_gbs * 1e9));
	}
	case GPUADV_PARALLEL_ROW:
		return L * (p->row_sync_us + p->row_sync_gpu_us * (n - 2)) * 1e-6;
	default:
		return 0;
	}
}

int gpuadv_llm_speed_estimate(struct gpuadv_llm_speed *out,
			      const struct gpuadv_llm_gpu *g,
			      const struct gpuadv_llm_model *m,
			      const struct gpuadv_llm_setup *s,
			      const struct gpuadv_llm_params *p,
			      struct gpuadv_error *err)
{
	int rc;
	double n, b, eta, bw, weights, kv, split, fixed, t1, tb, mem, maths, f;
	double pp_tensor, pp_flops, pp_tok;

	memset(out, 0, sizeof(*out));
	out->decode_tokens_per_s = out->prefill_tokens_per_s = NAN;
	out->batch_tokens_per_s = NAN;
	if (!p)
		p = &gpuadv_llm_default;
	rc = check(g, m, s, err);
	if (rc)
		return rc;

	n = s->gpus;
	b = s->batch;
	/* llama.cpp's block formats (Q4_0, Q4_K...) dequantise as they read;
	 * their kernels reach a lower share of the bandwidth than F16's. */
	eta = m->bits_per_weight < 8 ? p->eta_bw_quant : p->eta_bw_plain;
	bw = eta * g->bandwidth_gbs * 1e9;
	weights = m->active_params * m->bits_per_weight / 8;
	kv = m->layers * 2 * m->kv_heads * m->head_dim * s->context * m->kv_bits / 8;
	/* Layer split reads every byte on one GPU after another; tensor and
	 * row split read a 1/n share on each GPU at once. */
	split = (s->gpus > 1 && s->parallel != GPUADV_PARALLEL_LAYER) ? n : 1;
	fixed = m->layers * p->layer_us * 1e-6;

	t1 = (weights + p->kv_factor * kv) / bw / split + fixed + comm_time(g, m, s, p, 1);
	out->decode_tokens_per_s = 1 / t1;
	out->bytes_per_token = weights + kv;
	out->effective_bandwidth_gbs = eta * g->bandwidth_gbs;
	out->eta_bw = eta;

	/* Batched decode: b tokens per step. A mixture of experts routes each
	 * token to its own experts: with a share f of the weights active per
	 * token, b tokens touch 1 - (1 - f)^b of them (independent routing). */
	f = m->active_params / m->total_params;
	mem = m->total_params * (1 - pow(1 - f, b)) * m->bits_per_weight / 8;
	mem = (mem + p->kv_factor * kv * b) / bw / split;
	maths = 2 * m->active_params * b / (p->eta_tensor_batch * g->tensor_tflops * 1e12) /
		split;
	out->batch_compute_bound = maths > mem;
	tb = fmax(mem, maths) + fixed + comm_time(g, m, s, p, b);
	out->batch_tokens_per_s = b / tb;

	/* Prefill of a prompt: matrix maths at the FP16-accumulate Tensor rate
	 * (llama.cpp's cuBLAS calls), attention's 2 x layers x hidden x
	 * context FLOPs per token on average, CUDA-core work in proportion. */
	pp_tensor = (m->bits_per_weight < 8 ? p->eta_tensor_quant : p->eta_tensor_plain) *
		    g->fp16_acc_tflops * 1e12;
	pp_flops = 2 * m->active_params + 2 * m->layers * m->hidden * s->context;
	pp_tok = pp_flops / pp_tensor + p->prefill_fp32 * pp_flops / (g->fp32_tflops * 1e12);
	if (s->gpus > 1 && s->parallel == GPUADV_PARALLEL_TENSOR)
		pp_tok = pp_tok / n + m->layers * 2 * (2 * (n - 1) / n * m->hidden * 2) /
					       (g->link_gbs * 1e9);
	else if (s->gpus > 1 && s->parallel == GPUADV_PARALLEL_ROW)
		pp_tok = pp_tok / n + m->layers * m->hidden * p->row_prefill_ns * 1e-9;
	out->prefill_tokens_per_s = 1 / pp_tok;
	return 0;
}
