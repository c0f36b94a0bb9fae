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

#endif
