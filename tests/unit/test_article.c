/* test_article.c: the loader on good and bad input, with the exact messages. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "arena.h"
#include "article.h"
#include "doc.h"
#include "tmpdir.h"
#include "util.h"

/* Parse text as the file "t.md" into a. */
static void
parse(struct article *a, const char *text)
{
	article_parse(a, "t.md", text, strlen(text), true, NULL);
}

/* All diagnostics of a, one per line, as byline prints them. */
static char *
diags_text(const struct article *a)
{
	struct buf b = BUF_INIT;
	size_t i;

	for (i = 0; i < a->diags.n; i++) {
		diag_format(&b, a->path, &a->diags.v[i]);
		buf_addc(&b, '\n');
	}
	return buf_detach(&b);
}

static void
assert_diags(const struct article *a, const char *want)
{
	char *got = diags_text(a);

	assert_string_equal(got, want);
	free(got);
}

/* The body as a string. */
static char *
body(const struct article *a)
{
	return xstrndup(a->body, a->body_len);
}

static void
test_full_article(void **state)
{
	struct article a;
	char *b;

	(void)state;
	parse(&a, "---\n"
	    "title: \"A title: with a colon\"\n"
	    "subtitle: Sub\n"
	    "source: The Paper\n"
	    "url: https://example.org/a\n"
	    "date: 2022-03-04\n"
	    "authors: [Ann One, Bob Two]\n"
	    "tags: a, b ,c\n"
	    "people:\n"
	    "  - name: Jane Roe\n"
	    "    role: Mayor\n"
	    "    aliases: [the mayor]\n"
	    "  - Plain Name\n"
	    "image:\n"
	    "  title: T\n"
	    "  caption: C\n"
	    "  credit: X/Y\n"
	    "updates:\n"
	    "  - {date: 03/04/21, note: fixed}\n"
	    "unknown_key: {nested: [1, 2]}\n"
	    "---\n"
	    "\n"
	    "First paragraph.\n");
	assert_diags(&a, "");
	assert_string_equal(a.title, "A title: with a colon");
	assert_string_equal(a.subtitle, "Sub");
	assert_string_equal(a.source, "The Paper");
	assert_true(a.has_date);
	assert_int_equal(a.date.year, 2022);
	assert_int_equal(a.date.month, 3);
	assert_int_equal(a.date.day, 4);
	assert_int_equal(a.nauthors, 2);
	assert_string_equal(a.authors[1], "Bob Two");
	assert_int_equal(a.ntags, 3);
	assert_string_equal(a.tags[1], "b");
	assert_int_equal(a.npeople, 2);
	assert_string_equal(a.people[0].role, "Mayor");
	assert_int_equal(a.people[0].naliases, 1);
	assert_string_equal(a.people[1].name, "Plain Name");
	assert_int_equal(a.nimages, 1);
	assert_string_equal(a.images[0].credit, "X/Y");
	assert_int_equal(a.nupdates, 1);
	assert_string_equal(a.updates[0].note, "fixed");
	assert_string_equal(a.key, "url:https://example.org/a");
	assert_int_equal(a.body_line, 22);
	b = body(&a);
	assert_string_equal(b, "\nFirst paragraph.\n");
	free(b);
	article_free(&a);
}

static void
test_no_frontmatter(void **state)
{
	struct article a;
	char *b;

	(void)state;
	parse(&a, "\n\n  The Headline  \n\nBody text.\n");
	assert_diags(&a, "");
	assert_string_equal(a.title, "The Headline");
	assert_true(a.flags & ARTICLE_NO_FRONTMATTER);
	b = body(&a);
	assert_string_equal(b, "\n\n  The Headline  \n\nBody text.\n");
	free(b);
	article_free(&a);
	/* a first line of NUL bytes would be an empty title: the next line is taken */
	article_parse(&a, "t.md", "\0\0\0\n\nbody\n", 10, true, NULL);
	assert_string_equal(a.title, "body");
	article_free(&a);
}

static void
test_missing_title(void **state)
{
	struct article a;

	(void)state;
	parse(&a, "---\nsource: X\n---\n# The Heading #\n\ntext\n");
	assert_diags(&a, "t.md:1:1: warning: front matter has no title; "
	    "using the first line of the text\n");
	assert_string_equal(a.title, "The Heading");
	article_free(&a);
	/* no text at all: the file name */
	article_parse(&a, "dir/some-file.md", "---\nsource: X\n---\n", 18, true, NULL);
	assert_string_equal(a.title, "some-file");
	article_free(&a);
}

static void
test_unclosed(void **state)
{
	struct article a;
	char *b;

	(void)state;
	parse(&a, "---\ntitle: x\nbody\n");
	assert_diags(&a, "t.md:1:1: error: front matter opened with '---' is never closed; "
	    "the file is shown as plain text\n");
	assert_true(a.flags & ARTICLE_BROKEN);
	assert_string_equal(a.title, "t");
	b = body(&a);
	assert_string_equal(b, "---\ntitle: x\nbody\n");
	free(b);
	/* shown as plain text, even from a .md file: its "---" is not a rule */
	assert_false(a.flags & ARTICLE_MARKDOWN);
	article_free(&a);
}

static void
test_yaml_error_position(void **state)
{
	struct article a;

	(void)state;
	/* line 3 of the file, column 7: the second colon */
	parse(&a, "---\ntitle: ok\nsource: a: b\n---\ntext\n");
	assert_diags(&a, "t.md:3:10: error: YAML: mapping values are not allowed in this "
	    "context\n");
	assert_true(a.flags & ARTICLE_BROKEN);
	assert_string_equal(a.title, "t");
	article_free(&a);
	parse(&a, "---\ntitle: [unclosed\n---\n");
	assert_int_equal(a.diags.n, 1);
	assert_int_equal(a.diags.v[0].level, DIAG_ERROR);
	assert_int_equal(a.diags.v[0].line, 3);
	article_free(&a);
}

static void
test_wrong_types(void **state)
{
	struct article a;

	(void)state;
	parse(&a, "---\n"
	    "source: S\n"
	    "title: [a, b]\n"
	    "date: {y: 2020}\n"
	    "people: just text\n"
	    "---\n"
	    "Real title line\n");
	assert_diags(&a,
	    "t.md:3:1: warning: title must be a string, not a list; ignored\n"
	    "t.md:4:1: warning: date must be a string, not a map; ignored\n"
	    "t.md:5:1: warning: people must be a list, not a string; ignored\n"
	    "t.md:1:1: warning: front matter has no title; using the first line of the text\n");
	assert_string_equal(a.source, "S");
	assert_string_equal(a.title, "Real title line");
	assert_false(a.has_date);
	article_free(&a);
}

static void
test_bad_date(void **state)
{
	struct article a;

	(void)state;
	parse(&a, "---\ntitle: T\ndate: next tuesday\n---\n");
	assert_diags(&a, "t.md:3:7: warning: date \"next tuesday\" is not a date "
	    "(write YYYY-MM-DD); the article sorts last\n");
	assert_true(a.flags & ARTICLE_BAD_DATE);
	assert_int_equal(a.sortkey, INT64_MIN);
	article_free(&a);
}

static void
test_dates(void **state)
{
	struct article_date d;

	(void)state;
	assert_true(article_parse_date("2022-03-04", &d));
	assert_true(article_parse_date("2022-03-04T10:20:30Z", &d));
	assert_int_equal(d.hour, 10);
	assert_true(article_parse_date("2022-03-04 10:20:30 +0200", &d));
	assert_int_equal(d.tz_min, 120);
	assert_true(article_parse_date("2016-09-07T10:00:00.123-05:00", &d));
	assert_int_equal(d.tz_min, -300);
	assert_true(article_parse_date("2019/1/2", &d));
	assert_int_equal(d.day, 2);
	assert_true(article_parse_date("March 4, 2022", &d));
	assert_int_equal(d.month, 3);
	assert_true(article_parse_date("4 Mar 2022", &d));
	assert_true(article_parse_date("Fri, 04 Mar 2022 10:00:00 +0000", &d));
	assert_int_equal(d.year, 2022);
	assert_true(article_parse_date("Friday, March 4th, 2022", &d));
	assert_false(article_parse_date("2022-02-30", &d));
	assert_false(article_parse_date("2022-13-01", &d));
	assert_false(article_parse_date("yesterday", &d));
	assert_false(article_parse_date("2022-03-04 junk", &d));
	assert_true(article_parse_date("1970-01-02", &d));
	assert_int_equal(article_date_epoch(&d), 86400);
}

static void
test_invalid_utf8(void **state)
{
	struct article a;

	(void)state;
	parse(&a, "---\ntitle: Caf\xe9 \xff\n---\nbody \xc3\n");
	assert_diags(&a, "t.md:2:11: warning: invalid UTF-8 in front matter (shown as U+FFFD)\n");
	assert_string_equal(a.title, "Caf\xef\xbf\xbd \xef\xbf\xbd");
	assert_int_equal(a.body_len, 7);
	article_free(&a);
}

static void
test_control_in_frontmatter(void **state)
{
	struct article a;

	(void)state;
	parse(&a, "---\ntitle: a\x1b[2Jb\n---\n");
	assert_diags(&a, "t.md:2:9: warning: control character U+001B in front matter\n");
	/* shown as the Control Picture for ESC, never as ESC */
	assert_string_equal(a.title, "a\xe2\x90\x9b[2Jb");
	article_free(&a);
	/* an escaped ESC in a quoted scalar does reach the field: the sanitiser shows it */
	parse(&a, "---\ntitle: \"x\\e]0;pwned\\a\"\n---\n");
	assert_diags(&a, "");
	assert_string_equal(a.title, "x\x1b]0;pwned\a");
	article_free(&a);
}

static void
test_crlf_bom(void **state)
{
	struct article a;
	char *b;

	(void)state;
	parse(&a, "\xef\xbb\xbf---\r\ntitle: T\r\ndate: 2020-01-02\r\n---\r\nBody\r\n");
	assert_diags(&a, "");
	assert_string_equal(a.title, "T");
	assert_true(a.has_date);
	b = body(&a);
	assert_string_equal(b, "Body\r\n");
	free(b);
	article_free(&a);
}

static void
test_utf16(void **state)
{
	struct article a;
	static const char le[] = "\xff\xfe-\0-\0-\0\n\0";

	(void)state;
	article_parse(&a, "t.md", le, sizeof le - 1, true, NULL);
	assert_diags(&a, "t.md:1:1: error: file is UTF-16LE; byline reads UTF-8 "
	    "(convert it: iconv -f UTF-16LE -t UTF-8)\n");
	assert_true(a.flags & ARTICLE_BROKEN);
	article_free(&a);
}

static void
test_toml(void **state)
{
	struct article a;
	char *b;

	(void)state;
	parse(&a, "+++\ntitle = \"T\"\n+++\n\n# Headline here\n\nFirst paragraph.\n");
	assert_diags(&a, "t.md:1:1: error: TOML front matter (+++) is not supported; "
	    "write YAML between '---' lines\n");
	/* a broken entry titled from the file name, not from a line of the body */
	assert_true(a.flags & ARTICLE_BROKEN);
	assert_string_equal(a.title, "t");
	/* the body starts after the closing +++ */
	b = body(&a);
	assert_string_equal(b, "\n# Headline here\n\nFirst paragraph.\n");
	free(b);
	article_free(&a);
}

static void
test_billion_laughs(void **state)
{
	struct article a;

	(void)state;
	parse(&a, "---\n"
	    "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
	    "b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
	    "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\n"
	    "d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\n"
	    "e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]\n"
	    "f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e, *e]\n"
	    "g: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f, *f]\n"
	    "title: T\n"
	    "---\n");
	assert_diags(&a, "t.md:7:8: error: front matter expands too many aliases "
	    "(a \"billion laughs\" file?)\n");
	assert_true(a.flags & ARTICLE_BROKEN);
	article_free(&a);
}

static void
test_aliases_work(void **state)
{
	struct article a;

	(void)state;
	parse(&a, "---\n"
	    "defaults: &d\n"
	    "  source: Shared Source\n"
	    "name: &n Jane Roe\n"
	    "title: T\n"
	    "people:\n"
	    "  - name: *n\n"
	    "<<: *d\n"
	    "---\n");
	assert_diags(&a, "");
	assert_string_equal(a.people[0].name, "Jane Roe");
	assert_string_equal(a.source, "Shared Source");
	article_free(&a);
}

static void
test_deep_nesting(void **state)
{
	struct article a;
	struct buf b = BUF_INIT;
	int i;

	(void)state;
	buf_adds(&b, "---\ntitle: T\nx: ");
	for (i = 0; i < 10000; i++)
		buf_addc(&b, '[');
	for (i = 0; i < 10000; i++)
		buf_addc(&b, ']');
	buf_adds(&b, "\n---\n");
	parse(&a, b.data);
	assert_int_equal(a.diags.n, 1);
	assert_string_equal(a.diags.v[0].msg, "front matter is nested deeper than 64 levels");
	assert_int_equal(a.diags.v[0].line, 3);
	assert_true(a.flags & ARTICLE_BROKEN);
	article_free(&a);
	buf_free(&b);
}

static void
test_key_fallbacks(void **state)
{
	struct article a, c;

	(void)state;
	parse(&a, "---\nid: abc\nurl: u\ntitle: T\n---\n");
	assert_string_equal(a.key, "id:abc");
	article_free(&a);
	parse(&a, "---\ntitle: T\ndate: 2020-01-01\nsource: S\n---\nx\n");
	article_parse(&c, "elsewhere/other-name.md", a.data, a.data_len, true, NULL);
	assert_memory_equal(a.key, "h:", 2);
	/* keyed by the article, not the path */
	assert_string_equal(a.key, c.key);
	article_free(&a);
	article_free(&c);
}

static void
test_jekyll_hugo(void **state)
{
	struct article a;

	(void)state;
	parse(&a, "---\n"
	    "layout: post\n"
	    "title:  \"Welcome to Jekyll!\"\n"
	    "date:   2015-11-10 16:31:41 -0500\n"
	    "categories: jekyll update\n"
	    "tags: ~\n"
	    "author:\n  name: Someone\n"
	    "image: /assets/x.png\n"
	    "description: >\n  folded\n  text\n"
	    "---\n");
	assert_diags(&a, "");
	assert_string_equal(a.title, "Welcome to Jekyll!");
	assert_int_equal(a.date.tz_min, -300);
	assert_int_equal(a.ntags, 0);
	assert_string_equal(a.authors[0], "Someone");
	assert_string_equal(a.images[0].path, "/assets/x.png");
	article_free(&a);
}

/* An Obsidian Web Clipper note, as the clipper writes it. */
static void
test_obsidian_clip(void **state)
{
	struct article a;

	(void)state;
	parse(&a, "---\n"
	    "title: \"Harbour council votes on the footbridge\"\n"
	    "source: \"https://www.example.org/news/footbridge?id=1&x=2\"\n"
	    "author:\n  - \"[[Ann Writer]]\"\n  - \"[[Bob Reporter|Bob R.]]\"\n"
	    "published: 2021-04-14\n"
	    "created: 2021-05-01\n"
	    "description: \"Two years of repairs end in spring\"\n"
	    "tags:\n  - \"clippings\"\n"
	    "---\n"
	    "Text.\n");
	assert_diags(&a, "");
	assert_string_equal(a.url, "https://www.example.org/news/footbridge?id=1&x=2");
	assert_string_equal(a.source, "example.org");
	assert_int_equal(a.nauthors, 2);
	assert_string_equal(a.authors[0], "Ann Writer");
	assert_string_equal(a.authors[1], "Bob R.");
	assert_true(a.has_date);
	assert_int_equal(a.date.month, 4);
	assert_string_equal(a.subtitle, "Two years of repairs end in spring");
	article_free(&a);
	/* created when there is no published; date before both; a url given stays */
	parse(&a, "---\ntitle: T\ncreated: 2021-05-01\nsource: http://user@news.example.com:8080/x\n"
	    "url: https://example.com/canonical\n---\nx\n");
	assert_int_equal(a.date.month, 5);
	assert_string_equal(a.source, "news.example.com");
	assert_string_equal(a.url, "https://example.com/canonical");
	article_free(&a);
	parse(&a, "---\ntitle: T\ndate: 2020-01-02\npublished: 2021-05-01\nsource: Gazette\n"
	    "subtitle: S\ndescription: D\n---\nx\n");
	assert_int_equal(a.date.year, 2020);
	assert_string_equal(a.source, "Gazette");
	assert_null(a.url);
	assert_string_equal(a.subtitle, "S");
	article_free(&a);
	/* a published date that cannot be read says which key */
	parse(&a, "---\ntitle: T\npublished: someday\n---\nx\n");
	assert_diags(&a, "t.md:3:12: warning: published \"someday\" is not a date "
	    "(write YYYY-MM-DD); the article sorts last\n");
	article_free(&a);
}

/* Jekyll's YYYY-MM-DD-slug.md names date a post without a date. */
static void
test_date_from_name(void **state)
{
	struct article a;
	const char *text = "---\ntitle: T\n---\nx\n";

	(void)state;
	article_parse(&a, "_posts/2019-07-30-a-post.md", text, strlen(text), true, NULL);
	assert_true(a.has_date);
	assert_int_equal(a.date.year, 2019);
	assert_int_equal(a.date.month, 7);
	assert_int_equal(a.date.day, 30);
	article_free(&a);
	/* the front matter's date wins */
	text = "---\ntitle: T\ndate: 2001-02-03\n---\nx\n";
	article_parse(&a, "2019-07-30-a-post.md", text, strlen(text), true, NULL);
	assert_int_equal(a.date.year, 2001);
	article_free(&a);
	/* not a date, or no slug: nothing */
	text = "---\ntitle: T\n---\nx\n";
	article_parse(&a, "2019-13-30-a-post.md", text, strlen(text), true, NULL);
	assert_false(a.has_date);
	article_free(&a);
	article_parse(&a, "2019-07-30.md", text, strlen(text), true, NULL);
	assert_false(a.has_date);
	article_free(&a);
}

/* A photo as an inline image with an italic caption line under it. */
static void
test_body_images(void **state)
{
	struct article a;
	const char *text = "---\ntitle: T\nimage:\n  caption: From the front matter\n---\n"
	    "First paragraph.\n\n"
	    "![The bridge at dawn](https://example.org/bridge.jpg)\n"
	    "*Gordon Pell opens the footbridge on Wednesday. Photo: Maria Lindqvist*\n\n"
	    "Second paragraph.\n\n"
	    "![](img/2.png \"title\")\n\n"
	    "_Divers at the pier (Jan Berg/Example Photo)_\n\n"
	    "![x](y.png)\nNot italic.\n\n"
	    "![x](z.png)\n*a* and *b*\n";
	char *hidden;

	(void)state;
	article_parse(&a, "t.md", text, strlen(text), true, NULL);
	assert_int_equal(a.nimages, 3);
	assert_string_equal(a.images[0].caption, "From the front matter");
	assert_int_equal(a.images[0].hide_end, 0);
	assert_string_equal(a.images[1].title, "The bridge at dawn");
	assert_string_equal(a.images[1].caption, "Gordon Pell opens the footbridge on Wednesday.");
	assert_string_equal(a.images[1].credit, "Maria Lindqvist");
	assert_string_equal(a.images[1].path, "https://example.org/bridge.jpg");
	hidden = xstrndup(a.body + a.images[1].hide_start,
	    a.images[1].hide_end - a.images[1].hide_start);
	assert_string_equal(hidden, "*Gordon Pell opens the footbridge on Wednesday. Photo: Maria "
	    "Lindqvist*\n");
	free(hidden);
	assert_null(a.images[2].title);
	assert_string_equal(a.images[2].caption, "Divers at the pier");
	assert_string_equal(a.images[2].credit, "Jan Berg/Example Photo");
	assert_string_equal(a.images[2].path, "img/2.png");
	article_free(&a);
	/* a plain-text file has no Markdown images */
	article_parse(&a, "t.txt", text, strlen(text), true, NULL);
	assert_int_equal(a.nimages, 1);
	article_free(&a);
}

/* Captions with credits as newsrooms write them. */
static void
test_split_credit(void **state)
{
	static const struct {
		const char	*text, *caption, *credit;
	} cases[] = {
		{ "A man walks by. Photo: Jane Doe/Reuters", "A man walks by.", "Jane Doe/Reuters" },
		{ "A man walks by. Credit: Jane Doe", "A man walks by.", "Jane Doe" },
		{ "A man walks by. Photo by Jane Doe.", "A man walks by.", "Jane Doe" },
		{ "A man walks by. Jane Doe/AP", "A man walks by.", "Jane Doe/AP" },
		{ "A man walks by (Jane Doe/AP)", "A man walks by", "Jane Doe/AP" },
		{ "A man walks by | Jane Doe/AP", "A man walks by", "Jane Doe/AP" },
		{ "Credit: Jane Doe/AP", NULL, "Jane Doe/AP" },
		{ "A man walks by.", "A man walks by.", NULL },
		{ "Either/or is a choice, he said of the 9/11 inquiry.",
		    "Either/or is a choice, he said of the 9/11 inquiry.", NULL },
		{ "Photographer's notes: none", "Photographer's notes: none", NULL },
	};
	struct arena *ar = arena_new();
	size_t i;

	(void)state;
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		const char *cap, *cred;

		article_split_credit(ar, cases[i].text, &cap, &cred);
		if (cases[i].caption == NULL)
			assert_null(cap);
		else
			assert_string_equal(cap, cases[i].caption);
		if (cases[i].credit == NULL)
			assert_null(cred);
		else
			assert_string_equal(cred, cases[i].credit);
	}
	arena_free(ar);
}

/* ---- files on disk ---- */

static char tmpdir[TMPDIR_SIZE];

static int
make_tmp(void **state)
{
	(void)state;
	return tmpdir_make(tmpdir, "article");
}

static int
remove_tmp(void **state)
{
	(void)state;
	return tmpdir_remove(tmpdir);
}

static char *
tmp_path(const char *name)
{
	return xasprintf("%s/%s", tmpdir, name);
}

/* Load path and return the first diagnostic's message. */
static char *
load_message(const char *path)
{
	struct article a;
	char *msg;

	article_load(&a, path, ARTICLE_LOAD_FULL, NULL);
	assert_true(a.flags & ARTICLE_BROKEN);
	assert_int_equal(a.diags.n, 1);
	msg = xstrdup(a.diags.v[0].msg);
	article_free(&a);
	return msg;
}

static void
test_files(void **state)
{
	char *p, *m;
	FILE *f;

	(void)state;
	p = tmp_path("empty.md");
	f = fopen(p, "w");
	fclose(f);
	m = load_message(p);
	assert_string_equal(m, "file is empty");
	free(m);
	free(p);

	p = tmp_path("dir.md");
	mkdir(p, 0700);
	m = load_message(p);
	assert_string_equal(m, "is a directory, not an article file");
	free(m);
	free(p);

	p = tmp_path("dangling.md");
	assert_int_equal(symlink("/nonexistent/target", p), 0);
	m = load_message(p);
	assert_string_equal(m, "dangling symbolic link");
	free(m);
	free(p);

	p = tmp_path("fifo.md");
	assert_int_equal(mkfifo(p, 0600), 0);
	m = load_message(p);
	assert_string_equal(m, "is a FIFO, not a regular file");
	free(m);
	free(p);

	p = tmp_path("missing.md");
	m = load_message(p);
	assert_string_equal(m, "cannot open: No such file or directory");
	free(m);
	free(p);

	if (geteuid() != 0) {
		p = tmp_path("unreadable.md");
		f = fopen(p, "w");
		fputs("---\ntitle: x\n---\n", f);
		fclose(f);
		chmod(p, 0);
		m = load_message(p);
		assert_string_equal(m, "cannot open: Permission denied");
		free(m);
		free(p);
	}
}

static void
test_too_large(void **state)
{
	char *p = tmp_path("huge.md"), *m;
	int fd;

	(void)state;
	fd = open(p, O_CREAT | O_WRONLY, 0600);
	assert_true(fd >= 0);
	/* sparse: costs no disk */
	assert_int_equal(ftruncate(fd, (off_t)300 * 1024 * 1024), 0);
	close(fd);
	m = load_message(p);
	assert_string_equal(m, "file is too large (300 MiB; the limit is 256 MiB)");
	free(m);
	free(p);
}

static void
test_head_only(void **state)
{
	char *p = tmp_path("head.md");
	struct article a;
	FILE *f;
	int i;

	(void)state;
	f = fopen(p, "w");
	fputs("---\ntitle: Head\nsource: S\n", f);
	for (i = 0; i < 3000; i++)
		fprintf(f, "k%d: a long value to push the closing line past the first chunk\n", i);
	fputs("---\n", f);
	for (i = 0; i < 40000; i++)
		fputs("a body line that the library never needs to read\n", f);
	fclose(f);
	article_load(&a, p, ARTICLE_LOAD_HEAD, NULL);
	assert_int_equal(a.diags.n, 0);
	assert_string_equal(a.title, "Head");
	assert_true(a.flags & ARTICLE_HEAD_ONLY);
	assert_true(a.data_len < 1024 * 1024);
	article_free(&a);
	free(p);
}

/* A big file read in two steps gives the same article and the same blocks. */
static void
test_load_start(void **state)
{
	char *p = tmp_path("big.md");
	struct article a, full;
	struct doc d, dfull;
	const char *body_before;
	FILE *f;
	size_t i;

	(void)state;
	f = fopen(p, "w");
	fputs("---\ntitle: Big\nupdates:\n  - {date: x, note: the end}\n---\n", f);
	for (i = 0; i < 20000; i++)
		fprintf(f, "Paragraph %zu says \"something quoted,\" a person said.\n\n", i);
	fclose(f);
	article_load(&a, p, ARTICLE_LOAD_START, NULL);
	assert_true(a.flags & ARTICLE_PARTIAL);
	assert_true(a.body_len < ARTICLE_START);
	assert_string_equal(a.title, "Big");
	doc_build(&d, &a);
	/* no update note until the end is known */
	assert_int_equal(d.blocks[d.nblocks - 1].kind, BLOCK_PARA);
	body_before = a.body;
	assert_int_equal(article_load_rest(&a), 0);
	assert_false(a.flags & ARTICLE_PARTIAL);
	assert_ptr_equal(a.body, body_before);
	doc_extend(&d, &a);
	article_load(&full, p, ARTICLE_LOAD_FULL, NULL);
	doc_build(&dfull, &full);
	assert_int_equal(a.body_len, full.body_len);
	assert_int_equal(d.nblocks, dfull.nblocks);
	assert_int_equal(d.nparas, dfull.nparas);
	for (i = 0; i < d.nblocks; i++) {
		assert_int_equal(d.blocks[i].len, dfull.blocks[i].len);
		assert_memory_equal(d.blocks[i].text, dfull.blocks[i].text, d.blocks[i].len);
		assert_int_equal(d.blocks[i].body_off, dfull.blocks[i].body_off);
	}
	assert_int_equal(d.blocks[d.nblocks - 1].kind, BLOCK_NOTE);
	doc_free(&d);
	article_free(&a);
	/* read in small steps, the same article again */
	article_load(&a, p, ARTICLE_LOAD_START, NULL);
	for (i = 0; a.flags & ARTICLE_PARTIAL; i++) {
		assert_true(i < 100);
		assert_int_equal(article_load_more(&a, 100000), 0);
		assert_ptr_equal(a.body + a.body_len, a.data + a.data_len);
	}
	assert_true(i > 5);
	assert_int_equal(a.body_len, full.body_len);
	assert_memory_equal(a.body, full.body, full.body_len);
	doc_build(&d, &a);
	assert_int_equal(d.nblocks, dfull.nblocks);
	doc_free(&d);
	doc_free(&dfull);
	article_free(&a);
	article_free(&full);
	/* a small file is read whole at once */
	article_parse(&a, "s.md", "---\ntitle: S\n---\nx\n", 20, true, NULL);
	assert_false(a.flags & ARTICLE_PARTIAL);
	article_free(&a);
	free(p);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_full_article),
		cmocka_unit_test(test_no_frontmatter),
		cmocka_unit_test(test_missing_title),
		cmocka_unit_test(test_unclosed),
		cmocka_unit_test(test_yaml_error_position),
		cmocka_unit_test(test_wrong_types),
		cmocka_unit_test(test_bad_date),
		cmocka_unit_test(test_dates),
		cmocka_unit_test(test_invalid_utf8),
		cmocka_unit_test(test_control_in_frontmatter),
		cmocka_unit_test(test_crlf_bom),
		cmocka_unit_test(test_utf16),
		cmocka_unit_test(test_toml),
		cmocka_unit_test(test_billion_laughs),
		cmocka_unit_test(test_aliases_work),
		cmocka_unit_test(test_deep_nesting),
		cmocka_unit_test(test_key_fallbacks),
		cmocka_unit_test(test_jekyll_hugo),
		cmocka_unit_test(test_obsidian_clip),
		cmocka_unit_test(test_date_from_name),
		cmocka_unit_test(test_body_images),
		cmocka_unit_test(test_split_credit),
		cmocka_unit_test(test_files),
		cmocka_unit_test(test_too_large),
		cmocka_unit_test(test_head_only),
		cmocka_unit_test(test_load_start),
	};

	return cmocka_run_group_tests_name("article", tests, make_tmp, remove_tmp);
}
