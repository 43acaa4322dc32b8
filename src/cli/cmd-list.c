/* cmd-list.c: "byline list" and "byline check". */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "article.h"
#include "cli.h"
#include "library.h"
#include "readstate.h"
#include "sanitize.h"

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
	fputs("usage: byline list [--json] [PATH...]\n"
	    "Print one line per article: read|unread, date, source, title, path,\n"
	    "separated by tabs, newest first. --json prints a JSON array of objects\n"
	    "{read, date, source, title, path, broken} instead.\n", f);
	return status;
}

/* Print lib as a JSON array, one object per article, with its read mark from rs. */
static void
list_json(const struct library *lib, struct readstate *rs)
{
	json_t *arr, *o;
	size_t i;

	json_set_alloc_funcs(xmalloc, free);
	arr = json_array();
	for (i = 0; i < lib->n; i++) {
		const struct lib_entry *e = &lib->v[i];

		o = json_object();
		json_object_set_new(o, "read", json_boolean(readstate_is_read(rs, e->key)));
		json_object_set_new(o, "date", cli_json_text(e->date, true));
		json_object_set_new(o, "source", cli_json_text(e->source, true));
		json_object_set_new(o, "title", cli_json_text(e->title, false));
		json_object_set_new(o, "path", cli_json_text(e->path, false));
		json_object_set_new(o, "broken", json_boolean((e->flags & ARTICLE_BROKEN) != 0));
		json_array_append_new(arr, o);
	}
	cli_json_print(arr);
}

int
cmd_list(const struct cli *cli, int argc, char **argv)
{
	struct library lib = { 0 };
	struct library_scan_opts opts = { 0 };
	struct readstate *rs;
	char **paths, **args;
	size_t npaths, i, failed, nargs = 0;
	int first = 1, k;
	bool json = false, literal = false;

	for (; first < argc; first++) {
		if (cli_is_help(argv[first]))
			return usage_list(stdout, EXIT_OK);
		if (strcmp(argv[first], "--json") == 0) {
			json = true;
			continue;
		}
		if (strcmp(argv[first], "--") == 0) {
			first++;
			literal = true;
			break;
		}
		if (argv[first][0] == '-' && argv[first][1] != '\0')
			return usage_list(stderr, EXIT_USAGE);
		break;
	}
	/* --json may also follow the paths ("byline list articles --json"), until "--" */
	args = xcalloc((size_t)argc + 1, sizeof *args);
	for (k = first; k < argc; k++) {
		if (!literal && strcmp(argv[k], "--") == 0) {
			literal = true;
			continue;
		}
		if (!literal && strcmp(argv[k], "--json") == 0) {
			json = true;
			continue;
		}
		args[nargs++] = argv[k];
	}
	paths = cli_paths(cli, args, nargs, &npaths);
	free(args);
	opts.diag = cli_print_diag;
	opts.arg = stderr;
	failed = library_scan_cached(&lib, paths, npaths, &opts);
	if (failed > 0 && nargs == 0)
		cli_library_lookup(cli, stderr);
	rs = cli_open_state(cli);
	if (json)
		list_json(&lib, rs);
	for (i = 0; !json && i < lib.n; i++) {
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
