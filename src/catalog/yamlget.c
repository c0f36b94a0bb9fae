/*
 * yamlget.c - the walker's typed getters (yamltree.h): the one place that
 * says what a wrong type, a bad number, a bad date or a missing key looks
 * like in a message, for the catalogue and the configuration alike.
 */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gpu_advisor/numbers.h"
#include "yamltree.h"

int gpuadv__ytree_fail(const struct gpuadv__ywalk *w, const struct ynode *at,
		       const char *fmt, ...)
{
	char msg[GPUADV_ERROR_MSG_MAX];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	return gpuadv_error_at(w->err, GPUADV_EDATA, w->name, at ? at->line : 0,
			       at ? at->column : 0, "%s", msg);
}

int gpuadv__ytree_oom(const struct gpuadv__ywalk *w)
{
	return gpuadv_error_set(w->err, GPUADV_ENOMEM, "out of memory");
}

const char *gpuadv__ytree_shown(const struct ynode *n, char *buf, size_t size)
{
	size_t i, j = 0;

	if (n->type != Y_SCALAR)
		return gpuadv__ytree_type_name(n->type);
	for (i = 0; n->value[i] && j + 4 < size; i++)
		buf[j++] = (n->value[i] == '\n' || n->value[i] == '\t') ? ' '
									 : n->value[i];
	if (n->value[i]) {
		j = j > 3 ? j - 3 : 0;
		memcpy(buf + j, "...", 3);
		j += 3;
	}
	buf[j] = '\0';
	return buf;
}

const struct ynode *gpuadv__ytree_get(const struct ynode *map, const char *key)
{
	size_t i;

	for (i = 0; i < map->count; i++)
		if (strcmp(map->keys[i]->value, key) == 0)
			return map->items[i];
	return NULL;
}

bool gpuadv__ytree_is_null(const struct ynode *n)
{
	return n->type == Y_SCALAR && n->plain &&
	       (!n->value[0] || !strcmp(n->value, "~") || !strcmp(n->value, "null") ||
		!strcmp(n->value, "Null") || !strcmp(n->value, "NULL"));
}

int gpuadv__ytree_check_keys(const struct gpuadv__ywalk *w, const struct ynode *map,
			     const char *const *allowed,
			     const char *const *required, const char *what)
{
	size_t i, k;

	for (i = 0; i < map->count; i++) {
		for (k = 0; allowed[k]; k++)
			if (strcmp(allowed[k], map->keys[i]->value) == 0)
				break;
		if (!allowed[k])
			return gpuadv__ytree_fail(w, map->keys[i],
						  "unknown key '%s' in %s",
						  map->keys[i]->value, what);
	}
	for (k = 0; required[k]; k++)
		if (!gpuadv__ytree_get(map, required[k]))
			return gpuadv__ytree_fail(w, map,
						  "missing required key '%s' in %s",
						  required[k], what);
	return 0;
}

int gpuadv__ytree_want(const struct gpuadv__ywalk *w, const struct ynode *n,
		       enum ytype t, const char *key)
{
	char buf[64];

	if (n->type == t)
		return 0;
	return gpuadv__ytree_fail(w, n, "'%s' must be %s, got %s%s%s", key,
				  gpuadv__ytree_type_name(t),
				  n->type == Y_SCALAR ? "'" : "",
				  gpuadv__ytree_shown(n, buf, sizeof(buf)),
				  n->type == Y_SCALAR ? "'" : "");
}

int gpuadv__ytree_string(const struct gpuadv__ywalk *w, const struct ynode *n,
			 const char *key, const char **out)
{
	if (n->type != Y_SCALAR)
		return gpuadv__ytree_fail(w, n, "'%s' must be a string, got %s", key,
					  gpuadv__ytree_type_name(n->type));
	if (gpuadv__ytree_is_null(n) || !n->value[0])
		return gpuadv__ytree_fail(w, n, "'%s' must be a non-empty string", key);
	*out = n->value; /* the tree lives in the caller's arena */
	return 0;
}

int gpuadv__ytree_opt_string(const struct gpuadv__ywalk *w, const struct ynode *map,
			     const char *key, const char **out)
{
	const struct ynode *n = gpuadv__ytree_get(map, key);

	*out = NULL;
	return n ? gpuadv__ytree_string(w, n, key, out) : 0;
}

static void range_words(char *buf, size_t size, double min, double max,
			bool integer)
{
	const char *kind = integer ? "integer" : "number";

	if (min == GPUADV__YTREE_POSITIVE)
		snprintf(buf, size, "a positive %s", kind);
	else if (min == 0 && max >= 1e5)
		snprintf(buf, size, "a non-negative %s", kind);
	else
		snprintf(buf, size, "%s %s from %g to %g",
			 integer ? "an" : "a", kind, min, max);
}

int gpuadv__ytree_number(const struct gpuadv__ywalk *w, const struct ynode *n,
			 const char *key, double min, double max, bool integer,
			 double *out)
{
	char words[96], buf[64];

	if (n->type != Y_SCALAR || !n->plain ||
	    gpuadv_parse_number(out, n->value, min, max, integer) != 0) {
		range_words(words, sizeof(words), min, max, integer);
		if (n->type != Y_SCALAR)
			return gpuadv__ytree_fail(w, n, "'%s' must be %s, got %s", key,
						  words, gpuadv__ytree_type_name(n->type));
		return gpuadv__ytree_fail(w, n, "'%s' must be %s, got %s'%s'", key,
					  words, n->plain ? "" : "the string ",
					  gpuadv__ytree_shown(n, buf, sizeof(buf)));
	}
	return 0;
}

int gpuadv__ytree_bool(const struct gpuadv__ywalk *w, const struct ynode *n,
		       const char *key, int *out)
{
	char buf[64];

	if (n->type == Y_SCALAR && n->plain && !strcmp(n->value, "true"))
		*out = 1;
	else if (n->type == Y_SCALAR && n->plain && !strcmp(n->value, "false"))
		*out = 0;
	else
		return gpuadv__ytree_fail(w, n, "'%s' must be true or false, got '%s'",
					  key, gpuadv__ytree_shown(n, buf, sizeof(buf)));
	return 0;
}

int gpuadv__ytree_date(const struct gpuadv__ywalk *w, const struct ynode *n,
		       const char *key, const char **out)
{
	char buf[64];
	int rc = gpuadv__ytree_want(w, n, Y_SCALAR, key);

	if (rc)
		return rc;
	if (!gpuadv_date_valid(n->value))
		return gpuadv__ytree_fail(w, n,
					  "'%s' must be a date (YYYY-MM-DD), got '%s'",
					  key, gpuadv__ytree_shown(n, buf, sizeof(buf)));
	*out = n->value;
	return 0;
}

int gpuadv__ytree_choice(const struct gpuadv__ywalk *w, const struct ynode *n,
			 const char *key, const char *const *names, int count,
			 int *out)
{
	char list[256] = "", buf[64];
	size_t used = 0;
	int i;

	if (n->type == Y_SCALAR) {
		for (i = 0; i < count; i++) {
			if (strcmp(names[i], n->value) == 0) {
				*out = i;
				return 0;
			}
		}
	}
	for (i = 0; i < count && used < sizeof(list); i++)
		used += snprintf(list + used, sizeof(list) - used, "%s%s",
				 i ? ", " : "", names[i]);
	return gpuadv__ytree_fail(w, n, "'%s' must be one of %s, got '%s'", key, list,
				  gpuadv__ytree_shown(n, buf, sizeof(buf)));
}

int gpuadv__ytree_strlist(const struct gpuadv__ywalk *w, const struct ynode *n,
			  const char *key, struct gpuadv_strlist *out)
{
	size_t i;
	int rc = gpuadv__ytree_want(w, n, Y_SEQ, key);

	if (rc)
		return rc;
	out->count = n->count;
	out->items = gpuadv__arena_calloc(w->arena, n->count ? n->count : 1,
					  sizeof(*out->items));
	if (!out->items)
		return gpuadv__ytree_oom(w);
	for (i = 0; i < n->count; i++) {
		rc = gpuadv__ytree_string(w, n->items[i], key, &out->items[i]);
		if (rc)
			return rc;
	}
	return 0;
}
