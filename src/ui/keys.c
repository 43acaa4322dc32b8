/*
 * keys.c: the key table. Dispatch and the help screen both read it, so the
 * keys a user is told about are the keys that work.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"

#include "ui-int.h"
#include "ui.h"

#define CTRL(c) ((c) & 0x1f)

static const struct keybind table[] = {
	/* moving */
	{ V_LIST,	'j',		ACT_DOWN,	"select the next article" },
	{ V_ARTICLE,	'j',		ACT_DOWN,	"down one line (in a list pane: the next item)" },
	{ V_PEOPLE,	'j',		ACT_DOWN,	"select the next person" },
	{ V_QUOTES,	'j',		ACT_DOWN,	"select the next quote" },
	{ V_ANY,	KEY_DOWN,	ACT_DOWN,	NULL },
	{ V_ARTICLE,	'e',		ACT_DOWN,	NULL },
	{ V_LIST,	'k',		ACT_UP,		"select the previous article" },
	{ V_ARTICLE,	'k',		ACT_UP,		"up one line (in a list pane: the previous item)" },
	{ V_PEOPLE,	'k',		ACT_UP,		"select the previous person" },
	{ V_QUOTES,	'k',		ACT_UP,		"select the previous quote" },
	{ V_ANY,	KEY_UP,		ACT_UP,		NULL },
	{ V_ARTICLE,	'y',		ACT_UP,		NULL },
	{ V_ANY,	' ',		ACT_PAGE_DOWN,	"down one page" },
	{ V_ANY,	KEY_NPAGE,	ACT_PAGE_DOWN,	NULL },
	{ V_ANY,	'f',		ACT_PAGE_DOWN,	NULL },
	{ V_ANY,	'z',		ACT_PAGE_DOWN,	NULL },
	{ V_ANY,	'b',		ACT_PAGE_UP,	"up one page" },
	{ V_ANY,	KEY_PPAGE,	ACT_PAGE_UP,	NULL },
	{ V_ANY,	CTRL('d'),	ACT_HALF_DOWN,	"down half a page" },
	{ V_ARTICLE,	'd',		ACT_HALF_DOWN,	NULL },
	{ V_ANY,	CTRL('u'),	ACT_HALF_UP,	"up half a page" },
	{ V_ARTICLE,	'u',		ACT_HALF_UP,	NULL },
	{ V_LIST | V_ARTICLE, 'g',	ACT_TOP,	"go to the top (with a count N: to line N)" },
	{ V_PEOPLE | V_QUOTES, 'g',	ACT_TOP,	"go to the top" },
	{ V_ANY,	KEY_HOME,	ACT_TOP,	NULL },
	{ V_LIST | V_ARTICLE, 'G',	ACT_BOTTOM,	"go to the bottom (with a count N: to line N)" },
	{ V_PEOPLE | V_QUOTES, 'G',	ACT_BOTTOM,	"go to the bottom" },
	{ V_ANY,	KEY_END,	ACT_BOTTOM,	NULL },
	{ V_LIST,	'1',		ACT_DIGIT,	"a count before a key: 5j moves five rows down" },
	{ V_ARTICLE,	'1',		ACT_DIGIT,	"a count before a key: 5j moves five lines, 3] "
							"three quotes, 2c to caption 2" },
	{ V_LIST | V_ARTICLE, '2',	ACT_DIGIT,	NULL },
	{ V_LIST | V_ARTICLE, '3',	ACT_DIGIT,	NULL },
	{ V_LIST | V_ARTICLE, '4',	ACT_DIGIT,	NULL },
	{ V_LIST | V_ARTICLE, '5',	ACT_DIGIT,	NULL },
	{ V_LIST | V_ARTICLE, '6',	ACT_DIGIT,	NULL },
	{ V_LIST | V_ARTICLE, '7',	ACT_DIGIT,	NULL },
	{ V_LIST | V_ARTICLE, '8',	ACT_DIGIT,	NULL },
	{ V_LIST | V_ARTICLE, '9',	ACT_DIGIT,	NULL },
	{ V_LIST | V_ARTICLE, '0',	ACT_DIGIT,	NULL },
	/* the library */
	{ V_LIST,	'\n',		ACT_OPEN,		"open the article" },
	{ V_ARTICLE,	'\n',		ACT_OPEN,		"down one line; in the quotes pane: jump to the "
							"quote; in the people pane: show only that "
							"person's quotes (again: all)" },
	{ V_PEOPLE,	'\n',		ACT_OPEN,		"show the person's quotes, newest first" },
	{ V_QUOTES,	'\n',		ACT_OPEN,		"open the article at that quote (q comes back here)" },
	{ V_ANY,	'\r',		ACT_OPEN,		NULL },
	{ V_ANY,	KEY_ENTER,	ACT_OPEN,		NULL },
	{ V_LIST | V_PEOPLE | V_QUOTES, 'l', ACT_OPEN,		NULL },
	{ V_LIST | V_PEOPLE | V_QUOTES, KEY_RIGHT, ACT_OPEN,	NULL },
	{ V_LIST,	'r',		ACT_TOGGLE_READ,	"mark read or unread (saved at once), then "
							"select the next article" },
	{ V_ARTICLE,	'r',		ACT_TOGGLE_READ,	"mark read or unread (saved at once)" },
	{ V_LIST,	'A',		ACT_MARK_ALL,	"mark every article shown read (asks first when "
							"more than a screen would change)" },
	{ V_LIST,	'u',		ACT_UNREAD_ONLY,	"show only unread articles, or all again" },
	{ V_LIST,	'/',		ACT_FILTER,	"filter by text as you type (Enter keeps it, Esc "
							"clears it)" },
	{ V_PEOPLE,	'/',		ACT_FILTER,	"filter by name or role as you type (Esc clears)" },
	{ V_LIST,	27,		ACT_CLEAR_FILTER,	"clear the filter" },
	{ V_LIST,	'o',		ACT_SORT,	"sort by date, title, source, or unread first "
							"(kept for the next time)" },
	{ V_PEOPLE,	'o',		ACT_ORDER,	"order by quotes, mentions or name, in turn" },
	{ V_LIST,	'R',		ACT_RELOAD,	"read the folders again (new, changed and gone "
							"articles)" },
	{ V_LIST | V_ARTICLE, 'U',	ACT_NEXT_UNREAD,	"go to the next unread article" },
	{ V_LIST,	'F',		ACT_FETCH,	"fetch the subscribed feeds (q stops the fetch, "
							"keeping what it wrote)" },
	{ V_LIST,	'P',		ACT_PEOPLE,	"People: everyone in the articles shown, with "
							"their articles, mentions and quotes" },
	/* the article */
	{ V_ARTICLE,	'/',		ACT_SEARCH,	"search the article (an empty pattern: the last "
							"search again)" },
	{ V_ARTICLE,	'n',		ACT_SEARCH_NEXT,	"next match (the status line says which, "
							"and when the search wraps)" },
	{ V_ARTICLE,	'N',		ACT_SEARCH_PREV,	"previous match" },
	{ V_ARTICLE,	']',		ACT_NEXT_QUOTE,	"next quote below the top of the view (the whole "
							"quote comes into view)" },
	{ V_ARTICLE,	'[',		ACT_PREV_QUOTE,	"previous quote" },
	{ V_ARTICLE,	'\t',		ACT_FOCUS_NEXT,	"focus the next pane" },
	{ V_ARTICLE,	KEY_BTAB,	ACT_FOCUS_PREV,	"focus the previous pane" },
	{ V_ARTICLE,	'Q',		ACT_SHOW_QUOTES,	"show the quotes pane (narrow screens)" },
	{ V_ARTICLE,	'P',		ACT_SHOW_PEOPLE,	"show the people pane (narrow screens)" },
	{ V_ARTICLE,	'C',		ACT_SHOW_CAPTION,	"open the photo caption full-screen" },
	{ V_ARTICLE,	'c',		ACT_NEXT_IMAGE,	"next photo caption (a count N before it: "
							"caption N)" },
	{ V_ARTICLE,	'J',		ACT_NEXT_ARTICLE,	"open the next article in the library" },
	{ V_ARTICLE,	'K',		ACT_PREV_ARTICLE,	"open the previous article" },
	{ V_ARTICLE,	'o',		ACT_OPEN_URL,	"open the article's url with $BROWSER" },
	{ V_ARTICLE,	'Y',		ACT_COPY_QUOTE,	"copy the current quote to the clipboard "
							"(when the config allows it)" },
	{ V_LIST | V_ARTICLE, '|',	ACT_PIPE,	"pipe the article, as byline show prints it, "
							"to a command" },
	{ V_LIST | V_ARTICLE, 'E',	ACT_EDIT,	"edit the article's file with $VISUAL or $EDITOR, "
							"then read it again" },
	{ V_ARTICLE,	'A',		ACT_PERSON_QUOTES,	"in the people pane: that person's quotes "
							"across the library" },
	{ V_ARTICLE,	'q',		ACT_BACK,		"close the pane, or back to the library" },
	{ V_PEOPLE,	'q',		ACT_BACK,		"back to the library" },
	{ V_QUOTES,	'q',		ACT_BACK,		"back to People, or to the article" },
	{ V_ARTICLE | V_PEOPLE | V_QUOTES, 27,	ACT_BACK,	NULL },
	{ V_ARTICLE | V_PEOPLE | V_QUOTES, 'h',	ACT_BACK,	NULL },
	{ V_ARTICLE | V_PEOPLE | V_QUOTES, KEY_LEFT, ACT_BACK,	NULL },
	{ V_LIST,	'q',		ACT_QUIT,		"quit (Ctrl-C quits from anywhere)" },
	{ V_ANY,	'?',		ACT_HELP,		"this help" },
	{ V_ANY,	CTRL('l'),	ACT_REDRAW,	"redraw the screen" },
};

#define NKEYS (sizeof table / sizeof table[0])

/* Action names, as the config and the man page spell them. */
static const struct {
	const char	*name;
	enum action	 action;
} names[] = {
	{ "down", ACT_DOWN }, { "up", ACT_UP }, { "page-down", ACT_PAGE_DOWN },
	{ "page-up", ACT_PAGE_UP }, { "half-down", ACT_HALF_DOWN }, { "half-up", ACT_HALF_UP },
	{ "top", ACT_TOP }, { "bottom", ACT_BOTTOM }, { "open", ACT_OPEN },
	{ "toggle-read", ACT_TOGGLE_READ }, { "unread-only", ACT_UNREAD_ONLY },
	{ "filter", ACT_FILTER }, { "next-unread", ACT_NEXT_UNREAD }, { "search", ACT_SEARCH },
	{ "search-next", ACT_SEARCH_NEXT }, { "search-prev", ACT_SEARCH_PREV },
	{ "next-quote", ACT_NEXT_QUOTE }, { "prev-quote", ACT_PREV_QUOTE },
	{ "focus-next", ACT_FOCUS_NEXT }, { "focus-prev", ACT_FOCUS_PREV },
	{ "show-quotes", ACT_SHOW_QUOTES }, { "show-people", ACT_SHOW_PEOPLE },
	{ "show-caption", ACT_SHOW_CAPTION }, { "next-image", ACT_NEXT_IMAGE },
	{ "next-article", ACT_NEXT_ARTICLE }, { "prev-article", ACT_PREV_ARTICLE },
	{ "open-url", ACT_OPEN_URL }, { "copy-quote", ACT_COPY_QUOTE },
	{ "people", ACT_PEOPLE }, { "order", ACT_ORDER }, { "person-quotes", ACT_PERSON_QUOTES },
	{ "back", ACT_BACK }, { "quit", ACT_QUIT }, { "help", ACT_HELP }, { "redraw", ACT_REDRAW },
	{ "fetch", ACT_FETCH },
	{ "mark-all-read", ACT_MARK_ALL }, { "clear-filter", ACT_CLEAR_FILTER },
	{ "sort", ACT_SORT }, { "reload", ACT_RELOAD }, { "pipe", ACT_PIPE }, { "edit", ACT_EDIT },
};

/* The action the config calls name, or ACT_NONE. */
static enum action
action_named(const char *name)
{
	size_t j;

	for (j = 0; j < sizeof names / sizeof names[0]; j++)
		if (strcmp(names[j].name, name) == 0)
			return names[j].action;
	return ACT_NONE;
}

/* Keys the config binds; they come before the table. */
struct override {
	int		views;
	int		key;
	enum action	action;
};

static struct override *overrides;
static size_t noverrides;
static bool rebound[ACT_COUNT];
static bool help_stale = true;

/* The key code for a config key name, or -1. */
static int
key_code(const char *name)
{
	static const struct {
		const char	*name;
		int		 code;
	} named[] = {
		{ "Enter", '\r' }, { "Tab", '\t' }, { "Shift-Tab", KEY_BTAB }, { "Space", ' ' },
		{ "Esc", 27 }, { "Backspace", KEY_BACKSPACE }, { "Up", KEY_UP }, { "Down", KEY_DOWN },
		{ "Left", KEY_LEFT }, { "Right", KEY_RIGHT }, { "PgUp", KEY_PPAGE },
		{ "PgDn", KEY_NPAGE }, { "Home", KEY_HOME }, { "End", KEY_END },
	};
	size_t i, len = strlen(name);

	if (len == 1)
		return (unsigned char)name[0];
	if (len == 6 && ascii_strncasecmp(name, "ctrl-", 5) == 0)
		return CTRL(ascii_tolower((unsigned char)name[5]));
	if ((name[0] == 'F' || name[0] == 'f') && ascii_isdigit((unsigned char)name[1]))
		return KEY_F(atoi(name + 1));
	for (i = 0; i < sizeof named / sizeof named[0]; i++)
		if (ascii_strcasecmp(name, named[i].name) == 0)
			return named[i].code;
	return -1;
}

/* The views in which action has a default key. */
static int
action_views(enum action a)
{
	size_t i;
	int v = 0;

	for (i = 0; i < NKEYS; i++)
		if (table[i].action == a)
			v |= table[i].views;
	return v;
}

static void
add_override(int views, int key, enum action a)
{
	overrides = xreallocarray(overrides, noverrides + 1, sizeof *overrides);
	overrides[noverrides].views = views;
	overrides[noverrides].key = key;
	overrides[noverrides].action = a;
	noverrides++;
}

size_t
keys_configure(const struct config *c)
{
	size_t i, k, bad = 0;

	free(overrides);
	overrides = NULL;
	noverrides = 0;
	memset(rebound, 0, sizeof rebound);
	help_stale = true;
	for (i = 0; i < c->nbindings; i++) {
		const struct config_binding *b = &c->bindings[i];
		enum action a = action_named(b->action);

		if (a == ACT_NONE) {
			bad++;
			continue;
		}
		rebound[a] = true;
		for (k = 0; k < b->nkeys; k++) {
			int code = key_code(b->keys[k]);

			if (code < 0) {
				bad++;
				continue;
			}
			add_override(action_views(a), code, a);
			if (code == '\r')
				add_override(action_views(a), '\n', a);
		}
	}
	return bad;
}

static int
cmp_diags(const void *pa, const void *pb)
{
	const struct diag *a = pa, *b = pb;

	if (a->line != b->line)
		return a->line < b->line ? -1 : 1;
	return a->col < b->col ? -1 : a->col > b->col;
}

/* The binding before binding bi of c that gives key code to another action in a view of its own. */
static const struct config_binding *
taken_before(const struct config *c, size_t bi, int code)
{
	const struct config_binding *b = &c->bindings[bi];
	int views = action_views(action_named(b->action));
	size_t i, j;

	for (i = 0; i < bi; i++) {
		const struct config_binding *o = &c->bindings[i];

		if (strcmp(o->action, b->action) == 0 ||
		    !(action_views(action_named(o->action)) & views))
			continue;
		for (j = 0; j < o->nkeys; j++)
			if (key_code(o->keys[j]) == code)
				return o;
	}
	return NULL;
}

void
ui_check_keys(struct config *c)
{
	size_t i, k, before = c->diags.n;

	for (i = 0; i < c->nbindings; i++) {
		const struct config_binding *b = &c->bindings[i], *o;

		for (k = 0; k < b->nkeys; k++) {
			int code = key_code(b->keys[k]);

			if (code < 0 || (o = taken_before(c, i, code)) == NULL)
				continue;
			diags_add(&c->diags, DIAG_ERROR, b->pos[k].line, b->pos[k].col,
			    "%s is bound to both %s and %s; %s keeps it", keys_name(code),
			    o->action, b->action, o->action);
		}
	}
	/* in the file's order, with the problems found while reading it */
	if (c->diags.n > before && c->diags.n > 1)
		qsort(c->diags.v, c->diags.n, sizeof *c->diags.v, cmp_diags);
}

enum action
keys_lookup(enum view_id view, int key)
{
	size_t i;

	for (i = 0; i < noverrides; i++)
		if ((overrides[i].views & view) && overrides[i].key == key)
			return overrides[i].action;
	for (i = 0; i < NKEYS; i++)
		if ((table[i].views & view) && table[i].key == key && !rebound[table[i].action])
			return table[i].action;
	return ACT_NONE;
}

const char *
keys_name(int key)
{
	static char name[16];

	switch (key) {
	case KEY_DOWN:
		return "Down";
	case KEY_UP:
		return "Up";
	case KEY_LEFT:
		return "Left";
	case KEY_RIGHT:
		return "Right";
	case KEY_NPAGE:
		return "PgDn";
	case KEY_PPAGE:
		return "PgUp";
	case KEY_HOME:
		return "Home";
	case KEY_END:
		return "End";
	case KEY_BTAB:
		return "Shift-Tab";
	case KEY_ENTER:
	case '\n':
	case '\r':
		return "Enter";
	case KEY_BACKSPACE:
		return "Backspace";
	case '\t':
		return "Tab";
	case ' ':
		return "Space";
	case 27:
		return "Esc";
	}
	if (key >= KEY_F(1) && key <= KEY_F(12)) {
		snprintf(name, sizeof name, "F%d", key - KEY_F0);
		return name;
	}
	if (key > 0 && key < 32)
		snprintf(name, sizeof name, "Ctrl-%c", key + 'A' - 1);
	else if (key >= 32 && key < 127)
		snprintf(name, sizeof name, "%c", key);
	else
		snprintf(name, sizeof name, "key %d", key);
	return name;
}

const char *
keys_first(enum view_id view, enum action a)
{
	size_t i;

	for (i = 0; i < noverrides; i++)
		if ((overrides[i].views & view) && overrides[i].action == a &&
		    keys_lookup(view, overrides[i].key) == a)
			return keys_name(overrides[i].key);
	for (i = 0; i < NKEYS && !rebound[a]; i++)
		if ((table[i].views & view) && table[i].action == a &&
		    keys_lookup(view, table[i].key) == a)
			return keys_name(table[i].key);
	return NULL;
}

size_t
keys_help(enum view_id view, const struct keyhelp **out)
{
	static struct keyhelp help[V_ANY + 1][NKEYS];
	static size_t count[V_ANY + 1];
	static bool done[V_ANY + 1];
	size_t i, j, n = 0;

	if (help_stale) {
		memset(done, 0, sizeof done);
		help_stale = false;
	}
	if (!done[view]) {
		for (i = 0; i < NKEYS; i++) {
			struct keyhelp *h;

			if (table[i].help == NULL || !(table[i].views & view))
				continue;
			h = &help[view][n++];
			h->desc = table[i].help;
			h->keys[0] = '\0';
			if (rebound[table[i].action]) {
				/* the keys the config gives this action */
				for (j = 0; j < noverrides; j++) {
					if (overrides[j].action != table[i].action ||
					    overrides[j].key == '\n' ||
					    keys_lookup(view, overrides[j].key) != table[i].action)
						continue;
					if (h->keys[0] != '\0')
						strncat(h->keys, " ", sizeof h->keys - strlen(h->keys) - 1);
					strncat(h->keys, keys_name(overrides[j].key),
					    sizeof h->keys - strlen(h->keys) - 1);
				}
				continue;
			}
			/* every key of this action in this view */
			for (j = 0; j < NKEYS; j++) {
				if (table[j].action != table[i].action || !(table[j].views & view) ||
				    table[j].key == '\r' || table[j].key == KEY_ENTER)
					continue;
				if (table[j].action == ACT_DIGIT) {
					snprintf(h->keys, sizeof h->keys, "0-9");
					break;
				}
				/* a key the config took for another action is that action's */
				if (keys_lookup(view, table[j].key) != table[j].action)
					continue;
				if (h->keys[0] != '\0')
					strncat(h->keys, " ", sizeof h->keys - strlen(h->keys) - 1);
				strncat(h->keys, keys_name(table[j].key),
				    sizeof h->keys - strlen(h->keys) - 1);
			}
		}
		count[view] = n;
		done[view] = true;
	}
	*out = help[view];
	return count[view];
}

void
ui_print_keys(const char *config, FILE *f)
{
	static const struct {
		enum view_id	 view;
		const char	*name;
	} views[] = { { V_LIST, "library" }, { V_ARTICLE, "article" }, { V_PEOPLE, "people" },
	    { V_QUOTES, "quotes" } };
	const struct keyhelp *h;
	size_t v, i, n;
	char *path = config_default_path(config);
	struct config c;

	config_load(&c, path, false);
	free(path);
	keys_configure(&c);
	config_free(&c);
	for (v = 0; v < sizeof views / sizeof views[0]; v++) {
		n = keys_help(views[v].view, &h);
		for (i = 0; i < n; i++)
			fprintf(f, "%s\t%s\t%s\n", views[v].name, h[i].keys, h[i].desc);
	}
}
