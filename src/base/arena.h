/*
 * arena.h - a bump allocator that owns everything a loaded catalogue points
 * to, so that a catalogue is released (or a failed load undone) with one call.
 *
 * Internal (not installed, not part of the API): its functions
 * carry the internal mark gpuadv__.
 */
#ifndef GPUADV_ARENA_H
#define GPUADV_ARENA_H

#include <stddef.h>

struct gpuadv_arena;

struct gpuadv_arena *gpuadv__arena_new(void);
void gpuadv__arena_free(struct gpuadv_arena *a);

/* Zeroed, aligned memory; NULL when out of memory or on overflow. */
void *gpuadv__arena_alloc(struct gpuadv_arena *a, size_t size);
void *gpuadv__arena_calloc(struct gpuadv_arena *a, size_t n, size_t size);
char *gpuadv__arena_strdup(struct gpuadv_arena *a, const char *s);

#endif
