/*
 * install.h - put a downloaded catalogue in place of the installed one,
 * safely: under an exclusive lock, only after it passes every check (size,
 * optional SHA-256, the strict loader, not older than what it replaces), by
 * writing a temporary file in the same directory, syncing it, renaming it
 * over the old one and syncing the directory. On any failure the installed
 * catalogue is left exactly as it was.
 */
#ifndef GPU_ADVISOR_INSTALL_H
#define GPU_ADVISOR_INSTALL_H

#include <stdbool.h>
#include <stddef.h>

#include "gpu_advisor/error.h"

#define GPUADV_SHA256_HEX_LEN 64
#define GPUADV_INSTALL_FILE "catalog.yaml"
#define GPUADV_INSTALL_LOCK "catalog.yaml.lock"
/* The newest as_of ever installed here (one line, YYYY-MM-DD): the floor
 * for later updates whichever catalogue is in use. */
#define GPUADV_INSTALL_NEWEST "catalog.yaml.newest"
#define GPUADV_PATH_MAX 4096

/* Lowercase hex SHA-256 of data (libsodium) into hex[65]. Returns 0, or
 * GPUADV_EINTERNAL when libsodium cannot be initialised. */
int gpuadv_sha256_hex(char *hex, const void *data, size_t len,
		      struct gpuadv_error *err);

/* Whether s is 64 hex digits (either case). */
bool gpuadv_sha256_valid(const char *s);

/*
 * The data directory: $XDG_DATA_HOME/gpu-advisor when XDG_DATA_HOME is an
 * absolute path, else $HOME/.local/share/gpu-advisor. Returns 0, or
 * GPUADV_ENOINPUT when neither is set, GPUADV_EUSAGE when it does not fit.
 */
int gpuadv_install_dir(char *buf, size_t size, struct gpuadv_error *err);

struct gpuadv_install_opts {
	const char *dir;        /* the data directory; created when missing */
	const char *name;       /* where the data came from, for messages */
	const char *sha256;     /* expected hex digest; NULL: no check */
	const char *min_as_of;  /* refuse older than this too (the built-in
				 * catalogue's date, whichever is in use); may be NULL */
	bool force;             /* install even when older */
};

struct gpuadv_install_result {
	char path[GPUADV_PATH_MAX];          /* the installed file */
	char sha256[GPUADV_SHA256_HEX_LEN + 1];
	char as_of[16];                      /* the new catalogue's */
	char previous_as_of[16];             /* "" when none was installed */
	char newest_as_of[16];               /* the record before; "" for none */
	int sync_errno; /* 0, or why the directory could not be synced after
			 * the rename: installed, durability unconfirmed */
	size_t gpu_count;
	size_t bytes;
};

/*
 * Check data and install it as opts->dir/catalog.yaml. Under the lock,
 * temporary files a killed update left are removed first. The lock file
 * and the installed copy are never opened through a symlink; an installed
 * entry that is not a regular file counts as none. Failures:
 *   GPUADV_EDATA    over the size cap, checksum mismatch, fails the strict
 *                   loader (file:line:column, named opts->name), or older
 *                   than the built-in, the installed or the newest ever
 *                   installed catalogue, without force
 *   GPUADV_EIO      the directory, lock, temporary file, sync or rename
 *                   failed; or another update holds the lock (it is taken
 *                   with LOCK_NB: a second update fails at once, it does
 *                   not wait)
 *   GPUADV_EUSAGE   opts->sha256 is not 64 hex digits
 *   GPUADV_ENOMEM, GPUADV_EINTERNAL
 */
int gpuadv_install_catalog(struct gpuadv_install_result *out, const char *data,
			   size_t len, const struct gpuadv_install_opts *opts,
			   struct gpuadv_error *err);

#endif
