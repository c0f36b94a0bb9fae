/* cmd_compare.c - `gpu-advisor compare GPU GPU...`: specs and per-workload
 * performance side by side, with ratios against the first GPU. */
#include "cli.h"

static const struct cli_opt opts[] = {
	CLI_PARAM_HELP(GPUADV_P_WORKLOAD, "only this workload (default: all)"),
	CLI_PARAM_HELP(GPUADV_P_PRECISION, "{choices} (default: each workload's)"),
	CLI_PARAM_HELP(GPUADV_P_PRICES, "use this price for a GPU"),
	CLI_PARAM(GPUADV_P_PRICE_BASIS),
	CLI_PARAM(GPUADV_P_YEARS),
	CLI_PARAM(GPUADV_P_HOURS_PER_DAY),
	CLI_PARAM(GPUADV_P_UTILISATION),
	CLI_PARAM(GPUADV_P_KWH_PRICE),
	CLI_PARAM(GPUADV_P_MODEL),
	CLI_PARAM(GPUADV_P_QUANT),
	CLI_PARAM(GPUADV_P_TASK),
	CLI_PARAM(GPUADV_P_CONTEXT),
	CLI_PARAM(GPUADV_P_BATCH),
	CLI_PARAM(GPUADV_P_PARALLEL),
	CLI_PARAM(GPUADV_P_METHOD),
	CLI_PARAM(GPUADV_P_OPTIMIZER),
	CLI_PARAM(GPUADV_P_CHECKPOINTING),
	CLI_PARAM(GPUADV_P_SHARDING),
	CLI_PARAM(GPUADV_P_PARAMS),
	CLI_PARAM(GPUADV_P_LAYERS),
	CLI_PARAM(GPUADV_P_HIDDEN),
	CLI_PARAM(GPUADV_P_KV_HEADS),
	CLI_OPT("format", 'f', "FORMAT", "{formats}"),
	CLI_OPT("chart", 0, NULL, "add bar charts of performance and performance per dollar (text)"),
	CLI_OPT("output", 'o', "FILE", "write the answer to FILE instead of standard output"),
	CLI_OPT_END
};

static const char *const examples[] = {
	"gpu-advisor compare rtx3090 a100",
	"gpu-advisor compare v100 rtx-2080-ti a100-40gb-pcie --workload lstm",
	"gpu-advisor compare 4090 l40s h100 --precision fp8 --format json",
	"gpu-advisor compare --years 3 --hours-per-day 8 --kwh-price 0.30 rtx-3090 rtx-4090",
	"gpu-advisor compare rtx3090 a100 l40s --chart",
	"gpu-advisor compare rtx3090 a100 l40s --format svg --output compare.svg",
	"gpu-advisor compare --model llama-3-70b --quant q4_k_m 2x3090 rtx-a6000 h100-pcie",
	"gpu-advisor compare --workload transformer 8xa100-80gb-sxm 4xh100-sxm",
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
		return gpuadv_error_set(err, GPUADV_EUSAGE, "'compare' takes at most %d GPUs",
					GPUADV_COMPARE_MAX);
	if ((rc = cli_output_setup(&o, &ro, ctx, args, &cmd_compare, cmd_compare.formats,
				   err)) ||
	    (rc = cli_query_build(&q, ctx, args, err)) ||
	    (rc = gpuadv_engine_compare(&cmp, &ctx->catalog, &q, err)))
		return cli_output_close(&o, ctx, rc, err);
	if (!(rc = cli_output_for_model(&ro, cmp.model != NULL, err)) &&
	    !(rc = cli_output_open(&o, ctx, err)))
		rc = gpuadv_render_comparison(ctx->out, &ctx->catalog, &cmp, &ro, err);
	gpuadv_comparison_release(&cmp);
	return cli_output_close(&o, ctx, rc, err);
}

const struct cli_command cmd_compare = {
	.name = "compare",
	.summary = "compare GPUs side by side, per workload",
	.usage = "compare GPU GPU [GPU...] [--workload W | --model M] [--precision P] [--years N] [--kwh-price USD] [--format F] [--chart] [options]",
	.description = "Show two to eight GPUs side by side: architecture, memory and bandwidth,\n"
		       "Tensor and FP32 throughput, precisions, power, NVLink and price; then\n"
		       "performance per workload with ratios against the first GPU, performance\n"
		       "per $1000 and per 100 W, whether measured or estimated, and a verdict.\n"
		       "A GPU may carry a count (2x3090, \"8x h100-sxm\"): a configuration of that\n"
		       "many cards in one machine, priced at count x the card. With --model:\n"
		       "whether the model fits each configuration and how fast it decodes.\n"
		       "Each price says its basis and date. The cost of ownership adds the\n"
		       "electricity over --years at --hours-per-day (board power x --utilisation x\n"
		       "--kwh-price) to the purchase, and says after how many hours of use buying\n"
		       "beats renting the GPU at its cloud rate.",
	.opts = opts,
	.examples = examples,
	.min_pos = 2,
	.max_pos = CLI_MAX_POS,
	.positional = CLI_POS_GPU,
	.formats = CLI_FORMATS_PICTURES,
	.needs_catalog = true,
	.query = GPUADV_CMD_COMPARE,
	.run = run,
};
