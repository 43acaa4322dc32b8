/* test_pool.c: the thread pool: every item once, the same result on any number of threads, cancel. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <poll.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "pool.h"
#include "util.h"

#define N 5000

struct job {
	uint64_t	out[N];
	atomic_int	visits[N];
	atomic_int	started;
	unsigned	worker_of[N];
	int		sleep_us;
};

/* A little work whose result depends only on the item. */
static void
square_hash(void *arg, size_t i, unsigned worker)
{
	struct job *j = arg;
	uint64_t x = i;

	atomic_fetch_add(&j->visits[i], 1);
	atomic_fetch_add(&j->started, 1);
	j->worker_of[i] = worker;
	x = fnv64(FNV64_INIT, &x, sizeof x);
	j->out[i] = x * x;
	if (j->sleep_us > 0) {
		struct timespec ts = { 0, (long)j->sleep_us * 1000 };

		nanosleep(&ts, NULL);
	}
}

static struct job *
run(unsigned threads)
{
	struct job *j = xcalloc(1, sizeof *j);
	struct pool *p = pool_start(N, threads, square_hash, j, -1);

	assert_int_equal(pool_finish(p), N);
	return j;
}

static void
test_same_result(void **state)
{
	struct job *one = run(1), *four = run(4), *many = run(16);
	size_t i;

	(void)state;
	assert_memory_equal(one->out, four->out, sizeof one->out);
	assert_memory_equal(one->out, many->out, sizeof one->out);
	for (i = 0; i < N; i++) {
		assert_int_equal(atomic_load(&one->visits[i]), 1);
		assert_int_equal(atomic_load(&four->visits[i]), 1);
		assert_int_equal(atomic_load(&many->visits[i]), 1);
	}
	for (i = 0; i < N; i++)
		assert_true(four->worker_of[i] < 4 && one->worker_of[i] == 0);
	free(one);
	free(four);
	free(many);
}

static void
test_cancel(void **state)
{
	struct job *j = xcalloc(1, sizeof *j);
	struct pool *p;
	size_t done, i, visited = 0;

	(void)state;
	j->sleep_us = 2000;	/* 2 ms an item: 10 s in all, were it not stopped */
	p = pool_start(N, 2, square_hash, j, -1);
	while (atomic_load(&j->started) < 4)
		pool_wait(p, 5);
	pool_cancel(p);
	assert_true(pool_cancelled(p));
	done = pool_finish(p);
	assert_true(done >= 4);
	assert_true(done < N / 10);
	for (i = 0; i < N; i++) {
		assert_true(atomic_load(&j->visits[i]) <= 1);
		visited += (size_t)atomic_load(&j->visits[i]);
	}
	assert_int_equal(visited, done);	/* the items under way finished, no other began */
	free(j);
}

static void
test_wait_and_notify(void **state)
{
	struct job *j = xcalloc(1, sizeof *j);
	struct pollfd pfd;
	struct pool *p;
	int fds[2];
	char c;

	(void)state;
	assert_int_equal(pipe(fds), 0);
	j->sleep_us = 100;
	p = pool_start(200, 2, square_hash, j, fds[1]);
	assert_true(pool_nthreads(p) >= 1 && pool_nthreads(p) <= 2);
	while (!pool_wait(p, 10))
		;
	assert_true(pool_idle(p));
	assert_int_equal(pool_done(p), 200);
	/* the end was told on the pipe */
	pfd.fd = fds[0];
	pfd.events = POLLIN;
	assert_int_equal(poll(&pfd, 1, 1000), 1);
	assert_int_equal(read(fds[0], &c, 1), 1);
	assert_int_equal(pool_finish(p), 200);
	close(fds[0]);
	close(fds[1]);
	free(j);
}

static void
test_empty_and_threads(void **state)
{
	struct job *j = xcalloc(1, sizeof *j);

	(void)state;
	assert_int_equal(pool_finish(pool_start(0, 3, square_hash, j, -1)), 0);
	assert_int_equal(pool_finish(NULL), 0);
	setenv("BYLINE_THREADS", "3", 1);
	assert_int_equal(pool_threads(), 3);
	setenv("BYLINE_THREADS", "zero", 1);
	assert_true(pool_threads() >= 1);
	setenv("BYLINE_THREADS", "0", 1);
	assert_true(pool_threads() >= 1);
	unsetenv("BYLINE_THREADS");
	free(j);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_same_result),
		cmocka_unit_test(test_cancel),
		cmocka_unit_test(test_wait_and_notify),
		cmocka_unit_test(test_empty_and_threads),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
