/*
 * pool.c: threads for a batch of independent items (see pool.h).
 *
 * The items are handed out in small chunks from one atomic counter, so a
 * thread that meets slow items does not hold the others up. The last
 * thread to end says so on a condition variable (pool_wait) and on the
 * notify pipe.
 */
#include "pool.h"

#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "util.h"

#define POOL_MAX_THREADS	64
#define NOTIFY_MS		50

struct pool {
	pool_fn			 fn;
	void			*arg;
	size_t			 n;
	size_t			 chunk;
	int			 notify_fd;
	unsigned		 nthreads;
	pthread_t		*threads;
	atomic_size_t		 next;		/* the first item not yet taken */
	atomic_size_t		 done;
	atomic_bool		 cancel;
	atomic_llong		 notified;	/* ms of the last write to notify_fd */
	pthread_mutex_t		 lock;
	pthread_cond_t		 ended;
	unsigned		 running;	/* threads not yet ended (under lock) */
};

/* Per thread: its pool and its number. */
struct worker {
	struct pool	*p;
	unsigned	 id;
};

unsigned
pool_threads(void)
{
	const char *env = getenv("BYLINE_THREADS");
	long n;

	if (env != NULL && env[0] != '\0') {
		char *end;

		n = strtol(env, &end, 10);
		if (*end == '\0' && n >= 1 && n <= POOL_MAX_THREADS)
			return (unsigned)n;
	}
	n = sysconf(_SC_NPROCESSORS_ONLN);
	if (n < 1)
		n = 1;
	return n > POOL_MAX_THREADS ? POOL_MAX_THREADS : (unsigned)n;
}

/* Write a byte to the notify pipe when force, or when the last was long enough ago. */
static void
notify(struct pool *p, bool force)
{
	long long t, last;
	char c = 1;

	if (p->notify_fd < 0)
		return;
	t = clock_ms();
	last = atomic_load(&p->notified);
	if (!force && (t - last < NOTIFY_MS || !atomic_compare_exchange_strong(&p->notified, &last, t)))
		return;
	if (force)
		atomic_store(&p->notified, t);
	while (write(p->notify_fd, &c, 1) < 0 && errno == EINTR)
		;
}

/* Take chunks of items until none is left or the pool is cancelled. */
static void
work(struct pool *p, unsigned id)
{
	for (;;) {
		size_t i, first, last;

		if (atomic_load_explicit(&p->cancel, memory_order_relaxed))
			break;
		first = atomic_fetch_add(&p->next, p->chunk);
		if (first >= p->n)
			break;
		last = first + p->chunk < p->n ? first + p->chunk : p->n;
		for (i = first; i < last; i++) {
			if (i > first && atomic_load_explicit(&p->cancel, memory_order_relaxed))
				break;
			p->fn(p->arg, i, id);
			atomic_fetch_add(&p->done, 1);
		}
		notify(p, false);
	}
}

/* A thread of the pool: work, then say so; the last one out wakes the waiters. */
static void *
thread_main(void *varg)
{
	struct worker *w = varg;
	struct pool *p = w->p;
	bool last;

	work(p, w->id);
	free(w);
	pthread_mutex_lock(&p->lock);
	last = --p->running == 0;
	if (last)
		pthread_cond_broadcast(&p->ended);
	pthread_mutex_unlock(&p->lock);
	if (last)
		notify(p, true);
	return NULL;
}

/* The size of the chunks: small enough to share the work out evenly and show progress. */
static size_t
chunk_for(size_t n, unsigned threads)
{
	size_t c = n / ((size_t)threads * 64);

	return c < 1 ? 1 : c > 64 ? 64 : c;
}

struct pool *
pool_start(size_t n, unsigned threads, pool_fn fn, void *arg, int notify_fd)
{
	struct pool *p = xcalloc(1, sizeof *p);
	pthread_condattr_t ca;
	sigset_t all, old;
	unsigned i;

	if (threads == 0)
		threads = pool_threads();
	if (threads > POOL_MAX_THREADS)
		threads = POOL_MAX_THREADS;
	if (n > 0 && threads > n)
		threads = (unsigned)n;
	p->fn = fn;
	p->arg = arg;
	p->n = n;
	p->chunk = chunk_for(n, threads);
	p->notify_fd = notify_fd;
	atomic_init(&p->next, 0);
	atomic_init(&p->done, 0);
	atomic_init(&p->cancel, false);
	atomic_init(&p->notified, 0);
	pthread_mutex_init(&p->lock, NULL);
	pthread_condattr_init(&ca);
	pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
	pthread_cond_init(&p->ended, &ca);
	pthread_condattr_destroy(&ca);
	p->threads = xcalloc(threads, sizeof *p->threads);
	/* the threads inherit a mask that blocks every signal */
	sigfillset(&all);
	pthread_sigmask(SIG_SETMASK, &all, &old);
	pthread_mutex_lock(&p->lock);
	for (i = 0; i < threads; i++) {
		struct worker *w = xmalloc(sizeof *w);

		w->p = p;
		w->id = i;
		if (pthread_create(&p->threads[i], NULL, thread_main, w) != 0) {
			free(w);
			break;
		}
		p->running++;
	}
	p->nthreads = i;
	pthread_mutex_unlock(&p->lock);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	if (p->nthreads == 0) {
		/* no thread to be had: do it all here */
		work(p, 0);
		notify(p, true);
	}
	return p;
}

size_t
pool_done(const struct pool *p)
{
	return atomic_load(&((struct pool *)p)->done);
}

bool
pool_idle(struct pool *p)
{
	bool idle;

	pthread_mutex_lock(&p->lock);
	idle = p->running == 0;
	pthread_mutex_unlock(&p->lock);
	return idle;
}

bool
pool_wait(struct pool *p, int ms)
{
	struct timespec until;
	bool idle;

	clock_gettime(CLOCK_MONOTONIC, &until);
	until.tv_sec += ms / 1000;
	until.tv_nsec += (long)(ms % 1000) * 1000000;
	if (until.tv_nsec >= 1000000000) {
		until.tv_sec++;
		until.tv_nsec -= 1000000000;
	}
	pthread_mutex_lock(&p->lock);
	while (p->running > 0)
		if (pthread_cond_timedwait(&p->ended, &p->lock, &until) == ETIMEDOUT)
			break;
	idle = p->running == 0;
	pthread_mutex_unlock(&p->lock);
	return idle;
}

void
pool_cancel(struct pool *p)
{
	atomic_store(&p->cancel, true);
}

bool
pool_cancelled(const struct pool *p)
{
	return atomic_load(&((struct pool *)p)->cancel);
}

unsigned
pool_nthreads(const struct pool *p)
{
	return p->nthreads;
}

size_t
pool_finish(struct pool *p)
{
	size_t done;
	unsigned i;

	if (p == NULL)
		return 0;
	for (i = 0; i < p->nthreads; i++)
		pthread_join(p->threads[i], NULL);
	done = atomic_load(&p->done);
	pthread_mutex_destroy(&p->lock);
	pthread_cond_destroy(&p->ended);
	free(p->threads);
	free(p);
	return done;
}
