/*
 * show.h: an article as plain text, as "byline show" prints it and the
 * reader's | pipes it: the header, the body wrapped at a width (or one line
 * a paragraph), the update notes and link references, then the photo
 * captions. Every byte goes through the sanitiser.
 */
#ifndef BYLINE_SHOW_H
#define BYLINE_SHOW_H

#include "util.h"

struct article;
struct doc;

/* Append article a, laid out in d, to out: lines of width columns (0: unwrapped). */
void show_text(const struct doc *d, const struct article *a, int width, struct buf *out);

#endif
