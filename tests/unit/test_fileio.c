/*
 * test_fileio.c: the atomic writes of fileio.h: one file, a batch of files
 * placed with one flush (names taken, no temporary file left), and the lock.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <utime.h>

#include "fileio.h"
#include "tmpdir.h"
#include "util.h"

TMPDIR_GROUP("fileio")

/* How many entries folder d holds whose name starts with prefix. */
static int
count_entries(const char *d, const char *prefix)
{
	DIR *dp = opendir(d);
	struct dirent *e;
	int n = 0;

	assert_non_null(dp);
	while ((e = readdir(dp)) != NULL)
		if (strncmp(e->d_name, prefix, strlen(prefix)) == 0)
			n++;
	closedir(dp);
	return n;
}

static void
test_write_atomic(void **state)
{
	char *p = xasprintf("%s/one.txt", dir), *cause = NULL, *got;

	(void)state;
	assert_int_equal(file_write_atomic(p, "abc", 3, FW_NOREPLACE, &cause), 0);
	got = TMPDIR_SLURP(p);
	assert_string_equal(got, "abc");
	free(got);
	assert_int_equal(file_write_atomic(p, "x", 1, FW_NOREPLACE, &cause), -1);
	assert_int_equal(errno, EEXIST);
	assert_non_null(strstr(cause, "one.txt"));
	free(cause);
	assert_int_equal(file_write_atomic(p, "def", 3, 0, NULL), 0);
	got = TMPDIR_SLURP(p);
	assert_string_equal(got, "def");
	free(got);
	assert_int_equal(count_entries(dir, ".one.txt.tmp"), 0);
	free(p);
}

static void
test_batch(void **state)
{
	struct file_batch b = FILE_BATCH_INIT;
	char *sub = xasprintf("%s/batch", dir), *p[3], *got;
	size_t i;

	(void)state;
	assert_int_equal(make_dirs(sub, 0777), 0);
	for (i = 0; i < 3; i++)
		p[i] = xasprintf("%s/f%zu.md", sub, i);
	assert_int_equal(file_write_atomic(p[2], "old", 3, 0, NULL), 0);
	assert_int_equal(file_batch_add(&b, p[0], "zero", 4, FW_NOREPLACE, NULL), 0);
	assert_int_equal(file_batch_add(&b, p[1], "one", 3, FW_NOREPLACE, NULL), 0);
	assert_int_equal(file_batch_add(&b, p[2], "two", 3, FW_NOREPLACE, NULL), 0);
	/* nothing has its name before the commit */
	assert_int_equal(access(p[0], F_OK), -1);
	assert_int_equal(file_batch_commit(&b), 1);
	assert_int_equal(b.v[0].err, 0);
	assert_int_equal(b.v[1].err, 0);
	assert_int_equal(b.v[2].err, EEXIST);
	got = TMPDIR_SLURP(p[0]);
	assert_string_equal(got, "zero");
	free(got);
	got = TMPDIR_SLURP(p[2]);
	assert_string_equal(got, "old");	/* FW_NOREPLACE kept it */
	free(got);
	file_batch_clear(&b);
	assert_int_equal(b.n, 0);
	/* a replacing batch, and one dropped before its commit */
	assert_int_equal(file_batch_add(&b, p[2], "new", 3, 0, NULL), 0);
	assert_int_equal(file_batch_commit(&b), 0);
	file_batch_clear(&b);
	got = TMPDIR_SLURP(p[2]);
	assert_string_equal(got, "new");
	free(got);
	assert_int_equal(file_batch_add(&b, p[1], "never", 5, 0, NULL), 0);
	file_batch_free(&b);
	got = TMPDIR_SLURP(p[1]);
	assert_string_equal(got, "one");
	free(got);
	assert_int_equal(count_entries(sub, "."), 2);	/* "." and "..": no temporary file */
	for (i = 0; i < 3; i++)
		free(p[i]);
	free(sub);
}

static void
test_batch_bad_folder(void **state)
{
	struct file_batch b = FILE_BATCH_INIT;
	char *p = xasprintf("%s/no/such/folder/f.md", dir), *cause = NULL;

	(void)state;
	assert_int_equal(file_batch_add(&b, p, "x", 1, 0, &cause), -1);
	assert_int_equal(errno, ENOENT);
	assert_non_null(strstr(cause, "f.md"));
	assert_int_equal(b.n, 0);
	free(cause);
	free(p);
	file_batch_free(&b);
}

static void
test_lock(void **state)
{
	char *p = xasprintf("%s/lock", dir);
	int fd, status;
	pid_t pid;

	(void)state;
	fd = file_lock(p, false);
	assert_true(fd >= 0);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		int other = file_lock(p, false);

		_exit(other < 0 && errno == EWOULDBLOCK ? 0 : 1);
	}
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	close(fd);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0)
		_exit(file_lock(p, false) >= 0 ? 0 : 1);
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	free(p);
}

static void
test_sweep(void **state)
{
	char *sub = xasprintf("%s/sweep", dir), *p;
	struct utimbuf old = { 1000000000, 1000000000 };
	size_t i;
	static const char *const names[] = {
		".a.md.tmp-AbC123",	/* old: removed */
		".b.md.tmp-XyZ789",	/* new: kept (a write in progress) */
		"a.md", ".hidden", ".c.md.tmp-12345",
	};

	(void)state;
	assert_int_equal(make_dirs(sub, 0777), 0);
	for (i = 0; i < sizeof names / sizeof names[0]; i++) {
		p = xasprintf("%s/%s", sub, names[i]);
		assert_int_equal(file_write_atomic(p, "x", 1, FW_NOSYNC, NULL), 0);
		if (i != 1)
			assert_int_equal(utime(p, &old), 0);
		free(p);
	}
	assert_int_equal(file_sweep_temps(sub, 60), 1);
	assert_int_equal(count_entries(sub, ".a.md"), 0);
	assert_int_equal(count_entries(sub, ".b.md"), 1);
	assert_int_equal(count_entries(sub, ".c.md"), 1);
	assert_int_equal(count_entries(sub, "a.md"), 1);
	assert_int_equal(file_sweep_temps("/no/such/folder", 60), 0);
	free(sub);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_write_atomic),
		cmocka_unit_test(test_batch),
		cmocka_unit_test(test_batch_bad_folder),
		cmocka_unit_test(test_lock),
		cmocka_unit_test(test_sweep),
	};

	return cmocka_run_group_tests_name("fileio", tests, make_tmp, remove_tmp);
}
