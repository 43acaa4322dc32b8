/*
 * anlib.h: the analysis of a whole library: one digest (digest.h) per
 * article, taken from the analysis cache when the file has not changed,
 * else made by analysing the article again, on every core (pool.h), while
 * the caller goes on (the reader keeps answering keys and shows what has
 * come in). Each article is analysed through reading.h, the same sequence
 * the reader and "byline quotes" use, so a digest is what they would find.
 */
#ifndef BYLINE_ANLIB_H
#define BYLINE_ANLIB_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "digest.h"
#include "library.h"
#include "who.h"

struct anlib;

/*
 * The analysis of the entries v[0..n) (borrowed: they must outlive it),
 * with the cache c (taken; NULL for none). What the cache holds is ready at
 * once; nothing is analysed before anlib_start().
 */
struct anlib *anlib_new(const struct lib_entry *v, size_t n, struct dgcache *c);

/*
 * Analyse the entries not ready on threads threads (0: every core) and
 * return at once. notify_fd: see pool_start(). Does nothing while a run is
 * under way or when there is nothing to do.
 */
void anlib_start(struct anlib *a, unsigned threads, int notify_fd);

/* Entries analysed by this run so far, and how many it has to do (0: none). */
size_t anlib_done(const struct anlib *a);
size_t anlib_todo(const struct anlib *a);

/* Is a run under way (threads working)? */
bool anlib_busy(struct anlib *a);

/* Wait up to ms milliseconds for the run to end; returns !anlib_busy(). */
bool anlib_wait(struct anlib *a, int ms);

/*
 * Stop the run: articles not begun are left, those under way are cut
 * short and left too (never half a digest). Waits for the threads.
 */
void anlib_cancel(struct anlib *a);

/* Wait for the run to end (or return at once when none). */
void anlib_finish(struct anlib *a);

/*
 * Entry i's digest record and its texts (rec->text NULL while the cache's
 * texts are not read: anlib_texts()). False while it is not ready.
 */
bool anlib_get(const struct anlib *a, size_t i, struct dg_rec *rec);

/* Entry i's count of quotations (not fragments), or -1 while not known. */
long anlib_nquotes(const struct anlib *a, size_t i);

/* How many entries are ready. */
size_t anlib_ready(const struct anlib *a);

/*
 * Make the quote texts of the cached entries available (the cache's
 * section of texts is read once). When they cannot be read, those entries
 * are made not ready, to be analysed again by the next anlib_start().
 * Does not wait for a run under way. Returns whether every ready entry has
 * its texts.
 */
bool anlib_texts(struct anlib *a);

/*
 * Save the ready entries as the cache at path when anything changed since
 * it was read (an article analysed anew, one gone), with the people of the
 * whole library (anlib_summary()) when every entry is ready: all, when
 * not NULL, is that list already made (anlib_who() over every entry, in
 * order, sorted WHO_BY_QUOTES). isum: the front-matter cache's checksum
 * (cache_sum(); 0 when none), for a first paint to trust the people saved.
 * Needs the texts (read here when not yet). Returns 0, or -1 (nothing to
 * save, or a failure).
 */
int anlib_save(struct anlib *a, const char *path, const struct who *all, uint64_t isum);

/*
 * The people of the entries rows[0..n) that are ready, as one list
 * (who.h); article k of the result is rows[k]. Free it with who_free()
 * before a. Can't fail.
 */
struct who *anlib_who(const struct anlib *a, const size_t *rows, size_t n);

/* One quotation of a library: entry rows[row], the qi-th of its analysis. */
struct anlib_quote {
	size_t		 row;
	uint32_t	 qi;
	const char	*speaker;	/* the name as that article has it, or NULL */
	const char	*text;		/* NUL-terminated, len bytes */
	size_t		 len;
};

/*
 * The quotations of rows[0..n), in the rows' order then the article's,
 * into *out (the caller frees it; the strings live in a): all of them
 * when w is NULL, else those of person p of w (anlib_who() over the same
 * rows). Entries whose texts are not at hand (anlib_texts()) give none.
 * Returns how many.
 */
size_t anlib_quotes(const struct anlib *a, const size_t *rows, size_t n, const struct who *w,
    size_t p, struct anlib_quote **out);

/* The fingerprint of the library v[0..n): its paths, sizes and times, in order. */
uint64_t anlib_fingerprint(const struct lib_entry *v, size_t n);

/*
 * The people of the whole library as anlib_save() left them with the cache
 * c, most quoted first, when fingerprint is the library's it was saved for;
 * else NULL. They point into c: free the result (who_free()) first. It has
 * counts, names and roles, not appearances.
 */
struct who *anlib_summary(struct dgcache *c, uint64_t fingerprint);

/*
 * anlib_summary() of a's own cache for a's library: the people of all of
 * it as saved, when nothing changed since and every entry is ready; else
 * NULL. Free the result before a.
 */
struct who *anlib_saved_people(struct anlib *a);

/* Stop any run and release everything. NULL is allowed. */
void anlib_free(struct anlib *a);

#endif
