/*
 * cache.c: the library's front matter kept between runs.
 *
 * Format (native byte order: the cache never leaves the machine):
 *	"BYLINE-INDEX 2\n"
 *	records: u32 length, then u64 size, i64 mtime_sec, i64 mtime_nsec,
 *	    i64 sortkey, i32 flags, u32 nerrors, then five strings (path,
 *	    title, source, key, date) each as u32 length + bytes + NUL, then
 *	    per error u32 line, u32 col, u32 level and a string
 *	"END!", u64 count, u64 sum64() of every byte before "END!"
 * Every length is checked against the record; anything off and the whole
 * cache is ignored. Entries filled from the cache point into its memory:
 * the library keeps the cache (library.cache) as long as it keeps them.
 *
 * The file itself is never mapped: another byline may rewrite the cache, a
 * sync tool or a full disk truncate it, while a session keeps using its
 * entries, and a mapping of a file that shrinks raises SIGBUS. What the
 * session keeps is its own copy: a sealed snapshot (a memfd) for a big
 * cache, memory read into for a small one (or where there are no memfds).
 */
#define _GNU_SOURCE	/* memfd_create, sendfile's sealed snapshot of the cache */
#include "cache.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/mman.h>
#include <sys/sendfile.h>
#include <unistd.h>

#include "arena.h"
#include "fileio.h"
#include "strmap.h"
#include "util.h"

#define MAGIC		"BYLINE-INDEX 4\n"	/* 4: dates from published/created and file names, TOML broken */
#define MAGIC_LEN	(sizeof MAGIC - 1)
#define TRAILER_LEN	(4 + 8 + 8)

struct lib_cache {
	char		 *data;		/* the file (or its first part), read into memory */
	size_t		  len;
	size_t		  mapped;	/* data is a mapped snapshot of this size, else malloc'd */
	size_t		 *recs;		/* offsets of records, in file order */
	size_t		  nrecs;
	struct strmap	  paths;	/* path (in data) -> record index, built at the first lookup */
	bool		  indexed;
};

/* A decoded record: pointers into the cache data. */
struct rec {
	uint64_t	 size;
	int64_t		 mtime_sec, mtime_nsec, sortkey;
	int32_t		 flags;
	uint32_t	 nerrors;
	const char	*str[5];	/* path, title, source, key, date */
	const char	*errors;	/* the encoded errors */
};

char *
cache_path(char *const *paths, size_t npaths)
{
	return cache_path_named("index", paths, npaths);
}

char *
cache_path_named(const char *kind, char *const *paths, size_t npaths)
{
	const char *dir = getenv("BYLINE_CACHE");
	char *base, *out, real[PATH_MAX];
	uint64_t h = FNV64_INIT;
	size_t i;

	if (dir != NULL && strcmp(dir, "off") == 0)
		return NULL;
	if (dir != NULL && dir[0] != '\0')
		base = xstrdup(dir);
	else if ((base = xdg_path("XDG_CACHE_HOME", ".cache", "byline")) == NULL)
		return NULL;
	/* the paths as given (entries keep them) and where they really are */
	for (i = 0; i < npaths; i++) {
		h = fnv64(h, paths[i], strlen(paths[i]) + 1);
		if (realpath(paths[i], real) != NULL)
			h = fnv64(h, real, strlen(real) + 1);
	}
	if (getcwd(real, sizeof real) != NULL)
		h = fnv64(h, real, strlen(real) + 1);
	out = xasprintf("%s/%s-%016llx", base, kind, (unsigned long long)h);
	free(base);
	return out;
}

/* Read n bytes at *p if they fit before end. */
static bool
take(const char **p, const char *end, void *out, size_t n)
{
	if ((size_t)(end - *p) < n)
		return false;
	memcpy(out, *p, n);
	*p += n;
	return true;
}

/* A string: u32 length, bytes, NUL. */
static bool
take_str(const char **p, const char *end, const char **s)
{
	uint32_t n;

	if (!take(p, end, &n, sizeof n) || (size_t)(end - *p) < (size_t)n + 1 || (*p)[n] != '\0')
		return false;
	*s = *p;
	*p += n + 1;
	return true;
}

/* Decode the record at off (whose length was checked) into r. */
static bool
decode(const struct lib_cache *c, size_t off, struct rec *r)
{
	const char *p = c->data + off, *end;
	uint32_t len, i;

	memcpy(&len, p, sizeof len);
	p += sizeof len;
	end = p + len;
	if (!take(&p, end, &r->size, 8) || !take(&p, end, &r->mtime_sec, 8) ||
	    !take(&p, end, &r->mtime_nsec, 8) || !take(&p, end, &r->sortkey, 8) ||
	    !take(&p, end, &r->flags, 4) || !take(&p, end, &r->nerrors, 4))
		return false;
	for (i = 0; i < 5; i++)
		if (!take_str(&p, end, &r->str[i]))
			return false;
	r->errors = p;
	for (i = 0; i < r->nerrors; i++) {
		uint32_t x[3];
		const char *msg;

		if (!take(&p, end, x, sizeof x) || !take_str(&p, end, &msg))
			return false;
	}
	return p == end;
}

/* Read n bytes at off of fd into p. Returns false on an error or a short file. */
static bool
read_at(int fd, char *p, size_t n, off_t off)
{
	while (n > 0) {
		ssize_t r = pread(fd, p, n, off);

		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			return false;
		p += r;
		n -= (size_t)r;
		off += r;
	}
	return true;
}

/*
 * A snapshot of the first n bytes of fd that no other process can change:
 * a memfd filled by sendfile, sealed, mapped read-only. Reading into
 * malloc'd memory would do, but faults its pages in one by one, which costs
 * more than the copy where page faults are dear (a virtual machine); mapping
 * the cache file itself is cheaper still, but raises SIGBUS when another
 * process truncates it. NULL when the snapshot cannot be made.
 */
static char *
snapshot(int fd, size_t n)
{
#ifdef MFD_ALLOW_SEALING
	off_t off = 0;
	void *p;
	int mfd = memfd_create("byline-cache", MFD_CLOEXEC | MFD_ALLOW_SEALING);

	if (mfd < 0)
		return NULL;
	while ((size_t)off < n) {
		ssize_t r = sendfile(mfd, fd, &off, n - (size_t)off);

		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0) {	/* an error, or the file cut short meanwhile */
			close(mfd);
			return NULL;
		}
	}
	fcntl(mfd, F_ADD_SEALS, F_SEAL_SHRINK | F_SEAL_GROW | F_SEAL_WRITE | F_SEAL_SEAL);
	p = mmap(NULL, n, PROT_READ, MAP_PRIVATE, mfd, 0);
	close(mfd);
	return p != MAP_FAILED ? p : NULL;
#else
	(void)fd;
	(void)n;
	return NULL;
#endif
}

/* Put the first n bytes of fd into c->data. Returns false on an error or a short file. */
static bool
load_bytes(struct lib_cache *c, int fd, size_t n)
{
	c->len = n;
	if (n >= 256 * 1024 && (c->data = snapshot(fd, n)) != NULL) {
		c->mapped = n;
		return true;
	}
	c->data = xmalloc(n + 1);
	return read_at(fd, c->data, n, 0);
}

/*
 * Open the cache file at path and check its header and trailer, and read
 * its first want bytes into memory (c->len), or the whole file, trailer and
 * all, when want reaches into the trailer (then *whole is true). The count
 * of records goes to *count. NULL when there is no such file or it is not
 * a cache of this version.
 */
static struct lib_cache *
cache_read(const char *path, size_t want, uint64_t *count, bool *whole)
{
	struct lib_cache *c;
	struct stat st;
	char trailer[TRAILER_LEN];
	size_t size, body;
	bool ok;
	int fd;

	if (path == NULL || (fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)) < 0)
		return NULL;
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode) ||
	    (uint64_t)st.st_size > CACHE_MAX_FILE ||
	    (size_t)st.st_size < MAGIC_LEN + TRAILER_LEN) {
		close(fd);
		return NULL;
	}
	size = (size_t)st.st_size;
	body = size - TRAILER_LEN;
	*whole = want > body;
	if (*whole)
		want = size;
	c = xcalloc(1, sizeof *c);
	ok = load_bytes(c, fd, want);
	/* the trailer: of the copy when it is all there, else read apart */
	if (ok && *whole)
		memcpy(trailer, c->data + body, TRAILER_LEN);
	else if (ok)
		ok = read_at(fd, trailer, TRAILER_LEN, (off_t)body);
	close(fd);
	if (!ok || memcmp(c->data, MAGIC, MAGIC_LEN) != 0 || memcmp(trailer, "END!", 4) != 0) {
		cache_free(c);
		return NULL;
	}
	memcpy(count, trailer + 4, 8);
	if (*count > size / 16) {
		cache_free(c);
		return NULL;
	}
	return c;
}

bool
cache_sum(const char *path, uint64_t *count, uint64_t *sum)
{
	char head[MAGIC_LEN], trailer[TRAILER_LEN];
	struct stat st;
	bool ok;
	int fd;

	if (path == NULL || (fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)) < 0)
		return false;
	ok = fstat(fd, &st) == 0 && S_ISREG(st.st_mode) &&
	    (size_t)st.st_size >= MAGIC_LEN + TRAILER_LEN &&
	    read_at(fd, head, MAGIC_LEN, 0) && memcmp(head, MAGIC, MAGIC_LEN) == 0 &&
	    read_at(fd, trailer, TRAILER_LEN, (off_t)((size_t)st.st_size - TRAILER_LEN)) &&
	    memcmp(trailer, "END!", 4) == 0;
	close(fd);
	if (ok) {
		memcpy(count, trailer + 4, 8);
		memcpy(sum, trailer + 12, 8);
	}
	return ok;
}

struct lib_cache *
cache_load(const char *path)
{
	struct lib_cache *c;
	const char *end;
	uint64_t count, sum;
	size_t off, cap = 0;
	bool whole;

	if ((c = cache_read(path, SIZE_MAX, &count, &whole)) == NULL)
		return NULL;
	memcpy(&sum, c->data + c->len - TRAILER_LEN + 12, 8);
	if (sum64(c->data, c->len - TRAILER_LEN) != sum)
		goto bad;
	/* the records' lengths, each within the file; their fields are checked when used */
	end = c->data + c->len - TRAILER_LEN;
	off = MAGIC_LEN;
	while (off < (size_t)(end - c->data)) {
		uint32_t len;

		if ((size_t)(end - (c->data + off)) < sizeof len)
			goto bad;
		memcpy(&len, c->data + off, sizeof len);
		if (len > (size_t)(end - (c->data + off)) - sizeof len || c->nrecs >= count)
			goto bad;
		ARRAY_GROW(c->recs, c->nrecs + 1, cap);
		c->recs[c->nrecs++] = off;
		off += sizeof len + len;
	}
	if (count != c->nrecs)
		goto bad;
	return c;
bad:
	cache_free(c);
	return NULL;
}

/* Build the map from path to record, at the first lookup. */
static void
index_paths(struct lib_cache *c)
{
	size_t i;

	c->indexed = true;
	c->paths.borrow = true;
	strmap_reserve(&c->paths, c->nrecs);
	/*
	 * Write the fresh table once: its pages, still the kernel's zero page,
	 * would otherwise fault twice each (read by the probe, then written),
	 * and a page fault is dear in a virtual machine.
	 */
	memset(c->paths.v, 0, c->paths.cap * sizeof *c->paths.v);
	for (i = 0; i < c->nrecs; i++) {
		struct rec r;
		union strmap_val *v;
		bool added;

		if (!decode(c, c->recs[i], &r))
			continue;	/* a damaged record is never found */
		v = strmap_put(&c->paths, r.str[0], strlen(r.str[0]), &added);
		if (added)
			v->u = i;	/* the first record of a path wins */
	}
}

void
cache_index(struct lib_cache *c)
{
	if (c != NULL && !c->indexed && c->nrecs > 0)
		index_paths(c);
}

void
cache_free(struct lib_cache *c)
{
	if (c == NULL)
		return;
	if (c->mapped > 0)
		munmap(c->data, c->mapped);
	else
		free(c->data);
	free(c->recs);
	strmap_free(&c->paths);
	free(c);
}

size_t
cache_count(const struct lib_cache *c)
{
	return c != NULL ? c->nrecs : 0;
}

/* Fill e from decoded record r (number ri): its strings point into the cache. */
static void
fill(const struct rec *rp, size_t ri, struct lib_entry *e, struct arena *arena)
{
	const struct rec r = *rp;
	const char *p;
	uint32_t i;

	e->path = r.str[0];
	e->title = r.str[1];
	e->source = r.str[2];
	e->key = r.str[3];
	e->date = r.str[4];
	e->sortkey = r.sortkey;
	e->size = r.size;
	e->mtime_sec = r.mtime_sec;
	e->mtime_nsec = (long)r.mtime_nsec;
	e->flags = r.flags;
	e->rank = (uint32_t)ri;
	e->nerrors = r.nerrors;
	e->errors = r.nerrors > 0 ? arena_calloc(arena, r.nerrors, sizeof *e->errors) : NULL;
	p = r.errors;
	for (i = 0; i < r.nerrors; i++) {
		uint32_t x[3], n;

		memcpy(x, p, sizeof x);
		p += sizeof x;
		memcpy(&n, p, sizeof n);
		p += sizeof n;
		e->errors[i].line = x[0];
		e->errors[i].col = x[1];
		e->errors[i].level = x[2] == DIAG_WARNING ? DIAG_WARNING : DIAG_ERROR;
		e->errors[i].msg = (char *)p;
		p += n + 1;
	}
}

bool
cache_lookup(struct lib_cache *c, const char *path, const struct stat *st,
    struct lib_entry *e, struct arena *arena)
{
	union strmap_val *v;
	struct rec r;

	if (c == NULL || c->nrecs == 0)
		return false;
	cache_index(c);
	if ((v = strmap_get(&c->paths, path, strlen(path))) == NULL)
		return false;
	decode(c, c->recs[v->u], &r);	/* indexed, so it decoded once already */
	if (r.size != (uint64_t)st->st_size || r.mtime_sec != (int64_t)st->st_mtim.tv_sec ||
	    r.mtime_nsec != (int64_t)st->st_mtim.tv_nsec)
		return false;
	fill(&r, (size_t)v->u, e, arena);
	return true;
}

void
cache_fill(struct lib_cache *c, struct library *lib)
{
	size_t i;

	if (c == NULL)
		return;
	if (lib->arena == NULL)
		lib->arena = arena_new();
	ARRAY_GROW(lib->v, lib->n + c->nrecs, lib->cap);
	for (i = 0; i < c->nrecs; i++) {
		struct rec r;

		if (decode(c, c->recs[i], &r))
			fill(&r, i, &lib->v[lib->n++], lib->arena);
	}
	cache_free(lib->cache);
	lib->cache = c;
}

/* Note the offsets of the records that lie whole in c's first end bytes, max at most. */
static void
find_records(struct lib_cache *c, size_t end, size_t max)
{
	size_t off = MAGIC_LEN, cap = 0;
	uint32_t len;

	while (c->nrecs < max && end - off >= sizeof len) {
		memcpy(&len, c->data + off, sizeof len);
		if (len > end - off - sizeof len)
			break;
		ARRAY_GROW(c->recs, c->nrecs + 1, cap);
		c->recs[c->nrecs++] = off;
		off += sizeof len + len;
	}
}

size_t
cache_peek(const char *path, struct library *lib, size_t max)
{
	struct lib_cache *c;
	uint64_t count;
	size_t i, want = 64 * 1024;
	bool whole;

	/* a first screen is a few dozen records of a few hundred bytes: read about that */
	for (;;) {
		if ((c = cache_read(path, want, &count, &whole)) == NULL)
			return 0;
		find_records(c, whole ? c->len - TRAILER_LEN : c->len, max);
		if (whole || c->nrecs >= max)
			break;
		cache_free(c);
		want *= 4;
	}
	if (lib->arena == NULL)
		lib->arena = arena_new();
	ARRAY_GROW(lib->v, lib->n + c->nrecs, lib->cap);
	for (i = 0; i < c->nrecs; i++) {
		struct rec r;

		if (!decode(c, c->recs[i], &r))
			break;
		fill(&r, i, &lib->v[lib->n++], lib->arena);
	}
	cache_free(lib->cache);
	lib->cache = c;
	return lib->n > 0 ? (size_t)count : 0;
}

static void
put_str(struct buf *b, const char *s)
{
	uint32_t n = (uint32_t)strlen(s);

	buf_add(b, &n, sizeof n);
	buf_add(b, s, (size_t)n + 1);
}

int
cache_save(const char *path, const struct library *lib)
{
	struct buf b = BUF_INIT, rec = BUF_INIT;
	uint64_t count = 0, sum;
	time_t now = time(NULL);
	size_t i;
	int ret = -1;

	if (path == NULL)
		return -1;
	buf_add(&b, MAGIC, MAGIC_LEN);
	for (i = 0; i < lib->n; i++) {
		const struct lib_entry *e = &lib->v[i];
		int64_t ns = e->mtime_nsec;
		int32_t flags = e->flags;
		uint32_t len, k;

		/* a file changed in the last seconds may change again unseen */
		if (e->mtime_sec >= (int64_t)now - 2 || e->size == 0)
			continue;
		buf_reset(&rec);
		buf_add(&rec, &e->size, 8);
		buf_add(&rec, &e->mtime_sec, 8);
		buf_add(&rec, &ns, 8);
		buf_add(&rec, &e->sortkey, 8);
		buf_add(&rec, &flags, 4);
		buf_add(&rec, &e->nerrors, 4);
		put_str(&rec, e->path);
		put_str(&rec, e->title);
		put_str(&rec, e->source);
		put_str(&rec, e->key);
		put_str(&rec, e->date);
		for (k = 0; k < e->nerrors; k++) {
			uint32_t x[3] = { e->errors[k].line, e->errors[k].col,
			    (uint32_t)e->errors[k].level };

			buf_add(&rec, x, sizeof x);
			put_str(&rec, e->errors[k].msg);
		}
		len = (uint32_t)rec.len;
		buf_add(&b, &len, sizeof len);
		buf_add(&b, rec.data, rec.len);
		count++;
	}
	sum = sum64(b.data, b.len);
	buf_add(&b, "END!", 4);
	buf_add(&b, &count, 8);
	buf_add(&b, &sum, 8);
	/* a cache: no fsync (losing the newest copy costs one rescan) */
	if (make_parents(path, 0700) == 0 &&
	    file_write_atomic(path, b.data, b.len, FW_PRIVATE | FW_NOSYNC, NULL) == 0)
		ret = 0;
	buf_free(&b);
	buf_free(&rec);
	return ret;
}
