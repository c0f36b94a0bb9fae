/*
 * line.h - internal to src/render: a line of text built in place, with the
 * number and money forms the wording in words.c needs. Not public.
 */
#ifndef GPUADV_RENDER_LINE_H
#define GPUADV_RENDER_LINE_H

#include <stdbool.h>
#include <stddef.h>

/*
 * A line of text built in place. A recommendation writes a reason for every
 * GPU it excludes and several for each it keeps, and `query` answers tens
 * of thousands a second: snprintf's float formatting was a third of that
 * time. Text past size is cut; used stays below size.
 */
struct gpuadv__line {
	char *buf;
	size_t size, used;
};

/* Point l at buf[size] and empty it. */
void gpuadv__line_init(struct gpuadv__line *l, char *buf, size_t size);
/* n bytes of s; past the end, cut. */
void gpuadv__line_mem(struct gpuadv__line *l, const char *s, size_t n);
/* Any number of strings, up to a NULL (the compiler checks it is there). */
void gpuadv__line_str(struct gpuadv__line *l, ...) __attribute__((sentinel));
/* A figure as the catalogue states it (like "%g" for those). */
void gpuadv__line_num(struct gpuadv__line *l, double v);
/* Dollars, whole: "$750". */
void gpuadv__line_usd(struct gpuadv__line *l, double v);
/* A ratio to two decimals, as "%.2f" prints it. */
void gpuadv__line_ratio(struct gpuadv__line *l, double v);
/* Cents: an hourly rate ("$0.50"). */
void gpuadv__line_cents(struct gpuadv__line *l, double v);
/* A price's amount: "$750", or "$0.50/h" for a rental rate. */
void gpuadv__line_amount(struct gpuadv__line *l, double v, bool hourly);

#endif
