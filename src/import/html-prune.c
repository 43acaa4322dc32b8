/*
 * html-prune.c: what is never the article, taken out of the page before
 * the scoring (see html-int.h).
 *
 * Always: comments, scripts, styles, templates, embedded objects, form
 * controls, navigation, asides, footers, dialogs, and hidden elements (the
 * hidden attribute, aria-hidden="true", display:none, visibility:hidden).
 * <noscript> is unwrapped only where its text is no copy of the page's:
 * an image in it takes the place of the lazy-loading placeholder before
 * it. Then the byline element (its text saved for the authors), the
 * heading that repeats the title, and, while the first attempt lasts, the
 * unlikely candidates: blocks whose class or id say navigation, comments,
 * sidebar, share, newsletter, related... unless they also say article,
 * content, main or body.
 */
#include <string.h>

#include "html-int.h"
#include "strmap.h"
#include "util.h"

/* Longest byline element text, in characters; elements looked at for it. */
#define PRUNE_MAX_BYLINE	100
#define PRUNE_MAX_TRIES		20

/* Class or id fragments of what is not the article (lower case). */
static const char *const prune_unlikely_hints[] = {
	"-ad-", "ai2html", "banner", "breadcrumbs", "combx", "comment", "community",
	"cover-wrap", "disqus", "extra", "footer", "gdpr", "header", "legends", "menu",
	"related", "remark", "replies", "rss", "shoutbox", "sidebar", "skyscraper", "social",
	"sponsor", "supplemental", "ad-break", "agegate", "pagination", "pager", "popup",
	"yom-remote", NULL,
};

/* Words of a class (whole) that say the same. */
static const char *const prune_unlikely_tokens[] = {
	"newsletter", "subscribe", "subscription", "cookie", "consent", "share", "sharing",
	"mostread", "mostpopular", "recommended", "recommendations", "trending", "outbrain",
	"taboola", "readmore", "signup", "paywall-promo", "promo", "related", NULL,
};

/* ... unless they also say one of these. */
static const char *const prune_maybe_hints[] = {
	"and", "article", "body", "column", "content", "main", "shadow", NULL,
};

/* Hints of content and of clutter for the class weight. */
static const char *const prune_positive_hints[] = {
	"article", "body", "content", "entry", "hentry", "h-entry", "main", "page",
	"pagination", "post", "text", "blog", "story", NULL,
};
static const char *const prune_negative_hints[] = {
	"-ad-", "hidden", "banner", "combx", "comment", "com-", "contact", "footer", "gdpr",
	"masthead", "media", "meta", "outbrain", "promo", "related", "scroll", "share",
	"shoutbox", "sidebar", "skyscraper", "sponsor", "shopping", "tags", "widget", NULL,
};

/* Roles that are not the article. */
static const char *const prune_roles[] = {
	"menu", "menubar", "complementary", "navigation", "alert", "alertdialog", "dialog",
	NULL,
};

/* Words of a class or id that say byline (a word starting "author" too, not "authority"). */
static const char *const prune_byline_hints[] = {
	"byline", "dateline", "writtenby", NULL,
};

/* Is the style attribute's value one that hides the element? */
static bool
prune_style_hides(const char *style)
{
	char low[256];
	size_t i, n = 0;

	for (i = 0; style[i] != '\0' && n < sizeof low - 1; i++)
		if (!ascii_isspace((unsigned char)style[i]))
			low[n++] = (char)ascii_tolower((unsigned char)style[i]);
	low[n] = '\0';
	return strstr(low, "display:none") != NULL || strstr(low, "visibility:hidden") != NULL;
}

/* Is element n hidden from readers (one look at its attributes)? */
static bool
prune_hidden(const xmlNode *n)
{
	const xmlAttr *a;

	for (a = n->properties; a != NULL; a = a->next) {
		const char *name = (const char *)a->name, *v;

		if (name == NULL || (name[0] != 'h' && name[0] != 'a' && name[0] != 's' &&
		    name[0] != 't'))
			continue;
		v = a->children != NULL && a->children->content != NULL ?
		    (const char *)a->children->content : "";
		if (strcmp(name, "hidden") == 0)
			return true;
		if (strcmp(name, "aria-hidden") == 0 && ascii_strcasecmp(v, "true") == 0) {
			const char *cls = hdom_attr(n, "class");

			if (cls == NULL || strstr(cls, "fallback-image") == NULL)
				return true;
		}
		if (strcmp(name, "style") == 0 && prune_style_hides(v))
			return true;
		if (strcmp(name, "type") == 0 && ascii_strcasecmp(v, "hidden") == 0 &&
		    hdom_tag(n) == H_INPUT)
			return true;
	}
	return false;
}

/* Is element n one that is never part of an article? */
static bool
prune_never(const xmlNode *n)
{
	switch (hdom_tag(n)) {
	case H_SCRIPT: case H_STYLE: case H_TEMPLATE: case H_LINK: case H_META:
	case H_IFRAME: case H_OBJECT: case H_EMBED: case H_CANVAS: case H_INPUT:
	case H_BUTTON: case H_SELECT: case H_TEXTAREA: case H_OPTION: case H_DIALOG:
	case H_NAV: case H_ASIDE: case H_FOOTER: case H_AUDIO: case H_BASE:
	case H_TITLE: case H_HEAD:
		return true;
	case H_SVG:
		return true;
	default:
		return prune_hidden(n);
	}
}

void
hprune_always(struct hpage *pg)
{
	xmlNodePtr root = pg->body, n, next;

	for (n = root->children; n != NULL; n = next) {
		bool drop = n->type == XML_COMMENT_NODE || n->type == XML_PI_NODE ||
		    (n->type == XML_ELEMENT_NODE && prune_never(n));

		if (drop && pg->fragment && hdom_tag(n) == H_FOOTER)
			drop = false;
		next = hdom_next(n, root, !drop);
		if (drop)
			hdom_remove(n);
	}
}

/* Is c a block whose text is compared between <noscript> and the page (p, headings, pre)? */
static bool
prune_text_block(const xmlNode *c)
{
	enum htag tag = hdom_tag(c);

	return tag == H_P || tag == H_H1 || tag == H_H2 || tag == H_H3 || tag == H_H4 ||
	    tag == H_PRE;
}

/* Is the text of half the blocks of n (or of n, when it has none) found in seen? */
static bool
prune_copied(struct hpage *pg, xmlNodePtr n, const struct strmap *seen)
{
	xmlNodePtr c;
	size_t blocks = 0, found = 0;
	const char *t;

	for (c = n->children; c != NULL; ) {
		if (!prune_text_block(c)) {
			c = hdom_next(c, n, true);
			continue;
		}
		if ((t = hdom_text_line(pg, c)) != NULL) {
			blocks++;
			found += strmap_get(seen, t, strlen(t)) != NULL;
		}
		c = hdom_next(c, n, false);
	}
	if (blocks == 0 && (t = hdom_text_line(pg, n)) != NULL) {
		blocks++;
		found += strmap_get(seen, t, strlen(t)) != NULL;
	}
	return blocks > 0 && found * 2 >= blocks;
}

/* The texts of the blocks outside every <noscript>, into seen. */
static void
prune_block_texts(struct hpage *pg, struct strmap *seen)
{
	xmlNodePtr root = pg->body, n;
	const char *t;

	for (n = root; n != NULL; ) {
		if (hdom_tag(n) == H_NOSCRIPT) {
			n = hdom_next(n, root, false);
			continue;
		}
		if (prune_text_block(n)) {
			if ((t = hdom_text_line(pg, n)) != NULL)
				strmap_put(seen, t, strlen(t), NULL);
			n = hdom_next(n, root, false);
			continue;
		}
		n = hdom_next(n, root, true);
	}
}

/* Does n hold text that is not white space? */
static bool
prune_has_text(xmlNodePtr n)
{
	xmlNodePtr c;

	for (c = n->children; c != NULL; c = hdom_next(c, n, true))
		if (c->type == XML_TEXT_NODE && !hdom_blank((const char *)c->content))
			return true;
	return false;
}

/* A <noscript> holding an image: it replaces the placeholder before it. */
static void
prune_noscript_image(xmlNodePtr ns)
{
	xmlNodePtr prev = ns->prev;

	while (prev != NULL && prev->type != XML_ELEMENT_NODE)
		prev = prev->prev;
	if (prev != NULL && (hdom_tag(prev) == H_IMG || hdom_tag(prev) == H_PICTURE))
		hdom_remove(prev);
	hdom_unwrap(ns);
}

/* Unwrap each <noscript> whose text the page has nowhere else; remove the others. */
static void
prune_noscripts(struct hpage *pg)
{
	struct strmap seen = STRMAP_INIT;
	xmlNodePtr root = pg->body, n, next;
	bool any = false;

	/* only a <noscript> with text (not an image alone) needs the page's texts */
	for (n = root; n != NULL && !any; n = hdom_next(n, root, true))
		any = hdom_tag(n) == H_NOSCRIPT && prune_has_text(n);
	if (!any) {
		for (n = root; n != NULL; n = next) {
			next = hdom_next(n, root, hdom_tag(n) != H_NOSCRIPT);
			if (hdom_tag(n) == H_NOSCRIPT && hdom_find(n, H_IMG) != NULL)
				prune_noscript_image(n);
			else if (hdom_tag(n) == H_NOSCRIPT)
				hdom_remove(n);
		}
		return;
	}
	prune_block_texts(pg, &seen);
	for (n = root; n != NULL; n = next) {
		const char *t;

		if (hdom_tag(n) != H_NOSCRIPT) {
			next = hdom_next(n, root, true);
			continue;
		}
		next = hdom_next(n, root, false);
		t = hdom_text_line(pg, n);
		if (t == NULL && hdom_find(n, H_IMG) != NULL)
			prune_noscript_image(n);
		else if (t == NULL || t[0] == '<' || prune_copied(pg, n, &seen) ||
		    strstr(t, "JavaScript") != NULL || strstr(t, "javascript") != NULL)
			hdom_remove(n);
		else
			hdom_unwrap(n);
	}
	strmap_free(&seen);
}

/* Characters in s (UTF-8). */
static size_t
prune_chars(const char *s)
{
	size_t n = 0;

	for (; *s != '\0'; s++)
		n += ((unsigned char)*s & 0xc0) != 0x80;
	return n;
}

/* Does the lower-case s hold a word starting with "author" (not "authority", "authoriz...")? */
static bool
prune_author_word(const char *s)
{
	const char *p;

	for (p = strstr(s, "author"); p != NULL; p = strstr(p + 6, "author"))
		if ((p == s || !ascii_isalpha((unsigned char)p[-1])) && strncmp(p + 6, "it", 2) != 0 &&
		    strncmp(p + 6, "iz", 2) != 0 && strncmp(p + 6, "is", 2) != 0)
			return true;
	return false;
}

/* Does n look like the byline ("By Ann Lee"): rel=author, itemprop=author, a byline class? */
static bool
prune_is_byline(const xmlNode *n, const char *hints)
{
	const char *rel = hdom_attr(n, "rel"), *item = hdom_attr(n, "itemprop");

	return (rel != NULL && ascii_strcasecmp(rel, "author") == 0) ||
	    (item != NULL && (strstr(item, "author") != NULL || strstr(item, "creator") != NULL)) ||
	    hdom_hint(hints, prune_byline_hints) || prune_author_word(hints);
}

/* Is c an element that names an author: rel=author, itemprop=name or author? */
static bool
prune_names_author(const xmlNode *c)
{
	const char *rel = hdom_attr(c, "rel"), *item = hdom_attr(c, "itemprop");

	return (rel != NULL && ascii_strcasecmp(rel, "author") == 0) ||
	    (item != NULL && (strcmp(item, "name") == 0 || strcmp(item, "author") == 0));
}

/* Append to b the names below n that strict says (prune_names_author, else any link). */
static void
prune_names_below(struct hpage *pg, xmlNodePtr n, bool strict, struct buf *b)
{
	xmlNodePtr c;
	const char *t;

	for (c = n->children; c != NULL; ) {
		if (!(strict ? prune_names_author(c) : hdom_tag(c) == H_A)) {
			c = hdom_next(c, n, true);
			continue;
		}
		if ((t = hdom_text_line(pg, c)) != NULL && hclean_is_name(t) &&
		    (ascii_isupper((unsigned char)t[0]) || (unsigned char)t[0] >= 0x80) &&
		    (b->len == 0 || strstr(b->data, t) == NULL)) {
			if (b->len > 0)
				buf_adds(b, ", ");
			buf_adds(b, t);
		}
		c = hdom_next(c, n, false);
	}
}

/* b with each run of '|' and blank space between its parts as one " | ", none at the ends. */
static void
prune_bars(struct buf *b)
{
	struct buf out = BUF_INIT;
	size_t i = 0, e;

	while (i < b->len) {
		while (i < b->len && (b->data[i] == '|' || ascii_isspace((unsigned char)b->data[i])))
			i++;
		for (e = i; e < b->len && b->data[e] != '|'; e++)
			continue;
		while (e > i && ascii_isspace((unsigned char)b->data[e - 1]))
			e--;
		if (e > i) {
			if (out.len > 0)
				buf_adds(&out, " | ");
			buf_add(&out, b->data + i, e - i);
		}
		while (e < b->len && b->data[e] != '|')
			e++;
		i = e;
	}
	buf_free(b);
	*b = out;
}

/*
 * The names in byline element n: those its rel=author or itemprop=name
 * elements give, else its links', else its whole text.
 */
static const char *
prune_byline_names(struct hpage *pg, xmlNodePtr n)
{
	struct buf b = BUF_INIT;
	const char *r;

	prune_names_below(pg, n, true, &b);
	if (b.len == 0)
		prune_names_below(pg, n, false, &b);
	if (b.len == 0) {
		hdom_text_sep(n, &b, "|");	/* "By Ann Lee | Gazette, Kent" */
		prune_bars(&b);
	}
	r = imported_line(pg->imp, b.data != NULL ? b.data : "");
	buf_free(&b);
	return r;
}

/* Is n the heading that repeats the title? */
static bool
prune_is_title(struct hpage *pg, const xmlNode *n)
{
	enum htag tag = hdom_tag(n);
	const char *t;

	if ((tag != H_H1 && tag != H_H2) || pg->title == NULL)
		return false;
	t = hdom_text_line(pg, n);
	return t != NULL && hclean_similar(pg->title, t) > 0.75 &&
	    hclean_similar(t, pg->title) > 0.75;
}

/* Remove the byline element (saving its text) and the heading that repeats the title. */
void
hprune_byline(struct hpage *pg)
{
	xmlNodePtr root = pg->body, n, next;
	bool byline = false, title = false;
	size_t tries = 0;
	char hints[512];

	prune_noscripts(pg);
	for (n = root->children; n != NULL && !(byline && title); n = next) {
		const char *t;

		next = hdom_next(n, root, true);
		if (n->type != XML_ELEMENT_NODE)
			continue;
		if (!title && prune_is_title(pg, n)) {
			title = true;
			next = hdom_next(n, root, false);
			hdom_remove(n);
			continue;
		}
		hdom_class_id(n, hints);
		if (byline || tries >= PRUNE_MAX_TRIES || !prune_is_byline(n, hints) ||
		    hdom_tag(n) == H_BODY || prune_hidden(n))
			continue;
		tries++;
		t = hdom_text_line(pg, n);
		if (t == NULL || prune_chars(t) > PRUNE_MAX_BYLINE)
			continue;
		t = prune_byline_names(pg, n);
		byline = true;
		if (pg->meta.dom_byline == NULL)
			pg->meta.dom_byline = t;
		next = hdom_next(n, root, false);
		hdom_remove(n);
	}
}

void
hprune_unlikely(struct hpage *pg)
{
	xmlNodePtr root = pg->body, n, next;
	char hints[512];

	for (n = root->children; n != NULL; n = next) {
		const char *role;
		enum htag tag = hdom_tag(n);
		bool drop = false;

		if (n->type == XML_ELEMENT_NODE && tag != H_BODY && tag != H_A &&
		    tag != H_HTML) {
			hdom_class_id(n, hints);
			drop = hdom_hint(hints, prune_unlikely_hints) &&
			    !hdom_hint(hints, prune_maybe_hints);
			if (!drop) {
				hdom_class(n, hints);
				drop = hdom_token(hints, prune_unlikely_tokens);
			}
			drop = drop &&
			    !hdom_has_ancestor(n, H_TABLE, 0) && !hdom_has_ancestor(n, H_CODE, 0);
			if (!drop && (role = hdom_attr(n, "role")) != NULL) {
				size_t k;

				for (k = 0; prune_roles[k] != NULL && !drop; k++)
					drop = ascii_strcasecmp(role, prune_roles[k]) == 0;
			}
		}
		next = hdom_next(n, root, !drop);
		if (drop)
			hdom_remove(n);
	}
}

int
hprune_class_weight(const struct hpage *pg, const xmlNode *n)
{
	char low[256];
	const char *v;
	int w = 0, k;

	if (!pg->weight_classes)
		return 0;
	for (k = 0; k < 2; k++) {
		size_t i;

		if ((v = hdom_attr(n, k == 0 ? "class" : "id")) == NULL || v[0] == '\0')
			continue;
		for (i = 0; v[i] != '\0' && i < sizeof low - 1; i++)
			low[i] = (char)ascii_tolower((unsigned char)v[i]);
		low[i] = '\0';
		if (hdom_hint(low, prune_negative_hints) || strcmp(low, "hid") == 0)
			w -= 25;
		if (hdom_hint(low, prune_positive_hints))
			w += 25;
	}
	return w;
}
