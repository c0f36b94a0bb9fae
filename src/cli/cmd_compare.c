/* cmd_compare.c - `gpu-advisor compare GPU GPU...`: specs and per-workload
 * performance side by side, with ratios against the first GPU. */
#include "cli.h"

static const struct cli_opt opts[] = {
	CLI_PARAM_HELP(GPUADV_P_WORKLOAD, "only this workload (default: all)"),
	CLI_PARAM_HELP(GPUADV_P_PRECISION, "{choices} (default: each workload's)"),
	CLI_PARAM_HELP(GPUADV_P_PRICES, "use this price for a GPU"),
	CLI_OPT("format", 'f', "FORMAT", "text (default), json, csv, markdown, svg or png"),
	CLI_OPT("chart", 0, NULL, "add bar charts of performance and performance per dollar (text)"),
	CLI_OPT("output", 'o', "FILE", "write the answer to FILE instead of standard output"),
	CLI_OPT_END
};

static const char *const examples[] = {
	"gpu-advisor compare rtx3090 a100",
	"gpu-advisor compare v100 rtx-2080-ti a100-40gb-pcie --workload lstm",
	"gpu-advisor compare 4090 l40s h100 --precision fp8 --format json",
	"gpu-advisor compare rtx3090 a100 l40s --chart",
	"gpu-advisor compare rtx3090 a100 l40s --format svg --output compare.svg",
	NULL
};

static int run(struct cli_ctx *ctx, const struct cli_args *args,
	       struct gpuadv_error *err)
{
	struct gpuadv_render_opts ro = { .color = ctx->color, .columns = ctx->columns };
	struct gpuadv_comparison cmp;
	struct cli_output o;
	struct gpuadv_query q;
	int rc;

	if (args->npos > GPUADV_COMPARE_MAX)
		return gpuadv_error_set(err, GPUADV_EUSAGE, "compare takes at most %d GPUs",
					GPUADV_COMPARE_MAX);
	if ((rc = cli_output_setup(&o, &ro, ctx, args, &cmd_compare, CLI_FORMATS_PICTURES,
				   err)) ||
	    (rc = cli_query_build(&q, ctx, args, err)) ||
	    (rc = gpuadv_engine_compare(&cmp, &ctx->catalog, &q, err)))
		return cli_output_close(&o, ctx, rc, err);
	if (!(rc = cli_output_open(&o, ctx, err)))
		rc = gpuadv_render_comparison(ctx->out, &ctx->catalog, &cmp, &ro, err);
	gpuadv_comparison_release(&cmp);
	return cli_output_close(&o, ctx, rc, err);
}

const struct cli_command cmd_compare = {
	.name = "compare",
	.summary = "compare GPUs side by side, per workload",
	.usage = "compare GPU GPU [GPU...] [--workload W] [--precision P] [--format F] [--chart] [--output FILE]",
	.description = "Show two to eight GPUs side by side: architecture, memory and bandwidth,\n"
		       "Tensor and FP32 throughput, precisions, power, NVLink and price; then\n"
		       "performance per workload with ratios against the first GPU, performance\n"
		       "per $1000 and per 100 W, whether measured or estimated, and a verdict.",
	.opts = opts,
	.examples = examples,
	.min_pos = 2,
	.max_pos = CLI_MAX_POS,
	.needs_catalog = true,
	.query = GPUADV_CMD_COMPARE,
	.run = run,
};
