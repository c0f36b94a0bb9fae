/* fuzz_config.c - libFuzzer harness: arbitrary bytes into the strict
 * configuration-file loader. */
#include <stddef.h>
#include <stdint.h>

#include "gpu_advisor/config.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct gpuadv_config cfg;
	struct gpuadv_error err;

	if (gpuadv_config_load(&cfg, (const char *)data, size, "config.yaml", &err) == 0)
		gpuadv_config_release(&cfg);
	return 0;
}
