/*
 * sanitize.h: untrusted text to safe, displayable units.
 *
 * Article text may hold anything. Every piece of it that reaches a terminal
 * or standard output goes through glyph_next(), which cuts text into units
 * the screen can show: a grapheme cluster (with its display width), a space,
 * a tab, a line break, or a visible placeholder for what must never be
 * written raw: C0 and C1 control characters and DEL (shown as "^[" or
 * "<U+009B>", as less does), bidirectional overrides, unassigned code points,
 * and invalid UTF-8 (shown as U+FFFD). Widths come from utf8proc, so they do
 * not depend on the locale.
 */
#ifndef BYLINE_SANITIZE_H
#define BYLINE_SANITIZE_H

#include <stdbool.h>
#include <stddef.h>

#include "util.h"

enum glyph_kind {
	GLYPH_TEXT,		/* a printable grapheme cluster: out = the source bytes */
	GLYPH_PLACEHOLDER,	/* something not to show raw: out = its visible stand-in */
	GLYPH_SPACE,		/* a breakable space (out = " " repeated width times) */
	GLYPH_TAB,		/* a tab; the caller expands it */
	GLYPH_NEWLINE,		/* LF or CRLF */
};

/* Longest cluster glyph_next() returns; longer combining runs are split. */
#define GLYPH_MAX_CODEPOINTS 16

struct glyph {
	size_t		 len;		/* source bytes consumed, >= 1 */
	enum glyph_kind	 kind;
	int		 width;		/* display columns (0 for TAB and NEWLINE) */
	const char	*out;		/* valid UTF-8 to show; never a control byte */
	size_t		 outlen;
	bool		 dotted;	/* a cluster without a base: show U+25CC before it */
	char		 repr[12];	/* storage for placeholders */
};

/*
 * Read the unit at s (len > 0) into g and return how many bytes it used.
 * This function can't fail.
 */
size_t glyph_next(const char *s, size_t len, struct glyph *g);

/* Flags for sanitize_append(). */
#define SAN_KEEP_LINES	0x1	/* keep newlines and tabs (else each becomes a space) */
#define SAN_FOLD_SPACE	0x2	/* fold runs of whitespace to one space */

/*
 * Append s to out, safe to print: every control character, bidi override and
 * invalid byte is replaced by its visible placeholder. This function can't fail.
 */
void sanitize_append(struct buf *out, const char *s, size_t len, int flags);

/* Like sanitize_append() for a NUL-terminated string; NULL appends nothing. */
void sanitize_appends(struct buf *out, const char *s, int flags);

/* Display width of s after sanitising (tabs count as one column). */
size_t sanitize_width(const char *s, size_t len);

#endif
