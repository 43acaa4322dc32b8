/*
 * html-figure.c: the photos of the article, with their captions and
 * credits (see html-int.h).
 *
 * A <figure> with an image (an <img>, a <picture>, a lazy-loading data-src
 * or srcset) becomes an image: its <figcaption> (or an element whose class
 * says caption) is the caption, an element in it whose class says credit,
 * copyright or photographer is the credit, else the credit is split out of
 * the caption's text ("Photo: X", "(Getty Images)", "X/Agency"); the alt
 * text is the title when it says more than the caption, and the caption
 * when there is none. An image outside a figure is taken the same way
 * when a caption stands beside it. Images with neither caption nor alt
 * text, icons, logos, avatars and tracking pixels are left out. The lead
 * image of the metadata joins them once, first, with the caption the page
 * gives it, if any. Figures with an image leave the body.
 */
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "html-int.h"
#include "strmap.h"
#include "util.h"

/* Longest caption or credit kept, in bytes; smallest photo, in pixels. */
#define FIGURE_MAX_TEXT		2000
#define FIGURE_MIN_SIZE		100

/* Attributes that hold the address of a lazily loaded image, in order of trust. */
static const char *const figure_lazy[] = {
	"data-src", "data-original", "data-lazy-src", "data-url", "data-hi-res-src",
	"data-full-src", "data-lazy", "data-image", NULL,
};

/* Class or id fragments of captions and of credits (lower case). */
static const char *const figure_caption_hints[] = {
	"caption", "figcaption", "legend", "image-desc", "photo-desc", "img-desc", NULL,
};
static const char *const figure_credit_hints[] = {
	"credit", "copyright", "photographer", "attribution", "image-source", "photo-source",
	"courtesy", "source", NULL,
};

/* Class, id or address fragments of images that are no photos. */
static const char *const figure_not_photo[] = {
	"icon", "logo", "avatar", "sprite", "pixel", "spacer", "tracking", "emoji", "badge",
	"gravatar", "button", "blank.gif", "1x1", NULL,
};

/* The first address in a srcset ("a.jpg 320w, b.jpg 800w") with the largest width. */
static const char *
figure_srcset(struct hpage *pg, const char *set)
{
	const char *p = set, *best = NULL;
	size_t bestlen = 0;
	long bestw = -1;

	while (*p != '\0') {
		const char *u, *e;
		long w = 0;

		while (*p == ' ' || *p == ',' || *p == '\n' || *p == '\t')
			p++;
		for (u = p; *p != '\0' && *p != ' ' && *p != '\n' && *p != '\t'; p++)
			continue;
		e = p;
		if (e > u && e[-1] == ',')
			e--;
		while (*p == ' ')
			p++;
		if (ascii_isdigit((unsigned char)*p))
			w = strtol(p, NULL, 10);
		while (*p != '\0' && *p != ',')
			p++;
		if (e > u && w > bestw) {
			best = u;
			bestlen = (size_t)(e - u);
			bestw = w;
		}
	}
	return best != NULL ? arena_strndup(pg->imp->arena, best, bestlen) : NULL;
}

/* Is the address s usable (not a placeholder data: URI, not empty)? */
static bool
figure_usable(const char *s)
{
	return s != NULL && s[0] != '\0' && ascii_strncasecmp(s, "data:", 5) != 0;
}

const char *
hfigure_src(struct hpage *pg, const xmlNode *img)
{
	const char *s = NULL, *set;
	const xmlNode *src, *pic;
	size_t k;

	for (k = 0; figure_lazy[k] != NULL && !figure_usable(s); k++)
		s = hdom_attr(img, figure_lazy[k]);
	if (!figure_usable(s))
		s = hdom_attr(img, "src");
	if (!figure_usable(s) && (set = hdom_attr(img, "srcset")) != NULL)
		s = figure_srcset(pg, set);
	if (!figure_usable(s) && (set = hdom_attr(img, "data-srcset")) != NULL)
		s = figure_srcset(pg, set);
	/* a <picture>'s <source> (which libxml2, not knowing it empty, may wrap the <img> in) */
	for (pic = img->parent, k = 0; !figure_usable(s) && pic != NULL && k < 3;
	    pic = pic->parent, k++) {
		if (hdom_tag(pic) != H_PICTURE)
			continue;
		for (src = pic; src != NULL && !figure_usable(s);
		    src = hdom_next((xmlNodePtr)(uintptr_t)src, pic, true))
			if (hdom_tag(src) == H_SOURCE && (set = hdom_attr(src, "srcset")) != NULL)
				s = figure_srcset(pg, set);
		break;
	}
	return figure_usable(s) ? html_absolute(pg, s) : NULL;
}

/* Is img an icon, a logo, a pixel: no photo? */
static bool
figure_not_a_photo(const xmlNode *img, const char *src)
{
	const char *w = hdom_attr(img, "width"), *h = hdom_attr(img, "height");
	char hints[512], low[256];
	size_t i;

	if ((w != NULL && atoi(w) > 0 && atoi(w) < FIGURE_MIN_SIZE) ||
	    (h != NULL && atoi(h) > 0 && atoi(h) < FIGURE_MIN_SIZE))
		return true;
	hdom_class_id(img, hints);
	if (hdom_hint(hints, figure_not_photo))
		return true;
	for (i = 0; src != NULL && src[i] != '\0' && i < sizeof low - 1; i++)
		low[i] = (char)ascii_tolower((unsigned char)src[i]);
	low[i] = '\0';
	return src != NULL && hdom_hint(low, figure_not_photo);
}

/* A credit element's text without the word that labels it ("Credit...", "Photo"). */
static const char *
figure_credit_text(struct hpage *pg, const char *t)
{
	static const char *const words[] = { "credit", "credits", "photo", "image", "source", NULL };
	const char *cr = NULL, *p;
	size_t k, n;

	if (t == NULL)
		return NULL;
	hclean_credit(pg, t, &cr);
	if (cr != NULL)
		return cr;
	for (k = 0; words[k] != NULL; k++) {
		n = strlen(words[k]);
		if (ascii_strncasecmp(t, words[k], n) != 0 || ascii_isalpha((unsigned char)t[n]))
			continue;
		for (p = t + n; *p != '\0' && !ascii_isalpha((unsigned char)*p) &&
		    !ascii_isdigit((unsigned char)*p) && (unsigned char)*p < 0x80; p++)
			continue;
		return *p != '\0' ? imported_line(pg->imp, p) : NULL;
	}
	return t;
}

/* Is c the caption's last element, a <cite> or <small> (a credit by its place)? */
static bool
figure_credit_by_place(const xmlNode *c)
{
	const xmlNode *s;

	if (hdom_tag(c) != H_OTHER && hdom_tag(c) != H_SMALL)
		return false;
	if (hdom_tag(c) == H_OTHER && strcmp((const char *)c->name, "cite") != 0)
		return false;
	for (s = c->next; s != NULL; s = s->next)
		if (s->type == XML_ELEMENT_NODE || !hdom_blank((const char *)s->content))
			return false;
	return c->prev != NULL;
}

/* The text of n without its credit elements (their text to *credit). */
static const char *
figure_caption_text(struct hpage *pg, xmlNodePtr n, const char **credit)
{
	xmlNodePtr c, next;
	char hints[512];

	for (c = n->children; c != NULL; c = next) {
		next = hdom_next(c, n, true);
		if (c->type != XML_ELEMENT_NODE)
			continue;
		hdom_class_id(c, hints);
		if (!hdom_hint(hints, figure_credit_hints) &&
		    !(c->parent == n && figure_credit_by_place(c)))
			continue;
		if (*credit == NULL)
			*credit = figure_credit_text(pg, hdom_text_line(pg, c));
		next = hdom_next(c, n, false);
		hdom_remove(c);
	}
	return hdom_text_line(pg, n);
}

/* The caption element of figure f: its <figcaption>, else an element whose class says caption. */
static xmlNodePtr
figure_caption_of(xmlNodePtr f)
{
	xmlNodePtr c, found;
	char hints[512];

	if ((found = hdom_find(f, H_FIGCAPTION)) != NULL)
		return found;
	for (c = f->children; c != NULL; c = hdom_next(c, f, true)) {
		if (c->type != XML_ELEMENT_NODE || hdom_tag(c) == H_IMG)
			continue;
		hdom_class_id(c, hints);
		if (hdom_hint(hints, figure_caption_hints))
			return c;
	}
	return NULL;
}

/* Cut s (in the arena) to at most max bytes at a word. */
static const char *
figure_cap(struct hpage *pg, const char *s, size_t max)
{
	size_t n;

	if (s == NULL || strlen(s) <= max)
		return s;
	for (n = max; n > 0 && s[n] != ' '; n--)
		continue;
	return imported_text(pg->imp, s, n > 0 ? n : max, 0);
}

/* Does the alt text say something (not a file name, not "image")? */
static bool
figure_alt_says(const char *alt)
{
	size_t n;

	if (alt == NULL || (n = strlen(alt)) < 4 || strchr(alt, ' ') == NULL)
		return false;
	return !(ascii_endswith(alt, n, ".jpg") || ascii_endswith(alt, n, ".png") ||
	    ascii_endswith(alt, n, ".jpeg") || ascii_endswith(alt, n, ".gif") ||
	    ascii_endswith(alt, n, ".webp"));
}

/* The alt text, clean, without the markup some pages leave in it ("a<br><small>b</small>"). */
static const char *
figure_alt(struct hpage *pg, const char *alt)
{
	struct buf b = BUF_INIT;
	const char *r, *p;
	bool tag = false;

	if (alt == NULL || strchr(alt, '<') == NULL)
		return imported_line(pg->imp, alt);
	for (p = alt; *p != '\0'; p++) {
		if (*p == '<' && (ascii_isalpha((unsigned char)p[1]) || p[1] == '/'))
			tag = true;
		else if (*p == '>' && tag)
			tag = false, buf_addc(&b, ' ');
		else if (!tag)
			buf_addc(&b, *p);
	}
	r = imported_line(pg->imp, b.data);
	buf_free(&b);
	return r;
}

/* caption without a label a screen reader hears first ("Image caption, ..."). */
static const char *
figure_unlabel(struct hpage *pg, const char *caption)
{
	static const char *const labels[] = {
		"image caption, ", "image caption: ", "image caption ", "photo caption: ",
		"caption: ", "caption, ", NULL,
	};
	size_t k;

	for (k = 0; caption != NULL && labels[k] != NULL; k++)
		if (ascii_strncasecmp(caption, labels[k], strlen(labels[k])) == 0)
			return imported_line(pg->imp, caption + strlen(labels[k]));
	return caption;
}

/*
 * Add an image: path, the caption element cap or the caption text captext,
 * the alt text; unless its address was taken already. Returns whether it
 * was added.
 */
static bool
figure_add(struct hpage *pg, const char *path, xmlNodePtr cap, const char *captext,
    const char *alt)
{
	struct imported_image *im;
	const char *caption = captext, *credit = NULL;
	bool added = true;

	if (path != NULL)
		strmap_put(&pg->seen_images, path, strlen(path), &added);
	if (!added)
		return false;
	if (cap != NULL)
		caption = figure_unlabel(pg, figure_caption_text(pg, cap, &credit));
	if (caption != NULL && credit == NULL)
		caption = hclean_credit(pg, caption, &credit);
	alt = figure_alt(pg, alt);
	if (caption == NULL && !figure_alt_says(alt))
		return false;
	im = imported_add_image(pg->imp);
	im->path = path;
	im->caption = figure_cap(pg, caption != NULL ? caption : alt, FIGURE_MAX_TEXT);
	im->credit = figure_cap(pg, credit, FIGURE_MAX_TEXT / 4);
	if (caption != NULL && figure_alt_says(alt) && !hclean_same(alt, caption) &&
	    hclean_similar(caption, alt) < 0.9)
		im->title = figure_cap(pg, alt, FIGURE_MAX_TEXT / 4);
	return true;
}

/* The first photo <img> below n (or n itself), or NULL. */
static xmlNodePtr
figure_img(struct hpage *pg, xmlNodePtr n, const char **src)
{
	xmlNodePtr c;

	for (c = n; c != NULL; c = hdom_next(c, n, true))
		if (hdom_tag(c) == H_IMG && (*src = hfigure_src(pg, c)) != NULL &&
		    !figure_not_a_photo(c, *src))
			return c;
	*src = NULL;
	return NULL;
}

/*
 * A credit in figure f outside its caption cap: an element whose class says
 * credit, or text that starts "Image source", "Photo:"... NULL when none.
 */
static const char *
figure_credit_outside(struct hpage *pg, xmlNodePtr f, xmlNodePtr cap)
{
	static const char *const labels[] = {
		"image source, ", "image source: ", "image source ", "photo: ", "photo credit: ",
		"credit: ", "source: ", "foto: ", NULL,
	};
	xmlNodePtr c;
	char hints[512];
	const char *t;
	size_t k;

	for (c = f->children; c != NULL; ) {
		if (c == cap || c->type != XML_ELEMENT_NODE || hdom_tag(c) == H_IMG) {
			c = hdom_next(c, f, c != cap);
			continue;
		}
		hdom_class_id(c, hints);
		if (hdom_hint(hints, figure_credit_hints) && (t = hdom_text_line(pg, c)) != NULL)
			return figure_credit_text(pg, t);
		if (hdom_info(c) != NULL && hdom_info(c)->text < 200 &&
		    (t = hdom_text_line(pg, c)) != NULL)
			for (k = 0; labels[k] != NULL; k++)
				if (ascii_strncasecmp(t, labels[k], strlen(labels[k])) == 0 &&
				    t[strlen(labels[k])] != '\0')
					return imported_line(pg->imp, t + strlen(labels[k]));
		c = hdom_next(c, f, true);
	}
	return NULL;
}

/* A <figure>: its image and caption to the images; it leaves the body when it had an image. */
static void
figure_figure(struct hpage *pg, xmlNodePtr f)
{
	const char *src;
	xmlNodePtr img = figure_img(pg, f, &src);

	if (img == NULL && hdom_find(f, H_IMG) == NULL && hdom_find(f, H_PICTURE) == NULL)
		return;		/* a figure of text or code stays */
	if (img != NULL) {
		xmlNodePtr cap = figure_caption_of(f);
		const char *credit = figure_credit_outside(pg, f, cap);

		if (figure_add(pg, src, cap, NULL, hdom_attr(img, "alt")) && credit != NULL &&
		    pg->imp->images[pg->imp->nimages - 1].credit == NULL)
			pg->imp->images[pg->imp->nimages - 1].credit = credit;
	}
	hdom_remove(f);
}

/* The caption beside img (a sibling or a parent's child whose class says caption), or NULL. */
static xmlNodePtr
figure_beside(xmlNodePtr img, xmlNodePtr *box)
{
	xmlNodePtr up = img, c;
	char hints[512];
	int level;

	for (level = 0; level < 3 && up->parent != NULL && hdom_info(up->parent) != NULL;
	    level++) {
		up = up->parent;
		if (hdom_info(up)->text > FIGURE_MAX_TEXT)
			return NULL;
		for (c = up->children; c != NULL; c = c->next) {
			if (c->type != XML_ELEMENT_NODE)
				continue;
			hdom_class_id(c, hints);
			if (hdom_hint(hints, figure_caption_hints)) {
				*box = up;
				return c;
			}
		}
		hdom_class_id(up, hints);
		if (hdom_hint(hints, figure_caption_hints) && strstr(hints, "caption-text") == NULL) {
			*box = up;
			return NULL;
		}
	}
	return NULL;
}

/* An image outside a figure: a photo with a caption beside it, or a telling alt text. */
static void
figure_loose(struct hpage *pg, xmlNodePtr img)
{
	const char *src = hfigure_src(pg, img);
	xmlNodePtr box = NULL, cap;

	if (src == NULL || figure_not_a_photo(img, src))
		return;
	cap = figure_beside(img, &box);
	figure_add(pg, src, cap, NULL, hdom_attr(img, "alt"));
	if (box != NULL && cap != NULL)
		hdom_remove(cap);
}

void
hfigure_collect(struct hpage *pg, xmlNodePtr content)
{
	xmlNodePtr n, next;

	if (pg->fragment) {
		hdom_info_init(pg, content);
		hdom_measure(content);
	}
	for (n = content; n != NULL; n = next) {
		enum htag tag = hdom_tag(n);

		if (tag == H_FIGURE) {
			next = hdom_next(n, content, false);
			figure_figure(pg, n);
		} else if (tag == H_IMG) {
			figure_loose(pg, n);	/* may remove the caption after n, never n */
			next = hdom_next(n, content, false);
		} else {
			next = hdom_next(n, content, true);
		}
	}
}

/* Are a and b the same image (the same address, or the same file name)? */
static bool
figure_same_image(const char *a, const char *b)
{
	const char *fa = strrchr(a, '/'), *fb = strrchr(b, '/');
	size_t la, lb;

	if (strcmp(a, b) == 0)
		return true;
	if (fa == NULL || fb == NULL)
		return false;
	la = strcspn(fa, "?#");
	lb = strcspn(fb, "?#");
	return la > 5 && la == lb && memcmp(fa, fb, la) == 0;
}

void
hfigure_around(struct hpage *pg)
{
	xmlNodePtr n, next, root = pg->around;

	if (root == NULL || pg->marker == NULL)
		return;
	for (n = root; n != NULL && n != pg->marker; n = next) {
		next = hdom_next(n, root, hdom_tag(n) != H_FIGURE);
		if (hdom_tag(n) == H_FIGURE && figure_caption_of(n) != NULL)
			figure_figure(pg, n);
	}
}

/*
 * The lead image shown somewhere in what is left of the page (a hero photo
 * above the article's container) in a figure with a caption: add it with
 * that caption. Returns whether it was found.
 */
static bool
figure_lead_in_page(struct hpage *pg, const char *lead)
{
	xmlNodePtr root = pg->body, n, f;
	const char *src;
	int k;

	for (n = root; n != NULL; n = hdom_next(n, root, true)) {
		if (hdom_tag(n) != H_IMG || (src = hfigure_src(pg, n)) == NULL ||
		    !figure_same_image(src, lead))
			continue;
		for (f = n->parent, k = 0; f != NULL && k < 4 && hdom_tag(f) != H_FIGURE;
		    f = f->parent, k++)
			continue;
		if (f == NULL || hdom_tag(f) != H_FIGURE || figure_caption_of(f) == NULL)
			continue;
		figure_figure(pg, f);
		return true;
	}
	return false;
}

void
hfigure_lead(struct hpage *pg)
{
	const char *lead = pg->meta.image != NULL ? html_absolute(pg, pg->meta.image) : NULL;
	struct imported *imp = pg->imp;
	struct imported_image first;
	size_t i, before = imp->nimages;

	if (lead == NULL)
		return;
	for (i = 0; i < imp->nimages; i++)
		if (imp->images[i].path != NULL && figure_same_image(imp->images[i].path, lead)) {
			if (imp->images[i].caption == NULL)
				imp->images[i].caption = pg->meta.image_caption;
			return;
		}
	if (!figure_lead_in_page(pg, lead) &&
	    (!figure_add(pg, lead, NULL, pg->meta.image_caption, pg->meta.image_alt) ||
	    imp->nimages == before))
		return;
	if (imp->nimages == before)
		return;
	/* the lead image goes first */
	first = imp->images[imp->nimages - 1];
	memmove(imp->images + 1, imp->images, (imp->nimages - 1) * sizeof *imp->images);
	imp->images[0] = first;
}
