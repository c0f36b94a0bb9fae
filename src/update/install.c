/*
 * install.c - the checked, atomic replacement of the installed catalogue
 * (see install.h): check the bytes (size, SHA-256, strict loader), lock,
 * check the date against the installed copy, write a temporary file in the
 * same directory, fsync, rename, fsync the directory. Also the data
 * directory's location and the SHA-256 helper.
 */
#include "gpu_advisor/install.h"

#include <ctype.h>
#include <dirent.h>
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
	else if (xdg && xdg[0])
		return gpuadv_error_set(err, GPUADV_ENOINPUT,
					"no data directory: XDG_DATA_HOME ('%.200s') is not an absolute path, and HOME is not set",
					xdg);
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

/*
 * Read a file of ours in the data directory, if it is there: *data NULL
 * when it is not, or is not a regular file (a symlink, which is not
 * followed, a FIFO, which is not waited on): nothing usable is installed
 * then, and the rename replaces the entry itself.
 */
static int read_installed(char **data, size_t *len, const char *path,
			  struct gpuadv_error *err)
{
	size_t cap = GPUADV_CATALOG_MAX_BYTES + 1, n = 0;
	char *buf = NULL;
	struct stat st;
	ssize_t got;
	int fd, rc = 0;

	*data = NULL;
	*len = 0;
	fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK);
	if (fd < 0) {
		if (errno == ENOENT || errno == ELOOP || errno == ENXIO)
			return 0;
		return gpuadv_error_set(err, GPUADV_EIO, "cannot read '%s': %s", path,
					strerror(errno));
	}
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode))
		goto done;
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
	/* Never through a symlink planted there: it could point anywhere. */
	*fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK, 0644);
	if (*fd < 0 && (errno == EACCES || errno == EROFS))
		*fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK);
	if (*fd < 0 && errno == ELOOP)
		return gpuadv_error_set(err, GPUADV_EIO,
					"lock file '%s' is a symbolic link; remove it", path);
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

/* A YYYY-MM-DD date at the start of data, or "" (the record is ours, but
 * anyone may have written over it: only a well-formed date counts). */
static void read_date(char out[16], const char *data, size_t len)
{
	static const char shape[] = "dddd-dd-dd";
	size_t i;

	out[0] = '\0';
	if (!data || len < 10)
		return;
	for (i = 0; i < 10; i++)
		if (shape[i] == 'd' ? !isdigit((unsigned char)data[i]) : data[i] != '-')
			return;
	memcpy(out, data, 10);
	out[10] = '\0';
}

/*
 * Under the lock: refuse a catalogue older than the newest of the built-in
 * one (opts->min_as_of), the installed one (when it loads; a broken one may
 * be replaced by anything valid) and the newest ever installed here
 * (GPUADV_INSTALL_NEWEST), whichever catalogue is in use: a
 * GPU_ADVISOR_CATALOG or --catalog must not open the way back.
 */
static int check_age(struct gpuadv_install_result *out,
		     const struct gpuadv_install_opts *opts, const char *newest_path,
		     struct gpuadv_error *err)
{
	struct gpuadv_catalog old = { 0 };
	struct gpuadv_error ignored;
	const char *name = opts->name ? opts->name : "<download>";
	const char *floor = opts->min_as_of, *which = "built-in";
	char *installed = NULL, *record = NULL;
	size_t installed_len, record_len;
	int rc;

	if ((rc = read_installed(&installed, &installed_len, out->path, err)) ||
	    (rc = read_installed(&record, &record_len, newest_path, err)))
		goto done;
	if (installed &&
	    gpuadv_catalog_load(&old, installed, installed_len, out->path,
				&ignored) == 0) {
		snprintf(out->previous_as_of, sizeof(out->previous_as_of), "%s",
			 old.as_of);
		if (!floor || strcmp(out->previous_as_of, floor) >= 0) {
			floor = out->previous_as_of;
			which = "installed";
		}
	}
	read_date(out->newest_as_of, record, record_len);
	if (out->newest_as_of[0] && (!floor || strcmp(out->newest_as_of, floor) > 0)) {
		floor = out->newest_as_of;
		which = "newest ever installed";
	}
	if (floor && !opts->force && strcmp(out->as_of, floor) < 0)
		rc = gpuadv_error_at(err, GPUADV_EDATA, name, 0, 0,
				     "catalogue as of %s is older than the %s one (as of %s); use --force to install it anyway",
				     out->as_of, which, floor);
done:
	free(installed);
	free(record);
	gpuadv_catalog_release(&old);
	return rc;
}

/* Whether name is one of replace()'s temporary files: "." GPUADV_INSTALL_FILE
 * "." and mkstemp's six characters. */
static bool is_our_temporary(const char *name)
{
	const size_t plen = 1 + strlen(GPUADV_INSTALL_FILE) + 1;
	size_t i;

	if (strncmp(name, ".", 1) || strncmp(name + 1, GPUADV_INSTALL_FILE, plen - 2) ||
	    name[plen - 1] != '.' || strlen(name) != plen + 6)
		return false;
	for (i = plen; name[i]; i++)
		if (!isalnum((unsigned char)name[i]))
			return false;
	return true;
}

/* Under the lock, no other update is writing: a temporary file of ours is
 * what a killed update left behind. Remove them (files only, not
 * followed); failures are harmless and ignored. */
static void remove_stale(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	struct stat st;

	if (!d)
		return;
	while ((e = readdir(d)))
		if (is_our_temporary(e->d_name) &&
		    fstatat(dirfd(d), e->d_name, &st, AT_SYMLINK_NOFOLLOW) == 0 &&
		    S_ISREG(st.st_mode))
			unlinkat(dirfd(d), e->d_name, 0);
	closedir(d);
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

/* Temporary file in dir, fsync, rename over path, fsync dir. A directory
 * that cannot be synced (some filesystems refuse) is not a failure: the new
 * file is in place; *sync_errno says why its durability is unconfirmed. */
static int replace(const char *dir, const char *path, const char *data,
		   size_t len, int *sync_errno, struct gpuadv_error *err)
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
	if (dfd < 0 || fsync(dfd) != 0)
		*sync_errno = errno ? errno : EIO;
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
	char newest[GPUADV_PATH_MAX];
	int lock = -1, rc, n, ignored;

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
	snprintf(newest, sizeof(newest), "%s/%s", opts->dir, GPUADV_INSTALL_NEWEST);
	if ((rc = check_content(out, data, len, opts, err)) ||
	    (rc = make_dirs(opts->dir, err)) ||
	    (rc = lock_dir(&lock, opts->dir, err)))
		goto done;
	remove_stale(opts->dir);
	if ((rc = check_age(out, opts, newest, err)) ||
	    (rc = replace(opts->dir, out->path, data, len, &out->sync_errno, err)))
		goto done;
	/* Record the newest date ever installed; the catalogue is in place
	 * whatever becomes of the record. */
	if (strcmp(out->as_of, out->newest_as_of) > 0) {
		char line[16];
		struct gpuadv_error why;

		n = snprintf(line, sizeof(line), "%s\n", out->as_of);
		ignored = 0;
		replace(opts->dir, newest, line, (size_t)n, &ignored, &why);
	}
done:
	if (lock >= 0)
		close(lock); /* releases the lock */
	return rc;
}
