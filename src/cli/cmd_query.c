/*
 * cmd_query.c - `gpu-advisor query [FILE|-]`: answers JSON requests, one
 * JSON document or JSON Lines, with one JSON line per request. A bad request
 * gets an error object and the batch goes on; the exit status is the worst
 * of the batch.
 */
#include <cjson/cJSON.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli.h"
#include "gpu_advisor/request.h"

#define QUERY_MAX_REQUESTS 1000000u
/* A request is at most GPUADV_REQUEST_MAX_BYTES; the input is read through
 * a window twice that size, so memory stays bounded whatever the input: a
 * longer line is answered too_large while it is skipped, never stored
 * beyond its first HEAD bytes, which the answer reads its id from: the
 * same answer wherever the line falls in the window. */
#define HEAD (GPUADV_REQUEST_MAX_BYTES + 1u)
#define WINDOW (2u * GPUADV_REQUEST_MAX_BYTES)

static const struct cli_opt opts[] = {
	CLI_OPT_END
};

static const char *const examples[] = {
	"echo '{\"command\": \"recommend\", \"workload\": \"cnn\", \"budget_usd\": 1500}' | gpu-advisor query",
	"gpu-advisor query requests.jsonl > answers.jsonl",
	"gpu-advisor query - < request.json",
	NULL
};

/* The input, read a window at a time. */
struct reader {
	FILE *f;
	const char *path;
	char *buf;          /* WINDOW bytes */
	char *head;         /* HEAD bytes: the start of a line too long to keep */
	size_t start, end;  /* unread bytes: buf[start..end) */
	bool eof;
};

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

/* An error answer that no request text stands behind (a limit). */
static int answer_error(struct cli_ctx *ctx, const char *kind, char *buf,
			size_t size, struct gpuadv_error *err, const char *fmt,
			unsigned long limit)
{
	struct gpuadv_error e;

	gpuadv_error_clear(&e);
	/* fmt is always a literal of this file taking one unsigned long. */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
	gpuadv_error_set(&e, GPUADV_EDATA, fmt, limit);
#pragma GCC diagnostic pop
	e.kind = kind;
	if (emit(ctx->out, gpuadv_render_answer_error(NULL, &e), buf, size, err))
		return -1;
	return outcome(GPUADV_EDATA);
}

/* Answer one request, from input line lineno (0: a whole document);
 * returns its exit code, or -1 with err set when the batch must stop (no
 * memory, a failed write). A bad request's answer names its line, since
 * blank lines have none and an id may be what is wrong. */
static int answer(struct cli_ctx *ctx, const char *text, size_t len, unsigned long lineno,
		  char *buf, size_t size, struct gpuadv_error *err)
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
	if (rc && rc != GPUADV_ENOTFOUND) {
		if (!rerr.line)
			rerr.line = lineno;
		resp = gpuadv_render_answer_error(req.id, &rerr);
	}
	code = outcome(rc);
	/* The id as written, not as a double would print it. */
	if (resp && gpuadv_request_echo_id(resp, &req, text)) {
		cJSON_Delete(resp);
		resp = NULL;
	}
	gpuadv_request_release(&req);
	rc = emit(ctx->out, resp, buf, size, err);
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

/*
 * Whether n bytes at s are one line (and blank lines after it). Such input
 * is answered the same read either way, so it needs no test for one
 * document: as JSON Lines its line is the document less white space at the
 * end. More lines need the test, and it must stay cJSON's: which way they
 * are read decides what an error's byte position counts from.
 */
static bool one_line(const char *s, size_t n)
{
	const char *nl = memchr(s, '\n', n);

	return !nl || blank(nl, n - (size_t)(nl - s));
}

/* Read more into the window after what is unread. */
static int fill(struct reader *r, struct gpuadv_error *err)
{
	size_t got;

	if (r->start > 0) {
		memmove(r->buf, r->buf + r->start, r->end - r->start);
		r->end -= r->start;
		r->start = 0;
	}
	got = fread(r->buf + r->end, 1, WINDOW - r->end, r->f);
	r->end += got;
	if (got == 0) {
		if (ferror(r->f))
			return gpuadv_error_set(err, GPUADV_EIO, "cannot read '%s': %s",
						r->path, strerror(errno));
		r->eof = true;
	}
	return 0;
}

/*
 * The next line: *line, *len (without its '\n'); *too_long when it was
 * longer than a request may be: then *line is only its first HEAD bytes
 * (enough for the request reader to refuse it and find its id) and the
 * rest has been skipped, not stored. Returns 1 for a line, 0 at the end,
 * or an error.
 */
static int next_line(struct reader *r, const char **line, size_t *len,
		     bool *too_long, struct gpuadv_error *err)
{
	char *nl;
	int rc;

	*too_long = false;
	for (;;) {
		nl = memchr(r->buf + r->start, '\n', r->end - r->start);
		if (nl && !*too_long) {
			*line = r->buf + r->start;
			*len = (size_t)(nl - *line);
			r->start += *len + 1;
			goto cut;
		}
		if (nl) { /* the end of a skipped line */
			r->start = (size_t)(nl - r->buf) + 1;
			goto head;
		}
		if (!*too_long && r->end - r->start > GPUADV_REQUEST_MAX_BYTES) {
			*too_long = true;
			memcpy(r->head, r->buf + r->start, HEAD);
		}
		if (*too_long)
			r->start = r->end = 0; /* drop it as it goes by */
		if (r->eof) {
			if (*too_long)
				goto head;
			if (r->start == r->end)
				return 0;
			*line = r->buf + r->start;
			*len = r->end - r->start;
			r->start = r->end;
			goto cut;
		}
		if ((rc = fill(r, err)))
			return rc;
	}
cut: /* a whole line in the window may still be too long */
	if (*len > GPUADV_REQUEST_MAX_BYTES) {
		*too_long = true;
		*len = HEAD;
	}
	return 1;
head:
	*line = r->head;
	*len = HEAD;
	return 1;
}

static int run(struct cli_ctx *ctx, const struct cli_args *args,
	       struct gpuadv_error *err)
{
	const char *path = args->npos ? args->pos[0] : "-";
	struct reader r = { .path = path };
	const char *line = NULL;
	char *buf = NULL;
	const char *parse_end = NULL;
	size_t len = 0, count = 0, bufsize = 1u << 20;
	unsigned long lineno = 0;
	cJSON *whole;
	struct stat st;
	bool too_long;
	int rc, worst = 0, code;

	r.f = strcmp(path, "-") ? fopen(path, "rb") : stdin;
	if (!r.f)
		return gpuadv_error_set(err, GPUADV_ENOINPUT, "cannot open '%s': %s", path,
					strerror(errno));
	if (fstat(fileno(r.f), &st) == 0 && S_ISDIR(st.st_mode)) {
		rc = gpuadv_error_set(err, GPUADV_ENOINPUT, "cannot open '%s': it is a directory",
				      path);
		goto done;
	}
	buf = malloc(bufsize);
	r.buf = malloc(WINDOW);
	r.head = malloc(HEAD);
	if (!buf || !r.buf || !r.head) {
		rc = gpuadv_error_set(err, GPUADV_ENOMEM, "out of memory");
		goto done;
	}
	/* Input that fits one request may be one document spread over lines:
	 * answer it whole. Anything longer cannot be one valid request, so it
	 * is read as JSON Lines, a window at a time. */
	while (!r.eof && r.end <= GPUADV_REQUEST_MAX_BYTES)
		if ((rc = fill(&r, err)))
			goto done;
	if (r.eof && r.end > 0 && !one_line(r.buf, r.end)) {
		whole = cJSON_ParseWithLengthOpts(r.buf, r.end, &parse_end, 0);
		if (whole && parse_end &&
		    blank(parse_end, r.end - (size_t)(parse_end - r.buf))) {
			cJSON_Delete(whole);
			code = answer(ctx, r.buf, r.end, 0, buf, bufsize, err);
			rc = code < 0 ? err->code : 0;
			/* A single request reports its own outcome. */
			worst = code < 0 ? 0 : code;
			goto done;
		}
		cJSON_Delete(whole);
	}
	while ((rc = next_line(&r, &line, &len, &too_long, err)) == 1) {
		lineno++;
		if (!too_long && blank(line, len))
			continue;
		if (++count > QUERY_MAX_REQUESTS) {
			/* The limit answers too, then the batch stops. */
			if (answer_error(ctx, "too_many_requests", buf, bufsize, err,
					 "more than %lu requests in one batch",
					 QUERY_MAX_REQUESTS) < 0) {
				rc = err->code;
				goto done;
			}
			rc = gpuadv_error_set(err, GPUADV_EDATA,
					      "'%s': more than %u requests in one batch",
					      path, QUERY_MAX_REQUESTS);
			goto done;
		}
		/* A line too long is refused by the request reader like any
		 * other, from its first HEAD bytes: too_large, with its id
		 * where the id comes in those bytes. */
		code = answer(ctx, line, len, lineno, buf, bufsize, err);
		if (code < 0) {
			rc = err->code;
			goto done;
		}
		if (code > worst)
			worst = code;
	}
done:
	free(r.buf);
	free(r.head);
	free(buf);
	if (r.f && r.f != stdin)
		fclose(r.f);
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
		       "1 a recommend matched nothing, 65 a bad request). A line longer than a\n"
		       "request may be is answered too_large without being read into memory; a\n"
		       "batch stops after 1,000,000 requests with a too_many_requests answer.\n"
		       "See docs/ci.md.",
	.opts = opts,
	.examples = examples,
	.min_pos = 0,
	.max_pos = 1,
	.positional = CLI_POS_FILE,
	.needs_catalog = true,
	.run = run,
};
