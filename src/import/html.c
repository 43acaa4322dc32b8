/*
 * html.c: web pages and HTML fragments into a struct imported (see
 * imported.h and html-int.h for the steps).
 *
 * A page is decoded to UTF-8, parsed, its metadata gathered, then the
 * article is looked for. When what is found is short (under 500
 * characters), the search is made again on a fresh parse with fewer rules
 * (first without removing unlikely blocks, then without the class hints,
 * then without the conditional cleaning), and the longest result is kept,
 * as Readability does: short pages are often all article.
 */
#include <stdlib.h>
#include <string.h>

#include <libxml/uri.h>

#include "arena.h"
#include "html-int.h"
#include "utf8.h"
#include "util.h"

/* Characters an article has before the first attempt is trusted; attempts. */
#define HTML_ENOUGH_TEXT	500
#define HTML_ATTEMPTS		4
#define HTML_MAX_LINKS		0.8	/* an article is not mostly links */

/* Bytes kept of each field (a longer one is cut at a word). */
#define HTML_MAX_TITLE		500
#define HTML_MAX_SUBTITLE	2000
#define HTML_MAX_FIELD		300
#define HTML_MAX_ADDRESS	4096

const char *
html_absolute(struct hpage *pg, const char *ref)
{
	const char *r;
	xmlChar *abs;
	size_t n;

	if (ref == NULL)
		return NULL;
	while (ascii_isspace((unsigned char)*ref))
		ref++;
	n = strlen(ref);
	while (n > 0 && ascii_isspace((unsigned char)ref[n - 1]))
		n--;
	if (n == 0 || n > HTML_MAX_ADDRESS || ascii_strncasecmp(ref, "javascript:", 11) == 0)
		return NULL;
	ref = imported_text(pg->imp, ref, n, 0);
	if (ref == NULL || pg->base == NULL || strstr(ref, "://") != NULL ||
	    ascii_strncasecmp(ref, "data:", 5) == 0 || ascii_strncasecmp(ref, "mailto:", 7) == 0)
		return ref;
	if ((abs = xmlBuildURI((const xmlChar *)ref, (const xmlChar *)pg->base)) == NULL)
		return ref;
	r = imported_line(pg->imp, (const char *)abs);
	xmlFree(abs);
	return r != NULL ? r : ref;
}

/* s cut to at most max bytes at a word (s itself when short); in the arena. */
static const char *
html_cap(struct hpage *pg, const char *s, size_t max)
{
	size_t n;

	if (s == NULL || strlen(s) <= max)
		return s;
	for (n = max; n > max / 2 && s[n] != ' '; n--)
		continue;
	if (s[n] != ' ')
		n = utf8_cut(s, max, max);
	return imported_text(pg->imp, s, n, 0);
}

/* The host of an address, without "www.", in the arena; NULL when it has none. */
static const char *
html_host(struct hpage *pg, const char *url)
{
	const char *p = url != NULL ? strstr(url, "://") : NULL, *e;

	if (p == NULL)
		return NULL;
	p += 3;
	if (strncmp(p, "www.", 4) == 0)
		p += 4;
	for (e = p; *e != '\0' && *e != '/' && *e != ':' && *e != '?' && *e != '#'; e++)
		continue;
	return e > p ? imported_text(pg->imp, p, (size_t)(e - p), 0) : NULL;
}

/*
 * A title from the body: the first words of its first block of three words
 * or more that is no date (else of its first block), Markdown marks left out.
 */
static const char *
html_first_words(struct hpage *pg)
{
	struct imported *imp = pg->imp;
	struct buf b = BUF_INIT;
	const char *r = NULL, *p;
	size_t i;

	for (i = 0; i < imp->nparas && r == NULL; i++) {
		buf_reset(&b);
		for (p = imp->paras[i]; *p == '#' || *p == '>' || *p == ' ' || *p == '-'; p++)
			continue;
		for (; *p != '\0' && *p != '\n' && b.len < HTML_MAX_FIELD; p++)
			if (*p != '\\')
				buf_addc(&b, *p);
		r = html_cap(pg, imported_line(imp, b.data != NULL ? b.data : ""), 100);
		if (r != NULL && i + 1 < imp->nparas && (strchr(r, ' ') == NULL ||
		    strchr(strchr(r, ' ') + 1, ' ') == NULL || (strlen(r) < 40 &&
		    hclean_find_date(pg, r) != NULL)))
			r = NULL;
	}
	if (r == NULL && imp->nparas > 0) {
		buf_reset(&b);
		buf_adds(&b, imp->paras[0]);
		r = html_cap(pg, imported_line(imp, b.data), 100);
	}
	buf_free(&b);
	return r != NULL ? r : imported_line(imp, "Untitled");
}

/* Choose the article's title: the metadata's, else <title> cleaned, else the first heading. */
static void
html_title(struct hpage *pg)
{
	struct hmeta *m = &pg->meta;
	xmlNodePtr h;

	if (m->title != NULL)
		pg->title = m->title;
	else
		pg->title = hclean_title(pg, m->doc_title, m->site);
	if (pg->title == NULL && (h = hdom_find(pg->body, H_H1)) != NULL)
		pg->title = hdom_text_line(pg, h);
	pg->title = html_cap(pg, pg->title, HTML_MAX_TITLE);
}

/* The page's text, decoded. */
struct htext {
	struct buf	 buf;
	const char	*s;
	size_t		 len;
};

/* Parse the page afresh into pg (for an attempt). */
static void
html_parse(struct hpage *pg, const struct htext *utf8)
{
	xmlNodePtr html;

	pg->doc = hdom_parse(utf8->s, utf8->len, NULL);
	html = xmlDocGetRootElement(pg->doc);
	hdom_info_init(pg, html);
	for (pg->body = html->children; pg->body != NULL && !(pg->body->type ==
	    XML_ELEMENT_NODE && hdom_tag(pg->body) == H_BODY); pg->body = pg->body->next)
		continue;
	pg->around = pg->marker = NULL;
}

/* One attempt at finding the article (rules by attempt); returns the content. */
static xmlNodePtr
html_attempt(struct hpage *pg, int attempt)
{
	xmlNodePtr content;

	pg->strip_unlikely = attempt < 1;
	pg->weight_classes = attempt < 2;
	pg->clean_conditionally = attempt < 3;
	hprune_byline(pg);
	hprune_always(pg);
	if (pg->strip_unlikely)
		hprune_unlikely(pg);
	content = hscore_article(pg);
	htidy_content(pg, content);
	return content;
}

/* Find the article, trying again with fewer rules while it is short; returns its content. */
static xmlNodePtr
html_find(struct hpage *pg, const struct htext *utf8)
{
	htmlDocPtr best_doc = NULL;
	xmlNodePtr content, best = NULL, around = NULL, marker = NULL, body = NULL;
	size_t best_text = 0;
	int attempt;

	for (attempt = 0; attempt < HTML_ATTEMPTS; attempt++) {
		size_t text;

		if (attempt > 0)
			html_parse(pg, utf8);
		content = html_attempt(pg, attempt);
		text = hdom_info(content)->text;
		if (best == NULL || text > best_text) {
			if (best_doc != NULL)
				xmlFreeDoc(best_doc);
			best_doc = pg->doc;
			best = content;
			best_text = text;
			around = pg->around;
			marker = pg->marker;
			body = pg->body;
		} else {
			xmlFreeDoc(pg->doc);
		}
		if (text >= HTML_ENOUGH_TEXT)
			break;
	}
	pg->doc = best_doc;
	pg->around = around;
	pg->marker = marker;
	pg->body = body;
	/* links alone (a menu, a site map) are no article */
	if (hdom_info(best)->text == 0 || hdom_link_density(best) > HTML_MAX_LINKS)
		return NULL;
	return best;
}

/*
 * The authors: the metadata's; when it has none, or only the site's own
 * name ("Example News" for a story whose byline names a reporter), the
 * names of the byline element in the page, if it gives some.
 */
static void
html_authors(struct hpage *pg, struct hmeta *m)
{
	struct hmeta dom;

	if (m->dom_byline == NULL || (m->nauthors > 0 && (m->nauthors > 1 || m->site == NULL ||
	    !hclean_same(m->authors[0], m->site))))
		return;
	/* no author, or only the site itself: the byline's names, when it has some */
	memset(&dom, 0, sizeof dom);
	hclean_authors(pg, &dom, m->dom_byline);
	if (dom.nauthors > 0) {
		free(m->authors);
		m->authors = dom.authors;
		m->nauthors = dom.nauthors;
		m->cap_authors = dom.cap_authors;
	}
}

/* Does block md (Markdown) repeat the title or the byline of the front matter? */
static bool
html_repeats(struct hpage *pg, const char *md)
{
	struct imported *imp = pg->imp;
	const char *p = md;
	size_t i;

	while (*p == '#' || *p == ' ')
		p++;
	if (imp->title != NULL && hclean_same(p, imp->title))
		return true;
	if (strlen(p) > 200 || ascii_strncasecmp(p, "by ", 3) != 0)
		return false;
	for (i = 0; i < imp->nauthors; i++)
		if (strstr(p, imp->authors[i]) != NULL)
			return true;
	return false;
}

/* Take out the first blocks of the body that repeat the title or the byline. */
static void
html_drop_repeats(struct hpage *pg)
{
	struct imported *imp = pg->imp;
	size_t i, k = 0, look = imp->nparas < 3 ? imp->nparas : 3;

	for (i = 0; i < imp->nparas; i++)
		if (i >= look || imp->nparas - (i - k) <= 1 || !html_repeats(pg, imp->paras[i]))
			imp->paras[k++] = imp->paras[i];
	imp->nparas = k;
}

/* Fill imp's fields from the metadata. */
static void
html_fields(struct hpage *pg)
{
	struct imported *imp = pg->imp;
	struct hmeta *m = &pg->meta;
	size_t i;

	imp->title = pg->title;
	imp->subtitle = html_cap(pg, m->description, HTML_MAX_SUBTITLE);
	imp->source = html_cap(pg, m->site, HTML_MAX_FIELD);
	if (imp->source == NULL)
		imp->source = html_host(pg, pg->location);
	imp->url = m->url != NULL ? html_absolute(pg, m->url) : pg->location;
	if (m->url != NULL)
		imp->id = imp->url;
	imp->date = m->date;
	html_authors(pg, m);
	for (i = 0; i < m->nauthors; i++)
		imported_add_author(imp, html_cap(pg, m->authors[i], HTML_MAX_FIELD));
	for (i = 0; i < m->ntags; i++)
		imported_add_tag(imp, html_cap(pg, m->tags[i], HTML_MAX_FIELD));
	html_drop_repeats(pg);
}

/* Release what pg holds (not imp). */
static void
html_done(struct hpage *pg)
{
	if (pg->doc != NULL)
		xmlFreeDoc(pg->doc);
	free(pg->meta.authors);
	free(pg->meta.tags);
	strmap_free(&pg->seen_images);
}

int
imported_from_html(struct imported *imp, const char *data, size_t len,
    const char *base_url, char **cause)
{
	struct hpage pg;
	struct htext utf8 = { BUF_INIT, NULL, 0 };
	xmlNodePtr content;

	memset(&pg, 0, sizeof pg);
	pg.imp = imp;
	pg.seen_images = (struct strmap)STRMAP_INIT;
	pg.location = pg.base = base_url != NULL ? imported_line(imp, base_url) : NULL;
	hcharset_decode(&utf8.buf, data, len, &utf8.s, &utf8.len);
	html_parse(&pg, &utf8);
	hmeta_collect(&pg);
	if (pg.location == NULL && pg.meta.url != NULL && strstr(pg.meta.url, "://") != NULL)
		pg.location = pg.meta.url;
	if (pg.base == NULL)
		pg.base = pg.location;
	html_title(&pg);
	if ((content = html_find(&pg, &utf8)) != NULL) {
		hfigure_around(&pg);
		hfigure_collect(&pg, content);
		hbody_markdown(&pg, content);
		hfigure_lead(&pg);
		html_fields(&pg);
	}
	html_done(&pg);
	buf_free(&utf8.buf);
	if (imp->nparas == 0) {
		*cause = xstrdup(IMPORTED_NO_TEXT);
		return -1;
	}
	if (imp->title == NULL)
		imp->title = html_first_words(&pg);
	return 0;
}

size_t
imported_html_fragment(struct imported *imp, const char *html, size_t len,
    const char *base_url)
{
	struct hpage pg;
	struct htext utf8 = { BUF_INIT, NULL, 0 };
	size_t added;

	memset(&pg, 0, sizeof pg);
	pg.imp = imp;
	pg.fragment = true;
	pg.seen_images = (struct strmap)STRMAP_INIT;
	pg.location = pg.base = base_url != NULL ? imported_line(imp, base_url) : NULL;
	for (size_t i = 0; i < imp->nimages; i++)
		if (imp->images[i].path != NULL)
			strmap_put(&pg.seen_images, imp->images[i].path,
			    strlen(imp->images[i].path), NULL);
	hcharset_decode(&utf8.buf, html, len, &utf8.s, &utf8.len);
	html_parse(&pg, &utf8);
	hprune_always(&pg);
	hfigure_collect(&pg, pg.body);
	added = hbody_markdown(&pg, pg.body);
	html_done(&pg);
	buf_free(&utf8.buf);
	return added;
}
