/*
 * json_advice.c - the engine's answers as JSON: recommend (query, results
 * with their reasons and reason codes, picks, exclusions, summary) and
 * compare (GPUs, per-workload results, verdicts), following docs/json.md.
 */
#include <cjson/cJSON.h>
#include <math.h>
#include <string.h>

#include "formats.h"
#include "json.h"
#include "words.h"

/* The GPU's key figures with the price the engine used, and its cost of
 * ownership. */
static cJSON *gpu_priced(const struct gpuadv_catalog *cat, const struct gpuadv_gpu *g,
			 const struct gpuadv_price *pr, const struct gpuadv_tco *tco)
{
	cJSON *o = gpuadv_json_gpu_brief(g);

	if (!o)
		return NULL;
	if (gpuadv__json_add(o, "sold_as", gpuadv__json_text(
				     gpuadv_sold_as_name(gpuadv_gpu_sold_as(cat, g)))) &&
	    gpuadv__json_add(o, "price_usd", gpuadv_json_stated(pr->usd)) &&
	    gpuadv__json_add(o, "price_basis", gpuadv__json_text(gpuadv_price_basis_name(pr->basis))) &&
	    gpuadv__json_add(o, "price_date", gpuadv__json_text(pr->as_of)) &&
	    gpuadv__json_add(o, "price_stale", cJSON_CreateBool(pr->stale)) &&
	    gpuadv__json_add(o, "price", gpuadv__json_price(pr)) &&
	    gpuadv__json_add(o, "tco", gpuadv__json_tco(tco)))
		return o;
	cJSON_Delete(o);
	return NULL;
}

/* A result's configuration: count, and with a model its fit (fits,
 * memory, llm, ...); nothing for a one-card workload query. */
static bool config_members(cJSON *o, const struct gpuadv_recommendation *r,
			   const struct gpuadv_result *res)
{
	cJSON *fit, *item;

	if (!r->model && !(r->query.max_gpus > 1))
		return true;
	if (!gpuadv__json_add(o, "count", gpuadv_json_number(res->count)))
		return false;
	if (!r->model)
		return gpuadv__json_add(o, "scaling_efficiency", gpuadv_json_number(res->fit.scaling));
	if (!(fit = gpuadv_json_model_fit(&res->fit)))
		return false;
	cJSON_DeleteItemFromObjectCaseSensitive(fit, "count");
	while ((item = fit->child)) {
		cJSON_DetachItemViaPointer(fit, item);
		if (!cJSON_AddItemToObject(o, item->string, item)) {
			cJSON_Delete(item);
			cJSON_Delete(fit);
			return false;
		}
	}
	cJSON_Delete(fit);
	return true;
}

cJSON *gpuadv_json_query(const struct gpuadv_recommendation *r)
{
	const struct gpuadv_query *q = &r->query;
	cJSON *o = cJSON_CreateObject(), *prices = cJSON_CreateObject();
	size_t i;

	if (!o || !prices)
		goto fail;
	for (i = 0; i < q->price_count; i++)
		if (!gpuadv__json_add(prices, q->prices[i].gpu->id, gpuadv_json_stated(q->prices[i].usd)))
			goto fail;
	if (r->model && (!gpuadv__json_model_query(o, q, r->model) ||
			 !gpuadv__json_add(o, "max_gpus", gpuadv_json_number(q->max_gpus)) ||
			 !gpuadv__json_add(o, "min_tokens_per_s", gpuadv_json_number(q->min_tokens_per_s)) ||
			 !gpuadv__json_add(o, "reference_decode_tokens_per_s",
					   gpuadv_json_number(nearbyint(r->reference_decode * 10) / 10))))
		goto fail;
	if (!r->model && q->max_gpus > 1 &&
	    !gpuadv__json_add(o, "max_gpus", gpuadv_json_number(q->max_gpus)))
		goto fail;
	if (gpuadv__json_add(o, "command", gpuadv__json_text("recommend")) &&
	    gpuadv__json_add(o, "workload", gpuadv__json_text(q->workload->id)) &&
	    (r->model || gpuadv__json_add(o, "task", gpuadv__json_text(gpuadv_task_name(q->task)))) &&
	    gpuadv__json_add(o, "precision", gpuadv__json_text(gpuadv_precision_name(q->precision))) &&
	    gpuadv__json_add(o, "budget_usd", gpuadv_json_stated(q->budget_usd)) &&
	    gpuadv__json_add(o, "budget_per_hour_usd", gpuadv_json_stated(q->budget_per_hour_usd)) &&
	    gpuadv__json_add(o, "price_basis", gpuadv__json_text(gpuadv_price_want_name(q->price_basis))) &&
	    gpuadv__json_add(o, "today", gpuadv__json_text(q->today)) &&
	    gpuadv__json_add(o, "tco_inputs", gpuadv__json_tco_inputs(q)) &&
	    gpuadv__json_add(o, "min_memory_gb", gpuadv_json_stated(q->min_memory_gb)) &&
	    gpuadv__json_add(o, "min_memory_basis", gpuadv__json_text(r->model ? "model" : r->memory_from_workload
							      ? "workload" : "query")) &&
	    gpuadv__json_add(o, "max_power_w", gpuadv_json_stated(q->max_power_w)) &&
	    gpuadv__json_add(o, "segment", q->segment >= 0 ? gpuadv__json_text(gpuadv_segment_name(q->segment))
					      : cJSON_CreateNull()) &&
	    gpuadv__json_add(o, "architecture", q->arch ? gpuadv__json_text(q->arch->id) : cJSON_CreateNull()) &&
	    gpuadv__json_add(o, "sort", gpuadv__json_text(gpuadv_sort_name((enum gpuadv_sort)q->sort))) &&
	    gpuadv__json_add(o, "top", q->top >= 1 ? gpuadv_json_number(q->top) : cJSON_CreateNull()) &&
	    (!q->upgrade_from ||
	     (gpuadv__json_add(o, "upgrade_from", gpuadv__json_text(q->upgrade_from->id)) &&
	      gpuadv__json_add(o, "upgrade_from_detected",
			       cJSON_CreateBool(q->upgrade_from_detected))))) {
		if (gpuadv__json_add(o, "prices", prices))
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
	[GPUADV_C_TOKENS] = "excluded_by_tokens_per_s",
	[GPUADV_C_SYSTEM_ONLY] = "excluded_by_system_only",
};

cJSON *gpuadv_json_recommendation(const struct gpuadv_catalog *cat,
				  const struct gpuadv_recommendation *r)
{
	cJSON *doc = cJSON_CreateObject(), *results, *excluded, *picks, *summary;
	char why[GPUADV__WORDS_MAX];
	size_t i, k;
	int c;

	if (!doc)
		return NULL;
	if (!gpuadv__json_add(doc, "query", gpuadv_json_query(r)) ||
	    !gpuadv__json_add(doc, "results", results = cJSON_CreateArray()))
		goto fail;
	for (i = 0; i < r->result_count; i++) {
		const struct gpuadv_result *res = &r->results[i];
		cJSON *o = gpu_priced(cat, res->gpu, &res->price, &res->tco), *reasons, *codes;

		if (!gpuadv__json_push(results, o) || !gpuadv__json_add(o, "rank", gpuadv_json_number((double)res->rank)) ||
		    !config_members(o, r, res) ||
		    !gpuadv__json_add(o, "perf", gpuadv_json_perf(cat, &res->perf, true)) ||
		    !gpuadv__json_add(o, "perf_per_kusd", gpuadv_json_number(res->perf_per_kusd)) ||
		    !gpuadv__json_add(o, "perf_per_usd_hour", gpuadv_json_number(res->perf_per_usd_hour)) ||
		    !gpuadv__json_add(o, "perf_per_ktco", gpuadv_json_number(res->perf_per_ktco)) ||
		    (r->query.upgrade_from &&
		     !gpuadv__json_add(o, "speedup", gpuadv_json_number(res->speedup))) ||
		    !gpuadv__json_add(o, "reasons", reasons = cJSON_CreateArray()) ||
		    !gpuadv__json_add(o, "reason_codes", codes = cJSON_CreateArray()))
			goto fail;
		for (k = 0; k < res->reason_count; k++) {
			gpuadv__words_reason(why, sizeof(why), cat, r, res, &res->reasons[k]);
			if (!gpuadv__json_push(reasons, cJSON_CreateString(why)) ||
			    !gpuadv__json_push(codes, gpuadv__json_text(
					 gpuadv_reason_name(res->reasons[k].code))))
				goto fail;
		}
	}
	picks = cJSON_CreateObject();
	if (!gpuadv__json_add(doc, "picks", picks) ||
	    !gpuadv__json_add(picks, "fastest", r->pick_fastest >= 0
		 ? gpuadv__json_text(r->results[r->pick_fastest].gpu->id) : cJSON_CreateNull()) ||
	    !gpuadv__json_add(picks, "best_value", r->pick_value >= 0
		 ? gpuadv__json_text(r->results[r->pick_value].gpu->id) : cJSON_CreateNull()) ||
	    !gpuadv__json_add(picks, "most_memory", r->pick_memory >= 0
		 ? gpuadv__json_text(r->results[r->pick_memory].gpu->id) : cJSON_CreateNull()))
		goto fail;
	excluded = cJSON_CreateArray();
	if (!gpuadv__json_add(doc, "excluded", excluded))
		goto fail;
	for (i = 0; i < r->excluded_count; i++) {
		const struct gpuadv_excluded *x = &r->excluded[i];
		cJSON *o = cJSON_CreateObject(), *codes;

		gpuadv__words_excluded(why, sizeof(why), r, x, GPUADV__FOR_JSON);
		if (!gpuadv__json_push(excluded, o) ||
		    !gpuadv__json_add(o, "id", gpuadv__json_text(x->gpu->id)) ||
		    !gpuadv__json_add(o, "price", gpuadv__json_price(&x->price)) ||
		    !gpuadv__json_add(o, "reason", cJSON_CreateString(why)) ||
		    !gpuadv__json_add(o, "reason_codes", codes = cJSON_CreateArray()))
			goto fail;
		for (k = 0; k < x->why_count; k++)
			if (!gpuadv__json_push(codes, gpuadv__json_text(
					gpuadv_constraint_name(x->why[k].constraint))))
				goto fail;
	}
	summary = cJSON_CreateObject();
	if (!gpuadv__json_add(doc, "summary", summary) ||
	    !gpuadv__json_add(summary, "matched", gpuadv_json_number((double)r->matched)) ||
	    !gpuadv__json_add(summary, "excluded", gpuadv_json_number((double)r->excluded_count)))
		goto fail;
	/* tokens/s is a constraint of model queries only: the summary of a
	 * workload query keeps its keys. */
	for (c = 0; c < (r->model ? GPUADV_C_COUNT : GPUADV_C_TOKENS); c++)
		if (!gpuadv__json_add(summary, excluded_by_keys[c],
			      gpuadv_json_number((double)r->excluded_by[c])))
			goto fail;
	if (!gpuadv__json_add(summary, "budget_to_admit_usd", gpuadv_json_number(r->budget_to_admit)) ||
	    !gpuadv__json_add(summary, "memory_to_admit_gb", gpuadv_json_number(r->memory_to_admit)))
		goto fail;
	if (r->query.upgrade_from) {
		cJSON *up = gpuadv_json_gpu_brief(r->query.upgrade_from);

		gpuadv__words_upgrade(why, sizeof(why), r);
		if (!gpuadv__json_add(doc, "upgrade_from", up) ||
		    !gpuadv__json_add(up, "detected", cJSON_CreateBool(r->query.upgrade_from_detected)) ||
		    !gpuadv__json_add(up, "perf", gpuadv_json_perf(cat, &r->upgrade_perf, r->upgrade_ok)) ||
		    !gpuadv__json_add(up, "summary", cJSON_CreateString(why)))
			goto fail;
	}
	return doc;
fail:
	cJSON_Delete(doc);
	return NULL;
}

/* A compare GPU entry: the card's figures and the configuration's price,
 * its count where there are configurations, and the model's fit. */
static cJSON *compare_gpu(const struct gpuadv_catalog *cat, const struct gpuadv_comparison *c,
			  size_t i)
{
	cJSON *o = gpu_priced(cat, c->gpus[i], &c->prices[i], &c->tco[i]), *fit, *item;

	if (!o)
		return NULL;
	if ((c->configs || c->model) &&
	    !gpuadv__json_add(o, "count", gpuadv_json_number(c->counts[i]))) {
		cJSON_Delete(o);
		return NULL;
	}
	if (!c->model)
		return o;
	if (!(fit = gpuadv_json_model_fit(&c->fits[i]))) {
		cJSON_Delete(o);
		return NULL;
	}
	cJSON_DeleteItemFromObjectCaseSensitive(fit, "count");
	while ((item = fit->child)) {
		cJSON_DetachItemViaPointer(fit, item);
		if (!cJSON_AddItemToObject(o, item->string, item)) {
			cJSON_Delete(item);
			cJSON_Delete(fit);
			cJSON_Delete(o);
			return NULL;
		}
	}
	cJSON_Delete(fit);
	return o;
}

/* The model part of a comparison: the query's model keys and the verdict. */
static bool compare_model(cJSON *doc, const struct gpuadv_comparison *c)
{
	cJSON *m = cJSON_CreateObject();
	char verdict[GPUADV__WORDS_MAX];

	gpuadv__words_model_verdict(verdict, sizeof(verdict), c);
	return gpuadv__json_add(doc, "model", m) &&
	       gpuadv__json_model_query(m, &c->query, c->model) &&
	       gpuadv__json_add(m, "fastest", c->model_fastest >= 0
			? gpuadv__json_text(c->gpus[c->model_fastest]->id) : cJSON_CreateNull()) &&
	       gpuadv__json_add(m, "best_value", c->model_best_value >= 0
			? gpuadv__json_text(c->gpus[c->model_best_value]->id) : cJSON_CreateNull()) &&
	       gpuadv__json_add(m, "verdict", cJSON_CreateString(verdict));
}

cJSON *gpuadv_json_comparison(const struct gpuadv_catalog *cat,
			      const struct gpuadv_comparison *c)
{
	cJSON *doc = cJSON_CreateObject(), *gpus, *wls;
	size_t i, w;

	if (!doc)
		return NULL;
	if (!gpuadv__json_add(doc, "price_basis",
			      gpuadv__json_text(gpuadv_price_want_name(c->query.price_basis))) ||
	    !gpuadv__json_add(doc, "today", gpuadv__json_text(c->query.today)) ||
	    !gpuadv__json_add(doc, "tco_inputs", gpuadv__json_tco_inputs(&c->query)))
		goto fail;
	gpus = cJSON_CreateArray();
	if (!gpuadv__json_add(doc, "gpus", gpus))
		goto fail;
	for (i = 0; i < c->gpu_count; i++)
		if (!gpuadv__json_push(gpus, compare_gpu(cat, c, i)))
			goto fail;
	if (c->model && !compare_model(doc, c))
		goto fail;
	wls = cJSON_CreateArray();
	if (!gpuadv__json_add(doc, "workloads", wls))
		goto fail;
	for (w = 0; w < c->row_count; w++) {
		const struct gpuadv_compare_row *row = &c->rows[w];
		cJSON *o = cJSON_CreateObject(), *res;
		char verdict[GPUADV__WORDS_MAX];

		gpuadv__words_verdict(verdict, sizeof(verdict), cat, c, row);
		if (!gpuadv__json_push(wls, o) ||
		    !gpuadv__json_add(o, "workload", gpuadv__json_text(row->workload->id)) ||
		    !gpuadv__json_add(o, "precision", gpuadv__json_text(gpuadv_precision_name(row->precision))) ||
		    !gpuadv__json_add(o, "results", res = cJSON_CreateArray()) ||
		    !gpuadv__json_add(o, "verdict", cJSON_CreateString(verdict)))
			goto fail;
		for (i = 0; i < c->gpu_count; i++) {
			cJSON *r = cJSON_CreateObject();

			if (!gpuadv__json_push(res, r) || !gpuadv__json_add(r, "id", gpuadv__json_text(c->gpus[i]->id)) ||
			    (c->configs && !gpuadv__json_add(r, "count", gpuadv_json_number(c->counts[i]))) ||
			    !gpuadv__json_add(r, "perf", gpuadv_json_perf(cat, &row->perf[i], row->ok[i])) ||
			    !gpuadv__json_add(r, "ratio_to_first", gpuadv_json_number(row->ratio[i])) ||
			    !gpuadv__json_add(r, "perf_per_kusd", gpuadv_json_number(row->per_kusd[i])) ||
			    !gpuadv__json_add(r, "perf_per_100w", gpuadv_json_number(row->per_watt[i])) ||
			    (c->configs && !gpuadv__json_add(r, "scaling_efficiency",
							     gpuadv_json_number(row->scaling[i]))))
				goto fail;
		}
	}
	return doc;
fail:
	cJSON_Delete(doc);
	return NULL;
}

int gpuadv__json_recommendation_doc(FILE *out, const struct gpuadv_catalog *cat,
				    const struct gpuadv_recommendation *r,
				    struct gpuadv_error *err)
{
	return gpuadv__json_body_doc(out, cat, gpuadv_json_recommendation(cat, r), err);
}

int gpuadv__json_comparison_doc(FILE *out, const struct gpuadv_catalog *cat,
				const struct gpuadv_comparison *c, struct gpuadv_error *err)
{
	return gpuadv__json_body_doc(out, cat, gpuadv_json_comparison(cat, c), err);
}
