/* fuzz_request.c - libFuzzer harness: arbitrary bytes as one JSON request,
 * parsed, validated and answered against the built-in catalogue; the
 * answer's id echoed as `query` does, and its line (gpuadv_json_line) must
 * be what cJSON_PrintUnformatted prints. */
#include <cjson/cJSON.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "gpu_advisor/render.h"
#include "gpu_advisor/request.h"

static struct gpuadv_catalog cat;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	cat = gpuadv_embedded;
	return 0;
}

/* The answer line is cJSON's unformatted print, byte for byte. */
static void check_line(const cJSON *resp)
{
	char *want = cJSON_PrintUnformatted(resp), *line = NULL;
	size_t cap = 0, n = gpuadv_json_line(resp, &line, &cap);

	if (want ? n != strlen(want) + 1 || memcmp(line, want, n - 1) : n != 0)
		abort();
	free(line);
	cJSON_free(want);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct gpuadv_request req;
	struct gpuadv_error err;
	cJSON *resp = NULL;
	int rc = gpuadv_request_parse(&req, &cat, (const char *)data, size, &err);

	if (rc == 0)
		rc = gpuadv_render_answer(&resp, &cat, &req, &err);
	if (rc && rc != GPUADV_ENOTFOUND) {
		cJSON_Delete(resp);
		resp = gpuadv_render_answer_error(req.id, &err);
	}
	if (resp && gpuadv_request_echo_id(resp, &req, (const char *)data) == 0)
		check_line(resp);
	cJSON_Delete(resp);
	gpuadv_request_release(&req);
	return 0;
}
