/*
 * view-list.c: the library view: one row per article, only visible rows
 * drawn; its status line, sort orders, and the keys that act on many rows.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "prefs.h"
#include "readstate.h"
#include "sanitize.h"
#include "strmap.h"
#include "ui-int.h"

static const char *const sort_names[SORT_COUNT] = { "date", "title", "source", "unread" };

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

/* ---- the sort order ---- */

void
list_init(struct ui *ui)
{
	const char *state = readstate_path(ui->rs);
	char *path, *v;
	int i;

	if (state == NULL)
		return;
	path = prefs_path(state);
	v = prefs_get(path, "sort");
	for (i = 0; v != NULL && i < SORT_COUNT; i++)
		if (strcmp(v, sort_names[i]) == 0)
			ui->sort = (enum sort_order)i;
	free(v);
	free(path);
}

void
list_free(struct ui *ui)
{
	free(ui->order);
	ui->order = NULL;
	fold_free(&ui->filter_pat);
	prompt_free(ui);
	buf_free(&ui->last_search);
}

static struct ui *sort_ui;	/* for qsort's comparisons */

/* Newest first, as the library is read: the index in lib.v says it. */
static int
cmp_index(size_t a, size_t b)
{
	return a < b ? -1 : a > b;
}

static int
cmp_order(const void *pa, const void *pb)
{
	size_t a = *(const size_t *)pa, b = *(const size_t *)pb;
	const struct lib_entry *ea = &sort_ui->lib.v[a], *eb = &sort_ui->lib.v[b];
	int c = 0;

	switch (sort_ui->sort) {
	case SORT_TITLE:
		c = ascii_strcasecmp(ea->title, eb->title);
		break;
	case SORT_SOURCE:
		/* articles without a source after those with one */
		if ((ea->source[0] == '\0') != (eb->source[0] == '\0'))
			return ea->source[0] == '\0' ? 1 : -1;
		c = ascii_strcasecmp(ea->source, eb->source);
		break;
	case SORT_UNREAD:
		c = (int)ui_is_read(sort_ui, a) - (int)ui_is_read(sort_ui, b);
		break;
	default:
		break;
	}
	return c != 0 ? c : cmp_index(a, b);
}

void
list_sort(struct ui *ui)
{
	size_t i;

	free(ui->order);
	ui->order = xcalloc(ui->lib.n + 1, sizeof *ui->order);
	for (i = 0; i < ui->lib.n; i++)
		ui->order[i] = i;
	if (ui->sort != SORT_DATE && ui->lib.n > 1) {
		sort_ui = ui;
		qsort(ui->order, ui->lib.n, sizeof *ui->order, cmp_order);
	}
}

/* o: the next order, kept in the state folder for the next time. */
static void
next_sort(struct ui *ui)
{
	char *path = prefs_path(readstate_path(ui->rs)), *cause = NULL;

	ui->sort = (enum sort_order)((ui->sort + 1) % SORT_COUNT);
	list_sort(ui);
	ui_refilter(ui);
	if (prefs_set(path, "sort", sort_names[ui->sort], &cause) < 0) {
		ui_message(ui, true, "sorted by %s; could not save it: %s", sort_names[ui->sort],
		    cause);
		free(cause);
	} else {
		ui_message(ui, false, ui->sort == SORT_UNREAD ? "sorted: unread first" :
		    "sorted by %s", sort_names[ui->sort]);
	}
	free(path);
}

void
list_reload(struct ui *ui)
{
	struct strmap before = STRMAP_INIT;
	size_t i, added = 0, gone, n = ui->lib.n;
	bool fresh;

	for (i = 0; i < ui->lib.n; i++)
		strmap_put(&before, ui->lib.v[i].path, strlen(ui->lib.v[i].path), &fresh);
	ui_reload(ui);
	for (i = 0; i < ui->lib.n; i++)
		if (strmap_get(&before, ui->lib.v[i].path, strlen(ui->lib.v[i].path)) == NULL)
			added++;
	strmap_free(&before);
	gone = n + added - ui->lib.n;
	if (ui->msg[0] != '\0')
		return;		/* a problem met while reading is said first */
	if (added == 0 && gone == 0)
		ui_message(ui, false, "no new articles (%zu)", ui->lib.n);
	else if (gone == 0)
		ui_message(ui, false, "%zu new article%s", added, added == 1 ? "" : "s");
	else
		ui_message(ui, false, "%zu new, %zu gone", added, gone);
}

/* ---- drawing ---- */

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

/* Which columns fit: the title keeps half the width; the source goes first, then the date. */
static void
list_columns(struct ui *ui, int h, bool *date, int *srcw)
{
	int half = ui->w / 2, after_date = ui->w - 3 - 12 - 1, room;

	*date = after_date >= half;
	*srcw = 0;
	if (!*date)
		return;
	room = after_date - 2 - half;
	*srcw = source_width(ui, h);
	if (*srcw > room)
		*srcw = room;
	if (*srcw < 6)
		*srcw = 0;
}

/*
 * The columns of the quote count at the right of the rows (0: none): only
 * when the widest title on screen still fits beside it.
 */
static int
quotes_width(struct ui *ui, int h, bool date, int srcw)
{
	int x = 3 + (date ? 12 : 0) + (srcw > 0 ? srcw + 2 : 0), widest = 0;
	size_t i;

	for (i = ui->top; i < ui->nrows && i < ui->top + (size_t)h; i++) {
		const struct lib_entry *e = &ui->lib.v[ui->rows[i]];
		int tw = (int)sanitize_width(e->title, strlen(e->title)) +
		    (e->flags & ARTICLE_BROKEN ? 9 : 0);

		widest = tw > widest ? tw : widest;
	}
	return ui->w - x - 1 - 5 >= widest ? 5 : 0;
}

static void
draw_row(struct ui *ui, int y, size_t row, bool date, int srcw, int qw)
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
	if (date) {
		draw_str(y, x, 10, e->date[0] != '\0' ? e->date : "", a);
		x += 12;
	}
	if (srcw > 0) {
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

/* The header: the counts, then every folder or file the library was read from. */
static void
draw_header(struct ui *ui)
{
	struct buf head = BUF_INIT;
	char s[64];
	size_t i;
	int x;

	if (ui->preloaded == SIZE_MAX)	/* rows read while the folders are still listed */
		buf_adds(&head, " byline");
	else if (ui->preloaded > 0)	/* the cache's first screen: no count of unread yet */
		buf_printf(&head, " byline \xe2\x80\x94 %zu article%s",
		    ui->preloaded, ui->preloaded == 1 ? "" : "s");
	else
		buf_printf(&head, " byline \xe2\x80\x94 %zu article%s, %zu unread",
		    ui->lib.n, ui->lib.n == 1 ? "" : "s", ui->nunread);
	draw_fill(0, 0, ui->w, draw_attr(C_STATUS));
	x = draw_str(0, 0, ui->w, head.data, draw_attr(C_STATUS) | A_BOLD);
	buf_reset(&head);
	for (i = 0; i < ui->npaths; i++) {
		buf_adds(&head, i == 0 ? " \xe2\x80\x94 " : ", ");
		buf_adds(&head, ui->paths[i]);
	}
	if (head.len > 0 && x + 6 < ui->w)
		draw_str_cut(0, x, ui->w - x, head.data, draw_attr(C_STATUS));
	buf_free(&head);
	/* the library's analysis, while it takes long enough to be worth saying */
	if (people_progress(ui, s, sizeof s) && (int)strlen(s) + x + 8 < ui->w)
		draw_str(0, ui->w - (int)strlen(s) - 1, (int)strlen(s), s, draw_attr(C_STATUS));
}

void
list_draw(struct ui *ui)
{
	int h = list_height(ui), y, srcw, qw;
	bool date;

	list_scroll(ui);
	draw_header(ui);
	list_columns(ui, h, &date, &srcw);
	qw = quotes_width(ui, h, date, srcw);
	for (y = 0; y < h; y++) {
		size_t row = ui->top + (size_t)y;

		if (row >= ui->nrows)
			break;
		draw_row(ui, 1 + y, row, date, srcw, qw);
	}
	if (ui->nrows == 0) {
		const char *why = ui->lib.n == 0 ? "No articles here." :
		    ui->unread_only && ui->filter.len == 0 ? "No unread articles." :
		    "No article matches.";

		draw_str(2, 2, ui->w - 2, why, A_NORMAL);
		if (ui->lib.n == 0)
			draw_str(3, 2, ui->w - 2,
			    "byline reads .md, .markdown and .txt files; see byline(1).", A_DIM);
	}
}

void
list_draw_status(struct ui *ui)
{
	static const struct hint hints[] = {
		{ ACT_OPEN, "open" }, { ACT_TOGGLE_READ, "read/unread" },
		{ ACT_UNREAD_ONLY, "unread only" }, { ACT_FILTER, "filter" }, { ACT_HELP, "help" },
		{ ACT_QUIT, "quit" },
	};
	int y = ui->h - 1, x, right;
	char s[256], pos[48];

	draw_fill(y, 0, ui->w, draw_attr(C_STATUS));
	if (ui->msg[0] != '\0') {
		draw_str(y, 1, ui->w - 1, ui->msg, ui->msg_error ? draw_attr(C_ERROR) :
		    draw_attr(C_STATUS) | A_BOLD);
		return;
	}
	if (ui->preloaded > 0) {
		draw_str(y, 1, ui->w - 1, "reading the folder\xe2\x80\xa6", draw_attr(C_STATUS));
		return;
	}
	if (uifetch_status(ui, s, sizeof s)) {
		draw_str_cut(y, 1, ui->w - 2, s, draw_attr(C_STATUS) | A_BOLD);
		return;
	}
	/* the position at the right, as mutt has it */
	snprintf(pos, sizeof pos, "%zu/%zu", ui->nrows > 0 ? ui->sel + 1 : 0, ui->nrows);
	right = ui->w - 1 - (int)strlen(pos);
	if (right > 8)
		draw_str(y, right, ui->w - right, pos, draw_attr(C_STATUS));
	else
		right = ui->w;
	snprintf(s, sizeof s, "%zu shown%s%s%s", ui->nrows, ui->unread_only ? ", unread only" : "",
	    ui->filter.len > 0 ? ", filter: " : "", ui->filter.len > 0 ? ui->filter.data : "");
	/* then the key hints that fit whole, three spaces after the count, two between */
	x = 1 + draw_str_cut(y, 1, right - 3, s, draw_attr(C_STATUS)) + 1;
	draw_hints(y, x, right - 2, V_LIST, hints, sizeof hints / sizeof hints[0],
	    draw_attr(C_STATUS));
}

/* ---- keys ---- */

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
list_mark_all(struct ui *ui, bool confirmed)
{
	const char **keys = xcalloc(ui->nrows + 1, sizeof *keys);
	size_t i, n = 0;
	char *cause = NULL;

	for (i = 0; i < ui->nrows; i++)
		if (!ui_is_read(ui, ui->rows[i]))
			keys[n++] = ui->lib.v[ui->rows[i]].key;
	if (n == 0) {
		ui_message(ui, false, "every article shown is read already");
	} else if (!confirmed && n > (size_t)list_height(ui)) {
		/* more than a screen: not by a slip of the finger */
		snprintf(ui->question, sizeof ui->question, "Mark %zu articles read? (y/n)", n);
		ui->prompt = PROMPT_CONFIRM;
	} else if (readstate_set_read(ui->rs, keys, n, true, &cause) < 0) {
		ui_message(ui, true, "could not save read marks: %s", cause);
		free(cause);
	} else {
		ui_count_unread(ui);
		if (ui->unread_only)
			ui_refilter(ui);
		ui_message(ui, false, "%zu marked read", n);
	}
	free(keys);
}

/* r: mark the selected article read or unread, then go on to the next. */
static void
toggle_and_next(struct ui *ui)
{
	size_t e;
	bool now;

	if (ui->nrows == 0)
		return;
	e = ui->rows[ui->sel];
	now = !ui_is_read(ui, e);
	ui_set_read(ui, e, now);
	if (ui->msg[0] == '\0')
		ui_message(ui, false, now ? "marked read" : "marked unread");
	if (ui->unread_only && now)
		ui_refilter(ui);	/* the row goes; the next one takes its place */
	else if (ui->sel + 1 < ui->nrows)
		ui->sel++;
}

/* Moves: j, k, pages, g and G, count times (g and G: to row count). */
static bool
list_move(struct ui *ui, enum action act, long count)
{
	size_t h = (size_t)list_height(ui), n = count > 0 ? (size_t)count : 1, last;

	last = ui->nrows > 0 ? ui->nrows - 1 : 0;
	if (act == ACT_HALF_DOWN || act == ACT_HALF_UP)
		h = h / 2 > 0 ? h / 2 : 1;
	switch (act) {
	case ACT_DOWN:
		ui->sel = ui->sel + n < last ? ui->sel + n : last;
		return true;
	case ACT_UP:
		ui->sel = ui->sel > n ? ui->sel - n : 0;
		return true;
	case ACT_PAGE_DOWN:
	case ACT_HALF_DOWN:
		ui->sel = ui->sel + h * n < last ? ui->sel + h * n : last;
		ui->top += h * n;
		return true;
	case ACT_PAGE_UP:
	case ACT_HALF_UP:
		ui->sel = ui->sel > h * n ? ui->sel - h * n : 0;
		ui->top = ui->top > h * n ? ui->top - h * n : 0;
		return true;
	case ACT_TOP:
	case ACT_BOTTOM:
		if (count > 0)
			ui->sel = n - 1 < last ? n - 1 : last;
		else
			ui->sel = act == ACT_TOP ? 0 : last;
		return true;
	default:
		return false;
	}
}

void
list_key(struct ui *ui, enum action act, long count)
{
	if (list_move(ui, act, count)) {
		list_scroll(ui);
		return;
	}
	switch (act) {
	case ACT_OPEN:
		if (ui->nrows > 0)
			article_open(ui, ui->rows[ui->sel], NULL);
		break;
	case ACT_TOGGLE_READ:
		toggle_and_next(ui);
		break;
	case ACT_MARK_ALL:
		list_mark_all(ui, false);
		break;
	case ACT_UNREAD_ONLY:
		ui->unread_only = !ui->unread_only;
		ui_refilter(ui);
		ui_message(ui, false, ui->unread_only ? "showing unread articles only" :
		    "showing all articles");
		break;
	case ACT_FILTER:
		prompt_open(ui, PROMPT_FILTER, ui->filter.data);
		break;
	case ACT_CLEAR_FILTER:
		if (ui->filter.len > 0) {
			ui_set_filter(ui, "", 0);
			ui_message(ui, false, "filter cleared");
		}
		break;
	case ACT_SORT:
		next_sort(ui);
		break;
	case ACT_RELOAD:
		list_reload(ui);
		break;
	case ACT_NEXT_UNREAD:
		if (ui->nrows > 0)
			next_unread(ui);
		break;
	case ACT_PEOPLE:
		people_open(ui);
		return;
	case ACT_QUIT:
		if (!uifetch_cancel(ui))	/* q stops a fetch first */
			ui->quit = true;
		break;
	case ACT_FETCH:
		uifetch_start(ui);
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
