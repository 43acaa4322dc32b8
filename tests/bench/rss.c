/*
 * rss.c: run a command and report its wall time and peak RSS (make bench).
 *
 *   rss [-n RUNS] [-w WARMUPS] [-o OUT] -- COMMAND [ARGS...]
 *
 * Runs COMMAND WARMUPS times untimed (default 1: a warm cache), then RUNS
 * times (default 5), with stdin from /dev/null and stdout to OUT (default
 * /dev/null; stderr is left alone). Prints one line:
 *
 *   BEST_MS MEDIAN_MS PEAK_RSS_KB EXIT
 *
 * where the peak RSS is the largest ru_maxrss wait4() reported for a run
 * (the child's own high-water mark, in KiB), and EXIT is 0 when every run
 * exited 0, else the first other exit status (128+N for signal N). The
 * exit status of rss itself is 0 when EXIT is 0, else 1.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static const char *out = "/dev/null";

static double
now_ms(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec * 1e3 + (double)t.tv_nsec / 1e6;
}

/* One run: its wall time in ms; *rss_kb and *status are set. */
static double
run(char **argv, long *rss_kb, int *status)
{
	struct rusage ru;
	double t0 = now_ms(), t1;
	int st = 0;
	pid_t pid = fork();

	if (pid < 0) {
		perror("rss: fork");
		exit(2);
	}
	if (pid == 0) {
		int in = open("/dev/null", O_RDONLY);
		int o = open(out, O_WRONLY | O_CREAT | O_TRUNC, 0644);

		if (in < 0 || o < 0) {
			perror("rss: open");
			_exit(127);
		}
		dup2(in, 0);
		dup2(o, 1);
		close(in);
		close(o);
		execvp(argv[0], argv);
		fprintf(stderr, "rss: %s: %s\n", argv[0], strerror(errno));
		_exit(127);
	}
	while (wait4(pid, &st, 0, &ru) < 0) {
		if (errno != EINTR) {
			perror("rss: wait4");
			exit(2);
		}
	}
	t1 = now_ms();
	*rss_kb = ru.ru_maxrss;
	*status = WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
	return t1 - t0;
}

static int
cmpd(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

int
main(int argc, char **argv)
{
	int runs = 5, warm = 1, i, opt, status = 0, st;
	long peak = 0, kb;
	double *t;

	while ((opt = getopt(argc, argv, "+n:w:o:")) != -1) {
		switch (opt) {
		case 'n': runs = atoi(optarg); break;
		case 'w': warm = atoi(optarg); break;
		case 'o': out = optarg; break;
		default: goto usage;
		}
	}
	if (optind < argc && strcmp(argv[optind], "--") == 0)
		optind++;
	if (optind >= argc || runs < 1 || warm < 0)
		goto usage;
	t = calloc((size_t)runs, sizeof *t);
	if (t == NULL)
		return 2;
	for (i = 0; i < warm; i++) {
		run(argv + optind, &kb, &st);
		if (kb > peak)
			peak = kb;
		if (st != 0 && status == 0)
			status = st;
	}
	for (i = 0; i < runs; i++) {
		t[i] = run(argv + optind, &kb, &st);
		if (kb > peak)
			peak = kb;
		if (st != 0 && status == 0)
			status = st;
	}
	qsort(t, (size_t)runs, sizeof *t, cmpd);
	printf("%.1f %.1f %ld %d\n", t[0], t[(runs - 1) / 2], peak, status);
	free(t);
	return status != 0;
usage:
	fprintf(stderr, "usage: rss [-n RUNS] [-w WARMUPS] [-o OUT] -- COMMAND [ARGS...]\n");
	return 2;
}
