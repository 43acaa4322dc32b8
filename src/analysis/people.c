/*
 * people.c: who the article is about.
 *
 * The front matter's people come first and are authoritative. Then pass 1
 * cuts every token stream into name chunks (runs of capitalised words, with
 * particles and "of" inside: "Secretary of State Antony Blinken"), splits
 * each into a title and a name, and weighs the evidence that the name is a
 * person's: a title or role before it, a known given name, a reporting verb
 * next to it, an apposition (", the alliance's secretary-general,"), a photo
 * credit, "the Biden administration", a verb of what people do or have done
 * to them ("scored", "replaced"). Organisation and place words, "the" before
 * a bare name, and a name seen only as a possessive of a place one is at
 * count against. Names that follow each other in a list ("A B, C D and E
 * F") are noted together. Between the passes, names with enough evidence
 * become people, and so do the other names of a list that has a person in
 * it; a surname alone joins the full name it belongs to. Pass 2 marks every
 * token that names a person (full name, surname, front matter alias) and
 * records the mentions.
 */
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "strmap.h"
#include "util.h"

/* ---- string maps of an int (base/strmap) ---- */

/* Value of key in m, or -1. */
static int
smap_get(const struct strmap *m, const char *key, size_t len)
{
	const union strmap_val *v = strmap_get(m, key, len);

	return v != NULL ? (int)v->i : -1;
}

/* Set key to val in m (the key is copied). */
static void
smap_put(struct strmap *m, const char *key, size_t len, int val)
{
	strmap_put(m, key, len, NULL)->i = val;
}

/* ---- the registry ---- */

struct cand {
	char	*name;		/* as first written */
	char	*role;		/* first role the text gives, or NULL */
	int	 score;		/* best evidence of one occurrence */
	int	 score_ng;	/* the same without given-name evidence */
	size_t	 nonposs;	/* occurrences that are not possessives */
	size_t	 nposs;		/* occurrences that are */
	size_t	 nlocative;	/* occurrences after "at", "in", "near" */
	size_t	 nwords;
	size_t	 order;
	int	 gender;
	bool	 photographer;
	int	 list;		/* a candidate of the same list ("A B, C D and E F"): union-find */
	bool	 titled;	/* seen after a title ("Lord Patel") */
};

struct person {
	char	*name;
	char	*role;
	char	*key;		/* lower-case full name */
	char	*last;		/* lower-case last word */
	char	*first;		/* lower-case first word (NULL for one word) */
	size_t	 nwords;
	int	 gender;
	bool	 fm;
	bool	 role_photographer;
	int	 next_last;	/* next person with the same last word */
	size_t	 seen;		/* when last mentioned (pass 2 order) */
};

struct alias {
	char	**words;	/* lower case */
	size_t	 *wlen;		/* their lengths */
	uint64_t  k0;		/* the first word's bytes packed, zero-padded (if up to eight) */
	uint64_t *kw;		/* each word so, or 0 when longer */
	size_t	  nw;
	int	  person;
	int	  next;		/* next alias with the same first word */
};

struct an_people {
	struct person	*p;
	size_t		 np, pcap;
	struct cand	*c;
	size_t		 nc, ccap;
	struct strmap	 cmap;		/* candidate key -> index */
	struct strmap	 full;		/* person key -> index */
	struct strmap	 lastw;		/* last word -> first person */
	struct strmap	 firstw;	/* first word that is no given name -> person */
	struct strmap	 namew;		/* every word a name mention can start with (after settling) */
	struct alias	*al;
	size_t		 nal, alcap;
	struct strmap	 alfirst;	/* alias first word -> first alias */
	uint64_t	 alfirst_c[4];	/* bitmap: first bytes of the alias first words */
	struct strmap	 allast;	/* the aliases' last words */
	int		*alhead;	/* the first alias of each first word, in alfirst */
	size_t		 nalhead, alheadcap;
	size_t		 order;
	size_t		 clock;
	struct buf	 tmp;
	struct buf	 tmp2;		/* a name as written (pass 1) */
	struct buf	 ck;		/* the lower-case words of a chunk (pass 2) */
	unsigned char	*mk;		/* the MK_ kind of each mention, by index */
	size_t		 mkcap;
	bool		 exported;
	/* the last name chunk pass 1 weighed, for lists */
	const char	*lst_text;	/* its stream */
	size_t		 lst_end;	/* where its last word ends */
	int		 lst_cand;	/* its candidate, or -1 */
};

/* ---- token helpers ---- */

/* Is t a word? */
static bool
is_word(const struct an_tok *t)
{
	return t->kind == TK_WORD;
}

/* Does the word end in "ist" or "ists" (journalist, Scientologist)? */
static bool
is_ist(const char *text, const struct an_tok *t)
{
	size_t n = t->bend - t->start;

	if (t->lex & LX_ROLE)
		return true;
	static const char *const sfx[] = {
		"ologist", "nist", "list", "tist", "mist", "cist", "pist", "rgist", "ivist",
		"orist", "urist", "arist", "onist", "anist", "inist", "sist",
	};
	size_t k;

	/* trades in -ist; Lindqvist, Gilchrist and Feist are names */
	if (n < 7 || (t->lex & (LX_GIVEN | LX_NOTNAME)))
		return false;
	{
		/* (OR 0x20 makes only I, S and T i, s and t) */
		const unsigned char *e = (const unsigned char *)text + t->bend;

		if ((e[-3] | 0x20) != 'i' || (e[-2] | 0x20) != 's' || (e[-1] | 0x20) != 't')
			return false;
	}
	for (k = 0; k < sizeof sfx / sizeof sfx[0]; k++)
		if (ascii_endswith(text + t->start, n, sfx[k]))
			return true;
	return false;
}

/* Is t a role or title word usable before or after a name? */
static bool
is_roleword(const char *text, const struct an_tok *t)
{
	if (!is_word(t))
		return false;
	if (t->lex & (LX_ROLE | LX_TITLE))
		return true;
	return is_ist(text, t) && !(t->lex & LX_NATION);
}

/*
 * Is t the plural of a role or title word ("photographers", "ministers",
 * "players"), which makes each name of the list after it a person's?
 */
static bool
is_plural_role(const char *text, const struct an_tok *t)
{
	size_t n = t->bend - t->start;

	if (!is_word(t) || n < 4 || text[t->bend - 1] != 's' || (t->lex & LX_STOP))
		return false;
	if (t->lex & LX_PLURALTITLE)
		return true;
	return (an_lex(text + t->start, n - 1) & (LX_ROLE | LX_TITLE)) != 0;
}

/* Can t be a word of a name chunk (see an_capword())? */
static bool
capword(const struct an_tok *t)
{
	return (t->flags & TF_CAPWORD) != 0;
}

/* A chunk: words w[0..nw) of a name-like run, the first tw of them a title. */
#define CHUNK_MAX 8

struct chunk {
	size_t	a, b;		/* token range */
	size_t	w[CHUNK_MAX];	/* token indexes of the words */
	size_t	nw;
	size_t	tw;		/* title words */
	size_t	nb, ne;		/* name words: w[nb..ne) */
};

/*
 * Find the next chunk at or after *i in t[0..n); returns false when there is
 * none. *i moves past the chunk.
 */
static bool
next_chunk(const char *text, const struct an_tok *t, size_t n, size_t *i, struct chunk *c)
{
	size_t k = *i;

	/* (two at a time: most tokens are not) */
	while (k + 1 < n && !((t[k].flags | t[k + 1].flags) & TF_CAPWORD))
		k += 2;
	while (k < n && !capword(&t[k]))
		k++;
	if (k >= n) {
		*i = n;
		return false;
	}
	c->b = c->nw = c->tw = c->nb = c->ne = 0;	/* (w is read up to nw only) */
	c->a = k;
	c->w[c->nw++] = k;
	k++;
	while (k < n && c->nw < CHUNK_MAX) {
		const struct an_tok *prev = &t[c->w[c->nw - 1]];

		if ((prev->flags & TF_POSS) && !(k < n && (t[k].lex & (LX_TITLE | LX_TMOD | LX_HON))))
			break;
		if (t[k].start > t[k - 1].end + 3)
			break;	/* a line break or wide gap between words */
		if ((capword(&t[k]) || ((t[k].lex & LX_SUFFIX) && (t[k].flags & TF_ALLCAPS))) &&
		    (t[k].flags & TF_SPACEBEFORE)) {	/* (or "III": "King Edward VII Bridge") */
			if ((t[k].lex & (LX_MONTH | LX_DAY)) && !(prev->lex & LX_GIVEN))
				break;
			if (t[k].q != prev->q)
				break;
			c->w[c->nw++] = k++;
			continue;
		}
		/* "Mr. Smith", "George W. Bush", "J.K. Rowling", "U.S. President" */
		if (an_punct_is(&t[k], '.') && k + 1 < n && capword(&t[k + 1]) &&
		    t[k].start == prev->end &&
		    ((prev->lex & (LX_ABBREV | LX_HON | LX_TITLE)) || (prev->flags & TF_INITIAL) ||
		    ((prev->flags & TF_DOTTED) && (prev->flags & TF_ALLCAPS)))) {
			k++;
			continue;
		}
		/* particles and "of"/"for" between capitalised words */
		if (is_word(&t[k]) && (t[k].flags & TF_LOWER) && k + 1 < n && capword(&t[k + 1]) &&
		    ((t[k].lex & LX_PARTICLE) || an_word_is(text, &t[k], "of") ||
		    an_word_is(text, &t[k], "for"))) {
			k++;
			continue;
		}
		/* "van der Berg", "de la Cruz" */
		if (is_word(&t[k]) && (t[k].flags & TF_LOWER) && (t[k].lex & LX_PARTICLE) &&
		    k + 2 < n && is_word(&t[k + 1]) && (t[k + 1].flags & TF_LOWER) &&
		    (t[k + 1].lex & LX_PARTICLE) && capword(&t[k + 2])) {
			k += 2;
			continue;
		}
		break;
	}
	c->b = c->w[c->nw - 1] + 1;
	*i = c->b;
	return true;
}

/* Is the token between words w[j-1] and w[j] of c a connector "of"/"for"? */
static bool
of_between(const char *text, const struct an_tok *t, const struct chunk *c, size_t j)
{
	size_t k;

	for (k = c->w[j - 1] + 1; k < c->w[j]; k++)
		if (an_word_is(text, &t[k], "of") || an_word_is(text, &t[k], "for"))
			return true;
	return false;
}

/* Is word t usable in a title prefix before the title word itself? */
static bool
title_lead(const char *text, const struct an_tok *t)
{
	if (t->lex & (LX_TMOD | LX_NATION | LX_PLACE | LX_COMMON | LX_ORG | LX_DEPT))
		return !(t->lex & LX_GIVEN) || (t->lex & LX_TMOD);
	if (t->flags & TF_POSS)
		return true;
	(void)text;
	return false;
}

/*
 * An organisation, a party or a place written before a given name and a
 * surname, as a title is: "Port Authority Kevin O'Hara", "City Hall John
 * Doe" (a photo credit), "Tenants' Union Maria Diaz". The name starts at
 * the given name; the words before go with the title words.
 */
static void
chunk_org_prefix(const struct an_tok *t, struct chunk *c)
{
	size_t g, j;
	bool org = false;

	for (g = c->nb; g + 2 <= c->ne; g++) {
		uint64_t lx = t[c->w[g]].lex;

		if (g > c->nb && org && (lx & LX_GIVEN) && !(lx & (LX_ORG | LX_PLACE | LX_TITLE))) {
			for (j = g + 1; j < c->ne; j++)
				if (t[c->w[j]].lex & (LX_ORG | LX_PLACE | LX_NATION))
					return;	/* "Jordan Valley Authority" */
			c->tw = c->nb = g;
			return;
		}
		if (!(lx & (LX_ORG | LX_PLACE | LX_AGENCY | LX_NATION | LX_COMMON | LX_DEPT |
		    LX_TMOD | LX_PARTY)) || (lx & LX_GIVEN))
			return;
		if (lx & (LX_ORG | LX_PLACE | LX_AGENCY | LX_PARTY))
			org = true;	/* (a party: "Liberal Democrat Fiona McAllister") */
	}
}

/* Split chunk c into title words and name words. */
static void
chunk_parse(const char *text, const struct an_tok *t, struct chunk *c)
{
	size_t k = 0, last = 0, j;

	while (k < c->nw) {
		const struct an_tok *w = &t[c->w[k]];

		if ((w->lex & (LX_TITLE | LX_HON | LX_TITLE_WEAK | LX_ROLE)) ||
		    (is_ist(text, w) && !(w->lex & LX_GIVEN)) ||
		    ((w->lex & LX_CREDIT) && k + 1 < c->nw)) {	/* "Courtesy of", "Photo" */
			if ((w->lex & LX_GIVEN) && !(w->lex & (LX_TITLE | LX_HON)) && k + 1 < c->nw &&
			    !(t[c->w[k + 1]].lex & (LX_TITLE | LX_HON)))
				break;	/* "Will Smith", "Dean Martin": a given name */
			k++;
			last = k;
			/* "Secretary of State", "Minister for Foreign Affairs" */
			while (k < c->nw && of_between(text, t, c, k) &&
			    (t[c->w[k]].lex & (LX_DEPT | LX_PLACE | LX_NATION)) &&
			    !(t[c->w[k]].lex & LX_GIVEN)) {
				k++;
				while (k < c->nw && !of_between(text, t, c, k) &&
				    (t[c->w[k]].lex & (LX_DEPT)) && !(t[c->w[k]].lex & LX_GIVEN))
					k++;
				last = k;
			}
			continue;
		}
		if (title_lead(text, w) && k + 1 < c->nw) {
			k++;
			continue;
		}
		break;
	}
	/* "Archbishop of Canterbury", "Duke of Edinburgh": what the title is of, up to a given name */
	if (last > 0 && last < c->nw && of_between(text, t, c, last))
		while (last < c->nw && !(t[c->w[last]].lex & LX_GIVEN))
			last++;
	c->tw = last;
	c->nb = last;
	c->ne = c->nw;
	/* the name stops at "of": "Jens Stoltenberg of Norway" */
	for (j = c->nb + 1; j < c->nw; j++) {
		if (of_between(text, t, c, j)) {
			c->ne = j;
			break;
		}
	}
	/* a sentence-initial common word before a given name: "Actress Emma Stone" */
	if (c->tw == 0 && c->ne - c->nb >= 3 && (t[c->w[0]].flags & TF_SSTART) &&
	    !(t[c->w[0]].lex & LX_GIVEN) && (t[c->w[1]].lex & LX_GIVEN))
		c->nb = 1;
	else if (c->tw == 0 && c->ne - c->nb == 2 && (t[c->w[0]].flags & TF_SSTART) &&
	    (t[c->w[0]].lex & (LX_STOP | LX_PREP)))
		c->nb = 1;
	/* Jr, Sr, III close the name */
	while (c->ne > c->nb + 1 && (t[c->w[c->ne - 1]].lex & LX_SUFFIX))
		c->ne--;
	chunk_org_prefix(t, c);
}

/*
 * Lower-case the name words w[from..to) of c into b, one space between them
 * and the particles between them kept ("maria de la cruz"): the key of a
 * name, as name_key() makes it of a name written out. When off is not NULL,
 * word j starts at off[j], and off[to] is one past the end plus one, so that
 * words j..k-1 are b->data + off[j], off[k] - 1 - off[j] bytes.
 */
static void
chunk_words(const char *text, const struct an_tok *t, const struct chunk *c, size_t from,
    size_t to, struct buf *b, size_t *off)
{
	size_t j, k;

	if (b->data == NULL)
		buf_reserve(b, 1);
	b->len = 0;
	b->data[0] = '\0';
	for (j = from; j < to; j++) {
		const struct an_tok *w = &t[c->w[j]];

		if (j > from) {
			an_buf_addc(b, ' ');
			for (k = c->w[j - 1] + 1; k < c->w[j]; k++) {
				if (is_word(&t[k]) && (t[k].flags & TF_LOWER) && (t[k].lex & LX_PARTICLE)) {
					an_lower(text + t[k].start, t[k].bend - t[k].start, b);
					an_buf_addc(b, ' ');
				}
			}
		}
		if (off != NULL)
			off[j] = b->len;
		an_lower(text + w->start, w->bend - w->start, b);
	}
	if (off != NULL)
		off[to] = b->len + 1;
}

/* The lower-case key of name words w[from..to) of c into b (chunk_words()). */
static void
chunk_key(const char *text, const struct an_tok *t, const struct chunk *c, size_t from,
    size_t to, struct buf *b)
{
	chunk_words(text, t, c, from, to, b, NULL);
}

/* Append the words w[from..to) as written (possessive dropped) to b. */
static void
chunk_text(const char *text, const struct an_tok *t, const struct chunk *c, size_t from,
    size_t to, struct buf *b)
{
	size_t j;

	size_t a, e, k;
	bool space = false;

	buf_reset(b);
	if (from >= to) {
		an_buf_addc(b, '\0');
		b->len--;
		return;
	}
	a = c->w[from];
	e = c->w[to - 1];
	for (k = a; k <= e; k++) {
		size_t end = k == e ? t[k].bend : t[k].end;

		if (k > a && (t[k].flags & TF_SPACEBEFORE))
			space = true;
		if (space && b->len > 0)
			an_buf_addc(b, ' ');
		space = false;
		an_buf_add(b, text + t[k].start, end - t[k].start);
	}
	(void)j;
	an_buf_addc(b, '\0');
	b->len--;
}

/* Is word t written as an East Asian given name often is: "Min-jun", "Yu-hsuan"? */
static bool
ea_given(const char *text, const struct an_tok *t)
{
	const char *s = text + t->start, *h;
	size_t n = t->bend - t->start;

	return (t->flags & TF_CAP) && (h = memchr(s, '-', n)) != NULL && h > s &&
	    (size_t)(h - s) + 2 <= n && ascii_islower((unsigned char)h[1]);
}

/* Kinds of name part. */
enum nkind { NK_NONE, NK_ORG, NK_PLACE, NK_PERSONLIKE };

/* What the name words of c look like. */
static enum nkind
name_kind(const char *text, const struct an_tok *t, const struct chunk *c)
{
	size_t j, nw = c->ne - c->nb;
	bool given = false, all_place = true;

	if (nw == 0)
		return NK_NONE;
	if (nw > 4)
		return NK_NONE;
	given = (t[c->w[c->nb]].lex & LX_GIVEN) != 0;
	if (t[c->w[c->nb]].lex & LX_WORK)
		return NK_NONE;		/* "Hurricane Katrina", "Operation Overlord" */
	for (j = c->nb; j < c->ne; j++) {
		uint64_t lx = t[c->w[j]].lex;

		if (lx & (LX_PLURALTITLE | LX_CREDIT | LX_AGENCY))
			return NK_ORG;	/* "Quad Foreign Ministers", "Byline Sample Photo" */
		if ((lx & LX_SUFFIX) && j + 1 < c->ne)
			return NK_ORG;	/* "King Edward VII Bridge": named after someone */
		if ((lx & LX_ORG) && !((lx & LX_SURNAMEOK) && given && j == c->ne - 1 && j > c->nb) &&
		    !((lx & LX_GIVEN) && j == c->nb && nw >= 2) &&	/* "Bill Hargreaves" */
		    !((lx & LX_EASURNAME) && j == c->nb && nw >= 2 &&
		    ea_given(text, &t[c->w[j + 1]])))			/* "Park Min-jun" */
			return NK_ORG;
		if (!(lx & (LX_PLACE | LX_NATION | LX_COMMON | LX_DAY | LX_MONTH)))
			all_place = false;
	}
	if (all_place)
		return NK_PLACE;
	/* "Chief Medical Officer": a title whose first words were not known as such */
	if (nw >= 2 && !given && (t[c->w[c->ne - 1]].lex & (LX_TITLE | LX_ROLE)) &&
	    !(t[c->w[c->ne - 1]].lex & (LX_SURNAMEOK | LX_GIVEN)))
		return NK_NONE;
	if (!given) {
		for (j = c->nb; j < c->ne; j++) {
			uint64_t lx = t[c->w[j]].lex;

			if ((lx & (LX_PLACE | LX_NATION)) && !(lx & (LX_SURNAMEOK | LX_GIVEN)))
				return NK_PLACE;
		}
	}
	if (nw == 1) {
		uint64_t lx = t[c->w[c->nb]].lex;

		if (lx & (LX_NOTNAME | LX_PLACE | LX_NATION | LX_MONTH | LX_DAY | LX_COMMON |
		    LX_RVERB | LX_ROLE | LX_TITLE | LX_PARTICLE | LX_CREDIT | LX_AGENCY))
			return NK_NONE;
	}
	return NK_PERSONLIKE;
}

/*
 * The tokens of a paragraph from a window t[0..n) of them on: t[i] for i < n,
 * then the tokens after the window, cut again from a copy of the tokenizer
 * (for the rare scan that runs past a window).
 */
struct tokcur {
	const struct an_tok	*t;
	size_t			 n;
	struct an_tokstate	 ts;		/* cuts the tokens from n on */
	struct an_tok		 buf[64];	/* tokens b0 .. b0 + bn - 1 */
	size_t			 b0, bn;
};

/* Start a cursor over t[0..n) and the tokens more (positioned after t[n - 1]) cuts. */
static void
cur_init(struct tokcur *c, const struct an_tok *t, size_t n, const struct an_tokstate *more)
{
	c->t = t;
	c->n = n;
	c->ts = *more;
	c->b0 = n;
	c->bn = 0;
}

/*
 * Token i of the paragraph, or NULL past its end. Past the window, i may only
 * grow from one call to the next (within one batch it may go back).
 */
static const struct an_tok *
cur_at(struct tokcur *c, size_t i)
{
	if (i < c->n)
		return &c->t[i];
	while (i >= c->b0 + c->bn) {
		if (an_tok_done(&c->ts))
			return NULL;
		c->b0 += c->bn;
		c->bn = an_tok_next(&c->ts, c->buf, sizeof c->buf / sizeof c->buf[0]);
	}
	return i >= c->b0 ? &c->buf[i - c->b0] : NULL;
}

/*
 * role_text() of the tokens from to re of the paragraph, from a cursor
 * (re and the token after the role may be past the window).
 */
static char *
role_text_cur(const char *text, struct tokcur *c, size_t from, size_t re)
{
	struct buf b = BUF_INIT;
	const struct an_tok *x;
	size_t k, last = SIZE_MAX, lastlen = 0, lastend = 0;
	bool abbrev = false, dot = false;

	while (from < re && (x = cur_at(c, from)) != NULL && x->kind == TK_WORD &&
	    ((x->lex & (LX_STOP | LX_PREP)) && !(x->lex & (LX_TITLE | LX_ROLE | LX_TMOD))))
		from++;
	for (k = from; k <= re && (x = cur_at(c, k)) != NULL; k++) {
		if (last != SIZE_MAX && k == last + 1)
			dot = an_punct_is(x, '.') && x->start == lastend;
		if (k == re)
			break;
		if (k > from && (x->flags & TF_SPACEBEFORE))
			an_buf_addc(&b, ' ');
		an_buf_add(&b, text + x->start, x->end - x->start);
		/* the role ends at its last word (not an honorific) or closing bracket */
		if (!(x->lex & LX_HON) && (x->kind == TK_WORD || an_punct_is(x, ')'))) {
			last = k;
			lastlen = b.len;
			lastend = x->end;
			abbrev = (x->lex & LX_ABBREV) != 0;
			dot = false;
		}
	}
	if (last == SIZE_MAX) {
		buf_free(&b);
		return NULL;
	}
	b.len = lastlen;
	b.data[b.len] = '\0';
	if (dot && abbrev)
		an_buf_addc(&b, '.');	/* "Sen." */
	return buf_detach(&b);
}

/*
 * appos_after()'s scan of an apposition ran to the end of the window t[0..n)
 * with words words read and role as found: go on past it (more cuts the
 * tokens after the window). Returns what appos_after() does, and the role
 * text (of the tokens from rs) in *far when there is a role.
 */
static int
appos_far(const char *text, const struct an_tok *t, size_t n, size_t rs, size_t words,
    bool role, const struct an_tokstate *more, char **far)
{
	struct tokcur c;
	const struct an_tok *x;
	size_t k;

	cur_init(&c, t, n, more);
	for (k = n; words < 9 && (x = cur_at(&c, k)) != NULL; k++) {
		if (x->kind != TK_WORD) {
			if (an_punct_is(x, '(') || an_punct_is(x, ')') || an_punct_is(x, '-'))
				continue;
			break;
		}
		if (x->flags & TF_INQ)
			break;
		if (is_roleword(text, x) && !(x->lex & LX_PLURALTITLE))
			role = true;
		if ((x->lex & LX_RVERB) && (x->flags & TF_LOWER) && words > 0)
			break;
		if (words > 0 && (an_word_is(text, x, "who") || an_word_is(text, x, "which") ||
		    an_word_is(text, x, "that") || an_word_is(text, x, "whose")))
			break;
		words++;
	}
	if (!role)
		return 0;
	cur_init(&c, t, n, more);
	*far = role_text_cur(text, &c, rs, k);
	return 2;
}

/*
 * Does an apposition with a role follow the chunk (", the alliance's
 * secretary-general")? more, when not NULL, cuts the tokens after the window
 * t[0..n): when the apposition runs past it, its role text is in *far.
 */
static int
appos_after(const char *text, const struct an_tok *t, size_t n, size_t b, size_t *rs,
    size_t *re, const struct an_tokstate *more, char **far)
{
	size_t k, words = 0;
	bool role = false;

	/* "Takahashi Ren (高橋蓮), a literary translator" */
	if (b < n && an_punct_is(&t[b], '(')) {
		for (k = b + 1; k < n && k < b + 12 && !an_punct_is(&t[k], ')'); k++)
			;
		if (k < n && an_punct_is(&t[k], ')'))
			b = k + 1;
	}
	if (b >= n || !an_punct_is(&t[b], ','))
		return 0;
	k = b + 1;
	if (k < n && an_word_is(text, &t[k], "who"))
		return 1;
	if (k < n && (t[k].flags & TF_DIGIT) && k + 1 < n && an_punct_is(&t[k + 1], ','))
		return 1;	/* "Smith, 45," */
	*rs = k;
	if (k >= n || t[k].kind != TK_WORD)
		return 0;
	if (!((t[k].lex & (LX_DET | LX_TMOD | LX_NATION | LX_TITLE | LX_ROLE)) ||
	    (t[k].flags & (TF_POSS | TF_CAP)) || is_ist(text, &t[k])) || (t[k].lex & LX_INDEF &&
	    !(t[k].lex & LX_DET)))
		return 0;
	if ((t[k].lex & LX_PREP) && !(t[k].lex & (LX_DET | LX_TMOD | LX_TITLE | LX_ROLE)))
		return 0;
	for (; k < n && words < 9; k++) {
		if (t[k].kind != TK_WORD) {
			if (an_punct_is(&t[k], '(') || an_punct_is(&t[k], ')') || an_punct_is(&t[k], '-'))
				continue;
			break;
		}
		if (t[k].flags & TF_INQ)
			break;
		if (is_roleword(text, &t[k]) && !(t[k].lex & LX_PLURALTITLE))
			role = true;
		if ((t[k].lex & LX_RVERB) && (t[k].flags & TF_LOWER) && words > 0)
			break;
		if (words > 0 && (an_word_is(text, &t[k], "who") || an_word_is(text, &t[k], "which") ||
		    an_word_is(text, &t[k], "that") || an_word_is(text, &t[k], "whose")))
			break;	/* the role ends where a clause starts */
		words++;
	}
	if (k == n && words < 9 && more != NULL)
		return appos_far(text, t, n, *rs, words, role, more, far);
	*re = k;
	return role ? 2 : 0;	/* ", a market town": not a person's apposition */
}

/* Does a segment with a role end right before the chunk ("Malaysia's Prime Minister, X")? */
static int
appos_before(const char *text, const struct an_tok *t, size_t a, size_t *rs, size_t *re)
{
	size_t k, steps = 0;
	bool role = false;

	if (a == 0 || !an_punct_is(&t[a - 1], ','))
		return 0;
	*re = a - 1;
	k = a - 1;
	while (k > 0 && steps < 12) {
		const struct an_tok *p = &t[k - 1];

		if (p->kind == TK_PUNCT && !an_punct_is(p, '(') && !an_punct_is(p, ')') &&
		    !an_punct_is(p, '-') && !an_punct_is(p, '.'))
			break;
		if (an_punct_is(p, '.') && !(k >= 2 && is_word(&t[k - 2]) &&
		    ((t[k - 2].lex & (LX_ABBREV | LX_HON)) || (t[k - 2].flags & TF_INITIAL))))
			break;	/* a sentence ends here */
		if (p->flags & TF_INQ)
			break;
		/* "X met Kim Jong Un's envoy, Ri Son Gwon": the phrase starts after a verb */
		if ((p->flags & TF_LOWER) && (p->lex & (LX_PVERB | LX_POBJ | LX_AUX)) &&
		    !(p->lex & (LX_TMOD | LX_ROLE | LX_TITLE)))
			break;
		if (is_roleword(text, p) && !(p->lex & LX_PLURALTITLE))
			role = true;
		if ((p->lex & LX_RVERB) && (p->flags & TF_LOWER))
			break;
		k--;
		steps++;
	}
	*rs = k;
	return role ? 2 : 0;
}

/*
 * The candidate of the chunk c whose lower-case key is pp->tmp, added (named
 * as the chunk writes it) when new.
 */
static struct cand *
cand_get(struct an_people *pp, const char *text, const struct an_tok *t, const struct chunk *c)
{
	bool added;
	union strmap_val *v = strmap_put(&pp->cmap, pp->tmp.data, pp->tmp.len, &added);
	struct cand *cd;

	if (!added)
		return &pp->c[v->i];
	v->i = (int64_t)pp->nc;
	chunk_text(text, t, c, c->nb, c->ne, &pp->tmp2);
	ARRAY_GROW(pp->c, pp->nc + 1, pp->ccap);
	cd = &pp->c[pp->nc];
	memset(cd, 0, sizeof *cd);
	cd->name = xstrdup(pp->tmp2.data);
	cd->nwords = c->ne - c->nb;
	cd->order = pp->order++;
	cd->score = -100;
	cd->score_ng = -100;
	cd->list = (int)pp->nc;
	pp->nc++;
	return cd;
}

/* Text t[from..to) joined as written, without a leading article, for a role. */
static char *
role_text(const char *text, const struct an_tok *t, size_t n, size_t from, size_t to)
{
	struct buf b = BUF_INIT;
	size_t k;

	while (from < to && t[from].kind == TK_WORD &&
	    ((t[from].lex & (LX_STOP | LX_PREP)) && !(t[from].lex & (LX_TITLE | LX_ROLE | LX_TMOD))))
		from++;
	/* "In the words of the coach": the role starts at its head, with its modifiers */
	if (from < to && is_word(&t[from]) && (t[from].flags & TF_LOWER) &&
	    !is_roleword(text, &t[from]) && !(t[from].lex & (LX_TMOD | LX_NATION))) {
		for (k = from + 1; k < to && !is_roleword(text, &t[k]); k++)
			;
		if (k < to) {
			while (k > from && is_word(&t[k - 1]) && !(t[k - 1].lex & LX_STOP) &&
			    ((t[k - 1].lex & (LX_TMOD | LX_NATION)) || (t[k - 1].flags & (TF_POSS | TF_CAP))))
				k--;
			from = k;
		}
	}
	while (to > from && ((t[to - 1].lex & LX_HON) || (t[to - 1].kind != TK_WORD &&
	    !an_punct_is(&t[to - 1], ')'))))
		to--;
	if (from >= to)
		return NULL;
	if (to < n && an_punct_is(&t[to], '.') && t[to].start == t[to - 1].end &&
	    (t[to - 1].lex & LX_ABBREV))
		to++;	/* "Sen." */
	for (k = from; k < to; k++) {
		if (k > from && (t[k].flags & TF_SPACEBEFORE))
			an_buf_addc(&b, ' ');
		an_buf_add(&b, text + t[k].start, t[k].end - t[k].start);
	}
	return buf_detach(&b);
}

/* Is name word t credible as a name word on its own (no lexicon meaning)? */
static bool
nameshaped(const struct an_tok *t)
{
	return (t->lex & ~(LX_GIVEN | LX_EASURNAME | LX_PARTICLE | LX_SURNAMEOK)) == 0;
}

/* Pass 1 over one token stream: weigh every name chunk as a possible person. */
void
an_people_detect(struct an_people *pp, const char *text, const struct an_tok *t, size_t n,
    enum an_src src)
{
	if (src != SRC_IMG_TITLE)	/* headlines are title case: mentions only */
		an_people_detect_win(pp, text, t, n, 0, n, NULL, src);
}

/*
 * One name chunk of a stream as pass 1 weighs it: where it is, and the
 * evidence gathered so far that its name words name a person.
 */
struct weigh {
	const char		*text;
	const struct an_tok	*t;		/* the window of tokens */
	size_t			 n;
	const struct chunk	*c;
	size_t			 nw;		/* name words */
	const struct an_tok	*first;		/* the first name word */
	int			 score;
	int			 given;		/* what a known given name added to score */
	bool			 group;		/* "the Biden administration" */
	bool			 photo;		/* named in a photo credit */
	char			*role;		/* the role the text gives (owned), or NULL */
};

/* The gender an honorific or title word h gives ("Mr", "Queen"): 'm', 'f' or 0. */
static int
hon_gender(const char *text, const struct an_tok *h)
{
	if (an_word_is(text, h, "mr") || an_word_is(text, h, "sir") || an_word_is(text, h, "mister") ||
	    an_word_is(text, h, "king") || an_word_is(text, h, "prince") || an_word_is(text, h, "lord"))
		return 'm';
	if (an_word_is(text, h, "mrs") || an_word_is(text, h, "ms") || an_word_is(text, h, "miss") ||
	    an_word_is(text, h, "dame") || an_word_is(text, h, "queen") ||
	    an_word_is(text, h, "princess") || an_word_is(text, h, "lady"))
		return 'f';
	return 0;
}

/*
 * Is t a preposition of a place one is at ("at Roland Garros", "in Bruce
 * Wayne's manor")? Not "through", "via": "through Callum Reid's header".
 */
static bool
is_locative(const char *text, const struct an_tok *t)
{
	static const char *const loc[] = {
		"at", "in", "near", "outside", "inside", "into", "onto",
	};
	size_t k;

	if (!is_word(t) || !(t->flags & (TF_LOWER | TF_SSTART)))
		return false;
	for (k = 0; k < sizeof loc / sizeof loc[0]; k++)
		if (an_word_is(text, t, loc[k]))
			return true;
	return false;
}

/* Title words inside the chunk ("Secretary of State", "Dr"): their strength, and the role. */
static void
weigh_titles(struct weigh *w)
{
	const struct an_tok *t = w->t;
	const struct chunk *c = w->c;
	size_t j;
	int tstr = 0;
	bool hon_only = true;

	if (c->tw == 0)
		return;
	for (j = 0; j < c->tw; j++) {
		uint64_t lx = t[c->w[j]].lex;

		if ((lx & (LX_TITLE | LX_HON)) && !(lx & LX_TITLE_WEAK))
			tstr = 2;
		else if ((lx & (LX_ROLE)) || is_ist(w->text, &t[c->w[j]]))
			tstr = tstr > 1 ? tstr : (w->nw >= 2 ? 2 : 1);
		else if ((lx & LX_TITLE_WEAK) && tstr == 0)
			tstr = 1;
		if (!(lx & LX_HON) && (lx & (LX_TITLE | LX_ROLE | LX_TITLE_WEAK)))
			hon_only = false;
		if (is_ist(w->text, &t[c->w[j]]))
			hon_only = false;
	}
	for (j = 0; j < c->tw; j++)
		if (t[c->w[j]].lex & LX_WORK)
			tstr = -4;
	if ((t[c->w[0]].lex & (LX_TITLE_WEAK)) && c->tw == 1 && w->nw == 1 &&
	    !(t[c->w[0]].lex & LX_HON) && (t[c->w[0]].lex & LX_TITLE_WEAK))
		tstr = 1;
	w->score += tstr;
	if (!hon_only)
		w->role = role_text(w->text, t, w->n, c->w[0], c->w[c->tw - 1] + 1);
}

/* A lower-case role or title right before: "illustrator Johnnie Christmas". */
static void
weigh_role_before(struct weigh *w)
{
	const struct an_tok *t = w->t;
	const struct chunk *c = w->c;
	size_t k, steps = 0;

	if (!(c->tw == 0 || (w->role == NULL && (t[c->w[0]].lex & LX_HON))) || c->a == 0)
		return;
	k = c->a - 1;
	if (!is_word(&t[k]) || !((t[k].flags & TF_LOWER) || ((t[k].flags & TF_ALLCAPS) &&
	    (t[k].lex & LX_TITLE))))
		return;
	if (c->tw == 0 && (t[k].flags & TF_LOWER) && is_plural_role(w->text, &t[k])) {
		w->score += w->nw >= 2 ? 2 : 1;	/* "photographers Lena Holt, ..." */
		return;
	}
	if (!is_roleword(w->text, &t[k]) || (t[k].lex & LX_PLURALTITLE))
		return;
	if (c->tw == 0)
		w->score += w->nw >= 2 ? 2 : 1;
	free(w->role);
	while (k > 0 && steps < 3 && is_word(&t[k - 1]) &&
	    ((t[k - 1].lex & LX_TMOD) || ((t[k - 1].flags & TF_CAP) &&
	    (t[k - 1].lex & (LX_TITLE | LX_TMOD | LX_NATION)))) &&
	    !(t[k - 1].lex & LX_STOP)) {
		k--;
		steps++;
	}
	w->role = role_text(w->text, t, w->n, k, c->a);
}

/*
 * Is word t a given name: known, or hyphenated with a known one first
 * ("Jean-Luc", "Anna-Lena", "Mary-Kate")?
 */
static bool
given_word(const char *text, const struct an_tok *t)
{
	const char *s = text + t->start, *h;
	size_t n = t->bend - t->start;

	if (t->lex & LX_GIVEN)
		return true;
	if (!(t->flags & TF_CAP) || (h = memchr(s, '-', n)) == NULL || h == s ||
	    (size_t)(h - s) + 2 > n || !ascii_isupper((unsigned char)h[1]))
		return false;
	return (an_lex(s, (size_t)(h - s)) & LX_GIVEN) != 0;
}

/*
 * A known given name first ("Maria Lindqvist", "J. Maria Smith", "Jean-Luc
 * Moreau"), or an East Asian surname ("Park Min-jun" most of all).
 */
static void
weigh_given(struct weigh *w)
{
	const struct an_tok *first = w->first, *second;

	if (w->nw < 2)
		return;
	second = &w->t[w->c->w[w->c->nb + 1]];
	if (given_word(w->text, first) || ((first->flags & TF_INITIAL) && (second->lex & LX_GIVEN))) {
		w->given = 2;
		w->score += 2;
	} else if (w->nw <= 3 && (first->lex & LX_EASURNAME)) {
		w->score += ea_given(w->text, second) ? 2 : 1;
	}
}

/* The first token from k on that is no lower-case auxiliary ("has", "also"), at most two on. */
static size_t
skip_aux(const struct an_tok *t, size_t n, size_t k, size_t *steps)
{
	*steps = 0;
	while (k < n && *steps < 2 && is_word(&t[k]) && (t[k].lex & LX_AUX) &&
	    (t[k].flags & TF_LOWER)) {
		k++;
		(*steps)++;
	}
	return k;
}

/* A reporting verb next to a name of two words or more: "X said", "told X", "X, later, wrote". */
static void
weigh_verb(struct weigh *w)
{
	const struct an_tok *t = w->t;
	const struct chunk *c = w->c;
	size_t n = w->n, k, steps;

	if (w->nw < 2)
		return;
	k = skip_aux(t, n, c->b, &steps);
	if (k < n && is_word(&t[k]) && (t[k].lex & LX_RVERB) && (t[k].flags & TF_LOWER) &&
	    !(t[k].lex & LX_RVERB_ING))
		w->score += 2;
	else if (c->a > 0 && is_word(&t[c->a - 1]) && (t[c->a - 1].flags & TF_LOWER) &&
	    (t[c->a - 1].lex & LX_STRONGVERB) && !(t[c->a - 1].lex & LX_RVERB_ING))
		w->score += 2;
	else if (c->b + 1 < n && an_punct_is(&t[c->b], ',')) {
		k = skip_aux(t, n, c->b + 1, &steps);
		if (k < n && steps > 0 && is_word(&t[k]) && (t[k].lex & LX_RVERB) &&
		    (t[k].flags & TF_LOWER))
			w->score += 2;
	}
}

/*
 * A verb of what people do or have done to them next to a name of two words
 * or more: "Leo Santos scored", "as Joel Mensah replaced Oskar Lind",
 * "brought on Tariq Haddad", "met with X" (a particle between); or a
 * country's possessive before it: "Kenya's Daniel Kiprono". Weak evidence:
 * one point.
 */
static void
weigh_action(struct weigh *w)
{
	static const char *const particle[] = {
		"on", "off", "in", "out", "up", "down", "back", "with",
	};
	const struct an_tok *t = w->t;
	const struct chunk *c = w->c;
	size_t k, steps, p;

	if (w->nw < 2)
		return;
	k = skip_aux(t, w->n, c->b, &steps);
	if (k < w->n && is_word(&t[k]) && (t[k].flags & TF_LOWER) && (t[k].lex & LX_PVERB)) {
		w->score += 1;
		return;
	}
	k = c->a;
	if (c->tw == 0 && k > 0 && is_word(&t[k - 1]) && (t[k - 1].flags & TF_POSS) &&
	    (t[k - 1].lex & (LX_PLACE | LX_NATION))) {
		w->score += 1;
		return;
	}
	if (k > 0 && is_word(&t[k - 1]) && (t[k - 1].flags & TF_LOWER) &&
	    t[k - 1].bend - t[k - 1].start <= 4) {
		for (p = 0; p < sizeof particle / sizeof particle[0]; p++)
			if (an_word_is(w->text, &t[k - 1], particle[p]))
				break;
		if (p < sizeof particle / sizeof particle[0])
			k--;
	}
	if (k > 0 && is_word(&t[k - 1]) && (t[k - 1].flags & TF_LOWER) && (t[k - 1].lex & LX_POBJ))
		w->score += 1;
}

/* An apposition after (", the alliance's secretary-general,") or before the chunk. */
static void
weigh_appos(struct weigh *w, const struct an_tokstate *more)
{
	const struct chunk *c = w->c;
	size_t rs = 0, re = 0;
	char *far = NULL;
	int ap = appos_after(w->text, w->t, w->n, c->b, &rs, &re, more, &far);

	if (ap > 0) {
		w->score += ap == 2 ? (w->nw >= 2 ? 2 : 1) : 1;
		if (ap == 2 && w->role == NULL) {
			if (far != NULL) {
				w->role = far;
				far = NULL;
			} else
				w->role = role_text(w->text, w->t, w->n, rs, re);
		}
		free(far);
	} else if (c->tw == 0 && appos_before(w->text, w->t, c->a, &rs, &re) > 0) {
		w->score += w->nw >= 2 ? 2 : 1;
		if (w->role == NULL)
			w->role = role_text(w->text, w->t, w->n, rs, re);
	}
}

/*
 * What comes before a chunk without a title: a work ("the novel Angel
 * Catbird"), "by", or a determiner, which counts against unless the chunk is
 * a group's leader ("the Biden administration").
 */
static void
weigh_before(struct weigh *w)
{
	const struct an_tok *t = w->t, *p;
	const struct chunk *c = w->c;
	size_t j;
	bool ok = true;

	if (c->tw != 0 || c->a == 0 || !is_word(&t[c->a - 1]))
		return;
	p = &t[c->a - 1];
	if (p->lex & LX_WORK)
		w->score -= 4;	/* "the novel Angel Catbird", "Hurricane Katrina" */
	if (an_word_is(w->text, p, "by"))
		w->score += 1;
	if (!(p->lex & LX_DET) || (p->lex & (LX_PRON_M | LX_PRON_F)) || (p->flags & TF_POSS))
		return;
	if (c->b < w->n && is_word(&t[c->b]) && (t[c->b].lex & LX_GROUP) &&
	    (t[c->b].flags & TF_LOWER) && w->nw <= 2) {
		for (j = c->nb; j < c->ne; j++)
			if (t[c->w[j]].lex & (LX_PARTY | LX_NATION | LX_PLACE | LX_COMMON | LX_ORG))
				ok = false;
		if (ok && an_word_is(w->text, p, "the")) {
			w->group = true;
			w->score += 2;
			return;
		}
	}
	w->score -= 2;
}

/* An affiliation: "Abdoulaye Wade of Senegal", "Jane Roe of Yale University". */
static void
weigh_affiliation(struct weigh *w)
{
	const struct an_tok *t = w->t;
	size_t k, b = w->c->b;

	if (w->nw < 2 || b + 1 >= w->n || !an_word_is(w->text, &t[b], "of"))
		return;
	for (k = b + 1; k < w->n && k < b + 5 && is_word(&t[k]) &&
	    ((t[k].flags & TF_CAP) || an_word_is(w->text, &t[k], "the")); k++) {
		if (t[k].lex & (LX_PLACE | LX_ORG)) {
			w->score += 1;
			return;
		}
	}
}

/* Two or more words that mean nothing else, not at a sentence start. */
static void
weigh_shaped(struct weigh *w)
{
	size_t j;

	if (w->nw < 2 || (w->first->flags & TF_SSTART))
		return;
	for (j = w->c->nb; j < w->c->ne; j++)
		if (!nameshaped(&w->t[w->c->w[j]]))
			return;
	w->score += 1;
}

/* Is t a word of an agency or organisation, or in capitals ("Getty", "AFP")? */
static bool
credit_org(const struct an_tok *t)
{
	return t->kind == TK_WORD && ((t->lex & (LX_AGENCY | LX_ORG)) || (t->flags & TF_ALLCAPS));
}

/* Photo credits: "Darrian Traynor/Getty Images", "AFP/Jane Roe", "Image: Nick Moreau". */
static void
weigh_photo(struct weigh *w, enum an_src src)
{
	const struct an_tok *t = w->t;
	const struct chunk *c = w->c;

	if (w->nw < 2)
		return;
	if (src == SRC_IMG_CREDIT)
		w->photo = true;
	if (c->b + 1 < w->n && an_punct_is(&t[c->b], '/') && credit_org(&t[c->b + 1]))
		w->photo = true;
	if (c->a >= 2 && an_punct_is(&t[c->a - 1], '/') && credit_org(&t[c->a - 2]))
		w->photo = true;
	if (c->a >= 2 && (an_punct_is(&t[c->a - 1], ':') || an_word_is(w->text, &t[c->a - 1], "by")) &&
	    is_word(&t[c->a - 2]) && (t[c->a - 2].lex & LX_CREDIT))
		w->photo = true;
	if (c->tw > 0 && (t[c->w[0]].lex & LX_CREDIT))
		w->photo = true;	/* "Courtesy of Anna Kowal" */
	if (w->photo)
		w->score += 3;
}

/*
 * Add the evidence of one occurrence to the chunk's candidate (which takes
 * the role); returns the candidate's index.
 */
static int
weigh_record(struct an_people *pp, struct weigh *w)
{
	const struct an_tok *t = w->t;
	const struct chunk *c = w->c;
	int ng = w->score - w->given;
	struct cand *cd;

	chunk_key(w->text, t, c, c->nb, c->ne, &pp->tmp);
	cd = cand_get(pp, w->text, t, c);
	if (w->score > cd->score)
		cd->score = w->score;
	if (ng > cd->score_ng)
		cd->score_ng = ng;
	if (!(t[c->w[c->ne - 1]].flags & TF_POSS) || w->group)
		cd->nonposs++;
	else
		cd->nposs++;
	/* "at Roland Garros", "in Bruce Wayne's manor": a place more than a person */
	if (c->tw == 0 && c->a > 0 && is_locative(w->text, &t[c->a - 1]))
		cd->nlocative++;
	if (w->photo)
		cd->photographer = true;
	if (c->tw > 0)
		cd->titled = true;
	if (w->role != NULL && cd->role == NULL) {
		cd->role = w->role;
		w->role = NULL;
	}
	if (cd->gender == 0 && c->tw > 0)
		cd->gender = hon_gender(w->text, &t[c->w[c->tw - 1]]);
	return (int)(cd - pp->c);
}

/* The first candidate of candidate i's list (union-find, halving the path). */
static int
cand_root(struct an_people *pp, int i)
{
	while (pp->c[i].list != i) {
		pp->c[i].list = pp->c[pp->c[i].list].list;
		i = pp->c[i].list;
	}
	return i;
}

/*
 * Does the chunk that starts at t[a] come next in a list after the last
 * chunk weighed: only commas, "and", "or", "&" between, and a bracketed note
 * after an item ("Luuk de Groot (Ajax) and ...")?
 */
static inline bool
list_follows(const struct an_people *pp, const char *text, const struct an_tok *t, size_t a)
{
	size_t k = a, seps = 0, steps = 0;

	if (pp->lst_text != text || pp->lst_cand < 0 || a == 0 || t[a - 1].end <= pp->lst_end)
		return false;
	while (k > 0 && steps++ < 12) {
		const struct an_tok *p = &t[k - 1];

		if (p->end <= pp->lst_end)
			return p->end == pp->lst_end && seps > 0;
		if (an_punct_is(p, ',') || an_punct_is(p, '&') || (is_word(p) && (p->lex & LX_CLAUSE) &&
		    (an_word_is(text, p, "and") || an_word_is(text, p, "or")))) {
			seps++;
			k--;
		} else if (an_punct_is(p, ')')) {
			/* a note in brackets after the item before: skip it */
			while (k > 1 && !an_punct_is(&t[k - 2], '(') && steps++ < 12)
				k--;
			if (k <= 1)
				return false;
			k -= 2;
		} else {
			return false;
		}
	}
	return false;
}

/*
 * Note the chunk c of stream text (its candidate ci, or -1) for the lists:
 * joined to the chunk before when it follows it in a list. A bracketed
 * note ("(Ajax)") is no item of its own.
 */
static inline void
list_note(struct an_people *pp, const char *text, const struct an_tok *t, size_t n,
    const struct chunk *c, int ci)
{
	if (c->a > 0 && an_punct_is(&t[c->a - 1], '(') && c->b < n && an_punct_is(&t[c->b], ')'))
		return;
	if (ci >= 0 && list_follows(pp, text, t, c->a)) {
		int a = cand_root(pp, ci), b = cand_root(pp, pp->lst_cand);

		if (a != b)
			pp->c[a > b ? a : b].list = a > b ? b : a;
	}
	pp->lst_text = text;
	pp->lst_end = t[c->w[c->nw - 1]].end;
	pp->lst_cand = ci;
}

/* Pass 1 over the chunks that start in t[from, limit); returns where to go on. */
size_t
an_people_detect_win(struct an_people *pp, const char *text, const struct an_tok *t, size_t n,
    size_t from, size_t limit, const struct an_tokstate *more, enum an_src src)
{
	size_t i = from;
	struct chunk c;

	while (next_chunk(text, t, n, &i, &c)) {
		struct weigh w;

		if (c.a >= limit)
			return c.a;	/* the next window reads it */
		chunk_parse(text, t, &c);
		if (name_kind(text, t, &c) != NK_PERSONLIKE) {
			list_note(pp, text, t, n, &c, -1);
			continue;
		}
		memset(&w, 0, sizeof w);
		w.text = text;
		w.t = t;
		w.n = n;
		w.c = &c;
		w.nw = c.ne - c.nb;
		w.first = &t[c.w[c.nb]];
		weigh_titles(&w);
		weigh_role_before(&w);
		weigh_given(&w);
		weigh_verb(&w);
		weigh_action(&w);
		weigh_appos(&w, more);
		weigh_before(&w);
		weigh_affiliation(&w);
		weigh_shaped(&w);
		weigh_photo(&w, src);
		list_note(pp, text, t, n, &c, weigh_record(pp, &w));
		free(w.role);
	}
	return i;
}

/* ---- settling ---- */

/* Last word of a lower-case key. */
static const char *
key_last(const char *key)
{
	const char *sp = strrchr(key, ' ');

	return sp != NULL ? sp + 1 : key;
}

/*
 * The lower-case key of a name: its words an_lower()ed, one space between
 * them, in a new string the caller frees; *nw is set to the number of words.
 */
static char *
name_key(const char *name, size_t *nw)
{
	struct buf b = BUF_INIT;
	const char *s = name;

	*nw = 1;
	while (*s != '\0') {
		const char *e;

		while (*s == ' ' || *s == '\t' || *s == '\n')
			s++;
		for (e = s; *e != '\0' && *e != ' ' && *e != '\t' && *e != '\n'; e++)
			;
		if (e == s)
			break;
		if (b.len > 0) {
			an_buf_addc(&b, ' ');
			(*nw)++;
		}
		/* "George W. Bush": the full stop of an initial is no part of the word */
		an_lower(s, (size_t)(e - s) - (e - s > 1 && e[-1] == '.'), &b);
		s = e;
	}
	return buf_detach(&b);
}

/* The gender a given name (lower case) is usually borne with: 'm', 'f' or 0. */
static int
given_gender(const char *first)
{
	uint64_t lx;

	if (first == NULL)
		return 0;
	lx = an_lex(first, strlen(first)) & LX_GIVEN;
	return lx == LX_GIVEN_M ? 'm' : lx == LX_GIVEN_F ? 'f' : 0;
}

/* Index person k (just added) by full name, first word and last word. */
static void
person_index(struct an_people *pp, int k)
{
	struct person *p = &pp->p[k];
	int prev;

	if (smap_get(&pp->full, p->key, strlen(p->key)) < 0)
		smap_put(&pp->full, p->key, strlen(p->key), k);
	/* "Lin Yu-hsuan", "Kim Jong-un": the surname comes first */
	if (p->first != NULL && p->nwords <= 3) {
		uint64_t lx = an_lex(p->first, strlen(p->first));
		const char *h = strchr(p->last, '-');

		if ((lx & LX_EASURNAME) && (!(lx & LX_GIVEN) ||
		    (h != NULL && ascii_islower((unsigned char)h[1]))) &&
		    smap_get(&pp->lastw, p->first, strlen(p->first)) < 0)
			smap_put(&pp->lastw, p->first, strlen(p->first), k);
	}
	/* "Takahashi Ren" may be "Takahashi" later */
	if (p->first != NULL && !(an_lex(p->first, strlen(p->first)) & (LX_GIVEN | LX_STOP)) &&
	    smap_get(&pp->firstw, p->first, strlen(p->first)) < 0)
		smap_put(&pp->firstw, p->first, strlen(p->first), k);
	prev = smap_get(&pp->lastw, p->last, strlen(p->last));
	if (prev < 0) {
		smap_put(&pp->lastw, p->last, strlen(p->last), k);
	} else {
		/* second in the chain: the first stays the one met first */
		p->next_last = pp->p[prev].next_last;
		pp->p[prev].next_last = k;
	}
}

/* Add a person; name and role are copied. Returns its index. */
static int
person_add(struct an_people *pp, const char *name, const char *role, bool fm)
{
	struct person *p;
	const char *sp;

	ARRAY_GROW(pp->p, pp->np + 1, pp->pcap);
	p = &pp->p[pp->np];
	memset(p, 0, sizeof *p);
	p->name = xstrdup(name);
	p->role = role != NULL && *role != '\0' ? xstrdup(role) : NULL;
	p->fm = fm;
	p->key = name_key(name, &p->nwords);
	p->last = xstrdup(key_last(p->key));
	sp = strchr(p->key, ' ');
	p->first = sp != NULL ? xstrndup(p->key, (size_t)(sp - p->key)) : NULL;
	p->gender = given_gender(p->first);
	p->next_last = -1;
	person_index(pp, (int)pp->np);
	return (int)pp->np++;
}

/* Add an alias of person pi (words split at spaces, lower case). */
static void
alias_add(struct an_people *pp, const char *alias, int pi)
{
	struct alias *a;
	struct buf b = BUF_INIT;
	const char *s = alias;
	int prev;

	ARRAY_GROW(pp->al, pp->nal + 1, pp->alcap);
	a = &pp->al[pp->nal];
	memset(a, 0, sizeof *a);
	a->person = pi;
	a->next = -1;
	while (*s != '\0') {
		const char *e;

		while (*s == ' ' || *s == '\t' || *s == '\n')
			s++;
		e = s;
		while (*e != '\0' && *e != ' ' && *e != '\t' && *e != '\n')
			e++;
		if (e > s) {
			buf_reset(&b);
			an_lower(s, (size_t)(e - s), &b);
			/* keep only word characters at the edges: "Zelensky," */
			a->words = xreallocarray(a->words, a->nw + 1, sizeof *a->words);
			a->wlen = xreallocarray(a->wlen, a->nw + 1, sizeof *a->wlen);
			a->wlen[a->nw] = b.len;
			a->kw = xreallocarray(a->kw, a->nw + 1, sizeof *a->kw);
			a->kw[a->nw] = 0;
			if (b.len <= 8)
				memcpy(&a->kw[a->nw], b.data, b.len);
			a->words[a->nw++] = xstrndup(b.data, b.len);
		}
		s = e;
	}
	buf_free(&b);
	if (a->nw == 0) {
		free(a->words);
		free(a->wlen);
		free(a->kw);
		return;
	}
	{
		unsigned char c0 = (unsigned char)a->words[0][0];

		pp->alfirst_c[c0 >> 6] |= UINT64_C(1) << (c0 & 63);
		if (a->wlen[0] <= 8)
			memcpy(&a->k0, a->words[0], a->wlen[0]);
		smap_put(&pp->allast, a->words[a->nw - 1], a->wlen[a->nw - 1], 1);
	}
	prev = smap_get(&pp->alfirst, a->words[0], strlen(a->words[0]));
	if (prev < 0) {
		smap_put(&pp->alfirst, a->words[0], strlen(a->words[0]), (int)pp->nal);
		ARRAY_GROW(pp->alhead, pp->nalhead + 1, pp->alheadcap);
		pp->alhead[pp->nalhead++] = (int)pp->nal;
	} else {
		a->next = pp->al[prev].next;
		pp->al[prev].next = (int)pp->nal;
	}
	pp->nal++;
}

/* A registry holding the front matter's people and aliases; free it with an_people_free(). */
struct an_people *
an_people_new(const struct an_input *in)
{
	struct an_people *pp = xcalloc(1, sizeof *pp);
	size_t i, j;

	for (i = 0; i < in->npeople && in->people != NULL; i++) {
		const struct an_person_in *pi = &in->people[i];
		int k;

		if (pi->name == NULL || pi->name[0] == '\0')
			continue;
		k = person_add(pp, pi->name, pi->role, true);
		for (j = 0; j < pi->naliases && pi->aliases != NULL; j++)
			if (pi->aliases[j] != NULL && pi->aliases[j][0] != '\0')
				alias_add(pp, pi->aliases[j], k);
	}
	return pp;
}

/* Person a candidate with lower-case key and nw words is, or -1. */
static int
match_person(const struct an_people *pp, const char *key, size_t nw)
{
	int k = smap_get(&pp->full, key, strlen(key));
	const char *last;
	const char *sp;
	size_t flen;

	if (k >= 0)
		return k;
	last = key_last(key);
	sp = strchr(key, ' ');
	flen = sp != NULL ? (size_t)(sp - key) : 0;
	int steps = 0;

	for (k = smap_get(&pp->lastw, last, strlen(last)); k >= 0 && steps < 64;
	    k = pp->p[k].next_last, steps++) {
		const struct person *p = &pp->p[k];

		if (nw == 1)
			return k;
		if (p->first != NULL && strlen(p->first) == flen && memcmp(p->first, key, flen) == 0)
			return k;
		/* "De Vincenti" for "Claudio De Vincenti"; "J. Smith" for "John Smith" */
		if (p->nwords > nw && ascii_endswith(p->key, strlen(p->key), key))
			return k;
		if (p->first != NULL && flen == 1 && p->first[0] == key[0])
			return k;
	}
	return -1;
}

/* Is the lower-case key a firm or brand that looks like a person's name? */
static bool
firm_name(const char *key)
{
	static const char *const firms[] = {
		"morgan stanley", "goldman sachs", "wells fargo", "merrill lynch", "dow jones",
		"charles schwab", "lehman brothers", "jp morgan", "j.p morgan", "calvin klein",
		"ralph lauren", "hugo boss", "tommy hilfiger", "louis vuitton", "marks spencer",
		"ernst young", "johnson johnson", "procter gamble", "harley davidson",
		"rolls royce", "mercedes benz", "estee lauder", "christian dior", "yves saint laurent",
		"victoria beckham", "ben jerry", "dolce gabbana", "salvatore ferragamo",
		"giorgio armani", "tom ford", "kate spade", "michael kors", "vera wang",
		"elizabeth arden", "jack daniel", "johnnie walker", "ronald mcdonald",
		"chuck taylor", "marie claire", "bloomberg news", "john lewis", "ted baker",
		"martha stewart living", "tim hortons", "dick smith", "max factor",
		"alfa romeo", "aston martin", "lamborghini", "ferrari", "walt disney world",
		"disney", "ryanair", "warner bros", "paramount",
	};
	size_t i;

	for (i = 0; i < sizeof firms / sizeof firms[0]; i++)
		if (strcmp(key, firms[i]) == 0)
			return true;
	return false;
}

/* Order candidates: more words first, then by first occurrence. */
static int
cand_cmp(const void *a, const void *b)
{
	const struct cand *x = *(const struct cand *const *)a, *y = *(const struct cand *const *)b;
	size_t xw = x->nwords >= 2 ? 2 : 1, yw = y->nwords >= 2 ? 2 : 1;

	if (xw != yw)
		return xw > yw ? -1 : 1;
	return x->order < y->order ? -1 : x->order > y->order ? 1 : 0;
}

/*
 * Has candidate c enough evidence to be a person? A full name the text later
 * calls by its surname alone gets the evidence it lacked.
 */
static bool
cand_enough(struct an_people *pp, struct cand *c)
{
	if (c->score == 1 && c->nwords >= 2) {
		const char *sp = strrchr(c->name, ' ');
		int k;

		if (sp != NULL) {
			buf_reset(&pp->tmp);
			an_lower(sp + 1, strlen(sp + 1), &pp->tmp);
			k = smap_get(&pp->cmap, pp->tmp.data != NULL ? pp->tmp.data : "", pp->tmp.len);
			if (k >= 0 && pp->c[k].nwords == 1 && pp->c[k].nonposs + pp->c[k].nposs >= 1)
				c->score = 2;
		}
	}
	if (c->score < 2)
		return false;
	/* a possessive and nothing else: "in Bruce Wayne's manor" is a place's */
	if (c->nonposs == 0 && c->score_ng < 2 && (c->nlocative > 0 || c->nwords < 2))
		return false;
	if (c->score_ng < 2 && c->nlocative >= c->nonposs + c->nposs)
		return false;	/* "at Roland Garros": only ever a place */
	return true;
}

/* Make candidate c a person, or add what it knows to the person it names. */
static void
cand_settle(struct an_people *pp, const struct cand *c)
{
	int k;

	buf_reset(&pp->tmp);
	an_lower(c->name, strlen(c->name), &pp->tmp);
	an_buf_addc(&pp->tmp, '\0');
	if (firm_name(pp->tmp.data))
		return;
	k = match_person(pp, pp->tmp.data, c->nwords);
	if (k < 0) {
		k = person_add(pp, c->name, c->role, false);
		if (c->role == NULL && c->photographer) {
			pp->p[k].role = xstrdup("photographer");
			pp->p[k].role_photographer = true;
		}
	} else if (!pp->p[k].fm) {
		if (pp->p[k].role == NULL && c->role != NULL)
			pp->p[k].role = xstrdup(c->role);
		else if (pp->p[k].role_photographer && c->role != NULL) {
			free(pp->p[k].role);
			pp->p[k].role = xstrdup(c->role);
			pp->p[k].role_photographer = false;
		}
	}
	if (pp->p[k].gender == 0 && c->gender != 0)
		pp->p[k].gender = c->gender;
}

/* Add the first words (up to a space) of every key of m to pp->namew. */
static void
namew_add(struct an_people *pp, const struct strmap *m)
{
	const struct strmap_slot *e;
	size_t i = 0;

	while ((e = strmap_next(m, &i)) != NULL) {
		const char *sp = memchr(e->key, ' ', e->len);

		smap_put(&pp->namew, e->key, sp != NULL ? (size_t)(sp - e->key) : e->len, 1);
	}
}

/* Turn the candidates with enough evidence into people, merging surnames into full names. */
void
an_people_settle(struct an_people *pp)
{
	struct cand **v;
	unsigned char *ok;	/* per candidate: a person; then per list (by its root): has one */
	size_t i, nv = 0;

	ok = xcalloc(2 * pp->nc + 1, sizeof *ok);
	v = xcalloc(pp->nc + 1, sizeof *v);
	for (i = 0; i < pp->nc; i++)
		if (cand_enough(pp, &pp->c[i]))
			ok[pp->nc + cand_root(pp, (int)i)] = ok[i] = 1;
	for (i = 0; i < pp->nc; i++) {
		struct cand *c = &pp->c[i];

		/* in a list with a person: "Lena Holt, Sami Laine and Otto Berg" */
		if (ok[i] == 0 && ok[pp->nc + cand_root(pp, (int)i)] != 0 &&
		    (c->nwords >= 2 || c->titled) && c->score >= 1 && c->nonposs > 0 &&
		    c->nlocative < c->nonposs + c->nposs)
			ok[i] = 1;
		if (ok[i] != 0)
			v[nv++] = c;
	}
	free(ok);
	qsort(v, nv, sizeof *v, cand_cmp);
	for (i = 0; i < nv; i++)
		cand_settle(pp, v[i]);
	free(v);
	/* the words a mention can start with: a full name's first, a surname, a first-written surname */
	namew_add(pp, &pp->full);
	namew_add(pp, &pp->lastw);
	namew_add(pp, &pp->firstw);
}

/* The hashes of the words a mention can start with (after settling). */
size_t
an_people_name_hashes(const struct an_people *pp, uint32_t **out)
{
	size_t i, n = 0;

	*out = xcalloc(pp->namew.n + 1, sizeof **out);
	for (i = 0; i < pp->namew.cap; i++)
		if (pp->namew.v[i].key != NULL)
			(*out)[n++] = an_word_hash(pp->namew.v[i].key, pp->namew.v[i].len);
	return n;
}

/* Are there front matter aliases? */
bool
an_people_has_aliases(const struct an_people *pp)
{
	return pp->nal > 0;
}

/* The hashes of the aliases' last words. */
size_t
an_people_alias_hashes(const struct an_people *pp, uint32_t **out)
{
	size_t i, n = 0;

	*out = xcalloc(pp->allast.n + 1, sizeof **out);
	for (i = 0; i < pp->allast.cap; i++)
		if (pp->allast.v[i].key != NULL)
			(*out)[n++] = an_word_hash(pp->allast.v[i].key, pp->allast.v[i].len);
	return n;
}

/* The lengths of the aliases' last words, by their first byte. */
void
an_people_alias_lengths(const struct an_people *pp, uint64_t len[256])
{
	size_t i;

	for (i = 0; i < 256; i++)
		len[i] = i >= 0x80 ? ~UINT64_C(0) : 0;
	for (i = 0; i < pp->allast.cap; i++) {
		const struct strmap_slot *e = &pp->allast.v[i];

		if (e->key != NULL && e->len > 0)
			len[(unsigned char)e->key[0]] |= UINT64_C(1) << (e->len < 63 ? e->len : 63);
	}
}

/* ---- pass 2 ---- */

/* The person whose last word is the lower-case key (klen bytes), or -1: the most recently seen. */
static int
surname_person(struct an_people *pp, const char *key, size_t klen, int gender)
{
	int k, best = -1;
	int steps = 0;

	for (k = smap_get(&pp->lastw, key, klen); k >= 0 && steps < 16;
	    k = pp->p[k].next_last, steps++) {
		bool fits = gender == 0 || pp->p[k].gender == 0 || pp->p[k].gender == gender;
		bool bfits = best >= 0 && (gender == 0 || pp->p[best].gender == 0 ||
		    pp->p[best].gender == gender);

		if (best < 0 || (fits && !bfits) || (fits == bfits && pp->p[k].seen > pp->p[best].seen))
			best = k;
	}
	return best;
}

/* Gender an honorific in title words w[0..tw) of c gives: 'm', 'f' or 0. */
static int
title_gender(const char *text, const struct an_tok *t, const struct chunk *c)
{
	size_t j;

	int g = 0;

	for (j = 0; j < c->tw && g == 0; j++)
		g = hon_gender(text, &t[c->w[j]]);
	return g;
}

/* Record a mention of person pi over tokens t[a..b] (inclusive). */
static void
mention_add(struct an_people *pp, struct an_tok *t, size_t a, size_t b, int pi,
    unsigned char mk, enum an_where where, size_t image, struct an_mention **m, size_t *nm,
    size_t *cap)
{
	size_t k;
	struct an_mention *x;

	for (k = a; k <= b; k++) {
		t[k].person = pi;
		t[k].mkind = mk;
	}
	pp->p[pi].seen = ++pp->clock;
	ARRAY_GROW(*m, *nm + 1, *cap);
	ARRAY_GROW(pp->mk, *nm + 1, pp->mkcap);
	pp->mk[*nm] = mk;
	x = &(*m)[(*nm)++];
	x->where = where;
	x->image = image;
	x->start = t[a].start;
	x->end = t[b].bend;
	x->person = pi;
}

/*
 * Is name word j of chunk c (its lower-case words kb, word j at off[j]) the
 * first name of someone else than the person known by the surname after it:
 * "Vikram Mehta" where "Raj Mehta" is known? A given name, or the first name
 * word if it means nothing else, counts; an initial that fits does not.
 */
static bool
other_first_name(struct an_people *pp, const struct an_tok *t, const struct chunk *c, size_t j,
    const char *kb, const size_t *off)
{
	const struct an_tok *w = &t[c->w[j]];
	const char *first;
	size_t wl = off[j + 1] - 1 - off[j];
	int k;

	if (j + 1 >= c->nw || (w->flags & TF_POSS))
		return false;
	if (!(w->lex & LX_GIVEN) && !(j == c->nb && nameshaped(w)))
		return false;
	k = surname_person(pp, kb + off[j + 1], off[j + 2] - 1 - off[j + 1], 0);
	if (k < 0 || (first = pp->p[k].first) == NULL)
		return false;
	if ((w->flags & TF_INITIAL) && kb[off[j]] == first[0])
		return false;	/* "J. Smith" for "John Smith" */
	return strlen(first) != wl || memcmp(first, kb + off[j], wl) != 0;
}

/* Is word t (without a possessive) the lower-case word w (wl bytes) once an_lower()ed? */
static bool
tok_is_lower(struct an_people *pp, const char *text, const struct an_tok *t, const char *w,
    size_t wl)
{
	const unsigned char *s = (const unsigned char *)text + t->start;
	size_t n = t->bend - t->start, k;

	/* ASCII bytes lower-case one to one: compare as we go */
	for (k = 0; k < n && s[k] < 0x80; k++) {
		unsigned char c = s[k];

		if (c >= 'A' && c <= 'Z')
			c = (unsigned char)(c + 32);
		if (k >= wl || (unsigned char)w[k] != c)
			return false;
	}
	if (k == n)
		return n == wl;
	buf_reset(&pp->tmp);
	an_lower(text + t->start, n, &pp->tmp);
	return pp->tmp.len == wl && memcmp(pp->tmp.data, w, wl) == 0;
}

/* Is word t (text holds lim bytes) word j of alias a? */
static bool
alias_word_is(struct an_people *pp, const char *text, const struct an_tok *t, const struct alias *a,
    size_t j, size_t lim)
{
	size_t n = t->bend - t->start;

	if (n <= 8) {
		/* an ASCII word of up to eight bytes compares packed and lower-cased */
		uint64_t w = an_load_word(text, t->start, n, lim);

		if (!(w & AN_HIGH_BITS))
			return a->kw[j] == an_lower8(w);
	}
	return tok_is_lower(pp, text, t, a->words[j], a->wlen[j]);
}

/* Does an alias of the front matter start at token i? Returns its length in tokens. */
static size_t
alias_at(struct an_people *pp, const char *text, const struct an_tok *t, size_t n, size_t i,
    int *pi)
{
	int k, steps = 0;
	size_t best = 0;
	unsigned char c0 = (unsigned char)text[t[i].start];

	/* most words start with a letter no alias starts with */
	if (c0 < 0x80) {
		if (c0 >= 'A' && c0 <= 'Z')
			c0 = (unsigned char)(c0 + 32);
		if (!(pp->alfirst_c[c0 >> 6] & (UINT64_C(1) << (c0 & 63))))
			return 0;
	}
	if (pp->nalhead <= 16) {
		/* a few first words: compare with each */
		size_t h, n0 = t[i].bend - t[i].start;
		uint64_t w = 0;
		bool packed = false;

		/* an ASCII word of up to eight bytes compares packed and lower-cased */
		if (n0 <= 8) {
			w = an_load_word(text, t[i].start, n0, t[n - 1].end);
			packed = (w & AN_HIGH_BITS) == 0;
			w = an_lower8(w);
		}
		k = -1;
		for (h = 0; h < pp->nalhead; h++) {
			const struct alias *a = &pp->al[pp->alhead[h]];

			if (packed ? a->wlen[0] == n0 && a->k0 == w :
			    tok_is_lower(pp, text, &t[i], a->words[0], a->wlen[0])) {
				k = pp->alhead[h];
				break;
			}
		}
	} else {
		buf_reset(&pp->tmp);
		an_lower(text + t[i].start, t[i].bend - t[i].start, &pp->tmp);
		k = smap_get(&pp->alfirst, pp->tmp.data, pp->tmp.len);
	}
	for (; k >= 0 && steps < 32; k = pp->al[k].next, steps++) {
		const struct alias *a = &pp->al[k];
		size_t j, ti = i + 1;
		bool ok = true;

		/* the first word is the one looked up */
		if (a->nw > 1 && (t[i].flags & TF_POSS) && t[i].bend != t[i].end)
			ok = false;
		for (j = 1; ok && j < a->nw; j++, ti++) {
			if (ti >= n || t[ti].kind != TK_WORD) {
				ok = false;
				break;
			}
			/* a possessive is allowed on the last word only */
			if (j + 1 < a->nw && (t[ti].flags & TF_POSS) && t[ti].bend != t[ti].end) {
				ok = false;
				break;
			}
			if (!alias_word_is(pp, text, &t[ti], a, j, t[n - 1].end)) {
				ok = false;
				break;
			}
		}
		if (ok && a->nw > best) {
			best = a->nw;
			*pi = a->person;
		}
	}
	return best;
}

/* Order mentions by where they start. */
static int
mention_cmp(const void *a, const void *b)
{
	const struct an_mention *x = a, *y = b;

	return x->start < y->start ? -1 : x->start > y->start ? 1 : 0;
}

/* Pass 2 over one token stream: mark the tokens naming people and record the mentions. */
void
an_people_mark(struct an_people *pp, const char *text, struct an_tok *t, size_t n,
    enum an_where where, size_t image, struct an_mention **m, size_t *nm, size_t *cap)
{
	size_t first = *nm;

	if (pp->np == 0)
		return;
	an_people_mark_aliases(pp, text, t, n, 0, n, where, image, m, nm, cap);
	an_people_mark_names(pp, text, t, n, 0, n, where, image, m, nm, cap);
	an_people_sort_mentions(pp, *m, first, *nm);
}

/* Pass 2, front matter aliases starting in t[from, limit); returns where to go on. */
size_t
an_people_mark_aliases(struct an_people *pp, const char *text, struct an_tok *t, size_t n,
    size_t from, size_t limit, enum an_where where, size_t image, struct an_mention **m,
    size_t *nm, size_t *cap)
{
	size_t i;

	if (pp->np == 0 || pp->nal == 0)
		return limit;
	for (i = from; i < limit; i++) {
		int pi = -1;
		size_t l;

		if (t[i].kind != TK_WORD || t[i].person >= 0)
			continue;
		l = alias_at(pp, text, t, n, i, &pi);
		if (l > 0) {
			mention_add(pp, t, i, i + l - 1, pi, MK_ALIAS, where, image, m, nm, cap);
			i += l - 1;
		}
	}
	return i;
}

/* Pass 2, names in the chunks starting in t[from, limit) (aliases marked); returns where to go on. */
size_t
an_people_mark_names(struct an_people *pp, const char *text, struct an_tok *t, size_t n,
    size_t from, size_t limit, enum an_where where, size_t image, struct an_mention **m,
    size_t *nm, size_t *cap)
{
	size_t i = from;
	struct chunk c;

	if (pp->np == 0)
		return limit;
	while (next_chunk(text, t, n, &i, &c)) {
		size_t j, off[CHUNK_MAX + 1];
		const char *kb;

		if (c.a >= limit)
			return c.a;	/* the next window reads it */
		chunk_parse(text, t, &c);
		j = c.nb;
		chunk_words(text, t, &c, j, c.nw, &pp->ck, off);
		kb = pp->ck.data;
		/* a title-only chunk may still end in a surname: "Prime Minister Key" is parsed whole */
		while (j < c.nw) {
			size_t L, best = 0;
			int pi = -1;

			if (t[c.w[j]].person >= 0) {
				j++;
				continue;
			}
			for (L = c.nw - j < 4 ? c.nw - j : 4; L >= 2; L--) {
				int k = smap_get(&pp->full, kb + off[j], off[j + L] - 1 - off[j]);

				if (k >= 0) {
					best = L;
					pi = k;
					break;
				}
			}
			if (best == 0) {
				if (other_first_name(pp, t, &c, j, kb, off)) {
					j += 2;
					continue;
				}
				pi = surname_person(pp, kb + off[j], off[j + 1] - 1 - off[j],
				    title_gender(text, t, &c));
				if (pi < 0 && c.nw - c.nb == 1) {
					/* a surname written first: "Takahashi said" for "Takahashi Ren" */
					pi = smap_get(&pp->firstw, kb + off[j], off[j + 1] - 1 - off[j]);
				}
				if (pi >= 0)
					best = 1;
			}
			if (best > 0) {
				unsigned char mk = MK_NAME;
				size_t a = c.w[j], b = c.w[j + best - 1];

				if (a > 0 && an_word_is(text, &t[a - 1], "the") && b + 1 < n &&
				    is_word(&t[b + 1]) && (t[b + 1].lex & LX_GROUP) &&
				    (t[b + 1].flags & TF_LOWER))
					mk = MK_GROUP;
				mention_add(pp, t, a, b, pi, mk, where, image, m, nm, cap);
				j += best;
			} else {
				j++;
			}
		}
	}
	return i;
}

/* Put a stream's mentions m[first..nm) in text order (aliases were found first). */
void
an_people_sort_mentions(const struct an_people *pp, struct an_mention *m, size_t first, size_t nm)
{
	if (pp->nal > 0 && nm - first > 1)
		qsort(m + first, nm - first, sizeof *m, mention_cmp);
}

/* The most words of a front matter alias. */
size_t
an_people_alias_words(const struct an_people *pp)
{
	size_t i, most = 0;

	for (i = 0; i < pp->nal; i++)
		if (pp->al[i].nw > most)
			most = pp->al[i].nw;
	return most;
}

/* The MK_ kind of each mention recorded, by its index when recorded. */
const unsigned char *
an_people_mention_kinds(const struct an_people *pp)
{
	return pp->mk;
}

/* How many people the registry holds. */
size_t
an_people_count(const struct an_people *pp)
{
	return pp->np;
}

/* The gender known for person p, or 0. */
int
an_people_gender(const struct an_people *pp, int p)
{
	if (p < 0 || (size_t)p >= pp->np)
		return 0;
	return pp->p[p].gender;
}

/* Remember a gender for p unless one is already known. */
void
an_people_set_gender(struct an_people *pp, int p, int g)
{
	if (p >= 0 && (size_t)p < pp->np && pp->p[p].gender == 0)
		pp->p[p].gender = g;
}

/* Does the lower-case role r hold the word w (n bytes) as a whole word, not after vice/deputy? */
static bool
role_has_word(const char *r, const char *w, size_t n)
{
	const char *s = r;

	while ((s = strstr(s, w)) != NULL) {
		bool left = s == r || s[-1] == ' ' || s[-1] == '-' || s[-1] == '(';
		char after = s[n];
		bool right = after == '\0' || after == ' ' || after == ',' || after == ')' ||
		    after == '-' || after == '\'' || (after == 's' && (s[n + 1] == '\0' || s[n + 1] == ' '));

		if (left && right) {
			/* "vice president", "deputy minister", "former mayor" are someone else */
			size_t off = (size_t)(s - r);
			static const char *const not[] = { "vice", "deputy", "former", "under",
			    "assistant", "ex", "acting", "shadow" };
			size_t k;
			bool bad = false;

			for (k = 0; k < sizeof not / sizeof not[0]; k++) {
				size_t l = strlen(not[k]);

				if (off >= l + 1 && memcmp(s - l - 1, not[k], l) == 0 &&
				    (s[-1] == ' ' || s[-1] == '-') &&
				    (off == l + 1 || *(s - l - 2) == ' '))
					bad = true;
			}
			if (!bad)
				return true;
		}
		s += n;
	}
	return false;
}

/* Does person p's role hold the role word s (abbreviations expanded)? */
bool
an_people_has_role(const struct an_people *pp, int p, const char *s, size_t n)
{
	struct buf r = BUF_INIT, w = BUF_INIT;
	bool ok = false;

	if (p < 0 || (size_t)p >= pp->np || pp->p[p].role == NULL || n == 0)
		return false;
	{
		/* expand abbreviated titles: "Lt. Gen." holds the role "general" */
		static const char *const ab[][2] = {
			{ "gen", "general" }, { "lt", "lieutenant" }, { "col", "colonel" },
			{ "sen", "senator" }, { "gov", "governor" }, { "rep", "representative" },
			{ "prof", "professor" }, { "dr", "doctor" }, { "capt", "captain" },
			{ "sgt", "sergeant" }, { "adm", "admiral" }, { "maj", "major" },
			{ "pres", "president" }, { "supt", "superintendent" }, { "insp", "inspector" },
			{ "pm", "prime minister" }, { "ceo", "chief executive" },
		};
		struct buf low = BUF_INIT;
		const char *q;

		an_lower(pp->p[p].role, strlen(pp->p[p].role), &low);
		an_buf_addc(&low, '\0');
		for (q = low.data; *q != '\0';) {
			const char *e = q;
			size_t k, l;

			while (*e != '\0' && *e != ' ' && *e != '.' && *e != ',')
				e++;
			l = (size_t)(e - q);
			for (k = 0; k < sizeof ab / sizeof ab[0]; k++)
				if (strlen(ab[k][0]) == l && memcmp(ab[k][0], q, l) == 0)
					break;
			if (k < sizeof ab / sizeof ab[0])
				buf_adds(&r, ab[k][1]);
			else
				an_buf_add(&r, q, l);
			if (*e != '\0') {
				an_buf_addc(&r, *e == '.' ? ' ' : *e);
				e++;
			}
			q = e;
		}
		an_buf_addc(&r, '\0');
		buf_free(&low);
	}
	an_lower(s, n, &w);
	an_buf_addc(&w, '\0');
	ok = role_has_word(r.data, w.data, w.len - 1);
	if (!ok) {
		/* spokesman, spokeswoman and spokesperson are one role */
		if (strncmp(w.data, "spokes", 6) == 0)
			ok = role_has_word(r.data, "spokesman", 9) ||
			    role_has_word(r.data, "spokeswoman", 11) ||
			    role_has_word(r.data, "spokesperson", 12);
		/* "secretary general" for "secretary-general" and back */
		else if (strchr(w.data, '-') != NULL) {
			char *d = xstrdup(w.data), *q;

			for (q = d; *q != '\0'; q++)
				if (*q == '-')
					*q = ' ';
			ok = role_has_word(r.data, d, strlen(d));
			free(d);
		} else if (strcmp(w.data, "ceo") == 0) {
			ok = role_has_word(r.data, "chief executive", 15);
		}
	}
	buf_free(&r);
	buf_free(&w);
	return ok;
}

/* Hand names and roles over to an; the registry keeps its lookup tables. */
void
an_people_export(struct an_people *pp, struct analysis *an)
{
	size_t i;

	an->npeople = pp->np;
	an->people = pp->np > 0 ? xcalloc(pp->np, sizeof *an->people) : NULL;
	for (i = 0; i < pp->np; i++) {
		an->people[i].name = pp->p[i].name;
		an->people[i].role = pp->p[i].role;
		an->people[i].from_frontmatter = pp->p[i].fm;
		pp->p[i].name = NULL;
		pp->p[i].role = NULL;
	}
	pp->exported = true;
}

/* Release the registry; NULL is fine. */
void
an_people_free(struct an_people *pp)
{
	size_t i, j;

	if (pp == NULL)
		return;
	for (i = 0; i < pp->np; i++) {
		free(pp->p[i].name);
		free(pp->p[i].role);
		free(pp->p[i].key);
		free(pp->p[i].last);
		free(pp->p[i].first);
	}
	free(pp->p);
	for (i = 0; i < pp->nc; i++) {
		free(pp->c[i].name);
		free(pp->c[i].role);
	}
	free(pp->c);
	for (i = 0; i < pp->nal; i++) {
		for (j = 0; j < pp->al[i].nw; j++)
			free(pp->al[i].words[j]);
		free(pp->al[i].words);
		free(pp->al[i].wlen);
		free(pp->al[i].kw);
	}
	free(pp->al);
	free(pp->alhead);
	strmap_free(&pp->cmap);
	strmap_free(&pp->full);
	strmap_free(&pp->lastw);
	strmap_free(&pp->firstw);
	strmap_free(&pp->namew);
	strmap_free(&pp->allast);
	strmap_free(&pp->alfirst);
	buf_free(&pp->tmp);
	buf_free(&pp->tmp2);
	buf_free(&pp->ck);
	free(pp->mk);
	free(pp);
}
