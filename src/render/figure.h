/*
 * figure.h - a picture as data: what figure.c makes of an engine answer
 * (titles, axes with units, points, bars, the Pareto front) and what the
 * charts module (plot_cairo.c, a shared module of its own so that cairo
 * loads only when asked) draws. The module sees only this header's types:
 * it calls nothing in the core, so it carries no copy of it.
 *
 * Ownership: a figure owns its arrays (gpuadv__figure_release); its
 * strings are either its own (kept in text[]) or borrowed from the
 * catalogue, which must outlive it.
 */
#ifndef GPUADV_RENDER_FIGURE_H
#define GPUADV_RENDER_FIGURE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "gpu_advisor/error.h"
#include "gpu_advisor/render.h"

/* What the module is: bumped whenever a type below changes, so that a
 * module left over from another build is refused rather than misread. */
#define GPUADV__PLOT_ABI 2
#define GPUADV__PLOT_SYMBOL "gpuadv_charts_api"
#define GPUADV__PLOT_MODULE "gpu-advisor-charts.so"

enum gpuadv__panel_kind {
	GPUADV__PANEL_SCATTER, /* points: y against x, labelled */
	GPUADV__PANEL_BARS,    /* groups of bars, one per series */
	GPUADV__PANEL_STACKED  /* one stacked bar per group, a limit line each */
};

/* A point of a scatter panel. */
struct gpuadv__fig_point {
	const char *label;
	double x, y;
	bool front;   /* on the Pareto front (no point cheaper and faster) */
	bool pick;    /* one of the answer's picks: drawn larger */
};

#define GPUADV__FIG_MAX_SERIES 8
#define GPUADV__FIG_TEXT 64

struct gpuadv__fig_panel {
	enum gpuadv__panel_kind kind;
	const char *title;
	const char *x_label, *y_label; /* with units */
	/* SCATTER */
	struct gpuadv__fig_point *points;
	size_t point_count;
	/* BARS and STACKED: values[g * series_count + s], NAN for none. */
	const char **groups;
	size_t group_count;
	char *group_text;    /* owned storage behind groups, or NULL */
	const char *series[GPUADV__FIG_MAX_SERIES];
	size_t series_count;
	double *values;
	double *limits;      /* STACKED: each group's limit (a card's memory) */
	const char *limit_label;
	/* STACKED: a figure to print after each group's bar ("39.5 of 48"),
	 * GPUADV__FIG_TEXT bytes apart; NULL for none. Owned. */
	char *bar_text;
	const char *note;    /* a line under the panel, or NULL */
};

#define GPUADV__FIG_MAX_PANELS 2

struct gpuadv__figure {
	const char *title;
	const char *subtitle;
	struct gpuadv__fig_panel panels[GPUADV__FIG_MAX_PANELS];
	size_t panel_count;
	char text[8][160]; /* the figure's own strings */
};

/* Figures from the engine's answers: 0, or GPUADV_ENOMEM. */
void gpuadv__figure_init(struct gpuadv__figure *f);
void gpuadv__figure_release(struct gpuadv__figure *f);
int gpuadv__figure_recommendation(struct gpuadv__figure *f, const struct gpuadv_catalog *cat,
				  const struct gpuadv_recommendation *r);
int gpuadv__figure_comparison(struct gpuadv__figure *f, const struct gpuadv_catalog *cat,
			      const struct gpuadv_comparison *c);
/* memory: the breakdown stacked against each shown configuration's memory
 * (gpuadv__memory_shown, chart.h). */
int gpuadv__figure_memory(struct gpuadv__figure *f, const struct gpuadv_memory_answer *a);
/* Mark the points on the Pareto front: those no other point beats on both
 * x (lower) and y (higher). */
void gpuadv__figure_front(struct gpuadv__fig_point *p, size_t n);

/* What the module exports under GPUADV__PLOT_SYMBOL. draw writes f as SVG
 * (png false) or PNG to out; returns 0, GPUADV_EIO (a failed write) or
 * GPUADV_EINTERNAL (cairo failed), the message in err. */
struct gpuadv__plot_api {
	int abi;
	size_t figure_size; /* sizeof(struct gpuadv__figure), a second check */
	int (*draw)(FILE *out, const struct gpuadv__figure *f, bool png,
		    struct gpuadv_error *err);
	/* Free what cairo and fontconfig keep for the process (font caches),
	 * before the module is closed: no cairo object may be alive. */
	void (*close)(void);
};

struct gpuadv_plotter {
	void *handle;
	const struct gpuadv__plot_api *api;
};

#endif
