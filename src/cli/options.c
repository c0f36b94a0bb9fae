/*
 * options.c - the option parser and help printer that every command shares.
 * A command's option table drives both, so --help can never drift from what
 * the parser accepts.
 */
#include <errno.h>
#include <sys/stat.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

/* Options every command takes, shown after the command's own. */
static const struct cli_opt common_opts[] = {
	CLI_OPT("catalog", 0, "FILE", "read the catalogue from FILE instead of the built-in one"),
	CLI_OPT("no-color", 0, NULL, "no colour, even on a terminal (also: NO_COLOR set)"),
	CLI_OPT("help", 'h', NULL, "show this help"),
	CLI_OPT_END
};

static int opt_count(const struct cli_opt *opts)
{
	int n = 0;

	while (opts && opts[n].name)
		n++;
	return n;
}

/* Find an option by long name (len bytes of name) or short letter. */
static int find_opt(const struct cli_opt *opts, const char *name, size_t len,
		    char letter)
{
	int i;

	for (i = 0; opts && opts[i].name; i++) {
		if (letter ? opts[i].short_name == letter
			   : (strlen(opts[i].name) == len &&
			      strncmp(opts[i].name, name, len) == 0))
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

static int store(struct cli_args *out, const struct cli_command *cmd,
		 const struct cli_opt *opt, int idx, bool common,
		 const char *value, struct gpuadv_error *err)
{
	if (common) {
		if (!strcmp(opt->name, "catalog"))
			out->catalog = value;
		else if (!strcmp(opt->name, "no-color"))
			out->no_color = true;
		else
			out->help = true;
		return 0;
	}
	if (out->count[idx] > 0 && !opt->repeatable)
		return usage_error(err, opt->name, "option '--%s' given twice%s",
				   opt->name, "");
	if (out->count[idx] >= CLI_MAX_REPEAT)
		return usage_error(err, opt->name, "option '--%s' given too often%s",
				   opt->name, "");
	out->values[idx][out->count[idx]++] = value ? value : "";
	(void)cmd;
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
		const struct cli_opt *table = cmd->opts, *opt;
		char letter = 0, shortbuf[2] = { 0 };
		size_t len;
		int idx;
		bool common = false;

		if (only_pos || arg[0] != '-' || !strcmp(arg, "-")) {
			if (out->npos >= CLI_MAX_POS)
				return usage_error(err, NULL, "too many arguments%s%s",
						   "", "");
			out->pos[out->npos++] = arg;
			continue;
		}
		if (!strcmp(arg, "--")) {
			only_pos = true;
			continue;
		}
		if (arg[1] == '-') {
			arg += 2;
			eq = strchr(arg, '=');
			len = eq ? (size_t)(eq - arg) : strlen(arg);
			if (eq)
				value = eq + 1;
		} else {
			letter = arg[1];
			shortbuf[0] = letter;
			len = 1;
			if (arg[2])
				value = arg + 2; /* -n5 */
		}
		idx = find_opt(table, arg, len, letter);
		if (idx < 0) {
			table = common_opts;
			common = true;
			idx = find_opt(table, arg, len, letter);
		}
		if (idx < 0) {
			char name[64];

			snprintf(name, sizeof(name), "%s%.*s", letter ? "-" : "--",
				 (int)(len < 40 ? len : 40), letter ? shortbuf : arg);
			return usage_error(err, NULL,
					   "unknown option '%s' for '%s'; see --help",
					   name, cmd->name);
		}
		opt = &table[idx];
		if (opt->metavar && !value) {
			if (i + 1 >= argc)
				return usage_error(err, opt->name,
						   "option '--%s' needs a value (%s)",
						   opt->name, opt->metavar);
			value = argv[++i];
		} else if (!opt->metavar && value) {
			return usage_error(err, opt->name,
					   "option '--%s' takes no value%s",
					   opt->name, "");
		}
		rc = store(out, cmd, opt, idx, common, value, err);
		if (rc)
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

static void print_opts(FILE *out, const struct cli_opt *opts)
{
	int i;

	for (i = 0; opts[i].name; i++) {
		char left[64];

		if (opts[i].short_name)
			snprintf(left, sizeof(left), "-%c, --%s%s%s", opts[i].short_name,
				 opts[i].name, opts[i].metavar ? " " : "",
				 opts[i].metavar ? opts[i].metavar : "");
		else
			snprintf(left, sizeof(left), "    --%s%s%s", opts[i].name,
				 opts[i].metavar ? " " : "",
				 opts[i].metavar ? opts[i].metavar : "");
		fprintf(out, "  %-28s %s%s\n", left, opts[i].help,
			opts[i].repeatable ? " (repeatable)" : "");
	}
}

int cli_print_help(FILE *out, const struct cli_command *cmd)
{
	int i;

	fprintf(out, "usage: gpu-advisor %s\n\n%s\n", cmd->usage, cmd->description);
	if (opt_count(cmd->opts)) {
		fprintf(out, "\nOptions:\n");
		print_opts(out, cmd->opts);
	}
	fprintf(out, "\nCommon options:\n");
	print_opts(out, common_opts);
	if (cmd->examples && cmd->examples[0]) {
		fprintf(out, "\nExamples:\n");
		for (i = 0; cmd->examples[i]; i++)
			fprintf(out, "  %s\n", cmd->examples[i]);
	}
	fprintf(out, "\nExit status: 0 success, 1 nothing matched, 64 usage error, "
		     "65 bad data,\n66 cannot open input, 69 service unavailable, "
		     "70 internal error, 74 I/O error.\n");
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

int cli_format(enum gpuadv_format *out, const char *value,
	       struct gpuadv_error *err)
{
	if (!value || !strcmp(value, "text"))
		*out = GPUADV_FORMAT_TEXT;
	else if (!strcmp(value, "json"))
		*out = GPUADV_FORMAT_JSON;
	else
		return usage_error(err, "format",
				   "option '--format' must be text or json, got '%.100s'%s",
				   value, "");
	return 0;
}

int cli_workload(const struct gpuadv_workload **out,
		 const struct gpuadv_catalog *cat, const char *value,
		 struct gpuadv_error *err)
{
	char list[512] = "";
	size_t i, used = 0;

	*out = gpuadv_catalog_find_workload(cat, value);
	if (*out)
		return 0;
	for (i = 0; i < cat->workload_count && used < sizeof(list); i++)
		used += (size_t)snprintf(list + used, sizeof(list) - used, "%s%s",
					 i ? ", " : "", cat->workloads[i].id);
	return usage_error(err, "workload", "unknown workload '%.100s'; known: %s",
			   value, list);
}

int cli_arch(const struct gpuadv_arch **out, const struct gpuadv_catalog *cat,
	     const char *value, struct gpuadv_error *err)
{
	if ((*out = gpuadv_catalog_find_arch(cat, value)))
		return 0;
	return usage_error(err, "arch", "unknown architecture '%.100s'; see 'gpu-advisor archs'%s",
			   value, "");
}

int cli_segment(int *out, const char *value, struct gpuadv_error *err)
{
	if ((*out = gpuadv_segment_parse(value)) >= 0)
		return 0;
	return usage_error(err, "segment",
			   "option '--segment' must be consumer, workstation or datacenter, got '%.100s'%s",
			   value, "");
}

int cli_precision(int *out, const char *value, struct gpuadv_error *err)
{
	*out = gpuadv_precision_parse(value);
	if (*out == GPUADV_FP32 || *out == GPUADV_TF32 || *out == GPUADV_FP16 ||
	    *out == GPUADV_BF16 || *out == GPUADV_INT8 || *out == GPUADV_FP8)
		return 0;
	return usage_error(err, "precision",
			   "option '--precision' must be fp32, tf32, fp16, bf16, int8 or fp8, got '%.100s'%s",
			   value, "");
}

int cli_read_file(char **out, size_t *len, const char *path, size_t max,
		  struct gpuadv_error *err)
{
	FILE *f = strcmp(path, "-") ? fopen(path, "rb") : stdin;
	size_t cap = 65536, n = 0, got;
	char *buf = NULL, *grown;
	struct stat st;
	int rc = 0;

	*out = NULL;
	*len = 0;
	if (!f)
		return gpuadv_error_set(err, GPUADV_ENOINPUT, "cannot open '%s': %s",
					path, strerror(errno));
	if (fstat(fileno(f), &st) == 0 && S_ISDIR(st.st_mode)) {
		rc = gpuadv_error_set(err, GPUADV_ENOINPUT, "cannot open '%s': it is a directory",
				      path);
		goto done;
	}
	buf = malloc(cap + 1);
	if (!buf) {
		rc = gpuadv_error_set(err, GPUADV_ENOMEM, "out of memory");
		goto done;
	}
	while ((got = fread(buf + n, 1, cap - n, f)) > 0) {
		n += got;
		if (n > max) {
			rc = gpuadv_error_set(err, GPUADV_EDATA,
					      "'%s' is larger than %zu bytes", path, max);
			goto done;
		}
		if (n == cap) {
			cap *= 2;
			grown = realloc(buf, cap + 1);
			if (!grown) {
				rc = gpuadv_error_set(err, GPUADV_ENOMEM, "out of memory");
				goto done;
			}
			buf = grown;
		}
	}
	if (ferror(f)) {
		rc = gpuadv_error_set(err, GPUADV_EIO, "cannot read '%s': %s", path,
				      strerror(errno));
		goto done;
	}
	buf[n] = '\0';
	*out = buf;
	*len = n;
	buf = NULL;
done:
	free(buf);
	if (f != stdin)
		fclose(f);
	return rc;
}

int cli_exit_code(int err)
{
	switch (err) {
	case GPUADV_OK:
		return 0;
	case GPUADV_ENOTFOUND:
		return EXIT_NONE_MATCH;
	case GPUADV_EUSAGE:
		return EXIT_USAGE;
	case GPUADV_EDATA:
		return EXIT_DATA;
	case GPUADV_ENOINPUT:
		return EXIT_NOINPUT;
	case GPUADV_EUNAVAIL:
		return EXIT_UNAVAILABLE;
	case GPUADV_EIO:
		return EXIT_IO;
	default:
		return EXIT_INTERNAL;
	}
}
