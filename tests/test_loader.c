/*
 * test_loader.c - the strict catalogue loader, gpuadv_catalog_load().
 *
 * Table-driven: bad_cases[] lists broken fixtures (tests/fixtures/bad-*.yaml)
 * with the error code, line, column and message text the loader must give;
 * good_cases[] lists valid ones. Inputs that are better made than stored (a
 * string over the length limit, a file over 4 MiB, 20,000 GPUs, a mapping of
 * 100,000 keys that must load in seconds) are generated here. The
 * last test loads the shipped data/catalog.yaml and checks its size and the
 * RTX 3090's figures against NVIDIA's published ones.
 *
 * Rows marked "Regression:" caught a defect in code outside the tests, since
 * fixed; they keep it fixed.
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <signal.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>

#include "gpu_advisor/catalog.h"

/* Read a whole file; fails the test when it cannot. */
static char *read_path(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf;
	long size;

	if (!f)
		fail_msg("cannot open %s", path);
	assert_int_equal(fseek(f, 0, SEEK_END), 0);
	size = ftell(f);
	assert_true(size >= 0);
	rewind(f);
	buf = malloc((size_t)size + 1);
	assert_non_null(buf);
	assert_int_equal(fread(buf, 1, (size_t)size, f), (size_t)size);
	buf[size] = '\0';
	fclose(f);
	*len = (size_t)size;
	return buf;
}

static char *read_fixture(const char *file, size_t *len)
{
	char path[1024];

	snprintf(path, sizeof(path), "%s/%s", GPUADV_FIXTURES, file);
	return read_path(path, len);
}

static bool all_zero(const void *p, size_t n)
{
	const unsigned char *b = p;
	size_t i;

	for (i = 0; i < n; i++)
		if (b[i])
			return false;
	return true;
}

/*
 * Load data expecting failure; check code, position and message, and that
 * the catalogue is left empty (every byte zero) however dirty it was.
 * Returns the number of problems found, each printed.
 */
static int check_failure(const char *what, const char *data, size_t len,
			 int rc, unsigned long line, unsigned long column,
			 const char *msg)
{
	struct gpuadv_catalog cat;
	struct gpuadv_error err;
	char formatted[1024], prefix[512];
	int got, bad = 0;

	memset(&cat, 0xA5, sizeof(cat));
	got = gpuadv_catalog_load(&cat, data, len, what, &err);
	gpuadv_error_format(formatted, sizeof(formatted), &err);
	if (got != rc || err.code != rc) {
		print_error("%s: rc %d (err.code %d), want %d: %s\n", what, got,
			    err.code, rc, formatted);
		bad++;
	}
	if (err.line != line || err.column != column) {
		print_error("%s: at %lu:%lu, want %lu:%lu: %s\n", what, err.line,
			    err.column, line, column, formatted);
		bad++;
	}
	if (!strstr(err.message, msg)) {
		print_error("%s: message '%s' lacks '%s'\n", what, err.message, msg);
		bad++;
	}
	/* The message is one line: the CLI prints it as such. */
	if (strchr(err.message, '\n')) {
		print_error("%s: message has a newline\n", what);
		bad++;
	}
	/* The error names the file, and the formatted line leads with it. */
	if (line)
		snprintf(prefix, sizeof(prefix), "%s:%lu:%lu: ", what, line, column);
	else
		snprintf(prefix, sizeof(prefix), "%s: ", what);
	if (strcmp(err.file, what) != 0 ||
	    strncmp(formatted, prefix, strlen(prefix)) != 0) {
		print_error("%s: formatted '%s' does not start with '%s'\n", what,
			    formatted, prefix);
		bad++;
	}
	/* Never half-loaded. */
	if (!all_zero(&cat, sizeof(cat))) {
		print_error("%s: a failed load left the catalogue non-empty\n", what);
		bad++;
	}
	gpuadv_catalog_release(&cat); /* harmless on an empty one */
	return bad;
}

/* ---- broken fixtures ----------------------------------------------------- */

struct bad_case {
	const char *file;
	int rc;
	unsigned long line, column; /* 0:0 for an error with no position */
	const char *msg;            /* a substring of err.message */
};

static const struct bad_case bad_cases[] = {
	{ "bad-unknown-key.yaml", GPUADV_EDATA, 25, 5, "unknown key 'colour' in GPU" },
	{ "bad-missing-key.yaml", GPUADV_EDATA, 16, 5, "missing required key 'bandwidth_gbs' in GPU" },
	{ "bad-type-mapping.yaml", GPUADV_EDATA, 21, 16, "'memory_gb' must be a positive number, got a mapping" },
	{ "bad-type-word.yaml", GPUADV_EDATA, 21, 16, "'memory_gb' must be a positive number, got 'lots'" },
	{ "bad-quoted-number.yaml", GPUADV_EDATA, 21, 16, "'memory_gb' must be a positive number, got the string '24'" },
	{ "bad-out-of-range.yaml", GPUADV_EDATA, 20, 19, "'release_year' must be an integer from 2010 to 2100, got '1999'" },
	{ "bad-not-integer.yaml", GPUADV_EDATA, 24, 17, "'cuda_cores' must be an integer" },
	{ "bad-nan.yaml", GPUADV_EDATA, 23, 18, "'fp32_tflops' must be a positive number, got '.nan'" },
	{ "bad-inf.yaml", GPUADV_EDATA, 23, 18, "'fp32_tflops' must be a positive number, got '.inf'" },
	{ "bad-huge.yaml", GPUADV_EDATA, 23, 18, "'fp32_tflops' must be a positive number, got '1e999'" },
	{ "bad-hex.yaml", GPUADV_EDATA, 21, 16, "'memory_gb' must be a positive number, got '0x10'" },
	{ "bad-bool.yaml", GPUADV_EDATA, 24, 13, "'nvlink' must be true or false, got 'yes'" },
	{ "bad-duplicate-key.yaml", GPUADV_EDATA, 22, 5, "duplicate key 'memory_gb' (first at line 21)" },
	/* Two GPUs with one id: the second id is reported. */
	{ "bad-duplicate-id.yaml", GPUADV_EDATA, 25, 9, "duplicate GPU id 'rtx-3090' (first at line 16)" },
	/* "RTX-3090" (the second GPU's alias) normalises to rtx3090. */
	{ "bad-alias-clash.yaml", GPUADV_EDATA, 29, 15, "name 'rtx3090' of GPU 'rtx-3090-fe' is already used by GPU 'rtx-3090'" },
	{ "bad-unknown-arch.yaml", GPUADV_EDATA, 18, 19, "unknown architecture 'turing' for GPU 'rtx-3090'" },
	/* The loader checks a benchmark's GPU before its workload. */
	{ "bad-benchmark-gpu.yaml", GPUADV_EDATA, 26, 10, "benchmark names unknown GPU 'rtx-9999'" },
	{ "bad-benchmark-workload.yaml", GPUADV_EDATA, 27, 15, "benchmark names unknown workload 'cnn'" },
	{ "bad-reference.yaml", GPUADV_EDATA, 4, 16, "'reference_gpu' names unknown GPU 'rtx-4090'" },
	{ "bad-model-key.yaml", GPUADV_EDATA, 24, 7, "unknown key 'no_such_parameter' in model" },
	{ "bad-anchor.yaml", GPUADV_EDATA, 21, 16, "anchors" },
	{ "bad-alias.yaml", GPUADV_EDATA, 4, 16, "aliases" },
	{ "bad-tag.yaml", GPUADV_EDATA, 17, 11, "tags" },
	{ "bad-two-documents.yaml", GPUADV_EDATA, 25, 1, "more than one document" },
	{ "bad-deep.yaml", GPUADV_EDATA, 18, 15, "nesting deeper than 4 levels" },
	{ "bad-empty.yaml", GPUADV_EDATA, 0, 0, "empty document" },
	/* Guards the position of libyaml's reader errors: they carry only
	 * problem_offset (problem_mark stays 0:0), and invalid UTF-8 was once
	 * reported at 1:1. The bad byte is at line 17, column 23. */
	{ "bad-utf8.yaml", GPUADV_EDATA, 17, 23, "UTF-8" },
	{ "bad-control-char.yaml", GPUADV_EDATA, 17, 11, "string contains control character U+001B" },
	{ "bad-bidi.yaml", GPUADV_EDATA, 17, 11, "string contains control character U+202E" },
	{ "bad-syntax.yaml", GPUADV_EDATA, 25, 1, "invalid YAML" },
	{ "bad-date.yaml", GPUADV_EDATA, 3, 8, "'as_of' must be a date (YYYY-MM-DD), got '2026-02-30'" },
	{ "bad-leap-day.yaml", GPUADV_EDATA, 3, 8, "got '2025-02-29'" },
	{ "bad-street-price.yaml", GPUADV_EDATA, 16, 5, "'street_price_usd', 'street_price_condition', 'price_as_of' and 'price_source' go together" },
	{ "bad-schema-version.yaml", GPUADV_EDATA, 2, 17, "unsupported schema_version 2" },
	{ "bad-update-url.yaml", GPUADV_EDATA, 4, 13, "https://" },
	{ "bad-not-mapping.yaml", GPUADV_EDATA, 2, 1, "the catalogue must be a mapping, got a sequence" },
	{ NULL, 0, 0, 0, NULL }
};

static void test_bad_fixtures(void **state)
{
	const struct bad_case *t;
	int n = 0, failed = 0;

	(void)state;
	/* Every row runs, so one failure does not hide the others. */
	for (t = bad_cases; t->file; t++, n++) {
		size_t len;
		char *data = read_fixture(t->file, &len);

		if (check_failure(t->file, data, len, t->rc, t->line, t->column,
				  t->msg))
			failed++;
		free(data);
	}
	assert_true(n >= 30); /* the sentinel did not cut the table short */
	if (failed)
		fail_msg("%d of %d broken fixtures were not reported as expected",
			 failed, n);
}

/* ---- valid fixtures ------------------------------------------------------ */

struct good_case {
	const char *file;
	size_t gpus, archs, workloads;
	const char *reference;
};

static const struct good_case good_cases[] = {
	{ "good-minimal.yaml", 1, 1, 0, "rtx-3090" },
	{ "good-full.yaml", 3, 2, 0, "rtx-3090" },
	{ NULL, 0, 0, 0, NULL }
};

static void test_good_fixtures(void **state)
{
	const struct good_case *t;

	(void)state;
	for (t = good_cases; t->file; t++) {
		struct gpuadv_catalog cat;
		struct gpuadv_error err;
		size_t len, i;
		char *data = read_fixture(t->file, &len);
		int rc = gpuadv_catalog_load(&cat, data, len, t->file, &err);

		free(data); /* the catalogue must not point into the input */
		if (rc != 0)
			fail_msg("%s: %s at %lu:%lu", t->file, err.message, err.line,
				 err.column);
		assert_int_equal(cat.gpu_count, t->gpus);
		assert_int_equal(cat.arch_count, t->archs);
		assert_int_equal(cat.workload_count, t->workloads);
		assert_int_equal(cat.schema_version, 1);
		assert_string_equal(cat.origin, t->file);
		assert_non_null(cat.reference);
		assert_string_equal(cat.reference->id, t->reference);
		for (i = 0; i < cat.gpu_count; i++) {
			assert_non_null(cat.gpus[i].arch);
			assert_true(cat.gpus[i].sources.count > 0);
		}
		gpuadv_catalog_release(&cat);
		assert_true(all_zero(&cat, sizeof(cat)));
	}
}

/* Every optional key of good-full.yaml arrives where it belongs. */
static void test_full_fields(void **state)
{
	struct gpuadv_catalog cat;
	struct gpuadv_error err;
	const struct gpuadv_gpu *g, *ti, *v100;
	const char *basis;
	size_t len;
	char *data = read_fixture("good-full.yaml", &len);

	(void)state;
	assert_int_equal(gpuadv_catalog_load(&cat, data, len, "full", &err), 0);
	free(data);
	assert_string_equal(cat.as_of, "2026-01-15");
	assert_string_equal(cat.update_url,
			    "https://example.org/gpu-advisor/catalog.yaml");
	g = &cat.gpus[0];
	ti = &cat.gpus[1];
	v100 = &cat.gpus[2];
	assert_string_equal(g->id, "rtx-3090");
	assert_string_equal(g->name, "GeForce RTX 3090");
	assert_int_equal(g->aliases.count, 2);
	assert_string_equal(g->aliases.items[1], "3090");
	assert_string_equal(g->arch->id, "ampere");
	assert_int_equal(g->segment, GPUADV_CONSUMER);
	assert_true(g->v[GPUADV_F_CUDA_CORES] == 10496);
	assert_true(g->v[GPUADV_F_NVLINK_GBS] == 112.5);
	assert_true(g->v[GPUADV_F_SLOTS] == 3);
	assert_true(fabs(g->v[GPUADV_F_FP32_TFLOPS] - 35.6) < 1e-9);
	assert_int_equal(g->nvlink, 1);
	assert_string_equal(g->memory_type, "GDDR6X");
	assert_string_equal(g->form_factor, "PCIe");
	assert_string_equal(g->street_price_condition, "used");
	assert_string_equal(g->price_as_of, "2026-01-10");
	assert_string_equal(g->price_source, "test fixture");
	assert_string_equal(g->notes, "Tensor figures are dense, FP32 accumulate.");
	assert_true(gpuadv_gpu_price(g, &basis) == 900);
	assert_string_equal(basis, "street");
	assert_true(gpuadv_gpu_has_tensor(g, GPUADV_BF16));
	assert_false(gpuadv_gpu_has_tensor(g, GPUADV_FP8));
	/* Left out means unknown: NAN, NULL, -1. */
	assert_true(isnan(ti->v[GPUADV_F_TDP_W]));
	assert_true(isnan(ti->v[GPUADV_F_STREET_PRICE_USD]));
	assert_null(ti->memory_type);
	assert_int_equal(ti->nvlink, -1);
	assert_true(gpuadv_gpu_price(ti, &basis) == 1999);
	assert_string_equal(basis, "launch");
	assert_true(isnan(gpuadv_gpu_price(v100, &basis)));
	assert_string_equal(basis, "unknown");
	assert_int_equal(v100->nvlink, 0);
	assert_int_equal(v100->segment, GPUADV_DATACENTER);
	assert_false(gpuadv_gpu_has_tensor(v100, GPUADV_BF16));
	assert_ptr_equal(gpuadv_catalog_find_arch(&cat, "Volta"), v100->arch);
	gpuadv_catalog_release(&cat);
}

/* ---- generated inputs ---------------------------------------------------- */

/* good-minimal.yaml's content with the GPU's name as %s (line 17, column 11). */
static const char minimal_fmt[] =
	"# generated\n"
	"schema_version: 1\n"
	"as_of: 2026-01-15\n"
	"reference_gpu: rtx-3090\n"
	"architectures:\n"
	"  - id: ampere\n"
	"    name: Ampere\n"
	"    year: 2020\n"
	"    compute_capability: \"8.6\"\n"
	"    tensor_core_generation: 3\n"
	"    tensor_precisions: [fp16]\n"
	"    memory_types: [GDDR6X]\n"
	"    summary: s\n"
	"workloads: []\n"
	"gpus:\n"
	"  - id: rtx-3090\n"
	"    name: %s\n"
	"    architecture: ampere\n"
	"    segment: consumer\n"
	"    release_year: 2020\n"
	"    memory_gb: 24\n"
	"    bandwidth_gbs: 936\n"
	"    fp32_tflops: 35.6\n"
	"    sources: [x]\n";

static char *minimal_with_name(size_t name_len, size_t *len)
{
	char *name = malloc(name_len + 1), *doc;
	size_t size = sizeof(minimal_fmt) + name_len;

	assert_non_null(name);
	memset(name, 'x', name_len);
	name[name_len] = '\0';
	doc = malloc(size);
	assert_non_null(doc);
	*len = (size_t)snprintf(doc, size, minimal_fmt, name);
	free(name);
	return doc;
}

/* A string of exactly the limit loads; one byte more does not. */
static void test_string_limit(void **state)
{
	struct gpuadv_catalog cat;
	struct gpuadv_error err;
	size_t len;
	char *doc;
	int rc;

	(void)state;
	doc = minimal_with_name(GPUADV_CATALOG_MAX_STRING, &len);
	assert_int_equal(gpuadv_catalog_load(&cat, doc, len, "max", &err), 0);
	assert_int_equal(strlen(cat.gpus[0].name), GPUADV_CATALOG_MAX_STRING);
	gpuadv_catalog_release(&cat);
	free(doc);

	doc = minimal_with_name(GPUADV_CATALOG_MAX_STRING + 1, &len);
	rc = check_failure("long", doc, len, GPUADV_EDATA, 17, 11,
			   "string longer than 1024 bytes");
	free(doc);
	assert_int_equal(rc, 0);
}

/* A file of exactly 4 MiB (a catalogue padded with comments) loads; one
 * byte more is refused before parsing. */
static void test_size_limit(void **state)
{
	struct gpuadv_catalog cat;
	struct gpuadv_error err;
	size_t max = GPUADV_CATALOG_MAX_BYTES, len, i;
	char *doc = minimal_with_name(4, &len), *big;
	int rc;

	(void)state;
	big = malloc(max + 1);
	assert_non_null(big);
	memcpy(big, doc, len);
	free(doc);
	/* Comment lines of 64 bytes, then one shorter line to end exactly at max. */
	for (i = len; i < max + 1; i++)
		big[i] = ((i - len) % 64 == 0) ? '#' : ((i - len) % 64 == 63 ? '\n' : 'p');
	big[max - 1] = '\n';
	big[max] = '\n';

	rc = gpuadv_catalog_load(&cat, big, max, "4mib", &err);
	if (rc == 0) {
		assert_int_equal(cat.gpu_count, 1);
		gpuadv_catalog_release(&cat);
		rc = check_failure("big", big, max + 1, GPUADV_EDATA, 0, 0,
				   "larger than 4194304 bytes");
	} else {
		print_error("exactly 4 MiB refused: %s\n", err.message);
	}
	free(big);
	assert_int_equal(rc, 0);
}

/* A NUL byte inside the buffer is not text. */
static void test_nul_byte(void **state)
{
	static const char doc[] = "schema_version: 1\nas_of: \"2026\0-01-15\"\n";
	struct gpuadv_catalog cat;
	struct gpuadv_error err;

	(void)state;
	memset(&cat, 0xA5, sizeof(cat));
	assert_int_equal(gpuadv_catalog_load(&cat, doc, sizeof(doc) - 1, "nul", &err),
			 GPUADV_EDATA);
	assert_true(all_zero(&cat, sizeof(cat)));
}

/* Architectures and a reference GPU, for generated GPU lists. */
static const char gpus_head[] =
	"schema_version: 1\n"
	"as_of: 2026-01-15\n"
	"reference_gpu: g0\n"
	"architectures:\n"
	"  - {id: a, name: A, year: 2020, compute_capability: \"8.6\", "
	"tensor_core_generation: 3, tensor_precisions: [fp16], "
	"memory_types: [GDDR6X], summary: s}\n"
	"workloads: []\n"
	"gpus:\n";

static char *many_gpus(size_t n, size_t *len)
{
	size_t size = sizeof(gpus_head) + n * 160, used;
	char *doc = malloc(size);
	size_t i;

	assert_non_null(doc);
	used = (size_t)snprintf(doc, size, "%s", gpus_head);
	for (i = 0; i < n; i++)
		used += (size_t)snprintf(doc + used, size - used,
			"  - {id: g%zu, name: g%zu, architecture: a, segment: consumer, "
			"release_year: 2020, memory_gb: 1, bandwidth_gbs: 1, "
			"fp32_tflops: 1, sources: [s]}\n", i, i);
	assert_true(used < size);
	*len = used;
	return doc;
}

/*
 * docs/catalog.md: "more than 20,000 GPUs" is an error, so 20,000 load.
 * Regression: they do not. Each GPU takes at least 11 of the GPUADV_CATALOG_MAX_ITEMS
 * (200,000) entries (9 required values, one source, itself), so the item
 * limit refuses any catalogue over about 18,000 GPUs with "too many
 * entries" and GPUADV_CATALOG_MAX_GPUS is never reached (catalog.h's
 * limits, enforced in src/yamltree.c). Fails until the limits agree.
 */
static void test_gpu_limit(void **state)
{
	struct gpuadv_catalog cat;
	struct gpuadv_error err;
	size_t len, max = GPUADV_CATALOG_MAX_GPUS;
	char *doc = many_gpus(max, &len);
	int rc;

	(void)state;
	assert_true(len < GPUADV_CATALOG_MAX_BYTES);
	rc = gpuadv_catalog_load(&cat, doc, len, "max-gpus", &err);
	free(doc);
	if (rc != 0)
		fail_msg("%zu GPUs (the documented limit) refused: %lu:%lu: %s", max,
			 err.line, err.column, err.message);
	assert_int_equal(cat.gpu_count, max);
	gpuadv_catalog_release(&cat);

	/* One more is refused, at the gpus sequence (line 8, column 3). */
	doc = many_gpus(max + 1, &len);
	rc = check_failure("too-many-gpus", doc, len, GPUADV_EDATA, 8, 3,
			   "'gpus' has 20001 entries, more than the limit of 20000");
	free(doc);
	assert_int_equal(rc, 0);
}

/*
 * A mapping of many keys must load (or fail) in time linear-ish in its size.
 * Guards the duplicate-key check, which once compared each new key with
 * every earlier one of its mapping (N^2/2 strcmp()s: 60,000 keys took 6 s
 * at -O2, the 200,000 a 4 MiB file allows took minutes). The load runs in
 * a child killed after 5 seconds.
 */
static void test_many_keys_time(void **state)
{
	size_t nkeys = 100000, size = nkeys * 16, len = 0, i;
	char *doc = malloc(size);
	/* GPUADV_TEST_TIME_SCALE stretches the limit (under valgrind: 20). */
	const char *scale = getenv("GPUADV_TEST_TIME_SCALE");
	int status = 0, waited, limit = 500 * (scale && atoi(scale) > 0 ? atoi(scale) : 1);
	pid_t pid;

	(void)state;
	assert_non_null(doc);
	for (i = 0; i < nkeys; i++)
		len += (size_t)snprintf(doc + len, size - len, "k%zu: 1\n", i);
	fflush(NULL);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		struct gpuadv_catalog cat;
		struct gpuadv_error err;
		int rc = gpuadv_catalog_load(&cat, doc, len, "keys", &err);

		_exit(rc == GPUADV_EDATA && err.line == 1 &&
		      strstr(err.message, "unknown key 'k0'") ? 0 : 1);
	}
	free(doc);
	for (waited = 0; waitpid(pid, &status, WNOHANG) == 0; waited++) {
		struct timespec ts = { 0, 10 * 1000 * 1000 };

		if (waited >= limit) {
			kill(pid, SIGKILL);
			waitpid(pid, &status, 0);
			fail_msg("a mapping of %zu keys took over %d s to load "
				 "(quadratic duplicate-key check)", nkeys, limit / 100);
		}
		nanosleep(&ts, NULL);
	}
	assert_true(WIFEXITED(status));
	assert_int_equal(WEXITSTATUS(status), 0);
}

/* ---- release ------------------------------------------------------------- */

static void test_release_harmless(void **state)
{
	struct gpuadv_catalog cat;
	size_t len;
	char *data;
	struct gpuadv_error err;

	(void)state;
	memset(&cat, 0, sizeof(cat));
	gpuadv_catalog_release(&cat);
	gpuadv_catalog_release(&cat);
	gpuadv_catalog_release(NULL);
	assert_true(all_zero(&cat, sizeof(cat)));

	/* A loaded catalogue, released twice: the first leaves it empty. */
	data = read_fixture("good-minimal.yaml", &len);
	assert_int_equal(gpuadv_catalog_load(&cat, data, len, "m", &err), 0);
	free(data);
	gpuadv_catalog_release(&cat);
	assert_true(all_zero(&cat, sizeof(cat)));
	gpuadv_catalog_release(&cat);

	/* A NULL err is allowed. */
	assert_int_equal(gpuadv_catalog_load(&cat, "", 0, "e", NULL), GPUADV_EDATA);
	assert_true(all_zero(&cat, sizeof(cat)));
}

/* ---- the shipped catalogue ----------------------------------------------- */

struct figure {
	enum gpuadv_gpu_field field;
	double value;
};

/* RTX 3090: NVIDIA's product page and the GA102 whitepaper (dense FP16
 * Tensor with FP32 accumulate: 71 TFLOPS). */
static const struct figure rtx3090[] = {
	{ GPUADV_F_MEMORY_GB, 24 },
	{ GPUADV_F_BANDWIDTH_GBS, 936 },
	{ GPUADV_F_FP32_TFLOPS, 35.6 },
	{ GPUADV_F_FP16_TENSOR_TFLOPS, 71 },
	{ GPUADV_F_CUDA_CORES, 10496 },
	{ GPUADV_F_TENSOR_CORES, 328 },
	{ GPUADV_F_TDP_W, 350 },
	{ GPUADV_F_LAUNCH_PRICE_USD, 1499 },
	{ GPUADV_F_COUNT, 0 }
};

static const char *const shipped_archs[] = {
	"pascal", "volta", "turing", "ampere", "ada-lovelace", "hopper",
	"blackwell", NULL
};

static void test_shipped_catalog(void **state)
{
	struct gpuadv_catalog cat;
	struct gpuadv_error err;
	const struct gpuadv_gpu *g;
	const struct figure *f;
	size_t len, i;
	char *data = read_path(GPUADV_CATALOG_PATH, &len);
	int rc;

	(void)state;
	rc = gpuadv_catalog_load(&cat, data, len, GPUADV_CATALOG_PATH, &err);
	free(data);
	if (rc != 0)
		fail_msg("%s:%lu:%lu: %s", err.file, err.line, err.column, err.message);
	if (cat.gpu_count < 40)
		fail_msg("the shipped catalogue has %zu GPUs, want at least 40",
			 cat.gpu_count);
	for (i = 0; shipped_archs[i]; i++) {
		const struct gpuadv_arch *a = gpuadv_catalog_find_arch(&cat, shipped_archs[i]);

		if (!a)
			fail_msg("architecture '%s' missing", shipped_archs[i]);
		assert_string_equal(a->id, shipped_archs[i]);
	}
	g = gpuadv_catalog_find_gpu(&cat, "rtx-3090", &err);
	if (!g)
		fail_msg("%s", err.message);
	assert_string_equal(g->id, "rtx-3090");
	assert_string_equal(g->arch->id, "ampere");
	for (f = rtx3090; f->field != GPUADV_F_COUNT; f++)
		if (!(fabs(g->v[f->field] - f->value) < 1e-9))
			fail_msg("RTX 3090 %s is %g, want %g",
				 gpuadv_gpu_fields[f->field].key, g->v[f->field],
				 f->value);
	/* Every GPU is complete enough to rank: required figures known. */
	for (i = 0; i < cat.gpu_count; i++) {
		const struct gpuadv_gpu *x = &cat.gpus[i];
		int k;

		for (k = 0; k < GPUADV_F_COUNT; k++)
			if (gpuadv_gpu_fields[k].required && isnan(x->v[k]))
				fail_msg("%s lacks %s", x->id, gpuadv_gpu_fields[k].key);
	}
	gpuadv_catalog_release(&cat);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_bad_fixtures),
		cmocka_unit_test(test_good_fixtures),
		cmocka_unit_test(test_full_fields),
		cmocka_unit_test(test_string_limit),
		cmocka_unit_test(test_size_limit),
		cmocka_unit_test(test_nul_byte),
		cmocka_unit_test(test_gpu_limit),
		cmocka_unit_test(test_many_keys_time),
		cmocka_unit_test(test_release_harmless),
		cmocka_unit_test(test_shipped_catalog),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
