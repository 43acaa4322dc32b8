/*
 * tokens.c: character classes and the tokenizer of the analysis engine
 * (UTF-8 is decoded by base's utf8_decode(), through an_utf8()). Tokens are byte spans; nothing is copied. The tokenizer
 * cuts a paragraph a batch of tokens at a time, from a state small enough to
 * copy (struct an_tokstate), so that a pass can cut a paragraph of any size
 * in windows and a later pass can cut it again alike.
 */
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "internal.h"
#include "util.h"

/* Whitespace test that knows no-break, thin and ideographic spaces. */
bool
an_isspace(uint32_t cp)
{
	if (cp < 0x80)
		return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == '\f' ||
		    cp == '\v';
	return cp == 0xA0 || (cp >= 0x2000 && cp <= 0x200B) || cp == 0x202F ||
	    cp == 0x205F || cp == 0x3000 || cp == 0xFEFF || cp == 0x1680 || cp == 0x85 ||
	    cp == 0x2028 || cp == 0x2029;
}

/* Letter or combining mark of any script, by Unicode category. */
bool
an_isletter(uint32_t cp)
{
	utf8proc_category_t c;

	if (cp < 0x80)
		return ascii_isalpha((int)cp);
	if (cp == 0xFFFD)
		return false;
	c = utf8proc_category((utf8proc_int32_t)cp);
	return c == UTF8PROC_CATEGORY_LU || c == UTF8PROC_CATEGORY_LL ||
	    c == UTF8PROC_CATEGORY_LT || c == UTF8PROC_CATEGORY_LM ||
	    c == UTF8PROC_CATEGORY_LO || c == UTF8PROC_CATEGORY_MN ||
	    c == UTF8PROC_CATEGORY_MC;
}

/* Upper-case or title-case letter of any script. */
bool
an_isupper(uint32_t cp)
{
	utf8proc_category_t c;

	if (cp < 0x80)
		return ascii_isupper((int)cp);
	c = utf8proc_category((utf8proc_int32_t)cp);
	return c == UTF8PROC_CATEGORY_LU || c == UTF8PROC_CATEGORY_LT;
}

/* Append the lower case of s to out; curly apostrophes become straight ones. */
void
an_lower(const char *s, size_t n, struct buf *out)
{
	size_t i = 0;
	char *d;

	/* the common case: ASCII, written straight into the buffer */
	if (out->cap - out->len <= n)
		buf_reserve(out, n + 1);
	d = out->data + out->len;
	while (i < n && (unsigned char)s[i] < 0x80) {
		unsigned char c = (unsigned char)s[i];

		d[i] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
		i++;
	}
	out->len += i;
	out->data[out->len] = '\0';
	while (i < n) {
		uint32_t cp;
		size_t l = an_utf8(s, n, i, &cp);

		if (cp < 0x80)
			an_buf_addc(out, (char)ascii_tolower((int)cp));
		else if (cp == 0xFFFD || cp == 0x2019) {
			if (cp == 0x2019)
				an_buf_addc(out, '\'');
			else
				an_buf_add(out, s + i, l);
		} else {
			utf8proc_uint8_t enc[4];
			utf8proc_ssize_t el;

			el = utf8proc_encode_char(utf8proc_tolower((utf8proc_int32_t)cp), enc);
			if (el > 0)
				buf_add(out, enc, (size_t)el);
			else
				an_buf_add(out, s + i, l);
		}
		i += l;
	}
}

/* Is cp a quotation mark of any kind (double, single or angle)? */
static bool
is_mark(uint32_t cp)
{
	switch (cp) {
	case '"': case '\'': case 0x2018: case 0x2019: case 0x201A: case 0x201B:
	case 0x201C: case 0x201D: case 0x201E: case 0x201F: case 0xAB: case 0xBB:
	case 0x2039: case 0x203A: case 0x300C: case 0x300D: case 0x300E: case 0x300F:
	case 0xFF02:
		return true;
	}
	return false;
}

/* Punctuation code of cp for struct an_tok.ch. */
static unsigned char
punct_code(uint32_t cp)
{
	if (cp < 0x80)
		return cp == '"' || cp == '\'' ? PC_QMARK : (unsigned char)cp;
	if (is_mark(cp))
		return PC_QMARK;
	if (cp == 0x2014 || cp == 0x2013 || cp == 0x2012 || cp == 0x2015)
		return PC_DASH;
	if (cp == 0x2026)
		return PC_ELLIPSIS;
	if (cp == 0x2010 || cp == 0x2011)
		return '-';
	return PC_OTHER;
}

/* Character classes for the tokenizer. */
#define CL_LETTER	0x01u
#define CL_UPPER	0x02u
#define CL_LOWER	0x04u
#define CL_DIGIT	0x08u

#define D	CL_DIGIT
#define U	(CL_LETTER | CL_UPPER)
#define L	(CL_LETTER | CL_LOWER)

/* Classes of the bytes: ASCII letters and digits; every other byte is 0. */
static const unsigned char byte_cl[256] = {
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	D, D, D, D, D, D, D, D, D, D, 0, 0, 0, 0, 0, 0,
	0, U, U, U, U, U, U, U, U, U, U, U, U, U, U, U,
	U, U, U, U, U, U, U, U, U, U, U, 0, 0, 0, 0, 0,
	0, L, L, L, L, L, L, L, L, L, L, L, L, L, L, L,
	L, L, L, L, L, L, L, L, L, L, L, 0, 0, 0, 0, 0,
};

#undef D
#undef U
#undef L

/* Class of the non-ASCII code point cp. */
static unsigned
cp_class(uint32_t cp)
{
	if (cp == 0xFFFD)
		return 0;
	switch (utf8proc_category((utf8proc_int32_t)cp)) {
	case UTF8PROC_CATEGORY_LU:
	case UTF8PROC_CATEGORY_LT:
		return CL_LETTER | CL_UPPER;
	case UTF8PROC_CATEGORY_LL:
		return CL_LETTER | CL_LOWER;
	case UTF8PROC_CATEGORY_LM:
	case UTF8PROC_CATEGORY_LO:
	case UTF8PROC_CATEGORY_MN:
	case UTF8PROC_CATEGORY_MC:
		return CL_LETTER;
	case UTF8PROC_CATEGORY_ND:
		return CL_DIGIT;
	default:
		return 0;
	}
}

/* Class of the character at s[i] (i < end); its code point and length go to *cp and *l. */
static unsigned
class_at(const char *s, size_t end, size_t i, uint32_t *cp, size_t *l)
{
	unsigned char c = (unsigned char)s[i];

	if (c < 0x80) {
		*cp = c;
		*l = 1;
		return byte_cl[c];
	}
	*l = an_utf8(s, end, i, cp);
	return cp_class(*cp);
}

/* Class of the character at i, or 0 past end. */
static unsigned
class_next(const char *s, size_t end, size_t i)
{
	uint32_t cp;
	size_t l;

	if (i >= end)
		return 0;
	return class_at(s, end, i, &cp, &l);
}

/*
 * Classes of two bytes (as a 16-bit number, either byte order): PAIR_FIRST
 * when the first is an ASCII letter or digit, PAIR_BOTH when the second is
 * too, and the classes CL_LOWER and CL_DIGIT of those. Built once, by the
 * first an_tok_begin() (tok_once).
 */
#define PAIR_FIRST	0x01u
#define PAIR_BOTH	0x02u
static unsigned char pair_cl[65536];
static pthread_once_t tok_once = PTHREAD_ONCE_INIT;
static atomic_bool tok_ready;	/* set once pair_cl and the lexicon are built */

/* Build pair_cl and the lexicon (once, through tok_once). */
static void
tok_build(void)
{
	unsigned v;

	for (v = 0; v < 65536; v++) {
		unsigned char b[2];
		uint16_t two = (uint16_t)v;
		unsigned k0, k1, x = 0;

		memcpy(b, &two, 2);
		k0 = byte_cl[b[0]];
		k1 = byte_cl[b[1]];
		if (k0 != 0) {
			x = PAIR_FIRST | (k0 & (CL_LOWER | CL_DIGIT));
			if (k1 != 0)
				x |= PAIR_BOTH | (k1 & (CL_LOWER | CL_DIGIT));
		}
		pair_cl[v] = (unsigned char)x;
	}
	an_lex_init();
	atomic_store_explicit(&tok_ready, true, memory_order_release);
}

/* The case flags a word gets from the class of its first character. */
static const unsigned char first_flags[16] = {
	[CL_LETTER | CL_UPPER] = TF_CAP,
	[CL_LETTER | CL_LOWER] = TF_LOWER,
	[CL_DIGIT] = TF_DIGIT,
};

/*
 * Scan a word whose first character (a letter or digit, of class cl and l
 * bytes) is at i, and return its end. Joins inner apostrophes (don't),
 * hyphens (no-fly), dots of abbreviations (U.S) and digit groups (1,000 and
 * 12.5). Sets *flp to the TF_ case flags, TF_DOTTED and TF_DIGIT.
 */
static size_t
scan_word(const char *s, size_t end, size_t i, unsigned cl, size_t l, unsigned *flp)
{
	size_t seg = 1, letters = cl & CL_LETTER;
	unsigned fl, prev = cl, seen = 0;	/* seen: the classes of the ASCII characters after the first */
	bool notupper = (cl & (CL_LETTER | CL_UPPER)) == CL_LETTER;	/* a letter not upper case */
	uint32_t cp;

	fl = first_flags[cl & 15];
	i += l;
	for (;;) {
		size_t run = i;
		unsigned k;

		/* the usual case: a run of ASCII letters and digits */
		while (i < end && (k = byte_cl[(unsigned char)s[i]]) != 0) {
			seen |= k;
			letters += k & CL_LETTER;
			i++;
		}
		if (i > run) {
			seg += i - run;
			prev = byte_cl[(unsigned char)s[i - 1]];
		}
		if (i >= end)
			break;
		k = (unsigned char)s[i];
		if (k < 0x80 && k != '\'' && k != '-' && k != '.' && k != ',')
			break;
		cl = class_at(s, end, i, &cp, &l);
		if (cl & CL_LETTER) {
			letters++;
			if (!(cl & CL_UPPER))
				notupper = true;
			seg++;
		} else if (cl & CL_DIGIT) {
			seen |= CL_DIGIT;
			seg++;
		} else if ((cp == '\'' || cp == 0x2019) && (prev & CL_LETTER) &&
		    (class_next(s, end, i + l) & CL_LETTER)) {
			seg = 0;
		} else if ((cp == '-' || cp == 0x2010 || cp == 0x2011) && (prev & (CL_LETTER | CL_DIGIT)) &&
		    (class_next(s, end, i + l) & (CL_LETTER | CL_DIGIT))) {
			seg = 0;
		} else if (cp == '.' && (prev & CL_LETTER) && seg <= 2 &&
		    (class_next(s, end, i + 1) & CL_LETTER) &&
		    (!(class_next(s, end, i + 2) & CL_LETTER) || (i + 2 < end && s[i + 2] == '.'))) {
			fl |= TF_DOTTED;
			seg = 0;
		} else if ((cp == '.' || cp == ',') && (prev & CL_DIGIT) && i + 1 < end &&
		    ascii_isdigit((unsigned char)s[i + 1])) {
			seg = 0;
		} else {
			break;
		}
		prev = cl;
		i += l;
	}
	if (seen & CL_DIGIT)
		fl |= TF_DIGIT;
	if (letters >= 2 && !notupper && !(seen & CL_LOWER))
		fl |= TF_ALLCAPS;
	*flp = fl;
	return i;
}

/*
 * Does punctuation ch (a mark when mark) make the next word start a
 * sentence? A full stop does unless the word before it is an abbreviation
 * or an initial (noend).
 */
static bool
opens_sentence(unsigned char ch, bool mark, bool noend)
{
	return ch == '?' || ch == '!' || ch == ':' || ch == PC_ELLIPSIS || mark || ch == '(' ||
	    ch == '[' || (ch == '.' && !noend);
}

/*
 * Is the lower-case word text[start, end) a name with a particle joined to
 * it: al-Harbi, el-Sisi, ash-Shaibani, ud-Din, d'Estaing, O'Neill written
 * lower case? The particle is one of a few, then a hyphen or an
 * apostrophe, then a capital letter.
 */
static bool
particle_name(const char *text, size_t start, size_t end)
{
	static const char *const pfx[] = {
		"al-", "el-", "ad-", "ar-", "as-", "at-", "az-", "ash-", "an-", "ul-", "ud-",
		"d'", "d\xE2\x80\x99",
	};
	size_t k, j;

	/* (most words have no hyphen or apostrophe in their first four bytes) */
	for (j = start + 1; j < end && j < start + 4; j++)
		if (text[j] == '-' || text[j] == '\'' || text[j] == '\xE2')
			break;
	if (j >= end || j == start + 4)
		return false;
	for (k = 0; k < sizeof pfx / sizeof pfx[0]; k++) {
		size_t n = strlen(pfx[k]);

		if (end - start > n + 1 && memcmp(text + start, pfx[k], n) == 0)
			return text[start + n] >= 'A' && text[start + n] <= 'Z';
	}
	return false;
}

/*
 * A word the fast path of an_tok_next() does not take, starting at i with a
 * character of class cl and l bytes: its end (returned), its end without a
 * possessive (*bendp) and its flags (*flp).
 */
static size_t
word_slow(const char *text, size_t end, size_t i, unsigned cl, size_t l, size_t *bendp,
    unsigned *flp)
{
	unsigned fl;
	size_t start = i, tend = scan_word(text, end, i, cl, l, &fl), bend = tend;

	/* Possessive 's (straight or curly). */
	if ((text[tend - 1] | 0x20) == 's') {
		if (tend - start > 2 && text[tend - 2] == '\'') {
			bend = tend - 2;
			fl |= TF_POSS;
		} else if (text[tend - 1] != 's') {
			/* only 's after all */
		} else if (tend - start > 4 && memcmp(text + tend - 4, "\xE2\x80\x99", 3) == 0) {
			bend = tend - 4;
			fl |= TF_POSS;
		} else if (tend < end && tend - start > 1 && (text[tend] == '\'' ||
		    (tend + 2 < end && memcmp(text + tend, "\xE2\x80\x99", 3) == 0))) {
			size_t after = tend + (text[tend] == '\'' ? 1 : 3);

			/* "the players' union": the mark belongs to the word */
			if (!(class_next(text, end, after) & CL_LETTER)) {
				fl |= TF_POSS;
				tend = after;
			}
		}
	}
	if (tend - start == 1 && (fl & TF_CAP) && tend < end && text[tend] == '.')
		fl |= TF_INITIAL;
	/* "al-Harbi" is a capitalised name */
	if ((fl & TF_LOWER) && tend - start > 3 && particle_name(text, start, bend))
		fl = (fl & ~TF_LOWER) | TF_CAP;
	*bendp = bend;
	*flp = fl;
	return tend;
}

/*
 * What an ASCII punctuation character does to the word after it
 * (opens_sentence()): 1 makes it start a sentence, 2 (a full stop) too unless
 * the word before is one a full stop does not end.
 */
static const unsigned char punct_opens[128] = {
	['?'] = 1, ['!'] = 1, [':'] = 1, ['('] = 1, ['['] = 1, ['"'] = 1, ['\''] = 1, ['.'] = 2,
};

/* Skip whitespace (and DEL at a token's place) from i; returns the first other byte or end. */
static size_t
skip_space(const char *text, size_t end, size_t i)
{
	while (i < end) {
		unsigned char c = (unsigned char)text[i];
		uint32_t cp;
		size_t l;

		if (c <= 0x20 || c == 0x7F) {
			i++;
			while (i < end && (unsigned char)text[i] <= 0x20)
				i++;
			continue;
		}
		if (c < 0x80)
			break;
		l = an_utf8(text, end, i, &cp);
		if (!an_isspace(cp))
			break;
		i += l;
		while (i < end && (unsigned char)text[i] <= 0x20)
			i++;
	}
	return i;
}

/* The byte c repeated in each of the eight bytes of a word. */
#define REP8(c)	(UINT64_C(0x0101010101010101) * (c))

/* The mask of the low n bytes of a word, n <= 8. */
static const uint64_t low_mask[9] = {
	0, 0xFF, 0xFFFF, 0xFFFFFF, 0xFFFFFFFF, UINT64_C(0xFFFFFFFFFF), UINT64_C(0xFFFFFFFFFFFF),
	UINT64_C(0xFFFFFFFFFFFFFF), UINT64_C(0xFFFFFFFFFFFFFFFF),
};

/* Mix the zero-padded lower-case bytes of a word into 32 bits. */
static inline uint32_t
hash_mix(uint64_t h, size_t n)
{
	h = (h + n) * UINT64_C(0x9E3779B97F4A7C15);
	return (uint32_t)(h >> 32);
}

/* The hash of a lower-case word: its bytes eight at a time, zero-padded. */
uint32_t
an_word_hash(const char *s, size_t n)
{
	uint64_t h = 0;
	size_t i;

	for (i = 0; i + 8 < n; i += 8) {
		uint64_t w;

		memcpy(&w, s + i, 8);
		h = (h ^ w) * UINT64_C(0xC2B2AE3D27D4EB4F);
		h ^= h >> 29;
	}
	{
		uint64_t w = 0;

		memcpy(&w, s + i, n - i);
		h ^= w;
	}
	return hash_mix(h, n);
}

/*
 * The hash of the word text[start, start + n) once lower-cased, if it is
 * ASCII (else *ascii is false); text holds lim bytes.
 */
static uint32_t
hash_ascii(const char *text, size_t start, size_t n, size_t lim, bool *ascii)
{
	size_t i;
	uint64_t h = 0, w;

	*ascii = false;
	/* eight bytes at a time, as an_word_hash() reads them */
	for (i = 0; i + 8 < n; i += 8) {
		memcpy(&w, text + start + i, 8);
		if (w & AN_HIGH_BITS)
			return 0;
		h = (h ^ an_lower8(w)) * UINT64_C(0xC2B2AE3D27D4EB4F);
		h ^= h >> 29;
	}
	w = an_load_word(text, start + i, n - i, lim);
	if (w & AN_HIGH_BITS)
		return 0;
	*ascii = true;
	return hash_mix(h ^ an_lower8(w), n);
}

/*
 * What a token passes on to the next (struct an_tokstate carry): TF_SSTART
 * (a word here starts a sentence), TF_SPACEBEFORE, TF_INQ, and between
 * batches CARRY_NOEND: the token before is a word a full stop does not end.
 */
#define CARRY_NOEND	0x100000u
#define CARRY_WORD	(TF_SSTART | TF_SPACEBEFORE | TF_INQ)	/* what a word keeps of it */
#define CARRY_PUNCT	(TF_SPACEBEFORE | TF_INQ)		/* what punctuation keeps */

/* The flags of a word of lexicon flags lex and flags fl (TF_CAPWORD). */
static inline unsigned
word_flags(uint64_t lex, unsigned fl)
{
	if ((fl & TF_CAP) && an_capword(fl, lex))
		fl |= TF_CAPWORD;
	return fl;
}

/* Is t a word a full stop after it does not end (an abbreviation, an honorific, an initial)? */
static inline bool
word_noend(const struct an_tok *t)
{
	return t->kind == TK_WORD && ((t->lex & (LX_ABBREV | LX_HON)) || (t->flags & TF_INITIAL));
}

/* Does the token before t (t0 starts the batch, c is the carry then) keep a full stop from ending? */
static inline bool
prev_noend(const struct an_tok *t, const struct an_tok *t0, unsigned c)
{
	return t > t0 ? word_noend(t - 1) : (c & CARRY_NOEND) != 0;
}

/* A token's end and the carry after it. */
struct tok_end {
	size_t		end;
	unsigned	carry;
};

/*
 * Cut the token at i that the fast paths of an_tok_next() do not take: one
 * starting with a non-ASCII character, or an ASCII word joined to more by an
 * apostrophe, a hyphen, a dot or a comma. Sets t's kind, ch, bend, lex and
 * flags from the carry c (noend: the token before is a word a full stop does
 * not end); returns its end and the carry after it.
 */
static struct tok_end
tok_slow(const char *text, size_t len, size_t end, size_t i, struct an_tok *t, unsigned c,
    bool noend)
{
	unsigned char b = (unsigned char)text[i];
	uint32_t cp;
	size_t l, bend;
	unsigned cl, fl;
	struct tok_end r;

	if (b < 0x80) {
		cp = b;
		l = 1;
		cl = byte_cl[b];
	} else {
		l = an_utf8(text, end, i, &cp);
		cl = cp_class(cp);
	}
	if (cl != 0) {
		unsigned id = 0;

		r.end = word_slow(text, end, i, cl, l, &bend, &fl);
		if (!(fl & TF_DIGIT))
			id = an_lex_word(text, len, i, bend - i);
		t->lex = an_lex_flags[id];
		t->tix = id;
		fl = word_flags(t->lex, fl | (c & CARRY_WORD));
		r.carry = c & TF_INQ;
		t->kind = TK_WORD;
		t->ch = 0;
	} else {
		unsigned char ch = punct_code(cp);
		bool mark = is_mark(cp);

		r.carry = (c & TF_INQ) | (opens_sentence(ch, mark, noend) ? TF_SSTART : 0);
		r.end = bend = i + l;
		t->lex = 0;
		t->tix = 0;
		fl = (mark ? TF_MARK : 0) | (c & CARRY_PUNCT);
		t->kind = TK_PUNCT;
		t->ch = ch;
	}
	t->bend = bend;
	t->flags = fl;
	return r;
}

/* At off, where being in a quotation changes: move to the quotation there; returns the new carry. */
static unsigned
quote_at(struct an_tokstate *ts, size_t off, unsigned carry)
{
	while (ts->qi < ts->nq && ts->q[ts->qi].end <= off)
		ts->qi++;
	if (ts->qi < ts->nq && off >= ts->q[ts->qi].start) {
		ts->qb = ts->q[ts->qi].end;
		return carry | TF_INQ;
	}
	ts->qb = ts->qi < ts->nq ? ts->q[ts->qi].start : SIZE_MAX;
	return carry & ~TF_INQ;
}

/* Start cutting a paragraph; the tables are built at the first call, from any thread. */
void
an_tok_begin(struct an_tokstate *ts, const char *text, size_t len, struct span span,
    const struct an_quote *q, size_t nq, size_t qhint)
{
	if (!atomic_load_explicit(&tok_ready, memory_order_acquire))
		pthread_once(&tok_once, tok_build);
	ts->text = text;
	ts->len = len;
	ts->end = span.end < len ? span.end : len;
	ts->i = skip_space(text, ts->end, span.start);
	ts->carry = TF_SPACEBEFORE | TF_SSTART;	/* the first token counts as after a space */
	ts->q = q;
	ts->nq = nq;
	ts->qi = qhint;
	ts->qb = 0;
	ts->alen = NULL;
}

/*
 * The lexicon number of the ASCII word of letters text[start, start + n) (of
 * a text of len bytes); *hw gets the word packed and lower-cased when it is
 * of eight bytes or fewer (else 0), for its hash.
 */
static inline unsigned
ascii_word_id(const char *text, size_t len, size_t start, size_t n, uint64_t *hw)
{
	*hw = 0;
	if (AN_LITTLE_ENDIAN && n <= 8) {
		uint64_t w = 0;

		if (start + 8 <= len)
			memcpy(&w, text + start, 8);
		else
			memcpy(&w, text + start, len - start);
		/* letters only: setting 0x20 lower-cases them */
		w = (w | REP8(0x20)) & low_mask[n];
		*hw = w;
		return an_lex_find8(w, n);
	}
	if (AN_LITTLE_ENDIAN && n <= 16 && start + 16 <= len) {
		uint64_t w0, w1;

		memcpy(&w0, text + start, 8);
		memcpy(&w1, text + start + 8, 8);
		w0 |= REP8(0x20);
		w1 = (w1 | REP8(0x20)) & low_mask[n - 8];
		return an_lex_find16(w0, w1, n);
	}
	return an_lex_word(text, len, start, n);
}

/* Has the ASCII word text[start, end) two letters or more (it has no lower-case one: all capitals)? */
static inline bool
two_letters(const char *text, size_t start, size_t end)
{
	size_t m, letters = 0;

	for (m = start; m < end && letters < 2; m++)
		letters += byte_cl[(unsigned char)text[m]] & CL_LETTER;
	return letters >= 2;
}

/*
 * The flags of the ASCII word text[start, j) by its bytes: the case of its
 * first (of class cl), all capitals, a digit (seen: the classes after the
 * first), an initial (dot: a full stop follows).
 */
static inline unsigned
ascii_word_flags(const char *text, size_t start, size_t j, unsigned cl, unsigned seen, bool dot)
{
	unsigned fl = first_flags[cl] | TF_ASCII;

	if (j - start == 1 && dot && (fl & TF_CAP))
		fl |= TF_INITIAL;
	if (!(seen & CL_LOWER) && two_letters(text, start, j))
		fl |= TF_ALLCAPS;	/* none lower case */
	if (seen & CL_DIGIT)
		fl |= TF_DIGIT;
	return fl;
}

/*
 * What pass 1 notes of the ASCII word t, text[start, start + n), whose
 * first byte is c, packed in hw when of eight bytes or fewer (else 0): whether
 * it may end a front matter alias (TF_ALIASW), and its hash when it is a
 * capitalised word (TF_HASHED). Returns its flags fl with those.
 */
static inline unsigned
word_notes(const struct an_tokstate *ts, struct an_tok *t, size_t start, size_t n, unsigned c,
    uint64_t hw, unsigned fl)
{
	if (ts->alen != NULL && ((ts->alen[c | 0x20] >> (n < 63 ? n : 63)) & 1))
		fl |= TF_ALIASW;
	if (fl & TF_CAPWORD) {
		bool ascii;

		t->h = hw != 0 ? hash_mix(hw, n) : hash_ascii(ts->text, start, n, ts->len, &ascii);
		fl |= TF_HASHED;
	}
	return fl;
}

/*
 * Fill t for the ASCII punctuation c; *carry (the token before's) becomes
 * the carry after it (noend: the token before is a word a full stop does
 * not end). Returns its flags.
 */
static inline unsigned
tok_ascii_punct(struct an_tok *t, unsigned c, unsigned *carry, bool noend)
{
	unsigned o = punct_opens[c], fl = *carry & CARRY_PUNCT;

	*carry = (*carry & TF_INQ) | (o == 1 || (o == 2 && !noend) ? TF_SSTART : 0);
	t->tix = 0;
	t->lex = 0;
	t->kind = TK_PUNCT;
	if (c == '"' || c == '\'') {
		fl |= TF_MARK;
		t->ch = PC_QMARK;
	} else
		t->ch = (unsigned char)c;
	return fl;
}

/*
 * Cut the token at i that the fast paths of an_tok_next() do not take, whose
 * first byte is c of class cl (tok_slow()), and note TF_ALIASW in its flags:
 * a word whose lower case may be longer or shorter than it may end an alias.
 */
static struct tok_end
tok_other(const struct an_tokstate *ts, struct an_tok *t, size_t i, unsigned c, unsigned cl,
    unsigned carry, bool noend)
{
	struct tok_end r = tok_slow(ts->text, ts->len, ts->end, i, t, carry, noend);

	if (ts->alen != NULL && t->kind == TK_WORD && (cl == 0 || ts->alen[c | 0x20] != 0))
		t->flags |= TF_ALIASW;
	return r;
}

/* The end of a run of ASCII letters and digits, and the classes seen in it. */
struct run_end {
	size_t		j;
	unsigned	seen;
};

/*
 * The end of the run of ASCII letters and digits that starts at i with a
 * byte of class cl, two bytes a step (pair_cl) while two are left, and the
 * classes (CL_LOWER, CL_DIGIT) of the bytes after the first.
 */
static inline struct run_end
ascii_run_end(const char *text, size_t end, size_t i, unsigned cl)
{
	struct run_end r = { i + 1, cl };
	unsigned k;

	for (;;) {
		uint16_t two;

		if (end - r.j < 2) {
			if (r.j < end && (k = byte_cl[(unsigned char)text[r.j]]) != 0) {
				r.seen |= k;
				r.j++;
			}
			return r;
		}
		memcpy(&two, text + r.j, 2);
		k = pair_cl[two];
		r.seen |= k;
		if (!(k & PAIR_BOTH)) {
			r.j += k & PAIR_FIRST;
			return r;
		}
		r.j += 2;
	}
}

/*
 * Skip the whitespace after a token that ends at i (most often one space):
 * where the next token starts, and the carry, TF_SPACEBEFORE added when there
 * was some.
 */
static inline struct tok_end
skip_gap(const char *text, size_t end, size_t i, unsigned carry)
{
	struct tok_end r = { i, carry };
	unsigned c;

	if (i >= end)
		return r;
	c = (unsigned char)text[i];
	if (c <= 0x20) {
		r.end = i + 1;
		r.carry |= TF_SPACEBEFORE;
		/* (one test: a byte in 0x21-0x7E is no space) */
		if (r.end < end && (unsigned char)(text[r.end] - 0x21) >= 0x7F - 0x21)
			r.end = skip_space(text, end, r.end);
	} else if (c >= 0x7F) {
		r.end = skip_space(text, end, i);
		if (r.end > i)
			r.carry |= TF_SPACEBEFORE;
	}
	return r;
}

/* Cut up to max more tokens of the paragraph; this function can't fail. */
size_t
an_tok_next(struct an_tokstate *ts, struct an_tok *t, size_t max)
{
	const char *text = ts->text;
	size_t end = ts->end, i = ts->i, qb = ts->qb;
	struct an_tok *t0 = t, *tmax = t + max;
	unsigned carry = ts->carry;
	int qcur = (carry & TF_INQ) ? (int)ts->qi : -1;

	while (i < end && t < tmax) {
		unsigned c = (unsigned char)text[i], cl = byte_cl[c], fl;
		size_t start = i;
		struct tok_end r;

		if (start >= qb) {
			carry = quote_at(ts, start, carry);
			qb = ts->qb;
			qcur = (carry & TF_INQ) ? (int)ts->qi : -1;
		}
		if (cl != 0) {
			/* an ASCII word, up to a byte that joins nothing */
			struct run_end re = ascii_run_end(text, end, i, cl);
			size_t j = re.j;
			unsigned k = j < end ? (unsigned char)text[j] : ' ';

			/* a dot, comma or hyphen joins nothing before a space or punctuation */
			if (k < 0x80 && k != '\'' && (k < ',' || k > '.' || j + 1 >= end ||
			    ((unsigned char)text[j + 1] < 0x80 && byte_cl[(unsigned char)text[j + 1]] == 0))) {
				unsigned id = 0;
				uint64_t lex, hw = 0;

				fl = ascii_word_flags(text, start, j, cl, re.seen, k == '.') |
				    (carry & CARRY_WORD);
				if (!(re.seen & CL_DIGIT))
					id = ascii_word_id(text, ts->len, start, j - start, &hw);
				lex = an_lex_flags[id];
				t->tix = id;
				fl = word_notes(ts, t, start, j - start, c, hw, word_flags(lex, fl));
				carry &= TF_INQ;
				t->lex = lex;
				t->kind = TK_WORD;
				t->ch = 0;
				t->bend = j;
				i = j;
			} else {
				r = tok_other(ts, t, i, c, cl, carry, false);
				fl = t->flags;
				carry = r.carry;
				i = r.end;
			}
		} else if (c < 0x80) {
			fl = tok_ascii_punct(t, c, &carry, prev_noend(t, t0, carry));
			i++;
			t->bend = i;
		} else {
			r = tok_other(ts, t, i, c, cl, carry, prev_noend(t, t0, carry));
			fl = t->flags;
			carry = r.carry;
			i = r.end;
		}
		t->q = qcur;
		t->start = start;
		t->end = i;
		t->flags = fl;
		t->person = -1;
		t->mkind = 0;
		t++;
		r = skip_gap(text, end, i, carry);
		i = r.end;
		carry = r.carry;
	}
	ts->i = i;
	ts->qb = qb;
	ts->carry = carry & ~CARRY_NOEND;
	if (t > t0 ? word_noend(t - 1) : (carry & CARRY_NOEND) != 0)
		ts->carry |= CARRY_NOEND;
	return (size_t)(t - t0);
}

/* Cut an image field into *v; this function can't fail. */
size_t
an_tok_field(const char *s, struct an_tok **v, size_t *cap)
{
	struct an_tokstate ts;
	struct span span;
	size_t n = 0;

	if (s == NULL)
		return 0;
	span.start = 0;
	span.end = strlen(s);
	an_tok_begin(&ts, s, span.end, span, NULL, 0, 0);
	while (!an_tok_done(&ts)) {
		if (n + 64 > *cap)
			ARRAY_GROW(*v, n + 64, *cap);
		n += an_tok_next(&ts, *v + n, *cap - n);
	}
	return n;
}

/* The hash of word t as an_lower() writes it. */
uint32_t
an_tok_hash(const char *text, size_t lim, const struct an_tok *t, struct buf *scratch)
{
	bool ascii;
	uint32_t h;

	if (t->flags & TF_HASHED)
		return t->h;
	h = hash_ascii(text, t->start, t->bend - t->start, lim, &ascii);
	if (ascii)
		return h;
	buf_reset(scratch);
	an_lower(text + t->start, t->bend - t->start, scratch);
	return an_word_hash(scratch->data, scratch->len);
}

/*
 * A packed token (an_tok_pack()) is one 32-bit number:
 *   bit 0       1 for punctuation, 0 for a word
 *   bits 1-3    bytes of whitespace before it (7: a varint in x)
 * a word:
 *   bits 4-7    length in bytes (15: a varint in x, after the gap's)
 *   bits 8-10   end - bend (the possessive)
 *   bits 11-18  its TF_WORDBITS flags
 *   bits 19-31  lexicon number
 * punctuation:
 *   bits 4-6    length in bytes (1-4)
 *   bit 7       TF_MARK
 *   bits 8-15   the punctuation code
 * TF_SPACEBEFORE, TF_CAPWORD, TF_INQ and the quotation are worked out again
 * when unpacking (and nothing of pass 1's: TF_ASCII, TF_HASHED, TF_ALIASW).
 */
#define PK_PUNCT	1u
#define PK_GAPMAX	7u
#define PK_LENMAX	15u

/* Append v to x (n, cap updated) as a varint. */
static void
put_varint(unsigned char **x, size_t *n, size_t *cap, size_t v)
{
	if (*n + 10 > *cap)
		ARRAY_GROW(*x, *n + 10, *cap);
	while (v >= 0x80) {
		(*x)[(*n)++] = (unsigned char)(v | 0x80);
		v >>= 7;
	}
	(*x)[(*n)++] = (unsigned char)v;
}

/* Read the varint at *xi in x. */
static size_t
get_varint(const unsigned char *x, size_t *xi)
{
	size_t v = 0;
	unsigned sh = 0;

	while (x[*xi] & 0x80) {
		v |= (size_t)(x[*xi] & 0x7F) << sh;
		sh += 7;
		(*xi)++;
	}
	v |= (size_t)x[*xi] << sh;
	(*xi)++;
	return v;
}

/* Pack the tokens of a paragraph; this function can't fail. */
void
an_tok_pack(struct span span, const struct an_tok *t, size_t n, uint32_t *v,
    unsigned char **x, size_t *nx, size_t *xcap)
{
	size_t k, pos = span.start;

	for (k = 0; k < n; k++) {
		size_t gap = t[k].start - pos, l = t[k].end - t[k].start;
		uint32_t rec;

		if (gap >= PK_GAPMAX) {
			put_varint(x, nx, xcap, gap);
			gap = PK_GAPMAX;
		}
		rec = (uint32_t)gap << 1;
		if (t[k].kind == TK_PUNCT) {
			rec |= PK_PUNCT | (uint32_t)l << 4 | ((t[k].flags & TF_MARK) ? 0x80u : 0) |
			    (uint32_t)t[k].ch << 8;
		} else {
			if (l >= PK_LENMAX) {
				put_varint(x, nx, xcap, l);
				l = PK_LENMAX;
			}
			rec |= (uint32_t)l << 4 | (uint32_t)(t[k].end - t[k].bend) << 8 |
			    (uint32_t)(t[k].flags & TF_WORDBITS) << 11 | (uint32_t)t[k].tix << 19;
		}
		v[k] = rec;
		pos = t[k].end;
	}
}

/* Unpack the tokens of a paragraph; this function can't fail. */
void
an_tok_unpack(struct span span, const uint32_t *v, const unsigned char *x, size_t n,
    const struct an_quote *q, size_t nq, size_t qhint, struct an_tok *t)
{
	size_t k, pos = span.start, xi = 0, qi = qhint;
	/* the bounds of quotation qi (none past the last) */
	size_t qs = SIZE_MAX, qe = 0;

	for (k = 0; k < n; k++, t++) {
		uint32_t rec = v[k];
		size_t gap = (rec >> 1) & PK_GAPMAX, l;
		unsigned fl;

		if (gap == PK_GAPMAX)
			gap = get_varint(x, &xi);
		t->start = pos + gap;
		if (rec & PK_PUNCT) {
			t->end = t->start + ((rec >> 4) & 7u);
			t->bend = t->end;
			t->lex = 0;
			fl = (rec & 0x80u) ? TF_MARK : 0;
			t->kind = TK_PUNCT;
			t->ch = (unsigned char)(rec >> 8);
			t->tix = 0;
		} else {
			l = (rec >> 4) & PK_LENMAX;
			if (l == PK_LENMAX)
				l = get_varint(x, &xi);
			t->end = t->start + l;
			t->bend = t->end - ((rec >> 8) & 7u);
			t->tix = 0;	/* (its lexicon number is not read again) */
			t->lex = an_lex_flags[rec >> 19];
			fl = (rec >> 11) & TF_WORDBITS;
			if ((fl & TF_CAP) && an_capword(fl, t->lex))
				fl |= TF_CAPWORD;
			t->kind = TK_WORD;
			t->ch = 0;
		}
		if (gap > 0 || k == 0)
			fl |= TF_SPACEBEFORE;
		t->q = -1;
		if (t->start >= qe) {
			while (qi < nq && q[qi].end <= t->start)
				qi++;
			qs = qi < nq ? q[qi].start : SIZE_MAX;
			qe = qi < nq ? q[qi].end : SIZE_MAX;
		}
		if (t->start >= qs) {
			t->q = (int)qi;
			fl |= TF_INQ;
		}
		t->flags = fl;
		t->person = -1;
		t->mkind = 0;
		pos = t->end;
	}
}
