/*
 * test_prices.c - the price list and what answers do with it: the strict
 * loader (broken fixtures tests/fixtures/prices-bad-*.yaml with the place
 * and words of each error), the pick (fresh beats stale, cheapest among
 * fresh, newest among stale, basis by basis, the deprecated street price,
 * the launch price last), the basis precedence of an answer (override >
 * config > price list > launch), staleness at six calendar months, the cost
 * of ownership's arithmetic (missing power or price: unknown and named,
 * never 0), and what recommend does with them (system-only parts excluded,
 * cloud budgets, --sort tco). All against tests/fixtures/engine.yaml and
 * its price list engine-prices.yaml.
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "gpu_advisor/engine.h"
#include "gpu_advisor/prices.h"
#include "testutil.h"

static struct gpuadv_catalog cat;
static struct gpuadv_prices prices;
static struct gpuadv_recommendation rec;

static int load_prices(struct gpuadv_prices *out, const char *file, struct gpuadv_error *err)
{
	char path[512];
	size_t len;
	char *data;
	int rc;

	snprintf(path, sizeof(path), "%s/%s", GPUADV_FIXTURES, file);
	data = test_read_file(path, &len);
	if (!data)
		return -1;
	rc = gpuadv_prices_load(out, &cat, data, len, file, err);
	free(data);
	return rc;
}

static int setup(void **state)
{
	struct gpuadv_error err;

	(void)state;
	if (test_load_catalog(&cat, GPUADV_FIXTURES "/engine.yaml"))
		return -1;
	if (load_prices(&prices, "engine-prices.yaml", &err)) {
		fprintf(stderr, "%s\n", err.message);
		return -1;
	}
	cat.prices = &prices;
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	gpuadv_recommendation_release(&rec);
	gpuadv_prices_release(&prices);
	gpuadv_catalog_release(&cat);
	return 0;
}

static const struct gpuadv_gpu *G(const char *id)
{
	return test_gpu(&cat, id);
}

static bool same_num(double a, double b)
{
	return isnan(a) ? isnan(b) : fabs(a - b) < 1e-9 * (fabs(b) + 1);
}

/* ---- the loader ----------------------------------------------------------- */

struct bad_case {
	const char *file;
	unsigned long line, column;
	const char *msg;
};

static const struct bad_case bad_cases[] = {
	{ "prices-bad-unknown-gpu.yaml", 5, 10, "unknown GPU id 'rtx-9999'" },
	{ "prices-bad-basis.yaml", 8, 16, "'basis' must be one of new, used, system, cloud, got 'refurbished'" },
	{ "prices-bad-low-high.yaml", 10, 18, "'low_usd' 900 is above 'high_usd' 700" },
	{ "prices-bad-range.yaml", 10, 19, "'high_usd' 900 is below 'usd' 1000" },
	{ "prices-bad-date.yaml", 10, 16, "'as_of' must be a date (YYYY-MM-DD or YYYY-MM), got '2026-13'" },
	{ "prices-bad-day.yaml", 10, 16, "'as_of' must be a date (YYYY-MM-DD or YYYY-MM), got '2026-02-30'" },
	{ "prices-bad-no-source.yaml", 8, 9, "missing required key 'source' in a 'used' price of GPU 'rtx-3090'" },
	{ "prices-bad-other-basis-key.yaml", 9, 9, "unknown key 'usd' in a 'cloud' price of GPU 'rtx-3090'" },
	{ "prices-bad-twice.yaml", 8, 10, "GPU 'rtx-3090' is listed twice (first at line 5)" },
	{ "prices-bad-sold-as.yaml", 6, 14, "'sold_as' must be one of card, system, got 'module'" },
	{ "prices-bad-schema.yaml", 2, 17, "unsupported schema_version 2" },
	{ "prices-bad-zero.yaml", 9, 14, "'usd' must be a positive number, got '0'" },
	{ "prices-bad-system-count.yaml", 10, 26, "'gpus_per_system' must be an integer from 1 to 100000" },
	{ NULL, 0, 0, NULL }
};

static void test_load_bad(void **state)
{
	const struct bad_case *t;

	(void)state;
	for (t = bad_cases; t->file; t++) {
		struct gpuadv_prices p;
		struct gpuadv_error err;
		int rc = load_prices(&p, t->file, &err);

		if (rc != GPUADV_EDATA)
			fail_msg("%s: rc %d, want GPUADV_EDATA", t->file, rc);
		if (p.arena || p.gpus)
			fail_msg("%s: a failed load left something behind", t->file);
		if (err.line != t->line || err.column != t->column || !strstr(err.message, t->msg))
			fail_msg("%s: %lu:%lu %s\nwant %lu:%lu %s", t->file, err.line, err.column,
				 err.message, t->line, t->column, t->msg);
		if (strcmp(err.file, t->file))
			fail_msg("%s: the error names '%s'", t->file, err.file);
	}
}

static void test_load_good(void **state)
{
	const struct gpuadv_gpu_prices *p;

	(void)state;
	assert_string_equal(prices.as_of, "2026-11-01");
	assert_int_equal(prices.gpu_count, cat.gpu_count);
	assert_int_equal(prices.entry_count, 11);
	p = gpuadv_gpu_prices(&cat, G("twin-a"));
	assert_non_null(p);
	assert_int_equal(p->sold_as, GPUADV_SOLD_SYSTEM);
	assert_int_equal(p->entries[1].basis, GPUADV_PB_SYSTEM);
	assert_true(p->entries[1].usd == 10000); /* the server's share */
	assert_true(p->entries[1].system_usd == 80000 && p->entries[1].gpus_per_system == 8);
	p = gpuadv_gpu_prices(&cat, G("rtx-3090"));
	assert_string_equal(p->entries[1].as_of, "2026-10"); /* a month, as written */
	assert_string_equal(p->entries[1].note, "midpoint");
	assert_null(p->entries[0].note);
	/* not listed: no entry, and sold as its form factor says */
	assert_null(gpuadv_gpu_prices(&cat, G("gtx-1080-ti")));
	assert_int_equal(gpuadv_gpu_sold_as(&cat, G("gtx-1080-ti")), GPUADV_SOLD_CARD);
}

/* ---- staleness ------------------------------------------------------------ */

static const struct { const char *date, *ref; bool stale; } stale_cases[] = {
	{ "2026-05-16", "2026-11-16", false }, /* exactly six months */
	{ "2026-05-15", "2026-11-16", true },
	{ "2026-05", "2026-11-01", false },    /* a month counts as its first day */
	{ "2026-04", "2026-11-01", true },
	{ "2026-05", "2026-11-02", true },
	{ "2026-02-28", "2026-08-31", false }, /* 31 August - 6 months: 28 February */
	{ "2026-02-27", "2026-08-31", true },
	{ "2024-02-29", "2024-08-31", false }, /* a leap year's 29 February */
	{ "2025-06-01", "2026-01-01", true },  /* across a year */
	{ "2025-07-01", "2026-01-01", false },
	{ NULL, NULL, false }
};

static void test_stale(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; stale_cases[i].date; i++)
		if (gpuadv_price_is_stale(stale_cases[i].date, stale_cases[i].ref) !=
		    stale_cases[i].stale)
			fail_msg("%s against %s: stale %d, want %d", stale_cases[i].date,
				 stale_cases[i].ref, !stale_cases[i].stale, stale_cases[i].stale);
	assert_int_equal(gpuadv_days_between("2026-05", "2026-05-31"), 30);
}

/* ---- the pick ------------------------------------------------------------- */

struct pick_case {
	const char *name, *gpu;
	enum gpuadv_price_want want;
	const char *today; /* NULL: the list's as_of */
	double usd;
	enum gpuadv_price_basis basis;
	const char *as_of;
	double low, high;
	bool stale;
};

static const struct pick_case pick_cases[] = {
	{ "fresh beats a cheaper stale", "rtx-3090", GPUADV_WANT_ANY, NULL, 800, GPUADV_PB_USED, "2026-10", 700, 900, false },
	{ "new only", "rtx-3090", GPUADV_WANT_NEW, NULL, 1400, GPUADV_PB_NEW, "2026-09-15", NAN, NAN, false },
	{ "used only", "rtx-3090", GPUADV_WANT_USED, NULL, 800, GPUADV_PB_USED, "2026-10", 700, 900, false },
	{ "the cheaper fresh cloud rate", "rtx-3090", GPUADV_WANT_CLOUD, NULL, 0.4, GPUADV_PB_CLOUD, "2026-08", NAN, NAN, false },
	{ "a later today ages it", "rtx-3090", GPUADV_WANT_CLOUD, "2027-02-15", 0.5, GPUADV_PB_CLOUD, "2026-10-01", 0.22, NAN, false },
	{ "all stale: the newest", "rtx-3090", GPUADV_WANT_ANY, "2027-06-01", 800, GPUADV_PB_USED, "2026-10", 700, 900, true },
	{ "only stale: newest, not cheapest", "rtx-2080-ti", GPUADV_WANT_ANY, NULL, 350, GPUADV_PB_USED, "2026-01", NAN, NAN, true },
	{ "no new in the list, a used street price: launch", "rtx-2080-ti", GPUADV_WANT_NEW, NULL, 999, GPUADV_PB_LAUNCH, NULL, NAN, NAN, true },
	{ "listed without prices: street", "rtx-4090", GPUADV_WANT_ANY, NULL, 2200, GPUADV_PB_NEW, "2026-10-01", NAN, NAN, false },
	{ "street of the wrong basis: launch", "rtx-4090", GPUADV_WANT_USED, NULL, 1599, GPUADV_PB_LAUNCH, NULL, NAN, NAN, true },
	{ "no rental of it", "rtx-4090", GPUADV_WANT_CLOUD, NULL, NAN, GPUADV_PB_UNKNOWN, NULL, NAN, NAN, false },
	{ "cloud only: no purchase", "a100-40gb-pcie", GPUADV_WANT_ANY, NULL, NAN, GPUADV_PB_UNKNOWN, NULL, NAN, NAN, false },
	{ "cloud only: its rate", "a100-40gb-pcie", GPUADV_WANT_CLOUD, NULL, 1.2, GPUADV_PB_CLOUD, "2026-10", NAN, NAN, false },
	{ "system: the server share first", "twin-a", GPUADV_WANT_ANY, NULL, 10000, GPUADV_PB_SYSTEM, "2026-09", NAN, NAN, false },
	{ "system: a used module when asked", "twin-a", GPUADV_WANT_USED, NULL, 6000, GPUADV_PB_USED, "2026-10", NAN, NAN, false },
	{ "system without prices: launch", "twin-b", GPUADV_WANT_ANY, NULL, 1000, GPUADV_PB_LAUNCH, NULL, NAN, NAN, true },
	{ "not listed: launch", "gtx-1080-ti", GPUADV_WANT_ANY, NULL, 699, GPUADV_PB_LAUNCH, NULL, NAN, NAN, true },
	{ "new only: any is new", "p100-pcie-16gb", GPUADV_WANT_ANY, NULL, 5000, GPUADV_PB_NEW, "2026-10-01", NAN, NAN, false },
	{ "new only: no used, no launch", "p100-pcie-16gb", GPUADV_WANT_USED, NULL, NAN, GPUADV_PB_UNKNOWN, NULL, NAN, NAN, false },
	{ NULL, NULL, 0, NULL, 0, 0, NULL, 0, 0, false }
};

static void test_pick(void **state)
{
	const struct pick_case *t;

	(void)state;
	for (t = pick_cases; t->name; t++) {
		struct gpuadv_price p;

		gpuadv_price_pick(&p, &cat, G(t->gpu), t->want, t->today);
		if (!same_num(p.usd, t->usd) || p.basis != t->basis || p.stale != t->stale ||
		    !same_num(p.range_low, t->low) || !same_num(p.range_high, t->high) ||
		    (t->as_of ? !p.as_of || strcmp(p.as_of, t->as_of) : p.as_of != NULL))
			fail_msg("%s: %g %s %s [%g, %g] stale %d", t->name, p.usd,
				 gpuadv_price_basis_name(p.basis), p.as_of ? p.as_of : "-",
				 p.range_low, p.range_high, p.stale);
		if (p.basis <= GPUADV_PB_CLOUD && !p.source)
			fail_msg("%s: a dated price without its source", t->name);
	}
}

/* Regression (issue 11): a launch price from years ago was held against a
 * budget. It is outdated once the card launched before the year before the
 * reference date's. */
struct outdated_case {
	const char *name, *gpu, *today;
	bool outdated;
};

static const struct outdated_case outdated_cases[] = {
	{ "2017 launch, 2026 list", "gtx-1080-ti", NULL, true },
	{ "2017 launch, in 2018", "gtx-1080-ti", "2018-06-01", false },
	{ "2017 launch, in 2019", "gtx-1080-ti", "2019-01-01", true },
	{ "2021 launch, in 2022", "twin-b", "2022-03-01", false },
	{ "a dated price is never outdated", "rtx-3090", "2030-01-01", false },
	{ NULL, NULL, NULL, false }
};

static void test_launch_outdated(void **state)
{
	const struct outdated_case *t;

	(void)state;
	for (t = outdated_cases; t->name; t++) {
		struct gpuadv_price p;

		gpuadv_price_pick(&p, &cat, G(t->gpu), GPUADV_WANT_ANY, t->today);
		if (p.launch_outdated != t->outdated)
			fail_msg("%s: launch_outdated %d", t->name, p.launch_outdated);
	}
}

/* ---- an answer's price: override > config > list > launch ----------------- */

struct basis_case {
	const char *name, *gpu;
	double config, flag;      /* NAN: none */
	int want;                 /* -1: unset */
	double usd;
	enum gpuadv_price_basis basis;
	double purchase;          /* what the cost of ownership buys at */
};

static const struct basis_case basis_cases[] = {
	{ "list", "rtx-3090", NAN, NAN, -1, 800, GPUADV_PB_USED, 800 },
	{ "config beats the list", "rtx-3090", 700, NAN, -1, 700, GPUADV_PB_CONFIG, 700 },
	{ "a flag beats config", "rtx-3090", 700, 650, -1, 650, GPUADV_PB_OVERRIDE, 650 },
	{ "a flag beats a basis", "rtx-3090", NAN, 650, GPUADV_WANT_NEW, 650, GPUADV_PB_OVERRIDE, 650 },
	{ "cloud ignores a purchase override", "rtx-3090", NAN, 650, GPUADV_WANT_CLOUD, 0.4, GPUADV_PB_CLOUD, 650 },
	{ "cloud: the purchase is basis any", "rtx-3090", NAN, NAN, GPUADV_WANT_CLOUD, 0.4, GPUADV_PB_CLOUD, 800 },
	{ "launch last", "gtx-1080-ti", NAN, NAN, -1, 699, GPUADV_PB_LAUNCH, 699 },
	{ "config for an unpriced GPU", "a100-40gb-pcie", 5000, NAN, -1, 5000, GPUADV_PB_CONFIG, 5000 },
	{ NULL, NULL, 0, 0, 0, 0, 0, 0 }
};

static void test_answer_basis(void **state)
{
	const struct basis_case *t;
	struct gpuadv_error err;

	(void)state;
	for (t = basis_cases; t->name; t++) {
		struct gpuadv_query q;
		struct gpuadv_price p, buy;

		gpuadv_query_init(&q, GPUADV_CMD_COMPARE);
		q.today = "2026-11-01";
		q.price_basis = t->want;
		if (!isnan(t->config))
			assert_int_equal(gpuadv_query_add_price(&q, G(t->gpu), t->config, "config",
								false, GPUADV_NAMING_CONFIG, &err), 0);
		if (!isnan(t->flag))
			assert_int_equal(gpuadv_query_add_price(&q, G(t->gpu), t->flag, "override",
								true, GPUADV_NAMING_FLAG, &err), 0);
		gpuadv_engine_price(&p, &cat, &q, G(t->gpu));
		gpuadv_engine_purchase(&buy, &cat, &q, G(t->gpu));
		if (!same_num(p.usd, t->usd) || p.basis != t->basis || !same_num(buy.usd, t->purchase))
			fail_msg("%s: %g %s, purchase %g", t->name, p.usd,
				 gpuadv_price_basis_name(p.basis), buy.usd);
	}
}

/* ---- cost of ownership ---------------------------------------------------- */

struct tco_case {
	const char *name, *gpu;
	double purchase; /* NAN: none */
	double years, hours, util, kwh;
	double energy, total, breakeven;
	unsigned gaps;
};

#define GAP(g) (1u << GPUADV_TCO_##g)

static const struct tco_case tco_cases[] = {
	/* 350 W x 0.8 x 8 h x 365 x 3 = 2452.8 kWh; x $0.30 = $735.84;
	 * power is 0.28 kW x $0.30 = $0.084 an hour against $0.40 of cloud:
	 * 800 / 0.316 hours to break even */
	{ "the arithmetic", "rtx-3090", 800, 3, 8, 0.8, 0.30, 735.84, 1535.84, 800 / 0.316, 0 },
	{ "one year, all day, full power", "rtx-3090", 800, 1, 24, 1, 0.10, 306.6, 1106.6, 800 / 0.365, 0 },
	{ "free power", "rtx-3090", 800, 3, 8, 0.8, 0, 0, 800, 2000, 0 },
	{ "power costs more than renting", "rtx-3090", 800, 3, 8, 1, 2.0, 0.35 * 2.0 * 8760, 800 + 0.35 * 2.0 * 8760, NAN, GAP(RENT_CHEAPER) },
	{ "no price: total unknown, not the energy", "rtx-3090", NAN, 3, 8, 0.8, 0.30, 735.84, NAN, NAN, GAP(NO_PRICE) },
	{ "no board power: energy unknown", "gtx-1080-ti", 699, 3, 8, 0.8, 0.30, NAN, NAN, NAN, GAP(NO_POWER) | GAP(NO_CLOUD) },
	{ "no cloud rate: no breakeven", "rtx-4090", 2200, 3, 8, 0.8, 0.30, 0.45 * 0.8 * 8760 * 0.30, 2200 + 0.45 * 0.8 * 8760 * 0.30, NAN, GAP(NO_CLOUD) },
	{ NULL, NULL, 0, 0, 0, 0, 0, 0, 0, 0, 0 }
};

static void test_tco(void **state)
{
	const struct tco_case *t;

	(void)state;
	for (t = tco_cases; t->name; t++) {
		struct gpuadv_query q;
		struct gpuadv_price buy = { .usd = t->purchase, .basis = GPUADV_PB_USED };
		struct gpuadv_tco tco;

		gpuadv_query_init(&q, GPUADV_CMD_COMPARE);
		q.today = "2026-11-01";
		q.years = t->years;
		q.hours_per_day = t->hours;
		q.utilisation = t->util;
		q.kwh_price_usd = t->kwh;
		gpuadv_engine_tco(&tco, &cat, &q, G(t->gpu), &buy);
		if (!same_num(tco.energy_usd, t->energy) || !same_num(tco.total_usd, t->total) ||
		    !same_num(tco.breakeven_hours, t->breakeven) || tco.gaps != t->gaps ||
		    !same_num(tco.purchase_usd, t->purchase))
			fail_msg("%s: energy %g total %g breakeven %g gaps %#x", t->name,
				 tco.energy_usd, tco.total_usd, tco.breakeven_hours, tco.gaps);
		/* unknown is NAN, never 0 */
		if ((tco.gaps & GAP(NO_POWER)) && !isnan(tco.energy_usd))
			fail_msg("%s: energy without power", t->name);
	}
}

/* ---- recommend with prices ------------------------------------------------ */

static const char *why_out(const char *id, enum gpuadv_constraint c)
{
	size_t i, k;

	for (i = 0; i < rec.excluded_count; i++)
		if (!strcmp(rec.excluded[i].gpu->id, id))
			for (k = 0; k < rec.excluded[i].why_count; k++)
				if (rec.excluded[i].why[k].constraint == c)
					return id;
	return NULL;
}

static bool ranked(const char *id)
{
	size_t i;

	for (i = 0; i < rec.matched; i++)
		if (!strcmp(rec.results[i].gpu->id, id))
			return true;
	return false;
}

static void recommend(int want, double budget, double per_hour, int sort)
{
	struct gpuadv_query q;
	struct gpuadv_error err;
	int rc;

	gpuadv_recommendation_release(&rec);
	gpuadv_query_init(&q, GPUADV_CMD_RECOMMEND);
	q.workload = gpuadv_catalog_find_workload(&cat, "cnn");
	q.today = "2026-11-01";
	q.price_basis = want;
	q.budget_usd = budget;
	q.budget_per_hour_usd = per_hour;
	q.min_memory_gb = 0;
	if (sort >= 0)
		q.sort = sort;
	assert_int_equal(gpuadv_query_validate(&q, GPUADV_NAMING_FLAG, &err), 0);
	rc = gpuadv_engine_recommend(&rec, &cat, &q, &err);
	assert_true(rc == 0 || rc == GPUADV_ENOTFOUND);
}

static void test_recommend_market(void **state)
{
	size_t i;

	(void)state;
	/* system-only parts are never a card to buy, with or without a budget */
	recommend(-1, NAN, NAN, -1);
	assert_non_null(why_out("twin-a", GPUADV_C_SYSTEM_ONLY));
	assert_non_null(why_out("twin-b", GPUADV_C_SYSTEM_ONLY));
	assert_false(ranked("twin-a") || ranked("twin-b"));
	assert_int_equal(rec.excluded_by[GPUADV_C_SYSTEM_ONLY], 2);
	assert_int_equal(rec.query.price_basis, GPUADV_WANT_ANY);
	/* each result's cost of ownership, at the defaults */
	for (i = 0; i < rec.matched; i++)
		if (!strcmp(rec.results[i].gpu->id, "rtx-3090") &&
		    !same_num(rec.results[i].tco.energy_usd, 0.35 * 0.8 * 8 * 365 * 3 * 0.17))
			fail_msg("rtx-3090 energy %g", rec.results[i].tco.energy_usd);

	/* a budget: the list's price is what it is held against */
	recommend(-1, 900, NAN, -1);
	assert_true(ranked("rtx-3090")); /* 800 fresh, not the launch 1499 */
	assert_non_null(why_out("p100-pcie-16gb", GPUADV_C_BUDGET));
	recommend(GPUADV_WANT_NEW, 900, NAN, -1);
	assert_non_null(why_out("rtx-3090", GPUADV_C_BUDGET)); /* new: 1400 */

	/* renting: a budget per hour, and a system-only part may be rented */
	recommend(-1, NAN, 1.0, -1);
	assert_int_equal(rec.query.price_basis, GPUADV_WANT_CLOUD);
	assert_true(ranked("rtx-3090"));
	assert_non_null(why_out("a100-40gb-pcie", GPUADV_C_BUDGET)); /* 1.20 an hour */
	assert_null(why_out("twin-a", GPUADV_C_SYSTEM_ONLY));
	assert_non_null(why_out("twin-a", GPUADV_C_PRICE_UNKNOWN)); /* no cloud rate */
	for (i = 0; i < rec.matched; i++)
		if (!isnan(rec.results[i].perf_per_kusd) || !(rec.results[i].perf_per_usd_hour > 0))
			fail_msg("%s: a rental ranked per $1000", rec.results[i].gpu->id);

	/* --sort tco: by performance per total dollar, unknown totals last */
	recommend(-1, NAN, NAN, GPUADV_SORT_TCO);
	for (i = 1; i < rec.matched; i++) {
		double a = rec.results[i - 1].perf_per_ktco, b = rec.results[i].perf_per_ktco;

		if (isnan(a) ? !isnan(b) : (!isnan(b) && b > a))
			fail_msg("tco order: %s (%g) before %s (%g)", rec.results[i - 1].gpu->id,
				 a, rec.results[i].gpu->id, b);
	}
}

/* With --max-gpus, a system-only part is offered only as 4 or 8 of it, at
 * its server's price; never as 1 to 3 (or 5 to 7) cards to buy. */
static void test_system_configs(void **state)
{
	struct gpuadv_query q;
	struct gpuadv_error err;
	bool four = false, eight = false;
	size_t i;

	(void)state;
	gpuadv_recommendation_release(&rec);
	gpuadv_query_init(&q, GPUADV_CMD_RECOMMEND);
	q.workload = gpuadv_catalog_find_workload(&cat, "cnn");
	q.today = "2026-11-01";
	q.min_memory_gb = 0;
	q.max_gpus = 8;
	q.top = 0;
	assert_int_equal(gpuadv_query_validate(&q, GPUADV_NAMING_FLAG, &err), 0);
	assert_int_equal(gpuadv_engine_recommend(&rec, &cat, &q, &err), 0);
	for (i = 0; i < rec.matched; i++) {
		const struct gpuadv_result *r = &rec.results[i];

		if (strcmp(r->gpu->id, "twin-a"))
			continue;
		if (r->count != 4 && r->count != 8)
			fail_msg("twin-a offered as %u cards", r->count);
		if (r->price.basis != GPUADV_PB_SYSTEM || !same_num(r->price.usd, 10000.0 * r->count))
			fail_msg("%ux twin-a at %g %s", r->count, r->price.usd,
				 gpuadv_price_basis_name(r->price.basis));
		if (!same_num(r->tco.purchase_usd, 10000.0 * r->count))
			fail_msg("%ux twin-a bought at %g", r->count, r->tco.purchase_usd);
		four |= r->count == 4;
		eight |= r->count == 8;
	}
	assert_true(four || eight);
}

/* The validator's rules for the two budgets. */
static void test_budget_rules(void **state)
{
	static const struct { int want; double budget, per_hour; int rc; const char *msg; } cases[] = {
		{ GPUADV_WANT_NEW, NAN, 2, GPUADV_EUSAGE, "option '--budget-per-hour' is a cloud budget: it needs --price-basis cloud, not new" },
		{ GPUADV_WANT_CLOUD, 500, NAN, GPUADV_EUSAGE, "option '--budget' is a purchase budget; to rent, give --budget-per-hour" },
		{ -1, 500, 2, GPUADV_EUSAGE, "is a purchase budget" },
		{ GPUADV_WANT_CLOUD, NAN, 2, 0, NULL },
		{ -1, 500, NAN, 0, NULL },
		{ 0, 0, 0, -1, NULL }
	};
	size_t i;

	(void)state;
	for (i = 0; cases[i].rc >= 0; i++) {
		struct gpuadv_query q;
		struct gpuadv_error err;
		int rc;

		gpuadv_query_init(&q, GPUADV_CMD_RECOMMEND);
		q.workload = gpuadv_catalog_find_workload(&cat, "cnn");
		q.price_basis = cases[i].want;
		q.budget_usd = cases[i].budget;
		q.budget_per_hour_usd = cases[i].per_hour;
		rc = gpuadv_query_validate(&q, GPUADV_NAMING_FLAG, &err);
		if (rc != cases[i].rc || (cases[i].msg && !strstr(err.message, cases[i].msg)))
			fail_msg("case %zu: rc %d '%s'", i, rc, rc ? err.message : "");
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_load_bad),
		cmocka_unit_test(test_load_good),
		cmocka_unit_test(test_stale),
		cmocka_unit_test(test_pick),
		cmocka_unit_test(test_launch_outdated),
		cmocka_unit_test(test_answer_basis),
		cmocka_unit_test(test_tco),
		cmocka_unit_test(test_recommend_market),
		cmocka_unit_test(test_system_configs),
		cmocka_unit_test(test_budget_rules),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
