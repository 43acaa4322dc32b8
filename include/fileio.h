/*
 * fileio.h: writing files so that they are never torn or lost.
 *
 * Every file byline writes (read marks, caches, imported and fetched
 * articles, the feeds list) goes through file_write_atomic(): the bytes go
 * to a temporary file in the same folder, which is flushed to the disk
 * (fsync) and then renamed over the name, after which the folder itself is
 * flushed, so that a crash or a kill at any moment leaves the old file or
 * the new one, never a mix. Every step's result is checked.
 */
#ifndef BYLINE_FILEIO_H
#define BYLINE_FILEIO_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

/* Flags for file_write_atomic(). */
#define FW_NOREPLACE	0x1	/* never replace a file that exists (fails with EEXIST),
				   even one that appears while writing */
#define FW_PRIVATE	0x2	/* mode 0600; else 0666 less the umask */
#define FW_NOSYNC	0x4	/* no fsync (a cache: losing the newest copy is harmless) */
#define FW_KEEPLINK	0x8	/* when path is a symbolic link, write beside its
				   target and keep the link (as editors that keep links do) */

/*
 * Write len bytes of data to path atomically (see above). Returns 0, or -1
 * with errno set and *cause (when cause is not NULL; the caller frees it)
 * saying "PATH: reason". With FW_NOREPLACE an existing path gives -1 and
 * errno EEXIST: the new file takes the name only if it is still free at
 * the moment of the rename (link(2), else renameat2 RENAME_NOREPLACE, else
 * the name reserved with O_EXCL first).
 */
int file_write_atomic(const char *path, const void *data, size_t len, unsigned flags,
    char **cause);

/* Write all len bytes to fd, going on after EINTR. Returns 0, or -1 with errno. */
int write_all(int fd, const void *data, size_t len);

/*
 * Create the folders leading to path (not path itself) with mode. Returns 0,
 * or -1 with errno set (EEXIST is no error; a file in the way is ENOTDIR).
 */
int make_parents(const char *path, mode_t mode);

/* Create folder dir and the folders leading to it. Returns 0, or -1 with errno. */
int make_dirs(const char *dir, mode_t mode);

/*
 * Flush the folder holding path to the disk, so that a rename in it lasts.
 * Returns 0, or -1 with errno (a file system that cannot flush folders,
 * EINVAL, counts as done).
 */
int fsync_parent(const char *path);

/*
 * The file a symbolic link finally names (links followed, relative ones
 * taken from the link's folder), as a new string; a copy of path when it is
 * no link; NULL with errno ELOOP after 40 links.
 */
char *path_follow_links(const char *path);

/*
 * Remove from folder dir the temporary files that file_write_atomic() and
 * file_batch_add() name ".NAME.tmp-XXXXXX", left there by a process killed
 * while writing, when they are older than age seconds (a younger one may
 * be another process's write in progress). Returns how many were removed.
 */
size_t file_sweep_temps(const char *dir, long age);

/*
 * The process's umask, read once and kept (reading it means setting it, for
 * a moment, process-wide). Call it first from the main thread before
 * threads that write files start; file_write_atomic() and file_batch_add()
 * use it for the mode of what they create.
 */
mode_t file_umask(void);

/*
 * Take an exclusive lock (fcntl) on the file path, created (mode 0600) when
 * missing. With wait, block until it is free; else fail at once with errno
 * EWOULDBLOCK when another process holds it. Returns the descriptor, which
 * the caller closes to release the lock, or -1 with errno set. (fcntl locks
 * belong to the process: closing any other descriptor of the same file
 * releases it too, and two threads do not exclude each other.)
 */
int file_lock(const char *path, bool wait);

/*
 * Many files written at once, each as file_write_atomic() would, with one
 * flush for all instead of two per file: file_batch_add() writes the bytes
 * to a temporary file beside the name; file_batch_commit() flushes them all
 * to the disk (syncfs(2) once per file system where there is one, else an
 * fsync of each), gives each its name (FW_NOREPLACE honoured), and flushes
 * each folder once. A crash or kill at any moment leaves each name absent
 * or complete, never torn.
 */
struct file_batch_item {
	char		*path;		/* the name it takes */
	char		*tmp;		/* the temporary file; NULL once placed or failed */
	unsigned	 flags;
	int		 err;		/* 0, or the errno of a failed step */
};

struct file_batch {
	struct file_batch_item	*v;
	size_t			 n;
	size_t			 cap;
};

#define FILE_BATCH_INIT { NULL, 0, 0 }

/*
 * Write len bytes of data to a temporary file beside path and queue it
 * under path (flags: FW_NOREPLACE, FW_PRIVATE; FW_KEEPLINK is not
 * supported). Returns 0, or -1 with errno and *cause ("PATH: reason", when
 * cause is not NULL; the caller frees it); nothing is queued on failure.
 */
int file_batch_add(struct file_batch *b, const char *path, const void *data, size_t len,
    unsigned flags, char **cause);

/*
 * Flush and place every file queued (see above). Returns how many could
 * not be placed: their items keep err (EEXIST for a name taken, with
 * FW_NOREPLACE) and their temporary files are removed. The items stay in
 * b for the caller to look at until file_batch_clear().
 */
size_t file_batch_commit(struct file_batch *b);

/* Forget the items (removing temporary files never placed); b can be used again. */
void file_batch_clear(struct file_batch *b);

/* file_batch_clear(), then release the memory. */
void file_batch_free(struct file_batch *b);

#endif
