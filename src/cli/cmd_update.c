/*
 * cmd_update.c - `gpu-advisor update`: download a newer catalogue over HTTPS
 * (fetch.c) and install it into the data directory (install.c), where it
 * takes precedence over the built-in one. See docs/update.md.
 */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "gpu_advisor/fetch.h"
#include "gpu_advisor/install.h"

static const struct cli_opt opts[] = {
	CLI_OPT("url", 0, "URL", "download from URL (https:// only) instead of the configured address"),
	CLI_OPT("sha256", 0, "HEX", "refuse the download unless its SHA-256 is HEX"),
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
	*out = flag;
	if (flag && !gpuadv_fetch_is_https(flag))
		return gpuadv_error_set(err, GPUADV_EUSAGE,
					"option '--url' must be an https:// address, got '%.200s'",
					flag);
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
	struct bar bar = { 0 };
	char dir[GPUADV_PATH_MAX], *data = NULL;
	double secs;
	size_t len;
	FILE *f;
	int rc;

	if ((rc = pick_url(&url, ctx, cli_get(args, &cmd_update, "url"), err)))
		goto done;
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
	io.dir = dir;
	io.name = url;
	io.sha256 = sha;
	/* With nothing installed yet, do not go back behind the built-in one. */
	if (ctx->catalog_source && !strcmp(ctx->catalog_source, "embedded"))
		io.min_as_of = ctx->catalog.as_of;
	rc = gpuadv_install_catalog(&res, data, len, &io, err);
	if (rc) {
		rc = failed(err);
		goto done;
	}
	if (!quiet) {
		fprintf(ctx->out, "installed the catalogue as of %s (%zu GPUs, %zu bytes)\n",
			res.as_of, res.gpu_count, res.bytes);
		fprintf(ctx->out, "from:     %s\ninto:     %s\nsha256:   %s\n", url,
			res.path, res.sha256);
		if (res.previous_as_of[0])
			fprintf(ctx->out, "replaces: the catalogue as of %s\n",
				res.previous_as_of);
	}
done:
	free(data);
	return rc;
}

const struct cli_command cmd_update = {
	.name = "update",
	.summary = "download a newer catalogue and install it",
	.usage = "update [--url URL] [--sha256 HEX] [--cacert FILE] [--timeout SECONDS] [--force] [--quiet]",
	.description = "Download a catalogue over HTTPS from --url, else from 'update_url' in the\n"
		       "configuration file, else from the 'update_url' the catalogue in use declares.\n"
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
