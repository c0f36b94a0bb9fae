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
	CLI_PARAM(GPUADV_P_ON),
	CLI_OPT("format", 'f', "FORMAT", "{formats}"),
	CLI_OPT("chart", 0, NULL, "add bar charts of the breakdown and of the need against cards' memory (text)"),
	CLI_OPT("output", 'o', "FILE", "write the answer to FILE instead of standard output"),
	CLI_OPT_END
};

static const char *const examples[] = {
	"gpu-advisor memory --model llama-3.1-70b --quant q4_k_m --context 8192",
	"gpu-advisor memory --model llama-3-8b --task finetune --method qlora --context 2048",
	"gpu-advisor memory --params 13b --quant q8_0 --format json",
	"gpu-advisor memory --model qwen2.5-32b --quant q4_k_m --on 2x3090",
	"gpu-advisor memory --model llama-3.1-8b --on detected",
	"gpu-advisor memory --model llama-3.1-70b --quant q4_k_m --chart",
	"gpu-advisor memory --model llama-3.1-70b --quant q4_k_m --format png --output memory.png",
	NULL
};

static int not_fitting(const struct gpuadv_memory_answer *a, struct gpuadv_error *err)
{
	const struct gpuadv_model_fit *f = &a->on.fit;

	if (!f->runs)
		return gpuadv_error_set(err, GPUADV_ENOTFOUND, "%s", f->note);
	if (f->per_gpu)
		return gpuadv_error_set(err, GPUADV_ENOTFOUND,
					"'%s' does not fit %u x '%s': it needs %.1f GiB on each "
					"card, which holds %g", a->model->id, f->count, a->on.gpu->id,
					f->required_gb, f->available_gb);
	return gpuadv_error_set(err, GPUADV_ENOTFOUND,
				"'%s' does not fit %u x '%s': it needs %.1f GiB, %s %g",
				a->model->id, f->count, a->on.gpu->id, f->required_gb,
				f->count > 1 ? "the cards hold" : "the card holds", f->available_gb);
}

static int run(struct cli_ctx *ctx, const struct cli_args *args,
	       struct gpuadv_error *err)
{
	struct gpuadv_render_opts ro = { .color = ctx->color, .columns = ctx->columns };
	struct gpuadv_memory_answer *a = NULL;
	struct cli_output o;
	struct gpuadv_query q;
	int rc;

	if ((rc = cli_output_setup(&o, &ro, ctx, args, &cmd_memory, cmd_memory.formats, err)) ||
	    (rc = cli_query_build(&q, ctx, args, err)))
		goto done;
	if (q.on_detected && (rc = cli_detect_config(&q.on, &q.on_count, ctx, err)))
		goto done;
	if (!(a = malloc(sizeof(*a)))) {
		rc = gpuadv_error_set(err, GPUADV_ENOMEM, "out of memory");
		goto done;
	}
	if ((rc = gpuadv_engine_memory(a, &ctx->catalog, &q, err)) == 0) {
		if (!(rc = cli_output_open(&o, ctx, err)))
			rc = gpuadv_render_memory(ctx->out, &ctx->catalog, a, &ro, err);
		/* Asked about a configuration that cannot hold it: the answer,
		 * then the one line and the status a script tests. */
		if (!rc && a->on.gpu && !a->on.fit.fits)
			rc = not_fitting(a, err);
		gpuadv_memory_answer_release(a);
	}
done:
	free(a);
	return cli_output_close(&o, ctx, rc, err);
}

const struct cli_command cmd_memory = {
	.name = "memory",
	.summary = "how much memory a model needs, and which cards hold it",
	.usage = "memory --model M [--quant Q] [--task infer|train|finetune] [--context N] [--on GPU|detected] [--chart | --format svg|png] [options]",
	.description = "Estimate the memory a model needs: weights, KV cache, activations,\n"
		       "gradients, optimiser state and runtime overhead, in GiB (card memory is\n"
		       "binary: a \"24 GB\" card holds 24 GiB), with a bar per part; then the\n"
		       "catalogue's cards that hold it on 1, 2, 4 or 8 of them. Method and\n"
		       "sources: docs/memory.md. A model not in 'gpu-advisor models' can be\n"
		       "described with --params (and --layers, --hidden, --kv-heads).\n"
		       "--on GPU (or NxGPU) says whether the model fits that card or\n"
		       "configuration (exit status 1 when it does not); --on detected, this\n"
		       "machine's cards (the NVIDIA driver's).\n"
		       "--chart draws the parts and the need against the smallest cards that\n"
		       "hold it; --format svg or png draws the same as a picture.",
	.opts = opts,
	.examples = examples,
	.min_pos = 0,
	.max_pos = 0,
	/* Pictures, but no tables: the answer is not one. */
	.formats = CLI_FORMATS_BASIC | (1u << GPUADV_FORMAT_SVG) | (1u << GPUADV_FORMAT_PNG),
	.needs_catalog = true,
	.query = GPUADV_CMD_MEMORY,
	.run = run,
};
