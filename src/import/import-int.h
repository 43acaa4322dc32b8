/*
 * import-int.h: what the files of src/import/ share and nothing outside
 * uses: credits found in captions.
 */
#ifndef BYLINE_IMPORT_INT_H
#define BYLINE_IMPORT_INT_H

#include <stdbool.h>
#include <stddef.h>

/*
 * Find a credit written as "Name/Agency" ("Darrian Traynor/Getty Images",
 * "Mandel Ngan/AFP via Getty Images") at the end of s: capitalised words
 * around one "Name/Agency" word, after the end of the caption's last
 * sentence. Returns its start, or -1.
 */
long credit_find_slash(const char *s);

#endif
