/*
 * cmd-fetch.c: "byline fetch": the subscriptions (or the URLs given)
 * downloaded into the library, and --add / --remove to edit the
 * subscriptions file. The work is fetch_run()'s (fetch.h); this file reads
 * the options, shows progress on a terminal, and reports.
 */
#include <errno.h>
#include <jansson.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "fetch.h"
#include "sanitize.h"
#include "subs.h"
#include "util.h"

static const char fetch_usage[] =
    "usage: byline fetch [--into DIR] [--full] [--quiet] [--json] [--timeout SECONDS]\n"
    "                    [URL...]\n"
    "       byline fetch --add URL [TAG...]\n"
    "       byline fetch --remove URL\n"
    "Download the subscribed feeds (or the URLs given: feeds or web pages) and write\n"
    "each new story as an article in DIR/SOURCE/YYYY-MM-DD-TITLE.md. DIR defaults to\n"
    "the library folder the reader opens. --full also downloads each story's page.\n"
    "Subscriptions: $XDG_CONFIG_HOME/byline/feeds, one URL a line, tags after it\n"
    "(!full: always download the pages; ~Name: the source's name).\n";

/* What the command line asked for. */
struct fetch_args {
	const char	 *into;
	const char	 *add;
	const char	 *remove;
	bool		  full, quiet, json;
	long		  timeout;
	char		**rest;		/* URLs, or the tags of --add */
	size_t		  nrest;
	const char	 *why;		/* why a URL is refused */
};

/* Set by SIGINT: the run stops, keeping what it wrote. */
static volatile sig_atomic_t fetch_interrupted;

static void
fetch_on_sigint(int sig)
{
	(void)sig;
	fetch_interrupted = 1;
	signal(SIGINT, SIG_DFL);	/* a second ^C ends it at once */
}

/*
 * Read the options into a (cli_args: getopt_long). Returns -1 when the
 * command goes on, else the exit status (help printed, or a usage error
 * reported).
 */
static int
fetch_args(int argc, char **argv, struct fetch_args *a)
{
	static const struct cli_option options[] = {
		{ "into", 'o', "a folder" },
		{ "full", 'f', NULL },
		{ "quiet", 'q', NULL },
		{ "json", 'j', NULL },
		{ "add", 'a', "a feed's URL" },
		{ "remove", 'r', "a feed's URL" },
		{ "timeout", 't', "a number of seconds from 1 to 86400" },
		{ NULL, 0, NULL },
	};
	struct cli_args args;
	char *end;
	int c;

	memset(a, 0, sizeof *a);
	cli_args_init(&args, "fetch", fetch_usage, options, false);
	while ((c = cli_next(&args, argc, argv)) != -1) {
		switch (c) {
		case CLI_STOP:
			return args.status;
		case 'o': a->into = args.arg; break;
		case 'f': a->full = true; break;
		case 'q': a->quiet = true; break;
		case 'j': a->json = true; break;
		case 'a': a->add = args.arg; break;
		case 'r': a->remove = args.arg; break;
		case 't':
			errno = 0;
			a->timeout = strtol(args.arg, &end, 10);
			if (errno != 0 || *end != '\0' || a->timeout < 1 || a->timeout > 86400)
				return cli_bad_value(&args, c, args.arg);
			break;
		}
	}
	a->rest = argv + args.ind;
	a->nrest = (size_t)(argc - args.ind);
	if (a->add != NULL && a->remove != NULL)
		return cli_usage_error(&args, "--add and --remove go one at a time");
	if (a->remove != NULL && a->nrest > 0)
		return cli_usage_error(&args, "--remove takes one URL, not %s too", a->rest[0]);
	if (a->add != NULL && !subs_url_ok(a->add, &a->why))
		return cli_usage_error(&args, "--add %s: %s", a->add, a->why);
	for (c = 0; a->add == NULL && (size_t)c < a->nrest; c++)
		if (!subs_url_ok(a->rest[c], &a->why))
			return cli_usage_error(&args, "%s: %s", a->rest[c], a->why);
	return -1;
}

/* "byline fetch --add URL [TAG...]" and "--remove URL": edit the subscriptions. */
static int
fetch_edit(const struct fetch_args *a)
{
	char *path = subs_default_path(), *cause = NULL;
	const char *url = a->add != NULL ? a->add : a->remove;
	int r;

	if (path == NULL) {
		cli_warn("fetch: no subscriptions file: neither XDG_CONFIG_HOME nor HOME is set");
		return EXIT_PROBLEM;
	}
	r = a->add != NULL ? subs_add(path, url, a->rest, a->nrest, &cause) :
	    subs_remove(path, url, &cause);
	if (r < 0)
		cli_warn("fetch: %s", cause);
	else if (r == 0 && a->remove != NULL)
		cli_warn("fetch: %s is not subscribed (%s)", url, path);
	else if (!a->quiet) {
		printf("%s: ", r == 0 ? "already subscribed" : a->add != NULL ? "subscribed" :
		    "unsubscribed");
		cli_field(stdout, url);
		fputc('\n', stdout);
	}
	free(cause);
	free(path);
	return r < 0 || (r == 0 && a->remove != NULL) ? EXIT_PROBLEM : EXIT_OK;
}

/* The progress line on a terminal (fetch_opts.progress). */
static void
fetch_show_progress(const struct fetch_progress *p, void *arg)
{
	struct buf b = BUF_INIT;

	(void)arg;
	buf_adds(&b, "\r\033[K");
	if (p->waiting != NULL) {
		buf_adds(&b, "waiting for another byline fetch into ");
		sanitize_appends(&b, p->waiting, 0);
	} else {
		buf_printf(&b, "fetching: %zu/%zu feeds, %zu new", p->done, p->total, p->nnew);
	}
	fwrite(b.data, 1, b.len, stderr);
	fflush(stderr);
	buf_free(&b);
}

/* fetch_opts.cancelled: after a ^C. */
static bool
fetch_check_interrupt(void *arg)
{
	(void)arg;
	return fetch_interrupted != 0;
}

/* Print "URL: error: message" (or warning) to stderr, sanitised. */
static void
fetch_problem(const char *url, const char *level, const char *msg)
{
	struct buf b = BUF_INIT;

	sanitize_appends(&b, url, 0);
	buf_printf(&b, ": %s: ", level);
	sanitize_appends(&b, msg, 0);
	buf_addc(&b, '\n');
	fflush(stdout);
	fwrite(b.data, 1, b.len, stderr);
	buf_free(&b);
}

/* The problems of each source, on stderr. */
static void
fetch_print_problems(const struct fetch_report *rep)
{
	size_t i;

	for (i = 0; i < rep->n; i++) {
		const struct fetch_result *r = &rep->v[i];

		if (r->error != NULL)
			fetch_problem(r->url, "error", r->error);
		if (r->nwarnings > 0) {
			char *m = xasprintf("%zu of its stories' pages could not be downloaded or "
			    "read; the feed's text stands in", r->nwarnings);

			fetch_problem(r->url, "warning", m);
			free(m);
		}
	}
}

/* "12 new articles from 30 feeds (2 failed)" on stdout. */
static void
fetch_print_summary(const struct fetch_report *rep)
{
	printf("%zu new article%s", rep->nnew, rep->nnew == 1 ? "" : "s");
	if (rep->nupdated > 0)
		printf(", %zu updated,", rep->nupdated);
	printf(" from %zu feed%s", rep->n, rep->n == 1 ? "" : "s");
	if (rep->nfailed > 0)
		printf(" (%zu failed)", rep->nfailed);
	if (rep->cancelled)
		printf(" (interrupted)");
	putchar('\n');
}

/* The report as JSON on stdout. */
static void
fetch_print_json(const struct fetch_report *rep)
{
	static const char *const status[] = {
		"ok", "unchanged", "failed", "deferred", "cancelled",
	};
	json_t *o = json_object(), *feeds = json_array(), *files = json_array();
	size_t i;

	json_set_alloc_funcs(xmalloc, free);
	for (i = 0; i < rep->n; i++) {
		const struct fetch_result *r = &rep->v[i];
		json_t *f = json_object();

		json_object_set_new(f, "url", cli_json_text(r->url, false));
		json_object_set_new(f, "status", json_string(status[r->status]));
		json_object_set_new(f, "new", json_integer((json_int_t)r->nnew));
		json_object_set_new(f, "updated", json_integer((json_int_t)r->nupdated));
		json_object_set_new(f, "error", cli_json_text(r->error, true));
		json_object_set_new(f, "retry_after", r->retry_after > 0 ?
		    json_integer((json_int_t)r->retry_after) : json_null());
		json_array_append_new(feeds, f);
	}
	for (i = 0; i < rep->npaths; i++)
		json_array_append_new(files, cli_json_text(rep->paths[i], false));
	json_object_set_new(o, "dir", cli_json_text(rep->dir, false));
	json_object_set_new(o, "new", json_integer((json_int_t)rep->nnew));
	json_object_set_new(o, "updated", json_integer((json_int_t)rep->nupdated));
	json_object_set_new(o, "failed", json_integer((json_int_t)rep->nfailed));
	json_object_set_new(o, "interrupted", json_boolean(rep->cancelled));
	json_object_set_new(o, "feeds", feeds);
	json_object_set_new(o, "files", files);
	cli_json_print(o);
}

/*
 * The sources to fetch: the URLs given, else the subscriptions (their
 * problems printed). Returns how many in *src (the caller frees the array
 * and subs_free()s s).
 */
static long
fetch_sources(const struct fetch_args *a, struct subs *s, struct fetch_src **src)
{
	char *path, *cause = NULL;
	size_t i;

	*src = NULL;
	if (a->nrest > 0) {
		*src = xcalloc(a->nrest, sizeof **src);
		for (i = 0; i < a->nrest; i++) {
			(*src)[i].url = a->rest[i];
			(*src)[i].full = a->full;
		}
		return (long)a->nrest;
	}
	if ((path = subs_default_path()) == NULL)
		return 0;
	if (subs_load(s, path, &cause) < 0) {
		cli_warn("fetch: %s", cause);
		free(cause);
	}
	for (i = 0; i < s->diags.n; i++)
		cli_print_diag(path, &s->diags.v[i], stderr);
	free(path);
	*src = xcalloc(s->n > 0 ? s->n : 1, sizeof **src);
	for (i = 0; i < s->n; i++) {
		(*src)[i].url = s->v[i].url;
		(*src)[i].full = s->v[i].full || a->full;
		(*src)[i].name = s->v[i].name;
	}
	return (long)s->n;
}

/* Run the fetch of the n sources src as a asked; returns the exit status. */
static int
fetch_go(const struct cli *cli, const struct fetch_args *a, const struct fetch_src *src,
    size_t n)
{
	struct fetch_opts o;
	struct fetch_report rep;
	char *dir = NULL, *cause = NULL;
	bool tty = !a->quiet && !a->json && isatty(STDERR_FILENO);
	int status;

	memset(&o, 0, sizeof o);
	if (a->into == NULL && (dir = fetch_library_dir(cli->config, NULL)) == NULL) {
		cli_warn("fetch: no library folder: give --into DIR (HOME is not set)");
		return EXIT_PROBLEM;
	}
	o.dir = a->into != NULL ? a->into : dir;
	o.timeout = a->timeout;
	o.full = a->full;
	o.people = true;
	o.progress = tty ? fetch_show_progress : NULL;
	o.cancelled = fetch_check_interrupt;
	signal(SIGINT, fetch_on_sigint);
	if (fetch_run(&o, src, n, &rep, &cause) < 0) {
		if (tty)
			fputs("\r\033[K", stderr);
		cli_warn("fetch: %s", cause);
		free(cause);
		fetch_report_free(&rep);
		free(dir);
		return EXIT_PROBLEM;
	}
	signal(SIGINT, SIG_DFL);
	if (tty)
		fputs("\r\033[K", stderr);
	fetch_print_problems(&rep);
	if (a->json)
		fetch_print_json(&rep);
	else if (!a->quiet)
		fetch_print_summary(&rep);
	status = rep.nfailed > 0 || rep.cancelled ? EXIT_PROBLEM : EXIT_OK;
	if (fflush(stdout) != 0 || ferror(stdout)) {
		cli_warn("fetch: standard output: %s", strerror(errno));
		status = EXIT_PROBLEM;
	}
	fetch_report_free(&rep);
	free(dir);
	return status;
}

int
cmd_fetch(const struct cli *cli, int argc, char **argv)
{
	struct fetch_args a;
	struct subs s;
	struct fetch_src *src;
	long n;
	int status;

	if ((status = fetch_args(argc, argv, &a)) >= 0)
		return status;
	if (a.add != NULL || a.remove != NULL)
		return fetch_edit(&a);
	memset(&s, 0, sizeof s);
	if ((n = fetch_sources(&a, &s, &src)) == 0) {
		cli_warn("fetch: nothing to fetch: no subscriptions yet (byline fetch --add URL "
		    "subscribes to a feed)");
		status = EXIT_PROBLEM;
	} else {
		status = fetch_go(cli, &a, src, (size_t)n);
	}
	free(src);
	subs_free(&s);
	return status;
}
