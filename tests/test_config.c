/*
 * test_config.c - the strict configuration loader, gpuadv_config_load(),
 * and where the configuration file is looked for.
 *
 * Table-driven: bad_cases[] holds broken configurations inline with the
 * line, column and message text the loader must give (a NULL row ends it);
 * good_cases[] valid ones with what they must yield.
 */
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

#include "gpu_advisor/config.h"

#define NAME "config.yaml"

static bool all_zero(const void *p, size_t n)
{
	const unsigned char *b = p;
	size_t i;

	for (i = 0; i < n; i++)
		if (b[i])
			return false;
	return true;
}

/* ---- broken configurations ---------------------------------------------- */

struct bad_case {
	const char *what;
	const char *yaml;
	unsigned long line, column;
	const char *msg; /* a substring of err.message */
};

static const struct bad_case bad_cases[] = {
	{ "http update_url", "update_url: http://example.org/c.yaml\n", 1, 13,
	  "'update_url' must be an https:// address, got 'http://example.org/c.yaml'" },
	{ "http update_url with credentials: redacted", "update_url: http://alice:hunter2@example.org/c.yaml\n", 1, 13,
	  "'update_url' must be an https:// address, got 'http://***@example.org/c.yaml'" },
	{ "credentials past the shown length: redacted, not cut", "update_url: \"ftp://alice:hunter2hunter2hunter2hunter2hunter2hunter2hunter2hunter2@example.org/ x\"\n", 1, 13,
	  "got 'ftp://***@example.org/ x'" },
	{ "update_url without host", "update_url: https://\n", 1, 13,
	  "'update_url' must be an https:// address" },
	{ "update_url with a space", "update_url: \"https://a.example/x y\"\n", 1, 13,
	  "'update_url' must be an https:// address" },
	{ "update_url a mapping", "update_url:\n  https: x\n", 2, 3,
	  "'update_url' must be a string, got a mapping" },
	{ "unknown key", "currency: USD\ncolour: red\n", 2, 1,
	  "unknown key 'colour' in the configuration" },
	{ "currency a sequence", "currency: [EUR]\n", 1, 11,
	  "'currency' must be a string, got a sequence" },
	{ "currency not dollars", "currency: EUR\n", 1, 11,
	  "'currency' must be USD (every price here is in US dollars), got 'EUR'" },
	{ "currency empty", "currency: \"\"\n", 1, 11, "'currency' must be a non-empty string" },
	{ "currency null", "currency: ~\n", 1, 11, "'currency' must be a non-empty string" },
	{ "currency too long", "currency: ABCDEFGHIJKLMNOPQ\n", 1, 11,
	  "'currency' must be at most 16 bytes" },
	{ "currency two lines", "currency: \"EU\\nR\"\n", 1, 11,
	  "string contains control character U+000A" },
	{ "terminal escape in a price's GPU", "prices:\n  \"rtx\\e[31m3090\": 700\n", 2, 3,
	  "string contains control character U+001B" },
	{ "C1 control (CSI) in currency", "currency: \"EU\\u009bR\"\n", 1, 11,
	  "string contains control character U+009B" },
	{ "bidirectional override (U+202E) in a price's GPU", "prices:\n  \"rtx\\u202e3090\": 700\n", 2, 3,
	  "string contains control character U+202E" },
	{ "NEL in update_url", "update_url: \"https://a.example/\\N\"\n", 1, 13,
	  "string contains control character U+0085" },
	{ "DEL in pubkey", "pubkey: \"/k\\x7f.pub\"\n", 1, 9,
	  "string contains control character U+007F" },
	{ "tab in currency", "currency: \"EU\\tR\"\n", 1, 11,
	  "string contains control character U+0009" },
	{ "pubkey null", "pubkey:\n", 1, 8, "'pubkey' must be a non-empty string" },
	{ "pubkey a sequence", "pubkey: [a, b]\n", 1, 9, "'pubkey' must be a string, got a sequence" },
	{ "prices a sequence", "prices: [rtx3090]\n", 1, 9,
	  "'prices' must be a mapping of GPU to US dollars, got a sequence" },
	{ "prices a scalar", "prices: 700\n", 1, 9,
	  "'prices' must be a mapping of GPU to US dollars, got a scalar" },
	{ "price inf", "prices:\n  rtx3090: .inf\n", 2, 12,
	  "the price of 'rtx3090' in 'prices' must be a number from 1 to 1e+09, got '.inf'" },
	{ "price nan", "prices:\n  rtx3090: .nan\n", 2, 12, "got '.nan'" },
	{ "price word nan", "prices:\n  rtx3090: nan\n", 2, 12, "got 'nan'" },
	{ "price zero", "prices:\n  rtx3090: 0\n", 2, 12, "must be a number from 1 to 1e+09, got '0'" },
	/* One price range for flags, requests and this file (issue 8): 1e-9 was
	 * accepted here and shown as "$0 config". */
	{ "price 1e-9", "prices:\n  rtx-3090: 0.000000001\n", 2, 13,
	  "the price of 'rtx-3090' in 'prices' must be a number from 1 to 1e+09, got '0.000000001'" },
	{ "price under a dollar", "prices:\n  rtx3090: 0.5\n", 2, 12, "got '0.5'" },
	{ "price negative", "prices:\n  rtx3090: -700\n", 2, 12, "got '-700'" },
	{ "price huge", "prices:\n  rtx3090: 1e400\n", 2, 12, "got '1e400'" },
	{ "price over the range", "prices:\n  rtx3090: 2e9\n", 2, 12, "got '2e9'" },
	{ "price hex", "prices:\n  rtx3090: 0x2BC\n", 2, 12, "got '0x2BC'" },
	{ "price quoted", "prices:\n  rtx3090: \"700\"\n", 2, 12, "got '700' (a quoted string)" },
	{ "price a word", "prices:\n  rtx3090: cheap\n", 2, 12, "got 'cheap'" },
	{ "price a sequence", "prices:\n  rtx3090: [700]\n", 2, 12,
	  "price of 'rtx3090' must be a number of US dollars, got a sequence" },
	{ "price a mapping", "prices:\n  rtx3090: {usd: 700}\n", 2, 12,
	  "price of 'rtx3090' must be a number of US dollars, got a mapping" },
	{ "nested too deep", "prices:\n  rtx3090: {usd: [700]}\n", 2, 18,
	  "nesting deeper than 3 levels" },
	{ "empty GPU name", "prices:\n  \"\": 700\n", 2, 3, "'' is not a GPU name" },
	{ "GPU name of separators", "prices:\n  \"- _\": 700\n", 2, 3, "'- _' is not a GPU name" },
	{ "duplicate price", "prices:\n  rtx3090: 700\n  rtx3090: 800\n", 3, 3,
	  "duplicate key 'rtx3090' (first at line 2)" },
	{ "same GPU spelt twice", "prices:\n  rtx3090: 700\n  RTX 3090: 800\n", 3, 3,
	  "price for 'RTX 3090' repeats 'rtx3090' (first at line 2)" },
	{ "duplicate key", "currency: EUR\ncurrency: USD\n", 2, 1,
	  "duplicate key 'currency' (first at line 1)" },
	{ "anchor", "currency: &c EUR\n", 1, 11, "YAML anchors ('&name') are not allowed" },
	{ "alias", "prices:\n  a100: 9000\n  h100: *x\n", 3, 9,
	  "YAML aliases ('*name') are not allowed" },
	{ "tag", "currency: !!str EUR\n", 1, 11, "YAML tags ('!tag') are not allowed" },
	{ "not a mapping", "- update_url\n- currency\n", 1, 1,
	  "the configuration must be a mapping, got a sequence" },
	{ "a bare scalar", "hello\n", 1, 1, "the configuration must be a mapping, got a scalar" },
	{ "second document", "currency: EUR\n---\ncurrency: USD\n", 2, 1, "more than one document" },
	{ "invalid YAML", "currency: EUR\nprices: [a\n", 3, 1, "invalid YAML" },
	{ NULL, NULL, 0, 0, NULL }
};

static int check_failure(const char *what, const char *data, size_t len,
			 unsigned long line, unsigned long column, const char *msg)
{
	struct gpuadv_config cfg;
	struct gpuadv_error err;
	char formatted[1024], prefix[256];
	int got, bad = 0;

	memset(&cfg, 0xA5, sizeof(cfg));
	got = gpuadv_config_load(&cfg, data, len, NAME, &err);
	gpuadv_error_format(formatted, sizeof(formatted), &err);
	if (got != GPUADV_EDATA || err.code != GPUADV_EDATA) {
		print_error("%s: rc %d (err.code %d), want %d: %s\n", what, got,
			    err.code, GPUADV_EDATA, formatted);
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
	if (strchr(err.message, '\n')) {
		print_error("%s: message has a newline\n", what);
		bad++;
	}
	if (line)
		snprintf(prefix, sizeof(prefix), "%s:%lu:%lu: ", NAME, line, column);
	else
		snprintf(prefix, sizeof(prefix), "%s: ", NAME);
	if (strncmp(formatted, prefix, strlen(prefix)) != 0) {
		print_error("%s: '%s' does not start with '%s'\n", what, formatted, prefix);
		bad++;
	}
	if (!all_zero(&cfg, sizeof(cfg))) {
		print_error("%s: a failed load left the configuration non-empty\n", what);
		bad++;
	}
	gpuadv_config_release(&cfg); /* harmless on an empty one */
	return bad;
}

static void test_bad_cases(void **state)
{
	const struct bad_case *c;
	int bad = 0, n = 0;

	(void)state;
	for (c = bad_cases; c->what; c++, n++)
		bad += check_failure(c->what, c->yaml, strlen(c->yaml), c->line,
				     c->column, c->msg);
	assert_true(n > 30);
	assert_int_equal(bad, 0);
}

/* More prices than a query can hold: the 65th is named. */
static void test_too_many_prices(void **state)
{
	char yaml[8192];
	size_t used;
	int i;

	(void)state;
	used = (size_t)snprintf(yaml, sizeof(yaml), "prices:\n");
	for (i = 0; i <= GPUADV_CONFIG_MAX_PRICES; i++)
		used += (size_t)snprintf(yaml + used, sizeof(yaml) - used,
					 "  gpu%d: %d\n", i, 100 + i);
	assert_true(used < sizeof(yaml));
	assert_int_equal(check_failure("65 prices", yaml, used,
				       GPUADV_CONFIG_MAX_PRICES + 2, 3,
				       "'prices' lists more than 64 GPUs"), 0);
}

/* Over the size limit, before any parsing. */
static void test_too_big(void **state)
{
	size_t len = GPUADV_CONFIG_MAX_BYTES + 1;
	char *yaml = malloc(len);

	(void)state;
	assert_non_null(yaml);
	memset(yaml, '#', len);
	assert_int_equal(check_failure("huge", yaml, len, 0, 0, "file is larger than"), 0);
	free(yaml);
}

/* ---- valid configurations ----------------------------------------------- */

struct good_case {
	const char *what;
	const char *yaml;
	const char *update_url, *currency, *pubkey; /* NULL: unset */
	size_t price_count;
};

static const struct good_case good_cases[] = {
	{ "empty file", "", NULL, NULL, NULL, 0 },
	{ "comments only", "# nothing yet\n\n   # indented\n", NULL, NULL, NULL, 0 },
	{ "bare document marker", "---\n", NULL, NULL, NULL, 0 },
	{ "update_url only", "update_url: https://example.org/gpu/catalog.yaml\n",
	  "https://example.org/gpu/catalog.yaml", NULL, NULL, 0 },
	{ "HTTPS in capitals", "update_url: HTTPS://example.org/c.yaml\n",
	  "HTTPS://example.org/c.yaml", NULL, NULL, 0 },
	{ "currency and pubkey", "currency: usd\npubkey: RWQf6LRCGA9i53mlYecO4IzT51TGPpvWucNSCh1CBM0QTaLn73Y7GFO3\n",
	  NULL, "usd", "RWQf6LRCGA9i53mlYecO4IzT51TGPpvWucNSCh1CBM0QTaLn73Y7GFO3", 0 },
	{ "empty prices", "prices: {}\n", NULL, NULL, NULL, 0 },
	{ "flow prices", "prices: {rtx3090: 700, a100: 9500.5}\n", NULL, NULL, NULL, 2 },
	{ NULL, NULL, NULL, NULL, NULL, 0 }
};

static void check_str(const char *what, const char *field, const char *got,
		      const char *want, int *bad)
{
	if ((got == NULL) != (want == NULL) || (got && strcmp(got, want) != 0)) {
		print_error("%s: %s is '%s', want '%s'\n", what, field,
			    got ? got : "(unset)", want ? want : "(unset)");
		(*bad)++;
	}
}

static void test_good_cases(void **state)
{
	const struct good_case *c;
	int bad = 0;

	(void)state;
	for (c = good_cases; c->what; c++) {
		struct gpuadv_config cfg;
		struct gpuadv_error err;
		char formatted[1024];

		if (gpuadv_config_load(&cfg, c->yaml, strlen(c->yaml), NAME, &err) != 0) {
			gpuadv_error_format(formatted, sizeof(formatted), &err);
			print_error("%s: failed: %s\n", c->what, formatted);
			bad++;
			continue;
		}
		check_str(c->what, "update_url", cfg.update_url, c->update_url, &bad);
		check_str(c->what, "currency", cfg.currency, c->currency, &bad);
		check_str(c->what, "pubkey", cfg.pubkey, c->pubkey, &bad);
		check_str(c->what, "origin", cfg.origin, NAME, &bad);
		if (cfg.price_count != c->price_count) {
			print_error("%s: %zu prices, want %zu\n", c->what,
				    cfg.price_count, c->price_count);
			bad++;
		}
		gpuadv_config_release(&cfg);
		if (!all_zero(&cfg, sizeof(cfg))) {
			print_error("%s: release left data behind\n", c->what);
			bad++;
		}
	}
	assert_int_equal(bad, 0);
}

/* Prices keep their names as written, in order, with their positions. */
static void test_prices(void **state)
{
	static const char yaml[] =
		"# my prices\n"
		"currency: USD\n"
		"prices:\n"
		"  rtx3090: 700\n"
		"  \"RTX 4090\": 1599.99\n"
		"  a100-80gb: 1.2e4\n";
	struct gpuadv_config cfg;
	struct gpuadv_error err;

	(void)state;
	assert_int_equal(gpuadv_config_load(&cfg, yaml, sizeof(yaml) - 1, NAME, &err), 0);
	assert_int_equal(cfg.price_count, 3);
	assert_string_equal(cfg.prices[0].name, "rtx3090");
	assert_true(cfg.prices[0].usd == 700);
	assert_int_equal(cfg.prices[0].line, 4);
	assert_int_equal(cfg.prices[0].column, 3);
	assert_string_equal(cfg.prices[1].name, "RTX 4090");
	assert_true(fabs(cfg.prices[1].usd - 1599.99) < 1e-9);
	assert_int_equal(cfg.prices[1].line, 5);
	assert_string_equal(cfg.prices[2].name, "a100-80gb");
	assert_true(cfg.prices[2].usd == 12000);
	assert_int_equal(cfg.prices[2].line, 6);
	assert_int_equal(cfg.prices[2].column, 3);
	assert_null(cfg.update_url);
	gpuadv_config_release(&cfg);
	gpuadv_config_release(&cfg); /* twice is harmless */
}

/* $XDG_CONFIG_HOME when absolute, else $HOME/.config; neither: an error. */
static void test_path(void **state)
{
	char buf[512];
	struct gpuadv_error err;

	(void)state;
	assert_int_equal(setenv("XDG_CONFIG_HOME", "/x/cfg", 1), 0);
	assert_int_equal(setenv("HOME", "/home/u", 1), 0);
	assert_int_equal(gpuadv_config_path(buf, sizeof(buf), &err), 0);
	assert_string_equal(buf, "/x/cfg/gpu-advisor/config.yaml");
	assert_int_equal(setenv("XDG_CONFIG_HOME", "relative/dir", 1), 0);
	assert_int_equal(gpuadv_config_path(buf, sizeof(buf), &err), 0);
	assert_string_equal(buf, "/home/u/.config/gpu-advisor/config.yaml");
	assert_int_equal(unsetenv("XDG_CONFIG_HOME"), 0);
	assert_int_equal(gpuadv_config_path(buf, sizeof(buf), &err), 0);
	assert_string_equal(buf, "/home/u/.config/gpu-advisor/config.yaml");
	assert_int_equal(gpuadv_config_path(buf, 10, &err), GPUADV_EUSAGE);
	assert_int_equal(unsetenv("HOME"), 0);
	assert_int_equal(gpuadv_config_path(buf, sizeof(buf), &err), GPUADV_ENOINPUT);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_bad_cases),
		cmocka_unit_test(test_too_many_prices),
		cmocka_unit_test(test_too_big),
		cmocka_unit_test(test_good_cases),
		cmocka_unit_test(test_prices),
		cmocka_unit_test(test_path),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
