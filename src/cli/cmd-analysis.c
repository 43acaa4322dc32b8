/* cmd-analysis.c: "byline quotes" and "byline people": what the analysis finds. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "analysis.h"
#include "article.h"
#include "cli.h"
#include "reading.h"
#include "sanitize.h"

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
	{ NULL, 0, NULL },
};

static const struct cli_option people_options[] = {
	{ "json", 'j', NULL },
	{ NULL, 0, NULL },
};

/*
 * Parse "CMD [--all] [--json] FILE" (all NULL: no --all, the people
 * options); returns the file, or NULL after printing the usage or a usage
 * error (*status says how to exit).
 */
static const char *
one_file(int argc, char **argv, const char *usage, bool *all, bool *json, int *status)
{
	struct cli_args args;
	int c;

	cli_args_init(&args, argv[0], usage, all != NULL ? quotes_options : people_options,
	    false);
	while ((c = cli_next(&args, argc, argv)) != -1) {
		if (c == CLI_STOP) {
			*status = args.status;
			return NULL;
		}
		if (c == 'a')
			*all = true;
		else
			*json = true;
	}
	*status = EXIT_USAGE;
	if (args.ind >= argc)
		cli_usage_error(&args, "which file?");
	else if (argc - args.ind > 1)
		cli_usage_error(&args, "one file at a time");
	else
		return argv[args.ind];
	return NULL;
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

int
cmd_quotes(const struct cli *cli, int argc, char **argv)
{
	static const char usage[] = "usage: byline quotes [--all] [--json] FILE\n"
	    "Print each quotation: speaker, a tab, the quote (speaker empty when unknown).\n"
	    "--all also prints fragments (quotes of fewer than three words), with a third\n"
	    "column saying \"full\" or \"fragment\". --json prints a JSON array of\n"
	    "{speaker, text, fragment, how, paragraph} (paragraphs counted from 1).\n";
	struct reading x;
	struct buf text = BUF_INIT;
	const char *file;
	bool all = false, json = false;
	size_t i;
	int status;

	(void)cli;
	if ((file = one_file(argc, argv, usage, &all, &json, &status)) == NULL)
		return status;
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
	static const char usage[] = "usage: byline people [--json] FILE\n"
	    "Print each person mentioned, most mentioned first:\n"
	    "name, role, mentions, quotes, separated by tabs.\n"
	    "--json prints a JSON array of {name, role, mentions, quotes}.\n";
	struct reading x;
	struct an_person *sorted;
	const char *file;
	size_t i;
	int status;
	bool json = false;

	(void)cli;
	if ((file = one_file(argc, argv, usage, NULL, &json, &status)) == NULL)
		return status;
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
