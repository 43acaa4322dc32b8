/*
 * html-tidy.c: the chosen content cleaned of what came along with it (see
 * html-int.h).
 *
 * Tables are told apart first: a table with headers, a caption or a
 * summary, or more than ten cells, holds data and stays. Then, from the
 * innermost out, each form, table, list, div and section is weighed as
 * Readability does: it goes when its class says clutter, when it is mostly
 * links, when it has more images than paragraphs, more fields than a third
 * of its paragraphs, or an embed and little text, or when its text is only
 * "Advertisement" or "Loading...". Blocks whose class or id say share,
 * related, newsletter, "most read" or "read more" go when short; so do
 * headings whose class says clutter, a heading that only announces such a
 * block ("Related stories", "Read more") with the list after it, and
 * paragraphs left empty.
 */
#include <stdlib.h>
#include <string.h>

#include "html-int.h"
#include "util.h"

/* Commas that mark a block as prose; characters below which a share or related block goes. */
#define TIDY_PROSE_COMMAS	10
#define TIDY_MAX_CLUTTER	600

/* Words of a class that mark blocks that go from inside the content when short. */
static const char *const tidy_clutter_hints[] = {
	"share", "sharing", "social", "related", "newsletter", "subscribe", "mostread",
	"popular", "recommend", "recommended", "readmore", "promo", "signup", "follow",
	"trending", "outbrain", "taboola", "advert", "advertisement", "ad", "ads", "sponsor",
	"sponsored", "tags", "taglist", "topics", "byline", "author", "authors", "toolbar",
	"tools", "print", "comments", NULL,
};

/* Class or id fragments of the story itself. */
static const char *const tidy_content_hints[] = {
	"article", "content", "body", "main", "story", "entry", "post", "text", NULL,
};

/* Headings that announce clutter (lower case, the whole heading). */
static const char *const tidy_clutter_headings[] = {
	"related", "related stories", "related articles", "related content", "related posts",
	"related links", "read more", "more stories", "more from", "most read", "most popular",
	"recommended", "recommended for you", "you may also like", "you might also like",
	"more on this story", "more on this topic", "see also", "trending", "popular",
	"share this", "share this article", "share this story", "share", "advertisement",
	"newsletter", "sign up", "follow us", "latest news", "top stories", "also read",
	"read next", "what to read next", "up next", NULL,
};

/* Words that make a block's whole text an advertisement or a loading notice. */
static const char *const tidy_ad_words[] = {
	"ad", "ads", "advert", "advertising", "advertisement", "publicité", "pub",
	"werbung", "anzeige", "anuncio", "publicidad", "广告", "реклама", "loading",
	"loading…", "正在加载", "正在加载…", "загрузка", "загрузка…", "chargement",
	"cargando", "sponsored", "sponsored content", "scroll to continue",
	"continue reading", "story continues below", "article continues below",
	"continue reading below", NULL,
};

/* Is s (lower case) one of list exactly? */
static bool
tidy_is_one_of(const char *s, const char *const *list)
{
	for (; *list != NULL; list++)
		if (strcmp(s, *list) == 0)
			return true;
	return false;
}

/* The text of n in lower case without trailing punctuation, or NULL when long. */
static char *
tidy_lower_text(struct hpage *pg, const xmlNode *n, size_t max)
{
	const struct hinfo *hi = hdom_info(n);
	const char *t;
	char *low;
	size_t i, len;

	if (hi == NULL || hi->text > max || (t = hdom_text_line(pg, n)) == NULL)
		return NULL;
	low = xstrdup(t);
	for (i = 0; low[i] != '\0'; i++)
		low[i] = (char)ascii_tolower((unsigned char)low[i]);
	len = i;
	while (len > 0 && (low[len - 1] == ':' || low[len - 1] == '.' || low[len - 1] == ' '))
		low[--len] = '\0';
	return low;
}

/* Count the rows and the most cells in a row of table t (stopping early when big). */
static void
tidy_table_size(const xmlNode *t, size_t *rows, size_t *cols)
{
	const xmlNode *n;
	size_t cells = 0;

	*rows = *cols = 0;
	for (n = t->children; n != NULL && *rows <= 10;
	    n = hdom_next((xmlNodePtr)(uintptr_t)n, t, hdom_tag(n) != H_TABLE)) {
		enum htag tag = hdom_tag(n);

		if (tag == H_TR) {
			(*rows)++;
			cells = 0;
		} else if (tag == H_TD || tag == H_TH) {
			if (++cells > *cols)
				*cols = cells;
		}
	}
}

/* Is table t one of data (kept) rather than of layout? */
static bool
tidy_data_table(const xmlNode *t)
{
	const xmlNode *n;
	const char *a;
	size_t rows, cols;

	if ((a = hdom_attr(t, "role")) != NULL && ascii_strcasecmp(a, "presentation") == 0)
		return false;
	if ((a = hdom_attr(t, "datatable")) != NULL && strcmp(a, "0") == 0)
		return false;
	if (hdom_attr(t, "summary") != NULL)
		return true;
	for (n = t->children; n != NULL; n = hdom_next((xmlNodePtr)(uintptr_t)n, t, true)) {
		enum htag tag = hdom_tag(n);

		if (tag == H_TABLE)
			return false;
		if (tag == H_TH || tag == H_THEAD || tag == H_TFOOT ||
		    (tag == H_CAPTION && n->children != NULL))
			return true;
	}
	tidy_table_size(t, &rows, &cols);
	return rows >= 10 || cols > 4 || rows * cols > 10;
}

/* Mark the data tables of content. */
static void
tidy_mark_tables(xmlNodePtr content)
{
	xmlNodePtr n;

	for (n = content; n != NULL; n = hdom_next(n, content, true))
		if (hdom_tag(n) == H_TABLE)
			hdom_info(n)->data_table = tidy_data_table(n);
}

/* Does n sit in a data table, or hold one? */
static bool
tidy_in_data_table(const xmlNode *n)
{
	const xmlNode *c;

	for (c = n->parent; c != NULL && c->type == XML_ELEMENT_NODE; c = c->parent)
		if (hdom_tag(c) == H_TABLE && hdom_info(c) != NULL && hdom_info(c)->data_table)
			return true;
	for (c = n->children; c != NULL; c = hdom_next((xmlNodePtr)(uintptr_t)c, n, true))
		if (hdom_tag(c) == H_TABLE && hdom_info(c)->data_table)
			return true;
	return false;
}

/* Is n's whole text "Advertisement", "Loading..." or the like? */
static bool
tidy_ad(struct hpage *pg, const xmlNode *n)
{
	char *low = tidy_lower_text(pg, n, 40);
	bool ad = low != NULL && tidy_is_one_of(low, tidy_ad_words);

	free(low);
	return ad;
}

/* Leads of a paragraph that points at another story ("Read more: ..."), lower case. */
static const char *const tidy_pointers[] = {
	"read more", "related:", "related", "also read", "read also", "see also", "more:",
	"watch:", "listen:", "read:", "recommended:", "don't miss", "most read", "sign up",
	"subscribe", "click here", "follow us", NULL,
};

/* Is paragraph n a short one that only points elsewhere: mostly a link, after such a lead? */
static bool
tidy_pointer(struct hpage *pg, const xmlNode *n)
{
	const struct hinfo *hi = hdom_info(n);
	char *low;
	size_t k;
	bool r = false;

	if (hi->text > 200 || hi->links * 2 < hi->text || (low = tidy_lower_text(pg, n, 200)) == NULL)
		return false;
	for (k = 0; tidy_pointers[k] != NULL && !r; k++)
		r = strncmp(low, tidy_pointers[k], strlen(tidy_pointers[k])) == 0;
	free(low);
	return r;
}

/* Would Readability's conditional cleaning remove n (a form, table, list, div...)? */
static bool
tidy_conditional(struct hpage *pg, const xmlNode *n)
{
	const struct hinfo *hi = hdom_info(n);
	bool list = hi->tag == H_UL || hi->tag == H_OL, figure;
	int weight;
	double ld, hd;

	if (!list && hi->text > 0)
		list = (double)hi->listtext / (double)hi->text > 0.9;
	if ((hi->tag == H_TABLE && hi->data_table) || hdom_has_ancestor(n, H_CODE, 0) ||
	    (hi->tag != H_TABLE && tidy_in_data_table(n)))
		return false;
	if ((weight = hprune_class_weight(pg, n)) < 0)
		return true;
	if (hi->commas >= TIDY_PROSE_COMMAS)
		return false;
	if (hi->embeds > 0 && (hdom_find((xmlNodePtr)(uintptr_t)n, H_VIDEO) != NULL))
		return false;
	if (tidy_ad(pg, n))
		return true;
	figure = hdom_has_ancestor(n, H_FIGURE, 0);
	ld = hdom_link_density(n);
	hd = hi->text > 0 ? (double)hi->headings / (double)hi->text : 0;
	return (!figure && hi->imgs > 1 && (double)hi->paras / (double)hi->imgs < 0.5) ||
	    (!list && hi->lis > hi->paras + 100) ||
	    (hi->inputs > hi->paras / 3) ||
	    (!list && !figure && hd < 0.9 && hi->text < 25 && (hi->imgs == 0 || hi->imgs > 2) &&
	    ld > 0) ||
	    (!list && weight < 25 && ld > 0.2) ||
	    (weight >= 25 && ld > 0.5) ||
	    (hi->embeds == 1 && hi->text < 75) || hi->embeds > 1;
}

/* Take n's figures off its ancestors' (n is about to go). */
static void
tidy_discount(xmlNodePtr n, xmlNodePtr content)
{
	const struct hinfo *hi = hdom_info(n);
	xmlNodePtr up;

	for (up = n->parent; up != NULL && hdom_info(up) != NULL; up = up->parent) {
		struct hinfo *u = hdom_info(up);

		u->text -= hi->text < u->text ? hi->text : u->text;
		u->links -= hi->links < u->links ? hi->links : u->links;
		u->commas -= hi->commas < u->commas ? hi->commas : u->commas;
		u->paras -= hi->paras < u->paras ? hi->paras : u->paras;
		u->imgs -= hi->imgs < u->imgs ? hi->imgs : u->imgs;
		u->lis -= hi->lis < u->lis ? hi->lis : u->lis;
		u->inputs -= hi->inputs < u->inputs ? hi->inputs : u->inputs;
		u->embeds -= hi->embeds < u->embeds ? hi->embeds : u->embeds;
		u->headings -= hi->headings < u->headings ? hi->headings : u->headings;
		u->listtext -= hi->listtext < u->listtext ? hi->listtext : u->listtext;
		u->linkheads -= hi->linkheads < u->linkheads ? hi->linkheads : u->linkheads;
		if (up == content)
			break;
	}
}

/* Is n a short block whose class or id say share, related, newsletter...? */
static bool
tidy_clutter(const xmlNode *n)
{
	char hints[512];

	const struct hinfo *hi = hdom_info(n);

	if (hi->text > TIDY_MAX_CLUTTER)
		return false;
	hdom_class(n, hints);
	if (!hdom_token(hints, tidy_clutter_hints))
		return false;
	/* "article-share" is clutter; "article-body social" may be the story */
	return !hdom_hint(hints, tidy_content_hints) || (hi->paras == 0 && hi->text < 200);
}

/* Is heading h one that announces clutter ("Related stories")? */
static bool
tidy_clutter_heading(struct hpage *pg, const xmlNode *h)
{
	char *low = tidy_lower_text(pg, h, 40);
	bool r = low != NULL && tidy_is_one_of(low, tidy_clutter_headings);

	free(low);
	return r;
}

/* Should element n go from the content (n != content)? */
static bool
tidy_goes(struct hpage *pg, xmlNodePtr n)
{
	const struct hinfo *hi = hdom_info(n);

	switch (hi->tag) {
	case H_UL: case H_OL:
	case H_FORM: case H_FIELDSET: case H_TABLE: case H_DIV: case H_SECTION: case H_DL:
	case H_ASIDE:
		/* headlines of other stories, each a link: teasers (not most of the page) */
		if (pg->clean_conditionally && hi->linkheads >= 2 &&
		    hi->text * 2 < hdom_info(pg->content)->text)
			return true;
		if (pg->clean_conditionally && tidy_conditional(pg, n))
			return true;
		return tidy_clutter(n) || (hi->text < 80 && hmeta_dateline(pg, n, 400) != NULL);
	case H_H1: case H_H2: case H_H3: case H_H4: case H_H5: case H_H6:
		return hprune_class_weight(pg, n) < 0 || tidy_clutter_heading(pg, n);
	case H_P:
		if (hi->text > 0 && hi->text < 80 && hmeta_dateline(pg, n, 400) != NULL)
			return true;
		if (hi->text == 0)
			return hi->imgs == 0 && hi->embeds == 0 && hdom_find(n, H_PICTURE) == NULL;
		return tidy_ad(pg, n) || (pg->clean_conditionally && tidy_pointer(pg, n));
	case H_SPAN: case H_HEADER: case H_TIME:
		return tidy_clutter(n) || (hi->text < 80 && hmeta_dateline(pg, n, 400) != NULL);
	default:
		return false;
	}
}

/* A clutter heading takes the list or links after it along. */
static void
tidy_remove(struct hpage *pg, xmlNodePtr n, xmlNodePtr content)
{
	xmlNodePtr next = n->next;
	enum htag tag = hdom_tag(n);

	while (next != NULL && next->type != XML_ELEMENT_NODE)
		next = next->next;
	if (tag >= H_H1 && tag <= H_H6 && next != NULL && hdom_info(next) != NULL &&
	    tidy_clutter_heading(pg, n) && hdom_link_density(next) > 0.5) {
		tidy_discount(next, content);
		hdom_remove(next);
	}
	tidy_discount(n, content);
	hdom_remove(n);
}

void
htidy_content(struct hpage *pg, xmlNodePtr content)
{
	xmlNodePtr n, *list = NULL;
	size_t count = 0, cap = 0, i;

	pg->content = content;
	hdom_measure(content);
	tidy_mark_tables(content);
	for (n = content->children; n != NULL; n = hdom_next(n, content, true))
		if (n->type == XML_ELEMENT_NODE) {
			ARRAY_GROW(list, count + 1, cap);
			list[count++] = n;
		}
	/* innermost first: what goes from inside a block counts no more for it */
	for (i = count; i-- > 0; )
		if (list[i]->parent != NULL && tidy_goes(pg, list[i]))
			tidy_remove(pg, list[i], content);
	free(list);
}
