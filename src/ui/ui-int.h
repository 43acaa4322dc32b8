/*
 * ui-int.h: what the files of src/ui/ share. Only src/ui/ includes curses.
 *
 * The UI keeps its state in struct ui and paints it at one point, ui_draw();
 * key handlers change state and never draw. Signals only set flags that the
 * main loop reads.
 */
#ifndef BYLINE_UI_INT_H
#define BYLINE_UI_INT_H

#define NCURSES_WIDECHAR 1
#include <curses.h>
#include <signal.h>
#include <stdbool.h>
#include <stddef.h>

#include "analysis.h"
#include "article.h"
#include "doc.h"
#include "fold.h"
#include "library.h"
#include "reading.h"
#include "ui.h"
#include "util.h"
#include "wrap.h"

/* ---- the key table (keys.c) ---- */

enum view_id {
	V_LIST = 1,		/* the library */
	V_ARTICLE = 2,		/* the article view */
	V_PEOPLE = 4,		/* the people of the articles shown (view-people.c) */
	V_QUOTES = 8,		/* one person's quotes across them */
	V_ANY = 15,
};

enum action {
	ACT_NONE = 0,
	ACT_DOWN, ACT_UP, ACT_PAGE_DOWN, ACT_PAGE_UP, ACT_HALF_DOWN, ACT_HALF_UP, ACT_TOP, ACT_BOTTOM,
	ACT_OPEN, ACT_TOGGLE_READ, ACT_UNREAD_ONLY, ACT_FILTER, ACT_NEXT_UNREAD,
	ACT_SEARCH, ACT_SEARCH_NEXT, ACT_SEARCH_PREV,
	ACT_NEXT_QUOTE, ACT_PREV_QUOTE,
	ACT_FOCUS_NEXT, ACT_FOCUS_PREV,
	ACT_SHOW_QUOTES, ACT_SHOW_PEOPLE, ACT_SHOW_CAPTION, ACT_NEXT_IMAGE,
	ACT_NEXT_ARTICLE, ACT_PREV_ARTICLE,
	ACT_OPEN_URL, ACT_COPY_QUOTE,
	ACT_PEOPLE, ACT_ORDER, ACT_PERSON_QUOTES,
	ACT_BACK, ACT_QUIT, ACT_HELP, ACT_REDRAW,
	ACT_FETCH,
	ACT_DIGIT,		/* a digit: part of a count before the next key */
	ACT_MARK_ALL, ACT_CLEAR_FILTER, ACT_SORT, ACT_RELOAD, ACT_PIPE, ACT_EDIT,
	ACT_COUNT
};

struct keybind {
	int		 views;		/* V_LIST | V_ARTICLE */
	int		 key;		/* a curses key code or character */
	enum action	 action;
	const char	*help;		/* NULL: an alias, listed with the first key of the action */
};

struct config;

/*
 * Apply the config's key bindings over the defaults: a rebound action loses
 * its default keys. Returns the number of bindings that could not be used.
 */
size_t keys_configure(const struct config *c);

/* The action bound to key in view, or ACT_NONE. */
enum action keys_lookup(enum view_id view, int key);
/* A printable name for key ("j", "Down", "Ctrl-D", "Enter"), in a static buffer. */
const char *keys_name(int key);
/* The name of the first key that does action a in view (keys_name()), or NULL. */
const char *keys_first(enum view_id view, enum action a);
/* One line of help: the keys of an action and what it does. */
struct keyhelp {
	char		 keys[40];
	const char	*desc;
};

/*
 * The help for view, one entry per action, built from the key table.
 * Returns the number of entries; *out is a static array.
 */
size_t keys_help(enum view_id view, const struct keyhelp **out);

/* ---- drawing (draw.c) ---- */

enum ui_color {
	C_NORMAL = 0, C_TITLE, C_META, C_SELECTED, C_UNREAD, C_BORDER, C_FOCUS, C_QUOTE,
	C_CURQUOTE, C_MATCH, C_MENTION, C_PLACEHOLDER, C_STATUS, C_ERROR, C_BROKEN, C_COUNT
};

/*
 * Set up colours: the defaults, then the config's (none under NO_COLOR, the
 * monochrome theme, or on a terminal without colours). c may be NULL.
 */
void draw_init_colors(const struct config *c);
/* The attributes for a role. */
attr_t draw_attr(enum ui_color c);

/* A highlight over a byte range of the text being drawn. */
struct hl {
	size_t	start, end;
	attr_t	attr;
	bool	add;		/* add attr to what is there (a style), else replace it */
};

/*
 * Draw text[0..len) at row y from column x, at most maxw columns, with base
 * attributes, the highlights hl (ranges of the same text; later ones win),
 * every glyph through the sanitiser. Returns the columns used.
 */
int draw_text(int y, int x, int maxw, const char *text, size_t len, attr_t attr,
    const struct hl *hl, size_t nhl);
/* draw_text() for a NUL-terminated string; NULL draws nothing. */
int draw_str(int y, int x, int maxw, const char *s, attr_t attr);
/* draw_str(), ending in "…" when s is wider than maxw. */
int draw_str_cut(int y, int x, int maxw, const char *s, attr_t attr);
/* Fill columns x..x+w-1 of row y with spaces in attr. */
void draw_fill(int y, int x, int w, attr_t attr);
/* A key hint of a status line: the action, and what it does in a word or two. */
struct hint {
	enum action	 act;
	const char	*what;
};
/*
 * Draw "key: what" for each hint whose action has a key in view (the first
 * one, as the config binds it), two spaces before each, from column x of
 * row y, as many whole as end before column right. Returns the next column.
 */
int draw_hints(int y, int x, int right, enum view_id view, const struct hint *h, size_t n,
    attr_t attr);
/* A box with a title in its top border (focused: highlighted). */
void draw_box(int y, int x, int h, int w, const char *title, bool focused);

/* ---- state ---- */

enum pane {
	PANE_BODY,
	PANE_QUOTES,
	PANE_PEOPLE,
	PANE_CAPTION,
	PANE_COUNT,
};

struct rect {
	int	y, x, h, w;
};

/* An open article. */
struct reader {
	struct reading		 rd;		/* the article, its blocks and analysis (NULL until analysed) */
	struct layout		*L;
	size_t			 entry;		/* index in ui.lib, or SIZE_MAX */
	struct lpos		 top;		/* first body row on screen */
	bool			 top_set;
	struct rect		 pane[PANE_COUNT];
	bool			 wide;		/* side panes shown */
	int			 overlay;	/* narrow: the pane shown over the body, or -1 */
	bool			 caption_full;	/* the caption opened full-screen */
	enum pane		 focus;
	size_t			*quotes;	/* indices of the quotes listed (filtered) */
	size_t			 nquotes;
	long			 cur;		/* current quote: index into quotes, or -1 */
	size_t			 qsel, qtop;	/* quotes pane selection and scroll */
	size_t			 psel, ptop;	/* people pane */
	size_t			*people;	/* people listed, most mentioned first */
	size_t			 npeople;
	int			 person;	/* people filter: index into an->people, or -1 */
	size_t			 image;		/* caption shown */
	size_t			 caption_top;	/* scroll of the full-screen caption */
	size_t			 cur_top;	/* the view's top (a body offset) when cur was set */
	size_t			*qrows;		/* text rows of each listed quote at qrows_w */
	int			 qrows_w;	/* the width qrows is for, 0: not counted */
	struct buf		 search;	/* the last search */
	struct fold_pat		 spat;		/* search, compiled */
	size_t			 match_block;	/* the current match, if match_len */
	size_t			 match_off;
	size_t			 match_len;
	size_t			 match_no;	/* its number (from 1), 0: not counted */
	size_t			 match_total;	/* matches in the article, SIZE_MAX: not counted */
	bool			 mark_pending;	/* mark read once the first paint is out */
	bool			 settled;	/* the terminal had its moment after the first paint */
};

enum prompt {
	PROMPT_NONE,
	PROMPT_FILTER,		/* library filter, applied as you type */
	PROMPT_SEARCH,		/* article search */
	PROMPT_PIPE,		/* the command | pipes the article to */
	PROMPT_CONFIRM,		/* y or n: mark every article shown read */
	PROMPT_PEOPLE,		/* People filter, applied as you type */
	PROMPT_COUNT
};

/* The library's order (o cycles through them). */
enum sort_order {
	SORT_DATE,		/* newest first (the library's own order) */
	SORT_TITLE,
	SORT_SOURCE,		/* then newest first */
	SORT_UNREAD,		/* unread first, then newest first */
	SORT_COUNT
};

/* What was typed at one kind of prompt, oldest first (kept for the session). */
struct history {
	char	**v;
	size_t	  n, cap;
};

struct people;

struct ui {
	const struct ui_options	*opt;
	char *const		*paths;
	size_t			 npaths;
	struct library		 lib;
	struct readstate	*rs;
	size_t			*rows;		/* library rows shown: indices into lib.v */
	size_t			 nrows;
	size_t			 nunread;	/* unread articles in the whole library */
	size_t			 preloaded;	/* articles the cache holds, while its first
						 * screen is shown before the folder is read
						 * (SIZE_MAX: rows shown, the count not known) */
	size_t			 sel;		/* selected row (index into rows) */
	size_t			 top;		/* first row on screen */
	size_t			*order;		/* lib.v in the sort order: indices */
	enum sort_order		 sort;
	bool			 unread_only;
	struct buf		 filter;
	struct fold_pat		 filter_pat;	/* filter, compiled */
	enum prompt		 prompt;
	struct buf		 input;		/* what is being typed at the prompt */
	size_t			 cursor;	/* where in input (a byte offset) */
	struct history		 hist[PROMPT_COUNT];
	size_t			 hist_at;	/* the history line shown; hist[].n: the new one */
	struct buf		 draft;		/* the new line, while Up shows older ones */
	char			 question[160];	/* PROMPT_CONFIRM asks this */
	struct buf		 last_search;	/* an empty / searches for this again */
	long			 count;		/* the count typed before a key, 0: none */
	enum view_id		 view;
	struct reader		*r;		/* the open article, or NULL */
	bool			 single;	/* opened on one file: q quits */
	int			 w, h;
	char			 msg[512];	/* a transient message for the status line */
	bool			 msg_error;
	bool			 help;		/* the help overlay is up */
	size_t			 help_top;
	bool			 quit;
	bool			 mark_on_open;
	bool			 clipboard;	/* y may copy through the terminal */
	int			 side_width;	/* columns of the side panes, 0: automatic */
	struct people		*people;	/* the library's analysis and the People views */
	unsigned		 marks_serial;	/* readstate_serial() when the counts were taken */
	const volatile sig_atomic_t *cancel;	/* set by a signal that ends the reader */
	struct uifetch		*fetch;		/* F: the fetch running, or NULL */
};

/* ---- the terminal (term.c) ---- */

/* Key codes of our own (beyond curses's): a bracketed paste begins, ends. */
#define KEY_PASTE_BEGIN	(KEY_MAX + 1)
#define KEY_PASTE_END	(KEY_MAX + 2)

/* term_events(): the size may have changed, or the screen must be painted anew. */
#define TERM_EV_SIZE	0x1

/*
 * The signal that ends the reader (SIGINT, SIGTERM, SIGHUP; SIGHUP also when
 * the terminal goes away without one), 0 while it runs; and how many such
 * signals came (a wait for the read marks' lock ends when it changes).
 */
extern volatile sig_atomic_t term_quit;
extern volatile sig_atomic_t term_nsignals;

/* Catch the signals the reader handles (flags only). Before term_start(). */
void term_signals(void);
/*
 * Can the terminal ($TERM) be used: known, and able to move the cursor?
 * Returns 0, or an exit status after saying why on stderr.
 */
int term_check(void);
/* Take the terminal (curses, modes, paste, crash handlers). false: said why on stderr. */
bool term_start(void);
/* Give the terminal back as it was found. */
void term_end(void);
/*
 * Hand the terminal to another program (| and E, the browser) as a stop
 * does: the screen cleared, the shell's modes, no bracketed paste; then
 * take it back, the reader's modes and the whole screen painted again.
 */
void term_hand_over(void);
void term_take_back(void);
/*
 * Job control and resizes since the last call: suspends on SIGTSTP and
 * returns after fg, repaints after a SIGCONT. Returns TERM_EV_* bits.
 */
int term_events(void);
/* term_read_key(): timeout_ms passed with nothing. */
#define TERM_IDLE	(-2)

/*
 * The next key: its kind (OK, KEY_CODE_YES) and *ch; ERR when a signal or a
 * resize came first (or the terminal was ready with no whole key yet), or
 * when one of fds[0..nfds) is readable (other sources of news: a fetch, the
 * library's analysis; -1 entries are skipped; the caller drains them);
 * TERM_IDLE when timeout_ms passed (-1: none). A terminal that is gone sets
 * term_quit to SIGHUP.
 */
int term_read_key(wint_t *ch, int timeout_ms, const int *fds, size_t nfds);
/* A key that is already there, without waiting; ERR when none (or a signal came). */
int term_next_key(wint_t *ch);

/* ---- ui.c ---- */

/*
 * Give the terminal a moment to show what was just drawn before heavy work
 * starts, so that the two do not compete for the processor: ms milliseconds
 * at most, less if a key or a signal comes.
 */
void ui_settle(int ms);

/* The moment, before work that takes a tenth of a second or more. */
#define UI_SETTLE_MS	100

/* Show msg (printf-style) in the status line until the next key. */
void ui_message(struct ui *ui, bool error, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* Is the library entry read? */
bool ui_is_read(struct ui *ui, size_t entry);
/* Mark a library entry read or unread and save at once; failures become a message. */
void ui_set_read(struct ui *ui, size_t entry, bool read);
/*
 * Recompute ui->rows from the filter and the unread-only switch, in the
 * sort order. The selected article stays selected; when it is no longer
 * shown, the row after it is. The article being read stays listed.
 */
void ui_refilter(struct ui *ui);
/* Set the library filter to text[0..len) and refilter. */
void ui_set_filter(struct ui *ui, const char *text, size_t len);
/* Count the unread articles of the library again. */
void ui_count_unread(struct ui *ui);
/* Read the library again (files came or went), keeping the selected article selected. */
void ui_reload(struct ui *ui);

/* ---- prompt.c ---- */

/* Open the prompt of kind with initial text (may be NULL). */
void prompt_open(struct ui *ui, enum prompt kind, const char *initial);
/* A key typed while the prompt is open. */
void prompt_key(struct ui *ui, int kind, wint_t ch);
/* Type text[0..len) (a paste: no control characters) at the prompt's cursor; one refilter after. */
void prompt_type(struct ui *ui, const char *text, size_t len);
/* Draw the prompt on the bottom line. */
void prompt_draw(struct ui *ui);
/* Release the prompts' histories. */
void prompt_free(struct ui *ui);

/* ---- external.c ---- */

/*
 * | and E: pipe the article (the open one, else the selected one) to a
 * command asked for at a prompt; edit its file with $VISUAL or $EDITOR
 * and read it again.
 */
void ui_external(struct ui *ui, enum action act);
/* Run cmd (read by the | prompt) with the article on its standard input. */
void ui_pipe(struct ui *ui, const char *cmd);
/*
 * Hand the terminal to the shell command script, run with "$1" = arg, its
 * standard input input[0..inlen) (NULL: the terminal's). wait: ask for
 * Enter before coming back, so that the output can be read (a signal to
 * quit ends the wait). Returns the exit status, or -1 when it could not run.
 */
int ui_run(struct ui *ui, const char *script, const char *arg, const char *input, size_t inlen,
    bool wait);

/* ---- view-list.c ---- */

/* Read the remembered sort order (once, before the library is loaded). */
void list_init(struct ui *ui);
/* Release what the library view holds beyond the library. */
void list_free(struct ui *ui);
/* Put the library in the current sort order (ui->order). */
void list_sort(struct ui *ui);
/* R: the library read again, and how many articles came and went said. */
void list_reload(struct ui *ui);
void list_draw(struct ui *ui);
/* The library's status line: counts, key hints, the position. */
void list_draw_status(struct ui *ui);
/* An action in the library; count: the number typed before it (0: none). */
void list_key(struct ui *ui, enum action act, long count);
void list_mouse(struct ui *ui, const MEVENT *ev);
/* Keep the selection on screen. */
void list_scroll(struct ui *ui);
/*
 * A: mark every unread article shown read; unless confirmed, ask first
 * when more than a screen of them would change.
 */
void list_mark_all(struct ui *ui, bool confirmed);

/* ---- view-article.c ---- */

/* Open library entry (or a file when entry is SIZE_MAX and path given). */
bool article_open(struct ui *ui, size_t entry, const char *path);
/* Save the reading position and close the article. */
void article_close(struct ui *ui);
void article_draw(struct ui *ui);
/* An action in the article view; count: the number typed before it (0: none). */
void article_key(struct ui *ui, enum action act, long count);
void article_mouse(struct ui *ui, const MEVENT *ev);
/* Recompute the panes for the screen size, keeping the reading position. */
void article_relayout(struct ui *ui);
/* Run the analysis if it has not run yet (after the first paint). */
bool article_analyse(struct ui *ui);
/*
 * The work put off until the first paint is out, one step a call: read the
 * rest of a big file, save the read mark, analyse. Returns whether it did
 * anything (then the screen is due a repaint).
 */
bool article_complete(struct ui *ui);
/*
 * Search the body for pattern (typed at the / prompt; "": the last search
 * again), from the top of the view.
 */
void article_search_start(struct ui *ui, const char *pattern);
/* The reading position to come back to: the body offset at the top of the view. */
size_t article_top_offset(struct ui *ui);
/* Show the body offset off at the top of the view (after the article was read again). */
void article_goto_offset(struct ui *ui, size_t off);

/* ---- fetch.c: F, the subscriptions fetched on a thread ---- */

/* Start fetching the subscriptions (a message says why not). */
void uifetch_start(struct ui *ui);
/* The descriptor the event loop also waits on while a fetch runs, or -1. */
int uifetch_fd(const struct ui *ui);
/*
 * Take the fetch's news: progress, and once it is done and the library is
 * on screen, the library read again, the first new article selected, the
 * summary in the status line. Returns whether a fetch is (or was) there.
 */
bool uifetch_poll(struct ui *ui);
/* The status line while a fetch runs, into out; false when none runs. */
bool uifetch_status(const struct ui *ui, char *out, size_t size);
/* Ask a running fetch to stop; false when none runs (then q means quit). */
bool uifetch_cancel(struct ui *ui);
/* Stop the fetch (if any), wait for its thread, release it: before the reader ends. */
void uifetch_stop(struct ui *ui);
/* Search the body from the current place; forward or back. */
void article_search(struct ui *ui, bool forward, bool from_top);
/* Make quote qi of the open article's analysis current, as ] leaves it; false when it is not listed. */
bool article_goto_quote(struct ui *ui, size_t qi);

/* ---- view-people.c: the library's analysis, People and a person's quotes ---- */

/*
 * Start analysing the library's articles in the background (after it is
 * loaded); what the analysis cache holds is ready at once.
 */
void people_start(struct ui *ui);
/*
 * Show the People view at once from what the caches saved of the whole
 * library, before it is read (byline --people); false when they cannot.
 */
bool people_preload(struct ui *ui);
/* The file descriptor that becomes readable as the analysis goes on, or -1. */
int people_fd(const struct ui *ui);
/* Take in what the analysis brought since the last call (before drawing). */
void people_tick(struct ui *ui);
/*
 * While the library is being analysed (for half a second and more):
 * "analysing: N of M" into s; else false.
 */
bool people_progress(const struct ui *ui, char *s, size_t size);
/* Library entry's count of quotes (not fragments), or -1 while not known. */
long people_nquotes(const struct ui *ui, size_t entry);
/* Open the People view over the articles shown. */
void people_open(struct ui *ui);
/* In the article view: the person selected in the people pane, across the library. */
void people_open_person(struct ui *ui);
/* Back from an article opened from a person's quotes: to them; false when it was not. */
bool people_back(struct ui *ui);
void people_draw(struct ui *ui);
void people_key(struct ui *ui, enum action act);
void people_mouse(struct ui *ui, const MEVENT *ev);
/* The People filter as typed (prompt). */
void people_filter(struct ui *ui, const char *text);
/* Stop the analysis (saving what it did), close what the views hold. */
void people_free(struct ui *ui);

#endif
