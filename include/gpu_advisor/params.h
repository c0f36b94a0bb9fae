/*
 * params.h - the parameter table: every value a user can give a query, once.
 * Each row says how it is spelt as a flag, as a JSON request key and in
 * config.yaml, its type, unit, bounds or choices, default, help, which
 * commands take it, and where it lands in struct gpuadv_query. Flag parsing,
 * JSON requests, the configuration loader, --help, docs/options.md and the
 * validator all read this table, so a parameter is added in one place.
 *
 * The table is static data; nothing here allocates.
 */
#ifndef GPU_ADVISOR_PARAMS_H
#define GPU_ADVISOR_PARAMS_H

#include <stdbool.h>
#include <stddef.h>

#include "gpu_advisor/catalog.h"
#include "gpu_advisor/error.h"
#include "gpu_advisor/query.h"

enum gpuadv_param {
	GPUADV_P_NONE, /* 0: no parameter (struct gpuadv_error's param) */
	GPUADV_P_WORKLOAD,
	GPUADV_P_PRECISION,
	GPUADV_P_TASK,
	GPUADV_P_BUDGET,
	GPUADV_P_MIN_MEMORY,
	GPUADV_P_MAX_POWER,
	GPUADV_P_MAX_PRICE,
	GPUADV_P_SEGMENT,
	GPUADV_P_ARCH,
	GPUADV_P_SORT,
	GPUADV_P_LIST_SORT,
	GPUADV_P_TOP,
	GPUADV_P_PRICES,
	GPUADV_P_GPUS,
	GPUADV_P_GPU,
	GPUADV_P_PRICE_BASIS,
	GPUADV_P_BUDGET_PER_HOUR,
	GPUADV_P_YEARS,
	GPUADV_P_HOURS_PER_DAY,
	GPUADV_P_UTILISATION,
	GPUADV_P_KWH_PRICE,
	GPUADV_P_MODEL,
	GPUADV_P_QUANT,
	GPUADV_P_CONTEXT,
	GPUADV_P_BATCH,
	GPUADV_P_METHOD,
	GPUADV_P_OPTIMIZER,
	GPUADV_P_CHECKPOINTING,
	GPUADV_P_PARAMS,
	GPUADV_P_LAYERS,
	GPUADV_P_HIDDEN,
	GPUADV_P_KV_HEADS,
	GPUADV_P_MAX_GPUS,
	GPUADV_P_PARALLEL,
	GPUADV_P_SHARDING,
	GPUADV_P_MIN_TOKENS,
	GPUADV_P_KIND,
	GPUADV_P_UPGRADE_FROM,
	GPUADV_P_ON,
	GPUADV_P_COUNT
};

enum gpuadv_param_type {
	GPUADV_PT_NUMBER,   /* double at offset, within [min, max] */
	GPUADV_PT_INTEGER,  /* double at offset, whole, within [min, max] */
	GPUADV_PT_CHOICE,   /* int at offset: one of the row's choices */
	GPUADV_PT_WORKLOAD, /* workload pointer at offset, by id */
	GPUADV_PT_ARCH,     /* architecture pointer at offset, by id or name */
	GPUADV_PT_PRICES,   /* price overrides, GPU -> USD within [min, max] */
	GPUADV_PT_GPU_LIST, /* gpus[], gpu_counts[] and gpu_count: GPU names,
			     * each with an optional count ("2x rtx-3090") */
	GPUADV_PT_GPU,      /* gpus[0], gpu_counts[0] and gpu_count 1 */
	GPUADV_PT_MODEL,    /* model pointer at offset: the model catalogue's */
	GPUADV_PT_QUANT,    /* quantisation pointer at offset */
	GPUADV_PT_FLAG,     /* int at offset: 1 when given (a flag without a
			     * value; JSON true or false) */
	GPUADV_PT_AMOUNT,   /* double at offset: a count with an optional
			     * k, m, b or t suffix ("13b"), within [min, max] */
	GPUADV_PT_UPGRADE,  /* upgrade_from: a GPU name, or "detected" (flags
			     * only: upgrade_from_detected, which the CLI
			     * resolves through detect.h) */
	GPUADV_PT_ON        /* on and on_count: a GPU name with an optional count
			     * (2x rtx-3090), or "detected" (flags only:
			     * on_detected, which the CLI resolves) */
};

struct gpuadv_param_def {
	enum gpuadv_param id;
	const char *flag;       /* long flag without "--"; NULL: positional only */
	char letter;            /* short flag; 0 for none */
	const char *key;        /* JSON request key */
	const char *config_key; /* config.yaml key; NULL where the file has none */
	enum gpuadv_param_type type;
	const char *metavar;    /* the value in --help: "USD", "GB" */
	const char *unit;       /* "USD", "GB", "W"; NULL for none */
	double min, max;        /* numbers, and each price of a price map */
	/* CHOICE: the values a user may give, named by choice_name. */
	const int *choices;
	size_t choice_count;
	const char *(*choice_name)(int value);
	const char *default_text; /* what an unset value means */
	const char *help;
	unsigned commands;      /* GPUADV_CMD_BIT(c) for each command taking it */
	unsigned required;      /* the commands that need it */
	bool repeatable;        /* a flag that may be given more than once */
	size_t offset;          /* offsetof(struct gpuadv_query, its field) */
};

/* The row for id; NULL for GPUADV_P_NONE or out of range. */
const struct gpuadv_param_def *gpuadv_param(enum gpuadv_param id);
/* The row command c takes under this flag, JSON key or config key; NULL
 * when none. */
const struct gpuadv_param_def *gpuadv_param_by_flag(const char *flag,
						    enum gpuadv_command c);
const struct gpuadv_param_def *gpuadv_param_by_key(const char *key,
						   enum gpuadv_command c);
const struct gpuadv_param_def *gpuadv_param_by_config_key(const char *key);

/* A CHOICE row's value for text, or -1. */
int gpuadv_param_choice_parse(const struct gpuadv_param_def *p, const char *text);
/* "a, b or c" into buf. */
void gpuadv_param_choices_text(char *buf, size_t size,
			       const struct gpuadv_param_def *p);

/* help (p->help when NULL) into buf, with "{choices}" written out. */
void gpuadv_param_help(char *buf, size_t size, const struct gpuadv_param_def *p,
		       const char *help);

/* How a message names p: "option '--budget'", "'budget_usd'" or
 * "'prices'". For a price, gpu (may be NULL) names the GPU it is for. */
void gpuadv_param_subject(char *buf, size_t size, const struct gpuadv_param_def *p,
			  enum gpuadv_naming naming, const char *gpu);

/*
 * Set p in q from text, as a flag or config.yaml gives it: a number
 * (syntax only; bounds are the validator's), a choice, a workload or
 * architecture name, a GPU name (GPU_LIST appends), or a price as "ID=USD".
 * Fails with GPUADV_EUSAGE naming p as naming says (an unknown GPU: the
 * catalogue's "unknown GPU ...; did you mean" and kind "unknown_gpu").
 */
int gpuadv_param_set_text(struct gpuadv_query *q, const struct gpuadv_catalog *cat,
			  const struct gpuadv_param_def *p, const char *text,
			  enum gpuadv_naming naming, struct gpuadv_error *err);

/*
 * Check a number against p's bounds (and wholeness for INTEGER); text is
 * the value as written, for the message (NULL: v is printed). For a price,
 * gpu names the GPU. The validator, the request parser and the
 * configuration loader all check through this, so a bound is stated once.
 */
int gpuadv_param_check_number(const struct gpuadv_param_def *p, double v,
			      const char *text, const char *gpu,
			      enum gpuadv_naming naming, struct gpuadv_error *err);

/* Record a failure of p: code, kind ("invalid_value" when NULL), err->param,
 * err->field (the flag's name for GPUADV_NAMING_FLAG, else the key's) and
 * the message. The arguments may point into err. */
int gpuadv_param_fail(struct gpuadv_error *err, int code, const char *kind,
		      const struct gpuadv_param_def *p, enum gpuadv_naming naming,
		      const char *fmt, ...)
	__attribute__((format(printf, 6, 7)));

#endif
