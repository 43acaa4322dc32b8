/*
 * an-speaker.c: who said each quotation.
 *
 * A paragraph's tokens become a narrative stream in which every quotation
 * part is one TK_QUOTE token, so that nothing inside a quotation can be taken
 * for its attribution. The stream is cut into sentences. For each quotation:
 *
 *   1. after it, "…," Blinken said / said Blinken / the president said /
 *      Stoltenberg, the alliance's secretary-general, said / according to X;
 *   2. before it, in its sentence: X said: / X told Y, / X continued: /
 *      …, saying: (the sentence's subject) / one poster writing (that noun);
 *   3. else the sentence's own subject, for a quoted phrase ("X called it
 *      "dangerous"");
 *   4. else the context: the speaker of the quotation before, or the person
 *      the sentence before was about, in this paragraph or the one before.
 *
 * A noun phrase found in 1-3 is a person (named or front matter alias), a
 * pronoun (the most recent subject of that gender), a role ("the president":
 * whoever holds it, most recently mentioned), or anything else, which is an
 * organisation or an unnamed source: then there is no speaker, and the
 * phrase is kept as the quotation's org span. Every window is bounded.
 */
#include <stdlib.h>
#include <string.h>

#include "an-internal.h"
#include "util.h"

#define HIST 4		/* recent subjects kept for pronouns */
#define WIN 40		/* longest look-back in tokens */
#define RECENT 32	/* people remembered for role nouns */

struct an_speakers {
	struct an_people	*pp;
	struct an_quote		*q;
	size_t			 nq;
	struct an_tok		*nar;		/* the narrative, in place of the paragraph's tokens */
	size_t			 nn;
	int			*inside;	/* people named inside quotation parts: */
	size_t			 ninside, insidecap;
	size_t			*inpart;	/* part p's are inside[inpart[p] .. inpart[p + 1]) */
	size_t			 partcap;
	const char		*text;
	size_t			 pi;
	/* discourse */
	int			 ctx;		/* person in speaking position, or -1 */
	bool			 ctx_valid;
	size_t			 ctx_para;
	int			 hist[HIST];
	size_t			*lastpos;	/* per person: when last named in narrative */
	size_t			 npeople;
	size_t			 clock;
	bool			*pending;	/* per quotation: multi-paragraph, no attribution yet */
	size_t			*sstart, *send;	/* per sentence of the paragraph: bounds in nar */
	size_t			 scap;
	int			 recent[RECENT];	/* people named lately, for roles */
	int			 cur_subj;	/* subject named before the quotation in its sentence */
	size_t			 nrecent;
};

/* The result of reading a noun phrase. */
struct np {
	bool		found;		/* there is an attribution */
	int		speaker;	/* or -1 */
	enum an_how	how;
	size_t		os, oe;		/* org span when speaker is -1 */
};

/* A new attribution state; the caller frees it with an_speakers_free(). */
struct an_speakers *
an_speakers_new(struct an_people *pp, struct an_quote *q, size_t nq)
{
	struct an_speakers *sp = xcalloc(1, sizeof *sp);
	size_t i;

	sp->pp = pp;
	sp->q = q;
	sp->nq = nq;
	sp->ctx = -1;
	sp->cur_subj = -1;
	for (i = 0; i < HIST; i++)
		sp->hist[i] = -1;
	sp->npeople = an_people_count(pp);
	sp->lastpos = xcalloc(sp->npeople + 1, sizeof *sp->lastpos);
	sp->pending = xcalloc(nq + 1, sizeof *sp->pending);
	return sp;
}

/* Release the attribution state (not the quotations it wrote to). */
void
an_speakers_free(struct an_speakers *sp)
{
	if (sp == NULL)
		return;
	free(sp->inside);
	free(sp->inpart);
	free(sp->sstart);
	free(sp->send);
	free(sp->lastpos);
	free(sp->pending);
	free(sp);
}

/* ---- token tests ---- */

/* Does word t equal the lower-case ASCII word w? */
static bool
sp_word_is(const char *text, const struct an_tok *t, const char *w)
{
	size_t n = strlen(w);

	return t->kind == TK_WORD && t->bend - t->start == n &&
	    ascii_strncasecmp(text + t->start, w, n) == 0;
}

/* Is t the punctuation c? */
static bool
sp_punct(const struct an_tok *t, unsigned char c)
{
	return t->kind == TK_PUNCT && t->ch == c;
}

/* Does t end a noun phrase scan (clause punctuation or a quotation)? */
static bool
np_stop(const struct an_tok *t)
{
	if (t->kind == TK_QUOTE)
		return true;
	if (t->kind == TK_PUNCT)
		return t->ch == ',' || t->ch == ';' || t->ch == ':' || t->ch == '.' ||
		    t->ch == '?' || t->ch == '!' || t->ch == PC_DASH;
	return false;
}

/* 'm' for he, 'f' for she, 0 otherwise. */
static int
pronoun(const char *text, const struct an_tok *t)
{
	if (sp_word_is(text, t, "he"))
		return 'm';
	if (sp_word_is(text, t, "she"))
		return 'f';
	return 0;
}

/* Is t a pronoun for a group, the author or a thing (they, it, we, I)? */
static bool
pronoun_other(const char *text, const struct an_tok *t)
{
	return sp_word_is(text, t, "they") || sp_word_is(text, t, "it") ||
	    sp_word_is(text, t, "we") || sp_word_is(text, t, "i") || sp_word_is(text, t, "you");
}

/* Is t a reporting verb (lower case, or capitalised at a sentence start)? */
static bool
is_rverb(const struct an_tok *t)
{
	return t->kind == TK_WORD && (t->lex & LX_RVERB) &&
	    ((t->flags & TF_LOWER) || (t->flags & TF_SSTART));
}

/* Is t an adverb or auxiliary between a subject and its verb? */
static bool
is_aux(const char *text, const struct an_tok *t)
{
	size_t n = t->bend - t->start;

	if (t->kind != TK_WORD || !(t->flags & TF_LOWER))
		return false;
	if (t->lex & LX_AUX)
		return !(t->lex & LX_RVERB);
	return n > 4 && ascii_endswith(text + t->start, n, "ly") && !(t->lex & LX_RVERB);
}

/* Is t a role word (president, secretary-general, spokesman)? */
static bool
is_role(const struct an_tok *t)
{
	return t->kind == TK_WORD && (t->lex & (LX_ROLE | LX_TITLE)) &&
	    !(t->lex & (LX_HON | LX_PLURALTITLE)) && t->person < 0;
}

/* Is t a person mention that can be a subject? */
static bool
is_person(const struct an_tok *t)
{
	return t->kind == TK_WORD && t->person >= 0 && t->mkind != MK_GROUP;
}

/* How a person mention was named. */
static enum an_how
how_of(const struct an_tok *t)
{
	return t->mkind == MK_ALIAS ? AN_HOW_FRONTMATTER : AN_HOW_NAMED;
}

/* ---- discourse ---- */

/* Put person p first among the recent subjects. */
static void
hist_push(struct an_speakers *sp, int p)
{
	int i, j;

	if (p < 0)
		return;
	for (i = 0; i < HIST - 1 && sp->hist[i] != p; i++)
		;
	for (j = i; j > 0; j--)
		sp->hist[j] = sp->hist[j - 1];
	sp->hist[0] = p;
}

/* The recent subject a pronoun of gender g refers to, or -1. */
static int
resolve_pronoun(struct an_speakers *sp, int g)
{
	int i;

	for (i = 0; i < HIST; i++) {
		int p = sp->hist[i], pg;

		if (p < 0)
			continue;
		pg = an_people_gender(sp->pp, p);
		if (pg == 0 || pg == g) {
			an_people_set_gender(sp->pp, p, g);
			return p;
		}
	}
	return -1;
}

/* The person holding the role word t, most recently named, or -1. */
static int
resolve_role(struct an_speakers *sp, const struct an_tok *t)
{
	size_t i, st = t->start;

	/* "the former minister", "the vice president": the modifier is part of the role */
	if (t > sp->nar && t[-1].kind == TK_WORD && (t[-1].flags & TF_LOWER) &&
	    (sp_word_is(sp->text, &t[-1], "former") || sp_word_is(sp->text, &t[-1], "vice") ||
	    sp_word_is(sp->text, &t[-1], "deputy") || sp_word_is(sp->text, &t[-1], "acting") ||
	    sp_word_is(sp->text, &t[-1], "assistant") || sp_word_is(sp->text, &t[-1], "shadow")) &&
	    t->start == t[-1].end + 1)
		st = t[-1].start;

	/* the people named lately, most recent first */
	for (i = 0; i < sp->nrecent; i++) {
		int p = sp->recent[i];

		if (an_people_has_role(sp->pp, p, sp->text + st, t->bend - st))
			return p;
	}
	/* then anyone (a role holder named only in a caption or the front matter) */
	for (i = 0; i < sp->npeople && i < 64; i++)
		if (an_people_has_role(sp->pp, (int)i, sp->text + st, t->bend - st))
			return (int)i;
	return -1;
}

/* Note that person p was just named. */
static void
recent_push(struct an_speakers *sp, int p)
{
	size_t i;

	if (sp->nrecent > 0 && sp->recent[0] == p)
		return;
	for (i = 0; i < sp->nrecent && sp->recent[i] != p; i++)
		;
	if (i == sp->nrecent && sp->nrecent < RECENT)
		sp->nrecent++;
	if (i >= RECENT)
		i = RECENT - 1;
	for (; i > 0; i--)
		sp->recent[i] = sp->recent[i - 1];
	sp->recent[0] = p;
}

/*
 * How definite the role word at nar[k] is: 1 after "the" ("the opposition
 * leader"), 2 after a possessive or a capitalised bare title ("its spokesman",
 * "Prime Minister said"), 0 for "a spokesman" or nothing.
 */
static int
role_definite(const struct an_speakers *sp, size_t lo, size_t k)
{
	size_t j, steps = 0;

	for (j = k; j > lo && steps < 5; j--, steps++) {
		const struct an_tok *p = &sp->nar[j - 1];

		if (p->kind != TK_WORD)
			break;
		if (p->lex & LX_INDEF)
			return 0;
		if (sp_word_is(sp->text, p, "the"))
			return 1;
		if ((p->flags & TF_POSS) || sp_word_is(sp->text, p, "its") ||
		    sp_word_is(sp->text, p, "their"))
			return 2;
	}
	return (sp->nar[k].flags & TF_CAP) != 0 ? 2 : 0;
}

/* A noun phrase that is a role at nar[k] (lo bounds the look-back). */
static struct np
np_role(struct an_speakers *sp, size_t lo, size_t k)
{
	struct np r = { true, -1, AN_HOW_NONE, 0, 0 };

	int def = role_definite(sp, lo, k);

	if (def > 0) {
		r.speaker = resolve_role(sp, &sp->nar[k]);
		/* nobody holds it: "the festival director" is who the text is about */
		if (r.speaker < 0 && sp->ctx_valid && sp->ctx >= 0 && def == 1 &&
		    (sp->ctx_para == sp->pi || sp->ctx_para + 1 == sp->pi) &&
		    !(sp->nar[k].lex & LX_PLURALTITLE))
			r.speaker = sp->ctx;
		if (r.speaker >= 0)
			r.how = AN_HOW_ROLE;
	}
	if (r.speaker < 0) {
		r.os = sp->nar[lo].start;
		r.oe = sp->nar[k].end;
	}
	return r;
}

/* An org or unnamed source over nar[a..b]. */
static struct np
np_org(const struct an_speakers *sp, size_t a, size_t b)
{
	struct np r = { true, -1, AN_HOW_NONE, 0, 0 };

	r.os = sp->nar[a].start;
	r.oe = sp->nar[b].bend > sp->nar[b].start ? sp->nar[b].bend : sp->nar[b].end;
	return r;
}

/* A pronoun subject of gender g. */
static struct np
np_pronoun(struct an_speakers *sp, int g)
{
	struct np r = { true, -1, AN_HOW_NONE, 0, 0 };

	/* "Kerry condemned what he called …": the sentence's own subject */
	if (sp->cur_subj >= 0 && (an_people_gender(sp->pp, sp->cur_subj) == 0 ||
	    an_people_gender(sp->pp, sp->cur_subj) == g)) {
		r.speaker = sp->cur_subj;
		r.how = AN_HOW_PRONOUN;
		return r;
	}
	r.speaker = resolve_pronoun(sp, g);
	if (r.speaker >= 0)
		r.how = AN_HOW_PRONOUN;
	return r;
}

/* Start of the clause segment ending at k (after , ; : or a quotation), not before lo. */
static size_t
seg_start(const struct an_speakers *sp, size_t lo, size_t k)
{
	size_t j = k, steps = 0;

	while (j > lo && steps < 14 && !np_stop(&sp->nar[j - 1])) {
		j--;
		steps++;
	}
	return j;
}

/* Classify a segment nar[a..b] that has no person right before the verb. */
static struct np
np_segment(struct an_speakers *sp, size_t a, size_t b)
{
	size_t k;

	for (k = a; k <= b; k++) {
		const struct an_tok *t = &sp->nar[k];

		if (is_person(t)) {
			struct np r = { true, t->person, how_of(t), 0, 0 };

			return r;
		}
		if (pronoun(sp->text, t))
			return np_pronoun(sp, pronoun(sp->text, t));
		if (t->kind == TK_WORD && (t->flags & TF_CAP) && !(t->lex & LX_DET))
			continue;	/* titles, "As", names of things */
		if (t->kind == TK_WORD && (t->lex & (LX_PREP | LX_DET | LX_TMOD)) &&
		    !(t->lex & LX_INDEF))
			continue;
		if (is_role(t) && k + 1 <= b && is_person(&sp->nar[k + 1]))
			continue;	/* coauthor Colette Heald */
		break;
	}
	/* the head noun: the last role word before b, if the phrase is one */
	for (k = b + 1; k > a; k--) {
		if (is_role(&sp->nar[k - 1]) && (k - 1 == b || !(sp->nar[k].lex & LX_ROLE)))
			return np_role(sp, a, k - 1);
		if (sp->nar[k - 1].kind == TK_WORD && sp_word_is(sp->text, &sp->nar[k - 1], "of"))
			continue;
	}
	/* "the Swiss said", "the 27-year-old said": the person the text is about */
	if (b > a && b - a <= 2 && sp_word_is(sp->text, &sp->nar[a], "the") &&
	    sp->nar[b].kind == TK_WORD && ((sp->nar[b].lex & LX_NATION) ||
	    ascii_endswith(sp->text + sp->nar[b].start, sp->nar[b].bend - sp->nar[b].start,
	    "year-old")) && sp->ctx_valid && sp->ctx >= 0 &&
	    (sp->ctx_para == sp->pi || sp->ctx_para + 1 == sp->pi)) {
		struct np r = { true, sp->ctx, AN_HOW_ROLE, 0, 0 };

		return r;
	}
	return np_org(sp, a, b);
}

/*
 * The subject right before the verb at v, in nar[lo, v). A comma before the
 * verb means an apposition: "Stoltenberg, the alliance's secretary-general, said".
 */
static struct np
np_before(struct an_speakers *sp, size_t lo, size_t v)
{
	struct np none = { false, -1, AN_HOW_NONE, 0, 0 };
	size_t k = v, steps = 0;
	const struct an_tok *t;

	while (k > lo && steps < 3 && is_aux(sp->text, &sp->nar[k - 1])) {
		k--;
		steps++;
	}
	if (k <= lo)
		return none;
	k--;
	t = &sp->nar[k];
	if (is_person(t)) {
		struct np r = { true, t->person, how_of(t), 0, 0 };

		return r;
	}
	if (pronoun(sp->text, t))
		return np_pronoun(sp, pronoun(sp->text, t));
	if (pronoun_other(sp->text, t)) {
		struct np r = { true, -1, AN_HOW_NONE, 0, 0 };

		return r;
	}
	if (sp_punct(t, ',')) {
		/* S1 = the segment before this comma; S0 = the one before it */
		size_t s1 = seg_start(sp, lo, k), j;

		if (s1 >= k)
			return none;
		if (is_person(&sp->nar[s1])) {
			struct np r = { true, sp->nar[s1].person, how_of(&sp->nar[s1]), 0, 0 };

			return r;
		}
		if (s1 > lo && sp_punct(&sp->nar[s1 - 1], ',')) {
			size_t s0 = seg_start(sp, lo, s1 - 1);

			for (j = s1 - 1; j > s0; j--) {
				if (is_person(&sp->nar[j - 1])) {
					struct np r = { true, sp->nar[j - 1].person,
					    how_of(&sp->nar[j - 1]), 0, 0 };

					return r;
				}
			}
			if (s1 - 1 > s0 && pronoun(sp->text, &sp->nar[s0]))
				return np_pronoun(sp, pronoun(sp->text, &sp->nar[s0]));
			if (s1 - 1 > s0 && (sp_word_is(sp->text, &sp->nar[s1], "who") ||
			    sp_word_is(sp->text, &sp->nar[s1], "which")))
				return np_segment(sp, s0, s1 - 2);	/* "One witness, who …, said" */
		}
		return np_segment(sp, s1, k - 1);
	}
	if (t->kind == TK_QUOTE || np_stop(t))
		return none;
	if (is_role(t))
		return np_role(sp, seg_start(sp, lo, k), k);
	return np_segment(sp, seg_start(sp, lo, k), k);
}

/* The noun phrase after a verb or "according to", nar[a, hi). */
static struct np
np_after(struct an_speakers *sp, size_t a, size_t hi)
{
	struct np none = { false, -1, AN_HOW_NONE, 0, 0 };
	size_t k, end;

	if (a >= hi || np_stop(&sp->nar[a]))
		return none;
	for (end = a; end < hi && end - a < 10 && !np_stop(&sp->nar[end]); end++)
		;
	for (k = a; k < end; k++) {
		const struct an_tok *t = &sp->nar[k];

		if (is_person(t)) {
			struct np r = { true, t->person, how_of(t), 0, 0 };

			return r;
		}
		if (pronoun(sp->text, t))
			return np_pronoun(sp, pronoun(sp->text, t));
		if (pronoun_other(sp->text, t)) {
			struct np r = { true, -1, AN_HOW_NONE, 0, 0 };

			return r;
		}
		if (is_role(t)) {
			/* "said the spokesman, John Smith" */
			if (end < hi && sp_punct(&sp->nar[end], ',') && end + 1 < hi &&
			    is_person(&sp->nar[end + 1])) {
				struct np r = { true, sp->nar[end + 1].person,
				    how_of(&sp->nar[end + 1]), 0, 0 };

				return r;
			}
			if (k + 1 < end && is_person(&sp->nar[k + 1]))
				continue;
			if (k + 1 < end && (sp->nar[k + 1].lex & LX_ROLE))
				continue;	/* "the prime minister": take the head */
			return np_role(sp, a, k);
		}
		if (t->kind == TK_WORD && ((t->flags & TF_CAP) || (t->lex & (LX_DET | LX_TMOD))) &&
		    !(t->lex & LX_INDEF))
			continue;
		break;
	}
	return np_org(sp, a, end > a ? end - 1 : a);
}

/*
 * The subject of the sentence nar[s0, s1) as sent_subject() finds it, but
 * without resolving pronouns: when the subject is a he or she, *pk is set to
 * its index and -1 returned (else *pk is SIZE_MAX).
 */
static int
sent_subject_at(struct an_speakers *sp, size_t s0, size_t s1, size_t *pk)
{
	size_t k = s0, jumps = 0, lim = s0 + 25 < s1 ? s0 + 25 : s1;

	*pk = SIZE_MAX;
	while (k < lim) {
		const struct an_tok *t = &sp->nar[k];

		if (t->kind == TK_QUOTE)
			return -1;
		if (is_person(t) && !(t->flags & TF_POSS))
			return t->person;
		if (pronoun(sp->text, t)) {
			*pk = k;
			return -1;
		}
		if (t->kind == TK_PUNCT && (t->ch == ',' || t->ch == '(' || t->ch == ')')) {
			k++;
			continue;
		}
		if (sp_punct(t, '.') && k > s0 && sp->nar[k - 1].kind == TK_WORD &&
		    ((sp->nar[k - 1].lex & (LX_HON | LX_ABBREV)) || (sp->nar[k - 1].flags & TF_INITIAL))) {
			k++;
			continue;	/* "Dr. Amara Okafor" */
		}
		if (t->kind == TK_WORD && (t->flags & TF_CAP) && !is_rverb(t)) {
			k++;
			continue;
		}
		if (t->kind == TK_WORD && (t->lex & (LX_DET | LX_PREP | LX_AUX | LX_TMOD)) &&
		    !(t->lex & LX_INDEF) && !(t->lex & LX_RVERB)) {
			k++;
			continue;
		}
		if (t->kind == TK_WORD && k + 1 < lim && is_person(&sp->nar[k + 1])) {
			k++;
			continue;	/* "coauthor Colette Heald", "unionist Omar Haddad" */
		}
		/* something else: an opening phrase ends at a comma, or there is no subject */
		{
			size_t j;

			if (jumps >= 2)
				return -1;
			for (j = k + 1; j < lim && !sp_punct(&sp->nar[j], ','); j++)
				if (sp->nar[j].kind == TK_QUOTE)
					return -1;
			if (j >= lim)
				return -1;
			k = j + 1;
			jumps++;
		}
	}
	return -1;
}

/*
 * The subject of the sentence nar[s0, s1): a person named (or a he/she, when
 * use_pronouns) near its start, after an opening phrase or an apposition;
 * -1 if none.
 */
static int
sent_subject(struct an_speakers *sp, size_t s0, size_t s1, bool use_pronouns)
{
	size_t pk;
	int s = sent_subject_at(sp, s0, s1, &pk);

	if (pk != SIZE_MAX)
		return use_pronouns ? resolve_pronoun(sp, pronoun(sp->text, &sp->nar[pk])) : -1;
	return s;
}

/* Is person p (not -1) named inside the quotation part at nar[qk]? */
static bool
named_inside(const struct an_speakers *sp, int p, size_t qk)
{
	size_t k, part = sp->nar[qk].tix;

	for (k = sp->inpart[part]; k < sp->inpart[part + 1]; k++)
		if (sp->inside[k] == p)
			return true;
	return false;
}

/* Sentence bounds of nar[k]: [*s0, *s1). */
static void
sent_bounds(const struct an_speakers *sp, size_t k, size_t *s0, size_t *s1)
{
	int s = sp->nar[k].sent;

	*s0 = sp->sstart[s];
	*s1 = sp->send[s];
}

/* Is the word before the verb at v (skipping adverbs) a conjunction: "…, but warned"? */
static bool
conj_before(const struct an_speakers *sp, size_t lo, size_t v)
{
	size_t k = v, steps = 0;

	while (k > lo && steps < 3 && is_aux(sp->text, &sp->nar[k - 1])) {
		k--;
		steps++;
	}
	if (k <= lo)
		return false;
	return sp_word_is(sp->text, &sp->nar[k - 1], "and") ||
	    sp_word_is(sp->text, &sp->nar[k - 1], "but") ||
	    sp_word_is(sp->text, &sp->nar[k - 1], "then") ||
	    sp_word_is(sp->text, &sp->nar[k - 1], "or") ||
	    sp_word_is(sp->text, &sp->nar[k - 1], "yet");
}

/* The attribution after the quotation at qk, if any. */
static struct np
attr_after(struct an_speakers *sp, size_t qk)
{
	struct np none = { false, -1, AN_HOW_NONE, 0, 0 };
	size_t j = qk + 1, v, s0, s1, skipped = 0;

	while (j < sp->nn && (sp_punct(&sp->nar[j], ',') || sp_punct(&sp->nar[j], PC_DASH) ||
	    sp_punct(&sp->nar[j], '-') || (sp->nar[j].kind == TK_QUOTE && skipped < 2 &&
	    sp->nar[j].q != sp->nar[qk].q))) {
		if (sp->nar[j].kind == TK_QUOTE)
			skipped++;
		j++;
	}
	if (j >= sp->nn || sp->nar[j].kind != TK_WORD)
		return none;
	sent_bounds(sp, j, &s0, &s1);
	if (sp->nar[j].sent != sp->nar[qk].sent && (s0 != j || s1 - s0 > 9))
		return none;	/* a new sentence that is not a short "X said." */
	for (v = j; v < s1 && v - j < 12; v++) {
		const struct an_tok *t = &sp->nar[v];

		if (t->kind == TK_QUOTE)
			return none;
		if (!is_rverb(t))
			continue;
		if (t->lex & LX_ACCORDING) {
			if (v + 1 < s1 && sp_word_is(sp->text, &sp->nar[v + 1], "to"))
				return np_after(sp, v + 2, s1);
			return none;
		}
		if (v > j) {
			struct np r;

			if (conj_before(sp, j, v))
				return none;	/* "…", but warned: …: the verb of another clause */
			r = np_before(sp, j, v);
			if (r.found)
				return r;
		}
		return np_after(sp, v + 1, s1);
	}
	return none;
}

/* The attribution before the quotation at qk, in its sentence. */
static struct np
attr_before(struct an_speakers *sp, size_t qk, size_t s0)
{
	struct np none = { false, -1, AN_HOW_NONE, 0, 0 };
	size_t vv, lo = qk > s0 + WIN ? qk - WIN : s0;

	for (vv = qk; vv > lo; vv--) {
		size_t v = vv - 1;
		const struct an_tok *t = &sp->nar[v];

		if (!is_rverb(t))
			continue;
		if (t->lex & LX_ACCORDING) {
			if (v + 1 < qk && sp_word_is(sp->text, &sp->nar[v + 1], "to"))
				return np_after(sp, v + 2, qk);
			continue;
		}
		if (t->lex & LX_RVERB_ING) {
			/* "…, saying:" is the sentence's subject; "one poster writing" is that noun */
			if (v == lo || sp_punct(&sp->nar[v - 1], ',')) {
				int s = sent_subject(sp, s0, v, true);
				size_t k;

				if (s >= 0) {
					struct np r = { true, s, AN_HOW_NAMED, 0, 0 };

					return r;
				}
				/* ""…," Cook said, adding that …": the speaker of the clause before */
				for (k = v; k > s0; k--) {
					const struct an_tok *x = &sp->nar[k - 1];

					if (x->kind == TK_QUOTE && sp->q[x->q].speaker >= 0 &&
					    (sp->q[x->q].how == AN_HOW_NAMED || sp->q[x->q].how == AN_HOW_ROLE ||
					    sp->q[x->q].how == AN_HOW_PRONOUN ||
					    sp->q[x->q].how == AN_HOW_FRONTMATTER)) {
						struct np r = { true, sp->q[x->q].speaker, sp->q[x->q].how, 0, 0 };

						return r;
					}
				}
				return np_segment(sp, s0, v > s0 ? v - 1 : s0);
			}
			return np_before(sp, lo, v);
		}
		if (v > s0 && conj_before(sp, s0, v)) {
			/* "She said …, but warned: "…"": the sentence's subject */
			int s = sent_subject(sp, s0, v, true);

			if (s >= 0) {
				struct np r = { true, s, AN_HOW_NAMED, 0, 0 };

				if (pronoun(sp->text, &sp->nar[s0]))
					r.how = AN_HOW_PRONOUN;
				return r;
			}
		}
		if (v == lo || v == s0) {
			struct np r = np_after(sp, v + 1, qk);

			if (r.found)
				return r;
			continue;
		}
		{
			struct np r = np_before(sp, lo, v);

			if (r.found)
				return r;
			r = np_after(sp, v + 1, qk);
			if (r.found && r.speaker >= 0)
				return r;
		}
		return none;
	}
	return none;
}

/* Set quotation qi's speaker. */
static void
assign(struct an_speakers *sp, int qi, int speaker, enum an_how how, size_t os, size_t oe)
{
	struct an_quote *q = &sp->q[qi];

	q->speaker = speaker;
	q->how = speaker >= 0 ? how : AN_HOW_NONE;
	q->org_start = speaker < 0 ? os : 0;
	q->org_end = speaker < 0 ? oe : 0;
}

/* The context speaker for an unattributed quotation, or -1 (and *ok false). */
static int
context_speaker(struct an_speakers *sp, bool *ok)
{
	*ok = sp->ctx_valid && (sp->ctx_para == sp->pi || sp->ctx_para + 1 == sp->pi);
	return *ok ? sp->ctx : -1;
}

/* Attribute the quotation part at nar[qk]. */
static void
attribute(struct an_speakers *sp, size_t qk, size_t s0)
{
	int qi = sp->nar[qk].q;
	struct np r;
	bool first = (sp->nar[qk].flags & TF_QFIRST) != 0;
	bool last = (sp->nar[qk].flags & TF_QLAST) != 0;
	bool fragment = sp->q[qi].fragment;

	if (!first) {
		/* a later part of a multi-paragraph quotation */
		if (last && sp->pending[qi]) {
			r = attr_after(sp, qk);
			if (r.found) {
				assign(sp, qi, r.speaker, r.how, r.os, r.oe);
				sp->pending[qi] = false;
			}
		}
		return;
	}
	/* a person named as the subject before the quotation, for "what he called" */
	sp->cur_subj = qk > s0 ? sent_subject(sp, s0, qk, false) : -1;
	r = attr_after(sp, qk);
	if (!r.found)
		r = attr_before(sp, qk, s0);
	sp->cur_subj = -1;
	if (!r.found) {
		/* a quoted phrase in a sentence about someone: "X called it "dangerous"" */
		int s = qk > s0 ? sent_subject(sp, s0, qk, true) : -1;

		if (s >= 0 && !named_inside(sp, s, qk)) {
			r.found = true;
			r.speaker = s;
			r.how = AN_HOW_NAMED;
		}
	}
	if (r.found && r.speaker >= 0 && r.how == AN_HOW_PRONOUN && named_inside(sp, r.speaker, qk))
		r.speaker = -1;
	if (r.found) {
		assign(sp, qi, r.speaker, r.how, r.os, r.oe);
	} else {
		bool ok;
		int c = context_speaker(sp, &ok);

		if (c >= 0 && named_inside(sp, c, qk))
			c = -1;
		assign(sp, qi, c, AN_HOW_CARRIED, 0, 0);
		if (!last)
			sp->pending[qi] = true;
	}
	if (fragment)
		return;
	if (r.found || sp->q[qi].speaker >= 0) {
		sp->ctx = sp->q[qi].speaker;
		sp->ctx_valid = true;
		sp->ctx_para = sp->pi;
		hist_push(sp, sp->q[qi].speaker);
	}
}

/*
 * Build the narrative stream over the paragraph's tokens t[0..n), in place:
 * each run of tokens of one quotation becomes one TK_QUOTE token, whose tix
 * is the number of its part (the people named inside are noted for it).
 */
static void
build_narrative(struct an_speakers *sp, struct an_tok *t, size_t n)
{
	size_t i, nn = 0, parts = 0;

	sp->nar = t;
	sp->ninside = 0;
	for (i = 0; i < n; i++) {
		struct an_tok x;
		int qi = t[i].q;
		size_t j;
		const struct an_quote *q;

		if (qi < 0) {
			if (nn != i)
				t[nn] = t[i];
			nn++;
			continue;
		}
		x = t[i];
		q = &sp->q[qi];
		if (parts + 2 > sp->partcap)
			ARRAY_GROW(sp->inpart, parts + 2, sp->partcap);
		sp->inpart[parts] = sp->ninside;
		for (j = i; j < n && t[j].q == qi; j++) {
			if (t[j].person >= 0) {
				ARRAY_GROW(sp->inside, sp->ninside + 1, sp->insidecap);
				sp->inside[sp->ninside++] = t[j].person;
			}
		}
		sp->inpart[parts + 1] = sp->ninside;
		x.kind = TK_QUOTE;
		x.tix = parts++;
		x.end = t[j - 1].end;
		x.bend = x.end;
		x.flags = TF_INQ;
		x.lex = 0;
		x.person = -1;
		if (q->para == sp->pi)
			x.flags |= TF_QFIRST;
		if (q->para_last == sp->pi)
			x.flags |= TF_QLAST;
		if (q->inner_end > q->inner_start) {
			/* the last character of the quoted words */
			size_t e = q->inner_end;
			unsigned char c = (unsigned char)sp->text[e - 1];

			if (c == '.' || c == '?' || c == '!')
				x.flags |= TF_QTERM;
			else if (e >= 3 && memcmp(sp->text + e - 3, "\xE2\x80\xA6", 3) == 0)
				x.flags |= TF_QTERM;
		}
		t[nn++] = x;
		i = j - 1;
	}
	sp->nn = nn;
}

/* Number the sentences of the narrative stream and note where each starts and ends. */
static void
split_sentences(struct an_speakers *sp)
{
	size_t i;
	size_t s = 0;

	if (sp->nn == 0)
		return;
	if (sp->scap == 0) {
		sp->scap = 16;
		sp->sstart = xreallocarray(sp->sstart, sp->scap, sizeof *sp->sstart);
		sp->send = xreallocarray(sp->send, sp->scap, sizeof *sp->send);
	}
	sp->sstart[0] = 0;
	sp->nar[0].sent = 0;
	for (i = 1; i < sp->nn; i++) {
		const struct an_tok *p = &sp->nar[i - 1], *t = &sp->nar[i];
		bool brk = false;

		if (p->kind == TK_PUNCT) {
			if ((p->ch == '.' || p->ch == '?' || p->ch == '!' || p->ch == PC_ELLIPSIS) &&
			    ((t->kind == TK_WORD && (t->flags & (TF_CAP | TF_DIGIT))) ||
			    t->kind == TK_QUOTE || sp_punct(t, '('))) {
				brk = true;
				if (p->ch == '.' && i >= 2 && sp->nar[i - 2].kind == TK_WORD) {
					const struct an_tok *w = &sp->nar[i - 2];

					if ((w->lex & (LX_HON | LX_ABBREV)) && !(w->flags & TF_DOTTED))
						brk = false;
					else if (w->flags & TF_INITIAL)
						brk = false;
					else if ((w->flags & TF_DOTTED) && t->kind == TK_WORD &&
					    !(t->lex & LX_STOP))
						brk = false;
				}
			}
		} else if (p->kind == TK_QUOTE && (p->flags & TF_QTERM)) {
			if ((t->kind == TK_WORD && (t->flags & TF_CAP)) || t->kind == TK_QUOTE)
				brk = true;
		}
		if (brk) {
			sp->send[s] = i;
			s++;
			if (s >= sp->scap) {
				sp->scap *= 2;
				sp->sstart = xreallocarray(sp->sstart, sp->scap, sizeof *sp->sstart);
				sp->send = xreallocarray(sp->send, sp->scap, sizeof *sp->send);
			}
			sp->sstart[s] = i;
		}
		sp->nar[i].sent = (int)s;
	}
	sp->send[s] = sp->nn;
}

/* Attribute the quotations that start or end in this paragraph and update the context. */
void
an_speakers_para(struct an_speakers *sp, const char *text, struct an_tok *t, size_t n,
    size_t pi)
{
	size_t i = 0;

	sp->text = text;
	sp->pi = pi;
	build_narrative(sp, t, n);
	split_sentences(sp);
	while (i < sp->nn) {
		size_t s0, s1, k, pk;
		bool had_quote = false;
		int subj;

		sent_bounds(sp, i, &s0, &s1);
		subj = sent_subject_at(sp, s0, s1, &pk);
		for (k = s0; k < s1; k++) {
			const struct an_tok *x = &sp->nar[k];

			if (x->kind == TK_WORD) {
				if (is_person(x) && (size_t)x->person < sp->npeople) {
					sp->lastpos[x->person] = ++sp->clock;
					recent_push(sp, x->person);
				}
			} else if (x->kind == TK_QUOTE) {
				attribute(sp, k, s0);
				if (!sp->q[x->q].fragment)
					had_quote = true;
			}
		}
		if (!had_quote) {
			/* the subject once more, now resolving a he or she */
			int s = pk != SIZE_MAX ? resolve_pronoun(sp, pronoun(text, &sp->nar[pk])) : subj;

			if (s >= 0) {
				sp->ctx = s;
				sp->ctx_valid = true;
				sp->ctx_para = pi;
				hist_push(sp, s);
			}
		} else if (subj >= 0) {
			hist_push(sp, subj);
		}
		i = s1;
	}
}

/* Nothing is left to do: pending quotations already hold their context speaker. */
void
an_speakers_finish(struct an_speakers *sp)
{
	(void)sp;
}
