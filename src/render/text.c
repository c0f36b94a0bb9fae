/*
 * text.c - text output of the catalogue's things: the GPU list, one GPU,
 * the architectures, as aligned tables (table.h).
 */
#include <libsmartcols/libsmartcols.h>
#include <math.h>
#include <string.h>

#include "formats.h"
#include "table.h"

/* Format a figure: '-' for unknown, no decimals for whole numbers. */
static const char *fmt_num(char *buf, size_t size, double v)
{
	if (isnan(v))
		snprintf(buf, size, "-");
	else if (v == floor(v) && fabs(v) < 1e15)
		snprintf(buf, size, "%.0f", v);
	else if (fabs(v) >= 100)
		snprintf(buf, size, "%.0f", v);
	else
		snprintf(buf, size, "%.1f", v);
	return buf;
}

static const char *fmt_price(char *buf, size_t size, double v)
{
	if (isnan(v))
		snprintf(buf, size, "-");
	else
		snprintf(buf, size, "$%.0f", v);
	return buf;
}

struct table {
	struct libscols_table *tb;
};

static int table_new(struct table *t, FILE *out, const struct gpuadv_render_opts *opts)
{
	t->tb = gpuadv__table_new(out, opts);
	return t->tb ? 0 : -1;
}

/* Columns: name, width hint (fraction of the terminal or absolute), flags. */
static int table_col(struct table *t, const char *name, double whint, int flags,
		     int color)
{
	return gpuadv__table_col(t->tb, name, whint, flags, color);
}

static int table_print(struct table *t, FILE *out, struct gpuadv_error *err)
{
	int rc = gpuadv__table_print(t->tb, out, err);

	t->tb = NULL;
	return rc;
}

static int oom(struct table *t, struct gpuadv_error *err)
{
	scols_unref_table(t->tb);
	t->tb = NULL;
	return gpuadv_error_set(err, GPUADV_ENOMEM, "out of memory");
}

static int set(struct libscols_line *ln, int col, const char *s)
{
	return scols_line_set_data(ln, (size_t)col, s ? s : "-");
}

/* "used 2026-09", "launch*": a price's basis and date for a column. */
static void basis_date(char *buf, size_t size, const struct gpuadv_price *p)
{
	snprintf(buf, size, "%s%s%s%s", gpuadv_price_basis_name(p->basis), p->as_of ? " " : "",
		 p->as_of ? p->as_of : "", p->stale ? "*" : "");
}

int gpuadv__text_gpu_list(FILE *out, const struct gpuadv_catalog *cat,
			 const struct gpuadv_gpu *const *gpus,
			 size_t n, const struct gpuadv_render_opts *opts,
			 struct gpuadv_error *err)
{
	static const struct { const char *name; double w; int fl; } cols[] = {
		{ "ID", 14, 0 },
		{ "NAME", 0.3, SCOLS_FL_TRUNC },
		{ "ARCH", 8, SCOLS_FL_TRUNC },
		{ "SEGMENT", 7, 0 },
		{ "YEAR", 4, SCOLS_FL_RIGHT },
		{ "MEMORY", 12, 0 },
		{ "BW GB/S", 5, SCOLS_FL_RIGHT },
		{ "FP32 TF", 5, SCOLS_FL_RIGHT },
		{ "FP16 TC TF", 5, SCOLS_FL_RIGHT },
		{ "POWER W", 4, SCOLS_FL_RIGHT },
		{ "PRICE", 6, SCOLS_FL_RIGHT },
		{ "PRICE BASIS", 10, SCOLS_FL_TRUNC },
	};
	struct table t;
	size_t i, c;
	bool stale = false;
	int rc;

	if (table_new(&t, out, opts))
		return gpuadv_error_set(err, GPUADV_ENOMEM, "out of memory");
	for (c = 0; c < sizeof(cols) / sizeof(cols[0]); c++)
		if (table_col(&t, cols[c].name, cols[c].w, cols[c].fl, opts->color))
			return oom(&t, err);
	if (opts->perf && (table_col(&t, "PERF", 5, SCOLS_FL_RIGHT, opts->color) ||
			   table_col(&t, "BASIS", 9, 0, opts->color)))
		return oom(&t, err);
	for (i = 0; i < n; i++) {
		const struct gpuadv_gpu *g = gpus[i];
		struct libscols_line *ln = scols_table_new_line(t.tb, NULL);
		char mem[64], b[8][32], basis[64];
		struct gpuadv_price price;
		int k = 0;

		if (!ln)
			return oom(&t, err);
		snprintf(mem, sizeof(mem), "%s GB %s",
			 fmt_num(b[0], sizeof(b[0]), g->v[GPUADV_F_MEMORY_GB]),
			 g->memory_type ? g->memory_type : "");
		gpuadv_price_pick(&price, cat, g, GPUADV_WANT_ANY, NULL);
		basis_date(basis, sizeof(basis), &price);
		stale |= price.stale;
		if (set(ln, k++, g->id) || set(ln, k++, g->name) ||
		    set(ln, k++, g->arch->name) ||
		    set(ln, k++, gpuadv_segment_name(g->segment)) ||
		    set(ln, k++, fmt_num(b[1], 32, g->v[GPUADV_F_RELEASE_YEAR])) ||
		    set(ln, k++, mem) ||
		    set(ln, k++, fmt_num(b[2], 32, g->v[GPUADV_F_BANDWIDTH_GBS])) ||
		    set(ln, k++, fmt_num(b[3], 32, g->v[GPUADV_F_FP32_TFLOPS])) ||
		    set(ln, k++, fmt_num(b[4], 32, g->v[GPUADV_F_FP16_TENSOR_TFLOPS])) ||
		    set(ln, k++, fmt_num(b[5], 32, g->v[GPUADV_F_TDP_W])) ||
		    set(ln, k++, fmt_price(b[6], 32, price.usd)) || set(ln, k++, basis))
			return oom(&t, err);
		if (opts->perf) {
			const struct gpuadv_perf *p = &opts->perf[i];

			snprintf(b[7], sizeof(b[7]), "%.2f", p->value);
			if (set(ln, k++, !isnan(p->value) ? b[7] : "n/a") ||
			    set(ln, k++, isnan(p->value) ? "-" : p->fallback ? "fallback"
				: gpuadv_basis_name(p->basis)))
				return oom(&t, err);
		}
	}
	if ((rc = table_print(&t, out, err)))
		return rc;
	/* the '*' a price may carry; list takes no --price, so not that */
	if (stale)
		fputs("* seen more than six months ago, or a launch price: prices move; "
		      "'show ID' gives every dated price and its source\n", out);
	return 0;
}

static int kv(struct table *t, const char *key, const char *value)
{
	struct libscols_line *ln = scols_table_new_line(t->tb, NULL);

	return !ln || set(ln, 0, key) || set(ln, 1, value);
}

/* The market lines of show: how it is sold, the price basis any picks,
 * the cloud rate, then every dated price with its source. */
static int market(struct table *t, const struct gpuadv_catalog *cat, const struct gpuadv_gpu *g)
{
	const struct gpuadv_gpu_prices *p = gpuadv_gpu_prices(cat, g);
	struct gpuadv_price pick;
	char buf[1400], num[32], when[48];
	size_t i;

	if (kv(t, "sold as", gpuadv_gpu_sold_as(cat, g) == GPUADV_SOLD_SYSTEM
				    ? "system (only in 4- or 8-GPU servers)" : "card"))
		return -1;
	gpuadv_price_pick(&pick, cat, g, GPUADV_WANT_ANY, NULL);
	basis_date(when, sizeof(when), &pick);
	snprintf(buf, sizeof(buf), "%s (%s)", fmt_price(num, sizeof(num), pick.usd), when);
	if (kv(t, "price", isnan(pick.usd) ? "- (no price known)" : buf))
		return -1;
	gpuadv_price_pick(&pick, cat, g, GPUADV_WANT_CLOUD, NULL);
	basis_date(when, sizeof(when), &pick);
	snprintf(buf, sizeof(buf), "$%.2f/h (%s)", pick.usd, when);
	if (kv(t, "cloud", isnan(pick.usd) ? "- (no cloud rate known)" : buf))
		return -1;
	for (i = 0; p && i < p->count; i++) {
		const struct gpuadv_price_entry *e = &p->entries[i];

		if (e->basis == GPUADV_PB_CLOUD)
			snprintf(num, sizeof(num), "$%.2f/h", e->usd);
		else
			fmt_price(num, sizeof(num), e->usd);
		snprintf(buf, sizeof(buf), "%s %s %s: %s%s%s", gpuadv_price_basis_name(e->basis),
			 num, e->as_of, e->source, e->note ? " (" : "", e->note ? e->note : "");
		if (e->note)
			snprintf(buf + strlen(buf), sizeof(buf) - strlen(buf), ")");
		if (kv(t, i ? "" : "dated prices", buf))
			return -1;
	}
	return 0;
}

int gpuadv__text_gpu(FILE *out, const struct gpuadv_catalog *cat, const struct gpuadv_gpu *g,
		    const struct gpuadv_render_opts *opts, struct gpuadv_error *err)
{
	char buf[1200], num[32];
	struct table t;
	size_t i, used;
	int p;

	if (table_new(&t, out, opts))
		return gpuadv_error_set(err, GPUADV_ENOMEM, "out of memory");
	scols_table_enable_noheadings(t.tb, 1);
	if (table_col(&t, "FIELD", 20, 0, 0) ||
	    table_col(&t, "VALUE", 0.8, SCOLS_FL_WRAP, 0))
		return oom(&t, err);
	if (kv(&t, "id", g->id) || kv(&t, "name", g->name))
		return oom(&t, err);
	for (i = 0, used = 0, buf[0] = '\0'; i < g->aliases.count; i++)
		used += (size_t)snprintf(buf + used, used < sizeof(buf) ? sizeof(buf) - used : 0,
					 "%s%s", i ? ", " : "", g->aliases.items[i]);
	snprintf(buf + strlen(buf), sizeof(buf) - strlen(buf), "%s",
		 g->aliases.count ? "" : "-");
	if (kv(&t, "aliases", buf))
		return oom(&t, err);
	snprintf(buf, sizeof(buf), "%s (%s)", g->arch->name, g->arch->id);
	if (kv(&t, "architecture", buf) ||
	    kv(&t, "segment", gpuadv_segment_name(g->segment)))
		return oom(&t, err);
	for (p = 0, used = 0, buf[0] = '\0'; p < GPUADV_PRECISION_COUNT; p++)
		if (g->arch->tensor_precisions & (1u << p))
			used += (size_t)snprintf(buf + used, sizeof(buf) - used, "%s%s",
						 used ? ", " : "",
						 gpuadv_precision_name(p));
	if (kv(&t, "tensor precisions", used ? buf : "none") ||
	    kv(&t, "memory_type", g->memory_type) ||
	    kv(&t, "nvlink", g->nvlink < 0 ? "-" : g->nvlink ? "yes" : "no") ||
	    kv(&t, "form_factor", g->form_factor))
		return oom(&t, err);
	for (i = 0; i < GPUADV_F_COUNT; i++)
		if (kv(&t, gpuadv_gpu_fields[i].key, fmt_num(num, sizeof(num), g->v[i])))
			return oom(&t, err);
	if (market(&t, cat, g))
		return oom(&t, err);
	for (i = 0; i < g->sources.count; i++)
		if (kv(&t, i ? "" : "sources", g->sources.items[i]))
			return oom(&t, err);
	if (g->notes && kv(&t, "notes", g->notes))
		return oom(&t, err);
	/* Only where known: most catalogues' entries have none. */
	for (i = 0, used = 0, buf[0] = '\0'; i < g->pci_device_id_count; i++)
		used += (size_t)snprintf(buf + used, used < sizeof(buf) ? sizeof(buf) - used : 0,
					 "%s0x%04x", i ? ", " : "", g->pci_device_ids[i]);
	if (g->pci_device_id_count && kv(&t, "pci_device_id", buf))
		return oom(&t, err);
	return table_print(&t, out, err);
}

int gpuadv__text_archs(FILE *out, const struct gpuadv_catalog *cat,
		      const struct gpuadv_render_opts *opts, struct gpuadv_error *err)
{
	struct table t;
	size_t i, j, used;
	int p;

	if (table_new(&t, out, opts))
		return gpuadv_error_set(err, GPUADV_ENOMEM, "out of memory");
	if (table_col(&t, "ID", 10, 0, opts->color) ||
	    table_col(&t, "NAME", 12, 0, opts->color) ||
	    table_col(&t, "YEAR", 4, SCOLS_FL_RIGHT, opts->color) ||
	    table_col(&t, "CC", 8, 0, opts->color) ||
	    table_col(&t, "TC GEN", 3, SCOLS_FL_RIGHT, opts->color) ||
	    table_col(&t, "TENSOR PRECISIONS", 20, 0, opts->color) ||
	    table_col(&t, "MEMORY", 14, 0, opts->color) ||
	    table_col(&t, "SUMMARY", 0.4, SCOLS_FL_WRAP, opts->color))
		return oom(&t, err);
	for (i = 0; i < cat->arch_count; i++) {
		const struct gpuadv_arch *a = &cat->archs[i];
		struct libscols_line *ln = scols_table_new_line(t.tb, NULL);
		char prec[128], mem[256], y[16], g[16];

		if (!ln)
			return oom(&t, err);
		for (p = 0, used = 0, prec[0] = '\0'; p < GPUADV_PRECISION_COUNT; p++)
			if (a->tensor_precisions & (1u << p))
				used += (size_t)snprintf(prec + used, sizeof(prec) - used,
							 "%s%s", used ? "," : "",
							 gpuadv_precision_name(p));
		for (j = 0, used = 0, mem[0] = '\0'; j < a->memory_types.count &&
		     used < sizeof(mem); j++)
			used += (size_t)snprintf(mem + used, sizeof(mem) - used, "%s%s",
						 j ? "," : "", a->memory_types.items[j]);
		if (set(ln, 0, a->id) || set(ln, 1, a->name) ||
		    set(ln, 2, fmt_num(y, sizeof(y), a->year)) ||
		    set(ln, 3, a->compute_capability) ||
		    set(ln, 4, fmt_num(g, sizeof(g), a->tensor_core_generation)) ||
		    set(ln, 5, prec[0] ? prec : "none") || set(ln, 6, mem) ||
		    set(ln, 7, a->summary))
			return oom(&t, err);
	}
	return table_print(&t, out, err);
}
