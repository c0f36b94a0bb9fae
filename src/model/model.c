/*
 * model.c - the performance model: per network, a training step's time per
 * sample as a sum of Tensor maths, CUDA-core work, DRAM traffic and
 * per-step costs spread over the batch that fits, from spec-sheet figures
 * and the network's own figures (networks.c); per workload, the weighted
 * geometric mean over its networks. Also the one precision rule table and
 * the error band. The fit lives in fit.c and crossval.c (library
 * gpuadv_fit). docs/performance-model.md explains the choices.
 */
#include "gpu_advisor/model.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model_internal.h"

#define MATHS_EFFICIENCY 0.5   /* the unit: only ratios of the terms matter */
#define NOM_L2_MB 6.0
#define NOM_GENERATION 3.0
#define NEWEST_CALIBRATED_GENERATION 4 /* Ada and Hopper; Blackwell extrapolates */

/* ---- the precision rule table -------------------------------------------- */

enum otherwise { RUN_NONE, RUN_CUDA };

/*
 * What each precision runs on. Where the architecture has Tensor Cores for
 * `tensor`, the maths run there; otherwise at the FP32 CUDA-core rate
 * (labelled a fallback where `fallback`) or not at all. `bytes` is the
 * data size relative to 16-bit. "fp32" runs TF32 where it exists, as
 * PyTorch and the NGC containers do by default for convolutions (and the
 * benchmarks did); "fp32-strict" is plain FP32 everywhere.
 */
static const struct prec_rule {
	const char *label;
	int tensor; /* enum gpuadv_precision, or -1: CUDA cores only */
	enum otherwise otherwise;
	bool fallback;
	double bytes;
	const char *needs;
} rules[GPUADV_PRECISION_COUNT] = {
	[GPUADV_FP32] = { "FP32", GPUADV_TF32, RUN_CUDA, false, 2, "" },
	[GPUADV_FP32_STRICT] = { "FP32", -1, RUN_CUDA, false, 2, "" },
	[GPUADV_TF32] = { "TF32", GPUADV_TF32, RUN_CUDA, true, 2, "Ampere or newer" },
	[GPUADV_FP16] = { "FP16", GPUADV_FP16, RUN_CUDA, true, 1, "Volta or newer" },
	[GPUADV_BF16] = { "BF16", GPUADV_BF16, RUN_NONE, false, 1, "Ampere or newer" },
	[GPUADV_INT8] = { "INT8", GPUADV_INT8, RUN_NONE, false, 0.5, "Turing or newer" },
	[GPUADV_INT4] = { "INT4", GPUADV_INT4, RUN_NONE, false, 0.25,
			  "Turing, Ampere or Ada Lovelace" },
	[GPUADV_FP8] = { "FP8", GPUADV_FP8, RUN_NONE, false, 0.5, "Ada Lovelace, Hopper or newer" },
	[GPUADV_FP6] = { "FP6", GPUADV_FP6, RUN_NONE, false, 0.375, "Blackwell or newer" },
	[GPUADV_FP4] = { "FP4", GPUADV_FP4, RUN_NONE, false, 0.25, "Blackwell or newer" },
};

/* The Tensor rate for q on an architecture that has it: the catalogue's
 * figure, else one of the documented derivations, else NAN. */
static double tensor_rate(const struct gpuadv_gpu *gpu, enum gpuadv_precision q)
{
	const double *v = gpu->v;

	switch (q) {
	case GPUADV_TF32: /* half the dense FP16 rate on every TF32 part */
		return !isnan(v[GPUADV_F_TF32_TENSOR_TFLOPS]) ? v[GPUADV_F_TF32_TENSOR_TFLOPS]
							     : v[GPUADV_F_FP16_TENSOR_TFLOPS] / 2;
	case GPUADV_FP16:
		return v[GPUADV_F_FP16_TENSOR_TFLOPS];
	case GPUADV_BF16: /* the FP16 rate wherever BF16 exists */
		return !isnan(v[GPUADV_F_BF16_TENSOR_TFLOPS]) ? v[GPUADV_F_BF16_TENSOR_TFLOPS]
							     : v[GPUADV_F_FP16_TENSOR_TFLOPS];
	case GPUADV_INT8:
		return v[GPUADV_F_INT8_TENSOR_TOPS];
	case GPUADV_INT4: /* twice INT8 on every INT4 part */
		return v[GPUADV_F_INT8_TENSOR_TOPS] * 2;
	case GPUADV_FP8:
		return v[GPUADV_F_FP8_TENSOR_TFLOPS];
	case GPUADV_FP6: /* Blackwell runs FP6 at the FP8 rate */
		return v[GPUADV_F_FP8_TENSOR_TFLOPS];
	case GPUADV_FP4:
		return v[GPUADV_F_FP4_TENSOR_TFLOPS];
	default:
		return NAN;
	}
}

static const char *arch_name(const struct gpuadv_gpu *gpu)
{
	return gpu->arch && gpu->arch->name ? gpu->arch->name : "unknown architecture";
}

/*
 * An unknown L2 size taken from the GPU's class: its architecture
 * generation and memory (HBM parts carry large L2s; GDDR parts scale with
 * the bus). Per generation, the median over the catalogue's cards of MB
 * per bus bit (GDDR), the HBM parts' L2, and a GDDR card's L2 where the
 * bus is unknown too. docs/performance-model.md lists the cards.
 */
static double class_l2_mb(const struct gpuadv_gpu *gpu)
{
	static const struct { double per_bit, hbm, typical; } cls[] = {
		{ 2.75 / 352, 4, 2.75 },  /* Pascal: GP102 */
		{ 6.0 / 384, 6, 6 },	  /* Volta: GV100 */
		{ 6.0 / 384, 6, 6 },	  /* Turing: TU10x, 1 MB per 64 bits */
		{ 6.0 / 384, 40, 6 },	  /* Ampere: GA10x; A100 40 MB */
		{ 0.25, 50, 48 },	  /* Ada (AD10x, 0.1875-0.25); Hopper 50 MB */
		{ 0.25, 126.5, 64 },	  /* Blackwell: GB20x; B200 126.5 MB */
	};
	int g = gpu->arch ? (int)gpu->arch->tensor_core_generation : 0;
	double bus = gpu->v[GPUADV_F_BUS_WIDTH_BITS];

	g = g < 0 ? 0 : g > 5 ? 5 : g;
	if (gpu->memory_type && !strncmp(gpu->memory_type, "HBM", 3))
		return cls[g].hbm;
	return isnan(bus) ? cls[g].typical : cls[g].per_bit * bus;
}

int gpuadv__model_gate(struct gpuadv__model_features *f, struct gpuadv_model_estimate *est,
		       const struct gpuadv_gpu *gpu, enum gpuadv_precision p)
{
	const struct prec_rule *r = &rules[p];
	const double *v = gpu->v;

	est->effective = p;
	est->fallback = false;
	est->note[0] = '\0';
	f->cuda = v[GPUADV_F_FP32_TFLOPS];
	f->bandwidth = v[GPUADV_F_BANDWIDTH_GBS];
	est->imputed_l2 = isnan(v[GPUADV_F_L2_CACHE_MB]);
	f->l2_mb = est->imputed_l2 ? class_l2_mb(gpu) : v[GPUADV_F_L2_CACHE_MB];
	f->memory_gb = v[GPUADV_F_MEMORY_GB];
	f->generation = gpu->arch ? gpu->arch->tensor_core_generation : 0;
	f->bytes = r->bytes;

	if (r->tensor >= 0 && gpuadv_gpu_has_tensor(gpu, (enum gpuadv_precision)r->tensor) &&
	    !isnan(tensor_rate(gpu, (enum gpuadv_precision)r->tensor))) {
		f->compute = tensor_rate(gpu, (enum gpuadv_precision)r->tensor);
		est->effective = (enum gpuadv_precision)r->tensor;
	} else if (r->tensor >= 0 && gpuadv_gpu_has_tensor(gpu, (enum gpuadv_precision)r->tensor) &&
		   p != GPUADV_FP32) {
		snprintf(est->note, sizeof(est->note), "no %s Tensor figure in the catalogue",
			 r->label);
		return GPUADV_ENOTFOUND;
	} else if (r->otherwise == RUN_CUDA) {
		f->compute = f->cuda;
		est->effective = GPUADV_FP32;
		if (p == GPUADV_FP32 && r->tensor >= 0 &&
		    gpuadv_gpu_has_tensor(gpu, (enum gpuadv_precision)r->tensor)) {
			est->fallback = true;
			snprintf(est->note, sizeof(est->note),
				 "no TF32 Tensor figure in the catalogue; modelled at the FP32 rate");
		} else if (r->fallback) {
			/* FP16 mixed precision still halves the data. */
			est->fallback = true;
			snprintf(est->note, sizeof(est->note),
				 "no %s Tensor Cores (%s); modelled at the FP32 rate%s", r->label,
				 arch_name(gpu),
				 p == GPUADV_FP16 ? ", saving memory traffic only" : "");
		}
	} else {
		snprintf(est->note, sizeof(est->note), "no %s Tensor Cores (%s); %s needs %s",
			 r->label, arch_name(gpu), r->label, r->needs);
		return GPUADV_ENOTFOUND;
	}
	est->compute_tflops = f->compute;
	if (!(f->compute > 0 && f->cuda > 0 && f->bandwidth > 0 && f->memory_gb > 0)) {
		snprintf(est->note, sizeof(est->note), "FP32, bandwidth or memory figure missing");
		return GPUADV_ENOTFOUND;
	}
	return 0;
}

/* ---- the model ------------------------------------------------------------ */

double gpuadv__model_step_time(const struct gpuadv__model_features *f,
			       const struct gpuadv_network_profile *n, const double *p,
			       double *compute_share, double *batch_out)
{
	double gen = pow(p[GPUADV_MP_GEN_GAIN], NOM_GENERATION - f->generation);
	double bw = f->bandwidth * pow(f->l2_mb / NOM_L2_MB, p[GPUADV_MP_L2_EXPONENT]);
	double work = 3 * n->gflop; /* forward and backward */
	double maths, cuda, dram, per_step, host, free_gb, per_sample_gb, batch, total;

	maths = work / (MATHS_EFFICIENCY * f->compute);
	cuda = p[GPUADV_MP_CUDA_FLOP] * n->act_m * 1e-3 / f->cuda;
	dram = p[GPUADV_MP_DRAM_BYTES] * f->bytes * n->act_m / bw;
	/* The batch that fits: what is left after the weights and optimiser
	 * state, over the activations one sample keeps. A smaller card runs a
	 * smaller batch and pays its per-step costs more often. */
	free_gb = f->memory_gb - GPUADV__RESERVE_GB -
		  GPUADV__STATE_BYTES_PER_PARAM * n->params_m * 1e-3;
	per_sample_gb = p[GPUADV_MP_MEM_BYTES] * f->bytes * n->act_m * 1e-3;
	batch = per_sample_gb > 0 ? fmax(free_gb / per_sample_gb, 1) : 1;
	per_step = gen * p[GPUADV_MP_OPT_BYTES] * n->params_m / f->bandwidth +
		   p[GPUADV_MP_LAUNCH_US] * n->steps * 1e-3;
	host = work / p[GPUADV_MP_HOST_TFLOPS];
	total = gen * (maths + cuda + dram) + per_step / batch + host;
	if (compute_share)
		*compute_share = total > 0 ? gen * (maths + cuda) / total : 0;
	if (batch_out)
		*batch_out = batch;
	return total;
}

bool gpuadv__model_valid(const struct gpuadv_model *m)
{
	int i;

	for (i = 0; i < GPUADV_MP_COUNT; i++)
		if (!(m->p[i] >= gpuadv_model_params[i].min &&
		      m->p[i] <= gpuadv_model_params[i].max))
			return false;
	return true;
}

static int check_args(struct gpuadv_model_estimate *out, const struct gpuadv_gpu *gpu,
		      const void *what, enum gpuadv_precision p, struct gpuadv_error *err)
{
	if (!out || !gpu || !what || (unsigned)p >= GPUADV_PRECISION_COUNT)
		return gpuadv_error_set(err, GPUADV_EUSAGE, "bad model argument");
	memset(out, 0, sizeof(*out));
	out->speed = NAN;
	return 0;
}

/* Speeds of gpu on each network of a mix under parameters m: the weighted
 * geometric mean in out->speed. */
static int mix_speed(struct gpuadv_model_estimate *out, const struct gpuadv_gpu *gpu,
		     const struct gpuadv_workload_mix *mix, const struct gpuadv_model *m,
		     enum gpuadv_precision p, struct gpuadv_error *err)
{
	struct gpuadv__model_features f;
	double logs = 0, share = 0, t, cs, batch;
	size_t i;
	int rc;

	if (!gpuadv__model_valid(m))
		return gpuadv_error_set(err, GPUADV_EDATA, "model parameters out of range");
	rc = gpuadv__model_gate(&f, out, gpu, p);
	if (rc)
		return gpuadv_error_set(err, rc, "%s at %s: %s", gpu->id,
					gpuadv_precision_name(p), out->note);
	for (i = 0; i < mix->count; i++) {
		t = gpuadv__model_step_time(&f, mix->net[i], m->p, &cs, &batch);
		if (!(t > 0) || !isfinite(t))
			return gpuadv_error_set(err, GPUADV_EDATA,
						"model parameters give no time for '%s'",
						mix->net[i]->id);
		logs -= mix->weight[i] * log(t);
		share += mix->weight[i] * cs;
		if (i == 0)
			out->batch = batch;
	}
	out->speed = exp(logs);
	out->compute_share = share;
	return 0;
}

int gpuadv_model_network_speed(struct gpuadv_model_estimate *out,
			       const struct gpuadv_gpu *gpu,
			       const struct gpuadv_network_profile *n,
			       const struct gpuadv_model *m, enum gpuadv_precision p,
			       struct gpuadv_error *err)
{
	struct gpuadv_workload_mix mix = { { n }, { 1 }, 1 };
	int rc = check_args(out, gpu, n, p, err);

	if (rc || (rc = check_args(out, gpu, m, p, err)))
		return rc;
	return mix_speed(out, gpu, &mix, m, p, err);
}

int gpuadv_model_speed(struct gpuadv_model_estimate *out,
		       const struct gpuadv_gpu *gpu, const struct gpuadv_workload *w,
		       enum gpuadv_precision p, struct gpuadv_error *err)
{
	struct gpuadv_workload_mix mix;
	int rc = check_args(out, gpu, w, p, err);

	if (rc)
		return rc;
	if (!gpuadv_model_workload_mix(&mix, w)) {
		snprintf(out->note, sizeof(out->note),
			 "no network figures for workload '%s'", w->id);
		return gpuadv_error_set(err, GPUADV_ENOTFOUND, "%s", out->note);
	}
	return mix_speed(out, gpu, &mix, &w->model, p, err);
}

int gpuadv_model_gate(struct gpuadv_model_estimate *out, const struct gpuadv_gpu *gpu,
		      enum gpuadv_precision p)
{
	struct gpuadv__model_features f;

	if (check_args(out, gpu, gpu, p, NULL)) {
		if (out) {
			memset(out, 0, sizeof(*out));
			out->speed = NAN;
			snprintf(out->note, sizeof(out->note), "bad model argument");
		}
		return GPUADV_EUSAGE;
	}
	return gpuadv__model_gate(&f, out, gpu, p);
}

enum gpuadv_precision gpuadv_model_measured_precision(const struct gpuadv_gpu *gpu,
						      enum gpuadv_precision p)
{
	struct gpuadv_model_estimate est;

	if (gpuadv_model_gate(&est, gpu, p))
		return p;
	return est.effective;
}

bool gpuadv_model_same_data(enum gpuadv_precision a, enum gpuadv_precision b)
{
	return (unsigned)a < GPUADV_PRECISION_COUNT && (unsigned)b < GPUADV_PRECISION_COUNT &&
	       rules[a].bytes == rules[b].bytes;
}

double gpuadv_model_data_size(enum gpuadv_precision p)
{
	return (unsigned)p < GPUADV_PRECISION_COUNT ? rules[p].bytes : NAN;
}

bool gpuadv_model_calibrated_precision(enum gpuadv_precision effective)
{
	return effective == GPUADV_FP32 || effective == GPUADV_TF32 || effective == GPUADV_FP16 ||
	       effective == GPUADV_BF16;
}

double gpuadv_model_error_pct(const struct gpuadv_gpu *gpu, const struct gpuadv_workload *w,
			      const struct gpuadv_model_estimate *est)
{
	double band = w ? w->model.p[GPUADV_MP_ERROR_PCT] : 0;

	if (gpu && gpu->arch && gpu->arch->tensor_core_generation > NEWEST_CALIBRATED_GENERATION)
		band *= 1.5; /* a generation the data do not reach */
	if (est && est->imputed_l2)
		band *= 1.25;
	if (est && est->fallback)
		band *= 1.5;
	if (est && w && w->task == GPUADV_TRAIN && !gpuadv_model_calibrated_precision(est->effective))
		band *= 1.5; /* FP8 training, say: no training result ran it */
	return round(band);
}
