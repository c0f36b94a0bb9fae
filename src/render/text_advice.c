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

/* fmt is always a literal of this file taking one double. */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
static const char *num(char *buf, size_t size, const char *fmt, double v)
{
	if (isnan(v))
		snprintf(buf, size, "-");
	else
		snprintf(buf, size, fmt, v);
	return buf;
}
#pragma GCC diagnostic pop

/* "2.41 +-9%": a value with its band. */
static const char *perf_text(char *buf, size_t size, const struct gpuadv_perf *p)
{
	snprintf(buf, size, "%.2f +-%.0f%%", p->value, p->error_pct);
	return buf;
}

#define price_text gpuadv__text_price

static void workload_header(FILE *out, const struct gpuadv_catalog *cat,
			    const struct gpuadv_recommendation *r, const char *bold,
			    const char *off)
{
	const struct gpuadv_query *q = &r->query;
	unsigned maxn = isnan(q->max_gpus) ? 1 : (unsigned)q->max_gpus;

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
	if (maxn > 1)
		fprintf(out, "Configurations of 1 to %u cards (price, power: all of them; memory: "
			     "each card's; perf: count x card x data-parallel efficiency).\n", maxn);
	if (maxn > 1)
		fprintf(out, "Performance is relative to the %s (1.00); %zu configurations qualify; "
			     "%zu of %zu GPUs have none.\n\n", cat->reference->name, r->matched,
			r->excluded_count, cat->gpu_count);
	else
		fprintf(out, "Performance is relative to the %s (1.00); %zu of %zu GPUs qualify.\n",
			cat->reference->name, r->matched, r->matched + r->excluded_count);
}

static void model_header(FILE *out, const struct gpuadv_catalog *cat,
			 const struct gpuadv_recommendation *r, const char *bold,
			 const char *off)
{
	const struct gpuadv_query *q = &r->query;
	unsigned maxn = isnan(q->max_gpus) ? 1 : (unsigned)q->max_gpus;
	bool llm = !isnan(r->reference_decode);

	fprintf(out, "%sModel%s: %s (%s), %s weights, %s", bold, off, r->model->id,
		r->model->name, q->quant ? q->quant->name
		: q->task != GPUADV_INFER && q->method == GPUADV_METHOD_QLORA ? "NF4 (QLoRA)" : "16-bit",
		gpuadv__task_word(q->task));
	if (q->context > 0)
		fprintf(out, " at %.0f tokens of context", q->context);
	fprintf(out, ", batch %.0f", q->batch);
	if (!isnan(q->budget_usd))
		fprintf(out, "; budget $%.0f", q->budget_usd);
	if (!isnan(q->min_tokens_per_s))
		fprintf(out, "; decode >= %g tok/s", q->min_tokens_per_s);
	if (!isnan(q->max_power_w))
		fprintf(out, "; power <= %g W", q->max_power_w);
	fprintf(out, "\n");
	if (maxn > 1)
		fprintf(out, "Configurations of 1 to %u cards of a kind; price and power are all the "
			     "cards'. %s\n", maxn,
			q->task != GPUADV_INFER
				? q->sharding == GPUADV_SHARD_FSDP
					  ? "Training: FSDP splits the model's state over the cards."
					  : "Training: data parallel, each card holds the whole model."
			: q->parallel == GPUADV_PARALLEL_TENSOR
				? "Modelled: tensor parallel (vLLM): faster decode, limited by the link."
				: "Modelled: layer split (llama.cpp): memory pools, one sequence decodes "
				  "no faster, so the cheapest count that fits is listed.");
	if (llm)
		fprintf(out, "Perf is decode speed relative to the %s's (~%.0f tok/s on this model); "
			     "memory in GiB.\n",
			cat->reference->name, r->reference_decode);
	else if (r->network)
		fprintf(out, "Perf is %s's training throughput by the per-network model, relative "
			     "to the %s, x cards x efficiency; memory in GiB.\n",
			r->network, cat->reference->name);
	else if (r->model && r->workload_from_model)
		fprintf(out, "Perf is the %s workload's (the performance model has no profile of "
			     "this model), relative to the %s, x cards x efficiency; memory in GiB.\n",
			r->query.workload->id, cat->reference->name);
	else
		fprintf(out, "Perf is the %s workload's, relative to the %s, x cards x efficiency; "
			     "memory in GiB.\n", r->query.workload->id, cat->reference->name);
	fprintf(out, "%zu configurations qualify; %zu of %zu GPUs have none.\n", r->matched,
		r->excluded_count, cat->gpu_count);
}

/* "GeForce RTX 3090", or "2x GeForce RTX 3090" for a configuration. */
static const char *result_name(char *buf, size_t size, const struct gpuadv_result *res)
{
	if (res->count > 1)
		snprintf(buf, size, "%ux %s", res->count, res->gpu->name);
	else
		snprintf(buf, size, "%s", res->gpu->name);
	return buf;
}

int gpuadv__text_recommendation(FILE *out, const struct gpuadv_catalog *cat,
			       const struct gpuadv_recommendation *r,
			       const struct gpuadv_render_opts *o, unsigned flags,
			       struct gpuadv_error *err)
{
	struct libscols_table *tb;
	const char *bold = o->color ? "\033[1m" : "", *off = o->color ? "\033[0m" : "";
	char b[10][64], why[GPUADV__WORDS_MAX];
	const struct gpuadv_query *q = &r->query;
	bool llm_cols = r->model != NULL;
	bool cloud = q->price_basis == GPUADV_WANT_CLOUD, tco = q->sort == GPUADV_SORT_TCO;
	int tco_col = 8 + 2 * llm_cols + (q->upgrade_from != NULL);
	size_t i, k;
	int rc;

	if (r->model)
		model_header(out, cat, r, bold, off);
	else
		workload_header(out, cat, r, bold, off);
	gpuadv__text_prices_line(out, q, true);
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
			if (res->has_fit && res->fit.llm)
				snprintf(b[2], sizeof(b[2]), "~%.0f tok/s, ",
					 res->fit.decode_tokens_per_s);
			else
				b[2][0] = '\0';
			fprintf(out, "  %-22s %s: %s%.2fx +-%.0f%% (%s), %g GB, %s, %s per %s",
				labels[p], result_name(b[3], sizeof(b[3]), res), b[2], res->perf.value,
				res->perf.error_pct,
				gpuadv_basis_name(res->perf.basis),
				res->gpu->v[GPUADV_F_MEMORY_GB] * (res->count ? res->count : 1), b[0],
				num(b[1], sizeof(b[1]), "%.2f", cloud ? res->perf_per_usd_hour
								      : res->perf_per_kusd),
				cloud ? "$1/h" : "$1000");
			if (q->upgrade_from && (r->upgrade_ok || res->gpu == q->upgrade_from)) {
				gpuadv__words_speedup(why, sizeof(why), r, res);
				fprintf(out, "; %s", why);
			}
			fprintf(out, "\n");
		}
		if (r->result_count > 1) {
			const struct gpuadv_result *top = &r->results[0];
			size_t j;

			for (j = 0; j < top->reason_count; j++) {
				if (top->reasons[j].code != GPUADV_R_ABOUT_EQUAL)
					continue;
				char name[160];

				gpuadv__words_reason(why, sizeof(why), cat, r, top, &top->reasons[j]);
				fprintf(out, "  Note: %s is %s\n",
					result_name(name, sizeof(name), top), why);
			}
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
		    gpuadv__table_col(tb, "PERF", 10, SCOLS_FL_RIGHT, o->color) ||
		    gpuadv__table_col(tb, cloud ? "PERF/$/H" : "PERF/$1K", 5, SCOLS_FL_RIGHT,
				      o->color) ||
		    gpuadv__table_col(tb, "POWER", 5, SCOLS_FL_RIGHT, o->color) ||
		    gpuadv__table_col(tb, "BASIS", 9, 0, o->color) ||
		    (llm_cols && (gpuadv__table_col(tb, "NEED", 6, SCOLS_FL_RIGHT, o->color) ||
				  gpuadv__table_col(tb, "TOK/S", 5, SCOLS_FL_RIGHT, o->color))) ||
		    (q->upgrade_from &&
		     gpuadv__table_col(tb, "VS YOURS", 5, SCOLS_FL_RIGHT, o->color)) ||
		    (tco && (gpuadv__table_col(tb, "TOTAL $", 6, SCOLS_FL_RIGHT, o->color) ||
			     gpuadv__table_col(tb, "PERF/$1K TCO", 5, SCOLS_FL_RIGHT, o->color)))) {
			scols_unref_table(tb);
			return gpuadv_error_set(err, GPUADV_ENOMEM, "out of memory");
		}
		for (i = 0; i < r->result_count; i++) {
			const struct gpuadv_result *res = &r->results[i];
			struct libscols_line *ln = scols_table_new_line(tb, NULL);
			double n = res->count ? res->count : 1;

			price_text(b[2], sizeof(b[2]), &res->price);
			if (!ln ||
			    scols_line_set_data(ln, 0, num(b[0], 64, "%.0f", (double)res->rank)) ||
			    scols_line_set_data(ln, 1, result_name(b[6], sizeof(b[6]), res)) ||
			    scols_line_set_data(ln, 2, num(b[1], 64, "%g GB", res->gpu->v[GPUADV_F_MEMORY_GB] * n)) ||
			    scols_line_set_data(ln, 3, b[2]) ||
			    scols_line_set_data(ln, 4, perf_text(b[3], 64, &res->perf)) ||
			    scols_line_set_data(ln, 5, num(b[4], 64, "%.2f", cloud ? res->perf_per_usd_hour
								   : res->perf_per_kusd)) ||
			    scols_line_set_data(ln, 6, num(b[5], 64, "%.0f W", res->gpu->v[GPUADV_F_TDP_W] * n)) ||
			    scols_line_set_data(ln, 7, res->perf.fallback ? "est.+fallback"
						 : gpuadv_basis_name(res->perf.basis)) ||
			    (llm_cols &&
			     (scols_line_set_data(ln, 8, num(b[7], 64, "%.1f", res->fit.required_gb)) ||
			      scols_line_set_data(ln, 9, num(b[7], 64, "%.0f", res->fit.llm
									   ? res->fit.decode_tokens_per_s : NAN)))) ||
			    (q->upgrade_from &&
			     scols_line_set_data(ln, llm_cols ? 10 : 8, res->gpu == q->upgrade_from ? "yours"
						 : num(b[5], 64, "%.2fx", res->speedup))) ||
			    (tco && (scols_line_set_data(ln, tco_col, num(b[8], 64, "%.0f", res->tco.total_usd)) ||
				     scols_line_set_data(ln, tco_col + 1,
							 num(b[9], 64, "%.2f", res->perf_per_ktco))))) {
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
			fputs(gpuadv__stale_note, out);
		if (o->chart && (rc = gpuadv__chart_recommendation(out, cat, r, o, err)))
			return rc;
	}
	if (flags & GPUADV_RENDER_REASONS) {
		for (i = 0; i < r->result_count; i++) {
			fprintf(out, "\n%s%zu. %s%s\n", bold, r->results[i].rank,
				result_name(b[0], sizeof(b[0]), &r->results[i]), off);
			for (k = 0; k < r->results[i].reason_count; k++) {
				gpuadv__words_reason(why, sizeof(why), cat, r, &r->results[i],
						     &r->results[i].reasons[k]);
				fprintf(out, "   - %s\n", why);
			}
		}
	} else if (r->result_count) {
		/* The table's first row, which is the fastest pick only when
		 * ranking by perf: --sort value, memory or tco lead with another. */
		const struct gpuadv_result *res = &r->results[0];

		fprintf(out, "\nWhy the %s leads:\n", result_name(b[0], sizeof(b[0]), res));
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
			if (r->excluded[i].count > 1)
				snprintf(b[0], sizeof(b[0]), "%ux %s", r->excluded[i].count,
					 r->excluded[i].gpu->id);
			else
				snprintf(b[0], sizeof(b[0]), "%s", r->excluded[i].gpu->id);
			fprintf(out, "  %-22s %s\n", b[0], why);
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

/* "GeForce RTX 3090", or "2x GeForce RTX 3090" for a configuration. */
static const char *config_name(char *buf, size_t size, const struct gpuadv_comparison *c,
			       size_t i)
{
	if (c->counts[i] > 1)
		snprintf(buf, size, "%ux %s", c->counts[i], c->gpus[i]->name);
	else
		snprintf(buf, size, "%s", c->gpus[i]->name);
	return buf;
}

/* compare --model: fit, memory and speed per configuration, the basis of
 * each speed, and the verdict. */
static int text_model(FILE *out, const struct gpuadv_comparison *c,
		      const struct gpuadv_render_opts *o, struct gpuadv_error *err)
{
	static const char *const labels[] = { "fits", "memory GiB (need/have)", "decode tok/s",
					      "prefill tok/s", "decode tok/s per $1000" };
	const struct gpuadv_query *q = &c->query;
	struct libscols_table *tb = gpuadv__table_new(out, o);
	char buf[GPUADV__WORDS_MAX];
	size_t i, r;

	fprintf(out, "\nModel: %s, %s weights, %s", c->model->id,
		q->quant ? q->quant->name : "16-bit", gpuadv__task_word(q->task));
	if (q->context > 0)
		fprintf(out, " at %.0f tokens of context", q->context);
	fprintf(out, ", batch %.0f; memory in GiB (a \"24 GB\" card holds 24 GiB)\n", q->batch);
	if (!tb || gpuadv__table_col(tb, "", 22, 0, o->color))
		goto oom;
	for (i = 0; i < c->gpu_count; i++)
		if (gpuadv__table_col(tb, config_name(buf, sizeof(buf), c, i), 0.2,
				      SCOLS_FL_RIGHT | SCOLS_FL_WRAP, o->color))
			goto oom;
	for (r = 0; r < sizeof(labels) / sizeof(*labels); r++) {
		struct libscols_line *ln = scols_table_new_line(tb, NULL);

		if (!ln || scols_line_set_data(ln, 0, labels[r]))
			goto oom;
		for (i = 0; i < c->gpu_count; i++) {
			const struct gpuadv_model_fit *f = &c->fits[i];
			double v = f->llm && f->fits ? f->decode_tokens_per_s : NAN;

			if (r == 0)
				snprintf(buf, sizeof(buf), "%s", !f->runs ? "cannot run" : f->fits ? "yes" : "no");
			else if (r == 1)
				snprintf(buf, sizeof(buf), "%.1f / %g%s", f->required_gb, f->available_gb,
					 f->per_gpu ? " each" : "");
			else if (r == 2)
				num(buf, sizeof(buf), "~%.0f", v);
			else if (r == 3)
				num(buf, sizeof(buf), "~%.0f", f->llm && f->fits ? f->prefill_tokens_per_s : NAN);
			else
				num(buf, sizeof(buf), "%.2f", v / c->prices[i].usd * 1000);
			if (scols_line_set_data(ln, i + 1, buf))
				goto oom;
		}
	}
	if (gpuadv__table_print(tb, out, err))
		return GPUADV_EIO;
	for (i = 0; i < c->gpu_count; i++) {
		const struct gpuadv_model_fit *f = &c->fits[i];

		if (f->llm && f->fits)
			gpuadv__words_decode(buf, sizeof(buf), f);
		else
			gpuadv__words_fit(buf, sizeof(buf), f, c->gpus[i]);
		fprintf(out, "  %ux %s: %s\n", c->counts[i], c->gpus[i]->id, buf);
	}
	gpuadv__words_model_verdict(buf, sizeof(buf), c);
	fprintf(out, "\nVerdict: %s\n", buf);
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

	/* Specs side by side (one card's, for a configuration). */
	tb = gpuadv__table_new(out, o);
	if (!tb || gpuadv__table_col(tb, c->configs ? "per card" : "", 18, 0, o->color))
		goto oom;
	for (i = 0; i < c->gpu_count; i++)
		if (gpuadv__table_col(tb, config_name(buf, sizeof(buf), c, i), 0.2,
				      SCOLS_FL_RIGHT | SCOLS_FL_WRAP, o->color))
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
	if (!(ln = scols_table_new_line(tb, NULL)) ||
	    scols_line_set_data(ln, 0, c->configs ? "price (all cards)" : "price"))
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
		fputs(gpuadv__stale_note, out);
	gpuadv__text_prices_line(out, &c->query, false);
	if ((p = gpuadv__text_tco(out, c, o, err)))
		return p;

	if (c->model && text_model(out, c, o, err))
		return err->code;
	if (c->row_count == 0)
		goto flush;
	/* Performance per workload, against the first GPU. */
	fprintf(out, "\nPerformance relative to the %s (ratio, basis); per $1000 and per 100 W\n"
		     "in units of the reference GPU (%s):\n",
		     config_name(buf, sizeof(buf), c, 0), cat->reference->name);
	if (c->configs)
		fprintf(out, "A configuration counts its cards x the data-parallel efficiency of "
			     "training (scaling model, docs/performance-model.md).\n");
	tb = gpuadv__table_new(out, o);
	if (!tb || gpuadv__table_col(tb, "WORKLOAD", 14, 0, o->color))
		goto oom;
	for (i = 0; i < c->gpu_count; i++)
		if (gpuadv__table_col(tb, config_name(buf, sizeof(buf), c, i), 0.2,
				      SCOLS_FL_RIGHT | SCOLS_FL_WRAP, o->color))
			goto oom;
	for (w = 0; w < c->row_count; w++) {
		const struct gpuadv_compare_row *row = &c->rows[w];
		static const char *const what[] = { "", "  per $1000", "  per 100 W" };
		int kind;

		for (kind = 0; kind < 3; kind++) {
			ln = scols_table_new_line(tb, NULL);
			if (kind == 0)
				snprintf(buf, sizeof(buf), "%s %s",
					 row->perf[0].network ? row->perf[0].network
							      : row->workload->id,
					 gpuadv_precision_name(row->precision));
			if (!ln || scols_line_set_data(ln, 0, kind ? what[kind] : buf))
				goto oom;
			for (i = 0; i < c->gpu_count; i++) {
				if (!row->ok[i])
					snprintf(buf, sizeof(buf), "n/a");
				else if (kind == 0)
					snprintf(buf, sizeof(buf), "%sx +-%.0f%% %s",
						 num(ratio, sizeof(ratio), "%.2f", row->ratio[i]),
						 row->perf[i].error_pct,
						 row->perf[i].basis == GPUADV_BASIS_MEASURED ? "meas"
						 : row->perf[i].basis == GPUADV_BASIS_CALIBRATED ? "cal" : "est");
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
	if (o->chart && (p = gpuadv__chart_comparison(out, cat, c, o, err)))
		return p;
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
flush:
	if (fflush(out) == EOF || ferror(out))
		return gpuadv_error_set(err, GPUADV_EIO, "cannot write output");
	return 0;
oom:
	scols_unref_table(tb);
	return gpuadv_error_set(err, GPUADV_ENOMEM, "out of memory");
}
