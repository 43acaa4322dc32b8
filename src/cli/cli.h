/*
 * cli.h: what the subcommands share: options every command takes, the
 * default article folder, the state file, and safe output.
 */
#ifndef BYLINE_CLI_H
#define BYLINE_CLI_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "util.h"

struct readstate;

/* Options given before the subcommand. */
struct cli {
	const char	*state;		/* --state FILE, or NULL */
	const char	*config;	/* --config FILE, or NULL */
};

/* Exit statuses: EXIT_OK, EXIT_PROBLEM, EXIT_USAGE in util.h. */

/*
 * The paths to use: argv if n > 0, else $BYLINE_ARTICLES, else the config's
 * library folder, else the data folder ($XDG_DATA_HOME/byline/articles)
 * when it exists, else ./articles. Free the result with cli_paths_free().
 */
char **cli_paths(const struct cli *cli, char **argv, size_t n, size_t *count);
void cli_paths_free(char **paths, size_t count);

/*
 * Say where byline looked for the library when no path was given, in the
 * order of cli_paths(), with what it found at each place (to f).
 */
void cli_library_lookup(const struct cli *cli, FILE *f);

/*
 * When none of paths can be read: "byline: PATH: reason" for each (and,
 * when they are the default, where byline looked) on stderr, and true.
 * False when at least one can be read (the reader reports the others).
 */
bool cli_paths_unreadable(const struct cli *cli, char *const *paths, size_t n, bool defaulted);

/* The read marks, opened from --state/$BYLINE_STATE/XDG; warnings go to stderr. */
struct readstate *cli_open_state(const struct cli *cli);

/* Write s to f as one tab-free, newline-free, control-free field. */
void cli_field(FILE *f, const char *s);

struct diag;

/* Print diagnostic d about path as one line to file (a FILE *); a library_diag_fn. */
void cli_print_diag(const char *path, const struct diag *d, void *file);

/* Print "byline: CMD: message" to stderr (sanitised). */
void cli_warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* jansson's value type (the same typedef jansson.h makes). */
typedef struct json_t json_t;

/*
 * A new JSON string holding s made safe (valid UTF-8, control characters as
 * visible placeholders), or JSON null for NULL or, when empty_null, for "".
 * Allocation failure exits (the commands make jansson allocate through xmalloc).
 */
json_t *cli_json_text(const char *s, bool empty_null);

/* Print v (a JSON value, released here) on standard output, then a newline. */
void cli_json_print(json_t *v);

/* Subcommands: argv[0] is the subcommand's name. Each returns an exit status. */
int cmd_list(const struct cli *cli, int argc, char **argv);
int cmd_check(const struct cli *cli, int argc, char **argv);
int cmd_show(const struct cli *cli, int argc, char **argv);
int cmd_mark(const struct cli *cli, int argc, char **argv);
int cmd_quotes(const struct cli *cli, int argc, char **argv);
int cmd_people(const struct cli *cli, int argc, char **argv);
int cmd_import(const struct cli *cli, int argc, char **argv);

/*
 * Check the config file (the default one when file is NULL) and print its
 * problems as path:line:col lines. Returns 1 if it has errors.
 */
int cli_check_config(const char *file);

/*
 * Is arg a help request (-h, --help)? Subcommands print their usage for it.
 */
bool cli_is_help(const char *arg);

#endif
