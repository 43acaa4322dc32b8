/*
 * quotes.c: find the quotations of a text by their marks.
 *
 * One left-to-right scan per paragraph, with a little state:
 *   - a double quotation (straight "…", curly “…”, low „…“, guillemets «…»
 *     or »…«) opens at a mark that can open and closes at a mark that can
 *     close it; single marks and other doubles inside are part of it;
 *   - a quotation still open at the end of a paragraph goes on into the next
 *     one when that paragraph starts with an opening mark (the newspaper
 *     convention); otherwise it ends with its paragraph;
 *   - outside double quotations, a single-quoted passage ('…' or ‘…’) counts
 *     when its marks cannot be apostrophes: the opening one follows a space
 *     and comes before a letter, the closing one ends a word, and elisions
 *     ('n', 'em, '90s) and plural possessives (the players' union) are left out.
 * Every step looks at a bounded neighbourhood, so the scan is linear.
 */
#include <string.h>

#include "internal.h"
#include "util.h"

/* Longest single-quoted passage at the top level, in bytes. */
#define SINGLE_MAX 1200

/* Double quotation marks and guillemets of every style. */
bool
an_is_dquote(uint32_t cp)
{
	return cp == '"' || cp == 0x201C || cp == 0x201D || cp == 0x201E || cp == 0x201F ||
	    cp == 0xAB || cp == 0xBB || cp == 0x300C || cp == 0x300D || cp == 0xFF02;
}

/* Character kinds around a mark. */
enum ctx { C_NONE, C_SPACE, C_LETTER, C_DIGIT, C_OPEN, C_PUNCT };

/* Kinds of the ASCII characters (what ctx_of() gives them). */
static const unsigned char ascii_ctx[128] = {
	/* control characters: punctuation, but the whitespace */
	C_PUNCT, C_PUNCT, C_PUNCT, C_PUNCT, C_PUNCT, C_PUNCT, C_PUNCT, C_PUNCT,
	C_PUNCT, C_SPACE, C_SPACE, C_SPACE, C_SPACE, C_SPACE, C_PUNCT, C_PUNCT,
	C_PUNCT, C_PUNCT, C_PUNCT, C_PUNCT, C_PUNCT, C_PUNCT, C_PUNCT, C_PUNCT,
	C_PUNCT, C_PUNCT, C_PUNCT, C_PUNCT, C_PUNCT, C_PUNCT, C_PUNCT, C_PUNCT,
	/* ' ' to '/' */
	C_SPACE, C_PUNCT, C_PUNCT, C_PUNCT, C_PUNCT, C_PUNCT, C_PUNCT, C_PUNCT,
	C_OPEN, C_PUNCT, C_PUNCT, C_PUNCT, C_PUNCT, C_OPEN, C_PUNCT, C_OPEN,
	/* '0' to '?' */
	C_DIGIT, C_DIGIT, C_DIGIT, C_DIGIT, C_DIGIT, C_DIGIT, C_DIGIT, C_DIGIT,
	C_DIGIT, C_DIGIT, C_PUNCT, C_PUNCT, C_PUNCT, C_PUNCT, C_PUNCT, C_PUNCT,
	/* '@' to '_' */
	C_PUNCT, C_LETTER, C_LETTER, C_LETTER, C_LETTER, C_LETTER, C_LETTER, C_LETTER,
	C_LETTER, C_LETTER, C_LETTER, C_LETTER, C_LETTER, C_LETTER, C_LETTER, C_LETTER,
	C_LETTER, C_LETTER, C_LETTER, C_LETTER, C_LETTER, C_LETTER, C_LETTER, C_LETTER,
	C_LETTER, C_LETTER, C_LETTER, C_OPEN, C_PUNCT, C_PUNCT, C_PUNCT, C_PUNCT,
	/* '`' to DEL */
	C_PUNCT, C_LETTER, C_LETTER, C_LETTER, C_LETTER, C_LETTER, C_LETTER, C_LETTER,
	C_LETTER, C_LETTER, C_LETTER, C_LETTER, C_LETTER, C_LETTER, C_LETTER, C_LETTER,
	C_LETTER, C_LETTER, C_LETTER, C_LETTER, C_LETTER, C_LETTER, C_LETTER, C_LETTER,
	C_LETTER, C_LETTER, C_LETTER, C_OPEN, C_PUNCT, C_PUNCT, C_PUNCT, C_PUNCT,
};

/* Kind of the character cp. */
static enum ctx
ctx_of(uint32_t cp)
{
	if (cp < 0x80)
		return (enum ctx)ascii_ctx[cp];
	if (an_isspace(cp))
		return C_SPACE;
	if (an_isletter(cp))
		return C_LETTER;
	if ((cp >= '0' && cp <= '9'))
		return C_DIGIT;
	if (cp == '(' || cp == '[' || cp == '{' || cp == 0x2014 || cp == 0x2013 || cp == '/' ||
	    cp == '-')
		return C_OPEN;
	return C_PUNCT;
}

/* Kind of the character after position i in [.., end). */
static enum ctx
ctx_after(const char *s, size_t end, size_t i)
{
	uint32_t cp;

	if (i >= end)
		return C_NONE;
	an_utf8(s, end, i, &cp);
	return ctx_of(cp);
}

/* Code point ending right before position i (not before lo), or 0. */
static uint32_t
cp_before(const char *s, size_t lo, size_t i)
{
	size_t j = i;
	uint32_t cp;

	if (i <= lo)
		return 0;
	j = i - 1;
	while (j > lo && i - j < 4 && ((unsigned char)s[j] & 0xC0) == 0x80)
		j--;
	if (an_utf8(s, i, j, &cp) != i - j)
		return 0xFFFD;
	return cp;
}

/* Kind of the character before position i. */
static enum ctx
ctx_before(const char *s, size_t lo, size_t i)
{
	uint32_t cp = cp_before(s, lo, i);

	return cp == 0 ? C_NONE : ctx_of(cp);
}

/* Can the double mark cp at i open a quotation? */
static bool
can_open(const char *s, size_t lo, size_t end, size_t i, size_t l, uint32_t cp)
{
	enum ctx b = ctx_before(s, lo, i), a = ctx_after(s, end, i + l);

	switch (cp) {
	case '"':
	case 0xFF02:
		if (a == C_SPACE || a == C_NONE)
			return false;	/* a stray closing mark */
		if (b == C_DIGIT && a != C_LETTER && a != C_DIGIT)
			return false;	/* inches: 5'10" */
		return true;
	case 0x201C:
	case 0x201F:
	case 0x201E:
		return a != C_SPACE && a != C_NONE;
	case 0xAB:
	case 0x300C:
		return a != C_NONE;
	case 0xBB:
	case 0x201D:
		/* German »…« or Swedish ”…”: only where a closer cannot be. */
		return (b == C_NONE || b == C_SPACE || b == C_OPEN) && a == C_LETTER;
	}
	return false;
}

/* Is the straight mark at i an inch sign (5'10", a 55" screen)? */
static bool
is_inches(const char *s, size_t lo, size_t end, size_t i)
{
	enum ctx a = ctx_after(s, end, i + 1);

	return ctx_before(s, lo, i) == C_DIGIT && a != C_LETTER && a != C_DIGIT;
}

/* Does mark cp at i close a quotation opened by open? */
static bool
can_close(const char *s, size_t lo, size_t end, size_t i, size_t l, uint32_t open,
    uint32_t cp)
{
	enum ctx b = ctx_before(s, lo, i), a = ctx_after(s, end, i + l);
	bool closer_like = b != C_SPACE && b != C_NONE &&
	    (a == C_SPACE || a == C_NONE || a == C_PUNCT || a == C_OPEN);

	switch (open) {
	case '"':
	case 0xFF02:
		return cp == '"' || cp == 0x201D || cp == 0xFF02 ||
		    (cp == 0x201C && closer_like);
	case 0x201C:
	case 0x201F:
		return cp == 0x201D || cp == '"' || cp == 0xFF02 ||
		    (cp == 0x201C && closer_like);
	case 0x201E:
		return cp == 0x201C || cp == 0x201D || cp == '"';
	case 0xAB:
		return cp == 0xBB;
	case 0xBB:
		return cp == 0xAB;
	case 0x201D:
		return cp == 0x201D;
	case 0x300C:
		return cp == 0x300D;
	}
	return false;
}

/* Can a paragraph starting with mark cp continue a quotation opened by open? */
static bool
can_continue(uint32_t open, uint32_t cp)
{
	switch (open) {
	case '"':
	case 0x201C:
	case 0x201F:
	case 0xFF02:
		return cp == '"' || cp == 0x201C || cp == 0xFF02;
	case 0x201E:
		return cp == 0x201E;
	case 0xAB:
		return cp == 0xAB || cp == 0xBB;
	case 0xBB:
		return cp == 0xBB;
	case 0x201D:
		return cp == 0x201D;
	case 0x300C:
		return cp == 0x300C;
	}
	return false;
}

/* Is there an elision right after an opening single mark at i ('n', 'em, 'til)? */
static bool
is_elision(const char *s, size_t end, size_t i)
{
	static const char *const el[] = {
		"n", "em", "til", "till", "cause", "tis", "twas", "bout", "round", "s", "d",
		"ll", "ve", "re", "t", "m", "ere", "e", "o", "im", "er", "un",
	};
	size_t j = i, k;

	while (j < end && j - i < 8 && ascii_isalpha((unsigned char)s[j]))
		j++;
	if (j == i || j - i >= 8)
		return false;
	if (j < end && (ascii_isalpha((unsigned char)s[j]) || (unsigned char)s[j] >= 0x80)) {
		/* a non-ASCII letter continues the word: not an elision */
		uint32_t cp;

		an_utf8(s, end, j, &cp);
		if (an_isletter(cp))
			return false;
	}
	for (k = 0; k < sizeof el / sizeof el[0]; k++)
		if (strlen(el[k]) == j - i && ascii_strncasecmp(el[k], s + i, j - i) == 0)
			return true;
	return false;
}

/* Can the single mark cp at i open a top-level single-quoted passage? */
static bool
single_opens(const char *s, size_t lo, size_t end, size_t i, size_t l, uint32_t cp)
{
	enum ctx b = ctx_before(s, lo, i), a = ctx_after(s, end, i + l);

	if (cp != '\'' && cp != 0x2018)
		return false;
	if (b != C_NONE && b != C_SPACE && b != C_OPEN)
		return false;
	if (a != C_LETTER)
		return false;
	return !is_elision(s, end, i + l);
}

/* Can the single mark cp at i close a top-level single-quoted passage? */
static bool
single_closes(const char *s, size_t lo, size_t end, size_t i, size_t l, uint32_t cp)
{
	uint32_t pc = cp_before(s, lo, i);
	enum ctx b = pc == 0 ? C_NONE : ctx_of(pc), a = ctx_after(s, end, i + l);

	if (cp != '\'' && cp != 0x2019)
		return false;
	if (b == C_SPACE || b == C_NONE || b == C_OPEN)
		return false;
	if (a == C_LETTER || a == C_DIGIT)
		return false;
	/* "the players' union": a plural possessive, not a closing mark */
	if ((pc == 's' || pc == 'S') && a == C_SPACE) {
		size_t j = i + l;

		while (j < end && s[j] == ' ')
			j++;
		if (j < end && ascii_islower((unsigned char)s[j]))
			return false;
	}
	return true;
}

/* Is there a letter at i? */
static bool
letter_at_next(const char *s, size_t end, size_t i)
{
	return ctx_after(s, end, i) == C_LETTER;
}

/* Count words (letter or digit runs) in text[start, end), stopping at max. */
size_t
an_count_words(const char *text, size_t start, size_t end, size_t max)
{
	size_t i = start, n = 0;
	bool in = false;

	while (i < end && n < max) {
		uint32_t cp;
		size_t l;
		bool w;

		if ((unsigned char)text[i] < 0x80) {
			cp = (unsigned char)text[i];
			l = 1;
			w = ascii_ctx[cp] == C_LETTER || ascii_ctx[cp] == C_DIGIT;
		} else {
			l = an_utf8(text, end, i, &cp);
			w = an_isletter(cp) || (cp >= '0' && cp <= '9');
		}

		if (!w && in && (cp == '\'' || cp == 0x2019 || cp == '-') && letter_at_next(text, end, i + l))
			w = true;
		if (w && !in)
			n++;
		in = w;
		i += l;
	}
	return n;
}

/* Does text[start, end) hold a letter or a digit? */
static bool
has_alnum(const char *text, size_t start, size_t end)
{
	size_t i = start;

	while (i < end) {
		uint32_t cp;
		size_t l;

		if ((unsigned char)text[i] < 0x80) {
			if (ascii_ctx[(unsigned char)text[i]] == C_LETTER ||
			    ascii_ctx[(unsigned char)text[i]] == C_DIGIT)
				return true;
			i++;
			continue;
		}
		l = an_utf8(text, end, i, &cp);
		if (an_isletter(cp) || (cp >= '0' && cp <= '9'))
			return true;
		i += l;
	}
	return false;
}

/* The word-at-a-time scan wants the byte order it counts in and __builtin_ctzll(). */
#if AN_LITTLE_ENDIAN && defined(__GNUC__)
#define WORD_SCAN 1
#else
#define WORD_SCAN 0
#endif

/* With SSE2 (every x86-64) it reads sixteen bytes at a time. */
#if WORD_SCAN && defined(__SSE2__) && !defined(AN_NO_SIMD)
#include <emmintrin.h>
#define SSE_SCAN 1
#else
#define SSE_SCAN 0
#endif

/*
 * The first position from i in [.., end) of a byte that may be part of a
 * mark: " ' or any non-ASCII byte; end if none. Eight bytes at a time.
 */
static size_t
skip_plain(const char *s, size_t i, size_t end)
{
#if SSE_SCAN
	const __m128i dq = _mm_set1_epi8('"'), sq = _mm_set1_epi8('\'');

	while (end - i >= 16) {
		__m128i v = _mm_loadu_si128((const void *)(s + i));
		/* the high bit of each byte: non-ASCII, or set for " and ' */
		unsigned m = (unsigned)_mm_movemask_epi8(_mm_or_si128(v,
		    _mm_or_si128(_mm_cmpeq_epi8(v, dq), _mm_cmpeq_epi8(v, sq))));

		if (m != 0)
			return i + (size_t)__builtin_ctz(m);
		i += 16;
	}
#endif
#if WORD_SCAN
	const uint64_t ones = UINT64_C(0x0101010101010101), high = UINT64_C(0x8080808080808080);

	while (end - i >= 8) {
		uint64_t w, d, a, m;

		memcpy(&w, s + i, 8);
		/* a byte of d or a is zero where w holds " or ' */
		d = w ^ (ones * '"');
		a = w ^ (ones * '\'');
		m = (w | ((d - ones) & ~d) | ((a - ones) & ~a)) & high;
		if (m != 0)
			return i + ((size_t)__builtin_ctzll(m) >> 3);
		i += 8;
	}
#endif
	while (i < end && (unsigned char)s[i] < 0x80 && s[i] != '"' && s[i] != '\'')
		i++;
	return i;
}

/* The scan state of an_quotes_find(). */
struct qscan {
	const char	*text;
	struct an_rawq	*v;
	size_t		 n, cap;
	/* the open double quotation, if any */
	bool		 open;
	uint32_t	 opener;
	size_t		 start, inner, para;
	size_t		 last_end;	/* end of the last paragraph it covers */
	/* a nested double quotation inside it */
	bool		 nest;
};

/* Trim whitespace inside [*a, *b). */
static void
trim(const char *s, size_t *a, size_t *b)
{
	while (*a < *b) {
		uint32_t cp;
		size_t l = an_utf8(s, *b, *a, &cp);

		if (!an_isspace(cp))
			break;
		*a += l;
	}
	while (*b > *a) {
		uint32_t cp = cp_before(s, *a, *b);
		size_t l = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;

		if (cp == 0 || !an_isspace(cp))
			break;
		if (cp == 0xFFFD)
			l = 1;
		*b -= l;
	}
}

/* Record a quotation; empty ones (no letter or digit) are dropped. */
static void
emit(struct qscan *st, size_t start, size_t end, size_t inner_start, size_t inner_end,
    size_t para, size_t para_last)
{
	struct an_rawq *q;

	trim(st->text, &inner_start, &inner_end);
	if (inner_start >= inner_end || !has_alnum(st->text, inner_start, inner_end))
		return;
	ARRAY_GROW(st->v, st->n + 1, st->cap);
	q = &st->v[st->n++];
	q->start = start;
	q->end = end;
	q->inner_start = inner_start;
	q->inner_end = inner_end;
	q->para = para;
	q->para_last = para_last;
}

/* Close the open quotation at the end of the paragraph it last covered. */
static void
close_unclosed(struct qscan *st, size_t para_last)
{
	emit(st, st->start, st->last_end, st->inner, st->last_end, st->para, para_last);
	st->open = false;
	st->nest = false;
}

/*
 * A paragraph text[lo, end) starts while a quotation is open: where the scan
 * goes on, after the opening mark that continues the quotation, or at lo
 * once the quotation is closed at the end of paragraph pi - 1.
 */
static size_t
para_continues(struct qscan *st, size_t lo, size_t end, size_t pi)
{
	uint32_t cp = 0;
	size_t j = lo, l = 0;

	while (j < end) {
		l = an_utf8(st->text, end, j, &cp);
		if (!an_isspace(cp))
			break;
		j += l;
	}
	if (j < end && can_continue(st->opener, cp))
		return j + l;
	close_unclosed(st, pi - 1);
	return lo;
}

/*
 * With an even number of straight marks in text[i, end) of a paragraph
 * from lo (counting an open quotation as one), they pair up in order; with
 * an odd number one is stray, and marks that look like closing ones or
 * inches do not open. Is the number even?
 */
static bool
straight_pairs(const char *s, size_t lo, size_t i, size_t end, bool open)
{
	size_t j, count = open ? 1 : 0;

	for (j = i; j < end;) {
		const char *m = memchr(s + j, '"', end - j);

		if (m == NULL)
			break;
		j = (size_t)(m - s);
		if (!is_inches(s, lo, end, j))
			count++;
		j++;
	}
	return count % 2 == 0;
}

/* The mark cp (l bytes) at i of paragraph pi, text[lo, end), inside an open quotation. */
static void
mark_inside(struct qscan *st, size_t lo, size_t end, size_t i, size_t l, uint32_t cp,
    size_t pi)
{
	const char *s = st->text;
	enum ctx cb = ctx_before(s, lo, i);
	bool opening = (cb == C_SPACE || cb == C_OPEN) && ctx_after(s, end, i + l) == C_LETTER;

	if (st->nest) {
		if (cp == '"' || cp == 0x201D || cp == 0xBB)
			st->nest = false;
	} else if (opening && ((cp == '"' && st->opener != '"' && st->opener != 0xFF02) ||
	    (cp == 0x201C && st->opener == '"'))) {
		st->nest = true;	/* “He said "no" to me” */
	} else if (can_close(s, lo, end, i, l, st->opener, cp)) {
		emit(st, st->start, i + l, st->inner, i, st->para, pi);
		st->open = false;
	}
}

/* A single-quoted passage at the top level of a paragraph: open since start. */
struct single {
	bool	open;
	size_t	start;
};

/* The single mark cp (l bytes) at i of paragraph pi, text[lo, end), outside double quotations. */
static void
mark_single(struct qscan *st, struct single *sq, size_t lo, size_t end, size_t i, size_t l,
    uint32_t cp, size_t pi)
{
	const char *s = st->text;

	if (sq->open && i - sq->start > SINGLE_MAX) {
		sq->open = false;
		if (single_opens(s, lo, end, i, l, cp)) {
			sq->open = true;
			sq->start = i;
		}
	} else if (sq->open && single_closes(s, lo, end, i, l, cp)) {
		if (an_count_words(s, sq->start, i, 2) >= 1 && i - sq->start > 3)
			emit(st, sq->start, i + l, sq->start + (s[sq->start] == '\'' ? 1 : 3), i, pi,
			    pi);
		sq->open = false;
	} else if (!sq->open && single_opens(s, lo, end, i, l, cp)) {
		sq->open = true;
		sq->start = i;
	}
}

/* Scan paragraph pi, text[lo, end). */
static void
scan_para(struct qscan *st, size_t lo, size_t end, size_t pi)
{
	const char *s = st->text;
	size_t i = st->open ? para_continues(st, lo, end, pi) : lo;
	struct single sq = { false, 0 };
	bool toggle = straight_pairs(s, lo, i, end, st->open);

	while (i < end) {
		uint32_t cp;
		size_t l;

		/* skip the bytes that cannot be marks: ASCII other than " and ' */
		i = skip_plain(s, i, end);
		if (i >= end)
			break;
		l = an_utf8(s, end, i, &cp);
		if (st->open) {
			mark_inside(st, lo, end, i, l, cp, pi);
		} else if (an_is_dquote(cp)) {
			if ((toggle && cp == '"' && i + 1 < end && !is_inches(s, lo, end, i)) ||
			    can_open(s, lo, end, i, l, cp)) {
				st->open = true;
				st->nest = false;
				st->opener = cp;
				st->start = i;
				st->inner = i + l;
				st->para = pi;
				sq.open = false;
			}
		} else {
			mark_single(st, &sq, lo, end, i, l, cp, pi);
		}
		i += l;
	}
	if (st->open)
		st->last_end = end;
}

/* Find every quotation of the paragraphs in one linear scan. */
size_t
an_quotes_find(const char *text, size_t len, const struct span *paras, size_t np,
    struct an_rawq **out)
{
	struct qscan st;
	size_t p;

	memset(&st, 0, sizeof st);
	st.text = text;
	for (p = 0; p < np; p++) {
		size_t lo = paras[p].start, end = paras[p].end < len ? paras[p].end : len;

		if (lo > end)
			lo = end;
		scan_para(&st, lo, end, p);
	}
	if (st.open)
		close_unclosed(&st, np > 0 ? np - 1 : 0);
	*out = st.v;
	return st.n;
}
