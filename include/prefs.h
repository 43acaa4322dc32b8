/*
 * prefs.h: choices the reader remembers from one run to the next (the
 * library's sort order), kept in a small file beside the read marks, in
 * the state folder: "view" next to "read". One "key value" a line; a line
 * that is not of this form is ignored. Written atomically (fileio.h).
 */
#ifndef BYLINE_PREFS_H
#define BYLINE_PREFS_H

/* The prefs file for the read-marks file at state_path; the caller frees it. */
char *prefs_path(const char *state_path);

/* The value of key in the prefs file at path, as a new string, or NULL when unset or unreadable. */
char *prefs_get(const char *path, const char *key);

/*
 * Set key to value (words without spaces) in the prefs file at path,
 * creating it and its folder. Returns 0, or -1 with *cause (the caller
 * frees it).
 */
int prefs_set(const char *path, const char *key, const char *value, char **cause);

#endif
