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

bool gpuadv_date_valid(const char *s)
{
	static const int mdays[] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	int y, m, d, i;

	for (i = 0; i < 10; i++) {
		if (i == 4 || i == 7) {
			if (s[i] != '-')
				return false;
		} else if (s[i] < '0' || s[i] > '9') {
			return false;
		}
	}
	if (s[10])
		return false;
	y = atoi(s);
	m = atoi(s + 5);
	d = atoi(s + 8);
	if (y < 1990 || m < 1 || m > 12 || d < 1 || d > mdays[m - 1])
		return false;
	if (m == 2 && d == 29 && !((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return false;
	return true;
}

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

static const double pow10[] = { 1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7,
	1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19,
	1e20 };

/* "null" for NAN and infinities, "0" for both zeros; else 0. */
static size_t put_special(char *buf, double v)
{
	if (!isfinite(v)) {
		memcpy(buf, "null", 5);
		return 4;
	}
	if (v == 0) {
		memcpy(buf, "0", 2);
		return 1;
	}
	return 0;
}

/*
 * v in the fewest decimals (at most max_k) that read back as exactly v;
 * 0 when there are none. strtod rounds the decimal m * 10^-k correctly, and
 * so does the division m / 10^k of two exact doubles, so the two agree. A
 * decimal of up to 15 significant digits is always found: v * 10^k is then
 * within 0.25 of m, so nearbyint gives m. Up to 9 decimals, 16 digits are
 * taken too (below 2^53), as gpuadv_format_number always did.
 */
static size_t put_exact(char *buf, double v, int max_k)
{
	double m;
	int k;

	for (k = 0; k <= max_k; k++) {
		m = nearbyint(v * pow10[k]);
		if (fabs(m) >= (k <= 9 ? 9007199254740992.0 : 1e15))
			break;
		if (m / pow10[k] == v)
			return put_decimal(buf, m, k);
	}
	return 0;
}

/* The shortest "%g" form that reads back as exactly v. */
static size_t put_shortest_g(char *buf, double v)
{
	int p, n = 0;

	for (p = 1; p <= 17; p++) {
		n = snprintf(buf, GPUADV_NUMBER_MAX, "%.*g", p, v);
		if (strtod(buf, NULL) == v)
			break;
	}
	return (size_t)n;
}

/* Six significant digits, for |v| in [1e-6, 1e15). */
static size_t put_six_digits(char *buf, double v)
{
	int k = 5 - (int)floor(log10(fabs(v)));

	if (k < 0)
		k = 0;
	if (k > 11)
		k = 11;
	return put_decimal(buf, nearbyint(v * pow10[k]), k);
}

static bool fixed_range(double v)
{
	return fabs(v) >= 1e-6 && fabs(v) < 1e15;
}

size_t gpuadv_format_stated(char *buf, double v)
{
	size_t n = put_special(buf, v);

	if (!n && fixed_range(v))
		n = put_exact(buf, v, (int)(sizeof(pow10) / sizeof(pow10[0])) - 1);
	return n ? n : put_shortest_g(buf, v);
}

size_t gpuadv_format_computed(char *buf, double v)
{
	size_t n = put_special(buf, v);

	if (n)
		return n;
	if (fixed_range(v))
		return put_six_digits(buf, v);
	return (size_t)snprintf(buf, GPUADV_NUMBER_MAX, "%.6g", v);
}

size_t gpuadv_format_number(char *buf, double v)
{
	size_t n = put_special(buf, v);

	if (n)
		return n;
	if (!fixed_range(v))
		return (size_t)snprintf(buf, GPUADV_NUMBER_MAX, "%.17g", v);
	n = put_exact(buf, v, 9);
	return n ? n : put_six_digits(buf, v);
}
