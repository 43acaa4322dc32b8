/*
 * fetch.h: fill the library from feeds and web pages.
 *
 * fetch_run() downloads every source given (several at once), reads each
 * as a feed (or, when it is a web page, through the HTML import), and
 * writes each story it has not written before as an article file in DIR:
 * DIR/<source-slug>/YYYY-MM-DD-<title-slug>.md (story.h). A story that
 * comes back with a newer date and a changed text is rewritten in place
 * with an "updates" entry; its id (the feed's guid or id, else its link)
 * stays, so its read mark does too.
 *
 * What was written is remembered per DIR in the state folder
 * ($XDG_STATE_HOME/byline/fetch/<hash of DIR>/): "seen" (a journal of the
 * stories written: key, version, hash of the text, path), "http.json"
 * (each feed's ETag and Last-Modified, sent back next time so that an
 * unchanged feed costs a 304, and a Retry-After the server asked for),
 * "dir" (DIR, for people) and "lock", held for the whole run so that two
 * fetches into one DIR never write the same story twice.
 *
 * Stories are written atomically, many with one flush (file_batch); a run
 * killed at any moment leaves no torn file and loses nothing written. A
 * failed feed never stops the others.
 */
#ifndef BYLINE_FETCH_H
#define BYLINE_FETCH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Defaults (the issue's): seconds, bytes, transfers at once. */
#define FETCH_CONNECT_TIMEOUT	10
#define FETCH_TIMEOUT		60
#define FETCH_MAX_SIZE		(20u * 1024 * 1024)
#define FETCH_PARALLEL		4

/* One thing to fetch: a feed or a page. */
struct fetch_src {
	const char	*url;
	bool		 full;		/* download each story's own page too */
	const char	*name;		/* the source's name to use, or NULL (the feed's title) */
};

/* What became of one source. */
enum fetch_status {
	FETCH_OK,		/* fetched and read; its new stories written */
	FETCH_UNCHANGED,	/* 304 Not Modified: nothing to do */
	FETCH_FAILED,		/* error says why */
	FETCH_DEFERRED,		/* not asked: the server said to wait (retry_after) */
	FETCH_CANCELLED,	/* the run was cancelled before it was done */
};

struct fetch_result {
	char			*url;
	enum fetch_status	 status;
	char			*error;		/* FAILED, DEFERRED: why; else NULL */
	int64_t			 retry_after;	/* epoch seconds the server asked to wait until, or 0 */
	size_t			 nnew;		/* stories written */
	size_t			 nupdated;	/* stories rewritten */
	size_t			 nwarnings;	/* --full pages that could not be had */
};

struct fetch_report {
	char			 *dir;		/* where the stories went (absolute) */
	struct fetch_result	 *v;		/* one per source, in the order given */
	size_t			  n;
	char			**paths;	/* the files written (new, then updated ones too) */
	size_t			  npaths, pcap;
	size_t			  nnew, nupdated, nfailed;
	bool			  cancelled;
};

/* Progress, as fetch_run() reports it while it works. */
struct fetch_progress {
	size_t		 done;		/* sources finished */
	size_t		 total;
	size_t		 nnew;		/* stories written so far */
	const char	*waiting;	/* non-NULL while waiting for another fetch's lock: DIR */
};

struct fetch_opts {
	const char	*dir;			/* DIR: the library folder (created when missing) */
	const char	*state_root;		/* NULL: fetch_state_root() */
	long		 connect_timeout;	/* 0: FETCH_CONNECT_TIMEOUT */
	long		 timeout;		/* 0: FETCH_TIMEOUT */
	size_t		 max_size;		/* 0: FETCH_MAX_SIZE */
	int		 parallel;		/* 0: FETCH_PARALLEL */
	bool		 full;			/* every source as if its full were set */
	bool		 people;		/* find the people of each story (the analysis engine) */
	/* called now and then (at least every 100 ms while transfers run); may be NULL */
	void		(*progress)(const struct fetch_progress *p, void *arg);
	/* polled as often; returning true stops the run: transfers are
	   abandoned, what was written stays; may be NULL */
	bool		(*cancelled)(void *arg);
	void		 *arg;
};

/*
 * Make libcurl (loaded now) and libxml2 ready; call once from the main
 * thread before any thread that fetches starts. Calling again does nothing.
 * Returns NULL, or why nothing can be fetched here (libcurl missing):
 * fetch_run() then fails with that cause.
 */
const char *fetch_global_init(void);

/*
 * The folder of byline's state: $XDG_STATE_HOME/byline, else
 * ~/.local/state/byline; NULL when neither variable is set. The caller
 * frees it.
 */
char *fetch_state_root(void);

/*
 * The folder the reader opens by default and fetch writes into:
 * $BYLINE_ARTICLES, else the config's library (config_file: --config or
 * NULL for the default), else $XDG_DATA_HOME/byline/articles (default
 * ~/.local/share/byline/articles). *chosen (when not NULL) is true when
 * one of the first two named it. NULL when nothing names a folder. The
 * caller frees it.
 */
char *fetch_library_dir(const char *config_file, bool *chosen);

/*
 * Fetch the n sources src into o->dir, filling rep (which the caller
 * releases with fetch_report_free(), whatever the result). Returns 0 when
 * the run was made (rep says how each source went, rep->nfailed how many
 * failed), or -1 with *cause (the caller frees) when it could not start:
 * DIR or the state folder unusable.
 */
int fetch_run(const struct fetch_opts *o, const struct fetch_src *src, size_t n,
    struct fetch_report *rep, char **cause);

/* Release what a report holds. */
void fetch_report_free(struct fetch_report *rep);

#endif
