/*
 * fuzz-common.h: what the fuzz targets share: the checks they make on the
 * core's results (beyond "no crash"), written once.
 *
 * Included by every tests/fuzz/fuzz_*.c and, through them, by
 * tests/unit/test_fuzz_regressions.c, which compiles all four targets into
 * one program; hence the include guard and the static functions. A failed
 * check calls FUZZ_FAIL(msg): abort() under libFuzzer (a crash it reports
 * and keeps), a cmocka failure in the replay test.
 */
#ifndef BYLINE_FUZZ_COMMON_H
#define BYLINE_FUZZ_COMMON_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analysis.h"
#include "utf8.h"
#include "util.h"

#ifndef FUZZ_FAIL
#define FUZZ_FAIL(msg) do { fprintf(stderr, "fuzz check failed: %s (%s:%d)\n", (msg), \
	__FILE__, __LINE__); abort(); } while (0)
#endif

#define FUZZ_CHECK(cond, msg) do { if (!(cond)) FUZZ_FAIL(msg); } while (0)

/*
 * Why s[0..len) must not reach a terminal, or NULL when it is safe: invalid
 * UTF-8 (a raw 0x9b, a surrogate, an overlong form), a C0 control but those
 * allowed (tab and newline when lines), DEL, a C1 control, a bidirectional
 * control, or a line or paragraph separator.
 */
static inline const char *
fz_unsafe(const char *s, size_t len, bool lines)
{
	size_t i = 0;

	while (i < len) {
		int32_t cp;
		size_t n = utf8_decode(s + i, len - i, &cp);

		if (cp == UTF8_INVALID)
			return "invalid UTF-8";
		if (cp < 0x20 && !(lines && (cp == '\n' || cp == '\t')))
			return "a C0 control";
		if (cp >= 0x7f && cp <= 0x9f)
			return "DEL or a C1 control";
		if (cp == 0x061c || cp == 0x200e || cp == 0x200f ||
		    (cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069))
			return "a bidirectional control";
		if (cp == 0x2028 || cp == 0x2029)
			return "a line or paragraph separator";
		i += n;
	}
	return NULL;
}

/* Fail unless s[0..len) is safe to print (see fz_unsafe). */
static inline void
fz_check_safe(const char *s, size_t len, bool lines, const char *what)
{
	const char *why = fz_unsafe(s, len, lines);
	char msg[160];

	if (why != NULL) {
		snprintf(msg, sizeof msg, "%s holds %s after sanitising", what, why);
		FUZZ_FAIL(msg);
	}
}

/* A copy of data[0..len) in a block of exactly len bytes (no NUL), so that
 * AddressSanitizer catches any read past the end. */
static inline char *
fz_exact(const uint8_t *data, size_t len)
{
	char *p = malloc(len > 0 ? len : 1);

	if (p == NULL)
		abort();
	if (len > 0)
		memcpy(p, data, len);
	return p;
}

/*
 * Check what analysis_run() promises about an: spans inside the text, the
 * quotes in text order, indexes that index something, one caption per image.
 */
static inline void
fz_check_analysis(const struct an_input *in, const struct analysis *an)
{
	size_t i, prev = 0;

	FUZZ_CHECK(an != NULL, "analysis_run returned NULL");
	FUZZ_CHECK(an->nquotes == 0 || an->quotes != NULL, "quotes array missing");
	for (i = 0; i < an->nquotes; i++) {
		const struct an_quote *q = &an->quotes[i];

		FUZZ_CHECK(q->start <= q->inner_start && q->inner_start <= q->inner_end &&
		    q->inner_end <= q->end && q->end <= in->len, "quote span out of order or out of the text");
		FUZZ_CHECK(q->start >= prev, "quotes not in text order");
		prev = q->start;
		FUZZ_CHECK(in->nparas == 0 || (q->para <= q->para_last && q->para_last < in->nparas),
		    "quote paragraph index out of range");
		FUZZ_CHECK(q->speaker >= -1 && (q->speaker < 0 || (size_t)q->speaker < an->npeople),
		    "quote speaker index out of range");
		FUZZ_CHECK(q->speaker < 0 || q->how != AN_HOW_NONE, "a speaker without a how");
		FUZZ_CHECK(q->org_start <= q->org_end && q->org_end <= in->len,
		    "quote organisation span out of the text");
		FUZZ_CHECK(an_how_name(q->how) != NULL, "an_how_name returned NULL");
	}
	FUZZ_CHECK(an->npeople == 0 || an->people != NULL, "people array missing");
	for (i = 0; i < an->npeople; i++) {
		FUZZ_CHECK(an->people[i].name != NULL, "a person without a name");
		FUZZ_CHECK(an->people[i].nquotes <= an->nquotes, "a person with more quotes than exist");
	}
	for (i = 0; i < an->nmentions; i++) {
		const struct an_mention *m = &an->mentions[i];

		FUZZ_CHECK(m->person >= 0 && (size_t)m->person < an->npeople,
		    "mention of a person that does not exist");
		FUZZ_CHECK(m->start <= m->end, "mention span reversed");
		if (m->where == AN_IN_BODY) {
			FUZZ_CHECK(m->end <= in->len, "body mention out of the text");
		} else {
			const struct an_image_in *im;
			const char *s;

			FUZZ_CHECK(m->image < in->nimages, "image mention of an image that does not exist");
			im = &in->images[m->image];
			s = m->where == AN_IN_IMAGE_TITLE ? im->title :
			    m->where == AN_IN_IMAGE_CAPTION ? im->caption :
			    m->where == AN_IN_IMAGE_CREDIT ? im->credit : NULL;
			FUZZ_CHECK(s != NULL, "image mention in a field that is NULL or unknown");
			FUZZ_CHECK(m->end <= strlen(s), "image mention out of its field");
		}
	}
	FUZZ_CHECK(an->ncaptions == in->nimages, "not one caption per image");
	for (i = 0; i < an->ncaptions; i++) {
		size_t k;

		FUZZ_CHECK(an->captions[i].image < in->nimages, "caption of an image that does not exist");
		for (k = 0; k < an->captions[i].npeople; k++)
			FUZZ_CHECK(an->captions[i].people[k] >= 0 &&
			    (size_t)an->captions[i].people[k] < an->npeople,
			    "caption person index out of range");
	}
}

#endif
