/* arena.c - bump allocation in chained blocks; see arena.h. */
#include "arena.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define ARENA_BLOCK 65536u
#define ARENA_ALIGN 16u

struct block {
	struct block *next;
	size_t used, size;
	_Alignas(16) unsigned char data[];
};

struct gpuadv_arena {
	struct block *head;
};

struct gpuadv_arena *gpuadv__arena_new(void)
{
	return calloc(1, sizeof(struct gpuadv_arena));
}

void gpuadv__arena_free(struct gpuadv_arena *a)
{
	struct block *b, *next;

	if (!a)
		return;
	for (b = a->head; b; b = next) {
		next = b->next;
		free(b);
	}
	free(a);
}

void *gpuadv__arena_alloc(struct gpuadv_arena *a, size_t size)
{
	struct block *b = a->head;
	size_t need = (size + ARENA_ALIGN - 1) & ~(size_t)(ARENA_ALIGN - 1);
	void *p;

	if (size == 0)
		need = ARENA_ALIGN;
	if (need < size)
		return NULL;
	if (!b || b->size - b->used < need) {
		size_t cap = need > ARENA_BLOCK ? need : ARENA_BLOCK;

		if (cap > SIZE_MAX - sizeof(*b))
			return NULL;
		b = malloc(sizeof(*b) + cap);
		if (!b)
			return NULL;
		b->used = 0;
		b->size = cap;
		b->next = a->head;
		a->head = b;
	}
	p = b->data + b->used;
	b->used += need;
	memset(p, 0, size);
	return p;
}

void *gpuadv__arena_calloc(struct gpuadv_arena *a, size_t n, size_t size)
{
	if (size && n > SIZE_MAX / size)
		return NULL;
	return gpuadv__arena_alloc(a, n * size);
}

char *gpuadv__arena_strdup(struct gpuadv_arena *a, const char *s)
{
	size_t len = strlen(s);
	char *p = gpuadv__arena_alloc(a, len + 1);

	if (p)
		memcpy(p, s, len + 1);
	return p;
}
