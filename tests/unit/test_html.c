/*
 * test_html.c: the HTML importer on small pages written here: each
 * metadata source, title and author cleaning, credits split out of
 * captions, encodings, each boilerplate rule, the Markdown body, the
 * fragment converter and pages with no article.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "imported.h"
#include "utf8.h"
#include "util.h"

#define BASE "https://example.org/news/story.html"

/* A paragraph long enough to be an article's, with a word to find it by. */
#define PROSE(word) "<p>" word " The council met on Tuesday evening to discuss the harbour " \
	"footbridge, which has been closed for repairs since the storms of last winter, and " \
	"agreed after a long debate to reopen it in the spring, the mayor said.</p>"

/* Import page (NUL-terminated) with BASE; fails the test when the import fails. */
static struct imported *
page(const char *html)
{
	struct imported *imp = imported_new();
	char *cause = NULL;

	if (imported_from_html(imp, html, strlen(html), BASE, &cause) < 0) {
		print_error("import failed: %s\n", cause);
		free(cause);
		imported_free(imp);
		fail();
	}
	return imp;
}

/* The body as one string, blocks separated by blank lines; the caller frees it. */
static char *
body(const struct imported *imp)
{
	struct buf b = BUF_INIT;
	size_t i;

	for (i = 0; i < imp->nparas; i++) {
		if (i > 0)
			buf_adds(&b, "\n\n");
		buf_adds(&b, imp->paras[i]);
	}
	return buf_detach(&b);
}

/* Does the body hold s? */
static bool
has(const struct imported *imp, const char *s)
{
	char *b = body(imp);
	bool r = strstr(b, s) != NULL;

	free(b);
	return r;
}

/* Is there a block exactly s? */
static bool
block(const struct imported *imp, const char *s)
{
	size_t i;

	for (i = 0; i < imp->nparas; i++)
		if (strcmp(imp->paras[i], s) == 0)
			return true;
	return false;
}

#define assert_has(imp, s) do { if (!has(imp, s)) { char *b_ = body(imp); \
	print_error("body lacks \"%s\":\n%s\n", s, b_); free(b_); fail(); } } while (0)
#define assert_lacks(imp, s) do { if (has(imp, s)) { char *b_ = body(imp); \
	print_error("body holds \"%s\":\n%s\n", s, b_); free(b_); fail(); } } while (0)

static void
test_jsonld_graph(void **state)
{
	struct imported *imp = page(
	    "<!doctype html><html><head><title>Page title - Site</title>"
	    "<script type=\"application/ld+json\">{\"@context\":\"https://schema.org\",\"@graph\":["
	    "{\"@type\":\"WebSite\",\"name\":\"The Site\"},"
	    "{\"@type\":[\"NewsArticle\",\"Article\"],\"headline\":\"Bridge to reopen &amp; more\","
	    "\"description\":\"The council agrees.\",\"datePublished\":\"2021-04-14T09:30:00+01:00\","
	    "\"author\":[{\"@type\":\"Person\",\"name\":\"Ann Writer\"},{\"@type\":\"Person\","
	    "\"name\":\"Bob Reporter\"}],\"publisher\":{\"@type\":\"Organization\","
	    "\"name\":\"The Example Gazette\"},\"image\":{\"@type\":\"ImageObject\","
	    "\"url\":\"/img/bridge.jpg\",\"caption\":\"The bridge at dawn.\"},"
	    "\"keywords\":\"local, transport\",\"url\":\"https://example.org/news/bridge\"}]}"
	    "</script></head><body><article>" PROSE("First.") "</article></body></html>");

	(void)state;
	assert_string_equal(imp->title, "Bridge to reopen & more");
	assert_string_equal(imp->subtitle, "The council agrees.");
	assert_string_equal(imp->date, "2021-04-14T09:30:00+01:00");
	assert_string_equal(imp->source, "The Example Gazette");
	assert_int_equal(imp->nauthors, 2);
	assert_string_equal(imp->authors[0], "Ann Writer");
	assert_string_equal(imp->authors[1], "Bob Reporter");
	assert_int_equal(imp->ntags, 2);
	assert_string_equal(imp->tags[0], "local");
	assert_string_equal(imp->tags[1], "transport");
	assert_string_equal(imp->url, "https://example.org/news/bridge");
	assert_int_equal(imp->nimages, 1);
	assert_string_equal(imp->images[0].path, "https://example.org/img/bridge.jpg");
	assert_string_equal(imp->images[0].caption, "The bridge at dawn.");
	imported_free(imp);
}

static void
test_jsonld_array(void **state)
{
	struct imported *imp = page(
	    "<html><head><script type=\"application/ld+json\"><![CDATA[ [{\"@type\":\"Organization\","
	    "\"name\":\"Org\"},{\"@type\":\"BlogPosting\",\"name\":\"A post about boats\","
	    "\"author\":{\"name\":\"Cat Sailor\"},\"datePublished\":\"2020-01-02\","
	    "\"keywords\":[\"boats\",\"sea\"]}] ]]></script></head><body>" PROSE("Boats.")
	    "</body></html>");

	(void)state;
	assert_string_equal(imp->title, "A post about boats");
	assert_string_equal(imp->date, "2020-01-02");
	assert_int_equal(imp->nauthors, 1);
	assert_string_equal(imp->authors[0], "Cat Sailor");
	assert_int_equal(imp->ntags, 2);
	imported_free(imp);
}

static void
test_opengraph(void **state)
{
	struct imported *imp = page(
	    "<html><head><title>Other - X</title>"
	    "<meta property=\"og:title\" content=\"Harbour bridge reopens\">"
	    "<meta property=\"og:site_name\" content=\"Harbour Times\">"
	    "<meta property=\"og:description\" content=\"After a year of repairs.\">"
	    "<meta property=\"og:url\" content=\"https://example.org/bridge\">"
	    "<meta property=\"og:image\" content=\"https://example.org/lead.jpg\">"
	    "<meta property=\"og:image:alt\" content=\"The bridge from the quay at night\">"
	    "<meta property=\"article:published_time\" content=\"2022-03-04T10:00:00Z\">"
	    "<meta property=\"article:author\" content=\"https://facebook.com/someone\">"
	    "<meta property=\"article:author\" content=\"Dan Quay\">"
	    "<meta property=\"article:tag\" content=\"bridges\">"
	    "<meta property=\"article:tag\" content=\"harbour\">"
	    "</head><body>" PROSE("Open.") "</body></html>");

	(void)state;
	assert_string_equal(imp->title, "Harbour bridge reopens");
	assert_string_equal(imp->source, "Harbour Times");
	assert_string_equal(imp->subtitle, "After a year of repairs.");
	assert_string_equal(imp->date, "2022-03-04T10:00:00Z");
	assert_string_equal(imp->url, "https://example.org/bridge");
	assert_string_equal(imp->id, "https://example.org/bridge");
	assert_int_equal(imp->nauthors, 1);
	assert_string_equal(imp->authors[0], "Dan Quay");
	assert_int_equal(imp->ntags, 2);
	assert_string_equal(imp->tags[1], "harbour");
	/* the lead image with its alt text as the caption */
	assert_int_equal(imp->nimages, 1);
	assert_string_equal(imp->images[0].path, "https://example.org/lead.jpg");
	assert_string_equal(imp->images[0].caption, "The bridge from the quay at night");
	imported_free(imp);
}

static void
test_local_date(void **state)
{
	struct imported *imp = page(
	    "<html><head><script type=\"application/ld+json\">{\"@type\":\"NewsArticle\","
	    "\"headline\":\"Late news\",\"datePublished\":\"2017-02-24T01:18:13Z\"}</script>"
	    "<meta property=\"article:published_time\" content=\"2017-02-23T17:18:13-08:00\">"
	    "</head><body>" PROSE("Late.") "</body></html>");

	(void)state;
	/* the same moment: the day the site printed */
	assert_string_equal(imp->date, "2017-02-23T17:18:13-08:00");
	imported_free(imp);
}

static void
test_twitter_and_meta(void **state)
{
	struct imported *imp = page(
	    "<html><head><meta name=\"twitter:title\" content=\"Tide tables change\">"
	    "<meta name=\"twitter:description\" content=\"New times from May.\">"
	    "<meta name=\"author\" content=\"Eve Tide\">"
	    "<meta name=\"date\" content=\"2019-05-01\">"
	    "<meta name=\"keywords\" content=\"tides, sea, May\">"
	    "</head><body>" PROSE("Tides.") "</body></html>");

	(void)state;
	assert_string_equal(imp->title, "Tide tables change");
	assert_string_equal(imp->subtitle, "New times from May.");
	assert_string_equal(imp->date, "2019-05-01");
	assert_string_equal(imp->authors[0], "Eve Tide");
	assert_int_equal(imp->ntags, 3);
	/* no site name on the page: the host of the address */
	assert_string_equal(imp->source, "example.org");
	assert_string_equal(imp->url, BASE);
	assert_null(imp->id);
	imported_free(imp);
}

static void
test_dublin_core(void **state)
{
	struct imported *imp = page(
	    "<html><head><meta name=\"DC.title\" content=\"Name title\">"
	    "<meta property=\"dc:title\" content=\"Property title\">"
	    "<meta property=\"og:title\" content=\"Graph title\">"
	    "<meta name=\"DC.creator\" content=\"Fay Core\">"
	    "<meta name=\"DC.date\" content=\"2018-12-24\">"
	    "<meta name=\"author\" content=\"Not Chosen\">"
	    "</head><body>" PROSE("Core.") "</body></html>");

	(void)state;
	assert_string_equal(imp->title, "Property title");
	assert_string_equal(imp->authors[0], "Fay Core");
	assert_int_equal(imp->nauthors, 1);
	assert_string_equal(imp->date, "2018-12-24");
	imported_free(imp);
}

static void
test_parsely(void **state)
{
	struct imported *imp = page(
	    "<html><head><meta name=\"parsely-title\" content=\"Parsed title\">"
	    "<meta name=\"parsely-author\" content=\"Gil Parse\">"
	    "<meta name=\"parsely-pub-date\" content=\"2024-04-20T04:20:00.000Z\">"
	    "<meta name=\"parsely-tags\" content=\"one,two-words\">"
	    "</head><body>" PROSE("Parsed.") "</body></html>");

	(void)state;
	assert_string_equal(imp->title, "Parsed title");
	assert_string_equal(imp->authors[0], "Gil Parse");
	assert_string_equal(imp->date, "2024-04-20T04:20:00.000Z");
	assert_int_equal(imp->ntags, 2);
	assert_string_equal(imp->tags[1], "two-words");
	imported_free(imp);
}

static void
test_time_and_canonical(void **state)
{
	struct imported *imp = page(
	    "<html><head><title>Ferry timetable: what changes this summer</title>"
	    "<link rel=\"canonical\" href=\"/news/ferry\"></head><body><article>"
	    "<time datetime=\"2023-06-01T08:00:00+02:00\" pubdate>1 June</time>"
	    PROSE("Ferry.") "</article></body></html>");

	(void)state;
	assert_string_equal(imp->date, "2023-06-01T08:00:00+02:00");
	assert_string_equal(imp->url, "https://example.org/news/ferry");
	assert_string_equal(imp->id, "https://example.org/news/ferry");
	imported_free(imp);
	imp = page("<html><body><article><span itemprop=\"datePublished\" "
	    "content=\"2017-02-03\">3 Feb</span>" PROSE("Item.") "</article></body></html>");
	assert_string_equal(imp->date, "2017-02-03");
	imported_free(imp);
}

static void
test_visible_dates(void **state)
{
	struct imported *imp = page(
	    "<html><body><article><h1>Harbour news today</h1><div class=\"meta\">"
	    "<span class=\"date\">Published 4 March 2022, 10:30</span></div>" PROSE("Text.")
	    "</article></body></html>");

	(void)state;
	assert_string_equal(imp->date, "2022-03-04T10:30:00");
	assert_lacks(imp, "Published");
	imported_free(imp);
	imp = page("<html><body><main><time datetime=\"2021-05-06T07:08:09Z\">6 May</time>"
	    PROSE("Main.") "</main></body></html>");
	assert_string_equal(imp->date, "2021-05-06T07:08:09Z");
	/* the title is the first words of the first block that is no date */
	assert_int_equal(strncmp(imp->title, "Main. The council met", 21), 0);
	imported_free(imp);
	imp = page("<html><body><p class=\"updated-date\">Updated March 9, 2022</p>"
	    "<p class=\"post-date\">March 4, 2022</p>" PROSE("Post.") "</body></html>");
	assert_string_equal(imp->date, "2022-03-04");
	imported_free(imp);
}

static void
test_hero_image(void **state)
{
	struct imported *imp = page(
	    "<html><head><meta property=\"og:image\" content=\"https://example.org/i/hero.jpg?w=1\">"
	    "</head><body><div class=\"hero\"><figure><img src=\"/i/hero.jpg\"><figcaption>"
	    "Waves over the wall. Photo: Kai Lens/Example</figcaption></figure></div>"
	    "<div class=\"body\">" PROSE("One.") PROSE("Two.") "</div>"
	    "<figure><img src=\"/i/other.jpg\"><figcaption>Not the lead.</figcaption></figure>"
	    "</body></html>");

	(void)state;
	assert_true(imp->nimages >= 1);
	assert_string_equal(imp->images[0].path, "https://example.org/i/hero.jpg");
	assert_string_equal(imp->images[0].caption, "Waves over the wall.");
	assert_string_equal(imp->images[0].credit, "Kai Lens/Example");
	imported_free(imp);
}

/* The title page() finds for a page whose <title> is t (and og:site_name site when not NULL). */
static void
assert_title(const char *t, const char *site, const char *want)
{
	char *html = xasprintf("<html><head><title>%s</title>%s%s%s</head><body>" PROSE("T.")
	    "</body></html>", t, site != NULL ? "<meta property=\"og:site_name\" content=\"" : "",
	    site != NULL ? site : "", site != NULL ? "\">" : "");
	struct imported *imp = page(html);

	assert_string_equal(imp->title, want);
	imported_free(imp);
	free(html);
}

static void
test_title_cleaning(void **state)
{
	(void)state;
	assert_title("Council approves the harbour footbridge - Example News", NULL,
	    "Council approves the harbour footbridge");
	assert_title("Council approves the harbour footbridge | The Gazette", NULL,
	    "Council approves the harbour footbridge");
	assert_title("The Gazette \xc2\xbb Council approves the harbour footbridge", NULL,
	    "Council approves the harbour footbridge");
	assert_title("Gazette: Council approves the harbour footbridge today", NULL,
	    "Council approves the harbour footbridge today");
	/* too short once cut: kept whole, unless the cut part is the site's name */
	assert_title("Brexit - Daily Planet", NULL, "Brexit - Daily Planet");
	assert_title("Brexit - Example News", "Example News", "Brexit");
	assert_title("Example News | Brexit", "Example News", "Brexit");
	assert_title("A title with no site", NULL, "A title with no site");
	/* the site's name in short, or as the page's address names it */
	assert_title("Harbour deal agreed - Example News", "Example", "Harbour deal agreed");
	assert_title("Harbour deal agreed | EXAMPLE.ORG", NULL, "Harbour deal agreed");
	assert_title("Harbour deal agreed | The", "The Gazette", "Harbour deal agreed | The");
	/* the part before the separator has words enough to be a title: kept whole */
	assert_title("Gazette &amp; Times \xe2\x80\x93 A headline of five words here", NULL,
	    "Gazette & Times \xe2\x80\x93 A headline of five words here");
	assert_title("Gazette \xe2\x80\x93 A headline of five words here", NULL,
	    "A headline of five words here");
}

/* The authors page() finds for <meta name=author content=raw>, joined by "; ". */
static void
assert_authors(const char *raw, const char *want)
{
	char *html = xasprintf("<html><head><meta name=\"author\" content=\"%s\"></head><body>"
	    PROSE("A.") "</body></html>", raw);
	struct imported *imp = page(html);
	struct buf b = BUF_INIT;
	size_t i;

	for (i = 0; i < imp->nauthors; i++) {
		if (i > 0)
			buf_adds(&b, "; ");
		buf_adds(&b, imp->authors[i]);
	}
	buf_addc(&b, '\0');
	assert_string_equal(b.data, want);
	buf_free(&b);
	imported_free(imp);
	free(html);
}

static void
test_author_cleaning(void **state)
{
	(void)state;
	assert_authors("By Jane Doe and John Roe", "Jane Doe; John Roe");
	assert_authors("by Jane Doe, John Roe &amp; Kim Lee", "Jane Doe; John Roe; Kim Lee");
	assert_authors("Jane Doe, Senior Staff Writer", "Jane Doe");
	assert_authors("By Ann Lee | Updated March 4, 2022, 9:30 AM", "Ann Lee");
	assert_authors("By Ann Lee March 4, 2022", "Ann Lee");
	assert_authors("Written by Rob Ewer Edited by Bea Dee", "Rob Ewer; Bea Dee");
	assert_authors("Bradley Kuhn (http://example.org/bk/)", "Bradley Kuhn");
	assert_authors("Par Marie Dupont et Jean Martin", "Marie Dupont; Jean Martin");
	assert_authors("CC7567", "");
	assert_authors("https://example.org/authors/jane", "");
}

static void
test_byline_element(void **state)
{
	struct imported *imp = page(
	    "<html><head><title>Boats sail again in the harbour this week</title></head><body>"
	    "<article><h1>Boats sail again in the harbour this week</h1>"
	    "<div class=\"article-byline\">By <a rel=\"author\" href=\"/a/1\">Hal Mast</a> and "
	    "<a rel=\"author\" href=\"/a/2\">Ida Keel</a>, March 3, 2022</div>"
	    PROSE("Sail.") PROSE("Second.") "</article></body></html>");

	(void)state;
	assert_int_equal(imp->nauthors, 2);
	assert_string_equal(imp->authors[0], "Hal Mast");
	assert_string_equal(imp->authors[1], "Ida Keel");
	/* the byline and the heading that repeats the title leave the body */
	assert_lacks(imp, "Hal Mast");
	assert_lacks(imp, "Boats sail again");
	assert_has(imp, "Sail.");
	imported_free(imp);
}

static void
test_component_names(void **state)
{
	struct imported *imp = page(
	    "<html><head><meta property=\"og:site_name\" content=\"Example News\">"
	    "<script type=\"application/ld+json\">{\"@type\":\"NewsArticle\",\"headline\":"
	    "\"Ferry to sail again\",\"author\":{\"@type\":\"Organization\",\"name\":"
	    "\"Example News\"}}</script></head><body><article>"
	    "<div data-component=\"byline-block\"><div><span>By Rhona Kerr</span></div>"
	    "<div><span>Example News, the Isles</span></div></div>"
	    "<div data-component=\"image-block\"><figure><span><img src=\"pier.jpg\">"
	    "<span>Image source, Lens Agency</span></span><figcaption><span>Image caption, "
	    "</span>The pier after the storm</figcaption></figure></div>"
	    "<div data-component=\"text-block\">" PROSE("One.") "</div>"
	    "<div data-component=\"share-tools\"><a href=\"#\">Share</a></div>"
	    "<div data-component=\"text-block\">" PROSE("Two.") "</div>"
	    "<div data-testid=\"related-links\"><a href=\"/x\">Elsewhere entirely</a></div>"
	    "</article></body></html>");

	(void)state;
	/* the site is no author when the byline names a reporter */
	assert_int_equal(imp->nauthors, 1);
	assert_string_equal(imp->authors[0], "Rhona Kerr");
	assert_lacks(imp, "Rhona Kerr");
	assert_lacks(imp, "Share");
	assert_lacks(imp, "Elsewhere");
	assert_int_equal(imp->nimages, 1);
	assert_string_equal(imp->images[0].caption, "The pier after the storm");
	assert_string_equal(imp->images[0].credit, "Lens Agency");
	imported_free(imp);

	/* a byline paragraph the page keeps in the story's container leaves the body */
	imp = page("<html><head><meta name=\"author\" content=\"Jo Quill\"></head><body>"
	    "<article><p>By Jo Quill, 3 May 2022</p>" PROSE("Text.") PROSE("More.")
	    "</article></body></html>");
	assert_lacks(imp, "Jo Quill");
	assert_has(imp, "Text.");
	imported_free(imp);
}

/* The image a figure with caption cap (HTML) gives: caption and credit. */
static void
assert_credit(const char *cap, const char *caption, const char *credit)
{
	char *html = xasprintf("<html><body><article>" PROSE("F.") "<figure>"
	    "<img src=\"/p.jpg\" alt=\"x\"><figcaption>%s</figcaption></figure>" PROSE("G.")
	    "</article></body></html>", cap);
	struct imported *imp = page(html);

	assert_int_equal(imp->nimages, 1);
	if (caption == NULL)
		assert_null(imp->images[0].caption);
	else
		assert_string_equal(imp->images[0].caption, caption);
	if (credit == NULL)
		assert_null(imp->images[0].credit);
	else
		assert_string_equal(imp->images[0].credit, credit);
	assert_string_equal(imp->images[0].path, "https://example.org/p.jpg");
	assert_lacks(imp, "figcaption");
	imported_free(imp);
	free(html);
}

static void
test_credit_splitting(void **state)
{
	(void)state;
	assert_credit("A bridge at dawn. (Getty Images)", "A bridge at dawn.", "Getty Images");
	assert_credit("Crowds gather. Photo: Ann Lee/Example", "Crowds gather.", "Ann Lee/Example");
	assert_credit("Rain on the quay. Credit: Bob Roe", "Rain on the quay.", "Bob Roe");
	assert_credit("The mayor speaks. \xc2\xa9 Example Photo Agency", "The mayor speaks.",
	    "\xc2\xa9 Example Photo Agency");
	assert_credit("Boats in the harbour. Jane Smith/Reuters", "Boats in the harbour.",
	    "Jane Smith/Reuters");
	assert_credit("The mayor speaks. <span class=\"credit\">Photo by Kim Lens/AP</span>",
	    "The mayor speaks.", "Kim Lens/AP");
	assert_credit("Just a caption, no credit.", "Just a caption, no credit.", NULL);
	assert_credit("Boats at rest. <cite>Lena Shore</cite>", "Boats at rest.", "Lena Shore");
	assert_credit("Boats at rest. <small>Example Wire</small>", "Boats at rest.", "Example Wire");
	assert_credit("<span>Boats at rest.</span><span class=\"caption-credit\"><span>Credit...</span>"
	    "Lena Shore for The Gazette</span>", "Boats at rest.", "Lena Shore for The Gazette");
}

static void
test_figures(void **state)
{
	struct imported *imp = page(
	    "<html><head><meta property=\"og:image\" content=\"https://example.org/a.jpg\">"
	    "</head><body><article>" PROSE("One.")
	    "<figure><img src=\"data:image/gif;base64,R0lGOD\" data-src=\"a.jpg\" "
	    "alt=\"A long alt text that says more than the caption does\">"
	    "<figcaption>The quay.</figcaption></figure>"
	    "<figure><picture><source srcset=\"b-320.jpg 320w, b-800.jpg 800w\">"
	    "<img alt=\"\"></picture><figcaption>The boats.</figcaption></figure>"
	    "<figure><img src=\"c.jpg\"></figure>"
	    "<figure><img src=\"icon.png\" class=\"icon\" alt=\"An icon of a boat here\">"
	    "<figcaption>Icon</figcaption></figure>"
	    "<div class=\"wp-caption\"><img src=\"d.jpg\" width=\"600\"><p class=\"wp-caption-text\">"
	    "A loose photo. Photo: Lou Lens</p></div>"
	    PROSE("Two.") "</article></body></html>");

	(void)state;
	assert_int_equal(imp->nimages, 3);
	/* the lead image (og:image) is the first figure's: not added twice */
	assert_string_equal(imp->images[0].path, "https://example.org/news/a.jpg");
	assert_string_equal(imp->images[0].caption, "The quay.");
	assert_string_equal(imp->images[0].title,
	    "A long alt text that says more than the caption does");
	assert_string_equal(imp->images[1].path, "https://example.org/news/b-800.jpg");
	assert_string_equal(imp->images[1].caption, "The boats.");
	assert_null(imp->images[1].title);
	assert_string_equal(imp->images[2].path, "https://example.org/news/d.jpg");
	assert_string_equal(imp->images[2].caption, "A loose photo.");
	assert_string_equal(imp->images[2].credit, "Lou Lens");
	assert_lacks(imp, "The quay.");
	assert_lacks(imp, "A loose photo");
	assert_has(imp, "Two.");
	imported_free(imp);
}

static void
test_encoding(void **state)
{
	/* windows-1252 declared: curly quotes, an e acute, the euro */
	static const char cp1252[] = "<html><head><meta charset=\"windows-1252\"></head><body>"
	    "<p>\x93" "Caf\xe9 prices,\x94 she said, \x80" "5 each. The council met on Tuesday "
	    "evening to discuss the harbour footbridge and agreed to reopen it.</p></body></html>";
	static const char latin1[] = "<html><head><meta http-equiv=\"Content-Type\" "
	    "content=\"text/html; charset=ISO-8859-1\"></head><body><p>Na\xefve \x80 caf\xe9 "
	    "owners met on Tuesday evening to discuss the harbour footbridge again.</p></body></html>";
	static const char guess[] = "<html><body><p>No declaration: caf\xe9 and cr\xe8me, "
	    "and the council met on Tuesday evening to discuss the footbridge.</p></body></html>";
	static const char liar[] = "<html><head><meta charset=\"gb2312\"></head><body><p>"
	    "Saved as UTF-8: caf\xc3\xa9 and \xe4\xb8\xad\xe6\x96\x87, the council met on Tuesday "
	    "evening to discuss the harbour footbridge.</p></body></html>";
	static const char bom[] = "\xef\xbb\xbf<html><head><meta charset=\"iso-8859-1\"></head>"
	    "<body><p>With a BOM: caf\xc3\xa9, the council met on Tuesday evening to discuss "
	    "the harbour footbridge and more.</p></body></html>";
	struct imported *imp;
	char *cause = NULL;

	(void)state;
	imp = page(cp1252);
	assert_has(imp, "\xe2\x80\x9c" "Caf\xc3\xa9 prices,\xe2\x80\x9d she said, \xe2\x82\xac" "5");
	imported_free(imp);
	imp = page(latin1);
	assert_has(imp, "Na\xc3\xafve \xe2\x82\xac caf\xc3\xa9");
	imported_free(imp);
	imp = page(guess);
	assert_has(imp, "caf\xc3\xa9 and cr\xc3\xa8me");
	imported_free(imp);
	imp = page(liar);
	assert_has(imp, "caf\xc3\xa9 and \xe4\xb8\xad\xe6\x96\x87");
	imported_free(imp);
	imp = page(bom);
	assert_has(imp, "With a BOM: caf\xc3\xa9,");
	imported_free(imp);
	/* UTF-16 with its byte-order mark */
	{
		const char *ascii = "<html><body><p>Sixteen bits: the council met on Tuesday "
		    "evening to discuss the harbour footbridge.</p></body></html>";
		struct buf b = BUF_INIT;
		size_t i;

		buf_add(&b, "\xff\xfe", 2);
		for (i = 0; ascii[i] != '\0'; i++) {
			buf_addc(&b, ascii[i]);
			buf_addc(&b, '\0');
		}
		imp = imported_new();
		assert_int_equal(imported_from_html(imp, b.data, b.len, NULL, &cause), 0);
		assert_has(imp, "Sixteen bits:");
		imported_free(imp);
		buf_free(&b);
	}
}

static void
test_navigation_and_chrome(void **state)
{
	struct imported *imp = page(
	    "<html><body><header class=\"site-header\"><a href=\"/\">Home</a> <a href=\"/news\">"
	    "News</a></header><nav><ul><li><a href=\"/a\">Section A</a></li></ul></nav>"
	    "<div class=\"layout\"><aside class=\"sidebar\"><h3>Most read</h3><ul>"
	    "<li><a href=\"/x\">Another story entirely</a></li></ul></aside>"
	    "<main><article>" PROSE("Main.") PROSE("More.") "</article></main></div>"
	    "<footer><p>Copyright Example 2024. All rights reserved in every way.</p></footer>"
	    "<div id=\"comments\"><p>Great article, thanks for writing it, I agree with it.</p>"
	    "</div></body></html>");

	(void)state;
	assert_has(imp, "Main.");
	assert_has(imp, "More.");
	assert_lacks(imp, "Home");
	assert_lacks(imp, "Section A");
	assert_lacks(imp, "Another story");
	assert_lacks(imp, "Copyright");
	assert_lacks(imp, "Great article");
	imported_free(imp);
}

static void
test_hidden(void **state)
{
	struct imported *imp = page(
	    "<html><body><article>" PROSE("Seen.")
	    "<p hidden>Hidden by attribute, never shown to a reader of the page.</p>"
	    "<p aria-hidden=\"true\">Hidden from assistive technology, and so from us.</p>"
	    "<p style=\"display: none\">Hidden by a style that says display none.</p>"
	    "<p style=\"visibility:hidden\">Hidden by a style that says visibility hidden.</p>"
	    PROSE("Also seen.") "</article></body></html>");

	(void)state;
	assert_has(imp, "Seen.");
	assert_has(imp, "Also seen.");
	assert_lacks(imp, "Hidden");
	imported_free(imp);
}

static void
test_share_related_newsletter(void **state)
{
	struct imported *imp = page(
	    "<html><body><article>" PROSE("Story.")
	    "<div class=\"share-buttons\"><a href=\"#\">Share on Facebook</a> "
	    "<a href=\"#\">Share on X</a></div>"
	    "<div class=\"newsletter-signup\"><p>Sign up for our daily newsletter.</p></div>"
	    PROSE("Middle.")
	    "<h3>Related stories</h3><ul><li><a href=\"/r1\">A related story one</a></li>"
	    "<li><a href=\"/r2\">A related story two</a></li></ul>"
	    "<div class=\"ad-slot\"><p>Advertisement</p></div>"
	    "<p>Advertisement</p>"
	    "<section class=\"related-links\"><a href=\"/r3\">More on this</a></section>"
	    "<p>Read more: <a href=\"/r4\">The harbour's long history of storms</a></p>"
	    "<p>She said she would read more about it: <a href=\"/r5\">the report</a>.</p>"
	    PROSE("End.") "</article></body></html>");

	(void)state;
	assert_has(imp, "Story.");
	assert_has(imp, "Middle.");
	assert_has(imp, "End.");
	assert_lacks(imp, "Share on");
	assert_lacks(imp, "newsletter");
	assert_lacks(imp, "Related stories");
	assert_lacks(imp, "related story");
	assert_lacks(imp, "Advertisement");
	assert_lacks(imp, "More on this");
	assert_lacks(imp, "long history");
	assert_has(imp, "She said she would read more about it: the report.");
	imported_free(imp);
}

static void
test_link_lists(void **state)
{
	struct imported *imp = page(
	    "<html><body><article>" PROSE("Text.")
	    "<h4>Read more</h4><ul><li><a href=\"/1\">Link one to elsewhere</a></li><li>"
	    "<a href=\"/2\">Link two to elsewhere</a></li></ul>"
	    "<ul class=\"related-list\"><li><a href=\"/3\">Link three to elsewhere</a></li></ul>"
	    "<p>The plan has three parts:</p>"
	    "<ul><li>a new deck of oak</li><li>lights along the rail</li><li>a ramp</li></ul>"
	    "<p>Sources:</p><ul><li><a href=\"/s1\">The council minutes of March</a></li>"
	    "<li><a href=\"/s2\">The engineers' report</a></li></ul>"
	    PROSE("Close.") "</article></body></html>");

	(void)state;
	assert_lacks(imp, "Read more");
	assert_lacks(imp, "Link one");
	assert_lacks(imp, "Link three");
	assert_true(block(imp, "- a new deck of oak\n- lights along the rail\n- a ramp"));
	/* a list of links with no word saying it is clutter stays, as Readability keeps it */
	assert_true(block(imp, "- The council minutes of March\n- The engineers' report"));
	imported_free(imp);
}

static void
test_teasers(void **state)
{
	struct imported *imp = page(
	    "<html><body><main><div class=\"layout\"><article>" PROSE("Story one.")
	    PROSE("Story two.") PROSE("Story three.")
	    "<div class=\"inline-box\"><h4><a href=\"/o1\">Other headline one</a></h4>"
	    "<p>A summary of the other story, which is not this one at all, in a sentence.</p>"
	    "<h4><a href=\"/o2\">Other headline two</a></h4><p>Another summary of another "
	    "story, which is not this one either, in a sentence.</p></div>"
	    PROSE("Story four.") "</article>"
	    "<section class=\"grid\"><h2>More from us</h2>"
	    "<div><h3><a href=\"/t1\">Teaser headline one</a></h3><p>The teaser's summary, "
	    "which goes on for a while, with commas, clauses, and more words than a line.</p></div>"
	    "<div><h3><a href=\"/t2\">Teaser headline two</a></h3><p>The teaser's summary, "
	    "which goes on for a while, with commas, clauses, and more words than a line.</p></div>"
	    "<div><h3><a href=\"/t3\">Teaser headline three</a></h3><p>The teaser's summary, "
	    "which goes on for a while, with commas, clauses, and more words than a line.</p></div>"
	    "</section></div></main></body></html>");

	(void)state;
	assert_has(imp, "Story one.");
	assert_has(imp, "Story four.");
	assert_lacks(imp, "Other headline");
	assert_lacks(imp, "summary");
	assert_lacks(imp, "Teaser");
	imported_free(imp);
}

static void
test_noscript(void **state)
{
	struct imported *imp = page(
	    "<html><body><article>" PROSE("Copy.")
	    "<noscript>" PROSE("Copy.") "</noscript>"
	    "<noscript><p>Only here: the text a page shows without scripts, kept once.</p>"
	    "</noscript>"
	    "<noscript><p>Please enable JavaScript to see the comments.</p></noscript>"
	    "<noscript>&lt;img src=\"pixel.gif\"&gt;</noscript>"
	    "<figure><img class=\"lazy\" src=\"data:image/gif;base64,R0lGOD\">"
	    "<noscript><img src=\"real.jpg\"></noscript><figcaption>A photo that loads late."
	    "</figcaption></figure>" PROSE("After.") "</article></body></html>");
	char *b = body(imp);
	const char *first = strstr(b, "Copy.");

	(void)state;
	assert_non_null(first);
	assert_null(strstr(first + 1, "Copy."));
	assert_has(imp, "Only here:");
	assert_lacks(imp, "JavaScript");
	assert_lacks(imp, "pixel");
	assert_int_equal(imp->nimages, 1);
	assert_string_equal(imp->images[0].path, "https://example.org/news/real.jpg");
	free(b);
	imported_free(imp);
}

static void
test_scripts_styles_forms(void **state)
{
	struct imported *imp = page(
	    "<html><head><style>p { color: red }</style></head><body><article>"
	    "<script>var secret = 'never text';</script>" PROSE("Words.")
	    "<form><input type=\"text\" value=\"typed\"><button>Send it now</button>"
	    "<select><option>Option text</option></select><textarea>Area text</textarea></form>"
	    "<template><p>Template text that is never shown.</p></template>"
	    "<style>.x { }</style>" PROSE("Last.") "</article></body></html>");

	(void)state;
	assert_has(imp, "Words.");
	assert_lacks(imp, "secret");
	assert_lacks(imp, "color");
	assert_lacks(imp, "Send it");
	assert_lacks(imp, "Option text");
	assert_lacks(imp, "Area text");
	assert_lacks(imp, "Template text");
	imported_free(imp);
}

static void
test_story_kept_whole(void **state)
{
	struct imported *imp = page(
	    "<html><body><div class=\"page\"><div class=\"story-body\">" PROSE("First part.")
	    "<p>Yes.</p><p>\"No,\" he said.</p>" PROSE("Second.") "</div>"
	    "<div class=\"story-body\">" PROSE("Third, in a second container.")
	    "<h2>A subheading</h2>" PROSE("Fourth.") "</div></div></body></html>");

	(void)state;
	assert_has(imp, "First part.");
	assert_true(block(imp, "Yes."));
	assert_true(block(imp, "\"No,\" he said."));
	assert_has(imp, "Third, in a second container.");
	assert_true(block(imp, "## A subheading"));
	assert_has(imp, "Fourth.");
	/* in page order */
	{
		char *b = body(imp);

		assert_true(strstr(b, "First part.") < strstr(b, "Yes."));
		assert_true(strstr(b, "Second.") < strstr(b, "Third,"));
		assert_true(strstr(b, "A subheading") < strstr(b, "Fourth."));
		free(b);
	}
	imported_free(imp);
}

static void
test_markdown_body(void **state)
{
	struct imported *imp = page(
	    "<html><body><article>" PROSE("Intro.")
	    "<h3>Smaller heading</h3>"
	    "<blockquote><p>We promised a bridge by spring.</p></blockquote>"
	    "<ol><li>first</li><li>second</li></ol>"
	    "<table><tr><th>Year</th><th>Cost</th></tr><tr><td>2021</td><td>5 m</td></tr></table>"
	    "<pre>line one\n    indented *not emphasis*</pre>"
	    "<p>A <a href=\"/x\">link</a> as text, *stars* and _under_ kept, "
	    "Tom &amp;amp; Jerry, a&nbsp;b, zero\xe2\x80\x8bwidth, and<br>a break.</p>"
	    "<p># not a heading and 1. not a list</p>"
	    "<p>See https://example.org/a_b?x=1&amp;y=2 here.</p>"
	    PROSE("Outro.") "</article></body></html>");

	(void)state;
	assert_true(block(imp, "### Smaller heading"));
	assert_true(block(imp, "> We promised a bridge by spring."));
	assert_true(block(imp, "1. first\n2. second"));
	assert_true(block(imp, "Year | Cost"));
	assert_true(block(imp, "2021 | 5 m"));
	assert_true(block(imp, "    line one\n        indented *not emphasis*"));
	assert_true(block(imp, "A link as text, \\*stars\\* and \\_under\\_ kept, Tom \\&amp; "
	    "Jerry, a b, zerowidth, and\na break."));
	assert_true(block(imp, "\\# not a heading and 1. not a list"));
	assert_true(block(imp, "See https://example.org/a_b?x=1&y=2 here."));
	imported_free(imp);
}

static void
test_controls_never_out(void **state)
{
	struct imported *imp = page(
	    "<html><head><title>\x1b[2J\x1b]0;evil\x07Title &#27;[31m &#x9b;1m\xe2\x80\xae</title>"
	    "</head><body><article><p>Body \x1b[31m with &#x1b;]52;c;QUFB&#7; escapes \x01\x02"
	    "\xc2\x9b and \xe2\x80\xae bidi, long enough to be an article paragraph here.</p>"
	    "</article></body></html>");
	struct buf out = BUF_INIT;
	char *cause = NULL;
	size_t i;
	int32_t cp;

	(void)state;
	assert_int_equal(imported_render(imp, &out, &cause), 0);
	for (i = 0; i < out.len; ) {
		size_t n = utf8_decode(out.data + i, out.len - i, &cp);

		assert_true(cp != UTF8_INVALID);
		assert_true(cp >= 0x20 || cp == '\n');
		assert_false(cp >= 0x7f && cp < 0xa0);
		assert_false(cp >= 0x202a && cp <= 0x202e);
		i += n;
	}
	buf_free(&out);
	imported_free(imp);
}

static void
test_no_article(void **state)
{
	static const char *const pages[] = {
		"",
		"<html><head><title>Menu</title></head><body><nav><ul><li><a href=\"/1\">One</a>"
		"</li><li><a href=\"/2\">Two</a></li></ul></nav></body></html>",
		"<html><head><script>var a = 1;</script></head><body><script>b()</script></body></html>",
		"<html><body><div hidden><p>Hidden text only, nothing a reader sees here.</p></div>"
		"</body></html>",
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof pages / sizeof pages[0]; i++) {
		struct imported *imp = imported_new();
		char *cause = NULL;

		assert_int_equal(imported_from_html(imp, pages[i], strlen(pages[i]), NULL, &cause),
		    -1);
		assert_string_equal(cause, IMPORTED_NO_TEXT);
		free(cause);
		imported_free(imp);
	}
}

static void
test_fragment(void **state)
{
	static const char frag[] = "<p>First <a href=\"rel/link\">paragraph</a> of the item.</p>"
	    "<figure><img src=\"../img/x.jpg\"><figcaption>A caption. (Example Agency)"
	    "</figcaption></figure><script>bad()</script><p>Second &amp; last.</p>";
	struct imported *imp = imported_new();

	(void)state;
	assert_int_equal(imported_html_fragment(imp, frag, strlen(frag), BASE), 2);
	assert_int_equal(imp->nparas, 2);
	assert_string_equal(imp->paras[0], "First paragraph of the item.");
	assert_string_equal(imp->paras[1], "Second & last.");
	assert_int_equal(imp->nimages, 1);
	assert_string_equal(imp->images[0].path, "https://example.org/img/x.jpg");
	assert_string_equal(imp->images[0].caption, "A caption.");
	assert_string_equal(imp->images[0].credit, "Example Agency");
	assert_int_equal(imported_html_fragment(imp, "", 0, NULL), 0);
	assert_int_equal(imported_html_fragment(imp, "<p> </p>", 8, NULL), 0);
	imported_free(imp);
}

static void
test_base_element(void **state)
{
	struct imported *imp = page(
	    "<html><head><base href=\"/media/\"></head><body><article>" PROSE("Base.")
	    "<figure><img src=\"y.png\"><figcaption>Relative to the base.</figcaption></figure>"
	    "</article></body></html>");

	(void)state;
	assert_int_equal(imp->nimages, 1);
	assert_string_equal(imp->images[0].path, "https://example.org/media/y.png");
	imported_free(imp);
}

static void
test_people(void **state)
{
	struct imported *imp = page(
	    "<html><body><article><p>\"We will open the bridge in spring,\" said Gordon Pell, "
	    "the mayor of the town, on Tuesday evening after the council vote.</p>"
	    "<p>Priya Raman, who runs the caf\xc3\xa9 by the quay, said: \"It is about time.\" "
	    "She has waited a long time for it to open again.</p></article></body></html>");

	(void)state;
	imported_find_people(imp);
	assert_true(imp->npeople >= 2);
	assert_string_equal(imp->people[0].name, "Gordon Pell");
	imported_free(imp);
}

static void
test_deep_and_wide(void **state)
{
	struct buf b = BUF_INIT;
	struct imported *imp = imported_new();
	char *cause = NULL;
	int i;

	(void)state;
	buf_adds(&b, "<html><body>");
	for (i = 0; i < 100000; i++)
		buf_adds(&b, i % 2 ? "<div>" : "<span>");
	buf_adds(&b, "deep");
	buf_adds(&b, "</body></html>");
	/* libxml2 stops at its depth limit: no crash, a clear answer either way */
	(void)imported_from_html(imp, b.data, b.len, NULL, &cause);
	free(cause);
	imported_free(imp);
	buf_reset(&b);
	buf_adds(&b, "<html><body><p class=\"");
	for (i = 0; i < 1000000; i++)
		buf_adds(&b, "x");
	buf_adds(&b, "\">A paragraph under a huge class attribute, long enough to be read as the "
	    "article of this page by the importer.</p></body></html>");
	imp = page(b.data);
	assert_has(imp, "A paragraph under a huge class");
	imported_free(imp);
	buf_free(&b);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_jsonld_graph),
		cmocka_unit_test(test_jsonld_array),
		cmocka_unit_test(test_opengraph),
		cmocka_unit_test(test_local_date),
		cmocka_unit_test(test_twitter_and_meta),
		cmocka_unit_test(test_dublin_core),
		cmocka_unit_test(test_parsely),
		cmocka_unit_test(test_time_and_canonical),
		cmocka_unit_test(test_visible_dates),
		cmocka_unit_test(test_hero_image),
		cmocka_unit_test(test_title_cleaning),
		cmocka_unit_test(test_author_cleaning),
		cmocka_unit_test(test_byline_element),
		cmocka_unit_test(test_component_names),
		cmocka_unit_test(test_credit_splitting),
		cmocka_unit_test(test_figures),
		cmocka_unit_test(test_encoding),
		cmocka_unit_test(test_navigation_and_chrome),
		cmocka_unit_test(test_hidden),
		cmocka_unit_test(test_share_related_newsletter),
		cmocka_unit_test(test_link_lists),
		cmocka_unit_test(test_teasers),
		cmocka_unit_test(test_noscript),
		cmocka_unit_test(test_scripts_styles_forms),
		cmocka_unit_test(test_story_kept_whole),
		cmocka_unit_test(test_markdown_body),
		cmocka_unit_test(test_controls_never_out),
		cmocka_unit_test(test_no_article),
		cmocka_unit_test(test_fragment),
		cmocka_unit_test(test_base_element),
		cmocka_unit_test(test_people),
		cmocka_unit_test(test_deep_and_wide),
	};

	return cmocka_run_group_tests_name("html", tests, NULL, NULL);
}
