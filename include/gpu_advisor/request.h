/*
 * request.h - JSON requests, for `gpu-advisor query`: one JSON object names a
 * command and the same parameters as the command-line flags, and is parsed
 * into the same query structs the flags fill, with the same validation.
 *
 * Ownership: a struct gpuadv_request owns its id (a cJSON copy);
 * gpuadv_request_release frees it. It points into the catalogue.
 */
#ifndef GPU_ADVISOR_REQUEST_H
#define GPU_ADVISOR_REQUEST_H

#include <stddef.h>

#include "gpu_advisor/catalog.h"
#include "gpu_advisor/engine.h"

struct cJSON;

#define GPUADV_REQUEST_MAX_BYTES (64u * 1024u) /* one request (one line) */
#define GPUADV_REQUEST_MAX_DEPTH 4

enum gpuadv_request_command {
	GPUADV_REQ_RECOMMEND,
	GPUADV_REQ_COMPARE,
	GPUADV_REQ_SHOW,
	GPUADV_REQ_LIST
};

struct gpuadv_request {
	struct cJSON *id; /* echoed in the response; NULL when absent */
	enum gpuadv_request_command command;
	struct gpuadv_query query;     /* recommend; compare uses its prices */
	const struct gpuadv_gpu *gpus[GPUADV_COMPARE_MAX]; /* compare */
	size_t gpu_count;
	const struct gpuadv_workload *workload; /* compare: NULL for all */
	int precision;                          /* compare: -1 for defaults */
	const struct gpuadv_gpu *gpu;  /* show */
	struct gpuadv_list_query list; /* list */
};

/*
 * Parse one request. On failure err says what, err->field names the key and
 * err->kind the class: invalid_json, not_an_object, unknown_key,
 * missing_key, wrong_type, invalid_value, unknown_gpu, unknown_workload,
 * too_large, too_deep. out->id is set whenever the request had a usable id,
 * even on failure, so the error can be matched to the request.
 */
int gpuadv_request_parse(struct gpuadv_request *out, const struct gpuadv_catalog *cat,
			 const char *text, size_t len, struct gpuadv_error *err);

void gpuadv_request_release(struct gpuadv_request *req);

/*
 * Run a parsed request and build its response object (the caller owns it):
 * {"id", "schema_version", "command", ...the command's members}. Returns
 * 0, GPUADV_ENOTFOUND (a recommend nothing satisfies: *out is still the
 * full response, with an "error" member) or another error with *out NULL.
 */
int gpuadv_request_run(struct cJSON **out, const struct gpuadv_catalog *cat,
		       const struct gpuadv_request *req, struct gpuadv_error *err);

/*
 * Make resp's "id" the request's id exactly as text wrote it (a number
 * such as 9007199254740993 is not rounded through a double), when text has
 * a valid top-level id. Returns 0, or GPUADV_ENOMEM (resp unchanged).
 */
int gpuadv_request_echo_id(struct cJSON *resp, const char *text, size_t len);

/* {"id": id, "error": {"code", "message", "field"}}; NULL on no memory. */
struct cJSON *gpuadv_request_error_json(const struct cJSON *id,
					const struct gpuadv_error *err);

#endif
