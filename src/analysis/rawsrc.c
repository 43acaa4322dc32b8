/*
 * rawsrc.c: the raw tokens of a paragraph as pass 2 reads them: cut by the
 * tokenizer, each word of a mention marked with its person. The window
 * (window.c) feeds speaker.c from one such source, and speaker.c reads ahead
 * from a copy of it, so the source lives apart from both.
 */
#include "internal.h"

/* Cut and mark up to max more tokens of a paragraph for pass 2. */
size_t
an_rawsrc_next(struct an_rawsrc *rs, struct an_tok *t, size_t max)
{
	size_t n = an_tok_next(&rs->ts, t, max), i, l;

	for (l = 0; l < 2; l++) {
		const struct an_mention *m = rs->m[l];
		size_t mi = rs->mi[l];

		for (i = 0; i < n && mi < rs->nm[l]; i++) {
			/* the words of a mention are the tokens that start in it */
			while (mi < rs->nm[l] && m[mi].end <= t[i].start)
				mi++;
			if (mi < rs->nm[l] && m[mi].start <= t[i].start) {
				t[i].person = m[mi].person;
				t[i].mkind = rs->mk[l] != NULL ? rs->mk[l][mi] : MK_ALIAS;
			}
		}
		rs->mi[l] = mi;
	}
	return n;
}
