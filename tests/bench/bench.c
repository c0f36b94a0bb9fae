/*
 * bench.c - time a command end to end: runs it N times (output to
 * /dev/null) and prints the median and minimum wall time and the peak
 * resident memory. Run by hand through tests/bench/run.sh; it is a
 * measurement, not a test, so it never fails on a slow machine.
 *
 *   gpu-advisor-bench N COMMAND [ARGS...]
 */
#define _DEFAULT_SOURCE /* wait4 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static double now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static int cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

int main(int argc, char **argv)
{
	long maxrss = 0;
	double *t;
	int i, n;

	if (argc < 3 || (n = atoi(argv[1])) < 1) {
		fprintf(stderr, "usage: gpu-advisor-bench N COMMAND [ARGS...]\n");
		return 64;
	}
	t = calloc((size_t)n, sizeof(*t));
	if (!t)
		return 70;
	for (i = 0; i < n; i++) {
		struct rusage ru;
		double start = now_ms();
		int status;
		pid_t pid = fork();

		if (pid < 0)
			return 71;
		if (pid == 0) {
			int fd = open("/dev/null", O_WRONLY);

			dup2(fd, STDOUT_FILENO);
			execv(argv[2], argv + 2);
			_exit(127);
		}
		if (wait4(pid, &status, 0, &ru) < 0)
			return 71;
		t[i] = now_ms() - start;
		if (!WIFEXITED(status) || (WEXITSTATUS(status) != 0 && WEXITSTATUS(status) != 1)) {
			fprintf(stderr, "bench: '%s' failed (status %d)\n", argv[2], status);
			return 70;
		}
		if (ru.ru_maxrss > maxrss)
			maxrss = ru.ru_maxrss;
	}
	qsort(t, (size_t)n, sizeof(*t), cmp);
	printf("%-60.60s runs %4d  median %7.2f ms  min %7.2f ms  peak RSS %6.1f MB\n",
	       argv[2], n, t[n / 2], t[0], maxrss / 1024.0);
	free(t);
	return 0;
}
