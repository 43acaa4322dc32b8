/*
 * fuzz_digest.c: any bytes as an analysis cache file (digest.h), and as a
 * digest record: the cache is never trusted blindly, so whatever the file
 * holds, loading, looking up, reading its texts and its summary of people
 * must not crash, and what decodes must point inside what was read.
 *
 * The first byte chooses what the rest is: even, a cache file (written to
 * a temporary file and loaded with the engine its header names, so that
 * the check of the engine is passed and what follows is reached); odd, one
 * record, its texts the last byte 1's value of bytes of the input.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "anlib.h"
#include "digest.h"
#include "who.h"

#include "fuzz-common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Check that what d holds points into rec[0..len) or text[0..tlen). */
static void
fd_check(const struct digest *d, const char *rec, size_t len, const char *text, size_t tlen)
{
	size_t i;

	FUZZ_CHECK(d->path >= rec && d->path < rec + len, "a path outside its record");
	for (i = 0; i < d->npeople; i++) {
		const struct dg_person *p = &d->people[i];

		FUZZ_CHECK(p->name >= rec && p->name < rec + len, "a name outside its record");
		FUZZ_CHECK(p->alias0 + p->naliases <= d->naliases, "aliases beyond the list");
	}
	for (i = 0; i < d->nquotes; i++) {
		const struct dg_quote *q = &d->quotes[i];

		FUZZ_CHECK(q->speaker >= -1 && (q->speaker < 0 || (size_t)q->speaker < d->npeople),
		    "a speaker who is no one");
		if (q->text != NULL)
			FUZZ_CHECK(q->text >= text && q->text + q->len < text + tlen &&
			    q->text[q->len] == '\0', "a quote outside the texts");
	}
}

/* The bytes as one record and its texts. */
static void
fd_record(const uint8_t *data, size_t size)
{
	struct digest d;
	size_t tlen = size > 0 ? data[size - 1] : 0, rlen;
	char *rec, *text;

	if (tlen > size)
		tlen = size;
	rlen = size - tlen;
	rec = fz_exact(data, rlen);
	text = fz_exact(data + rlen, tlen);
	memset(&d, 0, sizeof d);
	if (digest_decode(rec, rlen, text, tlen, &d)) {
		struct who_builder *b = who_begin();
		struct who *w;
		size_t *m, i, k, total = 0;

		fd_check(&d, rec, rlen, text, tlen);
		/* its people as two articles' (the same person twice: one person) */
		who_add(b, 0, 1, &d);
		who_add(b, 1, 2, &d);
		w = who_end(b);
		for (i = 0; i < w->n; i++) {
			total += w->v[i].count;
			FUZZ_CHECK(w->v[i].first + w->v[i].count <= w->napps, "appearances beyond the list");
		}
		FUZZ_CHECK(total == w->napps && w->napps == 2 * d.npeople, "an appearance lost");
		if (d.npeople > 0) {
			k = who_match(w, d.people[0].name, &m);
			FUZZ_CHECK(k <= w->n, "more matches than people");
			free(m);
		}
		who_sort(w, WHO_BY_NAME);
		who_free(w);
	}
	(void)digest_nquotes(rec, rlen);
	digest_release(&d);
	free(rec);
	free(text);
}

/* The bytes as a cache file. */
static void
fd_file(const uint8_t *data, size_t size)
{
	char path[] = "/tmp/byline-fuzz-digest-XXXXXX";
	struct dgcache *c;
	uint64_t engine = 0, fp;
	const char *text, *sum;
	size_t len, tlen, slen;
	struct who *w;
	int fd = mkstemp(path);

	if (fd < 0)
		return;
	if (size > 0 && write(fd, data, size) != (ssize_t)size) {
		close(fd);
		unlink(path);
		return;
	}
	close(fd);
	if (size >= 18 + 8)
		memcpy(&engine, data + 18, 8);
	c = dgcache_load(path, engine);
	if (c != NULL) {
		/* the first record's own key, read from the raw bytes, so that it is found */
		uint64_t key[3] = { 1, 2, 3 };
		char *kpath = xstrdup("a.md");
		const char *rec;

		if (size >= 106 + 16 + 24 + 4) {
			uint32_t n;

			memcpy(key, data + 106 + 16, sizeof key);
			memcpy(&n, data + 106 + 16 + 24, 4);
			if (n < size - (106 + 16 + 24 + 4)) {
				free(kpath);
				kpath = xstrndup((const char *)data + 106 + 16 + 24 + 4, n);
			}
		}
		rec = dgcache_find(c, kpath, key[0], (int64_t)key[1], (int64_t)key[2], &len);
		free(kpath);

		if (rec != NULL) {
			struct digest d;

			memset(&d, 0, sizeof d);
			if (digest_decode(rec, len, NULL, 0, &d))
				fd_check(&d, rec, len, NULL, 0);
			digest_release(&d);
		}
		(void)dgcache_texts(c, &text, &tlen);
		if (rec != NULL && dgcache_rec_text(c, rec, &text, &tlen)) {
			struct digest d;

			memset(&d, 0, sizeof d);
			if (digest_decode(rec, len, text, tlen, &d))
				fd_check(&d, rec, len, text, tlen);
			digest_release(&d);
		}
		if (dgcache_summary(c, &fp, &sum, &slen)) {
			w = anlib_summary(c, fp);
			who_free(w);
		}
		dgcache_free(c);
	}
	unlink(path);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size == 0)
		return 0;
	if (data[0] & 1)
		fd_record(data + 1, size - 1);
	else
		fd_file(data + 1, size - 1);
	return 0;
}
