/*
 * test_jsontext.c - the one pass over a request's raw text
 * (src/query/jsontext.c): what it refuses, the nesting it measures (the
 * bracket depth, counted before cJSON parses, and the levels of values
 * that cJSON's tree has) and where it finds the top-level id's text; then
 * the id an answer echoes from that text (gpuadv_request_echo_id), whether
 * or not the request was refused. The depth limit's rows are in
 * test_request.c's table.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>
#include <cmocka.h>

#include "gpu_advisor/render.h"
#include "gpu_advisor/request.h"
#include "query/jsontext.h"
#include "testutil.h"

static const struct {
	const char *name;
	const char *text;
	size_t len;       /* 0: strlen(text) */
	const char *kind; /* err->kind when refused; NULL: accepted */
	int depth, levels;
	const char *id;   /* the id's text as found; "" for none */
} rows[] = {
	/* depth and levels */
	{ .name = "flat object", .text = "{\"a\":1}", .depth = 1, .levels = 2, .id = "" },
	{ .name = "empty object", .text = "{}", .depth = 1, .levels = 1, .id = "" },
	{ .name = "scalar", .text = "42", .depth = 0, .levels = 1, .id = "" },
	{ .name = "white space only", .text = " \t\r\n", .depth = 0, .levels = 0, .id = "" },
	{ .name = "empty member", .text = "{\"a\":{}, \"b\":[ ]}", .depth = 2, .levels = 2, .id = "" },
	{ .name = "four brackets, a leaf", .text = "{\"a\":{\"b\":{\"c\":[1]}}}", .depth = 4, .levels = 5, .id = "" },
	{ .name = "four brackets, empty", .text = "{\"a\":{\"b\":{\"c\":[ \n]}}}", .depth = 4, .levels = 4, .id = "" },
	{ .name = "three brackets, a leaf", .text = "{\"a\":[[\"x\"]]}", .depth = 3, .levels = 4, .id = "" },
	{ .name = "the deepest member counts", .text = "{\"a\":[1],\"b\":[[[2]]],\"c\":3}", .depth = 4, .levels = 5, .id = "" },
	{ .name = "brackets in strings", .text = "{\"[[[[\":\"{{{{\\\"[\"}", .depth = 1, .levels = 2, .id = "" },
	{ .name = "unbalanced", .text = "[[[[[", .depth = 5, .levels = 5, .id = "" },
	{ .name = "closed more than opened", .text = "]]{}", .depth = 1, .levels = 1, .id = "" },
	{ .name = "an unterminated string hides the rest", .text = "{\"a\":\"[[[[[", .depth = 1, .levels = 2, .id = "" },

	/* the id's text */
	{ .name = "id a number", .text = "{\"id\":9007199254740993,\"command\":\"list\"}", .depth = 1, .levels = 2, .id = "9007199254740993" },
	{ .name = "id with escapes", .text = "{\"id\":\"a\\\"b\\\\c\\u00e9\\ud83d\\ude00\",\"x\":1}", .depth = 1, .levels = 2, .id = "\"a\\\"b\\\\c\\u00e9\\ud83d\\ude00\"" },
	{ .name = "id key escaped", .text = "{\"\\u0069d\":\"e\"}", .depth = 1, .levels = 2, .id = "\"e\"" },
	{ .name = "id after a nested id", .text = "{\"x\":{\"id\":1},\"y\":[{\"id\":2}],\"id\":\"top\"}", .depth = 3, .levels = 4, .id = "\"top\"" },
	{ .name = "nested id only", .text = "{\"x\":{\"id\":1}}", .depth = 2, .levels = 3, .id = "" },
	{ .name = "the first id", .text = "{\"id\":1,\"id\":2}", .depth = 1, .levels = 2, .id = "1" },
	{ .name = "id a string holding \"id\"", .text = "{\"a\":\"id\",\"id\":-1.5e+3}", .depth = 1, .levels = 2, .id = "-1.5e+3" },
	{ .name = "id null", .text = "{\"id\" : null }", .depth = 1, .levels = 2, .id = "null" },
	{ .name = "id true: none", .text = "{\"id\":true}", .depth = 1, .levels = 2, .id = "" },
	{ .name = "id 1e999: none", .text = "{\"id\":1e999}", .depth = 1, .levels = 2, .id = "" },
	{ .name = "id an array: none", .text = "{\"id\":[1]}", .depth = 2, .levels = 3, .id = "" },
	{ .name = "id of an array: none", .text = "[{\"id\":1}]", .depth = 2, .levels = 3, .id = "" },
	{ .name = "id unterminated: none", .text = "{\"id\":\"abc", .depth = 1, .levels = 2, .id = "" },

	/* refused; what was found before the fault is kept */
	{ .name = "NUL escape after the id", .text = "{\"id\":5,\"gpu\":\"x\\u0000\"}", .kind = "invalid_value", .depth = 1, .levels = 2, .id = "5" },
	{ .name = "NUL escape in a key", .text = "{\"id\":6,\"g\\u0000\":1}", .kind = "invalid_json", .depth = 1, .levels = 2, .id = "6" },
	{ .name = "raw NUL", .text = "{\"id\":7}\0", .len = 9, .kind = "invalid_json", .depth = 1, .levels = 2, .id = "7" },
	{ .name = "bad UTF-8 in the id", .text = "{\"id\":\"a\xff\"}", .kind = "invalid_json", .depth = 1, .levels = 2, .id = "" },
	{ .name = "leading zero", .text = "{\"top\":007}", .kind = "invalid_json", .depth = 1, .levels = 2, .id = "" },
	{ .name = "bad UTF-8 outside a string", .text = "{\"a\":1,\xff}", .kind = "invalid_json", .depth = 1, .levels = 2, .id = "" },
	/* Regression (ux audit): a character of two or more bytes outside a
	 * string (a byte order mark) was read a byte at a time, its second
	 * byte called "invalid UTF-8"; it is valid, and left to the parser. */
	{ .name = "UTF-8 outside a string", .text = "{\"a\":1,\xc3\xa9}", .depth = 1, .levels = 2, .id = "" },
	{ .name = "byte order mark", .text = "\xef\xbb\xbf{\"id\":3}", .depth = 1, .levels = 2, .id = "3" },
	{ .name = "lone surrogate", .text = "{\"id\":1,\"a\":\"\\ud800\"}", .kind = "invalid_json", .depth = 1, .levels = 2, .id = "1" },
	{ .name = NULL }
};

static void test_rows(void **state)
{
	struct gpuadv__jsontext jt;
	struct gpuadv_error err;
	char id[128];
	size_t i, len;
	int rc;

	(void)state;
	for (i = 0; rows[i].name; i++) {
		len = rows[i].len ? rows[i].len : strlen(rows[i].text);
		gpuadv_error_clear(&err);
		memset(&jt, 0x5a, sizeof(jt)); /* every field must be set */
		rc = gpuadv__jsontext_scan(rows[i].text, len, &jt, &err);
		if (rows[i].kind ? rc != GPUADV_EDATA || !err.kind || strcmp(err.kind, rows[i].kind)
				 : rc != 0)
			fail_msg("%s: rc %d kind %s (%s), want %s", rows[i].name, rc,
				 err.kind ? err.kind : "-", err.message,
				 rows[i].kind ? rows[i].kind : "accepted");
		if (jt.depth != rows[i].depth || jt.levels != rows[i].levels)
			fail_msg("%s: depth %d levels %d, want %d and %d", rows[i].name, jt.depth,
				 jt.levels, rows[i].depth, rows[i].levels);
		assert_true(jt.id_len < sizeof(id) && jt.id_at + jt.id_len <= len);
		memcpy(id, rows[i].text + jt.id_at, jt.id_len);
		id[jt.id_len] = '\0';
		if (strcmp(id, rows[i].id))
			fail_msg("%s: id text '%s', want '%s'", rows[i].name, id, rows[i].id);
	}
}

/* err may be NULL (a scan only for the id): the same figures. */
static void test_without_error(void **state)
{
	static const char text[] = "{\"id\":\"n\",\"a\":\"\\u0000\"}";
	struct gpuadv__jsontext jt;

	(void)state;
	assert_int_equal(gpuadv__jsontext_scan(text, sizeof(text) - 1, &jt, NULL), GPUADV_EDATA);
	assert_int_equal(jt.id_len, 3);
	assert_memory_equal(text + jt.id_at, "\"n\"", 3);
}

/* ---- the id echoed ------------------------------------------------------ */

static const struct {
	const char *name;
	const char *text;
	const char *kind; /* the request's error; NULL: answered */
	const char *id;   /* the answer's id as printed */
} echoes[] = {
	{ "escapes kept", "{\"id\":\"a\\u00e9\\\"\\/x\",\"command\":\"show\",\"gpu\":\"3090\"}", NULL, "\"a\\u00e9\\\"\\/x\"" },
	{ "a number not rounded", "{\"id\":9007199254740993,\"command\":\"show\",\"gpu\":\"3090\"}", NULL, "9007199254740993" },
	{ "a number as written", "{\"id\":-1.50E+3,\"command\":\"show\",\"gpu\":\"3090\"}", NULL, "-1.50E+3" },
	{ "null", "{\"id\":null,\"command\":\"show\",\"gpu\":\"3090\"}", NULL, "null" },
	{ "none", "{\"command\":\"show\",\"gpu\":\"3090\"}", NULL, "null" },
	{ "the top id, not a nested one", "{\"command\":\"recommend\",\"workload\":\"cnn\",\"prices\":{\"id\":5},\"id\":\"top\"}", "unknown_gpu", "\"top\"" },
	{ "a nested id only", "{\"command\":\"recommend\",\"workload\":\"cnn\",\"prices\":{\"id\":5}}", "unknown_gpu", "null" },
	{ "the first of two", "{\"id\":1,\"id\":2,\"command\":\"list\"}", "invalid_json", "1" },
	{ "refused before the id was read", "{\"id\":5,\"command\":\"show\",\"gpu\":\"x\\u0000\"}", "invalid_value", "5" },
	{ "too deep before cJSON parsed", "{\"id\":\"d\",\"command\":\"list\",\"sort\":[[[[1]]]]}", "too_deep", "\"d\"" },
	{ "bytes after the value", "{\"id\":\"t\",\"command\":\"list\"} x", "invalid_json", "\"t\"" },
	{ "not JSON: none", "{\"id\":5,\"command\":\"show\",\"gpu\":\"x\\u0000\"", "invalid_value", "null" },
	{ "cut short: none", "{\"id\":\"u\",\"command\":", "invalid_json", "null" },
	{ "a bad id: none", "{\"id\":1e999,\"command\":\"list\"}", "wrong_type", "null" },
	{ NULL, NULL, NULL, NULL }
};

static struct gpuadv_catalog cat;
static struct gpuadv_request req;
static cJSON *resp;
static char *printed, *big;

static int setup(void **state)
{
	(void)state;
	return test_load_catalog(&cat, GPUADV_FIXTURES "/engine.yaml");
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
	cJSON_free(printed);
	printed = NULL;
	free(big);
	big = NULL;
	return 0;
}

/* Answer text as `gpu-advisor query` does, and print the answer's id. */
static const char *echoed(const char *name, const char *text, size_t len,
			  const char *kind)
{
	struct gpuadv_error err;
	int rc;

	gpuadv_error_clear(&err);
	rc = gpuadv_request_parse(&req, &cat, text, len, &err);
	if (rc == 0)
		rc = gpuadv_render_answer(&resp, &cat, &req, &err);
	else
		resp = gpuadv_render_answer_error(req.id, &err);
	if (kind ? rc != GPUADV_EDATA || !err.kind || strcmp(err.kind, kind) : rc != 0)
		fail_msg("%s: rc %d kind %s (%s), want %s", name, rc,
			 err.kind ? err.kind : "-", err.message, kind ? kind : "an answer");
	assert_int_equal(gpuadv_request_echo_id(resp, &req, text), 0);
	cJSON_free(printed);
	printed = cJSON_PrintUnformatted(cJSON_GetObjectItemCaseSensitive(resp, "id"));
	assert_non_null(printed);
	gpuadv_request_release(&req);
	cJSON_Delete(resp);
	resp = NULL;
	return printed;
}

static void test_echo(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; echoes[i].name; i++)
		if (strcmp(echoed(echoes[i].name, echoes[i].text, strlen(echoes[i].text),
				  echoes[i].kind), echoes[i].id))
			fail_msg("%s: id %s, want %s", echoes[i].name, printed, echoes[i].id);
}

/* A request over the size limit is refused unread, but its id answers for
 * it, whole or cut short (`query` passes only the first limit + 1 bytes of
 * a longer line, wherever it falls in the read window); not from text that
 * is no object, nor from a nested "id". */
static void test_echo_too_large(void **state)
{
	static const char head[] = "{\"id\":\"big\",\"command\":\"list\"}";
	size_t len = GPUADV_REQUEST_MAX_BYTES + 1;

	(void)state;
	big = malloc(len);
	assert_non_null(big);
	memset(big, ' ', len);
	memcpy(big, head, sizeof(head) - 1);
	assert_string_equal(echoed("too large", big, len, "too_large"), "\"big\"");
	big[sizeof(head) - 2] = ' '; /* the object cut short */
	assert_string_equal(echoed("too large, cut", big, len, "too_large"), "\"big\"");
	big[0] = 'x'; /* not an object */
	assert_string_equal(echoed("too large, no object", big, len, "too_large"), "null");
	{
		static const char nested[] = "{\"a\":{\"id\":\"big\"}";

		memcpy(big, nested, sizeof(nested) - 1);
	}
	assert_string_equal(echoed("too large, nested id", big, len, "too_large"), "null");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rows),
		cmocka_unit_test(test_without_error),
		cmocka_unit_test_teardown(test_echo, release_held),
		cmocka_unit_test_teardown(test_echo_too_large, release_held),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
