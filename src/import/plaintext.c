/*
 * plaintext.c: a plain-text article into a struct imported (see imported.h).
 *
 * The text is read whole, made valid UTF-8 with plain line ends, and cut into
 * paragraphs of trimmed lines. The first line is the title; paragraphs made
 * only of "Update MM/DD/YY ...: note" lines become updates; a trailing photo
 * block (a title line, then a caption ending in a credit such as
 * "Name/Agency") becomes the image; the rest is the body, escaped so that
 * the Markdown renderer shows it exactly as written.
 */
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "imported.h"
#include "import-int.h"
#include "utf8.h"
#include "util.h"

/* Longest line taken as a photo title; bytes looked at to tell binary data. */
#define TEXT_MAX_IMAGE_TITLE	200
#define TEXT_SNIFF		65536

/* A paragraph: its lines, trimmed, in the import's arena. */
struct tpara {
	char	**lines;
	size_t	  nlines;
};

/* The text being taken apart. */
struct tsplit {
	struct imported	*imp;
	struct tpara	*paras;
	size_t		 nparas, cap;
};

/* Is c a space or tab? */
static bool
is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\f' || c == '\v';
}

/*
 * Append the bytes of in to out as valid UTF-8 with LF line ends: a first
 * byte-order mark dropped, CRLF and lone CR made LF, invalid sequences and
 * control characters other than tab and LF (which would reach a terminal
 * raw with --output -) made U+FFFD. This function can't fail.
 */
static void
text_clean(struct buf *out, const char *in, size_t len)
{
	size_t i = 0, n;
	int32_t cp;

	if (len >= 3 && memcmp(in, "\xef\xbb\xbf", 3) == 0)
		i = 3;
	buf_reserve(out, len - i + 1);
	while (i < len) {
		if (in[i] == '\r') {
			buf_addc(out, '\n');
			i += (i + 1 < len && in[i + 1] == '\n') ? 2 : 1;
			continue;
		}
		n = utf8_decode(in + i, len - i, &cp);
		if (cp == UTF8_INVALID || (cp < 0x20 && cp != '\t' && cp != '\n') ||
		    (cp >= 0x7f && cp < 0xa0))
			buf_add(out, "\xef\xbf\xbd", 3);
		else
			buf_add(out, in + i, n);
		i += n;
	}
	buf_addc(out, '\0');
	out->len--;
}

/* Add a paragraph with the lines in lines[0..n) to ts. */
static void
text_add_para(struct tsplit *ts, char **lines, size_t n)
{
	struct tpara *p;

	ARRAY_GROW(ts->paras, ts->nparas + 1, ts->cap);
	p = &ts->paras[ts->nparas++];
	p->lines = arena_calloc(ts->imp->arena, n, sizeof *p->lines);
	memcpy(p->lines, lines, n * sizeof *lines);
	p->nlines = n;
}

/*
 * Cut text (clean, NUL-terminated) into the title and paragraphs of trimmed
 * lines. Returns false when there is no text at all.
 */
static bool
text_split(struct tsplit *ts, const char *text, size_t len)
{
	char **lines = NULL;
	size_t nlines = 0, lines_cap = 0, i = 0;

	while (i <= len) {
		size_t s = i, e;

		while (i < len && text[i] != '\n')
			i++;
		e = i++;
		while (s < e && is_blank(text[s]))
			s++;
		while (e > s && is_blank(text[e - 1]))
			e--;
		if (e == s) {
			if (nlines > 0)
				text_add_para(ts, lines, nlines);
			nlines = 0;
			continue;
		}
		if (ts->imp->title == NULL) {
			ts->imp->title = arena_strndup(ts->imp->arena, text + s, e - s);
			continue;
		}
		ARRAY_GROW(lines, nlines + 1, lines_cap);
		lines[nlines++] = arena_strndup(ts->imp->arena, text + s, e - s);
	}
	if (nlines > 0)
		text_add_para(ts, lines, nlines);
	free(lines);
	return ts->imp->title != NULL;
}

/*
 * Is line an update note, "Update MM/DD/YY[YY] anything: note"? If so and
 * imp is not NULL, add the date (as printed) and the note to imp.
 */
static bool
text_update_line(struct imported *imp, const char *line)
{
	const char *p = line, *colon, *d;
	int field, digits;

	if (ascii_strncasecmp(p, "update", 6) != 0)
		return false;
	p += 6;
	if (*p == 'd' || *p == 'D')
		p++;
	if (!is_blank(*p))
		return false;
	while (is_blank(*p))
		p++;
	d = p;
	for (field = 0; field < 3; field++) {
		for (digits = 0; ascii_isdigit((unsigned char)*p); digits++)
			p++;
		if (digits == 0 || digits > 4)
			return false;
		if (field < 2 && *p++ != '/')
			return false;
	}
	for (colon = p; *colon != '\0'; colon++)
		if (colon[0] == ':' && (colon[1] == '\0' || is_blank(colon[1])))
			break;
	if (*colon == '\0')
		return false;
	p = colon + 1;
	while (is_blank(*p))
		p++;
	if (*p == '\0')
		return false;
	while (colon > d && is_blank(colon[-1]))
		colon--;
	if (imp != NULL)
		imported_add_update(imp, arena_strndup(imp->arena, d, (size_t)(colon - d)),
		    arena_strdup(imp->arena, p));
	return true;
}

/* Take out the paragraphs made only of update lines; they become the updates. */
static void
text_take_updates(struct tsplit *ts)
{
	size_t i, k, kept = 0;

	for (i = 0; i < ts->nparas; i++) {
		const struct tpara *p = &ts->paras[i];

		for (k = 0; k < p->nlines; k++)
			if (!text_update_line(NULL, p->lines[k]))
				break;
		if (k < p->nlines) {
			ts->paras[kept++] = *p;
			continue;
		}
		for (k = 0; k < p->nlines; k++)
			text_update_line(ts->imp, p->lines[k]);
	}
	ts->nparas = kept;
}

/* Join the lines of p from line first on, with sep between them, into the arena. */
static char *
text_join(struct imported *imp, const struct tpara *p, size_t first, const char *sep)
{
	struct buf b = BUF_INIT;
	char *s;
	size_t i;

	for (i = first; i < p->nlines; i++) {
		if (i > first)
			buf_adds(&b, sep);
		buf_adds(&b, p->lines[i]);
	}
	s = arena_strndup(imp->arena, b.data != NULL ? b.data : "", b.len);
	buf_free(&b);
	return s;
}

/* Could line be the title of a photo (short, no sentence end)? */
static bool
text_title_like(const char *line)
{
	size_t n = strlen(line);

	return n > 0 && n <= TEXT_MAX_IMAGE_TITLE && line[n - 1] != '.' &&
	    line[n - 1] != ',' && line[n - 1] != ';' && line[n - 1] != ':';
}

/*
 * Take the trailing photo block out of the paragraphs: a title line, then a
 * caption ending in a credit, in one paragraph or in two.
 */
static void
text_take_image(struct tsplit *ts)
{
	struct imported *imp = ts->imp;
	struct imported_image *im;
	const struct tpara *last;
	const char *caption, *title = NULL;
	long at;
	size_t n, drop = 1;

	if (ts->nparas == 0)
		return;
	last = &ts->paras[ts->nparas - 1];
	if (last->nlines >= 2 && text_title_like(last->lines[0])) {
		caption = text_join(imp, last, 1, " ");
		title = last->lines[0];
	} else {
		caption = text_join(imp, last, 0, " ");
		if (ts->nparas >= 2 && ts->paras[ts->nparas - 2].nlines == 1 &&
		    text_title_like(ts->paras[ts->nparas - 2].lines[0])) {
			title = ts->paras[ts->nparas - 2].lines[0];
			drop = 2;
		}
	}
	if ((at = credit_find_slash(caption)) < 0)
		return;
	im = imported_add_image(imp);
	im->title = title;
	im->credit = caption + at;
	n = (size_t)at;
	while (n > 0 && is_blank(caption[n - 1]))
		n--;
	im->caption = n > 0 ? arena_strndup(imp->arena, caption, n) : NULL;
	ts->nparas -= drop;
}

/* The paragraphs of ts as Markdown blocks of imp, each line escaped. */
static void
text_body(struct tsplit *ts)
{
	struct buf b = BUF_INIT;
	size_t i, k;

	for (i = 0; i < ts->nparas; i++) {
		buf_reset(&b);
		for (k = 0; k < ts->paras[i].nlines; k++) {
			if (k > 0)
				buf_addc(&b, '\n');
			imported_md_escape(&b, ts->paras[i].lines[k], strlen(ts->paras[i].lines[k]));
		}
		imported_add_para(ts->imp, arena_strndup(ts->imp->arena, b.data, b.len));
	}
	buf_free(&b);
}

/*
 * Is data binary rather than text: a NUL byte in its first TEXT_SNIFF bytes,
 * or more than one control character in ten there?
 */
static bool
text_binary(const char *data, size_t len)
{
	size_t i, n = len < TEXT_SNIFF ? len : TEXT_SNIFF, controls = 0;

	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)data[i];

		if (c == 0)
			return true;
		if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f')
			controls++;
	}
	return controls * 10 > n;
}

int
imported_from_text(struct imported *imp, const char *data, size_t len, char **cause)
{
	struct tsplit ts;
	struct buf text = BUF_INIT;
	int r = -1;

	if (len >= 2 && ((unsigned char)data[0] == 0xff || (unsigned char)data[0] == 0xfe) &&
	    ((unsigned char)data[1] == 0xff || (unsigned char)data[1] == 0xfe) &&
	    data[0] != data[1]) {
		*cause = xstrdup("the text is UTF-16; convert it first with "
		    "iconv -f UTF-16 -t UTF-8");
		return -1;
	}
	if (text_binary(data, len)) {
		*cause = xstrdup("binary data, not text");
		return -1;
	}
	memset(&ts, 0, sizeof ts);
	ts.imp = imp;
	text_clean(&text, data, len);
	if (!text_split(&ts, text.data, text.len)) {
		*cause = xstrdup("no text to import");
		goto out;
	}
	text_take_updates(&ts);
	text_take_image(&ts);
	text_body(&ts);
	r = 0;
out:
	free(ts.paras);
	buf_free(&text);
	return r;
}
