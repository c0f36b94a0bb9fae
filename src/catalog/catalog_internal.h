/*
 * catalog_internal.h - what the files of src/catalog/ share: the enum name
 * arrays (schema.c), and the sorted index of normalised GPU names that
 * makes lookups a binary search (built by names.c for the loader, searched
 * by resolve.c). tools/embed.c writes the index out as C.
 *
 * Internal (not installed, not part of the API): functions and arrays
 * carry the internal mark gpuadv__.
 */
#ifndef GPUADV_CATALOG_INTERNAL_H
#define GPUADV_CATALOG_INTERNAL_H

#include "gpu_advisor/catalog.h"
#include "yamltree.h"

/* Indexed by the enum; the loader's choices and the parse functions. */
extern const char *const gpuadv__precision_names[GPUADV_PRECISION_COUNT];
extern const char *const gpuadv__segment_names[GPUADV_SEGMENT_COUNT];
extern const char *const gpuadv__task_names[GPUADV_TASK_COUNT];

struct gpuadv_name_entry {
	const char *norm; /* normalised id, alias or name */
	const struct gpuadv_gpu *gpu;
	unsigned long line, column; /* where the loader read it */
};

struct gpuadv_name_index {
	struct gpuadv_name_entry *entries; /* sorted by norm, unique */
	size_t count;
};

/* Order of entries: by norm (qsort, bsearch). */
int gpuadv__name_entry_cmp(const void *a, const void *b);

/*
 * Build cat->names from the loaded GPUs (each one's id, name and aliases;
 * gpus is the YAML sequence they came from, for positions). Two GPUs
 * sharing a name is an error at the later one.
 */
int gpuadv__names_build(const struct gpuadv__ywalk *w, struct gpuadv_catalog *cat,
			const struct ynode *gpus);

/* How far a typed (normalised) name is from a catalogue name, for
 * did-you-mean: edit distance, or distance to its prefix plus one. */
unsigned gpuadv__name_distance(const char *typed, const char *norm);

/*
 * Did-you-mean for GPUs, models and quantisations alike: offer each index
 * entry (its normalised name and the id of what it names) with
 * gpuadv__suggest_offer; the closest few within a distance that grows with
 * the typed name's length are kept, each thing once (through its closest
 * name), ties by id. ids are borrowed from the index's owner.
 */
#define GPUADV__SUGGEST_MAX 3

struct gpuadv__suggest {
	const char *typed; /* normalised */
	unsigned limit;
	const char *id[GPUADV__SUGGEST_MAX];
	unsigned dist[GPUADV__SUGGEST_MAX];
	size_t count;
};

void gpuadv__suggest_init(struct gpuadv__suggest *s, const char *typed);
void gpuadv__suggest_offer(struct gpuadv__suggest *s, const char *norm, const char *id);

/* GPUADV_EUSAGE, err: "unknown <what> '<name>'; did you mean 'a', 'b' or
 * 'c'?" (no question without suggestions), err->field set to field. */
int gpuadv__suggest_error(const struct gpuadv__suggest *s, struct gpuadv_error *err,
			  const char *what, const char *name, const char *field);

#endif
