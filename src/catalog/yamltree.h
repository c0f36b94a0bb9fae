/*
 * yamltree.h - the YAML walker shared by the catalogue loader and the
 * configuration loader (src/query/config.c): a small, position-carrying
 * tree built from libyaml's event stream, with the limits a strict loader
 * needs enforced while parsing (depth, string length, item count; no
 * anchors, aliases, tags or second documents; no duplicate keys; no
 * control characters in any string), and typed getters that fail with
 * file:line:column. Both loaders walk this tree rather than libyaml's
 * events, so both say the same thing about the same mistake.
 *
 * Internal (not installed, not part of the API): functions carry the
 * internal mark gpuadv__. The tree and every string in it live in the
 * arena given to gpuadv__ytree_parse.
 */
#ifndef GPUADV_YAMLTREE_H
#define GPUADV_YAMLTREE_H

#include <stdbool.h>
#include <stddef.h>

#include "base/arena.h"
#include "gpu_advisor/catalog.h"
#include "gpu_advisor/error.h"

enum ytype { Y_SCALAR, Y_MAP, Y_SEQ };

struct ynode {
	enum ytype type;
	unsigned long line, column; /* 1-based */
	/* Y_SCALAR */
	const char *value;
	bool plain; /* unquoted: may be a number, boolean or null */
	/* Y_MAP: keys[i] -> items[i]; Y_SEQ: items[i] */
	struct ynode **keys;
	struct ynode **items;
	size_t count;
};

struct gpuadv__ytree_limits {
	int max_depth;        /* mappings and sequences nested at most this deep */
	size_t max_string;    /* bytes in one scalar */
	size_t max_items;     /* entries in all collections together */
	size_t max_bytes;     /* input size */
};

/*
 * Parse data into a tree allocated from arena. name is used in messages.
 * Returns 0, or GPUADV_EDATA / GPUADV_ENOMEM with err filled.
 */
int gpuadv__ytree_parse(struct ynode **out, struct gpuadv_arena *arena,
			const char *data, size_t len, const char *name,
			const struct gpuadv__ytree_limits *lim,
			struct gpuadv_error *err);

/*
 * A loader's start: a new arena (*arena, the caller's to free) holding the
 * document's name for its messages (*origin: name, or dflt when name is
 * NULL). Returns 0, or GPUADV_ENOMEM with nothing left allocated.
 */
int gpuadv__ytree_begin(struct gpuadv_arena **arena, const char **origin,
			const char *name, const char *dflt,
			struct gpuadv_error *err);

/* "a scalar", "a mapping", "a sequence". */
const char *gpuadv__ytree_type_name(enum ytype t);

/* ---- the typed getters (yamlget.c) ---------------------------------------
 *
 * A walk: the document's name for messages, the arena that getters
 * allocate from (lists) and the error record. Each getter returns 0, or
 * GPUADV_EDATA with err naming key and where it is ("'memory_gb' must be a
 * positive number, got 'lots'"), or GPUADV_ENOMEM.
 */
struct gpuadv__ywalk {
	const char *name;
	struct gpuadv_arena *arena;
	struct gpuadv_error *err;
};

/* The smallest value a getter accepts for "> 0" (and words as "positive"). */
#define GPUADV__YTREE_POSITIVE 1e-9

/* Fail at a node (NULL: no position) with GPUADV_EDATA. */
int gpuadv__ytree_fail(const struct gpuadv__ywalk *w, const struct ynode *at,
		       const char *fmt, ...) __attribute__((format(printf, 3, 4)));
int gpuadv__ytree_oom(const struct gpuadv__ywalk *w);

/* A scalar quoted for a message, one line, cut short to fit buf; a
 * collection as its type name. */
const char *gpuadv__ytree_shown(const struct ynode *n, char *buf, size_t size);

/* The value under key in mapping map; NULL where absent. */
const struct ynode *gpuadv__ytree_get(const struct ynode *map, const char *key);

/* A plain empty, ~, null, Null or NULL scalar. */
bool gpuadv__ytree_is_null(const struct ynode *n);

/* map's keys are among allowed[] and include required[] (both
 * NULL-terminated); what names the object in messages. */
int gpuadv__ytree_check_keys(const struct gpuadv__ywalk *w, const struct ynode *map,
			     const char *const *allowed,
			     const char *const *required, const char *what);

/* n is of type t. */
int gpuadv__ytree_want(const struct gpuadv__ywalk *w, const struct ynode *n,
		       enum ytype t, const char *key);

/* A non-empty string; *out points into the tree. */
int gpuadv__ytree_string(const struct gpuadv__ywalk *w, const struct ynode *n,
			 const char *key, const char **out);
/* The string under key in map, or NULL where the key is absent. */
int gpuadv__ytree_opt_string(const struct gpuadv__ywalk *w, const struct ynode *map,
			     const char *key, const char **out);
/* A plain decimal within [min, max] (gpuadv_parse_number). */
int gpuadv__ytree_number(const struct gpuadv__ywalk *w, const struct ynode *n,
			 const char *key, double min, double max, bool integer,
			 double *out);
/* true or false: *out 1 or 0. */
int gpuadv__ytree_bool(const struct gpuadv__ywalk *w, const struct ynode *n,
		       const char *key, int *out);
/* A valid date, YYYY-MM-DD, from 1990. */
int gpuadv__ytree_date(const struct gpuadv__ywalk *w, const struct ynode *n,
		       const char *key, const char **out);
/* A valid date, YYYY-MM-DD, or a month, YYYY-MM (a source that gives no
 * day), from 1990. */
int gpuadv__ytree_day_or_month(const struct gpuadv__ywalk *w, const struct ynode *n,
			       const char *key, const char **out);
/* One of names[0..count-1]; *out its index. */
int gpuadv__ytree_choice(const struct gpuadv__ywalk *w, const struct ynode *n,
			 const char *key, const char *const *names, int count,
			 int *out);
/* A sequence of non-empty strings, its array allocated from w->arena. */
int gpuadv__ytree_strlist(const struct gpuadv__ywalk *w, const struct ynode *n,
			  const char *key, struct gpuadv_strlist *out);

#endif
