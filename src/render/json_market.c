/*
 * json_market.c - prices and costs as JSON (docs/json.md): the price object
 * every answer carries (amount, basis, date, range, source, stale), the cost
 * of ownership, and a GPU's market figures (sold_as, its pick, the cloud
 * rate, the dated prices with their sources).
 */
#include <cjson/cJSON.h>
#include <math.h>

#include "json.h"
#include "words.h"

cJSON *gpuadv__json_price(const struct gpuadv_price *p)
{
	cJSON *o = cJSON_CreateObject();
	bool system = p->basis == GPUADV_PB_SYSTEM;

	if (o && gpuadv__json_add(o, "usd", gpuadv_json_stated(p->usd)) &&
	    gpuadv__json_add(o, "per_hour", cJSON_CreateBool(p->basis == GPUADV_PB_CLOUD)) &&
	    gpuadv__json_add(o, "basis", gpuadv__json_text(gpuadv_price_basis_name(p->basis))) &&
	    gpuadv__json_add(o, "as_of", gpuadv__json_text(p->as_of)) &&
	    gpuadv__json_add(o, "range_low", gpuadv_json_stated(p->range_low)) &&
	    gpuadv__json_add(o, "range_high", gpuadv_json_stated(p->range_high)) &&
	    gpuadv__json_add(o, "source", gpuadv__json_text(p->source)) &&
	    gpuadv__json_add(o, "stale", cJSON_CreateBool(p->stale)) &&
	    gpuadv__json_add(o, "system_usd", gpuadv_json_stated(system ? p->system_usd : NAN)) &&
	    gpuadv__json_add(o, "gpus_per_system",
			     gpuadv_json_stated(system ? p->gpus_per_system : NAN)))
		return o;
	cJSON_Delete(o);
	return NULL;
}

cJSON *gpuadv__json_tco(const struct gpuadv_tco *t)
{
	cJSON *o = cJSON_CreateObject(), *codes = cJSON_CreateArray();
	char why[GPUADV__WORDS_MAX];
	int g;

	if (!o || !codes)
		goto fail;
	for (g = 0; g < GPUADV_TCO_GAP_COUNT; g++)
		if ((t->gaps & (1u << g)) &&
		    !gpuadv__json_push(codes, gpuadv__json_text(
					      gpuadv_tco_gap_name((enum gpuadv_tco_gap)g))))
			goto fail;
	gpuadv__words_tco_gaps(why, sizeof(why), t);
	if (!gpuadv__json_add(o, "purchase_usd", gpuadv_json_number(t->purchase_usd)) ||
	    !gpuadv__json_add(o, "energy_usd", gpuadv_json_number(t->energy_usd)) ||
	    !gpuadv__json_add(o, "total_usd", gpuadv_json_number(t->total_usd)) ||
	    !gpuadv__json_add(o, "energy_kwh", gpuadv_json_number(t->kwh)) ||
	    !gpuadv__json_add(o, "cloud_usd_per_hour", gpuadv_json_stated(t->cloud_usd_per_hour)) ||
	    !gpuadv__json_add(o, "breakeven_hours", gpuadv_json_number(t->breakeven_hours)))
		goto fail;
	if (!gpuadv__json_add(o, "reason_codes", codes)) {
		codes = NULL; /* json_add freed it */
		goto fail;
	}
	codes = NULL; /* o holds it */
	if (gpuadv__json_add(o, "reason", gpuadv__json_str_or_null(why[0] ? why : NULL)))
		return o;
fail:
	cJSON_Delete(codes);
	cJSON_Delete(o);
	return NULL;
}

cJSON *gpuadv__json_tco_inputs(const struct gpuadv_query *q)
{
	cJSON *o = cJSON_CreateObject();

	if (o && gpuadv__json_add(o, "years", gpuadv_json_stated(q->years)) &&
	    gpuadv__json_add(o, "hours_per_day", gpuadv_json_stated(q->hours_per_day)) &&
	    gpuadv__json_add(o, "utilisation", gpuadv_json_stated(q->utilisation)) &&
	    gpuadv__json_add(o, "kwh_price_usd", gpuadv_json_stated(q->kwh_price_usd)))
		return o;
	cJSON_Delete(o);
	return NULL;
}

bool gpuadv__json_market(cJSON *o, const struct gpuadv_catalog *cat,
			 const struct gpuadv_gpu *g)
{
	struct gpuadv_price pick, cloud;

	gpuadv_price_pick(&pick, cat, g, GPUADV_WANT_ANY, NULL);
	gpuadv_price_pick(&cloud, cat, g, GPUADV_WANT_CLOUD, NULL);
	return gpuadv__json_add(o, "sold_as", gpuadv__json_text(
					gpuadv_sold_as_name(gpuadv_gpu_sold_as(cat, g)))) &&
	       gpuadv__json_add(o, "price", gpuadv__json_price(&pick)) &&
	       gpuadv__json_add(o, "cloud_usd_per_hour", gpuadv_json_stated(cloud.usd)) &&
	       gpuadv__json_add(o, "cloud_price_as_of", gpuadv__json_text(cloud.as_of)) &&
	       gpuadv__json_add(o, "cloud_price_source", gpuadv__json_text(cloud.source));
}

cJSON *gpuadv_json_gpu_prices(const struct gpuadv_catalog *cat, const struct gpuadv_gpu *g)
{
	const struct gpuadv_gpu_prices *p = gpuadv_gpu_prices(cat, g);
	cJSON *arr = cJSON_CreateArray();
	size_t i;

	for (i = 0; arr && p && i < p->count; i++) {
		const struct gpuadv_price_entry *e = &p->entries[i];
		cJSON *o = cJSON_CreateObject();
		bool hourly = e->basis == GPUADV_PB_CLOUD, system = e->basis == GPUADV_PB_SYSTEM;

		if (!gpuadv__json_push(arr, o) ||
		    !gpuadv__json_add(o, "basis", gpuadv__json_text(gpuadv_price_basis_name(e->basis))) ||
		    !gpuadv__json_add(o, hourly ? "usd_per_hour" : "usd", gpuadv_json_stated(e->usd)) ||
		    !gpuadv__json_add(o, hourly ? "low_usd_per_hour" : "low_usd", gpuadv_json_stated(e->low_usd)) ||
		    !gpuadv__json_add(o, hourly ? "high_usd_per_hour" : "high_usd", gpuadv_json_stated(e->high_usd)) ||
		    (system && (!gpuadv__json_add(o, "system_usd", gpuadv_json_stated(e->system_usd)) ||
				!gpuadv__json_add(o, "gpus_per_system", gpuadv_json_stated(e->gpus_per_system)))) ||
		    !gpuadv__json_add(o, "as_of", gpuadv__json_text(e->as_of)) ||
		    !gpuadv__json_add(o, "source", gpuadv__json_text(e->source)) ||
		    !gpuadv__json_add(o, "note", gpuadv__json_text(e->note))) {
			cJSON_Delete(arr);
			return NULL;
		}
	}
	return arr;
}
