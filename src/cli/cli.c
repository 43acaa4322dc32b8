/* cli.c: helpers the subcommands share. */
#include "cli.h"

#include <errno.h>
#include <jansson.h>
#include <poll.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "config.h"
#include "diag.h"
#include "readstate.h"
#include "sanitize.h"

char **
cli_paths(const struct cli *cli, char **argv, size_t n, size_t *count)
{
	char **v;
	const char *env;
	size_t i;
	struct stat st;

	if (n > 0) {
		v = xcalloc(n, sizeof *v);
		for (i = 0; i < n; i++)
			v[i] = xstrdup(argv[i]);
		*count = n;
		return v;
	}
	v = xcalloc(1, sizeof *v);
	*count = 1;
	if ((env = getenv("BYLINE_ARTICLES")) != NULL && env[0] != '\0') {
		v[0] = xstrdup(env);
		return v;
	}
	{
		char *path = config_default_path(cli->config);
		struct config c;

		config_load(&c, path, false);
		free(path);
		if (c.library != NULL)
			v[0] = xstrdup(c.library);
		config_free(&c);
		if (v[0] != NULL)
			return v;
	}
	if ((env = getenv("XDG_DATA_HOME")) != NULL && env[0] == '/')
		v[0] = xasprintf("%s/byline/articles", env);
	else if ((env = getenv("HOME")) != NULL && env[0] != '\0')
		v[0] = xasprintf("%s/.local/share/byline/articles", env);
	if (v[0] != NULL && stat(v[0], &st) == 0 && S_ISDIR(st.st_mode))
		return v;
	free(v[0]);
	v[0] = xstrdup("articles");
	return v;
}

void
cli_paths_free(char **paths, size_t count)
{
	size_t i;

	for (i = 0; i < count; i++)
		free(paths[i]);
	free(paths);
}

struct readstate *
cli_open_state(const struct cli *cli)
{
	char *path = readstate_default_path(cli->state), *warning = NULL;
	struct readstate *rs = readstate_open(path, &warning);

	if (warning != NULL) {
		cli_warn("read marks: %s", warning);
		free(warning);
	}
	free(path);
	return rs;
}

/* Why the first write to standard output that failed failed (0: none did). */
static int out_errno;

void
cli_write(FILE *f, const void *data, size_t len)
{
	if (len > 0 && fwrite(data, 1, len, f) != len && f == stdout && out_errno == 0)
		out_errno = errno;
}

void
cli_field(FILE *f, const char *s)
{
	struct buf b = BUF_INIT;

	sanitize_appends(&b, s, 0);
	cli_write(f, b.data, b.len);
	buf_free(&b);
}

void
cli_warn(const char *fmt, ...)
{
	struct buf b = BUF_INIT;
	va_list ap;
	char *msg;

	va_start(ap, fmt);
	msg = xvasprintf(fmt, ap);
	va_end(ap);
	buf_adds(&b, "byline: ");
	sanitize_appends(&b, msg, 0);
	buf_addc(&b, '\n');
	fflush(stdout);
	fwrite(b.data, 1, b.len, stderr);
	buf_free(&b);
	free(msg);
}

/* ---- options ---- */

#define CLI_HELP	'h'

static const struct cli_option help_option = { "help", CLI_HELP, NULL };

void
cli_args_init(struct cli_args *p, const char *cmd, const char *usage,
    const struct cli_option *opts, bool in_order)
{
	size_t n = 0, k = 0;
	const struct cli_option *o;

	memset(p, 0, sizeof *p);
	p->cmd = cmd;
	p->usage = usage;
	p->opts = opts;
	p->in_order = in_order;
	/* "+": stop at the first operand; ":": say when a value is missing */
	if (in_order)
		p->so[k++] = '+';
	p->so[k++] = ':';
	p->so[k++] = 'h';
	for (o = opts; o != NULL && o->name != NULL; o++) {
		if (n >= CLI_MAX_OPTIONS)
			fatal("too many options for %s", cmd != NULL ? cmd : "byline");
		p->lo[n].name = o->name;
		p->lo[n].has_arg = o->value != NULL ? required_argument : no_argument;
		p->lo[n].val = o->val;
		n++;
	}
	p->lo[n].name = help_option.name;
	p->lo[n].val = help_option.val;
	p->so[k] = '\0';
	optind = 0;	/* glibc: start afresh (a second parse in one process) */
	opterr = 0;	/* our messages, not getopt's */
}

/* The option table entry for val, or NULL. */
static const struct cli_option *
option_of(const struct cli_args *p, int val)
{
	const struct cli_option *o;

	for (o = p->opts; o != NULL && o->name != NULL; o++)
		if (o->val == val)
			return o;
	return NULL;
}

/* Print the lines of usage that start with "usage:" or continue them. */
static void
short_usage(const char *usage, FILE *f)
{
	const char *s = usage, *nl;

	while (*s != '\0') {
		nl = strchr(s, '\n');
		if (nl == NULL)
			nl = s + strlen(s);
		if (strncmp(s, "usage:", 6) != 0 && *s != ' ' && *s != '\t')
			break;
		fwrite(s, 1, (size_t)(nl - s) + (*nl == '\n'), f);
		s = *nl == '\n' ? nl + 1 : nl;
	}
}

int
cli_usage_error(const struct cli_args *p, const char *fmt, ...)
{
	va_list ap;
	char *msg;

	va_start(ap, fmt);
	msg = xvasprintf(fmt, ap);
	va_end(ap);
	if (p->cmd != NULL)
		cli_warn("%s: %s", p->cmd, msg);
	else
		cli_warn("%s", msg);
	free(msg);
	short_usage(p->usage, stderr);
	return EXIT_USAGE;
}

int
cli_bad_value(const struct cli_args *p, int val, const char *got)
{
	const struct cli_option *o = option_of(p, val);

	return cli_usage_error(p, "--%s needs %s, not '%s'", o != NULL ? o->name : "?",
	    o != NULL && o->value != NULL ? o->value : "a value", got);
}

bool
cli_number(const char *s, long min, long max, long *out)
{
	char *end;
	long n;

	if (s[0] == '\0' || ascii_isspace((unsigned char)s[0]))
		return false;
	errno = 0;
	n = strtol(s, &end, 10);
	if (errno != 0 || *end != '\0' || n < min || n > max)
		return false;
	*out = n;
	return true;
}

int
cli_next(struct cli_args *p, int argc, char **argv)
{
	const struct cli_option *o;
	int c;

	c = getopt_long(argc, argv, p->so, p->lo, NULL);
	p->arg = optarg;
	switch (c) {
	case -1:
		p->ind = optind;
		return -1;
	case CLI_HELP:
		fputs(p->usage, stdout);
		p->status = EXIT_OK;
		return CLI_STOP;
	case ':':
		o = option_of(p, optopt);
		p->status = cli_usage_error(p, "--%s needs %s", o != NULL ? o->name : "?",
		    o != NULL && o->value != NULL ? o->value : "a value");
		return CLI_STOP;
	case '?':
		if (optind < 1 || optind > argc || strncmp(argv[optind - 1], "--", 2) != 0) {
			p->status = cli_usage_error(p, "unknown option '-%c'", optopt);
			return CLI_STOP;
		}
		o = optopt == CLI_HELP ? &help_option : option_of(p, optopt);
		if (optopt != 0 && o != NULL)
			p->status = cli_usage_error(p, "--%s takes no value", o->name);
		else
			p->status = cli_usage_error(p, "unknown option '%.*s'",
			    (int)strcspn(argv[optind - 1], "="), argv[optind - 1]);
		return CLI_STOP;
	default:
		return c;
	}
}

void
cli_print_diag(const char *path, const struct diag *d, void *file)
{
	struct buf b = BUF_INIT;

	diag_format(&b, path, d);
	buf_addc(&b, '\n');
	if ((FILE *)file == stderr)
		fflush(stdout);
	fwrite(b.data, 1, b.len, (FILE *)file);
	buf_free(&b);
}

int
cli_check_config(const char *file)
{
	char *path = config_default_path(file);
	struct config c;
	size_t i;
	int status;

	if (path == NULL) {
		cli_warn("no config file: $HOME is not set and no FILE was given");
		return EXIT_USAGE;
	}
	config_load(&c, path, true);
	for (i = 0; i < c.diags.n; i++)
		cli_print_diag(path, &c.diags.v[i], stdout);
	status = diags_errors(&c.diags) > 0 ? EXIT_PROBLEM : EXIT_OK;
	config_free(&c);
	free(path);
	return status;
}

json_t *
cli_json_text(const char *s, bool empty_null)
{
	struct buf b = BUF_INIT;
	json_t *j;

	if (s == NULL || (empty_null && s[0] == '\0'))
		return json_null();
	sanitize_appends(&b, s, 0);
	j = json_stringn(b.data != NULL ? b.data : "", b.len);
	buf_free(&b);
	if (j == NULL)
		fatal("out of memory");
	return j;
}

void
cli_json_print(json_t *v)
{
	json_dumpf(v, stdout, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	fputc('\n', stdout);
	json_decref(v);
}

/* Is standard output a pipe or socket whose reader has gone? */
static bool
stdout_reader_gone(void)
{
	struct stat st;
	struct pollfd p = { STDOUT_FILENO, POLLOUT, 0 };

	return fstat(STDOUT_FILENO, &st) == 0 && (S_ISFIFO(st.st_mode) || S_ISSOCK(st.st_mode)) &&
	    poll(&p, 1, 0) > 0 && (p.revents & (POLLERR | POLLHUP)) != 0;
}

int
cli_close_stdout(int status)
{
	int err = 0;
	bool failed;

	errno = 0;
	if (fflush(stdout) == EOF)
		err = errno;
	failed = ferror(stdout) != 0 || err != 0;
	if (failed && err == 0)
		err = out_errno;
	if (failed && err == 0 && stdout_reader_gone())
		err = EPIPE;
	errno = 0;
	if (fclose(stdout) == EOF && !failed) {
		err = errno;
		failed = true;
	}
	/* a reader that went away ("| head -1") wanted no more: no error */
	if (!failed || err == EPIPE)
		return status;
	if (err != 0)
		fprintf(stderr, "byline: standard output: %s\n", strerror(err));
	else
		fputs("byline: standard output: write error\n", stderr);
	return EXIT_PROBLEM;
}
