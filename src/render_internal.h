/* render_internal.h - the per-format renderers behind render.h's functions. */
#ifndef GPUADV_RENDER_INTERNAL_H
#define GPUADV_RENDER_INTERNAL_H

#include "gpu_advisor/render.h"

int gpuadv_render_gpu_list_json(FILE *out, const struct gpuadv_catalog *cat,
				const struct gpuadv_gpu *const *gpus,
				const struct gpuadv_perf *perf, size_t n,
				struct gpuadv_error *err);
int gpuadv_render_gpu_json(FILE *out, const struct gpuadv_catalog *cat,
			   const struct gpuadv_gpu *gpu, struct gpuadv_error *err);
int gpuadv_render_archs_json(FILE *out, const struct gpuadv_catalog *cat,
			     struct gpuadv_error *err);

#endif
