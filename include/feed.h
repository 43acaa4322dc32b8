/*
 * feed.h: an RSS or Atom feed read into its items.
 *
 * Reads RSS 0.91, 0.92 and 2.0, RSS 1.0 (RDF) and Atom 0.3 and 1.0 with
 * libxml2, never touching the network, loading no DTD and no external
 * entity, with entity expansion bounded (a "billion laughs" feed is an
 * error). Before libxml2 sees the bytes they are repaired the way real
 * feeds need: the encoding checked against the bytes (a feed declared
 * ISO-8859-1 that is UTF-8 is read as UTF-8, Latin-1 and windows-1252
 * bytes in a UTF-8 feed are read as windows-1252), HTML entities that XML
 * does not define (&nbsp;, &eacute;) made numeric, a bare & escaped,
 * control characters dropped; an unclosed element at the end is recovered.
 *
 * Text fields (titles, names, captions) come out as plain UTF-8 text with
 * entities decoded, CDATA read and any HTML in them reduced to its text.
 * Bodies come out as HTML (Atom text content escaped into paragraphs) with
 * the URL their relative links resolve against. Every string is in the
 * feed's arena.
 */
#ifndef BYLINE_FEED_H
#define BYLINE_FEED_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct arena;

/* Limits: items read from one feed, images kept per item. */
#define FEED_MAX_ITEMS	10000
#define FEED_MAX_IMAGES	32

enum feed_kind {
	FEED_RSS,	/* RSS 0.9x and 2.0 */
	FEED_RDF,	/* RSS 1.0 (and 0.90) */
	FEED_ATOM,	/* Atom 1.0 and 0.3 */
};

/* A photo the feed gives for an item: any field but url may be NULL. */
struct feed_image {
	const char	*url;		/* absolute */
	const char	*caption;	/* media:description */
	const char	*credit;	/* media:credit */
	const char	*title;		/* media:title */
};

struct feed_item {
	const char		 *title;	/* plain text, or NULL */
	const char		 *link;		/* absolute, or NULL */
	const char		 *id;		/* guid / id / rdf:about, else link, or NULL */
	const char		 *date;		/* published, as written, or NULL */
	const char		 *updated;	/* updated, as written, or NULL */
	int64_t			  date_t;	/* date as epoch seconds, when has_date */
	int64_t			  updated_t;	/* updated as epoch seconds, when has_updated */
	bool			  has_date;
	bool			  has_updated;
	const char		**authors;	/* names */
	size_t			  nauthors;
	const char		**tags;		/* categories */
	size_t			  ntags;
	const char		 *content;	/* HTML: content:encoded, Atom content; or NULL */
	const char		 *summary;	/* HTML: description, Atom summary; or NULL */
	const char		 *base;		/* what relative links in them resolve against */
	struct feed_image	 *images;
	size_t			  nimages;
	unsigned		  line;		/* where the item starts in the feed */
};

struct feed {
	struct arena		*arena;		/* owns every string */
	enum feed_kind		 kind;
	const char		*title;		/* plain text, or NULL */
	const char		*link;		/* the site, absolute, or NULL */
	const char		*subtitle;	/* plain text, or NULL */
	struct feed_item	*items;		/* in the feed's order */
	size_t			 nitems;
	unsigned		 errors;	/* XML errors recovered from */
};

/*
 * Make libxml2 ready for feeds (and refuse every external entity, for good);
 * call from the main thread before a thread reads feeds. feed_parse() calls
 * it too. Calling again does nothing.
 */
void feed_global_init(void);

/*
 * Read the feed in data (len bytes) into f (which the caller allocates and
 * releases with feed_free()). url is where it came from (relative links
 * resolve against it; may be NULL); charset is the one the HTTP
 * Content-Type named (may be NULL). Returns 0, or -1 with *cause (the
 * caller frees) when data is no feed at all: not XML, an entity bomb, a
 * root element that is neither rss, RDF nor feed (the cause then names it).
 */
int feed_parse(struct feed *f, const char *data, size_t len, const char *url,
    const char *charset, char **cause);

/* Release what feed_parse() allocated. Safe on a zeroed or failed feed. */
void feed_free(struct feed *f);

/*
 * Does data look like a feed rather than a web page: after a byte-order
 * mark, an XML declaration, comments and a doctype, is the first element
 * rss, rdf:RDF or feed?
 */
bool feed_sniff(const char *data, size_t len);

/*
 * The MIME charset parameter of a Content-Type value ("text/xml;
 * charset=ISO-8859-1" -> "ISO-8859-1") into out (size bytes); false when it
 * names none.
 */
bool feed_charset(const char *content_type, char *out, size_t size);

#endif
