/*
 * test_anlib.c: the analysis of a library: on one thread or several the
 * same digests; the cache makes a second run analyse nothing, and a
 * changed file alone again; a cancelled run keeps only whole digests.
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

#include "anlib.h"
#include "library.h"
#include "tmpdir.h"
#include "util.h"

#define NART 40

static char root[TMPDIR_SIZE];

static void
write_article(int i, const char *extra)
{
	char *p = xasprintf("%s/lib/a%02d.md", root, i);
	struct timespec ts[2] = { { 1000000000 + i, 0 }, { 1000000000 + i, 0 } };
	FILE *f = fopen(p, "w");

	assert_non_null(f);
	fprintf(f, "---\ntitle: Article %d\ndate: 2021-01-%02d\n---\n\n"
	    "\"The harbour will reopen in spring,\" %s Lee said on Monday.\n\n"
	    "Tom Ward said: \"We have waited %d years for this day.\"%s\n",
	    i, 1 + i % 28, i % 3 == 0 ? "Ann" : i % 3 == 1 ? "Bea" : "Cal", i, extra);
	fclose(f);
	assert_int_equal(utimensat(AT_FDCWD, p, ts, 0), 0);
	free(p);
}

static int
setup(void **state)
{
	char *p;
	int i;

	(void)state;
	if (tmpdir_make(root, "anlib") < 0)
		return -1;
	p = xasprintf("%s/lib", root);
	mkdir(p, 0700);
	free(p);
	for (i = 0; i < NART; i++)
		write_article(i, "");
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	return tmpdir_remove(root);
}

static void
scan(struct library *lib)
{
	char *dir = xasprintf("%s/lib", root);
	char *paths[1] = { dir };

	memset(lib, 0, sizeof *lib);
	library_scan(lib, paths, 1, NULL);
	free(dir);
	assert_int_equal(lib->n, NART);
}

/* Every digest of a, decoded with its texts, as one string. */
static char *
dump(struct anlib *a, size_t n)
{
	struct buf b = BUF_INIT;
	struct digest d;
	size_t i, k;

	memset(&d, 0, sizeof d);
	assert_true(anlib_texts(a));
	for (i = 0; i < n; i++) {
		struct dg_rec r;

		if (!anlib_get(a, i, &r)) {
			buf_printf(&b, "%zu: not ready\n", i);
			continue;
		}
		assert_true(digest_decode(r.rec, r.len, r.text, r.tlen, &d));
		buf_printf(&b, "%zu %s:", i, d.path);
		for (k = 0; k < d.npeople; k++)
			buf_printf(&b, " %s/%u/%u", d.people[k].name, d.people[k].nmentions,
			    d.people[k].nquotes);
		for (k = 0; k < d.nquotes; k++)
			buf_printf(&b, " [%d %s]", d.quotes[k].speaker, d.quotes[k].text);
		buf_addc(&b, '\n');
	}
	digest_release(&d);
	return buf_detach(&b);
}

static char *
run(struct library *lib, unsigned threads)
{
	struct anlib *a = anlib_new(lib->v, lib->n, NULL);
	char *s;

	anlib_start(a, threads, -1);
	assert_int_equal(anlib_todo(a), NART);
	anlib_finish(a);
	assert_int_equal(anlib_ready(a), NART);
	assert_int_equal(anlib_nquotes(a, 0), 2);
	s = dump(a, lib->n);
	anlib_free(a);
	return s;
}

static void
test_same_result(void **state)
{
	struct library lib;
	char *one, *two, *four;

	(void)state;
	scan(&lib);
	one = run(&lib, 1);
	two = run(&lib, 2);
	four = run(&lib, 4);
	assert_string_equal(one, two);
	assert_string_equal(one, four);
	assert_non_null(strstr(one, "[0 The harbour will reopen in spring,]"));
	free(one);
	free(two);
	free(four);
	library_free(&lib);
}

static void
test_cache(void **state)
{
	struct library lib;
	struct anlib *a;
	char *path = xasprintf("%s/analysis", root), *first, *again;

	(void)state;
	scan(&lib);
	a = anlib_new(lib.v, lib.n, NULL);
	anlib_start(a, 2, -1);
	anlib_finish(a);
	first = dump(a, lib.n);
	assert_int_equal(anlib_save(a, path, NULL, 0), 0);
	anlib_free(a);
	/* the people of the library are saved with it, for this library only */
	{
		struct dgcache *c = dgcache_load(path, digest_engine());
		struct who *w = anlib_summary(c, anlib_fingerprint(lib.v, lib.n)), *live;
		size_t rows[NART], i;

		assert_non_null(w);
		for (i = 0; i < NART; i++)
			rows[i] = i;
		a = anlib_new(lib.v, lib.n, NULL);
		anlib_start(a, 2, -1);
		anlib_finish(a);
		live = anlib_who(a, rows, NART);
		who_sort(live, WHO_BY_QUOTES);
		assert_int_equal(w->n, live->n);
		for (i = 0; i < w->n; i++) {
			assert_string_equal(w->v[i].name, live->v[i].name);
			assert_int_equal(w->v[i].nquotes, live->v[i].nquotes);
			assert_int_equal(w->v[i].narticles, live->v[i].narticles);
		}
		who_free(live);
		anlib_free(a);
		who_free(w);
		assert_null(anlib_summary(c, anlib_fingerprint(lib.v, lib.n - 1)));
		dgcache_free(c);
	}
	/* the second time, nothing to analyse, and the same digests */
	a = anlib_new(lib.v, lib.n, dgcache_load(path, digest_engine()));
	assert_int_equal(anlib_ready(a), NART);
	anlib_start(a, 2, -1);
	assert_int_equal(anlib_todo(a), 0);
	again = dump(a, lib.n);
	assert_string_equal(first, again);
	assert_int_equal(anlib_save(a, path, NULL, 0), -1);	/* nothing changed: not written */
	anlib_free(a);
	free(again);
	library_free(&lib);
	/* one file changed: that one alone is analysed again */
	write_article(7, " \"A new quote here for you,\" Bea Lee said.");
	scan(&lib);
	a = anlib_new(lib.v, lib.n, dgcache_load(path, digest_engine()));
	assert_int_equal(anlib_ready(a), NART - 1);
	anlib_start(a, 2, -1);
	assert_int_equal(anlib_todo(a), 1);
	anlib_finish(a);
	assert_int_equal(anlib_nquotes(a, 7), 3);
	assert_int_equal(anlib_save(a, path, NULL, 0), 0);
	anlib_free(a);
	library_free(&lib);
	free(first);
	free(path);
}

static void
test_cancel(void **state)
{
	struct library lib;
	struct anlib *a;
	char *s;

	(void)state;
	scan(&lib);
	a = anlib_new(lib.v, lib.n, NULL);
	anlib_start(a, 2, -1);
	anlib_cancel(a);
	assert_false(anlib_busy(a));
	assert_true(anlib_ready(a) <= NART);
	s = dump(a, lib.n);	/* whatever is ready decodes whole */
	free(s);
	/* a new run does the rest */
	anlib_start(a, 2, -1);
	anlib_finish(a);
	assert_int_equal(anlib_ready(a), NART);
	anlib_free(a);
	library_free(&lib);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_same_result),
		cmocka_unit_test(test_cache),
		cmocka_unit_test(test_cancel),
	};

	return cmocka_run_group_tests_name("anlib", tests, setup, teardown);
}
