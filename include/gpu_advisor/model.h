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

/* A network as the model sees it: per-sample figures from the model
 * catalogue (data/models.yaml), or computed from its configuration there
 * by the formulas docs/performance-model.md gives. */
struct gpuadv_network_profile {
	const char *id;	   /* data/models.yaml id */
	const char *bench; /* the benchmarks' name for it, or NULL */
	double gflop;	   /* forward GFLOP per sample */
	double act_m;	   /* activation values kept per sample, millions */
	double params_m;   /* parameters, millions */
	double steps;	   /* sequential layer steps per training step */
	double item_samples; /* samples in one item of a benchmark's batch; 0:
			      * it varies (a sequence of tokens, a sentence) */
};

/* The network by models.yaml id, alias-free benchmark name or either
 * ignoring case, '-' and '_'; NULL when the model has no profile for it. */
const struct gpuadv_network_profile *gpuadv_model_network(const char *name);

/* The profiles (NULL-terminated table) the model knows. */
extern const struct gpuadv_network_profile gpuadv_model_networks[];

#define GPUADV_MIX_MAX 4
/* A workload as representative networks with weights summing to 1. */
struct gpuadv_workload_mix {
	const struct gpuadv_network_profile *net[GPUADV_MIX_MAX];
	double weight[GPUADV_MIX_MAX];
	size_t count;
};

/* The mix for workload w: the model's documented table by id, else the
 * networks the catalogue lists that have a profile, equally weighted.
 * Returns the number of networks (0: none known). */
size_t gpuadv_model_workload_mix(struct gpuadv_workload_mix *out,
				 const struct gpuadv_workload *w);

/* What one estimate rests on. */
struct gpuadv_model_estimate {
	double speed;			 /* > 0; NAN when not estimable */
	enum gpuadv_precision effective; /* the precision the maths runs at */
	bool fallback;			 /* runs without the asked Tensor Cores */
	bool imputed_l2;		 /* L2 unknown: taken from its class */
	double compute_tflops;		 /* the compute rate used */
	double compute_share;		 /* share of the time bound by maths */
	double batch;			 /* samples per step that fit (first network) */
	char note[160];			 /* fallback or failure reason, or "" */
};

/*
 * Estimate the speed of gpu on network n with parameters m at precision p
 * (samples per second in arbitrary units). Returns 0, or GPUADV_ENOTFOUND
 * when the GPU cannot run p or the catalogue lacks a figure the estimate
 * needs: out->note and err (may be NULL) then say why, e.g. "no BF16
 * Tensor Cores (Turing); BF16 needs Ampere or newer". GPUADV_EUSAGE for a
 * bad argument, GPUADV_EDATA for parameters out of range.
 */
int gpuadv_model_network_speed(struct gpuadv_model_estimate *out,
			       const struct gpuadv_gpu *gpu,
			       const struct gpuadv_network_profile *n,
			       const struct gpuadv_model *m, enum gpuadv_precision p,
			       struct gpuadv_error *err);

/*
 * The workload's speed: the geometric mean over its mix of the networks'
 * speeds (so a ratio of two GPUs' speeds is the weighted geometric mean of
 * their per-network ratios). GPUADV_ENOTFOUND also when w has no mix.
 */
int gpuadv_model_speed(struct gpuadv_model_estimate *out,
		       const struct gpuadv_gpu *gpu, const struct gpuadv_workload *w,
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

/* Whether precisions a and b move data of the same size (fp16 and bf16;
 * fp32, fp32-strict and tf32): measurements at one stand for the other
 * when both run at the same effective precision. */
bool gpuadv_model_same_data(enum gpuadv_precision a, enum gpuadv_precision b);

/* The data size of precision p relative to 16-bit (fp32 2, fp8 0.5), as
 * the rule table has it; NAN for an unknown p. */
double gpuadv_model_data_size(enum gpuadv_precision p);

/*
 * Whether the training calibration ran this effective precision (struct
 * gpuadv_model_estimate.effective): the benchmarks' fp16 and fp32 run
 * FP16, TF32 (Ampere and newer) and FP32 (CUDA cores, before Ampere);
 * BF16 takes the FP16 path at its rate. FP8, FP6, FP4 and the integer
 * formats are extrapolations for training.
 */
bool gpuadv_model_calibrated_precision(enum gpuadv_precision effective);

/*
 * The error band of an estimate, percent: the workload's cross-validated
 * error (its error_pct), widened for extrapolation: a generation newer
 * than the calibration data, an L2 size taken from its class, a
 * precision that falls back, a training precision the calibration never
 * ran. est is gpuadv_model_speed's output.
 */
double gpuadv_model_error_pct(const struct gpuadv_gpu *gpu, const struct gpuadv_workload *w,
			      const struct gpuadv_model_estimate *est);

/* ---- the fit: library gpuadv_fit ---------------------------------------- */

/* One measured throughput. Only ratios within one (set, software, network,
 * precision) group are compared: each group has its own unknown scale. The network
 * must have a profile (gpuadv_model_network), else the point is skipped. */
struct gpuadv_fit_point {
	const struct gpuadv_gpu *gpu;
	const char *set;
	const char *software; /* NULL: one stack for the whole set */
	const char *network;
	enum gpuadv_precision precision; /* as the benchmark labels it */
	double throughput;
	double batch; /* the batch it ran, in the benchmark's items; 0: unknown */
};

/*
 * The precision a measured point really ran at, by the same rule table as
 * an estimate: a benchmark's "fp32" on an architecture with TF32 Tensor
 * Cores ran TF32 (the PyTorch and NGC defaults), so it is tf32 there.
 */
enum gpuadv_precision gpuadv_model_measured_precision(const struct gpuadv_gpu *gpu,
						      enum gpuadv_precision p);

/*
 * Measurements kept outside the catalogue (the checks in
 * tests/fixtures/training_*.csv: set, gpu, network, precision, throughput,
 * unit, batch_size, then a source; a header line first) as points, parsed
 * in place: the points' set and network point into text, which must
 * outlive them. Up to cap points; *n says how many. GPUADV_EDATA, with
 * file:line:column, for a malformed line (fewer fields, a text field empty,
 * quoted or padded, a throughput that is not a positive normal number, a
 * batch that is not a whole number from 1, a carriage return but before
 * the newline), a GPU cat does not have, a network the model has no
 * profile for, or more than cap lines.
 */
int gpuadv_model_points_parse(struct gpuadv_fit_point *pts, size_t cap, size_t *n, char *text,
			      const struct gpuadv_catalog *cat, const char *file,
			      struct gpuadv_error *err);

/*
 * Fit the shared parameters (all but error_pct, left 0) to the points,
 * every network's at once, by a deterministic bounded Nelder-Mead with
 * fixed restarts. Points the model cannot estimate are left out.
 * GPUADV_EDATA when fewer than two groups of two or more points remain.
 */
int gpuadv_model_fit(struct gpuadv_model *out, const struct gpuadv_fit_point *pts,
		     size_t n, struct gpuadv_error *err);

struct gpuadv_model_accuracy {
	double median_error;  /* median |predicted - measured| / measured */
	double spearman;      /* rank correlation, see the doc */
	double group_spearman; /* unused (NAN) */
	size_t points;	      /* points scored */
	size_t skipped;	      /* points left out: not estimable or alone */
};

/* How points are predicted. */
enum gpuadv_cv {
	GPUADV_CV_IN_SAMPLE, /* with the parameters given */
	GPUADV_CV_GPU,	     /* refit without the point's GPU (leave-one-GPU-out) */
	GPUADV_CV_NETWORK,   /* refit without the point's network */
	GPUADV_CV_BOTH,	     /* refit without its GPU and its network */
	GPUADV_CV_BANDWIDTH, /* baseline: bandwidth per byte alone */
	GPUADV_CV_TENSOR,    /* baseline: the Tensor (or fallback) rate alone */
};

/*
 * Predict every point's throughput: pred[i] for pts[i], NAN where it is
 * not scored (not estimable, or no other GPU in its group). Only ratios
 * within a (set, network, precision) group mean anything, so each group's
 * scale is the geometric mean of measured / predicted over its points (in
 * sample and baselines) or over its points on other GPUs (cross-
 * validation: nothing of the point's GPU is used). m: the parameters for
 * GPUADV_CV_IN_SAMPLE; ignored otherwise (may be NULL).
 */
int gpuadv_model_predict(double *pred, const struct gpuadv_model *m,
			 const struct gpuadv_fit_point *pts, size_t n, enum gpuadv_cv mode,
			 struct gpuadv_error *err);

/*
 * Score predictions (NAN: skipped): median relative error, and Spearman
 * over all scored points of measured and predicted values each divided by
 * its group's geometric mean of measured values. 0 or GPUADV_ENOMEM.
 */
int gpuadv_model_score(struct gpuadv_model_accuracy *out, const struct gpuadv_fit_point *pts,
		       const double *pred, size_t n);

/* Predict by mode and score: the two above in one call. */
int gpuadv_model_crossval(struct gpuadv_model_accuracy *out, const struct gpuadv_model *m,
			  const struct gpuadv_fit_point *pts, size_t n, enum gpuadv_cv mode,
			  struct gpuadv_error *err);

/* gpuadv_model_crossval in sample. */
int gpuadv_model_evaluate(struct gpuadv_model_accuracy *out,
			  const struct gpuadv_model *m,
			  const struct gpuadv_fit_point *pts, size_t n,
			  struct gpuadv_error *err);

/* Helpers, exposed for the tests. Both return NAN for n == 0 (Spearman
 * also when either side is constant); they do not modify v. */
double gpuadv_model_median(const double *v, size_t n);
double gpuadv_model_spearman(const double *a, const double *b, size_t n);

#endif
