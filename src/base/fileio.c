/*
 * fileio.c: atomic file writes, folders made on the way (see fileio.h).
 */
#define _GNU_SOURCE		/* renameat2(), RENAME_NOREPLACE (glibc 2.28) */
#include "fileio.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "util.h"

int
write_all(int fd, const void *data, size_t len)
{
	const char *p = data;

	while (len > 0) {
		ssize_t n = write(fd, p, len);

		if (n < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		if (n == 0) {
			errno = EIO;
			return -1;
		}
		p += n;
		len -= (size_t)n;
	}
	return 0;
}

/* A new string: the folder part of path ("." when none, "/" for the root). */
static char *
dir_of(const char *path)
{
	const char *slash = strrchr(path, '/');

	if (slash == NULL)
		return xstrdup(".");
	if (slash == path)
		return xstrdup("/");
	return xstrndup(path, (size_t)(slash - path));
}

int
fsync_parent(const char *path)
{
	char *dir = dir_of(path);
	int fd, err = 0;

	fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	free(dir);
	if (fd < 0)
		return -1;
	if (fsync(fd) < 0 && errno != EINVAL)
		err = errno;
	close(fd);
	if (err != 0) {
		errno = err;
		return -1;
	}
	return 0;
}

int
make_dirs(const char *dir, mode_t mode)
{
	char *p = xstrdup(dir), *s;
	struct stat st;
	int ret = 0;

	for (s = p + 1; ret == 0; s++) {
		s = strchr(s, '/');
		if (s != NULL)
			*s = '\0';
		if (p[0] != '\0' && mkdir(p, mode) < 0) {
			if (errno != EEXIST)
				ret = -1;
			else if (stat(p, &st) == 0 && !S_ISDIR(st.st_mode)) {
				errno = ENOTDIR;
				ret = -1;
			}
		}
		if (s == NULL)
			break;
		*s = '/';
		while (s[1] == '/')
			s++;
	}
	free(p);
	return ret;
}

int
make_parents(const char *path, mode_t mode)
{
	char *dir = dir_of(path);
	int ret = 0, saved;

	if (strcmp(dir, ".") != 0 && strcmp(dir, "/") != 0)
		ret = make_dirs(dir, mode);
	saved = errno;
	free(dir);
	errno = saved;
	return ret;
}

char *
path_follow_links(const char *path)
{
	char *cur = xstrdup(path);
	int hops;

	for (hops = 0; hops < 40; hops++) {
		struct stat st;
		struct buf target = BUF_INIT;
		ssize_t n;

		if (lstat(cur, &st) < 0 || !S_ISLNK(st.st_mode))
			return cur;
		buf_reserve(&target, (size_t)(st.st_size > 0 ? st.st_size : PATH_MAX) + 1);
		n = readlink(cur, target.data, target.cap - 1);
		if (n < 0) {
			buf_free(&target);
			return cur;
		}
		target.data[n] = '\0';
		if (target.data[0] == '/') {
			free(cur);
			cur = buf_detach(&target);
		} else {
			char *dir = dir_of(cur), *next = xasprintf("%s/%s", dir, target.data);

			free(dir);
			free(cur);
			buf_free(&target);
			cur = next;
		}
	}
	free(cur);
	errno = ELOOP;
	return NULL;
}

/* Rename tmp to path only if path does not exist; -1 with errno EEXIST if it does. */
static int
rename_noreplace(const char *tmp, const char *path)
{
	int fd;

	if (link(tmp, path) == 0)
		return unlink(tmp) < 0 && errno != ENOENT ? -1 : 0;
	if (errno == EEXIST)
		return -1;
	/* no hard links on this file system (vfat, some network ones) */
#ifdef RENAME_NOREPLACE
	if (renameat2(AT_FDCWD, tmp, AT_FDCWD, path, RENAME_NOREPLACE) == 0)
		return 0;
	if (errno != EINVAL && errno != ENOSYS && errno != EOPNOTSUPP && errno != EPERM)
		return -1;
#endif
	/* reserve the name: whoever creates it first owns it */
	if ((fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600)) < 0)
		return -1;
	close(fd);
	return rename(tmp, path);
}

mode_t
file_umask(void)
{
	static mode_t mask;
	static bool known;

	if (!known) {
		mask = umask(0);
		umask(mask);
		known = true;
	}
	return mask;
}

/*
 * Write data to a new temporary file beside dest (mode 0666 less the umask,
 * or 0600 with FW_PRIVATE), flushed unless nosync. Returns its name (the
 * caller frees it), or NULL with errno set (and nothing left behind).
 */
static char *
temp_write(const char *dest, const void *data, size_t len, unsigned flags, bool nosync)
{
	char *dir = dir_of(dest), *tmp;
	const char *base = strrchr(dest, '/');
	int fd, err = 0;

	base = base != NULL ? base + 1 : dest;
	tmp = xasprintf("%s/.%s.tmp-XXXXXX", dir, base);
	free(dir);
	if ((fd = mkstemp(tmp)) < 0) {
		err = errno;
		free(tmp);
		errno = err;
		return NULL;
	}
	if (!(flags & FW_PRIVATE) && fchmod(fd, 0666 & ~file_umask()) < 0)
		err = errno;
	if (err == 0 && write_all(fd, data, len) < 0)
		err = errno;
	if (err == 0 && !nosync && fsync(fd) < 0)
		err = errno;
	if (close(fd) < 0 && err == 0)
		err = errno;
	if (err != 0) {
		unlink(tmp);
		free(tmp);
		errno = err;
		return NULL;
	}
	return tmp;
}

/* Give tmp the name dest (FW_NOREPLACE honoured); on failure tmp is removed. */
static int
temp_place(const char *tmp, const char *dest, unsigned flags)
{
	int err = 0;

	if (flags & FW_NOREPLACE) {
		if (rename_noreplace(tmp, dest) < 0)
			err = errno;
	} else if (rename(tmp, dest) < 0) {
		err = errno;
	}
	if (err != 0) {
		unlink(tmp);
		errno = err;
		return -1;
	}
	return 0;
}

int
file_write_atomic(const char *path, const void *data, size_t len, unsigned flags,
    char **cause)
{
	char *real = NULL, *tmp;
	const char *dest = path;
	int err = 0;

	if (flags & FW_KEEPLINK) {
		if ((real = path_follow_links(path)) == NULL) {
			err = errno;
			goto fail;
		}
		dest = real;
	}
	if ((tmp = temp_write(dest, data, len, flags, flags & FW_NOSYNC)) == NULL) {
		err = errno;
		goto fail;
	}
	if (temp_place(tmp, dest, flags) < 0)
		err = errno;
	free(tmp);
	if (err == 0 && !(flags & FW_NOSYNC) && fsync_parent(dest) < 0)
		err = errno;
	if (err != 0)
		goto fail;
	free(real);
	return 0;
fail:
	if (cause != NULL)
		*cause = xasprintf("%s: %s", path, strerror(err));
	free(real);
	errno = err;
	return -1;
}

int
file_lock(const char *path, bool wait)
{
	struct flock fl;
	int fd, saved;

	if ((fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0600)) < 0)
		return -1;
	memset(&fl, 0, sizeof fl);
	fl.l_type = F_WRLCK;
	fl.l_whence = SEEK_SET;
	while (fcntl(fd, wait ? F_SETLKW : F_SETLK, &fl) < 0) {
		if (errno == EINTR)
			continue;
		saved = errno == EACCES ? EWOULDBLOCK : errno;
		close(fd);
		errno = saved;
		return -1;
	}
	return fd;
}

int
file_batch_add(struct file_batch *b, const char *path, const void *data, size_t len,
    unsigned flags, char **cause)
{
	struct file_batch_item *it;
	char *tmp;

	if ((tmp = temp_write(path, data, len, flags, true)) == NULL) {
		if (cause != NULL)
			*cause = xasprintf("%s: %s", path, strerror(errno));
		return -1;
	}
	ARRAY_GROW(b->v, b->n + 1, b->cap);
	it = &b->v[b->n++];
	it->path = xstrdup(path);
	it->tmp = tmp;
	it->flags = flags;
	it->err = 0;
	return 0;
}

/*
 * The folders of b's items, each once, into *dirs (the caller frees the
 * strings and the array). Returns how many.
 */
static size_t
batch_dirs(const struct file_batch *b, char ***dirs)
{
	size_t i, k, n = 0, cap = 0;

	*dirs = NULL;
	for (i = 0; i < b->n; i++) {
		char *d = dir_of(b->v[i].path);

		for (k = 0; k < n && strcmp((*dirs)[k], d) != 0; k++)
			;
		if (k < n) {
			free(d);
			continue;
		}
		ARRAY_GROW(*dirs, n + 1, cap);
		(*dirs)[n++] = d;
	}
	return n;
}

/*
 * Flush the file systems of the n folders dirs (syncfs, once per file
 * system) or, where there is no syncfs, each of b's temporary files. Returns
 * 0, or an errno.
 */
static int
batch_flush(struct file_batch *b, char **dirs, size_t n)
{
	int err = 0;
	size_t i;
#ifdef __linux__
	dev_t *seen = xcalloc(n, sizeof *seen);
	size_t nseen = 0, k;

	(void)b;
	for (i = 0; i < n && err == 0; i++) {
		struct stat st;
		int fd = open(dirs[i], O_RDONLY | O_DIRECTORY | O_CLOEXEC);

		if (fd < 0 || fstat(fd, &st) < 0) {
			err = errno;
		} else {
			for (k = 0; k < nseen && seen[k] != st.st_dev; k++)
				;
			if (k == nseen && syncfs(fd) < 0)
				err = errno;
			seen[nseen++] = st.st_dev;
		}
		if (fd >= 0)
			close(fd);
	}
	free(seen);
#else
	(void)dirs;
	(void)n;
	for (i = 0; i < b->n && err == 0; i++) {
		int fd;

		if (b->v[i].tmp == NULL)
			continue;
		if ((fd = open(b->v[i].tmp, O_RDONLY | O_CLOEXEC)) < 0 || fsync(fd) < 0)
			err = errno;
		if (fd >= 0)
			close(fd);
	}
#endif
	return err;
}

size_t
file_batch_commit(struct file_batch *b)
{
	char **dirs;
	size_t ndirs = batch_dirs(b, &dirs), i, failed = 0;
	int err = batch_flush(b, dirs, ndirs);

	for (i = 0; i < b->n; i++) {
		struct file_batch_item *it = &b->v[i];

		if (it->tmp == NULL)
			continue;
		if (err != 0) {
			it->err = err;
			unlink(it->tmp);
		} else if (temp_place(it->tmp, it->path, it->flags) < 0) {
			it->err = errno;
		}
		free(it->tmp);
		it->tmp = NULL;
	}
	for (i = 0; i < ndirs; i++) {
		int fd = open(dirs[i], O_RDONLY | O_DIRECTORY | O_CLOEXEC);

		if (err == 0 && (fd < 0 || (fsync(fd) < 0 && errno != EINVAL)))
			err = errno;
		if (fd >= 0)
			close(fd);
		free(dirs[i]);
	}
	free(dirs);
	for (i = 0; i < b->n; i++) {
		if (b->v[i].err == 0 && err != 0)
			b->v[i].err = err;	/* placed, but perhaps not durably */
		failed += b->v[i].err != 0;
	}
	return failed;
}

void
file_batch_clear(struct file_batch *b)
{
	size_t i;

	for (i = 0; i < b->n; i++) {
		if (b->v[i].tmp != NULL)
			unlink(b->v[i].tmp);
		free(b->v[i].tmp);
		free(b->v[i].path);
	}
	b->n = 0;
}

void
file_batch_free(struct file_batch *b)
{
	file_batch_clear(b);
	free(b->v);
	b->v = NULL;
	b->cap = 0;
}

/* Is name one of the temporary files temp_write() makes: ".NAME.tmp-XXXXXX"? */
static bool
temp_name(const char *name)
{
	size_t n = strlen(name), i;

	if (n < 13 || name[0] != '.' || memcmp(name + n - 11, ".tmp-", 5) != 0)
		return false;
	for (i = n - 6; i < n; i++)
		if (!ascii_isalpha((unsigned char)name[i]) && !ascii_isdigit((unsigned char)name[i]))
			return false;
	return true;
}

size_t
file_sweep_temps(const char *dir, long age)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	size_t removed = 0;
	time_t now = time(NULL);

	if (d == NULL)
		return 0;
	while ((e = readdir(d)) != NULL) {
		struct stat st;
		char *path;

		if (!temp_name(e->d_name))
			continue;
		path = xasprintf("%s/%s", dir, e->d_name);
		if (lstat(path, &st) == 0 && S_ISREG(st.st_mode) && now - st.st_mtime > age &&
		    unlink(path) == 0)
			removed++;
		free(path);
	}
	closedir(d);
	return removed;
}
