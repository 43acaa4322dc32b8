/*
 * view-article.c: the article view: the body, and the quotes, people and
 * caption panes. At 100 columns and more the panes stack on the right of
 * the body; narrower, the body has the screen and the panes open over it.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "markdown.h"
#include "readstate.h"
#include "sanitize.h"
#include "ui-int.h"

#define WIDE_MIN	100	/* columns from which the side panes are shown */
#define TEXT_MAX	96	/* the body never wraps wider than this */

static const char *const pane_names[PANE_COUNT] = { "Article", "Quotes", "People", "Caption" };

/* ---- geometry ---- */

/* The text area of the body pane. */
static struct rect
body_text(const struct reader *r)
{
	struct rect t = r->pane[PANE_BODY];

	if (r->wide) {
		t.y += 1;
		t.h -= 2;
		t.x += 2;
		t.w -= 4;
	} else {
		t.x += 1;
		t.w -= 2;
	}
	if (t.w > TEXT_MAX)
		t.w = TEXT_MAX;
	if (t.w < 1)
		t.w = 1;
	if (t.h < 1)
		t.h = 1;
	return t;
}

/* The text of image i's caption pane: title, caption and credit joined. */
static size_t
caption_lines(const struct article_image *im, int width)
{
	const char *parts[3] = { im->title, im->caption, im->credit };
	struct wline *lines = NULL;
	size_t n = 0, cap = 0, i;

	for (i = 0; i < 3; i++)
		if (parts[i] != NULL)
			wrap_text(parts[i], strlen(parts[i]), width - (i == 2 ? 8 : 0), false,
			    &lines, &n, &cap);
	free(lines);
	return n;
}

/* The anchor of the top line: its block and the offset in that block's text. */
static void
top_anchor(struct reader *r, size_t *block, size_t *off)
{
	*block = r->top.block;
	*off = layout_offset_at(r->L, r->top);
}

void
article_relayout(struct ui *ui)
{
	struct reader *r = ui->r;
	int H = ui->h - 1, W = ui->w;
	size_t block = 0, off = 0;
	struct rect t;
	int i;

	if (r == NULL)
		return;
	if (H < 1)
		H = 1;
	if (r->top_set)
		top_anchor(r, &block, &off);
	r->wide = W >= WIDE_MIN && H >= 12;
	for (i = 0; i < PANE_COUNT; i++) {
		r->pane[i].y = 0;
		r->pane[i].x = 0;
		r->pane[i].h = H;
		r->pane[i].w = W;
	}
	if (r->wide) {
		int sw = W * 38 / 100, capneed = 3, rest;

		if (sw < 34)
			sw = 34;
		if (sw > 64)
			sw = 64;
		if (ui->side_width > 0)
			sw = ui->side_width < W - 40 ? ui->side_width : W - 40;
		r->pane[PANE_BODY].w = W - sw;
		if (r->rd.a.nimages > 0)
			capneed = (int)caption_lines(&r->rd.a.images[r->image], sw - 4) + 2;
		if (capneed > H / 3 + 2)
			capneed = H / 3 + 2;
		if (capneed < 3)
			capneed = 3;
		rest = H - capneed;
		r->pane[PANE_QUOTES] = (struct rect){ 0, W - sw, rest * 3 / 5, sw };
		r->pane[PANE_PEOPLE] = (struct rect){ rest * 3 / 5, W - sw, rest - rest * 3 / 5, sw };
		r->pane[PANE_CAPTION] = (struct rect){ rest, W - sw, capneed, sw };
		r->overlay = -1;
	} else if (r->focus != PANE_BODY) {
		r->overlay = (int)r->focus;
	}
	t = body_text(r);
	layout_set_width(r->L, t.w);
	if (r->top_set)
		r->top = layout_pos_of(r->L, block, off);
}

/* ---- analysis and the lists the panes show ---- */

static struct reader *cmp_reader;	/* for qsort of the people list */

static int
cmp_people(const void *pa, const void *pb)
{
	const struct an_person *a = &cmp_reader->rd.an->people[*(const size_t *)pa];
	const struct an_person *b = &cmp_reader->rd.an->people[*(const size_t *)pb];

	if (a->nmentions != b->nmentions)
		return a->nmentions > b->nmentions ? -1 : 1;
	if (a->nquotes != b->nquotes)
		return a->nquotes > b->nquotes ? -1 : 1;
	return strcmp(a->name, b->name);
}

/* List the quotes the pane and ]/[ use: not fragments, the person's only if filtered. */
static void
list_quotes(struct reader *r)
{
	size_t i;

	free(r->quotes);
	r->quotes = xcalloc(r->rd.an->nquotes + 1, sizeof *r->quotes);
	r->nquotes = 0;
	for (i = 0; i < r->rd.an->nquotes; i++) {
		const struct an_quote *q = &r->rd.an->quotes[i];

		if (q->fragment || (r->person >= 0 && q->speaker != r->person))
			continue;
		r->quotes[r->nquotes++] = i;
	}
	r->cur = -1;
	r->qsel = r->qtop = 0;
}

bool
article_analyse(struct ui *ui)
{
	struct reader *r = ui->r;
	size_t i;

	if (r == NULL || r->rd.an != NULL)
		return false;
	reading_analyse(&r->rd, ui->cancel);	/* a signal to quit cuts it short */
	list_quotes(r);
	r->people = xcalloc(r->rd.an->npeople + 1, sizeof *r->people);
	for (i = 0; i < r->rd.an->npeople; i++)
		r->people[i] = i;
	r->npeople = r->rd.an->npeople;
	cmp_reader = r;
	qsort(r->people, r->npeople, sizeof *r->people, cmp_people);
	return true;
}

/* ---- opening and closing ---- */

bool
article_open(struct ui *ui, size_t entry, const char *path)
{
	struct reader *r;
	const struct lib_entry *e = entry != SIZE_MAX ? &ui->lib.v[entry] : NULL;
	uint64_t pos;
	const char *why;
	size_t i;

	r = xcalloc(1, sizeof *r);
	/* a big file: its start now, the rest after the first paint */
	if (!reading_load(&r->rd, e != NULL ? e->path : path, ARTICLE_LOAD_START, &why)) {
		ui_message(ui, true, "%s: %s", r->rd.a.path, why);
		reading_free(&r->rd);
		free(r);
		return false;
	}
	pos = readstate_position(ui->rs, r->rd.a.key);
	if ((r->rd.a.flags & ARTICLE_PARTIAL) && (pos > r->rd.a.body_len ||
	    ((r->rd.a.flags & ARTICLE_MARKDOWN) && markdown_detect(r->rd.a.body, r->rd.a.body_len))))
		article_load_rest(&r->rd.a);	/* Markdown and far positions need it all */
	if (ui->r != NULL)
		article_close(ui);
	r->entry = entry;
	r->person = -1;
	r->cur = -1;
	r->overlay = -1;
	r->focus = PANE_BODY;
	reading_layout(&r->rd);
	r->L = layout_new(&r->rd.d, 80);
	ui->r = r;
	ui->view = V_ARTICLE;
	article_relayout(ui);
	r->top = layout_first(r->L);
	if (pos > 0 && pos - 1 <= r->rd.d.len)
		r->top = layout_pos_of_body(r->L, (size_t)(pos - 1));
	r->top_set = true;
	for (i = 0; i < r->rd.a.diags.n; i++)
		if (r->rd.a.diags.v[i].level == DIAG_ERROR) {
			ui_message(ui, true, "%s", r->rd.a.diags.v[i].msg);
			break;
		}
	/* marked read after the first paint: saving waits for the disk */
	r->mark_pending = ui->mark_on_open && entry != SIZE_MAX && !ui_is_read(ui, entry);
	return true;
}

/* The rest of a big file is read in steps this big, so that a signal to quit
 * is not kept waiting for all of it. */
#define LOAD_STEP	((size_t)4 << 20)

bool
article_complete(struct ui *ui)
{
	struct reader *r = ui->r;
	size_t block = 0, off = 0;

	if (r == NULL || (r->rd.an != NULL && !r->mark_pending && !(r->rd.a.flags & ARTICLE_PARTIAL)))
		return false;
	if (!r->settled) {
		/* a short article is analysed at once; a long one lets the screen show first */
		r->settled = true;
		ui_settle(r->rd.a.flags & ARTICLE_PARTIAL ? UI_SETTLE_MS : 0);
	}
	if (*ui->cancel)
		return false;	/* quitting: the rest of a 50 MB file can stay unread */
	if (r->rd.a.flags & ARTICLE_PARTIAL) {
		top_anchor(r, &block, &off);
		while (r->rd.a.flags & ARTICLE_PARTIAL) {
			if (*ui->cancel)
				return false;
			article_load_more(&r->rd.a, LOAD_STEP);
		}
		reading_extend(&r->rd);
		/* the last block changed: wrap again, from the same place */
		layout_free(r->L);
		r->L = layout_new(&r->rd.d, body_text(r).w);
		r->top = layout_pos_of(r->L, block, off);
		return true;
	}
	if (r->mark_pending) {
		r->mark_pending = false;
		ui_set_read(ui, r->entry, true);
		return true;
	}
	return article_analyse(ui);
}

/* The body offset (+1) of the top line, or 0 when the top is not in the body. */
static uint64_t
reading_position(struct reader *r)
{
	const struct block *b = &r->rd.d.blocks[r->top.block];

	if (r->top.block < r->rd.d.first_body)
		return 0;	/* the header: the start */
	if (b->body_off == DOC_NOT_BODY)
		return (uint64_t)r->rd.d.len + 1;	/* the notes after the body */
	return (uint64_t)(b->body_off + layout_offset_at(r->L, r->top)) + 1;
}

void
article_close(struct ui *ui)
{
	struct reader *r = ui->r;
	char *cause = NULL;
	uint64_t pos;

	if (r == NULL)
		return;
	pos = r->top_set ? reading_position(r) : 0;
	if (pos != readstate_position(ui->rs, r->rd.a.key) &&
	    readstate_set_position(ui->rs, r->rd.a.key, pos, &cause) < 0) {
		ui_message(ui, true, "could not save the reading position: %s", cause);
		free(cause);
	}
	free(r->quotes);
	free(r->people);
	layout_free(r->L);
	reading_free(&r->rd);
	buf_free(&r->search);
	free(r);
	ui->r = NULL;
	ui->view = V_LIST;
}

/* ---- scrolling ---- */

/* The last allowed top: the last row at the bottom of the body. */
static struct lpos
max_top(struct reader *r)
{
	struct lpos p = layout_last(r->L);

	layout_move(r->L, &p, -(long)(body_text(r).h - 1));
	return p;
}

static void
clamp_top(struct reader *r)
{
	struct lpos m = max_top(r);

	if (lpos_cmp(r->top, m) > 0)
		r->top = m;
}

static void
body_scroll(struct reader *r, long delta)
{
	layout_move(r->L, &r->top, delta);
	clamp_top(r);
}

/* Rows from a to b (b after a), counting at most limit. */
static long
rows_between(struct reader *r, struct lpos a, struct lpos b, long limit)
{
	long n = 0;

	if (a.block == b.block)
		return b.row >= a.row ? (long)(b.row - a.row) : 0;
	while (lpos_cmp(a, b) < 0 && n <= limit) {
		size_t rows = layout_rows(r->L, a.block);

		if (a.block == b.block) {
			n += (long)(b.row - a.row);
			break;
		}
		n += (long)(rows - a.row);
		a.block++;
		a.row = 0;
	}
	return n;
}

/* Scroll so that body bytes [start, end) are on screen, with a line above if it fits. */
static void
show_span(struct reader *r, size_t start, size_t end)
{
	struct rect t = body_text(r);
	struct lpos qs = layout_pos_of_body(r->L, start);
	struct lpos qe = layout_pos_of_body(r->L, end > start ? end - 1 : start);
	struct lpos bottom = r->top;
	long len;

	layout_move(r->L, &bottom, t.h - 1);
	if (lpos_cmp(qs, r->top) >= 0 && lpos_cmp(qe, bottom) <= 0)
		return;		/* already in view */
	len = rows_between(r, qs, qe, t.h) + 1;
	r->top = qs;
	if (len + 1 <= t.h)
		layout_move(r->L, &r->top, -1);
	clamp_top(r);
}

/* ---- quotes ---- */

static void
goto_quote(struct ui *ui, long i)
{
	struct reader *r = ui->r;
	const struct an_quote *q = &r->rd.an->quotes[r->quotes[i]];

	r->cur = i;
	r->qsel = (size_t)i;
	show_span(r, q->start, q->end);
}

bool
article_goto_quote(struct ui *ui, size_t qi)
{
	struct reader *r = ui->r;
	size_t i;

	if (r == NULL || r->rd.an == NULL)
		return false;
	if (r->person >= 0) {
		r->person = -1;		/* every quote listed, as after opening */
		list_quotes(r);
	}
	for (i = 0; i < r->nquotes; i++)
		if (r->quotes[i] == qi) {
			goto_quote(ui, (long)i);
			return true;
		}
	return false;
}

/* The body offset at the top of the screen. */
static size_t
top_body_offset(struct reader *r)
{
	const struct block *b = &r->rd.d.blocks[r->top.block];

	if (b->body_off == DOC_NOT_BODY)
		return r->top.block < r->rd.d.first_body ? 0 : r->rd.d.len;
	return b->body_off + layout_offset_at(r->L, r->top);
}

static void
next_quote(struct ui *ui, bool forward)
{
	struct reader *r = ui->r;
	long n, i;

	article_analyse(ui);
	n = (long)r->nquotes;
	if (n == 0) {
		if (r->person >= 0)
			ui_message(ui, false, "no quotes by %s", r->rd.an->people[r->person].name);
		else
			ui_message(ui, false, "no quotes in this article");
		return;
	}
	if (r->cur < 0) {
		/* the first quote from the reading position on (or before it, going back) */
		size_t off = top_body_offset(r);

		if (forward) {
			for (i = 0; i < n && r->rd.an->quotes[r->quotes[i]].start < off; i++)
				;
			if (i == n)
				i = 0;
		} else {
			for (i = n - 1; i >= 0 && r->rd.an->quotes[r->quotes[i]].start >= off; i--)
				;
			if (i < 0)
				i = n - 1;
		}
	} else if (forward) {
		i = r->cur + 1;
		if (i >= n) {
			i = 0;
			ui_message(ui, false, "last quote: wrapped to the first");
		}
	} else {
		i = r->cur - 1;
		if (i < 0) {
			i = n - 1;
			ui_message(ui, false, "first quote: wrapped to the last");
		}
	}
	goto_quote(ui, i);
}

/* ---- search ---- */

/* Find needle in hay (ASCII case-insensitively) at or after from; SIZE_MAX if none. */
static size_t
find_fwd(const char *hay, size_t len, size_t from, const char *needle, size_t nlen)
{
	size_t i;
	int c0 = ascii_tolower((unsigned char)needle[0]);

	if (nlen == 0 || nlen > len)
		return SIZE_MAX;
	for (i = from; i + nlen <= len; i++)
		if (ascii_tolower((unsigned char)hay[i]) == c0 &&
		    ascii_strncasecmp(hay + i, needle, nlen) == 0)
			return i;
	return SIZE_MAX;
}

/* The last match starting before before; SIZE_MAX if none. */
static size_t
find_back(const char *hay, size_t len, size_t before, const char *needle, size_t nlen)
{
	size_t i;

	if (nlen == 0 || nlen > len)
		return SIZE_MAX;
	if (before > len - nlen + 1)
		before = len - nlen + 1;
	for (i = before; i-- > 0;)
		if (ascii_strncasecmp(hay + i, needle, nlen) == 0)
			return i;
	return SIZE_MAX;
}

void
article_search(struct ui *ui, bool forward, bool from_top)
{
	struct reader *r = ui->r;
	const char *q = r->search.data;
	size_t nlen = r->search.len, b, from, hit = SIZE_MAX;
	struct rect t = body_text(r);
	size_t nb = r->rd.d.nblocks, k;

	if (nlen == 0) {
		ui_message(ui, false, "no search yet: press / to search");
		return;
	}
	if (from_top || r->match_len == 0) {
		b = r->top.block;
		from = layout_offset_at(r->L, r->top);
		if (!forward && from > 0)
			from--;
	} else {
		b = r->match_block;
		from = forward ? r->match_off + 1 : r->match_off;
	}
	/* go round the blocks once, wrapping at the end */
	for (k = 0; k <= nb; k++) {
		const struct block *bl = &r->rd.d.blocks[b];

		hit = forward ? find_fwd(bl->text, bl->len, from, q, nlen) :
		    find_back(bl->text, bl->len, from, q, nlen);
		if (hit != SIZE_MAX)
			break;
		if (forward) {
			b = (b + 1) % nb;
			from = 0;
		} else {
			b = b == 0 ? nb - 1 : b - 1;
			from = r->rd.d.blocks[b].len;
		}
	}
	if (hit == SIZE_MAX) {
		r->match_len = 0;
		ui_message(ui, true, "no match for \"%s\"", q);
		return;
	}
	r->match_block = b;
	r->match_off = hit;
	r->match_len = nlen;
	{
		struct lpos p = layout_pos_of(r->L, b, hit), bottom = r->top;

		layout_move(r->L, &bottom, t.h - 1);
		if (lpos_cmp(p, r->top) < 0 || lpos_cmp(p, bottom) > 0) {
			r->top = p;
			layout_move(r->L, &r->top, -(long)(t.h / 3));
			clamp_top(r);
		}
	}
}

/* ---- drawing ---- */

static attr_t
block_attr(enum block_kind k)
{
	switch (k) {
	case BLOCK_TITLE:
		return draw_attr(C_TITLE);
	case BLOCK_SUBTITLE:
	case BLOCK_HEADING:
		return A_BOLD;
	case BLOCK_META:
	case BLOCK_NOTE:
		return draw_attr(C_META);
	default:
		return A_NORMAL;
	}
}

/* The attributes of a Markdown style. */
static attr_t
style_attr(int kind)
{
	switch (kind) {
	case DSTYLE_EM:
		return A_ITALIC;
	case DSTYLE_STRONG:
		return A_BOLD;
	case DSTYLE_CODE:
		return A_DIM | A_BOLD;
	case DSTYLE_LINK:
		return A_UNDERLINE;
	default:
		return A_DIM;
	}
}

/* Highlights for one line of a block: quotes, mentions, search matches. */
static size_t
line_highlights(struct reader *r, size_t bi, const struct wline *l, struct hl *hl, size_t max)
{
	const struct block *b = &r->rd.d.blocks[bi];
	size_t n = 0, i, lo, hi;
	size_t ls = l->start, le = l->end;

	if (b->body_off != DOC_NOT_BODY && r->rd.d.nstyles > 0) {
		size_t as = b->body_off + ls, ae = b->body_off + le;

		/* Markdown styles: those starting in this block, up to the line's end */
		lo = 0;
		hi = r->rd.d.nstyles;
		while (lo < hi) {
			size_t mid = lo + (hi - lo) / 2;

			if (r->rd.d.styles[mid].start < b->body_off)
				lo = mid + 1;
			else
				hi = mid;
		}
		for (i = lo; i < r->rd.d.nstyles && r->rd.d.styles[i].start < ae && n < max; i++) {
			const struct dstyle *st = &r->rd.d.styles[i];

			if (st->end <= as)
				continue;
			hl[n].start = st->start > as ? st->start - as : 0;
			hl[n].end = st->end - as;
			hl[n].attr = style_attr(st->kind);
			hl[n].add = true;
			n++;
		}
	}
	if (b->body_off != DOC_NOT_BODY && r->rd.an != NULL) {
		size_t as = b->body_off + ls, ae = b->body_off + le;

		/* quotes: binary search for the first quote ending after the line's start */
		lo = 0;
		hi = r->rd.an->nquotes;
		while (lo < hi) {
			size_t mid = lo + (hi - lo) / 2;

			if (r->rd.an->quotes[mid].end <= as)
				lo = mid + 1;
			else
				hi = mid;
		}
		for (i = lo; i < r->rd.an->nquotes && n < max; i++) {
			const struct an_quote *q = &r->rd.an->quotes[i];
			bool cur = r->cur >= 0 && r->quotes[r->cur] == i;

			if (q->start >= ae)
				break;
			if (q->end <= as)
				continue;
			if (r->person >= 0 && q->speaker != r->person && !cur)
				continue;
			hl[n].start = q->start > as ? q->start - as : 0;
			hl[n].end = q->end - as;
			hl[n].attr = cur ? draw_attr(C_CURQUOTE) : draw_attr(C_QUOTE);
			hl[n].add = false;
			n++;
		}
		if (r->person >= 0) {
			for (i = 0; i < r->rd.an->nmentions && n < max; i++) {
				const struct an_mention *m = &r->rd.an->mentions[i];

				if (m->where != AN_IN_BODY)
					break;
				if (m->start >= ae)
					break;
				if (m->person != r->person || m->end <= as)
					continue;
				hl[n].start = m->start > as ? m->start - as : 0;
				hl[n].end = m->end - as;
				hl[n].attr = draw_attr(C_MENTION);
				hl[n].add = false;
				n++;
			}
		}
	}
	if (r->search.len > 0) {
		size_t from = ls > r->search.len ? ls - r->search.len + 1 : 0, hit;

		while (n < max && (hit = find_fwd(b->text, le + r->search.len - 1 < b->len ?
		    le + r->search.len - 1 : b->len, from, r->search.data, r->search.len)) != SIZE_MAX) {
			bool cur = r->match_len > 0 && r->match_block == bi && r->match_off == hit;

			hl[n].start = hit > ls ? hit - ls : 0;
			hl[n].end = hit + r->search.len - ls;
			hl[n].attr = cur ? draw_attr(C_CURQUOTE) | A_UNDERLINE : draw_attr(C_MATCH);
			hl[n].add = false;
			n++;
			from = hit + 1;
		}
	}
	return n;
}

static void
draw_body(struct ui *ui)
{
	struct reader *r = ui->r;
	struct rect p = r->pane[PANE_BODY], t = body_text(r);
	struct lpos pos = r->top;
	struct hl hl[64];
	int y;

	if (r->wide)
		draw_box(p.y, p.x, p.h, p.w, pane_names[PANE_BODY], r->focus == PANE_BODY);
	for (y = 0; y < t.h; y++) {
		const struct wline *l = layout_line_at(r->L, pos);

		if (l != NULL) {
			const struct block *b = &r->rd.d.blocks[pos.block];
			int ind = layout_indent(r->L, pos.block);
			size_t nhl = line_highlights(r, pos.block, l, hl, 64);

			if (b->kind == BLOCK_QUOTE && ind >= 2)
				mvaddch(t.y + y, t.x + ind - 2, ACS_VLINE | A_DIM);
			draw_text(t.y + y, t.x + ind, t.w - ind, b->text + l->start,
			    l->end - l->start, block_attr(b->kind), hl, nhl);
		}
		if (layout_move(r->L, &pos, 1) == 0)
			break;
	}
}

/* Cut-off text for list rows: the start of a quote, whitespace folded. */
static void
quote_start(struct reader *r, size_t qi, struct buf *out)
{
	const struct an_quote *q = &r->rd.an->quotes[qi];
	size_t len = q->inner_end - q->inner_start;

	if (len > 400)
		len = 400;
	buf_reset(out);
	sanitize_append(out, r->rd.d.text + q->inner_start, len, SAN_FOLD_SPACE);
}

static void
draw_quotes(struct ui *ui, struct rect p)
{
	struct reader *r = ui->r;
	bool focused = r->focus == PANE_QUOTES;
	struct buf title = BUF_INIT, text = BUF_INIT;
	int inner = p.h - 2, per, y;
	size_t i, visible;

	if (r->rd.an == NULL)
		buf_adds(&title, "Quotes");
	else if (r->person >= 0)
		buf_printf(&title, "Quotes by %s (%zu)", r->rd.an->people[r->person].name, r->nquotes);
	else
		buf_printf(&title, "Quotes (%zu)", r->nquotes);
	draw_box(p.y, p.x, p.h, p.w, title.data, focused);
	buf_free(&title);
	if (inner < 1)
		return;
	if (r->rd.an == NULL) {
		draw_str(p.y + 1, p.x + 2, p.w - 4, "reading\xe2\x80\xa6", A_DIM);
		return;
	}
	if (r->nquotes == 0) {
		draw_str(p.y + 1, p.x + 2, p.w - 4, "No quotes.", A_DIM);
		return;
	}
	per = inner >= 6 ? 2 : 1;
	visible = (size_t)(inner / per);
	if (r->qsel < r->qtop)
		r->qtop = r->qsel;
	if (r->qsel >= r->qtop + visible)
		r->qtop = r->qsel - visible + 1;
	for (i = r->qtop, y = p.y + 1; i < r->nquotes && y + per - 1 < p.y + 1 + inner; i++, y += per) {
		const struct an_quote *q = &r->rd.an->quotes[r->quotes[i]];
		bool sel = i == r->qsel, cur = r->cur == (long)i;
		attr_t a = cur ? draw_attr(C_CURQUOTE) : (sel && focused ? A_REVERSE : A_NORMAL);
		const char *who = q->speaker >= 0 ? r->rd.an->people[q->speaker].name : "(unknown)";
		char num[24];
		int x = p.x + 1, w = p.w - 2, nw;

		draw_fill(y, x, w, a);
		snprintf(num, sizeof num, "%zu ", i + 1);
		nw = draw_str(y, x + 1, w - 1, num, a | A_BOLD);
		quote_start(r, r->quotes[i], &text);
		/* cut at a column's margin from the border, with an ellipsis */
		if (per == 2) {
			draw_str_cut(y, x + 1 + nw, w - 2 - nw, who, a | A_BOLD);
			draw_fill(y + 1, x, w, a);
			draw_str_cut(y + 1, x + 1 + nw, w - 2 - nw, text.data, a | (cur ? 0 : A_DIM));
		} else {
			int k = draw_str_cut(y, x + 1 + nw, w - 2 - nw, who, a | A_BOLD);

			draw_str_cut(y, x + 2 + nw + k, w - 3 - nw - k, text.data, a);
		}
	}
	buf_free(&text);
}

static void
draw_people(struct ui *ui, struct rect p)
{
	struct reader *r = ui->r;
	bool focused = r->focus == PANE_PEOPLE;
	int inner = p.h - 2, per, y;
	size_t i, visible;
	char title[32];

	snprintf(title, sizeof title, r->rd.an != NULL ? "People (%zu)" : "People",
	    r->rd.an != NULL ? r->npeople : 0);
	draw_box(p.y, p.x, p.h, p.w, title, focused);
	if (inner < 1 || r->rd.an == NULL)
		return;
	if (r->npeople == 0) {
		draw_str(p.y + 1, p.x + 2, p.w - 4, "No people found.", A_DIM);
		return;
	}
	per = inner >= 6 ? 2 : 1;
	visible = (size_t)(inner / per);
	if (r->psel < r->ptop)
		r->ptop = r->psel;
	if (r->psel >= r->ptop + visible)
		r->ptop = r->psel - visible + 1;
	for (i = r->ptop, y = p.y + 1; i < r->npeople && y + per - 1 < p.y + 1 + inner; i++, y += per) {
		size_t pi = r->people[i];
		const struct an_person *pe = &r->rd.an->people[pi];
		bool sel = i == r->psel, on = r->person == (int)pi;
		attr_t a = on ? draw_attr(C_CURQUOTE) : (sel && focused ? A_REVERSE : A_NORMAL);
		char counts[48];
		int x = p.x + 1, w = p.w - 2, cw, nw, rw;

		snprintf(counts, sizeof counts, "%zu mention%s, %zu quote%s", pe->nmentions,
		    pe->nmentions == 1 ? "" : "s", pe->nquotes, pe->nquotes == 1 ? "" : "s");
		draw_fill(y, x, w, a);
		if (per == 1) {
			/* one row: the name, then short counts */
			nw = draw_str_cut(y, x + 1, w - 2, pe->name, a | A_BOLD);
			snprintf(counts, sizeof counts, " %zu/%zu", pe->nmentions, pe->nquotes);
			draw_str(y, x + 1 + nw, w - 2 - nw, counts, a | A_DIM);
			continue;
		}
		/*
		 * Two rows: the name, then the role with the counts at its right;
		 * when the role leaves no room, the counts go up beside the name,
		 * and in a short form when even that is too narrow.
		 */
		cw = (int)strlen(counts);
		nw = (int)sanitize_width(pe->name, strlen(pe->name));
		rw = pe->role != NULL ? (int)sanitize_width(pe->role, strlen(pe->role)) : 0;
		draw_str_cut(y, x + 1, w - 2, pe->name, a | A_BOLD);
		draw_fill(y + 1, x, w, a);
		draw_str_cut(y + 1, x + 1, w - 2, pe->role != NULL ? pe->role : "", a | A_DIM);
		if (rw + 1 + cw <= w - 2) {
			draw_str(y + 1, x + w - 1 - cw, cw, counts, a | A_DIM);
		} else if (nw + 1 + cw <= w - 2) {
			draw_str(y, x + w - 1 - cw, cw, counts, a | A_DIM);
		} else {
			snprintf(counts, sizeof counts, "%zu/%zu", pe->nmentions, pe->nquotes);
			cw = (int)strlen(counts);
			if (rw + 1 + cw <= w - 2)
				draw_str(y + 1, x + w - 1 - cw, cw, counts, a | A_DIM);
		}
	}
}

/* Draw image i's caption wrapped into rect t from line skip; returns the lines it has. */
static size_t
draw_caption_text(struct reader *r, struct rect t, size_t skip)
{
	const struct article_image *im = &r->rd.a.images[r->image];
	const char *parts[3] = { im->title, im->caption, im->credit };
	attr_t attrs[3] = { A_BOLD, A_NORMAL, draw_attr(C_META) };
	struct wline *lines = NULL;
	size_t n = 0, cap = 0, total = 0, i, k;
	int y = t.y;

	for (i = 0; i < 3; i++) {
		int indent = i == 2 ? 8 : 0;

		if (parts[i] == NULL)
			continue;
		n = 0;
		wrap_text(parts[i], strlen(parts[i]), t.w - indent, false, &lines, &n, &cap);
		for (k = 0; k < n; k++, total++) {
			if (total < skip || y >= t.y + t.h)
				continue;
			if (i == 2 && k == 0)
				draw_str(y, t.x, 8, "Credit: ", draw_attr(C_META));
			draw_text(y, t.x + indent, t.w - indent, parts[i] + lines[k].start,
			    lines[k].end - lines[k].start, attrs[i], NULL, 0);
			y++;
		}
	}
	free(lines);
	return total;
}

static void
draw_caption(struct ui *ui, struct rect p)
{
	struct reader *r = ui->r;
	char title[48];
	struct rect t = { p.y + 1, p.x + 2, p.h - 2, p.w - 4 };
	size_t total;

	if (r->rd.a.nimages > 1)
		snprintf(title, sizeof title, "Caption %zu/%zu", r->image + 1, r->rd.a.nimages);
	else
		snprintf(title, sizeof title, "Caption");
	draw_box(p.y, p.x, p.h, p.w, title, r->focus == PANE_CAPTION);
	if (t.h < 1 || t.w < 1)
		return;
	if (r->rd.a.nimages == 0) {
		draw_str(t.y, t.x, t.w, "No photo.", A_DIM);
		return;
	}
	total = draw_caption_text(r, t, 0);
	if (total > (size_t)t.h)
		draw_str(p.y + p.h - 1, p.x + p.w - 14, 12, " C: all \xe2\x86\x93 ", draw_attr(C_FOCUS));
}

static void
draw_caption_full(struct ui *ui)
{
	struct reader *r = ui->r;
	int H = ui->h - 1;
	struct rect t = { 2, 3, H - 4, ui->w - 6 };
	char title[64];
	size_t total;

	if (t.w > TEXT_MAX)
		t.w = TEXT_MAX;
	for (int y = 0; y < H; y++)
		draw_fill(y, 0, ui->w, A_NORMAL);
	snprintf(title, sizeof title, "Photo caption %zu/%zu", r->image + 1,
	    r->rd.a.nimages > 0 ? r->rd.a.nimages : 1);
	draw_box(0, 0, H, ui->w, title, true);
	if (t.h < 1 || t.w < 1)
		return;
	if (r->rd.a.nimages == 0) {
		draw_str(t.y, t.x, t.w, "This article has no photo.", A_DIM);
		return;
	}
	total = draw_caption_text(r, t, r->caption_top);
	if (r->caption_top > 0 && total <= r->caption_top)
		r->caption_top = 0;
}

static void
draw_status(struct ui *ui)
{
	struct reader *r = ui->r;
	int y = ui->h - 1, w = ui->w, x;
	char right[160];
	size_t off = top_body_offset(r), pct;
	struct buf rb = BUF_INIT;

	pct = r->rd.d.len > 0 ? (size_t)((double)off * 100.0 / (double)r->rd.d.len) : 100;
	if (pct > 100)
		pct = 100;
	{
		struct lpos bottom = r->top, last = layout_last(r->L);

		layout_move(r->L, &bottom, body_text(r).h - 1);
		if (lpos_cmp(bottom, last) >= 0)
			pct = 100;
	}
	if (r->rd.an != NULL && r->person >= 0)
		buf_printf(&rb, "%s: ", r->rd.an->people[r->person].name);
	if (r->rd.an != NULL && r->nquotes > 0) {
		if (r->cur >= 0)
			buf_printf(&rb, "quote %ld/%zu", r->cur + 1, r->nquotes);
		else
			buf_printf(&rb, "%zu quote%s", r->nquotes, r->nquotes == 1 ? "" : "s");
		buf_adds(&rb, "  ");
	} else if (r->rd.an != NULL && r->person >= 0) {
		buf_adds(&rb, "no quotes  ");
	}
	buf_printf(&rb, "%zu%%  %s ", pct,
	    r->entry != SIZE_MAX && ui_is_read(ui, r->entry) ? "read" : "unread");
	snprintf(right, sizeof right, "%s", rb.data);
	buf_free(&rb);
	draw_fill(y, 0, w, draw_attr(C_STATUS));
	x = w - (int)sanitize_width(right, strlen(right));
	if (x < 0)
		x = 0;
	if (ui->msg[0] != '\0') {
		draw_str(y, 1, x - 2, ui->msg, ui->msg_error ? draw_attr(C_ERROR) : draw_attr(C_STATUS) | A_BOLD);
	} else {
		draw_str_cut(y, 1, x - 2, r->rd.a.title, draw_attr(C_STATUS) | A_BOLD);
	}
	draw_str(y, x, w - x, right, draw_attr(C_STATUS));
}

void
article_draw(struct ui *ui)
{
	struct reader *r = ui->r;

	draw_body(ui);
	if (r->wide) {
		draw_quotes(ui, r->pane[PANE_QUOTES]);
		draw_people(ui, r->pane[PANE_PEOPLE]);
		draw_caption(ui, r->pane[PANE_CAPTION]);
	} else if (r->overlay >= 0) {
		struct rect p = r->pane[r->overlay];
		int y;

		for (y = p.y; y < p.y + p.h; y++)
			draw_fill(y, p.x, p.w, A_NORMAL);
		if (r->overlay == PANE_QUOTES)
			draw_quotes(ui, p);
		else if (r->overlay == PANE_PEOPLE)
			draw_people(ui, p);
		else if (r->overlay == PANE_CAPTION)
			draw_caption(ui, p);
	}
	if (r->caption_full)
		draw_caption_full(ui);
	draw_status(ui);
}

/* ---- keys ---- */

static void
set_focus(struct reader *r, enum pane p)
{
	r->focus = p;
	r->overlay = r->wide || p == PANE_BODY ? -1 : (int)p;
}

static void
toggle_person(struct ui *ui)
{
	struct reader *r = ui->r;
	size_t pi;

	if (r->rd.an == NULL || r->npeople == 0)
		return;
	pi = r->people[r->psel];
	r->person = r->person == (int)pi ? -1 : (int)pi;
	list_quotes(r);
	if (r->person >= 0)
		ui_message(ui, false, "showing the quotes of %s (%zu); Enter again shows all",
		    r->rd.an->people[pi].name, r->nquotes);
	else
		ui_message(ui, false, "showing every quote");
}

static void
set_image(struct ui *ui, size_t i)
{
	struct reader *r = ui->r;

	if (r->rd.a.nimages == 0) {
		ui_message(ui, false, "this article has no photo");
		return;
	}
	if (i >= r->rd.a.nimages) {
		ui_message(ui, false, "there %s only %zu photo%s", r->rd.a.nimages == 1 ? "is" : "are",
		    r->rd.a.nimages, r->rd.a.nimages == 1 ? "" : "s");
		return;
	}
	r->image = i;
	r->caption_top = 0;
	article_relayout(ui);
}

/* Open the article before or after this one in the library's order. */
static void
sibling(struct ui *ui, int dir, bool unread)
{
	struct reader *r = ui->r;
	size_t i, row = ui->sel, n = ui->nrows;

	for (i = 0; i < n; i++)
		if (ui->rows[i] == r->entry) {
			row = i;
			break;
		}
	for (i = 1; i < n || (n > 0 && i == n && unread); i++) {
		size_t next;

		if (unread) {
			next = (row + i) % n;
		} else {
			if ((dir > 0 && row + i >= n) || (dir < 0 && i > row))
				break;
			next = dir > 0 ? row + i : row - i;
		}
		if (unread && (ui->rows[next] == r->entry || ui_is_read(ui, ui->rows[next])))
			continue;
		ui->sel = next;
		article_open(ui, ui->rows[next], NULL);
		return;
	}
	ui_message(ui, false, unread ? "no other unread article" :
	    dir > 0 ? "this is the last article" : "this is the first article");
}

/* Open the article's url with $BROWSER, the terminal handed over meanwhile. */
static void
open_url(struct ui *ui)
{
	struct reader *r = ui->r;
	const char *browser = getenv("BROWSER"), *url = r->rd.a.url;
	pid_t pid;
	int status = 0;

	if (url == NULL || url[0] == '\0') {
		ui_message(ui, false, "this article has no url");
		return;
	}
	if (browser == NULL || browser[0] == '\0') {
		ui_message(ui, false, "set $BROWSER to open %s", url);
		return;
	}
	if (url[0] == '-' || strpbrk(url, "\n\r") != NULL) {
		ui_message(ui, true, "not opening a url that looks like an option");
		return;
	}
	def_prog_mode();
	endwin();
	pid = fork();
	if (pid == 0) {
		/* $BROWSER may hold arguments; the url is one argument, never parsed */
		execl("/bin/sh", "sh", "-c", "$BROWSER \"$1\"", "sh", url, (char *)NULL);
		_exit(127);
	}
	if (pid > 0)
		while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
			;
	reset_prog_mode();
	refresh();
	if (pid < 0 || !WIFEXITED(status) || WEXITSTATUS(status) != 0)
		ui_message(ui, true, "$BROWSER failed on %s", url);
}

/* Copy the current quote through the terminal (OSC 52), if the config allows it. */
static void
copy_quote(struct ui *ui)
{
	static const char b64[] =
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	struct reader *r = ui->r;
	struct buf text = BUF_INIT, seq = BUF_INIT;
	const unsigned char *p;
	size_t i, n;
	long qi = r->focus == PANE_QUOTES ? (long)r->qsel : r->cur;

	if (!ui->clipboard) {
		ui_message(ui, false, "copying is off: set clipboard: true in the config");
		return;
	}
	if (r->rd.an == NULL || qi < 0 || (size_t)qi >= r->nquotes) {
		ui_message(ui, false, "no quote selected: press ] first");
		return;
	}
	analysis_quote_text(&r->rd.in, &r->rd.an->quotes[r->quotes[qi]], &text);
	buf_adds(&seq, "\033]52;c;");
	p = (const unsigned char *)(text.data != NULL ? text.data : "");
	n = text.len;
	for (i = 0; i < n; i += 3) {
		unsigned v = (unsigned)p[i] << 16 | (i + 1 < n ? (unsigned)p[i + 1] << 8 : 0) |
		    (i + 2 < n ? p[i + 2] : 0);

		buf_addc(&seq, b64[v >> 18 & 63]);
		buf_addc(&seq, b64[v >> 12 & 63]);
		buf_addc(&seq, i + 1 < n ? b64[v >> 6 & 63] : '=');
		buf_addc(&seq, i + 2 < n ? b64[v & 63] : '=');
	}
	buf_addc(&seq, '\a');
	/* base64 carries the text: no byte of the article reaches the terminal as such */
	fflush(stdout);
	if (write(STDOUT_FILENO, seq.data, seq.len) < 0)
		ui_message(ui, true, "could not copy the quote");
	else
		ui_message(ui, false, "quote %ld copied", qi + 1);
	buf_free(&text);
	buf_free(&seq);
}

/* Keys that move within a focused side pane. Returns true when handled. */
static bool
pane_key(struct ui *ui, enum action act)
{
	struct reader *r = ui->r;
	size_t *sel, n;

	if (r->focus == PANE_CAPTION || r->caption_full) {
		if (act == ACT_DOWN || act == ACT_PAGE_DOWN) {
			r->caption_top += act == ACT_DOWN ? 1 : 5;
			return true;
		}
		if (act == ACT_UP || act == ACT_PAGE_UP) {
			size_t d = act == ACT_UP ? 1 : 5;

			r->caption_top = r->caption_top > d ? r->caption_top - d : 0;
			return true;
		}
		if (act == ACT_OPEN && !r->caption_full) {
			r->caption_full = true;
			return true;
		}
		return false;
	}
	if (r->focus != PANE_QUOTES && r->focus != PANE_PEOPLE)
		return false;
	article_analyse(ui);
	sel = r->focus == PANE_QUOTES ? &r->qsel : &r->psel;
	n = r->focus == PANE_QUOTES ? r->nquotes : r->npeople;
	switch (act) {
	case ACT_DOWN:
		if (*sel + 1 < n)
			(*sel)++;
		return true;
	case ACT_UP:
		if (*sel > 0)
			(*sel)--;
		return true;
	case ACT_PAGE_DOWN:
	case ACT_HALF_DOWN:
		*sel = *sel + 5 < n ? *sel + 5 : (n > 0 ? n - 1 : 0);
		return true;
	case ACT_PAGE_UP:
	case ACT_HALF_UP:
		*sel = *sel > 5 ? *sel - 5 : 0;
		return true;
	case ACT_TOP:
		*sel = 0;
		return true;
	case ACT_BOTTOM:
		*sel = n > 0 ? n - 1 : 0;
		return true;
	case ACT_OPEN:
		if (r->focus == PANE_QUOTES) {
			if (n > 0) {
				goto_quote(ui, (long)*sel);
				if (!r->wide)
					set_focus(r, PANE_BODY);
			}
		} else {
			toggle_person(ui);
		}
		return true;
	default:
		return false;
	}
}

void
article_key(struct ui *ui, enum action act, int key)
{
	struct reader *r = ui->r;
	struct rect t = body_text(r);
	long page = t.h > 2 ? t.h - 2 : 1;

	(void)key;
	if (pane_key(ui, act))
		return;
	switch (act) {
	case ACT_DOWN:
		body_scroll(r, 1);
		break;
	case ACT_UP:
		body_scroll(r, -1);
		break;
	case ACT_PAGE_DOWN:
		body_scroll(r, page);
		break;
	case ACT_PAGE_UP:
		body_scroll(r, -page);
		break;
	case ACT_HALF_DOWN:
		body_scroll(r, t.h / 2 > 0 ? t.h / 2 : 1);
		break;
	case ACT_HALF_UP:
		body_scroll(r, -(t.h / 2 > 0 ? t.h / 2 : 1));
		break;
	case ACT_TOP:
		r->top = layout_first(r->L);
		break;
	case ACT_BOTTOM:
		r->top = max_top(r);
		break;
	case ACT_NEXT_QUOTE:
	case ACT_PREV_QUOTE:
		next_quote(ui, act == ACT_NEXT_QUOTE);
		break;
	case ACT_SEARCH:
		ui->prompt = PROMPT_SEARCH;
		buf_reset(&ui->input);
		break;
	case ACT_SEARCH_NEXT:
	case ACT_SEARCH_PREV:
		article_search(ui, act == ACT_SEARCH_NEXT, false);
		break;
	case ACT_FOCUS_NEXT:
		set_focus(r, (enum pane)((r->focus + 1) % PANE_COUNT));
		break;
	case ACT_FOCUS_PREV:
		set_focus(r, (enum pane)((r->focus + PANE_COUNT - 1) % PANE_COUNT));
		break;
	case ACT_SHOW_QUOTES:
	case ACT_SHOW_PEOPLE: {
		enum pane p = act == ACT_SHOW_QUOTES ? PANE_QUOTES : PANE_PEOPLE;

		article_analyse(ui);
		set_focus(r, r->focus == p && !r->wide ? PANE_BODY : p);
		break;
	}
	case ACT_SHOW_CAPTION:
		r->caption_full = !r->caption_full;
		r->caption_top = 0;
		break;
	case ACT_NEXT_IMAGE:
		set_image(ui, r->rd.a.nimages > 0 ? (r->image + 1) % r->rd.a.nimages : 0);
		break;
	case ACT_IMAGE_1: case ACT_IMAGE_2: case ACT_IMAGE_3: case ACT_IMAGE_4: case ACT_IMAGE_5:
	case ACT_IMAGE_6: case ACT_IMAGE_7: case ACT_IMAGE_8: case ACT_IMAGE_9:
		set_image(ui, (size_t)(act - ACT_IMAGE_1));
		break;
	case ACT_TOGGLE_READ:
		if (r->entry != SIZE_MAX) {
			bool now = !ui_is_read(ui, r->entry);

			ui_set_read(ui, r->entry, now);
			if (ui->msg[0] == '\0')
				ui_message(ui, false, now ? "marked read" : "marked unread");
		}
		break;
	case ACT_NEXT_ARTICLE:
	case ACT_PREV_ARTICLE:
		sibling(ui, act == ACT_NEXT_ARTICLE ? 1 : -1, false);
		break;
	case ACT_NEXT_UNREAD:
		sibling(ui, 1, true);
		break;
	case ACT_OPEN_URL:
		open_url(ui);
		break;
	case ACT_COPY_QUOTE:
		copy_quote(ui);
		break;
	case ACT_PERSON_QUOTES:
		people_open_person(ui);
		break;
	case ACT_OPEN:
		break;
	case ACT_BACK:
		if (r->caption_full) {
			r->caption_full = false;
		} else if (r->overlay >= 0) {
			set_focus(r, PANE_BODY);
		} else if (ui->single) {
			ui->quit = true;
		} else {
			article_close(ui);
			if (!people_back(ui) && ui->unread_only)
				ui_refilter(ui);
		}
		break;
	default:
		break;
	}
}

/* Which pane is at screen cell (y, x)? */
static int
pane_at(struct reader *r, int y, int x)
{
	int i;

	if (r->caption_full)
		return PANE_CAPTION;
	if (!r->wide)
		return r->overlay >= 0 ? r->overlay : PANE_BODY;
	for (i = 0; i < PANE_COUNT; i++) {
		struct rect p = r->pane[i];

		if (y >= p.y && y < p.y + p.h && x >= p.x && x < p.x + p.w)
			return i;
	}
	return -1;
}

void
article_mouse(struct ui *ui, const MEVENT *ev)
{
	struct reader *r = ui->r;
	int p = pane_at(r, ev->y, ev->x);
	bool up = (ev->bstate & BUTTON4_PRESSED) != 0;
	bool down = false;

#ifdef BUTTON5_PRESSED
	down = (ev->bstate & BUTTON5_PRESSED) != 0;
#endif
	if (p < 0)
		return;
	if (up || down) {
		enum pane old = r->focus;

		if (p == PANE_BODY) {
			body_scroll(r, up ? -3 : 3);
			return;
		}
		r->focus = (enum pane)p;
		pane_key(ui, up ? ACT_UP : ACT_DOWN);
		r->focus = old;
		return;
	}
	if (!(ev->bstate & (BUTTON1_CLICKED | BUTTON1_PRESSED | BUTTON1_DOUBLE_CLICKED)))
		return;
	set_focus(r, (enum pane)p);
	if ((p == PANE_QUOTES || p == PANE_PEOPLE) && r->rd.an != NULL) {
		struct rect pr = r->pane[p];
		int inner = pr.h - 2, per = inner >= 6 ? 2 : 1;
		size_t top = p == PANE_QUOTES ? r->qtop : r->ptop, n = p == PANE_QUOTES ?
		    r->nquotes : r->npeople, row;

		if (ev->y <= pr.y || ev->y >= pr.y + pr.h - 1)
			return;
		row = top + (size_t)((ev->y - pr.y - 1) / per);
		if (row >= n)
			return;
		if (p == PANE_QUOTES) {
			r->qsel = row;
			goto_quote(ui, (long)row);
		} else {
			r->psel = row;
			toggle_person(ui);
		}
	}
}
