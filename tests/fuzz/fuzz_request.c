/* fuzz_request.c - libFuzzer harness: arbitrary bytes as one JSON request,
 * parsed, validated and answered against the built-in catalogue. */
#include <cjson/cJSON.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

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

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct gpuadv_request req;
	struct gpuadv_error err;
	cJSON *resp = NULL;
	char *text;

	if (gpuadv_request_parse(&req, &cat, (const char *)data, size, &err) == 0) {
		int rc = gpuadv_render_answer(&resp, &cat, &req, &err);

		if (rc == 0 || rc == GPUADV_ENOTFOUND) {
			text = cJSON_PrintUnformatted(resp);
			free(text);
		}
	} else {
		resp = gpuadv_render_answer_error(req.id, &err);
	}
	cJSON_Delete(resp);
	gpuadv_request_release(&req);
	return 0;
}
