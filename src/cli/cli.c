/* cli.c: helpers the subcommands share. */
#include "cli.h"

#include <jansson.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "config.h"
#include "diag.h"
#include "readstate.h"
#include "sanitize.h"
#include "ui.h"

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

void
cli_field(FILE *f, const char *s)
{
	struct buf b = BUF_INIT;

	sanitize_appends(&b, s, 0);
	if (b.len > 0)
		fwrite(b.data, 1, b.len, f);
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

bool
cli_is_help(const char *arg)
{
	return strcmp(arg, "-h") == 0 || strcmp(arg, "--help") == 0;
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
	ui_check_keys(&c);
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
