/*
 * test_json_line.c - gpuadv_json_line (src/render/json_line.c), the
 * printer of `query`'s answer lines, must print exactly what
 * cJSON_PrintUnformatted prints, plus a newline, or fail where it fails:
 * every byte in strings and keys, escapes at each place in the 8-byte
 * blocks the string copy works in, every kind of item, answers of every
 * command on the built-in catalogue, and the buffer reused across lines.
 */
#include <cjson/cJSON.h>
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "gpu_advisor/catalog.h"
#include "gpu_advisor/render.h"
#include "gpu_advisor/request.h"

static char *buf;
static size_t cap;
static cJSON *doc;
static char *want;

static int release(void **state)
{
	(void)state;
	free(buf);
	buf = NULL;
	cap = 0;
	cJSON_Delete(doc);
	doc = NULL;
	cJSON_free(want);
	want = NULL;
	return 0;
}

/* d printed both ways: the same bytes, or both fail. */
static void same(const cJSON *d, const char *what)
{
	size_t n = gpuadv_json_line(d, &buf, &cap);

	cJSON_free(want);
	want = cJSON_PrintUnformatted(d);
	if (!want) {
		if (n != 0)
			fail_msg("%s: printed, though cJSON cannot: %.*s", what, (int)n, buf);
		return;
	}
	if (n != strlen(want) + 1 || memcmp(buf, want, n - 1) || buf[n - 1] != '\n')
		fail_msg("%s:\n cJSON %s\n  line %.*s", what, want, (int)n, buf);
}

/* Every byte, alone and between others, in a value and in a key. */
static void test_every_byte(void **state)
{
	char s[4], name[32];
	int b;

	(void)state;
	for (b = 1; b < 256; b++) {
		snprintf(s, sizeof(s), "a%cz", b);
		snprintf(name, sizeof(name), "byte 0x%02x", b);
		doc = cJSON_CreateObject();
		assert_non_null(cJSON_AddStringToObject(doc, s, s));
		assert_non_null(cJSON_AddStringToObject(doc, s + 1, s + 1));
		same(doc, name);
		cJSON_Delete(doc);
		doc = NULL;
	}
}

/* A byte that needs an escape, and one that does not, at each place of
 * strings up to 40 bytes long: inside and after whole 8-byte blocks. */
static void test_escape_places(void **state)
{
	static const char odd[] = { '"', '\\', '\n', '\x01', '\x1f', '\x7f', '\xff', ' ' };
	char s[41], name[64];
	size_t len, at, k;

	(void)state;
	for (len = 0; len <= 40; len++)
		for (at = 0; at <= len; at++)
			for (k = 0; k < sizeof(odd); k++) {
				memset(s, 'x', len);
				if (at < len)
					s[at] = odd[k];
				s[len] = '\0';
				snprintf(name, sizeof(name), "length %zu, 0x%02x at %zu", len,
					 (unsigned char)odd[k], at);
				doc = cJSON_CreateString(s);
				assert_non_null(doc);
				same(doc, name);
				cJSON_Delete(doc);
				doc = NULL;
			}
}

/* Every kind of item, the numbers cJSON prints by its own rule among them. */
static void test_items(void **state)
{
	static const double numbers[] = { 0, -0.0, 1, -1, 1.5, 0.1, 1.0 / 3, 1e300, -1e-300,
					  5e-324, 123456789012345678.0, 2147483648.0, 1e21 };
	cJSON *a, *o, *item;
	size_t i;

	(void)state;
	doc = cJSON_CreateArray();
	assert_non_null(doc);
	for (i = 0; i < sizeof(numbers) / sizeof(*numbers); i++)
		cJSON_AddItemToArray(doc, cJSON_CreateNumber(numbers[i]));
	cJSON_AddItemToArray(doc, cJSON_CreateNumber(NAN));
	cJSON_AddItemToArray(doc, cJSON_CreateNumber(INFINITY));
	cJSON_AddItemToArray(doc, cJSON_CreateNull());
	cJSON_AddItemToArray(doc, cJSON_CreateTrue());
	cJSON_AddItemToArray(doc, cJSON_CreateFalse());
	cJSON_AddItemToArray(doc, cJSON_CreateRaw("12.50"));
	cJSON_AddItemToArray(doc, cJSON_CreateRaw(""));
	cJSON_AddItemToArray(doc, cJSON_CreateString(""));
	cJSON_AddItemToArray(doc, cJSON_CreateArray());
	cJSON_AddItemToArray(doc, cJSON_CreateObject());
	cJSON_AddItemToArray(doc, a = cJSON_CreateArray());
	cJSON_AddItemToArray(a, cJSON_CreateArray());
	cJSON_AddItemToArray(a, o = cJSON_CreateObject());
	cJSON_AddItemToObject(o, "k\"\t\x02", cJSON_CreateStringReference("const \\ ref"));
	cJSON_AddItemToObjectCS(o, "const key", cJSON_CreateNull());
	assert_int_equal(cJSON_GetArraySize(doc), 24);
	same(doc, "every kind");

	/* a string and a key with no text print as "" */
	item = cJSON_GetArrayItem(doc, 20); /* the "" string */
	cJSON_free(item->valuestring);
	item->valuestring = NULL;
	same(doc, "a string without text");
	cJSON_free(o->child->string);
	o->child->string = NULL;
	same(doc, "a key without text");

	/* what cJSON cannot print, neither can the line */
	item = cJSON_GetArrayItem(doc, 18); /* the raw "12.50" */
	cJSON_free(item->valuestring);
	item->valuestring = NULL;
	same(doc, "a raw item without text");
	assert_int_equal(gpuadv_json_line(doc, &buf, &cap), 0);
	item->type = cJSON_Invalid;
	same(doc, "an invalid item");
	assert_int_equal(gpuadv_json_line(NULL, &buf, &cap), 0);
}

/* Answers of every command on the built-in catalogue, printed one after
 * another into one buffer (which grows, then is reused). */
static void test_answers(void **state)
{
	static const char *const requests[] = {
		"{\"id\":1,\"command\":\"recommend\",\"workload\":\"cnn\",\"budget_usd\":1500}",
		"{\"id\":\"c\\u00e9\",\"command\":\"compare\",\"gpus\":[\"rtx3090\",\"a100\",\"rtx4090\"],\"workload\":\"transformer\"}",
		"{\"id\":2,\"command\":\"memory\",\"model\":\"llama-3.1-70b\",\"quant\":\"q4_k_m\",\"context_tokens\":8192}",
		"{\"command\":\"recommend\",\"model\":\"llama-3.1-70b\",\"quant\":\"q4_k_m\",\"max_gpus\":8}",
		"{\"command\":\"show\",\"gpu\":\"rtx3090\"}",
		"{\"command\":\"list\",\"workload\":\"cnn\"}",
		"{\"command\":\"models\"}",
		"{\"id\":3,\"command\":\"recommend\",\"workload\":\"cnn\",\"budget_usd\":50}",
		"{\"id\":4,\"command\":\"show\",\"gpu\":\"rtx\\u001b]0;x\\u0007\"}",
		NULL
	};
	struct gpuadv_catalog cat = gpuadv_embedded;
	struct gpuadv_request req;
	struct gpuadv_error err;
	char *first = NULL;
	size_t i, widest = 0;
	int rc;

	(void)state;
	for (i = 0; requests[i]; i++) {
		gpuadv_error_clear(&err);
		rc = gpuadv_request_parse(&req, &cat, requests[i], strlen(requests[i]), &err);
		if (rc == 0)
			rc = gpuadv_render_answer(&doc, &cat, &req, &err);
		if (rc && rc != GPUADV_ENOTFOUND)
			doc = gpuadv_render_answer_error(req.id, &err);
		assert_non_null(doc);
		assert_int_equal(gpuadv_request_echo_id(doc, &req, requests[i]), 0);
		gpuadv_request_release(&req);
		same(doc, requests[i]);
		cJSON_Delete(doc);
		doc = NULL;
		if (strlen(want) > widest) {
			widest = strlen(want);
			first = buf;
		}
	}
	assert_true(widest > 16384); /* the buffer grew past its first size */
	assert_ptr_equal(buf, first); /* and smaller lines after reused it */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_teardown(test_every_byte, release),
		cmocka_unit_test_teardown(test_escape_places, release),
		cmocka_unit_test_teardown(test_items, release),
		cmocka_unit_test_teardown(test_answers, release),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
