/* cmd-mark.c: "byline mark-read" and "byline mark-unread". */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "article.h"
#include "cli.h"
#include "library.h"
#include "readstate.h"

int
cmd_mark(const struct cli *cli, int argc, char **argv)
{
	struct library lib = { 0 };
	struct library_scan_opts opts = { 0 };
	struct readstate *rs;
	const char **keys;
	char *cause = NULL;
	bool read = strcmp(argv[0], "mark-read") == 0;
	size_t failed, i;
	int first = 1, status = EXIT_OK;

	if (argc > 1 && cli_is_help(argv[1])) {
		printf("usage: byline %s PATH...\n"
		    "Mark the articles at PATH (files or folders) %s.\n", argv[0],
		    read ? "read" : "unread");
		return EXIT_OK;
	}
	if (argc > 1 && strcmp(argv[1], "--") == 0)
		first = 2;
	else if (argc > 1 && argv[1][0] == '-' && argv[1][1] != '\0')
		argc = 0;
	if (argc <= first) {
		fprintf(stderr, "usage: byline %s PATH...\n", argc == 0 ? "mark-read|mark-unread" :
		    argv[0]);
		return EXIT_USAGE;
	}
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
