/*
 * keys.c: the key table. Dispatch and the help screen both read it, so the
 * keys a user is told about are the keys that work.
 */
#include <stdio.h>
#include <string.h>

#include "ui-int.h"
#include "ui.h"

#define CTRL(c) ((c) & 0x1f)

static const struct keybind table[] = {
	/* moving */
	{ V_LIST,	'j',		ACT_DOWN,	"select the next article" },
	{ V_ARTICLE,	'j',		ACT_DOWN,	"down one line (in a list pane: the next item)" },
	{ V_ANY,	KEY_DOWN,	ACT_DOWN,	NULL },
	{ V_LIST,	'k',		ACT_UP,		"select the previous article" },
	{ V_ARTICLE,	'k',		ACT_UP,		"up one line (in a list pane: the previous item)" },
	{ V_ANY,	KEY_UP,		ACT_UP,		NULL },
	{ V_ANY,	' ',		ACT_PAGE_DOWN,	"down one page" },
	{ V_ANY,	KEY_NPAGE,	ACT_PAGE_DOWN,	NULL },
	{ V_ANY,	'b',		ACT_PAGE_UP,	"up one page" },
	{ V_ANY,	KEY_PPAGE,	ACT_PAGE_UP,	NULL },
	{ V_ANY,	CTRL('d'),	ACT_HALF_DOWN,	"down half a page" },
	{ V_ANY,	CTRL('u'),	ACT_HALF_UP,	"up half a page" },
	{ V_ANY,	'g',		ACT_TOP,	"go to the top" },
	{ V_ANY,	KEY_HOME,	ACT_TOP,	NULL },
	{ V_ANY,	'G',		ACT_BOTTOM,	"go to the bottom" },
	{ V_ANY,	KEY_END,	ACT_BOTTOM,	NULL },
	/* the library */
	{ V_LIST,	'\n',		ACT_OPEN,		"open the article" },
	{ V_ARTICLE,	'\n',		ACT_OPEN,		"in the quotes pane: jump to the quote; in the people "
							"pane: show only that person's quotes (again: all)" },
	{ V_ANY,	'\r',		ACT_OPEN,		NULL },
	{ V_ANY,	KEY_ENTER,	ACT_OPEN,		NULL },
	{ V_LIST,	'l',		ACT_OPEN,		NULL },
	{ V_LIST,	KEY_RIGHT,	ACT_OPEN,		NULL },
	{ V_ANY,	'r',		ACT_TOGGLE_READ,	"mark read or unread (saved at once)" },
	{ V_LIST,	'u',		ACT_UNREAD_ONLY,	"show only unread articles, or all again" },
	{ V_LIST,	'/',		ACT_FILTER,	"filter by text as you type (Esc clears)" },
	{ V_ANY,	'U',		ACT_NEXT_UNREAD,	"go to the next unread article" },
	/* the article */
	{ V_ARTICLE,	'/',		ACT_SEARCH,	"search the article" },
	{ V_ARTICLE,	'n',		ACT_SEARCH_NEXT,	"next match" },
	{ V_ARTICLE,	'N',		ACT_SEARCH_PREV,	"previous match" },
	{ V_ARTICLE,	']',		ACT_NEXT_QUOTE,	"next quote (the whole quote comes into view)" },
	{ V_ARTICLE,	'[',		ACT_PREV_QUOTE,	"previous quote" },
	{ V_ARTICLE,	'\t',		ACT_FOCUS_NEXT,	"focus the next pane" },
	{ V_ARTICLE,	KEY_BTAB,	ACT_FOCUS_PREV,	"focus the previous pane" },
	{ V_ARTICLE,	'Q',		ACT_SHOW_QUOTES,	"show the quotes pane (narrow screens)" },
	{ V_ARTICLE,	'P',		ACT_SHOW_PEOPLE,	"show the people pane (narrow screens)" },
	{ V_ARTICLE,	'C',		ACT_SHOW_CAPTION,	"open the photo caption full-screen" },
	{ V_ARTICLE,	'c',		ACT_NEXT_IMAGE,	"next photo caption" },
	{ V_ARTICLE,	'1',		ACT_IMAGE_1,	"photo caption 1 (2 to 9: the others)" },
	{ V_ARTICLE,	'2',		ACT_IMAGE_2,	NULL },
	{ V_ARTICLE,	'3',		ACT_IMAGE_3,	NULL },
	{ V_ARTICLE,	'4',		ACT_IMAGE_4,	NULL },
	{ V_ARTICLE,	'5',		ACT_IMAGE_5,	NULL },
	{ V_ARTICLE,	'6',		ACT_IMAGE_6,	NULL },
	{ V_ARTICLE,	'7',		ACT_IMAGE_7,	NULL },
	{ V_ARTICLE,	'8',		ACT_IMAGE_8,	NULL },
	{ V_ARTICLE,	'9',		ACT_IMAGE_9,	NULL },
	{ V_ARTICLE,	'J',		ACT_NEXT_ARTICLE,	"open the next article in the library" },
	{ V_ARTICLE,	'K',		ACT_PREV_ARTICLE,	"open the previous article" },
	{ V_ARTICLE,	'q',		ACT_BACK,		"close the pane, or back to the library" },
	{ V_ARTICLE,	27,		ACT_BACK,		NULL },
	{ V_ARTICLE,	'h',		ACT_BACK,		NULL },
	{ V_ARTICLE,	KEY_LEFT,	ACT_BACK,		NULL },
	{ V_LIST,	'q',		ACT_QUIT,		"quit (Ctrl-C quits from anywhere)" },
	{ V_ANY,	'?',		ACT_HELP,		"this help" },
	{ V_ANY,	CTRL('l'),	ACT_REDRAW,	"redraw the screen" },
};

#define NKEYS (sizeof table / sizeof table[0])

enum action
keys_lookup(enum view_id view, int key)
{
	size_t i;

	for (i = 0; i < NKEYS; i++)
		if ((table[i].views & view) && table[i].key == key)
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
		return "Enter";
	case '\r':
		return "Return";
	case '\t':
		return "Tab";
	case ' ':
		return "Space";
	case 27:
		return "Esc";
	}
	if (key > 0 && key < 32)
		snprintf(name, sizeof name, "Ctrl-%c", key + 'A' - 1);
	else if (key >= 32 && key < 127)
		snprintf(name, sizeof name, "%c", key);
	else
		snprintf(name, sizeof name, "key %d", key);
	return name;
}

size_t
keys_help(enum view_id view, const struct keyhelp **out)
{
	static struct keyhelp help[V_ANY + 1][NKEYS];
	static size_t count[V_ANY + 1];
	static bool done[V_ANY + 1];
	size_t i, j, n = 0;

	if (!done[view]) {
		for (i = 0; i < NKEYS; i++) {
			struct keyhelp *h;

			if (table[i].help == NULL || !(table[i].views & view))
				continue;
			h = &help[view][n++];
			h->desc = table[i].help;
			h->keys[0] = '\0';
			/* every key of this action in this view */
			for (j = 0; j < NKEYS; j++) {
				if (table[j].action != table[i].action || !(table[j].views & view) ||
				    table[j].key == '\r' || table[j].key == KEY_ENTER)
					continue;
				if (table[j].action >= ACT_IMAGE_2 && table[j].action <= ACT_IMAGE_9)
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
ui_print_keys(FILE *f)
{
	static const struct {
		enum view_id	 view;
		const char	*name;
	} views[] = { { V_LIST, "library" }, { V_ARTICLE, "article" } };
	const struct keyhelp *h;
	size_t v, i, n;

	for (v = 0; v < 2; v++) {
		n = keys_help(views[v].view, &h);
		for (i = 0; i < n; i++)
			fprintf(f, "%s\t%s\t%s\n", views[v].name, h[i].keys, h[i].desc);
	}
}
