/*
 * strmap.c: one hash map for every table of byline (see strmap.h).
 */
#include "strmap.h"

#include <stdlib.h>
#include <string.h>

#include "util.h"

uint64_t
strmap_hash(const char *key, size_t len)
{
	return fnv64(FNV64_INIT, key, len);
}

/* The slot for key in m: its own, or the empty one where it would go. m->cap > 0. */
static struct strmap_slot *
slot_for(const struct strmap *m, const char *key, size_t len, uint64_t h)
{
	size_t mask = m->cap - 1, i = (size_t)h & mask;

	for (;;) {
		struct strmap_slot *s = &m->v[i];

		if (s->key == NULL || (s->hash == h && s->len == len &&
		    (len == 0 || memcmp(s->key, key, len) == 0)))
			return s;
		i = (i + 1) & mask;
	}
}

/* Resize m's table to cap slots (a power of two, more than twice m->n). */
static void
rehash(struct strmap *m, size_t cap)
{
	struct strmap_slot *old = m->v;
	size_t i, oldcap = m->cap;

	m->v = xcalloc(cap, sizeof *m->v);
	m->cap = cap;
	for (i = 0; i < oldcap; i++)
		if (old[i].key != NULL)
			*slot_for(m, old[i].key, old[i].len, old[i].hash) = old[i];
	free(old);
}

void
strmap_reserve(struct strmap *m, size_t n)
{
	size_t cap = m->cap == 0 ? 16 : m->cap;

	while (cap / 2 < n) {
		if (cap > SIZE_MAX / 2 / sizeof *m->v)
			fatal("out of memory");
		cap *= 2;
	}
	if (cap != m->cap)
		rehash(m, cap);
}

union strmap_val *
strmap_get_h(const struct strmap *m, const char *key, size_t len, uint64_t hash)
{
	struct strmap_slot *s;

	if (m->n == 0)
		return NULL;
	s = slot_for(m, key, len, hash);
	return s->key != NULL ? &s->val : NULL;
}

union strmap_val *
strmap_get(const struct strmap *m, const char *key, size_t len)
{
	if (m->n == 0)
		return NULL;
	return strmap_get_h(m, key, len, strmap_hash(key, len));
}

union strmap_val *
strmap_put(struct strmap *m, const char *key, size_t len, bool *added)
{
	return strmap_put_h(m, key, len, strmap_hash(key, len), added);
}

union strmap_val *
strmap_put_h(struct strmap *m, const char *key, size_t len, uint64_t h, bool *added)
{
	struct strmap_slot *s;

	if ((m->n + 1) * 2 > m->cap)
		strmap_reserve(m, m->n + 1);
	s = slot_for(m, key, len, h);
	if (added != NULL)
		*added = s->key == NULL;
	if (s->key == NULL) {
		s->key = m->borrow ? key : xstrndup(key, len);
		s->len = len;
		s->hash = h;
		memset(&s->val, 0, sizeof s->val);
		m->n++;
	}
	return &s->val;
}

const struct strmap_slot *
strmap_next(const struct strmap *m, size_t *i)
{
	while (*i < m->cap) {
		const struct strmap_slot *s = &m->v[(*i)++];

		if (s->key != NULL)
			return s;
	}
	return NULL;
}

void
strmap_free(struct strmap *m)
{
	size_t i;

	if (!m->borrow)
		for (i = 0; i < m->cap; i++)
			free((char *)m->v[i].key);
	free(m->v);
	m->v = NULL;
	m->cap = m->n = 0;
}
