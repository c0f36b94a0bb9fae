/*
 * request.c - JSON requests for `gpu-advisor query`: parse one request into
 * the query struct the flags fill, with strict checks (case-sensitive known
 * keys from the parameter table, types, depth, size, no trailing bytes),
 * then the one validator (ranges, finite numbers, choices). Answering is
 * render/answer.c's.
 */
#include "gpu_advisor/request.h"

#include <cjson/cJSON.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gpu_advisor/params.h"
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
		err->param = 0;
		memcpy(err->field, name, sizeof(name));
	}
	return code;
}

#define BAD(err, kind, field, ...) \
	req_fail(err, GPUADV_EDATA, kind, field, __VA_ARGS__)
/* A parameter's value of the wrong JSON type. */
#define WRONG(err, p, ...) \
	gpuadv_param_fail(err, GPUADV_EDATA, "wrong_type", p, GPUADV_NAMING_KEY, __VA_ARGS__)

/* A parameter's failure, as a request reports it: bad data (65), with the
 * kind, key and row the query layer recorded. */
static int as_data(struct gpuadv_error *err, int rc)
{
	if (rc && rc != GPUADV_ENOMEM && err)
		err->code = rc = GPUADV_EDATA;
	return rc;
}

static int set_string(struct gpuadv_query *q, const struct gpuadv_catalog *cat,
		      const struct gpuadv_param_def *p, const cJSON *v,
		      struct gpuadv_error *err)
{
	if (!cJSON_IsString(v))
		return WRONG(err, p, "'%s' must be a string", p->key);
	return gpuadv_param_set_text(q, cat, p, v->valuestring, GPUADV_NAMING_KEY, err);
}

static int set_prices(struct gpuadv_query *q, const struct gpuadv_catalog *cat,
		      const struct gpuadv_param_def *p, const cJSON *prices,
		      struct gpuadv_error *err)
{
	const struct gpuadv_gpu *g;
	const cJSON *v;
	int rc;

	if (!cJSON_IsObject(prices))
		return WRONG(err, p, "'%s' must be an object of GPU: USD", p->key);
	cJSON_ArrayForEach(v, prices) {
		if (!cJSON_IsNumber(v))
			return WRONG(err, p, "the price of '%.100s' must be a number", v->string);
		if (!(g = gpuadv_catalog_find_gpu(cat, v->string, err)))
			return gpuadv_param_fail(err, GPUADV_EDATA, "unknown_gpu", p,
						 GPUADV_NAMING_KEY, "%s", err->message);
		if ((rc = gpuadv_param_check_number(p, v->valuedouble, NULL, v->string,
						    GPUADV_NAMING_KEY, err)) ||
		    (rc = gpuadv_query_add_price(q, g, v->valuedouble, "override", false,
						 GPUADV_NAMING_KEY, err)))
			return rc;
	}
	return 0;
}

/* Set p from the request's value v, by p's type. */
static int set_param(struct gpuadv_query *q, const struct gpuadv_catalog *cat,
		     const struct gpuadv_param_def *p, const cJSON *v,
		     struct gpuadv_error *err)
{
	const cJSON *item;
	double d;
	int rc;

	switch (p->type) {
	case GPUADV_PT_NUMBER:
	case GPUADV_PT_INTEGER:
		if (!cJSON_IsNumber(v))
			return WRONG(err, p, "'%s' must be a number", p->key);
		d = v->valuedouble + 0.0; /* -0 is 0; bounds are the validator's */
		memcpy((char *)q + p->offset, &d, sizeof(d));
		return 0;
	case GPUADV_PT_CHOICE:
	case GPUADV_PT_WORKLOAD:
	case GPUADV_PT_ARCH:
	case GPUADV_PT_GPU:
	case GPUADV_PT_MODEL:
	case GPUADV_PT_QUANT:
	case GPUADV_PT_UPGRADE:
	case GPUADV_PT_ON:
		return set_string(q, cat, p, v, err);
	case GPUADV_PT_FLAG:
		if (!cJSON_IsBool(v))
			return WRONG(err, p, "'%s' must be true or false", p->key);
		rc = cJSON_IsTrue(v) ? 1 : 0;
		memcpy((char *)q + p->offset, &rc, sizeof(rc));
		return 0;
	case GPUADV_PT_AMOUNT:
		if (cJSON_IsString(v))
			return set_string(q, cat, p, v, err);
		if (!cJSON_IsNumber(v))
			return WRONG(err, p, "'%s' must be a number or a count like \"13b\"", p->key);
		d = v->valuedouble + 0.0;
		memcpy((char *)q + p->offset, &d, sizeof(d));
		return 0;
	case GPUADV_PT_GPU_LIST:
		if (!cJSON_IsArray(v))
			return WRONG(err, p, "'%s' must be an array of GPU names",
				   p->key);
		cJSON_ArrayForEach(item, v) {
			if (!cJSON_IsString(item))
				return WRONG(err, p, "'%s' must be an array of GPU names", p->key);
			if ((rc = set_string(q, cat, p, item, err)))
				return rc;
		}
		return 0;
	case GPUADV_PT_PRICES:
		return set_prices(q, cat, p, v, err);
	}
	return gpuadv_error_set(err, GPUADV_EINTERNAL, "parameter type %d", (int)p->type);
}

/* Every key the command takes, in the table's order, then the validator. */
static int parse_params(struct gpuadv_query *q, const struct gpuadv_catalog *cat,
			const cJSON *root, struct gpuadv_error *err)
{
	unsigned bit = GPUADV_CMD_BIT(q->command);
	int id, rc;

	for (id = 1; id < GPUADV_P_COUNT; id++) {
		const struct gpuadv_param_def *p = gpuadv_param((enum gpuadv_param)id);
		const cJSON *v;

		if (!(p->commands & bit))
			continue;
		v = cJSON_GetObjectItemCaseSensitive(root, p->key);
		if (!v) {
			if (p->required & bit)
				return gpuadv_param_fail(err, GPUADV_EDATA, "missing_key", p,
							 GPUADV_NAMING_KEY, "'%s' is required", p->key);
			continue;
		}
		if ((rc = set_param(q, cat, p, v, err)))
			return as_data(err, rc);
	}
	return as_data(err, gpuadv_query_validate(q, GPUADV_NAMING_KEY, err));
}

/* Keep the id's text for the answer when the text is JSON at all: a
 * request cut short has no id to echo. cJSON has not parsed it yet when the
 * request was refused first (not UTF-8, a \u0000, too deep); parsed: take
 * the scan's word for it (a request too large to parse). */
static void keep_id_text(struct gpuadv_request *out, const struct gpuadv__jsontext *jt,
			 const char *text, size_t len, bool parsed)
{
	cJSON *whole;

	if (jt->id_len == 0)
		return;
	if (!parsed) {
		if (!(whole = cJSON_ParseWithLength(text, len)))
			return;
		cJSON_Delete(whole);
	}
	out->id_at = jt->id_at;
	out->id_len = jt->id_len;
}

/* Whether the text, after white space, opens an object. */
static bool starts_object(const char *text, size_t len)
{
	size_t i = 0;

	while (i < len && (text[i] == ' ' || text[i] == '\t' || text[i] == '\r' || text[i] == '\n'))
		i++;
	return i < len && text[i] == '{';
}

int gpuadv_request_parse(struct gpuadv_request *out, const struct gpuadv_catalog *cat,
			 const char *text, size_t len, struct gpuadv_error *err)
{
	const cJSON *cmd, *id, *k, *k2;
	const char *end = NULL, *name;
	struct gpuadv__jsontext jt;
	cJSON *root = NULL;
	int c, rc = 0;

	memset(out, 0, sizeof(*out));
	gpuadv_query_init(&out->query, GPUADV_CMD_RECOMMEND);
	if (len > GPUADV_REQUEST_MAX_BYTES) {
		/* Refused unread, but its id still answers for it where the
		 * scan found one validly written at the top level: the text
		 * cannot be checked whole (the reader may hold only its start,
		 * as `query` does with a line longer than its window). */
		gpuadv__jsontext_scan(text, len, &jt, NULL);
		if (starts_object(text, len))
			keep_id_text(out, &jt, text, len, true);
		return BAD(err, "too_large", NULL, "request longer than %u bytes",
			   GPUADV_REQUEST_MAX_BYTES);
	}
	/* One pass: not UTF-8, a NUL (jsontext.c), the depth, the id's text. */
	if ((rc = gpuadv__jsontext_scan(text, len, &jt, err))) {
		keep_id_text(out, &jt, text, len, false);
		return rc;
	}
	/* Before cJSON parses: a deep request is "too deep", not "invalid". */
	if (jt.depth > GPUADV_REQUEST_MAX_DEPTH) {
		keep_id_text(out, &jt, text, len, false);
		return BAD(err, "too_deep", NULL, "request nested deeper than %d levels",
			   GPUADV_REQUEST_MAX_DEPTH);
	}
	root = cJSON_ParseWithLengthOpts(text, len, &end, 0);
	if (!root) {
		/* cJSON points end at the failure too; its global error pointer
		 * is process-wide state the core does not read. */
		size_t off = end && end >= text && end <= text + len ? (size_t)(end - text) : 0;

		return BAD(err, "invalid_json", NULL, "invalid JSON at byte %zu", off + 1);
	}
	keep_id_text(out, &jt, text, len, true);
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
	/* Counted as cJSON's tree has it: a member is a level below its
	 * object, so {"a":{"b":{"c":[1]}}} is 5 levels though 4 brackets. */
	if (jt.levels > GPUADV_REQUEST_MAX_DEPTH) {
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
	if ((c = gpuadv_command_parse(cmd->valuestring)) < 0) {
		rc = BAD(err, "invalid_value", "command",
			 "unknown command '%.100s'; expected recommend, compare, show, list, "
			 "memory or models",
			 cmd->valuestring);
		goto done;
	}
	gpuadv_query_init(&out->query, (enum gpuadv_command)c);
	cJSON_ArrayForEach(k, root) {
		name = k->string;
		for (k2 = root->child; k2 != k; k2 = k2->next)
			if (!strcmp(k2->string, name)) {
				rc = BAD(err, "invalid_json", name, "key '%.100s' given twice", name);
				goto done;
			}
		if (!strcmp(name, "id") || !strcmp(name, "command"))
			continue;
		if (!gpuadv_param_by_key(name, (enum gpuadv_command)c)) {
			rc = BAD(err, "unknown_key", name, "unknown key '%.100s' for '%s'", name,
				 gpuadv_command_name((enum gpuadv_command)c));
			goto done;
		}
	}
	rc = parse_params(&out->query, cat, root, err);
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

int gpuadv_request_echo_id(struct cJSON *resp, const struct gpuadv_request *req,
			   const char *text)
{
	char *copy;
	cJSON *raw;

	if (!resp || !req->id_len || !cJSON_GetObjectItemCaseSensitive(resp, "id"))
		return 0;
	copy = malloc(req->id_len + 1);
	if (!copy)
		return GPUADV_ENOMEM;
	memcpy(copy, text + req->id_at, req->id_len);
	copy[req->id_len] = '\0';
	raw = cJSON_CreateRaw(copy);
	free(copy);
	if (!raw || !cJSON_ReplaceItemInObjectCaseSensitive(resp, "id", raw)) {
		cJSON_Delete(raw);
		return GPUADV_ENOMEM;
	}
	return 0;
}
