/* library.c: scanning folders for articles and ordering them. */
#define _DEFAULT_SOURCE	/* d_type in struct dirent saves a stat per file */
#include "library.h"

#include <dirent.h>
#include <stdint.h>
#include <errno.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "arena.h"
#include "article.h"
#include "cache.h"
#include "fold.h"
#include "pool.h"
#include "util.h"

static int cmp_entries(const void *, const void *);

/* A folder already walked, to stop symbolic link loops. */
struct seen {
	dev_t	dev;
	ino_t	ino;
};

/* The walk: the files found, in order, before any is read. */
struct scan {
	struct library				*lib;
	const struct library_scan_opts		*opts;
	struct seen				*seen;
	size_t					 nseen, seen_cap;
	struct buf				 path;
	const char				**files;	/* in lib->arena */
	size_t					 nfiles, files_cap;
	struct arena				*previewed;	/* early_preview()'s strings */
};

/* Reading the files found: entries lib->v[base + i] for files[i]. */
struct readjob {
	struct library				*lib;
	const struct library_scan_opts		*opts;
	const char *const			*files;
	size_t					 base;
	atomic_uchar				*ready;		/* per file: its entry is filled */
	unsigned char				*hit;		/* per file: taken from the cache */
	struct arena				**keep;		/* per worker: the entries' strings */
	struct arena				**tmp;		/* per worker: one article at a time */
	bool					 direct;	/* one thread: diagnostics at once */
};

static void
report(struct scan *s, const char *path, enum diag_level level, const char *msg)
{
	struct diag d = { level, 0, 0, (char *)msg };

	if (s->opts != NULL && s->opts->diag != NULL)
		s->opts->diag(path, &d, s->opts->arg);
}

bool
library_is_article_name(const char *name)
{
	size_t len = strlen(name);

	return ascii_endswith(name, len, ".md") || ascii_endswith(name, len, ".markdown") ||
	    ascii_endswith(name, len, ".txt");
}

/* Tell the caller about e's errors (from the cache, or read on another thread). */
static void
replay_errors(const struct library_scan_opts *opts, const struct lib_entry *e)
{
	unsigned i;

	if (opts == NULL || opts->diag == NULL)
		return;
	for (i = 0; i < e->nerrors; i++)
		opts->diag(e->path, &e->errors[i], opts->arg);
}

static void early_preview(struct scan *s);

/* Note a file to read; the first screenful found is shown at once. */
static void
add_path(struct scan *s, const char *path)
{
	const struct library_scan_opts *o = s->opts;

	ARRAY_GROW(s->files, s->nfiles + 1, s->files_cap);
	s->files[s->nfiles++] = arena_strdup(s->lib->arena, path);
	if (o != NULL && o->preview != NULL && o->preview_max > 0 && s->previewed == NULL &&
	    s->nfiles == o->preview_max)
		early_preview(s);
}

/* Fill e from the head of the file at path (loaded into a); strings go to arena. */
static void
fill_entry(struct lib_entry *e, const char *path, struct article *a, struct arena *arena)
{
	char date[16];
	size_t i, k;

	e->path = path;
	e->title = arena_strdup(arena, a->title);
	e->source = a->source != NULL ? arena_strdup(arena, a->source) : "";
	e->key = arena_strdup(arena, a->key);
	article_date_string(a, date, sizeof date);
	e->date = arena_strdup(arena, date);
	e->sortkey = a->has_date ? a->sortkey : INT64_MIN;
	e->flags = a->flags;
	e->nerrors = (unsigned)diags_errors(&a->diags);
	if (e->nerrors > 0) {
		e->errors = arena_calloc(arena, e->nerrors, sizeof *e->errors);
		for (i = k = 0; i < a->diags.n; i++)
			if (a->diags.v[i].level == DIAG_ERROR) {
				e->errors[k] = a->diags.v[i];
				e->errors[k++].msg = arena_strdup(arena, a->diags.v[i].msg);
			}
	}
}

/* Read file i of the job (or its cached record) into its entry; on worker w's arenas. */
static void
read_one(void *arg, size_t i, unsigned w)
{
	struct readjob *j = arg;
	const struct library_scan_opts *opts = j->opts;
	struct lib_entry *e = &j->lib->v[j->base + i];
	const char *path = j->files[i];
	struct article a;
	struct stat st;
	bool full = opts != NULL && opts->full, have_st;
	size_t k;

	memset(e, 0, sizeof *e);
	e->rank = UINT32_MAX;
	if (opts != NULL && opts->cancel != NULL && *opts->cancel)
		return;		/* stopping: the entry is left out */
	/* with no cache to look in, the loader's own fstat() says the size and time */
	have_st = !full && opts != NULL && opts->cache != NULL && stat(path, &st) == 0 &&
	    S_ISREG(st.st_mode);
	if (have_st && cache_lookup(opts->cache, path, &st, e, j->keep[w])) {
		j->hit[i] = 1;
		if (j->direct)
			replay_errors(opts, e);
		atomic_store_explicit(&j->ready[i], 1, memory_order_release);
		return;
	}
	arena_reset(j->tmp[w]);
	article_load(&a, path, full ? ARTICLE_LOAD_FULL : ARTICLE_LOAD_HEAD, j->tmp[w]);
	fill_entry(e, path, &a, j->keep[w]);
	e->size = a.file_size;
	e->mtime_sec = a.mtime_sec;
	e->mtime_nsec = a.mtime_nsec;
	if (j->direct && opts != NULL && opts->diag != NULL)
		for (k = 0; k < a.diags.n; k++)
			if (a.diags.v[k].level == DIAG_ERROR || opts->warnings)
				opts->diag(path, &a.diags.v[k], opts->arg);
	article_free(&a);
	atomic_store_explicit(&j->ready[i], 1, memory_order_release);
}

/* Have we walked this folder before? Remember it if not. */
static bool
seen_before(struct scan *s, const struct stat *st)
{
	size_t i;

	for (i = 0; i < s->nseen; i++)
		if (s->seen[i].dev == st->st_dev && s->seen[i].ino == st->st_ino)
			return true;
	ARRAY_GROW(s->seen, s->nseen + 1, s->seen_cap);
	s->seen[s->nseen].dev = st->st_dev;
	s->seen[s->nseen].ino = st->st_ino;
	s->nseen++;
	return false;
}

/* A folder entry: its name and what readdir says it is. */
struct dent {
	char		*name;
	unsigned char	 type;
};

static int
cmp_dents(const void *a, const void *b)
{
	return strcmp(((const struct dent *)a)->name, ((const struct dent *)b)->name);
}

/* Walk the folder whose path is in s->path (st is its stat), noting the files. */
static void
walk(struct scan *s, const struct stat *st)
{
	DIR *dir;
	struct dirent *de;
	struct dent *ents = NULL;
	size_t n = 0, cap = 0, i, base;

	if (seen_before(s, st))
		return;
	dir = opendir(s->path.data);
	if (dir == NULL) {
		char *msg = xasprintf("cannot read folder: %s", strerror(errno));

		report(s, s->path.data, DIAG_ERROR, msg);
		free(msg);
		return;
	}
	while ((de = readdir(dir)) != NULL) {
		if (de->d_name[0] == '.')
			continue;	/* hidden entries, "." and ".." */
		ARRAY_GROW(ents, n + 1, cap);
		ents[n].name = xstrdup(de->d_name);
		ents[n].type = de->d_type;
		n++;
	}
	closedir(dir);
	/* the order of readdir is arbitrary; sorting makes ties reproducible */
	if (n > 1)
		qsort(ents, n, sizeof *ents, cmp_dents);
	base = s->path.len;
	for (i = 0; i < n; i++) {
		struct stat cst;
		bool is_dir = ents[i].type == DT_DIR;

		if (s->opts != NULL && s->opts->cancel != NULL && *s->opts->cancel) {
			free(ents[i].name);
			continue;	/* stopping: free what is left */
		}

		s->path.len = base;
		if (base > 0 && s->path.data[base - 1] != '/')
			buf_addc(&s->path, '/');
		buf_adds(&s->path, ents[i].name);
		if (ents[i].type == DT_LNK || ents[i].type == DT_UNKNOWN)
			is_dir = stat(s->path.data, &cst) == 0 && S_ISDIR(cst.st_mode);
		if (is_dir) {
			if (stat(s->path.data, &cst) == 0)
				walk(s, &cst);
		} else if (library_is_article_name(ents[i].name)) {
			/* files, dangling links, FIFOs: the loader says what is wrong */
			add_path(s, s->path.data);
		}
		free(ents[i].name);
	}
	s->path.len = base;
	s->path.data[base] = '\0';
	free(ents);
}

/* Is a scan being stopped? */
static bool
stopping(const struct library_scan_opts *opts)
{
	return opts != NULL && opts->cancel != NULL && *opts->cancel;
}

/*
 * Insert e into top, the best max entries seen so far in the library's
 * order (*n of them), when it belongs there.
 */
static void
top_insert(struct lib_entry *top, size_t *n, size_t max, const struct lib_entry *e)
{
	size_t i;

	if (*n == max && cmp_entries(e, &top[max - 1]) >= 0)
		return;
	i = *n < max ? (*n)++ : max - 1;
	while (i > 0 && cmp_entries(e, &top[i - 1]) < 0) {
		top[i] = top[i - 1];
		i--;
	}
	top[i] = *e;
}

/* Show the caller the first rows of what is read so far. */
static void
preview(struct readjob *j, size_t nfiles, size_t done)
{
	const struct library_scan_opts *o = j->opts;
	struct lib_entry *top;
	size_t i, n = 0;

	if (o->preview == NULL || o->preview_max == 0)
		return;
	top = xcalloc(o->preview_max, sizeof *top);
	for (i = 0; i < nfiles; i++)
		if (atomic_load_explicit(&j->ready[i], memory_order_acquire))
			top_insert(top, &n, o->preview_max, &j->lib->v[j->base + i]);
	o->preview(top, n, done, nfiles, o->arg);
	free(top);
}

/*
 * The first files the walk found, read here and shown before the walk goes
 * on: listing the folders of a big library takes a while (100,000 files:
 * a tenth of a second and more), and the reader wants rows on the screen
 * before that. They are read again with the rest, in their turn.
 */
static void
early_preview(struct scan *s)
{
	const struct library_scan_opts *o = s->opts;
	struct lib_entry *top = xcalloc(o->preview_max, sizeof *top);
	struct arena *tmp = arena_new();
	size_t i, n = 0;

	s->previewed = arena_new();
	for (i = 0; i < s->nfiles && !stopping(o); i++) {
		struct lib_entry e;
		struct article a;

		memset(&e, 0, sizeof e);
		arena_reset(tmp);
		article_load(&a, s->files[i], ARTICLE_LOAD_HEAD, tmp);
		fill_entry(&e, s->files[i], &a, s->previewed);
		article_free(&a);
		top_insert(top, &n, o->preview_max, &e);
	}
	if (!stopping(o))
		o->preview(top, n, 0, SIZE_MAX, o->arg);
	free(top);
	arena_free(tmp);
}

/* Run the job on threads, telling the caller how it goes; returns when all is read. */
static void
read_threaded(struct readjob *j, size_t nfiles, unsigned threads)
{
	const struct library_scan_opts *o = j->opts;
	struct pool *p = pool_start(nfiles, threads, read_one, j, -1);

	while (!pool_wait(p, 10)) {
		if (stopping(o))
			pool_cancel(p);
		if (o != NULL && o->progress != NULL)
			o->progress(j->lib->n + pool_done(p), o->arg);
		if (o != NULL)
			preview(j, nfiles, pool_done(p));
	}
	pool_finish(p);
}

/*
 * Read the files the walk found into lib's entries, on every core when
 * there are many; then keep the entries filled, in the walk's order, and
 * pass on their errors in that order.
 */
static void
read_files(struct scan *s)
{
	struct library *lib = s->lib;
	const struct library_scan_opts *o = s->opts;
	struct readjob j;
	unsigned threads = pool_threads(), w;
	size_t i, k;

	if (s->nfiles == 0)
		return;
	if (s->nfiles < 64 || (o != NULL && (o->full || o->warnings)))
		threads = 1;	/* not worth threads; or diagnostics all in order */
	memset(&j, 0, sizeof j);
	j.lib = lib;
	j.opts = o;
	j.files = s->files;
	j.base = lib->n;
	j.direct = threads == 1;
	j.ready = xcalloc(s->nfiles, sizeof *j.ready);
	j.hit = xcalloc(s->nfiles, 1);
	j.keep = xcalloc(threads, sizeof *j.keep);
	j.tmp = xcalloc(threads, sizeof *j.tmp);
	for (w = 0; w < threads; w++) {
		j.keep[w] = w == 0 ? lib->arena : arena_new();
		j.tmp[w] = arena_new();
	}
	if (o != NULL && o->cache != NULL)
		cache_index(o->cache);	/* before the threads look things up */
	ARRAY_GROW(lib->v, lib->n + s->nfiles, lib->cap);
	if (threads == 1) {
		for (i = 0; i < s->nfiles && !stopping(o); i++) {
			read_one(&j, i, 0);
			if (o != NULL && o->progress != NULL && (lib->n + i + 1) % 256 == 0)
				o->progress(lib->n + i + 1, o->arg);
		}
	} else {
		read_threaded(&j, s->nfiles, threads);
	}
	for (i = 0, k = lib->n; i < s->nfiles; i++) {
		if (!atomic_load(&j.ready[i]))
			continue;	/* not read: stopped */
		if (k != j.base + i)
			lib->v[k] = lib->v[j.base + i];
		if (!j.direct)
			replay_errors(o, &lib->v[k]);
		lib->cache_hits += j.hit[i];
		k++;
	}
	lib->n = k;
	for (w = 0; w < threads; w++) {
		if (w > 0)
			arena_adopt(lib->arena, j.keep[w]);
		arena_free(j.tmp[w]);
	}
	free(j.keep);
	free(j.tmp);
	free(j.ready);
	free(j.hit);
}

size_t
library_scan(struct library *lib, char *const *paths, size_t npaths,
    const struct library_scan_opts *opts)
{
	struct scan s;
	size_t i, failed = 0;

	memset(&s, 0, sizeof s);
	s.lib = lib;
	s.opts = opts;
	if (lib->arena == NULL)
		lib->arena = arena_new();
	for (i = 0; i < npaths; i++) {
		struct stat st;

		if (stat(paths[i], &st) < 0) {
			char *msg;

			if (lstat(paths[i], &st) == 0 && S_ISLNK(st.st_mode)) {
				/* a dangling link: listed as broken, the loader says why */
				add_path(&s, paths[i]);
				failed++;
				continue;
			}
			msg = xasprintf("cannot open: %s", strerror(errno));

			report(&s, paths[i], DIAG_ERROR, msg);
			free(msg);
			failed++;
			continue;
		}
		if (S_ISDIR(st.st_mode)) {
			buf_reset(&s.path);
			buf_adds(&s.path, paths[i]);
			walk(&s, &st);
		} else {
			add_path(&s, paths[i]);
		}
	}
	read_files(&s);
	if (opts != NULL && opts->progress != NULL)
		opts->progress(lib->n, opts->arg);
	arena_free(s.previewed);
	buf_free(&s.path);
	free(s.seen);
	free(s.files);
	return failed;
}

static int
cmp_entries(const void *pa, const void *pb)
{
	const struct lib_entry *a = pa, *b = pb;
	int c;

	if (a->sortkey != b->sortkey)
		return a->sortkey > b->sortkey ? -1 : 1;	/* newest first; INT64_MIN last */
	c = ascii_strcasecmp(a->title, b->title);
	if (c != 0)
		return c;
	return strcmp(a->path, b->path);
}

void
library_sort(struct library *lib)
{
	if (lib->n > 1)
		qsort(lib->v, lib->n, sizeof *lib->v, cmp_entries);
}

bool
library_entry_matches(const struct lib_entry *e, const struct fold_pat *p)
{
	return p->n == 0 || fold_contains(p, e->title) || fold_contains(p, e->source) ||
	    fold_contains(p, e->date) || fold_contains(p, e->path);
}

void
library_free(struct library *lib)
{
	free(lib->v);
	arena_free(lib->arena);
	cache_free(lib->cache);
	memset(lib, 0, sizeof *lib);
}

/*
 * Sort a library read entirely from the cache: the cache is in sorted
 * order, so each entry goes to its rank. O(n). Returns false when the
 * ranks are not exactly 0..n-1 (then sort the usual way).
 */
static bool
sort_by_rank(struct library *lib)
{
	struct lib_entry *v;
	size_t i;

	v = xcalloc(lib->n + 1, sizeof *v);
	for (i = 0; i < lib->n; i++) {
		uint32_t r = lib->v[i].rank;

		if (r >= lib->n || v[r].path != NULL) {
			free(v);
			return false;
		}
		v[r] = lib->v[i];
	}
	free(lib->v);
	lib->v = v;
	lib->cap = lib->n + 1;
	return true;
}

size_t
library_scan_cached(struct library *lib, char *const *paths, size_t npaths,
    const struct library_scan_opts *opts)
{
	struct library_scan_opts o = { 0 };
	struct lib_cache *cache;
	char *cpath = cache_path(paths, npaths);
	size_t failed, before = lib->n;
	bool unchanged;

	if (opts != NULL)
		o = *opts;
	if (o.cancel != NULL && *o.cancel) {
		free(cpath);
		return 0;	/* stopped before it began: not even the cache is read */
	}
	cache = cache_load(cpath);
	o.cache = cache;
	lib->cache_hits = 0;
	failed = library_scan(lib, paths, npaths, &o);
	unchanged = before == 0 && lib->cache_hits == lib->n && cache_count(cache) == lib->n;
	if (!unchanged || !sort_by_rank(lib))
		library_sort(lib);
	/* rewrite the cache when anything was read anew or went away (never from a part) */
	if (cpath != NULL && before == 0 && !unchanged && !(o.cancel != NULL && *o.cancel))
		cache_save(cpath, lib);
	/* the entries taken from the cache point into it: the library keeps it */
	if (lib->cache_hits > 0 && lib->cache == NULL)
		lib->cache = cache;
	else
		cache_free(cache);
	free(cpath);
	return failed;
}
