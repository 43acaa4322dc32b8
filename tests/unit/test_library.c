/* test_library.c: scanning folders, following links safely, sorting. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include "article.h"
#include "cache.h"
#include "fold.h"
#include "library.h"
#include "tmpdir.h"
#include "util.h"

static char root[TMPDIR_SIZE];

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
	if (tmpdir_make(root, "lib") < 0)
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
	(void)state;
	return tmpdir_remove(root);
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

/* library_entry_matches() with pattern compiled. */
static bool
matches(const struct lib_entry *e, const char *pattern)
{
	struct fold_pat p;
	bool m;

	fold_compile(&p, pattern, strlen(pattern));
	m = library_entry_matches(e, &p);
	fold_free(&p);
	return m;
}

static void
test_matches(void **state)
{
	struct lib_entry e;

	memset(&e, 0, sizeof e);
	e.path = "x/path.md";
	e.title = "Blinken Says NATO Ready";
	e.source = "Newsweek";
	e.key = "k";
	e.date = "2022-03-04";

	(void)state;
	assert_true(matches(&e, "nato"));
	assert_true(matches(&e, "NATO"));
	assert_false(matches(&e, "NEWSWEEK"));	/* capitals: exact case */
	assert_true(matches(&e, "newsweek"));
	assert_true(matches(&e, "2022-03"));
	assert_true(matches(&e, ""));
	assert_false(matches(&e, "zelensky"));
	/* one rule with the article search: accents free without them, case without capitals */
	e.title = "In V\xc3\xa9rinay, translators";
	assert_true(matches(&e, "verinay"));
	assert_true(matches(&e, "v\xc3\xa9rinay"));
	assert_true(matches(&e, "V\xc3\xa9rinay"));
	assert_false(matches(&e, "V\xc3\x89R"));
	assert_true(library_is_article_name("A.MD"));
	assert_true(library_is_article_name("a.markdown"));
	assert_false(library_is_article_name("a.mdx"));
}

/* Set a file's times back so that the cache takes it (it skips files changed just now). */
static void
age(const char *rel)
{
	char *p = xasprintf("%s/%s", root, rel);
	struct timespec ts[2] = { { 1000000000, 0 }, { 1000000000, 0 } };

	assert_int_equal(utimensat(AT_FDCWD, p, ts, 0), 0);
	free(p);
}

static void
test_cache(void **state)
{
	struct library lib = { 0 };
	char *paths[1], *dir = xasprintf("%s/c", root), *cdir = xasprintf("%s/cache", root);
	char *cpath;
	FILE *f;

	(void)state;
	make_dir("c");
	write_file("c/one.md", "---\ntitle: One\ndate: 2020-01-01\n---\n");
	write_file("c/two.md", "---\ntitle: [broken\n---\n");
	age("c/one.md");
	age("c/two.md");
	setenv("BYLINE_CACHE", cdir, 1);
	paths[0] = dir;
	library_scan_cached(&lib, paths, 1, NULL);
	assert_int_equal(lib.n, 2);
	assert_int_equal(lib.cache_hits, 0);
	library_free(&lib);
	/* the second time everything comes from the cache, errors included */
	library_scan_cached(&lib, paths, 1, NULL);
	assert_int_equal(lib.cache_hits, 2);
	assert_string_equal(lib.v[0].title, "One");
	assert_string_equal(lib.v[0].date, "2020-01-01");
	assert_true(lib.v[1].flags & ARTICLE_BROKEN);
	assert_int_equal(lib.v[1].nerrors, 1);
	assert_non_null(strstr(lib.v[1].errors[0].msg, "YAML"));
	library_free(&lib);
	/* a changed file is read again */
	write_file("c/one.md", "---\ntitle: One, edited\ndate: 2020-01-01\n---\n");
	age("c/one.md");
	library_scan_cached(&lib, paths, 1, NULL);
	assert_int_equal(lib.cache_hits, 1);
	assert_string_equal(lib.v[0].title, "One, edited");
	library_free(&lib);
	/* a damaged cache is ignored */
	cpath = cache_path(paths, 1);
	f = fopen(cpath, "r+");
	assert_non_null(f);
	fseek(f, 30, SEEK_SET);
	fputc('X', f);
	fclose(f);
	assert_null(cache_load(cpath));
	library_scan_cached(&lib, paths, 1, NULL);
	assert_int_equal(lib.cache_hits, 0);
	assert_string_equal(lib.v[0].title, "One, edited");
	library_free(&lib);
	/* garbage of every length is ignored too */
	for (size_t n = 0; n < 64; n++) {
		f = fopen(cpath, "w");
		fwrite("BYLINE-INDEX 4\nEND!\1\0\0\0\0\0\0\0garbagegarbagegarbagegarbage"
		    "garbagegarbagegarbagegarbage", 1, n, f);
		fclose(f);
		assert_null(cache_load(cpath));
	}
	setenv("BYLINE_CACHE", "off", 1);
	assert_null(cache_path(paths, 1));
	unsetenv("BYLINE_CACHE");
	assert_int_equal(tmpdir_remove(cdir), 0);
	free(cpath);
	free(dir);
	free(cdir);
}

/* A scan told to stop (the reader got a signal to quit) stops, cleanly, and
 * never saves a partial library as the cache. */
static void
test_cancel(void **state)
{
	struct library lib = { 0 };
	struct library_scan_opts opts = { 0 };
	volatile sig_atomic_t stop = 1;
	char *paths[1] = { root }, *cdir = xasprintf("%s/cache-cancel", root);
	char *cpath;
	struct stat st;

	(void)state;
	opts.cancel = &stop;
	assert_int_equal(library_scan(&lib, paths, 1, &opts), 0);
	assert_int_equal(lib.n, 0);
	library_free(&lib);
	setenv("BYLINE_CACHE", cdir, 1);
	library_scan_cached(&lib, paths, 1, &opts);
	cpath = cache_path(paths, 1);
	assert_non_null(cpath);
	assert_int_equal(stat(cpath, &st), -1);
	library_free(&lib);
	/* not cancelled: the same scan finds everything and saves the cache */
	stop = 0;
	library_scan_cached(&lib, paths, 1, &opts);
	assert_true(lib.n >= 7);	/* test_cache adds its own */
	assert_int_equal(stat(cpath, &st), 0);
	library_free(&lib);
	unsetenv("BYLINE_CACHE");
	assert_int_equal(tmpdir_remove(cdir), 0);
	free(cpath);
	free(cdir);
}

/* Diagnostics as one string, in the order they came. */
static void
gather_diag(const char *path, const struct diag *d, void *arg)
{
	buf_printf(arg, "%s:%u:%u:%s\n", path, d->line, d->col, d->msg);
}

/* Scan dir on threads threads: the titles, paths and errors in one string. */
static char *
scan_threads(const char *dir, const char *threads, struct library_scan_opts *opts)
{
	struct library lib = { 0 };
	struct buf b = BUF_INIT;
	char *paths[1] = { (char *)dir };
	size_t i;

	setenv("BYLINE_THREADS", threads, 1);
	opts->diag = gather_diag;
	opts->arg = &b;
	library_scan(&lib, paths, 1, opts);
	unsetenv("BYLINE_THREADS");
	for (i = 0; i < lib.n; i++)
		buf_printf(&b, "%s|%s|%s|%lld|%u|%llu\n", lib.v[i].path, lib.v[i].title, lib.v[i].date,
		    (long long)lib.v[i].sortkey, lib.v[i].nerrors, (unsigned long long)lib.v[i].size);
	library_free(&lib);
	return buf_detach(&b);
}

/* Many files (read on several threads): the same library, errors in the same order. */
static void
test_threads_same_result(void **state)
{
	struct library_scan_opts opts;
	char *one, *two, *four;
	int i;

	(void)state;
	make_dir("many");
	for (i = 0; i < 300; i++) {
		char rel[64], text[160];

		snprintf(rel, sizeof rel, "many/a%03d.md", i);
		if (i % 37 == 5)
			snprintf(text, sizeof text, "---\ntitle: [broken %d\n---\nbody\n", i);
		else
			snprintf(text, sizeof text, "---\ntitle: Article %d\ndate: 20%02d-0%d-1%d\n---\n"
			    "Body %d.\n", i, i % 30, 1 + i % 9, i % 10, i);
		write_file(rel, text);
	}
	memset(&opts, 0, sizeof opts);
	one = scan_threads(root, "1", &opts);
	memset(&opts, 0, sizeof opts);
	two = scan_threads(root, "2", &opts);
	memset(&opts, 0, sizeof opts);
	four = scan_threads(root, "4", &opts);
	assert_string_equal(one, two);
	assert_string_equal(one, four);
	assert_non_null(strstr(one, "many/a005.md:"));
	free(one);
	free(two);
	free(four);
}

/* What the preview callback saw, call by call. */
struct previews {
	size_t		calls;
	size_t		first_n, first_done, first_total;
	char		first_titles[256];
};

static void
on_preview(const struct lib_entry *rows, size_t n, size_t done, size_t total, void *arg)
{
	struct previews *p = arg;
	size_t i;

	if (p->calls++ > 0)
		return;
	p->first_n = n;
	p->first_done = done;
	p->first_total = total;
	for (i = 0; i < n; i++)
		snprintf(p->first_titles + strlen(p->first_titles),
		    sizeof p->first_titles - strlen(p->first_titles), "%s;", rows[i].title);
}

/*
 * The first screenful of files the walk finds is shown before the walk goes
 * on (done 0, total not known), in the library's order: the reader's rows
 * of a big folder with no cache come before the folders are all listed.
 */
static void
test_early_preview(void **state)
{
	struct library lib = { 0 };
	struct library_scan_opts opts;
	struct previews pv;
	char *paths[1];
	int i;

	(void)state;
	make_dir("early");
	make_dir("early/a");
	make_dir("early/b");
	for (i = 0; i < 6; i++) {
		char rel[64], text[128];

		snprintf(rel, sizeof rel, "early/%s/%d.md", i < 3 ? "a" : "b", i);
		snprintf(text, sizeof text, "---\ntitle: T%d\ndate: 2020-01-0%d\n---\nx\n", i, 1 + i);
		write_file(rel, text);
	}
	memset(&opts, 0, sizeof opts);
	memset(&pv, 0, sizeof pv);
	opts.preview = on_preview;
	opts.preview_max = 2;
	opts.arg = &pv;
	paths[0] = xasprintf("%s/early", root);
	library_scan(&lib, paths, 1, &opts);
	assert_int_equal(lib.n, 6);
	assert_true(pv.calls >= 1);
	assert_int_equal(pv.first_n, 2);
	assert_int_equal(pv.first_done, 0);
	assert_true(pv.first_total == SIZE_MAX);
	/* the first two files found (a/0.md, a/1.md), newest first */
	assert_string_equal(pv.first_titles, "T1;T0;");
	library_free(&lib);
	free(paths[0]);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_scan_and_sort),
		cmocka_unit_test(test_missing_path_and_file),
		cmocka_unit_test(test_matches),
		cmocka_unit_test(test_cache),
		cmocka_unit_test(test_cancel),
		cmocka_unit_test(test_threads_same_result),
		cmocka_unit_test(test_early_preview),
	};

	return cmocka_run_group_tests_name("library", tests, setup, teardown);
}
