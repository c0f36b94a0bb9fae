/*
 * fetch.c - HTTPS download into memory with libcurl; see fetch.h. The size
 * cap is enforced in the write callback as bytes arrive (a lying or absent
 * Content-Length does not get past it), and every libcurl failure is mapped
 * to one gpuadv_err code and a message that says what failed.
 *
 * libcurl is loaded with dlopen() when a download starts, not linked: it
 * brings some thirty libraries (TLS, Kerberos, LDAP, ...) whose loading
 * would otherwise triple the start-up time of every command, of which only
 * `update` uses the network. (git keeps libcurl out of git itself for the
 * same reason.) The headers, and so the API, are libcurl's own.
 */
#include "gpu_advisor/fetch.h"

#include <curl/curl.h>
#include <dlfcn.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "gpu_advisor/catalog.h"

/* The Debian package libcurl4 (libcurl4-openssl-dev builds against it). */
#define CURL_SONAME "libcurl.so.4"

static struct {
	CURLcode (*global_init)(long flags);
	void (*global_cleanup)(void);
	CURL *(*easy_init)(void);
	CURLcode (*easy_setopt)(CURL *h, CURLoption option, ...);
	CURLcode (*easy_perform)(CURL *h);
	CURLcode (*easy_getinfo)(CURL *h, CURLINFO info, ...);
	void (*easy_cleanup)(CURL *h);
	const char *(*easy_strerror)(CURLcode cc);
} curl;

/* Load libcurl once; later calls reuse it. */
static int load_curl(struct gpuadv_error *err)
{
	static void *lib;
	static const struct {
		const char *name;
		size_t offset;
	} syms[] = {
#define SYM(field, name) { #name, offsetof(__typeof__(curl), field) }
		SYM(global_init, curl_global_init),
		SYM(global_cleanup, curl_global_cleanup),
		SYM(easy_init, curl_easy_init),
		SYM(easy_setopt, curl_easy_setopt),
		SYM(easy_perform, curl_easy_perform),
		SYM(easy_getinfo, curl_easy_getinfo),
		SYM(easy_cleanup, curl_easy_cleanup),
		SYM(easy_strerror, curl_easy_strerror),
#undef SYM
	};
	size_t i;

	if (lib)
		return 0;
	lib = dlopen(CURL_SONAME, RTLD_NOW | RTLD_LOCAL);
	if (!lib)
		return gpuadv_error_set(err, GPUADV_EUNAVAIL,
					"cannot load libcurl (%s): %s; install the libcurl4 package",
					CURL_SONAME, dlerror());
	for (i = 0; i < sizeof(syms) / sizeof(syms[0]); i++) {
		void *fn = dlsym(lib, syms[i].name);

		if (!fn) {
			dlclose(lib);
			lib = NULL;
			return gpuadv_error_set(err, GPUADV_EUNAVAIL,
						"libcurl (%s) lacks '%s'", CURL_SONAME,
						syms[i].name);
		}
		memcpy((char *)&curl + syms[i].offset, &fn, sizeof(fn));
	}
	return 0;
}

struct sink {
	char *buf;
	size_t len, cap, max;
	bool too_big, oom;
	char location[256]; /* the last redirect's Location, for messages */
	const struct gpuadv_fetch_opts *opts;
};

/* Remember where the server redirects to: libcurl does not say where a
 * redirect it refused was going. */
static size_t on_header(char *data, size_t size, size_t nmemb, void *user)
{
	struct sink *s = user;
	size_t n = size * nmemb, i = 9;

	if (n > 9 && strncasecmp(data, "location:", 9) == 0) {
		while (i < n && (data[i] == ' ' || data[i] == '\t'))
			i++;
		n -= i;
		while (n > 0 && (data[i + n - 1] == '\r' || data[i + n - 1] == '\n' ||
				 data[i + n - 1] == ' '))
			n--;
		if (n >= sizeof(s->location))
			n = sizeof(s->location) - 1;
		memcpy(s->location, data + i, n);
		s->location[n] = '\0';
		gpuadv_fetch_redact(s->location, sizeof(s->location), s->location);
	}
	return size * nmemb;
}

static size_t on_write(char *data, size_t size, size_t nmemb, void *user)
{
	struct sink *s = user;
	size_t n = size * nmemb;

	if (n > s->max - s->len) {
		s->too_big = true;
		return 0; /* aborts the transfer: CURLE_WRITE_ERROR */
	}
	if (s->len + n + 1 > s->cap) {
		size_t cap = s->cap ? s->cap : 65536;
		char *grown;

		while (cap < s->len + n + 1)
			cap *= 2;
		if (cap > s->max + 1)
			cap = s->max + 1;
		grown = realloc(s->buf, cap);
		if (!grown) {
			s->oom = true;
			return 0;
		}
		s->buf = grown;
		s->cap = cap;
	}
	memcpy(s->buf + s->len, data, n);
	s->len += n;
	s->buf[s->len] = '\0';
	return n;
}

static int on_progress(void *user, curl_off_t dltotal, curl_off_t dlnow,
		       curl_off_t ultotal, curl_off_t ulnow)
{
	const struct sink *s = user;

	(void)ultotal;
	(void)ulnow;
	s->opts->progress(s->opts->progress_user,
			  dlnow > 0 ? (uint64_t)dlnow : 0,
			  dltotal > 0 ? (uint64_t)dltotal : 0);
	return 0;
}

void gpuadv_fetch_redact(char *buf, size_t size, const char *url)
{
	char copy[GPUADV_FETCH_URL_MAX];
	const char *u = url ? url : "", *scheme, *host, *end, *at = NULL, *p;
	size_t h, a;

	if (size == 0)
		return;
	/* Found in the whole address, not in a copy cut to size: an '@' past
	 * the cut must still hide what comes before it. */
	scheme = strstr(u, "://");
	host = scheme ? scheme + 3 : u;
	end = host + strcspn(host, "/?#");
	for (p = host; p < end; p++)
		if (*p == '@')
			at = p;
	snprintf(copy, sizeof(copy), "%s", u); /* buf may be url */
	if (!scheme || !at) {
		snprintf(buf, size, "%s", copy);
		return;
	}
	h = (size_t)(host - u);
	a = (size_t)(at - u);
	if (a < strlen(copy))
		snprintf(buf, size, "%.*s***%s", (int)h, copy, copy + a);
	else
		snprintf(buf, size, "%.*s***@...", (int)h, copy);
}

bool gpuadv_fetch_is_https(const char *s)
{
	return s && strncasecmp(s, "https://", 8) == 0 && s[8] && s[8] != '/';
}

/* Turn a failed transfer into an error record. */
static int explain(struct gpuadv_error *err, CURL *h, CURLcode cc,
		   const struct sink *s, const char *url, const char *detail,
		   long timeout)
{
	const char *what = detail[0] ? detail : curl.easy_strerror(cc);
	long status = 0;

	if (s->oom)
		return gpuadv_error_set(err, GPUADV_ENOMEM, "out of memory");
	/* libcurl says "Out of memory" also when a server sends a header line
	 * over its 100 KiB limit: a hostile server, far likelier than a
	 * failed allocation inside libcurl. */
	if (cc == CURLE_OUT_OF_MEMORY)
		return gpuadv_error_at(err, GPUADV_EUNAVAIL, url, 0, 0,
				       "libcurl could not read the response: %s (as it says of a header over 100 KiB)",
				       what);
	if (s->too_big || cc == CURLE_FILESIZE_EXCEEDED)
		return gpuadv_error_at(err, GPUADV_EDATA, url, 0, 0,
				       "download is larger than %zu bytes", s->max);
	switch (cc) {
	case CURLE_HTTP_RETURNED_ERROR:
		curl.easy_getinfo(h, CURLINFO_RESPONSE_CODE, &status);
		return gpuadv_error_at(err, GPUADV_EUNAVAIL, url, 0, 0, "HTTP %ld",
				       status);
	case CURLE_UNSUPPORTED_PROTOCOL:
		if (s->location[0])
			return gpuadv_error_at(err, GPUADV_EUNAVAIL, url, 0, 0,
					       "redirect to '%.200s' refused: only https:// is allowed",
					       s->location);
		/* No redirect: libcurl refused the response itself (no status
		 * line: HTTP/0.9, or not HTTP at all). */
		return gpuadv_error_at(err, GPUADV_EUNAVAIL, url, 0, 0, "%s", what);
	case CURLE_OPERATION_TIMEDOUT:
		if (strstr(what, "too slow"))
			return gpuadv_error_at(err, GPUADV_EUNAVAIL, url, 0, 0,
					       "transfer too slow: %s", what);
		return gpuadv_error_at(err, GPUADV_EUNAVAIL, url, 0, 0,
				       "timed out after %ld seconds", timeout);
	case CURLE_PEER_FAILED_VERIFICATION:
	case CURLE_SSL_CONNECT_ERROR:
	case CURLE_SSL_CERTPROBLEM:
	case CURLE_SSL_INVALIDCERTSTATUS:
		return gpuadv_error_at(err, GPUADV_EUNAVAIL, url, 0, 0,
				       "TLS failed: %s", what);
	case CURLE_SSL_CACERT_BADFILE:
		return gpuadv_error_at(err, GPUADV_ENOINPUT, url, 0, 0,
				       "cannot use the CA file: %s", what);
	case CURLE_URL_MALFORMAT:
		/* After a redirect, a malformed address is the server's. */
		if (s->location[0])
			return gpuadv_error_at(err, GPUADV_EUNAVAIL, url, 0, 0,
					       "redirect to a malformed address '%.200s' refused",
					       s->location);
		return gpuadv_error_at(err, GPUADV_EUSAGE, url, 0, 0,
				       "malformed URL: %s", what);
	case CURLE_PARTIAL_FILE:
		return gpuadv_error_at(err, GPUADV_EUNAVAIL, url, 0, 0,
				       "download cut short: %s", what);
	default:
		return gpuadv_error_at(err, GPUADV_EUNAVAIL, url, 0, 0, "%s", what);
	}
}

int gpuadv_fetch(char **out, size_t *len, const char *url,
		 const struct gpuadv_fetch_opts *opts, struct gpuadv_error *err)
{
	static const struct gpuadv_fetch_opts defaults = { 0 };
	struct sink s = { 0 };
	char detail[CURL_ERROR_SIZE] = "";
	long timeout, connect_timeout, low_speed_s, status = 0;
	bool inited = false;
	CURL *h = NULL;
	CURLcode cc;
	int rc = 0;
	char shown[GPUADV_FETCH_URL_MAX];

	*out = NULL;
	*len = 0;
	gpuadv_error_clear(err);
	gpuadv_fetch_redact(shown, sizeof(shown), url);
	if (!opts)
		opts = &defaults;
	s.opts = opts;
	s.max = opts->max_bytes ? opts->max_bytes : GPUADV_CATALOG_MAX_BYTES;
	timeout = opts->timeout_s > 0 ? opts->timeout_s : GPUADV_FETCH_TIMEOUT_S;
	connect_timeout = timeout < GPUADV_FETCH_CONNECT_TIMEOUT_S
				  ? timeout : GPUADV_FETCH_CONNECT_TIMEOUT_S;
	/* A crawl is cut short only when the overall timeout is longer. */
	low_speed_s = timeout > GPUADV_FETCH_LOW_SPEED_S ? GPUADV_FETCH_LOW_SPEED_S : 0;
	if (!gpuadv_fetch_is_https(url)) {
		rc = gpuadv_error_at(err, GPUADV_EUSAGE, shown, 0, 0,
				     "not an https:// address");
		goto done;
	}
	if ((rc = load_curl(err)))
		goto done;
	if (curl.global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) {
		rc = gpuadv_error_set(err, GPUADV_EINTERNAL, "cannot initialise libcurl");
		goto done;
	}
	inited = true;
	h = curl.easy_init();
	if (!h) {
		rc = gpuadv_error_set(err, GPUADV_ENOMEM, "out of memory");
		goto done;
	}
	/* Setting an option fails only for lack of memory or an option this
	 * libcurl lacks; check the ones security depends on. */
	if (curl.easy_setopt(h, CURLOPT_URL, url) != CURLE_OK ||
	    curl.easy_setopt(h, CURLOPT_PROTOCOLS_STR, "https") != CURLE_OK ||
	    curl.easy_setopt(h, CURLOPT_REDIR_PROTOCOLS_STR, "https") != CURLE_OK ||
	    curl.easy_setopt(h, CURLOPT_SSL_VERIFYPEER, 1L) != CURLE_OK ||
	    curl.easy_setopt(h, CURLOPT_SSL_VERIFYHOST, 2L) != CURLE_OK ||
	    (opts->cacert &&
	     curl.easy_setopt(h, CURLOPT_CAINFO, opts->cacert) != CURLE_OK) ||
	    curl.easy_setopt(h, CURLOPT_MAXFILESIZE_LARGE,
			     (curl_off_t)s.max) != CURLE_OK) {
		rc = gpuadv_error_set(err, GPUADV_EINTERNAL,
				      "cannot set up a secure transfer with this libcurl");
		goto done;
	}
	curl.easy_setopt(h, CURLOPT_ERRORBUFFER, detail);
	curl.easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
	curl.easy_setopt(h, CURLOPT_FOLLOWLOCATION, 1L);
	curl.easy_setopt(h, CURLOPT_MAXREDIRS, GPUADV_FETCH_MAX_REDIRECTS);
	curl.easy_setopt(h, CURLOPT_FAILONERROR, 1L);
	curl.easy_setopt(h, CURLOPT_CONNECTTIMEOUT, connect_timeout);
	curl.easy_setopt(h, CURLOPT_TIMEOUT, timeout);
	if (low_speed_s) {
		curl.easy_setopt(h, CURLOPT_LOW_SPEED_LIMIT, GPUADV_FETCH_LOW_SPEED_BYTES);
		curl.easy_setopt(h, CURLOPT_LOW_SPEED_TIME, low_speed_s);
	}
	curl.easy_setopt(h, CURLOPT_USERAGENT,
			 opts->user_agent ? opts->user_agent : "gpu-advisor");
	curl.easy_setopt(h, CURLOPT_WRITEFUNCTION, on_write);
	curl.easy_setopt(h, CURLOPT_WRITEDATA, &s);
	curl.easy_setopt(h, CURLOPT_HEADERFUNCTION, on_header);
	curl.easy_setopt(h, CURLOPT_HEADERDATA, &s);
	if (opts->progress) {
		curl.easy_setopt(h, CURLOPT_XFERINFOFUNCTION, on_progress);
		curl.easy_setopt(h, CURLOPT_XFERINFODATA, &s);
		curl.easy_setopt(h, CURLOPT_NOPROGRESS, 0L);
	}
	cc = curl.easy_perform(h);
	if (cc != CURLE_OK) {
		rc = explain(err, h, cc, &s, shown, detail, timeout);
		goto done;
	}
	curl.easy_getinfo(h, CURLINFO_RESPONSE_CODE, &status);
	if (status < 200 || status > 299) {
		rc = gpuadv_error_at(err, GPUADV_EUNAVAIL, shown, 0, 0, "HTTP %ld",
				     status);
		goto done;
	}
	if (!s.buf) { /* an empty body */
		s.buf = calloc(1, 1);
		if (!s.buf) {
			rc = gpuadv_error_set(err, GPUADV_ENOMEM, "out of memory");
			goto done;
		}
	}
	*out = s.buf;
	*len = s.len;
	s.buf = NULL;
done:
	free(s.buf);
	if (h)
		curl.easy_cleanup(h);
	if (inited)
		curl.global_cleanup();
	return rc;
}
