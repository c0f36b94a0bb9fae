/*
 * fuzz_signature.c - libFuzzer harness for minisign signatures: the input
 * is a .minisig file, optionally followed by "\n--\n" and the data it is
 * checked against (else the data is empty). It is parsed; if it parses, it
 * is verified against the data with the test key of tests/fixtures/sig
 * (so a corpus made from those files reaches the verifier's every branch).
 * The whole input is also tried as a public key.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "gpu_advisor/signature.h"

#define TEST_KEY_B64 "RWTUhgowcY0XN3k7+fGI+Gb7PKMRRGnEaApwrRWs09ZOKDJzYKSZI4L4"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char sep[] = "\n--\n";
	const char *text = (const char *)data, *body = "";
	struct gpuadv_signature sig;
	struct gpuadv_pubkey key, any;
	struct gpuadv_error err;
	size_t sig_len = size, body_len = 0, i;

	for (i = 0; i + sizeof(sep) - 1 <= size; i++)
		if (!memcmp(text + i, sep, sizeof(sep) - 1)) {
			sig_len = i + 1; /* keep the signature's last newline */
			body = text + i + sizeof(sep) - 1;
			body_len = size - i - (sizeof(sep) - 1);
			break;
		}
	gpuadv_signature_parse_key(&any, text, size, "fuzz.pub", &err);
	if (gpuadv_signature_parse_key(&key, TEST_KEY_B64, strlen(TEST_KEY_B64), NULL, &err))
		__builtin_trap(); /* the harness's own key must parse */
	if (gpuadv_signature_parse(&sig, text, sig_len, "fuzz.minisig", &err) == 0)
		gpuadv_signature_verify(&sig, &key, body, body_len, "fuzz", &err);
	return 0;
}
