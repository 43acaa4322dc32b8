/*
 * fileio.c: atomic file writes, folders made on the way (see fileio.h).
 */
#define _GNU_SOURCE		/* renameat2(), RENAME_NOREPLACE (glibc 2.28) */
#include "fileio.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
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

int
file_write_atomic(const char *path, const void *data, size_t len, unsigned flags,
    char **cause)
{
	char *real = NULL, *dir, *tmp, *base;
	const char *dest = path;
	mode_t mask;
	int fd, err = 0;

	if (flags & FW_KEEPLINK) {
		if ((real = path_follow_links(path)) == NULL) {
			err = errno;
			goto fail_early;
		}
		dest = real;
	}
	dir = dir_of(dest);
	base = strrchr(dest, '/');
	base = base != NULL ? base + 1 : (char *)dest;
	tmp = xasprintf("%s/.%s.tmp-XXXXXX", dir, base);
	free(dir);
	if ((fd = mkstemp(tmp)) < 0) {
		err = errno;
		free(tmp);
		goto fail_early;
	}
	if (!(flags & FW_PRIVATE)) {
		mask = umask(0);
		umask(mask);
		if (fchmod(fd, 0666 & ~mask) < 0)
			err = errno;
	}
	if (err == 0 && write_all(fd, data, len) < 0)
		err = errno;
	if (err == 0 && !(flags & FW_NOSYNC) && fsync(fd) < 0)
		err = errno;
	if (close(fd) < 0 && err == 0)
		err = errno;
	if (err == 0) {
		if (flags & FW_NOREPLACE) {
			if (rename_noreplace(tmp, dest) < 0)
				err = errno;
		} else if (rename(tmp, dest) < 0) {
			err = errno;
		}
	}
	if (err != 0)
		unlink(tmp);
	free(tmp);
	if (err == 0 && !(flags & FW_NOSYNC) && fsync_parent(dest) < 0)
		err = errno;
	if (err != 0)
		goto fail_early;
	free(real);
	return 0;
fail_early:
	if (cause != NULL)
		*cause = xasprintf("%s: %s", path, strerror(err));
	free(real);
	errno = err;
	return -1;
}
