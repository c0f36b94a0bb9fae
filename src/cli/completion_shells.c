/*
 * completion_shells.c - the zsh and fish completion scripts, written from
 * the command table and option lists like the bash one (cmd_completion.c):
 * options with their help as descriptions, choice and format values
 * written out, catalogue names asked of `gpu-advisor __complete`.
 */
#include <string.h>

#include "completion.h"

/* ---- zsh ---- */

/* A value's action in an _arguments spec, after "MESSAGE:". */
static void zsh_action(FILE *out, const struct cli_value_info *v)
{
	switch (v->kind) {
	case CLI_VALUE_WORDS:
		fputs("(", out);
		cli_quoted(out, v->words, CLI_Q_ZSH);
		fputs(")", out);
		break;
	case CLI_VALUE_ASK:
		if (v->extra)
			fprintf(out, "{_gpu_advisor_ask %s; compadd %s}", v->ask, v->extra);
		else if (v->suffix[0])
			fprintf(out, "_gpu_advisor_ask -S %s %s", v->suffix, v->ask);
		else
			fprintf(out, "_gpu_advisor_ask %s", v->ask);
		break;
	case CLI_VALUE_FILE:
		fputs("_files", out);
		break;
	default:
		fputs(" ", out); /* a message, nothing to offer */
		break;
	}
}

static void zsh_opt(FILE *out, const struct cli_command *cmd, const struct cli_opt *o)
{
	const char *name = cli_opt_name(o), *mv = cli_opt_metavar(o);
	char letter = cli_opt_letter(o), help[512];
	struct cli_value_info v;

	cli_short_help(help, sizeof(help), cmd, o);
	cli_opt_value(&v, cmd, o);
	fputs(" \\\n\t\t\t", out);
	if (cli_opt_repeatable(o))
		fputs("'*'", out);
	else if (letter)
		fprintf(out, "'(-%c --%s)'", letter, name);
	if (letter)
		fprintf(out, "{-%c%s,--%s%s}'", letter, mv ? "+" : "", name, mv ? "=" : "");
	else
		fprintf(out, "'--%s%s", name, mv ? "=" : "");
	fputc('[', out);
	cli_quoted(out, help, CLI_Q_ZSH);
	fputc(']', out);
	if (mv) {
		fputc(':', out);
		cli_quoted(out, mv, CLI_Q_ZSH);
		fputc(':', out);
		zsh_action(out, &v);
	}
	fputc('\'', out);
}

static void zsh_positional(FILE *out, const struct cli_command *cmd)
{
	int i;

	switch (cmd->positional) {
	case CLI_POS_GPU:
		fprintf(out, " \\\n\t\t\t'%s:GPU:_gpu_advisor_ask gpus'",
			cmd->max_pos > 1 ? "*" : "");
		break;
	case CLI_POS_COMMAND:
		fputs(" \\\n\t\t\t':command:(", out);
		cli_command_words(out);
		fputs(")'", out);
		break;
	case CLI_POS_WORDS:
		fputs(" \\\n\t\t\t':action:(", out);
		for (i = 0; cmd->words[i]; i++)
			fprintf(out, "%s%s", i ? " " : "", cmd->words[i]);
		fputs(")' \\\n\t\t\t':file:_files'", out);
		break;
	case CLI_POS_FILE:
		fputs(" \\\n\t\t\t':file:_files'", out);
		break;
	default:
		break;
	}
}

void cli_write_zsh(FILE *out)
{
	const struct cli_opt *o;
	bool common;
	int c, i;

	fputs("#compdef gpu-advisor\n"
	      "# zsh completion for gpu-advisor, written by `gpu-advisor completion zsh`\n"
	      "# from its command and option tables: do not edit. GPU, workload and\n"
	      "# model names come from the catalogue in use, through\n"
	      "# `gpu-advisor __complete`.\n\n"
	      "# _gpu_advisor_ask [COMPADD-OPTIONS] KIND: names from the catalogue in\n"
	      "# use (the --catalog on the line, if any). _arguments puts its compadd\n"
	      "# options first.\n"
	      "_gpu_advisor_ask() {\n"
	      "\tlocal kind=${@[-1]}\n"
	      "\tlocal -a names\n"
	      "\t# The program matches as name resolution does (rtx30: rtx-3090).\n"
	      "\tnames=(${(f)\"$($_gpu_advisor_bin $_gpu_advisor_cat __complete $kind -- \"$PREFIX\" 2>/dev/null)\"})\n"
	      "\tcompadd -U \"${@[1,-2]}\" -a names\n"
	      "}\n\n"
	      "_gpu-advisor() {\n"
	      "\tlocal curcontext=$curcontext state state_descr line ret=1 i\n"
	      "\ttypeset -A opt_args\n"
	      "\tlocal _gpu_advisor_bin=${~words[1]}\n"
	      "\tlocal -a _gpu_advisor_cat\n"
	      "\tfor ((i = 2; i < CURRENT; i++)); do\n"
	      "\t\tcase $words[i] in\n"
	      "\t\t--catalog) _gpu_advisor_cat=(--catalog ${~words[i+1]}) ;;\n"
	      "\t\t--catalog=*) _gpu_advisor_cat=(--catalog ${~words[i]#--catalog=}) ;;\n"
	      "\t\tesac\n"
	      "\tdone\n"
	      "\t_arguments -C : \\\n"
	      "\t\t'--catalog=[read the catalogue from FILE]:FILE:_files' \\\n"
	      "\t\t'--no-color[no colour, even on a terminal]' \\\n"
	      "\t\t'(- :)'{-V,--version}'[print the version]' \\\n"
	      "\t\t'(- :)'{-h,--help}'[show help]' \\\n"
	      "\t\t'1:command:->command' \\\n"
	      "\t\t'*::argument:->argument' && ret=0\n"
	      "\tcase $state in\n"
	      "\tcommand)\n"
	      "\t\tlocal -a commands\n"
	      "\t\tcommands=(", out);
	for (c = 0; cli_commands[c]; c++) {
		if (cli_commands[c]->hidden)
			continue;
		fputs("\n\t\t\t'", out);
		cli_quoted(out, cli_commands[c]->name, CLI_Q_SH);
		fputc(':', out);
		cli_quoted(out, cli_commands[c]->summary, CLI_Q_SH);
		fputc('\'', out);
	}
	fputs("\n\t\t)\n"
	      "\t\t_describe -t commands 'gpu-advisor command' commands && ret=0\n"
	      "\t\t;;\n"
	      "\targument)\n"
	      "\t\tcurcontext=${curcontext%:*:*}:gpu-advisor-$words[1]:\n"
	      "\t\tcase $words[1] in\n", out);
	for (c = 0; cli_commands[c]; c++) {
		if (cli_commands[c]->hidden)
			continue;
		fprintf(out, "\t\t%s)\n\t\t\t_arguments -s -S :", cli_commands[c]->name);
		for (i = 0, common = false; (o = cli_next_opt(cli_commands[c], &i, &common));)
			if (cli_opt_name(o))
				zsh_opt(out, cli_commands[c], o);
		zsh_positional(out, cli_commands[c]);
		fputs(" && ret=0\n\t\t\t;;\n", out);
	}
	fputs("\t\tesac\n\t\t;;\n\tesac\n\treturn ret\n}\n\n_gpu-advisor \"$@\"\n", out);
}

/* ---- fish ---- */

static void fish_opt(FILE *out, const struct cli_command *cmd, const struct cli_opt *o,
		     const char *condition)
{
	char help[512];
	struct cli_value_info v;

	cli_short_help(help, sizeof(help), cmd, o);
	cli_opt_value(&v, cmd, o);
	fprintf(out, "complete -c gpu-advisor -n '%s'", condition);
	if (cli_opt_letter(o))
		fprintf(out, " -s %c", cli_opt_letter(o));
	fprintf(out, " -l %s", cli_opt_name(o));
	switch (v.kind) {
	case CLI_VALUE_WORDS:
		fputs(" -x -a '", out);
		cli_quoted(out, v.words, CLI_Q_FISH);
		fputc('\'', out);
		break;
	case CLI_VALUE_ASK:
		fprintf(out, " -x -a '(__gpu_advisor_ask %s%s%s)%s%s'", v.ask,
			v.suffix[0] ? " " : "", v.suffix, v.extra ? " " : "",
			v.extra ? v.extra : "");
		break;
	case CLI_VALUE_FILE:
		fputs(" -r -F", out);
		break;
	case CLI_VALUE_FREE:
		fputs(" -x", out);
		break;
	default:
		break;
	}
	fputs(" -d '", out);
	cli_quoted(out, help, CLI_Q_FISH);
	fputs("'\n", out);
}

static const char fish_head[] =
	"# fish completion for gpu-advisor, written by `gpu-advisor completion fish`\n"
	"# from its command and option tables: do not edit. GPU, workload and\n"
	"# model names come from the catalogue in use, through\n"
	"# `gpu-advisor __complete`.\n\n"
	"# The command on the line (the first word that is not an option).\n"
	"function __gpu_advisor_command\n"
	"    set -l toks (commandline -opc)\n"
	"    set -e toks[1]\n"
	"    while set -q toks[1]\n"
	"        switch $toks[1]\n"
	"            case --catalog\n"
	"                set -e toks[1]\n"
	"            case '-*'\n"
	"            case '*'\n"
	"                echo $toks[1]\n"
	"                return 0\n"
	"        end\n"
	"        set -e toks[1]\n"
	"    end\n"
	"    return 1\n"
	"end\n\n"
	"function __gpu_advisor_using\n"
	"    set -l cmd (__gpu_advisor_command)\n"
	"    or return 1\n"
	"    contains -- $cmd $argv\n"
	"end\n\n"
	"# __gpu_advisor_ask KIND SUFFIX: names from the catalogue in use (the\n"
	"# --catalog on the line, if any), each followed by SUFFIX.\n"
	"function __gpu_advisor_ask\n"
	"    set -l toks (commandline -opc)\n"
	"    set -l cat\n"
	"    for i in (seq 2 (count $toks))\n"
	"        if test \"$toks[$i]\" = --catalog; and test $i -lt (count $toks)\n"
	"            set cat --catalog $toks[(math $i + 1)]\n"
	"        else if string match -q -- '--catalog=*' $toks[$i]\n"
	"            set cat --catalog (string replace -- --catalog= '' $toks[$i])\n"
	"        end\n"
	"    end\n"
	"    for name in (command $toks[1] $cat __complete $argv[1] 2>/dev/null)\n"
	"        echo \"$name$argv[2]\"\n"
	"    end\n"
	"end\n\n"
	"complete -c gpu-advisor -f\n"
	"complete -c gpu-advisor -n 'not __gpu_advisor_command' -s V -l version -d 'print the version'\n";

void cli_write_fish(FILE *out)
{
	const struct cli_command *cmd;
	char cond[128];
	int c, i;

	fputs(fish_head, out);
	for (i = 0; !cli_opt_end(&cli_common_opts[i]); i++)
		fish_opt(out, NULL, &cli_common_opts[i], "true");
	for (c = 0; (cmd = cli_commands[c]); c++) {
		if (cmd->hidden)
			continue;
		fprintf(out, "\ncomplete -c gpu-advisor -n 'not __gpu_advisor_command' -a %s -d '",
			cmd->name);
		cli_quoted(out, cmd->summary, CLI_Q_FISH);
		fputs("'\n", out);
		snprintf(cond, sizeof(cond), "__gpu_advisor_using %s", cmd->name);
		for (i = 0; cmd->opts && !cli_opt_end(&cmd->opts[i]); i++)
			if (cli_opt_name(&cmd->opts[i]))
				fish_opt(out, cmd, &cmd->opts[i], cond);
		switch (cmd->positional) {
		case CLI_POS_GPU:
			fprintf(out, "complete -c gpu-advisor -n '%s' -a '(__gpu_advisor_ask gpus)'\n",
				cond);
			break;
		case CLI_POS_COMMAND:
			fprintf(out, "complete -c gpu-advisor -n '%s' -a '", cond);
			cli_command_words(out);
			fputs("'\n", out);
			break;
		case CLI_POS_WORDS:
			fprintf(out, "complete -c gpu-advisor -n '%s; and not __fish_seen_subcommand_from",
				cond);
			for (i = 0; cmd->words[i]; i++)
				fprintf(out, " %s", cmd->words[i]);
			fputs("' -a '", out);
			for (i = 0; cmd->words[i]; i++)
				fprintf(out, "%s%s", i ? " " : "", cmd->words[i]);
			fprintf(out, "'\ncomplete -c gpu-advisor -n '%s; and __fish_seen_subcommand_from",
				cond);
			for (i = 0; cmd->words[i]; i++)
				fprintf(out, " %s", cmd->words[i]);
			fputs("' -F\n", out);
			break;
		case CLI_POS_FILE:
			fprintf(out, "complete -c gpu-advisor -n '%s' -F\n", cond);
			break;
		default:
			break;
		}
	}
}
