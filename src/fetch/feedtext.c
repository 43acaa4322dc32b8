/*
 * feedtext.c: the text and HTML inside a feed's elements.
 *
 * Entities are expanded by walking the nodes libxml2 parsed for them (the
 * parser is not asked to substitute them, which would also load external
 * ones); every byte an expansion adds is counted against the parse's
 * budget, so that even a nesting libxml2 let through costs linear time.
 */
#include <string.h>

#include <libxml/HTMLparser.h>
#include <libxml/entities.h>

#include "arena.h"
#include "feed-int.h"
#include "utf8.h"
#include "util.h"

/* How deep entities may nest inside entities. */
#define FEEDTEXT_MAX_ENTITY_DEPTH 16

/* Append s (len bytes) to out, charging the budget when inside an entity. */
static void
feedtext_put(struct feed_ctx *c, struct buf *out, const char *s, size_t len, int depth)
{
	if (depth > 0) {
		if (len > c->budget) {
			c->bomb = true;
			c->budget = 0;
			return;
		}
		c->budget -= len;
	}
	buf_add(out, s, len);
}

static void feedtext_walk(struct feed_ctx *c, xmlNodePtr node, struct buf *out, int depth);

/* Append the text of the entity reference n (inside depth entities already). */
static void
feedtext_entity(struct feed_ctx *c, xmlNodePtr n, struct buf *out, int depth)
{
	xmlEntityPtr e = xmlGetDocEntity(c->doc, n->name);

	if (e == NULL || e->etype != XML_INTERNAL_GENERAL_ENTITY)
		return;
	if (depth >= FEEDTEXT_MAX_ENTITY_DEPTH) {
		c->bomb = true;
		return;
	}
	if (e->children != NULL)
		feedtext_walk(c, (xmlNodePtr)e, out, depth + 1);
	else if (e->content != NULL)
		feedtext_put(c, out, (const char *)e->content, strlen((const char *)e->content),
		    depth + 1);
}

/* feedtext_raw() at an entity depth. */
static void
feedtext_walk(struct feed_ctx *c, xmlNodePtr node, struct buf *out, int depth)
{
	xmlNodePtr n;

	for (n = node->children; n != NULL && !c->bomb; n = n->next) {
		if ((n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) &&
		    n->content != NULL)
			feedtext_put(c, out, (const char *)n->content,
			    strlen((const char *)n->content), depth);
		else if (n->type == XML_ELEMENT_NODE)
			feedtext_walk(c, n, out, depth);
		else if (n->type == XML_ENTITY_REF_NODE)
			feedtext_entity(c, n, out, depth);
	}
}

void
feedtext_raw(struct feed_ctx *c, xmlNodePtr node, struct buf *out)
{
	feedtext_walk(c, node, out, 0);
}

const char *
feedtext_attr(struct feed_ctx *c, xmlNodePtr node, const char *name)
{
	xmlAttrPtr a;

	for (a = node->properties; a != NULL; a = a->next)
		if (strcmp((const char *)a->name, name) == 0) {
			struct buf v = BUF_INIT;
			const char *r;

			feedtext_raw(c, (xmlNodePtr)a, &v);
			r = feedtext_fold(c, v.data != NULL ? v.data : "", v.len);
			buf_free(&v);
			return r;
		}
	return NULL;
}

enum feedtext_type
feedtext_atom_type(struct feed_ctx *c, xmlNodePtr node)
{
	const char *t = feedtext_attr(c, node, "type");
	const char *mode = feedtext_attr(c, node, "mode");
	enum feedtext_type r = FT_TEXT;

	if (t != NULL) {
		const char *s = t;

		if (ascii_strcasecmp(s, "html") == 0 || ascii_strcasecmp(s, "text/html") == 0)
			r = FT_HTML;
		else if (ascii_strcasecmp(s, "xhtml") == 0 ||
		    ascii_strcasecmp(s, "application/xhtml+xml") == 0)
			r = FT_XHTML;
	}
	/* Atom 0.3: mode="escaped" is HTML, mode="xml" inline XHTML */
	if (mode != NULL && ascii_strcasecmp(mode, "escaped") == 0 && (t == NULL || r == FT_TEXT))
		r = t != NULL && ascii_strcasecmp(t, "text/plain") == 0 ? FT_TEXT : FT_HTML;
	else if (mode != NULL && ascii_strcasecmp(mode, "xml") == 0)
		r = FT_XHTML;
	return r;
}

/* Does the text s look like HTML: a tag (<p, </, <!) or an entity (&amp; &#39;)? */
static bool
feedtext_looks_html(const char *s, size_t len)
{
	size_t i;

	for (i = 0; i + 1 < len; i++) {
		if (s[i] == '<' && (ascii_isalpha((unsigned char)s[i + 1]) || s[i + 1] == '/' ||
		    s[i + 1] == '!'))
			return true;
		if (s[i] == '&' && (ascii_isalpha((unsigned char)s[i + 1]) || s[i + 1] == '#')) {
			size_t k = i + 1;

			while (k < len && k - i < 12 && (ascii_isalpha((unsigned char)s[k]) ||
			    ascii_isdigit((unsigned char)s[k]) || s[k] == '#'))
				k++;
			if (k < len && s[k] == ';')
				return true;
		}
	}
	return false;
}

bool
feedtext_among(const char *s, const char *const *v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (ascii_strcasecmp(s, v[i]) == 0)
			return true;
	return false;
}

/* Is name an HTML element whose text is no text (scripts, styles)? */
static bool
feedtext_hidden(const xmlChar *name)
{
	static const char *const v[] = { "script", "style", "noscript", "template", "head" };

	return feedtext_among((const char *)name, v, sizeof v / sizeof v[0]);
}

/* Append the text of an HTML tree, a space between elements so that words do not run together. */
static void
feedtext_html_walk(xmlNodePtr node, struct buf *out)
{
	xmlNodePtr n;

	for (n = node; n != NULL; n = n->next) {
		if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
			if (n->content != NULL)
				buf_adds(out, (const char *)n->content);
		} else if (n->type == XML_ELEMENT_NODE && !feedtext_hidden(n->name)) {
			static const char *const blocks[] = { "br", "p", "div", "li" };

			if (n->children != NULL)
				feedtext_html_walk(n->children, out);
			if (feedtext_among((const char *)n->name, blocks, 4))
				buf_addc(out, ' ');
		}
	}
}

void
feedtext_strip_html(const char *html, size_t len, struct buf *out)
{
	htmlDocPtr doc;

	if (len == 0 || len > INT32_MAX)
		return;
	doc = htmlReadMemory(html, (int)len, NULL, "UTF-8", HTML_PARSE_NOERROR |
	    HTML_PARSE_NOWARNING | HTML_PARSE_NONET | HTML_PARSE_RECOVER | HTML_PARSE_COMPACT);
	if (doc == NULL)
		return;
	feedtext_html_walk(xmlDocGetRootElement(doc), out);
	xmlFreeDoc(doc);
}

/*
 * A copy of s[0..len) in the arena with every invalid UTF-8 sequence made
 * U+FFFD (libxml2 passes on what an encoding it was told of could not
 * convert, in recovery). Can't fail.
 */
static char *
feedtext_utf8(struct feed_ctx *c, const char *s, size_t len)
{
	struct buf b = BUF_INIT;
	size_t i = 0, n;
	int32_t cp;
	char *r;

	if (utf8_valid(s, len))
		return arena_strndup(c->f->arena, s, len);
	while (i < len) {
		n = utf8_decode(s + i, len - i, &cp);
		if (cp == UTF8_INVALID)
			buf_add(&b, "\xef\xbf\xbd", 3);
		else
			buf_add(&b, s + i, n);
		i += n;
	}
	r = arena_strndup(c->f->arena, b.data, b.len);
	buf_free(&b);
	return r;
}

const char *
feedtext_fold(struct feed_ctx *c, const char *s, size_t len)
{
	char *r = feedtext_utf8(c, s, len);
	size_t i, n = 0;
	bool space = false;

	len = strlen(r);
	for (i = 0; i < len; i++) {
		unsigned char ch = (unsigned char)r[i];

		if (ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r' || ch == '\f' || ch == '\v') {
			space = n > 0;
			continue;
		}
		if (space)
			r[n++] = ' ';
		space = false;
		r[n++] = (char)ch;
	}
	r[n] = '\0';
	return n > 0 ? r : NULL;
}

/* The first element child of node, or NULL. */
static xmlNodePtr
feedtext_first_element(xmlNodePtr node)
{
	xmlNodePtr n;

	for (n = node->children; n != NULL; n = n->next)
		if (n->type == XML_ELEMENT_NODE)
			return n;
	return NULL;
}

const char *
feedtext_line(struct feed_ctx *c, xmlNodePtr node, enum feedtext_type type)
{
	struct buf raw = BUF_INIT, text = BUF_INIT;
	const char *r;

	feedtext_raw(c, node, &raw);
	if (raw.len > 0 && (type == FT_HTML || (type == FT_GUESS &&
	    feedtext_looks_html(raw.data, raw.len)))) {
		feedtext_strip_html(raw.data, raw.len, &text);
		r = feedtext_fold(c, text.data != NULL ? text.data : "", text.len);
	} else {
		r = feedtext_fold(c, raw.data != NULL ? raw.data : "", raw.len);
	}
	buf_free(&raw);
	buf_free(&text);
	return r;
}

/* Append text (len bytes) to out with <, > and & escaped. */
static void
feedtext_escape(struct buf *out, const char *s, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++) {
		if (s[i] == '<')
			buf_adds(out, "&lt;");
		else if (s[i] == '>')
			buf_adds(out, "&gt;");
		else if (s[i] == '&')
			buf_adds(out, "&amp;");
		else if (s[i] == '"')
			buf_adds(out, "&quot;");
		else
			buf_addc(out, s[i]);
	}
}

/* Plain text (len bytes) as HTML paragraphs, one per run of lines between blank lines. */
static void
feedtext_paragraphs(struct buf *out, const char *s, size_t len)
{
	size_t i = 0;

	while (i < len) {
		const char *blank = NULL;
		size_t k, end;

		for (k = i; k + 1 < len && blank == NULL; k++)
			if (s[k] == '\n') {
				size_t j = k + 1;

				while (j < len && (s[j] == ' ' || s[j] == '\t' || s[j] == '\r'))
					j++;
				if (j < len && s[j] == '\n')
					blank = s + k;
			}
		end = blank != NULL ? (size_t)(blank - s) : len;
		while (i < end && ascii_isspace((unsigned char)s[i]))
			i++;
		if (i == end) {
			i = end + 1;
			continue;
		}
		buf_adds(out, "<p>");
		feedtext_escape(out, s + i, end - i);
		buf_adds(out, "</p>\n");
		i = end + 1;
	}
}

/* Is name an HTML element that has no end tag? */
static bool
feedtext_void(const char *name)
{
	static const char *const v[] = {
		"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
		"source", "track", "wbr",
	};

	return feedtext_among(name, v, sizeof v / sizeof v[0]);
}

/* XHTML nodes written out as HTML (names without their prefixes), appended to out. */
static void
feedtext_xhtml(struct feed_ctx *c, xmlNodePtr node, struct buf *out)
{
	xmlNodePtr n;
	xmlAttrPtr a;

	for (n = node; n != NULL && !c->bomb; n = n->next) {
		if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
			if (n->content != NULL)
				feedtext_escape(out, (const char *)n->content,
				    strlen((const char *)n->content));
		} else if (n->type == XML_ENTITY_REF_NODE) {
			struct buf t = BUF_INIT;

			feedtext_entity(c, n, &t, 0);
			feedtext_escape(out, t.data != NULL ? t.data : "", t.len);
			buf_free(&t);
		} else if (n->type == XML_ELEMENT_NODE) {
			const char *name = (const char *)n->name, *colon = strchr(name, ':');

			name = colon != NULL ? colon + 1 : name;
			buf_printf(out, "<%s", name);
			for (a = n->properties; a != NULL; a = a->next) {
				struct buf v = BUF_INIT;

				feedtext_raw(c, (xmlNodePtr)a, &v);
				buf_printf(out, " %s=\"", (const char *)a->name);
				feedtext_escape(out, v.data != NULL ? v.data : "", v.len);
				buf_addc(out, '"');
				buf_free(&v);
			}
			buf_addc(out, '>');
			if (feedtext_void(name))
				continue;
			feedtext_xhtml(c, n->children, out);
			buf_printf(out, "</%s>", name);
		}
	}
}

const char *
feedtext_html(struct feed_ctx *c, xmlNodePtr node, enum feedtext_type type)
{
	struct buf raw = BUF_INIT, html = BUF_INIT;
	const char *r = NULL;
	size_t i;

	if (type == FT_XHTML) {
		xmlNodePtr div = feedtext_first_element(node);

		if (div != NULL && strcmp((const char *)div->name, "div") != 0)
			div = NULL;
		feedtext_xhtml(c, div != NULL ? div->children : node->children, &html);
	} else {
		feedtext_raw(c, node, &raw);
		if (type == FT_HTML || (type == FT_GUESS && feedtext_looks_html(raw.data != NULL ?
		    raw.data : "", raw.len)))
			buf_add(&html, raw.data != NULL ? raw.data : "", raw.len);
		else
			feedtext_paragraphs(&html, raw.data != NULL ? raw.data : "", raw.len);
	}
	for (i = 0; i < html.len && ascii_isspace((unsigned char)html.data[i]); i++)
		;
	if (i < html.len)
		r = feedtext_utf8(c, html.data, html.len);
	buf_free(&raw);
	buf_free(&html);
	return r;
}
