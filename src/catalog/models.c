/*
 * models.c - the strict loader of the model catalogue (data/models.yaml,
 * schema in docs/models.md): walks the YAML tree from yamltree.c, checks
 * every value (type, range, references, the rules that tie figures
 * together) and builds the structs of models.h. Every failure names
 * file:line:column; nothing is handed over unless the whole file is valid.
 */
#include "gpu_advisor/models.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "catalog_internal.h"
#include "models_internal.h"
#include "yamltree.h"

#define POS 1e-9

const struct gpuadv_field_info gpuadv_model_fields[GPUADV_MF_COUNT] = {
	[GPUADV_MF_PARAMS] = { "params", "Params", 1, 1e14, true, true },
	[GPUADV_MF_ACTIVE_PARAMS] = { "active_params", "Active", 1, 1e14, true, false },
	[GPUADV_MF_LAYERS] = { "layers", "Layers", 1, 10000, true, true },
	[GPUADV_MF_HIDDEN_SIZE] = { "hidden_size", "Hidden", 1, 1e6, true, true },
	[GPUADV_MF_INTERMEDIATE_SIZE] = { "intermediate_size", "FFN", 1, 1e7, true, true },
	[GPUADV_MF_ATTENTION_HEADS] = { "attention_heads", "Heads", 1, 10000, true, true },
	[GPUADV_MF_KV_HEADS] = { "kv_heads", "KV heads", 1, 10000, true, true },
	[GPUADV_MF_HEAD_DIM] = { "head_dim", "Head dim", 1, 10000, true, true },
	[GPUADV_MF_VOCAB_SIZE] = { "vocab_size", "Vocab", 1, 1e8, true, true },
	[GPUADV_MF_MAX_CONTEXT_TOKENS] = { "max_context_tokens", "Context", 1, 1e9, true, true },
	[GPUADV_MF_KV_LORA_RANK] = { "kv_lora_rank", "KV rank", 1, 1e6, true, false },
	[GPUADV_MF_QK_ROPE_HEAD_DIM] = { "qk_rope_head_dim", "RoPE dim", 1, 1e5, true, false },
	[GPUADV_MF_SLIDING_WINDOW_TOKENS] = { "sliding_window_tokens", "Window", 1, 1e9, true, false },
	[GPUADV_MF_SLIDING_WINDOW_LAYERS] = { "sliding_window_layers", "SWA layers", 1, 10000, true, false },
	[GPUADV_MF_EXPERTS] = { "experts", "Experts", 2, 100000, true, false },
	[GPUADV_MF_EXPERTS_PER_TOKEN] = { "experts_per_token", "Active experts", 1, 100000, true, false },
	[GPUADV_MF_FLOPS_PER_SAMPLE_GFLOP] = { "flops_per_sample_gflop", "GFLOP/sample", POS, 1e9, false, false },
	[GPUADV_MF_ACTIVATIONS_PER_SAMPLE_M] = { "activations_per_sample_m", "Act M/sample", POS, 1e9, false, false },
};

static const char *const kind_names[GPUADV_KIND_COUNT] = {
	"llm", "encoder", "language", "speech", "vision", "diffusion",
	"translation", "gan"
};
static const char *const attention_names[GPUADV_ATTN_COUNT] = {
	"mha", "gqa", "mqa", "mla"
};

const char *gpuadv_model_kind_name(enum gpuadv_model_kind k)
{
	return (unsigned)k < GPUADV_KIND_COUNT ? kind_names[k] : "?";
}

const char *gpuadv_attention_name(enum gpuadv_attention a)
{
	return (unsigned)a < GPUADV_ATTN_COUNT ? attention_names[a] : "none";
}

double gpuadv_model_active_params(const struct gpuadv_model_spec *m)
{
	return isnan(m->v[GPUADV_MF_ACTIVE_PARAMS]) ? m->v[GPUADV_MF_PARAMS]
						    : m->v[GPUADV_MF_ACTIVE_PARAMS];
}

bool gpuadv_model_decodes(const struct gpuadv_model_spec *m)
{
	return m && m->kind == GPUADV_KIND_LLM && !isnan(m->v[GPUADV_MF_LAYERS]) &&
	       !isnan(m->v[GPUADV_MF_HIDDEN_SIZE]) && !isnan(m->v[GPUADV_MF_HEAD_DIM]);
}

/* ---- the model catalogue's own rules over the shared getters --------- */

/* A figure of gpuadv_model_fields: its key, range and integer rule. */
static int get_field(const struct gpuadv__ywalk *c, const struct ynode *n,
		     const struct gpuadv_field_info *f, double *out)
{
	return gpuadv__ytree_number(c, n, f->key, f->min, f->max, f->integer, out);
}

/* An optional true or false: *out -1 where the key is absent. */
static int get_opt_bool(const struct gpuadv__ywalk *c, const struct ynode *map,
			const char *key, int *out)
{
	const struct ynode *n = gpuadv__ytree_get(map, key);

	*out = -1;
	return n ? gpuadv__ytree_bool(c, n, key, out) : 0;
}

/* Ids: 1-64 of [a-z0-9._-], starting with a letter or digit. */
static int get_id(const struct gpuadv__ywalk *c, const struct ynode *map,
		  const char *what, const char **out)
{
	const struct ynode *n = gpuadv__ytree_get(map, "id");
	const char *s;
	char buf[64];
	size_t len;
	int rc = gpuadv__ytree_string(c, n, "id", out);

	if (rc)
		return rc;
	for (s = *out, len = 0; *s; s++, len++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') ||
		      (len > 0 && (*s == '-' || *s == '_' || *s == '.'))))
			break;
	if (*s || len > 64)
		return gpuadv__ytree_fail(c, n, "%s id must be 1-64 lowercase letters, "
					  "digits, '.', '_' or '-', got '%s'", what,
					  gpuadv__ytree_shown(n, buf, sizeof(buf)));
	return 0;
}

static int get_sources(const struct gpuadv__ywalk *c, const struct ynode *m,
		       const char *id, struct gpuadv_strlist *out)
{
	const struct ynode *n = gpuadv__ytree_get(m, "sources");
	int rc = gpuadv__ytree_strlist(c, n, "sources", out);

	if (rc == 0 && out->count == 0)
		return gpuadv__ytree_fail(c, n, "'%s' names no source", id);
	return rc;
}

/* ---- quantisations ---------------------------------------------------- */

static int load_quant(const struct gpuadv__ywalk *c, const struct ynode *m, struct gpuadv_quant *q)
{
	static const char *const keys[] = { "id", "name", "aliases",
		"bits_per_weight", "weight_only", "math_precision", "format",
		"sources", "notes", NULL };
	static const char *const req[] = { "id", "name", "bits_per_weight",
		"weight_only", "format", "sources", NULL };
	static const struct gpuadv_field_info bpw = { "bits_per_weight", "bpw", 1,
						      64, false, true };
	const struct ynode *n;
	int rc, wo, p = -1;

	if ((rc = gpuadv__ytree_want(c, m, Y_MAP, "quantizations[]")) ||
	    (rc = gpuadv__ytree_check_keys(c, m, keys, req, "quantization")) ||
	    (rc = get_id(c, m, "quantization", &q->id)) ||
	    (rc = gpuadv__ytree_string(c, gpuadv__ytree_get(m, "name"), "name", &q->name)) ||
	    (rc = get_field(c, gpuadv__ytree_get(m, "bits_per_weight"), &bpw,
			     &q->bits_per_weight)) ||
	    (rc = gpuadv__ytree_bool(c, gpuadv__ytree_get(m, "weight_only"),
				      "weight_only", &wo)) ||
	    (rc = gpuadv__ytree_string(c, gpuadv__ytree_get(m, "format"), "format", &q->format)) ||
	    (rc = get_sources(c, m, q->id, &q->sources)) ||
	    (rc = gpuadv__ytree_opt_string(c, m, "notes", &q->notes)))
		return rc;
	if ((n = gpuadv__ytree_get(m, "aliases")) &&
	    (rc = gpuadv__ytree_strlist(c, n, "aliases", &q->aliases)))
		return rc;
	q->weight_only = wo == 1;
	if ((n = gpuadv__ytree_get(m, "math_precision")) &&
	    (rc = gpuadv__ytree_choice(c, n, "math_precision", gpuadv__precision_names,
				       GPUADV_PRECISION_COUNT, &p)))
		return rc;
	if (q->weight_only != (p < 0))
		return gpuadv__ytree_fail(c, m, "quantization '%s': 'math_precision' is required "
			    "unless 'weight_only' is true, and only then", q->id);
	q->math_precision = p;
	return 0;
}

/* ---- models ----------------------------------------------------------- */

static const struct gpuadv_quant *quant_by_id(const struct gpuadv_models *ms,
					      const char *id)
{
	size_t i;

	for (i = 0; i < ms->quant_count; i++)
		if (strcmp(ms->quants[i].id, id) == 0)
			return &ms->quants[i];
	return NULL;
}

/* Where to point for a rule about key: its value, else the model. */
static const struct ynode *at(const struct ynode *m, const char *key)
{
	const struct ynode *n = gpuadv__ytree_get(m, key);

	return n ? n : m;
}

/* The rules that tie figures together. */
static int check_model(const struct gpuadv__ywalk *c, const struct ynode *m,
		       const struct gpuadv_model_spec *s)
{
	const double *v = s->v;
	size_t i;

#define HAS(f) (!isnan(v[GPUADV_MF_##f]))
	if (s->kind == GPUADV_KIND_LLM) {
		for (i = 0; i < GPUADV_MF_COUNT; i++)
			if (gpuadv_model_fields[i].required && isnan(v[i]))
				return gpuadv__ytree_fail(c, m, "model '%s' (llm) needs '%s'", s->id,
					    gpuadv_model_fields[i].key);
		if (s->attention == GPUADV_ATTN_NONE || s->gated_mlp < 0 ||
		    s->tied_embeddings < 0)
			return gpuadv__ytree_fail(c, m, "model '%s' (llm) needs 'attention', "
				    "'gated_mlp' and 'tied_embeddings'", s->id);
	}
	if (HAS(ACTIVE_PARAMS) && (!HAS(PARAMS) ||
				   v[GPUADV_MF_ACTIVE_PARAMS] > v[GPUADV_MF_PARAMS]))
		return gpuadv__ytree_fail(c, at(m, "active_params"), "model '%s': 'active_params' must not exceed 'params'",
			    s->id);
	if (HAS(KV_HEADS) != HAS(ATTENTION_HEADS) ||
	    (HAS(KV_HEADS) &&
	     fmod(v[GPUADV_MF_ATTENTION_HEADS], v[GPUADV_MF_KV_HEADS]) != 0))
		return gpuadv__ytree_fail(c, at(m, "kv_heads"), "model '%s': 'kv_heads' must divide 'attention_heads'",
			    s->id);
	if (HAS(KV_HEADS) && s->attention != GPUADV_ATTN_MLA &&
	    ((s->attention == GPUADV_ATTN_MHA) !=
		     (v[GPUADV_MF_KV_HEADS] == v[GPUADV_MF_ATTENTION_HEADS]) ||
	     (s->attention == GPUADV_ATTN_MQA) != (v[GPUADV_MF_KV_HEADS] == 1)))
		return gpuadv__ytree_fail(c, at(m, "attention"), "model '%s': attention '%s' does not match %g key/value "
			    "heads for %g heads", s->id, gpuadv_attention_name(s->attention),
			    v[GPUADV_MF_KV_HEADS], v[GPUADV_MF_ATTENTION_HEADS]);
	if ((s->attention == GPUADV_ATTN_MLA) != (HAS(KV_LORA_RANK) && HAS(QK_ROPE_HEAD_DIM)) ||
	    HAS(KV_LORA_RANK) != HAS(QK_ROPE_HEAD_DIM))
		return gpuadv__ytree_fail(c, at(m, "attention"), "model '%s': 'kv_lora_rank' and 'qk_rope_head_dim' go "
			    "with attention 'mla', and only with it", s->id);
	if (HAS(SLIDING_WINDOW_TOKENS) != HAS(SLIDING_WINDOW_LAYERS) ||
	    (HAS(SLIDING_WINDOW_LAYERS) && (!HAS(LAYERS) ||
		v[GPUADV_MF_SLIDING_WINDOW_LAYERS] > v[GPUADV_MF_LAYERS])))
		return gpuadv__ytree_fail(c, at(m, "sliding_window_tokens"), "model '%s': 'sliding_window_tokens' and "
			    "'sliding_window_layers' go together, the layers at most "
			    "'layers'", s->id);
	if (HAS(EXPERTS) != HAS(EXPERTS_PER_TOKEN) ||
	    (HAS(EXPERTS) && v[GPUADV_MF_EXPERTS_PER_TOKEN] > v[GPUADV_MF_EXPERTS]))
		return gpuadv__ytree_fail(c, at(m, "experts"), "model '%s': 'experts' and 'experts_per_token' go "
			    "together, the second at most the first", s->id);
	if (HAS(EXPERTS) && !HAS(ACTIVE_PARAMS))
		return gpuadv__ytree_fail(c, at(m, "experts"), "model '%s': a mixture of experts needs 'active_params'",
			    s->id);
#undef HAS
	return 0;
}

static int load_model(const struct gpuadv__ywalk *c, const struct ynode *m,
		      struct gpuadv_model_spec *s, const struct gpuadv_models *ms)
{
	static const char *const strkeys[] = { "id", "name", "aliases", "kind",
		"attention", "gated_mlp", "tied_embeddings", "default_quant",
		"input", "released", "sources", "notes", NULL };
	static const char *const req[] = { "id", "name", "kind", "released",
		"sources", NULL };
	const char *keys[sizeof(strkeys) / sizeof(*strkeys) + GPUADV_MF_COUNT];
	const struct ynode *n;
	const char *dq;
	char buf[64];
	size_t i, k = 0;
	int rc, kind = 0, attn = 0; /* set by gpuadv__ytree_choice before use; -O3 cannot see that */

	if ((rc = gpuadv__ytree_want(c, m, Y_MAP, "models[]")))
		return rc;
	for (i = 0; strkeys[i]; i++)
		keys[k++] = strkeys[i];
	for (i = 0; i < GPUADV_MF_COUNT; i++)
		keys[k++] = gpuadv_model_fields[i].key;
	keys[k] = NULL;
	if ((rc = gpuadv__ytree_check_keys(c, m, keys, req, "model")) ||
	    (rc = get_id(c, m, "model", &s->id)) ||
	    (rc = gpuadv__ytree_string(c, gpuadv__ytree_get(m, "name"), "name", &s->name)) ||
	    (rc = gpuadv__ytree_choice(c, gpuadv__ytree_get(m, "kind"), "kind", kind_names,
			     GPUADV_KIND_COUNT, &kind)) ||
	    (rc = gpuadv__ytree_day_or_month(c, gpuadv__ytree_get(m, "released"),
					       "released", &s->released)) ||
	    (rc = get_sources(c, m, s->id, &s->sources)) ||
	    (rc = get_opt_bool(c, m, "gated_mlp", &s->gated_mlp)) ||
	    (rc = get_opt_bool(c, m, "tied_embeddings", &s->tied_embeddings)) ||
	    (rc = gpuadv__ytree_opt_string(c, m, "input", &s->input)) ||
	    (rc = gpuadv__ytree_opt_string(c, m, "notes", &s->notes)) ||
	    (rc = gpuadv__ytree_opt_string(c, m, "default_quant", &dq)))
		return rc;
	s->kind = kind;
	if ((n = gpuadv__ytree_get(m, "aliases")) &&
	    (rc = gpuadv__ytree_strlist(c, n, "aliases", &s->aliases)))
		return rc;
	s->attention = GPUADV_ATTN_NONE;
	if ((n = gpuadv__ytree_get(m, "attention"))) {
		if ((rc = gpuadv__ytree_choice(c, n, "attention", attention_names,
				     GPUADV_ATTN_COUNT, &attn)))
			return rc;
		s->attention = attn;
	}
	n = gpuadv__ytree_get(m, "default_quant");
	if (dq && !(s->default_quant = quant_by_id(ms, dq)))
		return gpuadv__ytree_fail(c, n, "'default_quant' names unknown "
					  "quantization '%s'",
					  gpuadv__ytree_shown(n, buf, sizeof(buf)));
	for (i = 0; i < GPUADV_MF_COUNT; i++) {
		s->v[i] = NAN;
		if ((n = gpuadv__ytree_get(m, gpuadv_model_fields[i].key)) &&
		    (rc = get_field(c, n, &gpuadv_model_fields[i], &s->v[i])))
			return rc;
	}
	return check_model(c, m, s);
}

/* ---- the whole file ---------------------------------------------------- */

static int seq_of(const struct gpuadv__ywalk *c, const struct ynode *root, const char *key,
		  size_t elem, size_t max, void **out, size_t *count,
		  const struct ynode **seq)
{
	const struct ynode *n = gpuadv__ytree_get(root, key);
	int rc;

	if ((rc = gpuadv__ytree_want(c, n, Y_SEQ, key)))
		return rc;
	if (n->count == 0 || n->count > max)
		return gpuadv__ytree_fail(c, n, "'%s' must list 1 to %zu entries, got %zu", key,
			    max, n->count);
	*out = gpuadv__arena_calloc(c->arena, n->count, elem);
	if (!*out)
		return gpuadv__ytree_oom(c);
	*count = n->count;
	*seq = n;
	return 0;
}

static int load_root(const struct gpuadv__ywalk *c, const struct ynode *root, struct gpuadv_models *ms)
{
	static const char *const keys[] = { "schema_version", "as_of",
		"quantizations", "models", NULL };
	static const struct gpuadv_field_info ver = { "schema_version", "", 1, 1e6,
						      true, true };
	const struct ynode *qs = NULL, *mods = NULL; /* set by seq_of on success; gcc -O3 cannot see it */
	double version;
	size_t i;
	int rc;

	if (root->type != Y_MAP)
		return gpuadv__ytree_fail(c, root, "the model catalogue must be a mapping, got %s",
			    gpuadv__ytree_type_name(root->type));
	if ((rc = gpuadv__ytree_check_keys(c, root, keys, keys, "the model catalogue")) ||
	    (rc = get_field(c, gpuadv__ytree_get(root, "schema_version"), &ver, &version)))
		return rc;
	if (version != 1)
		return gpuadv__ytree_fail(c, gpuadv__ytree_get(root, "schema_version"),
			    "unsupported schema_version %g (this program reads 1)",
			    version);
	ms->schema_version = 1;
	if ((rc = gpuadv__ytree_date(c, gpuadv__ytree_get(root, "as_of"), "as_of", &ms->as_of)) ||
	    (rc = seq_of(c, root, "quantizations", sizeof(*ms->quants),
			 GPUADV_MODELS_MAX_QUANTS, (void **)&ms->quants,
			 &ms->quant_count, &qs)))
		return rc;
	for (i = 0; i < ms->quant_count; i++)
		if ((rc = load_quant(c, qs->items[i], &ms->quants[i])))
			return rc;
	if ((rc = gpuadv__models_index(ms, qs, true, c->name, c->err)) ||
	    (rc = seq_of(c, root, "models", sizeof(*ms->models),
			 GPUADV_MODELS_MAX_MODELS, (void **)&ms->models,
			 &ms->model_count, &mods)))
		return rc;
	for (i = 0; i < ms->model_count; i++)
		if ((rc = load_model(c, mods->items[i], &ms->models[i], ms)))
			return rc;
	return gpuadv__models_index(ms, mods, false, c->name, c->err);
}

int gpuadv_models_load(struct gpuadv_models *out, const char *data, size_t len,
		       const char *name, struct gpuadv_error *err)
{
	static const struct gpuadv__ytree_limits lim = {
		.max_depth = GPUADV_MODELS_MAX_DEPTH,
		.max_string = GPUADV_MODELS_MAX_STRING,
		.max_items = GPUADV_MODELS_MAX_ITEMS,
		.max_bytes = GPUADV_MODELS_MAX_BYTES,
	};
	struct gpuadv_models ms = { 0 };
	struct ynode *root;
	struct gpuadv__ywalk c;
	int rc;

	memset(out, 0, sizeof(*out));
	gpuadv_error_clear(err);
	if ((rc = gpuadv__ytree_begin(&ms.arena, &ms.origin, name, "<models>", err)))
		return rc;
	c.name = ms.origin;
	c.arena = ms.arena;
	c.err = err;
	rc = gpuadv__ytree_parse(&root, ms.arena, data, len, ms.origin, &lim, err);
	if (rc == 0)
		rc = load_root(&c, root, &ms);
	if (rc) {
		gpuadv__arena_free(ms.arena);
		return rc;
	}
	*out = ms;
	return 0;
}

void gpuadv_models_release(struct gpuadv_models *m)
{
	if (!m)
		return;
	gpuadv__arena_free(m->arena);
	memset(m, 0, sizeof(*m));
}
