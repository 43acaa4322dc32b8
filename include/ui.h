/*
 * ui.h: the interactive reader. The only interface between the rest of
 * byline and src/ui/, which alone includes curses.
 */
#ifndef BYLINE_UI_H
#define BYLINE_UI_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

/* What the command line tells the reader. */
struct ui_options {
	const char	*state;		/* --state FILE, or NULL */
	const char	*config;	/* --config FILE, or NULL */
	bool		 people;	/* --people: open on the People view */
};

/*
 * Run the reader on paths (files and folders). With one path that is a
 * file, open that article at once; q then quits. Returns an exit status.
 */
int ui_main(const struct ui_options *opt, char *const *paths, size_t npaths);

/*
 * Print the key table, one line per action: view ("library" or
 * "article"), a tab, the keys separated by spaces, a tab, what they do,
 * with the user's config (config: --config FILE, or NULL) applied. "byline --keys" prints it; the man page
 * is checked against it (with no config).
 */
void ui_print_keys(const char *config, FILE *f);

struct config;

/*
 * Check the key bindings of config c against the key table: a key given to
 * two actions that share a view is an error at that key's line and column
 * (the first action keeps it), added to c->diags, which stay in the file's
 * order. "byline check --config" and the reader call it. Can't fail.
 */
void ui_check_keys(struct config *c);

#endif
