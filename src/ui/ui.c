/*
 * ui.c: the reader's life: terminal set-up and restore, loading the library,
 * the event loop, and the one place that draws (ui_draw).
 *
 * The terminal itself (modes, signals, job control, paste, keys) is term.c's:
 * signals only set flags, which the loop reads; SIGWINCH makes it ask the
 * terminal its size and relayout (curses's own handler is not installed,
 * so no resize can be lost in its escape-sequence timing). Nothing is
 * drawn from a signal handler. Keys waiting are all taken before the next
 * paint.
 */
#include <errno.h>
#include <langinfo.h>
#include <locale.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <poll.h>
#include <sys/ioctl.h>
#include <sys/select.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cache.h"
#include "config.h"
#include "readstate.h"
#include "sanitize.h"
#include "ui-int.h"
#include "ui.h"
#include "utf8.h"

void
ui_message(struct ui *ui, bool error, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(ui->msg, sizeof ui->msg, fmt, ap);
	va_end(ap);
	ui->msg_error = error;
}

bool
ui_is_read(struct ui *ui, size_t entry)
{
	return readstate_is_read(ui->rs, ui->lib.v[entry].key);
}

void
ui_set_read(struct ui *ui, size_t entry, bool read)
{
	const char *key = ui->lib.v[entry].key;
	bool was = readstate_is_read(ui->rs, key);
	char *cause = NULL;

	if (readstate_set_read(ui->rs, &key, 1, read, &cause) < 0) {
		ui_message(ui, true, "could not save read marks: %s", cause);
		free(cause);
	}
	if (was != read) {
		/* the same key may stand for several files: count them all */
		size_t i;

		for (i = 0; i < ui->lib.n; i++)
			if (ui->lib.v[i].key == key || strcmp(ui->lib.v[i].key, key) == 0)
				ui->nunread += read ? (size_t)-1 : 1;
	}
}

void
ui_refilter(struct ui *ui)
{
	size_t k, i, keep = ui->nrows > 0 && ui->sel < ui->nrows ? ui->rows[ui->sel] : SIZE_MAX;
	size_t open = ui->r != NULL ? ui->r->entry : SIZE_MAX, after = 0;

	ui->nrows = 0;
	ui->sel = 0;
	for (k = 0; k < ui->lib.n; k++) {
		i = ui->order != NULL ? ui->order[k] : k;
		/* the article being read stays listed until it is left */
		if ((ui->unread_only && ui_is_read(ui, i) && i != open) ||
		    !library_entry_matches(&ui->lib.v[i], &ui->filter_pat)) {
			if (i == keep)
				after = ui->nrows;	/* the selection goes to the next row shown */
			continue;
		}
		if (i == keep)
			after = ui->nrows;
		ui->rows[ui->nrows++] = i;
	}
	ui->sel = after;
	list_scroll(ui);
}

void
ui_set_filter(struct ui *ui, const char *text, size_t len)
{
	buf_reset(&ui->filter);
	buf_add(&ui->filter, text, len);
	fold_free(&ui->filter_pat);
	fold_compile(&ui->filter_pat, text, len);
	ui_refilter(ui);
}

void
ui_count_unread(struct ui *ui)
{
	size_t i;

	ui->nunread = 0;
	for (i = 0; i < ui->lib.n; i++)
		ui->nunread += !ui_is_read(ui, i);
}

/* ---- drawing ---- */

/* The rows help line l takes: its description wrapped, and the keys' own row when narrow. */
static size_t
help_rows(const struct keyhelp *l, int keyw, int w, struct wline **wl, size_t *nwl, size_t *cap)
{
	*nwl = 0;
	wrap_text(l->desc, strlen(l->desc), w - keyw - 1, false, wl, nwl, cap);
	return *nwl + (keyw == 0);
}

static void
draw_help(struct ui *ui)
{
	const struct keyhelp *lines;
	size_t n = keys_help(ui->view, &lines), i, row = 0, k, rows, total = 0, inner;
	int H = ui->h - 1, W = ui->w, y, w = W - 4, keyw = 17, bw;
	struct wline *wl = NULL;
	size_t nwl = 0, cap = 0;

	if (w > 100)
		w = 100;
	bw = w + 4 < W ? w + 4 : W;
	for (y = 0; y < H; y++)
		draw_fill(y, 0, W, A_NORMAL);
	draw_box(0, 0, H, bw, ui->view == V_LIST ? "Help: library (q closes)" :
	    ui->view == V_PEOPLE ? "Help: people (q closes)" : ui->view == V_QUOTES ?
	    "Help: quotes (q closes)" : "Help: article (q closes)", true);
	if (w - keyw < 10)
		keyw = 0;	/* too narrow for two columns: descriptions under the keys */
	/* scrolled no further than the last row */
	inner = H > 2 ? (size_t)(H - 2) : 0;
	for (i = 0; i < n; i++)
		total += help_rows(&lines[i], keyw, w, &wl, &nwl, &cap);
	if (ui->help_top + inner > total)
		ui->help_top = total > inner ? total - inner : 0;
	for (i = 0, y = 1; i < n && y < H - 1; i++) {
		const char *desc = lines[i].desc;

		rows = help_rows(&lines[i], keyw, w, &wl, &nwl, &cap);
		for (k = 0; k < rows && y < H - 1; k++, row++) {
			if (row < ui->help_top)
				continue;
			if (k == 0)
				draw_str(y, 2, keyw > 0 ? keyw - 1 : w, lines[i].keys, A_BOLD);
			if (keyw > 0 || k > 0) {
				const struct wline *l = &wl[keyw > 0 ? k : k - 1];

				draw_text(y, 2 + keyw, w - keyw - 1, desc + l->start, l->end - l->start,
				    A_NORMAL, NULL, 0);
			}
			y++;
		}
	}
	/* more below: say how to get there */
	if (ui->help_top + inner < total && bw > 16)
		draw_str(H - 1, bw - 13, 11, " j: more \xe2\x86\x93 ", draw_attr(C_FOCUS));
	free(wl);
}

/* The one draw point: paint everything from the state. */
static void
ui_draw(struct ui *ui)
{
	erase();
	if (ui->w < 4 || ui->h < 2) {
		draw_str(0, 0, ui->w, "byline", A_BOLD);
		refresh();
		return;
	}
	if (ui->view == V_ARTICLE && ui->r != NULL)
		article_draw(ui);
	else if (ui->view == V_PEOPLE || ui->view == V_QUOTES)
		people_draw(ui);
	else {
		list_draw(ui);
		list_draw_status(ui);
	}
	if (ui->help)
		draw_help(ui);
	if (ui->prompt != PROMPT_NONE)
		prompt_draw(ui);
	refresh();
}

/* ---- loading ---- */

/* What the loading callbacks share. */
struct loading {
	struct ui	*ui;
	struct timespec	 start;
	size_t		 errors;
	double		 shown;		/* when rows read so far were last painted, or 0 */
};

static double
elapsed(const struct timespec *since)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return (double)(now.tv_sec - since->tv_sec) + (double)(now.tv_nsec - since->tv_nsec) / 1e9;
}

/* Show how many articles have been read, once loading takes a noticeable time. */
static void
on_progress(size_t n, void *arg)
{
	struct loading *l = arg;
	char s[64];

	if (elapsed(&l->start) < 0.15 || l->shown > 0)
		return;
	snprintf(s, sizeof s, "Reading articles\xe2\x80\xa6 %zu", n);
	erase();
	draw_str(l->ui->h / 2, 2, l->ui->w - 2, s, A_BOLD);
	refresh();
}

/*
 * The first rows of what is read so far, painted as the library (a copy of
 * the state points at them; the scan keeps its own): a big library with no
 * cache shows rows at once, then fills in. Every tenth of a second at most.
 */
static void
on_preview(const struct lib_entry *rows, size_t n, size_t done, size_t total, void *arg)
{
	struct loading *l = arg;
	struct ui tmp = *l->ui;
	size_t *idx, i;
	double t = elapsed(&l->start);

	(void)done;
	if (n == 0 || (l->shown > 0 && t - l->shown < 0.1) || (t < 0.05 && n < (size_t)l->ui->h))
		return;
	l->shown = t;
	idx = xcalloc(n, sizeof *idx);
	for (i = 0; i < n; i++)
		idx[i] = i;
	tmp.lib.v = (struct lib_entry *)rows;
	tmp.lib.n = n;
	tmp.rows = idx;
	tmp.nrows = n;
	tmp.sel = tmp.top = 0;
	tmp.preloaded = total;
	tmp.people = NULL;	/* no quote counts yet */
	erase();
	list_draw(&tmp);
	draw_fill(tmp.h - 1, 0, tmp.w, draw_attr(C_STATUS));
	draw_str(tmp.h - 1, 1, tmp.w - 1, "reading the folder\xe2\x80\xa6", draw_attr(C_STATUS));
	refresh();
	free(idx);
}

/* Problems met while loading: the first error is shown, the rest counted. */
static void
on_diag(const char *path, const struct diag *d, void *arg)
{
	struct loading *l = arg;
	struct buf b = BUF_INIT;

	if (d->level != DIAG_ERROR)
		return;
	if (l->errors++ == 0) {
		diag_format(&b, path, d);
		ui_message(l->ui, true, "%s", b.data);
		buf_free(&b);
	} else {
		ui_message(l->ui, true, "%zu files have problems; byline check lists them",
		    l->errors);
	}
}

/*
 * Fill the first screen of the library from the cache alone, without
 * looking at the files or even the whole cache, so that it shows at once.
 * Returns whether there was anything; load_library() then reads it all.
 */
static bool
preload_library(struct ui *ui)
{
	char *path = cache_path(ui->paths, ui->npaths);
	size_t total = cache_peek(path, &ui->lib, ui->h > 2 ? (size_t)ui->h : 1);

	free(path);
	if (total == 0) {
		library_free(&ui->lib);
		return false;
	}
	ui->preloaded = total;
	ui->rows = xcalloc(ui->lib.n + 1, sizeof *ui->rows);
	ui_count_unread(ui);
	list_sort(ui);
	ui_refilter(ui);
	return true;
}

void
ui_settle(int ms)
{
	struct pollfd p = { STDIN_FILENO, POLLIN, 0 };

	refresh();
	if (ms > 0)
		poll(&p, 1, ms);
}

static void
load_library(struct ui *ui)
{
	struct library_scan_opts opts = { 0 };
	struct loading l = { ui, { 0, 0 }, 0, 0 };

	clock_gettime(CLOCK_MONOTONIC, &l.start);
	/* progress only on an empty screen, not over a list from the cache */
	opts.progress = ui->lib.n == 0 ? on_progress : NULL;
	opts.preview = ui->lib.n == 0 && ui->view == V_LIST ? on_preview : NULL;
	opts.preview_max = ui->h > 2 ? (size_t)ui->h : 1;
	opts.cancel = ui->cancel;
	opts.diag = on_diag;
	opts.arg = &l;
	/* a library shown from the cache is replaced by the one read now */
	library_free(&ui->lib);
	free(ui->rows);
	ui->rows = NULL;
	ui->nrows = 0;
	if (ui->single) {
		/* one file: nothing to gain from the cache */
		library_scan(&ui->lib, ui->paths, ui->npaths, &opts);
	} else {
		library_scan_cached(&ui->lib, ui->paths, ui->npaths, &opts);
	}
	ui->rows = xcalloc(ui->lib.n + 1, sizeof *ui->rows);
	list_sort(ui);
}

void
ui_reload(struct ui *ui)
{
	char *keep = ui->nrows > 0 ? xstrdup(ui->lib.v[ui->rows[ui->sel]].path) : NULL;
	size_t i;

	/* the analysis points into the library: stopped (what it did is saved), begun again */
	people_free(ui);
	load_library(ui);
	if (term_quit == 0)
		people_start(ui);
	ui_count_unread(ui);
	ui_refilter(ui);
	for (i = 0; keep != NULL && i < ui->nrows; i++)
		if (strcmp(ui->lib.v[ui->rows[i]].path, keep) == 0) {
			ui->sel = i;
			break;
		}
	free(keep);
	list_scroll(ui);
}

/* ---- input ---- */

/*
 * A bracketed paste (term.c makes its brackets keys): its text is gathered,
 * line ends and tabs made spaces, other control characters dropped; at a
 * prompt it is then typed in, anywhere else ignored, so that a pasted
 * block never runs as commands.
 */
static struct {
	bool		on;
	struct buf	text;
} paste;

static void
help_key(struct ui *ui, enum action act)
{
	switch (act) {
	case ACT_DOWN:
		ui->help_top++;
		break;
	case ACT_UP:
		if (ui->help_top > 0)
			ui->help_top--;
		break;
	default:
		ui->help = false;
		break;
	}
}

/* A digit of a count: true when it was one (then wait for the key it is for). */
static bool
count_key(struct ui *ui, enum action act, int key)
{
	if (act != ACT_DIGIT || key < '0' || key > '9')
		return false;
	if (key == '0' && ui->count == 0)
		return true;	/* a count does not start with 0 */
	if (ui->count < 100000)
		ui->count = ui->count * 10 + (key - '0');
	ui_message(ui, false, "%ld", ui->count);
	return true;
}

static void
on_key(struct ui *ui, int kind, wint_t ch)
{
	enum action act;
	int key = (int)ch;
	long count;

	if (ui->prompt != PROMPT_NONE) {
		prompt_key(ui, kind, ch);
		return;
	}
	if (kind == OK && ch > 0x7f)
		return;
	act = keys_lookup(ui->view, key);
	if (kind == OK && (ch == 3)) {
		ui->quit = true;
		return;
	}
	if (ui->help) {
		help_key(ui, act);
		return;
	}
	if (count_key(ui, act, key))
		return;
	count = ui->count;
	ui->count = 0;
	if (act == ACT_HELP) {
		ui->help = true;
		ui->help_top = 0;
		return;
	}
	if (act == ACT_REDRAW) {
		clearok(curscr, TRUE);
		return;
	}
	if (act == ACT_PIPE || act == ACT_EDIT) {
		ui_external(ui, act);
		return;
	}
	if (ui->view == V_ARTICLE && ui->r != NULL)
		article_key(ui, act, count);
	else if (ui->view == V_PEOPLE || ui->view == V_QUOTES)
		people_key(ui, act);
	else
		list_key(ui, act, count);
}

/*
 * Take the terminal's size now: after SIGWINCH, or when a key or a timeout
 * comes and the size is not what was drawn for.
 */
static void
on_resize(struct ui *ui)
{
	struct winsize ws;

	if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_row > 0 && ws.ws_col > 0 &&
	    (ws.ws_row != LINES || ws.ws_col != COLS))
		resize_term(ws.ws_row, ws.ws_col);
	/* what the terminal kept of the old screen is unknown: repaint it all */
	clearok(curscr, TRUE);
	getmaxyx(stdscr, ui->h, ui->w);
	if (ui->r != NULL)
		article_relayout(ui);
	list_scroll(ui);
}

/* Make sure curses writes UTF-8, whatever the locale says (articles are UTF-8). */
static void
utf8_locale(void)
{
	const char *cs = nl_langinfo(CODESET);

	if (cs != NULL && strcmp(cs, "UTF-8") == 0)
		return;
	if (setlocale(LC_CTYPE, "C.UTF-8") == NULL &&
	    setlocale(LC_CTYPE, "en_US.UTF-8") == NULL)
		setlocale(LC_CTYPE, "C.utf8");
}

/* Read the user's config and apply its key bindings. */
static void
load_config(struct ui *ui, struct config *c)
{
	char *path = config_default_path(ui->opt->config);

	config_load(c, path, ui->opt->config != NULL);
	free(path);
	ui_check_keys(c);
	keys_configure(c);
}

/* The config's first problem on the status line, and how many more there are. */
static void
config_message(struct ui *ui, const struct config *c)
{
	struct buf b = BUF_INIT;
	const char *name;

	if (c->diags.n == 0 || ui->msg[0] != '\0')
		return;
	/* the file's name: the whole path would push the count off the line */
	name = c->path != NULL && strrchr(c->path, '/') != NULL ? strrchr(c->path, '/') + 1 : c->path;
	diag_format(&b, name, &c->diags.v[0]);
	if (c->diags.n > 1)
		ui_message(ui, true, "%s (and %zu more: byline check --config)", b.data,
		    c->diags.n - 1);
	else
		ui_message(ui, true, "%s (byline check --config)", b.data);
	buf_free(&b);
}

/* ---- paste ---- */

#define PASTE_MAX	4096	/* the most of a paste kept (a prompt takes 200 bytes) */

/* A key inside a paste: its character kept for the paste's text (PASTE_MAX at most). */
static void
paste_key(int kind, wint_t ch)
{
	char enc[4];

	if (kind != OK || paste.text.len >= PASTE_MAX)
		return;
	if (ch == '\n' || ch == '\r' || ch == '\t')
		ch = ' ';
	if (ch < 32 || ch == 127 || (ch >= 0x80 && ch < 0xa0))
		return;
	buf_add(&paste.text, enc, utf8_encode((int32_t)ch, enc));
}

/* The paste is over: at a prompt its text is typed in, one refilter after; else dropped. */
static void
paste_end(struct ui *ui)
{
	paste.on = false;
	if (ui->prompt != PROMPT_NONE && paste.text.len > 0)
		prompt_type(ui, paste.text.data, paste.text.len);
	buf_reset(&paste.text);
}

/* ---- the loop ---- */

/* A mouse event: to the view, unless a prompt or the help is up. */
static void
on_mouse(struct ui *ui)
{
	MEVENT ev;

	/* a button's release is no event of its own: the message stays */
	if (getmouse(&ev) != OK || ui->prompt != PROMPT_NONE || ui->help ||
	    ev.bstate == BUTTON1_RELEASED)
		return;
	ui->msg[0] = '\0';
	if (ui->view == V_ARTICLE && ui->r != NULL)
		article_mouse(ui, &ev);
	else if (ui->view == V_PEOPLE || ui->view == V_QUOTES)
		people_mouse(ui, &ev);
	else
		list_mouse(ui, &ev);
}

/* One key, mouse event or paste bracket, as the loop got it. */
static void
take_key(struct ui *ui, int kind, wint_t ch)
{
	if (kind == KEY_CODE_YES && ch == KEY_PASTE_BEGIN) {
		paste.on = true;
		buf_reset(&paste.text);
		return;
	}
	if (kind == KEY_CODE_YES && ch == KEY_PASTE_END) {
		paste_end(ui);
		return;
	}
	if (paste.on) {
		paste_key(kind, ch);
		return;
	}
	if (kind != KEY_CODE_YES || ch != KEY_MOUSE)
		ui->msg[0] = '\0';
	if (kind == KEY_CODE_YES && ch == KEY_RESIZE) {
		on_resize(ui);
	} else if (kind == KEY_CODE_YES && ch == KEY_MOUSE) {
		on_mouse(ui);
	} else {
		on_key(ui, kind, ch);
	}
}

/*
 * Take the key that came and every key already waiting behind it before
 * the next paint, so that a paste or a storm of keys costs one repaint, not
 * one each. It stops early for what must show at once: an article opened
 * or closed (its first paint comes before the rest of its work), a signal,
 * or a tenth of a second of keys.
 */
static void
take_keys(struct ui *ui, int kind, wint_t ch)
{
	const struct reader *r = ui->r;
	enum view_id view = ui->view;
	struct timespec start;

	clock_gettime(CLOCK_MONOTONIC, &start);
	do {
		take_key(ui, kind, ch);
		if (ui->quit || ui->r != r || ui->view != view || elapsed(&start) > 0.1)
			break;
	} while ((kind = term_next_key(&ch)) != ERR);
}

/* After a save that brought in other processes' marks: count again. */
static void
marks_recount(struct ui *ui)
{
	if (readstate_serial(ui->rs) == ui->marks_serial)
		return;
	ui->marks_serial = readstate_serial(ui->rs);
	ui_count_unread(ui);
}

/*
 * Nothing came for a second: a paste whose end never came is over, and
 * marks that a held lock kept back are tried again.
 */
static void
on_idle(struct ui *ui)
{
	char *cause = NULL;

	if (paste.on)
		paste_end(ui);
	if (readstate_pending(ui->rs) > 0 && readstate_save(ui->rs, false, &cause) == 0)
		ui_message(ui, false, "read marks saved");
	free(cause);
}

/* Paint, wait for keys, take them, until q or a signal (or the terminal going away). */
static void
ui_loop(struct ui *ui)
{
	while (!ui->quit && term_quit == 0) {
		wint_t ch;
		int kind, news[2];

		marks_recount(ui);
		uifetch_poll(ui);	/* a fetch's news, its end once the library is shown */
		people_tick(ui);	/* what the library's analysis brought */
		ui_draw(ui);
		if (article_complete(ui))
			continue;	/* the first paint is out: the rest of the work, then again */
		news[0] = uifetch_fd(ui);
		news[1] = people_fd(ui);
		kind = term_read_key(&ch, paste.on || readstate_pending(ui->rs) > 0 ? 1000 : -1,
		    news, 2);
		if (term_quit != 0)
			break;
		if (term_events() & TERM_EV_SIZE)
			on_resize(ui);
		if (kind == TERM_IDLE)
			on_idle(ui);
		else if (kind != ERR)
			take_keys(ui, kind, ch);
	}
}

/* ---- start and end ---- */

/* Set ui up from the options and the config (which the caller frees). */
static void
ui_init(struct ui *ui, const struct ui_options *opt, struct config *config, char *const *paths,
    size_t npaths)
{
	struct stat st;

	memset(ui, 0, sizeof *ui);
	ui->opt = opt;
	ui->cancel = &term_quit;
	load_config(ui, config);
	ui->paths = paths;
	ui->npaths = npaths;
	ui->mark_on_open = config->mark_on_open;
	ui->clipboard = config->clipboard;
	ui->side_width = config->side_width;
	ui->view = V_LIST;
	ui->single = npaths == 1 && stat(paths[0], &st) == 0 && S_ISREG(st.st_mode);
}

/* Open the read marks; a problem becomes the status line's message. */
static void
marks_open(struct ui *ui)
{
	char *warning = NULL, *state = readstate_default_path(ui->opt->state);

	ui->rs = readstate_open(state, &warning);
	free(state);
	/* a wait for the lock ends with a signal to quit */
	readstate_set_wait(ui->rs, READSTATE_LOCK_WAIT_MS, &term_nsignals);
	ui->marks_serial = readstate_serial(ui->rs);
	list_init(ui);
	if (warning != NULL) {
		ui_message(ui, true, "read marks: %s", warning);
		free(warning);
	}
}

/* The first screen: the cache's rows at once, then the library read, then the article. */
static void
library_open(struct ui *ui, const struct config *config)
{
	struct stat st;

	if (!ui->single && ((ui->opt->people && people_preload(ui)) || preload_library(ui))) {
		ui_draw(ui);	/* what the caches know, at once; then the real thing */
		ui_settle(UI_SETTLE_MS);
	}
	load_library(ui);
	ui->preloaded = 0;
	config_message(ui, config);
	ui_count_unread(ui);
	ui_refilter(ui);
	if (term_quit == 0) {
		/* the library's analysis, in the background (never of a library cut short) */
		people_start(ui);
		if (ui->opt->people && !ui->single)
			people_open(ui);
	}
	if (ui->single && ui->lib.n == 1)
		article_open(ui, 0, NULL);
	else if (ui->lib.n == 0 && ui->msg[0] == '\0' && ui->npaths > 0 &&
	    stat(ui->paths[0], &st) < 0)
		ui_message(ui, true, "%s: %s", ui->paths[0], strerror(errno));
}

/*
 * The end: the position saved, the marks saved (or set aside while another
 * byline holds their lock), the terminal given back; then what could not be
 * saved, or was set aside, is said on stderr. Returns the exit status.
 */
static int
ui_finish(struct ui *ui)
{
	char *cause = NULL;
	int status = EXIT_OK, kept;

	uifetch_stop(ui);
	article_close(ui);
	people_free(ui);
	kept = readstate_finish(ui->rs, &cause);
	term_end();
	if (kept != 0 && cause != NULL) {
		struct buf b = BUF_INIT;

		sanitize_appends(&b, cause, 0);
		fprintf(stderr, "byline: read marks: %s\n", b.data);
		buf_free(&b);
	}
	free(cause);
	/* (the status stays 0 when only the marks failed: the reader said so as it went) */
	if (term_quit == SIGTERM || term_quit == SIGHUP)
		status = 128 + term_quit;
	readstate_close(ui->rs);
	library_free(&ui->lib);
	free(ui->rows);
	list_free(ui);
	buf_free(&ui->filter);
	buf_free(&ui->input);
	buf_free(&paste.text);
	return status;
}

int
ui_main(const struct ui_options *opt, char *const *paths, size_t npaths)
{
	struct ui ui;
	struct config config;
	int status;

	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		fprintf(stderr, "byline: the reader needs a terminal; "
		    "for scripts use byline list, show, quotes or people\n");
		return EXIT_USAGE;
	}
	utf8_locale();
	if ((status = term_check()) != 0)
		return status;
	ui_init(&ui, opt, &config, paths, npaths);
	term_signals();
	if (!term_start()) {
		config_free(&config);
		return EXIT_PROBLEM;
	}
	draw_init_colors(&config);
	getmaxyx(stdscr, ui.h, ui.w);
	marks_open(&ui);
	library_open(&ui, &config);
	ui_loop(&ui);
	status = ui_finish(&ui);
	config_free(&config);
	return status;
}
