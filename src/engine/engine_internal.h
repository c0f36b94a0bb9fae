/* engine_internal.h - what the engine's files share: the performance steps
 * recommend runs one at a time (perf.c). */
#ifndef GPUADV_ENGINE_INTERNAL_H
#define GPUADV_ENGINE_INTERNAL_H

#include "gpu_advisor/engine.h"

/* The reference GPU's speed for w at p, or where it cannot run p, at the
 * workload's default precision; 0 when it has no estimate at all. */
double gpuadv__reference_speed(const struct gpuadv_catalog *cat,
			       const struct gpuadv_workload *w,
			       enum gpuadv_precision p);

/* Whether gpu can be estimated at p (cheap: no estimate yet); fills the
 * perf's header, and its note when not (GPUADV_ENOTFOUND). */
int gpuadv__perf_gate(struct gpuadv_perf *out, const struct gpuadv_catalog *cat,
		      const struct gpuadv_gpu *gpu, const struct gpuadv_workload *w,
		      enum gpuadv_precision p, double ref_speed);

/* The whole estimate, and the measured figure where there is one. */
int gpuadv__perf_at(struct gpuadv_perf *out, const struct gpuadv_catalog *cat,
		    const struct gpuadv_gpu *gpu, const struct gpuadv_workload *w,
		    enum gpuadv_precision p, double ref_speed);

#endif
