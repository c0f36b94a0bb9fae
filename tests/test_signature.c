/*
 * test_signature.c - minisign keys and signatures (signature.c), against
 * known answers made once with the real minisign 0.11 and kept in
 * tests/fixtures/sig/ (README there says how):
 *   test-key.pub, other-key.pub      two key pairs' public keys
 *   body.yaml                        the signed bytes
 *   body.yaml.minisig                prehashed ("ED") by test-key
 *   body.yaml.legacy.minisig         legacy ("Ed", minisign -l) by test-key
 *   body.yaml.other.minisig          prehashed by other-key
 *
 * Table-driven (each table ends with a NULL row): verify_cases[] tampers
 * with a good signature, key or body in one way each; bad_sigs[] and
 * bad_keys[] are malformed files with the line and message they must give;
 * config_cases[] the `pubkey:` check of the configuration loader.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <sodium.h>

#include "gpu_advisor/config.h"
#include "gpu_advisor/signature.h"

#define SIG_NAME "https://example.org/catalog.yaml.minisig"
#define BODY_NAME "https://example.org/catalog.yaml"
#define TEST_KEY_ID "37178D71300A86D4"
#define OTHER_KEY_ID "8794C300D9E8A250"
#define TEST_KEY_B64 "RWTUhgowcY0XN3k7+fGI+Gb7PKMRRGnEaApwrRWs09ZOKDJzYKSZI4L4"

/* body.yaml.minisig, line by line. */
#define L1 "untrusted comment: signature from minisign secret key\n"
#define L2 "RUTUhgowcY0XNxCmc06AflvBsbTAqL02/NMqgEkB3ynV5endPVARJiJGsFZ+XTxJnTjdqgKVUEHtICQR4GZ6QSo34XDIz4A7HA4=\n"
#define L3 "trusted comment: gpu-advisor catalogue as of 2099-01-01\n"
#define L4 "Js3q+KuwR61QJBFGYqQPoqlICvFn1ZzUndCGOasIkeg82UgwmF75I2XnNfqt7fDlhzz6aNkHNRybVTv2eCBQBg==\n"

/* A fixture's bytes, NUL-terminated; free() them. */
static char *fixture(const char *name, size_t *len)
{
	char path[1024];
	FILE *f;
	long n;
	char *buf;

	snprintf(path, sizeof(path), "%s/sig/%s", GPUADV_FIXTURES, name);
	f = fopen(path, "rb");
	assert_non_null(f);
	assert_int_equal(fseek(f, 0, SEEK_END), 0);
	n = ftell(f);
	assert_true(n >= 0);
	rewind(f);
	buf = malloc((size_t)n + 1);
	assert_non_null(buf);
	assert_int_equal(fread(buf, 1, (size_t)n, f), (size_t)n);
	buf[n] = '\0';
	fclose(f);
	*len = (size_t)n;
	return buf;
}

static void load_key(struct gpuadv_pubkey *key, const char *name)
{
	struct gpuadv_error err;
	size_t len;
	char *text = fixture(name, &len);

	if (gpuadv_signature_parse_key(key, text, len, name, &err) != 0)
		fail_msg("%s: %s", name, err.message);
	free(text);
}

/* Re-encode line 2 (or 4) of a signature after changing byte at of it. */
static void flip_base64_line(char *text, int line, size_t at)
{
	unsigned char bin[128];
	char b64[256], *start = text, *end;
	size_t got;
	int i;

	for (i = 1; i < line; i++)
		start = strchr(start, '\n') + 1;
	end = strchr(start, '\n');
	assert_int_equal(sodium_base642bin(bin, sizeof(bin), start, (size_t)(end - start),
					   NULL, &got, NULL,
					   sodium_base64_VARIANT_ORIGINAL), 0);
	assert_true(at < got);
	bin[at] ^= 0x01;
	sodium_bin2base64(b64, sizeof(b64), bin, got, sodium_base64_VARIANT_ORIGINAL);
	assert_int_equal(strlen(b64), (size_t)(end - start));
	memcpy(start, b64, strlen(b64));
}

/* ---- verification: good signatures and one fault each ------------------- */

enum tamper {
	T_NONE,
	T_BODY,         /* one byte of the signed file changed */
	T_COMMENT,      /* the trusted comment edited */
	T_KEY_ID,       /* the signature's key id changed */
	T_SIG_BYTE,     /* one bit of the signature flipped */
	T_GLOBAL_BYTE,  /* one bit of the global signature flipped */
	T_ALG_LEGACY,   /* "ED" relabelled "Ed" */
	T_SAME_ID_KEY   /* another key's bytes under the right key id */
};

struct verify_case {
	const char *what;
	const char *key;   /* fixture */
	const char *sig;   /* fixture */
	enum tamper tamper;
	int rc;
	const char *msg;   /* a substring of err.message; NULL when rc is 0 */
};

static const struct verify_case verify_cases[] = {
	{ "good prehashed", "test-key.pub", "body.yaml.minisig", T_NONE, 0, NULL },
	{ "good legacy", "test-key.pub", "body.yaml.legacy.minisig", T_NONE, 0, NULL },
	{ "wrong key", "other-key.pub", "body.yaml.minisig", T_NONE, GPUADV_EDATA,
	  "signed with another key (key id " TEST_KEY_ID ", expected " OTHER_KEY_ID ")" },
	{ "signed by the other key", "test-key.pub", "body.yaml.other.minisig", T_NONE,
	  GPUADV_EDATA,
	  "signed with another key (key id " OTHER_KEY_ID ", expected " TEST_KEY_ID ")" },
	{ "another key under the right id", "test-key.pub", "body.yaml.minisig",
	  T_SAME_ID_KEY, GPUADV_EDATA, "signature does not verify with the configured key" },
	{ "tampered body", "test-key.pub", "body.yaml.minisig", T_BODY, GPUADV_EDATA,
	  "signature does not verify with the configured key" },
	{ "tampered body, legacy", "test-key.pub", "body.yaml.legacy.minisig", T_BODY,
	  GPUADV_EDATA, "signature does not verify with the configured key" },
	{ "tampered trusted comment", "test-key.pub", "body.yaml.minisig", T_COMMENT,
	  GPUADV_EDATA, "trusted comment does not verify with the configured key" },
	{ "tampered trusted comment, legacy", "test-key.pub", "body.yaml.legacy.minisig",
	  T_COMMENT, GPUADV_EDATA, "trusted comment does not verify" },
	{ "wrong key id", "test-key.pub", "body.yaml.minisig", T_KEY_ID, GPUADV_EDATA,
	  "signed with another key (key id " "37178D71300A86D5" ", expected " TEST_KEY_ID ")" },
	{ "signature bit flipped", "test-key.pub", "body.yaml.minisig", T_SIG_BYTE,
	  GPUADV_EDATA, "signature does not verify with the configured key" },
	{ "global signature bit flipped", "test-key.pub", "body.yaml.minisig",
	  T_GLOBAL_BYTE, GPUADV_EDATA, "trusted comment does not verify" },
	{ "prehashed relabelled legacy", "test-key.pub", "body.yaml.minisig",
	  T_ALG_LEGACY, GPUADV_EDATA, "signature does not verify with the configured key" },
	{ NULL, NULL, NULL, T_NONE, 0, NULL }
};

static int run_verify_case(const struct verify_case *c)
{
	struct gpuadv_signature sig;
	struct gpuadv_pubkey key, other;
	struct gpuadv_error err;
	size_t body_len, sig_len;
	char *body = fixture("body.yaml", &body_len);
	char *text = fixture(c->sig, &sig_len);
	char formatted[1024], *p;
	int rc, bad = 0;

	load_key(&key, c->key);
	switch (c->tamper) {
	case T_BODY:
		body[body_len / 2] ^= 0x20;
		break;
	case T_COMMENT:
		p = strstr(text, "as of 2099");
		assert_non_null(p);
		p[8] = '1'; /* 2099 -> 2199 */
		break;
	case T_KEY_ID:
		flip_base64_line(text, 2, 2); /* the key id's first byte */
		break;
	case T_SIG_BYTE:
		flip_base64_line(text, 2, 2 + 8 + 10);
		break;
	case T_GLOBAL_BYTE:
		flip_base64_line(text, 4, 10);
		break;
	case T_ALG_LEGACY:
		p = strstr(text, "\nRUT");
		assert_non_null(p);
		p[2] = 'W'; /* "RU" (ED) -> "RW" (Ed): only the second byte changes */
		break;
	case T_SAME_ID_KEY:
		load_key(&other, "other-key.pub");
		memcpy(key.key, other.key, sizeof(key.key));
		break;
	case T_NONE:
		break;
	}
	rc = gpuadv_signature_parse(&sig, text, sig_len, SIG_NAME, &err);
	if (rc == 0)
		rc = gpuadv_signature_verify(&sig, &key, body, body_len, BODY_NAME, &err);
	gpuadv_error_format(formatted, sizeof(formatted), &err);
	if (rc != c->rc) {
		print_error("%s: rc %d, want %d: %s\n", c->what, rc, c->rc, formatted);
		bad++;
	} else if (c->msg) {
		char prefix[256];

		snprintf(prefix, sizeof(prefix), BODY_NAME ": %s", c->msg);
		if (strcmp(formatted, prefix) != 0 && !strstr(err.message, c->msg)) {
			print_error("%s: '%s' lacks '%s'\n", c->what, formatted, c->msg);
			bad++;
		}
		if (strncmp(formatted, BODY_NAME ": ", strlen(BODY_NAME) + 2) != 0) {
			print_error("%s: '%s' does not name the catalogue\n", c->what, formatted);
			bad++;
		}
	}
	free(body);
	free(text);
	return bad;
}

static void test_verify_cases(void **state)
{
	const struct verify_case *c;
	int bad = 0;

	(void)state;
	for (c = verify_cases; c->what; c++)
		bad += run_verify_case(c);
	assert_int_equal(bad, 0);
}

/* What a good signature yields; the fixture is L1..L4, and CRLF line ends
 * or a missing final newline change nothing. */
static void test_good_details(void **state)
{
	static const char crlf[] = "untrusted comment: signature from minisign secret key\r\n"
		"RUTUhgowcY0XNxCmc06AflvBsbTAqL02/NMqgEkB3ynV5endPVARJiJGsFZ+XTxJnTjdqgKVUEHtICQR4GZ6QSo34XDIz4A7HA4=\r\n"
		"trusted comment: gpu-advisor catalogue as of 2099-01-01\r\n"
		"Js3q+KuwR61QJBFGYqQPoqlICvFn1ZzUndCGOasIkeg82UgwmF75I2XnNfqt7fDlhzz6aNkHNRybVTv2eCBQBg==\r\n";
	static const char *const variants[] = { L1 L2 L3 L4, crlf,
		L1 L2 L3 "Js3q+KuwR61QJBFGYqQPoqlICvFn1ZzUndCGOasIkeg82UgwmF75I2XnNfqt7fDlhzz6aNkHNRybVTv2eCBQBg==",
		NULL };
	struct gpuadv_signature sig;
	struct gpuadv_pubkey key;
	struct gpuadv_error err;
	size_t body_len, sig_len, i;
	char *body = fixture("body.yaml", &body_len);
	char *text = fixture("body.yaml.minisig", &sig_len);
	char hex[GPUADV_SIGNATURE_KEYID_HEX];

	(void)state;
	assert_string_equal(text, L1 L2 L3 L4);
	load_key(&key, "test-key.pub");
	gpuadv_signature_key_id_hex(hex, key.key_id);
	assert_string_equal(hex, TEST_KEY_ID);
	for (i = 0; variants[i]; i++) {
		assert_int_equal(gpuadv_signature_parse(&sig, variants[i], strlen(variants[i]),
							SIG_NAME, &err), 0);
		assert_true(sig.prehashed);
		assert_string_equal(sig.trusted_comment, "gpu-advisor catalogue as of 2099-01-01");
		assert_int_equal(sig.trusted_comment_len, strlen(sig.trusted_comment));
		assert_memory_equal(sig.key_id, key.key_id, sizeof(key.key_id));
		assert_int_equal(gpuadv_signature_verify(&sig, &key, body, body_len,
							 BODY_NAME, &err), 0);
	}
	free(text);
	text = fixture("body.yaml.legacy.minisig", &sig_len);
	assert_int_equal(gpuadv_signature_parse(&sig, text, sig_len, SIG_NAME, &err), 0);
	assert_false(sig.prehashed);
	assert_string_equal(sig.trusted_comment,
			    "gpu-advisor catalogue as of 2099-01-01, legacy");
	free(text);
	free(body);
}

/* ---- key ids as minisign prints them ------------------------------------- */

/* minisign writes "%" PRIX64 of the little-endian id: no leading zeros. A
 * random key has a zero top byte once in 256, which is how a padded id
 * once slipped past every fixed fixture. */
static const struct {
	unsigned char id[GPUADV_SIGNATURE_KEYID_BYTES];
	const char *hex;
} key_ids[] = {
	{ { 0xD4, 0x86, 0x0A, 0x30, 0x71, 0x8D, 0x17, 0x37 }, "37178D71300A86D4" },
	{ { 0x01, 0xE4, 0xB1, 0xCA, 0x29, 0x21, 0xC0, 0x00 }, "C02129CAB1E401" },
	{ { 0x0F, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x10 }, "100000000000000F" },
	{ { 0x05, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00 }, "5" },
	{ { 0 }, "0" },
	{ { 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF }, "FFFFFFFFFFFFFFFF" },
	{ { 0 }, NULL }
};

static void test_key_id_hex(void **state)
{
	char hex[GPUADV_SIGNATURE_KEYID_HEX];
	size_t i;

	(void)state;
	for (i = 0; key_ids[i].hex; i++) {
		memset(hex, 'x', sizeof(hex));
		gpuadv_signature_key_id_hex(hex, key_ids[i].id);
		assert_string_equal(hex, key_ids[i].hex);
	}
}

/* ---- malformed signature files ------------------------------------------ */

struct bad_sig {
	const char *what;
	const char *text;
	size_t len;          /* 0: strlen(text) */
	unsigned long line;  /* 0: the file as a whole */
	const char *msg;
};

static const struct bad_sig bad_sigs[] = {
	{ "empty", "", 0, 0, "malformed signature file: it is empty" },
	{ "one line", L1, 0, 0, "malformed signature file: 1 line, expected 4" },
	{ "three lines", L1 L2 L3, 0, 0, "malformed signature file: 3 lines, expected 4" },
	{ "five lines", L1 L2 L3 L4 "extra\n", 0, 0, "5 lines, expected 4" },
	{ "a blank line, then more", L1 L2 L3 L4 "\nextra\n", 0, 0, "6 lines, expected 4" },
	{ "an HTML page", "<html><body>Not found</body></html>\n", 0, 0, "1 line, expected 4" },
	{ "a NUL byte", L1 L2 "trusted comment: a\0b\n" L4,
	  sizeof(L1 L2 "trusted comment: a\0b\n" L4) - 1, 0, "it contains a NUL byte" },
	{ "no untrusted comment prefix", "comment: x\n" L2 L3 L4, 0, 1,
	  "line 1 must start with 'untrusted comment: '" },
	{ "signature not base64", L1 "RUTU!howcY0XNxCmc06AflvBsbTAqL02/NMqgEkB3ynV5endPVARJiJGsFZ+XTxJnTjdqgKVUEHtICQR4GZ6QSo34XDIz4A7HA4=\n" L3 L4,
	  0, 2, "the signature is not valid base64" },
	{ "signature without its padding", L1 "RUTUhgowcY0XNxCmc06AflvBsbTAqL02/NMqgEkB3ynV5endPVARJiJGsFZ+XTxJnTjdqgKVUEHtICQR4GZ6QSo34XDIz4A7HA4\n" L3 L4,
	  0, 2, "the signature is not valid base64" },
	{ "signature line empty", L1 "\n" L3 L4, 0, 2, "the signature is not valid base64" },
	{ "signature too short", L1 "RUTUhgowcY0XNxCmc06AflvBsbTAqL02/NMqgEkB3ynV5endPVARJiJGsFZ+XTxJnTjdqgKVUEHtICQR4GZ6QSo34XDI\n" L3 L4,
	  0, 2, "the signature is 69 bytes, expected 74" },
	{ "signature too long", L1 "RUTUhgowcY0XNxCmc06AflvBsbTAqL02/NMqgEkB3ynV5endPVARJiJGsFZ+XTxJnTjdqgKVUEHtICQR4GZ6QSo34XDIz4A7HA4A\n" L3 L4,
	  0, 2, "the signature is 75 bytes, expected 74" },
	{ "unknown algorithm", L1 "WUTUhgowcY0XNxCmc06AflvBsbTAqL02/NMqgEkB3ynV5endPVARJiJGsFZ+XTxJnTjdqgKVUEHtICQR4GZ6QSo34XDIz4A7HA4=\n" L3 L4,
	  0, 2, "unknown signature algorithm 'YD', expected 'ED' or 'Ed'" },
	{ "no trusted comment prefix", L1 L2 "trusted: gpu-advisor\n" L4, 0, 3,
	  "line 3 must start with 'trusted comment: '" },
	{ "global signature not base64", L1 L2 L3 "Js3q+KuwR61QJBFGYqQPoqlICvFn1ZzUndCGOasIkeg82UgwmF75I2XnNfqt7fDlhzz6aNkHNRybVTv2eCBQBg=\n",
	  0, 4, "the global signature is not valid base64" },
	{ "global signature the wrong length", L1 L2 L3 L2, 0, 4,
	  "the global signature is 74 bytes, expected 64" },
	{ NULL, NULL, 0, 0, NULL }
};

static int check_bad_sig(const char *what, const char *text, size_t len,
			 unsigned long line, const char *msg)
{
	struct gpuadv_signature sig;
	struct gpuadv_error err;
	char formatted[1024], prefix[256];
	int rc, bad = 0;

	rc = gpuadv_signature_parse(&sig, text, len, SIG_NAME, &err);
	gpuadv_error_format(formatted, sizeof(formatted), &err);
	if (rc != GPUADV_EDATA || err.code != GPUADV_EDATA) {
		print_error("%s: rc %d, want %d: %s\n", what, rc, GPUADV_EDATA, formatted);
		return 1;
	}
	if (!strstr(err.message, msg)) {
		print_error("%s: '%s' lacks '%s'\n", what, err.message, msg);
		bad++;
	}
	if (line)
		snprintf(prefix, sizeof(prefix), SIG_NAME ":%lu:1: ", line);
	else
		snprintf(prefix, sizeof(prefix), SIG_NAME ": ");
	if (strncmp(formatted, prefix, strlen(prefix)) != 0) {
		print_error("%s: '%s' does not start with '%s'\n", what, formatted, prefix);
		bad++;
	}
	return bad;
}

static void test_bad_sigs(void **state)
{
	const struct bad_sig *c;
	int bad = 0;

	(void)state;
	for (c = bad_sigs; c->what; c++)
		bad += check_bad_sig(c->what, c->text, c->len ? c->len : strlen(c->text),
				     c->line, c->msg);
	assert_int_equal(bad, 0);
}

/* Regression (issue 9, item 15): blank lines after the fourth were
 * refused, though minisign -V accepts them. */
static void test_trailing_blank_lines(void **state)
{
	static const char *const texts[] = { L1 L2 L3 L4 "\n", L1 L2 L3 L4 "\r\n\n\n", NULL };
	struct gpuadv_signature sig;
	struct gpuadv_error err;
	size_t i;

	(void)state;
	for (i = 0; texts[i]; i++)
		if (gpuadv_signature_parse(&sig, texts[i], strlen(texts[i]), "x.minisig", &err))
			fail_msg("row %zu refused: %s", i, err.message);
}

/* Over the 4 KiB cap, though otherwise well formed. */
static void test_sig_too_big(void **state)
{
	size_t len = GPUADV_SIGNATURE_MAX_BYTES + 1, head = strlen(L1) - 1;
	char *text = malloc(len + 1);

	(void)state;
	assert_non_null(text);
	memcpy(text, L1, head);
	memset(text + head, 'x', len - head);
	memcpy(text + len - strlen(L2 L3 L4), L2 L3 L4, strlen(L2 L3 L4));
	text[len - strlen(L2 L3 L4) - 1] = '\n';
	text[len] = '\0';
	assert_int_equal(check_bad_sig("too big", text, len, 0,
				       "it is larger than 4096 bytes"), 0);
	free(text);
}

/* ---- public keys -------------------------------------------------------- */

struct key_case {
	const char *what;
	const char *text;
	unsigned long line; /* with the name "k.pub"; 0: none */
	const char *msg;    /* NULL: a good key, the test key */
};

static const struct key_case key_cases[] = {
	{ "bare base64", TEST_KEY_B64, 0, NULL },
	{ "bare, with a newline", TEST_KEY_B64 "\n", 0, NULL },
	{ "bare, with blanks", "  " TEST_KEY_B64 " \t\n", 0, NULL },
	{ ".pub file", "untrusted comment: minisign public key " TEST_KEY_ID "\n" TEST_KEY_B64 "\n", 0, NULL },
	{ ".pub file, CRLF", "untrusted comment: minisign public key\r\n" TEST_KEY_B64 "\r\n", 0, NULL },
	{ "empty", "", 0, "not a minisign public key: it is empty" },
	{ "just a newline", "\n", 1, "not a minisign public key: it is not valid base64" },
	{ "not base64", "RWTUhgowcY0XN3k7+fGI+Gb7PKMRRGnEaApwrRWs09ZOKDJzYKSZI4L!", 1,
	  "not a minisign public key: it is not valid base64" },
	{ "too short", "RWTUhgowcY0XN3k7+fGI+Gb7PKMRRGnEaApwrRWs09ZOKDJzYKSZ", 1,
	  "not a minisign public key: it is 39 bytes, expected 42" },
	{ "too long", TEST_KEY_B64 "AAAA", 1,
	  "not a minisign public key: it is 45 bytes, expected 42" },
	{ "a signature's algorithm", "RUTUhgowcY0XNxCmc06AflvBsbTAqL02/NMqgEkB3ynV5endPVARJiJG", 1,
	  "not a minisign public key: unknown algorithm 'ED', expected 'Ed'" },
	{ "a secret key", "untrusted comment: minisign encrypted secret key\nRWQAAEIyAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA1IYKMHGNFze7voN2Y+l4vPUkDLExtERaLYuTxo5kxCWEj1Du1AzSpnk7+fGI+Gb7PKMRRGnEaApwrRWs09ZOKDJzYKSZI4L4AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n",
	  2, "not a minisign public key: it is 158 bytes, expected 42" },
	{ "two lines, no comment", TEST_KEY_B64 "\n" TEST_KEY_B64 "\n", 0,
	  "expected one base64 line, alone or after an 'untrusted comment:' line" },
	{ "three lines", "untrusted comment: x\n" TEST_KEY_B64 "\nmore\n", 0,
	  "expected one base64 line" },
	{ NULL, NULL, 0, NULL }
};

static int check_key(const struct key_case *c, const char *text, size_t len)
{
	struct gpuadv_pubkey key, want;
	struct gpuadv_error err;
	char formatted[1024], prefix[64];
	int rc, bad = 0;

	rc = gpuadv_signature_parse_key(&key, text, len, "k.pub", &err);
	gpuadv_error_format(formatted, sizeof(formatted), &err);
	if (!c->msg) {
		if (rc != 0) {
			print_error("%s: failed: %s\n", c->what, formatted);
			return 1;
		}
		load_key(&want, "test-key.pub");
		if (memcmp(&key, &want, sizeof(key)) != 0) {
			print_error("%s: not the test key\n", c->what);
			bad++;
		}
		return bad;
	}
	if (rc != GPUADV_EDATA) {
		print_error("%s: rc %d, want %d: %s\n", c->what, rc, GPUADV_EDATA, formatted);
		return 1;
	}
	if (!strstr(err.message, c->msg)) {
		print_error("%s: '%s' lacks '%s'\n", c->what, err.message, c->msg);
		bad++;
	}
	if (c->line)
		snprintf(prefix, sizeof(prefix), "k.pub:%lu:1: ", c->line);
	else
		snprintf(prefix, sizeof(prefix), "k.pub: ");
	if (strncmp(formatted, prefix, strlen(prefix)) != 0) {
		print_error("%s: '%s' does not start with '%s'\n", c->what, formatted, prefix);
		bad++;
	}
	/* Without a name, no position either. */
	rc = gpuadv_signature_parse_key(&key, text, len, NULL, &err);
	if (rc != GPUADV_EDATA || err.file[0] || err.line) {
		print_error("%s: without a name: rc %d, at '%s':%lu\n", c->what, rc,
			    err.file, err.line);
		bad++;
	}
	return bad;
}

static void test_keys(void **state)
{
	static const char nul[] = "RWTUhgowcY0XN3k7\0fGI+Gb7PKMRRGnEaApwrRWs09ZOKDJzYKSZI4L4";
	static const struct key_case nul_case = { "a NUL byte", NULL, 0,
		"not a minisign public key: it contains a NUL byte" };
	const struct key_case *c;
	char big[GPUADV_SIGNATURE_MAX_BYTES + 2];
	struct key_case big_case = { "too big", NULL, 0,
		"not a minisign public key: it is larger than 4096 bytes" };
	int bad = 0;

	(void)state;
	for (c = key_cases; c->what; c++)
		bad += check_key(c, c->text, strlen(c->text));
	bad += check_key(&nul_case, nul, sizeof(nul) - 1);
	memset(big, 'A', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	bad += check_key(&big_case, big, sizeof(big) - 1);
	assert_int_equal(bad, 0);
}

/* Which values are keys and which are paths. */
static void test_is_key_text(void **state)
{
	(void)state;
	assert_true(gpuadv_signature_is_key_text(TEST_KEY_B64));
	assert_true(gpuadv_signature_is_key_text("RW")); /* a key, if a bad one */
	assert_true(gpuadv_signature_is_key_text("RWfoo/bar"));
	assert_false(gpuadv_signature_is_key_text("./RWfoo/bar"));
	assert_false(gpuadv_signature_is_key_text("/etc/gpu-advisor/catalog.pub"));
	assert_false(gpuadv_signature_is_key_text("catalog.pub"));
	assert_false(gpuadv_signature_is_key_text("RWkey.pub"));
	assert_false(gpuadv_signature_is_key_text(""));
	assert_false(gpuadv_signature_is_key_text(NULL));
}

/* ---- `pubkey:` in the configuration file -------------------------------- */

struct config_case {
	const char *what;
	const char *yaml;
	unsigned long line, column; /* of the error */
	const char *msg;            /* NULL: accepted, pubkey as written */
	const char *pubkey;
};

static const struct config_case config_cases[] = {
	{ "a key", "pubkey: " TEST_KEY_B64 "\n", 0, 0, NULL, TEST_KEY_B64 },
	{ "a quoted key", "pubkey: \"" TEST_KEY_B64 "\"\n", 0, 0, NULL, TEST_KEY_B64 },
	{ "an absolute path", "pubkey: /etc/gpu-advisor/catalog.pub\n", 0, 0, NULL,
	  "/etc/gpu-advisor/catalog.pub" },
	{ "a key too short", "currency: USD\npubkey: RWTUhgowcY0XN3k7\n", 2, 9,
	  "'pubkey' is not a minisign public key: it is 12 bytes, expected 42", NULL },
	{ "a key not base64", "pubkey: RWTUhgowcY0XN3k7+fGI+Gb7PKMRRGnEaApwrRWs09ZOKDJzYKSZI4L\n", 1, 9,
	  "'pubkey' is not a minisign public key: it is not valid base64", NULL },
	{ "a relative path", "pubkey: keys/catalog.pub\n", 1, 9,
	  "'pubkey' must be a minisign public key ('RW...') or the absolute path of a .pub file, got 'keys/catalog.pub'",
	  NULL },
	{ "a number", "pubkey: 42\n", 1, 9, "'pubkey' must be a minisign public key", NULL },
	{ NULL, NULL, 0, 0, NULL, NULL }
};

static void test_config(void **state)
{
	const struct config_case *c;
	int bad = 0;

	(void)state;
	for (c = config_cases; c->what; c++) {
		struct gpuadv_config cfg;
		struct gpuadv_error err;
		char formatted[1024];
		int rc = gpuadv_config_load(&cfg, c->yaml, strlen(c->yaml), "config.yaml", &err);

		gpuadv_error_format(formatted, sizeof(formatted), &err);
		if (!c->msg) {
			if (rc != 0) {
				print_error("%s: failed: %s\n", c->what, formatted);
				bad++;
			} else if (!cfg.pubkey || strcmp(cfg.pubkey, c->pubkey) != 0) {
				print_error("%s: pubkey '%s'\n", c->what,
					    cfg.pubkey ? cfg.pubkey : "(unset)");
				bad++;
			}
		} else if (rc != GPUADV_EDATA || err.line != c->line ||
			   err.column != c->column || !strstr(err.message, c->msg)) {
			print_error("%s: rc %d: '%s', want %lu:%lu '%s'\n", c->what, rc,
				    formatted, c->line, c->column, c->msg);
			bad++;
		}
		gpuadv_config_release(&cfg);
	}
	assert_int_equal(bad, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_verify_cases),
		cmocka_unit_test(test_good_details),
		cmocka_unit_test(test_key_id_hex),
		cmocka_unit_test(test_bad_sigs),
		cmocka_unit_test(test_trailing_blank_lines),
		cmocka_unit_test(test_sig_too_big),
		cmocka_unit_test(test_keys),
		cmocka_unit_test(test_is_key_text),
		cmocka_unit_test(test_config),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
