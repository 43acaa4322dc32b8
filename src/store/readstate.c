/*
 * readstate.c: read marks and positions on disk, atomic and safe to share.
 *
 * In memory: an open-addressing hash table from key to entry. Changes are
 * applied to it at once and also queued; a save takes the lock, reads the
 * file again into a fresh table, applies the queued changes, writes the
 * result atomically and adopts it. A failed save keeps the queue, so the
 * next save tries again and nothing the user did is forgotten.
 */
#include "readstate.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "fileio.h"
#include "util.h"

#define HEADER "byline-state 1\n"

struct entry {
	char		*key;		/* NULL: empty slot */
	bool		 read;
	uint64_t	 pos;
};

struct table {
	struct entry	*slots;
	size_t		 cap;		/* a power of two */
	size_t		 n;
};

enum op_kind { OP_READ, OP_UNREAD, OP_POS };

struct op {
	char		*key;
	enum op_kind	 kind;
	uint64_t	 pos;
};

struct readstate {
	char		*path;		/* NULL for a memory-only state */
	struct table	 t;
	struct op	*ops;		/* changes not yet on disk */
	size_t		 nops, ops_cap;
};

/* ---- the table ---- */

static size_t
slot_of(const struct table *t, const char *key)
{
	size_t i = (size_t)fnv64(FNV64_INIT, key, strlen(key)) & (t->cap - 1);

	while (t->slots[i].key != NULL && strcmp(t->slots[i].key, key) != 0)
		i = (i + 1) & (t->cap - 1);
	return i;
}

static void table_free(struct table *t);

static void
table_grow(struct table *t)
{
	struct table nt;
	size_t i;

	nt.cap = t->cap == 0 ? 64 : t->cap * 2;
	nt.n = t->n;
	nt.slots = xcalloc(nt.cap, sizeof *nt.slots);
	for (i = 0; i < t->cap; i++)
		if (t->slots[i].key != NULL)
			nt.slots[slot_of(&nt, t->slots[i].key)] = t->slots[i];
	free(t->slots);
	*t = nt;
}

/* The entry for key, created empty when missing. */
static struct entry *
table_get(struct table *t, const char *key)
{
	size_t i;

	if ((t->n + 1) * 4 > t->cap * 3)
		table_grow(t);
	i = slot_of(t, key);
	if (t->slots[i].key == NULL) {
		t->slots[i].key = xstrdup(key);
		t->slots[i].read = false;
		t->slots[i].pos = 0;
		t->n++;
	}
	return &t->slots[i];
}

static const struct entry *
table_find(const struct table *t, const char *key)
{
	size_t i;

	if (t->cap == 0)
		return NULL;
	i = slot_of(t, key);
	return t->slots[i].key != NULL ? &t->slots[i] : NULL;
}

static void
table_free(struct table *t)
{
	size_t i;

	for (i = 0; i < t->cap; i++)
		free(t->slots[i].key);
	free(t->slots);
	memset(t, 0, sizeof *t);
}

static void
apply(struct table *t, const struct op *op)
{
	struct entry *e = table_get(t, op->key);

	switch (op->kind) {
	case OP_READ:
		e->read = true;
		break;
	case OP_UNREAD:
		e->read = false;
		break;
	case OP_POS:
		e->pos = op->pos;
		break;
	}
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

/* Parse one "KEY FLAG POS" line into t; false when malformed. */
static bool
parse_line(struct table *t, const char *s, size_t len)
{
	const char *sp1 = memchr(s, ' ', len), *end = s + len, *p;
	char *key;
	size_t klen = 0;
	struct entry *e;
	uint64_t pos = 0;
	bool read;

	if (sp1 == NULL || sp1 == s || end - sp1 < 4 || sp1[2] != ' ' ||
	    (sp1[1] != 'r' && sp1[1] != 'u'))
		return false;
	read = sp1[1] == 'r';
	for (p = sp1 + 3; p < end; p++) {
		if (!ascii_isdigit((unsigned char)*p) || pos > (UINT64_MAX - 9) / 10)
			return false;
		pos = pos * 10 + (uint64_t)(*p - '0');
	}
	if (p == sp1 + 3)
		return false;
	key = xmalloc((size_t)(sp1 - s) + 1);
	for (p = s; p < sp1; p++) {
		if (*p == '%') {
			int hi, lo;

			if (sp1 - p < 3 || (hi = hexval(p[1])) < 0 || (lo = hexval(p[2])) < 0 ||
			    (hi == 0 && lo == 0)) {
				free(key);
				return false;
			}
			key[klen++] = (char)(hi * 16 + lo);
			p += 2;
		} else if ((unsigned char)*p < 0x21 || *p == 0x7f) {
			free(key);
			return false;
		} else {
			key[klen++] = *p;
		}
	}
	key[klen] = '\0';
	e = table_get(t, key);
	e->read = read;
	e->pos = pos;
	free(key);
	return true;
}

/* Parse a whole file into t; 0 if well formed, else -1 and *cause. */
static int
parse_into(struct table *t, const char *data, size_t len, char **cause)
{
	const char *p = data, *end = data + len;
	size_t count = 0, lineno = 1;
	bool ended = false;

	*cause = NULL;
	if (len < sizeof HEADER - 1 || memcmp(data, HEADER, sizeof HEADER - 1) != 0) {
		*cause = xstrdup("it does not start with \"byline-state 1\"");
		return -1;
	}
	p += sizeof HEADER - 1;
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t l;

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
		} else if (parse_line(t, p, l)) {
			count++;
		} else {
			*cause = xasprintf("line %zu is not \"KEY r|u POSITION\"", lineno);
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

/* The bytes to write for table t. */
static void
serialize(const struct table *t, struct buf *b)
{
	size_t i, count = 0;

	buf_adds(b, HEADER);
	for (i = 0; i < t->cap; i++) {
		const struct entry *e = &t->slots[i];

		if (e->key == NULL || (!e->read && e->pos == 0))
			continue;
		escape_key(b, e->key);
		buf_printf(b, " %c %llu\n", e->read ? 'r' : 'u', (unsigned long long)e->pos);
		count++;
	}
	buf_printf(b, "end %zu\n", count);
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

/* Take the lock of rs; returns its descriptor, or -1 with errno set. */
static int
lock_take(const char *path)
{
	char *lp = xasprintf("%s.lock", path);
	struct flock fl;
	int fd, saved;

	fd = open(lp, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
	saved = errno;
	free(lp);
	if (fd < 0) {
		errno = saved;
		return -1;
	}
	memset(&fl, 0, sizeof fl);
	fl.l_type = F_WRLCK;
	fl.l_whence = SEEK_SET;
	while (fcntl(fd, F_SETLKW, &fl) < 0) {
		if (errno != EINTR) {
			saved = errno;
			close(fd);
			errno = saved;
			return -1;
		}
	}
	return fd;
}

/* Rename a bad state file out of the way; returns its new name or NULL. */
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

/*
 * Load the file at path into t. Returns 0 when it was fine or absent; else
 * -1 with *cause describing the problem (the file was set aside when
 * may_move and it was corrupt). Entries that could be read are kept.
 */
static int
load_file(const char *path, struct table *t, bool may_move, char **cause)
{
	struct stat st;
	struct buf b = BUF_INIT;
	char *why = NULL, *moved;
	int fd, ret = 0;

	*cause = NULL;
	fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0) {
		if (errno == ENOENT)
			return 0;
		*cause = xasprintf("%s: %s", path, strerror(errno));
		return -1;
	}
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode)) {
		*cause = xasprintf("%s: %s", path, S_ISDIR(st.st_mode) ?
		    "is a directory, not a state file" : "is not a regular file");
		close(fd);
		return -1;
	}
	if ((uint64_t)st.st_size > READSTATE_MAX_FILE) {
		why = xasprintf("it is larger than %u MiB", READSTATE_MAX_FILE / (1024 * 1024));
	} else {
		char chunk[65536];
		ssize_t r;

		while ((r = read(fd, chunk, sizeof chunk)) != 0) {
			if (r < 0) {
				if (errno == EINTR)
					continue;
				*cause = xasprintf("%s: %s", path, strerror(errno));
				close(fd);
				buf_free(&b);
				return -1;
			}
			buf_add(&b, chunk, (size_t)r);
			if (b.len > READSTATE_MAX_FILE)
				break;
		}
		if (b.len > READSTATE_MAX_FILE)
			why = xasprintf("it is larger than %u MiB", READSTATE_MAX_FILE / (1024 * 1024));
		else if (b.len > 0 || st.st_size > 0)
			parse_into(t, b.data != NULL ? b.data : "", b.len, &why);
		else
			why = xstrdup("it is empty");
	}
	close(fd);
	buf_free(&b);
	if (why == NULL)
		return 0;
	moved = may_move ? set_aside(path) : NULL;
	if (moved != NULL)
		*cause = xasprintf("%s is damaged (%s); set aside as %s", path, why, moved);
	else
		*cause = xasprintf("%s is damaged (%s)", path, why);
	free(moved);
	free(why);
	ret = -1;
	return ret;
}

/* Write t to path atomically (base/fileio). Returns 0, or -1 with *cause. */
static int
write_file(const char *path, const struct table *t, char **cause)
{
	struct buf b = BUF_INIT;
	int ret;

	serialize(t, &b);
	ret = file_write_atomic(path, b.data != NULL ? b.data : "", b.len, FW_PRIVATE, cause);
	buf_free(&b);
	return ret;
}

/* Save the queued changes: lock, reload, merge, write, adopt. */
static int
save(struct readstate *rs, char **cause)
{
	struct table fresh;
	char *why = NULL;
	size_t i;
	int lfd;

	*cause = NULL;
	if (rs->path == NULL) {
		*cause = xstrdup("read marks are kept in memory only");
		return -1;
	}
	if (make_parents(rs->path, 0700) < 0 || (lfd = lock_take(rs->path)) < 0) {
		*cause = xasprintf("%s: %s", rs->path, strerror(errno));
		return -1;
	}
	memset(&fresh, 0, sizeof fresh);
	if (load_file(rs->path, &fresh, true, &why) < 0) {
		struct stat st;

		/* a state path we cannot replace (a folder, say): keep it intact */
		if (stat(rs->path, &st) == 0 && !S_ISREG(st.st_mode)) {
			*cause = why;
			table_free(&fresh);
			close(lfd);
			return -1;
		}
		free(why);	/* damaged and set aside: what was readable is kept */
	}
	for (i = 0; i < rs->nops; i++)
		apply(&fresh, &rs->ops[i]);
	if (write_file(rs->path, &fresh, cause) < 0) {
		table_free(&fresh);
		close(lfd);
		return -1;
	}
	close(lfd);
	table_free(&rs->t);
	rs->t = fresh;
	for (i = 0; i < rs->nops; i++)
		free(rs->ops[i].key);
	rs->nops = 0;
	return 0;
}

/* Queue a change and apply it in memory. */
static void
queue(struct readstate *rs, const char *key, enum op_kind kind, uint64_t pos)
{
	struct op *op;

	ARRAY_GROW(rs->ops, rs->nops + 1, rs->ops_cap);
	op = &rs->ops[rs->nops++];
	op->key = xstrdup(key);
	op->kind = kind;
	op->pos = pos;
	apply(&rs->t, op);
}

/* ---- the public side ---- */

struct readstate *
readstate_new_memory(void)
{
	return xcalloc(1, sizeof(struct readstate));
}

struct readstate *
readstate_open(const char *path, char **warning)
{
	struct readstate *rs = readstate_new_memory();
	int lfd;

	*warning = NULL;
	rs->path = xstrdup(path);
	/* set a damaged file aside only under the lock, so no writer is racing */
	lfd = lock_take(path);
	load_file(path, &rs->t, lfd >= 0, warning);
	if (lfd >= 0)
		close(lfd);
	return rs;
}

void
readstate_close(struct readstate *rs)
{
	size_t i;

	if (rs == NULL)
		return;
	table_free(&rs->t);
	for (i = 0; i < rs->nops; i++)
		free(rs->ops[i].key);
	free(rs->ops);
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
	const struct entry *e = table_find(&rs->t, key);

	return e != NULL && e->read;
}

uint64_t
readstate_position(const struct readstate *rs, const char *key)
{
	const struct entry *e = table_find(&rs->t, key);

	return e != NULL ? e->pos : 0;
}

int
readstate_set_read(struct readstate *rs, const char *const *keys, size_t n, bool read,
    char **cause)
{
	size_t i;

	for (i = 0; i < n; i++)
		queue(rs, keys[i], read ? OP_READ : OP_UNREAD, 0);
	return save(rs, cause);
}

int
readstate_set_position(struct readstate *rs, const char *key, uint64_t pos, char **cause)
{
	queue(rs, key, OP_POS, pos);
	return save(rs, cause);
}

size_t
readstate_count(const struct readstate *rs, size_t *nread)
{
	size_t i, n = 0, r = 0;

	for (i = 0; i < rs->t.cap; i++) {
		const struct entry *e = &rs->t.slots[i];

		if (e->key == NULL || (!e->read && e->pos == 0))
			continue;
		n++;
		r += e->read;
	}
	if (nread != NULL)
		*nread = r;
	return n;
}

int
readstate_parse(struct readstate *rs, const char *data, size_t len, char **cause)
{
	table_free(&rs->t);
	return parse_into(&rs->t, data, len, cause);
}
