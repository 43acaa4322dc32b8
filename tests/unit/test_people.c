/*
 * test_people.c: who counts as a person. Titles, roles, given names,
 * appositions and reporting verbs make one; organisations, places, months,
 * publications, works and credits' agencies do not. Surnames and aliases
 * count as mentions of the full name; captions and credits too.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "analysis.h"
#include "para.h"
#include "util.h"

/* Analyse text (no front matter) with images; the caller frees both. */
static struct analysis *
run(const char *text, const struct an_image_in *im, size_t ni, struct span **paras)
{
	struct an_input in;

	memset(&in, 0, sizeof in);
	in.text = text;
	in.len = strlen(text);
	in.nparas = para_split(text, in.len, paras);
	in.paras = *paras;
	in.images = im;
	in.nimages = ni;
	return analysis_run(&in);
}

/* Index of name in an's people, or -1. */
static int
find(const struct analysis *an, const char *name)
{
	size_t i;

	for (i = 0; i < an->npeople; i++)
		if (strcmp(an->people[i].name, name) == 0)
			return (int)i;
	return -1;
}

/* The people of text are exactly want[] (NULL-terminated). */
static struct analysis *
expect(const char *text, const char *const *want, struct span **paras)
{
	struct analysis *an = run(text, NULL, 0, paras);
	size_t n = 0, i;

	while (want[n] != NULL)
		n++;
	for (i = 0; i < an->npeople; i++)
		print_message("  person: %s | %s | %zu\n", an->people[i].name,
		    an->people[i].role != NULL ? an->people[i].role : "", an->people[i].nmentions);
	for (i = 0; i < n; i++) {
		if (find(an, want[i]) < 0)
			print_error("missing: %s\n", want[i]);
		assert_true(find(an, want[i]) >= 0);
	}
	assert_int_equal(an->npeople, n);
	return an;
}

#define L(...) ((const char *const[]){ __VA_ARGS__, NULL })
#define NONE ((const char *const[]){ NULL })

/* Check and free. */
static void
check(const char *text, const char *const *want)
{
	struct span *p;
	struct analysis *an = expect(text, want, &p);

	analysis_free(an);
	free(p);
}

static void
test_titles_and_roles(void **state)
{
	struct span *p;
	struct analysis *an;

	(void)state;
	an = expect("Secretary of State Antony Blinken met Ukrainian President Volodymyr Zelensky "
	    "and Minister of Education Stefania Giannini. Blinken left first.\n",
	    L("Antony Blinken", "Volodymyr Zelensky", "Stefania Giannini"), &p);
	assert_string_equal(an->people[find(an, "Antony Blinken")].role, "Secretary of State");
	assert_string_equal(an->people[find(an, "Volodymyr Zelensky")].role, "Ukrainian President");
	assert_string_equal(an->people[find(an, "Stefania Giannini")].role, "Minister of Education");
	assert_int_equal(an->people[find(an, "Antony Blinken")].nmentions, 2);
	analysis_free(an);
	free(p);
	check("Dr. Hiroshi Tanaka and Chancellor Ulrike Brandt spoke with Prime Minister Keir "
	    "Starmer.\n", L("Hiroshi Tanaka", "Ulrike Brandt", "Keir Starmer"));
}

/* A lower-case role before, an apposition after or before. */
static void
test_roles_around(void **state)
{
	struct span *p;
	struct analysis *an;

	(void)state;
	an = expect("The book was drawn by illustrator Tamsin Okoro. Kofi Mensah, the festival's "
	    "director, opened it. The mayor of the city, Ugo Ferretti, spoke.\n",
	    L("Tamsin Okoro", "Kofi Mensah", "Ugo Ferretti"), &p);
	assert_string_equal(an->people[find(an, "Tamsin Okoro")].role, "illustrator");
	assert_string_equal(an->people[find(an, "Kofi Mensah")].role, "festival's director");
	assert_string_equal(an->people[find(an, "Ugo Ferretti")].role, "mayor of the city");
	analysis_free(an);
	free(p);
}

/* A name next to a reporting verb, with a given name the engine does not know. */
static void
test_reporting_verb(void **state)
{
	(void)state;
	check("\"We are ready,\" said Tuilagi Faleolo. Faleolo left.\n", L("Tuilagi Faleolo"));
	check("Ngozi Adichie told the meeting it was over.\n", L("Ngozi Adichie"));
}

/* Organisations, places, months, publications and works are not people. */
static void
test_not_people(void **state)
{
	(void)state;
	check("The State Department, the Park Hyatt in Melbourne, Australia, Getty Images, "
	    "Newsweek and the Quad Foreign Ministers were all there in February.\n", NONE);
	check("Microsoft says the World Health Organization and the Red Cross met at the Hyatt "
	    "Regency. New Zealand and South Africa sent teams to Buenos Aires.\n", NONE);
	check("He read the novel Angel Catbird while Hurricane Katrina raged, then saw the film "
	    "Jackie Brown at the Chiang Kai Shek Memorial Hall Station.\n", NONE);
	check("In Bruce Wayne's manor the players wait.\n", NONE);
	check("Internet Explorer and Google Chrome lost users to Mozilla Firefox.\n", NONE);
	/* a title and what it is of, a title in capitals, a place named after someone */
	check("The Archbishop of Canterbury met the Chief Medical Officer on Victoria Street, "
	    "near the King Edward VII Bridge.\n", NONE);
}

/* Surnames, possessives and "the X administration" count for the full name. */
static void
test_mentions(void **state)
{
	struct span *p;
	struct analysis *an;
	int k;

	(void)state;
	an = expect("Actor Mark Hamill arrived. Hamill's schedule was full, and Hamill left at "
	    "noon. The Hamill family waved.\n", L("Mark Hamill"), &p);
	k = find(an, "Mark Hamill");
	assert_int_equal(an->people[k].nmentions, 4);
	assert_int_equal(an->mentions[1].person, k);
	/* the span of a possessive mention leaves out the 's */
	assert_int_equal(an->mentions[1].end - an->mentions[1].start, 6);
	analysis_free(an);
	free(p);
	check("The Biden administration acted; the Labour government and the Thai government did "
	    "not.\n", L("Biden"));
}

/* Credits name photographers; agencies are not people. */
static void
test_credits(void **state)
{
	static const struct an_image_in im[] = {
		{ "Minister Speaks", "Minister Ana Costa in Lisbon.", "Darrian Traynor/Getty Images" },
		{ NULL, "Crowds at the gate. Image: Nick Moreau.", NULL },
		{ NULL, "The harbour at dusk.", "AFP/Getty Images" },
		{ NULL, "Fans outside.", "Friedrichstrasse" },
	};
	struct span *p;
	struct analysis *an;
	int t, m, c;

	(void)state;
	an = run("Minister Ana Costa opened the port. Costa smiled.\n", im, 4, &p);
	assert_int_equal(an->npeople, 3);
	t = find(an, "Darrian Traynor");
	m = find(an, "Nick Moreau");
	c = find(an, "Ana Costa");
	assert_true(t >= 0 && m >= 0 && c >= 0);
	assert_string_equal(an->people[t].role, "photographer");
	assert_string_equal(an->people[m].role, "photographer");
	assert_int_equal(an->people[c].nmentions, 3);	/* twice in the body, once in a caption */
	assert_int_equal(an->ncaptions, 4);
	assert_int_equal(an->captions[0].npeople, 2);
	assert_int_equal(an->captions[1].npeople, 1);
	assert_int_equal(an->captions[1].people[0], m);
	assert_int_equal(an->captions[2].npeople, 0);
	assert_int_equal(an->captions[3].npeople, 0);
	analysis_free(an);
	free(p);
}

/* Non-ASCII, hyphenated, particles, initials, East Asian order. */
static void
test_name_shapes(void **state)
{
	(void)state;
	check("Mayor Jos\xC3\xA9 \xC3\x81lvarez-N\xC3\xBA\xC3\xB1" "ez met spokesman Zhang Wei, "
	    "coach Sven van der Linde and author J.R.R. Tolkien's heir Priscilla Tolkien.\n",
	    L("Jos\xC3\xA9 \xC3\x81lvarez-N\xC3\xBA\xC3\xB1" "ez", "Zhang Wei", "Sven van der Linde",
	    "J.R.R. Tolkien", "Priscilla Tolkien"));
}

/* Front matter people are authoritative; aliases count as mentions. */
static void
test_frontmatter(void **state)
{
	static const char *const al[] = { "the chancellor", "Uli" };
	const struct an_person_in people[] = { { "Ulrike Brandt", "Chancellor", al, 2 } };
	static const char text[] = "The chancellor arrived. Uli waved, and Brandt spoke. "
	    "Chancellor Ulrike Brandt left.\n";
	struct an_input in;
	struct span *p;
	struct analysis *an;

	(void)state;
	memset(&in, 0, sizeof in);
	in.text = text;
	in.len = strlen(text);
	in.nparas = para_split(text, in.len, &p);
	in.paras = p;
	in.people = people;
	in.npeople = 1;
	an = analysis_run(&in);
	assert_int_equal(an->npeople, 1);
	assert_true(an->people[0].from_frontmatter);
	assert_string_equal(an->people[0].role, "Chancellor");
	assert_int_equal(an->people[0].nmentions, 4);
	analysis_free(an);
	free(p);
}

/* Names in lists: a role or a person in the list makes each name of it a person. */
static void
test_lists(void **state)
{
	(void)state;
	check("The show has pictures by photographers Lena Holt, Sami Laine and Otto Berg.\n",
	    L("Lena Holt", "Sami Laine", "Otto Berg"));
	check("Shops such as those of Tom Ellery, Fatima Noor and Bill Hargreaves closed.\n",
	    L("Tom Ellery", "Fatima Noor", "Bill Hargreaves"));
	check("The club signed players Luuk de Groot (Ajax) and Rui Patricio Santos (Porto).\n",
	    L("Luuk de Groot", "Rui Patricio Santos"));
	check("Baroness Amos and Lord Patel attended.\n", L("Amos", "Patel"));
	/* places and firms in a list stay what they are */
	check("Offices in Paris, Lagos and New York, and clients such as Goldman Sachs, closed.\n",
	    NONE);
}

/* A name seen only as a possessive is a person's, unless it is a place one is at. */
static void
test_possessives(void **state)
{
	(void)state;
	check("They equalised from Kevin Lee's pass. Maria Fontaine's book came out in May. "
	    "Dunmore led through Callum Reid's header.\n",
	    L("Kevin Lee", "Maria Fontaine", "Callum Reid"));
	check("At Bruce Wayne's manor the guests waited.\n", NONE);
}

/* Play-by-play: who replaced whom, who was brought on, who scored. */
static void
test_play_by_play(void **state)
{
	(void)state;
	check("The visitors changed at the break as Joel Mensah replaced Oskar Lind. Later they "
	    "brought on Tariq Haddad after an hour, and Leo Santos scored.\n",
	    L("Joel Mensah", "Oskar Lind", "Tariq Haddad", "Leo Santos"));
	check("Kiprono pulled away from Ethiopia's Tadesse Bekele. The mayor later met with Amara "
	    "Toure.\n", L("Tadesse Bekele", "Amara Toure"));
}

/* Hyphenated given names, particles joined to names, East Asian names. */
static void
test_name_particles(void **state)
{
	struct span *p;
	struct analysis *an;

	(void)state;
	check("Jean-Luc Moreau, Anna-Lena Schulz and Mary-Kate Olsen were also there.\n",
	    L("Jean-Luc Moreau", "Anna-Lena Schulz", "Mary-Kate Olsen"));
	check("The actor Park Min-jun arrived with keeper Tom De Witt.\n",
	    L("Park Min-jun", "Tom De Witt"));
	an = expect("\"We did nothing wrong,\" said Khalid al-Harbi, the founder. Sheikh Hamad bin "
	    "Khalifa al-Thani agreed, and Maria de la Cruz left.\n",
	    L("Khalid al-Harbi", "Hamad bin Khalifa al-Thani", "Maria de la Cruz"), &p);
	assert_string_equal(an->quotes[0].speaker >= 0 ? an->people[an->quotes[0].speaker].name : "",
	    "Khalid al-Harbi");
	/* the mention covers the whole name, particles and all */
	assert_int_equal(an->people[find(an, "Maria de la Cruz")].nmentions, 1);
	analysis_free(an);
	free(p);
}

/* "founded by", editorial brackets, an organisation written before a name. */
static void
test_name_contexts(void **state)
{
	(void)state;
	check("The charity was founded by Edith Carmody in 1952.\n", L("Edith Carmody"));
	check("\"[Then mayor] Ann Lee promised us a library,\" said one resident.\n", L("Ann Lee"));
	check("Head of the Tenants' Union Maria Diaz told local radio the rules had changed. "
	    "Port Authority Kevin O'Hara agreed.\n", L("Maria Diaz", "Kevin O'Hara"));
	check("Det Insp Gareth Morgan and Cllr Jane Pritchard spoke.\n",
	    L("Gareth Morgan", "Jane Pritchard"));
	check("Liberal Democrat Fiona McAllister came third.\n", L("Fiona McAllister"));
	check("The Archbishop of Canterbury Tunde Okoro preached.\n", L("Tunde Okoro"));
}

/* Two people of one surname stay two; the surname alone goes to the one met last. */
static void
test_surname_clash(void **state)
{
	struct span *p;
	struct analysis *an;

	(void)state;
	an = expect("Raj Mehta runs the firm. His brother Vikram Mehta joined in 2019.\n",
	    L("Raj Mehta", "Vikram Mehta"), &p);
	assert_int_equal(an->people[find(an, "Raj Mehta")].nmentions, 1);
	assert_int_equal(an->people[find(an, "Vikram Mehta")].nmentions, 1);
	analysis_free(an);
	free(p);
}

/* Credits after a label, with the agency or owner written first. */
static void
test_credit_labels(void **state)
{
	static const struct an_image_in im[] = {
		{ NULL, "The mayor opens the fair. Photo: City Hall John Doe", NULL },
		{ NULL, "Fireworks over the river.", "Photo: Harbour Council Priya Shah" },
		{ NULL, "Volunteers at work.", "Courtesy of Anna Kowal" },
	};
	struct span *p;
	struct analysis *an;
	size_t i;

	(void)state;
	an = run("Crowds gathered for the parade.\n", im, 3, &p);
	assert_int_equal(an->npeople, 3);
	for (i = 0; i < an->npeople; i++)
		assert_string_equal(an->people[i].role, "photographer");
	assert_true(find(an, "John Doe") >= 0 && find(an, "Priya Shah") >= 0 &&
	    find(an, "Anna Kowal") >= 0);
	analysis_free(an);
	free(p);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_titles_and_roles),
		cmocka_unit_test(test_roles_around),
		cmocka_unit_test(test_reporting_verb),
		cmocka_unit_test(test_not_people),
		cmocka_unit_test(test_mentions),
		cmocka_unit_test(test_credits),
		cmocka_unit_test(test_name_shapes),
		cmocka_unit_test(test_frontmatter),
		cmocka_unit_test(test_lists),
		cmocka_unit_test(test_possessives),
		cmocka_unit_test(test_play_by_play),
		cmocka_unit_test(test_name_particles),
		cmocka_unit_test(test_name_contexts),
		cmocka_unit_test(test_surname_clash),
		cmocka_unit_test(test_credit_labels),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
