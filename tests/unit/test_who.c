/* test_who.c: one person across articles: same name, accents, aliases, surnames that clash. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "digest.h"
#include "utf8.h"
#include "who.h"

/* A person for an article: name, role (or NULL), mentions, quotes, aliases (NULL-ended). */
struct p {
	const char	*name, *role;
	uint32_t	 mentions, quotes;
	const char	*aliases[4];
};

/* Add an article of people ps (n of them) dated sortkey to b. */
static void
add(struct who_builder *b, uint32_t art, int64_t sortkey, const struct p *ps, size_t n)
{
	struct digest d;
	size_t i, k;

	memset(&d, 0, sizeof d);
	d.people = calloc(n + 1, sizeof *d.people);
	d.aliases = calloc(16, sizeof *d.aliases);
	for (i = 0; i < n; i++) {
		d.people[i].name = ps[i].name;
		d.people[i].role = ps[i].role;
		d.people[i].nmentions = ps[i].mentions;
		d.people[i].nquotes = ps[i].quotes;
		d.people[i].alias0 = (uint32_t)d.naliases;
		for (k = 0; ps[i].aliases[k] != NULL; k++)
			d.aliases[d.naliases++] = ps[i].aliases[k];
		d.people[i].naliases = (uint32_t)k;
	}
	d.npeople = n;
	who_add(b, art, sortkey, &d);
	free(d.people);
	free(d.aliases);
}

/* The person shown as name, or NULL. */
static const struct who_person *
person(const struct who *w, const char *name)
{
	size_t i;

	for (i = 0; i < w->n; i++)
		if (strcmp(w->v[i].name, name) == 0)
			return &w->v[i];
	return NULL;
}

static void
test_same_name(void **state)
{
	struct who_builder *b = who_begin();
	const struct p a1[] = { { "Ann Lee", "Mayor", 3, 1, { NULL } },
	    { "Tom Ward", NULL, 1, 0, { NULL } } };
	const struct p a2[] = { { "Ann Lee", "Mayor", 2, 2, { NULL } } };
	struct who *w;
	const struct who_person *p;

	(void)state;
	add(b, 0, 100, a1, 2);
	add(b, 1, 200, a2, 1);
	w = who_end(b);
	assert_int_equal(w->n, 2);
	p = person(w, "Ann Lee");
	assert_non_null(p);
	assert_int_equal(p->narticles, 2);
	assert_int_equal(p->nmentions, 5);
	assert_int_equal(p->nquotes, 3);
	assert_string_equal(p->role, "Mayor");
	assert_int_equal(p->count, 2);
	assert_int_equal(w->apps[p->first].article, 0);
	assert_int_equal(w->apps[p->first + 1].article, 1);
	who_sort(w, WHO_BY_QUOTES);
	assert_string_equal(w->v[0].name, "Ann Lee");
	who_sort(w, WHO_BY_NAME);
	assert_string_equal(w->v[0].name, "Ann Lee");
	assert_string_equal(w->v[1].name, "Tom Ward");
	who_free(w);
}

static void
test_accents_and_case(void **state)
{
	struct who_builder *b = who_begin();
	const struct p a1[] = { { "José Ramos", NULL, 1, 0, { NULL } } };
	const struct p a2[] = { { "JOSE RAMOS", NULL, 1, 0, { NULL } } };
	const struct p a3[] = { { "Jose\xc2\xa0 Ramos", NULL, 1, 0, { NULL } } };
	const struct p a4[] = { { "José Ramos", NULL, 1, 1, { NULL } } };
	struct who *w;
	struct buf f = BUF_INIT;
	size_t *m, n;

	(void)state;
	add(b, 0, 1, a1, 1);
	add(b, 1, 2, a2, 1);
	add(b, 2, 3, a3, 1);
	add(b, 3, 4, a4, 1);
	w = who_end(b);
	assert_int_equal(w->n, 1);
	assert_int_equal(w->v[0].narticles, 4);
	/* the spelling most used is shown */
	assert_string_equal(w->v[0].name, "José Ramos");
	n = who_match(w, "jose ramos", &m);
	assert_int_equal(n, 1);
	free(m);
	n = who_match(w, "RAMOS", &m);
	assert_int_equal(n, 1);
	free(m);
	utf8_fold("Ñúñez  O\xe2\x80\x99""Brien J.K.", strlen("Ñúñez  O\xe2\x80\x99""Brien J.K."), &f);
	assert_string_equal(f.data, "nunez o'brien j k");
	buf_free(&f);
	who_free(w);
}

static void
test_alias(void **state)
{
	struct who_builder *b = who_begin();
	/* an alias that is a name joins; "the mayor" does not */
	const struct p a1[] = { { "Robert Lee", "Mayor of Aldbury", 2, 1,
	    { "Bob Lee", "the mayor", NULL } } };
	const struct p a2[] = { { "Bob Lee", "Mayor of Aldbury", 1, 1, { NULL } } };
	const struct p a3[] = { { "Gina Moss", "Mayor of Caldwick", 1, 0,
	    { "the mayor", "Mayor Moss", NULL } } };
	/* "Mayor Moss" is another Moss here: the alias ties no one */
	const struct p a4[] = { { "Ken Moss", "Mayor of Dunholm", 1, 0, { "Mayor Moss", NULL } } };
	struct who *w;
	const struct who_person *p;
	size_t *m, n;

	(void)state;
	add(b, 0, 10, a1, 1);
	add(b, 1, 20, a2, 1);
	add(b, 2, 30, a3, 1);
	add(b, 3, 40, a4, 1);
	w = who_end(b);
	assert_int_equal(w->n, 3);
	/* one article each: the latest spelling */
	p = person(w, "Bob Lee");
	assert_non_null(p);
	assert_int_equal(p->narticles, 2);
	assert_int_equal(p->nquotes, 2);
	n = who_match(w, "Robert Lee", &m);
	assert_int_equal(n, 1);
	assert_string_equal(w->v[m[0]].name, "Bob Lee");
	free(m);
	n = who_match(w, "bob lee", &m);
	assert_int_equal(n, 1);
	free(m);
	assert_non_null(person(w, "Gina Moss"));
	assert_non_null(person(w, "Ken Moss"));
	who_free(w);
}

static void
test_surname_clash(void **state)
{
	struct who_builder *b = who_begin();
	const struct p a1[] = { { "Ann Johnson", "Judge", 2, 1, { NULL } } };
	const struct p a2[] = { { "Bob Johnson", "Coach", 2, 1, { NULL } } };
	const struct p a3[] = { { "Johnson", NULL, 1, 1, { NULL } } };
	/* inside its own article, "Mr Johnson" is the one Johnson there */
	const struct p a4[] = { { "Bob Johnson", "Coach", 1, 0, { NULL } },
	    { "Mr Johnson", NULL, 1, 2, { NULL } } };
	struct who *w;
	const struct who_person *p;
	size_t *m, n;

	(void)state;
	add(b, 0, 1, a1, 1);
	add(b, 1, 2, a2, 1);
	add(b, 2, 3, a3, 1);
	add(b, 3, 4, a4, 2);
	w = who_end(b);
	assert_int_equal(w->n, 3);
	p = person(w, "Bob Johnson");
	assert_non_null(p);
	assert_int_equal(p->narticles, 2);
	assert_int_equal(p->nquotes, 3);
	assert_non_null(person(w, "Ann Johnson"));
	assert_non_null(person(w, "Johnson"));	/* the lone one stays apart */
	n = who_match(w, "Johnson", &m);
	assert_int_equal(n, 3);
	free(m);
	n = who_match(w, "Ann Johnson", &m);
	assert_int_equal(n, 1);
	free(m);
	n = who_match(w, "Nobody", &m);
	assert_int_equal(n, 0);
	free(m);
	who_free(w);
}

static void
test_surname_one_and_tied(void **state)
{
	struct who_builder *b = who_begin();
	const struct p a1[] = { { "Ann Johnson", NULL, 1, 0, { NULL } } };
	const struct p a2[] = { { "Johnson", NULL, 1, 1, { NULL } } };
	const struct p a3[] = { { "Annie Johnson", NULL, 1, 0, { NULL } } };
	/* this article ties the two Johnsons together */
	const struct p a4[] = { { "Ann Johnson", NULL, 1, 0, { "Annie Johnson", NULL } } };
	struct who *w;

	(void)state;
	add(b, 0, 1, a1, 1);
	add(b, 1, 2, a2, 1);
	add(b, 2, 3, a3, 1);
	add(b, 3, 4, a4, 1);
	w = who_end(b);
	assert_int_equal(w->n, 1);
	assert_int_equal(w->v[0].narticles, 4);
	assert_string_equal(w->v[0].name, "Ann Johnson");
	who_free(w);
}

static void
test_role(void **state)
{
	struct who_builder *b = who_begin();
	const struct p a1[] = { { "Kim Sato", "Minister", 1, 0, { NULL } } };
	const struct p a2[] = { { "Kim Sato", "minister", 1, 0, { NULL } } };
	const struct p a3[] = { { "Kim Sato", "Prime Minister", 1, 0, { NULL } } };
	const struct p a4[] = { { "Kim Sato", "Prime minister", 1, 0, { NULL } } };
	const struct p a5[] = { { "Kim Sato", NULL, 1, 0, { NULL } } };
	struct who *w;

	(void)state;
	/* two and two: the latest wins, in its own spelling; no role does not count */
	add(b, 0, 10, a1, 1);
	add(b, 1, 20, a2, 1);
	add(b, 2, 40, a3, 1);
	add(b, 3, 30, a4, 1);
	add(b, 4, 50, a5, 1);
	w = who_end(b);
	assert_int_equal(w->n, 1);
	assert_string_equal(w->v[0].role, "Prime Minister");
	who_free(w);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_same_name),
		cmocka_unit_test(test_accents_and_case),
		cmocka_unit_test(test_alias),
		cmocka_unit_test(test_surname_clash),
		cmocka_unit_test(test_surname_one_and_tied),
		cmocka_unit_test(test_role),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
