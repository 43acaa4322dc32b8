/*
 * feed.c: an RSS or Atom feed into its items (see feed.h).
 *
 * Elements are told apart by namespace and local name, with the usual
 * namespaces grouped into families (RSS 2.0 without a namespace, RSS 1.0
 * and 0.90 in theirs are all "core"; Atom 1.0 and 0.3 are "atom"), and an
 * element whose prefix was never declared (<media:content> in a feed that
 * forgot xmlns:media, which libxml2 keeps as the name "media:content") is
 * known by its conventional prefix.
 */
#include <string.h>

#include <libxml/parser.h>
#include <libxml/uri.h>

#include "arena.h"
#include "article.h"
#include "feed-int.h"
#include "util.h"

enum feed_ns {
	NS_CORE, NS_ATOM, NS_DC, NS_DCTERMS, NS_CONTENT, NS_MEDIA, NS_RDF, NS_OTHER,
};

static const struct {
	const char	*href;
	enum feed_ns	 ns;
} feed_namespaces[] = {
	{ "http://purl.org/rss/1.0/", NS_CORE },
	{ "http://my.netscape.com/rdf/simple/0.9/", NS_CORE },
	{ "http://backend.userland.com/rss2", NS_CORE },
	{ "http://blogs.law.harvard.edu/tech/rss", NS_CORE },
	{ "http://www.w3.org/2005/Atom", NS_ATOM },
	{ "http://purl.org/atom/ns#", NS_ATOM },
	{ "http://purl.org/dc/elements/1.1/", NS_DC },
	{ "http://purl.org/dc/terms/", NS_DCTERMS },
	{ "http://purl.org/rss/1.0/modules/content/", NS_CONTENT },
	{ "http://search.yahoo.com/mrss/", NS_MEDIA },
	{ "http://search.yahoo.com/mrss", NS_MEDIA },
	{ "http://www.w3.org/1999/02/22-rdf-syntax-ns#", NS_RDF },
};

static const struct {
	const char	*prefix;
	enum feed_ns	 ns;
} feed_prefixes[] = {
	{ "atom", NS_ATOM }, { "dc", NS_DC }, { "dcterms", NS_DCTERMS },
	{ "content", NS_CONTENT }, { "media", NS_MEDIA }, { "rdf", NS_RDF },
};

/* The family of node's namespace. */
static enum feed_ns
feed_ns_of(xmlNodePtr n)
{
	const char *colon;
	size_t i;

	if (n->ns != NULL && n->ns->href != NULL) {
		for (i = 0; i < sizeof feed_namespaces / sizeof feed_namespaces[0]; i++)
			if (strcmp((const char *)n->ns->href, feed_namespaces[i].href) == 0)
				return feed_namespaces[i].ns;
		return n->ns->href[0] == '\0' ? NS_CORE : NS_OTHER;
	}
	if ((colon = strchr((const char *)n->name, ':')) == NULL)
		return NS_CORE;
	for (i = 0; i < sizeof feed_prefixes / sizeof feed_prefixes[0]; i++)
		if (strlen(feed_prefixes[i].prefix) == (size_t)(colon - (const char *)n->name) &&
		    memcmp(n->name, feed_prefixes[i].prefix, (size_t)(colon - (const char *)n->name)) == 0)
			return feed_prefixes[i].ns;
	return NS_OTHER;
}

/* Is n the element name (local name, ASCII case ignored) in the family ns? */
static bool
feed_is(xmlNodePtr n, enum feed_ns ns, const char *name)
{
	const char *local = (const char *)n->name, *colon;

	if (n->type != XML_ELEMENT_NODE)
		return false;
	if (n->ns == NULL && (colon = strchr(local, ':')) != NULL)
		local = colon + 1;
	return ascii_strcasecmp(local, name) == 0 && feed_ns_of(n) == ns;
}

/* The first child of n that is the element name in ns, or NULL. */
static xmlNodePtr
feed_child(xmlNodePtr n, enum feed_ns ns, const char *name)
{
	xmlNodePtr k;

	for (k = n->children; k != NULL; k = k->next)
		if (feed_is(k, ns, name))
			return k;
	return NULL;
}

/* Is s an http:// or https:// address? */
static bool
feed_http(const char *s)
{
	return ascii_strncasecmp(s, "http://", 7) == 0 || ascii_strncasecmp(s, "https://", 8) == 0;
}

/*
 * href resolved against base (either may be relative or NULL) into the
 * arena; NULL unless the result is an http(s) address.
 */
static const char *
feed_join(struct feed_ctx *c, const char *href, const char *base)
{
	xmlChar *u;
	const char *r = NULL;

	if (href == NULL)
		return NULL;
	if (base == NULL || feed_http(href))
		return feed_http(href) ? arena_strdup(c->f->arena, href) : NULL;
	if ((u = xmlBuildURI((const xmlChar *)href, (const xmlChar *)base)) != NULL) {
		if (feed_http((const char *)u))
			r = arena_strdup(c->f->arena, (const char *)u);
		xmlFree(u);
	}
	return r;
}

/* The base URL in force at node: the document's, changed by each xml:base on the way down. */
static const char *
feed_base(struct feed_ctx *c, xmlNodePtr node)
{
	const char *bases[32], *base = c->url;
	size_t n = 0;
	xmlNodePtr p;

	for (p = node; p != NULL && p->type == XML_ELEMENT_NODE && n < 32; p = p->parent) {
		xmlAttrPtr a;

		for (a = p->properties; a != NULL; a = a->next)
			if (a->ns != NULL && strcmp((const char *)a->name, "base") == 0 &&
			    a->ns->href != NULL && strcmp((const char *)a->ns->href,
			    "http://www.w3.org/XML/1998/namespace") == 0)
				bases[n++] = feedtext_attr(c, p, "base");
	}
	while (n > 0) {
		const char *b = bases[--n], *j;

		if (b != NULL && (j = feed_join(c, b, base)) != NULL)
			base = j;
	}
	return base;
}

/* The text of node as a folded line without HTML (for URLs, dates, ids). */
static const char *
feed_plain(struct feed_ctx *c, xmlNodePtr node)
{
	return feedtext_line(c, node, FT_TEXT);
}

/* What one item collects before it is stored. */
struct item_build {
	struct feed_item	 it;
	const char		*link_guid;	/* a guid that is a permalink */
	const char		*pub, *dc_date, *issued, *atom_updated, *modified;
	const char		**authors, **tags;
	size_t			 acap, tcap, icap;
	struct feed_image	*images;
	struct feed_image	*thumbs;
	size_t			 nthumbs, thcap;
	const char		*media_caption, *media_credit, *media_title;	/* item-level */
};

/* Add s to the list v (n, cap) unless NULL or already there. */
static void
feed_list_add(const char ***v, size_t *n, size_t *cap, const char *s)
{
	size_t i;

	if (s == NULL)
		return;
	for (i = 0; i < *n; i++)
		if (strcmp((*v)[i], s) == 0)
			return;
	ARRAY_GROW(*v, *n + 1, *cap);
	(*v)[(*n)++] = s;
}

/* The name in an RSS author: "jo@example.org (Jo Lee)" gives "Jo Lee". */
static const char *
feed_author(struct feed_ctx *c, const char *s)
{
	const char *open, *close;

	if (s == NULL)
		return NULL;
	if ((open = strchr(s, '(')) != NULL && (close = strrchr(s, ')')) != NULL &&
	    close > open + 1 && memchr(s, '@', (size_t)(open - s)) != NULL)
		return feedtext_fold(c, open + 1, (size_t)(close - open - 1));
	if ((open = strchr(s, '<')) != NULL && open > s && strchr(open, '@') != NULL)
		return feedtext_fold(c, s, (size_t)(open - s));
	return s;
}

/* Is an enclosure or media object an image, by its medium, MIME type or file name? */
static bool
feed_is_image(const char *medium, const char *type, const char *url)
{
	static const char *const ext[] = { ".jpg", ".jpeg", ".png", ".gif", ".webp", ".avif" };
	const char *end;
	size_t i, n;

	if (medium != NULL)
		return ascii_strcasecmp(medium, "image") == 0;
	if (type != NULL)
		return ascii_strncasecmp(type, "image/", 6) == 0;
	if (url == NULL)
		return false;
	end = strpbrk(url, "?#");
	n = end != NULL ? (size_t)(end - url) : strlen(url);
	for (i = 0; i < sizeof ext / sizeof ext[0]; i++)
		if (ascii_endswith(url, n, ext[i]))
			return true;
	return false;
}

/* Add an image (url already absolute) to the item unless it is there or the list is full. */
static struct feed_image *
feed_add_image(struct item_build *b, const char *url)
{
	size_t i;

	if (url == NULL || b->it.nimages >= FEED_MAX_IMAGES)
		return NULL;
	for (i = 0; i < b->it.nimages; i++)
		if (strcmp(b->images[i].url, url) == 0)
			return &b->images[i];
	ARRAY_GROW(b->images, b->it.nimages + 1, b->icap);
	memset(&b->images[b->it.nimages], 0, sizeof b->images[0]);
	b->images[b->it.nimages].url = url;
	return &b->images[b->it.nimages++];
}

/* A media:description/title/credit of node into cap, cred, title (each kept when set already). */
static void
feed_media_text(struct feed_ctx *c, xmlNodePtr node, const char **cap, const char **cred,
    const char **title)
{
	xmlNodePtr k;

	for (k = node->children; k != NULL; k = k->next) {
		if (feed_is(k, NS_MEDIA, "description") && *cap == NULL)
			*cap = feedtext_line(c, k, feedtext_atom_type(c, k) == FT_HTML ? FT_HTML :
			    FT_GUESS);
		else if (feed_is(k, NS_MEDIA, "credit") && *cred == NULL)
			*cred = feedtext_line(c, k, FT_GUESS);
		else if (feed_is(k, NS_MEDIA, "title") && *title == NULL)
			*title = feedtext_line(c, k, FT_GUESS);
	}
}

/*
 * A media:content (or media:thumbnail) element into the item's images,
 * its caption from itself, else from the group around it (gcap...).
 */
static void
feed_media_content(struct feed_ctx *c, struct item_build *b, xmlNodePtr n,
    const char *gcap, const char *gcred, const char *gtitle)
{
	const char *url = feed_join(c, feedtext_attr(c, n, "url"), feed_base(c, n));
	const char *cap = NULL, *cred = NULL, *title = NULL;
	struct feed_image *img;

	if (url == NULL || !feed_is_image(feedtext_attr(c, n, "medium"),
	    feedtext_attr(c, n, "type"), url))
		return;
	feed_media_text(c, n, &cap, &cred, &title);
	if ((img = feed_add_image(b, url)) == NULL)
		return;
	img->caption = img->caption != NULL ? img->caption : cap != NULL ? cap : gcap;
	img->credit = img->credit != NULL ? img->credit : cred != NULL ? cred : gcred;
	img->title = img->title != NULL ? img->title : title != NULL ? title : gtitle;
}

/* A media:thumbnail: kept aside, used only when the item has no other photo. */
static void
feed_media_thumb(struct feed_ctx *c, struct item_build *b, xmlNodePtr n)
{
	const char *url = feed_join(c, feedtext_attr(c, n, "url"), feed_base(c, n));

	if (url == NULL || b->nthumbs >= 4)
		return;
	ARRAY_GROW(b->thumbs, b->nthumbs + 1, b->thcap);
	memset(&b->thumbs[b->nthumbs], 0, sizeof b->thumbs[0]);
	b->thumbs[b->nthumbs++].url = url;
}

/* A media:group: each media:content in it, with the group's texts as their fallback. */
static void
feed_media_group(struct feed_ctx *c, struct item_build *b, xmlNodePtr n)
{
	const char *cap = NULL, *cred = NULL, *title = NULL;
	xmlNodePtr k;

	feed_media_text(c, n, &cap, &cred, &title);
	for (k = n->children; k != NULL; k = k->next)
		if (feed_is(k, NS_MEDIA, "content"))
			feed_media_content(c, b, k, cap, cred, title);
		else if (feed_is(k, NS_MEDIA, "thumbnail"))
			feed_media_thumb(c, b, k);
}

/* An RSS enclosure or an Atom link rel="enclosure" that is an image. */
static void
feed_enclosure(struct feed_ctx *c, struct item_build *b, xmlNodePtr n, const char *attr)
{
	const char *url = feed_join(c, feedtext_attr(c, n, attr), feed_base(c, n));

	if (url != NULL && feed_is_image(NULL, feedtext_attr(c, n, "type"), url))
		feed_add_image(b, url);
}

/* An Atom link: the story's page (rel alternate or none) or an image enclosure. */
static void
feed_atom_link(struct feed_ctx *c, struct item_build *b, xmlNodePtr n)
{
	const char *rel = feedtext_attr(c, n, "rel"), *type = feedtext_attr(c, n, "type");

	if (rel == NULL || ascii_strcasecmp(rel, "alternate") == 0) {
		const char *href = feed_join(c, feedtext_attr(c, n, "href"), feed_base(c, n));

		if (href != NULL && (b->it.link == NULL || (type != NULL &&
		    ascii_strcasecmp(type, "text/html") == 0)))
			b->it.link = href;
	} else if (ascii_strcasecmp(rel, "enclosure") == 0) {
		feed_enclosure(c, b, n, "href");
	}
}

/* An Atom author or contributor: its name, else its e-mail address. */
static const char *
feed_atom_person(struct feed_ctx *c, xmlNodePtr n)
{
	xmlNodePtr k = feed_child(n, NS_ATOM, "name");

	if (k == NULL)
		k = feed_child(n, NS_ATOM, "email");
	return k != NULL ? feed_plain(c, k) : feed_plain(c, n);
}

/* An Atom content or summary: HTML into *dst, with the base its links resolve against. */
static void
feed_atom_body(struct feed_ctx *c, struct item_build *b, xmlNodePtr n, const char **dst)
{
	const char *src = feedtext_attr(c, n, "src"), *type = feedtext_attr(c, n, "type");
	const char *html;

	if (src != NULL || *dst != NULL)
		return;	/* the content is elsewhere, or there was one already */
	if (type != NULL && strchr(type, '/') != NULL && ascii_strncasecmp(type, "text/", 5) != 0 &&
	    ascii_strcasecmp(type, "application/xhtml+xml") != 0)
		return;	/* an image, a video: not text */
	if ((html = feedtext_html(c, n, feedtext_atom_type(c, n))) != NULL) {
		*dst = html;
		if (dst == &b->it.content || b->it.base == NULL)
			b->it.base = feed_base(c, n);
	}
}

/*
 * The elements from other vocabularies that RSS and Atom items share:
 * Dublin Core, content:encoded, Media RSS. Returns whether n was one.
 */
static bool
feed_shared(struct feed_ctx *c, struct item_build *b, xmlNodePtr n)
{
	struct feed_item *it = &b->it;

	if (feed_is(n, NS_DC, "creator") || feed_is(n, NS_DC, "contributor"))
		feed_list_add(&b->authors, &it->nauthors, &b->acap, feedtext_line(c, n, FT_GUESS));
	else if (feed_is(n, NS_DC, "subject"))
		feed_list_add(&b->tags, &it->ntags, &b->tcap, feedtext_line(c, n, FT_GUESS));
	else if (feed_is(n, NS_DC, "date"))
		b->dc_date = b->dc_date != NULL ? b->dc_date : feed_plain(c, n);
	else if (feed_is(n, NS_DCTERMS, "issued") || feed_is(n, NS_DCTERMS, "created"))
		b->issued = b->issued != NULL ? b->issued : feed_plain(c, n);
	else if (feed_is(n, NS_DCTERMS, "modified"))
		b->modified = feed_plain(c, n);
	else if (feed_is(n, NS_CONTENT, "encoded")) {
		if (it->content == NULL && (it->content = feedtext_html(c, n, FT_HTML)) != NULL)
			it->base = feed_base(c, n);
	} else if (feed_is(n, NS_MEDIA, "content"))
		feed_media_content(c, b, n, NULL, NULL, NULL);
	else if (feed_is(n, NS_MEDIA, "group"))
		feed_media_group(c, b, n);
	else if (feed_is(n, NS_MEDIA, "thumbnail"))
		feed_media_thumb(c, b, n);
	else if (feed_is(n, NS_MEDIA, "description") || feed_is(n, NS_MEDIA, "credit") ||
	    feed_is(n, NS_MEDIA, "title"))
		return true;	/* item-level: read by feed_item_done() */
	else
		return false;
	return true;
}

/* An Atom element of an entry (or an atom: element inside an RSS item). Returns whether n was one. */
static bool
feed_atom_element(struct feed_ctx *c, struct item_build *b, xmlNodePtr n)
{
	struct feed_item *it = &b->it;

	if (feed_is(n, NS_ATOM, "title")) {
		if (it->title == NULL)
			it->title = feedtext_line(c, n, feedtext_atom_type(c, n));
	} else if (feed_is(n, NS_ATOM, "link"))
		feed_atom_link(c, b, n);
	else if (feed_is(n, NS_ATOM, "id"))
		it->id = it->id != NULL ? it->id : feed_plain(c, n);
	else if (feed_is(n, NS_ATOM, "published") || feed_is(n, NS_ATOM, "issued") ||
	    feed_is(n, NS_ATOM, "created"))
		b->issued = b->issued != NULL ? b->issued : feed_plain(c, n);
	else if (feed_is(n, NS_ATOM, "updated") || feed_is(n, NS_ATOM, "modified"))
		b->atom_updated = feed_plain(c, n);
	else if (feed_is(n, NS_ATOM, "author"))
		feed_list_add(&b->authors, &it->nauthors, &b->acap, feed_atom_person(c, n));
	else if (feed_is(n, NS_ATOM, "category")) {
		const char *t = feedtext_attr(c, n, "label");

		feed_list_add(&b->tags, &it->ntags, &b->tcap, t != NULL ? t :
		    feedtext_attr(c, n, "term"));
	} else if (feed_is(n, NS_ATOM, "content"))
		feed_atom_body(c, b, n, &it->content);
	else if (feed_is(n, NS_ATOM, "summary"))
		feed_atom_body(c, b, n, &it->summary);
	else
		return false;
	return true;
}

/* An element of an RSS item (0.9x, 2.0 or 1.0). */
static void
feed_rss_element(struct feed_ctx *c, struct item_build *b, xmlNodePtr n)
{
	struct feed_item *it = &b->it;

	if (feed_is(n, NS_CORE, "title")) {
		if (it->title == NULL)
			it->title = feedtext_line(c, n, FT_GUESS);
	} else if (feed_is(n, NS_CORE, "link")) {
		if (it->link == NULL)
			it->link = feed_join(c, feed_plain(c, n), feed_base(c, n));
	} else if (feed_is(n, NS_CORE, "guid")) {
		const char *perma = feedtext_attr(c, n, "isPermaLink");

		it->id = feed_plain(c, n);
		if (it->id != NULL && (perma == NULL || ascii_strcasecmp(perma, "false") != 0))
			b->link_guid = feed_join(c, it->id, feed_base(c, n));
	} else if (feed_is(n, NS_CORE, "pubDate")) {
		b->pub = feed_plain(c, n);
	} else if (feed_is(n, NS_CORE, "description")) {
		if (it->summary == NULL && (it->summary = feedtext_html(c, n, FT_GUESS)) != NULL &&
		    it->base == NULL)
			it->base = feed_base(c, n);
	} else if (feed_is(n, NS_CORE, "author")) {
		feed_list_add(&b->authors, &it->nauthors, &b->acap,
		    feed_author(c, feedtext_line(c, n, FT_GUESS)));
	} else if (feed_is(n, NS_CORE, "category")) {
		feed_list_add(&b->tags, &it->ntags, &b->tcap, feedtext_line(c, n, FT_GUESS));
	} else if (feed_is(n, NS_CORE, "enclosure")) {
		feed_enclosure(c, b, n, "url");
	} else if (!feed_shared(c, b, n)) {
		feed_atom_element(c, b, n);
	}
}

/* Parse a date field: true with *t when s is a date. */
static bool
feed_date(const char *s, int64_t *t)
{
	struct article_date d;

	if (s == NULL || !article_parse_date(s, &d))
		return false;
	*t = article_date_epoch(&d);
	return true;
}

/* Copy a list into the arena. */
static const char **
feed_list_copy(struct feed_ctx *c, const char **v, size_t n)
{
	const char **r = arena_calloc(c->f->arena, n > 0 ? n : 1, sizeof *r);

	if (n > 0)
		memcpy(r, v, n * sizeof *v);
	return r;
}

/* Settle the item's dates: published from the first field that reads, updated apart. */
static void
feed_item_dates(struct item_build *b)
{
	const char *cands[] = { b->pub, b->issued, b->dc_date };
	struct feed_item *it = &b->it;
	size_t i;

	for (i = 0; i < 3 && !it->has_date; i++)
		if (feed_date(cands[i], &it->date_t)) {
			it->date = cands[i];
			it->has_date = true;
		}
	if (it->date == NULL)
		it->date = b->pub != NULL ? b->pub : b->issued != NULL ? b->issued : b->dc_date;
	it->updated = b->atom_updated != NULL ? b->atom_updated : b->modified;
	it->has_updated = feed_date(it->updated, &it->updated_t);
	if (!it->has_date && it->has_updated) {
		it->date = it->updated;
		it->date_t = it->updated_t;
		it->has_date = true;
	}
}

/* The item is read: settle its fields, store it in the arena, release the build. */
static void
feed_item_done(struct feed_ctx *c, struct item_build *b, xmlNodePtr node)
{
	struct feed_item *it = &b->it;
	const char *cap = NULL, *cred = NULL, *title = NULL;
	size_t i;

	feed_media_text(c, node, &cap, &cred, &title);
	for (i = 0; i < b->nthumbs && it->nimages == 0; i++)
		feed_add_image(b, b->thumbs[i].url);
	if (it->nimages > 0) {
		b->images[0].caption = b->images[0].caption != NULL ? b->images[0].caption : cap;
		b->images[0].credit = b->images[0].credit != NULL ? b->images[0].credit : cred;
		b->images[0].title = b->images[0].title != NULL ? b->images[0].title : title;
	}
	if (it->link == NULL)
		it->link = b->link_guid;
	if (it->id == NULL)
		it->id = it->link;
	feed_item_dates(b);
	it->authors = feed_list_copy(c, b->authors, it->nauthors);
	it->tags = feed_list_copy(c, b->tags, it->ntags);
	it->images = arena_calloc(c->f->arena, it->nimages > 0 ? it->nimages : 1,
	    sizeof *it->images);
	if (it->nimages > 0)
		memcpy(it->images, b->images, it->nimages * sizeof *b->images);
	it->line = (unsigned)xmlGetLineNo(node);
	ARRAY_GROW(c->f->items, c->f->nitems + 1, c->cap_items);
	c->f->items[c->f->nitems++] = *it;
	free(b->authors);
	free(b->tags);
	free(b->images);
	free(b->thumbs);
}

/* Read one item (RSS) or entry (Atom) into the feed. */
static void
feed_item(struct feed_ctx *c, xmlNodePtr node)
{
	struct item_build b;
	xmlNodePtr n;

	if (c->f->nitems >= FEED_MAX_ITEMS)
		return;
	memset(&b, 0, sizeof b);
	for (n = node->children; n != NULL && !c->bomb; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		if (c->f->kind == FEED_ATOM) {
			if (!feed_atom_element(c, &b, n))
				feed_shared(c, &b, n);
		} else {
			feed_rss_element(c, &b, n);
		}
	}
	if (c->f->kind == FEED_RDF && b.it.id == NULL)
		b.it.id = feedtext_attr(c, node, "about");
	feed_item_done(c, &b, node);
}

/* The feed's own title, link and description, from its channel (RSS) or feed (Atom) element. */
static void
feed_meta(struct feed_ctx *c, xmlNodePtr chan)
{
	struct feed *f = c->f;
	xmlNodePtr n;

	for (n = chan->children; n != NULL; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		if (f->kind == FEED_ATOM ? feed_is(n, NS_ATOM, "title") : feed_is(n, NS_CORE, "title")) {
			if (f->title == NULL)
				f->title = feedtext_line(c, n, f->kind == FEED_ATOM ?
				    feedtext_atom_type(c, n) : FT_GUESS);
		} else if (f->kind != FEED_ATOM && feed_is(n, NS_CORE, "link")) {
			if (f->link == NULL)
				f->link = feed_join(c, feed_plain(c, n), feed_base(c, n));
		} else if (feed_is(n, NS_ATOM, "link")) {
			const char *rel = feedtext_attr(c, n, "rel");

			if (f->link == NULL && (rel == NULL || ascii_strcasecmp(rel, "alternate") == 0))
				f->link = feed_join(c, feedtext_attr(c, n, "href"), feed_base(c, n));
		} else if (feed_is(n, NS_CORE, "description") || feed_is(n, NS_ATOM, "subtitle") ||
		    feed_is(n, NS_ATOM, "tagline")) {
			if (f->subtitle == NULL)
				f->subtitle = feedtext_line(c, n, f->kind == FEED_ATOM ?
				    feedtext_atom_type(c, n) : FT_GUESS);
		}
	}
}

/* Read the items under parent (its item or entry children). */
static void
feed_items(struct feed_ctx *c, xmlNodePtr parent)
{
	xmlNodePtr n;

	for (n = parent->children; n != NULL && !c->bomb; n = n->next)
		if (c->f->kind == FEED_ATOM ? feed_is(n, NS_ATOM, "entry") :
		    feed_is(n, NS_CORE, "item"))
			feed_item(c, n);
}

/* Read the tree from its root. Returns 0, or -1 with *cause when it is no feed. */
static int
feed_walk(struct feed_ctx *c, xmlNodePtr root, char **cause)
{
	struct feed *f = c->f;
	xmlNodePtr chan;

	if (feed_is(root, NS_CORE, "rss"))
		f->kind = FEED_RSS;
	else if (feed_is(root, NS_RDF, "RDF"))
		f->kind = FEED_RDF;
	else if (feed_is(root, NS_ATOM, "feed"))
		f->kind = FEED_ATOM;
	else {
		*cause = xasprintf("not an RSS or Atom feed (the first element is <%.40s>)",
		    (const char *)root->name);
		return -1;
	}
	chan = f->kind == FEED_ATOM ? root : feed_child(root, NS_CORE, "channel");
	if (chan != NULL) {
		feed_meta(c, chan);
		feed_items(c, chan);
	}
	if (f->kind != FEED_ATOM)
		feed_items(c, root);	/* RSS 1.0 items, and RSS 0.9x ones outside the channel */
	return 0;
}

/* Refuse every external entity and DTD: a feed never reaches the network or a file. */
static xmlParserInputPtr
feed_no_entity(const char *url, const char *id, xmlParserCtxtPtr ctxt)
{
	(void)url;
	(void)id;
	(void)ctxt;
	return NULL;
}

/* Parse the repaired bytes (encoding as feedprep() said) into a tree, or NULL with *cause. */
static xmlDocPtr
feed_read_xml(const struct buf *b, const char *url, const char *encoding, unsigned *errors,
    char **cause)
{
	xmlParserCtxtPtr ctxt;
	xmlDocPtr doc;
	const xmlError *e;

	if (b->len > INT32_MAX) {
		*cause = xstrdup("larger than 2 GiB");
		return NULL;
	}
	if ((ctxt = xmlNewParserCtxt()) == NULL)
		fatal("out of memory");
	doc = xmlCtxtReadMemory(ctxt, b->data != NULL ? b->data : "", (int)b->len, url, encoding,
	    XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING | XML_PARSE_NOCDATA |
	    XML_PARSE_RECOVER | XML_PARSE_COMPACT);
	e = xmlCtxtGetLastError(ctxt);
	*errors = ctxt->wellFormed ? 0 : 1;
	if (e != NULL && (e->code == XML_ERR_ENTITY_LOOP)) {
		*cause = xstrdup("entity expansion out of bounds (a \"billion laughs\" feed)");
		xmlFreeDoc(doc);
		doc = NULL;
	} else if (doc == NULL || xmlDocGetRootElement(doc) == NULL) {
		*cause = e != NULL && e->message != NULL ? xasprintf("not XML: line %d: %.200s",
		    e->line, e->message) : xstrdup("not XML");
		xmlFreeDoc(doc);
		doc = NULL;
	}
	xmlFreeParserCtxt(ctxt);
	if (*cause != NULL) {
		size_t n = strlen(*cause);

		while (n > 0 && ((*cause)[n - 1] == '\n' || (*cause)[n - 1] == ' '))
			(*cause)[--n] = '\0';
	}
	return doc;
}

void
feed_global_init(void)
{
	static bool init;

	if (!init) {
		xmlInitParser();
		xmlSetExternalEntityLoader(feed_no_entity);
		init = true;
	}
}

int
feed_parse(struct feed *f, const char *data, size_t len, const char *url, const char *charset,
    char **cause)
{
	struct feed_ctx c;
	struct buf b = BUF_INIT;
	const char *enc;
	char encbuf[64];
	int r;

	memset(f, 0, sizeof *f);
	feed_global_init();
	*cause = NULL;
	enc = feedprep(&b, data, len, charset, encbuf, sizeof encbuf);
	memset(&c, 0, sizeof c);
	c.f = f;
	c.doc = feed_read_xml(&b, url, enc, &f->errors, cause);
	if (c.doc == NULL && enc != NULL && strcmp(enc, "UTF-8") != 0) {
		/* an encoding libxml2 does not know: read it as Latin-1 */
		free(*cause);
		*cause = NULL;
		buf_reset(&b);
		feedprep_latin(&b, data, len);
		c.doc = feed_read_xml(&b, url, "UTF-8", &f->errors, cause);
	}
	buf_free(&b);
	if (c.doc == NULL)
		return -1;
	f->arena = arena_new();
	c.url = url != NULL && feed_http(url) ? arena_strdup(f->arena, url) : NULL;
	c.budget = 4 * len + 1024 * 1024;
	r = feed_walk(&c, xmlDocGetRootElement(c.doc), cause);
	if (r == 0 && c.bomb) {
		*cause = xstrdup("entity expansion out of bounds (a \"billion laughs\" feed)");
		r = -1;
	}
	xmlFreeDoc(c.doc);
	if (r < 0)
		feed_free(f);
	return r;
}

void
feed_free(struct feed *f)
{
	free(f->items);
	arena_free(f->arena);
	memset(f, 0, sizeof *f);
}

/*
 * The end of the markup declaration, comment or processing instruction at
 * data[i] ("<!", "<?"), an internal DTD subset in brackets included: the
 * index after it, or len when it never ends.
 */
static size_t
feed_skip_decl(const char *data, size_t len, size_t i)
{
	size_t k;
	int depth = 0;

	if (i + 3 < len && memcmp(data + i, "<!--", 4) == 0) {
		for (k = i + 4; k + 2 < len && memcmp(data + k, "-->", 3) != 0; k++)
			;
		return k + 2 < len ? k + 3 : len;
	}
	for (k = i + 2; k < len; k++) {
		if (data[k] == '[')
			depth++;
		else if (data[k] == ']')
			depth--;
		else if (data[k] == '>' && depth <= 0)
			return k + 1;
	}
	return len;
}

bool
feed_sniff(const char *data, size_t len)
{
	size_t i = 0;

	if (len > 65536)
		len = 65536;
	if (len >= 3 && memcmp(data, "\xef\xbb\xbf", 3) == 0)
		i = 3;
	for (;;) {
		while (i < len && ascii_isspace((unsigned char)data[i]))
			i++;
		if (i + 1 >= len || data[i] != '<')
			return false;
		if (data[i + 1] != '?' && data[i + 1] != '!')
			break;
		i = feed_skip_decl(data, len, i);
	}
	i++;
	return (len - i >= 3 && memcmp(data + i, "rss", 3) == 0 &&
	    (len - i == 3 || !ascii_isalpha((unsigned char)data[i + 3]))) ||
	    (len - i >= 4 && memcmp(data + i, "feed", 4) == 0 &&
	    (len - i == 4 || !ascii_isalpha((unsigned char)data[i + 4]))) ||
	    (len - i >= 7 && ascii_strncasecmp(data + i, "rdf:RDF", 7) == 0) ||
	    (len - i >= 3 && memcmp(data + i, "RDF", 3) == 0);
}

bool
feed_charset(const char *content_type, char *out, size_t size)
{
	const char *p;
	size_t n = 0;

	if (content_type == NULL)
		return false;
	for (p = content_type; *p != '\0'; p++)
		if (ascii_strncasecmp(p, "charset=", 8) == 0)
			break;
	if (*p == '\0')
		return false;
	p += 8;
	if (*p == '"')
		p++;
	while (*p != '\0' && *p != '"' && *p != ';' && *p != ' ' && n + 1 < size)
		out[n++] = *p++;
	out[n] = '\0';
	return n > 0;
}
