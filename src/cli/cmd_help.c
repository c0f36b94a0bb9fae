/* cmd_help.c - `gpu-advisor help [COMMAND]` and the overview of commands. */
#include <string.h>

#include "cli.h"

const char cli_about[] =
	"Choose an NVIDIA GPU for deep learning, from a sourced catalogue of\n"
	"architectures and GPU models.";

const struct cli_doc_row cli_environment[] = {
	{ "GPU_ADVISOR_CATALOG", "read the catalogue from this file" },
	{ "GPU_ADVISOR_NVML", "the NVML library 'detect' loads (default:\n"
			      "libnvidia-ml.so.1, from the NVIDIA driver)" },
	{ "GPU_ADVISOR_PRICES", "read the price list from this file (beaten by\n"
				"--prices; default: prices.yaml beside --catalog FILE,\n"
				"else the built-in list)" },
	{ "GPU_ADVISOR_TODAY", "date (YYYY-MM-DD) that price ages are measured\n"
			       "against, for reproducible output (default: today)" },
	{ "NO_COLOR", "when set, never colour the output" },
	{ "XDG_CONFIG_HOME", "where gpu-advisor/config.yaml is (default ~/.config)" },
	{ "XDG_DATA_HOME", "where 'update' installs gpu-advisor/catalog.yaml\n"
			   "(default ~/.local/share)" },
	{ NULL, NULL }
};

const struct cli_doc_row cli_exit_statuses[] = {
	{ "0", "success" },
	{ "1", "a valid query that nothing satisfies" },
	{ "64", "usage error (bad option, value or GPU name)" },
	{ "65", "bad data (catalogue, query)" },
	{ "66", "an input file cannot be opened" },
	{ "69", "a remote service or the NVIDIA driver is unavailable" },
	{ "70", "internal error" },
	{ "74", "I/O error, including a failed write to standard output" },
	{ NULL, NULL }
};

/* "  NAME  text", its continuation lines under the text. */
void cli_print_doc_rows(FILE *out, const struct cli_doc_row *rows, int width)
{
	const char *t, *nl;
	int i;

	for (i = 0; rows[i].name; i++) {
		fprintf(out, "  %-*s ", width, rows[i].name);
		for (t = rows[i].text; (nl = strchr(t, '\n')); t = nl + 1)
			fprintf(out, "%.*s\n%*s", (int)(nl - t), t, width + 3, "");
		fprintf(out, "%s\n", t);
	}
}

int cli_print_overview(FILE *out)
{
	int i;

	fprintf(out,
		"usage: gpu-advisor [--catalog FILE] [--no-color] COMMAND [ARGS]\n"
		"       gpu-advisor --version | --help\n\n"
		"%s\n\nCommands:\n", cli_about);
	for (i = 0; cli_commands[i]; i++)
		if (!cli_commands[i]->hidden)
			fprintf(out, "  %-10s %s\n", cli_commands[i]->name,
				cli_commands[i]->summary);
	fprintf(out,
		"\nRun 'gpu-advisor help COMMAND' or 'gpu-advisor COMMAND --help' for "
		"a command's options.\n\n"
		"Environment:\n");
	cli_print_doc_rows(out, cli_environment, 20);
	fprintf(out, "\nExit status:\n");
	cli_print_doc_rows(out, cli_exit_statuses, 3);
	return 0;
}

static int run(struct cli_ctx *ctx, const struct cli_args *args,
	       struct gpuadv_error *err)
{
	const struct cli_command *cmd;

	if (args->npos == 0)
		return cli_print_overview(ctx->out);
	cmd = cli_find_command(args->pos[0]);
	if (!cmd)
		return gpuadv_error_set(err, GPUADV_EUSAGE,
					"unknown command '%.100s'; see 'gpu-advisor --help'",
					args->pos[0]);
	return cli_print_help(ctx->out, cmd);
}

static const char *const examples[] = {
	"gpu-advisor help",
	"gpu-advisor help list",
	NULL
};

const struct cli_command cmd_help = {
	.name = "help",
	.summary = "show help for gpu-advisor or one command",
	.usage = "help [COMMAND]",
	.description = "Show the list of commands, or one command's usage, options and examples.",
	.opts = NULL,
	.examples = examples,
	.min_pos = 0,
	.max_pos = 1,
	.positional = CLI_POS_COMMAND,
	.needs_catalog = false,
	.run = run,
};
