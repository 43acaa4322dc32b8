/* test_text.c: UTF-8, the sanitiser, wrapping and the lazy layout. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "article.h"
#include "doc.h"
#include "para.h"
#include "sanitize.h"
#include "utf8.h"
#include "util.h"
#include "wrap.h"

static char *
clean(const char *s, int flags)
{
	struct buf b = BUF_INIT;

	sanitize_append(&b, s, strlen(s), flags);
	return buf_detach(&b);
}

static void
assert_clean(const char *in, int flags, const char *want)
{
	char *got = clean(in, flags);

	assert_string_equal(got, want);
	free(got);
}

static void
test_utf8(void **state)
{
	int32_t cp;

	(void)state;
	assert_int_equal(utf8_decode("\xc3\xa9", 2, &cp), 2);
	assert_int_equal(cp, 0xe9);
	assert_int_equal(utf8_decode("\xe6\x9e\x97", 3, &cp), 3);
	assert_int_equal(cp, 0x6797);
	/* overlong, surrogate, too big, truncated */
	utf8_decode("\xc0\xaf", 2, &cp);
	assert_int_equal(cp, UTF8_INVALID);
	assert_int_equal(utf8_decode("\xed\xa0\x80", 3, &cp), 1);
	assert_int_equal(cp, UTF8_INVALID);
	utf8_decode("\xf4\x90\x80\x80", 4, &cp);
	assert_int_equal(cp, UTF8_INVALID);
	assert_int_equal(utf8_decode("\xe6\x9e", 2, &cp), 2);
	assert_int_equal(cp, UTF8_INVALID);
	assert_true(utf8_valid("caf\xc3\xa9", 5));
	assert_false(utf8_valid("caf\xc3", 4));
	assert_int_equal(utf8_cut("ab\xc3\xa9", 4, 3), 2);
}

static void
test_placeholders(void **state)
{
	(void)state;
	assert_clean("a\x1b[2Jb", 0, "a^[[2Jb");
	assert_clean("bell\a", 0, "bell^G");
	assert_clean("del\x7f", 0, "del^?");
	assert_clean("c1 \xc2\x9b", 0, "c1 <U+009B>");
	assert_clean("raw c1 \x9b", 0, "raw c1 \xef\xbf\xbd");
	assert_clean("bidi \xe2\x80\xae", 0, "bidi <U+202E>");
	assert_clean("nul\0", 0, "nul");
	assert_clean("osc \x1b]52;c;aGk=\a", 0, "osc ^[]52;c;aGk=^G");
	assert_clean("tab\there\nline", 0, "tab here line");
	assert_clean("tab\there\nline", SAN_KEEP_LINES, "tab\there\nline");
	assert_clean("a  \t b", SAN_FOLD_SPACE, "a b");
	assert_clean("\xcc\x81lone mark", 0, "\xe2\x97\x8c\xcc\x81lone mark");
	assert_clean("cr\r\nlf", 0, "cr lf");
	assert_clean("lone\rcr", 0, "lone^Mcr");
}

static void
test_no_control_bytes_survive(void **state)
{
	char in[512], *out;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof in - 1; i++)
		in[i] = (char)(i % 255 + 1);
	in[sizeof in - 1] = '\0';
	out = clean(in, 0);
	for (i = 0; out[i] != '\0'; i++) {
		unsigned char c = (unsigned char)out[i];

		assert_false(c < 0x20 || c == 0x7f);
	}
	assert_true(utf8_valid(out, strlen(out)));
	/* no C1 control either, as a code point */
	assert_null(strstr(out, "\xc2\x9b"));
	free(out);
}

static void
test_widths(void **state)
{
	(void)state;
	assert_int_equal(sanitize_width("abc", 3), 3);
	assert_int_equal(sanitize_width("\xe6\x9e\x97\xe8\xaa\x9e", 6), 4);	/* CJK */
	assert_int_equal(sanitize_width("e\xcc\x81", 3), 1);			/* combining */
	/* a family emoji (ZWJ sequence) is one cluster, two columns */
	assert_int_equal(sanitize_width("\xf0\x9f\x91\xa9\xe2\x80\x8d\xf0\x9f\x91\xa7", 11), 2);
	assert_int_equal(sanitize_width("\x1b", 1), 2);				/* ^[ */
	assert_int_equal(wrap_width("a\tb", 3), 9);				/* tab stop 8 */
}

/* Wrap s at width and return the lines joined by '|'. */
static char *
wrapped(const char *s, int width)
{
	struct wline *lines = NULL;
	size_t n = 0, cap = 0, i;
	struct buf b = BUF_INIT;

	wrap_text(s, strlen(s), width, false, &lines, &n, &cap);
	for (i = 0; i < n; i++) {
		if (i > 0)
			buf_addc(&b, '|');
		buf_add(&b, s + lines[i].start, lines[i].end - lines[i].start);
	}
	free(lines);
	return buf_detach(&b);
}

static void
assert_wrap(const char *s, int width, const char *want)
{
	char *got = wrapped(s, width);

	assert_string_equal(got, want);
	free(got);
}

static void
test_wrap(void **state)
{
	(void)state;
	assert_wrap("the quick brown fox", 9, "the quick|brown fox");
	assert_wrap("the quick brown fox", 10, "the quick|brown fox");
	assert_wrap("  lead and trail  ", 20, "lead and trail");
	assert_wrap("one\ntwo three", 8, "one\ntwo|three");
	assert_wrap("abcdefghij", 4, "abcd|efgh|ij");
	assert_wrap("a verylongwordhere b", 6, "a|verylo|ngword|here b");
	/* CJK: two columns each, lines break between characters */
	assert_wrap("\xe6\x9e\x97\xe8\xaa\x9e\xe8\x90\xb1", 4, "\xe6\x9e\x97\xe8\xaa\x9e|\xe8\x90\xb1");
	/* a combining mark stays with its letter */
	assert_wrap("abe\xcc\x81 cd", 3, "abe\xcc\x81|cd");
	assert_wrap("", 10, "");
	assert_wrap("x", 1, "x");
	/* a wide character on a one-column line still goes somewhere */
	assert_wrap("\xe6\x9e\x97\xe6\x9e\x97", 1, "\xe6\x9e\x97|\xe6\x9e\x97");
}

static void
test_paragraphs(void **state)
{
	struct span *p;
	const char *t = "\n\none\nline two\n  \t\r\nthree  \n\n\n";
	size_t n = para_split(t, strlen(t), &p);

	(void)state;
	assert_int_equal(n, 2);
	assert_int_equal(p[0].start, 2);
	assert_memory_equal(t + p[0].start, "one\nline two", p[0].end - p[0].start);
	assert_memory_equal(t + p[1].start, "three", p[1].end - p[1].start);
	free(p);
}

static void
test_layout(void **state)
{
	struct article a;
	struct doc d;
	struct layout *L;
	struct lpos pos, last;
	const struct wline *l;
	size_t moved, rows = 0;
	const char *text = "---\ntitle: Title\nsource: Src\ndate: 2020-01-02\n---\n"
	    "para one is here\n\npara two words\n\nthree\n";

	(void)state;
	article_parse(&a, "t.md", text, strlen(text), true, NULL);
	doc_build(&d, &a);
	assert_int_equal(d.nblocks, 5);		/* title, meta, three paragraphs */
	assert_int_equal(d.first_body, 2);
	L = layout_new(&d, 10);
	pos = layout_first(L);
	l = layout_line_at(L, pos);
	assert_memory_equal(d.blocks[0].text + l->start, "Title", 5);
	/* title and meta have no blank row between them; paragraphs do */
	assert_int_equal(layout_rows(L, 0), 1);
	assert_int_equal(layout_rows(L, 1), 3);	/* "Src Â·", "2020-01-02", gap */
	assert_int_equal(layout_rows(L, 2), 3);	/* "para one", "is here", gap */
	last = layout_last(L);
	assert_int_equal(last.block, 4);
	/* walk to the end one row at a time */
	while ((moved = layout_move(L, &pos, 1)) == 1)
		rows++;
	assert_int_equal(lpos_cmp(pos, last), 0);
	assert_int_equal(rows, 1 + 3 + 3 + 3 + 1 - 1);
	/* and back */
	assert_int_equal(layout_move(L, &pos, -100), rows);
	assert_int_equal(lpos_cmp(pos, layout_first(L)), 0);
	/* body offsets map to rows, whatever the width */
	pos = layout_pos_of_body(L, (size_t)(strstr(a.body, "words") - a.body));
	assert_int_equal(pos.block, 3);
	assert_int_equal(pos.row, 1);
	layout_set_width(L, 80);
	pos = layout_pos_of_body(L, (size_t)(strstr(a.body, "words") - a.body));
	assert_int_equal(pos.row, 0);
	assert_int_equal(doc_block_at(&d, 0), 2);
	assert_int_equal(doc_block_at(&d, d.len), 4);
	layout_free(L);
	doc_free(&d);
	article_free(&a);
}

static void
test_arena(void **state)
{
	struct arena *ar = arena_new();
	char *big, *s;
	int i;

	(void)state;
	for (i = 0; i < 10000; i++) {
		s = arena_strdup(ar, "hello");
		assert_string_equal(s, "hello");
	}
	big = arena_alloc(ar, 1 << 20);
	memset(big, 'x', 1 << 20);
	arena_reset(ar);
	s = arena_strndup(ar, "abcdef", 3);
	assert_string_equal(s, "abc");
	arena_free(ar);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_utf8),
		cmocka_unit_test(test_placeholders),
		cmocka_unit_test(test_no_control_bytes_survive),
		cmocka_unit_test(test_widths),
		cmocka_unit_test(test_wrap),
		cmocka_unit_test(test_paragraphs),
		cmocka_unit_test(test_layout),
		cmocka_unit_test(test_arena),
	};

	return cmocka_run_group_tests_name("text", tests, NULL, NULL);
}
