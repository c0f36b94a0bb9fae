/*
 * output.c - where a drawing command's answer goes and how: --format's
 * picture formats (the charts module, found beside the program, where
 * `cmake --install` puts it relative to the program, or at the path
 * compiled in), --chart, and --output FILE.
 */
#include <errno.h>
#include <limits.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"

#ifndef GPUADV_CHARTS_DIR
#define GPUADV_CHARTS_DIR "/usr/local/lib/gpu-advisor"
#endif
#ifndef GPUADV_CHARTS_FROM_BINDIR
#define GPUADV_CHARTS_FROM_BINDIR "../lib/gpu-advisor"
#endif
#define MODULE "gpu-advisor-charts.so"

/* The charts module's path: beside the program (a build tree), where the
 * install puts it relative to the program (a moved install), or the path
 * compiled in. Returns false when none exists. */
static bool module_path(char *buf, size_t size)
{
	char exe[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	char *slash;

	if (n > 0) {
		exe[n] = '\0';
		if ((slash = strrchr(exe, '/')))
			*slash = '\0';
		snprintf(buf, size, "%s/%s", exe, MODULE);
		if (access(buf, R_OK) == 0)
			return true;
		snprintf(buf, size, "%s/%s/%s", exe, GPUADV_CHARTS_FROM_BINDIR, MODULE);
		if (access(buf, R_OK) == 0)
			return true;
	}
	snprintf(buf, size, "%s/%s", GPUADV_CHARTS_DIR, MODULE);
	return access(buf, R_OK) == 0;
}

/* Whether cmd takes the option (list has no --chart). */
static bool takes(const struct cli_command *cmd, const char *name)
{
	const struct cli_opt *o;

	for (o = cmd->opts; o->name || o->param; o++)
		if (cli_opt_name(o) && !strcmp(cli_opt_name(o), name))
			return true;
	return false;
}

int cli_output_setup(struct cli_output *o, struct gpuadv_render_opts *ro,
		     struct cli_ctx *ctx, const struct cli_args *args,
		     const struct cli_command *cmd, unsigned formats,
		     struct gpuadv_error *err)
{
	char path[PATH_MAX + 64];
	int rc;

	memset(o, 0, sizeof(*o));
	o->path = cli_get(args, cmd, "output");
	if ((rc = cli_format(&ro->format, cli_get(args, cmd, "format"), formats, err)))
		return rc;
	ro->chart = takes(cmd, "chart") && cli_flag(args, cmd, "chart");
	ro->unicode = ctx->utf8;
	if (ro->chart && ro->format != GPUADV_FORMAT_TEXT)
		return gpuadv_error_set(err, GPUADV_EUSAGE,
					"option '--chart' draws in text output; '--format %s' "
					"cannot have it", gpuadv_format_name(ro->format));
	if (o->path && !*o->path)
		return gpuadv_error_set(err, GPUADV_EUSAGE, "option '--output' needs a file name");
	if (ro->format == GPUADV_FORMAT_PNG && !o->path && isatty(fileno(ctx->out)))
		return gpuadv_error_set(err, GPUADV_EUSAGE,
					"not writing a PNG picture to a terminal; redirect "
					"standard output or give --output FILE");
	if (ro->format != GPUADV_FORMAT_SVG && ro->format != GPUADV_FORMAT_PNG)
		return 0;
	if (!module_path(path, sizeof(path)))
		return gpuadv_error_set(err, GPUADV_EUNAVAIL,
					"cannot draw pictures: the charts module '%s' is not "
					"installed (looked beside the program and in '%s')",
					MODULE, GPUADV_CHARTS_DIR);
	if ((rc = gpuadv_plotter_load(&o->plotter, path, err)))
		return rc;
	ro->plotter = o->plotter;
	return 0;
}

int cli_output_for_model(const struct gpuadv_render_opts *ro, bool model,
			 struct gpuadv_error *err)
{
	if (!model || (ro->format <= GPUADV_FORMAT_JSON && !ro->chart))
		return 0;
	return gpuadv_error_set(err, GPUADV_EUSAGE,
				"with --model the answer is text or json, without --chart; "
				"'--format %s' and '--chart' draw workloads",
				gpuadv_format_name(ro->format));
}

int cli_output_open(struct cli_output *o, struct cli_ctx *ctx, struct gpuadv_error *err)
{
	if (!o->path)
		return 0;
	o->file = fopen(o->path, "wb");
	if (!o->file)
		return gpuadv_error_set(err, GPUADV_EIO, "cannot write '%s': %s", o->path,
					strerror(errno));
	ctx->out = o->file;
	{
		struct stat st;

		o->regular = fstat(fileno(o->file), &st) == 0 && S_ISREG(st.st_mode);
	}
	return 0;
}

int cli_output_close(struct cli_output *o, struct cli_ctx *ctx, int rc,
		     struct gpuadv_error *err)
{
	if (o->file) {
		bool bad = fflush(o->file) != 0 || ferror(o->file);

		bad |= fclose(o->file) != 0;
		ctx->out = stdout;
		o->file = NULL;
		if (bad && (rc == 0 || rc == GPUADV_ENOTFOUND || rc == GPUADV_EIO))
			rc = gpuadv_error_set(err, GPUADV_EIO, "cannot write '%s'", o->path);
		/* Half a picture is worse than none (but leave /dev/full be). */
		if (rc == GPUADV_EIO && o->regular)
			unlink(o->path);
	}
	gpuadv_plotter_close(o->plotter);
	o->plotter = NULL;
	return rc;
}
