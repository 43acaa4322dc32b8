/* library.c: scanning folders for articles and ordering them. */
#define _DEFAULT_SOURCE	/* d_type in struct dirent saves a stat per file */
#include "library.h"

#include <dirent.h>
#include <stdint.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "arena.h"
#include "article.h"
#include "cache.h"
#include "fold.h"
#include "util.h"

/* A folder already walked, to stop symbolic link loops. */
struct seen {
	dev_t	dev;
	ino_t	ino;
};

struct scan {
	struct library				*lib;
	const struct library_scan_opts		*opts;
	struct arena				*tmp;	/* one article at a time */
	struct seen				*seen;
	size_t					 nseen, seen_cap;
	struct buf				 path;
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

/* Tell the caller about e's errors (from the cache). */
static void
replay_errors(struct scan *s, const struct lib_entry *e)
{
	unsigned i;

	if (s->opts == NULL || s->opts->diag == NULL)
		return;
	for (i = 0; i < e->nerrors; i++)
		s->opts->diag(e->path, &e->errors[i], s->opts->arg);
}

/* Read the head of the file at path (or its cached record) and add it to the library. */
static void
add_file(struct scan *s, const char *path)
{
	struct library *lib = s->lib;
	struct lib_entry *e;
	struct article a;
	struct stat st;
	bool full = s->opts != NULL && s->opts->full, have_st;
	char date[16];
	size_t i, k;

	ARRAY_GROW(lib->v, lib->n + 1, lib->cap);
	e = &lib->v[lib->n];
	memset(e, 0, sizeof *e);
	e->rank = UINT32_MAX;
	have_st = stat(path, &st) == 0 && S_ISREG(st.st_mode);
	if (have_st && !full && s->opts != NULL && s->opts->cache != NULL &&
	    cache_lookup(s->opts->cache, path, &st, e, lib->arena)) {
		lib->n++;
		lib->cache_hits++;
		replay_errors(s, e);
		goto done;
	}
	arena_reset(s->tmp);
	article_load(&a, path, full ? ARTICLE_LOAD_FULL : ARTICLE_LOAD_HEAD, s->tmp);
	lib->n++;
	e->path = arena_strdup(lib->arena, path);
	e->title = arena_strdup(lib->arena, a.title);
	e->source = a.source != NULL ? arena_strdup(lib->arena, a.source) : "";
	e->key = arena_strdup(lib->arena, a.key);
	article_date_string(&a, date, sizeof date);
	e->date = arena_strdup(lib->arena, date);
	e->sortkey = a.has_date ? a.sortkey : INT64_MIN;
	e->flags = a.flags;
	if (have_st) {
		e->size = (uint64_t)st.st_size;
		e->mtime_sec = (int64_t)st.st_mtim.tv_sec;
		e->mtime_nsec = st.st_mtim.tv_nsec;
	}
	e->nerrors = (unsigned)diags_errors(&a.diags);
	if (e->nerrors > 0) {
		e->errors = arena_calloc(lib->arena, e->nerrors, sizeof *e->errors);
		for (i = k = 0; i < a.diags.n; i++)
			if (a.diags.v[i].level == DIAG_ERROR) {
				e->errors[k] = a.diags.v[i];
				e->errors[k++].msg = arena_strdup(lib->arena, a.diags.v[i].msg);
			}
	}
	if (s->opts != NULL && s->opts->diag != NULL)
		for (i = 0; i < a.diags.n; i++)
			if (a.diags.v[i].level == DIAG_ERROR || s->opts->warnings)
				s->opts->diag(path, &a.diags.v[i], s->opts->arg);
	article_free(&a);
done:
	if (s->opts != NULL && s->opts->progress != NULL && lib->n % 256 == 0)
		s->opts->progress(lib->n, s->opts->arg);
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

/* Walk the folder whose path is in s->path (st is its stat). */
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
			add_file(s, s->path.data);
		}
		free(ents[i].name);
	}
	s->path.len = base;
	s->path.data[base] = '\0';
	free(ents);
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
	s.tmp = arena_new();
	if (lib->arena == NULL)
		lib->arena = arena_new();
	for (i = 0; i < npaths; i++) {
		struct stat st;

		if (stat(paths[i], &st) < 0) {
			char *msg;

			if (lstat(paths[i], &st) == 0 && S_ISLNK(st.st_mode)) {
				/* a dangling link: listed as broken, the loader says why */
				add_file(&s, paths[i]);
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
			add_file(&s, paths[i]);
		}
	}
	if (opts != NULL && opts->progress != NULL)
		opts->progress(lib->n, opts->arg);
	buf_free(&s.path);
	free(s.seen);
	arena_free(s.tmp);
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
