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
	CLI_OPT("format", 'f', "FORMAT", "text (default) or json (info only)"),
	CLI_OPT_END
};

static const char *const words[] = { "info", "validate", NULL };

static const char *const examples[] = {
	"gpu-advisor catalog info",
	"gpu-advisor catalog validate my-catalog.yaml",
	NULL
};

static int info(struct cli_ctx *ctx, enum gpuadv_format fmt,
		struct gpuadv_error *err)
{
	const struct gpuadv_catalog *cat = &ctx->catalog;
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
			       : cJSON_AddNullToObject(doc, "update_url")))) {
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
		       "the built-in one, in that order), its path, date, SHA-256 and size.\n"
		       "'catalog validate FILE' checks FILE with the same strict loader and\n"
		       "reports the first problem as file:line:column (exit 65), or 'ok'.",
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
