/*
 * analysis.c: the article analysis engine's entry points.
 *
 * analysis_run() checks the paragraphs it is given, finds the quotations
 * (quotes.c), gathers people in a first pass over body and captions
 * (people.c), then in a second pass marks the mentions and attributes the
 * quotations (speaker.c). Each pass cuts a paragraph into struct an_tok
 * (window.c: in windows when it is long); the first notes what the second
 * needs to read, and keeps the tokens of the paragraphs it will read for
 * sure, packed (about four bytes a token, half the text's size at most); the
 * others are cut again. Memory is that, a few numbers a paragraph, a
 * paragraph's tokens or a few windows of them, and the results.
 */
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "analysis.h"
#include "arena.h"
#include "para.h"
#include "strmap.h"
#include "util.h"

/* The name of how, for printing; never NULL. */
const char *
an_how_name(enum an_how how)
{
	switch (how) {
	case AN_HOW_NONE:
		return "none";
	case AN_HOW_NAMED:
		return "named";
	case AN_HOW_ROLE:
		return "role";
	case AN_HOW_PRONOUN:
		return "pronoun";
	case AN_HOW_CARRIED:
		return "carried";
	case AN_HOW_FRONTMATTER:
		return "frontmatter";
	}
	return "none";
}

/*
 * One run of the engine: what its steps share, owned here and released at
 * once by run_free(); the per-paragraph arrays live in the arena.
 */
struct run {
	const struct an_input	*in;
	const char		*text;
	size_t			 len;
	struct analysis		*an;
	struct arena		*arena;
	/* the working paragraphs: in order, inside the text, not overlapping */
	struct span		*pv;		/* (para_split()'s, or in the arena) */
	bool			 pv_split;	/* pv is para_split()'s, to free */
	size_t			*orig;		/* index in an_input.paras (or in pv when split) */
	size_t			 np;
	size_t			 npass1;	/* paragraphs pass 1 read (fewer when cancelled) */
	/* per paragraph, from pass 1 */
	size_t			*ntok;		/* tokens */
	size_t			*kv, *kx;	/* where its tokens are kept (kv SIZE_MAX: not) */
	struct an_people	*pp;
	struct an_win		*win;
	struct an_tok		*tok;		/* an image field's tokens */
	size_t			 tcap;
	size_t			 mcap;		/* of an->mentions */
};

/*
 * An array of n elements of size bytes in r's arena, not zeroed (n is at
 * most a paragraph count plus one: no overflow).
 */
static void *
run_array(struct run *r, size_t n, size_t size)
{
	return arena_alloc(r->arena, n * size);
}

/* Cut the paragraphs of r->in (or of the text, when it gives none) into r. */
static void
run_paras(struct run *r)
{
	const struct an_input *in = r->in;
	size_t i, prev_end = 0;

	if (in->paras == NULL) {
		r->np = para_split(r->text, r->len, &r->pv);
		r->pv_split = true;
		r->orig = run_array(r, r->np + 1, sizeof *r->orig);
		for (i = 0; i < r->np; i++)
			r->orig[i] = i;
		return;
	}
	r->pv = run_array(r, in->nparas + 1, sizeof *r->pv);
	r->orig = run_array(r, in->nparas + 1, sizeof *r->orig);
	for (i = 0; i < in->nparas; i++) {
		size_t s = in->paras[i].start, e = in->paras[i].end;

		if (e > r->len)
			e = r->len;
		if (s < prev_end)
			s = prev_end;
		if (s >= e)
			continue;
		r->pv[r->np].start = s;
		r->pv[r->np].end = e;
		r->orig[r->np] = i;
		r->np++;
		prev_end = e;
	}
}

/*
 * A set of 32-bit word hashes: a strmap whose keys are the four bytes of
 * each hash (borrowed from the array given, which must outlive it), hashed
 * by their own value (they are well mixed already), behind a filter of 4,096
 * bits that answers most lookups of a hash not in it at once (a pass asks
 * for every capitalised word, and most are no name).
 */
struct hset {
	struct strmap	map;
	uint64_t	bits[64];
};

/* The bit of hash x in the filter: word x >> 6 & 63, bit x & 63. */
#define HSET_WORD(x)	(((x) >> 6) & 63)
#define HSET_BIT(x)	(UINT64_C(1) << ((x) & 63))

/* Build the set of the n hashes h (which must outlive it). */
static void
hset_init(struct hset *hs, const uint32_t *h, size_t n)
{
	size_t i;

	memset(hs->bits, 0, sizeof hs->bits);
	hs->map = (struct strmap)STRMAP_INIT_BORROW;
	strmap_reserve(&hs->map, n);
	for (i = 0; i < n; i++) {
		hs->bits[HSET_WORD(h[i])] |= HSET_BIT(h[i]);
		strmap_put_h(&hs->map, (const char *)&h[i], sizeof h[i], h[i], NULL);
	}
}

/* Is the hash x in the set? */
static inline bool
hset_has(const struct hset *hs, uint32_t x)
{
	if (!(hs->bits[HSET_WORD(x)] & HSET_BIT(x)))
		return false;
	return strmap_get_h(&hs->map, (const char *)&x, sizeof x, x) != NULL;
}

/*
 * What pass 1 notes of each paragraph for pass 2, so that pass 2 reads only
 * what can give something: the front matter aliases only where the last
 * word of one is, the names only where a capitalised word can start one
 * (who can be named is known only after pass 1, so pass 1 keeps the hashes
 * of the capitalised words), the speakers only where there is a quotation, a
 * he or a she or a mention. A paragraph with none of these gives no mention
 * and changes no speaker: pass 2 skips it. (A hash that only looks like one
 * makes pass 2 read a paragraph for nothing, never miss one.)
 */
#define PN_QUOTE	1u	/* a quotation is in it */
#define PN_HESHE	2u	/* he or she */
#define PN_ALIAS	4u	/* a word that ends a front matter alias */

struct pnote {
	unsigned char	*f;		/* per paragraph: PN_* */
	size_t		*hix;		/* per paragraph: its hashes are h[hix[i] .. hix[i + 1]) */
	uint32_t	*h;
	size_t		 nh, hcap;
	struct buf	 scratch;
	const char	*text;
	uint64_t	 alen[256];	/* the aliases' last words: their lengths (an_people_alias_lengths()) */
	const uint64_t	*palen;		/* alen, or NULL without aliases */
	uint32_t	*ah;		/* and their hashes */
	struct hset	 ahash;		/* (a set of ah) */
	size_t		 cur;		/* the paragraph being cut */
};

/* Note what pass 2 needs to know of the paragraph being cut, from its next tokens t[0..n). */
static void
para_note(void *arg, const struct an_tok *t, size_t n)
{
	struct pnote *pn = arg;
	unsigned f = pn->f[pn->cur];
	size_t k;

	for (k = 0; k < n; k++) {
		const struct an_tok *x = &t[k];

		if (x->lex & LX_HESHE)
			f |= PN_HESHE;
		if (x->flags & (TF_CAPWORD | TF_ALIASW)) {
			uint32_t h = an_tok_hash(pn->text, t[n - 1].end, x, &pn->scratch);

			/* (the tokenizer saw the first byte and the length of an alias's last word) */
			if ((x->flags & TF_ALIASW) && hset_has(&pn->ahash, h))
				f |= PN_ALIAS;
			if (x->flags & TF_CAPWORD) {
				if (pn->nh >= pn->hcap)
					ARRAY_GROW(pn->h, pn->nh + 1, pn->hcap);
				pn->h[pn->nh++] = h;
			}
		}
	}
	pn->f[pn->cur] = (unsigned char)f;
}

/* Find the quotations of the text into r->an, their paragraphs as working indexes. */
static void
run_quotes(struct run *r)
{
	struct an_rawq *rq = NULL;
	struct analysis *an = r->an;
	size_t i;

	an->nquotes = an_quotes_find(r->text, r->len, r->pv, r->np, &rq);
	an->quotes = an->nquotes > 0 ? xcalloc(an->nquotes, sizeof *an->quotes) : NULL;
	for (i = 0; i < an->nquotes; i++) {
		struct an_quote *q = &an->quotes[i];

		q->start = rq[i].start;
		q->end = rq[i].end;
		q->inner_start = rq[i].inner_start;
		q->inner_end = rq[i].inner_end;
		q->para = rq[i].para;		/* working index until the end */
		q->para_last = rq[i].para_last;
		q->speaker = -1;
		q->how = AN_HOW_NONE;
		q->fragment = an_count_words(r->text, q->inner_start, q->inner_end, 3) < 3;
	}
	free(rq);	/* the tokens are marked from an->quotes */
}

/* Has the caller asked the run to stop? */
static bool
run_cancelled(const struct run *r)
{
	return r->in->cancel != NULL && *r->in->cancel;
}

/* Pass 1 over the image fields: who could be a person. */
static void
run_detect_images(struct run *r)
{
	const struct an_input *in = r->in;
	size_t i, n;

	for (i = 0; i < in->nimages && in->images != NULL; i++) {
		const struct an_image_in *im = &in->images[i];

		n = an_tok_field(im->title, &r->tok, &r->tcap);
		an_people_detect(r->pp, im->title, r->tok, n, SRC_IMG_TITLE);
		n = an_tok_field(im->caption, &r->tok, &r->tcap);
		an_people_detect(r->pp, im->caption, r->tok, n, SRC_IMG_CAPTION);
		n = an_tok_field(im->credit, &r->tok, &r->tcap);
		an_people_detect(r->pp, im->credit, r->tok, n, SRC_IMG_CREDIT);
	}
}

/*
 * Pass 1 over the body: who could be a person, and what pass 2 may skip
 * (into pn); the tokens pass 2 reads for sure are kept.
 */
static void
run_pass1(struct run *r, struct pnote *pn)
{
	const struct an_quote *qv = r->an->quotes;
	size_t i, j, nq = r->an->nquotes;

	pn->f = run_array(r, r->np + 1, 1);
	pn->hix = run_array(r, r->np + 1, sizeof *pn->hix);
	pn->hix[0] = 0;
	pn->text = r->text;
	if (an_people_has_aliases(r->pp)) {
		size_t n = an_people_alias_hashes(r->pp, &pn->ah);

		hset_init(&pn->ahash, pn->ah, n);
		an_people_alias_lengths(r->pp, pn->alen);
		pn->palen = pn->alen;
	}
	for (i = 0, j = 0; i < r->np && !run_cancelled(r); i++) {
		while (j < nq && qv[j].end <= r->pv[i].start)
			j++;
		pn->f[i] = j < nq && qv[j].start < r->pv[i].end ? PN_QUOTE : 0;
		pn->cur = i;
		r->ntok[i] = an_win_detect(r->win, r->pp, r->text, r->len, r->pv[i], qv, nq, j,
		    pn->palen, para_note, pn);
		pn->hix[i + 1] = pn->nh;
		/* what pass 2 reads for sure is kept, to be read without cutting it again */
		if (pn->f[i] == 0 || !an_win_keep(r->win, r->pv[i], r->ntok[i], &r->kv[i], &r->kx[i]))
			r->kv[i] = SIZE_MAX;
	}
	r->npass1 = i;	/* (the result is partial when cancelled, and still valid) */
}

/* Pass 2 over the paragraphs pass 1 read: mentions and speakers. */
static void
run_pass2(struct run *r, const struct pnote *pn)
{
	const struct an_quote *qv = r->an->quotes;
	size_t i, j, k, nq = r->an->nquotes, nnh;
	struct an_speakers *sp = an_speakers_new(r->pp, r->an->quotes, nq);
	struct hset names;
	uint32_t *nh;

	nnh = an_people_name_hashes(r->pp, &nh);
	hset_init(&names, nh, nnh);
	for (i = 0, j = 0; i < r->npass1 && !run_cancelled(r); i++) {
		bool named;

		while (j < nq && qv[j].end <= r->pv[i].start)
			j++;
		for (k = pn->hix[i]; k < pn->hix[i + 1] && !hset_has(&names, pn->h[k]); k++)
			;
		named = k < pn->hix[i + 1];
		if (!named && pn->f[i] == 0)
			continue;	/* nothing to read */
		an_win_mark(r->win, r->pp, sp, r->text, r->len, r->pv[i], i, r->ntok[i], qv, nq, j,
		    r->kv[i], r->kx[i], (pn->f[i] & PN_ALIAS) != 0, named, &r->an->mentions,
		    &r->an->nmentions, &r->mcap);
	}
	strmap_free(&names.map);
	free(nh);
	an_speakers_free(sp);
}

/* Pass 2 over the image fields: their mentions, and the people of each caption. */
static void
run_captions(struct run *r)
{
	const struct an_input *in = r->in;
	struct analysis *an = r->an;
	size_t npeople = an_people_count(r->pp), i, k;
	size_t *mark = arena_calloc(r->arena, npeople + 1, sizeof *mark);

	an->ncaptions = in->images != NULL ? in->nimages : 0;
	an->captions = an->ncaptions > 0 ? xcalloc(an->ncaptions, sizeof *an->captions) : NULL;
	for (i = 0; i < an->ncaptions; i++) {
		const struct an_image_in *im = &in->images[i];
		const char *f[3] = { im->title, im->caption, im->credit };
		enum an_where w[3] = { AN_IN_IMAGE_TITLE, AN_IN_IMAGE_CAPTION, AN_IN_IMAGE_CREDIT };
		struct an_caption *c = &an->captions[i];
		size_t first = an->nmentions;

		c->image = i;
		for (k = 0; k < 3; k++) {
			size_t n = an_tok_field(f[k], &r->tok, &r->tcap);

			an_people_mark(r->pp, f[k], r->tok, n, w[k], i, &an->mentions, &an->nmentions,
			    &r->mcap);
		}
		for (k = first; k < an->nmentions; k++) {
			int p = an->mentions[k].person;

			if (p < 0 || (size_t)p >= npeople || mark[p] == i + 1)
				continue;
			mark[p] = i + 1;
			c->people = xreallocarray(c->people, c->npeople + 1, sizeof *c->people);
			c->people[c->npeople++] = p;
		}
	}
}

/* The people into r->an with their counts; the quotations' paragraphs as the input numbers them. */
static void
run_finish(struct run *r)
{
	struct analysis *an = r->an;
	size_t i, j;

	an_people_export(r->pp, an);
	for (i = 0; i < an->nmentions; i++)
		if (an->mentions[i].person >= 0 && (size_t)an->mentions[i].person < an->npeople)
			an->people[an->mentions[i].person].nmentions++;
	for (i = 0; i < an->nquotes; i++) {
		struct an_quote *q = &an->quotes[i];

		if (q->speaker >= 0 && (size_t)q->speaker < an->npeople) {
			if (!q->fragment)
				an->people[q->speaker].nquotes++;
		} else {
			q->speaker = -1;
		}
		j = q->para < r->np ? q->para : 0;
		q->para = r->np > 0 ? r->orig[j] : 0;
		j = q->para_last < r->np ? q->para_last : 0;
		q->para_last = r->np > 0 ? r->orig[j] : 0;
	}
}

/* Release what run r holds (not its result). */
static void
run_free(struct run *r)
{
	an_win_free(r->win);
	an_people_free(r->pp);
	free(r->tok);
	if (r->pv_split)
		free(r->pv);
	arena_free(r->arena);
}

/* Run the engine over in; the result belongs to the caller. */
struct analysis *
analysis_run(const struct an_input *in)
{
	struct run r;
	struct pnote pn;

	memset(&r, 0, sizeof r);
	memset(&pn, 0, sizeof pn);
	r.in = in;
	r.text = in->text != NULL ? in->text : "";
	r.len = in->text != NULL ? in->len : 0;
	r.an = xcalloc(1, sizeof *r.an);
	r.arena = arena_new();
	an_lex_init();
	run_paras(&r);
	run_quotes(&r);
	r.pp = an_people_new(in);
	r.win = an_win_new(r.len / 2);	/* tokens kept for pass 2: half the text at most */
	r.ntok = run_array(&r, r.np + 1, sizeof *r.ntok);
	r.kv = run_array(&r, r.np + 1, sizeof *r.kv);
	r.kx = run_array(&r, r.np + 1, sizeof *r.kx);
	run_pass1(&r, &pn);
	run_detect_images(&r);
	an_people_settle(r.pp);
	run_pass2(&r, &pn);
	strmap_free(&pn.ahash.map);
	free(pn.ah);
	free(pn.h);
	buf_free(&pn.scratch);
	run_captions(&r);
	run_finish(&r);
	run_free(&r);
	return r.an;
}

/* Free everything analysis_run() returned; NULL is fine. */
void
analysis_free(struct analysis *an)
{
	size_t i;

	if (an == NULL)
		return;
	for (i = 0; i < an->npeople; i++) {
		free(an->people[i].name);
		free(an->people[i].role);
	}
	free(an->people);
	for (i = 0; i < an->ncaptions; i++)
		free(an->captions[i].people);
	free(an->captions);
	free(an->mentions);
	free(an->quotes);
	free(an);
}

/* Skip an opening quotation mark (and spaces after it) at i; returns the new position. */
static size_t
skip_open_mark(const char *s, size_t end, size_t i)
{
	uint32_t cp;
	size_t l;

	if (i >= end)
		return i;
	l = an_utf8(s, end, i, &cp);
	if (!an_is_dquote(cp))
		return i;
	return i + l;
}

/* Append quote q's words to out without marks, whitespace folded to single spaces. */
void
analysis_quote_text(const struct an_input *in, const struct an_quote *q, struct buf *out)
{
	const char *s = in->text;
	size_t end, i, k;
	bool started = false, space = false;
	bool use_paras;

	buf_reserve(out, 1);
	out->data[out->len] = '\0';
	if (s == NULL || q == NULL || q->inner_start >= q->inner_end || q->inner_start >= in->len)
		return;
	end = q->inner_end < in->len ? q->inner_end : in->len;
	use_paras = in->paras != NULL && q->para < in->nparas && q->para_last < in->nparas &&
	    q->para_last >= q->para;
	k = q->para + 1;
	i = q->inner_start;
	while (i < end) {
		uint32_t cp;
		size_t l = an_utf8(s, end, i, &cp), nl = 0;

		/* only white space folds: a control character stays, for the caller's placeholder */
		if (an_isspace(cp)) {
			size_t j = i;

			while (j < end) {
				size_t m = an_utf8(s, end, j, &cp);

				if (!an_isspace(cp))
					break;
				if (cp == '\n')
					nl++;
				j += m;
			}
			if (use_paras) {
				bool at_start = false;

				while (k <= q->para_last && in->paras[k].start <= j) {
					if (in->paras[k].start == j)
						at_start = true;
					k++;
				}
				if (at_start)
					j = skip_open_mark(s, end, j);
			} else if (nl >= 2) {
				j = skip_open_mark(s, end, j);
			}
			space = started;
			i = j;
			continue;
		}
		if (space) {
			buf_addc(out, ' ');
			space = false;
		}
		buf_add(out, s + i, l);
		started = true;
		i += l;
	}
}
