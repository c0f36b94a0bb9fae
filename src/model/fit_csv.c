/*
 * fit_csv.c - measurements kept outside the catalogue, read as fit points:
 * the checks in tests/fixtures/training_*.csv (set, gpu, network,
 * precision, throughput, unit, batch_size, source; a header line first).
 * The fit tool and the accuracy tests read them through this one parser.
 * Part of gpuadv_fit.
 */
#include <math.h>
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

int gpuadv_fit_points_parse(struct gpuadv_fit_point *pts, size_t cap, size_t *n, char *text,
			    const struct gpuadv_catalog *cat, const char *file,
			    struct gpuadv_error *err)
{
	unsigned long lineno = 0;
	char *line = text, *next;

	*n = 0;
	for (; line && *line; line = next) {
		char *f[CSV_FIELDS], *end;
		struct gpuadv_fit_point *p;
		int prec;

		lineno++;
		next = strchr(line, '\n');
		if (next)
			*next++ = '\0';
		line[strcspn(line, "\r")] = '\0';
		if (!*line || (lineno == 1 && !strncmp(line, "set,", 4)))
			continue;
		if (split(line, f) < CSV_FIELDS)
			return gpuadv_error_at(err, GPUADV_EDATA, file, lineno, 1,
					       "expected %d fields before the source", CSV_FIELDS);
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
		if (end == f[4] || *end || !(p->throughput > 0) || isinf(p->throughput))
			return gpuadv_error_at(err, GPUADV_EDATA, file, lineno,
					       (unsigned long)(f[4] - line) + 1,
					       "throughput '%s' is not a positive number", f[4]);
		p->batch = *f[6] ? strtod(f[6], &end) : 0;
		if (*f[6] && (end == f[6] || *end || !(p->batch >= 0) || isinf(p->batch)))
			return gpuadv_error_at(err, GPUADV_EDATA, file, lineno,
					       (unsigned long)(f[6] - line) + 1,
					       "batch size '%s' is not a number", f[6]);
		(*n)++;
	}
	return 0;
}
