/*
 * article.c: read an article file and split it into front matter and body.
 *
 * The file is read with plain read(2) into memory the article owns. Only
 * regular files are read (a FIFO would block, a device never ends); opening
 * uses O_NONBLOCK so that even a FIFO cannot hang the reader.
 */
#include "article.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "arena.h"
#include "conventions.h"
#include "frontmatter.h"
#include "utf8.h"
#include "util.h"

#define HEAD_CHUNK	(16 * 1024)

const char *
article_basename(struct arena *arena, const char *path)
{
	const char *base = strrchr(path, '/'), *dot;
	size_t len;

	base = base != NULL ? base + 1 : path;
	len = strlen(base);
	dot = strrchr(base, '.');
	if (dot != NULL && dot != base)
		len = (size_t)(dot - base);
	if (len == 0)
		return arena_strdup(arena, path);
	return arena_strndup(arena, base, len);
}

/* Length of the line at s (up to end), without its LF; *next gets the next line. */
static size_t
line_at(const char *s, const char *end, const char **next)
{
	const char *nl = memchr(s, '\n', (size_t)(end - s));

	*next = nl != NULL ? nl + 1 : end;
	return (size_t)((nl != NULL ? nl : end) - s);
}

/* Is the line s[0..len) exactly delim, trailing spaces, tabs and a CR aside? */
static bool
is_delim(const char *s, size_t len, const char *delim)
{
	size_t n = strlen(delim);

	if (len < n || memcmp(s, delim, n) != 0)
		return false;
	for (; n < len; n++)
		if (s[n] != ' ' && s[n] != '\t' && s[n] != '\r')
			return false;
	return true;
}

/* Does data (after any BOM) start a front matter block: "---" or "+++"? */
static const char *
opening_delim(const char *data, size_t len)
{
	const char *next;
	size_t n = line_at(data, data + len, &next);

	if (is_delim(data, n, "---"))
		return "---";
	if (is_delim(data, n, "+++"))
		return "+++";
	return NULL;
}

/*
 * Find the line closing a front matter block opened by delim at data. On
 * success store the offset where the front matter text ends (*fm_end), where
 * the body starts (*body) and the number of lines up to the body (*lines).
 */
static bool
find_close(const char *data, size_t len, const char *delim, size_t *fm_end, size_t *body,
    unsigned *lines)
{
	const char *end = data + len, *s, *next;
	unsigned n = 1;

	line_at(data, end, &s);		/* skip the opening line */
	while (s < end) {
		size_t l = line_at(s, end, &next);

		n++;
		if (is_delim(s, l, delim) || (delim[0] == '-' && is_delim(s, l, "..."))) {
			*fm_end = (size_t)(s - data);
			*body = (size_t)(next - data);
			*lines = n;
			return true;
		}
		s = next;
	}
	return false;
}

/* Does data look like UTF-16 (a byte-order mark, or NULs between ASCII)? */
static const char *
utf16_kind(const char *data, size_t len)
{
	const unsigned char *u = (const unsigned char *)data;

	if (len >= 2 && u[0] == 0xff && u[1] == 0xfe)
		return "UTF-16LE";
	if (len >= 2 && u[0] == 0xfe && u[1] == 0xff)
		return "UTF-16BE";
	if (len >= 4 && u[0] != 0 && u[1] == 0 && u[2] != 0 && u[3] == 0)
		return "UTF-16LE";
	if (len >= 4 && u[0] == 0 && u[1] != 0 && u[2] == 0 && u[3] != 0)
		return "UTF-16BE";
	return NULL;
}

/* Copy at most ARTICLE_MAX_TITLE bytes of s as a title, cut at a character. */
static const char *
title_from(struct arena *arena, const char *s, size_t len)
{
	size_t n = utf8_cut(s, len, ARTICLE_MAX_TITLE);
	char *t;

	if (n == len)
		return arena_strndup(arena, s, len);
	t = arena_alloc(arena, n + 4);
	memcpy(t, s, n);
	memcpy(t + n, "\xe2\x80\xa6", 4);	/* U+2026 and the NUL */
	return t;
}

/*
 * The body's first non-empty line (Markdown heading marks removed), or
 * NULL when the body has no text.
 */
static const char *
title_from_body(struct arena *arena, const char *body, size_t len)
{
	const char *s = body, *end = body + len, *next;

	while (s < end) {
		size_t l = line_at(s, end, &next);
		const char *t = s;

		while (l > 0 && ascii_isspace((unsigned char)t[0])) {
			t++;
			l--;
		}
		while (l > 0 && ascii_isspace((unsigned char)t[l - 1]))
			l--;
		if (l > 0 && t[0] == '#') {
			size_t h = 0;

			while (h < l && h < 6 && t[h] == '#')
				h++;
			if (h == l || t[h] == ' ' || t[h] == '\t') {
				t += h;
				l -= h;
				while (l > 0 && ascii_isspace((unsigned char)t[0])) {
					t++;
					l--;
				}
				while (l > 0 && t[l - 1] == '#')
					l--;
				while (l > 0 && ascii_isspace((unsigned char)t[l - 1]))
					l--;
			}
		}
		/* a line of NUL bytes is not a title: it would print as nothing */
		if (l > 0 && memchr(t, '\0', l) != t)
			return title_from(arena, t, l);
		s = next;
	}
	return NULL;
}

/* Make the article a broken one, titled from its file name. */
static void
make_broken(struct article *a)
{
	a->flags |= ARTICLE_BROKEN | ARTICLE_TITLE_GUESSED;
	a->title = article_basename(a->arena, a->path);
}

/* Parse a->data (already owned by a) into fields and body. */
static void
parse_owned(struct article *a, bool complete)
{
	const char *data = a->data, *delim;
	size_t len = a->data_len, fm_end = 0, body = 0;
	unsigned lines = 0;
	const char *kind;

	if ((kind = utf16_kind(data, len)) != NULL) {
		diags_add(&a->diags, DIAG_ERROR, 1, 1,
		    "file is %s; byline reads UTF-8 (convert it: iconv -f %s -t UTF-8)",
		    kind, kind);
		make_broken(a);
		a->body = data + len;
		a->body_len = 0;
		article_make_key(a);
		return;
	}
	if (len >= 3 && memcmp(data, "\xef\xbb\xbf", 3) == 0) {
		data += 3;
		len -= 3;
	}
	a->body = data;
	a->body_len = len;
	a->body_line = 1;
	delim = opening_delim(data, len);
	if (delim == NULL) {
		a->flags |= ARTICLE_NO_FRONTMATTER | ARTICLE_TITLE_GUESSED;
		a->title = title_from_body(a->arena, data, len);
	} else if (!find_close(data, len, delim, &fm_end, &body, &lines)) {
		if (len > ARTICLE_MAX_FRONTMATTER)
			diags_add(&a->diags, DIAG_ERROR, 1, 1,
			    "front matter opened with '%s' is not closed within %u KiB; "
			    "the file is shown as plain text", delim, ARTICLE_MAX_FRONTMATTER / 1024);
		else
			diags_add(&a->diags, DIAG_ERROR, 1, 1,
			    "front matter opened with '%s' is never closed; "
			    "the file is shown as plain text", delim);
		make_broken(a);
		a->flags &= ~ARTICLE_MARKDOWN;	/* plain text: its "---" is no rule */
	} else {
		const char *next;

		line_at(data, data + len, &next);
		a->body = data + body;
		a->body_len = len - body;
		a->body_line = lines + 1;
		if (delim[0] == '+') {
			diags_add(&a->diags, DIAG_ERROR, 1, 1,
			    "TOML front matter (+++) is not supported; write YAML between '---' lines");
			make_broken(a);
		} else if (fm_end - (size_t)(next - data) > ARTICLE_MAX_FRONTMATTER) {
			diags_add(&a->diags, DIAG_ERROR, 2, 1,
			    "front matter is longer than %u KiB", ARTICLE_MAX_FRONTMATTER / 1024);
			make_broken(a);
		} else if (!frontmatter_parse(a, next, fm_end - (size_t)(next - data), 2)) {
			make_broken(a);
		}
		if (a->title == NULL) {
			if (delim[0] == '-' && !(a->flags & ARTICLE_BROKEN))
				diags_add(&a->diags, DIAG_WARNING, 1, 1,
				    "front matter has no title; using the first line of the text");
			a->flags |= ARTICLE_TITLE_GUESSED;
			a->title = title_from_body(a->arena, a->body, a->body_len);
		}
	}
	if (a->title == NULL)
		a->title = article_basename(a->arena, a->path);
	conventions_date_from_name(a);
	if (complete)
		conventions_body_images(a);
	if (!complete) {
		a->flags |= ARTICLE_HEAD_ONLY;
		a->body_len = 0;
	}
	article_make_key(a);
}

/* Set up a fresh article for path. */
static void
article_init(struct article *a, const char *path, struct arena *arena)
{
	memset(a, 0, sizeof *a);
	a->fd = -1;
	a->own_arena = arena == NULL;
	a->arena = arena != NULL ? arena : arena_new();
	a->path = arena_strdup(a->arena, path);
	a->sortkey = INT64_MIN;
	if (ascii_endswith(path, strlen(path), ".md") ||
	    ascii_endswith(path, strlen(path), ".markdown"))
		a->flags |= ARTICLE_MARKDOWN;
}

void
article_parse(struct article *a, const char *path, const char *data, size_t len,
    bool complete, struct arena *arena)
{
	article_init(a, path, arena);
	a->data = xmalloc(len + 1);
	memcpy(a->data, data, len);
	a->data[len] = '\0';
	a->data_len = len;
	parse_owned(a, complete);
}

/* A diagnostic for a file that cannot be read; the article becomes broken. */
static void
load_failed(struct article *a, const char *fmt, const char *detail)
{
	diags_add(&a->diags, DIAG_ERROR, 0, 0, fmt, detail);
	make_broken(a);
	a->data = xstrdup("");
	a->body = a->data;
	a->body_len = 0;
	article_make_key(a);
}

/* Whether the first len bytes of a file hold no front matter or all of it. */
static bool
head_closed(const char *d, size_t len)
{
	const char *delim;
	size_t fe, bo;
	unsigned ln;

	if (len >= 3 && memcmp(d, "\xef\xbb\xbf", 3) == 0) {
		d += 3;
		len -= 3;
	}
	delim = opening_delim(d, len);
	return delim == NULL || find_close(d, len, delim, &fe, &bo, &ln);
}

/*
 * Read from fd into a->data: everything (up to the size limit) when full,
 * else enough to hold the front matter. Returns 0, or errno on a read error.
 * *eof says whether the end of the file was reached.
 */
static int
read_file(struct article *a, int fd, bool full, size_t hint, bool *eof)
{
	size_t cap, len = 0, limit, stop;
	char *buf;

	limit = full ? ARTICLE_MAX_FILE : ARTICLE_MAX_FRONTMATTER + HEAD_CHUNK;
	cap = full ? (hint < limit ? hint + 1 : limit + 1) : HEAD_CHUNK;
	if (cap < 64)
		cap = 64;
	buf = xmalloc(cap + 1);
	*eof = false;
	/* a start read fills the front of a whole-file buffer, and stops early */
	stop = a->data_cap > 0 ? ARTICLE_START : SIZE_MAX;
	for (;;) {
		size_t want;
		ssize_t r;

		if (len >= stop) {
			if (head_closed(buf, len))
				break;
			stop = SIZE_MAX;	/* a long front matter: read it all */
		}
		if (len == cap) {
			/* a head is enough once the front matter (if any) is closed */
			if (!full && head_closed(buf, len))
				break;
			if (cap >= limit + 1)
				break;
			cap = cap * 2 > limit + 1 ? limit + 1 : cap * 2;
			buf = xrealloc(buf, cap + 1);
		}
		want = cap - len;
		if (stop > len && stop - len < want)
			want = stop - len;
		r = read(fd, buf + len, want);
		if (r < 0) {
			if (errno == EINTR)
				continue;
			free(buf);
			return errno;
		}
		if (r == 0) {
			*eof = true;
			break;
		}
		len += (size_t)r;
	}
	buf[len] = '\0';
	a->data = buf;
	a->data_len = len;
	return 0;
}

void
article_load(struct article *a, const char *path, enum article_load_how how,
    struct arena *arena)
{
	struct stat st, lst;
	int fd, err;
	bool eof, full = how != ARTICLE_LOAD_HEAD;

	article_init(a, path, arena);
	fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
	if (fd < 0) {
		err = errno;
		if (err == ENOENT && lstat(path, &lst) == 0 && S_ISLNK(lst.st_mode))
			load_failed(a, "%s", "dangling symbolic link");
		else if (err == ELOOP)
			load_failed(a, "%s", "too many levels of symbolic links");
		else
			load_failed(a, "cannot open: %s", strerror(err));
		return;
	}
	if (fstat(fd, &st) < 0) {
		load_failed(a, "cannot read: %s", strerror(errno));
		close(fd);
		return;
	}
	if (S_ISDIR(st.st_mode)) {
		load_failed(a, "%s", "is a directory, not an article file");
		close(fd);
		return;
	}
	if (!S_ISREG(st.st_mode)) {
		load_failed(a, "%s", S_ISFIFO(st.st_mode) ? "is a FIFO, not a regular file" :
		    "is not a regular file");
		close(fd);
		return;
	}
	a->file_size = (uint64_t)st.st_size;
	a->mtime_sec = (int64_t)st.st_mtim.tv_sec;
	a->mtime_nsec = st.st_mtim.tv_nsec;
	if (st.st_size == 0) {
		load_failed(a, "%s", "file is empty");
		close(fd);
		return;
	}
	if (full && (uint64_t)st.st_size > ARTICLE_MAX_FILE) {
		char detail[96];

		snprintf(detail, sizeof detail, "file is too large (%llu MiB; the limit is %u MiB)",
		    (unsigned long long)st.st_size / (1024 * 1024), ARTICLE_MAX_FILE / (1024 * 1024));
		load_failed(a, "%s", detail);
		close(fd);
		return;
	}
	/* the descriptor was opened non-blocking for FIFOs; reads of a file don't care */
	if (how == ARTICLE_LOAD_START && (uint64_t)st.st_size > 2 * ARTICLE_START)
		a->data_cap = (size_t)st.st_size;
	err = read_file(a, fd, full, (size_t)st.st_size, &eof);
	if (err == 0 && a->data_cap > 0 && !eof && a->data_len < a->data_cap) {
		a->fd = fd;	/* kept for article_load_rest() */
		a->flags |= ARTICLE_PARTIAL;
		parse_owned(a, true);
		return;
	}
	a->data_cap = 0;
	close(fd);
	if (err != 0) {
		load_failed(a, "cannot read: %s", strerror(err));
		return;
	}
	if (full && !eof) {
		char detail[96];

		free(a->data);
		a->data = NULL;
		snprintf(detail, sizeof detail, "file is too large (the limit is %u MiB)",
		    ARTICLE_MAX_FILE / (1024 * 1024));
		load_failed(a, "%s", detail);
		return;
	}
	parse_owned(a, full || eof);
}

int
article_load_rest(struct article *a)
{
	return article_load_more(a, SIZE_MAX);
}

int
article_load_more(struct article *a, size_t max)
{
	size_t off, want;
	int err = 0;

	if (!(a->flags & ARTICLE_PARTIAL))
		return 0;
	off = (size_t)(a->body - a->data);
	want = a->data_cap - a->data_len < max ? a->data_cap : a->data_len + max;
	while (a->data_len < want) {
		ssize_t r = read(a->fd, a->data + a->data_len, want - a->data_len);

		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0)
			err = errno;
		if (r <= 0)
			break;		/* the file shrank: what was read is the article */
		a->data_len += (size_t)r;
	}
	a->data[a->data_len] = '\0';
	if (a->data_len == want && want < a->data_cap && err == 0) {
		a->body_len = a->data_len - off;
		return 0;	/* more to come */
	}
	close(a->fd);
	a->fd = -1;
	a->flags &= ~ARTICLE_PARTIAL;
	a->body_len = a->data_len - off;
	if (err != 0) {
		diags_add(&a->diags, DIAG_ERROR, 0, 0, "cannot read: %s", strerror(err));
		return -1;
	}
	return 0;
}

void
article_free(struct article *a)
{
	if (a->fd >= 0)
		close(a->fd);
	a->fd = -1;
	diags_free(&a->diags);
	free(a->data);
	a->data = NULL;
	/* an arena passed in by the caller is the caller's to free */
	if (a->own_arena)
		arena_free(a->arena);
	a->arena = NULL;
}

void
article_date_string(const struct article *a, char *out, size_t size)
{
	if (!a->has_date) {
		if (size > 0)
			out[0] = '\0';
		return;
	}
	snprintf(out, size, "%04d-%02d-%02d", a->date.year, a->date.month, a->date.day);
}

void
article_make_key(struct article *a)
{
	const char *prefix, *val;
	uint64_t h;
	char date[16];

	if (a->id != NULL && a->id[0] != '\0') {
		prefix = "id:";
		val = a->id;
	} else if (a->url != NULL && a->url[0] != '\0') {
		prefix = "url:";
		val = a->url;
	} else {
		article_date_string(a, date, sizeof date);
		h = fnv64(FNV64_INIT, a->title, strlen(a->title) + 1);
		h = fnv64(h, date, strlen(date) + 1);
		if (a->source != NULL)
			h = fnv64(h, a->source, strlen(a->source));
		snprintf(a->key, sizeof a->key, "h:%016llx", (unsigned long long)h);
		return;
	}
	if (strlen(prefix) + strlen(val) < sizeof a->key) {
		size_t pl = strlen(prefix);

		memcpy(a->key, prefix, pl);
		memcpy(a->key + pl, val, strlen(val) + 1);
	} else {
		h = fnv64(FNV64_INIT, val, strlen(val));
		snprintf(a->key, sizeof a->key, "%s#%016llx", prefix, (unsigned long long)h);
	}
}
