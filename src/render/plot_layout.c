/*
 * plot_layout.c - round axis ticks and label placement for the charts
 * module (plot_layout.h). Pure arithmetic: no cairo, no I/O.
 */
#include <math.h>

#include "plot_layout.h"

bool gpuadv__rect_overlap(const struct gpuadv__rect *a, const struct gpuadv__rect *b)
{
	return a->x < b->x + b->w && b->x < a->x + a->w && a->y < b->y + b->h &&
	       b->y < a->y + a->h;
}

void gpuadv__plot_ticks(double lo, double hi, int max_ticks, double *first,
			double *step, int *count)
{
	static const double nice[] = { 1, 2, 2.5, 5, 10 };
	double raw, mag, s = 1;
	size_t i;

	if (!(hi > lo)) {
		hi = lo + (lo ? fabs(lo) : 1);
	}
	if (max_ticks < 1)
		max_ticks = 1;
	raw = (hi - lo) / max_ticks;
	mag = pow(10, floor(log10(raw)));
	for (i = 0; i < sizeof(nice) / sizeof(nice[0]); i++) {
		s = nice[i] * mag;
		if (s >= raw)
			break;
	}
	*step = s;
	*first = floor(lo / s) * s;
	*count = (int)ceil((hi - *first) / s - 1e-9) + 1;
}

static double overlap_area(const struct gpuadv__rect *a, const struct gpuadv__rect *b)
{
	double w = fmin(a->x + a->w, b->x + b->w) - fmax(a->x, b->x);
	double h = fmin(a->y + a->h, b->y + b->h) - fmax(a->y, b->y);

	return w > 0 && h > 0 ? w * h : 0;
}

/* How much candidate c of label k collides with placed labels and points. */
static double collision(const struct gpuadv__label *l, size_t n, size_t k,
			const struct gpuadv__rect *c, double r)
{
	double sum = 0;
	size_t j;

	for (j = 0; j < n; j++) {
		/* A margin round other points, so that a label does not sit
		 * where it reads as theirs. */
		double m = j == k ? r : r + 4;
		struct gpuadv__rect dot = { l[j].px - m, l[j].py - m, 2 * m, 2 * m };

		sum += overlap_area(c, &dot);
		if (j < k)
			sum += overlap_area(c, &l[j].at);
	}
	return sum;
}

size_t gpuadv__plot_place_labels(struct gpuadv__label *l, size_t n,
				 const struct gpuadv__rect *area, double r)
{
	/* Directions around the point, nearest places first: right, left,
	 * above, below, then the corners. */
	static const double dir[][2] = { { 1, 0 }, { -1, 0 }, { 0, -1 }, { 0, 1 },
					 { 1, -1 }, { -1, -1 }, { 1, 1 }, { -1, 1 } };
	static const double dist[] = { 1, 3, 5, 8, 12 };
	size_t k, d, s, flagged = 0;

	for (k = 0; k < n; k++) {
		double best = INFINITY;

		l[k].overlaps = false;
		for (s = 0; s < sizeof(dist) / sizeof(dist[0]) && best > 0; s++) {
			for (d = 0; d < sizeof(dir) / sizeof(dir[0]) && best > 0; d++) {
				double gap = r + 3 + (dist[s] - 1) * l[k].h;
				struct gpuadv__rect c;
				double cost;

				c.w = l[k].w;
				c.h = l[k].h;
				c.x = dir[d][0] > 0 ? l[k].px + gap
				    : dir[d][0] < 0 ? l[k].px - gap - c.w : l[k].px - c.w / 2;
				c.y = dir[d][1] > 0 ? l[k].py + gap
				    : dir[d][1] < 0 ? l[k].py - gap - c.h : l[k].py - c.h / 2;
				if (c.x < area->x || c.y < area->y || c.x + c.w > area->x + area->w ||
				    c.y + c.h > area->y + area->h)
					continue;
				cost = collision(l, n, k, &c, r);
				if (cost < best) {
					best = cost;
					l[k].at = c;
					/* Beside, above or below the point reads as
					 * its label; anywhere else needs a line. */
					l[k].leader = s > 0 || d >= 4;
				}
			}
		}
		if (best == INFINITY) { /* nowhere inside: right of the point */
			l[k].at = (struct gpuadv__rect){ l[k].px + r + 3, l[k].py - l[k].h / 2,
							 l[k].w, l[k].h };
			l[k].leader = false;
		}
		if (best > 0) {
			l[k].overlaps = true;
			flagged++;
		}
	}
	return flagged;
}
