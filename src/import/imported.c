/*
 * imported.c: the struct imported itself: its arena, its lists, the text
 * cleaning every field goes through, reading the input, and the people of
 * the body (see imported.h).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "analysis.h"
#include "arena.h"
#include "article.h"
#include "imported.h"
#include "import-int.h"
#include "reading.h"
#include "utf8.h"
#include "util.h"

/* Indexes into imported.cap. */
enum { CAP_AUTHORS, CAP_TAGS, CAP_PEOPLE, CAP_IMAGES, CAP_UPDATES, CAP_PARAS };

struct imported *
imported_new(void)
{
	struct imported *imp = xcalloc(1, sizeof *imp);

	imp->arena = arena_new();
	return imp;
}

void
imported_free(struct imported *imp)
{
	if (imp == NULL)
		return;
	free(imp->authors);
	free(imp->tags);
	free(imp->people);
	free(imp->images);
	free(imp->updates);
	free(imp->paras);
	arena_free(imp->arena);
	free(imp);
}

bool
imported_dropped(int32_t cp)
{
	return (cp < 0x20 && cp != '\t' && cp != '\n') || (cp >= 0x7f && cp < 0xa0) ||
	    cp == 0x200b || cp == 0x2060 || cp == 0xfeff || cp == 0x00ad ||
	    cp == 0x061c || cp == 0x200e || cp == 0x200f ||
	    (cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069) ||
	    (cp >= 0xfff9 && cp <= 0xfffb);
}

/* Is cp a space imported text writes as ' ' (tab, no-break and other Unicode spaces)? */
static bool
imported_space(int32_t cp)
{
	return cp == ' ' || cp == '\t' || cp == 0xa0 || cp == 0x1680 ||
	    (cp >= 0x2000 && cp <= 0x200a) || cp == 0x202f || cp == 0x205f || cp == 0x3000;
}

/* Write the separator pending before the next character: a line break, or a space. */
static void
imported_gap(struct buf *out, size_t start, bool *space, int *breaks)
{
	if (out->len > start && *breaks > 0)
		buf_adds(out, *breaks > 1 ? "\n\n" : "\n");
	else if (out->len > start && *space)
		buf_addc(out, ' ');
	*space = false;
	*breaks = 0;
}

void
imported_clean(struct buf *out, const char *s, size_t len, int flags)
{
	size_t i = 0, n, run, start = out->len;
	int32_t cp;
	bool space = false;
	int breaks = 0;

	if (s == NULL)
		return;
	while (i < len) {
		/* a run of printable ASCII goes in whole */
		for (run = i; run < len && (unsigned char)s[run] > 0x20 &&
		    (unsigned char)s[run] < 0x7f; run++)
			continue;
		if (run > i) {
			imported_gap(out, start, &space, &breaks);
			buf_add(out, s + i, run - i);
			i = run;
			continue;
		}
		n = utf8_decode(s + i, len - i, &cp);
		i += n;
		if (cp == '\n' || cp == 0x2028 || cp == 0x2029 || cp == 0x85) {
			if (flags & IMPORTED_LINES)
				breaks++;
			else
				space = true;
		} else if (imported_space(cp)) {
			space = true;
		} else if (cp == UTF8_INVALID || !imported_dropped(cp)) {
			imported_gap(out, start, &space, &breaks);
			if (cp == UTF8_INVALID)
				buf_add(out, "\xef\xbf\xbd", 3);
			else
				buf_add(out, s + i - n, n);
		}
	}
	buf_reserve(out, 0);
}

const char *
imported_text(struct imported *imp, const char *s, size_t len, int flags)
{
	struct buf out = BUF_INIT;
	const char *r = NULL;

	imported_clean(&out, s, len, flags);
	if (out.len > 0)
		r = arena_strndup(imp->arena, out.data, out.len);
	buf_free(&out);
	return r;
}

const char *
imported_line(struct imported *imp, const char *s)
{
	return s != NULL ? imported_text(imp, s, strlen(s), 0) : NULL;
}

/* Append s (unless NULL or empty) to the list *v of *n strings with capacity *cap. */
static void
imported_push(const char ***v, size_t *n, size_t *cap, const char *s)
{
	if (s == NULL || s[0] == '\0')
		return;
	ARRAY_GROW(*v, *n + 1, *cap);
	(*v)[(*n)++] = s;
}

void
imported_add_author(struct imported *imp, const char *name)
{
	imported_push(&imp->authors, &imp->nauthors, &imp->cap[CAP_AUTHORS], name);
}

void
imported_add_tag(struct imported *imp, const char *tag)
{
	imported_push(&imp->tags, &imp->ntags, &imp->cap[CAP_TAGS], tag);
}

void
imported_add_update(struct imported *imp, const char *date, const char *note)
{
	ARRAY_GROW(imp->updates, imp->nupdates + 1, imp->cap[CAP_UPDATES]);
	imp->updates[imp->nupdates].date = date;
	imp->updates[imp->nupdates].note = note;
	imp->nupdates++;
}

void
imported_add_para(struct imported *imp, const char *markdown)
{
	imported_push(&imp->paras, &imp->nparas, &imp->cap[CAP_PARAS], markdown);
}

struct imported_image *
imported_add_image(struct imported *imp)
{
	struct imported_image *im;

	ARRAY_GROW(imp->images, imp->nimages + 1, imp->cap[CAP_IMAGES]);
	im = &imp->images[imp->nimages++];
	memset(im, 0, sizeof *im);
	return im;
}

/* Add a person to imp->people. */
static void
imported_add_person(struct imported *imp, const char *name, const char *role)
{
	ARRAY_GROW(imp->people, imp->npeople + 1, imp->cap[CAP_PEOPLE]);
	imp->people[imp->npeople].name = arena_strdup(imp->arena, name);
	imp->people[imp->npeople].role = role != NULL && role[0] != '\0' ?
	    arena_strdup(imp->arena, role) : NULL;
	imp->npeople++;
}

/* Is name named in one of imp's photo credits? */
static bool
imported_in_credit(const struct imported *imp, const char *name)
{
	size_t i;

	for (i = 0; i < imp->nimages; i++)
		if (imp->images[i].credit != NULL && strstr(imp->images[i].credit, name) != NULL)
			return true;
	return false;
}

void
imported_find_people(struct imported *imp)
{
	struct reading r;
	struct buf out = BUF_INIT;
	char *cause = NULL;
	size_t i, npeople = imp->npeople;

	/* render without people: the engine finds them, unprompted */
	imp->npeople = 0;
	if (imported_render(imp, &out, &cause) < 0) {
		imp->npeople = npeople;
		free(cause);
		buf_free(&out);
		return;
	}
	reading_parse(&r, "imported.md", out.data, out.len);
	reading_layout(&r);
	reading_analyse(&r, NULL);
	for (i = 0; i < r.an->npeople; i++) {
		const struct an_person *p = &r.an->people[i];

		if (p->role != NULL && strstr(p->role, "photographer") != NULL)
			continue;
		if (imported_in_credit(imp, p->name))
			continue;
		imported_add_person(imp, p->name, p->role);
	}
	reading_free(&r);
	buf_free(&out);
}

bool
imported_is_html(const char *data, size_t len)
{
	static const char *const starts[] = { "<!doctype", "<html", "<head", "<body" };
	size_t i = 0, k, end = len < 4096 ? len : 4096;

	if (len >= 4 && ((unsigned char)data[0] == 0xff || (unsigned char)data[0] == 0xfe) &&
	    ((unsigned char)data[1] == 0xff || (unsigned char)data[1] == 0xfe) &&
	    data[0] != data[1]) {
		/* UTF-16: look at its ASCII (every other byte) */
		char ascii[1024];
		size_t n = 0, j, lo = (unsigned char)data[0] == 0xff ? 2 : 3;

		for (j = lo; j < end && n < sizeof ascii; j += 2)
			ascii[n++] = data[j];
		return n > 0 && imported_is_html(ascii, n);
	}
	if (len >= 3 && memcmp(data, "\xef\xbb\xbf", 3) == 0)
		i = 3;
	while (i < end) {
		if (ascii_isspace((unsigned char)data[i])) {
			i++;
			continue;
		}
		if (end - i >= 4 && memcmp(data + i, "<!--", 4) == 0) {
			const char *c = NULL;
			size_t j;

			for (j = i + 4; j + 3 <= end; j++)
				if (memcmp(data + j, "-->", 3) == 0) {
					c = data + j;
					break;
				}
			if (c == NULL)
				return false;
			i = (size_t)(c - data) + 3;
			continue;
		}
		if (end - i >= 2 && data[i] == '<' && data[i + 1] == '?') {
			const char *c = memchr(data + i, '>', end - i);

			if (c == NULL)
				return false;
			i = (size_t)(c - data) + 1;
			continue;
		}
		for (k = 0; k < sizeof starts / sizeof starts[0]; k++) {
			size_t n = strlen(starts[k]);

			if (end - i > n && ascii_strncasecmp(data + i, starts[k], n) == 0 &&
			    (ascii_isspace((unsigned char)data[i + n]) || data[i + n] == '>'))
				return true;
		}
		return false;
	}
	return false;
}

/* Read all of fd into b, at most ARTICLE_MAX_FILE bytes; -1 with *cause on failure. */
static int
imported_read_fd(int fd, struct buf *b, char **cause)
{
	ssize_t n;

	for (;;) {
		if (b->len > ARTICLE_MAX_FILE) {
			*cause = xasprintf("larger than %u MiB", ARTICLE_MAX_FILE / (1024 * 1024));
			return -1;
		}
		buf_reserve(b, 65536);
		n = read(fd, b->data + b->len, b->cap - b->len - 1);
		if (n == 0)
			break;
		if (n < 0) {
			if (errno == EINTR)
				continue;
			*cause = xstrdup(strerror(errno));
			return -1;
		}
		b->len += (size_t)n;
	}
	buf_reserve(b, 1);
	b->data[b->len] = '\0';
	return 0;
}

int
imported_read(const char *file, struct buf *out, char **cause)
{
	struct stat st;
	int fd, r;

	if (strcmp(file, "-") == 0)
		return imported_read_fd(STDIN_FILENO, out, cause);
	if ((fd = open(file, O_RDONLY | O_NONBLOCK)) < 0) {
		*cause = xstrdup(strerror(errno));
		return -1;
	}
	if (fstat(fd, &st) < 0) {
		*cause = xstrdup(strerror(errno));
		close(fd);
		return -1;
	}
	if (!S_ISREG(st.st_mode)) {
		*cause = xstrdup(S_ISDIR(st.st_mode) ? "is a folder, not a file" :
		    "not a regular file");
		close(fd);
		return -1;
	}
	/* O_NONBLOCK was only for opening a FIFO safely; read normally */
	fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK);
	if (st.st_size > 0 && (uintmax_t)st.st_size <= ARTICLE_MAX_FILE)
		buf_reserve(out, (size_t)st.st_size + 65536);
	r = imported_read_fd(fd, out, cause);
	close(fd);
	return r;
}
