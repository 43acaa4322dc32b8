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
#include "reading.h"
#include "template.h"
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

static void
test_template_spans(void **state)
{
	static const struct {
		const char	*in, *out;	/* the text, and what is left of it */
	} cases[] = {
		{ "a {{ page.title }} b", "a  b" },
		{ "a {% if x %}b{% endif %} c", "a b c" },
		{ "x\n{% include figure.html src=\"a.jpg\" %}\ny\n", "x\ny\n" },
		{ "x\n  {{< figure src=\"a.jpg\" caption=\"A\" >}}  \ny", "x\ny" },
		{ "x {{% notice %}}Be careful{{% /notice %}} y", "x Be careful y" },
		{ "{% comment %}\nhidden \"quote,\" he said\n{% endcomment %}\nshown", "shown" },
		{ "{% raw %}{{ kept }}{% endraw %}", "{{ kept }}" },
		{ "{%- comment -%}x{%- endcomment -%}y", "y" },
		/* not closed, or closed only after a blank line: no tag */
		{ "a {{ b", "a {{ b" },
		{ "a {% b\n\n%} c", "a {% b\n\n%} c" },
		{ "{% comment %} never closed", " never closed" },
		{ "set {x} and {y}", "set {x} and {y}" },
	};
	size_t i, k, n, at;
	struct span *v;
	struct buf b = BUF_INIT;

	(void)state;
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		const char *in = cases[i].in;

		n = template_spans(in, strlen(in), &v);
		buf_reset(&b);
		for (k = at = 0; k < n; k++) {
			assert_true(v[k].start >= at && v[k].end > v[k].start);
			buf_add(&b, in + at, v[k].start - at);
			at = v[k].end;
		}
		buf_adds(&b, in + at);
		if (strcmp(b.data, cases[i].out) != 0)
			fail_msg("case %zu: \"%s\" gave \"%s\"", i, in, b.data);
		free(v);
	}
	buf_free(&b);
	assert_true(template_detect("x {{ y }}", 9));
	assert_false(template_detect("x {{ y", 6));
}

static void
test_templates_hidden(void **state)
{
	static const char body[] =
	    "Intro {{ site.name }} text.\n\n"
	    "{{< tweet text=\"\\\"We will never give up,\\\" the mayor said.\" >}}\n\n"
	    "{% include quote.html text='\"Nothing is decided,\" she said.' %}\n\n"
	    "\"We will build it by spring,\" Gordon Pell said on Wednesday.\n";
	struct reading r;
	struct buf text = BUF_INIT;
	const char *names[] = { "x.md", "x.txt" };
	size_t i, k;

	(void)state;
	for (i = 0; i < 2; i++) {
		buf_reset(&text);
		buf_adds(&text, "---\ntitle: T\n---\n");
		buf_adds(&text, body);
		reading_parse(&r, names[i], text.data, text.len);
		reading_layout(&r);
		reading_analyse(&r, NULL);
		/* nothing of the markup in the text the reader shows and analyses */
		assert_null(memchr(r.d.text, '{', r.d.len));
		for (k = r.d.first_body; k < r.d.end_body; k++)
			assert_null(memchr(r.d.blocks[k].text, '{', r.d.blocks[k].len));
		/* and no quotation from inside it */
		assert_int_equal(r.an->nquotes, 1);
		assert_memory_equal(r.d.text + r.an->quotes[0].inner_start, "We will build", 13);
		reading_free(&r);
	}
	buf_free(&text);
}

/* A photo's italic caption line under its image leaves the body for the caption pane. */
static void
test_body_caption_hidden(void **state)
{
	struct article a;
	struct doc d;
	char *s;

	(void)state;
	s = render("Para one.\n\n![Bridge](b.jpg)\n*The footbridge on Wednesday. Photo: M. L.*\n\n"
	    "Para two.\n", &d, &a);
	assert_string_equal(s, "Para one.|[image: Bridge]|Para two.");
	assert_int_equal(a.nimages, 1);
	assert_string_equal(a.images[0].caption, "The footbridge on Wednesday.");
	assert_string_equal(a.images[0].credit, "M. L.");
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
		cmocka_unit_test(test_template_spans),
		cmocka_unit_test(test_templates_hidden),
		cmocka_unit_test(test_body_caption_hidden),
	};

	return cmocka_run_group_tests_name("markdown", tests, NULL, NULL);
}
