/* cmd-show.c: "byline show": an article as plain text, for pipes and golden tests. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "article.h"
#include "cli.h"
#include "doc.h"
#include "reading.h"
#include "show.h"

static const char show_usage[] =
    "usage: byline show [--width N] FILE\n"
    "Print the article as plain text: title, source and date, the body,\n"
    "update notes and photo captions. With --width, wrap lines at N columns\n"
    "(20 to 1000).\n";

static const struct cli_option show_options[] = {
	{ "width", 'w', "a number from 20 to 1000" },
	{ NULL, 0, NULL },
};

int
cmd_show(const struct cli *cli, int argc, char **argv)
{
	struct reading r;
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
	show_text(&r.d, &r.a, (int)width, &out);
	cli_write(stdout, out.data, out.len);
	buf_free(&out);
	reading_free(&r);
	return EXIT_OK;
}
