/*
 * test_alloc.c - allocation-failure tests: for the catalogue loader, the
 * engine, the JSON output and JSON requests, make the Nth allocation fail
 * for every N up to the number the operation makes, and check that each
 * failure is a clean GPUADV_ENOMEM (or an equally clean error), with nothing
 * leaked and nothing half-built.
 *
 * malloc, calloc, realloc and free are interposed here (glibc's __libc_*
 * do the work), so libyaml's and cJSON's allocations fail too. This cannot
 * run under AddressSanitizer or valgrind, which interpose them themselves:
 * the build leaves it out of sanitizer builds and the valgrind run skips it.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <cjson/cJSON.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gpu_advisor/catalog.h"
#include "gpu_advisor/engine.h"
#include "gpu_advisor/render.h"
#include "gpu_advisor/request.h"

extern void *__libc_malloc(size_t);
extern void *__libc_calloc(size_t, size_t);
extern void *__libc_realloc(void *, size_t);
extern void __libc_free(void *);

static long fail_at;   /* the allocation that fails (1-based); 0: none */
static long allocs;    /* allocations counted since the last reset */
static long live;      /* blocks allocated and not yet freed */

static int should_fail(void)
{
	return ++allocs == fail_at;
}

void *malloc(size_t n)
{
	void *p;

	if (should_fail())
		return NULL;
	p = __libc_malloc(n);
	if (p)
		live++;
	return p;
}

void *calloc(size_t n, size_t size)
{
	void *p;

	if (should_fail())
		return NULL;
	p = __libc_calloc(n, size);
	if (p)
		live++;
	return p;
}

void *realloc(void *old, size_t n)
{
	void *p;

	if (!old)
		return malloc(n);
	if (n == 0) {
		live--;
		return __libc_realloc(old, 0);
	}
	if (should_fail())
		return NULL;
	p = __libc_realloc(old, n);
	return p;
}

void free(void *p)
{
	if (p)
		live--;
	__libc_free(p);
}

static char *read_fixture(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf;
	long n;

	assert_non_null(f);
	assert_int_equal(fseek(f, 0, SEEK_END), 0);
	n = ftell(f);
	assert_true(n > 0);
	rewind(f);
	buf = __libc_malloc((size_t)n + 1);
	assert_non_null(buf);
	assert_int_equal(fread(buf, 1, (size_t)n, f), (size_t)n);
	fclose(f);
	*len = (size_t)n;
	return buf;
}

/*
 * Run op with the 1st, 2nd, ... allocation failing until it succeeds with
 * no failure injected. Each failing run must return GPUADV_ENOMEM (or, for
 * operations that map it, another error) and leave no block allocated.
 */
typedef int (*op_fn)(void *state);

/* Success despite a failed allocation is accepted only where a library
 * swallows the failure itself (libsmartcols's printer does). */
static bool may_succeed;

static void each_failure_every(op_fn op, void *state, const char *what, long step)
{
	long n, before;
	int rc;

	for (n = 1;; n += n < 500 ? 1 : step) {
		before = live;
		allocs = 0;
		fail_at = n;
		rc = op(state);
		fail_at = 0;
		if (allocs < n) { /* the failure was never reached: done */
			assert_int_equal(rc, 0);
			break;
		}
		if (rc == 0 && !may_succeed) {
			print_error("%s: allocation %ld failed but the call succeeded\n",
				    what, n);
			fail();
		}
		if (live != before) {
			print_error("%s: allocation %ld failed: %ld blocks leaked\n",
				    what, n, live - before);
			fail();
		}
	}
	assert_true(n > 1); /* it allocates at all: the loop tested something */
}

static void each_failure(op_fn op, void *state, const char *what)
{
	each_failure_every(op, state, what, 1);
}

struct load_state {
	const char *data;
	size_t len;
};

static int op_load(void *p)
{
	struct load_state *s = p;
	struct gpuadv_catalog cat;
	struct gpuadv_error err;
	int rc = gpuadv_catalog_load(&cat, s->data, s->len, "alloc.yaml", &err);

	if (rc == 0) {
		gpuadv_catalog_release(&cat);
		return 0;
	}
	/* Nothing half-loaded. */
	if (cat.gpus || cat.arena || cat.gpu_count)
		return -100;
	return rc == GPUADV_ENOMEM ? rc : -101;
}

static void test_loader(void **state)
{
	struct load_state s;
	char *data;

	(void)state;
	data = read_fixture(GPUADV_FIXTURES "/good-full.yaml", &s.len);
	s.data = data;
	each_failure(op_load, &s, "catalogue loader (good-full.yaml)");
	__libc_free(data);
}

static void test_loader_shipped(void **state)
{
	struct load_state s;
	char *data;

	(void)state;
	data = read_fixture(GPUADV_CATALOG_PATH, &s.len);
	s.data = data;
	/* Tens of thousands of allocations: every one of the first 500, then
	 * every 37th, keeps this to seconds. */
	each_failure_every(op_load, &s, "catalogue loader (shipped catalogue)", 37);
	__libc_free(data);
}

struct engine_state {
	struct gpuadv_catalog cat;
	struct gpuadv_query q;
};

static int op_recommend(void *p)
{
	struct engine_state *s = p;
	struct gpuadv_recommendation rec;
	struct gpuadv_error err;
	int rc = gpuadv_engine_recommend(&rec, &s->cat, &s->q, &err);

	if (rc == 0) {
		gpuadv_recommendation_release(&rec);
		return 0;
	}
	return rc == GPUADV_ENOMEM ? rc : -102;
}

static int op_compare(void *p)
{
	struct engine_state *s = p;
	struct gpuadv_comparison c;
	struct gpuadv_error err;
	struct gpuadv_query q;
	int rc;

	gpuadv_query_init(&q, GPUADV_CMD_COMPARE);
	q.gpus[0] = &s->cat.gpus[0];
	q.gpus[1] = &s->cat.gpus[1];
	q.gpus[2] = &s->cat.gpus[2];
	q.gpu_count = 3;
	rc = gpuadv_engine_compare(&c, &s->cat, &q, &err);

	if (rc == 0) {
		gpuadv_comparison_release(&c);
		return 0;
	}
	return rc == GPUADV_ENOMEM ? rc : -103;
}

/* The JSON answer is built and printed with every allocation failing in
 * turn; the recommendation itself is made once, outside the loop. */
struct json_state {
	struct engine_state *e;
	struct gpuadv_recommendation rec;
};

static int op_json(void *p)
{
	struct json_state *s = p;
	cJSON *doc = gpuadv_json_recommendation(&s->e->cat, &s->rec);
	char *text;

	if (!doc)
		return GPUADV_ENOMEM;
	text = cJSON_PrintUnformatted(doc);
	cJSON_Delete(doc);
	if (!text)
		return GPUADV_ENOMEM;
	cJSON_free(text);
	return 0;
}

/* Text output through libsmartcols, to /dev/null opened outside the loop. */
struct text_state {
	struct json_state js;
	FILE *out;
};

static int op_text(void *p)
{
	struct text_state *s = p;
	struct gpuadv_render_opts ro = { .format = GPUADV_FORMAT_TEXT };
	struct gpuadv_error err;
	int rc = gpuadv_render_recommendation(s->out, &s->js.e->cat, &s->js.rec, &ro,
					      GPUADV_RENDER_REASONS | GPUADV_RENDER_EXCLUDED,
					      &err);

	return rc == 0 || rc == GPUADV_ENOMEM ? rc : -104;
}

static int op_request(void *p)
{
	struct engine_state *s = p;
	static const char line[] =
		"{\"id\": \"a-1\", \"command\": \"recommend\", \"workload\": \"cnn\", "
		"\"budget_usd\": 5000, \"prices\": {\"rtx-3090\": 700}, \"top\": 2}";
	struct gpuadv_request req;
	struct gpuadv_error err;
	cJSON *resp = NULL;
	int rc = gpuadv_request_parse(&req, &s->cat, line, sizeof(line) - 1, &err);

	if (rc == 0)
		rc = gpuadv_render_answer(&resp, &s->cat, &req, &err);
	cJSON_Delete(resp);
	gpuadv_request_release(&req);
	return rc;
}

static int setup_engine(void **state)
{
	struct engine_state *s = __libc_calloc(1, sizeof(*s));
	struct gpuadv_error err;
	size_t len;
	char *data = read_fixture(GPUADV_CATALOG_PATH, &len);

	if (!s || gpuadv_catalog_load(&s->cat, data, len, "catalog.yaml", &err))
		return -1;
	__libc_free(data);
	gpuadv_query_init(&s->q, GPUADV_CMD_RECOMMEND);
	s->q.workload = gpuadv_catalog_find_workload(&s->cat, "cnn");
	s->q.budget_usd = 2500;
	if (!s->q.workload || gpuadv_query_validate(&s->q, GPUADV_NAMING_FLAG, &err))
		return -1;
	*state = s;
	return 0;
}

static int teardown_engine(void **state)
{
	struct engine_state *s = *state;

	gpuadv_catalog_release(&s->cat);
	__libc_free(s);
	return 0;
}

static void test_recommend(void **state)
{
	each_failure(op_recommend, *state, "engine recommend");
}

static void test_compare(void **state)
{
	each_failure(op_compare, *state, "engine compare");
}

static void test_json(void **state)
{
	struct json_state js = { .e = *state };
	struct gpuadv_error err;

	assert_int_equal(gpuadv_engine_recommend(&js.rec, &js.e->cat, &js.e->q, &err), 0);
	each_failure(op_json, &js, "JSON output");
	gpuadv_recommendation_release(&js.rec);
}

static void test_text(void **state)
{
	struct text_state ts = { .js.e = *state };
	struct gpuadv_error err;

	static char buf[1 << 16];

	ts.out = fopen("/dev/null", "w");
	assert_non_null(ts.out);
	/* Our buffer, so that stdio's own (which it quietly does without when
	 * malloc fails) is not among the allocations counted. */
	assert_int_equal(setvbuf(ts.out, buf, _IOFBF, sizeof(buf)), 0);
	assert_int_equal(gpuadv_engine_recommend(&ts.js.rec, &ts.js.e->cat, &ts.js.e->q,
						 &err), 0);
	may_succeed = true;
	each_failure(op_text, &ts, "text output");
	may_succeed = false;
	gpuadv_recommendation_release(&ts.js.rec);
	fclose(ts.out);
}

static void test_request(void **state)
{
	each_failure(op_request, *state, "JSON request");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_loader),
		cmocka_unit_test(test_loader_shipped),
		cmocka_unit_test(test_recommend),
		cmocka_unit_test(test_compare),
		cmocka_unit_test(test_json),
		cmocka_unit_test(test_text),
		cmocka_unit_test(test_request),
	};

	return cmocka_run_group_tests(tests, setup_engine, teardown_engine);
}
