/*
 * cmd_detect.c - `gpu-advisor detect`: the NVIDIA GPUs in this machine,
 * through NVML (detect.h), each matched to its catalogue entry; and
 * cli_detect_current(), which `recommend --upgrade-from detected` uses.
 * GPU_ADVISOR_NVML names the library to load instead of libnvidia-ml.so.1
 * (the tests point it at a stub).
 */
#include <stdlib.h>

#include "cli.h"
#include "gpu_advisor/detect.h"

static const struct cli_opt opts[] = {
	CLI_OPT("format", 'f', "FORMAT", "{formats}"),
	CLI_OPT_END
};

static const char *const examples[] = {
	"gpu-advisor detect",
	"gpu-advisor detect --format json",
	"gpu-advisor recommend --workload transformer --upgrade-from detected",
	NULL
};

static const char *nvml_library(void)
{
	const char *env = getenv("GPU_ADVISOR_NVML");

	return env && *env ? env : NULL;
}

static int detect(struct gpuadv_detection **out, struct cli_ctx *ctx,
		  struct gpuadv_error *err)
{
	/* Sixty-four GPUs' worth: on the heap, not the stack. */
	*out = calloc(1, sizeof(**out));
	if (!*out)
		return gpuadv_error_set(err, GPUADV_ENOMEM, "out of memory");
	return gpuadv_detect(*out, &ctx->catalog, nvml_library(), err);
}

/* The first detected card the catalogue knows, and how many of that card
 * the machine has (at most GPUADV_MAX_GPUS); flag names the option to give
 * instead in the messages. */
static int detect_known(const struct gpuadv_gpu **out, unsigned *count, const char *flag,
			struct cli_ctx *ctx, struct gpuadv_error *err)
{
	const struct gpuadv_detected_gpu *g;
	struct gpuadv_detection *d = NULL;
	size_t i;
	int rc;

	*out = NULL;
	*count = 0;
	if ((rc = detect(&d, ctx, err)))
		goto done;
	if (d->count == 0) {
		rc = gpuadv_error_set(err, GPUADV_EUNAVAIL,
				      "the NVIDIA driver reports no GPUs; give --%s ID", flag);
		goto done;
	}
	if (!(g = gpuadv_detection_first_known(d))) {
		g = &d->gpus[0];
		if (g->pci_device_id)
			rc = gpuadv_error_set(err, GPUADV_EUSAGE,
					      "the detected GPU '%s' (PCI device id 0x%04x) is not "
					      "in the catalogue; give --%s ID",
					      g->name[0] ? g->name : "?", g->pci_device_id, flag);
		else
			rc = gpuadv_error_set(err, GPUADV_EUSAGE,
					      "the detected GPU '%s' is not in the catalogue; "
					      "give --%s ID", g->name[0] ? g->name : "?", flag);
		goto done;
	}
	*out = g->gpu;
	for (i = 0; i < d->listed; i++)
		*count += d->gpus[i].gpu == g->gpu && *count < GPUADV_MAX_GPUS;
done:
	free(d);
	return rc;
}

int cli_detect_current(const struct gpuadv_gpu **out, struct cli_ctx *ctx,
		       struct gpuadv_error *err)
{
	unsigned count;

	return detect_known(out, &count, "upgrade-from", ctx, err);
}

int cli_detect_config(const struct gpuadv_gpu **out, unsigned *count, struct cli_ctx *ctx,
		      struct gpuadv_error *err)
{
	return detect_known(out, count, "on", ctx, err);
}

static int run(struct cli_ctx *ctx, const struct cli_args *args,
	       struct gpuadv_error *err)
{
	struct gpuadv_render_opts ro = { .color = ctx->color, .columns = ctx->columns };
	struct gpuadv_detection *d = NULL;
	int rc;

	if ((rc = cli_format(&ro.format, cli_get(args, &cmd_detect, "format"),
			     cmd_detect.formats, err)) ||
	    (rc = detect(&d, ctx, err)))
		goto done;
	/* No GPU is an answer nothing satisfies: JSON still says what the
	 * driver is; text says it in the one error line. */
	if (d->count > 0 || ro.format == GPUADV_FORMAT_JSON)
		rc = gpuadv_render_detection(ctx->out, &ctx->catalog, d, &ro, err);
	if (rc == 0 && d->count == 0)
		rc = gpuadv_error_set(err, GPUADV_ENOTFOUND,
				      "the NVIDIA driver (%s) reports no GPUs",
				      d->driver_version[0] ? d->driver_version : "version unknown");
done:
	free(d);
	return rc;
}

const struct cli_command cmd_detect = {
	.name = "detect",
	.summary = "list this machine's NVIDIA GPUs and find them in the catalogue",
	.usage = "detect [--format text|json]",
	.description = "Ask the NVIDIA driver (NVML, libnvidia-ml.so.1, loaded only now) for the\n"
		       "GPUs in this machine: name, PCI device id, memory, driver and CUDA\n"
		       "version, and match each to a catalogue entry by PCI device id (by name\n"
		       "where no entry lists the id; the output says which). Needs the NVIDIA\n"
		       "driver: without it, says so in one line and exits 69. GPU_ADVISOR_NVML\n"
		       "names another library to load.",
	.opts = opts,
	.examples = examples,
	.min_pos = 0,
	.max_pos = 0,
	.formats = CLI_FORMATS_BASIC,
	.needs_catalog = true,
	.run = run,
};
