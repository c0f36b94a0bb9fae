/*
 * numbers.c - the number parser and printer of numbers.h: plain decimals
 * in, JSON numbers out. The printer avoids printf on its common paths:
 * it runs for every figure of every `query` answer.
 */
#include "gpu_advisor/numbers.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A decimal number: [-+]digits[.digits][(e|E)[-+]digits]. No hex, inf or nan. */
static bool decimal_syntax(const char *s)
{
	bool digits = false;

	if (*s == '-' || *s == '+')
		s++;
	while (*s >= '0' && *s <= '9')
		s++, digits = true;
	if (*s == '.') {
		s++;
		while (*s >= '0' && *s <= '9')
			s++, digits = true;
	}
	if (!digits)
		return false;
	if (*s == 'e' || *s == 'E') {
		s++;
		if (*s == '-' || *s == '+')
			s++;
		if (!(*s >= '0' && *s <= '9'))
			return false;
		while (*s >= '0' && *s <= '9')
			s++;
	}
	return *s == '\0';
}

int gpuadv_parse_number(double *out, const char *s, double min, double max,
			bool integer)
{
	char *end;
	double v;

	if (!decimal_syntax(s))
		return -1;
	errno = 0;
	v = strtod(s, &end);
	if (*end || errno == ERANGE || !isfinite(v))
		return -1;
	if (integer && v != floor(v))
		return -1;
	if (v < min || v > max)
		return -1;
	*out = v;
	return 0;
}

/* m / 10^k as a decimal: digits of |m|, the point before the last k, and
 * the fraction's trailing zeros dropped. */
static size_t put_decimal(char *buf, double m, int k)
{
	char digits[24];
	unsigned long long u = (unsigned long long)fabs(m);
	size_t n = 0, len = 0;
	int i;

	do {
		digits[n++] = (char)('0' + u % 10);
		u /= 10;
	} while (u);
	while (n <= (size_t)k) /* 0.05: at least one digit before the point */
		digits[n++] = '0';
	for (i = 0; i < k && digits[i] == '0'; i++)
		;
	if (m < 0)
		buf[len++] = '-';
	while (n > (size_t)k)
		buf[len++] = digits[--n];
	if (i < k) {
		buf[len++] = '.';
		while (n > (size_t)i)
			buf[len++] = digits[--n];
	}
	buf[len] = '\0';
	return len;
}

size_t gpuadv_format_number(char *buf, double v)
{
	static const double pow10[] = { 1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6,
					 1e7, 1e8, 1e9, 1e10, 1e11 };
	double a = fabs(v), m;
	int k;

	if (!isfinite(v)) {
		memcpy(buf, "null", 5);
		return 4;
	}
	if (v == 0) { /* -0 too */
		memcpy(buf, "0", 2);
		return 1;
	}
	if (a >= 1e15 || a < 1e-6)
		return (size_t)snprintf(buf, GPUADV_NUMBER_MAX, "%.17g", v);
	/* The fewest decimals that read back as exactly v: strtod rounds the
	 * decimal m * 10^-k correctly, and so does the division m / 10^k of
	 * two exact doubles, so the two agree. */
	for (k = 0; k <= 9; k++) {
		m = nearbyint(v * pow10[k]);
		if (fabs(m) >= 9007199254740992.0) /* 2^53 */
			break;
		if (m / pow10[k] == v)
			return put_decimal(buf, m, k);
	}
	/* A computed figure: six significant digits. */
	k = 5 - (int)floor(log10(a));
	if (k < 0)
		k = 0;
	if (k > 11)
		k = 11;
	return put_decimal(buf, nearbyint(v * pow10[k]), k);
}
