/*
 * request.h - JSON requests, for `gpu-advisor query`: one JSON object names a
 * command and the same parameters as the command-line flags (the keys are
 * the parameter table's, params.h), and is parsed into the query struct the
 * flags fill, through the same validator. Answering it (running the engine,
 * building the JSON) is the render layer's: gpuadv_render_answer().
 *
 * Ownership: a struct gpuadv_request owns its id (a cJSON copy);
 * gpuadv_request_release frees it. It points into the catalogue, and its
 * id_at/id_len into nothing: they are offsets in the text it was parsed
 * from.
 */
#ifndef GPU_ADVISOR_REQUEST_H
#define GPU_ADVISOR_REQUEST_H

#include <stddef.h>

#include "gpu_advisor/catalog.h"
#include "gpu_advisor/query.h"

struct cJSON;

#define GPUADV_REQUEST_MAX_BYTES (64u * 1024u) /* one request (one line) */
#define GPUADV_REQUEST_MAX_DEPTH 4

struct gpuadv_request {
	struct cJSON *id; /* echoed in the response; NULL when absent */
	struct gpuadv_query query; /* its command and parameters, validated */
	/* The id as the text wrote it, for gpuadv_request_echo_id: set when
	 * the text is JSON with a valid top-level id, even when the request
	 * was refused before its id was read; id_len 0 when none. */
	size_t id_at, id_len;
};

/*
 * Parse one request. On failure err says what, err->field names the key and
 * err->kind the class: invalid_json, not_an_object, unknown_key,
 * missing_key, wrong_type, invalid_value, unknown_gpu, unknown_workload,
 * too_large, too_deep; err->param the parameter row where one is at
 * fault. The message names request keys, never flags. out->id is set whenever the request had a usable id,
 * even on failure, so the error can be matched to the request.
 */
int gpuadv_request_parse(struct gpuadv_request *out, const struct gpuadv_catalog *cat,
			 const char *text, size_t len, struct gpuadv_error *err);

void gpuadv_request_release(struct gpuadv_request *req);

/*
 * Make resp's "id" the request's id exactly as text (the text req was
 * parsed from) wrote it: a number such as 9007199254740993 is not rounded
 * through a double. Does nothing when req->id_len is 0 or resp has no
 * "id". Returns 0, or GPUADV_ENOMEM (resp unchanged).
 */
int gpuadv_request_echo_id(struct cJSON *resp, const struct gpuadv_request *req,
			   const char *text);

#endif
