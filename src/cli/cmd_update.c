/*
 * cmd_update.c - `gpu-advisor update`: download a newer catalogue over HTTPS
 * (fetch.c) and install it into the data directory (install.c), where it
 * takes precedence over the built-in one. With a public key configured
 * (--pubkey, or `pubkey:` in the configuration file), the catalogue's
 * minisign signature is downloaded too and must verify (signature.c) before
 * anything is installed. See docs/update.md.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "gpu_advisor/fetch.h"
#include "gpu_advisor/install.h"
#include "gpu_advisor/signature.h"

#define SIG_SUFFIX ".minisig"

static const struct cli_opt opts[] = {
	CLI_OPT("url", 0, "URL", "download from URL (https:// only) instead of the configured address"),
	CLI_OPT("sha256", 0, "HEX", "refuse the download unless its SHA-256 is HEX"),
	CLI_OPT("pubkey", 0, "KEY|FILE", "require a minisign signature by this public key (base64 'RW...', or a .pub file)"),
	CLI_OPT("sig-url", 0, "URL", "download the signature from URL (default: the catalogue's address + .minisig)"),
	CLI_OPT("cacert", 0, "FILE", "trust the CA certificates in FILE (PEM) instead of the system's"),
	CLI_OPT("timeout", 0, "SECONDS", "give up on the download after SECONDS (default 60)"),
	CLI_OPT("force", 0, NULL, "install even when older than the installed catalogue"),
	CLI_OPT("quiet", 'q', NULL, "no progress bar and no report on success"),
	CLI_OPT_END
};

static const char *const examples[] = {
	"gpu-advisor update",
	"gpu-advisor update --url https://example.org/gpu-advisor/catalog.yaml",
	"gpu-advisor update --url https://example.org/catalog.yaml --sha256 9f86d0...",
	"gpu-advisor update --pubkey RWQf6LRCGA9i53mlYecO4IzT51TGPpvWucNSCh1CBM0QTaLn73Y7GFO3",
	"gpu-advisor update --pubkey ~/keys/catalog.pub --sig-url https://example.org/sigs/catalog.minisig",
	NULL
};

/* The progress bar: drawn on stderr, only on a terminal, and only once the
 * download has taken more than a moment. */
struct bar {
	struct timespec start, last;
	bool drawn;
};

static double seconds_since(const struct timespec *t)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return (double)(now.tv_sec - t->tv_sec) + (now.tv_nsec - t->tv_nsec) / 1e9;
}

static void draw(void *user, uint64_t now, uint64_t total)
{
	struct bar *b = user;
	char bar[31];
	int i, fill;

	if (seconds_since(&b->start) < 1.0 || (b->drawn && seconds_since(&b->last) < 0.1))
		return;
	clock_gettime(CLOCK_MONOTONIC, &b->last);
	if (total > 0) {
		fill = (int)(now * 30 / total);
		for (i = 0; i < 30; i++)
			bar[i] = i < fill ? '#' : '-';
		bar[30] = '\0';
		fprintf(stderr, "\rdownloading [%s] %3d%% %7.1f KiB", bar,
			(int)(now * 100 / total), now / 1024.0);
	} else {
		fprintf(stderr, "\rdownloading %7.1f KiB", now / 1024.0);
	}
	fflush(stderr);
	b->drawn = true;
}

static void erase(struct bar *b)
{
	if (b->drawn)
		fprintf(stderr, "\r%60s\r", "");
}

/* Prefix a failure with "update failed: ". */
static int failed(struct gpuadv_error *err)
{
	char line[GPUADV_ERROR_MSG_MAX + GPUADV_ERROR_FILE_MAX + 64];
	int code = err->code ? err->code : GPUADV_EINTERNAL;

	gpuadv_error_format(line, sizeof(line), err);
	gpuadv_error_clear(err);
	return gpuadv_error_set(err, code, "update failed: %.480s", line);
}

/* Where to download from: --url, the config file, the active catalogue. */
static int pick_url(const char **out, const struct cli_ctx *ctx,
		    const char *flag, struct gpuadv_error *err)
{
	char shown[GPUADV_FETCH_URL_MAX];

	*out = flag;
	gpuadv_fetch_redact(shown, sizeof(shown), flag);
	if (flag && !gpuadv_fetch_is_https(flag))
		return gpuadv_error_set(err, GPUADV_EUSAGE,
					"option '--url' must be an https:// address, got '%.200s'",
					shown);
	if (!*out && ctx->have_config)
		*out = ctx->config.update_url;
	if (!*out)
		*out = ctx->catalog.update_url;
	if (!*out)
		return gpuadv_error_set(err, GPUADV_EUSAGE,
					"no update address: give --url URL, or set 'update_url: https://...' in %s",
					ctx->config_path[0] ? ctx->config_path
							    : "$XDG_CONFIG_HOME/gpu-advisor/config.yaml");
	return 0;
}

/*
 * The key signatures must verify with: --pubkey, else `pubkey:` in the
 * configuration file; *have false when neither is set. Either is the
 * base64 key itself or a .pub file's path (the configuration loader has
 * already checked the key's format, or that a path is absolute).
 */
static int load_key(struct gpuadv_pubkey *key, bool *have,
		    const struct cli_ctx *ctx, const char *flag,
		    struct gpuadv_error *err)
{
	const char *src = flag;
	char *text = NULL;
	size_t len;
	int rc = 0;

	*have = false;
	if (!src && ctx->have_config)
		src = ctx->config.pubkey;
	if (!src)
		goto done;
	if (gpuadv_signature_is_key_text(src)) {
		rc = gpuadv_signature_parse_key(key, src, strlen(src), NULL, err);
		if (rc) {
			char why[GPUADV_ERROR_MSG_MAX];

			snprintf(why, sizeof(why), "%s", err->message);
			if (flag)
				rc = gpuadv_error_set(err, GPUADV_EUSAGE,
						      "option '--pubkey' is %s", why);
			else
				rc = gpuadv_error_at(err, GPUADV_EDATA, ctx->config_path,
						     0, 0, "'pubkey' is %s", why);
			goto done;
		}
	} else {
		rc = cli_read_file(&text, &len, src, GPUADV_SIGNATURE_MAX_BYTES, err);
		if (rc == 0)
			rc = gpuadv_signature_parse_key(key, text, len, src, err);
		if (rc)
			goto done;
	}
	*have = true;
done:
	free(text);
	return rc;
}

/* Where the signature is: --sig-url, else the catalogue's address with
 * ".minisig" appended to its path (minisign's own naming), before any
 * ?query or #fragment. */
static int pick_sig_url(char *buf, size_t size, const char *url,
			const char *flag, struct gpuadv_error *err)
{
	char shown[GPUADV_FETCH_URL_MAX];
	size_t path_end = strcspn(url, "?#");
	int n;

	gpuadv_fetch_redact(shown, sizeof(shown), flag);
	if (flag && !gpuadv_fetch_is_https(flag))
		return gpuadv_error_set(err, GPUADV_EUSAGE,
					"option '--sig-url' must be an https:// address, got '%.200s'",
					shown);
	if (flag)
		n = snprintf(buf, size, "%s", flag);
	else
		n = snprintf(buf, size, "%.*s%s%s", (int)path_end, url, SIG_SUFFIX,
			     url + path_end);
	if (n < 0 || (size_t)n >= size)
		return gpuadv_error_set(err, GPUADV_EUSAGE,
					"the signature's address is longer than %zu bytes",
					size - 1);
	return 0;
}

/*
 * Download the signature at sig_url and check that it signs data (from
 * url) with key. A signature the server does not have (404, 410) is a
 * refused catalogue (GPUADV_EDATA), not a network failure: with a key
 * configured, an unsigned catalogue must not be installed, and retrying
 * will not help.
 */
static int check_signature(struct gpuadv_signature *sig,
			   const struct gpuadv_pubkey *key, const char *data,
			   size_t len, const char *url, const char *sig_url,
			   const struct gpuadv_fetch_opts *catalog_fo,
			   struct gpuadv_error *err)
{
	char sig_shown[GPUADV_FETCH_URL_MAX];
	struct gpuadv_fetch_opts fo = *catalog_fo;
	char *text = NULL;
	size_t text_len;
	long status;
	int rc;

	fo.max_bytes = GPUADV_SIGNATURE_MAX_BYTES;
	fo.progress = NULL; /* a few hundred bytes: nothing to watch */
	gpuadv_fetch_redact(sig_shown, sizeof(sig_shown), sig_url);
	rc = gpuadv_fetch(&text, &text_len, sig_url, &fo, err);
	if (rc == GPUADV_EUNAVAIL && sscanf(err->message, "HTTP %ld", &status) == 1 &&
	    (status == 404 || status == 410)) {
		rc = gpuadv_error_at(err, GPUADV_EDATA, url, 0, 0,
				     "no signature at '%.200s' (HTTP %ld); with a public key configured, an unsigned catalogue is refused",
				     sig_shown, status);
		goto done;
	}
	if (rc)
		goto done;
	if ((rc = gpuadv_signature_parse(sig, text, text_len, sig_shown, err)))
		goto done;
	rc = gpuadv_signature_verify(sig, key, data, len, url, err);
done:
	free(text);
	return rc;
}

/* Print outside text escaped (gpuadv_escape): a trusted comment comes from
 * the publisher, an address from the command line or the configuration. */
static void print_comment(FILE *out, const char *s)
{
	char buf[4 * GPUADV_FETCH_URL_MAX + 1];

	gpuadv_escape(buf, sizeof(buf), s, strlen(s), 0);
	fputs(buf, out);
}

static int run(struct cli_ctx *ctx, const struct cli_args *args,
	       struct gpuadv_error *err)
{
	const char *url, *cacert = cli_get(args, &cmd_update, "cacert");
	const char *sha = cli_get(args, &cmd_update, "sha256");
	const char *timeout = cli_get(args, &cmd_update, "timeout");
	bool quiet = cli_flag(args, &cmd_update, "quiet");
	struct gpuadv_fetch_opts fo = { .cacert = cacert,
					.timeout_s = GPUADV_FETCH_TIMEOUT_S,
					.user_agent = "gpu-advisor/" GPUADV_VERSION };
	struct gpuadv_install_opts io = { .force = cli_flag(args, &cmd_update, "force") };
	struct gpuadv_install_result res;
	struct gpuadv_signature *sig = NULL; /* about 4 KiB: not on the stack */
	struct gpuadv_pubkey key;
	struct bar bar = { 0 };
	char dir[GPUADV_PATH_MAX], sig_url[GPUADV_PATH_MAX], *data = NULL;
	const char *sig_flag = cli_get(args, &cmd_update, "sig-url");
	char key_id[GPUADV_SIGNATURE_KEYID_HEX], shown[GPUADV_FETCH_URL_MAX];
	bool have_key;
	double secs;
	size_t len;
	FILE *f;
	int rc;

	if ((rc = pick_url(&url, ctx, cli_get(args, &cmd_update, "url"), err)))
		goto done;
	/* The address as shown: without user:password (the config's too). */
	gpuadv_fetch_redact(shown, sizeof(shown), url);
	if (sha && !gpuadv_sha256_valid(sha)) {
		rc = gpuadv_error_set(err, GPUADV_EUSAGE,
				      "option '--sha256' must be 64 hex digits, got '%.100s'", sha);
		goto done;
	}
	if (timeout) {
		if ((rc = cli_number(&secs, "timeout", timeout, 1, 3600, true, err)))
			goto done;
		fo.timeout_s = (long)secs;
	}
	if (cacert) {
		f = fopen(cacert, "r");
		if (!f) {
			rc = gpuadv_error_set(err, GPUADV_ENOINPUT, "cannot open '%s': %s",
					      cacert, strerror(errno));
			goto done;
		}
		fclose(f);
	}
	/* The key and the signature's address are settled before anything is
	 * downloaded, so that a mistake in them costs no transfer. */
	if ((rc = load_key(&key, &have_key, ctx, cli_get(args, &cmd_update, "pubkey"), err)))
		goto done;
	if (sig_flag && !have_key) {
		rc = gpuadv_error_set(err, GPUADV_EUSAGE,
				      "option '--sig-url' needs a public key: give --pubkey KEY, or set 'pubkey: RW...' in %s",
				      ctx->config_path[0] ? ctx->config_path
							  : "$XDG_CONFIG_HOME/gpu-advisor/config.yaml");
		goto done;
	}
	if (have_key) {
		if ((rc = pick_sig_url(sig_url, sizeof(sig_url), url, sig_flag, err)))
			goto done;
		sig = malloc(sizeof(*sig));
		if (!sig) {
			rc = gpuadv_error_set(err, GPUADV_ENOMEM, "out of memory");
			goto done;
		}
	}
	if ((rc = gpuadv_install_dir(dir, sizeof(dir), err)))
		goto done;
	if (!quiet && isatty(STDERR_FILENO)) {
		clock_gettime(CLOCK_MONOTONIC, &bar.start);
		fo.progress = draw;
		fo.progress_user = &bar;
	}
	rc = gpuadv_fetch(&data, &len, url, &fo, err);
	erase(&bar);
	if (rc) {
		rc = failed(err);
		goto done;
	}
	/* Before any other check of the content: an unsigned catalogue is not
	 * even parsed. */
	if (have_key &&
	    (rc = check_signature(sig, &key, data, len, shown, sig_url, &fo, err))) {
		rc = failed(err);
		goto done;
	}
	io.dir = dir;
	io.name = shown;
	io.sha256 = sha;
	/* Never back behind the built-in catalogue, whichever is in use
	 * (install.c also holds the installed and the newest ever installed). */
	io.min_as_of = gpuadv_embedded.as_of;
	rc = gpuadv_install_catalog(&res, data, len, &io, err);
	if (rc) {
		rc = failed(err);
		goto done;
	}
	if (res.sync_errno)
		fprintf(stderr, "gpu-advisor: warning: the catalogue was replaced, but the data directory '%s' could not be synced (%s): the change may not survive a crash\n",
			dir, strerror(res.sync_errno));
	if (!quiet) {
		fprintf(ctx->out, "installed the catalogue as of %s (%zu GPUs, %zu bytes)\n",
			res.as_of, res.gpu_count, res.bytes);
		fputs("from:     ", ctx->out);
		print_comment(ctx->out, shown);
		fputs("\ninto:     ", ctx->out);
		print_comment(ctx->out, res.path);
		fprintf(ctx->out, "\nsha256:   %s\n", res.sha256);
		if (res.previous_as_of[0])
			fprintf(ctx->out, "replaces: the catalogue as of %s\n",
				res.previous_as_of);
		if (have_key) {
			gpuadv_signature_key_id_hex(key_id, key.key_id);
			fprintf(ctx->out, "signed:   by key %s, \"", key_id);
			print_comment(ctx->out, sig->trusted_comment);
			fprintf(ctx->out, "\"\n");
		} else {
			fprintf(ctx->out, "signed:   not checked (no public key configured)\n");
		}
	}
done:
	free(sig);
	free(data);
	return rc;
}

const struct cli_command cmd_update = {
	.name = "update",
	.summary = "download a newer catalogue and install it",
	.usage = "update [--url URL] [--sha256 HEX] [--pubkey KEY|FILE] [--sig-url URL] [--cacert FILE] [--timeout SECONDS] [--force] [--quiet]",
	.description = "Download a catalogue over HTTPS from --url, else from 'update_url' in the\n"
		       "configuration file, else from the 'update_url' the catalogue in use declares.\n"
		       "With a public key (--pubkey, or 'pubkey' in the configuration file), its\n"
		       "minisign signature (--sig-url, else the address + .minisig) must verify\n"
		       "first; without one, HTTPS is the only guarantee of where it came from.\n"
		       "It is checked (size, --sha256, the strict loader, not older than the\n"
		       "installed one) and then installed atomically as\n"
		       "$XDG_DATA_HOME/gpu-advisor/catalog.yaml, which takes precedence over the\n"
		       "built-in catalogue. On any failure the installed catalogue is untouched.\n"
		       "Exit status: 69 the download failed, 65 its content was refused, 74 it\n"
		       "could not be written (or another update holds the lock). See docs/update.md.",
	.opts = opts,
	.examples = examples,
	.min_pos = 0,
	.max_pos = 0,
	.needs_catalog = true,
	.run = run,
};
