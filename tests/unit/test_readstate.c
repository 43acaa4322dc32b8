/* test_readstate.c: read marks on disk: format, merging writers, kills, damage. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "readstate.h"
#include "tmpdir.h"
#include "util.h"

static char tmpdir[TMPDIR_SIZE];

static int
setup(void **state)
{
	(void)state;
	return tmpdir_make(tmpdir, "rs");
}

static int
teardown(void **state)
{
	(void)state;
	return tmpdir_remove(tmpdir);
}

static char *
path_of(const char *name)
{
	return xasprintf("%s/%s", tmpdir, name);
}

static void
spit(const char *path, const char *data, size_t len)
{
	FILE *f = fopen(path, "w");

	assert_non_null(f);
	fwrite(data, 1, len, f);
	fclose(f);
}

static struct readstate *
open_ok(const char *path)
{
	char *w = NULL;
	struct readstate *rs = readstate_open(path, &w);

	assert_null(w);
	return rs;
}

static void
test_roundtrip(void **state)
{
	char *p = path_of("sub/dir/read"), *cause = NULL, *text;
	const char *keys[] = { "id:one", "url:http://x/ y%z", "h:0123" };
	struct readstate *rs;

	(void)state;
	rs = open_ok(p);
	assert_false(readstate_is_read(rs, "id:one"));
	assert_int_equal(readstate_set_read(rs, keys, 3, true, &cause), 0);
	assert_int_equal(readstate_set_position(rs, "h:0123", 4242, &cause), 0);
	assert_int_equal(readstate_set_read(rs, keys + 2, 1, false, &cause), 0);
	readstate_close(rs);
	text = tmpdir_slurp(p);
	assert_string_equal(text != NULL && strncmp(text, "byline-state 1\n", 15) == 0 ? "ok" : text, "ok");
	assert_non_null(strstr(text, "url:http://x/%20y%25z r 0\n"));
	assert_non_null(strstr(text, "h:0123 u 4242\n"));
	assert_non_null(strstr(text, "end 3\n"));
	free(text);
	rs = open_ok(p);
	assert_true(readstate_is_read(rs, "id:one"));
	assert_true(readstate_is_read(rs, "url:http://x/ y%z"));
	assert_false(readstate_is_read(rs, "h:0123"));
	assert_int_equal(readstate_position(rs, "h:0123"), 4242);
	readstate_close(rs);
	free(p);
}

/* Two states on one file, each marking its own article: both marks stay. */
static void
test_merge(void **state)
{
	char *p = path_of("merge"), *cause = NULL;
	const char *a = "id:a", *b = "id:b";
	struct readstate *r1, *r2, *r3;

	(void)state;
	r1 = open_ok(p);
	r2 = open_ok(p);
	assert_int_equal(readstate_set_read(r1, &a, 1, true, &cause), 0);
	assert_int_equal(readstate_set_read(r2, &b, 1, true, &cause), 0);
	/* r2 saw r1's mark when it merged */
	assert_true(readstate_is_read(r2, "id:a"));
	readstate_close(r1);
	readstate_close(r2);
	r3 = open_ok(p);
	assert_true(readstate_is_read(r3, "id:a"));
	assert_true(readstate_is_read(r3, "id:b"));
	readstate_close(r3);
	free(p);
}

/* Processes marking different articles at once lose nothing. */
static void
run_writers(int nproc, int per)
{
	char *p = path_of("concurrent"), *cause = NULL;
	struct readstate *rs;
	int i, k, status;

	unlink(p);
	for (i = 0; i < nproc; i++) {
		pid_t pid = fork();

		assert_true(pid >= 0);
		if (pid == 0) {
			struct readstate *mine = readstate_open(p, &cause);

			for (k = 0; k < per; k++) {
				char key[32];
				const char *kp = key;

				snprintf(key, sizeof key, "id:p%d-%d", i, k);
				if (readstate_set_read(mine, &kp, 1, true, &cause) < 0)
					_exit(1);
			}
			readstate_close(mine);
			_exit(0);
		}
	}
	for (i = 0; i < nproc; i++) {
		assert_true(wait(&status) > 0);
		assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	}
	rs = open_ok(p);
	for (i = 0; i < nproc; i++)
		for (k = 0; k < per; k++) {
			char key[32];

			snprintf(key, sizeof key, "id:p%d-%d", i, k);
			assert_true(readstate_is_read(rs, key));
		}
	assert_int_equal(readstate_count(rs, NULL), (size_t)(nproc * per));
	readstate_close(rs);
	free(p);
}

static void
test_two_writers(void **state)
{
	(void)state;
	run_writers(2, 25);
}

static void
test_eight_writers(void **state)
{
	(void)state;
	run_writers(8, 10);
}

/*
 * One round of test_killed_writer: a child marks k0, k1... until killed
 * after a random delay; the file must load and hold every mark whose save
 * had returned (the child reports each on a pipe). Returns how many saves
 * had returned (0: killed before its first, nothing tested).
 */
static int
killed_round(const char *p, long max_us)
{
	int fds[2], status, done = -1, k;
	pid_t pid;
	char buf[64], *w = NULL;
	ssize_t n;
	struct readstate *rs;
	struct buf got = BUF_INIT;
	struct timespec ts = { 0, 0 };

	unlink(p);
	assert_int_equal(pipe(fds), 0);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		struct readstate *mine;
		char *cause = NULL;

		close(fds[0]);
		mine = readstate_open(p, &cause);
		for (k = 0;; k++) {
			char key[32];
			const char *kp = key;

			snprintf(key, sizeof key, "id:k%d", k);
			if (readstate_set_read(mine, &kp, 1, true, &cause) == 0)
				if (write(fds[1], &k, sizeof k) < 0)
					_exit(1);
		}
	}
	close(fds[1]);
	ts.tv_nsec = (1000 + rand() % max_us) * 1000L;
	nanosleep(&ts, NULL);
	kill(pid, SIGKILL);
	waitpid(pid, &status, 0);
	while ((n = read(fds[0], buf, sizeof buf)) > 0)
		buf_add(&got, buf, (size_t)n);
	close(fds[0]);
	if (got.len >= sizeof(int))
		memcpy(&done, got.data + got.len - got.len % sizeof(int) - sizeof(int), sizeof(int));
	buf_free(&got);
	rs = readstate_open(p, &w);
	assert_null(w);
	for (k = 0; k <= done; k++) {
		char key[32];

		snprintf(key, sizeof key, "id:k%d", k);
		assert_true(readstate_is_read(rs, key));
	}
	readstate_close(rs);
	return done + 1;
}

/*
 * A writer killed at random moments: the file always loads and keeps every
 * returned mark. A round whose child was killed before its first save had
 * returned tests nothing: it is tried again (up to 5 times, the delay
 * growing), and most rounds must have saved something.
 */
static void
test_killed_writer(void **state)
{
	char *p = path_of("killed");
	int round, tries, saved = 0, total = 0;

	(void)state;
	srand(12345);
	for (round = 0; round < 40; round++) {
		long max_us = 20000;

		for (tries = 0; tries < 5; tries++, max_us *= 2) {
			int got = killed_round(p, max_us);

			total += got;
			if (got > 0) {
				saved++;
				break;
			}
		}
	}
	printf("killed writer: %d of 40 rounds had saved marks when killed (%d marks in all)\n",
	    saved, total);
	assert_true(saved >= 30);
	free(p);
}

static void
test_corrupt_set_aside(void **state)
{
	char *p = path_of("corrupt"), *w = NULL;
	struct readstate *rs;
	struct stat st;
	char junk[512];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof junk; i++)
		junk[i] = (char)(rand() & 0xff);
	spit(p, junk, sizeof junk);
	rs = readstate_open(p, &w);
	assert_non_null(w);
	assert_non_null(strstr(w, "is damaged (it does not start with \"byline-state 1\"); set aside as"));
	free(w);
	assert_int_equal(readstate_count(rs, NULL), 0);
	readstate_close(rs);
	/* the file moved away */
	assert_true(stat(p, &st) < 0 && errno == ENOENT);

	/* cut short: what could be read is kept */
	spit(p, "byline-state 1\nid:x r 0\nid:y r 12\n", 34);
	rs = readstate_open(p, &w);
	assert_non_null(w);
	assert_non_null(strstr(w, "cut short (no end line)"));
	free(w);
	assert_true(readstate_is_read(rs, "id:x"));
	readstate_close(rs);
	free(p);
}

static void
test_big_file(void **state)
{
	char *p = path_of("big"), *w = NULL;
	struct readstate *rs;
	FILE *f;

	(void)state;
	f = fopen(p, "w");
	assert_non_null(f);
	fputs("byline-state 1\n", f);
	assert_int_equal(fseek(f, 100L * 1024 * 1024, SEEK_SET), 0);
	fputc('\n', f);
	fclose(f);
	rs = readstate_open(p, &w);
	assert_non_null(w);
	assert_non_null(strstr(w, "larger than 64 MiB"));
	free(w);
	readstate_close(rs);
	free(p);
}

static void
test_state_is_directory(void **state)
{
	char *p = path_of("isdir"), *w = NULL, *cause = NULL;
	const char *k = "id:z";
	struct readstate *rs;
	struct stat st;

	(void)state;
	assert_int_equal(mkdir(p, 0700), 0);
	rs = readstate_open(p, &w);
	assert_non_null(w);
	assert_non_null(strstr(w, "is a directory"));
	free(w);
	assert_int_equal(readstate_set_read(rs, &k, 1, true, &cause), -1);
	assert_non_null(strstr(cause, "is a directory"));
	free(cause);
	/* reading goes on: the mark is kept in memory */
	assert_true(readstate_is_read(rs, "id:z"));
	readstate_close(rs);
	assert_true(stat(p, &st) == 0 && S_ISDIR(st.st_mode));
	free(p);
}

/* Write n random bytes over the file at path. */
static void
garble(const char *path, size_t n)
{
	char *junk = xmalloc(n);
	size_t i;

	for (i = 0; i < n; i++)
		junk[i] = (char)(rand() & 0xff);
	spit(path, junk, n);
	free(junk);
}

/*
 * The state file is overwritten with garbage while a reader holds 5 marks:
 * the next save sets the garbage aside and keeps the 5 marks with the new
 * one, in memory and on disk (memory and disk merged, never the empty table
 * just parsed).
 */
static void
test_damaged_while_open(void **state)
{
	char *p = path_of("damaged-live"), *cause = NULL, key[32];
	const char *kp = key;
	struct readstate *rs, *again;
	int i;

	(void)state;
	rs = open_ok(p);
	for (i = 0; i < 5; i++) {
		snprintf(key, sizeof key, "id:d%d", i);
		assert_int_equal(readstate_set_read(rs, &kp, 1, true, &cause), 0);
	}
	garble(p, 3000);
	snprintf(key, sizeof key, "id:d5");
	assert_int_equal(readstate_set_read(rs, &kp, 1, true, &cause), 0);
	again = open_ok(p);
	for (i = 0; i < 6; i++) {
		snprintf(key, sizeof key, "id:d%d", i);
		assert_true(readstate_is_read(rs, key));
		assert_true(readstate_is_read(again, key));
	}
	assert_int_equal(readstate_count(rs, NULL), 6);
	readstate_close(again);
	/* the same when the file is deleted */
	unlink(p);
	snprintf(key, sizeof key, "id:d6");
	assert_int_equal(readstate_set_read(rs, &kp, 1, true, &cause), 0);
	again = open_ok(p);
	assert_int_equal(readstate_count(again, NULL), 7);
	readstate_close(again);
	readstate_close(rs);
	free(p);
}

/*
 * Another process's changes come in with a save, and the serial number
 * says so (the reader then counts again); a save that brings nothing new
 * leaves it. Another's mark-unread is kept, not undone.
 */
static void
test_serial(void **state)
{
	char *p = path_of("serial"), *cause = NULL;
	const char *a = "id:a", *b = "id:b", *c = "id:c";
	struct readstate *r1, *r2;
	unsigned s0;

	(void)state;
	r1 = open_ok(p);
	assert_int_equal(readstate_set_read(r1, &a, 1, true, &cause), 0);
	s0 = readstate_serial(r1);
	assert_int_equal(readstate_set_read(r1, &b, 1, true, &cause), 0);
	assert_int_equal(readstate_serial(r1), s0);
	r2 = open_ok(p);
	assert_int_equal(readstate_set_read(r2, &a, 1, false, &cause), 0);
	assert_int_equal(readstate_set_read(r1, &c, 1, true, &cause), 0);
	assert_int_not_equal(readstate_serial(r1), s0);
	assert_false(readstate_is_read(r1, "id:a"));
	assert_true(readstate_is_read(r1, "id:b"));
	readstate_close(r1);
	readstate_close(r2);
	free(p);
}

/*
 * A state file that is a symbolic link (to a synced folder, say) stays a
 * link: the file it points to is written, the lock taken beside it.
 */
static void
test_symlink_kept(void **state)
{
	char *dir = path_of("synced"), *target = path_of("synced/read"), *link = path_of("link-read");
	char *cause = NULL, *text, *lock = xasprintf("%s.lock", target);
	static const char before[] = "byline-state 1\nid:before r 0\nend 1\n";
	const char *k = "id:linked";
	struct readstate *rs;
	struct stat st;

	(void)state;
	assert_int_equal(mkdir(dir, 0700), 0);
	spit(target, before, sizeof before - 1);
	assert_int_equal(symlink("synced/read", link), 0);	/* relative, as links often are */
	rs = open_ok(link);
	assert_true(readstate_is_read(rs, "id:before"));
	assert_int_equal(readstate_set_read(rs, &k, 1, true, &cause), 0);
	readstate_close(rs);
	assert_int_equal(lstat(link, &st), 0);
	assert_true(S_ISLNK(st.st_mode));
	text = tmpdir_slurp(target);
	assert_non_null(strstr(text, "id:linked r 0\n"));
	assert_non_null(strstr(text, "id:before r 0\n"));
	free(text);
	assert_int_equal(stat(lock, &st), 0);
	free(lock);
	free(link);
	free(target);
	free(dir);
}

/* Hold the lock of the state file at p from this process: flock on its own descriptor. */
static int
hold_lock(const char *p)
{
	char *lp = xasprintf("%s.lock", p);
	int fd = open(lp, O_RDWR | O_CREAT, 0600);

	free(lp);
	assert_true(fd >= 0);
	assert_int_equal(flock(fd, LOCK_EX), 0);
	return fd;
}

static double
seconds_since(const struct timespec *t0)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return (double)(now.tv_sec - t0->tv_sec) + (double)(now.tv_nsec - t0->tv_nsec) / 1e9;
}

/*
 * The lock holds between two handles of one process: a save waits while
 * another descriptor of this process holds it, gives up after its wait
 * with "another byline holds the read marks", and keeps the mark in memory.
 */
static void
test_lock_same_process(void **state)
{
	char *p = path_of("lock-same"), *cause = NULL;
	const char *k = "id:same";
	struct readstate *rs;
	struct timespec t0;
	int fd;

	(void)state;
	rs = open_ok(p);
	fd = hold_lock(p);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	assert_int_equal(readstate_set_read(rs, &k, 1, true, &cause), -1);
	assert_true(seconds_since(&t0) < 30);
	assert_non_null(cause);
	assert_non_null(strstr(cause, "another byline holds the read marks"));
	free(cause);
	assert_true(readstate_is_read(rs, "id:same"));
	close(fd);
	readstate_close(rs);
	free(p);
}

/*
 * Another process holds the lock (flock and a POSIX record lock, as an older
 * byline takes) for 8 s: the save gives up after its few seconds, the mark
 * kept; later saves only try; once the lock frees, the change is written.
 */
static void
test_lock_wait_gives_up(void **state)
{
	char *p = path_of("lock-busy"), *cause = NULL, *lp = xasprintf("%s.lock", p);
	const char *k1 = "id:one", *k2 = "id:two";
	struct readstate *rs, *check;
	struct timespec t0;
	double took;
	int sync[2], status;
	pid_t pid;
	char c;

	(void)state;
	rs = open_ok(p);
	assert_int_equal(pipe(sync), 0);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		struct flock fl;
		int fd = open(lp, O_RDWR | O_CREAT, 0600);

		memset(&fl, 0, sizeof fl);
		fl.l_type = F_WRLCK;
		if (fd < 0 || flock(fd, LOCK_EX) < 0 || fcntl(fd, F_SETLKW, &fl) < 0)
			_exit(1);
		if (write(sync[1], "x", 1) != 1)
			_exit(1);
		sleep(8);
		_exit(0);
	}
	close(sync[1]);
	assert_int_equal(read(sync[0], &c, 1), 1);
	close(sync[0]);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	assert_int_equal(readstate_set_read(rs, &k1, 1, true, &cause), -1);
	took = seconds_since(&t0);
	assert_true(took >= 2.5 && took < 7);
	assert_non_null(strstr(cause, "another byline holds the read marks"));
	free(cause);
	assert_true(readstate_busy(rs));
	/* the next change does not wait again */
	clock_gettime(CLOCK_MONOTONIC, &t0);
	assert_int_equal(readstate_set_read(rs, &k2, 1, true, &cause), -1);
	free(cause);
	assert_true(seconds_since(&t0) < 1);
	assert_int_equal(readstate_pending(rs), 2);
	assert_true(readstate_is_read(rs, "id:one") && readstate_is_read(rs, "id:two"));
	/* the holder goes: the changes are written */
	waitpid(pid, &status, 0);
	assert_int_equal(readstate_save(rs, false, &cause), 0);
	assert_int_equal(readstate_pending(rs), 0);
	assert_false(readstate_busy(rs));
	check = open_ok(p);
	assert_true(readstate_is_read(check, "id:one") && readstate_is_read(check, "id:two"));
	readstate_close(check);
	readstate_close(rs);
	free(lp);
	free(p);
}

static volatile sig_atomic_t cancel_flag;

static void
on_alarm(int sig)
{
	(void)sig;
	cancel_flag++;
}

/* A signal's flag ends a wait for the lock at once (the reader's Ctrl-C). */
static void
test_lock_wait_cancelled(void **state)
{
	char *p = path_of("lock-cancel"), *cause = NULL;
	const char *k = "id:c";
	struct readstate *rs;
	struct sigaction sa;
	struct timespec t0;
	int fd;

	(void)state;
	rs = open_ok(p);
	readstate_set_wait(rs, 60000, &cancel_flag);
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_alarm;
	sigaction(SIGALRM, &sa, NULL);
	fd = hold_lock(p);
	alarm(1);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	assert_int_equal(readstate_set_read(rs, &k, 1, true, &cause), -1);
	assert_true(seconds_since(&t0) < 10);
	free(cause);
	assert_true(readstate_is_read(rs, "id:c"));
	close(fd);
	signal(SIGALRM, SIG_DFL);
	readstate_close(rs);
	free(p);
}

/* How many pending files lie beside the state file at p. */
static int
count_pending(const char *p)
{
	DIR *d = opendir(tmpdir);
	struct dirent *de;
	const char *base = strrchr(p, '/') + 1;
	char *prefix = xasprintf("%s.pending-", base);
	int n = 0;

	assert_non_null(d);
	while ((de = readdir(d)) != NULL)
		n += strncmp(de->d_name, prefix, strlen(prefix)) == 0;
	closedir(d);
	free(prefix);
	return n;
}

/*
 * A reader ending while another byline still holds the lock sets its
 * changes aside; a reader opened then sees them, and the next save merges
 * them into the file and removes the pending file. Nothing is lost.
 */
static void
test_finish_sets_aside(void **state)
{
	char *p = path_of("finish"), *cause = NULL;
	const char *k1 = "id:f1", *k2 = "id:f2", *k3 = "id:f3";
	struct readstate *rs, *later;
	int fd;

	(void)state;
	rs = open_ok(p);
	readstate_set_wait(rs, 200, NULL);
	assert_int_equal(readstate_set_read(rs, &k1, 1, true, &cause), 0);
	fd = hold_lock(p);
	assert_int_equal(readstate_set_read(rs, &k2, 1, true, &cause), -1);
	free(cause);
	assert_int_equal(readstate_set_position(rs, "id:f1", 777, &cause), -1);
	free(cause);
	assert_int_equal(readstate_finish(rs, &cause), 1);
	assert_non_null(strstr(cause, "set aside in"));
	free(cause);
	readstate_close(rs);
	assert_int_equal(count_pending(p), 1);
	close(fd);
	later = open_ok(p);
	assert_true(readstate_is_read(later, "id:f2"));
	assert_int_equal(readstate_position(later, "id:f1"), 777);
	assert_int_equal(readstate_set_read(later, &k3, 1, true, &cause), 0);
	assert_int_equal(count_pending(p), 0);
	readstate_close(later);
	later = open_ok(p);
	assert_true(readstate_is_read(later, "id:f1") && readstate_is_read(later, "id:f2") &&
	    readstate_is_read(later, "id:f3"));
	assert_int_equal(readstate_position(later, "id:f1"), 777);
	assert_int_equal(readstate_finish(later, &cause), 0);
	readstate_close(later);
	free(p);
}

/*
 * Run fn in a child process as an unprivileged user when we are root (root
 * ignores folder permissions), with the folder d handed to that user.
 */
static void
as_user(const char *name, const char *d, void (*fn)(void))
{
	pid_t pid;
	int status;

	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		if (geteuid() == 0) {
			if (chown(tmpdir, 65534, 65534) < 0 || chown(d, 65534, 65534) < 0 ||
			    setgid(65534) < 0 || setuid(65534) < 0)
				_exit(77);
		}
		fn();
		_exit(0);
	}
	waitpid(pid, &status, 0);
	assert_true(WIFEXITED(status));
	if (WEXITSTATUS(status) == 77) {
		printf("SKIP: %s: cannot become nobody to run it\n", name);
		skip();
	}
	assert_int_equal(WEXITSTATUS(status), 0);
}

#define CHILD_CHECK(c) do { if (!(c)) { fprintf(stderr, "failed: %s\n", #c); _exit(1); } } while (0)

static void
readonly_child(void)
{
	char *d = path_of("ro"), *p = path_of("ro/read"), *cause = NULL, *before, *after, *w = NULL;
	const char *k1 = "id:one", *k2 = "id:two";
	struct readstate *rs;

	rs = readstate_open(p, &w);
	CHILD_CHECK(readstate_set_read(rs, &k1, 1, true, &cause) == 0);
	readstate_close(rs);
	before = tmpdir_slurp(p);
	CHILD_CHECK(chmod(d, 0500) == 0);
	rs = readstate_open(p, &w);
	CHILD_CHECK(readstate_set_read(rs, &k2, 1, true, &cause) == -1);
	CHILD_CHECK(strstr(cause, "Permission denied") != NULL);
	/* reading goes on: the mark is in memory, the old file untouched */
	CHILD_CHECK(readstate_is_read(rs, "id:two"));
	readstate_close(rs);
	after = tmpdir_slurp(p);
	CHILD_CHECK(strcmp(before, after) == 0);
	chmod(d, 0700);
}

static void
test_readonly_folder(void **state)
{
	char *d = path_of("ro");

	(void)state;
	assert_int_equal(mkdir(d, 0700), 0);
	as_user("readonly", d, readonly_child);
	free(d);
}

static void
fulldisk_child(void)
{
	char *p = path_of("fd/read"), *cause = NULL, *before, *after, *w = NULL;
	const char *k1 = "id:one";
	struct readstate *rs;
	struct rlimit rl;
	char key[200];
	const char *kp = key;
	int i;

	rs = readstate_open(p, &w);
	CHILD_CHECK(readstate_set_read(rs, &k1, 1, true, &cause) == 0);
	before = tmpdir_slurp(p);
	/* the disk is full: no file may grow past 4 KiB */
	signal(SIGXFSZ, SIG_IGN);
	rl.rlim_cur = rl.rlim_max = 4096;
	CHILD_CHECK(setrlimit(RLIMIT_FSIZE, &rl) == 0);
	for (i = 0; i < 100 && cause == NULL; i++) {
		snprintf(key, sizeof key, "id:%0150d", i);
		readstate_set_read(rs, &kp, 1, true, &cause);
	}
	CHILD_CHECK(cause != NULL);
	CHILD_CHECK(strstr(cause, "too large") != NULL || strstr(cause, "space") != NULL);
	readstate_close(rs);
	after = tmpdir_slurp(p);
	/* the last good file is intact and loads */
	rs = readstate_open(p, &w);
	CHILD_CHECK(w == NULL);
	CHILD_CHECK(readstate_is_read(rs, "id:one"));
	readstate_close(rs);
	CHILD_CHECK(strncmp(after, before, strlen("byline-state 1\n")) == 0);
}

static void
test_full_disk(void **state)
{
	char *d = path_of("fd");

	(void)state;
	assert_int_equal(mkdir(d, 0700), 0);
	as_user("fulldisk", d, fulldisk_child);
	free(d);
}

static void
test_parse(void **state)
{
	struct readstate *rs = readstate_new_memory();
	char *cause = NULL;
	static const char good[] = "byline-state 1\nid:a r 0\nid:b u 7\nend 2\n";
	static const char badline[] = "byline-state 1\nid:a x 0\nend 1\n";
	static const char badcount[] = "byline-state 1\nid:a r 0\nend 5\n";
	static const char badesc[] = "byline-state 1\nid%zz r 0\nend 1\n";

	(void)state;
	assert_int_equal(readstate_parse(rs, good, sizeof good - 1, &cause), 0);
	assert_true(readstate_is_read(rs, "id:a"));
	assert_int_equal(readstate_position(rs, "id:b"), 7);
	assert_int_equal(readstate_parse(rs, badline, sizeof badline - 1, &cause), -1);
	assert_string_equal(cause, "line 2 is not \"KEY r|u POSITION\"");
	free(cause);
	assert_int_equal(readstate_parse(rs, badcount, sizeof badcount - 1, &cause), -1);
	assert_string_equal(cause, "its end line says 5 entries, not 1");
	free(cause);
	assert_int_equal(readstate_parse(rs, badesc, sizeof badesc - 1, &cause), -1);
	free(cause);
	readstate_close(rs);
}

static void
test_default_path(void **state)
{
	char *p;

	(void)state;
	setenv("BYLINE_STATE", "/x/state", 1);
	p = readstate_default_path(NULL);
	assert_string_equal(p, "/x/state");
	free(p);
	p = readstate_default_path("/given");
	assert_string_equal(p, "/given");
	free(p);
	unsetenv("BYLINE_STATE");
	setenv("XDG_STATE_HOME", "/xdg", 1);
	p = readstate_default_path(NULL);
	assert_string_equal(p, "/xdg/byline/read");
	free(p);
	unsetenv("XDG_STATE_HOME");
	setenv("HOME", "/home/u", 1);
	p = readstate_default_path(NULL);
	assert_string_equal(p, "/home/u/.local/state/byline/read");
	free(p);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_roundtrip),
		cmocka_unit_test(test_merge),
		cmocka_unit_test(test_two_writers),
		cmocka_unit_test(test_eight_writers),
		cmocka_unit_test(test_killed_writer),
		cmocka_unit_test(test_corrupt_set_aside),
		cmocka_unit_test(test_big_file),
		cmocka_unit_test(test_state_is_directory),
		cmocka_unit_test(test_damaged_while_open),
		cmocka_unit_test(test_serial),
		cmocka_unit_test(test_symlink_kept),
		cmocka_unit_test(test_lock_same_process),
		cmocka_unit_test(test_lock_wait_gives_up),
		cmocka_unit_test(test_lock_wait_cancelled),
		cmocka_unit_test(test_finish_sets_aside),
		cmocka_unit_test(test_readonly_folder),
		cmocka_unit_test(test_full_disk),
		cmocka_unit_test(test_parse),
		cmocka_unit_test(test_default_path),
	};

	return cmocka_run_group_tests_name("readstate", tests, setup, teardown);
}
