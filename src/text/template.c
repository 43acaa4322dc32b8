/*
 * template.c: finding Liquid tags and Hugo shortcodes in a body (template.h).
 *
 * Every byte is looked at a bounded number of times: a search for a closing
 * "%}" or "}}" that fails remembers how far it looked (or the blank line
 * that stopped it), so the openers after it do not look again.
 */
#include "template.h"

#include <stdlib.h>
#include <string.h>

#include "util.h"

#define DETECT_MAX	(256 * 1024)

struct tscan {
	const char	*t;
	size_t		 len;
	size_t		 clear[2];	/* no closer (kind k) was found before clear[k] */
	size_t		 blank[2];	/* a blank line at blank[k] ends every tag opened before */
	bool		 no_end[2];	/* no endcomment, no endraw after here */
	struct span	*v;
	size_t		 n, cap;
};

/* Does a blank line start after the newline at t[j]? */
static bool
blank_after(const char *t, size_t len, size_t j)
{
	for (j++; j < len && (t[j] == ' ' || t[j] == '\t' || t[j] == '\r'); j++)
		;
	return j < len && t[j] == '\n';
}

/* The end of the tag opened at i ("{%": kind 0, "{{": kind 1), or 0 when it is not closed. */
static size_t
tag_close(struct tscan *s, size_t i, int k)
{
	const char c0 = k == 0 ? '%' : '}';
	size_t j = i + 2, limit = s->len - i > TEMPLATE_MAX_TAG ? i + TEMPLATE_MAX_TAG : s->len;

	if (i < s->blank[k])
		return 0;
	if (j < s->clear[k])
		j = s->clear[k];
	for (; j + 1 < limit; j++) {
		if (s->t[j] == '\n' && blank_after(s->t, s->len, j)) {
			s->blank[k] = j;
			return 0;
		}
		if (s->t[j] == c0 && s->t[j + 1] == '}')
			return j + 2;
	}
	s->clear[k] = j;
	return 0;
}

/* Hide [a, b); a tag alone on its line takes the line with it. */
static void
hide(struct tscan *s, size_t a, size_t b)
{
	const char *t = s->t;
	size_t ls = a, e = b;

	while (ls > 0 && (t[ls - 1] == ' ' || t[ls - 1] == '\t'))
		ls--;
	if (ls == 0 || t[ls - 1] == '\n') {
		while (e < s->len && (t[e] == ' ' || t[e] == '\t' || t[e] == '\r'))
			e++;
		if (e == s->len || t[e] == '\n') {
			a = ls;
			b = e < s->len ? e + 1 : e;
		}
	}
	if (s->n > 0 && a < s->v[s->n - 1].end)
		a = s->v[s->n - 1].end;
	if (a >= b)
		return;
	ARRAY_GROW(s->v, s->n + 1, s->cap);
	s->v[s->n].start = a;
	s->v[s->n].end = b;
	s->n++;
}

/* The first word of the Liquid tag at t[i] ("{%- comment -%}": "comment"). */
static bool
tag_is(const struct tscan *s, size_t i, size_t end, const char *word)
{
	size_t wl = strlen(word);

	for (i += 2; i < end && (s->t[i] == '-' || s->t[i] == ' ' || s->t[i] == '\t'); i++)
		;
	return end - i >= wl && memcmp(s->t + i, word, wl) == 0 &&
	    (end - i == wl || !ascii_isalpha((unsigned char)s->t[i + wl]));
}

/* The next Liquid tag from `from` whose word is word: its start, and end in *end; 0 if none. */
static size_t
find_tag(struct tscan *s, size_t from, const char *word, size_t *end)
{
	size_t i;

	for (i = from; i + 1 < s->len; i++) {
		if (s->t[i] != '{' || s->t[i + 1] != '%')
			continue;
		*end = tag_close(s, i, 0);
		if (*end != 0 && tag_is(s, i, *end, word))
			return i;
	}
	return 0;
}

/*
 * After "{% comment %}" (kind 0) or "{% raw %}" (kind 1) ending at end:
 * hide up to the end of the closing tag, or only that closing tag (raw:
 * the text between is kept). Returns where scanning goes on.
 */
static size_t
block_tag(struct tscan *s, size_t start, size_t end, int kind)
{
	size_t at = 0, close = 0;

	if (!s->no_end[kind])
		at = find_tag(s, end, kind == 0 ? "endcomment" : "endraw", &close);
	if (at == 0) {
		s->no_end[kind] = true;		/* none later either: never look again */
		hide(s, start, end);
		return end;
	}
	if (kind == 0) {
		hide(s, start, close);
	} else {
		hide(s, start, end);
		hide(s, at, close);
	}
	return close;
}

size_t
template_spans(const char *text, size_t len, struct span **out)
{
	struct tscan s;
	size_t i, end;

	memset(&s, 0, sizeof s);
	s.t = text;
	s.len = len;
	for (i = 0; i + 1 < len; i++) {
		int k;

		if (text[i] != '{' || (text[i + 1] != '%' && text[i + 1] != '{'))
			continue;
		k = text[i + 1] == '%' ? 0 : 1;
		if ((end = tag_close(&s, i, k)) == 0)
			continue;
		if (k == 0 && (tag_is(&s, i, end, "comment") || tag_is(&s, i, end, "raw"))) {
			i = block_tag(&s, i, end, tag_is(&s, i, end, "comment") ? 0 : 1) - 1;
			continue;
		}
		hide(&s, i, end);
		i = end - 1;
	}
	*out = s.v;
	return s.n;
}

bool
template_detect(const char *text, size_t len)
{
	struct span *v;
	size_t n;

	if (len > DETECT_MAX)
		len = DETECT_MAX;
	n = template_spans(text, len, &v);
	free(v);
	return n > 0;
}
