/*
 * para.h: split plain text into paragraphs.
 *
 * A paragraph is a run of lines that are not blank; a blank line holds only
 * spaces, tabs or a CR. Single line breaks inside a paragraph are kept in the
 * text (wrapping treats them as spaces).
 */
#ifndef BYLINE_PARA_H
#define BYLINE_PARA_H

#include <stddef.h>

#include "span.h"

/*
 * Split text into paragraphs. Returns how many there are and stores a new
 * array the caller frees in *out (NULL when there are none). Each span starts
 * at the paragraph's first non-blank line and ends after its last
 * non-whitespace byte. This function can't fail.
 */
size_t para_split(const char *text, size_t len, struct span **out);

#endif
