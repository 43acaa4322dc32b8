/* test_library.c: scanning folders, following links safely, sorting. */
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

#include "article.h"
#include "library.h"
#include "util.h"

static char root[64];

static void
write_file(const char *rel, const char *text)
{
	char *p = xasprintf("%s/%s", root, rel);
	FILE *f = fopen(p, "w");

	assert_non_null(f);
	fputs(text, f);
	fclose(f);
	free(p);
}

static void
make_dir(const char *rel)
{
	char *p = xasprintf("%s/%s", root, rel);

	assert_int_equal(mkdir(p, 0700), 0);
	free(p);
}

static int
setup(void **state)
{
	char *p;

	(void)state;
	strcpy(root, "/tmp/byline-lib-XXXXXX");
	if (mkdtemp(root) == NULL)
		return -1;
	make_dir("a");
	make_dir("a/b");
	make_dir(".hidden");
	write_file("new.md", "---\ntitle: Newest\ndate: 2024-05-01\nsource: S1\n---\nx\n");
	write_file("a/old.txt", "---\ntitle: Oldest\ndate: 2001-01-01\n---\nx\n");
	write_file("a/b/mid.markdown", "---\ntitle: Middle\ndate: 2010-06-15T12:00:00Z\n---\n");
	write_file("a/b/same-day-b.md", "---\ntitle: bravo\ndate: 2010-06-15T12:00:00Z\n---\n");
	write_file("a/undated.md", "---\ntitle: Undated\n---\n");
	write_file("a/broken.md", "---\ntitle: [oops\n---\n");
	write_file("notes.rst", "not an article\n");
	write_file(".hidden/secret.md", "---\ntitle: Hidden\n---\n");
	write_file("a/.dotfile.md", "---\ntitle: Dotfile\n---\n");
	/* a link back up: a loop the scan must not follow forever */
	p = xasprintf("%s/a/b/loop", root);
	assert_int_equal(symlink(root, p), 0);
	free(p);
	p = xasprintf("%s/a/dangling.md", root);
	assert_int_equal(symlink("/nonexistent", p), 0);
	free(p);
	return 0;
}

static int
teardown(void **state)
{
	char *cmd = xasprintf("rm -rf '%s'", root);
	int r = system(cmd);

	(void)state;
	free(cmd);
	return r == 0 ? 0 : -1;
}

struct seen {
	size_t	n;
	char	last[512];
};

static void
on_diag(const char *path, const struct diag *d, void *arg)
{
	struct seen *s = arg;
	struct buf b = BUF_INIT;

	diag_format(&b, path, d);
	snprintf(s->last, sizeof s->last, "%s", b.data);
	buf_free(&b);
	s->n++;
}

static void
test_scan_and_sort(void **state)
{
	struct library lib = { 0 };
	struct library_scan_opts opts = { 0 };
	struct seen seen = { 0, "" };
	char *paths[1] = { root };
	size_t i;
	const char *want[] = { "Newest", "bravo", "Middle", "Oldest" };

	(void)state;
	opts.diag = on_diag;
	opts.arg = &seen;
	assert_int_equal(library_scan(&lib, paths, 1, &opts), 0);
	library_sort(&lib);
	/* Newest, bravo/Middle (same time: by title), Oldest, then undated and broken */
	assert_int_equal(lib.n, 7);
	for (i = 0; i < 4; i++)
		assert_string_equal(lib.v[i].title, want[i]);
	for (i = 4; i < lib.n; i++)
		assert_true(lib.v[i].sortkey == INT64_MIN);
	for (i = 0; i < lib.n; i++) {
		assert_null(strstr(lib.v[i].title, "Hidden"));
		assert_null(strstr(lib.v[i].title, "Dotfile"));
		assert_null(strstr(lib.v[i].path, "loop/"));
	}
	assert_string_equal(lib.v[0].date, "2024-05-01");
	assert_string_equal(lib.v[0].source, "S1");
	/* the broken file and the dangling link are listed, flagged, and reported */
	assert_int_equal(seen.n, 2);
	{
		int broken = 0;

		for (i = 0; i < lib.n; i++)
			if (lib.v[i].flags & ARTICLE_BROKEN)
				broken++;
		assert_int_equal(broken, 2);
	}
	library_free(&lib);
}

static void
test_missing_path_and_file(void **state)
{
	struct library lib = { 0 };
	struct library_scan_opts opts = { 0 };
	struct seen seen = { 0, "" };
	char *file = xasprintf("%s/notes.rst", root);
	char *paths[2] = { "/nonexistent/dir", file };

	(void)state;
	opts.diag = on_diag;
	opts.arg = &seen;
	assert_int_equal(library_scan(&lib, paths, 2, &opts), 1);
	assert_string_equal(seen.last, "/nonexistent/dir: error: cannot open: No such file or directory");
	/* a file named on the command line is taken whatever its extension */
	assert_int_equal(lib.n, 1);
	assert_string_equal(lib.v[0].title, "not an article");
	library_free(&lib);
	free(file);
}

static void
test_matches(void **state)
{
	struct lib_entry e = { "x/path.md", "Blinken Says NATO Ready", "Newsweek", "k", "2022-03-04",
		0, 0, 0 };

	(void)state;
	assert_true(library_entry_matches(&e, "nato"));
	assert_true(library_entry_matches(&e, "NEWSWEEK"));
	assert_true(library_entry_matches(&e, "2022-03"));
	assert_true(library_entry_matches(&e, ""));
	assert_false(library_entry_matches(&e, "zelensky"));
	assert_true(library_is_article_name("A.MD"));
	assert_true(library_is_article_name("a.markdown"));
	assert_false(library_is_article_name("a.mdx"));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_scan_and_sort),
		cmocka_unit_test(test_missing_path_and_file),
		cmocka_unit_test(test_matches),
	};

	return cmocka_run_group_tests_name("library", tests, setup, teardown);
}
