/* table.h - text tables (table.c), shared by the text renderers. */
#ifndef GPUADV_RENDER_TABLE_H
#define GPUADV_RENDER_TABLE_H

#include <stdio.h>

#include "gpu_advisor/render.h"

/* Two-space columns, fitted to o->columns on a terminal, bold headings
 * with colour. A table that fails to print (or whose stream fails) is
 * GPUADV_EIO; print releases the table either way. */
struct libscols_table;
struct libscols_table *gpuadv__table_new(FILE *out, const struct gpuadv_render_opts *o);
int gpuadv__table_col(struct libscols_table *tb, const char *name, double whint,
		      int flags, int color);
int gpuadv__table_print(struct libscols_table *tb, FILE *out, struct gpuadv_error *err);

#endif
