/* util.c: allocation wrappers, byte buffers and locale-free ASCII helpers. */
#include "util.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static util_alloc_hook alloc_hook;

void
util_set_alloc_hook(util_alloc_hook hook)
{
	alloc_hook = hook;
}

/* Report exhaustion and leave; this function does not return. */
static void __attribute__((noreturn))
out_of_memory(size_t size)
{
	static const char msg[] = "byline: out of memory\n";

	(void)size;
	/* write(2) rather than stdio: stdio may itself need memory. */
	if (write(STDERR_FILENO, msg, sizeof msg - 1) < 0) {
		/* nothing more can be done */
	}
	_exit(EXIT_NOMEM);
}

static bool
hook_fails(size_t size)
{
	return alloc_hook != NULL && alloc_hook(size);
}

void *
xmalloc(size_t size)
{
	void *p;

	if (size == 0)
		size = 1;
	if (hook_fails(size) || (p = malloc(size)) == NULL)
		out_of_memory(size);
	return p;
}

void *
xcalloc(size_t n, size_t size)
{
	void *p;

	if (n == 0 || size == 0)
		n = size = 1;
	if (hook_fails(n * size) || (p = calloc(n, size)) == NULL)
		out_of_memory(n * size);
	return p;
}

void *
xrealloc(void *ptr, size_t size)
{
	void *p;

	if (size == 0)
		size = 1;
	if (hook_fails(size) || (p = realloc(ptr, size)) == NULL)
		out_of_memory(size);
	return p;
}

void *
xreallocarray(void *ptr, size_t n, size_t size)
{
	if (size != 0 && n > SIZE_MAX / size)
		out_of_memory(SIZE_MAX);
	return xrealloc(ptr, n * size);
}

char *
xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}

char *
xstrndup(const char *s, size_t n)
{
	char *p;

	p = xmalloc(n + 1);
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *
xvasprintf(const char *fmt, va_list ap)
{
	va_list ap2;
	char *p;
	int n;

	va_copy(ap2, ap);
	n = vsnprintf(NULL, 0, fmt, ap2);
	va_end(ap2);
	if (n < 0)
		n = 0;
	p = xmalloc((size_t)n + 1);
	vsnprintf(p, (size_t)n + 1, fmt, ap);
	return p;
}

char *
xasprintf(const char *fmt, ...)
{
	va_list ap;
	char *p;

	va_start(ap, fmt);
	p = xvasprintf(fmt, ap);
	va_end(ap);
	return p;
}

void
fatal(const char *fmt, ...)
{
	va_list ap;

	fflush(stdout);
	fputs("byline: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(1);
}

void *
array_grow(void *ptr, size_t want, size_t *cap, size_t elem)
{
	size_t n;

	if (want <= *cap)
		return ptr;
	n = *cap < 8 ? 8 : *cap;
	while (n < want) {
		if (n > SIZE_MAX / 2)
			out_of_memory(SIZE_MAX);
		n *= 2;
	}
	ptr = xreallocarray(ptr, n, elem);
	*cap = n;
	return ptr;
}

void
buf_reserve(struct buf *b, size_t extra)
{
	size_t want;

	if (extra > SIZE_MAX - b->len - 1)
		out_of_memory(SIZE_MAX);
	want = b->len + extra + 1;
	if (want > b->cap) {
		size_t n = b->cap < 64 ? 64 : b->cap;

		while (n < want)
			n = n > SIZE_MAX / 2 ? want : n * 2;
		b->data = xrealloc(b->data, n);
		b->cap = n;
	}
}

void
buf_add(struct buf *b, const void *data, size_t len)
{
	buf_reserve(b, len);
	if (len > 0)
		memcpy(b->data + b->len, data, len);
	b->len += len;
	b->data[b->len] = '\0';
}

void
buf_addc(struct buf *b, char c)
{
	buf_add(b, &c, 1);
}

void
buf_adds(struct buf *b, const char *s)
{
	buf_add(b, s, strlen(s));
}

void
buf_printf(struct buf *b, const char *fmt, ...)
{
	va_list ap, ap2;
	int n;

	va_start(ap, fmt);
	va_copy(ap2, ap);
	n = vsnprintf(NULL, 0, fmt, ap2);
	va_end(ap2);
	if (n > 0) {
		buf_reserve(b, (size_t)n);
		vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
		b->len += (size_t)n;
	}
	va_end(ap);
}

void
buf_reset(struct buf *b)
{
	b->len = 0;
	if (b->data != NULL)
		b->data[0] = '\0';
}

void
buf_free(struct buf *b)
{
	free(b->data);
	b->data = NULL;
	b->len = b->cap = 0;
}

char *
buf_detach(struct buf *b)
{
	char *p;

	if (b->data == NULL)
		return xstrdup("");
	p = b->data;
	b->data = NULL;
	b->len = b->cap = 0;
	return p;
}

bool
ascii_isspace(int c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

bool
ascii_isdigit(int c)
{
	return c >= '0' && c <= '9';
}

bool
ascii_isupper(int c)
{
	return c >= 'A' && c <= 'Z';
}

bool
ascii_islower(int c)
{
	return c >= 'a' && c <= 'z';
}

bool
ascii_isalpha(int c)
{
	return ascii_isupper(c) || ascii_islower(c);
}

int
ascii_tolower(int c)
{
	return ascii_isupper(c) ? c + ('a' - 'A') : c;
}

int
ascii_toupper(int c)
{
	return ascii_islower(c) ? c - ('a' - 'A') : c;
}

int
ascii_strncasecmp(const char *a, const char *b, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		int ca = ascii_tolower((unsigned char)a[i]);
		int cb = ascii_tolower((unsigned char)b[i]);

		if (ca != cb)
			return ca - cb;
		if (ca == '\0')
			return 0;
	}
	return 0;
}

int
ascii_strcasecmp(const char *a, const char *b)
{
	return ascii_strncasecmp(a, b, SIZE_MAX);
}

bool
ascii_endswith(const char *s, size_t len, const char *suffix)
{
	size_t n = strlen(suffix);

	return len >= n && ascii_strncasecmp(s + len - n, suffix, n) == 0;
}

const char *
ascii_trim(const char *s, size_t *len)
{
	while (*len > 0 && ascii_isspace((unsigned char)s[0])) {
		s++;
		(*len)--;
	}
	while (*len > 0 && ascii_isspace((unsigned char)s[*len - 1]))
		(*len)--;
	return s;
}

uint64_t
fnv64(uint64_t h, const void *data, size_t len)
{
	const unsigned char *p = data;
	size_t i;

	for (i = 0; i < len; i++) {
		h ^= p[i];
		h *= UINT64_C(0x100000001b3);
	}
	return h;
}

uint64_t
sum64(const void *data, size_t len)
{
	const unsigned char *p = data;
	const uint64_t k = UINT64_C(0xff51afd7ed558ccd);
	uint64_t h[4] = { UINT64_C(0x9e3779b97f4a7c15) ^ len, 1, 2, 3 }, w[4];
	size_t i, j;

	/* four independent lanes, so the multiplies overlap */
	for (i = 0; i + 32 <= len; i += 32) {
		memcpy(w, p + i, 32);
		for (j = 0; j < 4; j++) {
			h[j] = (h[j] ^ w[j]) * k;
			h[j] ^= h[j] >> 29;
		}
	}
	for (; i < len; i++)
		h[0] = (h[0] ^ p[i]) * UINT64_C(0x100000001b3);
	h[0] ^= (h[1] * 3) ^ (h[2] * 5) ^ (h[3] * 7);
	h[0] ^= h[0] >> 33;
	return h[0];
}

char *
xdg_path(const char *var, const char *home_default, const char *leaf)
{
	const char *v;

	if ((v = getenv(var)) != NULL && v[0] == '/')
		return xasprintf("%s/%s", v, leaf);
	if ((v = getenv("HOME")) != NULL && v[0] != '\0')
		return xasprintf("%s/%s/%s", v, home_default, leaf);
	return NULL;
}

int64_t
clock_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}
