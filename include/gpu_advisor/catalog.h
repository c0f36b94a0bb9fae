/*
 * catalog.h - the GPU catalogue: architectures, workloads, GPUs and measured
 * benchmarks, loaded from YAML by a strict loader.
 *
 * Ownership: a struct gpuadv_catalog owns every string and array reachable
 * from it (they live in its arena). Pointers into a catalogue stay valid until
 * gpuadv_catalog_release(). A catalogue is never half-loaded: when
 * gpuadv_catalog_load() fails, *out is left empty and needs no release (a
 * release is harmless, though).
 *
 * Unknown figures are NAN: a figure that no source gives is never guessed.
 */
#ifndef GPU_ADVISOR_CATALOG_H
#define GPU_ADVISOR_CATALOG_H

#include <stdbool.h>
#include <stddef.h>

#include "gpu_advisor/error.h"
#include "gpu_advisor/numbers.h" /* figures are parsed and printed there */

/* Limits the loader enforces (see docs/catalog.md). */
#define GPUADV_CATALOG_MAX_BYTES (4u * 1024u * 1024u)
#define GPUADV_CATALOG_MAX_DEPTH 4
#define GPUADV_CATALOG_MAX_STRING 1024
#define GPUADV_CATALOG_MAX_GPUS 20000
#define GPUADV_CATALOG_MAX_ITEMS 500000 /* entries of mappings and sequences */
#define GPUADV_GPU_MAX_PCI_IDS 8 /* PCI device ids one GPU entry may list */

enum gpuadv_precision {
	GPUADV_FP32,
	GPUADV_FP16,
	GPUADV_BF16,
	GPUADV_TF32,
	GPUADV_INT8,
	GPUADV_INT4,
	GPUADV_FP8,
	GPUADV_FP6,
	GPUADV_FP4,
	GPUADV_FP32_STRICT, /* plain FP32 on CUDA cores: TF32 switched off */
	GPUADV_PRECISION_COUNT
};

enum gpuadv_segment {
	GPUADV_CONSUMER,
	GPUADV_WORKSTATION,
	GPUADV_DATACENTER,
	GPUADV_SEGMENT_COUNT
};

enum gpuadv_task { GPUADV_TRAIN, GPUADV_INFER, GPUADV_TASK_COUNT };

/* Numeric GPU figures, indexed into gpuadv_gpu.v[]. The table
 * gpuadv_gpu_fields[] gives each one's YAML/JSON key, unit and range. */
enum gpuadv_gpu_field {
	GPUADV_F_RELEASE_YEAR,
	GPUADV_F_CUDA_CORES,
	GPUADV_F_TENSOR_CORES,
	GPUADV_F_MEMORY_GB,
	GPUADV_F_BANDWIDTH_GBS,
	GPUADV_F_BUS_WIDTH_BITS,
	GPUADV_F_L2_CACHE_MB,
	GPUADV_F_FP32_TFLOPS,
	GPUADV_F_FP16_TENSOR_TFLOPS,
	GPUADV_F_BF16_TENSOR_TFLOPS,
	GPUADV_F_TF32_TENSOR_TFLOPS,
	GPUADV_F_INT8_TENSOR_TOPS,
	GPUADV_F_FP8_TENSOR_TFLOPS,
	GPUADV_F_FP4_TENSOR_TFLOPS,
	GPUADV_F_TDP_W,
	GPUADV_F_NVLINK_GBS,
	GPUADV_F_SLOTS,
	GPUADV_F_LAUNCH_PRICE_USD,
	GPUADV_F_STREET_PRICE_USD,
	GPUADV_F_COUNT
};

struct gpuadv_field_info {
	const char *key;   /* YAML and JSON key, unit in the name */
	const char *label; /* short column heading for text output */
	double min, max;   /* inclusive range */
	bool integer;
	bool required;
};

extern const struct gpuadv_field_info gpuadv_gpu_fields[GPUADV_F_COUNT];

struct gpuadv_strlist {
	const char **items;
	size_t count;
};

struct gpuadv_arch {
	const char *id;
	const char *name;
	double year;
	const char *compute_capability;
	double tensor_core_generation;
	unsigned tensor_precisions; /* bit (1u << enum gpuadv_precision) */
	struct gpuadv_strlist memory_types;
	const char *summary;
};

/* Parameters of the performance model, as the catalogue states them
 * (workloads[].model). The catalogue defines their keys and ranges, which
 * its loader checks; model.h and docs/performance-model.md give them their
 * meaning. Training workloads share one fitted set (no per-GPU factor);
 * only error_pct, the cross-validated band, differs between them.
 * Indices into struct gpuadv_model.p[], in gpuadv_model_params[] order. */
enum gpuadv_model_param {
	GPUADV_MP_CUDA_FLOP,	/* FP32 CUDA-core FLOPs per activation value */
	GPUADV_MP_DRAM_BYTES,	/* DRAM bytes per activation value (16-bit data) */
	GPUADV_MP_OPT_BYTES,	/* DRAM bytes per parameter per step (optimiser) */
	GPUADV_MP_LAUNCH_US,	/* host microseconds per layer step per step */
	GPUADV_MP_HOST_TFLOPS,	/* GPU-independent work rate (data, host) */
	GPUADV_MP_MEM_BYTES,	/* memory held per activation value (batch size) */
	GPUADV_MP_L2_EXPONENT,	/* how much a larger L2 stands in for DRAM */
	GPUADV_MP_GEN_GAIN,	/* efficiency gain per architecture generation */
	GPUADV_MP_ERROR_PCT,	/* cross-validated median error: the band */
	GPUADV_MP_COUNT
};

struct gpuadv_model_param_info {
	const char *key; /* key in the catalogue's workloads[].model mapping */
	double min, max; /* inclusive range the loader and the fitter enforce */
	const char *doc;
};

/* GPUADV_MP_COUNT rows, then a { NULL } row. */
extern const struct gpuadv_model_param_info gpuadv_model_params[];

#define GPUADV_MODEL_MAX_PARAMS GPUADV_MP_COUNT
struct gpuadv_model {
	double p[GPUADV_MODEL_MAX_PARAMS];
};

struct gpuadv_workload {
	const char *id;
	const char *name;
	const char *description;
	struct gpuadv_strlist networks;
	enum gpuadv_task task;
	enum gpuadv_precision default_precision;
	double suggested_memory_gb;
	const char *memory_reason;
	struct gpuadv_model model;
};

struct gpuadv_gpu {
	const char *id;
	const char *name;
	struct gpuadv_strlist aliases;
	const struct gpuadv_arch *arch;
	enum gpuadv_segment segment;
	double v[GPUADV_F_COUNT]; /* NAN where unknown */
	const char *memory_type;  /* NULL where unknown, likewise below */
	int nvlink;               /* 1 yes, 0 no, -1 unknown */
	const char *form_factor;
	/* Deprecated (prices.yaml holds current prices): an old catalogue's
	 * street price, used only where the price list has none. */
	const char *street_price_condition; /* "new" or "used" */
	const char *price_as_of;            /* YYYY-MM-DD */
	const char *price_source;
	struct gpuadv_strlist sources;
	const char *notes;
	/* The PCI device ids (vendor 0x10de) of the boards this entry
	 * describes, as pci.ids or NVIDIA's driver README give them; how
	 * `detect` knows a card. Count 0 where unknown. Two entries may share
	 * an id (Quadro RTX 6000 and 8000): memory tells them apart. */
	unsigned pci_device_ids[GPUADV_GPU_MAX_PCI_IDS];
	size_t pci_device_id_count;
	/* this GPU's measured results, in catalogue order */
	const struct gpuadv_benchmark **benchmarks;
	size_t benchmark_count;
};

struct gpuadv_benchmark {
	const struct gpuadv_gpu *gpu;
	const struct gpuadv_workload *workload;
	const char *network;
	enum gpuadv_task task;
	enum gpuadv_precision precision;
	double throughput;
	const char *unit;
	double batch_size; /* NAN where unknown */
	const char *set;
	const char *software;
	const char *source;
	/* the reference GPU's result for the same workload, task, precision,
	 * set and network; NULL where there is none */
	const struct gpuadv_benchmark *reference;
};

struct gpuadv_arena;
struct gpuadv_name_index;
struct gpuadv_prices;
struct gpuadv_models;

struct gpuadv_catalog {
	const char *origin; /* the name errors use: a path or "<embedded>" */
	int schema_version;
	const char *as_of;
	const char *update_url; /* NULL where none is declared */
	const struct gpuadv_gpu *reference;

	struct gpuadv_arch *archs;
	size_t arch_count;
	struct gpuadv_workload *workloads;
	size_t workload_count;
	struct gpuadv_gpu *gpus;
	size_t gpu_count;
	struct gpuadv_benchmark *benchmarks;
	size_t benchmark_count;

	struct gpuadv_name_index *names; /* normalised names, sorted */
	struct gpuadv_arena *arena;
	/* The price list (prices.h) loaded against this catalogue; NULL:
	 * none. Borrowed: a loader never sets it, the caller does (the
	 * built-in catalogue points at the built-in list). */
	const struct gpuadv_prices *prices;
	/* The model catalogue (models.h) that model and quantisation names
	 * resolve in; NULL: none. Borrowed: a loader never sets it, the
	 * caller does (the CLI: the compiled-in one). */
	const struct gpuadv_models *models;
};

/*
 * Parse and validate a catalogue held in memory. name is used in error
 * messages (file:line:column). On success *out owns everything it points
 * to; on failure err says what and where, and *out is empty.
 */
int gpuadv_catalog_load(struct gpuadv_catalog *out, const char *data,
			size_t len, const char *name, struct gpuadv_error *err);

void gpuadv_catalog_release(struct gpuadv_catalog *cat);

/*
 * The catalogue compiled into the program (library gpuadv_embedded, made
 * from data/catalog.yaml by tools/embed.c), and the SHA-256 of that file in
 * hex. It owns nothing: copy the struct to use it; releasing the copy is
 * harmless.
 */
extern const struct gpuadv_catalog gpuadv_embedded;
extern const char gpuadv_embedded_sha256[];

const struct gpuadv_arch *gpuadv_catalog_find_arch(const struct gpuadv_catalog *cat,
						   const char *name);
const struct gpuadv_workload *
gpuadv_catalog_find_workload(const struct gpuadv_catalog *cat, const char *id);

/*
 * Find a GPU by id, alias or name, ignoring case, spaces, hyphens and
 * underscores. On failure returns NULL and fills err (GPUADV_EUSAGE) with
 * "unknown GPU 'x'; did you mean 'a' or 'b'?".
 */
const struct gpuadv_gpu *gpuadv_catalog_find_gpu(const struct gpuadv_catalog *cat,
						 const char *name,
						 struct gpuadv_error *err);

/* Write the normalised form of name (lowercase, no spaces, '-' or '_') into
 * buf; returns false when it does not fit. */
bool gpuadv_name_normalize(char *buf, size_t size, const char *name);

/* Enum <-> text. The parse functions return -1 for unknown text. */
const char *gpuadv_precision_name(enum gpuadv_precision p);
int gpuadv_precision_parse(const char *s);
const char *gpuadv_segment_name(enum gpuadv_segment s);
int gpuadv_segment_parse(const char *s);
const char *gpuadv_task_name(enum gpuadv_task t);
int gpuadv_task_parse(const char *s);

/* The price from the catalogue alone, without its price list: the
 * deprecated street price, else the launch price, else NAN; *basis (may be
 * NULL) says which: "street", "launch" or "unknown". Answers use
 * gpuadv_price_pick (prices.h), which reads the price list first. */
double gpuadv_gpu_price(const struct gpuadv_gpu *gpu, const char **basis);

/* Whether the GPU's architecture runs precision p on Tensor Cores. */
bool gpuadv_gpu_has_tensor(const struct gpuadv_gpu *gpu, enum gpuadv_precision p);

#endif
