/*
 * import-int.h: what the files of src/import/ share and nothing outside
 * uses: credits found in captions, text cleaning into a buffer.
 */
#ifndef BYLINE_IMPORT_INT_H
#define BYLINE_IMPORT_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/*
 * Find a credit written as "Name/Agency" ("Darrian Traynor/Getty Images",
 * "Mandel Ngan/AFP via Getty Images") at the end of s: capitalised words
 * around one "Name/Agency" word, after the end of the caption's last
 * sentence. Returns its start, or -1.
 */
long credit_find_slash(const char *s);

/*
 * Append s[0..len) cleaned as imported_text() does to out (nothing when
 * nothing is left). Can't fail.
 */
struct buf;
void imported_clean(struct buf *out, const char *s, size_t len, int flags);

/*
 * Is cp left out of imported text: a control character but tab and line
 * feed, a bidirectional control, a zero-width space, a soft hyphen?
 */
bool imported_dropped(int32_t cp);

#endif
