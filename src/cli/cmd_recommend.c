/*
 * cmd_recommend.c - `gpu-advisor recommend`: rank the GPUs that fit a
 * workload, budget and memory need. Flags fill the engine's one query
 * struct; the engine validates, ranks and explains.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static const struct cli_opt opts[] = {
	CLI_OPT("workload", 'w', "WORKLOAD", "cnn, rnn, lstm, gan, transformer, llm-inference, ... (required)"),
	CLI_OPT("precision", 0, "PRECISION", "fp32, tf32, fp16, bf16, int8 or fp8 (default: the workload's)"),
	CLI_OPT("task", 0, "TASK", "train or infer (default: what the workload models)"),
	CLI_OPT("budget", 'b', "USD", "the most one GPU may cost"),
	CLI_OPT("min-memory", 'm', "GB", "at least this much memory (default: the workload's suggestion)"),
	CLI_OPT("max-power", 0, "W", "at most this board power"),
	CLI_OPT("segment", 's', "SEGMENT", "only consumer, workstation or datacenter"),
	CLI_OPT("arch", 'a', "ARCH", "only this architecture"),
	CLI_OPT("sort", 0, "KEY", "perf (default; ties to the cheaper card), value (perf per dollar) or memory"),
	CLI_OPT("top", 'n', "N", "show the first N (default 10 in text, all in JSON; 0: all)"),
	CLI_OPT_REPEAT("price", 0, "ID=USD", "use this price for a GPU (e.g. rtx-3090=750)"),
	CLI_OPT("reasons", 'r', NULL, "show every result's reasons (text)"),
	CLI_OPT("show-excluded", 'x', NULL, "show the excluded GPUs and why (text; JSON always has them)"),
	CLI_OPT("format", 'f', "FORMAT", "text (default) or json"),
	CLI_OPT_END
};

static const char *const examples[] = {
	"gpu-advisor recommend --workload cnn --budget 1500",
	"gpu-advisor recommend --workload transformer --precision bf16 --min-memory 24 --budget 5000 --format json",
	"gpu-advisor recommend -w llm-inference --sort value --price rtx-3090=750 --show-excluded",
	NULL
};

int cli_price_override(struct gpuadv_query *q, const struct gpuadv_catalog *cat,
		       const char *spec, struct gpuadv_error *err)
{
	const char *eq = strchr(spec, '=');
	char name[256];
	const struct gpuadv_gpu *g;
	double usd;
	int rc;

	if (!eq || eq == spec || (size_t)(eq - spec) >= sizeof(name)) {
		rc = gpuadv_error_set(err, GPUADV_EUSAGE,
				      "option '--price' must be ID=USD, got '%.100s'", spec);
		snprintf(err->field, sizeof(err->field), "price");
		return rc;
	}
	memcpy(name, spec, (size_t)(eq - spec));
	name[eq - spec] = '\0';
	if (!(g = gpuadv_catalog_find_gpu(cat, name, err)))
		return err->code;
	if ((rc = cli_number(&usd, "price", eq + 1, 1, 1e9, false, err)))
		return rc;
	return gpuadv_query_add_price(q, g, usd, "override", true, err);
}

int cli_query_init(struct gpuadv_query *q, struct cli_ctx *ctx,
		   struct gpuadv_error *err)
{
	const struct gpuadv_config *cfg = &ctx->config;
	const struct gpuadv_gpu *g;
	struct gpuadv_error why;
	size_t i;
	int rc;

	gpuadv_query_init(q);
	q->today = ctx->today[0] ? ctx->today : NULL;
	for (i = 0; ctx->have_config && i < cfg->price_count; i++) {
		const struct gpuadv_config_price *p = &cfg->prices[i];

		if (!(g = gpuadv_catalog_find_gpu(&ctx->catalog, p->name, &why)))
			return gpuadv_error_at(err, GPUADV_EDATA, cfg->origin, p->line,
					       p->column, "%s", why.message);
		if ((rc = gpuadv_query_add_price(q, g, p->usd, "config", false, &why)))
			return gpuadv_error_at(err, GPUADV_EDATA, cfg->origin, p->line,
					       p->column, "%s in 'prices'", why.message);
	}
	return 0;
}

static int build_query(struct gpuadv_query *q, struct cli_ctx *ctx,
		       const struct cli_args *args, struct gpuadv_error *err)
{
	const struct gpuadv_catalog *cat = &ctx->catalog;
	const struct cli_command *cmd = &cmd_recommend;
	const char *v;
	double top;
	int rc, i, idx;

	if ((rc = cli_query_init(q, ctx, err)))
		return rc;
	v = cli_get(args, cmd, "workload");
	if (!v)
		return gpuadv_error_set(err, GPUADV_EUSAGE,
					"'recommend' needs --workload; see 'gpu-advisor recommend --help'");
	if ((rc = cli_workload(&q->workload, cat, v, err)))
		return rc;
	if ((v = cli_get(args, cmd, "precision")) &&
	    (rc = cli_precision(&q->precision, v, err)))
		return rc;
	if ((v = cli_get(args, cmd, "task")) && (q->task = gpuadv_task_parse(v)) < 0)
		return gpuadv_error_set(err, GPUADV_EUSAGE,
					"option '--task' must be train or infer, got '%.100s'", v);
	if ((v = cli_get(args, cmd, "budget")) &&
	    (rc = cli_number(&q->budget_usd, "budget", v, 1, 1e9, false, err)))
		return rc;
	if ((v = cli_get(args, cmd, "min-memory")) &&
	    (rc = cli_number(&q->min_memory_gb, "min-memory", v, 0, 1e5, false, err)))
		return rc;
	if ((v = cli_get(args, cmd, "max-power")) &&
	    (rc = cli_number(&q->max_power_w, "max-power", v, 1, 1e5, false, err)))
		return rc;
	if ((v = cli_get(args, cmd, "segment")) && (rc = cli_segment(&q->segment, v, err)))
		return rc;
	if ((v = cli_get(args, cmd, "arch")) && (rc = cli_arch(&q->arch, cat, v, err)))
		return rc;
	if ((v = cli_get(args, cmd, "sort"))) {
		if (!strcmp(v, "perf"))
			q->sort = GPUADV_SORT_PERF;
		else if (!strcmp(v, "value"))
			q->sort = GPUADV_SORT_VALUE;
		else if (!strcmp(v, "memory"))
			q->sort = GPUADV_SORT_MEMORY;
		else
			return gpuadv_error_set(err, GPUADV_EUSAGE,
						"option '--sort' must be perf, value or memory, got '%.100s'", v);
	}
	if ((v = cli_get(args, cmd, "top"))) {
		if ((rc = cli_number(&top, "top", v, 0, 100000, true, err)))
			return rc;
		q->top = (size_t)top;
	}
	for (idx = 0; opts[idx].name && strcmp(opts[idx].name, "price"); idx++)
		;
	for (i = 0; i < args->count[idx]; i++)
		if ((rc = cli_price_override(q, cat, args->values[idx][i], err)))
			return rc;
	return gpuadv_query_validate(q, err);
}

static int run(struct cli_ctx *ctx, const struct cli_args *args,
	       struct gpuadv_error *err)
{
	struct gpuadv_render_opts ro = { .color = ctx->color, .columns = ctx->columns };
	struct gpuadv_recommendation rec;
	struct gpuadv_query q;
	unsigned flags = 0;
	int rc;

	if ((rc = cli_format(&ro.format, cli_get(args, &cmd_recommend, "format"), err)))
		return rc;
	if ((rc = build_query(&q, ctx, args, err)))
		return rc;
	if (!cli_get(args, &cmd_recommend, "top") && ro.format == GPUADV_FORMAT_TEXT)
		q.top = 10;
	if (cli_flag(args, &cmd_recommend, "reasons"))
		flags |= GPUADV_RENDER_REASONS;
	if (cli_flag(args, &cmd_recommend, "show-excluded"))
		flags |= GPUADV_RENDER_EXCLUDED;
	rc = gpuadv_engine_recommend(&rec, &ctx->catalog, &q, err);
	if (rc && rc != GPUADV_ENOTFOUND)
		return rc;
	/* With nothing to recommend, JSON still gives the exclusions; text
	 * shows them only when asked. */
	if (rc == 0 || ro.format == GPUADV_FORMAT_JSON || (flags & GPUADV_RENDER_EXCLUDED)) {
		int wrc = gpuadv_render_recommendation(ctx->out, &ctx->catalog, &rec, &ro,
						       flags, err);
		if (wrc) {
			gpuadv_recommendation_release(&rec);
			return wrc;
		}
	}
	if (rc == GPUADV_ENOTFOUND) {
		char why[GPUADV_ERROR_MSG_MAX];

		gpuadv_recommendation_explain(why, sizeof(why), &rec);
		gpuadv_error_set(err, GPUADV_ENOTFOUND, "%s", why);
	}
	gpuadv_recommendation_release(&rec);
	return rc;
}

const struct cli_command cmd_recommend = {
	.name = "recommend",
	.summary = "rank the GPUs that fit a workload, budget and memory need",
	.usage = "recommend --workload W [--budget USD] [--min-memory GB] [--precision P] [options]",
	.description = "Estimate every GPU's performance for the workload (relative to the\n"
		       "catalogue's reference GPU; measured where the catalogue has a benchmark,\n"
		       "else estimated from specs), drop those that miss a constraint, and rank the\n"
		       "rest. Prints three picks (fastest within budget, best value, most memory),\n"
		       "the ranked table and the reasons. Exits 1 when nothing qualifies, saying\n"
		       "which constraint excluded the most cards and what would admit one.",
	.opts = opts,
	.examples = examples,
	.min_pos = 0,
	.max_pos = 0,
	.needs_catalog = true,
	.run = run,
};
