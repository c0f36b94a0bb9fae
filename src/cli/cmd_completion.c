/*
 * cmd_completion.c - `gpu-advisor completion bash|zsh|fish` (hidden):
 * writes the shell completion scripts from the command table and the
 * option lists, so they offer what the parser takes: commands, options,
 * the values of choices and formats. Names from the catalogue in use (GPUs,
 * workloads, models, ...) are asked of the program at completion time
 * (`gpu-advisor __complete`, cmd_complete.c), honouring a --catalog on the
 * line. The build runs this; ctest runs the bash function and parses the
 * other two.
 */
#include <string.h>

#include "completion.h"

void cli_quoted(FILE *out, const char *s, enum cli_quoting q)
{
	for (; *s; s++) {
		if (*s == '\'')
			fputs(q == CLI_Q_FISH ? "\\'" : "'\\''", out);
		else if (*s == '\\' && q != CLI_Q_SH)
			fputs("\\\\", out);
		else if (q == CLI_Q_ZSH && strchr("[]:", *s))
			fprintf(out, "\\%c", *s);
		else if (*s == '\n' || *s == '\t')
			fputc(' ', out);
		else
			fputc(*s, out);
	}
}

void cli_short_help(char *buf, size_t size, const struct cli_command *cmd,
		    const struct cli_opt *o)
{
	char *paren;

	cli_opt_help(buf, size, cmd, o);
	if ((paren = strstr(buf, " (")) && paren - buf >= 12)
		*paren = '\0';
}

bool cli_takes_options(const struct cli_command *cmd)
{
	return cmd->opts && !cli_opt_end(&cmd->opts[0]);
}

const struct cli_opt *cli_next_opt(const struct cli_command *cmd, int *i, bool *common)
{
	const struct cli_opt *list = *common ? cli_common_opts : cmd->opts;

	if (!*common && (!list || cli_opt_end(&list[*i]))) {
		*common = true;
		*i = 0;
		list = cli_common_opts;
	}
	if (cli_opt_end(&list[*i]))
		return NULL;
	return &list[(*i)++];
}

void cli_command_words(FILE *out)
{
	int i, n = 0;

	for (i = 0; cli_commands[i]; i++)
		if (!cli_commands[i]->hidden)
			fprintf(out, "%s%s", n++ ? " " : "", cli_commands[i]->name);
}

/* ---- bash ---- */

static void bash_value_arm(FILE *out, const struct cli_command *cmd, const struct cli_opt *o)
{
	struct cli_value_info v;

	cli_opt_value(&v, cmd, o);
	if (v.kind == CLI_VALUE_NONE)
		return;
	fprintf(out, "\t%s:--%s", cmd->name, cli_opt_name(o));
	if (cli_opt_letter(o))
		fprintf(out, "|%s:-%c", cmd->name, cli_opt_letter(o));
	fputs(")\n\t\t", out);
	switch (v.kind) {
	case CLI_VALUE_WORDS:
		fputs("_gpu_advisor_words '", out);
		cli_quoted(out, v.words, CLI_Q_SH);
		fputs("' \"$3\"", out);
		break;
	case CLI_VALUE_ASK:
		fprintf(out, "_gpu_advisor_names %s \"$3\" '%s' '%s'", v.ask, v.suffix,
			v.extra ? v.extra : "");
		break;
	case CLI_VALUE_FILE:
		fputs("_gpu_advisor_files \"$3\"", out);
		break;
	default:
		fputs(":", out); /* free text: nothing to offer */
		break;
	}
	fputs(" ;;\n", out);
}

static void bash_positional_arm(FILE *out, const struct cli_command *cmd)
{
	if (cmd->positional == CLI_POS_NONE)
		return;
	fprintf(out, "\t%s)\n\t\t((npos < %d)) || return 0\n\t\t", cmd->name, cmd->max_pos);
	switch (cmd->positional) {
	case CLI_POS_GPU:
		fputs("_gpu_advisor_names gpus \"$cur\" '' ''", out);
		break;
	case CLI_POS_COMMAND:
		fputs("_gpu_advisor_words \"$_gpu_advisor_commands\" \"$cur\"", out);
		break;
	case CLI_POS_WORDS:
		fputs("if ((npos == 0)); then _gpu_advisor_words '", out);
		for (int i = 0; cmd->words[i]; i++)
			fprintf(out, "%s%s", i ? " " : "", cmd->words[i]);
		fputs("' \"$cur\"; else _gpu_advisor_files \"$cur\"; fi", out);
		break;
	default:
		fputs("_gpu_advisor_files \"$cur\"", out);
		break;
	}
	fputs(" ;;\n", out);
}

static const char bash_head[] =
	"# bash completion for gpu-advisor, written by `gpu-advisor completion bash`\n"
	"# from its command and option tables: do not edit. Plain bash (no\n"
	"# bash-completion helpers needed); GPU, workload and model names come\n"
	"# from the catalogue in use, through `gpu-advisor __complete`.\n\n"
	"_gpu_advisor_words() {\n"
	"\tlocal IFS=$' \\t\\n'\n"
	"\tCOMPREPLY=($(compgen -W \"$1\" -- \"$2\"))\n"
	"}\n\n"
	"_gpu_advisor_files() {\n"
	"\tlocal IFS=$'\\n'\n"
	"\tcompopt -o filenames 2>/dev/null\n"
	"\tCOMPREPLY=($(compgen -f -- \"$1\"))\n"
	"}\n\n"
	"# _gpu_advisor_names KIND CUR SUFFIX EXTRA: names from the catalogue in\n"
	"# use (the --catalog on the line, if any), each followed by SUFFIX.\n"
	"_gpu_advisor_names() {\n"
	"\tlocal IFS=$'\\n' bin=${COMP_WORDS[0]} i w cat=()\n"
	"\t[[ $bin == \"~/\"* ]] && bin=$HOME/${bin#\"~/\"}\n"
	"\tfor ((i = 1; i < ${#COMP_WORDS[@]}; i++)); do\n"
	"\t\tw=${COMP_WORDS[i]}\n"
	"\t\tif [[ $w == --catalog ]]; then\n"
	"\t\t\tw=${COMP_WORDS[i + 1]}\n"
	"\t\t\t[[ $w == = ]] && w=${COMP_WORDS[i + 2]}\n"
	"\t\t\tcat=(--catalog \"$w\")\n"
	"\t\telif [[ $w == --catalog=* ]]; then\n"
	"\t\t\tcat=(--catalog \"${w#--catalog=}\")\n"
	"\t\tfi\n"
	"\tdone\n"
	"\t[[ ${cat[1]} == \"~/\"* ]] && cat[1]=$HOME/${cat[1]#\"~/\"}\n"
	"\t# The program matches as name resolution does (rtx30: rtx-3090).\n"
	"\tCOMPREPLY=($(\"$bin\" \"${cat[@]}\" __complete \"$1\" -- \"$2\" 2>/dev/null)\n"
	"\t\t$(compgen -W \"$4\" -- \"$2\"))\n"
	"\tif [[ -n $3 ]]; then\n"
	"\t\tCOMPREPLY=(\"${COMPREPLY[@]/%/$3}\")\n"
	"\t\tcompopt -o nospace 2>/dev/null\n"
	"\tfi\n"
	"\treturn 0\n"
	"}\n\n";

static const char bash_main[] =
	"_gpu_advisor() {\n"
	"\tlocal cur=${COMP_WORDS[COMP_CWORD]} prev= cmd= opt= eq= w i npos=0\n"
	"\tCOMPREPLY=()\n"
	"\t((COMP_CWORD > 0)) && prev=${COMP_WORDS[COMP_CWORD - 1]}\n"
	"\t# The command, and how many arguments it has before the cursor.\n"
	"\tfor ((i = 1; i < COMP_CWORD; i++)); do\n"
	"\t\tw=${COMP_WORDS[i]}\n"
	"\t\tif [[ ${COMP_WORDS[i + 1]} == = ]]; then\n"
	"\t\t\t((i += 2))\n"
	"\t\telif [[ $w == -* ]]; then\n"
	"\t\t\t_gpu_advisor_value \"$cmd\" \"$w\" >/dev/null && ((i++))\n"
	"\t\telif [[ -z $cmd ]]; then\n"
	"\t\t\tcmd=$w\n"
	"\t\telse\n"
	"\t\t\t((npos++))\n"
	"\t\tfi\n"
	"\tdone\n"
	"\t# An option's value: --opt VALUE, --opt=VALUE ('=' a word of its own\n"
	"\t# or not, as COMP_WORDBREAKS says).\n"
	"\tif [[ $cur == = && $prev == -* ]]; then\n"
	"\t\topt=$prev cur=\n"
	"\telif [[ $prev == = && $COMP_CWORD -ge 2 ]]; then\n"
	"\t\topt=${COMP_WORDS[COMP_CWORD - 2]}\n"
	"\telif [[ $cur == --*=* ]]; then\n"
	"\t\topt=${cur%%=*} eq=${cur%%=*}= cur=${cur#*=}\n"
	"\telif [[ $prev == -* ]] && _gpu_advisor_value \"$cmd\" \"$prev\" >/dev/null; then\n"
	"\t\topt=$prev\n"
	"\tfi\n"
	"\tif [[ -n $opt ]]; then\n"
	"\t\t_gpu_advisor_value \"$cmd\" \"$opt\" \"$cur\" complete || return 0\n"
	"\t\t[[ -n $eq ]] && COMPREPLY=(\"${COMPREPLY[@]/#/$eq}\")\n"
	"\t\treturn 0\n"
	"\tfi\n"
	"\tif [[ -z $cmd ]]; then\n"
	"\t\tif [[ $cur == -* ]]; then\n"
	"\t\t\t_gpu_advisor_words '--catalog --no-color --help --version' \"$cur\"\n"
	"\t\telse\n"
	"\t\t\t_gpu_advisor_words \"$_gpu_advisor_commands\" \"$cur\"\n"
	"\t\tfi\n"
	"\t\treturn 0\n"
	"\tfi\n"
	"\tif [[ $cur == -* ]]; then\n"
	"\t\t_gpu_advisor_words \"$(_gpu_advisor_options \"$cmd\")\" \"$cur\"\n"
	"\t\treturn 0\n"
	"\tfi\n"
	"\t_gpu_advisor_positional \"$cmd\" \"$cur\" \"$npos\"\n"
	"\treturn 0\n"
	"}\n\n"
	"complete -F _gpu_advisor gpu-advisor\n";

static void write_bash(FILE *out)
{
	const struct cli_opt *o;
	bool common;
	int c, i;

	fputs(bash_head, out);
	fputs("_gpu_advisor_commands='", out);
	cli_command_words(out);
	fputs("'\n\n# _gpu_advisor_options CMD: its long options.\n"
	      "_gpu_advisor_options() {\n\tcase $1 in\n", out);
	for (c = 0; cli_commands[c]; c++) {
		if (cli_commands[c]->hidden)
			continue;
		fprintf(out, "\t%s) echo '", cli_commands[c]->name);
		for (i = 0, common = false; (o = cli_next_opt(cli_commands[c], &i, &common));)
			if (cli_opt_name(o))
				fprintf(out, "%s--%s", o == cli_commands[c]->opts ? "" : " ",
					cli_opt_name(o));
		fputs("' ;;\n", out);
	}
	fputs("\tesac\n}\n\n"
	      "# _gpu_advisor_value CMD OPTION CUR [complete]: fails when OPTION takes\n"
	      "# no value; with 'complete', puts its values that start with CUR in\n"
	      "# COMPREPLY.\n"
	      "_gpu_advisor_value() {\n"
	      "\tcase $1:$2 in\n"
	      "\t*:--catalog) ;;\n", out);
	for (c = 0; cli_commands[c]; c++) {
		if (cli_commands[c]->hidden || !cli_takes_options(cli_commands[c]))
			continue;
		for (i = 0; !cli_opt_end(&cli_commands[c]->opts[i]); i++)
			if (cli_opt_name(&cli_commands[c]->opts[i]) &&
			    cli_opt_metavar(&cli_commands[c]->opts[i]))
				fprintf(out, "\t%s:--%s) ;;\n", cli_commands[c]->name,
					cli_opt_name(&cli_commands[c]->opts[i]));
		for (i = 0; !cli_opt_end(&cli_commands[c]->opts[i]); i++)
			if (cli_opt_letter(&cli_commands[c]->opts[i]) &&
			    cli_opt_metavar(&cli_commands[c]->opts[i]))
				fprintf(out, "\t%s:-%c) ;;\n", cli_commands[c]->name,
					cli_opt_letter(&cli_commands[c]->opts[i]));
	}
	fputs("\t*) return 1 ;;\n\tesac\n\t[[ $4 == complete ]] || return 0\n"
	      "\tcase $1:$2 in\n"
	      "\t*:--catalog)\n\t\t_gpu_advisor_files \"$3\" ;;\n", out);
	for (c = 0; cli_commands[c]; c++) {
		if (cli_commands[c]->hidden || !cli_takes_options(cli_commands[c]))
			continue;
		for (i = 0; !cli_opt_end(&cli_commands[c]->opts[i]); i++)
			if (cli_opt_name(&cli_commands[c]->opts[i]))
				bash_value_arm(out, cli_commands[c], &cli_commands[c]->opts[i]);
	}
	fputs("\tesac\n\treturn 0\n}\n\n"
	      "# _gpu_advisor_positional CMD CUR NPOS: the command's arguments.\n"
	      "_gpu_advisor_positional() {\n\tlocal cur=$2 npos=$3\n\tcase $1 in\n", out);
	for (c = 0; cli_commands[c]; c++)
		if (!cli_commands[c]->hidden)
			bash_positional_arm(out, cli_commands[c]);
	fputs("\tesac\n}\n\n", out);
	fputs(bash_main, out);
}

static const char *const shells[] = { "bash", "zsh", "fish", NULL };

static int run(struct cli_ctx *ctx, const struct cli_args *args,
	       struct gpuadv_error *err)
{
	const char *shell = args->pos[0];

	if (!strcmp(shell, "bash"))
		write_bash(ctx->out);
	else if (!strcmp(shell, "zsh"))
		cli_write_zsh(ctx->out);
	else if (!strcmp(shell, "fish"))
		cli_write_fish(ctx->out);
	else
		return gpuadv_error_set(err, GPUADV_EUSAGE,
					"unknown shell '%.100s'; one of bash, zsh or fish", shell);
	if (fflush(ctx->out) != 0 || ferror(ctx->out))
		return gpuadv_error_set(err, GPUADV_EIO, "cannot write to standard output");
	return 0;
}

const struct cli_command cmd_completion = {
	.name = "completion",
	.summary = "write a shell completion script",
	.usage = "completion bash|zsh|fish",
	.description = "Write the completion script for bash, zsh or fish, from the command\n"
		       "and option tables. The build runs it; not in the command list.",
	.opts = NULL,
	.min_pos = 1,
	.max_pos = 1,
	.positional = CLI_POS_WORDS,
	.words = shells,
	.needs_catalog = false,
	.hidden = true,
	.run = run,
};
