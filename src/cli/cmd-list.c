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

static const char list_usage[] =
    "usage: byline list [--json] [PATH...]\n"
    "Print one line per article: read|unread, date, source, title, path,\n"
    "separated by tabs, newest first. --json prints a JSON array of objects\n"
    "{read, date, source, title, path, broken} instead.\n";

static const struct cli_option json_option[] = {
	{ "json", 'j', NULL },
	{ NULL, 0, NULL },
};

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
	struct cli_args args;
	char **paths;
	size_t npaths, i, failed;
	int c;
	bool json = false;

	cli_args_init(&args, "list", list_usage, json_option, false);
	while ((c = cli_next(&args, argc, argv)) != -1) {
		if (c == CLI_STOP)
			return args.status;
		json = true;
	}
	paths = cli_paths(cli, argv + args.ind, (size_t)(argc - args.ind), &npaths);
	opts.diag = cli_print_diag;
	opts.arg = stderr;
	failed = library_scan_cached(&lib, paths, npaths, &opts);
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

static const char check_usage[] =
    "usage: byline check [PATH...]\n"
    "       byline check --config [FILE]\n"
    "Read every article in full and print its problems as\n"
    "path:line:col: error|warning: message. Exits 1 if there is an error.\n"
    "With --config, check the config file instead.\n";

static const struct cli_option check_options[] = {
	{ "config", 'c', NULL },
	{ NULL, 0, NULL },
};

int
cmd_check(const struct cli *cli, int argc, char **argv)
{
	struct library lib = { 0 };
	struct library_scan_opts opts = { 0 };
	struct check_counts counts = { 0, 0 };
	struct cli_args args;
	char **paths;
	size_t npaths, failed;
	bool config = false;
	int c;

	cli_args_init(&args, "check", check_usage, check_options, false);
	while ((c = cli_next(&args, argc, argv)) != -1) {
		if (c == CLI_STOP)
			return args.status;
		config = true;
	}
	if (config && argc - args.ind > 1)
		return cli_usage_error(&args, "--config checks one file");
	if (config)
		return cli_check_config(args.ind < argc ? argv[args.ind] : cli->config);
	paths = cli_paths(cli, argv + args.ind, (size_t)(argc - args.ind), &npaths);
	opts.diag = check_diag;
	opts.arg = &counts;
	opts.warnings = true;
	opts.full = true;
	failed = library_scan(&lib, paths, npaths, &opts);
	library_free(&lib);
	cli_paths_free(paths, npaths);
	return counts.errors > 0 || failed > 0 ? EXIT_PROBLEM : EXIT_OK;
}
