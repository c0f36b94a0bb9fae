/*
 * price_pick.c - which price an answer uses (prices.h): the price list's
 * entries of the wanted bases, the cheapest one still fresh, else the
 * newest; then the catalogue's deprecated street price; then, for a
 * purchase, the launch price, labelled as the old figure it is. Also the
 * date arithmetic that "fresh" needs, and how a GPU is sold.
 */
#include "gpu_advisor/prices.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's
 * days_from_civil). */
static long days_from_civil(long y, long m, long d)
{
	long era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

/* YYYY-MM-DD, or YYYY-MM as its first day. */
static long day_number(const char *s)
{
	return days_from_civil(atol(s), atol(s + 5), strlen(s) >= 10 ? atol(s + 8) : 1);
}

long gpuadv_days_between(const char *a, const char *b)
{
	return day_number(b) - day_number(a);
}

bool gpuadv_price_is_stale(const char *date, const char *ref)
{
	static const int mdays[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	long y = atol(ref), m = atol(ref + 5) - 6, d = atol(ref + 8), last;

	/* Six calendar months back, the day clamped to that month's last
	 * (as tools/stale-prices.py counts them). */
	if (m < 1) {
		m += 12;
		y--;
	}
	last = mdays[m - 1] + (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0));
	if (d > last)
		d = last;
	return day_number(date) < days_from_civil(y, m, d);
}

const struct gpuadv_gpu_prices *gpuadv_gpu_prices(const struct gpuadv_catalog *cat,
						  const struct gpuadv_gpu *gpu)
{
	size_t i;

	if (!cat || !cat->prices || !cat->gpus || gpu < cat->gpus ||
	    gpu >= cat->gpus + cat->gpu_count)
		return NULL;
	i = (size_t)(gpu - cat->gpus);
	if (i >= cat->prices->gpu_count || !cat->prices->gpus[i].listed)
		return NULL;
	return &cat->prices->gpus[i];
}

enum gpuadv_sold_as gpuadv_gpu_sold_as(const struct gpuadv_catalog *cat,
				       const struct gpuadv_gpu *gpu)
{
	const struct gpuadv_gpu_prices *p = gpuadv_gpu_prices(cat, gpu);

	if (p)
		return p->sold_as;
	return gpu->form_factor && !strncmp(gpu->form_factor, "SXM", 3) ? GPUADV_SOLD_SYSTEM
									  : GPUADV_SOLD_CARD;
}

static void unknown(struct gpuadv_price *out)
{
	memset(out, 0, sizeof(*out));
	out->usd = out->range_low = out->range_high = NAN;
	out->system_usd = out->gpus_per_system = NAN;
	out->basis = GPUADV_PB_UNKNOWN;
}

/* Whether a beats b: a fresh price beats a stale one; among fresh ones the
 * cheaper; among stale ones the newer, then the cheaper. */
static bool better(const struct gpuadv_price_entry *a, bool a_stale,
		   const struct gpuadv_price_entry *b, bool b_stale)
{
	long age;

	if (a_stale != b_stale)
		return !a_stale;
	if (a_stale && (age = gpuadv_days_between(b->as_of, a->as_of)) != 0)
		return age > 0;
	return a->usd < b->usd;
}

/* The best entry of the bases in mask; NULL when there is none. */
static const struct gpuadv_price_entry *best_of(const struct gpuadv_gpu_prices *p,
						unsigned mask, const char *ref,
						bool *stale)
{
	const struct gpuadv_price_entry *best = NULL;
	bool best_stale = false;
	size_t i;

	for (i = 0; p && i < p->count; i++) {
		const struct gpuadv_price_entry *e = &p->entries[i];
		bool s = ref && gpuadv_price_is_stale(e->as_of, ref);

		if (!(mask & (1u << e->basis)))
			continue;
		if (!best || better(e, s, best, best_stale)) {
			best = e;
			best_stale = s;
		}
	}
	*stale = best_stale;
	return best;
}

/* The bases each want draws on, first choice first. */
static unsigned want_mask(enum gpuadv_price_want want, enum gpuadv_sold_as sold, int round)
{
	switch (want) {
	case GPUADV_WANT_NEW:
		return round ? 0 : 1u << GPUADV_PB_NEW;
	case GPUADV_WANT_USED:
		return round ? 0 : 1u << GPUADV_PB_USED;
	case GPUADV_WANT_CLOUD:
		return round ? 0 : 1u << GPUADV_PB_CLOUD;
	default:
		/* A system-only part is bought as a server's share; a module
		 * sold on its own comes second. */
		if (sold == GPUADV_SOLD_SYSTEM)
			return round == 0 ? 1u << GPUADV_PB_SYSTEM
			       : round == 1 ? (1u << GPUADV_PB_NEW) | (1u << GPUADV_PB_USED) : 0;
		return round ? 0 : (1u << GPUADV_PB_NEW) | (1u << GPUADV_PB_USED);
	}
}

void gpuadv_price_pick(struct gpuadv_price *out, const struct gpuadv_catalog *cat,
		       const struct gpuadv_gpu *gpu, enum gpuadv_price_want want,
		       const char *today)
{
	const struct gpuadv_gpu_prices *p = gpuadv_gpu_prices(cat, gpu);
	const char *ref = today ? today : cat && cat->prices ? cat->prices->as_of : NULL;
	const struct gpuadv_price_entry *e = NULL;
	enum gpuadv_sold_as sold = gpuadv_gpu_sold_as(cat, gpu);
	const char *cond = gpu->street_price_condition;
	bool stale = false;
	unsigned mask;
	int round;

	unknown(out);
	for (round = 0; !e && (mask = want_mask(want, sold, round)); round++)
		e = best_of(p, mask, ref, &stale);
	if (e) {
		out->usd = e->usd;
		out->basis = e->basis;
		out->as_of = e->as_of;
		out->range_low = e->low_usd;
		out->range_high = e->high_usd;
		out->source = e->source;
		out->stale = stale;
		out->system_usd = e->system_usd;
		out->gpus_per_system = e->gpus_per_system;
		return;
	}
	if (want == GPUADV_WANT_CLOUD)
		return; /* renting has no launch price */
	/* The catalogue's deprecated street price (old catalogues). */
	if (!isnan(gpu->v[GPUADV_F_STREET_PRICE_USD]) && cond &&
	    (want == GPUADV_WANT_ANY || !strcmp(cond, gpuadv_price_want_name(want)))) {
		out->usd = gpu->v[GPUADV_F_STREET_PRICE_USD];
		out->basis = !strcmp(cond, "used") ? GPUADV_PB_USED : GPUADV_PB_NEW;
		out->as_of = gpu->price_as_of;
		out->source = gpu->price_source;
		out->stale = ref && gpu->price_as_of && gpuadv_price_is_stale(gpu->price_as_of, ref);
		return;
	}
	if (!isnan(gpu->v[GPUADV_F_LAUNCH_PRICE_USD])) {
		double year = gpu->v[GPUADV_F_RELEASE_YEAR];

		out->usd = gpu->v[GPUADV_F_LAUNCH_PRICE_USD];
		out->basis = GPUADV_PB_LAUNCH;
		out->stale = true; /* a launch price is not today's */
		/* A card still sells near its launch price in its first year or
		 * two on the market; after that, nobody sells it at that price. */
		out->launch_outdated = ref && (isnan(year) || year < atoi(ref) - 1);
	}
}
