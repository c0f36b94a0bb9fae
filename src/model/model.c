/*
 * model.c - the performance model: a roofline-style sum of the times a
 * training step spends on Tensor maths, CUDA-core work, DRAM traffic,
 * per-step costs and GPU-independent overhead, from spec-sheet figures only;
 * the precision gate; and the deterministic fit of the per-workload
 * parameters to measured benchmarks, with its accuracy measures.
 * docs/performance-model.md explains the choices.
 */
#include "gpu_advisor/model.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/*
 * The nominal GPU the weights are shares of: a step on a GPU with these
 * figures takes w_tensor + w_cuda + w_memory + w_batch + w_fixed = 1 time
 * unit. The figures are round numbers near an RTX 3090, not the reference
 * GPU, so the parameters do not change when the reference does.
 */
#define NOM_TENSOR_TFLOPS 100.0
#define NOM_CUDA_TFLOPS 30.0
#define NOM_BANDWIDTH_GBS 1000.0
#define NOM_FREE_GB 24.0
#define NOM_L2_MB 6.0 /* also the neutral value when L2 is unknown */
#define NOM_GENERATION 3.0
#define MIN_FREE_GB 1.0 /* a job that barely fits still runs batch 1 */

/* Range the fitter searches; the weights are searched as ratios to
 * w_memory and normalised afterwards. */
static const double fit_lo[GPUADV_MP_COUNT] = { 0, 0, 1, 0, 0, 0, 0, 0.8 };
static const double fit_hi[GPUADV_MP_COUNT] = { 20, 20, 1, 20, 20, 12, 0.5, 1.25 };

/* What the model needs to know about one GPU at one precision. */
struct features {
	double compute;	  /* TFLOPS (TOPS) of the matrix maths */
	double cuda;	  /* FP32 CUDA-core TFLOPS */
	double bandwidth; /* GB/s */
	double l2_mb;	  /* NOM_L2_MB where unknown */
	double memory_gb;
	double generation;
	double bytes; /* data size relative to 16-bit */
};

/* ---- the precision gate -------------------------------------------------- */

struct prec_info {
	enum gpuadv_gpu_field field; /* its Tensor figure; GPUADV_F_COUNT: none */
	double bytes;
	const char *label;
	const char *needs; /* which architectures have it, for the reason */
};

static const struct prec_info prec_info[GPUADV_PRECISION_COUNT] = {
	[GPUADV_FP32] = { GPUADV_F_COUNT, 2, "FP32", "" },
	[GPUADV_TF32] = { GPUADV_F_TF32_TENSOR_TFLOPS, 2, "TF32", "Ampere or newer" },
	[GPUADV_FP16] = { GPUADV_F_FP16_TENSOR_TFLOPS, 1, "FP16", "Volta or newer" },
	[GPUADV_BF16] = { GPUADV_F_BF16_TENSOR_TFLOPS, 1, "BF16", "Ampere or newer" },
	[GPUADV_INT8] = { GPUADV_F_INT8_TENSOR_TOPS, 0.5, "INT8", "Turing or newer" },
	[GPUADV_INT4] = { GPUADV_F_COUNT, 0.25, "INT4", "Turing, Ampere or Ada Lovelace" },
	[GPUADV_FP8] = { GPUADV_F_FP8_TENSOR_TFLOPS, 0.5, "FP8", "Ada Lovelace, Hopper or newer" },
	[GPUADV_FP6] = { GPUADV_F_COUNT, 0.375, "FP6", "Blackwell or newer" },
	[GPUADV_FP4] = { GPUADV_F_FP4_TENSOR_TFLOPS, 0.25, "FP4", "Blackwell or newer" },
};

/*
 * The Tensor rate for p on an architecture that has it: the catalogue's
 * figure, else one of the documented derivations, else NAN.
 */
static double tensor_rate(const struct gpuadv_gpu *gpu, enum gpuadv_precision p)
{
	const double *v = gpu->v;
	double r = prec_info[p].field < GPUADV_F_COUNT ? v[prec_info[p].field] : NAN;

	if (!isnan(r))
		return r;
	switch (p) {
	case GPUADV_TF32: /* half the dense FP16 rate on every TF32 part */
		return v[GPUADV_F_FP16_TENSOR_TFLOPS] / 2;
	case GPUADV_BF16: /* the FP16 rate wherever BF16 exists */
		return v[GPUADV_F_FP16_TENSOR_TFLOPS];
	case GPUADV_INT4: /* twice INT8 on every INT4 part */
		return v[GPUADV_F_INT8_TENSOR_TOPS] * 2;
	case GPUADV_FP6: /* Blackwell runs FP6 at the FP8 rate */
		return v[GPUADV_F_FP8_TENSOR_TFLOPS];
	default:
		return NAN;
	}
}

static const char *arch_name(const struct gpuadv_gpu *gpu)
{
	return gpu->arch && gpu->arch->name ? gpu->arch->name : "unknown architecture";
}

/* Fill f and est (not est->speed) for gpu at p; 0 or GPUADV_ENOTFOUND with
 * est->note saying why. */
static int gate(struct features *f, struct gpuadv_model_estimate *est,
		const struct gpuadv_gpu *gpu, enum gpuadv_precision p)
{
	const struct prec_info *pi = &prec_info[p];
	const double *v = gpu->v;

	est->effective = p;
	est->fallback = false;
	est->note[0] = '\0';
	f->cuda = v[GPUADV_F_FP32_TFLOPS];
	f->bandwidth = v[GPUADV_F_BANDWIDTH_GBS];
	f->l2_mb = isnan(v[GPUADV_F_L2_CACHE_MB]) ? NOM_L2_MB : v[GPUADV_F_L2_CACHE_MB];
	f->memory_gb = v[GPUADV_F_MEMORY_GB];
	f->generation = gpu->arch ? gpu->arch->tensor_core_generation : 0;
	f->bytes = pi->bytes;

	if (p == GPUADV_FP32) {
		f->compute = f->cuda;
	} else if (gpuadv_gpu_has_tensor(gpu, p)) {
		f->compute = tensor_rate(gpu, p);
		if (isnan(f->compute)) {
			snprintf(est->note, sizeof(est->note),
				 "no %s Tensor figure in the catalogue", pi->label);
			return GPUADV_ENOTFOUND;
		}
	} else if (p == GPUADV_TF32 || p == GPUADV_FP16) {
		/* Frameworks run TF32 as plain FP32 there; FP16 mixed
		 * precision still halves the data, so bytes stay 16-bit. */
		f->compute = f->cuda;
		est->effective = GPUADV_FP32;
		est->fallback = true;
		snprintf(est->note, sizeof(est->note),
			 "no %s Tensor Cores (%s); modelled at the FP32 rate%s",
			 pi->label, arch_name(gpu),
			 p == GPUADV_FP16 ? ", saving memory traffic only" : "");
	} else {
		snprintf(est->note, sizeof(est->note),
			 "no %s Tensor Cores (%s); %s needs %s", pi->label,
			 arch_name(gpu), pi->label, pi->needs);
		return GPUADV_ENOTFOUND;
	}
	est->compute_tflops = f->compute;
	if (!(f->compute > 0 && f->cuda > 0 && f->bandwidth > 0 && f->memory_gb > 0)) {
		snprintf(est->note, sizeof(est->note),
			 "FP32, bandwidth or memory figure missing");
		return GPUADV_ENOTFOUND;
	}
	return 0;
}

/* ---- the model ------------------------------------------------------------ */

/* Time per unit of work; the nominal GPU takes the sum of the weights. */
static double step_time2(const struct features *f, const double *p,
			 double *compute_share)
{
	double bw = f->bandwidth * pow(f->l2_mb / NOM_L2_MB, p[GPUADV_MP_L2_EXPONENT]);
	double free_gb = fmax(f->memory_gb - p[GPUADV_MP_STATIC_GB], MIN_FREE_GB);
	double gen = pow(p[GPUADV_MP_GEN_GAIN], NOM_GENERATION - f->generation);
	double compute, rest, total;

	compute = (p[GPUADV_MP_W_TENSOR] * NOM_TENSOR_TFLOPS / f->compute +
		   p[GPUADV_MP_W_CUDA] * NOM_CUDA_TFLOPS / f->cuda) * gen;
	rest = (p[GPUADV_MP_W_MEMORY] * f->bytes * NOM_BANDWIDTH_GBS / bw +
		p[GPUADV_MP_W_BATCH] * NOM_FREE_GB / free_gb) * gen;
	total = compute + rest + p[GPUADV_MP_W_FIXED];
	if (compute_share)
		*compute_share = compute / total;
	return total;
}

static double step_time(const struct features *f, const double *p)
{
	return step_time2(f, p, NULL);
}

static bool model_valid(const struct gpuadv_model *m)
{
	double sum = 0;
	int i;

	for (i = 0; i < GPUADV_MP_COUNT; i++) {
		if (!(m->p[i] >= gpuadv_model_params[i].min &&
		      m->p[i] <= gpuadv_model_params[i].max))
			return false;
	}
	for (i = GPUADV_MP_W_TENSOR; i <= GPUADV_MP_W_BATCH; i++)
		sum += m->p[i];
	return sum > 0; /* some GPU-bound time, or every GPU ties */
}

int gpuadv_model_speed(struct gpuadv_model_estimate *out,
		       const struct gpuadv_gpu *gpu, const struct gpuadv_model *m,
		       enum gpuadv_precision p, struct gpuadv_error *err)
{
	struct features f;
	int rc;

	if (!out || !gpu || !m || (unsigned)p >= GPUADV_PRECISION_COUNT)
		return gpuadv_error_set(err, GPUADV_EUSAGE, "bad model argument");
	memset(out, 0, sizeof(*out));
	out->speed = NAN;
	if (!model_valid(m))
		return gpuadv_error_set(err, GPUADV_EDATA,
					"model parameters out of range or all GPU weights zero");
	rc = gate(&f, out, gpu, p);
	if (rc)
		return gpuadv_error_set(err, rc, "%s at %s: %s", gpu->id,
					gpuadv_precision_name(p), out->note);
	out->speed = 1.0 / step_time2(&f, m->p, &out->compute_share);
	return 0;
}

int gpuadv_model_gate(struct gpuadv_model_estimate *out, const struct gpuadv_gpu *gpu,
		      enum gpuadv_precision p)
{
	struct features f;

	memset(out, 0, sizeof(*out));
	out->speed = NAN;
	if (!gpu || (unsigned)p >= GPUADV_PRECISION_COUNT) {
		snprintf(out->note, sizeof(out->note), "bad model argument");
		return GPUADV_EUSAGE;
	}
	return gate(&f, out, gpu, p);
}

enum gpuadv_precision gpuadv_model_measured_precision(const struct gpuadv_gpu *gpu,
						      enum gpuadv_precision p)
{
	if (p == GPUADV_FP32 && gpuadv_gpu_has_tensor(gpu, GPUADV_TF32))
		return GPUADV_TF32;
	return p;
}

void gpuadv_model_bandwidth_only(struct gpuadv_model *out)
{
	memset(out, 0, sizeof(*out));
	out->p[GPUADV_MP_W_MEMORY] = 1;
	out->p[GPUADV_MP_GEN_GAIN] = 1;
}

void gpuadv_model_tensor_only(struct gpuadv_model *out)
{
	memset(out, 0, sizeof(*out));
	out->p[GPUADV_MP_W_TENSOR] = 1;
	out->p[GPUADV_MP_GEN_GAIN] = 1;
}

/* ---- statistics -------------------------------------------------------------- */

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

double gpuadv_model_median(const double *v, size_t n)
{
	double *s, r;

	if (!n || !(s = malloc(n * sizeof(*s))))
		return NAN;
	memcpy(s, v, n * sizeof(*s));
	qsort(s, n, sizeof(*s), cmp_double);
	r = n % 2 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
	free(s);
	return r;
}

struct ranked {
	double v;
	size_t i;
};

static int cmp_ranked(const void *a, const void *b)
{
	const struct ranked *x = a, *y = b;

	if (x->v != y->v)
		return (x->v > y->v) - (x->v < y->v);
	return (x->i > y->i) - (x->i < y->i); /* a stable, deterministic order */
}

/* Ranks from 1, ties sharing their mean rank. */
static int ranks(double *out, const double *v, size_t n)
{
	struct ranked *s = malloc(n * sizeof(*s));
	size_t i, j, k;

	if (!s)
		return GPUADV_ENOMEM;
	for (i = 0; i < n; i++)
		s[i] = (struct ranked){ v[i], i };
	qsort(s, n, sizeof(*s), cmp_ranked);
	for (i = 0; i < n; i = j) {
		for (j = i + 1; j < n && s[j].v == s[i].v; j++)
			;
		for (k = i; k < j; k++)
			out[s[k].i] = (i + j + 1) / 2.0;
	}
	free(s);
	return 0;
}

double gpuadv_model_spearman(const double *a, const double *b, size_t n)
{
	double *ra = NULL, *rb = NULL, r = NAN;
	double sab = 0, saa = 0, sbb = 0, mean = (n + 1) / 2.0;
	size_t i;

	if (!n)
		return NAN;
	ra = malloc(n * sizeof(*ra));
	rb = malloc(n * sizeof(*rb));
	if (!ra || !rb || ranks(ra, a, n) || ranks(rb, b, n))
		goto done;
	for (i = 0; i < n; i++) {
		sab += (ra[i] - mean) * (rb[i] - mean);
		saa += (ra[i] - mean) * (ra[i] - mean);
		sbb += (rb[i] - mean) * (rb[i] - mean);
	}
	if (saa > 0 && sbb > 0)
		r = sab / sqrt(saa * sbb);
done:
	free(ra);
	free(rb);
	return r;
}

/* ---- data for the fit ------------------------------------------------------- */

/* A point the model can estimate, with what the fit needs. */
struct prepared {
	struct features f;
	double log_y;
	size_t group; /* index of its (set, network, precision) group */
	size_t gpu;   /* index of its GPU among the points' distinct GPUs */
};

struct dataset {
	struct prepared *pt;
	size_t n, groups, gpus;
	size_t skipped;
};

static bool same_str(const char *a, const char *b)
{
	return a == b || (a && b && strcmp(a, b) == 0);
}

static void dataset_free(struct dataset *d)
{
	free(d->pt);
	memset(d, 0, sizeof(*d));
}

/* Gate every point; number groups and GPUs in order of first appearance.
 * Groups use the precision the benchmark labels, not the modelled one. */
static int dataset_build(struct dataset *d, const struct gpuadv_fit_point *pts,
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
		struct prepared *pp = &d->pt[d->n];
		enum gpuadv_precision p;

		if (!q->gpu || (unsigned)q->precision >= GPUADV_PRECISION_COUNT ||
		    !(q->throughput > 0) || isinf(q->throughput)) {
			rc = gpuadv_error_set(err, GPUADV_EUSAGE,
					      "fit point %zu: no GPU, bad precision or throughput", i);
			goto done;
		}
		p = gpuadv_model_measured_precision(q->gpu, q->precision);
		if (gate(&pp->f, &est, q->gpu, p)) {
			d->skipped++;
			continue;
		}
		pp->log_y = log(q->throughput);
		pp->group = d->groups;
		pp->gpu = d->gpus;
		for (k = 0; k < d->n; k++) {
			const struct gpuadv_fit_point *o = &pts[src[k]];

			if (pp->group == d->groups && o->precision == q->precision &&
			    same_str(o->set, q->set) && same_str(o->network, q->network))
				pp->group = d->pt[k].group;
			if (pp->gpu == d->gpus && o->gpu == q->gpu)
				pp->gpu = d->pt[k].gpu;
		}
		d->groups += pp->group == d->groups;
		d->gpus += pp->gpu == d->gpus;
		src[d->n++] = i;
	}
done:
	free(src);
	if (rc)
		dataset_free(d);
	return rc;
}

/* ---- the fit ----------------------------------------------------------------- */

#define NM_MAX_DIM GPUADV_MP_COUNT
#define NM_ITERATIONS 600
#define LOSS_SCALE 0.1 /* a 10% misfit is where the loss starts to flatten */
#define NO_GPU ((size_t)-1)

struct fitctx {
	const struct dataset *d;
	size_t exclude; /* GPU index left out, or NO_GPU */
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

		p[j] = fit_lo[j] + x * (fit_hi[j] - fit_lo[j]);
	}
}

/*
 * The fit's loss: in each group, log residuals about their mean (which is
 * the group's best scale), through a Cauchy loss so that the few points a
 * software change moved far off pull less than least squares would.
 */
static double objective(struct fitctx *c, const double *u)
{
	const struct dataset *d = c->d;
	double p[GPUADV_MP_COUNT], loss = 0;
	size_t k;

	unpack(p, c, u);
	memset(c->gsum, 0, d->groups * sizeof(*c->gsum));
	memset(c->gcnt, 0, d->groups * sizeof(*c->gcnt));
	for (k = 0; k < d->n; k++) {
		const struct prepared *pp = &d->pt[k];

		if (pp->gpu == c->exclude)
			continue;
		c->r[k] = pp->log_y + log(step_time(&pp->f, p));
		c->gsum[pp->group] += c->r[k];
		c->gcnt[pp->group]++;
	}
	for (k = 0; k < d->n; k++) {
		const struct prepared *pp = &d->pt[k];
		double z;

		if (pp->gpu == c->exclude)
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

/* Scale the weights to sum to 1: only their ratios matter. */
static void normalise(double *p)
{
	double sum = 0;
	int i;

	for (i = GPUADV_MP_W_TENSOR; i <= GPUADV_MP_W_FIXED; i++)
		sum += p[i];
	for (i = GPUADV_MP_W_TENSOR; i <= GPUADV_MP_W_FIXED; i++)
		p[i] /= sum;
}

/* Whether at least two groups have two or more points to compare. */
static bool enough_groups(const struct dataset *d)
{
	size_t g, k, m, usable = 0;

	for (g = 0; g < d->groups; g++) {
		for (k = 0, m = 0; k < d->n; k++)
			m += d->pt[k].group == g;
		usable += m >= 2;
	}
	return usable >= 2;
}

/* Fit the parameters free[] (others at base) on d without GPU exclude. */
static int fit_dataset(struct gpuadv_model *out, const struct dataset *d,
		       const bool *free_param, const double *base, size_t exclude,
		       struct gpuadv_error *err)
{
	struct fitctx c = { .d = d, .exclude = exclude };
	int i, rc = 0;

	c.gsum = calloc(d->groups ? d->groups : 1, sizeof(*c.gsum));
	c.gcnt = calloc(d->groups ? d->groups : 1, sizeof(*c.gcnt));
	c.r = calloc(d->n ? d->n : 1, sizeof(*c.r));
	if (!c.gsum || !c.gcnt || !c.r) {
		rc = gpuadv_error_set(err, GPUADV_ENOMEM, "out of memory");
		goto done;
	}
	memcpy(c.base, base, sizeof(c.base));
	for (i = 0; i < GPUADV_MP_COUNT; i++)
		if (free_param[i])
			c.index[c.dim++] = i;
	memset(out, 0, sizeof(*out));
	fit_run(out->p, &c);
	normalise(out->p);
done:
	free(c.gsum);
	free(c.gcnt);
	free(c.r);
	return rc;
}

static const bool full_free[GPUADV_MP_COUNT] = {
	[GPUADV_MP_W_TENSOR] = true, [GPUADV_MP_W_CUDA] = true,
	[GPUADV_MP_W_BATCH] = true, [GPUADV_MP_W_FIXED] = true,
	[GPUADV_MP_STATIC_GB] = true, [GPUADV_MP_L2_EXPONENT] = true,
	[GPUADV_MP_GEN_GAIN] = true,
};
static const double full_base[GPUADV_MP_COUNT] = {
	[GPUADV_MP_W_MEMORY] = 1, [GPUADV_MP_GEN_GAIN] = 1,
};
static const bool mix_free[GPUADV_MP_COUNT] = { [GPUADV_MP_W_TENSOR] = true };

static int fit_points(struct gpuadv_model *out, const struct gpuadv_fit_point *pts,
		      size_t n, const bool *free_param, struct gpuadv_error *err)
{
	struct dataset d;
	int rc;

	if (!out || (n && !pts))
		return gpuadv_error_set(err, GPUADV_EUSAGE, "bad fit argument");
	if ((rc = dataset_build(&d, pts, n, err)))
		return rc;
	if (!enough_groups(&d))
		rc = gpuadv_error_set(err, GPUADV_EDATA,
				      "too few points to fit: need two groups of two or more comparable results");
	else
		rc = fit_dataset(out, &d, free_param, full_base, NO_GPU, err);
	dataset_free(&d);
	return rc;
}

int gpuadv_model_fit(struct gpuadv_model *out, const struct gpuadv_fit_point *pts,
		     size_t n, struct gpuadv_error *err)
{
	return fit_points(out, pts, n, full_free, err);
}

int gpuadv_model_fit_mix(struct gpuadv_model *out, const struct gpuadv_fit_point *pts,
			 size_t n, struct gpuadv_error *err)
{
	return fit_points(out, pts, n, mix_free, err);
}

/* ---- accuracy ------------------------------------------------------------------ */

/* Scale of group g under params p: geometric mean of measured / predicted
 * over its points not on GPU exclude; NAN when it has none. */
static double group_log_scale(const struct dataset *d, const double *p, size_t g,
			      size_t exclude)
{
	double sum = 0;
	size_t k, m = 0;

	for (k = 0; k < d->n; k++) {
		const struct prepared *pp = &d->pt[k];

		if (pp->group != g || pp->gpu == exclude)
			continue;
		sum += pp->log_y + log(step_time(&pp->f, p));
		m++;
	}
	return m ? sum / m : NAN;
}

/*
 * Score log predictions lp[] (already scaled; NAN: not scored) against the
 * measurements: see model.h for what is computed.
 */
static int score(struct gpuadv_model_accuracy *out, const struct dataset *d,
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
		const struct prepared *pp = &d->pt[k];

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
	struct dataset d;
	double *lp = NULL, *ls = NULL;
	size_t k, skipped;
	int rc;

	if (!out || !m || (n && !pts))
		return gpuadv_error_set(err, GPUADV_EUSAGE, "bad evaluate argument");
	if (!model_valid(m))
		return gpuadv_error_set(err, GPUADV_EDATA,
					"model parameters out of range or all GPU weights zero");
	if ((rc = dataset_build(&d, pts, n, err)))
		return rc;
	lp = malloc((d.n + 1) * sizeof(*lp));
	ls = malloc((d.groups + 1) * sizeof(*ls));
	if (!lp || !ls) {
		rc = gpuadv_error_set(err, GPUADV_ENOMEM, "out of memory");
		goto done;
	}
	for (k = 0; k < d.groups; k++)
		ls[k] = group_log_scale(&d, m->p, k, NO_GPU);
	for (k = 0; k < d.n; k++)
		lp[k] = -log(step_time(&d.pt[k].f, m->p)) + ls[d.pt[k].group];
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
	dataset_free(&d);
	return rc;
}

int gpuadv_model_crossval(struct gpuadv_model_accuracy *out,
			  const struct gpuadv_fit_point *pts, size_t n,
			  struct gpuadv_error *err)
{
	struct gpuadv_model m;
	struct dataset d;
	double *lp = NULL;
	size_t g, k, skipped;
	int rc;

	if (!out || (n && !pts))
		return gpuadv_error_set(err, GPUADV_EUSAGE, "bad crossval argument");
	if ((rc = dataset_build(&d, pts, n, err)))
		return rc;
	if (!(lp = malloc((d.n + 1) * sizeof(*lp)))) {
		rc = gpuadv_error_set(err, GPUADV_ENOMEM, "out of memory");
		goto done;
	}
	for (k = 0; k < d.n; k++)
		lp[k] = NAN;
	for (g = 0; g < d.gpus; g++) {
		if ((rc = fit_dataset(&m, &d, full_free, full_base, g, err)))
			goto done;
		for (k = 0; k < d.n; k++) {
			const struct prepared *pp = &d.pt[k];

			if (pp->gpu != g)
				continue;
			lp[k] = -log(step_time(&pp->f, m.p)) +
				group_log_scale(&d, m.p, pp->group, g);
		}
	}
	skipped = d.skipped;
	if (score(out, &d, lp))
		rc = gpuadv_error_set(err, GPUADV_ENOMEM, "out of memory");
	out->skipped += skipped;
done:
	free(lp);
	dataset_free(&d);
	return rc;
}
