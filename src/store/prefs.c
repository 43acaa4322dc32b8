/* prefs.c: the reader's remembered choices (prefs.h). */
#include "prefs.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fileio.h"
#include "util.h"

#define PREFS_MAX	(64 * 1024)	/* a bigger file is not ours: it is ignored */

char *
prefs_path(const char *state_path)
{
	const char *slash = strrchr(state_path, '/');

	if (slash == NULL)
		return xstrdup("view");
	return xasprintf("%.*s/view", (int)(slash - state_path), state_path);
}

/* The file's text (NUL-terminated), or NULL. */
static char *
prefs_read(const char *path)
{
	FILE *f = fopen(path, "rb");
	char *data;
	size_t n;

	if (f == NULL)
		return NULL;
	data = xmalloc(PREFS_MAX + 1);
	n = fread(data, 1, PREFS_MAX + 1, f);
	fclose(f);
	if (n > PREFS_MAX) {
		free(data);
		return NULL;
	}
	data[n] = '\0';
	return data;
}

/* The line of key in text: its start and, in *end, its end (after the newline); NULL if none. */
static char *
find_key(char *text, const char *key, char **end)
{
	size_t kl = strlen(key);
	char *s = text;

	while (*s != '\0') {
		char *nl = strchr(s, '\n');

		*end = nl != NULL ? nl + 1 : s + strlen(s);
		if (strncmp(s, key, kl) == 0 && s[kl] == ' ')
			return s;
		s = *end;
	}
	return NULL;
}

char *
prefs_get(const char *path, const char *key)
{
	char *text = prefs_read(path), *line, *end, *v = NULL;

	if (text == NULL)
		return NULL;
	if ((line = find_key(text, key, &end)) != NULL) {
		line += strlen(key) + 1;
		v = xstrndup(line, strcspn(line, " \t\r\n"));
	}
	free(text);
	return v;
}

int
prefs_set(const char *path, const char *key, const char *value, char **cause)
{
	char *text = prefs_read(path), *line, *end;
	struct buf b = BUF_INIT;
	int rc;

	if (text != NULL && (line = find_key(text, key, &end)) != NULL) {
		buf_add(&b, text, (size_t)(line - text));
		buf_printf(&b, "%s %s\n", key, value);
		buf_adds(&b, end);
	} else {
		if (text != NULL) {
			buf_adds(&b, text);
			if (b.len > 0 && b.data[b.len - 1] != '\n')
				buf_addc(&b, '\n');
		}
		buf_printf(&b, "%s %s\n", key, value);
	}
	free(text);
	if (make_parents(path, 0700) < 0) {
		if (cause != NULL)
			*cause = xasprintf("%s: %s", path, strerror(errno));
		buf_free(&b);
		return -1;
	}
	rc = file_write_atomic(path, b.data, b.len, FW_PRIVATE, cause);
	buf_free(&b);
	return rc;
}
