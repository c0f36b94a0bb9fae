/*
 * formats.h - the per-format renderers behind render.h's functions (text.c,
 * text_advice.c, json.c, json_advice.c), for render.c to dispatch to.
 */
#ifndef GPUADV_RENDER_FORMATS_H
#define GPUADV_RENDER_FORMATS_H

#include "gpu_advisor/render.h"

int gpuadv__text_gpu_list(FILE *out, const struct gpuadv_catalog *cat,
			  const struct gpuadv_gpu *const *gpus, size_t n,
			  const struct gpuadv_render_opts *opts, struct gpuadv_error *err);
int gpuadv__text_gpu(FILE *out, const struct gpuadv_catalog *cat, const struct gpuadv_gpu *g,
		     const struct gpuadv_render_opts *opts, struct gpuadv_error *err);
int gpuadv__text_archs(FILE *out, const struct gpuadv_catalog *cat,
		       const struct gpuadv_render_opts *opts, struct gpuadv_error *err);
int gpuadv__text_recommendation(FILE *out, const struct gpuadv_catalog *cat,
				const struct gpuadv_recommendation *r,
				const struct gpuadv_render_opts *o, unsigned flags,
				struct gpuadv_error *err);
int gpuadv__text_comparison(FILE *out, const struct gpuadv_catalog *cat,
			    const struct gpuadv_comparison *c,
			    const struct gpuadv_render_opts *o, struct gpuadv_error *err);

int gpuadv__json_gpu_list(FILE *out, const struct gpuadv_catalog *cat,
			  const struct gpuadv_gpu *const *gpus,
			  const struct gpuadv_perf *perf, size_t n, struct gpuadv_error *err);
int gpuadv__json_gpu(FILE *out, const struct gpuadv_catalog *cat,
		     const struct gpuadv_gpu *gpu, struct gpuadv_error *err);
int gpuadv__json_archs(FILE *out, const struct gpuadv_catalog *cat,
		       struct gpuadv_error *err);
int gpuadv__json_recommendation_doc(FILE *out, const struct gpuadv_catalog *cat,
				    const struct gpuadv_recommendation *r,
				    struct gpuadv_error *err);
int gpuadv__json_comparison_doc(FILE *out, const struct gpuadv_catalog *cat,
				const struct gpuadv_comparison *c, struct gpuadv_error *err);

#endif
