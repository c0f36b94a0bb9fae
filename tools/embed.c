/*
 * embed.c - gpu-advisor-embed: compile the catalogue into C at build time.
 *
 *   gpu-advisor-embed data/catalog.yaml OUT.c [data/prices.yaml]
 *
 * Loads the file with the same strict loader the program uses (so a broken
 * catalogue fails the build, with file:line:column) and writes the loaded
 * structs as static C initialisers, plus the file's SHA-256; likewise the
 * price list, loaded against the catalogue, which the built-in catalogue
 * then points at (without one, an empty list). The program
 * then starts with its catalogue already in memory: no YAML is parsed at
 * start-up, which is most of what a command would otherwise cost.
 */
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>

#include "embed_common.h"
#include "catalog/catalog_internal.h"
#include "gpu_advisor/catalog.h"
#include "gpu_advisor/model.h"
#include "gpu_advisor/prices.h"

#define PROG "gpu-advisor-embed"

static FILE *out;

static size_t index_of_gpu(const struct gpuadv_catalog *c, const struct gpuadv_gpu *g)
{
	return (size_t)(g - c->gpus);
}

/* The price list, one slot per catalogue GPU, as gpuadv_embedded_prices. */
static void emit_prices(const struct gpuadv_prices *p, const char *sha256)
{
	size_t i, k, off;

	fprintf(out, "static const struct gpuadv_price_entry price_entries[%zu] = {\n",
		p->entry_count ? p->entry_count : 1);
	for (i = 0; i < p->gpu_count; i++) {
		for (k = 0; k < p->gpus[i].count; k++) {
			const struct gpuadv_price_entry *e = &p->gpus[i].entries[k];

			fprintf(out, "\t{ %d, ", (int)e->basis);
			embed_num(out, e->usd);
			fputs(", ", out);
			embed_num(out, e->low_usd);
			fputs(", ", out);
			embed_num(out, e->high_usd);
			fputs(", ", out);
			embed_num(out, e->system_usd);
			fputs(", ", out);
			embed_num(out, e->gpus_per_system);
			fputs(", ", out);
			embed_str(out, e->as_of);
			fputs(", ", out);
			embed_str(out, e->source);
			fputs(", ", out);
			embed_str(out, e->note);
			fputs(" },\n", out);
		}
	}
	fputs("};\n\n", out);
	fprintf(out, "static const struct gpuadv_gpu_prices gpu_prices[%zu] = {\n",
		p->gpu_count ? p->gpu_count : 1);
	for (i = 0, off = 0; i < p->gpu_count; i++) {
		fprintf(out, "\t{ %s, %d, price_entries + %zu, %zu },\n",
			p->gpus[i].listed ? "true" : "false", (int)p->gpus[i].sold_as, off,
			p->gpus[i].count);
		off += p->gpus[i].count;
	}
	fputs("};\n\nconst struct gpuadv_prices gpuadv_embedded_prices = {\n"
	      "\t.origin = \"<embedded>\",\n", out);
	fprintf(out, "\t.schema_version = %d,\n\t.as_of = ", p->schema_version);
	embed_str(out, p->as_of);
	fprintf(out, ",\n\t.gpus = %s, .gpu_count = %zu, .entry_count = %zu,\n"
		     "\t.arena = NULL,\n};\n\n", p->gpu_count ? "gpu_prices" : "NULL",
		p->gpu_count, p->entry_count);
	fprintf(out, "const char gpuadv_embedded_prices_sha256[] = \"%s\";\n\n", sha256);
}

static void emit(const struct gpuadv_catalog *c, const char *sha256)
{
	size_t i, k, off;


	fprintf(out, "static struct gpuadv_arch archs[%zu];\n", c->arch_count);
	fprintf(out, "static struct gpuadv_workload workloads[%zu];\n", c->workload_count);
	fprintf(out, "static struct gpuadv_gpu gpus[%zu];\n", c->gpu_count);
	fprintf(out, "static struct gpuadv_benchmark benchmarks[%zu];\n\n",
		c->benchmark_count ? c->benchmark_count : 1);

	for (i = 0; i < c->arch_count; i++)
		embed_strlist_array(out, "arch_mem", i, &c->archs[i].memory_types);
	fprintf(out, "static struct gpuadv_arch archs[%zu] = {\n", c->arch_count);
	for (i = 0; i < c->arch_count; i++) {
		const struct gpuadv_arch *a = &c->archs[i];

		fputs("\t{ ", out);
		embed_str(out, a->id);
		fputs(", ", out);
		embed_str(out, a->name);
		fputs(", ", out);
		embed_num(out, a->year);
		fputs(", ", out);
		embed_str(out, a->compute_capability);
		fputs(", ", out);
		embed_num(out, a->tensor_core_generation);
		fprintf(out, ", %#x, ", a->tensor_precisions);
		embed_strlist_ref(out, "arch_mem", i, &a->memory_types);
		fputs(", ", out);
		embed_str(out, a->summary);
		fputs(" },\n", out);
	}
	fputs("};\n\n", out);

	for (i = 0; i < c->workload_count; i++)
		embed_strlist_array(out, "wl_networks", i, &c->workloads[i].networks);
	fprintf(out, "static struct gpuadv_workload workloads[%zu] = {\n", c->workload_count);
	for (i = 0; i < c->workload_count; i++) {
		const struct gpuadv_workload *w = &c->workloads[i];

		fputs("\t{ ", out);
		embed_str(out, w->id);
		fputs(", ", out);
		embed_str(out, w->name);
		fputs(", ", out);
		embed_str(out, w->description);
		fputs(", ", out);
		embed_strlist_ref(out, "wl_networks", i, &w->networks);
		fprintf(out, ", %d, %d, ", (int)w->task, (int)w->default_precision);
		embed_num(out, w->suggested_memory_gb);
		fputs(", ", out);
		embed_str(out, w->memory_reason);
		fputs(", { { ", out);
		for (k = 0; k < GPUADV_MODEL_MAX_PARAMS; k++) {
			embed_num(out, w->model.p[k]);
			fputs(", ", out);
		}
		fputs("} } },\n", out);
	}
	fputs("};\n\n", out);

	/* Each GPU's benchmarks, as one array of pointers that GPUs index. */
	fputs("static const struct gpuadv_benchmark *gpu_benchmarks[] = {\n", out);
	for (i = 0; i < c->gpu_count; i++)
		for (k = 0; k < c->gpus[i].benchmark_count; k++)
			fprintf(out, "\t&benchmarks[%zu],\n",
				(size_t)(c->gpus[i].benchmarks[k] - c->benchmarks));
	fputs("\tNULL\n};\n\n", out);

	for (i = 0; i < c->gpu_count; i++) {
		embed_strlist_array(out, "gpu_aliases", i, &c->gpus[i].aliases);
		embed_strlist_array(out, "gpu_sources", i, &c->gpus[i].sources);
	}
	fprintf(out, "static struct gpuadv_gpu gpus[%zu] = {\n", c->gpu_count);
	for (i = 0, off = 0; i < c->gpu_count; i++) {
		const struct gpuadv_gpu *g = &c->gpus[i];

		fputs("\t{ ", out);
		embed_str(out, g->id);
		fputs(", ", out);
		embed_str(out, g->name);
		fputs(", ", out);
		embed_strlist_ref(out, "gpu_aliases", i, &g->aliases);
		fprintf(out, ", &archs[%zu], %d, { ", (size_t)(g->arch - c->archs),
			(int)g->segment);
		for (k = 0; k < GPUADV_F_COUNT; k++) {
			embed_num(out, g->v[k]);
			fputs(", ", out);
		}
		fputs("}, ", out);
		embed_str(out, g->memory_type);
		fprintf(out, ", %d, ", g->nvlink);
		embed_str(out, g->form_factor);
		fputs(", ", out);
		embed_str(out, g->street_price_condition);
		fputs(", ", out);
		embed_str(out, g->price_as_of);
		fputs(", ", out);
		embed_str(out, g->price_source);
		fputs(", ", out);
		embed_strlist_ref(out, "gpu_sources", i, &g->sources);
		fputs(", ", out);
		embed_str(out, g->notes);
		fputs(", { ", out);
		for (k = 0; k < g->pci_device_id_count; k++)
			fprintf(out, "%#06x, ", g->pci_device_ids[k]);
		fprintf(out, "%s}, %zu", g->pci_device_id_count ? "" : "0 ",
			g->pci_device_id_count);
		fprintf(out, ", gpu_benchmarks + %zu, %zu },\n", off, g->benchmark_count);
		off += g->benchmark_count;
	}
	fputs("};\n\n", out);

	fprintf(out, "static struct gpuadv_benchmark benchmarks[%zu] = {\n",
		c->benchmark_count ? c->benchmark_count : 1);
	for (i = 0; i < c->benchmark_count; i++) {
		const struct gpuadv_benchmark *b = &c->benchmarks[i];

		fprintf(out, "\t{ &gpus[%zu], &workloads[%zu], ", index_of_gpu(c, b->gpu),
			(size_t)(b->workload - c->workloads));
		embed_str(out, b->network);
		fprintf(out, ", %d, %d, ", (int)b->task, (int)b->precision);
		embed_num(out, b->throughput);
		fputs(", ", out);
		embed_str(out, b->unit);
		fputs(", ", out);
		embed_num(out, b->batch_size);
		fputs(", ", out);
		embed_str(out, b->set);
		fputs(", ", out);
		embed_str(out, b->software);
		fputs(", ", out);
		embed_str(out, b->source);
		if (b->reference)
			fprintf(out, ", &benchmarks[%zu] },\n",
				(size_t)(b->reference - c->benchmarks));
		else
			fputs(", NULL },\n", out);
	}
	fputs("};\n\n", out);

	fputs("static struct gpuadv_name_entry name_entries[] = {\n", out);
	for (i = 0; i < c->names->count; i++) {
		const struct gpuadv_name_entry *e = &c->names->entries[i];

		fputs("\t{ ", out);
		embed_str(out, e->norm);
		fprintf(out, ", &gpus[%zu], %lu, %lu },\n", index_of_gpu(c, e->gpu),
			e->line, e->column);
	}
	fputs("};\n\n", out);
	fprintf(out, "static struct gpuadv_name_index names = { name_entries, %zu };\n\n",
		c->names->count);

	fputs("const struct gpuadv_catalog gpuadv_embedded = {\n\t.origin = \"<embedded>\",\n", out);
	fprintf(out, "\t.schema_version = %d,\n\t.as_of = ", c->schema_version);
	embed_str(out, c->as_of);
	fputs(",\n\t.update_url = ", out);
	embed_str(out, c->update_url);
	fprintf(out, ",\n\t.reference = &gpus[%zu],\n", index_of_gpu(c, c->reference));
	fprintf(out, "\t.archs = archs, .arch_count = %zu,\n", c->arch_count);
	fprintf(out, "\t.workloads = workloads, .workload_count = %zu,\n", c->workload_count);
	fprintf(out, "\t.gpus = gpus, .gpu_count = %zu,\n", c->gpu_count);
	fprintf(out, "\t.benchmarks = benchmarks, .benchmark_count = %zu,\n",
		c->benchmark_count);
	fputs("\t.names = &names,\n\t.arena = NULL,\n"
	      "\t.prices = &gpuadv_embedded_prices,\n};\n\n", out);
	fprintf(out, "const char gpuadv_embedded_sha256[] = \"%s\";\n", sha256);
}

int main(int argc, char **argv)
{
	char hex[65], tmp[4096], prices_hex[65] = "", *pdata = NULL;
	struct gpuadv_prices prices = { 0 };
	struct gpuadv_catalog cat;
	struct gpuadv_error err;
	char *data, line[GPUADV_ERROR_MSG_MAX + GPUADV_ERROR_FILE_MAX + 32];
	size_t len, plen;
	int rc;

	if (argc != 3 && argc != 4) {
		fprintf(stderr, "usage: gpu-advisor-embed CATALOG.yaml OUT.c [PRICES.yaml]\n");
		return 64;
	}
	if (sodium_init() < 0)
		return 70;
	data = embed_slurp(PROG, argv[1], &len, hex);
	if (gpuadv_catalog_load(&cat, data, len, argv[1], &err)) {
		gpuadv_error_format(line, sizeof(line), &err);
		fprintf(stderr, PROG ": %s\n", line);
		return 65;
	}
	if (argc == 4) {
		pdata = embed_slurp(PROG, argv[3], &plen, prices_hex);
		if (gpuadv_prices_load(&prices, &cat, pdata, plen, argv[3], &err)) {
			gpuadv_error_format(line, sizeof(line), &err);
			fprintf(stderr, PROG ": %s\n", line);
			return 65;
		}
	}
	out = embed_open(PROG, argv[2], tmp, sizeof(tmp));
	fputs("/* Generated by gpu-advisor-embed from data/catalog.yaml and data/prices.yaml:\n"
	      " * do not edit. */\n"
	      "#include <math.h>\n#include <stdbool.h>\n#include <stddef.h>\n\n"
	      "#include \"catalog/catalog_internal.h\"\n"
	      "#include \"gpu_advisor/prices.h\"\n\n", out);
	emit_prices(&prices, prices_hex);
	emit(&cat, hex);
	if ((rc = embed_close(PROG, out, tmp, argv[2])))
		return rc;
	gpuadv_prices_release(&prices);
	gpuadv_catalog_release(&cat);
	free(pdata);
	free(data);
	return 0;
}
