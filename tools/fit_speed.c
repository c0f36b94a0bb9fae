/*
 * fit_speed.c - gpu-advisor-fit-speed: refit the LLM inference speed model
 * and the multi-GPU scaling model to the measurements in a fixtures folder
 * and print their parameters and accuracy tables (Markdown) for
 * docs/performance-model.md.
 *
 * Usage: gpu-advisor-fit-speed FIXTURES_DIR
 *
 * Reads FIXTURES_DIR/llm_inference_llamacpp.csv,
 * FIXTURES_DIR/llm_inference_llamacpp_llama3.csv and
 * FIXTURES_DIR/measured_multigpu.csv; GPU figures come from the compiled-in
 * catalogue. Deterministic: the same files give the same output.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "gpu_advisor/catalog.h"
#include "gpu_advisor/error.h"
#include "gpu_advisor/llm_speed.h"
#include "gpu_advisor/scaling.h"
#include "model/llm_fit.h"
#include "model/scaling_fit.h"

static void print_params(const struct gpuadv_llm_params *p)
{
	printf("eta_bw_plain %.3f\neta_bw_quant %.3f\nkv_factor %.2f\nlayer_us %.1f\n"
	       "legacy_layer_us %.1f\nhop_us %.1f\nrow_sync_us %.1f\nrow_sync_gpu_us %.1f\n"
	       "eta_tensor_plain %.3f\neta_tensor_quant %.3f\nprefill_fp32 %.4f\n"
	       "row_prefill_ns %.2f\n",
	       p->eta_bw_plain, p->eta_bw_quant, p->kv_factor, p->layer_us, p->legacy_layer_us,
	       p->hop_us,
	       p->row_sync_us, p->row_sync_gpu_us, p->eta_tensor_plain,
	       p->eta_tensor_quant, p->prefill_fp32, p->row_prefill_ns);
}

static void pct(double v)
{
	if (isfinite(v))
		printf(" %.1f%% |", 100 * v);
	else
		printf(" - |");
}

static void llm_tables(const struct gpuadv__llm_data *d, const struct gpuadv_llm_params *p,
		       const char *set, const char *title)
{
	printf("\n%s\n\n| GPU | count | rows | decode median | decode worst | "
	       "prefill median | prefill worst |\n| --- | ---: | ---: | ---: | ---: | ---: | ---: |\n",
	       title);
	for (size_t i = 0; i < d->n; i++) {
		const struct gpuadv__llm_row *r = &d->rows[i];
		bool seen = false;
		if (strncmp(r->set, set, strlen(set)) != 0 || !r->fits)
			continue;
		for (size_t j = 0; j < i && !seen; j++)
			seen = d->rows[j].fits && d->rows[j].count == r->count &&
			       strcmp(d->rows[j].gpu, r->gpu) == 0 &&
			       strncmp(d->rows[j].set, set, strlen(set)) == 0;
		if (seen)
			continue;
		struct gpuadv__llm_score tg = gpuadv__llm_evaluate(d, p, 0, r->gpu, r->count, set);
		struct gpuadv__llm_score pp = gpuadv__llm_evaluate(d, p, 1, r->gpu, r->count, set);
		printf("| %s | %u | %zu |", r->gpu, r->count, tg.n);
		pct(tg.median);
		pct(tg.worst);
		pct(pp.median);
		pct(pp.worst);
		printf("\n");
	}
}

static void summary(const struct gpuadv__llm_data *d, const struct gpuadv_llm_params *p,
		    const char *label, const char *set, unsigned count)
{
	struct gpuadv__llm_score tg = gpuadv__llm_evaluate(d, p, 0, NULL, count, set);
	struct gpuadv__llm_score pp = gpuadv__llm_evaluate(d, p, 1, NULL, count, set);
	printf("| %s | %zu |", label, tg.n);
	pct(tg.median);
	pct(tg.worst);
	pct(pp.median);
	pct(pp.worst);
	printf("\n");
}

int main(int argc, char **argv)
{
	struct gpuadv_catalog cat = gpuadv_embedded;
	struct gpuadv__llm_data d = { 0 };
	struct gpuadv__scaling_data sd = { 0 };
	struct gpuadv_error err;
	struct gpuadv_llm_params p;
	char path[4096];
	int rc = 1;

	if (argc != 2) {
		fprintf(stderr, "usage: gpu-advisor-fit-speed FIXTURES_DIR\n");
		return 64;
	}
	gpuadv_error_clear(&err);
	snprintf(path, sizeof(path), "%s/llm_inference_llamacpp.csv", argv[1]);
	if (gpuadv__llm_data_load(&d, path, &cat, &err) != 0)
		goto fail;
	snprintf(path, sizeof(path), "%s/llm_inference_llamacpp_llama3.csv", argv[1]);
	if (gpuadv__llm_data_load(&d, path, &cat, &err) != 0)
		goto fail;

	gpuadv__llm_fit(&p, &gpuadv_llm_default, &d, NULL);
	printf("## LLM speed parameters (%zu rows)\n\n", d.n);
	print_params(&p);
	printf("\n| rows | n | decode median | decode worst | prefill median | prefill worst |\n"
	       "| --- | ---: | ---: | ---: | ---: | ---: |\n");
	summary(&d, &p, "all", NULL, 0);
	summary(&d, &p, "one GPU", NULL, 1);
	summary(&d, &p, "Dec 2023 (LLaMA, Llama 2)", "2023", 0);
	summary(&d, &p, "Dec 2023, one GPU", "2023", 1);
	summary(&d, &p, "May 2024 (Llama 3)", "2024", 0);
	{
		struct gpuadv__llm_score s = gpuadv__llm_evaluate(&d, &gpuadv_llm_default, 0,
								  NULL, 0, NULL);
		printf("(shipped: decode median %.1f%% worst %.1f%%)\n", 100 * s.median,
		       100 * s.worst);
	}
	{
		struct gpuadv__llm_score cv = gpuadv__llm_crossval(&d, &p, NULL);
		printf("\nleave-one-GPU-out decode: median %.1f%%, worst %.1f%% (%zu rows)\n",
		       100 * cv.median, 100 * cv.worst, cv.n);
	}
	llm_tables(&d, &p, "2023", "### December 2023 (LLaMA 1 and 2; several GPUs: row split)");
	llm_tables(&d, &p, "2024", "### May 2024 (Llama 3; several GPUs: layer split)");

	snprintf(path, sizeof(path), "%s/measured_multigpu.csv", argv[1]);
	if (gpuadv__scaling_data_load(&sd, path, &err) != 0)
		goto fail;
	gpuadv__scaling_report(stdout, &sd);
	rc = 0;
	goto done;
fail: {
	char msg[GPUADV_ERROR_MSG_MAX + GPUADV_ERROR_FILE_MAX + 64];
	gpuadv_error_format(msg, sizeof(msg), &err);
	fprintf(stderr, "gpu-advisor-fit-speed: %s\n", msg);
	rc = 65;
}
done:
	gpuadv__llm_data_release(&d);
	gpuadv__scaling_data_release(&sd);
	return rc;
}
