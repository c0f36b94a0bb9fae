/*
 * words.c - the one place the engine's answers become words: reasons,
 * exclusions, verdicts and the no-match explanation, for a terminal reader
 * (flags: "--price ID=USD") or a JSON reader (request keys: "prices").
 */
#include "words.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "line.h"

/* "$750 (used, 2026-05-16)", "$0.50/h (cloud, 2026-09-28)", "$35625 (system
 * price: a $285000 server of 8 GPUs, 2026-07)", "$1499 (launch price, old)",
 * "$750 (override)", or "". */
static void price_words(struct gpuadv__line *l, const struct gpuadv_price *p)
{
	if (isnan(p->usd))
		return;
	gpuadv__line_amount(l, p->usd, p->basis == GPUADV_PB_CLOUD);
	gpuadv__line_str(l, " (", gpuadv_price_basis_name(p->basis), NULL);
	if (p->basis == GPUADV_PB_SYSTEM && !isnan(p->gpus_per_system)) {
		gpuadv__line_str(l, " price: a ", NULL);
		gpuadv__line_usd(l, p->system_usd);
		gpuadv__line_str(l, " server of ", NULL);
		gpuadv__line_num(l, p->gpus_per_system);
		gpuadv__line_str(l, " GPUs", NULL);
	}
	if (p->basis == GPUADV_PB_LAUNCH)
		gpuadv__line_str(l, " price, old", NULL);
	if (p->as_of)
		gpuadv__line_str(l, ", ", p->as_of, p->stale ? ", over six months old" : "", NULL);
	gpuadv__line_str(l, ")", NULL);
}

void gpuadv__words_tco_gaps(char *buf, size_t size, const struct gpuadv_tco *t)
{
	static const char *const words[GPUADV_TCO_GAP_COUNT] = {
		[GPUADV_TCO_NO_PRICE] = "no purchase price known, so no total",
		[GPUADV_TCO_NO_POWER] = "board power unknown, so no energy cost",
		[GPUADV_TCO_NO_CLOUD] = "no cloud rate known, so no breakeven",
		[GPUADV_TCO_RENT_CHEAPER] = "renting costs less an hour than the power to run it: buying never catches up",
	};
	struct gpuadv__line l;
	int g;

	gpuadv__line_init(&l, buf, size);
	for (g = 0; g < GPUADV_TCO_GAP_COUNT; g++)
		if (t->gaps & (1u << g))
			gpuadv__line_str(&l, l.used ? "; " : "", words[g], NULL);
}

void gpuadv__words_reason(char *buf, size_t size, const struct gpuadv_catalog *cat,
			  const struct gpuadv_recommendation *rec,
			  const struct gpuadv_result *r, const struct gpuadv_reason *why)
{
	const struct gpuadv_query *q = &rec->query;
	struct gpuadv__line l;

	gpuadv__line_init(&l, buf, size);
	switch (why->code) {
	case GPUADV_R_UNDER_BUDGET:
		price_words(&l, &r->price);
		gpuadv__line_str(&l, " is ", NULL);
		gpuadv__line_amount(&l, why->limit - why->value, r->price.basis == GPUADV_PB_CLOUD);
		gpuadv__line_str(&l, " under the ", NULL);
		gpuadv__line_amount(&l, why->limit, r->price.basis == GPUADV_PB_CLOUD);
		gpuadv__line_str(&l, " budget", NULL);
		break;
	case GPUADV_R_COSTS:
		gpuadv__line_str(&l, "costs ", NULL);
		price_words(&l, &r->price);
		break;
	case GPUADV_R_NO_PRICE:
		gpuadv__line_str(&l, "no price known", NULL);
		break;
	case GPUADV_R_MEMORY:
		gpuadv__line_num(&l, why->value);
		gpuadv__line_str(&l, " GB of memory, ",
			 why->value >= 2 * why->limit ? "well over the " : "over the ", NULL);
		gpuadv__line_num(&l, why->limit);
		gpuadv__line_str(&l, " GB ", rec->memory_from_workload ? "the workload suggests" : "asked for",
			 NULL);
		break;
	case GPUADV_R_MEASURED:
		gpuadv__line_str(&l, "measured ", NULL);
		gpuadv__line_ratio(&l, why->value);
		gpuadv__line_str(&l, "x the ", cat->reference->name, " (benchmark set ",
			 r->perf.measured_set, "); the model estimates ", NULL);
		gpuadv__line_ratio(&l, why->limit);
		gpuadv__line_str(&l, "x", NULL);
		break;
	case GPUADV_R_ESTIMATED:
		gpuadv__line_str(&l, "estimated ", NULL);
		gpuadv__line_ratio(&l, why->value);
		if (r->perf.basis == GPUADV_BASIS_CALIBRATED && r->perf.siblings) {
			gpuadv__line_str(&l, "x the ", cat->reference->name,
					 " from its specs, corrected by ", NULL);
			gpuadv__line_num(&l, (double)r->perf.siblings);
			gpuadv__line_str(&l, r->perf.siblings == 1 ? " measured sibling" : " measured siblings",
					 " (same architecture, memory and segment)", NULL);
		} else {
			gpuadv__line_str(&l, "x the ", cat->reference->name,
					 r->perf.basis == GPUADV_BASIS_CALIBRATED
						 ? " from its specs, corrected by its own measurements"
						 : " from its specs (no measurement)",
					 NULL);
		}
		if (r->perf.basis == GPUADV_BASIS_CALIBRATED && r->perf.measured_set) {
			/* the label it was measured at, where the model moved it from there */
			const char *from = r->perf.measured_precision;
			bool moved = from && strcmp(from, gpuadv_precision_name(r->perf.precision));

			gpuadv__line_str(&l, " (benchmark set ", r->perf.measured_set,
					 moved ? ", measured at " : "", moved ? from : "", ")", NULL);
		}
		break;
	case GPUADV_R_FALLBACK:
		gpuadv__line_str(&l, r->perf.note, NULL);
		break;
	case GPUADV_R_TENSOR:
		gpuadv__line_str(&l, "runs ", gpuadv_precision_name((enum gpuadv_precision)q->precision),
			 " on its Tensor Cores", NULL);
		break;
	case GPUADV_R_BANDWIDTH_BOUND:
		gpuadv__line_str(&l, "limited mostly by memory bandwidth (", NULL);
		gpuadv__line_num(&l, why->value);
		gpuadv__line_str(&l, " GB/s)", NULL);
		break;
	case GPUADV_R_COMPUTE_BOUND:
		gpuadv__line_str(&l, "limited mostly by compute throughput", NULL);
		break;
	case GPUADV_R_POWER_WITHIN:
		gpuadv__line_num(&l, why->value);
		gpuadv__line_str(&l, " W within the ", NULL);
		gpuadv__line_num(&l, why->limit);
		gpuadv__line_str(&l, " W limit", NULL);
		break;
	case GPUADV_R_ABOUT_EQUAL:
		gpuadv__line_str(&l, "about equal to the next card (bands +-", NULL);
		gpuadv__line_num(&l, why->value);
		gpuadv__line_str(&l, "% and +-", NULL);
		gpuadv__line_num(&l, why->limit);
		gpuadv__line_str(&l, "%): pick on price or memory", NULL);
		break;
	case GPUADV_R_MODEL_FITS: {
		char fit[GPUADV__WORDS_MAX];

		gpuadv__words_fit(fit, sizeof(fit), &r->fit, r->gpu);
		gpuadv__line_str(&l, rec->model->id, " ", fit, NULL);
		break;
	}
	case GPUADV_R_DECODE: {
		char dec[GPUADV__WORDS_MAX];

		gpuadv__words_decode(dec, sizeof(dec), &r->fit);
		gpuadv__line_str(&l, dec, NULL);
		break;
	}
	case GPUADV_R_SCALING:
		gpuadv__line_num(&l, why->limit);
		gpuadv__line_str(&l, " cards at ", NULL);
		gpuadv__line_num(&l, nearbyint(why->value * 100));
		gpuadv__line_str(&l, "% data-parallel efficiency (scaling model fitted on Lambda's "
			     "1-4 GPU runs)", NULL);
		break;
	case GPUADV_R_COUNT:
		break;
	}
}

static bool fails_budget(const struct gpuadv_excluded *x)
{
	size_t i;

	for (i = 0; i < x->why_count; i++)
		if (x->why[i].constraint == GPUADV_C_BUDGET)
			return true;
	return false;
}

static void exclusion_words(struct gpuadv__line *l, const struct gpuadv_recommendation *rec,
			    const struct gpuadv_excluded *x, const struct gpuadv_exclusion *e,
			    enum gpuadv__audience audience)
{
	const struct gpuadv_query *q = &rec->query;
	const struct gpuadv_gpu *g = x->gpu;

	switch (e->constraint) {
	case GPUADV_C_ARCH:
		gpuadv__line_str(l, "architecture is ", g->arch->name, ", not ", q->arch->name, NULL);
		break;
	case GPUADV_C_SEGMENT:
		gpuadv__line_str(l, "a ", gpuadv_segment_name(g->segment), " card, not ",
			 gpuadv_segment_name((enum gpuadv_segment)q->segment), NULL);
		break;
	case GPUADV_C_PRECISION:
		gpuadv__line_str(l, x->note, NULL);
		break;
	case GPUADV_C_MEMORY:
		if (rec->model) {
			char need[GPUADV_NUMBER_MAX];

			snprintf(need, sizeof(need), "%.1f", e->limit);
			if (x->count > 1) {
				gpuadv__line_num(l, (double)x->count);
				gpuadv__line_str(l, " x ", NULL);
			}
			gpuadv__line_num(l, g->v[GPUADV_F_MEMORY_GB]);
			gpuadv__line_str(l, " GiB, under the ", need, " GiB ", rec->model->id,
				 x->count > 1 && rec->query.task != GPUADV_INFER ? " needs on each"
										 : " needs", NULL);
			break;
		}
		gpuadv__line_num(l, e->value);
		gpuadv__line_str(l, " GB of memory, under the ", NULL);
		gpuadv__line_num(l, e->limit);
		gpuadv__line_str(l, " GB needed", NULL);
		break;
	case GPUADV_C_PRICE_UNKNOWN:
		if (q->price_basis == GPUADV_WANT_CLOUD) {
			gpuadv__line_str(l, "no cloud rate known", NULL);
			break;
		}
		if (!isnan(e->value)) {
			/* Only a launch price, from years ago: not today's. */
			gpuadv__line_str(l, "no current price: its launch price, $", NULL);
			gpuadv__line_num(l, e->value);
			gpuadv__line_str(l, " (", NULL);
			gpuadv__line_num(l, g->v[GPUADV_F_RELEASE_YEAR]);
			gpuadv__line_str(l, "), is not what it sells for now; ", NULL);
		}
		/* Tell the reader how to give one, in the reader's terms. */
		if (audience == GPUADV__FOR_JSON && !isnan(e->value))
			gpuadv__line_str(l, "give one in 'prices'", NULL);
		else if (!isnan(e->value))
			gpuadv__line_str(l, "give one with --price ", g->id, "=USD", NULL);
		else if (audience == GPUADV__FOR_JSON)
			gpuadv__line_str(l, "no price known (give one in 'prices')", NULL);
		else
			gpuadv__line_str(l, "no price known (give one with --price ", g->id, "=USD)",
				 NULL);
		break;
	case GPUADV_C_BUDGET: {
		bool hourly = x->price.basis == GPUADV_PB_CLOUD;

		gpuadv__line_str(l, hourly ? "rents for " : "costs ", NULL);
		price_words(l, &x->price);
		gpuadv__line_str(l, ", ", NULL);
		gpuadv__line_amount(l, e->value - e->limit, hourly);
		gpuadv__line_str(l, " over the ", NULL);
		gpuadv__line_amount(l, e->limit, hourly);
		gpuadv__line_str(l, " budget", NULL);
		break;
	}
	case GPUADV_C_SYSTEM_ONLY:
		gpuadv__line_str(l, "sold only in 4- or 8-GPU servers, not as a card", NULL);
		/* The price once: here, unless the budget quotes it. */
		if (x->price.basis == GPUADV_PB_SYSTEM && !fails_budget(x)) {
			gpuadv__line_str(l, ": ", NULL);
			price_words(l, &x->price);
			gpuadv__line_str(l, " a GPU", NULL);
		}
		break;
	case GPUADV_C_POWER:
		if (isnan(e->value)) {
			gpuadv__line_str(l, "board power unknown", NULL);
			break;
		}
		gpuadv__line_str(l, "draws ", NULL);
		gpuadv__line_num(l, e->value);
		gpuadv__line_str(l, " W, over the ", NULL);
		gpuadv__line_num(l, e->limit);
		gpuadv__line_str(l, " W limit", NULL);
		break;
	case GPUADV_C_TOKENS:
		if (isnan(e->value)) {
			gpuadv__line_str(l, "decode speed unknown", NULL);
			break;
		}
		gpuadv__line_str(l, "decodes ~", NULL);
		gpuadv__line_num(l, nearbyint(e->value));
		gpuadv__line_str(l, " tokens/s, under the ", NULL);
		gpuadv__line_num(l, e->limit);
		gpuadv__line_str(l, " asked for", NULL);
		break;
	case GPUADV_C_COUNT:
		break;
	}
}

void gpuadv__words_excluded(char *buf, size_t size, const struct gpuadv_recommendation *rec,
			    const struct gpuadv_excluded *x, enum gpuadv__audience audience)
{
	struct gpuadv__line l;
	size_t i;

	gpuadv__line_init(&l, buf, size);
	for (i = 0; i < x->why_count; i++) {
		if (i)
			gpuadv__line_mem(&l, "; ", 2);
		exclusion_words(&l, rec, x, &x->why[i], audience);
	}
}

/* "GeForce RTX 3090", or "2x GeForce RTX 3090" for a configuration. */
static const char *config_name(char *buf, size_t size, const struct gpuadv_comparison *c,
			       long i)
{
	if (c->counts[i] > 1)
		snprintf(buf, size, "%ux %s", c->counts[i], c->gpus[i]->name);
	else
		snprintf(buf, size, "%s", c->gpus[i]->name);
	return buf;
}

void gpuadv__words_verdict(char *buf, size_t size, const struct gpuadv_catalog *cat,
			   const struct gpuadv_comparison *c, const struct gpuadv_compare_row *row)
{
	long best = row->fastest, value = row->best_value;
	char n[3][160];
	size_t used;
	/* a named model's network where the row is its (compare.c) */
	const char *what = row->perf[0].network ? row->perf[0].network : row->workload->id;

	if (best < 0) {
		snprintf(buf, size, "%s: none of these GPUs can run %s", what,
			 gpuadv_precision_name(row->precision));
		return;
	}
	if (row->ok[0])
		used = (size_t)snprintf(buf, size, "%s: %s is fastest (%.2fx the %s, %s)",
					what, config_name(n[0], sizeof(n[0]), c, best),
					row->ratio[best], config_name(n[1], sizeof(n[1]), c, 0),
					gpuadv_basis_name(row->perf[best].basis));
	else
		used = (size_t)snprintf(buf, size,
					"%s: %s is fastest (%.2fx the %s, %s; the %s cannot run %s)",
					what, config_name(n[0], sizeof(n[0]), c, best),
					row->perf[best].value, cat->reference->name,
					gpuadv_basis_name(row->perf[best].basis),
					config_name(n[1], sizeof(n[1]), c, 0),
					gpuadv_precision_name(row->precision));
	if (value >= 0 && used < size)
		snprintf(buf + used, size - used,
			 value == best ? "; it is also the best value" :
			 "; %s gives the most per dollar", config_name(n[2], sizeof(n[2]), c, value));
}

/* What a constraint is called in the explanation. */
static const char *const constraint_words[GPUADV_C_COUNT] = {
	[GPUADV_C_PRECISION] = "precision",
	[GPUADV_C_MEMORY] = "memory",
	[GPUADV_C_BUDGET] = "budget",
	[GPUADV_C_PRICE_UNKNOWN] = "unknown price",
	[GPUADV_C_POWER] = "power",
	[GPUADV_C_SEGMENT] = "segment",
	[GPUADV_C_ARCH] = "architecture",
	[GPUADV_C_SYSTEM_ONLY] = "system-only",
	[GPUADV_C_TOKENS] = "tokens per second",
};

void gpuadv_render_no_match(char *buf, size_t size, const struct gpuadv_recommendation *r)
{
	enum gpuadv_constraint worst = gpuadv_recommendation_worst(r);
	char hint[256] = "";

	if (r->budget_admits && r->query.price_basis == GPUADV_WANT_CLOUD)
		snprintf(hint, sizeof(hint), "; a budget of $%.2f/h would admit '%s'",
			 ceil(r->budget_to_admit * 100) / 100, r->budget_admits->id);
	else if (r->budget_admits)
		snprintf(hint, sizeof(hint), "; a budget of $%.0f would admit '%s'",
			 ceil(r->budget_to_admit), r->budget_admits->id);
	else if (r->memory_admits)
		snprintf(hint, sizeof(hint), "; a memory need of %g GB would admit '%s'",
			 r->memory_to_admit, r->memory_admits->id);
	snprintf(buf, size,
		 "no GPU satisfies the constraints: the %s constraint excluded %zu of %zu GPUs%s",
		 constraint_words[worst], r->excluded_by[worst], r->excluded_count, hint);
}

const char *gpuadv__task_word(int task)
{
	return task == GPUADV_TASK_FINETUNE ? "finetune"
	       : task == GPUADV_INFER ? "infer" : "train";
}

void gpuadv__words_decode(char *buf, size_t size, const struct gpuadv_model_fit *f)
{
	const char *how = "";

	if (!f->llm || isnan(f->decode_tokens_per_s)) {
		snprintf(buf, size, "decode speed not estimable (the card lacks a figure)");
		return;
	}
	if (f->count > 1)
		how = f->parallel == GPUADV_PARALLEL_TENSOR
			      ? f->nvlink ? "; tensor parallel (vLLM): each card reads 1/n, "
					    "all-reduces over NVLink"
					  : "; tensor parallel (vLLM): each card reads 1/n, "
					    "all-reduces over PCIe"
			      : "; layer split (llama.cpp): memory pools, one sequence "
				"decodes no faster";
	snprintf(buf, size,
		 "decode ~%.0f tok/s at %.0f tokens of context (bandwidth %g GB/s x %.2f "
		 "efficiency, plus %.2f ms per layer, calibrated on llama.cpp%s); prefill ~%.0f tok/s",
		 f->decode_tokens_per_s, f->context, f->bandwidth_gbs, f->eta_bw,
		 f->layer_us / 1000, how, f->prefill_tokens_per_s);
}

void gpuadv__words_fit(char *buf, size_t size, const struct gpuadv_model_fit *f,
		       const struct gpuadv_gpu *g)
{
	double card = g->v[GPUADV_F_MEMORY_GB];

	if (!f->runs) {
		snprintf(buf, size, "%s", f->note);
		return;
	}
	if (f->per_gpu)
		snprintf(buf, size, "needs %.1f GiB on each GPU, %s has %g: %s",
			 f->required_gb, g->id, card,
			 f->fits ? "fits" : "does not fit");
	else if (f->count > 1)
		snprintf(buf, size, "needs %.1f GiB, %u x %g GB = %g GiB: %s", f->required_gb,
			 f->count, card, f->available_gb, f->fits ? "fits" : "does not fit");
	else
		snprintf(buf, size, "needs %.1f GiB, %g GB card: %s", f->required_gb, card,
			 f->fits ? "fits" : "does not fit");
}

void gpuadv__words_model_verdict(char *buf, size_t size, const struct gpuadv_comparison *c)
{
	long best = c->model_fastest, value = c->model_best_value;
	size_t used;

	if (best < 0) {
		if (c->network && !c->fits[0].llm)
			snprintf(buf, size, "%s has no decode speed here; its training is compared "
				 "below", c->model->id);
		else
			snprintf(buf, size, "%s fits none of these%s", c->model->id,
				 c->fits[0].llm ? "" : " (or has no speed estimate)");
		return;
	}
	used = (size_t)snprintf(buf, size, "%ux %s decodes %s fastest (~%.0f tok/s)",
				c->counts[best], c->gpus[best]->id, c->model->id,
				c->fits[best].decode_tokens_per_s);
	if (value >= 0 && used < size)
		snprintf(buf + used, size - used,
			 value == best ? "; it is also the most tokens/s per dollar"
				       : "; %ux %s gives the most tokens/s per dollar",
			 c->counts[value], c->gpus[value]->id);
}

void gpuadv__words_speedup(char *buf, size_t size, const struct gpuadv_recommendation *rec,
			   const struct gpuadv_result *r)
{
	const struct gpuadv_gpu *mine = rec->query.upgrade_from;
	struct gpuadv__line l;

	gpuadv__line_init(&l, buf, size);
	if (!mine)
		return;
	if (r->gpu == mine) {
		gpuadv__line_str(&l, "your current card", NULL);
	} else if (isnan(r->speedup)) {
		gpuadv__line_str(&l, "no speed-up figure: your ", mine->name, " cannot run ",
			 gpuadv_precision_name((enum gpuadv_precision)rec->query.precision), NULL);
	} else {
		/* Rounded as shown: 1.004 reads "1.00x", so it is as fast. */
		gpuadv__line_ratio(&l, r->speedup);
		gpuadv__line_str(&l, "x your ", mine->name,
			 r->speedup >= 1.005 ? " (faster)" : r->speedup > 0.995 ? " (as fast)"
			 : " (slower)", NULL);
	}
}

void gpuadv__words_upgrade(char *buf, size_t size, const struct gpuadv_recommendation *rec)
{
	const struct gpuadv_gpu *mine = rec->query.upgrade_from;
	struct gpuadv__line l;

	gpuadv__line_init(&l, buf, size);
	if (!mine)
		return;
	gpuadv__line_str(&l, "Upgrading from ", rec->query.upgrade_from_detected ? "the detected " : "the ",
		 mine->name, NULL);
	if (rec->upgrade_ok) {
		gpuadv__line_str(&l, ", which runs this at ", NULL);
		gpuadv__line_ratio(&l, rec->upgrade_perf.value);
		gpuadv__line_str(&l, " (", gpuadv_basis_name(rec->upgrade_perf.basis),
			 "): speed-ups are over it", NULL);
	} else {
		gpuadv__line_str(&l, ", which cannot run this (", rec->upgrade_perf.note,
			 "): no speed-ups to show", NULL);
	}
}

void gpuadv__words_match(char *buf, size_t size, const struct gpuadv_detected_gpu *d)
{
	char id[16];
	struct gpuadv__line l;

	gpuadv__line_init(&l, buf, size);
	if (!d->gpu) {
		gpuadv__line_str(&l, "not in the catalogue", NULL);
		if (d->pci_device_id) {
			snprintf(id, sizeof(id), "0x%04x", d->pci_device_id);
			gpuadv__line_str(&l, " (no entry lists PCI device id ", id, " or this name)", NULL);
		}
		return;
	}
	gpuadv__line_str(&l, d->gpu->id, " (", d->gpu->name, "), matched by ",
		 d->match == GPUADV_MATCH_PCI_ID ? "PCI device id" : "name", NULL);
	if (d->match == GPUADV_MATCH_NAME && d->pci_device_id) {
		snprintf(id, sizeof(id), "0x%04x", d->pci_device_id);
		gpuadv__line_str(&l, ": no entry lists PCI device id ", id, NULL);
	}
	if (d->memory_differs) {
		gpuadv__line_str(&l, "; the catalogue's ", NULL);
		gpuadv__line_num(&l, d->gpu->v[GPUADV_F_MEMORY_GB]);
		gpuadv__line_str(&l, " GB is not this card's memory: a variant it does not list, "
			 "so its figures may not fit", NULL);
	}
}
