/*
 * readstate.h: read marks and reading positions, kept on disk.
 *
 * The state file ($XDG_STATE_HOME/byline/read by default) maps an article's
 * key (see article_make_key) to whether it is read and where the reader left
 * off. Every change is saved at once, and saving never tears or loses data:
 * under a lock on "FILE.lock" (flock(2), which also holds between two
 * handles of one process) the file is read again, the change merged in, and
 * the result written to a temporary file, fsynced and renamed over FILE, and
 * the folder fsynced. A process killed at any moment leaves the old file or
 * the new one; two processes marking different articles both keep theirs.
 * When FILE is a symbolic link, the file it points to is the one written
 * (the link stays) and the lock is taken beside it.
 *
 * A merge never loses what this process holds: when FILE has gone or is
 * damaged, the marks in memory are written back with the new change.
 * A save waits for the lock READSTATE_LOCK_WAIT_MS at most (less when the
 * cancel flag changes); then it fails, the changes are kept in memory, and
 * later saves only try the lock until it frees (readstate_busy()). A reader
 * that ends while the lock is still held sets its changes aside in
 * FILE.pending-TIME-PID, which the next save merges (readstate_finish()).
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

#include <signal.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define READSTATE_MAX_FILE (64u * 1024 * 1024)	/* larger state files are set aside */
#define READSTATE_LOCK_WAIT_MS 3000		/* the longest a save waits for the lock */

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

/*
 * Release the state. Changes were saved as they were made; those that could
 * not be are lost (readstate_finish() first keeps them).
 */
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

/*
 * Save the changes not yet on disk (after a failed save), waiting for the
 * lock when wait, else only trying it. Returns 0 (also when there was
 * nothing to save), or -1 with *cause (the caller frees).
 */
int readstate_save(struct readstate *rs, bool wait, char **cause);

/*
 * Before closing: save what is not on disk yet, waiting for the lock; if
 * another byline still holds it, set the changes aside in a pending file
 * that the next save merges. Returns 0 when all is on disk, 1 when set
 * aside (*cause then says where), -1 when the changes could not be kept
 * (*cause says why). The caller frees *cause.
 */
int readstate_finish(struct readstate *rs, char **cause);

/* The number of changes not yet on disk. */
size_t readstate_pending(const struct readstate *rs);

/* Did the last save find the lock held by another byline? */
bool readstate_busy(const struct readstate *rs);

/*
 * A number that changes whenever a save brought in changes made by another
 * process (another reader, byline mark-read): counts taken from the state
 * are then due again.
 */
unsigned readstate_serial(const struct readstate *rs);

/*
 * How long saves wait for the lock (ms; READSTATE_LOCK_WAIT_MS at first),
 * and a flag whose change ends a wait at once (a signal's; may be NULL).
 */
void readstate_set_wait(struct readstate *rs, int ms, const volatile sig_atomic_t *cancel);

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
