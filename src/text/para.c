/* para.c: split plain text into blank-line-separated paragraphs. */
#include "para.h"

#include <string.h>

#include "util.h"

/* Is the line [p, end) blank (only spaces, tabs, CR)? */
static int
line_blank(const char *p, const char *end)
{
	for (; p < end; p++)
		if (*p != ' ' && *p != '\t' && *p != '\r')
			return 0;
	return 1;
}

size_t
para_split(const char *text, size_t len, struct span **out)
{
	struct span *v = NULL;
	size_t n = 0, cap = 0;
	const char *p = text, *end = text + len;
	const char *start = NULL, *last = NULL;

	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *eol = nl != NULL ? nl : end;

		if (line_blank(p, eol)) {
			if (start != NULL) {
				ARRAY_GROW(v, n + 1, cap);
				v[n].start = (size_t)(start - text);
				v[n].end = (size_t)(last - text);
				n++;
				start = NULL;
			}
		} else {
			const char *q = eol;

			if (start == NULL)
				start = p;
			while (q > p && (q[-1] == ' ' || q[-1] == '\t' || q[-1] == '\r'))
				q--;
			last = q;
		}
		p = nl != NULL ? nl + 1 : end;
	}
	if (start != NULL) {
		ARRAY_GROW(v, n + 1, cap);
		v[n].start = (size_t)(start - text);
		v[n].end = (size_t)(last - text);
		n++;
	}
	*out = v;
	return n;
}
