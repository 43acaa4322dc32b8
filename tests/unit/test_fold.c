/* test_fold.c: smart-case, accent-smart matching (fold.h). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "fold.h"

/* Where pattern matches in text first (or SIZE_MAX), and the match's length. */
static size_t
find(const char *pattern, const char *text, size_t *mlen)
{
	struct fold_pat p;
	size_t at, n = 0;

	fold_compile(&p, pattern, strlen(pattern));
	at = fold_find(&p, text, strlen(text), 0, &n);
	fold_free(&p);
	if (mlen != NULL)
		*mlen = n;
	return at;
}

static bool
has(const char *pattern, const char *text)
{
	return find(pattern, text, NULL) != SIZE_MAX;
}

static void
test_case(void **state)
{
	(void)state;
	/* no capital: case is free */
	assert_true(has("nato", "The NATO summit"));
	assert_true(has("blinken", "Antony Blinken said"));
	/* a capital: exact */
	assert_true(has("NATO", "The NATO summit"));
	assert_false(has("NATO", "the nato summit"));
	assert_false(has("Nato", "The NATO summit"));
	assert_false(has("zzz", "The NATO summit"));
}

static void
test_accents(void **state)
{
	(void)state;
	/* the cases: verinay finds Vérinay; vérinay finds VÉRINAY */
	assert_true(has("verinay", "In Vérinay, translators"));
	assert_true(has("verinay", "IN VÉRINAY"));
	assert_true(has("vérinay", "IN VÉRINAY"));
	assert_true(has("vérinay", "In Vérinay"));
	/* an accent in the pattern: accents are exact, case still free */
	assert_false(has("vérinay", "In Verinay"));
	assert_false(has("véri", "In Vèrinay"));
	/* a capital and an accent: both exact */
	assert_true(has("VÉR", "IN VÉRINAY"));
	assert_false(has("VÉR", "In Vérinay"));
	assert_false(has("VÉR", "IN VERINAY"));
	/* a capital without accent: case exact, accents free */
	assert_true(has("Verinay", "In Vérinay"));
	assert_false(has("Verinay", "in vérinay"));
	/* other scripts and full case folding */
	assert_true(has("strasse", "Die STRAẞE"));
	assert_true(has("ελλάδα", "ΕΛΛΆΔΑ"));
	assert_true(has("zurich", "Zürich"));
}

static void
test_lengths(void **state)
{
	size_t n;

	(void)state;
	/* the match covers the bytes of the text, not of the pattern */
	assert_int_equal(find("verinay", "In Vérinay,", &n), 3);
	assert_int_equal(n, strlen("Vérinay"));
	/* a decomposed accent (e + U+0301) is the same as the precomposed one */
	assert_int_equal(find("vérinay", "V" "e\xcc\x81" "rinay", &n), 0);
	assert_int_equal(n, 9);
	assert_int_equal(find("verinay", "V" "e\xcc\x81" "rinay", &n), 0);
	assert_int_equal(n, 9);
	/* the marks after the last letter belong to the match */
	assert_int_equal(find("cafe", "un cafe\xcc\x81!", &n), 3);
	assert_int_equal(n, 6);
	/* "ss" in the pattern against one ß in the text */
	assert_int_equal(find("strasse", "Straße", &n), 0);
	assert_int_equal(n, strlen("Straße"));
	/* a pattern that ends inside a character's folding does not match it */
	assert_int_equal(find("stras", "Straße", &n), SIZE_MAX);
}

static void
test_back_and_from(void **state)
{
	struct fold_pat p;
	const char *t = "Vérinay and VERINAY and verinay";
	size_t n, at;

	(void)state;
	fold_compile(&p, "verinay", 7);
	at = fold_find(&p, t, strlen(t), 0, &n);
	assert_int_equal(at, 0);
	/* from inside the first match's first character: moved to the next one */
	at = fold_find(&p, t, strlen(t), 1, &n);
	assert_int_equal(at, strlen("Vérinay and "));
	at = fold_find_back(&p, t, strlen(t), strlen(t), &n);
	assert_int_equal(at, strlen(t) - 7);
	at = fold_find_back(&p, t, strlen(t), strlen(t) - 7, &n);
	assert_int_equal(at, strlen("Vérinay and "));
	at = fold_find_back(&p, t, strlen(t), 0, &n);
	assert_int_equal(at, SIZE_MAX);
	assert_true(fold_contains(&p, t));
	assert_false(fold_contains(&p, NULL));
	fold_free(&p);
	/* an empty pattern matches nowhere */
	fold_compile(&p, "", 0);
	assert_int_equal(fold_find(&p, t, strlen(t), 0, &n), SIZE_MAX);
	fold_free(&p);
}

static void
test_hostile(void **state)
{
	static char big[1 << 16];
	size_t n;

	(void)state;
	/* invalid UTF-8 reads as U+FFFD and never stops the scan */
	assert_true(has("ok", "\xff\xfe\xc3 ok"));
	assert_true(has("\xef\xbf\xbd", "a\xff" "b"));
	/* a long run of marks: linear, and never the start of a match */
	memset(big, 0, sizeof big);
	for (n = 0; n + 2 < sizeof big - 8; n += 2)
		memcpy(big + n, "\xcc\x81", 2);
	memcpy(big + n, "e", 2);
	assert_int_equal(find("e", big, &n), strlen(big) - 1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_case),
		cmocka_unit_test(test_accents),
		cmocka_unit_test(test_lengths),
		cmocka_unit_test(test_back_and_from),
		cmocka_unit_test(test_hostile),
	};

	return cmocka_run_group_tests_name("fold", tests, NULL, NULL);
}
