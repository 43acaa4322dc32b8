/*
 * util.h: allocation wrappers, a growable byte buffer and small string helpers.
 *
 * Every allocation in byline goes through xmalloc() and friends. They never
 * return NULL: on exhaustion they print "byline: out of memory" and exit with
 * status 3. Tests may install a failure hook (util_set_alloc_hook) to prove
 * that this is the only thing that happens when memory runs out.
 */
#ifndef BYLINE_UTIL_H
#define BYLINE_UTIL_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define BYLINE_VERSION "0.1.0"

/* Exit statuses of byline and its subcommands. */
#define EXIT_OK		0
#define EXIT_PROBLEM	1	/* check found errors, a file could not be read */
#define EXIT_USAGE	2
#define EXIT_NOMEM	3	/* an allocation failed */

void *xmalloc(size_t size);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *ptr, size_t size);
/* Reallocate ptr to hold n elements of size bytes, checking n * size for overflow. */
void *xreallocarray(void *ptr, size_t n, size_t size);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
/* Print into a newly allocated string the caller frees. */
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
char *xvasprintf(const char *fmt, va_list ap) __attribute__((format(printf, 1, 0)));

/*
 * Test hook: when set, called before every allocation; returning true makes
 * that allocation fail as if the system were out of memory.
 */
typedef bool (*util_alloc_hook)(size_t size);
void util_set_alloc_hook(util_alloc_hook hook);

/* Print "byline: MESSAGE" to stderr and exit with status 1. Only main-level code calls this. */
void fatal(const char *fmt, ...) __attribute__((format(printf, 1, 2), noreturn));

/*
 * Grow an array so it can hold at least want elements. *cap is updated.
 * Use as: ARRAY_GROW(v, n + 1, cap).
 */
void *array_grow(void *ptr, size_t want, size_t *cap, size_t elem);
#define ARRAY_GROW(ptr, want, cap) ((ptr) = array_grow((ptr), (want), &(cap), sizeof *(ptr)))

/* A growable byte buffer, always NUL-terminated after the first append. */
struct buf {
	char	*data;
	size_t	 len;
	size_t	 cap;
};

#define BUF_INIT { NULL, 0, 0 }

void buf_reserve(struct buf *b, size_t extra);
void buf_add(struct buf *b, const void *data, size_t len);
void buf_addc(struct buf *b, char c);
void buf_adds(struct buf *b, const char *s);
void buf_printf(struct buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Empty the buffer but keep its memory. */
void buf_reset(struct buf *b);
/* Release the buffer's memory and reset it. */
void buf_free(struct buf *b);
/* Hand the contents (NUL-terminated, possibly "" ) to the caller, who frees it. */
char *buf_detach(struct buf *b);

/*
 * A path under an XDG base folder: "$VAR/leaf" when the variable var holds an
 * absolute path, else "$HOME/home_default/leaf" ("~/.config/byline/feeds"
 * for "XDG_CONFIG_HOME", ".config", "byline/feeds"); NULL when neither is
 * set. The caller frees it.
 */
char *xdg_path(const char *var, const char *home_default, const char *leaf);

/* ASCII-only helpers that never depend on the locale. */
bool ascii_isspace(int c);
bool ascii_isdigit(int c);
bool ascii_isalpha(int c);
bool ascii_isupper(int c);
bool ascii_islower(int c);
int ascii_tolower(int c);
int ascii_toupper(int c);
/* Compare n bytes ASCII case-insensitively; returns 0 when equal. */
int ascii_strncasecmp(const char *a, const char *b, size_t n);
int ascii_strcasecmp(const char *a, const char *b);
/* Does s (length len) end with suffix, ASCII case-insensitively? */
bool ascii_endswith(const char *s, size_t len, const char *suffix);
/* s[0..*len) without ASCII white space at either end: the new start, *len shortened. */
const char *ascii_trim(const char *s, size_t *len);

/*
 * A fast 64-bit checksum of len bytes, eight at a time (for detecting damage,
 * not for keys: it is not FNV and not stable across byte orders).
 */
uint64_t sum64(const void *data, size_t len);

/* Milliseconds on the monotonic clock (for timing, throttling, deadlines). Can't fail. */
int64_t clock_ms(void);

/* 64-bit FNV-1a hash of len bytes, continuing from h (start with FNV64_INIT). */
#define FNV64_INIT UINT64_C(0xcbf29ce484222325)
uint64_t fnv64(uint64_t h, const void *data, size_t len);

#endif
