/*
 * recommend.c - filter, score and rank: turns a validated recommend query
 * and the catalogue into ranked results, each with its reasons, and the
 * excluded GPUs with the constraints they fail, all as codes and figures
 * (engine.h); the renderers word them.
 */
#include "gpu_advisor/engine.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "base/sort.h"
#include "engine_internal.h"

static const char *const constraint_names[GPUADV_C_COUNT] = {
	[GPUADV_C_PRECISION] = "precision",
	[GPUADV_C_MEMORY] = "memory",
	[GPUADV_C_BUDGET] = "budget",
	[GPUADV_C_PRICE_UNKNOWN] = "unknown_price",
	[GPUADV_C_POWER] = "power",
	[GPUADV_C_SEGMENT] = "segment",
	[GPUADV_C_ARCH] = "architecture",
	[GPUADV_C_TOKENS] = "tokens_per_s",
	[GPUADV_C_SYSTEM_ONLY] = "system_only",
};

static const char *const reason_names[GPUADV_R_COUNT] = {
	[GPUADV_R_UNDER_BUDGET] = "under_budget",
	[GPUADV_R_COSTS] = "costs",
	[GPUADV_R_NO_PRICE] = "no_price",
	[GPUADV_R_MEMORY] = "memory",
	[GPUADV_R_MEASURED] = "measured",
	[GPUADV_R_ESTIMATED] = "estimated",
	[GPUADV_R_FALLBACK] = "fallback",
	[GPUADV_R_TENSOR] = "tensor_cores",
	[GPUADV_R_BANDWIDTH_BOUND] = "bandwidth_bound",
	[GPUADV_R_COMPUTE_BOUND] = "compute_bound",
	[GPUADV_R_POWER_WITHIN] = "power",
	[GPUADV_R_ABOUT_EQUAL] = "about_equal",
	[GPUADV_R_MODEL_FITS] = "model_fits",
	[GPUADV_R_DECODE] = "decode",
	[GPUADV_R_SCALING] = "scaling",
};

const char *gpuadv_constraint_name(enum gpuadv_constraint c)
{
	return (unsigned)c < GPUADV_C_COUNT ? constraint_names[c] : "?";
}

const char *gpuadv_reason_name(enum gpuadv_reason_code c)
{
	return (unsigned)c < GPUADV_R_COUNT ? reason_names[c] : "?";
}

/* The budget the price is held against: per hour for the cloud basis. */
static double budget_of(const struct gpuadv_query *q)
{
	return q->price_basis == GPUADV_WANT_CLOUD ? q->budget_per_hour_usd : q->budget_usd;
}

static void add_reason(struct gpuadv_result *r, enum gpuadv_reason_code code,
		       double value, double limit)
{
	if (r->reason_count == GPUADV_MAX_REASONS)
		return;
	r->reasons[r->reason_count].code = code;
	r->reasons[r->reason_count].value = value;
	r->reasons[r->reason_count++].limit = limit;
}

static void result_reasons(struct gpuadv_result *r, const struct gpuadv_query *q)
{
	const struct gpuadv_gpu *g = r->gpu;

	r->reason_count = 0;
	if (!isnan(budget_of(q)))
		add_reason(r, GPUADV_R_UNDER_BUDGET, r->price.usd, budget_of(q));
	else if (!isnan(r->price.usd))
		add_reason(r, GPUADV_R_COSTS, r->price.usd, NAN);
	else
		add_reason(r, GPUADV_R_NO_PRICE, NAN, NAN);
	if (r->has_fit)
		add_reason(r, GPUADV_R_MODEL_FITS, r->fit.required_gb, r->fit.available_gb);
	else
		add_reason(r, GPUADV_R_MEMORY, g->v[GPUADV_F_MEMORY_GB], q->min_memory_gb);
	if (r->has_fit && r->fit.llm) {
		add_reason(r, GPUADV_R_DECODE, r->fit.decode_tokens_per_s, NAN);
	} else if (r->perf.basis == GPUADV_BASIS_MEASURED)
		add_reason(r, GPUADV_R_MEASURED, r->perf.measured, r->perf.estimated);
	else
		add_reason(r, GPUADV_R_ESTIMATED, r->perf.estimated, NAN);
	if (r->count > 1 && !(r->has_fit && r->fit.llm))
		add_reason(r, GPUADV_R_SCALING, r->fit.scaling, (double)r->count);
	if (r->has_fit && r->fit.llm)
		;
	else
		add_reason(r, r->perf.fallback ? GPUADV_R_FALLBACK : GPUADV_R_TENSOR, NAN, NAN);
	if (r->has_fit && r->fit.llm)
		;
	else if (r->perf.compute_share < 0.5)
		add_reason(r, GPUADV_R_BANDWIDTH_BOUND, g->v[GPUADV_F_BANDWIDTH_GBS], NAN);
	else if (r->perf.compute_share >= 0.5)
		add_reason(r, GPUADV_R_COMPUTE_BOUND, NAN, NAN);
	if (!isnan(q->max_power_w))
		add_reason(r, GPUADV_R_POWER_WITHIN, g->v[GPUADV_F_TDP_W], q->max_power_w);
}

/* Whether two results' performance bands overlap: neither is clearly
 * faster, so price or memory should decide. */
static bool about_equal(const struct gpuadv_result *a, const struct gpuadv_result *b)
{
	double lo_a = a->perf.value * (1 - a->perf.error_pct / 100);
	double hi_a = a->perf.value * (1 + a->perf.error_pct / 100);
	double lo_b = b->perf.value * (1 - b->perf.error_pct / 100);
	double hi_b = b->perf.value * (1 + b->perf.error_pct / 100);

	return lo_a <= hi_b && lo_b <= hi_a;
}

static int cmp_perf(const struct gpuadv_result *a, const struct gpuadv_result *b)
{
	double pa = isnan(a->price.usd) ? INFINITY : a->price.usd;
	double pb = isnan(b->price.usd) ? INFINITY : b->price.usd;

	if (a->perf.value != b->perf.value)
		return a->perf.value > b->perf.value ? -1 : 1;
	if (pa != pb) /* ties go to the cheaper card */
		return pa < pb ? -1 : 1;
	return strcmp(a->gpu->id, b->gpu->id);
}

/* Performance per dollar: per $1000 to buy, or per $1 an hour to rent. */
static double value_of(const struct gpuadv_result *r)
{
	return !isnan(r->perf_per_kusd) ? r->perf_per_kusd : r->perf_per_usd_hour;
}

static int cmp_value(const struct gpuadv_result *a, const struct gpuadv_result *b)
{
	double va = isnan(value_of(a)) ? -1 : value_of(a);
	double vb = isnan(value_of(b)) ? -1 : value_of(b);

	if (va != vb)
		return va > vb ? -1 : 1;
	return cmp_perf(a, b);
}

static int cmp_memory(const struct gpuadv_result *a, const struct gpuadv_result *b)
{
	double ma = a->gpu->v[GPUADV_F_MEMORY_GB] * (a->count ? a->count : 1),
	       mb = b->gpu->v[GPUADV_F_MEMORY_GB] * (b->count ? b->count : 1);

	if (ma != mb)
		return ma > mb ? -1 : 1;
	return cmp_perf(a, b);
}

static int cmp_tco(const struct gpuadv_result *a, const struct gpuadv_result *b)
{
	double va = isnan(a->perf_per_ktco) ? -1 : a->perf_per_ktco;
	double vb = isnan(b->perf_per_ktco) ? -1 : b->perf_per_ktco;

	if (va != vb)
		return va > vb ? -1 : 1;
	return cmp_perf(a, b);
}

/* The sort's comparison: the context is the query's order. */
static int cmp_results(const void *a, const void *b, void *ctx)
{
	int sort = *(const int *)ctx;

	return sort == GPUADV_SORT_VALUE ? cmp_value(a, b)
	       : sort == GPUADV_SORT_MEMORY ? cmp_memory(a, b)
	       : sort == GPUADV_SORT_TCO ? cmp_tco(a, b) : cmp_perf(a, b);
}

static void fail(struct gpuadv_excluded *x, enum gpuadv_constraint c, double value,
		 double limit)
{
	x->why[x->why_count].constraint = c;
	x->why[x->why_count].value = value;
	x->why[x->why_count++].limit = limit;
}

/* Check one GPU against every constraint; fills x->why with the failures,
 * in a fixed order, and returns them as a bitmask. */
static unsigned check(const struct gpuadv_catalog *cat, const struct gpuadv_query *q,
		      const struct gpuadv_gpu *g, const struct gpuadv_price *price,
		      int perf_rc, struct gpuadv_excluded *x)
{
	return gpuadv__rec_check(cat, q, g, 1, NULL, price, perf_rc, x);
}

unsigned gpuadv__rec_check(const struct gpuadv_catalog *cat, const struct gpuadv_query *q,
			   const struct gpuadv_gpu *g, unsigned count,
			   const struct gpuadv_model_fit *fit, const struct gpuadv_price *price,
			   int perf_rc, struct gpuadv_excluded *x)
{
	double watts = g->v[GPUADV_F_TDP_W] * count, budget = budget_of(q);
	unsigned fails = 0;
	size_t i;

	x->why_count = 0;
	if (q->arch && g->arch != q->arch)
		fail(x, GPUADV_C_ARCH, NAN, NAN);
	if (q->segment >= 0 && (int)g->segment != q->segment)
		fail(x, GPUADV_C_SEGMENT, NAN, NAN);
	if (perf_rc || (fit && !fit->runs))
		fail(x, GPUADV_C_PRECISION, NAN, NAN);
	if (fit && fit->runs && !fit->fits)
		fail(x, GPUADV_C_MEMORY, fit->available_gb, fit->required_gb);
	else if (!fit && g->v[GPUADV_F_MEMORY_GB] < q->min_memory_gb)
		fail(x, GPUADV_C_MEMORY, g->v[GPUADV_F_MEMORY_GB], q->min_memory_gb);
	/* A server's module is not a card to buy: only 4 or 8 of them, as the
	 * servers hold them, are; renting one is fine. */
	if (q->price_basis != GPUADV_WANT_CLOUD && count != 4 && count != 8 &&
	    gpuadv_gpu_sold_as(cat, g) == GPUADV_SOLD_SYSTEM)
		fail(x, GPUADV_C_SYSTEM_ONLY, price->usd, price->gpus_per_system);
	if (!isnan(budget)) {
		if (isnan(price->usd))
			fail(x, GPUADV_C_PRICE_UNKNOWN, NAN, budget);
		else if (price->launch_outdated)
			fail(x, GPUADV_C_PRICE_UNKNOWN, price->usd, budget);
		else if (price->usd > budget)
			fail(x, GPUADV_C_BUDGET, price->usd, budget);
	}
	if (!isnan(q->max_power_w) && (isnan(watts) || watts > q->max_power_w))
		fail(x, GPUADV_C_POWER, watts, q->max_power_w);
	if (!isnan(q->min_tokens_per_s) && fit && fit->llm &&
	    !(fit->decode_tokens_per_s >= q->min_tokens_per_s))
		fail(x, GPUADV_C_TOKENS, fit->decode_tokens_per_s, q->min_tokens_per_s);
	for (i = 0; i < x->why_count; i++)
		fails |= 1u << x->why[i].constraint;
	return fails;
}

/* Count each failure, and remember the cheapest budget or smallest memory
 * need that would admit a GPU failing only that. */
void gpuadv__rec_tally(struct gpuadv_recommendation *rec, const struct gpuadv_gpu *g,
		  const struct gpuadv_price *price, unsigned fails)
{
	int c;

	for (c = 0; c < GPUADV_C_COUNT; c++)
		if (fails & (1u << c))
			rec->excluded_by[c]++;
	if (fails == 1u << GPUADV_C_BUDGET &&
	    (isnan(rec->budget_to_admit) || price->usd < rec->budget_to_admit)) {
		rec->budget_to_admit = price->usd;
		rec->budget_admits = g;
	}
	if (fails == 1u << GPUADV_C_MEMORY && !rec->model &&
	    (isnan(rec->memory_to_admit) || g->v[GPUADV_F_MEMORY_GB] > rec->memory_to_admit)) {
		rec->memory_to_admit = g->v[GPUADV_F_MEMORY_GB];
		rec->memory_admits = g;
	}
}

/* The result's figures per dollar and its cost of ownership (r->price is
 * already the configuration's: count x the card's). */
void gpuadv__rec_score(const struct gpuadv_catalog *cat, const struct gpuadv_query *q,
		       struct gpuadv_result *r)
{
	struct gpuadv_price buy;
	bool cloud = r->price.basis == GPUADV_PB_CLOUD;

	r->perf_per_kusd = cloud ? NAN : r->perf.value / r->price.usd * 1000;
	r->perf_per_usd_hour = cloud ? r->perf.value / r->price.usd : NAN;
	gpuadv_engine_purchase(&buy, cat, q, r->gpu);
	gpuadv_engine_tco(&r->tco, cat, q, r->gpu, &buy);
	gpuadv__tco_times(&r->tco, r->count ? r->count : 1);
	r->perf_per_ktco = r->perf.value / r->tco.total_usd * 1000;
}

static void pick(struct gpuadv_recommendation *rec)
{
	size_t i;

	for (i = 0; i < rec->matched; i++) {
		struct gpuadv_result *r = &rec->results[i];

		r->rank = i + 1;
		if (rec->pick_fastest < 0 || cmp_perf(r, &rec->results[rec->pick_fastest]) < 0)
			rec->pick_fastest = (long)i;
		if (!isnan(value_of(r)) &&
		    (rec->pick_value < 0 || cmp_value(r, &rec->results[rec->pick_value]) < 0))
			rec->pick_value = (long)i;
		if (rec->pick_memory < 0 || cmp_memory(r, &rec->results[rec->pick_memory]) < 0)
			rec->pick_memory = (long)i;
	}
}

int gpuadv__rec_finish(struct gpuadv_recommendation *rec, struct gpuadv_error *err)
{
	size_t i;

	if (gpuadv__sort(rec->results, rec->matched, sizeof(*rec->results), cmp_results,
			 &rec->query.sort))
		return gpuadv_error_set(err, GPUADV_ENOMEM, "out of memory");
	pick(rec);
	rec->result_count = rec->query.top >= 1 && (size_t)rec->query.top < rec->matched
				    ? (size_t)rec->query.top : rec->matched;
	/* Reasons for what is shown: the results kept and the picks. */
	for (i = 0; i < rec->matched; i++)
		if (i < rec->result_count || (long)i == rec->pick_fastest ||
		    (long)i == rec->pick_value || (long)i == rec->pick_memory)
			result_reasons(&rec->results[i], &rec->query);
	if (rec->result_count > 1 && about_equal(&rec->results[0], &rec->results[1]))
		add_reason(&rec->results[0], GPUADV_R_ABOUT_EQUAL, rec->results[0].perf.error_pct,
			   rec->results[1].perf.error_pct);
	if (rec->matched == 0)
		return gpuadv_error_set(err, GPUADV_ENOTFOUND,
					"no GPU satisfies the constraints");
	return 0;
}

int gpuadv_engine_recommend(struct gpuadv_recommendation *out,
			    const struct gpuadv_catalog *cat,
			    const struct gpuadv_query *q, struct gpuadv_error *err)
{
	struct gpuadv_recommendation rec;
	enum gpuadv_precision prec;
	size_t i, n = cat->gpu_count;
	double ref_speed;
	int rc = 0;

	if (q->model || !isnan(q->params) || (!isnan(q->max_gpus) && q->max_gpus > 1))
		return gpuadv__recommend_configs(out, cat, q, err);
	memset(&rec, 0, sizeof(rec));
	rec.query = *q;
	rec.pick_fastest = rec.pick_value = rec.pick_memory = -1;
	rec.budget_to_admit = rec.memory_to_admit = NAN;
	if (isnan(rec.query.min_memory_gb)) {
		rec.query.min_memory_gb = q->workload->suggested_memory_gb;
		rec.memory_from_workload = true;
	}
	prec = (enum gpuadv_precision)rec.query.precision;
	ref_speed = gpuadv__reference_speed(cat, q->workload, prec);
	if (q->upgrade_from)
		rec.upgrade_ok = gpuadv__perf_at(&rec.upgrade_perf, cat, q->upgrade_from,
						 q->workload, prec, ref_speed) == 0 &&
				 isfinite(rec.upgrade_perf.value) &&
				 rec.upgrade_perf.value > 0;
	rec.results = calloc(n ? n : 1, sizeof(*rec.results));
	rec.excluded = calloc(n ? n : 1, sizeof(*rec.excluded));
	if (!rec.results || !rec.excluded) {
		rc = gpuadv_error_set(err, GPUADV_ENOMEM, "out of memory");
		goto done;
	}
	for (i = 0; i < n; i++) {
		const struct gpuadv_gpu *g = &cat->gpus[i];
		struct gpuadv_result *r = &rec.results[rec.matched];
		struct gpuadv_excluded *x = &rec.excluded[rec.excluded_count];
		unsigned fails;
		int prc;

		r->gpu = g;
		gpuadv_engine_price(&r->price, cat, &rec.query, g);
		/* Estimate only the GPUs that meet every other constraint: the
		 * rest need no figure, only the reason they are out. */
		prc = gpuadv__perf_gate(&r->perf, cat, g, q->workload, prec, ref_speed);
		fails = check(cat, &rec.query, g, &r->price, prc, x);
		if (!fails && (prc = gpuadv__perf_at(&r->perf, cat, g, q->workload, prec,
						     ref_speed)))
			fails = check(cat, &rec.query, g, &r->price, prc, x);
		gpuadv__rec_tally(&rec, g, &r->price, fails);
		if (fails) {
			x->gpu = g;
			x->price = r->price;
			memcpy(x->note, r->perf.note, sizeof(x->note));
			rec.excluded_count++;
			memset(r, 0, sizeof(*r));
			continue;
		}
		memset(x, 0, sizeof(*x));
		gpuadv__rec_score(cat, &rec.query, r);
		r->speedup = rec.upgrade_ok ? r->perf.value / rec.upgrade_perf.value : NAN;
		rec.matched++;
	}
	rc = gpuadv__rec_finish(&rec, err);
done:
	if (rc && rc != GPUADV_ENOTFOUND) {
		gpuadv_recommendation_release(&rec);
		memset(out, 0, sizeof(*out));
		return rc;
	}
	*out = rec;
	return rc;
}

enum gpuadv_constraint gpuadv_recommendation_worst(const struct gpuadv_recommendation *r)
{
	size_t most = 0;
	int c, worst = 0;

	for (c = 0; c < GPUADV_C_COUNT; c++)
		if (r->excluded_by[c] > most) {
			most = r->excluded_by[c];
			worst = c;
		}
	return (enum gpuadv_constraint)worst;
}

void gpuadv_recommendation_release(struct gpuadv_recommendation *r)
{
	if (!r)
		return;
	free(r->results);
	free(r->excluded);
	memset(r, 0, sizeof(*r));
}
