/*
 * article.h: one article file: YAML front matter between "---" lines, then
 * the body. Loading never fails as such: whatever is wrong with a file is a
 * diagnostic in article.diags, and the article is still usable (at worst a
 * broken entry titled from its file name).
 */
#ifndef BYLINE_ARTICLE_H
#define BYLINE_ARTICLE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "diag.h"

struct arena;

/* Limits (stated in README.md). */
#define ARTICLE_MAX_FILE	(256u * 1024 * 1024)	/* bytes in one article file */
#define ARTICLE_MAX_FRONTMATTER	(1024u * 1024)		/* bytes of front matter */
#define ARTICLE_MAX_DEPTH	64			/* YAML nesting */
#define ARTICLE_MAX_NODES	200000			/* YAML nodes, aliases expanded */
#define ARTICLE_MAX_TITLE	300			/* bytes of a title guessed from text */

/* A date and maybe a time as the front matter gives it. */
struct article_date {
	int	year, month, day;
	int	hour, min, sec;
	int	tz_min;		/* offset east of UTC, in minutes */
	bool	has_time;
	bool	has_tz;
};

struct article_person {
	const char	 *name;
	const char	 *role;		/* or NULL */
	const char	**aliases;
	size_t		  naliases;
};

struct article_image {
	const char	*title;		/* any of these may be NULL */
	const char	*caption;
	const char	*credit;
	const char	*path;
	size_t		 hide_start;	/* an image found in the body: its caption line, */
	size_t		 hide_end;	/* body bytes the text leaves out (else both 0) */
};

struct article_update {
	const char	*date;		/* as written */
	const char	*note;
};

/* article.flags */
#define ARTICLE_BROKEN		0x01	/* front matter unreadable: titled from the file name */
#define ARTICLE_NO_FRONTMATTER	0x02	/* the whole file is the body */
#define ARTICLE_TITLE_GUESSED	0x04	/* title taken from the body or file name */
#define ARTICLE_BAD_DATE	0x08	/* a date that could not be read: sorts last */
#define ARTICLE_MARKDOWN	0x10	/* the body is Markdown (.md, .markdown) */
#define ARTICLE_HEAD_ONLY	0x20	/* loaded with ARTICLE_LOAD_HEAD: no body */
#define ARTICLE_PARTIAL		0x40	/* loaded with ARTICLE_LOAD_START: the body so far */

/* Bytes ARTICLE_LOAD_START reads before the first paint. */
#define ARTICLE_START		(256u * 1024)

struct article {
	struct arena		*arena;		/* owns every string below */
	bool			 own_arena;	/* article_free() frees the arena */
	const char		*path;
	const char		*title;		/* never NULL */
	const char		*subtitle;	/* the rest may be NULL */
	const char		*source;
	const char		*url;
	const char		*id;
	const char		*date_text;	/* the date as written */
	struct article_date	 date;
	bool			 has_date;
	int64_t			 sortkey;	/* seconds since 1970 UTC; INT64_MIN without a date */
	const char		**authors;
	size_t			  nauthors;
	const char		**tags;
	size_t			  ntags;
	struct article_person	 *people;
	size_t			  npeople;
	struct article_image	 *images;
	size_t			  nimages;
	struct article_update	 *updates;
	size_t			  nupdates;
	const char		 *body;		/* into data; not NUL-terminated */
	size_t			  body_len;
	unsigned		  body_line;	/* file line of the body's first byte */
	int			  flags;
	struct diags		  diags;
	char			 *data;		/* the file's bytes (owned) */
	size_t			  data_len;
	size_t			  data_cap;	/* bytes data can hold (the file's size) */
	int			  fd;		/* open while ARTICLE_PARTIAL, else -1 */
	uint64_t		  file_size;	/* the file's size and time when opened */
	int64_t			  mtime_sec;	/* (0 when it was no regular file) */
	long			  mtime_nsec;
	char			  key[80];	/* read-mark key, see article_key() */
};

/* How much of a file article_load() reads. */
enum article_load_how {
	ARTICLE_LOAD_HEAD,	/* the front matter only (enough for the library) */
	ARTICLE_LOAD_FULL,	/* front matter and body */
	ARTICLE_LOAD_START,	/* front matter and the body's first ARTICLE_START bytes;
				 * article_load_rest() reads the rest */
};

/*
 * Load the article at path into a (which the caller allocates and later
 * releases with article_free()). Problems go to a->diags; on a file that
 * cannot be read at all the article is broken and titled from its file name.
 * If arena is not NULL the article's strings are allocated there and the
 * arena is the caller's; else the article gets an arena of its own.
 */
void article_load(struct article *a, const char *path, enum article_load_how how,
    struct arena *arena);

/*
 * Parse an article from memory (the bytes are copied). complete says whether
 * data is the whole file (else only a head was read and the body is unknown).
 * Used by article_load(), the tests and the fuzzer. Can't fail.
 */
void article_parse(struct article *a, const char *path, const char *data, size_t len,
    bool complete, struct arena *arena);

/*
 * Read the rest of an article loaded with ARTICLE_LOAD_START into the same
 * buffer (pointers into the body stay valid) and clear ARTICLE_PARTIAL.
 * Returns 0, or -1 after adding a diagnostic (the body read so far stays).
 * Does nothing to an article that is not partial.
 */
int article_load_rest(struct article *a);

/*
 * The same, at most max bytes of it at a time: ARTICLE_PARTIAL is cleared
 * once the end is read. Lets a caller stop between steps (the reader when
 * it is told to quit).
 */
int article_load_more(struct article *a, size_t max);

/* Release what article_load() or article_parse() allocated. */
void article_free(struct article *a);

/*
 * Compute the read-mark key into key[]: "id:" + id, else "url:" + url, else
 * "h:" + a hash of title, date and source. Keys longer than the buffer are
 * replaced by a hash of themselves. Called by the loader; idempotent.
 */
void article_make_key(struct article *a);

/* Format the date as YYYY-MM-DD into out (at least 11 bytes); "" when none. */
void article_date_string(const struct article *a, char *out, size_t size);

/* The file name of path without folders and extension, into the arena. */
const char *article_basename(struct arena *arena, const char *path);

/*
 * Read a date written as YYYY-MM-DD, an ISO 8601 or RFC 3339 date-time,
 * "YYYY/MM/DD", "March 4, 2022", "4 March 2022" or an RFC 2822 date.
 * Returns false when s is none of these.
 */
bool article_parse_date(const char *s, struct article_date *d);

/*
 * Split a photo caption into its caption and its credit, as captions write
 * them: "... Photo: X", "... Credit: X", "... Photo by X", "... X/Agency"
 * as the last sentence, "... (X/Agency)". Either may come out NULL; the
 * strings are in arena. Can't fail.
 */
void article_split_credit(struct arena *arena, const char *text, const char **caption,
    const char **credit);

/* Seconds since 1970-01-01 UTC for d. */
int64_t article_date_epoch(const struct article_date *d);

#endif
