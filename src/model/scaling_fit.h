/*
 * scaling_fit.h - internal: Lambda's multi-GPU training runs as points for
 * the data-parallel scaling model, its fit, scores and report. Linked only
 * into tools/fit_speed.c and the tests.
 *
 * Ownership: struct gpuadv__scaling_data owns its points; release it.
 */
#ifndef GPU_ADVISOR_MODEL_SCALING_FIT_H
#define GPU_ADVISOR_MODEL_SCALING_FIT_H

#include <stddef.h>
#include <stdio.h>

#include "gpu_advisor/error.h"
#include "gpu_advisor/scaling.h"

struct gpuadv__scaling_point {
	char family[40];  /* the machine as Lambda names its one-GPU row */
	char network[24];
	char precision[8];
	struct gpuadv_scaling_input in;
	double measured;  /* throughput(N) / (N x throughput(1)) */
};

struct gpuadv__scaling_data {
	struct gpuadv__scaling_point *pts;
	size_t n;
};

/* Pair every N-GPU row of measured_multigpu.csv with its machine's one-GPU
 * row; step time and gradient size from the cited tables in scaling_fit.c.
 * GPUADV_ENOINPUT, GPUADV_EDATA, GPUADV_ENOMEM. */
int gpuadv__scaling_data_load(struct gpuadv__scaling_data *d, const char *path,
			      struct gpuadv_error *err);
void gpuadv__scaling_data_release(struct gpuadv__scaling_data *d);

/* Fit to the points whose family differs from exclude (NULL: all). */
void gpuadv__scaling_fit(struct gpuadv_scaling_params *out,
			 const struct gpuadv__scaling_data *d, const char *exclude);

struct gpuadv__scaling_score {
	double median, worst;
	size_t n;
};

/* Relative error of predicted efficiency (= of N-GPU throughput) over the
 * points of family (NULL: all) and count (0: all). p NULL scores the
 * perfect-scaling baseline (efficiency 1). */
struct gpuadv__scaling_score gpuadv__scaling_evaluate(const struct gpuadv__scaling_data *d,
						      const struct gpuadv_scaling_params *p,
						      const char *family, unsigned count);

/* Leave-one-machine-out cross-validation. */
struct gpuadv__scaling_score gpuadv__scaling_crossval(const struct gpuadv__scaling_data *d);

/* Fit, score and print the Markdown tables of the doc. */
void gpuadv__scaling_report(FILE *out, const struct gpuadv__scaling_data *d);

#endif
