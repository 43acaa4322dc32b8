/*
 * html-dom.c: libxml2's HTML parser and the tree it builds: tags,
 * attributes, text, class and id hints, and the per-element figures the
 * scoring reads (see html-int.h). Nothing here recurses: a page may nest
 * elements as deep as it likes.
 */
#include <stdlib.h>
#include <string.h>

#include <libxml/HTMLtree.h>
#include <libxml/xmlerror.h>

#include "arena.h"
#include "html-int.h"
#include "utf8.h"
#include "util.h"

/* Tag names in order of enum htag (from H_A on), sorted for bsearch. */
static const char *const dom_names[H_NTAGS] = {
	[H_OTHER] = "", [H_A] = "a", [H_ABBR] = "abbr", [H_ADDRESS] = "address",
	[H_ARTICLE] = "article", [H_ASIDE] = "aside", [H_AUDIO] = "audio", [H_B] = "b",
	[H_BASE] = "base", [H_BLOCKQUOTE] = "blockquote", [H_BODY] = "body", [H_BR] = "br",
	[H_BUTTON] = "button", [H_CANVAS] = "canvas", [H_CAPTION] = "caption",
	[H_CENTER] = "center", [H_CODE] = "code", [H_DD] = "dd", [H_DETAILS] = "details",
	[H_DIALOG] = "dialog", [H_DIV] = "div", [H_DL] = "dl", [H_DT] = "dt", [H_EM] = "em",
	[H_EMBED] = "embed", [H_FIELDSET] = "fieldset", [H_FIGCAPTION] = "figcaption",
	[H_FIGURE] = "figure", [H_FONT] = "font", [H_FOOTER] = "footer", [H_FORM] = "form",
	[H_H1] = "h1", [H_H2] = "h2", [H_H3] = "h3", [H_H4] = "h4", [H_H5] = "h5",
	[H_H6] = "h6", [H_HEAD] = "head", [H_HEADER] = "header", [H_HR] = "hr",
	[H_HTML] = "html", [H_I] = "i", [H_IFRAME] = "iframe", [H_IMG] = "img",
	[H_INPUT] = "input", [H_LABEL] = "label", [H_LI] = "li", [H_LINK] = "link",
	[H_MAIN] = "main", [H_MATH] = "math", [H_MENU] = "menu", [H_META] = "meta",
	[H_NAV] = "nav", [H_NOSCRIPT] = "noscript", [H_OBJECT] = "object", [H_OL] = "ol",
	[H_OPTION] = "option", [H_P] = "p", [H_PICTURE] = "picture", [H_PRE] = "pre",
	[H_SCRIPT] = "script", [H_SECTION] = "section", [H_SELECT] = "select",
	[H_SMALL] = "small", [H_SOURCE] = "source", [H_SPAN] = "span",
	[H_STRONG] = "strong", [H_STYLE] = "style", [H_SUMMARY] = "summary",
	[H_SUP] = "sup", [H_SVG] = "svg", [H_TABLE] = "table", [H_TBODY] = "tbody",
	[H_TD] = "td", [H_TEMPLATE] = "template", [H_TEXTAREA] = "textarea",
	[H_TFOOT] = "tfoot", [H_TH] = "th", [H_THEAD] = "thead", [H_TIME] = "time",
	[H_TITLE] = "title", [H_TR] = "tr", [H_UL] = "ul", [H_VIDEO] = "video",
};

/* Block-level elements: their edges separate words and paragraphs. */
static const bool dom_block[H_NTAGS] = {
	[H_ADDRESS] = true, [H_ARTICLE] = true, [H_ASIDE] = true, [H_BLOCKQUOTE] = true,
	[H_BODY] = true, [H_CAPTION] = true, [H_CENTER] = true, [H_DD] = true,
	[H_DETAILS] = true, [H_DIALOG] = true, [H_DIV] = true, [H_DL] = true, [H_DT] = true,
	[H_FIELDSET] = true, [H_FIGCAPTION] = true, [H_FIGURE] = true, [H_FOOTER] = true,
	[H_FORM] = true, [H_H1] = true, [H_H2] = true, [H_H3] = true, [H_H4] = true,
	[H_H5] = true, [H_H6] = true, [H_HEADER] = true, [H_HR] = true, [H_HTML] = true,
	[H_LI] = true, [H_MAIN] = true, [H_MENU] = true, [H_NAV] = true, [H_OL] = true,
	[H_P] = true, [H_PRE] = true, [H_SECTION] = true, [H_SUMMARY] = true,
	[H_TABLE] = true, [H_TBODY] = true, [H_TD] = true, [H_TFOOT] = true, [H_TH] = true,
	[H_THEAD] = true, [H_TR] = true, [H_UL] = true, [H_TITLE] = true, [H_OPTION] = true,
	[H_NOSCRIPT] = true, [H_VIDEO] = true, [H_AUDIO] = true,
};

/* libxml2's error handlers: a page's mistakes are no news. */
static void
dom_swallow(void *ctx, xmlErrorPtr e)
{
	(void)ctx;
	(void)e;
}

/* The same for the generic handler (printf-like). */
static void
dom_swallow_generic(void *ctx, const char *msg, ...)
{
	(void)ctx;
	(void)msg;
}

/* The first child element of n with tag, or NULL. */
static xmlNodePtr
dom_child(xmlNodePtr n, enum htag tag)
{
	xmlNodePtr c;

	for (c = n != NULL ? n->children : NULL; c != NULL; c = c->next)
		if (c->type == XML_ELEMENT_NODE && hdom_tag(c) == tag)
			return c;
	return NULL;
}

htmlDocPtr
hdom_parse(const char *utf8, size_t len, const char *url)
{
	htmlParserCtxtPtr ctxt;
	htmlDocPtr doc = NULL;
	xmlNodePtr html;

	xmlSetStructuredErrorFunc(NULL, dom_swallow);
	xmlSetGenericErrorFunc(NULL, dom_swallow_generic);
	if ((ctxt = htmlNewParserCtxt()) != NULL) {
		doc = htmlCtxtReadMemory(ctxt, utf8, (int)len, url, "UTF-8",
		    HTML_PARSE_RECOVER | HTML_PARSE_NONET | HTML_PARSE_NOERROR |
		    HTML_PARSE_NOWARNING | HTML_PARSE_IGNORE_ENC | HTML_PARSE_NODEFDTD |
		    HTML_PARSE_COMPACT);
		htmlFreeParserCtxt(ctxt);
	}
	if (doc == NULL && (doc = htmlNewDocNoDtD(NULL, NULL)) == NULL)
		fatal("out of memory");
	if ((html = xmlDocGetRootElement(doc)) == NULL || hdom_tag(html) != H_HTML) {
		xmlNodePtr old = html;

		html = xmlNewDocNode(doc, NULL, (const xmlChar *)"html", NULL);
		if (old != NULL)
			xmlReplaceNode(old, html);
		else
			xmlDocSetRootElement(doc, html);
		if (old != NULL)
			xmlAddChild(html, old);
	}
	if (dom_child(html, H_BODY) == NULL)
		xmlNewChild(html, NULL, (const xmlChar *)"body", NULL);
	return doc;
}

/* Compare a name with an entry of dom_names (for bsearch over indexes). */
static int
dom_cmp(const void *key, const void *elem)
{
	return strcmp(key, dom_names[*(const unsigned char *)elem]);
}

enum htag
hdom_tag_named(const char *name)
{
	static unsigned char order[H_NTAGS - 1];
	static bool ready;
	const unsigned char *hit;
	size_t i, k;

	if (!ready) {
		/* the enum is in alphabetical order but for a few; sort the indexes */
		for (i = 0; i < H_NTAGS - 1; i++)
			order[i] = (unsigned char)(i + 1);
		for (i = 1; i < H_NTAGS - 1; i++)
			for (k = i; k > 0 && strcmp(dom_names[order[k - 1]],
			    dom_names[order[k]]) > 0; k--) {
				unsigned char t = order[k];

				order[k] = order[k - 1];
				order[k - 1] = t;
			}
		ready = true;
	}
	hit = bsearch(name, order, H_NTAGS - 1, 1, dom_cmp);
	return hit != NULL ? (enum htag)*hit : H_OTHER;
}

enum htag
hdom_tag(const xmlNode *n)
{
	if (n == NULL || n->type != XML_ELEMENT_NODE || n->name == NULL)
		return H_OTHER;
	if (n->_private != NULL)
		return ((const struct hinfo *)n->_private)->tag;
	return hdom_tag_named((const char *)n->name);
}

bool
hdom_is_block(const xmlNode *n)
{
	return dom_block[hdom_tag(n)];
}

const char *
hdom_attr(const xmlNode *n, const char *name)
{
	const xmlAttr *a;

	if (n == NULL || n->type != XML_ELEMENT_NODE)
		return NULL;
	for (a = n->properties; a != NULL; a = a->next)
		if (a->name != NULL && ascii_strcasecmp((const char *)a->name, name) == 0) {
			if (a->children != NULL && a->children->content != NULL)
				return (const char *)a->children->content;
			return "";
		}
	return NULL;
}

xmlNodePtr
hdom_next(xmlNodePtr n, const xmlNode *root, bool down)
{
	if (down && n->type == XML_ELEMENT_NODE && n->children != NULL)
		return n->children;
	while (n != NULL && n != root) {
		if (n->next != NULL)
			return n->next;
		n = n->parent;
	}
	return NULL;
}

xmlNodePtr
hdom_find(xmlNodePtr root, enum htag tag)
{
	xmlNodePtr n;

	for (n = root->children != NULL ? root->children : NULL; n != NULL;
	    n = hdom_next(n, root, true))
		if (n->type == XML_ELEMENT_NODE && hdom_tag(n) == tag)
			return n;
	return NULL;
}

bool
hdom_has_ancestor(const xmlNode *n, enum htag tag, int depth)
{
	int d = 0;

	for (n = n->parent; n != NULL && n->type == XML_ELEMENT_NODE; n = n->parent) {
		if (depth > 0 && ++d > depth)
			return false;
		if (hdom_tag(n) == tag)
			return true;
	}
	return false;
}

void
hdom_remove(xmlNodePtr n)
{
	xmlUnlinkNode(n);
	xmlFreeNode(n);
}

void
hdom_unwrap(xmlNodePtr n)
{
	xmlNodePtr c, next;

	for (c = n->children; c != NULL; c = next) {
		next = c->next;
		xmlUnlinkNode(c);
		xmlAddPrevSibling(n, c);
	}
	hdom_remove(n);
}

/* Is n an element whose text is never shown (script, style, template...)? */
static bool
dom_unseen(const xmlNode *n)
{
	enum htag t = hdom_tag(n);

	return t == H_SCRIPT || t == H_STYLE || t == H_TEMPLATE || t == H_HEAD ||
	    t == H_SELECT || t == H_TEXTAREA;
}

void
hdom_text_sep(const xmlNode *root, struct buf *out, const char *sep)
{
	xmlNodePtr n = (xmlNodePtr)(uintptr_t)root;

	if (root->type == XML_TEXT_NODE || root->type == XML_CDATA_SECTION_NODE) {
		buf_adds(out, root->content != NULL ? (const char *)root->content : "");
		return;
	}
	for (n = root->children; n != NULL; ) {
		bool down = n->type == XML_ELEMENT_NODE && !dom_unseen(n);

		if ((n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) &&
		    n->content != NULL)
			buf_adds(out, (const char *)n->content);
		else if (n->type == XML_ELEMENT_NODE && (hdom_is_block(n) ||
		    hdom_tag(n) == H_BR || hdom_tag(n) == H_IMG))
			buf_adds(out, sep);
		/* a block's end separates words too */
		if (!(down && n->children != NULL)) {
			while (n != root && n->next == NULL) {
				n = n->parent;
				if (n != root && hdom_is_block(n))
					buf_adds(out, sep);
			}
			n = n != root ? n->next : NULL;
			continue;
		}
		n = n->children;
	}
}

void
hdom_text(const xmlNode *root, struct buf *out)
{
	hdom_text_sep(root, out, " ");
}

const char *
hdom_text_line(struct hpage *pg, const xmlNode *n)
{
	struct buf b = BUF_INIT;
	const char *s;

	hdom_text(n, &b);
	s = imported_text(pg->imp, b.data != NULL ? b.data : "", b.len, 0);
	buf_free(&b);
	return s;
}

/* Append at most max bytes of s in lower case to out at *len. */
static void
dom_lower(char *out, size_t *len, const char *s, size_t max)
{
	size_t i;

	for (i = 0; s != NULL && s[i] != '\0' && i < max; i++)
		out[(*len)++] = (char)ascii_tolower((unsigned char)s[i]);
}

/* The name a component framework gives n (data-component, data-testid...), or NULL. */
static const char *
dom_component(const xmlNode *n)
{
	static const char *const names[] = {
		"data-component", "data-testid", "data-module", "data-type", NULL,
	};
	const char *v;
	size_t k;

	for (k = 0; names[k] != NULL; k++)
		if ((v = hdom_attr(n, names[k])) != NULL)
			return v;
	return NULL;
}

/* class, id when with_id, and the component name of n, lower case, into out (512 bytes). */
static void
dom_hints(const xmlNode *n, char *out, bool with_id)
{
	size_t len = 0;

	dom_lower(out, &len, hdom_attr(n, "class"), 160);
	out[len++] = ' ';
	if (with_id) {
		dom_lower(out, &len, hdom_attr(n, "id"), 160);
		out[len++] = ' ';
	}
	dom_lower(out, &len, dom_component(n), 160);
	out[len] = '\0';
}

void
hdom_class_id(const xmlNode *n, char *out)
{
	dom_hints(n, out, true);
}

bool
hdom_hint(const char *s, const char *const *words)
{
	for (; *words != NULL; words++)
		if (strstr(s, *words) != NULL)
			return true;
	return false;
}

bool
hdom_token(const char *s, const char *const *words)
{
	const char *p = s, *e;
	size_t k, n;

	while (*p != '\0') {
		while (*p != '\0' && !ascii_isalpha((unsigned char)*p) && !ascii_isdigit((unsigned char)*p))
			p++;
		for (e = p; ascii_isalpha((unsigned char)*e) || ascii_isdigit((unsigned char)*e); e++)
			continue;
		n = (size_t)(e - p);
		for (k = 0; n > 0 && words[k] != NULL; k++)
			if (strncmp(p, words[k], n) == 0 && (words[k][n] == '\0' ||
			    (n > 1 && p[n - 1] == 's' && strncmp(p, words[k], n - 1) == 0 &&
			    words[k][n - 1] == '\0')))
				return true;
		p = e;
	}
	return false;
}

void
hdom_class(const xmlNode *n, char *out)
{
	dom_hints(n, out, false);
}

bool
hdom_blank(const char *s)
{
	if (s != NULL)
		for (; *s != '\0'; s++)
			if (!ascii_isspace((unsigned char)*s))
				return false;
	return true;
}

void
hdom_info_init(struct hpage *pg, xmlNodePtr root)
{
	/* libxml2 keeps one copy of each name in a document: look each up once */
	struct { const xmlChar *name; enum htag tag; } cache[64];
	xmlNodePtr n;

	memset(cache, 0, sizeof cache);
	for (n = root; n != NULL; n = hdom_next(n, root, true)) {
		struct hinfo *hi;
		size_t slot;

		if (n->type != XML_ELEMENT_NODE || n->_private != NULL)
			continue;
		hi = arena_calloc(pg->imp->arena, 1, sizeof *hi);
		slot = ((uintptr_t)n->name >> 4) % (sizeof cache / sizeof cache[0]);
		if (cache[slot].name != n->name) {
			cache[slot].name = n->name;
			cache[slot].tag = hdom_tag_named((const char *)n->name);
		}
		hi->tag = cache[slot].tag;
		n->_private = hi;
	}
}

struct hinfo *
hdom_info(const xmlNode *n)
{
	return n != NULL && n->type == XML_ELEMENT_NODE ? n->_private : NULL;
}

/* Count the characters (space runs as one) and commas of a text node into hi. */
static void
dom_measure_text(const xmlNode *n, struct hinfo *hi)
{
	const unsigned char *s = (const unsigned char *)n->content;
	bool space = true;

	if (s == NULL)
		return;
	for (; *s != '\0'; s++) {
		if (*s == ' ' || *s == '\n' || *s == '\t' || *s == '\r' || *s == '\f') {
			if (!space)
				hi->text++;
			space = true;
			continue;
		}
		space = false;
		if ((*s & 0xc0) != 0x80)
			hi->text++;
		if (*s == ',' || (s[0] == 0xef && s[1] == 0xbc && s[2] == 0x8c) ||
		    (s[0] == 0xd8 && s[1] == 0x8c) || (s[0] == 0xe3 && s[1] == 0x80 && s[2] == 0x81))
			hi->commas++;
	}
}

/* n is measured: add its figures to its parent's (unless n is root). */
static void
dom_measure_done(xmlNodePtr n, const xmlNode *root)
{
	struct hinfo *hi = hdom_info(n), *up;

	if (hi == NULL)
		return;
	switch (hi->tag) {
	case H_A: {
		const char *href = hdom_attr(n, "href");

		/* an in-page "#" link counts less; a script's "link" is no link */
		if (href == NULL || ascii_strncasecmp(href, "javascript:", 11) == 0)
			hi->links = 0;	/* an anchor (<a name>) or a script's: no link */
		else
			hi->links = href != NULL && href[0] == '#' ? hi->text * 3 / 10 : hi->text;
		break;
	}
	case H_P: hi->paras++; break;
	case H_IMG: hi->imgs++; break;
	case H_LI: hi->lis++; break;
	case H_INPUT: hi->inputs++; break;
	case H_OBJECT: case H_EMBED: case H_IFRAME: hi->embeds++; break;
	case H_H1: case H_H2: case H_H3: case H_H4: case H_H5: case H_H6:
		hi->headings = hi->text;
		if (hi->links * 2 > hi->text)
			hi->linkheads = 1;
		break;
	case H_UL: case H_OL: hi->listtext = hi->text; break;
	default: break;
	}
	if (n == root || (up = hdom_info(n->parent)) == NULL)
		return;
	up->text += hi->text;
	up->links += hi->links;
	up->commas += hi->commas;
	up->paras += hi->paras;
	up->imgs += hi->imgs;
	up->lis += hi->lis;
	up->inputs += hi->inputs;
	up->embeds += hi->embeds;
	up->headings += hi->headings;
	up->listtext += hi->listtext;
	up->linkheads += hi->linkheads;
}

void
hdom_measure(xmlNodePtr root)
{
	xmlNodePtr n = root;

	while (n != NULL) {
		struct hinfo *hi = hdom_info(n);

		if (hi != NULL) {
			hi->text = hi->links = hi->commas = hi->paras = hi->imgs = hi->lis = 0;
			hi->inputs = hi->embeds = hi->headings = hi->listtext = hi->linkheads = 0;
			if (n->children != NULL && !dom_unseen(n)) {
				n = n->children;
				continue;
			}
		} else if (n->type == XML_TEXT_NODE && hdom_info(n->parent) != NULL) {
			dom_measure_text(n, hdom_info(n->parent));
		}
		for (;;) {
			dom_measure_done(n, root);
			if (n == root)
				return;
			if (n->next != NULL) {
				n = n->next;
				break;
			}
			n = n->parent;
		}
	}
}

double
hdom_link_density(const xmlNode *n)
{
	const struct hinfo *hi = hdom_info(n);

	if (hi == NULL || hi->text == 0)
		return 0;
	return (double)hi->links / (double)hi->text;
}
