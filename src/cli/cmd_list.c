/* cmd_list.c - `gpu-advisor list`: the catalogue's GPUs, filtered and sorted. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static const struct cli_opt opts[] = {
	CLI_OPT("arch", 'a', "ARCH", "only this architecture (ampere, \"Ada Lovelace\", ...)"),
	CLI_OPT("segment", 's', "SEGMENT", "only consumer, workstation or datacenter"),
	CLI_OPT("min-memory", 'm', "GB", "at least this much memory"),
	CLI_OPT("max-price", 'p', "USD", "at most this price (street, else launch; unpriced cards are left out)"),
	CLI_OPT("sort", 0, "KEY", "name, year, memory, bandwidth, fp32, fp16, power or price (default: the catalogue's order)"),
	CLI_OPT("workload", 'w', "WORKLOAD", "add each GPU's performance for this workload"),
	CLI_OPT("precision", 0, "PRECISION", "with --workload: fp32, tf32, fp16, bf16, int8 or fp8"),
	CLI_OPT("format", 'f', "FORMAT", "text (default) or json"),
	CLI_OPT_END
};

static const char *const examples[] = {
	"gpu-advisor list",
	"gpu-advisor list --arch ampere --min-memory 24 --sort price",
	"gpu-advisor list --segment consumer --max-price 1000 --format json",
	NULL
};

/* Sort keys: a numeric field (descending, except price) or the name. */
static const struct {
	const char *key;
	int field; /* -1: name, -2: price */
} sort_keys[] = {
	{ "name", -1 },
	{ "price", -2 },
	{ "year", GPUADV_F_RELEASE_YEAR },
	{ "memory", GPUADV_F_MEMORY_GB },
	{ "bandwidth", GPUADV_F_BANDWIDTH_GBS },
	{ "fp32", GPUADV_F_FP32_TFLOPS },
	{ "fp16", GPUADV_F_FP16_TENSOR_TFLOPS },
	{ "power", GPUADV_F_TDP_W },
	{ NULL, 0 }
};

static int sort_field;

/* Unknown values sort last whatever the direction; ties keep the
 * catalogue's order (the id breaks them, as qsort is not stable). */
static int compare(const void *pa, const void *pb)
{
	const struct gpuadv_gpu *a = *(const struct gpuadv_gpu *const *)pa;
	const struct gpuadv_gpu *b = *(const struct gpuadv_gpu *const *)pb;
	double va, vb;

	if (sort_field == -1)
		return strcmp(a->name, b->name);
	if (sort_field == -2) {
		va = gpuadv_gpu_price(a, NULL);
		vb = gpuadv_gpu_price(b, NULL);
	} else {
		va = a->v[sort_field];
		vb = b->v[sort_field];
	}
	if (isnan(va) != isnan(vb))
		return isnan(va) ? 1 : -1;
	if (!isnan(va) && va != vb) {
		if (sort_field == -2)
			return va < vb ? -1 : 1;
		return va > vb ? -1 : 1;
	}
	return a < b ? -1 : a > b;
}

static int run(struct cli_ctx *ctx, const struct cli_args *args,
	       struct gpuadv_error *err)
{
	const struct gpuadv_catalog *cat = &ctx->catalog;
	const char *arch_name = cli_get(args, &cmd_list, "arch");
	const char *seg_name = cli_get(args, &cmd_list, "segment");
	const char *v, *sort = cli_get(args, &cmd_list, "sort");
	const struct gpuadv_arch *arch = NULL;
	const struct gpuadv_gpu **list = NULL;
	const struct gpuadv_workload *wl = NULL;
	struct gpuadv_perf *perf = NULL;
	int precision = -1;
	struct gpuadv_render_opts ro = { .color = ctx->color, .columns = ctx->columns };
	double min_mem = 0, max_price = INFINITY;
	size_t i, n = 0;
	int seg = -1, rc, k;

	if ((rc = cli_format(&ro.format, cli_get(args, &cmd_list, "format"), err)))
		return rc;
	if (arch_name && !(arch = gpuadv_catalog_find_arch(cat, arch_name)))
		return gpuadv_error_set(err, GPUADV_EUSAGE,
					"unknown architecture '%.100s'; see 'gpu-advisor archs'",
					arch_name);
	if (seg_name && (seg = gpuadv_segment_parse(seg_name)) < 0)
		return gpuadv_error_set(err, GPUADV_EUSAGE,
					"option '--segment' must be consumer, workstation or datacenter, got '%.100s'",
					seg_name);
	if ((v = cli_get(args, &cmd_list, "min-memory")) &&
	    (rc = cli_number(&min_mem, "min-memory", v, 0, 1e5, false, err)))
		return rc;
	if ((v = cli_get(args, &cmd_list, "max-price")) &&
	    (rc = cli_number(&max_price, "max-price", v, 0, 1e9, false, err)))
		return rc;
	if ((v = cli_get(args, &cmd_list, "workload")) &&
	    (rc = cli_workload(&wl, cat, v, err)))
		return rc;
	if ((v = cli_get(args, &cmd_list, "precision"))) {
		if (!wl)
			return gpuadv_error_set(err, GPUADV_EUSAGE,
						"option '--precision' needs --workload");
		if ((rc = cli_precision(&precision, v, err)))
			return rc;
	}
	sort_field = 0;
	if (sort) {
		for (k = 0; sort_keys[k].key && strcmp(sort_keys[k].key, sort); k++)
			;
		if (!sort_keys[k].key)
			return gpuadv_error_set(err, GPUADV_EUSAGE,
						"option '--sort' must be name, price, year, memory, bandwidth, fp32, fp16 or power, got '%.100s'",
						sort);
		sort_field = sort_keys[k].field;
	}

	list = calloc(cat->gpu_count ? cat->gpu_count : 1, sizeof(*list));
	if (!list)
		return gpuadv_error_set(err, GPUADV_ENOMEM, "out of memory");
	for (i = 0; i < cat->gpu_count; i++) {
		const struct gpuadv_gpu *g = &cat->gpus[i];
		double price = gpuadv_gpu_price(g, NULL);

		if ((arch && g->arch != arch) || (seg >= 0 && (int)g->segment != seg) ||
		    g->v[GPUADV_F_MEMORY_GB] < min_mem ||
		    (!isinf(max_price) && (isnan(price) || price > max_price)))
			continue;
		list[n++] = g;
	}
	if (sort)
		qsort(list, n, sizeof(*list), compare);
	if (wl) {
		perf = calloc(n ? n : 1, sizeof(*perf));
		if (!perf) {
			free(list);
			return gpuadv_error_set(err, GPUADV_ENOMEM, "out of memory");
		}
		for (i = 0; i < n; i++)
			if (gpuadv_engine_perf(&perf[i], cat, list[i], wl,
					       precision >= 0 ? (enum gpuadv_precision)precision
							      : wl->default_precision))
				perf[i].workload = NULL;
		ro.perf = perf;
	}
	rc = gpuadv_render_gpu_list(ctx->out, cat, list, n, &ro, err);
	free(perf);
	free(list);
	return rc;
}

const struct cli_command cmd_list = {
	.name = "list",
	.summary = "list the catalogue's GPUs, filtered and sorted",
	.usage = "list [--arch ARCH] [--segment SEGMENT] [--min-memory GB] [--max-price USD] [--sort KEY]\n"
		 "                   [--workload W [--precision P]] [--format text|json]",
	.description = "List GPUs with their key figures. Prices are the catalogue's street\n"
		       "price where it has one (with its date), else the launch price.",
	.opts = opts,
	.examples = examples,
	.min_pos = 0,
	.max_pos = 0,
	.needs_catalog = true,
	.run = run,
};
