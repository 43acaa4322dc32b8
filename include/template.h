/*
 * template.h: the template markup of static site generators in an article
 * body: Liquid tags "{% ... %}" and output "{{ ... }}" (Jekyll), Hugo
 * shortcodes "{{< ... >}}" and "{{% ... %}}". They are markup, not prose:
 * the body is laid out without them, so the reader, "byline show" and the
 * analysis never see them (no quotation is ever taken from inside one).
 *
 * A tag is closed within TEMPLATE_MAX_TAG bytes and before a blank line, or
 * it is no tag. A line that holds nothing but one tag goes with it. Liquid
 * comments ({% comment %} ... {% endcomment %}) are hidden whole; the text
 * between {% raw %} and {% endraw %} is kept as it is. Linear time.
 */
#ifndef BYLINE_TEMPLATE_H
#define BYLINE_TEMPLATE_H

#include <stdbool.h>
#include <stddef.h>

#include "span.h"

#define TEMPLATE_MAX_TAG	4096

/* Does text hold template markup (in its first 256 KiB)? */
bool template_detect(const char *text, size_t len);

/*
 * The spans of text to hide, in order and not overlapping. Returns how many
 * and stores a new array the caller frees in *out (NULL when none). Can't fail.
 */
size_t template_spans(const char *text, size_t len, struct span **out);

#endif
