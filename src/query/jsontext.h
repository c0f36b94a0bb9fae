/*
 * jsontext.h - one pass over a JSON request's raw text, for what a parsed
 * tree can no longer tell (internal to the query layer; see jsontext.c).
 */
#ifndef GPUADV_JSONTEXT_H
#define GPUADV_JSONTEXT_H

#include <stddef.h>

#include "gpu_advisor/error.h"

/* What the pass found; after a fault, what it found before it. */
struct gpuadv__jsontext {
	int depth;  /* the deepest nesting of [ and { outside strings, counted
		     * whether or not the text is JSON: "[[[" is 3 */
	int levels; /* the levels of values, as cJSON's tree has them: the top
		     * value 1, a member of it 2, ...; exact for valid JSON
		     * ({"a":1} is 2, {"a":{}} is 2, {"a":[1]} is 3) */
	size_t id_at, id_len; /* the top-level "id" member's value as written,
			       * when a string, a finite number or null
			       * written validly; id_len 0 when none */
};

/*
 * Refuse what cJSON would accept or silently cut: bytes that are not UTF-8,
 * a raw NUL, raw control characters in strings, malformed escapes, lone
 * UTF-16 surrogates, and \u0000 anywhere (in a key: invalid_json; in a
 * value: invalid_value, with the top-level key as err->field). Structure
 * is left to the JSON parser. Fills *out either way. Returns 0 or
 * GPUADV_EDATA with err->kind set (err may be NULL).
 */
int gpuadv__jsontext_scan(const char *text, size_t len, struct gpuadv__jsontext *out,
			  struct gpuadv_error *err);

#endif
