/*
 * test_numbers.c - gpuadv_parse_number(), the one number parser behind the
 * catalogue loader and every numeric command-line flag: plain decimals only
 * ([-+]digits[.digits][e[-+]digits]), finite, in range, whole when asked.
 *
 * One table of {input, min, max, integer, expected rc, expected value},
 * ending in a sentinel row.
 */
#include <float.h>
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include <cmocka.h>

#include "gpu_advisor/catalog.h"

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

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_table),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
