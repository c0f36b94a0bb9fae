/*
 * test_numbers.c - gpuadv_parse_number(), the one number parser behind the
 * catalogue loader and every numeric command-line flag: plain decimals only
 * ([-+]digits[.digits][e[-+]digits]), finite, in range, whole when asked;
 * and the printers: gpuadv_format_stated() (exact, shortest),
 * gpuadv_format_computed() (6 significant digits) and gpuadv_format_number()
 * (for callers that do not say which).
 *
 * One table of {input, min, max, integer, expected rc, expected value},
 * ending in a sentinel row.
 */
#include <cjson/cJSON.h>
#include <float.h>
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

#include "gpu_advisor/numbers.h"

#define UNTOUCHED -424242.0

struct num_case {
	const char *input;
	double min, max;
	bool integer;
	int rc;
	double value; /* when rc == 0 */
};

static const struct num_case cases[] = {
	/* decimals */
	{ "24", 0, 100, false, 0, 24 },
	{ "35.6", 0, 100, false, 0, 35.6 },
	{ "0", 0, 100, false, 0, 0 },
	{ "007", 0, 100, false, 0, 7 },
	{ "1.", 0, 100, false, 0, 1 },
	{ ".5", 0, 100, false, 0, 0.5 },
	{ "0.125", 0, 1, false, 0, 0.125 },
	/* signs */
	{ "-1.5", -10, 10, false, 0, -1.5 },
	{ "+2", -10, 10, false, 0, 2 },
	{ "-.5", -10, 10, false, 0, -0.5 },
	{ "--1", -10, 10, false, -1, 0 },
	{ "+-1", -10, 10, false, -1, 0 },
	{ "1-", -10, 10, false, -1, 0 },
	/* exponents */
	{ "1e3", 0, 1e4, false, 0, 1000 },
	{ "1E3", 0, 1e4, false, 0, 1000 },
	{ "2.5e+1", 0, 100, false, 0, 25 },
	{ "1e-2", 0, 1, false, 0, 0.01 },
	{ "1.5E-1", 0, 1, false, 0, 0.15 },
	{ "1e308", 0, DBL_MAX, false, 0, 1e308 },
	{ "1e", 0, 100, false, -1, 0 },
	{ "1e+", 0, 100, false, -1, 0 },
	{ "1e-", 0, 100, false, -1, 0 },
	{ "e5", 0, 1e9, false, -1, 0 },
	{ ".e5", 0, 1e9, false, -1, 0 },
	{ "1e5.5", 0, 1e9, false, -1, 0 },
	{ "1e400", 0, DBL_MAX, false, -1, 0 },   /* ERANGE */
	{ "-1e400", -DBL_MAX, 0, false, -1, 0 }, /* ERANGE */
	{ "1e309", 0, DBL_MAX, false, -1, 0 },
	/* whitespace is not trimmed */
	{ " 1", 0, 100, false, -1, 0 },
	{ "1 ", 0, 100, false, -1, 0 },
	{ "\t1", 0, 100, false, -1, 0 },
	{ "1\n", 0, 100, false, -1, 0 },
	{ "1 000", 0, 1e4, false, -1, 0 },
	/* not decimals */
	{ "0x10", 0, 100, false, -1, 0 },
	{ "0X1A", 0, 100, false, -1, 0 },
	{ "0x1p3", 0, 100, false, -1, 0 },
	{ "inf", 0, INFINITY, false, -1, 0 },
	{ "-inf", -INFINITY, 0, false, -1, 0 },
	{ "Infinity", 0, INFINITY, false, -1, 0 },
	{ ".inf", 0, INFINITY, false, -1, 0 },
	{ "nan", -INFINITY, INFINITY, false, -1, 0 },
	{ "NAN", -INFINITY, INFINITY, false, -1, 0 },
	{ ".nan", -INFINITY, INFINITY, false, -1, 0 },
	{ "", 0, 100, false, -1, 0 },
	{ "-", -10, 10, false, -1, 0 },
	{ "+", -10, 10, false, -1, 0 },
	{ ".", 0, 100, false, -1, 0 },
	{ "1,5", 0, 100, false, -1, 0 },
	{ "1.5.2", 0, 100, false, -1, 0 },
	{ "12abc", 0, 100, false, -1, 0 },
	{ "lots", 0, 100, false, -1, 0 },
	{ "\xd9\xa1", 0, 100, false, -1, 0 }, /* an Arabic-Indic digit one */
	/* integers */
	{ "10496", 1, 1e6, true, 0, 10496 },
	{ "1.5", 1, 1e6, true, -1, 0 },
	{ "1.0", 1, 1e6, true, 0, 1 },
	{ "1e3", 1, 1e6, true, 0, 1000 },
	{ "2.5e1", 1, 1e6, true, 0, 25 },
	{ "1e-1", 0, 1e6, true, -1, 0 },
	{ "-3", -10, 10, true, 0, -3 },
	{ "0.999999", 0, 10, true, -1, 0 },
	/* range edges, inclusive */
	{ "2010", 2010, 2100, true, 0, 2010 },
	{ "2100", 2010, 2100, true, 0, 2100 },
	{ "2009", 2010, 2100, true, -1, 0 },
	{ "2101", 2010, 2100, true, -1, 0 },
	{ "100", 0, 100, false, 0, 100 },
	{ "100.000001", 0, 100, false, -1, 0 },
	{ "-0.000001", 0, 100, false, -1, 0 },
	{ "0", 1e-9, 100, false, -1, 0 },     /* "> 0" fields */
	{ "1e-9", 1e-9, 100, false, 0, 1e-9 },
	{ "-1", 0, 1e9, false, -1, 0 },
	{ NULL, 0, 0, false, 0, 0 }
};

static void test_table(void **state)
{
	const struct num_case *t;
	int failed = 0, n = 0;

	(void)state;
	for (t = cases; t->input; t++, n++) {
		double v = UNTOUCHED;
		int rc = gpuadv_parse_number(&v, t->input, t->min, t->max, t->integer);

		if (rc != t->rc) {
			print_error("'%s' [%g, %g]%s: rc %d, want %d\n", t->input, t->min,
				    t->max, t->integer ? " integer" : "", rc, t->rc);
			failed++;
		} else if (rc == 0 && v != t->value) {
			print_error("'%s': %.17g, want %.17g\n", t->input, v, t->value);
			failed++;
		} else if (rc != 0 && v != UNTOUCHED) {
			print_error("'%s': failed but changed *out to %g\n", t->input, v);
			failed++;
		}
	}
	assert_true(n > 60);
	if (failed)
		fail_msg("%d of %d rows failed", failed, n);
}

/* ---- gpuadv_format_number: what JSON and the reasons print --------------- */

static const struct {
	double v;
	const char *json;
} numbers[] = {
	{ 0, "0" },
	{ -0.0, "0" },
	{ 1, "1" },
	{ -7, "-7" },
	{ 2025, "2025" },
	{ 9007199254740991.0, "9007199254740991" }, /* 2^53 - 1 */
	{ 56.3, "56.3" },
	{ 0.1 + 0.2, "0.3" }, /* not 0.30000000000000004 */
	{ 989.4, "989.4" },
	{ 0.05, "0.05" },
	{ -0.5, "-0.5" },
	{ 1.5e-3, "0.0015" },
	{ 123456.789, "123456.789" },
	{ 0.123456789, "0.123456789" },
	{ 1.2383860860137317, "1.23839" }, /* computed: 6 significant digits */
	{ 2.0 / 3, "0.666667" },
	{ 9.99999996123, "10" },
	{ 1e6 / 3, "333333" },
	{ 0.0000123456789, "0.0000123457" },
	{ 1e15, "1000000000000000" }, /* "%.17g" */
	{ 1e300, "1.0000000000000001e+300" },
	{ 1e-7, "9.9999999999999995e-08" },
	{ INFINITY, "null" },
	{ NAN, "null" },
	{ 0, NULL }
};

static void test_format_number(void **state)
{
	char buf[GPUADV_NUMBER_MAX];
	size_t i, len;

	(void)state;
	for (i = 0; numbers[i].json; i++) {
		memset(buf, 'x', sizeof(buf));
		len = gpuadv_format_number(buf, numbers[i].v);
		if (strcmp(buf, numbers[i].json) != 0 || len != strlen(buf))
			fail_msg("row %zu: %.17g printed as '%s' (%zu), not '%s'", i,
				 numbers[i].v, buf, len, numbers[i].json);
	}
}

/* How many random cases to try: fewer under valgrind, which runs this
 * suite some 50 times slower (GPUADV_TEST_TIME_SCALE, set by the valgrind
 * preset); the normal and sanitizer builds try them all. */
static int trials(int n)
{
	const char *scale = getenv("GPUADV_TEST_TIME_SCALE");
	long k = scale ? strtol(scale, NULL, 10) : 1;

	return k > 1 ? (int)(n / (k * 5)) : n;
}

/* Any decimal with up to 9 places and 15 digits prints in a form that
 * reads back as exactly the same double, and JSON accepts it; any other
 * finite double is within half a unit of its sixth significant digit. */
static void test_format_number_round_trip(void **state)
{
	static const double pow10[] = { 1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9 };
	char buf[GPUADV_NUMBER_MAX];
	unsigned long long x = 0x9E3779B97F4A7C15ull;
	cJSON *doc;
	double v, back;
	int i;

	(void)state;
	for (i = 0; i < trials(200000); i++) {
		x ^= x << 13, x ^= x >> 7, x ^= x << 17; /* xorshift64 */
		v = (double)(long long)(x % 1000000000000000ull) / pow10[x % 10];
		if (x & 1024)
			v = -v;
		gpuadv_format_number(buf, v);
		back = strtod(buf, NULL);
		if (back != v)
			fail_msg("%.17g printed as '%s'", v, buf);
		if (i % 1000 == 0) {
			assert_non_null(doc = cJSON_Parse(buf));
			assert_true(cJSON_IsNumber(doc) && doc->valuedouble == v);
			cJSON_Delete(doc);
		}
		memcpy(&v, &x, sizeof(v));
		if (!isfinite(v))
			continue;
		gpuadv_format_number(buf, v);
		back = strtod(buf, NULL);
		if (fabs(back - v) > 5e-6 * fabs(v))
			fail_msg("%.17g printed as '%s'", v, buf);
	}
}

/* ---- gpuadv_format_stated / gpuadv_format_computed ----------------------- */

static const struct {
	double v;
	const char *stated, *computed;
} printed[] = {
	{ 0, "0", "0" },
	{ -0.0, "0", "0" },
	{ 2025, "2025", "2025" },
	{ 56.3, "56.3", "56.3" },
	{ -0.5, "-0.5", "-0.5" },
	/* issue 9: printed as "1500" by gpuadv_format_number */
	{ 1500.0000000001, "1500.0000000001", "1500" },
	{ 0.0000123456789, "0.0000123456789", "0.0000123457" },
	{ 123.000000000001, "123.000000000001", "123" },
	{ 0.12345678901234, "0.12345678901234", "0.123457" },
	{ 0.000001, "0.000001", "0.000001" },
	{ 9007199254740991.0, "9007199254740991", "9.0072e+15" },
	{ 1.2383860860137317, "1.2383860860137317", "1.23839" },
	{ 2.0 / 3, "0.6666666666666666", "0.666667" },
	{ 9.99999996123, "9.99999996123", "10" },
	{ 1e15, "1e+15", "1e+15" },
	{ 1e300, "1e+300", "1e+300" },
	{ 1e-7, "1e-07", "1e-07" },
	{ 1.5e-9, "1.5e-09", "1.5e-09" },
	{ INFINITY, "null", "null" },
	{ NAN, "null", "null" },
	{ 0, NULL, NULL }
};

static void test_format_stated_computed(void **state)
{
	char buf[GPUADV_NUMBER_MAX];
	size_t i, len;

	(void)state;
	for (i = 0; printed[i].stated; i++) {
		memset(buf, 'x', sizeof(buf));
		len = gpuadv_format_stated(buf, printed[i].v);
		if (strcmp(buf, printed[i].stated) != 0 || len != strlen(buf))
			fail_msg("row %zu: stated %.17g printed as '%s' (%zu), not '%s'",
				 i, printed[i].v, buf, len, printed[i].stated);
		memset(buf, 'x', sizeof(buf));
		len = gpuadv_format_computed(buf, printed[i].v);
		if (strcmp(buf, printed[i].computed) != 0 || len != strlen(buf))
			fail_msg("row %zu: computed %.17g printed as '%s' (%zu), not '%s'",
				 i, printed[i].v, buf, len, printed[i].computed);
	}
}

/* Significant digits of a printed number: from the first non-zero digit
 * to the last non-zero one of the mantissa. */
static int significant_digits(const char *s)
{
	int n = 0, zeros = 0;
	bool started = false;

	for (; *s && *s != 'e'; s++) {
		if (*s < '0' || *s > '9' || (*s == '0' && !started))
			continue;
		started = true;
		if (*s == '0') {
			zeros++;
		} else {
			n += zeros + 1;
			zeros = 0;
		}
	}
	return n;
}

/* Any double, and any decimal of up to 15 digits with up to 20 places (as
 * the catalogue or a query may state it), prints in the fewest digits
 * that read back as exactly the same double, and JSON accepts it. */
static void test_format_stated_round_trip(void **state)
{
	char buf[GPUADV_NUMBER_MAX], shortest[40];
	unsigned long long x = 0x2545F4914F6CDD1Dull;
	cJSON *doc;
	double v, scale;
	int i, p;

	(void)state;
	for (i = 0; i < trials(400000); i++) {
		x ^= x << 13, x ^= x >> 7, x ^= x << 17; /* xorshift64 */
		if (i % 2) {
			memcpy(&v, &x, sizeof(v));
			if (!isfinite(v) || v == 0)
				continue;
		} else {
			scale = pow(10, (double)(x % 21));
			v = (double)(long long)(x % 1000000000000000ull) / scale;
		}
		gpuadv_format_stated(buf, v);
		if (strtod(buf, NULL) != v)
			fail_msg("%.17g printed as '%s'", v, buf);
		for (p = 1; p < 17; p++) {
			snprintf(shortest, sizeof(shortest), "%.*e", p - 1, v);
			if (strtod(shortest, NULL) == v)
				break;
		}
		if (v != 0 && significant_digits(buf) != p)
			fail_msg("%.17g printed as '%s', not in %d digits", v, buf, p);
		if (i % 1000 == 0) {
			assert_non_null(doc = cJSON_Parse(buf));
			assert_true(cJSON_IsNumber(doc) && doc->valuedouble == v);
			cJSON_Delete(doc);
		}
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_table),
		cmocka_unit_test(test_format_number),
		cmocka_unit_test(test_format_number_round_trip),
		cmocka_unit_test(test_format_stated_computed),
		cmocka_unit_test(test_format_stated_round_trip),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
