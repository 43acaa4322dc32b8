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

static const char show_usage[] =
    "usage: byline show [--width N] FILE\n"
    "Print the article as plain text: title, source and date, the body,\n"
    "update notes and photo captions. With --width, wrap lines at N columns\n"
    "(20 to 1000).\n";

static const struct cli_option show_options[] = {
	{ "width", 'w', "a number from 20 to 1000" },
	{ NULL, 0, NULL },
};

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
	struct cli_args args;
	const char *file;
	long width = 0;
	size_t k;
	int c;
	bool ok;

	(void)cli;
	cli_args_init(&args, "show", show_usage, show_options, false);
	while ((c = cli_next(&args, argc, argv)) != -1) {
		if (c == CLI_STOP)
			return args.status;
		if (c == 'w' && !cli_number(args.arg, 20, 1000, &width))
			return cli_bad_value(&args, c, args.arg);
	}
	if (args.ind >= argc)
		return cli_usage_error(&args, "which file?");
	if (argc - args.ind > 1)
		return cli_usage_error(&args, "one file at a time");
	file = argv[args.ind];
	ok = reading_load(&r, file, ARTICLE_LOAD_FULL, NULL);
	for (k = 0; k < r.a.diags.n; k++)
		if (r.a.diags.v[k].level == DIAG_ERROR)
			cli_print_diag(r.a.path, &r.a.diags.v[k], stderr);
	if (!ok) {
		reading_free(&r);
		return EXIT_PROBLEM;
	}
	reading_layout(&r);
	L = layout_new(&r.d, width > 0 ? (int)width : INT_MAX / 2);
	print_layout(L, &r.d, &out);
	print_images(&r.a, (int)width, &out);
	cli_write(stdout, out.data, out.len);
	buf_free(&out);
	layout_free(L);
	reading_free(&r);
	return EXIT_OK;
}
