/*
 * schema.c - the catalogue's vocabulary: the names of its enums, the table
 * of GPU figures (key, label, range) and the table of the performance
 * model's per-workload parameters, which the loader checks and the model
 * layer above reads; and two derived facts about a GPU (its price, its
 * Tensor precisions).
 */
#include <math.h>
#include <string.h>

#include "catalog_internal.h"
#include "base/enumname.h"

#define POS GPUADV__YTREE_POSITIVE

const struct gpuadv_field_info gpuadv_gpu_fields[GPUADV_F_COUNT] = {
	[GPUADV_F_RELEASE_YEAR] = { "release_year", "Year", 2010, 2100, true, true },
	[GPUADV_F_CUDA_CORES] = { "cuda_cores", "CUDA cores", 1, 1e6, true, false },
	[GPUADV_F_TENSOR_CORES] = { "tensor_cores", "Tensor cores", 0, 1e5, true, false },
	[GPUADV_F_MEMORY_GB] = { "memory_gb", "Mem GB", POS, 1e5, false, true },
	[GPUADV_F_BANDWIDTH_GBS] = { "bandwidth_gbs", "BW GB/s", POS, 1e6, false, true },
	[GPUADV_F_BUS_WIDTH_BITS] = { "bus_width_bits", "Bus bits", 8, 65536, true, false },
	[GPUADV_F_L2_CACHE_MB] = { "l2_cache_mb", "L2 MB", POS, 1e5, false, false },
	[GPUADV_F_FP32_TFLOPS] = { "fp32_tflops", "FP32 TF", POS, 1e6, false, true },
	[GPUADV_F_FP16_TENSOR_TFLOPS] = { "fp16_tensor_tflops", "FP16 TC TF", POS, 1e7, false, false },
	[GPUADV_F_BF16_TENSOR_TFLOPS] = { "bf16_tensor_tflops", "BF16 TC TF", POS, 1e7, false, false },
	[GPUADV_F_TF32_TENSOR_TFLOPS] = { "tf32_tensor_tflops", "TF32 TC TF", POS, 1e7, false, false },
	[GPUADV_F_INT8_TENSOR_TOPS] = { "int8_tensor_tops", "INT8 TC TOPS", POS, 1e7, false, false },
	[GPUADV_F_FP8_TENSOR_TFLOPS] = { "fp8_tensor_tflops", "FP8 TC TF", POS, 1e7, false, false },
	[GPUADV_F_FP4_TENSOR_TFLOPS] = { "fp4_tensor_tflops", "FP4 TC TF", POS, 1e7, false, false },
	[GPUADV_F_TDP_W] = { "tdp_w", "Power W", POS, 1e5, false, false },
	[GPUADV_F_NVLINK_GBS] = { "nvlink_gbs", "NVLink GB/s", POS, 1e6, false, false },
	[GPUADV_F_SLOTS] = { "slots", "Slots", 1, 8, true, false },
	[GPUADV_F_LAUNCH_PRICE_USD] = { "launch_price_usd", "Launch $", POS, 1e8, false, false },
	[GPUADV_F_STREET_PRICE_USD] = { "street_price_usd", "Street $", POS, 1e8, false, false },
};

/* The performance model's parameters as the catalogue states them, in
 * enum gpuadv_model_param order; model.c gives them their meaning. */
const struct gpuadv_model_param_info gpuadv_model_params[] = {
	{ "cuda_flop_per_value", 0, 10000, "FP32 CUDA-core FLOPs per activation value per training step (element-wise maths, normalisation)" },
	{ "dram_bytes_per_value", 0, 10000, "DRAM bytes moved per activation value per training step, at 16-bit data" },
	{ "optimizer_bytes_per_param", 0, 10000, "DRAM bytes per parameter per step (weights, gradients, optimiser state), spread over the batch" },
	{ "launch_us_per_layer", 0, 100000, "host time per layer step per training step (kernel launches), spread over the batch" },
	{ "host_tflops", 0.001, 1e9, "rate of GPU-independent work per sample (host, data), as training TFLOPS" },
	{ "memory_bytes_per_value", 0.01, 10000, "memory held per activation value at 16-bit data: sets the batch that fits" },
	{ "l2_exponent", 0, 1, "effective bandwidth grows as (L2 / 6 MB) to this power" },
	{ "generation_gain", 0.5, 2, "GPU-bound time shrinks by this factor per architecture generation after Ampere" },
	{ "error_pct", 0, 100, "cross-validated median error of the workload's estimate, percent: its band" },
	{ NULL, 0, 0, NULL }
};

const char *const gpuadv__precision_names[GPUADV_PRECISION_COUNT] = {
	"fp32", "fp16", "bf16", "tf32", "int8", "int4", "fp8", "fp6", "fp4",
	"fp32-strict"
};
const char *const gpuadv__segment_names[GPUADV_SEGMENT_COUNT] = {
	"consumer", "workstation", "datacenter"
};
const char *const gpuadv__task_names[GPUADV_TASK_COUNT] = { "train", "infer" };

const char *gpuadv_precision_name(enum gpuadv_precision p)
{
	return (unsigned)p < GPUADV_PRECISION_COUNT ? gpuadv__precision_names[p] : "?";
}
int gpuadv_precision_parse(const char *s)
{
	return gpuadv__name_index(gpuadv__precision_names, GPUADV_PRECISION_COUNT, s);
}
const char *gpuadv_segment_name(enum gpuadv_segment s)
{
	return (unsigned)s < GPUADV_SEGMENT_COUNT ? gpuadv__segment_names[s] : "?";
}
int gpuadv_segment_parse(const char *s)
{
	return gpuadv__name_index(gpuadv__segment_names, GPUADV_SEGMENT_COUNT, s);
}
const char *gpuadv_task_name(enum gpuadv_task t)
{
	return (unsigned)t < GPUADV_TASK_COUNT ? gpuadv__task_names[t] : "?";
}
int gpuadv_task_parse(const char *s)
{
	return gpuadv__name_index(gpuadv__task_names, GPUADV_TASK_COUNT, s);
}

bool gpuadv_gpu_has_tensor(const struct gpuadv_gpu *gpu, enum gpuadv_precision p)
{
	return gpu->arch && (gpu->arch->tensor_precisions & (1u << p));
}

double gpuadv_gpu_price(const struct gpuadv_gpu *gpu, const char **basis)
{
	const char *b = "unknown";
	double v = NAN;

	if (!isnan(gpu->v[GPUADV_F_STREET_PRICE_USD])) {
		v = gpu->v[GPUADV_F_STREET_PRICE_USD];
		b = "street";
	} else if (!isnan(gpu->v[GPUADV_F_LAUNCH_PRICE_USD])) {
		v = gpu->v[GPUADV_F_LAUNCH_PRICE_USD];
		b = "launch";
	}
	if (basis)
		*basis = b;
	return v;
}

