/*
 * formats.h - the per-format renderers behind render.h's functions (text.c,
 * text_advice.c, chart.c, json.c, json_advice.c, csv.c, markdown.c,
 * plotter.c), for render.c to dispatch to.
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

/* Bar charts under the text tables (--chart). */
int gpuadv__chart_recommendation(FILE *out, const struct gpuadv_catalog *cat,
				 const struct gpuadv_recommendation *r,
				 const struct gpuadv_render_opts *o, struct gpuadv_error *err);
int gpuadv__chart_comparison(FILE *out, const struct gpuadv_catalog *cat,
			     const struct gpuadv_comparison *c,
			     const struct gpuadv_render_opts *o, struct gpuadv_error *err);
/* memory: the parts' bars (the table's rows, with eighths on UTF-8), and
 * the need against the configurations gpuadv__memory_shown picks. */
void gpuadv__chart_memory_parts(FILE *out, const struct gpuadv_memory *mem,
				const struct gpuadv_render_opts *o);
int gpuadv__chart_memory(FILE *out, const struct gpuadv_memory_answer *a,
			 const struct gpuadv_render_opts *o, struct gpuadv_error *err);

/* RFC 4180 CSV: one header line, then one record per row. csv_field
 * writes one field (quoted where it must be) and a comma, or CRLF when
 * last. */
void gpuadv__csv_field(FILE *out, const char *s, bool last);
int gpuadv__csv_gpu_list(FILE *out, const struct gpuadv_catalog *cat,
			 const struct gpuadv_gpu *const *gpus,
			 const struct gpuadv_perf *perf, size_t n, struct gpuadv_error *err);
int gpuadv__csv_recommendation(FILE *out, const struct gpuadv_recommendation *r,
			       struct gpuadv_error *err);
int gpuadv__csv_comparison(FILE *out, const struct gpuadv_comparison *c,
			   struct gpuadv_error *err);

/* Markdown: pipe tables, for reports. md_text writes outside text with
 * Markdown's punctuation (| among it) escaped and line breaks as spaces. */
void gpuadv__md_text(FILE *out, const char *s);
int gpuadv__md_gpu_list(FILE *out, const struct gpuadv_catalog *cat,
			const struct gpuadv_gpu *const *gpus,
			const struct gpuadv_perf *perf, size_t n, struct gpuadv_error *err);
int gpuadv__md_recommendation(FILE *out, const struct gpuadv_catalog *cat,
			      const struct gpuadv_recommendation *r, struct gpuadv_error *err);
int gpuadv__md_comparison(FILE *out, const struct gpuadv_catalog *cat,
			  const struct gpuadv_comparison *c, struct gpuadv_error *err);

/* SVG and PNG, through the charts module (plotter.c). */
int gpuadv__plot_recommendation(FILE *out, const struct gpuadv_catalog *cat,
				const struct gpuadv_recommendation *r,
				const struct gpuadv_render_opts *o, struct gpuadv_error *err);
int gpuadv__plot_comparison(FILE *out, const struct gpuadv_catalog *cat,
			    const struct gpuadv_comparison *c,
			    const struct gpuadv_render_opts *o, struct gpuadv_error *err);
int gpuadv__plot_memory(FILE *out, const struct gpuadv_memory_answer *a,
			const struct gpuadv_render_opts *o, struct gpuadv_error *err);

int gpuadv__text_memory(FILE *out, const struct gpuadv_memory_answer *a,
			const struct gpuadv_render_opts *o, struct gpuadv_error *err);
int gpuadv__text_models(FILE *out, const struct gpuadv_models *ms, int kind,
			const struct gpuadv_render_opts *o, struct gpuadv_error *err);

/* show NxGPU: the configuration's totals, then the card. */
void gpuadv__text_config(FILE *out, const struct gpuadv_catalog *cat,
			 const struct gpuadv_gpu *g, unsigned count);
int gpuadv__json_config(FILE *out, const struct gpuadv_catalog *cat,
			const struct gpuadv_gpu *g, unsigned count, struct gpuadv_error *err);

/* Prices and costs as text (text_market.c): a price with basis and date,
 * the line an answer states its price basis in (with today, where the
 * answer ages prices by it), compare's cost-of-ownership table, and the
 * footnote '*' refers to. */
void gpuadv__text_price(char *buf, size_t size, const struct gpuadv_price *p);
void gpuadv__text_prices_line(FILE *out, const struct gpuadv_query *q, bool with_today);
int gpuadv__text_tco(FILE *out, const struct gpuadv_comparison *c,
		     const struct gpuadv_render_opts *o, struct gpuadv_error *err);
extern const char gpuadv__stale_note[];

struct cJSON;
/* Write {"schema_version", "catalog", ...body's members}; consumes body. */
int gpuadv__json_body_doc(FILE *out, const struct gpuadv_catalog *cat, struct cJSON *body,
			  struct gpuadv_error *err);
/* Add the query's model keys (model, quant, task, ...) to o. */
bool gpuadv__json_model_query(struct cJSON *o, const struct gpuadv_query *q,
			      const struct gpuadv_model_spec *m);

#endif
