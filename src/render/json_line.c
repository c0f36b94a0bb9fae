/*
 * json_line.c - a JSON document on one line, for `query`'s answers, byte
 * for byte as cJSON_PrintUnformatted prints it, but in one pass into a
 * buffer the batch reuses: cJSON's printer measures what it has written
 * with strlen after every value and scans each string twice, which made
 * printing a quarter of a batch's time (answers are 3 to 60 kB). Numbers,
 * which answers hold as raw text, and anything unusual are left to cJSON.
 */
#include <cjson/cJSON.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "gpu_advisor/render.h"

struct out {
	char *p;
	size_t len, cap;
};

/* Room for n more bytes; the caller then writes them directly. */
static bool grow(struct out *o, size_t n)
{
	size_t cap = o->cap ? o->cap : 4096;
	char *p;

	while (cap - o->len < n) {
		if (cap > ((size_t)-1) / 4)
			return false;
		cap *= 2;
	}
	if (!(p = realloc(o->p, cap)))
		return false;
	o->p = p;
	o->cap = cap;
	return true;
}

static inline bool room(struct out *o, size_t n)
{
	return n <= o->cap - o->len || grow(o, n);
}

static inline bool put(struct out *o, const char *s, size_t n)
{
	if (!room(o, n))
		return false;
	memcpy(o->p + o->len, s, n);
	o->len += n;
	return true;
}

static inline bool put1(struct out *o, char c)
{
	if (!room(o, 1))
		return false;
	o->p[o->len++] = c;
	return true;
}

#define ONES ((uint64_t)0x0101010101010101u)

/* Whether one of the 8 bytes of w is below 0x20, '"' or '\\' (the
 * bit-twiddling tests for a byte less than n and for a zero byte). */
static inline bool escapes_in(uint64_t w)
{
	uint64_t q = w ^ (ONES * '"'), b = w ^ (ONES * '\\');

	return (((w - ONES * 0x20) & ~w) | ((q - ONES) & ~q) | ((b - ONES) & ~b)) &
	       (ONES * 0x80);
}

/* One byte of a string, escaped as cJSON escapes it; returns the end. */
static char *escaped(char *d, unsigned char c)
{
	static const char hex[] = "0123456789abcdef";

	if (c >= 0x20 && c != '"' && c != '\\') {
		*d++ = (char)c;
		return d;
	}
	*d++ = '\\';
	switch (c) {
	case '"':
	case '\\':
		*d++ = (char)c;
		break;
	case '\b':
		*d++ = 'b';
		break;
	case '\f':
		*d++ = 'f';
		break;
	case '\n':
		*d++ = 'n';
		break;
	case '\r':
		*d++ = 'r';
		break;
	case '\t':
		*d++ = 't';
		break;
	default: /* \u00XX, lower case */
		memcpy(d, "u00", 3);
		d[3] = hex[c >> 4];
		d[4] = hex[c & 15];
		d += 5;
		break;
	}
	return d;
}

/* A string as cJSON prints it: the two-character escapes, \u00XX for
 * other bytes below 0x20, every other byte as it is. Room for the worst
 * case (six bytes each) is made first; then 8 bytes at a time are copied
 * whole while none needs an escape, which is nearly always. */
static bool string(struct out *o, const char *s)
{
	const unsigned char *c = (const unsigned char *)(s ? s : "");
	size_t n = strlen((const char *)c), i = 0;
	uint64_t w;
	char *d;

	if (n > ((size_t)-1) / 8 || !room(o, 6 * n + 2))
		return false;
	d = o->p + o->len;
	*d++ = '"';
	while (i < n) {
		if (n - i >= 8) {
			memcpy(&w, c + i, 8);
			if (!escapes_in(w)) {
				memcpy(d, c + i, 8);
				d += 8;
				i += 8;
				continue;
			}
		}
		d = escaped(d, c[i++]);
	}
	*d++ = '"';
	o->len = (size_t)(d - o->p);
	return true;
}

static bool value(struct out *o, const cJSON *item)
{
	const cJSON *c;
	char *text;
	bool ok;

	switch (item->type & 0xFF) {
	case cJSON_NULL:
		return put(o, "null", 4);
	case cJSON_False:
		return put(o, "false", 5);
	case cJSON_True:
		return put(o, "true", 4);
	case cJSON_Raw:
		return item->valuestring && put(o, item->valuestring, strlen(item->valuestring));
	case cJSON_String:
		return string(o, item->valuestring);
	case cJSON_Array:
		if (!put1(o, '['))
			return false;
		for (c = item->child; c; c = c->next)
			if (!value(o, c) || (c->next && !put1(o, ',')))
				return false;
		return put1(o, ']');
	case cJSON_Object:
		if (!put1(o, '{'))
			return false;
		for (c = item->child; c; c = c->next)
			if (!string(o, c->string) || !put1(o, ':') || !value(o, c) ||
			    (c->next && !put1(o, ',')))
				return false;
		return put1(o, '}');
	default: /* a cJSON number (its own %1.15g rule), or no known type */
		text = cJSON_PrintUnformatted(item);
		ok = text && put(o, text, strlen(text));
		cJSON_free(text);
		return ok;
	}
}

size_t gpuadv_json_line(const struct cJSON *doc, char **buf, size_t *cap)
{
	struct out o = { .p = *buf, .cap = *cap };
	bool ok = doc && value(&o, doc) && put1(&o, '\n');

	*buf = o.p;
	*cap = o.cap;
	return ok ? o.len : 0;
}
