/*
 * cmd_recommend.c - `gpu-advisor recommend`: rank the GPUs that fit a
 * workload, budget and memory need. Flags fill the one query struct through
 * the parameter table; the query layer validates, the engine ranks, the
 * renderers explain.
 */
#include "cli.h"

static const struct cli_opt opts[] = {
	CLI_PARAM(GPUADV_P_WORKLOAD),
	CLI_PARAM(GPUADV_P_PRECISION),
	CLI_PARAM(GPUADV_P_TASK),
	CLI_PARAM(GPUADV_P_BUDGET),
	CLI_PARAM(GPUADV_P_MIN_MEMORY),
	CLI_PARAM(GPUADV_P_MAX_POWER),
	CLI_PARAM(GPUADV_P_SEGMENT),
	CLI_PARAM(GPUADV_P_ARCH),
	CLI_PARAM(GPUADV_P_SORT),
	CLI_PARAM(GPUADV_P_TOP),
	CLI_PARAM(GPUADV_P_PRICES),
	CLI_PARAM(GPUADV_P_PRICE_BASIS),
	CLI_PARAM(GPUADV_P_BUDGET_PER_HOUR),
	CLI_PARAM(GPUADV_P_YEARS),
	CLI_PARAM(GPUADV_P_HOURS_PER_DAY),
	CLI_PARAM(GPUADV_P_UTILISATION),
	CLI_PARAM(GPUADV_P_KWH_PRICE),
	CLI_PARAM(GPUADV_P_MODEL),
	CLI_PARAM(GPUADV_P_QUANT),
	CLI_PARAM(GPUADV_P_CONTEXT),
	CLI_PARAM(GPUADV_P_BATCH),
	CLI_PARAM(GPUADV_P_MAX_GPUS),
	CLI_PARAM(GPUADV_P_PARALLEL),
	CLI_PARAM(GPUADV_P_MIN_TOKENS),
	CLI_PARAM(GPUADV_P_METHOD),
	CLI_PARAM(GPUADV_P_OPTIMIZER),
	CLI_PARAM(GPUADV_P_CHECKPOINTING),
	CLI_PARAM(GPUADV_P_SHARDING),
	CLI_PARAM(GPUADV_P_PARAMS),
	CLI_PARAM(GPUADV_P_LAYERS),
	CLI_PARAM(GPUADV_P_HIDDEN),
	CLI_PARAM(GPUADV_P_KV_HEADS),
	CLI_PARAM(GPUADV_P_UPGRADE_FROM),
	CLI_OPT("reasons", 'r', NULL, "show every result's reasons (text)"),
	CLI_OPT("show-excluded", 'x', NULL, "show the excluded GPUs and why (text; JSON always has them)"),
	CLI_OPT("format", 'f', "FORMAT", "{formats}"),
	CLI_OPT("chart", 0, NULL, "add bar charts of performance and performance per dollar (text)"),
	CLI_OPT("output", 'o', "FILE", "write the answer to FILE instead of standard output"),
	CLI_OPT_END
};

static const char *const examples[] = {
	"gpu-advisor recommend --workload cnn --budget 1500",
	"gpu-advisor recommend --workload transformer --precision bf16 --min-memory 24 --budget 5000 --format json",
	"gpu-advisor recommend -w llm-inference --sort value --price rtx-3090=750 --show-excluded",
	"gpu-advisor recommend --workload cnn --budget 1500 --price-basis new",
	"gpu-advisor recommend --workload transformer --budget-per-hour 2",
	"gpu-advisor recommend --workload cnn --sort tco --years 3 --kwh-price 0.30",
	"gpu-advisor recommend --workload cnn --budget 2000 --chart",
	"gpu-advisor recommend --workload transformer --format png --output value.png",
	"gpu-advisor recommend --model qwen2.5-32b --quant q4_k_m --budget 2000 --max-gpus 2",
	"gpu-advisor recommend --model llama-3-8b --task finetune --method qlora --sort value",
	"gpu-advisor recommend --workload transformer --budget 2000 --upgrade-from detected",
	NULL
};

static int run(struct cli_ctx *ctx, const struct cli_args *args,
	       struct gpuadv_error *err)
{
	struct gpuadv_render_opts ro = { .color = ctx->color, .columns = ctx->columns };
	struct gpuadv_recommendation rec;
	struct cli_output o;
	struct gpuadv_query q;
	unsigned flags = 0;
	int rc;

	if ((rc = cli_output_setup(&o, &ro, ctx, args, &cmd_recommend, cmd_recommend.formats,
				   err)) ||
	    (rc = cli_query_build(&q, ctx, args, err)))
		return cli_output_close(&o, ctx, rc, err);
	if (q.upgrade_from_detected && (rc = cli_detect_current(&q.upgrade_from, ctx, err)))
		return cli_output_close(&o, ctx, rc, err);
	/* Ten for a reader (a table, a picture); all for a program. */
	if (!cli_get(args, &cmd_recommend, "top") && ro.format != GPUADV_FORMAT_JSON &&
	    ro.format != GPUADV_FORMAT_CSV)
		q.top = 10;
	if (cli_flag(args, &cmd_recommend, "reasons"))
		flags |= GPUADV_RENDER_REASONS;
	if (cli_flag(args, &cmd_recommend, "show-excluded"))
		flags |= GPUADV_RENDER_EXCLUDED;
	rc = gpuadv_engine_recommend(&rec, &ctx->catalog, &q, err);
	if (rc && rc != GPUADV_ENOTFOUND)
		return cli_output_close(&o, ctx, rc, err);
	{
		int mrc = cli_output_for_model(&ro, rec.model != NULL, err);

		if (mrc) {
			gpuadv_recommendation_release(&rec);
			return cli_output_close(&o, ctx, mrc, err);
		}
	}
	/* With nothing to recommend, JSON still gives the exclusions; text
	 * shows them only when asked. */
	if (rc == 0 || ro.format == GPUADV_FORMAT_JSON ||
	    (ro.format == GPUADV_FORMAT_TEXT && (flags & GPUADV_RENDER_EXCLUDED))) {
		int wrc = cli_output_open(&o, ctx, err);

		if (!wrc)
			wrc = gpuadv_render_recommendation(ctx->out, &ctx->catalog, &rec, &ro,
							   flags, err);
		if ((wrc = cli_output_close(&o, ctx, wrc, err))) {
			gpuadv_recommendation_release(&rec);
			return wrc;
		}
	}
	cli_output_close(&o, ctx, 0, err);
	if (rc == GPUADV_ENOTFOUND) {
		char why[GPUADV_ERROR_MSG_MAX];

		gpuadv_render_no_match(why, sizeof(why), &rec);
		gpuadv_error_set(err, GPUADV_ENOTFOUND, "%s", why);
	}
	gpuadv_recommendation_release(&rec);
	return rc;
}

const struct cli_command cmd_recommend = {
	.name = "recommend",
	.summary = "rank the GPUs that fit a workload, budget and memory need",
	.usage = "recommend (--workload W | --model M) [--budget USD] [--min-memory GB] [--max-gpus N] [options]",
	.description = "Estimate every GPU's performance for the workload (relative to the\n"
		       "catalogue's reference GPU; measured where the catalogue has a benchmark,\n"
		       "else estimated from specs), drop those that miss a constraint, and rank the\n"
		       "rest. With --model, the model's memory need replaces the workload's and an\n"
		       "LLM's inference ranks by decode tokens/s; --max-gpus N ranks configurations\n"
		       "of 1 to N cards of a kind (budget and price: the whole configuration).\n"
		       "Prints three picks (fastest within budget, best value, most memory),\n"
		       "the ranked table and the reasons. Exits 1 when nothing qualifies, saying\n"
		       "which constraint excluded the most cards and what would admit one.\n"
		       "A budget is held against one dated price per card (--price-basis: by\n"
		       "default the cheapest new or used price seen within six months; cloud with\n"
		       "--budget-per-hour); every answer states the basis, and each price its date.\n"
		       "SXM modules and superchips, sold only in 4- or 8-GPU servers, are never\n"
		       "offered as a card to buy.",
	.opts = opts,
	.examples = examples,
	.min_pos = 0,
	.max_pos = 0,
	.formats = CLI_FORMATS_PICTURES,
	.needs_catalog = true,
	.query = GPUADV_CMD_RECOMMEND,
	.run = run,
};
