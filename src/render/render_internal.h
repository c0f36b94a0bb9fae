/* render_internal.h - the per-format renderers behind render.h's functions. */
#ifndef GPUADV_RENDER_INTERNAL_H
#define GPUADV_RENDER_INTERNAL_H

#include <stdbool.h>

#include "gpu_advisor/render.h"

/* Add item to obj under key (json_add: key is kept, not copied, so it must
 * be a literal or catalogue text) or to the array arr (json_push);
 * on failure, or when item is NULL, free item and return false, so that
 * builders can chain calls and clean up once. */
bool json_add(struct cJSON *obj, const char *key, struct cJSON *item);
bool json_push(struct cJSON *arr, struct cJSON *item);
/* A string, or null for NULL: json_str_or_null copies it, for text that
 * dies with the call (reasons, notes); json_text refers to it, for the
 * catalogue's text and literals, which outlive the tree (render.h). */
struct cJSON *json_str_or_null(const char *s);
struct cJSON *json_text(const char *s);

/* Text tables (libsmartcols), set up alike everywhere: two-space columns,
 * fitted to o->columns on a terminal, bold headings with colour. A table
 * that fails to print (or whose stream fails) is GPUADV_EIO; print
 * releases the table either way. */
struct libscols_table;
struct libscols_table *render_table_new(FILE *out, const struct gpuadv_render_opts *o);
int render_table_col(struct libscols_table *tb, const char *name, double whint,
		     int flags, int color);
int render_table_print(struct libscols_table *tb, FILE *out, struct gpuadv_error *err);

/*
 * The one escape hook of text output: a text renderer writes into the
 * memory stream render_text_begin opens, and render_text_end passes what it
 * wrote to out through gpuadv_escape (newlines and tabs kept; with colour,
 * our own bold and reset, ESC[1m and ESC[0m, kept too), so that catalogue text
 * can never move the cursor, retitle the terminal or break UTF-8. rc is
 * the renderer's result: on failure nothing is written.
 */
struct render_text_buf {
	FILE *mem;
	char *data;
	size_t len;
};
FILE *render_text_begin(struct render_text_buf *b);
int render_text_end(struct render_text_buf *b, FILE *out, int color, int rc,
		    struct gpuadv_error *err);

int gpuadv_render_gpu_list_json(FILE *out, const struct gpuadv_catalog *cat,
				const struct gpuadv_gpu *const *gpus,
				const struct gpuadv_perf *perf, size_t n,
				struct gpuadv_error *err);
int gpuadv_render_gpu_json(FILE *out, const struct gpuadv_catalog *cat,
			   const struct gpuadv_gpu *gpu, struct gpuadv_error *err);
int gpuadv_render_archs_json(FILE *out, const struct gpuadv_catalog *cat,
			     struct gpuadv_error *err);

#endif
