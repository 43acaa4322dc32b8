/*
 * cmd-import.c: "byline import": plain-text articles and saved web pages
 * into the article format. The engine is src/import/ (imported.h); this is
 * the command line: options, one report line per file, the exit status.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "article.h"
#include "cli.h"
#include "imported.h"
#include "utf8.h"
#include "util.h"

/* The options of one import. */
struct import_opts {
	char		**files;	/* FILE... or "-" (argv's) */
	size_t		  nfiles;
	const char	 *output;	/* --output DIR or "-" */
	const char	 *date;
	const char	 *source;
	const char	 *url;
	bool		  force;
};

static const char import_usage[] =
    "usage: byline import [--output DIR|-] [--force] [--date YYYY-MM-DD]\n"
    "                     [--source NAME] [--url URL] FILE...|-\n"
    "Turn plain-text articles and saved web pages (HTML, told by their content;\n"
    "- reads standard input) into the article format and print each path\n"
    "written: DIR/YYYY-MM-DD-slug.md, or DIR/slug.md without a date. DIR\n"
    "defaults to \".\" and is created when missing; --output - writes to\n"
    "standard output. An existing file is replaced only with --force. --url\n"
    "says where a saved page came from, when the page does not say.\n";

/* Is s a date written exactly YYYY-MM-DD that exists? */
static bool
import_valid_date(const char *s)
{
	static const int mdays[] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	struct article_date d;
	bool leap;
	int i;

	for (i = 0; i < 10; i++)
		if (i == 4 || i == 7 ? s[i] != '-' : !ascii_isdigit((unsigned char)s[i]))
			return false;
	if (s[10] != '\0' || !article_parse_date(s, &d) || d.month < 1 || d.month > 12 ||
	    d.day < 1)
		return false;
	leap = (d.year % 4 == 0 && d.year % 100 != 0) || d.year % 400 == 0;
	return !(d.day > mdays[d.month - 1] || (d.month == 2 && d.day == 29 && !leap));
}

/*
 * Parse the import options into o (o->files points into argv).
 * Returns -1 when the command should go on, else the exit status (help
 * printed, or a usage error reported).
 */
static int
import_args(int argc, char **argv, struct import_opts *o)
{
	static const struct cli_option options[] = {
		{ "output", 'o', "a folder, or - for standard output" },
		{ "force", 'f', NULL },
		{ "date", 'd', "a date written YYYY-MM-DD" },
		{ "source", 's', "a name" },
		{ "url", 'u', "a web address" },
		{ NULL, 0, NULL },
	};
	struct cli_args args;
	int c;

	cli_args_init(&args, "import", import_usage, options, false);
	while ((c = cli_next(&args, argc, argv)) != -1) {
		switch (c) {
		case CLI_STOP:
			return args.status;
		case 'o': o->output = args.arg; break;
		case 'f': o->force = true; break;
		case 'd':
			o->date = args.arg;
			if (!import_valid_date(o->date))
				return cli_bad_value(&args, c, o->date);
			break;
		case 's': o->source = args.arg; break;
		case 'u': o->url = args.arg; break;
		}
	}
	if (args.ind >= argc)
		return cli_usage_error(&args, "which file? (- reads standard input)");
	o->files = argv + args.ind;
	o->nfiles = (size_t)(argc - args.ind);
	if (o->source != NULL && (o->source[0] == '\0' || !utf8_valid(o->source,
	    strlen(o->source))))
		return cli_usage_error(&args, "--source needs a name in UTF-8");
	if (o->url != NULL && (o->url[0] == '\0' || !utf8_valid(o->url, strlen(o->url))))
		return cli_usage_error(&args, "--url needs an address in UTF-8");
	if (o->output == NULL || o->output[0] == '\0')
		o->output = ".";
	return -1;
}

/*
 * Take the text read from file (name for messages) apart into imp: the HTML
 * importer for a page, else the plain-text one. Returns 0, or -1 after
 * reporting why.
 */
static int
import_parse(const struct import_opts *o, struct imported *imp, const char *name,
    const struct buf *raw)
{
	const char *data = raw->data != NULL ? raw->data : "";
	char *cause = NULL;
	int r;

	if (imported_is_html(data, raw->len))
		r = imported_from_html(imp, data, raw->len, o->url, &cause);
	else
		r = imported_from_text(imp, data, raw->len, &cause);
	if (r < 0) {
		if (strcmp(cause, IMPORTED_NO_TEXT) == 0)
			cli_warn("import: %s in %s", cause, name);
		else
			cli_warn("import: %s: %s", name, cause);
		free(cause);
		return -1;
	}
	if (o->date != NULL)
		imp->date = o->date;
	if (o->source != NULL)
		imp->source = o->source;
	if (imp->url == NULL && o->url != NULL)
		imp->url = imported_line(imp, o->url);
	imported_find_people(imp);
	return 0;
}

/* Write imp to standard output. Returns 0, or -1 after reporting why. */
static int
import_to_stdout(const struct imported *imp, const char *name)
{
	struct buf out = BUF_INIT;
	char *cause = NULL;
	int r = 0;

	if (imported_render(imp, &out, &cause) < 0) {
		cli_warn("import: %s: %s", name, cause);
		r = -1;
	} else if (fwrite(out.data, 1, out.len, stdout) != out.len || fflush(stdout) != 0) {
		cli_warn("import: standard output: %s", strerror(errno));
		r = -1;
	}
	free(cause);
	buf_free(&out);
	return r;
}

/* Import one file; returns 0, or -1 after reporting why. */
static int
import_one(const struct import_opts *o, const char *file)
{
	struct imported *imp = imported_new();
	struct buf raw = BUF_INIT;
	const char *name = strcmp(file, "-") == 0 ? "standard input" : file;
	char *cause = NULL, *path = NULL;
	int r = -1;

	if (imported_read(file, &raw, &cause) < 0) {
		cli_warn("import: %s: %s", name, cause);
		goto out;
	}
	if (import_parse(o, imp, name, &raw) < 0)
		goto out;
	if (strcmp(o->output, "-") == 0) {
		r = import_to_stdout(imp, name);
		goto out;
	}
	if (imported_write(imp, o->output, o->force ? IMPORTED_FORCE : 0, &path, &cause) < 0) {
		if (errno == EEXIST && !o->force)
			cli_warn("import: %s exists; --force replaces it", path);
		else
			cli_warn("import: %s: %s", name, cause);
		goto out;
	}
	cli_field(stdout, path);
	fputc('\n', stdout);
	r = fflush(stdout) == 0 ? 0 : -1;
	if (r < 0)
		cli_warn("import: standard output: %s", strerror(errno));
out:
	free(cause);
	free(path);
	buf_free(&raw);
	imported_free(imp);
	return r;
}

/* "byline import": each file in turn, none stopping the rest; returns the exit status. */
int
cmd_import(const struct cli *cli, int argc, char **argv)
{
	struct import_opts o;
	size_t i, failed = 0;
	int status;

	(void)cli;
	memset(&o, 0, sizeof o);
	if ((status = import_args(argc, argv, &o)) >= 0)
		return status;
	for (i = 0; i < o.nfiles; i++)
		if (import_one(&o, o.files[i]) < 0)
			failed++;
	return failed > 0 ? EXIT_PROBLEM : EXIT_OK;
}
