/*
 * scaling.h - multi-GPU data-parallel training: the share of N x one GPU's
 * throughput that N GPUs in one machine deliver, from the link (NVLink or
 * PCIe), the gradient bytes all-reduced per step and the compute time per
 * step. Fitted to Lambda's 1/2/4-GPU PyTorch runs (docs/performance-model.md,
 * "Multi-GPU scaling"). Pure functions.
 */
#ifndef GPU_ADVISOR_SCALING_H
#define GPU_ADVISOR_SCALING_H

#include <stdbool.h>

#include "gpu_advisor/error.h"

struct gpuadv_scaling_params {
	double eta_nvlink;  /* share of NVLink bandwidth a ring all-reduce gets */
	double eta_pcie;    /* the same for PCIe (through the host bridge) */
	double latency_ms;  /* per all-reduce step of the ring, per step */
	double overlap;     /* share of the all-reduce hidden behind backward */
};

extern const struct gpuadv_scaling_params gpuadv_scaling_default;

struct gpuadv_scaling_input {
	unsigned gpus;        /* >= 1 */
	double link_gbs;      /* per GPU, one direction */
	bool nvlink;
	double grad_bytes;    /* gradients all-reduced per step */
	double step_seconds;  /* one GPU's compute time per step */
};

/*
 * Scaling efficiency in (0, 1]: throughput(N) / (N x throughput(1)).
 * p may be NULL for the shipped parameters. Returns 0 or GPUADV_EUSAGE.
 */
int gpuadv_scaling_efficiency(double *out, const struct gpuadv_scaling_input *in,
			      const struct gpuadv_scaling_params *p,
			      struct gpuadv_error *err);

#endif
