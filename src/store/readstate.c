/*
 * readstate.c: read marks and positions on disk, atomic and safe to share.
 *
 * In memory: a string map (strmap.h) from key to entry, the entry packed in
 * the map's value as POSITION << 1 | READ. Changes are applied to it at once
 * and also queued. A save takes the lock (flock(2) on FILE.lock, FILE being
 * where a symbolic link finally points), waiting a few seconds at most; reads
 * the file again; when the file is missing or damaged, lays over it what
 * memory holds, so that a merge never loses a mark the reader shows; applies
 * the changes other readers set aside (FILE.pending-*) and the queue; writes
 * the result atomically and adopts it. A failed save keeps the queue, so the
 * next save tries again and nothing the user did is forgotten; a reader that
 * ends while another byline holds the lock sets its queue aside in a pending
 * file, which the next save merges.
 */
#include "readstate.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "fileio.h"
#include "strmap.h"
#include "util.h"

#define HEADER		"byline-state 1\n"
#define PENDING_HEADER	"byline-pending 1\n"
#define POS_MAX		(UINT64_MAX >> 1)	/* the largest position an entry holds */

/* An entry, as the map's value holds it. 0: unread, no position (not written). */
#define ENTRY(read, pos)	((uint64_t)(pos) << 1 | (uint64_t)((read) ? 1 : 0))
#define ENTRY_READ(v)		(((v) & 1) != 0)
#define ENTRY_POS(v)		((v) >> 1)

enum op_kind { OP_READ = 'r', OP_UNREAD = 'u', OP_POS = 'p' };

struct op {
	char		*key;
	enum op_kind	 kind;
	uint64_t	 pos;
};

struct ops {
	struct op	*v;
	size_t		 n, cap;
};

struct readstate {
	char		*path;		/* NULL for a memory-only state */
	struct strmap	 t;
	struct ops	 q;		/* changes not yet on disk */
	unsigned	 serial;	/* bumped when a save brings in others' changes */
	bool		 busy;		/* the last save found the lock held */
	int		 wait_ms;	/* how long a save waits for the lock */
	const volatile sig_atomic_t *cancel;	/* a change ends a wait for the lock */
};

/* ---- entries and changes ---- */

/* The entry for key (0 when the map does not hold it). */
static uint64_t
entry_get(const struct strmap *t, const char *key)
{
	union strmap_val *v = strmap_get(t, key, strlen(key));

	return v != NULL ? v->u : 0;
}

/* Set the entry for key (added when missing). */
static void
entry_set(struct strmap *t, const char *key, uint64_t e)
{
	strmap_put(t, key, strlen(key), NULL)->u = e;
}

/* Apply one change to t. */
static void
apply(struct strmap *t, const struct op *op)
{
	union strmap_val *v = strmap_put(t, op->key, strlen(op->key), NULL);

	switch (op->kind) {
	case OP_READ:
		v->u |= 1;
		break;
	case OP_UNREAD:
		v->u &= ~(uint64_t)1;
		break;
	case OP_POS:
		v->u = ENTRY(ENTRY_READ(v->u), op->pos);
		break;
	}
}

/* Add a change to the queue q (the key copied). */
static void
ops_add(struct ops *q, const char *key, enum op_kind kind, uint64_t pos)
{
	struct op *op;

	ARRAY_GROW(q->v, q->n + 1, q->cap);
	op = &q->v[q->n++];
	op->key = xstrdup(key);
	op->kind = kind;
	op->pos = pos;
}

/* Release the queue q's changes; q is then empty. */
static void
ops_free(struct ops *q)
{
	size_t i;

	for (i = 0; i < q->n; i++)
		free(q->v[i].key);
	free(q->v);
	memset(q, 0, sizeof *q);
}

/* Lay every entry of from over to (from wins). */
static void
overlay(struct strmap *to, const struct strmap *from)
{
	const struct strmap_slot *s;
	size_t i = 0;

	while ((s = strmap_next(from, &i)) != NULL)
		if (s->val.u != 0)
			strmap_put(to, s->key, s->len, NULL)->u = s->val.u;
}

/* Does b lack an entry of a, or hold it otherwise? */
static bool
entries_missing(const struct strmap *a, const struct strmap *b)
{
	const struct strmap_slot *s;
	size_t i = 0;

	while ((s = strmap_next(a, &i)) != NULL) {
		union strmap_val *v;

		if (s->val.u == 0)
			continue;
		v = strmap_get(b, s->key, s->len);
		if (v == NULL || v->u != s->val.u)
			return true;
	}
	return false;
}

/* ---- the file format ---- */

static int
hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Append key with spaces, controls and '%' escaped as %XX. */
static void
escape_key(struct buf *b, const char *key)
{
	const unsigned char *p;

	for (p = (const unsigned char *)key; *p != '\0'; p++) {
		if (*p <= 0x20 || *p == 0x7f || *p == '%')
			buf_printf(b, "%%%02X", *p);
		else
			buf_addc(b, (char)*p);
	}
}

/* The key s[0..len) unescaped, as a new string; NULL when malformed. */
static char *
unescape_key(const char *s, size_t len)
{
	char *key = xmalloc(len + 1);
	size_t i, klen = 0;

	for (i = 0; i < len; i++) {
		int hi, lo;

		if (s[i] == '%') {
			if (len - i < 3 || (hi = hexval(s[i + 1])) < 0 || (lo = hexval(s[i + 2])) < 0 ||
			    (hi == 0 && lo == 0))
				break;
			key[klen++] = (char)(hi * 16 + lo);
			i += 2;
		} else if ((unsigned char)s[i] < 0x21 || s[i] == 0x7f) {
			break;
		} else {
			key[klen++] = s[i];
		}
	}
	if (i < len) {
		free(key);
		return NULL;
	}
	key[klen] = '\0';
	return key;
}

/* One line of a marks file: "KEY FLAG POSITION". */
struct line {
	char		*key;
	char		 flag;
	uint64_t	 pos;
};

/* Parse line s[0..len), its flag one of flags; false when malformed. */
static bool
parse_line(const char *s, size_t len, const char *flags, struct line *l)
{
	const char *sp1 = memchr(s, ' ', len), *end = s + len, *p;
	uint64_t pos = 0;

	if (sp1 == NULL || sp1 == s || end - sp1 < 4 || sp1[2] != ' ' || sp1[1] == '\0' ||
	    strchr(flags, sp1[1]) == NULL)
		return false;
	for (p = sp1 + 3; p < end; p++) {
		if (!ascii_isdigit((unsigned char)*p) || pos > (POS_MAX - 9) / 10)
			return false;
		pos = pos * 10 + (uint64_t)(*p - '0');
	}
	if (p == sp1 + 3 || (l->key = unescape_key(s, (size_t)(sp1 - s))) == NULL)
		return false;
	l->flag = sp1[1];
	l->pos = pos;
	return true;
}

/* What a marks file is: its first line and the flags its lines take. */
struct format {
	const char	*header;	/* with its newline */
	const char	*flags;
	const char	*line;		/* how a line looks, for messages */
	void		(*take)(void *arg, struct line *l);	/* takes l->key */
};

/*
 * Parse a whole file of format f, handing each line to f->take(arg); 0 if
 * well formed, else -1 and *cause (the lines before the fault were taken).
 */
static int
parse_file(const struct format *f, void *arg, const char *data, size_t len, char **cause)
{
	const char *p = data, *end = data + len;
	size_t count = 0, lineno = 1, hlen = strlen(f->header);
	bool ended = false;

	*cause = NULL;
	if (len < hlen || memcmp(data, f->header, hlen) != 0) {
		*cause = xasprintf("it does not start with \"%.*s\"", (int)hlen - 1, f->header);
		return -1;
	}
	p += hlen;
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t l;
		struct line ln;

		lineno++;
		if (nl == NULL) {
			*cause = xasprintf("line %zu is cut short", lineno);
			return -1;
		}
		l = (size_t)(nl - p);
		if (ended) {
			*cause = xasprintf("line %zu follows the end line", lineno);
			return -1;
		}
		if (l > 4 && memcmp(p, "end ", 4) == 0) {
			size_t n = 0, i;

			for (i = 4; i < l && ascii_isdigit((unsigned char)p[i]) && n < SIZE_MAX / 10; i++)
				n = n * 10 + (size_t)(p[i] - '0');
			if (i != l || n != count) {
				*cause = xasprintf("its end line says %.*s entries, not %zu",
				    (int)(l > 24 ? 24 : l - 4), p + 4, count);
				return -1;
			}
			ended = true;
		} else if (parse_line(p, l, f->flags, &ln)) {
			f->take(arg, &ln);
			count++;
		} else {
			*cause = xasprintf("line %zu is not \"%s\"", lineno, f->line);
			return -1;
		}
		p = nl + 1;
	}
	if (!ended) {
		*cause = xstrdup("it is cut short (no end line)");
		return -1;
	}
	return 0;
}

/* A line of a state file into the map arg. */
static void
take_entry(void *arg, struct line *l)
{
	entry_set(arg, l->key, ENTRY(l->flag == 'r', l->pos));
	free(l->key);
}

/* A line of a pending file into the queue arg. */
static void
take_op(void *arg, struct line *l)
{
	struct ops *q = arg;

	ARRAY_GROW(q->v, q->n + 1, q->cap);
	q->v[q->n].key = l->key;
	q->v[q->n].kind = (enum op_kind)l->flag;
	q->v[q->n++].pos = l->pos;
}

static const struct format state_format = { HEADER, "ru", "KEY r|u POSITION", take_entry };
static const struct format pending_format = { PENDING_HEADER, "rup", "KEY r|u|p POSITION", take_op };

/* The bytes to write for map t. */
static void
serialize(const struct strmap *t, struct buf *b)
{
	const struct strmap_slot *s;
	size_t i = 0, count = 0;

	buf_adds(b, HEADER);
	while ((s = strmap_next(t, &i)) != NULL) {
		if (s->val.u == 0)
			continue;
		escape_key(b, s->key);
		buf_printf(b, " %c %llu\n", ENTRY_READ(s->val.u) ? 'r' : 'u',
		    (unsigned long long)ENTRY_POS(s->val.u));
		count++;
	}
	buf_printf(b, "end %zu\n", count);
}

/* The bytes of a pending file for queue q. */
static void
serialize_ops(const struct ops *q, struct buf *b)
{
	size_t i;

	buf_adds(b, PENDING_HEADER);
	for (i = 0; i < q->n; i++) {
		escape_key(b, q->v[i].key);
		buf_printf(b, " %c %llu\n", (char)q->v[i].kind, (unsigned long long)q->v[i].pos);
	}
	buf_printf(b, "end %zu\n", q->n);
}

/* ---- files ---- */

char *
readstate_default_path(const char *override)
{
	const char *v;

	if (override != NULL && override[0] != '\0')
		return xstrdup(override);
	if ((v = getenv("BYLINE_STATE")) != NULL && v[0] != '\0')
		return xstrdup(v);
	if ((v = getenv("XDG_STATE_HOME")) != NULL && v[0] == '/')
		return xasprintf("%s/byline/read", v);
	if ((v = getenv("HOME")) != NULL && v[0] != '\0')
		return xasprintf("%s/.local/state/byline/read", v);
	return xstrdup(".byline-state");
}

/*
 * Take the lock beside real (real.lock), waiting at most wait_ms and no
 * longer than *cancel keeps the value it had. Returns the descriptor
 * holding it, or -1 with errno (EWOULDBLOCK: another process holds it).
 * flock(2): two descriptors exclude each other even in one process.
 */
static int
lock_take(const char *real, int wait_ms, const volatile sig_atomic_t *cancel)
{
	char *lp = xasprintf("%s.lock", real);
	sig_atomic_t start = cancel != NULL ? *cancel : 0;
	struct timespec t0, now, nap = { 0, 1000000 };
	int fd, saved;

	fd = open(lp, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
	saved = errno;
	free(lp);
	if (fd < 0) {
		errno = saved;
		return -1;
	}
	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (;;) {
		if (flock(fd, LOCK_EX | LOCK_NB) == 0)
			return fd;
		if (errno != EWOULDBLOCK && errno != EINTR)
			break;
		clock_gettime(CLOCK_MONOTONIC, &now);
		if ((now.tv_sec - t0.tv_sec) * 1000 + (now.tv_nsec - t0.tv_nsec) / 1000000 >= wait_ms ||
		    (cancel != NULL && *cancel != start)) {
			errno = EWOULDBLOCK;
			break;
		}
		/* 1 ms, doubling up to 16: a short save ahead is met at once */
		nanosleep(&nap, NULL);
		if (nap.tv_nsec < 16000000)
			nap.tv_nsec *= 2;
	}
	saved = errno;
	close(fd);
	errno = saved;
	return -1;
}

/* Rename a bad file out of the way; returns its new name or NULL. */
static char *
set_aside(const char *path)
{
	char stamp[32];
	time_t now = time(NULL);
	struct tm tm;
	char *dest;
	int i;

	gmtime_r(&now, &tm);
	strftime(stamp, sizeof stamp, "%Y%m%d-%H%M%S", &tm);
	for (i = 0; i < 100; i++) {
		struct stat st;

		dest = i == 0 ? xasprintf("%s.corrupt-%s", path, stamp) :
		    xasprintf("%s.corrupt-%s-%d", path, stamp, i);
		if (lstat(dest, &st) < 0 && errno == ENOENT && rename(path, dest) == 0)
			return dest;
		free(dest);
	}
	return NULL;
}

enum load {
	LOAD_OK,		/* read and well formed */
	LOAD_ABSENT,		/* no such file */
	LOAD_DAMAGED,		/* not a marks file (what could be read was taken) */
	LOAD_FAILED,		/* could not be read at all: not a file, no permission */
};

/*
 * Read the file at path into b, at most max bytes and one more to tell it
 * was larger. Returns LOAD_OK, LOAD_ABSENT, or LOAD_FAILED with *cause.
 */
static enum load
read_whole(const char *path, size_t max, struct buf *b, char **cause)
{
	struct stat st;
	char chunk[65536];
	ssize_t r;
	int fd;

	fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0) {
		if (errno == ENOENT)
			return LOAD_ABSENT;
		*cause = xasprintf("%s: %s", path, strerror(errno));
		return LOAD_FAILED;
	}
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode)) {
		*cause = xasprintf("%s: %s", path, S_ISDIR(st.st_mode) ?
		    "is a directory, not a state file" : "is not a regular file");
		close(fd);
		return LOAD_FAILED;
	}
	while (b->len <= max && (r = read(fd, chunk, sizeof chunk)) != 0) {
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			*cause = xasprintf("%s: %s", path, strerror(errno));
			close(fd);
			return LOAD_FAILED;
		}
		buf_add(b, chunk, (size_t)r);
	}
	close(fd);
	return LOAD_OK;
}

/*
 * Load the file at path into t. Returns what it found; for LOAD_DAMAGED and
 * LOAD_FAILED, *cause describes the problem (a damaged file was set aside
 * when may_move). Entries that could be read are kept.
 */
static enum load
load_file(const char *path, struct strmap *t, bool may_move, char **cause)
{
	struct buf b = BUF_INIT;
	char *why = NULL, *moved;
	enum load r;

	*cause = NULL;
	r = read_whole(path, READSTATE_MAX_FILE, &b, cause);
	if (r != LOAD_OK) {
		buf_free(&b);
		return r;
	}
	if (b.len > READSTATE_MAX_FILE)
		why = xasprintf("it is larger than %u MiB", READSTATE_MAX_FILE / (1024 * 1024));
	else if (b.len == 0)
		why = xstrdup("it is empty");
	else
		parse_file(&state_format, t, b.data, b.len, &why);
	buf_free(&b);
	if (why == NULL)
		return LOAD_OK;
	moved = may_move ? set_aside(path) : NULL;
	if (moved != NULL)
		*cause = xasprintf("%s is damaged (%s); set aside as %s", path, why, moved);
	else
		*cause = xasprintf("%s is damaged (%s)", path, why);
	free(moved);
	free(why);
	return LOAD_DAMAGED;
}

/* The names list of pending files found beside a state file. */
struct names {
	char	**v;
	size_t	  n, cap;
};

/* qsort order of two strings. */
static int
names_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Release the names of nm; nm is then empty. */
static void
names_free(struct names *nm)
{
	size_t i;

	for (i = 0; i < nm->n; i++)
		free(nm->v[i]);
	free(nm->v);
	memset(nm, 0, sizeof *nm);
}

/*
 * Apply to t the changes set aside beside real (real.pending-*, written by
 * readers that ended while the lock was held), in the order of their names.
 * Their paths go to used (when not NULL) to be removed once t is written;
 * a damaged one is set aside.
 */
static void
merge_pending(const char *real, struct strmap *t, struct names *used)
{
	const char *slash = strrchr(real, '/');
	char *dir = slash != NULL ? xstrndup(real, slash == real ? 1 : (size_t)(slash - real)) : xstrdup(".");
	char *prefix = xasprintf("%s.pending-", slash != NULL ? slash + 1 : real);
	struct names found = { 0 };
	struct dirent *de;
	DIR *d = opendir(dir);
	size_t i, k;

	while (d != NULL && (de = readdir(d)) != NULL)
		if (strncmp(de->d_name, prefix, strlen(prefix)) == 0 &&
		    strstr(de->d_name, ".corrupt-") == NULL) {
			ARRAY_GROW(found.v, found.n + 1, found.cap);
			found.v[found.n++] = xasprintf("%s/%s", dir, de->d_name);
		}
	if (d != NULL)
		closedir(d);
	if (found.n > 1)
		qsort(found.v, found.n, sizeof *found.v, names_cmp);
	for (i = 0; i < found.n; i++) {
		struct buf b = BUF_INIT;
		struct ops q = { 0 };
		char *why = NULL;

		if (read_whole(found.v[i], READSTATE_MAX_FILE, &b, &why) == LOAD_OK &&
		    b.len <= READSTATE_MAX_FILE &&
		    parse_file(&pending_format, &q, b.data != NULL ? b.data : "", b.len, &why) == 0) {
			for (k = 0; k < q.n; k++)
				apply(t, &q.v[k]);
			if (used != NULL) {
				ARRAY_GROW(used->v, used->n + 1, used->cap);
				used->v[used->n++] = xstrdup(found.v[i]);
			}
		} else if (used != NULL) {
			free(set_aside(found.v[i]));
		}
		free(why);
		ops_free(&q);
		buf_free(&b);
	}
	names_free(&found);
	free(prefix);
	free(dir);
}

/* ---- saving ---- */

/* Write the queue of rs beside real as a new pending file. Returns 0, or -1 with *cause. */
static int
write_pending(const struct readstate *rs, const char *real, char **cause)
{
	struct buf b = BUF_INIT;
	struct timespec now;
	char *path;
	int ret;

	clock_gettime(CLOCK_REALTIME, &now);
	path = xasprintf("%s.pending-%020lld-%09ld-%ld", real, (long long)now.tv_sec, now.tv_nsec,
	    (long)getpid());
	serialize_ops(&rs->q, &b);
	ret = file_write_atomic(path, b.data, b.len, FW_PRIVATE | FW_NOREPLACE, cause);
	if (ret == 0)
		*cause = xasprintf("another byline holds the read marks (%s.lock): %zu change%s "
		    "set aside in %s, for the next byline to save", real, rs->q.n,
		    rs->q.n == 1 ? "" : "s", path);
	free(path);
	buf_free(&b);
	return ret;
}

/* The file rs's path finally names (links followed), or NULL with *cause. */
static char *
real_path(const struct readstate *rs, char **cause)
{
	char *real = path_follow_links(rs->path);

	if (real == NULL)
		*cause = xasprintf("%s: %s", rs->path, strerror(errno));
	return real;
}

/*
 * Merge the file at real (read under the lock lfd) with rs and its queue,
 * write the result and adopt it. Returns 0, or -1 with *cause.
 */
static int
merge_and_write(struct readstate *rs, const char *real, char **cause)
{
	struct strmap fresh = STRMAP_INIT;
	struct names used = { 0 };
	struct buf b = BUF_INIT;
	char *why = NULL;
	enum load r;
	size_t i;

	r = load_file(real, &fresh, true, &why);
	if (r == LOAD_FAILED) {
		/* a state path we cannot read or replace (a folder, say): keep it intact */
		*cause = why;
		strmap_free(&fresh);
		return -1;
	}
	free(why);
	/* gone or damaged (and set aside): what this reader shows is kept */
	if (r != LOAD_OK)
		overlay(&fresh, &rs->t);
	merge_pending(real, &fresh, &used);
	for (i = 0; i < rs->q.n; i++)
		apply(&fresh, &rs->q.v[i]);
	serialize(&fresh, &b);
	if (file_write_atomic(real, b.data, b.len, FW_PRIVATE, cause) < 0) {
		buf_free(&b);
		strmap_free(&fresh);
		names_free(&used);
		return -1;
	}
	buf_free(&b);
	for (i = 0; i < used.n; i++)
		unlink(used.v[i]);
	names_free(&used);
	if (entries_missing(&fresh, &rs->t) || entries_missing(&rs->t, &fresh))
		rs->serial++;
	strmap_free(&rs->t);
	rs->t = fresh;
	ops_free(&rs->q);
	return 0;
}

/* Save the queued changes, waiting wait_ms at most for the lock. Returns 0, or -1 with *cause. */
static int
save(struct readstate *rs, int wait_ms, char **cause)
{
	char *real;
	int lfd, ret;

	*cause = NULL;
	if (rs->path == NULL) {
		*cause = xstrdup("read marks are kept in memory only");
		return -1;
	}
	if (rs->q.n == 0)
		return 0;
	if ((real = real_path(rs, cause)) == NULL)
		return -1;
	if (make_parents(real, 0700) < 0) {
		*cause = xasprintf("%s: %s", real, strerror(errno));
		free(real);
		return -1;
	}
	if ((lfd = lock_take(real, wait_ms, rs->cancel)) < 0) {
		if (errno == EWOULDBLOCK) {
			rs->busy = true;
			*cause = xasprintf("another byline holds the read marks (%s.lock)", real);
		} else {
			*cause = xasprintf("%s.lock: %s", real, strerror(errno));
		}
		free(real);
		return -1;
	}
	rs->busy = false;
	ret = merge_and_write(rs, real, cause);
	close(lfd);
	free(real);
	return ret;
}

/* Queue a change and apply it in memory. */
static void
queue(struct readstate *rs, const char *key, enum op_kind kind, uint64_t pos)
{
	ops_add(&rs->q, key, kind, pos);
	apply(&rs->t, &rs->q.v[rs->q.n - 1]);
}

/* ---- the public side ---- */

struct readstate *
readstate_new_memory(void)
{
	struct readstate *rs = xcalloc(1, sizeof(struct readstate));

	rs->wait_ms = READSTATE_LOCK_WAIT_MS;
	return rs;
}

struct readstate *
readstate_open(const char *path, char **warning)
{
	struct readstate *rs = readstate_new_memory();
	char *real;
	int lfd;

	*warning = NULL;
	rs->path = xstrdup(path);
	if ((real = path_follow_links(path)) == NULL)
		real = xstrdup(path);
	/*
	 * A damaged file is set aside only under the lock, so that no writer
	 * races; the lock is only tried: reading needs none (files are
	 * replaced whole), and opening must never wait.
	 */
	lfd = lock_take(real, 0, NULL);
	load_file(real, &rs->t, lfd >= 0, warning);
	merge_pending(real, &rs->t, NULL);
	if (lfd >= 0)
		close(lfd);
	free(real);
	return rs;
}

void
readstate_close(struct readstate *rs)
{
	if (rs == NULL)
		return;
	strmap_free(&rs->t);
	ops_free(&rs->q);
	free(rs->path);
	free(rs);
}

const char *
readstate_path(const struct readstate *rs)
{
	return rs->path != NULL ? rs->path : "(memory)";
}

bool
readstate_is_read(const struct readstate *rs, const char *key)
{
	return ENTRY_READ(entry_get(&rs->t, key));
}

uint64_t
readstate_position(const struct readstate *rs, const char *key)
{
	return ENTRY_POS(entry_get(&rs->t, key));
}

int
readstate_set_read(struct readstate *rs, const char *const *keys, size_t n, bool read,
    char **cause)
{
	size_t i;

	for (i = 0; i < n; i++)
		queue(rs, keys[i], read ? OP_READ : OP_UNREAD, 0);
	return save(rs, rs->busy ? 0 : rs->wait_ms, cause);
}

int
readstate_set_position(struct readstate *rs, const char *key, uint64_t pos, char **cause)
{
	queue(rs, key, OP_POS, pos > POS_MAX ? POS_MAX : pos);
	return save(rs, rs->busy ? 0 : rs->wait_ms, cause);
}

int
readstate_save(struct readstate *rs, bool wait, char **cause)
{
	return save(rs, wait ? rs->wait_ms : 0, cause);
}

int
readstate_finish(struct readstate *rs, char **cause)
{
	char *real;
	int ret;

	*cause = NULL;
	if (rs->q.n == 0 || rs->path == NULL)
		return 0;
	if (save(rs, rs->wait_ms, cause) == 0)
		return 0;
	if (!rs->busy)
		return -1;
	/* the lock is still held by another: set the changes aside beside the file */
	free(*cause);
	*cause = NULL;
	if ((real = real_path(rs, cause)) == NULL)
		return -1;
	ret = write_pending(rs, real, cause);
	free(real);
	if (ret < 0)
		return -1;
	ops_free(&rs->q);
	return 1;
}

size_t
readstate_pending(const struct readstate *rs)
{
	return rs->q.n;
}

bool
readstate_busy(const struct readstate *rs)
{
	return rs->busy;
}

unsigned
readstate_serial(const struct readstate *rs)
{
	return rs->serial;
}

void
readstate_set_wait(struct readstate *rs, int ms, const volatile sig_atomic_t *cancel)
{
	rs->wait_ms = ms;
	rs->cancel = cancel;
}

size_t
readstate_count(const struct readstate *rs, size_t *nread)
{
	const struct strmap_slot *s;
	size_t i = 0, n = 0, r = 0;

	while ((s = strmap_next(&rs->t, &i)) != NULL) {
		if (s->val.u == 0)
			continue;
		n++;
		r += ENTRY_READ(s->val.u);
	}
	if (nread != NULL)
		*nread = r;
	return n;
}

int
readstate_parse(struct readstate *rs, const char *data, size_t len, char **cause)
{
	strmap_free(&rs->t);
	return parse_file(&state_format, &rs->t, data, len, cause);
}
