/*
 * reading.h: one article as the reader and the subcommands use it: the file
 * loaded, its body laid out in blocks, and what the analysis finds in it.
 *
 * This is the one load -> layout -> analysis sequence: the reader, "show",
 * "quotes", "people", the fuzz targets and the out-of-memory test all go
 * through it, so that they cannot drift apart. The steps are separate
 * because the reader paints between them: a big file's start is laid out
 * and shown before the rest is read and analysed.
 */
#ifndef BYLINE_READING_H
#define BYLINE_READING_H

#include <signal.h>
#include <stdbool.h>

#include "analysis.h"
#include "article.h"
#include "doc.h"

struct reading {
	struct article		 a;
	struct doc		 d;
	struct an_input		 in;		/* points into d and a */
	struct an_person_in	*in_people;	/* owned: the front matter's people for in */
	struct an_image_in	*in_images;	/* owned: its images */
	struct analysis		*an;		/* NULL until reading_analyse() */
	bool			 laid_out;
};

/*
 * Load path into r (how: ARTICLE_LOAD_FULL, or ARTICLE_LOAD_START for a first
 * screen before the rest). Returns false when the file gave no body to show
 * (broken and empty); *why (when not NULL) then says why, in a string that
 * lives as long as r. Either way the diagnostics are in r->a.diags and the
 * caller releases r with reading_free().
 */
bool reading_load(struct reading *r, const char *path, enum article_load_how how,
    const char **why);

/*
 * Parse an article file's bytes (data, len; name for messages and the
 * Markdown rule) into r in full, as reading_load() would read it from a
 * file. Can't fail: bad input gives diagnostics.
 */
void reading_parse(struct reading *r, const char *name, const char *data, size_t len);

/* Lay the body out in blocks and fill r->in. Can't fail. */
void reading_layout(struct reading *r);

/*
 * After article_load_more()/article_load_rest(): lay out what came in and
 * point r->in at the longer body. Can't fail.
 */
void reading_extend(struct reading *r);

/*
 * Analyse r (once; again only after reading_extend()). cancel, when not NULL
 * and set, cuts the analysis short (the result is valid, maybe partial).
 */
void reading_analyse(struct reading *r, const volatile sig_atomic_t *cancel);

/* Load in full, lay out and analyse: reading_load() + reading_layout() + reading_analyse(). */
bool reading_open(struct reading *r, const char *path, const char **why);

/* Release everything r holds. Safe on a zeroed or released reading. */
void reading_free(struct reading *r);

/*
 * Fill an analysis input from a laid-out doc and its article's front matter.
 * *people_out and *images_out are new arrays the caller frees (NULL when
 * empty); in points into them, into d and into a.
 */
void reading_input(const struct doc *d, const struct article *a, struct an_input *in,
    struct an_person_in **people_out, struct an_image_in **images_out);

#endif
