/*
 * test_feed.c: the feed reader on small feeds written here: each format,
 * the text inside elements, links and bases, photos, dates, the repairs
 * (encodings, entities, broken XML) and what it refuses.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "feed.h"
#include "util.h"

/* Parse text as the feed at http://example.org/dir/feed.xml; the test fails if refused. */
static void
parse_ok(struct feed *f, const char *text)
{
	char *cause = NULL;

	if (feed_parse(f, text, strlen(text), "http://example.org/dir/feed.xml", NULL,
	    &cause) != 0)
		fail_msg("refused: %s", cause);
	assert_null(cause);
}

/* Parse text expecting a refusal whose cause holds want. */
static void
parse_bad(const char *text, size_t len, const char *want)
{
	struct feed f;
	char *cause = NULL;

	assert_int_equal(feed_parse(&f, text, len, NULL, NULL, &cause), -1);
	assert_non_null(cause);
	if (strstr(cause, want) == NULL)
		fail_msg("cause \"%s\" lacks \"%s\"", cause, want);
	free(cause);
	feed_free(&f);
}

static void
test_rss2(void **state)
{
	struct feed f;

	(void)state;
	parse_ok(&f, "<?xml version=\"1.0\"?>\n"
	    "<rss version=\"2.0\" xmlns:content=\"http://purl.org/rss/1.0/modules/content/\" "
	    "xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><channel>"
	    "<title>The &lt;b&gt;Paper&lt;/b&gt;</title><link>https://paper.example/</link>"
	    "<description>Daily</description>"
	    "<item><title><![CDATA[Ann & Bob <i>win</i>]]></title>"
	    "<link>/a/1</link><guid isPermaLink=\"false\">p-1</guid>"
	    "<pubDate>Tue, 02 Jan 2024 10:00:00 +0100</pubDate>"
	    "<author>ed@paper.example (Ed Ito)</author><dc:creator>Uma Lee</dc:creator>"
	    "<category>Town</category><category>Town</category>"
	    "<description>Short.</description>"
	    "<content:encoded><![CDATA[<p>Long <b>text</b>.</p>]]></content:encoded>"
	    "</item></channel></rss>");
	assert_int_equal(f.kind, FEED_RSS);
	assert_string_equal(f.title, "The Paper");
	assert_string_equal(f.link, "https://paper.example/");
	assert_string_equal(f.subtitle, "Daily");
	assert_int_equal(f.nitems, 1);
	assert_string_equal(f.items[0].title, "Ann & Bob win");
	assert_string_equal(f.items[0].link, "http://example.org/a/1");
	assert_string_equal(f.items[0].id, "p-1");
	assert_true(f.items[0].has_date);
	assert_int_equal(f.items[0].date_t, 1704186000);
	assert_int_equal(f.items[0].nauthors, 2);
	assert_string_equal(f.items[0].authors[0], "Ed Ito");
	assert_string_equal(f.items[0].authors[1], "Uma Lee");
	assert_int_equal(f.items[0].ntags, 1);
	assert_string_equal(f.items[0].content, "<p>Long <b>text</b>.</p>");
	assert_string_equal(f.items[0].summary, "<p>Short.</p>\n");
	feed_free(&f);
}

static void
test_guid_link(void **state)
{
	struct feed f;

	(void)state;
	parse_ok(&f, "<rss><channel><title>T</title>"
	    "<item><title>a</title><guid>https://x.example/perma</guid></item>"
	    "<item><title>b</title><guid isPermaLink=\"false\">https://x.example/no</guid></item>"
	    "<item><title>c</title><link>https://x.example/c</link></item>"
	    "<item><title>d</title></item>"
	    "</channel></rss>");
	assert_int_equal(f.nitems, 4);
	assert_string_equal(f.items[0].link, "https://x.example/perma");
	assert_string_equal(f.items[0].id, "https://x.example/perma");
	assert_null(f.items[1].link);
	assert_string_equal(f.items[1].id, "https://x.example/no");
	assert_string_equal(f.items[2].id, "https://x.example/c");
	assert_null(f.items[3].id);
	assert_false(f.items[3].has_date);
	feed_free(&f);
}

static void
test_atom(void **state)
{
	struct feed f;
	const struct feed_item *it;

	(void)state;
	parse_ok(&f, "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:base=\"https://a.example/b/\">"
	    "<title type=\"html\">A &amp;amp; B</title>"
	    "<link href=\"/\"/><subtitle>S</subtitle>"
	    "<entry xml:base=\"c/\"><title type=\"xhtml\"><div xmlns=\"http://www.w3.org/1999/xhtml\">"
	    "X <b>Y</b></div></title>"
	    "<link rel=\"self\" href=\"self\"/><link rel=\"alternate\" type=\"text/html\" href=\"page\"/>"
	    "<link rel=\"enclosure\" type=\"image/jpeg\" href=\"pic.jpg\"/>"
	    "<id>urn:x:1</id><updated>2024-01-02T10:00:00Z</updated>"
	    "<author><name>Ann</name></author><author><email>b@x</email></author>"
	    "<category term=\"t1\"/><category term=\"t2\" label=\"Two\"/>"
	    "<summary>Plain &lt;text&gt;</summary>"
	    "<content type=\"xhtml\"><div xmlns=\"http://www.w3.org/1999/xhtml\" "
	    "xmlns:h=\"http://www.w3.org/1999/xhtml\"><h:p>One<h:br/>two &amp; <h:a href=\"q\">three</h:a></h:p></div></content>"
	    "</entry></feed>");
	assert_int_equal(f.kind, FEED_ATOM);
	assert_string_equal(f.title, "A & B");
	assert_string_equal(f.link, "https://a.example/");
	it = &f.items[0];
	assert_string_equal(it->title, "X Y");
	assert_string_equal(it->link, "https://a.example/b/c/page");
	assert_string_equal(it->id, "urn:x:1");
	assert_true(it->has_date);
	assert_true(it->has_updated);
	assert_int_equal(it->date_t, it->updated_t);
	assert_int_equal(it->nauthors, 2);
	assert_string_equal(it->authors[1], "b@x");
	assert_string_equal(it->tags[1], "Two");
	assert_string_equal(it->content, "<p>One<br>two &amp; <a href=\"q\">three</a></p>");
	assert_string_equal(it->base, "https://a.example/b/c/");
	assert_string_equal(it->summary, "<p>Plain &lt;text&gt;</p>\n");
	assert_int_equal(it->nimages, 1);
	assert_string_equal(it->images[0].url, "https://a.example/b/c/pic.jpg");
	feed_free(&f);
}

static void
test_rdf_and_old(void **state)
{
	struct feed f;

	(void)state;
	parse_ok(&f, "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\" "
	    "xmlns=\"http://purl.org/rss/1.0/\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\">"
	    "<channel rdf:about=\"x\"><title>R</title></channel>"
	    "<item rdf:about=\"https://r.example/1\"><title>One</title>"
	    "<dc:date>2024-01-02</dc:date><dc:subject>S</dc:subject></item></rdf:RDF>");
	assert_int_equal(f.kind, FEED_RDF);
	assert_string_equal(f.title, "R");
	assert_int_equal(f.nitems, 1);
	assert_string_equal(f.items[0].id, "https://r.example/1");
	assert_string_equal(f.items[0].tags[0], "S");
	assert_true(f.items[0].has_date);
	feed_free(&f);
	parse_ok(&f, "<feed version=\"0.3\" xmlns=\"http://purl.org/atom/ns#\"><title>Old</title>"
	    "<entry><title>E</title><issued>2004-01-02T10:00:00Z</issued>"
	    "<modified>2004-01-03T10:00:00Z</modified>"
	    "<content type=\"text/html\" mode=\"escaped\">&lt;p&gt;Hi&lt;/p&gt;</content></entry></feed>");
	assert_int_equal(f.kind, FEED_ATOM);
	assert_string_equal(f.items[0].date, "2004-01-02T10:00:00Z");
	assert_string_equal(f.items[0].updated, "2004-01-03T10:00:00Z");
	assert_string_equal(f.items[0].content, "<p>Hi</p>");
	feed_free(&f);
}

static void
test_media(void **state)
{
	struct feed f;
	const struct feed_item *it;

	(void)state;
	/* the media prefix is never declared: known by its name all the same */
	parse_ok(&f, "<rss><channel><item><title>M</title>"
	    "<media:group><media:description>Group caption</media:description>"
	    "<media:content url=\"https://m.example/1.jpg\" medium=\"image\"/>"
	    "<media:content url=\"https://m.example/v.mp4\" medium=\"video\"/>"
	    "<media:content url=\"https://m.example/2.png\">"
	    "<media:description type=\"html\">Own &lt;b&gt;caption&lt;/b&gt;</media:description>"
	    "<media:credit>Pat Doe/Agency</media:credit></media:content></media:group>"
	    "<media:thumbnail url=\"https://m.example/thumb.jpg\"/>"
	    "<enclosure url=\"https://m.example/1.jpg\" type=\"image/jpeg\"/>"
	    "<enclosure url=\"https://m.example/a.mp3\" type=\"audio/mpeg\"/>"
	    "</item><item><title>T</title><media:thumbnail url=\"https://m.example/t.jpg\"/>"
	    "<media:description>Item caption</media:description><media:credit>Ola</media:credit>"
	    "</item></channel></rss>");
	it = &f.items[0];
	assert_int_equal(it->nimages, 2);
	assert_string_equal(it->images[0].url, "https://m.example/1.jpg");
	assert_string_equal(it->images[0].caption, "Group caption");
	assert_string_equal(it->images[1].caption, "Own caption");
	assert_string_equal(it->images[1].credit, "Pat Doe/Agency");
	it = &f.items[1];
	assert_int_equal(it->nimages, 1);
	assert_string_equal(it->images[0].url, "https://m.example/t.jpg");
	assert_string_equal(it->images[0].caption, "Item caption");
	assert_string_equal(it->images[0].credit, "Ola");
	feed_free(&f);
}

static void
test_encodings(void **state)
{
	struct feed f;

	(void)state;
	/* declared ISO-8859-1, Latin-1 bytes; windows-1252's 0x93/0x94 quotes */
	parse_ok(&f, "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><rss><channel>"
	    "<title>Caf\xe9 \x93quoted\x94</title></channel></rss>");
	assert_string_equal(f.title, "Caf\xc3\xa9 \xe2\x80\x9cquoted\xe2\x80\x9d");
	feed_free(&f);
	/* declared ISO-8859-1 but UTF-8 bytes: read as UTF-8 */
	parse_ok(&f, "<?xml version=\"1.0\" encoding=\"iso-8859-1\"?><rss><channel>"
	    "<title>Caf\xc3\xa9</title></channel></rss>");
	assert_string_equal(f.title, "Caf\xc3\xa9");
	feed_free(&f);
	/* UTF-8 with a stray Latin-1 byte */
	parse_ok(&f, "<rss><channel><title>na\xefve caf\xc3\xa9</title></channel></rss>");
	assert_string_equal(f.title, "na\xc3\xafve caf\xc3\xa9");
	feed_free(&f);
	/* an encoding libxml2 converts itself */
	parse_ok(&f, "<?xml version=\"1.0\" encoding=\"KOI8-R\"?><rss><channel>"
	    "<title>\xf0\xd2\xc9\xd7\xc5\xd4</title></channel></rss>");
	assert_string_equal(f.title, "\xd0\x9f\xd1\x80\xd0\xb8\xd0\xb2\xd0\xb5\xd1\x82");
	feed_free(&f);
	/* the charset of the HTTP Content-Type when the feed declares none */
	{
		char cs[32], *cause = NULL;
		const char *t = "<rss><channel><title>\xe0 la</title></channel></rss>";

		assert_true(feed_charset("text/xml; charset=\"windows-1252\"", cs, sizeof cs));
		assert_string_equal(cs, "windows-1252");
		assert_false(feed_charset("text/xml", cs, sizeof cs));
		assert_int_equal(feed_parse(&f, t, strlen(t), NULL, cs, &cause), 0);
		assert_string_equal(f.title, "\xc3\xa0 la");
		feed_free(&f);
	}
}

static void
test_repairs(void **state)
{
	struct feed f;

	(void)state;
	parse_ok(&f, "<rss><channel><title>A&nbsp;B &eacute; &mdash; &unknown; AT&T &#1; "
	    "&#x41;\x01\x1b</title><item><title>Kept</title><link>http://x.example/?a=1&b=2</link>"
	    "</item><item><title>Cut off</title><description>unclosed <b>bold");
	assert_string_equal(f.title, "A\xc2\xa0" "B \xc3\xa9 \xe2\x80\x94 &unknown; AT&T \xef\xbf\xbd A");
	assert_int_equal(f.nitems, 2);
	assert_string_equal(f.items[0].link, "http://x.example/?a=1&b=2");
	assert_string_equal(f.items[1].title, "Cut off");
	assert_true(f.errors > 0);
	feed_free(&f);
	/* an entity the feed declares is expanded */
	parse_ok(&f, "<!DOCTYPE rss [<!ENTITY co \"The Company\">]><rss><channel>"
	    "<title>&co; news</title></channel></rss>");
	assert_string_equal(f.title, "The Company news");
	feed_free(&f);
	/* an HTML title escaped twice reads once */
	parse_ok(&f, "<rss><channel><title>AT&amp;amp;T &amp;lt;3</title></channel></rss>");
	assert_string_equal(f.title, "AT&T <3");
	feed_free(&f);
}

static void
test_refused(void **state)
{
	static const char bomb[] =
	    "<!DOCTYPE rss [<!ENTITY a \"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\">"
	    "<!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">"
	    "<!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">"
	    "<!ENTITY d \"&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;\">"
	    "<!ENTITY e \"&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;\">"
	    "<!ENTITY f \"&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;\">"
	    "<!ENTITY g \"&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;\">]>"
	    "<rss><channel><title>&g;</title></channel></rss>";
	static const char xxe[] =
	    "<!DOCTYPE rss [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
	    "<rss><channel><title>[&x;]</title></channel></rss>";
	struct feed f;

	(void)state;
	parse_bad(bomb, strlen(bomb), "billion laughs");
	parse_bad("<html><body>a page</body></html>", 32, "not an RSS or Atom feed "
	    "(the first element is <html>)");
	parse_bad("just words", 10, "not XML");
	parse_bad("", 0, "not XML");
	parse_ok(&f, xxe);
	assert_string_equal(f.title, "[]");	/* no file was read */
	feed_free(&f);
}

static void
test_sniff(void **state)
{
	static const char *const feeds[] = {
		"<rss version=\"2.0\">", "\xef\xbb\xbf<?xml version=\"1.0\"?>\n<!-- c -->\n<feed xmlns=\"x\">",
		"<!DOCTYPE rss [<!ENTITY a \"<b>\">]><rss>", "<rdf:RDF xmlns:rdf=\"x\">", "<rss",
	};
	static const char *const pages[] = {
		"<!DOCTYPE html><html>", "<html><body>", "  <p>text", "", "<rssx>", "<feedback>",
		"<!-- never closed",
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof feeds / sizeof feeds[0]; i++)
		if (!feed_sniff(feeds[i], strlen(feeds[i])))
			fail_msg("not taken for a feed: %s", feeds[i]);
	for (i = 0; i < sizeof pages / sizeof pages[0]; i++)
		if (feed_sniff(pages[i], strlen(pages[i])))
			fail_msg("taken for a feed: %s", pages[i]);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rss2),
		cmocka_unit_test(test_guid_link),
		cmocka_unit_test(test_atom),
		cmocka_unit_test(test_rdf_and_old),
		cmocka_unit_test(test_media),
		cmocka_unit_test(test_encodings),
		cmocka_unit_test(test_repairs),
		cmocka_unit_test(test_refused),
		cmocka_unit_test(test_sniff),
	};

	return cmocka_run_group_tests_name("feed", tests, NULL, NULL);
}
