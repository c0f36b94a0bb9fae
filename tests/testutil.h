/* testutil.h - what several test suites need: reading a fixture, loading a
 * catalogue from one (with its error printed when that fails), finding a
 * GPU in it by id. */
#ifndef GPUADV_TESTUTIL_H
#define GPUADV_TESTUTIL_H

#include <stddef.h>

#include "gpu_advisor/catalog.h"

/* The whole file, NUL-terminated, malloc'd; NULL when it cannot be read. */
char *test_read_file(const char *path, size_t *len);

/* Load the catalogue at path into cat, named by the file's base name; 0,
 * or -1 with the error on stderr. */
int test_load_catalog(struct gpuadv_catalog *cat, const char *path);

/* The GPU of cat with this id; fails the running test when there is none. */
const struct gpuadv_gpu *test_gpu(const struct gpuadv_catalog *cat, const char *id);

/* True when the suite runs under valgrind (the valgrind preset sets
 * GPUADV_TEST_TIME_SCALE): tests that only repeat arithmetic for minutes
 * there (model refits, cross-validation) skip themselves, since the normal
 * and sanitizer builds run them in full. */
int test_under_valgrind(void);

#endif
