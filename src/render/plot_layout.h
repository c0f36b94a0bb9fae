/*
 * plot_layout.h - the charts module's arithmetic, apart from drawing so
 * that the tests can check it without cairo: axis ticks at round numbers,
 * and places for point labels where they overlap neither each other nor
 * the points.
 */
#ifndef GPUADV_RENDER_PLOT_LAYOUT_H
#define GPUADV_RENDER_PLOT_LAYOUT_H

#include <stdbool.h>
#include <stddef.h>

struct gpuadv__rect {
	double x, y, w, h; /* top left corner, size; y grows downwards */
};

bool gpuadv__rect_overlap(const struct gpuadv__rect *a, const struct gpuadv__rect *b);

/* Round ticks covering [lo, hi]: *first, *step and *count (at most
 * max_ticks + 1) such that the ticks first + i * step cover lo..hi. */
void gpuadv__plot_ticks(double lo, double hi, int max_ticks, double *first,
			double *step, int *count);

/* A label to place beside a point at (px, py). */
struct gpuadv__label {
	double px, py;     /* the point, device units */
	double w, h;       /* the label's size */
	struct gpuadv__rect at; /* out: where it goes */
	bool leader;       /* out: far from its point, drawn with a line */
	bool overlaps;     /* out: no free place was found */
};

/* Place n labels inside area, each clear of the other labels and of every
 * point's marker (radius r), nearest places first; a label with no free
 * place goes where it overlaps least and is flagged. Returns the number
 * flagged. */
size_t gpuadv__plot_place_labels(struct gpuadv__label *l, size_t n,
				 const struct gpuadv__rect *area, double r);

#endif
