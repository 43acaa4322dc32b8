/*
 * subs.h: the subscriptions, $XDG_CONFIG_HOME/byline/feeds (default
 * ~/.config/byline/feeds), in newsboat's "urls" format so that a newsboat
 * user copies the file over:
 *
 *	# a comment; blank lines are ignored
 *	https://example.org/feed.xml news "long read"
 *	https://example.org/world.rss world !full ~World News
 *
 * One URL a line, then its tags, separated by spaces; a tag with spaces is
 * quoted ("a tag", with \" and \\ inside). A word starting with # begins a
 * comment. Tags byline understands: "!full" (download each story's own
 * page), "~Name" (the name to use as the stories' source). Other tags are
 * kept as they are. Edits (subs_add, subs_remove) rewrite the file
 * atomically under a lock, keeping every other line, comments included,
 * byte for byte.
 */
#ifndef BYLINE_SUBS_H
#define BYLINE_SUBS_H

#include <stdbool.h>
#include <stddef.h>

#include "diag.h"

/* Longest line read, and most subscriptions kept. */
#define SUBS_MAX_LINE	8192
#define SUBS_MAX	100000

struct sub {
	char		 *url;
	char		**tags;		/* every tag as written, "!full" and "~Name" too */
	size_t		  ntags;
	bool		  full;		/* the "!full" tag */
	char		 *name;		/* from "~Name", or NULL */
	unsigned	  line;
};

struct subs {
	struct sub	*v;
	size_t		 n;
	size_t		 cap;
	struct diags	 diags;		/* lines that could not be read, with line:col */
};

/*
 * The subscriptions file: $XDG_CONFIG_HOME/byline/feeds, else
 * ~/.config/byline/feeds; NULL when neither variable is set. The caller
 * frees it.
 */
char *subs_default_path(void);

/* Parse the bytes of a subscriptions file into s (which starts empty). Can't fail. */
void subs_parse(struct subs *s, const char *data, size_t len);

/*
 * Read the file at path into s (which starts empty). A missing file is
 * no subscription at all. Returns 0, or -1 with *cause (the caller frees)
 * when the file cannot be read; lines that cannot be understood go to
 * s->diags.
 */
int subs_load(struct subs *s, const char *path, char **cause);

/* Release what subs_parse()/subs_load() allocated; s is empty after it. */
void subs_free(struct subs *s);

/*
 * Is url one byline can fetch: http:// or https://, a host, no space or
 * control character? When not, *why (when not NULL) says why (static).
 */
bool subs_url_ok(const char *url, const char **why);

/*
 * Subscribe to url with the ntags tags: a line appended to the file at
 * path (created, with its folder, when missing). Returns 1 when url was
 * added, 0 when it was already there (nothing changed), -1 with *cause
 * (the caller frees) when the URL or a tag is not acceptable or the file
 * could not be written.
 */
int subs_add(const char *path, const char *url, char *const *tags, size_t ntags,
    char **cause);

/*
 * Unsubscribe: every line whose URL is url removed. Returns 1 when one
 * was, 0 when url was not subscribed (nothing changed), -1 with *cause
 * (the caller frees) when the file could not be read or written.
 */
int subs_remove(const char *path, const char *url, char **cause);

#endif
