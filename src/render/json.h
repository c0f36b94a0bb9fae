/* json.h - JSON building blocks (json.c), shared by the JSON renderers. */
#ifndef GPUADV_RENDER_JSON_H
#define GPUADV_RENDER_JSON_H

#include <stdbool.h>

#include "gpu_advisor/render.h"

/* Add item to obj under key (the key is kept, not copied, so it must be a
 * literal or catalogue text) or to the array arr; on failure, or when item
 * is NULL, free item and return false, so that builders can chain calls
 * and clean up once. */
bool gpuadv__json_add(struct cJSON *obj, const char *key, struct cJSON *item);
bool gpuadv__json_push(struct cJSON *arr, struct cJSON *item);
/* A string, or null for NULL: str_or_null copies it, for text that dies
 * with the call (reasons, notes); text refers to it, for the catalogue's
 * text and literals, which outlive the tree (render.h). */
struct cJSON *gpuadv__json_str_or_null(const char *s);
struct cJSON *gpuadv__json_text(const char *s);
/* {"schema_version": 1, "catalog": {...}}, to which a document adds its part. */
struct cJSON *gpuadv__json_document(const struct gpuadv_catalog *cat);

#endif
