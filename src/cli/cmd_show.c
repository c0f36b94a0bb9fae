/* cmd_show.c - `gpu-advisor show GPU`: every figure of one GPU, with sources. */
#include "cli.h"

static const struct cli_opt opts[] = {
	CLI_OPT("format", 'f', "FORMAT", "{formats}"),
	CLI_OPT_END
};

static const char *const examples[] = {
	"gpu-advisor show rtx3090",
	"gpu-advisor show \"A100 80GB SXM\" --format json",
	"gpu-advisor show 4x3090",
	NULL
};

static int run(struct cli_ctx *ctx, const struct cli_args *args,
	       struct gpuadv_error *err)
{
	struct gpuadv_render_opts ro = { .color = ctx->color, .columns = ctx->columns };
	struct gpuadv_query q;
	int rc;

	if ((rc = cli_format(&ro.format, cli_get(args, &cmd_show, "format"), cmd_show.formats, err)) ||
	    (rc = cli_query_build(&q, ctx, args, err)))
		return rc;
	ro.count = q.gpu_counts[0];
	return gpuadv_render_gpu(ctx->out, &ctx->catalog, q.gpus[0], &ro, err);
}

const struct cli_command cmd_show = {
	.name = "show",
	.summary = "show one GPU's figures and their sources",
	.usage = "show GPU [--format text|json]",
	.description = "Show every figure the catalogue has for one GPU, where each comes from,\n"
		       "and its price. GPU is an id, alias or name in any case, with or\n"
		       "without spaces and hyphens: rtx3090, \"RTX 3090\", rtx-3090. A count\n"
		       "(2x3090, \"8x h100-sxm\") adds the configuration's totals.",
	.opts = opts,
	.examples = examples,
	.min_pos = 1,
	.max_pos = 1,
	.positional = CLI_POS_GPU,
	.formats = CLI_FORMATS_BASIC,
	.needs_catalog = true,
	.query = GPUADV_CMD_SHOW,
	.run = run,
};
