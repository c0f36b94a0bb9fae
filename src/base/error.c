/*
 * error.c - filling in and formatting struct gpuadv_error. Messages quote
 * outside text (file content, addresses, request values): each message and
 * file name passes through gpuadv_escape once, here, so no caller can put a
 * control character or broken UTF-8 on the user's terminal or in a JSON
 * answer.
 */
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
	char raw[2 * GPUADV_ERROR_MSG_MAX], name[GPUADV_ERROR_FILE_MAX];
	int n;

	if (!err)
		return code;
	err->code = code;
	/* Copies first: file and the arguments may point into err itself. */
	snprintf(name, sizeof(name), "%s", file ? file : "");
	gpuadv_escape(err->file, sizeof(err->file), name, strlen(name), 0);
	err->line = line;
	err->column = column;
	n = vsnprintf(raw, sizeof(raw), fmt, ap);
	if (n < 0)
		n = 0;
	gpuadv_escape(err->message, sizeof(err->message), raw,
		      (size_t)n < sizeof(raw) ? (size_t)n : sizeof(raw) - 1, 0);
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
