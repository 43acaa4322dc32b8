/*
 * an-fixture.h: what the analysis tests share: analyse a text (paragraphs
 * at blank lines) and read back quotes and speakers as "byline quotes"
 * prints them. Included by the test programs only; cmocka comes first.
 */
#ifndef BYLINE_TEST_AN_FIXTURE_H
#define BYLINE_TEST_AN_FIXTURE_H

#include <stdlib.h>
#include <string.h>

#include "analysis.h"
#include "para.h"
#include "util.h"

struct fx {
	struct an_input	 in;
	struct span	*paras;
	struct analysis	*an;
	struct buf	 qt;
};

/* Analyse text with front matter people and images (either may be NULL, 0). */
static inline void
fx_run_with(struct fx *f, const char *text, const struct an_person_in *people, size_t np,
    const struct an_image_in *images, size_t ni)
{
	memset(f, 0, sizeof *f);
	f->in.text = text;
	f->in.len = strlen(text);
	f->in.nparas = para_split(text, f->in.len, &f->paras);
	f->in.paras = f->paras;
	f->in.people = people;
	f->in.npeople = np;
	f->in.images = images;
	f->in.nimages = ni;
	f->an = analysis_run(&f->in);
	assert_non_null(f->an);
}

/* Analyse text alone. */
static inline void
fx_run(struct fx *f, const char *text)
{
	fx_run_with(f, text, NULL, 0, NULL, 0);
}

static inline void
fx_free(struct fx *f)
{
	analysis_free(f->an);
	free(f->paras);
	buf_free(&f->qt);
}

/* The text of quote i as "byline quotes" prints it (valid until the next call). */
static inline const char *
qtext(struct fx *f, size_t i)
{
	buf_reset(&f->qt);
	analysis_quote_text(&f->in, &f->an->quotes[i], &f->qt);
	return f->qt.data != NULL ? f->qt.data : "";
}

/* The speaker's name of quote i, or "". */
static inline const char *
qspeaker(const struct fx *f, size_t i)
{
	int s = f->an->quotes[i].speaker;

	return s >= 0 ? f->an->people[s].name : "";
}

#endif
