/*
 * pool.h: a small pool of threads for a batch of independent items.
 *
 * pool_start() runs fn(arg, item, worker) once for each item 0..n-1 on
 * `threads` threads of its own; each thread takes the next few items not
 * yet taken, so no two threads ever work on the same item and the result
 * (each item writing its own slot) is the same whatever the number of
 * threads. The caller keeps going meanwhile: it may ask how far the work
 * is (pool_done), be woken when items complete (a pipe given as notify_fd),
 * stop it (pool_cancel: the items not begun are skipped) and wait for the
 * end (pool_finish). The threads block every signal: signals keep going to
 * the thread that started the pool.
 */
#ifndef BYLINE_POOL_H
#define BYLINE_POOL_H

#include <stdbool.h>
#include <stddef.h>

/* One item of work; worker is the thread's number, 0..threads-1 (for scratch space). */
typedef void (*pool_fn)(void *arg, size_t item, unsigned worker);

struct pool;

/* How many threads to use: $BYLINE_THREADS when it is a number 1..64, else the CPUs online. */
unsigned pool_threads(void);

/*
 * Start working on items 0..n-1 with threads threads (0: pool_threads()).
 * When notify_fd >= 0, a byte is written to it (non-blocking; a full pipe
 * is fine) as items complete, at most every 50 ms, and when all are done.
 * Falls back to fewer threads when the system gives fewer. Can't fail:
 * with no thread at all the items are done before it returns.
 */
struct pool *pool_start(size_t n, unsigned threads, pool_fn fn, void *arg, int notify_fd);

/* Items completed so far. */
size_t pool_done(const struct pool *p);

/* Has every thread ended (all items done, or skipped after pool_cancel())? */
bool pool_idle(struct pool *p);

/* Wait up to ms milliseconds for every thread to end; returns pool_idle(). */
bool pool_wait(struct pool *p, int ms);

/* Skip the items not yet begun; those under way finish. Returns at once. */
void pool_cancel(struct pool *p);

/* Was pool_cancel() called? */
bool pool_cancelled(const struct pool *p);

/* Wait for every thread, release p and return the number of items completed. NULL: 0. */
size_t pool_finish(struct pool *p);

/* The number of threads p runs. */
unsigned pool_nthreads(const struct pool *p);

#endif
