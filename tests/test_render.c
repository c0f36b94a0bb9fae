/*
 * test_render.c - the renderers of render.h, on tests/fixtures/good-full.yaml
 * (three GPUs: one with every figure and a street price, one with a launch
 * price only, one unpriced). Output goes to a tmpfile() and is read back:
 * JSON must parse with cJSON and have the documented shape (schema_version,
 * catalog, gpus/gpu/architectures, unknown figures as null); text must be a
 * table with a header and one line per GPU. Writing to a stream that fails
 * (/dev/full, unbuffered) must return GPUADV_EIO for every renderer and
 * format.
 *
 * Rows marked "Regression:" caught a defect in code outside the tests, since
 * fixed; they keep it fixed.
 */
#include <cjson/cJSON.h>
#include <locale.h>
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
#include "testutil.h"
#include "gpu_advisor/render.h"

static struct gpuadv_catalog cat;
static const struct gpuadv_gpu *all[8];

static int setup(void **state)
{
	size_t i;

	(void)state;
	if (test_load_catalog(&cat, GPUADV_FIXTURES "/good-full.yaml"))
		return -1;
	if (cat.gpu_count != 3)
		return -1;
	for (i = 0; i < cat.gpu_count; i++)
		all[i] = &cat.gpus[i];
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	gpuadv_catalog_release(&cat);
	return 0;
}

/* What a renderer wrote to a tmpfile, as a string the caller frees. */
static char *slurp(FILE *f)
{
	long size;
	char *buf;

	assert_int_equal(fflush(f), 0);
	size = ftell(f);
	assert_true(size >= 0);
	rewind(f);
	buf = malloc((size_t)size + 1);
	assert_non_null(buf);
	assert_int_equal(fread(buf, 1, (size_t)size, f), (size_t)size);
	buf[size] = '\0';
	fclose(f);
	return buf;
}

enum what { LIST, ONE, ARCHS };

static int render(FILE *f, enum what w, enum gpuadv_format fmt, size_t n,
		  struct gpuadv_error *err)
{
	struct gpuadv_render_opts ro = { .format = fmt, .color = 0, .columns = 0 };

	switch (w) {
	case LIST:
		return gpuadv_render_gpu_list(f, &cat, all, n, &ro, err);
	case ONE:
		return gpuadv_render_gpu(f, &cat, all[0], &ro, err);
	case ARCHS:
		return gpuadv_render_archs(f, &cat, &ro, err);
	}
	return -1;
}

static char *render_to_string(enum what w, enum gpuadv_format fmt, size_t n)
{
	struct gpuadv_error err;
	FILE *f = tmpfile();
	int rc;

	assert_non_null(f);
	rc = render(f, w, fmt, n, &err);
	if (rc != 0)
		fail_msg("render %d/%d: %d %s", w, fmt, rc, err.message);
	return slurp(f);
}

static cJSON *parse_json(const char *text)
{
	cJSON *doc = cJSON_Parse(text);

	if (!doc)
		fail_msg("not JSON: %.200s", text);
	/* One document, one trailing newline. */
	assert_true(strlen(text) > 0 && text[strlen(text) - 1] == '\n');
	return doc;
}

/* The header every JSON document starts with. */
static void check_header(const cJSON *doc)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(doc, "schema_version");
	const cJSON *c = cJSON_GetObjectItemCaseSensitive(doc, "catalog");

	assert_true(cJSON_IsNumber(v));
	assert_true(v->valuedouble == GPUADV_JSON_SCHEMA_VERSION);
	assert_int_equal(GPUADV_JSON_SCHEMA_VERSION, 1);
	assert_true(cJSON_IsObject(c));
	assert_string_equal(cJSON_GetObjectItemCaseSensitive(c, "origin")->valuestring,
			    "good-full.yaml");
	assert_true(cJSON_GetObjectItemCaseSensitive(c, "schema_version")->valuedouble == 1);
	assert_string_equal(cJSON_GetObjectItemCaseSensitive(c, "as_of")->valuestring,
			    "2026-01-15");
	assert_string_equal(cJSON_GetObjectItemCaseSensitive(c, "reference_gpu")->valuestring,
			    "rtx-3090");
	assert_true(cJSON_GetObjectItemCaseSensitive(c, "gpu_count")->valuedouble == 3);
}

/* The keys of a GPU object besides the gpuadv_gpu_fields[] figures
 * (src/render_json.c, docs/json.md). */
static const char *const gpu_keys[] = {
	"id", "name", "aliases", "architecture", "architecture_name", "segment",
	"tensor_precisions", "memory_type", "nvlink", "form_factor",
	"street_price_condition", "price_as_of", "price_source", "price_usd",
	"price_basis", "sold_as", "price", "cloud_usd_per_hour", "cloud_price_as_of",
	"cloud_price_source", "sources", "notes", NULL
};

static void check_gpu_object(const cJSON *o, const struct gpuadv_gpu *g)
{
	const cJSON *it;
	size_t i, nkeys = 0;

	assert_true(cJSON_IsObject(o));
	for (i = 0; gpu_keys[i]; i++, nkeys++)
		if (!cJSON_HasObjectItem(o, gpu_keys[i]))
			fail_msg("%s: no key '%s'", g->id, gpu_keys[i]);
	for (i = 0; i < GPUADV_F_COUNT; i++, nkeys++) {
		it = cJSON_GetObjectItemCaseSensitive(o, gpuadv_gpu_fields[i].key);
		if (!it)
			fail_msg("%s: no key '%s'", g->id, gpuadv_gpu_fields[i].key);
		/* Unknown is null, never 0 or a guess. */
		if (isnan(g->v[i]) ? !cJSON_IsNull(it)
				   : !(cJSON_IsNumber(it) && it->valuedouble == g->v[i]))
			fail_msg("%s: '%s' does not match the catalogue", g->id,
				 gpuadv_gpu_fields[i].key);
	}
	assert_int_equal(cJSON_GetArraySize(o), (int)nkeys); /* nothing else */
	assert_string_equal(cJSON_GetObjectItemCaseSensitive(o, "id")->valuestring, g->id);
	assert_string_equal(cJSON_GetObjectItemCaseSensitive(o, "architecture")->valuestring,
			    g->arch->id);
	it = cJSON_GetObjectItemCaseSensitive(o, "memory_type");
	if (g->memory_type)
		assert_string_equal(it->valuestring, g->memory_type);
	else
		assert_true(cJSON_IsNull(it));
	it = cJSON_GetObjectItemCaseSensitive(o, "nvlink");
	assert_true(g->nvlink < 0 ? cJSON_IsNull(it)
				  : g->nvlink ? cJSON_IsTrue(it) : cJSON_IsFalse(it));
	it = cJSON_GetObjectItemCaseSensitive(o, "sources");
	assert_true(cJSON_IsArray(it));
	assert_int_equal(cJSON_GetArraySize(it), (int)g->sources.count);
}

static void test_list_json(void **state)
{
	char *text = render_to_string(LIST, GPUADV_FORMAT_JSON, 3);
	cJSON *doc = parse_json(text), *gpus, *o;
	size_t i;

	(void)state;
	check_header(doc);
	gpus = cJSON_GetObjectItemCaseSensitive(doc, "gpus");
	assert_true(cJSON_IsArray(gpus));
	assert_int_equal(cJSON_GetArraySize(gpus), 3);
	for (i = 0; i < 3; i++)
		check_gpu_object(cJSON_GetArrayItem(gpus, (int)i), all[i]);

	/* Spot checks against the fixture. */
	o = cJSON_GetArrayItem(gpus, 0);
	assert_true(cJSON_GetObjectItemCaseSensitive(o, "memory_gb")->valuedouble == 24);
	assert_true(cJSON_GetObjectItemCaseSensitive(o, "price_usd")->valuedouble == 900);
	/* the deprecated street price of a catalogue without a price list */
	assert_string_equal(cJSON_GetObjectItemCaseSensitive(o, "price_basis")->valuestring,
			    "used");
	o = cJSON_GetArrayItem(gpus, 1);
	assert_true(cJSON_IsNull(cJSON_GetObjectItemCaseSensitive(o, "tdp_w")));
	assert_true(cJSON_IsNull(cJSON_GetObjectItemCaseSensitive(o, "notes")));
	assert_true(cJSON_GetObjectItemCaseSensitive(o, "price_usd")->valuedouble == 1999);
	assert_string_equal(cJSON_GetObjectItemCaseSensitive(o, "price_basis")->valuestring,
			    "launch");
	o = cJSON_GetArrayItem(gpus, 2);
	assert_true(cJSON_IsNull(cJSON_GetObjectItemCaseSensitive(o, "price_usd")));
	assert_string_equal(cJSON_GetObjectItemCaseSensitive(o, "price_basis")->valuestring,
			    "unknown");
	assert_true(cJSON_IsFalse(cJSON_GetObjectItemCaseSensitive(o, "nvlink")));
	cJSON_Delete(doc);
	free(text);

	/* An empty list is still a document, with an empty array. */
	text = render_to_string(LIST, GPUADV_FORMAT_JSON, 0);
	doc = parse_json(text);
	check_header(doc);
	gpus = cJSON_GetObjectItemCaseSensitive(doc, "gpus");
	assert_true(cJSON_IsArray(gpus));
	assert_int_equal(cJSON_GetArraySize(gpus), 0);
	cJSON_Delete(doc);
	free(text);
}

static void test_gpu_and_archs_json(void **state)
{
	char *text = render_to_string(ONE, GPUADV_FORMAT_JSON, 0);
	cJSON *doc = parse_json(text), *archs, *a;

	(void)state;
	check_header(doc);
	/* show adds the dated prices (none here: no price list) */
	a = cJSON_DetachItemFromObjectCaseSensitive(cJSON_GetObjectItemCaseSensitive(doc, "gpu"),
						    "prices");
	assert_true(cJSON_IsArray(a) && cJSON_GetArraySize(a) == 0);
	cJSON_Delete(a);
	check_gpu_object(cJSON_GetObjectItemCaseSensitive(doc, "gpu"), all[0]);
	cJSON_Delete(doc);
	free(text);

	text = render_to_string(ARCHS, GPUADV_FORMAT_JSON, 0);
	doc = parse_json(text);
	check_header(doc);
	archs = cJSON_GetObjectItemCaseSensitive(doc, "architectures");
	assert_int_equal(cJSON_GetArraySize(archs), 2);
	a = cJSON_GetArrayItem(archs, 0);
	assert_string_equal(cJSON_GetObjectItemCaseSensitive(a, "id")->valuestring, "volta");
	assert_string_equal(cJSON_GetObjectItemCaseSensitive(a, "name")->valuestring, "Volta");
	assert_true(cJSON_GetObjectItemCaseSensitive(a, "year")->valuedouble == 2017);
	assert_int_equal(cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(a, "tensor_precisions")), 1);
	a = cJSON_GetArrayItem(archs, 1);
	assert_string_equal(cJSON_GetObjectItemCaseSensitive(a, "id")->valuestring, "ampere");
	assert_int_equal(cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(a, "tensor_precisions")), 5);
	assert_int_equal(cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(a, "memory_types")), 2);
	cJSON_Delete(doc);
	free(text);
}

/* Regression (issue 9): a stated figure with more than 9 decimals was
 * printed rounded (1500.0000000001 as 1500) although docs/json.md promises
 * stated figures exactly. */
static void test_stated_figure_exact(void **state)
{
	struct gpuadv_gpu *g = &cat.gpus[0];
	double saved = g->v[GPUADV_F_MEMORY_GB];
	cJSON *o;
	char *text;

	(void)state;
	g->v[GPUADV_F_MEMORY_GB] = 1500.0000000001;
	o = gpuadv_json_gpu_brief(g);
	assert_non_null(o);
	text = cJSON_PrintUnformatted(o);
	assert_non_null(text);
	assert_non_null(strstr(text, "\"memory_gb\":1500.0000000001"));
	cJSON_free(text);
	cJSON_Delete(o);
	g->v[GPUADV_F_MEMORY_GB] = saved;
}

/* Split text into lines (modifies it); returns the count. */
static size_t lines_of(char *text, char **lines, size_t max)
{
	size_t n = 0;
	char *p = text, *nl;

	while (*p && n < max) {
		nl = strchr(p, '\n');
		lines[n++] = p;
		if (!nl)
			break;
		*nl = '\0';
		p = nl + 1;
	}
	return n;
}

static void test_list_text(void **state)
{
	char *text = render_to_string(LIST, GPUADV_FORMAT_TEXT, 3), *lines[16];
	size_t n, i;

	(void)state;
	assert_non_null(strchr(text, '\n'));
	assert_null(strchr(text, '\033')); /* no colour when not asked */
	n = lines_of(text, lines, 16);
	assert_int_equal(n, 5); /* header, one line per GPU, what '*' means */
	assert_non_null(strstr(lines[4], "* seen more than six months ago"));
	assert_non_null(strstr(lines[0], "ID"));
	assert_non_null(strstr(lines[0], "NAME"));
	assert_non_null(strstr(lines[0], "PRICE"));
	for (i = 0; i < 3; i++) {
		if (strncmp(lines[i + 1], all[i]->id, strlen(all[i]->id)) != 0)
			fail_msg("line %zu '%s' does not start with %s", i + 1,
				 lines[i + 1], all[i]->id);
		assert_non_null(strstr(lines[i + 1], all[i]->name));
	}
	assert_non_null(strstr(lines[1], "$900"));
	assert_non_null(strstr(lines[1], "used 2026-01-10"));
	assert_non_null(strstr(lines[2], "$1999"));
	assert_non_null(strstr(lines[2], "launch"));
	assert_non_null(strstr(lines[3], "unknown"));
	free(text);
}

/*
 * Regression (ux audit): on an 80-column terminal libsmartcols cut the
 * truncatable columns down to their headings, "NAME" to "GeFo" and
 * "ARCH" to "Volt", and the line still did not fit. A cut column keeps at
 * least 16 characters and enough to tell its cells apart ("GeForce RTX
 * 3090" from "GeForce RTX 3090 Ti").
 */
static void test_list_text_narrow(void **state)
{
	static const struct { size_t columns; const char *want[6]; } rows[] = {
		{ 80, { "GeForce RTX 3090  ", "GeForce RTX 3090 T", "Tesla V100 PCIe ", "Ampere", "Volta", NULL } },
		{ 40, { "GeForce RTX 3090  ", "GeForce RTX 3090 T", "Tesla V100 PCIe ", "Ampere", "Volta", NULL } },
		{ 400, { "GeForce RTX 3090 Ti", "Tesla V100 PCIe 16GB", NULL } },
		{ 0, { NULL } }
	};
	struct gpuadv_render_opts ro = { .format = GPUADV_FORMAT_TEXT };
	struct gpuadv_error err;
	size_t r, k;

	(void)state;
	for (r = 0; rows[r].columns; r++) {
		FILE *f = tmpfile();
		char *text;

		assert_non_null(f);
		ro.columns = (int)rows[r].columns;
		assert_int_equal(gpuadv_render_gpu_list(f, &cat, all, 3, &ro, &err), 0);
		text = slurp(f);
		for (k = 0; rows[r].want[k]; k++)
			if (!strstr(text, rows[r].want[k]))
				fail_msg("%zu columns: no '%s' in\n%s", rows[r].columns,
					 rows[r].want[k], text);
		free(text);
	}
}

/* Whether s is valid UTF-8 (no sequence cut short). */
static bool utf8_valid(const char *s)
{
	const unsigned char *u = (const unsigned char *)s;

	while (*u) {
		size_t k = *u < 0x80 ? 0 : (*u & 0xe0) == 0xc0 ? 1 : (*u & 0xf0) == 0xe0 ? 2
			   : (*u & 0xf8) == 0xf0 ? 3 : 4;

		if (k == 4)
			return false;
		for (u++; k; k--, u++)
			if ((*u & 0xc0) != 0x80)
				return false;
	}
	return true;
}

/*
 * Regression: a cut cell was copied through a 512-byte buffer, so a name
 * longer than that, cut on a wide terminal, lost its end mid-character
 * ("x" then 300 two-byte letters, cut at byte 508: half a letter, which
 * libsmartcols printed as the text "\\xc3").
 */
static void test_list_text_cut_long(void **state)
{
	struct gpuadv_render_opts ro = { .format = GPUADV_FORMAT_TEXT, .columns = 400 };
	struct gpuadv_error err;
	const char *saved = cat.gpus[0].name;
	char name[1 + 300 * 2 + 1], *text;
	FILE *f = tmpfile();
	size_t i;

	(void)state;
	if (!setlocale(LC_CTYPE, "C.UTF-8"))
		skip(); /* libsmartcols escapes all but ASCII elsewhere */
	assert_non_null(f);
	name[0] = 'x';
	for (i = 0; i < 300; i++)
		memcpy(name + 1 + 2 * i, "\xc3\xa9", 2); /* e acute */
	name[sizeof(name) - 1] = '\0';
	cat.gpus[0].name = name;
	i = (size_t)gpuadv_render_gpu_list(f, &cat, all, 3, &ro, &err);
	cat.gpus[0].name = saved;
	setlocale(LC_CTYPE, "C");
	assert_int_equal(i, 0);
	text = slurp(f);
	assert_true(strstr(text, "x\xc3\xa9\xc3\xa9") != NULL);
	assert_null(strstr(text, name)); /* it was cut */
	/* libsmartcols shows a cut-short sequence as the text "\xc3" */
	if (!utf8_valid(text) || strstr(text, "\\x"))
		fail_msg("a character cut in half in\n%s", text);
	free(text);
}

static void test_gpu_and_archs_text(void **state)
{
	char *text = render_to_string(ONE, GPUADV_FORMAT_TEXT, 0);

	(void)state;
	assert_non_null(strstr(text, "rtx-3090"));
	assert_non_null(strstr(text, "GeForce RTX 3090"));
	assert_non_null(strstr(text, "Ampere (ampere)"));
	assert_non_null(strstr(text, "memory_gb"));
	assert_non_null(strstr(text, "NVIDIA Ampere GA102 whitepaper"));
	/* good-full.yaml has no price list: its deprecated street price */
	assert_non_null(strstr(text, "$900 (used 2026-01-10)"));
	free(text);

	text = render_to_string(ARCHS, GPUADV_FORMAT_TEXT, 0);
	assert_non_null(strstr(text, "ID"));
	assert_non_null(strstr(text, "Volta"));
	assert_non_null(strstr(text, "Ampere"));
	assert_non_null(strstr(text, "fp16,bf16,tf32,int8,int4"));
	free(text);
}

/* ---- write failures ------------------------------------------------------ */

struct fail_case {
	enum what what;
	enum gpuadv_format format;
	const char *name;
};

static const struct fail_case fail_cases[] = {
	{ LIST, GPUADV_FORMAT_JSON, "list json" },
	{ ONE, GPUADV_FORMAT_JSON, "gpu json" },
	{ ARCHS, GPUADV_FORMAT_JSON, "archs json" },
	/* Text tables check ferror(out) after fflush: scols_print_table()
	 * returns 0 even when every write failed, and text rows once reported
	 * success to library callers (the CLI exits 74 from main()'s check). */
	{ LIST, GPUADV_FORMAT_TEXT, "list text" },
	{ ONE, GPUADV_FORMAT_TEXT, "gpu text" },
	{ ARCHS, GPUADV_FORMAT_TEXT, "archs text" },
	{ LIST, 0, NULL }
};

static void test_write_failure(void **state)
{
	const struct fail_case *t;
	int failed = 0;

	(void)state;
	for (t = fail_cases; t->name; t++) {
		struct gpuadv_error err;
		FILE *f = fopen("/dev/full", "w");
		int rc;

		if (!f)
			skip();
		setvbuf(f, NULL, _IONBF, 0);
		gpuadv_error_clear(&err);
		rc = render(f, t->what, t->format, 3, &err);
		fclose(f);
		if (rc != GPUADV_EIO || err.code != GPUADV_EIO) {
			print_error("%s to /dev/full: rc %d, want GPUADV_EIO (%d)\n",
				    t->name, rc, GPUADV_EIO);
			failed++;
		}
	}
	if (failed)
		fail_msg("%d renderers did not report a failed write", failed);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_list_json),
		cmocka_unit_test(test_gpu_and_archs_json),
		cmocka_unit_test(test_stated_figure_exact),
		cmocka_unit_test(test_list_text),
		cmocka_unit_test(test_list_text_narrow),
		cmocka_unit_test(test_list_text_cut_long),
		cmocka_unit_test(test_gpu_and_archs_text),
		cmocka_unit_test(test_write_failure),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
