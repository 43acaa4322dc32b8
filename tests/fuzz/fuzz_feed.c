/*
 * fuzz_feed.c: any bytes as a feed, through feed_parse, then each story
 * (the first few) through story_from_item and imported_render, as fetch
 * writes them.
 *
 * A refused feed must say why (a cause), a taken one nothing; the strings
 * of a taken feed must be UTF-8; an article rendered from it must hold no
 * control character (tab and newline aside), and names made from it no
 * "/" and no leading ".".
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "feed.h"
#include "imported.h"
#include "story.h"

#include "fuzz-common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Fail unless s (may be NULL) is valid UTF-8. */
static void
fz_feed_utf8(const char *s, const char *what)
{
	if (s != NULL && !utf8_valid(s, strlen(s)))
		FUZZ_FAIL(what);
}

/* Check one item's strings, then render it as fetch would and check the bytes. */
static void
fz_feed_item(const struct feed *f, const struct feed_item *it)
{
	struct story_ctx ctx;
	struct imported *imp;
	struct buf out = BUF_INIT;
	char *cause = NULL, *name;
	size_t k;

	fz_feed_utf8(it->title, "an item title is not UTF-8");
	fz_feed_utf8(it->link, "a link is not UTF-8");
	fz_feed_utf8(it->content, "a content is not UTF-8");
	for (k = 0; k < it->nauthors; k++)
		fz_feed_utf8(it->authors[k], "an author is not UTF-8");
	for (k = 0; k < it->nimages; k++)
		FUZZ_CHECK(it->images[k].url != NULL, "an image without a URL");
	ctx.feed = f;
	ctx.source = f->title != NULL ? f->title : "Fuzz";
	ctx.now = 1700000000;
	ctx.people = false;
	imp = story_from_item(&ctx, it);
	FUZZ_CHECK(imp->title != NULL, "a story without a title");
	if (imported_render(imp, &out, &cause) == 0) {
		FUZZ_CHECK(cause == NULL, "a cause with success");
		fz_check_safe(out.data, out.len, true, "the article rendered");
	}
	free(cause);
	name = story_file_name(imp, 2);
	FUZZ_CHECK(strchr(name, '/') == NULL && name[0] != '.', "an unsafe file name");
	free(name);
	name = story_source_slug(ctx.source);
	FUZZ_CHECK(strchr(name, '/') == NULL && name[0] != '.' && name[0] != '\0',
	    "an unsafe folder name");
	free(name);
	buf_free(&out);
	imported_free(imp);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = fz_exact(data, size), *cause = NULL, cs[64];
	struct feed f;
	size_t i;
	int r;

	if (size > 0) {
		char *z = xstrndup(text, size);

		(void)feed_sniff(text, size);
		(void)feed_charset(z, cs, sizeof cs);
		free(z);
	}
	r = feed_parse(&f, text, size, "http://fuzz.example/feed", NULL, &cause);
	FUZZ_CHECK(r == 0 || r == -1, "feed_parse returned neither 0 nor -1");
	FUZZ_CHECK(r == 0 ? cause == NULL : cause != NULL, "a cause with success, or none with failure");
	if (r == 0) {
		fz_feed_utf8(f.title, "the feed title is not UTF-8");
		FUZZ_CHECK(f.nitems <= FEED_MAX_ITEMS, "more items than the limit");
		for (i = 0; i < f.nitems && i < 4; i++)
			fz_feed_item(&f, &f.items[i]);
	}
	free(cause);
	feed_free(&f);
	free(text);
	return 0;
}
