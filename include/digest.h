/*
 * digest.h: what the library keeps of one article's analysis, and the
 * cache of it (the analysis cache).
 *
 * A digest is an article's people (name, role, front matter aliases,
 * mentions and quotes counted) and its quotations (all but fragments: the
 * quote's number in the analysis, its speaker, its text), encoded as one
 * record of bytes: two parts, the record proper and the texts of its
 * quotes, which the record points into by offset. Records are made from
 * an analysed reading (digest_make) or taken from the cache, and read back
 * with digest_decode(), which checks every length and offset.
 *
 * The cache is one file per set of library paths beside the front-matter
 * cache (cache.h: the same folder, BYLINE_CACHE=off turns both off). A
 * record is used only while its file's path, size and modification time
 * match and only in a cache written by the same engine (digest_engine():
 * a checksum of the analysis sources taken at build time). The file is read
 * (read(2), never mapped: another process may replace or shrink it at any
 * moment), checked against its checksums, and what is kept is our own copy;
 * anything wrong and it is ignored and rebuilt. It is written atomically
 * (fileio.h), files changed in the last two seconds left out.
 */
#ifndef BYLINE_DIGEST_H
#define BYLINE_DIGEST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "util.h"

struct reading;

/* A person of one article, as decoded; strings point into the record. */
struct dg_person {
	const char	*name;
	const char	*role;		/* NULL when none */
	uint32_t	 nmentions;
	uint32_t	 nquotes;	/* quotations that are not fragments */
	uint32_t	 alias0;	/* its aliases: digest.aliases[alias0 .. alias0 + naliases) */
	uint32_t	 naliases;
	bool		 frontmatter;	/* named in the front matter */
};

/* A quotation of one article (fragments are not kept). */
struct dg_quote {
	uint32_t	 qi;		/* its index in the analysis's quotes */
	int32_t		 speaker;	/* index into digest.people, or -1 */
	const char	*text;		/* the quote without its marks, spaces folded;
					   NULL when the texts are not at hand */
	uint32_t	 len;
};

/* One record decoded. The arrays are reused from one decode to the next. */
struct digest {
	const char		*path;
	uint64_t		 size;
	int64_t			 mtime_sec;
	int64_t			 mtime_nsec;
	struct dg_person	*people;
	size_t			 npeople;
	struct dg_quote		*quotes;
	size_t			 nquotes;
	const char		**aliases;
	size_t			 naliases;
	size_t			 cap_people, cap_quotes, cap_aliases;
};

/* The version of the engine this byline was built with (the cache's key). */
uint64_t digest_engine(void);

/*
 * Encode the analysis of r (analysed: r->an is not NULL), read from path
 * with the size and time given, as a record: the record proper is appended
 * to rec, the texts of its quotes to text, which should be empty (the
 * record's offsets count from its start). Can't fail.
 */
void digest_make(const struct reading *r, const char *path, uint64_t size, int64_t mtime_sec,
    int64_t mtime_nsec, struct buf *rec, struct buf *text);

/*
 * Decode the record rec[0..len) into d; text[0..tlen) holds its quotes'
 * texts (text NULL: not at hand, quotes then have text NULL). Returns false
 * when the record is damaged in any way (d is then unusable).
 */
bool digest_decode(const char *rec, size_t len, const char *text, size_t tlen, struct digest *d);

/* The number of quotations (not fragments) in record rec, or 0 when it is damaged. */
uint32_t digest_nquotes(const char *rec, size_t len);

/* Release the arrays of d. */
void digest_release(struct digest *d);

/* Append v, or s as u32 length, bytes and NUL (NULL as ""), as records have them. */
void digest_put_u32(struct buf *b, uint32_t v);
void digest_put_str(struct buf *b, const char *s);

/* A cursor over bytes written so: every read checked against the end. */
struct digest_cur {
	const char	*p, *end;
	bool		 bad;		/* a read went past the end (then it reads 0 and "") */
};

void digest_cur_init(struct digest_cur *c, const char *p, size_t len);
uint32_t digest_cur_u32(struct digest_cur *c);
/* A string written by digest_put_str(), pointing into the bytes. */
const char *digest_cur_str(struct digest_cur *c);

/* ---- the cache ---- */

struct dgcache;

/* The cache file for these library paths, or NULL when caching is off. Caller frees. */
char *dgcache_path(char *const *paths, size_t npaths);

/*
 * Open the cache at path if it was written by engine; NULL when it is
 * missing, damaged, of another engine or format. Only its header is read
 * here: the records when first looked up (a damaged part then holds
 * nothing), the quote texts by dgcache_texts(), the summary by
 * dgcache_summary().
 */
struct dgcache *dgcache_load(const char *path, uint64_t engine);

void dgcache_free(struct dgcache *c);

/* How many records c holds. */
size_t dgcache_count(const struct dgcache *c);

/*
 * The record for path if its size and time match; its bytes go to *rec,
 * *len. NULL on a miss. Safe from several threads once dgcache_index() ran.
 */
const char *dgcache_find(struct dgcache *c, const char *path, uint64_t size, int64_t mtime_sec,
    int64_t mtime_nsec, size_t *len);

/* Build the table dgcache_find() uses now (before threads look things up). */
void dgcache_index(struct dgcache *c);

/*
 * The quote texts of the records of c, read from the file when first asked
 * for (the file as it was opened, even if it was replaced since). False
 * when they cannot be read or do not check out: the records must then be
 * made again.
 */
bool dgcache_texts(struct dgcache *c, const char **text, size_t *len);

/*
 * The text block of rec, a record dgcache_find() returned, once
 * dgcache_texts() succeeded. False when there is none.
 */
bool dgcache_rec_text(const struct dgcache *c, const char *rec, const char **text, size_t *tlen);

/*
 * The summary saved with the cache, and the fingerprint of what it sums
 * up (the caller's). False when there is none or it does not check out.
 */
bool dgcache_summary(struct dgcache *c, uint64_t *fingerprint, const char **data, size_t *len);

/*
 * The checksum of the front-matter cache the summary was saved with
 * (dgcache_save()'s isum): equal to cache_sum()'s now, the library has not
 * changed, as far as a first paint needs to know. 0 for none.
 */
uint64_t dgcache_index_sum(const struct dgcache *c);

/* One record to save: the record proper and its texts. */
struct dg_rec {
	const char	*rec;
	size_t		 len;
	const char	*text;
	size_t		 tlen;
};

/*
 * Write the n records as the cache at path, for engine, atomically; records
 * whose file changed in the last two seconds are left out. summary (slen
 * bytes, or NULL) goes with it, for the library whose fingerprint is given
 * and whose front-matter cache has the checksum isum (cache_sum()).
 * Returns 0, or -1 (a cache that cannot be written is no error worth
 * reporting).
 */
int dgcache_save(const char *path, uint64_t engine, const struct dg_rec *v, size_t n,
    uint64_t fingerprint, uint64_t isum, const char *summary, size_t slen);

#endif
