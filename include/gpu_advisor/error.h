/*
 * error.h - the error record that every core function fills in.
 *
 * Core functions return 0 on success or a negative gpuadv_err code, and
 * describe the failure in a caller-provided struct gpuadv_error. They never
 * print: the CLI turns the record into one line on stderr and an exit code.
 */
#ifndef GPU_ADVISOR_ERROR_H
#define GPU_ADVISOR_ERROR_H

#include <stdbool.h>
#include <stddef.h>

enum gpuadv_err {
	GPUADV_OK = 0,
	GPUADV_ENOMEM = -1,    /* allocation failed */
	GPUADV_EDATA = -2,     /* bad catalogue, config or query content */
	GPUADV_EUSAGE = -3,    /* bad argument: unknown GPU, bad flag value */
	GPUADV_ENOINPUT = -4,  /* an input file cannot be opened */
	GPUADV_EIO = -5,       /* read or write failed */
	GPUADV_ENOTFOUND = -6, /* a valid query that nothing satisfies */
	GPUADV_EUNAVAIL = -7,  /* a remote service is unavailable */
	GPUADV_EINTERNAL = -8  /* a bug */
};

#define GPUADV_ERROR_MSG_MAX 512
#define GPUADV_ERROR_FILE_MAX 256

/*
 * Where a failure came from. line and column are 1-based and 0 when the
 * failure has no position (an allocation failure, say). field names the
 * offending key or flag where there is one, else is empty.
 */
struct gpuadv_error {
	int code;
	char file[GPUADV_ERROR_FILE_MAX];
	unsigned long line;
	unsigned long column;
	char field[64];
	char message[GPUADV_ERROR_MSG_MAX];
	/* A machine-readable class for JSON error objects ("unknown_gpu",
	 * "invalid_json", ...); NULL where the code says enough. */
	const char *kind;
	/* The query parameter at fault (enum gpuadv_param in params.h); 0
	 * where none is. */
	int param;
};

void gpuadv_error_clear(struct gpuadv_error *err);

/* Record an error without a position. Returns code, so callers can
 * `return gpuadv_error_set(err, GPUADV_EDATA, "...", ...);`. err may be NULL. */
int gpuadv_error_set(struct gpuadv_error *err, int code, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Record an error at file:line:column. */
int gpuadv_error_at(struct gpuadv_error *err, int code, const char *file,
		    unsigned long line, unsigned long column, const char *fmt, ...)
	__attribute__((format(printf, 6, 7)));

/*
 * The one rule for showing outside text (src/base/escape.c): copy n bytes
 * of src into dst (size bytes, always NUL-terminated), keeping valid
 * UTF-8 that prints and writing every control character (gpuadv_control)
 * and byte that is not UTF-8 as \xNN. Never cuts a character in two; stops
 * early when dst is full. Backslashes are kept, so escaping is idempotent.
 * GPUADV_ESCAPE_KEEP_NEWLINE keeps \n and \t (multi-line text output).
 * Returns the bytes written. Every error message is escaped so
 * (gpuadv_error_set and friends), and so is every text table cell.
 */
#define GPUADV_ESCAPE_KEEP_NEWLINE 1u
size_t gpuadv_escape(char *dst, size_t size, const char *src, size_t n,
		     unsigned flags);
/* Length of the valid UTF-8 character at s (at most n bytes), 0 if the
 * bytes there are not UTF-8 (overlong forms and surrogates included). */
size_t gpuadv_utf8_len(const char *s, size_t n);
/*
 * The code point of the character at s (len bytes, valid UTF-8 as
 * gpuadv_utf8_len measured it) if it must never reach a terminal, else -1:
 * C0 (U+0000-U+001F), DEL, C1 (U+0080-U+009F), and the bidirectional
 * controls (U+061C, U+200E, U+200F, U+202A-U+202E, U+2066-U+2069), which
 * reorder what a terminal shows after them ("Trojan Source").
 */
long gpuadv_control(const char *s, size_t len);

/* Format "file:line:column: message" (or just the message) into buf. */
void gpuadv_error_format(char *buf, size_t size, const struct gpuadv_error *err);

#endif
