/* cmd_help.c - `gpu-advisor help [COMMAND]` and the overview of commands. */
#include <string.h>

#include "cli.h"

int cli_print_overview(FILE *out)
{
	int i;

	fprintf(out,
		"usage: gpu-advisor [--catalog FILE] [--no-color] COMMAND [ARGS]\n"
		"       gpu-advisor --version | --help\n\n"
		"Choose an NVIDIA GPU for deep learning, from a sourced catalogue of\n"
		"architectures and GPU models.\n\nCommands:\n");
	for (i = 0; cli_commands[i]; i++)
		if (!cli_commands[i]->hidden)
			fprintf(out, "  %-10s %s\n", cli_commands[i]->name,
				cli_commands[i]->summary);
	fprintf(out,
		"\nRun 'gpu-advisor help COMMAND' or 'gpu-advisor COMMAND --help' for "
		"a command's options.\n\n"
		"Environment:\n"
		"  GPU_ADVISOR_CATALOG  read the catalogue from this file\n"
		"  GPU_ADVISOR_NVML     the NVML library 'detect' loads (default:\n"
		"                       libnvidia-ml.so.1, from the NVIDIA driver)\n"
		"  GPU_ADVISOR_TODAY    date (YYYY-MM-DD) that price ages are measured\n"
		"                       against, for reproducible output (default: today)\n"
		"  NO_COLOR             when set, never colour the output\n"
		"  XDG_CONFIG_HOME      where gpu-advisor/config.yaml is (default ~/.config)\n"
		"  XDG_DATA_HOME        where 'update' installs gpu-advisor/catalog.yaml\n"
		"                       (default ~/.local/share)\n\n"
		"Exit status:\n"
		"  0   success\n"
		"  1   a valid query that nothing satisfies\n"
		"  64  usage error (bad option, value or GPU name)\n"
		"  65  bad data (catalogue, query)\n"
		"  66  an input file cannot be opened\n"
		"  69  a remote service or the NVIDIA driver is unavailable\n"
		"  70  internal error\n"
		"  74  I/O error, including a failed write to standard output\n");
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
	.needs_catalog = false,
	.run = run,
};
