/*
 * test_escape.c - the one rule for outside text (src/base/escape.c): the
 * escape function itself, table-driven; every error message passing through
 * it (gpuadv_error_set); and the text renderers' escape hook, with a GPU
 * name holding a terminal escape put into a loaded catalogue by hand (the
 * loader refuses such names, so only a hand-made catalogue can hold one).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "gpu_advisor/catalog.h"
#include "gpu_advisor/engine.h"
#include "gpu_advisor/error.h"
#include "gpu_advisor/render.h"
#include "testutil.h"

static const struct {
	const char *name;
	const char *in;
	size_t size; /* of the output buffer; 0: 256 */
	unsigned flags;
	const char *want;
} rows[] = {
	{ .name = "plain ASCII", .in = "rtx 3090", .want = "rtx 3090" },
	{ .name = "UTF-8 kept", .in = "caf\xc3\xa9 \xf0\x9f\x98\x80", .want = "caf\xc3\xa9 \xf0\x9f\x98\x80" },
	{ .name = "OSC title and colour", .in = "\x1b]0;PWNED\x07\x1b[31m", .want = "\\x1b]0;PWNED\\x07\\x1b[31m" },
	{ .name = "C1 CSI", .in = "a\xc2\x9b" "2J", .want = "a\\xc2\\x9b2J" },
	{ .name = "DEL", .in = "a\x7f", .want = "a\\x7f" },
	/* Bidirectional controls reorder what a terminal shows after them. */
	{ .name = "RLO (U+202E)", .in = "RTX \xe2\x80\xae" "0903", .want = "RTX \\xe2\\x80\\xae0903" },
	{ .name = "LRE, PDF, LRM, RLM", .in = "\xe2\x80\xaa\xe2\x80\xac\xe2\x80\x8e\xe2\x80\x8f",
	  .want = "\\xe2\\x80\\xaa\\xe2\\x80\\xac\\xe2\\x80\\x8e\\xe2\\x80\\x8f" },
	{ .name = "RLI, PDI", .in = "\xe2\x81\xa7x\xe2\x81\xa9", .want = "\\xe2\\x81\\xa7x\\xe2\\x81\\xa9" },
	{ .name = "ALM (U+061C)", .in = "\xd8\x9c", .want = "\\xd8\\x9c" },
	{ .name = "neighbours kept (U+202F, U+2065, U+200D)", .in = "\xe2\x80\xaf\xe2\x81\xa5\xe2\x80\x8d",
	  .want = "\xe2\x80\xaf\xe2\x81\xa5\xe2\x80\x8d" },
	{ .name = "newline escaped", .in = "a\nb", .want = "a\\x0ab" },
	{ .name = "newline kept on request", .in = "a\nb\tc", .flags = GPUADV_ESCAPE_KEEP_NEWLINE, .want = "a\nb\tc" },
	{ .name = "bad byte", .in = "a\xff" "b", .want = "a\\xffb" },
	{ .name = "overlong", .in = "\xc0\xaf", .want = "\\xc0\\xaf" },
	{ .name = "surrogate", .in = "\xed\xa0\x80", .want = "\\xed\\xa0\\x80" },
	{ .name = "cut character", .in = "ab\xc3", .want = "ab\\xc3" },
	{ .name = "backslash kept (idempotent)", .in = "\\x1b", .want = "\\x1b" },
	{ .name = "full: no half character", .in = "ab\xc3\xa9", .size = 4, .want = "ab" },
	{ .name = "full: no half escape", .in = "a\x1b", .size = 5, .want = "a" },
	{ .name = NULL }
};

static void test_rows(void **state)
{
	char out[256];
	size_t i, n;

	(void)state;
	for (i = 0; rows[i].name; i++) {
		n = gpuadv_escape(out, rows[i].size ? rows[i].size : sizeof(out), rows[i].in,
				  strlen(rows[i].in), rows[i].flags);
		if (strcmp(out, rows[i].want) != 0)
			fail_msg("%s: got '%s', want '%s'", rows[i].name, out, rows[i].want);
		assert_int_equal(n, strlen(out));
	}
}

/* Messages quote outside text: whatever was quoted, the message is clean
 * UTF-8 without control characters, even when cut at the size limit. */
static void test_error_messages(void **state)
{
	struct gpuadv_error err;
	char long_name[2000];
	size_t i;

	(void)state;
	gpuadv_error_set(&err, GPUADV_EDATA, "unknown GPU '%s'", "x\x1b]0;PWNED\x07");
	assert_string_equal(err.message, "unknown GPU 'x\\x1b]0;PWNED\\x07'");
	gpuadv_error_at(&err, GPUADV_EDATA, "evil\x1b[2J.yaml", 1, 2, "bad");
	assert_string_equal(err.file, "evil\\x1b[2J.yaml");
	/* a request value cut by '%.100s' in the middle of a character */
	memset(long_name, 'a', 99);
	strcpy(long_name + 99, "\xc3\xa9");
	gpuadv_error_set(&err, GPUADV_EDATA, "unknown workload '%.100s'", long_name);
	assert_non_null(strstr(err.message, "a\\xc3'"));
	/* longer than a message: cut between characters */
	for (i = 0; i + 2 < sizeof(long_name); i += 2)
		memcpy(long_name + i, "\xc3\xa9", 2);
	long_name[i] = '\0';
	gpuadv_error_set(&err, GPUADV_EDATA, "%s", long_name);
	for (i = 0; err.message[i]; i += gpuadv_utf8_len(err.message + i, strlen(err.message + i)))
		assert_true(gpuadv_utf8_len(err.message + i, strlen(err.message + i)) > 0);
}

static char *render_all(struct gpuadv_catalog *cat, int color)
{
	struct gpuadv_render_opts o = { .format = GPUADV_FORMAT_TEXT, .color = color };
	const struct gpuadv_gpu *pair[2] = { &cat->gpus[0], &cat->gpus[1] };
	const struct gpuadv_gpu *list[3] = { &cat->gpus[0], &cat->gpus[1], &cat->gpus[2] };
	struct gpuadv_recommendation rec;
	struct gpuadv_comparison cmp;
	struct gpuadv_query q, qc;
	struct gpuadv_error err;
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	assert_non_null(f);
	gpuadv_query_init(&q, GPUADV_CMD_RECOMMEND);
	q.workload = &cat->workloads[0];
	assert_int_equal(gpuadv_query_validate(&q, GPUADV_NAMING_FLAG, &err), 0);
	gpuadv_query_init(&qc, GPUADV_CMD_COMPARE);
	qc.gpus[0] = pair[0];
	qc.gpus[1] = pair[1];
	qc.gpu_count = 2;
	assert_int_equal(gpuadv_query_validate(&qc, GPUADV_NAMING_FLAG, &err), 0);
	if (gpuadv_engine_recommend(&rec, cat, &q, &err) == 0) {
		assert_int_equal(gpuadv_render_recommendation(f, cat, &rec, &o,
							      GPUADV_RENDER_REASONS |
							      GPUADV_RENDER_EXCLUDED, &err), 0);
		gpuadv_recommendation_release(&rec);
	}
	assert_int_equal(gpuadv_engine_compare(&cmp, cat, &qc, &err), 0);
	assert_int_equal(gpuadv_render_comparison(f, cat, &cmp, &o, &err), 0);
	gpuadv_comparison_release(&cmp);
	assert_int_equal(gpuadv_render_gpu_list(f, cat, list, 3, &o, &err), 0);
	assert_int_equal(gpuadv_render_gpu(f, cat, &cat->gpus[0], &o, &err), 0);
	assert_int_equal(fclose(f), 0);
	return buf;
}

/* Regression (issue 9, item 7): names reached the terminal raw in
 * recommend --reasons and compare. */
static void test_text_output(void **state)
{
	struct gpuadv_catalog cat;
	const char *evil = "Evil\x1b]0;PWNED\x07\x1b[31m\xc2\x9b" "2J";
	char *out;
	int color;

	(void)state;
	assert_int_equal(test_load_catalog(&cat, GPUADV_FIXTURES "/engine.yaml"), 0);
	for (size_t i = 0; i < cat.gpu_count; i++)
		cat.gpus[i].name = evil;
	for (color = 0; color <= 1; color++) {
		out = render_all(&cat, color);
		assert_null(strstr(out, "\x1b]"));
		assert_null(strstr(out, "\x07"));
		assert_null(strstr(out, "\x1b[31m"));
		assert_null(strstr(out, "\xc2\x9b"));
		assert_non_null(strstr(out, "\\x1b]0;PWNED"));
		if (color)
			assert_non_null(strstr(out, "\x1b[1m")); /* our own bold stays */
		free(out);
	}
	gpuadv_catalog_release(&cat);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rows),
		cmocka_unit_test(test_error_messages),
		cmocka_unit_test(test_text_output),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
