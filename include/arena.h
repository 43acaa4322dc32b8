/*
 * arena.h: a bump allocator. Everything allocated from an arena is released
 * at once by arena_reset() or arena_free(); nothing is freed alone.
 */
#ifndef BYLINE_ARENA_H
#define BYLINE_ARENA_H

#include <stddef.h>

struct arena;

/* A new, empty arena. Can't fail. */
struct arena *arena_new(void);
/* size bytes aligned for any type; never NULL. */
void *arena_alloc(struct arena *a, size_t size);
/* A zeroed array of n elements of size bytes. */
void *arena_calloc(struct arena *a, size_t n, size_t size);
/* A NUL-terminated copy of s[0..n). */
char *arena_strndup(struct arena *a, const char *s, size_t n);
char *arena_strdup(struct arena *a, const char *s);
/* Forget every allocation but keep the first block for reuse. */
void arena_reset(struct arena *a);
/*
 * Move everything src holds into dst (pointers into it stay valid, now
 * owned by dst) and release src. For work done in one arena per thread.
 */
void arena_adopt(struct arena *dst, struct arena *src);
/* Release the arena and everything in it. NULL is allowed. */
void arena_free(struct arena *a);
/* Bytes held by the arena (for memory accounting). */
size_t arena_size(const struct arena *a);

#endif
