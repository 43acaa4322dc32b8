/* cmd-show.c: "byline show": an article as plain text, for pipes and golden tests. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "article.h"
#include "cli.h"
#include "doc.h"
#include "reading.h"
#include "show.h"

static int
usage_show(FILE *f, int status)
{
	fputs("usage: byline show [--width N] FILE\n"
	    "Print the article as plain text: title, source and date, the body,\n"
	    "update notes and photo captions. With --width, wrap lines at N columns.\n", f);
	return status;
}

int
cmd_show(const struct cli *cli, int argc, char **argv)
{
	struct reading r;
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
	show_text(&r.d, &r.a, width, &out);
	if (out.len > 0)
		fwrite(out.data, 1, out.len, stdout);
	buf_free(&out);
	reading_free(&r);
	return EXIT_OK;
}
