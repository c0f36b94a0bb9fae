/*
 * test_charts.c - the pictures and the table formats: text bar arithmetic
 * (widths, eighths, Unicode against ASCII), CSV quoting (RFC 4180) and
 * Markdown escaping, the Pareto front, axis ticks, label placement (no two
 * labels overlap, none covers a point), and the charts module's drawing
 * (linked in here: the CLI tests cover loading it): SVG that starts as
 * XML and has its glyphs, PNG with the signature and sane dimensions. The
 * figures come from recommend and compare on tests/fixtures/engine.yaml.
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "gpu_advisor/engine.h"
#include "gpu_advisor/params.h"
#include "gpu_advisor/query.h"
#include "render/chart.h"
#include "render/figure.h"
#include "render/formats.h"
#include "render/plot_layout.h"
#include "testutil.h"

extern const struct gpuadv__plot_api gpuadv_charts_api;

static struct gpuadv_catalog cat;

static int setup(void **state)
{
	(void)state;
	return test_load_catalog(&cat, GPUADV_FIXTURES "/engine.yaml");
}

static int teardown(void **state)
{
	(void)state;
	gpuadv_catalog_release(&cat);
	gpuadv_charts_api.close(); /* cairo's and fontconfig's caches */
	return 0;
}

/* ---- text bars ------------------------------------------------------------ */

struct bar_case {
	const char *name;
	double value, max;
	size_t cells;
	bool unicode;
	const char *want;
	size_t cols;
};

static const struct bar_case bar_cases[] = {
	{ .name = "full ascii", .value = 2, .max = 2, .cells = 4, .want = "####", .cols = 4 },
	{ .name = "half ascii rounds", .value = 0.5, .max = 1, .cells = 5, .want = "###", .cols = 3 },
	{ .name = "full unicode", .value = 1, .max = 1, .cells = 3, .unicode = true,
	  .want = "\u2588\u2588\u2588", .cols = 3 },
	{ .name = "eighths", .value = 1.5 + 3.0 / 16, .max = 4, .cells = 4, .unicode = true,
	  /* 1.6875 cells: one block and 11/16 = 5.5 eighths, rounded to 6 */
	  .want = "\u2588\u258a", .cols = 2 },
	{ .name = "one eighth", .value = 1, .max = 8, .cells = 1, .unicode = true,
	  .want = "\u258f", .cols = 1 },
	{ .name = "tiny shows", .value = 1e-9, .max = 1, .cells = 10, .want = "#", .cols = 1 },
	{ .name = "tiny unicode", .value = 1e-9, .max = 1, .cells = 10, .unicode = true,
	  .want = "\u258f", .cols = 1 },
	{ .name = "over max clamps", .value = 3, .max = 1, .cells = 2, .want = "##", .cols = 2 },
	{ .name = "zero", .value = 0, .max = 1, .cells = 10, .want = "", .cols = 0 },
	{ .name = "nan", .value = NAN, .max = 1, .cells = 10, .want = "", .cols = 0 },
	{ .name = "max zero", .value = 1, .max = 0, .cells = 10, .want = "", .cols = 0 },
	{ .name = NULL }
};

static void test_bars(void **state)
{
	const struct bar_case *t;
	char buf[256];

	(void)state;
	for (t = bar_cases; t->name; t++) {
		size_t cols = gpuadv__chart_bar(buf, sizeof(buf), t->value, t->max, t->cells,
						t->unicode);

		if (strcmp(buf, t->want) || cols != t->cols)
			fail_msg("%s: got '%s' (%zu columns), want '%s' (%zu)", t->name, buf,
				 cols, t->want, t->cols);
	}
	/* A buffer too small cuts the bar, never overruns. */
	assert_int_equal(gpuadv__chart_bar(buf, 4, 1, 1, 10, false), 3);
	assert_string_equal(buf, "###");
	/* Columns: 50 off a terminal, else what is left, within 10..60. */
	assert_int_equal(gpuadv__chart_cells(0, 20, 8), 50);
	assert_int_equal(gpuadv__chart_cells(80, 20, 8), 80 - 4 - 20 - 1 - 8);
	assert_int_equal(gpuadv__chart_cells(30, 20, 8), 10);
	assert_int_equal(gpuadv__chart_cells(400, 20, 8), 60);
}

/* ---- CSV and Markdown escaping ---------------------------------------------- */

struct esc_case {
	const char *name, *in, *csv, *md;
};

static const struct esc_case esc_cases[] = {
	{ .name = "plain", .in = "RTX 3090", .csv = "RTX 3090,", .md = "RTX 3090" },
	{ .name = "comma", .in = "a,b", .csv = "\"a,b\",", .md = "a,b" },
	{ .name = "quote", .in = "12\" card", .csv = "\"12\"\" card\",", .md = "12\" card" },
	{ .name = "newline", .in = "a\nb", .csv = "\"a\nb\",", .md = "a b" },
	{ .name = "pipe", .in = "A|B", .csv = "A|B,", .md = "A\\|B" },
	{ .name = "html and emphasis", .in = "<b>_x_</b>", .csv = "<b>_x_</b>,",
	  .md = "\\<b\\>\\_x\\_\\</b\\>" },
	{ .name = "backslash", .in = "a\\", .csv = "a\\,", .md = "a\\\\" },
	{ .name = "control", .in = "a\033b", .csv = "a b,", .md = "a b" },
	{ .name = "utf-8", .in = "Gr\u00e4fik", .csv = "Gr\u00e4fik,", .md = "Gr\u00e4fik" },
	{ .name = "empty", .in = "", .csv = ",", .md = "" },
	{ .name = NULL }
};

static char *capture(void (*fn)(FILE *, const char *), const char *in)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	assert_non_null(f);
	fn(f, in);
	assert_int_equal(fclose(f), 0);
	return buf;
}

static void csv_not_last(FILE *f, const char *s)
{
	gpuadv__csv_field(f, s, false);
}

static void test_escaping(void **state)
{
	const struct esc_case *t;

	(void)state;
	for (t = esc_cases; t->name; t++) {
		char *csv = capture(csv_not_last, t->in), *md = capture(gpuadv__md_text, t->in);

		if (strcmp(csv, t->csv) || strcmp(md, t->md))
			fail_msg("%s: csv '%s' (want '%s'), markdown '%s' (want '%s')", t->name,
				 csv, t->csv, md, t->md);
		free(csv);
		free(md);
	}
}

/* ---- the answers as CSV and Markdown ------------------------------------------ */

static void recommend(struct gpuadv_recommendation *r, const char *workload)
{
	struct gpuadv_query q;
	struct gpuadv_error err;

	gpuadv_query_init(&q, GPUADV_CMD_RECOMMEND);
	q.workload = gpuadv_catalog_find_workload(&cat, workload);
	assert_non_null(q.workload);
	assert_int_equal(gpuadv_query_validate(&q, GPUADV_NAMING_FLAG, &err), 0);
	assert_int_equal(gpuadv_engine_recommend(r, &cat, &q, &err), 0);
}

static char *render(int (*fn)(FILE *, const struct gpuadv_recommendation *, void *),
		    const struct gpuadv_recommendation *r, void *arg)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	assert_non_null(f);
	assert_int_equal(fn(f, r, arg), 0);
	assert_int_equal(fclose(f), 0);
	return buf;
}

static int as_csv(FILE *f, const struct gpuadv_recommendation *r, void *arg)
{
	(void)arg;
	return gpuadv__csv_recommendation(f, r, NULL);
}

static int as_md(FILE *f, const struct gpuadv_recommendation *r, void *arg)
{
	(void)arg;
	return gpuadv__md_recommendation(f, &cat, r, NULL);
}

static void test_tables(void **state)
{
	struct gpuadv_recommendation r;
	char *csv, *md, *line;
	size_t lines = 0, cols = 0;

	(void)state;
	recommend(&r, "cnn");
	csv = render(as_csv, &r, NULL);
	/* A header and one record per result, each CRLF-ended, with as many
	 * fields as the header (no field here needs quotes). */
	assert_true(!strncmp(csv, "rank,id,name,workload,precision,memory_gb,price_usd,", 52));
	for (line = csv; *line; lines++) {
		char *end = strstr(line, "\r\n");
		size_t fields = 1;
		char *p;

		assert_non_null(end);
		for (p = line; p < end; p++)
			fields += *p == ',';
		if (!cols)
			cols = fields;
		assert_int_equal(fields, cols);
		line = end + 2;
	}
	assert_int_equal(lines, r.result_count + 1);
	assert_non_null(strstr(csv, "\r\n1,"));
	/* The band rides beside the performance, as in text and JSON. */
	assert_non_null(strstr(csv, ",perf,error_pct,perf_per_1000_usd,"));
	md = render(as_md, &r, NULL);
	assert_non_null(strstr(md, "| Rank | GPU | Memory GB |"));
	assert_non_null(strstr(md, "| ---: | --- | ---: |"));
	assert_non_null(strstr(md, "| Perf | Error +-% | Perf per $1000 |"));
	assert_non_null(strstr(md, "x +-"));
	assert_non_null(strstr(md, "- Fastest within budget: **"));
	free(csv);
	free(md);
	gpuadv_recommendation_release(&r);
}

/* ---- figures ------------------------------------------------------------------ */

static void test_front(void **state)
{
	struct gpuadv__fig_point p[] = {
		{ .label = "cheap slow", .x = 100, .y = 1 },
		{ .label = "dear fast", .x = 1000, .y = 3 },
		{ .label = "middle", .x = 500, .y = 2 },
		{ .label = "beaten", .x = 600, .y = 1.5 },   /* middle is cheaper and faster */
		{ .label = "twin", .x = 500, .y = 2 },       /* equal: neither beats it */
		{ .label = "dear slow", .x = 1000, .y = 1 }, /* beaten on both */
	};
	static const bool want[] = { true, true, true, false, true, false };
	size_t i;

	(void)state;
	gpuadv__figure_front(p, 6);
	for (i = 0; i < 6; i++)
		if (p[i].front != want[i])
			fail_msg("%s: front %d", p[i].label, p[i].front);
}

static void test_ticks(void **state)
{
	double first, step;
	int count;

	(void)state;
	gpuadv__plot_ticks(0, 2.2, 6, &first, &step, &count);
	assert_true(first == 0 && step == 0.5 && count == 6); /* 0 .. 2.5 */
	gpuadv__plot_ticks(430, 2010, 8, &first, &step, &count);
	assert_true(first == 400 && step == 200 && count == 10); /* 400 .. 2200 */
	gpuadv__plot_ticks(5, 5, 6, &first, &step, &count); /* empty range: still ticks */
	assert_true(step > 0 && count >= 2 && first <= 5 && first + (count - 1) * step >= 5);
}

static void test_labels(void **state)
{
	struct gpuadv__rect area = { 0, 0, 800, 400 };
	struct gpuadv__label l[40];
	size_t i, j, n = 40, flagged;

	(void)state;
	/* Forty points in a crowded band: none may be hidden. */
	for (i = 0; i < n; i++) {
		l[i] = (struct gpuadv__label){ .px = 100 + (double)(i % 10) * 60,
					       .py = 100 + (double)(i / 10) * 45,
					       .w = 110, .h = 13 };
	}
	flagged = gpuadv__plot_place_labels(l, n, &area, 6.5);
	assert_int_equal(flagged, 0);
	for (i = 0; i < n; i++) {
		assert_true(l[i].at.x >= 0 && l[i].at.y >= 0 && l[i].at.x + l[i].at.w <= 800 &&
			    l[i].at.y + l[i].at.h <= 400);
		for (j = 0; j < n; j++) {
			struct gpuadv__rect dot = { l[j].px - 6.5, l[j].py - 6.5, 13, 13 };

			if (j != i && gpuadv__rect_overlap(&l[i].at, &l[j].at))
				fail_msg("labels %zu and %zu overlap", i, j);
			if (gpuadv__rect_overlap(&l[i].at, &dot))
				fail_msg("label %zu covers point %zu", i, j);
		}
	}
	/* Too many for the room: flagged, not lost. */
	for (i = 0; i < n; i++)
		l[i] = (struct gpuadv__label){ .px = 50, .py = 20, .w = 40, .h = 13 };
	area = (struct gpuadv__rect){ 0, 0, 100, 40 };
	assert_true(gpuadv__plot_place_labels(l, n, &area, 4) > 0);
}

/* Draw f as PNG or SVG into memory. */
static char *draw(const struct gpuadv__figure *f, bool png, size_t *len)
{
	char *buf = NULL;
	FILE *out = open_memstream(&buf, len);
	struct gpuadv_error err;

	assert_non_null(out);
	assert_int_equal(gpuadv_charts_api.draw(out, f, png, &err), 0);
	assert_int_equal(fclose(out), 0);
	return buf;
}

static uint32_t be32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static void test_draw(void **state)
{
	struct gpuadv_recommendation r;
	struct gpuadv_comparison c;
	struct gpuadv__figure f;
	struct gpuadv_query q;
	struct gpuadv_error err;
	unsigned char *png;
	char *svg;
	size_t len, i, front = 0;
	FILE *full;

	(void)state;
	recommend(&r, "cnn");
	assert_int_equal(gpuadv__figure_recommendation(&f, &cat, &r), 0);
	assert_int_equal(f.panel_count, 1);
	assert_non_null(strstr(f.panels[0].y_label, "= 1.00"));
	assert_string_equal(f.panels[0].x_label, "Price (USD)");
	for (i = 0; i < f.panels[0].point_count; i++)
		front += f.panels[0].points[i].front;
	assert_true(front >= 1 && front <= f.panels[0].point_count);

	png = (unsigned char *)draw(&f, true, &len);
	assert_true(len > 1000);
	assert_memory_equal(png, "\x89PNG\r\n\x1a\n", 8);
	assert_memory_equal(png + 12, "IHDR", 4);
	assert_int_equal(be32(png + 16), 960);                      /* width */
	assert_true(be32(png + 20) >= 400 && be32(png + 20) <= 2000); /* height */
	free(png);

	svg = draw(&f, false, &len);
	assert_true(!strncmp(svg, "<?xml", 5));
	assert_non_null(strstr(svg, "<svg"));
	assert_non_null(strstr(svg, "</svg>"));
	assert_non_null(strstr(svg, "width=\"960px\""));
	/* cairo writes text as glyph outlines: the labels are there as uses
	 * of glyphs, many of them. */
	assert_non_null(strstr(svg, "xlink:href=\"#glyph"));
	free(svg);

	/* A stream that fails is GPUADV_EIO. */
	full = fopen("/dev/full", "w");
	assert_non_null(full);
	setvbuf(full, NULL, _IONBF, 0);
	assert_int_equal(gpuadv_charts_api.draw(full, &f, true, &err), GPUADV_EIO);
	fclose(full);
	gpuadv__figure_release(&f);
	gpuadv_recommendation_release(&r);

	/* compare: bars per workload above the scatter. */
	gpuadv_query_init(&q, GPUADV_CMD_COMPARE);
	q.gpus[0] = &cat.gpus[0];
	q.gpus[1] = &cat.gpus[1];
	q.gpus[2] = &cat.gpus[2];
	q.gpu_count = 3;
	q.precision = -1; /* each workload's own */
	assert_int_equal(gpuadv_query_validate(&q, GPUADV_NAMING_FLAG, &err), 0);
	assert_int_equal(gpuadv_engine_compare(&c, &cat, &q, &err), 0);
	assert_int_equal(gpuadv__figure_comparison(&f, &cat, &c), 0);
	assert_int_equal(f.panel_count, 2);
	assert_int_equal(f.panels[0].kind, GPUADV__PANEL_BARS);
	assert_int_equal(f.panels[0].group_count, c.row_count);
	assert_int_equal(f.panels[0].series_count, 3);
	assert_int_equal(f.panels[1].kind, GPUADV__PANEL_SCATTER);
	png = (unsigned char *)draw(&f, true, &len);
	assert_true(be32(png + 20) > 900); /* two panels */
	free(png);
	gpuadv__figure_release(&f);
	gpuadv_comparison_release(&c);
}

/* The stacked panel (memory breakdowns) draws too. */
static void test_stacked(void **state)
{
	static const char *groups[] = { "GeForce RTX 3090", "NVIDIA A100 80GB SXM" };
	double values[] = { 14, 6, 2, 14, 6, 2 }, limits[] = { 24, 80 };
	struct gpuadv__figure f = { .title = "Memory", .panel_count = 1 };
	char *png;
	size_t len;

	(void)state;
	f.panels[0] = (struct gpuadv__fig_panel){
		.kind = GPUADV__PANEL_STACKED, .x_label = "Memory (GB)", .y_label = "",
		.groups = groups, .group_count = 2, .series = { "weights", "activations", "other" },
		.series_count = 3, .values = values, .limits = limits,
		.limit_label = "the card's memory",
	};
	png = draw(&f, true, &len);
	assert_memory_equal(png, "\x89PNG", 4);
	free(png);
}

/* ---- memory: the configurations shown, the figure, the text chart ---------- */

struct mem_case {
	const char *name;
	const char *kv[12];
	bool per_gpu;
	size_t want_shown; /* configurations a picture shows */
	const char *first_role;
};

static const struct mem_case mem_cases[] = {
	{ .name = "70b q4 on 2x4090", .kv = { "model", "llama-3.1-70b", "quant", "q4_k_m",
	  "context", "8192", "on", "2x4090", NULL },
	  /* asked, too small, smallest on 1, 2 (the asked 2x4090's memory, so
	   * the cheaper 3090 is kept and shown), 4 and 8 */
	  .want_shown = 6, .first_role = "asked" },
	{ .name = "8b training, data parallel", .kv = { "model", "llama-3-8b", "task", "train",
	  "context", "2048", NULL },
	  /* every card holds it all: more cards show nothing new */
	  .per_gpu = true, .want_shown = 2, .first_role = "too small" },
	{ .name = "8b training, fsdp", .kv = { "model", "llama-3-8b", "task", "train",
	  "context", "2048", "sharding", "fsdp", NULL },
	  .per_gpu = true, .want_shown = 5, .first_role = "too small" },
	{ .name = "resnet-50 training", .kv = { "model", "resnet-50", "task", "train",
	  "batch", "64", NULL },
	  /* the smallest card in the catalogue holds it: nothing is too small */
	  .per_gpu = true, .want_shown = 1, .first_role = "smallest" },
	{ .name = NULL }
};

static void memory_answer(struct gpuadv_memory_answer *a, const struct gpuadv_catalog *c,
			  const char *const *kv)
{
	struct gpuadv_error err;
	struct gpuadv_query q;

	gpuadv_query_init(&q, GPUADV_CMD_MEMORY);
	for (; kv[0]; kv += 2) {
		const struct gpuadv_param_def *p = gpuadv_param_by_flag(kv[0], GPUADV_CMD_MEMORY);

		assert_non_null(p);
		if (gpuadv_param_set_text(&q, c, p, kv[1], GPUADV_NAMING_FLAG, &err))
			fail_msg("--%s %s: %s", kv[0], kv[1], err.message);
	}
	assert_int_equal(gpuadv_query_validate(&q, GPUADV_NAMING_FLAG, &err), 0);
	assert_int_equal(gpuadv_engine_memory(a, c, &q, &err), 0);
}

#define GB(g) ((g)->v[GPUADV_F_MEMORY_GB])

/* The engine's picks: the smallest card that holds it at each count (of
 * those it fits at), each smaller than the last kept; the largest single
 * card short of it, smaller than the smallest that holds it. */
static void check_picks(const struct mem_case *t, const struct gpuadv_memory_answer *a)
{
	double last = INFINITY;
	size_t k, i;

	for (k = 0; k < GPUADV_MEMORY_COUNTS; k++) {
		const struct gpuadv_memory_config *c = &a->smallest[k];

		if (!c->gpu)
			continue;
		if (!c->fit.fits || c->fit.count != gpuadv_memory_counts[k] || !(GB(c->gpu) < last))
			fail_msg("%s: smallest at %u: %s", t->name, gpuadv_memory_counts[k],
				 c->gpu->id);
		for (i = 0; i < a->fit_count[k]; i++)
			if (GB(a->fits[k][i]) < GB(c->gpu))
				fail_msg("%s: %s is smaller than %s and holds it", t->name,
					 a->fits[k][i]->id, c->gpu->id);
		last = GB(c->gpu);
	}
	if (a->short_of.gpu) {
		if (a->short_of.fit.fits || a->short_of.fit.count != 1 ||
		    (a->smallest[0].gpu && !(GB(a->short_of.gpu) < GB(a->smallest[0].gpu))))
			fail_msg("%s: too small: %s", t->name, a->short_of.gpu->id);
	}
	assert_true(a->per_gpu == t->per_gpu);
}

static void test_memory_pictures(void **state)
{
	struct gpuadv_catalog emb = gpuadv_embedded;
	const struct mem_case *t;

	(void)state;
	emb.models = &gpuadv_embedded_models;
	for (t = mem_cases; t->name; t++) {
		struct gpuadv_memory_answer a;
		const struct gpuadv_memory_config *shown[GPUADV__MEMORY_SHOWN_MAX];
		const char *role[GPUADV__MEMORY_SHOWN_MAX];
		struct gpuadv_render_opts o = { .chart = true };
		struct gpuadv__figure f;
		size_t n, g, s;
		char *text = NULL, *png;
		size_t len = 0;
		FILE *mem;

		memory_answer(&a, &emb, t->kv);
		check_picks(t, &a);
		n = gpuadv__memory_shown(&a, shown, role);
		if (n != t->want_shown || strcmp(role[0], t->first_role))
			fail_msg("%s: %zu shown, first '%s'; want %zu, '%s'", t->name, n, role[0],
				 t->want_shown, t->first_role);
		for (g = 0; g < n; g++)
			for (s = 0; s < g; s++)
				if (shown[s]->gpu == shown[g]->gpu &&
				    shown[s]->fit.count == shown[g]->fit.count)
					fail_msg("%s: %s shown twice", t->name, shown[g]->gpu->id);

		/* The figure: a stacked bar per configuration against its memory,
		 * only the parts some configuration has. */
		assert_int_equal(gpuadv__figure_memory(&f, &a), 0);
		assert_int_equal(f.panel_count, 1);
		assert_int_equal(f.panels[0].kind, GPUADV__PANEL_STACKED);
		assert_int_equal(f.panels[0].group_count, n);
		for (g = 0; g < n; g++) {
			double sum = 0;
			const char *bt = f.panels[0].bar_text + g * GPUADV__FIG_TEXT;

			for (s = 0; s < f.panels[0].series_count; s++)
				sum += f.panels[0].values[g * f.panels[0].series_count + s];
			if (fabs(sum - shown[g]->fit.required_gb) > 1e-6 ||
			    f.panels[0].limits[g] != shown[g]->fit.available_gb ||
			    !strstr(f.panels[0].groups[g], role[g]) ||
			    (strstr(bt, "too small") != NULL) != (shown[g]->fit.runs && !shown[g]->fit.fits))
				fail_msg("%s: group %zu '%s' '%s': sum %g of %g", t->name, g,
					 f.panels[0].groups[g], bt, sum, shown[g]->fit.required_gb);
		}
		for (s = 0; s < f.panels[0].series_count; s++)
			if (!t->per_gpu && (!strcmp(f.panels[0].series[s], "gradients") ||
					    !strcmp(f.panels[0].series[s], "optimizer state")))
				fail_msg("%s: inference with a '%s' part", t->name, f.panels[0].series[s]);
		assert_non_null(strstr(f.panels[0].x_label, t->per_gpu ? "each card" : "all cards"));
		png = draw(&f, true, &len);
		assert_memory_equal(png, "\x89PNG", 4);
		assert_int_equal(be32((unsigned char *)png + 16), 960);
		free(png);
		gpuadv__figure_release(&f);

		/* The text chart: ASCII off UTF-8, eighths on it. */
		for (o.unicode = false; ; o.unicode = true) {
			mem = open_memstream(&text, &len);
			assert_non_null(mem);
			gpuadv__chart_memory_parts(mem, &a.memory, &o);
			assert_int_equal(gpuadv__chart_memory(mem, &a, &o, NULL), 0);
			assert_int_equal(fclose(mem), 0);
			assert_non_null(strstr(text, "    needs "));
			assert_non_null(strstr(text, "    holds "));
			assert_non_null(strstr(text, "  weights "));
			assert_true((strstr(text, "\u2588") != NULL) == o.unicode);
			assert_true((strchr(text, '#') != NULL) == !o.unicode);
			free(text);
			if (o.unicode)
				break;
		}
		gpuadv_memory_answer_release(&a);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_bars),
		cmocka_unit_test(test_escaping),
		cmocka_unit_test(test_tables),
		cmocka_unit_test(test_front),
		cmocka_unit_test(test_ticks),
		cmocka_unit_test(test_labels),
		cmocka_unit_test(test_draw),
		cmocka_unit_test(test_stacked),
		cmocka_unit_test(test_memory_pictures),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
