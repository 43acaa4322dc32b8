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
	"yom-remote", "newsletter", "subscribe", "cookie", "consent", "sharing", "share-",
	"most-read", "mostread", "most-popular", "mostpopular", "recommend", "trending",
	"outbrain", "taboola", "readmore", "read-more", "more-stories", "signup", "sign-up",
	NULL,
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
	"shoutbox", "sidebar", "skyscraper", "sponsor", "shopping", "tags", "widget",
	"newsletter", "subscribe", "social", NULL,
};

/* Roles that are not the article. */
static const char *const prune_roles[] = {
	"menu", "menubar", "complementary", "navigation", "alert", "alertdialog", "dialog",
	NULL,
};

/* Byline hints in class and id. */
static const char *const prune_byline_hints[] = {
	"byline", "author", "dateline", "writtenby", "p-author", NULL,
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

/* Is element n hidden from readers? */
static bool
prune_hidden(const xmlNode *n)
{
	const char *a;

	if (hdom_attr(n, "hidden") != NULL)
		return true;
	if ((a = hdom_attr(n, "aria-hidden")) != NULL && ascii_strcasecmp(a, "true") == 0) {
		const char *cls = hdom_attr(n, "class");

		return cls == NULL || strstr(cls, "fallback-image") == NULL;
	}
	if ((a = hdom_attr(n, "style")) != NULL && prune_style_hides(a))
		return true;
	return (a = hdom_attr(n, "type")) != NULL && ascii_strcasecmp(a, "hidden") == 0 &&
	    hdom_tag(n) == H_INPUT;
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

	for (n = root; n != NULL && !any; n = hdom_next(n, root, true))
		any = hdom_tag(n) == H_NOSCRIPT;
	if (!any)
		return;
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
		else if (t == NULL || prune_copied(pg, n, &seen) ||
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

/* Does n look like the byline ("By Ann Lee"): rel=author, itemprop=author, a byline class? */
static bool
prune_is_byline(const xmlNode *n, const char *hints)
{
	const char *rel = hdom_attr(n, "rel"), *item = hdom_attr(n, "itemprop");

	return (rel != NULL && ascii_strcasecmp(rel, "author") == 0) ||
	    (item != NULL && strstr(item, "author") != NULL) ||
	    hdom_hint(hints, prune_byline_hints);
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
		    hdom_tag(n) == H_BODY)
			continue;
		tries++;
		t = hdom_text_line(pg, n);
		if (t == NULL || prune_chars(t) > PRUNE_MAX_BYLINE)
			continue;
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
			    !hdom_hint(hints, prune_maybe_hints) &&
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
