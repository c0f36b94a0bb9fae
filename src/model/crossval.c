/*
 * crossval.c - how well the model predicts: every point predicted in
 * sample, leaving out its GPU, its network or both (refitting without
 * them), or by a one-figure baseline (gpuadv_model_predict); predictions
 * scored (gpuadv_model_score). Part of gpuadv_fit.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "fit_internal.h"

static double log_time(const struct gpuadv__fit_prepared *pp, const double *p)
{
	return log(gpuadv__model_step_time(&pp->f, pp->net, p, NULL, NULL));
}

/* A baseline's log time: bandwidth per byte, or the maths rate alone. */
static double log_time_baseline(const struct gpuadv__fit_prepared *pp, enum gpuadv_cv mode)
{
	if (mode == GPUADV_CV_BANDWIDTH)
		return log(pp->f.bytes / pp->f.bandwidth);
	return -log(pp->f.compute);
}

/*
 * The log prediction of every point of d under lt[] (log times): each
 * group's scale from its points on other GPUs (by_others) or from all its
 * points; NAN where the group has no other point.
 */
static void scale_points(double *lp, const struct gpuadv__fit_data *d, const double *lt,
			 const bool *want, bool by_others)
{
	size_t k, j;

	for (k = 0; k < d->n; k++) {
		double sum = 0;
		size_t m = 0, others = 0;

		if (!want[k])
			continue;
		for (j = 0; j < d->n; j++) {
			if (d->pt[j].group != d->pt[k].group)
				continue;
			others += j != k;
			if (by_others && d->pt[j].gpu == d->pt[k].gpu)
				continue;
			sum += d->pt[j].log_y + lt[j];
			m++;
		}
		lp[k] = m && others ? sum / m - lt[k] : NAN;
	}
}

/*
 * Move each wanted (left-out) point by its card's siblings' mean log
 * residual under lt[], at the point's precision label, over the points the
 * fit kept (train[]): each sibling's residuals averaged first, so every
 * sibling counts once, as sibling_residual in the engine does. Residuals
 * are about each group's scale over the kept points. gsum, gcnt: d->groups
 * each; csum, ccnt: d->gpus each (scratch).
 */
static void sibling_correct(double *lp, const struct gpuadv__fit_data *d,
			    const struct gpuadv_fit_point *pts, const double *lt, const bool *want,
			    const bool *train, double *gsum, size_t *gcnt, double *csum,
			    size_t *ccnt)
{
	size_t k, j, c;

	memset(gsum, 0, d->groups * sizeof(*gsum));
	memset(gcnt, 0, d->groups * sizeof(*gcnt));
	for (j = 0; j < d->n; j++)
		if (train[j]) {
			gsum[d->pt[j].group] += d->pt[j].log_y + lt[j];
			gcnt[d->pt[j].group]++;
		}
	for (k = 0; k < d->n; k++) {
		const struct gpuadv_fit_point *pk = &pts[d->pt[k].src];
		double sum = 0;
		size_t m = 0;

		if (!want[k] || isnan(lp[k]))
			continue;
		memset(csum, 0, d->gpus * sizeof(*csum));
		memset(ccnt, 0, d->gpus * sizeof(*ccnt));
		for (j = 0; j < d->n; j++) {
			const struct gpuadv_fit_point *pj = &pts[d->pt[j].src];

			if (!train[j] || pj->precision != pk->precision ||
			    !gpuadv_model_siblings(pj->gpu, pk->gpu))
				continue;
			csum[d->pt[j].gpu] += d->pt[j].log_y + lt[j] -
					      gsum[d->pt[j].group] / (double)gcnt[d->pt[j].group];
			ccnt[d->pt[j].gpu]++;
		}
		for (c = 0; c < d->gpus; c++)
			if (ccnt[c]) {
				sum += csum[c] / (double)ccnt[c];
				m++;
			}
		if (m)
			lp[k] += sum / (double)m;
	}
}

int gpuadv_model_predict(double *pred, const struct gpuadv_model *m,
			 const struct gpuadv_fit_point *pts, size_t n, enum gpuadv_cv mode,
			 struct gpuadv_error *err)
{
	struct gpuadv__fit_data d;
	struct gpuadv_model fit;
	double *lt = NULL, *lp = NULL, *gsum = NULL, *csum = NULL;
	bool *want = NULL, *train = NULL;
	size_t i, k, g, net, ng, nn, *gcnt = NULL, *ccnt = NULL;
	bool sib = mode == GPUADV_CV_GPU_SIBLINGS || mode == GPUADV_CV_BOTH_SIBLINGS;
	int rc;

	if (!pred || (n && !pts) || (mode == GPUADV_CV_IN_SAMPLE && !m))
		return gpuadv_error_set(err, GPUADV_EUSAGE, "bad predict argument");
	if (m && !gpuadv__model_valid(m))
		return gpuadv_error_set(err, GPUADV_EDATA, "model parameters out of range");
	for (i = 0; i < n; i++)
		pred[i] = NAN;
	if ((rc = gpuadv__fit_data_build(&d, pts, n, err)))
		return rc;
	lt = calloc(d.n + 1, sizeof(*lt));
	lp = calloc(d.n + 1, sizeof(*lp));
	want = calloc(d.n + 1, sizeof(*want));
	train = calloc(d.n + 1, sizeof(*train));
	gsum = calloc(d.groups + 1, sizeof(*gsum));
	gcnt = calloc(d.groups + 1, sizeof(*gcnt));
	csum = calloc(d.gpus + 1, sizeof(*csum));
	ccnt = calloc(d.gpus + 1, sizeof(*ccnt));
	if (!lt || !lp || !want || !train || !gsum || !gcnt || !csum || !ccnt) {
		rc = gpuadv_error_set(err, GPUADV_ENOMEM, "out of memory");
		goto done;
	}
	for (k = 0; k < d.n; k++)
		lp[k] = NAN;
	if (mode == GPUADV_CV_IN_SAMPLE || mode == GPUADV_CV_BANDWIDTH ||
	    mode == GPUADV_CV_TENSOR) {
		for (k = 0; k < d.n; k++) {
			lt[k] = mode == GPUADV_CV_IN_SAMPLE ? log_time(&d.pt[k], m->p)
							     : log_time_baseline(&d.pt[k], mode);
			want[k] = true;
		}
		scale_points(lp, &d, lt, want, false);
	} else {
		bool gpu_only = mode == GPUADV_CV_GPU || mode == GPUADV_CV_GPU_SIBLINGS;

		ng = mode == GPUADV_CV_NETWORK ? 1 : d.gpus;
		nn = gpu_only ? 1 : d.networks;
		for (g = 0; g < ng; g++) {
			for (net = 0; net < nn; net++) {
				size_t ex_gpu = mode == GPUADV_CV_NETWORK ? GPUADV__FIT_NONE : g;
				size_t ex_net = gpu_only ? GPUADV__FIT_NONE : net;
				bool any = false;

				for (k = 0; k < d.n; k++) {
					bool on_gpu = ex_gpu == GPUADV__FIT_NONE || d.pt[k].gpu == ex_gpu;
					bool on_net = ex_net == GPUADV__FIT_NONE || d.pt[k].network == ex_net;

					want[k] = on_gpu && on_net;
					train[k] = (ex_gpu == GPUADV__FIT_NONE || d.pt[k].gpu != ex_gpu) &&
						   (ex_net == GPUADV__FIT_NONE || d.pt[k].network != ex_net);
					any |= want[k];
				}
				if (!any)
					continue;
				if ((rc = gpuadv__fit_without(&fit, &d, ex_gpu, ex_net, err)))
					goto done;
				for (k = 0; k < d.n; k++)
					lt[k] = log_time(&d.pt[k], fit.p);
				scale_points(lp, &d, lt, want, true);
				if (sib)
					sibling_correct(lp, &d, pts, lt, want, train, gsum, gcnt, csum,
							ccnt);
			}
		}
	}
	for (k = 0; k < d.n; k++)
		pred[d.pt[k].src] = exp(lp[k]);
done:
	free(lt);
	free(lp);
	free(want);
	free(train);
	free(gsum);
	free(gcnt);
	free(csum);
	free(ccnt);
	gpuadv__fit_data_free(&d);
	return rc;
}

static bool same_str(const char *a, const char *b)
{
	return a == b || (a && b && strcmp(a, b) == 0);
}

int gpuadv_model_score(struct gpuadv_model_accuracy *out, const struct gpuadv_fit_point *pts,
		       const double *pred, size_t n)
{
	double *e = NULL, *a = NULL, *b = NULL, *gm = NULL;
	size_t *grp = NULL, *gc = NULL;
	size_t i, j, m = 0, groups = 0;
	int rc = GPUADV_ENOMEM;

	memset(out, 0, sizeof(*out));
	out->median_error = out->spearman = out->group_spearman = NAN;
	e = malloc((n + 1) * sizeof(*e));
	a = malloc((n + 1) * sizeof(*a));
	b = malloc((n + 1) * sizeof(*b));
	gm = calloc(n + 1, sizeof(*gm));
	grp = calloc(n + 1, sizeof(*grp));
	gc = calloc(n + 1, sizeof(*gc));
	if (!e || !a || !b || !gm || !grp || !gc)
		goto done;
	for (i = 0; i < n; i++) {
		grp[i] = groups;
		for (j = 0; j < i; j++) {
			if (pts[j].precision == pts[i].precision && same_str(pts[j].set, pts[i].set) &&
			    same_str(pts[j].network, pts[i].network) &&
			    same_str(pts[j].software, pts[i].software)) {
				grp[i] = grp[j];
				break;
			}
		}
		groups += grp[i] == groups;
		if (isnan(pred[i]))
			continue;
		gm[grp[i]] += log(pts[i].throughput);
		gc[grp[i]]++;
	}
	for (i = 0; i < n; i++) {
		if (isnan(pred[i])) {
			out->skipped++;
			continue;
		}
		e[m] = fabs(pred[i] / pts[i].throughput - 1);
		a[m] = log(pred[i]) - gm[grp[i]] / gc[grp[i]];
		b[m] = log(pts[i].throughput) - gm[grp[i]] / gc[grp[i]];
		m++;
	}
	out->points = m;
	out->median_error = gpuadv_model_median(e, m);
	out->spearman = gpuadv_model_spearman(a, b, m);
	rc = 0;
done:
	free(e);
	free(a);
	free(b);
	free(gm);
	free(grp);
	free(gc);
	return rc;
}

int gpuadv_model_evaluate(struct gpuadv_model_accuracy *out, const struct gpuadv_model *m,
			  const struct gpuadv_fit_point *pts, size_t n, struct gpuadv_error *err)
{
	return gpuadv_model_crossval(out, m, pts, n, GPUADV_CV_IN_SAMPLE, err);
}

int gpuadv_model_crossval(struct gpuadv_model_accuracy *out, const struct gpuadv_model *m,
			  const struct gpuadv_fit_point *pts, size_t n, enum gpuadv_cv mode,
			  struct gpuadv_error *err)
{
	double *pred;
	int rc;

	if (!out || (n && !pts))
		return gpuadv_error_set(err, GPUADV_EUSAGE, "bad crossval argument");
	if (!(pred = calloc(n + 1, sizeof(*pred))))
		return gpuadv_error_set(err, GPUADV_ENOMEM, "out of memory");
	rc = gpuadv_model_predict(pred, m, pts, n, mode, err);
	if (!rc && gpuadv_model_score(out, pts, pred, n))
		rc = gpuadv_error_set(err, GPUADV_ENOMEM, "out of memory");
	free(pred);
	return rc;
}
