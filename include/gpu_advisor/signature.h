/*
 * signature.h - minisign signatures (Ed25519, libsodium) over a downloaded
 * catalogue: parse a public key, parse a detached .minisig file, verify one
 * against the other. Pure functions on buffers: no I/O, no allocation, so
 * that every fault can be unit-tested (tests/test_signature.c).
 *
 * The formats are minisign's (https://jedisct1.github.io/minisign/):
 *   public key  base64("Ed" || key id[8] || Ed25519 public key[32]), alone
 *               or after an "untrusted comment: " line (a .pub file);
 *   signature   four lines: "untrusted comment: ...";
 *               base64(alg[2] || key id[8] || signature[64]), alg "ED"
 *               (signature over BLAKE2b-512 of the file, the default since
 *               minisign 0.10) or "Ed" (over the file itself, legacy);
 *               "trusted comment: TEXT";
 *               base64(global signature[64]) over signature[64] || TEXT.
 */
#ifndef GPU_ADVISOR_SIGNATURE_H
#define GPU_ADVISOR_SIGNATURE_H

#include <stdbool.h>
#include <stddef.h>

#include "gpu_advisor/error.h"

#define GPUADV_SIGNATURE_MAX_BYTES 4096 /* a .minisig or .pub file, at most */
#define GPUADV_SIGNATURE_KEYID_BYTES 8
#define GPUADV_SIGNATURE_KEY_BYTES 32
#define GPUADV_SIGNATURE_SIG_BYTES 64
/* A key id as minisign prints it: up to 16 uppercase hex digits. */
#define GPUADV_SIGNATURE_KEYID_HEX (2 * GPUADV_SIGNATURE_KEYID_BYTES + 1)

struct gpuadv_pubkey {
	unsigned char key_id[GPUADV_SIGNATURE_KEYID_BYTES];
	unsigned char key[GPUADV_SIGNATURE_KEY_BYTES];
};

struct gpuadv_signature {
	bool prehashed; /* "ED": over BLAKE2b-512 of the file; "Ed": the file */
	unsigned char key_id[GPUADV_SIGNATURE_KEYID_BYTES];
	unsigned char sig[GPUADV_SIGNATURE_SIG_BYTES];
	unsigned char global_sig[GPUADV_SIGNATURE_SIG_BYTES];
	char trusted_comment[GPUADV_SIGNATURE_MAX_BYTES]; /* NUL-terminated */
	size_t trusted_comment_len;
};

/*
 * Whether s is meant as a key rather than as a file's path: every minisign
 * public key's base64 starts with "RW" (it begins with the bytes "Ed"), and
 * has base64 characters only. A file whose name looks like that is named
 * as ./NAME.
 */
bool gpuadv_signature_is_key_text(const char *s);

/*
 * Parse a public key: the base64 line alone, or a .pub file's contents
 * (an "untrusted comment:" line, then the base64 line); a trailing newline
 * (LF or CRLF) is fine. name is used in error messages (the file, the
 * option). Returns 0, or GPUADV_EDATA ("not a minisign public key: ...").
 */
int gpuadv_signature_parse_key(struct gpuadv_pubkey *out, const char *text,
			       size_t len, const char *name,
			       struct gpuadv_error *err);

/*
 * Parse a .minisig file of len bytes; name (its URL or path) is used in
 * error messages, with the line at fault. Returns 0, or GPUADV_EDATA for
 * anything but exactly the four lines above: empty, over
 * GPUADV_SIGNATURE_MAX_BYTES, a NUL byte, the wrong number of lines, a
 * missing comment prefix, bad base64, a wrong length, an unknown algorithm.
 */
int gpuadv_signature_parse(struct gpuadv_signature *out, const char *text,
			   size_t len, const char *name,
			   struct gpuadv_error *err);

/*
 * Check that sig, made with key, signs data (len bytes) and its trusted
 * comment; name (the data's URL) is used in error messages. Returns 0, or
 * GPUADV_EDATA: signed with another key (the key ids differ), the
 * signature does not verify, or the trusted comment does not;
 * GPUADV_EINTERNAL when libsodium cannot be initialised.
 */
int gpuadv_signature_verify(const struct gpuadv_signature *sig,
			    const struct gpuadv_pubkey *key, const void *data,
			    size_t len, const char *name,
			    struct gpuadv_error *err);

/* A key id as minisign shows it (the 8 bytes as a little-endian number,
 * in hex, no leading zeros) into hex[GPUADV_SIGNATURE_KEYID_HEX]. */
void gpuadv_signature_key_id_hex(char *hex, const unsigned char *key_id);

#endif
