/*
 * fetch-int.h: the state fetch keeps per library folder (fetchdir.c), for
 * fetch.c (see fetch.h for the files).
 */
#ifndef BYLINE_FETCH_INT_H
#define BYLINE_FETCH_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "strmap.h"
#include "util.h"

/* A story written before. */
struct fetch_seen {
	int64_t		 version;	/* its updated (else published) date, epoch seconds; 0: none */
	uint64_t	 hash;		/* of its text, updates left out */
	char		*rel;		/* its file, inside DIR */
};

/* What the server said about one feed last time. */
struct fetch_http {
	char		*etag;
	char		*last_modified;
	int64_t		 retry_after;
};

/* The state of one library folder, open for one run. */
struct fetch_dir {
	char		*dir;		/* DIR, absolute, links resolved */
	char		*state;		/* its state folder */
	int		 lock;		/* the lock's descriptor */
	int		 journal;	/* "seen", open for appending; -1 when unusable */
	struct strmap	 seen;		/* key -> struct fetch_seen * */
	struct strmap	 http;		/* feed URL -> struct fetch_http * */
	struct buf	 pending;	/* journal lines not written yet */
	bool		 http_dirty;
};

/*
 * Open the state of folder dir (created with its parents when missing)
 * under state_root, taking its lock. When another process holds the lock:
 * wait_fn (when not NULL) is called with arg every 100 ms while waiting,
 * and its returning true gives up (-1, errno ECANCELED). Returns 0, or -1
 * with *cause (the caller frees).
 */
int fetchdir_open(struct fetch_dir *d, const char *dir, const char *state_root,
    bool (*wait_fn)(const char *dir, void *arg), void *arg, char **cause);

/* Write what is pending, save the HTTP state, release the lock and the memory. */
void fetchdir_close(struct fetch_dir *d);

/* The story written before under key, or NULL. */
struct fetch_seen *fetchdir_seen(struct fetch_dir *d, const char *key);

/* Remember (in memory and in the journal's pending lines) that key was written. */
void fetchdir_remember(struct fetch_dir *d, const char *key, int64_t version, uint64_t hash,
    const char *rel);

/* Append the pending journal lines to "seen". Returns 0, or -1 with errno. */
int fetchdir_flush(struct fetch_dir *d);

/* The HTTP state of url, or NULL. */
const struct fetch_http *fetchdir_http(struct fetch_dir *d, const char *url);

/* Replace the HTTP state of url (any string may be NULL; copied). */
void fetchdir_set_http(struct fetch_dir *d, const char *url, const char *etag,
    const char *last_modified, int64_t retry_after);

/*
 * Append s to out with %, tab, CR and LF written %25, %09, %0D, %0A (the
 * journal's fields); unescape with fetchdir_unescape() in place.
 */
void fetchdir_escape(struct buf *out, const char *s);
void fetchdir_unescape(char *s);

#endif
