/*
 * query.c - the query struct's set-up, price overrides and the one
 * validator every command's query passes, whether it came from flags, a
 * JSON request or the configuration file (query.h). Bounds and choices come
 * from the parameter table, so they cannot drift between those sources.
 */
#include "gpu_advisor/query.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "gpu_advisor/params.h"
#include "gpu_advisor/prices.h"
#include "query_internal.h"

void gpuadv_query_init(struct gpuadv_query *q, enum gpuadv_command command)
{
	memset(q, 0, sizeof(*q));
	q->command = command;
	q->precision = -1;
	q->task = -1;
	q->budget_usd = NAN;
	q->budget_per_hour_usd = NAN;
	q->price_basis = -1;
	q->years = q->hours_per_day = q->utilisation = q->kwh_price_usd = NAN;
	q->min_memory_gb = NAN;
	q->max_power_w = NAN;
	q->max_price_usd = NAN;
	q->segment = -1;
	q->sort = GPUADV_SORT_PERF;
	q->list_sort = GPUADV_LIST_CATALOG;
	q->top = NAN;
	for (size_t i = 0; i < GPUADV_COMPARE_MAX; i++)
		q->gpu_counts[i] = 1;
	q->context = q->batch = NAN;
	q->method = q->optimizer = -1;
	q->params = q->layers = q->hidden = q->kv_heads = NAN;
	q->max_gpus = NAN;
	q->parallel = q->sharding = -1;
	q->min_tokens_per_s = NAN;
	q->kind = -1;
	q->checkpointing = -1;
}

int gpuadv_query_add_price(struct gpuadv_query *q, const struct gpuadv_gpu *gpu,
			   double usd, const char *basis, bool replace,
			   enum gpuadv_naming naming, struct gpuadv_error *err)
{
	const struct gpuadv_param_def *p = gpuadv_param(GPUADV_P_PRICES);
	size_t i;
	int rc;

	if ((rc = gpuadv_param_check_number(p, usd, NULL, gpu->id, naming, err)))
		return rc;
	for (i = 0; i < q->price_count; i++) {
		if (q->prices[i].gpu != gpu)
			continue;
		if (!replace || (q->prices[i].basis && basis &&
				 !strcmp(q->prices[i].basis, basis)))
			return gpuadv_param_fail(err, GPUADV_EUSAGE, NULL, p, naming,
						 "price for '%s' given twice", gpu->id);
		q->prices[i].usd = usd;
		q->prices[i].basis = basis;
		return 0;
	}
	if (q->price_count >= GPUADV_MAX_PRICE_OVERRIDES)
		return gpuadv_param_fail(err, GPUADV_EUSAGE, NULL, p, naming,
					 "more than %d price overrides",
					 GPUADV_MAX_PRICE_OVERRIDES);
	q->prices[q->price_count].gpu = gpu;
	q->prices[q->price_count].usd = usd;
	q->prices[q->price_count++].basis = basis;
	return 0;
}

/* Whether p is set in q (a choice at -1, a NAN, a NULL pointer: unset). */
bool gpuadv__query_is_set(const struct gpuadv_query *q, const struct gpuadv_param_def *p)
{
	const char *at = (const char *)q + p->offset;
	const void *ptr;
	double v;
	int c;

	switch (p->type) {
	case GPUADV_PT_NUMBER:
	case GPUADV_PT_INTEGER:
	case GPUADV_PT_AMOUNT:
		memcpy(&v, at, sizeof(v));
		return !isnan(v);
	case GPUADV_PT_CHOICE:
		memcpy(&c, at, sizeof(c));
		return c >= 0;
	case GPUADV_PT_FLAG:
		memcpy(&c, at, sizeof(c));
		return c >= 0;
	case GPUADV_PT_WORKLOAD:
	case GPUADV_PT_ARCH:
	case GPUADV_PT_MODEL:
	case GPUADV_PT_QUANT:
		memcpy(&ptr, at, sizeof(ptr));
		return ptr != NULL;
	case GPUADV_PT_PRICES:
		return q->price_count > 0;
	case GPUADV_PT_GPU_LIST:
	case GPUADV_PT_GPU:
		return q->gpu_count > 0;
	case GPUADV_PT_UPGRADE:
		return q->upgrade_from || q->upgrade_from_detected;
	case GPUADV_PT_ON:
		return q->on || q->on_detected;
	}
	return false;
}

static int check_choice(const struct gpuadv_query *q, const struct gpuadv_param_def *p,
			enum gpuadv_naming naming, struct gpuadv_error *err)
{
	char subject[160], list[256];
	size_t i;
	int c;

	memcpy(&c, (const char *)q + p->offset, sizeof(c));
	for (i = 0; i < p->choice_count; i++)
		if (p->choices[i] == c)
			return 0;
	gpuadv_param_subject(subject, sizeof(subject), p, naming, NULL);
	gpuadv_param_choices_text(list, sizeof(list), p);
	return gpuadv_param_fail(err, GPUADV_EUSAGE, NULL, p, naming,
				 "%s must be %s, got '%s'", subject, list, p->choice_name(c));
}

static int check_gpus(const struct gpuadv_query *q, const struct gpuadv_param_def *p,
		      enum gpuadv_naming naming, struct gpuadv_error *err)
{
	size_t i, j, lo = p->type == GPUADV_PT_GPU ? 1 : 2,
		     hi = p->type == GPUADV_PT_GPU ? 1 : GPUADV_COMPARE_MAX;
	char subject[160];

	gpuadv_param_subject(subject, sizeof(subject), p, naming, NULL);
	if (q->gpu_count < lo || q->gpu_count > hi) {
		if (lo == hi)
			return gpuadv_param_fail(err, GPUADV_EUSAGE, NULL, p, naming,
						 "%s needs one GPU, got %zu", subject,
						 q->gpu_count);
		return gpuadv_param_fail(err, GPUADV_EUSAGE, NULL, p, naming,
					 "%s needs %zu to %zu GPUs, got %zu", subject, lo,
					 hi, q->gpu_count);
	}
	for (i = 0; i < q->gpu_count; i++) {
		if (!q->gpus[i])
			return gpuadv_param_fail(err, GPUADV_EUSAGE, NULL, p, naming,
						 "%s names no GPU", subject);
		if (q->gpu_counts[i] < 1 || q->gpu_counts[i] > GPUADV_MAX_GPUS)
			return gpuadv_param_fail(err, GPUADV_EUSAGE, NULL, p, naming,
						 "%s: a configuration holds 1 to %d GPUs, got %u",
						 subject, GPUADV_MAX_GPUS, q->gpu_counts[i]);
		for (j = 0; j < i; j++)
			if (q->gpus[j] == q->gpus[i] && q->gpu_counts[j] == q->gpu_counts[i]) {
				if (q->gpu_counts[i] == 1)
					return gpuadv_param_fail(err, GPUADV_EUSAGE, NULL, p, naming,
								 "'%s' is named twice", q->gpus[i]->id);
				return gpuadv_param_fail(err, GPUADV_EUSAGE, NULL, p, naming,
							 "'%ux %s' is named twice",
							 q->gpu_counts[i], q->gpus[i]->id);
			}
	}
	return 0;
}

static int check_prices(const struct gpuadv_query *q, const struct gpuadv_param_def *p,
			enum gpuadv_naming naming, struct gpuadv_error *err)
{
	size_t i, j;
	int rc;

	if (q->price_count > GPUADV_MAX_PRICE_OVERRIDES)
		return gpuadv_param_fail(err, GPUADV_EUSAGE, NULL, p, naming,
					 "more than %d price overrides",
					 GPUADV_MAX_PRICE_OVERRIDES);
	for (i = 0; i < q->price_count; i++) {
		if (!q->prices[i].gpu)
			return gpuadv_param_fail(err, GPUADV_EUSAGE, NULL, p, naming,
						 "a price override needs a GPU");
		if ((rc = gpuadv_param_check_number(p, q->prices[i].usd, NULL,
						    q->prices[i].gpu->id, naming, err)))
			return rc;
		for (j = 0; j < i; j++)
			if (q->prices[j].gpu == q->prices[i].gpu)
				return gpuadv_param_fail(err, GPUADV_EUSAGE, NULL, p, naming,
							 "price for '%s' given twice",
							 q->prices[i].gpu->id);
	}
	return 0;
}

/* "--x" or "'x'", as naming says. */
static void name_of(char *buf, size_t size, const struct gpuadv_param_def *p,
		    enum gpuadv_naming naming)
{
	if (naming == GPUADV_NAMING_FLAG)
		snprintf(buf, size, "--%s", p->flag);
	else
		snprintf(buf, size, "'%s'", naming == GPUADV_NAMING_CONFIG && p->config_key
						    ? p->config_key : p->key);
}

/* A budget per hour is a cloud budget, a budget a purchase one; and the
 * defaults of the price basis and the cost of ownership. */
static int check_basis(struct gpuadv_query *q, enum gpuadv_naming naming,
		       struct gpuadv_error *err)
{
	const struct gpuadv_param_def *hour = gpuadv_param(GPUADV_P_BUDGET_PER_HOUR),
				      *buy = gpuadv_param(GPUADV_P_BUDGET),
				      *basis = gpuadv_param(GPUADV_P_PRICE_BASIS);
	char a[160], b[160];

	if (q->command == GPUADV_CMD_RECOMMEND && !isnan(q->budget_per_hour_usd)) {
		if (q->price_basis >= 0 && q->price_basis != GPUADV_WANT_CLOUD) {
			gpuadv_param_subject(a, sizeof(a), hour, naming, NULL);
			name_of(b, sizeof(b), basis, naming);
			return gpuadv_param_fail(err, GPUADV_EUSAGE, NULL, hour, naming,
						 "%s is a cloud budget: it needs %s cloud, not %s",
						 a, b, gpuadv_price_want_name(q->price_basis));
		}
		q->price_basis = GPUADV_WANT_CLOUD;
	}
	if (q->command == GPUADV_CMD_RECOMMEND && !isnan(q->budget_usd) &&
	    q->price_basis == GPUADV_WANT_CLOUD) {
		gpuadv_param_subject(a, sizeof(a), buy, naming, NULL);
		name_of(b, sizeof(b), hour, naming);
		return gpuadv_param_fail(err, GPUADV_EUSAGE, NULL, buy, naming,
					 "%s is a purchase budget; to rent, give %s", a, b);
	}
	if (q->price_basis < 0)
		q->price_basis = GPUADV_WANT_ANY;
	if (q->command != GPUADV_CMD_RECOMMEND && q->command != GPUADV_CMD_COMPARE)
		return 0;
	if (isnan(q->years))
		q->years = GPUADV_DEFAULT_YEARS;
	if (isnan(q->hours_per_day))
		q->hours_per_day = GPUADV_DEFAULT_HOURS_PER_DAY;
	if (isnan(q->utilisation))
		q->utilisation = GPUADV_DEFAULT_UTILISATION;
	if (isnan(q->kwh_price_usd))
		q->kwh_price_usd = GPUADV_DEFAULT_KWH_PRICE_USD;
	return 0;
}

/* The rules that tie parameters together. */
static int check_command(struct gpuadv_query *q, enum gpuadv_naming naming,
			 struct gpuadv_error *err)
{
	const struct gpuadv_param_def *prec = gpuadv_param(GPUADV_P_PRECISION),
				      *task = gpuadv_param(GPUADV_P_TASK),
				      *wl = gpuadv_param(GPUADV_P_WORKLOAD);
	bool model = q->model || !isnan(q->params);
	char subject[160], other[160];
	int rc;

	if (q->command == GPUADV_CMD_LIST && q->precision >= 0 && !q->workload) {
		gpuadv_param_subject(subject, sizeof(subject), prec, naming, NULL);
		if (naming == GPUADV_NAMING_FLAG)
			snprintf(other, sizeof(other), "--%s", wl->flag);
		else
			snprintf(other, sizeof(other), "'%s'", wl->key);
		return gpuadv_param_fail(err, GPUADV_EUSAGE, NULL, prec, naming,
					 "%s needs %s", subject, other);
	}
	if ((rc = check_basis(q, naming, err)))
		return rc;
	if (q->command == GPUADV_CMD_RECOMMEND && !q->workload && !model) {
		if (naming == GPUADV_NAMING_FLAG)
			return gpuadv_param_fail(err, GPUADV_EUSAGE, "missing_key", wl, naming,
						 "'recommend' needs --workload or --model; see "
						 "'gpu-advisor recommend --help'");
		return gpuadv_param_fail(err, GPUADV_EUSAGE, "missing_key", wl, naming,
					 "'%s' is required (or 'model')", wl->key);
	}
	/* With a model, its checks (model_query.c) settle the task. */
	if (model || (q->command != GPUADV_CMD_RECOMMEND && q->command != GPUADV_CMD_COMPARE))
		return 0;
	if (q->task == GPUADV_TASK_FINETUNE || (q->command == GPUADV_CMD_COMPARE && q->task >= 0)) {
		gpuadv_param_subject(subject, sizeof(subject), task, naming, NULL);
		return gpuadv_param_fail(err, GPUADV_EUSAGE, NULL, task, naming,
					 "%s %s needs %s", subject,
					 q->task == GPUADV_TASK_FINETUNE ? "finetune" : "here",
					 naming == GPUADV_NAMING_FLAG ? "--model or --params"
								      : "'model' or 'params'");
	}
	if (q->command != GPUADV_CMD_RECOMMEND)
		return 0;
	if (q->precision < 0)
		q->precision = q->workload->default_precision;
	if (q->task >= 0 && q->task != (int)q->workload->task)
		return gpuadv_param_fail(err, GPUADV_EUSAGE, NULL, task, naming,
					 "workload '%s' models %s only, not %s",
					 q->workload->id, gpuadv_task_name(q->workload->task),
					 gpuadv_task_name((enum gpuadv_task)q->task));
	q->task = q->workload->task;
	return 0;
}

int gpuadv_query_validate(struct gpuadv_query *q, enum gpuadv_naming naming,
			  struct gpuadv_error *err)
{
	unsigned bit;
	int id, rc = 0;

	if ((unsigned)q->command >= GPUADV_CMD_COUNT)
		return gpuadv_error_set(err, GPUADV_EUSAGE, "unknown command %d",
					(int)q->command);
	bit = GPUADV_CMD_BIT(q->command);
	for (id = 1; id < GPUADV_P_COUNT && rc == 0; id++) {
		const struct gpuadv_param_def *p = gpuadv_param((enum gpuadv_param)id);
		char subject[160];
		double v;

		if (!(p->commands & bit))
			continue;
		if (p->type == GPUADV_PT_GPU_LIST || p->type == GPUADV_PT_GPU) {
			rc = check_gpus(q, p, naming, err); /* how many, set or not */
			continue;
		}
		if (!gpuadv__query_is_set(q, p)) {
			if (!(p->required & bit))
				continue;
			gpuadv_param_subject(subject, sizeof(subject), p, naming, NULL);
			return gpuadv_param_fail(err, GPUADV_EUSAGE, "missing_key", p, naming,
						 "%s is required", subject);
		}
		switch (p->type) {
		case GPUADV_PT_NUMBER:
		case GPUADV_PT_INTEGER:
		case GPUADV_PT_AMOUNT:
			memcpy(&v, (const char *)q + p->offset, sizeof(v));
			rc = gpuadv_param_check_number(p, v, NULL, NULL, naming, err);
			break;
		case GPUADV_PT_CHOICE:
			rc = check_choice(q, p, naming, err);
			break;
		case GPUADV_PT_PRICES:
			rc = check_prices(q, p, naming, err);
			break;
		case GPUADV_PT_GPU_LIST:
		case GPUADV_PT_GPU:
		case GPUADV_PT_WORKLOAD:
		case GPUADV_PT_ARCH:
		case GPUADV_PT_MODEL:
		case GPUADV_PT_QUANT:
		case GPUADV_PT_FLAG:
		case GPUADV_PT_UPGRADE:
		case GPUADV_PT_ON:
			break; /* found in the catalogue, or not set */
		}
	}
	if (rc || (rc = check_command(q, naming, err)))
		return rc;
	return gpuadv__query_check_model(q, naming, err);
}
