/* testutil.c - fixture helpers shared by the test suites; see testutil.h. */
#include "testutil.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

char *test_read_file(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	long size;

	if (!f)
		return NULL;
	if (fseek(f, 0, SEEK_END) == 0 && (size = ftell(f)) >= 0 &&
	    fseek(f, 0, SEEK_SET) == 0 && (buf = malloc((size_t)size + 1))) {
		if (fread(buf, 1, (size_t)size, f) == (size_t)size) {
			buf[size] = '\0';
			*len = (size_t)size;
		} else {
			free(buf);
			buf = NULL;
		}
	}
	fclose(f);
	return buf;
}

int test_load_catalog(struct gpuadv_catalog *cat, const char *path)
{
	char line[GPUADV_ERROR_MSG_MAX + GPUADV_ERROR_FILE_MAX + 32];
	struct gpuadv_error err;
	size_t len;
	char *buf = test_read_file(path, &len);
	const char *name;
	int rc;

	if (!buf) {
		fprintf(stderr, "cannot read '%s'\n", path);
		return -1;
	}
	/* Errors and the catalogue's origin name the file, not the directory. */
	name = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
	rc = gpuadv_catalog_load(cat, buf, len, name, &err);
	free(buf);
	if (rc) {
		gpuadv_error_format(line, sizeof(line), &err);
		fprintf(stderr, "%s\n", line);
		return -1;
	}
	return 0;
}

const struct gpuadv_gpu *test_gpu(const struct gpuadv_catalog *cat, const char *id)
{
	size_t i;

	for (i = 0; i < cat->gpu_count; i++)
		if (!strcmp(cat->gpus[i].id, id))
			return &cat->gpus[i];
	fail_msg("no GPU '%s' in %s", id, cat->origin ? cat->origin : "the catalogue");
	return NULL;
}

int test_under_valgrind(void)
{
	const char *scale = getenv("GPUADV_TEST_TIME_SCALE");

	return scale && strtol(scale, NULL, 10) > 1;
}
