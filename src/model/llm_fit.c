/*
 * llm_fit.c - the LLM speed model's calibration: reads the measured llama.cpp
 * runs, attaches GPU and model figures, fits the shared efficiencies and
 * scores them (overall, per GPU, leave-one-GPU-out). Tools and tests only.
 */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/llm_fit.h"

/* Model figures from the published configurations:
 * LLaMA 7B-65B: Touvron et al. 2023, "LLaMA: Open and Efficient Foundation
 *   Language Models", Table 2 (width, heads, layers; head dim 128; full
 *   multi-head attention, so kv heads = heads); parameter counts of the
 *   released checkpoints as llama.cpp's convert reports them.
 * Llama 2: Touvron et al. 2023, "Llama 2", section 2.2 and Table 1 (GQA on
 *   70B); huggingface.co/meta-llama/Llama-2-70b-hf config.json
 *   (num_key_value_heads 8, hidden 8192, 80 layers).
 * Llama 3: huggingface.co/meta-llama/Meta-Llama-3-8B and -70B config.json
 *   (hidden 4096/8192, 32/80 layers, 8 kv heads, head dim 128). */
static const struct model_fig {
	const char *id;
	double params, layers, hidden, kv_heads;
} models[] = {
	{ "llama-7b", 6.738e9, 32, 4096, 32 },
	{ "llama-13b", 13.016e9, 40, 5120, 40 },
	{ "llama-30b", 32.529e9, 60, 6656, 52 },
	{ "llama-65b", 65.286e9, 80, 8192, 64 },
	{ "llama-2-7b", 6.738e9, 32, 4096, 32 },
	{ "llama-2-13b", 13.016e9, 40, 5120, 40 },
	{ "llama-2-70b", 68.977e9, 80, 8192, 8 },
	{ "llama-3-8b", 8.030e9, 32, 4096, 8 },
	{ "llama-3-70b", 70.554e9, 80, 8192, 8 },
	{ NULL, 0, 0, 0, 0 },
};

/* Bits per weight: Q4_0 is 32 weights in 18 bytes (llama.cpp ggml-common.h,
 * block_q4_0); Q4_K_M mixes Q4_K and Q6_K: 4.89 from the measured file size
 * (4.58 GiB for Llama 3 8B, the source's README). */
static const struct quant_fig {
	const char *name;
	double bits;
} quants[] = {
	{ "Q4_0", 4.5 }, { "Q4_K_M", 4.89 }, { "F16", 16 }, { NULL, 0 },
};

/* How the measurements name the GPUs, and figures the catalogue lacks: it
 * gives no FP16 Tensor rate for the RTX 4000 Ada, so the fit DERIVES it as
 * 4 x FP32 (26.7), the ratio of the other pro Ada cards (RTX 6000 Ada
 * 364 / 91.1, RTX 5000 Ada 261.1 / 65.3). */
static const struct gpu_map {
	const char *name, *id;
	struct gpuadv_llm_gpu fig;
} gpus[] = {
	{ "3070", "rtx-3070", { .bandwidth_gbs = 0 } },
	{ "3080", "rtx-3080", { .bandwidth_gbs = 0 } },
	{ "3080 Ti", "rtx-3080-ti", { .bandwidth_gbs = 0 } },
	{ "3090", "rtx-3090", { .bandwidth_gbs = 0 } },
	{ "4080", "rtx-4080", { .bandwidth_gbs = 0 } },
	{ "4090", "rtx-4090", { .bandwidth_gbs = 0 } },
	{ "A100", "a100-80gb-pcie", { .bandwidth_gbs = 0 } }, /* RunPod's "A100 80GB", PCIe assumed */
	{ "H100 PCIe", "h100-pcie", { .bandwidth_gbs = 0 } },
	{ "RTX A6000", "rtx-a6000", { .bandwidth_gbs = 0 } },
	{ "RTX 6000 Ada", "rtx-6000-ada", { .bandwidth_gbs = 0 } },
	{ "RTX 4000 Ada", "rtx-4000-ada", { .tensor_tflops = 106.8 } },
	{ "RTX 5000 Ada", "rtx-5000-ada", { .bandwidth_gbs = 0 } },
	{ NULL, NULL, { .bandwidth_gbs = 0 } },
};

double gpuadv__median(double *v, size_t n)
{
	if (n == 0)
		return NAN;
	/* insertion sort: the lists are short */
	for (size_t i = 1; i < n; i++)
		for (size_t j = i; j > 0 && v[j - 1] > v[j]; j--) {
			double t = v[j];
			v[j] = v[j - 1];
			v[j - 1] = t;
		}
	return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

/* Split one CSV line in place into at most max fields ("" quotes). */
static size_t csv_split(char *line, char **f, size_t max)
{
	size_t n = 0;
	char *r = line, *w = line;

	while (n < max) {
		bool quoted = *r == '"';
		f[n++] = w;
		if (quoted)
			r++;
		for (;;) {
			if (*r == '\0' || *r == '\n' || *r == '\r' || (!quoted && *r == ',')) {
				break;
			} else if (quoted && *r == '"') {
				if (r[1] == '"') {
					*w++ = '"';
					r += 2;
					continue;
				}
				quoted = false;
				r++;
				continue;
			}
			*w++ = *r++;
		}
		bool more = *r == ',';
		*w++ = '\0';
		if (!more)
			break;
		r++;
	}
	return n;
}

static int column(char **hdr, size_t nh, const char *name)
{
	for (size_t i = 0; i < nh; i++)
		if (strcmp(hdr[i], name) == 0)
			return (int)i;
	return -1;
}

static double num(const char *s)
{
	char *end;
	double v;

	if (!s || !*s)
		return NAN;
	errno = 0;
	v = strtod(s, &end);
	return (*end || errno) ? NAN : v;
}

static int fill_row(struct gpuadv__llm_row *r, char **f, const int *col,
		    const struct gpuadv_catalog *cat)
{
	const struct gpu_map *gm;
	const struct model_fig *mf;
	const struct quant_fig *qf;

	/* the set names the measurement campaign: "2023" or "2024" */
	snprintf(r->set, sizeof(r->set), "%s",
		 strcmp(f[col[0]], "llama-3") == 0 ? "2024" : "2023");
	snprintf(r->gpu, sizeof(r->gpu), "%s", f[col[1]]);
	snprintf(r->model, sizeof(r->model), "%s", f[col[3]]);
	snprintf(r->quant, sizeof(r->quant), "%s", f[col[4]]);
	for (gm = gpus; gm->name && strcmp(gm->name, r->gpu) != 0; gm++)
		;
	for (mf = models; mf->id && strcmp(mf->id, r->model) != 0; mf++)
		;
	for (qf = quants; qf->name && strcmp(qf->name, r->quant) != 0; qf++)
		;
	if (!gm->name || !mf->id || !qf->name)
		return -1;
	if (gm->id) {
		const struct gpuadv_gpu *g = gpuadv_catalog_find_gpu(cat, gm->id, NULL);
		if (!g)
			return -1;
		gpuadv_llm_gpu_from_catalog(&r->g, g);
		if (!isfinite(r->g.tensor_tflops) && gm->fig.tensor_tflops > 0)
			r->g.tensor_tflops = r->g.fp16_acc_tflops = gm->fig.tensor_tflops;
	} else {
		r->g = gm->fig;
	}
	r->m = (struct gpuadv_llm_model){ .total_params = mf->params,
					  .active_params = mf->params,
					  .bits_per_weight = qf->bits,
					  .layers = mf->layers,
					  .hidden = mf->hidden,
					  .kv_heads = mf->kv_heads,
					  .head_dim = 128,
					  .kv_bits = 16 };
	r->count = (unsigned)num(f[col[2]]);
	/* December 2023 runs predate --split-mode: llama.cpp split rows. */
	r->parallel = strcmp(r->set, "2024") == 0 ? GPUADV_PARALLEL_LAYER
						      : GPUADV_PARALLEL_ROW;
	r->fits = strcmp(f[col[5]], "yes") == 0;
	r->tg = num(f[col[6]]);
	r->pp = num(f[col[7]]);
	/* llama-bench's defaults then: -n 128; decode sees on average half
	 * the generated tokens in the cache. */
	r->tg_context = (col[8] >= 0 ? num(f[col[8]]) : 128) / 2;
	r->pp_tokens = 512;
	return r->count >= 1 && isfinite(r->tg_context) ? 0 : -1;
}

int gpuadv__llm_data_load(struct gpuadv__llm_data *d, const char *path,
			  const struct gpuadv_catalog *cat, struct gpuadv_error *err)
{
	static const char *const names[] = { "set", "gpu", "count", "model", "quant",
					     "fits", "tg_tok_s", "pp_tok_s", "tg_tokens" };
	char line[1024], hline[1024], *hdr[16], *f[16];
	int col[9];
	size_t nh = 0;
	unsigned long lineno = 0;
	int rc = 0;
	FILE *fp = fopen(path, "r");

	if (!fp)
		return gpuadv_error_set(err, GPUADV_ENOINPUT, "cannot open '%s'", path);
	while (fgets(line, sizeof(line), fp)) {
		lineno++;
		if (line[0] == '#' || line[0] == '\n')
			continue;
		if (nh == 0) {
			memcpy(hline, line, sizeof(line));
			nh = csv_split(hline, hdr, 16);
			for (size_t i = 0; i < 9; i++) {
				col[i] = column(hdr, nh, names[i]);
				if (col[i] < 0 && i < 8) {
					rc = gpuadv_error_at(err, GPUADV_EDATA, path, lineno, 1,
							     "no column '%s'", names[i]);
					goto done;
				}
			}
			continue;
		}
		if (csv_split(line, f, 16) != nh) {
			rc = gpuadv_error_at(err, GPUADV_EDATA, path, lineno, 1,
					     "expected %zu fields", nh);
			goto done;
		}
		if (d->n == d->cap) {
			size_t cap = d->cap ? 2 * d->cap : 256;
			struct gpuadv__llm_row *p = realloc(d->rows, cap * sizeof(*p));
			if (!p) {
				rc = gpuadv_error_set(err, GPUADV_ENOMEM, "out of memory");
				goto done;
			}
			d->rows = p;
			d->cap = cap;
		}
		memset(&d->rows[d->n], 0, sizeof(d->rows[0]));
		if (fill_row(&d->rows[d->n], f, col, cat) != 0) {
			rc = gpuadv_error_at(err, GPUADV_EDATA, path, lineno, 1,
					     "unknown GPU, model or quantisation, or bad count");
			goto done;
		}
		d->n++;
	}
	if (ferror(fp))
		rc = gpuadv_error_set(err, GPUADV_EIO, "cannot read '%s'", path);
done:
	fclose(fp);
	return rc;
}

void gpuadv__llm_data_release(struct gpuadv__llm_data *d)
{
	free(d->rows);
	memset(d, 0, sizeof(*d));
}

void gpuadv__llm_predict(const struct gpuadv__llm_row *r,
			 const struct gpuadv_llm_params *p, double *tg, double *pp)
{
	struct gpuadv_llm_speed s;
	struct gpuadv_llm_params q = *p;
	struct gpuadv_llm_setup setup = { .gpus = r->count, .parallel = r->parallel,
					  .context = r->tg_context, .batch = 1 };

	*tg = *pp = NAN;
	/* llama.cpp gained CUDA graphs and faster kernels between the
	 * campaigns: the older runs pay their own fixed cost per layer */
	if (strcmp(r->set, "2023") == 0)
		q.layer_us = p->legacy_layer_us;
	p = &q;
	if (gpuadv_llm_speed_estimate(&s, &r->g, &r->m, &setup, p, NULL) == 0)
		*tg = s.decode_tokens_per_s;
	setup.context = r->pp_tokens;
	if (gpuadv_llm_speed_estimate(&s, &r->g, &r->m, &setup, p, NULL) == 0)
		*pp = s.prefill_tokens_per_s;
}

/* The fitted parameters, in log space (all are positive). */
#define NFIT 12
static double *slot(struct gpuadv_llm_params *p, size_t i)
{
	double *s[NFIT] = { &p->eta_bw_plain, &p->eta_bw_quant, &p->kv_factor,
			    &p->layer_us, &p->hop_us, &p->row_sync_us,
			    &p->row_sync_gpu_us, &p->eta_tensor_plain,
			    &p->eta_tensor_quant, &p->prefill_fp32, &p->row_prefill_ns,
			    &p->legacy_layer_us };
	return s[i];
}

struct fitctx {
	const struct gpuadv__llm_data *d;
	const char *exclude;
	struct gpuadv_llm_params base;
};

static void unpack(struct gpuadv_llm_params *p, const struct fitctx *c, const double *x)
{
	*p = c->base;
	for (size_t i = 0; i < NFIT; i++)
		*slot(p, i) = exp(x[i]);
}

static double loss(const double *x, void *vc)
{
	const struct fitctx *c = vc;
	struct gpuadv_llm_params p;
	double sum = 0;

	unpack(&p, c, x);
	/* efficiencies above 1 are not physical */
	for (size_t i = 0; i < 2; i++)
		if (x[i] > 0)
			sum += 100 * x[i] * x[i];
	for (size_t i = 0; i < c->d->n; i++) {
		const struct gpuadv__llm_row *r = &c->d->rows[i];
		double tg, pp;
		if (!r->fits || (c->exclude && strcmp(r->gpu, c->exclude) == 0))
			continue;
		gpuadv__llm_predict(r, &p, &tg, &pp);
		if (isfinite(r->tg) && isfinite(tg))
			sum += pow(log(tg / r->tg), 2);
		if (isfinite(r->pp) && isfinite(pp))
			sum += pow(log(pp / r->pp), 2);
	}
	return sum;
}

double gpuadv__nelder_mead(double (*f)(const double *x, void *ctx), void *ctx,
			   double *x, size_t n, double step, int iterations)
{
	double s[17][16], fs[17], c[16], xr[16], xe[16];
	size_t best = 0;

	if (n > 16)
		return NAN;
	for (size_t i = 0; i <= n; i++) {
		memcpy(s[i], x, n * sizeof(double));
		if (i > 0)
			s[i][i - 1] += step;
		fs[i] = f(s[i], ctx);
	}
	for (int it = 0; it < iterations; it++) {
		size_t hi = 0, lo = 0, nh = 0;
		for (size_t i = 1; i <= n; i++) {
			if (fs[i] > fs[hi])
				hi = i;
			if (fs[i] < fs[lo])
				lo = i;
		}
		nh = lo;
		for (size_t i = 0; i <= n; i++)
			if (i != hi && fs[i] > fs[nh])
				nh = i;
		for (size_t j = 0; j < n; j++) {
			c[j] = 0;
			for (size_t i = 0; i <= n; i++)
				if (i != hi)
					c[j] += s[i][j] / (double)n;
			xr[j] = c[j] + (c[j] - s[hi][j]);
		}
		double fr = f(xr, ctx);
		if (fr < fs[lo]) {
			for (size_t j = 0; j < n; j++)
				xe[j] = c[j] + 2 * (c[j] - s[hi][j]);
			double fe = f(xe, ctx);
			if (fe < fr) {
				memcpy(s[hi], xe, n * sizeof(double));
				fs[hi] = fe;
			} else {
				memcpy(s[hi], xr, n * sizeof(double));
				fs[hi] = fr;
			}
		} else if (fr < fs[nh]) {
			memcpy(s[hi], xr, n * sizeof(double));
			fs[hi] = fr;
		} else {
			for (size_t j = 0; j < n; j++)
				xe[j] = c[j] + 0.5 * (s[hi][j] - c[j]);
			double fc = f(xe, ctx);
			if (fc < fs[hi]) {
				memcpy(s[hi], xe, n * sizeof(double));
				fs[hi] = fc;
			} else {
				for (size_t i = 0; i <= n; i++) {
					if (i == lo)
						continue;
					for (size_t j = 0; j < n; j++)
						s[i][j] = s[lo][j] + 0.5 * (s[i][j] - s[lo][j]);
					fs[i] = f(s[i], ctx);
				}
			}
		}
	}
	for (size_t i = 1; i <= n; i++)
		if (fs[i] < fs[best])
			best = i;
	memcpy(x, s[best], n * sizeof(double));
	return fs[best];
}

void gpuadv__llm_fit(struct gpuadv_llm_params *out, const struct gpuadv_llm_params *start,
		     const struct gpuadv__llm_data *d, const char *exclude_gpu)
{
	struct fitctx c = { .d = d, .exclude = exclude_gpu, .base = *start };
	double x[NFIT];

	for (size_t i = 0; i < NFIT; i++)
		x[i] = log(fmax(*slot(&c.base, i), 1e-6));
	/* restarts from the best point shake the simplex out of flat spots */
	for (int round = 0; round < 4; round++)
		gpuadv__nelder_mead(loss, &c, x, NFIT, round % 2 ? 0.2 : 0.5, 1500);
	unpack(out, &c, x);
}

static bool match(const struct gpuadv__llm_row *r, const char *gpu, unsigned count,
		  const char *set)
{
	return r->fits && (!gpu || strcmp(r->gpu, gpu) == 0) &&
	       (!count || r->count == count) &&
	       (!set || strncmp(r->set, set, strlen(set)) == 0);
}

static struct gpuadv__llm_score score(double *e, size_t n)
{
	struct gpuadv__llm_score s = { .median = NAN, .worst = NAN, .n = n };

	for (size_t i = 0; i < n; i++)
		if (i == 0 || e[i] > s.worst)
			s.worst = e[i];
	s.median = gpuadv__median(e, n);
	return s;
}

struct gpuadv__llm_score gpuadv__llm_evaluate(const struct gpuadv__llm_data *d,
					      const struct gpuadv_llm_params *p,
					      int which, const char *gpu,
					      unsigned count, const char *set)
{
	double *e = malloc((d->n + 1) * sizeof(double));
	size_t n = 0;
	struct gpuadv__llm_score s = { NAN, NAN, 0 };

	if (!e)
		return s;
	for (size_t i = 0; i < d->n; i++) {
		const struct gpuadv__llm_row *r = &d->rows[i];
		double tg, pp, meas, pred;
		if (!match(r, gpu, count, set))
			continue;
		gpuadv__llm_predict(r, p, &tg, &pp);
		meas = which ? r->pp : r->tg;
		pred = which ? pp : tg;
		if (isfinite(meas) && isfinite(pred))
			e[n++] = fabs(pred - meas) / meas;
	}
	s = score(e, n);
	free(e);
	return s;
}

struct gpuadv__llm_score gpuadv__llm_crossval(const struct gpuadv__llm_data *d,
					      const struct gpuadv_llm_params *start,
					      const char *set)
{
	double *e = malloc((d->n + 1) * sizeof(double));
	size_t n = 0;
	struct gpuadv__llm_score s = { NAN, NAN, 0 };

	if (!e)
		return s;
	for (const struct gpu_map *gm = gpus; gm->name; gm++) {
		struct gpuadv_llm_params p;
		bool any = false;
		for (size_t i = 0; i < d->n && !any; i++)
			any = strcmp(d->rows[i].gpu, gm->name) == 0;
		if (!any)
			continue;
		gpuadv__llm_fit(&p, start, d, gm->name);
		for (size_t i = 0; i < d->n; i++) {
			const struct gpuadv__llm_row *r = &d->rows[i];
			double tg, pp;
			if (!match(r, gm->name, 0, set) || !isfinite(r->tg))
				continue;
			gpuadv__llm_predict(r, &p, &tg, &pp);
			if (isfinite(tg))
				e[n++] = fabs(tg - r->tg) / r->tg;
		}
	}
	s = score(e, n);
	free(e);
	return s;
}
