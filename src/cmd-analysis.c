/* cmd-analysis.c: "byline quotes" and "byline people": what the analysis finds. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analysis.h"
#include "article.h"
#include "cli.h"
#include "doc.h"

/* An article loaded, laid out in blocks and analysed. */
struct analysed {
	struct article		 a;
	struct doc		 d;
	struct an_input		 in;
	struct an_person_in	*people;
	struct an_image_in	*images;
	struct analysis		*an;
};

/* Load and analyse file; false (after printing why) when it cannot be read. */
static bool
analyse_file(struct analysed *x, const char *file)
{
	size_t k;

	article_load(&x->a, file, ARTICLE_LOAD_FULL, NULL);
	for (k = 0; k < x->a.diags.n; k++)
		if (x->a.diags.v[k].level == DIAG_ERROR)
			cli_print_diag(x->a.path, &x->a.diags.v[k], stderr);
	if ((x->a.flags & ARTICLE_BROKEN) && x->a.body_len == 0) {
		article_free(&x->a);
		return false;
	}
	doc_build(&x->d, &x->a);
	doc_analysis_input(&x->d, &x->a, &x->in, &x->people, &x->images);
	x->an = analysis_run(&x->in);
	return true;
}

static void
analysed_free(struct analysed *x)
{
	analysis_free(x->an);
	free(x->people);
	free(x->images);
	doc_free(&x->d);
	article_free(&x->a);
}

/* Parse "CMD [--all] FILE"; returns the file or NULL after printing usage. */
static const char *
one_file(int argc, char **argv, const char *usage, bool *all, int *status)
{
	const char *file = NULL;
	int i;

	*status = EXIT_USAGE;
	for (i = 1; i < argc; i++) {
		if (cli_is_help(argv[i])) {
			fputs(usage, stdout);
			*status = EXIT_OK;
			return NULL;
		}
		if (all != NULL && strcmp(argv[i], "--all") == 0)
			*all = true;
		else if (argv[i][0] == '-' && argv[i][1] != '\0')
			file = NULL, i = argc;
		else if (file == NULL)
			file = argv[i];
		else
			file = NULL, i = argc;
	}
	if (file == NULL)
		fputs(usage, stderr);
	return file;
}

int
cmd_quotes(const struct cli *cli, int argc, char **argv)
{
	static const char usage[] = "usage: byline quotes [--all] FILE\n"
	    "Print each quotation: speaker, a tab, the quote (speaker empty when unknown).\n"
	    "--all also prints fragments (quotes of fewer than three words), with a third\n"
	    "column saying \"full\" or \"fragment\".\n";
	struct analysed x;
	struct buf text = BUF_INIT;
	const char *file;
	bool all = false;
	size_t i;
	int status;

	(void)cli;
	if ((file = one_file(argc, argv, usage, &all, &status)) == NULL)
		return status;
	if (!analyse_file(&x, file))
		return EXIT_PROBLEM;
	for (i = 0; i < x.an->nquotes; i++) {
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
	analysed_free(&x);
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
	static const char usage[] = "usage: byline people FILE\n"
	    "Print each person mentioned, most mentioned first:\n"
	    "name, role, mentions, quotes, separated by tabs.\n";
	struct analysed x;
	struct an_person *sorted;
	const char *file;
	size_t i;
	int status;

	(void)cli;
	if ((file = one_file(argc, argv, usage, NULL, &status)) == NULL)
		return status;
	if (!analyse_file(&x, file))
		return EXIT_PROBLEM;
	sorted = xcalloc(x.an->npeople + 1, sizeof *sorted);
	if (x.an->npeople > 0)
		memcpy(sorted, x.an->people, x.an->npeople * sizeof *sorted);
	qsort(sorted, x.an->npeople, sizeof *sorted, cmp_people);
	for (i = 0; i < x.an->npeople; i++) {
		cli_field(stdout, sorted[i].name);
		fputc('\t', stdout);
		cli_field(stdout, sorted[i].role != NULL ? sorted[i].role : "");
		printf("\t%zu\t%zu\n", sorted[i].nmentions, sorted[i].nquotes);
	}
	free(sorted);
	analysed_free(&x);
	return EXIT_OK;
}
