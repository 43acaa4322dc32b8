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
 */
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
#include <unistd.h>

#include "arena.h"
#include "fileio.h"
#include "util.h"

#define MAGIC		"BYLINE-INDEX 3\n"
#define MAGIC_LEN	(sizeof MAGIC - 1)
#define TRAILER_LEN	(4 + 8 + 8)

struct lib_cache {
	char		 *data;		/* the whole file, mapped read-only */
	size_t		  len;
	size_t		 *recs;		/* offsets of records, in file order */
	size_t		  nrecs;
	uint32_t	 *slots;	/* hash of path -> record index + 1, 0: empty */
	size_t		  nslots;	/* a power of two */
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
	const char *dir = getenv("BYLINE_CACHE"), *v;
	char *base, *out, real[PATH_MAX];
	uint64_t h = FNV64_INIT;
	size_t i;

	if (dir != NULL && strcmp(dir, "off") == 0)
		return NULL;
	if (dir != NULL && dir[0] != '\0')
		base = xstrdup(dir);
	else if ((v = getenv("XDG_CACHE_HOME")) != NULL && v[0] == '/')
		base = xasprintf("%s/byline", v);
	else if ((v = getenv("HOME")) != NULL && v[0] != '\0')
		base = xasprintf("%s/.cache/byline", v);
	else
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

static size_t
slot_of(const struct lib_cache *c, const char *path)
{
	return (size_t)fnv64(FNV64_INIT, path, strlen(path)) & (c->nslots - 1);
}

/*
 * Map the cache file at path and check its header and trailer; the count of
 * records goes to *count. NULL when there is no such file or it is not a
 * cache of this version.
 */
static struct lib_cache *
cache_map(const char *path, uint64_t *count)
{
	struct lib_cache *c;
	struct stat st;
	void *map;
	int fd;

	if (path == NULL || (fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)) < 0)
		return NULL;
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode) ||
	    (uint64_t)st.st_size > CACHE_MAX_FILE ||
	    (size_t)st.st_size < MAGIC_LEN + TRAILER_LEN) {
		close(fd);
		return NULL;
	}
	/*
	 * Mapped, not read: the first paint of a big library must not wait for a
	 * copy of it. The file is only ever replaced by rename(2), never
	 * rewritten in place, so the mapping stays whole.
	 */
	map = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
	close(fd);
	if (map == MAP_FAILED)
		return NULL;
	c = xcalloc(1, sizeof *c);
	c->data = map;
	c->len = (size_t)st.st_size;
	if (memcmp(c->data, MAGIC, MAGIC_LEN) != 0 ||
	    memcmp(c->data + c->len - TRAILER_LEN, "END!", 4) != 0) {
		cache_free(c);
		return NULL;
	}
	memcpy(count, c->data + c->len - TRAILER_LEN + 4, 8);
	if (*count > c->len / 16) {
		cache_free(c);
		return NULL;
	}
	return c;
}

struct lib_cache *
cache_load(const char *path)
{
	struct lib_cache *c;
	const char *end;
	uint64_t count, sum;
	size_t off, cap = 0;

	if ((c = cache_map(path, &count)) == NULL)
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

/* Build the table from path to record, at the first lookup. */
static void
index_paths(struct lib_cache *c)
{
	size_t i;

	for (c->nslots = 16; c->nslots < c->nrecs * 2; c->nslots *= 2)
		;
	c->slots = xcalloc(c->nslots, sizeof *c->slots);
	for (i = 0; i < c->nrecs; i++) {
		struct rec r;
		size_t sl;

		if (!decode(c, c->recs[i], &r))
			continue;	/* a damaged record is never found */
		for (sl = slot_of(c, r.str[0]); c->slots[sl] != 0; sl = (sl + 1) & (c->nslots - 1))
			;
		c->slots[sl] = (uint32_t)i + 1;
	}
}

void
cache_index(struct lib_cache *c)
{
	if (c != NULL && c->slots == NULL && c->nrecs > 0)
		index_paths(c);
}

void
cache_free(struct lib_cache *c)
{
	if (c == NULL)
		return;
	if (c->data != NULL)
		munmap(c->data, c->len);
	free(c->recs);
	free(c->slots);
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
	size_t s;

	if (c == NULL || c->nrecs == 0)
		return false;
	cache_index(c);
	for (s = slot_of(c, path); c->slots[s] != 0; s = (s + 1) & (c->nslots - 1)) {
		size_t ri = c->slots[s] - 1;
		struct rec r;

		decode(c, c->recs[ri], &r);	/* indexed, so it decoded once already */
		if (strcmp(r.str[0], path) != 0)
			continue;
		if (r.size != (uint64_t)st->st_size || r.mtime_sec != (int64_t)st->st_mtim.tv_sec ||
		    r.mtime_nsec != (int64_t)st->st_mtim.tv_nsec)
			return false;
		fill(&r, ri, e, arena);
		return true;
	}
	return false;
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

size_t
cache_peek(const char *path, struct library *lib, size_t max)
{
	struct lib_cache *c;
	uint64_t count;
	size_t off = MAGIC_LEN, cap = 0, i;
	const char *end;

	if ((c = cache_map(path, &count)) == NULL)
		return 0;
	end = c->data + c->len - TRAILER_LEN;
	while (c->nrecs < max && off < (size_t)(end - c->data)) {
		uint32_t len;

		if ((size_t)(end - (c->data + off)) < sizeof len)
			break;
		memcpy(&len, c->data + off, sizeof len);
		if (len > (size_t)(end - (c->data + off)) - sizeof len)
			break;
		ARRAY_GROW(c->recs, c->nrecs + 1, cap);
		c->recs[c->nrecs++] = off;
		off += sizeof len + len;
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
