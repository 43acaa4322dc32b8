/*
 * test_oom.c: out of memory, one allocation at a time.
 *
 * util.h promises that when an allocation fails byline prints "byline: out
 * of memory" and exits with status 3, and that this is the only thing that
 * happens. For each operation below (the loader, the library scan, the
 * analysis, the read-mark parser and the read-mark save) the test counts
 * the allocations the operation makes, then for N = 1, 2, 3, ... (every N,
 * or a few hundred spread over them when there are more) forks a child
 * whose allocation hook fails the Nth one: the child must exit with status
 * 3 having written exactly that line to stderr; never a signal, never
 * another status, never silence. After the read-mark save the state file
 * must still load whole: running out of memory half-way through a save
 * never damages the marks.
 *
 * Allocations made by libraries (libyaml, md4c, utf8proc) do not go
 * through the hook; what is tested is byline's own promise.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "analysis.h"
#include "article.h"
#include "doc.h"
#include "reading.h"
#include "library.h"
#include "readstate.h"
#include "util.h"

#define OOM_MAX_TRIES 300	/* children per operation at most */

static const char oom_msg[] = "byline: out of memory\n";

static size_t alloc_calls, fail_at;

static bool
count_hook(size_t size)
{
	(void)size;
	alloc_calls++;
	return false;
}

static bool
fail_hook(size_t size)
{
	(void)size;
	return ++alloc_calls == fail_at;
}

/* The repository's root, from this file's path as compiled; the caller frees. */
static char *
root_path(const char *rel)
{
	const char *file = __FILE__, *p = strstr(file, "tests/unit/");

	if (p == NULL)
		return xstrdup(rel);
	return xasprintf("%.*s%s", (int)(p - file), file, rel);
}

typedef void (*op_fn)(void *ctx);

/* How many allocations op makes (after a first run for lazy set-ups). */
static size_t
count_allocs(op_fn op, void *ctx)
{
	op(ctx);
	alloc_calls = 0;
	util_set_alloc_hook(count_hook);
	op(ctx);
	util_set_alloc_hook(NULL);
	return alloc_calls;
}

/*
 * Run op in a child whose nth allocation fails. Returns NULL when the child
 * ended as promised, else why not (a static string).
 */
static const char *
fail_nth(op_fn op, void *ctx, size_t n, char *err, size_t errsize)
{
	int p[2], st;
	pid_t pid;
	size_t got = 0;
	ssize_t r;

	if (pipe(p) < 0)
		return "pipe failed";
	fflush(NULL);
	pid = fork();
	if (pid < 0)
		return "fork failed";
	if (pid == 0) {
		close(p[0]);
		dup2(p[1], STDERR_FILENO);
		close(p[1]);
		alloc_calls = 0;
		fail_at = n;
		util_set_alloc_hook(fail_hook);
		op(ctx);
		_exit(0);	/* the nth allocation never came */
	}
	close(p[1]);
	while (got + 1 < errsize && (r = read(p[0], err + got, errsize - 1 - got)) != 0) {
		if (r < 0) {
			if (errno == EINTR)
				continue;
			break;
		}
		got += (size_t)r;
	}
	err[got] = '\0';
	close(p[0]);
	while (waitpid(pid, &st, 0) < 0)
		if (errno != EINTR)
			return "waitpid failed";
	if (WIFSIGNALED(st))
		return "the child was killed by a signal";
	if (!WIFEXITED(st))
		return "the child did not exit";
	if (WEXITSTATUS(st) == 0)
		return "the child finished: the allocation never failed";
	if (WEXITSTATUS(st) != EXIT_NOMEM)
		return "the child exited with a status other than 3";
	if (strcmp(err, oom_msg) != 0)
		return "stderr is not exactly \"byline: out of memory\"";
	return NULL;
}

/*
 * Fail each allocation op makes in turn (or OOM_MAX_TRIES of them, spread
 * evenly, always including the first three and the last). after, when not
 * NULL, is called in the parent after each child.
 */
static void
fail_each(const char *name, op_fn op, void *ctx, void (*after)(void *ctx, size_t n))
{
	size_t total = count_allocs(op, ctx), step, n, tries = 0;
	char err[512];

	print_message("%s: %zu allocations\n", name, total);
	assert_true(total > 0);
	step = total <= OOM_MAX_TRIES ? 1 : total / OOM_MAX_TRIES + 1;
	for (n = 1; n <= total;) {
		const char *why = fail_nth(op, ctx, n, err, sizeof err);

		if (why != NULL)
			fail_msg("%s: failing allocation %zu of %zu: %s (stderr: \"%s\")", name, n, total,
			    why, err);
		if (after != NULL)
			after(ctx, n);
		tries++;
		if (n == total)
			break;
		n = n < 3 ? n + 1 : (n + step > total ? total : n + step);
	}
	assert_true(tries >= (total < 3 ? total : 3));
}

/* ---- the operations ---- */

struct load_ctx {
	char	*path;
};

/* The loader: read an article in full and build its blocks. */
static void
op_load(void *arg)
{
	struct load_ctx *c = arg;
	struct reading r;

	if (reading_load(&r, c->path, ARTICLE_LOAD_FULL, NULL))
		reading_layout(&r);
	reading_free(&r);
}

/* The library: scan a folder's heads and sort them. */
static void
op_scan(void *arg)
{
	struct load_ctx *c = arg;
	struct library lib;
	struct library_scan_opts opts;
	char *paths[1];

	memset(&lib, 0, sizeof lib);
	memset(&opts, 0, sizeof opts);
	paths[0] = c->path;
	library_scan(&lib, paths, 1, &opts);
	library_sort(&lib);
	library_free(&lib);
}

struct an_ctx {
	struct reading		 r;	/* loaded and laid out */
};

/* The analysis of a loaded article. */
static void
op_analysis(void *arg)
{
	struct an_ctx *c = arg;
	struct buf b = BUF_INIT;
	size_t i;

	reading_analyse(&c->r, NULL);
	for (i = 0; i < c->r.an->nquotes; i++) {
		buf_reset(&b);
		analysis_quote_text(&c->r.in, &c->r.an->quotes[i], &b);
	}
	buf_free(&b);
	analysis_free(c->r.an);
	c->r.an = NULL;
}

struct rs_ctx {
	char	*data;		/* a state file's bytes */
	size_t	 len;
	char	*path;		/* a state file on disk */
	size_t	 nkeys;		/* entries it holds */
};

/* The read-mark parser, in memory. */
static void
op_rs_parse(void *arg)
{
	struct rs_ctx *c = arg;
	struct readstate *rs = readstate_new_memory();
	char *cause = NULL;

	readstate_parse(rs, c->data, c->len, &cause);
	free(cause);
	readstate_close(rs);
}

/* The read marks on disk: open, mark one more article read, save. */
static void
op_rs_save(void *arg)
{
	struct rs_ctx *c = arg;
	char *warning = NULL, *cause = NULL;
	struct readstate *rs = readstate_open(c->path, &warning);
	const char *keys[] = { "id:oom-new-mark" };

	free(warning);
	readstate_set_read(rs, keys, 1, true, &cause);
	free(cause);
	readstate_close(rs);
}

/* After a child ran out of memory while saving: the file still loads whole. */
static void
rs_intact(void *arg, size_t n)
{
	struct rs_ctx *c = arg;
	char *warning = NULL;
	struct readstate *rs = readstate_open(c->path, &warning);
	size_t count = readstate_count(rs, NULL);

	if (warning != NULL)
		fail_msg("after failing allocation %zu of a save: %s", n, warning);
	if (count < c->nkeys || !readstate_is_read(rs, "id:oom-1"))
		fail_msg("after failing allocation %zu of a save: %zu marks, not %zu", n, count,
		    c->nkeys);
	readstate_close(rs);
}

/* ---- tests ---- */

static void
test_loader(void **state)
{
	struct load_ctx c;

	(void)state;
	c.path = root_path("articles/2021-11-22-harlow-fen-school.md");
	fail_each("article_load + doc_build", op_load, &c, NULL);
	free(c.path);
}

static void
test_loader_hostile(void **state)
{
	struct load_ctx c;

	(void)state;
	c.path = root_path("tests/fixtures/hostile/fields-escaped.md");
	fail_each("article_load of a hostile article", op_load, &c, NULL);
	free(c.path);
}

static void
test_library(void **state)
{
	struct load_ctx c;

	(void)state;
	c.path = root_path("articles");
	fail_each("library_scan", op_scan, &c, NULL);
	free(c.path);
}

static void
test_analysis(void **state)
{
	struct an_ctx c;
	char *path = root_path("articles/2022-03-04-nato-ready-blinken.md");

	(void)state;
	assert_true(reading_load(&c.r, path, ARTICLE_LOAD_FULL, NULL));
	assert_int_equal(c.r.a.diags.n, 0);
	reading_layout(&c.r);
	fail_each("analysis_run", op_analysis, &c, NULL);
	reading_free(&c.r);
	free(path);
}

/* A state file of n entries, as bytes. */
static char *
state_bytes(size_t n, size_t *len)
{
	struct buf b = BUF_INIT;
	size_t i;

	buf_adds(&b, "byline-state 1\n");
	for (i = 0; i < n; i++)
		buf_printf(&b, "id:oom-%zu%s r %zu\n", i, i % 7 == 0 ? "%20esc%25" : "", i * 13);
	buf_printf(&b, "end %zu\n", n);
	*len = b.len;
	return buf_detach(&b);
}

static void
test_readstate_parse(void **state)
{
	struct rs_ctx c;
	struct readstate *rs = readstate_new_memory();
	char *cause = NULL;

	(void)state;
	c.data = state_bytes(500, &c.len);
	assert_int_equal(readstate_parse(rs, c.data, c.len, &cause), 0);
	assert_int_equal(readstate_count(rs, NULL), 500);
	readstate_close(rs);
	fail_each("readstate_parse", op_rs_parse, &c, NULL);
	free(c.data);
}

static void
test_readstate_save(void **state)
{
	struct rs_ctx c;
	char dir[] = "/tmp/byline-oom-XXXXXX";
	char *cmd;
	FILE *f;

	(void)state;
	assert_non_null(mkdtemp(dir));
	c.path = xasprintf("%s/read", dir);
	c.nkeys = 200;
	c.data = state_bytes(c.nkeys, &c.len);
	f = fopen(c.path, "w");
	assert_non_null(f);
	assert_int_equal(fwrite(c.data, 1, c.len, f), c.len);
	assert_int_equal(fclose(f), 0);
	fail_each("readstate_open + readstate_set_read (save)", op_rs_save, &c, rs_intact);
	cmd = xasprintf("rm -rf '%s'", dir);
	assert_int_equal(system(cmd), 0);
	free(cmd);
	free(c.data);
	free(c.path);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_loader),
		cmocka_unit_test(test_loader_hostile),
		cmocka_unit_test(test_library),
		cmocka_unit_test(test_analysis),
		cmocka_unit_test(test_readstate_parse),
		cmocka_unit_test(test_readstate_save),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
