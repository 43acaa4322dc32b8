/*
 * speaker.c: who said each quotation.
 *
 * A paragraph's tokens become a narrative stream in which every quotation
 * part is one TK_QUOTE token, so that nothing inside a quotation can be taken
 * for its attribution. The stream is cut into sentences. For each quotation:
 *
 *   1. after it, "…," Blinken said / said Blinken / the president said /
 *      Stoltenberg, the alliance's secretary-general, said / X, 45, of
 *      Leeds, who …, said (the name at the head of its asides) / according
 *      to X; but not "…." Y added: "…", which introduces the next one;
 *   2. before it, in its sentence: X said: / X told Y, / X continued: /
 *      …, saying: (the sentence's subject) / one poster writing (that noun);
 *   3. else the sentence's own subject, for a quoted phrase ("X called it
 *      "dangerous"");
 *   4. else the context: the speaker of the quotation before, or the person
 *      the sentence before was about, in this paragraph or the one before.
 *
 * A noun phrase found in 1-3 is a person (named or front matter alias), a
 * pronoun (the most recent subject of that gender, else the person named
 * most lately known to be of it), a role ("the president":
 * whoever holds it, most recently mentioned), or anything else, which is an
 * organisation or an unnamed source: then there is no speaker, and the
 * phrase is kept as the quotation's org span. Every window is bounded: what
 * a rule needs of its sentence's start (the subject, the phrase from the
 * start to a verb, the quotations attributed so far) is kept as the sentence
 * is read, so that the narrative can be read in windows (a paragraph of any
 * size, one sentence of any length) and a long sentence costs no more than a
 * short one.
 */
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "util.h"

#define HIST 4		/* recent subjects kept for pronouns */
#define WIN 60		/* longest look-back in tokens */
#define SEG 30		/* longest clause segment in tokens (seg_start()) */
#define RECENT 32	/* people remembered for role nouns */
#define SENT_SEEN 26	/* how far past an attribution's first word its sentence matters */
#define HEAD 25		/* the tokens of a sentence its subject is looked for in */
#define RING 64		/* quotations and role words kept of a sentence (more than WIN + 2) */
#define ROLECTX 6	/* a role word and the five before it */

/*
 * The narrative window: a paragraph's narrative stream is built and read a
 * window at a time, nar[0..nn) being tokens nbase.. of it. BACK tokens stay
 * before the one being read when the window moves on, and LOOK must be after
 * it (unless the paragraph ends first): more than any look-back or look-ahead
 * but the few that sentence state below keeps for. A paragraph whose tokens
 * all fit is read in place, in one window.
 */
#define BACK 160
#define LOOK 96
#ifdef AN_WIN_TEST
#define WINDOW 0
#else
#define WINDOW 4096	/* tokens in a window of its own */
#endif

/* What the forward scan of a sentence found first (struct sentence fres). */
enum { F_NONE, F_PERSON, F_PRONOUN, F_OTHER };

/* A role word of a sentence, the last before a word that is no role. */
struct rolec {
	size_t		 r;		/* its index in the narrative */
	size_t		 nctx;		/* 0, or ctx[nctx - 1] is a copy of it and ctx[..] those before */
	struct an_tok	 ctx[ROLECTX];
};

/*
 * The sentence being read, and what is kept of it so that nothing needs to
 * look back to its start: its first HEAD tokens (copied when the window
 * leaves them), where the scan of np_segment() from its start stops, its
 * role words and its quotations with a named speaker.
 */
struct sentence {
	size_t		 s0;		/* index of its first token in the window (when !far) */
	size_t		 g0;		/* the same in the narrative */
	bool		 far;		/* its start has left the window: head[] holds it */
	size_t		 start;		/* its first byte */
	struct an_tok	 head[HEAD];
	int		 subj;		/* its subject (sent_subject_at()), or -1 */
	int		 subj_g;	/* or the gender of its he or she subject */
	bool		 had_quote;
	/* the scan of np_segment() from the start: the first token it stops at */
	size_t		 fscan;		/* the next token to look at, or the one it stopped at */
	int		 fres;		/* F_*, F_NONE while going on */
	int		 fperson;	/* F_PERSON: who, and how named */
	enum an_how	 fhow;
	int		 fgender;	/* F_PRONOUN: he or she */
	/* the quotations attributed to someone named, by a role or a pronoun */
	size_t		 gpos[RING];
	int		 gq[RING];
	size_t		 ng;		/* how many ever (the last RING are kept) */
	struct rolec	 role[RING];
	size_t		 nr;
};

struct an_speakers {
	struct an_people	*pp;
	struct an_quote		*q;
	size_t			 nq;
	/* the narrative window */
	struct an_tok		*nar;
	size_t			 nn, ncap;
	size_t			 nbase;		/* nar[0] is token nbase of the paragraph's narrative */
	bool			 final;		/* nar holds the paragraph's last token */
	struct an_tok		*own;		/* the window's buffer when not in place */
	const struct an_rawsrc	*src;		/* where the raw tokens come from (windowed) */
	size_t			 k;		/* the next token to read */
	/* building the narrative */
	bool			 pend;		/* a quotation part is being built in pt */
	struct an_tok		 pt;
	size_t			 emitted;	/* tokens of the paragraph's narrative so far */
	size_t			 parts;
	bool			 ahead;		/* reading ahead (attr_after_far()): note no part */
	int			*inside;	/* people named inside quotation parts: */
	size_t			 ninside, insidecap;
	size_t			*inpart;	/* part p's are inside[inpart[p] .. inpart[p + 1]) */
	size_t			 partcap;
	const char		*text;
	size_t			 pi;
	struct sentence		 cur;
	bool			 insent;	/* cur is open */
	/* discourse */
	int			 ctx;		/* person in speaking position, or -1 */
	bool			 ctx_valid;
	size_t			 ctx_para;
	int			 hist[HIST];
	size_t			 npeople;
	bool			*pending;	/* per quotation: multi-paragraph, no attribution yet */
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
	free(sp->own);
	free(sp->pending);
	free(sp);
}

/* ---- token tests ---- */

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

/*
 * Does nar[k] end a noun phrase scan? A full stop glued to an abbreviation,
 * an honorific or an initial ("Sen.", "Dr.", "W.") does not.
 */
static bool
np_stop_at(const struct an_speakers *sp, size_t k)
{
	const struct an_tok *t = &sp->nar[k], *p;

	if (!np_stop(t))
		return false;
	if (t->kind != TK_PUNCT || t->ch != '.' || k == 0)
		return true;
	p = &sp->nar[k - 1];
	return !(p->kind == TK_WORD && p->end == t->start &&
	    ((p->lex & (LX_ABBREV | LX_HON)) || (p->flags & TF_INITIAL)));
}

/* 'm' for he, 'f' for she, 0 otherwise. */
static int
pronoun(const char *text, const struct an_tok *t)
{
	if (an_word_is(text, t, "he"))
		return 'm';
	if (an_word_is(text, t, "she"))
		return 'f';
	return 0;
}

/* Is t a pronoun for a group, the author or a thing (they, it, we, I)? */
static bool
pronoun_other(const char *text, const struct an_tok *t)
{
	return an_word_is(text, t, "they") || an_word_is(text, t, "it") ||
	    an_word_is(text, t, "we") || an_word_is(text, t, "i") || an_word_is(text, t, "you");
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

/*
 * Is nar[k] a person in the possessive before a word of what is theirs
 * ("Arvidsson's spokesman", "Arvidsson's chief of staff"): a phrase about
 * someone else, whom it does not name?
 */
static inline bool
poss_other(const struct an_speakers *sp, size_t k)
{
	const struct an_tok *t = &sp->nar[k];

	return is_person(t) && (t->flags & TF_POSS) && k + 1 < sp->nn &&
	    sp->nar[k + 1].kind == TK_WORD && !is_person(&sp->nar[k + 1]);
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

/*
 * The recent subject a pronoun of gender g refers to; else the person named
 * most lately known to be of that gender ("Maria Costa met Peter Vance. …
 * He told reporters"); -1 if none.
 */
static int
resolve_pronoun(struct an_speakers *sp, int g)
{
	size_t i;

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
	for (i = 0; i < sp->nrecent && i < HIST; i++)
		if (an_people_gender(sp->pp, sp->recent[i]) == g)
			return sp->recent[i];
	return -1;
}

/* The person holding the role word t, most recently named, or -1 (t[-1] is there when prev). */
static int
resolve_role(struct an_speakers *sp, const struct an_tok *t, bool prev)
{
	size_t i, st = t->start;

	/* "the former minister", "the vice president": the modifier is part of the role */
	if (prev && t[-1].kind == TK_WORD && (t[-1].flags & TF_LOWER) &&
	    (an_word_is(sp->text, &t[-1], "former") || an_word_is(sp->text, &t[-1], "vice") ||
	    an_word_is(sp->text, &t[-1], "deputy") || an_word_is(sp->text, &t[-1], "acting") ||
	    an_word_is(sp->text, &t[-1], "assistant") || an_word_is(sp->text, &t[-1], "shadow")) &&
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
 * How definite the role word t is, of which nb tokens before (t[-1],
 * t[-2], ...) are in its phrase: 1 after "the" ("the opposition leader"), 2
 * after a possessive or a capitalised bare title ("its spokesman", "Prime
 * Minister said"), 0 for "a spokesman" or nothing.
 */
static int
role_definite(const struct an_speakers *sp, const struct an_tok *t, size_t nb)
{
	size_t j;

	for (j = 0; j < nb && j < 5; j++) {
		const struct an_tok *p = t - 1 - j;

		if (p->kind != TK_WORD)
			break;
		if (p->lex & LX_INDEF)
			return 0;
		if (an_word_is(sp->text, p, "the"))
			return 1;
		if ((p->flags & TF_POSS) || an_word_is(sp->text, p, "its") ||
		    an_word_is(sp->text, p, "their"))
			return 2;
	}
	return (t->flags & TF_CAP) != 0 ? 2 : 0;
}

/* A phrase that names person p (or nobody: -1), found how. */
static struct np
np_who(int p, enum an_how how)
{
	struct np r = { true, p, how, 0, 0 };

	return r;
}

/* Whether the person the text is about was named in this paragraph or the one before. */
static bool
ctx_recent(const struct an_speakers *sp)
{
	return sp->ctx_valid && sp->ctx >= 0 &&
	    (sp->ctx_para == sp->pi || sp->ctx_para + 1 == sp->pi);
}

/*
 * "the Swiss", "the 27-year-old": "the" at first, one or two words more up to
 * last, a nationality or an age, while the person the text is about is recent.
 */
static bool
the_described(const struct an_speakers *sp, const struct an_tok *first, size_t more,
    const struct an_tok *last)
{
	return more > 0 && more <= 2 && an_word_is(sp->text, first, "the") &&
	    last->kind == TK_WORD && ((last->lex & LX_NATION) ||
	    ascii_endswith(sp->text + last->start, last->bend - last->start, "year-old")) &&
	    ctx_recent(sp);
}

/*
 * A noun phrase that is the role word t, of which nb tokens before are in
 * the phrase, which starts at byte os (t[-1] is there when prev).
 */
static struct np
np_role_at(struct an_speakers *sp, const struct an_tok *t, size_t nb, bool prev, size_t os)
{
	struct np r = { true, -1, AN_HOW_NONE, 0, 0 };

	int def = role_definite(sp, t, nb);

	if (def > 0) {
		r.speaker = resolve_role(sp, t, prev);
		/* nobody holds it: "the festival director" is who the text is about */
		if (r.speaker < 0 && def == 1 && ctx_recent(sp) && !(t->lex & LX_PLURALTITLE))
			r.speaker = sp->ctx;
		if (r.speaker >= 0)
			r.how = AN_HOW_ROLE;
	}
	if (r.speaker < 0) {
		r.os = os;
		r.oe = t->end;
	}
	return r;
}

/* A noun phrase that is a role at nar[k] (lo bounds the look-back). */
static struct np
np_role(struct an_speakers *sp, size_t lo, size_t k)
{
	return np_role_at(sp, &sp->nar[k], k - lo, k + sp->nbase > 0, sp->nar[lo].start);
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

/*
 * Whether the one token t says who speaks: a person, a pronoun, or "they"
 * and the like (an attribution to nobody in particular); *r is the phrase.
 */
static bool
np_word(struct an_speakers *sp, const struct an_tok *t, struct np *r)
{
	int g;

	if (is_person(t))
		*r = np_who(t->person, how_of(t));
	else if ((g = pronoun(sp->text, t)) != 0)
		*r = np_pronoun(sp, g);
	else if (pronoun_other(sp->text, t))
		*r = np_who(-1, AN_HOW_NONE);
	else
		return false;
	return true;
}

/* Start of the clause segment ending at k (after , ; : or a quotation), not before lo. */
static size_t
seg_start(const struct an_speakers *sp, size_t lo, size_t k)
{
	size_t j = k, steps = 0;

	while (j > lo && steps < SEG && !np_stop_at(sp, j - 1)) {
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

		if (poss_other(sp, k))
			continue;
		if (is_person(t))
			return np_who(t->person, how_of(t));
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
		if (sp->nar[k - 1].kind == TK_WORD && an_word_is(sp->text, &sp->nar[k - 1], "of"))
			continue;
	}
	/* "the Swiss said", "the 27-year-old said": the person the text is about */
	if (the_described(sp, &sp->nar[a], b - a, &sp->nar[b]))
		return np_who(sp->ctx, AN_HOW_ROLE);
	return np_org(sp, a, b);
}

/*
 * Does the clause segment nar[a..b] read as an apposition or an aside that
 * can come between a name and its verb: an age ("45"), an origin or a place
 * ("of Leeds", "at the university"), a relative clause ("who ..."), a
 * participle ("speaking to reporters"), an indefinite phrase ("a senior
 * lecturer") or a role ("the club's head coach")?
 */
static bool
seg_aside(const struct an_speakers *sp, size_t a, size_t b)
{
	static const char *const lead[] = { "of", "from", "at", "in", "who", "whose", "for", "with" };
	const struct an_tok *t = &sp->nar[a];
	size_t k;

	if (t->kind != TK_WORD)
		return false;
	if ((t->flags & TF_DIGIT) && a == b)
		return true;
	for (k = 0; k < sizeof lead / sizeof lead[0]; k++)
		if (an_word_is(sp->text, t, lead[k]))
			return true;
	if ((t->flags & TF_LOWER) && ((t->lex & (LX_RVERB_ING | LX_INDEF)) ||
	    ascii_endswith(sp->text + t->start, t->bend - t->start, "ing")))
		return true;
	for (k = a; k <= b; k++) {
		const struct an_tok *x = &sp->nar[k];

		if (is_role(x))
			return true;
		if (x->kind != TK_WORD || is_person(x) || !((x->lex & (LX_DET | LX_TMOD | LX_NATION)) ||
		    (x->flags & (TF_POSS | TF_CAP))))
			return false;
	}
	return false;
}

/*
 * The name at the head of a chain of comma-separated asides before a verb,
 * the segment nar[a..b] being the first that is no aside: "Tomasz Wojcik,
 * a lecturer at the university, who has studied it for years, said". The
 * last person named in it, or a pronoun that starts it; none else.
 */
static struct np
np_chain_head(struct an_speakers *sp, size_t lo, size_t a, size_t b)
{
	struct np none = { false, -1, AN_HOW_NONE, 0, 0 };
	size_t j, segs;

	for (segs = 0; segs < 4; segs++) {
		for (j = b + 1; j > a; j--)
			if (is_person(&sp->nar[j - 1]) && !poss_other(sp, j - 1))
				return np_who(sp->nar[j - 1].person, how_of(&sp->nar[j - 1]));
		if (pronoun(sp->text, &sp->nar[a]))
			return np_pronoun(sp, pronoun(sp->text, &sp->nar[a]));
		if (!seg_aside(sp, a, b) || a < lo + 2 || !an_punct_is(&sp->nar[a - 1], ','))
			return none;
		b = a - 2;
		a = seg_start(sp, lo, a - 1);
		if (a > b)
			return none;
	}
	return none;
}

/*
 * The subject right before the verb at v, in nar[lo, v). A comma before the
 * verb means an apposition: "Stoltenberg, the alliance's secretary-general, said".
 */
static struct np
np_before(struct an_speakers *sp, size_t lo, size_t v)
{
	struct np none = { false, -1, AN_HOW_NONE, 0, 0 }, r;
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
	if (np_word(sp, t, &r))
		return r;
	if (an_punct_is(t, ',')) {
		/* S1 = the segment before this comma; S0 = the one before it */
		size_t s1 = seg_start(sp, lo, k), j;

		if (s1 >= k)
			return none;
		if (is_person(&sp->nar[s1]) && !poss_other(sp, s1))
			return np_who(sp->nar[s1].person, how_of(&sp->nar[s1]));
		if (s1 > lo && an_punct_is(&sp->nar[s1 - 1], ',')) {
			size_t s0 = seg_start(sp, lo, s1 - 1);

			for (j = s1 - 1; j > s0; j--) {
				if (is_person(&sp->nar[j - 1]) && !poss_other(sp, j - 1))
					return np_who(sp->nar[j - 1].person, how_of(&sp->nar[j - 1]));
			}
			if (s1 - 1 > s0 && pronoun(sp->text, &sp->nar[s0]))
				return np_pronoun(sp, pronoun(sp->text, &sp->nar[s0]));
			/* further back, past asides: "X, a lecturer, who …, said" */
			if (s0 > lo && s1 - 1 > s0 && seg_aside(sp, s0, s1 - 2) &&
			    an_punct_is(&sp->nar[s0 - 1], ',') && seg_start(sp, lo, s0 - 1) < s0 - 1) {
				r = np_chain_head(sp, lo, seg_start(sp, lo, s0 - 1), s0 - 2);
				if (r.found)
					return r;
			}
			if (s1 - 1 > s0 && (an_word_is(sp->text, &sp->nar[s1], "who") ||
			    an_word_is(sp->text, &sp->nar[s1], "which")))
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
	struct np none = { false, -1, AN_HOW_NONE, 0, 0 }, r;
	size_t k, end;

	if (a >= hi || np_stop(&sp->nar[a]))
		return none;
	for (end = a; end < hi && end - a < 10 && !np_stop_at(sp, end); end++)
		;
	for (k = a; k < end; k++) {
		const struct an_tok *t = &sp->nar[k];

		if (poss_other(sp, k))
			continue;	/* "said Arvidsson's chief of staff" */
		if (np_word(sp, t, &r))
			return r;
		if (is_role(t)) {
			/* "said the spokesman, John Smith" */
			if (end < hi && an_punct_is(&sp->nar[end], ',') && end + 1 < hi &&
			    is_person(&sp->nar[end + 1]))
				return np_who(sp->nar[end + 1].person, how_of(&sp->nar[end + 1]));
			if (k + 1 < end && is_person(&sp->nar[k + 1]))
				continue;
			if (k + 2 < end && an_punct_is(&sp->nar[k + 1], '.') && is_person(&sp->nar[k + 2]))
				continue;	/* "Sen. Lorraine Okafor" */
			if (k + 1 < end && (sp->nar[k + 1].lex & LX_ROLE))
				continue;	/* "the prime minister": take the head */
			return np_role(sp, a, k);
		}
		if (t->kind == TK_WORD && ((t->flags & TF_CAP) || (t->lex & (LX_DET | LX_TMOD))) &&
		    !(t->lex & LX_INDEF))
			continue;
		if (an_punct_is(t, '.'))
			continue;	/* "Sen. Lorraine Okafor" (np_stop_at()) */
		break;
	}
	return np_org(sp, a, end > a ? end - 1 : a);
}

/*
 * The subject of the sentence whose first tokens are h[0..m) (no more than
 * HEAD are looked at) as sent_subject() finds it, but without resolving
 * pronouns: when the subject is a he or she, *pk is set to its index in h
 * and -1 returned (else *pk is SIZE_MAX).
 */
static int
sent_subject_at(struct an_speakers *sp, const struct an_tok *h, size_t m, size_t *pk)
{
	size_t k = 0, jumps = 0, lim = m < HEAD ? m : HEAD;

	*pk = SIZE_MAX;
	while (k < lim) {
		const struct an_tok *t = &h[k];

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
		if (an_punct_is(t, '.') && k > 0 && h[k - 1].kind == TK_WORD &&
		    ((h[k - 1].lex & (LX_HON | LX_ABBREV)) || (h[k - 1].flags & TF_INITIAL))) {
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
		if (is_role(t) && !(t->lex & LX_RVERB)) {
			k++;
			continue;	/* "Polling expert Professor John Curtis said" */
		}
		if (t->kind == TK_WORD && k + 1 < lim && is_person(&h[k + 1])) {
			k++;
			continue;	/* "coauthor Colette Heald", "unionist Omar Haddad" */
		}
		/* something else: an opening phrase ends at a comma, or there is no subject */
		{
			size_t j;

			if (jumps >= 2)
				return -1;
			for (j = k + 1; j < lim && !an_punct_is(&h[j], ','); j++)
				if (h[j].kind == TK_QUOTE)
					return -1;
			if (j >= lim)
				return -1;
			k = j + 1;
			jumps++;
		}
	}
	return -1;
}

/* The first tokens of the sentence being read. */
static const struct an_tok *
sent_head(const struct an_speakers *sp)
{
	return sp->cur.far ? sp->cur.head : &sp->nar[sp->cur.s0];
}

/* How many tokens of the sentence being read come before nar[x] (HEAD when more). */
static size_t
sent_upto(const struct an_speakers *sp, size_t x)
{
	if (sp->cur.far || x - sp->cur.s0 > HEAD)
		return HEAD;
	return x - sp->cur.s0;
}

/*
 * The subject of the sentence being read, before nar[x]: a person named (or
 * a he or she, when use_pronouns) near its start, after an opening phrase or
 * an apposition; -1 if none.
 */
static int
sent_subject(struct an_speakers *sp, size_t x, bool use_pronouns)
{
	size_t pk;
	const struct an_tok *h = sent_head(sp);
	int s = sent_subject_at(sp, h, sent_upto(sp, x), &pk);

	if (pk != SIZE_MAX)
		return use_pronouns ? resolve_pronoun(sp, pronoun(sp->text, &h[pk])) : -1;
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

/*
 * The end of the sentence of nar[j] (the next sentence start after j, or the
 * end of the stream), but no further than j + SENT_SEEN: what comes later
 * does not change an attribution found from j.
 */
static size_t
sent_end_near(const struct an_speakers *sp, size_t j)
{
	size_t k, lim = sp->nn - j > SENT_SEEN ? j + SENT_SEEN : sp->nn;

	for (k = j + 1; k < lim && !(sp->nar[k].flags & TF_NSTART); k++)
		;
	return k;
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
	return an_word_is(sp->text, &sp->nar[k - 1], "and") ||
	    an_word_is(sp->text, &sp->nar[k - 1], "but") ||
	    an_word_is(sp->text, &sp->nar[k - 1], "then") ||
	    an_word_is(sp->text, &sp->nar[k - 1], "or") ||
	    an_word_is(sp->text, &sp->nar[k - 1], "yet");
}

/*
 * Does the reporting verb at nar[v] introduce what follows it rather than
 * what came before: is the first punctuation after it in its sentence (up
 * to s1) a colon or a quotation ("Y added: "…"", "Y told the court: "…"")?
 */
static bool
introduces(const struct an_speakers *sp, size_t v, size_t s1)
{
	size_t k;

	for (k = v + 1; k < s1 && k < sp->nn; k++) {
		const struct an_tok *t = &sp->nar[k];

		if (t->kind == TK_QUOTE)
			return true;
		if (t->kind == TK_PUNCT)
			return t->ch == ':';
	}
	return false;
}

/*
 * The attribution after a quotation that starts at nar[j], the first token
 * after it that is no comma, dash or other quotation; newsent: a sentence
 * starts between.
 */
static struct np
attr_from(struct an_speakers *sp, size_t j, bool newsent)
{
	struct np none = { false, -1, AN_HOW_NONE, 0, 0 };
	size_t v, s1;

	if (j >= sp->nn || sp->nar[j].kind != TK_WORD)
		return none;
	s1 = sent_end_near(sp, j);
	/* a new sentence that is not a short "X said." */
	if ((newsent && !(sp->nar[j].flags & TF_NSTART)) ||
	    ((sp->nar[j].flags & TF_NSTART) && s1 - j > 9))
		return none;
	for (v = j; v < s1 && v - j < 12; v++) {
		const struct an_tok *t = &sp->nar[v];

		if (t->kind == TK_QUOTE)
			return none;
		if (!is_rverb(t))
			continue;
		if (t->lex & LX_ACCORDING) {
			if (v + 1 < s1 && an_word_is(sp->text, &sp->nar[v + 1], "to"))
				return np_after(sp, v + 2, s1);
			return none;
		}
		if ((newsent || (sp->nar[j].flags & TF_NSTART)) && introduces(sp, v, s1))
			return none;	/* "…." Y added: "…": Y's words are the next ones */
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

/* Is nar[j] one of the commas, dashes and other quotations an attribution after a quotation skips? */
static bool
skippable(const struct an_speakers *sp, size_t j, size_t skipped)
{
	const struct an_tok *t = &sp->nar[j];

	return an_punct_is(t, ',') || an_punct_is(t, PC_DASH) || an_punct_is(t, '-') ||
	    (t->kind == TK_QUOTE && skipped < 2);
}

static struct np attr_after_far(struct an_speakers *sp, size_t j, bool newsent, size_t skipped);

/* The attribution after the quotation at qk, if any. */
static struct np
attr_after(struct an_speakers *sp, size_t qk)
{
	size_t j = qk + 1, skipped = 0;
	bool newsent = false;

	/* (a later token of the same quotation would be part of its run) */
	while (j < sp->nn && skippable(sp, j, skipped)) {
		if (sp->nar[j].kind == TK_QUOTE)
			skipped++;
		if (sp->nar[j].flags & TF_NSTART)
			newsent = true;
		j++;
	}
	if (!sp->final && j + SENT_SEEN + 2 >= sp->nn)
		return attr_after_far(sp, j, newsent, skipped);
	return attr_from(sp, j, newsent);
}

/*
 * The quotation of the sentence being read, before nar[v], that was last
 * attributed to someone by name, role or pronoun (an index into sp->q); -1
 * if none.
 */
static int
named_quote_before(const struct an_speakers *sp, size_t v)
{
	const struct sentence *c = &sp->cur;
	size_t vg = v + sp->nbase, i;

	for (i = c->ng; i > 0 && c->ng - i < RING; i--)
		if (c->gpos[(i - 1) % RING] < vg)
			return c->gq[(i - 1) % RING];
	return -1;
}

/*
 * What np_segment() gives for the phrase from the start of the sentence
 * being read to nar[b], from what is kept of the sentence (its start may
 * have left the window, and reading it again each time would be quadratic).
 */
static struct np
np_sentence(struct an_speakers *sp, size_t b)
{
	const struct sentence *c = &sp->cur;
	size_t bg = b + sp->nbase, i;

	/* the scan from the start stops at a person or a pronoun before b */
	if (c->fres != F_NONE && c->fscan <= bg) {
		if (c->fres == F_PERSON)
			return np_who(c->fperson, c->fhow);
		if (c->fres == F_PRONOUN)
			return np_pronoun(sp, c->fgender);
	}
	/* the head noun: the last role word up to b */
	if (is_role(&sp->nar[b]))
		return np_role_at(sp, &sp->nar[b], bg - c->g0, bg > 0, c->start);
	for (i = c->nr; i > 0 && c->nr - i < RING; i--) {
		const struct rolec *e = &c->role[(i - 1) % RING];

		if (e->r < bg)
			return np_role_at(sp, e->nctx > 0 ? &e->ctx[e->nctx - 1] : &sp->nar[e->r - sp->nbase],
			    e->r - c->g0, e->r > 0, c->start);
	}
	/* "the Swiss said", "the 27-year-old said": the person the text is about */
	if (the_described(sp, &sent_head(sp)[0], bg - c->g0, &sp->nar[b]))
		return np_who(sp->ctx, AN_HOW_ROLE);
	{
		struct np r = { true, -1, AN_HOW_NONE, 0, 0 };

		r.os = c->start;
		r.oe = sp->nar[b].bend > sp->nar[b].start ? sp->nar[b].bend : sp->nar[b].end;
		return r;
	}
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
			if (v + 1 < qk && an_word_is(sp->text, &sp->nar[v + 1], "to"))
				return np_after(sp, v + 2, qk);
			continue;
		}
		if (t->lex & LX_RVERB_ING) {
			/* "…, saying:" is the sentence's subject; "one poster writing" is that noun */
			if (v == lo || an_punct_is(&sp->nar[v - 1], ',')) {
				int s = sent_subject(sp, v, true);

				if (s >= 0)
					return np_who(s, AN_HOW_NAMED);
				/* ""…," Cook said, adding that …": the speaker of the clause before */
				s = named_quote_before(sp, v);
				if (s >= 0)
					return np_who(sp->q[s].speaker, sp->q[s].how);
				return np_sentence(sp, v > s0 ? v - 1 : s0);
			}
			return np_before(sp, lo, v);
		}
		if (v > s0 && conj_before(sp, s0, v)) {
			/* "She said …, but warned: "…"": the sentence's subject */
			int s = sent_subject(sp, v, true);

			if (s >= 0) {
				struct np r = { true, s, AN_HOW_NAMED, 0, 0 };

				if (pronoun(sp->text, &sent_head(sp)[0]))
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
	sp->cur_subj = qk > s0 ? sent_subject(sp, qk, false) : -1;
	r = attr_after(sp, qk);
	if (!r.found)
		r = attr_before(sp, qk, s0);
	sp->cur_subj = -1;
	if (!r.found) {
		/* a quoted phrase in a sentence about someone: "X called it "dangerous"" */
		int s = qk > s0 ? sent_subject(sp, qk, true) : -1;

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
 * Does a sentence start at t, after p, itself after w (NULL when p is the
 * first token)?
 */
static bool
sent_breaks(const struct an_tok *w, const struct an_tok *p, const struct an_tok *t)
{
	if (p->kind == TK_PUNCT) {
		if (!((p->ch == '.' || p->ch == '?' || p->ch == '!' || p->ch == PC_ELLIPSIS) &&
		    ((t->kind == TK_WORD && (t->flags & (TF_CAP | TF_DIGIT))) ||
		    t->kind == TK_QUOTE || an_punct_is(t, '('))))
			return false;
		if (p->ch == '.' && w != NULL && w->kind == TK_WORD) {
			if ((w->lex & (LX_HON | LX_ABBREV)) && !(w->flags & TF_DOTTED))
				return false;
			if (w->flags & TF_INITIAL)
				return false;
			if ((w->flags & TF_DOTTED) && t->kind == TK_WORD && !(t->lex & LX_STOP))
				return false;
		}
		return true;
	}
	if (p->kind == TK_QUOTE && (p->flags & TF_QTERM))
		return (t->kind == TK_WORD && (t->flags & TF_CAP)) || t->kind == TK_QUOTE;
	return false;
}

/* Append x to the narrative window, marking it when it starts a sentence. */
static inline void
nar_emit(struct an_speakers *sp, const struct an_tok *x)
{
	struct an_tok *t = &sp->nar[sp->nn];

	if (t != x)
		*t = *x;	/* (in place, a token before any quotation stays) */
	if (sp->emitted == 0 || sent_breaks(sp->emitted >= 2 ? &t[-2] : NULL, &t[-1], t))
		t->flags |= TF_NSTART;
	sp->nn++;
	sp->emitted++;
}

/* Note that person p is named inside the quotation part being built. */
static void
inside_add(struct an_speakers *sp, int p)
{
	if (sp->ahead)
		return;
	ARRAY_GROW(sp->inside, sp->ninside + 1, sp->insidecap);
	sp->inside[sp->ninside++] = p;
	sp->inpart[sp->parts] = sp->ninside;
}

/*
 * Add the paragraph's next raw tokens t[0..n) (marked by pass 2) to the
 * narrative window: each run of tokens of one quotation becomes one TK_QUOTE
 * token, whose tix is the number of its part (the people named inside are
 * noted for it). The window may be t itself (the narrative is never longer).
 */
static void
nar_feed(struct an_speakers *sp, const struct an_tok *t, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		const struct an_quote *q;
		struct an_tok *x;

		if (sp->pend) {
			if (t[i].q == sp->pt.q) {
				/* the part goes on */
				sp->pt.end = t[i].end;
				if (t[i].person >= 0)
					inside_add(sp, t[i].person);
				continue;
			}
			sp->pend = false;
			nar_emit(sp, &sp->pt);
		}
		if (t[i].q < 0) {
			nar_emit(sp, &t[i]);
			continue;
		}
		/* a quotation part starts */
		x = &sp->pt;
		*x = t[i];
		q = &sp->q[x->q];
		if (!sp->ahead) {
			sp->parts++;
			if (sp->parts + 2 > sp->partcap)
				ARRAY_GROW(sp->inpart, sp->parts + 2, sp->partcap);
			sp->inpart[sp->parts - 1] = sp->ninside;
			sp->inpart[sp->parts] = sp->ninside;
		}
		x->kind = TK_QUOTE;
		x->tix = (uint32_t)(sp->parts - 1);
		x->bend = x->end;
		x->flags = TF_INQ;
		x->lex = 0;
		x->person = -1;
		if (q->para == sp->pi)
			x->flags |= TF_QFIRST;
		if (q->para_last == sp->pi)
			x->flags |= TF_QLAST;
		if (q->inner_end > q->inner_start) {
			/* the last character of the quoted words */
			size_t e = q->inner_end;
			unsigned char c = (unsigned char)sp->text[e - 1];

			if (c == '.' || c == '?' || c == '!')
				x->flags |= TF_QTERM;
			else if (e >= 3 && memcmp(sp->text + e - 3, "\xE2\x80\xA6", 3) == 0)
				x->flags |= TF_QTERM;
		}
		if (t[i].person >= 0)
			inside_add(sp, t[i].person);
		sp->pend = true;
	}
}

/* The paragraph's raw tokens are all fed: finish the narrative. */
static void
nar_close(struct an_speakers *sp)
{
	if (sp->pend) {
		sp->pend = false;
		nar_emit(sp, &sp->pt);
	}
	sp->final = true;
}

/* Start reading the sentence that starts at nar[k]. */
static void
sent_open(struct an_speakers *sp, size_t k)
{
	struct sentence *c = &sp->cur;
	size_t s1, pk;

	c->s0 = k;
	c->g0 = k + sp->nbase;
	c->far = false;
	c->start = sp->nar[k].start;
	for (s1 = k + 1; s1 < sp->nn && s1 - k < HEAD && !(sp->nar[s1].flags & TF_NSTART); s1++)
		;
	c->subj = sent_subject_at(sp, &sp->nar[k], s1 - k, &pk);
	c->subj_g = pk != SIZE_MAX ? pronoun(sp->text, &sp->nar[k + pk]) : 0;
	c->had_quote = false;
	c->fscan = c->g0;
	c->fres = F_NONE;
	c->ng = 0;
	c->nr = 0;
	sp->insent = true;
}

/*
 * Carry the scan of np_segment() from the sentence start on to nar[k]
 * (nar[k] itself is there), and note nar[k - 1] if it is a role word that
 * is the head of its phrase.
 */
static void
sent_scan(struct an_speakers *sp, size_t k)
{
	struct sentence *c = &sp->cur;
	size_t kg = k + sp->nbase;

	while (c->fres == F_NONE && c->fscan < kg) {
		const struct an_tok *t = &sp->nar[c->fscan - sp->nbase];

		if (poss_other(sp, c->fscan - sp->nbase)) {
			c->fscan++;
			continue;
		}
		if (is_person(t)) {
			c->fres = F_PERSON;
			c->fperson = t->person;
			c->fhow = how_of(t);
		} else if (pronoun(sp->text, t)) {
			c->fres = F_PRONOUN;
			c->fgender = pronoun(sp->text, t);
		} else if (!(t->kind == TK_WORD && (t->flags & TF_CAP) && !(t->lex & LX_DET)) &&
		    !(t->kind == TK_WORD && (t->lex & (LX_PREP | LX_DET | LX_TMOD)) &&
		    !(t->lex & LX_INDEF)) && !(is_role(t) && is_person(t + 1)))
			c->fres = F_OTHER;
		else
			c->fscan++;
	}
	if (kg > c->g0 && is_role(&sp->nar[k - 1]) && !(sp->nar[k].lex & LX_ROLE)) {
		struct rolec *e = &c->role[c->nr++ % RING];

		e->r = kg - 1;
		e->nctx = 0;
	}
}

/* The sentence being read ends: what it says of who the text is about. */
static void
sent_close(struct an_speakers *sp)
{
	struct sentence *c = &sp->cur;

	if (!c->had_quote) {
		/* the subject once more, now resolving a he or she */
		int s = c->subj_g != 0 ? resolve_pronoun(sp, c->subj_g) : c->subj;

		if (s >= 0) {
			sp->ctx = s;
			sp->ctx_valid = true;
			sp->ctx_para = sp->pi;
			hist_push(sp, s);
		}
	} else if (c->subj >= 0) {
		hist_push(sp, c->subj);
	}
	sp->insent = false;
}

/*
 * The first token after the quotation at nar[k] that an attribution after
 * it can start with (what attr_after() skips), or nn.
 */
static size_t
after_quote(const struct an_speakers *sp, size_t k)
{
	size_t j = k + 1, skipped = 0;

	for (; j < sp->nn && skippable(sp, j, skipped); j++)
		if (sp->nar[j].kind == TK_QUOTE)
			skipped++;
	return j;
}

/*
 * Read the narrative window from nar[k] on: attribute the quotations and
 * keep the context. Stops where a token needs more of the paragraph than the
 * window holds, or at its end.
 */
static void
nar_read(struct an_speakers *sp)
{
	while (sp->k < sp->nn) {
		size_t k = sp->k;
		const struct an_tok *x = &sp->nar[k];

		if (!sp->final) {
			if (sp->nn - k < LOOK)
				return;
			/* an attribution after a quotation is read a little further on */
			if (x->kind == TK_QUOTE && k > BACK &&
			    after_quote(sp, k) + SENT_SEEN + 2 >= sp->nn)
				return;
		}
		if (x->flags & TF_NSTART) {
			if (sp->insent)
				sent_close(sp);
			sent_open(sp, k);
		}
		sent_scan(sp, k);
		if (x->kind == TK_WORD) {
			if (is_person(x) && (size_t)x->person < sp->npeople)
				recent_push(sp, x->person);
		} else if (x->kind == TK_QUOTE) {
			const struct an_quote *q = &sp->q[x->q];

			attribute(sp, k, sp->cur.far ? 0 : sp->cur.s0);
			if (!q->fragment)
				sp->cur.had_quote = true;
			if (q->speaker >= 0 && (q->how == AN_HOW_NAMED || q->how == AN_HOW_ROLE ||
			    q->how == AN_HOW_PRONOUN || q->how == AN_HOW_FRONTMATTER)) {
				struct sentence *c = &sp->cur;

				c->gpos[c->ng % RING] = k + sp->nbase;
				c->gq[c->ng % RING] = x->q;
				c->ng++;
			}
		}
		sp->k = k + 1;
	}
	if (sp->final && sp->insent)
		sent_close(sp);
}

/* Start a paragraph, number pi, of text. */
static void
para_begin(struct an_speakers *sp, const char *text, size_t pi)
{
	sp->text = text;
	sp->pi = pi;
	sp->nn = 0;
	sp->nbase = 0;
	sp->k = 0;
	sp->final = false;
	sp->pend = false;
	sp->emitted = 0;
	sp->parts = 0;
	sp->ninside = 0;
	sp->insent = false;
	if (sp->partcap < 2)
		ARRAY_GROW(sp->inpart, 2, sp->partcap);
	sp->inpart[0] = 0;
}

/* Attribute the quotations that start or end in this paragraph and update the context. */
void
an_speakers_para(struct an_speakers *sp, const char *text, struct an_tok *t, size_t n,
    size_t pi)
{
	para_begin(sp, text, pi);
	sp->nar = t;
	sp->src = NULL;
	nar_feed(sp, t, n);
	nar_close(sp);
	nar_read(sp);
}

/* The room for raw tokens in a window of its own. */
#define SPWIN	(WINDOW > BACK + LOOK + 2 * AN_RAWBATCH + 2 ? WINDOW : BACK + LOOK + 2 * AN_RAWBATCH + 2)

/* Start paragraph pi of text, to be read in windows of its own; its raw tokens come from src. */
void
an_speakers_begin(struct an_speakers *sp, const char *text, size_t pi, const struct an_rawsrc *src)
{
	para_begin(sp, text, pi);
	if (sp->own == NULL)
		sp->own = xcalloc(SPWIN, sizeof *sp->own);
	sp->nar = sp->own;
	sp->ncap = SPWIN;
	sp->src = src;
}

/* How many raw tokens the window takes now. */
size_t
an_speakers_room(const struct an_speakers *sp)
{
	size_t free = sp->ncap - sp->nn;

	return free > 1 ? free - 1 : 0;
}

/* Add raw tokens; last: the paragraph has no more. */
void
an_speakers_feed(struct an_speakers *sp, const struct an_tok *t, size_t n, bool last)
{
	nar_feed(sp, t, n);
	if (last)
		nar_close(sp);
}

/*
 * Move the window on, keeping BACK tokens before the next to read (and a
 * copy of what the sentence state needs of the tokens it drops).
 */
static void
nar_slide(struct an_speakers *sp)
{
	struct sentence *c = &sp->cur;
	size_t d = sp->k > BACK ? sp->k - BACK : 0, i;

	if (d == 0)
		return;
	if (sp->insent && !c->far && c->s0 < d) {
		size_t m = sp->nn - c->s0 < HEAD ? sp->nn - c->s0 : HEAD;

		memcpy(c->head, &sp->nar[c->s0], m * sizeof *c->head);
		c->far = true;
	}
	for (i = c->nr; sp->insent && i > 0 && c->nr - i < RING; i--) {
		struct rolec *e = &c->role[(i - 1) % RING];
		size_t lo = e->r >= ROLECTX - 1 ? e->r - (ROLECTX - 1) : 0;

		if (e->nctx == 0 && lo < sp->nbase + d) {
			e->nctx = e->r - lo + 1;
			memcpy(e->ctx, &sp->nar[lo - sp->nbase], e->nctx * sizeof *e->ctx);
		}
	}
	memmove(sp->nar, sp->nar + d, (sp->nn - d) * sizeof *sp->nar);
	sp->nn -= d;
	sp->k -= d;
	sp->nbase += d;
	if (sp->insent && !c->far)
		c->s0 -= d;
}

/* Read what the window allows and move it on; true when the paragraph is done. */
bool
an_speakers_read(struct an_speakers *sp)
{
	nar_read(sp);
	if (sp->final && sp->k >= sp->nn)
		return true;
	nar_slide(sp);
	return false;
}

/*
 * attr_after() for a quotation whose attribution runs past the window: its
 * skip of commas, dashes and quotations reached nar[j] (j may be nn) with
 * skipped quotations and newsent. Read on from a copy of the raw token source
 * and of the narrative's state into a window of its own, then look there.
 */
static struct np
attr_after_far(struct an_speakers *sp, size_t j, bool newsent, size_t skipped)
{
	struct an_rawsrc src = *sp->src;
	struct an_tok *save_nar = sp->nar, raw[64], *w;
	size_t save_nn = sp->nn, save_nbase = sp->nbase, save_emitted = sp->emitted;
	size_t cap = 4 + SENT_SEEN + sizeof raw / sizeof raw[0] + 2, lo, jj;
	bool save_final = sp->final, save_pend = sp->pend;
	struct an_tok save_pt = sp->pt;
	struct np r;

	/* the window from j - 1 (from the last two tokens when j is past it) */
	lo = j >= 1 && j - 1 < sp->nn - 2 ? j - 1 : sp->nn - 2;
	if (sp->nn - lo + sizeof raw / sizeof raw[0] + 2 > cap)
		cap = sp->nn - lo + sizeof raw / sizeof raw[0] + 2;
	w = xcalloc(cap, sizeof *w);
	memcpy(w, &sp->nar[lo], (sp->nn - lo) * sizeof *w);
	sp->nar = w;
	sp->nn = save_nn - lo;
	sp->nbase = save_nbase + lo;
	sp->ahead = true;
	jj = j - lo;
	for (;;) {
		size_t n;

		for (; jj < sp->nn && skippable(sp, jj, skipped); jj++) {
			if (sp->nar[jj].kind == TK_QUOTE)
				skipped++;
			if (sp->nar[jj].flags & TF_NSTART)
				newsent = true;
		}
		if (sp->final || (jj < sp->nn && jj + SENT_SEEN + 2 < sp->nn))
			break;
		/* keep what an attribution from jj looks at: jj - 1 on, or the last two */
		lo = jj < sp->nn ? jj - 1 : sp->nn - 2;
		memmove(sp->nar, sp->nar + lo, (sp->nn - lo) * sizeof *sp->nar);
		sp->nn -= lo;
		sp->nbase += lo;
		jj -= lo;
		n = an_rawsrc_next(&src, raw, sizeof raw / sizeof raw[0]);
		nar_feed(sp, raw, n);
		if (an_tok_done(&src.ts))
			nar_close(sp);
	}
	r = attr_from(sp, jj, newsent);
	free(w);
	sp->nar = save_nar;
	sp->nn = save_nn;
	sp->nbase = save_nbase;
	sp->emitted = save_emitted;
	sp->final = save_final;
	sp->pend = save_pend;
	sp->pt = save_pt;
	sp->ahead = false;
	return r;
}

