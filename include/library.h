/*
 * library.h: the articles under a set of paths, as the library view and
 * "byline list" show them. Only the front matter of each file is read.
 */
#ifndef BYLINE_LIBRARY_H
#define BYLINE_LIBRARY_H

#include <signal.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "diag.h"

struct arena;
struct fold_pat;
struct lib_cache;

/* One article in the library; strings live in the library's arena. */
struct lib_entry {
	const char	*path;
	const char	*title;
	const char	*source;	/* "" when none */
	const char	*key;		/* read-mark key */
	const char	*date;		/* YYYY-MM-DD, or "" */
	int64_t		 sortkey;	/* INT64_MIN when undated */
	uint64_t	 size;		/* the file's size and time when read */
	int64_t		 mtime_sec;
	long		 mtime_nsec;
	int		 flags;		/* ARTICLE_* flags */
	unsigned	 nerrors;	/* errors found while reading the head */
	struct diag	*errors;	/* those errors */
	uint32_t	 rank;		/* its place in the cache's order, or UINT32_MAX */
};

struct library {
	struct lib_entry	*v;
	size_t			 n;
	size_t			 cap;
	struct arena		*arena;
	size_t			 cache_hits;	/* entries the last scan took from the cache */
	struct lib_cache	*cache;		/* the cache entries point into, or NULL */
};

/*
 * Called for each problem met while scanning (a missing path, a file that
 * cannot be read, an error in a front matter). path is the file concerned.
 */
typedef void (*library_diag_fn)(const char *path, const struct diag *d, void *arg);

/* Called now and then while scanning with the number of articles read so far. */
typedef void (*library_progress_fn)(size_t n, void *arg);

/*
 * Called now and then while a scan reads files on several threads, on the
 * thread that called library_scan(): rows are the first articles of what
 * was read so far, in the library's order (at most preview_max of them;
 * copies whose strings stay valid until the scan returns); done of total
 * files are read. Once, as soon as the walk has found preview_max files,
 * before it goes on: the first files found, with done 0 and total
 * SIZE_MAX (not known yet), so that a big folder shows rows at once.
 */
typedef void (*library_preview_fn)(const struct lib_entry *rows, size_t nrows, size_t done,
    size_t total, void *arg);

struct library_scan_opts {
	library_diag_fn		 diag;		/* may be NULL */
	struct lib_cache	*cache;		/* heads read before, or NULL */
	library_progress_fn	 progress;	/* may be NULL */
	void			*arg;
	bool			 warnings;	/* pass warnings to diag, not just errors */
	bool			 full;		/* read whole files (byline check) */
	const volatile sig_atomic_t *cancel;	/* when set: stop scanning (the result is partial) */
	library_preview_fn	 preview;	/* may be NULL */
	size_t			 preview_max;
};

/*
 * Add to lib every article under paths: files named directly (whatever their
 * extension) and, in folders, recursively, files ending in .md, .markdown or
 * .txt. Hidden entries are skipped; symbolic links are followed, loops are
 * not. The folders are walked first, then the files are read on every core
 * (pool.h; a handful of files, a full read or warnings: on one), the result
 * the same either way. Returns the number of paths that could not be read
 * at all.
 */
size_t library_scan(struct library *lib, char *const *paths, size_t npaths,
    const struct library_scan_opts *opts);

/*
 * library_scan() with the front matter cache (see cache.h): records whose
 * file has not changed are taken from it, and it is rewritten when anything
 * changed. Then sorts. Returns what library_scan() returns.
 */
size_t library_scan_cached(struct library *lib, char *const *paths, size_t npaths,
    const struct library_scan_opts *opts);

/* Sort newest first, then by title, then by path; undated articles last. */
void library_sort(struct library *lib);

/*
 * Does e match the pattern (fold.h: smart case and accents) in its title,
 * source, date or path? An empty pattern matches every entry.
 */
bool library_entry_matches(const struct lib_entry *e, const struct fold_pat *p);

/* Release everything the library holds; it is then empty and reusable. */
void library_free(struct library *lib);

/* Does name have an extension the scan takes (.md, .markdown, .txt)? */
bool library_is_article_name(const char *name);

#endif
