/* chart.h - text bar charts (chart.c): the bar arithmetic, for the tests. */
#ifndef GPUADV_RENDER_CHART_H
#define GPUADV_RENDER_CHART_H

#include <stdbool.h>
#include <stddef.h>

#include "gpu_advisor/engine.h"

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

/* The configurations a picture of a memory answer shows, top first: the
 * --on one, the largest single card short of the need, the smallest that
 * hold it on 1, 2, 4 and 8 GPUs (those the engine kept). Fills out[] (room
 * for GPUADV_MEMORY_COUNTS + 2) with each and role[] with why it is shown
 * ("yours", "asked", "too small", "smallest"); returns how many. */
#define GPUADV__MEMORY_SHOWN_MAX (GPUADV_MEMORY_COUNTS + 2)
size_t gpuadv__memory_shown(const struct gpuadv_memory_answer *a,
			    const struct gpuadv_memory_config **out, const char **role);
/* "2 x GeForce RTX 3090": a shown configuration's name. */
void gpuadv__memory_config_name(char *buf, size_t size, const struct gpuadv_memory_config *c);

#endif
