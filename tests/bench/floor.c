/*
 * floor.c: the raw-read floor of the index benchmark (make bench).
 *
 *   floor PATH...
 *
 * Walks PATH the way byline's library scan does (readdir, hidden entries
 * skipped, names sorted, folders recursed, *.md, *.markdown and *.txt taken),
 * and opens, fstat()s and reads every file whole, then closes it. Nothing is
 * parsed. Prints "files N bytes B" so the work cannot be skipped. This is
 * what any reader of these files must at least do when it reads them all;
 * byline reads only the front matter, so it can in principle go under it.
 */
#define _POSIX_C_SOURCE 200809L
#define _DEFAULT_SOURCE		/* d_type */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static unsigned long long nfiles, nbytes, sum;
static char *buf;
static size_t bufcap;

static void *
xrealloc(void *p, size_t n)
{
	p = realloc(p, n);
	if (p == NULL) {
		perror("floor");
		exit(1);
	}
	return p;
}

static int
is_article(const char *name)
{
	const char *dot = strrchr(name, '.');

	return dot != NULL && (strcmp(dot, ".md") == 0 || strcmp(dot, ".markdown") == 0 ||
	    strcmp(dot, ".txt") == 0);
}

static void
read_file(const char *path)
{
	struct stat st;
	size_t len = 0, need;
	ssize_t r;
	int fd = open(path, O_RDONLY | O_NOCTTY | O_CLOEXEC);

	if (fd < 0) {
		fprintf(stderr, "floor: %s: %s\n", path, strerror(errno));
		return;
	}
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode)) {
		close(fd);
		return;
	}
	need = (size_t)st.st_size + 1;
	if (need > bufcap) {
		bufcap = need * 2;
		buf = xrealloc(buf, bufcap);
	}
	for (;;) {
		if (len == bufcap) {
			bufcap *= 2;
			buf = xrealloc(buf, bufcap);
		}
		r = read(fd, buf + len, bufcap - len);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			break;
		len += (size_t)r;
	}
	close(fd);
	nfiles++;
	nbytes += len;
	if (len > 0)
		sum += (unsigned char)buf[len / 2];
}

struct dent {
	char		*name;
	unsigned char	 type;
};

static int
cmp(const void *a, const void *b)
{
	return strcmp(((const struct dent *)a)->name, ((const struct dent *)b)->name);
}

/* path holds plen bytes and room for pcap; it is restored on return. */
static void
walk(char *path, size_t plen, size_t pcap)
{
	DIR *d = opendir(path);
	struct dirent *de;
	struct dent *ents = NULL;
	size_t n = 0, cap = 0, i;

	if (d == NULL) {
		fprintf(stderr, "floor: %s: %s\n", path, strerror(errno));
		return;
	}
	while ((de = readdir(d)) != NULL) {
		if (de->d_name[0] == '.')
			continue;	/* hidden entries, "." and ".." */
		if (n == cap) {
			cap = cap ? cap * 2 : 64;
			ents = xrealloc(ents, cap * sizeof *ents);
		}
		ents[n].name = strdup(de->d_name);
		ents[n].type = de->d_type;
		n++;
	}
	closedir(d);
	if (n > 1)
		qsort(ents, n, sizeof *ents, cmp);
	for (i = 0; i < n; i++) {
		size_t l = strlen(ents[i].name);
		int is_dir = ents[i].type == DT_DIR;
		struct stat st;

		if (plen + l + 2 > pcap) {
			fprintf(stderr, "floor: path too long\n");
			exit(1);
		}
		path[plen] = '/';
		memcpy(path + plen + 1, ents[i].name, l + 1);
		if (ents[i].type == DT_LNK || ents[i].type == DT_UNKNOWN)
			is_dir = stat(path, &st) == 0 && S_ISDIR(st.st_mode);
		if (is_dir)
			walk(path, plen + 1 + l, pcap);
		else if (is_article(ents[i].name))
			read_file(path);
		free(ents[i].name);
	}
	path[plen] = '\0';
	free(ents);
}

int
main(int argc, char **argv)
{
	static char path[8192];
	int i;

	for (i = 1; i < argc; i++) {
		struct stat st;
		size_t l = strlen(argv[i]);

		if (stat(argv[i], &st) < 0) {
			fprintf(stderr, "floor: %s: %s\n", argv[i], strerror(errno));
			return 1;
		}
		if (!S_ISDIR(st.st_mode)) {
			read_file(argv[i]);
			continue;
		}
		if (l + 1 > sizeof path)
			return 1;
		memcpy(path, argv[i], l + 1);
		while (l > 1 && path[l - 1] == '/')
			path[--l] = '\0';
		walk(path, l, sizeof path);
	}
	printf("files %llu bytes %llu (%llu)\n", nfiles, nbytes, sum);
	return 0;
}
