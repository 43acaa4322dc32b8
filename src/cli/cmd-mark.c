/* cmd-mark.c: "byline mark-read" and "byline mark-unread". */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "article.h"
#include "cli.h"
#include "library.h"
#include "readstate.h"

static const char mark_read_usage[] =
    "usage: byline mark-read PATH...\n"
    "Mark the articles at PATH (files or folders) read.\n";
static const char mark_unread_usage[] =
    "usage: byline mark-unread PATH...\n"
    "Mark the articles at PATH (files or folders) unread.\n";

int
cmd_mark(const struct cli *cli, int argc, char **argv)
{
	struct library lib = { 0 };
	struct library_scan_opts opts = { 0 };
	struct readstate *rs;
	const char **keys;
	char *cause = NULL;
	bool read = strcmp(argv[0], "mark-read") == 0;
	struct cli_args args;
	size_t failed, i;
	int first, c, status = EXIT_OK;

	cli_args_init(&args, argv[0], read ? mark_read_usage : mark_unread_usage, NULL, false);
	while ((c = cli_next(&args, argc, argv)) != -1)
		if (c == CLI_STOP)
			return args.status;
	first = args.ind;
	if (first >= argc)
		return cli_usage_error(&args, "which articles?");
	opts.diag = cli_print_diag;
	opts.arg = stderr;
	failed = library_scan(&lib, argv + first, (size_t)(argc - first), &opts);
	for (i = 0; i < lib.n; i++)
		if (lib.v[i].flags & ARTICLE_BROKEN)
			cli_warn("%s: cannot be read; marked by its file name", lib.v[i].path);
	if (failed > 0) {
		cli_warn("%zu path(s) could not be read", failed);
		status = EXIT_PROBLEM;
	}
	keys = xcalloc(lib.n + 1, sizeof *keys);
	for (i = 0; i < lib.n; i++)
		keys[i] = lib.v[i].key;
	rs = cli_open_state(cli);
	if (lib.n > 0 && readstate_set_read(rs, keys, lib.n, read, &cause) < 0) {
		cli_warn("could not save read marks: %s", cause);
		free(cause);
		status = EXIT_PROBLEM;
	}
	readstate_close(rs);
	free(keys);
	library_free(&lib);
	return status;
}
