/*
 * html-body.c: the article's content as Markdown blocks (see html-int.h).
 *
 * Block elements end a paragraph; the text between them, inline elements
 * included and links as their text, is one paragraph, white space folded,
 * a <br> a line break and two <br> in a row a new paragraph. Headings are
 * "##" (h1, h2), "###" (h3) or "####"; block quotes "> "; list items
 * "- " or "1. ", the items of one list in one block, nested ones indented;
 * each table row a paragraph of its cells joined by " | "; <pre> an
 * indented code block, its spaces kept. The text of every paragraph is
 * escaped so that a Markdown renderer shows it as written.
 */
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "html-int.h"
#include "import-int.h"
#include "utf8.h"
#include "util.h"

/* Lists nested beyond this are written at this depth. */
#define BODY_MAX_LISTS	16

struct blist {
	const xmlNode	*node;
	bool		 ordered;
	long		 counter;
};

/* The conversion's state. */
struct bstate {
	struct hpage	*pg;
	struct buf	 para;		/* the paragraph so far, raw */
	struct buf	 clean, esc, first, rest, out;	/* scratch */
	struct buf	 listblock;	/* the items of the list being written */
	int		 heading;	/* its heading level, 0 for none */
	bool		 item;		/* it starts a list item */
	bool		 cells;		/* it is a table row with a cell already */
	int		 quote;		/* block quotes around it */
	int		 pre;		/* <pre> around it */
	struct blist	 lists[BODY_MAX_LISTS];
	int		 nlists;	/* may exceed BODY_MAX_LISTS */
	const xmlNode	*last_list;	/* the list listblock holds, or NULL */
	size_t		 added;
};

/* Append text (a text node's) to the paragraph, its white space as spaces. */
static void
body_text(struct bstate *st, const char *s)
{
	size_t i;

	if (st->pre > 0) {
		buf_adds(&st->para, s);
		return;
	}
	while (*s != '\0') {
		i = strcspn(s, "\n\r\t\f");
		buf_add(&st->para, s, i);
		s += i;
		if (*s != '\0') {
			buf_addc(&st->para, ' ');
			s++;
		}
	}
}

/* The code block for pre text t: each line indented by four spaces, controls dropped. */
static const char *
body_code(struct bstate *st, const char *t, size_t len)
{
	struct buf b = BUF_INIT;
	const char *r;
	size_t i = 0, n, start;
	int32_t cp;

	while (len > 0 && (t[len - 1] == '\n' || t[len - 1] == ' ' || t[len - 1] == '\r'))
		len--;
	while (i < len && t[i] == '\n')
		i++;
	start = i;
	for (; i <= len; i++) {
		if (i < len && t[i] != '\n')
			continue;
		buf_adds(&b, b.len > 0 ? "\n    " : "    ");
		for (n = start; n < i; ) {
			size_t k = utf8_decode(t + n, i - n, &cp);

			if (cp == '\t')
				buf_adds(&b, "    ");
			else if (cp == UTF8_INVALID)
				buf_add(&b, "\xef\xbf\xbd", 3);
			else if (!imported_dropped(cp) && cp != '\n' && cp != 0x2028 && cp != 0x2029 &&
			    cp != 0x85)
				buf_add(&b, t + n, k);
			n += k;
		}
		start = i + 1;
	}
	r = b.len > 0 ? arena_strndup(st->pg->imp->arena, b.data, b.len) : NULL;
	buf_free(&b);
	return r;
}

/* The prefix of the paragraph's first line (heading, item) and of the others, into first, rest. */
static void
body_prefixes(struct bstate *st, struct buf *first, struct buf *rest)
{
	int i, depth = st->nlists < BODY_MAX_LISTS ? st->nlists : BODY_MAX_LISTS;

	for (i = 0; i < st->quote; i++) {
		buf_adds(first, "> ");
		buf_adds(rest, "> ");
	}
	if (st->heading > 0) {
		buf_adds(first, st->heading <= 2 ? "## " : st->heading == 3 ? "### " : "#### ");
		return;
	}
	if (depth == 0)
		return;
	for (i = 1; i < depth; i++) {
		buf_adds(first, "  ");
		buf_adds(rest, "  ");
	}
	if (st->item && st->lists[depth - 1].ordered)
		buf_printf(first, "%ld. ", st->lists[depth - 1].counter);
	else if (st->item)
		buf_adds(first, "- ");
	else
		buf_adds(first, "  ");
	buf_adds(rest, "  ");
}

/* Make every blank line of b (a block's text) a line break: a block has none. */
static void
body_no_blank_lines(struct buf *b)
{
	size_t i, k = 0;

	for (i = 0; i < b->len; i++)
		if (!(b->data[i] == '\n' && k > 0 && b->data[k - 1] == '\n'))
			b->data[k++] = b->data[i];
	b->len = k;
	b->data[k] = '\0';
}

/*
 * The paragraph's text escaped, each line prefixed (in st->out, valid until
 * the next call); NULL when it has no text.
 */
static const char *
body_markdown(struct bstate *st)
{
	const char *line, *nl, *end;

	buf_reset(&st->clean);
	imported_clean(&st->clean, st->para.data, st->para.len, IMPORTED_LINES);
	if (st->clean.len == 0)
		return NULL;
	body_no_blank_lines(&st->clean);
	buf_reset(&st->esc);
	buf_reset(&st->first);
	buf_reset(&st->rest);
	buf_reset(&st->out);
	imported_md_escape(&st->esc, st->clean.data, st->clean.len);
	body_prefixes(st, &st->first, &st->rest);
	end = st->esc.data + st->esc.len;
	for (line = st->esc.data; line != NULL; line = nl != NULL ? nl + 1 : NULL) {
		nl = memchr(line, '\n', (size_t)(end - line));
		if (line != st->esc.data)
			buf_addc(&st->out, '\n');
		if (line == st->esc.data)
			buf_add(&st->out, st->first.data, st->first.len);
		else
			buf_add(&st->out, st->rest.data, st->rest.len);
		buf_add(&st->out, line, nl != NULL ? (size_t)(nl - line) : (size_t)(end - line));
	}
	return st->out.data;
}

/* Write the list block being gathered, if any. */
static void
body_list_flush(struct bstate *st)
{
	if (st->listblock.len > 0) {
		imported_add_para(st->pg->imp, arena_strndup(st->pg->imp->arena, st->listblock.data,
		    st->listblock.len));
		st->added++;
	}
	buf_reset(&st->listblock);
	st->last_list = NULL;
}

/* Add block md; the items of one list are gathered into one block. */
static void
body_add(struct bstate *st, const char *md, const xmlNode *list)
{
	if (list == NULL || list != st->last_list)
		body_list_flush(st);
	if (list == NULL) {
		imported_add_para(st->pg->imp, arena_strdup(st->pg->imp->arena, md));
		st->added++;
		return;
	}
	if (st->listblock.len > 0)
		buf_addc(&st->listblock, '\n');
	buf_adds(&st->listblock, md);
	st->last_list = list;
}

/* End the paragraph: write it as a block when it has text. */
static void
body_flush(struct bstate *st)
{
	const char *md;
	const xmlNode *list = st->nlists > 0 ?
	    st->lists[(st->nlists < BODY_MAX_LISTS ? st->nlists : BODY_MAX_LISTS) - 1].node : NULL;

	if (st->para.len > 0) {
		md = st->pre > 0 ? body_code(st, st->para.data, st->para.len) : body_markdown(st);
		if (md != NULL)
			body_add(st, md, st->heading > 0 || st->quote > 0 ? NULL : list);
	}
	buf_reset(&st->para);
	st->heading = 0;
	st->item = false;
	st->cells = false;
}

/* Is the next element sibling of n (white space between allowed) a <br>? */
static bool
body_br_follows(const xmlNode *n)
{
	for (n = n->next; n != NULL; n = n->next) {
		if (n->type == XML_ELEMENT_NODE)
			return hdom_tag(n) == H_BR;
		if (n->type == XML_TEXT_NODE && !hdom_blank((const char *)n->content))
			return false;
	}
	return false;
}

/* Enter a list (ul, ol): push it. */
static void
body_list(struct bstate *st, const xmlNode *n, bool ordered)
{
	const char *start = hdom_attr(n, "start");

	if (st->nlists < BODY_MAX_LISTS) {
		st->lists[st->nlists].node = n;
		st->lists[st->nlists].ordered = ordered;
		st->lists[st->nlists].counter = start != NULL && ascii_isdigit((unsigned char)*start) ?
		    strtol(start, NULL, 10) - 1 : 0;
	}
	st->nlists++;
}

/* Enter element n. */
static void
body_enter(struct bstate *st, const xmlNode *n)
{
	enum htag tag = hdom_tag(n);

	if (tag == H_BR) {
		if (body_br_follows(n) || (st->para.len > 0 && st->para.data[st->para.len - 1] == '\n'))
			body_flush(st);
		else
			buf_addc(&st->para, '\n');
		return;
	}
	if ((tag == H_TD || tag == H_TH) && st->pre == 0) {
		if (st->cells && st->para.len > 0)
			buf_adds(&st->para, " | ");
		st->cells = true;
		return;
	}
	if (!hdom_is_block(n) || tag == H_TR)
		return;
	if (st->pre == 0 || tag == H_PRE)
		body_flush(st);
	switch (tag) {
	case H_H1: case H_H2: case H_H3: case H_H4: case H_H5: case H_H6:
		st->heading = tag - H_H1 + 1;
		break;
	case H_BLOCKQUOTE: st->quote++; break;
	case H_PRE: st->pre++; break;
	case H_UL: case H_MENU: body_list(st, n, false); break;
	case H_OL: body_list(st, n, true); break;
	case H_LI:
		st->item = true;
		if (st->nlists > 0 && st->nlists <= BODY_MAX_LISTS)
			st->lists[st->nlists - 1].counter++;
		break;
	default:
		break;
	}
}

/* Leave element n. */
static void
body_leave(struct bstate *st, const xmlNode *n)
{
	enum htag tag = hdom_tag(n);

	if (tag == H_TR) {
		body_flush(st);
		return;
	}
	if (!hdom_is_block(n) || tag == H_TD || tag == H_TH)
		return;
	if (st->pre == 0 || tag == H_PRE)
		body_flush(st);
	switch (tag) {
	case H_BLOCKQUOTE: if (st->quote > 0) st->quote--; break;
	case H_PRE: if (st->pre > 0) st->pre--; break;
	case H_UL: case H_OL: case H_MENU:
		if (st->nlists > 0)
			st->nlists--;
		break;
	default:
		break;
	}
}

size_t
hbody_markdown(struct hpage *pg, const xmlNode *root)
{
	struct bstate st;
	const xmlNode *n;

	memset(&st, 0, sizeof st);
	st.pg = pg;
	for (n = root->children; n != NULL; ) {
		if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
			if (n->content != NULL)
				body_text(&st, (const char *)n->content);
		} else if (n->type == XML_ELEMENT_NODE) {
			body_enter(&st, n);
			if (n->children != NULL) {
				n = n->children;
				continue;
			}
			body_leave(&st, n);
		}
		while (n != root && n->next == NULL) {
			n = n->parent;
			if (n != root)
				body_leave(&st, n);
		}
		n = n != root ? n->next : NULL;
	}
	body_flush(&st);
	body_list_flush(&st);
	buf_free(&st.para);
	buf_free(&st.listblock);
	buf_free(&st.clean);
	buf_free(&st.esc);
	buf_free(&st.first);
	buf_free(&st.rest);
	buf_free(&st.out);
	return st.added;
}
