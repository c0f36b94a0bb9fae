/*
 * test_detect.c - the detect module: the catalogue's pci_device_id (what
 * the loader accepts and refuses), the mapping of a GPU the driver reports
 * to a catalogue entry (by PCI id, memory breaking ties; by name; none),
 * and gpuadv_detect() itself against the NVML stub (tests/nvml_stub.c,
 * GPUADV_NVML_STUB), its failures included.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gpu_advisor/catalog.h"
#include "gpu_advisor/detect.h"

/* ---- the catalogue key ---------------------------------------------------- */

static const char catalog_head[] =
	"schema_version: 1\nas_of: 2026-01-15\nreference_gpu: rtx-3090\n"
	"architectures:\n  - id: ampere\n    name: Ampere\n    year: 2020\n"
	"    compute_capability: \"8.6\"\n    tensor_core_generation: 3\n"
	"    tensor_precisions: [fp16]\n    memory_types: [GDDR6X]\n    summary: s\n"
	"workloads: []\ngpus:\n  - id: rtx-3090\n    name: GeForce RTX 3090\n"
	"    architecture: ampere\n    segment: consumer\n    release_year: 2020\n"
	"    memory_gb: 24\n    bandwidth_gbs: 936\n    fp32_tflops: 35.6\n"
	"    sources: [s]\n";

struct key_case {
	const char *name;
	const char *value; /* after "pci_device_id: "; NULL: no key */
	int want;
	size_t count;
	unsigned ids[3];
	const char *message; /* part of the error */
};

static const struct key_case key_cases[] = {
	{ .name = "absent", .value = NULL, .want = 0, .count = 0 },
	{ .name = "one quoted", .value = "\"0x2204\"", .want = 0, .count = 1, .ids = { 0x2204 } },
	{ .name = "one plain", .value = "0x2204", .want = 0, .count = 1, .ids = { 0x2204 } },
	{ .name = "upper case", .value = "\"0X220A\"", .want = 0, .count = 1, .ids = { 0x220a } },
	{ .name = "list", .value = "[\"0x1e30\", \"0x1e78\"]", .want = 0, .count = 2,
	  .ids = { 0x1e30, 0x1e78 } },
	{ .name = "no 0x", .value = "\"2204\"", .want = GPUADV_EDATA,
	  .message = "must be a PCI device id like" },
	{ .name = "short", .value = "\"0x220\"", .want = GPUADV_EDATA, .message = "'0x220'" },
	{ .name = "long", .value = "\"0x22040\"", .want = GPUADV_EDATA },
	{ .name = "not hex", .value = "\"0x22g4\"", .want = GPUADV_EDATA },
	{ .name = "zero", .value = "\"0x0000\"", .want = GPUADV_EDATA },
	{ .name = "all ones", .value = "\"0xffff\"", .want = GPUADV_EDATA },
	{ .name = "number", .value = "8708", .want = GPUADV_EDATA },
	{ .name = "mapping", .value = "{ a: 1 }", .want = GPUADV_EDATA },
	{ .name = "empty list", .value = "[]", .want = GPUADV_EDATA, .message = "lists 0 ids" },
	{ .name = "twice", .value = "[\"0x2204\", \"0x2204\"]", .want = GPUADV_EDATA,
	  .message = "0x2204 is listed twice" },
	{ .name = "nine", .value = "[\"0x0001\", \"0x0002\", \"0x0003\", \"0x0004\", \"0x0005\", "
				   "\"0x0006\", \"0x0007\", \"0x0008\", \"0x0009\"]",
	  .want = GPUADV_EDATA, .message = "lists 9 ids; give 1 to 8" },
	{ .name = NULL }
};

static void test_catalog_key(void **state)
{
	const struct key_case *c;

	(void)state;
	for (c = key_cases; c->name; c++) {
		struct gpuadv_catalog cat;
		struct gpuadv_error err;
		char yaml[2048];
		size_t k;
		int rc;

		snprintf(yaml, sizeof(yaml), "%s%s%s%s", catalog_head,
			 c->value ? "    pci_device_id: " : "", c->value ? c->value : "",
			 c->value ? "\n" : "");
		rc = gpuadv_catalog_load(&cat, yaml, strlen(yaml), "t.yaml", &err);
		if (rc != c->want)
			fail_msg("%s: got %d (%s), want %d", c->name, rc, err.message, c->want);
		if (c->message && !strstr(err.message, c->message))
			fail_msg("%s: message '%s' lacks '%s'", c->name, err.message, c->message);
		if (rc)
			continue;
		assert_int_equal(cat.gpus[0].pci_device_id_count, c->count);
		for (k = 0; k < c->count; k++)
			assert_int_equal(cat.gpus[0].pci_device_ids[k], c->ids[k]);
		gpuadv_catalog_release(&cat);
	}
}

/* Every id in the shipped catalogue is a 16-bit id; the GPUs sharing one
 * differ in memory, so memory can tell them apart. */
static void test_shipped_ids(void **state)
{
	const struct gpuadv_catalog *cat = &gpuadv_embedded;
	size_t i, j, k, l, with = 0;

	(void)state;
	for (i = 0; i < cat->gpu_count; i++) {
		const struct gpuadv_gpu *a = &cat->gpus[i];

		with += a->pci_device_id_count > 0;
		for (k = 0; k < a->pci_device_id_count; k++)
			for (j = i + 1; j < cat->gpu_count; j++)
				for (l = 0; l < cat->gpus[j].pci_device_id_count; l++)
					if (cat->gpus[j].pci_device_ids[l] == a->pci_device_ids[k] &&
					    cat->gpus[j].v[GPUADV_F_MEMORY_GB] == a->v[GPUADV_F_MEMORY_GB])
						fail_msg("%s and %s share 0x%04x and their memory",
							 a->id, cat->gpus[j].id, a->pci_device_ids[k]);
	}
	assert_int_equal(with, cat->gpu_count); /* every GPU has a sourced id today */
}

/* ---- the mapping ------------------------------------------------------------ */

struct match_case {
	const char *name;
	unsigned pci;
	const char *gpu_name;
	double mib;
	const char *want;       /* catalogue id, or NULL */
	enum gpuadv_match how;
	bool differs;
};

static const struct match_case match_cases[] = {
	{ .name = "by id", .pci = 0x2204, .gpu_name = "NVIDIA GeForce RTX 3090", .mib = 24576,
	  .want = "rtx-3090", .how = GPUADV_MATCH_PCI_ID },
	{ .name = "id, no name or memory", .pci = 0x2204, .gpu_name = NULL, .mib = NAN,
	  .want = "rtx-3090", .how = GPUADV_MATCH_PCI_ID },
	{ .name = "id beats name", .pci = 0x220a, .gpu_name = "NVIDIA GeForce RTX 3080",
	  .mib = 12288, .want = "rtx-3080-12gb", .how = GPUADV_MATCH_PCI_ID },
	{ .name = "second id of a list", .pci = 0x1e07, .gpu_name = "x", .mib = 11264,
	  .want = "rtx-2080-ti", .how = GPUADV_MATCH_PCI_ID },
	{ .name = "shared id, 48 GB", .pci = 0x1e30, .gpu_name = "Quadro RTX 8000", .mib = 48601,
	  .want = "quadro-rtx-8000", .how = GPUADV_MATCH_PCI_ID },
	{ .name = "shared id, 24 GB", .pci = 0x1e30, .gpu_name = "Quadro RTX 8000", .mib = 24220,
	  .want = "quadro-rtx-6000", .how = GPUADV_MATCH_PCI_ID },
	{ .name = "ECC memory is not a variant", .pci = 0x1eb8, .gpu_name = "Tesla T4",
	  .mib = 15360, .want = "t4", .how = GPUADV_MATCH_PCI_ID },
	{ .name = "variant the catalogue lacks", .pci = 0x2d04,
	  .gpu_name = "NVIDIA GeForce RTX 5060 Ti", .mib = 8151, .want = "rtx-5060-ti-16gb",
	  .how = GPUADV_MATCH_PCI_ID, .differs = true },
	{ .name = "unknown id, known name", .pci = 0x9999, .gpu_name = "NVIDIA GeForce RTX 3090",
	  .mib = 24576, .want = "rtx-3090", .how = GPUADV_MATCH_NAME },
	{ .name = "no id, name as listed", .pci = 0, .gpu_name = "NVIDIA H100 PCIe", .mib = 81559,
	  .want = "h100-pcie", .how = GPUADV_MATCH_NAME },
	{ .name = "unknown", .pci = 0x9999, .gpu_name = "NVIDIA Mystery GPU", .mib = 4096,
	  .want = NULL, .how = GPUADV_MATCH_NONE },
	{ .name = "nothing known", .pci = 0, .gpu_name = "", .mib = NAN, .want = NULL,
	  .how = GPUADV_MATCH_NONE },
	{ .name = "just NVIDIA", .pci = 0, .gpu_name = "NVIDIA ", .mib = NAN, .want = NULL,
	  .how = GPUADV_MATCH_NONE },
	{ .name = NULL }
};

static void test_match(void **state)
{
	const struct match_case *c;

	(void)state;
	for (c = match_cases; c->name; c++) {
		enum gpuadv_match how = (enum gpuadv_match)-1;
		bool differs = !c->differs;
		const struct gpuadv_gpu *g = gpuadv_detect_match(&gpuadv_embedded, c->pci,
								 c->gpu_name, c->mib,
								 &how, &differs);

		if (!c->want && g)
			fail_msg("%s: matched '%s'", c->name, g->id);
		if (c->want && (!g || strcmp(g->id, c->want)))
			fail_msg("%s: got '%s', want '%s'", c->name, g ? g->id : "none", c->want);
		if (how != c->how || differs != c->differs)
			fail_msg("%s: how %s, differs %d", c->name, gpuadv_match_name(how), differs);
	}
}

/* ---- gpuadv_detect against the stub -------------------------------------- */

struct run_case {
	const char *name;
	const char *gpus, *init, *count, *fail, *library;
	int want;
	size_t n;
	const char *message;      /* part of err.message */
	const char *first;        /* the first GPU's catalogue id ("-": none) */
	const char *problem;      /* part of the first GPU's problem */
};

static const struct run_case run_cases[] = {
	{ .name = "two GPUs", .gpus = "2204:NVIDIA GeForce RTX 3090:24576;2684:NVIDIA GeForce RTX 4090:24564",
	  .n = 2, .first = "rtx-3090" },
	{ .name = "none", .gpus = "", .n = 0 },
	{ .name = "unknown id", .gpus = "abcd:NVIDIA Mystery GPU:4096", .n = 1, .first = "-" },
	{ .name = "pci query fails", .gpus = "2204:NVIDIA GeForce RTX 3090:24576",
	  .fail = "pci:0", .n = 1, .first = "rtx-3090",
	  .problem = "'nvmlDeviceGetPciInfo_v3' failed: Unknown Error (NVML error 999)" },
	{ .name = "handle fails", .gpus = "2204:NVIDIA GeForce RTX 3090:24576", .fail = "handle:0",
	  .n = 1, .first = "-", .problem = "'nvmlDeviceGetHandleByIndex_v2' failed" },
	{ .name = "driver not loaded", .gpus = "2204:x:1", .init = "9", .want = GPUADV_EUNAVAIL,
	  .message = "the NVIDIA driver does not answer: 'nvmlInit_v2' failed: Driver Not Loaded (NVML error 9)" },
	{ .name = "count fails", .gpus = "2204:x:1", .count = "999", .want = GPUADV_EUNAVAIL,
	  .message = "'nvmlDeviceGetCount_v2' failed: Unknown Error" },
	{ .name = "no library", .library = "/nonexistent/libnvidia-ml.so.1", .want = GPUADV_EUNAVAIL,
	  .message = "no NVIDIA driver found (cannot load '/nonexistent/libnvidia-ml.so.1')" },
	{ .name = "not NVML", .library = "libm.so.6", .want = GPUADV_EUNAVAIL,
	  .message = "'libm.so.6' is not a usable NVML: it lacks 'nvmlInit_v2'" },
	{ .name = NULL }
};

static void set_or_unset(const char *name, const char *value)
{
	if (value)
		setenv(name, value, 1);
	else
		unsetenv(name);
}

static void test_detect_stub(void **state)
{
	const struct run_case *c;
	struct gpuadv_detection *d = calloc(1, sizeof(*d));

	(void)state;
	assert_non_null(d);
	for (c = run_cases; c->name; c++) {
		struct gpuadv_error err;
		int rc;

		set_or_unset("NVML_STUB_GPUS", c->gpus);
		set_or_unset("NVML_STUB_INIT", c->init);
		set_or_unset("NVML_STUB_COUNT", c->count);
		set_or_unset("NVML_STUB_FAIL", c->fail);
		gpuadv_error_clear(&err);
		rc = gpuadv_detect(d, &gpuadv_embedded, c->library ? c->library : GPUADV_NVML_STUB, &err);
		if (rc != c->want)
			fail_msg("%s: got %d (%s), want %d", c->name, rc, err.message, c->want);
		if (c->message && !strstr(err.message, c->message))
			fail_msg("%s: message '%s' lacks '%s'", c->name, err.message, c->message);
		if (rc)
			continue;
		assert_int_equal(d->count, c->n);
		assert_string_equal(d->driver_version, "550.54.15");
		assert_int_equal(d->cuda_version, 12040);
		if (c->first) {
			const struct gpuadv_detected_gpu *g = &d->gpus[0];

			if (strcmp(c->first, g->gpu ? g->gpu->id : "-"))
				fail_msg("%s: first GPU is '%s'", c->name, g->gpu ? g->gpu->id : "-");
			if (c->problem && !strstr(g->problem, c->problem))
				fail_msg("%s: problem '%s'", c->name, g->problem);
			if (!c->problem)
				assert_string_equal(g->problem, "");
		}
	}
	/* What the driver says is data: a control character is not printed. */
	setenv("NVML_STUB_GPUS", "2204:NVIDIA GeForce RTX 3090:24576", 1);
	setenv("NVML_STUB_NAME_RAW", "1", 1);
	unsetenv("NVML_STUB_FAIL");
	assert_int_equal(gpuadv_detect(d, &gpuadv_embedded, GPUADV_NVML_STUB, NULL), 0);
	assert_string_equal(d->gpus[0].name, "NVIDIA GeForce RTX 3090?[31m");
	assert_int_equal(d->gpus[0].pci_device_id, 0x2204);
	assert_int_equal(d->gpus[0].pci_vendor_id, 0x10de);
	assert_string_equal(d->gpus[0].bus_id, "00000000:01:00.0");
	assert_true(d->gpus[0].memory_mib == 24576);
	unsetenv("NVML_STUB_NAME_RAW");
	free(d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_catalog_key),
		cmocka_unit_test(test_shipped_ids),
		cmocka_unit_test(test_match),
		cmocka_unit_test(test_detect_stub),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
