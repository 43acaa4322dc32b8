/*
 * an-text.c: UTF-8 decoding, character classes and the tokenizer of the
 * analysis engine. Tokens are byte spans; nothing is copied.
 */
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

/* Is cp a decimal digit of any script? */
static bool
an_isdigit(uint32_t cp)
{
	if (cp < 0x80)
		return ascii_isdigit((int)cp);
	return utf8proc_category((utf8proc_int32_t)cp) == UTF8PROC_CATEGORY_ND;
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

/* Classes of the ASCII bytes; built on first use. */
static unsigned char ascii_cl[128];
static bool ascii_cl_ready;

/* Fill ascii_cl. */
static void
ascii_cl_init(void)
{
	int c;

	for (c = 'a'; c <= 'z'; c++)
		ascii_cl[c] = CL_LETTER | CL_LOWER;
	for (c = 'A'; c <= 'Z'; c++)
		ascii_cl[c] = CL_LETTER | CL_UPPER;
	for (c = '0'; c <= '9'; c++)
		ascii_cl[c] = CL_DIGIT;
	ascii_cl_ready = true;
}

/* Class of the character at s[i] (i < end); its code point and length go to *cp and *l. */
static unsigned
class_at(const char *s, size_t end, size_t i, uint32_t *cp, size_t *l)
{
	unsigned char c = (unsigned char)s[i];
	utf8proc_category_t cat;

	if (c < 0x80) {
		*cp = c;
		*l = 1;
		return ascii_cl[c];
	}
	*l = an_utf8(s, end, i, cp);
	if (*cp == 0xFFFD)
		return 0;
	cat = utf8proc_category((utf8proc_int32_t)*cp);
	switch (cat) {
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
 * Scan a word starting at i (a letter or digit) and return its end. Joins
 * inner apostrophes (don't), hyphens (no-fly), dots of abbreviations (U.S)
 * and digit groups (1,000 and 12.5). Sets *fl with the TF_ case flags,
 * TF_DOTTED and TF_DIGIT.
 */
static size_t
scan_word(const char *s, size_t end, size_t i, unsigned *fl)
{
	size_t seg = 0, letters = 0, upper = 0;
	unsigned prev = 0;
	bool first = true;

	while (i < end) {
		uint32_t cp;
		size_t l;
		unsigned cl;

		/* fast path: a run of ASCII letters */
		if (!first) {
			unsigned char c;

			while (i < end && (c = (unsigned char)s[i]) < 0x80 &&
			    (ascii_cl[c] & CL_LETTER)) {
				unsigned up = (ascii_cl[c] & CL_UPPER) != 0;

				letters++;
				upper += up;
				seg++;
				i++;
				prev = CL_LETTER;
			}
			if (i >= end)
				break;
		}
		cl = class_at(s, end, i, &cp, &l);
		if (cl & CL_LETTER) {
			letters++;
			if (cl & CL_UPPER)
				upper++;
			if (first) {
				if (cl & CL_UPPER)
					*fl |= TF_CAP;
				else if (cl & CL_LOWER)
					*fl |= TF_LOWER;
				first = false;
			}
			seg++;
		} else if (cl & CL_DIGIT) {
			*fl |= TF_DIGIT;
			first = false;
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
			*fl |= TF_DOTTED;
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
	if (letters >= 2 && upper == letters)
		*fl |= TF_ALLCAPS;
	return i;
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

/* Append the tokens of one paragraph to *v; this function can't fail. */
void
an_tokenize(const char *text, size_t len, struct an_span span,
    const struct an_rawq *q, size_t nq, struct an_lexcache *lc, struct an_tok **v, size_t *n,
    size_t *cap)
{
	size_t end = span.end < len ? span.end : len;
	size_t i = span.start, qi;
	bool space = true;

	if (i >= end)
		return;
	if (!ascii_cl_ready)
		ascii_cl_init();
	qi = first_quote_after(q, nq, i);
	while (i < end) {
		uint32_t cp;
		size_t l;
		struct an_tok t;

		if ((unsigned char)text[i] < 0x80) {
			cp = (unsigned char)text[i];
			l = 1;
		} else {
			l = an_utf8(text, end, i, &cp);
		}

		if (cp < 0x80 ? (cp <= 0x20 || cp == 0x7F) : an_isspace(cp)) {
			space = true;
			i += l;
			while (i < end && (unsigned char)text[i] <= 0x20)
				i++;
			continue;
		}
		t.start = i;
		t.flags = 0;
		t.lex = 0;
		t.ch = 0;
		t.mkind = 0;
		t.sent = 0;
		t.tix = 0;
		t.q = -1;
		t.person = -1;
		if (cp < 0x80 ? (ascii_cl[cp] & (CL_LETTER | CL_DIGIT)) != 0 :
		    (an_isletter(cp) || an_isdigit(cp))) {
			unsigned fl = 0;

			t.kind = TK_WORD;
			t.end = scan_word(text, end, i, &fl);
			t.bend = t.end;
			t.flags = fl;
			/* Possessive 's (straight or curly). */
			if (t.end - t.start > 2 && (text[t.end - 1] == 's' || text[t.end - 1] == 'S') &&
			    text[t.end - 2] == '\'') {
				t.bend = t.end - 2;
				t.flags |= TF_POSS;
			} else if (t.end - t.start > 4 && text[t.end - 1] == 's' &&
			    memcmp(text + t.end - 4, "\xE2\x80\x99", 3) == 0) {
				t.bend = t.end - 4;
				t.flags |= TF_POSS;
			} else if (t.end < end && t.end - t.start > 1 && text[t.end - 1] == 's' &&
			    (text[t.end] == '\'' || (t.end + 2 < end &&
			    memcmp(text + t.end, "\xE2\x80\x99", 3) == 0))) {
				size_t after = t.end + (text[t.end] == '\'' ? 1 : 3);

				/* "the players' union": the mark belongs to the word */
				if (!(class_next(text, end, after) & CL_LETTER)) {
					t.flags |= TF_POSS;
					t.end = after;
				}
			}
			if (t.end - t.start == 1 && (t.flags & TF_CAP) && t.end < end &&
			    text[t.end] == '.')
				t.flags |= TF_INITIAL;
			if (!(t.flags & TF_DIGIT)) {
				size_t bl = t.bend - t.start;

				uint64_t w;

				if (bl <= 8 && t.start + 8 <= len && lc != NULL) {
					/* the word's bytes as one number, lower-cased all at once */
					memcpy(&w, text + t.start, 8);
					if (bl < 8)
						w &= (UINT64_C(1) << (8 * bl)) - 1;
					if ((w & UINT64_C(0x8080808080808080)) == 0) {
						uint64_t up = ((w + UINT64_C(0x3F3F3F3F3F3F3F3F)) &
						    ~(w + UINT64_C(0x2525252525252525))) &
						    UINT64_C(0x8080808080808080);

						t.lex = an_lex_key(lc, w | (up >> 2), text + t.start, bl);
					} else {
						t.lex = an_lex(text + t.start, bl);
					}
				} else {
					t.lex = an_lex(text + t.start, bl);
				}
			}
		} else {
			t.kind = TK_PUNCT;
			t.end = i + l;
			t.bend = t.end;
			t.ch = punct_code(cp);
			if (is_mark(cp))
				t.flags |= TF_MARK;
		}
		if (space)
			t.flags |= TF_SPACEBEFORE;
		space = false;
		while (qi < nq && q[qi].end <= t.start)
			qi++;
		if (qi < nq && q[qi].start <= t.start) {
			t.q = (int)qi;
			t.flags |= TF_INQ;
		}
		if (t.kind == TK_WORD) {
			const struct an_tok *p = *n > 0 ? &(*v)[*n - 1] : NULL;

			if (p == NULL || p->start < span.start)
				t.flags |= TF_SSTART;
			else if (p->kind == TK_PUNCT && (p->ch == '?' || p->ch == '!' ||
			    p->ch == ':' || p->ch == PC_ELLIPSIS || (p->flags & TF_MARK) ||
			    p->ch == '(' || p->ch == '['))
				t.flags |= TF_SSTART;
			else if (p->kind == TK_PUNCT && p->ch == '.') {
				const struct an_tok *w = *n > 1 ? &(*v)[*n - 2] : NULL;

				if (w == NULL || w->start < span.start || w->kind != TK_WORD ||
				    !((w->lex & (LX_ABBREV | LX_HON)) || (w->flags & TF_INITIAL)))
					t.flags |= TF_SSTART;
			}
		}
		if (*n >= *cap)
			ARRAY_GROW(*v, *n + 1, *cap);
		(*v)[(*n)++] = t;
		i = t.end;
	}
}
