/*
 * test_request.c - JSON requests (request.h): gpuadv_request_parse,
 * gpuadv_request_run and gpuadv_request_error_json, on the fixture
 * catalogue tests/fixtures/engine.yaml (read with fopen, so the suite does
 * not depend on the built-in catalogue; its header lists the GPUs).
 *
 * The table cases[] gives request lines (each row its own cmocka test,
 * named after it) and what parsing them must give:
 * the return code, err->kind (the JSON error code of docs/ci.md) and
 * err->field, and the id the answer echoes. A line that parses is also run,
 * and its answer checked for {"id", "schema_version", "command", ...} and
 * the command's main member; a line that does not has its error object
 * checked. Inputs better made than stored (a line over
 * GPUADV_REQUEST_MAX_BYTES, deep nesting) are generated. Further tests look
 * into the answers of each command and the no-match answer.
 *
 * Rows and tests marked "Regression:" caught a defect in code outside the
 * tests, since fixed; they keep it fixed.
 */
#include <cjson/cJSON.h>
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "gpu_advisor/catalog.h"
#include "testutil.h"
#include "gpu_advisor/engine.h"
#include "gpu_advisor/render.h"
#include "gpu_advisor/request.h"

static struct gpuadv_catalog cat;

/* What a test holds, released by the teardown even when a check fails. */
static struct gpuadv_request req;
static cJSON *resp;
static char *text_buf, *printed;
static cJSON *id_held;

static int setup(void **state)
{
	(void)state;
	if (test_load_catalog(&cat, GPUADV_FIXTURES "/engine.yaml"))
		return -1;
	return cat.gpu_count == 8 ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	gpuadv_catalog_release(&cat);
	return 0;
}

static int release_held(void **state)
{
	(void)state;
	gpuadv_request_release(&req);
	cJSON_Delete(resp);
	resp = NULL;
	free(text_buf);
	text_buf = NULL;
	cJSON_free(printed);
	printed = NULL;
	cJSON_Delete(id_held);
	id_held = NULL;
	return 0;
}

/* ---- the table ------------------------------------------------------------ */

struct req_case {
	const char *name;
	const char *text;
	int rc;             /* gpuadv_request_parse's */
	const char *kind;   /* err->kind when rc != 0 */
	const char *field;  /* err->field when rc != 0 ("" for none) */
	const char *id;     /* the id echoed, printed by cJSON; "null" for none */
	const char *msg;    /* a substring of err->message, or NULL */
	int run_rc;         /* when rc == 0: gpuadv_request_run's */
	const char *member; /* when rc == 0: a member the answer has */
};

#define OK 0
#define BAD GPUADV_EDATA

static const struct req_case cases[] = {
	/* each command, valid */
	{ "recommend, every key", "{\"id\": \"ci-1\", \"command\": \"recommend\", \"workload\": \"cnn\", \"budget_usd\": 1500, \"min_memory_gb\": 16, \"precision\": \"fp16\", \"task\": \"train\", \"max_power_w\": 500, \"segment\": \"consumer\", \"architecture\": \"ampere\", \"sort\": \"value\", \"top\": 3, \"prices\": {\"rtx3090\": 700}}",
	  OK, NULL, NULL, "\"ci-1\"", NULL, 0, "results" },
	{ "recommend, workload only", "{\"command\":\"recommend\",\"workload\":\"llm-inference\"}", OK, NULL, NULL, "null", NULL, 0, "picks" },
	{ "recommend, nothing matches", "{\"id\":\"nm\",\"command\":\"recommend\",\"workload\":\"cnn\",\"budget_usd\":50}", OK, NULL, NULL, "\"nm\"", NULL, GPUADV_ENOTFOUND, "error" },
	{ "compare", "{\"id\": 2, \"command\": \"compare\", \"gpus\": [\"rtx3090\", \"a100\"], \"workload\": \"transformer\", \"precision\": \"bf16\", \"prices\": {\"a100\": 9000}}", OK, NULL, NULL, "2", NULL, 0, "workloads" },
	{ "compare, every workload", "{\"command\":\"compare\",\"gpus\":[\"RTX 3090\",\"rtx-4090\"]}", OK, NULL, NULL, "null", NULL, 0, "workloads" },
	{ "compare, eight GPUs", "{\"command\":\"compare\",\"gpus\":[\"rtx-3090\",\"a100-40gb-pcie\",\"gtx-1080-ti\",\"rtx-2080-ti\",\"rtx-4090\",\"twin-a\",\"twin-b\",\"p100\"],\"workload\":\"cnn\"}", OK, NULL, NULL, "null", NULL, 0, "workloads" },
	{ "show", "{\"id\":\"s\",\"command\":\"show\",\"gpu\":\"RTX 3090\"}", OK, NULL, NULL, "\"s\"", NULL, 0, "gpu" },
	{ "list, every key", "{\"command\":\"list\",\"architecture\":\"ampere\",\"segment\":\"consumer\",\"min_memory_gb\":24,\"max_price_usd\":1000,\"sort\":\"price\",\"workload\":\"cnn\",\"precision\":\"fp16\"}", OK, NULL, NULL, "null", NULL, 0, "gpus" },
	{ "list, nothing", "{\"command\":\"list\"}", OK, NULL, NULL, "null", NULL, 0, "gpus" },
	{ "id null", "{\"id\":null,\"command\":\"show\",\"gpu\":\"3090\"}", OK, NULL, NULL, "null", NULL, 0, "gpu" },
	{ "id fractional", "{\"id\":1.5,\"command\":\"show\",\"gpu\":\"3090\"}", OK, NULL, NULL, "1.5", NULL, 0, "gpu" },
	{ "whitespace around", " \t{\"command\":\"show\",\"gpu\":\"3090\"}\r\n", OK, NULL, NULL, "null", NULL, 0, "gpu" },
	{ "nesting at the limit", "{\"command\":\"recommend\",\"workload\":\"cnn\",\"prices\":{\"rtx3090\":700}}", OK, NULL, NULL, "null", NULL, 0, "results" },

	/* malformed JSON */
	{ "empty", "", BAD, "invalid_json", "", "null", NULL, 0, NULL },
	{ "blank", "   \n", BAD, "invalid_json", "", "null", NULL, 0, NULL },
	{ "unterminated", "{\"id\":\"u\",\"command\":", BAD, "invalid_json", "", "null", "invalid JSON at byte", 0, NULL },
	{ "single quotes", "{'command':'list'}", BAD, "invalid_json", "", "null", NULL, 0, NULL },
	{ "trailing comma", "{\"command\":\"list\",}", BAD, "invalid_json", "", "null", NULL, 0, NULL },
	{ "NaN literal", "{\"command\":\"list\",\"min_memory_gb\":NaN}", BAD, "invalid_json", "", "null", NULL, 0, NULL },
	{ "trailing garbage", "{\"id\":\"t\",\"command\":\"list\"} x", BAD, "invalid_json", "", "null", "after the JSON value", 0, NULL },
	{ "two objects", "{\"command\":\"list\"}{\"command\":\"list\"}", BAD, "invalid_json", "", "null", NULL, 0, NULL },
	/* cJSON is lax where RFC 8259 is not: strict readers refuse these */
	/* The error's byte comes from cJSON's end pointer (not its global one). */
	{ "trailing comma", "{\"command\":\"list\",}", BAD, "invalid_json", "", "null", "invalid JSON at byte 19", 0, NULL },
	{ "missing colon", "{\"command\" \"list\"}", BAD, "invalid_json", "", "null", "invalid JSON at byte 12", 0, NULL },
	{ "leading zero", "{\"command\":\"recommend\",\"workload\":\"cnn\",\"top\":007}", BAD, "invalid_json", "", "null", "malformed number at byte 47", 0, NULL },
	{ "leading zero in an id", "{\"id\":01,\"command\":\"list\"}", BAD, "invalid_json", "", "null", "malformed number at byte 7", 0, NULL },
	{ "bare trailing point", "{\"command\":\"list\",\"min_memory_gb\":1.}", BAD, "invalid_json", "", "null", "malformed number", 0, NULL },
	{ "minus alone", "{\"command\":\"list\",\"min_memory_gb\":-}", BAD, "invalid_json", "", "null", "malformed number", 0, NULL },
	{ "exponent without digits", "{\"command\":\"list\",\"min_memory_gb\":1e}", BAD, "invalid_json", "", "null", "malformed number", 0, NULL },
	{ "ESC as white space", "\x1b{\"command\":\"list\"}", BAD, "invalid_json", "", "null", "control character at byte 1", 0, NULL },
	{ "form feed between members", "{\"command\":\"list\",\f\"segment\":\"consumer\"}", BAD, "invalid_json", "", "null", "control character at byte 19", 0, NULL },
	{ "valid numbers", "{\"command\":\"list\",\"min_memory_gb\":0.5e+1,\"max_price_usd\":-0}", OK, NULL, NULL, "null", NULL, 0, "gpus" },
	{ "zero, exponent", "{\"id\":0,\"command\":\"list\",\"min_memory_gb\":1E1}", OK, NULL, NULL, "0", NULL, 0, "gpus" },

	/* not an object */
	{ "array", "[{\"command\":\"list\"}]", BAD, "not_an_object", "", "null", NULL, 0, NULL },
	{ "string", "\"list\"", BAD, "not_an_object", "", "null", NULL, 0, NULL },
	{ "number", "42", BAD, "not_an_object", "", "null", NULL, 0, NULL },
	{ "null", "null", BAD, "not_an_object", "", "null", NULL, 0, NULL },

	/* keys: missing, unknown, case-sensitive, duplicated */
	{ "empty object", "{}", BAD, "missing_key", "command", "null", NULL, 0, NULL },
	{ "id only", "{\"id\":\"a\"}", BAD, "missing_key", "command", "\"a\"", NULL, 0, NULL },
	{ "unknown command", "{\"command\":\"frobnicate\"}", BAD, "invalid_value", "command", "null", "unknown command 'frobnicate'", 0, NULL },
	{ "unknown key", "{\"id\":\"k1\",\"command\":\"recommend\",\"workload\":\"cnn\",\"budget\":1500}", BAD, "unknown_key", "budget", "\"k1\"", "unknown key 'budget' for 'recommend'", 0, NULL },
	{ "another command's key", "{\"id\":9,\"command\":\"list\",\"gpu\":\"3090\"}", BAD, "unknown_key", "gpu", "9", "for 'list'", 0, NULL },
	{ "keys are case-sensitive", "{\"command\":\"recommend\",\"Workload\":\"cnn\"}", BAD, "unknown_key", "Workload", "null", NULL, 0, NULL },
	{ "'Command' is not 'command'", "{\"Command\":\"list\"}", BAD, "missing_key", "command", "null", NULL, 0, NULL },
	{ "'ID' is not 'id'", "{\"ID\":\"x\",\"command\":\"list\"}", BAD, "unknown_key", "ID", "null", NULL, 0, NULL },
	{ "duplicate key", "{\"id\":\"d\",\"command\":\"show\",\"gpu\":\"3090\",\"gpu\":\"a100\"}", BAD, "invalid_json", "gpu", "\"d\"", "given twice", 0, NULL },
	{ "duplicate command", "{\"command\":\"list\",\"command\":\"show\"}", BAD, "invalid_json", "command", "null", "given twice", 0, NULL },
	{ "recommend without workload", "{\"id\":\"m\",\"command\":\"recommend\"}", BAD, "missing_key", "workload", "\"m\"", NULL, 0, NULL },
	{ "show without gpu", "{\"command\":\"show\"}", BAD, "missing_key", "gpu", "null", NULL, 0, NULL },
	{ "compare without gpus", "{\"command\":\"compare\",\"workload\":\"cnn\"}", BAD, "missing_key", "gpus", "null", NULL, 0, NULL },

	/* wrong types */
	{ "command a number", "{\"command\":5}", BAD, "wrong_type", "command", "null", NULL, 0, NULL },
	{ "budget a string", "{\"id\":\"w\",\"command\":\"recommend\",\"workload\":\"cnn\",\"budget_usd\":\"1500\"}", BAD, "wrong_type", "budget_usd", "\"w\"", NULL, 0, NULL },
	{ "top a string", "{\"command\":\"recommend\",\"workload\":\"cnn\",\"top\":\"3\"}", BAD, "wrong_type", "top", "null", NULL, 0, NULL },
	{ "min memory null", "{\"command\":\"recommend\",\"workload\":\"cnn\",\"min_memory_gb\":null}", BAD, "wrong_type", "min_memory_gb", "null", NULL, 0, NULL },
	{ "workload a number", "{\"command\":\"recommend\",\"workload\":5}", BAD, "wrong_type", "workload", "null", NULL, 0, NULL },
	{ "precision a number", "{\"command\":\"recommend\",\"workload\":\"cnn\",\"precision\":16}", BAD, "wrong_type", "precision", "null", NULL, 0, NULL },
	{ "gpus a string", "{\"command\":\"compare\",\"gpus\":\"rtx3090\"}", BAD, "wrong_type", "gpus", "null", NULL, 0, NULL },
	{ "gpus of numbers", "{\"command\":\"compare\",\"gpus\":[3090,4090]}", BAD, "wrong_type", "gpus", "null", NULL, 0, NULL },
	{ "prices an array", "{\"command\":\"recommend\",\"workload\":\"cnn\",\"prices\":[700]}", BAD, "wrong_type", "prices", "null", NULL, 0, NULL },
	/* A price that is not a number is wrong_type, like every other number
	 * key (docs/ci.md); it was once invalid_value. */
	{ "a price a string", "{\"command\":\"recommend\",\"workload\":\"cnn\",\"prices\":{\"rtx3090\":\"700\"}}", BAD, "wrong_type", "prices", "null", NULL, 0, NULL },
	{ "id an array", "{\"id\":[1],\"command\":\"list\"}", BAD, "wrong_type", "id", "null", NULL, 0, NULL },
	{ "id a bool", "{\"id\":true,\"command\":\"list\"}", BAD, "wrong_type", "id", "null", NULL, 0, NULL },
	{ "id an object", "{\"id\":{},\"command\":\"list\"}", BAD, "wrong_type", "id", "null", NULL, 0, NULL },

	/* out of range, not finite, not an integer */
	{ "budget 0", "{\"command\":\"recommend\",\"workload\":\"cnn\",\"budget_usd\":0}", BAD, "invalid_value", "budget_usd", "null", NULL, 0, NULL },
	{ "budget negative", "{\"command\":\"recommend\",\"workload\":\"cnn\",\"budget_usd\":-5}", BAD, "invalid_value", "budget_usd", "null", NULL, 0, NULL },
	{ "budget 1e999", "{\"id\":\"inf\",\"command\":\"recommend\",\"workload\":\"cnn\",\"budget_usd\":1e999}", BAD, "invalid_value", "budget_usd", "\"inf\"", NULL, 0, NULL },
	{ "min memory -1e999", "{\"command\":\"recommend\",\"workload\":\"cnn\",\"min_memory_gb\":-1e999}", BAD, "invalid_value", "min_memory_gb", "null", NULL, 0, NULL },
	{ "min memory too large", "{\"command\":\"recommend\",\"workload\":\"cnn\",\"min_memory_gb\":1e6}", BAD, "invalid_value", "min_memory_gb", "null", NULL, 0, NULL },
	{ "max power 0", "{\"command\":\"recommend\",\"workload\":\"cnn\",\"max_power_w\":0}", BAD, "invalid_value", "max_power_w", "null", NULL, 0, NULL },
	{ "top negative", "{\"command\":\"recommend\",\"workload\":\"cnn\",\"top\":-1}", BAD, "invalid_value", "top", "null", NULL, 0, NULL },
	{ "top fractional", "{\"command\":\"recommend\",\"workload\":\"cnn\",\"top\":2.5}", BAD, "invalid_value", "top", "null", NULL, 0, NULL },
	{ "list max price negative", "{\"command\":\"list\",\"max_price_usd\":-1}", BAD, "invalid_value", "max_price_usd", "null", NULL, 0, NULL },
	{ "a price of 0", "{\"command\":\"recommend\",\"workload\":\"cnn\",\"prices\":{\"rtx3090\":0}}", BAD, "invalid_value", "prices", "null", NULL, 0, NULL },
	{ "a price of 1e999", "{\"command\":\"compare\",\"gpus\":[\"rtx3090\",\"a100\"],\"prices\":{\"rtx3090\":1e999}}", BAD, "invalid_value", "prices", "null", NULL, 0, NULL },
	{ "id 1e999", "{\"id\":1e999,\"command\":\"list\"}", BAD, "wrong_type", "id", "null", NULL, 0, NULL },

	/* bad choices */
	{ "precision fp64", "{\"command\":\"recommend\",\"workload\":\"cnn\",\"precision\":\"fp64\"}", BAD, "invalid_value", "precision", "null", "got 'fp64'", 0, NULL },
	{ "precision int4", "{\"command\":\"recommend\",\"workload\":\"cnn\",\"precision\":\"int4\"}", BAD, "invalid_value", "precision", "null", NULL, 0, NULL },
	{ "segment", "{\"command\":\"recommend\",\"workload\":\"cnn\",\"segment\":\"gaming\"}", BAD, "invalid_value", "segment", "null", NULL, 0, NULL },
	{ "architecture", "{\"command\":\"list\",\"architecture\":\"klingon\"}", BAD, "invalid_value", "architecture", "null", "unknown architecture 'klingon'", 0, NULL },
	{ "recommend sort", "{\"command\":\"recommend\",\"workload\":\"cnn\",\"sort\":\"price\"}", BAD, "invalid_value", "sort", "null", NULL, 0, NULL },
	{ "list sort", "{\"command\":\"list\",\"sort\":\"perf\"}", BAD, "invalid_value", "sort", "null", NULL, 0, NULL },
	{ "task unknown", "{\"command\":\"recommend\",\"workload\":\"cnn\",\"task\":\"eval\"}", BAD, "invalid_value", "task", "null", NULL, 0, NULL },
	/* The validator's field reaches the answer: copying err->field onto
	 * itself (overlapping snprintf) once left "field": null. */
	{ "task the workload does not model", "{\"id\":\"tk\",\"command\":\"recommend\",\"workload\":\"cnn\",\"task\":\"infer\"}", BAD, "invalid_value", "task", "\"tk\"", "models train only", 0, NULL },
	{ "list precision without workload", "{\"command\":\"list\",\"precision\":\"fp16\"}", BAD, "invalid_value", "precision", "null", NULL, 0, NULL },
	{ "a price given twice", "{\"command\":\"recommend\",\"workload\":\"cnn\",\"prices\":{\"rtx3090\":700,\"3090\":800}}", BAD, "invalid_value", "prices", "null", "given twice", 0, NULL },

	/* nesting */
	{ "too deep", "{\"id\":\"deep\",\"command\":\"list\",\"sort\":[[[\"x\"]]]}", BAD, "too_deep", "", "\"deep\"", NULL, 0, NULL },
	{ "deep but allowed", "{\"command\":\"list\",\"sort\":[[\"x\"]]}", BAD, "wrong_type", "sort", "null", NULL, 0, NULL },
	/* GPUADV_REQUEST_MAX_DEPTH (4) counts levels of values, as cJSON's tree
	 * has them, and, before cJSON parses, brackets: at the bound and past. */
	{ "four brackets, the innermost empty", "{\"id\":\"e4\",\"command\":\"list\",\"sort\":[[[]]]}", BAD, "wrong_type", "sort", "\"e4\"", NULL, 0, NULL },
	{ "four brackets, a value inside", "{\"id\":\"v5\",\"command\":\"list\",\"sort\":[[[1]]]}", BAD, "too_deep", "", "\"v5\"", "deeper than 4 levels", 0, NULL },
	{ "four levels in an object", "{\"command\":\"recommend\",\"workload\":\"cnn\",\"prices\":{\"rtx3090\":{\"a\":1}}}", BAD, "wrong_type", "prices", "null", NULL, 0, NULL },
	{ "five levels in an object", "{\"command\":\"recommend\",\"workload\":\"cnn\",\"prices\":{\"rtx3090\":{\"a\":[1]}}}", BAD, "too_deep", "", "null", NULL, 0, NULL },
	{ "four brackets, not JSON: invalid", "{\"command\":\"list\",\"sort\":[[[", BAD, "invalid_json", "", "null", "invalid JSON at byte", 0, NULL },
	{ "five brackets, not JSON: too deep first", "{\"command\":\"list\",\"sort\":[[[[", BAD, "too_deep", "", "null", NULL, 0, NULL },
	{ "five brackets after the value: too deep first", "{\"command\":\"list\"} [[[[[", BAD, "too_deep", "", "null", NULL, 0, NULL },
	{ "a bad id before depth", "{\"id\":true,\"command\":\"list\",\"sort\":[[[1]]]}", BAD, "wrong_type", "id", "null", NULL, 0, NULL },
	{ "a bad byte before depth", "{\"command\":\"list\",\"sort\":[[[[007]]]]}", BAD, "invalid_json", "", "null", "malformed number", 0, NULL },

	/* unknown names */
	{ "unknown GPU", "{\"id\":\"g\",\"command\":\"show\",\"gpu\":\"rtx3900\"}", BAD, "unknown_gpu", "gpu", "\"g\"", "unknown GPU 'rtx3900'; did you mean 'rtx-3090'", 0, NULL },
	{ "unknown GPU in compare", "{\"command\":\"compare\",\"gpus\":[\"rtx3090\",\"rtx3900\"]}", BAD, "unknown_gpu", "gpus", "null", "did you mean", 0, NULL },
	{ "unknown GPU in prices", "{\"command\":\"recommend\",\"workload\":\"cnn\",\"prices\":{\"rtx3900\":700}}", BAD, "unknown_gpu", "prices", "null", "unknown GPU 'rtx3900'", 0, NULL },
	{ "unknown workload", "{\"id\":\"uw\",\"command\":\"recommend\",\"workload\":\"nope\"}", BAD, "unknown_workload", "workload", "\"uw\"", "unknown workload 'nope'", 0, NULL },
	{ "unknown workload in compare", "{\"command\":\"compare\",\"gpus\":[\"rtx3090\",\"a100\"],\"workload\":\"nope\"}", BAD, "unknown_workload", "workload", "null", NULL, 0, NULL },
	{ "unknown workload in list", "{\"command\":\"list\",\"workload\":\"CNN \"}", BAD, "unknown_workload", "workload", "null", NULL, 0, NULL },

	/* compare's GPU count */
	{ "compare one GPU", "{\"id\":\"c1\",\"command\":\"compare\",\"gpus\":[\"rtx3090\"]}", BAD, "invalid_value", "gpus", "\"c1\"", "needs 2 to 8", 0, NULL },
	{ "compare no GPU", "{\"command\":\"compare\",\"gpus\":[]}", BAD, "invalid_value", "gpus", "null", NULL, 0, NULL },
	{ "compare nine GPUs", "{\"command\":\"compare\",\"gpus\":[\"rtx-3090\",\"a100-40gb-pcie\",\"gtx-1080-ti\",\"rtx-2080-ti\",\"rtx-4090\",\"twin-a\",\"twin-b\",\"p100\",\"rtx3090\"]}", BAD, "invalid_value", "gpus", "null", "at most 8", 0, NULL },
	{ "compare a GPU twice", "{\"command\":\"compare\",\"gpus\":[\"rtx3090\",\"a100\",\"RTX 3090\"]}", BAD, "invalid_value", "gpus", "null", "'rtx-3090' is named twice", 0, NULL },

	{ NULL, NULL, 0, NULL, NULL, NULL, NULL, 0, NULL }
};

/* The response as a reader gets it: printed and parsed back. Its numbers
 * are raw items until printed (render.h), so the checks read this copy. */
static void as_printed(cJSON **doc)
{
	char *text;
	cJSON *back;

	if (!*doc)
		return;
	text = cJSON_PrintUnformatted(*doc);
	assert_non_null(text);
	back = cJSON_Parse(text);
	cJSON_free(text);
	assert_non_null(back);
	cJSON_Delete(*doc);
	*doc = back;
}

/* ---- checks --------------------------------------------------------------- */

/* The command of the request just parsed. */
static const char *command_name(void)
{
	return gpuadv_command_name(req.query.command);
}

/* The answer starts {"id", "schema_version", "command"?}; id printed as want. */
static void check_head(const char *name, const cJSON *o, const char *want_id,
		       const char *command)
{
	const cJSON *k = o ? o->child : NULL;

	if (!cJSON_IsObject(o) || !k || strcmp(k->string, "id"))
		fail_msg("%s: the answer does not start with 'id'", name);
	printed = cJSON_PrintUnformatted(k);
	assert_non_null(printed);
	if (strcmp(printed, want_id))
		fail_msg("%s: id %s, want %s", name, printed, want_id);
	cJSON_free(printed);
	printed = NULL;
	k = k->next;
	if (!k || strcmp(k->string, "schema_version"))
		fail_msg("%s: no schema_version second", name);
	printed = cJSON_PrintUnformatted(k); /* a raw item until printed */
	assert_non_null(printed);
	if (strcmp(printed, "1"))
		fail_msg("%s: schema_version %s, want 1", name, printed);
	cJSON_free(printed);
	printed = NULL;
	k = k->next;
	if (command) {
		if (!k || strcmp(k->string, "command") || !cJSON_IsString(k) ||
		    strcmp(k->valuestring, command))
			fail_msg("%s: no command '%s' third", name, command);
	}
}

/* One row of the table, run as its own cmocka test. */
static void test_row(void **state)
{
	const struct req_case *t = *state;
	struct gpuadv_error err;
	const cJSON *e, *v;
	int rc;

	gpuadv_error_clear(&err);
	rc = gpuadv_request_parse(&req, &cat, t->text, strlen(t->text), &err);
	if (rc != t->rc)
		fail_msg("%s: rc %d, want %d (%s: %s)", t->name, rc, t->rc,
			 err.kind ? err.kind : "-", err.message);
	if (rc == 0) {
		gpuadv_error_clear(&err);
		rc = gpuadv_render_answer(&resp, &cat, &req, &err);
		as_printed(&resp);
		if (rc != t->run_rc)
			fail_msg("%s: run rc %d, want %d (%s)", t->name, rc, t->run_rc,
				 err.message);
		check_head(t->name, resp, t->id, command_name());
		if (!cJSON_GetObjectItemCaseSensitive(resp, t->member))
			fail_msg("%s: no '%s' in the answer", t->name, t->member);
		if (rc == 0 && cJSON_GetObjectItemCaseSensitive(resp, "error"))
			fail_msg("%s: an 'error' in a good answer", t->name);
	} else {
		if (!err.kind || strcmp(err.kind, t->kind))
			fail_msg("%s: kind %s, want %s (%s)", t->name,
				 err.kind ? err.kind : "(null)", t->kind, err.message);
		if (strcmp(err.field, t->field))
			fail_msg("%s: field '%s', want '%s'", t->name, err.field, t->field);
		if (t->msg && !strstr(err.message, t->msg))
			fail_msg("%s: message '%s' lacks '%s'", t->name, err.message, t->msg);
		/* the error object a batch prints for it */
		resp = gpuadv_render_answer_error(req.id, &err);
		check_head(t->name, resp, t->id, NULL);
		e = cJSON_GetObjectItemCaseSensitive(resp, "error");
		v = cJSON_GetObjectItemCaseSensitive(e, "code");
		if (!cJSON_IsString(v) || strcmp(v->valuestring, t->kind))
			fail_msg("%s: error.code wrong", t->name);
		v = cJSON_GetObjectItemCaseSensitive(e, "message");
		if (!cJSON_IsString(v) || strcmp(v->valuestring, err.message))
			fail_msg("%s: error.message wrong", t->name);
		v = cJSON_GetObjectItemCaseSensitive(e, "field");
		if (t->field[0] ? !cJSON_IsString(v) || strcmp(v->valuestring, t->field)
				: !cJSON_IsNull(v))
			fail_msg("%s: error.field wrong", t->name);
		assert_null(cJSON_GetObjectItemCaseSensitive(resp, "command"));
	}
	gpuadv_request_release(&req);
	cJSON_Delete(resp);
	resp = NULL;
}

/* ---- generated inputs ----------------------------------------------------- */

/* A list request padded with spaces to exactly len bytes. */
static char *padded(size_t len)
{
	static const char head[] = "{\"id\":\"pad\",\"command\":\"list\"}";
	char *s = malloc(len + 1);

	assert_non_null(s);
	assert_true(len >= sizeof(head) - 1);
	memcpy(s, head, sizeof(head) - 1);
	memset(s + sizeof(head) - 1, ' ', len - (sizeof(head) - 1));
	s[len] = '\0';
	return s;
}

static void test_size_limit(void **state)
{
	struct gpuadv_error err;

	(void)state;
	/* exactly the limit: answered */
	text_buf = padded(GPUADV_REQUEST_MAX_BYTES);
	assert_int_equal(gpuadv_request_parse(&req, &cat, text_buf, GPUADV_REQUEST_MAX_BYTES, &err), 0);
	assert_true(cJSON_IsString(req.id) && !strcmp(req.id->valuestring, "pad"));
	gpuadv_request_release(&req);
	free(text_buf);

	/* one byte over: too_large, whatever the bytes */
	text_buf = padded(GPUADV_REQUEST_MAX_BYTES + 1);
	gpuadv_error_clear(&err);
	assert_int_equal(gpuadv_request_parse(&req, &cat, text_buf, GPUADV_REQUEST_MAX_BYTES + 1, &err),
			 GPUADV_EDATA);
	assert_non_null(err.kind);
	assert_string_equal(err.kind, "too_large");
	assert_null(req.id);
	resp = gpuadv_render_answer_error(req.id, &err);
	check_head("too large", resp, "null", NULL);
	gpuadv_request_release(&req);
	free(text_buf);
	text_buf = NULL;

	/* a long id within the limit is echoed whole */
	{
		size_t n = GPUADV_REQUEST_MAX_BYTES - 100, used;
		const cJSON *id;

		text_buf = malloc(GPUADV_REQUEST_MAX_BYTES);
		assert_non_null(text_buf);
		used = (size_t)sprintf(text_buf, "{\"command\":\"show\",\"gpu\":\"3090\",\"id\":\"");
		memset(text_buf + used, 'x', n - used);
		strcpy(text_buf + n, "\"}");
		assert_int_equal(gpuadv_request_parse(&req, &cat, text_buf, strlen(text_buf), &err), 0);
		cJSON_Delete(resp);
		assert_int_equal(gpuadv_render_answer(&resp, &cat, &req, &err), 0);
		id = cJSON_GetObjectItemCaseSensitive(resp, "id");
		assert_true(cJSON_IsString(id) && strlen(id->valuestring) == n - used);
	}
}

/*
 * Nesting far beyond GPUADV_REQUEST_MAX_DEPTH (but within the size limit)
 * is too_deep, and neither crashes nor exhausts the stack.
 *
 * Guards against cJSON's own nesting limit (1000) answering first: such a
 * request was once invalid_json at a byte offset, though valid JSON that is
 * merely too deep ({"command":"list","sort": then 2000 '[', 2000 ']', '}').
 */
static void test_deep_nesting(void **state)
{
	static const char head[] = "{\"id\":\"deep\",\"command\":\"list\",\"sort\":";
	const size_t depth = 2000;
	struct gpuadv_error err;
	size_t len = sizeof(head) - 1 + 2 * depth + 1;

	(void)state;
	text_buf = malloc(len + 1);
	assert_non_null(text_buf);
	memcpy(text_buf, head, sizeof(head) - 1);
	memset(text_buf + sizeof(head) - 1, '[', depth);
	memset(text_buf + sizeof(head) - 1 + depth, ']', depth);
	strcpy(text_buf + len - 1, "}");
	gpuadv_error_clear(&err);
	assert_int_equal(gpuadv_request_parse(&req, &cat, text_buf, len, &err), GPUADV_EDATA);
	assert_non_null(err.kind);
	if (strcmp(err.kind, "too_deep"))
		fail_msg("%zu levels: kind %s (%s), want too_deep", depth, err.kind, err.message);
}

/* ---- the answers ---------------------------------------------------------- */

static const cJSON *get(const cJSON *o, const char *key)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);

	if (!v)
		fail_msg("no '%s'", key);
	return v;
}

static double num(const cJSON *o, const char *key)
{
	const cJSON *v = get(o, key);

	if (!cJSON_IsNumber(v))
		fail_msg("'%s' is not a number", key);
	return v->valuedouble;
}

static const char *str(const cJSON *o, const char *key)
{
	const cJSON *v = get(o, key);

	if (!cJSON_IsString(v))
		fail_msg("'%s' is not a string", key);
	return v->valuestring;
}

static void parse_run(const char *text, int want_rc, struct gpuadv_error *err)
{
	int rc;

	gpuadv_error_clear(err);
	if ((rc = gpuadv_request_parse(&req, &cat, text, strlen(text), err)))
		fail_msg("parse: %s", err->message);
	rc = gpuadv_render_answer(&resp, &cat, &req, err);
	as_printed(&resp);
	if (rc != want_rc)
		fail_msg("run rc %d, want %d (%s)", rc, want_rc, err->message);
}

/* A recommend nothing satisfies: the full answer, with an error member. */
static void test_no_match(void **state)
{
	struct gpuadv_error err;
	const cJSON *e, *s, *x, *p;

	(void)state;
	parse_run("{\"id\":\"nm\",\"command\":\"recommend\",\"workload\":\"cnn\",\"budget_usd\":50}",
		  GPUADV_ENOTFOUND, &err);
	assert_int_equal(err.code, GPUADV_ENOTFOUND);
	check_head("no match", resp, "\"nm\"", "recommend");
	assert_true(cJSON_IsArray(get(resp, "results")));
	assert_int_equal(cJSON_GetArraySize(get(resp, "results")), 0);
	x = get(resp, "excluded");
	assert_int_equal(cJSON_GetArraySize(x), 8);
	cJSON_ArrayForEach(p, x) {
		assert_true(strlen(str(p, "id")) > 0);
		assert_true(strlen(str(p, "reason")) > 0);
	}
	p = get(resp, "picks");
	assert_true(cJSON_IsNull(get(p, "fastest")) && cJSON_IsNull(get(p, "best_value")) &&
		    cJSON_IsNull(get(p, "most_memory")));
	s = get(resp, "summary");
	assert_true(num(s, "matched") == 0 && num(s, "excluded") == 8);
	assert_true(num(s, "excluded_by_budget") == 6);
	assert_true(num(s, "excluded_by_unknown_price") == 2);
	assert_true(num(s, "budget_to_admit_usd") == 400);
	assert_true(cJSON_IsNull(get(s, "memory_to_admit_gb")));
	e = get(resp, "error");
	assert_string_equal(str(e, "code"), "no_match");
	assert_string_equal(str(e, "message"),
			    "no GPU satisfies the constraints: the budget constraint excluded 6 of 8 "
			    "GPUs; a budget of $400 would admit 'rtx-2080-ti'");
	assert_true(cJSON_IsNull(get(e, "field")));
	assert_string_equal(err.message, str(e, "message"));
}

/* Issue 8: a JSON answer words an unknown price for its reader: the key
 * 'prices', never the flag (it said "give one with --price ID=USD");
 * beside each message, its code. */
static void test_reasons_for_json(void **state)
{
	struct gpuadv_error err;
	const cJSON *x, *codes, *res;
	char *text;
	int unknown = 0;

	(void)state;
	parse_run("{\"command\":\"recommend\",\"workload\":\"cnn\",\"budget_usd\":50}",
		  GPUADV_ENOTFOUND, &err);
	cJSON_ArrayForEach(x, get(resp, "excluded")) {
		codes = get(x, "reason_codes");
		assert_true(cJSON_IsArray(codes) && cJSON_GetArraySize(codes) >= 1);
		if (strcmp(cJSON_GetArrayItem(codes, 0)->valuestring, "unknown_price"))
			continue;
		unknown++;
		assert_string_equal(str(x, "reason"), "no price known (give one in 'prices')");
	}
	assert_int_equal(unknown, 2);
	text = cJSON_PrintUnformatted(resp);
	assert_non_null(text);
	if (strstr(text, "--price") || strstr(text, "--"))
		fail_msg("a JSON answer names a flag: %.300s", strstr(text, "--"));
	cJSON_free(text);
	cJSON_Delete(resp);
	resp = NULL;

	/* results: one code per worded reason */
	parse_run("{\"command\":\"recommend\",\"workload\":\"cnn\",\"top\":1}", 0, &err);
	res = cJSON_GetArrayItem(get(resp, "results"), 0);
	assert_int_equal(cJSON_GetArraySize(get(res, "reasons")),
			 cJSON_GetArraySize(get(res, "reason_codes")));
	assert_string_equal(cJSON_GetArrayItem(get(res, "reason_codes"), 1)->valuestring, "memory");
}

static void test_recommend_answer(void **state)
{
	struct gpuadv_error err;
	const cJSON *q, *r, *res, *perf;
	int i = 0;

	(void)state;
	parse_run("{\"id\":\"r\",\"command\":\"recommend\",\"workload\":\"cnn\",\"budget_usd\":1500,"
		  "\"top\":2,\"prices\":{\"twin-a\":500}}", 0, &err);
	q = get(resp, "query");
	assert_string_equal(str(q, "command"), "recommend");
	assert_string_equal(str(q, "workload"), "cnn");
	assert_string_equal(str(q, "precision"), "fp16");
	assert_string_equal(str(q, "task"), "train");
	assert_true(num(q, "budget_usd") == 1500);
	assert_true(num(q, "min_memory_gb") == 8);
	assert_string_equal(str(q, "min_memory_basis"), "workload");
	assert_true(cJSON_IsNull(get(q, "max_power_w")) && cJSON_IsNull(get(q, "segment")));
	assert_true(num(q, "top") == 2);
	assert_true(num(get(q, "prices"), "twin-a") == 500);
	r = get(resp, "results");
	assert_int_equal(cJSON_GetArraySize(r), 2);
	cJSON_ArrayForEach(res, r) {
		assert_true(num(res, "rank") == ++i);
		assert_true(num(res, "price_usd") <= 1500);
		perf = get(res, "perf");
		assert_string_equal(str(perf, "reference"), "rtx-3090");
		assert_true(num(perf, "value") > 0);
		assert_true(cJSON_IsArray(get(res, "reasons")));
	}
	/* twin-a at $500 beats twin-b on price; the 3090 is fastest */
	assert_string_equal(str(cJSON_GetArrayItem(r, 0), "id"), "rtx-3090");
	assert_string_equal(str(cJSON_GetArrayItem(r, 1), "id"), "twin-a");
	assert_string_equal(str(cJSON_GetArrayItem(r, 1), "price_basis"), "override");
	assert_true(num(get(resp, "summary"), "matched") == 5);
	assert_string_equal(str(get(resp, "picks"), "best_value"), "twin-a");
}

static void test_compare_answer(void **state)
{
	struct gpuadv_error err;
	const cJSON *w, *res, *a;

	(void)state;
	parse_run("{\"id\":3,\"command\":\"compare\",\"gpus\":[\"rtx3090\",\"a100\",\"rtx2080ti\"],"
		  "\"workload\":\"transformer\",\"precision\":\"bf16\",\"prices\":{\"a100\":8000}}", 0, &err);
	assert_int_equal(cJSON_GetArraySize(get(resp, "gpus")), 3);
	assert_string_equal(str(cJSON_GetArrayItem(get(resp, "gpus"), 1), "price_basis"), "override");
	w = get(resp, "workloads");
	assert_int_equal(cJSON_GetArraySize(w), 1);
	w = cJSON_GetArrayItem(w, 0);
	assert_string_equal(str(w, "workload"), "transformer");
	assert_string_equal(str(w, "precision"), "bf16");
	assert_true(strlen(str(w, "verdict")) > 0);
	res = get(w, "results");
	assert_int_equal(cJSON_GetArraySize(res), 3);
	assert_true(num(cJSON_GetArrayItem(res, 0), "ratio_to_first") == 1);
	a = cJSON_GetArrayItem(res, 1);
	assert_string_equal(str(a, "id"), "a100-40gb-pcie");
	/* both figures printed to 6 significant digits */
	assert_true(fabs(num(a, "perf_per_kusd") - num(get(a, "perf"), "value") / 8000 * 1000) <
		    1e-5 * num(a, "perf_per_kusd"));
	/* the 2080 Ti cannot run bf16: nulls, and the reason */
	a = cJSON_GetArrayItem(res, 2);
	assert_true(cJSON_IsNull(get(a, "ratio_to_first")));
	assert_true(cJSON_IsNull(get(get(a, "perf"), "value")));
	assert_non_null(strstr(str(get(a, "perf"), "note"), "BF16"));
}

static void test_show_and_list_answers(void **state)
{
	struct gpuadv_error err;
	const cJSON *g;
	char ids[256] = "";
	size_t used = 0;

	(void)state;
	parse_run("{\"command\":\"show\",\"gpu\":\"gtx1080ti\"}", 0, &err);
	assert_string_equal(str(get(resp, "gpu"), "id"), "gtx-1080-ti");
	assert_true(cJSON_IsNull(get(get(resp, "gpu"), "tdp_w")));
	gpuadv_request_release(&req);
	cJSON_Delete(resp);
	resp = NULL;

	parse_run("{\"command\":\"list\",\"max_price_usd\":1000,\"sort\":\"price\"}", 0, &err);
	cJSON_ArrayForEach(g, get(resp, "gpus"))
		used += (size_t)snprintf(ids + used, sizeof(ids) - used, "%s%s", used ? "," : "",
					 str(g, "id"));
	assert_string_equal(ids, "rtx-2080-ti,gtx-1080-ti,rtx-3090,twin-b");
}

/* The error object for errors without a kind. */
static void test_error_json(void **state)
{
	struct gpuadv_error err;
	const cJSON *e;
	cJSON *id;

	(void)state;
	id = id_held = cJSON_CreateNumber(7);
	assert_non_null(id);
	gpuadv_error_clear(&err);
	gpuadv_error_set(&err, GPUADV_ENOTFOUND, "nothing");
	resp = gpuadv_render_answer_error(id, &err);
	check_head("no kind", resp, "7", NULL);
	e = get(resp, "error");
	assert_string_equal(str(e, "code"), "no_match");
	assert_string_equal(str(e, "message"), "nothing");
	assert_true(cJSON_IsNull(get(e, "field")));
	cJSON_Delete(resp);
	gpuadv_error_set(&err, GPUADV_ENOMEM, "out of memory");
	resp = gpuadv_render_answer_error(id, &err);
	assert_string_equal(str(get(resp, "error"), "code"), "out_of_memory");
}

int main(void)
{
	static const struct CMUnitTest more[] = {
		cmocka_unit_test_teardown(test_size_limit, release_held),
		cmocka_unit_test_teardown(test_deep_nesting, release_held),
		cmocka_unit_test_teardown(test_no_match, release_held),
		cmocka_unit_test_teardown(test_reasons_for_json, release_held),
		cmocka_unit_test_teardown(test_recommend_answer, release_held),
		cmocka_unit_test_teardown(test_compare_answer, release_held),
		cmocka_unit_test_teardown(test_show_and_list_answers, release_held),
		cmocka_unit_test_teardown(test_error_json, release_held),
	};
	struct CMUnitTest tests[sizeof(cases) / sizeof(*cases) + sizeof(more) / sizeof(*more)];
	size_t n, i;

	/* One test per row, named after it; the sentinel ends the table. */
	for (n = 0; cases[n].name; n++) {
		tests[n].name = cases[n].name;
		tests[n].test_func = test_row;
		tests[n].setup_func = NULL;
		tests[n].teardown_func = release_held;
		tests[n].initial_state = (void *)(uintptr_t)&cases[n];
	}
	for (i = 0; i < sizeof(more) / sizeof(*more); i++)
		tests[n++] = more[i];
	return _cmocka_run_group_tests("request", tests, n, setup, teardown);
}
