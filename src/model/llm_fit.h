/*
 * llm_fit.h - internal: the measured llama.cpp runs the LLM speed model is
 * fitted to, their loader, the fit and its scores. Linked only into
 * tools/fit_speed.c and the tests, never into gpu-advisor.
 *
 * Ownership: a struct gpuadv__llm_data owns its rows; release it with
 * gpuadv__llm_data_release.
 */
#ifndef GPU_ADVISOR_MODEL_LLM_FIT_H
#define GPU_ADVISOR_MODEL_LLM_FIT_H

#include <stddef.h>

#include "gpu_advisor/catalog.h"
#include "gpu_advisor/error.h"
#include "gpu_advisor/llm_speed.h"

struct gpuadv__llm_row {
	char gpu[32];	/* as the data name it: "3090", "RTX 4000 Ada" */
	char model[24];
	char quant[12];
	char set[16];	/* campaign: "2023" (LLaMA 1, 2) or "2024" (Llama 3) */
	unsigned count;
	enum gpuadv_parallel parallel;
	struct gpuadv_llm_gpu g;
	struct gpuadv_llm_model m;
	double tg_context; /* mean tokens in the cache while decoding */
	double pp_tokens;  /* prompt length of the prefill measurement */
	bool fits;
	double tg, pp;	   /* measured tokens/s; NAN where not measured */
};

struct gpuadv__llm_data {
	struct gpuadv__llm_row *rows;
	size_t n, cap;
};

/*
 * Append the rows of one measurement file (tests/fixtures/
 * llm_inference_llamacpp*.csv: header line, '#' comments) to d. GPU figures
 * come from cat (RTX 4000 and 5000 Ada, absent from it, from the table in
 * llm_fit.c); model figures from the cited table in llm_fit.c.
 * GPUADV_ENOINPUT, GPUADV_EDATA (file:line), GPUADV_ENOMEM.
 */
int gpuadv__llm_data_load(struct gpuadv__llm_data *d, const char *path,
			  const struct gpuadv_catalog *cat, struct gpuadv_error *err);
void gpuadv__llm_data_release(struct gpuadv__llm_data *d);

/* Predicted decode and prefill tokens/s of a row under p. */
void gpuadv__llm_predict(const struct gpuadv__llm_row *r,
			 const struct gpuadv_llm_params *p, double *tg, double *pp);

/*
 * Fit the decode and prefill parameters to the rows whose gpu differs from
 * exclude_gpu (NULL: all), minimising squared log errors by a deterministic
 * Nelder-Mead. The tensor-parallel latencies and the batch efficiency,
 * which no row measures, are copied from start.
 */
void gpuadv__llm_fit(struct gpuadv_llm_params *out, const struct gpuadv_llm_params *start,
		     const struct gpuadv__llm_data *d, const char *exclude_gpu);

/* Median and worst relative error |pred - meas| / meas. */
struct gpuadv__llm_score {
	double median, worst;
	size_t n;
};

/* Score decode (which 0) or prefill (1) over the rows that match gpu
 * (NULL: any), count (0: any) and set (NULL: any). */
struct gpuadv__llm_score gpuadv__llm_evaluate(const struct gpuadv__llm_data *d,
					      const struct gpuadv_llm_params *p,
					      int which, const char *gpu,
					      unsigned count, const char *set);

/* Leave-one-GPU-out: each GPU's decode rows predicted by a fit to the
 * others'; median and worst of those errors, restricted as above. */
struct gpuadv__llm_score gpuadv__llm_crossval(const struct gpuadv__llm_data *d,
					      const struct gpuadv_llm_params *start,
					      const char *set);

/* Median of v[0..n) (NAN for n == 0); v is reordered. */
double gpuadv__median(double *v, size_t n);

/* Minimise f over x[0..n) by Nelder-Mead from x (step: initial simplex
 * size), deterministically; x receives the best point, the best value is
 * returned. */
double gpuadv__nelder_mead(double (*f)(const double *x, void *ctx), void *ctx,
			   double *x, size_t n, double step, int iterations);

#endif
