/*
 * fuzz_wrap.c: wrap_text and the lazy layout at widths 1 to 300.
 *
 * Input: byte 0 and 1 give the width (1..300) and a second width for a
 * resize; byte 2 says verbatim (bit 0) and seeds the moves; the rest is the
 * text. The text is wrapped directly and checked: lines in order, inside
 * the text, no wider than the width unless one glyph is, and nothing but
 * whitespace dropped. Then the same bytes are parsed as an article and
 * laid out: walked down row by row and back up, jumped about by byte
 * offsets and by deltas from the input, resized, and walked again.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "article.h"
#include "doc.h"
#include "sanitize.h"
#include "wrap.h"

#include "fuzz-common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#ifndef FW_MAX_ROWS
#define FW_MAX_ROWS 5000
#endif
/* rows walked at most, to keep runs fast */

/* Is the glyph at text[at] (of len) whitespace? Stores its length in *n. */
static bool
fw_space_at(const char *text, size_t len, size_t at, size_t *n)
{
	struct glyph g;

	*n = glyph_next(text + at, len - at, &g);
	return g.kind == GLYPH_SPACE || g.kind == GLYPH_NEWLINE || g.kind == GLYPH_TAB;
}

/* How many glyphs of text[0..len) take columns (tabs always do). */
static size_t
fw_visible_glyphs(const char *text, size_t len)
{
	struct glyph g;
	size_t i = 0, n = 0;

	while (i < len) {
		i += glyph_next(text + i, len - i, &g);
		if (g.width > 0 || g.kind == GLYPH_TAB || g.kind == GLYPH_NEWLINE)
			n++;
	}
	return n;
}

/* Check the lines wrap_text made of text[0..len) at width. */
static void
fw_check_lines(const char *text, size_t len, int width, const struct wline *l, size_t n)
{
	size_t i, covered = 0, m;

	FUZZ_CHECK(n >= 1, "wrap_text made no line");
	for (i = 0; i <= n; i++) {
		size_t next = i < n ? l[i].start : len;

		if (i < n) {
			FUZZ_CHECK(l[i].start <= l[i].end && l[i].end <= len, "line outside the text");
			FUZZ_CHECK(l[i].start >= covered, "lines overlap or go backwards");
		}
		/* what lies between two lines (and around them) may only be whitespace */
		for (; covered < next; covered += m)
			FUZZ_CHECK(fw_space_at(text, len, covered, &m), "wrapping dropped text");
		if (i == n)
			break;
		/* a line may be too wide only when it is one glyph too wide to fit
		   alone (zero-width ones before it aside) */
		if (wrap_width(text + l[i].start, l[i].end - l[i].start) > width)
			FUZZ_CHECK(fw_visible_glyphs(text + l[i].start, l[i].end - l[i].start) == 1,
			    "a line wider than the width");
		covered = l[i].end;
	}
}

/* Walk L from the first row to the last and back; check the rows agree. */
static void
fw_walk(struct layout *L, const struct doc *d)
{
	struct lpos pos = layout_first(L), last = layout_last(L), back;
	size_t down = 0, up = 0;

	if (d->nblocks == 0)
		return;
	while (down < FW_MAX_ROWS) {
		const struct wline *l = layout_line_at(L, pos);

		FUZZ_CHECK(pos.block < d->nblocks, "row in a block that does not exist");
		if (l != NULL)
			FUZZ_CHECK(l->start <= l->end && l->end <= d->blocks[pos.block].len,
			    "layout line outside its block");
		FUZZ_CHECK(layout_offset_at(L, pos) <= d->blocks[pos.block].len, "offset outside its block");
		if (layout_move(L, &pos, 1) == 0)
			break;
		down++;
	}
	if (down >= FW_MAX_ROWS)
		return;
	FUZZ_CHECK(lpos_cmp(pos, last) == 0, "walking down does not end at layout_last");
	back = pos;
	while (layout_move(L, &back, -1) == 1)
		up++;
	FUZZ_CHECK(up == down, "walking up takes a different number of rows than down");
	FUZZ_CHECK(lpos_cmp(back, layout_first(L)) == 0, "walking up does not end at the first row");
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct wline *lines = NULL;
	size_t n = 0, cap = 0, i, len;
	struct article a;
	struct doc d;
	struct layout *L;
	struct lpos pos;
	int width, width2;
	bool verbatim;
	char *text;

	if (size < 3)
		return 0;
	width = data[0] % 300 + 1;
	width2 = data[1] % 300 + 1;
	verbatim = data[2] & 1;
	len = size - 3;
	text = fz_exact(data + 3, len);

	n = wrap_text(text, len, width, verbatim, &lines, &n, &cap);
	fw_check_lines(text, len, width, lines, n);
	/* appending to lines already there keeps them */
	{
		size_t before = n;

		n = wrap_text(text, len, width2, verbatim, &lines, &n, &cap);
		FUZZ_CHECK(n > before, "a second wrap appended nothing");
		fw_check_lines(text, len, width2, lines + before, n - before);
	}
	free(lines);
	(void)wrap_width(text, len);

	article_parse(&a, (data[2] & 2) ? "w.md" : "w.txt", text, len, true, NULL);
	doc_build(&d, &a);
	L = layout_new(&d, width);
	FUZZ_CHECK(layout_width(L) == width, "layout_width differs");
	fw_walk(L, &d);
	/* jumps by body offsets, and by deltas the input gives */
	for (i = 0; i < 16 && i < len; i++) {
		size_t off = (size_t)(unsigned char)text[i] * (d.len / 256 + 1);

		pos = layout_pos_of_body(L, off);
		FUZZ_CHECK(pos.block < d.nblocks || d.nblocks == 0, "pos_of_body outside the doc");
		if (d.nblocks > 0) {
			size_t rows = layout_rows(L, pos.block);

			FUZZ_CHECK(pos.row < rows, "pos_of_body row outside its block");
			layout_move(L, &pos, (long)(signed char)text[i] * 37);
			FUZZ_CHECK(pos.block < d.nblocks && pos.row < layout_rows(L, pos.block),
			    "a move left the layout");
			FUZZ_CHECK(lpos_cmp(pos, layout_last(L)) <= 0, "a move went past the last row");
			(void)layout_indent(L, pos.block);
			(void)layout_line_at(L, pos);
		}
	}
	layout_set_width(L, width2);
	fw_walk(L, &d);
	layout_free(L);
	doc_free(&d);
	article_free(&a);
	free(text);
	return 0;
}
