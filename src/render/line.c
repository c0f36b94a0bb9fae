/* line.c - a line of text built in place (line.h), for words.c. */
#include "line.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "gpu_advisor/numbers.h"

void gpuadv__line_init(struct gpuadv__line *l, char *buf, size_t size)
{
	l->buf = buf;
	l->size = size;
	l->used = 0;
	buf[0] = '\0';
}

void gpuadv__line_mem(struct gpuadv__line *l, const char *s, size_t n)
{
	if (n > l->size - 1 - l->used)
		n = l->size - 1 - l->used;
	memcpy(l->buf + l->used, s, n);
	l->used += n;
	l->buf[l->used] = '\0';
}

void gpuadv__line_str(struct gpuadv__line *l, ...)
{
	const char *s;
	va_list ap;

	va_start(ap, l);
	while ((s = va_arg(ap, const char *)))
		gpuadv__line_mem(l, s, strlen(s));
	va_end(ap);
}

/* A figure as the catalogue states it (like "%g" for those). */
void gpuadv__line_num(struct gpuadv__line *l, double v)
{
	char num[GPUADV_NUMBER_MAX];

	gpuadv__line_mem(l, num, gpuadv_format_number(num, v));
}

/* Dollars, whole ("%.0f": nearbyint rounds ties to even, as printf does). */
void gpuadv__line_usd(struct gpuadv__line *l, double v)
{
	gpuadv__line_mem(l, "$", 1);
	gpuadv__line_num(l, nearbyint(v));
}

/* A ratio to two decimals, as "%.2f" prints it. */
void gpuadv__line_ratio(struct gpuadv__line *l, double v)
{
	char num[GPUADV_NUMBER_MAX];
	double cents = nearbyint(v * 100);
	size_t n;

	if (!isfinite(v) || fabs(v) >= 1e13) {
		n = (size_t)snprintf(num, sizeof(num), "%.2f", v);
		gpuadv__line_mem(l, num, n < sizeof(num) ? n : sizeof(num) - 1);
		return;
	}
	if (cents < 0) {
		gpuadv__line_mem(l, "-", 1);
		cents = -cents;
	}
	gpuadv__line_num(l, floor(cents / 100));
	num[0] = '.';
	num[1] = (char)('0' + (int)fmod(cents, 100) / 10);
	num[2] = (char)('0' + (int)fmod(cents, 10));
	gpuadv__line_mem(l, num, 3);
}

/* Cents: an hourly rate ("$0.50"). */
void gpuadv__line_cents(struct gpuadv__line *l, double v)
{
	char num[GPUADV_NUMBER_MAX + 8];
	size_t n = (size_t)snprintf(num, sizeof(num), "$%.2f", v);

	gpuadv__line_mem(l, num, n < sizeof(num) ? n : sizeof(num) - 1);
}

/* A price's amount: "$750", or "$0.50/h" for a rental rate. */
void gpuadv__line_amount(struct gpuadv__line *l, double v, bool hourly)
{
	if (hourly) {
		gpuadv__line_cents(l, v);
		gpuadv__line_mem(l, "/h", 2);
	} else {
		gpuadv__line_usd(l, v);
	}
}
