/*
 * analysis.c: the article analysis engine's entry points.
 *
 * analysis_run() checks the paragraphs it is given, finds the quotations
 * (quotes.c), gathers people in a first pass over body and captions
 * (people.c), then in a second pass marks the mentions and attributes the
 * quotations (an-speaker.c). The body is cut into tokens once, in the first
 * pass, and kept packed for the second (four bytes a token, about the body's
 * size); struct an_tok lives one paragraph at a time. Memory is that, the
 * largest paragraph's tokens and the results.
 */
#include <stdlib.h>
#include <string.h>

#include "an-internal.h"
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
	struct an_span	*v;
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

/* Tokenize a NUL-terminated image field into (*v)[0..n) (tk is scratch); returns n. */
static size_t
tokenize_field(const char *s, struct an_toks *tk, struct an_tok **v, size_t *cap)
{
	struct an_span span;
	struct an_tokpos at = { 0, 0 };
	size_t n;

	if (s == NULL)
		return 0;
	span.start = 0;
	span.end = strlen(s);
	tk->n = 0;
	tk->nx = 0;
	n = an_tokenize(s, span.end, span, tk);
	an_tok_unpack(span, tk, &at, n, NULL, 0, v, cap);
	return n;
}

/* an_people_may_name() for an_toks_quiet(). */
static bool
may_name(void *arg, const char *text, size_t start, size_t end)
{
	return an_people_may_name(arg, text, start, end);
}

/* an_people_may_alias() for an_toks_quiet(). */
static bool
may_alias(void *arg, const char *text, size_t start, size_t end)
{
	return an_people_may_alias(arg, text, start, end);
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
	size_t nq, i, j, mcap = 0;
	struct an_people *pp;
	struct an_speakers *sp;
	struct an_tok *tok = NULL;
	size_t ntok, tcap = 0;
	size_t *count, *mark, npeople, *ntp;
	struct an_toks tk, ftk;
	struct an_tokpos at;
	struct an_quiet qt;

	memset(&tk, 0, sizeof tk);
	memset(&ftk, 0, sizeof ftk);
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

	/* pass 1: cut the text into tokens (kept for pass 2); who could be a person */
	pp = an_people_new(in);
	ntp = xcalloc(P.n + 1, sizeof *ntp);
	for (i = 0; i < P.n; i++) {
		at.v = tk.n;
		at.x = tk.nx;
		ntp[i] = an_tokenize(text, len, P.v[i], &tk);
		an_tok_unpack(P.v[i], &tk, &at, ntp[i], rq, nq, &tok, &tcap);
		an_people_detect(pp, text, tok, ntp[i], SRC_BODY);
	}
	for (i = 0; i < in->nimages && in->images != NULL; i++) {
		const struct an_image_in *im = &in->images[i];

		ntok = tokenize_field(im->title, &ftk, &tok, &tcap);
		an_people_detect(pp, im->title, tok, ntok, SRC_IMG_TITLE);
		ntok = tokenize_field(im->caption, &ftk, &tok, &tcap);
		an_people_detect(pp, im->caption, tok, ntok, SRC_IMG_CAPTION);
		ntok = tokenize_field(im->credit, &ftk, &tok, &tcap);
		an_people_detect(pp, im->credit, tok, ntok, SRC_IMG_CREDIT);
	}
	an_people_settle(pp);

	/* pass 2: mentions and speakers */
	sp = an_speakers_new(pp, an->quotes, nq);
	at.v = 0;
	at.x = 0;
	qt.id1 = an_lex_id("he", 2);
	qt.id2 = an_lex_id("she", 3);
	qt.named = may_name;
	qt.aliased = an_people_has_aliases(pp) ? may_alias : NULL;
	qt.afirst = an_people_alias_bytes(pp);
	qt.arg = pp;
	for (i = 0, j = 0; i < P.n; i++) {
		struct an_tokpos next;

		/*
		 * A paragraph with no quotation, no he or she and no word that
		 * can name someone (or end an alias) gives no mention and
		 * changes no speaker.
		 */
		while (j < nq && rq[j].end <= P.v[i].start)
			j++;
		if (!(j < nq && rq[j].start < P.v[i].end) &&
		    an_toks_quiet(text, P.v[i], &tk, &at, ntp[i], &qt, &next)) {
			at = next;
			continue;
		}
		an_tok_unpack(P.v[i], &tk, &at, ntp[i], rq, nq, &tok, &tcap);
		an_people_mark(pp, text, tok, ntp[i], AN_IN_BODY, 0, &an->mentions, &an->nmentions,
		    &mcap);
		an_speakers_para(sp, text, tok, ntp[i], i);
	}
	an_toks_free(&tk);
	free(ntp);
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
			ntok = tokenize_field(f[k], &ftk, &tok, &tcap);
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
	an_toks_free(&ftk);

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
	free(rq);
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

		if (an_isspace(cp) || cp < 0x20 || cp == 0x7F) {
			size_t j = i;

			while (j < end) {
				size_t m = an_utf8(s, end, j, &cp);

				if (!(an_isspace(cp) || cp < 0x20 || cp == 0x7F))
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
