/*
 * subs.c: the subscriptions file, newsboat's "urls" format (see subs.h).
 */
#include "subs.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fileio.h"
#include "utf8.h"
#include "util.h"

/* Largest subscriptions file read. */
#define SUBS_MAX_FILE (16u * 1024 * 1024)

char *
subs_default_path(void)
{
	return xdg_path("XDG_CONFIG_HOME", ".config", "byline/feeds");
}

/*
 * Read the next word of the line at *p (ending at end) into out: a run of
 * non-blanks, or a quoted string with \" and \\ inside. Returns 1 with a
 * word, 0 at the end of the line or a comment, -1 for a quote never closed.
 */
static int
subs_word(const char **p, const char *end, struct buf *out)
{
	const char *s = *p;

	buf_reset(out);
	while (s < end && (*s == ' ' || *s == '\t'))
		s++;
	if (s == end || *s == '#') {
		*p = end;
		return 0;
	}
	if (*s != '"') {
		while (s < end && *s != ' ' && *s != '\t')
			buf_addc(out, *s++);
		*p = s;
		return 1;
	}
	for (s++; s < end && *s != '"'; s++) {
		if (*s == '\\' && s + 1 < end)
			s++;
		buf_addc(out, *s);
	}
	if (s == end)
		return -1;
	*p = s + 1;
	buf_addc(out, '\0');
	out->len--;
	return 1;
}

/* Add the subscription read from one line (its words in w[0..n)) to s. */
static void
subs_push(struct subs *s, char **w, size_t n, unsigned line)
{
	struct sub *sub;
	size_t i;

	ARRAY_GROW(s->v, s->n + 1, s->cap);
	sub = &s->v[s->n++];
	memset(sub, 0, sizeof *sub);
	sub->url = w[0];
	sub->line = line;
	sub->ntags = n - 1;
	sub->tags = xcalloc(n, sizeof *sub->tags);
	for (i = 1; i < n; i++) {
		sub->tags[i - 1] = w[i];
		if (strcmp(w[i], "!full") == 0)
			sub->full = true;
		else if (w[i][0] == '~' && w[i][1] != '\0' && sub->name == NULL)
			sub->name = w[i] + 1;
	}
}

/* Parse one line (len bytes, no newline), line number line, into s. */
static void
subs_line(struct subs *s, const char *text, size_t len, unsigned line)
{
	const char *p = text, *end = text + len, *why;
	struct buf word = BUF_INIT;
	char **w = NULL;
	size_t n = 0, cap = 0, i;
	int r;

	while ((r = subs_word(&p, end, &word)) > 0) {
		ARRAY_GROW(w, n + 1, cap);
		w[n++] = xstrndup(word.data, word.len);
	}
	buf_free(&word);
	if (r < 0)
		diags_add(&s->diags, DIAG_ERROR, line, (unsigned)(p - text) + 1,
		    "a quote that is never closed; line ignored");
	else if (n > 0 && !subs_url_ok(w[0], &why))
		diags_add(&s->diags, DIAG_ERROR, line, 1, "%s; line ignored", why);
	else if (n > 0 && s->n >= SUBS_MAX)
		diags_add(&s->diags, DIAG_ERROR, line, 1, "more than %d subscriptions; "
		    "the rest are ignored", SUBS_MAX);
	else if (n > 0) {
		subs_push(s, w, n, line);
		free(w);
		return;
	}
	for (i = 0; i < n; i++)
		free(w[i]);
	free(w);
}

void
subs_parse(struct subs *s, const char *data, size_t len)
{
	size_t i = 0;
	unsigned line = 0;

	if (len >= 3 && memcmp(data, "\xef\xbb\xbf", 3) == 0)
		i = 3;
	while (i < len) {
		const char *nl = memchr(data + i, '\n', len - i);
		size_t n = nl != NULL ? (size_t)(nl - data) - i : len - i;

		line++;
		if (n > 0 && data[i + n - 1] == '\r')
			n--;
		if (n > SUBS_MAX_LINE)
			diags_add(&s->diags, DIAG_ERROR, line, 1, "a line longer than %d bytes; "
			    "ignored", SUBS_MAX_LINE);
		else
			subs_line(s, data + i, n, line);
		i += (nl != NULL ? (size_t)(nl - data) - i + 1 : len - i);
	}
}

/*
 * Read the file at path into b. Returns 1, 0 when it does not exist (b
 * empty), -1 with *cause (the caller frees) on an error.
 */
static int
subs_read(const char *path, struct buf *b, char **cause)
{
	struct stat st;
	ssize_t n;
	int fd;

	if ((fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)) < 0) {
		if (errno == ENOENT)
			return 0;
		*cause = xasprintf("%s: %s", path, strerror(errno));
		return -1;
	}
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode) || st.st_size > SUBS_MAX_FILE) {
		*cause = xasprintf("%s: %s", path, st.st_size > SUBS_MAX_FILE ?
		    "larger than 16 MiB" : "not a regular file");
		close(fd);
		return -1;
	}
	for (;;) {
		buf_reserve(b, 65536);
		n = read(fd, b->data + b->len, b->cap - b->len - 1);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		b->len += (size_t)n;
	}
	if (n < 0) {
		*cause = xasprintf("%s: %s", path, strerror(errno));
		close(fd);
		return -1;
	}
	close(fd);
	b->data[b->len] = '\0';
	return 1;
}

int
subs_load(struct subs *s, const char *path, char **cause)
{
	struct buf b = BUF_INIT;
	int r = subs_read(path, &b, cause);

	if (r > 0)
		subs_parse(s, b.data, b.len);
	buf_free(&b);
	return r < 0 ? -1 : 0;
}

void
subs_free(struct subs *s)
{
	size_t i, k;

	for (i = 0; i < s->n; i++) {
		free(s->v[i].url);
		for (k = 0; k < s->v[i].ntags; k++)
			free(s->v[i].tags[k]);
		free(s->v[i].tags);
	}
	free(s->v);
	diags_free(&s->diags);
	memset(s, 0, sizeof *s);
}

bool
subs_url_ok(const char *url, const char **why)
{
	const char *host, *p;
	const char *dummy;

	if (why == NULL)
		why = &dummy;
	if (ascii_strncasecmp(url, "http://", 7) == 0)
		host = url + 7;
	else if (ascii_strncasecmp(url, "https://", 8) == 0)
		host = url + 8;
	else {
		*why = "not an http:// or https:// URL";
		return false;
	}
	if (*host == '\0' || *host == '/' || *host == '?' || *host == '#') {
		*why = "a URL without a host";
		return false;
	}
	for (p = url; *p != '\0'; p++)
		if ((unsigned char)*p <= ' ' || *p == 0x7f) {
			*why = "a URL with a space or a control character";
			return false;
		}
	if (!utf8_valid(url, strlen(url))) {
		*why = "a URL that is not UTF-8";
		return false;
	}
	return true;
}

/* Append word to b as the file writes it: quoted when it holds a blank, " or \, or starts with #. */
static void
subs_put_word(struct buf *b, const char *word)
{
	const char *p;

	if (word[0] != '\0' && word[0] != '#' && word[0] != '"' &&
	    strpbrk(word, " \t\"\\") == NULL) {
		buf_adds(b, word);
		return;
	}
	buf_addc(b, '"');
	for (p = word; *p != '\0'; p++) {
		if (*p == '"' || *p == '\\')
			buf_addc(b, '\\');
		buf_addc(b, *p);
	}
	buf_addc(b, '"');
}

/* Is tag one the file can hold: UTF-8, no control character, not empty? */
static bool
subs_tag_ok(const char *tag)
{
	const char *p;

	if (tag[0] == '\0' || !utf8_valid(tag, strlen(tag)))
		return false;
	for (p = tag; *p != '\0'; p++)
		if ((unsigned char)*p < ' ' || *p == 0x7f)
			return false;
	return true;
}

/*
 * Take the edit lock of the subscriptions file at path (".feeds.lock" in
 * its folder, which is created). Returns the descriptor, or -1 with *cause.
 */
static int
subs_lock(const char *path, char **cause)
{
	const char *slash = strrchr(path, '/');
	char *lock;
	int fd;

	lock = slash != NULL ? xasprintf("%.*s/.%s.lock", (int)(slash - path), path, slash + 1) :
	    xasprintf(".%s.lock", path);
	if (make_parents(lock, 0777) < 0 || (fd = file_lock(lock, true)) < 0) {
		*cause = xasprintf("%s: %s", lock, strerror(errno));
		free(lock);
		return -1;
	}
	free(lock);
	return fd;
}

/* Is url subscribed in s? */
static bool
subs_has(const struct subs *s, const char *url)
{
	size_t i;

	for (i = 0; i < s->n; i++)
		if (strcmp(s->v[i].url, url) == 0)
			return true;
	return false;
}

int
subs_add(const char *path, const char *url, char *const *tags, size_t ntags, char **cause)
{
	struct buf b = BUF_INIT;
	struct subs s = { 0 };
	const char *why;
	size_t i;
	int fd, r;

	if (!subs_url_ok(url, &why)) {
		*cause = xasprintf("%s: %s", url, why);
		return -1;
	}
	for (i = 0; i < ntags; i++)
		if (!subs_tag_ok(tags[i])) {
			*cause = xstrdup("a tag must be UTF-8 text without control characters");
			return -1;
		}
	if ((fd = subs_lock(path, cause)) < 0)
		return -1;
	if ((r = subs_read(path, &b, cause)) >= 0) {
		subs_parse(&s, b.data != NULL ? b.data : "", b.len);
		r = subs_has(&s, url) ? 0 : 1;
	}
	if (r == 1) {
		if (b.len > 0 && b.data[b.len - 1] != '\n')
			buf_addc(&b, '\n');
		buf_adds(&b, url);
		for (i = 0; i < ntags; i++) {
			buf_addc(&b, ' ');
			subs_put_word(&b, tags[i]);
		}
		buf_addc(&b, '\n');
		if (file_write_atomic(path, b.data, b.len, FW_KEEPLINK, cause) < 0)
			r = -1;
	}
	subs_free(&s);
	buf_free(&b);
	close(fd);
	return r;
}

int
subs_remove(const char *path, const char *url, char **cause)
{
	struct buf b = BUF_INIT, out = BUF_INIT;
	struct subs s = { 0 };
	size_t i, k;
	int fd, r;
	unsigned line = 0;

	if ((fd = subs_lock(path, cause)) < 0)
		return -1;
	if ((r = subs_read(path, &b, cause)) > 0) {
		subs_parse(&s, b.data, b.len);
		r = subs_has(&s, url) ? 1 : 0;
	}
	for (i = 0, k = 0; r == 1 && i < b.len; line++) {
		const char *nl = memchr(b.data + i, '\n', b.len - i);
		size_t n = nl != NULL ? (size_t)(nl - b.data) - i + 1 : b.len - i;

		while (k < s.n && s.v[k].line < line + 1)
			k++;
		if (k == s.n || s.v[k].line != line + 1 || strcmp(s.v[k].url, url) != 0)
			buf_add(&out, b.data + i, n);
		i += n;
	}
	if (r == 1 && file_write_atomic(path, out.data != NULL ? out.data : "", out.len,
	    FW_KEEPLINK, cause) < 0)
		r = -1;
	subs_free(&s);
	buf_free(&b);
	buf_free(&out);
	close(fd);
	return r;
}
