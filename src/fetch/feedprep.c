/*
 * feedprep.c: the bytes of a feed repaired before libxml2 reads them.
 *
 * Real feeds declare one encoding and use another, write HTML entities
 * XML does not know (&nbsp;), leave a bare & in a link, and carry stray
 * control characters. libxml2 recovers from some of these by dropping text;
 * this pass fixes them first, keeping the text:
 *
 *   - the encoding: bytes that are valid UTF-8 are UTF-8 whatever the feed
 *     says; otherwise a feed that says UTF-8, Latin-1, windows-1252 or
 *     nothing is read as UTF-8 with each stray byte taken as windows-1252
 *     (what browsers do with Latin-1); any other encoding it declares
 *     (KOI8-R, Shift_JIS...) is left to libxml2 to convert;
 *   - "&name;" that is not one of XML's five and not declared in the
 *     feed's own DTD becomes "&#N;" when HTML knows it, else "&amp;name;";
 *     a & that starts no reference becomes "&amp;"; a character reference
 *     to a character XML forbids becomes U+FFFD;
 *   - control characters other than tab, CR and LF are dropped.
 *
 * CDATA sections, comments, processing instructions and the DOCTYPE are
 * copied as they are (the names the DOCTYPE declares are noted).
 */
#include <string.h>

#include <libxml/HTMLparser.h>
#include <libxml/encoding.h>

#include "feed-int.h"
#include "strmap.h"
#include "utf8.h"
#include "util.h"

/* windows-1252's 0x80-0x9f (0: undefined there, taken as Latin-1's C1, then dropped). */
static const uint16_t cp1252[32] = {
	0x20ac, 0, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021,
	0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017d, 0,
	0, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014,
	0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0, 0x017e, 0x0178,
};

/* Append code point cp as UTF-8. */
static void
put_cp(struct buf *out, int32_t cp)
{
	char u[4];

	buf_add(out, u, utf8_encode(cp, u));
}

/* Append data as UTF-8: valid sequences kept, each other byte read as windows-1252. */
static void
latin_repair(struct buf *out, const char *data, size_t len)
{
	size_t i = 0, n;
	int32_t cp;

	buf_reserve(out, len + len / 4 + 1);
	while (i < len) {
		unsigned char c = (unsigned char)data[i];

		if (c < 0x80) {
			buf_addc(out, (char)c);
			i++;
			continue;
		}
		n = utf8_decode(data + i, len - i, &cp);
		if (cp != UTF8_INVALID) {
			buf_add(out, data + i, n);
			i += n;
			continue;
		}
		if (c >= 0x80 && c < 0xa0 && cp1252[c - 0x80] != 0)
			put_cp(out, cp1252[c - 0x80]);
		else if (c >= 0xa0)
			put_cp(out, c);
		i++;
	}
}

/*
 * The encoding an XML declaration at the start of data names, into out
 * (size bytes, lower case); "" when none.
 */
static void
declared_encoding(const char *data, size_t len, char *out, size_t size)
{
	const char *end, *p;
	size_t n = 0;
	char q;

	out[0] = '\0';
	if (len < 5 || memcmp(data, "<?xml", 5) != 0)
		return;
	if (len > 512)
		len = 512;
	if ((end = memchr(data, '>', len)) == NULL)
		return;
	for (p = data + 5; p + 8 < end && memcmp(p, "encoding", 8) != 0; p++)
		;
	if (p + 8 >= end)
		return;
	for (p += 8; p < end && (*p == ' ' || *p == '='); p++)
		;
	if (p >= end || (*p != '"' && *p != '\''))
		return;
	q = *p++;
	while (p < end && *p != q && n + 1 < size)
		out[n++] = (char)ascii_tolower((unsigned char)*p++);
	out[n] = '\0';
}

/* Does the encoding name e mean UTF-8, ASCII, Latin-1 or windows-1252 (or nothing)? */
static bool
latin_or_utf8(const char *e)
{
	static const char *const names[] = {
		"", "utf-8", "utf8", "us-ascii", "ascii", "iso-8859-1", "iso8859-1",
		"latin1", "latin-1", "l1", "iso_8859-1", "windows-1252", "cp1252",
		"iso-8859-15", "latin-9",
	};

	return feedtext_among(e, names, sizeof names / sizeof names[0]);
}

/* Does libxml2 (with iconv) know the encoding e? */
static bool
known_encoding(const char *e)
{
	xmlCharEncodingHandlerPtr h = xmlFindCharEncodingHandler(e);

	if (h == NULL)
		return false;
	xmlCharEncCloseFunc(h);
	return true;
}

/* Is cp a character XML 1.0 allows? */
static bool
xml_char(long cp)
{
	return cp == 0x9 || cp == 0xa || cp == 0xd || (cp >= 0x20 && cp <= 0xd7ff) ||
	    (cp >= 0xe000 && cp <= 0xfffd) || (cp >= 0x10000 && cp <= 0x10ffff);
}

/*
 * The reference at s (s[0] == '&', n bytes to the end) written safely to
 * out. Returns the bytes of s used.
 */
static size_t
fix_reference(struct buf *out, const char *s, size_t n, const struct strmap *declared)
{
	size_t k = 1;

	if (k < n && s[k] == '#') {
		bool hex = k + 1 < n && (s[k + 1] == 'x' || s[k + 1] == 'X');
		long cp = 0;
		size_t start;

		k += hex ? 2 : 1;
		for (start = k; k < n && k - start < 8 && (hex ? (ascii_isdigit((unsigned char)s[k]) ||
		    (ascii_tolower((unsigned char)s[k]) >= 'a' && ascii_tolower((unsigned char)s[k]) <= 'f')) :
		    ascii_isdigit((unsigned char)s[k])); k++)
			cp = cp * (hex ? 16 : 10) + (ascii_isdigit((unsigned char)s[k]) ? s[k] - '0' :
			    ascii_tolower((unsigned char)s[k]) - 'a' + 10);
		if (k == start || k >= n || s[k] != ';') {
			buf_adds(out, "&amp;");
			return 1;
		}
		if (xml_char(cp))
			buf_add(out, s, k + 1);
		else
			buf_adds(out, "&#xFFFD;");
		return k + 1;
	}
	while (k < n && k < 40 && (ascii_isalpha((unsigned char)s[k]) ||
	    (k > 1 && (ascii_isdigit((unsigned char)s[k]) || s[k] == '_' || s[k] == '-' ||
	    s[k] == '.'))))
		k++;
	if (k == 1 || k >= n || s[k] != ';') {
		buf_adds(out, "&amp;");
		return 1;
	}
	{
		static const char *const xml[] = { "amp", "lt", "gt", "quot", "apos" };
		char name[41];
		const htmlEntityDesc *e;
		size_t i;

		memcpy(name, s + 1, k - 1);
		name[k - 1] = '\0';
		for (i = 0; i < 5; i++)
			if (strcmp(name, xml[i]) == 0)
				break;
		if (i < 5 || strmap_get(declared, name, k - 1) != NULL)
			buf_add(out, s, k + 1);
		else if ((e = htmlEntityLookup((const xmlChar *)name)) != NULL)
			buf_printf(out, "&#%u;", e->value);
		else
			buf_printf(out, "&amp;%s;", name);
	}
	return k + 1;
}

/*
 * Copy a construct that starts at s (n bytes to the end) with open and
 * ends with close, unchanged; returns the bytes used (all of them when it
 * is never closed).
 */
static size_t
copy_until(struct buf *out, const char *s, size_t n, size_t open, const char *close)
{
	size_t cl = strlen(close), k = open;

	while (k + cl <= n && memcmp(s + k, close, cl) != 0)
		k++;
	k = k + cl <= n ? k + cl : n;
	buf_add(out, s, k);
	return k;
}

/*
 * Copy the DOCTYPE at s (n bytes) unchanged, noting the names of the
 * entities it declares in declared. Returns the bytes used.
 */
static size_t
copy_doctype(struct buf *out, const char *s, size_t n, struct strmap *declared)
{
	size_t k = 9;
	int depth = 0;
	char quote = 0;

	for (; k < n; k++) {
		char c = s[k];

		if (quote != 0) {
			if (c == quote)
				quote = 0;
		} else if (c == '"' || c == '\'') {
			quote = c;
		} else if (c == '[') {
			depth++;
		} else if (c == ']') {
			depth--;
		} else if (c == '>' && depth <= 0) {
			k++;
			break;
		} else if (c == '<' && k + 8 < n && memcmp(s + k, "<!ENTITY", 8) == 0) {
			size_t a = k + 8, b;

			while (a < n && ascii_isspace((unsigned char)s[a]))
				a++;
			for (b = a; b < n && !ascii_isspace((unsigned char)s[b]) && s[b] != '%'; b++)
				;
			if (b > a && b - a < 40)
				strmap_put(declared, s + a, b - a, NULL);
		}
	}
	buf_add(out, s, k);
	return k;
}

/* The pass over ASCII-compatible bytes described at the top; appended to out. */
static void
fix_markup(struct buf *out, const char *s, size_t n)
{
	struct strmap declared = STRMAP_INIT;
	size_t i = 0;

	buf_reserve(out, n + 64);
	while (i < n) {
		unsigned char c = (unsigned char)s[i];

		if (c == '&') {
			i += fix_reference(out, s + i, n - i, &declared);
		} else if (c == '<' && n - i >= 9 && memcmp(s + i, "<![CDATA[", 9) == 0) {
			i += copy_until(out, s + i, n - i, 9, "]]>");
		} else if (c == '<' && n - i >= 4 && memcmp(s + i, "<!--", 4) == 0) {
			i += copy_until(out, s + i, n - i, 4, "-->");
		} else if (c == '<' && n - i >= 2 && s[i + 1] == '?') {
			i += copy_until(out, s + i, n - i, 2, "?>");
		} else if (c == '<' && n - i >= 9 && memcmp(s + i, "<!DOCTYPE", 9) == 0) {
			i += copy_doctype(out, s + i, n - i, &declared);
		} else {
			if (c >= 0x20 || c == '\t' || c == '\n' || c == '\r')
				buf_addc(out, (char)c);
			i++;
		}
	}
	strmap_free(&declared);
}

/* Is data UTF-16 or UTF-32 (a byte-order mark, or a NUL among its first bytes)? */
static bool
wide_encoding(const char *data, size_t len)
{
	if (len >= 2 && (((unsigned char)data[0] == 0xfe && (unsigned char)data[1] == 0xff) ||
	    ((unsigned char)data[0] == 0xff && (unsigned char)data[1] == 0xfe)))
		return true;
	return len >= 4 && memchr(data, '\0', 4) != NULL;
}

/* Replace U+FFFE and U+FFFF (valid UTF-8, not XML characters) in b with U+FFFD. */
static void
fix_nonchars(struct buf *b)
{
	size_t i;

	for (i = 0; i + 2 < b->len; i++)
		if ((unsigned char)b->data[i] == 0xef && (unsigned char)b->data[i + 1] == 0xbf &&
		    ((unsigned char)b->data[i + 2] == 0xbe || (unsigned char)b->data[i + 2] == 0xbf))
			b->data[i + 2] = (char)0xbd;
}

void
feedprep_latin(struct buf *out, const char *data, size_t len)
{
	struct buf tmp = BUF_INIT;

	latin_repair(&tmp, data, len);
	fix_markup(out, tmp.data != NULL ? tmp.data : "", tmp.len);
	fix_nonchars(out);
	buf_free(&tmp);
}

const char *
feedprep(struct buf *out, const char *data, size_t len, const char *charset, char *enc,
    size_t encsize)
{
	const char *use = "UTF-8";

	if (wide_encoding(data, len)) {
		buf_add(out, data, len);
		return NULL;
	}
	if (len >= 3 && memcmp(data, "\xef\xbb\xbf", 3) == 0) {
		data += 3;
		len -= 3;
	}
	declared_encoding(data, len, enc, encsize);
	if (enc[0] == '\0' && charset != NULL) {
		size_t n = strlen(charset);

		n = n < encsize - 1 ? n : encsize - 1;
		memcpy(enc, charset, n);
		enc[n] = '\0';
	}
	if (utf8_valid(data, len)) {
		fix_markup(out, data, len);
		fix_nonchars(out);
	} else if (latin_or_utf8(enc) || !known_encoding(enc)) {
		feedprep_latin(out, data, len);
	} else {
		fix_markup(out, data, len);
		use = enc;
	}
	buf_reserve(out, 1);
	out->data[out->len] = '\0';
	return use;
}
