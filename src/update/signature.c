/*
 * signature.c - minisign public keys and detached signatures, parsed from
 * buffers and verified with libsodium (Ed25519, BLAKE2b-512 for prehashed
 * signatures); see signature.h. Parsing is strict: minisign writes exactly
 * these lines, so anything else is a damaged or forged file and is refused
 * with the line at fault rather than guessed at.
 */
#include "gpu_advisor/signature.h"

#include <ctype.h>
#include <inttypes.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>

#define ALG_BYTES 2
#define KEY_BLOB (ALG_BYTES + GPUADV_SIGNATURE_KEYID_BYTES + GPUADV_SIGNATURE_KEY_BYTES)
#define SIG_BLOB (ALG_BYTES + GPUADV_SIGNATURE_KEYID_BYTES + GPUADV_SIGNATURE_SIG_BYTES)
#define SIG_LINES 4
#define UNTRUSTED "untrusted comment: "
#define TRUSTED "trusted comment: "

/* One line of a buffer, without its "\n" or "\r\n". */
struct line {
	const char *s;
	size_t len;
};

/*
 * Split text into at most max lines; a final newline does not start an
 * empty line. Returns the number of lines found, which may exceed max (the
 * rest are counted, not stored) so that the caller can say how many.
 */
static size_t split_lines(struct line *lines, size_t max, const char *text,
			  size_t len)
{
	size_t n = 0, start = 0, i;

	for (i = 0; i <= len; i++) {
		if (i < len && text[i] != '\n')
			continue;
		if (i == len && start == len)
			break; /* after a final newline, or an empty text */
		if (n < max) {
			lines[n].s = text + start;
			lines[n].len = i - start;
			if (lines[n].len && lines[n].s[lines[n].len - 1] == '\r')
				lines[n].len--;
		}
		n++;
		start = i + 1;
	}
	return n;
}

static bool has_prefix(const struct line *l, const char *prefix)
{
	size_t n = strlen(prefix);

	return l->len >= n && memcmp(l->s, prefix, n) == 0;
}

/*
 * Decode one line of base64 (standard alphabet, padded, as minisign writes
 * it) into bin; *got is the number of bytes. Returns 0, or -1 when the line
 * is not valid base64 (any stray character, wrong padding).
 */
static int decode(unsigned char *bin, size_t max, size_t *got,
		  const struct line *l)
{
	*got = 0;
	if (l->len == 0)
		return -1;
	/* b64_end NULL: libsodium fails on any character it cannot decode,
	 * instead of stopping there. */
	return sodium_base642bin(bin, max, l->s, l->len, NULL, got, NULL,
				 sodium_base64_VARIANT_ORIGINAL);
}

/* Two algorithm bytes for a message: as text when printable, else hex. */
static const char *shown_alg(char *buf, size_t size, const unsigned char *alg)
{
	if (isprint(alg[0]) && isprint(alg[1]) && alg[0] != '\'' && alg[1] != '\'')
		snprintf(buf, size, "'%c%c'", alg[0], alg[1]);
	else
		snprintf(buf, size, "0x%02x%02x", alg[0], alg[1]);
	return buf;
}

bool gpuadv_signature_is_key_text(const char *s)
{
	size_t i;

	if (!s || s[0] != 'R' || s[1] != 'W')
		return false;
	for (i = 2; s[i]; i++)
		if (!isalnum((unsigned char)s[i]) && s[i] != '+' && s[i] != '/' &&
		    s[i] != '=')
			return false;
	return true;
}

void gpuadv_signature_key_id_hex(char *hex, const unsigned char *key_id)
{
	uint64_t id = 0;
	size_t i;

	/* minisign prints the id as a little-endian 64-bit number with
	 * "%" PRIX64, so without leading zeros: a user compares what we print
	 * with the first line of their .pub file, character for character. */
	for (i = GPUADV_SIGNATURE_KEYID_BYTES; i-- > 0;)
		id = (id << 8) | key_id[i];
	snprintf(hex, GPUADV_SIGNATURE_KEYID_HEX, "%" PRIX64, id);
}

/* A key error, at line (of a .pub file) when there is a name to put it on. */
static int key_fail(struct gpuadv_error *err, const char *name,
		    unsigned long line, const char *why)
{
	return gpuadv_error_at(err, GPUADV_EDATA, name, name ? line : 0,
			       name && line ? 1 : 0,
			       "not a minisign public key: %s", why);
}

int gpuadv_signature_parse_key(struct gpuadv_pubkey *out, const char *text,
			       size_t len, const char *name,
			       struct gpuadv_error *err)
{
	struct line lines[2], *b64;
	unsigned char bin[GPUADV_SIGNATURE_MAX_BYTES];
	size_t n, got;
	char why[64];

	memset(out, 0, sizeof(*out));
	gpuadv_error_clear(err);
	if (len > GPUADV_SIGNATURE_MAX_BYTES)
		return key_fail(err, name, 0, "it is larger than 4096 bytes");
	if (memchr(text, '\0', len))
		return key_fail(err, name, 0, "it contains a NUL byte");
	n = split_lines(lines, 2, text, len);
	if (n == 0)
		return key_fail(err, name, 0, "it is empty");
	if (n > 2 || (n == 2 && !has_prefix(&lines[0], "untrusted comment:")))
		return key_fail(err, name, 0,
				"expected one base64 line, alone or after an 'untrusted comment:' line");
	b64 = &lines[n - 1];
	/* A key pasted from a terminal may carry blanks around it. */
	while (b64->len && (b64->s[0] == ' ' || b64->s[0] == '\t')) {
		b64->s++;
		b64->len--;
	}
	while (b64->len && (b64->s[b64->len - 1] == ' ' || b64->s[b64->len - 1] == '\t'))
		b64->len--;
	if (decode(bin, sizeof(bin), &got, b64) != 0)
		return key_fail(err, name, n, "it is not valid base64");
	if (got != KEY_BLOB) {
		snprintf(why, sizeof(why), "it is %zu bytes, expected %d", got, KEY_BLOB);
		return key_fail(err, name, n, why);
	}
	if (memcmp(bin, "Ed", ALG_BYTES) != 0) {
		char alg[16];

		snprintf(why, sizeof(why), "unknown algorithm %s, expected 'Ed'",
			 shown_alg(alg, sizeof(alg), bin));
		return key_fail(err, name, n, why);
	}
	memcpy(out->key_id, bin + ALG_BYTES, GPUADV_SIGNATURE_KEYID_BYTES);
	memcpy(out->key, bin + ALG_BYTES + GPUADV_SIGNATURE_KEYID_BYTES,
	       GPUADV_SIGNATURE_KEY_BYTES);
	return 0;
}

int gpuadv_signature_parse(struct gpuadv_signature *out, const char *text,
			   size_t len, const char *name,
			   struct gpuadv_error *err)
{
	struct line lines[SIG_LINES];
	unsigned char bin[GPUADV_SIGNATURE_MAX_BYTES];
	size_t n, got;
	char alg[16];

	memset(out, 0, sizeof(*out));
	gpuadv_error_clear(err);
	if (len == 0)
		return gpuadv_error_at(err, GPUADV_EDATA, name, 0, 0,
				       "malformed signature file: it is empty");
	if (len > GPUADV_SIGNATURE_MAX_BYTES)
		return gpuadv_error_at(err, GPUADV_EDATA, name, 0, 0,
				       "malformed signature file: it is larger than %d bytes",
				       GPUADV_SIGNATURE_MAX_BYTES);
	if (memchr(text, '\0', len))
		return gpuadv_error_at(err, GPUADV_EDATA, name, 0, 0,
				       "malformed signature file: it contains a NUL byte");
	/* Blank lines at the end are no line of the file's (minisign -V reads
	 * four lines and ignores what follows). */
	while (len > 0 && (text[len - 1] == '\n' || text[len - 1] == '\r'))
		len--;
	n = split_lines(lines, SIG_LINES, text, len);
	if (n != SIG_LINES)
		return gpuadv_error_at(err, GPUADV_EDATA, name, 0, 0,
				       "malformed signature file: %zu line%s, expected 4 (untrusted comment, signature, trusted comment, global signature)",
				       n, n == 1 ? "" : "s");
	if (!has_prefix(&lines[0], UNTRUSTED))
		return gpuadv_error_at(err, GPUADV_EDATA, name, 1, 1,
				       "malformed signature file: line 1 must start with '" UNTRUSTED "'");
	if (decode(bin, sizeof(bin), &got, &lines[1]) != 0)
		return gpuadv_error_at(err, GPUADV_EDATA, name, 2, 1,
				       "malformed signature file: the signature is not valid base64");
	if (got != SIG_BLOB)
		return gpuadv_error_at(err, GPUADV_EDATA, name, 2, 1,
				       "malformed signature file: the signature is %zu bytes, expected %d",
				       got, SIG_BLOB);
	if (memcmp(bin, "ED", ALG_BYTES) == 0)
		out->prehashed = true;
	else if (memcmp(bin, "Ed", ALG_BYTES) != 0)
		return gpuadv_error_at(err, GPUADV_EDATA, name, 2, 1,
				       "unknown signature algorithm %s, expected 'ED' or 'Ed'",
				       shown_alg(alg, sizeof(alg), bin));
	memcpy(out->key_id, bin + ALG_BYTES, GPUADV_SIGNATURE_KEYID_BYTES);
	memcpy(out->sig, bin + ALG_BYTES + GPUADV_SIGNATURE_KEYID_BYTES,
	       GPUADV_SIGNATURE_SIG_BYTES);
	if (!has_prefix(&lines[2], TRUSTED))
		return gpuadv_error_at(err, GPUADV_EDATA, name, 3, 1,
				       "malformed signature file: line 3 must start with '" TRUSTED "'");
	/* Fits: the line is shorter than the whole file. */
	out->trusted_comment_len = lines[2].len - strlen(TRUSTED);
	memcpy(out->trusted_comment, lines[2].s + strlen(TRUSTED),
	       out->trusted_comment_len);
	out->trusted_comment[out->trusted_comment_len] = '\0';
	if (decode(bin, sizeof(bin), &got, &lines[3]) != 0)
		return gpuadv_error_at(err, GPUADV_EDATA, name, 4, 1,
				       "malformed signature file: the global signature is not valid base64");
	if (got != GPUADV_SIGNATURE_SIG_BYTES)
		return gpuadv_error_at(err, GPUADV_EDATA, name, 4, 1,
				       "malformed signature file: the global signature is %zu bytes, expected %d",
				       got, GPUADV_SIGNATURE_SIG_BYTES);
	memcpy(out->global_sig, bin, GPUADV_SIGNATURE_SIG_BYTES);
	return 0;
}

int gpuadv_signature_verify(const struct gpuadv_signature *sig,
			    const struct gpuadv_pubkey *key, const void *data,
			    size_t len, const char *name,
			    struct gpuadv_error *err)
{
	unsigned char hash[crypto_generichash_BYTES_MAX];
	unsigned char signed_comment[GPUADV_SIGNATURE_SIG_BYTES +
				     GPUADV_SIGNATURE_MAX_BYTES];
	char got[GPUADV_SIGNATURE_KEYID_HEX], want[GPUADV_SIGNATURE_KEYID_HEX];
	int bad;

	gpuadv_error_clear(err);
	if (sodium_init() < 0)
		return gpuadv_error_set(err, GPUADV_EINTERNAL,
					"cannot initialise libsodium");
	/* The key id only names the key: a match proves nothing by itself,
	 * but a mismatch tells the user which key to look for. */
	if (memcmp(sig->key_id, key->key_id, GPUADV_SIGNATURE_KEYID_BYTES) != 0) {
		gpuadv_signature_key_id_hex(got, sig->key_id);
		gpuadv_signature_key_id_hex(want, key->key_id);
		return gpuadv_error_at(err, GPUADV_EDATA, name, 0, 0,
				       "signed with another key (key id %s, expected %s)",
				       got, want);
	}
	if (sig->prehashed) {
		crypto_generichash(hash, sizeof(hash), data, len, NULL, 0);
		bad = crypto_sign_verify_detached(sig->sig, hash, sizeof(hash), key->key);
	} else {
		bad = crypto_sign_verify_detached(sig->sig, data, len, key->key);
	}
	if (bad)
		return gpuadv_error_at(err, GPUADV_EDATA, name, 0, 0,
				       "signature does not verify with the configured key");
	/* The global signature binds the trusted comment to this signature,
	 * so that neither can be swapped for another. */
	if (sig->trusted_comment_len > GPUADV_SIGNATURE_MAX_BYTES)
		return gpuadv_error_set(err, GPUADV_EINTERNAL,
					"trusted comment longer than its buffer");
	memcpy(signed_comment, sig->sig, GPUADV_SIGNATURE_SIG_BYTES);
	memcpy(signed_comment + GPUADV_SIGNATURE_SIG_BYTES, sig->trusted_comment,
	       sig->trusted_comment_len);
	if (crypto_sign_verify_detached(sig->global_sig, signed_comment,
					GPUADV_SIGNATURE_SIG_BYTES + sig->trusted_comment_len,
					key->key) != 0)
		return gpuadv_error_at(err, GPUADV_EDATA, name, 0, 0,
				       "the signature's trusted comment does not verify with the configured key (the signature file was altered)");
	return 0;
}
