/*
 * markdown.c - Markdown output of list, recommend and compare, for reports:
 * pipe tables (GitHub's, CommonMark's extension) with units in the
 * headings, numbers right-aligned. Text from the catalogue has Markdown's
 * punctuation escaped, so a '|' in a name cannot split a cell and a '<'
 * cannot open HTML.
 */
#include <math.h>
#include <string.h>

#include "formats.h"
#include "words.h"

void gpuadv__md_text(FILE *out, const char *s)
{
	for (; s && *s; s++) {
		unsigned char c = (unsigned char)*s;

		if (strchr("\\`*_|<>[]#", c) && c)
			fprintf(out, "\\%c", c);
		else
			putc(c < 0x20 || c == 0x7f ? ' ' : c, out);
	}
}

/* One row: "| a | b |", each cell escaped. */
static void row(FILE *out, const char *const *cells, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		fputs(i ? " | " : "| ", out);
		gpuadv__md_text(out, cells[i] ? cells[i] : "-");
	}
	fputs(" |\n", out);
}

/* The heading's separator: "---:" for right-aligned columns (right[i]). */
static void rule(FILE *out, const bool *right, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		fprintf(out, "%s%s", i ? " | " : "| ", right[i] ? "---:" : "---");
	fputs(" |\n", out);
}

/* v with prec decimals, or as %g when prec is negative; '-' for unknown. */
static const char *num(char *buf, size_t size, int prec, double v)
{
	if (isnan(v))
		snprintf(buf, size, "-");
	else if (prec < 0)
		snprintf(buf, size, "%g", v);
	else
		snprintf(buf, size, "%.*f", prec, v);
	return buf;
}

static int finish(FILE *out, struct gpuadv_error *err)
{
	if (fflush(out) == EOF || ferror(out))
		return gpuadv_error_set(err, GPUADV_EIO, "cannot write output");
	return 0;
}

int gpuadv__md_gpu_list(FILE *out, const struct gpuadv_catalog *cat,
			const struct gpuadv_gpu *const *gpus,
			const struct gpuadv_perf *perf, size_t n, struct gpuadv_error *err)
{
	static const char *const head[] = { "ID", "Name", "Architecture", "Segment", "Year",
					    "Memory GB", "Memory type", "Bandwidth GB/s",
					    "FP32 TFLOPS", "FP16 Tensor TFLOPS", "Power W",
					    "Price USD", "Price basis", "Perf", "Error +-%", "Basis" };
	static const bool right[] = { 0, 0, 0, 0, 1, 1, 0, 1, 1, 1, 1, 1, 0, 1, 1, 0 };
	size_t cols = perf ? 16 : 13, i;

	row(out, head, cols);
	rule(out, right, cols);
	for (i = 0; i < n; i++) {
		const struct gpuadv_gpu *g = gpus[i];
		char b[9][48], basis[64];
		struct gpuadv_price pick;
		const char *cells[16];

		gpuadv_price_pick(&pick, cat, g, GPUADV_WANT_ANY, NULL);
		snprintf(basis, sizeof(basis), "%s%s%s%s", gpuadv_price_basis_name(pick.basis),
			 pick.as_of ? " " : "", pick.as_of ? pick.as_of : "", pick.stale ? "*" : "");
		cells[0] = g->id;
		cells[1] = g->name;
		cells[2] = g->arch->name;
		cells[3] = gpuadv_segment_name(g->segment);
		cells[4] = num(b[0], 48, 0, g->v[GPUADV_F_RELEASE_YEAR]);
		cells[5] = num(b[1], 48, -1, g->v[GPUADV_F_MEMORY_GB]);
		cells[6] = g->memory_type;
		cells[7] = num(b[2], 48, -1, g->v[GPUADV_F_BANDWIDTH_GBS]);
		cells[8] = num(b[3], 48, -1, g->v[GPUADV_F_FP32_TFLOPS]);
		cells[9] = num(b[4], 48, -1, g->v[GPUADV_F_FP16_TENSOR_TFLOPS]);
		cells[10] = num(b[5], 48, -1, g->v[GPUADV_F_TDP_W]);
		cells[11] = num(b[6], 48, 0, pick.usd);
		cells[12] = basis;
		if (perf) {
			cells[13] = isnan(perf[i].value) ? "n/a" : num(b[7], 48, 2, perf[i].value);
			cells[14] = isnan(perf[i].value) ? "-" : num(b[8], 48, 0, perf[i].error_pct);
			cells[15] = isnan(perf[i].value) ? "-" : perf[i].fallback ? "fallback"
				    : gpuadv_basis_name(perf[i].basis);
		}
		row(out, cells, cols);
	}
	return finish(out, err);
}

#define price_text gpuadv__text_price

int gpuadv__md_recommendation(FILE *out, const struct gpuadv_catalog *cat,
			      const struct gpuadv_recommendation *r, struct gpuadv_error *err)
{
	static const char *const head[] = { "Rank", "GPU", "Memory GB", "Price", "Perf",
					    "Error +-%", "Perf per $1000", "Power W", "Basis" };
	static const bool right[] = { 1, 0, 1, 0, 1, 1, 1, 1, 0 };
	static const char *const labels[] = { "Fastest within budget", "Best value",
					      "Most memory" };
	const struct gpuadv_query *q = &r->query;
	long picks[3] = { r->pick_fastest, r->pick_value, r->pick_memory };
	char b[9][64];
	size_t i;
	int p;

	fputs("**Workload:** ", out);
	gpuadv__md_text(out, q->workload->name);
	fprintf(out, " (%s), %s, %s", q->workload->id, gpuadv_task_name(q->task),
		gpuadv_precision_name(q->precision));
	if (!isnan(q->budget_usd))
		fprintf(out, "; budget $%.0f", q->budget_usd);
	fprintf(out, "; memory at least %g GB", q->min_memory_gb);
	if (!isnan(q->max_power_w))
		fprintf(out, "; power at most %g W", q->max_power_w);
	fputs("\n\nPerformance is relative to the ", out);
	gpuadv__md_text(out, cat->reference->name);
	fprintf(out, " (1.00); %zu of %zu GPUs qualify.\n\n", r->matched,
		r->matched + r->excluded_count);
	for (p = 0; p < 3; p++) {
		const struct gpuadv_result *res;

		if (picks[p] < 0)
			continue;
		res = &r->results[picks[p]];
		price_text(b[0], sizeof(b[0]), &res->price);
		fprintf(out, "- %s: **", labels[p]);
		gpuadv__md_text(out, res->gpu->name);
		fprintf(out, "**, %.2fx +-%.0f%% (%s), %g GB, %s, %s per $1000\n", res->perf.value,
			res->perf.error_pct, gpuadv_basis_name(res->perf.basis), res->gpu->v[GPUADV_F_MEMORY_GB], b[0],
			num(b[1], sizeof(b[1]), 2, res->perf_per_kusd));
	}
	if (r->result_count) {
		fputs("\n", out);
		row(out, head, 9);
		rule(out, right, 9);
	}
	for (i = 0; i < r->result_count; i++) {
		const struct gpuadv_result *res = &r->results[i];
		const char *cells[9];

		price_text(b[3], sizeof(b[3]), &res->price);
		cells[0] = num(b[0], 64, 0, (double)res->rank);
		cells[1] = res->gpu->name;
		cells[2] = num(b[1], 64, -1, res->gpu->v[GPUADV_F_MEMORY_GB]);
		cells[3] = b[3];
		cells[4] = num(b[4], 64, 2, res->perf.value);
		cells[5] = num(b[7], 64, 0, res->perf.error_pct);
		cells[6] = num(b[5], 64, 2, res->perf_per_kusd);
		cells[7] = num(b[6], 64, 0, res->gpu->v[GPUADV_F_TDP_W]);
		cells[8] = res->perf.fallback ? "est.+fallback" : gpuadv_basis_name(res->perf.basis);
		row(out, cells, 9);
	}
	if (r->result_count < r->matched)
		fprintf(out, "\n(%zu more not shown.)\n", r->matched - r->result_count);
	return finish(out, err);
}

/* A table with a first column of labels and one column per GPU. */
static void gpu_heading(FILE *out, const struct gpuadv_comparison *c, const char *first)
{
	const char *cells[GPUADV_COMPARE_MAX + 1];
	bool right[GPUADV_COMPARE_MAX + 1];
	size_t i;

	cells[0] = first;
	right[0] = false;
	for (i = 0; i < c->gpu_count; i++) {
		cells[i + 1] = c->gpus[i]->name;
		right[i + 1] = true;
	}
	row(out, cells, c->gpu_count + 1);
	rule(out, right, c->gpu_count + 1);
}

int gpuadv__md_comparison(FILE *out, const struct gpuadv_catalog *cat,
			  const struct gpuadv_comparison *c, struct gpuadv_error *err)
{
	static const struct { const char *label; int field; } specs[] = {
		{ "Memory GB", GPUADV_F_MEMORY_GB },
		{ "Bandwidth GB/s", GPUADV_F_BANDWIDTH_GBS },
		{ "FP32 TFLOPS", GPUADV_F_FP32_TFLOPS },
		{ "FP16 Tensor TFLOPS", GPUADV_F_FP16_TENSOR_TFLOPS },
		{ "BF16 Tensor TFLOPS", GPUADV_F_BF16_TENSOR_TFLOPS },
		{ "FP8 Tensor TFLOPS", GPUADV_F_FP8_TENSOR_TFLOPS },
		{ "Power W", GPUADV_F_TDP_W },
	};
	const char *cells[GPUADV_COMPARE_MAX + 1];
	char b[GPUADV_COMPARE_MAX][64], label[64], why[GPUADV__WORDS_MAX];
	size_t i, s, w;
	int kind;

	fputs("### Specifications\n\n", out);
	gpu_heading(out, c, "");
	cells[0] = "Architecture";
	for (i = 0; i < c->gpu_count; i++)
		cells[i + 1] = c->gpus[i]->arch->name;
	row(out, cells, c->gpu_count + 1);
	for (s = 0; s < sizeof(specs) / sizeof(specs[0]); s++) {
		cells[0] = specs[s].label;
		for (i = 0; i < c->gpu_count; i++)
			cells[i + 1] = num(b[i], 64, -1, c->gpus[i]->v[specs[s].field]);
		row(out, cells, c->gpu_count + 1);
	}
	cells[0] = "Price";
	for (i = 0; i < c->gpu_count; i++) {
		price_text(b[i], 64, &c->prices[i]);
		cells[i + 1] = b[i];
	}
	row(out, cells, c->gpu_count + 1);
	for (kind = 0; kind < 2; kind++) {
		if (kind == 0) {
			fputs("\n### Performance relative to the ", out);
			gpuadv__md_text(out, c->gpus[0]->name);
			fputs("\n\n", out);
		} else {
			fputs("\n### Performance per $1000, in units of the ", out);
			gpuadv__md_text(out, cat->reference->name);
			fputs("\n\n", out);
		}
		gpu_heading(out, c, "Workload");
		for (w = 0; w < c->row_count; w++) {
			const struct gpuadv_compare_row *rw = &c->rows[w];

			snprintf(label, sizeof(label), "%s %s", rw->workload->id,
				 gpuadv_precision_name(rw->precision));
			cells[0] = label;
			for (i = 0; i < c->gpu_count; i++) {
				if (!rw->ok[i])
					snprintf(b[i], 64, "n/a");
				else if (kind == 0)
					snprintf(b[i], 64, "%.2fx +-%.0f%% %s", rw->ratio[i],
						 rw->perf[i].error_pct, rw->perf[i].basis == GPUADV_BASIS_MEASURED ? "meas" : "est");
				else
					num(b[i], 64, 2, rw->per_kusd[i]);
				cells[i + 1] = b[i];
			}
			row(out, cells, c->gpu_count + 1);
		}
	}
	fputs("\n### Verdict\n\n", out);
	for (w = 0; w < c->row_count; w++) {
		gpuadv__words_verdict(why, sizeof(why), cat, c, &c->rows[w]);
		fputs("- ", out);
		gpuadv__md_text(out, why);
		fputs("\n", out);
	}
	return finish(out, err);
}
