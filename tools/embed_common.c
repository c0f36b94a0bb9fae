/*
 * embed_common.c - the C-writing and file helpers both build-time
 * generators use (embed_common.h).
 */
#include <math.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>

#include "embed_common.h"

/* Printable ASCII as is, everything else as octal. */
void embed_str(FILE *out, const char *s)
{
	if (!s) {
		fputs("NULL", out);
		return;
	}
	fputc('"', out);
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;

		if (c == '"' || c == '\\')
			fprintf(out, "\\%c", c);
		else if (c >= 0x20 && c < 0x7f && c != '?') /* '?': no trigraphs */
			fputc(c, out);
		else
			fprintf(out, "\\%03o", c);
	}
	fputc('"', out);
}

void embed_num(FILE *out, double v)
{
	if (isnan(v))
		fputs("NAN", out);
	else
		fprintf(out, "%.17g", v);
}

void embed_strlist_array(FILE *out, const char *name, size_t i,
			 const struct gpuadv_strlist *l)
{
	size_t k;

	fprintf(out, "static const char *%s_%zu[] = { ", name, i);
	for (k = 0; k < l->count; k++) {
		embed_str(out, l->items[k]);
		fputs(", ", out);
	}
	fputs("NULL };\n", out);
}

void embed_strlist_ref(FILE *out, const char *name, size_t i,
		       const struct gpuadv_strlist *l)
{
	fprintf(out, "{ %s_%zu, %zu }", name, i, l->count);
}

char *embed_slurp(const char *prog, const char *path, size_t *len, char hex[65])
{
	unsigned char hash[crypto_hash_sha256_BYTES];
	char *data;
	long n;
	FILE *in = fopen(path, "rb");

	if (!in || fseek(in, 0, SEEK_END) || (n = ftell(in)) < 0 ||
	    fseek(in, 0, SEEK_SET)) {
		fprintf(stderr, "%s: cannot read '%s'\n", prog, path);
		exit(66);
	}
	*len = (size_t)n;
	data = malloc(*len + 1);
	if (!data || fread(data, 1, *len, in) != *len) {
		fprintf(stderr, "%s: cannot read '%s'\n", prog, path);
		exit(66);
	}
	fclose(in);
	data[*len] = '\0';
	crypto_hash_sha256(hash, (const unsigned char *)data, *len);
	sodium_bin2hex(hex, 65, hash, sizeof(hash));
	return data;
}

FILE *embed_open(const char *prog, const char *target, char *tmp, size_t tmpsize)
{
	FILE *out;

	snprintf(tmp, tmpsize, "%s.tmp", target);
	out = fopen(tmp, "w");
	if (!out) {
		fprintf(stderr, "%s: cannot write '%s'\n", prog, tmp);
		exit(73);
	}
	return out;
}

int embed_close(const char *prog, FILE *out, const char *tmp, const char *target)
{
	int ok = fflush(out) == 0 && !ferror(out);

	ok = fclose(out) == 0 && ok;
	if (!ok || rename(tmp, target)) {
		fprintf(stderr, "%s: cannot write '%s'\n", prog, target);
		remove(tmp);
		return 74;
	}
	return 0;
}
