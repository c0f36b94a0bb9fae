/*
 * test_cli.c - end-to-end tests of the built gpu-advisor binary
 * (GPUADV_BINARY): each row runs it with fork/execve in a controlled
 * environment (PATH, NO_COLOR=1, sanitizer options passed through, and
 * GPU_ADVISOR_CATALOG only where the row sets it), stdin from a file or
 * /dev/null, stdout and stderr captured in temporary files (or stdout sent
 * to /dev/full), and checks the exit code, text expected on stdout and
 * stderr, and optionally stdout's JSON.
 *
 * Every run also checks the error contract: exit 0 leaves stderr empty; any
 * other exit writes exactly one line to stderr, starting "gpu-advisor: ",
 * and nothing to stdout -- except where the row says the command answers
 * anyway (a `recommend --format json` that matches nothing prints its
 * document; a `query` batch answers every request and exits quietly with
 * the worst outcome). A row can give stdin as text (in_text).
 *
 * Rows on tests/fixtures/engine.yaml (ENG: eight GPUs with chosen figures
 * and prices, listed in its header) check recommend, compare, list
 * --workload and query against known answers.
 *
 * Rows marked EMBEDDED use the built-in catalogue (data/catalog.yaml);
 * the others use tests/fixtures so they do not depend on it. Rows marked
 * "Regression" caught a defect outside the tests, since fixed.
 *
 * Each row runs as its own cmocka test, named after the row.
 */
#include <cjson/cJSON.h>
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>

#include "testutil.h"

#define FX GPUADV_FIXTURES "/"
#define GOOD FX "good-full.yaml"
#define ENG FX "engine.yaml"
#define EP FX "engine-prices.yaml"

extern char **environ;

/* What a non-zero exit must write besides its exit code. */
enum fail_mode {
	FAIL_ONE_LINE,    /* one line on stderr, nothing on stdout */
	FAIL_WITH_ANSWER, /* one line on stderr, and the answer on stdout
			   * (recommend --format json that matches nothing) */
	FAIL_QUIET        /* nothing on stderr, the answers on stdout (query:
			   * each answer says what went wrong) */
};

struct cli_case {
	const char *name;
	const char *argv[12]; /* after the program name, NULL-terminated */
	const char *env[3];   /* extra NAME=value entries, NULL-terminated */
	const char *in;       /* file for stdin; NULL: /dev/null */
	const char *out;      /* file stdout goes to; NULL: captured */
	int exit_code;
	const char *out_has;  /* substring of stdout, or NULL */
	const char *err_has;  /* substring of stderr, or NULL */
	void (*check)(const char *out); /* more checks of stdout, or NULL */
	bool usage_on_stderr; /* stderr is the usage text, not one line */
	const char *in_text;  /* stdin holds this text (beats in); NULL: none */
	enum fail_mode fail;  /* what a non-zero exit writes (FAIL_ONE_LINE) */
};

/* ---- checks of stdout ----------------------------------------------------- */

static cJSON *json_doc(const char *out)
{
	cJSON *doc = cJSON_Parse(out);
	const cJSON *v;

	if (!doc)
		fail_msg("stdout is not JSON: %.300s", out);
	v = cJSON_GetObjectItemCaseSensitive(doc, "schema_version");
	assert_true(cJSON_IsNumber(v) && v->valuedouble == 1);
	assert_true(cJSON_IsObject(cJSON_GetObjectItemCaseSensitive(doc, "catalog")));
	return doc;
}

static const cJSON *json_gpus(const cJSON *doc)
{
	const cJSON *gpus = cJSON_GetObjectItemCaseSensitive(doc, "gpus");

	assert_true(cJSON_IsArray(gpus));
	return gpus;
}

static const char *str_of(const cJSON *o, const char *key)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);

	if (!cJSON_IsString(v))
		fail_msg("'%s' is not a string", key);
	return v->valuestring;
}

/* The ids of the list, comma-separated, into buf. */
static const char *ids_of(const cJSON *gpus, char *buf, size_t size)
{
	const cJSON *g;
	size_t used = 0;

	buf[0] = '\0';
	cJSON_ArrayForEach(g, gpus)
		used += (size_t)snprintf(buf + used, used < size ? size - used : 0,
					 "%s%s", used ? "," : "", str_of(g, "id"));
	return buf;
}

static void expect_ids(const char *out, const char *want)
{
	char buf[1024];
	cJSON *doc = json_doc(out);

	ids_of(json_gpus(doc), buf, sizeof(buf));
	if (strcmp(buf, want) != 0)
		fail_msg("GPUs '%s', want '%s'", buf, want);
	cJSON_Delete(doc);
}

static void check_at_least_40(const char *out)
{
	cJSON *doc = json_doc(out);
	int n = cJSON_GetArraySize(json_gpus(doc));

	if (n < 40)
		fail_msg("%d GPUs in the built-in catalogue, want at least 40", n);
	cJSON_Delete(doc);
}

static void check_show_3090(const char *out)
{
	cJSON *doc = json_doc(out);
	const cJSON *g = cJSON_GetObjectItemCaseSensitive(doc, "gpu");
	const cJSON *mem = cJSON_GetObjectItemCaseSensitive(g, "memory_gb");

	assert_string_equal(str_of(g, "id"), "rtx-3090");
	assert_true(cJSON_IsNumber(mem) && mem->valuedouble == 24);
	cJSON_Delete(doc);
}

static void check_all_ampere(const char *out)
{
	cJSON *doc = json_doc(out);
	const cJSON *gpus = json_gpus(doc), *g;

	assert_true(cJSON_GetArraySize(gpus) > 0);
	cJSON_ArrayForEach(g, gpus)
		if (strcmp(str_of(g, "architecture"), "ampere") != 0)
			fail_msg("%s is %s, not ampere", str_of(g, "id"),
				 str_of(g, "architecture"));
	cJSON_Delete(doc);
}

/* Every GPU has a known price of at most 1000. */
static void check_priced_1000(const char *out)
{
	cJSON *doc = json_doc(out);
	const cJSON *gpus = json_gpus(doc), *g;

	assert_true(cJSON_GetArraySize(gpus) > 0);
	cJSON_ArrayForEach(g, gpus) {
		const cJSON *p = cJSON_GetObjectItemCaseSensitive(g, "price_usd");

		if (!cJSON_IsNumber(p) || p->valuedouble > 1000)
			fail_msg("%s: price %s", str_of(g, "id"),
				 cJSON_IsNumber(p) ? "over 1000" : "unknown");
	}
	cJSON_Delete(doc);
}

static void check_fixture_ampere(const char *out)
{
	expect_ids(out, "rtx-3090,rtx-3090-ti");
}
static void check_fixture_1000(const char *out)
{
	check_priced_1000(out);
	expect_ids(out, "rtx-3090"); /* 3090 Ti over budget, V100 unpriced */
}
static void check_fixture_by_price(const char *out)
{
	expect_ids(out, "rtx-3090,rtx-3090-ti,v100-16gb-pcie"); /* unknown last */
}
static void check_fixture_by_fp16(const char *out)
{
	expect_ids(out, "v100-16gb-pcie,rtx-3090,rtx-3090-ti"); /* descending, unknown last */
}
static void check_fixture_datacenter(const char *out)
{
	expect_ids(out, "v100-16gb-pcie");
}
static void check_fixture_min_memory(const char *out)
{
	expect_ids(out, "rtx-3090,rtx-3090-ti");
}
static void check_fixture_all(const char *out)
{
	expect_ids(out, "rtx-3090,rtx-3090-ti,v100-16gb-pcie");
}

/* Text list: a header with ID and NAME, then one line per fixture GPU,
 * then what a price's '*' means (the fixture's are launch prices). */
static void check_fixture_text(const char *out)
{
	const char *p;
	int lines = 0;

	for (p = out; *p; p++)
		lines += *p == '\n';
	assert_int_equal(lines, 5);
	assert_non_null(strstr(out, "\n* seen more than six months ago"));
	assert_true(strncmp(out, "ID", 2) == 0);
	assert_non_null(strstr(out, "NAME"));
	assert_null(strchr(out, '\033')); /* NO_COLOR */
}

static void check_version(const char *out)
{
	unsigned a, b, c;
	char nl;

	if (sscanf(out, "gpu-advisor %u.%u.%u%c", &a, &b, &c, &nl) != 4 || nl != '\n')
		fail_msg("version line '%s'", out);
	assert_string_equal(strchr(out, '\n'), "\n"); /* one line */
}

/* ---- checks of recommend, compare, list --workload and query ------------- */

static const cJSON *member(const cJSON *o, const char *key)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);

	if (!v)
		fail_msg("no '%s'", key);
	return v;
}

static double num_of(const cJSON *o, const char *key)
{
	const cJSON *v = member(o, key);

	if (!cJSON_IsNumber(v))
		fail_msg("'%s' is not a number", key);
	return v->valuedouble;
}

static bool is_num_or_null(const cJSON *v)
{
	return cJSON_IsNumber(v) || cJSON_IsNull(v);
}

/* A perf object as docs/json.md has it; returns its value (NAN if null). */
static double check_perf(const cJSON *p, const char *workload, const char *precision)
{
	const cJSON *est = member(p, "estimated"), *meas = member(p, "measured");
	const cJSON *val = member(p, "value"), *basis = member(p, "basis");
	const cJSON *mp = member(p, "measured_precision");

	assert_string_equal(str_of(p, "workload"), workload);
	assert_string_equal(str_of(p, "precision"), precision);
	assert_true(strlen(str_of(p, "reference")) > 0);
	assert_true(is_num_or_null(est) && is_num_or_null(meas) && is_num_or_null(val));
	assert_true(cJSON_IsBool(member(p, "fallback")));
	assert_true(cJSON_IsNumber(member(p, "siblings")) && member(p, "siblings")->valuedouble >= 0);
	if (cJSON_IsNull(val)) {
		assert_true(cJSON_IsNull(basis) && cJSON_IsNull(est));
		return NAN;
	}
	assert_true(cJSON_IsString(mp) || cJSON_IsNull(mp));
	if (!strcmp(str_of(p, "basis"), "measured"))
		assert_true(cJSON_IsNumber(meas) && meas->valuedouble == val->valuedouble &&
			    cJSON_IsString(mp)); /* a label that runs as precision does */
	else if (!strcmp(str_of(p, "basis"), "estimated"))
		assert_true(cJSON_IsNull(meas) && est->valuedouble == val->valuedouble &&
			    cJSON_IsNull(mp));
	else if (!strcmp(str_of(p, "basis"), "calibrated"))
		assert_true(cJSON_IsNull(meas) && val->valuedouble > 0); /* the estimate, corrected */
	else
		fail_msg("basis '%s'", str_of(p, "basis"));
	assert_true(cJSON_IsNumber(est) && est->valuedouble > 0);
	return val->valuedouble;
}

/* Whether id is one of the results. */
static bool in_results(const cJSON *results, const char *id)
{
	const cJSON *r;

	cJSON_ArrayForEach(r, results)
		if (!strcmp(str_of(r, "id"), id))
			return true;
	return false;
}

/* recommend --workload cnn --budget 1500 --format json on any catalogue:
 * the docs/json.md shape, and every price within the budget. */
static cJSON *check_recommend_doc(const char *out)
{
	static const char *const query_keys[] = { "command", "workload", "task",
		"precision", "budget_usd", "min_memory_gb", "min_memory_basis",
		"max_power_w", "segment", "architecture", "sort", "top", "prices", NULL };
	static const char *const by[] = { "precision", "memory", "budget",
		"unknown_price", "power", "segment", "architecture", NULL };
	cJSON *doc = json_doc(out);
	const cJSON *q, *results, *r, *picks, *x, *sum;
	double last = INFINITY;
	int i = 0;
	size_t k;

	assert_string_equal(doc->child->string, "schema_version");
	q = member(doc, "query");
	for (k = 0; query_keys[k]; k++)
		member(q, query_keys[k]);
	assert_string_equal(str_of(q, "command"), "recommend");
	assert_string_equal(str_of(q, "workload"), "cnn");
	assert_string_equal(str_of(q, "precision"), "fp16");
	assert_string_equal(str_of(q, "task"), "train");
	assert_true(num_of(q, "budget_usd") == 1500);
	assert_string_equal(str_of(q, "min_memory_basis"), "workload");
	assert_string_equal(str_of(q, "sort"), "perf");
	assert_true(cJSON_IsNull(member(q, "top"))); /* JSON shows all */
	assert_true(cJSON_IsNull(member(q, "max_power_w")));
	assert_true(cJSON_IsObject(member(q, "prices")));

	results = member(doc, "results");
	assert_true(cJSON_IsArray(results) && cJSON_GetArraySize(results) > 0);
	cJSON_ArrayForEach(r, results) {
		const cJSON *reasons = member(r, "reasons"), *why;
		double price = num_of(r, "price_usd"), v;

		assert_true(num_of(r, "rank") == ++i);
		if (price > 1500)
			fail_msg("%s costs %g, over the 1500 budget", str_of(r, "id"), price);
		assert_true(strlen(str_of(r, "price_basis")) > 0);
		assert_true(num_of(r, "memory_gb") >= num_of(q, "min_memory_gb"));
		v = check_perf(member(r, "perf"), "cnn", "fp16");
		if (!(v > 0) || v > last)
			fail_msg("%s: perf %g after %g: not ranked by perf", str_of(r, "id"), v, last);
		last = v;
		/* Computed figures print to 6 significant digits (docs/json.md). */
		assert_true(fabs(num_of(r, "perf_per_kusd") - v / price * 1000) <=
			    1e-5 * (v / price * 1000));
		assert_true(cJSON_IsArray(reasons) && cJSON_GetArraySize(reasons) > 0);
		cJSON_ArrayForEach(why, reasons)
			assert_true(cJSON_IsString(why) && why->valuestring[0]);
	}
	picks = member(doc, "picks");
	assert_string_equal(str_of(picks, "fastest"), str_of(results->child, "id"));
	assert_true(in_results(results, str_of(picks, "best_value")));
	assert_true(in_results(results, str_of(picks, "most_memory")));
	x = member(doc, "excluded");
	assert_true(cJSON_IsArray(x));
	cJSON_ArrayForEach(r, x) {
		assert_true(strlen(str_of(r, "reason")) > 0);
		assert_false(in_results(results, str_of(r, "id")));
	}
	sum = member(doc, "summary");
	assert_true(num_of(sum, "matched") == cJSON_GetArraySize(results));
	assert_true(num_of(sum, "excluded") == cJSON_GetArraySize(x));
	for (k = 0; by[k]; k++) {
		char key[64];

		snprintf(key, sizeof(key), "excluded_by_%s", by[k]);
		assert_true(num_of(sum, key) >= 0);
	}
	assert_true(is_num_or_null(member(sum, "budget_to_admit_usd")));
	assert_true(is_num_or_null(member(sum, "memory_to_admit_gb")));
	return doc;
}

static void check_recommend_json(const char *out)
{
	cJSON_Delete(check_recommend_doc(out));
}

/* The same on engine.yaml, where the answer is known. */
static void check_recommend_json_fixture(const char *out)
{
	cJSON *doc = check_recommend_doc(out);
	const cJSON *sum = member(doc, "summary"), *picks = member(doc, "picks");
	char buf[512];

	ids_of(member(doc, "results"), buf, sizeof(buf));
	assert_string_equal(buf, "rtx-3090,twin-b,twin-a,rtx-2080-ti");
	ids_of(member(doc, "excluded"), buf, sizeof(buf));
	assert_string_equal(buf, "a100-40gb-pcie,gtx-1080-ti,rtx-4090,p100-pcie-16gb");
	assert_string_equal(str_of(picks, "best_value"), "rtx-2080-ti");
	assert_string_equal(str_of(picks, "most_memory"), "rtx-3090");
	assert_true(num_of(sum, "excluded_by_budget") == 1);
	/* the 1080 Ti's only price is its 2017 launch price */
	assert_true(num_of(sum, "excluded_by_unknown_price") == 3);
	assert_true(num_of(sum, "budget_to_admit_usd") == 2200);
	assert_string_equal(str_of(member(cJSON_GetArrayItem(member(doc, "results"), 0), "perf"),
				   "basis"), "measured");
	cJSON_Delete(doc);
}

/* The text form: picks with their labels, then a table with a header. */
static void check_recommend_text(const char *out)
{
	static const char *const want[] = { "\nPicks\n", "  Fastest within budget  ",
		"  Best value             ", "  Most memory            ",
		"; budget $1500;", "per $1000", NULL };
	const char *hdr;
	size_t i;

	for (i = 0; want[i]; i++)
		if (!strstr(out, want[i]))
			fail_msg("no '%s' in\n%s", want[i], out);
	hdr = strstr(out, "\nRANK ");
	if (!hdr || !strstr(hdr, "GPU") || !strstr(hdr, "PRICE") || !strstr(hdr, "PERF"))
		fail_msg("no RANK header in\n%s", out);
	assert_null(strchr(out, '\033')); /* NO_COLOR */
}

static void check_recommend_text_fixture(const char *out)
{
	check_recommend_text(out);
	assert_non_null(strstr(out, "  Fastest within budget  GeForce RTX 3090: 1.00x +-5% (measured)"));
	assert_non_null(strstr(out, "  Best value             GeForce RTX 2080 Ti: 0.60x +-5% (measured)"));
	/* over the budget or unpriced: not in the table */
	assert_null(strstr(out, "RTX 4090"));
	assert_null(strstr(out, "A100"));
	assert_null(strstr(out, "P100"));
}

/* recommend with a price override that admits a card over the budget. */
static void check_price_override(const char *out)
{
	cJSON *doc = json_doc(out);
	const cJSON *first = cJSON_GetArrayItem(member(doc, "results"), 0);

	assert_string_equal(str_of(first, "id"), "rtx-4090");
	assert_true(num_of(first, "price_usd") == 700);
	assert_string_equal(str_of(first, "price_basis"), "override");
	assert_true(num_of(member(member(doc, "query"), "prices"), "rtx-4090") == 700);
	cJSON_Delete(doc);
}

/* recommend with the configuration file's price for the RTX 4090. */
static void check_config_price(const char *out)
{
	cJSON *doc = json_doc(out);
	const cJSON *first = cJSON_GetArrayItem(member(doc, "results"), 0);

	assert_string_equal(str_of(first, "id"), "rtx-4090");
	assert_true(num_of(first, "price_usd") == 700);
	assert_string_equal(str_of(first, "price_basis"), "config");
	cJSON_Delete(doc);
}

/* ... and a --price flag beats it. */
static void check_flag_beats_config(const char *out)
{
	cJSON *doc = json_doc(out);
	const cJSON *results = member(doc, "results"), *r;

	cJSON_ArrayForEach(r, results)
		assert_string_not_equal(str_of(r, "id"), "rtx-4090");
	cJSON_Delete(doc);
}

static void check_no_match_json(const char *out)
{
	cJSON *doc = json_doc(out);
	const cJSON *sum = member(doc, "summary");

	assert_int_equal(cJSON_GetArraySize(member(doc, "results")), 0);
	assert_int_equal(cJSON_GetArraySize(member(doc, "excluded")), 8);
	assert_true(cJSON_IsNull(member(member(doc, "picks"), "fastest")));
	assert_true(num_of(sum, "excluded_by_budget") == 5);
	assert_true(num_of(sum, "budget_to_admit_usd") == 400);
	cJSON_Delete(doc);
}

static void check_show_excluded(const char *out)
{
	const char *x = strstr(out, "\nExcluded (4)\n");

	assert_non_null(x);
	assert_non_null(strstr(x, "a100-40gb-pcie"));
	assert_non_null(strstr(x, "no price known (give one with --price a100-40gb-pcie=USD)"));
	assert_non_null(strstr(x, "costs $2200 (new, 2026-10-01), $700 over the $1500 budget"));
	assert_non_null(strstr(x, "no current price: its launch price, $699 (2017), is not what it sells for now"));
}

static void check_compare_text(const char *out)
{
	static const char *const want[] = { "cnn fp16", "transformer fp16",
		"llm-inference fp16", "1.00x", "  per $1000", "  per 100 W", "\nVerdict\n",
		"  cnn: NVIDIA A100 40GB PCIe is fastest (1.73x the GeForce RTX 3090, "
		"estimated); GeForce RTX 3090 gives the most per dollar\n", NULL };
	size_t i;

	for (i = 0; want[i]; i++)
		if (!strstr(out, want[i]))
			fail_msg("no '%s' in\n%s", want[i], out);
}

static void check_compare_json(const char *out)
{
	cJSON *doc = json_doc(out);
	const cJSON *w, *r;
	char buf[256];

	ids_of(member(doc, "gpus"), buf, sizeof(buf));
	assert_string_equal(buf, "rtx-3090,a100-40gb-pcie"); /* in the order given */
	assert_string_equal(str_of(cJSON_GetArrayItem(member(doc, "gpus"), 0), "price_basis"), "used");
	w = member(doc, "workloads");
	assert_int_equal(cJSON_GetArraySize(w), 4);
	cJSON_ArrayForEach(w, member(doc, "workloads")) {
		const char *wl = str_of(w, "workload");
		int i = 0;

		assert_string_equal(str_of(w, "precision"), "fp16");
		assert_non_null(strstr(str_of(w, "verdict"), wl));
		ids_of(member(w, "results"), buf, sizeof(buf));
		assert_string_equal(buf, "rtx-3090,a100-40gb-pcie");
		cJSON_ArrayForEach(r, member(w, "results")) {
			double v = check_perf(member(r, "perf"), wl, "fp16");

			if (i++ == 0)
				assert_true(num_of(r, "ratio_to_first") == 1);
			else
				assert_true(num_of(r, "ratio_to_first") > 1);
			assert_true(num_of(r, "perf_per_100w") > 0 && v > 0);
			/* the A100 has no price: null per $1000 */
			assert_true(i == 1 ? cJSON_IsNumber(member(r, "perf_per_kusd"))
					   : cJSON_IsNull(member(r, "perf_per_kusd")));
		}
	}
	cJSON_Delete(doc);
}

/* list --workload transformer --precision bf16: a perf per GPU; the
 * Pascal and Turing cards cannot run bf16 (value null, the reason). */
static void check_list_bf16(const char *out)
{
	cJSON *doc = json_doc(out);
	const cJSON *g;
	int cannot = 0;

	assert_int_equal(cJSON_GetArraySize(json_gpus(doc)), 8);
	cJSON_ArrayForEach(g, json_gpus(doc)) {
		const char *arch = str_of(g, "architecture");
		const cJSON *p = member(g, "perf");
		double v = check_perf(p, "transformer", "bf16");

		if (!strcmp(arch, "pascal") || !strcmp(arch, "turing")) {
			if (!isnan(v))
				fail_msg("%s (%s) has a bf16 value", str_of(g, "id"), arch);
			assert_non_null(strstr(str_of(p, "note"), "no BF16 Tensor Cores"));
			cannot++;
		} else if (!(v > 0)) {
			fail_msg("%s (%s) has no bf16 value", str_of(g, "id"), arch);
		}
	}
	assert_int_equal(cannot, 3);
	cJSON_Delete(doc);
}

/* The answers of a query batch: one JSON object per line. */
#define MAX_ANSWERS 8
struct answers {
	cJSON *a[MAX_ANSWERS];
	int n;
};

static struct answers answers_of(const char *out)
{
	struct answers r = { { NULL }, 0 };
	const char *line = out, *nl;

	while (*line) {
		nl = strchr(line, '\n');
		if (!nl)
			fail_msg("the last answer has no newline: %.200s", line);
		if (r.n == MAX_ANSWERS)
			fail_msg("more than %d answers", MAX_ANSWERS);
		r.a[r.n] = cJSON_ParseWithLength(line, (size_t)(nl - line));
		if (!cJSON_IsObject(r.a[r.n]))
			fail_msg("answer %d is not a JSON object: %.200s", r.n + 1, line);
		assert_true(num_of(r.a[r.n], "schema_version") == 1);
		r.n++;
		line = nl + 1;
	}
	return r;
}

static void answers_free(struct answers *r)
{
	int i;

	for (i = 0; i < r->n; i++)
		cJSON_Delete(r->a[i]);
}

/* The answer's id printed, e.g. "\"s1\"", "2", "null". */
static void expect_id(const cJSON *a, const char *want)
{
	char *id = cJSON_PrintUnformatted(member(a, "id"));

	assert_non_null(id);
	if (strcmp(id, want)) {
		fail_msg("id %s, want %s", id, want);
	}
	cJSON_free(id);
}

static const char *error_code(const cJSON *a)
{
	const cJSON *e = cJSON_GetObjectItemCaseSensitive(a, "error");

	return e ? str_of(e, "code") : NULL;
}

#define QUERY_OK \
	"{\"id\":\"s1\",\"command\":\"show\",\"gpu\":\"rtx3090\"}\n" \
	"{\"id\":2,\"command\":\"compare\",\"gpus\":[\"rtx3090\",\"a100\"],\"workload\":\"cnn\"}\n" \
	"\n" \
	"{\"id\":\"l3\",\"command\":\"list\",\"architecture\":\"pascal\",\"sort\":\"price\"}\n" \
	"{\"id\":\"r4\",\"command\":\"recommend\",\"workload\":\"cnn\",\"budget_usd\":1500,\"top\":2}\n"

static void check_query_ok(const char *out)
{
	struct answers r = answers_of(out);
	char buf[256];
	int i;

	assert_int_equal(r.n, 4); /* the blank line is no request */
	expect_id(r.a[0], "\"s1\"");
	assert_string_equal(str_of(member(r.a[0], "gpu"), "id"), "rtx-3090");
	expect_id(r.a[1], "2");
	assert_string_equal(str_of(r.a[1], "command"), "compare");
	assert_int_equal(cJSON_GetArraySize(member(r.a[1], "workloads")), 1);
	expect_id(r.a[2], "\"l3\"");
	ids_of(member(r.a[2], "gpus"), buf, sizeof(buf));
	assert_string_equal(buf, "gtx-1080-ti,p100-pcie-16gb"); /* unknown price last */
	expect_id(r.a[3], "\"r4\"");
	assert_int_equal(cJSON_GetArraySize(member(r.a[3], "results")), 2);
	for (i = 0; i < r.n; i++)
		assert_null(error_code(r.a[i]));
	answers_free(&r);
}

#define QUERY_NO_MATCH \
	"{\"id\":\"ok\",\"command\":\"show\",\"gpu\":\"a100\"}\n" \
	"{\"id\":\"none\",\"command\":\"recommend\",\"workload\":\"cnn\",\"budget_usd\":50}\n" \
	"{\"id\":\"after\",\"command\":\"show\",\"gpu\":\"p100\"}\n"

static void check_query_no_match(const char *out)
{
	struct answers r = answers_of(out);

	assert_int_equal(r.n, 3);
	expect_id(r.a[0], "\"ok\"");
	assert_null(error_code(r.a[0]));
	expect_id(r.a[1], "\"none\"");
	assert_string_equal(error_code(r.a[1]), "no_match");
	assert_non_null(strstr(str_of(member(r.a[1], "error"), "message"),
			       "a budget of $400 would admit 'rtx-2080-ti'"));
	assert_int_equal(cJSON_GetArraySize(member(r.a[1], "results")), 0);
	assert_int_equal(cJSON_GetArraySize(member(r.a[1], "excluded")), 8);
	expect_id(r.a[2], "\"after\"");
	assert_string_equal(str_of(member(r.a[2], "gpu"), "id"), "p100-pcie-16gb");
	answers_free(&r);
}

#define QUERY_MALFORMED \
	"{\"id\":\"before\",\"command\":\"show\",\"gpu\":\"a100\"}\n" \
	"{\"id\":\"broken\",\"command\":\n" \
	"{\"id\":\"after\",\"command\":\"show\",\"gpu\":\"p100\"}\n"

static void check_query_malformed(const char *out)
{
	struct answers r = answers_of(out);

	assert_int_equal(r.n, 3);
	expect_id(r.a[0], "\"before\"");
	assert_null(error_code(r.a[0]));
	expect_id(r.a[1], "null"); /* not parsed: no id to echo */
	assert_string_equal(error_code(r.a[1]), "invalid_json");
	/* so the answer names the line */
	assert_true(cJSON_IsNumber(member(member(r.a[1], "error"), "line")));
	assert_int_equal(member(member(r.a[1], "error"), "line")->valueint, 2);
	expect_id(r.a[2], "\"after\""); /* the batch went on */
	assert_string_equal(str_of(member(r.a[2], "gpu"), "id"), "p100-pcie-16gb");
	answers_free(&r);
}

#define QUERY_BOTH \
	"{\"id\":\"none\",\"command\":\"recommend\",\"workload\":\"cnn\",\"budget_usd\":50}\n" \
	"{\"id\":\"typo\",\"command\":\"recommend\",\"workload\":\"cnn\",\"budget\":50}\n"

static void check_query_both(const char *out)
{
	struct answers r = answers_of(out);

	assert_int_equal(r.n, 2);
	assert_string_equal(error_code(r.a[0]), "no_match");
	expect_id(r.a[1], "\"typo\"");
	assert_string_equal(error_code(r.a[1]), "unknown_key");
	assert_string_equal(str_of(member(r.a[1], "error"), "field"), "budget");
	answers_free(&r);
}

#define QUERY_PRETTY \
	"{\n" \
	"  \"id\": \"pretty\",\n" \
	"  \"command\": \"recommend\",\n" \
	"  \"workload\": \"transformer\",\n" \
	"  \"min_memory_gb\": 20\n" \
	"}\n"

static void check_query_pretty(const char *out)
{
	struct answers r = answers_of(out);
	char buf[256];

	assert_int_equal(r.n, 1); /* one document, one answer */
	expect_id(r.a[0], "\"pretty\"");
	ids_of(member(r.a[0], "results"), buf, sizeof(buf));
	assert_string_equal(buf, "a100-40gb-pcie,rtx-4090,rtx-3090,twin-b,twin-a");
	assert_string_equal(str_of(member(r.a[0], "query"), "min_memory_basis"), "query");
	answers_free(&r);
}

/*
 * One document or JSON Lines: small input that cJSON reads as one value
 * is one document, anything else JSON Lines. One line (blank lines after
 * it aside) is answered the same either way; over more lines the choice
 * shows in where an error's byte is counted from.
 */
#define QUERY_ONE_LINE "{\"id\":\"p\",\"command\":\"show\",\"gpu\":\"x\\u0000\"}\r\n\n \n"
#define QUERY_DOC_AFTER_BLANK "\n{\"id\":\"p\",\n\"command\":\"show\",\"gpu\":\"x\\u0000\"}\n"
#define QUERY_NO_DOCUMENT "{\"id\":\"p\",\n\"command\":\"show\",\"gpu\":\"x\\u0000\"}\n{}\n"

/* n answers, the i-th with error message msg[i]. */
static void expect_messages(const char *out, int n, const char *const *msg)
{
	struct answers r = answers_of(out);
	int i;

	assert_int_equal(r.n, n);
	for (i = 0; i < n; i++)
		assert_string_equal(str_of(member(r.a[i], "error"), "message"), msg[i]);
	answers_free(&r);
}

static void check_query_one_line(const char *out)
{
	static const char *const msg[] = { "\\u0000 in a string at byte 36" };

	expect_messages(out, 1, msg);
	assert_non_null(strstr(out, "{\"id\":\"p\","));
}

static void check_query_doc_after_blank(const char *out)
{
	static const char *const msg[] = { "\\u0000 in a string at byte 38" };

	expect_messages(out, 1, msg); /* counted from the input's first byte */
	assert_non_null(strstr(out, "{\"id\":\"p\","));
	assert_non_null(strstr(out, "\"line\":null")); /* one document: no line of its own */
}

static void check_query_no_document(const char *out)
{
	static const char *const msg[] = { "invalid JSON at byte 10",
					   "\\u0000 in a string at byte 26",
					   "'command' is required" };

	expect_messages(out, 3, msg); /* each line its own request */
	{
		struct answers r = answers_of(out);
		int i;

		assert_int_equal(r.n, 3);
		for (i = 0; i < 3; i++)
			assert_int_equal(member(member(r.a[i], "error"), "line")->valueint, i + 1);
		answers_free(&r);
	}
}

/* ---- table formats and pictures (issue 13) ------------------------------- */

/* CSV: every line CRLF-ended, as many fields on each as in the header. */
static void check_csv(const char *out)
{
	const char *line = out, *end;
	size_t cols = 0, lines = 0;

	while (*line) {
		size_t fields = 1;
		const char *p;
		bool quoted = false;

		end = strstr(line, "\r\n");
		assert_non_null(end);
		for (p = line; p < end; p++) {
			if (*p == '"')
				quoted = !quoted;
			else if (*p == ',' && !quoted)
				fields++;
		}
		if (!cols)
			cols = fields;
		if (fields != cols)
			fail_msg("line %zu has %zu fields, the header %zu", lines + 1, fields, cols);
		lines++;
		line = end + 2;
	}
	assert_true(lines >= 2);
}

static void check_markdown(const char *out)
{
	assert_non_null(strstr(out, "| --- |"));
	assert_null(strchr(out, '\033'));
}

static void check_svg(const char *out)
{
	assert_true(!strncmp(out, "<?xml", 5));
	assert_non_null(strstr(out, "<svg"));
	assert_non_null(strstr(out, "</svg>"));
	assert_non_null(strstr(out, "xlink:href=\"#glyph"));
}

/* The PNG written with --output: signature, 960 pixels wide, sane height. */
static void check_png_file(const char *out)
{
	size_t len = 0;
	char *png = test_read_file(GPUADV_TEST_OUT "/cli.png", &len);
	const unsigned char *u = (const unsigned char *)png;

	assert_string_equal(out, ""); /* nothing on stdout */
	assert_non_null(png);
	assert_true(len > 24);
	assert_memory_equal(png, "\x89PNG\r\n\x1a\n", 8);
	assert_memory_equal(png + 12, "IHDR", 4);
	assert_int_equal((u[16] << 24) | (u[17] << 16) | (u[18] << 8) | u[19], 960);
	assert_true(((u[22] << 8) | u[23]) >= 400 && ((u[22] << 8) | u[23]) <= 2000);
	free(png);
	unlink(GPUADV_TEST_OUT "/cli.png");
}

/* ---- the table ------------------------------------------------------------ */

/* Most rows leave out the trailing members (in_text, fail): zero. */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmissing-field-initializers"
/* The issue 11 answers on the built-in catalogue: a stated basis, dated
 * prices, and no SXM module or superchip offered as a card. */
static void check_market(const char *out)
{
	static const char *const system_only[] = { "SXM", "B200", "B300", "GB200", "GH200", NULL };
	size_t i;

	assert_non_null(strstr(out, "Prices: any (the cheapest new or used price seen within six months"));
	for (i = 0; system_only[i]; i++)
		if (strstr(out, system_only[i]))
			fail_msg("'%s' offered as a card:\n%s", system_only[i], out);
	assert_non_null(strstr(out, " used 2026-"));
}

static void check_tco_text(const char *out)
{
	assert_non_null(strstr(out, "Cost of ownership over 3 years at 8 h a day, 80% of board power, $0.30 per kWh"));
	assert_non_null(strstr(out, "\npurchase "));
	assert_non_null(strstr(out, "\nenergy "));
	assert_non_null(strstr(out, "\ntotal "));
	assert_non_null(strstr(out, "\nbuying beats renting after "));
}

static const struct cli_case cases[] = {
	/* help and version */
	{ "version", { "--version" }, { NULL }, NULL, NULL, 0, "gpu-advisor ", NULL, check_version, false },
	{ "version -V", { "-V" }, { NULL }, NULL, NULL, 0, "gpu-advisor ", NULL, check_version, false },
	{ "help", { "--help" }, { NULL }, NULL, NULL, 0, "Commands:", NULL, NULL, false },
	{ "help lists list", { "--help" }, { NULL }, NULL, NULL, 0, "  list ", NULL, NULL, false },
	{ "help list", { "help", "list" }, { NULL }, NULL, NULL, 0, "usage: gpu-advisor list", NULL, NULL, false },
	{ "list --help", { "list", "--help" }, { NULL }, NULL, NULL, 0, "--max-price USD", NULL, NULL, false },
	{ "help bogus", { "help", "bogus" }, { NULL }, NULL, NULL, 64, NULL, "unknown command 'bogus'", NULL, false },
	{ "no command", { NULL }, { NULL }, NULL, NULL, 64, NULL, "usage: gpu-advisor", NULL, true },

	/* EMBEDDED: the built-in catalogue */
	{ "list embedded", { "list" }, { NULL }, NULL, NULL, 0, "rtx-3090 ", NULL, NULL, false },
	/* GPU_ADVISOR_TODAY that is not a date was ignored: the clock was used */
	{ "GPU_ADVISOR_TODAY junk", { "list" }, { "GPU_ADVISOR_TODAY=yesterday" }, NULL, NULL, 64, NULL, "'GPU_ADVISOR_TODAY' must be a date (YYYY-MM-DD), got 'yesterday'", NULL, false },
	{ "GPU_ADVISOR_TODAY no such day", { "list" }, { "GPU_ADVISOR_TODAY=2026-13-01" }, NULL, NULL, 64, NULL, "got '2026-13-01'", NULL, false },
	{ "GPU_ADVISOR_TODAY 29 February of 2025", { "list" }, { "GPU_ADVISOR_TODAY=2025-02-29" }, NULL, NULL, 64, NULL, "got '2025-02-29'", NULL, false },
	{ "GPU_ADVISOR_TODAY empty: unset", { "list" }, { "GPU_ADVISOR_TODAY=" }, NULL, NULL, 0, "rtx-3090 ", NULL, NULL, false },
	{ "list json embedded", { "list", "--format", "json" }, { NULL }, NULL, NULL, 0, "\"gpus\"", NULL, check_at_least_40, false },
	{ "show 3090 embedded", { "show", "3090", "--format", "json" }, { NULL }, NULL, NULL, 0, NULL, NULL, check_show_3090, false },
	{ "show RTX 3090 embedded", { "show", "RTX 3090" }, { NULL }, NULL, NULL, 0, "GeForce RTX 3090", NULL, NULL, false },
	{ "show rtx3900 embedded", { "show", "rtx3900" }, { NULL }, NULL, NULL, 64, NULL, "gpu-advisor: unknown GPU 'rtx3900'; did you mean 'rtx-3090'", NULL, false },
	{ "list --arch ampere embedded", { "list", "--arch", "ampere", "--format", "json" }, { NULL }, NULL, NULL, 0, NULL, NULL, check_all_ampere, false },
	{ "list --max-price embedded", { "list", "--max-price", "1000", "--format", "json" }, { NULL }, NULL, NULL, 0, NULL, NULL, check_priced_1000, false },
	{ "archs embedded", { "archs" }, { NULL }, NULL, NULL, 0, "Volta", NULL, NULL, false },
	{ "archs Blackwell embedded", { "archs" }, { NULL }, NULL, NULL, 0, "Blackwell", NULL, NULL, false },
	{ "catalog info embedded", { "catalog", "info" }, { NULL }, NULL, NULL, 0, "source:          embedded", NULL, NULL, false },
	{ "empty env is embedded", { "catalog", "info" }, { "GPU_ADVISOR_CATALOG=" }, NULL, NULL, 0, "source:          embedded", NULL, NULL, false },

	/* EMBEDDED: models, memory and configurations (issue 10) */
	{ "memory 70b q4 embedded", { "memory", "--model", "llama-3.1-70b", "--quant", "q4_k_m", "--context", "8192" }, { NULL }, NULL, NULL, 0, "total            43.53 GiB", NULL, NULL, false },
	{ "memory json embedded", { "memory", "--model", "llama-3.1-70b", "--quant", "q4_k_m", "--context", "8192", "--format", "json" }, { NULL }, NULL, NULL, 0, "\"kv_cache_gb\":\t2.5", NULL, NULL, false },
	{ "memory qlora 8b fits 16 GB embedded", { "memory", "--model", "llama-3-8b", "--task", "finetune", "--method", "qlora", "--context", "2048" }, { NULL }, NULL, NULL, 0, "total             9.95 GiB", NULL, NULL, false },
	{ "memory params embedded", { "memory", "--params", "13b" }, { NULL }, NULL, NULL, 0, "assumed (a model not listed", NULL, NULL, false },
	{ "memory unknown model embedded", { "memory", "--model", "llama-3-7b" }, { NULL }, NULL, NULL, 64, NULL, "gpu-advisor: unknown model 'llama-3-7b'; did you mean", NULL, false },
	{ "memory context too long embedded", { "memory", "--model", "llama-3-8b", "--context", "100000" }, { NULL }, NULL, NULL, 64, NULL, "above the maximum of 'llama-3-8b', 8192 tokens", NULL, false },
	{ "memory method with infer embedded", { "memory", "--model", "llama-3-8b", "--method", "lora" }, { NULL }, NULL, NULL, 64, NULL, "option '--method' applies to fine-tuning", NULL, false },
	{ "memory quant for qlora embedded", { "memory", "--model", "llama-3-8b", "--task", "finetune", "--method", "qlora", "--quant", "q4_k_m" }, { NULL }, NULL, NULL, 64, NULL, "makes no sense for QLoRA", NULL, false },
	{ "memory needs a model embedded", { "memory" }, { NULL }, NULL, NULL, 64, NULL, "'memory' needs --model or --params", NULL, false },
	/* memory's charts and --on (issue 13) */
	{ "memory --chart ascii embedded", { "memory", "--model", "llama-3.1-70b", "--quant", "q4_k_m", "--chart" }, { NULL }, NULL, NULL, 0, "\nNeed against memory, GiB (all the cards together; one scale for all)\n  1 x NVIDIA A100 40GB PCIe (too small)\n    needs ####", NULL, NULL, false },
	{ "memory --chart utf-8 embedded", { "memory", "--model", "llama-3.1-70b", "--quant", "q4_k_m", "--chart" }, { "LC_ALL=C.UTF-8", NULL }, NULL, NULL, 0, "  weights          40.20    95%  \u2588\u2588\u2588\u2588", NULL, NULL, false },
	{ "memory svg embedded", { "memory", "--model", "llama-3.1-70b", "--quant", "q4_k_m", "--format", "svg" }, { NULL }, NULL, NULL, 0, NULL, NULL, check_svg, false },
	{ "memory png --output embedded", { "memory", "--model", "llama-3-8b", "--task", "train", "--format", "png", "--output", GPUADV_TEST_OUT "/cli.png" }, { NULL }, NULL, NULL, 0, NULL, NULL, check_png_file, false },
	{ "memory png to /dev/full embedded", { "memory", "--model", "llama-3-8b", "--format", "png", "-o", "/dev/full" }, { NULL }, NULL, NULL, 74, NULL, "gpu-advisor: cannot write", NULL, false },
	{ "memory csv refused embedded", { "memory", "--model", "llama-3-8b", "--format", "csv" }, { NULL }, NULL, NULL, 64, NULL, "option '--format' must be text, json, svg or png, got 'csv'", NULL, false },
	{ "memory --on fits embedded", { "memory", "--model", "qwen2.5-32b", "--quant", "q4_k_m", "--on", "2x3090" }, { NULL }, NULL, NULL, 0, "On 2 x GeForce RTX 3090: needs 21.0 GiB, 2 x 24 GB = 48 GiB: fits\n  decode ~", NULL, NULL, false },
	{ "memory --on too small embedded", { "memory", "--model", "llama-3.1-70b", "--on", "rtx-4090" }, { NULL }, NULL, NULL, 1, "does not fit", "gpu-advisor: 'llama-3.1-70b' does not fit 1 x 'rtx-4090': it needs 133.5 GiB, the card holds 24", NULL, false, NULL, FAIL_WITH_ANSWER },
	{ "memory --on training embedded", { "memory", "--model", "llama-3-8b", "--task", "train", "--on", "4xa100-80gb-sxm" }, { NULL }, NULL, NULL, 1, NULL, "it needs 152.6 GiB on each card, which holds 80", NULL, false, NULL, FAIL_WITH_ANSWER },
	{ "memory --on fp8 on ampere embedded", { "memory", "--model", "llama-3-8b", "--quant", "fp8", "--on", "a100" }, { NULL }, NULL, NULL, 1, NULL, "lacks", NULL, false, NULL, FAIL_WITH_ANSWER },
	{ "memory --on 9 cards embedded", { "memory", "--model", "llama-3-8b", "--on", "9x3090" }, { NULL }, NULL, NULL, 64, NULL, "'9x3090' asks for 9 GPUs; a configuration holds 1 to 8", NULL, false },
	{ "memory --on json embedded", { "memory", "--model", "llama-3-8b", "--on", "2x3090", "--format", "json" }, { NULL }, NULL, NULL, 0, "\"on\":\t{\n\t\t\"count\":\t2,\n\t\t\"fits\":\ttrue,", NULL, NULL, false },
	{ "models embedded", { "models" }, { NULL }, NULL, NULL, 0, "llama-3.1-70b", NULL, NULL, false },
	{ "models kind json embedded", { "models", "--kind", "vision", "--format", "json" }, { NULL }, NULL, NULL, 0, "\"resnet-50\"", NULL, NULL, false },
	{ "recommend model embedded", { "recommend", "--model", "qwen2.5-32b", "--quant", "q4_k_m", "--budget", "2000", "--max-gpus", "2" }, { NULL }, NULL, NULL, 0, "decode ~", NULL, NULL, false },
	{ "recommend model json embedded", { "recommend", "--model", "llama-3-8b", "--quant", "q4_k_m", "--top", "1", "--format", "json" }, { NULL }, NULL, NULL, 0, "\"decode_tokens_per_s\"", NULL, NULL, false },
	{ "recommend max-gpus 0 embedded", { "recommend", "--model", "llama-3-8b", "--max-gpus", "0" }, { NULL }, NULL, NULL, 64, NULL, "option '--max-gpus' must be an integer from 1 to 8, got '0'", NULL, false },
	{ "recommend min tokens none embedded", { "recommend", "--model", "llama-3.1-405b", "--min-tokens-per-s", "1000" }, { NULL }, NULL, NULL, 1, NULL, "no GPU satisfies the constraints", NULL, false },
	{ "compare model embedded", { "compare", "--model", "llama-3-70b", "--quant", "q4_k_m", "2x3090", "rtx-a6000", "h100-pcie" }, { NULL }, NULL, NULL, 0, "2x GeForce RTX 3090", NULL, NULL, false },
	{ "compare configs embedded", { "compare", "--workload", "transformer", "8xa100-80gb-sxm", "4xh100-sxm" }, { NULL }, NULL, NULL, 0, "8x NVIDIA A100 80GB SXM", NULL, NULL, false },
	{ "compare nine cards embedded", { "compare", "9x3090", "a100" }, { NULL }, NULL, NULL, 64, NULL, "'9x3090' asks for 9 GPUs", NULL, false },
	{ "compare 999999 cards: the count as written", { "compare", "999999x3090", "a100" }, { NULL }, NULL, NULL, 64, NULL, "'999999x3090' asks for 999999 GPUs", NULL, false },
	{ "compare nine GPUs: 'compare' quoted", { "compare", "rtx3090", "a100", "v100", "t4", "l4", "a10", "rtx4090", "rtx3080", "rtx3060" }, { NULL }, NULL, NULL, 64, NULL, "'compare' takes at most 8 GPUs", NULL, false },
	{ "show configuration embedded", { "show", "8x h100-sxm" }, { NULL }, NULL, NULL, 0, "Configuration: 8 x", NULL, NULL, false },
	{ "query configuration embedded", { "query", "-" }, { NULL }, NULL, NULL, 0, "\"count\":2", NULL, NULL, false, "{\"command\":\"compare\",\"gpus\":[\"2x rtx-3090\",\"a100\"],\"model\":\"llama-3-8b\"}\n" },
	{ "query memory embedded", { "query", "-" }, { NULL }, NULL, NULL, 0, "\"required_gb\":43.53", NULL, NULL, false, "{\"command\":\"memory\",\"model\":\"llama-3.1-70b\",\"quant\":\"q4_k_m\",\"context_tokens\":8192}\n" },

	/* a fixture catalogue */
	{ "list fixture", { "--catalog", GOOD, "list" }, { NULL }, NULL, NULL, 0, "rtx-3090-ti", NULL, check_fixture_text, false },
	{ "list --catalog after", { "list", "--catalog", GOOD, "--format", "json" }, { NULL }, NULL, NULL, 0, NULL, NULL, check_fixture_all, false },
	{ "list --catalog=", { "list", "--catalog=" GOOD, "--format=json" }, { NULL }, NULL, NULL, 0, NULL, NULL, check_fixture_all, false },
	{ "list --arch ampere", { "list", "--catalog", GOOD, "--arch", "ampere", "--format", "json" }, { NULL }, NULL, NULL, 0, NULL, NULL, check_fixture_ampere, false },
	{ "list --arch by name", { "list", "--catalog", GOOD, "-a", "AMPERE", "--format", "json" }, { NULL }, NULL, NULL, 0, NULL, NULL, check_fixture_ampere, false },
	{ "list --max-price", { "list", "--catalog", GOOD, "--max-price", "1000", "--format", "json" }, { NULL }, NULL, NULL, 0, NULL, NULL, check_fixture_1000, false },
	{ "list --sort price", { "list", "--catalog", GOOD, "--sort", "price", "--format", "json" }, { NULL }, NULL, NULL, 0, NULL, NULL, check_fixture_by_price, false },
	{ "list --sort fp16", { "list", "--catalog", GOOD, "--sort", "fp16", "-fjson" }, { NULL }, NULL, NULL, 0, NULL, NULL, check_fixture_by_fp16, false },
	{ "list --segment", { "list", "--catalog", GOOD, "--segment", "datacenter", "--format", "json" }, { NULL }, NULL, NULL, 0, NULL, NULL, check_fixture_datacenter, false },
	{ "list --min-memory", { "list", "--catalog", GOOD, "--min-memory", "20", "--format", "json" }, { NULL }, NULL, NULL, 0, NULL, NULL, check_fixture_min_memory, false },
	{ "show fixture", { "show", "--catalog", GOOD, "3090", "--format", "json" }, { NULL }, NULL, NULL, 0, NULL, NULL, check_show_3090, false },
	{ "show suggestions", { "show", "--catalog", GOOD, "rtx3900" }, { NULL }, NULL, NULL, 64, NULL, "gpu-advisor: unknown GPU 'rtx3900'; did you mean 'rtx-3090' or 'rtx-3090-ti'?\n", NULL, false },
	{ "show nothing close", { "show", "--catalog", GOOD, "zzzzzzzzzz" }, { NULL }, NULL, NULL, 64, NULL, "gpu-advisor: unknown GPU 'zzzzzzzzzz'\n", NULL, false },
	{ "archs fixture", { "archs", "--catalog", GOOD }, { NULL }, NULL, NULL, 0, "Volta", NULL, NULL, false },

	/* GPU_ADVISOR_CATALOG, and --catalog over it */
	{ "env catalogue", { "catalog", "info" }, { "GPU_ADVISOR_CATALOG=" GOOD }, NULL, NULL, 0, "source:          GPU_ADVISOR_CATALOG", NULL, NULL, false },
	{ "env catalogue path", { "catalog", "info" }, { "GPU_ADVISOR_CATALOG=" GOOD }, NULL, NULL, 0, "GPUs:            3\n", NULL, NULL, false },
	{ "env catalogue list", { "list", "--format", "json" }, { "GPU_ADVISOR_CATALOG=" GOOD }, NULL, NULL, 0, NULL, NULL, check_fixture_all, false },
	{ "env bad catalogue", { "list" }, { "GPU_ADVISOR_CATALOG=" FX "bad-date.yaml" }, NULL, NULL, 65, NULL, "bad-date.yaml:3:8: 'as_of' must be a date", NULL, false },
	{ "--catalog beats env", { "catalog", "info", "--catalog", GOOD }, { "GPU_ADVISOR_CATALOG=" FX "bad-date.yaml" }, NULL, NULL, 0, "source:          --catalog", NULL, NULL, false },

	/* bad and missing catalogues */
	{ "bad catalogue 65", { "list", "--catalog", FX "bad-type-word.yaml" }, { NULL }, NULL, NULL, 65, NULL, "bad-type-word.yaml:21:16: 'memory_gb' must be a positive number, got 'lots'", NULL, false },
	{ "bad catalogue prefix", { "list", "--catalog", FX "bad-unknown-key.yaml" }, { NULL }, NULL, NULL, 65, NULL, "gpu-advisor: " FX "bad-unknown-key.yaml:25:5: ", NULL, false },
	{ "missing catalogue 66", { "list", "--catalog", "/nonexistent/catalog.yaml" }, { NULL }, NULL, NULL, 66, NULL, "/nonexistent/catalog.yaml", NULL, false },
	/* A directory is "cannot open input" (66), not the I/O error (74)
	 * that fread()'s EISDIR once gave. */
	{ "catalogue is a directory", { "list", "--catalog", GPUADV_FIXTURES }, { NULL }, NULL, NULL, 66, NULL, "gpu-advisor: ", NULL, false },

	/* catalog validate */
	{ "validate good", { "catalog", "validate", GOOD }, { NULL }, NULL, NULL, 0, "ok: 3 GPUs, 2 architectures", NULL, NULL, false },
	{ "validate bad", { "catalog", "validate", FX "bad-duplicate-key.yaml" }, { NULL }, NULL, NULL, 65, NULL, "bad-duplicate-key.yaml:22:5: duplicate key 'memory_gb'", NULL, false },
	{ "validate empty", { "catalog", "validate", FX "bad-empty.yaml" }, { NULL }, NULL, NULL, 65, NULL, "bad-empty.yaml: empty document", NULL, false },
	{ "validate terminal escapes", { "catalog", "validate", FX "bad-control-char.yaml" }, { NULL }, NULL, NULL, 65, NULL, "bad-control-char.yaml:17:11: string contains control character U+001B", NULL, false },
	{ "validate bidirectional override", { "catalog", "validate", FX "bad-bidi.yaml" }, { NULL }, NULL, NULL, 65, NULL, "bad-bidi.yaml:17:11: string contains control character U+202E", NULL, false },
	{ "validate missing", { "catalog", "validate", "/nonexistent.yaml" }, { NULL }, NULL, NULL, 66, NULL, "cannot open '/nonexistent.yaml'", NULL, false },
	{ "validate stdin", { "catalog", "validate", "-" }, { NULL }, GOOD, NULL, 0, "-: ok: 3 GPUs", NULL, NULL, false },
	{ "validate stdin bad", { "catalog", "validate", "-" }, { NULL }, FX "bad-hex.yaml", NULL, 65, NULL, "-:21:16: 'memory_gb' must be a positive number, got '0x10'", NULL, false },
	{ "validate no file", { "catalog", "validate" }, { NULL }, NULL, NULL, 64, NULL, "usage: gpu-advisor catalog validate FILE", NULL, false },
	{ "catalog bogus", { "catalog", "bogus" }, { NULL }, NULL, NULL, 64, NULL, "unknown subcommand 'catalog bogus'", NULL, false },

	/* usage errors: 64 */
	{ "unknown command", { "frobnicate" }, { NULL }, NULL, NULL, 64, NULL, "gpu-advisor: unknown command 'frobnicate'", NULL, false },
	/* A trailing global --catalog without its value is "needs a value", as
	 * from a command; it once fell through to "unknown option". */
	{ "global --catalog without value", { "--catalog" }, { NULL }, NULL, NULL, 64, NULL, "'--catalog' needs a value", NULL, false },
	{ "unknown global option", { "--frobnicate", "list" }, { NULL }, NULL, NULL, 64, NULL, "unknown option '--frobnicate'", NULL, false },
	{ "unknown option", { "list", "--catalog", GOOD, "--bogus" }, { NULL }, NULL, NULL, 64, NULL, "unknown option '--bogus' for 'list'", NULL, false },
	{ "unknown short option", { "list", "-z" }, { NULL }, NULL, NULL, 64, NULL, "unknown option '-z' for 'list'", NULL, false },
	/* table formats, charts and pictures (issue 13) */
	{ "list csv", { "list", "--catalog", ENG, "--format", "csv" }, { NULL }, NULL, NULL, 0, "id,name,architecture,segment,memory_type,release_year,", NULL, check_csv, false },
	{ "list csv workload", { "list", "--catalog", ENG, "--workload", "cnn", "--format", "csv" }, { NULL }, NULL, NULL, 0, ",workload,precision,perf,error_pct,basis\r\n", NULL, check_csv, false },
	{ "list markdown", { "list", "--catalog", ENG, "--format", "markdown" }, { NULL }, NULL, NULL, 0, "| ID | Name | Architecture |", NULL, check_markdown, false },
	{ "recommend csv", { "--catalog", ENG, "recommend", "-w", "cnn", "--format", "csv" }, { NULL }, NULL, NULL, 0, "rank,id,name,workload,", NULL, check_csv, false },
	{ "recommend markdown", { "--catalog", ENG, "recommend", "-w", "cnn", "-f", "markdown" }, { NULL }, NULL, NULL, 0, "| Rank | GPU | Memory GB |", NULL, check_markdown, false },
	{ "compare csv", { "--catalog", ENG, "compare", "rtx3090", "rtx4090", "--format", "csv" }, { NULL }, NULL, NULL, 0, "workload,precision,id,name,perf,error_pct,ratio,", NULL, check_csv, false },
	{ "compare markdown", { "--catalog", ENG, "compare", "rtx3090", "rtx4090", "--format", "markdown" }, { NULL }, NULL, NULL, 0, "### Performance relative to the ", NULL, check_markdown, false },
	{ "show csv refused", { "--catalog", ENG, "show", "rtx3090", "--format", "csv" }, { NULL }, NULL, NULL, 64, NULL, "option '--format' must be text or json, got 'csv'", NULL, false },
	{ "list svg refused", { "--catalog", ENG, "list", "--format", "svg" }, { NULL }, NULL, NULL, 64, NULL, "option '--format' must be text, json, csv or markdown, got 'svg'", NULL, false },
	{ "recommend --chart ascii", { "--catalog", ENG, "recommend", "-w", "cnn", "--chart" }, { NULL }, NULL, NULL, 0, "\nPerformance per $1000 (- for no price)\n", NULL, NULL, false },
	{ "recommend --chart bars", { "--catalog", ENG, "recommend", "-w", "cnn", "--chart" }, { NULL }, NULL, NULL, 0, "################", NULL, NULL, false },
	{ "recommend --chart utf-8", { "--catalog", ENG, "recommend", "-w", "cnn", "--chart" }, { "LC_ALL=C.UTF-8", NULL }, NULL, NULL, 0, "\u2588\u2588\u2588\u2588", NULL, NULL, false },
	{ "compare --chart", { "--catalog", ENG, "compare", "rtx3090", "rtx4090", "--chart" }, { NULL }, NULL, NULL, 0, "\nPerformance per $1000 (- for no price or n/a)\n  cnn ", NULL, NULL, false },
	{ "--chart with json", { "--catalog", ENG, "recommend", "-w", "cnn", "--chart", "-f", "json" }, { NULL }, NULL, NULL, 64, NULL, "option '--chart' draws in text output; '--format json' cannot have it", NULL, false },
	{ "list has no --chart", { "--catalog", ENG, "list", "--chart" }, { NULL }, NULL, NULL, 64, NULL, "unknown option '--chart' for 'list'", NULL, false },
	{ "recommend svg", { "--catalog", ENG, "recommend", "-w", "cnn", "--format", "svg" }, { NULL }, NULL, NULL, 0, NULL, NULL, check_svg, false },
	{ "compare svg", { "--catalog", ENG, "compare", "rtx3090", "rtx4090", "a100", "--format", "svg" }, { NULL }, NULL, NULL, 0, NULL, NULL, check_svg, false },
	{ "recommend png --output", { "--catalog", ENG, "recommend", "-w", "cnn", "--format", "png", "--output", GPUADV_TEST_OUT "/cli.png" }, { NULL }, NULL, NULL, 0, NULL, NULL, check_png_file, false },
	{ "compare png --output", { "--catalog", ENG, "compare", "rtx3090", "rtx4090", "-f", "png", "-o", GPUADV_TEST_OUT "/cli.png" }, { NULL }, NULL, NULL, 0, NULL, NULL, check_png_file, false },
	{ "--output to /dev/full", { "--catalog", ENG, "recommend", "-w", "cnn", "--format", "png", "--output", "/dev/full" }, { NULL }, NULL, NULL, 74, NULL, "gpu-advisor: cannot write", NULL, false },
	{ "csv --output to /dev/full", { "--catalog", ENG, "list", "--format", "csv", "--output", "/dev/full" }, { NULL }, NULL, NULL, 74, NULL, "gpu-advisor: cannot write", NULL, false },
	{ "--output in no folder", { "--catalog", ENG, "list", "--output", "/nonexistent/dir/x.csv" }, { NULL }, NULL, NULL, 74, NULL, "gpu-advisor: cannot write '/nonexistent/dir/x.csv': No such file", NULL, false },
	{ "png to /dev/full stdout", { "--catalog", ENG, "recommend", "-w", "cnn", "--format", "png" }, { NULL }, NULL, "/dev/full", 74, NULL, "gpu-advisor: cannot write", NULL, false },
	{ "--output empty", { "--catalog", ENG, "list", "--output", "" }, { NULL }, NULL, NULL, 64, NULL, "option '--output' needs a file name", NULL, false },
	{ "recommend none matched csv", { "--catalog", ENG, "recommend", "-w", "cnn", "--budget", "1", "--format", "csv" }, { NULL }, NULL, NULL, 1, NULL, "gpu-advisor: ", NULL, false },
	{ "compare --model csv refused", { "--catalog", ENG, "compare", "rtx3090", "rtx4090", "--model", "llama-3-8b", "--format", "csv" }, { NULL }, NULL, NULL, 64, NULL, "with --model the answer is text or json, without --chart", NULL, false },
	{ "recommend --model LLM --workload refused", { "--catalog", ENG, "recommend", "--model", "llama-3-8b", "--workload", "cnn" }, { NULL }, NULL, NULL, 64, NULL, "gpu-advisor: option '--workload' does not apply to 'llama-3-8b' inference, which is ranked by decode speed; its weights' format is --quant", NULL, false },
	{ "recommend --model --chart refused", { "--catalog", ENG, "recommend", "--model", "llama-3-8b", "--chart" }, { NULL }, NULL, NULL, 64, NULL, "with --model the answer is text or json, without --chart", NULL, false },
	{ "--format xml", { "list", "--catalog", GOOD, "--format", "xml" }, { NULL }, NULL, NULL, 64, NULL, "option '--format' must be text, json, csv or markdown, got 'xml'", NULL, false },
	{ "show --format xml", { "show", "--catalog", GOOD, "3090", "--format", "xml" }, { NULL }, NULL, NULL, 64, NULL, "option '--format' must be text or json", NULL, false },
	{ "--min-memory abc", { "list", "--catalog", GOOD, "--min-memory", "abc" }, { NULL }, NULL, NULL, 64, NULL, "option '--min-memory' must be a number", NULL, false },
	{ "--min-memory 1e400", { "list", "--catalog", GOOD, "--min-memory", "1e400" }, { NULL }, NULL, NULL, 64, NULL, "option '--min-memory'", NULL, false },
	{ "--max-price negative", { "list", "--catalog", GOOD, "--max-price", "-5" }, { NULL }, NULL, NULL, 64, NULL, "option '--max-price'", NULL, false },
	{ "--sort bogus", { "list", "--catalog", GOOD, "--sort", "bogus" }, { NULL }, NULL, NULL, 64, NULL, "option '--sort' must be", NULL, false },
	{ "--arch unknown", { "list", "--catalog", GOOD, "--arch", "klingon" }, { NULL }, NULL, NULL, 64, NULL, "unknown architecture 'klingon'", NULL, false },
	{ "--segment bogus", { "list", "--catalog", GOOD, "--segment", "gaming" }, { NULL }, NULL, NULL, 64, NULL, "option '--segment'", NULL, false },
	{ "option without value", { "list", "--catalog", GOOD, "--format" }, { NULL }, NULL, NULL, 64, NULL, "option '--format' needs a value", NULL, false },
	{ "option twice", { "list", "--catalog", GOOD, "--sort", "name", "--sort", "price" }, { NULL }, NULL, NULL, 64, NULL, "option '--sort' given twice", NULL, false },
	{ "flag with value", { "list", "--no-color=yes" }, { NULL }, NULL, NULL, 64, NULL, "takes no value", NULL, false },
	/* Issue 9 item 4: a common option given twice, before or after the
	 * command, or once each side, won silently (the last one). */
	{ "global --catalog twice", { "--catalog", ENG, "--catalog", GOOD, "list" }, { NULL }, NULL, NULL, 64, NULL, "gpu-advisor: option '--catalog' given twice\n", NULL, false },
	{ "global --catalog= twice", { "--catalog=" ENG, "--catalog", GOOD, "list" }, { NULL }, NULL, NULL, 64, NULL, "option '--catalog' given twice", NULL, false },
	{ "command --catalog twice", { "list", "--catalog", ENG, "--catalog", GOOD }, { NULL }, NULL, NULL, 64, NULL, "option '--catalog' given twice", NULL, false },
	{ "--catalog before and after the command", { "--catalog", ENG, "list", "--catalog", GOOD }, { NULL }, NULL, NULL, 64, NULL, "option '--catalog' given twice", NULL, false },
	{ "global --no-color twice", { "--no-color", "--no-color", "list" }, { NULL }, NULL, NULL, 64, NULL, "option '--no-color' given twice", NULL, false },
	{ "command --no-color twice", { "list", "--no-color", "--no-color" }, { NULL }, NULL, NULL, 64, NULL, "option '--no-color' given twice", NULL, false },
	{ "--no-color before and after", { "--no-color", "list", "--no-color" }, { NULL }, NULL, NULL, 64, NULL, "option '--no-color' given twice", NULL, false },
	{ "a flag twice", { "--catalog", ENG, "recommend", "-w", "cnn", "-r", "--reasons" }, { NULL }, NULL, NULL, 64, NULL, "option '--reasons' given twice", NULL, false },
	{ "--price may repeat", { "--catalog", ENG, "recommend", "-w", "cnn", "--price", "rtx3090=700", "--price", "rtx4090=1500" }, { NULL }, NULL, NULL, 0, "Workload: cnn", NULL, NULL, false },
	/* Issue 9: "-rx" said "'--reasons' takes no value"; flags without a
	 * value group, and the last of a group may take one ("-xn1"). */
	{ "short flags grouped", { "--catalog", ENG, "recommend", "-w", "cnn", "-rx" }, { NULL }, NULL, NULL, 0, "\nExcluded (0)\n", NULL, NULL, false },
	{ "grouped, then a value", { "--catalog", ENG, "recommend", "-w", "cnn", "-xn1" }, { NULL }, NULL, NULL, 0, "(7 more; --top 0 shows all)", NULL, NULL, false },
	{ "grouped, unknown letter", { "--catalog", ENG, "recommend", "-w", "cnn", "-rz" }, { NULL }, NULL, NULL, 64, NULL, "unknown option '-z' for 'recommend'", NULL, false },
	{ "grouped, value missing", { "--catalog", ENG, "recommend", "-w", "cnn", "-rn" }, { NULL }, NULL, NULL, 64, NULL, "option '--top' needs a value (N)", NULL, false },
	/* The usage in "too many arguments" is one line: list's usage string
	 * once held a newline, and the message took two lines of stderr. */
	{ "extra argument", { "list", "--catalog", GOOD, "extra" }, { NULL }, NULL, NULL, 64, NULL, "too many arguments for 'list'", NULL, false },
	{ "show without GPU", { "show", "--catalog", GOOD }, { NULL }, NULL, NULL, 64, NULL, "'show' needs more arguments", NULL, false },

	/* a failed write to stdout: 74 */
	{ "list to /dev/full", { "list", "--catalog", GOOD }, { NULL }, NULL, "/dev/full", 74, NULL, "gpu-advisor: cannot write", NULL, false },
	{ "json to /dev/full", { "list", "--catalog", GOOD, "--format", "json" }, { NULL }, NULL, "/dev/full", 74, NULL, "gpu-advisor: cannot write", NULL, false },
	{ "big list to /dev/full", { "list" }, { NULL }, NULL, "/dev/full", 74, NULL, "gpu-advisor: cannot write", NULL, false },
	{ "help to /dev/full", { "--help" }, { NULL }, NULL, "/dev/full", 74, NULL, "gpu-advisor: cannot write", NULL, false },
	{ "version to /dev/full", { "--version" }, { NULL }, NULL, "/dev/full", 74, NULL, "gpu-advisor: cannot write", NULL, false },
	{ "validate to /dev/full", { "catalog", "validate", GOOD }, { NULL }, NULL, "/dev/full", 74, NULL, "gpu-advisor: cannot write", NULL, false },

	/* prices (issue 11): the list, its basis, the cost of ownership */
	{ "recommend 500 embedded", { "recommend", "--workload", "cnn", "--budget", "500" }, { NULL }, NULL, NULL, 0, "Fastest within budget", NULL, check_market, false },
	{ "recommend 1500 embedded", { "recommend", "--workload", "cnn", "--budget", "1500" }, { NULL }, NULL, NULL, 0, "Fastest within budget", NULL, check_market, false },
	{ "compare tco embedded", { "compare", "--years", "3", "--hours-per-day", "8", "--kwh-price", "0.30", "rtx-3090", "rtx-4090" }, { NULL }, NULL, NULL, 0, NULL, NULL, check_tco_text, false },
	{ "--prices", { "--catalog", ENG, "--prices", EP, "recommend", "-w", "cnn", "--budget", "900" }, { NULL }, NULL, NULL, 0, "$800 used 2026-10 ", NULL, NULL, false },
	{ "--prices after the command", { "recommend", "--catalog", ENG, "--prices", EP, "-w", "cnn", "--price-basis", "new", "--budget", "1500" }, { NULL }, NULL, NULL, 0, "$1400 new 2026-09-15 ", NULL, NULL, false },
	{ "GPU_ADVISOR_PRICES", { "--catalog", ENG, "recommend", "-w", "cnn", "--budget", "900" }, { "GPU_ADVISOR_PRICES=" EP }, NULL, NULL, 0, "$800 used 2026-10 ", NULL, NULL, false },
	{ "--prices twice", { "--prices", EP, "list", "--prices", EP }, { NULL }, NULL, NULL, 64, NULL, "option '--prices' given twice", NULL, false },
	{ "a broken price list", { "--catalog", ENG, "--prices", FX "prices-bad-date.yaml", "list" }, { NULL }, NULL, NULL, 65, NULL, "prices-bad-date.yaml:10:16: 'as_of' must be a date (YYYY-MM-DD or YYYY-MM), got '2026-13'", NULL, false },
	{ "prices for another catalogue", { "--catalog", ENG, "list" }, { "GPU_ADVISOR_PRICES=" GPUADV_PRICES_PATH }, NULL, NULL, 65, NULL, "prices.yaml:21:10: unknown GPU id 'p100-sxm2-16gb'", NULL, false },
	/* Regression (issue 11): a launch price from years ago was held against
	 * a budget as if the card sold for it today. */
	{ "old launch price is no current price", { "--catalog", ENG, "--prices", EP, "recommend", "-w", "cnn", "--budget", "5000", "-x" }, { "GPU_ADVISOR_TODAY=2026-11-30", NULL }, NULL, NULL, 0, "no current price: its launch price, $699 (2017), is not what it sells for now; give one with --price gtx-1080-ti=USD", NULL, NULL, false },
	{ "last year's launch price still counts", { "--catalog", ENG, "--prices", EP, "recommend", "-w", "cnn", "--budget", "5000", "--top", "0" }, { "GPU_ADVISOR_TODAY=2018-06-01", NULL }, NULL, NULL, 0, "$699 launch", NULL, NULL, false },
	{ "system-only excluded", { "--catalog", ENG, "--prices", EP, "recommend", "-w", "cnn", "-x" }, { NULL }, NULL, NULL, 0, "twin-a                 sold only in 4- or 8-GPU servers, not as a card: $10000 (system price: a $80000 server of 8 GPUs, 2026-09) a GPU", NULL, NULL, false },
	{ "budget per hour", { "--catalog", ENG, "--prices", EP, "recommend", "-w", "cnn", "--budget-per-hour", "1" }, { NULL }, NULL, NULL, 0, "$0.40/h cloud 2026-08 ", NULL, NULL, false },
	{ "budget per hour, basis new", { "--catalog", ENG, "recommend", "-w", "cnn", "--budget-per-hour", "1", "--price-basis", "new" }, { NULL }, NULL, NULL, 64, NULL, "option '--budget-per-hour' is a cloud budget: it needs --price-basis cloud, not new", NULL, false },
	{ "budget with basis cloud", { "--catalog", ENG, "recommend", "-w", "cnn", "--budget", "900", "--price-basis", "cloud" }, { NULL }, NULL, NULL, 64, NULL, "option '--budget' is a purchase budget; to rent, give --budget-per-hour", NULL, false },
	{ "sort tco", { "--catalog", ENG, "--prices", EP, "recommend", "-w", "cnn", "--sort", "tco" }, { NULL }, NULL, NULL, 0, "PERF/$1K TCO", NULL, NULL, false },
	/* Regression (ux audit): under --sort value the table led with the
	 * RTX 2080 Ti, but "Why the ... leads" explained the fastest pick. */
	{ "sort value: why names rank 1", { "--catalog", ENG, "--prices", EP, "recommend", "-w", "cnn", "--sort", "value" }, { "GPU_ADVISOR_TODAY=2026-11-30", NULL }, NULL, NULL, 0, "Why the GeForce RTX 2080 Ti leads:", NULL, NULL, false },
	{ "config basis and kWh", { "--catalog", ENG, "--prices", EP, "compare", "rtx-3090", "rtx-4090" }, { "XDG_CONFIG_HOME=" FX "xdg-config-basis" }, NULL, NULL, 0, "$1400 new 2026-09-15", NULL, NULL, false },
	{ "config kWh, a flag beats it", { "--catalog", ENG, "compare", "rtx-3090", "rtx-4090", "--kwh-price", "0.5" }, { "XDG_CONFIG_HOME=" FX "xdg-config-basis" }, NULL, NULL, 0, "over 2 years at 8 h a day, 80% of board power, $0.50 per kWh", NULL, NULL, false },
	{ "config kWh out of range", { "--catalog", ENG, "compare", "rtx-3090", "rtx-4090" }, { "XDG_CONFIG_HOME=" FX "xdg-config-bad-kwh" }, NULL, NULL, 65, NULL, "xdg-config-bad-kwh/gpu-advisor/config.yaml:2:16: 'kwh_price_usd' must be a number from 0 to 10, got '20'", NULL, false },
	{ "tco gaps named", { "--catalog", ENG, "compare", "gtx-1080-ti", "rtx-4090" }, { NULL }, NULL, NULL, 0, "gtx-1080-ti: board power unknown, so no energy cost; no cloud rate known, so no breakeven", NULL, NULL, false },
	{ "catalog info prices", { "catalog", "info" }, { NULL }, NULL, NULL, 0, "prices as_of:    2026-", NULL, NULL, false },
	{ "validate with its prices", { "--prices", EP, "catalog", "validate", ENG }, { NULL }, NULL, NULL, 0, "engine-prices.yaml: ok: 11 dated prices for 5 GPUs, as of 2026-11-01", NULL, NULL, false },

	/* recommend on engine.yaml (and the README's example on the built-in one) */
	{ "recommend", { "--catalog", ENG, "recommend", "--workload", "cnn", "--budget", "1500" }, { NULL }, NULL, NULL, 0, "Workload: cnn", NULL, check_recommend_text_fixture, false },
	{ "recommend embedded", { "recommend", "--workload", "cnn", "--budget", "1500" }, { NULL }, NULL, NULL, 0, "Workload: cnn", NULL, check_recommend_text, false },
	{ "recommend json", { "--catalog", ENG, "recommend", "--workload", "cnn", "--budget", "1500", "--format", "json" }, { "GPU_ADVISOR_TODAY=2022-06-01", NULL }, NULL, NULL, 0, NULL, NULL, check_recommend_json_fixture, false },
	{ "recommend json embedded", { "recommend", "--workload", "cnn", "--budget", "1500", "--format", "json" }, { NULL }, NULL, NULL, 0, NULL, NULL, check_recommend_json, false },
	{ "recommend config price", { "--catalog", ENG, "recommend", "-w", "cnn", "--budget", "750", "-f", "json" }, { "XDG_CONFIG_HOME=" FX "xdg-config-prices" }, NULL, NULL, 0, NULL, NULL, check_config_price, false },
	{ "recommend --price beats config", { "--catalog", ENG, "recommend", "-w", "cnn", "--budget", "750", "--price", "rtx4090=900", "-f", "json" }, { "XDG_CONFIG_HOME=" FX "xdg-config-prices" }, NULL, NULL, 0, NULL, NULL, check_flag_beats_config, false },
	{ "config prices an unknown GPU", { "--catalog", ENG, "recommend", "-w", "cnn" }, { "XDG_CONFIG_HOME=" FX "xdg-config-bad-gpu" }, NULL, NULL, 65, NULL, "gpu-advisor: " FX "xdg-config-bad-gpu/gpu-advisor/config.yaml:3:3: unknown GPU 'rtx-4099'", NULL, false },
	{ "recommend --price beats street", { "--catalog", ENG, "recommend", "-w", "cnn", "--budget", "750", "--price", "rtx4090=700", "-f", "json" }, { NULL }, NULL, NULL, 0, NULL, NULL, check_price_override, false },
	{ "recommend --show-excluded", { "--catalog", ENG, "recommend", "--workload", "cnn", "--budget", "1500", "--show-excluded" }, { "GPU_ADVISOR_TODAY=2022-06-01", NULL }, NULL, NULL, 0, "Picks", NULL, check_show_excluded, false },
	{ "recommend no match", { "--catalog", ENG, "recommend", "--workload", "cnn", "--budget", "50" }, { "GPU_ADVISOR_TODAY=2022-06-01", NULL }, NULL, NULL, 1, NULL, "gpu-advisor: no GPU satisfies the constraints: the budget constraint excluded 5 of 8 GPUs; a budget of $400 would admit 'rtx-2080-ti'\n", NULL, false },
	{ "recommend no match json", { "--catalog", ENG, "recommend", "--workload", "cnn", "--budget", "50", "--format", "json" }, { "GPU_ADVISOR_TODAY=2022-06-01", NULL }, NULL, NULL, 1, NULL, "gpu-advisor: no GPU satisfies the constraints", check_no_match_json, false, NULL, FAIL_WITH_ANSWER },
	{ "recommend without --workload", { "--catalog", ENG, "recommend", "--budget", "1500" }, { NULL }, NULL, NULL, 64, NULL, "'recommend' needs --workload", NULL, false },
	{ "recommend --workload nope", { "--catalog", ENG, "recommend", "--workload", "nope" }, { NULL }, NULL, NULL, 64, NULL, "unknown workload 'nope'", NULL, false },
	{ "recommend --precision fp64", { "--catalog", ENG, "recommend", "--workload", "cnn", "--precision", "fp64" }, { NULL }, NULL, NULL, 64, NULL, "option '--precision' must be fp32, fp32-strict, tf32, fp16, bf16, int8 or fp8, got 'fp64'", NULL, false },
	{ "recommend --price abc", { "--catalog", ENG, "recommend", "--workload", "cnn", "--price", "rtx-3090=abc" }, { NULL }, NULL, NULL, 64, NULL, "option '--price' must be a number", NULL, false },
	{ "recommend --price unknown GPU", { "--catalog", ENG, "recommend", "--workload", "cnn", "--price", "rtx3900=700" }, { NULL }, NULL, NULL, 64, NULL, "unknown GPU 'rtx3900'", NULL, false },
	/* Issue 9: "--min-memory -0" printed "memory >= -0 GB". */
	{ "recommend --min-memory -0", { "--catalog", ENG, "recommend", "-w", "cnn", "--min-memory", "-0" }, { NULL }, NULL, NULL, 0, "; memory >= 0 GB\n", NULL, NULL, false },
	/* Issue 8: one price range for every price; config.yaml had 1e-9 to 1e8
	 * and showed this one as "$0 config". */
	{ "config price 1e-9", { "--catalog", ENG, "recommend", "-w", "cnn" }, { "XDG_CONFIG_HOME=" FX "xdg-config-price-tiny" }, NULL, NULL, 65, NULL, "gpu-advisor: " FX "xdg-config-price-tiny/gpu-advisor/config.yaml:3:13: the price of 'rtx-3090' in 'prices' must be a number from 1 to 1e+09, got '0.000000001'\n", NULL, false },
	{ "--price 1e-9", { "--catalog", ENG, "recommend", "-w", "cnn", "--price", "rtx-3090=0.000000001" }, { NULL }, NULL, NULL, 64, NULL, "gpu-advisor: option '--price' must be a number from 1 to 1e+09, got '0.000000001'\n", NULL, false },

	/* compare on engine.yaml */
	{ "compare", { "--catalog", ENG, "compare", "rtx3090", "a100" }, { NULL }, NULL, NULL, 0, "Tensor precisions", NULL, check_compare_text, false },
	{ "compare embedded", { "compare", "rtx3090", "a100" }, { NULL }, NULL, NULL, 0, "\nVerdict\n  cnn: ", NULL, NULL, false },
	{ "compare json", { "--catalog", ENG, "compare", "rtx3090", "a100", "--format", "json" }, { NULL }, NULL, NULL, 0, NULL, NULL, check_compare_json, false },
	{ "compare one GPU", { "--catalog", ENG, "compare", "rtx3090" }, { NULL }, NULL, NULL, 64, NULL, "'compare' needs more arguments", NULL, false },
	{ "compare misspelt GPU", { "--catalog", ENG, "compare", "rtx3090", "rtx3900" }, { NULL }, NULL, NULL, 64, NULL, "unknown GPU 'rtx3900'; did you mean 'rtx-3090'", NULL, false },
	{ "compare a GPU twice", { "--catalog", ENG, "compare", "rtx3090", "RTX 3090" }, { NULL }, NULL, NULL, 64, NULL, "'rtx-3090' is named twice", NULL, false },
	{ "compare n/a", { "--catalog", ENG, "compare", "rtx3090", "rtx2080ti", "-w", "transformer", "--precision", "bf16" }, { NULL }, NULL, NULL, 0, "  n/a: rtx-2080-ti, transformer: no BF16 Tensor Cores (Turing)", NULL, NULL, false },

	/* Issue 9 item 3: a valid list nothing satisfies exited 0. */
	{ "list no match", { "--catalog", ENG, "list", "--max-price", "1" }, { NULL }, NULL, NULL, 1, NULL, "gpu-advisor: no GPU passes the filters\n", NULL, false },
	{ "list no match json", { "--catalog", ENG, "list", "--max-price", "1", "--format", "json" }, { NULL }, NULL, NULL, 1, "\"gpus\":\t[]", "gpu-advisor: no GPU passes the filters", NULL, false, NULL, FAIL_WITH_ANSWER },

	/* list --workload */
	{ "list --workload text", { "--catalog", ENG, "list", "--workload", "transformer", "--precision", "bf16" }, { NULL }, NULL, NULL, 0, " n/a ", NULL, NULL, false },
	/* A GPU that cannot run the precision has no workload in its list
	 * entry (engine.h): the JSON renderer once dereferenced that NULL. */
	{ "list --workload json, Pascal null", { "--catalog", ENG, "list", "--workload", "transformer", "--precision", "bf16", "--format", "json" }, { NULL }, NULL, NULL, 0, NULL, NULL, check_list_bf16, false },

	/* query: JSON Lines in, one answer per line, the batch's worst exit */
	{ "query all answered", { "--catalog", ENG, "query" }, { NULL }, NULL, NULL, 0, NULL, NULL, check_query_ok, false, QUERY_OK },
	{ "query - all answered", { "--catalog", ENG, "query", "-" }, { NULL }, NULL, NULL, 0, NULL, NULL, check_query_ok, false, QUERY_OK },
	{ "query one no match", { "--catalog", ENG, "query" }, { NULL }, NULL, NULL, 1, NULL, NULL, check_query_no_match, false, QUERY_NO_MATCH, FAIL_QUIET },
	{ "query one malformed, batch goes on", { "--catalog", ENG, "query" }, { NULL }, NULL, NULL, 65, NULL, NULL, check_query_malformed, false, QUERY_MALFORMED, FAIL_QUIET },
	/* Regression (ux audit): a file saved with a byte order mark (Windows
	 * editors do) was refused as "invalid UTF-8 at byte 2". */
	{ "query with a byte order mark", { "--catalog", ENG, "query" }, { NULL }, NULL, NULL, 0, "\"command\":\"show\"", NULL, NULL, false, "\xef\xbb\xbf{\"command\":\"show\",\"gpu\":\"rtx3090\"}\n" },
	{ "query no match and bad: 65", { "--catalog", ENG, "query" }, { NULL }, NULL, NULL, 65, NULL, NULL, check_query_both, false, QUERY_BOTH, FAIL_QUIET },
	/* FILE: /dev/stdin names the row's text as a file, opened by path */
	{ "query FILE, one pretty request", { "--catalog", ENG, "query", "/dev/stdin" }, { NULL }, NULL, NULL, 0, NULL, NULL, check_query_pretty, false, QUERY_PRETTY },
	{ "query one line, blank lines after", { "--catalog", ENG, "query" }, { NULL }, NULL, NULL, 65, NULL, NULL, check_query_one_line, false, QUERY_ONE_LINE, FAIL_QUIET },
	{ "query a document after a blank line", { "--catalog", ENG, "query" }, { NULL }, NULL, NULL, 65, NULL, NULL, check_query_doc_after_blank, false, QUERY_DOC_AFTER_BLANK, FAIL_QUIET },
	{ "query lines that are no one document", { "--catalog", ENG, "query" }, { NULL }, NULL, NULL, 65, NULL, NULL, check_query_no_document, false, QUERY_NO_DOCUMENT, FAIL_QUIET },
	{ "query /nonexistent", { "--catalog", ENG, "query", "/nonexistent" }, { NULL }, NULL, NULL, 66, NULL, "gpu-advisor: cannot open '/nonexistent'", NULL, false },
	{ "query no input", { "--catalog", ENG, "query" }, { NULL }, NULL, NULL, 0, NULL, NULL, NULL, false },

	{ NULL, { NULL }, { NULL }, NULL, NULL, 0, NULL, NULL, NULL, false }
};
#pragma GCC diagnostic pop

/* ---- running the binary --------------------------------------------------- */

static char *read_fd(int fd)
{
	struct stat st;
	char *buf;
	ssize_t got;
	size_t n = 0;

	assert_int_equal(fstat(fd, &st), 0);
	buf = malloc((size_t)st.st_size + 1);
	assert_non_null(buf);
	assert_int_equal(lseek(fd, 0, SEEK_SET), 0);
	while (n < (size_t)st.st_size &&
	       (got = read(fd, buf + n, (size_t)st.st_size - n)) > 0)
		n += (size_t)got;
	buf[n] = '\0';
	return buf;
}

static int temp_fd(void)
{
	const char *dir = getenv("TMPDIR");
	char path[512];
	int fd;

	snprintf(path, sizeof(path), "%s/gpuadv-cli-XXXXXX", dir && *dir ? dir : "/tmp");
	fd = mkstemp(path);
	assert_true(fd >= 0);
	unlink(path);
	return fd;
}

/* Build the child's environment: fixed entries, sanitizer options passed
 * through, then the row's. */
static void build_env(const struct cli_case *t, const char **envp, size_t max)
{
	static const char *const pass[] = { "ASAN_OPTIONS=", "UBSAN_OPTIONS=",
		"LSAN_OPTIONS=", NULL };
	size_t n = 0, i, k;

	envp[n++] = "PATH=/usr/bin:/bin";
	envp[n++] = "NO_COLOR=1";
	/* The C locale, unless the row sets one (getenv finds the first). */
	for (i = 0; i < 3 && t->env[i] && strncmp(t->env[i], "LC_ALL=", 7); i++)
		;
	if (i == 3 || !t->env[i])
		envp[n++] = "LC_ALL=C";
	for (i = 0; environ[i]; i++)
		for (k = 0; pass[k]; k++)
			if (!strncmp(environ[i], pass[k], strlen(pass[k])) && n + 4 < max)
				envp[n++] = environ[i];
	for (i = 0; i < 3 && t->env[i]; i++)
		envp[n++] = t->env[i];
	envp[n] = NULL;
}

/* Run the row; returns the exit code, or -1 on a signal (reported). */
static int run_case(const struct cli_case *t, char **out, char **err)
{
	const char *argv[16], *envp[16];
	int ofd = temp_fd(), efd = temp_fd(), ifd = -1, status = 0, waited;
	pid_t pid;
	size_t i;

	if (t->in_text) { /* stdin from the row's text, through a temporary file */
		size_t len = strlen(t->in_text);

		ifd = temp_fd();
		assert_true(write(ifd, t->in_text, len) == (ssize_t)len);
		assert_int_equal(lseek(ifd, 0, SEEK_SET), 0);
	}

	argv[0] = GPUADV_BINARY;
	for (i = 0; i < 12 && t->argv[i]; i++)
		argv[i + 1] = t->argv[i];
	argv[i + 1] = NULL;
	build_env(t, envp, 16);
	fflush(NULL);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		int in = ifd >= 0 ? ifd : open(t->in ? t->in : "/dev/null", O_RDONLY);
		int o = t->out ? open(t->out, O_WRONLY) : ofd;

		if (in < 0 || o < 0 || dup2(in, 0) < 0 || dup2(o, 1) < 0 ||
		    dup2(efd, 2) < 0)
			_exit(125);
		execve(GPUADV_BINARY, (char *const *)(uintptr_t)argv, (char *const *)(uintptr_t)envp);
		_exit(126);
	}
	/* Wait at most 30 seconds. */
	for (waited = 0; waitpid(pid, &status, WNOHANG) == 0; waited++) {
		struct timespec ts = { 0, 10 * 1000 * 1000 };

		if (waited > 3000) {
			kill(pid, SIGKILL);
			waitpid(pid, &status, 0);
			fail_msg("%s: timed out", t->name);
		}
		nanosleep(&ts, NULL);
	}
	*out = read_fd(ofd);
	*err = read_fd(efd);
	close(ofd);
	close(efd);
	if (ifd >= 0)
		close(ifd);
	if (WIFSIGNALED(status)) {
		print_error("%s: killed by signal %d\n", t->name, WTERMSIG(status));
		return -1;
	}
	return WEXITSTATUS(status);
}

/* What the last row captured, freed by the teardown even when a check
 * fails part-way. */
static char *captured_out, *captured_err;

static int free_captured(void **state)
{
	(void)state;
	free(captured_out);
	free(captured_err);
	captured_out = captured_err = NULL;
	return 0;
}

/* One row of the table, run as its own cmocka test. */
static void test_row(void **state)
{
	const struct cli_case *t = *state;
	char *out, *err;
	int code, bad = 0;

	if (access(GPUADV_BINARY, X_OK) != 0)
		fail_msg("no binary at %s", GPUADV_BINARY);
	code = run_case(t, &captured_out, &captured_err);
	out = captured_out;
	err = captured_err;
	if (code != t->exit_code) {
		print_error("exit %d, want %d\n", code, t->exit_code);
		bad++;
	}
	if (t->out_has && !strstr(out, t->out_has)) {
		print_error("stdout lacks '%s'\n", t->out_has);
		bad++;
	}
	if (t->err_has && !strstr(err, t->err_has)) {
		print_error("stderr lacks '%s'\n", t->err_has);
		bad++;
	}
	if (code == 0 && err[0]) {
		print_error("exit 0 but stderr is not empty\n");
		bad++;
	}
	if (code != 0 && t->fail == FAIL_QUIET) {
		if (err[0]) {
			print_error("stderr is not empty\n");
			bad++;
		}
	} else if (code != 0 && !t->usage_on_stderr) {
		char *nl = strchr(err, '\n');

		if (strncmp(err, "gpu-advisor: ", 13) != 0 || !nl || nl[1]) {
			print_error("stderr is not one line starting 'gpu-advisor: '\n");
			bad++;
		}
		if (out[0] && t->fail != FAIL_WITH_ANSWER) {
			print_error("failed but wrote to stdout\n");
			bad++;
		}
	}
	if (bad)
		fail_msg("%s: %d problems\nstdout: %.400s\nstderr: %.600s", t->name,
			 bad, out, err);
	if (t->check)
		t->check(out);
}

int main(void)
{
	struct CMUnitTest tests[sizeof(cases) / sizeof(cases[0])];
	size_t n;

	/* One test per row, named after it; the sentinel ends the table. */
	for (n = 0; cases[n].name; n++) {
		tests[n].name = cases[n].name;
		tests[n].test_func = test_row;
		tests[n].setup_func = NULL;
		tests[n].teardown_func = free_captured;
		tests[n].initial_state = (void *)(uintptr_t)&cases[n];
	}
	return _cmocka_run_group_tests("cli", tests, n, NULL, NULL);
}
