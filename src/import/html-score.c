/*
 * html-score.c: which container holds the article (see html-int.h).
 *
 * The approach of Arc90's Readability, which Mozilla's reader view keeps:
 * every paragraph-like element (p, td, pre, and divs that hold no block)
 * of 25 characters or more gives its parent a score (1, a point a comma,
 * a point per 100 characters up to 3), half of it to its grandparent and a
 * third of a level to the ancestors above, up to five levels. A container
 * starts from its kind (a div +5, a list -3, a heading -5) and its class
 * and id (+25 for "article", "content"...; -25 for "comment", "share"...)
 * and its total is scaled by how little of its text is links. The best
 * container wins, or the ancestor three near-best ones share, or a parent
 * that scores higher; then its siblings join when they score a fifth of
 * it, or are paragraphs of prose with few links.
 */
#include <stdlib.h>
#include <string.h>

#include "html-int.h"
#include "util.h"

/* Ancestors a paragraph scores; best candidates kept; near-best needed to share an ancestor. */
#define SCORE_LEVELS		5
#define SCORE_TOP		5
#define SCORE_MIN_SHARED	3
#define SCORE_MIN_TEXT		25

/* Elements that make a div a container rather than a paragraph. */
static bool
score_div_blocker(const xmlNode *c)
{
	switch (hdom_tag(c)) {
	case H_BLOCKQUOTE: case H_DL: case H_DIV: case H_IMG: case H_OL: case H_P:
	case H_PRE: case H_TABLE: case H_UL: case H_SECTION: case H_ARTICLE:
	case H_FIGURE: case H_H1: case H_H2: case H_H3: case H_H4: case H_H5: case H_H6:
	case H_HEADER: case H_MAIN: case H_PICTURE: case H_VIDEO: case H_FORM:
		return true;
	default:
		return false;
	}
}

/* Does the run of nodes [first, last] hold text that is not white space? */
static bool
score_run_has_text(xmlNodePtr first, xmlNodePtr last)
{
	xmlNodePtr c;

	for (c = first; c != NULL; c = c->next) {
		if (c->type == XML_TEXT_NODE) {
			if (!hdom_blank((const char *)c->content))
				return true;
		} else if (c->type == XML_ELEMENT_NODE && c->children != NULL) {
			return true;
		}
		if (c == last)
			break;
	}
	return false;
}

/* Wrap the run [first, last] of div's inline children in a new <p>. */
static void
score_wrap(struct hpage *pg, xmlNodePtr first, xmlNodePtr last)
{
	xmlNodePtr p = xmlNewDocNode(pg->doc, NULL, (const xmlChar *)"p", NULL), c, next;

	xmlAddPrevSibling(first, p);
	for (c = first; c != NULL; c = next) {
		next = c->next;
		xmlUnlinkNode(c);
		xmlAddChild(p, c);
		if (c == last)
			break;
	}
	hdom_info_init(pg, p);
}

/*
 * A div that holds no block is a paragraph; in one that does, each run of
 * text and inline elements between blocks becomes a paragraph.
 */
static void
score_div(struct hpage *pg, xmlNodePtr div)
{
	xmlNodePtr c, first = NULL, last = NULL, next;
	bool blocks = false;

	for (c = div->children; c != NULL && !blocks; c = c->next)
		blocks = c->type == XML_ELEMENT_NODE && score_div_blocker(c);
	if (!blocks) {
		xmlNodeSetName(div, (const xmlChar *)"p");
		hdom_info(div)->tag = H_P;
		return;
	}
	for (c = div->children; c != NULL; c = next) {
		next = c->next;
		if (c->type == XML_TEXT_NODE || (c->type == XML_ELEMENT_NODE &&
		    !hdom_is_block(c) && !score_div_blocker(c))) {
			if (first == NULL)
				first = c;
			last = c;
			if (next != NULL)
				continue;
		}
		if (first != NULL && score_run_has_text(first, last))
			score_wrap(pg, first, last);
		first = last = NULL;
	}
}

/* Make paragraphs of the divs below the body (see score_div). */
static void
score_divs(struct hpage *pg)
{
	xmlNodePtr root = pg->body, n;

	for (n = root; n != NULL; n = hdom_next(n, root, true))
		if (hdom_tag(n) == H_DIV)
			score_div(pg, n);
}

/* Give container n its starting score (its kind and class), once; add it to the list. */
static void
score_init(struct hpage *pg, xmlNodePtr n, xmlNodePtr **list, size_t *count, size_t *cap)
{
	struct hinfo *hi = hdom_info(n);

	if (hi == NULL || hi->candidate)
		return;
	hi->candidate = true;
	switch (hi->tag) {
	case H_DIV:
		hi->score = 5;
		break;
	case H_PRE: case H_TD: case H_BLOCKQUOTE:
		hi->score = 3;
		break;
	case H_ADDRESS: case H_OL: case H_UL: case H_DL: case H_DD: case H_DT: case H_LI:
	case H_FORM:
		hi->score = -3;
		break;
	case H_H1: case H_H2: case H_H3: case H_H4: case H_H5: case H_H6: case H_TH:
		hi->score = -5;
		break;
	default:
		hi->score = 0;
		break;
	}
	hi->score += hprune_class_weight(pg, n);
	if (list != NULL) {
		ARRAY_GROW(*list, *count + 1, *cap);
		(*list)[(*count)++] = n;
	}
}

/* Is n an element that gives its ancestors a score? */
static bool
score_scores(const xmlNode *n)
{
	switch (hdom_tag(n)) {
	case H_P: case H_TD: case H_PRE: case H_SECTION: case H_H2: case H_H3: case H_H4:
	case H_H5: case H_H6:
		return true;
	default:
		return false;
	}
}

/* Score every paragraph's ancestors; returns the candidates (the caller frees). */
static xmlNodePtr *
score_paragraphs(struct hpage *pg, size_t *count)
{
	xmlNodePtr root = pg->body, n, up, *list = NULL;
	size_t cap = 0;

	*count = 0;
	for (n = root; n != NULL; n = hdom_next(n, root, true)) {
		const struct hinfo *hi = hdom_info(n);
		double s;
		int level;

		if (hi == NULL || !score_scores(n) || hi->text < SCORE_MIN_TEXT ||
		    n->parent == NULL || hdom_info(n->parent) == NULL)
			continue;
		s = 1 + (double)hi->commas + (double)(hi->text / 100 < 3 ? hi->text / 100 : 3);
		/* the ancestors up to the body, never above it */
		for (up = n->parent, level = 0; up != NULL && level < SCORE_LEVELS &&
		    hdom_info(up) != NULL && hdom_tag(up) != H_HTML; up = up->parent, level++) {
			score_init(pg, up, &list, count, &cap);
			hdom_info(up)->score += s / (level == 0 ? 1 : level == 1 ? 2 : level * 3);
		}
	}
	return list;
}

/* Scale the candidates' scores by their link density; keep the best SCORE_TOP in top. */
static size_t
score_best(xmlNodePtr *list, size_t count, xmlNodePtr *top)
{
	size_t i, k, ntop = 0;

	for (i = 0; i < count; i++) {
		struct hinfo *hi = hdom_info(list[i]);

		hi->score *= 1 - hdom_link_density(list[i]);
		for (k = ntop; k > 0 && hdom_info(top[k - 1])->score < hi->score; k--)
			if (k < SCORE_TOP)
				top[k] = top[k - 1];
		if (k < SCORE_TOP) {
			top[k] = list[i];
			if (ntop < SCORE_TOP)
				ntop++;
		}
	}
	return ntop;
}

/* Is a an ancestor of n? */
static bool
score_is_ancestor(const xmlNode *a, const xmlNode *n)
{
	for (n = n->parent; n != NULL; n = n->parent)
		if (n == a)
			return true;
	return false;
}

/* An ancestor of the best that SCORE_MIN_SHARED near-best candidates share, else best. */
static xmlNodePtr
score_shared(struct hpage *pg, xmlNodePtr *top, size_t ntop)
{
	xmlNodePtr best = top[0], up;
	size_t i, near = 0, holds;

	for (i = 1; i < ntop; i++)
		if (hdom_info(top[i])->score >= 0.75 * hdom_info(best)->score)
			near++;
	if (near < SCORE_MIN_SHARED)
		return best;
	for (up = best->parent; up != NULL && up != pg->body; up = up->parent) {
		for (i = 1, holds = 0; i < ntop; i++)
			if (hdom_info(top[i])->score >= 0.75 * hdom_info(best)->score &&
			    score_is_ancestor(up, top[i]))
				holds++;
		if (holds >= SCORE_MIN_SHARED)
			return up;
	}
	return best;
}

/* Element children of n. */
static size_t
score_children(const xmlNode *n)
{
	const xmlNode *c;
	size_t k = 0;

	for (c = n->children; c != NULL; c = c->next)
		k += c->type == XML_ELEMENT_NODE;
	return k;
}

/* From the chosen candidate: a parent that scores higher, then past only children. */
static xmlNodePtr
score_climb(struct hpage *pg, xmlNodePtr top)
{
	xmlNodePtr up;
	double last, threshold;

	score_init(pg, top, NULL, NULL, NULL);
	last = hdom_info(top)->score;
	threshold = last / 3;
	for (up = top->parent; up != NULL && up != pg->body && hdom_info(up) != NULL;
	    up = up->parent) {
		const struct hinfo *hi = hdom_info(up);

		if (!hi->candidate)
			continue;
		if (hi->score < threshold)
			break;
		if (hi->score > last) {
			top = up;
			break;
		}
		last = hi->score;
	}
	while (top->parent != NULL && top->parent != pg->body &&
	    hdom_info(top->parent) != NULL && score_children(top->parent) == 1)
		top = top->parent;
	score_init(pg, top, NULL, NULL, NULL);
	return top;
}

/* Does s end a sentence somewhere ("." then a space or the end)? */
static bool
score_has_sentence(const char *s)
{
	const char *p;

	for (p = strchr(s, '.'); p != NULL; p = strchr(p + 1, '.'))
		if (p[1] == '\0' || p[1] == ' ')
			return true;
	return false;
}

/* Does sibling s of the chosen top belong to the article? */
static bool
score_sibling_joins(struct hpage *pg, xmlNodePtr top, xmlNodePtr s)
{
	const struct hinfo *hs = hdom_info(s), *ht = hdom_info(top);
	double threshold = ht->score * 0.2 > 10 ? ht->score * 0.2 : 10, bonus = 0;
	const char *ct = hdom_attr(top, "class"), *cs = hdom_attr(s, "class"), *text;

	if (hs == NULL || hs->linkheads >= 2)
		return false;	/* teasers of other stories */
	if (ct != NULL && cs != NULL && ct[0] != '\0' && strcmp(ct, cs) == 0)
		bonus = ht->score * 0.2;
	if (hs->candidate && hs->score + bonus >= threshold)
		return true;
	if (hs->tag != H_P)
		return false;
	if (hs->text > 80 && hdom_link_density(s) < 0.25)
		return true;
	if (hs->text == 0 || hs->text >= 80 || hs->links > 0)
		return false;
	text = hdom_text_line(pg, s);
	return text != NULL && score_has_sentence(text);
}

/* A new <div> holding top and the siblings that join it. */
static xmlNodePtr
score_gather(struct hpage *pg, xmlNodePtr top)
{
	xmlNodePtr div = xmlNewDocNode(pg->doc, NULL, (const xmlChar *)"div", NULL);
	xmlNodePtr s, next, parent = top->parent;

	xmlAddNextSibling(pg->body, div);
	hdom_info_init(pg, div);
	pg->marker = xmlNewDocComment(pg->doc, (const xmlChar *)"article");
	xmlAddPrevSibling(top, pg->marker);
	for (s = parent != NULL ? parent->children : top; s != NULL; s = next) {
		next = s->next;
		if (s->type != XML_ELEMENT_NODE || (s != top && !score_sibling_joins(pg, top, s)))
			continue;
		xmlUnlinkNode(s);
		xmlAddChild(div, s);
	}
	return div;
}

xmlNodePtr
hscore_article(struct hpage *pg)
{
	xmlNodePtr *list, top[SCORE_TOP], best, div;
	size_t count, ntop;

	score_divs(pg);
	hdom_measure(pg->body);
	list = score_paragraphs(pg, &count);
	ntop = score_best(list, count, top);
	free(list);
	if (ntop == 0 || top[0] == pg->body || hdom_tag(top[0]) == H_BODY) {
		/* no container stands out: the whole body */
		div = xmlNewDocNode(pg->doc, NULL, (const xmlChar *)"div", NULL);
		xmlAddNextSibling(pg->body, div);
		while (pg->body->children != NULL) {
			xmlNodePtr c = pg->body->children;

			xmlUnlinkNode(c);
			xmlAddChild(div, c);
		}
		hdom_info_init(pg, div);
		return div;
	}
	best = score_shared(pg, top, ntop);
	best = score_climb(pg, best);
	for (div = best->parent; div != NULL && div != pg->body; div = div->parent)
		if (hdom_tag(div) == H_ARTICLE || hdom_tag(div) == H_MAIN) {
			pg->around = div;
			break;
		}
	return score_gather(pg, best);
}
