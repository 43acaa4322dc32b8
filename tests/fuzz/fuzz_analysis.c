/*
 * fuzz_analysis.c: analysis_run on arbitrary text, cut into paragraphs in
 * arbitrary ways, with arbitrary front matter people and images.
 *
 * Input layout:
 *   byte 0: people (low 3 bits: 0-7), aliases each (bits 3-4: 0-3),
 *           images (bits 5-6: 0-3), a title (bit 7)
 *   byte 1: how to cut paragraphs (low 2 bits): 0 para_split, 1 every line,
 *           2 the whole text, 3 chunks of byte 2 + 1 bytes (which may cut
 *           a UTF-8 sequence or a quotation in two)
 *   byte 2: the chunk size for mode 3
 *   then NUL-separated strings, in order: the title, for each person its
 *   name, role and aliases, for each image its title, caption and credit
 *   (an empty string is NULL for roles and image fields); the rest is the
 *   text, NULs and all.
 * Every string and the text are copied to blocks of their exact size, so a
 * read past an end is caught.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "analysis.h"
#include "para.h"
#include "sanitize.h"

#include "fuzz-common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The next NUL-terminated string of the input, copied; NULL at the end. */
static char *
fn_next(const uint8_t *data, size_t size, size_t *at)
{
	const uint8_t *nul;
	size_t n;
	char *s;

	if (*at >= size)
		return NULL;
	nul = memchr(data + *at, '\0', size - *at);
	if (nul == NULL)
		return NULL;
	n = (size_t)(nul - (data + *at));
	s = malloc(n + 1);
	if (s == NULL)
		abort();
	memcpy(s, data + *at, n);
	s[n] = '\0';
	*at += n + 1;
	return s;
}

/* Paragraph spans of text by mode; returns how many, *out to free. */
static size_t
fn_paras(const char *text, size_t len, int mode, size_t chunk, struct span **out)
{
	struct span *v = NULL;
	size_t n = 0, cap = 0, i, start;

	switch (mode) {
	case 0:
		return para_split(text, len, out);
	case 1:
		start = 0;
		for (i = 0; i <= len; i++) {
			if (i == len || text[i] == '\n') {
				ARRAY_GROW(v, n + 1, cap);
				v[n].start = start;
				v[n].end = i;
				n++;
				start = i + 1;
			}
		}
		break;
	case 2:
		ARRAY_GROW(v, 1, cap);
		v[0].start = 0;
		v[0].end = len;
		n = 1;
		break;
	default:
		for (start = 0; start < len; start += chunk) {
			ARRAY_GROW(v, n + 1, cap);
			v[n].start = start;
			v[n].end = start + chunk < len ? start + chunk : len;
			n++;
		}
		break;
	}
	*out = v;
	return n;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct an_person_in people[7];
	struct an_image_in images[3];
	char *strings[1 + 7 * 5 + 3 * 3];
	const char *aliases[7][3];
	size_t nstrings = 0, at = 3, np, na, ni, i, k, chunk;
	struct an_input in;
	struct span *paras = NULL;
	struct analysis *an;
	struct buf b = BUF_INIT, s = BUF_INIT;
	char *text, *title = NULL;
	int mode;

	if (size < 3)
		return 0;
	np = data[0] & 7;
	na = (data[0] >> 3) & 3;
	ni = (data[0] >> 5) & 3;
	mode = data[1] & 3;
	chunk = (size_t)data[2] + 1;
	memset(&in, 0, sizeof in);
	memset(people, 0, sizeof people);
	memset(images, 0, sizeof images);
	if (data[0] & 0x80) {
		title = fn_next(data, size, &at);
		if (title != NULL)
			strings[nstrings++] = title;
	}
	for (i = 0; i < np; i++) {
		char *name = fn_next(data, size, &at), *role;

		if (name == NULL) {
			np = i;
			break;
		}
		strings[nstrings++] = name;
		people[i].name = name;
		role = fn_next(data, size, &at);
		if (role != NULL) {
			strings[nstrings++] = role;
			people[i].role = role[0] != '\0' ? role : NULL;
		}
		for (k = 0; k < na; k++) {
			char *alias = fn_next(data, size, &at);

			if (alias == NULL)
				break;
			strings[nstrings++] = alias;
			aliases[i][k] = alias;
		}
		people[i].aliases = aliases[i];
		people[i].naliases = k;
	}
	for (i = 0; i < ni; i++) {
		char *f[3];

		for (k = 0; k < 3; k++) {
			f[k] = fn_next(data, size, &at);
			if (f[k] != NULL)
				strings[nstrings++] = f[k];
		}
		images[i].title = f[0] != NULL && f[0][0] != '\0' ? f[0] : NULL;
		images[i].caption = f[1] != NULL && f[1][0] != '\0' ? f[1] : NULL;
		images[i].credit = f[2] != NULL && f[2][0] != '\0' ? f[2] : NULL;
	}
	if (at > size)
		at = size;
	text = fz_exact(data + at, size - at);
	in.text = text;
	in.len = size - at;
	in.nparas = fn_paras(text, in.len, mode, chunk, &paras);
	in.paras = paras;
	in.people = people;
	in.npeople = np;
	in.images = images;
	in.nimages = ni;
	in.title = title;

	an = analysis_run(&in);
	fz_check_analysis(&in, an);
	for (i = 0; i < an->nquotes; i++) {
		buf_reset(&b);
		analysis_quote_text(&in, &an->quotes[i], &b);
		buf_reset(&s);
		sanitize_append(&s, b.data, b.len, 0);
		fz_check_safe(s.data != NULL ? s.data : "", s.len, false, "quotation");
	}
	for (i = 0; i < an->npeople; i++) {
		buf_reset(&s);
		sanitize_appends(&s, an->people[i].name, 0);
		fz_check_safe(s.data != NULL ? s.data : "", s.len, false, "name");
	}
	analysis_free(an);
	buf_free(&b);
	buf_free(&s);
	free(paras);
	free(text);
	for (i = 0; i < nstrings; i++)
		free(strings[i]);
	return 0;
}
