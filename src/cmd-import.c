/* cmd-import.c: "byline import": a plain-text article into the article format. */
#include <stdio.h>

#include "cli.h"

int
cmd_import(const struct cli *cli, int argc, char **argv)
{
	(void)cli;
	(void)argc;
	(void)argv;
	fputs("byline: import is not written yet\n", stderr);
	return EXIT_PROBLEM;
}
