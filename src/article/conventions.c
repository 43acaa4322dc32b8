/*
 * conventions.c: dates in Jekyll file names, photos that web clippers put
 * in the body (see conventions.h).
 */
#include "conventions.h"

#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "article.h"
#include "util.h"

#define BODY_IMAGES_MAX	64

void
conventions_date_from_name(struct article *a)
{
	const char *base = strrchr(a->path, '/');
	char date[11];

	if (a->has_date || (a->flags & ARTICLE_BAD_DATE))
		return;
	base = base != NULL ? base + 1 : a->path;
	/* YYYY-MM-DD-, then at least one character of the slug */
	if (strlen(base) < 12 || base[10] != '-' || base[4] != '-' || base[7] != '-')
		return;
	memcpy(date, base, 10);
	date[10] = '\0';
	if (!article_parse_date(date, &a->date))
		return;
	a->has_date = true;
	a->sortkey = article_date_epoch(&a->date);
	a->date_text = arena_strdup(a->arena, date);
}

/* ---- captions and credits ---- */

/* The last case-insensitive occurrence of word in s[0..len) at a word start, or NULL. */
static const char *
last_label(const char *s, size_t len, const char *word)
{
	size_t wl = strlen(word), i;

	for (i = len >= wl ? len - wl + 1 : 0; i-- > 0;)
		if (ascii_strncasecmp(s + i, word, wl) == 0 &&
		    (i == 0 || !ascii_isalpha((unsigned char)s[i - 1])))
			return s + i;
	return NULL;
}

/*
 * Where a credit starts in caption s[0..len), and where it ends up (the
 * credit's text start in *from): "Photo: X", "Credit: X", "X/Agency" as the
 * last sentence or in closing brackets. NULL when there is no credit.
 */
static const char *
credit_start(const char *s, size_t len, const char **from)
{
	static const char *const labels[] = {
		"Photo:", "Photograph:", "Photo by ", "Photograph by ", "Credit:", "Image:",
		"Picture:", "Pictures:", "Source:",
	};
	const char *best = NULL, *p, *dot;
	size_t i, k;

	for (i = 0; i < sizeof labels / sizeof labels[0]; i++)
		if ((p = last_label(s, len, labels[i])) != NULL && (best == NULL || p > best)) {
			best = p;
			*from = p + strlen(labels[i]);
		}
	if (best != NULL)
		return best;
	/* "X/Agency": the last sentence, or what closing brackets hold */
	if (len > 0 && s[len - 1] == ')' && (p = memchr(s, '(', len)) != NULL) {
		while ((dot = memchr(p + 1, '(', len - (size_t)(p + 1 - s))) != NULL)
			p = dot;
		*from = p + 1;
		return memchr(p, '/', len - (size_t)(p - s)) != NULL ? p : NULL;
	}
	for (k = len; k > 1; k--)
		if ((s[k - 2] == '.' || s[k - 2] == '|') && s[k - 1] == ' ')
			break;
	p = k > 1 ? s + k : s;
	*from = p;
	if (p == s || len - (size_t)(p - s) > 60 || memchr(p, '/', len - (size_t)(p - s)) == NULL ||
	    memchr(p, ':', len - (size_t)(p - s)) != NULL)
		return NULL;
	return p;
}

void
article_split_credit(struct arena *arena, const char *text, const char **caption,
    const char **credit)
{
	size_t len = strlen(text), cl, crl;
	const char *s = ascii_trim(text, &len), *from = NULL, *at = credit_start(s, len, &from);
	const char *c;

	*caption = NULL;
	*credit = NULL;
	if (at == NULL) {
		*caption = len > 0 ? arena_strndup(arena, s, len) : NULL;
		return;
	}
	crl = len - (size_t)(from - s);
	c = ascii_trim(from, &crl);
	if (crl > 0 && c[crl - 1] == ')')
		crl--;
	/* a full stop, not an initial's ("Photo by Jane Doe." but "M. L.") */
	if (crl > 1 && c[crl - 1] == '.' && !(ascii_isupper((unsigned char)c[crl - 2]) &&
	    (crl == 2 || c[crl - 3] == ' ' || c[crl - 3] == '.')))
		crl--;
	*credit = crl > 0 ? arena_strndup(arena, c, crl) : NULL;
	/* the caption: what comes before, without the separator left over */
	cl = (size_t)(at - s);
	s = ascii_trim(s, &cl);
	while (cl > 0 && (s[cl - 1] == '(' || s[cl - 1] == '|' || s[cl - 1] == '-' ||
	    ascii_isspace((unsigned char)s[cl - 1])))
		cl--;
	*caption = cl > 0 ? arena_strndup(arena, s, cl) : NULL;
}

/* ---- images in the body ---- */

/*
 * Is line[0..len) (trimmed) one Markdown image "![alt](url)" or
 * "![alt](url "title")" and nothing else? Its parts then.
 */
static bool
image_line(const char *line, size_t len, const char **alt, size_t *altlen, const char **url,
    size_t *urllen)
{
	const char *close, *end;

	if (len < 5 || memcmp(line, "![", 2) != 0 || line[len - 1] != ')')
		return false;
	close = memchr(line + 2, ']', len - 2);
	if (close == NULL || close + 1 >= line + len || close[1] != '(')
		return false;
	*alt = line + 2;
	*altlen = (size_t)(close - line - 2);
	*url = close + 2;
	end = line + len - 1;
	*urllen = strcspn(*url, " \t\")");
	if (*url + *urllen > end)
		return false;
	if (memchr(*alt, '\n', *altlen) != NULL || *urllen == 0)
		return false;
	if ((*url)[0] == '<' && *urllen >= 2 && (*url)[*urllen - 1] == '>') {
		(*url)++;
		*urllen -= 2;
	}
	return true;
}

/* Is line[0..len) (trimmed) all one emphasis, *text* or _text_? Its inside then. */
static bool
italic_line(const char *line, size_t len, const char **in, size_t *inlen)
{
	char m;

	if (len < 3)
		return false;
	m = line[0];
	if ((m != '*' && m != '_') || line[len - 1] != m || line[1] == m || line[len - 2] == m ||
	    ascii_isspace((unsigned char)line[1]) || ascii_isspace((unsigned char)line[len - 2]))
		return false;
	*in = line + 1;
	*inlen = len - 2;
	return memchr(*in, m, *inlen) == NULL;	/* one span, not "*a* and *b*" */
}

/* The line at s (up to end): its trimmed text and where the next begins. */
static const char *
next_line(const char *s, const char *end, size_t *len, const char **next)
{
	const char *nl = memchr(s, '\n', (size_t)(end - s));

	*next = nl != NULL ? nl + 1 : end;
	*len = (size_t)((nl != NULL ? nl : end) - s);
	return ascii_trim(s, len);
}

/* Add one body image to a. */
static void
add_image(struct article *a, const char *alt, size_t altlen, const char *url, size_t urllen,
    const char *cap, size_t caplen, size_t hide_start, size_t hide_end)
{
	struct article_image *v, *im;
	char *text = arena_strndup(a->arena, cap, caplen);

	v = arena_calloc(a->arena, a->nimages + 1, sizeof *v);
	if (a->nimages > 0)
		memcpy(v, a->images, a->nimages * sizeof *v);
	a->images = v;
	im = &a->images[a->nimages++];
	article_split_credit(a->arena, text, &im->caption, &im->credit);
	alt = ascii_trim(alt, &altlen);
	if (altlen > 0 && (im->caption == NULL || strncmp(im->caption, alt, altlen) != 0))
		im->title = arena_strndup(a->arena, alt, altlen);
	im->path = arena_strndup(a->arena, url, urllen);
	im->hide_start = hide_start;
	im->hide_end = hide_end;
}

void
conventions_body_images(struct article *a)
{
	const char *s = a->body, *end = a->body + a->body_len, *next, *t, *after;
	size_t len, found = 0;

	if (!(a->flags & ARTICLE_MARKDOWN))
		return;
	while (s < end && found < BODY_IMAGES_MAX) {
		const char *alt, *url, *cap, *capline;
		size_t altlen, urllen, caplen;

		t = next_line(s, end, &len, &next);
		s = next;
		if (len == 0 || t[0] != '!' || !image_line(t, len, &alt, &altlen, &url, &urllen))
			continue;
		/* the caption line: the next one, or the one after a blank line */
		capline = next;
		t = next_line(capline, end, &len, &after);
		if (len == 0 && after < end) {
			capline = after;
			t = next_line(capline, end, &len, &after);
		}
		if (!italic_line(t, len, &cap, &caplen))
			continue;
		add_image(a, alt, altlen, url, urllen, cap, caplen, (size_t)(capline - a->body),
		    (size_t)(after - a->body));
		found++;
		s = after;
	}
}
