/*
 * text_market.c - prices and costs as text: a price with its basis and date
 * ("$453 used 2026-09", '*' when over six months old), the line every answer
 * states its price basis in, and compare's cost-of-ownership table
 * (purchase, energy, total, cloud rate, the hours after which buying beats
 * renting, and what any of them lacks).
 */
#include <libsmartcols/libsmartcols.h>
#include <math.h>
#include <stdarg.h>
#include <string.h>

#include "formats.h"
#include "table.h"
#include "words.h"

const char gpuadv__stale_note[] =
	"* seen more than six months ago, or a launch price: prices move; check it, "
	"or give yours with --price ID=USD\n";

void gpuadv__text_price(char *buf, size_t size, const struct gpuadv_price *p)
{
	char amount[48];

	if (isnan(p->usd)) {
		snprintf(buf, size, "-");
		return;
	}
	if (p->basis == GPUADV_PB_CLOUD)
		snprintf(amount, sizeof(amount), "$%.2f/h", p->usd);
	else
		snprintf(amount, sizeof(amount), "$%.0f", p->usd);
	snprintf(buf, size, "%s %s%s%s%s", amount, gpuadv_price_basis_name(p->basis),
		 p->as_of ? " " : "", p->as_of ? p->as_of : "", p->stale ? "*" : "");
}

/* What the basis means. */
static const char *basis_text(int want)
{
	switch (want) {
	case GPUADV_WANT_NEW:
		return "new (--price-basis new: the cheapest new price seen within six months)";
	case GPUADV_WANT_USED:
		return "used (--price-basis used: the cheapest used price seen within six months)";
	case GPUADV_WANT_CLOUD:
		return "cloud (--price-basis cloud: the cheapest on-demand GPU-hour rate seen within six months)";
	default:
		return "any (the cheapest new or used price seen within six months; "
		       "--price-basis new|used|cloud to choose)";
	}
}

void gpuadv__text_prices_line(FILE *out, const struct gpuadv_query *q, bool with_today)
{
	if (!isnan(q->budget_per_hour_usd))
		fprintf(out, "Budget: $%.2f an hour to rent.\n", q->budget_per_hour_usd);
	fprintf(out, "Prices: %s%s%s.\n", basis_text(q->price_basis),
		with_today && q->today ? "; today is " : "",
		with_today && q->today ? q->today : "");
	if (q->sort == GPUADV_SORT_TCO && q->command == GPUADV_CMD_RECOMMEND)
		fprintf(out, "Cost of ownership: %g years at %g h a day, %g%% of board power, "
			"$%.2f per kWh.\n", q->years, q->hours_per_day, q->utilisation * 100,
			q->kwh_price_usd);
}

/* A figure as fmt prints v, or "-" when v is unknown (NAN). Variadic so
 * that the compiler checks each format against its argument. */
static const char *num(char *buf, size_t size, double v, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static const char *num(char *buf, size_t size, double v, const char *fmt, ...)
{
	va_list ap;

	if (isnan(v)) {
		snprintf(buf, size, "-");
		return buf;
	}
	va_start(ap, fmt);
	vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return buf;
}

/* One row of the cost table: a label and each configuration's figure. */
static int tco_row(struct libscols_table *tb, const char *label,
		   const struct gpuadv_comparison *c, int which)
{
	struct libscols_line *ln = scols_table_new_line(tb, NULL);
	char buf[64];
	size_t i;

	if (!ln || scols_line_set_data(ln, 0, label))
		return -1;
	for (i = 0; i < c->gpu_count; i++) {
		const struct gpuadv_tco *t = &c->tco[i];

		switch (which) {
		case 0: num(buf, sizeof(buf), t->purchase_usd, "$%.0f", t->purchase_usd); break;
		case 1: num(buf, sizeof(buf), t->energy_usd, "$%.0f", t->energy_usd); break;
		case 2: num(buf, sizeof(buf), t->total_usd, "$%.0f", t->total_usd); break;
		case 3: num(buf, sizeof(buf), t->cloud_usd_per_hour, "$%.2f/h", t->cloud_usd_per_hour); break;
		default:
			if (t->gaps & (1u << GPUADV_TCO_RENT_CHEAPER))
				snprintf(buf, sizeof(buf), "never");
			else
				num(buf, sizeof(buf), t->breakeven_hours, "%.0f h", t->breakeven_hours);
		}
		if (scols_line_set_data(ln, i + 1, buf))
			return -1;
	}
	return 0;
}

int gpuadv__text_tco(FILE *out, const struct gpuadv_comparison *c,
		     const struct gpuadv_render_opts *o, struct gpuadv_error *err)
{
	const struct gpuadv_query *q = &c->query;
	static const char *const labels[] = { "purchase", "energy", "total", "cloud rate",
					      "buying beats renting after" };
	struct libscols_table *tb;
	char why[GPUADV__WORDS_MAX];
	size_t i;
	int k;

	fprintf(out, "\nCost of ownership over %g years at %g h a day, %g%% of board power, "
		"$%.2f per kWh (--years, --hours-per-day, --utilisation, --kwh-price):\n",
		q->years, q->hours_per_day, q->utilisation * 100, q->kwh_price_usd);
	tb = gpuadv__table_new(out, o);
	if (!tb || gpuadv__table_col(tb, "", 18, 0, o->color))
		goto oom;
	for (i = 0; i < c->gpu_count; i++) {
		if (c->counts[i] > 1)
			snprintf(why, sizeof(why), "%ux %s", c->counts[i], c->gpus[i]->name);
		else
			snprintf(why, sizeof(why), "%s", c->gpus[i]->name);
		/* libsmartcols copies the column's name */
		if (gpuadv__table_col(tb, why, 0.2, SCOLS_FL_RIGHT | SCOLS_FL_WRAP, o->color))
			goto oom;
	}
	for (k = 0; k < 5; k++)
		if (tco_row(tb, labels[k], c, k))
			goto oom;
	if (gpuadv__table_print(tb, out, err))
		return GPUADV_EIO;
	for (i = 0; i < c->gpu_count; i++) {
		gpuadv__words_tco_gaps(why, sizeof(why), &c->tco[i]);
		if (why[0])
			fprintf(out, "  %s: %s\n", c->gpus[i]->id, why);
	}
	return 0;
oom:
	scols_unref_table(tb);
	return gpuadv_error_set(err, GPUADV_ENOMEM, "out of memory");
}
