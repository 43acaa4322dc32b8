/* view-list.c: the library view: one row per article, only visible rows drawn. */
#include <stdio.h>
#include <string.h>

#include "readstate.h"
#include "sanitize.h"
#include "ui-int.h"

/* Rows available for the list: the screen less the header and status lines. */
static int
list_height(const struct ui *ui)
{
	int h = ui->h - 2;

	return h < 1 ? 1 : h;
}

void
list_scroll(struct ui *ui)
{
	size_t h = (size_t)list_height(ui);

	if (ui->nrows == 0) {
		ui->sel = ui->top = 0;
		return;
	}
	if (ui->sel >= ui->nrows)
		ui->sel = ui->nrows - 1;
	if (ui->sel < ui->top)
		ui->top = ui->sel;
	if (ui->sel >= ui->top + h)
		ui->top = ui->sel - h + 1;
	if (ui->top + h > ui->nrows)
		ui->top = ui->nrows > h ? ui->nrows - h : 0;
}

/* The width the source column gets: the widest source on screen, within limits. */
static int
source_width(struct ui *ui, int h)
{
	size_t i;
	int w = 0, max = ui->w / 4;

	for (i = ui->top; i < ui->nrows && i < ui->top + (size_t)h; i++) {
		const struct lib_entry *e = &ui->lib.v[ui->rows[i]];
		int sw = (int)sanitize_width(e->source, strlen(e->source));

		if (sw > w)
			w = sw;
	}
	if (w > max)
		w = max;
	if (w > 28)
		w = 28;
	return w;
}

/*
 * The columns of the quote count at the right of the rows (0: none): only
 * when the widest title on screen still fits beside it.
 */
static int
quotes_width(struct ui *ui, int h, int srcw)
{
	int x = 3, widest = 0;
	size_t i;

	if (ui->w - x >= 10 + 2 + 8)
		x += 12;
	if (srcw > 0 && ui->w - x >= srcw + 2 + 12)
		x += srcw + 2;
	for (i = ui->top; i < ui->nrows && i < ui->top + (size_t)h; i++) {
		const struct lib_entry *e = &ui->lib.v[ui->rows[i]];
		int tw = (int)sanitize_width(e->title, strlen(e->title)) +
		    (e->flags & ARTICLE_BROKEN ? 9 : 0);

		widest = tw > widest ? tw : widest;
	}
	return ui->w - x - 1 - 5 >= widest ? 5 : 0;
}

static void
draw_row(struct ui *ui, int y, size_t row, int srcw, int qw)
{
	const struct lib_entry *e = &ui->lib.v[ui->rows[row]];
	bool read = ui_is_read(ui, ui->rows[row]);
	bool sel = row == ui->sel;
	attr_t a = read ? A_NORMAL : draw_attr(C_UNREAD);
	int x = 0, w = ui->w;

	if (sel)
		a = draw_attr(C_SELECTED) | (read ? 0 : A_BOLD);
	draw_fill(y, 0, w, a);
	/* the marker: unread articles get a dot, broken ones a "!" */
	if (e->flags & ARTICLE_BROKEN)
		draw_str(y, 1, 1, "!", sel ? a : draw_attr(C_BROKEN));
	else if (!read)
		draw_str(y, 1, 1, "\xe2\x97\x8f", a);		/* U+25CF */
	x = 3;
	if (w - x >= 10 + 2 + 8) {
		draw_str(y, x, 10, e->date[0] != '\0' ? e->date : "", a);
		x += 12;
	}
	if (srcw > 0 && w - x >= srcw + 2 + 12) {
		draw_str_cut(y, x, srcw, e->source, a);
		x += srcw + 2;
	}
	if (e->flags & ARTICLE_BROKEN) {
		int n = draw_str(y, x, w - x - 1, "(broken) ", sel ? a : draw_attr(C_BROKEN));

		x += n;
	}
	if (x < w - 1)
		draw_str_cut(y, x, w - x - 1 - qw, e->title, a);
	if (qw > 0 && people_nquotes(ui, ui->rows[row]) > 0) {
		char n[16];

		snprintf(n, sizeof n, "%4ld", people_nquotes(ui, ui->rows[row]));
		draw_str(y, w - qw, qw - 1, n, a | A_DIM);
	}
}

void
list_draw(struct ui *ui)
{
	int h = list_height(ui), y, srcw, qw;
	size_t unread = ui->nunread;
	char head[256];

	list_scroll(ui);
	/* the header: the folder and the counts */
	if (ui->preloaded > 0)	/* the cache's first screen: no count of unread yet */
		snprintf(head, sizeof head, " byline \xe2\x80\x94 %zu article%s",
		    ui->preloaded, ui->preloaded == 1 ? "" : "s");
	else
		snprintf(head, sizeof head, " byline \xe2\x80\x94 %zu article%s, %zu unread",
		    ui->lib.n, ui->lib.n == 1 ? "" : "s", unread);
	draw_fill(0, 0, ui->w, draw_attr(C_STATUS));
	y = draw_str(0, 0, ui->w, head, draw_attr(C_STATUS) | A_BOLD);
	if (ui->npaths > 0 && y + 6 < ui->w) {
		draw_str(0, y, ui->w - y, " \xe2\x80\x94 ", draw_attr(C_STATUS));
		draw_str(0, y + 3, ui->w - y - 3, ui->paths[0], draw_attr(C_STATUS));
	}
	if (people_progress(ui, head, sizeof head) && (int)strlen(head) + y + 8 < ui->w)
		draw_str(0, ui->w - (int)strlen(head) - 1, (int)strlen(head), head, draw_attr(C_STATUS));
	srcw = source_width(ui, h);
	qw = quotes_width(ui, h, srcw);
	for (y = 0; y < h; y++) {
		size_t row = ui->top + (size_t)y;

		if (row >= ui->nrows)
			break;
		draw_row(ui, 1 + y, row, srcw, qw);
	}
	if (ui->nrows == 0) {
		const char *why = ui->lib.n == 0 ? "No articles here." :
		    "No article matches.";

		draw_str(2, 2, ui->w - 2, why, A_NORMAL);
		if (ui->lib.n == 0)
			draw_str(3, 2, ui->w - 2,
			    "byline reads .md, .markdown and .txt files; see byline(1).", A_DIM);
	}
}

/* Select the next unread row after the selection, wrapping around. */
static void
next_unread(struct ui *ui)
{
	size_t i;

	for (i = 1; i <= ui->nrows; i++) {
		size_t row = (ui->sel + i) % ui->nrows;

		if (!ui_is_read(ui, ui->rows[row])) {
			ui->sel = row;
			return;
		}
	}
	ui_message(ui, false, "no unread articles");
}

void
list_key(struct ui *ui, enum action act)
{
	size_t h = (size_t)list_height(ui);

	switch (act) {
	case ACT_DOWN:
		if (ui->sel + 1 < ui->nrows)
			ui->sel++;
		break;
	case ACT_UP:
		if (ui->sel > 0)
			ui->sel--;
		break;
	case ACT_PAGE_DOWN:
	case ACT_HALF_DOWN:
		if (act == ACT_HALF_DOWN)
			h = h / 2 > 0 ? h / 2 : 1;
		ui->sel = ui->sel + h < ui->nrows ? ui->sel + h : (ui->nrows > 0 ? ui->nrows - 1 : 0);
		ui->top += h;
		break;
	case ACT_PAGE_UP:
	case ACT_HALF_UP:
		if (act == ACT_HALF_UP)
			h = h / 2 > 0 ? h / 2 : 1;
		ui->sel = ui->sel > h ? ui->sel - h : 0;
		ui->top = ui->top > h ? ui->top - h : 0;
		break;
	case ACT_TOP:
		ui->sel = 0;
		break;
	case ACT_BOTTOM:
		ui->sel = ui->nrows > 0 ? ui->nrows - 1 : 0;
		break;
	case ACT_OPEN:
		if (ui->nrows > 0)
			article_open(ui, ui->rows[ui->sel], NULL);
		break;
	case ACT_TOGGLE_READ:
		if (ui->nrows > 0) {
			size_t e = ui->rows[ui->sel];

			ui_set_read(ui, e, !ui_is_read(ui, e));
			if (ui->unread_only)
				ui_refilter(ui);
		}
		break;
	case ACT_UNREAD_ONLY:
		ui->unread_only = !ui->unread_only;
		ui_refilter(ui);
		ui_message(ui, false, ui->unread_only ? "showing unread articles only" :
		    "showing all articles");
		break;
	case ACT_FILTER:
		ui->prompt = PROMPT_FILTER;
		buf_reset(&ui->input);
		buf_add(&ui->input, ui->filter.data != NULL ? ui->filter.data : "", ui->filter.len);
		break;
	case ACT_NEXT_UNREAD:
		if (ui->nrows > 0)
			next_unread(ui);
		break;
	case ACT_PEOPLE:
		people_open(ui);
		return;
	case ACT_QUIT:
		ui->quit = true;
		break;
	default:
		break;
	}
	list_scroll(ui);
}

void
list_mouse(struct ui *ui, const MEVENT *ev)
{
	if (ev->bstate & BUTTON4_PRESSED) {
		ui->top = ui->top > 3 ? ui->top - 3 : 0;
		if (ui->sel >= ui->top + (size_t)list_height(ui))
			ui->sel = ui->top + (size_t)list_height(ui) - 1;
		if (ui->sel < ui->top)
			ui->sel = ui->top;
		return;
	}
#ifdef BUTTON5_PRESSED
	if (ev->bstate & BUTTON5_PRESSED) {
		ui->top += 3;
		if (ui->top + (size_t)list_height(ui) > ui->nrows)
			ui->top = ui->nrows > (size_t)list_height(ui) ?
			    ui->nrows - (size_t)list_height(ui) : 0;
		if (ui->sel < ui->top)
			ui->sel = ui->top;
		return;
	}
#endif
	if (ev->bstate & (BUTTON1_CLICKED | BUTTON1_PRESSED | BUTTON1_DOUBLE_CLICKED)) {
		size_t row;

		if (ev->y < 1 || ev->y > list_height(ui))
			return;
		row = ui->top + (size_t)(ev->y - 1);
		if (row >= ui->nrows)
			return;
		if (row == ui->sel && (ev->bstate & BUTTON1_DOUBLE_CLICKED))
			article_open(ui, ui->rows[row], NULL);
		ui->sel = row;
	}
}
