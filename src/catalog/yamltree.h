/*
 * yamltree.h - a small, position-carrying YAML tree built from libyaml's
 * event stream, with the limits a strict loader needs enforced while
 * parsing (depth, string length, item count; no anchors, aliases, tags or
 * second documents; no duplicate keys). Both the catalogue and the
 * configuration loader walk this tree rather than libyaml's events.
 */
#ifndef GPUADV_YAMLTREE_H
#define GPUADV_YAMLTREE_H

#include <stdbool.h>
#include <stddef.h>

#include "base/arena.h"
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

struct ytree_limits {
	int max_depth;        /* mappings and sequences nested at most this deep */
	size_t max_string;    /* bytes in one scalar */
	size_t max_items;     /* entries in all collections together */
	size_t max_bytes;     /* input size */
};

/*
 * Parse data into a tree allocated from arena. name is used in messages.
 * Returns 0, or GPUADV_EDATA / GPUADV_ENOMEM with err filled.
 */
int ytree_parse(struct ynode **out, struct gpuadv_arena *arena, const char *data,
		size_t len, const char *name, const struct ytree_limits *lim,
		struct gpuadv_error *err);

/*
 * A loader's start: a new arena (*arena, the caller's to free) holding the
 * document's name for its messages (*origin: name, or dflt when name is
 * NULL). Returns 0, or GPUADV_ENOMEM with nothing left allocated.
 */
int ytree_begin(struct gpuadv_arena **arena, const char **origin, const char *name,
		const char *dflt, struct gpuadv_error *err);

const char *ytype_name(enum ytype t);

#endif
