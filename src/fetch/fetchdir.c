/*
 * fetchdir.c: what fetch remembers about one library folder (fetch-int.h).
 *
 * Files in the folder's state folder:
 *	dir		the library folder, for people looking
 *	lock		held (fcntl) for the whole run
 *	seen		"byline-seen 1", then one line per story written:
 *			KEY TAB VERSION TAB HASH TAB PATH (fields escaped); a later
 *			line for a key replaces an earlier one
 *	http		"byline-http 1", then URL TAB ETAG TAB LAST-MODIFIED TAB
 *			RETRY-AFTER per feed ("-" for none)
 * Damaged lines are skipped; a journal that has grown to twice its entries
 * is rewritten. Losing either file costs a full download, never a
 * duplicate: a story whose file name is taken by a file with its id is
 * recognised (fetch.c).
 */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "fetch-int.h"
#include "fileio.h"
#include "util.h"

/* Largest state file read. */
#define FETCHDIR_MAX_FILE (256u * 1024 * 1024)

void
fetchdir_escape(struct buf *out, const char *s)
{
	for (; s != NULL && *s != '\0'; s++) {
		if (*s == '%' || *s == '\t' || *s == '\n' || *s == '\r')
			buf_printf(out, "%%%02X", (unsigned char)*s);
		else
			buf_addc(out, *s);
	}
}

/* The value of hex digit c, or -1. */
static int
fetchdir_hex(char c)
{
	if (ascii_isdigit((unsigned char)c))
		return c - '0';
	c = (char)ascii_tolower((unsigned char)c);
	return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

void
fetchdir_unescape(char *s)
{
	char *w = s;

	for (; *s != '\0'; s++) {
		if (*s == '%' && fetchdir_hex(s[1]) >= 0 && fetchdir_hex(s[2]) >= 0) {
			*w++ = (char)(fetchdir_hex(s[1]) * 16 + fetchdir_hex(s[2]));
			s += 2;
		} else {
			*w++ = *s;
		}
	}
	*w = '\0';
}

/* Read the file at path whole into b (NUL-terminated). Returns 0, or -1 with errno. */
static int
fetchdir_read(const char *path, struct buf *b)
{
	struct stat st;
	ssize_t n;
	int fd;

	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0)
		return -1;
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode) || st.st_size > FETCHDIR_MAX_FILE) {
		close(fd);
		errno = EFBIG;
		return -1;
	}
	buf_reserve(b, (size_t)st.st_size + 1);
	while ((n = read(fd, b->data + b->len, b->cap - b->len - 1)) != 0) {
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			close(fd);
			return -1;
		}
		b->len += (size_t)n;
		buf_reserve(b, 4096);
	}
	close(fd);
	b->data[b->len] = '\0';
	return 0;
}

/*
 * Split the line at s (NUL-terminated, no newline) at tabs into want
 * fields, each unescaped. Returns whether it had exactly that many.
 */
static bool
fetchdir_fields(char *s, char **f, int want)
{
	int n = 0;

	while (n < want) {
		char *tab = strchr(s, '\t');

		f[n++] = s;
		if (tab == NULL)
			break;
		*tab = '\0';
		s = tab + 1;
	}
	if (n != want || strchr(f[want - 1], '\t') != NULL)
		return false;
	while (n > 0)
		fetchdir_unescape(f[--n]);
	return true;
}

/* Call line_fn for each line after the header line of file name in d's state folder. Returns the line count. */
static size_t
fetchdir_lines(struct fetch_dir *d, const char *name, const char *header,
    void (*line_fn)(struct fetch_dir *, char *))
{
	char *path = xasprintf("%s/%s", d->state, name);
	struct buf b = BUF_INIT;
	size_t n = 0, hl = strlen(header);
	char *p, *nl;

	if (fetchdir_read(path, &b) == 0 && b.len > hl && memcmp(b.data, header, hl) == 0 &&
	    b.data[hl] == '\n') {
		for (p = b.data + hl + 1; *p != '\0'; p = nl + 1) {
			if ((nl = strchr(p, '\n')) == NULL)
				break;	/* a torn last line */
			*nl = '\0';
			line_fn(d, p);
			n++;
		}
	}
	buf_free(&b);
	free(path);
	return n;
}

/* One line of "seen" into d->seen. */
static void
fetchdir_seen_line(struct fetch_dir *d, char *line)
{
	char *f[4], *end;
	long long version;
	unsigned long long hash;

	if (!fetchdir_fields(line, f, 4) || f[0][0] == '\0')
		return;
	version = strtoll(f[1], &end, 10);
	if (*end != '\0')
		return;
	hash = strtoull(f[2], &end, 16);
	if (*end != '\0')
		return;
	fetchdir_remember(d, f[0], (int64_t)version, (uint64_t)hash, f[3]);
}

/* One line of "http" into d->http. */
static void
fetchdir_http_line(struct fetch_dir *d, char *line)
{
	char *f[4], *end;
	long long retry;

	if (!fetchdir_fields(line, f, 4) || f[0][0] == '\0')
		return;
	retry = strtoll(f[3], &end, 10);
	fetchdir_set_http(d, f[0], strcmp(f[1], "-") != 0 ? f[1] : NULL,
	    strcmp(f[2], "-") != 0 ? f[2] : NULL, *end == '\0' ? (int64_t)retry : 0);
}

/* Append the journal line for one story (a struct fetch_seen) to out. */
static void
fetchdir_seen_put(struct buf *out, const char *key, const void *p)
{
	const struct fetch_seen *s = p;

	fetchdir_escape(out, key);
	buf_printf(out, "\t%" PRId64 "\t%016" PRIx64 "\t", s->version, s->hash);
	fetchdir_escape(out, s->rel);
	buf_addc(out, '\n');
}

/*
 * Write file name of d's state folder atomically: the header line, then a
 * line (put) per entry of map. Returns 0, or -1 with errno.
 */
static int
fetchdir_write(struct fetch_dir *d, const char *name, const char *header,
    const struct strmap *map, void (*put)(struct buf *, const char *, const void *))
{
	struct buf b = BUF_INIT;
	char *path = xasprintf("%s/%s", d->state, name);
	const struct strmap_slot *sl;
	size_t i = 0;
	int r;

	buf_adds(&b, header);
	buf_addc(&b, '\n');
	while ((sl = strmap_next(map, &i)) != NULL)
		put(&b, sl->key, sl->val.p);
	r = file_write_atomic(path, b.data, b.len, FW_PRIVATE, NULL);
	buf_free(&b);
	free(path);
	return r;
}

/* A line of "http" for fetchdir_write(). */
static void
fetchdir_http_entry(struct buf *out, const char *url, const void *p)
{
	const struct fetch_http *h = p;

	fetchdir_escape(out, url);
	buf_addc(out, '\t');
	fetchdir_escape(out, h->etag != NULL ? h->etag : "-");
	buf_addc(out, '\t');
	fetchdir_escape(out, h->last_modified != NULL ? h->last_modified : "-");
	buf_printf(out, "\t%" PRId64 "\n", h->retry_after);
}

/* Open the journal for appending (written with its header when new or compacted). */
static void
fetchdir_journal(struct fetch_dir *d, size_t lines)
{
	char *path = xasprintf("%s/seen", d->state);
	struct stat st;

	if (lines > 2 * d->seen.n + 64 || stat(path, &st) < 0 || st.st_size == 0)
		fetchdir_write(d, "seen", "byline-seen 1", &d->seen, fetchdir_seen_put);
	d->journal = open(path, O_WRONLY | O_APPEND | O_CLOEXEC);
	free(path);
}

/* Take the lock of d, waiting (with wait_fn) while another process holds it. */
static int
fetchdir_lock(struct fetch_dir *d, bool (*wait_fn)(const char *, void *), void *arg)
{
	char *path = xasprintf("%s/lock", d->state);
	struct timespec ts = { 0, 100 * 1000 * 1000 };

	while ((d->lock = file_lock(path, wait_fn == NULL)) < 0) {
		if (errno != EWOULDBLOCK || wait_fn(d->dir, arg)) {
			if (errno == EWOULDBLOCK)
				errno = ECANCELED;
			free(path);
			return -1;
		}
		nanosleep(&ts, NULL);
	}
	free(path);
	return 0;
}

/* The state folder of the library folder real under root, created, with its "dir" file. */
static int
fetchdir_state(struct fetch_dir *d, const char *root, char **cause)
{
	char *path;
	struct stat st;

	d->state = xasprintf("%s/fetch/%016" PRIx64, root, fnv64(FNV64_INIT, d->dir,
	    strlen(d->dir)));
	if (make_dirs(d->state, 0700) < 0) {
		*cause = xasprintf("%s: %s", d->state, strerror(errno));
		return -1;
	}
	path = xasprintf("%s/dir", d->state);
	if (stat(path, &st) < 0) {
		struct buf b = BUF_INIT;

		buf_adds(&b, d->dir);
		buf_addc(&b, '\n');
		file_write_atomic(path, b.data, b.len, FW_PRIVATE | FW_NOSYNC, NULL);
		buf_free(&b);
	}
	free(path);
	return 0;
}

int
fetchdir_open(struct fetch_dir *d, const char *dir, const char *state_root,
    bool (*wait_fn)(const char *dir, void *arg), void *arg, char **cause)
{
	size_t lines;

	memset(d, 0, sizeof *d);
	d->lock = d->journal = -1;
	d->seen = (struct strmap)STRMAP_INIT;
	d->http = (struct strmap)STRMAP_INIT;
	if (make_dirs(dir, 0777) < 0 || (d->dir = realpath(dir, NULL)) == NULL) {
		*cause = xasprintf("%s: %s", dir, strerror(errno));
		return -1;
	}
	if (fetchdir_state(d, state_root, cause) < 0)
		goto fail;
	if (fetchdir_lock(d, wait_fn, arg) < 0) {
		*cause = errno == ECANCELED ? xstrdup("cancelled while another byline fetch "
		    "was writing into the same folder") : xasprintf("%s/lock: %s", d->state,
		    strerror(errno));
		goto fail;
	}
	lines = fetchdir_lines(d, "seen", "byline-seen 1", fetchdir_seen_line);
	fetchdir_lines(d, "http", "byline-http 1", fetchdir_http_line);
	d->http_dirty = false;
	fetchdir_journal(d, lines);
	return 0;
fail:
	fetchdir_close(d);
	return -1;
}

struct fetch_seen *
fetchdir_seen(struct fetch_dir *d, const char *key)
{
	union strmap_val *v = strmap_get(&d->seen, key, strlen(key));

	return v != NULL ? v->p : NULL;
}

void
fetchdir_remember(struct fetch_dir *d, const char *key, int64_t version, uint64_t hash,
    const char *rel)
{
	bool added;
	union strmap_val *v = strmap_put(&d->seen, key, strlen(key), &added);
	struct fetch_seen *s;

	if (added)
		v->p = xcalloc(1, sizeof *s);
	s = v->p;
	if (s->rel != rel) {
		free(s->rel);
		s->rel = xstrdup(rel);
	}
	s->version = version;
	s->hash = hash;
	if (d->journal >= 0)
		fetchdir_seen_put(&d->pending, key, s);
}

int
fetchdir_flush(struct fetch_dir *d)
{
	int r = 0;

	if (d->journal >= 0 && d->pending.len > 0)
		r = write_all(d->journal, d->pending.data, d->pending.len);
	buf_reset(&d->pending);
	return r;
}

const struct fetch_http *
fetchdir_http(struct fetch_dir *d, const char *url)
{
	union strmap_val *v = strmap_get(&d->http, url, strlen(url));

	return v != NULL ? v->p : NULL;
}

void
fetchdir_set_http(struct fetch_dir *d, const char *url, const char *etag,
    const char *last_modified, int64_t retry_after)
{
	bool added;
	union strmap_val *v = strmap_put(&d->http, url, strlen(url), &added);
	struct fetch_http *h;
	char *e, *lm;

	if (added)
		v->p = xcalloc(1, sizeof *h);
	h = v->p;
	/* copies first: etag may be h->etag itself (a value kept as it was) */
	e = etag != NULL ? xstrdup(etag) : NULL;
	lm = last_modified != NULL ? xstrdup(last_modified) : NULL;
	free(h->etag);
	free(h->last_modified);
	h->etag = e;
	h->last_modified = lm;
	h->retry_after = retry_after;
	d->http_dirty = true;
}

void
fetchdir_close(struct fetch_dir *d)
{
	const struct strmap_slot *sl;
	size_t i = 0;

	if (d->lock >= 0) {
		fetchdir_flush(d);
		if (d->journal >= 0)
			fsync(d->journal);
		if (d->http_dirty)
			fetchdir_write(d, "http", "byline-http 1", &d->http, fetchdir_http_entry);
	}
	while ((sl = strmap_next(&d->seen, &i)) != NULL) {
		free(((struct fetch_seen *)sl->val.p)->rel);
		free(sl->val.p);
	}
	i = 0;
	while ((sl = strmap_next(&d->http, &i)) != NULL) {
		free(((struct fetch_http *)sl->val.p)->etag);
		free(((struct fetch_http *)sl->val.p)->last_modified);
		free(sl->val.p);
	}
	strmap_free(&d->seen);
	strmap_free(&d->http);
	buf_free(&d->pending);
	if (d->journal >= 0)
		close(d->journal);
	if (d->lock >= 0)
		close(d->lock);
	free(d->dir);
	free(d->state);
	memset(d, 0, sizeof *d);
	d->lock = d->journal = -1;
}
