/*
 * json_model.c - the model answers as JSON (docs/json.md): `memory` (the
 * breakdown and the cards that hold it), `models` (the model catalogue),
 * and a model's fit on a configuration, which recommend and compare
 * results carry.
 */
#include <cjson/cJSON.h>
#include <math.h>
#include <string.h>

#include "formats.h"
#include "json.h"
#include "words.h"

static cJSON *gib(double bytes)
{
	return gpuadv_json_number(nearbyint(bytes / GPUADV_GIB * 100) / 100);
}

static cJSON *choice_or_null(const char *name, bool set)
{
	return set ? gpuadv__json_text(name) : cJSON_CreateNull();
}

/* The query's model part, as the request keys name it. */
bool gpuadv__json_model_query(cJSON *o, const struct gpuadv_query *q,
			      const struct gpuadv_model_spec *m)
{
	bool train = q->task != GPUADV_INFER;

	return gpuadv__json_add(o, "model", gpuadv__json_text(m->id)) &&
	       gpuadv__json_add(o, "params", isnan(q->params) ? cJSON_CreateNull()
							       : gpuadv_json_number(q->params)) &&
	       gpuadv__json_add(o, "quant", q->quant ? gpuadv__json_text(q->quant->id)
						    : cJSON_CreateNull()) &&
	       gpuadv__json_add(o, "task", gpuadv__json_text(gpuadv__task_word(q->task))) &&
	       gpuadv__json_add(o, "method", choice_or_null(gpuadv_mem_method_name(
					 (enum gpuadv_mem_method)q->method), train)) &&
	       gpuadv__json_add(o, "optimizer", choice_or_null(gpuadv_optimizer_name(
					 (enum gpuadv_optimizer)q->optimizer), train)) &&
	       gpuadv__json_add(o, "checkpointing", cJSON_CreateBool(q->checkpointing > 0)) &&
	       gpuadv__json_add(o, "sharding", choice_or_null(gpuadv_sharding_name(
					 (enum gpuadv_sharding)q->sharding), train)) &&
	       gpuadv__json_add(o, "parallel", choice_or_null(gpuadv_parallel_name(
					 (enum gpuadv_parallel)q->parallel), !train)) &&
	       gpuadv__json_add(o, "context_tokens", gpuadv_json_number(q->context)) &&
	       gpuadv__json_add(o, "batch", gpuadv_json_number(q->batch));
}

/* {"weights_gb", ...}: GiB, two decimals. */
static cJSON *breakdown(const struct gpuadv_memory *m)
{
	cJSON *o = cJSON_CreateObject();

	if (o && gpuadv__json_add(o, "weights_gb", gib(m->weights)) &&
	    gpuadv__json_add(o, "kv_cache_gb", gib(m->kv_cache)) &&
	    gpuadv__json_add(o, "activations_gb", gib(m->activations)) &&
	    gpuadv__json_add(o, "gradients_gb", gib(m->gradients)) &&
	    gpuadv__json_add(o, "optimizer_gb", gib(m->optimizer)) &&
	    gpuadv__json_add(o, "overhead_gb", gib(m->overhead)))
		return o;
	cJSON_Delete(o);
	return NULL;
}

/* The model: id, name, kind, parameters, and what was assumed (--params). */
static cJSON *model_brief(const struct gpuadv_query *q, const struct gpuadv_model_spec *m)
{
	cJSON *o = cJSON_CreateObject(), *as = NULL;

	if (!o)
		return NULL;
	if (!q->model) {
		as = cJSON_CreateObject();
		if (!as || !gpuadv__json_add(as, "shape", gpuadv__json_text("llama-like dense decoder")) ||
		    !gpuadv__json_add(as, "layers", gpuadv_json_number(m->v[GPUADV_MF_LAYERS])) ||
		    !gpuadv__json_add(as, "hidden_size", gpuadv_json_number(m->v[GPUADV_MF_HIDDEN_SIZE])) ||
		    !gpuadv__json_add(as, "attention_heads", gpuadv_json_number(m->v[GPUADV_MF_ATTENTION_HEADS])) ||
		    !gpuadv__json_add(as, "kv_heads", gpuadv_json_number(m->v[GPUADV_MF_KV_HEADS])) ||
		    !gpuadv__json_add(as, "head_dim", gpuadv_json_number(m->v[GPUADV_MF_HEAD_DIM])) ||
		    !gpuadv__json_add(as, "intermediate_size", gpuadv_json_number(m->v[GPUADV_MF_INTERMEDIATE_SIZE])) ||
		    !gpuadv__json_add(as, "vocab_size", gpuadv_json_number(m->v[GPUADV_MF_VOCAB_SIZE]))) {
			cJSON_Delete(as);
			as = NULL;
			goto fail;
		}
	}
	if (gpuadv__json_add(o, "id", gpuadv__json_text(m->id)) &&
	    gpuadv__json_add(o, "name", gpuadv__json_text(m->name)) &&
	    gpuadv__json_add(o, "kind", gpuadv__json_text(gpuadv_model_kind_name(m->kind))) &&
	    gpuadv__json_add(o, "params", gpuadv_json_number(m->v[GPUADV_MF_PARAMS])) &&
	    gpuadv__json_add(o, "active_params", gpuadv_json_number(gpuadv_model_active_params(m))) &&
	    gpuadv__json_add(o, "max_context_tokens", gpuadv_json_number(m->v[GPUADV_MF_MAX_CONTEXT_TOKENS])) &&
	    gpuadv__json_add(o, "assumed", as ? as : cJSON_CreateNull()))
		return o;
	as = NULL;
fail:
	cJSON_Delete(as);
	cJSON_Delete(o);
	return NULL;
}

cJSON *gpuadv_json_memory(const struct gpuadv_catalog *cat, const struct gpuadv_memory_answer *a)
{
	cJSON *doc = cJSON_CreateObject(), *q, *mem, *fits;
	size_t k, i;

	(void)cat;
	if (!doc || !gpuadv__json_add(doc, "query", q = cJSON_CreateObject()) ||
	    !gpuadv__json_add(q, "command", gpuadv__json_text("memory")) ||
	    !gpuadv__json_model_query(q, &a->query, a->model) ||
	    !gpuadv__json_add(doc, "model", model_brief(&a->query, a->model)) ||
	    !gpuadv__json_add(doc, "memory", mem = cJSON_CreateObject()) ||
	    !gpuadv__json_add(mem, "unit", gpuadv__json_text("GiB")) ||
	    !gpuadv__json_add(mem, "required_gb", gib(a->memory.required)) ||
	    !gpuadv__json_add(mem, "breakdown", breakdown(&a->memory)) ||
	    !gpuadv__json_add(mem, "trainable_params", gpuadv_json_number(a->memory.trainable_params)) ||
	    !gpuadv__json_add(mem, "activations_known", cJSON_CreateBool(!a->memory.activations_unknown)) ||
	    !gpuadv__json_add(doc, "fits_on", fits = cJSON_CreateArray()))
		goto fail;
	for (k = 0; k < GPUADV_MEMORY_COUNTS; k++) {
		cJSON *o = cJSON_CreateObject(), *ids;

		if (!gpuadv__json_push(fits, o) ||
		    !gpuadv__json_add(o, "count", gpuadv_json_number(gpuadv_memory_counts[k])) ||
		    !gpuadv__json_add(o, "required_gb", gpuadv_json_number(
					      nearbyint(a->required_gb[k] * 100) / 100)) ||
		    !gpuadv__json_add(o, "per_gpu", cJSON_CreateBool(a->per_gpu)) ||
		    !gpuadv__json_add(o, "gpus", ids = cJSON_CreateArray()))
			goto fail;
		for (i = 0; i < a->fit_count[k]; i++)
			if (!gpuadv__json_push(ids, gpuadv__json_text(a->fits[k][i]->id)))
				goto fail;
	}
	return doc;
fail:
	cJSON_Delete(doc);
	return NULL;
}

cJSON *gpuadv_json_model_fit(const struct gpuadv_model_fit *f)
{
	cJSON *o = cJSON_CreateObject(), *mem, *llm, *step;

	if (!o || !gpuadv__json_add(o, "count", gpuadv_json_number(f->count)) ||
	    !gpuadv__json_add(o, "fits", cJSON_CreateBool(f->fits)) ||
	    !gpuadv__json_add(o, "memory", mem = cJSON_CreateObject()) ||
	    !gpuadv__json_add(mem, "required_gb", gpuadv_json_number(nearbyint(f->required_gb * 100) / 100)) ||
	    !gpuadv__json_add(mem, "available_gb", gpuadv_json_number(f->available_gb)) ||
	    !gpuadv__json_add(mem, "per_gpu", cJSON_CreateBool(f->per_gpu)) ||
	    !gpuadv__json_add(o, "runs", cJSON_CreateBool(f->runs)) ||
	    !gpuadv__json_add(o, "note", f->note[0] ? gpuadv__json_str_or_null(f->note)
						    : cJSON_CreateNull()))
		goto fail;
	if (!f->llm) {
		if (!gpuadv__json_add(o, "llm", cJSON_CreateNull()))
			goto fail;
	} else if (!gpuadv__json_add(o, "llm", llm = cJSON_CreateObject()) ||
		   !gpuadv__json_add(llm, "decode_tokens_per_s", gpuadv_json_number(
					     nearbyint(f->decode_tokens_per_s * 10) / 10)) ||
		   !gpuadv__json_add(llm, "prefill_tokens_per_s", gpuadv_json_number(
					     nearbyint(f->prefill_tokens_per_s))) ||
		   !gpuadv__json_add(llm, "batch_tokens_per_s", gpuadv_json_number(
					     nearbyint(f->batch_tokens_per_s * 10) / 10)) ||
		   !gpuadv__json_add(llm, "context", gpuadv_json_number(f->context)) ||
		   !gpuadv__json_add(llm, "parallel", gpuadv__json_text(gpuadv_parallel_name(f->parallel))) ||
		   !gpuadv__json_add(llm, "bandwidth_gbs", gpuadv_json_number(f->bandwidth_gbs)) ||
		   !gpuadv__json_add(llm, "bandwidth_efficiency", gpuadv_json_number(f->eta_bw)) ||
		   !gpuadv__json_add(llm, "basis", gpuadv__json_text("llm speed model calibrated on llama.cpp")))
		goto fail;
	if (!gpuadv__json_add(o, "scaling_efficiency", gpuadv_json_number(
				      isnan(f->scaling) ? NAN : nearbyint(f->scaling * 1000) / 1000)))
		goto fail;
	/* What the efficiency rests on, only where it was estimated. */
	if (!isnan(f->step_s) &&
	    (!gpuadv__json_add(o, "scaling_step", step = cJSON_CreateObject()) ||
	     !gpuadv__json_add(step, "seconds", gpuadv_json_number(f->step_s)) ||
	     !gpuadv__json_add(step, "batch", gpuadv_json_number(nearbyint(f->step_batch))) ||
	     !gpuadv__json_add(step, "basis",
			       gpuadv__json_text(!f->step_network ? "assumed 40% of peak Tensor rate"
						 : f->step_anchored
						   ? "per-network model, anchored to the reference GPU's measured throughput"
						   : "per-network model, anchored to the reference GPU's measured networks"))))
		goto fail;
	return o;
fail:
	cJSON_Delete(o);
	return NULL;
}

static cJSON *model_full(const struct gpuadv_model_spec *m)
{
	cJSON *o = cJSON_CreateObject(), *al;
	size_t i;
	int f;

	if (!o || !gpuadv__json_add(o, "id", gpuadv__json_text(m->id)) ||
	    !gpuadv__json_add(o, "name", gpuadv__json_text(m->name)) ||
	    !gpuadv__json_add(o, "aliases", al = cJSON_CreateArray()))
		goto fail;
	for (i = 0; i < m->aliases.count; i++)
		if (!gpuadv__json_push(al, gpuadv__json_text(m->aliases.items[i])))
			goto fail;
	if (!gpuadv__json_add(o, "kind", gpuadv__json_text(gpuadv_model_kind_name(m->kind))) ||
	    !gpuadv__json_add(o, "attention", m->attention == GPUADV_ATTN_NONE ? cJSON_CreateNull()
						  : gpuadv__json_text(gpuadv_attention_name(m->attention))))
		goto fail;
	for (f = 0; f < GPUADV_MF_COUNT; f++)
		if (!gpuadv__json_add(o, gpuadv_model_fields[f].key, gpuadv_json_number(m->v[f])))
			goto fail;
	if (!gpuadv__json_add(o, "default_quant", m->default_quant
				      ? gpuadv__json_text(m->default_quant->id) : cJSON_CreateNull()) ||
	    !gpuadv__json_add(o, "input", m->input ? gpuadv__json_text(m->input) : cJSON_CreateNull()) ||
	    !gpuadv__json_add(o, "released", gpuadv__json_text(m->released)))
		goto fail;
	return o;
fail:
	cJSON_Delete(o);
	return NULL;
}

cJSON *gpuadv_json_models(const struct gpuadv_models *ms, int kind)
{
	cJSON *doc = cJSON_CreateObject(), *arr, *qs;
	size_t i;

	if (!doc || !gpuadv__json_add(doc, "models_as_of", gpuadv__json_text(ms->as_of)) ||
	    !gpuadv__json_add(doc, "models", arr = cJSON_CreateArray()))
		goto fail;
	for (i = 0; i < ms->model_count; i++)
		if ((kind < 0 || (int)ms->models[i].kind == kind) &&
		    !gpuadv__json_push(arr, model_full(&ms->models[i])))
			goto fail;
	if (!gpuadv__json_add(doc, "quantizations", qs = cJSON_CreateArray()))
		goto fail;
	for (i = 0; i < ms->quant_count; i++) {
		const struct gpuadv_quant *qt = &ms->quants[i];
		cJSON *o = cJSON_CreateObject();

		if (!gpuadv__json_push(qs, o) || !gpuadv__json_add(o, "id", gpuadv__json_text(qt->id)) ||
		    !gpuadv__json_add(o, "name", gpuadv__json_text(qt->name)) ||
		    !gpuadv__json_add(o, "bits_per_weight", gpuadv_json_number(qt->bits_per_weight)) ||
		    !gpuadv__json_add(o, "weight_only", cJSON_CreateBool(qt->weight_only)) ||
		    !gpuadv__json_add(o, "math_precision", qt->math_precision < 0 ? cJSON_CreateNull()
			 : gpuadv__json_text(gpuadv_precision_name((enum gpuadv_precision)qt->math_precision))) ||
		    !gpuadv__json_add(o, "format", gpuadv__json_text(qt->format)))
			goto fail;
	}
	return doc;
fail:
	cJSON_Delete(doc);
	return NULL;
}

/* Write {"schema_version", "catalog", ...body's members}; consumes body. */
int gpuadv__json_body_doc(FILE *out, const struct gpuadv_catalog *cat, cJSON *body,
			  struct gpuadv_error *err)
{
	cJSON *doc = body ? gpuadv__json_document(cat) : NULL, *item;

	if (!doc) {
		cJSON_Delete(body);
		return gpuadv_error_set(err, GPUADV_ENOMEM, "out of memory");
	}
	while ((item = body->child)) {
		cJSON_DetachItemViaPointer(body, item);
		if (!cJSON_AddItemToObject(doc, item->string, item)) {
			cJSON_Delete(item);
			cJSON_Delete(body);
			cJSON_Delete(doc);
			return gpuadv_error_set(err, GPUADV_ENOMEM, "out of memory");
		}
	}
	cJSON_Delete(body);
	return gpuadv_json_write(out, doc, err);
}

int gpuadv__json_config(FILE *out, const struct gpuadv_catalog *cat,
			const struct gpuadv_gpu *g, unsigned count, struct gpuadv_error *err)
{
	cJSON *body = cJSON_CreateObject(), *c;
	struct gpuadv_price pick;

	gpuadv_price_pick(&pick, cat, g, GPUADV_WANT_ANY, NULL);
	if (!body || !gpuadv__json_add(body, "gpu", gpuadv_json_gpu(cat, g)) ||
	    !gpuadv__json_add(body, "configuration", c = cJSON_CreateObject()) ||
	    !gpuadv__json_add(c, "count", gpuadv_json_number(count)) ||
	    !gpuadv__json_add(c, "memory_gb", gpuadv_json_number(g->v[GPUADV_F_MEMORY_GB] * count)) ||
	    !gpuadv__json_add(c, "tdp_w", gpuadv_json_number(g->v[GPUADV_F_TDP_W] * count)) ||
	    !gpuadv__json_add(c, "price_usd", gpuadv_json_number(pick.usd * count)) ||
	    !gpuadv__json_add(c, "price_basis",
			      gpuadv__json_text(gpuadv_price_basis_name(pick.basis))) ||
	    !gpuadv__json_add(c, "price_as_of", gpuadv__json_text(pick.as_of))) {
		cJSON_Delete(body);
		return gpuadv_error_set(err, GPUADV_ENOMEM, "out of memory");
	}
	return gpuadv__json_body_doc(out, cat, body, err);
}
