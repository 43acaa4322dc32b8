/*
 * conventions.h: what other tools write into article files, read as the
 * article's own fields. Internal to the loader (article.c).
 *
 *	- Jekyll names a post YYYY-MM-DD-slug.md: the date, when the front
 *	  matter gives none;
 *	- web clippers (Obsidian's among them) put the photo in the body, as
 *	  an inline Markdown image with an italic caption line under it: an
 *	  image with its caption and credit, the caption line hidden from the
 *	  body (article_image.hide_start and hide_end).
 */
#ifndef BYLINE_CONVENTIONS_H
#define BYLINE_CONVENTIONS_H

struct article;

/* Take the date from a file name YYYY-MM-DD-slug when a has none. Can't fail. */
void conventions_date_from_name(struct article *a);

/*
 * Add the images of a's Markdown body (an image alone on its line, then an
 * italic caption line, maybe after one blank line) to a->images, after
 * those of the front matter. At most 64 are taken. Can't fail.
 */
void conventions_body_images(struct article *a);

#endif
