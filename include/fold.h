/*
 * fold.h: finding a typed pattern in text the way a reader expects, with
 * one rule for the library filter and the article search (less's "smart
 * case", extended to accents):
 *
 *	- a pattern without capitals ignores case: "verinay" finds "VERINAY";
 *	- a pattern without accents ignores accents: "verinay" finds "Vérinay";
 *	- a capital or an accent in the pattern makes that part exact:
 *	  "vérinay" finds "VÉRINAY" but not "Verinay"; "VÉR" finds "VÉRINAY"
 *	  but not "Vérinay".
 *
 * Case folding and decomposition are utf8proc's (full case folding, so
 * "strasse" finds "Straße"; canonical decomposition, so a precomposed "é"
 * and "e" followed by U+0301 are the same). Matches are byte ranges of the
 * text, which is never copied; invalid UTF-8 in it is read as U+FFFD.
 * Time is linear in the text for a pattern of fixed length.
 */
#ifndef BYLINE_FOLD_H
#define BYLINE_FOLD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* A compiled pattern. */
struct fold_pat {
	int32_t	*cp;		/* the pattern's code points, folded */
	size_t	 n;
	int	 opts;		/* the utf8proc options the text is folded with */
	bool	 exact_case;	/* the pattern has a capital */
	bool	 exact_marks;	/* the pattern has an accent */
};

/*
 * Compile pattern[0..len) into p (an empty pattern matches nowhere).
 * Release with fold_free(). Can't fail.
 */
void fold_compile(struct fold_pat *p, const char *pattern, size_t len);

/* Release what fold_compile() allocated; p is then an empty pattern. */
void fold_free(struct fold_pat *p);

/*
 * The first match in text[0..len) starting at or after byte from (moved on
 * to a character boundary): its start, with its length in bytes in *mlen.
 * SIZE_MAX when there is none.
 */
size_t fold_find(const struct fold_pat *p, const char *text, size_t len, size_t from,
    size_t *mlen);

/* The last match starting before byte before; SIZE_MAX when there is none. */
size_t fold_find_back(const struct fold_pat *p, const char *text, size_t len, size_t before,
    size_t *mlen);

/* Does the NUL-terminated s hold a match? */
bool fold_contains(const struct fold_pat *p, const char *s);

#endif
