/* cmd_models.c - `gpu-advisor models`: the model catalogue (data/models.yaml)
 * and the weight quantisations, filtered by kind. */
#include "cli.h"

static const struct cli_opt opts[] = {
	CLI_PARAM(GPUADV_P_KIND),
	CLI_OPT("format", 'f', "FORMAT", "{formats}"),
	CLI_OPT_END
};

static const char *const examples[] = {
	"gpu-advisor models",
	"gpu-advisor models --kind llm --format json",
	NULL
};

static int run(struct cli_ctx *ctx, const struct cli_args *args,
	       struct gpuadv_error *err)
{
	struct gpuadv_render_opts ro = { .color = ctx->color, .columns = ctx->columns };
	struct gpuadv_query q;
	int rc;

	if ((rc = cli_format(&ro.format, cli_get(args, &cmd_models, "format"),
			     cmd_models.formats, err)) ||
	    (rc = cli_query_build(&q, ctx, args, err)))
		return rc;
	return gpuadv_render_models(ctx->out, &ctx->catalog, ctx->catalog.models, q.kind, &ro, err);
}

const struct cli_command cmd_models = {
	.name = "models",
	.summary = "list the model catalogue (for --model) and the quantisations",
	.usage = "models [--kind KIND] [--format text|json]",
	.description = "List the models --model takes (LLMs, vision, speech, diffusion...)\n"
		       "with their parameter counts, maximum context and how they ship, and the\n"
		       "weight quantisations --quant takes. Figures and sources: docs/models.md.",
	.opts = opts,
	.examples = examples,
	.min_pos = 0,
	.max_pos = 0,
	.formats = CLI_FORMATS_BASIC,
	.needs_catalog = true,
	.query = GPUADV_CMD_MODELS,
	.run = run,
};
