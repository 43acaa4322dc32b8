/* main.c: options common to every command, and dispatch to the subcommands. */
#include <locale.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "cli.h"
#include "ui.h"
#include "util.h"

struct command {
	const char	*name;
	int		(*fn)(const struct cli *, int, char **);
	const char	*summary;
};

static const struct command commands[] = {
	{ "list",	 cmd_list,	"list articles: read|unread, date, source, title, path" },
	{ "check",	 cmd_check,	"report problems in article files as file:line:col" },
	{ "show",	 cmd_show,	"print an article as plain text" },
	{ "quotes",	 cmd_quotes,	"print an article's quotations and who said them" },
	{ "people",	 cmd_people,	"print the people an article mentions" },
	{ "mark-read",	 cmd_mark,	"mark articles read" },
	{ "mark-unread", cmd_mark,	"mark articles unread" },
	{ "import",	 cmd_import,	"turn a plain-text article into the article format" },
	{ "fetch",	 cmd_fetch,	"download subscribed feeds and pages into the library" },
};

static const char usage_text[] =
    "usage: byline [--state FILE] [--config FILE] [PATH...]\n"
    "       byline [--state FILE] [--config FILE] COMMAND [ARGS...]\n"
    "\n"
    "With no command, open the reader on PATH (files or folders; default\n"
    "$BYLINE_ARTICLES, else ~/.local/share/byline/articles, else ./articles).\n";

enum { OPT_KEYS = 256, OPT_VERSION, OPT_STATE, OPT_CONFIG, OPT_PEOPLE };

static const struct cli_option main_options[] = {
	{ "keys",	OPT_KEYS,	NULL },
	{ "version",	OPT_VERSION,	NULL },
	{ "state",	OPT_STATE,	"a file" },
	{ "config",	OPT_CONFIG,	"a file" },
	{ "people",	OPT_PEOPLE,	NULL },
	{ NULL, 0, NULL },
};

/*
 * Print what follows the usage in "byline --help": the commands and the
 * options. Returns EXIT_OK when f is stdout, else EXIT_USAGE.
 */
static int
commands_help(FILE *f)
{
	size_t i;

	fputs("\nCommands:\n", f);
	for (i = 0; i < sizeof commands / sizeof commands[0]; i++)
		fprintf(f, "  %-12s %s\n", commands[i].name, commands[i].summary);
	fputs("\n"
	    "Options:\n"
	    "  --state FILE  keep read marks in FILE (default $BYLINE_STATE,\n"
	    "                else $XDG_STATE_HOME/byline/read)\n"
	    "  --config FILE read settings from FILE (default\n"
	    "                $XDG_CONFIG_HOME/byline/config.yaml)\n"
	    "  -h, --help    show this help; COMMAND --help shows a command's\n"
	    "  --keys        list the reader's keys (as the ? screen shows them)\n"
	    "  --people      open the reader on People (everyone quoted or named)\n"
	    "  --version     show the version\n"
	    "\n"
	    "See byline(1) for the keys and the article format.\n", f);
	return f == stdout ? EXIT_OK : EXIT_USAGE;
}

/* A usage error of byline's own: the short usage, then the commands. */
static int
usage_error(const struct cli_args *args, const char *fmt, const char *arg)
{
	cli_usage_error(args, fmt, arg);
	return commands_help(stderr);
}

/* Did the reader run (it writes to the terminal through curses, not stdout's stream)? */
static bool ran_reader;

/* Everything but the end: the options, then the command or the reader. Returns the status. */
static int
run(int argc, char **argv)
{
	struct cli cli = { NULL, NULL };
	struct cli_args args;
	bool keys = false, people = false;
	int i, c;
	size_t k;

	/* byline | head -1 must end quietly, not by SIGPIPE half-way through a line */
	signal(SIGPIPE, SIG_IGN);
	/* a file size limit makes a save fail with a message, not kill byline */
	signal(SIGXFSZ, SIG_IGN);
	setlocale(LC_ALL, "");
	cli_args_init(&args, NULL, usage_text, main_options, true);
	while ((c = cli_next(&args, argc, argv)) != -1) {
		switch (c) {
		case CLI_STOP:
			if (args.status == EXIT_OK)
				return commands_help(stdout);
			return args.status;
		case OPT_KEYS:
			keys = true;
			break;
		case OPT_VERSION:
			printf("byline %s\n", BYLINE_VERSION);
			return EXIT_OK;
		case OPT_STATE:
			cli.state = args.arg;
			break;
		case OPT_CONFIG:
			cli.config = args.arg;
			break;
		case OPT_PEOPLE:
			people = true;
			break;
		}
	}
	i = args.ind;
	if (keys) {
		ui_print_keys(cli.config, stdout);
		return EXIT_OK;
	}
	if (i < argc)
		for (k = 0; k < sizeof commands / sizeof commands[0]; k++)
			if (strcmp(argv[i], commands[k].name) == 0)
				return commands[k].fn(&cli, argc - i, argv + i);
	if (i < argc && argv[i][0] != '.' && argv[i][0] != '/' && strchr(argv[i], '/') == NULL &&
	    strchr(argv[i], '.') == NULL) {
		/* a bare word that is no command and no file: a mistyped command */
		struct stat st;

		if (stat(argv[i], &st) < 0)
			return usage_error(&args, "unknown command '%s'", argv[i]);
	}
	{
		struct ui_options uo = { cli.state, cli.config, people };
		char **paths;
		size_t n;
		int status;

		paths = cli_paths(&cli, argv + i, (size_t)(argc - i), &n);
		/* a library that is not there is not an empty one: say so, and where */
		if (cli_paths_unreadable(&cli, paths, n, i == argc)) {
			cli_paths_free(paths, n);
			return EXIT_PROBLEM;
		}
		ran_reader = true;
		status = ui_main(&uo, paths, n);
		cli_paths_free(paths, n);
		return status;
	}
}

int
main(int argc, char **argv)
{
	int status = run(argc, argv);

	/* what was printed must have reached its file: a full disk is an error */
	return ran_reader ? status : cli_close_stdout(status);
}
