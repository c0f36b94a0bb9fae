/*
 * nvml.c - gpuadv_detect(): load NVML with dlopen, ask it for the driver
 * and CUDA versions and each GPU's name, PCI ids and memory, shut it down
 * and unload it (detect.h).
 *
 * NVML's headers are not installable here (they come with NVIDIA's CUDA
 * packages), so the few types and constants used are restated from
 * nvml.h (NVML API version 13, as mirrored in github.com/NVIDIA/go-nvml
 * gen/nvml/nvml.h): nvmlPciInfo_t's layout, nvmlMemory_t's, the buffer
 * sizes, and the versioned entry points (_v2, _v3) that the library
 * exports. NVML keeps its own state between nvmlInit_v2 and nvmlShutdown;
 * this file keeps none.
 */
#include "gpu_advisor/detect.h"

#include <dlfcn.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

/* ---- from nvml.h ------------------------------------------------------- */

typedef int nvml_return;              /* nvmlReturn_t; 0 is NVML_SUCCESS */
typedef struct nvml_device *nvml_device; /* nvmlDevice_t */

struct nvml_pci_info {                /* nvmlPciInfo_t */
	char bus_id_legacy[16];       /* NVML_DEVICE_PCI_BUS_ID_BUFFER_V2_SIZE */
	unsigned domain;
	unsigned bus;
	unsigned device;
	unsigned pci_device_id;       /* device id << 16 | vendor id */
	unsigned pci_subsystem_id;
	char bus_id[32];              /* NVML_DEVICE_PCI_BUS_ID_BUFFER_SIZE */
};

struct nvml_memory {                  /* nvmlMemory_t, bytes */
	unsigned long long total, free, used;
};

#define NVML_SUCCESS 0

struct nvml {
	nvml_return (*init)(void);
	nvml_return (*shutdown)(void);
	const char *(*error_string)(nvml_return r);
	nvml_return (*driver_version)(char *version, unsigned length);
	nvml_return (*cuda_version)(int *version);
	nvml_return (*count)(unsigned *n);
	nvml_return (*handle)(unsigned index, nvml_device *dev);
	nvml_return (*name)(nvml_device dev, char *name, unsigned length);
	nvml_return (*pci)(nvml_device dev, struct nvml_pci_info *pci);
	nvml_return (*memory)(nvml_device dev, struct nvml_memory *mem);
};

static const struct {
	const char *name;
	size_t offset;
} syms[] = {
#define SYM(field, name) { #name, offsetof(struct nvml, field) }
	SYM(init, nvmlInit_v2),
	SYM(shutdown, nvmlShutdown),
	SYM(error_string, nvmlErrorString),
	SYM(driver_version, nvmlSystemGetDriverVersion),
	SYM(cuda_version, nvmlSystemGetCudaDriverVersion_v2),
	SYM(count, nvmlDeviceGetCount_v2),
	SYM(handle, nvmlDeviceGetHandleByIndex_v2),
	SYM(name, nvmlDeviceGetName),
	SYM(pci, nvmlDeviceGetPciInfo_v3),
	SYM(memory, nvmlDeviceGetMemoryInfo),
#undef SYM
};

/* ---- helpers ------------------------------------------------------------ */

/* Copy text from the driver: at most size-1 bytes, control characters as
 * '?', so what the driver says cannot steer a terminal. */
static void copy_clean(char *dst, size_t size, const char *src, size_t max)
{
	size_t i;

	for (i = 0; i + 1 < size && i < max && src[i]; i++) {
		unsigned char c = (unsigned char)src[i];

		dst[i] = c < 0x20 || c == 0x7f ? '?' : (char)c;
	}
	dst[i] = '\0';
}

/* "Driver Not Loaded" (NVML's words, cleaned), or the bare number. */
static void why(char *buf, size_t size, const struct nvml *n, nvml_return r)
{
	const char *s = n->error_string ? n->error_string(r) : NULL;
	char clean[96];

	if (s && *s) {
		copy_clean(clean, sizeof(clean), s, sizeof(clean));
		snprintf(buf, size, "%s (NVML error %d)", clean, r);
	} else {
		snprintf(buf, size, "NVML error %d", r);
	}
}

/* Remember the first query that failed: it is the one worth reporting. */
static void first_failure(const char **failed, nvml_return *r, const char *fn,
			  nvml_return rc)
{
	if (!*failed) {
		*failed = fn;
		*r = rc;
	}
}

static void query_device(struct gpuadv_detected_gpu *g, const struct nvml *n,
			 unsigned index)
{
	char name[GPUADV_DETECT_NAME_MAX + 1], reason[128];
	struct nvml_pci_info pci;
	struct nvml_memory mem;
	nvml_device dev = NULL;
	const char *failed = NULL;
	nvml_return r = NVML_SUCCESS, rc;

	memset(g, 0, sizeof(*g));
	g->index = index;
	g->memory_mib = NAN;
	if ((rc = n->handle(index, &dev)) != NVML_SUCCESS) {
		failed = "nvmlDeviceGetHandleByIndex_v2";
		r = rc;
		goto done;
	}
	memset(name, 0, sizeof(name));
	if ((rc = n->name(dev, name, GPUADV_DETECT_NAME_MAX)) == NVML_SUCCESS)
		copy_clean(g->name, sizeof(g->name), name, GPUADV_DETECT_NAME_MAX);
	else
		first_failure(&failed, &r, "nvmlDeviceGetName", rc);
	memset(&pci, 0, sizeof(pci));
	if ((rc = n->pci(dev, &pci)) == NVML_SUCCESS) {
		g->pci_device_id = pci.pci_device_id >> 16;
		g->pci_vendor_id = pci.pci_device_id & 0xffffu;
		copy_clean(g->bus_id, sizeof(g->bus_id), pci.bus_id, sizeof(pci.bus_id));
	} else {
		first_failure(&failed, &r, "nvmlDeviceGetPciInfo_v3", rc);
	}
	memset(&mem, 0, sizeof(mem));
	if ((rc = n->memory(dev, &mem)) == NVML_SUCCESS)
		g->memory_mib = (double)mem.total / (1024.0 * 1024.0);
	else
		first_failure(&failed, &r, "nvmlDeviceGetMemoryInfo", rc);
done:
	if (failed) {
		why(reason, sizeof(reason), n, r);
		snprintf(g->problem, sizeof(g->problem), "'%s' failed: %s", failed, reason);
	}
}

/* ---- the one entry point ------------------------------------------------ */

int gpuadv_detect(struct gpuadv_detection *out, const struct gpuadv_catalog *cat,
		  const char *library, struct gpuadv_error *err)
{
	struct nvml n;
	char reason[128], version[GPUADV_DETECT_VERSION_MAX + 1];
	struct stat st;
	void *lib;
	size_t i;
	unsigned count = 0;
	int cuda = 0, rc = 0;
	nvml_return r;

	memset(out, 0, sizeof(*out));
	memset(&n, 0, sizeof(n));
	if (!library || !*library)
		library = GPUADV_NVML_SONAME;
	snprintf(out->library, sizeof(out->library), "%s", library);
	/* dlopen reads a FIFO named here and waits for a writer forever: a
	 * path must name a regular file (a bare name is the loader's search). */
	if (strchr(library, '/') && stat(library, &st) == 0 && !S_ISREG(st.st_mode))
		return gpuadv_error_set(err, GPUADV_EUNAVAIL,
					"no NVIDIA driver found (cannot load '%.200s': it is not a regular file)",
					library);
	/* RTLD_LOCAL: NVML's symbols stay out of the program's namespace. */
	lib = dlopen(library, RTLD_NOW | RTLD_LOCAL);
	if (!lib)
		return gpuadv_error_set(err, GPUADV_EUNAVAIL,
					"no NVIDIA driver found (cannot load '%.200s')", library);
	for (i = 0; i < sizeof(syms) / sizeof(syms[0]); i++) {
		void *fn = dlsym(lib, syms[i].name);

		if (!fn) {
			rc = gpuadv_error_set(err, GPUADV_EUNAVAIL,
					      "'%.200s' is not a usable NVML: it lacks '%s'",
					      library, syms[i].name);
			goto unload;
		}
		memcpy((char *)&n + syms[i].offset, &fn, sizeof(fn));
	}
	if ((r = n.init()) != NVML_SUCCESS) {
		why(reason, sizeof(reason), &n, r);
		rc = gpuadv_error_set(err, GPUADV_EUNAVAIL,
				      "the NVIDIA driver does not answer: 'nvmlInit_v2' failed: %s",
				      reason);
		goto unload;
	}
	if ((r = n.count(&count)) != NVML_SUCCESS) {
		why(reason, sizeof(reason), &n, r);
		rc = gpuadv_error_set(err, GPUADV_EUNAVAIL,
				      "the NVIDIA driver does not answer: 'nvmlDeviceGetCount_v2' failed: %s",
				      reason);
		goto shutdown;
	}
	memset(version, 0, sizeof(version));
	if (n.driver_version(version, GPUADV_DETECT_VERSION_MAX) == NVML_SUCCESS)
		copy_clean(out->driver_version, sizeof(out->driver_version), version,
			   GPUADV_DETECT_VERSION_MAX);
	if (n.cuda_version(&cuda) == NVML_SUCCESS && cuda > 0)
		out->cuda_version = cuda;
	out->count = count;
	out->listed = count < GPUADV_DETECT_MAX_GPUS ? count : GPUADV_DETECT_MAX_GPUS;
	for (i = 0; i < out->listed; i++) {
		struct gpuadv_detected_gpu *g = &out->gpus[i];

		query_device(g, &n, (unsigned)i);
		if (cat)
			g->gpu = gpuadv_detect_match(cat, g->pci_device_id, g->name,
						     g->memory_mib, &g->match,
						     &g->memory_differs);
	}
shutdown:
	n.shutdown();
unload:
	dlclose(lib);
	return rc;
}
