/*
 * render_text.c - text output: aligned tables through libsmartcols, which
 * fits them to the terminal width and handles UTF-8; and the dispatch from
 * render.h's functions to the format asked for.
 */
#include <libsmartcols/libsmartcols.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "gpu_advisor/render.h"
#include "render_internal.h"

/* Format a figure: '-' for unknown, no decimals for whole numbers. */
static const char *fmt_num(char *buf, size_t size, double v)
{
	if (isnan(v))
		snprintf(buf, size, "-");
	else if (v == floor(v) && fabs(v) < 1e15)
		snprintf(buf, size, "%.0f", v);
	else if (fabs(v) >= 100)
		snprintf(buf, size, "%.0f", v);
	else
		snprintf(buf, size, "%.1f", v);
	return buf;
}

static const char *fmt_price(char *buf, size_t size, double v)
{
	if (isnan(v))
		snprintf(buf, size, "-");
	else
		snprintf(buf, size, "$%.0f", v);
	return buf;
}

/* ---- tables shared by every text renderer (render_internal.h) ---------- */

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

struct libscols_table *render_table_new(FILE *out, const struct gpuadv_render_opts *o)
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

int render_table_col(struct libscols_table *tb, const char *name, double whint,
		     int flags, int color)
{
	struct libscols_column *cl = scols_table_new_column(tb, name, whint, flags);

	if (!cl)
		return -1;
	if (color)
		scols_cell_set_color(scols_column_get_header(cl), "bold");
	return 0;
}

int render_table_print(struct libscols_table *tb, FILE *out, struct gpuadv_error *err)
{
	int rc = scols_print_table(tb);

	scols_unref_table(tb);
	/* libsmartcols does not report failed writes: ask the stream. */
	if (rc != 0 || fflush(out) == EOF || ferror(out))
		return gpuadv_error_set(err, GPUADV_EIO, "cannot write output");
	return 0;
}

/* ---- the escape hook (render_internal.h) ------------------------------ */

FILE *render_text_begin(struct render_text_buf *b)
{
	b->data = NULL;
	b->len = 0;
	b->mem = open_memstream(&b->data, &b->len);
	return b->mem;
}

/* Length of our own bold or reset sequence at s (render_advice.c's and
 * libsmartcols' "bold"), 0 if there is none: the only escapes let by. */
static size_t sgr_len(const char *s, size_t n)
{
	if (n >= 4 && (!memcmp(s, "\033[1m", 4) || !memcmp(s, "\033[0m", 4)))
		return 4;
	return 0;
}

static int write_escaped(FILE *out, const char *s, size_t n, int color)
{
	char esc[4 * 256 + 1];
	size_t i = 0, chunk, k;

	while (i < n) {
		if (color && (k = sgr_len(s + i, n - i)) > 0) {
			if (fwrite(s + i, 1, k, out) != k)
				return -1;
			i += k;
			continue;
		}
		/* Up to the next ESC, 256 bytes at most, never inside a
		 * UTF-8 character. */
		for (chunk = 0; i + chunk < n && chunk < 256 &&
		     (chunk == 0 || s[i + chunk] != '\033'); chunk++)
			;
		for (k = 0; k < 3 && i + chunk < n && chunk > 1 &&
		     ((unsigned char)s[i + chunk] & 0xc0) == 0x80; k++)
			chunk--;
		k = gpuadv_escape(esc, sizeof(esc), s + i, chunk, GPUADV_ESCAPE_KEEP_NEWLINE);
		if (fwrite(esc, 1, k, out) != k)
			return -1;
		i += chunk;
	}
	return 0;
}

int render_text_end(struct render_text_buf *b, FILE *out, int color, int rc,
		    struct gpuadv_error *err)
{
	if (!b->mem) {
		free(b->data);
		return rc ? rc : gpuadv_error_set(err, GPUADV_ENOMEM, "out of memory");
	}
	/* A memory stream that could not grow fails its writes, its close,
	 * or (glibc) leaves no buffer at all. */
	if ((ferror(b->mem) | fclose(b->mem)) != 0 || (!b->data && b->len)) {
		if (rc == 0)
			rc = gpuadv_error_set(err, GPUADV_ENOMEM, "out of memory");
	}
	b->mem = NULL;
	if (rc == 0 && (write_escaped(out, b->data, b->len, color) != 0 ||
			fflush(out) == EOF || ferror(out)))
		rc = gpuadv_error_set(err, GPUADV_EIO, "cannot write output");
	free(b->data);
	b->data = NULL;
	return rc;
}

/* ---- this file's renderers ------------------------------------------------ */

struct table {
	struct libscols_table *tb;
};

static int table_new(struct table *t, FILE *out, const struct gpuadv_render_opts *opts)
{
	t->tb = render_table_new(out, opts);
	return t->tb ? 0 : -1;
}

/* Columns: name, width hint (fraction of the terminal or absolute), flags. */
static int table_col(struct table *t, const char *name, double whint, int flags,
		     int color)
{
	return render_table_col(t->tb, name, whint, flags, color);
}

static int table_print(struct table *t, FILE *out, struct gpuadv_error *err)
{
	int rc = render_table_print(t->tb, out, err);

	t->tb = NULL;
	return rc;
}

static int oom(struct table *t, struct gpuadv_error *err)
{
	scols_unref_table(t->tb);
	t->tb = NULL;
	return gpuadv_error_set(err, GPUADV_ENOMEM, "out of memory");
}

static int set(struct libscols_line *ln, int col, const char *s)
{
	return scols_line_set_data(ln, (size_t)col, s ? s : "-");
}

static int gpu_list_text(FILE *out, const struct gpuadv_gpu *const *gpus,
			 size_t n, const struct gpuadv_render_opts *opts,
			 struct gpuadv_error *err)
{
	static const struct { const char *name; double w; int fl; } cols[] = {
		{ "ID", 14, 0 },
		{ "NAME", 0.3, SCOLS_FL_TRUNC },
		{ "ARCH", 8, SCOLS_FL_TRUNC },
		{ "SEGMENT", 7, 0 },
		{ "YEAR", 4, SCOLS_FL_RIGHT },
		{ "MEMORY", 12, 0 },
		{ "BW GB/S", 5, SCOLS_FL_RIGHT },
		{ "FP32 TF", 5, SCOLS_FL_RIGHT },
		{ "FP16 TC TF", 5, SCOLS_FL_RIGHT },
		{ "POWER W", 4, SCOLS_FL_RIGHT },
		{ "PRICE", 6, SCOLS_FL_RIGHT },
		{ "PRICE BASIS", 10, SCOLS_FL_TRUNC },
	};
	struct table t;
	size_t i, c;

	if (table_new(&t, out, opts))
		return gpuadv_error_set(err, GPUADV_ENOMEM, "out of memory");
	for (c = 0; c < sizeof(cols) / sizeof(cols[0]); c++)
		if (table_col(&t, cols[c].name, cols[c].w, cols[c].fl, opts->color))
			return oom(&t, err);
	if (opts->perf && (table_col(&t, "PERF", 5, SCOLS_FL_RIGHT, opts->color) ||
			   table_col(&t, "BASIS", 9, 0, opts->color)))
		return oom(&t, err);
	for (i = 0; i < n; i++) {
		const struct gpuadv_gpu *g = gpus[i];
		struct libscols_line *ln = scols_table_new_line(t.tb, NULL);
		char mem[64], b[8][32], basis[64];
		const char *which;
		double price = gpuadv_gpu_price(g, &which);
		int k = 0;

		if (!ln)
			return oom(&t, err);
		snprintf(mem, sizeof(mem), "%s GB %s",
			 fmt_num(b[0], sizeof(b[0]), g->v[GPUADV_F_MEMORY_GB]),
			 g->memory_type ? g->memory_type : "");
		if (!strcmp(which, "street"))
			snprintf(basis, sizeof(basis), "%s %s",
				 g->street_price_condition, g->price_as_of);
		else
			snprintf(basis, sizeof(basis), "%s", which);
		if (set(ln, k++, g->id) || set(ln, k++, g->name) ||
		    set(ln, k++, g->arch->name) ||
		    set(ln, k++, gpuadv_segment_name(g->segment)) ||
		    set(ln, k++, fmt_num(b[1], 32, g->v[GPUADV_F_RELEASE_YEAR])) ||
		    set(ln, k++, mem) ||
		    set(ln, k++, fmt_num(b[2], 32, g->v[GPUADV_F_BANDWIDTH_GBS])) ||
		    set(ln, k++, fmt_num(b[3], 32, g->v[GPUADV_F_FP32_TFLOPS])) ||
		    set(ln, k++, fmt_num(b[4], 32, g->v[GPUADV_F_FP16_TENSOR_TFLOPS])) ||
		    set(ln, k++, fmt_num(b[5], 32, g->v[GPUADV_F_TDP_W])) ||
		    set(ln, k++, fmt_price(b[6], 32, price)) || set(ln, k++, basis))
			return oom(&t, err);
		if (opts->perf) {
			const struct gpuadv_perf *p = &opts->perf[i];

			snprintf(b[7], sizeof(b[7]), "%.2f", p->value);
			if (set(ln, k++, !isnan(p->value) ? b[7] : "n/a") ||
			    set(ln, k++, isnan(p->value) ? "-" : p->fallback ? "fallback"
				: gpuadv_basis_name(p->basis)))
				return oom(&t, err);
		}
	}
	return table_print(&t, out, err);
}

static int kv(struct table *t, const char *key, const char *value)
{
	struct libscols_line *ln = scols_table_new_line(t->tb, NULL);

	return !ln || set(ln, 0, key) || set(ln, 1, value);
}

static int gpu_text(FILE *out, const struct gpuadv_gpu *g,
		    const struct gpuadv_render_opts *opts, struct gpuadv_error *err)
{
	char buf[1200], num[32];
	const char *which;
	double price;
	struct table t;
	size_t i, used;
	int p;

	if (table_new(&t, out, opts))
		return gpuadv_error_set(err, GPUADV_ENOMEM, "out of memory");
	scols_table_enable_noheadings(t.tb, 1);
	if (table_col(&t, "FIELD", 20, 0, 0) ||
	    table_col(&t, "VALUE", 0.8, SCOLS_FL_WRAP, 0))
		return oom(&t, err);
	if (kv(&t, "id", g->id) || kv(&t, "name", g->name))
		return oom(&t, err);
	for (i = 0, used = 0, buf[0] = '\0'; i < g->aliases.count; i++)
		used += (size_t)snprintf(buf + used, used < sizeof(buf) ? sizeof(buf) - used : 0,
					 "%s%s", i ? ", " : "", g->aliases.items[i]);
	snprintf(buf + strlen(buf), sizeof(buf) - strlen(buf), "%s",
		 g->aliases.count ? "" : "-");
	if (kv(&t, "aliases", buf))
		return oom(&t, err);
	snprintf(buf, sizeof(buf), "%s (%s)", g->arch->name, g->arch->id);
	if (kv(&t, "architecture", buf) ||
	    kv(&t, "segment", gpuadv_segment_name(g->segment)))
		return oom(&t, err);
	for (p = 0, used = 0, buf[0] = '\0'; p < GPUADV_PRECISION_COUNT; p++)
		if (g->arch->tensor_precisions & (1u << p))
			used += (size_t)snprintf(buf + used, sizeof(buf) - used, "%s%s",
						 used ? ", " : "",
						 gpuadv_precision_name(p));
	if (kv(&t, "tensor precisions", used ? buf : "none") ||
	    kv(&t, "memory_type", g->memory_type) ||
	    kv(&t, "nvlink", g->nvlink < 0 ? "-" : g->nvlink ? "yes" : "no") ||
	    kv(&t, "form_factor", g->form_factor))
		return oom(&t, err);
	for (i = 0; i < GPUADV_F_COUNT; i++)
		if (kv(&t, gpuadv_gpu_fields[i].key, fmt_num(num, sizeof(num), g->v[i])))
			return oom(&t, err);
	price = gpuadv_gpu_price(g, &which);
	if (!strcmp(which, "street"))
		snprintf(buf, sizeof(buf), "%s (street, %s, seen %s: %s)",
			 fmt_price(num, sizeof(num), price), g->street_price_condition,
			 g->price_as_of, g->price_source);
	else
		snprintf(buf, sizeof(buf), "%s (%s)", fmt_price(num, sizeof(num), price),
			 which);
	if (kv(&t, "price", buf))
		return oom(&t, err);
	for (i = 0; i < g->sources.count; i++)
		if (kv(&t, i ? "" : "sources", g->sources.items[i]))
			return oom(&t, err);
	if (g->notes && kv(&t, "notes", g->notes))
		return oom(&t, err);
	return table_print(&t, out, err);
}

static int archs_text(FILE *out, const struct gpuadv_catalog *cat,
		      const struct gpuadv_render_opts *opts, struct gpuadv_error *err)
{
	struct table t;
	size_t i, j, used;
	int p;

	if (table_new(&t, out, opts))
		return gpuadv_error_set(err, GPUADV_ENOMEM, "out of memory");
	if (table_col(&t, "ID", 10, 0, opts->color) ||
	    table_col(&t, "NAME", 12, 0, opts->color) ||
	    table_col(&t, "YEAR", 4, SCOLS_FL_RIGHT, opts->color) ||
	    table_col(&t, "CC", 8, 0, opts->color) ||
	    table_col(&t, "TC GEN", 3, SCOLS_FL_RIGHT, opts->color) ||
	    table_col(&t, "TENSOR PRECISIONS", 20, 0, opts->color) ||
	    table_col(&t, "MEMORY", 14, 0, opts->color) ||
	    table_col(&t, "SUMMARY", 0.4, SCOLS_FL_WRAP, opts->color))
		return oom(&t, err);
	for (i = 0; i < cat->arch_count; i++) {
		const struct gpuadv_arch *a = &cat->archs[i];
		struct libscols_line *ln = scols_table_new_line(t.tb, NULL);
		char prec[128], mem[256], y[16], g[16];

		if (!ln)
			return oom(&t, err);
		for (p = 0, used = 0, prec[0] = '\0'; p < GPUADV_PRECISION_COUNT; p++)
			if (a->tensor_precisions & (1u << p))
				used += (size_t)snprintf(prec + used, sizeof(prec) - used,
							 "%s%s", used ? "," : "",
							 gpuadv_precision_name(p));
		for (j = 0, used = 0, mem[0] = '\0'; j < a->memory_types.count &&
		     used < sizeof(mem); j++)
			used += (size_t)snprintf(mem + used, sizeof(mem) - used, "%s%s",
						 j ? "," : "", a->memory_types.items[j]);
		if (set(ln, 0, a->id) || set(ln, 1, a->name) ||
		    set(ln, 2, fmt_num(y, sizeof(y), a->year)) ||
		    set(ln, 3, a->compute_capability) ||
		    set(ln, 4, fmt_num(g, sizeof(g), a->tensor_core_generation)) ||
		    set(ln, 5, prec[0] ? prec : "none") || set(ln, 6, mem) ||
		    set(ln, 7, a->summary))
			return oom(&t, err);
	}
	return table_print(&t, out, err);
}

int gpuadv_render_gpu_list(FILE *out, const struct gpuadv_catalog *cat,
			   const struct gpuadv_gpu *const *gpus, size_t n,
			   const struct gpuadv_render_opts *opts,
			   struct gpuadv_error *err)
{
	struct render_text_buf b;
	FILE *mem;

	if (opts->format == GPUADV_FORMAT_JSON)
		return gpuadv_render_gpu_list_json(out, cat, gpus, opts->perf, n, err);
	mem = render_text_begin(&b);
	return render_text_end(&b, out, opts->color,
			       mem ? gpu_list_text(mem, gpus, n, opts, err) : 0, err);
}

int gpuadv_render_gpu(FILE *out, const struct gpuadv_catalog *cat,
		      const struct gpuadv_gpu *gpu,
		      const struct gpuadv_render_opts *opts,
		      struct gpuadv_error *err)
{
	struct render_text_buf b;
	FILE *mem;

	if (opts->format == GPUADV_FORMAT_JSON)
		return gpuadv_render_gpu_json(out, cat, gpu, err);
	mem = render_text_begin(&b);
	return render_text_end(&b, out, opts->color, mem ? gpu_text(mem, gpu, opts, err) : 0,
			       err);
}

int gpuadv_render_archs(FILE *out, const struct gpuadv_catalog *cat,
			const struct gpuadv_render_opts *opts,
			struct gpuadv_error *err)
{
	struct render_text_buf b;
	FILE *mem;

	if (opts->format == GPUADV_FORMAT_JSON)
		return gpuadv_render_archs_json(out, cat, err);
	mem = render_text_begin(&b);
	return render_text_end(&b, out, opts->color, mem ? archs_text(mem, cat, opts, err) : 0,
			       err);
}
