/*
 * scaling_fit.c - calibration of the data-parallel scaling model on Lambda's
 * 1/2/4-GPU PyTorch runs: pairing, fit, leave-one-machine-out scores.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "model/llm_fit.h"
#include "model/scaling_fit.h"

/* Machines with runs on several GPUs. Links, one direction per GPU:
 * NVLink = the catalogue's nvlink_gbs / 2 (V100 SXM2 300, A100 SXM4 600,
 * H100 SXM5 900 GB/s in total); PCIe 4.0 x16 32 GB/s, 5.0 64 GB/s. The
 * V100 cloud machines are SXM2 with NVLink (Lambda Cloud's 8x V100). */
static const struct machine {
	const char *family;
	int memory_class; /* index into batch[][] */
	double link_gbs;
	bool nvlink;
} machines[] = {
	{ "LambdaCloud V100 16GB", 0, 150, true },
	{ "RTX 3090", 1, 32, false },
	{ "RTX 4090", 1, 32, false },
	{ "RTX A6000", 2, 32, false },
	{ "A100 80GB PCIe", 3, 32, false },
	{ "A100 80GB SXM4", 3, 300, true },
	{ "H100 80GB PCIe Gen5", 3, 64, false },
	{ "H100 80GB SXM5", 3, 450, true },
	{ NULL, 0, 0, false },
};

/* Per-network figures. Parameters: ResNet-50 25.6M (He et al. 2016),
 * BERT-large 335M (Devlin et al. 2019), GNMT 160M (NVIDIA
 * DeepLearningExamples GNMT v2 README), Transformer-XL base 151M (Dai et
 * al. 2019, Table 1, WT103). Gradients all-reduced in FP32 (4 bytes) under
 * AMP as under FP32. Units per sample turn Lambda's throughput units into
 * samples: tokens per sequence for GNMT (about 55, source plus target, an
 * assumption) and Transformer-XL (tgt_len 192). Per-GPU batch sizes:
 * github.com/lambdal/deeplearning-benchmark@08d77c41 pytorch/
 * pytorch-train-bs-fp16.csv and -fp32.csv, by memory (16, 24, 48, 80 GB). */
static const struct network {
	const char *name;
	double params, units;
	double batch[2][4]; /* [fp16, fp32][memory class] */
} networks[] = {
	{ "resnet50", 25.6e6, 1, { { 256, 448, 928, 1280 }, { 128, 224, 496, 640 } } },
	{ "bert_large_squad", 335e6, 1, { { 16, 28, 64, 112 }, { 8, 16, 32, 64 } } },
	{ "gnmt", 160e6, 55, { { 256, 464, 968, 1520 }, { 128, 288, 576, 1024 } } },
	{ "transformerxlbase", 151e6, 192, { { 12, 24, 64, 104 }, { 8, 14, 32, 52 } } },
	{ NULL, 0, 0, { { 0 } } },
};

struct raw {
	char config[48], network[24], precision[8];
	unsigned n;
	double tput;
};

/* "2x RTX 3090" -> "RTX 3090"; "LambdaCloud 4xV100 16GB" ->
 * "LambdaCloud V100 16GB". */
static void family_of(char *out, size_t size, const char *config)
{
	const char *prefix = "";
	const char *s = config;

	if (strncmp(s, "LambdaCloud ", 12) == 0) {
		prefix = "LambdaCloud ";
		s += 12;
	}
	if (s[0] >= '0' && s[0] <= '9' && s[1] == 'x')
		s += s[2] == ' ' ? 3 : 2;
	snprintf(out, size, "%s%s", prefix, s);
}

int gpuadv__scaling_data_load(struct gpuadv__scaling_data *d, const char *path,
			      struct gpuadv_error *err)
{
	char line[1024];
	struct raw *raw = NULL;
	size_t nraw = 0, cap = 0;
	int rc = 0;
	FILE *fp = fopen(path, "r");

	if (!fp)
		return gpuadv_error_set(err, GPUADV_ENOINPUT, "cannot open '%s'", path);
	while (fgets(line, sizeof(line), fp)) {
		struct raw r;
		char *f[4];
		if (line[0] == '#' || strncmp(line, "set,", 4) == 0)
			continue;
		/* set,config,num_gpus,model,precision,throughput,source */
		f[0] = strchr(line, ',');
		f[1] = f[0] ? strchr(f[0] + 1, ',') : NULL;
		if (!f[1] || sscanf(f[1] + 1, "%u,%23[^,],%7[^,],%lf", &r.n, r.network,
				    r.precision, &r.tput) != 4) {
			rc = gpuadv_error_set(err, GPUADV_EDATA, "%s: bad line '%.40s'", path, line);
			goto done;
		}
		snprintf(r.config, sizeof(r.config), "%.*s", (int)(f[1] - f[0] - 1), f[0] + 1);
		if (nraw == cap) {
			struct raw *p = realloc(raw, (cap = cap ? 2 * cap : 256) * sizeof(*p));
			if (!p) {
				rc = gpuadv_error_set(err, GPUADV_ENOMEM, "out of memory");
				goto done;
			}
			raw = p;
		}
		raw[nraw++] = r;
	}
	d->pts = calloc(nraw + 1, sizeof(*d->pts));
	if (!d->pts) {
		rc = gpuadv_error_set(err, GPUADV_ENOMEM, "out of memory");
		goto done;
	}
	for (size_t i = 0; i < nraw; i++) {
		char fam[40];
		const struct machine *m;
		const struct network *w;
		const struct raw *one = NULL;
		if (raw[i].n < 2)
			continue;
		family_of(fam, sizeof(fam), raw[i].config);
		for (m = machines; m->family && strcmp(m->family, fam) != 0; m++)
			;
		for (w = networks; w->name && strcmp(w->name, raw[i].network) != 0; w++)
			;
		for (size_t j = 0; j < nraw && !one; j++)
			if (raw[j].n == 1 && strcmp(raw[j].config, fam) == 0 &&
			    strcmp(raw[j].network, raw[i].network) == 0 &&
			    strcmp(raw[j].precision, raw[i].precision) == 0)
				one = &raw[j];
		if (!m->family || !w->name || !one)
			continue;
		struct gpuadv__scaling_point *p = &d->pts[d->n++];
		snprintf(p->family, sizeof(p->family), "%s", fam);
		snprintf(p->network, sizeof(p->network), "%s", w->name);
		snprintf(p->precision, sizeof(p->precision), "%s", raw[i].precision);
		p->in.gpus = raw[i].n;
		p->in.link_gbs = m->link_gbs;
		p->in.nvlink = m->nvlink;
		p->in.grad_bytes = 4 * w->params;
		p->in.step_seconds = w->batch[strcmp(raw[i].precision, "fp16") != 0]
					     [m->memory_class] *
				     w->units / one->tput;
		p->measured = raw[i].tput / (raw[i].n * one->tput);
	}
done:
	free(raw);
	fclose(fp);
	return rc;
}

void gpuadv__scaling_data_release(struct gpuadv__scaling_data *d)
{
	free(d->pts);
	memset(d, 0, sizeof(*d));
}

struct fitctx {
	const struct gpuadv__scaling_data *d;
	const char *exclude;
};

static void unpack(struct gpuadv_scaling_params *p, const double *x)
{
	p->eta_nvlink = 1 / (1 + exp(-x[0]));
	p->eta_pcie = 1 / (1 + exp(-x[1]));
	p->latency_ms = exp(x[2]);
	/* overlap and the link efficiencies only act as their ratio: fold
	 * the overlap into the efficiencies (fitted "exposed" bandwidth) */
	p->overlap = 0;
}

static double loss(const double *x, void *vc)
{
	const struct fitctx *c = vc;
	struct gpuadv_scaling_params p;
	double sum = 0;

	unpack(&p, x);
	for (size_t i = 0; i < c->d->n; i++) {
		const struct gpuadv__scaling_point *pt = &c->d->pts[i];
		double e;
		if (c->exclude && strcmp(pt->family, c->exclude) == 0)
			continue;
		if (gpuadv_scaling_efficiency(&e, &pt->in, &p, NULL) == 0)
			sum += pow(log(e / pt->measured), 2);
	}
	return sum;
}

void gpuadv__scaling_fit(struct gpuadv_scaling_params *out,
			 const struct gpuadv__scaling_data *d, const char *exclude)
{
	struct fitctx c = { d, exclude };
	double x[3] = { 0, 0, 0 };

	for (int round = 0; round < 4; round++)
		gpuadv__nelder_mead(loss, &c, x, 3, round % 2 ? 0.3 : 1, 800);
	unpack(out, x);
}

static struct gpuadv__scaling_score finish(double *e, size_t n)
{
	struct gpuadv__scaling_score s = { NAN, NAN, n };

	for (size_t i = 0; i < n; i++)
		if (i == 0 || e[i] > s.worst)
			s.worst = e[i];
	s.median = gpuadv__median(e, n);
	return s;
}

struct gpuadv__scaling_score gpuadv__scaling_evaluate(const struct gpuadv__scaling_data *d,
						      const struct gpuadv_scaling_params *p,
						      const char *family, unsigned count)
{
	double *e = malloc((d->n + 1) * sizeof(double));
	size_t n = 0;
	struct gpuadv__scaling_score s = { NAN, NAN, 0 };

	if (!e)
		return s;
	for (size_t i = 0; i < d->n; i++) {
		const struct gpuadv__scaling_point *pt = &d->pts[i];
		double eff = 1;
		if ((family && strcmp(pt->family, family) != 0) ||
		    (count && pt->in.gpus != count))
			continue;
		if (p && gpuadv_scaling_efficiency(&eff, &pt->in, p, NULL) != 0)
			continue;
		e[n++] = fabs(eff - pt->measured) / pt->measured;
	}
	s = finish(e, n);
	free(e);
	return s;
}

struct gpuadv__scaling_score gpuadv__scaling_crossval(const struct gpuadv__scaling_data *d)
{
	double *e = malloc((d->n + 1) * sizeof(double));
	size_t n = 0;
	struct gpuadv__scaling_score s = { NAN, NAN, 0 };

	if (!e)
		return s;
	for (const struct machine *m = machines; m->family; m++) {
		struct gpuadv_scaling_params p;
		gpuadv__scaling_fit(&p, d, m->family);
		for (size_t i = 0; i < d->n; i++) {
			const struct gpuadv__scaling_point *pt = &d->pts[i];
			double eff;
			if (strcmp(pt->family, m->family) != 0 ||
			    gpuadv_scaling_efficiency(&eff, &pt->in, &p, NULL) != 0)
				continue;
			e[n++] = fabs(eff - pt->measured) / pt->measured;
		}
	}
	s = finish(e, n);
	free(e);
	return s;
}

void gpuadv__scaling_report(FILE *out, const struct gpuadv__scaling_data *d)
{
	struct gpuadv_scaling_params p;
	struct gpuadv__scaling_score all, cv, base;

	gpuadv__scaling_fit(&p, d, NULL);
	all = gpuadv__scaling_evaluate(d, &p, NULL, 0);
	base = gpuadv__scaling_evaluate(d, NULL, NULL, 0);
	cv = gpuadv__scaling_crossval(d);
	fprintf(out, "\n## Scaling parameters (%zu points)\n\neta_nvlink %.3f\neta_pcie %.3f\n"
		"latency_ms %.5f\noverlap %.3f\n\n",
		d->n, p.eta_nvlink, p.eta_pcie, p.latency_ms, p.overlap);
	fprintf(out, "fit: median %.1f%% worst %.1f%%; leave-one-machine-out: median %.1f%% "
		"worst %.1f%%; perfect scaling (1.0): median %.1f%% worst %.1f%%\n",
		100 * all.median, 100 * all.worst, 100 * cv.median, 100 * cv.worst,
		100 * base.median, 100 * base.worst);
	fprintf(out, "\n| machine | GPUs | points | median error | worst error | "
		"measured efficiency (median) |\n| --- | ---: | ---: | ---: | ---: | ---: |\n");
	for (const struct machine *m = machines; m->family; m++)
		for (unsigned n = 2; n <= 4; n += 2) {
			struct gpuadv__scaling_score s = gpuadv__scaling_evaluate(d, &p, m->family, n);
			double meas[16];
			size_t k = 0;
			if (s.n == 0)
				continue;
			for (size_t i = 0; i < d->n && k < 16; i++)
				if (strcmp(d->pts[i].family, m->family) == 0 &&
				    d->pts[i].in.gpus == n)
					meas[k++] = d->pts[i].measured;
			fprintf(out, "| %s | %u | %zu | %.1f%% | %.1f%% | %.2f |\n", m->family, n,
				s.n, 100 * s.median, 100 * s.worst, gpuadv__median(meas, k));
		}
}
