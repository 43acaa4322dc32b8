/*
 * an-internal.h: what the analysis modules (analysis.c, quotes.c, people.c,
 * an-lex.c, an-text.c, an-speaker.c) share with each other. Nothing outside
 * the engine includes this; the public interface is analysis.h.
 *
 * The engine works paragraph by paragraph. Each paragraph is cut into tokens
 * (words and punctuation, byte spans into the text) once; the tokens are kept
 * packed, four bytes each, and unpacked into struct an_tok one paragraph at
 * a time. Quotations are found on the raw bytes first so that every token
 * knows whether it is quoted. People are detected in a first pass over all
 * the text, then a second pass counts their mentions and attributes every
 * quotation to a speaker.
 */
#ifndef BYLINE_AN_INTERNAL_H
#define BYLINE_AN_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "analysis.h"

/* ---- lexicon (an-lex.c) ---- */

#define LX_STOP		(UINT64_C(1) << 0)	/* function word: never part of a name */
#define LX_RVERB	(UINT64_C(1) << 1)	/* reporting verb, any form */
#define LX_RVERB_ING	(UINT64_C(1) << 2)	/* participle: saying, writing */
#define LX_TITLE	(UINT64_C(1) << 3)	/* title before a name: President, Senator */
#define LX_HON		(UINT64_C(1) << 4)	/* honorific, no role: Mr, Mrs, Ms, Sir */
#define LX_TITLE_WEAK	(UINT64_C(1) << 5)	/* Captain, Lady, Saint: weak evidence */
#define LX_ROLE		(UINT64_C(1) << 6)	/* role noun: spokesman, illustrator */
#define LX_TMOD		(UINT64_C(1) << 7)	/* title modifier: former, deputy, prime */
#define LX_DEPT		(UINT64_C(1) << 8)	/* after "of" in a title: State, Education */
#define LX_ORG		(UINT64_C(1) << 9)	/* makes a name an organisation or place */
#define LX_PLACE	(UINT64_C(1) << 10)	/* country, city, region */
#define LX_NATION	(UINT64_C(1) << 11)	/* nationality adjective */
#define LX_MONTH	(UINT64_C(1) << 12)
#define LX_DAY		(UINT64_C(1) << 13)
#define LX_GIVEN_M	(UINT64_C(1) << 14)	/* given name, usually a man's */
#define LX_GIVEN_F	(UINT64_C(1) << 15)	/* given name, usually a woman's */
#define LX_PARTICLE	(UINT64_C(1) << 16)	/* de, van, bin: inside names */
#define LX_PRON_M	(UINT64_C(1) << 17)	/* he */
#define LX_PRON_F	(UINT64_C(1) << 18)	/* she */
#define LX_PRON_X	(UINT64_C(1) << 19)	/* they, it, we, I: not a person we know */
#define LX_DET		(UINT64_C(1) << 20)	/* the, a, this, his */
#define LX_INDEF	(UINT64_C(1) << 21)	/* a, an, one, another, some: unnamed */
#define LX_AUX		(UINT64_C(1) << 22)	/* has, also, later: between subject and verb */
#define LX_CLAUSE	(UINT64_C(1) << 23)	/* that, which, because: ends a noun phrase */
#define LX_ABBREV	(UINT64_C(1) << 24)	/* a dot after it does not end a sentence */
#define LX_GROUP	(UINT64_C(1) << 25)	/* administration, government: "the Biden administration" */
#define LX_EASURNAME	(UINT64_C(1) << 26)	/* East Asian surname written first */
#define LX_COMMON	(UINT64_C(1) << 27)	/* common capitalised word: New, National */
#define LX_CREDIT	(UINT64_C(1) << 28)	/* Image, Photo: a credit label */
#define LX_AGENCY	(UINT64_C(1) << 29)	/* picture agency or wire: Getty, Reuters */
#define LX_PREP		(UINT64_C(1) << 30)	/* preposition or adverb opening a sentence */
#define LX_PARTY	(UINT64_C(1) << 31)	/* Labour, Republican: not "the X government" */
#define LX_ACCORDING	(UINT64_C(1) << 32)	/* according (to) */
#define LX_NOTNAME	(UINT64_C(1) << 33)	/* a capitalised word that is never a name */
#define LX_ACRONYM	(UINT64_C(1) << 34)	/* known acronym, never initials */
#define LX_SUFFIX	(UINT64_C(1) << 35)	/* Jr, Sr, II, III */
#define LX_PLURALTITLE	(UINT64_C(1) << 36)	/* ministers, leaders: a group, not a person */
#define LX_STRONGVERB	(UINT64_C(1) << 37)	/* said, says, told: sure to report speech */
#define LX_SURNAMEOK	(UINT64_C(1) << 38)	/* place or org word that is also a surname */
#define LX_WORK		(UINT64_C(1) << 39)	/* novel, film, hurricane: a name after it is no person */

#define LX_GIVEN	(LX_GIVEN_M | LX_GIVEN_F)
#define LX_ANYTITLE	(LX_TITLE | LX_HON | LX_TITLE_WEAK | LX_ROLE)

/* Flags of the word s (n bytes), case-insensitively; 0 for unknown words. */
uint64_t an_lex(const char *s, size_t n);

/*
 * Words of the lexicon are numbered 1..AN_LEX_MAXID (0: not in it), so that a
 * stored token keeps a number instead of its flags.
 */
#define AN_LEX_MAXID	8191

/* The lexicon's tables, for the tokenizer's inline lookups (an_lex_find8()). */
struct an_lexicon {
	const uint64_t		*flags;	/* by number; 0 (unknown) has none */
	const uint16_t		*slot;	/* hash slots: a number, 0 = empty */
	const uint64_t		*k0;	/* by number: the first eight lower-case bytes */
	const unsigned char	*len;	/* by number: the length in bytes */
};

#define AN_LEX_SLOTS	16384	/* a power of two, under a third full */

/*
 * Build the lexicon once (thread-safe) and return it. Call it before
 * an_lex_word() and an_lex_find8(); an_lex() and an_lex_id() call it themselves.
 */
const struct an_lexicon *an_lex_init(void);

/* The slot where a key (its words mixed into k) of n bytes starts its probe. */
static inline size_t
an_lex_hash(uint64_t k, size_t n)
{
	return (size_t)(((k + n) * UINT64_C(0x9E3779B97F4A7C15)) >> 50) & (AN_LEX_SLOTS - 1);
}

/* Number of the lower-case ASCII word of n <= 8 bytes packed little-endian into w; 0 if unknown. */
static inline unsigned
an_lex_find8(const struct an_lexicon *lx, uint64_t w, size_t n)
{
	size_t h = an_lex_hash(w, n);

	for (;;) {
		unsigned id = lx->slot[h];

		if (id == 0 || (lx->k0[id] == w && lx->len[id] == n))
			return id;
		h = (h + 1) & (AN_LEX_SLOTS - 1);
	}
}

#define AN_HIGH_BITS	UINT64_C(0x8080808080808080)

/* Is the machine little-endian (what loading eight bytes as a word and masking assumes)? */
#if defined(__BYTE_ORDER__) && defined(__ORDER_LITTLE_ENDIAN__) && \
    __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
#define AN_LITTLE_ENDIAN	1
#else
#define AN_LITTLE_ENDIAN	0
#endif

/* The mask of the low n bytes of a 64-bit word, n <= 8. */
static inline uint64_t
an_low_bytes(size_t n)
{
	return n >= 8 ? ~UINT64_C(0) : (UINT64_C(1) << (8 * n)) - 1;
}

/* The eight ASCII bytes of w with A-Z lower-cased. */
static inline uint64_t
an_lower8(uint64_t w)
{
	/* 0x80 in each byte that is A-Z, moved to 0x20 */
	uint64_t up = ((w + UINT64_C(0x3F3F3F3F3F3F3F3F)) & ~(w + UINT64_C(0x2525252525252525))) &
	    AN_HIGH_BITS;

	return w | up >> 2;
}

/* Number of the word s (n bytes), case-insensitively, as an_lex() finds it; 0 if unknown. */
unsigned an_lex_id(const char *s, size_t n);

/*
 * The same for the word text[start, start + n) of a text of len bytes,
 * faster: it may read up to 24 bytes from start (never past len).
 */
unsigned an_lex_word(const char *text, size_t len, size_t start, size_t n);

/* ---- text and tokens (an-text.c) ---- */

/* Decode one UTF-8 character of s at i (i < len); returns its length, >= 1. Bad bytes give U+FFFD. */
size_t an_utf8(const char *s, size_t len, size_t i, uint32_t *cp);

/* Is the code point whitespace (including no-break and ideographic spaces)? */
bool an_isspace(uint32_t cp);

/* Is the code point a letter or a combining mark? */
bool an_isletter(uint32_t cp);

/* Is the code point an upper-case or title-case letter? */
bool an_isupper(uint32_t cp);

/* Append the lower-case form of s (n bytes) to out; invalid bytes are kept. */
void an_lower(const char *s, size_t n, struct buf *out);

enum an_tkind {
	TK_WORD = 1,
	TK_PUNCT,
	TK_QUOTE,	/* a whole quotation part, only in the narrative stream */
};

#define TF_CAP		0x0001u	/* first letter upper case */
#define TF_ALLCAPS	0x0002u	/* two or more letters, all upper case */
#define TF_DIGIT	0x0004u	/* holds a digit */
#define TF_POSS		0x0008u	/* possessive: bend excludes the 's */
#define TF_SSTART	0x0010u	/* probably the first word of a sentence */
#define TF_DOTTED	0x0020u	/* holds an inner dot: U.S */
#define TF_INITIAL	0x0040u	/* one capital letter followed by a dot */
#define TF_LOWER	0x0080u	/* first letter lower case */
#define TF_WORDBITS	0x00FFu	/* the flags above: what a stored word keeps */
#define TF_INQ		0x0100u	/* inside a quotation (marks included) */
#define TF_MARK		0x0200u	/* punctuation that is a quotation mark */
#define TF_QTERM	0x0400u	/* TK_QUOTE: the quoted words end with . ? or ! */
#define TF_QFIRST	0x0800u	/* TK_QUOTE: the first part of its quotation */
#define TF_QLAST	0x1000u	/* TK_QUOTE: the last part of its quotation */
#define TF_SPACEBEFORE	0x2000u	/* whitespace right before the token */
#define TF_CAPWORD	0x4000u	/* a word that can be part of a name: an_capword() */

/*
 * Can a word with the TF_ flags fl and the lexicon flags lex be part of a
 * name: capitalised, no digit, not a function word, an acronym in capitals
 * or a reporting verb (unless also a name or title)? an_tok_unpack() keeps
 * the answer in TF_CAPWORD.
 */
static inline bool
an_capword(unsigned fl, uint64_t lex)
{
	if (!(fl & TF_CAP) || (fl & TF_DIGIT))
		return false;
	if ((lex & LX_STOP) && !(lex & (LX_GIVEN | LX_TITLE | LX_HON)))
		return false;
	if ((fl & TF_ALLCAPS) && !(fl & TF_DOTTED))
		return false;
	if ((lex & LX_RVERB) && !(lex & (LX_GIVEN | LX_TITLE | LX_ROLE)))
		return false;
	return true;
}

/* Punctuation codes besides the ASCII characters themselves. */
#define PC_DASH		'D'	/* em or en dash */
#define PC_ELLIPSIS	'E'
#define PC_QMARK	'Q'	/* any quotation mark */
#define PC_OTHER	'O'

struct an_tok {
	size_t		start, end;	/* bytes */
	size_t		bend;		/* end without a possessive 's */
	uint64_t	lex;		/* lexicon flags of the word (without 's) */
	unsigned	flags;		/* TF_* */
	unsigned char	kind;		/* enum an_tkind */
	unsigned char	ch;		/* punctuation code */
	int		q;		/* quotation covering it, or -1 */
	int		person;		/* pass 2: person this word names, or -1 */
	unsigned char	mkind;		/* pass 2: how the person is named (MK_*) */
	int		sent;		/* narrative: sentence number in the paragraph */
	size_t		tix;		/* TK_QUOTE: number of the quotation part in the paragraph */
};

#define MK_NAME		1	/* a name or surname */
#define MK_ALIAS	2	/* a front matter alias */
#define MK_GROUP	3	/* "the Biden administration" */

/* A quotation as quotes.c finds it; the public an_quote is built from it. */
struct an_rawq {
	size_t	start, end;		/* with marks */
	size_t	inner_start, inner_end;	/* without marks, trimmed */
	size_t	para, para_last;	/* normalised paragraph indexes */
	bool	closed;
};

/*
 * The tokens of every paragraph, kept between the passes in four bytes each
 * (an-text.c packs them): the text is cut into tokens once, and each pass
 * unpacks a paragraph's tokens into struct an_tok.
 */
struct an_toks {
	uint32_t	*v;		/* one packed token each */
	size_t		 n, cap;
	unsigned char	*x;		/* gaps and lengths too large to pack, as varints */
	size_t		 nx, xcap;
};

/* Where unpacking goes on in a struct an_toks. */
struct an_tokpos {
	size_t	v, x;
};

/* Release the memory of tk and empty it. */
void an_toks_free(struct an_toks *tk);

/*
 * Cut text[span] into tokens appended to tk; returns how many. Linear in the
 * span. Never fails.
 */
size_t an_tokenize(const char *text, size_t len, struct an_span span, struct an_toks *tk);

/*
 * Unpack the n tokens that an_tokenize() stored for the paragraph span, from
 * *at in tk (at moves past them), into (*v)[0..n) (*cap updated). Quotations
 * q[0..nq) (sorted, not overlapping) mark the tokens they cover.
 */
void an_tok_unpack(struct an_span span, const struct an_toks *tk, struct an_tokpos *at,
    size_t n, const struct an_rawq *q, size_t nq, struct an_tok **v, size_t *cap);

/*
 * What makes a paragraph's words worth pass 2 (its quotations aside): a word
 * of lexicon number id1 or id2 (he, she); a capitalised name word
 * (an_capword()) for which named() says yes; when aliased is not NULL, a
 * word whose lower-case first byte is in the bitmap afirst (a non-ASCII one
 * always) for which aliased() says yes.
 */
struct an_quiet {
	unsigned	  id1, id2;
	bool		(*named)(void *arg, const char *text, size_t start, size_t end);
	bool		(*aliased)(void *arg, const char *text, size_t start, size_t end);
	const uint64_t	 *afirst;	/* 256 bits */
	void		 *arg;
};

/*
 * Is a paragraph quiet: none of its n stored tokens (from *at in tk) is a
 * word qt says is worth pass 2? If so, *next is where its tokens end in tk.
 * Stops at the first word that is.
 */
bool an_toks_quiet(const char *text, struct an_span span, const struct an_toks *tk,
    const struct an_tokpos *at, size_t n, const struct an_quiet *qt, struct an_tokpos *next);

/* ---- quotations (quotes.c) ---- */

/*
 * Find the quotations of text in the paragraphs paras[0..np), which must be
 * in order and not overlap. Returns how many and stores a new array the
 * caller frees in *out. Linear in the text.
 */
size_t an_quotes_find(const char *text, size_t len, const struct an_span *paras,
    size_t np, struct an_rawq **out);

/* Count the words of text[start, end), stopping at max. */
size_t an_count_words(const char *text, size_t start, size_t end, size_t max);

/* Is cp a double quotation mark or guillemet (not an apostrophe)? */
bool an_is_dquote(uint32_t cp);

/* ---- people (people.c) ---- */

struct an_people;

/* A new people registry seeded with the front matter's people. */
struct an_people *an_people_new(const struct an_input *in);

/* Release the registry (not the people it handed to an analysis). */
void an_people_free(struct an_people *pp);

/* Which text a token stream comes from, for pass 1 evidence. */
enum an_src {
	SRC_BODY = 0,
	SRC_IMG_TITLE,
	SRC_IMG_CAPTION,
	SRC_IMG_CREDIT,
};

/* Pass 1: gather name candidates and their evidence from one token stream. */
void an_people_detect(struct an_people *pp, const char *text, const struct an_tok *t,
    size_t n, enum an_src src);

/* Between the passes: decide who is a person. */
void an_people_settle(struct an_people *pp);

/*
 * After settling: can a mention of someone (by name or surname, not alias)
 * start with the word text[start, end)? When no word of a stream can, pass
 * 2 marks nothing in it.
 */
bool an_people_may_name(struct an_people *pp, const char *text, size_t start, size_t end);

/* Does the registry hold front matter aliases? */
bool an_people_has_aliases(const struct an_people *pp);

/*
 * Can the word text[start, end) end a front matter alias (be its last word)?
 * An alias is never found in a stream with no such word.
 */
bool an_people_may_alias(struct an_people *pp, const char *text, size_t start, size_t end);

/* The lower-case first bytes of the aliases' last words: a 256-bit map. */
const uint64_t *an_people_alias_bytes(const struct an_people *pp);

/*
 * Pass 2: mark the tokens t[0..n) that name a person (t[i].person, mkind) and
 * append each mention to *m (nm, cap updated) with where and image set.
 */
void an_people_mark(struct an_people *pp, const char *text, struct an_tok *t, size_t n,
    enum an_where where, size_t image, struct an_mention **m, size_t *nm, size_t *cap);

/* Number of people. */
size_t an_people_count(const struct an_people *pp);

/* Gender of person p: 'm', 'f' or 0 when unknown. */
int an_people_gender(const struct an_people *pp, int p);

/* Record that the text calls person p "he" ('m') or "she" ('f'). */
void an_people_set_gender(struct an_people *pp, int p, int g);

/* Does person p hold the role named by the word s (n bytes), e.g. "president"? */
bool an_people_has_role(const struct an_people *pp, int p, const char *s, size_t n);

/*
 * Move the people into an (people, npeople): names and roles change owner.
 * The registry stays usable for lookups until freed.
 */
void an_people_export(struct an_people *pp, struct analysis *an);

/* ---- speakers (an-speaker.c) ---- */

struct an_speakers;

/* A new attribution state over quotes q (their speakers are written there). */
struct an_speakers *an_speakers_new(struct an_people *pp, struct an_quote *q, size_t nq);

void an_speakers_free(struct an_speakers *sp);

/*
 * Attribute the quotations found in one body paragraph, number pi, whose
 * tokens (after pass 2 marking) are t[0..n); t is used as scratch (the
 * tokens are gone afterwards). Paragraphs come in order.
 */
void an_speakers_para(struct an_speakers *sp, const char *text, struct an_tok *t, size_t n,
    size_t pi);

/* Finish: quotations still pending get what their context gives. */
void an_speakers_finish(struct an_speakers *sp);

#endif
