/*
 * models_internal.h - what the model loader, its name lookup and the
 * build-time generator (tools/embed_models.c) share: the sorted index of
 * normalised names.
 */
#ifndef GPUADV_MODELS_INTERNAL_H
#define GPUADV_MODELS_INTERNAL_H

#include "gpu_advisor/models.h"
#include "yamltree.h"

struct gpuadv_models_name {
	const char *norm;  /* normalised id, alias or name */
	size_t index;      /* into models[] or quants[] */
	unsigned long line, column; /* where the loader read it */
};

struct gpuadv_models_index {
	const struct gpuadv_models_name *entries; /* sorted by norm, unique */
	size_t count;
};

int gpuadv__models_name_cmp(const void *a, const void *b);

/*
 * Build ms->quant_names (quants true) or ms->model_names from the loaded
 * entries and their YAML sequence seq (for positions), in ms->arena. Two
 * entries sharing a normalised name is an error at the second one.
 */
int gpuadv__models_index(struct gpuadv_models *ms, const struct ynode *seq,
			 bool quants, const char *origin, struct gpuadv_error *err);

#endif
