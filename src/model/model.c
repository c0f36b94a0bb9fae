/*
 * model.c - the performance model: a roofline-style sum of the times a
 * training step spends on Tensor maths, CUDA-core work, DRAM traffic,
 * per-step costs and GPU-independent overhead, from spec-sheet figures only;
 * and the precision gate. The fit of the parameters to measured benchmarks
 * lives in fit.c and crossval.c (library gpuadv_fit, not in gpu-advisor).
 * docs/performance-model.md explains the choices.
 */
#include "gpu_advisor/model.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model_internal.h"

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

int gpuadv__model_gate(struct gpuadv__model_features *f, struct gpuadv_model_estimate *est,
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
double gpuadv__model_step_time(const struct gpuadv__model_features *f, const double *p,
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

bool gpuadv__model_valid(const struct gpuadv_model *m)
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
	struct gpuadv__model_features f;
	int rc;

	if (!out || !gpu || !m || (unsigned)p >= GPUADV_PRECISION_COUNT)
		return gpuadv_error_set(err, GPUADV_EUSAGE, "bad model argument");
	memset(out, 0, sizeof(*out));
	out->speed = NAN;
	if (!gpuadv__model_valid(m))
		return gpuadv_error_set(err, GPUADV_EDATA,
					"model parameters out of range or all GPU weights zero");
	rc = gpuadv__model_gate(&f, out, gpu, p);
	if (rc)
		return gpuadv_error_set(err, rc, "%s at %s: %s", gpu->id,
					gpuadv_precision_name(p), out->note);
	out->speed = 1.0 / gpuadv__model_step_time(&f, m->p, &out->compute_share);
	return 0;
}

int gpuadv_model_gate(struct gpuadv_model_estimate *out, const struct gpuadv_gpu *gpu,
		      enum gpuadv_precision p)
{
	struct gpuadv__model_features f;

	memset(out, 0, sizeof(*out));
	out->speed = NAN;
	if (!gpu || (unsigned)p >= GPUADV_PRECISION_COUNT) {
		snprintf(out->note, sizeof(out->note), "bad model argument");
		return GPUADV_EUSAGE;
	}
	return gpuadv__model_gate(&f, out, gpu, p);
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
