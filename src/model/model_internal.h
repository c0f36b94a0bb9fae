/*
 * model_internal.h - what the fit (fit.c, crossval.c) shares with the
 * estimate (model.c): a GPU's figures at one precision, the precision gate
 * and the step time, so that the fit scores exactly the model that runs.
 *
 * Internal (not installed, not part of the API): functions carry the
 * internal mark gpuadv__.
 */
#ifndef GPUADV_MODEL_INTERNAL_H
#define GPUADV_MODEL_INTERNAL_H

#include <stdbool.h>

#include "gpu_advisor/model.h"

#define GPUADV__RESERVE_GB 1.0	      /* CUDA context and workspaces */
#define GPUADV__STATE_BYTES_PER_PARAM 16.0 /* weights, gradients, Adam moments */

/* What the model needs to know about one GPU at one precision. */
struct gpuadv__model_features {
	double compute;	  /* TFLOPS (TOPS) of the matrix maths */
	double cuda;	  /* FP32 CUDA-core TFLOPS */
	double bandwidth; /* GB/s */
	double l2_mb;	  /* taken from the GPU's class where unknown */
	double memory_gb;
	double generation;
	double bytes; /* data size relative to 16-bit */
};

/* Fill f and est (not est->speed) for gpu at p by the precision rule
 * table; 0 or GPUADV_ENOTFOUND with est->note saying why. */
int gpuadv__model_gate(struct gpuadv__model_features *f,
		       struct gpuadv_model_estimate *est,
		       const struct gpuadv_gpu *gpu, enum gpuadv_precision p);

/* Milliseconds per sample of network n under parameters p.
 * *compute_share, *batch (may be NULL): the share bound by maths, and the
 * batch that fits. */
double gpuadv__model_step_time(const struct gpuadv__model_features *f,
			       const struct gpuadv_network_profile *n, const double *p,
			       double *compute_share, double *batch);

/* Parameters within their ranges. */
bool gpuadv__model_valid(const struct gpuadv_model *m);

#endif
