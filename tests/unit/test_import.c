/*
 * test_import.c: the import layer's API (imported.h) outside HTML: the
 * text cleaning, Markdown escaping (web addresses and entities untouched,
 * issue 12), HTML detection, the plain-text importer, rendering, file
 * names and the atomic write that creates its folder.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "article.h"
#include "imported.h"
#include "tmpdir.h"
#include "util.h"

static char tmp[TMPDIR_SIZE];

static int
make_tmp(void **state)
{
	(void)state;
	return tmpdir_make(tmp, "import");
}

static int
remove_tmp(void **state)
{
	(void)state;
	return tmpdir_remove(tmp);
}

/* s escaped for Markdown; the caller frees it. */
static char *
escape(const char *s)
{
	struct buf b = BUF_INIT;

	imported_md_escape(&b, s, strlen(s));
	buf_addc(&b, '\0');
	return buf_detach(&b);
}

#define assert_escape(in, want) do { char *e_ = escape(in); \
	assert_string_equal(e_, want); free(e_); } while (0)

static void
test_md_escape(void **state)
{
	(void)state;
	/* issue 12, defect 3: an address keeps its & (and its _ and *) */
	assert_escape("See https://example.org/story?id=1&x=2 now.",
	    "See https://example.org/story?id=1&x=2 now.");
	assert_escape("https://ex.org/a_b*c_ and *bold*", "https://ex.org/a_b*c\\_ and \\*bold\\*");
	assert_escape("(http://ex.org/p_(q)_r)", "(http://ex.org/p_(q)_r)");
	assert_escape("ftp://ex.org/x_y", "ftp://ex.org/x_y");
	assert_escape("not-a-urlhttp://ex.org/_x_", "not-a-urlhttp://ex.org/\\_x\\_");
	/* & only where it starts an entity */
	assert_escape("AT&T and Tom & Jerry &x=2", "AT&T and Tom & Jerry &x=2");
	assert_escape("&amp; &#38; &#x26; &copy;", "\\&amp; \\&#38; \\&#x26; \\&copy;");
	assert_escape("&#; &#x; &;", "&#; &#x; &;");
	/* block markers at line starts, inline markers anywhere */
	assert_escape("# a\n> b\n- c\n+ d\n1. e\n12) f\n= g\n| h",
	    "\\# a\n\\> b\n\\- c\n\\+ d\n1\\. e\n12\\) f\n\\= g\n\\| h");
	assert_escape("a # b - c 1. d", "a # b - c 1. d");
	assert_escape("`code` [link](x) <b> ~s~ \\", "\\`code\\` \\[link\\](x) \\<b> \\~s\\~ \\\\");
	assert_escape("", "");
}

static void
test_text_cleaning(void **state)
{
	struct imported *imp = imported_new();

	(void)state;
	assert_string_equal(imported_line(imp, "  a\tb \xc2\xa0 c\n d  "), "a b c d");
	assert_string_equal(imported_line(imp, "zero\xe2\x80\x8bwidth\xef\xbb\xbf"), "zerowidth");
	assert_string_equal(imported_line(imp, "esc\x1b[2J bel\x07 c1\xc2\x9b bidi\xe2\x80\xae!"),
	    "esc[2J bel c1 bidi!");
	assert_string_equal(imported_line(imp, "bad \xff byte"), "bad \xef\xbf\xbd byte");
	assert_null(imported_line(imp, " \t\n\xc2\xa0"));
	assert_null(imported_line(imp, NULL));
	assert_string_equal(imported_text(imp, "a\n\n\n\nb\nc  ", 11, IMPORTED_LINES),
	    "a\n\nb\nc");
	imported_free(imp);
}

static void
test_is_html(void **state)
{
	static const char *const yes[] = {
		"<!DOCTYPE html><p>x", "<html>", "  \n<HTML lang=en>", "\xef\xbb\xbf<head>",
		"<!-- saved --><body>", "<?xml version=\"1.0\"?>\n<html>",
	};
	static const char *const no[] = {
		"Title\n\n<html> later", "<p>a fragment</p>", "", "<htmlx>", "<!-- never closed",
		"plain text",
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof yes / sizeof yes[0]; i++)
		assert_true(imported_is_html(yes[i], strlen(yes[i])));
	for (i = 0; i < sizeof no / sizeof no[0]; i++)
		assert_false(imported_is_html(no[i], strlen(no[i])));
	/* UTF-16, both byte orders */
	assert_true(imported_is_html("\xff\xfe<\0h\0t\0m\0l\0>\0", 14));
	assert_true(imported_is_html("\xfe\xff\0<\0h\0t\0m\0l\0>", 14));
	assert_false(imported_is_html("\xff\xfeT\0i\0t\0l\0e\0", 12));
}

static void
test_plain_text(void **state)
{
	static const char text[] = "\xef\xbb\xbfThe title line\r\n\r\n"
	    "First paragraph with a link https://example.org/a?b=1&c=2.\r\n"
	    "Its second line.\r\n\r\n"
	    "Update 03/04/21 12.33 p.m. ET: Corrected the name.\r\n\r\n"
	    "A Photo Title\r\nThe caption of it. Ann Lee/Example Photo\r\n";
	struct imported *imp = imported_new();
	char *cause = NULL;

	(void)state;
	assert_int_equal(imported_from_text(imp, text, strlen(text), &cause), 0);
	assert_string_equal(imp->title, "The title line");
	assert_int_equal(imp->nparas, 1);
	assert_string_equal(imp->paras[0],
	    "First paragraph with a link https://example.org/a?b=1&c=2.\nIts second line.");
	assert_int_equal(imp->nupdates, 1);
	assert_string_equal(imp->updates[0].date, "03/04/21 12.33 p.m. ET");
	assert_string_equal(imp->updates[0].note, "Corrected the name.");
	assert_int_equal(imp->nimages, 1);
	assert_string_equal(imp->images[0].title, "A Photo Title");
	assert_string_equal(imp->images[0].caption, "The caption of it.");
	assert_string_equal(imp->images[0].credit, "Ann Lee/Example Photo");
	imported_free(imp);

	imp = imported_new();
	assert_int_equal(imported_from_text(imp, " \n\n ", 4, &cause), -1);
	assert_string_equal(cause, "no text to import");
	free(cause);
	assert_int_equal(imported_from_text(imp, "\xff\xfeT\0", 4, &cause), -1);
	assert_non_null(strstr(cause, "UTF-16"));
	free(cause);
	assert_int_equal(imported_from_text(imp, "Title\0binary", 12, &cause), -1);
	assert_string_equal(cause, "binary data, not text");
	free(cause);
	assert_int_equal(imported_from_text(imp, "\x01\x02\x03\x04 ab\x05\x06", 10, &cause), -1);
	assert_string_equal(cause, "binary data, not text");
	free(cause);
	imported_free(imp);
}

static void
test_render(void **state)
{
	struct imported *imp = imported_new();
	struct imported_image *im;
	struct buf out = BUF_INIT;
	char *cause = NULL;
	struct article a;

	(void)state;
	assert_int_equal(imported_render(imp, &out, &cause), -1);	/* no title */
	assert_string_equal(cause, "no title");
	free(cause);
	imp->title = "yes";			/* would read as a boolean unquoted */
	imp->subtitle = "A \x1b[2J raw escape \xff stored by a careless caller";
	imp->date = "2021-04-14T09:30:00+01:00";
	imp->source = "The Gazette";
	imp->url = "https://example.org/a?b=1&c=2";
	imp->id = imp->url;
	imported_add_author(imp, "Ann Writer");
	imported_add_tag(imp, "local");
	im = imported_add_image(imp);
	im->caption = "One";
	im->path = "https://example.org/1.jpg";
	im = imported_add_image(imp);
	im->caption = "Two: with a colon";
	imported_add_para(imp, "First block.");
	imported_add_para(imp, "");
	imported_add_para(imp, "Second\x07 block.");
	assert_int_equal(imported_render(imp, &out, &cause), 0);
	assert_null(memchr(out.data, '\x1b', out.len));
	assert_null(memchr(out.data, '\x07', out.len));
	assert_null(strstr(out.data, "\xff"));
	article_parse(&a, "t.md", out.data, out.len, true, NULL);
	assert_int_equal(a.diags.n, 0);
	assert_string_equal(a.title, "yes");
	assert_string_equal(a.date_text, "2021-04-14T09:30:00+01:00");
	assert_string_equal(a.url, "https://example.org/a?b=1&c=2");
	assert_int_equal(a.nauthors, 1);
	assert_int_equal(a.ntags, 1);
	assert_int_equal(a.nimages, 2);
	assert_string_equal(a.images[1].caption, "Two: with a colon");
	assert_int_equal(a.body_len, strlen("\nFirst block.\n\nSecond\xef\xbf\xbd block.\n"));
	assert_memory_equal(a.body, "\nFirst block.\n\nSecond\xef\xbf\xbd block.\n", a.body_len);
	article_free(&a);
	buf_free(&out);
	imported_free(imp);
}

static void
test_file_names(void **state)
{
	struct imported *imp = imported_new();
	char *name;

	(void)state;
	imp->title = "Don't Stop: the Harbour's Bridge Re-opens!";
	name = imported_file_name(imp);
	assert_string_equal(name, "dont-stop-the-harbours-bridge-re-opens.md");
	free(name);
	imp->date = "2021-04-14T09:30:00Z";
	name = imported_file_name(imp);
	assert_string_equal(name, "2021-04-14-dont-stop-the-harbours-bridge-re-opens.md");
	free(name);
	imp->date = "2021-02-30";		/* no such day: no prefix */
	imp->title = "\xe4\xb8\xad\xe6\x96\x87 \xe2\x80\x94 !!";
	name = imported_file_name(imp);
	assert_string_equal(name, "article.md");
	free(name);
	imp->date = NULL;
	imp->title = "A very long title that goes on and on well past the sixty bytes a slug may have";
	name = imported_file_name(imp);
	assert_string_equal(name, "a-very-long-title-that-goes-on-and-on-well-past-the-sixty.md");
	free(name);
	imported_free(imp);
}

static void
test_write(void **state)
{
	struct imported *imp = imported_new();
	char *path = NULL, *cause = NULL, *dir = xasprintf("%s/new/and/deeper", tmp);
	char *blocker = xasprintf("%s/file", tmp), *under = xasprintf("%s/file/below", tmp);
	struct stat st;
	FILE *f;

	(void)state;
	imp->title = "Written";
	imported_add_para(imp, "Text.");
	/* issue 12: the folder is created with its parents */
	assert_int_equal(imported_write(imp, dir, 0, &path, &cause), 0);
	assert_int_equal(stat(path, &st), 0);
	assert_true(S_ISREG(st.st_mode));
	assert_non_null(strstr(path, "/new/and/deeper/written.md"));
	free(path);
	/* never replaced without IMPORTED_FORCE */
	assert_int_equal(imported_write(imp, dir, 0, &path, &cause), -1);
	assert_int_equal(errno, EEXIST);
	free(path);
	free(cause);
	assert_int_equal(imported_write(imp, dir, IMPORTED_FORCE, &path, &cause), 0);
	free(path);
	/* a file where the folder should be */
	f = fopen(blocker, "w");
	assert_non_null(f);
	fclose(f);
	assert_int_equal(imported_write(imp, under, 0, &path, &cause), -1);
	assert_non_null(strstr(cause, "file/below"));
	free(cause);
	free(path);
	free(dir);
	free(blocker);
	free(under);
	imported_free(imp);
}

static void
test_read(void **state)
{
	struct buf b = BUF_INIT;
	char *cause = NULL;

	(void)state;
	assert_int_equal(imported_read("/nonexistent/file", &b, &cause), -1);
	assert_non_null(cause);
	free(cause);
	assert_int_equal(imported_read(tmp, &b, &cause), -1);
	assert_string_equal(cause, "is a folder, not a file");
	free(cause);
	buf_free(&b);
}

static void
test_people(void **state)
{
	static const char text[] = "Mayor opens bridge\n\n"
	    "\"We kept our promise,\" said Gordon Pell, the mayor, on Tuesday.\n\n"
	    "The Bridge\nGordon Pell cuts the ribbon. Maria Lind/Example Photo\n";
	struct imported *imp = imported_new();
	char *cause = NULL;
	size_t i;

	(void)state;
	assert_int_equal(imported_from_text(imp, text, strlen(text), &cause), 0);
	imported_find_people(imp);
	assert_true(imp->npeople >= 1);
	assert_string_equal(imp->people[0].name, "Gordon Pell");
	for (i = 0; i < imp->npeople; i++)
		assert_null(strstr(imp->people[i].name, "Lind"));	/* the photographer */
	imported_find_people(imp);		/* again: replaced, not doubled */
	assert_string_equal(imp->people[0].name, "Gordon Pell");
	assert_true(imp->npeople < 2 || strcmp(imp->people[1].name, "Gordon Pell") != 0);
	imported_free(imp);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_md_escape),
		cmocka_unit_test(test_text_cleaning),
		cmocka_unit_test(test_is_html),
		cmocka_unit_test(test_plain_text),
		cmocka_unit_test(test_render),
		cmocka_unit_test(test_file_names),
		cmocka_unit_test(test_write),
		cmocka_unit_test(test_read),
		cmocka_unit_test(test_people),
	};

	return cmocka_run_group_tests_name("import", tests, make_tmp, remove_tmp);
}
