/*
 * chart.c - horizontal bar charts under the text tables (--chart):
 * recommend's performance and performance per $1000, compare's the same
 * per workload; memory's parts, and its need against the cards that hold
 * it. Unicode eighth blocks on a UTF-8 terminal (the caller
 * says, render_opts.unicode), '#' otherwise.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "chart.h"
#include "formats.h"

#define LABEL_MAX 28
#define VALUE_W 8

size_t gpuadv__chart_bar(char *buf, size_t size, double value, double max,
			 size_t cells, bool unicode)
{
	/* U+2588 full block, then U+2589..U+258F: seven eighths down to one. */
	static const char *const eighth[8] = { "", "\u258f", "\u258e", "\u258d",
					       "\u258c", "\u258b", "\u258a", "\u2589" };
	size_t used = 0, whole, part, i, cols;
	double units;

	if (size)
		buf[0] = '\0';
	if (!(value > 0) || !(max > 0) || !cells || !size)
		return 0;
	units = fmin(value / max, 1.0) * (double)cells * (unicode ? 8 : 1);
	whole = (size_t)llround(units);
	if (whole == 0)
		whole = 1; /* there is something: show it */
	part = unicode ? whole % 8 : 0;
	whole = unicode ? whole / 8 : whole;
	for (i = 0; i < whole; i++) {
		const char *b = unicode ? "\u2588" : "#";
		size_t len = strlen(b);

		if (used + len >= size)
			break;
		memcpy(buf + used, b, len);
		used += len;
	}
	cols = i;
	if (part && used + strlen(eighth[part]) < size) {
		memcpy(buf + used, eighth[part], strlen(eighth[part]));
		used += strlen(eighth[part]);
		cols++;
	}
	buf[used] = '\0';
	return cols;
}

size_t gpuadv__chart_cells(int columns, size_t label_w, size_t value_w)
{
	long room = columns > 0 ? (long)columns - 4 - (long)label_w - 1 - (long)value_w : 50;

	return room < 10 ? 10 : room > 60 ? 60 : (size_t)room;
}

/* Columns s takes (UTF-8: one per character). */
static size_t text_cols(const char *s)
{
	size_t n = 0, i;

	for (i = 0; s[i]; i++)
		n += ((unsigned char)s[i] & 0xc0) != 0x80;
	return n;
}

static size_t widest(size_t w, const char *s)
{
	size_t n = text_cols(s);

	return n > w ? n : w;
}

/* The label cut to LABEL_MAX columns, on a character boundary, padded. */
static void put_label(FILE *out, const char *indent, const char *s, size_t w)
{
	size_t bytes = 0, cols = 0;

	while (s[bytes] && cols < w) {
		bytes++;
		while (((unsigned char)s[bytes] & 0xc0) == 0x80)
			bytes++;
		cols++;
	}
	fprintf(out, "%s%.*s%*s ", indent, (int)bytes, s, (int)(w - cols), "");
}

struct bar {
	const char *label;
	double value;
};

static void bars(FILE *out, const char *indent, const struct bar *b, size_t n,
		 size_t label_w, double max, const struct gpuadv_render_opts *o)
{
	char buf[60 * 4 + 8];
	size_t i, cells = gpuadv__chart_cells(o->columns, label_w + strlen(indent) - 2, VALUE_W);

	for (i = 0; i < n; i++) {
		size_t used;

		put_label(out, indent, b[i].label, label_w);
		if (isnan(b[i].value)) {
			fprintf(out, "%*s-\n", (int)cells, "");
			continue;
		}
		used = gpuadv__chart_bar(buf, sizeof(buf), b[i].value, max, cells, o->unicode);
		fprintf(out, "%s%*s %.2f\n", buf, (int)(cells - used), "", b[i].value);
	}
}

static double max_of(const struct bar *b, size_t n)
{
	double m = 0;
	size_t i;

	for (i = 0; i < n; i++)
		if (b[i].value > m)
			m = b[i].value;
	return m;
}

static int done(FILE *out, struct gpuadv_error *err)
{
	if (ferror(out))
		return gpuadv_error_set(err, GPUADV_EIO, "cannot write output");
	return 0;
}

int gpuadv__chart_recommendation(FILE *out, const struct gpuadv_catalog *cat,
				 const struct gpuadv_recommendation *r,
				 const struct gpuadv_render_opts *o, struct gpuadv_error *err)
{
	size_t i, n = r->result_count, label_w = 0;
	struct bar *b = calloc(n ? n : 1, sizeof(*b));
	int kind;

	if (!b)
		return gpuadv_error_set(err, GPUADV_ENOMEM, "out of memory");
	for (i = 0; i < n; i++)
		label_w = widest(label_w, r->results[i].gpu->name);
	label_w = label_w > LABEL_MAX ? LABEL_MAX : label_w;
	for (kind = 0; kind < 2; kind++) {
		for (i = 0; i < n; i++) {
			b[i].label = r->results[i].gpu->name;
			b[i].value = kind ? r->results[i].perf_per_kusd : r->results[i].perf.value;
		}
		if (kind == 0)
			fprintf(out, "\nPerformance (%s = 1.00)\n", cat->reference->name);
		else
			fprintf(out, "\nPerformance per $1000 (- for no price)\n");
		bars(out, "  ", b, n, label_w, max_of(b, n), o);
	}
	free(b);
	return done(out, err);
}

int gpuadv__chart_comparison(FILE *out, const struct gpuadv_catalog *cat,
			     const struct gpuadv_comparison *c,
			     const struct gpuadv_render_opts *o, struct gpuadv_error *err)
{
	struct bar b[GPUADV_COMPARE_MAX];
	size_t i, w, label_w = 0;
	double max;
	int kind;

	for (i = 0; i < c->gpu_count; i++)
		label_w = widest(label_w, c->gpus[i]->name);
	label_w = label_w > LABEL_MAX ? LABEL_MAX : label_w;
	for (kind = 0; kind < 2; kind++) {
		/* One scale for every workload, so that bars compare across them. */
		for (w = 0, max = 0; w < c->row_count; w++)
			for (i = 0; i < c->gpu_count; i++)
				if (c->rows[w].ok[i])
					max = fmax(max, kind ? c->rows[w].per_kusd[i]
							     : c->rows[w].perf[i].value);
		if (kind == 0)
			fprintf(out, "\nPerformance (%s = 1.00)\n", cat->reference->name);
		else
			fprintf(out, "\nPerformance per $1000 (- for no price or n/a)\n");
		for (w = 0; w < c->row_count; w++) {
			const struct gpuadv_compare_row *row = &c->rows[w];

			fprintf(out, "  %s %s\n", row->workload->id,
				gpuadv_precision_name(row->precision));
			for (i = 0; i < c->gpu_count; i++) {
				b[i].label = c->gpus[i]->name;
				b[i].value = !row->ok[i] ? NAN
					     : kind ? row->per_kusd[i] : row->perf[i].value;
			}
			bars(out, "    ", b, c->gpu_count, label_w, max, o);
		}
	}
	return done(out, err);
}

size_t gpuadv__memory_shown(const struct gpuadv_memory_answer *a,
			    const struct gpuadv_memory_config **out, const char **role)
{
	size_t n = 0, k;

	if (a->on.gpu) {
		role[n] = a->query.on_detected ? "yours" : "asked";
		out[n++] = &a->on;
	}
	if (a->short_of.gpu && !(a->on.gpu == a->short_of.gpu && a->on.fit.count == 1)) {
		role[n] = "too small";
		out[n++] = &a->short_of;
	}
	for (k = 0; k < GPUADV_MEMORY_COUNTS; k++) {
		const struct gpuadv_memory_config *c = &a->smallest[k];

		if (!c->gpu || (a->on.gpu == c->gpu && a->on.fit.count == c->fit.count))
			continue;
		role[n] = "smallest";
		out[n++] = c;
	}
	return n;
}

void gpuadv__memory_config_name(char *buf, size_t size, const struct gpuadv_memory_config *c)
{
	snprintf(buf, size, "%u x %s", c->fit.count, c->gpu->name);
}

/* A part's bar on the table's scale, or an empty one. */
static void part_bar(FILE *out, const char *label, double bytes, double total,
		     const struct gpuadv_render_opts *o)
{
	char buf[60 * 4 + 8];

	gpuadv__chart_bar(buf, sizeof(buf), bytes, total, 30, o->unicode);
	fprintf(out, "  %-12s %9.2f %5.0f%%%s%s\n", label, bytes / GPUADV_GIB,
		total > 0 ? bytes / total * 100 : 0, buf[0] ? "  " : "", buf);
}

void gpuadv__chart_memory_parts(FILE *out, const struct gpuadv_memory *mem,
				const struct gpuadv_render_opts *o)
{
	part_bar(out, "weights", mem->weights, mem->required, o);
	part_bar(out, "KV cache", mem->kv_cache, mem->required, o);
	part_bar(out, "activations", mem->activations, mem->required, o);
	part_bar(out, "gradients", mem->gradients, mem->required, o);
	part_bar(out, "optimizer", mem->optimizer, mem->required, o);
	part_bar(out, "overhead", mem->overhead, mem->required, o);
}

int gpuadv__chart_memory(FILE *out, const struct gpuadv_memory_answer *a,
			 const struct gpuadv_render_opts *o, struct gpuadv_error *err)
{
	const struct gpuadv_memory_config *shown[GPUADV__MEMORY_SHOWN_MAX];
	const char *role[GPUADV__MEMORY_SHOWN_MAX];
	struct bar b[2];
	size_t i, n = gpuadv__memory_shown(a, shown, role);
	double max = 0;
	char name[160];

	for (i = 0; i < n; i++)
		max = fmax(max, fmax(shown[i]->fit.required_gb, shown[i]->fit.available_gb));
	if (n)
		fprintf(out, "\nNeed against memory, GiB (%s; one scale for all)\n",
			a->per_gpu ? "on each card" : "all the cards together");
	for (i = 0; i < n; i++) {
		gpuadv__memory_config_name(name, sizeof(name), shown[i]);
		fprintf(out, "  %s (%s)%s\n", name, role[i],
			!shown[i]->fit.runs ? ": cannot run it" : "");
		b[0] = (struct bar){ .label = "needs", .value = shown[i]->fit.required_gb };
		b[1] = (struct bar){ .label = "holds", .value = shown[i]->fit.available_gb };
		bars(out, "    ", b, 2, 5, max, o);
	}
	return done(out, err);
}
