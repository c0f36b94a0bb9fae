/*
 * options.c - the option parser, help printer and query builder that every
 * command shares. A command's option list (parameter-table rows and its
 * CLI-only options) drives all three, so --help can never drift from what
 * the parser accepts, nor a flag's checks from a JSON request's.
 */
#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"

/* Options every command takes, shown after the command's own. */
const struct cli_opt cli_common_opts[] = {
	CLI_OPT("catalog", 0, "FILE", "read the catalogue from FILE instead of the built-in one"),
	CLI_OPT("prices", 0, "FILE", "read the price list from FILE (default: the built-in one, or prices.yaml beside --catalog FILE)"),
	CLI_OPT("no-color", 0, NULL, "no colour, even on a terminal (also: NO_COLOR set)"),
	CLI_OPT("help", 'h', NULL, "show this help"),
	CLI_OPT_END
};

bool cli_opt_end(const struct cli_opt *o)
{
	return !o->param && !o->name;
}

static int opt_count(const struct cli_opt *opts)
{
	int n = 0;

	while (opts && !cli_opt_end(&opts[n]))
		n++;
	return n;
}

const char *cli_opt_name(const struct cli_opt *o)
{
	return o->param ? gpuadv_param(o->param)->flag : o->name;
}

char cli_opt_letter(const struct cli_opt *o)
{
	return o->param ? gpuadv_param(o->param)->letter : o->short_name;
}

const char *cli_opt_metavar(const struct cli_opt *o)
{
	return o->param ? gpuadv_param(o->param)->metavar : o->metavar;
}

void cli_opt_help(char *buf, size_t size, const struct cli_command *cmd,
		  const struct cli_opt *o)
{
	const char *mark;
	char list[128];

	if (o->param) {
		gpuadv_param_help(buf, size, gpuadv_param(o->param), o->help);
		return;
	}
	mark = strstr(o->help, "{formats}");
	if (!mark) {
		snprintf(buf, size, "%s", o->help);
		return;
	}
	cli_format_list(list, sizeof(list), cmd ? cmd->formats : 0, true);
	snprintf(buf, size, "%.*s%s%s", (int)(mark - o->help), o->help, list,
		 mark + strlen("{formats}"));
}

bool cli_opt_repeatable(const struct cli_opt *o)
{
	return o->param ? gpuadv_param(o->param)->repeatable : o->repeatable;
}

/* Find an option by long name (len bytes of name) or short letter. */
static int find_opt(const struct cli_opt *opts, const char *name, size_t len,
		    char letter)
{
	int i;

	for (i = 0; opts && !cli_opt_end(&opts[i]); i++) {
		const char *n = cli_opt_name(&opts[i]);

		if (letter ? cli_opt_letter(&opts[i]) == letter
			   : (strlen(n) == len && strncmp(n, name, len) == 0))
			return i;
	}
	return -1;
}

static int usage_error(struct gpuadv_error *err, const char *field,
		       const char *fmt, const char *a, const char *b)
{
	/* fmt is always a literal of this file taking two strings. */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
	gpuadv_error_set(err, GPUADV_EUSAGE, fmt, a, b);
#pragma GCC diagnostic pop
	if (field)
		snprintf(err->field, sizeof(err->field), "%s", field);
	return GPUADV_EUSAGE;
}

static int store(struct cli_args *out, const struct cli_opt *opt, int idx,
		 bool common, const char *value, struct gpuadv_error *err)
{
	const char *name = cli_opt_name(opt);
	int *count = common ? &out->common_count[idx] : &out->count[idx];

	/* Only --help may come twice: it asks the same thing again. */
	if (*count > 0 && !cli_opt_repeatable(opt) && !(common && !strcmp(name, "help")))
		return usage_error(err, name, "option '--%s' given twice%s", name, "");
	if (*count >= CLI_MAX_REPEAT)
		return usage_error(err, name, "option '--%s' given too often%s", name, "");
	(*count)++;
	if (common) {
		if (!strcmp(name, "catalog"))
			out->catalog = value;
		else if (!strcmp(name, "prices"))
			out->prices = value;
		else if (!strcmp(name, "no-color"))
			out->no_color = true;
		else
			out->help = true;
		return 0;
	}
	out->values[idx][out->count[idx] - 1] = value ? value : "";
	return 0;
}

/* The entry for a long name or a short letter: the command's own, else a
 * common one. */
static const struct cli_opt *lookup(const struct cli_command *cmd, const char *name,
				    size_t len, char letter, int *idx, bool *common)
{
	*common = false;
	if ((*idx = find_opt(cmd->opts, name, len, letter)) >= 0)
		return &cmd->opts[*idx];
	*common = true;
	if ((*idx = find_opt(cli_common_opts, name, len, letter)) >= 0)
		return &cli_common_opts[*idx];
	return NULL;
}

static int unknown(struct gpuadv_error *err, const struct cli_command *cmd,
		   const char *name, size_t len, char letter)
{
	char shown[64], shortbuf[2] = { letter, 0 };

	snprintf(shown, sizeof(shown), "%s%.*s", letter ? "-" : "--",
		 (int)(len < 40 ? len : 40), letter ? shortbuf : name);
	return usage_error(err, NULL, "unknown option '%s' for '%s'; see --help", shown,
			   cmd->name);
}

/* One argument of short options: "-r", "-n5", "-n 5", "-rx" (flags
 * grouped), "-rn5" (flags, then one that takes the rest as its value). */
static int parse_short(struct cli_args *out, const struct cli_command *cmd, int argc,
		       char **argv, int *i, struct gpuadv_error *err)
{
	const char *arg = argv[*i] + 1;
	int idx, rc;

	for (; *arg; arg++) {
		const struct cli_opt *opt;
		const char *value = NULL;
		bool common;

		if (!(opt = lookup(cmd, NULL, 1, *arg, &idx, &common)))
			return unknown(err, cmd, NULL, 1, *arg);
		if (cli_opt_metavar(opt)) {
			if (arg[1]) {
				value = arg + 1;
			} else if (*i + 1 >= argc) {
				return usage_error(err, cli_opt_name(opt),
						   "option '--%s' needs a value (%s)",
						   cli_opt_name(opt), cli_opt_metavar(opt));
			} else {
				value = argv[++*i];
			}
		}
		if ((rc = store(out, opt, idx, common, value, err)))
			return rc;
		if (value)
			break;
	}
	return 0;
}

int cli_parse(struct cli_args *out, const struct cli_command *cmd, int argc,
	      char **argv, struct gpuadv_error *err)
{
	bool only_pos = false;
	int i, rc;

	memset(out, 0, sizeof(*out));
	if (opt_count(cmd->opts) > CLI_MAX_OPTS)
		return gpuadv_error_set(err, GPUADV_EINTERNAL, "too many options");
	for (i = 0; i < argc; i++) {
		const char *arg = argv[i], *value = NULL, *eq;
		const struct cli_opt *opt;
		size_t len;
		int idx;
		bool common;

		if (only_pos || arg[0] != '-' || !strcmp(arg, "-")) {
			if (out->npos >= CLI_MAX_POS)
				return usage_error(err, NULL, "too many arguments for '%s'; usage: gpu-advisor %s",
						   cmd->name, cmd->usage);
			out->pos[out->npos++] = arg;
			continue;
		}
		if (!strcmp(arg, "--")) {
			only_pos = true;
			continue;
		}
		if (arg[1] != '-') {
			if ((rc = parse_short(out, cmd, argc, argv, &i, err)))
				return rc;
			continue;
		}
		arg += 2;
		eq = strchr(arg, '=');
		len = eq ? (size_t)(eq - arg) : strlen(arg);
		if (eq)
			value = eq + 1;
		if (!(opt = lookup(cmd, arg, len, 0, &idx, &common)))
			return unknown(err, cmd, arg, len, 0);
		if (cli_opt_metavar(opt) && !value) {
			if (i + 1 >= argc)
				return usage_error(err, cli_opt_name(opt),
						   "option '--%s' needs a value (%s)",
						   cli_opt_name(opt), cli_opt_metavar(opt));
			value = argv[++i];
		} else if (!cli_opt_metavar(opt) && value) {
			return usage_error(err, cli_opt_name(opt),
					   "option '--%s' takes no value%s",
					   cli_opt_name(opt), "");
		}
		if ((rc = store(out, opt, idx, common, value, err)))
			return rc;
	}
	if (out->help)
		return 0;
	if (out->npos < cmd->min_pos)
		return usage_error(err, NULL, "'%s' needs more arguments; usage: gpu-advisor %s",
				   cmd->name, cmd->usage);
	if (out->npos > cmd->max_pos)
		return usage_error(err, NULL, "too many arguments for '%s'; usage: gpu-advisor %s",
				   cmd->name, cmd->usage);
	return 0;
}

static int index_of(const struct cli_command *cmd, const char *name)
{
	int i = find_opt(cmd->opts, name, strlen(name), 0);

	if (i < 0) {
		/* A command asking for an option it does not declare is a bug. */
		abort();
	}
	return i;
}

const char *cli_get(const struct cli_args *args, const struct cli_command *cmd,
		    const char *name)
{
	int i = index_of(cmd, name);

	return args->count[i] ? args->values[i][args->count[i] - 1] : NULL;
}

bool cli_flag(const struct cli_args *args, const struct cli_command *cmd,
	      const char *name)
{
	return args->count[index_of(cmd, name)] > 0;
}

static void print_opts(FILE *out, const struct cli_command *cmd, const struct cli_opt *opts)
{
	int i;

	for (i = 0; !cli_opt_end(&opts[i]); i++) {
		const char *name = cli_opt_name(&opts[i]), *mv = cli_opt_metavar(&opts[i]);
		char left[64], help[512];

		if (!name)
			continue; /* a positional parameter: the usage line shows it */
		if (cli_opt_letter(&opts[i]))
			snprintf(left, sizeof(left), "-%c, --%s%s%s", cli_opt_letter(&opts[i]),
				 name, mv ? " " : "", mv ? mv : "");
		else
			snprintf(left, sizeof(left), "    --%s%s%s", name, mv ? " " : "",
				 mv ? mv : "");
		cli_opt_help(help, sizeof(help), cmd, &opts[i]);
		fprintf(out, "  %-28s %s%s\n", left, help,
			cli_opt_repeatable(&opts[i]) ? " (repeatable)" : "");
	}
}

int cli_print_help(FILE *out, const struct cli_command *cmd)
{
	int i;

	fprintf(out, "usage: gpu-advisor %s\n\n%s\n", cmd->usage, cmd->description);
	if (opt_count(cmd->opts)) {
		fprintf(out, "\nOptions:\n");
		print_opts(out, cmd, cmd->opts);
	}
	fprintf(out, "\nCommon options:\n");
	print_opts(out, NULL, cli_common_opts);
	if (cmd->examples && cmd->examples[0]) {
		fprintf(out, "\nExamples:\n");
		for (i = 0; cmd->examples[i]; i++)
			fprintf(out, "  %s\n", cmd->examples[i]);
	}
	fprintf(out, "\nExit status:\n");
	cli_print_doc_rows(out, cli_exit_statuses, 3);
	return 0;
}

int cli_number(double *out, const char *flag, const char *value, double min,
	       double max, bool integer, struct gpuadv_error *err)
{
	if (gpuadv_parse_number(out, value, min, max, integer) == 0)
		return 0;
	gpuadv_error_set(err, GPUADV_EUSAGE,
			 "option '--%s' must be %s from %g to %g, got '%.100s'", flag,
			 integer ? "an integer" : "a number", min, max, value);
	snprintf(err->field, sizeof(err->field), "%s", flag);
	return GPUADV_EUSAGE;
}

void cli_format_list(char *buf, size_t size, unsigned formats, bool mark_default)
{
	size_t used = 0;
	int f, last = -1, n = 0;

	for (f = 0; f <= GPUADV_FORMAT_PNG; f++)
		if (formats & (1u << f))
			last = f;
	buf[0] = '\0';
	for (f = 0; f <= GPUADV_FORMAT_PNG && used < size; f++)
		if (formats & (1u << f))
			used += (size_t)snprintf(buf + used, size - used, "%s%s%s",
						 !n++ ? "" : f == last ? " or " : ", ",
						 gpuadv_format_name((enum gpuadv_format)f),
						 mark_default && f == GPUADV_FORMAT_TEXT
							 ? " (default)" : "");
}

int cli_format(enum gpuadv_format *out, const char *value, unsigned allowed,
	       struct gpuadv_error *err)
{
	char names[128];
	int f;

	f = value ? gpuadv_format_parse(value) : GPUADV_FORMAT_TEXT;
	if (f >= 0 && (allowed & (1u << f))) {
		*out = (enum gpuadv_format)f;
		return 0;
	}
	cli_format_list(names, sizeof(names), allowed, false);
	return usage_error(err, "format", "option '--format' must be %s, got '%.100s'",
			   names, value);
}

/* The configuration file's prices: an unknown GPU or a clash there is an
 * error at its file:line:column. */
static int config_prices(struct gpuadv_query *q, struct cli_ctx *ctx,
			 struct gpuadv_error *err)
{
	const struct gpuadv_config *cfg = &ctx->config;
	const struct gpuadv_gpu *g;
	struct gpuadv_error why;
	size_t i;

	for (i = 0; ctx->have_config && i < cfg->price_count; i++) {
		const struct gpuadv_config_price *p = &cfg->prices[i];

		gpuadv_error_clear(&why);
		if (!(g = gpuadv_catalog_find_gpu(&ctx->catalog, p->name, &why)) ||
		    gpuadv_query_add_price(q, g, p->usd, "config", false,
					   GPUADV_NAMING_CONFIG, &why))
			return gpuadv_error_at(err, GPUADV_EDATA, cfg->origin, p->line,
					       p->column, "%s%s", why.message,
					       g ? " in 'prices'" : "");
	}
	return 0;
}

/* The configuration file's query settings the command takes (price_basis,
 * years, ...): a bad one is an error at its file:line:column. */
static int config_settings(struct gpuadv_query *q, struct cli_ctx *ctx,
			   struct gpuadv_error *err)
{
	const struct gpuadv_config *cfg = &ctx->config;
	struct gpuadv_error why;
	size_t i;

	for (i = 0; ctx->have_config && i < cfg->setting_count; i++) {
		const struct gpuadv_config_setting *s = &cfg->settings[i];
		const struct gpuadv_param_def *p = gpuadv_param((enum gpuadv_param)s->param);

		if (!p || !(p->commands & GPUADV_CMD_BIT(q->command)))
			continue;
		gpuadv_error_clear(&why);
		if (gpuadv_param_set_text(q, &ctx->catalog, p, s->value, GPUADV_NAMING_CONFIG,
					  &why))
			return gpuadv_error_at(err, GPUADV_EDATA, cfg->origin, s->line, s->column,
					       "%s", why.message);
	}
	return 0;
}

int cli_query_build(struct gpuadv_query *q, struct cli_ctx *ctx,
		    const struct cli_args *args, struct gpuadv_error *err)
{
	const struct cli_command *cmd = ctx->cmd;
	enum gpuadv_command c = (enum gpuadv_command)cmd->query;
	const struct gpuadv_catalog *cat = &ctx->catalog;
	int i, k, rc, id;

	gpuadv_query_init(q, c);
	q->today = ctx->today[0] ? ctx->today : NULL;
	if ((gpuadv_param(GPUADV_P_PRICES)->commands & GPUADV_CMD_BIT(c)) &&
	    (rc = config_prices(q, ctx, err)))
		return rc;
	if ((rc = config_settings(q, ctx, err)))
		return rc; /* the flags below beat the file */
	for (i = 0; !cli_opt_end(&cmd->opts[i]); i++) {
		const struct gpuadv_param_def *p = gpuadv_param(cmd->opts[i].param);

		if (!p)
			continue;
		if ((p->required & GPUADV_CMD_BIT(c)) && !args->count[i])
			return gpuadv_error_set(err, GPUADV_EUSAGE,
						"'%s' needs --%s; see 'gpu-advisor %s --help'",
						cmd->name, p->flag, cmd->name);
	}
	for (i = 0; !cli_opt_end(&cmd->opts[i]); i++) {
		const struct gpuadv_param_def *p = gpuadv_param(cmd->opts[i].param);

		for (k = 0; p && k < args->count[i]; k++)
			if ((rc = gpuadv_param_set_text(q, cat, p, args->values[i][k],
							GPUADV_NAMING_FLAG, err)))
				return rc;
	}
	/* Positional arguments are the GPUs, where the command takes them. */
	for (id = 1; id < GPUADV_P_COUNT; id++) {
		const struct gpuadv_param_def *p = gpuadv_param((enum gpuadv_param)id);

		if (p->flag || !(p->commands & GPUADV_CMD_BIT(c)))
			continue;
		for (k = 0; k < args->npos; k++)
			if ((rc = gpuadv_param_set_text(q, cat, p, args->pos[k],
							GPUADV_NAMING_FLAG, err)))
				return rc;
	}
	return gpuadv_query_validate(q, GPUADV_NAMING_FLAG, err);
}

int cli_read_fd(char **out, size_t *len, int fd, const char *path, size_t max,
		struct gpuadv_error *err)
{
	size_t cap = 65536, n = 0;
	char *buf, *grown;
	ssize_t got;
	int rc = 0;

	*out = NULL;
	*len = 0;
	if (!(buf = malloc(cap + 1)))
		return gpuadv_error_set(err, GPUADV_ENOMEM, "out of memory");
	while ((got = read(fd, buf + n, cap - n)) != 0) {
		if (got < 0) {
			if (errno == EINTR)
				continue;
			rc = gpuadv_error_set(err, GPUADV_EIO, "cannot read '%s': %s", path,
					      strerror(errno));
			goto done;
		}
		n += (size_t)got;
		if (n > max) {
			rc = gpuadv_error_set(err, GPUADV_EDATA,
					      "'%s' is larger than %zu bytes", path, max);
			goto done;
		}
		if (n == cap) {
			cap *= 2;
			if (!(grown = realloc(buf, cap + 1))) {
				rc = gpuadv_error_set(err, GPUADV_ENOMEM, "out of memory");
				goto done;
			}
			buf = grown;
		}
	}
	buf[n] = '\0';
	*out = buf;
	*len = n;
	buf = NULL;
done:
	free(buf);
	return rc;
}

int cli_read_file(char **out, size_t *len, const char *path, size_t max,
		  struct gpuadv_error *err)
{
	int fd = strcmp(path, "-") ? open(path, O_RDONLY | O_CLOEXEC) : STDIN_FILENO;
	struct stat st;
	int rc;

	*out = NULL;
	*len = 0;
	if (fd < 0)
		return gpuadv_error_set(err, GPUADV_ENOINPUT, "cannot open '%s': %s",
					path, strerror(errno));
	if (fstat(fd, &st) == 0 && S_ISDIR(st.st_mode))
		rc = gpuadv_error_set(err, GPUADV_ENOINPUT, "cannot open '%s': it is a directory",
				      path);
	else
		rc = cli_read_fd(out, len, fd, path, max, err);
	if (fd != STDIN_FILENO)
		close(fd);
	return rc;
}
