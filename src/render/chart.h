/* chart.h - text bar charts (chart.c): the bar arithmetic, for the tests. */
#ifndef GPUADV_RENDER_CHART_H
#define GPUADV_RENDER_CHART_H

#include <stdbool.h>
#include <stddef.h>

/*
 * A bar for value on a scale whose full width (cells terminal columns) is
 * max: with unicode, whole blocks and a last block in eighths (U+2588 and
 * U+2589..U+258F); else '#' for each whole cell, rounded. A positive value
 * too small to show gets the smallest mark; zero, a negative or unknown
 * value, or a max that is not positive, gets none. Writes the bar (NUL
 * terminated, cut short if size is too small) into buf and returns the
 * columns it takes.
 */
size_t gpuadv__chart_bar(char *buf, size_t size, double value, double max,
			 size_t cells, bool unicode);

/* Columns for the bars, given the terminal's (0: not a terminal) and the
 * widths of the label and value columns: at least 10, at most 60. */
size_t gpuadv__chart_cells(int columns, size_t label_w, size_t value_w);

#endif
