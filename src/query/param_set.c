/*
 * param_set.c - setting a parameter-table row (params.h) from text, as a
 * flag or config.yaml gives it: numbers (syntax only: bounds are the
 * validator's), choices, names the catalogues resolve, GPU configurations
 * and "ID=USD" prices. Apart from params.c, which holds the table.
 */
#include "gpu_advisor/params.h"

#include <float.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "gpu_advisor/llm_speed.h"
#include "gpu_advisor/memory.h"
#include "query_internal.h"

/* "ID=USD" into q's prices, beating a configuration file's price. */
static int set_price(struct gpuadv_query *q, const struct gpuadv_catalog *cat,
		     const struct gpuadv_param_def *p, const char *spec,
		     enum gpuadv_naming naming, struct gpuadv_error *err)
{
	const char *eq = strchr(spec, '=');
	const struct gpuadv_gpu *g;
	char name[256], subject[160];
	double usd;
	int rc;

	gpuadv_param_subject(subject, sizeof(subject), p, naming, NULL);
	if (!eq || eq == spec || (size_t)(eq - spec) >= sizeof(name))
		return gpuadv_param_fail(err, GPUADV_EUSAGE, NULL, p, naming,
					 "%s must be ID=USD, got '%.100s'", subject, spec);
	memcpy(name, spec, (size_t)(eq - spec));
	name[eq - spec] = '\0';
	if ((rc = gpuadv__param_set_gpu(&g, cat, p, name, naming, err)))
		return rc;
	if (gpuadv_parse_number(&usd, eq + 1, -DBL_MAX, DBL_MAX, false) != 0)
		usd = NAN; /* not a number: the check says so, with the text */
	if ((rc = gpuadv_param_check_number(p, usd, eq + 1,
					    naming == GPUADV_NAMING_FLAG ? NULL : g->id,
					    naming, err)))
		return rc;
	return gpuadv_query_add_price(q, g, usd, "override", true, naming, err);
}

int gpuadv_param_set_text(struct gpuadv_query *q, const struct gpuadv_catalog *cat,
			  const struct gpuadv_param_def *p, const char *text,
			  enum gpuadv_naming naming, struct gpuadv_error *err)
{
	char *at = (char *)q + p->offset;
	char subject[160], list[512];
	double v;
	int c;

	gpuadv_param_subject(subject, sizeof(subject), p, naming, NULL);
	switch (p->type) {
	case GPUADV_PT_NUMBER:
	case GPUADV_PT_INTEGER:
		/* Syntax here; bounds in the validator, for every source alike. */
		if (gpuadv_parse_number(&v, text, -DBL_MAX, DBL_MAX, false) != 0)
			return gpuadv_param_check_number(p, NAN, text, NULL, naming, err);
		v += 0.0; /* -0 is 0 */
		memcpy(at, &v, sizeof(v));
		return 0;
	case GPUADV_PT_CHOICE:
		if ((c = gpuadv_param_choice_parse(p, text)) < 0) {
			gpuadv_param_choices_text(list, sizeof(list), p);
			return gpuadv_param_fail(err, GPUADV_EUSAGE, NULL, p, naming,
						 "%s must be %s, got '%.100s'", subject, list, text);
		}
		memcpy(at, &c, sizeof(c));
		return 0;
	case GPUADV_PT_WORKLOAD: {
		const struct gpuadv_workload *w = gpuadv_catalog_find_workload(cat, text);
		size_t i, used = 0;

		if (w) {
			memcpy(at, &w, sizeof(w));
			return 0;
		}
		list[0] = '\0';
		for (i = 0; i < cat->workload_count && used < sizeof(list); i++)
			used += (size_t)snprintf(list + used, sizeof(list) - used, "%s%s",
						 i ? ", " : "", cat->workloads[i].id);
		return gpuadv_param_fail(err, GPUADV_EUSAGE, "unknown_workload", p, naming,
					 "unknown workload '%.100s'; known: %s", text, list);
	}
	case GPUADV_PT_ARCH: {
		const struct gpuadv_arch *a = gpuadv_catalog_find_arch(cat, text);

		if (a) {
			memcpy(at, &a, sizeof(a));
			return 0;
		}
		return gpuadv_param_fail(err, GPUADV_EUSAGE, NULL, p, naming,
					 "unknown architecture '%.100s'%s", text,
					 naming == GPUADV_NAMING_FLAG
						 ? "; see 'gpu-advisor archs'" : "");
	}
	case GPUADV_PT_PRICES:
		return set_price(q, cat, p, text, naming, err);
	case GPUADV_PT_GPU_LIST:
		if (q->gpu_count == GPUADV_COMPARE_MAX)
			return gpuadv_param_fail(err, GPUADV_EUSAGE, NULL, p, naming,
						 "%s holds at most %d GPUs",
						 naming == GPUADV_NAMING_FLAG ? "'compare'" : subject,
						 GPUADV_COMPARE_MAX);
		if ((c = gpuadv__param_set_config(&q->gpus[q->gpu_count], &q->gpu_counts[q->gpu_count],
				    cat, p, text, naming, err)))
			return c;
		q->gpu_count++;
		return 0;
	case GPUADV_PT_GPU:
		if ((c = gpuadv__param_set_config(&q->gpus[0], &q->gpu_counts[0], cat, p, text, naming, err)))
			return c;
		q->gpu_count = 1;
		return 0;
	case GPUADV_PT_MODEL: {
		const struct gpuadv_model_spec *m = NULL;

		if (!cat->models)
			return gpuadv_param_fail(err, GPUADV_EUSAGE, NULL, p, naming,
						 "%s: no model catalogue is loaded", subject);
		if (!(m = gpuadv_models_find(cat->models, text, err)))
			return gpuadv_param_fail(err, GPUADV_EUSAGE, "unknown_model", p, naming,
						 "%s%s", err ? err->message : "unknown model",
						 naming == GPUADV_NAMING_FLAG && err &&
						 !strchr(err->message, '?')
							 ? "; see 'gpu-advisor models'" : "");
		memcpy(at, &m, sizeof(m));
		return 0;
	}
	case GPUADV_PT_QUANT: {
		const struct gpuadv_quant *qt = NULL;

		if (!cat->models)
			return gpuadv_param_fail(err, GPUADV_EUSAGE, NULL, p, naming,
						 "%s: no model catalogue is loaded", subject);
		if (!(qt = gpuadv_models_find_quant(cat->models, text, err)))
			return gpuadv_param_fail(err, GPUADV_EUSAGE, "unknown_quant", p, naming,
						 "%s", err ? err->message : "unknown quantisation");
		memcpy(at, &qt, sizeof(qt));
		return 0;
	}
	case GPUADV_PT_FLAG:
		c = 1;
		memcpy(at, &c, sizeof(c));
		return 0;
	case GPUADV_PT_AMOUNT:
		if (gpuadv__parse_amount(&v, text) != 0)
			return gpuadv_param_fail(err, GPUADV_EUSAGE, NULL, p, naming,
						 "%s must be a count like 13b or 350m, got '%.100s'",
						 subject, text);
		memcpy(at, &v, sizeof(v));
		return 0;
	case GPUADV_PT_UPGRADE:
		/* Detection touches the machine: the CLI does it for a flag; a
		 * request or a file names the GPU. */
		if (!strcmp(text, "detected")) {
			if (naming != GPUADV_NAMING_FLAG)
				return gpuadv_param_fail(err, GPUADV_EUSAGE, NULL, p, naming,
							 "%s must name a GPU here; 'detected' "
							 "works with the --%s flag", subject, p->flag);
			q->upgrade_from = NULL;
			q->upgrade_from_detected = true;
			return 0;
		}
		q->upgrade_from_detected = false;
		return gpuadv__param_set_gpu(&q->upgrade_from, cat, p, text, naming, err);
	case GPUADV_PT_ON:
		if (!strcmp(text, "detected")) {
			if (naming != GPUADV_NAMING_FLAG)
				return gpuadv_param_fail(err, GPUADV_EUSAGE, NULL, p, naming,
							 "%s must name a GPU here; 'detected' "
							 "works with the --%s flag", subject, p->flag);
			q->on = NULL;
			q->on_count = 0;
			q->on_detected = true;
			return 0;
		}
		q->on_detected = false;
		return gpuadv__param_set_config(&q->on, &q->on_count, cat, p, text, naming, err);
	}
	return gpuadv_error_set(err, GPUADV_EINTERNAL, "parameter type %d", (int)p->type);
}
