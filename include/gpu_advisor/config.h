/*
 * config.h - the user's configuration file,
 * $XDG_CONFIG_HOME/gpu-advisor/config.yaml (docs/update.md), loaded by a
 * loader as strict as the catalogue's: an unknown key, a wrong type, a
 * non-finite or non-positive price, a duplicate key, an anchor or alias is
 * an error naming file:line:column.
 *
 * Ownership: a struct gpuadv_config owns every string it points to (they
 * live in its arena) until gpuadv_config_release(). A failed load leaves
 * *out empty (a release is harmless).
 */
#ifndef GPU_ADVISOR_CONFIG_H
#define GPU_ADVISOR_CONFIG_H

#include <stddef.h>

#include "gpu_advisor/error.h"

#define GPUADV_CONFIG_MAX_BYTES (256u * 1024u)
#define GPUADV_CONFIG_MAX_PRICES 64 /* = GPUADV_MAX_PRICE_OVERRIDES */
#define GPUADV_CONFIG_MAX_CURRENCY 16

/* One entry of `prices:`, unresolved: the CLI resolves name against the
 * catalogue and reports an unknown GPU at line:column. */
struct gpuadv_config_price {
	const char *name; /* GPU id, alias or name, as written */
	double usd;       /* finite, > 0 */
	unsigned long line, column; /* of the name */
};

/* A query setting (price_basis, years, kwh_price_usd, ...): a parameter-
 * table row with a config key (params.h), its value as written; numbers are
 * checked against the row's bounds when loaded, choices when applied. */
struct gpuadv_config_setting {
	int param;         /* enum gpuadv_param */
	const char *value; /* as written */
	unsigned long line, column; /* of the value */
};

#define GPUADV_CONFIG_MAX_SETTINGS 32

struct gpuadv_arena;

struct gpuadv_config {
	const char *origin;     /* the name errors use: the path */
	const char *update_url; /* https://...; NULL where unset */
	const char *currency;   /* "USD" in any case (the only one accepted); NULL where unset */
	const char *pubkey;     /* minisign public key or .pub path (docs/update.md); NULL where unset */
	struct gpuadv_config_price *prices; /* in file order */
	size_t price_count;
	struct gpuadv_config_setting settings[GPUADV_CONFIG_MAX_SETTINGS]; /* file order */
	size_t setting_count;
	struct gpuadv_arena *arena;
};

/*
 * Parse and validate a configuration held in memory; name is used in error
 * messages. An empty file (or one of blank and comment lines only) is a
 * valid, empty configuration. Returns 0, or GPUADV_EDATA / GPUADV_ENOMEM.
 */
int gpuadv_config_load(struct gpuadv_config *out, const char *data, size_t len,
		       const char *name, struct gpuadv_error *err);

void gpuadv_config_release(struct gpuadv_config *cfg);

/*
 * The configuration file's path: $XDG_CONFIG_HOME/gpu-advisor/config.yaml
 * when XDG_CONFIG_HOME is an absolute path, else
 * $HOME/.config/gpu-advisor/config.yaml. Returns 0, or GPUADV_ENOINPUT
 * when neither is set, GPUADV_EUSAGE when it does not fit.
 */
int gpuadv_config_path(char *buf, size_t size, struct gpuadv_error *err);

#endif
