/*
 * test_cache.c: the front-matter cache under a running session: the cache
 * file truncated, rewritten or replaced by another process while a library
 * keeps entries taken from it (issue 16: a SIGBUS when the file shrank
 * under a mapping), and the first-screen peek. The cache is over 256 KiB,
 * so that both ways of reading it are used: a sealed snapshot for all of
 * it, memory for a first screen.
 */
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

#include "cache.h"
#include "library.h"
#include "tmpdir.h"
#include "util.h"

#define NARTICLES 300

static char root[TMPDIR_SIZE];
static char *libdir, *cachedir;

/* Write article i of the test library, its times set back so that the cache takes it. */
static void
write_article(int i)
{
	char *p = xasprintf("%s/a%03d.md", libdir, i);
	struct timespec ts[2] = { { 1000000000, 0 }, { 1000000000, 0 } };
	FILE *f = fopen(p, "w");

	assert_non_null(f);
	/* titles of 1 KB: the cache passes 256 KiB, which it reads as a sealed snapshot */
	fprintf(f, "---\ntitle: Article number %d, with a title long enough to fill pages %0900d\n"
	    "source: The Test Gazette\ndate: 2020-01-%02d\nid: art-%d\n---\n\nBody %d.\n",
	    i, i, 1 + i % 28, i, i);
	fclose(f);
	assert_int_equal(utimensat(AT_FDCWD, p, ts, 0), 0);
	free(p);
}

static int
setup(void **state)
{
	int i;

	(void)state;
	if (tmpdir_make(root, "cache") < 0)
		return -1;
	libdir = xasprintf("%s/lib", root);
	cachedir = xasprintf("%s/cache", root);
	if (mkdir(libdir, 0700) < 0)
		return -1;
	for (i = 0; i < NARTICLES; i++)
		write_article(i);
	setenv("BYLINE_CACHE", cachedir, 1);
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	unsetenv("BYLINE_CACHE");
	free(libdir);
	free(cachedir);
	return tmpdir_remove(root);
}

/* Every string of every entry, read: what a session does while it draws. */
static size_t
touch_all(const struct library *lib)
{
	size_t i, sum = 0;

	for (i = 0; i < lib->n; i++) {
		const struct lib_entry *e = &lib->v[i];

		sum += strlen(e->path) + strlen(e->title) + strlen(e->source) + strlen(e->key) +
		    strlen(e->date);
	}
	return sum;
}

/* Truncate the file at path to len bytes, as another process may. */
static void
truncate_to(const char *path, off_t len)
{
	assert_int_equal(truncate(path, len), 0);
}

/* Overwrite the file at path in place with junk of the same length. */
static void
scribble(const char *path)
{
	struct stat st;
	char *junk;
	int fd = open(path, O_WRONLY);

	assert_true(fd >= 0);
	assert_int_equal(fstat(fd, &st), 0);
	junk = xmalloc((size_t)st.st_size + 1);
	memset(junk, 'Z', (size_t)st.st_size);
	assert_int_equal(write(fd, junk, (size_t)st.st_size), st.st_size);
	close(fd);
	free(junk);
}

/*
 * A library read from the cache keeps working when the cache file is cut to
 * nothing, cut in half, or scribbled over in place while the session runs.
 */
static void
test_cache_changed_underneath(void **state)
{
	struct library lib = { 0 }, again = { 0 };
	char *paths[1] = { libdir }, *cpath = cache_path(paths, 1);
	size_t before, round;

	(void)state;
	for (round = 0; round < 3; round++) {
		/* the first scan writes the cache, the second takes every entry from it */
		library_scan_cached(&lib, paths, 1, NULL);
		library_free(&lib);
		library_scan_cached(&lib, paths, 1, NULL);
		assert_int_equal(lib.n, NARTICLES);
		assert_int_equal(lib.cache_hits, NARTICLES);
		before = touch_all(&lib);
		if (round == 0)
			truncate_to(cpath, 0);
		else if (round == 1)
			truncate_to(cpath, 100);
		else
			scribble(cpath);
		/* the session goes on: the same entries, the same text */
		assert_int_equal(touch_all(&lib), before);
		assert_string_equal(lib.v[0].source, "The Test Gazette");
		/* and the next scan rebuilds from the files */
		library_scan_cached(&again, paths, 1, NULL);
		assert_int_equal(again.n, NARTICLES);
		assert_int_equal(again.cache_hits, 0);
		library_free(&again);
		library_free(&lib);
	}
	free(cpath);
}

/* The first-screen peek keeps its rows when the cache file is cut under it. */
static void
test_peek_changed_underneath(void **state)
{
	struct library lib = { 0 };
	char *paths[1] = { libdir }, *cpath = cache_path(paths, 1);
	size_t total, before;

	(void)state;
	library_scan_cached(&lib, paths, 1, NULL);
	library_free(&lib);
	total = cache_peek(cpath, &lib, 40);
	assert_int_equal(total, NARTICLES);
	assert_int_equal(lib.n, 40);
	before = touch_all(&lib);
	truncate_to(cpath, 0);
	assert_int_equal(touch_all(&lib), before);
	library_free(&lib);
	/* nothing to peek at now */
	assert_int_equal(cache_peek(cpath, &lib, 40), 0);
	library_free(&lib);
	free(cpath);
}

/* A peek for more rows than the first read holds reads on; for more than all, gives all. */
static void
test_peek_sizes(void **state)
{
	struct library lib = { 0 };
	char *paths[1] = { libdir }, *cpath = cache_path(paths, 1);
	size_t i;

	(void)state;
	library_scan_cached(&lib, paths, 1, NULL);
	library_free(&lib);
	library_scan_cached(&lib, paths, 1, NULL);
	assert_int_equal(lib.cache_hits, NARTICLES);
	library_free(&lib);
	assert_int_equal(cache_peek(cpath, &lib, 1), NARTICLES);
	assert_int_equal(lib.n, 1);
	library_free(&lib);
	assert_int_equal(cache_peek(cpath, &lib, 10000), NARTICLES);
	assert_int_equal(lib.n, NARTICLES);
	for (i = 0; i < lib.n; i++)
		assert_non_null(strstr(lib.v[i].title, "Article number"));
	library_free(&lib);
	free(cpath);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cache_changed_underneath),
		cmocka_unit_test(test_peek_changed_underneath),
		cmocka_unit_test(test_peek_sizes),
	};

	return cmocka_run_group_tests_name("cache", tests, setup, teardown);
}
