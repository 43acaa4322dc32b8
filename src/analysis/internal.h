/*
 * internal.h: what the analysis modules (analysis.c, quotes.c, people.c,
 * lex.c, tokens.c, rawsrc.c, window.c, speaker.c) share with each other. Nothing outside
 * the engine includes this; the public interface is analysis.h.
 *
 * The engine works paragraph by paragraph. Each paragraph is cut into tokens
 * (words and punctuation, byte spans into the text, struct an_tok) in each
 * pass that needs it; between the passes, a few numbers a paragraph are
 * kept, and the tokens (packed) of the paragraphs the second pass reads for
 * sure. A paragraph of more tokens than a window holds is cut and worked on a
 * window at a time (window.c). Quotations are found on the raw bytes
 * first so that every token knows whether it is quoted. People are detected
 * in a first pass over all the text, then a second pass counts their
 * mentions and attributes every quotation to a speaker.
 */
#ifndef BYLINE_AN_INTERNAL_H
#define BYLINE_AN_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "analysis.h"
#include "utf8.h"

/* ---- lexicon (lex.c) ---- */

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
#define LX_HESHE	(UINT64_C(1) << 40)	/* he or she (and nothing else) */
#define LX_PVERB	(UINT64_C(1) << 41)	/* scored, founded: what a person does (a subject) */
#define LX_POBJ		(UINT64_C(1) << 42)	/* hired, replaced: done to a person (an object) */

#define LX_GIVEN	(LX_GIVEN_M | LX_GIVEN_F)
#define LX_ANYTITLE	(LX_TITLE | LX_HON | LX_TITLE_WEAK | LX_ROLE)

/* Flags of the word s (n bytes), case-insensitively; 0 for unknown words. */
uint64_t an_lex(const char *s, size_t n);

/*
 * Words of the lexicon are numbered 1..AN_LEX_MAXID (0: not in it), so that a
 * stored token keeps a number instead of its flags.
 */
#define AN_LEX_MAXID	8191

#define AN_LEX_SLOTS	16384	/* a power of two, under a third full */

/*
 * The lexicon's tables, for the tokenizer's inline lookups (an_lex_find8()):
 * built by an_lex_init(), read-only after.
 */
extern uint64_t		an_lex_flags[AN_LEX_MAXID + 1];	/* by number; 0 (unknown) has none */
extern uint16_t		an_lex_slots[AN_LEX_SLOTS];	/* hash slots: a number, 0 = empty */
extern uint64_t		an_lex_k0[AN_LEX_MAXID + 1];	/* by number: the word of up to 8 bytes, packed; 0 if longer */
extern uint64_t		an_lex_k16[AN_LEX_MAXID + 1][2];	/* or of 9 to 16 bytes (else 0, 0) */

/*
 * Build the lexicon once (thread-safe). Call it before an_lex_word(),
 * an_lex_find8() and the tables; an_lex() and an_lex_id() call it themselves.
 */
void an_lex_init(void);

/* The slot where a key (its words mixed into k) of n bytes starts its probe. */
static inline size_t
an_lex_hash(uint64_t k, size_t n)
{
	return (size_t)(((k + n) * UINT64_C(0x9E3779B97F4A7C15)) >> 50) & (AN_LEX_SLOTS - 1);
}

/*
 * Number of the lower-case ASCII word of 1 <= n <= 8 bytes (none of them NUL)
 * packed little-endian into w; 0 if unknown.
 */
static inline unsigned
an_lex_find8(uint64_t w, size_t n)
{
	size_t h = an_lex_hash(w, n);

	for (;;) {
		unsigned id = an_lex_slots[h];

		if (id == 0 || an_lex_k0[id] == w)
			return id;
		h = (h + 1) & (AN_LEX_SLOTS - 1);
	}
}

/*
 * Number of the lower-case ASCII word of 9 <= n <= 16 bytes (none of them
 * NUL) packed little-endian into w0 and w1 (zero-padded); 0 if unknown.
 */
static inline unsigned
an_lex_find16(uint64_t w0, uint64_t w1, size_t n)
{
	size_t h = an_lex_hash(w0 + w1 * UINT64_C(0xC2B2AE3D27D4EB4F), n);

	for (;;) {
		unsigned id = an_lex_slots[h];

		if (id == 0 || (an_lex_k16[id][0] == w0 && an_lex_k16[id][1] == w1))
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

/*
 * The word text[start, start + n), n <= 8, packed little-endian and
 * zero-padded into 64 bits; eight bytes are read at once when start + 8 <=
 * lim (text holds lim bytes at least).
 */
static inline uint64_t
an_load_word(const char *text, size_t start, size_t n, size_t lim)
{
	uint64_t w = 0;

	if (start + 8 <= lim) {
		memcpy(&w, text + start, 8);
		return w & an_low_bytes(n);
	}
	memcpy(&w, text + start, n);
	return w;
}

/* Append the byte c to b, as buf_addc() does (inline: the engine does it a lot). */
static inline void
an_buf_addc(struct buf *b, char c)
{
	if (b->cap - b->len < 2)
		buf_reserve(b, 1);
	b->data[b->len++] = c;
	b->data[b->len] = '\0';
}

/* Append s[0..n) to b, as buf_add() does. */
static inline void
an_buf_add(struct buf *b, const char *s, size_t n)
{
	size_t k;

	if (b->cap - b->len <= n)
		buf_reserve(b, n);
	if (n <= 16) {
		for (k = 0; k < n; k++)
			b->data[b->len + k] = s[k];
	} else
		memcpy(b->data + b->len, s, n);
	b->len += n;
	b->data[b->len] = '\0';
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

/* ---- text and tokens (tokens.c) ---- */

/*
 * Decode the UTF-8 character of s at i (i < len) into *cp; returns its
 * length, >= 1. An ill-formed sequence gives one U+FFFD for each maximal
 * subpart (utf8_decode(), the one decoder; ASCII is decoded here, inline).
 */
static inline size_t
an_utf8(const char *s, size_t len, size_t i, uint32_t *cp)
{
	int32_t c;
	size_t l;

	if ((unsigned char)s[i] < 0x80) {
		*cp = (unsigned char)s[i];
		return 1;
	}
	l = utf8_decode(s + i, len - i, &c);
	*cp = c == UTF8_INVALID ? 0xFFFD : (uint32_t)c;
	return l;
}

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
#define TF_NSTART	0x8000u	/* narrative: the first token of a sentence */
#define TF_HASHED	0x10000u	/* h holds the word's hash (an_tok_hash()) */
#define TF_ASCII	0x20000u	/* a word of ASCII letters and digits only */
#define TF_ALIASW	0x40000u	/* a word that may end a front matter alias (an_tokstate alen) */

/*
 * Can a word with the TF_ flags fl and the lexicon flags lex be part of a
 * name: capitalised, no digit, not a function word, an acronym in capitals
 * or a reporting verb (unless also a name or title)? The tokenizer keeps
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
	int		q;		/* quotation covering it, or -1 */
	int		person;		/* pass 2: person this word names, or -1 */
	uint32_t	tix;		/* a word: its lexicon number; TK_QUOTE: number of its part */
	uint32_t	h;		/* a word: its hash, when TF_HASHED (a name word often is) */
	unsigned char	kind;		/* enum an_tkind */
	unsigned char	ch;		/* punctuation code */
	unsigned char	mkind;		/* pass 2: how the person is named (MK_*) */
};

/* Is t the word w (lower-case ASCII), written in any case (a possessive aside)? */
static inline bool
an_word_is(const char *text, const struct an_tok *t, const char *w)
{
	size_t n = strlen(w);

	return t->kind == TK_WORD && t->bend - t->start == n &&
	    ascii_strncasecmp(text + t->start, w, n) == 0;
}

/* Is t the punctuation c (an ASCII character or a PC_ code)? */
static inline bool
an_punct_is(const struct an_tok *t, unsigned char c)
{
	return t->kind == TK_PUNCT && t->ch == c;
}

#define MK_NAME		1	/* a name or surname */
#define MK_ALIAS	2	/* a front matter alias */
#define MK_GROUP	3	/* "the Biden administration" */

/* A quotation as quotes.c finds it; the public an_quote is built from it. */
struct an_rawq {
	size_t	start, end;		/* with marks */
	size_t	inner_start, inner_end;	/* without marks, trimmed */
	size_t	para, para_last;	/* normalised paragraph indexes */
};

/*
 * Where the tokenizer is in a paragraph: it cuts the paragraph into struct
 * an_tok a batch at a time (an_tok_next()), so that a paragraph of any size
 * can be cut in windows, and again in a later pass, always alike.
 */
struct an_tokstate {
	const char		*text;
	size_t			 len;		/* of the whole text */
	size_t			 end;		/* of the paragraph */
	size_t			 i;		/* the next byte to cut */
	unsigned		 carry;		/* what the next token inherits (tokens.c) */
	const struct an_quote	*q;		/* the quotations, to mark the tokens they cover */
	size_t			 nq, qi;	/* qi: none before it ends after i */
	size_t			 qb;		/* where being in a quotation changes next */
	const uint64_t		*alen;		/* when not NULL: TF_ALIASW by an_people_alias_lengths() */
};

/*
 * Start cutting text[span] (the lexicon and the tokenizer's tables are
 * built at the first call, from any thread); q[0..nq) are the
 * quotations (sorted, not overlapping), and none before q[qhint] ends after
 * span.start.
 */
void an_tok_begin(struct an_tokstate *ts, const char *text, size_t len, struct span span,
    const struct an_quote *q, size_t nq, size_t qhint);

/*
 * Cut up to max more tokens into t[0..); returns how many. Linear in the
 * bytes cut. Never fails.
 */
size_t an_tok_next(struct an_tokstate *ts, struct an_tok *t, size_t max);

/* Is every token of the paragraph cut? */
static inline bool
an_tok_done(const struct an_tokstate *ts)
{
	return ts->i >= ts->end;
}

/*
 * Keep the n tokens t cut of the paragraph span, packed (about four bytes a
 * token), for another pass: into v[0..n) (room for n), and what does not fit
 * into *x (nx, xcap updated).
 */
void an_tok_pack(struct span span, const struct an_tok *t, size_t n, uint32_t *v,
    unsigned char **x, size_t *nx, size_t *xcap);

/*
 * The tokens an_tok_pack() kept, from v and x (where the paragraph's start),
 * as an_tok_next() cuts them (q, nq and qhint as for an_tok_begin()) into
 * t[0..n).
 */
void an_tok_unpack(struct span span, const uint32_t *v, const unsigned char *x, size_t n,
    const struct an_quote *q, size_t nq, size_t qhint, struct an_tok *t);

/*
 * Cut the NUL-terminated s (an image field; NULL for none) into (*v)[0..n),
 * growing *v (*cap updated); returns n.
 */
size_t an_tok_field(const char *s, struct an_tok **v, size_t *cap);

/* A 32-bit hash of the lower-case word s (n bytes), as an_tok_hash() computes it. */
uint32_t an_word_hash(const char *s, size_t n);

/*
 * The same hash of the word t once an_lower()ed (possessive aside); text
 * holds lim bytes at least, buf is scratch.
 */
uint32_t an_tok_hash(const char *text, size_t lim, const struct an_tok *t, struct buf *scratch);

/* ---- pass 2's token source (rawsrc.c) ---- */

/*
 * A paragraph's tokens as pass 2 reads them: cut by the tokenizer, each word
 * of a mention marked with its person (and MK_ kind), the mentions of m[1]
 * over those of m[0]. The window (window.c) feeds speaker.c from one; a copy
 * goes on apart from the original (speaker.c's look-ahead).
 */
struct an_rawsrc {
	struct an_tokstate	 ts;
	const struct an_mention	*m[2];		/* each in text order */
	const unsigned char	*mk[2];		/* their kinds */
	size_t			 nm[2], mi[2];	/* how many, and the next */
};

/* Cut and mark up to max more tokens into t[0..); returns how many. */
size_t an_rawsrc_next(struct an_rawsrc *rs, struct an_tok *t, size_t max);

/* ---- windows (window.c) ---- */

#ifdef AN_WIN_TEST
#define AN_WIN_MAX	16	/* (tiny windows, that a long paragraph moves often) */
#define AN_RAWBATCH	8
#else
#define AN_WIN_MAX	16384	/* tokens: a paragraph of more is worked on in windows */
#define AN_RAWBATCH	1024	/* raw tokens fed to speaker.c at a time */
#endif

struct an_win;
struct an_people;
struct an_speakers;

/*
 * The windows of the passes, which keep (an_win_keep()) up to room bytes of
 * packed tokens for pass 2; free them with an_win_free().
 */
struct an_win *an_win_new(size_t room);
void an_win_free(struct an_win *w);

/*
 * Pass 1 over the paragraph span (the rest as an_tok_begin(); alen as in
 * struct an_tokstate): what people.c detects in it, and every token once, in
 * order, to note(arg, t, n). Returns its number of tokens.
 */
size_t an_win_detect(struct an_win *w, struct an_people *pp, const char *text, size_t len,
    struct span span, const struct an_quote *q, size_t nq, size_t qhint, const uint64_t *alen,
    void (*note)(void *arg, const struct an_tok *t, size_t n), void *arg);

/*
 * Keep the tokens of the paragraph span that an_win_detect() just cut (ntok)
 * for pass 2, if it was cut whole and they fit: *kv and *kx say where.
 */
bool an_win_keep(struct an_win *w, struct span span, size_t ntok, size_t *kv, size_t *kx);

/*
 * Pass 2 over paragraph number pi (span) of ntok tokens (kept where kv and
 * kx say, or cut again when kv is SIZE_MAX): its mentions into *m (nm, cap
 * updated), its quotations' speakers through sp. aliases: a word in it may
 * end a front matter alias (else none is looked for); names: a capitalised
 * word may start a name (else none is).
 */
void an_win_mark(struct an_win *w, struct an_people *pp, struct an_speakers *sp,
    const char *text, size_t len, struct span span, size_t pi, size_t ntok,
    const struct an_quote *q, size_t nq, size_t qhint, size_t kv, size_t kx, bool aliases,
    bool names, struct an_mention **m, size_t *nm, size_t *cap);

/* ---- quotations (quotes.c) ---- */

/*
 * Find the quotations of text in the paragraphs paras[0..np), which must be
 * in order and not overlap. Returns how many and stores a new array the
 * caller frees in *out. Linear in the text.
 */
size_t an_quotes_find(const char *text, size_t len, const struct span *paras,
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

/*
 * The same for the name chunks of a stream that start in t[from,
 * limit) of a window t[0..n) of its tokens, which holds enough tokens before
 * from and after limit (window.c). more is NULL when the paragraph ends
 * with t[n - 1], else it cuts the tokens after the window (a scan that runs
 * on goes on with a copy). Returns the index of the token where the next
 * window must go on.
 */
size_t an_people_detect_win(struct an_people *pp, const char *text, const struct an_tok *t,
    size_t n, size_t from, size_t limit, const struct an_tokstate *more, enum an_src src);

/* Between the passes: decide who is a person. */
void an_people_settle(struct an_people *pp);

/*
 * After settling: the hashes (an_word_hash()) of the lower-case words a
 * mention of someone (by name or surname, not alias) can start with, in a new
 * array *out the caller frees; returns how many. A stream in which no
 * capitalised word has one of them gets no mention from pass 2.
 */
size_t an_people_name_hashes(const struct an_people *pp, uint32_t **out);

/* Does the registry hold front matter aliases? */
bool an_people_has_aliases(const struct an_people *pp);

/*
 * The hashes (an_word_hash()) of the lower-case words a front matter alias
 * can end with, in a new array *out the caller frees; returns how many. An
 * alias is never found in a stream with no such word.
 */
size_t an_people_alias_hashes(const struct an_people *pp, uint32_t **out);

/*
 * For each byte c, the lengths (bit n for n bytes, bit 63 for more) of the
 * lower-case last words of the aliases whose first byte is c (all bits when
 * c is not ASCII): a word of another length, ASCII only, ends none.
 */
void an_people_alias_lengths(const struct an_people *pp, uint64_t len[256]);

/*
 * Pass 2: mark the tokens t[0..n) that name a person (t[i].person, mkind) and
 * append each mention to *m (nm, cap updated) with where and image set.
 */
void an_people_mark(struct an_people *pp, const char *text, struct an_tok *t, size_t n,
    enum an_where where, size_t image, struct an_mention **m, size_t *nm, size_t *cap);

/*
 * What an_people_mark() does in three steps, for a paragraph worked on in
 * windows t[0..n) (as an_people_detect_win()): the front matter aliases
 * starting in t[from, limit), then (over the whole paragraph again, its
 * alias mentions marked in the tokens) the names in the chunks starting
 * there; each returns where the next window must go on. Then the
 * paragraph's mentions, from the first, are sorted.
 */
size_t an_people_mark_aliases(struct an_people *pp, const char *text, struct an_tok *t,
    size_t n, size_t from, size_t limit, enum an_where where, size_t image,
    struct an_mention **m, size_t *nm, size_t *cap);
size_t an_people_mark_names(struct an_people *pp, const char *text, struct an_tok *t,
    size_t n, size_t from, size_t limit, enum an_where where, size_t image,
    struct an_mention **m, size_t *nm, size_t *cap);
void an_people_sort_mentions(const struct an_people *pp, struct an_mention *m, size_t first,
    size_t nm);

/*
 * The MK_ kind of every mention recorded, by its index in *m when it was
 * recorded (before an_people_sort_mentions() moved it).
 */
const unsigned char *an_people_mention_kinds(const struct an_people *pp);

/* The most words of a front matter alias (0 without aliases). */
size_t an_people_alias_words(const struct an_people *pp);

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

/* ---- speakers (speaker.c) ---- */

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

/*
 * The same for a paragraph of more tokens than one window holds, read in
 * windows of the module's own: start it (its raw tokens, marked, come from
 * src, which the module may copy to read ahead); then, until
 * an_speakers_read() says it is done, feed it as many raw tokens as there is
 * room for (last: the paragraph has no more), and let it read.
 */
void an_speakers_begin(struct an_speakers *sp, const char *text, size_t pi,
    const struct an_rawsrc *src);
size_t an_speakers_room(const struct an_speakers *sp);
void an_speakers_feed(struct an_speakers *sp, const struct an_tok *t, size_t n, bool last);
bool an_speakers_read(struct an_speakers *sp);

#endif
