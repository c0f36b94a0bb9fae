/*
 * jsontext.c - a single pass over a JSON request's raw text, before cJSON
 * parses it: cJSON accepts bytes that are not UTF-8 and copies them into
 * answers, stops a string at \u0000 (so "show\u0000x" reads as "show"), and
 * keeps numbers only as doubles (so an id 9007199254740993 would come back
 * rounded); it also takes any byte below 0x20 for white space and reads
 * 007 and 1. as numbers. Here the text is checked strictly (RFC 8259); the
 * same pass measures its nesting (so a deep request is "too deep" before
 * cJSON recurses into it) and finds the id's own text, so that an answer
 * can echo it byte for byte.
 */
#include "jsontext.h"

#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct scan {
	const char *s;
	size_t len, i;
	int depth;            /* of [ and { */
	int most;             /* the deepest depth seen */
	int levels;           /* the most levels of values (see jsontext.h) */
	bool opened;          /* a [ or { was the last byte but white space */
	bool top_object;      /* the outermost value is an object */
	bool expect_key;      /* at depth 1, the next string is a key */
	char key[64];         /* the current top-level key, "" when unknown */
	bool key_is_id;       /* ... and it is "id" */
	size_t id_start, id_n; /* the first "id" value's text */
	bool id_seen;
	bool closed;          /* the last string read had its closing quote */
	struct gpuadv_error *err;
	int rc;
};

static int fail(struct scan *sc, const char *kind, const char *field,
		const char *what)
{
	if (sc->rc)
		return sc->rc;
	sc->rc = gpuadv_error_set(sc->err, GPUADV_EDATA, "%s at byte %zu", what,
				  sc->i + 1);
	if (sc->err) {
		sc->err->kind = kind;
		snprintf(sc->err->field, sizeof(sc->err->field), "%s", field ? field : "");
	}
	return sc->rc;
}

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

static long hex4(const char *s, size_t avail)
{
	long v = 0;
	int k, h;

	if (avail < 4)
		return -1;
	for (k = 0; k < 4; k++) {
		if ((h = hexval(s[k])) < 0)
			return -1;
		v = v * 16 + h;
	}
	return v;
}

/*
 * The string starting at sc->i (a '"'). Decodes at most sizeof(name)-1
 * bytes of it into name (ASCII escapes only; enough to recognise keys).
 * Leaves sc->i after the closing quote. A string that does not close is
 * left to the parser (returns 0 with sc->i at the end).
 */
static int string(struct scan *sc, bool is_key, char *name, size_t size)
{
	size_t used = 0;
	const char *field = is_key ? NULL : sc->key[0] ? sc->key : NULL;

	sc->closed = false;
	sc->i++;
	while (sc->i < sc->len) {
		unsigned char c = (unsigned char)sc->s[sc->i];
		size_t n;
		long u, lo;

		if (c == '"') {
			sc->i++;
			sc->closed = true;
			if (name)
				name[used] = '\0';
			return 0;
		}
		if (c < 0x20)
			return fail(sc, "invalid_json", NULL,
				    "control character in a string");
		if (c == '\\') {
			char e = sc->i + 1 < sc->len ? sc->s[sc->i + 1] : '\0';

			if (e == 'u') {
				u = hex4(sc->s + sc->i + 2, sc->len - sc->i - 2);
				if (u < 0)
					return fail(sc, "invalid_json", NULL, "malformed \\u escape");
				if (u == 0)
					return is_key ? fail(sc, "invalid_json", NULL,
							     "\\u0000 in a key")
						      : fail(sc, "invalid_value", field,
							     "\\u0000 in a string");
				if (u >= 0xdc00 && u <= 0xdfff)
					return fail(sc, "invalid_json", NULL, "lone UTF-16 surrogate");
				if (u >= 0xd800 && u <= 0xdbff) {
					lo = sc->i + 7 < sc->len && sc->s[sc->i + 6] == '\\' &&
							     sc->s[sc->i + 7] == 'u'
						     ? hex4(sc->s + sc->i + 8, sc->len - sc->i - 8)
						     : -1;
					if (lo < 0xdc00 || lo > 0xdfff)
						return fail(sc, "invalid_json", NULL,
							    "lone UTF-16 surrogate");
					sc->i += 6;
				}
				if (name && used + 1 < size)
					name[used++] = u < 0x80 ? (char)u : '?';
				sc->i += 6;
				continue;
			}
			if (!e || !strchr("\"\\/bfnrt", e))
				return fail(sc, "invalid_json", NULL, "malformed escape");
			if (name && used + 1 < size)
				name[used++] = e == '"' || e == '\\' || e == '/' ? e : '?';
			sc->i += 2;
			continue;
		}
		n = gpuadv_utf8_len(sc->s + sc->i, sc->len - sc->i);
		if (n == 0)
			return fail(sc, "invalid_json", NULL, "invalid UTF-8");
		if (name && used + n < size) {
			memcpy(name + used, sc->s + sc->i, n);
			used += n;
		}
		sc->i += n;
	}
	if (name)
		name[used] = '\0';
	return 0;
}

/* n bytes at s are a number as RFC 8259 writes one: no leading zero, no
 * bare '.', no '+'. */
static bool number_syntax(const char *s, size_t n)
{
	size_t i = 0;

	if (i < n && s[i] == '-')
		i++;
	if (i < n && s[i] == '0')
		i++;
	else if (i < n && s[i] >= '1' && s[i] <= '9')
		while (i < n && s[i] >= '0' && s[i] <= '9')
			i++;
	else
		return false;
	if (i < n && s[i] == '.') {
		if (++i >= n || s[i] < '0' || s[i] > '9')
			return false;
		while (i < n && s[i] >= '0' && s[i] <= '9')
			i++;
	}
	if (i < n && (s[i] == 'e' || s[i] == 'E')) {
		if (++i < n && (s[i] == '+' || s[i] == '-'))
			i++;
		if (i >= n || s[i] < '0' || s[i] > '9')
			return false;
		while (i < n && s[i] >= '0' && s[i] <= '9')
			i++;
	}
	return i == n;
}

static int scan_all(struct scan *sc)
{
	char name[64];
	size_t start;

	while (sc->i < sc->len && !sc->rc) {
		unsigned char c = (unsigned char)sc->s[sc->i];

		/* A container with a member holds one level more than itself;
		 * the top value is level 1 even when it is no container. */
		if (c != ' ' && c != '\t' && c != '\r' && c != '\n') {
			if (sc->opened && c != '}' && c != ']' && sc->depth + 1 > sc->levels)
				sc->levels = sc->depth + 1;
			else if (sc->levels == 0)
				sc->levels = 1;
			sc->opened = false;
		}
		switch (c) {
		case '"':
			start = sc->i;
			if (sc->depth == 1 && sc->top_object && sc->expect_key) {
				if (string(sc, true, name, sizeof(name)))
					return sc->rc;
				snprintf(sc->key, sizeof(sc->key), "%s", name);
				sc->key_is_id = !strcmp(name, "id") && !sc->id_seen;
				sc->expect_key = false;
				continue;
			}
			if (string(sc, false, NULL, 0))
				return sc->rc;
			if (sc->depth == 1 && sc->key_is_id && sc->closed) {
				sc->id_start = start;
				sc->id_n = sc->i - start;
			}
			continue;
		case '{':
		case '[':
			if (sc->depth++ == 0)
				sc->top_object = c == '{';
			if (sc->depth == 1)
				sc->expect_key = c == '{';
			if (sc->depth > sc->most)
				sc->most = sc->depth;
			sc->opened = true;
			break;
		case '}':
		case ']':
			if (sc->depth > 0)
				sc->depth--;
			break;
		case ',':
			if (sc->depth == 1 && sc->top_object) {
				sc->expect_key = true;
				if (sc->key_is_id)
					sc->id_seen = true;
				sc->key_is_id = false;
			}
			break;
		case '\0':
			return fail(sc, "invalid_json", NULL, "NUL byte");
		case ' ':
		case '\t':
		case '\r':
		case '\n':
			break;
		default:
			if (c >= 0x80) {
				size_t n = gpuadv_utf8_len(sc->s + sc->i, sc->len - sc->i);

				if (n == 0)
					return fail(sc, "invalid_json", NULL, "invalid UTF-8");
				/* Valid, though no JSON token: the parser says so. Its
				 * second byte is no character of its own. */
				sc->i += n;
				continue;
			}
			/* cJSON takes any byte below 0x20 for white space. */
			if (c < 0x20)
				return fail(sc, "invalid_json", NULL, "control character");
			/* cJSON reads 007 and 1. as numbers: RFC 8259 does not. */
			if (c == '-' || (c >= '0' && c <= '9')) {
				start = sc->i;
				while (sc->i < sc->len && strchr("-+.eE0123456789", sc->s[sc->i]) &&
				       sc->s[sc->i])
					sc->i++;
				if (!number_syntax(sc->s + start, sc->i - start)) {
					sc->i = start;
					return fail(sc, "invalid_json", NULL, "malformed number");
				}
				if (sc->depth == 1 && sc->key_is_id) {
					sc->id_start = start;
					sc->id_n = sc->i - start;
				}
				continue;
			}
			/* A scalar member of the top object: remember id's text. */
			if (sc->depth == 1 && sc->key_is_id && c != ':' && c != ' ' &&
			    c != '\t' && c != '\r' && c != '\n') {
				start = sc->i;
				while (sc->i < sc->len && strchr("-+.eE0123456789truefalsn",
								 sc->s[sc->i]) && sc->s[sc->i])
					sc->i++;
				if (sc->i == start)
					sc->i++;
				sc->id_start = start;
				sc->id_n = sc->i - start;
				continue;
			}
			break;
		}
		sc->i++;
	}
	return sc->rc;
}

/* A JSON number exactly as written, and finite as a double. */
static bool json_number(const char *s, size_t n)
{
	char buf[400];

	if (!number_syntax(s, n) || n >= sizeof(buf))
		return false;
	memcpy(buf, s, n);
	buf[n] = '\0';
	return isfinite(strtod(buf, NULL));
}

int gpuadv__jsontext_scan(const char *text, size_t len, struct gpuadv__jsontext *out,
			  struct gpuadv_error *err)
{
	struct scan sc = { .s = text, .len = len, .err = err };
	const char *t;

	scan_all(&sc);
	out->depth = sc.most;
	out->levels = sc.levels;
	out->id_at = out->id_len = 0;
	/* A fault after the id (a \u0000 in another value) still lets the
	 * error answer carry it; the id's own text was checked whole. */
	if (!sc.top_object || sc.id_n == 0)
		return sc.rc;
	t = text + sc.id_start;
	if (t[0] == '"' ||
	    (sc.id_n == 4 && !memcmp(t, "null", 4)) || json_number(t, sc.id_n)) {
		out->id_at = sc.id_start;
		out->id_len = sc.id_n;
	}
	return sc.rc;
}
