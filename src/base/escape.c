/*
 * escape.c - the one rule for showing text that came from outside (file
 * content, addresses, server responses, request values): valid UTF-8 that
 * prints is kept, anything else (C0 and C1 control characters, DEL, the
 * bidirectional controls, bytes that are not UTF-8) becomes \xNN, so that a message or a table can never
 * carry a terminal escape sequence or break a UTF-8 reader. Backslashes
 * are kept as they are, so escaping twice changes nothing.
 */
#include "gpu_advisor/error.h"

#include <string.h>

/* Length of the valid UTF-8 sequence at s (at most n bytes), 0 if none. */
size_t gpuadv_utf8_len(const char *str, size_t n)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t len, i;
	unsigned long cp;

	if (n == 0)
		return 0;
	if (s[0] < 0x80)
		return 1;
	if (s[0] >= 0xc2 && s[0] <= 0xdf)
		len = 2, cp = s[0] & 0x1f;
	else if (s[0] >= 0xe0 && s[0] <= 0xef)
		len = 3, cp = s[0] & 0x0f;
	else if (s[0] >= 0xf0 && s[0] <= 0xf4)
		len = 4, cp = s[0] & 0x07;
	else
		return 0;
	if (n < len)
		return 0;
	for (i = 1; i < len; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		cp = cp << 6 | (s[i] & 0x3f);
	}
	/* Overlong forms, UTF-16 surrogates, past U+10FFFF. */
	if ((len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) ||
	    (cp >= 0xd800 && cp <= 0xdfff) || cp > 0x10ffff)
		return 0;
	return len;
}

long gpuadv_control(const char *str, size_t len)
{
	const unsigned char *s = (const unsigned char *)str;

	if (len == 1)
		return s[0] < 0x20 || s[0] == 0x7f ? s[0] : -1;
	if (len == 2 && s[0] == 0xc2 && s[1] < 0xa0)
		return s[1]; /* C1: U+0080-U+009F */
	if (len == 2 && s[0] == 0xd8 && s[1] == 0x9c)
		return 0x061c; /* ARABIC LETTER MARK */
	if (len == 3 && s[0] == 0xe2 && s[1] == 0x80 &&
	    (s[2] == 0x8e || s[2] == 0x8f || (s[2] >= 0xaa && s[2] <= 0xae)))
		return 0x2000 + (s[2] - 0x80); /* LRM, RLM, LRE..RLO */
	if (len == 3 && s[0] == 0xe2 && s[1] == 0x81 && s[2] >= 0xa6 && s[2] <= 0xa9)
		return 0x2040 + (s[2] - 0x80); /* LRI, RLI, FSI, PDI */
	return -1;
}

size_t gpuadv_escape(char *dst, size_t size, const char *src, size_t n,
		     unsigned flags)
{
	static const char hex[] = "0123456789abcdef";
	size_t i = 0, used = 0, k;

	if (size == 0)
		return 0;
	while (i < n) {
		const unsigned char c = (unsigned char)src[i];
		size_t len = gpuadv_utf8_len(src + i, n - i);
		bool keep = len > 0;

		if (len > 0 && gpuadv_control(src + i, len) >= 0)
			keep = (c == '\n' || c == '\t') && (flags & GPUADV_ESCAPE_KEEP_NEWLINE);
		if (keep) {
			if (used + len >= size)
				break; /* never cut a character in two */
			for (k = 0; k < len; k++)
				dst[used++] = src[i + k];
			i += len;
			continue;
		}
		if (len == 0)
			len = 1; /* escape one bad byte, then resync */
		if (used + 4 * len >= size)
			break;
		for (k = 0; k < len; k++) {
			const unsigned char b = (unsigned char)src[i + k];

			dst[used++] = '\\';
			dst[used++] = 'x';
			dst[used++] = hex[b >> 4];
			dst[used++] = hex[b & 15];
		}
		i += len;
	}
	dst[used] = '\0';
	return used;
}
