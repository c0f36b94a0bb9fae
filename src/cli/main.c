/*
 * main.c - gpu-advisor's entry point: finds the command in the command
 * table, parses its options, loads the configuration file and the catalogue
 * once, runs the command, and turns any error into one line on stderr and a
 * documented exit code.
 */
#include <errno.h>
#include <fcntl.h>
#include <langinfo.h>
#include <locale.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "gpu_advisor/install.h"
#include "gpu_advisor/models.h"
#include "gpu_advisor/numbers.h"

const struct cli_command *const cli_commands[] = {
	&cmd_recommend,
	&cmd_compare,
	&cmd_list,
	&cmd_show,
	&cmd_memory,
	&cmd_models,
	&cmd_detect,
	&cmd_query,
	&cmd_archs,
	&cmd_catalog,
	&cmd_update,
	&cmd_help,
	&cmd_options_doc,
	&cmd_man,
	&cmd_completion,
	&cmd_complete,
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

/* A common option with a value before the command: --name FILE or
 * --name=FILE. */
static int global_value(const char **out, const char *name, int argc, char **argv,
			int *i, struct gpuadv_error *err)
{
	size_t n = strlen(name);

	if (*out)
		return gpuadv_error_set(err, GPUADV_EUSAGE, "option '--%s' given twice", name);
	if (argv[*i][2 + n] == '=')
		*out = argv[*i] + 3 + n;
	else if (*i + 1 >= argc)
		return gpuadv_error_set(err, GPUADV_EUSAGE, "option '--%s' needs a value (FILE)",
					name);
	else
		*out = argv[++*i];
	return 0;
}

/* The one map from error codes to exit codes (README, help, man page). */
int cli_exit_code(int err)
{
	switch (err) {
	case GPUADV_OK:
		return 0;
	case GPUADV_ENOTFOUND:
		return CLI_EXIT_NONE_MATCH;
	case GPUADV_EUSAGE:
		return CLI_EXIT_USAGE;
	case GPUADV_EDATA:
		return CLI_EXIT_DATA;
	case GPUADV_ENOINPUT:
		return CLI_EXIT_NOINPUT;
	case GPUADV_EUNAVAIL:
		return CLI_EXIT_UNAVAILABLE;
	case GPUADV_EIO:
		return CLI_EXIT_IO;
	default:
		return CLI_EXIT_INTERNAL;
	}
}

static void report(const struct gpuadv_error *err)
{
	char line[GPUADV_ERROR_MSG_MAX + GPUADV_ERROR_FILE_MAX + 64];

	gpuadv_error_format(line, sizeof(line), err);
	fprintf(stderr, "gpu-advisor: %s\n", line);
}

void cli_put_escaped(FILE *out, const char *s)
{
	size_t n = strlen(s);
	char *buf = malloc(4 * n + 1);

	if (!buf) {
		fputs("?", out); /* the stream's error check still follows */
		return;
	}
	gpuadv_escape(buf, 4 * n + 1, s, n, 0);
	fputs(buf, out);
	free(buf);
}

static int given_twice(struct gpuadv_error *err, const char *option)
{
	return gpuadv_error_set(err, GPUADV_EUSAGE, "option '--%s' given twice", option);
}

static int load_catalog(struct cli_ctx *ctx, const char *flag,
			struct gpuadv_error *err);

static int load_embedded(struct cli_ctx *ctx, struct gpuadv_error *err)
{
	(void)err;
	ctx->catalog_source = "embedded";
	ctx->catalog_path = NULL;
	ctx->catalog = gpuadv_embedded; /* compiled in: nothing to parse */
	snprintf(ctx->catalog_sha256, sizeof(ctx->catalog_sha256), "%s",
		 gpuadv_embedded_sha256);
	return 0;
}

/*
 * Read a file the program finds by itself (the data directory's catalogue,
 * the configuration), which anyone may have replaced by something that is
 * not a file: opened without waiting (a FIFO would hang every command,
 * `update` included), and only a regular file is read.
 */
static int read_regular(char **out, size_t *len, const char *path, size_t max,
			struct gpuadv_error *err)
{
	struct stat st;
	int fd, rc;

	*out = NULL;
	*len = 0;
	fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
	if (fd < 0)
		return gpuadv_error_set(err, GPUADV_ENOINPUT, "cannot open '%s': %s", path,
					strerror(errno));
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode))
		rc = gpuadv_error_set(err, GPUADV_ENOINPUT, "cannot read '%s': %s", path,
				      S_ISDIR(st.st_mode) ? "it is a directory"
							  : "it is not a regular file");
	else
		rc = cli_read_fd(out, len, fd, path, max, err);
	close(fd);
	return rc;
}

/* Read and load path into ctx; the caller has set source and path.
 * found: a file the program found itself (read_regular), not one named. */
static int load_file(struct cli_ctx *ctx, const char *path, bool found,
		     struct gpuadv_error *err)
{
	char *data = NULL;
	size_t len;
	int rc;

	rc = found ? read_regular(&data, &len, path, GPUADV_CATALOG_MAX_BYTES, err)
		   : cli_read_file(&data, &len, path, GPUADV_CATALOG_MAX_BYTES, err);
	if (rc == 0)
		rc = gpuadv_catalog_load(&ctx->catalog, data, len, path, err);
	if (rc == 0)
		rc = gpuadv_sha256_hex(ctx->catalog_sha256, data, len, err);
	if (rc)
		gpuadv_catalog_release(&ctx->catalog);
	free(data);
	return rc;
}

/* Read and load path as ctx's price list against ctx's catalogue. */
static int load_prices_file(struct cli_ctx *ctx, const char *path, struct gpuadv_error *err)
{
	char *data = NULL;
	size_t len;
	int rc;

	snprintf(ctx->prices_path, sizeof(ctx->prices_path), "%s", path);
	rc = cli_read_file(&data, &len, path, GPUADV_PRICES_MAX_BYTES, err);
	if (rc == 0)
		rc = gpuadv_prices_load(&ctx->prices, &ctx->catalog, data, len, path, err);
	if (rc == 0)
		rc = gpuadv_sha256_hex(ctx->prices_sha256, data, len, err);
	if (rc)
		gpuadv_prices_release(&ctx->prices);
	else
		ctx->catalog.prices = &ctx->prices;
	free(data);
	return rc;
}

/* The built-in price list matched to ctx's catalogue by GPU id. */
static int rebind_embedded(struct cli_ctx *ctx, struct gpuadv_error *err)
{
	int rc = gpuadv_prices_rebind(&ctx->prices, &ctx->catalog, &gpuadv_embedded, err);

	if (rc == 0) {
		ctx->prices_source = "embedded, matched by id";
		ctx->catalog.prices = &ctx->prices;
		snprintf(ctx->prices_sha256, sizeof(ctx->prices_sha256), "%s",
			 gpuadv_embedded_prices_sha256);
	}
	return rc;
}

/* The price list of ctx's catalogue; see cli_load_catalog. */
static int load_prices(struct cli_ctx *ctx, struct gpuadv_error *err)
{
	static bool warned;
	const char *env = getenv("GPU_ADVISOR_PRICES"), *slash;
	struct gpuadv_error why;
	char beside[4096];
	struct stat st;

	gpuadv_prices_release(&ctx->prices);
	ctx->prices_path[0] = ctx->prices_sha256[0] = '\0';
	if (ctx->prices_flag) {
		ctx->prices_source = "--prices";
		return load_prices_file(ctx, ctx->prices_flag, err);
	}
	if (env && *env) {
		ctx->prices_source = "GPU_ADVISOR_PRICES";
		return load_prices_file(ctx, env, err);
	}
	if (!ctx->catalog_path) {
		ctx->prices_source = "embedded";
		snprintf(ctx->prices_sha256, sizeof(ctx->prices_sha256), "%s",
			 gpuadv_embedded_prices_sha256);
		return 0; /* the built-in catalogue points at its list */
	}
	/* A catalogue file's price list is the prices.yaml beside it. */
	ctx->catalog.prices = NULL;
	slash = strrchr(ctx->catalog_path, '/');
	if (slash)
		snprintf(beside, sizeof(beside), "%.*s/prices.yaml",
			 (int)(slash - ctx->catalog_path), ctx->catalog_path);
	else
		snprintf(beside, sizeof(beside), "prices.yaml");
	if (strcmp(ctx->catalog_path, "-") && stat(beside, &st) == 0) {
		bool data_dir = !strcmp(ctx->catalog_source, "data directory");

		ctx->prices_source = data_dir ? "data directory" : "beside the catalogue";
		if (!data_dir)
			return load_prices_file(ctx, beside, err);
		if (load_prices_file(ctx, beside, &why) == 0)
			return 0;
		if (!warned) {
			char line[GPUADV_ERROR_MSG_MAX + GPUADV_ERROR_FILE_MAX + 64];

			gpuadv_error_format(line, sizeof(line), &why);
			fprintf(stderr, "gpu-advisor: warning: %s; using the built-in prices\n", line);
			warned = true;
		}
		return rebind_embedded(ctx, err);
	}
	/* `update` fetches the catalogue alone: keep the built-in prices for
	 * its GPUs. A catalogue of one's own has only its own prices. */
	if (!strcmp(ctx->catalog_source, "data directory"))
		return rebind_embedded(ctx, err);
	ctx->prices_source = "none";
	return 0;
}

int cli_load_catalog(struct cli_ctx *ctx, const char *flag,
		     struct gpuadv_error *err)
{
	int rc = load_catalog(ctx, flag, err);

	/* Models resolve in the compiled-in model catalogue, whichever GPU
	 * catalogue is loaded. */
	if (rc == 0)
		ctx->catalog.models = &gpuadv_embedded_models;
	return rc ? rc : load_prices(ctx, err);
}

static int load_catalog(struct cli_ctx *ctx, const char *flag,
			struct gpuadv_error *err)
{
	static bool warned; /* warn about a broken data copy once a run */
	const char *env = getenv("GPU_ADVISOR_CATALOG");
	char dir[GPUADV_PATH_MAX];
	struct gpuadv_error why;
	struct stat st;
	int n;

	gpuadv_catalog_release(&ctx->catalog);
	ctx->catalog_sha256[0] = '\0';
	if (flag) {
		ctx->catalog_source = "--catalog";
		ctx->catalog_path = flag;
		return load_file(ctx, flag, false, err);
	}
	if (env && *env) {
		ctx->catalog_source = "GPU_ADVISOR_CATALOG";
		ctx->catalog_path = env;
		return load_file(ctx, env, false, err);
	}
	/* The copy `update` installed, when there is one. */
	if (gpuadv_install_dir(dir, sizeof(dir), &why) != 0)
		return load_embedded(ctx, err);
	n = snprintf(ctx->data_catalog, sizeof(ctx->data_catalog), "%s/%s", dir,
		     GPUADV_INSTALL_FILE);
	if (n < 0 || (size_t)n >= sizeof(ctx->data_catalog) ||
	    (stat(ctx->data_catalog, &st) != 0 && (errno == ENOENT || errno == ENOTDIR)))
		return load_embedded(ctx, err);
	ctx->catalog_source = "data directory";
	ctx->catalog_path = ctx->data_catalog;
	if (load_file(ctx, ctx->data_catalog, true, &why) == 0)
		return 0;
	if (!warned) {
		char line[GPUADV_ERROR_MSG_MAX + GPUADV_ERROR_FILE_MAX + 64];

		gpuadv_error_format(line, sizeof(line), &why);
		fprintf(stderr, "gpu-advisor: warning: %s; using the built-in catalogue\n",
			line);
		warned = true;
	}
	return load_embedded(ctx, err);
}

/* Load the configuration file into ctx, when there is one. */
static int load_config(struct cli_ctx *ctx, struct gpuadv_error *err)
{
	struct gpuadv_error why;
	char *data = NULL;
	struct stat st;
	size_t len;
	int rc = 0;

	if (gpuadv_config_path(ctx->config_path, sizeof(ctx->config_path), &why)) {
		ctx->config_path[0] = '\0';
		goto done; /* no HOME: no configuration */
	}
	if (stat(ctx->config_path, &st) != 0) {
		if (errno != ENOENT && errno != ENOTDIR)
			rc = gpuadv_error_set(err, GPUADV_ENOINPUT, "cannot open '%s': %s",
					      ctx->config_path, strerror(errno));
		goto done;
	}
	/* Not a regular file (a directory, a FIFO): an error, not a fallback,
	 * since ignoring it could drop a configured signing key. */
	rc = read_regular(&data, &len, ctx->config_path, GPUADV_CONFIG_MAX_BYTES, err);
	if (rc == 0)
		rc = gpuadv_config_load(&ctx->config, data, len, ctx->config_path, err);
	ctx->have_config = rc == 0;
done:
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
	const char *global_catalog = NULL, *global_prices = NULL;
	bool global_no_color = false;
	int i = 1, rc = 0, code;

	gpuadv_error_clear(&err);
	/* The character type only: tables then show non-ASCII names as
	 * themselves under a UTF-8 locale (libsmartcols asks the locale what
	 * prints), and bar charts know whether they may use block characters.
	 * Not LC_NUMERIC, which would put decimal commas in figures, JSON and
	 * CSV. Control characters are escaped whatever the locale. */
	setlocale(LC_CTYPE, "");
	/* A reader that goes away (`list | head -1`) ends us quietly, as it
	 * does other filters, even when the parent left SIGPIPE ignored. */
	signal(SIGPIPE, SIG_DFL);
	/* Options before the command: --version, --help, and the common ones. */
	for (; i < argc && argv[i][0] == '-'; i++) {
		if (!strcmp(argv[i], "--version") || !strcmp(argv[i], "-V")) {
			printf("gpu-advisor %s\n", GPUADV_VERSION);
			goto flush;
		} else if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
			cli_print_overview(stdout);
			goto flush;
		} else if (!strcmp(argv[i], "--no-color")) {
			if (global_no_color) {
				rc = given_twice(&err, "no-color");
				goto done;
			}
			global_no_color = true;
		} else if (!strcmp(argv[i], "--catalog") ||
			   !strncmp(argv[i], "--catalog=", 10)) {
			if ((rc = global_value(&global_catalog, "catalog", argc, argv, &i, &err)))
				goto done;
		} else if (!strcmp(argv[i], "--prices") ||
			   !strncmp(argv[i], "--prices=", 9)) {
			if ((rc = global_value(&global_prices, "prices", argc, argv, &i, &err)))
				goto done;
		} else {
			rc = gpuadv_error_set(&err, GPUADV_EUSAGE,
					      "unknown option '%.100s'; see 'gpu-advisor --help'",
					      argv[i]);
			goto done;
		}
	}
	if (i >= argc) {
		cli_print_overview(stderr);
		return CLI_EXIT_USAGE;
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
	/* Before the command or after it, a common option counts once. */
	if ((global_catalog && args->catalog) || (global_no_color && args->no_color) ||
	    (global_prices && args->prices)) {
		rc = given_twice(&err, global_catalog && args->catalog ? "catalog"
				       : global_prices && args->prices ? "prices" : "no-color");
		goto done;
	}
	if (!args->catalog)
		args->catalog = global_catalog;
	if (!args->prices)
		args->prices = global_prices;
	{
		/* GPU_ADVISOR_TODAY fixes the date that price ages are measured
		 * against, for reproducible output (tests, CI snapshots). */
		const char *fixed = getenv("GPU_ADVISOR_TODAY");
		time_t now = time(NULL);
		struct tm tm;

		/* Not a date: said, not ignored (silently using the clock would
		 * break the reproducibility asked for). Empty counts as unset. */
		if (fixed && *fixed && !gpuadv_date_valid(fixed)) {
			rc = gpuadv_error_set(&err, GPUADV_EUSAGE,
					      "'GPU_ADVISOR_TODAY' must be a date (YYYY-MM-DD), got '%.40s'",
					      fixed);
			goto done;
		}
		if (fixed && *fixed)
			snprintf(ctx.today, sizeof(ctx.today), "%.10s", fixed);
		else if (now != (time_t)-1 && gmtime_r(&now, &tm))
			strftime(ctx.today, sizeof(ctx.today), "%Y-%m-%d", &tm);
	}
	ctx.cmd = cmd;
	ctx.catalog_flag = args->catalog;
	ctx.prices_flag = args->prices;
	ctx.out = stdout;
	ctx.color = want_color(global_no_color || args->no_color);
	ctx.columns = terminal_columns();
	ctx.utf8 = !strcmp(nl_langinfo(CODESET), "UTF-8");
	if (cmd->needs_catalog || cmd == &cmd_update) {
		rc = load_config(&ctx, &err);
		if (rc)
			goto done;
	}
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
	/* One wording for a failed write to stdout, whoever noticed it. */
	if (rc == GPUADV_EIO && ferror(stdout))
		gpuadv_error_set(&err, GPUADV_EIO, "cannot write to standard output");
	if (rc && err.message[0])
		report(&err);
	code = rc ? cli_exit_code(rc) : ctx.exit_code;
	gpuadv_catalog_release(&ctx.catalog);
	gpuadv_prices_release(&ctx.prices);
	gpuadv_config_release(&ctx.config);
	free(args);
	return code;
}
