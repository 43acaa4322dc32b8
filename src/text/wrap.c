/* wrap.c: line breaking by display width, and the lazy layout of a doc. */
#include "wrap.h"

#include <stdlib.h>
#include <string.h>

#include "sanitize.h"
#include "util.h"

static void
push_line(struct wline **lines, size_t *n, size_t *cap, size_t start, size_t end)
{
	ARRAY_GROW(*lines, *n + 1, *cap);
	(*lines)[*n].start = start;
	(*lines)[*n].end = end;
	(*n)++;
}

/* Width a glyph takes at column col. */
static int
glyph_cols(const struct glyph *g, int col)
{
	if (g->kind == GLYPH_TAB)
		return WRAP_TABSTOP - col % WRAP_TABSTOP;
	return g->width;
}

int
wrap_width(const char *text, size_t len)
{
	struct glyph g;
	size_t i = 0;
	int col = 0;

	while (i < len) {
		i += glyph_next(text + i, len - i, &g);
		col += g.kind == GLYPH_NEWLINE ? 1 : glyph_cols(&g, col);
	}
	return col;
}

/* Verbatim text: break at newlines, and cut at the width. */
static size_t
wrap_verbatim(const char *text, size_t len, int width, struct wline **lines, size_t *n,
    size_t *cap)
{
	struct glyph g;
	size_t i = 0, start = 0;
	int col = 0;

	while (i < len) {
		size_t gl = glyph_next(text + i, len - i, &g);
		int w;

		if (g.kind == GLYPH_NEWLINE) {
			push_line(lines, n, cap, start, i);
			i += gl;
			start = i;
			col = 0;
			continue;
		}
		w = glyph_cols(&g, col);
		if (col + w > width && col > 0) {
			push_line(lines, n, cap, start, i);
			start = i;
			col = 0;
			w = glyph_cols(&g, col);
		}
		col += w;
		i += gl;
	}
	push_line(lines, n, cap, start, len);
	return *n;
}

size_t
wrap_text(const char *text, size_t len, int width, bool verbatim, struct wline **lines,
    size_t *n, size_t *cap)
{
	struct glyph g;
	size_t i = 0, start = SIZE_MAX;	/* start of the current line, SIZE_MAX: none yet */
	size_t brk_end = 0, brk_next = 0;	/* last break: end of the word, next word */
	bool have_brk = false;
	int col = 0, col_at_next = 0;	/* columns used, and at the next word's start */
	size_t before = *n;

	if (width < 1)
		width = 1;
	if (verbatim)
		return wrap_verbatim(text, len, width, lines, n, cap);
	while (i < len) {
		size_t gl = glyph_next(text + i, len - i, &g);
		int w;

		if (g.kind == GLYPH_SPACE || g.kind == GLYPH_NEWLINE || g.kind == GLYPH_TAB) {
			if (start == SIZE_MAX) {	/* no leading spaces on a line */
				i += gl;
				continue;
			}
			if (!have_brk || brk_next != i) {
				brk_end = i;
				have_brk = true;
			}
			w = g.kind == GLYPH_TAB ? glyph_cols(&g, col) : (g.kind == GLYPH_NEWLINE ? 1 : g.width);
			col += w;
			i += gl;
			brk_next = i;
			col_at_next = col;
			continue;
		}
		w = glyph_cols(&g, col);
		if (start == SIZE_MAX) {
			start = i;
			col = 0;
			have_brk = false;
		}
		if (col + w > width && col > 0) {
			if (have_brk && brk_next > start && brk_end > start) {
				/* break at the last space: the word moves down */
				push_line(lines, n, cap, start, brk_end);
				start = brk_next;
				col -= col_at_next;
			} else {
				/* one word wider than the line: cut it here */
				push_line(lines, n, cap, start, i);
				start = i;
				col = 0;
			}
			have_brk = false;
			if (col + w > width && col > 0) {
				/* still too wide after the break (a long word): cut */
				push_line(lines, n, cap, start, i);
				start = i;
				col = 0;
			}
		}
		col += w;
		i += gl;
	}
	if (start != SIZE_MAX) {
		size_t end = len;

		/* no trailing spaces */
		if (have_brk && brk_next == len)
			end = brk_end;
		push_line(lines, n, cap, start, end);
	}
	if (*n == before)
		push_line(lines, n, cap, 0, 0);
	return *n;
}

/* ---- the layout ---- */

#define LAYOUT_SLOTS 64

struct slot {
	size_t		 block;		/* SIZE_MAX: unused */
	struct wline	*lines;
	size_t		 n, cap;
	unsigned long	 used;
};

struct layout {
	const struct doc	*doc;
	int			 width;
	struct slot		 slots[LAYOUT_SLOTS];
	unsigned long		 clock;
};

struct layout *
layout_new(const struct doc *d, int width)
{
	struct layout *L = xcalloc(1, sizeof *L);
	size_t i;

	L->doc = d;
	L->width = width < 1 ? 1 : width;
	for (i = 0; i < LAYOUT_SLOTS; i++)
		L->slots[i].block = SIZE_MAX;
	return L;
}

void
layout_free(struct layout *L)
{
	size_t i;

	if (L == NULL)
		return;
	for (i = 0; i < LAYOUT_SLOTS; i++)
		free(L->slots[i].lines);
	free(L);
}

void
layout_set_width(struct layout *L, int width)
{
	size_t i;

	if (width < 1)
		width = 1;
	if (width == L->width)
		return;
	L->width = width;
	for (i = 0; i < LAYOUT_SLOTS; i++)
		L->slots[i].block = SIZE_MAX;
}

int
layout_width(const struct layout *L)
{
	return L->width;
}

int
layout_indent(const struct layout *L, size_t b)
{
	const struct block *bl = &L->doc->blocks[b];
	int ind = bl->indent;

	if (bl->kind == BLOCK_QUOTE)
		ind += 2;
	if (ind > L->width / 2)
		ind = L->width / 2;
	return ind;
}

const struct wline *
layout_lines(struct layout *L, size_t b, size_t *n)
{
	struct slot *s, *victim = &L->slots[0];
	const struct block *bl = &L->doc->blocks[b];
	size_t i;

	L->clock++;
	for (i = 0; i < LAYOUT_SLOTS; i++) {
		s = &L->slots[i];
		if (s->block == b) {
			s->used = L->clock;
			*n = s->n;
			return s->lines;
		}
		if (s->block == SIZE_MAX || s->used < victim->used)
			victim = s;
		if (s->block == SIZE_MAX)
			break;
	}
	s = victim;
	s->block = b;
	s->used = L->clock;
	s->n = 0;
	wrap_text(bl->text, bl->len, L->width - layout_indent(L, b), bl->kind == BLOCK_CODE,
	    &s->lines, &s->n, &s->cap);
	/* don't keep a huge array around for an ordinary block later */
	*n = s->n;
	return s->lines;
}

/* Blank rows after block b. */
static size_t
gap_after(const struct layout *L, size_t b)
{
	const struct doc *d = L->doc;

	if (b + 1 >= d->nblocks)
		return 0;
	switch (d->blocks[b + 1].kind) {
	case BLOCK_SUBTITLE:
	case BLOCK_META:
		return 0;
	case BLOCK_ITEM:
		return d->blocks[b].kind == BLOCK_ITEM ? 0 : 1;
	case BLOCK_NOTE:
		return d->blocks[b].kind == BLOCK_NOTE ? 0 : 1;
	default:
		return 1;
	}
}

size_t
layout_rows(struct layout *L, size_t b)
{
	size_t n;

	layout_lines(L, b, &n);
	return n + gap_after(L, b);
}

const struct wline *
layout_line_at(struct layout *L, struct lpos pos)
{
	size_t n;
	const struct wline *lines = layout_lines(L, pos.block, &n);

	return pos.row < n ? &lines[pos.row] : NULL;
}

size_t
layout_move(struct layout *L, struct lpos *pos, long delta)
{
	size_t moved = 0;

	if (L->doc->nblocks == 0)
		return 0;
	while (delta > 0) {
		size_t rows = layout_rows(L, pos->block);
		size_t left = rows - 1 - pos->row;	/* rows below in this block */

		if ((size_t)delta <= left) {
			pos->row += (size_t)delta;
			moved += (size_t)delta;
			break;
		}
		if (pos->block + 1 >= L->doc->nblocks) {
			pos->row = rows - 1;
			moved += left;
			break;
		}
		moved += left + 1;
		delta -= (long)(left + 1);
		pos->block++;
		pos->row = 0;
	}
	while (delta < 0) {
		if ((size_t)-delta <= pos->row) {
			pos->row -= (size_t)-delta;
			moved += (size_t)-delta;
			break;
		}
		if (pos->block == 0) {
			moved += pos->row;
			pos->row = 0;
			break;
		}
		moved += pos->row + 1;
		delta += (long)(pos->row + 1);
		pos->block--;
		pos->row = layout_rows(L, pos->block) - 1;
	}
	return moved;
}

struct lpos
layout_first(struct layout *L)
{
	struct lpos p = { 0, 0 };

	(void)L;
	return p;
}

struct lpos
layout_last(struct layout *L)
{
	struct lpos p = { 0, 0 };

	if (L->doc->nblocks == 0)
		return p;
	p.block = L->doc->nblocks - 1;
	p.row = layout_rows(L, p.block) - 1;
	return p;
}

struct lpos
layout_pos_of(struct layout *L, size_t b, size_t off)
{
	struct lpos p = { b, 0 };
	size_t n, lo, hi;
	const struct wline *lines;

	if (b >= L->doc->nblocks)
		return layout_last(L);
	lines = layout_lines(L, b, &n);
	/* the last line starting at or before off */
	lo = 0;
	hi = n;
	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;

		if (lines[mid].start <= off)
			lo = mid;
		else
			hi = mid;
	}
	p.row = lo;
	return p;
}

struct lpos
layout_pos_of_body(struct layout *L, size_t off)
{
	const struct doc *d = L->doc;
	size_t b;

	if (d->first_body >= d->end_body)
		return layout_first(L);
	b = doc_block_at(d, off);
	if (off < d->blocks[b].body_off)
		return layout_pos_of(L, b, 0);
	return layout_pos_of(L, b, off - d->blocks[b].body_off);
}

size_t
layout_offset_at(struct layout *L, struct lpos pos)
{
	const struct wline *l = layout_line_at(L, pos);

	return l != NULL ? l->start : L->doc->blocks[pos.block].len;
}

int
lpos_cmp(struct lpos a, struct lpos b)
{
	if (a.block != b.block)
		return a.block < b.block ? -1 : 1;
	if (a.row != b.row)
		return a.row < b.row ? -1 : 1;
	return 0;
}
