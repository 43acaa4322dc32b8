/*
 * html-jsonld.c: the metadata in a page's JSON-LD (see html-int.h).
 *
 * Every <script type="application/ld+json"> is read with jansson (a
 * "<![CDATA[" wrapper taken off). The article is the first object, at the
 * top, in an array or in an "@graph", whose "@type" (a string or a list)
 * names an article type (NewsArticle, Article, BlogPosting...). Its
 * headline or name, description, datePublished, author (a string, a
 * Person, a list of either), publisher's name, image (an address, an
 * ImageObject with its caption, a list), keywords (a list or a
 * comma-separated string) and url fill the fields still empty. Strings are
 * HTML-decoded once: a script's text is raw, and sites escape their JSON.
 */
#include <string.h>

#include <jansson.h>
#include <libxml/HTMLparser.h>

#include "arena.h"
#include "html-int.h"
#include "utf8.h"
#include "util.h"

/* Objects looked at in one script; bytes of script read. */
#define JSONLD_MAX_OBJECTS	256
#define JSONLD_MAX_BYTES	(4u * 1024 * 1024)

/* @type values that are articles (Schema.org's Article and its kinds). */
static const char *const jsonld_types[] = {
	"Article", "NewsArticle", "AnalysisNewsArticle", "AskPublicNewsArticle",
	"BackgroundNewsArticle", "OpinionNewsArticle", "ReportageNewsArticle",
	"ReviewNewsArticle", "SatiricalArticle", "ScholarlyArticle",
	"MedicalScholarlyArticle", "SocialMediaPosting", "BlogPosting", "LiveBlogPosting",
	"DiscussionForumPosting", "TechArticle", "APIReference", "Report",
	"AdvertiserContentArticle", "CreativeWork", NULL,
};

/* Is the type name s one of jsonld_types (a "schema:" or URL prefix allowed)? */
static bool
jsonld_type_name(const char *s)
{
	const char *slash = strrchr(s, '/'), *colon = strrchr(s, ':');
	size_t i;

	if (slash != NULL)
		s = slash + 1;
	else if (colon != NULL)
		s = colon + 1;
	for (i = 0; jsonld_types[i] != NULL; i++)
		if (strcmp(s, jsonld_types[i]) == 0)
			return true;
	return false;
}

/* Is o an article (by its @type, a string or a list)? */
static bool
jsonld_is_article(json_t *o)
{
	json_t *t = json_object_get(o, "@type"), *v;
	size_t i;

	if (json_is_string(t))
		return jsonld_type_name(json_string_value(t));
	json_array_foreach(t, i, v)
		if (json_is_string(v) && jsonld_type_name(json_string_value(v)))
			return true;
	return false;
}

/* Append the code point of the entity at s (after '&') to out; returns bytes used, 0 if none. */
static size_t
jsonld_entity(const char *s, struct buf *out)
{
	char name[40], u[4];
	size_t n = 0;
	long cp = -1;

	if (s[0] == '#') {
		bool hex = s[1] == 'x' || s[1] == 'X';
		char *end;

		cp = strtol(s + (hex ? 2 : 1), &end, hex ? 16 : 10);
		if (*end != ';' || end == s + (hex ? 2 : 1))
			return 0;
		n = (size_t)(end - s) + 1;
		if (cp <= 0 || cp > 0x10ffff || (cp >= 0xd800 && cp < 0xe000))
			cp = 0xfffd;
	} else {
		const htmlEntityDesc *e;

		while (n < sizeof name - 1 && (ascii_isalpha((unsigned char)s[n]) ||
		    ascii_isdigit((unsigned char)s[n])))
			name[n] = s[n], n++;
		name[n] = '\0';
		if (s[n] != ';' || (e = htmlEntityLookup((const xmlChar *)name)) == NULL)
			return 0;
		cp = (long)e->value;
		n++;
	}
	buf_add(out, u, utf8_encode((int32_t)cp, u));
	return n;
}

/* s with HTML entities decoded once, cleaned onto one line, in the arena; NULL when empty. */
static const char *
jsonld_str(struct hpage *pg, json_t *v)
{
	struct buf b = BUF_INIT;
	const char *s, *r;
	size_t n;

	if (!json_is_string(v))
		return NULL;
	s = json_string_value(v);
	if (strchr(s, '&') == NULL)
		return imported_line(pg->imp, s);
	for (; *s != '\0'; s++) {
		if (*s == '&' && (n = jsonld_entity(s + 1, &b)) > 0) {
			s += n;
			continue;
		}
		buf_addc(&b, *s);
	}
	r = imported_text(pg->imp, b.data != NULL ? b.data : "", b.len, 0);
	buf_free(&b);
	return r;
}

/* The name of v: a string, or an object's "name"; NULL when none. */
static const char *
jsonld_name(struct hpage *pg, json_t *v)
{
	if (json_is_object(v))
		v = json_object_get(v, "name");
	return jsonld_str(pg, v);
}

/* The authors of o into m. */
static void
jsonld_authors(struct hpage *pg, struct hmeta *m, json_t *o)
{
	json_t *a = json_object_get(o, "author"), *v;
	size_t i;

	if (a == NULL)
		a = json_object_get(o, "creator");
	if (json_is_array(a)) {
		json_array_foreach(a, i, v) {
			const char *name = jsonld_name(pg, v);

			if (name != NULL)
				hclean_authors(pg, m, name);
		}
	} else if (a != NULL) {
		const char *name = jsonld_name(pg, a);

		if (name != NULL)
			hclean_authors(pg, m, name);
	}
}

/* The lead image of o (an address, an ImageObject, a list of either) into m. */
static void
jsonld_image(struct hpage *pg, struct hmeta *m, json_t *o)
{
	json_t *im = json_object_get(o, "image");

	if (json_is_array(im))
		im = json_array_get(im, 0);
	if (json_is_string(im)) {
		m->image = jsonld_str(pg, im);
	} else if (json_is_object(im)) {
		json_t *u = json_object_get(im, "url");

		if (u == NULL)
			u = json_object_get(im, "contentUrl");
		m->image = jsonld_str(pg, u);
		m->image_caption = jsonld_str(pg, json_object_get(im, "caption"));
		if (m->image_caption == NULL)
			m->image_caption = jsonld_str(pg, json_object_get(im, "description"));
	}
}

/* The title of o: its headline or name (the one like the page's <title> when they differ). */
static const char *
jsonld_title(struct hpage *pg, json_t *o)
{
	const char *name = jsonld_str(pg, json_object_get(o, "name"));
	const char *headline = jsonld_str(pg, json_object_get(o, "headline"));

	if (name != NULL && headline != NULL && strcmp(name, headline) != 0 &&
	    pg->meta.doc_title != NULL) {
		bool nm = hclean_similar(pg->meta.doc_title, name) > 0.75;
		bool hm = hclean_similar(pg->meta.doc_title, headline) > 0.75;

		return hm && !nm ? headline : name;
	}
	return headline != NULL ? headline : name;
}

/* Take the fields of the article object o that m still lacks. */
static void
jsonld_article(struct hpage *pg, struct hmeta *m, json_t *o)
{
	json_t *k, *v, *pub;
	size_t i;

	if (m->title == NULL)
		m->title = jsonld_title(pg, o);
	if (m->description == NULL)
		m->description = jsonld_str(pg, json_object_get(o, "description"));
	if (m->date == NULL)
		m->date = hclean_date(pg, jsonld_str(pg, json_object_get(o, "datePublished")));
	if (m->date == NULL)
		m->date = hclean_date(pg, jsonld_str(pg, json_object_get(o, "dateCreated")));
	pub = json_object_get(o, "publisher");
	if (m->site == NULL)
		m->site = jsonld_name(pg, json_is_array(pub) ? json_array_get(pub, 0) : pub);
	if (m->nauthors == 0)
		jsonld_authors(pg, m, o);
	if (m->image == NULL)
		jsonld_image(pg, m, o);
	if (m->url == NULL)
		m->url = jsonld_str(pg, json_object_get(o, "url"));
	k = json_object_get(o, "keywords");
	if (m->ntags == 0 && json_is_string(k))
		hmeta_add_tags(pg, m, jsonld_str(pg, k));
	else if (m->ntags == 0)
		json_array_foreach(k, i, v)
			hmeta_add_tags(pg, m, jsonld_str(pg, v));
}

/*
 * The first article object in root (itself, in an array, in an "@graph"),
 * looking at no more than JSONLD_MAX_OBJECTS objects; NULL when none.
 */
static json_t *
jsonld_find(json_t *root)
{
	json_t *queue[JSONLD_MAX_OBJECTS], *v, *g;
	size_t head = 0, tail = 0, i;

	queue[tail++] = root;
	while (head < tail) {
		json_t *o = queue[head++];

		if (json_is_object(o) && jsonld_is_article(o))
			return o;
		g = json_is_object(o) ? json_object_get(o, "@graph") : o;
		if (!json_is_array(g))
			continue;
		json_array_foreach(g, i, v)
			if (json_is_object(v) || json_is_array(v)) {
				if (tail == JSONLD_MAX_OBJECTS)
					break;
				queue[tail++] = v;
			}
	}
	return NULL;
}

/* Read one script's text (s, len) as JSON-LD into m. Returns true if it held an article. */
static bool
jsonld_script(struct hpage *pg, struct hmeta *m, const char *s, size_t len)
{
	json_t *root, *art;
	json_error_t err;

	while (len > 0 && ascii_isspace((unsigned char)*s))
		s++, len--;
	if (len >= 9 && memcmp(s, "<![CDATA[", 9) == 0)
		s += 9, len -= 9;
	while (len > 0 && ascii_isspace((unsigned char)s[len - 1]))
		len--;
	if (len >= 3 && memcmp(s + len - 3, "]]>", 3) == 0)
		len -= 3;
	if (len == 0 || len > JSONLD_MAX_BYTES)
		return false;
	if ((root = json_loadb(s, len, JSON_DECODE_ANY | JSON_ALLOW_NUL, &err)) == NULL)
		return false;
	if ((art = jsonld_find(root)) != NULL)
		jsonld_article(pg, m, art);
	json_decref(root);
	return art != NULL;
}

void
hjsonld_collect(struct hpage *pg, struct hmeta *m)
{
	xmlNodePtr root = xmlDocGetRootElement(pg->doc), n, c;
	struct buf b = BUF_INIT;

	for (n = root; n != NULL; n = hdom_next(n, root, true)) {
		const char *type;

		if (n->type != XML_ELEMENT_NODE || hdom_tag(n) != H_SCRIPT ||
		    (type = hdom_attr(n, "type")) == NULL ||
		    ascii_strcasecmp(type, "application/ld+json") != 0)
			continue;
		buf_reset(&b);
		for (c = n->children; c != NULL; c = c->next)
			if (c->content != NULL)
				buf_adds(&b, (const char *)c->content);
		if (b.len > 0 && jsonld_script(pg, m, b.data, b.len))
			break;
	}
	buf_free(&b);
}
