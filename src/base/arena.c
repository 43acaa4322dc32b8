/* arena.c: bump allocation in growing blocks. */
#include "arena.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

#define ARENA_BLOCK	(64 * 1024)
#define ARENA_ALIGN	(sizeof(max_align_t))

struct block {
	struct block	*next;
	size_t		 size;		/* usable bytes after the header */
	size_t		 used;
	max_align_t	 data[];
};

struct arena {
	struct block	*head;		/* current block; older ones follow */
	size_t		 total;
};

/* Add a block able to hold at least need bytes. */
static struct block *
arena_grow(struct arena *a, size_t need)
{
	struct block *b;
	size_t size = ARENA_BLOCK;

	if (need > size / 4)
		size = need;		/* big allocations get a block of their own */
	if (size > SIZE_MAX - sizeof *b)
		size = SIZE_MAX - sizeof *b;
	b = xmalloc(sizeof *b + size);
	b->size = size;
	b->used = 0;
	if (need > ARENA_BLOCK / 4 && a->head != NULL) {
		/* keep filling the current block; put the big one behind it */
		b->next = a->head->next;
		a->head->next = b;
	} else {
		b->next = a->head;
		a->head = b;
	}
	a->total += size;
	return b;
}

struct arena *
arena_new(void)
{
	struct arena *a = xcalloc(1, sizeof *a);

	return a;
}

void *
arena_alloc(struct arena *a, size_t size)
{
	struct block *b = a->head;
	size_t off;

	if (size == 0)
		size = 1;
	if (size > SIZE_MAX - ARENA_ALIGN)
		size = SIZE_MAX - ARENA_ALIGN;	/* xmalloc will fail on it */
	size = (size + ARENA_ALIGN - 1) & ~(ARENA_ALIGN - 1);
	if (b == NULL || b->size - b->used < size) {
		b = arena_grow(a, size);
		if (b != a->head) {
			b->used = size;
			return b->data;
		}
	}
	off = b->used;
	b->used += size;
	return (char *)b->data + off;
}

void *
arena_calloc(struct arena *a, size_t n, size_t size)
{
	void *p;

	if (size != 0 && n > SIZE_MAX / size)
		n = SIZE_MAX / size;
	p = arena_alloc(a, n * size);
	memset(p, 0, n * size);
	return p;
}

char *
arena_strndup(struct arena *a, const char *s, size_t n)
{
	char *p = arena_alloc(a, n + 1);

	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *
arena_strdup(struct arena *a, const char *s)
{
	return arena_strndup(a, s, strlen(s));
}

void
arena_reset(struct arena *a)
{
	struct block *b, *next, *keep = NULL;

	for (b = a->head; b != NULL; b = next) {
		next = b->next;
		if (keep == NULL && b->size == ARENA_BLOCK) {
			keep = b;
			continue;
		}
		free(b);
	}
	a->head = keep;
	a->total = 0;
	if (keep != NULL) {
		keep->next = NULL;
		keep->used = 0;
		a->total = keep->size;
	}
}

void
arena_adopt(struct arena *dst, struct arena *src)
{
	struct block *last;

	if (src == NULL)
		return;
	if (src->head != NULL) {
		/* behind dst's current block, which goes on filling */
		for (last = src->head; last->next != NULL; last = last->next)
			;
		if (dst->head == NULL) {
			dst->head = src->head;
		} else {
			last->next = dst->head->next;
			dst->head->next = src->head;
		}
		dst->total += src->total;
	}
	free(src);
}

void
arena_free(struct arena *a)
{
	struct block *b, *next;

	if (a == NULL)
		return;
	for (b = a->head; b != NULL; b = next) {
		next = b->next;
		free(b);
	}
	free(a);
}

size_t
arena_size(const struct arena *a)
{
	return a->total;
}
