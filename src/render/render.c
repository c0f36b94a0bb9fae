/*
 * render.c - render.h's functions: each sends its thing to the text or the
 * JSON renderer the options ask for. The top of the render layer: it
 * includes the renderers, none of them includes it.
 */
#include "formats.h"

int gpuadv_render_gpu_list(FILE *out, const struct gpuadv_catalog *cat,
			   const struct gpuadv_gpu *const *gpus, size_t n,
			   const struct gpuadv_render_opts *opts,
			   struct gpuadv_error *err)
{
	if (opts->format == GPUADV_FORMAT_JSON)
		return gpuadv__json_gpu_list(out, cat, gpus, opts->perf, n, err);
	return gpuadv__text_gpu_list(out, cat, gpus, n, opts, err);
}

int gpuadv_render_gpu(FILE *out, const struct gpuadv_catalog *cat,
		      const struct gpuadv_gpu *gpu,
		      const struct gpuadv_render_opts *opts,
		      struct gpuadv_error *err)
{
	if (opts->format == GPUADV_FORMAT_JSON)
		return gpuadv__json_gpu(out, cat, gpu, err);
	return gpuadv__text_gpu(out, cat, gpu, opts, err);
}

int gpuadv_render_archs(FILE *out, const struct gpuadv_catalog *cat,
			const struct gpuadv_render_opts *opts,
			struct gpuadv_error *err)
{
	if (opts->format == GPUADV_FORMAT_JSON)
		return gpuadv__json_archs(out, cat, err);
	return gpuadv__text_archs(out, cat, opts, err);
}

int gpuadv_render_recommendation(FILE *out, const struct gpuadv_catalog *cat,
				 const struct gpuadv_recommendation *r,
				 const struct gpuadv_render_opts *opts, unsigned flags,
				 struct gpuadv_error *err)
{
	if (opts->format == GPUADV_FORMAT_JSON)
		return gpuadv__json_recommendation_doc(out, cat, r, err);
	return gpuadv__text_recommendation(out, cat, r, opts, flags, err);
}

int gpuadv_render_comparison(FILE *out, const struct gpuadv_catalog *cat,
			     const struct gpuadv_comparison *c,
			     const struct gpuadv_render_opts *opts,
			     struct gpuadv_error *err)
{
	if (opts->format == GPUADV_FORMAT_JSON)
		return gpuadv__json_comparison_doc(out, cat, c, err);
	return gpuadv__text_comparison(out, cat, c, opts, err);
}
