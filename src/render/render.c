/*
 * render.c - render.h's functions: each sends its thing to the renderer of
 * the format the options ask for (text, JSON, CSV, Markdown, or a picture
 * through the charts module). The top of the render layer: it includes the
 * renderers, none of them includes it.
 *
 * Text goes through the one escape hook here: a text renderer writes into a
 * memory stream, and what it wrote reaches out through gpuadv_escape
 * (newlines and tabs kept; with colour, our own bold and reset, ESC[1m and
 * ESC[0m, kept too), so that catalogue text can never move the cursor,
 * retitle the terminal or break UTF-8, whichever renderer printed it.
 */
#include <stdlib.h>
#include <string.h>

#include "formats.h"

struct text_buf {
	FILE *mem;
	char *data;
	size_t len;
};

static FILE *text_begin(struct text_buf *b)
{
	b->data = NULL;
	b->len = 0;
	b->mem = open_memstream(&b->data, &b->len);
	return b->mem;
}

/* Length of our own bold or reset sequence at s (text_advice.c's and
 * libsmartcols' "bold"), 0 if there is none: the only escapes let by. */
static size_t sgr_len(const char *s, size_t n)
{
	if (n >= 4 && (!memcmp(s, "\033[1m", 4) || !memcmp(s, "\033[0m", 4)))
		return 4;
	return 0;
}

static int write_escaped(FILE *out, const char *s, size_t n, int color)
{
	char esc[4 * 256 + 1];
	size_t i = 0, chunk, k;

	while (i < n) {
		if (color && (k = sgr_len(s + i, n - i)) > 0) {
			if (fwrite(s + i, 1, k, out) != k)
				return -1;
			i += k;
			continue;
		}
		/* Up to the next ESC, 256 bytes at most, never inside a
		 * UTF-8 character. */
		for (chunk = 0; i + chunk < n && chunk < 256 &&
		     (chunk == 0 || s[i + chunk] != '\033'); chunk++)
			;
		for (k = 0; k < 3 && i + chunk < n && chunk > 1 &&
		     ((unsigned char)s[i + chunk] & 0xc0) == 0x80; k++)
			chunk--;
		k = gpuadv_escape(esc, sizeof(esc), s + i, chunk, GPUADV_ESCAPE_KEEP_NEWLINE);
		if (fwrite(esc, 1, k, out) != k)
			return -1;
		i += chunk;
	}
	return 0;
}

/* rc is the renderer's result: on failure nothing is written. */
static int text_end(struct text_buf *b, FILE *out, int color, int rc,
		    struct gpuadv_error *err)
{
	if (!b->mem) {
		free(b->data);
		return rc ? rc : gpuadv_error_set(err, GPUADV_ENOMEM, "out of memory");
	}
	/* A memory stream that could not grow fails its writes, its close,
	 * or (glibc) leaves no buffer at all. */
	if ((ferror(b->mem) | fclose(b->mem)) != 0 || (!b->data && b->len)) {
		if (rc == 0)
			rc = gpuadv_error_set(err, GPUADV_ENOMEM, "out of memory");
	}
	b->mem = NULL;
	if (rc == 0 && (write_escaped(out, b->data, b->len, color) != 0 ||
			fflush(out) == EOF || ferror(out)))
		rc = gpuadv_error_set(err, GPUADV_EIO, "cannot write output");
	free(b->data);
	b->data = NULL;
	return rc;
}

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
	struct text_buf b;
	FILE *mem;

	if (opts->format == GPUADV_FORMAT_JSON)
		return gpuadv__json_gpu_list(out, cat, gpus, opts->perf, n, err);
	if (opts->format == GPUADV_FORMAT_CSV)
		return gpuadv__csv_gpu_list(out, cat, gpus, opts->perf, n, err);
	if (opts->format == GPUADV_FORMAT_MARKDOWN)
		return gpuadv__md_gpu_list(out, cat, gpus, opts->perf, n, err);
	if (opts->format != GPUADV_FORMAT_TEXT)
		return no_such(opts->format, "the list", err);
	mem = text_begin(&b);
	return text_end(&b, out, opts->color, mem ? gpuadv__text_gpu_list(mem, cat, gpus, n, opts, err) : 0, err);
}

int gpuadv_render_gpu(FILE *out, const struct gpuadv_catalog *cat,
		      const struct gpuadv_gpu *gpu,
		      const struct gpuadv_render_opts *opts,
		      struct gpuadv_error *err)
{
	struct text_buf b;
	FILE *mem;
	int rc = 0;

	if (opts->count > 1 && opts->format == GPUADV_FORMAT_JSON)
		return gpuadv__json_config(out, cat, gpu, opts->count, err);
	if (opts->format == GPUADV_FORMAT_JSON)
		return gpuadv__json_gpu(out, cat, gpu, err);
	if (opts->format != GPUADV_FORMAT_TEXT)
		return no_such(opts->format, "a GPU", err);
	mem = text_begin(&b);
	if (mem && opts->count > 1)
		gpuadv__text_config(mem, cat, gpu, opts->count);
	if (mem)
		rc = gpuadv__text_gpu(mem, cat, gpu, opts, err);
	return text_end(&b, out, opts->color, rc, err);
}

int gpuadv_render_archs(FILE *out, const struct gpuadv_catalog *cat,
			const struct gpuadv_render_opts *opts,
			struct gpuadv_error *err)
{
	struct text_buf b;
	FILE *mem;

	if (opts->format == GPUADV_FORMAT_JSON)
		return gpuadv__json_archs(out, cat, err);
	if (opts->format != GPUADV_FORMAT_TEXT)
		return no_such(opts->format, "the architectures", err);
	mem = text_begin(&b);
	return text_end(&b, out, opts->color, mem ? gpuadv__text_archs(mem, cat, opts, err) : 0, err);
}

int gpuadv_render_recommendation(FILE *out, const struct gpuadv_catalog *cat,
				 const struct gpuadv_recommendation *r,
				 const struct gpuadv_render_opts *opts, unsigned flags,
				 struct gpuadv_error *err)
{
	struct text_buf b;
	FILE *mem;

	switch (opts->format) {
	case GPUADV_FORMAT_TEXT:
		break;
	case GPUADV_FORMAT_JSON:
		return gpuadv__json_recommendation_doc(out, cat, r, err);
	case GPUADV_FORMAT_CSV:
		return gpuadv__csv_recommendation(out, r, err);
	case GPUADV_FORMAT_MARKDOWN:
		return gpuadv__md_recommendation(out, cat, r, err);
	case GPUADV_FORMAT_SVG:
	case GPUADV_FORMAT_PNG:
		return gpuadv__plot_recommendation(out, cat, r, opts, err);
	default:
		return no_such(opts->format, "a recommendation", err);
	}
	mem = text_begin(&b);
	return text_end(&b, out, opts->color, mem ? gpuadv__text_recommendation(mem, cat, r, opts, flags, err) : 0, err);
}

int gpuadv_render_comparison(FILE *out, const struct gpuadv_catalog *cat,
			     const struct gpuadv_comparison *c,
			     const struct gpuadv_render_opts *opts,
			     struct gpuadv_error *err)
{
	struct text_buf b;
	FILE *mem;

	switch (opts->format) {
	case GPUADV_FORMAT_TEXT:
		break;
	case GPUADV_FORMAT_JSON:
		return gpuadv__json_comparison_doc(out, cat, c, err);
	case GPUADV_FORMAT_CSV:
		return gpuadv__csv_comparison(out, c, err);
	case GPUADV_FORMAT_MARKDOWN:
		return gpuadv__md_comparison(out, cat, c, err);
	case GPUADV_FORMAT_SVG:
	case GPUADV_FORMAT_PNG:
		return gpuadv__plot_comparison(out, cat, c, opts, err);
	default:
		return no_such(opts->format, "a comparison", err);
	}
	mem = text_begin(&b);
	return text_end(&b, out, opts->color, mem ? gpuadv__text_comparison(mem, cat, c, opts, err) : 0, err);
}

int gpuadv_render_memory(FILE *out, const struct gpuadv_catalog *cat,
			 const struct gpuadv_memory_answer *a,
			 const struct gpuadv_render_opts *opts, struct gpuadv_error *err)
{
	struct text_buf b;
	FILE *mem;

	switch (opts->format) {
	case GPUADV_FORMAT_TEXT:
		break;
	case GPUADV_FORMAT_JSON:
		return gpuadv__json_body_doc(out, cat, gpuadv_json_memory(cat, a), err);
	case GPUADV_FORMAT_SVG:
	case GPUADV_FORMAT_PNG:
		return gpuadv__plot_memory(out, a, opts, err);
	default:
		return no_such(opts->format, "a memory estimate", err);
	}
	mem = text_begin(&b);
	return text_end(&b, out, opts->color, mem ? gpuadv__text_memory(mem, a, opts, err) : 0, err);
}

int gpuadv_render_models(FILE *out, const struct gpuadv_catalog *cat,
			 const struct gpuadv_models *models, int kind,
			 const struct gpuadv_render_opts *opts, struct gpuadv_error *err)
{
	struct text_buf b;
	FILE *mem;

	if (opts->format == GPUADV_FORMAT_JSON)
		return gpuadv__json_body_doc(out, cat, gpuadv_json_models(models, kind), err);
	mem = text_begin(&b);
	return text_end(&b, out, opts->color, mem ? gpuadv__text_models(mem, models, kind, opts, err) : 0, err);
}
