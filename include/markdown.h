/*
 * markdown.h: Markdown bodies (Jekyll and Hugo posts) rendered into doc
 * blocks with md4c. The rendered text is what the reader shows and what the
 * analysis reads: markers are gone, emphasis and links become style runs,
 * link targets are gathered as numbered references.
 */
#ifndef BYLINE_MARKDOWN_H
#define BYLINE_MARKDOWN_H

#include <stdbool.h>
#include <stddef.h>

struct doc;

/*
 * Does text use any Markdown at all (in its first 256 KiB)? A body without
 * it (plain paragraphs) is shown exactly as plain text, without a copy.
 */
bool markdown_detect(const char *text, size_t len);

/*
 * Render the Markdown src into d: its rendered text, body blocks, style
 * runs and link references. skip_title: leave out a first heading equal to
 * it (a file without front matter starts with its title). Returns false if
 * md4c failed, leaving d's body empty. Can't fail otherwise.
 */
bool markdown_render(struct doc *d, const char *src, size_t len, const char *skip_title);

#endif
