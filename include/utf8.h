/*
 * utf8.h: decoding and encoding UTF-8, strictly and without the locale.
 */
#ifndef BYLINE_UTF8_H
#define BYLINE_UTF8_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* The value utf8_decode() stores for a byte that does not start a valid sequence. */
#define UTF8_INVALID (-1)

/*
 * Decode the code point at s (len > 0 bytes available). Returns the number of
 * bytes used (1 to 4). Overlong forms, surrogates, values above U+10FFFF and
 * truncated sequences are invalid: *cp is UTF8_INVALID and the return value
 * is the length of the maximal invalid subpart (so each bad byte run becomes
 * one U+FFFD, as the Unicode standard recommends).
 */
size_t utf8_decode(const char *s, size_t len, int32_t *cp);

/* Encode cp (a valid scalar value) into out; returns the byte count (1-4). */
size_t utf8_encode(int32_t cp, char out[4]);

/* Is every byte of s part of a valid UTF-8 sequence? */
bool utf8_valid(const char *s, size_t len);

/*
 * The largest n <= max such that s[0..n) does not end inside a UTF-8
 * sequence (for cutting strings without splitting characters).
 */
size_t utf8_cut(const char *s, size_t len, size_t max);

/*
 * Append to out the folded form of s[0..len) for comparing names: case
 * folded, accents and other marks stripped, compatibility forms unified
 * (utf8proc), curly apostrophes as "'", dashes as "-", dots and runs of
 * spaces as one space, no space at either end. "José  Ñúñez" and "jose
 * nunez" fold alike. Invalid bytes fold to U+FFFD. Can't fail.
 */
struct buf;
void utf8_fold(const char *s, size_t len, struct buf *out);

#endif
