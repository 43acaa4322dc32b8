/*
 * fold.c: smart-case, accent-smart matching with utf8proc (see fold.h).
 *
 * Each character of the text is folded on the fly, as the pattern was:
 * canonically decomposed, then case-folded and stripped of its marks when
 * the pattern leaves those free. ASCII takes a short cut (its folding is
 * ascii_tolower or nothing), so an English text costs a table look-up a byte.
 */
#include "fold.h"

#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "utf8.h"
#include "util.h"

/* The most code points one character folds to (utf8proc's own bound is 4 for NFD + casefold). */
#define FOLD_MAX	18

/* Fold cp with opts into out (FOLD_MAX entries); returns how many code points. */
static size_t
fold_cp(int32_t cp, int opts, int32_t *out)
{
	utf8proc_ssize_t n;
	int last = 0;

	if (cp >= 0 && cp < 0x80) {
		out[0] = (opts & UTF8PROC_CASEFOLD) ? ascii_tolower(cp) : cp;
		return 1;
	}
	if (cp < 0)
		cp = 0xfffd;
	n = utf8proc_decompose_char(cp, out, FOLD_MAX, (utf8proc_option_t)opts, &last);
	if (n < 0 || n > FOLD_MAX) {
		out[0] = cp;
		return 1;
	}
	return (size_t)n;
}

/* Does cp's decomposition hold a mark (an accent)? */
static bool
has_mark(int32_t cp)
{
	int32_t a[FOLD_MAX], b[FOLD_MAX];
	size_t na = fold_cp(cp, UTF8PROC_DECOMPOSE, a);
	size_t nb = fold_cp(cp, UTF8PROC_DECOMPOSE | UTF8PROC_STRIPMARK, b);

	return na != nb || memcmp(a, b, na * sizeof *a) != 0;
}

void
fold_compile(struct fold_pat *p, const char *pattern, size_t len)
{
	size_t i = 0, n, k;
	int32_t cp, buf[FOLD_MAX];

	memset(p, 0, sizeof *p);
	/* which parts are exact: any capital, any accent */
	while (i < len) {
		i += utf8_decode(pattern + i, len - i, &cp);
		if (cp < 0)
			continue;
		if (utf8proc_tolower(cp) != cp)
			p->exact_case = true;
		if (cp >= 0x80 && has_mark(cp))
			p->exact_marks = true;
	}
	p->opts = UTF8PROC_DECOMPOSE;
	if (!p->exact_case)
		p->opts |= UTF8PROC_CASEFOLD;
	if (!p->exact_marks)
		p->opts |= UTF8PROC_STRIPMARK;
	p->cp = xcalloc(len * FOLD_MAX + 1, sizeof *p->cp);
	for (i = 0; i < len;) {
		i += utf8_decode(pattern + i, len - i, &cp);
		n = fold_cp(cp, p->opts, buf);
		for (k = 0; k < n; k++)
			p->cp[p->n++] = buf[k];
	}
}

void
fold_free(struct fold_pat *p)
{
	free(p->cp);
	memset(p, 0, sizeof *p);
}

/* The code point at text[i] (U+FFFD for a bad byte) and its length in *step. */
static int32_t
cp_at(const char *text, size_t len, size_t i, size_t *step)
{
	int32_t cp;
	unsigned char c = (unsigned char)text[i];

	if (c < 0x80) {
		*step = 1;
		return c;
	}
	*step = utf8_decode(text + i, len - i, &cp);
	return cp < 0 ? 0xfffd : cp;
}

/* Does a match start at text[i]? Its length in *mlen. */
static bool
match_at(const struct fold_pat *p, const char *text, size_t len, size_t i, size_t *mlen)
{
	int32_t buf[FOLD_MAX];
	size_t k = 0, j = i, step, n;

	while (k < p->n) {
		if (j >= len)
			return false;
		n = fold_cp(cp_at(text, len, j, &step), p->opts, buf);
		if (n == 0 && k == 0)
			return false;	/* a stripped mark does not start a match */
		if (n > p->n - k || memcmp(buf, p->cp + k, n * sizeof *buf) != 0)
			return false;
		k += n;
		j += step;
	}
	/* the marks that fold to nothing after the last character belong to it */
	while (j < len && (unsigned char)text[j] >= 0x80 &&
	    fold_cp(cp_at(text, len, j, &step), p->opts, buf) == 0)
		j += step;
	*mlen = j - i;
	return true;
}

/* Could a match start at text[i]? A quick test of the first byte for ASCII. */
static bool
may_start(const struct fold_pat *p, unsigned char c)
{
	if (c >= 0x80)
		return true;
	return ((p->opts & UTF8PROC_CASEFOLD) ? ascii_tolower(c) : c) == p->cp[0];
}

size_t
fold_find(const struct fold_pat *p, const char *text, size_t len, size_t from, size_t *mlen)
{
	size_t i;

	if (p->n == 0)
		return SIZE_MAX;
	for (i = from; i < len; i++) {
		unsigned char c = (unsigned char)text[i];

		if ((c & 0xc0) == 0x80)
			continue;	/* inside a character */
		if (may_start(p, c) && match_at(p, text, len, i, mlen))
			return i;
	}
	return SIZE_MAX;
}

size_t
fold_find_back(const struct fold_pat *p, const char *text, size_t len, size_t before,
    size_t *mlen)
{
	size_t i;

	if (p->n == 0)
		return SIZE_MAX;
	if (before > len)
		before = len;
	for (i = before; i-- > 0;) {
		unsigned char c = (unsigned char)text[i];

		if ((c & 0xc0) == 0x80)
			continue;
		if (may_start(p, c) && match_at(p, text, len, i, mlen))
			return i;
	}
	return SIZE_MAX;
}

bool
fold_contains(const struct fold_pat *p, const char *s)
{
	size_t mlen;

	return s != NULL && fold_find(p, s, strlen(s), 0, &mlen) != SIZE_MAX;
}
