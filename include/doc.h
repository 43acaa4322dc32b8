/*
 * doc.h: an article as a sequence of display blocks.
 *
 * The body pane and "byline show" both render a doc: header blocks (title,
 * subtitle, a line of source, date and authors), then the body's paragraphs,
 * then the update notes. Blocks point into the article's text; nothing is
 * copied except the few header strings built here. doc.text is the body text
 * the analysis reads, and every offset the analysis returns is into it.
 */
#ifndef BYLINE_DOC_H
#define BYLINE_DOC_H

#include <stddef.h>
#include <stdint.h>

#include "span.h"

struct article;
struct arena;

enum block_kind {
	BLOCK_TITLE,
	BLOCK_SUBTITLE,
	BLOCK_META,		/* source, date, authors */
	BLOCK_PARA,		/* a body paragraph */
	BLOCK_HEADING,		/* a heading inside the body */
	BLOCK_QUOTE,		/* a block quote */
	BLOCK_CODE,		/* verbatim text: not wrapped at words */
	BLOCK_ITEM,		/* a list item */
	BLOCK_NOTE,		/* an update note after the body */
};

/* Offset value for blocks whose text is not from the body. */
#define DOC_NOT_BODY SIZE_MAX

struct block {
	enum block_kind	 kind;
	const char	*text;		/* not NUL-terminated */
	size_t		 len;
	size_t		 body_off;	/* text - doc.text, or DOC_NOT_BODY */
	int		 indent;	/* columns before every line */
	int		 level;		/* heading level, list depth */
};

/* Character styles of Markdown bodies, as runs of doc.text. */
enum dstyle_kind {
	DSTYLE_EM,
	DSTYLE_STRONG,
	DSTYLE_CODE,
	DSTYLE_LINK,
	DSTYLE_DIM,
};

struct dstyle {
	size_t	start, end;
	int	kind;
};

struct doc {
	struct block	*blocks;
	size_t		 nblocks;
	size_t		 cap;
	size_t		 first_body;	/* index of the first body block */
	size_t		 end_body;	/* one past the last body block */
	const char	*text;		/* the body text (analysis input) */
	size_t		 len;
	struct span	*paras;		/* the body paragraphs, as spans of text */
	size_t		 nparas;
	struct arena	*arena;		/* header strings */
	char		*owned;		/* rendered Markdown text, or NULL */
	char		*clean;		/* a plain body without its template markup, or NULL */
	struct dstyle	*styles;	/* sorted by start */
	size_t		 nstyles;
	size_t		 styles_cap;
};

/*
 * Build the blocks of article a (loaded in full). The doc points into a,
 * which must outlive it. Release with doc_free(). Can't fail.
 */
void doc_build(struct doc *d, const struct article *a);

void doc_free(struct doc *d);

/*
 * After article_load_rest(): lay out the rest of the body. The blocks
 * before the last body block built so far are kept as they were (so
 * positions in them stay valid); that block and all after it are rebuilt.
 * Only for plain bodies (Markdown is rendered from the whole file).
 */
void doc_extend(struct doc *d, const struct article *a);

/*
 * The block holding body offset off (the last body block starting at or
 * before it), found by binary search; d->first_body when off precedes them.
 */
size_t doc_block_at(const struct doc *d, size_t off);

#endif
