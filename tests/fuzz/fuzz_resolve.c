/* fuzz_resolve.c - libFuzzer harness: arbitrary bytes as a GPU name for the
 * resolver and its suggestions, against the built-in catalogue. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "gpu_advisor/catalog.h"

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
	struct gpuadv_error err;
	char *name = malloc(size + 1);

	if (!name)
		return 0;
	memcpy(name, data, size);
	name[size] = '\0';
	gpuadv_catalog_find_gpu(&cat, name, &err);
	gpuadv_catalog_find_arch(&cat, name);
	free(name);
	return 0;
}
