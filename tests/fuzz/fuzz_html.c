/*
 * fuzz_html.c: any bytes as a saved web page, and as an HTML fragment.
 *
 * imported_from_html() (charset, libxml2's parser, metadata, JSON-LD,
 * pruning, scoring, figures, Markdown) on the input, with a base address
 * when the input's length is odd; then the people through the analysis,
 * the rendering, and the article written read back by the article parser.
 * imported_html_fragment() on the same bytes. Beyond not crashing, it
 * checks that every field and the whole rendered file come out valid
 * UTF-8 without control characters (fuzz-common.h), that a failure says
 * why, that the rendered file's front matter parses without an error, and
 * that the fragment adds as many blocks as it says.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "article.h"
#include "imported.h"

#include "fuzz-common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* s (may be NULL) is one clean line. */
static void
fh_line(const char *s, const char *what)
{
	if (s != NULL)
		fz_check_safe(s, strlen(s), false, what);
}

/* Every field of imp is clean; the body blocks may hold newlines. */
static void
fh_check_fields(const struct imported *imp)
{
	size_t i;

	fh_line(imp->title, "title");
	fh_line(imp->subtitle, "subtitle");
	fh_line(imp->source, "source");
	fh_line(imp->url, "url");
	fh_line(imp->id, "id");
	fh_line(imp->date, "date");
	for (i = 0; i < imp->nauthors; i++)
		fh_line(imp->authors[i], "author");
	for (i = 0; i < imp->ntags; i++)
		fh_line(imp->tags[i], "tag");
	for (i = 0; i < imp->nimages; i++) {
		fh_line(imp->images[i].title, "image title");
		fh_line(imp->images[i].caption, "caption");
		fh_line(imp->images[i].credit, "credit");
		fh_line(imp->images[i].path, "image path");
	}
	for (i = 0; i < imp->npeople; i++) {
		FUZZ_CHECK(imp->people[i].name != NULL, "a person without a name");
		fh_line(imp->people[i].name, "person");
		fh_line(imp->people[i].role, "role");
	}
	for (i = 0; i < imp->nparas; i++) {
		FUZZ_CHECK(imp->paras[i] != NULL && imp->paras[i][0] != '\0', "an empty block");
		fz_check_safe(imp->paras[i], strlen(imp->paras[i]), true, "body block");
		FUZZ_CHECK(strstr(imp->paras[i], "\n\n") == NULL, "a blank line inside a block");
	}
}

/* Render imp, check the bytes and read them back as an article file. */
static void
fh_render(const struct imported *imp)
{
	struct buf out = BUF_INIT;
	struct article a;
	char *cause = NULL, *name;
	size_t i;

	if (imported_render(imp, &out, &cause) < 0) {
		FUZZ_CHECK(cause != NULL, "a failed render without a cause");
		free(cause);
		buf_free(&out);
		return;
	}
	fz_check_safe(out.data, out.len, true, "the rendered article");
	article_parse(&a, "fuzz.md", out.data, out.len, true, NULL);
	for (i = 0; i < a.diags.n; i++)
		FUZZ_CHECK(a.diags.v[i].level != DIAG_ERROR, "the rendered front matter has an error");
	FUZZ_CHECK(!(a.flags & ARTICLE_BROKEN), "the rendered article is broken");
	article_free(&a);
	name = imported_file_name(imp);
	fz_check_safe(name, strlen(name), false, "the file name");
	FUZZ_CHECK(strchr(name, '/') == NULL && name[0] != '.', "a file name that leaves its folder");
	free(name);
	buf_free(&out);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *page = fz_exact(data, size);
	struct imported *imp = imported_new();
	char *cause = NULL;
	size_t before, added;

	if (imported_from_html(imp, page, size, (size & 1) ? "https://example.org/a/b.html" :
	    NULL, &cause) == 0) {
		FUZZ_CHECK(imp->title != NULL && imp->nparas > 0, "an import without title or body");
		imported_find_people(imp);
		fh_check_fields(imp);
		fh_render(imp);
	} else {
		FUZZ_CHECK(cause != NULL, "a failed import without a cause");
		fz_check_safe(cause, strlen(cause), false, "the cause");
		free(cause);
	}
	imported_free(imp);

	imp = imported_new();
	before = imp->nparas;
	added = imported_html_fragment(imp, page, size, (size & 2) ? "http://example.org/" : NULL);
	FUZZ_CHECK(imp->nparas == before + added, "the fragment's count is wrong");
	fh_check_fields(imp);
	imported_free(imp);
	free(page);
	return 0;
}
