/*
 * who.h: the people of many articles as one list: the same person in two
 * articles is one entry (README, "One person across articles"):
 *
 *  - full names (two words or more) are the same after folding case,
 *    accents, dots and spaces (utf8_fold): "José Ramos" is "Jose  RAMOS";
 *  - a front matter alias that is a name (two words or more, not starting
 *    in lower case: "Bob Lee", not "the mayor") joins its person to anyone
 *    of that name elsewhere, and so ties people together across articles;
 *    but not an alias that people of different names carry ("Councillor
 *    Ferris" for Ann Ferris here and Tom Ferris there);
 *  - a surname alone (one word, or a title and one word: "Mr Johnson") is
 *    first matched inside its own article, to the one full name there that
 *    ends with it; else to the one person in all the articles whose full
 *    name ends with it; when several do, it stays a person of its own, so
 *    that two Johnsons never become one;
 *  - the role shown is the most frequent (compared folded), the latest
 *    article's where two are as frequent; the name shown likewise, among
 *    the full names.
 */
#ifndef BYLINE_WHO_H
#define BYLINE_WHO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "digest.h"

/* One appearance: person `person` of the article the caller numbered `article`. */
struct who_app {
	uint32_t	article;
	uint32_t	person;
};

/* One person across the articles. */
struct who_person {
	const char	*name;		/* as shown (points into a digest record) */
	const char	*role;		/* or NULL */
	uint32_t	 narticles;
	uint32_t	 nmentions;
	uint32_t	 nquotes;
	size_t		 first, count;	/* its appearances: who.apps[first, first + count),
					   in the order the articles were added */
	const char	*key;		/* its name folded, for ordering by name (NULL: use name) */
};

struct who {
	struct who_person	*v;
	size_t			 n;
	struct who_app		*apps;		/* none in a summary (anlib_summary()) */
	size_t			 napps;
	struct who_priv		*priv;		/* NULL in a summary: who_match() finds no one */
};

struct who_builder;

/* A new, empty builder. Can't fail. */
struct who_builder *who_begin(void);

/*
 * Add the people of one article: the caller's number for it (numbers
 * increasing from one call to the next), its date (sortkey, INT64_MIN for
 * none) and its decoded digest. The strings d points to must outlive the
 * result; d itself may be reused after the call.
 */
void who_add(struct who_builder *b, uint32_t article, int64_t sortkey, const struct digest *d);

/* Merge what was added into people (in no particular order); b is released. */
struct who *who_end(struct who_builder *b);

enum who_order {
	WHO_BY_QUOTES,		/* quotes, then mentions, then name */
	WHO_BY_MENTIONS,	/* mentions, then quotes, then name */
	WHO_BY_NAME,		/* name (folded), then quotes */
};

/* Sort w->v. */
void who_sort(struct who *w, enum who_order order);

/*
 * The people name fits: a full name or an alias, folded, of theirs; else,
 * for one word, their surname. Indices into w->v go to *out (the caller
 * frees it); returns how many.
 */
size_t who_match(const struct who *w, const char *name, size_t **out);

/* Release w. NULL is allowed. */
void who_free(struct who *w);

#endif
