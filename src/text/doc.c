/* doc.c: an article's display blocks: header, body paragraphs, notes. */
#include "doc.h"

#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "article.h"
#include "markdown.h"
#include "para.h"
#include "template.h"
#include "util.h"

static struct block *
add_block(struct doc *d, enum block_kind kind, const char *text, size_t len)
{
	struct block *b;

	ARRAY_GROW(d->blocks, d->nblocks + 1, d->cap);
	b = &d->blocks[d->nblocks++];
	memset(b, 0, sizeof *b);
	b->kind = kind;
	b->text = text;
	b->len = len;
	b->body_off = DOC_NOT_BODY;
	return b;
}

/* The "Source · date · By A and B" line, or NULL when there is nothing to say. */
static const char *
meta_line(struct doc *d, const struct article *a)
{
	struct buf b = BUF_INIT;
	char date[16];
	const char *s;
	size_t i;

	if (a->source != NULL)
		buf_adds(&b, a->source);
	article_date_string(a, date, sizeof date);
	if (date[0] == '\0' && a->date_text != NULL)
		s = a->date_text;
	else
		s = date;
	if (s[0] != '\0') {
		if (b.len > 0)
			buf_adds(&b, " \xc2\xb7 ");
		buf_adds(&b, s);
	}
	for (i = 0; i < a->nauthors; i++) {
		if (i == 0)
			buf_adds(&b, b.len > 0 ? " \xc2\xb7 By " : "By ");
		else
			buf_adds(&b, i + 1 == a->nauthors ? " and " : ", ");
		buf_adds(&b, a->authors[i]);
	}
	if (b.len == 0) {
		buf_free(&b);
		return NULL;
	}
	s = arena_strndup(d->arena, b.data, b.len);
	buf_free(&b);
	return s;
}

/* Is paragraph text[0..len) the same as the title (whitespace aside)? */
static bool
same_as_title(const char *text, size_t len, const char *title)
{
	size_t tl = strlen(title);

	while (len > 0 && (text[0] == '#' || ascii_isspace((unsigned char)text[0]))) {
		text++;
		len--;
	}
	return len == tl && memcmp(text, title, tl) == 0;
}

static void add_notes(struct doc *d, const struct article *a);

static int
cmp_spans(const void *pa, const void *pb)
{
	const struct span *a = pa, *b = pb;

	return a->start < b->start ? -1 : a->start > b->start;
}

/*
 * The body without what is not prose: template markup (template.h) and the
 * caption lines of photos found in the body (the caption pane shows them).
 * NULL when nothing is left out; else a new string the caller frees, its
 * length in *len. Only a whole body is cleaned (not a big one's start).
 */
static char *
clean_body(const struct article *a, size_t *len)
{
	struct span *v = NULL;
	size_t n = 0, i, at = 0;
	struct buf b = BUF_INIT;

	if (a->flags & ARTICLE_PARTIAL)
		return NULL;
	n = template_spans(a->body, a->body_len, &v);
	for (i = 0; i < a->nimages; i++) {
		const struct article_image *im = &a->images[i];

		if (im->hide_end <= im->hide_start || im->hide_end > a->body_len)
			continue;
		v = xreallocarray(v, n + 1, sizeof *v);
		v[n].start = im->hide_start;
		v[n++].end = im->hide_end;
	}
	if (n == 0) {
		free(v);
		return NULL;
	}
	qsort(v, n, sizeof *v, cmp_spans);
	buf_reserve(&b, a->body_len + 1);
	for (i = 0; i < n; i++) {
		if (v[i].start > at)
			buf_add(&b, a->body + at, v[i].start - at);
		if (v[i].end > at)
			at = v[i].end;
	}
	buf_add(&b, a->body + at, a->body_len - at);
	free(v);
	*len = b.len;
	return buf_detach(&b);
}

void
doc_build(struct doc *d, const struct article *a)
{
	const char *meta, *body = a->body;
	size_t i, len = a->body_len;
	char *clean;

	memset(d, 0, sizeof *d);
	d->arena = arena_new();
	add_block(d, BLOCK_TITLE, a->title, strlen(a->title));
	if (a->subtitle != NULL && a->subtitle[0] != '\0')
		add_block(d, BLOCK_SUBTITLE, a->subtitle, strlen(a->subtitle));
	if ((meta = meta_line(d, a)) != NULL)
		add_block(d, BLOCK_META, meta, strlen(meta));
	d->first_body = d->nblocks;
	if ((clean = clean_body(a, &len)) != NULL)
		body = clean;
	if ((a->flags & ARTICLE_MARKDOWN) && markdown_detect(body, len) &&
	    markdown_render(d, body, len, (a->flags & ARTICLE_NO_FRONTMATTER) ? a->title : NULL)) {
		free(clean);
		add_notes(d, a);
		return;
	}
	d->text = body;
	d->len = len;
	d->clean = clean;
	d->nparas = para_split(d->text, d->len, &d->paras);
	for (i = 0; i < d->nparas; i++) {
		const struct span *p = &d->paras[i];
		struct block *b;

		/* a file without front matter repeats its title as the first line */
		if (i == 0 && (a->flags & ARTICLE_NO_FRONTMATTER) &&
		    same_as_title(d->text + p->start, p->end - p->start, a->title))
			continue;
		b = add_block(d, BLOCK_PARA, d->text + p->start, p->end - p->start);
		b->body_off = p->start;
	}
	d->end_body = d->nblocks;
	if (!(a->flags & ARTICLE_PARTIAL))
		add_notes(d, a);
}

void
doc_extend(struct doc *d, const struct article *a)
{
	struct span *tail;
	size_t from = 0, ntail, i, keep = d->nparas;

	if (d->owned != NULL || d->clean != NULL)
		return;		/* Markdown or cleaned: laid out whole, nothing to extend */
	/* start again at the last paragraph: it may have been cut short */
	if (d->end_body > d->first_body) {
		from = d->blocks[d->end_body - 1].body_off;
		d->nblocks = d->end_body - 1;
	} else {
		d->nblocks = d->first_body;
	}
	while (keep > 0 && d->paras[keep - 1].start >= from)
		keep--;
	d->text = a->body;
	d->len = a->body_len;
	ntail = para_split(d->text + from, d->len - from, &tail);
	d->paras = xreallocarray(d->paras, keep + ntail + 1, sizeof *d->paras);
	for (i = 0; i < ntail; i++) {
		struct block *b;

		d->paras[keep + i].start = tail[i].start + from;
		d->paras[keep + i].end = tail[i].end + from;
		b = add_block(d, BLOCK_PARA, d->text + d->paras[keep + i].start,
		    d->paras[keep + i].end - d->paras[keep + i].start);
		b->body_off = d->paras[keep + i].start;
	}
	d->nparas = keep + ntail;
	free(tail);
	d->end_body = d->nblocks;
	add_notes(d, a);
}

/* The update notes after the body. */
static void
add_notes(struct doc *d, const struct article *a)
{
	size_t i;

	for (i = 0; i < a->nupdates; i++) {
		const struct article_update *u = &a->updates[i];
		char *s;

		s = u->date != NULL ?
		    (u->note != NULL ? xasprintf("Update %s: %s", u->date, u->note) :
		    xasprintf("Update %s", u->date)) : xasprintf("Update: %s", u->note);
		add_block(d, BLOCK_NOTE, arena_strdup(d->arena, s), strlen(s));
		free(s);
	}
}

void
doc_free(struct doc *d)
{
	free(d->blocks);
	free(d->paras);
	free(d->owned);
	free(d->clean);
	free(d->styles);
	arena_free(d->arena);
	memset(d, 0, sizeof *d);
}

size_t
doc_block_at(const struct doc *d, size_t off)
{
	size_t lo = d->first_body, hi = d->end_body;

	if (lo == hi)
		return lo;
	/* the last body block whose offset is <= off */
	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;

		if (d->blocks[mid].body_off <= off)
			lo = mid;
		else
			hi = mid;
	}
	return lo;
}
