/*
 * detect.h - the NVIDIA GPUs in this machine, through NVML (the NVIDIA
 * Management Library that ships with the driver), matched to catalogue
 * entries.
 *
 * NVML is loaded with dlopen() when gpuadv_detect() runs, never linked: the
 * program must start and work on machines without the driver, and only
 * `detect` (and `recommend --upgrade-from detected`) needs it. Each call
 * loads, initialises, queries, shuts NVML down and unloads it again, so
 * nothing is kept between calls.
 *
 * Ownership: a struct gpuadv_detection owns nothing but its fixed arrays;
 * its gpu pointers point into the catalogue given to gpuadv_detect(), which
 * must outlive it. Text from the driver (names, versions) is copied with
 * control characters replaced by '?', so it is safe to print.
 */
#ifndef GPU_ADVISOR_DETECT_H
#define GPU_ADVISOR_DETECT_H

#include <stdbool.h>
#include <stddef.h>

#include "gpu_advisor/catalog.h"
#include "gpu_advisor/error.h"

/* The library the NVIDIA driver installs (Debian: libnvidia-ml1). */
#define GPUADV_NVML_SONAME "libnvidia-ml.so.1"
#define GPUADV_DETECT_MAX_GPUS 64
#define GPUADV_DETECT_NAME_MAX 96    /* NVML_DEVICE_NAME_V2_BUFFER_SIZE */
#define GPUADV_DETECT_VERSION_MAX 80 /* NVML_SYSTEM_DRIVER_VERSION_BUFFER_SIZE */
#define GPUADV_PCI_VENDOR_NVIDIA 0x10de

/* How a detected GPU was found in the catalogue. */
enum gpuadv_match {
	GPUADV_MATCH_NONE,    /* not in the catalogue */
	GPUADV_MATCH_PCI_ID,  /* by PCI device id (the catalogue's pci_device_id) */
	GPUADV_MATCH_NAME     /* by the driver's name for it, through the resolver */
};

/* "none", "pci_device_id", "name": as JSON writes them. */
const char *gpuadv_match_name(enum gpuadv_match m);

struct gpuadv_detected_gpu {
	unsigned index;                     /* NVML's device index */
	char name[GPUADV_DETECT_NAME_MAX];  /* the driver's name; "" unknown */
	unsigned pci_device_id;             /* e.g. 0x2204; 0 unknown */
	unsigned pci_vendor_id;             /* 0x10de; 0 unknown */
	char bus_id[32];                    /* "00000000:01:00.0"; "" unknown */
	double memory_mib;                  /* total memory, MiB; NAN unknown */
	const struct gpuadv_gpu *gpu;       /* the catalogue's entry; NULL none */
	enum gpuadv_match match;
	/* The entry's memory_gb is more than 15% away from what the card has:
	 * a variant the catalogue does not list (an 8 GB card sharing its PCI
	 * id with the 16 GB one), so its figures are not this card's. */
	bool memory_differs;
	/* A query about this device that failed, e.g. "'nvmlDeviceGetPciInfo_v3'
	 * failed: Unknown Error"; "" when none did. */
	char problem[160];
};

struct gpuadv_detection {
	char library[256];                  /* the library loaded */
	char driver_version[GPUADV_DETECT_VERSION_MAX]; /* "" unknown */
	int cuda_version;                   /* 12040 means 12.4; 0 unknown */
	size_t count;                       /* GPUs NVML reports */
	size_t listed;                      /* entries of gpus[]: count, at most
					     * GPUADV_DETECT_MAX_GPUS */
	struct gpuadv_detected_gpu gpus[GPUADV_DETECT_MAX_GPUS];
};

/*
 * List the machine's NVIDIA GPUs. library is the NVML to load (NULL:
 * GPUADV_NVML_SONAME, found the way dlopen finds libraries); cat is the
 * catalogue to match against. Returns 0 (count may be 0), or:
 *   GPUADV_EUNAVAIL  the library cannot be loaded ("no NVIDIA driver
 *                    found (cannot load 'libnvidia-ml.so.1')"), lacks a
 *                    function, or NVML cannot start or count the GPUs
 *                    (the driver is not loaded, a version mismatch, ...)
 * A query about one GPU that fails is not an error: that GPU's figure is
 * unknown and its problem says why.
 */
int gpuadv_detect(struct gpuadv_detection *out, const struct gpuadv_catalog *cat,
		  const char *library, struct gpuadv_error *err);

/*
 * The catalogue entry for a GPU the driver reports: the entry listing
 * pci_device_id (where several do, the one whose memory is closest to
 * memory_mib), else the one the resolver finds by name (as given, then
 * without a leading "NVIDIA "), else NULL. *how says which; *memory_differs
 * (may be NULL) whether the entry's memory is more than 15% away from
 * memory_mib (false when memory_mib is NAN). pci_device_id 0, name NULL or
 * "" skip that way of matching.
 */
const struct gpuadv_gpu *gpuadv_detect_match(const struct gpuadv_catalog *cat,
					     unsigned pci_device_id, const char *name,
					     double memory_mib, enum gpuadv_match *how,
					     bool *memory_differs);

/* The first listed GPU the catalogue knows, or NULL. */
const struct gpuadv_detected_gpu *gpuadv_detection_first_known(const struct gpuadv_detection *d);

#endif
