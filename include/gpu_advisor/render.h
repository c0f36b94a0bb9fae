/*
 * render.h - the output formats. One function per thing shown, each
 * writing to a FILE * in the format asked for: text tables (libsmartcols,
 * with bar charts on request), one JSON document (cJSON), CSV (RFC 4180),
 * Markdown tables, or a picture (SVG or PNG, drawn with cairo by the charts
 * module that gpuadv_plotter_load opens). Renderers fail with GPUADV_EIO
 * when the stream cannot be written and GPUADV_ENOMEM when memory runs out.
 *
 * The engine's reasons, exclusions and verdicts are codes; this layer is
 * the only one that words them, for its reader: a terminal user is told
 * about flags (--price ID=USD), a JSON reader about request keys (prices).
 */
#ifndef GPU_ADVISOR_RENDER_H
#define GPU_ADVISOR_RENDER_H

#include <stddef.h>
#include <stdio.h>

#include "gpu_advisor/catalog.h"
#include "gpu_advisor/engine.h"
#include "gpu_advisor/request.h"

struct cJSON;

enum gpuadv_format {
	GPUADV_FORMAT_TEXT,
	GPUADV_FORMAT_JSON,
	GPUADV_FORMAT_CSV,      /* list, recommend, compare */
	GPUADV_FORMAT_MARKDOWN, /* list, recommend, compare */
	GPUADV_FORMAT_SVG,      /* recommend, compare: needs opts->plotter */
	GPUADV_FORMAT_PNG
};

/* The format's name as --format spells it; gpuadv_format_parse's inverse
 * (-1 for an unknown name). */
const char *gpuadv_format_name(enum gpuadv_format f);
int gpuadv_format_parse(const char *name);

struct gpuadv_plotter;

/* The JSON documents' schema_version (docs/json.md). */
#define GPUADV_JSON_SCHEMA_VERSION 1

struct gpuadv_render_opts {
	enum gpuadv_format format;
	int color;   /* colour in text tables */
	int columns; /* terminal width for text, 0 for no limit */
	/* Text only: bar charts after the tables (performance, performance
	 * per dollar), drawn with Unicode eighth blocks when unicode is set
	 * (the caller knows the terminal's character set), else ASCII. */
	bool chart;
	bool unicode;
	/* SVG and PNG: the charts module (gpuadv_plotter_load), borrowed. */
	const struct gpuadv_plotter *plotter;
	/* gpuadv_render_gpu_list only: each GPU's performance for a workload
	 * (list --workload), parallel to the GPU array; NULL for none. A perf
	 * whose value is NAN means the GPU cannot run it (its note says why). */
	const struct gpuadv_perf *perf;
	/* gpuadv_render_gpu only: a configuration of this many cards (show
	 * 2x3090); 0 or 1 for the card alone. */
	unsigned count;
};

int gpuadv_render_gpu_list(FILE *out, const struct gpuadv_catalog *cat,
			   const struct gpuadv_gpu *const *gpus, size_t n,
			   const struct gpuadv_render_opts *opts,
			   struct gpuadv_error *err);
int gpuadv_render_gpu(FILE *out, const struct gpuadv_catalog *cat,
		      const struct gpuadv_gpu *gpu,
		      const struct gpuadv_render_opts *opts,
		      struct gpuadv_error *err);
int gpuadv_render_archs(FILE *out, const struct gpuadv_catalog *cat,
			const struct gpuadv_render_opts *opts,
			struct gpuadv_error *err);

/* Flags for gpuadv_render_recommendation's text output. */
#define GPUADV_RENDER_REASONS 1u  /* every result's reasons */
#define GPUADV_RENDER_EXCLUDED 2u /* the excluded GPUs and why */

int gpuadv_render_recommendation(FILE *out, const struct gpuadv_catalog *cat,
				 const struct gpuadv_recommendation *r,
				 const struct gpuadv_render_opts *opts, unsigned flags,
				 struct gpuadv_error *err);
int gpuadv_render_comparison(FILE *out, const struct gpuadv_catalog *cat,
			     const struct gpuadv_comparison *c,
			     const struct gpuadv_render_opts *opts,
			     struct gpuadv_error *err);

/*
 * The charts module: the cairo drawing code, built as a shared module of
 * its own (gpu-advisor-charts.so) so that cairo's many libraries load only
 * when a picture is asked for. gpuadv_plotter_load opens the module at path
 * and returns GPUADV_EUNAVAIL when it is missing or not one of ours;
 * gpuadv_plotter_close frees it and cairo's caches (NULL is fine); the
 * module itself stays loaded until the process ends. A failed write of a
 * picture is GPUADV_EIO.
 */
int gpuadv_plotter_load(struct gpuadv_plotter **out, const char *path,
			struct gpuadv_error *err);
void gpuadv_plotter_close(struct gpuadv_plotter *p);

/* `detect`'s answer (detect.h): the driver, CUDA, each GPU and its
 * catalogue match. */
struct gpuadv_detection;
int gpuadv_render_detection(FILE *out, const struct gpuadv_catalog *cat,
			    const struct gpuadv_detection *d,
			    const struct gpuadv_render_opts *opts, struct gpuadv_error *err);

/* JSON building blocks, shared by every JSON document. The caller owns the
 * returned tree (cJSON_Delete); NULL means out of memory. Numbers in these
 * trees (and in request.h's answers) are raw items holding their printed
 * text (gpuadv_format_number): print a tree to read them back. Keys and
 * catalogue text in the trees are the catalogue's, not copies: a tree must
 * not outlive the catalogue it was built from. */
/* A GPU with its market figures from cat's price list (sold_as, the price
 * basis any picks, the cloud rate). */
struct cJSON *gpuadv_json_gpu(const struct gpuadv_catalog *cat, const struct gpuadv_gpu *gpu);
/* Every dated price of the GPU, with its source (show's "prices"). */
struct cJSON *gpuadv_json_gpu_prices(const struct gpuadv_catalog *cat,
				     const struct gpuadv_gpu *gpu);
struct cJSON *gpuadv_json_catalog(const struct gpuadv_catalog *cat);
/* The key figures only (no sources or notes): what recommend and compare
 * results carry; `show` gives the whole GPU. */
struct cJSON *gpuadv_json_gpu_brief(const struct gpuadv_gpu *gpu);
/* A computed number, or null for NAN (printed by gpuadv_format_number). */
struct cJSON *gpuadv_json_number(double v);
/* A stated number (a catalogue figure, a query value), or null for NAN:
 * exactly, as gpuadv_format_stated prints it. */
struct cJSON *gpuadv_json_stated(double v);


/* {"workload", "precision", "reference", "estimated", "measured", "value",
 * "basis", ...}; ok false gives nulls (the GPU cannot run it). */
struct cJSON *gpuadv_json_perf(const struct gpuadv_catalog *cat,
			       const struct gpuadv_perf *p, bool ok);
/* The members of a recommend answer: query, results, picks, excluded,
 * summary (without schema_version and catalog). */
struct cJSON *gpuadv_json_recommendation(const struct gpuadv_catalog *cat,
					 const struct gpuadv_recommendation *r);
struct cJSON *gpuadv_json_query(const struct gpuadv_recommendation *r);
/* The members of a compare answer: gpus, workloads. */
struct cJSON *gpuadv_json_comparison(const struct gpuadv_catalog *cat,
				     const struct gpuadv_comparison *c);
/* An array of GPU objects, each with a perf where perf is not NULL. */
struct cJSON *gpuadv_json_gpu_array(const struct gpuadv_catalog *cat,
				    const struct gpuadv_gpu *const *gpus,
				    const struct gpuadv_perf *perf, size_t n);

/* `memory` and `models`, and a model's fit on a configuration (the
 * members recommend results and compare --model GPUs carry). */
int gpuadv_render_memory(FILE *out, const struct gpuadv_catalog *cat,
			 const struct gpuadv_memory_answer *a,
			 const struct gpuadv_render_opts *opts, struct gpuadv_error *err);
/* The model catalogue, only kind (enum gpuadv_model_kind) unless -1. */
int gpuadv_render_models(FILE *out, const struct gpuadv_catalog *cat,
			 const struct gpuadv_models *models, int kind,
			 const struct gpuadv_render_opts *opts, struct gpuadv_error *err);
struct cJSON *gpuadv_json_memory(const struct gpuadv_catalog *cat,
				 const struct gpuadv_memory_answer *a);
struct cJSON *gpuadv_json_models(const struct gpuadv_models *models, int kind);
/* {"count", "fits", "memory": {"required_gb", "available_gb", "per_gpu"},
 * "runs", "note", "llm": {...} or null, "scaling_efficiency"}. */
struct cJSON *gpuadv_json_model_fit(const struct gpuadv_model_fit *f);

/* One line for an empty recommend answer: which constraint excluded the
 * most GPUs, and what budget or memory need would admit the first one. */
void gpuadv_render_no_match(char *buf, size_t size, const struct gpuadv_recommendation *r);

/*
 * Answer a parsed JSON request (request.h): run its command and build the
 * response object (the caller owns it): {"id", "schema_version", "command",
 * ...the command's members}. Returns 0, GPUADV_ENOTFOUND (a recommend
 * nothing satisfies: *out is still the full response, with an "error"
 * member) or another error with *out NULL.
 */
int gpuadv_render_answer(struct cJSON **out, const struct gpuadv_catalog *cat,
			 const struct gpuadv_request *req, struct gpuadv_error *err);

/* {"id": id, "error": {"code", "message", "field", "line"}} (line: err->line,
 * null where 0); NULL on no memory. */
struct cJSON *gpuadv_render_answer_error(const struct cJSON *id,
					 const struct gpuadv_error *err);

/* Print a JSON document followed by a newline; consumes doc. */
int gpuadv_json_write(FILE *out, struct cJSON *doc, struct gpuadv_error *err);

#endif
