/* show.c: an article as plain text (show.h). */
#include "show.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "article.h"
#include "doc.h"
#include "sanitize.h"
#include "wrap.h"

/* Print every row of layout L, indented, sanitised. */
static void
print_layout(struct layout *L, const struct doc *d, struct buf *out)
{
	struct lpos pos = layout_first(L), last = layout_last(L);

	if (d->nblocks == 0)
		return;
	for (;;) {
		const struct wline *l = layout_line_at(L, pos);

		if (l != NULL) {
			const struct block *b = &d->blocks[pos.block];
			int i, ind = layout_indent(L, pos.block);

			for (i = 0; i < ind; i++)
				buf_addc(out, ' ');
			sanitize_append(out, b->text + l->start, l->end - l->start,
			    b->kind == BLOCK_CODE ? 0 : SAN_FOLD_SPACE);
		}
		buf_addc(out, '\n');
		if (lpos_cmp(pos, last) >= 0 || layout_move(L, &pos, 1) == 0)
			break;
	}
}

/* Print text wrapped at width (0: as one line), as "byline show" does. */
static void
print_wrapped(struct buf *out, const char *text, int width)
{
	struct wline *lines = NULL;
	size_t n = 0, cap = 0, i;

	wrap_text(text, strlen(text), width > 0 ? width : INT_MAX / 2, false, &lines, &n, &cap);
	for (i = 0; i < n; i++) {
		sanitize_append(out, text + lines[i].start, lines[i].end - lines[i].start,
		    SAN_FOLD_SPACE);
		buf_addc(out, '\n');
	}
	free(lines);
}

static void
print_images(const struct article *a, int width, struct buf *out)
{
	size_t i;

	for (i = 0; i < a->nimages; i++) {
		const struct article_image *im = &a->images[i];
		char *head;

		buf_addc(out, '\n');
		if (a->nimages > 1)
			head = xasprintf("Photo %zu/%zu%s%s", i + 1, a->nimages,
			    im->title != NULL ? ": " : "", im->title != NULL ? im->title : "");
		else
			head = xasprintf("Photo%s%s", im->title != NULL ? ": " : "",
			    im->title != NULL ? im->title : "");
		print_wrapped(out, head, width);
		free(head);
		if (im->caption != NULL)
			print_wrapped(out, im->caption, width);
		if (im->credit != NULL) {
			char *c = xasprintf("Credit: %s", im->credit);

			print_wrapped(out, c, width);
			free(c);
		}
	}
}

void
show_text(const struct doc *d, const struct article *a, int width, struct buf *out)
{
	struct layout *L = layout_new(d, width > 0 ? width : INT_MAX / 2);

	print_layout(L, d, out);
	print_images(a, width, out);
	layout_free(L);
}
