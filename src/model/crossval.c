/*
 * crossval.c - how well parameters predict: scored on the points given
 * (gpuadv_model_evaluate), and leave-one-GPU-out cross-validation
 * (gpuadv_model_crossval). Part of gpuadv_fit.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "fit_internal.h"

/* Scale of group g under params p: geometric mean of measured / predicted
 * over its points not on GPU exclude; NAN when it has none. */
static double group_log_scale(const struct gpuadv__fit_data *d, const double *p, size_t g,
			      size_t exclude)
{
	double sum = 0;
	size_t k, m = 0;

	for (k = 0; k < d->n; k++) {
		const struct gpuadv__fit_prepared *pp = &d->pt[k];

		if (pp->group != g || pp->gpu == exclude)
			continue;
		sum += pp->log_y + log(gpuadv__model_step_time(&pp->f, p, NULL));
		m++;
	}
	return m ? sum / m : NAN;
}

/*
 * Score log predictions lp[] (already scaled; NAN: not scored) against the
 * measurements: see model.h for what is computed.
 */
static int score(struct gpuadv_model_accuracy *out, const struct gpuadv__fit_data *d,
		 const double *lp)
{
	double *e = NULL, *a = NULL, *b = NULL, *gm = NULL;
	size_t *gc = NULL;
	size_t k, g, m = 0, gn;
	double wsum = 0, ssum = 0, s;
	int rc = GPUADV_ENOMEM;

	memset(out, 0, sizeof(*out));
	out->median_error = out->spearman = out->group_spearman = NAN;
	e = malloc((d->n + 1) * sizeof(*e));
	a = malloc((d->n + 1) * sizeof(*a));
	b = malloc((d->n + 1) * sizeof(*b));
	gm = calloc(d->groups + 1, sizeof(*gm));
	gc = calloc(d->groups + 1, sizeof(*gc));
	if (!e || !a || !b || !gm || !gc)
		goto done;
	for (k = 0; k < d->n; k++) {
		if (isnan(lp[k]))
			continue;
		gm[d->pt[k].group] += d->pt[k].log_y;
		gc[d->pt[k].group]++;
	}
	for (k = 0; k < d->n; k++) {
		const struct gpuadv__fit_prepared *pp = &d->pt[k];

		if (isnan(lp[k])) {
			out->skipped++;
			continue;
		}
		e[m] = fabs(exp(lp[k] - pp->log_y) - 1);
		a[m] = lp[k] - gm[pp->group] / gc[pp->group];
		b[m] = pp->log_y - gm[pp->group] / gc[pp->group];
		m++;
	}
	out->points = m;
	out->median_error = gpuadv_model_median(e, m);
	out->spearman = gpuadv_model_spearman(a, b, m);
	for (g = 0; g < d->groups; g++) {
		if (gc[g] < 3)
			continue;
		for (k = 0, gn = 0; k < d->n; k++) {
			if (d->pt[k].group != g || isnan(lp[k]))
				continue;
			a[gn] = lp[k];
			b[gn++] = d->pt[k].log_y;
		}
		s = gpuadv_model_spearman(a, b, gn);
		if (!isnan(s)) {
			ssum += s * gn;
			wsum += gn;
		}
	}
	out->group_spearman = wsum > 0 ? ssum / wsum : NAN;
	rc = 0;
done:
	free(e);
	free(a);
	free(b);
	free(gm);
	free(gc);
	return rc;
}

int gpuadv_model_evaluate(struct gpuadv_model_accuracy *out,
			  const struct gpuadv_model *m,
			  const struct gpuadv_fit_point *pts, size_t n,
			  struct gpuadv_error *err)
{
	struct gpuadv__fit_data d;
	double *lp = NULL, *ls = NULL;
	size_t k, skipped;
	int rc;

	if (!out || !m || (n && !pts))
		return gpuadv_error_set(err, GPUADV_EUSAGE, "bad evaluate argument");
	if (!gpuadv__model_valid(m))
		return gpuadv_error_set(err, GPUADV_EDATA,
					"model parameters out of range or all GPU weights zero");
	if ((rc = gpuadv__fit_data_build(&d, pts, n, err)))
		return rc;
	lp = malloc((d.n + 1) * sizeof(*lp));
	ls = malloc((d.groups + 1) * sizeof(*ls));
	if (!lp || !ls) {
		rc = gpuadv_error_set(err, GPUADV_ENOMEM, "out of memory");
		goto done;
	}
	for (k = 0; k < d.groups; k++)
		ls[k] = group_log_scale(&d, m->p, k, GPUADV__FIT_NO_GPU);
	for (k = 0; k < d.n; k++)
		lp[k] = -log(gpuadv__model_step_time(&d.pt[k].f, m->p, NULL)) + ls[d.pt[k].group];
	/* A point alone in its group fits trivially: leave it out. */
	for (k = 0; k < d.n; k++) {
		size_t j, same = 0;

		for (j = 0; j < d.n; j++)
			same += d.pt[j].group == d.pt[k].group;
		if (same < 2)
			lp[k] = NAN;
	}
	skipped = d.skipped;
	if (score(out, &d, lp))
		rc = gpuadv_error_set(err, GPUADV_ENOMEM, "out of memory");
	out->skipped += skipped;
done:
	free(lp);
	free(ls);
	gpuadv__fit_data_free(&d);
	return rc;
}

int gpuadv_model_crossval(struct gpuadv_model_accuracy *out,
			  const struct gpuadv_fit_point *pts, size_t n,
			  struct gpuadv_error *err)
{
	struct gpuadv_model m;
	struct gpuadv__fit_data d;
	double *lp = NULL;
	size_t g, k, skipped;
	int rc;

	if (!out || (n && !pts))
		return gpuadv_error_set(err, GPUADV_EUSAGE, "bad crossval argument");
	if ((rc = gpuadv__fit_data_build(&d, pts, n, err)))
		return rc;
	if (!(lp = malloc((d.n + 1) * sizeof(*lp)))) {
		rc = gpuadv_error_set(err, GPUADV_ENOMEM, "out of memory");
		goto done;
	}
	for (k = 0; k < d.n; k++)
		lp[k] = NAN;
	for (g = 0; g < d.gpus; g++) {
		if ((rc = gpuadv__fit_without(&m, &d, g, err)))
			goto done;
		for (k = 0; k < d.n; k++) {
			const struct gpuadv__fit_prepared *pp = &d.pt[k];

			if (pp->gpu != g)
				continue;
			lp[k] = -log(gpuadv__model_step_time(&pp->f, m.p, NULL)) +
				group_log_scale(&d, m.p, pp->group, g);
		}
	}
	skipped = d.skipped;
	if (score(out, &d, lp))
		rc = gpuadv_error_set(err, GPUADV_ENOMEM, "out of memory");
	out->skipped += skipped;
done:
	free(lp);
	gpuadv__fit_data_free(&d);
	return rc;
}
