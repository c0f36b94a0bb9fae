/*
 * install.c - the checked, atomic replacement of the installed catalogue
 * (see install.h): check the bytes (size, SHA-256, strict loader), lock,
 * check the date against the installed copy, write a temporary file in the
 * same directory, fsync, rename, fsync the directory. Also the data
 * directory's location and the SHA-256 helper.
 */
#include "gpu_advisor/install.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "gpu_advisor/catalog.h"

int gpuadv_sha256_hex(char *hex, const void *data, size_t len,
		      struct gpuadv_error *err)
{
	unsigned char digest[crypto_hash_sha256_BYTES];

	hex[0] = '\0';
	if (sodium_init() < 0)
		return gpuadv_error_set(err, GPUADV_EINTERNAL,
					"cannot initialise libsodium");
	crypto_hash_sha256(digest, data, len);
	sodium_bin2hex(hex, GPUADV_SHA256_HEX_LEN + 1, digest, sizeof(digest));
	return 0;
}

bool gpuadv_sha256_valid(const char *s)
{
	size_t i;

	for (i = 0; s && i < GPUADV_SHA256_HEX_LEN; i++)
		if (!isxdigit((unsigned char)s[i]))
			return false;
	return s && s[GPUADV_SHA256_HEX_LEN] == '\0';
}

int gpuadv_install_dir(char *buf, size_t size, struct gpuadv_error *err)
{
	const char *xdg = getenv("XDG_DATA_HOME"), *home = getenv("HOME");
	int n;

	if (xdg && xdg[0] == '/')
		n = snprintf(buf, size, "%s/gpu-advisor", xdg);
	else if (home && home[0])
		n = snprintf(buf, size, "%s/.local/share/gpu-advisor", home);
	else
		return gpuadv_error_set(err, GPUADV_ENOINPUT,
					"no data directory: neither XDG_DATA_HOME nor HOME is set");
	if (n < 0 || (size_t)n >= size)
		return gpuadv_error_set(err, GPUADV_EUSAGE,
					"the data directory's path is too long");
	return 0;
}

/* mkdir -p, new directories mode 0700 (the XDG base directory rule). */
static int make_dirs(const char *dir, struct gpuadv_error *err)
{
	char path[GPUADV_PATH_MAX];
	size_t i, n = strlen(dir);

	if (n >= sizeof(path))
		return gpuadv_error_set(err, GPUADV_EIO, "path too long: '%.200s'", dir);
	memcpy(path, dir, n + 1);
	for (i = 1; i <= n; i++) {
		if (path[i] != '/' && path[i] != '\0')
			continue;
		path[i] = '\0';
		if (mkdir(path, 0700) != 0 && errno != EEXIST)
			return gpuadv_error_set(err, GPUADV_EIO,
						"cannot create directory '%s': %s",
						path, strerror(errno));
		path[i] = i < n ? '/' : '\0';
	}
	return 0;
}

/* Read the installed catalogue, if any. *data NULL: none there. */
static int read_installed(char **data, size_t *len, const char *path,
			  struct gpuadv_error *err)
{
	size_t cap = GPUADV_CATALOG_MAX_BYTES + 1, n = 0;
	char *buf = NULL;
	ssize_t got;
	int fd, rc = 0;

	*data = NULL;
	*len = 0;
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		if (errno == ENOENT)
			return 0;
		return gpuadv_error_set(err, GPUADV_EIO, "cannot read '%s': %s", path,
					strerror(errno));
	}
	buf = malloc(cap + 1);
	if (!buf) {
		rc = gpuadv_error_set(err, GPUADV_ENOMEM, "out of memory");
		goto done;
	}
	while (n < cap && (got = read(fd, buf + n, cap - n)) != 0) {
		if (got < 0) {
			if (errno == EINTR)
				continue;
			rc = gpuadv_error_set(err, GPUADV_EIO, "cannot read '%s': %s",
					      path, strerror(errno));
			goto done;
		}
		n += (size_t)got;
	}
	buf[n] = '\0';
	*data = buf;
	*len = n;
	buf = NULL;
done:
	free(buf);
	close(fd);
	return rc;
}

static int lock_dir(int *fd, const char *dir, struct gpuadv_error *err)
{
	char path[GPUADV_PATH_MAX];

	snprintf(path, sizeof(path), "%s/%s", dir, GPUADV_INSTALL_LOCK);
	*fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0644);
	if (*fd < 0 && (errno == EACCES || errno == EROFS))
		*fd = open(path, O_RDONLY | O_CLOEXEC); /* flock needs no write */
	if (*fd < 0)
		return gpuadv_error_set(err, GPUADV_EIO, "cannot open lock file '%s': %s",
					path, strerror(errno));
	if (flock(*fd, LOCK_EX | LOCK_NB) != 0) {
		int e = errno;

		close(*fd);
		*fd = -1;
		if (e == EWOULDBLOCK)
			return gpuadv_error_set(err, GPUADV_EIO,
						"another update is in progress ('%s' is locked); try again later",
						path);
		return gpuadv_error_set(err, GPUADV_EIO, "cannot lock '%s': %s", path,
					strerror(e));
	}
	return 0;
}

/* Check the new bytes themselves: size, checksum, the strict loader. */
static int check_content(struct gpuadv_install_result *out, const char *data,
			 size_t len, const struct gpuadv_install_opts *opts,
			 struct gpuadv_error *err)
{
	struct gpuadv_catalog fresh = { 0 };
	const char *name = opts->name ? opts->name : "<download>";
	int rc;

	if (len > GPUADV_CATALOG_MAX_BYTES) {
		rc = gpuadv_error_at(err, GPUADV_EDATA, name, 0, 0,
				     "download is larger than %u bytes",
				     GPUADV_CATALOG_MAX_BYTES);
		goto done;
	}
	if ((rc = gpuadv_sha256_hex(out->sha256, data, len, err)))
		goto done;
	if (opts->sha256 && strcasecmp(opts->sha256, out->sha256) != 0) {
		rc = gpuadv_error_at(err, GPUADV_EDATA, name, 0, 0,
				     "checksum mismatch: expected SHA-256 %.64s, got %s",
				     opts->sha256, out->sha256);
		goto done;
	}
	if ((rc = gpuadv_catalog_load(&fresh, data, len, name, err)))
		goto done;
	snprintf(out->as_of, sizeof(out->as_of), "%s", fresh.as_of);
	out->gpu_count = fresh.gpu_count;
	out->bytes = len;
done:
	gpuadv_catalog_release(&fresh);
	return rc;
}

/* Under the lock: refuse a catalogue older than the installed one (when
 * that loads; a broken one may be replaced by anything valid), or when none
 * is installed, than opts->min_as_of. */
static int check_age(struct gpuadv_install_result *out,
		     const struct gpuadv_install_opts *opts,
		     struct gpuadv_error *err)
{
	struct gpuadv_catalog old = { 0 };
	struct gpuadv_error ignored;
	const char *name = opts->name ? opts->name : "<download>";
	const char *floor = opts->min_as_of;
	char *installed = NULL;
	size_t installed_len;
	int rc;

	if ((rc = read_installed(&installed, &installed_len, out->path, err)))
		goto done;
	if (installed &&
	    gpuadv_catalog_load(&old, installed, installed_len, out->path,
				&ignored) == 0) {
		snprintf(out->previous_as_of, sizeof(out->previous_as_of), "%s",
			 old.as_of);
		floor = out->previous_as_of;
	}
	if (floor && !opts->force && strcmp(out->as_of, floor) < 0)
		rc = gpuadv_error_at(err, GPUADV_EDATA, name, 0, 0,
				     "catalogue as of %s is older than the %s one (as of %s); use --force to install it anyway",
				     out->as_of,
				     out->previous_as_of[0] ? "installed" : "built-in",
				     floor);
done:
	free(installed);
	gpuadv_catalog_release(&old);
	return rc;
}

static int write_all(int fd, const char *data, size_t len)
{
	while (len > 0) {
		ssize_t n = write(fd, data, len);

		if (n < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		data += n;
		len -= (size_t)n;
	}
	return 0;
}

/* Temporary file in dir, fsync, rename over path, fsync dir. */
static int replace(const char *dir, const char *path, const char *data,
		   size_t len, struct gpuadv_error *err)
{
	char tmp[GPUADV_PATH_MAX];
	int fd = -1, dfd = -1, rc = 0;
	bool created = false;

	snprintf(tmp, sizeof(tmp), "%s/.%s.XXXXXX", dir, GPUADV_INSTALL_FILE);
	fd = mkstemp(tmp);
	if (fd < 0) {
		rc = gpuadv_error_set(err, GPUADV_EIO,
				      "cannot create a temporary file in '%s': %s", dir,
				      strerror(errno));
		goto done;
	}
	created = true;
	if (fchmod(fd, 0644) != 0 || write_all(fd, data, len) != 0 ||
	    fsync(fd) != 0) {
		rc = gpuadv_error_set(err, GPUADV_EIO, "cannot write '%s': %s", tmp,
				      strerror(errno));
		goto done;
	}
	if (close(fd) != 0) {
		fd = -1;
		rc = gpuadv_error_set(err, GPUADV_EIO, "cannot write '%s': %s", tmp,
				      strerror(errno));
		goto done;
	}
	fd = -1;
	if (rename(tmp, path) != 0) {
		rc = gpuadv_error_set(err, GPUADV_EIO, "cannot replace '%s': %s", path,
				      strerror(errno));
		goto done;
	}
	created = false;
	dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (dfd < 0 || fsync(dfd) != 0) {
		/* The new file is in place; only its durability is in doubt. */
		rc = gpuadv_error_set(err, GPUADV_EIO, "cannot sync directory '%s': %s",
				      dir, strerror(errno));
		goto done;
	}
done:
	if (fd >= 0)
		close(fd);
	if (created)
		unlink(tmp);
	if (dfd >= 0)
		close(dfd);
	return rc;
}

int gpuadv_install_catalog(struct gpuadv_install_result *out, const char *data,
			   size_t len, const struct gpuadv_install_opts *opts,
			   struct gpuadv_error *err)
{
	int lock = -1, rc, n;

	memset(out, 0, sizeof(*out));
	gpuadv_error_clear(err);
	if (!opts->dir || !opts->dir[0]) {
		rc = gpuadv_error_set(err, GPUADV_EINTERNAL, "no data directory given");
		goto done;
	}
	if (opts->sha256 && !gpuadv_sha256_valid(opts->sha256)) {
		rc = gpuadv_error_set(err, GPUADV_EUSAGE,
				      "a SHA-256 is 64 hex digits, got '%.100s'",
				      opts->sha256);
		goto done;
	}
	n = snprintf(out->path, sizeof(out->path), "%s/%s", opts->dir,
		     GPUADV_INSTALL_FILE);
	if (n < 0 || (size_t)n >= sizeof(out->path) - 16) {
		rc = gpuadv_error_set(err, GPUADV_EIO, "path too long: '%.200s'",
				      opts->dir);
		goto done;
	}
	if ((rc = check_content(out, data, len, opts, err)) ||
	    (rc = make_dirs(opts->dir, err)) ||
	    (rc = lock_dir(&lock, opts->dir, err)) ||
	    (rc = check_age(out, opts, err)))
		goto done;
	rc = replace(opts->dir, out->path, data, len, err);
done:
	if (lock >= 0)
		close(lock); /* releases the lock */
	return rc;
}
