/*
 * csv.c - CSV output (RFC 4180) of list, recommend and compare, for
 * spreadsheets: one header line of keys that carry their unit (as the JSON
 * keys do), then one record per row; CRLF line ends; a field with a comma,
 * a double quote or a line break is quoted, its quotes doubled. Numbers are
 * bare (no units, no currency signs); unknown is an empty field. compare
 * is written long: one record per workload and GPU. Each performance
 * carries its band, error_pct (+- percent), as the JSON does.
 */
#include <math.h>
#include <string.h>

#include "gpu_advisor/numbers.h"
#include "formats.h"

/* One field, then a comma or the line end. Control characters other than
 * line breaks (which quoting carries) become spaces. */
void gpuadv__csv_field(FILE *out, const char *s, bool last)
{
	const char *p;

	if (!s)
		s = "";
	if (strpbrk(s, ",\"\r\n")) {
		putc('"', out);
		for (p = s; *p; p++) {
			if (*p == '"')
				putc('"', out);
			putc(*p == '\n' || *p == '\r' || (unsigned char)*p >= 0x20 ? *p : ' ', out);
		}
		putc('"', out);
	} else {
		for (p = s; *p; p++)
			putc((unsigned char)*p >= 0x20 && *p != 0x7f ? *p : ' ', out);
	}
	fputs(last ? "\r\n" : ",", out);
}

/* A number: stated exactly, or computed to 6 digits; empty when unknown. */
static void number(FILE *out, double v, bool stated, bool last)
{
	char buf[GPUADV_NUMBER_MAX];

	if (isnan(v))
		buf[0] = '\0';
	else if (stated)
		gpuadv_format_stated(buf, v);
	else
		gpuadv_format_computed(buf, v);
	gpuadv__csv_field(out, buf, last);
}

static int finish(FILE *out, struct gpuadv_error *err)
{
	if (fflush(out) == EOF || ferror(out))
		return gpuadv_error_set(err, GPUADV_EIO, "cannot write output");
	return 0;
}

int gpuadv__csv_gpu_list(FILE *out, const struct gpuadv_catalog *cat,
			 const struct gpuadv_gpu *const *gpus,
			 const struct gpuadv_perf *perf, size_t n, struct gpuadv_error *err)
{
	static const char *const head[] = { "id", "name", "architecture", "segment",
					    "memory_type" };
	size_t i, f;

	for (i = 0; i < sizeof(head) / sizeof(head[0]); i++)
		gpuadv__csv_field(out, head[i], false);
	for (f = 0; f < GPUADV_F_COUNT; f++)
		gpuadv__csv_field(out, gpuadv_gpu_fields[f].key, false);
	gpuadv__csv_field(out, "price_usd", false);
	gpuadv__csv_field(out, "price_basis", false);
	gpuadv__csv_field(out, "price_as_of", !perf);
	if (perf) {
		gpuadv__csv_field(out, "workload", false);
		gpuadv__csv_field(out, "precision", false);
		gpuadv__csv_field(out, "perf", false);
		gpuadv__csv_field(out, "error_pct", false);
		gpuadv__csv_field(out, "basis", true);
	}
	for (i = 0; i < n; i++) {
		const struct gpuadv_gpu *g = gpus[i];
		struct gpuadv_price pick;

		gpuadv_price_pick(&pick, cat, g, GPUADV_WANT_ANY, NULL);

		gpuadv__csv_field(out, g->id, false);
		gpuadv__csv_field(out, g->name, false);
		gpuadv__csv_field(out, g->arch->id, false);
		gpuadv__csv_field(out, gpuadv_segment_name(g->segment), false);
		gpuadv__csv_field(out, g->memory_type, false);
		for (f = 0; f < GPUADV_F_COUNT; f++)
			number(out, g->v[f], true, false);
		number(out, pick.usd, true, false);
		gpuadv__csv_field(out, gpuadv_price_basis_name(pick.basis), false);
		gpuadv__csv_field(out, pick.as_of, !perf);
		if (perf) {
			bool ok = !isnan(perf[i].value);

			gpuadv__csv_field(out, perf[i].workload->id, false);
			gpuadv__csv_field(out, gpuadv_precision_name(perf[i].precision), false);
			number(out, perf[i].value, false, false);
			number(out, ok ? perf[i].error_pct : NAN, false, false);
			gpuadv__csv_field(out, !ok ? NULL : perf[i].fallback ? "fallback"
				: gpuadv_basis_name(perf[i].basis), true);
		}
	}
	return finish(out, err);
}

static void price_fields(FILE *out, const struct gpuadv_price *p)
{
	number(out, p->usd, true, false);
	gpuadv__csv_field(out, gpuadv_price_basis_name(p->basis), false);
	gpuadv__csv_field(out, p->as_of, false);
}

int gpuadv__csv_recommendation(FILE *out, const struct gpuadv_recommendation *r,
			       struct gpuadv_error *err)
{
	static const char *const head[] = {
		"rank", "id", "name", "workload", "precision", "memory_gb", "price_usd",
		"price_basis", "price_as_of", "perf", "error_pct", "perf_per_1000_usd", "tdp_w",
		"basis",
		"fallback", "pick",
	};
	size_t i, h;

	for (h = 0; h < sizeof(head) / sizeof(head[0]); h++)
		gpuadv__csv_field(out, head[h], h + 1 == sizeof(head) / sizeof(head[0]));
	for (i = 0; i < r->result_count; i++) {
		const struct gpuadv_result *res = &r->results[i];
		const char *pick = (long)i == r->pick_fastest ? "fastest"
				   : (long)i == r->pick_value ? "value"
				   : (long)i == r->pick_memory ? "memory" : NULL;

		number(out, (double)res->rank, true, false);
		gpuadv__csv_field(out, res->gpu->id, false);
		gpuadv__csv_field(out, res->gpu->name, false);
		gpuadv__csv_field(out, r->query.workload->id, false);
		gpuadv__csv_field(out, gpuadv_precision_name(r->query.precision), false);
		number(out, res->gpu->v[GPUADV_F_MEMORY_GB], true, false);
		price_fields(out, &res->price);
		number(out, res->perf.value, false, false);
		number(out, res->perf.error_pct, false, false);
		number(out, res->perf_per_kusd, false, false);
		number(out, res->gpu->v[GPUADV_F_TDP_W], true, false);
		gpuadv__csv_field(out, gpuadv_basis_name(res->perf.basis), false);
		gpuadv__csv_field(out, res->perf.fallback ? "true" : "false", false);
		gpuadv__csv_field(out, pick, true);
	}
	return finish(out, err);
}

int gpuadv__csv_comparison(FILE *out, const struct gpuadv_comparison *c,
			   struct gpuadv_error *err)
{
	static const char *const head[] = {
		"workload", "precision", "id", "name", "perf", "error_pct", "ratio", "basis",
		"perf_per_1000_usd", "perf_per_100_w", "price_usd", "price_basis",
		"price_as_of", "verdict",
	};
	size_t w, i, h;

	for (h = 0; h < sizeof(head) / sizeof(head[0]); h++)
		gpuadv__csv_field(out, head[h], h + 1 == sizeof(head) / sizeof(head[0]));
	for (w = 0; w < c->row_count; w++) {
		const struct gpuadv_compare_row *row = &c->rows[w];

		for (i = 0; i < c->gpu_count; i++) {
			bool ok = row->ok[i];
			const char *verdict = (long)i == row->fastest && (long)i == row->best_value
						      ? "fastest and best value"
					      : (long)i == row->fastest ? "fastest"
					      : (long)i == row->best_value ? "best value" : NULL;

			gpuadv__csv_field(out, row->workload->id, false);
			gpuadv__csv_field(out, gpuadv_precision_name(row->precision), false);
			gpuadv__csv_field(out, c->gpus[i]->id, false);
			gpuadv__csv_field(out, c->gpus[i]->name, false);
			number(out, ok ? row->perf[i].value : NAN, false, false);
			number(out, ok ? row->perf[i].error_pct : NAN, false, false);
			number(out, ok ? row->ratio[i] : NAN, false, false);
			gpuadv__csv_field(out, ok ? gpuadv_basis_name(row->perf[i].basis) : "n/a", false);
			number(out, ok ? row->per_kusd[i] : NAN, false, false);
			number(out, ok ? row->per_watt[i] : NAN, false, false);
			price_fields(out, &c->prices[i]);
			gpuadv__csv_field(out, verdict, true);
		}
	}
	return finish(out, err);
}
