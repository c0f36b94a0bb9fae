/*
 * plot_cairo.c - the charts module (gpu-advisor-charts.so): draws a figure
 * (figure.h) with cairo, as SVG or PNG, onto a stream. It is a module of
 * its own because linking cairo into gpu-advisor loaded some twenty more
 * shared libraries at every start and cost every command about half its
 * start-up time (README, "Pictures"); gpu-advisor opens it with dlopen only
 * for --format svg or png. It calls nothing in the core: everything it
 * needs is in the figure.
 */
#include <cairo-svg.h>
#include <cairo.h>
#include <fontconfig/fontconfig.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "figure.h"
#include "plot_layout.h"

#define WIDTH 960.0
#define PANEL_HEIGHT 520.0
#define TOP 70.0
#define FONT "DejaVu Sans"
#define PI 3.14159265358979323846

/* Tableau's ten colours, told apart by most readers. */
static const double palette[][3] = {
	{ 0.122, 0.467, 0.706 }, { 1.000, 0.498, 0.055 }, { 0.173, 0.627, 0.173 },
	{ 0.839, 0.153, 0.157 }, { 0.580, 0.404, 0.741 }, { 0.549, 0.337, 0.294 },
	{ 0.890, 0.467, 0.761 }, { 0.498, 0.498, 0.498 },
};

static int fail(struct gpuadv_error *err, int code, const char *fmt, ...)
{
	va_list ap;

	if (!err)
		return code;
	memset(err, 0, sizeof(*err));
	err->code = code;
	va_start(ap, fmt);
	vsnprintf(err->message, sizeof(err->message), fmt, ap);
	va_end(ap);
	return code;
}

static void font(cairo_t *cr, double size, bool bold)
{
	cairo_select_font_face(cr, FONT, CAIRO_FONT_SLANT_NORMAL,
			       bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL);
	cairo_set_font_size(cr, size);
}

static double text_width(cairo_t *cr, const char *s)
{
	cairo_text_extents_t e;

	cairo_text_extents(cr, s, &e);
	return e.x_advance;
}

/* Text with its left (align 0), centre (0.5) or right (1) at x, its
 * baseline at y. */
static void text(cairo_t *cr, double x, double y, double align, const char *s)
{
	cairo_move_to(cr, x - align * text_width(cr, s), y);
	cairo_show_text(cr, s);
}

static void grey(cairo_t *cr, double g)
{
	cairo_set_source_rgb(cr, g, g, g);
}

/* A tick's text: few digits, thousands as "k" above 10000. */
static void tick_text(char *buf, size_t size, double v, double step)
{
	if (fabs(v) >= 10000 && fmod(v, 1000) == 0)
		snprintf(buf, size, "%.0fk", v / 1000);
	else if (step >= 1)
		snprintf(buf, size, "%.0f", v);
	else
		snprintf(buf, size, "%.*f", step >= 0.1 ? 1 : step >= 0.01 ? 2 : 3, v);
}

struct axes {
	struct gpuadv__rect area; /* the plotting area */
	double x0, x1, y0, y1;    /* the data range shown */
};

static double ax_x(const struct axes *a, double v)
{
	return a->area.x + (v - a->x0) / (a->x1 - a->x0) * a->area.w;
}

static double ax_y(const struct axes *a, double v)
{
	return a->area.y + a->area.h - (v - a->y0) / (a->y1 - a->y0) * a->area.h;
}

/* The y axis with its grid and title; x ticks too when xticks. */
static void draw_axes(cairo_t *cr, struct axes *a, const struct gpuadv__fig_panel *pn,
		      bool xticks)
{
	double first, step, v;
	int count, i;
	char buf[32];

	gpuadv__plot_ticks(a->y0, a->y1, 6, &first, &step, &count);
	a->y0 = first;
	a->y1 = first + (count - 1) * step;
	font(cr, 11, false);
	/* A stacked panel's y axis holds names, not numbers. */
	for (i = 0; i < count && pn->kind != GPUADV__PANEL_STACKED; i++) {
		v = first + i * step;
		grey(cr, 0.88);
		cairo_set_line_width(cr, 1);
		cairo_move_to(cr, a->area.x, floor(ax_y(a, v)) + 0.5);
		cairo_line_to(cr, a->area.x + a->area.w, floor(ax_y(a, v)) + 0.5);
		cairo_stroke(cr);
		grey(cr, 0.25);
		tick_text(buf, sizeof(buf), v, step);
		text(cr, a->area.x - 6, ax_y(a, v) + 4, 1, buf);
	}
	if (xticks) {
		gpuadv__plot_ticks(a->x0, a->x1, 8, &first, &step, &count);
		a->x0 = first;
		a->x1 = first + (count - 1) * step;
		for (i = 0; i < count; i++) {
			v = first + i * step;
			grey(cr, 0.88);
			cairo_move_to(cr, floor(ax_x(a, v)) + 0.5, a->area.y);
			cairo_line_to(cr, floor(ax_x(a, v)) + 0.5, a->area.y + a->area.h);
			cairo_stroke(cr);
			grey(cr, 0.25);
			tick_text(buf, sizeof(buf), v, step);
			text(cr, ax_x(a, v), a->area.y + a->area.h + 16, 0.5, buf);
		}
	}
	grey(cr, 0.3);
	cairo_rectangle(cr, a->area.x + 0.5, a->area.y + 0.5, a->area.w, a->area.h);
	cairo_stroke(cr);
	font(cr, 13, false);
	grey(cr, 0.1);
	text(cr, a->area.x + a->area.w / 2, a->area.y + a->area.h + 40, 0.5, pn->x_label);
	cairo_save(cr);
	cairo_translate(cr, a->area.x - 52, a->area.y + a->area.h / 2);
	cairo_rotate(cr, -PI / 2);
	text(cr, 0, 0, 0.5, pn->y_label);
	cairo_restore(cr);
}

static void draw_scatter(cairo_t *cr, const struct gpuadv__fig_panel *pn, struct axes *a)
{
	struct gpuadv__label *lab;
	size_t i, n = pn->point_count, k;
	double prev;
	long next;

	a->x0 = a->y0 = INFINITY;
	a->x1 = a->y1 = -INFINITY;
	for (i = 0; i < n; i++) {
		a->x0 = fmin(a->x0, pn->points[i].x);
		a->x1 = fmax(a->x1, pn->points[i].x);
		a->y1 = fmax(a->y1, pn->points[i].y);
	}
	if (!n)
		a->x0 = 0, a->x1 = 1, a->y1 = 1;
	/* Performance from 0, so that heights compare; price from a round
	 * figure below the cheapest, with room either side for labels. */
	a->y0 = 0;
	a->y1 *= 1.08;
	{
		double pad = (a->x1 - a->x0) * 0.08 + 1;

		a->x0 = fmax(0, a->x0 - pad);
		a->x1 += pad;
	}
	draw_axes(cr, a, pn, true);
	/* The front, cheapest first: the line of best value. */
	cairo_set_source_rgba(cr, 0.839, 0.153, 0.157, 0.7);
	cairo_set_line_width(cr, 2);
	for (prev = -INFINITY;; prev = pn->points[next].x) {
		next = -1;
		for (i = 0; i < n; i++)
			if (pn->points[i].front && pn->points[i].x > prev &&
			    (next < 0 || pn->points[i].x < pn->points[next].x))
				next = (long)i;
		if (next < 0)
			break;
		if (isinf(prev))
			cairo_move_to(cr, ax_x(a, pn->points[next].x), ax_y(a, pn->points[next].y));
		else
			cairo_line_to(cr, ax_x(a, pn->points[next].x), ax_y(a, pn->points[next].y));
	}
	cairo_stroke(cr);
	for (i = 0; i < n; i++) {
		const struct gpuadv__fig_point *p = &pn->points[i];
		double r = p->pick ? 6.5 : 4.5;

		cairo_arc(cr, ax_x(a, p->x), ax_y(a, p->y), r, 0, 2 * PI);
		if (p->front)
			cairo_set_source_rgb(cr, 0.839, 0.153, 0.157);
		else
			cairo_set_source_rgb(cr, palette[0][0], palette[0][1], palette[0][2]);
		cairo_fill_preserve(cr);
		grey(cr, 1);
		cairo_set_line_width(cr, 1);
		cairo_stroke(cr);
	}
	/* Labels: picks first, so that they get the nearest places. */
	lab = calloc(n ? n : 1, sizeof(*lab));
	if (!lab)
		return;
	for (k = 0, i = 0; i < 2 * n; i++) {
		const struct gpuadv__fig_point *p = &pn->points[i % n];

		if ((i < n) != p->pick)
			continue;
		lab[k].px = ax_x(a, p->x);
		lab[k].py = ax_y(a, p->y);
		font(cr, 11, p->pick); /* picks' labels are bold, so wider */
		lab[k].w = text_width(cr, p->label) + 2;
		lab[k].h = 13;
		k++;
	}
	gpuadv__plot_place_labels(lab, n, &a->area, 6.5);
	for (k = 0, i = 0; i < 2 * n; i++) {
		const struct gpuadv__fig_point *p = &pn->points[i % n];
		const struct gpuadv__label *l = &lab[k];

		if ((i < n) != p->pick)
			continue;
		k++;
		if (l->leader) {
			grey(cr, 0.6);
			cairo_set_line_width(cr, 0.8);
			cairo_move_to(cr, l->px, l->py);
			cairo_line_to(cr, fmin(fmax(l->px, l->at.x), l->at.x + l->at.w),
				      fmin(fmax(l->py, l->at.y), l->at.y + l->at.h));
			cairo_stroke(cr);
		}
		font(cr, 11, p->pick);
		grey(cr, 0.1);
		text(cr, l->at.x + 1, l->at.y + 10, 0, p->label);
	}
	free(lab);
}

static void legend(cairo_t *cr, const struct gpuadv__fig_panel *pn, double x, double y)
{
	size_t s;

	font(cr, 11, false);
	for (s = 0; s < pn->series_count; s++) {
		cairo_set_source_rgb(cr, palette[s][0], palette[s][1], palette[s][2]);
		cairo_rectangle(cr, x, y - 9, 10, 10);
		cairo_fill(cr);
		grey(cr, 0.1);
		text(cr, x + 14, y, 0, pn->series[s]);
		x += 14 + text_width(cr, pn->series[s]) + 18;
	}
}

static void draw_bars(cairo_t *cr, const struct gpuadv__fig_panel *pn, struct axes *a)
{
	size_t g, s, ns = pn->series_count ? pn->series_count : 1;
	double gw, bw;

	a->x0 = 0;
	a->x1 = 1;
	a->y0 = 0;
	a->y1 = 0;
	for (g = 0; g < pn->group_count * ns; g++)
		if (!isnan(pn->values[g]))
			a->y1 = fmax(a->y1, pn->values[g]);
	a->y1 = a->y1 > 0 ? a->y1 * 1.08 : 1;
	draw_axes(cr, a, pn, false);
	gw = a->area.w / (double)(pn->group_count ? pn->group_count : 1);
	bw = fmin(40, gw * 0.8 / (double)ns);
	for (g = 0; g < pn->group_count; g++) {
		double gx = a->area.x + g * gw + (gw - bw * (double)ns) / 2;

		for (s = 0; s < ns; s++) {
			double v = pn->values[g * ns + s];

			if (isnan(v)) {
				font(cr, 9, false);
				grey(cr, 0.45);
				text(cr, gx + s * bw + bw / 2, ax_y(a, 0) - 4, 0.5, "n/a");
				continue;
			}
			cairo_set_source_rgb(cr, palette[s % 8][0], palette[s % 8][1],
					     palette[s % 8][2]);
			cairo_rectangle(cr, gx + s * bw + 1, ax_y(a, v), bw - 2, ax_y(a, 0) - ax_y(a, v));
			cairo_fill(cr);
		}
		font(cr, 11, false);
		grey(cr, 0.1);
		text(cr, a->area.x + g * gw + gw / 2, a->area.y + a->area.h + 16, 0.5,
		     pn->groups[g]);
	}
	legend(cr, pn, a->area.x + 8, a->area.y - 8);
}

/* One stacked horizontal bar per group (a card), its limit marked. */
static void draw_stacked(cairo_t *cr, const struct gpuadv__fig_panel *pn, struct axes *a)
{
	size_t g, s, ns = pn->series_count ? pn->series_count : 1;
	double bh, label_w = 0, note_w = 0;

	font(cr, 11, false);
	for (g = 0; g < pn->group_count; g++) {
		label_w = fmax(label_w, text_width(cr, pn->groups[g]));
		if (pn->bar_text)
			note_w = fmax(note_w, text_width(cr, pn->bar_text + g * GPUADV__FIG_TEXT));
	}
	/* The cards' names go left of the area, from the left margin. */
	label_w = fmin(label_w, 380);
	a->area.w -= label_w + 24 - a->area.x;
	a->area.x = label_w + 24 + 6;
	a->x0 = a->y0 = 0;
	a->y1 = 1;
	a->x1 = 0;
	for (g = 0; g < pn->group_count; g++) {
		double sum = 0;

		for (s = 0; s < ns; s++)
			sum += isnan(pn->values[g * ns + s]) ? 0 : pn->values[g * ns + s];
		a->x1 = fmax(a->x1, fmax(sum, pn->limits ? pn->limits[g] : 0));
	}
	/* Room right of the longest bar for its figure. */
	a->x1 = a->x1 > 0 ? a->x1 * a->area.w / fmax(a->area.w - note_w - 16, a->area.w / 2) : 1;
	{
		/* x ticks only: the y axis holds the cards' names. */
		struct gpuadv__fig_panel bare = *pn;
		struct axes b = *a;

		bare.y_label = "";
		b.y0 = 0;
		b.y1 = 1;
		draw_axes(cr, &b, &bare, true);
		a->x0 = b.x0;
		a->x1 = b.x1;
	}
	bh = fmin(28, a->area.h / (double)(pn->group_count ? pn->group_count : 1) * 0.7);
	for (g = 0; g < pn->group_count; g++) {
		double y = a->area.y + (g + 0.5) * a->area.h / (double)pn->group_count - bh / 2;
		double x = ax_x(a, 0);

		for (s = 0; s < ns; s++) {
			double v = pn->values[g * ns + s], w;

			if (isnan(v) || v <= 0)
				continue;
			w = ax_x(a, v) - ax_x(a, 0);
			cairo_set_source_rgb(cr, palette[s % 8][0], palette[s % 8][1],
					     palette[s % 8][2]);
			cairo_rectangle(cr, x, y, w, bh);
			cairo_fill(cr);
			x += w;
		}
		if (pn->limits && !isnan(pn->limits[g])) {
			cairo_set_source_rgb(cr, 0, 0, 0);
			cairo_set_line_width(cr, 2.5);
			cairo_move_to(cr, ax_x(a, pn->limits[g]), y - 5);
			cairo_line_to(cr, ax_x(a, pn->limits[g]), y + bh + 5);
			cairo_stroke(cr);
		}
		font(cr, 11, false);
		grey(cr, 0.1);
		text(cr, a->area.x - 6, y + bh / 2 + 4, 1, pn->groups[g]);
		if (pn->bar_text) {
			double end = fmax(x, pn->limits && !isnan(pn->limits[g])
						     ? ax_x(a, pn->limits[g]) : x);

			grey(cr, 0.25);
			text(cr, end + 8, y + bh / 2 + 4, 0, pn->bar_text + g * GPUADV__FIG_TEXT);
		}
	}
	legend(cr, pn, a->area.x + 8, a->area.y - 8);
	if (pn->limit_label) {
		double lx = a->area.x + a->area.w - text_width(cr, pn->limit_label) - 8;

		cairo_set_source_rgb(cr, 0, 0, 0);
		cairo_set_line_width(cr, 2.5);
		cairo_move_to(cr, lx - 10, a->area.y - 17);
		cairo_line_to(cr, lx - 10, a->area.y - 5);
		cairo_stroke(cr);
		text(cr, lx, a->area.y - 8, 0, pn->limit_label);
	}
}

static void draw(cairo_t *cr, const struct gpuadv__figure *f, double height)
{
	size_t p;

	cairo_set_source_rgb(cr, 1, 1, 1);
	cairo_paint(cr);
	grey(cr, 0.05);
	font(cr, 18, true);
	text(cr, 24, 32, 0, f->title ? f->title : "");
	font(cr, 12, false);
	grey(cr, 0.35);
	text(cr, 24, 52, 0, f->subtitle ? f->subtitle : "");
	for (p = 0; p < f->panel_count; p++) {
		const struct gpuadv__fig_panel *pn = &f->panels[p];
		double top = TOP + p * PANEL_HEIGHT;
		struct axes a = { .area = { 96, top + 50, WIDTH - 96 - 32, PANEL_HEIGHT - 120 } };

		if (pn->title) {
			font(cr, 14, true);
			grey(cr, 0.1);
			text(cr, 24, top + 20, 0, pn->title);
		}
		if (pn->kind == GPUADV__PANEL_SCATTER)
			draw_scatter(cr, pn, &a);
		else if (pn->kind == GPUADV__PANEL_BARS)
			draw_bars(cr, pn, &a);
		else
			draw_stacked(cr, pn, &a);
		if (pn->note) {
			font(cr, 11, false);
			grey(cr, 0.35);
			text(cr, WIDTH - 32, top + PANEL_HEIGHT - 18, 1, pn->note);
		}
	}
	(void)height;
}

static cairo_status_t write_out(void *closure, const unsigned char *data, unsigned int len)
{
	return fwrite(data, 1, len, closure) == len ? CAIRO_STATUS_SUCCESS
						    : CAIRO_STATUS_WRITE_ERROR;
}

static int plot_draw(FILE *out, const struct gpuadv__figure *f, bool png,
		     struct gpuadv_error *err)
{
	double height = TOP + PANEL_HEIGHT * (double)(f->panel_count ? f->panel_count : 1);
	cairo_surface_t *sf;
	cairo_status_t st;
	cairo_t *cr;
	int rc = 0;

	if (png)
		sf = cairo_image_surface_create(CAIRO_FORMAT_RGB24, (int)WIDTH, (int)height);
	else
		sf = cairo_svg_surface_create_for_stream(write_out, out, WIDTH, height);
	if (!png)
		cairo_svg_surface_set_document_unit(sf, CAIRO_SVG_UNIT_PX);
	cr = cairo_create(sf);
	draw(cr, f, height);
	st = cairo_status(cr);
	cairo_destroy(cr);
	cairo_surface_flush(sf);
	if (st == CAIRO_STATUS_SUCCESS && png)
		st = cairo_surface_write_to_png_stream(sf, write_out, out);
	cairo_surface_finish(sf);
	if (st == CAIRO_STATUS_SUCCESS)
		st = cairo_surface_status(sf);
	cairo_surface_destroy(sf);
	if (st == CAIRO_STATUS_WRITE_ERROR || fflush(out) == EOF || ferror(out))
		rc = fail(err, GPUADV_EIO, "cannot write output");
	else if (st != CAIRO_STATUS_SUCCESS)
		rc = fail(err, GPUADV_EINTERNAL, "cannot draw the picture: %s",
			  cairo_status_to_string(st));
	return rc;
}

/* Leave nothing behind for a leak checker: gpu-advisor draws one picture
 * and exits, but its sanitizer builds check every allocation. */
static void plot_close(void)
{
	cairo_debug_reset_static_data();
	FcFini();
}

__attribute__((visibility("default")))
const struct gpuadv__plot_api gpuadv_charts_api = {
	.abi = GPUADV__PLOT_ABI,
	.figure_size = sizeof(struct gpuadv__figure),
	.draw = plot_draw,
	.close = plot_close,
};
