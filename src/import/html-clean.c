/*
 * html-clean.c: titles, authors, dates and credits as pages write them,
 * made into what an article file says (see html-int.h).
 */
#include <stdio.h>
#include <string.h>

#include "arena.h"
#include "article.h"
#include "html-int.h"
#include "import-int.h"
#include "utf8.h"
#include "util.h"

/* Bytes of a title looked at; words a name may have; bytes compared for similarity. */
#define CLEAN_MAX_TITLE		1024
#define CLEAN_MAX_NAME_WORDS	6
#define CLEAN_MAX_NAME		80
#define CLEAN_MAX_SIMILAR	1024

/* The next word of s[0..n) at or after *i (words split at spaces): [*w0, *w1); false at the end. */
static bool
clean_word(const char *s, size_t n, size_t *i, size_t *w0, size_t *w1)
{
	while (*i < n && s[*i] == ' ')
		(*i)++;
	*w0 = *i;
	while (*i < n && s[*i] != ' ')
		(*i)++;
	*w1 = *i;
	return *w1 > *w0;
}

/* Is w[0..len) one of list, ASCII case folded? */
static bool
clean_word_is(const char *w, size_t len, const char *const *list)
{
	for (; *list != NULL; list++)
		if (strlen(*list) == len && ascii_strncasecmp(w, *list, len) == 0)
			return true;
	return false;
}

/* Separators between a title and the site's name: " | ", " - ", " » "... */
static const char *const clean_seps[] = {
	" | ", " - ", " \xe2\x80\x93 ", " \xe2\x80\x94 ", " \\ ", " / ", " > ", " \xc2\xbb ",
	" \xc2\xb7 ", " :: ", " \xe2\x80\xa2 ", NULL,
};

/* Words in s (runs of non-spaces). */
static size_t
clean_words(const char *s, size_t len)
{
	size_t i, n = 0;
	bool in = false;

	for (i = 0; i < len; i++) {
		bool sp = s[i] == ' ';

		if (!sp && !in)
			n++;
		in = !sp;
	}
	return n;
}

/* Where the separator at s is, and its length; false when none is there. */
static bool
clean_sep_at(const char *s, size_t *seplen)
{
	size_t k;

	for (k = 0; clean_seps[k] != NULL; k++)
		if (strncmp(s, clean_seps[k], strlen(clean_seps[k])) == 0) {
			*seplen = strlen(clean_seps[k]);
			return true;
		}
	return false;
}

/* Find the first and last separators of t; false when it has none. */
static bool
clean_find_seps(const char *t, size_t *first, size_t *first_len, size_t *last,
    size_t *last_len, bool *hier)
{
	size_t i, n, len = strlen(t);
	bool any = false;

	*hier = false;
	for (i = 0; i < len; i++) {
		if (t[i] != ' ' || !clean_sep_at(t + i, &n))
			continue;
		if (!any) {
			*first = i;
			*first_len = n;
		}
		*last = i;
		*last_len = n;
		any = true;
		if (t[i + 1] == '\\' || t[i + 1] == '/' || t[i + 1] == '>' ||
		    (unsigned char)t[i + 1] == 0xc2)
			*hier = true;
	}
	return any;
}

/* Is there an <h1> or <h2> in the page whose text is t? */
static bool
clean_heading_is(struct hpage *pg, const char *t)
{
	xmlNodePtr root = pg->body, n;

	for (n = root; n != NULL; n = hdom_next(n, root, true)) {
		enum htag tag = hdom_tag(n);
		const char *h;

		if ((tag == H_H1 || tag == H_H2) && (h = hdom_text_line(pg, n)) != NULL &&
		    strcmp(h, t) == 0)
			return true;
	}
	return false;
}

/* The text of the page's only <h1>, or NULL when it has none or several. */
static const char *
clean_only_h1(struct hpage *pg)
{
	xmlNodePtr root = pg->body, n, h1 = NULL;

	for (n = root; n != NULL; n = hdom_next(n, root, true))
		if (hdom_tag(n) == H_H1) {
			if (h1 != NULL)
				return NULL;
			h1 = n;
		}
	return h1 != NULL ? hdom_text_line(pg, h1) : NULL;
}

/* A title "Site: Story": the part after a colon, unless a heading has it whole. */
static const char *
clean_title_colon(struct hpage *pg, const char *t)
{
	const char *first = strstr(t, ": "), *last = strrchr(t, ':'), *cur;

	if (clean_heading_is(pg, t))
		return t;
	cur = last + 1;
	while (*cur == ' ')
		cur++;
	if (clean_words(cur, strlen(cur)) < 3) {
		cur = first + 1;
		while (*cur == ' ')
			cur++;
	} else if (clean_words(t, (size_t)(first - t)) > 5) {
		cur = t;
	}
	return cur;
}

/* The name in the page's address ("theguardian" of www.theguardian.com), or NULL. */
static const char *
clean_host_label(struct hpage *pg)
{
	const char *u = pg->location != NULL ? pg->location : pg->meta.url, *p, *e;

	if (u == NULL || (p = strstr(u, "://")) == NULL)
		return NULL;
	p += 3;
	if (strncmp(p, "www.", 4) == 0)
		p += 4;
	for (e = p; *e != '\0' && *e != '.' && *e != '/' && *e != ':'; e++)
		continue;
	return *e == '.' && e - p >= 3 ? arena_strndup(pg->imp->arena, p, (size_t)(e - p)) : NULL;
}

const char *
hclean_title(struct hpage *pg, const char *title, const char *site)
{
	const char *t, *cur, *h1;
	size_t first = 0, flen = 0, last = 0, llen = 0, len;
	bool hier = false, seps;

	if (title == NULL)
		return NULL;
	t = imported_text(pg->imp, title, strnlen(title, CLEAN_MAX_TITLE), 0);
	if (t == NULL)
		return NULL;
	if (site != NULL && (cur = hclean_title_site(pg, t, site)) != t)
		return cur;
	if ((cur = hclean_title_site(pg, t, clean_host_label(pg))) != t)
		return cur;
	len = strlen(t);
	cur = t;
	if ((seps = clean_find_seps(t, &first, &flen, &last, &llen, &hier))) {
		cur = arena_strndup(pg->imp->arena, t, last);
		if (clean_words(cur, strlen(cur)) < 3)
			cur = t + first + flen;
	} else if (strstr(t, ": ") != NULL) {
		cur = clean_title_colon(pg, t);
	} else if ((len > 150 || len < 15) && (h1 = clean_only_h1(pg)) != NULL) {
		cur = h1;
	}
	cur = imported_line(pg->imp, cur);
	if (cur == NULL)
		return t;
	if (clean_words(cur, strlen(cur)) <= 4 && (!hier || !seps ||
	    clean_words(cur, strlen(cur)) != clean_words(t, len) - 2))
		return t;
	return cur;
}

/* Words too common to stand for a site's name ("The" of "The Gazette"). */
static const char *const clean_common[] = {
	"the", "news", "daily", "times", "post", "online", "today", "new", "my", "home", NULL,
};

/* Append s[0..n) to b folded for comparing names: lower case, letters and digits only. */
static void
clean_squeeze(struct buf *b, const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (ascii_isalpha((unsigned char)s[i]) || ascii_isdigit((unsigned char)s[i]) ||
		    (unsigned char)s[i] >= 0x80)
			buf_addc(b, (char)ascii_tolower((unsigned char)s[i]));
	buf_addc(b, '\0');
}

/*
 * Is a[0..n) the site's name: the same letters and digits as site, or the
 * start of it, or it the start of a[0..n) ("BBC" and "BBC News"), three
 * letters at least?
 */
static bool
clean_is_site(const char *a, size_t n, const char *site)
{
	struct buf fa = BUF_INIT, fs = BUF_INIT;
	size_t la, ls;
	bool r;

	clean_squeeze(&fa, a, n);
	clean_squeeze(&fs, site, strlen(site));
	la = strlen(fa.data);
	ls = strlen(fs.data);
	r = la >= 3 && ls >= 3 && (strcmp(fa.data, fs.data) == 0 ||
	    (strncmp(fa.data, fs.data, la < ls ? la : ls) == 0 &&
	    !clean_word_is(la < ls ? fa.data : fs.data, la < ls ? la : ls, clean_common)));
	buf_free(&fa);
	buf_free(&fs);
	return r;
}

const char *
hclean_title_site(struct hpage *pg, const char *title, const char *site)
{
	size_t i, n, len = strlen(title);

	if (site == NULL || title == NULL)
		return title;
	for (i = 0; i < len; i++) {
		if (title[i] != ' ' || !clean_sep_at(title + i, &n))
			continue;
		/* "Story | Site" */
		if (i > 0 && clean_is_site(title + i + n, len - i - n, site))
			return arena_strndup(pg->imp->arena, title, i);
		/* "Site | Story" */
		if (i + n < len && clean_is_site(title, i, site))
			return title + i + n;
	}
	return title;
}

/* Does s (length n) start with word w (lower case, then a space or the end)? */
static bool
clean_starts_word(const char *s, size_t n, const char *w)
{
	size_t k = strlen(w);

	return n >= k && ascii_strncasecmp(s, w, k) == 0 && (n == k || s[k] == ' ' ||
	    s[k] == ':');
}

/* Cut a leading "By", "Written by", "Par"... off [*s, *s + *n). */
static void
clean_by(const char **s, size_t *n)
{
	static const char *const by[] = {
		"written by", "words by", "story by", "reporting by", "posted by", "text by",
		"by", "von", "par", "por", "di", "door", "av", "af", "przez", "от", NULL,
	};
	size_t k;

	for (k = 0; by[k] != NULL; k++)
		if (clean_starts_word(*s, *n, by[k])) {
			*s += strlen(by[k]);
			*n -= strlen(by[k]);
			while (*n > 0 && (**s == ' ' || **s == ':'))
				(*s)++, (*n)--;
			return;
		}
}

/* s[0..end) without the month and day names at its end ("Ann Lee March" of a date cut off). */
static size_t
clean_drop_date_words(const char *s, size_t end)
{
	static const char *const words[] = {
		"january", "february", "march", "april", "may", "june", "july", "august",
		"september", "october", "november", "december", "jan", "feb", "mar", "apr",
		"jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "monday", "tuesday",
		"wednesday", "thursday", "friday", "saturday", "sunday", "on", NULL,
	};
	size_t w;

	for (;;) {
		while (end > 0 && (s[end - 1] == ' ' || s[end - 1] == ','))
			end--;
		for (w = end; w > 0 && s[w - 1] != ' '; w--)
			continue;
		if (w == 0 || !clean_word_is(s + w, end - w, words))
			return end;
		end = w;
	}
}

/* Where the names of a byline end: before "|", "Updated", a date, an address... */
static size_t
clean_names_end(const char *s, size_t n)
{
	static const char *const stops[] = {
		" | ", " \xe2\x80\x94 ", " \xe2\x80\x93 ", " - ", "\xc2\xb7", "\xe2\x80\xa2",
		"last updated", "updated", "published", "posted", " on ", " at ", " for the ",
		" in ", "http", "www.", "@", "(", NULL,
	};
	size_t i, k, end = n;

	for (k = 0; stops[k] != NULL; k++)
		for (i = 0; i + strlen(stops[k]) <= end; i++)
			if (ascii_strncasecmp(s + i, stops[k], strlen(stops[k])) == 0) {
				end = i;
				break;
			}
	for (i = 0; i < end; i++)
		if (ascii_isdigit((unsigned char)s[i])) {
			while (i > 0 && s[i - 1] != ' ')
				i--;	/* "CC7567" is no name either */
			end = i;
			break;
		}
	return clean_drop_date_words(s, end);
}

/* Words of the roles a byline adds after a name ("Ann Lee, Senior Staff Writer"). */
static const char *const clean_role_words[] = {
	"writer", "writers", "editor", "editors", "correspondent", "correspondents", "reporter",
	"reporters", "contributor", "contributors", "contributing", "columnist", "staff",
	"journalist", "photographer", "producer", "analyst", "critic", "bureau", "desk",
	"team", "senior", "chief", "deputy", "associate", "special", "national",
	"international", "political", "business", "science", "health", "sports", "news",
	"managing", "executive", "lead", "digital", "assistant", "freelance", "guest",
	"more", "by", "read", "follow", "email", "twitter", "profile", "on", "at", "the",
	"of", "for", "and", "a", "an", "all", "posts", "articles", "stories", "view", "see",
	"about", "author", "bio", NULL,
};

/* Is s[0..n) only role words ("Staff Writer", "Follow"): no name? */
static bool
clean_role(const char *s, size_t n)
{
	size_t i = 0, w0, w1;

	while (clean_word(s, n, &i, &w0, &w1))
		if (!clean_word_is(s + w0, w1 - w0, clean_role_words))
			return false;
	return true;
}

/* Add the name s[0..n) (trimmed of spaces and punctuation) to m when it is one. */
static void
clean_add_name(struct hpage *pg, struct hmeta *m, const char *s, size_t n)
{
	char *name;

	while (n > 0 && (*s == ' ' || *s == ',' || *s == ';' || *s == ':' || *s == '-'))
		s++, n--;
	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == ',' || s[n - 1] == '.' ||
	    s[n - 1] == ';' || s[n - 1] == ':' || s[n - 1] == '-'))
		n--;
	clean_by(&s, &n);
	if (n == 0 || n > CLEAN_MAX_NAME || clean_role(s, n))
		return;
	name = xstrndup(s, n);
	hmeta_add_author(pg, m, name);
	free(name);
}

/* Is s[i..) a separator between two names (",", " and ", " & "...)? Its length, or 0. */
static size_t
clean_name_sep(const char *s, size_t n, size_t i)
{
	static const char *const seps[] = {
		" edited by ", " photographs by ", " photos by ", " illustrations by ",
		" with ", ", and ", " and ", " & ", " und ", " et ", " y ", " e ", " og ",
		" en ", " och ", ", ", ",", ";", " / ", "/", "\xe3\x80\x81", NULL,
	};
	size_t k, len;

	for (k = 0; seps[k] != NULL; k++) {
		len = strlen(seps[k]);
		if (i + len <= n && ascii_strncasecmp(s + i, seps[k], len) == 0)
			return len;
	}
	return 0;
}

void
hclean_authors(struct hpage *pg, struct hmeta *m, const char *raw)
{
	const char *s = imported_line(pg->imp, raw);
	size_t n, i, start = 0, k;

	if (s == NULL)
		return;
	n = strlen(s);
	clean_by(&s, &n);
	n = clean_names_end(s, n);
	for (i = 0; i < n; i++) {
		if ((k = clean_name_sep(s, n, i)) == 0)
			continue;
		clean_add_name(pg, m, s + start, i - start);
		i += k - 1;
		start = i + 1;
	}
	clean_add_name(pg, m, s + start, n - start);
}

bool
hclean_is_name(const char *name)
{
	size_t len = strlen(name), words = clean_words(name, len), i;
	bool letter = false;

	if (len == 0 || len > CLEAN_MAX_NAME || words > CLEAN_MAX_NAME_WORDS ||
	    strstr(name, "://") != NULL || strchr(name, '@') != NULL)
		return false;
	for (i = 0; i < len; i++)
		if (ascii_isalpha((unsigned char)name[i]) || (unsigned char)name[i] >= 0x80)
			letter = true;
	return letter;
}

/* Does s start with YYYY-MM-DD? */
static bool
clean_iso_start(const char *s)
{
	int i;

	for (i = 0; i < 10; i++)
		if (i == 4 || i == 7 ? s[i] != '-' : !ascii_isdigit((unsigned char)s[i]))
			return false;
	return true;
}

/* d written in ISO 8601 ("2022-03-04", "2022-03-04T09:30:00+01:00"), in the arena. */
static const char *
clean_iso(struct hpage *pg, const struct article_date *d)
{
	char out[40];
	int tz = d->tz_min < 0 ? -d->tz_min : d->tz_min;

	if (!d->has_time)
		snprintf(out, sizeof out, "%04d-%02d-%02d", d->year, d->month, d->day);
	else if (!d->has_tz)
		snprintf(out, sizeof out, "%04d-%02d-%02dT%02d:%02d:%02d", d->year, d->month, d->day,
		    d->hour, d->min, d->sec);
	else
		snprintf(out, sizeof out, "%04d-%02d-%02dT%02d:%02d:%02d%c%02d:%02d", d->year,
		    d->month, d->day, d->hour, d->min, d->sec, d->tz_min < 0 ? '-' : '+', tz / 60,
		    tz % 60);
	return arena_strdup(pg->imp->arena, out);
}

const char *
hclean_find_date(struct hpage *pg, const char *text)
{
	struct article_date d;
	size_t n, i = 0, w0, w1, j, e0, ends[6], k, len;
	char buf[80];

	if (text == NULL || (n = strlen(text)) > 200)
		return NULL;
	/* the longest run of up to six words from the first place that reads as a date */
	while (clean_word(text, n, &i, &w0, &w1)) {
		for (j = w0, k = 0; k < 6 && clean_word(text, n, &j, &e0, &ends[k]); k++)
			continue;
		while (k-- > 0) {
			for (len = ends[k] - w0; len > 0 && (text[w0 + len - 1] == ',' ||
			    text[w0 + len - 1] == '.'); len--)
				continue;
			if (len == 0 || len >= sizeof buf)
				continue;
			memcpy(buf, text + w0, len);
			buf[len] = '\0';
			if (article_parse_date(buf, &d))
				return clean_iso(pg, &d);
		}
	}
	return NULL;
}

const char *
hclean_date(struct hpage *pg, const char *s)
{
	struct article_date d;

	if (s == NULL || (s = imported_line(pg->imp, s)) == NULL || strlen(s) > 64)
		return NULL;
	if (article_parse_date(s, &d))
		return clean_iso_start(s) ? s : clean_iso(pg, &d);
	if (clean_iso_start(s)) {
		/* fractions of a second, or something else after a valid date */
		char *t = arena_strdup(pg->imp->arena, s), *dot = strchr(t, '.');

		if (dot != NULL && dot > t + 10) {
			size_t k = 1;

			while (ascii_isdigit((unsigned char)dot[k]))
				k++;
			memmove(dot, dot + k, strlen(dot + k) + 1);
			if (article_parse_date(t, &d))
				return t;
		}
		t[10] = '\0';
		return article_parse_date(t, &d) ? t : NULL;
	}
	return NULL;
}

/* Labels that start a credit: "Photo: X", "Credit: X" (lower case, with what follows). */
static const char *const clean_credit_labels[] = {
	"photograph by ", "photographs by ", "photography by ", "photo by ", "photos by ",
	"image by ", "picture by ", "illustration by ", "video by ", "foto: ", "bild: ",
	"photograph: ", "photographs: ", "photography: ", "photo: ", "photos: ", "image: ",
	"images: ", "picture: ", "pictures: ", "illustration: ", "video: ", "credit: ",
	"credits: ", "image credit: ", "photo credit: ", "source: ", "courtesy of ",
	"courtesy: ", "copyright ", "\xc2\xa9", "(c) ", NULL,
};

/* Agencies a parenthesised credit names, lower case. */
static const char *const clean_agencies[] = {
	"getty", "reuters", "afp", "ap photo", "associated press", "epa", "shutterstock",
	"istock", "alamy", "pa media", "pa wire", "bloomberg", "ansa", "dpa", "xinhua",
	"courtesy", "handout", "file photo", "photo", "image", "credit", "\xc2\xa9", NULL,
};

/* The label of clean_credit_labels at s, or NULL. */
static const char *
clean_label_at(const char *s)
{
	size_t k;

	for (k = 0; clean_credit_labels[k] != NULL; k++)
		if (ascii_strncasecmp(s, clean_credit_labels[k],
		    strlen(clean_credit_labels[k])) == 0)
			return clean_credit_labels[k];
	return NULL;
}

/* Is every word of s[0..n) capitalised (or a particle such as "of", "via"), five at most? */
static bool
clean_all_capitals(const char *s, size_t n)
{
	static const char *const particles[] = { "of", "via", "for", "de", "and", "the", NULL };
	size_t i = 0, w0, w1, words = 0;

	while (clean_word(s, n, &i, &w0, &w1)) {
		if (!ascii_isupper((unsigned char)s[w0]) && !clean_word_is(s + w0, w1 - w0, particles))
			return false;
		words++;
	}
	return words > 0 && words <= 5;
}

/* A trailing "(Getty Images)": its start, or -1. */
static long
clean_paren_credit(const char *s, size_t len)
{
	const char *open;
	char *low;
	size_t k;
	bool hit = false;

	if (len < 3 || s[len - 1] != ')')
		return -1;
	for (open = s + len - 2; open > s && *open != '('; open--)
		continue;
	if (*open != '(' || s + len - open > 120 || open == s)
		return -1;
	low = xstrndup(open, (size_t)(s + len - open));
	for (k = 0; low[k] != '\0'; k++)
		low[k] = (char)ascii_tolower((unsigned char)low[k]);
	for (k = 0; clean_agencies[k] != NULL && !hit; k++)
		hit = strstr(low, clean_agencies[k]) != NULL;
	if (!hit)
		hit = credit_find_slash(low + 1) >= 0 || strchr(low, '/') != NULL;
	free(low);
	/* "(Example Agency)": capitalised words after a whole sentence */
	if (!hit && open > s + 1 && (open[-2] == '.' || open[-2] == '!' || open[-2] == '?'))
		hit = clean_all_capitals(open + 1, (size_t)(s + len - open) - 2);
	return hit ? (long)(open - s) : -1;
}

/* The first credit label at a word's start in s: its start, or -1. */
static long
clean_label_credit(const char *s, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		if ((i == 0 || s[i - 1] == ' ' || s[i - 1] == '(' || s[i - 1] == '|') &&
		    clean_label_at(s + i) != NULL)
			return (long)i;
	return -1;
}

const char *
hclean_credit(struct hpage *pg, const char *caption, const char **credit)
{
	size_t len, cut;
	long at;
	const char *c, *label;

	*credit = NULL;
	if (caption == NULL)
		return NULL;
	len = strlen(caption);
	if ((at = clean_paren_credit(caption, len)) >= 0) {
		c = caption + at + 1;
		*credit = imported_text(pg->imp, c, len - (size_t)at - 2, 0);
	} else if ((at = clean_label_credit(caption, len)) >= 0) {
		c = caption + at;
		label = clean_label_at(c);
		if (strcmp(label, "\xc2\xa9") != 0 && strcmp(label, "(c) ") != 0 &&
		    strcmp(label, "copyright ") != 0)
			c += strlen(label);
		*credit = imported_line(pg->imp, c);
	} else if ((at = credit_find_slash(caption)) >= 0) {
		*credit = imported_line(pg->imp, caption + at);
	} else {
		return caption;
	}
	cut = (size_t)at;
	while (cut > 0 && (caption[cut - 1] == ' ' || caption[cut - 1] == '|' ||
	    caption[cut - 1] == '-' || caption[cut - 1] == '(' || caption[cut - 1] == '/'))
		cut--;
	return imported_text(pg->imp, caption, cut, 0);
}

/* Append the lower-case letters and digits of s, words separated by one space, to b. */
static void
clean_fold(struct buf *b, const char *s)
{
	size_t i, n, len = strnlen(s, CLEAN_MAX_SIMILAR);
	int32_t cp;

	for (i = 0; i < len; i += n) {
		n = utf8_decode(s + i, len - i, &cp);
		if (cp >= 0x80 || ascii_isalpha(cp) || ascii_isdigit(cp)) {
			if (cp < 0x80)
				buf_addc(b, (char)ascii_tolower(cp));
			else if (cp != 0x2019 && cp != 0xa0)
				buf_add(b, s + i, n);
			else if (cp == 0xa0 && b->len > 0 && b->data[b->len - 1] != ' ')
				buf_addc(b, ' ');
		} else if (cp != '\'' && b->len > 0 && b->data[b->len - 1] != ' ') {
			buf_addc(b, ' ');
		}
	}
	while (b->len > 0 && b->data[b->len - 1] == ' ')
		b->len--;
	buf_reserve(b, 1);
	b->data[b->len] = '\0';
}

bool
hclean_same(const char *a, const char *b)
{
	struct buf fa = BUF_INIT, fb = BUF_INIT;
	bool same;

	clean_fold(&fa, a);
	clean_fold(&fb, b);
	same = strcmp(fa.data, fb.data) == 0;
	buf_free(&fa);
	buf_free(&fb);
	return same;
}

double
hclean_similar(const char *a, const char *b)
{
	struct buf fa = BUF_INIT, fb = BUF_INIT, key = BUF_INIT;
	size_t total = 0, missing = 0;
	char *w, *save = NULL;
	double r;

	buf_addc(&fa, ' ');
	clean_fold(&fa, a);
	buf_addc(&fa, ' ');
	clean_fold(&fb, b);
	for (w = strtok_r(fb.data, " ", &save); w != NULL; w = strtok_r(NULL, " ", &save)) {
		buf_reset(&key);
		buf_addc(&key, ' ');
		buf_adds(&key, w);
		buf_addc(&key, ' ');
		total += strlen(w) + 1;
		if (strstr(fa.data, key.data) == NULL)
			missing += strlen(w) + 1;
	}
	r = total == 0 ? 0 : 1.0 - (double)missing / (double)total;
	buf_free(&fa);
	buf_free(&fb);
	buf_free(&key);
	return r;
}
