/* cmd_list.c - `gpu-advisor list`: the catalogue's GPUs, filtered and sorted. */
#include <stdlib.h>

#include "cli.h"

static const struct cli_opt opts[] = {
	CLI_OPT("arch", 'a', "ARCH", "only this architecture (ampere, \"Ada Lovelace\", ...)"),
	CLI_OPT("segment", 's', "SEGMENT", "only consumer, workstation or datacenter"),
	CLI_OPT("min-memory", 'm', "GB", "at least this much memory"),
	CLI_OPT("max-price", 'p', "USD", "at most this price (street, else launch; unpriced cards are left out)"),
	CLI_OPT("sort", 0, "KEY", "name, price (ascending), year, memory, bandwidth, fp32, fp16 or power (descending); default: catalogue order"),
	CLI_OPT("workload", 'w', "WORKLOAD", "add each GPU's performance for this workload"),
	CLI_OPT("precision", 0, "PRECISION", "with --workload: fp32, tf32, fp16, bf16, int8 or fp8"),
	CLI_OPT("format", 'f', "FORMAT", "text (default) or json"),
	CLI_OPT_END
};

static const char *const examples[] = {
	"gpu-advisor list",
	"gpu-advisor list --arch ampere --min-memory 24 --sort price",
	"gpu-advisor list --segment consumer --max-price 1000 --format json",
	"gpu-advisor list --workload transformer --precision bf16",
	NULL
};

static int build_query(struct gpuadv_list_query *q, const struct gpuadv_catalog *cat,
		       const struct cli_args *args, struct gpuadv_error *err)
{
	const struct cli_command *cmd = &cmd_list;
	const char *v;
	int rc, sort;

	gpuadv_list_query_init(q);
	if ((v = cli_get(args, cmd, "arch")) && (rc = cli_arch(&q->arch, cat, v, err)))
		return rc;
	if ((v = cli_get(args, cmd, "segment")) && (rc = cli_segment(&q->segment, v, err)))
		return rc;
	if ((v = cli_get(args, cmd, "min-memory")) &&
	    (rc = cli_number(&q->min_memory_gb, "min-memory", v, 0, 1e5, false, err)))
		return rc;
	if ((v = cli_get(args, cmd, "max-price")) &&
	    (rc = cli_number(&q->max_price_usd, "max-price", v, 0, 1e9, false, err)))
		return rc;
	if ((v = cli_get(args, cmd, "sort"))) {
		if ((sort = gpuadv_list_sort_parse(v)) < 0)
			return gpuadv_error_set(err, GPUADV_EUSAGE,
						"option '--sort' must be name, price, year, memory, bandwidth, fp32, fp16 or power, got '%.100s'",
						v);
		q->sort = sort;
	}
	if ((v = cli_get(args, cmd, "workload")) && (rc = cli_workload(&q->workload, cat, v, err)))
		return rc;
	if ((v = cli_get(args, cmd, "precision"))) {
		if (!q->workload)
			return gpuadv_error_set(err, GPUADV_EUSAGE,
						"option '--precision' needs --workload");
		if ((rc = cli_precision(&q->precision, v, err)))
			return rc;
	}
	return 0;
}

static int run(struct cli_ctx *ctx, const struct cli_args *args,
	       struct gpuadv_error *err)
{
	struct gpuadv_render_opts ro = { .color = ctx->color, .columns = ctx->columns };
	const struct gpuadv_gpu **gpus;
	struct gpuadv_list_query q;
	struct gpuadv_perf *perf;
	size_t n;
	int rc;

	if ((rc = cli_format(&ro.format, cli_get(args, &cmd_list, "format"), err)) ||
	    (rc = build_query(&q, &ctx->catalog, args, err)) ||
	    (rc = gpuadv_engine_list(&gpus, &perf, &n, &ctx->catalog, &q, err)))
		return rc;
	ro.perf = perf;
	rc = gpuadv_render_gpu_list(ctx->out, &ctx->catalog, gpus, n, &ro, err);
	free(gpus);
	free(perf);
	return rc;
}

const struct cli_command cmd_list = {
	.name = "list",
	.summary = "list the catalogue's GPUs, filtered and sorted",
	.usage = "list [--arch ARCH] [--segment SEGMENT] [--min-memory GB] [--max-price USD] [--sort KEY] [--workload W [--precision P]] [--format text|json]",
	.description = "List GPUs with their key figures. Prices are the catalogue's street\n"
		       "price where it has one (with its date), else the launch price.",
	.opts = opts,
	.examples = examples,
	.min_pos = 0,
	.max_pos = 0,
	.needs_catalog = true,
	.run = run,
};
