/*
 * stats.c - the two statistics the fit's accuracy is reported in: the
 * median and Spearman's rank correlation (model.h). Part of gpuadv_fit.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "gpu_advisor/model.h"

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
