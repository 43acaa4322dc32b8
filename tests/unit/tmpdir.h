/*
 * tmpdir.h: a scratch folder for the unit tests that touch files. Included
 * by the test programs only.
 */
#ifndef BYLINE_TEST_TMPDIR_H
#define BYLINE_TEST_TMPDIR_H

#include <stdio.h>
#include <stdlib.h>

#include "util.h"

#define TMPDIR_SIZE 64

/* Make a new folder /tmp/byline-NAME-XXXXXX into dir; 0 or -1. */
static inline int
tmpdir_make(char dir[TMPDIR_SIZE], const char *name)
{
	snprintf(dir, TMPDIR_SIZE, "/tmp/byline-%s-XXXXXX", name);
	return mkdtemp(dir) == NULL ? -1 : 0;
}

/* Remove dir and everything in it, read-only parts too; 0 or -1. */
static inline int
tmpdir_remove(const char *dir)
{
	char *cmd = xasprintf("chmod -R u+w '%s' 2>/dev/null; rm -rf '%s'", dir, dir);
	int r = system(cmd);

	free(cmd);
	return r == 0 ? 0 : -1;
}

/*
 * A test program's scratch folder, made before its group of tests and
 * removed after: "static char dir[]" and the group's setup and teardown,
 * make_tmp and remove_tmp (cmocka_run_group_tests(..., make_tmp,
 * remove_tmp)). NAME names the folder.
 */
#define TMPDIR_GROUP(NAME) \
	static char dir[TMPDIR_SIZE]; \
	static int make_tmp(void **state) { (void)state; return tmpdir_make(dir, NAME); } \
	static int remove_tmp(void **state) { (void)state; return tmpdir_remove(dir); }

/* The bytes of file path as a new NUL-terminated string; NULL when unreadable. */
static inline char *
tmpdir_slurp(const char *path)
{
	FILE *f = fopen(path, "rb");
	struct buf b = BUF_INIT;
	char chunk[4096];
	size_t n;

	if (f == NULL)
		return NULL;
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		buf_add(&b, chunk, n);
	fclose(f);
	buf_addc(&b, '\0');
	return buf_detach(&b);
}

/*
 * tmpdir_slurp() in a cmocka test: the test fails when path cannot be
 * read (needs cmocka.h before this header).
 */
#define TMPDIR_SLURP(path) tmpdir_slurp_or_fail(tmpdir_slurp(path), (path))
static inline char *
tmpdir_slurp_or_fail(char *s, const char *path)
{
	if (s == NULL)
		fail_msg("cannot read %s", path);
	return s;
}

#endif
