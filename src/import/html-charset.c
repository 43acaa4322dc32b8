/*
 * html-charset.c: a web page's bytes to valid UTF-8 (see html-int.h).
 *
 * The encoding is the byte-order mark's, else the one a <meta charset> or
 * <meta http-equiv="Content-Type"> (or an XML declaration) names near the
 * start, else a guess from the bytes: UTF-8 when they are valid UTF-8,
 * windows-1252 otherwise. As browsers do (the WHATWG Encoding standard),
 * "ISO-8859-1" and "US-ASCII" are read as windows-1252, and a page that
 * declares UTF-8 but holds no valid multi-byte sequence and some bytes
 * that are not UTF-8 is read as windows-1252 too. windows-1252 is decoded
 * here from its table; other encodings through iconv (glibc).
 */
#include <errno.h>
#include <iconv.h>
#include <string.h>

#include "html-int.h"
#include "utf8.h"
#include "util.h"

/* Bytes of the page searched for a declaration. */
#define CHARSET_SCAN	16384

/* windows-1252's 0x80-0x9f (the undefined five as the C1 controls, dropped later). */
static const unsigned short cp1252_high[32] = {
	0x20ac, 0x0081, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021,
	0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008d, 0x017d, 0x008f,
	0x0090, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014,
	0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0x009d, 0x017e, 0x0178,
};

/* Labels read as another encoding (WHATWG), lower case, and what iconv calls it. */
static const struct {
	const char	*label;
	const char	*name;
} charset_aliases[] = {
	{ "iso-8859-1", "windows-1252" }, { "iso8859-1", "windows-1252" },
	{ "latin1", "windows-1252" }, { "l1", "windows-1252" },
	{ "us-ascii", "windows-1252" }, { "ascii", "windows-1252" },
	{ "cp1252", "windows-1252" }, { "x-cp1252", "windows-1252" },
	{ "windows-1252", "windows-1252" }, { "iso_8859-1", "windows-1252" },
	{ "utf8", "UTF-8" }, { "utf-8", "UTF-8" }, { "unicode-1-1-utf-8", "UTF-8" },
	{ "utf-16", "UTF-8" }, { "utf-16le", "UTF-8" }, { "utf-16be", "UTF-8" },
	{ "gb2312", "GB18030" }, { "gbk", "GB18030" }, { "x-gbk", "GB18030" },
	{ "gb_2312-80", "GB18030" }, { "chinese", "GB18030" },
	{ "shift_jis", "CP932" }, { "shift-jis", "CP932" }, { "sjis", "CP932" },
	{ "x-sjis", "CP932" }, { "ms_kanji", "CP932" }, { "windows-31j", "CP932" },
	{ "euc-kr", "CP949" }, { "ks_c_5601-1987", "CP949" },
	{ "big5", "BIG5-HKSCS" }, { "x-x-big5", "BIG5-HKSCS" },
	{ "tis-620", "CP874" }, { "iso-8859-11", "CP874" },
	{ "iso-8859-9", "CP1254" }, { "latin5", "CP1254" },
};

/* Append code point cp as UTF-8 (NUL dropped, other C0 controls but white space as a space). */
static void
charset_put(struct buf *out, int32_t cp)
{
	char u[4];

	if (cp == 0)
		return;
	if (cp < 0x20 && cp != '\t' && cp != '\n' && cp != '\r' && cp != '\f')
		cp = ' ';
	buf_add(out, u, utf8_encode(cp, u));
}

/* Append UTF-8 data to out: invalid sequences as U+FFFD, controls as charset_put(). */
static void
charset_utf8(struct buf *out, const char *data, size_t len)
{
	size_t i = 0, n, run;
	int32_t cp;

	buf_reserve(out, len + 1);
	while (i < len) {
		for (run = i; run < len && (unsigned char)data[run] >= 0x20 &&
		    (unsigned char)data[run] < 0x80; run++)
			continue;
		if (run > i) {
			buf_add(out, data + i, run - i);
			i = run;
			continue;
		}
		n = utf8_decode(data + i, len - i, &cp);
		if (cp == UTF8_INVALID)
			buf_add(out, "\xef\xbf\xbd", 3);
		else if (cp < 0x20)
			charset_put(out, cp);
		else
			buf_add(out, data + i, n);
		i += n;
	}
}

/* Append windows-1252 data to out as UTF-8. */
static void
charset_cp1252(struct buf *out, const char *data, size_t len)
{
	size_t i;

	buf_reserve(out, len + len / 4 + 1);
	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)data[i];

		if (c >= 0x20 && c < 0x80)
			buf_addc(out, (char)c);
		else if (c >= 0x80 && c < 0xa0)
			charset_put(out, cp1252_high[c - 0x80]);
		else
			charset_put(out, c);
	}
}

/*
 * Append data in encoding name to out as UTF-8 through iconv. Returns false
 * (nothing appended) when iconv does not know the encoding.
 */
static bool
charset_iconv(struct buf *out, const char *data, size_t len, const char *name)
{
	iconv_t cd = iconv_open("UTF-8", name);
	struct buf tmp = BUF_INIT;
	char *in = (char *)(uintptr_t)data, *o;
	size_t inleft = len, oleft;

	if (cd == (iconv_t)-1)
		return false;
	while (inleft > 0) {
		buf_reserve(&tmp, inleft * 2 + 16);
		o = tmp.data + tmp.len;
		oleft = tmp.cap - tmp.len - 1;
		if (iconv(cd, &in, &inleft, &o, &oleft) == (size_t)-1 && errno != E2BIG) {
			tmp.len = (size_t)(o - tmp.data);
			buf_add(&tmp, "\xef\xbf\xbd", 3);
			in++;		/* EILSEQ or EINVAL: skip the byte */
			inleft--;
			continue;
		}
		tmp.len = (size_t)(o - tmp.data);
	}
	iconv_close(cd);
	charset_utf8(out, tmp.data != NULL ? tmp.data : "", tmp.len);
	buf_free(&tmp);
	return true;
}

/* Copy the encoding name at p (up to end) into name; false if there is none. */
static bool
charset_name_at(const char *p, const char *end, char *name, size_t size)
{
	size_t n = 0;

	while (p < end && (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r'))
		p++;
	if (p >= end || *p != '=')
		return false;
	p++;
	while (p < end && (*p == ' ' || *p == '"' || *p == '\'' || *p == '\t'))
		p++;
	while (p < end && n + 1 < size && (ascii_isalpha((unsigned char)*p) ||
	    ascii_isdigit((unsigned char)*p) || *p == '-' || *p == '_' || *p == '.' || *p == ':'))
		name[n++] = (char)ascii_tolower((unsigned char)*p++);
	name[n] = '\0';
	return n > 0;
}

/* Find "key" (lower case) ASCII case-insensitively in s[0..len); NULL when absent. */
static const char *
charset_find(const char *s, size_t len, const char *key)
{
	size_t k = strlen(key), i;

	for (i = 0; i + k <= len; i++)
		if (ascii_tolower((unsigned char)s[i]) == key[0] &&
		    ascii_strncasecmp(s + i, key, k) == 0)
			return s + i;
	return NULL;
}

bool
hcharset_declared(const char *data, size_t len, char *name, size_t size)
{
	const char *p = data, *end = data + (len < CHARSET_SCAN ? len : CHARSET_SCAN), *gt, *c;

	if (end - p > 5 && memcmp(p, "<?xml", 5) == 0 && (gt = memchr(p, '>', (size_t)(end - p))) &&
	    (c = charset_find(p, (size_t)(gt - p), "encoding")) != NULL &&
	    charset_name_at(c + 8, gt, name, size))
		return true;
	while ((p = charset_find(p, (size_t)(end - p), "<meta")) != NULL) {
		if ((gt = memchr(p, '>', (size_t)(end - p))) == NULL)
			return false;
		for (c = p; (c = charset_find(c, (size_t)(gt - c), "charset")) != NULL; c += 7)
			if (charset_name_at(c + 7, gt, name, size))
				return true;
		p = gt;
	}
	return false;
}

/* How many valid multi-byte sequences and invalid bytes data holds (at most the first 1 MiB). */
static void
charset_count(const char *data, size_t len, size_t *multi, size_t *bad)
{
	size_t i = 0, n;
	int32_t cp;

	*multi = *bad = 0;
	if (len > 1024 * 1024)
		len = 1024 * 1024;
	while (i < len) {
		if ((unsigned char)data[i] < 0x80) {
			i++;
			continue;
		}
		n = utf8_decode(data + i, len - i, &cp);
		if (cp == UTF8_INVALID)
			(*bad)++;
		else
			(*multi)++;
		i += n;
	}
}

/* The name to decode with for the declared label (lower case). */
static const char *
charset_alias(const char *label)
{
	size_t i;

	for (i = 0; i < sizeof charset_aliases / sizeof charset_aliases[0]; i++)
		if (strcmp(label, charset_aliases[i].label) == 0)
			return charset_aliases[i].name;
	return label;
}

/* Is data valid UTF-8 without NUL and control characters but white space? */
static bool
charset_clean(const char *data, size_t len)
{
	size_t i = 0, n;
	int32_t cp;

	while (i < len) {
		unsigned char c = (unsigned char)data[i];

		if (c >= 0x20 && c < 0x80) {
			i++;
			continue;
		}
		if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f')
			return false;
		n = utf8_decode(data + i, len - i, &cp);
		if (cp == UTF8_INVALID)
			return false;
		i += n;
	}
	return true;
}

const char *
hcharset_decode(struct buf *out, const char *data, size_t len, const char **text,
    size_t *textlen)
{
	const char *name = hcharset_to_utf8(NULL, data, len);

	if (name == NULL) {
		*text = data;
		*textlen = len;
		return "UTF-8";
	}
	buf_reset(out);
	name = hcharset_to_utf8(out, data, len);
	*text = out->data != NULL ? out->data : "";
	*textlen = out->len;
	return name;
}

const char *
hcharset_to_utf8(struct buf *out, const char *data, size_t len)
{
	static char declared[48];
	const char *name = NULL;
	size_t multi, bad;

	if (out == NULL && ((len >= 3 && memcmp(data, "\xef\xbb\xbf", 3) == 0) ||
	    (len >= 2 && ((unsigned char)data[0] == 0xfe || (unsigned char)data[0] == 0xff))))
		return "BOM";
	if (len >= 3 && memcmp(data, "\xef\xbb\xbf", 3) == 0) {
		charset_utf8(out, data + 3, len - 3);
		return "UTF-8";
	}
	if (len >= 2 && ((unsigned char)data[0] == 0xfe && (unsigned char)data[1] == 0xff) &&
	    charset_iconv(out, data + 2, len - 2, "UTF-16BE"))
		return "UTF-16BE";
	if (len >= 2 && ((unsigned char)data[0] == 0xff && (unsigned char)data[1] == 0xfe) &&
	    charset_iconv(out, data + 2, len - 2, "UTF-16LE"))
		return "UTF-16LE";
	if (hcharset_declared(data, len, declared, sizeof declared))
		name = charset_alias(declared);
	charset_count(data, len, &multi, &bad);
	if (name == NULL)
		name = bad == 0 || multi > 4 * bad ? "UTF-8" : "windows-1252";
	else if (strcmp(name, "UTF-8") == 0)
		name = bad > 0 && multi == 0 ? "windows-1252" : "UTF-8";
	else if (bad == 0 && multi > 0)
		name = "UTF-8";		/* saved as UTF-8, the declaration left as it was */
	if (strcmp(name, "UTF-8") == 0) {
		if (out == NULL && charset_clean(data, len))
			return NULL;	/* nothing to do */
		if (out != NULL)
			charset_utf8(out, data, len);
		return name;
	}
	if (out == NULL)
		return name;
	if (strcmp(name, "windows-1252") != 0 && charset_iconv(out, data, len, name))
		return name;
	charset_cp1252(out, data, len);
	return "windows-1252";
}
