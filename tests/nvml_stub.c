/*
 * nvml_stub.c - a stand-in for the NVIDIA driver's NVML library
 * (libnvidia-ml.so.1), built as a shared library for the tests: it exports
 * the ten NVML functions gpu-advisor's detect module calls (src/detect/nvml.c),
 * with the same signatures and struct layouts (nvml.h, API version 13), and
 * answers as its environment says, so `detect` and `--upgrade-from detected`
 * can be tested on machines without an NVIDIA GPU:
 *
 *   NVML_STUB_GPUS    the GPUs, ';'-separated, each "PCIID:NAME:MIB"
 *                     ("2204:NVIDIA GeForce RTX 3090:24576"); default none
 *   NVML_STUB_INIT    a number: nvmlInit_v2 fails with that NVML error
 *                     (9 is Driver Not Loaded)
 *   NVML_STUB_COUNT   a number: nvmlDeviceGetCount_v2 fails with it
 *   NVML_STUB_FAIL    ','-separated "QUERY:INDEX": that query about that GPU
 *                     fails with NVML_ERROR_UNKNOWN (999); QUERY is handle,
 *                     name, pci or memory
 *   NVML_STUB_DRIVER  the driver version (default "550.54.15")
 *   NVML_STUB_CUDA    the CUDA driver version (default 12040, i.e. 12.4)
 *   NVML_STUB_NAME_RAW  set: GPU names come back with a control character
 *
 * Test code: it keeps its state in globals, as NVML itself does.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define STUB_MAX 64
#define ERR_UNINITIALIZED 1
#define ERR_INVALID_ARGUMENT 2
#define ERR_INSUFFICIENT_SIZE 7
#define ERR_UNKNOWN 999

struct stub_pci_info { /* nvmlPciInfo_t */
	char bus_id_legacy[16];
	unsigned domain, bus, device, pci_device_id, pci_subsystem_id;
	char bus_id[32];
};

struct stub_memory { /* nvmlMemory_t */
	unsigned long long total, free, used;
};

struct stub_gpu {
	unsigned id;
	char name[128];
	unsigned long long mib;
};

static struct stub_gpu gpus[STUB_MAX];
static unsigned gpu_count;
static int initialised;

static int env_int(const char *name, int dflt)
{
	const char *v = getenv(name);

	return v && *v ? atoi(v) : dflt;
}

/* Whether NVML_STUB_FAIL lists "what:index". */
static int fails(const char *what, unsigned index)
{
	const char *v = getenv("NVML_STUB_FAIL");
	char want[64];

	if (!v)
		return 0;
	snprintf(want, sizeof(want), "%s:%u", what, index);
	for (const char *p = strstr(v, want); p; p = strstr(p + 1, want)) {
		size_t n = strlen(want);

		if ((p == v || p[-1] == ',') && (p[n] == '\0' || p[n] == ','))
			return 1;
	}
	return 0;
}

static void parse_gpus(void)
{
	const char *v = getenv("NVML_STUB_GPUS");
	char buf[4096], *save = NULL, *tok;

	gpu_count = 0;
	if (!v)
		return;
	snprintf(buf, sizeof(buf), "%s", v);
	for (tok = strtok_r(buf, ";", &save); tok && gpu_count < STUB_MAX;
	     tok = strtok_r(NULL, ";", &save)) {
		struct stub_gpu *g = &gpus[gpu_count];
		char *c1 = strchr(tok, ':'), *c2 = c1 ? strrchr(tok, ':') : NULL;

		if (!c1 || c2 == c1)
			continue;
		*c1 = *c2 = '\0';
		g->id = (unsigned)strtoul(tok, NULL, 16);
		snprintf(g->name, sizeof(g->name), "%s%s", c1 + 1,
			 getenv("NVML_STUB_NAME_RAW") ? "\033[31m" : "");
		g->mib = strtoull(c2 + 1, NULL, 10);
		gpu_count++;
	}
}

static struct stub_gpu *gpu_of(void *dev)
{
	struct stub_gpu *g = dev;

	return g >= gpus && g < gpus + gpu_count ? g : NULL;
}

int nvmlInit_v2(void)
{
	int rc = env_int("NVML_STUB_INIT", 0);

	if (rc)
		return rc;
	parse_gpus();
	initialised = 1;
	return 0;
}

int nvmlShutdown(void)
{
	if (!initialised)
		return ERR_UNINITIALIZED;
	initialised = 0;
	return 0;
}

const char *nvmlErrorString(int rc)
{
	switch (rc) {
	case 0: return "Success";
	case ERR_UNINITIALIZED: return "Uninitialized";
	case ERR_INVALID_ARGUMENT: return "Invalid Argument";
	case 9: return "Driver Not Loaded";
	case 18: return "RM has detected an NVML/RM version mismatch.";
	default: return "Unknown Error";
	}
}

int nvmlSystemGetDriverVersion(char *version, unsigned length)
{
	const char *v = getenv("NVML_STUB_DRIVER");

	if (!initialised)
		return ERR_UNINITIALIZED;
	if (!v)
		v = "550.54.15";
	if (strlen(v) + 1 > length)
		return ERR_INSUFFICIENT_SIZE;
	memcpy(version, v, strlen(v) + 1);
	return 0;
}

int nvmlSystemGetCudaDriverVersion_v2(int *version)
{
	*version = env_int("NVML_STUB_CUDA", 12040);
	return 0;
}

int nvmlDeviceGetCount_v2(unsigned *n)
{
	int rc = env_int("NVML_STUB_COUNT", 0);

	if (!initialised)
		return ERR_UNINITIALIZED;
	if (rc)
		return rc;
	*n = gpu_count;
	return 0;
}

int nvmlDeviceGetHandleByIndex_v2(unsigned index, void **dev)
{
	if (!initialised)
		return ERR_UNINITIALIZED;
	if (index >= gpu_count)
		return ERR_INVALID_ARGUMENT;
	if (fails("handle", index))
		return ERR_UNKNOWN;
	*dev = &gpus[index];
	return 0;
}

int nvmlDeviceGetName(void *dev, char *name, unsigned length)
{
	struct stub_gpu *g = gpu_of(dev);

	if (!initialised)
		return ERR_UNINITIALIZED;
	if (!g)
		return ERR_INVALID_ARGUMENT;
	if (fails("name", (unsigned)(g - gpus)))
		return ERR_UNKNOWN;
	if (strlen(g->name) + 1 > length)
		return ERR_INSUFFICIENT_SIZE;
	memcpy(name, g->name, strlen(g->name) + 1);
	return 0;
}

int nvmlDeviceGetPciInfo_v3(void *dev, struct stub_pci_info *pci)
{
	struct stub_gpu *g = gpu_of(dev);

	if (!initialised)
		return ERR_UNINITIALIZED;
	if (!g)
		return ERR_INVALID_ARGUMENT;
	if (fails("pci", (unsigned)(g - gpus)))
		return ERR_UNKNOWN;
	memset(pci, 0, sizeof(*pci));
	pci->bus = (unsigned)(g - gpus) + 1;
	pci->pci_device_id = g->id << 16 | 0x10deu;
	snprintf(pci->bus_id, sizeof(pci->bus_id), "00000000:%02X:00.0", pci->bus);
	snprintf(pci->bus_id_legacy, sizeof(pci->bus_id_legacy), "0000:%02X:00.0", pci->bus);
	return 0;
}

int nvmlDeviceGetMemoryInfo(void *dev, struct stub_memory *mem)
{
	struct stub_gpu *g = gpu_of(dev);

	if (!initialised)
		return ERR_UNINITIALIZED;
	if (!g)
		return ERR_INVALID_ARGUMENT;
	if (fails("memory", (unsigned)(g - gpus)))
		return ERR_UNKNOWN;
	mem->total = g->mib * 1024ull * 1024ull;
	mem->used = mem->total / 10;
	mem->free = mem->total - mem->used;
	return 0;
}
