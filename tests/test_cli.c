/*
 * test_cli.c - end-to-end tests of the built gpu-advisor binary
 * (GPUADV_BINARY): each row runs it with fork/execve in a controlled
 * environment (PATH, NO_COLOR=1, sanitizer options passed through, and
 * GPU_ADVISOR_CATALOG only where the row sets it), stdin from a file or
 * /dev/null, stdout and stderr captured in temporary files (or stdout sent
 * to /dev/full), and checks the exit code, text expected on stdout and
 * stderr, and optionally stdout's JSON.
 *
 * Every run also checks the error contract: exit 0 leaves stderr empty; any
 * other exit writes exactly one line to stderr, starting "gpu-advisor: ",
 * and nothing to stdout.
 *
 * Rows marked EMBEDDED use the built-in catalogue (data/catalog.yaml);
 * the others use tests/fixtures so they do not depend on it. Rows marked
 * "BUG" document a defect outside the tests and fail until it is fixed.
 *
 * Each row runs as its own cmocka test, named after the row.
 */
#include <cjson/cJSON.h>
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>

#define FX GPUADV_FIXTURES "/"
#define GOOD FX "good-full.yaml"

extern char **environ;

struct cli_case {
	const char *name;
	const char *argv[12]; /* after the program name, NULL-terminated */
	const char *env[3];   /* extra NAME=value entries, NULL-terminated */
	const char *in;       /* file for stdin; NULL: /dev/null */
	const char *out;      /* file stdout goes to; NULL: captured */
	int exit_code;
	const char *out_has;  /* substring of stdout, or NULL */
	const char *err_has;  /* substring of stderr, or NULL */
	void (*check)(const char *out); /* more checks of stdout, or NULL */
	bool usage_on_stderr; /* stderr is the usage text, not one line */
};

/* ---- checks of stdout ----------------------------------------------------- */

static cJSON *json_doc(const char *out)
{
	cJSON *doc = cJSON_Parse(out);
	const cJSON *v;

	if (!doc)
		fail_msg("stdout is not JSON: %.300s", out);
	v = cJSON_GetObjectItemCaseSensitive(doc, "schema_version");
	assert_true(cJSON_IsNumber(v) && v->valuedouble == 1);
	assert_true(cJSON_IsObject(cJSON_GetObjectItemCaseSensitive(doc, "catalog")));
	return doc;
}

static const cJSON *json_gpus(const cJSON *doc)
{
	const cJSON *gpus = cJSON_GetObjectItemCaseSensitive(doc, "gpus");

	assert_true(cJSON_IsArray(gpus));
	return gpus;
}

static const char *str_of(const cJSON *o, const char *key)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);

	if (!cJSON_IsString(v))
		fail_msg("'%s' is not a string", key);
	return v->valuestring;
}

/* The ids of the list, comma-separated, into buf. */
static const char *ids_of(const cJSON *gpus, char *buf, size_t size)
{
	const cJSON *g;
	size_t used = 0;

	buf[0] = '\0';
	cJSON_ArrayForEach(g, gpus)
		used += (size_t)snprintf(buf + used, used < size ? size - used : 0,
					 "%s%s", used ? "," : "", str_of(g, "id"));
	return buf;
}

static void expect_ids(const char *out, const char *want)
{
	char buf[1024];
	cJSON *doc = json_doc(out);

	ids_of(json_gpus(doc), buf, sizeof(buf));
	if (strcmp(buf, want) != 0)
		fail_msg("GPUs '%s', want '%s'", buf, want);
	cJSON_Delete(doc);
}

static void check_at_least_40(const char *out)
{
	cJSON *doc = json_doc(out);
	int n = cJSON_GetArraySize(json_gpus(doc));

	if (n < 40)
		fail_msg("%d GPUs in the built-in catalogue, want at least 40", n);
	cJSON_Delete(doc);
}

static void check_show_3090(const char *out)
{
	cJSON *doc = json_doc(out);
	const cJSON *g = cJSON_GetObjectItemCaseSensitive(doc, "gpu");
	const cJSON *mem = cJSON_GetObjectItemCaseSensitive(g, "memory_gb");

	assert_string_equal(str_of(g, "id"), "rtx-3090");
	assert_true(cJSON_IsNumber(mem) && mem->valuedouble == 24);
	cJSON_Delete(doc);
}

static void check_all_ampere(const char *out)
{
	cJSON *doc = json_doc(out);
	const cJSON *gpus = json_gpus(doc), *g;

	assert_true(cJSON_GetArraySize(gpus) > 0);
	cJSON_ArrayForEach(g, gpus)
		if (strcmp(str_of(g, "architecture"), "ampere") != 0)
			fail_msg("%s is %s, not ampere", str_of(g, "id"),
				 str_of(g, "architecture"));
	cJSON_Delete(doc);
}

/* Every GPU has a known price of at most 1000. */
static void check_priced_1000(const char *out)
{
	cJSON *doc = json_doc(out);
	const cJSON *gpus = json_gpus(doc), *g;

	assert_true(cJSON_GetArraySize(gpus) > 0);
	cJSON_ArrayForEach(g, gpus) {
		const cJSON *p = cJSON_GetObjectItemCaseSensitive(g, "price_usd");

		if (!cJSON_IsNumber(p) || p->valuedouble > 1000)
			fail_msg("%s: price %s", str_of(g, "id"),
				 cJSON_IsNumber(p) ? "over 1000" : "unknown");
	}
	cJSON_Delete(doc);
}

static void check_fixture_ampere(const char *out)
{
	expect_ids(out, "rtx-3090,rtx-3090-ti");
}
static void check_fixture_1000(const char *out)
{
	check_priced_1000(out);
	expect_ids(out, "rtx-3090"); /* 3090 Ti over budget, V100 unpriced */
}
static void check_fixture_by_price(const char *out)
{
	expect_ids(out, "rtx-3090,rtx-3090-ti,v100-16gb-pcie"); /* unknown last */
}
static void check_fixture_by_fp16(const char *out)
{
	expect_ids(out, "v100-16gb-pcie,rtx-3090,rtx-3090-ti"); /* descending, unknown last */
}
static void check_fixture_datacenter(const char *out)
{
	expect_ids(out, "v100-16gb-pcie");
}
static void check_fixture_min_memory(const char *out)
{
	expect_ids(out, "rtx-3090,rtx-3090-ti");
}
static void check_fixture_all(const char *out)
{
	expect_ids(out, "rtx-3090,rtx-3090-ti,v100-16gb-pcie");
}

/* Text list: a header with ID and NAME, then one line per fixture GPU. */
static void check_fixture_text(const char *out)
{
	const char *p;
	int lines = 0;

	for (p = out; *p; p++)
		lines += *p == '\n';
	assert_int_equal(lines, 4);
	assert_true(strncmp(out, "ID", 2) == 0);
	assert_non_null(strstr(out, "NAME"));
	assert_null(strchr(out, '\033')); /* NO_COLOR */
}

static void check_version(const char *out)
{
	unsigned a, b, c;
	char nl;

	if (sscanf(out, "gpu-advisor %u.%u.%u%c", &a, &b, &c, &nl) != 4 || nl != '\n')
		fail_msg("version line '%s'", out);
	assert_string_equal(strchr(out, '\n'), "\n"); /* one line */
}

/* ---- the table ------------------------------------------------------------ */

static const struct cli_case cases[] = {
	/* help and version */
	{ "version", { "--version" }, { NULL }, NULL, NULL, 0, "gpu-advisor ", NULL, check_version, false },
	{ "version -V", { "-V" }, { NULL }, NULL, NULL, 0, "gpu-advisor ", NULL, check_version, false },
	{ "help", { "--help" }, { NULL }, NULL, NULL, 0, "Commands:", NULL, NULL, false },
	{ "help lists list", { "--help" }, { NULL }, NULL, NULL, 0, "  list ", NULL, NULL, false },
	{ "help list", { "help", "list" }, { NULL }, NULL, NULL, 0, "usage: gpu-advisor list", NULL, NULL, false },
	{ "list --help", { "list", "--help" }, { NULL }, NULL, NULL, 0, "--max-price USD", NULL, NULL, false },
	{ "help bogus", { "help", "bogus" }, { NULL }, NULL, NULL, 64, NULL, "unknown command 'bogus'", NULL, false },
	{ "no command", { NULL }, { NULL }, NULL, NULL, 64, NULL, "usage: gpu-advisor", NULL, true },

	/* EMBEDDED: the built-in catalogue */
	{ "list embedded", { "list" }, { NULL }, NULL, NULL, 0, "rtx-3090 ", NULL, NULL, false },
	{ "list json embedded", { "list", "--format", "json" }, { NULL }, NULL, NULL, 0, "\"gpus\"", NULL, check_at_least_40, false },
	{ "show 3090 embedded", { "show", "3090", "--format", "json" }, { NULL }, NULL, NULL, 0, NULL, NULL, check_show_3090, false },
	{ "show RTX 3090 embedded", { "show", "RTX 3090" }, { NULL }, NULL, NULL, 0, "GeForce RTX 3090", NULL, NULL, false },
	{ "show rtx3900 embedded", { "show", "rtx3900" }, { NULL }, NULL, NULL, 64, NULL, "gpu-advisor: unknown GPU 'rtx3900'; did you mean 'rtx-3090'", NULL, false },
	{ "list --arch ampere embedded", { "list", "--arch", "ampere", "--format", "json" }, { NULL }, NULL, NULL, 0, NULL, NULL, check_all_ampere, false },
	{ "list --max-price embedded", { "list", "--max-price", "1000", "--format", "json" }, { NULL }, NULL, NULL, 0, NULL, NULL, check_priced_1000, false },
	{ "archs embedded", { "archs" }, { NULL }, NULL, NULL, 0, "Volta", NULL, NULL, false },
	{ "archs Blackwell embedded", { "archs" }, { NULL }, NULL, NULL, 0, "Blackwell", NULL, NULL, false },
	{ "catalog info embedded", { "catalog", "info" }, { NULL }, NULL, NULL, 0, "source:          embedded", NULL, NULL, false },
	{ "empty env is embedded", { "catalog", "info" }, { "GPU_ADVISOR_CATALOG=" }, NULL, NULL, 0, "source:          embedded", NULL, NULL, false },

	/* a fixture catalogue */
	{ "list fixture", { "--catalog", GOOD, "list" }, { NULL }, NULL, NULL, 0, "rtx-3090-ti", NULL, check_fixture_text, false },
	{ "list --catalog after", { "list", "--catalog", GOOD, "--format", "json" }, { NULL }, NULL, NULL, 0, NULL, NULL, check_fixture_all, false },
	{ "list --catalog=", { "list", "--catalog=" GOOD, "--format=json" }, { NULL }, NULL, NULL, 0, NULL, NULL, check_fixture_all, false },
	{ "list --arch ampere", { "list", "--catalog", GOOD, "--arch", "ampere", "--format", "json" }, { NULL }, NULL, NULL, 0, NULL, NULL, check_fixture_ampere, false },
	{ "list --arch by name", { "list", "--catalog", GOOD, "-a", "AMPERE", "--format", "json" }, { NULL }, NULL, NULL, 0, NULL, NULL, check_fixture_ampere, false },
	{ "list --max-price", { "list", "--catalog", GOOD, "--max-price", "1000", "--format", "json" }, { NULL }, NULL, NULL, 0, NULL, NULL, check_fixture_1000, false },
	{ "list --sort price", { "list", "--catalog", GOOD, "--sort", "price", "--format", "json" }, { NULL }, NULL, NULL, 0, NULL, NULL, check_fixture_by_price, false },
	{ "list --sort fp16", { "list", "--catalog", GOOD, "--sort", "fp16", "-fjson" }, { NULL }, NULL, NULL, 0, NULL, NULL, check_fixture_by_fp16, false },
	{ "list --segment", { "list", "--catalog", GOOD, "--segment", "datacenter", "--format", "json" }, { NULL }, NULL, NULL, 0, NULL, NULL, check_fixture_datacenter, false },
	{ "list --min-memory", { "list", "--catalog", GOOD, "--min-memory", "20", "--format", "json" }, { NULL }, NULL, NULL, 0, NULL, NULL, check_fixture_min_memory, false },
	{ "show fixture", { "show", "--catalog", GOOD, "3090", "--format", "json" }, { NULL }, NULL, NULL, 0, NULL, NULL, check_show_3090, false },
	{ "show suggestions", { "show", "--catalog", GOOD, "rtx3900" }, { NULL }, NULL, NULL, 64, NULL, "gpu-advisor: unknown GPU 'rtx3900'; did you mean 'rtx-3090' or 'rtx-3090-ti'?\n", NULL, false },
	{ "show nothing close", { "show", "--catalog", GOOD, "zzzzzzzzzz" }, { NULL }, NULL, NULL, 64, NULL, "gpu-advisor: unknown GPU 'zzzzzzzzzz'\n", NULL, false },
	{ "archs fixture", { "archs", "--catalog", GOOD }, { NULL }, NULL, NULL, 0, "Volta", NULL, NULL, false },

	/* GPU_ADVISOR_CATALOG, and --catalog over it */
	{ "env catalogue", { "catalog", "info" }, { "GPU_ADVISOR_CATALOG=" GOOD }, NULL, NULL, 0, "source:          GPU_ADVISOR_CATALOG", NULL, NULL, false },
	{ "env catalogue path", { "catalog", "info" }, { "GPU_ADVISOR_CATALOG=" GOOD }, NULL, NULL, 0, "GPUs:            3\n", NULL, NULL, false },
	{ "env catalogue list", { "list", "--format", "json" }, { "GPU_ADVISOR_CATALOG=" GOOD }, NULL, NULL, 0, NULL, NULL, check_fixture_all, false },
	{ "env bad catalogue", { "list" }, { "GPU_ADVISOR_CATALOG=" FX "bad-date.yaml" }, NULL, NULL, 65, NULL, "bad-date.yaml:3:8: 'as_of' must be a date", NULL, false },
	{ "--catalog beats env", { "catalog", "info", "--catalog", GOOD }, { "GPU_ADVISOR_CATALOG=" FX "bad-date.yaml" }, NULL, NULL, 0, "source:          --catalog", NULL, NULL, false },

	/* bad and missing catalogues */
	{ "bad catalogue 65", { "list", "--catalog", FX "bad-type-word.yaml" }, { NULL }, NULL, NULL, 65, NULL, "bad-type-word.yaml:21:16: 'memory_gb' must be a positive number, got 'lots'", NULL, false },
	{ "bad catalogue prefix", { "list", "--catalog", FX "bad-unknown-key.yaml" }, { NULL }, NULL, NULL, 65, NULL, "gpu-advisor: " FX "bad-unknown-key.yaml:25:5: ", NULL, false },
	{ "missing catalogue 66", { "list", "--catalog", "/nonexistent/catalog.yaml" }, { NULL }, NULL, NULL, 66, NULL, "/nonexistent/catalog.yaml", NULL, false },
	/* BUG (minor): cli_read_file() in src/cli/options.c fopen()s a directory
	 * fine, then fread() fails with EISDIR and the exit is 74 (I/O error);
	 * a path that is not a readable file is "cannot open input", 66.
	 * Fails until fixed. */
	{ "catalogue is a directory", { "list", "--catalog", GPUADV_FIXTURES }, { NULL }, NULL, NULL, 66, NULL, "gpu-advisor: ", NULL, false },

	/* catalog validate */
	{ "validate good", { "catalog", "validate", GOOD }, { NULL }, NULL, NULL, 0, "ok: 3 GPUs, 2 architectures", NULL, NULL, false },
	{ "validate bad", { "catalog", "validate", FX "bad-duplicate-key.yaml" }, { NULL }, NULL, NULL, 65, NULL, "bad-duplicate-key.yaml:22:5: duplicate key 'memory_gb'", NULL, false },
	{ "validate empty", { "catalog", "validate", FX "bad-empty.yaml" }, { NULL }, NULL, NULL, 65, NULL, "bad-empty.yaml: empty document", NULL, false },
	{ "validate missing", { "catalog", "validate", "/nonexistent.yaml" }, { NULL }, NULL, NULL, 66, NULL, "cannot open '/nonexistent.yaml'", NULL, false },
	{ "validate stdin", { "catalog", "validate", "-" }, { NULL }, GOOD, NULL, 0, "-: ok: 3 GPUs", NULL, NULL, false },
	{ "validate stdin bad", { "catalog", "validate", "-" }, { NULL }, FX "bad-hex.yaml", NULL, 65, NULL, "-:21:16: 'memory_gb' must be a positive number, got '0x10'", NULL, false },
	{ "validate no file", { "catalog", "validate" }, { NULL }, NULL, NULL, 64, NULL, "usage: gpu-advisor catalog validate FILE", NULL, false },
	{ "catalog bogus", { "catalog", "bogus" }, { NULL }, NULL, NULL, 64, NULL, "unknown subcommand 'catalog bogus'", NULL, false },

	/* usage errors: 64 */
	{ "unknown command", { "frobnicate" }, { NULL }, NULL, NULL, 64, NULL, "gpu-advisor: unknown command 'frobnicate'", NULL, false },
	/* BUG (minor): src/cli/main.c: a trailing global --catalog with no value
	 * falls through to "unknown option '--catalog'"; the command parser says
	 * "option '--catalog' needs a value (FILE)". Fails until fixed. */
	{ "global --catalog without value", { "--catalog" }, { NULL }, NULL, NULL, 64, NULL, "'--catalog' needs a value", NULL, false },
	{ "unknown global option", { "--frobnicate", "list" }, { NULL }, NULL, NULL, 64, NULL, "unknown option '--frobnicate'", NULL, false },
	{ "unknown option", { "list", "--catalog", GOOD, "--bogus" }, { NULL }, NULL, NULL, 64, NULL, "unknown option '--bogus' for 'list'", NULL, false },
	{ "unknown short option", { "list", "-z" }, { NULL }, NULL, NULL, 64, NULL, "unknown option '-z' for 'list'", NULL, false },
	{ "--format xml", { "list", "--catalog", GOOD, "--format", "xml" }, { NULL }, NULL, NULL, 64, NULL, "option '--format' must be text or json, got 'xml'", NULL, false },
	{ "show --format xml", { "show", "--catalog", GOOD, "3090", "--format", "xml" }, { NULL }, NULL, NULL, 64, NULL, "option '--format' must be text or json", NULL, false },
	{ "--min-memory abc", { "list", "--catalog", GOOD, "--min-memory", "abc" }, { NULL }, NULL, NULL, 64, NULL, "option '--min-memory' must be a number", NULL, false },
	{ "--min-memory 1e400", { "list", "--catalog", GOOD, "--min-memory", "1e400" }, { NULL }, NULL, NULL, 64, NULL, "option '--min-memory'", NULL, false },
	{ "--max-price negative", { "list", "--catalog", GOOD, "--max-price", "-5" }, { NULL }, NULL, NULL, 64, NULL, "option '--max-price'", NULL, false },
	{ "--sort bogus", { "list", "--catalog", GOOD, "--sort", "bogus" }, { NULL }, NULL, NULL, 64, NULL, "option '--sort' must be", NULL, false },
	{ "--arch unknown", { "list", "--catalog", GOOD, "--arch", "klingon" }, { NULL }, NULL, NULL, 64, NULL, "unknown architecture 'klingon'", NULL, false },
	{ "--segment bogus", { "list", "--catalog", GOOD, "--segment", "gaming" }, { NULL }, NULL, NULL, 64, NULL, "option '--segment'", NULL, false },
	{ "option without value", { "list", "--catalog", GOOD, "--format" }, { NULL }, NULL, NULL, 64, NULL, "option '--format' needs a value", NULL, false },
	{ "option twice", { "list", "--catalog", GOOD, "--sort", "name", "--sort", "price" }, { NULL }, NULL, NULL, 64, NULL, "option '--sort' given twice", NULL, false },
	{ "flag with value", { "list", "--no-color=yes" }, { NULL }, NULL, NULL, 64, NULL, "takes no value", NULL, false },
	/* BUG: cmd_list's usage string (src/cli/cmd_list.c, .usage) holds a
	 * newline, and src/cli/options.c puts the usage into the "too many
	 * arguments" message, so stderr gets two lines. Fails until fixed. */
	{ "extra argument", { "list", "--catalog", GOOD, "extra" }, { NULL }, NULL, NULL, 64, NULL, "too many arguments for 'list'", NULL, false },
	{ "show without GPU", { "show", "--catalog", GOOD }, { NULL }, NULL, NULL, 64, NULL, "'show' needs more arguments", NULL, false },

	/* a failed write to stdout: 74 */
	{ "list to /dev/full", { "list", "--catalog", GOOD }, { NULL }, NULL, "/dev/full", 74, NULL, "gpu-advisor: cannot write", NULL, false },
	{ "json to /dev/full", { "list", "--catalog", GOOD, "--format", "json" }, { NULL }, NULL, "/dev/full", 74, NULL, "gpu-advisor: cannot write", NULL, false },
	{ "big list to /dev/full", { "list" }, { NULL }, NULL, "/dev/full", 74, NULL, "gpu-advisor: cannot write", NULL, false },
	{ "help to /dev/full", { "--help" }, { NULL }, NULL, "/dev/full", 74, NULL, "gpu-advisor: cannot write", NULL, false },
	{ "version to /dev/full", { "--version" }, { NULL }, NULL, "/dev/full", 74, NULL, "gpu-advisor: cannot write", NULL, false },
	{ "validate to /dev/full", { "catalog", "validate", GOOD }, { NULL }, NULL, "/dev/full", 74, NULL, "gpu-advisor: cannot write", NULL, false },

	{ NULL, { NULL }, { NULL }, NULL, NULL, 0, NULL, NULL, NULL, false }
};

/* ---- running the binary --------------------------------------------------- */

static char *read_fd(int fd)
{
	struct stat st;
	char *buf;
	ssize_t got;
	size_t n = 0;

	assert_int_equal(fstat(fd, &st), 0);
	buf = malloc((size_t)st.st_size + 1);
	assert_non_null(buf);
	assert_int_equal(lseek(fd, 0, SEEK_SET), 0);
	while (n < (size_t)st.st_size &&
	       (got = read(fd, buf + n, (size_t)st.st_size - n)) > 0)
		n += (size_t)got;
	buf[n] = '\0';
	return buf;
}

static int temp_fd(void)
{
	const char *dir = getenv("TMPDIR");
	char path[512];
	int fd;

	snprintf(path, sizeof(path), "%s/gpuadv-cli-XXXXXX", dir && *dir ? dir : "/tmp");
	fd = mkstemp(path);
	assert_true(fd >= 0);
	unlink(path);
	return fd;
}

/* Build the child's environment: fixed entries, sanitizer options passed
 * through, then the row's. */
static void build_env(const struct cli_case *t, const char **envp, size_t max)
{
	static const char *const pass[] = { "ASAN_OPTIONS=", "UBSAN_OPTIONS=",
		"LSAN_OPTIONS=", NULL };
	size_t n = 0, i, k;

	envp[n++] = "PATH=/usr/bin:/bin";
	envp[n++] = "NO_COLOR=1";
	envp[n++] = "LC_ALL=C";
	for (i = 0; environ[i]; i++)
		for (k = 0; pass[k]; k++)
			if (!strncmp(environ[i], pass[k], strlen(pass[k])) && n + 4 < max)
				envp[n++] = environ[i];
	for (i = 0; i < 3 && t->env[i]; i++)
		envp[n++] = t->env[i];
	envp[n] = NULL;
}

/* Run the row; returns the exit code, or -1 on a signal (reported). */
static int run_case(const struct cli_case *t, char **out, char **err)
{
	const char *argv[16], *envp[16];
	int ofd = temp_fd(), efd = temp_fd(), status = 0, waited;
	pid_t pid;
	size_t i;

	argv[0] = GPUADV_BINARY;
	for (i = 0; i < 12 && t->argv[i]; i++)
		argv[i + 1] = t->argv[i];
	argv[i + 1] = NULL;
	build_env(t, envp, 16);
	fflush(NULL);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		int in = open(t->in ? t->in : "/dev/null", O_RDONLY);
		int o = t->out ? open(t->out, O_WRONLY) : ofd;

		if (in < 0 || o < 0 || dup2(in, 0) < 0 || dup2(o, 1) < 0 ||
		    dup2(efd, 2) < 0)
			_exit(125);
		execve(GPUADV_BINARY, (char *const *)argv, (char *const *)envp);
		_exit(126);
	}
	/* Wait at most 30 seconds. */
	for (waited = 0; waitpid(pid, &status, WNOHANG) == 0; waited++) {
		struct timespec ts = { 0, 10 * 1000 * 1000 };

		if (waited > 3000) {
			kill(pid, SIGKILL);
			waitpid(pid, &status, 0);
			fail_msg("%s: timed out", t->name);
		}
		nanosleep(&ts, NULL);
	}
	*out = read_fd(ofd);
	*err = read_fd(efd);
	close(ofd);
	close(efd);
	if (WIFSIGNALED(status)) {
		print_error("%s: killed by signal %d\n", t->name, WTERMSIG(status));
		return -1;
	}
	return WEXITSTATUS(status);
}

/* What the last row captured, freed by the teardown even when a check
 * fails part-way. */
static char *captured_out, *captured_err;

static int free_captured(void **state)
{
	(void)state;
	free(captured_out);
	free(captured_err);
	captured_out = captured_err = NULL;
	return 0;
}

/* One row of the table, run as its own cmocka test. */
static void test_row(void **state)
{
	const struct cli_case *t = *state;
	char *out, *err;
	int code, bad = 0;

	if (access(GPUADV_BINARY, X_OK) != 0)
		fail_msg("no binary at %s", GPUADV_BINARY);
	code = run_case(t, &captured_out, &captured_err);
	out = captured_out;
	err = captured_err;
	if (code != t->exit_code) {
		print_error("exit %d, want %d\n", code, t->exit_code);
		bad++;
	}
	if (t->out_has && !strstr(out, t->out_has)) {
		print_error("stdout lacks '%s'\n", t->out_has);
		bad++;
	}
	if (t->err_has && !strstr(err, t->err_has)) {
		print_error("stderr lacks '%s'\n", t->err_has);
		bad++;
	}
	if (code == 0 && err[0]) {
		print_error("exit 0 but stderr is not empty\n");
		bad++;
	}
	if (code != 0 && !t->usage_on_stderr) {
		char *nl = strchr(err, '\n');

		if (strncmp(err, "gpu-advisor: ", 13) != 0 || !nl || nl[1]) {
			print_error("stderr is not one line starting 'gpu-advisor: '\n");
			bad++;
		}
		if (out[0]) {
			print_error("failed but wrote to stdout\n");
			bad++;
		}
	}
	if (bad)
		fail_msg("%s: %d problems\nstdout: %.400s\nstderr: %.600s", t->name,
			 bad, out, err);
	if (t->check)
		t->check(out);
}

int main(void)
{
	struct CMUnitTest tests[sizeof(cases) / sizeof(cases[0])];
	size_t n;

	/* One test per row, named after it; the sentinel ends the table. */
	for (n = 0; cases[n].name; n++) {
		tests[n].name = cases[n].name;
		tests[n].test_func = test_row;
		tests[n].setup_func = NULL;
		tests[n].teardown_func = free_captured;
		tests[n].initial_state = (void *)&cases[n];
	}
	return _cmocka_run_group_tests("cli", tests, n, NULL, NULL);
}
