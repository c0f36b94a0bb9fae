/* cmd_archs.c - `gpu-advisor archs`: the architectures and what they run. */
#include "cli.h"

static const struct cli_opt opts[] = {
	CLI_OPT("format", 'f', "FORMAT", "{formats}"),
	CLI_OPT_END
};

static const char *const examples[] = {
	"gpu-advisor archs",
	"gpu-advisor archs --format json",
	NULL
};

static int run(struct cli_ctx *ctx, const struct cli_args *args,
	       struct gpuadv_error *err)
{
	struct gpuadv_render_opts ro = { .color = ctx->color, .columns = ctx->columns };
	int rc;

	if ((rc = cli_format(&ro.format, cli_get(args, &cmd_archs, "format"), cmd_archs.formats, err)))
		return rc;
	return gpuadv_render_archs(ctx->out, &ctx->catalog, &ro, err);
}

const struct cli_command cmd_archs = {
	.name = "archs",
	.summary = "list the GPU architectures, Pascal to Blackwell",
	.usage = "archs [--format text|json]",
	.description = "List the architectures: year, compute capability, Tensor Core generation,\n"
		       "the precisions their Tensor Cores run, and memory technologies.",
	.opts = opts,
	.examples = examples,
	.min_pos = 0,
	.max_pos = 0,
	.formats = CLI_FORMATS_BASIC,
	.needs_catalog = true,
	.run = run,
};
