/*
 * table.c - text tables through libsmartcols, set up alike for every text
 * renderer: it fits them to the terminal width and handles UTF-8.
 */
#include "table.h"

#include <libsmartcols/libsmartcols.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

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

/* Characters in a cell (UTF-8 code points; every text here is one column
 * a character). */
static size_t cell_width(struct libscols_cell *ce)
{
	const char *s = ce ? scols_cell_get_data(ce) : NULL;
	size_t n = 0;

	for (; s && *s; s++)
		n += ((unsigned char)*s & 0xc0) != 0x80;
	return n;
}

/*
 * libsmartcols fits a table to the terminal by cutting its truncatable
 * columns, down to their heading's width if need be: on 80 columns a GPU
 * name became "NVI", and two RTX PRO 6000 editions read the same. So the
 * cutting is done here: a truncatable column keeps enough characters to
 * tell its cells apart (at least TRUNC_FLOOR, or all it has), the widest
 * give up the most, and where that is not enough the table is as wide as
 * it must be and the terminal wraps it.
 */
#define TRUNC_FLOOR 16

/* The characters of a that show it differs from b: up to the first that
 * differs, and past it while that is a space (which shows nothing). */
static size_t telling(const char *a, const char *b)
{
	size_t n = 0;

	for (; *a && *a == *b; a++, b++)
		n += ((unsigned char)*a & 0xc0) != 0x80;
	for (; *a == ' '; a++)
		n++;
	return *a ? n + 1 : n;
}

static const char *cell_data(struct libscols_line *ln, size_t c)
{
	struct libscols_cell *ce = scols_line_get_cell(ln, c);

	return ce ? scols_cell_get_data(ce) : NULL;
}

static int by_text(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/*
 * Column c's width as it is, and the least that keeps its cells apart. A
 * cell shares its longest start with a neighbour in sorted order, so only
 * neighbours are compared: n log n, not every pair. -1: no memory.
 */
static int measure(struct libscols_table *tb, struct libscols_iter *itr, size_t c,
		   size_t *natural, size_t *floor)
{
	struct libscols_column *cl = scols_table_get_column(tb, c);
	bool trunc = scols_column_get_flags(cl) & SCOLS_FL_TRUNC;
	size_t w, t, k, n = 0, lines = scols_table_get_nlines(tb);
	struct libscols_line *ln;
	const char **cells = NULL;

	*natural = cell_width(scols_column_get_header(cl));
	*floor = TRUNC_FLOOR;
	if (trunc && lines && !(cells = malloc(lines * sizeof(*cells))))
		return -1;
	scols_reset_iter(itr, SCOLS_ITER_FORWARD);
	while (scols_table_next_line(tb, itr, &ln) == 0) {
		const char *a = cell_data(ln, c);

		if ((w = cell_width(scols_line_get_cell(ln, c))) > *natural)
			*natural = w;
		if (cells && a && n < lines)
			cells[n++] = a;
	}
	if (n > 1)
		qsort(cells, n, sizeof(*cells), by_text);
	for (k = 1; k < n; k++) {
		if (!strcmp(cells[k - 1], cells[k]))
			continue;
		if ((t = telling(cells[k - 1], cells[k])) > *floor)
			*floor = t;
		if ((t = telling(cells[k], cells[k - 1])) > *floor)
			*floor = t;
	}
	free(cells);
	if (!trunc || *floor > *natural)
		*floor = *natural;
	return 0;
}

/* Cut column c's cells to width characters, at a character's start
 * (a cell of any length: a fixed buffer cut long ones mid-character). */
static int cut(struct libscols_table *tb, struct libscols_iter *itr, size_t c, size_t width)
{
	struct libscols_line *ln;

	scols_reset_iter(itr, SCOLS_ITER_FORWARD);
	while (scols_table_next_line(tb, itr, &ln) == 0) {
		const char *s = cell_data(ln, c);
		size_t i = 0, n = 0;
		char *buf;
		int rc;

		if (!s || cell_width(scols_line_get_cell(ln, c)) <= width)
			continue;
		while (s[i] && (((unsigned char)s[i] & 0xc0) == 0x80 || n++ < width))
			i++;
		buf = strndup(s, i);
		rc = buf ? scols_line_set_data(ln, c, buf) : -1;
		free(buf);
		if (rc)
			return -1;
	}
	return 0;
}

static int fit(struct libscols_table *tb)
{
	size_t ncols = scols_table_get_ncols(tb), c, total = 0, excess, give;
	size_t natural[32], floor[32];
	struct libscols_iter *itr;
	int rc = 0;

	if (scols_table_get_termforce(tb) != SCOLS_TERMFORCE_ALWAYS || ncols == 0 ||
	    ncols > 32)
		return 0;
	/* A table with a wrapping column (show, archs) fits by wrapping it. */
	for (c = 0; c < ncols; c++)
		if (scols_column_get_flags(scols_table_get_column(tb, c)) & SCOLS_FL_WRAP)
			return 0;
	if (!(itr = scols_new_iter(SCOLS_ITER_FORWARD)))
		return -1;
	for (c = 0; rc == 0 && c < ncols; c++) {
		rc = measure(tb, itr, c, &natural[c], &floor[c]);
		total += natural[c] + (c ? 2 : 0);
	}
	excess = total > scols_table_get_termwidth(tb) ? total - scols_table_get_termwidth(tb) : 0;
	while (rc == 0 && excess > 0) {
		size_t most = 0, at = ncols;

		for (c = 0; c < ncols; c++)
			if (natural[c] - floor[c] > most) {
				most = natural[c] - floor[c];
				at = c;
			}
		if (at == ncols)
			break;
		give = most < excess ? most : excess;
		natural[at] -= give;
		excess -= give;
		rc = cut(tb, itr, at, natural[at]);
	}
	scols_free_iter(itr);
	/* Cut here or not at all: libsmartcols is not to cut further. */
	return rc ? rc : scols_table_set_termforce(tb, SCOLS_TERMFORCE_NEVER);
}

int gpuadv__table_print(struct libscols_table *tb, FILE *out, struct gpuadv_error *err)
{
	int rc = fit(tb) ? -1 : scols_print_table(tb);

	scols_unref_table(tb);
	/* libsmartcols does not report failed writes: ask the stream. */
	if (rc != 0 || fflush(out) == EOF || ferror(out))
		return gpuadv_error_set(err, GPUADV_EIO, "cannot write output");
	return 0;
}
