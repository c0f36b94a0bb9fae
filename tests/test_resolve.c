/*
 * test_resolve.c - finding a GPU by what a person types
 * (gpuadv_catalog_find_gpu) and the name normalisation behind it
 * (gpuadv_name_normalize), on tests/fixtures/good-full.yaml: rtx-3090
 * (aliases rtx3090, 3090), rtx-3090-ti (alias rtx3090ti) and v100-16gb-pcie.
 *
 * Table-driven: each table ends in a sentinel row.
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
#include "testutil.h"

static struct gpuadv_catalog cat;

static int setup(void **state)
{
	(void)state;
	return test_load_catalog(&cat, GPUADV_FIXTURES "/good-full.yaml");
}

static int teardown(void **state)
{
	(void)state;
	gpuadv_catalog_release(&cat);
	return 0;
}

/* ---- gpuadv_name_normalize ---------------------------------------------- */

struct norm_case {
	const char *name;
	size_t size;      /* buffer size handed over */
	bool ok;
	const char *want; /* when ok */
};

static const struct norm_case norm_cases[] = {
	{ "RTX 3090", 64, true, "rtx3090" },
	{ "rtx-3090", 64, true, "rtx3090" },
	{ "GeForce_RTX-3090 Ti", 64, true, "geforcertx3090ti" },
	{ "  A100\t80GB  ", 64, true, "a10080gb" },
	{ "- _ -", 64, true, "" },
	{ "", 64, true, "" },
	{ "Ada Lovelace", 64, true, "adalovelace" },
	{ "x.y/z", 64, true, "x.y/z" },         /* other punctuation is kept */
	{ "\xc3\x89t\xc3\xa9", 64, true, "\xc3\x89t\xc3\xa9" }, /* UTF-8 kept as is */
	{ "RTX 3090", 8, true, "rtx3090" },     /* 7 characters and the NUL: fits */
	{ "RTX 3090", 7, false, NULL },         /* one short */
	{ "", 1, true, "" },
	{ "a", 1, false, NULL },
	{ "", 0, false, NULL },                 /* no room even for the NUL */
	{ NULL, 0, false, NULL }
};

static void test_normalize(void **state)
{
	const struct norm_case *t;

	(void)state;
	for (t = norm_cases; t->name; t++) {
		char buf[64];
		bool ok;

		memset(buf, '#', sizeof(buf));
		ok = gpuadv_name_normalize(buf, t->size, t->name);
		if (ok != t->ok)
			fail_msg("normalize('%s', %zu) returned %d", t->name, t->size, ok);
		if (ok)
			assert_string_equal(buf, t->want);
		/* Never writes at or past size. */
		if (t->size < sizeof(buf) && buf[t->size] != '#')
			fail_msg("normalize('%s', %zu) wrote past the buffer", t->name,
				 t->size);
	}
}

/* ---- gpuadv_catalog_find_gpu --------------------------------------------- */

struct find_case {
	const char *typed;
	const char *id;  /* the GPU found, or NULL */
	const char *msg; /* when not found: the whole message, or NULL */
	const char *has; /* when not found: a substring, or NULL */
	const char *lacks; /* when not found: text the message must not have */
};

static const struct find_case find_cases[] = {
	/* id, alias and name, in any case, with or without separators */
	{ "rtx-3090", "rtx-3090", NULL, NULL, NULL },
	{ "RTX-3090", "rtx-3090", NULL, NULL, NULL },
	{ "rtx3090", "rtx-3090", NULL, NULL, NULL },
	{ "RTX 3090", "rtx-3090", NULL, NULL, NULL },
	{ "rtx_3090", "rtx-3090", NULL, NULL, NULL },
	{ "3090", "rtx-3090", NULL, NULL, NULL },
	{ "GeForce RTX 3090", "rtx-3090", NULL, NULL, NULL },
	{ "geforce_rtx_3090", "rtx-3090", NULL, NULL, NULL },
	{ " r-t-x 30 90 ", "rtx-3090", NULL, NULL, NULL },
	{ "rtx-3090-ti", "rtx-3090-ti", NULL, NULL, NULL },
	{ "RTX 3090 Ti", "rtx-3090-ti", NULL, NULL, NULL },
	{ "GEFORCE RTX 3090 TI", "rtx-3090-ti", NULL, NULL, NULL },
	{ "Tesla V100 PCIe 16GB", "v100-16gb-pcie", NULL, NULL, NULL },
	{ "v100 16gb pcie", "v100-16gb-pcie", NULL, NULL, NULL },
	/* unknown: suggestions, closest first */
	{ "rtx3900", NULL,
	  "unknown GPU 'rtx3900'; did you mean 'rtx-3090' or 'rtx-3090-ti'?",
	  NULL, NULL },
	{ "RTX 3900", NULL, NULL, "unknown GPU 'RTX 3900'; did you mean 'rtx-3090'",
	  NULL },
	{ "v100-16gb", NULL, NULL, "did you mean 'v100-16gb-pcie'?", NULL },
	/* unknown and nothing close */
	{ "zzzzzzzzzz", NULL, "unknown GPU 'zzzzzzzzzz'", NULL, NULL },
	{ "a6000", NULL, NULL, "unknown GPU 'a6000'", "did you mean" },
	/* names that normalise to nothing */
	{ "", NULL, "unknown GPU ''", NULL, NULL },
	{ " - _ ", NULL, NULL, "unknown GPU", "did you mean" },
	{ NULL, NULL, NULL, NULL, NULL }
};

static void test_find(void **state)
{
	const struct find_case *t;

	(void)state;
	for (t = find_cases; t->typed; t++) {
		struct gpuadv_error err;
		const struct gpuadv_gpu *g;

		memset(&err, 0x5A, sizeof(err));
		err.message[sizeof(err.message) - 1] = '\0';
		g = gpuadv_catalog_find_gpu(&cat, t->typed, &err);
		if (t->id) {
			if (!g)
				fail_msg("'%s' not found: %s", t->typed, err.message);
			assert_string_equal(g->id, t->id);
			continue;
		}
		if (g)
			fail_msg("'%s' found %s, want nothing", t->typed, g->id);
		assert_int_equal(err.code, GPUADV_EUSAGE);
		assert_int_equal(err.line, 0);
		assert_null(strchr(err.message, '\n'));
		if (t->msg)
			assert_string_equal(err.message, t->msg);
		if (t->has && !strstr(err.message, t->has))
			fail_msg("'%s': message '%s' lacks '%s'", t->typed, err.message,
				 t->has);
		if (t->lacks && strstr(err.message, t->lacks))
			fail_msg("'%s': message '%s' has '%s'", t->typed, err.message,
				 t->lacks);
	}
}

/* Input longer than any name, and longer than the normaliser's buffer: no
 * crash, no match, and a message cut to a sane length. */
static void test_long_input(void **state)
{
	static const size_t lengths[] = { 64, 65, 1024, 1025, 5000, 0 };
	size_t i;

	(void)state;
	for (i = 0; lengths[i]; i++) {
		struct gpuadv_error err;
		char *s = malloc(lengths[i] + 1);

		assert_non_null(s);
		memset(s, 'r', lengths[i]);
		s[lengths[i]] = '\0';
		assert_null(gpuadv_catalog_find_gpu(&cat, s, &err));
		assert_int_equal(err.code, GPUADV_EUSAGE);
		assert_true(strncmp(err.message, "unknown GPU 'rrrr", 17) == 0);
		assert_true(strlen(err.message) < 300);
		free(s);
	}
	/* A long name that still resolves once separators are dropped. */
	{
		char s[3000];
		size_t k;
		struct gpuadv_error err;
		const struct gpuadv_gpu *g;

		memset(s, ' ', sizeof(s));
		memcpy(s + 2000, "rtx3090", 7);
		s[2100] = '\0';
		for (k = 0; k < 2000; k += 2)
			s[k] = '-';
		g = gpuadv_catalog_find_gpu(&cat, s, &err);
		assert_non_null(g);
		assert_string_equal(g->id, "rtx-3090");
	}
}

/* A NULL err is allowed; an empty catalogue finds nothing. */
static void test_edges(void **state)
{
	struct gpuadv_catalog empty;
	struct gpuadv_error err;

	(void)state;
	assert_null(gpuadv_catalog_find_gpu(&cat, "nope", NULL));
	assert_non_null(gpuadv_catalog_find_gpu(&cat, "3090", NULL));
	memset(&empty, 0, sizeof(empty));
	assert_null(gpuadv_catalog_find_gpu(&empty, "rtx3090", &err));
	assert_int_equal(err.code, GPUADV_EUSAGE);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_normalize),
		cmocka_unit_test(test_find),
		cmocka_unit_test(test_long_input),
		cmocka_unit_test(test_edges),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
