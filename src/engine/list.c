/* list.c - the catalogue's GPUs that pass a list query's filters, in its
 * order, with each one's performance when the query names a workload. */
#include "gpu_advisor/engine.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "base/sort.h"

static const int list_sort_field[GPUADV_LIST_SORT_COUNT] = {
	[GPUADV_LIST_YEAR] = GPUADV_F_RELEASE_YEAR,
	[GPUADV_LIST_MEMORY] = GPUADV_F_MEMORY_GB,
	[GPUADV_LIST_BANDWIDTH] = GPUADV_F_BANDWIDTH_GBS,
	[GPUADV_LIST_FP32] = GPUADV_F_FP32_TFLOPS,
	[GPUADV_LIST_FP16] = GPUADV_F_FP16_TENSOR_TFLOPS,
	[GPUADV_LIST_POWER] = GPUADV_F_TDP_W,
};

struct list_item {
	const struct gpuadv_gpu *gpu;
	double key;
};

/* Numbers descending except price; unknown last; ties in catalogue order
 * (the sort is stable). The context is the query's order. */
static int list_cmp(const void *pa, const void *pb, void *ctx)
{
	const struct list_item *a = pa, *b = pb;
	int sort = *(const int *)ctx;

	if (sort == GPUADV_LIST_NAME)
		return strcmp(a->gpu->name, b->gpu->name);
	if (sort == GPUADV_LIST_CATALOG)
		return 0;
	if (isnan(a->key) != isnan(b->key))
		return isnan(a->key) ? 1 : -1;
	if (!isnan(a->key) && a->key != b->key) {
		if (sort == GPUADV_LIST_PRICE)
			return a->key < b->key ? -1 : 1;
		return a->key > b->key ? -1 : 1;
	}
	return 0;
}

int gpuadv_engine_list(const struct gpuadv_gpu ***gpus_out, struct gpuadv_perf **perf_out,
		       size_t *n_out, const struct gpuadv_catalog *cat,
		       const struct gpuadv_query *q, struct gpuadv_error *err)
{
	struct list_item *items = NULL;
	const struct gpuadv_gpu **gpus = NULL;
	struct gpuadv_perf *perf = NULL;
	int rc = 0, sort = q->list_sort;
	size_t i, n = 0;

	*gpus_out = NULL;
	*perf_out = NULL;
	*n_out = 0;
	items = calloc(cat->gpu_count ? cat->gpu_count : 1, sizeof(*items));
	if (!items)
		return gpuadv_error_set(err, GPUADV_ENOMEM, "out of memory");
	for (i = 0; i < cat->gpu_count; i++) {
		const struct gpuadv_gpu *g = &cat->gpus[i];
		struct gpuadv_price pick;
		double price;

		/* As list and show print it: basis any, aged against the
		 * price list's own date. */
		gpuadv_price_pick(&pick, cat, g, GPUADV_WANT_ANY, NULL);
		price = pick.usd;

		if ((q->arch && g->arch != q->arch) ||
		    (q->segment >= 0 && (int)g->segment != q->segment) ||
		    (!isnan(q->min_memory_gb) && g->v[GPUADV_F_MEMORY_GB] < q->min_memory_gb) ||
		    (!isnan(q->max_price_usd) && (isnan(price) || price > q->max_price_usd)))
			continue;
		items[n].gpu = g;
		items[n].key = sort == GPUADV_LIST_PRICE ? price
			       : sort >= GPUADV_LIST_YEAR && sort < GPUADV_LIST_SORT_COUNT
					 ? g->v[list_sort_field[sort]] : 0;
		n++;
	}
	gpus = calloc(n ? n : 1, sizeof(*gpus));
	if (q->workload)
		perf = calloc(n ? n : 1, sizeof(*perf));
	if (!gpus || (q->workload && !perf) ||
	    gpuadv__sort(items, n, sizeof(*items), list_cmp, &sort)) {
		rc = gpuadv_error_set(err, GPUADV_ENOMEM, "out of memory");
		goto done;
	}
	for (i = 0; i < n; i++) {
		gpus[i] = items[i].gpu;
		if (perf) /* a GPU that cannot run it keeps value NAN and a note */
			gpuadv_engine_perf(&perf[i], cat, gpus[i], q->workload,
					   q->precision >= 0 ? (enum gpuadv_precision)q->precision
							     : q->workload->default_precision);
	}
	*gpus_out = gpus;
	*perf_out = perf;
	*n_out = n;
	gpus = NULL;
	perf = NULL;
done:
	free(items);
	free(gpus);
	free(perf);
	return rc;
}
