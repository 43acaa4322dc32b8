/*
 * story.h: where a fetched story goes in the library, and how it becomes
 * an article.
 *
 * A story from a feed is written as DIR/<source-slug>/YYYY-MM-DD-<title-slug>.md
 * (the slugs are the import layer's: ASCII letters and digits, words joined
 * by "-", cut near 60 bytes; a name in use gets "-2", "-3"... before ".md").
 * No name holds a "/", starts with "." or is "..", so every file stays inside
 * DIR; a source folder that is a symbolic link or not a folder is refused.
 */
#ifndef BYLINE_STORY_H
#define BYLINE_STORY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct feed;
struct feed_item;
struct imported;

/* Most "-N" tried for a free name. */
#define STORY_MAX_CLASH 1000

/*
 * The folder name for the stories of source (a publication's name): its
 * slug, "feed" when nothing is left of it. The caller frees it.
 */
char *story_source_slug(const char *source);

/*
 * The file name for imp: imported_file_name() for n <= 1, else the same
 * with "-n" before ".md". The caller frees it.
 */
char *story_file_name(const struct imported *imp, unsigned n);

/*
 * Make sure the folder dir/name exists and is a real folder, not a
 * symbolic link (created with mode 0777 less the umask when missing).
 * Returns 0, or -1 with errno (ELOOP: a link; ENOTDIR: not a folder) and
 * *cause (the caller frees).
 */
int story_subdir(const char *dir, const char *name, char **cause);

/*
 * Is rel a path a story may have inside DIR: "folder/file.md", neither part
 * empty, ".", "..", hidden, or holding a control character?
 */
bool story_relpath_ok(const char *rel);

/*
 * A date as the front matter writes it: "YYYY-MM-DDTHH:MM:SS+HH:MM" for
 * epoch seconds t in the zone tz_min minutes east of UTC ("Z" for 0), into
 * out (at least 26 bytes).
 */
void story_iso_date(int64_t t, int tz_min, char *out, size_t size);

/* What story_from_item() takes besides the item. */
struct story_ctx {
	const struct feed	*feed;
	const char		*source;	/* the publication's name (never NULL) */
	int64_t			 now;		/* the date of a story without one */
	bool			 people;	/* find the people in the body */
};

/*
 * A new struct imported for one feed item (free it with imported_free()):
 * title (else the body's first words), subtitle (a short summary beside
 * the content), source, url, id, date (ISO 8601, the fetch time when the
 * item has none), authors, tags, the feed's photos with captions and
 * credits, the body through the HTML engine (its figures joining the
 * photos, each URL once), and the people in it when ctx->people. Can't
 * fail.
 */
struct imported *story_from_item(const struct story_ctx *ctx, const struct feed_item *it);

/*
 * A story downloaded whole (--full): imp (from the feed) takes the body of
 * page (the HTML import of its own page) and its photos (each URL once),
 * and its subtitle and authors where the feed gave none. Can't fail.
 */
void story_merge_page(struct imported *imp, const struct imported *page);

#endif
