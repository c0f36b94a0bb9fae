/*
 * tco.c - prices for an answer and the cost of owning a GPU: which price a
 * query's basis and overrides give (engine.h), the energy it draws over the
 * years asked, the total, and the hours of use after which buying it beats
 * renting it in the cloud. Unknown stays unknown, with the gap named.
 */
#include "gpu_advisor/engine.h"

#include <math.h>
#include <string.h>

#include "engine_internal.h"

static const char *const gap_names[GPUADV_TCO_GAP_COUNT] = {
	[GPUADV_TCO_NO_PRICE] = "no_price",
	[GPUADV_TCO_NO_POWER] = "no_power",
	[GPUADV_TCO_NO_CLOUD] = "no_cloud_price",
	[GPUADV_TCO_RENT_CHEAPER] = "rent_cheaper",
};

const char *gpuadv_tco_gap_name(enum gpuadv_tco_gap g)
{
	return (unsigned)g < GPUADV_TCO_GAP_COUNT ? gap_names[g] : "?";
}

/* An override for gpu in q, or false. */
static bool override(struct gpuadv_price *out, const struct gpuadv_query *q,
		     const struct gpuadv_gpu *gpu)
{
	size_t i;

	for (i = 0; q && i < q->price_count; i++) {
		if (q->prices[i].gpu != gpu)
			continue;
		memset(out, 0, sizeof(*out));
		out->usd = q->prices[i].usd;
		out->basis = q->prices[i].basis && !strcmp(q->prices[i].basis, "config")
				     ? GPUADV_PB_CONFIG : GPUADV_PB_OVERRIDE;
		out->range_low = out->range_high = NAN;
		out->system_usd = out->gpus_per_system = NAN;
		return true;
	}
	return false;
}

static enum gpuadv_price_want want_of(const struct gpuadv_query *q)
{
	return q && q->price_basis >= 0 && q->price_basis < GPUADV_WANT_COUNT
		       ? (enum gpuadv_price_want)q->price_basis : GPUADV_WANT_ANY;
}

void gpuadv_engine_price(struct gpuadv_price *out, const struct gpuadv_catalog *cat,
			 const struct gpuadv_query *q, const struct gpuadv_gpu *gpu)
{
	enum gpuadv_price_want want = want_of(q);

	if (want != GPUADV_WANT_CLOUD && override(out, q, gpu))
		return;
	gpuadv_price_pick(out, cat, gpu, want, q ? q->today : NULL);
}

void gpuadv_engine_purchase(struct gpuadv_price *out, const struct gpuadv_catalog *cat,
			    const struct gpuadv_query *q, const struct gpuadv_gpu *gpu)
{
	enum gpuadv_price_want want = want_of(q);

	if (override(out, q, gpu))
		return;
	gpuadv_price_pick(out, cat, gpu, want == GPUADV_WANT_CLOUD ? GPUADV_WANT_ANY : want,
			  q ? q->today : NULL);
}

void gpuadv_engine_tco(struct gpuadv_tco *out, const struct gpuadv_catalog *cat,
		       const struct gpuadv_query *q, const struct gpuadv_gpu *gpu,
		       const struct gpuadv_price *purchase)
{
	double watts = gpu->v[GPUADV_F_TDP_W], hours = q->hours_per_day * 365 * q->years;
	double power_per_hour; /* USD an hour of use costs in electricity */
	struct gpuadv_price cloud;

	memset(out, 0, sizeof(*out));
	out->purchase_usd = purchase->usd;
	if (isnan(out->purchase_usd))
		out->gaps |= 1u << GPUADV_TCO_NO_PRICE;
	out->kwh = watts / 1000 * q->utilisation * hours;
	out->energy_usd = out->kwh * q->kwh_price_usd;
	if (isnan(watts))
		out->gaps |= 1u << GPUADV_TCO_NO_POWER;
	out->total_usd = out->purchase_usd + out->energy_usd;
	gpuadv_price_pick(&cloud, cat, gpu, GPUADV_WANT_CLOUD, q->today);
	out->cloud_usd_per_hour = cloud.usd;
	out->breakeven_hours = NAN;
	if (isnan(cloud.usd)) {
		out->gaps |= 1u << GPUADV_TCO_NO_CLOUD;
		return;
	}
	power_per_hour = watts / 1000 * q->utilisation * q->kwh_price_usd;
	if (cloud.usd <= power_per_hour) {
		out->gaps |= 1u << GPUADV_TCO_RENT_CHEAPER;
		return;
	}
	/* purchase + power x h = cloud x h */
	out->breakeven_hours = out->purchase_usd / (cloud.usd - power_per_hour);
}

void gpuadv__tco_times(struct gpuadv_tco *t, unsigned n)
{
	t->purchase_usd *= n;
	t->energy_usd *= n;
	t->total_usd *= n;
	t->kwh *= n;
	t->cloud_usd_per_hour *= n;
}

void gpuadv__price_times(struct gpuadv_price *p, unsigned n)
{
	p->usd *= n;
	p->range_low *= n;
	p->range_high *= n;
}
