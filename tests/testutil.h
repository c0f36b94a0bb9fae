/* testutil.h - what several test suites need: reading a fixture, loading a
 * catalogue from one (with its error printed when that fails). */
#ifndef GPUADV_TESTUTIL_H
#define GPUADV_TESTUTIL_H

#include <stddef.h>

#include "gpu_advisor/catalog.h"

/* The whole file, NUL-terminated, malloc'd; NULL when it cannot be read. */
char *test_read_file(const char *path, size_t *len);

/* Load the catalogue at path into cat, named by the file's base name; 0,
 * or -1 with the error on stderr. */
int test_load_catalog(struct gpuadv_catalog *cat, const char *path);

#endif
