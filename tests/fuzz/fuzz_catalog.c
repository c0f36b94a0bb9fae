/* fuzz_catalog.c - libFuzzer harness: arbitrary bytes into the strict
 * catalogue loader. Any crash, leak or sanitizer report is a bug. */
#include <stddef.h>
#include <stdint.h>

#include "gpu_advisor/catalog.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct gpuadv_catalog cat;
	struct gpuadv_error err;

	if (gpuadv_catalog_load(&cat, (const char *)data, size, "fuzz.yaml", &err) == 0)
		gpuadv_catalog_release(&cat);
	return 0;
}
