/*
 * test_digest.c: an article's digest and the analysis cache: a record
 * made from a real analysis decodes to the same people and quotes; the
 * cache is used only while a file is unchanged and only by the same
 * engine; damaged, truncated or replaced cache files are refused, never
 * trusted and never a crash.
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

#include "digest.h"
#include "reading.h"
#include "tmpdir.h"
#include "util.h"

static char root[TMPDIR_SIZE];

static const char article_text[] =
    "---\n"
    "title: Footbridge reopens\n"
    "date: 2021-04-14\n"
    "people:\n"
    "  - name: Gordon Pell\n"
    "    role: Mayor\n"
    "    aliases: [the mayor, Gordy Pell]\n"
    "---\n"
    "\n"
    "The footbridge reopened on Wednesday. \"We promised this town a bridge by spring,\" "
    "Gordon Pell said.\n"
    "\n"
    "Priya Raman, who runs the café, was pleased. \"It brings people past my door again,\" "
    "she said. \"Ready,\" said the mayor.\n";

/* A record made from the analysis of the article above. */
static void
make_record(struct buf *rec, struct buf *text)
{
	struct reading r;

	reading_parse(&r, "a.md", article_text, sizeof article_text - 1);
	reading_layout(&r);
	reading_analyse(&r, NULL);
	digest_make(&r, "lib/a.md", 1234, 1000000000, 5, rec, text);
	reading_free(&r);
}

static void
test_round_trip(void **state)
{
	struct buf rec = BUF_INIT, text = BUF_INIT;
	struct digest d;
	size_t i, pell = SIZE_MAX;

	(void)state;
	memset(&d, 0, sizeof d);
	make_record(&rec, &text);
	assert_true(digest_decode(rec.data, rec.len, text.data, text.len, &d));
	assert_string_equal(d.path, "lib/a.md");
	assert_int_equal(d.size, 1234);
	assert_int_equal(d.mtime_sec, 1000000000);
	assert_int_equal(d.mtime_nsec, 5);
	for (i = 0; i < d.npeople; i++)
		if (strcmp(d.people[i].name, "Gordon Pell") == 0)
			pell = i;
	assert_true(pell != SIZE_MAX);
	assert_string_equal(d.people[pell].role, "Mayor");
	assert_true(d.people[pell].frontmatter);
	assert_int_equal(d.people[pell].naliases, 2);
	assert_string_equal(d.aliases[d.people[pell].alias0 + 1], "Gordy Pell");
	/* two full quotes; "Ready" is a fragment and is not kept */
	assert_int_equal(d.nquotes, 2);
	assert_int_equal(digest_nquotes(rec.data, rec.len), 2);
	assert_string_equal(d.quotes[0].text, "We promised this town a bridge by spring,");
	assert_int_equal(d.quotes[0].speaker, (int32_t)pell);
	assert_int_equal(d.quotes[0].qi, 0);
	assert_non_null(d.quotes[1].text);
	/* without the texts the record still decodes, texts NULL */
	assert_true(digest_decode(rec.data, rec.len, NULL, 0, &d));
	assert_null(d.quotes[0].text);
	/* every shorter record, and every single damaged byte count, is refused or decodes */
	for (i = 0; i < rec.len; i++)
		assert_false(digest_decode(rec.data, i, text.data, text.len, &d));
	for (i = 0; i + 4 <= rec.len; i++) {
		char *copy = xmalloc(rec.len);
		uint32_t big = 0x7fffffff;

		memcpy(copy, rec.data, rec.len);
		memcpy(copy + i, &big, 4);
		(void)digest_decode(copy, rec.len, text.data, text.len, &d);	/* no crash */
		free(copy);
	}
	digest_release(&d);
	buf_free(&rec);
	buf_free(&text);
}

/* Save one record (file time 1000000000) as the cache at path for engine. */
static void
save_one(const char *path, uint64_t engine)
{
	struct buf rec = BUF_INIT, text = BUF_INIT;
	struct dg_rec r;

	make_record(&rec, &text);
	r.rec = rec.data;
	r.len = rec.len;
	r.text = text.data;
	r.tlen = text.len;
	assert_int_equal(dgcache_save(path, engine, &r, 1, 7, 9, "summary!", 8), 0);
	buf_free(&rec);
	buf_free(&text);
}

static char *
cache_file(const char *name)
{
	return xasprintf("%s/%s", root, name);
}

static void
test_cache_hit_and_stale(void **state)
{
	char *path = cache_file("hit");
	struct dgcache *c;
	const char *rec, *text, *tb;
	size_t len, tlen, tbl;
	struct digest d;

	(void)state;
	memset(&d, 0, sizeof d);
	save_one(path, 42);
	c = dgcache_load(path, 42);
	assert_non_null(c);
	assert_int_equal(dgcache_count(c), 1);
	rec = dgcache_find(c, "lib/a.md", 1234, 1000000000, 5, &len);
	assert_non_null(rec);
	/* stale: another size, another time, another path */
	assert_null(dgcache_find(c, "lib/a.md", 1235, 1000000000, 5, &len));
	assert_null(dgcache_find(c, "lib/a.md", 1234, 1000000001, 5, &len));
	assert_null(dgcache_find(c, "lib/a.md", 1234, 1000000000, 6, &len));
	assert_null(dgcache_find(c, "lib/b.md", 1234, 1000000000, 5, &len));
	assert_true(dgcache_texts(c, &text, &tlen));
	assert_true(dgcache_rec_text(c, rec, &tb, &tbl));
	assert_true(digest_decode(rec, len, tb, tbl, &d));
	assert_string_equal(d.quotes[0].text, "We promised this town a bridge by spring,");
	dgcache_free(c);
	digest_release(&d);
	free(path);
}

static void
test_other_engine(void **state)
{
	char *path = cache_file("engine");

	(void)state;
	struct dgcache *c;

	save_one(path, digest_engine());
	c = dgcache_load(path, digest_engine());
	assert_non_null(c);
	dgcache_free(c);
	assert_null(dgcache_load(path, digest_engine() + 1));
	save_one(path, 42);
	assert_null(dgcache_load(path, 43));
	free(path);
}

/* Flip byte at off of the file at path. */
static void
flip(const char *path, long off)
{
	FILE *f = fopen(path, "r+");
	int c;

	assert_non_null(f);
	fseek(f, off, SEEK_SET);
	c = fgetc(f);
	fseek(f, off, SEEK_SET);
	fputc(c ^ 0x20, f);
	fclose(f);
}

static void
test_corrupt(void **state)
{
	char *path = cache_file("corrupt");
	struct buf rec = BUF_INIT, texts = BUF_INIT;
	struct stat st;
	struct dgcache *c;
	const char *text;
	size_t tlen;
	long off;

	(void)state;
	make_record(&rec, &texts);
	save_one(path, 42);
	assert_int_equal(stat(path, &st), 0);
	/* any byte of the header or the records: refused at load, or no record found */
	for (off = 0; off < st.st_size - (long)texts.len - 8; off++) {
		size_t len;

		save_one(path, 42);
		flip(path, off);
		c = dgcache_load(path, 42);
		if (c != NULL) {
			assert_true(off >= 106);	/* the header is checked at once */
			assert_null(dgcache_find(c, "lib/a.md", 1234, 1000000000, 5, &len));
			assert_int_equal(dgcache_count(c), 1);
		}
		dgcache_free(c);
	}
	/* a byte of the texts: the records are found, the texts are refused */
	save_one(path, 42);
	flip(path, (long)st.st_size - 8 - 3);
	c = dgcache_load(path, 42);
	assert_non_null(c);
	assert_false(dgcache_texts(c, &text, &tlen));
	dgcache_free(c);
	/* a byte of the summary: refused; whole, it is there */
	save_one(path, 42);
	c = dgcache_load(path, 42);
	{
		uint64_t fp;
		const char *sum;
		size_t slen;

		assert_true(dgcache_summary(c, &fp, &sum, &slen));
		assert_int_equal(fp, 7);
		assert_int_equal(dgcache_index_sum(c), 9);
		assert_int_equal(slen, 8);
		assert_memory_equal(sum, "summary!", 8);
		dgcache_free(c);
		flip(path, (long)st.st_size - 2);
		c = dgcache_load(path, 42);
		assert_false(dgcache_summary(c, &fp, &sum, &slen));
		dgcache_free(c);
	}
	buf_free(&rec);
	buf_free(&texts);
	free(path);
}

static void
test_truncated_and_garbage(void **state)
{
	char *path = cache_file("trunc");
	struct stat st;
	off_t n;

	(void)state;
	save_one(path, 42);
	assert_int_equal(stat(path, &st), 0);
	for (n = 0; n < st.st_size; n++) {
		assert_int_equal(truncate(path, n), 0);
		assert_null(dgcache_load(path, 42));
		save_one(path, 42);
	}
	/* garbage of every length up to a header and a bit */
	for (n = 0; n < 120; n++) {
		FILE *f = fopen(path, "w");
		size_t k;

		fputs("BYLINE-ANALYSIS 1\n", f);
		for (k = 0; k < (size_t)n; k++)
			fputc((int)(k * 37), f);
		fclose(f);
		assert_null(dgcache_load(path, 42));
	}
	assert_null(dgcache_load(NULL, 42));
	assert_null(dgcache_load(root, 42));	/* a folder */
	free(path);
}

/* The file changes under a reader that holds it: the reader never crashes or trusts it. */
static void
test_changed_under_reader(void **state)
{
	char *path = cache_file("shrink");
	struct dgcache *c;
	const char *text;
	size_t tlen, len;

	(void)state;
	save_one(path, 42);
	c = dgcache_load(path, 42);
	assert_non_null(c);
	/* the records, once read, are ours */
	assert_non_null(dgcache_find(c, "lib/a.md", 1234, 1000000000, 5, &len));
	/* shrunk in place: the texts, read later, are refused; the records still whole */
	assert_int_equal(truncate(path, 40), 0);
	assert_false(dgcache_texts(c, &text, &tlen));
	assert_non_null(dgcache_find(c, "lib/a.md", 1234, 1000000000, 5, &len));
	dgcache_free(c);
	/* shrunk before the records are read: nothing found, nothing trusted */
	save_one(path, 42);
	c = dgcache_load(path, 42);
	assert_non_null(c);
	assert_int_equal(truncate(path, 100), 0);
	assert_null(dgcache_find(c, "lib/a.md", 1234, 1000000000, 5, &len));
	dgcache_free(c);
	/* replaced by rename: the reader keeps the file it opened */
	save_one(path, 42);
	c = dgcache_load(path, 42);
	assert_non_null(c);
	save_one(path, 42);
	assert_int_equal(truncate(path, 0), 0);
	unlink(path);
	assert_true(dgcache_texts(c, &text, &tlen));
	assert_true(tlen > 0);
	dgcache_free(c);
	free(path);
}

static int
setup(void **state)
{
	(void)state;
	return tmpdir_make(root, "digest");
}

static int
teardown(void **state)
{
	(void)state;
	return tmpdir_remove(root);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_round_trip),
		cmocka_unit_test(test_cache_hit_and_stale),
		cmocka_unit_test(test_other_engine),
		cmocka_unit_test(test_corrupt),
		cmocka_unit_test(test_truncated_and_garbage),
		cmocka_unit_test(test_changed_under_reader),
	};

	return cmocka_run_group_tests_name("digest", tests, setup, teardown);
}
