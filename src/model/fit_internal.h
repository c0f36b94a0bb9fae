/*
 * fit_internal.h - what fit.c and crossval.c share: the measured points,
 * gated and numbered by group and GPU, and the fit itself with one GPU
 * left out.
 *
 * Internal (not installed, not part of the API): functions carry the
 * internal mark gpuadv__. A struct gpuadv__fit_data owns its array until
 * gpuadv__fit_data_free.
 */
#ifndef GPUADV_FIT_INTERNAL_H
#define GPUADV_FIT_INTERNAL_H

#include <stddef.h>

#include "model_internal.h"

/* A point the model can estimate, with what the fit needs. */
struct gpuadv__fit_prepared {
	struct gpuadv__model_features f;
	double log_y;
	size_t group; /* index of its (set, network, precision) group */
	size_t gpu;   /* index of its GPU among the points' distinct GPUs */
};

struct gpuadv__fit_data {
	struct gpuadv__fit_prepared *pt;
	size_t n, groups, gpus;
	size_t skipped;
};

/* No GPU left out. */
#define GPUADV__FIT_NO_GPU ((size_t)-1)

/* Gate every point; number groups and GPUs in order of first appearance.
 * Groups use the precision the benchmark labels, not the modelled one.
 * Points the model cannot estimate are counted in d->skipped. */
int gpuadv__fit_data_build(struct gpuadv__fit_data *d, const struct gpuadv_fit_point *pts,
			   size_t n, struct gpuadv_error *err);
void gpuadv__fit_data_free(struct gpuadv__fit_data *d);

/* Fit every parameter on d without GPU exclude (GPUADV__FIT_NO_GPU: none). */
int gpuadv__fit_without(struct gpuadv_model *out, const struct gpuadv__fit_data *d,
			size_t exclude, struct gpuadv_error *err);

#endif
