/*
 * cache.h: what the library read of each file's front matter, kept between
 * runs, so that opening a big library does not parse every file again.
 *
 * One cache file per set of library paths, in $BYLINE_CACHE (a folder) or
 * $XDG_CACHE_HOME/byline (default ~/.cache/byline); BYLINE_CACHE=off turns
 * it off. A record is used only when the file's path, size and modification
 * time all match; files changed too recently to be told apart by their time
 * are not cached. The cache is written atomically and checked on reading
 * (a checksum over everything): a damaged or foreign cache is ignored and
 * rebuilt, never trusted.
 */
#ifndef BYLINE_CACHE_H
#define BYLINE_CACHE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/stat.h>

#include "library.h"

#define CACHE_MAX_FILE (1024u * 1024 * 1024)	/* larger cache files are ignored */

struct lib_cache;

/* The cache file for these library paths, or NULL when caching is off. Caller frees. */
char *cache_path(char *const *paths, size_t npaths);

/*
 * The same for another cache kept beside it: KIND-HASH in the same folder
 * (cache_path() is "index"). NULL when caching is off. Caller frees.
 */
char *cache_path_named(const char *kind, char *const *paths, size_t npaths);

/*
 * The count of records and the checksum of the cache at path as its
 * trailer says (not checked: for telling quickly whether it is the cache
 * another one was made with). False when there is no such cache.
 */
bool cache_sum(const char *path, uint64_t *count, uint64_t *sum);

/* Load the cache at path; NULL when it is missing, damaged or of another version. */
struct lib_cache *cache_load(const char *path);

void cache_free(struct lib_cache *c);

/* How many records the cache holds. */
size_t cache_count(const struct lib_cache *c);

/* Build the table cache_lookup() uses now, so that threads may then look up at once. */
void cache_index(struct lib_cache *c);

/*
 * Fill e from the record for path if its size and time match st. Its
 * strings point into the cache, which must outlive e (library.cache);
 * arena holds the little else. Returns false on a miss.
 */
bool cache_lookup(struct lib_cache *c, const char *path, const struct stat *st,
    struct lib_entry *e, struct arena *arena);

/*
 * Add every record to lib, in the order saved (the library's sorted order),
 * without looking at the files: for painting at once while the library is
 * checked. lib takes c (library_free() frees it).
 */
void cache_fill(struct lib_cache *c, struct library *lib);

/*
 * Peek at the cache at path for a first screen: add its first max records
 * (the library's first rows, as saved) to lib, without checking the whole
 * file, and return how many records it holds (0 when there is no usable
 * cache). lib keeps the mapping. The real scan replaces all this.
 */
size_t cache_peek(const char *path, struct library *lib, size_t max);

/*
 * Write lib as the cache at path, atomically, leaving out entries whose
 * file changed in the last two seconds. Returns 0, or -1 (the cache is an
 * optimisation: failing to write it is not an error worth reporting).
 */
int cache_save(const char *path, const struct library *lib);

#endif
