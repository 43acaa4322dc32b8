/*
 * span.h: a byte range into a text, the currency between the modules.
 *
 * Paragraphs, quotations, mentions, search matches and wrapped lines are all
 * spans of the body they were found in, never copies of it.
 */
#ifndef BYLINE_SPAN_H
#define BYLINE_SPAN_H

#include <stddef.h>

/* A byte range [start, end) into some text. */
struct span {
	size_t	start;
	size_t	end;
};

#endif
