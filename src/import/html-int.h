/*
 * html-int.h: what the files of the HTML importer share (src/import/html*.c).
 *
 * A page goes through these steps, each in its own file:
 *
 *   html-charset.c  the bytes to valid UTF-8 (BOM, <meta charset>, a guess)
 *   html-dom.c      libxml2's HTML parser (no network, nothing printed); walking
 *                   the tree without recursion; text, attributes, class hints
 *   html-meta.c     the metadata: <meta>, <link>, <time>, <title>, Parse.ly
 *   html-jsonld.c   the metadata in JSON-LD (jansson)
 *   html-clean.c    titles (the site's name cut off), authors ("By ... and ..."),
 *                   dates, credits split out of captions
 *   html-prune.c    what is never the article: scripts, forms, hidden elements,
 *                   navigation, the byline, <noscript> copies, unlikely blocks
 *   html-score.c    which container holds the article: text and link density,
 *                   paragraphs, class and id hints; its siblings that belong
 *   html-tidy.c     the chosen content cleaned: share and related blocks, lists
 *                   and tables of links, the title repeated
 *   html-figure.c   photos with captions and credits
 *   html-body.c     the content as Markdown blocks
 *   html.c          the steps in order (imported_from_html, the fragment)
 *
 * Every walk is iterative (a page may nest 100,000 elements) and linear.
 * Per-element figures live in struct hinfo, hung on xmlNode._private.
 */
#ifndef BYLINE_HTML_INT_H
#define BYLINE_HTML_INT_H

#include <stdbool.h>
#include <stddef.h>

#include <libxml/HTMLparser.h>
#include <libxml/tree.h>

#include "imported.h"
#include "strmap.h"
#include "util.h"

/* The elements the importer tells apart; everything else is H_OTHER. */
enum htag {
	H_OTHER = 0, H_A, H_ABBR, H_ADDRESS, H_ARTICLE, H_ASIDE, H_AUDIO, H_B, H_BASE,
	H_BLOCKQUOTE, H_BODY, H_BR, H_BUTTON, H_CANVAS, H_CAPTION, H_CENTER, H_CODE,
	H_DD, H_DETAILS, H_DIALOG, H_DIV, H_DL, H_DT, H_EM, H_EMBED, H_FIELDSET,
	H_FIGCAPTION, H_FIGURE, H_FONT, H_FOOTER, H_FORM, H_H1, H_H2, H_H3, H_H4,
	H_H5, H_H6, H_HEAD, H_HEADER, H_HR, H_HTML, H_I, H_IFRAME, H_IMG, H_INPUT,
	H_LABEL, H_LI, H_LINK, H_MAIN, H_MATH, H_MENU, H_META, H_NAV, H_NOSCRIPT,
	H_OBJECT, H_OL, H_OPTION, H_P, H_PICTURE, H_PRE, H_SCRIPT, H_SECTION,
	H_SELECT, H_SMALL, H_SOURCE, H_SPAN, H_STRONG, H_STYLE, H_SUMMARY, H_SUP,
	H_SVG, H_TABLE, H_TBODY, H_TD, H_TEMPLATE, H_TEXTAREA, H_TFOOT, H_TH,
	H_THEAD, H_TIME, H_TITLE, H_TR, H_UL, H_VIDEO,
	H_NTAGS
};

/* Figures of one element (and all below it), on its _private. */
struct hinfo {
	size_t	text;		/* characters of visible text, space runs as one */
	size_t	links;		/* of which inside <a> (in-page "#" links count less) */
	size_t	commas;		/* commas in the text (of any script) */
	size_t	paras;		/* <p> elements below */
	size_t	imgs;		/* <img> elements below */
	size_t	lis;		/* <li> elements below */
	size_t	inputs;		/* <input> elements below */
	size_t	embeds;		/* <object>, <embed>, <iframe> below */
	size_t	headings;	/* characters inside headings */
	size_t	listtext;	/* characters inside lists */
	size_t	linkheads;	/* headings that hold a link (teasers of other stories) */
	double	score;		/* the content score (html-score.c) */
	bool	candidate;	/* scored as a container */
	bool	data_table;	/* a table of data, not of layout */
	enum htag tag;
};

/* The metadata found, each field the best source's (strings in the arena). */
struct hmeta {
	const char	*title;		/* from metadata (JSON-LD, og, twitter, dc...) */
	const char	*doc_title;	/* <title> */
	const char	*description;
	const char	*site;
	const char	*url;		/* canonical or og:url */
	const char	*date;
	const char	*image;		/* lead image: address */
	const char	*image_caption;
	const char	*image_alt;
	const char	**authors;
	size_t		  nauthors, cap_authors;
	const char	**tags;
	size_t		  ntags, cap_tags;
	const char	*dom_byline;	/* the byline element's text, when metadata has none */
};

/* One page (or fragment) on its way through the steps. */
struct hpage {
	struct imported	*imp;
	htmlDocPtr	 doc;
	xmlNodePtr	 body;
	const char	*location;	/* where the page came from (--url), or NULL */
	const char	*base;		/* for relative addresses */
	struct hmeta	 meta;
	const char	*title;		/* the article title chosen */
	xmlNodePtr	 around;	/* the <article> or <main> the content came from */
	xmlNodePtr	 marker;	/* where in it the content was */
	xmlNodePtr	 content;	/* the content being tidied */
	bool		 fragment;	/* a fragment: the whole is the article */
	/* the attempt's flags (html-score.c retries with fewer) */
	bool		 strip_unlikely, weight_classes, clean_conditionally;
	struct strmap	 seen_images;	/* image addresses already taken */
};

/* ---- html-charset.c ---- */

/*
 * Append data (len bytes) to out as valid UTF-8 (out NULL: only say which
 * encoding, NULL when data is clean UTF-8 as it is): the encoding from a
 * byte-order mark, else a <meta charset> or http-equiv near the start, else
 * UTF-8 when the bytes are valid UTF-8, else windows-1252. Invalid sequences
 * become U+FFFD, NUL bytes are dropped. Returns the encoding used ("UTF-8",
 * "windows-1252", or the declared name). Can't fail.
 */
const char *hcharset_to_utf8(struct buf *out, const char *data, size_t len);

/*
 * The page's text as valid UTF-8 (see hcharset_to_utf8): *text is data
 * itself when it is clean UTF-8 already, else out's bytes. Returns the
 * encoding. Can't fail.
 */
const char *hcharset_decode(struct buf *out, const char *data, size_t len, const char **text,
    size_t *textlen);

/* The name of the encoding a <meta> in data[0..len) declares, into name (size bytes); false if none. */
bool hcharset_declared(const char *data, size_t len, char *name, size_t size);

/* ---- html-dom.c ---- */

/* Parse utf8[0..len) (valid UTF-8) as HTML; never NULL (an empty page at worst). */
htmlDocPtr hdom_parse(const char *utf8, size_t len, const char *url);

/* The tag of element n (H_OTHER for other nodes). */
enum htag hdom_tag(const xmlNode *n);

/* The tag named name (lower case). */
enum htag hdom_tag_named(const char *name);

/* Is element n's tag one of the block-level ones (p, div, li, h1...)? */
bool hdom_is_block(const xmlNode *n);

/* The value of attribute name of n, or NULL (a pointer into the tree). */
const char *hdom_attr(const xmlNode *n, const char *name);

/* The first element below n (depth first) with tag, or NULL. */
xmlNodePtr hdom_find(xmlNodePtr n, enum htag tag);

/* The next node after n in document order within root; into n's children when down. */
xmlNodePtr hdom_next(xmlNodePtr n, const xmlNode *root, bool down);

/* Does n have an ancestor with tag, at most depth levels up (0: any)? */
bool hdom_has_ancestor(const xmlNode *n, enum htag tag, int depth);

/* Unlink n from the tree and free it. */
void hdom_remove(xmlNodePtr n);

/* Replace n by its children. */
void hdom_unwrap(xmlNodePtr n);

/* Append the visible text of n (block ends as spaces) to out, raw. */
void hdom_text(const xmlNode *n, struct buf *out);

/* The same with sep at the edges of blocks. */
void hdom_text_sep(const xmlNode *n, struct buf *out, const char *sep);

/* The visible text of n, cleaned onto one line in the page's arena; NULL when empty. */
const char *hdom_text_line(struct hpage *pg, const xmlNode *n);

/*
 * class, id and the component name (data-component, data-testid...) of n,
 * lower case, at most 160 bytes each, into out (size 512).
 */
void hdom_class_id(const xmlNode *n, char *out);

/* Does the lower-case hint string s hold one of words (a NULL-ended list) as a substring? */
bool hdom_hint(const char *s, const char *const *words);

/*
 * Does the lower-case s hold one of words (a NULL-ended list) as a whole
 * token (letters and digits between other characters), or its plural?
 */
bool hdom_token(const char *s, const char *const *words);

/* class and component name of n, lower case, at most 160 bytes each, into out (size 512). */
void hdom_class(const xmlNode *n, char *out);

/* Is s (may be NULL) nothing but white space? */
bool hdom_blank(const char *s);

/* Give every element below root (and root) a zeroed struct hinfo in arena. */
void hdom_info_init(struct hpage *pg, xmlNodePtr root);

/* n's struct hinfo (NULL for nodes that are not elements or have none). */
struct hinfo *hdom_info(const xmlNode *n);

/* Count text, links, commas and paragraphs of root and every element below it. */
void hdom_measure(xmlNodePtr root);

/* The link density of n: link text over text (0 when no text). */
double hdom_link_density(const xmlNode *n);

/* ---- html-meta.c, html-jsonld.c ---- */

/* Gather pg->meta from the whole document (before anything is removed). */
void hmeta_collect(struct hpage *pg);

/* The metadata in the JSON-LD scripts of the document into pg->meta (fields still empty). */
void hjsonld_collect(struct hpage *pg, struct hmeta *m);

/*
 * When n is a date line (its class says date, published, timestamp... and
 * its text, shorter than max bytes, holds a date that is no update): the
 * date in ISO 8601; else NULL.
 */
const char *hmeta_dateline(struct hpage *pg, const xmlNode *n, size_t max);

/* Add an author name (raw, cleaned here) to m unless it is there already. */
void hmeta_add_author(struct hpage *pg, struct hmeta *m, const char *raw);

/* Add tags from raw (a comma-separated list) to m. */
void hmeta_add_tags(struct hpage *pg, struct hmeta *m, const char *raw);

/* ---- html-clean.c ---- */

/*
 * The article title from the document's <title> text: the site's name cut
 * off ("Story - Site", "Site | Story", "Site: Story"), unless what is left
 * is too short to be a title. site (may be NULL) is the site's known name.
 * Returns a string in the arena.
 */
const char *hclean_title(struct hpage *pg, const char *title, const char *site);

/* title with a separator and site (the site's name) at its end or start cut off; else title. */
const char *hclean_title_site(struct hpage *pg, const char *title, const char *site);

/*
 * Split raw (a byline: "By Ann Lee and Bob Roe, Reuters | Updated ...") into
 * names, each passed to add(pg, m, name).
 */
void hclean_authors(struct hpage *pg, struct hmeta *m, const char *raw);

/* Is name (clean) a plausible person's name (no address, no sentence)? */
bool hclean_is_name(const char *name);

/* The first date written in text ("Published 4 March 2022, 10:30"), in ISO 8601; NULL if none. */
const char *hclean_find_date(struct hpage *pg, const char *text);

/* The date s in ISO 8601 (s itself when already so), in the arena; NULL when unreadable. */
const char *hclean_date(struct hpage *pg, const char *s);

/*
 * Split a credit out of caption (clean): a trailing "(Getty Images)",
 * "Photo: X", "Credit: X", "© X", "X/Agency". Sets *credit (NULL when none)
 * and returns the caption without it (NULL when nothing is left), in the arena.
 */
const char *hclean_credit(struct hpage *pg, const char *caption, const char **credit);

/* Are a and b the same text, ignoring case, spaces and punctuation? */
bool hclean_same(const char *a, const char *b);

/* How much of a's words b holds, 0 to 1 (case and punctuation ignored). */
double hclean_similar(const char *a, const char *b);

/* ---- html-prune.c ---- */

/* Remove what is never content: scripts, styles, forms, hidden elements... */
void hprune_always(struct hpage *pg);

/* Take the byline element out of the body (its text to meta.dom_byline when useful). */
void hprune_byline(struct hpage *pg);

/* Remove unlikely candidates (navigation, comments, sidebars...) by class, id and role. */
void hprune_unlikely(struct hpage *pg);

/* The class weight of n: +25 for each hint of content, -25 for each of clutter. */
int hprune_class_weight(const struct hpage *pg, const xmlNode *n);

/* ---- html-score.c ---- */

/*
 * Find the article in pg->body and return a new <div> (in pg->doc, not
 * linked in the tree) holding it, or NULL when nothing scores.
 */
xmlNodePtr hscore_article(struct hpage *pg);

/* ---- html-tidy.c ---- */

/* Clean the chosen content: clutter inside it, the title repeated. */
void htidy_content(struct hpage *pg, xmlNodePtr content);

/* ---- html-figure.c ---- */

/* Take the photos out of content into pg->imp->images. */
void hfigure_collect(struct hpage *pg, xmlNodePtr content);

/* Take the captioned figures above the content, in pg->around, into the images. */
void hfigure_around(struct hpage *pg);

/* Add the lead image of the metadata (once), with its caption when the page has one. */
void hfigure_lead(struct hpage *pg);

/* The address of image element img (src, data-src, srcset...), absolute; NULL when none. */
const char *hfigure_src(struct hpage *pg, const xmlNode *img);

/* ---- html-body.c ---- */

/* Append the content below root as Markdown blocks to pg->imp->paras; returns how many. */
size_t hbody_markdown(struct hpage *pg, const xmlNode *root);

/* ---- html.c ---- */

/* The address ref made absolute against pg->base, in the arena; NULL for none or javascript:. */
const char *html_absolute(struct hpage *pg, const char *ref);

#endif
