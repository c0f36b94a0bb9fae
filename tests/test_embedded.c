/*
 * test_embedded.c - the catalogue compiled into the binary (by
 * gpu-advisor-embed) is the shipped data/catalog.yaml, field for field:
 * loading the file at run time and using the built-in copy give the same
 * answers.
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

#include "catalog/catalog_internal.h"
#include "gpu_advisor/catalog.h"
#include "gpu_advisor/prices.h"
#include "testutil.h"

extern const struct gpuadv_catalog gpuadv_embedded;
extern const char gpuadv_embedded_sha256[];

static struct gpuadv_catalog loaded;
static struct gpuadv_prices loaded_prices;

static int setup(void **state)
{
	struct gpuadv_error err;
	size_t n;
	char *data = test_read_file(GPUADV_CATALOG_PATH, &n);
	int rc;

	(void)state;
	if (!data)
		return -1;
	rc = gpuadv_catalog_load(&loaded, data, n, "catalog.yaml", &err);
	free(data);
	if (rc)
		return rc;
	/* The price list, loaded against the catalogue as the build does. */
	if (!(data = test_read_file(GPUADV_PRICES_PATH, &n)))
		return -1;
	rc = gpuadv_prices_load(&loaded_prices, &loaded, data, n, "prices.yaml", &err);
	free(data);
	return rc;
}

static int teardown(void **state)
{
	(void)state;
	gpuadv_prices_release(&loaded_prices);
	gpuadv_catalog_release(&loaded);
	return 0;
}

static void same_str(const char *a, const char *b)
{
	if (!a || !b)
		assert_ptr_equal(a, b);
	else
		assert_string_equal(a, b);
}

static void same_num(double a, double b)
{
	if (isnan(a) || isnan(b))
		assert_true(isnan(a) && isnan(b));
	else
		assert_true(a == b);
}

static void same_list(const struct gpuadv_strlist *a, const struct gpuadv_strlist *b)
{
	size_t i;

	assert_int_equal(a->count, b->count);
	for (i = 0; i < a->count; i++)
		assert_string_equal(a->items[i], b->items[i]);
}

static void test_top_level(void **state)
{
	const struct gpuadv_catalog *e = &gpuadv_embedded;

	(void)state;
	assert_int_equal(e->schema_version, loaded.schema_version);
	same_str(e->as_of, loaded.as_of);
	same_str(e->update_url, loaded.update_url);
	assert_string_equal(e->reference->id, loaded.reference->id);
	assert_int_equal(e->arch_count, loaded.arch_count);
	assert_int_equal(e->workload_count, loaded.workload_count);
	assert_int_equal(e->gpu_count, loaded.gpu_count);
	assert_int_equal(e->benchmark_count, loaded.benchmark_count);
	assert_int_equal(strlen(gpuadv_embedded_sha256), 64);
}

static void test_archs_and_workloads(void **state)
{
	size_t i, k;

	(void)state;
	for (i = 0; i < loaded.arch_count; i++) {
		const struct gpuadv_arch *a = &gpuadv_embedded.archs[i], *b = &loaded.archs[i];

		same_str(a->id, b->id);
		same_str(a->name, b->name);
		same_num(a->year, b->year);
		same_str(a->compute_capability, b->compute_capability);
		same_num(a->tensor_core_generation, b->tensor_core_generation);
		assert_int_equal(a->tensor_precisions, b->tensor_precisions);
		same_list(&a->memory_types, &b->memory_types);
		same_str(a->summary, b->summary);
	}
	for (i = 0; i < loaded.workload_count; i++) {
		const struct gpuadv_workload *a = &gpuadv_embedded.workloads[i];
		const struct gpuadv_workload *b = &loaded.workloads[i];

		same_str(a->id, b->id);
		same_str(a->name, b->name);
		same_str(a->description, b->description);
		same_list(&a->networks, &b->networks);
		assert_int_equal(a->task, b->task);
		assert_int_equal(a->default_precision, b->default_precision);
		same_num(a->suggested_memory_gb, b->suggested_memory_gb);
		same_str(a->memory_reason, b->memory_reason);
		for (k = 0; k < GPUADV_MODEL_MAX_PARAMS; k++)
			same_num(a->model.p[k], b->model.p[k]);
	}
}

static void test_gpus(void **state)
{
	size_t i, k;

	(void)state;
	for (i = 0; i < loaded.gpu_count; i++) {
		const struct gpuadv_gpu *a = &gpuadv_embedded.gpus[i], *b = &loaded.gpus[i];

		same_str(a->id, b->id);
		same_str(a->name, b->name);
		same_list(&a->aliases, &b->aliases);
		same_str(a->arch->id, b->arch->id);
		assert_int_equal(a->segment, b->segment);
		for (k = 0; k < GPUADV_F_COUNT; k++)
			same_num(a->v[k], b->v[k]);
		same_str(a->memory_type, b->memory_type);
		assert_int_equal(a->nvlink, b->nvlink);
		same_str(a->form_factor, b->form_factor);
		same_str(a->street_price_condition, b->street_price_condition);
		same_str(a->price_as_of, b->price_as_of);
		same_str(a->price_source, b->price_source);
		same_list(&a->sources, &b->sources);
		same_str(a->notes, b->notes);
		assert_int_equal(a->pci_device_id_count, b->pci_device_id_count);
		for (k = 0; k < GPUADV_GPU_MAX_PCI_IDS; k++)
			assert_int_equal(a->pci_device_ids[k], b->pci_device_ids[k]);
		assert_int_equal(a->benchmark_count, b->benchmark_count);
		for (k = 0; k < a->benchmark_count; k++)
			assert_int_equal(a->benchmarks[k] - gpuadv_embedded.benchmarks,
					 b->benchmarks[k] - loaded.benchmarks);
	}
}

static void test_benchmarks(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < loaded.benchmark_count; i++) {
		const struct gpuadv_benchmark *a = &gpuadv_embedded.benchmarks[i];
		const struct gpuadv_benchmark *b = &loaded.benchmarks[i];

		same_str(a->gpu->id, b->gpu->id);
		same_str(a->workload->id, b->workload->id);
		same_str(a->network, b->network);
		assert_int_equal(a->task, b->task);
		assert_int_equal(a->precision, b->precision);
		same_num(a->throughput, b->throughput);
		same_str(a->unit, b->unit);
		same_num(a->batch_size, b->batch_size);
		same_str(a->set, b->set);
		same_str(a->software, b->software);
		same_str(a->source, b->source);
		assert_int_equal(a->reference ? a->reference - gpuadv_embedded.benchmarks : -1,
				 b->reference ? b->reference - loaded.benchmarks : -1);
	}
}

static void test_names(void **state)
{
	struct gpuadv_error err;
	size_t i;

	(void)state;
	assert_int_equal(gpuadv_embedded.names->count, loaded.names->count);
	for (i = 0; i < loaded.names->count; i++) {
		const struct gpuadv_gpu *g = gpuadv_catalog_find_gpu(&gpuadv_embedded,
			loaded.names->entries[i].norm, &err);

		assert_non_null(g);
		assert_string_equal(g->id, loaded.names->entries[i].gpu->id);
	}
}

/* The compiled-in price list is data/prices.yaml, entry for entry, and
 * the built-in catalogue points at it. */
static void test_prices(void **state)
{
	const struct gpuadv_prices *e = &gpuadv_embedded_prices, *l = &loaded_prices;
	size_t i, k;

	(void)state;
	assert_ptr_equal(gpuadv_embedded.prices, e);
	assert_int_equal(e->schema_version, l->schema_version);
	assert_string_equal(e->as_of, l->as_of);
	assert_int_equal(e->gpu_count, l->gpu_count);
	assert_int_equal(e->entry_count, l->entry_count);
	assert_true(e->entry_count > 0);
	for (i = 0; i < l->gpu_count; i++) {
		const struct gpuadv_gpu_prices *a = &e->gpus[i], *b = &l->gpus[i];

		assert_int_equal(a->listed, b->listed);
		assert_int_equal(a->sold_as, b->sold_as);
		assert_int_equal(a->count, b->count);
		for (k = 0; k < b->count; k++) {
			const struct gpuadv_price_entry *x = &a->entries[k], *y = &b->entries[k];

			assert_int_equal(x->basis, y->basis);
			same_num(x->usd, y->usd);
			same_num(x->low_usd, y->low_usd);
			same_num(x->high_usd, y->high_usd);
			same_num(x->system_usd, y->system_usd);
			same_num(x->gpus_per_system, y->gpus_per_system);
			same_str(x->as_of, y->as_of);
			same_str(x->source, y->source);
			same_str(x->note, y->note);
		}
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_top_level),
		cmocka_unit_test(test_archs_and_workloads),
		cmocka_unit_test(test_gpus),
		cmocka_unit_test(test_benchmarks),
		cmocka_unit_test(test_names),
		cmocka_unit_test(test_prices),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
