/*
 * render_advice.c - output of the engine's answers: `recommend` (picks,
 * ranked table, reasons, exclusions) and `compare` (specs side by side, then
 * per-workload performance and verdicts), as text tables or JSON documents
 * following docs/json.md.
 */
#include <cjson/cJSON.h>
#include <libsmartcols/libsmartcols.h>
#include <math.h>
#include <string.h>

#include "gpu_advisor/render.h"
#include "render_internal.h"

#define OOM(err) gpuadv_error_set(err, GPUADV_ENOMEM, "out of memory")

/* ---- JSON --------------------------------------------------------------- */

cJSON *gpuadv_json_perf(const struct gpuadv_catalog *cat,
			const struct gpuadv_perf *p, bool ok)
{
	cJSON *o = cJSON_CreateObject();

	if (o && json_add(o, "workload", json_text(p->workload->id)) &&
	    json_add(o, "precision", json_text(gpuadv_precision_name(p->precision))) &&
	    json_add(o, "reference", json_text(cat->reference->id)) &&
	    json_add(o, "estimated", gpuadv_json_number(ok ? p->estimated : NAN)) &&
	    json_add(o, "measured", gpuadv_json_number(ok ? p->measured : NAN)) &&
	    json_add(o, "value", gpuadv_json_number(ok ? p->value : NAN)) &&
	    json_add(o, "basis", ok ? json_text(gpuadv_basis_name(p->basis))
			       : cJSON_CreateNull()) &&
	    json_add(o, "measured_set", json_text(ok ? p->measured_set : NULL)) &&
	    json_add(o, "fallback", cJSON_CreateBool(p->fallback)) &&
	    json_add(o, "note", json_str_or_null(p->note[0] ? p->note : NULL)))
		return o;
	cJSON_Delete(o);
	return NULL;
}

/* The GPU's key figures with the price the engine used. */
static cJSON *gpu_priced(const struct gpuadv_gpu *g, const struct gpuadv_price *pr)
{
	cJSON *o = gpuadv_json_gpu_brief(g);

	if (!o)
		return NULL;
	if (json_add(o, "price_usd", gpuadv_json_number(pr->usd)) &&
	    json_add(o, "price_basis", json_text(pr->basis)) &&
	    json_add(o, "price_date", json_text(pr->as_of)) &&
	    json_add(o, "price_stale", cJSON_CreateBool(pr->stale)))
		return o;
	cJSON_Delete(o);
	return NULL;
}

static cJSON *doc_new(const struct gpuadv_catalog *cat)
{
	cJSON *doc = cJSON_CreateObject();

	if (doc && json_add(doc, "schema_version", gpuadv_json_number(GPUADV_JSON_SCHEMA_VERSION)) &&
	    json_add(doc, "catalog", gpuadv_json_catalog(cat)))
		return doc;
	cJSON_Delete(doc);
	return NULL;
}

static const char *sort_name(enum gpuadv_sort s)
{
	return s == GPUADV_SORT_VALUE ? "value" : s == GPUADV_SORT_MEMORY ? "memory" : "perf";
}

cJSON *gpuadv_json_query(const struct gpuadv_recommendation *r)
{
	const struct gpuadv_query *q = &r->query;
	cJSON *o = cJSON_CreateObject(), *prices = cJSON_CreateObject();
	size_t i;

	if (!o || !prices)
		goto fail;
	for (i = 0; i < q->price_count; i++)
		if (!json_add(prices, q->prices[i].gpu->id, gpuadv_json_number(q->prices[i].usd)))
			goto fail;
	if (json_add(o, "command", json_text("recommend")) &&
	    json_add(o, "workload", json_text(q->workload->id)) &&
	    json_add(o, "task", json_text(gpuadv_task_name(q->task))) &&
	    json_add(o, "precision", json_text(gpuadv_precision_name(q->precision))) &&
	    json_add(o, "budget_usd", gpuadv_json_number(q->budget_usd)) &&
	    json_add(o, "min_memory_gb", gpuadv_json_number(q->min_memory_gb)) &&
	    json_add(o, "min_memory_basis", json_text(r->memory_from_workload
							      ? "workload" : "query")) &&
	    json_add(o, "max_power_w", gpuadv_json_number(q->max_power_w)) &&
	    json_add(o, "segment", q->segment >= 0 ? json_text(gpuadv_segment_name(q->segment))
					      : cJSON_CreateNull()) &&
	    json_add(o, "architecture", q->arch ? json_text(q->arch->id) : cJSON_CreateNull()) &&
	    json_add(o, "sort", json_text(sort_name(q->sort))) &&
	    json_add(o, "top", q->top ? gpuadv_json_number((double)q->top) : cJSON_CreateNull())) {
		if (json_add(o, "prices", prices))
			return o;
		prices = NULL; /* json_add freed it */
	}
fail:
	cJSON_Delete(prices);
	cJSON_Delete(o);
	return NULL;
}

/* summary's keys, one per constraint (json_add keeps the key, not a copy). */
static const char *const excluded_by_keys[GPUADV_C_COUNT] = {
	[GPUADV_C_PRECISION] = "excluded_by_precision",
	[GPUADV_C_MEMORY] = "excluded_by_memory",
	[GPUADV_C_BUDGET] = "excluded_by_budget",
	[GPUADV_C_PRICE_UNKNOWN] = "excluded_by_unknown_price",
	[GPUADV_C_POWER] = "excluded_by_power",
	[GPUADV_C_SEGMENT] = "excluded_by_segment",
	[GPUADV_C_ARCH] = "excluded_by_architecture",
};

cJSON *gpuadv_json_recommendation(const struct gpuadv_catalog *cat,
				  const struct gpuadv_recommendation *r)
{
	cJSON *doc = cJSON_CreateObject(), *results, *excluded, *picks, *summary;
	size_t i, k;
	int c;

	if (!doc)
		return NULL;
	if (!json_add(doc, "query", gpuadv_json_query(r)) ||
	    !json_add(doc, "results", results = cJSON_CreateArray()))
		goto fail;
	for (i = 0; i < r->result_count; i++) {
		const struct gpuadv_result *res = &r->results[i];
		cJSON *o = gpu_priced(res->gpu, &res->price), *reasons;

		if (!json_push(results, o) || !json_add(o, "rank", gpuadv_json_number((double)res->rank)) ||
		    !json_add(o, "perf", gpuadv_json_perf(cat, &res->perf, true)) ||
		    !json_add(o, "perf_per_kusd", gpuadv_json_number(res->perf_per_kusd)) ||
		    !json_add(o, "reasons", reasons = cJSON_CreateArray()))
			goto fail;
		for (k = 0; k < res->reason_count; k++)
			if (!json_push(reasons, cJSON_CreateString(res->reasons[k])))
				goto fail;
	}
	picks = cJSON_CreateObject();
	if (!json_add(doc, "picks", picks) ||
	    !json_add(picks, "fastest", r->pick_fastest >= 0
		 ? json_text(r->results[r->pick_fastest].gpu->id) : cJSON_CreateNull()) ||
	    !json_add(picks, "best_value", r->pick_value >= 0
		 ? json_text(r->results[r->pick_value].gpu->id) : cJSON_CreateNull()) ||
	    !json_add(picks, "most_memory", r->pick_memory >= 0
		 ? json_text(r->results[r->pick_memory].gpu->id) : cJSON_CreateNull()))
		goto fail;
	excluded = cJSON_CreateArray();
	if (!json_add(doc, "excluded", excluded))
		goto fail;
	for (i = 0; i < r->excluded_count; i++) {
		cJSON *o = cJSON_CreateObject();

		if (!json_push(excluded, o) ||
		    !json_add(o, "id", json_text(r->excluded[i].gpu->id)) ||
		    !json_add(o, "reason", cJSON_CreateString(r->excluded[i].reason)))
			goto fail;
	}
	summary = cJSON_CreateObject();
	if (!json_add(doc, "summary", summary) ||
	    !json_add(summary, "matched", gpuadv_json_number((double)r->matched)) ||
	    !json_add(summary, "excluded", gpuadv_json_number((double)r->excluded_count)))
		goto fail;
	for (c = 0; c < GPUADV_C_COUNT; c++)
		if (!json_add(summary, excluded_by_keys[c],
			      gpuadv_json_number((double)r->excluded_by[c])))
			goto fail;
	if (!json_add(summary, "budget_to_admit_usd", gpuadv_json_number(r->budget_to_admit)) ||
	    !json_add(summary, "memory_to_admit_gb", gpuadv_json_number(r->memory_to_admit)))
		goto fail;
	return doc;
fail:
	cJSON_Delete(doc);
	return NULL;
}

cJSON *gpuadv_json_comparison(const struct gpuadv_catalog *cat,
			      const struct gpuadv_comparison *c)
{
	cJSON *doc = cJSON_CreateObject(), *gpus, *wls;
	size_t i, w;

	if (!doc)
		return NULL;
	gpus = cJSON_CreateArray();
	if (!json_add(doc, "gpus", gpus))
		goto fail;
	for (i = 0; i < c->gpu_count; i++)
		if (!json_push(gpus, gpu_priced(c->gpus[i], &c->prices[i])))
			goto fail;
	wls = cJSON_CreateArray();
	if (!json_add(doc, "workloads", wls))
		goto fail;
	for (w = 0; w < c->row_count; w++) {
		const struct gpuadv_compare_row *row = &c->rows[w];
		cJSON *o = cJSON_CreateObject(), *res;

		if (!json_push(wls, o) ||
		    !json_add(o, "workload", json_text(row->workload->id)) ||
		    !json_add(o, "precision", json_text(gpuadv_precision_name(row->precision))) ||
		    !json_add(o, "results", res = cJSON_CreateArray()) ||
		    !json_add(o, "verdict", cJSON_CreateString(row->verdict)))
			goto fail;
		for (i = 0; i < c->gpu_count; i++) {
			cJSON *r = cJSON_CreateObject();

			if (!json_push(res, r) || !json_add(r, "id", json_text(c->gpus[i]->id)) ||
			    !json_add(r, "perf", gpuadv_json_perf(cat, &row->perf[i], row->ok[i])) ||
			    !json_add(r, "ratio_to_first", gpuadv_json_number(row->ratio[i])) ||
			    !json_add(r, "perf_per_kusd", gpuadv_json_number(row->per_kusd[i])) ||
			    !json_add(r, "perf_per_100w", gpuadv_json_number(row->per_watt[i])))
				goto fail;
		}
	}
	return doc;
fail:
	cJSON_Delete(doc);
	return NULL;
}

/* Write {"schema_version", "catalog", ...body's members}; consumes body. */
static int write_document(FILE *out, const struct gpuadv_catalog *cat, cJSON *body,
			  struct gpuadv_error *err)
{
	cJSON *doc = body ? doc_new(cat) : NULL, *item;

	if (!doc) {
		cJSON_Delete(body);
		return OOM(err);
	}
	while ((item = body->child)) {
		cJSON_DetachItemViaPointer(body, item);
		if (!cJSON_AddItemToObject(doc, item->string, item)) {
			cJSON_Delete(item);
			cJSON_Delete(body);
			cJSON_Delete(doc);
			return OOM(err);
		}
	}
	cJSON_Delete(body);
	return gpuadv_json_write(out, doc, err);
}

/* ---- text --------------------------------------------------------------- */

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

static void price_text(char *buf, size_t size, const struct gpuadv_price *p)
{
	if (isnan(p->usd))
		snprintf(buf, size, "-");
	else if (p->as_of)
		snprintf(buf, size, "$%.0f %s %.7s%s", p->usd, p->condition, p->as_of,
			 p->stale ? "*" : "");
	else
		snprintf(buf, size, "$%.0f %s", p->usd, p->basis);
}

static int recommendation_text(FILE *out, const struct gpuadv_catalog *cat,
			       const struct gpuadv_recommendation *r,
			       const struct gpuadv_render_opts *o, unsigned flags,
			       struct gpuadv_error *err)
{
	const struct gpuadv_query *q = &r->query;
	struct libscols_table *tb;
	const char *bold = o->color ? "\033[1m" : "", *off = o->color ? "\033[0m" : "";
	char b[8][64];
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
	fprintf(out, "Performance is relative to the %s (1.00); %zu of %zu GPUs qualify.\n\n",
		cat->reference->name, r->matched, r->matched + r->excluded_count);

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
			fprintf(out, "  %-22s %s: %.2fx (%s), %g GB, %s, %s per $1000\n",
				labels[p], res->gpu->name, res->perf.value,
				gpuadv_basis_name(res->perf.basis),
				res->gpu->v[GPUADV_F_MEMORY_GB], b[0],
				num(b[1], sizeof(b[1]), "%.2f", res->perf_per_kusd));
		}
		fprintf(out, "\n");
	}
	if (fflush(out) == EOF)
		return gpuadv_error_set(err, GPUADV_EIO, "cannot write output");

	if (r->result_count) {
		tb = render_table_new(out, o);
		if (!tb || render_table_col(tb, "RANK", 3, SCOLS_FL_RIGHT, o->color) ||
		    render_table_col(tb, "GPU", 0.3, SCOLS_FL_TRUNC, o->color) ||
		    render_table_col(tb, "MEMORY", 6, SCOLS_FL_RIGHT, o->color) ||
		    render_table_col(tb, "PRICE", 12, 0, o->color) ||
		    render_table_col(tb, "PERF", 5, SCOLS_FL_RIGHT, o->color) ||
		    render_table_col(tb, "PERF/$1K", 5, SCOLS_FL_RIGHT, o->color) ||
		    render_table_col(tb, "POWER", 5, SCOLS_FL_RIGHT, o->color) ||
		    render_table_col(tb, "BASIS", 9, 0, o->color)) {
			scols_unref_table(tb);
			return OOM(err);
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
			    scols_line_set_data(ln, 5, num(b[4], 64, "%.2f", res->perf_per_kusd)) ||
			    scols_line_set_data(ln, 6, num(b[5], 64, "%.0f W", res->gpu->v[GPUADV_F_TDP_W])) ||
			    scols_line_set_data(ln, 7, res->perf.fallback ? "est.+fallback"
						 : gpuadv_basis_name(res->perf.basis))) {
				scols_unref_table(tb);
				return OOM(err);
			}
		}
		if (render_table_print(tb, out, err))
			return GPUADV_EIO;
		if (r->result_count < r->matched)
			fprintf(out, "(%zu more; --top 0 shows all)\n", r->matched - r->result_count);
		for (i = 0; i < r->result_count && !r->results[i].price.stale; i++)
			;
		if (i < r->result_count)
			fprintf(out, "* a street price seen more than six months ago: prices move; "
				     "check it, or give yours with --price ID=USD\n");
	}
	if (flags & GPUADV_RENDER_REASONS) {
		for (i = 0; i < r->result_count; i++) {
			fprintf(out, "\n%s%zu. %s%s\n", bold, r->results[i].rank,
				r->results[i].gpu->name, off);
			for (k = 0; k < r->results[i].reason_count; k++)
				fprintf(out, "   - %s\n", r->results[i].reasons[k]);
		}
	} else if (r->pick_fastest >= 0) {
		const struct gpuadv_result *res = &r->results[r->pick_fastest];

		fprintf(out, "\nWhy the %s leads:\n", res->gpu->name);
		for (k = 0; k < res->reason_count; k++)
			fprintf(out, "  - %s\n", res->reasons[k]);
		fprintf(out, "(--reasons shows every result's reasons, --show-excluded why the others are out)\n");
	}
	if (flags & GPUADV_RENDER_EXCLUDED) {
		fprintf(out, "\n%sExcluded%s (%zu)\n", bold, off, r->excluded_count);
		for (i = 0; i < r->excluded_count; i++)
			fprintf(out, "  %-22s %s\n", r->excluded[i].gpu->id, r->excluded[i].reason);
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

static int comparison_text(FILE *out, const struct gpuadv_catalog *cat,
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
	char buf[96], ratio[32];
	size_t i, s, w;
	int p;

	/* Specs side by side. */
	tb = render_table_new(out, o);
	if (!tb || render_table_col(tb, "", 18, 0, o->color))
		goto oom;
	for (i = 0; i < c->gpu_count; i++)
		if (render_table_col(tb, c->gpus[i]->name, 0.2, SCOLS_FL_RIGHT | SCOLS_FL_WRAP, o->color))
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
	if (render_table_print(tb, out, err))
		return GPUADV_EIO;
	for (i = 0; i < c->gpu_count && !c->prices[i].stale; i++)
		;
	if (i < c->gpu_count)
		fprintf(out, "* a street price seen more than six months ago: prices move; "
			     "check it, or give yours with --price ID=USD\n");

	/* Performance per workload, against the first GPU. */
	fprintf(out, "\nPerformance relative to the %s (ratio, basis); per $1000 and per 100 W\n"
		     "in units of the reference GPU (%s):\n", c->gpus[0]->name, cat->reference->name);
	tb = render_table_new(out, o);
	if (!tb || render_table_col(tb, "WORKLOAD", 14, 0, o->color))
		goto oom;
	for (i = 0; i < c->gpu_count; i++)
		if (render_table_col(tb, c->gpus[i]->name, 0.2, SCOLS_FL_RIGHT | SCOLS_FL_WRAP, o->color))
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
	if (render_table_print(tb, out, err))
		return GPUADV_EIO;
	fprintf(out, "\nVerdict\n");
	for (w = 0; w < c->row_count; w++)
		fprintf(out, "  %s\n", c->rows[w].verdict);
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
	return OOM(err);
}

int gpuadv_render_recommendation(FILE *out, const struct gpuadv_catalog *cat,
				 const struct gpuadv_recommendation *r,
				 const struct gpuadv_render_opts *opts, unsigned flags,
				 struct gpuadv_error *err)
{
	if (opts->format == GPUADV_FORMAT_JSON)
		return write_document(out, cat, gpuadv_json_recommendation(cat, r), err);
	return recommendation_text(out, cat, r, opts, flags, err);
}

int gpuadv_render_comparison(FILE *out, const struct gpuadv_catalog *cat,
			     const struct gpuadv_comparison *c,
			     const struct gpuadv_render_opts *opts,
			     struct gpuadv_error *err)
{
	if (opts->format == GPUADV_FORMAT_JSON)
		return write_document(out, cat, gpuadv_json_comparison(cat, c), err);
	return comparison_text(out, cat, c, opts, err);
}
