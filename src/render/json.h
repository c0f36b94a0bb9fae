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
/* Prices and costs (json_market.c): the price object of an answer, a cost
 * of ownership, the query's cost inputs, and a GPU's market members
 * (sold_as, price, cloud_usd_per_hour, cloud_price_as_of,
 * cloud_price_source) added to o. */
struct cJSON *gpuadv__json_price(const struct gpuadv_price *p);
struct cJSON *gpuadv__json_tco(const struct gpuadv_tco *t);
struct cJSON *gpuadv__json_tco_inputs(const struct gpuadv_query *q);
bool gpuadv__json_market(struct cJSON *o, const struct gpuadv_catalog *cat,
			 const struct gpuadv_gpu *g);

/* {"schema_version": 1, "catalog": {...}}, to which a document adds its part. */
struct cJSON *gpuadv__json_document(const struct gpuadv_catalog *cat);

#endif
