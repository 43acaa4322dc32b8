/* test_prefs.c: the reader's remembered choices beside the read marks. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "prefs.h"
#include "tmpdir.h"
#include "util.h"

static char root[TMPDIR_SIZE];

static int
setup(void **state)
{
	(void)state;
	return tmpdir_make(root, "prefs");
}

static int
teardown(void **state)
{
	(void)state;
	return tmpdir_remove(root);
}

/* The whole file as a string the caller frees. */
static char *
slurp(const char *path)
{
	FILE *f = fopen(path, "rb");
	char *s = xcalloc(4096, 1);

	assert_non_null(f);
	assert_true(fread(s, 1, 4095, f) < 4095);
	fclose(f);
	return s;
}

static void
test_path(void **state)
{
	char *p;

	(void)state;
	p = prefs_path("/home/u/.local/state/byline/read");
	assert_string_equal(p, "/home/u/.local/state/byline/view");
	free(p);
	p = prefs_path("marks");
	assert_string_equal(p, "view");
	free(p);
}

static void
test_set_get(void **state)
{
	char *state_path = xasprintf("%s/state/deeper/read", root);
	char *path = prefs_path(state_path), *v, *cause = NULL, *text;
	struct stat st;

	(void)state;
	/* nothing yet: unset, and no folder needed to read */
	assert_null(prefs_get(path, "sort"));
	/* set makes the folders and the file, private */
	assert_int_equal(prefs_set(path, "sort", "title", &cause), 0);
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0600);
	v = prefs_get(path, "sort");
	assert_string_equal(v, "title");
	free(v);
	/* another key is kept beside it; setting again replaces the line */
	assert_int_equal(prefs_set(path, "other", "x", &cause), 0);
	assert_int_equal(prefs_set(path, "sort", "unread", &cause), 0);
	text = slurp(path);
	assert_string_equal(text, "sort unread\nother x\n");
	free(text);
	/* a key that is a prefix of another is not it */
	v = prefs_get(path, "so");
	assert_null(v);
	free(path);
	free(state_path);
}

static void
test_bad_file(void **state)
{
	char *path = xasprintf("%s/view-bad", root), *v, *cause = NULL;
	FILE *f = fopen(path, "w");

	(void)state;
	assert_non_null(f);
	fputs("garbage without a newline\x01\nsort   \nsort date", f);
	fclose(f);
	/* "sort   " has an empty value; the last line has no newline: still read */
	v = prefs_get(path, "sort");
	assert_non_null(v);
	assert_string_equal(v, "");
	free(v);
	/* a folder in the way: an error with the path, never a crash */
	free(path);
	path = xasprintf("%s/view-bad/sub/view", root);
	assert_int_equal(prefs_set(path, "sort", "date", &cause), -1);
	assert_non_null(cause);
	assert_non_null(strstr(cause, "view-bad"));
	free(cause);
	free(path);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_path),
		cmocka_unit_test(test_set_get),
		cmocka_unit_test(test_bad_file),
	};

	return cmocka_run_group_tests_name("prefs", tests, setup, teardown);
}
