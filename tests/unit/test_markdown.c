/* test_markdown.c: when a body counts as Markdown, and what rendering makes of it. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "article.h"
#include "doc.h"
#include "markdown.h"
#include "util.h"

static void
test_detect(void **state)
{
	static const char *const yes[] = {
		"**bold**", "a _word_ b", "`code`", "[a](b)", "see [1][2]", "x &amp; y",
		"<b>x</b>", "# h", "- item", "1. item", "    code", "a\\*b", "~~del~~", "> q",
	};
	static const char *const no[] = {
		"Halden & Sons", "a [sic] b", "5 * 3", "snake_case", "x < y", "a ~ b",
		"plain text.", "2 > 1", "\"Quoted,\" she said [...] later.",
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof yes / sizeof yes[0]; i++)
		if (!markdown_detect(yes[i], strlen(yes[i])))
			fail_msg("not taken for Markdown: %s", yes[i]);
	for (i = 0; i < sizeof no / sizeof no[0]; i++)
		if (markdown_detect(no[i], strlen(no[i])))
			fail_msg("taken for Markdown: %s", no[i]);
}

/* The doc of a .md article with this body, its body blocks joined by '|'. */
static char *
render(const char *body, struct doc *d, struct article *a)
{
	struct buf b = BUF_INIT, text = BUF_INIT;
	size_t i;

	buf_adds(&text, "---\ntitle: T\n---\n");
	buf_adds(&text, body);
	article_parse(a, "x.md", text.data, text.len, true, NULL);
	buf_free(&text);
	doc_build(d, a);
	for (i = d->first_body; i < d->end_body; i++) {
		if (i > d->first_body)
			buf_addc(&b, '|');
		buf_add(&b, d->blocks[i].text, d->blocks[i].len);
	}
	return buf_detach(&b);
}

static void
test_render(void **state)
{
	struct article a;
	struct doc d;
	char *s;

	(void)state;
	s = render("## Head\n\nSome *em* and **strong** [link](http://x/y).\n\n"
	    "- one\n- two\n\n> quoted\n\n```\n  code  here\n```\n", &d, &a);
	assert_string_equal(s, "Head|Some em and strong link[1].|\xe2\x80\xa2 one|"
	    "\xe2\x80\xa2 two|quoted|  code  here");
	assert_int_equal(d.blocks[d.first_body].kind, BLOCK_HEADING);
	assert_int_equal(d.blocks[d.first_body + 4].kind, BLOCK_QUOTE);
	assert_int_equal(d.blocks[d.first_body + 5].kind, BLOCK_CODE);
	/* em, strong and the link are style runs over the rendered text */
	assert_int_equal(d.nstyles, 3);
	assert_memory_equal(d.text + d.styles[0].start, "em", 2);
	assert_int_equal(d.styles[0].kind, DSTYLE_EM);
	/* the link's address after the body, numbered */
	assert_string_equal(d.blocks[d.nblocks - 1].text, "[1] http://x/y");
	/* code is not analysed as prose */
	assert_int_equal(d.nparas, 5);
	free(s);
	doc_free(&d);
	article_free(&a);
}

static void
test_plain_stays_plain(void **state)
{
	struct article a;
	struct doc d;
	char *s;

	(void)state;
	s = render("\"Ours is a defensive alliance,\" Blinken said.\n\nSecond [sic] & more.\n",
	    &d, &a);
	assert_null(d.owned);		/* no copy: the body itself */
	assert_ptr_equal(d.text, a.body);
	assert_string_equal(s, "\"Ours is a defensive alliance,\" Blinken said.|Second [sic] & more.");
	free(s);
	doc_free(&d);
	article_free(&a);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_detect),
		cmocka_unit_test(test_render),
		cmocka_unit_test(test_plain_stays_plain),
	};

	return cmocka_run_group_tests_name("markdown", tests, NULL, NULL);
}
