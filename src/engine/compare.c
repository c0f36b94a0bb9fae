/*
 * compare.c - GPUs side by side: each one's performance per workload, its
 * ratio to the first, per dollar and per watt, and which is fastest and
 * which the best value (the renderers word the verdict).
 */
#include "gpu_advisor/engine.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static void verdict(struct gpuadv_compare_row *row, size_t n)
{
	size_t i;

	row->fastest = row->best_value = -1;
	for (i = 0; i < n; i++) {
		if (!row->ok[i])
			continue;
		if (row->fastest < 0 || row->perf[i].value > row->perf[row->fastest].value)
			row->fastest = (long)i;
		if (!isnan(row->per_kusd[i]) &&
		    (row->best_value < 0 || row->per_kusd[i] > row->per_kusd[row->best_value]))
			row->best_value = (long)i;
	}
}

int gpuadv_engine_compare(struct gpuadv_comparison *out,
			  const struct gpuadv_catalog *cat,
			  const struct gpuadv_query *q, struct gpuadv_error *err)
{
	struct gpuadv_comparison c;
	size_t i, w, n = q->gpu_count, nw = q->workload ? 1 : cat->workload_count;

	memset(out, 0, sizeof(*out));
	memset(&c, 0, sizeof(c));
	if (n < 2 || n > GPUADV_COMPARE_MAX) /* the validator's: a guard */
		return gpuadv_error_set(err, GPUADV_EUSAGE, "compare takes 2 to %d GPUs, got %zu",
					GPUADV_COMPARE_MAX, n);
	if (nw == 0)
		return gpuadv_error_set(err, GPUADV_EDATA, "the catalogue defines no workloads");
	c.rows = calloc(nw, sizeof(*c.rows));
	if (!c.rows)
		return gpuadv_error_set(err, GPUADV_ENOMEM, "out of memory");
	c.gpu_count = n;
	c.row_count = nw;
	c.query = *q;
	for (i = 0; i < n; i++) {
		struct gpuadv_price buy;

		c.gpus[i] = q->gpus[i];
		gpuadv_engine_price(&c.prices[i], cat, q, q->gpus[i]);
		gpuadv_engine_purchase(&buy, cat, q, q->gpus[i]);
		gpuadv_engine_tco(&c.tco[i], cat, q, q->gpus[i], &buy);
	}
	for (w = 0; w < nw; w++) {
		struct gpuadv_compare_row *row = &c.rows[w];

		row->workload = q->workload ? q->workload : &cat->workloads[w];
		row->precision = q->precision >= 0 ? (enum gpuadv_precision)q->precision
						   : row->workload->default_precision;
		for (i = 0; i < n; i++) {
			double watts = c.gpus[i]->v[GPUADV_F_TDP_W];

			row->ok[i] = gpuadv_engine_perf(&row->perf[i], cat, c.gpus[i],
							row->workload, row->precision) == 0;
			/* Per $1000 of a purchase; a rental rate is not one. */
			row->per_kusd[i] = row->ok[i] && c.prices[i].basis != GPUADV_PB_CLOUD
						   ? row->perf[i].value / c.prices[i].usd * 1000
						   : NAN;
			row->per_watt[i] = row->ok[i] ? row->perf[i].value / watts * 100
						      : NAN;
		}
		for (i = 0; i < n; i++)
			row->ratio[i] = row->ok[i] && row->ok[0]
						? row->perf[i].value / row->perf[0].value
						: NAN;
		verdict(row, n);
	}
	*out = c;
	return 0;
}

void gpuadv_comparison_release(struct gpuadv_comparison *c)
{
	if (!c)
		return;
	free(c->rows);
	memset(c, 0, sizeof(*c));
}
