/*
 * numbers.h - the one number parser and the one number printer (base
 * layer): every figure read from a catalogue, a configuration, a flag or a
 * request goes through gpuadv_parse_number, every figure printed in JSON or
 * a reason through gpuadv_format_number.
 */
#ifndef GPU_ADVISOR_NUMBERS_H
#define GPU_ADVISOR_NUMBERS_H

#include <stdbool.h>
#include <stddef.h>

/*
 * Parse s as a finite decimal number ([-+]digits[.digits][e[-+]digits]: no
 * hex, inf or nan, nothing after it) within [min, max], an integer when
 * asked. Returns 0, or -1 leaving *out untouched.
 */
int gpuadv_parse_number(double *out, const char *s, double min, double max,
			bool integer);

/*
 * s is a date as YYYY-MM-DD: a real day of the Gregorian calendar (leap
 * years counted), in 1990 or later, nothing after it. Every date read (a
 * catalogue's as_of, a price's date, GPU_ADVISOR_TODAY) is checked so.
 */
bool gpuadv_date_valid(const char *s);

/* Room for any number the printers below write, with its NUL. */
#define GPUADV_NUMBER_MAX 32

/*
 * The printers: v as text in JSON's number syntax into
 * buf[GPUADV_NUMBER_MAX], "null" when not finite, "0" for -0; each returns
 * the length. Plain decimals from 1e-6 up to 1e15, "%g" forms outside.
 *
 * gpuadv_format_stated: a figure someone stated (the catalogue, a query):
 * exactly, in the fewest digits that read back as the same double
 * (1500.0000000001 stays 1500.0000000001).
 *
 * gpuadv_format_computed: a computed figure (an estimate, a ratio): 6
 * significant digits, as the model's error makes further digits noise.
 *
 * gpuadv_format_number: a figure whose caller does not say which: exactly
 * when it has at most 9 decimals, else 6 significant digits; "%.17g"
 * outside [1e-6, 1e15). A stated figure with more decimals is rounded: a
 * double does not tell where it came from. Callers that know should use
 * one of the two above.
 */
size_t gpuadv_format_stated(char *buf, double v);
size_t gpuadv_format_computed(char *buf, double v);
size_t gpuadv_format_number(char *buf, double v);

#endif
