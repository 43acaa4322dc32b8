/* cmd-list.c: "byline list" and "byline check". */
#include <stdio.h>
#include <string.h>

#include "article.h"
#include "cli.h"
#include "library.h"
#include "readstate.h"

/* Count errors as they are printed. */
struct check_counts {
	size_t	errors;
	size_t	warnings;
};

static void
check_diag(const char *path, const struct diag *d, void *arg)
{
	struct check_counts *c = arg;

	if (d->level == DIAG_ERROR)
		c->errors++;
	else
		c->warnings++;
	cli_print_diag(path, d, stdout);
}

static int
usage_list(FILE *f, int status)
{
	fputs("usage: byline list [PATH...]\n"
	    "Print one line per article: read|unread, date, source, title, path,\n"
	    "separated by tabs, newest first.\n", f);
	return status;
}

int
cmd_list(const struct cli *cli, int argc, char **argv)
{
	struct library lib = { 0 };
	struct library_scan_opts opts = { 0 };
	struct readstate *rs;
	char **paths;
	size_t npaths, i, failed;
	int first = 1;

	if (argc > 1 && cli_is_help(argv[1]))
		return usage_list(stdout, EXIT_OK);
	if (argc > 1 && strcmp(argv[1], "--") == 0)
		first = 2;
	else if (argc > 1 && argv[1][0] == '-' && argv[1][1] != '\0')
		return usage_list(stderr, EXIT_USAGE);
	paths = cli_paths(cli, argv + first, (size_t)(argc - first), &npaths);
	opts.diag = cli_print_diag;
	opts.arg = stderr;
	failed = library_scan(&lib, paths, npaths, &opts);
	library_sort(&lib);
	rs = cli_open_state(cli);
	for (i = 0; i < lib.n; i++) {
		const struct lib_entry *e = &lib.v[i];

		fputs(readstate_is_read(rs, e->key) ? "read\t" : "unread\t", stdout);
		fputs(e->date, stdout);
		fputc('\t', stdout);
		cli_field(stdout, e->source);
		fputc('\t', stdout);
		cli_field(stdout, e->title);
		fputc('\t', stdout);
		cli_field(stdout, e->path);
		fputc('\n', stdout);
	}
	readstate_close(rs);
	library_free(&lib);
	cli_paths_free(paths, npaths);
	return failed > 0 ? EXIT_PROBLEM : EXIT_OK;
}

static int
usage_check(FILE *f, int status)
{
	fputs("usage: byline check [PATH...]\n"
	    "       byline check --config [FILE]\n"
	    "Read every article in full and print its problems as\n"
	    "path:line:col: error|warning: message. Exits 1 if there is an error.\n"
	    "With --config, check the config file instead.\n", f);
	return status;
}

int
cmd_check(const struct cli *cli, int argc, char **argv)
{
	struct library lib = { 0 };
	struct library_scan_opts opts = { 0 };
	struct check_counts counts = { 0, 0 };
	char **paths;
	size_t npaths, failed;
	int first = 1;

	if (argc > 1 && cli_is_help(argv[1]))
		return usage_check(stdout, EXIT_OK);
	if (argc > 1 && strcmp(argv[1], "--config") == 0)
		return cli_check_config(argc > 2 ? argv[2] : cli->config);
	if (argc > 1 && strcmp(argv[1], "--") == 0)
		first = 2;
	else if (argc > 1 && argv[1][0] == '-' && argv[1][1] != '\0')
		return usage_check(stderr, EXIT_USAGE);
	paths = cli_paths(cli, argv + first, (size_t)(argc - first), &npaths);
	opts.diag = check_diag;
	opts.arg = &counts;
	opts.warnings = true;
	opts.full = true;
	failed = library_scan(&lib, paths, npaths, &opts);
	library_free(&lib);
	cli_paths_free(paths, npaths);
	return counts.errors > 0 || failed > 0 ? EXIT_PROBLEM : EXIT_OK;
}
