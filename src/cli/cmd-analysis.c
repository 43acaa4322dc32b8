/* cmd-analysis.c: "byline quotes" and "byline people": what the analysis finds. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <jansson.h>

#include "analysis.h"
#include "anlib.h"
#include "article.h"
#include "cache.h"
#include "cli.h"
#include "library.h"
#include "reading.h"
#include "sanitize.h"
#include "who.h"

/* Load and analyse file into x; false (after printing why) when it cannot be read. */
static bool
analyse_file(struct reading *x, const char *file)
{
	size_t k;
	bool ok = reading_open(x, file, NULL);

	for (k = 0; k < x->a.diags.n; k++)
		if (x->a.diags.v[k].level == DIAG_ERROR)
			cli_print_diag(x->a.path, &x->a.diags.v[k], stderr);
	if (!ok)
		reading_free(x);
	return ok;
}

static const struct cli_option quotes_options[] = {
	{ "json", 'j', NULL },
	{ "all", 'a', NULL },
	{ "by", 'b', "a name" },
	{ NULL, 0, NULL },
};

static const struct cli_option people_options[] = {
	{ "json", 'j', NULL },
	{ NULL, 0, NULL },
};

/* What "quotes" and "people" are asked. */
struct an_args {
	bool		 all, json;
	const char	*by;		/* quotes --by NAME, or NULL */
	char		**paths;	/* the operands */
	size_t		 npaths;
	bool		 library;	/* several articles: folders, several files, --by */
};

/*
 * Parse "CMD [--all] [--json] [--by NAME] PATH..." (quotes) or "CMD
 * [--json] PATH..." (people) into x. Returns -1 to go on, else the exit
 * status after printing the usage or a usage error.
 */
static int
parse_args(int argc, char **argv, const char *usage, bool quotes, struct an_args *x)
{
	struct cli_args args;
	struct stat st;
	int c;

	memset(x, 0, sizeof *x);
	cli_args_init(&args, argv[0], usage, quotes ? quotes_options : people_options, false);
	while ((c = cli_next(&args, argc, argv)) != -1) {
		if (c == CLI_STOP)
			return args.status;
		if (c == 'a')
			x->all = true;
		else if (c == 'b')
			x->by = args.arg;
		else
			x->json = true;
	}
	if (args.ind >= argc)
		return cli_usage_error(&args, "which file or folder?");
	x->paths = argv + args.ind;
	x->npaths = (size_t)(argc - args.ind);
	x->library = x->by != NULL || x->npaths > 1 ||
	    (stat(x->paths[0], &st) == 0 && S_ISDIR(st.st_mode));
	if (x->library && x->all)
		return cli_usage_error(&args, "--all is for one FILE (fragments are not kept "
		    "for a library)");
	if (x->by != NULL && x->by[0] == '\0')
		return cli_usage_error(&args, "--by needs a name");
	return -1;
}

/* Print the quotes of x as a JSON array; fragments only with all. */
static void
quotes_json(const struct reading *x, bool all)
{
	struct buf text = BUF_INIT;
	json_t *arr, *o;
	size_t i;

	json_set_alloc_funcs(xmalloc, free);
	arr = json_array();
	for (i = 0; i < x->an->nquotes; i++) {
		const struct an_quote *q = &x->an->quotes[i];

		if (q->fragment && !all)
			continue;
		buf_reset(&text);
		analysis_quote_text(&x->in, q, &text);
		o = json_object();
		json_object_set_new(o, "speaker",
		    cli_json_text(q->speaker >= 0 ? x->an->people[q->speaker].name : NULL, false));
		json_object_set_new(o, "text", cli_json_text(text.data != NULL ? text.data : "", false));
		json_object_set_new(o, "fragment", json_boolean(q->fragment));
		json_object_set_new(o, "how", cli_json_text(an_how_name(q->how), false));
		json_object_set_new(o, "paragraph", json_integer((json_int_t)q->para + 1));
		json_array_append_new(arr, o);
	}
	buf_free(&text);
	cli_json_print(arr);
}

/* ---- several articles: the library's analysis ---- */

/* A library analysed for "quotes" and "people". */
struct an_lib {
	struct library	 lib;
	struct anlib	*an;
	size_t		*rows;		/* every entry: 0..n-1, the library's order */
	size_t		 failed;	/* paths that could not be read */
};

/* Wait for the analysis, saying how far it is on a terminal once it takes a while. */
static void
wait_analysis(struct anlib *an)
{
	int64_t t0 = clock_ms();
	bool tty = isatty(STDERR_FILENO), shown = false;

	while (!anlib_wait(an, 200)) {
		if (!tty || clock_ms() - t0 < 500)
			continue;
		fprintf(stderr, "\rbyline: analysing the articles: %zu of %zu", anlib_done(an),
		    anlib_todo(an));
		shown = true;
	}
	if (shown)
		fprintf(stderr, "\r%60s\r", "");
	anlib_finish(an);
}

/* Read the library under x's paths into L; its analysis cache goes to *cache. */
static void
lib_scan(const struct an_args *x, struct an_lib *L, struct dgcache **cache)
{
	struct library_scan_opts opts = { 0 };
	char *cpath;
	size_t i;

	memset(L, 0, sizeof *L);
	opts.diag = cli_print_diag;
	opts.arg = stderr;
	L->failed = library_scan_cached(&L->lib, x->paths, x->npaths, &opts);
	cpath = dgcache_path(x->paths, x->npaths);
	*cache = dgcache_load(cpath, digest_engine());
	free(cpath);
	L->rows = xcalloc(L->lib.n + 1, sizeof *L->rows);
	for (i = 0; i < L->lib.n; i++)
		L->rows[i] = i;
}

/*
 * Analyse every article of L the analysis cache does not hold (on every
 * core). texts: the quotations' texts are wanted.
 */
static void
lib_analyse(bool texts, struct an_lib *L, struct dgcache *cache)
{
	L->an = anlib_new(L->lib.v, L->lib.n, cache);
	if (texts)
		anlib_texts(L->an);	/* texts that cannot be read: analysed again */
	anlib_start(L->an, 0, -1);
	wait_analysis(L->an);
}

/* Save the analysis cache of L (all: the people of all of it, or NULL). */
static void
lib_save(const struct an_args *x, struct an_lib *L, const struct who *all)
{
	char *cpath = dgcache_path(x->paths, x->npaths), *ipath = cache_path(x->paths, x->npaths);
	uint64_t count, isum = 0;

	cache_sum(ipath, &count, &isum);
	anlib_save(L->an, cpath, all, isum);
	free(cpath);
	free(ipath);
}

/* lib_scan(), lib_analyse() and lib_save(). */
static void
lib_open(const struct an_args *x, bool texts, struct an_lib *L)
{
	struct dgcache *cache;

	lib_scan(x, L, &cache);
	lib_analyse(texts, L, cache);
	lib_save(x, L, NULL);
}

/* Release L; returns the exit status its reading deserves. */
static int
lib_close(struct an_lib *L)
{
	int status = L->failed > 0 ? EXIT_PROBLEM : EXIT_OK;

	anlib_free(L->an);
	library_free(&L->lib);
	free(L->rows);
	return status;
}

/* "people" over several articles: one line per person, most quoted first. */
static int
people_library(const struct an_args *x)
{
	struct an_lib L;
	struct dgcache *cache;
	struct who *w;
	json_t *arr = NULL, *o;
	size_t i;

	lib_scan(x, &L, &cache);
	/* nothing changed since the cache was saved: its people are the answer */
	w = anlib_summary(cache, anlib_fingerprint(L.lib.v, L.lib.n));
	if (w == NULL) {
		lib_analyse(false, &L, cache);
		cache = NULL;	/* the analysis has it */
		w = anlib_who(L.an, L.rows, L.lib.n);
		who_sort(w, WHO_BY_QUOTES);
		lib_save(x, &L, w);	/* with these people, made once */
	}
	if (x->json) {
		json_set_alloc_funcs(xmalloc, free);
		arr = json_array();
	}
	for (i = 0; i < w->n; i++) {
		const struct who_person *p = &w->v[i];

		if (x->json) {
			o = json_object();
			json_object_set_new(o, "name", cli_json_text(p->name, false));
			json_object_set_new(o, "role", cli_json_text(p->role, false));
			json_object_set_new(o, "articles", json_integer((json_int_t)p->narticles));
			json_object_set_new(o, "mentions", json_integer((json_int_t)p->nmentions));
			json_object_set_new(o, "quotes", json_integer((json_int_t)p->nquotes));
			json_array_append_new(arr, o);
			continue;
		}
		cli_field(stdout, p->name);
		fputc('\t', stdout);
		cli_field(stdout, p->role != NULL ? p->role : "");
		printf("\t%u\t%u\t%u\n", p->narticles, p->nmentions, p->nquotes);
	}
	if (x->json)
		cli_json_print(arr);
	who_free(w);
	dgcache_free(cache);
	return lib_close(&L);
}

/*
 * The one person of w that name fits, or SIZE_MAX after saying why not
 * (*status: 1 for nobody, 2 for several, whom it lists).
 */
static size_t
one_person(const struct who *w, const char *name, int *status)
{
	size_t *m, n = who_match(w, name, &m), i, p = SIZE_MAX;

	if (n == 1) {
		p = m[0];
	} else if (n == 0) {
		cli_warn("quotes: no one named \"%s\" in these articles", name);
		*status = EXIT_PROBLEM;
	} else {
		cli_warn("quotes: \"%s\" fits %zu people; say which:", name, n);
		for (i = 0; i < n; i++) {
			const struct who_person *wp = &w->v[m[i]];

			fputs("  ", stderr);
			cli_field(stderr, wp->name);
			if (wp->role != NULL) {
				fputs(", ", stderr);
				cli_field(stderr, wp->role);
			}
			fprintf(stderr, " (%u article%s)\n", wp->narticles, wp->narticles == 1 ? "" : "s");
		}
		*status = EXIT_USAGE;
	}
	free(m);
	return p;
}

/* Print quotations qs of L: date, speaker, quote, path; or a JSON array. */
static void
print_quotes(const struct an_lib *L, const struct anlib_quote *qs, size_t n, bool json)
{
	json_t *arr = NULL, *o;
	size_t i;

	if (json) {
		json_set_alloc_funcs(xmalloc, free);
		arr = json_array();
	}
	for (i = 0; i < n; i++) {
		const struct lib_entry *e = &L->lib.v[L->rows[qs[i].row]];

		if (json) {
			o = json_object();
			json_object_set_new(o, "date", cli_json_text(e->date, true));
			json_object_set_new(o, "speaker", cli_json_text(qs[i].speaker, false));
			json_object_set_new(o, "text", cli_json_text(qs[i].text, false));
			json_object_set_new(o, "path", cli_json_text(e->path, false));
			json_object_set_new(o, "title", cli_json_text(e->title, false));
			json_object_set_new(o, "source", cli_json_text(e->source, true));
			json_array_append_new(arr, o);
			continue;
		}
		fputs(e->date, stdout);
		fputc('\t', stdout);
		cli_field(stdout, qs[i].speaker != NULL ? qs[i].speaker : "");
		fputc('\t', stdout);
		cli_field(stdout, qs[i].text);
		fputc('\t', stdout);
		cli_field(stdout, e->path);
		fputc('\n', stdout);
	}
	if (json)
		cli_json_print(arr);
}

/* "quotes" over several articles, or by one person: newest first. */
static int
quotes_library(const struct an_args *x)
{
	struct an_lib L;
	struct who *w = NULL;
	struct anlib_quote *qs = NULL;
	size_t n = 0, p = 0;
	int status = -1;

	lib_open(x, true, &L);
	if (x->by != NULL) {
		w = anlib_who(L.an, L.rows, L.lib.n);
		p = one_person(w, x->by, &status);
	}
	if (status < 0) {
		n = anlib_quotes(L.an, L.rows, L.lib.n, w, p, &qs);
		print_quotes(&L, qs, n, x->json);
	}
	free(qs);
	who_free(w);
	if (status < 0)
		return lib_close(&L);
	lib_close(&L);
	return status;
}

int
cmd_quotes(const struct cli *cli, int argc, char **argv)
{
	static const char usage[] = "usage: byline quotes [--all] [--json] FILE\n"
	    "       byline quotes [--by NAME] [--json] PATH...\n"
	    "Print each quotation: speaker, a tab, the quote (speaker empty when unknown).\n"
	    "--all also prints fragments (quotes of fewer than three words), with a third\n"
	    "column saying \"full\" or \"fragment\". --json prints a JSON array of\n"
	    "{speaker, text, fragment, how, paragraph} (paragraphs counted from 1).\n"
	    "With folders or several files, every quotation in them, newest first:\n"
	    "date, speaker, quote, path; --by NAME only those of one person (a full\n"
	    "name, a surname or an alias; a name that fits several people lists them\n"
	    "and exits 2). --json then prints {date, speaker, text, path, title, source}.\n";
	struct an_args args;
	struct reading x;
	struct buf text = BUF_INIT;
	const char *file;
	bool all, json;
	size_t i;
	int status;

	(void)cli;
	if ((status = parse_args(argc, argv, usage, true, &args)) >= 0)
		return status;
	if (args.library)
		return quotes_library(&args);
	file = args.paths[0];
	all = args.all;
	json = args.json;
	if (!analyse_file(&x, file))
		return EXIT_PROBLEM;
	if (json)
		quotes_json(&x, all);
	for (i = 0; !json && i < x.an->nquotes; i++) {
		const struct an_quote *q = &x.an->quotes[i];

		if (q->fragment && !all)
			continue;
		if (q->speaker >= 0)
			cli_field(stdout, x.an->people[q->speaker].name);
		fputc('\t', stdout);
		buf_reset(&text);
		analysis_quote_text(&x.in, q, &text);
		cli_field(stdout, text.data != NULL ? text.data : "");
		if (all)
			fputs(q->fragment ? "\tfragment" : "\tfull", stdout);
		fputc('\n', stdout);
	}
	buf_free(&text);
	reading_free(&x);
	return EXIT_OK;
}

static int
cmp_people(const void *pa, const void *pb)
{
	const struct an_person *a = pa, *b = pb;

	if (a->nmentions != b->nmentions)
		return a->nmentions > b->nmentions ? -1 : 1;
	if (a->nquotes != b->nquotes)
		return a->nquotes > b->nquotes ? -1 : 1;
	return strcmp(a->name, b->name);
}

int
cmd_people(const struct cli *cli, int argc, char **argv)
{
	static const char usage[] = "usage: byline people [--json] PATH...\n"
	    "Print each person one FILE mentions, most mentioned first:\n"
	    "name, role, mentions, quotes, separated by tabs.\n"
	    "--json prints a JSON array of {name, role, mentions, quotes}.\n"
	    "With folders or several files, one line per person across them, most\n"
	    "quoted first: name, role, articles, mentions, quotes (in JSON\n"
	    "{name, role, articles, mentions, quotes}).\n";
	struct an_args args;
	struct reading x;
	struct an_person *sorted;
	const char *file;
	size_t i;
	int status;
	bool json;

	(void)cli;
	if ((status = parse_args(argc, argv, usage, false, &args)) >= 0)
		return status;
	if (args.library)
		return people_library(&args);
	file = args.paths[0];
	json = args.json;
	if (!analyse_file(&x, file))
		return EXIT_PROBLEM;
	sorted = xcalloc(x.an->npeople + 1, sizeof *sorted);
	if (x.an->npeople > 0)
		memcpy(sorted, x.an->people, x.an->npeople * sizeof *sorted);
	qsort(sorted, x.an->npeople, sizeof *sorted, cmp_people);
	if (json) {
		json_t *arr, *o;

		json_set_alloc_funcs(xmalloc, free);
		arr = json_array();
		for (i = 0; i < x.an->npeople; i++) {
			o = json_object();
			json_object_set_new(o, "name", cli_json_text(sorted[i].name, false));
			json_object_set_new(o, "role", cli_json_text(sorted[i].role, false));
			json_object_set_new(o, "mentions", json_integer((json_int_t)sorted[i].nmentions));
			json_object_set_new(o, "quotes", json_integer((json_int_t)sorted[i].nquotes));
			json_array_append_new(arr, o);
		}
		cli_json_print(arr);
	}
	for (i = 0; !json && i < x.an->npeople; i++) {
		cli_field(stdout, sorted[i].name);
		fputc('\t', stdout);
		cli_field(stdout, sorted[i].role != NULL ? sorted[i].role : "");
		printf("\t%zu\t%zu\n", sorted[i].nmentions, sorted[i].nquotes);
	}
	free(sorted);
	reading_free(&x);
	return EXIT_OK;
}
