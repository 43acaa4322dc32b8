/* sanitize.c: cut untrusted text into displayable units and placeholders. */
#include "sanitize.h"

#include <stdio.h>
#include <string.h>
#include <utf8proc.h>

#include "utf8.h"

static const char replacement[] = "\xef\xbf\xbd";	/* U+FFFD */

/* Fill g with a placeholder for cp, shown as ^X for C0/DEL or <U+XXXX>. */
static void
set_placeholder(struct glyph *g, int32_t cp)
{
	g->kind = GLYPH_PLACEHOLDER;
	if (cp == UTF8_INVALID) {
		memcpy(g->repr, replacement, 3);
		g->outlen = 3;
		g->width = 1;
	} else if (cp < 0x20 || cp == 0x7f) {
		g->repr[0] = '^';
		g->repr[1] = cp == 0x7f ? '?' : (char)(cp + '@');
		g->outlen = 2;
		g->width = 2;
	} else {
		int n = snprintf(g->repr, sizeof g->repr, "<U+%04X>", (unsigned)cp);

		g->outlen = (size_t)n;
		g->width = n;
	}
	g->out = g->repr;
}

/* Is cp a bidirectional formatting character that could reorder the screen? */
static bool
is_bidi_control(int32_t cp)
{
	return cp == 0x061c || cp == 0x200e || cp == 0x200f ||
	    (cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069);
}

/* Must cp be shown as a placeholder rather than as itself? */
static bool
needs_placeholder(int32_t cp)
{
	utf8proc_category_t cat;

	if (cp == UTF8_INVALID || cp < 0x20 || (cp >= 0x7f && cp <= 0x9f))
		return true;
	if (cp < 0x7f)
		return false;
	if (is_bidi_control(cp))
		return true;
	if ((cp & 0xfffe) == 0xfffe || (cp >= 0xfdd0 && cp <= 0xfdef))
		return true;		/* noncharacters */
	cat = utf8proc_category(cp);
	return cat == UTF8PROC_CATEGORY_CN || cat == UTF8PROC_CATEGORY_CC ||
	    cat == UTF8PROC_CATEGORY_CS || cat == UTF8PROC_CATEGORY_ZL ||
	    cat == UTF8PROC_CATEGORY_ZP;
}

/* Is cp a space at which a line may break? */
static bool
is_break_space(int32_t cp)
{
	if (cp == ' ')
		return true;
	if (cp < 0x80 || cp == 0xa0 || cp == 0x2007 || cp == 0x202f)
		return false;
	return utf8proc_category(cp) == UTF8PROC_CATEGORY_ZS;
}

/* Does cp need a base character to be seen (a combining mark)? */
static bool
is_mark(int32_t cp)
{
	utf8proc_category_t cat = utf8proc_category(cp);

	return cat == UTF8PROC_CATEGORY_MN || cat == UTF8PROC_CATEGORY_MC ||
	    cat == UTF8PROC_CATEGORY_ME;
}

size_t
glyph_next(const char *s, size_t len, struct glyph *g)
{
	const unsigned char c = (unsigned char)s[0];
	int32_t cp, next;
	utf8proc_int32_t state = 0;
	size_t n, i, count;
	int w;

	g->dotted = false;
	/* Fast path: printable ASCII not followed by anything that could extend it. */
	if (c > 0x20 && c < 0x7f && (len == 1 || (unsigned char)s[1] < 0x80)) {
		g->kind = GLYPH_TEXT;
		g->width = 1;
		g->out = s;
		g->outlen = 1;
		return g->len = 1;
	}
	if (c == '\n' || (c == '\r' && len > 1 && s[1] == '\n')) {
		g->kind = GLYPH_NEWLINE;
		g->width = 0;
		g->out = "";
		g->outlen = 0;
		return g->len = c == '\n' ? 1 : 2;
	}
	if (c == '\t') {
		g->kind = GLYPH_TAB;
		g->width = 0;
		g->out = "";
		g->outlen = 0;
		return g->len = 1;
	}
	n = utf8_decode(s, len, &cp);
	if (needs_placeholder(cp)) {
		set_placeholder(g, cp);
		return g->len = n;
	}
	if (is_break_space(cp)) {
		g->kind = GLYPH_SPACE;
		w = utf8proc_charwidth(cp);
		g->width = w < 1 ? 1 : w;
		g->out = "  ";
		g->outlen = (size_t)g->width;
		return g->len = n;
	}
	/* A grapheme cluster: the first code point and whatever extends it. */
	g->kind = GLYPH_TEXT;
	w = utf8proc_charwidth(cp);
	g->dotted = is_mark(cp);
	g->width = g->dotted ? 1 : (w < 0 ? 1 : w);
	i = n;
	count = 1;
	(void)utf8proc_grapheme_break_stateful(0, cp, &state);	/* prime the state */
	while (i < len && count < GLYPH_MAX_CODEPOINTS) {
		size_t m;

		if ((unsigned char)s[i] < 0x80 && s[i] != '\r')
			break;		/* ASCII never extends a cluster (CR LF is a newline) */
		m = utf8_decode(s + i, len - i, &next);
		if (next == UTF8_INVALID || needs_placeholder(next) || is_break_space(next))
			break;
		if (utf8proc_grapheme_break_stateful(cp, next, &state))
			break;
		cp = next;
		i += m;
		count++;
	}
	g->out = s;
	g->outlen = i;
	return g->len = i;
}

void
sanitize_append(struct buf *out, const char *s, size_t len, int flags)
{
	struct glyph g;
	size_t i = 0;
	bool space = false;

	while (i < len) {
		/* a run of printable ASCII goes out as it is */
		if ((unsigned char)s[i] > 0x20 && (unsigned char)s[i] < 0x7f) {
			size_t j = i + 1;

			while (j < len && (unsigned char)s[j] >= 0x20 && (unsigned char)s[j] < 0x7f &&
			    (s[j] != ' ' || !(flags & SAN_FOLD_SPACE) || s[j - 1] != ' '))
				j++;
			/* the last one may take combining marks: leave it to glyph_next() */
			if (j < len && (unsigned char)s[j] >= 0x80)
				j--;
			if (j > i) {
				buf_add(out, s + i, j - i);
				space = s[j - 1] == ' ';
				i = j;
				continue;
			}
		}
		i += glyph_next(s + i, len - i, &g);
		switch (g.kind) {
		case GLYPH_NEWLINE:
		case GLYPH_TAB:
			if (flags & SAN_KEEP_LINES) {
				buf_addc(out, g.kind == GLYPH_TAB ? '\t' : '\n');
				space = false;
				continue;
			}
			/* FALLTHROUGH */
		case GLYPH_SPACE:
			if ((flags & SAN_FOLD_SPACE) && space)
				continue;
			buf_addc(out, ' ');
			space = true;
			continue;
		case GLYPH_TEXT:
			if (g.dotted)
				buf_add(out, "\xe2\x97\x8c", 3);	/* U+25CC */
			break;
		case GLYPH_PLACEHOLDER:
			break;
		}
		buf_add(out, g.out, g.outlen);
		space = false;
	}
}

void
sanitize_appends(struct buf *out, const char *s, int flags)
{
	if (s != NULL)
		sanitize_append(out, s, strlen(s), flags);
}

size_t
sanitize_width(const char *s, size_t len)
{
	struct glyph g;
	size_t i = 0, w = 0;

	while (i < len) {
		i += glyph_next(s + i, len - i, &g);
		w += g.kind == GLYPH_TAB || g.kind == GLYPH_NEWLINE ? 1 : (size_t)g.width;
	}
	return w;
}
