/*
 * gpu_names.c - GPU names as a query gives them: a catalogue GPU, or a
 * configuration with a count prefix ("2x rtx-3090", "8x h100-sxm"), and
 * counts with a suffix ("13b") for --params.
 */
#include <ctype.h>
#include <float.h>
#include <string.h>

#include "gpu_advisor/params.h"
#include "query_internal.h"

int gpuadv__param_set_gpu(const struct gpuadv_gpu **out, const struct gpuadv_catalog *cat,
		   const struct gpuadv_param_def *p, const char *name,
		   enum gpuadv_naming naming, struct gpuadv_error *err)
{
	if ((*out = gpuadv_catalog_find_gpu(cat, name, err)))
		return 0;
	return gpuadv_param_fail(err, GPUADV_EUSAGE, "unknown_gpu", p, naming, "%s",
				 err ? err->message : "unknown GPU");
}

int gpuadv_gpu_count_split(const char *text, unsigned *count, const char **name)
{
	const char *s = text;
	unsigned long n = 0;

	*count = 1;
	*name = text;
	if (!isdigit((unsigned char)*s))
		return 0;
	for (; isdigit((unsigned char)*s); s++)
		if (n < 1000)
			n = n * 10 + (unsigned long)(*s - '0');
	/* "2x3090", "2X 3090"; "3090" is a name, not a count. */
	if (*s != 'x' && *s != 'X')
		return 0;
	s++;
	while (*s == ' ')
		s++;
	if (!*s)
		return 0;
	*count = n > 999 ? 999 : (unsigned)n;
	*name = s;
	return n >= 1 && n <= GPUADV_MAX_GPUS ? 0 : -1;
}

/* A GPU, with an optional count: the whole text first (a name may start
 * with digits), then the count prefix. */
int gpuadv__param_set_config(const struct gpuadv_gpu **out, unsigned *count,
		      const struct gpuadv_catalog *cat, const struct gpuadv_param_def *p,
		      const char *text, enum gpuadv_naming naming, struct gpuadv_error *err)
{
	const char *name;
	size_t digits = strspn(text, "0123456789");
	unsigned n;

	*count = 1;
	if (gpuadv_gpu_count_split(text, &n, &name) == 0 && name == text)
		return gpuadv__param_set_gpu(out, cat, p, text, naming, err);
	if ((*out = gpuadv_catalog_find_gpu(cat, text, NULL)))
		return 0;
	/* The count as written: n stops at 999 (999999x3090 is not 999). */
	if (n < 1 || n > GPUADV_MAX_GPUS)
		return gpuadv_param_fail(err, GPUADV_EUSAGE, NULL, p, naming,
					 "'%.100s' asks for %.*s GPUs; a configuration holds 1 to %d",
					 text, (int)(digits > 20 ? 20 : digits), text, GPUADV_MAX_GPUS);
	*count = n;
	return gpuadv__param_set_gpu(out, cat, p, name, naming, err);
}

/* "13b", "350M", "1.5e9", "70B" as a count. */
int gpuadv__parse_amount(double *out, const char *text)
{
	char buf[64];
	size_t n = strlen(text);
	double scale = 1;

	if (n == 0 || n >= sizeof(buf))
		return -1;
	memcpy(buf, text, n + 1);
	switch (tolower((unsigned char)buf[n - 1])) {
	case 'k': scale = 1e3; break;
	case 'm': scale = 1e6; break;
	case 'b': scale = 1e9; break;
	case 't': scale = 1e12; break;
	default: break;
	}
	if (scale != 1)
		buf[n - 1] = '\0';
	if (gpuadv_parse_number(out, buf, 0, DBL_MAX, false) != 0)
		return -1;
	*out *= scale;
	return 0;
}
