/*
 * figure.c - the engine's answers as figures (figure.h) for the charts
 * module to draw: recommend as performance against price with the Pareto
 * front of best value; compare as per-workload bars above the same
 * scatter; memory as its breakdown stacked against the memory of the
 * cards that matter. The words and units live here, in the render layer; the module
 * only lays out and draws.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "chart.h"
#include "figure.h"

#define GROUP_TEXT GPUADV__FIG_TEXT

void gpuadv__figure_init(struct gpuadv__figure *f)
{
	memset(f, 0, sizeof(*f));
}

void gpuadv__figure_release(struct gpuadv__figure *f)
{
	size_t i;

	for (i = 0; i < GPUADV__FIG_MAX_PANELS; i++) {
		free(f->panels[i].points);
		free(f->panels[i].groups);
		free(f->panels[i].group_text);
		free(f->panels[i].values);
		free(f->panels[i].limits);
		free(f->panels[i].bar_text);
	}
	gpuadv__figure_init(f);
}

void gpuadv__figure_front(struct gpuadv__fig_point *p, size_t n)
{
	size_t i, j;

	for (i = 0; i < n; i++) {
		p[i].front = true;
		for (j = 0; j < n && p[i].front; j++)
			if (j != i && p[j].x <= p[i].x && p[j].y >= p[i].y &&
			    (p[j].x < p[i].x || p[j].y > p[i].y))
				p[i].front = false;
	}
}

/* A scatter panel of n (price, performance) pairs; NAN prices are left
 * out and counted in *unpriced. */
static int scatter(struct gpuadv__fig_panel *pn, size_t n, const double *x,
		   const double *y, const char *const *label, const bool *pick,
		   size_t *unpriced)
{
	size_t i;

	pn->kind = GPUADV__PANEL_SCATTER;
	pn->points = calloc(n ? n : 1, sizeof(*pn->points));
	if (!pn->points)
		return GPUADV_ENOMEM;
	*unpriced = 0;
	for (i = 0; i < n; i++) {
		if (isnan(x[i]) || isnan(y[i])) {
			(*unpriced)++;
			continue;
		}
		pn->points[pn->point_count++] = (struct gpuadv__fig_point){
			.label = label[i], .x = x[i], .y = y[i], .pick = pick && pick[i],
		};
	}
	gpuadv__figure_front(pn->points, pn->point_count);
	pn->x_label = "Price (USD)";
	return 0;
}

int gpuadv__figure_recommendation(struct gpuadv__figure *f, const struct gpuadv_catalog *cat,
				  const struct gpuadv_recommendation *r)
{
	const struct gpuadv_query *q = &r->query;
	struct gpuadv__fig_panel *pn = &f->panels[0];
	size_t i, n = r->result_count, unpriced;
	const char **label = calloc(n ? n : 1, sizeof(*label));
	double *x = calloc(n ? n : 1, sizeof(*x)), *y = calloc(n ? n : 1, sizeof(*y));
	bool *pick = calloc(n ? n : 1, sizeof(*pick));
	int rc = GPUADV_ENOMEM;

	gpuadv__figure_init(f);
	if (!label || !x || !y || !pick)
		goto done;
	for (i = 0; i < n; i++) {
		label[i] = r->results[i].gpu->name;
		x[i] = r->results[i].price.usd;
		y[i] = r->results[i].perf.value;
		pick[i] = (long)i == r->pick_fastest || (long)i == r->pick_value ||
			  (long)i == r->pick_memory;
	}
	if ((rc = scatter(pn, n, x, y, label, pick, &unpriced)))
		goto done;
	f->panel_count = 1;
	snprintf(f->text[0], sizeof(f->text[0]), "%s (%s): performance against price",
		 q->workload->name, gpuadv_precision_name(q->precision));
	f->title = f->text[0];
	snprintf(f->text[1], sizeof(f->text[1]),
		 "The line joins the best value: no GPU on it is beaten on both price and "
		 "performance. Picks are drawn larger.");
	f->subtitle = f->text[1];
	snprintf(f->text[2], sizeof(f->text[2]), "Performance (%s = 1.00)", cat->reference->name);
	pn->y_label = f->text[2];
	if (unpriced) {
		snprintf(f->text[3], sizeof(f->text[3]), "%zu GPU%s without a price not shown",
			 unpriced, unpriced == 1 ? "" : "s");
		pn->note = f->text[3];
	}
	rc = 0;
done:
	free(label);
	free(x);
	free(y);
	free(pick);
	if (rc)
		gpuadv__figure_release(f);
	return rc;
}

/* Per-workload bars: groups are workloads, series the GPUs. */
static int compare_bars(struct gpuadv__figure *f, const struct gpuadv_catalog *cat,
			const struct gpuadv_comparison *c)
{
	struct gpuadv__fig_panel *pn = &f->panels[f->panel_count];
	size_t w, i;

	pn->kind = GPUADV__PANEL_BARS;
	pn->groups = calloc(c->row_count ? c->row_count : 1, sizeof(*pn->groups));
	pn->group_text = calloc(c->row_count ? c->row_count : 1, GROUP_TEXT);
	pn->values = calloc(c->row_count * c->gpu_count + 1, sizeof(*pn->values));
	if (!pn->groups || !pn->group_text || !pn->values)
		return GPUADV_ENOMEM;
	for (w = 0; w < c->row_count; w++) {
		char *t = pn->group_text + w * GROUP_TEXT;

		snprintf(t, GROUP_TEXT, "%s %s", c->rows[w].workload->id,
			 gpuadv_precision_name(c->rows[w].precision));
		pn->groups[w] = t;
		for (i = 0; i < c->gpu_count; i++)
			pn->values[w * c->gpu_count + i] =
				c->rows[w].ok[i] ? c->rows[w].perf[i].value : NAN;
	}
	pn->group_count = c->row_count;
	for (i = 0; i < c->gpu_count && i < GPUADV__FIG_MAX_SERIES; i++)
		pn->series[i] = c->gpus[i]->name;
	pn->series_count = i;
	pn->title = "Performance per workload";
	pn->x_label = "Workload and precision";
	snprintf(f->text[2], sizeof(f->text[2]), "Performance (%s = 1.00)", cat->reference->name);
	pn->y_label = f->text[2];
	f->panel_count++;
	return 0;
}

int gpuadv__figure_comparison(struct gpuadv__figure *f, const struct gpuadv_catalog *cat,
			      const struct gpuadv_comparison *c)
{
	const char *label[GPUADV_COMPARE_MAX];
	double x[GPUADV_COMPARE_MAX], y[GPUADV_COMPARE_MAX];
	struct gpuadv__fig_panel *pn;
	size_t i, w, used = 0, unpriced;
	int rc;

	gpuadv__figure_init(f);
	if ((rc = compare_bars(f, cat, c)))
		goto done;
	/* The scatter: one workload's performance, or the geometric mean over
	 * the workloads every GPU runs. */
	for (i = 0; i < c->gpu_count; i++) {
		double logsum = 0;

		used = 0;
		for (w = 0; w < c->row_count; w++) {
			size_t k;

			for (k = 0; k < c->gpu_count && c->rows[w].ok[k]; k++)
				;
			if (k < c->gpu_count || !(c->rows[w].perf[i].value > 0))
				continue;
			logsum += log(c->rows[w].perf[i].value);
			used++;
		}
		label[i] = c->gpus[i]->name;
		x[i] = c->prices[i].usd;
		y[i] = used ? exp(logsum / (double)used) : NAN;
	}
	pn = &f->panels[f->panel_count];
	if ((rc = scatter(pn, c->gpu_count, x, y, label, NULL, &unpriced)))
		goto done;
	f->panel_count++;
	pn->title = "Performance against price";
	if (c->row_count == 1)
		snprintf(f->text[3], sizeof(f->text[3]), "Performance, %s (%s = 1.00)",
			 f->panels[0].groups[0], cat->reference->name);
	else
		snprintf(f->text[3], sizeof(f->text[3]),
			 "Performance, mean of %zu workloads (%s = 1.00)", used,
			 cat->reference->name);
	pn->y_label = f->text[3];
	if (unpriced) {
		snprintf(f->text[4], sizeof(f->text[4]),
			 "%zu GPU%s without a price or a common workload not shown", unpriced,
			 unpriced == 1 ? "" : "s");
		pn->note = f->text[4];
	}
	snprintf(f->text[0], sizeof(f->text[0]), "Comparison of %zu GPUs", c->gpu_count);
	f->title = f->text[0];
	snprintf(f->text[1], sizeof(f->text[1]),
		 "Below, the line joins the best value: no GPU on it is beaten on both price "
		 "and performance.");
	f->subtitle = f->text[1];
	rc = 0;
done:
	if (rc)
		gpuadv__figure_release(f);
	return rc;
}

/* The parts of a breakdown, as the memory panel's series. */
static double part_of(const struct gpuadv_memory *m, size_t s)
{
	const double v[] = { m->weights, m->kv_cache, m->activations, m->gradients, m->optimizer,
			     m->overhead };

	return v[s] / GPUADV_GIB;
}

int gpuadv__figure_memory(struct gpuadv__figure *f, const struct gpuadv_memory_answer *a)
{
	static const char *const parts[] = { "weights", "KV cache", "activations", "gradients",
					     "optimizer state", "overhead" };
	const struct gpuadv_memory_config *shown[GPUADV__MEMORY_SHOWN_MAX];
	const char *role[GPUADV__MEMORY_SHOWN_MAX];
	struct gpuadv__fig_panel *pn = &f->panels[0];
	size_t n, g, s, used[6], ns = 0;

	gpuadv__figure_init(f);
	n = gpuadv__memory_shown(a, shown, role);
	pn->kind = GPUADV__PANEL_STACKED;
	pn->groups = calloc(n ? n : 1, sizeof(*pn->groups));
	pn->group_text = calloc(n ? n : 1, GROUP_TEXT);
	pn->bar_text = calloc(n ? n : 1, GROUP_TEXT);
	pn->values = calloc((n ? n : 1) * 6, sizeof(*pn->values));
	pn->limits = calloc(n ? n : 1, sizeof(*pn->limits));
	if (!pn->groups || !pn->group_text || !pn->bar_text || !pn->values || !pn->limits) {
		gpuadv__figure_release(f);
		return GPUADV_ENOMEM;
	}
	/* Only the parts some configuration has: inference has no optimiser. */
	for (s = 0; s < 6; s++) {
		for (g = 0; g < n && !(part_of(&shown[g]->fit.memory, s) > 0); g++)
			;
		if (g < n) {
			used[ns] = s;
			pn->series[ns++] = parts[s];
		}
	}
	pn->series_count = ns;
	for (g = 0; g < n; g++) {
		const struct gpuadv_model_fit *fit = &shown[g]->fit;
		char *t = pn->group_text + g * GROUP_TEXT;

		snprintf(t, GROUP_TEXT, "%u x %s (%s)", fit->count, shown[g]->gpu->name, role[g]);
		pn->groups[g] = t;
		for (s = 0; s < ns; s++)
			pn->values[g * ns + s] = part_of(&fit->memory, used[s]);
		pn->limits[g] = fit->available_gb;
		snprintf(pn->bar_text + g * GROUP_TEXT, GROUP_TEXT, "%.1f of %.0f%s",
			 fit->required_gb, fit->available_gb,
			 !fit->runs ? ": cannot run it" : fit->fits ? "" : ": too small");
	}
	pn->group_count = n;
	pn->x_label = a->per_gpu ? "Memory on each card (GiB)" : "Memory, all cards together (GiB)";
	pn->y_label = "";
	pn->limit_label = a->per_gpu ? "the card's memory" : "the cards' memory";
	snprintf(f->text[0], sizeof(f->text[0]), "Memory for %s (%s)", a->model->name,
		 a->query.quant ? a->query.quant->name : "16-bit");
	f->title = f->text[0];
	{
		const struct gpuadv_query *q = &a->query;
		const char *task = q->task == GPUADV_INFER ? "Inference"
				   : q->task == GPUADV_TASK_FINETUNE ? "Fine-tuning" : "Training";
		char ctx[48] = "";

		if (q->context > 0)
			snprintf(ctx, sizeof(ctx), ", %.0f tokens of context", q->context);
		snprintf(f->text[1], sizeof(f->text[1]),
			 "%s%s, batch %.0f: the smallest cards that hold it on 1, 2, 4 or 8 "
			 "GPUs, and the largest that does not", task, ctx, q->batch);
	}
	f->subtitle = f->text[1];
	if (!n)
		pn->note = "No catalogue card to show";
	else if (a->per_gpu && a->query.sharding != GPUADV_SHARD_FSDP)
		pn->note = "Data parallel: each card holds the whole model, so more cards need "
			   "as much each (--sharding fsdp splits it)";
	f->panel_count = 1;
	return 0;
}
