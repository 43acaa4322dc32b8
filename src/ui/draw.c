/*
 * draw.c: putting sanitised text on the screen. Every byte of an article
 * reaches curses through glyph_next(): a control character is drawn as its
 * visible placeholder, in reverse video, never as itself.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "config.h"
#include "sanitize.h"
#include "ui-int.h"
#include "utf8.h"

static attr_t attrs[C_COUNT];

/* Curses attributes for the config's attribute bits. */
static attr_t
config_attrs(int bits)
{
	attr_t a = A_NORMAL;

	if (bits & CONFIG_BOLD)
		a |= A_BOLD;
	if (bits & CONFIG_DIM)
		a |= A_DIM;
	if (bits & CONFIG_UNDERLINE)
		a |= A_UNDERLINE;
	if (bits & CONFIG_REVERSE)
		a |= A_REVERSE;
	if (bits & CONFIG_ITALIC)
		a |= A_ITALIC;
	return a;
}

/* Apply the config's colours over the defaults. */
static void
apply_config(const struct config *c, bool color)
{
	size_t i, r;

	for (i = 0; i < c->ncolors; i++) {
		const struct config_color *cc = &c->colors[i];

		for (r = 0; config_color_roles[r] != NULL; r++)
			if (strcmp(config_color_roles[r], cc->role) == 0)
				break;
		if (config_color_roles[r] == NULL || r + 1 >= C_COUNT)
			continue;
		/* the roles are listed in the order of enum ui_color, after C_NORMAL */
		attrs[r + 1] = config_attrs(cc->attrs);
		if (color && (cc->fg >= 0 || cc->bg >= 0) && cc->fg < COLORS && cc->bg < COLORS &&
		    (int)(20 + r) < COLOR_PAIRS) {
			init_pair((short)(20 + r), (short)cc->fg, (short)cc->bg);
			attrs[r + 1] |= COLOR_PAIR(20 + r);
		} else if (!color && cc->attrs == 0) {
			attrs[r + 1] = A_BOLD;	/* a colour without colours: at least set apart */
		}
	}
}

void
draw_init_colors(const struct config *c)
{
	const char *nc = getenv("NO_COLOR");
	bool color = has_colors() && (nc == NULL || nc[0] == '\0') &&
	    (c == NULL || !c->monochrome);
	int i;

	for (i = 0; i < C_COUNT; i++)
		attrs[i] = A_NORMAL;
	attrs[C_TITLE] = A_BOLD;
	attrs[C_META] = A_DIM;
	attrs[C_SELECTED] = A_REVERSE;
	attrs[C_UNREAD] = A_BOLD;
	attrs[C_BORDER] = A_NORMAL;
	attrs[C_FOCUS] = A_BOLD;
	attrs[C_QUOTE] = A_NORMAL;
	attrs[C_CURQUOTE] = A_REVERSE;
	attrs[C_MATCH] = A_STANDOUT | A_UNDERLINE;
	attrs[C_MENTION] = A_UNDERLINE;
	attrs[C_PLACEHOLDER] = A_REVERSE;
	attrs[C_STATUS] = A_REVERSE;
	attrs[C_ERROR] = A_REVERSE | A_BOLD;
	attrs[C_BROKEN] = A_BOLD;
	if (!color || start_color() == ERR) {
		if (c != NULL)
			apply_config(c, false);
		return;
	}
	use_default_colors();
	init_pair(1, COLOR_CYAN, -1);		/* title */
	init_pair(2, COLOR_BLUE, -1);		/* focused border */
	init_pair(3, COLOR_YELLOW, -1);		/* quotations */
	init_pair(4, COLOR_BLACK, COLOR_YELLOW);	/* the current quotation */
	init_pair(5, COLOR_BLACK, COLOR_CYAN);	/* search match */
	init_pair(6, COLOR_GREEN, -1);		/* a person's mentions */
	init_pair(7, COLOR_RED, -1);		/* placeholders, broken files */
	init_pair(8, COLOR_WHITE, COLOR_BLUE);	/* status line */
	init_pair(9, COLOR_WHITE, COLOR_RED);	/* error messages */
	attrs[C_TITLE] = A_BOLD | COLOR_PAIR(1);
	attrs[C_FOCUS] = A_BOLD | COLOR_PAIR(2);
	attrs[C_QUOTE] = COLOR_PAIR(3);
	attrs[C_CURQUOTE] = COLOR_PAIR(4);
	attrs[C_MATCH] = COLOR_PAIR(5) | A_UNDERLINE;
	attrs[C_MENTION] = COLOR_PAIR(6) | A_UNDERLINE;
	attrs[C_PLACEHOLDER] = COLOR_PAIR(7) | A_REVERSE;
	attrs[C_STATUS] = COLOR_PAIR(8);
	attrs[C_ERROR] = COLOR_PAIR(9) | A_BOLD;
	attrs[C_BROKEN] = COLOR_PAIR(7) | A_BOLD;
	if (c != NULL)
		apply_config(c, true);
}

attr_t
draw_attr(enum ui_color c)
{
	return attrs[c];
}

/* The attributes at byte off: base, then every highlight covering it. */
static attr_t
attr_at(size_t off, attr_t base, const struct hl *hl, size_t nhl)
{
	attr_t a = base;
	size_t i;

	for (i = 0; i < nhl; i++)
		if (off >= hl[i].start && off < hl[i].end)
			a = hl[i].add ? a | hl[i].attr : hl[i].attr;
	return a;
}

/* Split attr_t into the attribute bits and the colour pair curses wants apart. */
static void
put_cluster(int y, int x, const char *s, size_t len, bool dotted, attr_t a)
{
	wchar_t wc[CCHARW_MAX + 1];
	cchar_t cc;
	size_t i = 0, n = 0;

	if (dotted)
		wc[n++] = 0x25cc;
	while (i < len && n < CCHARW_MAX) {
		int32_t cp;

		i += utf8_decode(s + i, len - i, &cp);
		wc[n++] = cp < 0 ? 0xfffd : (wchar_t)cp;
	}
	wc[n] = L'\0';
	if (setcchar(&cc, wc, a & ~A_COLOR, (short)PAIR_NUMBER(a), NULL) == OK)
		mvadd_wch(y, x, &cc);
}

int
draw_text(int y, int x, int maxw, const char *text, size_t len, attr_t attr,
    const struct hl *hl, size_t nhl)
{
	struct glyph g;
	size_t i = 0;
	int col = 0;

	while (i < len && col < maxw) {
		size_t gl = glyph_next(text + i, len - i, &g);
		attr_t a = nhl > 0 ? attr_at(i, attr, hl, nhl) : attr;
		int w;

		switch (g.kind) {
		case GLYPH_TAB:
			w = WRAP_TABSTOP - col % WRAP_TABSTOP;
			if (col + w > maxw)
				w = maxw - col;
			draw_fill(y, x + col, w, a);
			col += w;
			break;
		case GLYPH_NEWLINE:
		case GLYPH_SPACE:
			w = g.kind == GLYPH_NEWLINE ? 1 : g.width;
			if (col + w > maxw)
				w = maxw - col;
			draw_fill(y, x + col, w, a);
			col += w;
			break;
		case GLYPH_PLACEHOLDER:
			w = g.width;
			if (g.outlen == 3 && memcmp(g.out, "\xef\xbf\xbd", 3) == 0) {
				put_cluster(y, x + col, g.out, g.outlen, false, a);
			} else {
				int k;

				for (k = 0; k < w && col + k < maxw; k++)
					mvaddch(y, x + col + k, (chtype)(unsigned char)g.out[k] |
					    (a & ~A_COLOR) | (draw_attr(C_PLACEHOLDER)));
			}
			col += w;
			break;
		case GLYPH_TEXT:
			if (g.width == 0 && !g.dotted)
				break;		/* zero-width on its own: nothing to show */
			if (col + g.width > maxw) {
				draw_fill(y, x + col, maxw - col, a);
				col = maxw;
				break;
			}
			if (g.outlen == 1 && !g.dotted)
				mvaddch(y, x + col, (chtype)(unsigned char)g.out[0] | a);
			else
				put_cluster(y, x + col, g.out, g.outlen, g.dotted, a);
			col += g.width;
			break;
		}
		i += gl;
	}
	return col > maxw ? maxw : col;
}

int
draw_str(int y, int x, int maxw, const char *s, attr_t attr)
{
	if (s == NULL || maxw <= 0)
		return 0;
	return draw_text(y, x, maxw, s, strlen(s), attr, NULL, 0);
}

int
draw_str_cut(int y, int x, int maxw, const char *s, attr_t attr)
{
	int n;

	if (s == NULL || maxw <= 0)
		return 0;
	if (maxw < 2 || (int)sanitize_width(s, strlen(s)) <= maxw)
		return draw_str(y, x, maxw, s, attr);
	n = draw_text(y, x, maxw - 1, s, strlen(s), attr, NULL, 0);
	return n + draw_str(y, x + n, 1, "\xe2\x80\xa6", attr);	/* U+2026 */
}

int
draw_hints(int y, int x, int right, enum view_id view, const struct hint *h, size_t n,
    attr_t attr)
{
	size_t i;

	for (i = 0; i < n; i++) {
		const char *key = keys_first(view, h[i].act);
		char hint[64];
		int len;

		if (key == NULL)
			continue;
		snprintf(hint, sizeof hint, "%s: %s", key, h[i].what);
		len = (int)strlen(hint);
		if (x + 2 + len > right)
			break;
		x += 2 + draw_str(y, x + 2, len, hint, attr);
	}
	return x;
}

void
draw_fill(int y, int x, int w, attr_t attr)
{
	int i;

	for (i = 0; i < w; i++)
		mvaddch(y, x + i, ' ' | attr);
}

void
draw_box(int y, int x, int h, int w, const char *title, bool focused)
{
	attr_t a = focused ? draw_attr(C_FOCUS) : draw_attr(C_BORDER);
	int i;

	if (h < 2 || w < 2)
		return;
	mvaddch(y, x, ACS_ULCORNER | a);
	mvaddch(y, x + w - 1, ACS_URCORNER | a);
	mvaddch(y + h - 1, x, ACS_LLCORNER | a);
	mvaddch(y + h - 1, x + w - 1, ACS_LRCORNER | a);
	for (i = 1; i < w - 1; i++) {
		mvaddch(y, x + i, ACS_HLINE | a);
		mvaddch(y + h - 1, x + i, ACS_HLINE | a);
	}
	for (i = 1; i < h - 1; i++) {
		mvaddch(y + i, x, ACS_VLINE | a);
		mvaddch(y + i, x + w - 1, ACS_VLINE | a);
	}
	if (title != NULL && w > 6) {
		mvaddch(y, x + 1, ' ' | a);
		i = draw_str(y, x + 2, w - 5, title, a | (focused ? A_BOLD : 0));
		mvaddch(y, x + 2 + i, ' ' | a);
	}
}
