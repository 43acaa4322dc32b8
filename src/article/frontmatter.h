/*
 * frontmatter.h: YAML front matter to article fields, with file:line:col
 * diagnostics. Internal to the loader (article.c); the fuzzer calls it too.
 */
#ifndef BYLINE_FRONTMATTER_H
#define BYLINE_FRONTMATTER_H

#include <stdbool.h>
#include <stddef.h>

struct article;

/*
 * Read the front matter text fm (len bytes, the lines between the
 * delimiters; its first line is line first_line of the file) into a's fields.
 * Diagnostics go to a->diags with file positions. Returns false when the
 * YAML itself could not be read (a syntax error or a limit exceeded); fields
 * read before the error are kept. Can't fail otherwise.
 */
bool frontmatter_parse(struct article *a, const char *fm, size_t len, unsigned first_line);

#endif
