/* cmd-show.c: "byline show": an article as plain text, for pipes and golden tests. */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "article.h"
#include "cli.h"
#include "doc.h"
#include "reading.h"
#include "sanitize.h"
#include "wrap.h"

static int
usage_show(FILE *f, int status)
{
	fputs("usage: byline show [--width N] FILE\n"
	    "Print the article as plain text: title, source and date, the body,\n"
	    "update notes and photo captions. With --width, wrap lines at N columns.\n", f);
	return status;
}

/* Print every row of layout L, indented, sanitised. */
static void
print_layout(struct layout *L, const struct doc *d, struct buf *out)
{
	struct lpos pos = layout_first(L), last = layout_last(L);

	if (d->nblocks == 0)
		return;
	for (;;) {
		const struct wline *l = layout_line_at(L, pos);

		if (l != NULL) {
			const struct block *b = &d->blocks[pos.block];
			int i, ind = layout_indent(L, pos.block);

			for (i = 0; i < ind; i++)
				buf_addc(out, ' ');
			sanitize_append(out, b->text + l->start, l->end - l->start,
			    b->kind == BLOCK_CODE ? 0 : SAN_FOLD_SPACE);
		}
		buf_addc(out, '\n');
		if (lpos_cmp(pos, last) >= 0 || layout_move(L, &pos, 1) == 0)
			break;
	}
}

/* Print text wrapped at width (0: as one line), as "byline show" does. */
static void
print_wrapped(struct buf *out, const char *text, int width)
{
	struct wline *lines = NULL;
	size_t n = 0, cap = 0, i;

	wrap_text(text, strlen(text), width > 0 ? width : INT_MAX / 2, false, &lines, &n, &cap);
	for (i = 0; i < n; i++) {
		sanitize_append(out, text + lines[i].start, lines[i].end - lines[i].start,
		    SAN_FOLD_SPACE);
		buf_addc(out, '\n');
	}
	free(lines);
}

static void
print_images(const struct article *a, int width, struct buf *out)
{
	size_t i;

	for (i = 0; i < a->nimages; i++) {
		const struct article_image *im = &a->images[i];
		char *head;

		buf_addc(out, '\n');
		if (a->nimages > 1)
			head = xasprintf("Photo %zu/%zu%s%s", i + 1, a->nimages,
			    im->title != NULL ? ": " : "", im->title != NULL ? im->title : "");
		else
			head = xasprintf("Photo%s%s", im->title != NULL ? ": " : "",
			    im->title != NULL ? im->title : "");
		print_wrapped(out, head, width);
		free(head);
		if (im->caption != NULL)
			print_wrapped(out, im->caption, width);
		if (im->credit != NULL) {
			char *c = xasprintf("Credit: %s", im->credit);

			print_wrapped(out, c, width);
			free(c);
		}
	}
}

int
cmd_show(const struct cli *cli, int argc, char **argv)
{
	struct reading r;
	struct layout *L;
	struct buf out = BUF_INIT;
	const char *file = NULL;
	int i, width = 0;
	size_t k;
	bool ok;

	(void)cli;
	for (i = 1; i < argc; i++) {
		if (cli_is_help(argv[i]))
			return usage_show(stdout, EXIT_OK);
		if ((strcmp(argv[i], "--width") == 0 && i + 1 < argc) ||
		    strncmp(argv[i], "--width=", 8) == 0) {
			const char *v = argv[i][7] == '=' ? argv[i] + 8 : argv[++i];
			char *end;
			long n = strtol(v, &end, 10);

			if (end == v || *end != '\0' || n < 1 || n > 100000)
				return usage_show(stderr, EXIT_USAGE);
			width = (int)n;
		} else if (argv[i][0] == '-' && argv[i][1] != '\0') {
			return usage_show(stderr, EXIT_USAGE);
		} else if (file == NULL) {
			file = argv[i];
		} else {
			return usage_show(stderr, EXIT_USAGE);
		}
	}
	if (file == NULL || width < 0)
		return usage_show(stderr, EXIT_USAGE);
	ok = reading_load(&r, file, ARTICLE_LOAD_FULL, NULL);
	for (k = 0; k < r.a.diags.n; k++)
		if (r.a.diags.v[k].level == DIAG_ERROR)
			cli_print_diag(r.a.path, &r.a.diags.v[k], stderr);
	if (!ok) {
		reading_free(&r);
		return EXIT_PROBLEM;
	}
	reading_layout(&r);
	L = layout_new(&r.d, width > 0 ? width : INT_MAX / 2);
	print_layout(L, &r.d, &out);
	print_images(&r.a, width, &out);
	cli_write(stdout, out.data, out.len);
	buf_free(&out);
	layout_free(L);
	reading_free(&r);
	return EXIT_OK;
}
