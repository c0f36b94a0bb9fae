/*
 * answer.c - answers to JSON requests (`gpu-advisor query`): run a parsed
 * request's command through the engine and build its response object, or
 * an error object, one JSON line each (docs/ci.md).
 */
#include <cjson/cJSON.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "gpu_advisor/render.h"
#include "json.h"

/* Move body's members into resp after what resp has; consumes body. */
static bool absorb(cJSON *resp, cJSON *body)
{
	cJSON *item;

	if (!body)
		return false;
	while ((item = body->child)) {
		cJSON_DetachItemViaPointer(body, item);
		if (!cJSON_AddItemToObject(resp, item->string, item)) {
			cJSON_Delete(item);
			cJSON_Delete(body);
			return false;
		}
	}
	cJSON_Delete(body);
	return true;
}

static cJSON *response_head(const cJSON *id, const char *command)
{
	cJSON *resp = cJSON_CreateObject(), *idc, *version;

	if (!resp)
		return NULL;
	idc = id ? cJSON_Duplicate(id, 0) : cJSON_CreateNull();
	if (!idc || !cJSON_AddItemToObject(resp, "id", idc)) {
		cJSON_Delete(idc);
		goto fail;
	}
	version = gpuadv_json_number(GPUADV_JSON_SCHEMA_VERSION);
	if (!version || !cJSON_AddItemToObject(resp, "schema_version", version)) {
		cJSON_Delete(version);
		goto fail;
	}
	if (command && !cJSON_AddStringToObject(resp, "command", command))
		goto fail;
	return resp;
fail:
	cJSON_Delete(resp);
	return NULL;
}

cJSON *gpuadv_render_answer_error(const cJSON *id, const struct gpuadv_error *err)
{
	cJSON *resp = response_head(id, NULL), *e = cJSON_CreateObject();
	const char *kind = err->kind ? err->kind : err->code == GPUADV_ENOTFOUND ? "no_match"
						 : err->code == GPUADV_ENOMEM ? "out_of_memory"
						 : "internal";

	/* copied: the strings die with err */
	if (!resp || !e || !gpuadv__json_add(e, "code", gpuadv__json_str_or_null(kind)) ||
	    !gpuadv__json_add(e, "message", gpuadv__json_str_or_null(err->message)) ||
	    !gpuadv__json_add(e, "field", gpuadv__json_str_or_null(err->field[0] ? err->field : NULL)) ||
	    !gpuadv__json_add(e, "line", gpuadv_json_number(err->line ? (double)err->line : NAN)))
		goto fail;
	if (!cJSON_AddItemToObject(resp, "error", e))
		goto fail;
	return resp;
fail:
	cJSON_Delete(e);
	cJSON_Delete(resp);
	return NULL;
}

int gpuadv_render_answer(cJSON **out, const struct gpuadv_catalog *cat,
			 const struct gpuadv_request *req, struct gpuadv_error *err)
{
	const struct gpuadv_query *q = &req->query;
	cJSON *resp = response_head(req->id, gpuadv_command_name(q->command)), *body = NULL;
	int rc = 0;

	*out = NULL;
	if (!resp)
		return gpuadv_error_set(err, GPUADV_ENOMEM, "out of memory");
	switch (q->command) {
	case GPUADV_CMD_RECOMMEND: {
		struct gpuadv_recommendation rec;
		char why[GPUADV_ERROR_MSG_MAX];

		rc = gpuadv_engine_recommend(&rec, cat, q, err);
		if (rc && rc != GPUADV_ENOTFOUND)
			break;
		body = gpuadv_json_recommendation(cat, &rec);
		if (rc == GPUADV_ENOTFOUND) {
			struct gpuadv_error e2;

			gpuadv_render_no_match(why, sizeof(why), &rec);
			gpuadv_error_set(&e2, GPUADV_ENOTFOUND, "%s", why);
			gpuadv_error_set(err, GPUADV_ENOTFOUND, "%s", why);
			e2.kind = "no_match";
			e2.field[0] = '\0';
			if (body) {
				cJSON *eo = gpuadv_render_answer_error(NULL, &e2);
				cJSON *inner = eo ? cJSON_DetachItemFromObjectCaseSensitive(eo, "error") : NULL;

				cJSON_Delete(eo);
				if (!inner || !cJSON_AddItemToObject(body, "error", inner)) {
					cJSON_Delete(inner);
					cJSON_Delete(body);
					body = NULL;
				}
			}
		}
		gpuadv_recommendation_release(&rec);
		if (!body)
			rc = gpuadv_error_set(err, GPUADV_ENOMEM, "out of memory");
		break;
	}
	case GPUADV_CMD_COMPARE: {
		struct gpuadv_comparison cmp;

		rc = gpuadv_engine_compare(&cmp, cat, q, err);
		if (rc)
			break;
		body = gpuadv_json_comparison(cat, &cmp);
		gpuadv_comparison_release(&cmp);
		if (!body)
			rc = gpuadv_error_set(err, GPUADV_ENOMEM, "out of memory");
		break;
	}
	case GPUADV_CMD_SHOW: {
		cJSON *g = NULL, *prices = NULL;

		body = cJSON_CreateObject();
		if (!body || !(g = gpuadv_json_gpu(cat, q->gpus[0])) ||
		    !cJSON_AddItemToObject(body, "gpu", g) ||
		    !(prices = gpuadv_json_gpu_prices(cat, q->gpus[0])) ||
		    !cJSON_AddItemToObject(g, "prices", prices) ||
		    (q->gpu_counts[0] > 1 &&
		     !cJSON_AddItemToObject(body, "count", gpuadv_json_number(q->gpu_counts[0])))) {
			if (g && !cJSON_GetObjectItemCaseSensitive(body, "gpu"))
				cJSON_Delete(g);
			else if (prices && !cJSON_GetObjectItemCaseSensitive(g, "prices"))
				cJSON_Delete(prices);
			cJSON_Delete(body);
			body = NULL;
			rc = gpuadv_error_set(err, GPUADV_ENOMEM, "out of memory");
		}
		break;
	}
	case GPUADV_CMD_LIST: {
		const struct gpuadv_gpu **gpus;
		struct gpuadv_perf *perf;
		cJSON *arr;
		size_t n;

		if ((rc = gpuadv_engine_list(&gpus, &perf, &n, cat, q, err)))
			break;
		arr = gpuadv_json_gpu_array(cat, gpus, perf, n);
		free(gpus);
		free(perf);
		body = cJSON_CreateObject();
		if (!arr || !body || !cJSON_AddItemToObject(body, "gpus", arr)) {
			cJSON_Delete(arr);
			cJSON_Delete(body);
			body = NULL;
			rc = gpuadv_error_set(err, GPUADV_ENOMEM, "out of memory");
		}
		break;
	}
	case GPUADV_CMD_MEMORY: {
		struct gpuadv_memory_answer *ma = malloc(sizeof(*ma));

		if (!ma) {
			rc = gpuadv_error_set(err, GPUADV_ENOMEM, "out of memory");
			break;
		}
		if ((rc = gpuadv_engine_memory(ma, cat, q, err)) == 0) {
			body = gpuadv_json_memory(cat, ma);
			gpuadv_memory_answer_release(ma);
			if (!body)
				rc = gpuadv_error_set(err, GPUADV_ENOMEM, "out of memory");
		}
		free(ma);
		break;
	}
	case GPUADV_CMD_MODELS:
		if (!cat->models) {
			rc = gpuadv_error_set(err, GPUADV_EINTERNAL, "no model catalogue");
			break;
		}
		if (!(body = gpuadv_json_models(cat->models, q->kind)))
			rc = gpuadv_error_set(err, GPUADV_ENOMEM, "out of memory");
		break;
	case GPUADV_CMD_COUNT:
		rc = gpuadv_error_set(err, GPUADV_EINTERNAL, "unknown command");
		break;
	}
	if ((rc && rc != GPUADV_ENOTFOUND) || !absorb(resp, body)) {
		cJSON_Delete(resp);
		return rc ? rc : gpuadv_error_set(err, GPUADV_ENOMEM, "out of memory");
	}
	*out = resp;
	return rc;
}
