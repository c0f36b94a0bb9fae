/* cmd_compare.c - `gpu-advisor compare GPU GPU...`: specs and per-workload
 * performance side by side, with ratios against the first GPU. */
#include <string.h>

#include "cli.h"

static const struct cli_opt opts[] = {
	CLI_OPT("workload", 'w', "WORKLOAD", "only this workload (default: all)"),
	CLI_OPT("precision", 0, "PRECISION", "fp32, tf32, fp16, bf16, int8 or fp8 (default: each workload's)"),
	CLI_OPT_REPEAT("price", 0, "ID=USD", "use this price for a GPU"),
	CLI_OPT("format", 'f', "FORMAT", "text (default) or json"),
	CLI_OPT_END
};

static const char *const examples[] = {
	"gpu-advisor compare rtx3090 a100",
	"gpu-advisor compare v100 rtx-2080-ti a100-40gb-pcie --workload lstm",
	"gpu-advisor compare 4090 l40s h100 --precision fp8 --format json",
	NULL
};

static int run(struct cli_ctx *ctx, const struct cli_args *args,
	       struct gpuadv_error *err)
{
	struct gpuadv_render_opts ro = { .color = ctx->color, .columns = ctx->columns };
	const struct gpuadv_gpu *gpus[GPUADV_COMPARE_MAX];
	const struct gpuadv_workload *w = NULL;
	struct gpuadv_comparison cmp;
	struct gpuadv_query q;
	const char *v;
	int rc, i, j, precision = -1, idx;

	if ((rc = cli_format(&ro.format, cli_get(args, &cmd_compare, "format"), err)))
		return rc;
	if (args->npos > GPUADV_COMPARE_MAX)
		return gpuadv_error_set(err, GPUADV_EUSAGE, "compare takes at most %d GPUs",
					GPUADV_COMPARE_MAX);
	for (i = 0; i < args->npos; i++) {
		if (!(gpus[i] = gpuadv_catalog_find_gpu(&ctx->catalog, args->pos[i], err)))
			return err->code;
		for (j = 0; j < i; j++)
			if (gpus[j] == gpus[i])
				return gpuadv_error_set(err, GPUADV_EUSAGE,
							"'%s' is named twice", gpus[i]->id);
	}
	if ((v = cli_get(args, &cmd_compare, "workload")) &&
	    (rc = cli_workload(&w, &ctx->catalog, v, err)))
		return rc;
	if ((v = cli_get(args, &cmd_compare, "precision")) &&
	    (rc = cli_precision(&precision, v, err)))
		return rc;
	if ((rc = cli_query_init(&q, ctx, err)))
		return rc;
	for (idx = 0; opts[idx].name && strcmp(opts[idx].name, "price"); idx++)
		;
	for (i = 0; i < args->count[idx]; i++)
		if ((rc = cli_price_override(&q, &ctx->catalog, args->values[idx][i], err)))
			return rc;
	rc = gpuadv_engine_compare(&cmp, &ctx->catalog, gpus, (size_t)args->npos, w,
				   precision, &q, err);
	if (rc)
		return rc;
	rc = gpuadv_render_comparison(ctx->out, &ctx->catalog, &cmp, &ro, err);
	gpuadv_comparison_release(&cmp);
	return rc;
}

const struct cli_command cmd_compare = {
	.name = "compare",
	.summary = "compare GPUs side by side, per workload",
	.usage = "compare GPU GPU [GPU...] [--workload W] [--precision P] [--format text|json]",
	.description = "Show two to eight GPUs side by side: architecture, memory and bandwidth,\n"
		       "Tensor and FP32 throughput, precisions, power, NVLink and price; then\n"
		       "performance per workload with ratios against the first GPU, performance\n"
		       "per $1000 and per 100 W, whether measured or estimated, and a verdict.",
	.opts = opts,
	.examples = examples,
	.min_pos = 2,
	.max_pos = CLI_MAX_POS,
	.needs_catalog = true,
	.run = run,
};
