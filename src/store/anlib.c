/*
 * anlib.c: the analysis of a library (see anlib.h).
 *
 * One slot per entry: a digest record and its texts, either in the cache's
 * memory or made by a worker in its own arena. A slot is published by a
 * release store of its ready flag; readers on other threads load it with
 * acquire and then read the slot, which never changes again (until the
 * caller, between runs, makes it not ready).
 */
#include "anlib.h"

#include <signal.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "arena.h"
#include "pool.h"
#include "reading.h"
#include "util.h"

/* What a worker thread keeps between articles. */
struct scratch {
	struct arena	*arena;		/* the records it made (kept until anlib_free) */
	struct buf	 rec, text;
};

struct anlib {
	const struct lib_entry	*v;
	size_t			 n;
	struct dgcache		*cache;
	struct dg_rec		*slot;
	unsigned char		*cached;	/* per entry: its slot is the cache's */
	atomic_uchar		*ready;
	size_t			 matched;	/* entries the cache held */
	bool			 changed;	/* records made anew since the cache was read */
	size_t			*todo;		/* the entries of the run */
	size_t			 ntodo;
	struct pool		*pool;
	struct scratch		*scratch;	/* one per worker of every run so far */
	size_t			 nscratch;
	size_t			 sbase;		/* the current run's first scratch */
	atomic_bool		 stopping;	/* the run is being stopped */
	volatile sig_atomic_t	 stop;		/* the same, for the engine: an analysis under
						   way reads it (the flag type analysis.h takes,
						   set once, before the atomic; a late read
						   only lets an article run to its end) */
};

struct anlib *
anlib_new(const struct lib_entry *v, size_t n, struct dgcache *c)
{
	struct anlib *a = xcalloc(1, sizeof *a);
	size_t i;

	a->v = v;
	a->n = n;
	a->cache = c;
	a->slot = xcalloc(n + 1, sizeof *a->slot);
	a->cached = xcalloc(n + 1, 1);
	a->ready = xcalloc(n + 1, sizeof *a->ready);
	dgcache_index(c);
	for (i = 0; c != NULL && i < n; i++) {
		size_t len;
		const char *rec = dgcache_find(c, v[i].path, v[i].size, v[i].mtime_sec,
		    (int64_t)v[i].mtime_nsec, &len);

		if (rec == NULL)
			continue;
		a->slot[i].rec = rec;
		a->slot[i].len = len;
		a->cached[i] = 1;
		atomic_store_explicit(&a->ready[i], 1, memory_order_relaxed);
		a->matched++;
	}
	return a;
}

/* Analyse entry a->todo[k] on worker w and publish its record. */
static void
analyse_one(void *arg, size_t k, unsigned w)
{
	struct anlib *a = arg;
	struct scratch *s = &a->scratch[a->sbase + w];
	size_t i = a->todo[k];
	const struct lib_entry *e = &a->v[i];
	struct reading r;
	char *mem;
	bool ok;

	if (atomic_load(&a->stopping))
		return;
	ok = reading_load(&r, e->path, ARTICLE_LOAD_FULL, NULL);
	if (ok) {
		reading_layout(&r);
		reading_analyse(&r, &a->stop);
	}
	if (atomic_load(&a->stopping)) {
		reading_free(&r);	/* maybe cut short: never kept */
		return;
	}
	buf_reset(&s->rec);
	buf_reset(&s->text);
	/* a file that gave no body has a digest too, empty: it is not read again */
	digest_make(&r, e->path, r.a.file_size, r.a.mtime_sec, (int64_t)r.a.mtime_nsec,
	    &s->rec, &s->text);
	reading_free(&r);
	mem = arena_alloc(s->arena, s->rec.len + s->text.len + 1);
	memcpy(mem, s->rec.data, s->rec.len);
	if (s->text.len > 0)
		memcpy(mem + s->rec.len, s->text.data, s->text.len);
	a->slot[i].rec = mem;
	a->slot[i].len = s->rec.len;
	a->slot[i].text = mem + s->rec.len;
	a->slot[i].tlen = s->text.len;
	atomic_store_explicit(&a->ready[i], 1, memory_order_release);
}

void
anlib_start(struct anlib *a, unsigned threads, int notify_fd)
{
	size_t i, base;

	if (a->pool != NULL)
		return;
	free(a->todo);
	a->todo = xcalloc(a->n + 1, sizeof *a->todo);
	a->ntodo = 0;
	for (i = 0; i < a->n; i++)
		if (!atomic_load(&a->ready[i]))
			a->todo[a->ntodo++] = i;
	if (a->ntodo == 0)
		return;
	if (threads == 0)
		threads = pool_threads();
	if (threads > a->ntodo)
		threads = (unsigned)a->ntodo;
	/* each worker of this run gets scratch of its own; earlier runs' records stay */
	base = a->nscratch;
	a->scratch = xreallocarray(a->scratch, base + threads, sizeof *a->scratch);
	memset(a->scratch + base, 0, threads * sizeof *a->scratch);
	for (i = 0; i < threads; i++)
		a->scratch[base + i].arena = arena_new();
	a->nscratch = base + threads;
	a->sbase = base;
	a->stop = 0;
	atomic_store(&a->stopping, false);
	a->changed = true;
	a->pool = pool_start(a->ntodo, threads, analyse_one, a, notify_fd);
}

size_t
anlib_done(const struct anlib *a)
{
	return a->pool != NULL ? pool_done(a->pool) : a->ntodo;
}

size_t
anlib_todo(const struct anlib *a)
{
	return a->ntodo;
}

bool
anlib_busy(struct anlib *a)
{
	return a->pool != NULL && !pool_idle(a->pool);
}

bool
anlib_wait(struct anlib *a, int ms)
{
	return a->pool == NULL || pool_wait(a->pool, ms);
}

void
anlib_finish(struct anlib *a)
{
	size_t i;

	if (a->pool == NULL)
		return;
	pool_finish(a->pool);
	a->pool = NULL;
	for (i = 0; i < a->nscratch; i++) {
		buf_free(&a->scratch[i].rec);
		buf_free(&a->scratch[i].text);
	}
}

void
anlib_cancel(struct anlib *a)
{
	if (a->pool == NULL)
		return;
	a->stop = 1;
	atomic_store(&a->stopping, true);
	pool_cancel(a->pool);
	anlib_finish(a);
}

bool
anlib_get(const struct anlib *a, size_t i, struct dg_rec *rec)
{
	if (i >= a->n || !atomic_load_explicit(&((struct anlib *)a)->ready[i], memory_order_acquire))
		return false;
	*rec = a->slot[i];
	return true;
}

long
anlib_nquotes(const struct anlib *a, size_t i)
{
	struct dg_rec r;

	if (!anlib_get(a, i, &r))
		return -1;
	return (long)digest_nquotes(r.rec, r.len);
}

size_t
anlib_ready(const struct anlib *a)
{
	size_t i, n = 0;

	for (i = 0; i < a->n; i++)
		n += atomic_load_explicit(&((struct anlib *)a)->ready[i], memory_order_acquire);
	return n;
}

bool
anlib_texts(struct anlib *a)
{
	const char *text;
	size_t len, i;
	bool ok;

	if (a->matched == 0)
		return true;
	/* the cached slots are the caller's alone: the workers write only others */
	ok = dgcache_texts(a->cache, &text, &len);
	for (i = 0; i < a->n; i++) {
		if (!a->cached[i] || a->slot[i].text != NULL)
			continue;
		if (ok && dgcache_rec_text(a->cache, a->slot[i].rec, &a->slot[i].text,
		    &a->slot[i].tlen))
			continue;
		/* no texts to be had: the article is analysed again */
		atomic_store(&a->ready[i], 0);
		memset(&a->slot[i], 0, sizeof a->slot[i]);
		a->cached[i] = 0;
		a->matched--;
		ok = false;
	}
	return ok;
}

uint64_t
anlib_fingerprint(const struct lib_entry *v, size_t n)
{
	struct buf b = BUF_INIT;
	uint64_t h;
	size_t i;

	/* packed, then one pass of the fast checksum (this is on the first paint's path) */
	for (i = 0; i < n; i++) {
		int64_t t[3] = { (int64_t)v[i].size, v[i].mtime_sec, (int64_t)v[i].mtime_nsec };

		buf_add(&b, t, sizeof t);
		buf_add(&b, v[i].path, strlen(v[i].path) + 1);
	}
	h = sum64(b.data != NULL ? b.data : "", b.len);
	buf_free(&b);
	return h;
}

/*
 * The summary of a's people for the cache: u32 count, then per person u32
 * articles, mentions and quotes, str name, str role ("" for none). Empty
 * when some entry is not ready or changed too lately to be told apart.
 */
static void
make_summary(struct anlib *a, const struct who *all, struct buf *out)
{
	time_t now = time(NULL);
	size_t *rows = NULL, i;
	const struct who *w = all;
	struct who *made = NULL;

	for (i = 0; i < a->n; i++)
		if (!atomic_load(&a->ready[i]) || a->v[i].mtime_sec >= (int64_t)now - 2)
			return;
	if (w == NULL) {
		rows = xcalloc(a->n + 1, sizeof *rows);
		for (i = 0; i < a->n; i++)
			rows[i] = i;
		w = made = anlib_who(a, rows, a->n);
		who_sort(made, WHO_BY_QUOTES);
	}
	digest_put_u32(out, (uint32_t)w->n);
	for (i = 0; i < w->n; i++) {
		digest_put_u32(out, w->v[i].narticles);
		digest_put_u32(out, w->v[i].nmentions);
		digest_put_u32(out, w->v[i].nquotes);
		digest_put_str(out, w->v[i].name);
		digest_put_str(out, w->v[i].role != NULL ? w->v[i].role : "");
	}
	who_free(made);
	free(rows);
}

struct who *
anlib_summary(struct dgcache *c, uint64_t fingerprint)
{
	struct digest_cur cur;
	const char *data;
	struct who *w;
	uint64_t fp;
	size_t len, i, n;

	if (!dgcache_summary(c, &fp, &data, &len) || fp != fingerprint)
		return NULL;
	digest_cur_init(&cur, data, len);
	n = digest_cur_u32(&cur);
	if (n > len / 23)
		return NULL;
	w = xcalloc(1, sizeof *w);
	w->v = xcalloc(n + 1, sizeof *w->v);
	for (i = 0; i < n && !cur.bad; i++) {
		struct who_person *p = &w->v[i];

		p->narticles = digest_cur_u32(&cur);
		p->nmentions = digest_cur_u32(&cur);
		p->nquotes = digest_cur_u32(&cur);
		p->name = digest_cur_str(&cur);
		p->role = digest_cur_str(&cur);
		if (p->role[0] == '\0')
			p->role = NULL;
	}
	w->n = n;
	if (cur.bad || cur.p != cur.end) {
		who_free(w);
		return NULL;
	}
	return w;
}

/* Does the cache hold the people of this very library (or could it never)? */
static bool
summary_current(struct anlib *a, uint64_t isum)
{
	const char *data;
	uint64_t fp;
	size_t len, i;
	time_t now = time(NULL);

	for (i = 0; i < a->n; i++)
		if (a->v[i].mtime_sec >= (int64_t)now - 2)
			return true;	/* none would be saved: no reason to write */
	return dgcache_summary(a->cache, &fp, &data, &len) && fp == anlib_fingerprint(a->v, a->n) &&
	    dgcache_index_sum(a->cache) == isum;
}

struct who *
anlib_saved_people(struct anlib *a)
{
	if (a->cache == NULL || anlib_busy(a) || anlib_ready(a) != a->n ||
	    a->matched != a->n)
		return NULL;
	return anlib_summary(a->cache, anlib_fingerprint(a->v, a->n));
}

int
anlib_save(struct anlib *a, const char *path, const struct who *all, uint64_t isum)
{
	struct buf sum = BUF_INIT;
	struct dg_rec *v;
	size_t i, n = 0;
	int ret;

	if (path == NULL || (!a->changed && a->matched == dgcache_count(a->cache) &&
	    summary_current(a, isum)))
		return -1;
	anlib_finish(a);
	if (!anlib_texts(a))
		return -1;	/* the cache went bad under us: not saved from half of it */
	v = xcalloc(a->n + 1, sizeof *v);
	for (i = 0; i < a->n; i++)
		if (anlib_get(a, i, &v[n]))
			n++;
	make_summary(a, all, &sum);
	ret = dgcache_save(path, digest_engine(), v, n, anlib_fingerprint(a->v, a->n), isum,
	    sum.len > 0 ? sum.data : NULL, sum.len);
	buf_free(&sum);
	free(v);
	return ret;
}

struct who *
anlib_who(const struct anlib *a, const size_t *rows, size_t n)
{
	struct who_builder *b = who_begin();
	struct digest d;
	struct dg_rec r;
	size_t k;

	memset(&d, 0, sizeof d);
	for (k = 0; k < n; k++)
		if (anlib_get(a, rows[k], &r) && digest_decode(r.rec, r.len, NULL, 0, &d))
			who_add(b, (uint32_t)k, a->v[rows[k]].sortkey, &d);
	digest_release(&d);
	return who_end(b);
}

/* Add to *out the quotes of row k (entry decoded in d) said by a person marked in said. */
static void
add_quotes(const struct digest *d, size_t k, const unsigned char *said, struct anlib_quote **out,
    size_t *n, size_t *cap)
{
	size_t i;

	for (i = 0; i < d->nquotes; i++) {
		const struct dg_quote *q = &d->quotes[i];
		struct anlib_quote *o;

		if (q->text == NULL)
			continue;
		if (said != NULL && (q->speaker < 0 || !said[q->speaker]))
			continue;
		ARRAY_GROW(*out, *n + 1, *cap);
		o = &(*out)[(*n)++];
		o->row = k;
		o->qi = q->qi;
		o->speaker = q->speaker >= 0 ? d->people[q->speaker].name : NULL;
		o->text = q->text;
		o->len = q->len;
	}
}

size_t
anlib_quotes(const struct anlib *a, const size_t *rows, size_t n, const struct who *w,
    size_t p, struct anlib_quote **out)
{
	const struct who_person *wp = w != NULL ? &w->v[p] : NULL;
	unsigned char *said = NULL;
	struct digest d;
	struct dg_rec r;
	size_t k, i, nq = 0, cap = 0, next = wp != NULL ? wp->first : 0;

	*out = NULL;
	memset(&d, 0, sizeof d);
	for (k = 0; k < n; k++) {
		size_t first = next;

		if (wp != NULL) {
			/* the person's appearances are in row order: those of row k */
			if (next >= wp->first + wp->count || w->apps[next].article != k)
				continue;
			while (next < wp->first + wp->count && w->apps[next].article == k)
				next++;
		}
		if (!anlib_get(a, rows[k], &r) || !digest_decode(r.rec, r.len, r.text, r.tlen, &d))
			continue;
		if (wp != NULL) {
			said = xrealloc(said, d.npeople + 1);
			memset(said, 0, d.npeople + 1);
			for (i = first; i < next; i++)
				if (w->apps[i].person < d.npeople)
					said[w->apps[i].person] = 1;
		}
		add_quotes(&d, k, said, out, &nq, &cap);
	}
	free(said);
	digest_release(&d);
	return nq;
}

void
anlib_free(struct anlib *a)
{
	size_t i;

	if (a == NULL)
		return;
	anlib_cancel(a);
	for (i = 0; i < a->nscratch; i++) {
		arena_free(a->scratch[i].arena);
		buf_free(&a->scratch[i].rec);
		buf_free(&a->scratch[i].text);
	}
	free(a->scratch);
	dgcache_free(a->cache);
	free(a->slot);
	free(a->cached);
	free((void *)a->ready);
	free(a->todo);
	free(a);
}
