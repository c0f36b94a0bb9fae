/* error.c - filling in and formatting struct gpuadv_error. */
#include "gpu_advisor/error.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

void gpuadv_error_clear(struct gpuadv_error *err)
{
	if (err)
		memset(err, 0, sizeof(*err));
}

static int error_vset(struct gpuadv_error *err, int code, const char *file,
		      unsigned long line, unsigned long column, const char *fmt,
		      va_list ap)
{
	if (!err)
		return code;
	err->code = code;
	snprintf(err->file, sizeof(err->file), "%s", file ? file : "");
	err->line = line;
	err->column = column;
	vsnprintf(err->message, sizeof(err->message), fmt, ap);
	return code;
}

int gpuadv_error_set(struct gpuadv_error *err, int code, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	error_vset(err, code, NULL, 0, 0, fmt, ap);
	va_end(ap);
	return code;
}

int gpuadv_error_at(struct gpuadv_error *err, int code, const char *file,
		    unsigned long line, unsigned long column, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	error_vset(err, code, file, line, column, fmt, ap);
	va_end(ap);
	return code;
}

void gpuadv_error_format(char *buf, size_t size, const struct gpuadv_error *err)
{
	if (err->file[0] && err->line)
		snprintf(buf, size, "%s:%lu:%lu: %s", err->file, err->line,
			 err->column, err->message);
	else if (err->file[0])
		snprintf(buf, size, "%s: %s", err->file, err->message);
	else
		snprintf(buf, size, "%s", err->message);
}
