/*
 * render.c - render.h's functions: each sends its thing to the renderer of
 * the format the options ask for (text, JSON, CSV, Markdown, or a picture
 * through the charts module). The top of the render layer: it includes the
 * renderers, none of them includes it.
 */
#include <string.h>

#include "formats.h"

static const char *const format_names[] = {
	[GPUADV_FORMAT_TEXT] = "text", [GPUADV_FORMAT_JSON] = "json",
	[GPUADV_FORMAT_CSV] = "csv",   [GPUADV_FORMAT_MARKDOWN] = "markdown",
	[GPUADV_FORMAT_SVG] = "svg",   [GPUADV_FORMAT_PNG] = "png",
};

const char *gpuadv_format_name(enum gpuadv_format f)
{
	return (size_t)f < sizeof(format_names) / sizeof(format_names[0]) ? format_names[f] : "?";
}

int gpuadv_format_parse(const char *name)
{
	size_t i;

	for (i = 0; i < sizeof(format_names) / sizeof(format_names[0]); i++)
		if (!strcmp(name, format_names[i]))
			return (int)i;
	return -1;
}

static int no_such(enum gpuadv_format f, const char *what, struct gpuadv_error *err)
{
	return gpuadv_error_set(err, GPUADV_EUSAGE, "%s cannot be shown as %s", what,
				gpuadv_format_name(f));
}

int gpuadv_render_gpu_list(FILE *out, const struct gpuadv_catalog *cat,
			   const struct gpuadv_gpu *const *gpus, size_t n,
			   const struct gpuadv_render_opts *opts,
			   struct gpuadv_error *err)
{
	switch (opts->format) {
	case GPUADV_FORMAT_TEXT:
		return gpuadv__text_gpu_list(out, gpus, n, opts, err);
	case GPUADV_FORMAT_JSON:
		return gpuadv__json_gpu_list(out, cat, gpus, opts->perf, n, err);
	case GPUADV_FORMAT_CSV:
		return gpuadv__csv_gpu_list(out, gpus, opts->perf, n, err);
	case GPUADV_FORMAT_MARKDOWN:
		return gpuadv__md_gpu_list(out, gpus, opts->perf, n, err);
	default:
		return no_such(opts->format, "the list", err);
	}
}

int gpuadv_render_gpu(FILE *out, const struct gpuadv_catalog *cat,
		      const struct gpuadv_gpu *gpu,
		      const struct gpuadv_render_opts *opts,
		      struct gpuadv_error *err)
{
	if (opts->format == GPUADV_FORMAT_JSON)
		return gpuadv__json_gpu(out, cat, gpu, err);
	if (opts->format != GPUADV_FORMAT_TEXT)
		return no_such(opts->format, "a GPU", err);
	return gpuadv__text_gpu(out, gpu, opts, err);
}

int gpuadv_render_archs(FILE *out, const struct gpuadv_catalog *cat,
			const struct gpuadv_render_opts *opts,
			struct gpuadv_error *err)
{
	if (opts->format == GPUADV_FORMAT_JSON)
		return gpuadv__json_archs(out, cat, err);
	if (opts->format != GPUADV_FORMAT_TEXT)
		return no_such(opts->format, "the architectures", err);
	return gpuadv__text_archs(out, cat, opts, err);
}

int gpuadv_render_recommendation(FILE *out, const struct gpuadv_catalog *cat,
				 const struct gpuadv_recommendation *r,
				 const struct gpuadv_render_opts *opts, unsigned flags,
				 struct gpuadv_error *err)
{
	switch (opts->format) {
	case GPUADV_FORMAT_TEXT:
		return gpuadv__text_recommendation(out, cat, r, opts, flags, err);
	case GPUADV_FORMAT_JSON:
		return gpuadv__json_recommendation_doc(out, cat, r, err);
	case GPUADV_FORMAT_CSV:
		return gpuadv__csv_recommendation(out, r, err);
	case GPUADV_FORMAT_MARKDOWN:
		return gpuadv__md_recommendation(out, cat, r, err);
	case GPUADV_FORMAT_SVG:
	case GPUADV_FORMAT_PNG:
		return gpuadv__plot_recommendation(out, cat, r, opts, err);
	}
	return no_such(opts->format, "a recommendation", err);
}

int gpuadv_render_comparison(FILE *out, const struct gpuadv_catalog *cat,
			     const struct gpuadv_comparison *c,
			     const struct gpuadv_render_opts *opts,
			     struct gpuadv_error *err)
{
	switch (opts->format) {
	case GPUADV_FORMAT_TEXT:
		return gpuadv__text_comparison(out, cat, c, opts, err);
	case GPUADV_FORMAT_JSON:
		return gpuadv__json_comparison_doc(out, cat, c, err);
	case GPUADV_FORMAT_CSV:
		return gpuadv__csv_comparison(out, c, err);
	case GPUADV_FORMAT_MARKDOWN:
		return gpuadv__md_comparison(out, cat, c, err);
	case GPUADV_FORMAT_SVG:
	case GPUADV_FORMAT_PNG:
		return gpuadv__plot_comparison(out, cat, c, opts, err);
	}
	return no_such(opts->format, "a comparison", err);
}
