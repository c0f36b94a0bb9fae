/*
 * detected.c - `detect`'s answer, as text or JSON: the driver and CUDA
 * versions, then each GPU the driver reports with its PCI device id,
 * memory and catalogue match (how it was matched, or why there is none).
 * The driver's own text reaches here already cleaned (detect.h).
 */
#include <cjson/cJSON.h>
#include <math.h>
#include <stdio.h>

#include "gpu_advisor/detect.h"
#include "json.h"
#include "words.h"

/* "12.4" from 12040 (NVML_CUDA_DRIVER_VERSION_MAJOR/MINOR); "" for 0. */
static void cuda_text(char *buf, size_t size, int v)
{
	if (v > 0)
		snprintf(buf, size, "%d.%d", v / 1000, (v % 1000) / 10);
	else
		snprintf(buf, size, "%s", "");
}

static int text_detection(FILE *out, const struct gpuadv_detection *d,
			  struct gpuadv_error *err)
{
	char cuda[16], why[GPUADV__WORDS_MAX];
	size_t i;

	cuda_text(cuda, sizeof(cuda), d->cuda_version);
	fprintf(out, "NVIDIA driver %s, CUDA %s: ", d->driver_version[0] ? d->driver_version : "unknown",
		cuda[0] ? cuda : "unknown");
	if (d->count == 0)
		fprintf(out, "no GPUs\n");
	else
		fprintf(out, "%zu GPU%s\n", d->count, d->count == 1 ? "" : "s");
	for (i = 0; i < d->listed; i++) {
		const struct gpuadv_detected_gpu *g = &d->gpus[i];

		fprintf(out, "\nGPU %u: %s\n", g->index, g->name[0] ? g->name : "(name unknown)");
		if (g->pci_device_id)
			fprintf(out, "  PCI device id  0x%04x (vendor 0x%04x)%s%s\n", g->pci_device_id,
				g->pci_vendor_id, g->bus_id[0] ? ", bus " : "", g->bus_id);
		else
			fprintf(out, "  PCI device id  unknown\n");
		if (!isnan(g->memory_mib))
			fprintf(out, "  memory         %.0f MiB\n", g->memory_mib);
		else
			fprintf(out, "  memory         unknown\n");
		gpuadv__words_match(why, sizeof(why), g);
		fprintf(out, "  catalogue      %s\n", why);
		if (g->problem[0])
			fprintf(out, "  problem        %s\n", g->problem);
	}
	if (d->listed < d->count)
		fprintf(out, "\n(%zu more GPUs not listed: at most %d are)\n", d->count - d->listed,
			GPUADV_DETECT_MAX_GPUS);
	if (fflush(out) == EOF || ferror(out))
		return gpuadv_error_set(err, GPUADV_EIO, "cannot write output");
	return 0;
}

static cJSON *hex_or_null(unsigned v)
{
	char buf[16];

	if (!v)
		return cJSON_CreateNull();
	snprintf(buf, sizeof(buf), "0x%04x", v);
	return cJSON_CreateString(buf);
}

static cJSON *json_detected(const struct gpuadv_detected_gpu *g)
{
	cJSON *o = cJSON_CreateObject();
	char why[GPUADV__WORDS_MAX];

	gpuadv__words_match(why, sizeof(why), g);
	if (o && gpuadv__json_add(o, "index", gpuadv_json_number(g->index)) &&
	    gpuadv__json_add(o, "name", gpuadv__json_str_or_null(g->name[0] ? g->name : NULL)) &&
	    gpuadv__json_add(o, "pci_device_id", hex_or_null(g->pci_device_id)) &&
	    gpuadv__json_add(o, "pci_vendor_id", hex_or_null(g->pci_vendor_id)) &&
	    gpuadv__json_add(o, "bus_id", gpuadv__json_str_or_null(g->bus_id[0] ? g->bus_id : NULL)) &&
	    gpuadv__json_add(o, "memory_mib", gpuadv_json_number(g->memory_mib)) &&
	    gpuadv__json_add(o, "match", gpuadv__json_text(gpuadv_match_name(g->match))) &&
	    gpuadv__json_add(o, "gpu", g->gpu ? gpuadv_json_gpu_brief(g->gpu) : cJSON_CreateNull()) &&
	    gpuadv__json_add(o, "memory_differs", cJSON_CreateBool(g->memory_differs)) &&
	    gpuadv__json_add(o, "match_summary", cJSON_CreateString(why)) &&
	    gpuadv__json_add(o, "problem", gpuadv__json_str_or_null(g->problem[0] ? g->problem : NULL)))
		return o;
	cJSON_Delete(o);
	return NULL;
}

static int json_detection(FILE *out, const struct gpuadv_catalog *cat,
			  const struct gpuadv_detection *d, struct gpuadv_error *err)
{
	cJSON *doc = gpuadv__json_document(cat), *gpus;
	char cuda[16];
	size_t i;

	cuda_text(cuda, sizeof(cuda), d->cuda_version);
	if (!doc ||
	    !gpuadv__json_add(doc, "driver_version",
			      gpuadv__json_str_or_null(d->driver_version[0] ? d->driver_version : NULL)) ||
	    !gpuadv__json_add(doc, "cuda_version", gpuadv__json_str_or_null(cuda[0] ? cuda : NULL)) ||
	    !gpuadv__json_add(doc, "library", gpuadv__json_str_or_null(d->library)) ||
	    !gpuadv__json_add(doc, "gpu_count", gpuadv_json_number((double)d->count)) ||
	    !gpuadv__json_add(doc, "gpus", gpus = cJSON_CreateArray()))
		goto oom;
	for (i = 0; i < d->listed; i++)
		if (!gpuadv__json_push(gpus, json_detected(&d->gpus[i])))
			goto oom;
	return gpuadv_json_write(out, doc, err);
oom:
	cJSON_Delete(doc);
	return gpuadv_error_set(err, GPUADV_ENOMEM, "out of memory");
}

int gpuadv_render_detection(FILE *out, const struct gpuadv_catalog *cat,
			    const struct gpuadv_detection *d,
			    const struct gpuadv_render_opts *opts, struct gpuadv_error *err)
{
	if (opts->format == GPUADV_FORMAT_JSON)
		return json_detection(out, cat, d, err);
	return text_detection(out, d, err);
}
