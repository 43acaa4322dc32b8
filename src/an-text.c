/*
 * an-text.c: UTF-8 decoding, character classes and the tokenizer of the
 * analysis engine. Tokens are byte spans; nothing is copied. The tokenizer
 * stores them packed (struct an_toks, four bytes a token) and
 * an_tok_unpack() makes struct an_tok of them, for each pass.
 */
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "an-internal.h"
#include "util.h"

size_t
an_utf8(const char *s, size_t len, size_t i, uint32_t *cp)
{
	const unsigned char *p = (const unsigned char *)s + i;
	size_t left = len - i, need, k;
	uint32_t c;

	if (p[0] < 0x80) {
		*cp = p[0];
		return 1;
	}
	if (p[0] >= 0xC2 && p[0] <= 0xDF) {
		need = 2;
		c = p[0] & 0x1F;
	} else if (p[0] >= 0xE0 && p[0] <= 0xEF) {
		need = 3;
		c = p[0] & 0x0F;
	} else if (p[0] >= 0xF0 && p[0] <= 0xF4) {
		need = 4;
		c = p[0] & 0x07;
	} else {
		*cp = 0xFFFD;
		return 1;
	}
	if (left < need) {
		*cp = 0xFFFD;
		return 1;
	}
	for (k = 1; k < need; k++) {
		if ((p[k] & 0xC0) != 0x80) {
			*cp = 0xFFFD;
			return 1;
		}
		c = (c << 6) | (p[k] & 0x3F);
	}
	/* Overlong forms, surrogates and values past U+10FFFF are bad bytes. */
	if ((need == 3 && c < 0x800) || (need == 4 && (c < 0x10000 || c > 0x10FFFF)) ||
	    (c >= 0xD800 && c <= 0xDFFF)) {
		*cp = 0xFFFD;
		return 1;
	}
	*cp = c;
	return need;
}

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
			buf_addc(out, (char)ascii_tolower((int)cp));
		else if (cp == 0xFFFD || cp == 0x2019) {
			if (cp == 0x2019)
				buf_addc(out, '\'');
			else
				buf_add(out, s + i, l);
		} else {
			utf8proc_uint8_t enc[4];
			utf8proc_ssize_t el;

			el = utf8proc_encode_char(utf8proc_tolower((utf8proc_int32_t)cp), enc);
			if (el > 0)
				buf_add(out, enc, (size_t)el);
			else
				buf_add(out, s + i, l);
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
 * A packed token (struct an_toks) is one 32-bit number:
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
 * TF_SPACEBEFORE, TF_INQ and the quotation are worked out when unpacking.
 */
#define PK_PUNCT	1u
#define PK_GAPMAX	7u
#define PK_LENMAX	15u

/* Append v to tk's varints. */
static void
put_varint(struct an_toks *tk, size_t v)
{
	if (tk->nx + 10 > tk->xcap)
		ARRAY_GROW(tk->x, tk->nx + 10, tk->xcap);
	while (v >= 0x80) {
		tk->x[tk->nx++] = (unsigned char)(v | 0x80);
		v >>= 7;
	}
	tk->x[tk->nx++] = (unsigned char)v;
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

/* Release the token store. */
void
an_toks_free(struct an_toks *tk)
{
	free(tk->v);
	free(tk->x);
	memset(tk, 0, sizeof *tk);
}

/* Index of the first quotation in q[0..nq) that ends after off. */
static size_t
first_quote_after(const struct an_rawq *q, size_t nq, size_t off)
{
	size_t lo = 0, hi = nq;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (q[mid].end <= off)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
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
 * A word the fast path of an_tokenize() does not take, starting at i with a
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
	*bendp = bend;
	*flp = fl;
	return tend;
}

/* Cut one paragraph into packed tokens; this function can't fail. */
size_t
an_tokenize(const char *text, size_t len, struct an_span span, struct an_toks *tk)
{
	const struct an_lexicon *lx = an_lex_init();
	size_t end = span.end < len ? span.end : len;
	size_t i = span.start, last = span.start, n0 = tk->n;
	bool sst = true;	/* a word here starts a sentence */
	bool noend = false;	/* the token before is a word a full stop does not end */

	while (i < end) {
		unsigned char c = (unsigned char)text[i];
		uint32_t cp, rec;
		size_t l, start, gap, tend;
		unsigned cl;

		if (c <= 0x20 || c == 0x7F) {
			i++;
			while (i < end && (unsigned char)text[i] <= 0x20)
				i++;
			continue;
		}
		if (c < 0x80) {
			cp = c;
			l = 1;
			cl = byte_cl[c];
		} else {
			l = an_utf8(text, end, i, &cp);
			if (an_isspace(cp)) {
				i += l;
				while (i < end && (unsigned char)text[i] <= 0x20)
					i++;
				continue;
			}
			cl = cp_class(cp);
		}
		start = i;
		gap = start - last;
		if (gap >= PK_GAPMAX) {
			put_varint(tk, gap);
			gap = PK_GAPMAX;
		}
		rec = (uint32_t)gap << 1;
		if (cl != 0) {
			unsigned fl, id = 0;
			size_t bend;
			uint64_t lex;
			bool looked = false;

			if (c < 0x80) {
				/* the usual case: ASCII letters and digits up to a byte that joins nothing */
				size_t j = i + 1, letters = cl & CL_LETTER;
				unsigned seen = cl, k;

				while (j < end && (k = byte_cl[(unsigned char)text[j]]) != 0) {
					seen |= k;
					letters += k & CL_LETTER;
					j++;
				}
				k = j < end ? (unsigned char)text[j] : ' ';
				/* a dot, comma or hyphen joins nothing before a space or punctuation */
				if (k < 0x80 && k != '\'' && ((k != '-' && k != '.' && k != ',') ||
				    j + 1 >= end || ((unsigned char)text[j + 1] < 0x80 &&
				    byte_cl[(unsigned char)text[j + 1]] == 0))) {
					tend = bend = j;
					fl = first_flags[cl] | ((seen & CL_DIGIT) ? TF_DIGIT : 0);
					if (letters >= 2 && !(seen & CL_LOWER))
						fl |= TF_ALLCAPS;
					if (j - start == 1 && k == '.' && (fl & TF_CAP))
						fl |= TF_INITIAL;
					if (AN_LITTLE_ENDIAN && !(fl & TF_DIGIT) && j - start <= 8) {
						/* ASCII letters only: look it up here */
						uint64_t w = 0;

						if (start + 8 <= len)
							memcpy(&w, text + start, 8);
						else
							memcpy(&w, text + start, len - start);
						id = an_lex_find8(lx, an_lower8(w & an_low_bytes(j - start)),
						    j - start);
						looked = true;
					}
				} else
					tend = word_slow(text, end, i, cl, l, &bend, &fl);
			} else
				tend = word_slow(text, end, i, cl, l, &bend, &fl);
			if (!looked && !(fl & TF_DIGIT))
				id = an_lex_word(text, len, start, bend - start);
			lex = lx->flags[id];
			if (sst)
				fl |= TF_SSTART;
			sst = false;
			noend = (lex & (LX_ABBREV | LX_HON)) || (fl & TF_INITIAL);
			l = tend - start;
			if (l >= PK_LENMAX) {
				put_varint(tk, l);
				l = PK_LENMAX;
			}
			rec |= (uint32_t)l << 4 | (uint32_t)(tend - bend) << 8 | (uint32_t)fl << 11 |
			    (uint32_t)id << 19;
		} else {
			unsigned char ch;
			bool mark;

			if (c < 0x80) {
				mark = c == '"' || c == '\'';
				ch = mark ? PC_QMARK : c;
			} else {
				ch = punct_code(cp);
				mark = is_mark(cp);
			}
			rec |= PK_PUNCT | (uint32_t)l << 4 | (mark ? 1u : 0u) << 7 | (uint32_t)ch << 8;
			sst = opens_sentence(ch, mark, noend);
			noend = false;
			tend = start + l;
		}
		if (tk->n >= tk->cap)
			ARRAY_GROW(tk->v, tk->n + 1, tk->cap);
		tk->v[tk->n++] = rec;
		i = tend;
		last = tend;
	}
	return tk->n - n0;
}

/* Unpack one paragraph's tokens into *v; this function can't fail. */
void
an_tok_unpack(struct an_span span, const struct an_toks *tk, struct an_tokpos *at, size_t n,
    const struct an_rawq *q, size_t nq, struct an_tok **v, size_t *cap)
{
	const uint64_t *lexf = an_lex_init()->flags;
	const uint32_t *r = n > 0 ? tk->v + at->v : NULL;
	size_t k, pos = span.start, xi = at->x, qi = first_quote_after(q, nq, span.start);
	/* the bounds of quotation qi (none past the last) */
	size_t qs = qi < nq ? q[qi].start : SIZE_MAX, qe = qi < nq ? q[qi].end : SIZE_MAX;
	struct an_tok *t;

	if (n > *cap)
		ARRAY_GROW(*v, n, *cap);
	t = *v;
	for (k = 0; k < n; k++, t++) {
		uint32_t rec = r[k];
		size_t gap = (rec >> 1) & PK_GAPMAX, l;

		if (gap == PK_GAPMAX)
			gap = get_varint(tk->x, &xi);
		t->start = pos + gap;
		if (rec & PK_PUNCT) {
			t->end = t->start + ((rec >> 4) & 7u);
			t->bend = t->end;
			t->lex = 0;
			t->flags = (rec & 0x80u) ? TF_MARK : 0;
			t->kind = TK_PUNCT;
			t->ch = (unsigned char)(rec >> 8);
		} else {
			l = (rec >> 4) & PK_LENMAX;
			if (l == PK_LENMAX)
				l = get_varint(tk->x, &xi);
			t->end = t->start + l;
			t->bend = t->end - ((rec >> 8) & 7u);
			t->lex = lexf[rec >> 19];
			t->flags = (rec >> 11) & TF_WORDBITS;
			if ((t->flags & TF_CAP) && an_capword(t->flags, t->lex))
				t->flags |= TF_CAPWORD;
			t->kind = TK_WORD;
			t->ch = 0;
		}
		if (gap > 0 || k == 0)
			t->flags |= TF_SPACEBEFORE;
		t->q = -1;
		t->person = -1;
		t->mkind = 0;
		t->sent = 0;
		t->tix = 0;
		while (t->start >= qe) {
			qi++;
			qs = qi < nq ? q[qi].start : SIZE_MAX;
			qe = qi < nq ? q[qi].end : SIZE_MAX;
		}
		if (t->start >= qs) {
			t->q = (int)qi;
			t->flags |= TF_INQ;
		}
		pos = t->end;
	}
	at->v += n;
	at->x = xi;
}

/* Look through one paragraph's stored tokens for a word pass 2 must see. */
bool
an_toks_quiet(const char *text, struct an_span span, const struct an_toks *tk,
    const struct an_tokpos *at, size_t n, const struct an_quiet *qt, struct an_tokpos *next)
{
	const uint64_t *lexf = an_lex_init()->flags;
	const uint32_t *r = n > 0 ? tk->v + at->v : NULL;
	size_t k, pos = span.start, xi = at->x;

	for (k = 0; k < n; k++) {
		uint32_t rec = r[k];
		size_t gap = (rec >> 1) & PK_GAPMAX, start, l, bend;
		unsigned id, fl;

		if (gap == PK_GAPMAX)
			gap = get_varint(tk->x, &xi);
		start = pos + gap;
		if (rec & PK_PUNCT) {
			pos = start + ((rec >> 4) & 7u);
			continue;
		}
		l = (rec >> 4) & PK_LENMAX;
		if (l == PK_LENMAX)
			l = get_varint(tk->x, &xi);
		pos = start + l;
		bend = pos - ((rec >> 8) & 7u);
		id = rec >> 19;
		if (id != 0 && (id == qt->id1 || id == qt->id2))
			return false;
		fl = (rec >> 11) & TF_WORDBITS;
		if ((fl & TF_CAP) && an_capword(fl, lexf[id]) && qt->named(qt->arg, text, start, bend))
			return false;
		if (qt->aliased != NULL) {
			unsigned c = (unsigned char)text[start];

			if (c >= 'A' && c <= 'Z')
				c += 32;
			if ((c >= 0x80 || (qt->afirst[c >> 6] & (UINT64_C(1) << (c & 63)))) &&
			    qt->aliased(qt->arg, text, start, bend))
				return false;
		}
	}
	next->v = at->v + n;
	next->x = xi;
	return true;
}
