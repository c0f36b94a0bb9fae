/*
 * model.h - the performance model: how fast a GPU runs a workload, estimated
 * from its spec-sheet figures alone (library gpuadv_core), and the fit of
 * the per-workload parameters to measured benchmarks, with its statistics
 * and cross-validation (library gpuadv_fit: linked into gpu-advisor-fit and
 * the tests, not into gpu-advisor). See docs/performance-model.md. The
 * parameters' keys and ranges are the catalogue's (catalog.h).
 *
 * Speeds are in arbitrary units: only the ratio of two speeds for the same
 * workload means anything (relative performance = speed(gpu) /
 * speed(reference)).
 */
#ifndef GPU_ADVISOR_MODEL_H
#define GPU_ADVISOR_MODEL_H

#include <stdbool.h>
#include <stddef.h>

#include "gpu_advisor/catalog.h"
#include "gpu_advisor/error.h"

/* What one estimate rests on. */
struct gpuadv_model_estimate {
	double speed;			 /* > 0; NAN when not estimable */
	enum gpuadv_precision effective; /* the precision the maths runs at */
	bool fallback;			 /* effective differs from the asked */
	double compute_tflops;		 /* the compute rate used */
	double compute_share;		 /* share of the time bound by maths */
	char note[160];			 /* fallback or failure reason, or "" */
};

/*
 * Estimate the speed of gpu on a workload with parameters m at precision p.
 * Returns 0, or GPUADV_ENOTFOUND when the GPU cannot run p or the catalogue
 * lacks a figure the estimate needs: out->note and err (may be NULL) then
 * say why, e.g. "no BF16 Tensor Cores (Turing); BF16 needs Ampere or newer".
 * GPUADV_EUSAGE for a bad argument.
 */
int gpuadv_model_speed(struct gpuadv_model_estimate *out,
		       const struct gpuadv_gpu *gpu, const struct gpuadv_model *m,
		       enum gpuadv_precision p, struct gpuadv_error *err);

/*
 * What gpuadv_model_speed would say about running gpu at p, without the
 * estimate itself: 0 with out->effective, out->fallback and out->note set
 * as it sets them (out->speed NAN), or GPUADV_ENOTFOUND with out->note
 * saying why. Cheap: recommend checks every GPU, and estimates only those
 * that meet the other constraints.
 */
int gpuadv_model_gate(struct gpuadv_model_estimate *out, const struct gpuadv_gpu *gpu,
		      enum gpuadv_precision p);

/* ---- the fit: library gpuadv_fit ---------------------------------------- */

/* One measured throughput. Only ratios within one (set, network, precision)
 * group are compared: each group has its own unknown scale. */
struct gpuadv_fit_point {
	const struct gpuadv_gpu *gpu;
	const char *set;
	const char *network;
	enum gpuadv_precision precision; /* as the benchmark labels it */
	double throughput;
};

/*
 * The precision a measured point is modelled at: a benchmark's "fp32" on an
 * architecture with TF32 Tensor Cores ran TF32 (the PyTorch and NGC
 * defaults the calibration data used), so it is modelled as tf32.
 */
enum gpuadv_precision gpuadv_model_measured_precision(const struct gpuadv_gpu *gpu,
						      enum gpuadv_precision p);

/*
 * Fit all parameters to the points (one workload's) by a deterministic
 * bounded Nelder-Mead with fixed restarts; the weights come out summing
 * to 1. Points the model cannot estimate are left out. GPUADV_EDATA when
 * fewer than two groups of two or more points remain.
 */
int gpuadv_model_fit(struct gpuadv_model *out, const struct gpuadv_fit_point *pts,
		     size_t n, struct gpuadv_error *err);

/* The fixed-mix baseline: one Tensor/memory mix fitted to all points given
 * (every workload's), other terms off. */
int gpuadv_model_fit_mix(struct gpuadv_model *out, const struct gpuadv_fit_point *pts,
			 size_t n, struct gpuadv_error *err);

/* The single-figure baselines as models: time from bandwidth alone, or from
 * the peak Tensor (or fallback) rate alone. */
void gpuadv_model_bandwidth_only(struct gpuadv_model *out);
void gpuadv_model_tensor_only(struct gpuadv_model *out);

struct gpuadv_model_accuracy {
	double median_error;  /* median |predicted - measured| / measured */
	double spearman;      /* rank correlation, see the doc */
	double group_spearman; /* mean within-group rank correlation */
	size_t points;	      /* points scored */
	size_t skipped;	      /* points left out: not estimable or alone */
};

/*
 * Score parameters m on the points. In each group the scale is the
 * geometric mean of measured / predicted. Spearman is over all scored
 * points, each measured and predicted value divided by its group's
 * geometric mean; group_spearman averages within-group coefficients of
 * groups with three or more points, weighted by size.
 */
int gpuadv_model_evaluate(struct gpuadv_model_accuracy *out,
			  const struct gpuadv_model *m,
			  const struct gpuadv_fit_point *pts, size_t n,
			  struct gpuadv_error *err);

/*
 * Leave-one-GPU-out cross-validation: for each GPU, fit without its points,
 * then predict each of them with the group's scale taken from the other
 * GPUs in its group. Scores the predictions as gpuadv_model_evaluate does.
 */
int gpuadv_model_crossval(struct gpuadv_model_accuracy *out,
			  const struct gpuadv_fit_point *pts, size_t n,
			  struct gpuadv_error *err);

/* Helpers, exposed for the tests. Both return NAN for n == 0 (Spearman
 * also when either side is constant); they do not modify v. */
double gpuadv_model_median(const double *v, size_t n);
double gpuadv_model_spearman(const double *a, const double *b, size_t n);

#endif
