/*
 * render.c: a struct imported as the bytes of an article file, its file
 * name, and writing it (see imported.h).
 *
 * The front matter is written with libyaml's emitter, so any text is quoted
 * as YAML needs; the body blocks are Markdown already. Every string passes
 * a last check on the way out: whatever a caller stored, invalid UTF-8 and
 * control characters never reach the file.
 */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <yaml.h>

#include "arena.h"
#include "article.h"
#include "fileio.h"
#include "imported.h"
#include "utf8.h"
#include "util.h"

/* Characters the Markdown escaping looks at (and NUL, which strchr finds). */
#define MD_CARE		"\n\\`*_[]<~&hHfF"

/* Bytes in a slug. */
#define RENDER_MAX_SLUG	60

/* The libyaml emitter writing into a buffer; ok goes false at the first failure. */
struct yout {
	yaml_emitter_t	 e;
	bool		 ok;
	struct arena	*scratch;	/* cleaned copies of strings that needed it */
};

/* Is cp a character no article file holds raw (keeping newlines when lines)? */
static bool
render_bad(int32_t cp, bool lines)
{
	return cp == UTF8_INVALID || (cp < 0x20 && cp != '\t' && !(lines && cp == '\n')) ||
	    (cp >= 0x7f && cp < 0xa0);
}

/*
 * s made safe to write: s itself when it is, else a copy in arena with
 * invalid UTF-8 and control characters as U+FFFD. NULL stays NULL.
 */
static const char *
render_safe(struct arena *arena, const char *s, bool lines)
{
	size_t i, n, len;
	int32_t cp;
	struct buf b = BUF_INIT;
	char *r;

	if (s == NULL)
		return NULL;
	len = strlen(s);
	for (i = 0; i < len; i += n) {
		n = utf8_decode(s + i, len - i, &cp);
		if (render_bad(cp, lines))
			break;
	}
	if (i == len)
		return s;
	buf_add(&b, s, i);
	for (; i < len; i += n) {
		n = utf8_decode(s + i, len - i, &cp);
		if (render_bad(cp, lines))
			buf_add(&b, "\xef\xbf\xbd", 3);
		else
			buf_add(&b, s + i, n);
	}
	r = arena_strndup(arena, b.data, b.len);
	buf_free(&b);
	return r;
}

/* libyaml's write handler: append to the buffer. */
static int
yout_write(void *data, unsigned char *bytes, size_t size)
{
	buf_add(data, bytes, size);
	return 1;
}

/* Emit the event ev (which the emitter takes) unless an earlier one failed. */
static void
yout_emit(struct yout *y, yaml_event_t *ev)
{
	if (y->ok && !yaml_emitter_emit(&y->e, ev))
		y->ok = false;
}

/*
 * Would a plain scalar s be read as something else than a string (a number,
 * null, a boolean)? Such values are written in double quotes.
 */
static bool
yout_ambiguous(const char *s)
{
	static const char *const words[] = {
		"null", "~", "true", "false", "yes", "no", "on", "off", "y", "n",
	};
	size_t i;

	if (s[0] == '\0' || ascii_isdigit((unsigned char)s[0]) || s[0] == '+' || s[0] == '-' ||
	    s[0] == '.')
		return true;
	for (i = 0; i < sizeof words / sizeof words[0]; i++)
		if (ascii_strcasecmp(s, words[i]) == 0)
			return true;
	return false;
}

/* Emit the scalar s (made safe) in style. */
static void
yout_scalar(struct yout *y, const char *s, yaml_scalar_style_t style)
{
	yaml_event_t ev;

	if (!y->ok)
		return;
	s = render_safe(y->scratch, s, true);
	if (!yaml_scalar_event_initialize(&ev, NULL, NULL, (yaml_char_t *)(uintptr_t)s,
	    (int)strlen(s), 1, 1, style)) {
		y->ok = false;
		return;
	}
	yout_emit(y, &ev);
}

/* Emit the string s as a scalar: plain when YAML allows and reads it back as a string. */
static void
yout_str(struct yout *y, const char *s)
{
	yout_scalar(y, s, yout_ambiguous(s) ? YAML_DOUBLE_QUOTED_SCALAR_STYLE :
	    YAML_ANY_SCALAR_STYLE);
}

/* Emit a plain scalar (for values checked beforehand, such as a key or a date). */
static void
yout_plain(struct yout *y, const char *s)
{
	yout_scalar(y, s, YAML_PLAIN_SCALAR_STYLE);
}

/* Emit "key: value" when value is not NULL. */
static void
yout_pair(struct yout *y, const char *key, const char *value)
{
	if (value == NULL)
		return;
	yout_plain(y, key);
	yout_str(y, value);
}

/* Start a block mapping (map true) or a block sequence. */
static void
yout_start(struct yout *y, bool map)
{
	yaml_event_t ev;

	if (!y->ok)
		return;
	if (map)
		yaml_mapping_start_event_initialize(&ev, NULL, NULL, 1, YAML_BLOCK_MAPPING_STYLE);
	else
		yaml_sequence_start_event_initialize(&ev, NULL, NULL, 1,
		    YAML_BLOCK_SEQUENCE_STYLE);
	yout_emit(y, &ev);
}

/* End a mapping (map true) or a sequence. */
static void
yout_end(struct yout *y, bool map)
{
	yaml_event_t ev;

	if (!y->ok)
		return;
	if (map)
		yaml_mapping_end_event_initialize(&ev);
	else
		yaml_sequence_end_event_initialize(&ev);
	yout_emit(y, &ev);
}

/* Emit "key:" and the n strings of v as a block sequence, when n > 0. */
static void
yout_list(struct yout *y, const char *key, const char *const *v, size_t n)
{
	size_t i;

	if (n == 0)
		return;
	yout_plain(y, key);
	yout_start(y, false);
	for (i = 0; i < n; i++)
		yout_str(y, v[i] != NULL ? v[i] : "");
	yout_end(y, false);
}

/* Emit one image as a mapping. */
static void
yout_image(struct yout *y, const struct imported_image *im)
{
	yout_start(y, true);
	yout_pair(y, "title", im->title);
	yout_pair(y, "caption", im->caption);
	yout_pair(y, "credit", im->credit);
	yout_pair(y, "path", im->path);
	yout_end(y, true);
}

/* Emit the people, the images and the updates of imp. */
static void
yout_lists(struct yout *y, const struct imported *imp)
{
	size_t i;

	if (imp->npeople > 0) {
		yout_plain(y, "people");
		yout_start(y, false);
		for (i = 0; i < imp->npeople; i++) {
			yout_start(y, true);
			yout_pair(y, "name", imp->people[i].name);
			yout_pair(y, "role", imp->people[i].role);
			yout_end(y, true);
		}
		yout_end(y, false);
	}
	if (imp->nimages == 1) {
		yout_plain(y, "image");
		yout_image(y, &imp->images[0]);
	} else if (imp->nimages > 1) {
		yout_plain(y, "images");
		yout_start(y, false);
		for (i = 0; i < imp->nimages; i++)
			yout_image(y, &imp->images[i]);
		yout_end(y, false);
	}
	if (imp->nupdates > 0) {
		yout_plain(y, "updates");
		yout_start(y, false);
		for (i = 0; i < imp->nupdates; i++) {
			yout_start(y, true);
			yout_pair(y, "date", imp->updates[i].date);
			yout_pair(y, "note", imp->updates[i].note);
			yout_end(y, true);
		}
		yout_end(y, false);
	}
}

/* Emit the mapping of imp's front matter. */
static void
yout_fields(struct yout *y, const struct imported *imp)
{
	struct article_date d;

	yout_start(y, true);
	yout_pair(y, "title", imp->title);
	yout_pair(y, "subtitle", imp->subtitle);
	if (imp->date != NULL) {
		yout_plain(y, "date");
		if (article_parse_date(imp->date, &d))
			yout_plain(y, imp->date);
		else
			yout_str(y, imp->date);
	}
	yout_pair(y, "source", imp->source);
	yout_pair(y, "url", imp->url);
	yout_pair(y, "id", imp->id);
	yout_list(y, "authors", imp->authors, imp->nauthors);
	yout_list(y, "tags", imp->tags, imp->ntags);
	yout_lists(y, imp);
	yout_end(y, true);
}

/*
 * Append imp's front matter (the YAML between the "---" lines, without them)
 * to out. Returns 0, or -1 with *cause (the caller frees) if libyaml refused.
 */
static int
render_front_matter(const struct imported *imp, struct buf *out, char **cause)
{
	struct yout y;
	yaml_event_t ev;

	memset(&y, 0, sizeof y);
	if (!yaml_emitter_initialize(&y.e)) {
		*cause = xstrdup("cannot start the YAML emitter");
		return -1;
	}
	y.ok = true;
	y.scratch = arena_new();
	yaml_emitter_set_output(&y.e, yout_write, out);
	yaml_emitter_set_unicode(&y.e, 1);
	yaml_emitter_set_width(&y.e, -1);
	yaml_emitter_set_indent(&y.e, 2);
	yaml_stream_start_event_initialize(&ev, YAML_UTF8_ENCODING);
	yout_emit(&y, &ev);
	yaml_document_start_event_initialize(&ev, NULL, NULL, NULL, 1);
	yout_emit(&y, &ev);
	yout_fields(&y, imp);
	yaml_document_end_event_initialize(&ev, 1);
	yout_emit(&y, &ev);
	yaml_stream_end_event_initialize(&ev);
	yout_emit(&y, &ev);
	if (y.ok && !yaml_emitter_flush(&y.e))
		y.ok = false;
	if (!y.ok)
		*cause = xasprintf("cannot write the front matter: %s",
		    y.e.problem != NULL ? y.e.problem : "libyaml failed");
	yaml_emitter_delete(&y.e);
	arena_free(y.scratch);
	return y.ok ? 0 : -1;
}

/* Is text[i] at the start of a web address a Markdown renderer links ("https://")? */
static bool
md_url_at(const char *text, size_t len, size_t i)
{
	static const char *const schemes[] = { "http://", "https://", "ftp://" };
	size_t k, n;

	if (i > 0 && (ascii_isalpha((unsigned char)text[i - 1]) ||
	    ascii_isdigit((unsigned char)text[i - 1])))
		return false;
	for (k = 0; k < sizeof schemes / sizeof schemes[0]; k++) {
		n = strlen(schemes[k]);
		if (len - i > n && ascii_strncasecmp(text + i, schemes[k], n) == 0 &&
		    (ascii_isalpha((unsigned char)text[i + n]) ||
		    ascii_isdigit((unsigned char)text[i + n])))
			return true;
	}
	return false;
}

/* Does text[i] (an '&') start an entity a Markdown renderer would decode? */
static bool
md_entity_at(const char *text, size_t len, size_t i)
{
	size_t k = i + 1, n = 0;

	if (k < len && text[k] == '#') {
		k++;
		if (k < len && (text[k] == 'x' || text[k] == 'X')) {
			for (k++; k < len && n < 7 && (ascii_isdigit((unsigned char)text[k]) ||
			    (ascii_tolower((unsigned char)text[k]) >= 'a' &&
			    ascii_tolower((unsigned char)text[k]) <= 'f')); k++)
				n++;
		} else {
			for (; k < len && n < 8 && ascii_isdigit((unsigned char)text[k]); k++)
				n++;
		}
		return n > 0 && k < len && text[k] == ';';
	}
	if (k >= len || !ascii_isalpha((unsigned char)text[k]))
		return false;
	for (; k < len && n < 48 && (ascii_isalpha((unsigned char)text[k]) ||
	    ascii_isdigit((unsigned char)text[k])); k++)
		n++;
	return k < len && text[k] == ';';
}

/*
 * The end of the web address at text[i]: where a renderer stops it (a
 * space, '<'), less the punctuation it leaves out at the end.
 */
static size_t
md_url_end(const char *text, size_t len, size_t i)
{
	size_t e = i;

	while (e < len && !ascii_isspace((unsigned char)text[e]) && text[e] != '<')
		e++;
	while (e > i && strchr("?!.,:*_~", text[e - 1]) != NULL)
		e--;
	return e;
}

/*
 * Append the block marker at the start of the line text[i..) escaped, and
 * return the index after what was appended.
 */
static size_t
md_line_start(struct buf *out, const char *text, size_t len, size_t i)
{
	const char *p = text + i;
	size_t k, left = len - i;

	if (left == 0)
		return i;
	if (*p == '#' || *p == '>' || *p == '|' || *p == '=' ||
	    ((*p == '-' || *p == '+') && (left == 1 || p[1] == ' ' || p[1] == '\t' ||
	    p[1] == '\n' || p[1] == '-'))) {
		buf_addc(out, '\\');
		buf_addc(out, *p);
		return i + 1;
	}
	for (k = 0; k < 9 && k < left && ascii_isdigit((unsigned char)p[k]); k++)
		continue;
	if (k > 0 && k < left && (p[k] == '.' || p[k] == ')') && (k + 1 == left ||
	    p[k + 1] == ' ' || p[k + 1] == '\t' || p[k + 1] == '\n')) {
		buf_add(out, p, k);
		buf_addc(out, '\\');
		buf_addc(out, p[k]);
		return i + k + 1;
	}
	return i;
}

void
imported_md_escape(struct buf *out, const char *text, size_t len)
{
	size_t i = 0, url_end = 0;
	char c;

	while (i < len) {
		if (i == 0 || text[i - 1] == '\n') {
			size_t j = md_line_start(out, text, len, i);

			if (j != i) {
				i = j;
				continue;
			}
		}
		c = text[i];
		if (c != '\n') {
			/* the run up to the next character that may need care goes in whole */
			size_t run = 0;

			while (i + run < len && strchr(MD_CARE, text[i + run]) == NULL)
				run++;
			if (run > 0) {
				buf_add(out, text + i, run);
				i += run;
				continue;
			}
		}
		if (i >= url_end && (c == 'h' || c == 'H' || c == 'f' || c == 'F') &&
		    md_url_at(text, len, i))
			url_end = md_url_end(text, len, i);
		switch (c) {
		case '\\': case '`':
			buf_addc(out, '\\');
			break;
		case '*': case '_': case '[': case ']': case '<': case '~':
			if (i >= url_end)
				buf_addc(out, '\\');
			break;
		case '&':
			if (md_entity_at(text, len, i))
				buf_addc(out, '\\');
			break;
		default:
			break;
		}
		buf_addc(out, c);
		i++;
	}
}

int
imported_render(const struct imported *imp, struct buf *out, char **cause)
{
	struct arena *scratch;
	size_t i, start = out->len;

	if (imp->title == NULL) {
		*cause = xstrdup("no title");
		return -1;
	}
	buf_adds(out, "---\n");
	if (render_front_matter(imp, out, cause) < 0)
		return -1;
	if (out->len - start > ARTICLE_MAX_FRONTMATTER) {
		*cause = xasprintf("the front matter would be larger than %u MiB (a title or "
		    "caption that long is no title or caption)", ARTICLE_MAX_FRONTMATTER / (1024 * 1024));
		return -1;
	}
	buf_adds(out, "---\n");
	scratch = arena_new();
	for (i = 0; i < imp->nparas; i++) {
		buf_addc(out, '\n');
		buf_adds(out, render_safe(scratch, imp->paras[i], true));
		buf_addc(out, '\n');
	}
	arena_free(scratch);
	return 0;
}

/* Does s start with a date written YYYY-MM-DD that exists (then not a digit)? */
static bool
render_date_prefix(const char *s)
{
	static const int mdays[] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	int i, y, m, d;

	for (i = 0; i < 10; i++)
		if (i == 4 || i == 7 ? s[i] != '-' : !ascii_isdigit((unsigned char)s[i]))
			return false;
	if (ascii_isdigit((unsigned char)s[10]))
		return false;
	y = atoi(s);
	m = atoi(s + 5);
	d = atoi(s + 8);
	if (m < 1 || m > 12 || d < 1 || d > mdays[m - 1])
		return false;
	return !(m == 2 && d == 29 && !((y % 4 == 0 && y % 100 != 0) || y % 400 == 0));
}

char *
imported_file_name(const struct imported *imp)
{
	struct buf b = BUF_INIT;
	const char *p;
	size_t cut, n;
	char *name;

	if (imp->date != NULL && render_date_prefix(imp->date)) {
		buf_add(&b, imp->date, 10);
		buf_addc(&b, '-');
	}
	cut = b.len;
	p = imp->title != NULL ? imp->title : "";
	for (; *p != '\0' && b.len - cut < RENDER_MAX_SLUG; p += n) {
		unsigned char c = (unsigned char)*p;
		int32_t cp;

		n = utf8_decode(p, strlen(p), &cp);
		if (cp == '\'' || cp == 0x2019)	/* apostrophes: "Don't" -> "dont" */
			continue;
		if (ascii_isalpha(c) || ascii_isdigit(c))
			buf_addc(&b, (char)ascii_tolower(c));
		else if (b.len > cut && b.data[b.len - 1] != '-')
			buf_addc(&b, '-');
	}
	/* end on a whole word when the title was cut */
	if (*p != '\0' && b.len > cut && b.data[b.len - 1] != '-') {
		size_t keep = b.len;

		while (keep > cut && b.data[keep - 1] != '-')
			keep--;
		if (keep > cut + 1)
			b.len = keep;
	}
	while (b.len > cut && b.data[b.len - 1] == '-')
		b.len--;
	if (b.len == cut)
		buf_adds(&b, "article");
	buf_adds(&b, ".md");
	name = xstrndup(b.data, b.len);
	buf_free(&b);
	return name;
}

int
imported_write(const struct imported *imp, const char *dir, int flags, char **path,
    char **cause)
{
	struct buf out = BUF_INIT;
	struct stat st;
	char *file;
	int saved;

	*path = NULL;
	if (dir == NULL || dir[0] == '\0')
		dir = ".";
	if (imported_render(imp, &out, cause) < 0) {
		buf_free(&out);
		errno = EINVAL;
		return -1;
	}
	if (stat(dir, &st) < 0 && make_dirs(dir, 0777) < 0) {
		saved = errno;
		*cause = xasprintf("%s: cannot create the folder: %s", dir, strerror(saved));
		buf_free(&out);
		errno = saved;
		return -1;
	}
	file = imported_file_name(imp);
	*path = xasprintf("%s%s%s", dir, dir[strlen(dir) - 1] == '/' ? "" : "/", file);
	free(file);
	if (file_write_atomic(*path, out.data, out.len,
	    (flags & IMPORTED_FORCE) ? 0 : FW_NOREPLACE, cause) < 0) {
		saved = errno;
		buf_free(&out);
		errno = saved;
		return -1;
	}
	buf_free(&out);
	return 0;
}
