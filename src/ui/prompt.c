/*
 * prompt.c: the line typed at the bottom of the screen (the library filter,
 * the People filter, the article search, the command | pipes to) and the
 * y/n question of A.
 *
 * The editing keys are readline's and less's: Left/Right and Ctrl-B/Ctrl-F
 * move a character, Home/End and Ctrl-A/Ctrl-E to an end, Backspace and
 * Delete remove one, Ctrl-U everything before the cursor, Ctrl-W the word
 * before it, Ctrl-K everything after it; Up/Down go through what was typed
 * at the same prompt before (for the session); Enter accepts, Esc cancels.
 */
#include <stdlib.h>
#include <string.h>

#include "sanitize.h"
#include "ui-int.h"
#include "utf8.h"

#define CTRL(c)		((c) & 0x1f)
#define INPUT_MAX	1000	/* bytes a prompt takes */
#define HISTORY_MAX	100	/* lines kept for each prompt */

static const char *const prompt_text[PROMPT_COUNT] = {
	"", "filter: ", "/", "pipe to: ", "", "filter people: "
};

void
prompt_open(struct ui *ui, enum prompt kind, const char *initial)
{
	ui->prompt = kind;
	buf_reset(&ui->input);
	buf_adds(&ui->input, initial != NULL ? initial : "");
	ui->cursor = ui->input.len;
	ui->hist_at = ui->hist[kind].n;
	buf_reset(&ui->draft);
}

void
prompt_free(struct ui *ui)
{
	size_t k, i;

	for (k = 0; k < PROMPT_COUNT; k++) {
		for (i = 0; i < ui->hist[k].n; i++)
			free(ui->hist[k].v[i]);
		free(ui->hist[k].v);
		memset(&ui->hist[k], 0, sizeof ui->hist[k]);
	}
	buf_free(&ui->draft);
}

/* Remember the line just accepted at this prompt (not twice in a row). */
static void
history_add(struct ui *ui)
{
	struct history *h = &ui->hist[ui->prompt];

	if (ui->input.len == 0 || (h->n > 0 && strcmp(h->v[h->n - 1], ui->input.data) == 0))
		return;
	if (h->n == HISTORY_MAX) {
		free(h->v[0]);
		memmove(h->v, h->v + 1, (h->n - 1) * sizeof *h->v);
		h->n--;
	}
	ARRAY_GROW(h->v, h->n + 1, h->cap);
	h->v[h->n++] = xstrdup(ui->input.data);
}

/* Show history line at (h->n: the line being typed). */
static void
history_show(struct ui *ui, size_t at)
{
	struct history *h = &ui->hist[ui->prompt];

	if (ui->hist_at == h->n) {
		buf_reset(&ui->draft);
		buf_add(&ui->draft, ui->input.data != NULL ? ui->input.data : "", ui->input.len);
	}
	ui->hist_at = at;
	buf_reset(&ui->input);
	if (at < h->n)
		buf_adds(&ui->input, h->v[at]);
	else
		buf_add(&ui->input, ui->draft.data != NULL ? ui->draft.data : "", ui->draft.len);
	ui->cursor = ui->input.len;
}

/* The offset of the character before off in the input. */
static size_t
char_before(const struct ui *ui, size_t off)
{
	while (off > 0 && ((unsigned char)ui->input.data[--off] & 0xc0) == 0x80)
		;
	return off;
}

/* The offset of the character after off. */
static size_t
char_after(const struct ui *ui, size_t off)
{
	int32_t cp;

	return off < ui->input.len ? off + utf8_decode(ui->input.data + off,
	    ui->input.len - off, &cp) : off;
}

/* Remove input bytes [a, b) and put the cursor at a. */
static void
cut(struct ui *ui, size_t a, size_t b)
{
	if (b <= a)
		return;
	memmove(ui->input.data + a, ui->input.data + b, ui->input.len - b + 1);
	ui->input.len -= b - a;
	ui->cursor = a;
}

/* Insert the character ch at the cursor. */
static void
insert(struct ui *ui, wint_t ch)
{
	char enc[4];
	size_t n = utf8_encode((int32_t)ch, enc);

	if (ui->input.len + n > INPUT_MAX)
		return;
	buf_add(&ui->input, enc, n);	/* room at the end, then move the tail */
	memmove(ui->input.data + ui->cursor + n, ui->input.data + ui->cursor,
	    ui->input.len - n - ui->cursor);
	memcpy(ui->input.data + ui->cursor, enc, n);
	ui->cursor += n;
}

/* The start of the word before the cursor (Ctrl-W): spaces, then non-spaces. */
static size_t
word_before(const struct ui *ui)
{
	size_t i = ui->cursor;

	while (i > 0 && ascii_isspace((unsigned char)ui->input.data[i - 1]))
		i--;
	while (i > 0 && !ascii_isspace((unsigned char)ui->input.data[i - 1]))
		i--;
	return i;
}

/* An editing key: returns whether the line changed, *moved whether only the cursor did. */
static bool
edit_key(struct ui *ui, int kind, wint_t ch, bool *moved)
{
	bool code = kind == KEY_CODE_YES;

	*moved = true;
	if ((code && ch == KEY_LEFT) || (!code && ch == CTRL('b')))
		ui->cursor = char_before(ui, ui->cursor);
	else if ((code && ch == KEY_RIGHT) || (!code && ch == CTRL('f')))
		ui->cursor = char_after(ui, ui->cursor);
	else if ((code && ch == KEY_HOME) || (!code && ch == CTRL('a')))
		ui->cursor = 0;
	else if ((code && ch == KEY_END) || (!code && ch == CTRL('e')))
		ui->cursor = ui->input.len;
	else if (code && (ch == KEY_UP || ch == KEY_DOWN)) {
		size_t n = ui->hist[ui->prompt].n;

		if (ch == KEY_UP && ui->hist_at > 0)
			history_show(ui, ui->hist_at - 1);
		else if (ch == KEY_DOWN && ui->hist_at < n)
			history_show(ui, ui->hist_at + 1);
		else
			return false;
		*moved = false;
		return true;
	} else {
		*moved = false;
		if ((code && ch == KEY_BACKSPACE) || (!code && (ch == 127 || ch == 8)))
			cut(ui, char_before(ui, ui->cursor), ui->cursor);
		else if ((code && ch == KEY_DC) || (!code && ch == CTRL('d')))
			cut(ui, ui->cursor, char_after(ui, ui->cursor));
		else if (!code && ch == CTRL('u'))
			cut(ui, 0, ui->cursor);
		else if (!code && ch == CTRL('w'))
			cut(ui, word_before(ui), ui->cursor);
		else if (!code && ch == CTRL('k'))
			cut(ui, ui->cursor, ui->input.len);
		else if (!code && ch >= 32 && ch != 127 && !(ch >= 0x80 && ch < 0xa0))
			insert(ui, ch);
		else
			return false;
		return true;
	}
	return false;
}

/* The filter follows the line as it is typed. */
static void
filter_follow(struct ui *ui)
{
	const char *in = ui->input.data != NULL ? ui->input.data : "";

	if (ui->prompt == PROMPT_FILTER)
		ui_set_filter(ui, in, ui->input.len);
	else if (ui->prompt == PROMPT_PEOPLE)
		people_filter(ui, in);
}

void
prompt_type(struct ui *ui, const char *text, size_t len)
{
	size_t i = 0;
	int32_t cp;

	if (ui->prompt == PROMPT_NONE || ui->prompt == PROMPT_CONFIRM)
		return;
	while (i < len) {
		i += utf8_decode(text + i, len - i, &cp);
		if (cp >= 32 && cp != 127 && !(cp >= 0x80 && cp < 0xa0))
			insert(ui, (wint_t)cp);
	}
	filter_follow(ui);
}

/* y or n to the question of PROMPT_CONFIRM. */
static void
confirm_key(struct ui *ui, int kind, wint_t ch)
{
	ui->prompt = PROMPT_NONE;
	if (kind == OK && (ch == 'y' || ch == 'Y'))
		list_mark_all(ui, true);
	else
		ui_message(ui, false, "nothing marked");
}

/* Enter: the line is taken. */
static void
accept(struct ui *ui)
{
	enum prompt p = ui->prompt;
	char *line = xstrdup(ui->input.data != NULL ? ui->input.data : "");

	history_add(ui);
	ui->prompt = PROMPT_NONE;
	if (p == PROMPT_SEARCH && ui->r != NULL)
		article_search_start(ui, line);
	else if (p == PROMPT_PIPE)
		ui_pipe(ui, line);
	free(line);
}

void
prompt_key(struct ui *ui, int kind, wint_t ch)
{
	bool moved;

	if (ui->prompt == PROMPT_CONFIRM) {
		confirm_key(ui, kind, ch);
		return;
	}
	if (kind == OK && ch == 27) {
		if (ui->prompt == PROMPT_FILTER)
			ui_set_filter(ui, "", 0);
		else if (ui->prompt == PROMPT_PEOPLE)
			people_filter(ui, "");
		ui->prompt = PROMPT_NONE;
		return;
	}
	if ((kind == OK && (ch == '\n' || ch == '\r')) || (kind == KEY_CODE_YES && ch == KEY_ENTER)) {
		accept(ui);
		return;
	}
	if (edit_key(ui, kind, ch, &moved) && !moved)
		filter_follow(ui);
}

void
prompt_draw(struct ui *ui)
{
	int y = ui->h - 1, x, avail;
	const char *in = ui->input.data != NULL ? ui->input.data : "";
	size_t from = 0, at;

	draw_fill(y, 0, ui->w, A_NORMAL);
	if (ui->prompt == PROMPT_CONFIRM) {
		x = draw_str(y, 0, ui->w - 1, ui->question, A_BOLD);
		if (x < ui->w)
			mvaddch(y, x, ' ' | A_REVERSE);
		return;
	}
	x = draw_str(y, 0, ui->w, prompt_text[ui->prompt], A_BOLD);
	avail = ui->w - x - 1;
	if (avail < 1)
		return;
	/* a line wider than the screen scrolls to keep the cursor in view */
	while (from < ui->cursor && (int)sanitize_width(in + from, ui->cursor - from) >= avail)
		from = char_after(ui, from);
	x += draw_text(y, x, avail, in + from, ui->cursor - from, A_NORMAL, NULL, 0);
	at = char_after(ui, ui->cursor);
	if (at > ui->cursor) {
		x += draw_text(y, x, ui->w - x, in + ui->cursor, at - ui->cursor, A_REVERSE, NULL, 0);
	} else if (x < ui->w) {
		mvaddch(y, x, ' ' | A_REVERSE);
		x++;
	}
	if (x < ui->w && at < ui->input.len)
		draw_text(y, x, ui->w - x, in + at, ui->input.len - at, A_NORMAL, NULL, 0);
}
