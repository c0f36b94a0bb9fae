/*
 * text_advice.c - the engine's answers as text: recommend (picks, ranked
 * table, reasons, exclusions) and compare (specs side by side, then
 * per-workload performance and verdicts).
 */
#include <libsmartcols/libsmartcols.h>
#include <math.h>
#include <string.h>

#include "formats.h"
#include "table.h"
#include "words.h"

static const char *num(char *buf, size_t size, const char *fmt, double v)
{
	if (isnan(v))
		snprintf(buf, size, "-");
	else
		snprintf(buf, size, fmt, v);
	return buf;
}

/* "$750 used 2026-05-16", "$0.50/h cloud 2026-09", "$1499 launch*": the
 * amount, its basis and date; '*' marks a price over six months old. */
static void price_text(char *buf, size_t size, const struct gpuadv_price *p)
{
	char amount[48];

	if (isnan(p->usd)) {
		snprintf(buf, size, "-");
		return;
	}
	if (p->basis == GPUADV_PB_CLOUD)
		snprintf(amount, sizeof(amount), "$%.2f/h", p->usd);
	else
		snprintf(amount, sizeof(amount), "$%.0f", p->usd);
	snprintf(buf, size, "%s %s%s%s%s", amount, gpuadv_price_basis_name(p->basis),
		 p->as_of ? " " : "", p->as_of ? p->as_of : "", p->stale ? "*" : "");
}

/* What the basis means, for the line every answer states it in. */
static const char *basis_text(int want)
{
	switch (want) {
	case GPUADV_WANT_NEW:
		return "new (--price-basis new: the cheapest new price seen within six months)";
	case GPUADV_WANT_USED:
		return "used (--price-basis used: the cheapest used price seen within six months)";
	case GPUADV_WANT_CLOUD:
		return "cloud (--price-basis cloud: the cheapest on-demand GPU-hour rate seen within six months)";
	default:
		return "any (the cheapest new or used price seen within six months; "
		       "--price-basis new|used|cloud to choose)";
	}
}

static const char *const stale_note =
	"* seen more than six months ago, or a launch price: prices move; check it, "
	"or give yours with --price ID=USD\n";

int gpuadv__text_recommendation(FILE *out, const struct gpuadv_catalog *cat,
			       const struct gpuadv_recommendation *r,
			       const struct gpuadv_render_opts *o, unsigned flags,
			       struct gpuadv_error *err)
{
	const struct gpuadv_query *q = &r->query;
	struct libscols_table *tb;
	const char *bold = o->color ? "\033[1m" : "", *off = o->color ? "\033[0m" : "";
	char b[10][64], why[GPUADV__WORDS_MAX];
	bool cloud = q->price_basis == GPUADV_WANT_CLOUD, tco = q->sort == GPUADV_SORT_TCO;
	size_t i, k;

	fprintf(out, "%sWorkload%s: %s (%s), %s, %s", bold, off, q->workload->id,
		q->workload->name, gpuadv_task_name(q->task),
		gpuadv_precision_name(q->precision));
	if (!isnan(q->budget_usd))
		fprintf(out, "; budget $%.0f", q->budget_usd);
	fprintf(out, "; memory >= %g GB%s", q->min_memory_gb,
		r->memory_from_workload ? " (the workload's suggestion)" : "");
	if (!isnan(q->max_power_w))
		fprintf(out, "; power <= %g W", q->max_power_w);
	fprintf(out, "\n");
	if (r->memory_from_workload)
		fprintf(out, "  why %g GB: %s\n", q->min_memory_gb, q->workload->memory_reason);
	if (!isnan(q->budget_per_hour_usd))
		fprintf(out, "  budget $%.2f an hour to rent\n", q->budget_per_hour_usd);
	fprintf(out, "Prices: %s%s%s.\n", basis_text(q->price_basis),
		q->today ? "; today is " : "", q->today ? q->today : "");
	if (q->sort == GPUADV_SORT_TCO)
		fprintf(out, "Cost of ownership: %g years at %g h a day, %g%% of board power, "
			"$%.2f per kWh.\n", q->years, q->hours_per_day, q->utilisation * 100,
			q->kwh_price_usd);
	fprintf(out, "Performance is relative to the %s (1.00); %zu of %zu GPUs qualify.\n",
		cat->reference->name, r->matched, r->matched + r->excluded_count);
	if (q->upgrade_from) {
		gpuadv__words_upgrade(why, sizeof(why), r);
		fprintf(out, "%s.\n", why);
	}
	fprintf(out, "\n");

	if (r->matched) {
		static const char *const labels[] = { "Fastest within budget",
						      "Best value", "Most memory" };
		long picks[3] = { r->pick_fastest, r->pick_value, r->pick_memory };
		int p;

		fprintf(out, "%sPicks%s\n", bold, off);
		for (p = 0; p < 3; p++) {
			const struct gpuadv_result *res;

			if (picks[p] < 0)
				continue;
			res = &r->results[picks[p]];
			price_text(b[0], sizeof(b[0]), &res->price);
			fprintf(out, "  %-22s %s: %.2fx (%s), %g GB, %s, %s per %s",
				labels[p], res->gpu->name, res->perf.value,
				gpuadv_basis_name(res->perf.basis),
				res->gpu->v[GPUADV_F_MEMORY_GB], b[0],
				num(b[1], sizeof(b[1]), "%.2f", cloud ? res->perf_per_usd_hour
								      : res->perf_per_kusd),
				cloud ? "$1/h" : "$1000");
			if (q->upgrade_from && (r->upgrade_ok || res->gpu == q->upgrade_from)) {
				gpuadv__words_speedup(why, sizeof(why), r, res);
				fprintf(out, "; %s", why);
			}
			fprintf(out, "\n");
		}
		fprintf(out, "\n");
	}
	if (fflush(out) == EOF)
		return gpuadv_error_set(err, GPUADV_EIO, "cannot write output");

	if (r->result_count) {
		tb = gpuadv__table_new(out, o);
		if (!tb || gpuadv__table_col(tb, "RANK", 3, SCOLS_FL_RIGHT, o->color) ||
		    gpuadv__table_col(tb, "GPU", 0.3, SCOLS_FL_TRUNC, o->color) ||
		    gpuadv__table_col(tb, "MEMORY", 6, SCOLS_FL_RIGHT, o->color) ||
		    gpuadv__table_col(tb, "PRICE", 12, 0, o->color) ||
		    gpuadv__table_col(tb, "PERF", 5, SCOLS_FL_RIGHT, o->color) ||
		    gpuadv__table_col(tb, cloud ? "PERF/$/H" : "PERF/$1K", 5, SCOLS_FL_RIGHT,
				      o->color) ||
		    (tco && gpuadv__table_col(tb, "TOTAL $", 6, SCOLS_FL_RIGHT, o->color)) ||
		    (tco && gpuadv__table_col(tb, "PERF/$1K TCO", 5, SCOLS_FL_RIGHT, o->color)) ||
		    gpuadv__table_col(tb, "POWER", 5, SCOLS_FL_RIGHT, o->color) ||
		    gpuadv__table_col(tb, "BASIS", 9, 0, o->color) ||
		    (q->upgrade_from &&
		     gpuadv__table_col(tb, "VS YOURS", 5, SCOLS_FL_RIGHT, o->color))) {
			scols_unref_table(tb);
			return gpuadv_error_set(err, GPUADV_ENOMEM, "out of memory");
		}
		for (i = 0; i < r->result_count; i++) {
			const struct gpuadv_result *res = &r->results[i];
			struct libscols_line *ln = scols_table_new_line(tb, NULL);

			price_text(b[2], sizeof(b[2]), &res->price);
			if (!ln ||
			    scols_line_set_data(ln, 0, num(b[0], 64, "%.0f", (double)res->rank)) ||
			    scols_line_set_data(ln, 1, res->gpu->name) ||
			    scols_line_set_data(ln, 2, num(b[1], 64, "%g GB", res->gpu->v[GPUADV_F_MEMORY_GB])) ||
			    scols_line_set_data(ln, 3, b[2]) ||
			    scols_line_set_data(ln, 4, num(b[3], 64, "%.2f", res->perf.value)) ||
			    scols_line_set_data(ln, 5, num(b[4], 64, "%.2f", cloud ? res->perf_per_usd_hour
								   : res->perf_per_kusd)) ||
			    (tco && scols_line_set_data(ln, 6, num(b[8], 64, "%.0f", res->tco.total_usd))) ||
			    (tco && scols_line_set_data(ln, 7, num(b[9], 64, "%.2f", res->perf_per_ktco))) ||
			    scols_line_set_data(ln, 6 + 2 * tco, num(b[5], 64, "%.0f W", res->gpu->v[GPUADV_F_TDP_W])) ||
			    scols_line_set_data(ln, 7 + 2 * tco, res->perf.fallback ? "est.+fallback"
						 : gpuadv_basis_name(res->perf.basis)) ||
			    (q->upgrade_from &&
			     scols_line_set_data(ln, 8 + 2 * tco, res->gpu == q->upgrade_from ? "yours"
						 : num(b[6], 64, "%.2fx", res->speedup)))) {
				scols_unref_table(tb);
				return gpuadv_error_set(err, GPUADV_ENOMEM, "out of memory");
			}
		}
		if (gpuadv__table_print(tb, out, err))
			return GPUADV_EIO;
		if (r->result_count < r->matched)
			fprintf(out, "(%zu more; --top 0 shows all)\n", r->matched - r->result_count);
		for (i = 0; i < r->result_count && !r->results[i].price.stale; i++)
			;
		if (i < r->result_count)
			fputs(stale_note, out);
	}
	if (flags & GPUADV_RENDER_REASONS) {
		for (i = 0; i < r->result_count; i++) {
			fprintf(out, "\n%s%zu. %s%s\n", bold, r->results[i].rank,
				r->results[i].gpu->name, off);
			for (k = 0; k < r->results[i].reason_count; k++) {
				gpuadv__words_reason(why, sizeof(why), cat, r, &r->results[i],
						     &r->results[i].reasons[k]);
				fprintf(out, "   - %s\n", why);
			}
		}
	} else if (r->pick_fastest >= 0) {
		const struct gpuadv_result *res = &r->results[r->pick_fastest];

		fprintf(out, "\nWhy the %s leads:\n", res->gpu->name);
		for (k = 0; k < res->reason_count; k++) {
			gpuadv__words_reason(why, sizeof(why), cat, r, res, &res->reasons[k]);
			fprintf(out, "  - %s\n", why);
		}
		fprintf(out, "(--reasons shows every result's reasons, --show-excluded why the others are out)\n");
	}
	if (flags & GPUADV_RENDER_EXCLUDED) {
		fprintf(out, "\n%sExcluded%s (%zu)\n", bold, off, r->excluded_count);
		for (i = 0; i < r->excluded_count; i++) {
			gpuadv__words_excluded(why, sizeof(why), r, &r->excluded[i], GPUADV__FOR_TEXT);
			fprintf(out, "  %-22s %s\n", r->excluded[i].gpu->id, why);
		}
	}
	if (fflush(out) == EOF || ferror(out))
		return gpuadv_error_set(err, GPUADV_EIO, "cannot write output");
	return 0;
}

static int spec_row(struct libscols_table *tb, const char *label,
		    const struct gpuadv_comparison *c, int field, const char *fmt)
{
	struct libscols_line *ln = scols_table_new_line(tb, NULL);
	char buf[64];
	size_t i;

	if (!ln || scols_line_set_data(ln, 0, label))
		return -1;
	for (i = 0; i < c->gpu_count; i++)
		if (scols_line_set_data(ln, i + 1, num(buf, sizeof(buf), fmt, c->gpus[i]->v[field])))
			return -1;
	return 0;
}

/* One row of the cost table: a label and each GPU's figure. */
static int tco_row(struct libscols_table *tb, const char *label,
		   const struct gpuadv_comparison *c, int which)
{
	struct libscols_line *ln = scols_table_new_line(tb, NULL);
	char buf[64];
	size_t i;

	if (!ln || scols_line_set_data(ln, 0, label))
		return -1;
	for (i = 0; i < c->gpu_count; i++) {
		const struct gpuadv_tco *t = &c->tco[i];

		switch (which) {
		case 0: num(buf, sizeof(buf), "$%.0f", t->purchase_usd); break;
		case 1: num(buf, sizeof(buf), "$%.0f", t->energy_usd); break;
		case 2: num(buf, sizeof(buf), "$%.0f", t->total_usd); break;
		case 3: num(buf, sizeof(buf), "$%.2f/h", t->cloud_usd_per_hour); break;
		default:
			if (t->gaps & (1u << GPUADV_TCO_RENT_CHEAPER))
				snprintf(buf, sizeof(buf), "never");
			else
				num(buf, sizeof(buf), "%.0f h", t->breakeven_hours);
		}
		if (scols_line_set_data(ln, i + 1, buf))
			return -1;
	}
	return 0;
}

/* Purchase, energy and total per GPU, the cloud rate and the hours after
 * which buying beats renting; then what any of them lacks. */
static int tco_table(FILE *out, const struct gpuadv_comparison *c,
		     const struct gpuadv_render_opts *o, struct gpuadv_error *err)
{
	const struct gpuadv_query *q = &c->query;
	static const char *const labels[] = { "purchase", "energy", "total", "cloud rate",
					      "buying beats renting after" };
	struct libscols_table *tb;
	char why[GPUADV__WORDS_MAX];
	size_t i;
	int k;

	fprintf(out, "\nCost of ownership over %g years at %g h a day, %g%% of board power, "
		"$%.2f per kWh (--years, --hours-per-day, --utilisation, --kwh-price):\n",
		q->years, q->hours_per_day, q->utilisation * 100, q->kwh_price_usd);
	tb = gpuadv__table_new(out, o);
	if (!tb || gpuadv__table_col(tb, "", 18, 0, o->color))
		goto oom;
	for (i = 0; i < c->gpu_count; i++)
		if (gpuadv__table_col(tb, c->gpus[i]->name, 0.2, SCOLS_FL_RIGHT | SCOLS_FL_WRAP,
				      o->color))
			goto oom;
	for (k = 0; k < 5; k++)
		if (tco_row(tb, labels[k], c, k))
			goto oom;
	if (gpuadv__table_print(tb, out, err))
		return GPUADV_EIO;
	for (i = 0; i < c->gpu_count; i++) {
		gpuadv__words_tco_gaps(why, sizeof(why), &c->tco[i]);
		if (why[0])
			fprintf(out, "  %s: %s\n", c->gpus[i]->id, why);
	}
	return 0;
oom:
	scols_unref_table(tb);
	return gpuadv_error_set(err, GPUADV_ENOMEM, "out of memory");
}

int gpuadv__text_comparison(FILE *out, const struct gpuadv_catalog *cat,
			   const struct gpuadv_comparison *c,
			   const struct gpuadv_render_opts *o, struct gpuadv_error *err)
{
	static const struct { const char *label; int field; const char *fmt; } specs[] = {
		{ "memory GB", GPUADV_F_MEMORY_GB, "%g" },
		{ "bandwidth GB/s", GPUADV_F_BANDWIDTH_GBS, "%g" },
		{ "L2 cache MB", GPUADV_F_L2_CACHE_MB, "%g" },
		{ "FP32 TFLOPS", GPUADV_F_FP32_TFLOPS, "%g" },
		{ "FP16 Tensor TFLOPS", GPUADV_F_FP16_TENSOR_TFLOPS, "%g" },
		{ "BF16 Tensor TFLOPS", GPUADV_F_BF16_TENSOR_TFLOPS, "%g" },
		{ "TF32 Tensor TFLOPS", GPUADV_F_TF32_TENSOR_TFLOPS, "%g" },
		{ "INT8 Tensor TOPS", GPUADV_F_INT8_TENSOR_TOPS, "%g" },
		{ "FP8 Tensor TFLOPS", GPUADV_F_FP8_TENSOR_TFLOPS, "%g" },
		{ "power W", GPUADV_F_TDP_W, "%g" },
		{ "NVLink GB/s", GPUADV_F_NVLINK_GBS, "%g" },
	};
	struct libscols_table *tb;
	struct libscols_line *ln;
	char buf[GPUADV__WORDS_MAX], ratio[32];
	size_t i, s, w;
	int p;

	/* Specs side by side. */
	tb = gpuadv__table_new(out, o);
	if (!tb || gpuadv__table_col(tb, "", 18, 0, o->color))
		goto oom;
	for (i = 0; i < c->gpu_count; i++)
		if (gpuadv__table_col(tb, c->gpus[i]->name, 0.2, SCOLS_FL_RIGHT | SCOLS_FL_WRAP, o->color))
			goto oom;
	if (!(ln = scols_table_new_line(tb, NULL)) || scols_line_set_data(ln, 0, "architecture"))
		goto oom;
	for (i = 0; i < c->gpu_count; i++)
		if (scols_line_set_data(ln, i + 1, c->gpus[i]->arch->name))
			goto oom;
	for (s = 0; s < sizeof(specs) / sizeof(specs[0]); s++)
		if (spec_row(tb, specs[s].label, c, specs[s].field, specs[s].fmt))
			goto oom;
	if (!(ln = scols_table_new_line(tb, NULL)) || scols_line_set_data(ln, 0, "Tensor precisions"))
		goto oom;
	for (i = 0; i < c->gpu_count; i++) {
		size_t used = 0;

		buf[0] = '\0';
		for (p = 0; p < GPUADV_PRECISION_COUNT; p++)
			if (c->gpus[i]->arch->tensor_precisions & (1u << p))
				used += (size_t)snprintf(buf + used, sizeof(buf) - used, "%s%s",
							 used ? "," : "", gpuadv_precision_name(p));
		if (scols_line_set_data(ln, i + 1, used ? buf : "none"))
			goto oom;
	}
	if (!(ln = scols_table_new_line(tb, NULL)) || scols_line_set_data(ln, 0, "price"))
		goto oom;
	for (i = 0; i < c->gpu_count; i++) {
		price_text(buf, sizeof(buf), &c->prices[i]);
		if (scols_line_set_data(ln, i + 1, buf))
			goto oom;
	}
	if (gpuadv__table_print(tb, out, err))
		return GPUADV_EIO;
	for (i = 0; i < c->gpu_count && !c->prices[i].stale; i++)
		;
	if (i < c->gpu_count)
		fputs(stale_note, out);
	fprintf(out, "Prices: %s.\n", basis_text(c->query.price_basis));
	if ((p = tco_table(out, c, o, err)))
		return p;

	/* Performance per workload, against the first GPU. */
	fprintf(out, "\nPerformance relative to the %s (ratio, basis); per $1000 and per 100 W\n"
		     "in units of the reference GPU (%s):\n", c->gpus[0]->name, cat->reference->name);
	tb = gpuadv__table_new(out, o);
	if (!tb || gpuadv__table_col(tb, "WORKLOAD", 14, 0, o->color))
		goto oom;
	for (i = 0; i < c->gpu_count; i++)
		if (gpuadv__table_col(tb, c->gpus[i]->name, 0.2, SCOLS_FL_RIGHT | SCOLS_FL_WRAP, o->color))
			goto oom;
	for (w = 0; w < c->row_count; w++) {
		const struct gpuadv_compare_row *row = &c->rows[w];
		static const char *const what[] = { "", "  per $1000", "  per 100 W" };
		int kind;

		for (kind = 0; kind < 3; kind++) {
			ln = scols_table_new_line(tb, NULL);
			if (kind == 0)
				snprintf(buf, sizeof(buf), "%s %s", row->workload->id,
					 gpuadv_precision_name(row->precision));
			if (!ln || scols_line_set_data(ln, 0, kind ? what[kind] : buf))
				goto oom;
			for (i = 0; i < c->gpu_count; i++) {
				if (!row->ok[i])
					snprintf(buf, sizeof(buf), "n/a");
				else if (kind == 0)
					snprintf(buf, sizeof(buf), "%sx %s",
						 num(ratio, sizeof(ratio), "%.2f", row->ratio[i]),
						 row->perf[i].basis == GPUADV_BASIS_MEASURED ? "meas" : "est");
				else
					num(buf, sizeof(buf), "%.2f",
					    kind == 1 ? row->per_kusd[i] : row->per_watt[i]);
				if (scols_line_set_data(ln, i + 1, buf))
					goto oom;
			}
		}
	}
	if (gpuadv__table_print(tb, out, err))
		return GPUADV_EIO;
	fprintf(out, "\nVerdict\n");
	for (w = 0; w < c->row_count; w++) {
		gpuadv__words_verdict(buf, sizeof(buf), cat, c, &c->rows[w]);
		fprintf(out, "  %s\n", buf);
	}
	for (w = 0; w < c->row_count; w++)
		for (i = 0; i < c->gpu_count; i++)
			if (!c->rows[w].ok[i])
				fprintf(out, "  n/a: %s, %s: %s\n", c->gpus[i]->id,
					c->rows[w].workload->id, c->rows[w].perf[i].note);
	if (fflush(out) == EOF || ferror(out))
		return gpuadv_error_set(err, GPUADV_EIO, "cannot write output");
	return 0;
oom:
	scols_unref_table(tb);
	return gpuadv_error_set(err, GPUADV_ENOMEM, "out of memory");
}
