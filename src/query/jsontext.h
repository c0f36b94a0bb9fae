/*
 * jsontext.h - checks on a JSON request's raw text that a parsed tree can no
 * longer make (internal to the query layer; see jsontext.c).
 */
#ifndef GPUADV_JSONTEXT_H
#define GPUADV_JSONTEXT_H

#include <stddef.h>

#include "gpu_advisor/error.h"

/*
 * Refuse what cJSON would accept or silently cut: bytes that are not UTF-8,
 * a raw NUL, raw control characters in strings, malformed escapes, lone
 * UTF-16 surrogates, and \u0000 anywhere (in a key: invalid_json; in a
 * value: invalid_value, with the top-level key as err->field). Structure
 * is left to the JSON parser. Returns 0 or GPUADV_EDATA with err->kind set.
 */
int gpuadv__jsontext_check(const char *text, size_t len, struct gpuadv_error *err);

/* Where the top-level "id" member's value is in text, when it is a string,
 * a finite number or null written validly: *start and *n; else *n is 0. */
void gpuadv__jsontext_id(const char *text, size_t len, size_t *start, size_t *n);

#endif
