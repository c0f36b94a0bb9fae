/*
 * completion.h - what the completion script writers share (internal to
 * src/cli/): quoting for each shell, one-line option descriptions, and a
 * walk over a command's options followed by the common ones.
 */
#ifndef GPUADV_CLI_COMPLETION_H
#define GPUADV_CLI_COMPLETION_H

#include "cli.h"

/* Text inside single quotes: for sh, ' is '\''; for fish, \ and ' take a
 * backslash; in a zsh _arguments spec, [ ] : and \ do too. Newlines and
 * tabs become spaces. */
enum cli_quoting { CLI_Q_SH, CLI_Q_FISH, CLI_Q_ZSH };
void cli_quoted(FILE *out, const char *s, enum cli_quoting q);

/* The option's help (as cmd's), cut before a parenthesised aside: one line. */
void cli_short_help(char *buf, size_t size, const struct cli_command *cmd,
		    const struct cli_opt *o);

/* Whether cmd has options of its own. */
bool cli_takes_options(const struct cli_command *cmd);

/* Each of cmd's options, then the common ones (*common then true), then
 * NULL. Start with *i = 0 and *common = false. */
const struct cli_opt *cli_next_opt(const struct cli_command *cmd, int *i, bool *common);

/* The visible commands' names, space-separated. */
void cli_command_words(FILE *out);

void cli_write_zsh(FILE *out);
void cli_write_fish(FILE *out);

#endif
