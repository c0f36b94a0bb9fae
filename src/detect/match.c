/*
 * match.c - which catalogue entry a GPU the driver reports is: by PCI
 * device id first (the catalogue's pci_device_id, sourced from pci.ids and
 * NVIDIA's driver README), by the driver's name through the resolver when
 * no entry lists the id. No I/O: the tests call it with made-up devices.
 */
#include "gpu_advisor/detect.h"

#include <math.h>
#include <string.h>

/* How far an entry's memory is from what the card reports, as a ratio's
 * distance from 1. NVIDIA's "24 GB" is 24 GiB: compare in GiB. */
static double memory_gap(const struct gpuadv_gpu *g, double memory_mib)
{
	double have = memory_mib / 1024.0, listed = g->v[GPUADV_F_MEMORY_GB];

	if (isnan(have) || isnan(listed) || listed <= 0)
		return NAN;
	return fabs(have / listed - 1.0);
}

static bool lists_id(const struct gpuadv_gpu *g, unsigned id)
{
	size_t k;

	for (k = 0; k < g->pci_device_id_count; k++)
		if (g->pci_device_ids[k] == id)
			return true;
	return false;
}

static const struct gpuadv_gpu *by_pci_id(const struct gpuadv_catalog *cat, unsigned id,
					  double memory_mib)
{
	const struct gpuadv_gpu *best = NULL;
	double best_gap = INFINITY;
	size_t i;

	for (i = 0; i < cat->gpu_count; i++) {
		const struct gpuadv_gpu *g = &cat->gpus[i];
		double gap;

		if (!lists_id(g, id))
			continue;
		gap = memory_gap(g, memory_mib);
		if (!best || (!isnan(gap) && gap < best_gap)) {
			best = g;
			best_gap = isnan(gap) ? INFINITY : gap;
		}
	}
	return best;
}

static const struct gpuadv_gpu *by_name(const struct gpuadv_catalog *cat, const char *name)
{
	struct gpuadv_error ignored;
	const struct gpuadv_gpu *g;

	if (!name || !name[0])
		return NULL;
	if ((g = gpuadv_catalog_find_gpu(cat, name, &ignored)))
		return g;
	/* The driver says "NVIDIA GeForce RTX 3090"; catalogues often drop
	 * the maker from GeForce and Quadro names. */
	if (!strncmp(name, "NVIDIA ", 7) && name[7])
		return gpuadv_catalog_find_gpu(cat, name + 7, &ignored);
	return NULL;
}

const struct gpuadv_gpu *gpuadv_detect_match(const struct gpuadv_catalog *cat,
					     unsigned pci_device_id, const char *name,
					     double memory_mib, enum gpuadv_match *how,
					     bool *memory_differs)
{
	const struct gpuadv_gpu *g = NULL;
	enum gpuadv_match m = GPUADV_MATCH_NONE;
	double gap;

	if (pci_device_id && (g = by_pci_id(cat, pci_device_id, memory_mib)))
		m = GPUADV_MATCH_PCI_ID;
	else if ((g = by_name(cat, name)))
		m = GPUADV_MATCH_NAME;
	if (how)
		*how = m;
	if (memory_differs) {
		gap = g ? memory_gap(g, memory_mib) : NAN;
		*memory_differs = !isnan(gap) && gap > 0.15;
	}
	return g;
}

const char *gpuadv_match_name(enum gpuadv_match m)
{
	switch (m) {
	case GPUADV_MATCH_PCI_ID:
		return "pci_device_id";
	case GPUADV_MATCH_NAME:
		return "name";
	case GPUADV_MATCH_NONE:
		break;
	}
	return "none";
}

const struct gpuadv_detected_gpu *gpuadv_detection_first_known(const struct gpuadv_detection *d)
{
	size_t i;

	for (i = 0; i < d->listed; i++)
		if (d->gpus[i].gpu)
			return &d->gpus[i];
	return NULL;
}
