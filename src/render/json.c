/*
 * json.c - JSON building blocks and the catalogue's things as JSON (GPU,
 * architecture, perf), and the documents of list, show and archs: one
 * document per command, schema_version at the top, snake_case keys with
 * units, unknown values as null (docs/json.md).
 */
#include <cjson/cJSON.h>
#include <math.h>
#include <string.h>

#include "formats.h"
#include "json.h"

bool gpuadv__json_add(cJSON *obj, const char *key, cJSON *item)
{
	if (!item)
		return false;
	/* The key is kept, not copied: every key is a literal or catalogue
	 * text, which outlives the tree (render.h). */
	if (!cJSON_AddItemToObjectCS(obj, key, item)) {
		cJSON_Delete(item);
		return false;
	}
	return true;
}

bool gpuadv__json_push(cJSON *arr, cJSON *item)
{
	if (!item)
		return false;
	if (!cJSON_AddItemToArray(arr, item)) {
		cJSON_Delete(item);
		return false;
	}
	return true;
}

cJSON *gpuadv__json_str_or_null(const char *s)
{
	return s ? cJSON_CreateString(s) : cJSON_CreateNull();
}

cJSON *gpuadv__json_text(const char *s)
{
	/* A reference: no copy to make or free. */
	return s ? cJSON_CreateStringReference(s) : cJSON_CreateNull();
}

cJSON *gpuadv_json_number(double v)
{
	char buf[GPUADV_NUMBER_MAX];

	if (isnan(v))
		return cJSON_CreateNull();
	/* cJSON prints a number with "%1.15g", reads it back with sscanf and
	 * may print it again with "%1.17g": that was most of `query`'s time,
	 * and the 17 digits of a model estimate are noise. A raw item prints
	 * as given. */
	gpuadv_format_number(buf, v);
	return cJSON_CreateRaw(buf);
}

cJSON *gpuadv_json_stated(double v)
{
	char buf[GPUADV_NUMBER_MAX];

	if (isnan(v))
		return cJSON_CreateNull();
	/* Catalogue figures and query values are echoed exactly as stated. */
	gpuadv_format_stated(buf, v);
	return cJSON_CreateRaw(buf);
}

static cJSON *strlist(const struct gpuadv_strlist *l)
{
	cJSON *arr = cJSON_CreateArray();
	size_t i;

	for (i = 0; arr && i < l->count; i++) {
		cJSON *s = gpuadv__json_text(l->items[i]);

		if (!s || !cJSON_AddItemToArray(arr, s)) {
			cJSON_Delete(s);
			cJSON_Delete(arr);
			return NULL;
		}
	}
	return arr;
}

static cJSON *precisions(unsigned bits)
{
	cJSON *arr = cJSON_CreateArray();
	int p;

	for (p = 0; arr && p < GPUADV_PRECISION_COUNT; p++) {
		cJSON *s;

		if (!(bits & (1u << p)))
			continue;
		s = gpuadv__json_text(gpuadv_precision_name(p));
		if (!s || !cJSON_AddItemToArray(arr, s)) {
			cJSON_Delete(s);
			cJSON_Delete(arr);
			return NULL;
		}
	}
	return arr;
}

cJSON *gpuadv_json_gpu(const struct gpuadv_catalog *cat, const struct gpuadv_gpu *g)
{
	cJSON *o = cJSON_CreateObject();
	struct gpuadv_price pick;
	int i;

	if (!o)
		return NULL;
	if (!gpuadv__json_add(o, "id", gpuadv__json_text(g->id)) ||
	    !gpuadv__json_add(o, "name", gpuadv__json_text(g->name)) ||
	    !gpuadv__json_add(o, "aliases", strlist(&g->aliases)) ||
	    !gpuadv__json_add(o, "architecture", gpuadv__json_text(g->arch->id)) ||
	    !gpuadv__json_add(o, "architecture_name", gpuadv__json_text(g->arch->name)) ||
	    !gpuadv__json_add(o, "segment", gpuadv__json_text(gpuadv_segment_name(g->segment))) ||
	    !gpuadv__json_add(o, "tensor_precisions", precisions(g->arch->tensor_precisions)) ||
	    !gpuadv__json_add(o, "memory_type", gpuadv__json_text(g->memory_type)) ||
	    !gpuadv__json_add(o, "nvlink", g->nvlink < 0 ? cJSON_CreateNull()
					    : cJSON_CreateBool(g->nvlink)) ||
	    !gpuadv__json_add(o, "form_factor", gpuadv__json_text(g->form_factor)))
		goto fail;
	for (i = 0; i < GPUADV_F_COUNT; i++)
		if (!gpuadv__json_add(o, gpuadv_gpu_fields[i].key, gpuadv_json_stated(g->v[i])))
			goto fail;
	gpuadv_price_pick(&pick, cat, g, GPUADV_WANT_ANY, NULL);
	if (!gpuadv__json_add(o, "street_price_condition", gpuadv__json_text(g->street_price_condition)) ||
	    !gpuadv__json_add(o, "price_as_of", gpuadv__json_text(pick.as_of)) ||
	    !gpuadv__json_add(o, "price_source", gpuadv__json_text(pick.source)) ||
	    !gpuadv__json_add(o, "price_usd", gpuadv_json_stated(pick.usd)) ||
	    !gpuadv__json_add(o, "price_basis", gpuadv__json_text(gpuadv_price_basis_name(pick.basis))) ||
	    !gpuadv__json_market(o, cat, g) ||
	    !gpuadv__json_add(o, "sources", strlist(&g->sources)) ||
	    !gpuadv__json_add(o, "notes", gpuadv__json_text(g->notes)))
		goto fail;
	if (g->pci_device_id_count) { /* only where known, like the catalogue */
		cJSON *ids = cJSON_CreateArray();
		size_t k;

		if (!gpuadv__json_add(o, "pci_device_ids", ids))
			goto fail;

		for (k = 0; k < g->pci_device_id_count; k++) {
			char hex[16];

			snprintf(hex, sizeof(hex), "0x%04x", g->pci_device_ids[k]);
			if (!gpuadv__json_push(ids, cJSON_CreateString(hex)))
				goto fail;
		}
	}
	return o;
fail:
	cJSON_Delete(o);
	return NULL;
}

cJSON *gpuadv_json_gpu_brief(const struct gpuadv_gpu *g)
{
	static const enum gpuadv_gpu_field fields[] = {
		GPUADV_F_RELEASE_YEAR, GPUADV_F_CUDA_CORES, GPUADV_F_TENSOR_CORES,
		GPUADV_F_MEMORY_GB, GPUADV_F_BANDWIDTH_GBS, GPUADV_F_FP32_TFLOPS,
		GPUADV_F_FP16_TENSOR_TFLOPS, GPUADV_F_BF16_TENSOR_TFLOPS,
		GPUADV_F_TDP_W, GPUADV_F_LAUNCH_PRICE_USD, GPUADV_F_STREET_PRICE_USD,
	};
	cJSON *o = cJSON_CreateObject();
	size_t i;

	if (!o)
		return NULL;
	if (!gpuadv__json_add(o, "id", gpuadv__json_text(g->id)) ||
	    !gpuadv__json_add(o, "name", gpuadv__json_text(g->name)) ||
	    !gpuadv__json_add(o, "aliases", strlist(&g->aliases)) ||
	    !gpuadv__json_add(o, "architecture", gpuadv__json_text(g->arch->id)) ||
	    !gpuadv__json_add(o, "segment", gpuadv__json_text(gpuadv_segment_name(g->segment))) ||
	    !gpuadv__json_add(o, "memory_type", gpuadv__json_text(g->memory_type)))
		goto fail;
	for (i = 0; i < sizeof(fields) / sizeof(*fields); i++)
		if (!gpuadv__json_add(o, gpuadv_gpu_fields[fields[i]].key, gpuadv_json_stated(g->v[fields[i]])))
			goto fail;
	if (!gpuadv__json_add(o, "street_price_condition", gpuadv__json_text(g->street_price_condition)) ||
	    !gpuadv__json_add(o, "price_as_of", gpuadv__json_text(g->price_as_of)))
		goto fail;
	return o;
fail:
	cJSON_Delete(o);
	return NULL;
}

cJSON *gpuadv_json_catalog(const struct gpuadv_catalog *cat)
{
	cJSON *o = cJSON_CreateObject();

	if (!o)
		return NULL;
	if (!gpuadv__json_add(o, "origin", gpuadv__json_text(cat->origin)) ||
	    !gpuadv__json_add(o, "schema_version", gpuadv_json_number(cat->schema_version)) ||
	    !gpuadv__json_add(o, "as_of", gpuadv__json_text(cat->as_of)) ||
	    !gpuadv__json_add(o, "reference_gpu", gpuadv__json_text(cat->reference->id)) ||
	    !gpuadv__json_add(o, "gpu_count", gpuadv_json_number((double)cat->gpu_count))) {
		cJSON_Delete(o);
		return NULL;
	}
	return o;
}

cJSON *gpuadv_json_perf(const struct gpuadv_catalog *cat,
			const struct gpuadv_perf *p, bool ok)
{
	cJSON *o = cJSON_CreateObject();

	if (o && gpuadv__json_add(o, "workload", gpuadv__json_text(p->workload->id)) &&
	    gpuadv__json_add(o, "precision", gpuadv__json_text(gpuadv_precision_name(p->precision))) &&
	    gpuadv__json_add(o, "reference", gpuadv__json_text(cat->reference->id)) &&
	    gpuadv__json_add(o, "estimated", gpuadv_json_number(ok ? p->estimated : NAN)) &&
	    gpuadv__json_add(o, "measured", gpuadv_json_number(ok ? p->measured : NAN)) &&
	    gpuadv__json_add(o, "value", gpuadv_json_number(ok ? p->value : NAN)) &&
	    gpuadv__json_add(o, "error_pct", gpuadv_json_number(ok ? p->error_pct : NAN)) &&
	    gpuadv__json_add(o, "basis", ok ? gpuadv__json_text(gpuadv_basis_name(p->basis))
			       : cJSON_CreateNull()) &&
	    gpuadv__json_add(o, "measured_set", gpuadv__json_text(ok ? p->measured_set : NULL)) &&
	    gpuadv__json_add(o, "measured_precision",
			     gpuadv__json_text(ok ? p->measured_precision : NULL)) &&
	    gpuadv__json_add(o, "siblings", cJSON_CreateNumber(ok ? (double)p->siblings : 0)) &&
	    /* only for a named model's network (docs/json.md) */
	    (!p->network || gpuadv__json_add(o, "network", gpuadv__json_text(p->network))) &&
	    gpuadv__json_add(o, "fallback", cJSON_CreateBool(p->fallback)) &&
	    gpuadv__json_add(o, "note", gpuadv__json_str_or_null(p->note[0] ? p->note : NULL)))
		return o;
	cJSON_Delete(o);
	return NULL;
}

int gpuadv_json_write(FILE *out, cJSON *doc, struct gpuadv_error *err)
{
	char *text;
	int rc = 0;

	if (!doc)
		return gpuadv_error_set(err, GPUADV_ENOMEM, "out of memory");
	text = cJSON_Print(doc);
	cJSON_Delete(doc);
	if (!text)
		return gpuadv_error_set(err, GPUADV_ENOMEM, "out of memory");
	if (fputs(text, out) == EOF || fputc('\n', out) == EOF)
		rc = gpuadv_error_set(err, GPUADV_EIO, "cannot write output");
	cJSON_free(text);
	return rc;
}

/* {"schema_version": 1, "catalog": {...}} to which a command adds its part. */
cJSON *gpuadv__json_document(const struct gpuadv_catalog *cat)
{
	cJSON *doc = cJSON_CreateObject();

	if (doc && (!gpuadv__json_add(doc, "schema_version",
			 gpuadv_json_number(GPUADV_JSON_SCHEMA_VERSION)) ||
		    !gpuadv__json_add(doc, "catalog", gpuadv_json_catalog(cat)))) {
		cJSON_Delete(doc);
		return NULL;
	}
	return doc;
}

cJSON *gpuadv_json_gpu_array(const struct gpuadv_catalog *cat,
			     const struct gpuadv_gpu *const *gpus,
			     const struct gpuadv_perf *perf, size_t n)
{
	cJSON *arr = cJSON_CreateArray();
	size_t i;

	for (i = 0; arr && i < n; i++) {
		cJSON *g = gpuadv_json_gpu(cat, gpus[i]);

		if (!g || !cJSON_AddItemToArray(arr, g)) {
			cJSON_Delete(g);
			goto fail;
		}
		if (perf && !gpuadv__json_add(g, "perf", gpuadv_json_perf(cat, &perf[i],
								  !isnan(perf[i].value))))
			goto fail;
	}
	return arr;
fail:
	cJSON_Delete(arr);
	return NULL;
}

int gpuadv__json_gpu_list(FILE *out, const struct gpuadv_catalog *cat,
				const struct gpuadv_gpu *const *gpus,
				const struct gpuadv_perf *perf, size_t n,
				struct gpuadv_error *err)
{
	cJSON *doc = gpuadv__json_document(cat);

	if (!doc || !gpuadv__json_add(doc, "gpus", gpuadv_json_gpu_array(cat, gpus, perf, n))) {
		cJSON_Delete(doc);
		return gpuadv_error_set(err, GPUADV_ENOMEM, "out of memory");
	}
	return gpuadv_json_write(out, doc, err);
}

int gpuadv__json_gpu(FILE *out, const struct gpuadv_catalog *cat,
			   const struct gpuadv_gpu *gpu, struct gpuadv_error *err)
{
	cJSON *doc = gpuadv__json_document(cat), *g = gpuadv_json_gpu(cat, gpu);

	if (!doc || !gpuadv__json_add(doc, "gpu", g) ||
	    !gpuadv__json_add(g, "prices", gpuadv_json_gpu_prices(cat, gpu))) {
		cJSON_Delete(doc);
		return gpuadv_error_set(err, GPUADV_ENOMEM, "out of memory");
	}
	return gpuadv_json_write(out, doc, err);
}

int gpuadv__json_archs(FILE *out, const struct gpuadv_catalog *cat,
			     struct gpuadv_error *err)
{
	cJSON *doc = gpuadv__json_document(cat), *arr = cJSON_CreateArray();
	size_t i;

	if (!doc) {
		cJSON_Delete(arr);
		goto fail;
	}
	if (!gpuadv__json_add(doc, "architectures", arr))
		goto fail;
	for (i = 0; i < cat->arch_count; i++) {
		const struct gpuadv_arch *a = &cat->archs[i];
		cJSON *o = cJSON_CreateObject();

		if (!o || !cJSON_AddItemToArray(arr, o)) {
			cJSON_Delete(o);
			goto fail;
		}
		if (!gpuadv__json_add(o, "id", gpuadv__json_text(a->id)) ||
		    !gpuadv__json_add(o, "name", gpuadv__json_text(a->name)) ||
		    !gpuadv__json_add(o, "year", gpuadv_json_stated(a->year)) ||
		    !gpuadv__json_add(o, "compute_capability", gpuadv__json_text(a->compute_capability)) ||
		    !gpuadv__json_add(o, "tensor_core_generation",
			 gpuadv_json_number(a->tensor_core_generation)) ||
		    !gpuadv__json_add(o, "tensor_precisions", precisions(a->tensor_precisions)) ||
		    !gpuadv__json_add(o, "memory_types", strlist(&a->memory_types)) ||
		    !gpuadv__json_add(o, "summary", gpuadv__json_text(a->summary)))
			goto fail;
	}
	return gpuadv_json_write(out, doc, err);
fail:
	cJSON_Delete(doc);
	return gpuadv_error_set(err, GPUADV_ENOMEM, "out of memory");
}
