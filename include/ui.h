/*
 * ui.h: the interactive reader. The only interface between the rest of
 * byline and src/ui/, which alone includes curses.
 */
#ifndef BYLINE_UI_H
#define BYLINE_UI_H

#include <stddef.h>

struct cli;

/*
 * Run the reader on paths (files and folders). With one path that is a
 * file, open that article at once; q then quits. Returns an exit status.
 */
int ui_main(const struct cli *cli, char *const *paths, size_t npaths);

#endif
