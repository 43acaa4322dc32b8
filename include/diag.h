/*
 * diag.h: diagnostics about a file, printed as "path:line:col: error: message".
 */
#ifndef BYLINE_DIAG_H
#define BYLINE_DIAG_H

#include <stddef.h>

#include "util.h"

enum diag_level {
	DIAG_WARNING,
	DIAG_ERROR,
};

struct diag {
	enum diag_level	 level;
	unsigned	 line;		/* 1-based; 0 when there is no position */
	unsigned	 col;		/* 1-based; 0 when there is none */
	char		*msg;
};

struct diags {
	struct diag	*v;
	size_t		 n;
	size_t		 cap;
};

#define DIAGS_INIT { NULL, 0, 0 }

/* Add a diagnostic; the message is formatted with printf rules. Can't fail. */
void diags_add(struct diags *d, enum diag_level level, unsigned line, unsigned col,
    const char *fmt, ...) __attribute__((format(printf, 5, 6)));
/* How many errors (not warnings) d holds. */
size_t diags_errors(const struct diags *d);
/* Release every message and the array. */
void diags_free(struct diags *d);

/*
 * Append "path:line:col: level: msg" (line and column left out when unknown),
 * sanitised so that no control byte from the path or message gets through.
 */
void diag_format(struct buf *out, const char *path, const struct diag *d);

#endif
