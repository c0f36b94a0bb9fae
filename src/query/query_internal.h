/* query_internal.h - what the query layer's files share: the model checks
 * the validator runs last (model_query.c). */
#ifndef GPUADV_QUERY_INTERNAL_H
#define GPUADV_QUERY_INTERNAL_H

#include "gpu_advisor/params.h"
#include "gpu_advisor/query.h"

/* Whether p (a row q's command takes) is set in q. */
bool gpuadv__query_is_set(const struct gpuadv_query *q, const struct gpuadv_param_def *p);

/*
 * The model part of the validator: the rows that need a model, task,
 * method, optimiser and quantisation against each other and the model,
 * the context against the model's maximum; then the defaults (task infer,
 * context 4096 or the model's maximum, batch 1, method full, optimiser
 * adamw, layer split, no sharding, one GPU, the model's own quantisation
 * for inference).
 */
int gpuadv__query_check_model(struct gpuadv_query *q, enum gpuadv_naming naming,
			      struct gpuadv_error *err);

/* gpu_names.c: set *out to the GPU name names (failing as p, naming
 * says); a configuration's count too; "13b" as 13e9 (-1 if not a count). */
int gpuadv__param_set_gpu(const struct gpuadv_gpu **out, const struct gpuadv_catalog *cat,
			  const struct gpuadv_param_def *p, const char *name,
			  enum gpuadv_naming naming, struct gpuadv_error *err);
int gpuadv__param_set_config(const struct gpuadv_gpu **out, unsigned *count,
			     const struct gpuadv_catalog *cat, const struct gpuadv_param_def *p,
			     const char *text, enum gpuadv_naming naming,
			     struct gpuadv_error *err);
int gpuadv__parse_amount(double *out, const char *text);

#endif
