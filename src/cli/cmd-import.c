/*
 * cmd-import.c: "byline import": a plain-text article into the article format.
 *
 * The text is read whole, made valid UTF-8 with plain line ends, and cut into
 * paragraphs of trimmed lines. The first line is the title; paragraphs made
 * only of "Update MM/DD/YY ...: note" lines become updates; a trailing photo
 * block (a title line, then a caption ending in a credit such as
 * "Name/Agency") becomes the image; the rest is the body. The analysis engine
 * reads the body for the people in it. The front matter is written with
 * libyaml's emitter, so any text is quoted as YAML needs; the body is escaped
 * so that the Markdown renderer shows it exactly as written.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <yaml.h>

#include "analysis.h"
#include "arena.h"
#include "article.h"
#include "cli.h"
#include "utf8.h"
#include "fileio.h"
#include "util.h"

/* Longest line taken as a photo title; words in a credit; bytes in a slug. */
#define IMPORT_MAX_IMAGE_TITLE	200
#define IMPORT_MAX_CREDIT_WORDS	6
#define IMPORT_MAX_SLUG		60

/* A paragraph: its lines, trimmed, in the import's arena. */
struct imp_para {
	char	**lines;
	size_t	  nlines;
};

struct imp_update {
	const char	*date;		/* as printed */
	const char	*note;
};

struct imp_person {
	const char	*name;
	const char	*role;		/* or NULL */
};

/* Everything the import found, in one arena. */
struct import {
	struct arena		*arena;
	const char		*title;
	struct imp_para		*paras;
	size_t			 nparas;
	struct imp_update	*updates;
	size_t			 nupdates;
	const char		*img_title;	/* all NULL when there is no photo block */
	const char		*img_caption;
	const char		*img_credit;
	struct imp_person	*people;
	size_t			 npeople;
	const char		*date;		/* --date, or NULL */
	const char		*source;	/* --source, or NULL */
};

/* The options of one import. */
struct import_opts {
	const char	*file;		/* FILE or "-" */
	const char	*output;	/* --output DIR or "-" */
	const char	*date;
	const char	*source;
	bool		 force;
};

static const char import_usage[] =
    "usage: byline import [--output DIR] [--force] [--date YYYY-MM-DD]\n"
    "                     [--source NAME] FILE|-\n"
    "Turn a plain-text article (- reads standard input) into the article format\n"
    "and print the path written: DIR/YYYY-MM-DD-slug.md, or DIR/slug.md without\n"
    "--date. --output - writes to standard output; DIR defaults to \".\".\n"
    "An existing file is replaced only with --force.\n";

/* Is c a space or tab? */
static bool
is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\f' || c == '\v';
}

/*
 * Append the bytes of in to out as valid UTF-8 with LF line ends: a first
 * byte-order mark dropped, CRLF and lone CR made LF, invalid sequences and
 * control characters other than tab and LF (which would reach a terminal
 * raw with --output -) made U+FFFD. This function can't fail.
 */
static void
import_clean(struct buf *out, const char *in, size_t len)
{
	size_t i = 0, n;
	int32_t cp;

	if (len >= 3 && memcmp(in, "\xef\xbb\xbf", 3) == 0)
		i = 3;
	buf_reserve(out, len - i + 1);
	while (i < len) {
		if (in[i] == '\r') {
			buf_addc(out, '\n');
			i += (i + 1 < len && in[i + 1] == '\n') ? 2 : 1;
			continue;
		}
		n = utf8_decode(in + i, len - i, &cp);
		if (cp == UTF8_INVALID || (cp < 0x20 && cp != '\t' && cp != '\n') ||
		    (cp >= 0x7f && cp < 0xa0))
			buf_add(out, "\xef\xbf\xbd", 3);
		else
			buf_add(out, in + i, n);
		i += n;
	}
	buf_addc(out, '\0');
	out->len--;
}

/*
 * Read all of fd into b, at most ARTICLE_MAX_FILE bytes. Returns 0, or -1
 * with *cause (the caller frees) saying why.
 */
static int
import_read_fd(int fd, struct buf *b, char **cause)
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

/*
 * Read the text to import from file ("-": standard input) into b. Returns 0,
 * or -1 with *cause (the caller frees) saying why.
 */
static int
import_read(const char *file, struct buf *b, char **cause)
{
	struct stat st;
	int fd, r;

	if (strcmp(file, "-") == 0)
		return import_read_fd(STDIN_FILENO, b, cause);
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
	r = import_read_fd(fd, b, cause);
	close(fd);
	return r;
}

/* Add a paragraph with the lines in lines[0..n) to imp. */
static void
import_add_para(struct import *imp, char **lines, size_t n, size_t *cap)
{
	struct imp_para *p;

	ARRAY_GROW(imp->paras, imp->nparas + 1, *cap);
	p = &imp->paras[imp->nparas++];
	p->lines = arena_calloc(imp->arena, n, sizeof *p->lines);
	memcpy(p->lines, lines, n * sizeof *lines);
	p->nlines = n;
}

/*
 * Cut text (clean, NUL-terminated) into the title and paragraphs of trimmed
 * lines. Returns false when there is no text at all.
 */
static bool
import_split(struct import *imp, const char *text, size_t len)
{
	char **lines = NULL;
	size_t nlines = 0, lines_cap = 0, paras_cap = 0, i = 0;

	while (i <= len) {
		size_t s = i, e;

		while (i < len && text[i] != '\n')
			i++;
		e = i++;
		while (s < e && is_blank(text[s]))
			s++;
		while (e > s && is_blank(text[e - 1]))
			e--;
		if (e == s) {
			if (nlines > 0)
				import_add_para(imp, lines, nlines, &paras_cap);
			nlines = 0;
			continue;
		}
		if (imp->title == NULL) {
			imp->title = arena_strndup(imp->arena, text + s, e - s);
			continue;
		}
		ARRAY_GROW(lines, nlines + 1, lines_cap);
		lines[nlines++] = arena_strndup(imp->arena, text + s, e - s);
	}
	if (nlines > 0)
		import_add_para(imp, lines, nlines, &paras_cap);
	free(lines);
	return imp->title != NULL;
}

/*
 * Is line an update note, "Update MM/DD/YY[YY] anything: note"? If so, store
 * the date (as printed) and the note in the arena.
 */
static bool
import_update_line(struct import *imp, const char *line, struct imp_update *u)
{
	const char *p = line, *colon, *d;
	int field, digits;

	if (ascii_strncasecmp(p, "update", 6) != 0)
		return false;
	p += 6;
	if (*p == 'd' || *p == 'D')
		p++;
	if (!is_blank(*p))
		return false;
	while (is_blank(*p))
		p++;
	d = p;
	for (field = 0; field < 3; field++) {
		for (digits = 0; ascii_isdigit((unsigned char)*p); digits++)
			p++;
		if (digits == 0 || digits > 4)
			return false;
		if (field < 2 && *p++ != '/')
			return false;
	}
	for (colon = p; *colon != '\0'; colon++)
		if (colon[0] == ':' && (colon[1] == '\0' || is_blank(colon[1])))
			break;
	if (*colon == '\0')
		return false;
	p = colon + 1;
	while (is_blank(*p))
		p++;
	if (*p == '\0')
		return false;
	while (colon > d && is_blank(colon[-1]))
		colon--;
	u->date = arena_strndup(imp->arena, d, (size_t)(colon - d));
	u->note = arena_strdup(imp->arena, p);
	return true;
}

/* Take out the paragraphs made only of update lines; they become imp->updates. */
static void
import_take_updates(struct import *imp)
{
	size_t i, k, kept = 0, cap = 0;
	struct imp_update u;

	for (i = 0; i < imp->nparas; i++) {
		const struct imp_para *p = &imp->paras[i];

		for (k = 0; k < p->nlines; k++)
			if (!import_update_line(imp, p->lines[k], &u))
				break;
		if (k < p->nlines) {
			imp->paras[kept++] = *p;
			continue;
		}
		for (k = 0; k < p->nlines; k++) {
			ARRAY_GROW(imp->updates, imp->nupdates + 1, cap);
			import_update_line(imp, p->lines[k], &imp->updates[imp->nupdates++]);
		}
	}
	imp->nparas = kept;
}

/* Join the lines of p from line first on, with sep between them, into the arena. */
static char *
import_join(struct import *imp, const struct imp_para *p, size_t first, const char *sep)
{
	struct buf b = BUF_INIT;
	char *s;
	size_t i;

	for (i = first; i < p->nlines; i++) {
		if (i > first)
			buf_adds(&b, sep);
		buf_adds(&b, p->lines[i]);
	}
	s = arena_strndup(imp->arena, b.data != NULL ? b.data : "", b.len);
	buf_free(&b);
	return s;
}

/* Does the word w[0..n) start with a capital letter (or any non-ASCII letter)? */
static bool
word_capital(const char *w, size_t n)
{
	if (n > 0 && (w[0] == '(' || w[0] == '"'))
		w++, n--;
	return n > 0 && (ascii_isupper((unsigned char)w[0]) || (unsigned char)w[0] >= 0x80);
}

/* Is w[0..n) a lower-case particle names and credits use ("via", "de", "van")? */
static bool
word_particle(const char *w, size_t n)
{
	static const char *const words[] = {
		"via", "for", "de", "van", "von", "der", "den", "da", "di", "del",
		"la", "le", "du", "dos", "das", "bin", "al", "y", "and", "of",
	};
	size_t i;

	for (i = 0; i < sizeof words / sizeof words[0]; i++)
		if (strlen(words[i]) == n && memcmp(w, words[i], n) == 0)
			return true;
	return false;
}

/* Is w[0..n) "Name/Agency": a slash with a letter on each side, one side capitalised? */
static bool
word_credit_slash(const char *w, size_t n)
{
	const char *sl = memchr(w, '/', n);
	size_t k;

	if (sl == NULL || sl == w || sl == w + n - 1)
		return false;
	for (k = 0; k + 1 < n; k++)
		if (w[k] == ':' && w[k + 1] == '/')
			return false;	/* a URL */
	return (ascii_isalpha((unsigned char)sl[-1]) || (unsigned char)sl[-1] >= 0x80) &&
	    (ascii_isalpha((unsigned char)sl[1]) || (unsigned char)sl[1] >= 0x80) &&
	    (word_capital(w, n) || word_capital(sl + 1, (size_t)(w + n - sl - 1)));
}

/* Does w[0..n) end a sentence or a clause ("it.", "Australia.", "said,")? Initials ("J.") do not. */
static bool
word_ends_sentence(const char *w, size_t n)
{
	char c = n > 0 ? w[n - 1] : '\0';

	if (c == ',' || c == ';' || c == ':' || c == ')')
		return true;
	return (c == '.' || c == '!' || c == '?') && n > 2;
}

/*
 * Find a credit ("Darrian Traynor/Getty Images", "Mandel Ngan/AFP via Getty
 * Images") at the end of s: capitalised words around one "Name/Agency" word,
 * after the end of the caption's last sentence. Returns its start, or -1.
 */
static long
import_find_credit(const char *s)
{
	size_t end = strlen(s), start, first = end, nwords = 0;
	bool slash = false;

	while (end > 0 && is_blank(s[end - 1]))
		end--;
	while (end > 0 && nwords < IMPORT_MAX_CREDIT_WORDS) {
		const char *w;
		size_t n;

		for (start = end; start > 0 && !is_blank(s[start - 1]); start--)
			continue;
		w = s + start;
		n = end - start;
		if (!slash && word_credit_slash(w, n)) {
			slash = true;
		} else if (word_particle(w, n) || (word_capital(w, n) &&
		    !word_ends_sentence(w, n))) {
			/* a word of the credit */
		} else if (slash) {
			break;
		} else {
			return -1;
		}
		first = start;
		nwords++;
		for (end = start; end > 0 && is_blank(s[end - 1]); end--)
			continue;
	}
	if (!slash)
		return -1;
	/* a credit starts with a capitalised word, not a particle */
	while (first < strlen(s)) {
		size_t n;

		for (n = 0; s[first + n] != '\0' && !is_blank(s[first + n]); n++)
			continue;
		if (!word_particle(s + first, n))
			break;
		first += n;
		while (is_blank(s[first]))
			first++;
	}
	return s[first] == '\0' ? -1 : (long)first;
}

/* Could line be the title of a photo (short, no sentence end)? */
static bool
import_title_like(const char *line)
{
	size_t n = strlen(line);

	return n > 0 && n <= IMPORT_MAX_IMAGE_TITLE && line[n - 1] != '.' &&
	    line[n - 1] != ',' && line[n - 1] != ';' && line[n - 1] != ':';
}

/*
 * Take the trailing photo block out of the paragraphs: a title line, then a
 * caption ending in a credit, in one paragraph or in two.
 */
static void
import_take_image(struct import *imp)
{
	const struct imp_para *last;
	const char *caption;
	long at;
	size_t n, drop;

	if (imp->nparas == 0)
		return;
	last = &imp->paras[imp->nparas - 1];
	if (last->nlines >= 2 && import_title_like(last->lines[0])) {
		caption = import_join(imp, last, 1, " ");
		imp->img_title = last->lines[0];
		drop = 1;
	} else {
		caption = import_join(imp, last, 0, " ");
		drop = 1;
		if (imp->nparas >= 2 && imp->paras[imp->nparas - 2].nlines == 1 &&
		    import_title_like(imp->paras[imp->nparas - 2].lines[0])) {
			imp->img_title = imp->paras[imp->nparas - 2].lines[0];
			drop = 2;
		}
	}
	if ((at = import_find_credit(caption)) < 0) {
		imp->img_title = NULL;
		return;
	}
	imp->img_credit = caption + at;
	n = (size_t)at;
	while (n > 0 && is_blank(caption[n - 1]))
		n--;
	imp->img_caption = n > 0 ? arena_strndup(imp->arena, caption, n) : NULL;
	imp->nparas -= drop;
}

/*
 * Find the people in the body with the analysis engine; leave out the
 * photographer (the credit's name, or anyone the engine calls one).
 */
static void
import_find_people(struct import *imp)
{
	struct span *spans;
	struct an_image_in image = { NULL, NULL, NULL };
	struct an_input in;
	struct analysis *an;
	struct buf text = BUF_INIT;
	size_t i, k, n = 0;

	memset(&in, 0, sizeof in);
	spans = xcalloc(imp->nparas + 1, sizeof *spans);
	for (i = 0; i < imp->nparas; i++) {
		if (i > 0)
			buf_adds(&text, "\n\n");
		spans[i].start = text.len;
		for (k = 0; k < imp->paras[i].nlines; k++) {
			if (k > 0)
				buf_addc(&text, '\n');
			buf_adds(&text, imp->paras[i].lines[k]);
		}
		spans[i].end = text.len;
	}
	in.text = text.data != NULL ? text.data : "";
	in.len = text.len;
	in.paras = spans;
	in.nparas = imp->nparas;
	in.title = imp->title;
	if (imp->img_caption != NULL || imp->img_title != NULL) {
		image.title = imp->img_title;
		image.caption = imp->img_caption;
		in.images = &image;
		in.nimages = 1;
	}
	an = analysis_run(&in);
	imp->people = arena_calloc(imp->arena, an->npeople + 1, sizeof *imp->people);
	for (i = 0; i < an->npeople; i++) {
		const struct an_person *p = &an->people[i];

		if (p->role != NULL && strstr(p->role, "photographer") != NULL)
			continue;
		if (imp->img_credit != NULL && strstr(imp->img_credit, p->name) != NULL)
			continue;
		imp->people[n].name = arena_strdup(imp->arena, p->name);
		imp->people[n].role = p->role != NULL && p->role[0] != '\0' ?
		    arena_strdup(imp->arena, p->role) : NULL;
		n++;
	}
	imp->npeople = n;
	analysis_free(an);
	free(spans);
	buf_free(&text);
}

/* The libyaml emitter writing into a buffer; ok goes false at the first failure. */
struct yout {
	yaml_emitter_t	 e;
	bool		 ok;
};

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

/* Emit the string s as a scalar: plain when YAML allows and reads it back as a string. */
static void
yout_str(struct yout *y, const char *s)
{
	yaml_event_t ev;

	if (!y->ok)
		return;
	if (!yaml_scalar_event_initialize(&ev, NULL, NULL, (yaml_char_t *)(uintptr_t)s,
	    (int)strlen(s), 1, 1,
	    yout_ambiguous(s) ? YAML_DOUBLE_QUOTED_SCALAR_STYLE : YAML_ANY_SCALAR_STYLE)) {
		y->ok = false;
		return;
	}
	yout_emit(y, &ev);
}

/* Emit a plain scalar (for values checked beforehand, such as a date). */
static void
yout_plain(struct yout *y, const char *s)
{
	yaml_event_t ev;

	if (!y->ok)
		return;
	if (!yaml_scalar_event_initialize(&ev, NULL, NULL, (yaml_char_t *)(uintptr_t)s,
	    (int)strlen(s), 1, 1, YAML_PLAIN_SCALAR_STYLE)) {
		y->ok = false;
		return;
	}
	yout_emit(y, &ev);
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

/* Start a block mapping. */
static void
yout_map(struct yout *y)
{
	yaml_event_t ev;

	if (!y->ok)
		return;
	yaml_mapping_start_event_initialize(&ev, NULL, NULL, 1, YAML_BLOCK_MAPPING_STYLE);
	yout_emit(y, &ev);
}

/* Start a block sequence. */
static void
yout_seq(struct yout *y)
{
	yaml_event_t ev;

	if (!y->ok)
		return;
	yaml_sequence_start_event_initialize(&ev, NULL, NULL, 1, YAML_BLOCK_SEQUENCE_STYLE);
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

/*
 * Append imp's front matter (the YAML between the "---" lines, without them)
 * to out. Returns false, with *cause (the caller frees), if libyaml refused.
 */
static bool
import_front_matter(const struct import *imp, struct buf *out, char **cause)
{
	struct yout y;
	yaml_event_t ev;
	size_t i;

	memset(&y, 0, sizeof y);
	if (!yaml_emitter_initialize(&y.e)) {
		*cause = xstrdup("cannot start the YAML emitter");
		return false;
	}
	y.ok = true;
	yaml_emitter_set_output(&y.e, yout_write, out);
	yaml_emitter_set_unicode(&y.e, 1);
	yaml_emitter_set_width(&y.e, -1);
	yaml_emitter_set_indent(&y.e, 2);
	yaml_stream_start_event_initialize(&ev, YAML_UTF8_ENCODING);
	yout_emit(&y, &ev);
	yaml_document_start_event_initialize(&ev, NULL, NULL, NULL, 1);
	yout_emit(&y, &ev);
	yout_map(&y);
	yout_pair(&y, "title", imp->title);
	if (imp->date != NULL) {
		yout_plain(&y, "date");
		yout_plain(&y, imp->date);
	}
	yout_pair(&y, "source", imp->source);
	if (imp->npeople > 0) {
		yout_plain(&y, "people");
		yout_seq(&y);
		for (i = 0; i < imp->npeople; i++) {
			yout_map(&y);
			yout_pair(&y, "name", imp->people[i].name);
			yout_pair(&y, "role", imp->people[i].role);
			yout_end(&y, true);
		}
		yout_end(&y, false);
	}
	if (imp->img_credit != NULL) {
		yout_plain(&y, "image");
		yout_map(&y);
		yout_pair(&y, "title", imp->img_title);
		yout_pair(&y, "caption", imp->img_caption);
		yout_pair(&y, "credit", imp->img_credit);
		yout_end(&y, true);
	}
	if (imp->nupdates > 0) {
		yout_plain(&y, "updates");
		yout_seq(&y);
		for (i = 0; i < imp->nupdates; i++) {
			yout_map(&y);
			yout_pair(&y, "date", imp->updates[i].date);
			yout_pair(&y, "note", imp->updates[i].note);
			yout_end(&y, true);
		}
		yout_end(&y, false);
	}
	yout_end(&y, true);
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
	return y.ok;
}

/*
 * Append line to out so that a Markdown renderer shows it as written: block
 * markers at its start and inline markers anywhere are backslash-escaped.
 */
static void
import_md_line(struct buf *out, const char *line)
{
	const char *p = line;
	size_t k;

	/* block markers: headings, quotes, tables, rules, setext underlines, list items */
	if (*p == '#' || *p == '>' || *p == '|' || *p == '=' ||
	    ((*p == '-' || *p == '+') && (p[1] == ' ' || p[1] == '\t' || p[1] == '\0' ||
	    p[1] == '-'))) {
		buf_addc(out, '\\');
		buf_addc(out, *p++);
	} else if (ascii_isdigit((unsigned char)*p)) {
		for (k = 0; k < 9 && ascii_isdigit((unsigned char)p[k]); k++)
			continue;
		if ((p[k] == '.' || p[k] == ')') && (p[k + 1] == ' ' || p[k + 1] == '\t' ||
		    p[k + 1] == '\0')) {
			buf_add(out, p, k);
			buf_addc(out, '\\');
			p += k;
			buf_addc(out, *p++);
		}
	}
	for (; *p != '\0'; p++) {
		switch (*p) {
		case '\\': case '`': case '*': case '_': case '[': case ']': case '<': case '~':
			buf_addc(out, '\\');
			break;
		case '&':
			if (p[1] == '#' || ascii_isalpha((unsigned char)p[1]))
				buf_addc(out, '\\');
			break;
		default:
			break;
		}
		buf_addc(out, *p);
	}
}

/*
 * Append the whole article file (front matter and body) to out. Returns
 * false, with *cause (the caller frees), when it cannot be written.
 */
static bool
import_render(const struct import *imp, struct buf *out, char **cause)
{
	size_t i, k;

	buf_adds(out, "---\n");
	if (!import_front_matter(imp, out, cause))
		return false;
	if (out->len > ARTICLE_MAX_FRONTMATTER) {
		*cause = xasprintf("the front matter would be larger than %u MiB (a title or "
		    "caption that long is no title or caption)", ARTICLE_MAX_FRONTMATTER / (1024 * 1024));
		return false;
	}
	buf_adds(out, "---\n");
	for (i = 0; i < imp->nparas; i++) {
		buf_addc(out, '\n');
		for (k = 0; k < imp->paras[i].nlines; k++) {
			import_md_line(out, imp->paras[i].lines[k]);
			buf_addc(out, '\n');
		}
	}
	return true;
}

/* The file name for imp: "YYYY-MM-DD-slug.md" or "slug.md"; the caller frees it. */
static char *
import_file_name(const struct import *imp)
{
	struct buf b = BUF_INIT;
	const char *p;
	size_t cut, n;
	char *name;

	if (imp->date != NULL) {
		buf_adds(&b, imp->date);
		buf_addc(&b, '-');
	}
	cut = b.len;
	for (p = imp->title; *p != '\0' && b.len - cut < IMPORT_MAX_SLUG; p += n) {
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

/* Is s a date written exactly YYYY-MM-DD that exists? */
static bool
import_valid_date(const char *s)
{
	struct article_date d;
	int i;

	for (i = 0; i < 10; i++)
		if (i == 4 || i == 7 ? s[i] != '-' : !ascii_isdigit((unsigned char)s[i]))
			return false;
	if (s[10] != '\0' || !article_parse_date(s, &d) || d.month < 1 || d.month > 12 ||
	    d.day < 1)
		return false;
	{
		static const int mdays[] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
		bool leap = (d.year % 4 == 0 && d.year % 100 != 0) || d.year % 400 == 0;

		if (d.day > mdays[d.month - 1] || (d.month == 2 && d.day == 29 && !leap))
			return false;
	}
	return true;
}

/*
 * Parse the import options into o. Returns -1 when the command should go on,
 * else the exit status (help printed, or a usage error reported).
 */
static int
import_args(int argc, char **argv, struct import_opts *o)
{
	static const struct cli_option options[] = {
		{ "output", 'o', "a folder, or - for standard output" },
		{ "force", 'f', NULL },
		{ "date", 'd', "a date written YYYY-MM-DD" },
		{ "source", 's', "a name" },
		{ NULL, 0, NULL },
	};
	struct cli_args args;
	int c;

	memset(o, 0, sizeof *o);
	cli_args_init(&args, "import", import_usage, options, false);
	while ((c = cli_next(&args, argc, argv)) != -1) {
		switch (c) {
		case CLI_STOP:
			return args.status;
		case 'o':
			o->output = args.arg;
			break;
		case 'f':
			o->force = true;
			break;
		case 'd':
			o->date = args.arg;
			if (!import_valid_date(o->date))
				return cli_bad_value(&args, c, o->date);
			break;
		case 's':
			o->source = args.arg;
			break;
		}
	}
	if (args.ind >= argc)
		return cli_usage_error(&args, "which file? (- reads standard input)");
	if (argc - args.ind > 1)
		return cli_usage_error(&args, "one file at a time (%s and %s)", argv[args.ind],
		    argv[args.ind + 1]);
	o->file = argv[args.ind];
	if (o->source != NULL && (o->source[0] == '\0' || !utf8_valid(o->source,
	    strlen(o->source))))
		return cli_usage_error(&args, "--source needs a name in UTF-8");
	if (o->output == NULL || o->output[0] == '\0')
		o->output = ".";
	return -1;
}

/* "byline import": read, take apart, write one article; returns the exit status. */
int
cmd_import(const struct cli *cli, int argc, char **argv)
{
	struct import_opts o;
	struct import imp;
	struct buf raw = BUF_INIT, text = BUF_INIT, out = BUF_INIT;
	const char *name = NULL;
	char *cause = NULL, *file = NULL, *path = NULL;
	int status;

	(void)cli;
	if ((status = import_args(argc, argv, &o)) >= 0)
		return status;
	name = strcmp(o.file, "-") == 0 ? "standard input" : o.file;
	memset(&imp, 0, sizeof imp);
	imp.arena = arena_new();
	imp.date = o.date;
	imp.source = o.source;
	status = EXIT_PROBLEM;
	if (import_read(o.file, &raw, &cause) < 0) {
		cli_warn("import: %s: %s", name, cause);
		goto out;
	}
	if (raw.len >= 2 && ((unsigned char)raw.data[0] == 0xff ||
	    (unsigned char)raw.data[0] == 0xfe) && ((unsigned char)raw.data[1] == 0xff ||
	    (unsigned char)raw.data[1] == 0xfe) && raw.data[0] != raw.data[1]) {
		cli_warn("import: %s: the text is UTF-16; convert it first with "
		    "iconv -f UTF-16 -t UTF-8", name);
		goto out;
	}
	import_clean(&text, raw.data != NULL ? raw.data : "", raw.len);
	if (!import_split(&imp, text.data, text.len)) {
		cli_warn("import: %s: no text to import", name);
		goto out;
	}
	import_take_updates(&imp);
	import_take_image(&imp);
	import_find_people(&imp);
	if (!import_render(&imp, &out, &cause)) {
		cli_warn("import: %s: %s", name, cause);
		goto out;
	}
	if (strcmp(o.output, "-") == 0) {
		if (fwrite(out.data, 1, out.len, stdout) != out.len || fflush(stdout) != 0) {
			cli_warn("import: standard output: %s", strerror(errno));
			goto out;
		}
		status = EXIT_OK;
		goto out;
	}
	file = import_file_name(&imp);
	path = xasprintf("%s/%s", o.output, file);
	if (file_write_atomic(path, out.data, out.len, o.force ? 0 : FW_NOREPLACE, &cause) < 0) {
		if (errno == EEXIST && !o.force)
			cli_warn("import: %s exists; --force replaces it", path);
		else
			cli_warn("import: %s", cause);
		goto out;
	}
	cli_field(stdout, path);
	fputc('\n', stdout);
	status = EXIT_OK;
out:
	free(cause);
	free(file);
	free(path);
	free(imp.paras);
	free(imp.updates);
	arena_free(imp.arena);
	buf_free(&raw);
	buf_free(&text);
	buf_free(&out);
	return status;
}
