/*
 * html-meta.c: a page's metadata (see html-int.h).
 *
 * One walk over the whole document gathers the <meta> elements (by
 * property, name or itemprop; a property attribute may list several names;
 * "DC.title" is read as "dc:title"), <title>, <link rel=canonical>, <base>,
 * the <time> of publication and the JSON-LD scripts. Then each field takes
 * the best source that has it:
 *
 *   title     JSON-LD headline/name, Dublin Core, og:title, twitter:title,
 *             parsely-title, else <title> with the site's name cut off
 *   subtitle  JSON-LD description, Dublin Core, og:, description, twitter:
 *   source    JSON-LD publisher, og:site_name, application-name
 *   date      JSON-LD datePublished, article:published_time, Parse.ly, Dublin
 *             Core, the usual <meta> names, itemprop, <time pubdate>
 *   authors   JSON-LD author, Dublin Core creator, author, Parse.ly, the
 *             usual <meta> names, article:author when not an address, the
 *             byline element in the page
 *   tags      JSON-LD keywords, article:tag, news_keywords, keywords, Parse.ly
 *   image     JSON-LD image, og:image, twitter:image
 *   url, id   <link rel=canonical>, og:url, JSON-LD url
 */
#include <string.h>

#include "arena.h"
#include "article.h"
#include "html-int.h"
#include "strmap.h"
#include "util.h"

/* The longest key kept; date elements looked at. */
#define META_KEY_MAX		64
#define META_MAX_DATE_TRIES	20

/* Values of one key, in page order. */
struct mval {
	const char	*s;
	struct mval	*next;
};

struct mkey {
	struct mval	*first, *last;
	bool		 property;	/* from a property attribute (beats name) */
};

/* The walk's findings. */
struct mwalk {
	struct hpage	*pg;
	struct strmap	 keys;		/* normalised key -> struct mkey * */
	const char	*time_pub;	/* <time pubdate> or itemprop=datePublished */
	const char	*time_any;	/* the first <time datetime> in an article */
	const char	*date_text;	/* a date in the text of a date element ("Published ...") */
	size_t		 tries;		/* date elements looked at */
};

/* Add value s under key[0..n) (normalised here) from a property (or a name). */
static void
meta_put(struct mwalk *w, const char *key, size_t n, const char *s, bool property)
{
	char k[META_KEY_MAX + 1];
	size_t i, len = 0;
	union strmap_val *v;
	struct mkey *mk;
	struct mval *mv;
	bool added;

	if (s == NULL)
		return;
	for (i = 0; i < n && len < META_KEY_MAX; i++) {
		char c = (char)ascii_tolower((unsigned char)key[i]);

		k[len++] = c == '.' && !property ? ':' : c;
	}
	if (len == 0)
		return;
	v = strmap_put(&w->keys, k, len, &added);
	if (added)
		v->p = arena_calloc(w->pg->imp->arena, 1, sizeof *mk);
	mk = v->p;
	if (mk->first != NULL && property && !mk->property)
		mk->first = mk->last = NULL;	/* a property beats a name */
	else if (mk->first != NULL && !property && mk->property)
		return;
	mk->property = property;
	mv = arena_calloc(w->pg->imp->arena, 1, sizeof *mv);
	mv->s = s;
	if (mk->last != NULL)
		mk->last->next = mv;
	else
		mk->first = mv;
	mk->last = mv;
}

/* The first value of key, or NULL. */
static const char *
meta_get(const struct mwalk *w, const char *key)
{
	union strmap_val *v = strmap_get(&w->keys, key, strlen(key));
	const struct mkey *mk = v != NULL ? v->p : NULL;

	return mk != NULL && mk->first != NULL ? mk->first->s : NULL;
}

/* The values of key (a list), or NULL. */
static const struct mval *
meta_all(const struct mwalk *w, const char *key)
{
	union strmap_val *v = strmap_get(&w->keys, key, strlen(key));
	const struct mkey *mk = v != NULL ? v->p : NULL;

	return mk != NULL ? mk->first : NULL;
}

/* A <meta>: each name of its property attribute, else its name or itemprop. */
static void
meta_element(struct mwalk *w, const xmlNode *n)
{
	const char *content = hdom_attr(n, "content"), *p, *e;
	const char *name = hdom_attr(n, "name"), *prop = hdom_attr(n, "property");
	const char *item = hdom_attr(n, "itemprop");

	if (content == NULL)
		return;
	content = imported_text(w->pg->imp, content, strlen(content), 0);
	if (content == NULL)
		return;
	if (prop != NULL) {
		for (p = prop; *p != '\0'; p = e) {
			while (*p == ' ' || *p == '\t' || *p == '\n')
				p++;
			for (e = p; *e != '\0' && *e != ' ' && *e != '\t' && *e != '\n'; e++)
				continue;
			meta_put(w, p, (size_t)(e - p), content, true);
		}
	}
	if (name != NULL) {
		char k[META_KEY_MAX + 1];
		size_t i, len = 0;

		for (i = 0; name[i] != '\0' && len < META_KEY_MAX; i++)
			if (!ascii_isspace((unsigned char)name[i]))
				k[len++] = name[i];
		meta_put(w, k, len, content, false);
	}
	if (item != NULL) {
		char k[META_KEY_MAX + 1];
		int len = snprintf(k, sizeof k, "itemprop:%s", item);

		meta_put(w, k, len < 0 ? 0 : (size_t)len >= sizeof k ? sizeof k - 1 : (size_t)len,
		    content, false);
	}
}

/* A <time> (or any element with itemprop=datePublished): a date of publication? */
static void
meta_time(struct mwalk *w, const xmlNode *n)
{
	const char *dt = hdom_attr(n, "datetime"), *item = hdom_attr(n, "itemprop");
	bool pub = hdom_attr(n, "pubdate") != NULL ||
	    (item != NULL && ascii_strcasecmp(item, "datePublished") == 0);

	if (dt == NULL && pub)
		dt = hdom_attr(n, "content");
	if (dt == NULL && pub)
		dt = hdom_text_line(w->pg, n);
	/* a copy: the tree goes before the fields are filled */
	if ((dt = imported_line(w->pg->imp, dt)) == NULL)
		return;
	if (pub && w->time_pub == NULL)
		w->time_pub = dt;
	else if (!pub && w->time_any == NULL && hdom_tag(n) == H_TIME &&
	    (hdom_has_ancestor(n, H_ARTICLE, 0) || hdom_has_ancestor(n, H_HEADER, 0) ||
	    hdom_has_ancestor(n, H_MAIN, 0)))
		w->time_any = dt;
}

const char *
hmeta_dateline(struct hpage *pg, const xmlNode *n, size_t max)
{
	static const char *const hints[] = {
		"date", "dateline", "published", "pubdate", "publish", "timestamp", "posted",
		"entry-date", "post-date", "article-date", "byline-date", "time", NULL,
	};
	char cls[512];
	const char *t, *r = NULL;
	struct buf b = BUF_INIT;

	hdom_class(n, cls);
	if (!hdom_token(cls, hints) || strstr(cls, "update") != NULL ||
	    strstr(cls, "modified") != NULL)
		return NULL;
	hdom_text(n, &b);
	if (b.len < max && (t = imported_text(pg->imp, b.data, b.len, 0)) != NULL &&
	    ascii_strncasecmp(t, "updated", 7) != 0)
		r = hclean_find_date(pg, t);
	buf_free(&b);
	return r;
}

/* An element whose class says it holds the date ("dateline", "published"): its date. */
static void
meta_date_text(struct mwalk *w, const xmlNode *n)
{
	char cls[512];

	hdom_class(n, cls);
	if (cls[0] == ' ' && cls[1] == '\0')
		return;
	w->tries++;
	w->date_text = hmeta_dateline(w->pg, n, 200);
}

/* A <link>: the canonical address. */
static void
meta_link(struct mwalk *w, const xmlNode *n)
{
	const char *rel = hdom_attr(n, "rel"), *href = hdom_attr(n, "href");

	if (rel != NULL && href != NULL && ascii_strcasecmp(rel, "canonical") == 0)
		meta_put(w, "link:canonical", 14, imported_line(w->pg->imp, href), true);
}

/* Look at one element of the walk. */
static void
meta_visit(struct mwalk *w, const xmlNode *n)
{
	switch (hdom_tag(n)) {
	case H_META:
		meta_element(w, n);
		break;
	case H_TITLE:
		if (w->pg->meta.doc_title == NULL && !hdom_has_ancestor(n, H_SVG, 0) &&
		    !hdom_has_ancestor(n, H_BODY, 0))
			w->pg->meta.doc_title = hdom_text_line(w->pg, n);
		break;
	case H_LINK:
		meta_link(w, n);
		break;
	case H_BASE:
		if (meta_get(w, "base:href") == NULL && hdom_attr(n, "href") != NULL)
			meta_put(w, "base:href", 9, imported_line(w->pg->imp, hdom_attr(n, "href")),
			    true);
		break;
	case H_TIME:
		meta_time(w, n);
		break;
	default:
		if (hdom_attr(n, "itemprop") != NULL &&
		    ascii_strcasecmp(hdom_attr(n, "itemprop"), "datePublished") == 0)
			meta_time(w, n);
		else if (w->date_text == NULL && w->tries < META_MAX_DATE_TRIES)
			meta_date_text(w, n);
		break;
	}
}

/* The first of keys (a NULL-ended list) that has a value. */
static const char *
meta_first(const struct mwalk *w, const char *const *keys)
{
	const char *s;

	for (; *keys != NULL; keys++)
		if ((s = meta_get(w, *keys)) != NULL)
			return s;
	return NULL;
}

/* Is s a web address (not a name)? */
static bool
meta_is_address(const char *s)
{
	return ascii_strncasecmp(s, "http", 4) == 0 || strncmp(s, "www.", 4) == 0 || s[0] == '/';
}

/* The authors from the <meta> names, in order of preference. */
static void
meta_authors(struct mwalk *w, struct hmeta *m)
{
	static const char *const keys[] = {
		"dc:creator", "dcterm:creator", "dcterms:creator", "author", "parsely-author",
		"sailthru:author", "byl", "citation_author", "article:author", "itemprop:author",
		NULL,
	};
	const struct mval *v;
	size_t k;

	for (k = 0; keys[k] != NULL && m->nauthors == 0; k++)
		for (v = meta_all(w, keys[k]); v != NULL; v = v->next)
			if (!meta_is_address(v->s))
				hclean_authors(w->pg, m, v->s);
}

/* The tags from the <meta> names. */
static void
meta_tags(struct mwalk *w, struct hmeta *m)
{
	static const char *const keys[] = {
		"article:tag", "news_keywords", "keywords", "parsely-tags", "sailthru:tags", NULL,
	};
	const struct mval *v;
	size_t k;

	for (k = 0; keys[k] != NULL && m->ntags == 0; k++)
		for (v = meta_all(w, keys[k]); v != NULL; v = v->next)
			hmeta_add_tags(w->pg, m, v->s);
}

/*
 * A date in UTC ("...Z") from JSON-LD yields to article:published_time
 * when that is the same moment in the site's own time zone: the day is the
 * one the site printed.
 */
static void
meta_local_date(struct mwalk *w, struct hmeta *m)
{
	const char *og = hclean_date(w->pg, meta_get(w, "article:published_time"));
	struct article_date a, b;
	size_t n;

	if (m->date == NULL || og == NULL || (n = strlen(m->date)) == 0 || m->date[n - 1] != 'Z' ||
	    !article_parse_date(m->date, &a) || !article_parse_date(og, &b) || !b.has_tz ||
	    b.tz_min == 0 || article_date_epoch(&a) != article_date_epoch(&b))
		return;
	m->date = og;
}

/* Fill the fields JSON-LD left empty from the <meta> elements and the walk. */
static void
meta_choose(struct mwalk *w, struct hmeta *m)
{
	static const char *const title[] = {
		"dc:title", "dcterm:title", "dcterms:title", "og:title", "twitter:title",
		"parsely-title", "sailthru:title", "citation_title", NULL,
	};
	static const char *const desc[] = {
		"dc:description", "dcterm:description", "dcterms:description", "og:description",
		"description", "twitter:description", "itemprop:description", NULL,
	};
	static const char *const site[] = {
		"og:site_name", "application-name", "dc:publisher", "citation_journal_title", NULL,
	};
	static const char *const date[] = {
		"article:published_time", "parsely-pub-date", "dc:date", "dcterms:created",
		"dcterms:date", "dcterm:created", "itemprop:datepublished", "og:published_time",
		"article:published", "published_time", "pubdate", "publishdate", "publish-date",
		"publish_date", "date", "sailthru:date", "citation_publication_date",
		"citation_date", "og:pubdate", "dc:date:issued", "dcterms:issued", NULL,
	};
	static const char *const image[] = {
		"og:image", "og:image:url", "og:image:secure_url", "twitter:image",
		"twitter:image:src", "parsely-image-url", NULL,
	};
	static const char *const url[] = { "link:canonical", "og:url", "parsely-link", NULL };

	if (m->title == NULL)
		m->title = meta_first(w, title);
	if (m->description == NULL)
		m->description = meta_first(w, desc);
	if (m->site == NULL)
		m->site = meta_first(w, site);
	meta_local_date(w, m);
	if (m->date == NULL)
		m->date = hclean_date(w->pg, meta_first(w, date));
	if (m->date == NULL)
		m->date = hclean_date(w->pg, w->time_pub);
	if (m->date == NULL)
		m->date = hclean_date(w->pg, w->time_any);
	if (m->date == NULL)
		m->date = w->date_text;
	if (m->image == NULL)
		m->image = meta_first(w, image);
	if (m->image_alt == NULL)
		m->image_alt = meta_first(w, (const char *const[]){ "og:image:alt",
		    "twitter:image:alt", NULL });
	if (m->url == NULL)
		m->url = meta_first(w, url);
	meta_authors(w, m);
	meta_tags(w, m);
}

void
hmeta_collect(struct hpage *pg)
{
	struct mwalk w;
	xmlNodePtr root = xmlDocGetRootElement(pg->doc), n;

	memset(&w, 0, sizeof w);
	w.pg = pg;
	w.keys = (struct strmap)STRMAP_INIT;
	for (n = root; n != NULL; n = hdom_next(n, root, true))
		if (n->type == XML_ELEMENT_NODE)
			meta_visit(&w, n);
	if (!pg->fragment && meta_get(&w, "base:href") != NULL)
		pg->base = html_absolute(pg, meta_get(&w, "base:href"));
	hjsonld_collect(pg, &pg->meta);
	meta_choose(&w, &pg->meta);
	strmap_free(&w.keys);
}

void
hmeta_add_author(struct hpage *pg, struct hmeta *m, const char *raw)
{
	const char *name = imported_line(pg->imp, raw);
	size_t i;

	if (name == NULL || !hclean_is_name(name))
		return;
	for (i = 0; i < m->nauthors; i++)
		if (hclean_same(m->authors[i], name))
			return;
	ARRAY_GROW(m->authors, m->nauthors + 1, m->cap_authors);
	m->authors[m->nauthors++] = name;
}

void
hmeta_add_tags(struct hpage *pg, struct hmeta *m, const char *raw)
{
	const char *p = raw, *e;
	size_t i;

	while (p != NULL && *p != '\0') {
		const char *tag;

		for (e = p; *e != '\0' && *e != ',' && *e != ';'; e++)
			continue;
		tag = imported_text(pg->imp, p, (size_t)(e - p), 0);
		p = *e != '\0' ? e + 1 : NULL;
		if (tag == NULL || strlen(tag) > 80 || m->ntags >= 50)
			continue;
		for (i = 0; i < m->ntags && !hclean_same(m->tags[i], tag); i++)
			continue;
		if (i < m->ntags)
			continue;
		ARRAY_GROW(m->tags, m->ntags + 1, m->cap_tags);
		m->tags[m->ntags++] = tag;
	}
}
