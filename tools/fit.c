/*
 * fit.c - gpu-advisor-fit: refit the performance model's shared parameters
 * to the catalogue's training benchmarks and report how well it predicts.
 *
 * Usage: gpu-advisor-fit CATALOG.yaml [SECOND-CHECK.csv]
 *
 * Prints the `model:` mapping for each training workload (the same fitted
 * parameters; error_pct, the band, is each workload's cross-validated
 * error), then Markdown tables: per workload in sample, leaving out each
 * GPU, each network, or both, beside two baselines; per card; per
 * precision; and, given a CSV of other public measurements
 * (tests/fixtures/training_nvidia_dle.csv), the second check. The fit is
 * deterministic: the same input gives the same output.
 *
 * With GPU_ADVISOR_FIT_POINTS=FILE it also writes every point with its
 * prediction in each mode, as CSV, for reading residuals.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gpu_advisor/catalog.h"
#include "gpu_advisor/error.h"
#include "gpu_advisor/model.h"

#define MODES 8
static const char *const mode_name[MODES] = { "fit", "leave GPU out", "leave network out",
					       "leave both out", "bandwidth", "Tensor",
					       "GPU out + siblings", "both out + siblings" };

struct table {
	struct gpuadv_fit_point *pts;
	size_t n;
	const struct gpuadv_workload **wl; /* each point's workload */
	double *pred[MODES];
};

static int read_file(char **out, size_t *len, const char *path)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	size_t n;
	int rc = -1;

	if (!f) {
		perror(path);
		return -1;
	}
	buf = malloc(GPUADV_CATALOG_MAX_BYTES + 1);
	if (!buf)
		goto done;
	n = fread(buf, 1, GPUADV_CATALOG_MAX_BYTES, f);
	if (ferror(f))
		goto done;
	buf[n] = '\0';
	*out = buf;
	*len = n;
	buf = NULL;
	rc = 0;
done:
	free(buf);
	fclose(f);
	return rc;
}

static double *select_pred(const struct table *t, const double *pred, const void *key,
			   int by)
{
	double *sel = malloc((t->n + 1) * sizeof(*sel));
	size_t i;

	for (i = 0; sel && i < t->n; i++) {
		bool keep = by == 0 ? (const void *)t->wl[i] == key
			  : by == 1 ? (const void *)t->pts[i].gpu == key
			  : by == 2 ? *(const enum gpuadv_precision *)key == t->pts[i].precision
				    : true;

		sel[i] = keep ? pred[i] : NAN;
	}
	return sel;
}

static struct gpuadv_model_accuracy score(const struct table *t, const double *pred,
					  const void *key, int by)
{
	struct gpuadv_model_accuracy a;
	double *sel = select_pred(t, pred, key, by);

	memset(&a, 0, sizeof(a));
	a.median_error = a.spearman = NAN;
	if (sel)
		gpuadv_model_score(&a, t->pts, sel, t->n);
	free(sel);
	return a;
}

/* Every point and its prediction in each mode, as CSV. */
static int write_points(const struct table *t, const char *path)
{
	FILE *f = fopen(path, "w");
	size_t i;
	int mo;

	if (!f) {
		perror(path);
		return -1;
	}
	fprintf(f, "gpu,set,network,precision,measured");
	for (mo = 0; mo < MODES; mo++)
		fprintf(f, ",%s", mode_name[mo]);
	fprintf(f, "\n");
	for (i = 0; i < t->n; i++) {
		fprintf(f, "%s,%s,%s,%s,%.6g", t->pts[i].gpu->id, t->pts[i].set, t->pts[i].network,
			gpuadv_precision_name(t->pts[i].precision), t->pts[i].throughput);
		for (mo = 0; mo < MODES; mo++)
			fprintf(f, ",%.6g", t->pred[mo][i]);
		fprintf(f, "\n");
	}
	if (fclose(f)) {
		perror(path);
		return -1;
	}
	return 0;
}

static void print_model(const char *id, const struct gpuadv_model *m, const char *why)
{
	int i;

	printf("# %s: %s\n%s:\n  model: {", id, why, id);
	for (i = 0; gpuadv_model_params[i].key; i++)
		printf("%s%s: %.4g", i ? ", " : "", gpuadv_model_params[i].key, m->p[i]);
	printf("}\n");
}

/* The second check: other public measurements, predicted by the fitted
 * parameters (nothing of them was fitted). */
static int second_check(const struct gpuadv_catalog *cat, const struct gpuadv_model *m,
			const char *path)
{
	char *data = NULL;
	struct gpuadv_fit_point pts[256];
	double pred[256];
	struct gpuadv_model_accuracy a;
	struct gpuadv_error err;
	size_t len, n, i;

	gpuadv_error_clear(&err);
	if (read_file(&data, &len, path))
		return -1;
	if (gpuadv_model_points_parse(pts, sizeof(pts) / sizeof(pts[0]), &n, data, cat, path,
				    &err)) {
		char msg[GPUADV_ERROR_MSG_MAX + GPUADV_ERROR_FILE_MAX + 64];

		gpuadv_error_format(msg, sizeof(msg), &err);
		fprintf(stderr, "gpu-advisor-fit: %s\n", msg);
		free(data);
		return -1;
	}
	if (gpuadv_model_predict(pred, m, pts, n, GPUADV_CV_IN_SAMPLE, &err)) {
		fprintf(stderr, "gpu-advisor-fit: %s: cannot predict the check: %s\n", path,
			err.message);
		free(data);
		return -1;
	}
	if (gpuadv_model_score(&a, pts, pred, n)) {
		fprintf(stderr, "gpu-advisor-fit: %s: out of memory scoring the check\n", path);
		free(data);
		return -1;
	}
	printf("\nSecond check (%s, %zu points; each set's two or three cards scaled to their"
	       " geometric mean):\n\n| set | GPU | network | precision | measured | predicted | error |\n"
	       "| --- | --- | --- | --- | ---: | ---: | ---: |\n", path, n);
	for (i = 0; i < n; i++)
		printf("| %s | %s | %s | %s | %.6g | %.6g | %+.1f%% |\n", pts[i].set, pts[i].gpu->id,
		       pts[i].network, gpuadv_precision_name(pts[i].precision), pts[i].throughput,
		       pred[i], 100 * (pred[i] / pts[i].throughput - 1));
	printf("\nSecond check: median error %.1f%%, Spearman %.3f over %zu points.\n",
	       100 * a.median_error, a.spearman, a.points);
	free(data);
	return 0;
}

static int run(const struct gpuadv_catalog *cat, const char *check)
{
	static const enum gpuadv_cv modes[MODES] = { GPUADV_CV_IN_SAMPLE, GPUADV_CV_GPU,
						     GPUADV_CV_NETWORK, GPUADV_CV_BOTH,
						     GPUADV_CV_BANDWIDTH, GPUADV_CV_TENSOR,
						     GPUADV_CV_GPU_SIBLINGS,
						     GPUADV_CV_BOTH_SIBLINGS };
	static const enum gpuadv_precision precs[] = { GPUADV_FP16, GPUADV_FP32 };
	struct table t;
	struct gpuadv_model fit;
	struct gpuadv_error err;
	struct gpuadv_model_accuracy a;
	size_t i, j, k;
	int rc = 1, mo;

	memset(&t, 0, sizeof(t));
	t.pts = calloc(cat->benchmark_count + 1, sizeof(*t.pts));
	t.wl = calloc(cat->benchmark_count + 1, sizeof(*t.wl));
	for (mo = 0; mo < MODES; mo++)
		t.pred[mo] = calloc(cat->benchmark_count + 1, sizeof(double));
	if (!t.pts || !t.wl || !t.pred[MODES - 1]) {
		fprintf(stderr, "out of memory\n");
		goto done;
	}
	for (i = 0; i < cat->benchmark_count; i++) {
		const struct gpuadv_benchmark *b = &cat->benchmarks[i];

		if (b->task != GPUADV_TRAIN)
			continue;
		t.wl[t.n] = b->workload;
		t.pts[t.n++] = (struct gpuadv_fit_point){ b->gpu, b->set, b->software, b->network,
							  b->precision, b->throughput,
							  isnan(b->batch_size) ? 0 : b->batch_size };
	}
	if (gpuadv_model_fit(&fit, t.pts, t.n, &err)) {
		fprintf(stderr, "fit: %s\n", err.message);
		goto done;
	}
	for (mo = 0; mo < MODES; mo++) {
		if (gpuadv_model_predict(t.pred[mo], &fit, t.pts, t.n, modes[mo], &err)) {
			fprintf(stderr, "%s: %s\n", mode_name[mo], err.message);
			goto done;
		}
	}

	if (getenv("GPU_ADVISOR_FIT_POINTS") && write_points(&t, getenv("GPU_ADVISOR_FIT_POINTS")))
		goto done;
	printf("# Paste into data/catalog.yaml, workloads[].model (error_pct: the larger of\n"
	       "# the leave-GPU-out and leave-network-out median errors, rounded up)\n");
	for (i = 0; i < cat->workload_count; i++) {
		const struct gpuadv_workload *w = &cat->workloads[i];
		struct gpuadv_model m = fit;
		double e1, e2;

		if (w->task != GPUADV_TRAIN)
			continue;
		e1 = score(&t, t.pred[1], w, 0).median_error;
		e2 = score(&t, t.pred[2], w, 0).median_error;
		if (isnan(e1)) /* no benchmarks: the overall figures */
			e1 = score(&t, t.pred[1], NULL, 3).median_error,
			e2 = score(&t, t.pred[2], NULL, 3).median_error;
		m.p[GPUADV_MP_ERROR_PCT] = ceil(100 * fmax(e1, e2));
		print_model(w->id, &m, "fitted to every training benchmark");
	}

	printf("\n| workload | points |");
	for (mo = 0; mo < MODES; mo++)
		printf(" %s err / rho |", mode_name[mo]);
	printf("\n| --- | ---: |");
	for (mo = 0; mo < MODES; mo++)
		printf(" ---: |");
	printf("\n");
	for (i = 0; i <= cat->workload_count; i++) {
		const struct gpuadv_workload *w = i < cat->workload_count ? &cat->workloads[i] : NULL;

		if (w && !score(&t, t.pred[0], w, 0).points)
			continue;
		printf("| %s | %zu |", w ? w->id : "all", score(&t, t.pred[0], w, w ? 0 : 3).points);
		for (mo = 0; mo < MODES; mo++) {
			a = score(&t, t.pred[mo], w, w ? 0 : 3);
			printf(" %.1f%% / %.3f |", 100 * a.median_error, a.spearman);
		}
		printf("\n");
	}

	printf("\n| precision | points | fit err | leave GPU out err | leave network out err |\n"
	       "| --- | ---: | ---: | ---: | ---: |\n");
	for (k = 0; k < sizeof(precs) / sizeof(precs[0]); k++)
		printf("| %s | %zu | %.1f%% | %.1f%% | %.1f%% |\n", gpuadv_precision_name(precs[k]),
		       score(&t, t.pred[0], &precs[k], 2).points,
		       100 * score(&t, t.pred[0], &precs[k], 2).median_error,
		       100 * score(&t, t.pred[1], &precs[k], 2).median_error,
		       100 * score(&t, t.pred[2], &precs[k], 2).median_error);

	printf("\nPer card, leaving the card out (median and worst error of its results;"
	       " then the median once moved by its measured siblings, as the engine moves a"
	       " card with no results):\n\n"
	       "| GPU | points | median | worst | with siblings |\n"
	       "| --- | ---: | ---: | ---: | ---: |\n");
	for (i = 0; i < cat->gpu_count; i++) {
		const struct gpuadv_gpu *g = &cat->gpus[i];
		double worst = 0;

		a = score(&t, t.pred[1], g, 1);
		if (!a.points)
			continue;
		for (j = 0; j < t.n; j++)
			if (t.pts[j].gpu == g && !isnan(t.pred[1][j]))
				worst = fmax(worst, fabs(t.pred[1][j] / t.pts[j].throughput - 1));
		printf("| %s | %zu | %.1f%% | %.1f%% | %.1f%% |\n", g->id, a.points,
		       100 * a.median_error, 100 * worst,
		       100 * score(&t, t.pred[6], g, 1).median_error);
	}
	printf("\nerr: median absolute percentage error; rho: Spearman rank correlation"
	       " of group-normalised values (docs/performance-model.md).\n");
	if (check && second_check(cat, &fit, check))
		goto done; /* second_check said why */
	rc = 0;
done:
	free(t.pts);
	free(t.wl);
	for (mo = 0; mo < MODES; mo++)
		free(t.pred[mo]);
	return rc;
}

int main(int argc, char **argv)
{
	struct gpuadv_catalog cat;
	struct gpuadv_error err;
	char *data = NULL, msg[GPUADV_ERROR_MSG_MAX + GPUADV_ERROR_FILE_MAX + 64];
	size_t len;
	int rc = 1;

	if (argc != 2 && argc != 3) {
		fprintf(stderr, "usage: gpu-advisor-fit CATALOG.yaml [SECOND-CHECK.csv]\n");
		return 64;
	}
	if (read_file(&data, &len, argv[1]))
		return 66;
	memset(&cat, 0, sizeof(cat));
	if (gpuadv_catalog_load(&cat, data, len, argv[1], &err)) {
		gpuadv_error_format(msg, sizeof(msg), &err);
		fprintf(stderr, "%s\n", msg);
		rc = 65;
		goto done;
	}
	rc = run(&cat, argc == 3 ? argv[2] : NULL);
	gpuadv_catalog_release(&cat);
done:
	free(data);
	return rc;
}
