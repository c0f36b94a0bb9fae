/*
 * fit.c - the deterministic fit of the model's shared parameters to
 * measured benchmarks of every network: points gated and grouped, then a bounded
 * Nelder-Mead with fixed restarts on a Cauchy loss of the log residuals
 * about each group's own scale. Part of gpuadv_fit, linked into
 * gpu-advisor-fit and the tests, never into gpu-advisor.
 * docs/performance-model.md explains the choices.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "fit_internal.h"

/* Range the fitter searches, log-uniform where fit_log (constants that
 * span orders of magnitude), else linear. error_pct is not fitted here:
 * gpu-advisor-fit measures it by cross-validation. */
static const double fit_lo[GPUADV_MP_COUNT] = { 1, 0.5, 1, 1, 10, 0.5, 0, 0.8, 0 };
static const double fit_hi[GPUADV_MP_COUNT] = { 3000, 3000, 1000, 5000, 1e6, 100, 0.3, 1.25, 0 };
static const bool fit_log[GPUADV_MP_COUNT] = { true, true, true, true, true, true };

/* ---- data for the fit ---------------------------------------------------- */

static bool same_str(const char *a, const char *b)
{
	return a == b || (a && b && strcmp(a, b) == 0);
}

/*
 * The memory one activation value takes, as the batch a benchmark ran
 * says: what the card had left after the context and the optimiser state,
 * over the values its batch kept. NAN where the batch or the network's
 * items are unknown.
 */
static double implied_mem_bytes(const struct gpuadv_fit_point *q,
				const struct gpuadv__fit_prepared *pp)
{
	const struct gpuadv_network_profile *n = pp->net;
	double free_gb = pp->f.memory_gb - GPUADV__RESERVE_GB -
			 GPUADV__STATE_BYTES_PER_PARAM * n->params_m * 1e-3;
	double values = q->batch * n->item_samples * pp->f.bytes * n->act_m * 1e-3;

	return q->batch > 0 && n->item_samples > 0 && values > 0 && free_gb > 0
		       ? free_gb / values
		       : NAN;
}

void gpuadv__fit_data_free(struct gpuadv__fit_data *d)
{
	free(d->pt);
	memset(d, 0, sizeof(*d));
}

int gpuadv__fit_data_build(struct gpuadv__fit_data *d, const struct gpuadv_fit_point *pts,
			 size_t n, struct gpuadv_error *err)
{
	struct gpuadv_model_estimate est;
	size_t *src = NULL;
	size_t i, k;
	int rc = 0;

	memset(d, 0, sizeof(*d));
	if (!n)
		return 0;
	d->pt = calloc(n, sizeof(*d->pt));
	src = calloc(n, sizeof(*src));
	if (!d->pt || !src) {
		rc = gpuadv_error_set(err, GPUADV_ENOMEM, "out of memory");
		goto done;
	}
	for (i = 0; i < n; i++) {
		const struct gpuadv_fit_point *q = &pts[i];
		struct gpuadv__fit_prepared *pp = &d->pt[d->n];
		enum gpuadv_precision p;

		if (!q->gpu || (unsigned)q->precision >= GPUADV_PRECISION_COUNT ||
		    !(q->throughput > 0) || isinf(q->throughput)) {
			rc = gpuadv_error_set(err, GPUADV_EUSAGE,
					      "fit point %zu: no GPU, bad precision or throughput", i);
			goto done;
		}
		p = q->precision; /* the gate applies the rule table */
		pp->net = gpuadv_model_network(q->network);
		if (!pp->net || gpuadv__model_gate(&pp->f, &est, q->gpu, p)) {
			d->skipped++;
			continue;
		}
		pp->src = i;
		pp->log_y = log(q->throughput);
		pp->mem_bytes = implied_mem_bytes(q, pp);
		pp->group = d->groups;
		pp->gpu = d->gpus;
		pp->network = d->networks;
		for (k = 0; k < d->n; k++) {
			const struct gpuadv_fit_point *o = &pts[src[k]];

			if (pp->group == d->groups && o->precision == q->precision &&
			    same_str(o->set, q->set) && same_str(o->network, q->network) &&
			    same_str(o->software, q->software))
				pp->group = d->pt[k].group;
			if (pp->gpu == d->gpus && o->gpu == q->gpu)
				pp->gpu = d->pt[k].gpu;
			if (pp->network == d->networks && d->pt[k].net == pp->net)
				pp->network = d->pt[k].network;
		}
		d->groups += pp->group == d->groups;
		d->gpus += pp->gpu == d->gpus;
		d->networks += pp->network == d->networks;
		src[d->n++] = i;
	}
done:
	free(src);
	if (rc)
		gpuadv__fit_data_free(d);
	return rc;
}

/* ---- the fit ----------------------------------------------------------------- */

#define NM_MAX_DIM GPUADV_MP_COUNT
#define NM_ITERATIONS 600
#define LOSS_SCALE 0.1 /* a 10% misfit is where the loss starts to flatten */

struct fitctx {
	const struct gpuadv__fit_data *d;
	size_t ex_gpu, ex_net; /* left out, or GPUADV__FIT_NONE */
	double *gsum;	/* per group: sum of log residuals */
	size_t *gcnt;
	double *r;	/* per point: log residual */
	int dim;
	int index[NM_MAX_DIM]; /* the free parameters */
	double base[GPUADV_MP_COUNT];
};

static void unpack(double *p, const struct fitctx *c, const double *u)
{
	int i;

	memcpy(p, c->base, sizeof(c->base));
	for (i = 0; i < c->dim; i++) {
		int j = c->index[i];
		double x = fmin(fmax(u[i], 0), 1);

		p[j] = fit_log[j] ? fit_lo[j] * pow(fit_hi[j] / fit_lo[j], x)
				  : fit_lo[j] + x * (fit_hi[j] - fit_lo[j]);
	}
}

/*
 * The fit's loss: in each group, log residuals about their mean (which is
 * the group's best scale), through a Cauchy loss so that the few points a
 * software change moved far off pull less than least squares would.
 */
static double objective(struct fitctx *c, const double *u)
{
	const struct gpuadv__fit_data *d = c->d;
	double p[GPUADV_MP_COUNT], loss = 0;
	size_t k;

	unpack(p, c, u);
	memset(c->gsum, 0, d->groups * sizeof(*c->gsum));
	memset(c->gcnt, 0, d->groups * sizeof(*c->gcnt));
	for (k = 0; k < d->n; k++) {
		const struct gpuadv__fit_prepared *pp = &d->pt[k];

		if (pp->gpu == c->ex_gpu || pp->network == c->ex_net)
			continue;
		c->r[k] = pp->log_y + log(gpuadv__model_step_time(&pp->f, pp->net, p, NULL, NULL));
		c->gsum[pp->group] += c->r[k];
		c->gcnt[pp->group]++;
	}
	for (k = 0; k < d->n; k++) {
		const struct gpuadv__fit_prepared *pp = &d->pt[k];
		double z;

		if (pp->gpu == c->ex_gpu || pp->network == c->ex_net)
			continue;
		z = (c->r[k] - c->gsum[pp->group] / c->gcnt[pp->group]) / LOSS_SCALE;
		loss += log1p(z * z);
	}
	return loss;
}

/* Nelder-Mead on the unit cube from start u (updated to the best point);
 * returns the best loss. Points outside the cube are clamped by unpack(),
 * so the search stays within the bounds. */
static double nelder_mead(struct fitctx *c, double *u)
{
	double s[NM_MAX_DIM + 1][NM_MAX_DIM], fv[NM_MAX_DIM + 1];
	double cen[NM_MAX_DIM], xr[NM_MAX_DIM], xe[NM_MAX_DIM], fr, fe;
	int n = c->dim, i, j, it, lo, hi, nh;

	for (i = 0; i <= n; i++) {
		for (j = 0; j < n; j++)
			s[i][j] = u[j];
		if (i)
			s[i][i - 1] += u[i - 1] < 0.75 ? 0.25 : -0.25;
		for (j = 0; j < n; j++)
			s[i][j] = fmin(fmax(s[i][j], 0), 1);
		fv[i] = objective(c, s[i]);
	}
	for (it = 0; it < NM_ITERATIONS; it++) {
		lo = hi = 0;
		for (i = 1; i <= n; i++) {
			if (fv[i] < fv[lo])
				lo = i;
			if (fv[i] > fv[hi])
				hi = i;
		}
		nh = lo;
		for (i = 0; i <= n; i++)
			if (i != hi && fv[i] > fv[nh])
				nh = i;
		if (fv[hi] - fv[lo] < 1e-10)
			break;
		for (j = 0; j < n; j++) {
			cen[j] = 0;
			for (i = 0; i <= n; i++)
				if (i != hi)
					cen[j] += s[i][j] / n;
		}
		for (j = 0; j < n; j++)
			xr[j] = fmin(fmax(2 * cen[j] - s[hi][j], 0), 1);
		fr = objective(c, xr);
		if (fr < fv[lo]) {
			for (j = 0; j < n; j++)
				xe[j] = fmin(fmax(3 * cen[j] - 2 * s[hi][j], 0), 1);
			fe = objective(c, xe);
			memcpy(s[hi], fe < fr ? xe : xr, n * sizeof(double));
			fv[hi] = fe < fr ? fe : fr;
		} else if (fr < fv[nh]) {
			memcpy(s[hi], xr, n * sizeof(double));
			fv[hi] = fr;
		} else {
			for (j = 0; j < n; j++)
				xr[j] = (cen[j] + s[hi][j]) / 2;
			fr = objective(c, xr);
			if (fr < fv[hi]) {
				memcpy(s[hi], xr, n * sizeof(double));
				fv[hi] = fr;
			} else {
				for (i = 0; i <= n; i++) {
					if (i == lo)
						continue;
					for (j = 0; j < n; j++)
						s[i][j] = (s[i][j] + s[lo][j]) / 2;
					fv[i] = objective(c, s[i]);
				}
			}
		}
	}
	lo = 0;
	for (i = 1; i <= n; i++)
		if (fv[i] < fv[lo])
			lo = i;
	memcpy(u, s[lo], n * sizeof(double));
	return fv[lo];
}

/* Fixed starting points in the unit cube: every free parameter at one of
 * these fractions of its range. Restarting from the best point twice
 * lets a collapsed simplex open up again. */
static const double starts[] = { 0.02, 0.1, 0.3, 0.6 };

static void fit_run(double *p, struct fitctx *c)
{
	double u[NM_MAX_DIM], best_u[NM_MAX_DIM], f, best = INFINITY;
	size_t s;
	int i, r;

	for (s = 0; s < sizeof(starts) / sizeof(starts[0]); s++) {
		for (i = 0; i < c->dim; i++)
			u[i] = starts[s];
		f = nelder_mead(c, u);
		for (r = 0; r < 2; r++)
			f = nelder_mead(c, u);
		if (f < best) {
			best = f;
			memcpy(best_u, u, sizeof(u));
		}
	}
	unpack(p, c, best_u);
}

/* Whether at least two groups have two or more points to compare. */
static bool enough_groups(const struct gpuadv__fit_data *d)
{
	size_t g, k, m, usable = 0;

	for (g = 0; g < d->groups; g++) {
		for (k = 0, m = 0; k < d->n; k++)
			m += d->pt[k].group == g;
		usable += m >= 2;
	}
	return usable >= 2;
}

/* The median memory per activation value the batches of d's points imply,
 * leaving out GPU ex_gpu and network ex_net; NAN where none says.
 * scratch: room for d->n values. */
static double batch_mem_bytes(const struct gpuadv__fit_data *d, size_t ex_gpu, size_t ex_net,
			      double *scratch)
{
	size_t k, m = 0;

	for (k = 0; k < d->n; k++)
		if (!isnan(d->pt[k].mem_bytes) && d->pt[k].gpu != ex_gpu &&
		    d->pt[k].network != ex_net)
			scratch[m++] = d->pt[k].mem_bytes;
	return gpuadv_model_median(scratch, m);
}

/* Fit the parameters free[] (others at base) on d without GPU exclude. */
static int fit_dataset(struct gpuadv_model *out, const struct gpuadv__fit_data *d,
		       const bool *free_param, const double *base, size_t ex_gpu,
		       size_t ex_net, struct gpuadv_error *err)
{
	struct fitctx c = { .d = d, .ex_gpu = ex_gpu, .ex_net = ex_net };
	double mem;
	int i, rc = 0;

	c.gsum = calloc(d->groups ? d->groups : 1, sizeof(*c.gsum));
	c.gcnt = calloc(d->groups ? d->groups : 1, sizeof(*c.gcnt));
	c.r = calloc(d->n ? d->n : 1, sizeof(*c.r));
	if (!c.gsum || !c.gcnt || !c.r) {
		rc = gpuadv_error_set(err, GPUADV_ENOMEM, "out of memory");
		goto done;
	}
	memcpy(c.base, base, sizeof(c.base));
	mem = batch_mem_bytes(d, ex_gpu, ex_net, c.r); /* c.r: free until the fit */
	if (!isnan(mem))
		c.base[GPUADV_MP_MEM_BYTES] = mem;
	for (i = 0; i < GPUADV_MP_COUNT; i++)
		if (free_param[i] && !(i == GPUADV_MP_MEM_BYTES && !isnan(mem)))
			c.index[c.dim++] = i;
	memset(out, 0, sizeof(*out));
	fit_run(out->p, &c);
done:
	free(c.gsum);
	free(c.gcnt);
	free(c.r);
	return rc;
}

static const bool full_free[GPUADV_MP_COUNT] = {
	[GPUADV_MP_CUDA_FLOP] = true, [GPUADV_MP_DRAM_BYTES] = true,
	[GPUADV_MP_OPT_BYTES] = true, [GPUADV_MP_LAUNCH_US] = true,
	[GPUADV_MP_HOST_TFLOPS] = true, [GPUADV_MP_MEM_BYTES] = true,
	[GPUADV_MP_L2_EXPONENT] = true, [GPUADV_MP_GEN_GAIN] = true,
};
static const double full_base[GPUADV_MP_COUNT] = { 0 };

int gpuadv_model_fit(struct gpuadv_model *out, const struct gpuadv_fit_point *pts,
		     size_t n, struct gpuadv_error *err)
{
	struct gpuadv__fit_data d;
	int rc;

	if (!out || (n && !pts))
		return gpuadv_error_set(err, GPUADV_EUSAGE, "bad fit argument");
	if ((rc = gpuadv__fit_data_build(&d, pts, n, err)))
		return rc;
	if (!enough_groups(&d))
		rc = gpuadv_error_set(err, GPUADV_EDATA,
				      "too few points to fit: need two groups of two or more comparable results");
	else
		rc = fit_dataset(out, &d, full_free, full_base, GPUADV__FIT_NONE,
				 GPUADV__FIT_NONE, err);
	gpuadv__fit_data_free(&d);
	return rc;
}

int gpuadv__fit_without(struct gpuadv_model *out, const struct gpuadv__fit_data *d,
			size_t ex_gpu, size_t ex_net, struct gpuadv_error *err)
{
	return fit_dataset(out, d, full_free, full_base, ex_gpu, ex_net, err);
}
