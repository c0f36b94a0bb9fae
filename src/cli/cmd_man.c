/*
 * cmd_man.c - `gpu-advisor man` (hidden): writes the manual page
 * gpu-advisor(1) in roff from the command table, the option lists and the
 * parameter table, and the environment and exit-status lists that `help`
 * prints, so the manual says what the parser accepts. The build runs it
 * (CMakeLists.txt); ctest renders the result with groff -ww.
 */
#include <string.h>

#include "cli.h"

#ifndef GPUADV_CHARTS_DIR
#define GPUADV_CHARTS_DIR "/usr/local/lib/gpu-advisor"
#endif
#ifndef GPUADV_EXAMPLES_DIR
#define GPUADV_EXAMPLES_DIR "/usr/local/share/doc/gpu-advisor/examples"
#endif
#ifndef GPUADV_DOC_DIR
#define GPUADV_DOC_DIR "/usr/local/share/doc/gpu-advisor"
#endif

/* One UTF-8 sequence at s as a code point; *len its bytes (1 when broken,
 * which then prints as U+FFFD). */
static unsigned long utf8_decode(const unsigned char *s, size_t *len)
{
	unsigned long c;
	size_t n, i;

	if (s[0] >= 0xf0 && s[0] < 0xf8)
		n = 4, c = s[0] & 0x07;
	else if (s[0] >= 0xe0)
		n = 3, c = s[0] & 0x0f;
	else if (s[0] >= 0xc0)
		n = 2, c = s[0] & 0x1f;
	else
		n = 0, c = 0;
	for (i = 1; i < n; i++) {
		if ((s[i] & 0xc0) != 0x80)
			break;
		c = (c << 6) | (s[i] & 0x3f);
	}
	if (n == 0 || i < n) {
		*len = 1;
		return 0xfffd;
	}
	*len = n;
	return c;
}

/*
 * Text for roff: a backslash is \e, a hyphen \- (so options copy and paste
 * as ASCII), a dot or quote that starts a line is kept from being a request
 * (\&), other characters outside ASCII are \[uXXXX] (groff reads ASCII
 * without preconv), control characters are dropped. In a macro argument
 * (arg), a double quote is \(dq and a newline a space; in running text an
 * empty line is a .sp request.
 */
static void roff(FILE *out, const char *s, bool arg)
{
	const unsigned char *p = (const unsigned char *)s;
	bool bol = !arg, indented = false;
	size_t len;

	while (*p) {
		/* An indented line (an example inside a description) breaks
		 * before it by itself; the line after it must break too. */
		if (bol && *p != ' ' && indented)
			fputs(".br\n", out);
		if (bol)
			indented = *p == ' ';
		if (bol && (*p == '.' || *p == '\''))
			fputs("\\&", out);
		if (bol && *p == '\n' && !arg) {
			fputs(".sp\n", out);
			p++;
			continue;
		}
		bol = false;
		if (*p == '\\')
			fputs("\\e", out);
		else if (*p == '-')
			fputs("\\-", out);
		else if (*p == '"' && arg)
			fputs("\\(dq", out);
		else if (*p == '\n')
			fputc(arg ? ' ' : '\n', out), bol = !arg;
		else if (*p >= 0x80)
			fprintf(out, "\\[u%04lX]", utf8_decode(p, &len)), p += len - 1;
		else if (*p >= 0x20 && *p != 0x7f)
			fputc(*p, out);
		p++;
	}
}

/* A line of running text. */
static void text(FILE *out, const char *s)
{
	roff(out, s, false);
	fputc('\n', out);
}

/* The option's heading: "\fB\-w\fR, \fB\-\-workload\fR \fIWORKLOAD\fR". */
static void opt_heading(FILE *out, const struct cli_opt *o)
{
	const char *mv = cli_opt_metavar(o);

	fputs(".TP\n", out);
	if (cli_opt_letter(o))
		fprintf(out, "\\fB\\-%c\\fR, ", cli_opt_letter(o));
	fputs("\\fB\\-\\-", out);
	roff(out, cli_opt_name(o), true);
	fputs("\\fR", out);
	if (mv) {
		fputs(" \\fI", out);
		roff(out, mv, true);
		fputs("\\fR", out);
	}
	fputc('\n', out);
}

static void options(FILE *out, const struct cli_command *cmd, const struct cli_opt *opts)
{
	char help[512];
	int i;

	for (i = 0; opts && !cli_opt_end(&opts[i]); i++) {
		if (!cli_opt_name(&opts[i]))
			continue; /* a positional parameter: the usage line shows it */
		opt_heading(out, &opts[i]);
		cli_opt_help(help, sizeof(help), cmd, &opts[i]);
		roff(out, help, false);
		fputs(cli_opt_repeatable(&opts[i]) ? " (repeatable)\n" : "\n", out);
	}
}

static void example_block(FILE *out, const char *line)
{
	fputs(".PP\n.RS 4\n.nf\n", out);
	text(out, line);
	fputs(".fi\n.RE\n", out);
}

static void command(FILE *out, const struct cli_command *cmd)
{
	int i;

	fputs(".SS \"", out);
	roff(out, cmd->name, true);
	fputs("\"\n\\fBgpu\\-advisor ", out);
	roff(out, cmd->name, true);
	fputs("\\fR", out);
	/* The usage line repeats the name. */
	roff(out, cmd->usage + strlen(cmd->name), true);
	fputs("\n.PP\n", out);
	text(out, cmd->description);
	if (cmd->opts && !cli_opt_end(&cmd->opts[0])) {
		fputs(".PP\nOptions:\n", out);
		options(out, cmd, cmd->opts);
	}
	if (cmd->examples && cmd->examples[0]) {
		fputs(".PP\nExamples:\n.RS 4\n.nf\n", out);
		for (i = 0; cmd->examples[i]; i++)
			text(out, cmd->examples[i]);
		fputs(".fi\n.RE\n", out);
	}
}

static void rows(FILE *out, const struct cli_doc_row *r, const char *font)
{
	for (; r->name; r++) {
		fprintf(out, ".TP\n\\f%s", font);
		roff(out, r->name, true);
		fputs("\\fR\n", out);
		roff(out, r->text, true);
		fputc('\n', out);
	}
}

static void file_row(FILE *out, const char *path, const char *what)
{
	fputs(".TP\n\\fI", out);
	roff(out, path, true);
	fputs("\\fR\n", out);
	text(out, what);
}

static int run(struct cli_ctx *ctx, const struct cli_args *args,
	       struct gpuadv_error *err)
{
	FILE *out = ctx->out;
	int i, k;

	(void)args;
	fputs(".\\\" gpu-advisor(1), written by `gpu-advisor man` from the command and\n"
	      ".\\\" parameter tables (src/cli/, src/query/params.c): do not edit.\n", out);
	fprintf(out, ".TH GPU\\-ADVISOR 1 \"\" \"gpu\\-advisor %s\" \"User Commands\"\n",
		GPUADV_VERSION);
	fputs(".SH NAME\ngpu\\-advisor \\- choose an NVIDIA GPU for deep learning\n"
	      ".SH SYNOPSIS\n", out);
	fputs(".B gpu\\-advisor\n[\\fB\\-\\-catalog\\fR \\fIFILE\\fR] [\\fB\\-\\-no\\-color\\fR]"
	      " \\fICOMMAND\\fR [\\fIARGS\\fR]\n.br\n"
	      ".B gpu\\-advisor\n\\fB\\-\\-version\\fR | \\fB\\-\\-help\\fR\n", out);
	for (i = 0; cli_commands[i]; i++) {
		if (cli_commands[i]->hidden)
			continue;
		fputs(".br\n.B gpu\\-advisor\n", out);
		text(out, cli_commands[i]->usage);
	}
	fputs(".SH DESCRIPTION\n", out);
	text(out, cli_about);
	fputs(".PP\n", out);
	text(out, "Every answer comes from a catalogue of GPUs with sourced figures and\n"
		  "street prices: the built-in one, unless --catalog or GPU_ADVISOR_CATALOG\n"
		  "names a file, or 'gpu-advisor update' has installed a newer one.\n"
		  "Text is for people, --format json for programs; 'gpu-advisor query'\n"
		  "answers JSON requests.");
	fputs(".SH COMMANDS\n", out);
	for (i = 0; cli_commands[i]; i++)
		if (!cli_commands[i]->hidden)
			command(out, cli_commands[i]);
	fputs(".SH COMMON OPTIONS\nEvery command takes these, before or after its name.\n", out);
	options(out, NULL, cli_common_opts);
	fputs(".TP\n\\fB\\-V\\fR, \\fB\\-\\-version\\fR\nprint the version (before a command only)\n",
	      out);
	fputs(".SH EXIT STATUS\n", out);
	rows(out, cli_exit_statuses, "B");
	fputs(".SH ENVIRONMENT\n", out);
	rows(out, cli_environment, "B");
	fputs(".SH FILES\n", out);
	file_row(out, "$XDG_CONFIG_HOME/gpu-advisor/config.yaml",
		 "The configuration: prices that replace the catalogue's, the address\n"
		 "'update' downloads from and the minisign key it requires\n"
		 "(~/.config/gpu-advisor/config.yaml when XDG_CONFIG_HOME is unset).");
	file_row(out, "$XDG_DATA_HOME/gpu-advisor/catalog.yaml",
		 "The catalogue 'update' installed, used instead of the built-in one\n"
		 "(~/.local/share/gpu-advisor/catalog.yaml when XDG_DATA_HOME is unset).");
	file_row(out, GPUADV_EXAMPLES_DIR "/catalog.yaml",
		 "A copy of the built-in catalogue (and models.yaml, of the model\n"
		 "catalogue): to read, or to edit and pass with --catalog.");
	file_row(out, GPUADV_CHARTS_DIR "/gpu-advisor-charts.so",
		 "The charts module, loaded for --format svg and png only.");
	fputs(".SH EXAMPLES\n", out);
	/* The first two of each command's. */
	for (i = 0; cli_commands[i]; i++)
		for (k = 0; !cli_commands[i]->hidden && cli_commands[i]->examples &&
			    cli_commands[i]->examples[k] && k < 2; k++)
			example_block(out, cli_commands[i]->examples[k]);
	fputs(".SH SEE ALSO\n", out);
	text(out, "The README, docs/options.md (every option and JSON key) and the other\n"
		  "documents in " GPUADV_DOC_DIR ".");
	if (fflush(out) != 0 || ferror(out))
		return gpuadv_error_set(err, GPUADV_EIO, "cannot write to standard output");
	return 0;
}

const struct cli_command cmd_man = {
	.name = "man",
	.summary = "write the manual page gpu-advisor(1) in roff",
	.usage = "man",
	.description = "Write the manual page gpu-advisor(1) (roff) from the command and\n"
		       "parameter tables. The build runs it; not in the command list.",
	.opts = NULL,
	.min_pos = 0,
	.max_pos = 0,
	.needs_catalog = false,
	.hidden = true,
	.run = run,
};
