/*
 * imported.h: an article taken from outside (a plain-text file, a saved web
 * page, a feed item) on its way into the article format.
 *
 * A struct imported holds everything an article file gets: the front
 * matter's fields and the body as Markdown blocks. The importers fill one
 * (imported_from_text() for plain text, imported_from_html() for a whole web
 * page, imported_html_fragment() for a piece of HTML such as a feed item's
 * content, the caller for the rest); imported_find_people() adds the people
 * the analysis engine finds in the body; imported_render() turns it into
 * the bytes of an article file (YAML front matter through libyaml's
 * emitter, then the body); imported_write() writes those bytes under a safe
 * file name with file_write_atomic().
 *
 * Every string in a struct imported lives in its arena and is valid UTF-8
 * without control characters (a body block keeps its newlines). Text from
 * outside goes in through imported_text() or imported_line(), which make it
 * so; the renderer checks again, so no raw control character ever reaches a
 * file or a terminal whatever a caller stores.
 */
#ifndef BYLINE_IMPORTED_H
#define BYLINE_IMPORTED_H

#include <stdbool.h>
#include <stddef.h>

#include "util.h"

struct arena;

/* A person the body names, as the analysis engine found them. */
struct imported_person {
	const char	*name;		/* never NULL */
	const char	*role;		/* or NULL */
};

/* A photo: any field may be NULL. */
struct imported_image {
	const char	*title;		/* the alt text, when it says more than the caption */
	const char	*caption;	/* what the photo shows */
	const char	*credit;	/* who took it: "Ann Lee/Example Photo" */
	const char	*path;		/* where the image is: an absolute URL or a path */
};

/* A note that the article was changed. */
struct imported_update {
	const char	*date;		/* as printed */
	const char	*note;
};

/*
 * One article on its way in. Every pointer is into arena (or NULL); the
 * arrays are this struct's, released with imported_free().
 */
struct imported {
	struct arena		*arena;
	const char		*title;		/* an importer always sets it */
	const char		*subtitle;	/* the standfirst or description */
	const char		*source;	/* the publication's name */
	const char		*url;		/* where the article is on the web */
	const char		*id;		/* a stable key (the canonical URL) */
	const char		*date;		/* as published: "2021-04-14",
						   "2021-04-14T09:30:00+01:00" */
	const char		**authors;	/* names only */
	size_t			  nauthors;
	const char		**tags;
	size_t			  ntags;
	struct imported_person	 *people;
	size_t			  npeople;
	struct imported_image	 *images;
	size_t			  nimages;
	struct imported_update	 *updates;
	size_t			  nupdates;
	const char		**paras;	/* the body: Markdown blocks in order, each
						   without blank lines ("## A heading",
						   "> quoted", "- item\n- item", or text
						   escaped so that it shows as written) */
	size_t			  nparas;
	size_t			  cap[6];	/* the arrays' capacities (private) */
};

/* A new, empty import with its own arena. Can't fail; free with imported_free(). */
struct imported *imported_new(void);

/* Release imp, its arrays and its arena. NULL is allowed. */
void imported_free(struct imported *imp);

/* Flags for imported_text(). */
#define IMPORTED_LINES	0x1	/* keep line breaks (else each becomes a space) */

/*
 * A copy of s[0..len) in imp's arena made fit for an article: invalid UTF-8
 * as U+FFFD; control characters, bidirectional controls and zero-width
 * spaces dropped; no-break and other Unicode spaces as plain spaces; runs of
 * spaces folded to one and the ends trimmed (with IMPORTED_LINES, line
 * breaks kept, at most one blank line in a row). Returns NULL when nothing
 * is left. Can't fail.
 */
const char *imported_text(struct imported *imp, const char *s, size_t len, int flags);

/* imported_text() of the NUL-terminated s on one line; NULL for NULL or nothing left. */
const char *imported_line(struct imported *imp, const char *s);

/* Append to the lists (the strings must be imp's, e.g. from imported_line()); NULL is ignored. */
void imported_add_author(struct imported *imp, const char *name);
void imported_add_tag(struct imported *imp, const char *tag);
void imported_add_update(struct imported *imp, const char *date, const char *note);

/* Append one body block (Markdown, imp's string); NULL or "" is ignored. */
void imported_add_para(struct imported *imp, const char *markdown);

/* Append an image with every field NULL and return it (valid until the next add). */
struct imported_image *imported_add_image(struct imported *imp);

/*
 * Append text (len bytes) to out escaped for Markdown, so that a Markdown
 * renderer shows exactly the text: block markers at a line's start and the
 * inline markers (*, _, `, [, <, an entity's &...) escaped with a backslash,
 * but nothing inside a web address (http://, https://, ftp://), which a
 * renderer would otherwise cut at the backslash. Can't fail.
 */
void imported_md_escape(struct buf *out, const char *text, size_t len);

/*
 * Does data (len bytes) look like an HTML page: a doctype, <html, <head or
 * <body near its start (after a byte-order mark, blank space and comments)?
 */
bool imported_is_html(const char *data, size_t len);

/*
 * Read file ("-": standard input) whole into out, at most ARTICLE_MAX_FILE
 * bytes. Returns 0, or -1 with *cause (the caller frees) saying why (no
 * file name in it).
 */
int imported_read(const char *file, struct buf *out, char **cause);

/*
 * The plain-text importer: the first line is the title; paragraphs made
 * only of "Update MM/DD/YY ...: note" lines become updates; a trailing photo
 * block (a title line, then a caption ending in a credit such as
 * "Name/Agency") becomes the image; the rest is the body, escaped so that it
 * shows as written. Fills imp (which should be new). Returns 0, or -1 with
 * *cause (the caller frees): UTF-16 input, binary data (a NUL byte, or more
 * than one control character in ten, in the first 64 KiB), or no text.
 */
int imported_from_text(struct imported *imp, const char *data, size_t len, char **cause);

/* The cause imported_from_html() gives for a page without an article. */
#define IMPORTED_NO_TEXT	"no article text found"

/*
 * The HTML importer: a whole web page (len bytes in any encoding it
 * declares or that can be guessed) into imp (which should be new): the
 * metadata (JSON-LD, OpenGraph, Twitter cards, <meta>, Dublin Core,
 * Parse.ly, <time>, <link rel=canonical>, <title>), the article's body
 * without the page's clutter as Markdown blocks, and its photos with
 * captions and credits. base_url (may be NULL) is where the page came from:
 * it resolves relative addresses and stands in for the url and site name
 * the page does not give. Never touches the network and prints nothing.
 * Returns 0, or -1 with *cause (the caller frees): IMPORTED_NO_TEXT when
 * the page has no body text.
 */
int imported_from_html(struct imported *imp, const char *data, size_t len,
    const char *base_url, char **cause);

/*
 * An HTML fragment (a feed item's content:encoded, Atom content or
 * description; UTF-8 or with a declared encoding) into body blocks appended
 * to imp->paras, and the figures found in it appended to imp->images, with
 * relative links and image paths made absolute against base_url (may be
 * NULL). The whole fragment is the article: no boilerplate is removed
 * beyond scripts, styles, forms and hidden elements. Returns the number of
 * blocks added (0 when the fragment holds no text). Can't fail.
 */
size_t imported_html_fragment(struct imported *imp, const char *html, size_t len,
    const char *base_url);

/*
 * Find the people of imp's body with the analysis engine (through the
 * reading sequence the reader uses, on the article as rendered) and store
 * them in imp->people, replacing any there; the photographers (anyone the
 * engine calls one, or named in a credit) are left out. Can't fail.
 */
void imported_find_people(struct imported *imp);

/*
 * Append the article file for imp to out: "---", the front matter (written
 * by libyaml's emitter: every field quoted as YAML needs, one image as
 * "image", several as "images"), "---", then the body blocks separated by
 * blank lines. Returns 0, or -1 with *cause (the caller frees) when imp has
 * no title, the front matter would pass ARTICLE_MAX_FRONTMATTER or libyaml
 * refused.
 */
int imported_render(const struct imported *imp, struct buf *out, char **cause);

/*
 * The file name for imp: "YYYY-MM-DD-slug.md" when its date starts with a
 * valid date, else "slug.md"; the slug is the title's ASCII letters and
 * digits in lower case, words joined by "-", cut at a word near 60 bytes
 * ("article" when nothing is left). The caller frees it.
 */
char *imported_file_name(const struct imported *imp);

/* Flags for imported_write(). */
#define IMPORTED_FORCE	0x1	/* replace a file of the same name */

/*
 * Render imp and write it into folder dir (NULL or "": the current folder;
 * created with its parents when missing) under imported_file_name(),
 * atomically, never replacing a file
 * unless IMPORTED_FORCE. Returns 0 with *path (the caller frees) the file
 * written, or -1 with errno (EEXIST: the file exists) and *cause (the
 * caller frees) saying why.
 */
int imported_write(const struct imported *imp, const char *dir, int flags, char **path,
    char **cause);

#endif
