/*
 * test_fuzz_regressions.c: replay what the fuzzers found, and their seeds.
 *
 * The libFuzzer targets of tests/fuzz/ are compiled into this program
 * (each LLVMFuzzerTestOneInput renamed), with the project's compiler and
 * flags, and every file of tests/fuzz/regressions/TARGET/ and
 * tests/fuzz/corpus/TARGET/ is fed to its target. A crash ends the program
 * (tests/run counts it); the targets' own checks (fuzz-common.h) that fail
 * are gathered, every file is still replayed, and the test fails naming
 * each file and check. Under "make check-asan" this is the
 * sanitizers' replay of every input that ever broke something.
 *
 * The folder is found from $BYLINE_FUZZ_DIR, else from this file's path as
 * compiled (tests/unit/...), else ./tests/fuzz.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "util.h"

static char fz_current[4096];
static char fz_why[256];
static jmp_buf fz_jump;

/* A failed check ends this input (what it allocated is left behind). */
#define FUZZ_FAIL(msg) do { \
	snprintf(fz_why, sizeof fz_why, "%s", (msg)); \
	longjmp(fz_jump, 1); \
} while (0)

#define LLVMFuzzerTestOneInput fuzz_article_one
#include "../fuzz/fuzz_article.c"
#undef LLVMFuzzerTestOneInput
#define LLVMFuzzerTestOneInput fuzz_analysis_one
#include "../fuzz/fuzz_analysis.c"
#undef LLVMFuzzerTestOneInput
#define LLVMFuzzerTestOneInput fuzz_wrap_one
#include "../fuzz/fuzz_wrap.c"
#undef LLVMFuzzerTestOneInput
#define LLVMFuzzerTestOneInput fuzz_readstate_one
#include "../fuzz/fuzz_readstate.c"
#undef LLVMFuzzerTestOneInput
#define LLVMFuzzerTestOneInput fuzz_html_one
#include "../fuzz/fuzz_html.c"
#undef LLVMFuzzerTestOneInput
#define LLVMFuzzerTestOneInput fuzz_feed_one
#include "../fuzz/fuzz_feed.c"
#undef LLVMFuzzerTestOneInput
#define LLVMFuzzerTestOneInput fuzz_digest_one
#include "../fuzz/fuzz_digest.c"
#undef LLVMFuzzerTestOneInput

typedef int (*fuzz_fn)(const uint8_t *, size_t);

/* The tests/fuzz folder; the caller frees it. */
static char *
fuzz_dir(void)
{
	const char *env = getenv("BYLINE_FUZZ_DIR"), *file = __FILE__, *slash;
	struct stat st;
	char *d;

	if (env != NULL && env[0] != '\0')
		return xstrdup(env);
	slash = strrchr(file, '/');
	if (slash != NULL) {
		d = xasprintf("%.*s/../fuzz", (int)(slash - file), file);
		if (stat(d, &st) == 0 && S_ISDIR(st.st_mode))
			return d;
		free(d);
	}
	return xstrdup("tests/fuzz");
}

static int
cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* fn(data, len): 0, or -1 when one of its checks failed (fz_why says which). */
static int
run_one(fuzz_fn fn, const uint8_t *data, size_t len)
{
	if (setjmp(fz_jump) != 0)
		return -1;
	if (fn(data, len) != 0)
		fail_msg("%s: the target returned non-zero", fz_current);
	return 0;
}

/*
 * Feed every file of DIR/sub/target to fn; returns how many (0 if no
 * folder). Failed checks are appended to *failures, one line each.
 */
static size_t
replay(const char *sub, const char *target, fuzz_fn fn, struct buf *failures)
{
	char *root = fuzz_dir(), *dir = xasprintf("%s/%s/%s", root, sub, target);
	char **names = NULL;
	size_t n = 0, cap = 0, i, count = 0;
	struct dirent *de;
	DIR *dp = opendir(dir);

	if (dp != NULL) {
		while ((de = readdir(dp)) != NULL) {
			if (de->d_name[0] == '.')
				continue;
			ARRAY_GROW(names, n + 1, cap);
			names[n++] = xstrdup(de->d_name);
		}
		closedir(dp);
	}
	if (n > 0)
		qsort(names, n, sizeof *names, cmp_names);
	for (i = 0; i < n; i++) {
		struct buf b = BUF_INIT;
		char chunk[65536];
		uint8_t *data;
		size_t r;
		FILE *f;

		snprintf(fz_current, sizeof fz_current, "%s/%s", dir, names[i]);
		f = fopen(fz_current, "rb");
		if (f == NULL)
			fail_msg("cannot open %s", fz_current);
		while ((r = fread(chunk, 1, sizeof chunk, f)) > 0)
			buf_add(&b, chunk, r);
		fclose(f);
		/* the exact bytes, in a block of their own size */
		data = malloc(b.len > 0 ? b.len : 1);
		assert_non_null(data);
		if (b.len > 0)
			memcpy(data, b.data, b.len);
		if (run_one(fn, data, b.len) < 0)
			buf_printf(failures, "%s: %s\n", fz_current, fz_why);
		free(data);
		buf_free(&b);
		free(names[i]);
		count++;
	}
	free(names);
	free(dir);
	free(root);
	return count;
}

/* Every target has a seed corpus of a few files at least. */
static void
run_target(const char *target, fuzz_fn fn)
{
	struct buf failures = BUF_INIT;
	size_t seeds = replay("corpus", target, fn, &failures);

	replay("regressions", target, fn, &failures);
	if (failures.len > 0)
		fail_msg("failed checks:\n%s", failures.data);
	buf_free(&failures);
	if (seeds < 3)
		fail_msg("tests/fuzz/corpus/%s holds %zu files; is BYLINE_FUZZ_DIR right?", target,
		    seeds);
}

static void
test_article(void **state)
{
	(void)state;
	run_target("fuzz_article", fuzz_article_one);
}

static void
test_analysis(void **state)
{
	(void)state;
	run_target("fuzz_analysis", fuzz_analysis_one);
}

static void
test_wrap(void **state)
{
	(void)state;
	run_target("fuzz_wrap", fuzz_wrap_one);
}

static void
test_readstate(void **state)
{
	(void)state;
	run_target("fuzz_readstate", fuzz_readstate_one);
}

static void
test_html(void **state)
{
	(void)state;
	run_target("fuzz_html", fuzz_html_one);
}

static void
test_feed(void **state)
{
	(void)state;
	run_target("fuzz_feed", fuzz_feed_one);
}

static void
test_digest(void **state)
{
	(void)state;
	run_target("fuzz_digest", fuzz_digest_one);
}

/* The checks can fail: fed bytes that break their promise, they say so. */
static void
test_checks_bite(void **state)
{
	(void)state;
	assert_non_null(fz_unsafe("a\033[2J", 5, false));
	assert_non_null(fz_unsafe("\302\233", 2, false));
	assert_non_null(fz_unsafe("\342\200\256", 3, false));
	assert_non_null(fz_unsafe("\233", 1, false));
	assert_non_null(fz_unsafe("\355\240\200", 3, false));
	assert_non_null(fz_unsafe("a\tb", 3, false));
	assert_null(fz_unsafe("a\tb\n", 4, true));
	assert_null(fz_unsafe("^[[2J<U+009B>\342\206\222", strlen("^[[2J<U+009B>\342\206\222"), false));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_checks_bite),
		cmocka_unit_test(test_article),
		cmocka_unit_test(test_analysis),
		cmocka_unit_test(test_wrap),
		cmocka_unit_test(test_readstate),
		cmocka_unit_test(test_html),
		cmocka_unit_test(test_feed),
		cmocka_unit_test(test_digest),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
