/* diag.c: collecting and printing file diagnostics. */
#include "diag.h"

#include <stdarg.h>
#include <stdlib.h>

#include "sanitize.h"

void
diags_add(struct diags *d, enum diag_level level, unsigned line, unsigned col,
    const char *fmt, ...)
{
	va_list ap;
	struct diag *e;

	ARRAY_GROW(d->v, d->n + 1, d->cap);
	e = &d->v[d->n++];
	e->level = level;
	e->line = line;
	e->col = col;
	va_start(ap, fmt);
	e->msg = xvasprintf(fmt, ap);
	va_end(ap);
}

size_t
diags_errors(const struct diags *d)
{
	size_t i, n = 0;

	for (i = 0; i < d->n; i++)
		n += d->v[i].level == DIAG_ERROR;
	return n;
}

void
diags_free(struct diags *d)
{
	size_t i;

	for (i = 0; i < d->n; i++)
		free(d->v[i].msg);
	free(d->v);
	d->v = NULL;
	d->n = d->cap = 0;
}

void
diag_format(struct buf *out, const char *path, const struct diag *d)
{
	sanitize_appends(out, path, 0);
	if (d->line > 0) {
		buf_printf(out, ":%u", d->line);
		if (d->col > 0)
			buf_printf(out, ":%u", d->col);
	}
	buf_adds(out, d->level == DIAG_ERROR ? ": error: " : ": warning: ");
	sanitize_appends(out, d->msg, 0);
}
