/*
 * feed-int.h: what the feed reader's files share (feedprep.c repairs the
 * bytes, feed.c walks the tree, feedtext.c turns nodes into text).
 */
#ifndef BYLINE_FETCH_FEED_INT_H
#define BYLINE_FETCH_FEED_INT_H

#include <stdbool.h>
#include <stddef.h>

#include <libxml/tree.h>

#include "feed.h"
#include "util.h"

/*
 * Repair the bytes of a feed for libxml2 into out (see feed.h): the
 * encoding settled, HTML entities made numeric, a bare & escaped, control
 * characters dropped. Returns the encoding to tell libxml2: "UTF-8" when
 * out holds UTF-8 (whatever the feed declares), else the name of an
 * encoding libxml2 should convert (the feed's own, ASCII-compatible,
 * stored in enc, encsize bytes), or NULL when data is UTF-16 or UTF-32 and
 * was copied unchanged. charset is the HTTP one (may be NULL). Can't fail.
 */
const char *feedprep(struct buf *out, const char *data, size_t len, const char *charset,
    char *enc, size_t encsize);

/*
 * The same, forcing the Latin-1 repair (bytes that are not UTF-8 read as
 * windows-1252): for when libxml2 does not know the feed's encoding.
 */
void feedprep_latin(struct buf *out, const char *data, size_t len);

/* The state of one parse: the feed filled, and the entity budget. */
struct feed_ctx {
	struct feed	*f;
	xmlDocPtr	 doc;
	const char	*url;		/* the feed's address (in the arena), or NULL */
	size_t		 budget;	/* bytes entity expansion may still add */
	bool		 bomb;		/* the budget ran out */
	size_t		 cap_items;
};

/*
 * The text of node's children (text, CDATA, entities expanded within the
 * budget, elements' text too), appended to out. Can't fail.
 */
void feedtext_raw(struct feed_ctx *c, xmlNodePtr node, struct buf *out);

/* Kinds of text an element may hold. */
enum feedtext_type {
	FT_TEXT,	/* plain text */
	FT_HTML,	/* escaped HTML */
	FT_XHTML,	/* XHTML elements inside */
	FT_GUESS,	/* RSS: HTML when it looks like HTML */
};

/* The type an Atom text construct's type attribute (or 0.3 mode) names. */
enum feedtext_type feedtext_atom_type(struct feed_ctx *c, xmlNodePtr node);

/*
 * The attribute name (no namespace) of node, entities expanded within the
 * budget and spaces folded, in the feed's arena; NULL when absent or empty.
 */
const char *feedtext_attr(struct feed_ctx *c, xmlNodePtr node, const char *name);

/*
 * node's content as one line of plain text in the feed's arena: entities
 * decoded, HTML reduced to its text, spaces folded, ends trimmed; NULL
 * when empty.
 */
const char *feedtext_line(struct feed_ctx *c, xmlNodePtr node, enum feedtext_type type);

/*
 * node's content as HTML in the feed's arena: HTML as it is, XHTML
 * written out as HTML, plain text escaped into paragraphs; NULL when empty.
 */
const char *feedtext_html(struct feed_ctx *c, xmlNodePtr node, enum feedtext_type type);

/* The text of an HTML string (tags dropped, entities decoded), appended to out. */
void feedtext_strip_html(const char *html, size_t len, struct buf *out);

/* Is s one of the n strings of v (ASCII case ignored)? */
bool feedtext_among(const char *s, const char *const *v, size_t n);

/* A string of the arena: s[0..len) with spaces folded and the ends trimmed; NULL when empty. */
const char *feedtext_fold(struct feed_ctx *c, const char *s, size_t len);

#endif
