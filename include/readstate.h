/*
 * readstate.h: read marks and reading positions, kept on disk.
 *
 * The state file ($XDG_STATE_HOME/byline/read by default) maps an article's
 * key (see article_make_key) to whether it is read and where the reader left
 * off. Every change is saved at once, and saving never tears or loses data:
 * under a lock on "FILE.lock" the file is read again, the change merged in,
 * and the result written to "FILE.tmp", fsynced and renamed over FILE, and
 * the folder fsynced. A process killed at any moment leaves the old file or
 * the new one; two processes marking different articles both keep theirs.
 *
 * File format (text, one entry a line, keys percent-escaped):
 *	byline-state 1
 *	KEY r|u POSITION
 *	end COUNT
 * A file that is not of this form is set aside as FILE.corrupt-TIME (the
 * entries that could be read are kept) and reported, never a crash.
 */
#ifndef BYLINE_READSTATE_H
#define BYLINE_READSTATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define READSTATE_MAX_FILE (64u * 1024 * 1024)	/* larger state files are set aside */

struct readstate;

/*
 * The state file to use: override if not NULL, else $BYLINE_STATE, else
 * $XDG_STATE_HOME/byline/read, else ~/.local/state/byline/read. The caller
 * frees the result.
 */
char *readstate_default_path(const char *override);

/*
 * Open the state kept at path (the file need not exist). Never fails: a
 * problem (unreadable, corrupt and set aside) is described in *warning, a
 * string the caller frees, and the state holds what could be read.
 * *warning is NULL when all went well.
 */
struct readstate *readstate_open(const char *path, char **warning);

/* Release the state. Changes were saved as they were made. */
void readstate_close(struct readstate *rs);

const char *readstate_path(const struct readstate *rs);

bool readstate_is_read(const struct readstate *rs, const char *key);

/* Where the reader left off in the article (a byte offset), 0 when unknown. */
uint64_t readstate_position(const struct readstate *rs, const char *key);

/*
 * Mark the n articles of keys read (or unread) and save. Returns 0, or -1
 * with *cause (which the caller frees) when saving failed: the state in
 * memory holds the change all the same, and the next save tries again.
 */
int readstate_set_read(struct readstate *rs, const char *const *keys, size_t n, bool read,
    char **cause);

/* Remember the reading position of one article and save, as readstate_set_read(). */
int readstate_set_position(struct readstate *rs, const char *key, uint64_t pos, char **cause);

/* How many entries the state holds, and how many of them are read. */
size_t readstate_count(const struct readstate *rs, size_t *nread);

/*
 * Parse the bytes of a state file into rs (replacing what it held), without
 * touching the disk. Returns 0 when the file was well formed, else -1 with
 * *cause (the caller frees); the entries that could be read are kept.
 * For the tests and the fuzzer.
 */
int readstate_parse(struct readstate *rs, const char *data, size_t len, char **cause);

/* An empty state not tied to any file (saving fails); for tests and fuzzing. */
struct readstate *readstate_new_memory(void);

#endif
