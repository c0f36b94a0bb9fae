/*
 * cmd_catalog.c - `gpu-advisor catalog info|validate`: where the data come
 * from, and a check of a catalogue file without using it.
 */
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "cli.h"
#include "gpu_advisor/fetch.h"

static const struct cli_opt opts[] = {
	CLI_OPT("format", 'f', "FORMAT", "{formats} (info only)"),
	CLI_OPT_END
};

static const char *const words[] = { "info", "validate", NULL };

static const char *const examples[] = {
	"gpu-advisor catalog info",
	"gpu-advisor catalog validate my-catalog.yaml",
	NULL
};

/* How many of the catalogue's GPUs the price list gives a price. */
static size_t priced(const struct gpuadv_catalog *cat)
{
	size_t i, n = 0;

	for (i = 0; i < cat->gpu_count; i++) {
		const struct gpuadv_gpu_prices *p = gpuadv_gpu_prices(cat, &cat->gpus[i]);

		n += p && p->count > 0;
	}
	return n;
}

/* The price list's part of `catalog info`, as a JSON object. */
static struct cJSON *prices_json(const struct cli_ctx *ctx)
{
	const struct gpuadv_prices *pl = ctx->catalog.prices;
	struct cJSON *o = cJSON_CreateObject();

	if (!o || !cJSON_AddStringToObject(o, "source", ctx->prices_source) ||
	    !(ctx->prices_path[0] ? cJSON_AddStringToObject(o, "path", ctx->prices_path)
				  : cJSON_AddNullToObject(o, "path")) ||
	    !(pl && pl->as_of ? cJSON_AddStringToObject(o, "as_of", pl->as_of)
			      : cJSON_AddNullToObject(o, "as_of")) ||
	    !(pl && pl->as_of && ctx->today[0]
		      ? cJSON_AddNumberToObject(o, "age_days",
						(double)gpuadv_days_between(pl->as_of, ctx->today))
		      : cJSON_AddNullToObject(o, "age_days")) ||
	    !(ctx->prices_sha256[0] ? cJSON_AddStringToObject(o, "sha256", ctx->prices_sha256)
				    : cJSON_AddNullToObject(o, "sha256")) ||
	    !cJSON_AddNumberToObject(o, "gpus_priced", (double)priced(&ctx->catalog)) ||
	    !cJSON_AddNumberToObject(o, "prices", pl ? (double)pl->entry_count : 0)) {
		cJSON_Delete(o);
		return NULL;
	}
	return o;
}

static int info(struct cli_ctx *ctx, enum gpuadv_format fmt,
		struct gpuadv_error *err)
{
	const struct gpuadv_catalog *cat = &ctx->catalog;
	const struct gpuadv_prices *pl = cat->prices;
	FILE *out = ctx->out;
	char url[GPUADV_FETCH_URL_MAX];

	gpuadv_fetch_redact(url, sizeof(url), cat->update_url ? cat->update_url : "(none)");

	if (fmt == GPUADV_FORMAT_JSON) {
		/* The catalog object of every document, plus where it came from. */
		struct cJSON *doc = gpuadv_json_catalog(cat);

		if (doc &&
		    (!cJSON_AddStringToObject(doc, "source", ctx->catalog_source) ||
		     !(ctx->catalog_path
			       ? cJSON_AddStringToObject(doc, "path", ctx->catalog_path)
			       : cJSON_AddNullToObject(doc, "path")) ||
		     !cJSON_AddStringToObject(doc, "sha256", ctx->catalog_sha256) ||
		     !(cat->update_url
			       ? cJSON_AddStringToObject(doc, "update_url", url)
			       : cJSON_AddNullToObject(doc, "update_url")) ||
		     !cJSON_AddItemToObject(doc, "prices", prices_json(ctx)))) {
			cJSON_Delete(doc);
			doc = NULL;
		}
		return gpuadv_json_write(out, doc, err);
	}
	/* The path comes from a flag or the environment: escaped, as any
	 * outside text; the address as every address: user:password@ hidden. */
	fprintf(out, "source:          %s\n", ctx->catalog_source);
	fputs("path:            ", out);
	cli_put_escaped(out, ctx->catalog_path ? ctx->catalog_path : "(built in)");
	fprintf(out, "\nsha256:          %s\n", ctx->catalog_sha256);
	fprintf(out, "schema_version:  %d\n", cat->schema_version);
	fprintf(out, "as_of:           %s\n", cat->as_of);
	fputs("update_url:      ", out);
	cli_put_escaped(out, url);
	fputs("\n", out);
	fprintf(out, "reference GPU:   %s\n", cat->reference->id);
	fprintf(out, "architectures:   %zu\n", cat->arch_count);
	fprintf(out, "workloads:       %zu\n", cat->workload_count);
	fprintf(out, "GPUs:            %zu\n", cat->gpu_count);
	fprintf(out, "benchmarks:      %zu\n", cat->benchmark_count);
	fprintf(out, "prices:          %s", ctx->prices_source);
	if (ctx->prices_path[0]) {
		fputs(" (", out);
		cli_put_escaped(out, ctx->prices_path);
		fputs(")", out);
	}
	fputs("\n", out);
	if (!pl || !pl->as_of)
		return 0;
	fprintf(out, "prices as_of:    %s", pl->as_of);
	if (ctx->today[0])
		fprintf(out, " (%ld days before %s%s)", gpuadv_days_between(pl->as_of, ctx->today),
			ctx->today,
			gpuadv_price_is_stale(pl->as_of, ctx->today) ? "; over six months: "
			"refresh them" : "");
	fprintf(out, "\nprices sha256:   %s\n", ctx->prices_sha256);
	fprintf(out, "priced GPUs:     %zu of %zu (%zu dated prices)\n", priced(cat),
		cat->gpu_count, pl->entry_count);
	return 0;
}

static int run(struct cli_ctx *ctx, const struct cli_args *args,
	       struct gpuadv_error *err)
{
	const char *sub = args->pos[0];
	enum gpuadv_format fmt;
	int rc;

	if ((rc = cli_format(&fmt, cli_get(args, &cmd_catalog, "format"), cmd_catalog.formats, err)))
		return rc;
	if (!strcmp(sub, "info")) {
		if (args->npos != 1)
			return gpuadv_error_set(err, GPUADV_EUSAGE,
						"'catalog info' takes no arguments");
		if ((rc = cli_load_catalog(ctx, ctx->catalog_flag, err)))
			return rc;
		return info(ctx, fmt, err);
	}
	if (!strcmp(sub, "validate")) {
		if (args->npos != 2)
			return gpuadv_error_set(err, GPUADV_EUSAGE,
						"usage: gpu-advisor catalog validate FILE");
		if ((rc = cli_load_catalog(ctx, args->pos[1], err)))
			return rc;
		cli_put_escaped(ctx->out, args->pos[1]);
		fprintf(ctx->out, ": ok: %zu GPUs, %zu architectures, %zu workloads, %zu benchmarks, as of %s\n",
			ctx->catalog.gpu_count, ctx->catalog.arch_count,
			ctx->catalog.workload_count, ctx->catalog.benchmark_count,
			ctx->catalog.as_of);
		if (ctx->prices_path[0] && ctx->catalog.prices) {
			cli_put_escaped(ctx->out, ctx->prices_path);
			fprintf(ctx->out, ": ok: %zu dated prices for %zu GPUs, as of %s\n",
				ctx->catalog.prices->entry_count,
				priced(&ctx->catalog), ctx->catalog.prices->as_of);
		}
		return 0;
	}
	return gpuadv_error_set(err, GPUADV_EUSAGE,
				"unknown subcommand 'catalog %.100s'; expected info or validate",
				sub);
}

const struct cli_command cmd_catalog = {
	.name = "catalog",
	.summary = "show where the catalogue comes from, or validate a file",
	.usage = "catalog info [--format text|json] | catalog validate FILE",
	.description = "'catalog info' shows which catalogue is in use (--catalog,\n"
		       "GPU_ADVISOR_CATALOG, the data directory's copy that 'update' installed, or\n"
		       "the built-in one, in that order), its path, date, SHA-256 and size,\n"
		       "and its price list (--prices, GPU_ADVISOR_PRICES, the prices.yaml beside\n"
		       "the catalogue file, or the built-in one) with its date and age.\n"
		       "'catalog validate FILE' checks FILE with the same strict loader and\n"
		       "reports the first problem as file:line:column (exit 65), or 'ok'; the\n"
		       "prices.yaml beside FILE (or --prices PRICES) is checked against it too.",
	.opts = opts,
	.examples = examples,
	.min_pos = 1,
	.max_pos = 2,
	.positional = CLI_POS_WORDS,
	.words = words,
	.formats = CLI_FORMATS_BASIC,
	.needs_catalog = false,
	.run = run,
};
