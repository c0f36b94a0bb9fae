/*
 * fit.c - gpu-advisor-fit: refit the performance model's per-workload
 * parameters to the catalogue's benchmarks and report their accuracy.
 *
 * Usage: gpu-advisor-fit CATALOG.yaml
 *
 * Prints the `model:` mapping for each workload, ready to paste into the
 * catalogue, then a Markdown table of accuracy (on the benchmarks and in
 * leave-one-GPU-out cross-validation) beside three baselines. The fit is
 * deterministic: the same catalogue gives the same output.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gpu_advisor/catalog.h"
#include "gpu_advisor/error.h"
#include "gpu_advisor/model.h"

/* Workloads without benchmarks of their own that take another's fitted
 * parameters (docs/performance-model.md says why). */
static const char *const borrow[][2] = {
	{ "gan", "cnn" },
	{ "rnn", "lstm" },
};

struct result {
	const struct gpuadv_workload *w;
	size_t n;
	bool fitted;
	struct gpuadv_model fit;
	struct gpuadv_model_accuracy shipped, fitacc, cv, bw, tensor, mix;
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
	n = fread(buf, 1, GPUADV_CATALOG_MAX_BYTES + 1, f);
	if (ferror(f) || n > GPUADV_CATALOG_MAX_BYTES) {
		fprintf(stderr, "%s: unreadable or over %u bytes\n", path,
			GPUADV_CATALOG_MAX_BYTES);
		goto done;
	}
	*out = buf;
	*len = n;
	buf = NULL;
	rc = 0;
done:
	free(buf);
	fclose(f);
	return rc;
}

/* The benchmarks of workload w as fit points; returns how many. */
static size_t gather(struct gpuadv_fit_point *pts, const struct gpuadv_catalog *cat,
		     const struct gpuadv_workload *w)
{
	size_t i, n = 0;

	for (i = 0; i < cat->benchmark_count; i++) {
		const struct gpuadv_benchmark *b = &cat->benchmarks[i];

		if (b->workload != w)
			continue;
		pts[n++] = (struct gpuadv_fit_point){ b->gpu, b->set, b->network,
						      b->precision, b->throughput };
	}
	return n;
}

static void print_model(const char *id, const struct gpuadv_model *m, const char *why)
{
	int i;

	printf("# %s: %s\n%s:\n  model:\n", id, why, id);
	for (i = 0; gpuadv_model_params[i].key; i++)
		printf("    %s: %.4f\n", gpuadv_model_params[i].key, m->p[i]);
}

static void cell(const struct gpuadv_model_accuracy *a)
{
	printf(" %.1f%% | %.3f |", 100 * a->median_error, a->spearman);
}

static int run(const struct gpuadv_catalog *cat)
{
	struct gpuadv_fit_point *pts = NULL, *all = NULL;
	struct result *res = NULL;
	struct gpuadv_model mix, bw, tensor;
	struct gpuadv_error err;
	size_t i, j, n_all;
	int rc = 1;

	pts = calloc(cat->benchmark_count + 1, sizeof(*pts));
	all = calloc(cat->benchmark_count + 1, sizeof(*all));
	res = calloc(cat->workload_count + 1, sizeof(*res));
	if (!pts || !all || !res) {
		fprintf(stderr, "out of memory\n");
		goto done;
	}
	for (i = 0, n_all = 0; i < cat->benchmark_count; i++) {
		const struct gpuadv_benchmark *b = &cat->benchmarks[i];

		all[n_all++] = (struct gpuadv_fit_point){ b->gpu, b->set, b->network,
							  b->precision, b->throughput };
	}
	gpuadv_model_bandwidth_only(&bw);
	gpuadv_model_tensor_only(&tensor);
	if (gpuadv_model_fit_mix(&mix, all, n_all, &err)) {
		fprintf(stderr, "fixed-mix baseline: %s\n", err.message);
		goto done;
	}

	for (i = 0; i < cat->workload_count; i++) {
		struct result *r = &res[i];

		r->w = &cat->workloads[i];
		r->n = gather(pts, cat, r->w);
		if (!r->n)
			continue;
		if (gpuadv_model_fit(&r->fit, pts, r->n, &err) ||
		    gpuadv_model_evaluate(&r->fitacc, &r->fit, pts, r->n, &err) ||
		    gpuadv_model_crossval(&r->cv, pts, r->n, &err) ||
		    gpuadv_model_evaluate(&r->shipped, &r->w->model, pts, r->n, &err) ||
		    gpuadv_model_evaluate(&r->bw, &bw, pts, r->n, &err) ||
		    gpuadv_model_evaluate(&r->tensor, &tensor, pts, r->n, &err) ||
		    gpuadv_model_evaluate(&r->mix, &mix, pts, r->n, &err)) {
			fprintf(stderr, "%s: %s\n", r->w->id, err.message);
			goto done;
		}
		r->fitted = true;
	}

	printf("# Paste into data/catalog.yaml, workloads[].model\n");
	for (i = 0; i < cat->workload_count; i++) {
		const struct result *r = &res[i];
		char why[128];

		if (r->fitted) {
			snprintf(why, sizeof(why), "fitted to %zu benchmarks", r->n);
			print_model(r->w->id, &r->fit, why);
			continue;
		}
		for (j = 0; j < sizeof(borrow) / sizeof(borrow[0]); j++) {
			const struct gpuadv_workload *src =
				gpuadv_catalog_find_workload(cat, borrow[j][1]);

			if (strcmp(r->w->id, borrow[j][0]) || !src)
				continue;
			snprintf(why, sizeof(why), "no benchmarks; %s's parameters",
				 src->id);
			print_model(r->w->id, res[src - cat->workloads].fitted ?
				    &res[src - cat->workloads].fit : &src->model, why);
			break;
		}
		if (j == sizeof(borrow) / sizeof(borrow[0]))
			print_model(r->w->id, &r->w->model,
				    "no benchmarks; not fitted, catalogue parameters kept");
	}

	printf("\nFixed-mix baseline: w_tensor %.3f, w_memory %.3f, fitted to all %zu benchmarks.\n\n",
	       mix.p[GPUADV_MP_W_TENSOR], mix.p[GPUADV_MP_W_MEMORY], n_all);
	printf("| workload | points | catalogue err | catalogue rho | refit err | refit rho |"
	       " CV err | CV rho | bandwidth err | bandwidth rho | Tensor err | Tensor rho |"
	       " fixed mix err | fixed mix rho |\n");
	printf("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
	       " ---: | ---: | ---: | ---: |\n");
	for (i = 0; i < cat->workload_count; i++) {
		const struct result *r = &res[i];

		if (!r->fitted)
			continue;
		printf("| %s | %zu |", r->w->id, r->shipped.points);
		cell(&r->shipped);
		cell(&r->fitacc);
		cell(&r->cv);
		cell(&r->bw);
		cell(&r->tensor);
		cell(&r->mix);
		printf("\n");
	}
	printf("\nerr: median absolute percentage error; rho: Spearman rank correlation"
	       " of group-normalised values (docs/performance-model.md).\n");
	rc = 0;
done:
	free(pts);
	free(all);
	free(res);
	return rc;
}

int main(int argc, char **argv)
{
	struct gpuadv_catalog cat;
	struct gpuadv_error err;
	char *data = NULL, msg[GPUADV_ERROR_MSG_MAX + GPUADV_ERROR_FILE_MAX + 64];
	size_t len;
	int rc = 1;

	if (argc != 2) {
		fprintf(stderr, "usage: gpu-advisor-fit CATALOG.yaml\n");
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
	rc = run(&cat);
	gpuadv_catalog_release(&cat);
done:
	free(data);
	return rc;
}
