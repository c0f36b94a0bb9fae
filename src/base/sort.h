/*
 * sort.h - a stable merge sort whose comparison takes a context, so that a
 * caller's sort order needs no global (qsort's comparison takes none, and
 * qsort is not stable).
 */
#ifndef GPUADV_BASE_SORT_H
#define GPUADV_BASE_SORT_H

#include <stddef.h>

typedef int (*gpuadv__cmp_fn)(const void *a, const void *b, void *ctx);

/* Sort n items of size bytes at base; equal items keep their order.
 * Returns 0, or GPUADV_ENOMEM (base untouched) when the scratch copy
 * cannot be allocated. */
int gpuadv__sort(void *base, size_t n, size_t size, gpuadv__cmp_fn cmp, void *ctx);

#endif
