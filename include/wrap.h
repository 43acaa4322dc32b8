/*
 * wrap.h: text to display lines at a width, and a lazy layout of a doc.
 *
 * Wrapping breaks at spaces by display width (grapheme clusters and widths
 * from the sanitiser, so CJK takes two columns, combining marks none, and
 * control bytes their placeholders' width); a word longer than the line is
 * cut. Tabs go to the next multiple of eight columns. Lines are byte spans
 * of the text: nothing is copied.
 *
 * The layout wraps a block only when it is asked for, and keeps the last
 * few wrapped blocks, so the cost of a keystroke does not grow with the
 * article.
 */
#ifndef BYLINE_WRAP_H
#define BYLINE_WRAP_H

#include <stdbool.h>
#include <stddef.h>

#include "doc.h"

#define WRAP_TABSTOP 8

struct wline {
	size_t	start;		/* byte span of the block's text */
	size_t	end;
};

/*
 * Wrap text[0..len) at width columns (at least 1), appending lines to *lines
 * (an array of *cap elements, grown as needed) and returning the new count n
 * (the array held *n before). With verbatim, lines break only at newlines
 * and at the width. Can't fail.
 */
size_t wrap_text(const char *text, size_t len, int width, bool verbatim,
    struct wline **lines, size_t *n, size_t *cap);

/* Display width of text[0..len) drawn from column 0 (tabs expanded). */
int wrap_width(const char *text, size_t len);

/* A place in a layout: a block and a row within it (its lines, then gap rows). */
struct lpos {
	size_t	block;
	size_t	row;
};

struct layout;

/* A layout of d at width columns; d must outlive it. Can't fail. */
struct layout *layout_new(const struct doc *d, int width);
void layout_free(struct layout *L);
/* Change the width; wrapped blocks are forgotten. */
void layout_set_width(struct layout *L, int width);
int layout_width(const struct layout *L);

/* The columns block b is indented by. */
int layout_indent(const struct layout *L, size_t b);

/* The wrapped lines of block b (at least one, maybe empty). Valid until the next call. */
const struct wline *layout_lines(struct layout *L, size_t b, size_t *n);

/* Rows block b takes: its lines and the blank rows after it. */
size_t layout_rows(struct layout *L, size_t b);

/*
 * The line shown at pos, or NULL for a blank row between blocks.
 * Valid until the next call into the layout.
 */
const struct wline *layout_line_at(struct layout *L, struct lpos pos);

/*
 * Move pos by delta rows (down when positive), stopping at the first and
 * last rows. Returns how many rows it moved (as a positive number).
 */
size_t layout_move(struct layout *L, struct lpos *pos, long delta);

/* The first row of the layout, and its last row. */
struct lpos layout_first(struct layout *L);
struct lpos layout_last(struct layout *L);

/* The row showing byte off of block b's text. */
struct lpos layout_pos_of(struct layout *L, size_t b, size_t off);

/* The row showing body offset off. */
struct lpos layout_pos_of_body(struct layout *L, size_t off);

/* The byte offset in its block's text of the line at pos (0 for gap rows). */
size_t layout_offset_at(struct layout *L, struct lpos pos);

/* Compare positions: <0, 0, >0. */
int lpos_cmp(struct lpos a, struct lpos b);

#endif
