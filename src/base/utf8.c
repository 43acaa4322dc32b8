/* utf8.c: strict UTF-8 decoding and encoding. */
#include "utf8.h"

#include <utf8proc.h>

#include "util.h"

size_t
utf8_decode(const char *str, size_t len, int32_t *cp)
{
	const unsigned char *s = (const unsigned char *)str;
	unsigned char c = s[0];
	unsigned char lo = 0x80, hi = 0xbf;
	size_t need, i;
	int32_t v;

	if (c < 0x80) {
		*cp = c;
		return 1;
	}
	if (c >= 0xc2 && c <= 0xdf) {
		need = 1;
		v = c & 0x1f;
	} else if (c >= 0xe0 && c <= 0xef) {
		need = 2;
		v = c & 0x0f;
		if (c == 0xe0)
			lo = 0xa0;		/* no overlongs */
		else if (c == 0xed)
			hi = 0x9f;		/* no surrogates */
	} else if (c >= 0xf0 && c <= 0xf4) {
		need = 3;
		v = c & 0x07;
		if (c == 0xf0)
			lo = 0x90;
		else if (c == 0xf4)
			hi = 0x8f;		/* nothing above U+10FFFF */
	} else {
		*cp = UTF8_INVALID;
		return 1;
	}
	for (i = 1; i <= need; i++) {
		if (i >= len || s[i] < lo || s[i] > hi) {
			*cp = UTF8_INVALID;
			return i;
		}
		v = (v << 6) | (s[i] & 0x3f);
		lo = 0x80;
		hi = 0xbf;
	}
	*cp = v;
	return need + 1;
}

size_t
utf8_encode(int32_t cp, char out[4])
{
	if (cp < 0x80) {
		out[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		out[0] = (char)(0xc0 | (cp >> 6));
		out[1] = (char)(0x80 | (cp & 0x3f));
		return 2;
	}
	if (cp < 0x10000) {
		out[0] = (char)(0xe0 | (cp >> 12));
		out[1] = (char)(0x80 | ((cp >> 6) & 0x3f));
		out[2] = (char)(0x80 | (cp & 0x3f));
		return 3;
	}
	out[0] = (char)(0xf0 | (cp >> 18));
	out[1] = (char)(0x80 | ((cp >> 12) & 0x3f));
	out[2] = (char)(0x80 | ((cp >> 6) & 0x3f));
	out[3] = (char)(0x80 | (cp & 0x3f));
	return 4;
}

bool
utf8_valid(const char *s, size_t len)
{
	size_t i = 0;
	int32_t cp;

	while (i < len) {
		if ((unsigned char)s[i] < 0x80) {
			i++;
			continue;
		}
		i += utf8_decode(s + i, len - i, &cp);
		if (cp == UTF8_INVALID)
			return false;
	}
	return true;
}

size_t
utf8_cut(const char *s, size_t len, size_t max)
{
	size_t n, back;

	if (len <= max)
		return len;
	n = max;
	/* step back over continuation bytes, at most three */
	for (back = 0; back < 3 && n > 0 && ((unsigned char)s[n] & 0xc0) == 0x80; back++)
		n--;
	return n;
}

/* The folded stand-in for a code point that is no letter: a space, "'", "-", or cp itself. */
static int32_t
fold_punct(int32_t cp)
{
	switch (cp) {
	case '.': case '_': case 0xa0: case 0x2007: case 0x202f:
		return ' ';
	case 0x2018: case 0x2019: case 0x02bc: case 0x2032: case '`': case 0xb4:
		return '\'';
	case 0x2010: case 0x2011: case 0x2012: case 0x2013: case 0x2014: case 0x2212:
		return '-';
	}
	if (cp < 0x80)
		return ascii_isspace(cp) ? ' ' : cp;
	if (utf8proc_category(cp) == UTF8PROC_CATEGORY_ZS)
		return ' ';
	return cp;
}

/* Append one folded code point, keeping spaces single and none at the start. */
static void
fold_put(struct buf *out, int32_t cp, size_t start)
{
	char enc[4];

	if (cp == ' ') {
		if (out->len > start && out->data[out->len - 1] != ' ')
			buf_addc(out, ' ');
		return;
	}
	buf_add(out, enc, utf8_encode(cp, enc));
}

void
utf8_fold(const char *s, size_t len, struct buf *out)
{
	size_t i = 0, start = out->len;

	buf_reserve(out, len + 1);
	while (i < len) {
		unsigned char c = (unsigned char)s[i];
		utf8proc_int32_t dec[32];
		utf8proc_ssize_t n, k;
		int last = 0;
		int32_t cp;

		if (c < 0x80) {
			cp = fold_punct(c);
			fold_put(out, cp == c ? ascii_tolower(c) : cp, start);
			i++;
			continue;
		}
		i += utf8_decode(s + i, len - i, &cp);
		if (cp == UTF8_INVALID)
			cp = 0xfffd;
		if (fold_punct(cp) != cp) {
			fold_put(out, fold_punct(cp), start);
			continue;
		}
		n = utf8proc_decompose_char(cp, dec, 32, UTF8PROC_CASEFOLD | UTF8PROC_DECOMPOSE |
		    UTF8PROC_COMPAT | UTF8PROC_STRIPMARK, &last);
		if (n < 0 || n > 32) {
			fold_put(out, cp, start);
			continue;
		}
		for (k = 0; k < n; k++)
			fold_put(out, fold_punct(dec[k]), start);
	}
	if (out->len > start && out->data[out->len - 1] == ' ')
		out->len--;
	if (out->data != NULL)
		out->data[out->len] = '\0';
}
