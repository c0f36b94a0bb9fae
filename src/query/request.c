/*
 * request.c - JSON requests for `gpu-advisor query`: parse one request into
 * the engine's query structs (the ones the flags fill), with strict checks
 * (case-sensitive known keys, types, ranges, finite numbers, depth, size, no
 * trailing bytes), run it, and build the response or error object.
 */
#include "gpu_advisor/request.h"

#include <cjson/cJSON.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gpu_advisor/render.h"
#include "jsontext.h"

static int req_fail(struct gpuadv_error *err, int code, const char *kind,
		    const char *field, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));

static int req_fail(struct gpuadv_error *err, int code, const char *kind,
		    const char *field, const char *fmt, ...)
{
	char msg[GPUADV_ERROR_MSG_MAX], name[sizeof(err->field)];
	va_list ap;

	/* field and the arguments may point into err itself: copy first. */
	snprintf(name, sizeof(name), "%s", field ? field : "");
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	gpuadv_error_set(err, code, "%s", msg);
	if (err) {
		err->kind = kind;
		memcpy(err->field, name, sizeof(name));
	}
	return code;
}

#define BAD(err, kind, field, ...) \
	req_fail(err, GPUADV_EDATA, kind, field, __VA_ARGS__)

/* The deepest nesting of [ and { outside strings: checked before cJSON
 * parses, so that a deep request is "too deep", not cJSON's "invalid". */
static size_t text_depth(const char *s, size_t len)
{
	size_t i, depth = 0, most = 0;
	bool in_string = false;

	for (i = 0; i < len; i++) {
		if (in_string) {
			if (s[i] == '\\')
				i++;
			else if (s[i] == '"')
				in_string = false;
		} else if (s[i] == '"') {
			in_string = true;
		} else if (s[i] == '[' || s[i] == '{') {
			if (++depth > most)
				most = depth;
		} else if ((s[i] == ']' || s[i] == '}') && depth) {
			depth--;
		}
	}
	return most;
}

static int depth_of(const cJSON *item)
{
	int d = 0;

	for (item = item ? item->child : NULL; item; item = item->next) {
		int c = depth_of(item);

		if (c > d)
			d = c;
	}
	return d + 1;
}

/* The keys each command takes, besides "id" and "command". */
static const char *const recommend_keys[] = { "workload", "precision", "task",
	"budget_usd", "min_memory_gb", "max_power_w", "segment", "architecture",
	"sort", "top", "prices", NULL };
static const char *const compare_keys[] = { "gpus", "workload", "precision",
	"prices", NULL };
static const char *const show_keys[] = { "gpu", NULL };
static const char *const list_keys[] = { "architecture", "segment",
	"min_memory_gb", "max_price_usd", "sort", "workload", "precision", NULL };

static const struct {
	const char *name;
	enum gpuadv_request_command cmd;
	const char *const *keys;
} commands[] = {
	{ "recommend", GPUADV_REQ_RECOMMEND, recommend_keys },
	{ "compare", GPUADV_REQ_COMPARE, compare_keys },
	{ "show", GPUADV_REQ_SHOW, show_keys },
	{ "list", GPUADV_REQ_LIST, list_keys },
};

static int get_string(const char **out, const cJSON *obj, const char *key,
		      bool required, struct gpuadv_error *err)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);

	*out = NULL;
	if (!v)
		return required ? BAD(err, "missing_key", key, "'%s' is required", key) : 0;
	if (!cJSON_IsString(v))
		return BAD(err, "wrong_type", key, "'%s' must be a string", key);
	*out = v->valuestring;
	return 0;
}

static int get_number(double *out, const cJSON *obj, const char *key, double min,
		      double max, bool integer, struct gpuadv_error *err)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);

	if (!v)
		return 0;
	if (!cJSON_IsNumber(v))
		return BAD(err, "wrong_type", key, "'%s' must be a number", key);
	if (!isfinite(v->valuedouble) || v->valuedouble < min || v->valuedouble > max ||
	    (integer && v->valuedouble != floor(v->valuedouble)))
		return BAD(err, "invalid_value", key, "'%s' must be %s from %g to %g, got %g",
			   key, integer ? "an integer" : "a number", min, max,
			   v->valuedouble);
	*out = v->valuedouble;
	return 0;
}

static int find_gpu(const struct gpuadv_gpu **out, const struct gpuadv_catalog *cat,
		    const char *name, const char *field, struct gpuadv_error *err)
{
	*out = gpuadv_catalog_find_gpu(cat, name, err);
	if (*out)
		return 0;
	return req_fail(err, GPUADV_EDATA, "unknown_gpu", field, "%s", err->message);
}

static int get_workload(const struct gpuadv_workload **out,
			const struct gpuadv_catalog *cat, const cJSON *obj,
			bool required, struct gpuadv_error *err)
{
	const char *s;
	int rc = get_string(&s, obj, "workload", required, err);

	*out = NULL;
	if (rc || !s)
		return rc;
	*out = gpuadv_catalog_find_workload(cat, s);
	if (!*out)
		return req_fail(err, GPUADV_EDATA, "unknown_workload", "workload",
				"unknown workload '%.100s'", s);
	return 0;
}

static int get_precision(int *out, const cJSON *obj, struct gpuadv_error *err)
{
	const char *s;
	int rc = get_string(&s, obj, "precision", false, err);

	if (rc || !s)
		return rc;
	*out = gpuadv_precision_parse(s);
	if (*out != GPUADV_FP32 && *out != GPUADV_TF32 && *out != GPUADV_FP16 &&
	    *out != GPUADV_BF16 && *out != GPUADV_INT8 && *out != GPUADV_FP8)
		return BAD(err, "invalid_value", "precision",
			   "'precision' must be fp32, tf32, fp16, bf16, int8 or fp8, got '%.100s'", s);
	return 0;
}

static int get_segment(int *out, const cJSON *obj, struct gpuadv_error *err)
{
	const char *s;
	int rc = get_string(&s, obj, "segment", false, err);

	if (rc || !s)
		return rc;
	if ((*out = gpuadv_segment_parse(s)) < 0)
		return BAD(err, "invalid_value", "segment",
			   "'segment' must be consumer, workstation or datacenter, got '%.100s'", s);
	return 0;
}

static int get_arch(const struct gpuadv_arch **out, const struct gpuadv_catalog *cat,
		    const cJSON *obj, struct gpuadv_error *err)
{
	const char *s;
	int rc = get_string(&s, obj, "architecture", false, err);

	if (rc || !s)
		return rc;
	if (!(*out = gpuadv_catalog_find_arch(cat, s)))
		return BAD(err, "invalid_value", "architecture",
			   "unknown architecture '%.100s'", s);
	return 0;
}

static int get_prices(struct gpuadv_query *q, const struct gpuadv_catalog *cat,
		      const cJSON *obj, struct gpuadv_error *err)
{
	const cJSON *prices = cJSON_GetObjectItemCaseSensitive(obj, "prices"), *p;
	const struct gpuadv_gpu *g;
	int rc;

	if (!prices)
		return 0;
	if (!cJSON_IsObject(prices))
		return BAD(err, "wrong_type", "prices",
			   "'prices' must be an object of GPU: USD");
	cJSON_ArrayForEach(p, prices) {
		if (!cJSON_IsNumber(p))
			return BAD(err, "wrong_type", "prices",
				   "the price of '%.100s' must be a number", p->string);
		if (!isfinite(p->valuedouble) ||
		    p->valuedouble < 1 || p->valuedouble > 1e9)
			return BAD(err, "invalid_value", "prices",
				   "the price of '%.100s' must be a number from 1 to 1e9",
				   p->string);
		if ((rc = find_gpu(&g, cat, p->string, "prices", err)))
			return rc;
		if ((rc = gpuadv_query_add_price(q, g, p->valuedouble, "override", false, err)))
			return req_fail(err, GPUADV_EDATA, "invalid_value", "prices", "%s",
					err->message);
	}
	return 0;
}

static int parse_recommend(struct gpuadv_request *r, const struct gpuadv_catalog *cat,
			   const cJSON *o, struct gpuadv_error *err)
{
	struct gpuadv_query *q = &r->query;
	const char *s;
	double top = 0;
	int rc;

	if ((rc = get_workload(&q->workload, cat, o, true, err)) ||
	    (rc = get_precision(&q->precision, o, err)) ||
	    (rc = get_number(&q->budget_usd, o, "budget_usd", 1, 1e9, false, err)) ||
	    (rc = get_number(&q->min_memory_gb, o, "min_memory_gb", 0, 1e5, false, err)) ||
	    (rc = get_number(&q->max_power_w, o, "max_power_w", 1, 1e5, false, err)) ||
	    (rc = get_number(&top, o, "top", 0, 100000, true, err)) ||
	    (rc = get_segment(&q->segment, o, err)) ||
	    (rc = get_arch(&q->arch, cat, o, err)) ||
	    (rc = get_prices(q, cat, o, err)))
		return rc;
	q->top = (size_t)top;
	if ((rc = get_string(&s, o, "task", false, err)))
		return rc;
	if (s && (q->task = gpuadv_task_parse(s)) < 0)
		return BAD(err, "invalid_value", "task", "'task' must be train or infer, got '%.100s'", s);
	if ((rc = get_string(&s, o, "sort", false, err)))
		return rc;
	if (s) {
		if (!strcmp(s, "perf"))
			q->sort = GPUADV_SORT_PERF;
		else if (!strcmp(s, "value"))
			q->sort = GPUADV_SORT_VALUE;
		else if (!strcmp(s, "memory"))
			q->sort = GPUADV_SORT_MEMORY;
		else
			return BAD(err, "invalid_value", "sort",
				   "'sort' must be perf, value or memory, got '%.100s'", s);
	}
	if ((rc = gpuadv_query_validate(q, err)))
		return req_fail(err, GPUADV_EDATA, "invalid_value", err->field, "%s",
				err->message);
	return 0;
}

static int parse_compare(struct gpuadv_request *r, const struct gpuadv_catalog *cat,
			 const cJSON *o, struct gpuadv_error *err)
{
	const cJSON *gpus = cJSON_GetObjectItemCaseSensitive(o, "gpus"), *g;
	size_t i;
	int rc;

	if (!gpus)
		return BAD(err, "missing_key", "gpus", "'gpus' is required");
	if (!cJSON_IsArray(gpus))
		return BAD(err, "wrong_type", "gpus", "'gpus' must be an array of GPU names");
	cJSON_ArrayForEach(g, gpus) {
		if (!cJSON_IsString(g))
			return BAD(err, "wrong_type", "gpus", "'gpus' must be an array of GPU names");
		if (r->gpu_count == GPUADV_COMPARE_MAX)
			return BAD(err, "invalid_value", "gpus", "'gpus' holds at most %d GPUs",
				   GPUADV_COMPARE_MAX);
		if ((rc = find_gpu(&r->gpus[r->gpu_count], cat, g->valuestring, "gpus", err)))
			return rc;
		for (i = 0; i < r->gpu_count; i++)
			if (r->gpus[i] == r->gpus[r->gpu_count])
				return BAD(err, "invalid_value", "gpus", "'%s' is named twice",
					   r->gpus[i]->id);
		r->gpu_count++;
	}
	if (r->gpu_count < 2)
		return BAD(err, "invalid_value", "gpus", "'gpus' needs 2 to %d GPUs",
			   GPUADV_COMPARE_MAX);
	if ((rc = get_workload(&r->workload, cat, o, false, err)) ||
	    (rc = get_precision(&r->precision, o, err)) ||
	    (rc = get_prices(&r->query, cat, o, err)))
		return rc;
	return 0;
}

static int parse_list(struct gpuadv_request *r, const struct gpuadv_catalog *cat,
		      const cJSON *o, struct gpuadv_error *err)
{
	struct gpuadv_list_query *q = &r->list;
	const char *s;
	int rc;

	if ((rc = get_arch(&q->arch, cat, o, err)) || (rc = get_segment(&q->segment, o, err)) ||
	    (rc = get_number(&q->min_memory_gb, o, "min_memory_gb", 0, 1e5, false, err)) ||
	    (rc = get_number(&q->max_price_usd, o, "max_price_usd", 0, 1e9, false, err)) ||
	    (rc = get_workload(&q->workload, cat, o, false, err)) ||
	    (rc = get_precision(&q->precision, o, err)) ||
	    (rc = get_string(&s, o, "sort", false, err)))
		return rc;
	if (s) {
		int sort = gpuadv_list_sort_parse(s);

		if (sort < 0)
			return BAD(err, "invalid_value", "sort",
				   "'sort' must be catalog, name, price, year, memory, bandwidth, fp32, fp16 or power, got '%.100s'", s);
		q->sort = sort;
	}
	if (q->precision >= 0 && !q->workload)
		return BAD(err, "invalid_value", "precision", "'precision' needs 'workload'");
	return 0;
}

int gpuadv_request_parse(struct gpuadv_request *out, const struct gpuadv_catalog *cat,
			 const char *text, size_t len, struct gpuadv_error *err)
{
	const cJSON *cmd, *id, *k, *k2;
	const char *end = NULL, *name;
	cJSON *root = NULL;
	size_t c, i;
	int rc = 0;

	memset(out, 0, sizeof(*out));
	gpuadv_query_init(&out->query);
	gpuadv_list_query_init(&out->list);
	out->precision = -1;
	if (len > GPUADV_REQUEST_MAX_BYTES)
		return BAD(err, "too_large", NULL, "request longer than %u bytes",
			   GPUADV_REQUEST_MAX_BYTES);
	if ((rc = gpuadv__jsontext_check(text, len, err)))
		return rc; /* not UTF-8, a NUL: jsontext.c */
	if (text_depth(text, len) > GPUADV_REQUEST_MAX_DEPTH)
		return BAD(err, "too_deep", NULL, "request nested deeper than %d levels",
			   GPUADV_REQUEST_MAX_DEPTH);
	root = cJSON_ParseWithLengthOpts(text, len, &end, 0);
	if (!root) {
		const char *at = cJSON_GetErrorPtr();
		size_t off = at && at >= text && at <= text + len ? (size_t)(at - text) : 0;

		return BAD(err, "invalid_json", NULL, "invalid JSON at byte %zu", off + 1);
	}
	for (; end && end < text + len; end++) {
		if (*end != ' ' && *end != '\t' && *end != '\r' && *end != '\n') {
			rc = BAD(err, "invalid_json", NULL, "unexpected bytes after the JSON value at byte %zu",
				 (size_t)(end - text) + 1);
			goto done;
		}
	}
	if (!cJSON_IsObject(root)) {
		rc = BAD(err, "not_an_object", NULL, "a request must be a JSON object");
		goto done;
	}
	/* The id first, so that even a bad request's error carries it. */
	id = cJSON_GetObjectItemCaseSensitive(root, "id");
	if (id) {
		if (!(cJSON_IsString(id) || (cJSON_IsNumber(id) && isfinite(id->valuedouble)) ||
		      cJSON_IsNull(id))) {
			rc = BAD(err, "wrong_type", "id", "'id' must be a string or a number");
			goto done;
		}
		out->id = cJSON_Duplicate(id, 0);
		if (!out->id) {
			rc = gpuadv_error_set(err, GPUADV_ENOMEM, "out of memory");
			goto done;
		}
	}
	if (depth_of(root) > GPUADV_REQUEST_MAX_DEPTH) {
		rc = BAD(err, "too_deep", NULL, "request nested deeper than %d levels",
			 GPUADV_REQUEST_MAX_DEPTH);
		goto done;
	}
	cmd = cJSON_GetObjectItemCaseSensitive(root, "command");
	if (!cmd) {
		rc = BAD(err, "missing_key", "command", "'command' is required");
		goto done;
	}
	if (!cJSON_IsString(cmd)) {
		rc = BAD(err, "wrong_type", "command", "'command' must be a string");
		goto done;
	}
	for (c = 0; c < sizeof(commands) / sizeof(*commands); c++)
		if (!strcmp(commands[c].name, cmd->valuestring))
			break;
	if (c == sizeof(commands) / sizeof(*commands)) {
		rc = BAD(err, "invalid_value", "command",
			 "unknown command '%.100s'; expected recommend, compare, show or list",
			 cmd->valuestring);
		goto done;
	}
	out->command = commands[c].cmd;
	cJSON_ArrayForEach(k, root) {
		name = k->string;
		for (k2 = root->child; k2 != k; k2 = k2->next)
			if (!strcmp(k2->string, name)) {
				rc = BAD(err, "invalid_json", name, "key '%.100s' given twice", name);
				goto done;
			}
		if (!strcmp(name, "id") || !strcmp(name, "command"))
			continue;
		for (i = 0; commands[c].keys[i] && strcmp(commands[c].keys[i], name); i++)
			;
		if (!commands[c].keys[i]) {
			rc = BAD(err, "unknown_key", name, "unknown key '%.100s' for '%s'", name,
				 commands[c].name);
			goto done;
		}
	}
	switch (out->command) {
	case GPUADV_REQ_RECOMMEND:
		rc = parse_recommend(out, cat, root, err);
		break;
	case GPUADV_REQ_COMPARE:
		rc = parse_compare(out, cat, root, err);
		break;
	case GPUADV_REQ_SHOW:
		if ((rc = get_string(&name, root, "gpu", true, err)) == 0)
			rc = find_gpu(&out->gpu, cat, name, "gpu", err);
		break;
	case GPUADV_REQ_LIST:
		rc = parse_list(out, cat, root, err);
		break;
	}
done:
	cJSON_Delete(root);
	return rc;
}

void gpuadv_request_release(struct gpuadv_request *req)
{
	if (!req)
		return;
	cJSON_Delete(req->id);
	req->id = NULL;
}

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

cJSON *gpuadv_request_error_json(const cJSON *id, const struct gpuadv_error *err)
{
	cJSON *resp = response_head(id, NULL), *e = cJSON_CreateObject();
	const char *kind = err->kind ? err->kind : err->code == GPUADV_ENOTFOUND ? "no_match"
						 : err->code == GPUADV_ENOMEM ? "out_of_memory"
						 : "internal";

	if (!resp || !e || !cJSON_AddItemToObject(resp, "error", e))
		goto fail;
	e = NULL;
	if (!cJSON_AddStringToObject(cJSON_GetObjectItemCaseSensitive(resp, "error"), "code", kind) ||
	    !cJSON_AddStringToObject(cJSON_GetObjectItemCaseSensitive(resp, "error"), "message",
				     err->message) ||
	    !(err->field[0]
		      ? cJSON_AddStringToObject(cJSON_GetObjectItemCaseSensitive(resp, "error"),
						"field", err->field)
		      : cJSON_AddNullToObject(cJSON_GetObjectItemCaseSensitive(resp, "error"),
					      "field")))
		goto fail;
	return resp;
fail:
	cJSON_Delete(e);
	cJSON_Delete(resp);
	return NULL;
}

int gpuadv_request_run(cJSON **out, const struct gpuadv_catalog *cat,
		       const struct gpuadv_request *req, struct gpuadv_error *err)
{
	static const char *const names[] = { "recommend", "compare", "show", "list" };
	cJSON *resp = response_head(req->id, names[req->command]), *body = NULL;
	int rc = 0;

	*out = NULL;
	if (!resp)
		return gpuadv_error_set(err, GPUADV_ENOMEM, "out of memory");
	switch (req->command) {
	case GPUADV_REQ_RECOMMEND: {
		struct gpuadv_recommendation rec;
		char why[GPUADV_ERROR_MSG_MAX];

		rc = gpuadv_engine_recommend(&rec, cat, &req->query, err);
		if (rc && rc != GPUADV_ENOTFOUND)
			break;
		body = gpuadv_json_recommendation(cat, &rec);
		if (rc == GPUADV_ENOTFOUND) {
			struct gpuadv_error e2;

			gpuadv_recommendation_explain(why, sizeof(why), &rec);
			gpuadv_error_set(&e2, GPUADV_ENOTFOUND, "%s", why);
			gpuadv_error_set(err, GPUADV_ENOTFOUND, "%s", why);
			e2.kind = "no_match";
			e2.field[0] = '\0';
			if (body) {
				cJSON *eo = gpuadv_request_error_json(NULL, &e2);
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
	case GPUADV_REQ_COMPARE: {
		struct gpuadv_comparison cmp;

		rc = gpuadv_engine_compare(&cmp, cat, req->gpus, req->gpu_count, req->workload,
					   req->precision, &req->query, err);
		if (rc)
			break;
		body = gpuadv_json_comparison(cat, &cmp);
		gpuadv_comparison_release(&cmp);
		if (!body)
			rc = gpuadv_error_set(err, GPUADV_ENOMEM, "out of memory");
		break;
	}
	case GPUADV_REQ_SHOW:
		body = cJSON_CreateObject();
		if (!body || !cJSON_AddItemToObject(body, "gpu", gpuadv_json_gpu(req->gpu))) {
			cJSON_Delete(body);
			body = NULL;
			rc = gpuadv_error_set(err, GPUADV_ENOMEM, "out of memory");
		}
		break;
	case GPUADV_REQ_LIST: {
		const struct gpuadv_gpu **gpus;
		struct gpuadv_perf *perf;
		cJSON *arr;
		size_t n;

		if ((rc = gpuadv_engine_list(&gpus, &perf, &n, cat, &req->list, err)))
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
	}
	if ((rc && rc != GPUADV_ENOTFOUND) || !absorb(resp, body)) {
		cJSON_Delete(resp);
		return rc ? rc : gpuadv_error_set(err, GPUADV_ENOMEM, "out of memory");
	}
	*out = resp;
	return rc;
}
