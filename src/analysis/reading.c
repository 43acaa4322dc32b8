/*
 * reading.c: the one load -> layout -> analysis sequence (see reading.h).
 */
#include <stdlib.h>
#include <string.h>

#include "reading.h"
#include "util.h"

bool
reading_load(struct reading *r, const char *path, enum article_load_how how, const char **why)
{
	size_t i;

	memset(r, 0, sizeof *r);
	article_load(&r->a, path, how, NULL);
	if (!(r->a.flags & ARTICLE_BROKEN) || r->a.body_len > 0)
		return true;
	if (why != NULL) {
		*why = "cannot be read";
		for (i = 0; i < r->a.diags.n; i++)
			if (r->a.diags.v[i].level == DIAG_ERROR) {
				*why = r->a.diags.v[i].msg;
				break;
			}
	}
	return false;
}

void
reading_parse(struct reading *r, const char *name, const char *data, size_t len)
{
	memset(r, 0, sizeof *r);
	article_parse(&r->a, name, data, len, true, NULL);
}

void
reading_input(const struct doc *d, const struct article *a, struct an_input *in,
    struct an_person_in **people_out, struct an_image_in **images_out)
{
	struct an_person_in *people = NULL;
	struct an_image_in *images = NULL;
	size_t i;

	memset(in, 0, sizeof *in);
	in->text = d->text;
	in->len = d->len;
	in->paras = d->paras;
	in->nparas = d->nparas;
	in->title = a->title;
	if (a->npeople > 0) {
		people = xcalloc(a->npeople, sizeof *people);
		for (i = 0; i < a->npeople; i++) {
			people[i].name = a->people[i].name;
			people[i].role = a->people[i].role;
			people[i].aliases = (const char *const *)a->people[i].aliases;
			people[i].naliases = a->people[i].naliases;
		}
	}
	if (a->nimages > 0) {
		images = xcalloc(a->nimages, sizeof *images);
		for (i = 0; i < a->nimages; i++) {
			images[i].title = a->images[i].title;
			images[i].caption = a->images[i].caption;
			images[i].credit = a->images[i].credit;
		}
	}
	in->people = people;
	in->npeople = a->npeople;
	in->images = images;
	in->nimages = a->nimages;
	*people_out = people;
	*images_out = images;
}

void
reading_layout(struct reading *r)
{
	doc_build(&r->d, &r->a);
	reading_input(&r->d, &r->a, &r->in, &r->in_people, &r->in_images);
	r->laid_out = true;
}

void
reading_extend(struct reading *r)
{
	doc_extend(&r->d, &r->a);
	r->in.text = r->d.text;
	r->in.len = r->d.len;
	r->in.paras = r->d.paras;
	r->in.nparas = r->d.nparas;
	analysis_free(r->an);
	r->an = NULL;
}

void
reading_analyse(struct reading *r, const volatile sig_atomic_t *cancel)
{
	if (r->an != NULL)
		return;
	r->in.cancel = cancel;
	r->an = analysis_run(&r->in);
}

bool
reading_open(struct reading *r, const char *path, const char **why)
{
	if (!reading_load(r, path, ARTICLE_LOAD_FULL, why))
		return false;
	reading_layout(r);
	reading_analyse(r, NULL);
	return true;
}

void
reading_free(struct reading *r)
{
	analysis_free(r->an);
	free(r->in_people);
	free(r->in_images);
	if (r->laid_out)
		doc_free(&r->d);
	article_free(&r->a);
	memset(r, 0, sizeof *r);
}
