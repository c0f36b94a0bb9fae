/*
 * cmd_query.c - `gpu-advisor query [FILE|-]`: answers JSON requests, one
 * JSON document or JSON Lines, with one JSON line per request. A bad request
 * gets an error object and the batch goes on; the exit status is the worst
 * of the batch.
 */
#include <cjson/cJSON.h>
#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "cli.h"
#include "gpu_advisor/request.h"

#define QUERY_MAX_INPUT (256u * 1024u * 1024u)
#define QUERY_MAX_REQUESTS 1000000u

static const struct cli_opt opts[] = {
	CLI_OPT_END
};

static const char *const examples[] = {
	"echo '{\"command\": \"recommend\", \"workload\": \"cnn\", \"budget_usd\": 1500}' | gpu-advisor query",
	"gpu-advisor query requests.jsonl > answers.jsonl",
	"gpu-advisor query - < request.json",
	NULL
};

/*
 * While a batch runs, cJSON allocates from an arena that is emptied after
 * each answer: a request's JSON trees are thousands of small objects, and
 * malloc and free would otherwise cost more than the answer itself.
 */
static struct gpuadv_arena *json_arena;

static void *arena_malloc(size_t size)
{
	return gpuadv__arena_alloc(json_arena, size);
}

static void arena_free(void *p)
{
	(void)p; /* released with the arena */
}

/* Severity of a request's outcome, as an exit code: the batch exits with
 * the largest. */
static int outcome(int rc)
{
	return rc == 0 ? 0 : cli_exit_code(rc);
}

static int emit(FILE *out, cJSON *resp, char *buf, size_t size,
		struct gpuadv_error *err)
{
	char *heap = NULL;
	const char *text = buf;
	int rc = 0;

	if (!resp)
		return gpuadv_error_set(err, GPUADV_ENOMEM, "out of memory");
	/* Most answers fit the reused buffer; big ones get their own. */
	if (!cJSON_PrintPreallocated(resp, buf, (int)size, 0)) {
		heap = cJSON_PrintUnformatted(resp);
		if (!heap) {
			cJSON_Delete(resp);
			return gpuadv_error_set(err, GPUADV_ENOMEM, "out of memory");
		}
		text = heap;
	}
	if (fputs(text, out) == EOF || fputc('\n', out) == EOF)
		rc = gpuadv_error_set(err, GPUADV_EIO, "cannot write to standard output");
	cJSON_free(heap);
	cJSON_Delete(resp);
	return rc;
}

/* Answer one request; returns its exit code, or -1 with err set when the
 * batch must stop (no memory, a failed write). */
static int answer(struct cli_ctx *ctx, const char *text, size_t len, char *buf,
		  size_t size, struct gpuadv_error *err)
{
	struct gpuadv_request req;
	struct gpuadv_error rerr;
	cJSON *resp = NULL;
	int rc, code;

	gpuadv_error_clear(&rerr);
	rc = gpuadv_request_parse(&req, &ctx->catalog, text, len, &rerr);
	if (rc == 0)
		rc = gpuadv_render_answer(&resp, &ctx->catalog, &req, &rerr);
	if (rc == GPUADV_ENOMEM) {
		gpuadv_request_release(&req);
		*err = rerr;
		return -1;
	}
	if (rc && rc != GPUADV_ENOTFOUND)
		resp = gpuadv_render_answer_error(req.id, &rerr);
	code = outcome(rc);
	gpuadv_request_release(&req);
	rc = emit(ctx->out, resp, buf, size, err);
	gpuadv__arena_reset(json_arena);
	return rc ? -1 : code;
}

static bool blank(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r' && s[i] != '\n')
			return false;
	return true;
}

static int run(struct cli_ctx *ctx, const struct cli_args *args,
	       struct gpuadv_error *err)
{
	const char *path = args->npos ? args->pos[0] : "-";
	char *data = NULL, *line, *end, *buf = NULL;
	const char *parse_end = NULL;
	size_t len, count = 0, bufsize = 1u << 20;
	cJSON *whole;
	bool single;
	cJSON_Hooks hooks = { arena_malloc, arena_free };
	int rc, worst = 0, code;

	if ((rc = cli_read_file(&data, &len, path, QUERY_MAX_INPUT, err)))
		return rc;
	buf = malloc(bufsize);
	json_arena = gpuadv__arena_new();
	if (!buf || !json_arena) {
		rc = gpuadv_error_set(err, GPUADV_ENOMEM, "out of memory");
		goto done;
	}
	cJSON_InitHooks(&hooks);
	/* One document, perhaps spread over lines: answer it whole. */
	whole = cJSON_ParseWithLengthOpts(data, len, &parse_end, 0);
	single = whole && parse_end && blank(parse_end, len - (size_t)(parse_end - data));
	cJSON_Delete(whole);
	if (single) {
		code = answer(ctx, data, len, buf, bufsize, err);
		rc = code < 0 ? err->code : code ? GPUADV_EDATA : 0;
		worst = code;
		goto done;
	}
	for (line = data; line < data + len; line = end + 1) {
		end = memchr(line, '\n', (size_t)(data + len - line));
		if (!end)
			end = data + len;
		if (blank(line, (size_t)(end - line)))
			continue;
		if (++count > QUERY_MAX_REQUESTS) {
			rc = gpuadv_error_set(err, GPUADV_EDATA,
					      "'%s': more than %u requests in one batch",
					      path, QUERY_MAX_REQUESTS);
			goto done;
		}
		code = answer(ctx, line, (size_t)(end - line), buf, bufsize, err);
		if (code < 0) {
			rc = err->code;
			goto done;
		}
		if (code > worst)
			worst = code;
	}
	rc = 0;
done:
	cJSON_InitHooks(NULL);
	gpuadv__arena_free(json_arena);
	json_arena = NULL;
	free(buf);
	free(data);
	if (rc)
		return rc;
	/* The batch ran: exit with its worst outcome, quietly (each answer
	 * already says what went wrong). */
	ctx->exit_code = worst;
	return 0;
}

const struct cli_command cmd_query = {
	.name = "query",
	.summary = "answer JSON requests (JSON Lines in, JSON Lines out) for scripts and CI",
	.usage = "query [FILE|-]",
	.description = "Read one JSON request, or JSON Lines (one request per line), from FILE or\n"
		       "standard input, and write one JSON line per request. A request names its\n"
		       "command and the same parameters as the flags, e.g.\n"
		       "  {\"id\": \"ci-1\", \"command\": \"recommend\", \"workload\": \"cnn\",\n"
		       "   \"budget_usd\": 1500, \"min_memory_gb\": 16, \"top\": 3}\n"
		       "  {\"command\": \"compare\", \"gpus\": [\"rtx3090\", \"a100\"]}\n"
		       "  {\"command\": \"show\", \"gpu\": \"rtx3090\"}\n"
		       "  {\"command\": \"list\", \"architecture\": \"ampere\"}\n"
		       "A bad request gets {\"id\", \"error\": {\"code\", \"message\", \"field\"}} and\n"
		       "the batch goes on. Exit status: the worst of the batch (0 all answered,\n"
		       "1 a recommend matched nothing, 65 a bad request). See docs/ci.md.",
	.opts = opts,
	.examples = examples,
	.min_pos = 0,
	.max_pos = 1,
	.needs_catalog = true,
	.run = run,
};
