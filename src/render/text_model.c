/*
 * text_model.c - the model answers as text: `memory` (the breakdown with a
 * bar per part, in GiB, and the cards that hold the model on 1, 2, 4 or 8
 * of them) and `models` (the model catalogue as a table).
 */
#include <libsmartcols/libsmartcols.h>
#include <math.h>
#include <string.h>

#include "formats.h"
#include "table.h"
#include "words.h"

#define BAR_WIDTH 30

/* 70.6B, 350M: a parameter count for people. */
static const char *count_text(char *buf, size_t size, double n)
{
	if (isnan(n))
		snprintf(buf, size, "-");
	else if (n >= 1e12)
		snprintf(buf, size, "%.2fT", n / 1e12);
	else if (n >= 1e9)
		snprintf(buf, size, "%.1fB", n / 1e9);
	else
		snprintf(buf, size, "%.0fM", n / 1e6);
	return buf;
}

static void part(FILE *out, const char *label, double bytes, double total)
{
	double share = total > 0 ? bytes / total : 0;
	int bar = (int)nearbyint(share * BAR_WIDTH), i;

	fprintf(out, "  %-12s %9.2f %5.0f%%%s", label, bytes / GPUADV_GIB, share * 100,
		bar > 0 ? "  " : "");
	for (i = 0; i < bar; i++)
		fputc('#', out);
	fputc('\n', out);
}

/* The cards' ids, wrapped under an indent; those in skip[] left out. */
static void id_list(FILE *out, const struct gpuadv_gpu *const *gpus, size_t n,
		    const struct gpuadv_gpu *const *skip, size_t nskip, int columns)
{
	int width = columns > 40 ? columns : 80, col = 4;
	size_t i, j;
	bool first = true;

	fputs("    ", out);
	for (i = 0; i < n; i++) {
		int len = (int)strlen(gpus[i]->id);

		for (j = 0; j < nskip && skip[j] != gpus[i]; j++)
			;
		if (j < nskip)
			continue;
		if (!first && col + 2 + len > width) {
			fputs(",\n    ", out);
			col = 4;
		} else if (!first) {
			fputs(", ", out);
			col += 2;
		}
		fputs(gpus[i]->id, out);
		col += len;
		first = false;
	}
	fputc('\n', out);
}

/* --on: whether it fits the configuration asked about (or this
 * machine's), and for an LLM how fast it decodes there. */
static void on_config(FILE *out, const struct gpuadv_memory_answer *a)
{
	const struct gpuadv_model_fit *f = &a->on.fit;
	char fit[256], decode[320];

	gpuadv__words_fit(fit, sizeof(fit), f, a->on.gpu);
	fprintf(out, "On %s%u x %s: %s\n", a->query.on_detected ? "this machine's " : "",
		f->count, a->on.gpu->name, fit);
	if (f->fits && f->llm && !isnan(f->decode_tokens_per_s)) {
		gpuadv__words_decode(decode, sizeof(decode), f);
		fprintf(out, "  %s\n", decode);
	}
	fputc('\n', out);
}

int gpuadv__text_memory(FILE *out, const struct gpuadv_memory_answer *a,
			const struct gpuadv_render_opts *o, struct gpuadv_error *err)
{
	const struct gpuadv_query *q = &a->query;
	const struct gpuadv_model_spec *m = a->model;
	const struct gpuadv_memory *mem = &a->memory;
	bool train = q->task != GPUADV_INFER;
	char b[2][32];
	size_t k;

	fprintf(out, "Model: %s (%s), %s parameters", m->name, m->id,
		count_text(b[0], sizeof(b[0]), m->v[GPUADV_MF_PARAMS]));
	if (gpuadv_model_active_params(m) < m->v[GPUADV_MF_PARAMS])
		fprintf(out, ", %s active per token",
			count_text(b[1], sizeof(b[1]), gpuadv_model_active_params(m)));
	fprintf(out, "\n");
	if (!q->model)
		fprintf(out, "  assumed (a model not listed: a Llama-like dense decoder): %.0f layers%s, "
			     "hidden %.0f%s, %.0f heads of %.0f, %.0f KV heads%s, MLP %.0f, vocabulary %.0f, context up to 131072\n",
			m->v[GPUADV_MF_LAYERS], isnan(q->layers) ? "" : " (given)",
			m->v[GPUADV_MF_HIDDEN_SIZE], isnan(q->hidden) ? "" : " (given)",
			m->v[GPUADV_MF_ATTENTION_HEADS], m->v[GPUADV_MF_HEAD_DIM],
			m->v[GPUADV_MF_KV_HEADS], isnan(q->kv_heads) ? "" : " (given)",
			m->v[GPUADV_MF_INTERMEDIATE_SIZE], m->v[GPUADV_MF_VOCAB_SIZE]);
	fprintf(out, "Weights: %s", q->quant ? q->quant->name : "16-bit");
	if (q->quant)
		fprintf(out, " (%g bits per weight)", q->quant->bits_per_weight);
	else if (train && q->method == GPUADV_METHOD_QLORA)
		fprintf(out, " (QLoRA: base weights in NF4)");
	fprintf(out, "; task %s", gpuadv__task_word(q->task));
	if (train)
		fprintf(out, " (%s, %s%s)", gpuadv_mem_method_name((enum gpuadv_mem_method)q->method),
			gpuadv_optimizer_name((enum gpuadv_optimizer)q->optimizer),
			q->checkpointing > 0 ? ", gradient checkpointing" : ", no checkpointing");
	if (q->context > 0)
		fprintf(out, "; context %.0f tokens", q->context);
	fprintf(out, "; batch %.0f\n\n", q->batch);

	fprintf(out, "Memory on one GPU, in GiB (2^30 bytes: a \"24 GB\" card holds 24 GiB;\n"
		     "model files quoted in decimal GB are 7%% larger in number):\n");
	if (o->chart) {
		gpuadv__chart_memory_parts(out, mem, o);
	} else {
		part(out, "weights", mem->weights, mem->required);
		part(out, "KV cache", mem->kv_cache, mem->required);
		part(out, "activations", mem->activations, mem->required);
		part(out, "gradients", mem->gradients, mem->required);
		part(out, "optimizer", mem->optimizer, mem->required);
		part(out, "overhead", mem->overhead, mem->required);
	}
	fprintf(out, "  %-12s %9.2f GiB (%.1f GB)\n", "total", mem->required / GPUADV_GIB,
		mem->required / 1e9);
	if (mem->activations_unknown)
		fprintf(out, "  (activations unknown: the model states no activation figures)\n");
	if (train && mem->trainable_params > 0)
		fprintf(out, "  trainable parameters: %s\n",
			count_text(b[0], sizeof(b[0]), mem->trainable_params));
	fprintf(out, "  overhead per GPU: %s (docs/memory.md)\n\n",
		train ? "1 GiB CUDA context and libraries, plus 5% for fragmentation"
		      : "457 MiB CUDA context and library reserve (Ollama's figure)");
	if (a->on.gpu)
		on_config(out, a);

	fprintf(out, "%s\n", !train ? "Catalogue cards that hold it (inference pools the cards' memory: "
				      "llama.cpp's layer split):"
			     : q->sharding == GPUADV_SHARD_FSDP
				     ? "Catalogue cards that hold it (FSDP: weights, gradients and "
				       "optimiser state split over the cards):"
				     : "Catalogue cards that hold it (data parallel: every card holds "
				       "the whole model; --sharding fsdp splits it):");
	for (k = 0; k < GPUADV_MEMORY_COUNTS; k++) {
		unsigned n = gpuadv_memory_counts[k];

		size_t before = k ? a->fit_count[k - 1] : 0;

		fprintf(out, "  %u GPU%s (%.1f GiB %s): ", n, n > 1 ? "s" : "", a->required_gb[k],
			a->per_gpu ? "each" : "in all");
		if (a->fit_count[k] == 0) {
			fprintf(out, "none\n");
			continue;
		}
		if (a->fit_count[k] <= before) {
			fprintf(out, "no more cards\n");
			continue;
		}
		fprintf(out, "%zu card%s%s\n", a->fit_count[k] - before,
			a->fit_count[k] - before > 1 ? "s" : "", k ? " more" : "");
		id_list(out, a->fits[k], a->fit_count[k], k ? a->fits[k - 1] : NULL, before,
			o->columns);
	}
	if (o->chart && gpuadv__chart_memory(out, a, o, err))
		return GPUADV_EIO;
	if (fflush(out) == EOF || ferror(out))
		return gpuadv_error_set(err, GPUADV_EIO, "cannot write output");
	return 0;
}

int gpuadv__text_models(FILE *out, const struct gpuadv_models *ms, int kind,
			const struct gpuadv_render_opts *o, struct gpuadv_error *err)
{
	struct libscols_table *tb = gpuadv__table_new(out, o);
	char b[4][32];
	size_t i;

	if (!tb || gpuadv__table_col(tb, "ID", 0.2, 0, o->color) ||
	    gpuadv__table_col(tb, "NAME", 0.3, SCOLS_FL_TRUNC, o->color) ||
	    gpuadv__table_col(tb, "KIND", 6, 0, o->color) ||
	    gpuadv__table_col(tb, "PARAMS", 6, SCOLS_FL_RIGHT, o->color) ||
	    gpuadv__table_col(tb, "ACTIVE", 6, SCOLS_FL_RIGHT, o->color) ||
	    gpuadv__table_col(tb, "CONTEXT", 7, SCOLS_FL_RIGHT, o->color) ||
	    gpuadv__table_col(tb, "SHIPS AS", 6, 0, o->color) ||
	    gpuadv__table_col(tb, "RELEASED", 7, 0, o->color))
		goto oom;
	for (i = 0; i < ms->model_count; i++) {
		const struct gpuadv_model_spec *m = &ms->models[i];
		struct libscols_line *ln;
		double active = gpuadv_model_active_params(m);

		if (kind >= 0 && (int)m->kind != kind)
			continue;
		if (isnan(m->v[GPUADV_MF_MAX_CONTEXT_TOKENS]))
			snprintf(b[2], sizeof(b[2]), "-");
		else
			snprintf(b[2], sizeof(b[2]), "%.0f", m->v[GPUADV_MF_MAX_CONTEXT_TOKENS]);
		if (!(ln = scols_table_new_line(tb, NULL)) || scols_line_set_data(ln, 0, m->id) ||
		    scols_line_set_data(ln, 1, m->name) ||
		    scols_line_set_data(ln, 2, gpuadv_model_kind_name(m->kind)) ||
		    scols_line_set_data(ln, 3, count_text(b[0], sizeof(b[0]), m->v[GPUADV_MF_PARAMS])) ||
		    scols_line_set_data(ln, 4, active < m->v[GPUADV_MF_PARAMS]
						       ? count_text(b[1], sizeof(b[1]), active) : "") ||
		    scols_line_set_data(ln, 5, b[2]) ||
		    scols_line_set_data(ln, 6, m->default_quant ? m->default_quant->id : "") ||
		    scols_line_set_data(ln, 7, m->released))
			goto oom;
	}
	if (gpuadv__table_print(tb, out, err))
		return GPUADV_EIO;
	fprintf(out, "\nQuantisations (--quant), bits per weight:");
	for (i = 0; i < ms->quant_count; i++)
		fprintf(out, "%s %s %g", i % 6 ? "," : "\n ", ms->quants[i].id,
			ms->quants[i].bits_per_weight);
	fprintf(out, "\nWeight-only formats run on any CUDA card; fp8 maths needs Ada, Hopper or newer.\n");
	if (fflush(out) == EOF || ferror(out))
		return gpuadv_error_set(err, GPUADV_EIO, "cannot write output");
	return 0;
oom:
	scols_unref_table(tb);
	return gpuadv_error_set(err, GPUADV_ENOMEM, "out of memory");
}

void gpuadv__text_config(FILE *out, const struct gpuadv_catalog *cat,
			 const struct gpuadv_gpu *g, unsigned count)
{
	struct gpuadv_price pick;
	char when[64];
	double price;

	gpuadv_price_pick(&pick, cat, g, GPUADV_WANT_ANY, NULL);
	price = pick.usd;
	gpuadv__text_price(when, sizeof(when), &pick);

	fprintf(out, "Configuration: %u x %s: %g GB in all", count, g->name,
		g->v[GPUADV_F_MEMORY_GB] * count);
	if (!isnan(g->v[GPUADV_F_TDP_W]))
		fprintf(out, ", %g W", g->v[GPUADV_F_TDP_W] * count);
	if (!isnan(price))
		fprintf(out, ", $%.0f (%u x %s)", price * count, count, when);
	fprintf(out, "; %s between cards. One card:\n\n",
		g->nvlink == 1 ? "NVLink" : "PCIe");
}
