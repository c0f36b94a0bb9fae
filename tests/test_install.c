/*
 * test_install.c - gpuadv_install_catalog on a real temporary directory,
 * for the faults test_update.sh cannot make: fsync is wrapped (linked with
 * -Wl,--wrap=fsync) so that syncing a directory fails as it does on
 * filesystems that refuse it.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "gpu_advisor/install.h"
#include "testutil.h"

int __real_fsync(int fd);
int __wrap_fsync(int fd);

static int dir_fsync_errno; /* 0: fsync as usual */

int __wrap_fsync(int fd)
{
	struct stat st;

	if (dir_fsync_errno && fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
		errno = dir_fsync_errno;
		return -1;
	}
	return __real_fsync(fd);
}

/* Regression (issue 9, item 6): a directory that cannot be synced after
 * the rename was "update failed", exit 74, with the new catalogue in place. */
static void test_dir_fsync_refused(void **state)
{
	char dir[] = "/tmp/gpuadv-install.XXXXXX", path[4200];
	struct gpuadv_install_opts o = { 0 };
	struct gpuadv_install_result res;
	struct gpuadv_error err;
	size_t len, got_len;
	char *data, *got;

	(void)state;
	assert_non_null(mkdtemp(dir));
	data = test_read_file(GPUADV_FIXTURES "/good-full.yaml", &len);
	assert_non_null(data);
	o.dir = dir;
	o.name = "good-full.yaml";
	dir_fsync_errno = EINVAL;
	assert_int_equal(gpuadv_install_catalog(&res, data, len, &o, &err), 0);
	dir_fsync_errno = 0;
	assert_int_equal(res.sync_errno, EINVAL);
	snprintf(path, sizeof(path), "%s/%s", dir, GPUADV_INSTALL_FILE);
	got = test_read_file(path, &got_len);
	assert_non_null(got);
	assert_int_equal(got_len, len);
	assert_memory_equal(got, data, len);
	free(got);
	free(data);
	unlink(path);
	snprintf(path, sizeof(path), "%s/%s", dir, GPUADV_INSTALL_LOCK);
	unlink(path);
	snprintf(path, sizeof(path), "%s/%s", dir, GPUADV_INSTALL_NEWEST);
	unlink(path);
	assert_int_equal(rmdir(dir), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_dir_fsync_refused),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
