/*
 * main.c - gpu-advisor's entry point: finds the command in the command
 * table, parses its options, loads the catalogue once, runs the command, and
 * turns any error into one line on stderr and a documented exit code.
 */
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "cli.h"

extern const unsigned char gpuadv_embedded_catalog[];
extern const size_t gpuadv_embedded_catalog_len;

const struct cli_command *const cli_commands[] = {
	&cmd_recommend,
	&cmd_compare,
	&cmd_list,
	&cmd_show,
	&cmd_query,
	&cmd_archs,
	&cmd_catalog,
	&cmd_help,
	NULL
};

const struct cli_command *cli_find_command(const char *name)
{
	int i;

	for (i = 0; cli_commands[i]; i++)
		if (!strcmp(cli_commands[i]->name, name))
			return cli_commands[i];
	return NULL;
}

static void report(const struct gpuadv_error *err)
{
	char line[GPUADV_ERROR_MSG_MAX + GPUADV_ERROR_FILE_MAX + 64];

	gpuadv_error_format(line, sizeof(line), err);
	fprintf(stderr, "gpu-advisor: %s\n", line);
}

int cli_load_catalog(struct cli_ctx *ctx, const char *flag,
		     struct gpuadv_error *err)
{
	const char *env = getenv("GPU_ADVISOR_CATALOG");
	char *data = NULL;
	size_t len;
	int rc;

	if (flag) {
		ctx->catalog_source = "--catalog";
		ctx->catalog_path = flag;
	} else if (env && *env) {
		ctx->catalog_source = "GPU_ADVISOR_CATALOG";
		ctx->catalog_path = env;
	} else {
		ctx->catalog_source = "embedded";
		return gpuadv_catalog_load(&ctx->catalog,
					   (const char *)gpuadv_embedded_catalog,
					   gpuadv_embedded_catalog_len, "<embedded>",
					   err);
	}
	rc = cli_read_file(&data, &len, ctx->catalog_path, GPUADV_CATALOG_MAX_BYTES,
			   err);
	if (rc == 0)
		rc = gpuadv_catalog_load(&ctx->catalog, data, len, ctx->catalog_path,
					 err);
	free(data);
	return rc;
}

static bool want_color(bool no_color_flag)
{
	const char *nc = getenv("NO_COLOR");

	if (no_color_flag || (nc && *nc))
		return false;
	return isatty(STDOUT_FILENO);
}

static int terminal_columns(void)
{
	struct winsize ws;

	if (isatty(STDOUT_FILENO) && ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 &&
	    ws.ws_col > 0)
		return ws.ws_col;
	return 0;
}

int main(int argc, char **argv)
{
	struct cli_ctx ctx = { 0 };
	struct gpuadv_error err;
	struct cli_args *args = NULL;
	const struct cli_command *cmd;
	const char *global_catalog = NULL;
	bool global_no_color = false;
	int i = 1, rc = 0, code;

	gpuadv_error_clear(&err);
	/* Options before the command: --version, --help, and the common ones. */
	for (; i < argc && argv[i][0] == '-'; i++) {
		if (!strcmp(argv[i], "--version") || !strcmp(argv[i], "-V")) {
			printf("gpu-advisor %s\n", GPUADV_VERSION);
			goto flush;
		} else if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
			cli_print_overview(stdout);
			goto flush;
		} else if (!strcmp(argv[i], "--no-color")) {
			global_no_color = true;
		} else if (!strcmp(argv[i], "--catalog") && i + 1 < argc) {
			global_catalog = argv[++i];
		} else if (!strncmp(argv[i], "--catalog=", 10)) {
			global_catalog = argv[i] + 10;
		} else {
			rc = gpuadv_error_set(&err, GPUADV_EUSAGE,
					      "unknown option '%.100s'; see 'gpu-advisor --help'",
					      argv[i]);
			goto done;
		}
	}
	if (i >= argc) {
		cli_print_overview(stderr);
		return EXIT_USAGE;
	}
	cmd = cli_find_command(argv[i]);
	if (!cmd) {
		rc = gpuadv_error_set(&err, GPUADV_EUSAGE,
				      "unknown command '%.100s'; see 'gpu-advisor --help'",
				      argv[i]);
		goto done;
	}
	args = calloc(1, sizeof(*args));
	if (!args) {
		rc = gpuadv_error_set(&err, GPUADV_ENOMEM, "out of memory");
		goto done;
	}
	rc = cli_parse(args, cmd, argc - i - 1, argv + i + 1, &err);
	if (rc)
		goto done;
	if (args->help) {
		cli_print_help(stdout, cmd);
		goto flush;
	}
	if (!args->catalog)
		args->catalog = global_catalog;
	ctx.cmd = cmd;
	ctx.catalog_flag = args->catalog;
	ctx.out = stdout;
	ctx.color = want_color(global_no_color || args->no_color);
	ctx.columns = terminal_columns();
	if (cmd->needs_catalog) {
		rc = cli_load_catalog(&ctx, args->catalog, &err);
		if (rc)
			goto done;
	}
	rc = cmd->run(&ctx, args, &err);
	if (rc)
		goto done;
flush:
	/* A failed write to stdout (a full disk, a closed pipe) is an error. */
	if (fflush(stdout) != 0 || ferror(stdout))
		rc = gpuadv_error_set(&err, GPUADV_EIO, "cannot write to standard output");
done:
	if (rc && err.message[0])
		report(&err);
	code = rc ? cli_exit_code(rc) : ctx.exit_code;
	gpuadv_catalog_release(&ctx.catalog);
	free(args);
	return code;
}
