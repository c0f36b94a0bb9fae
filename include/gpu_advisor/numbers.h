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

/* Room for any number gpuadv_format_number writes, with its NUL. */
#define GPUADV_NUMBER_MAX 32
/*
 * v as text (JSON's number syntax) into buf[GPUADV_NUMBER_MAX], "null"
 * when not finite; returns its length. A value with at most 9 decimals
 * (every figure the catalogue states, every integer) prints exactly, in
 * the fewest digits that read back as v; any other value (a computed
 * ratio) is rounded to 6 significant digits. Magnitudes from 1e15 up or
 * under 1e-6 print as "%.17g".
 */
size_t gpuadv_format_number(char *buf, double v);

#endif
