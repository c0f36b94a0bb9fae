/*
 * catalog_internal.h - what the loader and the name resolver share: the
 * sorted index of normalised GPU names that makes lookups a binary search.
 */
#ifndef GPUADV_CATALOG_INTERNAL_H
#define GPUADV_CATALOG_INTERNAL_H

#include "gpu_advisor/catalog.h"

struct gpuadv_name_entry {
	const char *norm; /* normalised id, alias or name */
	const struct gpuadv_gpu *gpu;
	unsigned long line, column; /* where the loader read it */
};

struct gpuadv_name_index {
	struct gpuadv_name_entry *entries; /* sorted by norm, unique */
	size_t count;
};

int gpuadv_name_entry_cmp(const void *a, const void *b);

/* How far a typed (normalised) name is from a catalogue name, for
 * did-you-mean: edit distance, or distance to its prefix plus one. */
unsigned gpuadv__name_distance(const char *typed, const char *norm);

#endif
