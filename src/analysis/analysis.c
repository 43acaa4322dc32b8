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
#include "para.h"
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

/* The paragraphs the engine works on: in order, inside the text, not overlapping. */
struct paras {
	struct span	*v;
	size_t		*orig;	/* index in an_input.paras (or in v when we split) */
	size_t		 n;
};

/* Build the working paragraphs of in. */
static void
paras_init(const struct an_input *in, const char *text, size_t len, struct paras *p)
{
	size_t i, prev_end = 0;

	memset(p, 0, sizeof *p);
	if (in->paras == NULL) {
		p->n = para_split(text, len, &p->v);
		p->orig = xcalloc(p->n + 1, sizeof *p->orig);
		for (i = 0; i < p->n; i++)
			p->orig[i] = i;
		return;
	}
	p->v = xcalloc(in->nparas + 1, sizeof *p->v);
	p->orig = xcalloc(in->nparas + 1, sizeof *p->orig);
	for (i = 0; i < in->nparas; i++) {
		size_t s = in->paras[i].start, e = in->paras[i].end;

		if (e > len)
			e = len;
		if (s < prev_end)
			s = prev_end;
		if (s >= e)
			continue;
		p->v[p->n].start = s;
		p->v[p->n].end = e;
		p->orig[p->n] = i;
		p->n++;
		prev_end = e;
	}
}

/* A set of 32-bit hashes: open addressing, 0 stands for itself in zero[]. */
struct hset {
	uint32_t	*v;
	size_t		 mask;
	bool		 zero;
};

/* Build the set of the n hashes h. */
static void
hset_init(struct hset *hs, const uint32_t *h, size_t n)
{
	size_t cap = 16, i;

	while (cap < 2 * n + 2)
		cap *= 2;
	hs->v = xcalloc(cap, sizeof *hs->v);
	hs->mask = cap - 1;
	hs->zero = false;
	for (i = 0; i < n; i++) {
		size_t k;

		if (h[i] == 0) {
			hs->zero = true;
			continue;
		}
		for (k = h[i] & hs->mask; hs->v[k] != 0 && hs->v[k] != h[i]; k = (k + 1) & hs->mask)
			;
		hs->v[k] = h[i];
	}
}

/* Is x in the set? */
static bool
hset_has(const struct hset *hs, uint32_t x)
{
	size_t k;

	if (x == 0)
		return hs->zero;
	for (k = x & hs->mask; hs->v[k] != 0; k = (k + 1) & hs->mask)
		if (hs->v[k] == x)
			return true;
	return false;
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
	struct hset	 ahash;		/* and their hashes */
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

/* Run the engine over in; the result belongs to the caller. */
struct analysis *
analysis_run(const struct an_input *in)
{
	struct analysis *an = xcalloc(1, sizeof *an);
	const char *text = in->text != NULL ? in->text : "";
	size_t len = in->text != NULL ? in->len : 0;
	struct paras P;
	struct an_rawq *rq = NULL;
	const struct an_quote *qv;
	size_t nq, i, j, mcap = 0;
	struct an_people *pp;
	struct an_speakers *sp;
	struct an_tok *tok = NULL;
	size_t ntok, tcap = 0;
	size_t *count, *mark, npeople, *ntp, *kv, *kx;
	struct pnote pn;
	struct an_win *win;
	struct hset names;
	uint32_t *nh;
	size_t nnh, npass1;

	an_lex_init();
	paras_init(in, text, len, &P);
	nq = an_quotes_find(text, len, P.v, P.n, &rq);
	an->nquotes = nq;
	an->quotes = nq > 0 ? xcalloc(nq, sizeof *an->quotes) : NULL;
	for (i = 0; i < nq; i++) {
		struct an_quote *q = &an->quotes[i];

		q->start = rq[i].start;
		q->end = rq[i].end;
		q->inner_start = rq[i].inner_start;
		q->inner_end = rq[i].inner_end;
		q->para = rq[i].para;		/* working index until the end */
		q->para_last = rq[i].para_last;
		q->speaker = -1;
		q->how = AN_HOW_NONE;
		q->fragment = an_count_words(text, q->inner_start, q->inner_end, 3) < 3;
	}
	free(rq);	/* the tokens are marked from an->quotes */
	qv = an->quotes;

	/* pass 1: who could be a person; what pass 2 may skip */
	pp = an_people_new(in);
	win = an_win_new(len / 2);	/* tokens kept for pass 2: half the text at most */
	ntp = xcalloc(P.n + 1, sizeof *ntp);
	kv = xcalloc(P.n + 1, sizeof *kv);
	kx = xcalloc(P.n + 1, sizeof *kx);
	memset(&pn, 0, sizeof pn);
	pn.f = xcalloc(P.n + 1, 1);
	pn.hix = xcalloc(P.n + 1, sizeof *pn.hix);
	pn.text = text;
	if (an_people_has_aliases(pp)) {
		nnh = an_people_alias_hashes(pp, &nh);
		hset_init(&pn.ahash, nh, nnh);
		free(nh);
		an_people_alias_lengths(pp, pn.alen);
		pn.palen = pn.alen;
	}
	for (i = 0, j = 0; i < P.n; i++) {
		if (in->cancel != NULL && *in->cancel)
			break;	/* the result is partial, and still valid */
		while (j < nq && qv[j].end <= P.v[i].start)
			j++;
		pn.f[i] = j < nq && qv[j].start < P.v[i].end ? PN_QUOTE : 0;
		pn.cur = i;
		ntp[i] = an_win_detect(win, pp, text, len, P.v[i], qv, nq, j, pn.palen, para_note, &pn);
		pn.hix[i + 1] = pn.nh;
		/* what pass 2 reads for sure is kept, to be read without cutting it again */
		if (pn.f[i] == 0 || !an_win_keep(win, P.v[i], ntp[i], &kv[i], &kx[i]))
			kv[i] = SIZE_MAX;
	}
	npass1 = i;	/* P.n, or fewer when cancelled */
	for (i = 0; i < in->nimages && in->images != NULL; i++) {
		const struct an_image_in *im = &in->images[i];

		ntok = an_tok_field(im->title, &tok, &tcap);
		an_people_detect(pp, im->title, tok, ntok, SRC_IMG_TITLE);
		ntok = an_tok_field(im->caption, &tok, &tcap);
		an_people_detect(pp, im->caption, tok, ntok, SRC_IMG_CAPTION);
		ntok = an_tok_field(im->credit, &tok, &tcap);
		an_people_detect(pp, im->credit, tok, ntok, SRC_IMG_CREDIT);
	}
	an_people_settle(pp);
	nnh = an_people_name_hashes(pp, &nh);
	hset_init(&names, nh, nnh);
	free(nh);

	/* pass 2: mentions and speakers */
	sp = an_speakers_new(pp, an->quotes, nq);
	for (i = 0, j = 0; i < npass1; i++) {
		size_t k;
		bool named;

		if (in->cancel != NULL && *in->cancel)
			break;
		while (j < nq && qv[j].end <= P.v[i].start)
			j++;
		for (k = pn.hix[i]; k < pn.hix[i + 1] && !hset_has(&names, pn.h[k]); k++)
			;
		named = k < pn.hix[i + 1];
		if (!named && pn.f[i] == 0)
			continue;	/* nothing to read */
		an_win_mark(win, pp, sp, text, len, P.v[i], i, ntp[i], qv, nq, j, kv[i], kx[i],
		    (pn.f[i] & PN_ALIAS) != 0, named, &an->mentions, &an->nmentions, &mcap);
	}
	an_win_free(win);
	free(names.v);
	free(pn.ahash.v);
	free(pn.f);
	free(pn.hix);
	free(pn.h);
	buf_free(&pn.scratch);
	free(ntp);
	free(kv);
	free(kx);
	an_speakers_finish(sp);
	an_speakers_free(sp);

	npeople = an_people_count(pp);
	mark = xcalloc(npeople + 1, sizeof *mark);
	an->ncaptions = in->images != NULL ? in->nimages : 0;
	an->captions = an->ncaptions > 0 ? xcalloc(an->ncaptions, sizeof *an->captions) : NULL;
	for (i = 0; i < an->ncaptions; i++) {
		const struct an_image_in *im = &in->images[i];
		const char *f[3] = { im->title, im->caption, im->credit };
		enum an_where w[3] = { AN_IN_IMAGE_TITLE, AN_IN_IMAGE_CAPTION, AN_IN_IMAGE_CREDIT };
		size_t first = an->nmentions, k;

		an->captions[i].image = i;
		for (k = 0; k < 3; k++) {
			ntok = an_tok_field(f[k], &tok, &tcap);
			an_people_mark(pp, f[k], tok, ntok, w[k], i, &an->mentions, &an->nmentions,
			    &mcap);
		}
		for (k = first; k < an->nmentions; k++) {
			int p = an->mentions[k].person;

			if (p < 0 || (size_t)p >= npeople)
				continue;
			if (mark[p] != i + 1) {
				mark[p] = i + 1;
				an->captions[i].people = xreallocarray(an->captions[i].people,
				    an->captions[i].npeople + 1, sizeof *an->captions[i].people);
				an->captions[i].people[an->captions[i].npeople++] = p;
			}
		}
	}
	free(tok);
	free(mark);

	an_people_export(pp, an);
	count = xcalloc(an->npeople + 1, sizeof *count);
	for (i = 0; i < an->nmentions; i++)
		if (an->mentions[i].person >= 0 && (size_t)an->mentions[i].person < an->npeople)
			an->people[an->mentions[i].person].nmentions++;
	for (i = 0; i < nq; i++) {
		struct an_quote *q = &an->quotes[i];

		if (q->speaker >= 0 && (size_t)q->speaker < an->npeople) {
			if (!q->fragment)
				an->people[q->speaker].nquotes++;
		} else {
			q->speaker = -1;
		}
		j = q->para < P.n ? q->para : 0;
		q->para = P.n > 0 ? P.orig[j] : 0;
		j = q->para_last < P.n ? q->para_last : 0;
		q->para_last = P.n > 0 ? P.orig[j] : 0;
	}
	free(count);
	an_people_free(pp);
	free(P.v);
	free(P.orig);
	return an;
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
