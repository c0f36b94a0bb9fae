/* cmd_memory.c - `gpu-advisor memory --model M`: how much memory a model
 * needs to run, train or fine-tune, part by part, and which catalogue
 * cards hold it on 1, 2, 4 or 8 of them. */
#include <stdlib.h>

#include "cli.h"

static const struct cli_opt opts[] = {
	CLI_PARAM(GPUADV_P_MODEL),
	CLI_PARAM(GPUADV_P_QUANT),
	CLI_PARAM(GPUADV_P_TASK),
	CLI_PARAM(GPUADV_P_CONTEXT),
	CLI_PARAM(GPUADV_P_BATCH),
	CLI_PARAM(GPUADV_P_METHOD),
	CLI_PARAM(GPUADV_P_OPTIMIZER),
	CLI_PARAM(GPUADV_P_CHECKPOINTING),
	CLI_PARAM(GPUADV_P_SHARDING),
	CLI_PARAM(GPUADV_P_PARAMS),
	CLI_PARAM(GPUADV_P_LAYERS),
	CLI_PARAM(GPUADV_P_HIDDEN),
	CLI_PARAM(GPUADV_P_KV_HEADS),
	CLI_OPT("format", 'f', "FORMAT", "text (default) or json"),
	CLI_OPT_END
};

static const char *const examples[] = {
	"gpu-advisor memory --model llama-3.1-70b --quant q4_k_m --context 8192",
	"gpu-advisor memory --model llama-3-8b --task finetune --method qlora --context 2048",
	"gpu-advisor memory --params 13b --quant q8_0 --format json",
	NULL
};

static int run(struct cli_ctx *ctx, const struct cli_args *args,
	       struct gpuadv_error *err)
{
	struct gpuadv_render_opts ro = { .color = ctx->color, .columns = ctx->columns };
	struct gpuadv_memory_answer *a;
	struct gpuadv_query q;
	int rc;

	if ((rc = cli_format(&ro.format, cli_get(args, &cmd_memory, "format"),
			     cmd_memory.formats, err)) ||
	    (rc = cli_query_build(&q, ctx, args, err)))
		return rc;
	if (!(a = malloc(sizeof(*a))))
		return gpuadv_error_set(err, GPUADV_ENOMEM, "out of memory");
	if ((rc = gpuadv_engine_memory(a, &ctx->catalog, &q, err)) == 0) {
		rc = gpuadv_render_memory(ctx->out, &ctx->catalog, a, &ro, err);
		gpuadv_memory_answer_release(a);
	}
	free(a);
	return rc;
}

const struct cli_command cmd_memory = {
	.name = "memory",
	.summary = "how much memory a model needs, and which cards hold it",
	.usage = "memory --model M [--quant Q] [--task infer|train|finetune] [--context N] [options]",
	.description = "Estimate the memory a model needs: weights, KV cache, activations,\n"
		       "gradients, optimiser state and runtime overhead, in GiB (card memory is\n"
		       "binary: a \"24 GB\" card holds 24 GiB), with a bar per part; then the\n"
		       "catalogue's cards that hold it on 1, 2, 4 or 8 of them. Method and\n"
		       "sources: docs/memory.md. A model not in 'gpu-advisor models' can be\n"
		       "described with --params (and --layers, --hidden, --kv-heads).",
	.opts = opts,
	.examples = examples,
	.min_pos = 0,
	.max_pos = 0,
	.formats = CLI_FORMATS_BASIC,
	.needs_catalog = true,
	.query = GPUADV_CMD_MEMORY,
	.run = run,
};
