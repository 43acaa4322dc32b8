/*
 * test_story.c: where a fetched story goes (its folder and file names, safe
 * whatever the feed says) and what article it becomes.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "feed.h"
#include "imported.h"
#include "story.h"
#include "tmpdir.h"
#include "util.h"

TMPDIR_GROUP("story")

/* Is name safe inside a folder: no "/", not hidden, not "." or "..", not empty? */
static void
assert_safe(const char *name)
{
	if (name[0] == '\0' || name[0] == '.' || strchr(name, '/') != NULL ||
	    strcmp(name, "..") == 0)
		fail_msg("unsafe name \"%s\"", name);
}

static void
test_source_slug(void **state)
{
	static const struct {
		const char	*source;
		const char	*slug;
	} v[] = {
		{ "The Harbour Courier", "the-harbour-courier" },
		{ "../../etc", "etc" },
		{ "/etc/passwd", "etc-passwd" },
		{ ".hidden", "hidden" },
		{ "...", "feed" },
		{ "", "feed" },
		{ "\xd0\x9d\xd0\xbe\xd0\xb2\xd0\xbe\xd1\x81\xd1\x82\xd0\xb8", "feed" },
		{ "BBC News - World", "bbc-news-world" },
		{ "\033[31mRed\033[0m", "31mred-0m" },
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof v / sizeof v[0]; i++) {
		char *s = story_source_slug(v[i].source);

		assert_safe(s);
		if (strcmp(s, v[i].slug) != 0)
			fail_msg("\"%s\": \"%s\", expected \"%s\"", v[i].source, s, v[i].slug);
		free(s);
	}
}

static void
test_file_name(void **state)
{
	struct imported *imp = imported_new();
	struct buf long_title = BUF_INIT;
	char *name;
	int i;

	(void)state;
	imp->title = "Council backs the ferry";
	imp->date = "2024-04-12T09:30:00-04:00";
	name = story_file_name(imp, 1);
	assert_string_equal(name, "2024-04-12-council-backs-the-ferry.md");
	free(name);
	name = story_file_name(imp, 2);
	assert_string_equal(name, "2024-04-12-council-backs-the-ferry-2.md");
	free(name);
	name = story_file_name(imp, 137);
	assert_string_equal(name, "2024-04-12-council-backs-the-ferry-137.md");
	free(name);
	imp->title = "../../.bashrc";
	name = story_file_name(imp, 1);
	assert_safe(name);
	assert_string_equal(name, "2024-04-12-bashrc.md");
	free(name);
	imp->date = NULL;
	imp->title = ".";
	name = story_file_name(imp, 1);
	assert_string_equal(name, "article.md");
	free(name);
	for (i = 0; i < 200; i++)
		buf_adds(&long_title, "longword ");
	imp->title = long_title.data;
	name = story_file_name(imp, STORY_MAX_CLASH);
	assert_safe(name);
	assert_true(strlen(name) < 100);
	free(name);
	buf_free(&long_title);
	imp->title = NULL;
	imported_free(imp);
}

static void
test_subdir(void **state)
{
	char *cause = NULL, *path, *link, *file;
	struct stat st;

	(void)state;
	assert_int_equal(story_subdir(dir, "news", &cause), 0);
	path = xasprintf("%s/news", dir);
	assert_int_equal(stat(path, &st), 0);
	assert_true(S_ISDIR(st.st_mode));
	assert_int_equal(story_subdir(dir, "news", &cause), 0);	/* there already */
	link = xasprintf("%s/linked", dir);
	assert_int_equal(symlink(path, link), 0);
	assert_int_equal(story_subdir(dir, "linked", &cause), -1);
	assert_int_equal(errno, ELOOP);
	assert_non_null(strstr(cause, "symbolic link"));
	free(cause);
	cause = NULL;
	file = xasprintf("%s/plain", dir);
	assert_int_equal(close(creat(file, 0600)), 0);
	assert_int_equal(story_subdir(dir, "plain", &cause), -1);
	assert_int_equal(errno, ENOTDIR);
	free(cause);
	free(path);
	free(link);
	free(file);
}

static void
test_relpath(void **state)
{
	static const char *const good[] = { "news/2024-01-01-a.md", "x/y.md" };
	static const char *const bad[] = {
		"", "a.md", "/etc/passwd", "../a.md", "a/../b.md", "./a.md", "a/.b.md", "a/b/c.md",
		"a/", "/a", "a/b\n.md", "..\\a/b.md",
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof good / sizeof good[0]; i++)
		if (!story_relpath_ok(good[i]))
			fail_msg("refused: %s", good[i]);
	for (i = 0; i < sizeof bad / sizeof bad[0]; i++)
		if (story_relpath_ok(bad[i]))
			fail_msg("taken: %s", bad[i]);
}

static void
test_iso_date(void **state)
{
	char out[40];

	(void)state;
	story_iso_date(1712928600, -240, out, sizeof out);
	assert_string_equal(out, "2024-04-12T09:30:00-04:00");
	story_iso_date(1712928600, 0, out, sizeof out);
	assert_string_equal(out, "2024-04-12T13:30:00Z");
	story_iso_date(1712928600, 330, out, sizeof out);
	assert_string_equal(out, "2024-04-12T19:00:00+05:30");
}

/* Parse a feed the test knows to be good. */
static void
parse(struct feed *f, const char *text)
{
	char *cause = NULL;

	if (feed_parse(f, text, strlen(text), "https://s.example/feed", NULL, &cause) != 0)
		fail_msg("refused: %s", cause);
}

static void
test_from_item(void **state)
{
	struct feed f;
	struct story_ctx ctx;
	struct imported *imp;
	struct buf out = BUF_INIT;
	char *cause = NULL;

	(void)state;
	parse(&f, "<rss xmlns:media=\"http://search.yahoo.com/mrss/\"><channel><title>S</title>"
	    "<item><description>&lt;p&gt;No title here, only a body that says a good deal "
	    "more than a title would, and goes on.&lt;/p&gt;</description></item>"
	    "<item><title>Pics</title><pubDate>Tue, 02 Jan 2024 10:00:00 EST</pubDate>"
	    "<media:content url=\"https://s.example/a.jpg\" medium=\"image\"/>"
	    "<description>&lt;figure&gt;&lt;img src=\"/a.jpg\"&gt;&lt;figcaption&gt;The quay at dawn."
	    "&lt;/figcaption&gt;&lt;/figure&gt;&lt;p&gt;Text.&lt;/p&gt;</description></item>"
	    "</channel></rss>");
	ctx.feed = &f;
	ctx.source = "The Source";
	ctx.now = 1700000000;
	ctx.people = false;
	imp = story_from_item(&ctx, &f.items[0]);
	assert_non_null(imp->title);
	assert_true(strncmp(imp->title, "No title here, only a body", 26) == 0);
	assert_true(strlen(imp->title) <= 84);
	assert_string_equal(imp->date, "2023-11-14T22:13:20Z");	/* the fetch time */
	assert_string_equal(imp->source, "The Source");
	assert_int_equal(imported_render(imp, &out, &cause), 0);
	imported_free(imp);
	imp = story_from_item(&ctx, &f.items[1]);
	assert_string_equal(imp->date, "2024-01-02T10:00:00-05:00");
	/* the feed's photo and the figure of the content are one photo */
	assert_int_equal(imp->nimages, 1);
	assert_string_equal(imp->images[0].path, "https://s.example/a.jpg");
	assert_string_equal(imp->images[0].caption, "The quay at dawn.");
	assert_true(imp->nparas >= 1);
	imported_free(imp);
	buf_free(&out);
	feed_free(&f);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_source_slug),
		cmocka_unit_test(test_file_name),
		cmocka_unit_test(test_subdir),
		cmocka_unit_test(test_relpath),
		cmocka_unit_test(test_iso_date),
		cmocka_unit_test(test_from_item),
	};

	return cmocka_run_group_tests_name("story", tests, make_tmp, remove_tmp);
}
