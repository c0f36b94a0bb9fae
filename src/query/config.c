/*
 * config.c - the strict configuration loader: walks the YAML tree from
 * yamltree.c (the same limits and the same file:line:column errors as the
 * catalogue's loader) and fills a struct gpuadv_config; see config.h. The
 * settings a query shares (prices) are checked through the parameter
 * table, with the bounds a flag or a JSON request gets.
 */
#include "gpu_advisor/config.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <float.h>
#include <math.h>

#include "base/arena.h"
#include "gpu_advisor/catalog.h"
#include "gpu_advisor/fetch.h"
#include "gpu_advisor/params.h"
#include "gpu_advisor/signature.h"
#include "catalog/yamltree.h"

static int get_currency(const struct gpuadv__ywalk *c, const struct ynode *n, const char **out)
{
	const char *s;
	int rc = gpuadv__ytree_string(c, n, "currency", &s);
	char buf[64];
	size_t i;

	if (rc)
		return rc;
	for (i = 0; s[i]; i++)
		if ((unsigned char)s[i] < 0x20 || s[i] == 0x7f)
			return gpuadv__ytree_fail(c, n, "'currency' must be a one-line label");
	if (i > GPUADV_CONFIG_MAX_CURRENCY)
		return gpuadv__ytree_fail(c, n, "'currency' must be at most %d bytes, got '%s'",
			    GPUADV_CONFIG_MAX_CURRENCY, gpuadv__ytree_shown(n, buf, sizeof(buf)));
	/* Every price, the catalogue's and the file's own, is in US dollars,
	 * and nothing converts them: another currency here would have its
	 * prices compared with dollars unawares. */
	if (strcasecmp(s, "USD"))
		return gpuadv__ytree_fail(c, n, "'currency' must be USD (every price here is in "
					  "US dollars), got '%s'",
					  gpuadv__ytree_shown(n, buf, sizeof(buf)));
	*out = s;
	return 0;
}

static int get_url(const struct gpuadv__ywalk *c, const struct ynode *n, const char **out)
{
	const char *s;
	int rc = gpuadv__ytree_string(c, n, "update_url", &s);
	char shown[GPUADV_FETCH_URL_MAX];

	if (rc)
		return rc;
	/* Shown as every address is: user:password@ redacted (first, so that
	 * cutting it short cannot leave part of a password). */
	if (!gpuadv_fetch_is_https(s) || strpbrk(s, " \t\r\n")) {
		gpuadv_fetch_redact(shown, sizeof(shown), s);
		return gpuadv__ytree_fail(c, n, "'update_url' must be an https:// address, got '%.60s%s'",
			    shown, strlen(shown) > 60 ? "..." : "");
	}
	*out = s;
	return 0;
}

/*
 * A minisign public key ("RW..." base64), checked here so that a mistyped
 * key is reported at its line and column rather than on the next update;
 * or the absolute path of a .pub file, read only by `update` (the loader
 * does no I/O). A relative path would depend on where the program is run.
 */
static int get_pubkey(const struct gpuadv__ywalk *c, const struct ynode *n, const char **out)
{
	struct gpuadv_pubkey key;
	struct gpuadv_error why;
	const char *s = NULL;
	int rc = gpuadv__ytree_string(c, n, "pubkey", &s);
	char buf[64];

	if (rc)
		return rc;
	if (gpuadv_signature_is_key_text(s)) {
		if (gpuadv_signature_parse_key(&key, s, strlen(s), NULL, &why) != 0)
			return gpuadv__ytree_fail(c, n, "'pubkey' is %s", why.message);
	} else if (s[0] != '/' || strpbrk(s, "\r\n")) {
		return gpuadv__ytree_fail(c, n, "'pubkey' must be a minisign public key ('RW...') or the absolute path of a .pub file, got '%s'",
			    gpuadv__ytree_shown(n, buf, sizeof(buf)));
	}
	*out = s;
	return 0;
}

static int get_prices(const struct gpuadv__ywalk *c, struct gpuadv_config *cfg,
		      const struct ynode *map)
{
	char buf[64], norm[128], other[128];
	struct gpuadv_error why;
	size_t i, j;

	if (map->type != Y_MAP)
		return gpuadv__ytree_fail(c, map, "'prices' must be a mapping of GPU to US dollars, got %s",
			    gpuadv__ytree_type_name(map->type));
	if (map->count > GPUADV_CONFIG_MAX_PRICES)
		return gpuadv__ytree_fail(c, map->keys[GPUADV_CONFIG_MAX_PRICES],
			    "'prices' lists more than %d GPUs", GPUADV_CONFIG_MAX_PRICES);
	cfg->prices = gpuadv__arena_calloc(cfg->arena, map->count ? map->count : 1,
					  sizeof(*cfg->prices));
	if (!cfg->prices)
		return gpuadv_error_set(c->err, GPUADV_ENOMEM, "out of memory");
	for (i = 0; i < map->count; i++) {
		const struct ynode *k = map->keys[i], *v = map->items[i];
		struct gpuadv_config_price *p = &cfg->prices[i];

		if (!k->value[0] ||
		    !gpuadv_name_normalize(norm, sizeof(norm), k->value) || !norm[0])
			return gpuadv__ytree_fail(c, k, "'%s' is not a GPU name", gpuadv__ytree_shown(k, buf, sizeof(buf)));
		for (j = 0; j < i; j++)
			if (gpuadv_name_normalize(other, sizeof(other), map->keys[j]->value) &&
			    !strcmp(norm, other))
				return gpuadv__ytree_fail(c, k, "price for '%s' repeats '%s' (first at line %lu)",
					    k->value, map->keys[j]->value,
					    map->keys[j]->line);
		if (v->type != Y_SCALAR)
			return gpuadv__ytree_fail(c, v, "price of '%s' must be a number of US dollars, got %s",
				    k->value, gpuadv__ytree_type_name(v->type));
		/* The price range is the parameter table's, as for a flag or a
		 * request; the message comes from the same check. */
		if (!v->plain || gpuadv_parse_number(&p->usd, v->value, -DBL_MAX, DBL_MAX,
						     false) != 0)
			p->usd = NAN;
		if (gpuadv_param_check_number(gpuadv_param(GPUADV_P_PRICES), p->usd,
					      gpuadv__ytree_shown(v, buf, sizeof(buf)), k->value,
					      GPUADV_NAMING_CONFIG, &why))
			return gpuadv__ytree_fail(c, v, "%s%s", why.message,
				    v->plain ? "" : " (a quoted string)");
		p->name = k->value;
		p->line = k->line;
		p->column = k->column;
	}
	cfg->price_count = map->count;
	return 0;
}

/* A key of the parameter table (price_basis, years, ...): a scalar, a
 * number within the row's bounds. */
static int get_setting(const struct gpuadv__ywalk *c, struct gpuadv_config *cfg,
		       const struct gpuadv_param_def *p, const struct ynode *v)
{
	struct gpuadv_config_setting *set = &cfg->settings[cfg->setting_count];
	struct gpuadv_error why;
	char buf[64];
	double num;

	if (v->type != Y_SCALAR || gpuadv__ytree_is_null(v))
		return gpuadv__ytree_fail(c, v, "'%s' must be a %s, got %s", p->config_key,
					  p->type == GPUADV_PT_CHOICE ? "word" : "number",
					  gpuadv__ytree_shown(v, buf, sizeof(buf)));
	if (p->type == GPUADV_PT_NUMBER || p->type == GPUADV_PT_INTEGER) {
		if (!v->plain || gpuadv_parse_number(&num, v->value, -DBL_MAX, DBL_MAX, false))
			num = NAN;
		if (gpuadv_param_check_number(p, num, gpuadv__ytree_shown(v, buf, sizeof(buf)),
					      NULL, GPUADV_NAMING_CONFIG, &why))
			return gpuadv__ytree_fail(c, v, "%s%s", why.message,
						  v->plain ? "" : " (a quoted string)");
	}
	if (cfg->setting_count == GPUADV_CONFIG_MAX_SETTINGS)
		return gpuadv__ytree_fail(c, v, "more than %d settings", GPUADV_CONFIG_MAX_SETTINGS);
	set->param = (int)p->id;
	set->value = v->value;
	set->line = v->line;
	set->column = v->column;
	cfg->setting_count++;
	return 0;
}

static int load_root(const struct gpuadv__ywalk *c, struct gpuadv_config *cfg,
		     const struct ynode *root)
{
	const struct gpuadv_param_def *p;
	size_t i;
	int rc = 0;

	if (gpuadv__ytree_is_null(root))
		return 0; /* "---" alone: an empty configuration */
	if (root->type != Y_MAP)
		return gpuadv__ytree_fail(c, root, "the configuration must be a mapping, got %s",
			    gpuadv__ytree_type_name(root->type));
	for (i = 0; i < root->count && rc == 0; i++) {
		const struct ynode *k = root->keys[i], *v = root->items[i];

		if (!strcmp(k->value, "update_url"))
			rc = get_url(c, v, &cfg->update_url);
		else if (!strcmp(k->value, "currency"))
			rc = get_currency(c, v, &cfg->currency);
		else if (!strcmp(k->value, "pubkey"))
			rc = get_pubkey(c, v, &cfg->pubkey);
		else if (!strcmp(k->value, "prices"))
			rc = get_prices(c, cfg, v);
		else if ((p = gpuadv_param_by_config_key(k->value)) &&
			 p->type != GPUADV_PT_PRICES)
			rc = get_setting(c, cfg, p, v);
		else
			rc = gpuadv__ytree_fail(c, k, "unknown key '%s' in the configuration; known: update_url, currency, pubkey, prices, price_basis, years, hours_per_day, utilisation, kwh_price_usd",
				  k->value);
	}
	return rc;
}

/* Nothing but blank lines and comments. */
static bool blank(const char *data, size_t len)
{
	size_t i = 0;

	while (i < len) {
		while (i < len && (data[i] == ' ' || data[i] == '\t' || data[i] == '\r'))
			i++;
		if (i < len && data[i] == '#')
			while (i < len && data[i] != '\n')
				i++;
		if (i < len && data[i] != '\n')
			return false;
		i++;
	}
	return true;
}

int gpuadv_config_load(struct gpuadv_config *out, const char *data, size_t len,
		       const char *name, struct gpuadv_error *err)
{
	static const struct gpuadv__ytree_limits lim = {
		.max_depth = 3, /* deep enough for a wrong type to be named */
		.max_string = GPUADV_CATALOG_MAX_STRING,
		.max_items = 1024, /* more prices than allowed get a clear message */
		.max_bytes = GPUADV_CONFIG_MAX_BYTES,
	};
	struct gpuadv_config cfg = { 0 };
	struct ynode *root;
	struct gpuadv__ywalk c;
	int rc;

	memset(out, 0, sizeof(*out));
	gpuadv_error_clear(err);
	if ((rc = gpuadv__ytree_begin(&cfg.arena, &cfg.origin, name, "<config>", err)))
		return rc;
	c.name = cfg.origin;
	c.arena = cfg.arena;
	c.err = err;
	if (len <= lim.max_bytes && blank(data, len)) {
		rc = 0;
		goto done;
	}
	rc = gpuadv__ytree_parse(&root, cfg.arena, data, len, cfg.origin, &lim, err);
	if (rc == 0)
		rc = load_root(&c, &cfg, root);
done:
	if (rc) {
		gpuadv__arena_free(cfg.arena);
		return rc;
	}
	*out = cfg;
	return 0;
}

void gpuadv_config_release(struct gpuadv_config *cfg)
{
	if (!cfg)
		return;
	gpuadv__arena_free(cfg->arena);
	memset(cfg, 0, sizeof(*cfg));
}

int gpuadv_config_path(char *buf, size_t size, struct gpuadv_error *err)
{
	const char *xdg = getenv("XDG_CONFIG_HOME"), *home = getenv("HOME");
	int n;

	if (xdg && xdg[0] == '/')
		n = snprintf(buf, size, "%s/gpu-advisor/config.yaml", xdg);
	else if (home && home[0])
		n = snprintf(buf, size, "%s/.config/gpu-advisor/config.yaml", home);
	else
		return gpuadv_error_set(err, GPUADV_ENOINPUT,
					"no configuration directory: neither XDG_CONFIG_HOME nor HOME is set");
	if (n < 0 || (size_t)n >= size)
		return gpuadv_error_set(err, GPUADV_EUSAGE,
					"the configuration file's path is too long");
	return 0;
}
