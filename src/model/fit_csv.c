/*
 * fit_csv.c - measurements kept outside the catalogue, read as fit points:
 * the checks in tests/fixtures/training_*.csv (set, gpu, network,
 * precision, throughput, unit, batch_size, source; a header line first).
 * The fit tool and the accuracy tests read them through this one parser.
 * Part of gpuadv_fit.
 */
#include <ctype.h>
#include <math.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "gpu_advisor/model.h"

#define CSV_FIELDS 7 /* read; the source after them may hold commas */

/* Split line at its first CSV_FIELDS commas, in place; the number of
 * fields found. */
static size_t split(char *line, char **field)
{
	size_t k = 0;

	field[k++] = line;
	while (k < CSV_FIELDS && (line = strchr(line, ',')) != NULL) {
		*line++ = '\0';
		field[k++] = line;
	}
	if (k == CSV_FIELDS && (line = strchr(field[k - 1], ',')) != NULL)
		*line = '\0';
	return k;
}

/* Whether a field is usable as text: not empty, no quote, no space at
 * either end (a quoted or padded name would be another name). */
static bool plain(const char *f)
{
	size_t len = strlen(f);

	return len && !strchr(f, '"') && !isspace((unsigned char)f[0]) &&
	       !isspace((unsigned char)f[len - 1]);
}

int gpuadv_model_points_parse(struct gpuadv_fit_point *pts, size_t cap, size_t *n, char *text,
			      const struct gpuadv_catalog *cat, const char *file,
			      struct gpuadv_error *err)
{
	static const char *const what[CSV_FIELDS] = { "set", "GPU", "network", "precision",
						       "throughput", "unit", NULL };
	unsigned long lineno = 0;
	char *line = text, *next;

	*n = 0;
	for (; line && *line; line = next) {
		char *f[CSV_FIELDS], *end, *cr;
		struct gpuadv_fit_point *p;
		size_t len;
		int prec, k;

		lineno++;
		next = strchr(line, '\n');
		if (next)
			*next++ = '\0';
		len = strlen(line);
		if (len && line[len - 1] == '\r')
			line[--len] = '\0';
		if ((cr = strchr(line, '\r')) != NULL)
			return gpuadv_error_at(err, GPUADV_EDATA, file, lineno,
					       (unsigned long)(cr - line) + 1,
					       "carriage return inside a line");
		if (!*line || (lineno == 1 && !strncmp(line, "set,", 4)))
			continue;
		if (split(line, f) < CSV_FIELDS)
			return gpuadv_error_at(err, GPUADV_EDATA, file, lineno, 1,
					       "expected %d fields before the source", CSV_FIELDS);
		for (k = 0; k < CSV_FIELDS; k++)
			if (what[k] && !plain(f[k]))
				return gpuadv_error_at(err, GPUADV_EDATA, file, lineno,
						       (unsigned long)(f[k] - line) + 1,
						       "%s '%s' is empty, quoted or padded", what[k],
						       f[k]);
		if (*n == cap)
			return gpuadv_error_at(err, GPUADV_EDATA, file, lineno, 1,
					       "more than %zu measurements", cap);
		p = &pts[*n];
		memset(p, 0, sizeof(*p));
		p->set = f[0];
		p->network = f[2];
		if (!(p->gpu = gpuadv_catalog_find_gpu(cat, f[1], NULL)))
			return gpuadv_error_at(err, GPUADV_EDATA, file, lineno,
					       (unsigned long)(f[1] - line) + 1,
					       "no GPU '%s' in the catalogue", f[1]);
		if (!gpuadv_model_network(f[2]))
			return gpuadv_error_at(err, GPUADV_EDATA, file, lineno,
					       (unsigned long)(f[2] - line) + 1,
					       "no model profile for network '%s'", f[2]);
		if ((prec = gpuadv_precision_parse(f[3])) < 0)
			return gpuadv_error_at(err, GPUADV_EDATA, file, lineno,
					       (unsigned long)(f[3] - line) + 1,
					       "unknown precision '%s'", f[3]);
		p->precision = (enum gpuadv_precision)prec;
		p->throughput = strtod(f[4], &end);
		if (end == f[4] || *end || !isnormal(p->throughput) || !(p->throughput > 0))
			return gpuadv_error_at(err, GPUADV_EDATA, file, lineno,
					       (unsigned long)(f[4] - line) + 1,
					       "throughput '%s' is not a positive number", f[4]);
		/* the batch: empty where unknown, else a whole number of items */
		p->batch = *f[6] ? strtod(f[6], &end) : 0;
		if (*f[6] && (strspn(f[6], "0123456789") != strlen(f[6]) || !(p->batch >= 1) ||
			      isinf(p->batch)))
			return gpuadv_error_at(err, GPUADV_EDATA, file, lineno,
					       (unsigned long)(f[6] - line) + 1,
					       "batch size '%s' is not a whole number from 1", f[6]);
		(*n)++;
	}
	return 0;
}
