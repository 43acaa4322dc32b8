/*
 * view-people.c: the library's analysis in the reader, and the two views
 * it feeds: People (everyone in the articles shown: their articles,
 * mentions and quotes) and one person's quotes across those articles.
 *
 * The analysis runs on threads of its own (anlib.h) from the moment the
 * library is read; its pipe wakes the event loop, which takes in what came
 * (people_tick) and paints: the library's quote counts and the People view
 * fill as results arrive, and keys are answered meanwhile. The People list
 * is built again at most every so often (more seldom the longer it takes).
 */
#include <errno.h>
#include <stdio.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "anlib.h"
#include "cache.h"
#include "digest.h"
#include "sanitize.h"
#include "ui-int.h"
#include "utf8.h"
#include "who.h"

#define REBUILD_MS	150	/* the People list is built again at most this often */

struct people {
	/* the analysis of the whole library */
	struct anlib		*an;
	int			 fd[2];		/* its notify pipe */
	char			*cpath;		/* the analysis cache */
	bool			 saved;		/* saved since its last run ended */
	int64_t			 started_at;	/* when it began (clock_ms) */
	/* what the caches said of the whole library before it was read */
	struct who		*summary;
	struct dgcache		*summary_cache;
	size_t			 summary_articles;
	/* People: the people of the rows shown when it was opened */
	size_t			*rows;
	size_t			 nrows;
	struct who		*who;
	size_t			 built_ready;	/* anlib_ready() when who was built */
	int64_t			 built_at, build_ms;
	size_t			*list;		/* listed: indices into the who shown, filtered */
	size_t			 nlist;
	size_t			 sel, top;
	enum who_order		 order;
	struct buf		 filter;
	/* one person's quotes */
	struct anlib_quote	*qs;
	size_t			 nq, qsel, qtop;
	size_t			*qrows;		/* the rows they were taken from */
	size_t			 nqrows;
	char			*name, *role;
	unsigned		 narticles;
	struct reader		*stash;		/* the article A came from, kept meanwhile */
	bool			 in_article;	/* an article opened from the quotes: q comes back */
};

/* The module's state, made when first wanted. */
static struct people *
pv_of(struct ui *ui)
{
	if (ui->people == NULL) {
		ui->people = xcalloc(1, sizeof *ui->people);
		ui->people->fd[0] = ui->people->fd[1] = -1;
	}
	return ui->people;
}

/* ---- the library's analysis ---- */

void
people_start(struct ui *ui)
{
	struct people *pv = pv_of(ui);
	int i;

	if (pv->an != NULL || ui->single)
		return;
	pv->cpath = dgcache_path(ui->paths, ui->npaths);
	pv->an = anlib_new(ui->lib.v, ui->lib.n, dgcache_load(pv->cpath, digest_engine()));
	if (pipe(pv->fd) == 0) {
		for (i = 0; i < 2; i++) {
			fcntl(pv->fd[i], F_SETFL, fcntl(pv->fd[i], F_GETFL) | O_NONBLOCK);
			fcntl(pv->fd[i], F_SETFD, FD_CLOEXEC);
		}
	} else {
		pv->fd[0] = pv->fd[1] = -1;
	}
	pv->started_at = clock_ms();
	anlib_start(pv->an, 0, pv->fd[1]);
}

int
people_fd(const struct ui *ui)
{
	return ui->people != NULL ? ui->people->fd[0] : -1;
}

long
people_nquotes(const struct ui *ui, size_t entry)
{
	if (ui->people == NULL || ui->people->an == NULL || ui->preloaded > 0)
		return -1;
	return anlib_nquotes(ui->people->an, entry);
}

/* Is the analysis still running? */
static bool
analysing(const struct people *pv)
{
	return pv->an != NULL && anlib_busy(pv->an);
}

bool
people_progress(const struct ui *ui, char *s, size_t size)
{
	/* not for an analysis of a moment: no flicker in a small library */
	if (ui->people == NULL || !analysing(ui->people) ||
	    clock_ms() - ui->people->started_at < 500)
		return false;
	snprintf(s, size, "analysing: %zu of %zu", anlib_done(ui->people->an),
	    anlib_todo(ui->people->an));
	return true;
}

/* Folded text of s into out (reset first). */
static void
fold(struct buf *out, const char *s)
{
	buf_reset(out);
	if (s != NULL)
		utf8_fold(s, strlen(s), out);
}

/* The people shown: the live list once built, else the caches' summary. */
static struct who *
shown(const struct people *pv)
{
	return pv->who != NULL ? pv->who : pv->summary;
}

/* List the people of the who shown that the filter lets through, in order. */
static void
relist(struct people *pv)
{
	struct who *w = shown(pv);
	struct buf f = BUF_INIT, t = BUF_INIT;
	size_t i;

	free(pv->list);
	pv->list = xcalloc((w != NULL ? w->n : 0) + 1, sizeof *pv->list);
	pv->nlist = 0;
	if (w == NULL)
		return;
	who_sort(w, pv->order);
	fold(&f, pv->filter.data);
	for (i = 0; i < w->n; i++) {
		if (f.len > 0) {
			fold(&t, w->v[i].name);
			buf_addc(&t, '\n');
			if (w->v[i].role != NULL)
				utf8_fold(w->v[i].role, strlen(w->v[i].role), &t);
			if (strstr(t.data, f.data) == NULL)
				continue;
		}
		pv->list[pv->nlist++] = i;
	}
	if (pv->sel >= pv->nlist)
		pv->sel = pv->nlist > 0 ? pv->nlist - 1 : 0;
	buf_free(&f);
	buf_free(&t);
}

/* Forget the people the caches gave, for those of the library's analysis. */
static void
drop_summary(struct people *pv)
{
	who_free(pv->summary);
	pv->summary = NULL;
	dgcache_free(pv->summary_cache);	/* NULL when the summary was the analysis's */
	pv->summary_cache = NULL;
}

/* Build the People list again from what is ready, keeping the person selected. */
static void
rebuild(struct people *pv)
{
	const char *keep = NULL;
	char *kept = NULL;
	int64_t t0 = clock_ms();
	size_t i;

	if (pv->an == NULL)
		return;
	if (pv->nlist > 0 && shown(pv) != NULL)
		kept = xstrdup(shown(pv)->v[pv->list[pv->sel]].name);
	keep = kept;
	who_free(pv->who);
	pv->who = anlib_who(pv->an, pv->rows, pv->nrows);
	drop_summary(pv);
	pv->built_ready = anlib_ready(pv->an);
	relist(pv);
	for (i = 0; keep != NULL && i < pv->nlist; i++)
		if (strcmp(pv->who->v[pv->list[i]].name, keep) == 0) {
			pv->sel = i;
			break;
		}
	free(kept);
	pv->built_at = clock_ms();
	pv->build_ms = pv->built_at - t0;
}

/*
 * Save the analysis cache, with the front-matter cache's checksum as it is
 * now (the library just read wrote it), so that the next --people can trust
 * the people saved before reading the library.
 */
static void
save(struct ui *ui, struct people *pv)
{
	char *ipath = cache_path(ui->paths, ui->npaths);
	uint64_t count, isum = 0;

	cache_sum(ipath, &count, &isum);
	free(ipath);
	anlib_save(pv->an, pv->cpath, NULL, isum);
}

/* The analysis run ended: save the cache, or run again for what is left. */
static void
run_ended(struct ui *ui, struct people *pv)
{
	anlib_finish(pv->an);
	if (anlib_ready(pv->an) < ui->lib.n && !*ui->cancel) {
		anlib_start(pv->an, 0, pv->fd[1]);	/* entries whose texts went bad */
		return;
	}
	if (!pv->saved) {
		pv->saved = true;
		save(ui, pv);
	}
}

void
people_tick(struct ui *ui)
{
	struct people *pv = ui->people;
	char drain[256];

	if (pv == NULL || pv->an == NULL)
		return;
	while (pv->fd[0] >= 0 && read(pv->fd[0], drain, sizeof drain) > 0)
		;
	if (!anlib_busy(pv->an) && anlib_todo(pv->an) > 0 && !pv->saved)
		run_ended(ui, pv);
	if (ui->view != V_PEOPLE || pv->rows == NULL)
		return;
	/* more came in: build again, not more often than the building allows */
	if ((pv->who == NULL && pv->summary == NULL) || (anlib_ready(pv->an) != pv->built_ready &&
	    (!analysing(pv) || clock_ms() - pv->built_at >= REBUILD_MS + 4 * pv->build_ms)))
		rebuild(pv);
}

/* ---- People ---- */

bool
people_preload(struct ui *ui)
{
	struct people *pv = pv_of(ui);
	char *ipath = cache_path(ui->paths, ui->npaths), *apath;
	uint64_t count, isum, fp;
	const char *data;
	size_t len;

	/*
	 * For a first paint, the front-matter cache's checksum (its trailer
	 * alone is read) stands for the library: the same as when the people
	 * were saved, they are shown; the library read and checked next
	 * replaces them if need be.
	 */
	if (!cache_sum(ipath, &count, &isum)) {
		free(ipath);
		return false;
	}
	free(ipath);
	apath = dgcache_path(ui->paths, ui->npaths);
	pv->summary_cache = dgcache_load(apath, digest_engine());
	free(apath);
	if (dgcache_index_sum(pv->summary_cache) == isum &&
	    dgcache_summary(pv->summary_cache, &fp, &data, &len))
		pv->summary = anlib_summary(pv->summary_cache, fp);
	if (pv->summary == NULL) {
		dgcache_free(pv->summary_cache);
		pv->summary_cache = NULL;
		return false;
	}
	pv->summary_articles = (size_t)count;
	ui->view = V_PEOPLE;
	relist(pv);
	return true;
}

void
people_open(struct ui *ui)
{
	struct people *pv = pv_of(ui);

	people_start(ui);
	free(pv->rows);
	pv->rows = xcalloc(ui->nrows + 1, sizeof *pv->rows);
	memcpy(pv->rows, ui->rows, ui->nrows * sizeof *pv->rows);
	pv->nrows = ui->nrows;
	if (ui->view != V_PEOPLE) {
		pv->sel = pv->top = 0;
		buf_reset(&pv->filter);
	}
	ui->view = V_PEOPLE;
	drop_summary(pv);
	/* the whole library, unchanged: its people as saved, the list built when wanted */
	if (ui->nrows == ui->lib.n && ui->filter.len == 0 && !ui->unread_only &&
	    (pv->summary = anlib_saved_people(pv->an)) != NULL) {
		who_free(pv->who);
		pv->who = NULL;
		pv->built_ready = anlib_ready(pv->an);
		relist(pv);
		return;
	}
	rebuild(pv);
}

void
people_filter(struct ui *ui, const char *text)
{
	struct people *pv = pv_of(ui);

	buf_reset(&pv->filter);
	buf_adds(&pv->filter, text != NULL ? text : "");
	pv->sel = pv->top = 0;
	relist(pv);
}

/* Columns of the counts at width w: 3 (articles, mentions, quotes), 1 (quotes) or 0. */
static int
count_columns(int w)
{
	return w >= 64 ? 3 : w >= 30 ? 1 : 0;
}

/* Draw person p on row y (selected: sel). */
static void
draw_person(struct ui *ui, int y, const struct who_person *p, bool sel)
{
	attr_t a = sel ? draw_attr(C_SELECTED) : A_NORMAL;
	int cols = count_columns(ui->w), right = cols == 3 ? 26 : cols == 1 ? 8 : 0;
	int w = ui->w - right - 1, x;
	char num[48];

	draw_fill(y, 0, ui->w, a);
	x = 1 + draw_str_cut(y, 1, w - 1, p->name, a | A_BOLD);
	if (p->role != NULL && x + 4 < w)
		draw_str_cut(y, x + 2, w - x - 2, p->role, a | A_DIM);
	if (cols == 3)
		snprintf(num, sizeof num, "%8u %8u %7u", p->narticles, p->nmentions, p->nquotes);
	else
		snprintf(num, sizeof num, "%7u", p->nquotes);
	if (cols > 0)
		draw_str(y, ui->w - 1 - (int)strlen(num), (int)strlen(num), num, a);
}

/* The header: how many people in how many articles, and how far the analysis is. */
static void
draw_people_head(struct ui *ui, struct people *pv)
{
	struct buf h = BUF_INIT;
	int cols = count_columns(ui->w);
	size_t narts = pv->rows != NULL ? pv->nrows : pv->summary_articles;

	buf_printf(&h, " People: %zu in %zu article%s", pv->nlist, narts, narts == 1 ? "" : "s");
	if (analysing(pv))
		buf_printf(&h, " (analysing: %zu of %zu)", anlib_done(pv->an), anlib_todo(pv->an));
	draw_fill(0, 0, ui->w, draw_attr(C_STATUS));
	draw_str_cut(0, 0, ui->w, h.data, draw_attr(C_STATUS) | A_BOLD);
	buf_free(&h);
	if (ui->h < 4)
		return;
	draw_fill(1, 0, ui->w, A_NORMAL);
	draw_str(1, 1, ui->w - 1, "name, role", A_DIM);
	if (cols == 3)
		draw_str(1, ui->w - 27, 26, "articles mentions  quotes", A_DIM);
	else if (cols == 1)
		draw_str(1, ui->w - 7, 6, "quotes", A_DIM);
}

/* Rows for the list of a view with a header of head rows and a status line. */
static size_t
list_rows(const struct ui *ui, int head)
{
	int h = ui->h - head - 1;

	return h < 1 ? 1 : (size_t)h;
}

/* The status line: a message, or the order, the filter and the keys. */
static void
draw_people_status(struct ui *ui, struct people *pv)
{
	static const char *const names[] = { "quotes", "mentions", "name" };
	static const struct hint hints[] = {
		{ ACT_OPEN, "quotes" }, { ACT_FILTER, "filter" }, { ACT_ORDER, "order" },
		{ ACT_BACK, "back" },
	};
	struct buf s = BUF_INIT;
	int x;

	draw_fill(ui->h - 1, 0, ui->w, draw_attr(C_STATUS));
	if (ui->msg[0] != '\0') {
		draw_str(ui->h - 1, 1, ui->w - 1, ui->msg, ui->msg_error ? draw_attr(C_ERROR) :
		    draw_attr(C_STATUS) | A_BOLD);
		return;
	}
	buf_printf(&s, "by %s", names[pv->order]);
	if (pv->filter.len > 0)
		buf_printf(&s, ", filter: %s", pv->filter.data);
	x = 1 + draw_str_cut(ui->h - 1, 1, ui->w - 4, s.data, draw_attr(C_STATUS)) + 1;
	draw_hints(ui->h - 1, x, ui->w - 1, V_PEOPLE, hints, sizeof hints / sizeof hints[0],
	    draw_attr(C_STATUS));
	buf_free(&s);
}

/* Draw People: header, the visible people, the status line. */
static void
draw_people_list(struct ui *ui, struct people *pv)
{
	struct who *w = shown(pv);
	int head = ui->h >= 4 ? 2 : 1;
	size_t h = list_rows(ui, head), i;

	draw_people_head(ui, pv);
	if (pv->sel < pv->top)
		pv->top = pv->sel;
	if (pv->sel >= pv->top + h)
		pv->top = pv->sel - h + 1;
	for (i = 0; i < h && pv->top + i < pv->nlist; i++)
		draw_person(ui, head + (int)i, &w->v[pv->list[pv->top + i]], pv->top + i == pv->sel);
	if (pv->nlist == 0)
		draw_str(head + 1, 2, ui->w - 2, analysing(pv) ? "Analysing the articles\xe2\x80\xa6" :
		    pv->filter.len > 0 ? "No one matches." : "No people in these articles.", A_DIM);
	draw_people_status(ui, pv);
}

/* ---- one person's quotes ---- */

/* The lines quote q takes at width w: its header line and the wrapped text. */
static size_t
quote_lines(const struct anlib_quote *q, int w, struct wline **wl, size_t *cap)
{
	size_t n = 0;

	wrap_text(q->text, q->len, w, false, wl, &n, cap);
	return n + 1;
}

/* Draw quote q of pv at row y (selected: sel), at most maxrows rows; returns the rows used. */
static int
draw_quote(struct ui *ui, struct people *pv, size_t qi, int y, int maxrows, struct wline **wl,
    size_t *cap)
{
	const struct anlib_quote *q = &pv->qs[qi];
	const struct lib_entry *e = &ui->lib.v[pv->qrows[q->row]];
	bool sel = qi == pv->qsel;
	attr_t a = sel ? draw_attr(C_SELECTED) : draw_attr(C_META);
	struct buf head = BUF_INIT;
	int w = ui->w - 4, x;
	size_t n, k;

	n = quote_lines(q, w > 1 ? w : 1, wl, cap);
	draw_fill(y, 0, ui->w, a);
	if (sel)
		draw_str(y, 0, 1, "\xe2\x96\x8c", a);	/* U+258C */
	x = draw_str(y, 2, ui->w - 3, e->date[0] != '\0' ? e->date : "undated", a | A_BOLD);
	buf_printf(&head, "%s%s%s", e->source, e->source[0] != '\0' ? " \xe2\x80\x94 " : "", e->title);
	draw_str_cut(y, 2 + x + 2, ui->w - 5 - x, head.data, a);
	buf_free(&head);
	for (k = 0; k + 1 < n && (int)k + 1 < maxrows; k++) {
		if (sel)
			draw_str(y + 1 + (int)k, 0, 1, "\xe2\x96\x8c", draw_attr(C_SELECTED));
		draw_text(y + 1 + (int)k, 3, w, q->text + (*wl)[k].start, (*wl)[k].end - (*wl)[k].start,
		    draw_attr(C_QUOTE), NULL, 0);
	}
	return (int)(n < (size_t)maxrows ? n : (size_t)maxrows);
}

/* Keep the selected quote on screen: move qtop until it fits below it. */
static void
quotes_scroll(struct ui *ui, struct people *pv, int rows, struct wline **wl, size_t *cap)
{
	int used;
	size_t k;

	if (pv->qsel < pv->qtop)
		pv->qtop = pv->qsel;
	for (;;) {
		used = 0;
		for (k = pv->qtop; k <= pv->qsel && k < pv->nq; k++)
			used += (int)quote_lines(&pv->qs[k], ui->w - 4 > 1 ? ui->w - 4 : 1, wl, cap) + 1;
		if (used - 1 <= rows || pv->qtop >= pv->qsel)
			break;
		pv->qtop++;
	}
}

/* Draw a person's quotes: header, the visible quotes, the status line. */
static void
draw_quotes_view(struct ui *ui, struct people *pv)
{
	struct wline *wl = NULL;
	struct buf h = BUF_INIT;
	int rows = (int)list_rows(ui, 1), y = 1;
	size_t k, cap = 0;

	buf_printf(&h, " Quotes by %s%s%s: %zu in %u article%s", pv->name, pv->role != NULL ?
	    ", " : "", pv->role != NULL ? pv->role : "", pv->nq, pv->narticles,
	    pv->narticles == 1 ? "" : "s");
	draw_fill(0, 0, ui->w, draw_attr(C_STATUS));
	draw_str_cut(0, 0, ui->w, h.data, draw_attr(C_STATUS) | A_BOLD);
	buf_free(&h);
	quotes_scroll(ui, pv, rows, &wl, &cap);
	for (k = pv->qtop; k < pv->nq && y < 1 + rows; k++)
		y += draw_quote(ui, pv, k, y, 1 + rows - y, &wl, &cap) + 1;
	if (pv->nq == 0)
		draw_str(2, 2, ui->w - 2, analysing(pv) ? "No quotes yet: the articles are being "
		    "analysed." : "No quotes.", A_DIM);
	free(wl);
	draw_fill(ui->h - 1, 0, ui->w, draw_attr(C_STATUS));
	if (ui->msg[0] != '\0') {
		draw_str(ui->h - 1, 1, ui->w - 1, ui->msg, ui->msg_error ? draw_attr(C_ERROR) :
		    draw_attr(C_STATUS) | A_BOLD);
	} else {
		static const struct hint hints[] = {
			{ ACT_OPEN, "open the article" }, { ACT_BACK, "back" },
		};
		char s[48];
		int x;

		snprintf(s, sizeof s, "quote %zu/%zu ", pv->nq > 0 ? pv->qsel + 1 : 0, pv->nq);
		x = 1 + draw_str_cut(ui->h - 1, 1, ui->w - 2, s, draw_attr(C_STATUS));
		draw_hints(ui->h - 1, x, ui->w - 1, V_QUOTES, hints, sizeof hints / sizeof hints[0],
		    draw_attr(C_STATUS));
	}
}

void
people_draw(struct ui *ui)
{
	struct people *pv = pv_of(ui);

	if (ui->view == V_QUOTES)
		draw_quotes_view(ui, pv);
	else
		draw_people_list(ui, pv);
}

/* Show the quotes of person p of w (built over rows[0..n)). */
static void
show_quotes(struct ui *ui, struct people *pv, struct who *w, size_t p, const size_t *rows,
    size_t n)
{
	anlib_texts(pv->an);	/* texts that went bad come back with the next run */
	free(pv->qs);
	pv->nq = anlib_quotes(pv->an, rows, n, w, p, &pv->qs);
	free(pv->qrows);
	pv->qrows = xcalloc(n + 1, sizeof *pv->qrows);
	memcpy(pv->qrows, rows, n * sizeof *rows);
	pv->nqrows = n;
	free(pv->name);
	free(pv->role);
	pv->name = xstrdup(w->v[p].name);
	pv->role = w->v[p].role != NULL ? xstrdup(w->v[p].role) : NULL;
	pv->narticles = w->v[p].narticles;
	pv->qsel = pv->qtop = 0;
	ui->view = V_QUOTES;
}

/* Enter on a person: their quotes (the live list is built first if need be). */
static void
open_person(struct ui *ui, struct people *pv)
{
	if (pv->nlist == 0)
		return;
	if (pv->who == NULL)
		rebuild(pv);	/* the summary has no appearances */
	if (pv->who == NULL || pv->sel >= pv->nlist)
		return;
	show_quotes(ui, pv, pv->who, pv->list[pv->sel], pv->rows, pv->nrows);
}

void
people_open_person(struct ui *ui)
{
	struct people *pv = pv_of(ui);
	struct reader *r = ui->r;
	size_t *all, i, p = SIZE_MAX, pi;
	struct who *w;

	if (ui->single || r == NULL) {
		ui_message(ui, false, "A shows a person across a library: open byline on a folder");
		return;
	}
	if (r->rd.an == NULL || r->focus != PANE_PEOPLE || r->npeople == 0) {
		ui_message(ui, false, "select a person in the people pane first (Tab or P), then A");
		return;
	}
	people_start(ui);
	pi = r->people[r->psel];
	all = xcalloc(ui->lib.n + 1, sizeof *all);
	for (i = 0; i < ui->lib.n; i++)
		all[i] = i;
	w = anlib_who(pv->an, all, ui->lib.n);
	/* the person of this article, as the library's analysis has them */
	for (i = 0; i < w->napps && r->entry != SIZE_MAX; i++)
		if (w->apps[i].article == r->entry && w->apps[i].person == pi)
			break;
	for (p = 0; i < w->napps && p < w->n; p++)
		if (i >= w->v[p].first && i < w->v[p].first + w->v[p].count)
			break;
	if (p < w->n && i < w->napps) {
		pv->stash = ui->r;	/* the article waits for q */
		ui->r = NULL;
		show_quotes(ui, pv, w, p, all, ui->lib.n);
	} else {
		ui_message(ui, false, "%s: not analysed yet (%zu of %zu articles done)",
		    r->rd.an->people[pi].name, anlib_ready(pv->an), ui->lib.n);
	}
	who_free(w);
	free(all);
}

/* Enter on a quote: its article, the quote current; q comes back here. */
static void
open_quote(struct ui *ui, struct people *pv)
{
	const struct anlib_quote *q;
	struct buf text = BUF_INIT;
	char *want;
	size_t i, qi;

	if (pv->nq == 0)
		return;
	q = &pv->qs[pv->qsel];
	want = xstrndup(q->text, q->len);
	qi = q->qi;
	if (!article_open(ui, pv->qrows[q->row], NULL)) {
		free(want);
		return;
	}
	pv->in_article = true;
	article_analyse(ui);
	/* the quote the analysis of the file now has at qi, else the one with its text */
	for (i = 0; i <= ui->r->rd.an->nquotes; i++) {
		size_t k = i == 0 ? qi : i - 1;

		if (k >= ui->r->rd.an->nquotes)
			continue;
		buf_reset(&text);
		analysis_quote_text(&ui->r->rd.in, &ui->r->rd.an->quotes[k], &text);
		if (text.data != NULL && strcmp(text.data, want) == 0 && article_goto_quote(ui, k))
			break;
	}
	if (i > ui->r->rd.an->nquotes)
		ui_message(ui, false, "this article changed: the quote is no longer in it");
	buf_free(&text);
	free(want);
}

bool
people_back(struct ui *ui)
{
	struct people *pv = ui->people;

	if (pv == NULL || !pv->in_article)
		return false;
	pv->in_article = false;
	ui->view = V_QUOTES;
	return true;
}

/* q in the quotes: back to the article they came from, or to People. */
static void
quotes_back(struct ui *ui, struct people *pv)
{
	if (pv->stash != NULL) {
		if (ui->r != NULL)
			article_close(ui);
		ui->r = pv->stash;
		pv->stash = NULL;
		ui->view = V_ARTICLE;
		article_relayout(ui);
		return;
	}
	ui->view = pv->rows != NULL ? V_PEOPLE : V_LIST;
}

/* Move a selection sel among n by act; rows: a page. Returns whether act moved. */
static bool
move_sel(size_t *sel, size_t n, enum action act, size_t rows)
{
	switch (act) {
	case ACT_DOWN:
		*sel = *sel + 1 < n ? *sel + 1 : *sel;
		return true;
	case ACT_UP:
		*sel = *sel > 0 ? *sel - 1 : 0;
		return true;
	case ACT_PAGE_DOWN:
	case ACT_HALF_DOWN:
		rows = act == ACT_HALF_DOWN && rows > 1 ? rows / 2 : rows;
		*sel = *sel + rows < n ? *sel + rows : (n > 0 ? n - 1 : 0);
		return true;
	case ACT_PAGE_UP:
	case ACT_HALF_UP:
		rows = act == ACT_HALF_UP && rows > 1 ? rows / 2 : rows;
		*sel = *sel > rows ? *sel - rows : 0;
		return true;
	case ACT_TOP:
		*sel = 0;
		return true;
	case ACT_BOTTOM:
		*sel = n > 0 ? n - 1 : 0;
		return true;
	default:
		return false;
	}
}

void
people_key(struct ui *ui, enum action act)
{
	struct people *pv = pv_of(ui);
	bool quotes = ui->view == V_QUOTES;

	if (move_sel(quotes ? &pv->qsel : &pv->sel, quotes ? pv->nq : pv->nlist, act,
	    quotes ? 3 : list_rows(ui, 2)))
		return;
	switch (act) {
	case ACT_OPEN:
		if (quotes)
			open_quote(ui, pv);
		else
			open_person(ui, pv);
		break;
	case ACT_FILTER:
		prompt_open(ui, PROMPT_PEOPLE, pv->filter.data);
		break;
	case ACT_ORDER:
		pv->order = (enum who_order)((pv->order + 1) % 3);
		pv->sel = pv->top = 0;
		relist(pv);
		break;
	case ACT_BACK:
	case ACT_QUIT:
		if (quotes)
			quotes_back(ui, pv);
		else
			ui->view = V_LIST;
		break;
	default:
		break;
	}
}

void
people_mouse(struct ui *ui, const MEVENT *ev)
{
	struct people *pv = pv_of(ui);
	bool quotes = ui->view == V_QUOTES;
	size_t row;

	if (ev->bstate & BUTTON4_PRESSED) {
		people_key(ui, ACT_UP);
		return;
	}
#ifdef BUTTON5_PRESSED
	if (ev->bstate & BUTTON5_PRESSED) {
		people_key(ui, ACT_DOWN);
		return;
	}
#endif
	if (quotes || !(ev->bstate & (BUTTON1_CLICKED | BUTTON1_PRESSED | BUTTON1_DOUBLE_CLICKED)))
		return;
	if (ev->y < 2 || ev->y >= ui->h - 1)
		return;
	row = pv->top + (size_t)(ev->y - 2);
	if (row >= pv->nlist)
		return;
	if (row == pv->sel && (ev->bstate & BUTTON1_DOUBLE_CLICKED))
		open_person(ui, pv);
	pv->sel = row;
}

void
people_free(struct ui *ui)
{
	struct people *pv = ui->people;

	if (pv == NULL)
		return;
	if (pv->stash != NULL) {
		struct reader *open = ui->r;

		ui->r = pv->stash;
		article_close(ui);	/* its reading position is saved */
		ui->r = open;
	}
	if (pv->an != NULL) {
		/* what was analysed is kept, even when the run is cut short */
		anlib_cancel(pv->an);
		save(ui, pv);
		anlib_free(pv->an);
	}
	if (pv->fd[0] >= 0)
		close(pv->fd[0]);
	if (pv->fd[1] >= 0)
		close(pv->fd[1]);
	who_free(pv->who);
	who_free(pv->summary);
	dgcache_free(pv->summary_cache);
	free(pv->cpath);
	free(pv->rows);
	free(pv->list);
	free(pv->qs);
	free(pv->qrows);
	free(pv->name);
	free(pv->role);
	buf_free(&pv->filter);
	free(pv);
	ui->people = NULL;
}
