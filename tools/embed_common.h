/*
 * embed_common.h - what the two build-time generators (tools/embed.c for
 * the GPU catalogue and prices, tools/embed_models.c for the model
 * catalogue) share: writing C literals, reading the YAML with its SHA-256,
 * and writing the output beside its target and renaming it into place.
 * Build tools, not the core: they print and exit.
 */
#ifndef GPUADV_EMBED_COMMON_H
#define GPUADV_EMBED_COMMON_H

#include <stddef.h>
#include <stdio.h>

#include "gpu_advisor/catalog.h"

/* s as a C string literal (NULL as NULL). */
void embed_str(FILE *out, const char *s);

/* v with all its digits, NAN as NAN. */
void embed_num(FILE *out, double v);

/* `static const char *NAME_I[] = { ..., NULL };` for the list l. */
void embed_strlist_array(FILE *out, const char *name, size_t i,
			 const struct gpuadv_strlist *l);

/* The initialiser `{ NAME_I, COUNT }` pointing at embed_strlist_array's. */
void embed_strlist_ref(FILE *out, const char *name, size_t i,
		       const struct gpuadv_strlist *l);

/* The whole file at path (NUL-terminated), its length and its SHA-256 in
 * hex; on failure says so as prog and exits 66. sodium_init must have run. */
char *embed_slurp(const char *prog, const char *path, size_t *len, char hex[65]);

/* Open the temporary file beside target (its name into tmp); on failure
 * says so and exits 73. */
FILE *embed_open(const char *prog, const char *target, char *tmp, size_t tmpsize);

/* Close out and rename tmp onto target: 0, or 74 after saying so and
 * removing tmp, so a failed run leaves no half-written source behind. */
int embed_close(const char *prog, FILE *out, const char *tmp, const char *target);

#endif
