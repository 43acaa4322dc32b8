/*
 * cli.h: what the subcommands share: options every command takes, the
 * default article folder, the state file, and safe output.
 */
#ifndef BYLINE_CLI_H
#define BYLINE_CLI_H

#include <getopt.h>
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

/* The read marks, opened from --state/$BYLINE_STATE/XDG; warnings go to stderr. */
struct readstate *cli_open_state(const struct cli *cli);

/*
 * Write len bytes of data to f. A failure on standard output is remembered
 * for cli_close_stdout() (a large write leaves nothing buffered to retry).
 */
void cli_write(FILE *f, const void *data, size_t len);

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

/*
 * At the end of a command: flush and close standard output. A write that
 * failed (a full disk, an I/O error) is an error: "byline: standard
 * output: REASON" on stderr, and the status becomes EXIT_PROBLEM. A reader
 * that went away (a closed pipe, "| head -1") is no error: status is kept.
 * Returns the status to exit with.
 */
int cli_close_stdout(int status);

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
 * Option parsing: one getopt_long loop for byline and every subcommand, so
 * that "--", "--opt=value", "--opt value" and options after the operands
 * work everywhere, and every usage error is said the same way:
 * "byline: CMD: unknown option '--bogus'", then the short usage, exit 2.
 */

/* One option a command takes. The table ends with a zeroed entry. */
struct cli_option {
	const char	*name;		/* the long name, without "--" */
	int		 val;		/* what cli_next() returns; not 'h' (-h is
					   --help, the only short option) */
	const char	*value;		/* NULL: a flag; else what the value is, for
					   messages: "a file", "a number from 20 to 1000" */
};

#define CLI_MAX_OPTIONS	16

struct cli_args {
	const char			*cmd;		/* "list", or NULL for byline's own */
	const char			*usage;		/* the command's usage text */
	const struct cli_option		*opts;
	bool				 in_order;	/* stop at the first operand */
	const char			*arg;		/* the value of the option returned */
	int				 ind;		/* after -1: the first operand */
	int				 status;	/* after CLI_STOP: how to exit */
	struct option			 lo[CLI_MAX_OPTIONS + 2];	/* getopt_long's tables, */
	char				 so[3 * CLI_MAX_OPTIONS + 8];	/* built from opts */
};

/* cli_next() returns it when the command must end: see cli_args.status. */
#define CLI_STOP	(-2)

/*
 * Start parsing argv[1..argc) for cmd (NULL: byline's own options) with
 * the options opts (-h/--help are added), whose usage text is usage.
 */
void cli_args_init(struct cli_args *p, const char *cmd, const char *usage,
    const struct cli_option *opts, bool in_order);

/*
 * The next option's val (its value, if any, in p->arg); -1 when the options
 * are done (the operands are argv[p->ind..argc)); CLI_STOP after printing
 * the usage for -h/--help (status EXIT_OK) or reporting a usage error
 * (status EXIT_USAGE).
 */
int cli_next(struct cli_args *p, int argc, char **argv);

/*
 * Report a usage error about the command: "byline: CMD: MESSAGE", then the
 * short usage on stderr. Returns EXIT_USAGE.
 */
int cli_usage_error(const struct cli_args *p, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/*
 * Report a bad value for option val ("byline: show: --width needs a number
 * from 20 to 1000, not 'abc'"), then the short usage. Returns EXIT_USAGE.
 */
int cli_bad_value(const struct cli_args *p, int val, const char *got);

/*
 * Parse s as a whole decimal number in [min, max] into *out; false when it
 * is not one.
 */
bool cli_number(const char *s, long min, long max, long *out);

#endif
