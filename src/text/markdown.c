/*
 * markdown.c: render a Markdown body into doc blocks with md4c.
 *
 * md4c calls us back for blocks, spans and text; the text is appended to
 * one rendered buffer, blocks and styles record offsets into it, and the
 * pointers are fixed once the buffer stops moving.
 */
#include "markdown.h"

#include <md4c.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "doc.h"
#include "utf8.h"
#include "util.h"

#define MAX_NEST 64		/* spans and lists deeper than this are flattened */
#define MARKDOWN_DETECT_MAX (256 * 1024)	/* as much as the reader reads before painting */

struct list {
	bool		ordered;
	unsigned	next;
};

struct link {
	char	*url;
};

struct render {
	struct doc	*d;
	struct buf	 out;		/* the rendered text */
	bool		 open;		/* a block is being written */
	size_t		 start;		/* its start in out */
	enum block_kind	 kind;
	int		 indent;
	int		 level;
	bool		 li_fresh;	/* the open block is a list item holding only its bullet */
	int		 quote;		/* block quote depth */
	struct list	 lists[MAX_NEST];
	int		 nlists;
	size_t		 spans[MAX_NEST];	/* start offsets of open spans */
	int		 nspans;
	int		 cells;		/* cells written in the current table row */
	int		 html;		/* inside an HTML block: its text is dropped */
	int		 code;		/* inside a code block */
	char		*href;		/* the link being written */
	struct link	*links;
	size_t		 nlinks, links_cap;
};

/* Does the line from s (to the next newline or end) hold "](", "][" or "]:" after p? */
static bool
link_follows(const char *p, const char *end)
{
	const char *nl = memchr(p, '\n', (size_t)(end - p)), *q;

	if (nl == NULL)
		nl = end;
	for (q = p; q + 1 < nl; q++)
		if (q[0] == ']' && (q[1] == '(' || q[1] == '[' || q[1] == ':'))
			return true;
	return false;
}

/*
 * Is the character at text[i] Markdown inline syntax rather than an
 * ordinary character of news prose? A lone "[", "&", "*" or "<" in running
 * text is not.
 */
static bool
inline_syntax(const char *text, size_t len, size_t i)
{
	unsigned char c = (unsigned char)text[i];
	unsigned char prev = i > 0 ? (unsigned char)text[i - 1] : ' ';
	unsigned char next = i + 1 < len ? (unsigned char)text[i + 1] : ' ';

	switch (c) {
	case '*':
	case '_':
		/* an opening emphasis marker: not inside a word, not before a space */
		return !ascii_isspace(next) && !ascii_isalpha(prev) && !ascii_isdigit(prev);
	case '`':
		return true;
	case '~':
		return next == '~';
	case '\\':
		return next > 0x20 && next < 0x7f && !ascii_isalpha(next) && !ascii_isdigit(next);
	case '<':
		return ascii_isalpha(next) || next == '/';
	case '[':
		return link_follows(text + i, text + len);
	case '&':
		/* an entity: &name; or &#123; */
		if (next == '#')
			return true;
		if (ascii_isalpha(next)) {
			size_t k;

			for (k = i + 1; k < len && k < i + 12 && ascii_isalpha((unsigned char)text[k]); k++)
				;
			return k < len && text[k] == ';';
		}
		return false;
	default:
		return false;
	}
}

/* Where the scan stops to look: a newline, or a byte that may start inline syntax. */
static const bool stop_at[256] = {
	['\n'] = true,
	['*'] = true, ['_'] = true, ['`'] = true, ['['] = true,
	['<'] = true, ['\\'] = true, ['~'] = true, ['&'] = true,
};

/* Whether the line starting at text[i] opens with a block marker. */
static bool
block_marker(const char *text, size_t len, size_t i)
{
	size_t j = i, k;

	while (j < len && j < i + 3 && text[j] == ' ')
		j++;
	if (j + 1 < len && (text[j] == '#' || text[j] == '>' ||
	    ((text[j] == '-' || text[j] == '+' || text[j] == '*') && text[j + 1] == ' ') ||
	    (text[j] == '=' && text[j + 1] == '=') ||
	    (text[j] == '-' && text[j + 1] == '-') || text[j] == '|'))
		return true;
	if (i + 4 <= len && memcmp(text + i, "    ", 4) == 0)
		return true;
	if (j < len && text[j] >= '0' && text[j] <= '9') {
		for (k = j; k < len && k < j + 9 && text[k] >= '0' && text[k] <= '9'; k++)
			;
		if (k + 1 < len && (text[k] == '.' || text[k] == ')') && text[k + 1] == ' ')
			return true;
	}
	return false;
}

bool
markdown_detect(const char *text, size_t len)
{
	size_t i = 0;

	/* Markdown shows early; a huge plain text is not scanned to its end */
	if (len > MARKDOWN_DETECT_MAX)
		len = MARKDOWN_DETECT_MAX;
	while (i < len) {
		/* i starts a line */
		if (text[i] != '\n' && block_marker(text, len, i))
			return true;
		for (;;) {
			while (i < len && !stop_at[(unsigned char)text[i]])
				i++;
			if (i >= len)
				return false;
			if (text[i++] == '\n')
				break;
			if (inline_syntax(text, len, i - 1))
				return true;
		}
	}
	return false;
}

/*
 * Cut the style runs of the open block back to the rendered text's first
 * limit bytes. Only the block's own runs (the last ones, starting at or
 * after its start) can reach past it, so only they are looked at.
 */
static void
clamp_styles(struct render *r, size_t limit)
{
	struct doc *d = r->d;
	size_t i = d->nstyles, k;

	while (i > 0 && d->styles[i - 1].start >= r->start)
		i--;
	for (k = i; i < d->nstyles; i++) {
		if (d->styles[i].start >= limit)
			continue;
		if (d->styles[i].end > limit)
			d->styles[i].end = limit;
		d->styles[k++] = d->styles[i];
	}
	d->nstyles = k;
}

/* End the open block: trim it and add it to the doc if it holds anything. */
static void
close_block(struct render *r)
{
	struct doc *d = r->d;
	struct block *b;
	size_t end = r->out.len, start = r->start;

	if (!r->open)
		return;
	r->open = false;
	while (end > start && ascii_isspace((unsigned char)r->out.data[end - 1]))
		end--;
	if (r->kind != BLOCK_CODE)
		while (start < end && ascii_isspace((unsigned char)r->out.data[start]))
			start++;
	if (end <= start) {
		r->out.len = r->start;
		clamp_styles(r, r->out.len);
		return;
	}
	clamp_styles(r, end);
	ARRAY_GROW(d->blocks, d->nblocks + 1, d->cap);
	b = &d->blocks[d->nblocks++];
	memset(b, 0, sizeof *b);
	b->kind = r->kind;
	b->body_off = start;	/* an offset for now; text is set at the end */
	b->len = end - start;
	b->indent = r->indent;
	b->level = r->level;
	/* blocks are separated in the text by a blank line, as in plain text */
	r->out.len = end;
	buf_add(&r->out, "\n\n", 2);
}

static void
open_block(struct render *r, enum block_kind kind)
{
	close_block(r);
	r->open = true;
	r->start = r->out.len;
	r->kind = r->quote > 0 && kind == BLOCK_PARA ? BLOCK_QUOTE : kind;
	r->indent = 2 * (r->nlists > 0 ? r->nlists - 1 : 0) + 2 * (r->quote > 1 ? r->quote - 1 : 0);
	r->level = r->nlists;
	r->li_fresh = false;
}

static int
enter_block(MD_BLOCKTYPE type, void *detail, void *arg)
{
	struct render *r = arg;

	if (r->html > 0)
		return 0;
	switch (type) {
	case MD_BLOCK_QUOTE:
		close_block(r);
		r->quote++;
		break;
	case MD_BLOCK_UL:
	case MD_BLOCK_OL:
		close_block(r);
		if (r->nlists < MAX_NEST) {
			r->lists[r->nlists].ordered = type == MD_BLOCK_OL;
			r->lists[r->nlists].next = type == MD_BLOCK_OL ?
			    ((MD_BLOCK_OL_DETAIL *)detail)->start : 0;
		}
		r->nlists++;
		break;
	case MD_BLOCK_LI: {
		char bullet[24];

		open_block(r, BLOCK_ITEM);
		if (r->nlists > 0 && r->nlists <= MAX_NEST && r->lists[r->nlists - 1].ordered)
			snprintf(bullet, sizeof bullet, "%u. ", r->lists[r->nlists - 1].next++);
		else
			snprintf(bullet, sizeof bullet, "\xe2\x80\xa2 ");	/* U+2022 */
		buf_adds(&r->out, bullet);
		r->li_fresh = true;
		break;
	}
	case MD_BLOCK_P:
		if (r->open && r->li_fresh) {
			r->li_fresh = false;	/* a loose item's first paragraph */
			break;
		}
		/* a later paragraph of a list item lines up after the bullet */
		open_block(r, r->nlists > 0 ? BLOCK_ITEM : BLOCK_PARA);
		if (r->nlists > 0)
			r->indent += 2;
		break;
	case MD_BLOCK_H:
		open_block(r, BLOCK_HEADING);
		r->level = (int)((MD_BLOCK_H_DETAIL *)detail)->level;
		break;
	case MD_BLOCK_CODE:
		open_block(r, BLOCK_CODE);
		r->code++;
		break;
	case MD_BLOCK_HTML:
		close_block(r);
		r->html++;
		break;
	case MD_BLOCK_HR:
		open_block(r, BLOCK_NOTE);
		buf_adds(&r->out, "* * *");
		break;
	case MD_BLOCK_TR:
		open_block(r, BLOCK_PARA);
		r->cells = 0;
		break;
	case MD_BLOCK_TH:
	case MD_BLOCK_TD:
		if (r->cells++ > 0)
			buf_adds(&r->out, " \xe2\x94\x82 ");	/* U+2502 */
		break;
	default:
		break;
	}
	return 0;
}

static int
leave_block(MD_BLOCKTYPE type, void *detail, void *arg)
{
	struct render *r = arg;

	(void)detail;
	switch (type) {
	case MD_BLOCK_HTML:
		r->html--;
		return 0;
	default:
		break;
	}
	if (r->html > 0)
		return 0;
	switch (type) {
	case MD_BLOCK_QUOTE:
		close_block(r);
		r->quote--;
		break;
	case MD_BLOCK_UL:
	case MD_BLOCK_OL:
		close_block(r);
		r->nlists--;
		break;
	case MD_BLOCK_CODE:
		close_block(r);
		r->code--;
		break;
	case MD_BLOCK_LI:
	case MD_BLOCK_P:
	case MD_BLOCK_H:
	case MD_BLOCK_HR:
	case MD_BLOCK_TR:
		close_block(r);
		break;
	default:
		break;
	}
	return 0;
}

static void
add_style(struct render *r, size_t start, int kind)
{
	struct doc *d = r->d;

	if (r->out.len <= start)
		return;
	ARRAY_GROW(d->styles, d->nstyles + 1, d->styles_cap);
	d->styles[d->nstyles].start = start;
	d->styles[d->nstyles].end = r->out.len;
	d->styles[d->nstyles].kind = kind;
	d->nstyles++;
}

static int
enter_span(MD_SPANTYPE type, void *detail, void *arg)
{
	struct render *r = arg;

	if (r->html > 0)
		return 0;
	if (!r->open)
		open_block(r, BLOCK_PARA);
	if (r->nspans < MAX_NEST)
		r->spans[r->nspans] = r->out.len;
	r->nspans++;
	if (type == MD_SPAN_A && r->href == NULL) {
		MD_SPAN_A_DETAIL *a = detail;

		r->href = xstrndup(a->href.text, a->href.size);
	} else if (type == MD_SPAN_IMG) {
		buf_adds(&r->out, "[image: ");
	}
	return 0;
}

/* The number of the reference for url, adding it when new. */
static size_t
link_number(struct render *r, char *url)
{
	size_t i;

	for (i = 0; i < r->nlinks; i++)
		if (strcmp(r->links[i].url, url) == 0) {
			free(url);
			return i + 1;
		}
	ARRAY_GROW(r->links, r->nlinks + 1, r->links_cap);
	r->links[r->nlinks++].url = url;
	return r->nlinks;
}

static int
leave_span(MD_SPANTYPE type, void *detail, void *arg)
{
	struct render *r = arg;
	size_t start;

	(void)detail;
	if (r->html > 0 || r->nspans == 0)
		return 0;
	r->nspans--;
	start = r->nspans < MAX_NEST ? r->spans[r->nspans] : r->out.len;
	switch (type) {
	case MD_SPAN_EM:
		add_style(r, start, DSTYLE_EM);
		break;
	case MD_SPAN_STRONG:
		add_style(r, start, DSTYLE_STRONG);
		break;
	case MD_SPAN_U:
		add_style(r, start, DSTYLE_EM);
		break;
	case MD_SPAN_CODE:
		add_style(r, start, DSTYLE_CODE);
		break;
	case MD_SPAN_DEL:
		add_style(r, start, DSTYLE_DIM);
		break;
	case MD_SPAN_IMG:
		buf_addc(&r->out, ']');
		add_style(r, start, DSTYLE_DIM);
		break;
	case MD_SPAN_A:
		if (r->href != NULL) {
			size_t n;

			add_style(r, start, DSTYLE_LINK);
			if (r->href[0] != '\0' && r->href[0] != '#') {
				n = link_number(r, r->href);
				buf_printf(&r->out, "[%zu]", n);
			} else {
				free(r->href);
			}
			r->href = NULL;
		}
		break;
	default:
		break;
	}
	return 0;
}

/* Append the character an HTML entity stands for, or the entity as written. */
static void
add_entity(struct buf *out, const char *s, size_t n)
{
	static const struct {
		const char	*name;
		const char	*text;
	} named[] = {
		{ "&amp;", "&" }, { "&lt;", "<" }, { "&gt;", ">" }, { "&quot;", "\"" },
		{ "&apos;", "'" }, { "&nbsp;", "\xc2\xa0" }, { "&mdash;", "\xe2\x80\x94" },
		{ "&ndash;", "\xe2\x80\x93" }, { "&hellip;", "\xe2\x80\xa6" },
		{ "&lsquo;", "\xe2\x80\x98" }, { "&rsquo;", "\xe2\x80\x99" },
		{ "&ldquo;", "\xe2\x80\x9c" }, { "&rdquo;", "\xe2\x80\x9d" },
		{ "&copy;", "\xc2\xa9" }, { "&reg;", "\xc2\xae" }, { "&trade;", "\xe2\x84\xa2" },
		{ "&laquo;", "\xc2\xab" }, { "&raquo;", "\xc2\xbb" }, { "&bull;", "\xe2\x80\xa2" },
		{ "&middot;", "\xc2\xb7" }, { "&deg;", "\xc2\xb0" }, { "&euro;", "\xe2\x82\xac" },
		{ "&pound;", "\xc2\xa3" }, { "&times;", "\xc3\x97" }, { "&szlig;", "\xc3\x9f" },
		{ "&aacute;", "\xc3\xa1" }, { "&agrave;", "\xc3\xa0" }, { "&acirc;", "\xc3\xa2" },
		{ "&auml;", "\xc3\xa4" }, { "&ccedil;", "\xc3\xa7" }, { "&eacute;", "\xc3\xa9" },
		{ "&egrave;", "\xc3\xa8" }, { "&ecirc;", "\xc3\xaa" }, { "&iacute;", "\xc3\xad" },
		{ "&ntilde;", "\xc3\xb1" }, { "&oacute;", "\xc3\xb3" }, { "&ouml;", "\xc3\xb6" },
		{ "&uacute;", "\xc3\xba" }, { "&uuml;", "\xc3\xbc" }, { "&Eacute;", "\xc3\x89" },
	};
	size_t i;

	if (n > 3 && s[1] == '#') {
		long cp;
		char *end, enc[4], tmp[16];

		if (n - 3 >= sizeof tmp - 1) {
			buf_add(out, s, n);
			return;
		}
		memcpy(tmp, s + 2, n - 3);
		tmp[n - 3] = '\0';
		cp = tmp[0] == 'x' || tmp[0] == 'X' ? strtol(tmp + 1, &end, 16) : strtol(tmp, &end, 10);
		if (*end != '\0' || cp <= 0 || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
			cp = 0xfffd;
		buf_add(out, enc, utf8_encode((int32_t)cp, enc));
		return;
	}
	for (i = 0; i < sizeof named / sizeof named[0]; i++)
		if (strlen(named[i].name) == n && memcmp(named[i].name, s, n) == 0) {
			buf_adds(out, named[i].text);
			return;
		}
	buf_add(out, s, n);
}

static int
on_text(MD_TEXTTYPE type, const MD_CHAR *text, MD_SIZE size, void *arg)
{
	struct render *r = arg;

	if (r->html > 0)
		return 0;
	if (!r->open)
		open_block(r, BLOCK_PARA);
	if (r->li_fresh && type != MD_TEXT_SOFTBR)
		r->li_fresh = false;
	switch (type) {
	case MD_TEXT_NULLCHAR:
		buf_add(&r->out, "\xef\xbf\xbd", 3);
		break;
	case MD_TEXT_BR:
	case MD_TEXT_SOFTBR:
		buf_addc(&r->out, ' ');
		break;
	case MD_TEXT_ENTITY:
		add_entity(&r->out, text, size);
		break;
	case MD_TEXT_HTML:
		break;		/* inline tags are markup, not text */
	default:
		buf_add(&r->out, text, size);
		break;
	}
	return 0;
}

/* Is block b a heading equal to title? */
static bool
is_title(const struct doc *d, const struct block *b, const char *title)
{
	return b->kind == BLOCK_HEADING && title != NULL && strlen(title) == b->len &&
	    memcmp(d->text + b->body_off, title, b->len) == 0;
}

static int
cmp_styles(const void *pa, const void *pb)
{
	const struct dstyle *a = pa, *b = pb;

	if (a->start != b->start)
		return a->start < b->start ? -1 : 1;
	return a->end > b->end ? -1 : a->end < b->end;
}

bool
markdown_render(struct doc *d, const char *src, size_t len, const char *skip_title)
{
	struct render r;
	MD_PARSER p;
	size_t first = d->nblocks, i, k;
	int ret;

	memset(&r, 0, sizeof r);
	memset(&p, 0, sizeof p);
	r.d = d;
	p.flags = MD_FLAG_TABLES | MD_FLAG_STRIKETHROUGH | MD_FLAG_PERMISSIVEURLAUTOLINKS;
	p.enter_block = enter_block;
	p.leave_block = leave_block;
	p.enter_span = enter_span;
	p.leave_span = leave_span;
	p.text = on_text;
	ret = len > 0xffffffffu ? -1 : md_parse(src, (MD_SIZE)len, &p, &r);
	close_block(&r);
	free(r.href);
	if (ret != 0) {
		d->nblocks = first;
		d->nstyles = 0;
		for (i = 0; i < r.nlinks; i++)
			free(r.links[i].url);
		free(r.links);
		buf_free(&r.out);
		return false;
	}
	if (d->nstyles > 1)
		qsort(d->styles, d->nstyles, sizeof *d->styles, cmp_styles);
	d->len = r.out.len;
	d->owned = buf_detach(&r.out);
	d->text = d->owned;
	/* the pointers, now that the text stays put; paragraphs for the analysis */
	for (i = k = first; i < d->nblocks; i++) {
		struct block *b = &d->blocks[i];

		b->text = d->text + b->body_off;
		if (i == first && is_title(d, b, skip_title))
			continue;
		d->blocks[k++] = *b;
	}
	d->nblocks = k;
	d->end_body = d->nblocks;
	d->paras = xcalloc(d->nblocks - first + 1, sizeof *d->paras);
	for (i = first; i < d->nblocks; i++) {
		if (d->blocks[i].kind == BLOCK_CODE)
			continue;
		d->paras[d->nparas].start = d->blocks[i].body_off;
		d->paras[d->nparas].end = d->blocks[i].body_off + d->blocks[i].len;
		d->nparas++;
	}
	/* the links, numbered, after the body */
	if (r.nlinks > 0) {
		struct block *b;

		ARRAY_GROW(d->blocks, d->nblocks + r.nlinks + 1, d->cap);
		b = &d->blocks[d->nblocks++];
		memset(b, 0, sizeof *b);
		b->kind = BLOCK_HEADING;
		b->text = "Links";
		b->len = 5;
		b->body_off = DOC_NOT_BODY;
		for (i = 0; i < r.nlinks; i++) {
			char *s = xasprintf("[%zu] %s", i + 1, r.links[i].url);

			b = &d->blocks[d->nblocks++];
			memset(b, 0, sizeof *b);
			b->kind = BLOCK_NOTE;
			b->text = arena_strdup(d->arena, s);
			b->len = strlen(s);
			b->body_off = DOC_NOT_BODY;
			free(s);
			free(r.links[i].url);
		}
	}
	free(r.links);
	return true;
}
