/*
 * fit_internal.h - what fit.c and crossval.c share: the measured points,
 * gated and numbered by group, GPU and network, and the fit itself with a
 * GPU and/or a network left out.
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
	const struct gpuadv_network_profile *net;
	size_t src;   /* index into the caller's points */
	double log_y;
	double mem_bytes; /* memory per activation value its batch implies; NAN: unknown */
	size_t group; /* index of its (set, network, precision) group */
	size_t gpu;   /* index of its GPU among the points' distinct GPUs */
	size_t network; /* index of its network among the points' networks */
};

struct gpuadv__fit_data {
	struct gpuadv__fit_prepared *pt;
	size_t n, groups, gpus, networks;
	size_t skipped;
};

/* Nothing left out. */
#define GPUADV__FIT_NONE ((size_t)-1)

/* Gate every point; number groups, GPUs and networks in order of first
 * appearance. Groups use the precision the benchmark labels, not the one
 * it ran at. Points the model cannot estimate, or whose network it does not
 * know, are counted in d->skipped. */
int gpuadv__fit_data_build(struct gpuadv__fit_data *d, const struct gpuadv_fit_point *pts,
			   size_t n, struct gpuadv_error *err);
void gpuadv__fit_data_free(struct gpuadv__fit_data *d);

/* Fit every shared parameter on d without GPU ex_gpu and network ex_net
 * (GPUADV__FIT_NONE: none). memory_bytes_per_value is not fitted to the
 * throughputs where batches are known: it is the median of what the
 * included points' batches imply. */
int gpuadv__fit_without(struct gpuadv_model *out, const struct gpuadv__fit_data *d,
			size_t ex_gpu, size_t ex_net, struct gpuadv_error *err);

#endif
