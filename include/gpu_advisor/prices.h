/*
 * prices.h - the market: dated prices of the catalogue's GPUs (new, used,
 * per-GPU share of a server, cloud rental per GPU-hour), each with its
 * source, loaded from data/prices.yaml (schema in docs/catalog.md) by a
 * loader as strict as the catalogue's; whether a GPU is sold as a card or
 * only inside 4- or 8-GPU systems; and the one rule that picks the price an
 * answer uses (gpuadv_price_pick).
 *
 * Prices are kept apart from the catalogue because they change monthly and
 * specifications never: a price list is loaded against a catalogue (its GPU
 * ids must be that catalogue's) and attached to it through
 * struct gpuadv_catalog's prices pointer, which the caller sets.
 *
 * Ownership: a struct gpuadv_prices owns every string and array reachable
 * from it (its arena) until gpuadv_prices_release(); it points at nothing
 * in the catalogue, whose GPUs it is indexed like. A failed load leaves *out
 * empty. A struct gpuadv_price (a pick) borrows its strings from the prices
 * or the catalogue it was picked from.
 */
#ifndef GPU_ADVISOR_PRICES_H
#define GPU_ADVISOR_PRICES_H

#include <stdbool.h>
#include <stddef.h>

#include "gpu_advisor/catalog.h"
#include "gpu_advisor/error.h"

#define GPUADV_PRICES_MAX_BYTES (4u * 1024u * 1024u)
#define GPUADV_PRICES_MAX_DEPTH 5 /* top, gpus, a GPU, prices, a price */
#define GPUADV_PRICES_MAX_PER_GPU 256

/* What a price is for. The first four are the file's; the others only an
 * answer's (a user's own price, the catalogue's launch price, none). */
enum gpuadv_price_basis {
	GPUADV_PB_NEW,      /* one new card */
	GPUADV_PB_USED,     /* one used card or module */
	GPUADV_PB_SYSTEM,   /* one GPU's share of a 4- or 8-GPU server */
	GPUADV_PB_CLOUD,    /* one GPU-hour, rented on demand */
	GPUADV_PB_OVERRIDE, /* --price or a request's prices */
	GPUADV_PB_CONFIG,   /* config.yaml's prices */
	GPUADV_PB_LAUNCH,   /* the catalogue's launch price: old, not today's */
	GPUADV_PB_UNKNOWN,  /* no price */
	GPUADV_PB_COUNT
};

/* "new", "used", "system", "cloud", "override", "config", "launch",
 * "unknown". */
const char *gpuadv_price_basis_name(enum gpuadv_price_basis b);

/* Which prices an answer may use (--price-basis). */
enum gpuadv_price_want {
	GPUADV_WANT_ANY,   /* the cheapest dated purchase price: new or used
			    * for a card, the system share for a system-only part */
	GPUADV_WANT_NEW,
	GPUADV_WANT_USED,
	GPUADV_WANT_CLOUD, /* the GPU-hour rate */
	GPUADV_WANT_COUNT
};
const char *gpuadv_price_want_name(enum gpuadv_price_want w);

enum gpuadv_sold_as {
	GPUADV_SOLD_CARD,   /* bought on its own */
	GPUADV_SOLD_SYSTEM, /* SXM module or superchip: only in 4- or 8-GPU servers */
	GPUADV_SOLD_COUNT
};
const char *gpuadv_sold_as_name(enum gpuadv_sold_as s);

/* One dated price, as prices.yaml states it. */
struct gpuadv_price_entry {
	enum gpuadv_price_basis basis; /* new, used, system or cloud */
	/* new, used: one GPU (USD); system: system_usd / gpus_per_system;
	 * cloud: one GPU-hour (USD). */
	double usd;
	double low_usd, high_usd; /* the range quoted, in usd's unit; NAN: none */
	double system_usd;        /* system: the whole server; else NAN */
	double gpus_per_system;   /* system: GPUs in it; else NAN */
	const char *as_of;        /* YYYY-MM-DD or YYYY-MM, as written */
	const char *source;
	const char *note;         /* NULL where none */
};

/* One GPU's entry of the file. */
struct gpuadv_gpu_prices {
	bool listed; /* the file names this GPU (false: no entry at all) */
	enum gpuadv_sold_as sold_as;
	const struct gpuadv_price_entry *entries; /* file order */
	size_t count;
};

struct gpuadv_arena;

struct gpuadv_prices {
	const char *origin; /* the name errors use: a path or "<embedded>" */
	int schema_version;
	const char *as_of;  /* YYYY-MM-DD: when the list was compiled */
	/* One per catalogue GPU, in the catalogue's order (gpus[i] is
	 * cat->gpus[i]'s); gpu_count is the catalogue's. */
	const struct gpuadv_gpu_prices *gpus;
	size_t gpu_count;
	size_t entry_count;
	struct gpuadv_arena *arena;
};

/*
 * Parse and validate a price list held in memory against cat (every gpu
 * must be one of its ids, at most once). Fails with GPUADV_EDATA and
 * file:line:column for an unknown GPU, a bad basis, a key of another
 * basis, low > high, a bad date (YYYY-MM-DD or YYYY-MM), a missing source.
 */
int gpuadv_prices_load(struct gpuadv_prices *out, const struct gpuadv_catalog *cat,
		       const char *data, size_t len, const char *name,
		       struct gpuadv_error *err);

void gpuadv_prices_release(struct gpuadv_prices *p);

/*
 * A price list for catalogue to made from from's (from->prices), matching
 * GPUs by id; a GPU from's list lacks gets no prices. *out borrows the
 * entries and strings of from's list, which must outlive it (the built-in
 * list lives as long as the program). Returns 0, or GPUADV_ENOMEM.
 */
int gpuadv_prices_rebind(struct gpuadv_prices *out, const struct gpuadv_catalog *to,
			 const struct gpuadv_catalog *from, struct gpuadv_error *err);

/* The price list compiled in with the built-in catalogue (gpuadv_embedded
 * points at it); it owns nothing. */
extern const struct gpuadv_prices gpuadv_embedded_prices;
extern const char gpuadv_embedded_prices_sha256[];

/* gpu's entry in cat's price list; NULL when cat has none or the list
 * does not name the GPU. */
const struct gpuadv_gpu_prices *gpuadv_gpu_prices(const struct gpuadv_catalog *cat,
						  const struct gpuadv_gpu *gpu);

/* How gpu is sold: the price list's sold_as; where the list does not name
 * it, "system" for an SXM form factor, else "card". */
enum gpuadv_sold_as gpuadv_gpu_sold_as(const struct gpuadv_catalog *cat,
				       const struct gpuadv_gpu *gpu);

/* The price an answer uses, with where it comes from. */
struct gpuadv_price {
	double usd;  /* NAN when unknown; cloud: per GPU-hour */
	enum gpuadv_price_basis basis;
	const char *as_of;  /* YYYY-MM-DD or YYYY-MM; NULL: not dated */
	double range_low, range_high; /* the range its source quoted; NAN: none */
	const char *source; /* NULL where none (override, config, launch) */
	bool stale;  /* seen more than six months before the reference date,
		      * or a launch price */
	/* A launch price of a card launched before the year before the
	 * reference date's: what it sold for new then, not what it sells for
	 * now, so no budget is held against it. */
	bool launch_outdated;
	double system_usd, gpus_per_system; /* system: the server; else NAN */
};

/*
 * Pick gpu's price for want from cat's price list, else the catalogue's
 * deprecated street price, else (purchases only) its launch price:
 * among the entries of the wanted bases, the cheapest that is not stale,
 * else the newest (ties: the cheaper). today (YYYY-MM-DD) is the reference
 * date for staleness; NULL uses the price list's as_of (else nothing is
 * stale but launch prices). Never fails: out->basis is GPUADV_PB_UNKNOWN
 * and out->usd NAN when nothing is known.
 */
void gpuadv_price_pick(struct gpuadv_price *out, const struct gpuadv_catalog *cat,
		       const struct gpuadv_gpu *gpu, enum gpuadv_price_want want,
		       const char *today);

/* Whether date (YYYY-MM-DD or YYYY-MM, the first of the month) is more than
 * six calendar months before ref (YYYY-MM-DD). */
bool gpuadv_price_is_stale(const char *date, const char *ref);

/* Days from date a to date b (YYYY-MM-DD, or YYYY-MM as the first);
 * negative when b is earlier. */
long gpuadv_days_between(const char *a, const char *b);

#endif
