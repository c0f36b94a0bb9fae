/*
 * cli.h - what the command files share: the option lists that drive both
 * parsing and --help (a command names the parameter-table rows it takes,
 * params.h, plus its CLI-only options), the command table entry, and the
 * context a command runs in (the loaded catalogue, output settings).
 */
#ifndef GPUADV_CLI_H
#define GPUADV_CLI_H

#include <stdbool.h>
#include <stdio.h>

#include "gpu_advisor/catalog.h"
#include "gpu_advisor/config.h"
#include "gpu_advisor/engine.h"
#include "gpu_advisor/error.h"
#include "gpu_advisor/params.h"
#include "gpu_advisor/prices.h"
#include "gpu_advisor/query.h"
#include "gpu_advisor/render.h"

/* Exit codes, documented in the README and `gpu-advisor help`. (Not
 * EXIT_*: C reserves E[A-Z0-9]* for errno.) */
enum {
	CLI_EXIT_NONE_MATCH = 1,
	CLI_EXIT_USAGE = 64,
	CLI_EXIT_DATA = 65,
	CLI_EXIT_NOINPUT = 66,
	CLI_EXIT_UNAVAILABLE = 69,
	CLI_EXIT_INTERNAL = 70,
	CLI_EXIT_IO = 74
};

#define CLI_MAX_OPTS 48
#define CLI_MAX_REPEAT 64
#define CLI_MAX_POS 16

/*
 * One entry of a command's option list: a parameter-table row (param; its
 * flag, letter, value name, help and repetition come from the table, help
 * may be overridden for this command), or a CLI-only option (param 0,
 * described here). A zero entry ends the list.
 */
struct cli_opt {
	enum gpuadv_param param;
	const char *name;     /* long name without "--" */
	char short_name;      /* 0 for none */
	const char *metavar;  /* NULL: a flag that takes no value */
	const char *help;
	bool repeatable;      /* may be given more than once */
};

#define CLI_PARAM(p) { (p), NULL, 0, NULL, NULL, false }
#define CLI_PARAM_HELP(p, help) { (p), NULL, 0, NULL, help, false }
#define CLI_OPT(name, letter, metavar, help) { GPUADV_P_NONE, name, letter, metavar, help, false }
#define CLI_OPT_REPEAT(name, letter, metavar, help) { GPUADV_P_NONE, name, letter, metavar, help, true }
#define CLI_OPT_END { GPUADV_P_NONE, NULL, 0, NULL, NULL, false }

/* An entry's name, letter, value name, help (NULL: none) and repetition,
 * from the table where it is a parameter. In a CLI-only option's help,
 * "{formats}" stands for cmd's --format values ("text (default), json or
 * csv", from cmd->formats: the mask the parser and completion use). */
struct cli_command;
const char *cli_opt_name(const struct cli_opt *o);
char cli_opt_letter(const struct cli_opt *o);
const char *cli_opt_metavar(const struct cli_opt *o);
void cli_opt_help(char *buf, size_t size, const struct cli_command *cmd,
		  const struct cli_opt *o);
bool cli_opt_repeatable(const struct cli_opt *o);

/* What the parser found, indexed like the command's option table. */
struct cli_args {
	const char *values[CLI_MAX_OPTS][CLI_MAX_REPEAT];
	int count[CLI_MAX_OPTS];
	const char *pos[CLI_MAX_POS];
	int npos;
	/* the common options every command takes */
	const char *catalog;
	const char *prices;
	bool no_color;
	bool help;
	int common_count[5];
};

struct cli_ctx;

/* What a command's positional arguments are: for completion and the man
 * page (parsing counts them only). */
enum cli_pos {
	CLI_POS_NONE,
	CLI_POS_GPU,     /* GPU names */
	CLI_POS_COMMAND, /* a command's name */
	CLI_POS_FILE,    /* a file, or - */
	CLI_POS_WORDS    /* first one of the command's words, then a file */
};

struct cli_command {
	const char *name;
	const char *summary;    /* one line for the command list */
	const char *usage;      /* after "gpu-advisor " */
	const char *description;
	const struct cli_opt *opts;
	const char *const *examples; /* NULL-terminated */
	int min_pos, max_pos;
	enum cli_pos positional;
	const char *const *words; /* CLI_POS_WORDS: NULL-terminated */
	unsigned formats;       /* --format's values, a CLI_FORMATS_ mask (0: none) */
	bool needs_catalog;
	bool hidden;            /* not in the command list (tools) */
	/* enum gpuadv_command: the query cli_query_build() makes from the
	 * flags (and positional GPUs where the table has a row for them); read
	 * only by the commands that call it. */
	int query;
	int (*run)(struct cli_ctx *ctx, const struct cli_args *args,
		   struct gpuadv_error *err);
};

struct cli_ctx {
	const struct cli_command *cmd;
	struct gpuadv_catalog catalog;
	const char *catalog_source; /* "embedded", "--catalog", "GPU_ADVISOR_CATALOG",
				     * "data directory" */
	const char *catalog_path;   /* NULL when embedded */
	const char *catalog_flag;   /* --catalog's value, if given */
	char catalog_sha256[65];    /* SHA-256 of the bytes loaded, lowercase hex */
	char data_catalog[4096];    /* the data directory's catalog.yaml path */
	/* The price list catalog.prices points at: the built-in one, or
	 * prices (loaded, or the built-in one matched by id). */
	struct gpuadv_prices prices;
	const char *prices_source;  /* "embedded", "--prices", "GPU_ADVISOR_PRICES",
				     * "beside the catalogue", "data directory",
				     * "embedded, matched by id", "none" */
	const char *prices_flag;    /* --prices's value, if given */
	char prices_path[4096];     /* "" when built in or none */
	char prices_sha256[65];
	struct gpuadv_config config; /* the configuration file, if any */
	bool have_config;           /* false: no file (config is empty) */
	char config_path[4096];     /* its path; "" when there is no HOME */
	FILE *out;
	bool color;
	int columns; /* terminal width, 0 when not a terminal */
	bool utf8;   /* the locale's character set is UTF-8 (bar charts) */
	int exit_code; /* a command's exit status when it succeeded but not fully */
	char today[16]; /* YYYY-MM-DD, UTC */
};

extern const struct cli_command *const cli_commands[];
const struct cli_command *cli_find_command(const char *name);

extern const struct cli_command cmd_archs, cmd_catalog, cmd_compare, cmd_detect,
	cmd_help, cmd_list, cmd_memory, cmd_models, cmd_query, cmd_recommend, cmd_show,
	cmd_update, cmd_options_doc, cmd_man, cmd_completion, cmd_complete;

/* The options every command takes (--catalog, --no-color, --help). */
extern const struct cli_opt cli_common_opts[];
bool cli_opt_end(const struct cli_opt *o);

/*
 * The environment variables and exit statuses that `gpu-advisor help`
 * lists and the man page documents, one list each (name NULL ends it). In
 * text, "\n" is where help breaks the line.
 */
struct cli_doc_row {
	const char *name;
	const char *text;
};
extern const struct cli_doc_row cli_environment[];
/* What gpu-advisor is for, in a sentence (help, the man page). */
extern const char cli_about[];
extern const struct cli_doc_row cli_exit_statuses[];
/* Rows as help prints them: "  NAME  text", continuation lines aligned. */
void cli_print_doc_rows(FILE *out, const struct cli_doc_row *rows, int width);

/*
 * What an option's value is, for completion: no value (a flag), free text,
 * a file, one of a fixed list (words, space-separated, into buf), or names
 * from the catalogue in use, which `gpu-advisor __complete KIND` prints
 * (ask: "gpus", "workloads", ...; suffix: what follows each, "=" for a
 * price's GPU; extra: one more word, "detected").
 */
enum cli_value {
	CLI_VALUE_NONE,
	CLI_VALUE_FREE,
	CLI_VALUE_FILE,
	CLI_VALUE_WORDS,
	CLI_VALUE_ASK
};
struct cli_value_info {
	enum cli_value kind;
	char words[256];
	const char *ask;
	const char *suffix;
	const char *extra;
};
void cli_opt_value(struct cli_value_info *out, const struct cli_command *cmd,
		   const struct cli_opt *o);
/* "text json csv" for a CLI_FORMATS_ mask. */
void cli_format_words(char *buf, size_t size, unsigned formats);
/* "text, json or csv" for a CLI_FORMATS_ mask; with the default marked,
 * "text (default), json or csv". */
void cli_format_list(char *buf, size_t size, unsigned formats, bool mark_default);

/* The card in this machine, for --upgrade-from detected: the first GPU
 * the NVIDIA driver reports that the catalogue knows (GPU_ADVISOR_NVML
 * names the library to load). Fails with GPUADV_EUNAVAIL without a driver
 * or a GPU, GPUADV_EUSAGE when the catalogue knows none of them. */
int cli_detect_current(const struct gpuadv_gpu **out, struct cli_ctx *ctx,
		       struct gpuadv_error *err);
/* The same for `memory --on detected`: that card, and how many of it the
 * driver reports (a configuration: at most GPUADV_MAX_GPUS). */
int cli_detect_config(const struct gpuadv_gpu **out, unsigned *count, struct cli_ctx *ctx,
		      struct gpuadv_error *err);

int cli_parse(struct cli_args *out, const struct cli_command *cmd, int argc,
	      char **argv, struct gpuadv_error *err);
const char *cli_get(const struct cli_args *args, const struct cli_command *cmd,
		    const char *name);
bool cli_flag(const struct cli_args *args, const struct cli_command *cmd,
	      const char *name);
int cli_print_help(FILE *out, const struct cli_command *cmd);
int cli_print_overview(FILE *out);

/* Flag values: each fills err (GPUADV_EUSAGE, naming the flag) on failure. */
int cli_number(double *out, const char *flag, const char *value, double min,
	       double max, bool integer, struct gpuadv_error *err);
/* --format's value, one of the allowed formats (a CLI_FORMATS_ mask). */
#define CLI_FORMATS_BASIC ((1u << GPUADV_FORMAT_TEXT) | (1u << GPUADV_FORMAT_JSON))
#define CLI_FORMATS_TABLES \
	(CLI_FORMATS_BASIC | (1u << GPUADV_FORMAT_CSV) | (1u << GPUADV_FORMAT_MARKDOWN))
#define CLI_FORMATS_PICTURES \
	(CLI_FORMATS_TABLES | (1u << GPUADV_FORMAT_SVG) | (1u << GPUADV_FORMAT_PNG))
int cli_format(enum gpuadv_format *out, const char *value, unsigned allowed,
	       struct gpuadv_error *err);

/*
 * Output settings shared by the commands that draw: --chart (text only;
 * Unicode blocks when the locale's character set is UTF-8), --output FILE,
 * and for svg and png the charts module, loaded here. The answer goes to
 * ctx->out: call cli_output_open right before rendering (so that a failed
 * query leaves no file behind) and cli_output_close after, whatever
 * happened; it closes the file (a failed close is exit 74) and the module.
 * A PNG is refused on a terminal.
 */
struct cli_output {
	const char *path;   /* --output, or NULL for standard output */
	struct gpuadv_plotter *plotter;
	FILE *file;
	bool regular;       /* the file is a regular file (removed on failure) */
};
int cli_output_setup(struct cli_output *o, struct gpuadv_render_opts *ro,
		     struct cli_ctx *ctx, const struct cli_args *args,
		     const struct cli_command *cmd, unsigned formats,
		     struct gpuadv_error *err);
int cli_output_open(struct cli_output *o, struct cli_ctx *ctx, struct gpuadv_error *err);
/* A model's answers (configurations, decode speeds) have no tables or
 * pictures yet: anything but text or json, or --chart, is a usage error. */
int cli_output_for_model(const struct gpuadv_render_opts *ro, bool model,
			 struct gpuadv_error *err);
int cli_output_close(struct cli_output *o, struct cli_ctx *ctx, int rc,
		     struct gpuadv_error *err);

/* Load the active catalogue into ctx: the --catalog flag's file, else
 * $GPU_ADVISOR_CATALOG, else the data directory's copy (`update` puts it
 * there; when it fails to load, a warning and the built-in one), else the
 * built-in one. Records source, path and SHA-256 in ctx. Then its price
 * list: --prices (ctx->prices_flag), else $GPU_ADVISOR_PRICES, else the
 * prices.yaml beside a catalogue file (none there: the catalogue's own
 * launch prices; for the data directory's copy, the built-in list matched
 * by GPU id), else the built-in list. */
int cli_load_catalog(struct cli_ctx *ctx, const char *flag,
		     struct gpuadv_error *err);

/*
 * Build the command's query (cmd->query) from its flags and positional
 * GPUs, through the parameter table, and validate it: today's date, for
 * stale prices; the configuration file's prices where the command takes
 * prices (an unknown GPU there is an error at its file:line:column); then
 * each flag, which beats the file. Messages name flags.
 */
int cli_query_build(struct gpuadv_query *q, struct cli_ctx *ctx,
		    const struct cli_args *args, struct gpuadv_error *err);

/* Read a whole file (or stdin for "-") of at most max bytes, NUL-terminated;
 * *out is the caller's to free. */
int cli_read_file(char **out, size_t *len, const char *path, size_t max,
		  struct gpuadv_error *err);

/* The same from an open fd (which stays open), path only for messages: what
 * cli_read_file and the catalogue and configuration readers of main.c share. */
int cli_read_fd(char **out, size_t *len, int fd, const char *path, size_t max,
		struct gpuadv_error *err);

/* Map a gpuadv_err code to the documented exit code. */
int cli_exit_code(int err);
/* Write outside text (a file name, an address) to out through the one
 * escape rule (gpuadv_escape): output written with fprintf directly, not
 * through a renderer, must not pass control characters either. */
void cli_put_escaped(FILE *out, const char *s);

#endif
