/*
 * table.c - text tables through libsmartcols, set up alike for every text
 * renderer: it fits them to the terminal width and handles UTF-8.
 */
#include "table.h"

#include <libsmartcols/libsmartcols.h>

static int set_symbols(struct libscols_table *tb)
{
	struct libscols_symbols *sy = scols_new_symbols();
	int rc;

	if (!sy)
		return -1;
	rc = scols_table_set_symbols(tb, sy);
	scols_unref_symbols(sy);
	return rc;
}

struct libscols_table *gpuadv__table_new(FILE *out, const struct gpuadv_render_opts *o)
{
	struct libscols_table *tb = scols_new_table();

	if (!tb)
		return NULL;
	scols_table_set_stream(tb, out);
	scols_table_enable_colors(tb, o->color);
	/* Our own (empty) symbol set: libsmartcols would otherwise make its
	 * default one while printing and ignore a failed allocation there. */
	if (scols_table_set_column_separator(tb, "  ") || set_symbols(tb)) {
		scols_unref_table(tb);
		return NULL;
	}
	if (o->columns > 0) {
		scols_table_set_termwidth(tb, (size_t)o->columns);
		scols_table_set_termforce(tb, SCOLS_TERMFORCE_ALWAYS);
	} else {
		scols_table_set_termforce(tb, SCOLS_TERMFORCE_NEVER);
	}
	return tb;
}

int gpuadv__table_col(struct libscols_table *tb, const char *name, double whint,
		     int flags, int color)
{
	struct libscols_column *cl = scols_table_new_column(tb, name, whint, flags);

	if (!cl)
		return -1;
	if (color)
		scols_cell_set_color(scols_column_get_header(cl), "bold");
	return 0;
}

int gpuadv__table_print(struct libscols_table *tb, FILE *out, struct gpuadv_error *err)
{
	int rc = scols_print_table(tb);

	scols_unref_table(tb);
	/* libsmartcols does not report failed writes: ask the stream. */
	if (rc != 0 || fflush(out) == EOF || ferror(out))
		return gpuadv_error_set(err, GPUADV_EIO, "cannot write output");
	return 0;
}
