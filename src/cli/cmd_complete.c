/*
 * cmd_complete.c - `gpu-advisor __complete KIND [PREFIX]` (hidden): the
 * names the shell completion scripts cannot know in advance, one per line,
 * from the catalogue in use (--catalog, GPU_ADVISOR_CATALOG, the updated
 * copy or the built-in one), so an updated catalogue completes too. Also
 * what each option's value is (cli_opt_value), which the script generators
 * (completion.c) and the man page read.
 */
#include <ctype.h>
#include <string.h>

#include "cli.h"

void cli_format_words(char *buf, size_t size, unsigned formats)
{
	size_t used = 0;
	int f;

	buf[0] = '\0';
	for (f = 0; f <= GPUADV_FORMAT_PNG && used < size; f++)
		if (formats & (1u << f))
			used += (size_t)snprintf(buf + used, size - used, "%s%s",
						 used ? " " : "",
						 gpuadv_format_name((enum gpuadv_format)f));
}

static void choice_words(char *buf, size_t size, const struct gpuadv_param_def *p)
{
	size_t used = 0, i;

	buf[0] = '\0';
	for (i = 0; i < p->choice_count && used < size; i++)
		used += (size_t)snprintf(buf + used, size - used, "%s%s", i ? " " : "",
					 p->choice_name(p->choices[i]));
}

void cli_opt_value(struct cli_value_info *out, const struct cli_command *cmd,
		   const struct cli_opt *o)
{
	const struct gpuadv_param_def *p = o->param ? gpuadv_param(o->param) : NULL;
	const char *mv = cli_opt_metavar(o);

	memset(out, 0, sizeof(*out));
	out->suffix = "";
	if (!mv)
		return; /* CLI_VALUE_NONE: a flag */
	out->kind = CLI_VALUE_FREE;
	if (!p) {
		if (!strcmp(cli_opt_name(o), "format") && cmd && cmd->formats) {
			out->kind = CLI_VALUE_WORDS;
			cli_format_words(out->words, sizeof(out->words), cmd->formats);
		} else if (strstr(mv, "FILE")) {
			out->kind = CLI_VALUE_FILE;
		}
		return;
	}
	out->kind = CLI_VALUE_ASK;
	switch (p->type) {
	case GPUADV_PT_CHOICE:
		out->kind = CLI_VALUE_WORDS;
		choice_words(out->words, sizeof(out->words), p);
		break;
	case GPUADV_PT_WORKLOAD: out->ask = "workloads"; break;
	case GPUADV_PT_ARCH: out->ask = "archs"; break;
	case GPUADV_PT_MODEL: out->ask = "models"; break;
	case GPUADV_PT_QUANT: out->ask = "quants"; break;
	case GPUADV_PT_GPU:
	case GPUADV_PT_GPU_LIST: out->ask = "gpus"; break;
	case GPUADV_PT_UPGRADE:
	case GPUADV_PT_ON:
		out->ask = "gpus";
		out->extra = "detected";
		break;
	case GPUADV_PT_PRICES:
		out->ask = "gpus";
		out->suffix = "=";
		break;
	default:
		out->kind = CLI_VALUE_FREE;
		break;
	}
}

/* Whether name starts with prefix, ignoring case, spaces, hyphens and
 * underscores as name resolution does: "rtx30" finds rtx-3090. */
static bool starts(const char *name, const char *prefix)
{
	const char *n = name, *p = prefix;

	if (!name)
		return false;
	for (;;) {
		while (*p == ' ' || *p == '-' || *p == '_')
			p++;
		while (*n == ' ' || *n == '-' || *n == '_')
			n++;
		if (!*p)
			return true;
		if (!*n || tolower((unsigned char)*n) != tolower((unsigned char)*p))
			return false;
		n++, p++;
	}
}

/* Print id when it, its name or an alias starts with prefix. */
static int put(FILE *out, const char *id, const char *name,
	       const struct gpuadv_strlist *aliases, const char *prefix)
{
	bool match = starts(id, prefix) || starts(name, prefix);
	size_t i;

	for (i = 0; !match && aliases && i < aliases->count; i++)
		match = starts(aliases->items[i], prefix);
	if (match && fprintf(out, "%s\n", id) < 0)
		return GPUADV_EIO;
	return 0;
}

static const char *const kinds[] = { "commands", "gpus", "workloads", "archs",
				     "models", "quants", NULL };

static int run(struct cli_ctx *ctx, const struct cli_args *args,
	       struct gpuadv_error *err)
{
	const struct gpuadv_catalog *cat = &ctx->catalog;
	const struct gpuadv_models *m = cat->models;
	const char *kind = args->pos[0], *prefix = args->npos > 1 ? args->pos[1] : "";
	size_t i;
	int rc = 0;

	if (!strcmp(kind, "commands")) {
		for (i = 0; cli_commands[i] && !rc; i++)
			if (!cli_commands[i]->hidden)
				rc = put(ctx->out, cli_commands[i]->name, NULL, NULL, prefix);
	} else if (!strcmp(kind, "gpus")) {
		for (i = 0; i < cat->gpu_count && !rc; i++)
			rc = put(ctx->out, cat->gpus[i].id, cat->gpus[i].name,
				 &cat->gpus[i].aliases, prefix);
	} else if (!strcmp(kind, "workloads")) {
		for (i = 0; i < cat->workload_count && !rc; i++)
			rc = put(ctx->out, cat->workloads[i].id, cat->workloads[i].name, NULL,
				 prefix);
	} else if (!strcmp(kind, "archs")) {
		for (i = 0; i < cat->arch_count && !rc; i++)
			rc = put(ctx->out, cat->archs[i].id, cat->archs[i].name, NULL, prefix);
	} else if (!strcmp(kind, "models")) {
		for (i = 0; m && i < m->model_count && !rc; i++)
			rc = put(ctx->out, m->models[i].id, m->models[i].name,
				 &m->models[i].aliases, prefix);
	} else if (!strcmp(kind, "quants")) {
		for (i = 0; m && i < m->quant_count && !rc; i++)
			rc = put(ctx->out, m->quants[i].id, m->quants[i].name,
				 &m->quants[i].aliases, prefix);
	} else {
		return gpuadv_error_set(err, GPUADV_EUSAGE,
					"unknown completion '%.100s'; one of commands, gpus, "
					"workloads, archs, models or quants", kind);
	}
	if (rc)
		return gpuadv_error_set(err, GPUADV_EIO, "cannot write to standard output");
	return 0;
}

const struct cli_command cmd_complete = {
	.name = "__complete",
	.summary = "print completion candidates from the catalogue in use",
	.usage = "__complete commands|gpus|workloads|archs|models|quants [PREFIX]",
	.description = "Print the names a shell completes, one per line, from the catalogue\n"
		       "in use: commands, GPU ids, workload ids, architecture ids, model ids\n"
		       "or quantisation ids, those whose id, name or an alias starts with\n"
		       "PREFIX (ignoring case, spaces and hyphens). For the completion\n"
		       "scripts; not in the command list.",
	.opts = NULL,
	.min_pos = 1,
	.max_pos = 2,
	.positional = CLI_POS_WORDS,
	.words = kinds,
	.needs_catalog = true,
	.hidden = true,
	.run = run,
};
