/*
 * html.c: web pages into a struct imported (see imported.h).
 */
#include <string.h>

#include "imported.h"
#include "util.h"

int
imported_from_html(struct imported *imp, const char *data, size_t len,
    const char *base_url, char **cause)
{
	(void)imp;
	(void)data;
	(void)len;
	(void)base_url;
	*cause = xstrdup("HTML import is not there yet");
	return -1;
}

size_t
imported_html_fragment(struct imported *imp, const char *html, size_t len,
    const char *base_url)
{
	(void)imp;
	(void)html;
	(void)len;
	(void)base_url;
	return 0;
}
