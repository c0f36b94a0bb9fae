/* cmd_list.c - `gpu-advisor list`: the catalogue's GPUs, filtered and sorted. */
#include <stdlib.h>

#include "cli.h"

static const struct cli_opt opts[] = {
	CLI_PARAM_HELP(GPUADV_P_ARCH, "only this architecture (ampere, \"Ada Lovelace\", ...)"),
	CLI_PARAM(GPUADV_P_SEGMENT),
	CLI_PARAM_HELP(GPUADV_P_MIN_MEMORY, "at least this much memory"),
	CLI_PARAM(GPUADV_P_MAX_PRICE),
	CLI_PARAM(GPUADV_P_LIST_SORT),
	CLI_PARAM_HELP(GPUADV_P_WORKLOAD, "add each GPU's performance for this workload"),
	CLI_PARAM_HELP(GPUADV_P_PRECISION, "with --workload: {choices}"),
	CLI_OPT("format", 'f', "FORMAT", "{formats}"),
	CLI_OPT("output", 'o', "FILE", "write the list to FILE instead of standard output"),
	CLI_OPT_END
};

static const char *const examples[] = {
	"gpu-advisor list",
	"gpu-advisor list --arch ampere --min-memory 24 --sort price",
	"gpu-advisor list --segment consumer --max-price 1000 --format json",
	"gpu-advisor list --workload transformer --precision bf16",
	"gpu-advisor list --format csv --output gpus.csv",
	NULL
};

static int run(struct cli_ctx *ctx, const struct cli_args *args,
	       struct gpuadv_error *err)
{
	struct gpuadv_render_opts ro = { .color = ctx->color, .columns = ctx->columns };
	const struct gpuadv_gpu **gpus;
	struct gpuadv_query q;
	struct gpuadv_perf *perf;
	struct cli_output o;
	size_t n;
	int rc;

	if ((rc = cli_output_setup(&o, &ro, ctx, args, &cmd_list, cmd_list.formats, err)) ||
	    (rc = cli_query_build(&q, ctx, args, err)) ||
	    (rc = gpuadv_engine_list(&gpus, &perf, &n, &ctx->catalog, &q, err)))
		return cli_output_close(&o, ctx, rc, err);
	ro.perf = perf;
	if (!(rc = cli_output_open(&o, ctx, err)))
		rc = gpuadv_render_gpu_list(ctx->out, &ctx->catalog, gpus, n, &ro, err);
	rc = cli_output_close(&o, ctx, rc, err);
	free(gpus);
	free(perf);
	/* A valid query nothing satisfies exits 1, as recommend does. */
	if (rc == 0 && n == 0)
		rc = gpuadv_error_set(err, GPUADV_ENOTFOUND, "no GPU passes the filters");
	return rc;
}

const struct cli_command cmd_list = {
	.name = "list",
	.summary = "list the catalogue's GPUs, filtered and sorted",
	.usage = "list [--arch ARCH] [--segment SEGMENT] [--min-memory GB] [--max-price USD] [--sort KEY] [--workload W [--precision P]] [--format F] [--output FILE]",
	.description = "List GPUs with their key figures. Prices are the catalogue's street\n"
		       "price where it has one (with its date), else the launch price.",
	.opts = opts,
	.examples = examples,
	.min_pos = 0,
	.max_pos = 0,
	.formats = CLI_FORMATS_TABLES,
	.needs_catalog = true,
	.query = GPUADV_CMD_LIST,
	.run = run,
};
