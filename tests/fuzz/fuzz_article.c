/*
 * fuzz_article.c: any bytes as an article file.
 *
 * article_parse (front matter through libyaml, then the body), as a whole
 * file and as a head only; then doc_build (Markdown through md4c when the
 * name ends in .md: the input's length decides), the analysis, and a plain
 * text rendering through the layout. Beyond not crashing, it checks that
 * every field, diagnostic, block, quotation and wrapped line comes out of
 * the sanitiser safe to print, and that the analysis keeps its promises
 * (fuzz-common.h).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "analysis.h"
#include "arena.h"
#include "article.h"
#include "diag.h"
#include "doc.h"
#include "fold.h"
#include "reading.h"
#include "sanitize.h"
#include "wrap.h"

#include "fuzz-common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Sanitise s (may be NULL) and check the result. */
static void
fa_field(struct buf *b, const char *s, const char *what)
{
	if (s == NULL)
		return;
	buf_reset(b);
	sanitize_appends(b, s, 0);
	fz_check_safe(b->data != NULL ? b->data : "", b->len, false, what);
	buf_reset(b);
	sanitize_appends(b, s, SAN_KEEP_LINES);
	fz_check_safe(b->data != NULL ? b->data : "", b->len, true, what);
}

/* Every string the article holds, and its diagnostics, printed safely. */
static void
fa_check_article(const struct article *a, struct buf *b)
{
	size_t i, k;

	FUZZ_CHECK(a->title != NULL, "article without a title");
	FUZZ_CHECK(a->body_len == 0 || (a->body >= a->data && a->body + a->body_len <= a->data +
	    a->data_len), "body outside the file's bytes");
	FUZZ_CHECK(memchr(a->key, '\0', sizeof a->key) != NULL, "key not terminated");
	fa_field(b, a->title, "title");
	fa_field(b, a->subtitle, "subtitle");
	fa_field(b, a->source, "source");
	fa_field(b, a->url, "url");
	fa_field(b, a->id, "id");
	fa_field(b, a->date_text, "date");
	for (i = 0; i < a->nauthors; i++)
		fa_field(b, a->authors[i], "author");
	for (i = 0; i < a->ntags; i++)
		fa_field(b, a->tags[i], "tag");
	for (i = 0; i < a->npeople; i++) {
		FUZZ_CHECK(a->people[i].name != NULL, "person without a name");
		fa_field(b, a->people[i].name, "person name");
		fa_field(b, a->people[i].role, "person role");
		for (k = 0; k < a->people[i].naliases; k++)
			fa_field(b, a->people[i].aliases[k], "alias");
	}
	for (i = 0; i < a->nimages; i++) {
		FUZZ_CHECK(a->images[i].hide_start <= a->images[i].hide_end &&
		    a->images[i].hide_end <= a->body_len, "a caption line to hide outside the body");
		fa_field(b, a->images[i].title, "image title");
		fa_field(b, a->images[i].caption, "caption");
		fa_field(b, a->images[i].credit, "credit");
		fa_field(b, a->images[i].path, "image path");
	}
	for (i = 0; i < a->nupdates; i++) {
		fa_field(b, a->updates[i].date, "update date");
		fa_field(b, a->updates[i].note, "update note");
	}
	for (i = 0; i < a->diags.n; i++) {
		FUZZ_CHECK(a->diags.v[i].msg != NULL, "diagnostic without a message");
		buf_reset(b);
		diag_format(b, a->path, &a->diags.v[i]);
		fz_check_safe(b->data, b->len, false, "diagnostic");
	}
}

/* The doc's blocks and paragraphs point where they should. */
static void
fa_check_doc(const struct doc *d, struct buf *b)
{
	size_t i;

	FUZZ_CHECK(d->first_body <= d->end_body && d->end_body <= d->nblocks, "body block range");
	for (i = 0; i < d->nblocks; i++) {
		const struct block *bl = &d->blocks[i];

		FUZZ_CHECK(bl->len == 0 || bl->text != NULL, "block without text");
		if (bl->body_off != DOC_NOT_BODY)
			FUZZ_CHECK(bl->body_off <= d->len && bl->len <= d->len - bl->body_off &&
			    bl->text == d->text + bl->body_off, "body block outside the body");
		buf_reset(b);
		sanitize_append(b, bl->text, bl->len, SAN_FOLD_SPACE);
		fz_check_safe(b->data != NULL ? b->data : "", b->len, false, "block");
	}
	for (i = 0; i < d->nparas; i++) {
		FUZZ_CHECK(d->paras[i].start <= d->paras[i].end && d->paras[i].end <= d->len,
		    "paragraph outside the body");
		FUZZ_CHECK(i == 0 || d->paras[i].start >= d->paras[i - 1].end,
		    "paragraphs overlap or are out of order");
	}
	for (i = 0; i < d->nstyles; i++)
		FUZZ_CHECK(d->styles[i].start <= d->styles[i].end && d->styles[i].end <= d->len,
		    "style run outside the body");
}

/*
 * Search the body for a pattern made of the input's first bytes, as the
 * reader's / does (fold.h): every match inside the text, in order.
 */
static void
fa_search(const uint8_t *data, size_t size, const struct doc *d)
{
	struct fold_pat p;
	size_t at = 0, mlen = 0, n = 0, prev = 0;

	fold_compile(&p, (const char *)data, size < 6 ? size : 6);
	while (n++ < 10000 && (at = fold_find(&p, d->text, d->len, at, &mlen)) != SIZE_MAX) {
		FUZZ_CHECK(mlen > 0 && at + mlen <= d->len && at >= prev, "a match outside the text");
		prev = at;
		at++;
	}
	if (d->len > 0 && (at = fold_find_back(&p, d->text, d->len, d->len, &mlen)) != SIZE_MAX)
		FUZZ_CHECK(at + mlen <= d->len, "a match found backwards outside the text");
	fold_free(&p);
}

/* Render d as "byline show" does, at width columns; bounded. */
static void
fa_render(const struct doc *d, int width, struct buf *b)
{
	struct layout *L = layout_new(d, width);
	struct lpos pos = layout_first(L), last = layout_last(L);
	size_t rows = 0;

	if (d->nblocks > 0) {
		for (;;) {
			const struct wline *l = layout_line_at(L, pos);

			if (l != NULL) {
				const struct block *bl = &d->blocks[pos.block];

				FUZZ_CHECK(l->start <= l->end && l->end <= bl->len, "line outside its block");
				buf_reset(b);
				sanitize_append(b, bl->text + l->start, l->end - l->start, SAN_FOLD_SPACE);
				fz_check_safe(b->data != NULL ? b->data : "", b->len, false, "line");
			}
			if (++rows > 100000 || lpos_cmp(pos, last) >= 0 || layout_move(L, &pos, 1) == 0)
				break;
		}
	}
	layout_free(L);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct article a;
	struct reading r;
	struct analysis *an;
	struct buf b = BUF_INIT;
	const char *path = (size & 1) ? "fuzz.md" : "fuzz.txt";
	size_t i;

	/* the head only, as the library reads it */
	article_parse(&a, path, (const char *)data, size, false, NULL);
	fa_check_article(&a, &b);
	FUZZ_CHECK(a.body_len == 0, "a head-only article with a body");
	article_free(&a);

	/* in full, through the sequence the reader and the commands use */
	reading_parse(&r, path, (const char *)data, size);
	fa_check_article(&r.a, &b);
	reading_layout(&r);
	fa_check_doc(&r.d, &b);
	reading_analyse(&r, NULL);
	an = r.an;
	fz_check_analysis(&r.in, an);
	for (i = 0; i < an->nquotes; i++) {
		buf_reset(&b);
		analysis_quote_text(&r.in, &an->quotes[i], &b);
		FUZZ_CHECK(b.len <= r.in.len, "a quotation longer than the text");
		{
			struct buf s = BUF_INIT;

			sanitize_append(&s, b.data, b.len, 0);
			fz_check_safe(s.data != NULL ? s.data : "", s.len, false, "quotation");
			buf_free(&s);
		}
	}
	for (i = 0; i < an->npeople; i++)
		fa_field(&b, an->people[i].name, "analysed name");
	fa_render(&r.d, 72, &b);
	fa_search(data, size, &r.d);
	reading_free(&r);
	buf_free(&b);
	return 0;
}
