/*
 * story.c: a feed item as an article, and where it goes (see story.h).
 */
#include "story.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "arena.h"
#include "article.h"
#include "feed.h"
#include "feed-int.h"
#include "imported.h"
#include "utf8.h"
#include "util.h"

/* Bytes of body text taken as a title when an item has none, and longest subtitle kept. */
#define STORY_TITLE_WORDS	80
#define STORY_MAX_SUBTITLE	400

char *
story_source_slug(const char *source)
{
	struct imported *imp = imported_new();
	char *name;
	size_t n;

	imp->title = source;
	name = imported_file_name(imp);
	imported_free(imp);
	n = strlen(name);
	if (n >= 3 && strcmp(name + n - 3, ".md") == 0)
		name[n - 3] = '\0';
	if (name[0] == '\0' || strcmp(name, "article") == 0) {
		free(name);
		name = xstrdup("feed");
	}
	return name;
}

char *
story_file_name(const struct imported *imp, unsigned n)
{
	char *name = imported_file_name(imp), *r;
	size_t len = strlen(name);

	if (n <= 1)
		return name;
	if (len >= 3 && strcmp(name + len - 3, ".md") == 0)
		len -= 3;
	r = xasprintf("%.*s-%u.md", (int)len, name, n);
	free(name);
	return r;
}

int
story_subdir(const char *dir, const char *name, char **cause)
{
	char *path = xasprintf("%s/%s", dir, name);
	struct stat st;
	int err = 0;

	if (lstat(path, &st) < 0) {
		if (errno != ENOENT || (mkdir(path, 0777) < 0 && errno != EEXIST) ||
		    lstat(path, &st) < 0)
			err = errno;
	}
	if (err == 0 && S_ISLNK(st.st_mode))
		err = ELOOP;
	else if (err == 0 && !S_ISDIR(st.st_mode))
		err = ENOTDIR;
	if (err != 0) {
		*cause = xasprintf("%s: %s", path, err == ELOOP ?
		    "a symbolic link; stories are written only into real folders" : strerror(err));
		free(path);
		errno = err;
		return -1;
	}
	free(path);
	return 0;
}

bool
story_relpath_ok(const char *rel)
{
	const char *slash = strchr(rel, '/'), *p;

	if (slash == NULL || slash == rel || slash[1] == '\0' || strchr(slash + 1, '/') != NULL)
		return false;
	if (rel[0] == '.' || slash[1] == '.')
		return false;
	for (p = rel; *p != '\0'; p++)
		if ((unsigned char)*p < 0x20 || *p == 0x7f || *p == '\\')
			return false;
	return utf8_valid(rel, strlen(rel));
}

void
story_iso_date(int64_t t, int tz_min, char *out, size_t size)
{
	time_t local = (time_t)(t + (int64_t)tz_min * 60);
	struct tm tm;
	int a = tz_min < 0 ? -tz_min : tz_min;

	gmtime_r(&local, &tm);
	if (tz_min == 0)
		snprintf(out, size, "%04d-%02d-%02dT%02d:%02d:%02dZ", tm.tm_year + 1900,
		    tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec);
	else
		snprintf(out, size, "%04d-%02d-%02dT%02d:%02d:%02d%c%02d:%02d", tm.tm_year + 1900,
		    tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec,
		    tz_min < 0 ? '-' : '+', a / 60, a % 60);
}

/* The plain text of an HTML string, at most max bytes cut at a word, in imp's arena; NULL when none. */
static const char *
story_text_of(struct imported *imp, const char *html, size_t max)
{
	struct buf text = BUF_INIT;
	const char *line, *r;
	size_t n;

	if (html == NULL)
		return NULL;
	feedtext_strip_html(html, strlen(html), &text);
	line = imported_text(imp, text.data != NULL ? text.data : "", text.len, 0);
	buf_free(&text);
	if (line == NULL || (n = strlen(line)) <= max)
		return line;
	n = utf8_cut(line, n, max);
	while (n > max / 2 && line[n] != ' ')
		n--;
	r = imported_text(imp, line, n, 0);
	{
		struct buf b = BUF_INIT;

		buf_adds(&b, r);
		buf_adds(&b, "\xe2\x80\xa6");	/* … */
		r = imported_text(imp, b.data, b.len, 0);
		buf_free(&b);
	}
	return r;
}

/* The item's date as the front matter writes it (the fetch time when it has none), in imp's arena. */
static const char *
story_date(struct imported *imp, const struct story_ctx *ctx, const struct feed_item *it)
{
	struct article_date d;
	char iso[40];

	if (it->has_date && article_parse_date(it->date, &d)) {
		if (!d.has_time)
			snprintf(iso, sizeof iso, "%04d-%02d-%02d", d.year, d.month, d.day);
		else
			story_iso_date(it->date_t, d.has_tz ? d.tz_min : 0, iso, sizeof iso);
	} else {
		story_iso_date(ctx->now, 0, iso, sizeof iso);
	}
	return imported_line(imp, iso);
}

/* The index of the image of imp at path among the first n, or -1. */
static long
story_image_at(const struct imported *imp, size_t n, const char *path)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (imp->images[i].path != NULL && strcmp(imp->images[i].path, path) == 0)
			return (long)i;
	return -1;
}

/*
 * The feed's photos of it into imp, before the figures the body gave
 * (which are there already): a photo that is also a figure once, the
 * figure's caption and credit filling what the feed's entry lacks.
 */
static void
story_images(struct imported *imp, const struct feed_item *it)
{
	size_t nfig = imp->nimages, i;
	struct imported_image *tmp;

	for (i = 0; i < it->nimages; i++) {
		const char *path = imported_line(imp, it->images[i].url);
		long at = path != NULL ? story_image_at(imp, imp->nimages, path) : -1;
		struct imported_image *img, feed;

		feed.path = path;
		feed.caption = imported_line(imp, it->images[i].caption);
		feed.credit = imported_line(imp, it->images[i].credit);
		feed.title = imported_line(imp, it->images[i].title);
		if (path == NULL)
			continue;
		img = at >= 0 ? &imp->images[at] : imported_add_image(imp);
		img->path = path;
		img->caption = feed.caption != NULL ? feed.caption : img->caption;
		img->credit = feed.credit != NULL ? feed.credit : img->credit;
		img->title = feed.title != NULL ? feed.title : img->title;
	}
	if (nfig == 0 || nfig == imp->nimages)
		return;
	/* the feed's own photos first: rotate them before the figures */
	tmp = xcalloc(imp->nimages, sizeof *tmp);
	memcpy(tmp, imp->images + nfig, (imp->nimages - nfig) * sizeof *tmp);
	memcpy(tmp + (imp->nimages - nfig), imp->images, nfig * sizeof *tmp);
	memcpy(imp->images, tmp, imp->nimages * sizeof *tmp);
	free(tmp);
}

/* Drop the images after the first first ones whose path one before them has. */
static void
story_dedupe_images(struct imported *imp, size_t first)
{
	size_t i, k, n = first;

	for (i = first; i < imp->nimages; i++) {
		for (k = 0; k < n; k++)
			if (imp->images[k].path != NULL && imp->images[i].path != NULL &&
			    strcmp(imp->images[k].path, imp->images[i].path) == 0)
				break;
		if (k < n) {
			if (imp->images[k].caption == NULL)
				imp->images[k].caption = imp->images[i].caption;
			if (imp->images[k].credit == NULL)
				imp->images[k].credit = imp->images[i].credit;
			continue;
		}
		imp->images[n++] = imp->images[i];
	}
	imp->nimages = n;
}

struct imported *
story_from_item(const struct story_ctx *ctx, const struct feed_item *it)
{
	struct imported *imp = imported_new();
	const char *body = it->content != NULL ? it->content : it->summary;
	size_t i;

	imp->title = imported_line(imp, it->title);
	if (imp->title == NULL)
		imp->title = story_text_of(imp, body, STORY_TITLE_WORDS);
	if (imp->title == NULL)
		imp->title = imported_line(imp, "Untitled");
	if (it->content != NULL && it->summary != NULL)
		imp->subtitle = story_text_of(imp, it->summary, STORY_MAX_SUBTITLE);
	imp->source = imported_line(imp, ctx->source);
	imp->url = imported_line(imp, it->link);
	imp->id = imported_line(imp, it->id);
	imp->date = story_date(imp, ctx, it);
	for (i = 0; i < it->nauthors; i++)
		imported_add_author(imp, imported_line(imp, it->authors[i]));
	for (i = 0; i < it->ntags; i++)
		imported_add_tag(imp, imported_line(imp, it->tags[i]));
	if (body != NULL)
		imported_html_fragment(imp, body, strlen(body), it->base);
	story_images(imp, it);
	if (ctx->people && imp->nparas > 0)
		imported_find_people(imp);
	return imp;
}

void
story_merge_page(struct imported *imp, const struct imported *page)
{
	size_t i, nimg = imp->nimages;

	imp->nparas = 0;
	for (i = 0; i < page->nparas; i++)
		imported_add_para(imp, arena_strdup(imp->arena, page->paras[i]));
	for (i = 0; i < page->nimages; i++) {
		struct imported_image *im = imported_add_image(imp);

		im->path = imported_line(imp, page->images[i].path);
		im->caption = imported_line(imp, page->images[i].caption);
		im->credit = imported_line(imp, page->images[i].credit);
		im->title = imported_line(imp, page->images[i].title);
	}
	story_dedupe_images(imp, nimg);
	if (imp->subtitle == NULL)
		imp->subtitle = imported_line(imp, page->subtitle);
	for (i = 0; imp->nauthors == 0 && i < page->nauthors; i++)
		imported_add_author(imp, imported_line(imp, page->authors[i]));
}
