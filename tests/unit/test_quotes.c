/*
 * test_quotes.c: finding quotations by their marks: every kind of mark,
 * apostrophes that must not open anything, the multi-paragraph convention,
 * unbalanced marks, fragments, spans and the printed quote text.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "an-fixture.h"

/* The exact bytes between the marks of quote i. */
static char *
inner(const struct fx *f, size_t i)
{
	const struct an_quote *q = &f->an->quotes[i];

	return xstrndup(f->in.text + q->inner_start, q->inner_end - q->inner_start);
}

/* Text has exactly the quotes want[] (printed text), in order. */
static void
expect(const char *text, const char *const *want)
{
	struct fx f;
	size_t n = 0, i;

	while (want[n] != NULL)
		n++;
	fx_run(&f, text);
	if (f.an->nquotes != n)
		for (i = 0; i < f.an->nquotes; i++)
			print_message("  got: %s\n", qtext(&f, i));
	assert_int_equal(f.an->nquotes, n);
	for (i = 0; i < n; i++)
		assert_string_equal(qtext(&f, i), want[i]);
	fx_free(&f);
}

#define L(...) ((const char *const[]){ __VA_ARGS__, NULL })
#define NONE ((const char *const[]){ NULL })

static void
test_straight(void **state)
{
	(void)state;
	expect("\"We will win this,\" she said. \"All of it.\"",
	    L("We will win this,", "All of it."));
}

static void
test_curly(void **state)
{
	(void)state;
	expect("\xE2\x80\x9CWe will win this,\xE2\x80\x9D she said.", L("We will win this,"));
}

static void
test_guillemets_and_low_high(void **state)
{
	(void)state;
	expect("Il a dit : \xC2\xAB Nous gagnerons tous ensemble \xC2\xBB hier.",
	    L("Nous gagnerons tous ensemble"));
	expect("Er sagte: \xE2\x80\x9EWir schaffen das zusammen.\xE2\x80\x9C",
	    L("Wir schaffen das zusammen."));
	expect("Er sagte: \xC2\xBBWir schaffen das zusammen.\xC2\xAB", L("Wir schaffen das zusammen."));
}

/* Single quotes inside double ones are part of the outer quotation. */
static void
test_nested_single(void **state)
{
	(void)state;
	expect("\"He told me 'never again' and left the room,\" she said.",
	    L("He told me 'never again' and left the room,"));
	expect("\xE2\x80\x9CHe told me \xE2\x80\x98never again\xE2\x80\x99 and left,\xE2\x80\x9D "
	    "she said.", L("He told me \xE2\x80\x98never again\xE2\x80\x99 and left,"));
	/* a nested double quotation in another kind of marks */
	expect("\xE2\x80\x9CThey shouted \"stop\" at us twice,\xE2\x80\x9D she said.",
	    L("They shouted \"stop\" at us twice,"));
}

/* Apostrophes never open quotations. */
static void
test_apostrophes(void **state)
{
	(void)state;
	expect("I don't think NATO's plan for the '90s or rock 'n' roll is the players' union's "
	    "idea, and Jones' view isn't either.", NONE);
	expect("It\xE2\x80\x99s the town\xE2\x80\x99s plan for the \xE2\x80\x99" "90s, isn\xE2\x80\x99t "
	    "it?", NONE);
	expect("O'Brien's dog and the Smiths' cat 'em all.", NONE);
	/* inches and feet */
	expect("He is 6'2\" and the screen is 55\" wide.", NONE);
}

/* Top-level single quotes (headlines, British style) do count. */
static void
test_single_top_level(void **state)
{
	(void)state;
	expect("'We will defend every inch,' he said.", L("We will defend every inch,"));
	expect("\xE2\x80\x98We will not give up\xE2\x80\x99, says nurse", L("We will not give up"));
}

/* The newspaper convention: one quotation over several paragraphs. */
static void
test_multi_paragraph(void **state)
{
	static const char text[] =
		"He said: \"The first part ends here.\n"
		"\n"
		"\"The second part goes on.\n"
		"\n"
		"\"And the third one closes.\"\n"
		"\n"
		"Then he left.\n";
	struct fx f;

	(void)state;
	fx_run(&f, text);
	assert_int_equal(f.an->nquotes, 1);
	assert_int_equal(f.an->quotes[0].para, 0);
	assert_int_equal(f.an->quotes[0].para_last, 2);
	assert_string_equal(qtext(&f, 0),
	    "The first part ends here. The second part goes on. And the third one closes.");
	fx_free(&f);
	/* curly marks too */
	expect("\xE2\x80\x9C" "First part.\n\n\xE2\x80\x9CSecond part.\xE2\x80\x9D he said.",
	    L("First part. Second part."));
}

/* An unbalanced mark never swallows more than its paragraph. */
static void
test_unbalanced(void **state)
{
	static const char text[] =
		"The \"report was late and nobody knew why.\n"
		"\n"
		"The minister said nothing on Monday.\n"
		"\n"
		"\"Then we wait,\" she said.\n";
	struct fx f;

	(void)state;
	fx_run(&f, text);
	assert_int_equal(f.an->nquotes, 2);
	assert_int_equal(f.an->quotes[0].para, 0);
	assert_int_equal(f.an->quotes[0].para_last, 0);
	assert_true(f.an->quotes[0].end <= f.in.paras[0].end);
	assert_string_equal(qtext(&f, 0), "report was late and nobody knew why.");
	assert_string_equal(qtext(&f, 1), "Then we wait,");
	fx_free(&f);
	/* a stray closing mark opens nothing */
	expect("He is done.\" Then he left.", NONE);
}

/* An opening mark glued to the comma before it still opens. */
static void
test_glued_mark(void **state)
{
	(void)state;
	expect("He said kits would be ready for schools,\" For example, schools can vote\".",
	    L("For example, schools can vote"));
}

/* Fewer than three words make a fragment; spans with and without marks. */
static void
test_fragments_and_spans(void **state)
{
	static const char text[] = "It is \"ready\" and \"almost ready\" but \xE2\x80\x9Cnot quite ready yet\xE2\x80\x9D.";
	struct fx f;
	char *s;

	(void)state;
	fx_run(&f, text);
	assert_int_equal(f.an->nquotes, 3);
	assert_true(f.an->quotes[0].fragment);
	assert_true(f.an->quotes[1].fragment);
	assert_false(f.an->quotes[2].fragment);
	assert_int_equal(f.an->quotes[0].start, 6);
	assert_int_equal(f.an->quotes[0].end, 13);
	assert_int_equal(f.an->quotes[0].inner_start, 7);
	assert_int_equal(f.an->quotes[0].inner_end, 12);
	s = inner(&f, 2);
	assert_string_equal(s, "not quite ready yet");
	free(s);
	assert_memory_equal(text + f.an->quotes[2].start, "\xE2\x80\x9C", 3);
	assert_memory_equal(text + f.an->quotes[2].end - 3, "\xE2\x80\x9D", 3);
	fx_free(&f);
}

/* Whitespace is folded; empty marks are no quotation. */
static void
test_text_folding(void **state)
{
	(void)state;
	expect("\"  Lots   of\n\tspace  here  \" and \"\" and \" \".", L("Lots of space here"));
}

/* Paragraph indexes follow the caller's paragraphs. */
static void
test_paragraph_index(void **state)
{
	(void)state;
	{
		struct fx f;

		fx_run(&f, "One.\n\nTwo \"is a quote here\".\n\nThree \"and one more here\".\n");
		assert_int_equal(f.an->nquotes, 2);
		assert_int_equal(f.an->quotes[0].para, 1);
		assert_int_equal(f.an->quotes[1].para, 2);
		fx_free(&f);
	}
}

/* White space folds in the printed quote; a control character stays for its placeholder. */
static void
test_text_keeps_controls(void **state)
{
	struct fx f;

	(void)state;
	fx_run(&f, "\"Say \x1b[2J  this\tnow,\" Jane Doe said.\n");
	assert_int_equal(f.an->nquotes, 1);
	assert_string_equal(qtext(&f, 0), "Say \x1b[2J this now,");
	fx_free(&f);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_text_keeps_controls),
		cmocka_unit_test(test_straight),
		cmocka_unit_test(test_curly),
		cmocka_unit_test(test_guillemets_and_low_high),
		cmocka_unit_test(test_nested_single),
		cmocka_unit_test(test_apostrophes),
		cmocka_unit_test(test_single_top_level),
		cmocka_unit_test(test_multi_paragraph),
		cmocka_unit_test(test_unbalanced),
		cmocka_unit_test(test_glued_mark),
		cmocka_unit_test(test_fragments_and_spans),
		cmocka_unit_test(test_text_folding),
		cmocka_unit_test(test_paragraph_index),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
