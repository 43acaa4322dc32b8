/*
 * test_subs.c: the subscriptions file (newsboat's "urls" format): reading
 * it, with its problems at line:col, and editing it without losing a byte
 * of the rest.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "subs.h"
#include "tmpdir.h"
#include "util.h"

TMPDIR_GROUP("subs")

/* Write text to path. */
static void
spit(const char *path, const char *text)
{
	FILE *f = fopen(path, "wb");

	assert_non_null(f);
	fputs(text, f);
	assert_int_equal(fclose(f), 0);
}

static void
test_parse(void **state)
{
	static const char text[] =
	    "\xef\xbb\xbf# my feeds\r\n"
	    "\n"
	    "https://a.example/feed.xml\r\n"
	    "   http://b.example/rss news \"long reads\" !full ~The B Paper   # a comment\n"
	    "https://c.example/x#frag \"say \\\"hi\\\"\" back\\slash\n"
	    "ftp://d.example/feed\n"
	    "https://e.example/ \"never closed\n"
	    "\"query:unread:unread = \\\"yes\\\"\"\n"
	    "https://f.example/last";
	struct subs s;

	(void)state;
	memset(&s, 0, sizeof s);
	subs_parse(&s, text, sizeof text - 1);
	assert_int_equal(s.n, 4);
	assert_string_equal(s.v[0].url, "https://a.example/feed.xml");
	assert_int_equal(s.v[0].line, 3);
	assert_int_equal(s.v[0].ntags, 0);
	assert_false(s.v[0].full);
	assert_string_equal(s.v[1].url, "http://b.example/rss");
	assert_int_equal(s.v[1].ntags, 6);
	assert_string_equal(s.v[1].tags[1], "long reads");
	assert_true(s.v[1].full);
	assert_string_equal(s.v[1].name, "The");	/* a name with spaces needs quotes */
	assert_string_equal(s.v[2].url, "https://c.example/x#frag");
	assert_string_equal(s.v[2].tags[0], "say \"hi\"");
	assert_string_equal(s.v[2].tags[1], "back\\slash");
	assert_string_equal(s.v[3].url, "https://f.example/last");
	assert_int_equal(s.v[3].line, 9);
	assert_int_equal(s.diags.n, 3);
	assert_int_equal(s.diags.v[0].line, 6);
	assert_non_null(strstr(s.diags.v[0].msg, "not an http:// or https:// URL"));
	assert_int_equal(s.diags.v[1].line, 7);
	assert_non_null(strstr(s.diags.v[1].msg, "never closed"));
	assert_int_equal(s.diags.v[2].line, 8);
	subs_free(&s);
	memset(&s, 0, sizeof s);
	subs_parse(&s, "https://a.example/ \"~A Name\" ~Other\n", 36);
	assert_string_equal(s.v[0].name, "A Name");
	subs_free(&s);
}

static void
test_url_ok(void **state)
{
	static const char *const good[] = {
		"http://a.example/", "https://a.example", "HTTPS://A.EXAMPLE/x?y=1&z=2",
		"http://127.0.0.1:8080/f/rss2.xml", "https://b.example/caf\xc3\xa9",
	};
	static const char *const bad[] = {
		"", "a.example/feed", "file:///etc/passwd", "exec:ls", "http://", "https:///x",
		"http://a.example/a b", "http://a.example/\033[2J", "https://a.example/\xff",
	};
	const char *why;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof good / sizeof good[0]; i++)
		if (!subs_url_ok(good[i], &why))
			fail_msg("refused %s: %s", good[i], why);
	for (i = 0; i < sizeof bad / sizeof bad[0]; i++)
		if (subs_url_ok(bad[i], NULL))
			fail_msg("taken: %s", bad[i]);
}

static void
test_add_remove(void **state)
{
	char *path = xasprintf("%s/conf/byline/feeds", dir), *cause = NULL, *got;
	char *tags[] = { (char *)"news", (char *)"two words", (char *)"#hash", (char *)"q\"uote" };
	char *bad_tags[] = { (char *)"bell\a" };

	(void)state;
	/* a new file, and its folders */
	assert_int_equal(subs_add(path, "https://a.example/feed", tags, 4, &cause), 1);
	got = TMPDIR_SLURP(path);
	assert_string_equal(got, "https://a.example/feed news \"two words\" \"#hash\" \"q\\\"uote\"\n");
	free(got);
	/* what it wrote reads back */
	{
		struct subs s;

		memset(&s, 0, sizeof s);
		assert_int_equal(subs_load(&s, path, &cause), 0);
		assert_int_equal(s.n, 1);
		assert_int_equal(s.v[0].ntags, 4);
		assert_string_equal(s.v[0].tags[3], "q\"uote");
		subs_free(&s);
	}
	/* comments and odd spacing kept byte for byte; a missing last newline added */
	spit(path, "# top\n\nhttps://a.example/feed   x  # keep me\n# bottom");
	assert_int_equal(subs_add(path, "https://b.example/", NULL, 0, &cause), 1);
	assert_int_equal(subs_add(path, "https://b.example/", NULL, 0, &cause), 0);
	got = TMPDIR_SLURP(path);
	assert_string_equal(got, "# top\n\nhttps://a.example/feed   x  # keep me\n# bottom\n"
	    "https://b.example/\n");
	free(got);
	assert_int_equal(subs_remove(path, "https://a.example/feed", &cause), 1);
	got = TMPDIR_SLURP(path);
	assert_string_equal(got, "# top\n\n# bottom\nhttps://b.example/\n");
	free(got);
	assert_int_equal(subs_remove(path, "https://a.example/feed", &cause), 0);
	assert_int_equal(subs_add(path, "not a url", NULL, 0, &cause), -1);
	assert_non_null(cause);
	free(cause);
	cause = NULL;
	assert_int_equal(subs_add(path, "https://c.example/", bad_tags, 1, &cause), -1);
	free(cause);
	cause = NULL;
	/* a file that is a link stays a link (its target is written) */
	{
		char *target = xasprintf("%s/real-feeds", dir), *link = xasprintf("%s/linked", dir);
		struct stat st;

		spit(target, "# real\n");
		assert_int_equal(symlink(target, link), 0);
		assert_int_equal(subs_add(link, "https://d.example/", NULL, 0, &cause), 1);
		assert_int_equal(lstat(link, &st), 0);
		assert_true(S_ISLNK(st.st_mode));
		got = TMPDIR_SLURP(target);
		assert_string_equal(got, "# real\nhttps://d.example/\n");
		free(got);
		free(target);
		free(link);
	}
	free(path);
}

static void
test_missing(void **state)
{
	char *path = xasprintf("%s/none/feeds", dir), *cause = NULL;
	struct subs s;

	(void)state;
	memset(&s, 0, sizeof s);
	assert_int_equal(subs_load(&s, path, &cause), 0);
	assert_int_equal(s.n, 0);
	assert_int_equal(subs_remove(path, "https://a.example/", &cause), 0);
	subs_free(&s);
	free(path);
	path = xasprintf("%s", dir);	/* a folder is no file */
	memset(&s, 0, sizeof s);
	assert_int_equal(subs_load(&s, path, &cause), -1);
	assert_non_null(cause);
	free(cause);
	subs_free(&s);
	free(path);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse),
		cmocka_unit_test(test_url_ok),
		cmocka_unit_test(test_add_remove),
		cmocka_unit_test(test_missing),
	};

	return cmocka_run_group_tests_name("subs", tests, make_tmp, remove_tmp);
}
