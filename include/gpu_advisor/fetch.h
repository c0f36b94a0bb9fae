/*
 * fetch.h - download one document over HTTPS into memory (libcurl).
 *
 * Only https:// is spoken, redirects included; the peer's certificate and
 * host name are always verified (against the system's CAs, or opts->cacert).
 * Every transfer is bounded: a connect timeout, an overall timeout, an abort
 * when the transfer crawls, a redirect limit, and a size cap enforced while
 * the bytes arrive. Proxies come from the environment, as libcurl does.
 *
 * gpuadv_fetch never prints; a progress callback lets the caller draw a bar.
 */
#ifndef GPU_ADVISOR_FETCH_H
#define GPU_ADVISOR_FETCH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "gpu_advisor/error.h"

#define GPUADV_FETCH_TIMEOUT_S 60L         /* default overall timeout */
#define GPUADV_FETCH_CONNECT_TIMEOUT_S 15L /* at most; never above the overall */
#define GPUADV_FETCH_LOW_SPEED_BYTES 256L  /* abort below this many bytes/s ... */
#define GPUADV_FETCH_LOW_SPEED_S 30L       /* ... sustained for this long */
#define GPUADV_FETCH_MAX_REDIRECTS 5L

/* Called now and then while receiving: bytes so far, and the total the
 * server announced (0 when it announced none). */
typedef void (*gpuadv_fetch_progress_fn)(void *user, uint64_t now,
					 uint64_t total);

struct gpuadv_fetch_opts {
	const char *cacert;     /* a PEM file of CAs to trust instead; NULL: system */
	long timeout_s;         /* whole transfer; 0: GPUADV_FETCH_TIMEOUT_S */
	size_t max_bytes;       /* the cap; 0: GPUADV_CATALOG_MAX_BYTES */
	const char *user_agent; /* NULL: "gpu-advisor" */
	gpuadv_fetch_progress_fn progress; /* NULL: none */
	void *progress_user;
};

/*
 * GET url (which must be https://) into a malloc'd buffer of *len bytes,
 * NUL-terminated (the NUL is not counted); free() it. On failure *out is
 * NULL and err->file holds the URL (redacted: gpuadv_fetch_redact),
 * err->message what went wrong:
 *   GPUADV_EUSAGE    the URL is not https:// or is malformed
 *   GPUADV_EUNAVAIL  no answer, TLS failure, HTTP error status, timeout, a
 *                    body cut short, a redirect to another scheme or to a
 *                    malformed address
 *   GPUADV_EDATA     the body is larger than the cap
 *   GPUADV_ENOINPUT  opts->cacert cannot be used
 *   GPUADV_ENOMEM, GPUADV_EINTERNAL
 * It calls curl_global_init/cleanup itself, so it must not run while
 * another thread uses libcurl.
 */
int gpuadv_fetch(char **out, size_t *len, const char *url,
		 const struct gpuadv_fetch_opts *opts, struct gpuadv_error *err);

/* The longest address shown in messages (longer ones are cut). */
#define GPUADV_FETCH_URL_MAX 4096

/* url as it may be shown: a user:password@ in its authority becomes
 * ***@ (errors, the `from:` line). buf may be url itself. */
void gpuadv_fetch_redact(char *buf, size_t size, const char *url);

/* Whether s starts with "https://" (any case) and has a host after it. */
bool gpuadv_fetch_is_https(const char *s);

#endif
