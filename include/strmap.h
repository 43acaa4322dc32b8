/*
 * strmap.h: a hash map from byte strings to a small value.
 *
 * Open addressing with linear probing, the table kept at most half full,
 * FNV-1a hashes kept beside the keys. Keys are copied (and freed with the
 * map) unless the map borrows them: then they must outlive it. The value is
 * a union wide enough for an index, a count, a packed pair or a pointer, so
 * that every table of byline (people, read marks, the cache's paths, the
 * analysis's hash sets) is this one.
 */
#ifndef BYLINE_STRMAP_H
#define BYLINE_STRMAP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

union strmap_val {
	int64_t		 i;
	uint64_t	 u;
	void		*p;
};

struct strmap_slot {
	const char		*key;	/* NULL: an empty slot */
	size_t			 len;
	uint64_t		 hash;
	union strmap_val	 val;
};

struct strmap {
	struct strmap_slot	*v;
	size_t			 cap;		/* 0 or a power of two */
	size_t			 n;		/* keys held */
	bool			 borrow;	/* keys are the caller's, not copied */
};

#define STRMAP_INIT		{ NULL, 0, 0, false }
#define STRMAP_INIT_BORROW	{ NULL, 0, 0, true }

/* The hash strmap uses for key (len bytes). */
uint64_t strmap_hash(const char *key, size_t len);

/* Make room for n keys in all without growing again. Can't fail. */
void strmap_reserve(struct strmap *m, size_t n);

/* The value of key, or NULL when the map does not hold it. */
union strmap_val *strmap_get(const struct strmap *m, const char *key, size_t len);

/* The same with the key's strmap_hash() already known. */
union strmap_val *strmap_get_h(const struct strmap *m, const char *key, size_t len,
    uint64_t hash);

/*
 * The value of key, added (zeroed) when missing; *added (when not NULL) says
 * which. The pointer is valid until the next strmap_put(). Can't fail.
 */
union strmap_val *strmap_put(struct strmap *m, const char *key, size_t len, bool *added);

/*
 * The same with the key's hash given: a map filled this way is read with
 * strmap_get_h() and the same hashes (for keys that carry a good hash of
 * their own, such as the analysis's sets of word hashes). Can't fail.
 */
union strmap_val *strmap_put_h(struct strmap *m, const char *key, size_t len, uint64_t hash,
    bool *added);

/*
 * Walk the keys: start with *i = 0; each call returns the next slot in
 * table order, or NULL at the end.
 */
const struct strmap_slot *strmap_next(const struct strmap *m, size_t *i);

/* Release the table (and the keys when copied); m is empty after it. */
void strmap_free(struct strmap *m);

#endif
