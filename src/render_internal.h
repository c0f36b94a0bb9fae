/* render_internal.h - the per-format renderers behind render.h's functions. */
#ifndef GPUADV_RENDER_INTERNAL_H
#define GPUADV_RENDER_INTERNAL_H

#include <stdbool.h>

#include "gpu_advisor/render.h"

/* Add item to obj under key (json_add) or to the array arr (json_push);
 * on failure, or when item is NULL, free item and return false, so that
 * builders can chain calls and clean up once. */
bool json_add(struct cJSON *obj, const char *key, struct cJSON *item);
bool json_push(struct cJSON *arr, struct cJSON *item);
/* A string, or null for NULL. */
struct cJSON *json_str_or_null(const char *s);

int gpuadv_render_gpu_list_json(FILE *out, const struct gpuadv_catalog *cat,
				const struct gpuadv_gpu *const *gpus,
				const struct gpuadv_perf *perf, size_t n,
				struct gpuadv_error *err);
int gpuadv_render_gpu_json(FILE *out, const struct gpuadv_catalog *cat,
			   const struct gpuadv_gpu *gpu, struct gpuadv_error *err);
int gpuadv_render_archs_json(FILE *out, const struct gpuadv_catalog *cat,
			     struct gpuadv_error *err);

#endif
