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
#include "template.h"
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
	free(r->qrows);
	r->qrows = NULL;
	r->qrows_w = 0;
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
	    ((r->rd.a.flags & ARTICLE_MARKDOWN) && markdown_detect(r->rd.a.body, r->rd.a.body_len)) ||
	    template_detect(r->rd.a.body, r->rd.a.body_len)))
		article_load_rest(&r->rd.a);	/* Markdown, templates, far positions need it all */
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
			struct buf b = BUF_INIT;
			const char *name = strrchr(r->rd.a.path, '/');

			/* file:line:col, as byline check says it (the file's name: the line is short) */
			diag_format(&b, name != NULL ? name + 1 : r->rd.a.path, &r->rd.a.diags.v[i]);
			ui_message(ui, true, "%s", b.data);
			buf_free(&b);
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
	free(r->qrows);
	free(r->people);
	layout_free(r->L);
	reading_free(&r->rd);
	buf_free(&r->search);
	fold_free(&r->spat);
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
goto_quote(struct ui *ui, long i)
{
	struct reader *r = ui->r;
	const struct an_quote *q = &r->rd.an->quotes[r->quotes[i]];

	r->cur = i;
	r->qsel = (size_t)i;
	show_span(r, q->start, q->end);
	r->cur_top = top_body_offset(r);
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

/*
 * The quote ] (forward) or [ goes to from where the view is, as less's n
 * does after the view moved: the first quote below the top of the view
 * (not the current one), or the last one above it. -1 when there is none
 * (then the search wraps).
 */
static long
quote_from_view(struct reader *r, bool forward)
{
	size_t off = top_body_offset(r);
	long n = (long)r->nquotes, i;

	if (forward) {
		for (i = 0; i < n && r->rd.an->quotes[r->quotes[i]].start < off; i++)
			;
		if (i < n && i == r->cur)
			i++;
		return i < n ? i : -1;
	}
	for (i = n - 1; i >= 0 && r->rd.an->quotes[r->quotes[i]].start >= off; i--)
		;
	return i;
}

/* One step of ] or [: the quote after (before) the current one, or from the view. */
static void
quote_step(struct ui *ui, bool forward)
{
	struct reader *r = ui->r;
	long n = (long)r->nquotes, i;

	if (r->cur < 0 || top_body_offset(r) != r->cur_top)
		i = quote_from_view(r, forward);	/* the view moved: start from it */
	else
		i = forward ? (r->cur + 1 < n ? r->cur + 1 : -1) : r->cur - 1;
	if (i < 0) {
		i = forward ? 0 : n - 1;
		ui_message(ui, false, forward ? "last quote: wrapped to the first" :
		    "first quote: wrapped to the last");
	}
	goto_quote(ui, i);
}

static void
next_quote(struct ui *ui, bool forward, long count)
{
	struct reader *r = ui->r;

	article_analyse(ui);
	if (r->nquotes == 0) {
		if (r->person >= 0)
			ui_message(ui, false, "no quotes by %s", r->rd.an->people[r->person].name);
		else
			ui_message(ui, false, "no quotes in this article");
		return;
	}
	do
		quote_step(ui, forward);
	while (--count > 0);
}

/* ---- search ---- */

/* Compile pattern as the article's search; nothing found yet. */
static void
search_set(struct reader *r, const char *pattern)
{
	buf_reset(&r->search);
	buf_adds(&r->search, pattern);
	fold_free(&r->spat);
	fold_compile(&r->spat, pattern, strlen(pattern));
	r->match_len = 0;
	r->match_no = 0;
	r->match_total = SIZE_MAX;
}

/* Number the match at offset off of block b: matches before it, and in all. */
static void
count_matches(struct reader *r, size_t b, size_t off)
{
	size_t k, at, mlen, before = 0, total = 0;

	for (k = 0; k < r->rd.d.nblocks; k++) {
		const struct block *bl = &r->rd.d.blocks[k];

		for (at = 0; (at = fold_find(&r->spat, bl->text, bl->len, at, &mlen)) != SIZE_MAX;
		    at++) {
			if (k < b || (k == b && at < off))
				before++;
			total++;
		}
	}
	r->match_no = before + 1;
	r->match_total = total;
}

/*
 * Find the next match (forward) or the previous one, from the current match,
 * or from the top of the view (from_view, or when there is none), going
 * round the blocks once. Returns its block and offset, and in *wrapped
 * whether it went past an end; false when there is no match.
 */
static bool
search_find(struct reader *r, bool forward, bool from_view, size_t *block, size_t *off,
    size_t *mlen, bool *wrapped)
{
	size_t nb = r->rd.d.nblocks, b, from, k, hit;

	*wrapped = false;
	if (from_view || r->match_len == 0) {
		b = r->top.block;
		from = layout_offset_at(r->L, r->top);
	} else {
		b = r->match_block;
		from = forward ? r->match_off + 1 : r->match_off;
	}
	for (k = 0; k <= nb; k++) {
		const struct block *bl = &r->rd.d.blocks[b];

		hit = forward ? fold_find(&r->spat, bl->text, bl->len, from, mlen) :
		    fold_find_back(&r->spat, bl->text, bl->len, from, mlen);
		if (hit != SIZE_MAX) {
			*block = b;
			*off = hit;
			return true;
		}
		if (forward) {
			*wrapped |= b + 1 == nb;
			b = (b + 1) % nb;
			from = 0;
		} else {
			*wrapped |= b == 0;
			b = b == 0 ? nb - 1 : b - 1;
			from = r->rd.d.blocks[b].len;
		}
	}
	return false;
}

/* Search again (n, N), or for the first time from the view; say which match it is. */
static void
search_step(struct ui *ui, bool forward, bool from_view)
{
	struct reader *r = ui->r;
	struct rect t = body_text(r);
	size_t b, hit, mlen;
	bool wrapped, numbered = !from_view && r->match_len > 0 && r->match_no > 0;
	struct lpos p, bottom = r->top;

	if (r->search.len == 0) {
		ui_message(ui, false, "no search yet: press / to search");
		return;
	}
	if (!search_find(r, forward, from_view, &b, &hit, &mlen, &wrapped)) {
		r->match_len = 0;
		ui_message(ui, true, "no match for \"%s\"", r->search.data);
		return;
	}
	r->match_block = b;
	r->match_off = hit;
	r->match_len = mlen;
	if (numbered && r->match_total != SIZE_MAX)
		r->match_no = forward ? (wrapped ? 1 : r->match_no + 1) :
		    (wrapped ? r->match_total : r->match_no - 1);
	else
		count_matches(r, b, hit);
	if (wrapped)
		ui_message(ui, false, "match %zu/%zu (wrapped past the %s)", r->match_no,
		    r->match_total, forward ? "end" : "start");
	else
		ui_message(ui, false, "match %zu/%zu", r->match_no, r->match_total);
	/* into view, a third of the way down, when it is not on screen */
	p = layout_pos_of(r->L, b, hit);
	layout_move(r->L, &bottom, t.h - 1);
	if (lpos_cmp(p, r->top) < 0 || lpos_cmp(p, bottom) > 0) {
		r->top = p;
		layout_move(r->L, &r->top, -(long)(t.h / 3));
		clamp_top(r);
	}
}

void
article_search_start(struct ui *ui, const char *pattern)
{
	struct reader *r = ui->r;
	bool again = pattern[0] == '\0';

	if (again) {
		/* an empty pattern: the last search again, as n would go on with it */
		if (ui->last_search.len == 0) {
			ui_message(ui, false, "no search yet: type a pattern after /");
			return;
		}
		if (strcmp(r->search.len > 0 ? r->search.data : "", ui->last_search.data) != 0)
			search_set(r, ui->last_search.data);
		search_step(ui, true, r->match_len == 0);
		return;
	}
	buf_reset(&ui->last_search);
	buf_adds(&ui->last_search, pattern);
	search_set(r, pattern);
	search_step(ui, true, true);
}

size_t
article_top_offset(struct ui *ui)
{
	return ui->r != NULL ? top_body_offset(ui->r) : 0;
}

void
article_goto_offset(struct ui *ui, size_t off)
{
	struct reader *r = ui->r;

	if (r == NULL || off == 0 || off > r->rd.d.len)
		return;
	r->top = layout_pos_of_body(r->L, off);
	r->top_set = true;
	clamp_top(r);
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

/* The highlights of one line as they are gathered: hl[0..n) of max. */
struct hls {
	struct hl	*hl;
	size_t		 n, max;
	size_t		 as, ae;	/* the line as body offsets (style runs, quotes, mentions) */
};

static void
hl_add(struct hls *h, size_t start, size_t end, attr_t attr, bool add)
{
	if (h->n == h->max)
		return;
	h->hl[h->n].start = start > h->as ? start - h->as : 0;
	h->hl[h->n].end = end - h->as;
	h->hl[h->n].attr = attr;
	h->hl[h->n].add = add;
	h->n++;
}

/* Markdown styles over the line: those starting in this block, up to the line's end. */
static void
style_highlights(struct reader *r, size_t block_off, struct hls *h)
{
	const struct doc *d = &r->rd.d;
	size_t lo = 0, hi = d->nstyles, i;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (d->styles[mid].start < block_off)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (i = lo; i < d->nstyles && d->styles[i].start < h->ae; i++)
		if (d->styles[i].end > h->as)
			hl_add(h, d->styles[i].start, d->styles[i].end, style_attr(d->styles[i].kind),
			    true);
}

/* The quotes over the line (the current one apart), and the filtered person's mentions. */
static void
quote_highlights(struct reader *r, struct hls *h)
{
	const struct analysis *an = r->rd.an;
	size_t lo = 0, hi = an->nquotes, i;

	/* binary search for the first quote ending after the line's start */
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (an->quotes[mid].end <= h->as)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (i = lo; i < an->nquotes && an->quotes[i].start < h->ae; i++) {
		const struct an_quote *q = &an->quotes[i];
		bool cur = r->cur >= 0 && r->quotes[r->cur] == i;

		if (q->end <= h->as || (r->person >= 0 && q->speaker != r->person && !cur))
			continue;
		hl_add(h, q->start, q->end, cur ? draw_attr(C_CURQUOTE) : draw_attr(C_QUOTE), false);
	}
	for (i = 0; r->person >= 0 && i < an->nmentions; i++) {
		const struct an_mention *m = &an->mentions[i];

		if (m->where != AN_IN_BODY || m->start >= h->ae)
			break;
		if (m->person == r->person && m->end > h->as)
			hl_add(h, m->start, m->end, draw_attr(C_MENTION), false);
	}
}

/* The search's matches over line l of block bi (a match may start before the line). */
static void
match_highlights(struct reader *r, size_t bi, const struct wline *l, struct hls *h)
{
	const struct block *b = &r->rd.d.blocks[bi];
	size_t back = 8 * r->search.len + 32, from = l->start > back ? l->start - back : 0;
	size_t hit, mlen;

	h->as = l->start;	/* offsets in the block's own text */
	while ((hit = fold_find(&r->spat, b->text, b->len, from, &mlen)) != SIZE_MAX &&
	    hit < l->end && h->n < h->max) {
		bool cur = r->match_len > 0 && r->match_block == bi && r->match_off == hit;

		if (hit + mlen > l->start)
			hl_add(h, hit, hit + mlen, cur ? draw_attr(C_CURQUOTE) | A_UNDERLINE :
			    draw_attr(C_MATCH), false);
		from = hit + 1;
	}
}

/* Highlights for one line of a block: styles, quotes, mentions, search matches. */
static size_t
line_highlights(struct reader *r, size_t bi, const struct wline *l, struct hl *hl, size_t max)
{
	const struct block *b = &r->rd.d.blocks[bi];
	struct hls h = { hl, 0, max, 0, 0 };

	if (b->body_off != DOC_NOT_BODY) {
		h.as = b->body_off + l->start;
		h.ae = b->body_off + l->end;
		if (r->rd.d.nstyles > 0)
			style_highlights(r, b->body_off, &h);
		if (r->rd.an != NULL)
			quote_highlights(r, &h);
	}
	if (r->search.len > 0)
		match_highlights(r, bi, l, &h);
	return h.n;
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

#define QUOTE_ROWS_MAX	8	/* rows of text a quote takes in the pane, at most */

/*
 * The rows quote i of the list takes wrapped at width w (at most
 * QUOTE_ROWS_MAX), counted when first asked for at this width: a pane
 * looks at the quotes on screen, not at all of a big article's.
 */
static size_t
quote_text_rows(struct reader *r, size_t i, int w)
{
	struct buf text = BUF_INIT;
	struct wline *lines = NULL;
	size_t n = 0, cap = 0;

	if (r->qrows_w != w || r->qrows == NULL) {
		free(r->qrows);
		r->qrows = xcalloc(r->nquotes + 1, sizeof *r->qrows);	/* 0: not counted */
		r->qrows_w = w;
	}
	if (r->qrows[i] == 0) {
		quote_start(r, r->quotes[i], &text);
		wrap_text(text.data, text.len, w > 1 ? w : 1, false, &lines, &n, &cap);
		r->qrows[i] = n < 1 ? 1 : n > QUOTE_ROWS_MAX ? QUOTE_ROWS_MAX : n;
		buf_free(&text);
		free(lines);
	}
	return r->qrows[i];
}

/* How the quotes pane lays its quotes out. */
struct qlayout {
	size_t	cap;		/* rows of text a quote shows (0: one row for everything) */
	size_t	extra;		/* quotes before this one may take one row more */
	int	tw;		/* the width of their text */
};

/* The rows the quotes take with at most cap rows of text each. */
static size_t
quote_total(struct reader *r, size_t cap, int tw, size_t limit)
{
	size_t i, total = 0, k;

	for (i = 0; i < r->nquotes && total <= limit; i++) {
		k = quote_text_rows(r, i, tw);
		total += 1 + (k < cap ? k : cap);
	}
	return total;
}

/*
 * The layout of the quotes pane p: each quote gets the most rows of text
 * (up to QUOTE_ROWS_MAX) at which all of them fit, at least one; the rows
 * left over go, one each, to the first quotes that need more.
 */
static struct qlayout
quote_layout(struct reader *r, struct rect p)
{
	struct qlayout q = { 0, 0, 0 };
	char num[24];
	size_t inner = p.h > 2 ? (size_t)(p.h - 2) : 0, total, i, left;

	snprintf(num, sizeof num, "%zu ", r->nquotes);
	q.tw = p.w - 4 - (int)strlen(num);
	if (inner < 6 || q.tw <= 4)
		return q;
	for (q.cap = QUOTE_ROWS_MAX; q.cap > 1; q.cap--)
		if (q.cap + 1 <= inner && quote_total(r, q.cap, q.tw, inner) <= inner)
			break;
	total = quote_total(r, q.cap, q.tw, inner);
	left = total < inner ? inner - total : 0;
	for (i = 0; i < r->nquotes && left > 0; i++)
		if (quote_text_rows(r, i, q.tw) > q.cap) {
			left--;
			q.extra = i + 1;
		}
	return q;
}

/* The rows item i of the quotes pane takes. */
static size_t
quote_height(struct reader *r, size_t i, const struct qlayout *q)
{
	size_t k, cap;

	if (q->cap == 0)
		return 1;
	k = quote_text_rows(r, i, q->tw);
	cap = q->cap + (i < q->extra);
	return 1 + (k < cap ? k : cap);
}

/* Scroll the quotes pane so that the selection is in its inner rows. */
static void
quote_scroll(struct reader *r, int inner, const struct qlayout *q)
{
	size_t i, rows;

	if (r->qsel < r->qtop)
		r->qtop = r->qsel;
	for (;;) {
		for (i = r->qtop, rows = 0; i <= r->qsel; i++)
			rows += quote_height(r, i, q);
		if (rows <= (size_t)inner || r->qtop >= r->qsel)
			break;
		r->qtop++;
	}
}

/* One quote of the pane at row y: its number and speaker, then its text on rows rows. */
static void
draw_quote_item(struct ui *ui, struct rect p, size_t i, int y, size_t rows, struct buf *text)
{
	struct reader *r = ui->r;
	const struct an_quote *q = &r->rd.an->quotes[r->quotes[i]];
	bool cur = r->cur == (long)i, sel = i == r->qsel && r->focus == PANE_QUOTES;
	attr_t a = cur ? draw_attr(C_CURQUOTE) : (sel ? A_REVERSE : A_NORMAL);
	const char *who = q->speaker >= 0 ? r->rd.an->people[q->speaker].name : "(unknown)";
	struct wline *lines = NULL;
	size_t n = 0, cap = 0, k;
	char num[24];
	int x = p.x + 1, w = p.w - 2, nw;

	draw_fill(y, x, w, a);
	snprintf(num, sizeof num, "%zu ", i + 1);
	nw = draw_str(y, x + 1, w - 1, num, a | A_BOLD);
	quote_start(r, r->quotes[i], text);
	/* cut at a column's margin from the border, with an ellipsis */
	if (rows == 0) {
		int kw = draw_str_cut(y, x + 1 + nw, w - 2 - nw, who, a | A_BOLD);

		draw_str_cut(y, x + 2 + nw + kw, w - 3 - nw - kw, text->data, a);
		return;
	}
	draw_str_cut(y, x + 1 + nw, w - 2 - nw, who, a | A_BOLD);
	wrap_text(text->data, text->len, w - 2 - nw, false, &lines, &n, &cap);
	for (k = 0; k < rows && k < n; k++) {
		int yy = y + 1 + (int)k, tx = x + 1 + nw, tw = w - 2 - nw, cw;
		bool more = k + 1 == rows && k + 1 < n;	/* more than fits: end in "…" */
		attr_t ta = a | (cur ? 0 : A_DIM);

		draw_fill(yy, x, w, a);
		cw = draw_text(yy, tx, more ? tw - 1 : tw, text->data + lines[k].start,
		    lines[k].end - lines[k].start, ta, NULL, 0);
		if (more)
			draw_str(yy, tx + cw, 1, "\xe2\x80\xa6", ta);
	}
	free(lines);
}

static void
draw_quotes(struct ui *ui, struct rect p)
{
	struct reader *r = ui->r;
	struct buf title = BUF_INIT, text = BUF_INIT;
	int inner = p.h - 2, y;
	size_t i, h;
	struct qlayout q;

	if (r->rd.an == NULL)
		buf_adds(&title, "Quotes");
	else if (r->person >= 0)
		buf_printf(&title, "Quotes by %s (%zu)", r->rd.an->people[r->person].name, r->nquotes);
	else
		buf_printf(&title, "Quotes (%zu)", r->nquotes);
	draw_box(p.y, p.x, p.h, p.w, title.data, r->focus == PANE_QUOTES);
	buf_free(&title);
	if (inner < 1)
		return;
	if (r->rd.an == NULL || r->nquotes == 0) {
		draw_str(p.y + 1, p.x + 2, p.w - 4, r->rd.an == NULL ? "reading\xe2\x80\xa6" :
		    "No quotes.", A_DIM);
		return;
	}
	q = quote_layout(r, p);
	quote_scroll(r, inner, &q);
	for (i = r->qtop, y = p.y + 1; i < r->nquotes; i++, y += (int)h) {
		h = quote_height(r, i, &q);
		if (y + (int)h > p.y + 1 + inner)
			break;
		draw_quote_item(ui, p, i, y, q.cap == 0 ? 0 : h - 1, &text);
	}
	buf_free(&text);
}

/* The quote at screen row y of the quotes pane p, or SIZE_MAX. */
static size_t
quote_at_row(struct reader *r, struct rect p, int y)
{
	int row = p.y + 1;
	struct qlayout q = quote_layout(r, p);
	size_t i;

	for (i = r->qtop; i < r->nquotes && row < p.y + p.h - 1; i++) {
		row += (int)quote_height(r, i, &q);
		if (y < row)
			return i;
	}
	return SIZE_MAX;
}

/* A person's counts, long ("3 mentions, 1 quote") or short ("3/1"). */
static int
person_counts(const struct an_person *pe, bool lng, char *out, size_t size)
{
	if (lng)
		return snprintf(out, size, "%zu mention%s, %zu quote%s", pe->nmentions,
		    pe->nmentions == 1 ? "" : "s", pe->nquotes, pe->nquotes == 1 ? "" : "s");
	return snprintf(out, size, "%zu/%zu", pe->nmentions, pe->nquotes);
}

/*
 * Whether the people pane of inner width w gives the counts in the long
 * form: when every name fits beside its counts so. One answer for the whole
 * pane, so that every row is laid out alike.
 */
static bool
people_long_counts(struct reader *r, int w)
{
	char counts[64];
	size_t i;

	for (i = 0; i < r->npeople; i++) {
		const struct an_person *pe = &r->rd.an->people[r->people[i]];
		int cw = person_counts(pe, true, counts, sizeof counts);

		if ((int)sanitize_width(pe->name, strlen(pe->name)) + 1 + cw > w - 2)
			return false;
	}
	return true;
}

/*
 * One person of the people pane at row y, laid out alike on every row: the
 * name with the counts at its right, then the role on a row of its own.
 */
static void
draw_person(struct ui *ui, struct rect p, size_t i, int y, bool two, bool lng)
{
	struct reader *r = ui->r;
	size_t pi = r->people[i];
	const struct an_person *pe = &r->rd.an->people[pi];
	bool sel = i == r->psel && r->focus == PANE_PEOPLE, on = r->person == (int)pi;
	attr_t a = on ? draw_attr(C_CURQUOTE) : (sel ? A_REVERSE : A_NORMAL);
	char counts[64];
	int x = p.x + 1, w = p.w - 2, cw;

	draw_fill(y, x, w, a);
	cw = person_counts(pe, lng && two, counts, sizeof counts);
	if (w - 3 - cw >= 4) {
		draw_str_cut(y, x + 1, w - 3 - cw, pe->name, a | A_BOLD);
		draw_str(y, x + w - 1 - cw, cw, counts, a | A_DIM);
	} else {
		draw_str_cut(y, x + 1, w - 2, pe->name, a | A_BOLD);
	}
	if (two) {
		draw_fill(y + 1, x, w, a);
		draw_str_cut(y + 1, x + 1, w - 2, pe->role != NULL ? pe->role : "", a | A_DIM);
	}
}

static void
draw_people(struct ui *ui, struct rect p)
{
	struct reader *r = ui->r;
	int inner = p.h - 2, per, y;
	size_t i, visible;
	char title[32];
	bool lng;

	snprintf(title, sizeof title, r->rd.an != NULL ? "People (%zu)" : "People",
	    r->rd.an != NULL ? r->npeople : 0);
	draw_box(p.y, p.x, p.h, p.w, title, r->focus == PANE_PEOPLE);
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
	lng = people_long_counts(r, p.w - 2);
	for (i = r->ptop, y = p.y + 1; i < r->npeople && y + per - 1 < p.y + 1 + inner; i++, y += per)
		draw_person(ui, p, i, y, per == 2, lng);
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

/* The text area of the caption pane p. */
static struct rect
caption_text_rect(struct rect p)
{
	struct rect t = { p.y + 1, p.x + 2, p.h - 2, p.w - 4 };

	return t;
}

/* The text area of the full-screen caption. */
static struct rect
caption_full_rect(const struct ui *ui)
{
	struct rect t = { 2, 3, ui->h - 1 - 4, ui->w - 6 };

	if (t.w > TEXT_MAX)
		t.w = TEXT_MAX;
	return t;
}

/* The furthest the caption scrolls in text area t: its last line at the bottom. */
static size_t
caption_max_top(struct reader *r, struct rect t)
{
	size_t total;

	if (r->rd.a.nimages == 0 || t.w < 1 || t.h < 1)
		return 0;
	total = caption_lines(&r->rd.a.images[r->image], t.w);
	return total > (size_t)t.h ? total - (size_t)t.h : 0;
}

/* "j: more ↓" in the bottom border at y, right end x, when there is more below. */
static void
more_below(int y, int x, bool more)
{
	if (more && x > 16)
		draw_str(y, x - 13, 12, " j: more \xe2\x86\x93 ", draw_attr(C_FOCUS));
}

static void
draw_caption(struct ui *ui, struct rect p)
{
	struct reader *r = ui->r;
	char title[48];
	struct rect t = caption_text_rect(p);
	size_t skip = 0, max;

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
	max = caption_max_top(r, t);
	if (r->focus == PANE_CAPTION)	/* focused, it scrolls */
		skip = r->caption_top < max ? r->caption_top : max;
	draw_caption_text(r, t, skip);
	if (skip < max && r->focus == PANE_CAPTION)
		more_below(p.y + p.h - 1, p.x + p.w - 1, true);
	else if (max > 0)
		draw_str(p.y + p.h - 1, p.x + p.w - 14, 12, " C: all \xe2\x86\x93 ", draw_attr(C_FOCUS));
}

static void
draw_caption_full(struct ui *ui)
{
	struct reader *r = ui->r;
	int H = ui->h - 1;
	struct rect t = caption_full_rect(ui);
	char title[64];
	size_t max;

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
	/* a resize may have left it scrolled too far: the last line stays at the bottom */
	max = caption_max_top(r, t);
	if (r->caption_top > max)
		r->caption_top = max;
	draw_caption_text(r, t, r->caption_top);
	more_below(H - 1, ui->w - 1, r->caption_top < max);
}

/*
 * How far the reader is, as less measures it: the share of the body above
 * the bottom of the view; 100 only when the end is on screen.
 */
static size_t
progress(struct reader *r)
{
	struct lpos bottom = r->top, last = layout_last(r->L);
	const struct block *b;
	const struct wline *l;
	size_t off, pct;

	layout_move(r->L, &bottom, body_text(r).h - 1);
	if (lpos_cmp(bottom, last) >= 0 || r->rd.d.len == 0)
		return 100;
	b = &r->rd.d.blocks[bottom.block];
	if (bottom.block < r->rd.d.first_body)
		return 0;
	if (b->body_off == DOC_NOT_BODY)
		return 99;	/* the notes after the body, not yet their end */
	l = layout_line_at(r->L, bottom);
	off = b->body_off + (l != NULL ? l->end : 0);
	pct = (size_t)((double)off * 100.0 / (double)r->rd.d.len);
	return pct > 99 ? 99 : pct;
}

static void
draw_status(struct ui *ui)
{
	struct reader *r = ui->r;
	int y = ui->h - 1, w = ui->w, x;
	char right[160];
	struct buf rb = BUF_INIT;

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
	buf_printf(&rb, "%zu%%  %s ", progress(r),
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
	const char *browser = getenv("BROWSER"), *url = ui->r->rd.a.url;

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
	/* $BROWSER may hold arguments; the url is one argument, never parsed */
	if (ui_run(ui, "$BROWSER \"$1\"", url, NULL, 0, false) != 0)
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

/*
 * Keys for the caption, full-screen or focused in its pane: they scroll it
 * (never past its last line). Full-screen, the caption takes every key but
 * those that close it or act on the article as a whole. Returns true when
 * the key is taken.
 */
static bool
caption_key(struct ui *ui, enum action act, long count)
{
	struct reader *r = ui->r;
	struct rect t = r->caption_full ? caption_full_rect(ui) :
	    caption_text_rect(r->pane[PANE_CAPTION]);
	size_t max = caption_max_top(r, t), n = count > 0 ? (size_t)count : 1, d;
	size_t page = t.h > 2 ? (size_t)t.h - 1 : 1, half = t.h > 1 ? (size_t)t.h / 2 : 1;

	if (r->caption_top > max)
		r->caption_top = max;
	d = act == ACT_DOWN || act == ACT_UP ? n : act == ACT_PAGE_DOWN || act == ACT_PAGE_UP ?
	    page * n : half * n;
	switch (act) {
	case ACT_DOWN: case ACT_PAGE_DOWN: case ACT_HALF_DOWN:
		r->caption_top = r->caption_top + d < max ? r->caption_top + d : max;
		return true;
	case ACT_UP: case ACT_PAGE_UP: case ACT_HALF_UP:
		r->caption_top = r->caption_top > d ? r->caption_top - d : 0;
		return true;
	case ACT_TOP:
		r->caption_top = 0;
		return true;
	case ACT_BOTTOM:
		r->caption_top = max;
		return true;
	case ACT_OPEN:
		r->caption_full = true;
		return true;
	case ACT_BACK: case ACT_SHOW_CAPTION: case ACT_NEXT_IMAGE: case ACT_TOGGLE_READ:
	case ACT_OPEN_URL:
		return false;
	default:
		return r->caption_full;	/* nothing reaches the article hidden behind */
	}
}

/* Keys that move within a focused side pane. Returns true when handled. */
static bool
pane_key(struct ui *ui, enum action act, long count)
{
	struct reader *r = ui->r;
	size_t *sel, n, step = count > 0 ? (size_t)count : 1;

	if (r->focus == PANE_CAPTION || r->caption_full)
		return caption_key(ui, act, count);
	if (r->focus != PANE_QUOTES && r->focus != PANE_PEOPLE)
		return false;
	article_analyse(ui);
	sel = r->focus == PANE_QUOTES ? &r->qsel : &r->psel;
	n = r->focus == PANE_QUOTES ? r->nquotes : r->npeople;
	if (act == ACT_PAGE_DOWN || act == ACT_HALF_DOWN || act == ACT_PAGE_UP || act == ACT_HALF_UP)
		step *= 5;
	switch (act) {
	case ACT_DOWN: case ACT_PAGE_DOWN: case ACT_HALF_DOWN:
		*sel = *sel + step < n ? *sel + step : (n > 0 ? n - 1 : 0);
		return true;
	case ACT_UP: case ACT_PAGE_UP: case ACT_HALF_UP:
		*sel = *sel > step ? *sel - step : 0;
		return true;
	case ACT_TOP:
	case ACT_BOTTOM:
		*sel = count > 0 ? (size_t)count - 1 : act == ACT_TOP ? 0 : (n > 0 ? n - 1 : 0);
		if (*sel >= n)
			*sel = n > 0 ? n - 1 : 0;
		return true;
	case ACT_OPEN:
		if (r->focus == PANE_PEOPLE) {
			toggle_person(ui);
		} else if (n > 0) {
			goto_quote(ui, (long)*sel);
			if (!r->wide)
				set_focus(r, PANE_BODY);
		}
		return true;
	default:
		return false;
	}
}

/* Moves in the body: lines, pages, the ends (g, G: line count). Returns true when handled. */
static bool
body_key(struct reader *r, enum action act, long count)
{
	struct rect t = body_text(r);
	long n = count > 0 ? count : 1, page = t.h > 2 ? t.h - 2 : 1, half = t.h / 2 > 0 ? t.h / 2 : 1;

	switch (act) {
	case ACT_DOWN:
	case ACT_OPEN:		/* Enter in the body: a line, as in less */
		body_scroll(r, n);
		return true;
	case ACT_UP:
		body_scroll(r, -n);
		return true;
	case ACT_PAGE_DOWN:
		body_scroll(r, page * n);
		return true;
	case ACT_PAGE_UP:
		body_scroll(r, -page * n);
		return true;
	case ACT_HALF_DOWN:
		body_scroll(r, half * n);
		return true;
	case ACT_HALF_UP:
		body_scroll(r, -half * n);
		return true;
	case ACT_TOP:
	case ACT_BOTTOM:
		if (count > 0) {
			r->top = layout_first(r->L);
			body_scroll(r, count - 1);
		} else {
			r->top = act == ACT_TOP ? layout_first(r->L) : max_top(r);
		}
		return true;
	default:
		return false;
	}
}

/* q, Esc: close the full caption or the pane shown, else back to the library (or quit). */
static void
back(struct ui *ui)
{
	struct reader *r = ui->r;

	if (r->caption_full) {
		r->caption_full = false;
	} else if (r->overlay >= 0) {
		set_focus(r, PANE_BODY);
	} else if (ui->single) {
		ui->quit = true;
	} else {
		article_close(ui);
		/* opened from a person's quotes: back to them */
		if (!people_back(ui) && ui->unread_only)
			ui_refilter(ui);	/* the article read now goes from the unread list */
	}
}

/* r: mark the article read or unread, and say so. */
static void
toggle_read(struct ui *ui)
{
	struct reader *r = ui->r;
	bool now;

	if (r->entry == SIZE_MAX)
		return;
	now = !ui_is_read(ui, r->entry);
	ui_set_read(ui, r->entry, now);
	if (ui->msg[0] == '\0')
		ui_message(ui, false, now ? "marked read" : "marked unread");
}

/* The keys that show panes and captions. Returns true when handled. */
static bool
show_key(struct ui *ui, enum action act, long count)
{
	struct reader *r = ui->r;

	switch (act) {
	case ACT_FOCUS_NEXT:
		set_focus(r, (enum pane)((r->focus + 1) % PANE_COUNT));
		return true;
	case ACT_FOCUS_PREV:
		set_focus(r, (enum pane)((r->focus + PANE_COUNT - 1) % PANE_COUNT));
		return true;
	case ACT_SHOW_QUOTES:
	case ACT_SHOW_PEOPLE: {
		enum pane p = act == ACT_SHOW_QUOTES ? PANE_QUOTES : PANE_PEOPLE;

		article_analyse(ui);
		set_focus(r, r->focus == p && !r->wide ? PANE_BODY : p);
		return true;
	}
	case ACT_SHOW_CAPTION:
		r->caption_full = !r->caption_full;
		r->caption_top = 0;
		return true;
	case ACT_NEXT_IMAGE:
		/* a count: that caption (2c: the second), else the next one */
		if (count > 0)
			set_image(ui, (size_t)count - 1);
		else
			set_image(ui, r->rd.a.nimages > 0 ? (r->image + 1) % r->rd.a.nimages : 0);
		return true;
	default:
		return false;
	}
}

void
article_key(struct ui *ui, enum action act, long count)
{
	struct reader *r = ui->r;

	if (pane_key(ui, act, count) || body_key(r, act, count) || show_key(ui, act, count))
		return;
	switch (act) {
	case ACT_NEXT_QUOTE:
	case ACT_PREV_QUOTE:
		next_quote(ui, act == ACT_NEXT_QUOTE, count);
		break;
	case ACT_SEARCH:
		prompt_open(ui, PROMPT_SEARCH, NULL);
		break;
	case ACT_SEARCH_NEXT:
	case ACT_SEARCH_PREV:
		do
			search_step(ui, act == ACT_SEARCH_NEXT, false);
		while (--count > 0 && r->match_len > 0);
		break;
	case ACT_TOGGLE_READ:
		toggle_read(ui);
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
	case ACT_BACK:
		back(ui);
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
		pane_key(ui, up ? ACT_UP : ACT_DOWN, 0);
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
		row = p == PANE_QUOTES ? quote_at_row(r, pr, ev->y) :
		    top + (size_t)((ev->y - pr.y - 1) / per);
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
