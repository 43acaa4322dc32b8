/*
 * config.h: the user's settings, from $XDG_CONFIG_HOME/byline/config.yaml
 * (default ~/.config/byline/config.yaml) or --config FILE.
 *
 * A bad config never stops byline: every problem is a diagnostic with its
 * line and column, and the default stands in for what could not be read.
 * This module knows nothing about curses: keys and colours are checked for
 * form here and turned into terminal codes by the UI.
 *
 *	library: ~/news			# the default library folder
 *	mark-read-on-open: true
 *	side-pane-width: 40		# columns of the right-hand panes (20-100)
 *	theme: monochrome		# or default
 *	clipboard: true			# y copies a quote through the terminal (OSC 52)
 *	colors:
 *	  quote: yellow
 *	  current-quote: bold black on yellow
 *	  title: 214			# a 256-colour number
 *	keys:
 *	  next-quote: ["]", x]
 *	  quit: Ctrl-Q
 */
#ifndef BYLINE_CONFIG_H
#define BYLINE_CONFIG_H

#include <stdbool.h>
#include <stddef.h>

#include "diag.h"

/* Attributes a colour setting may add (bits). */
#define CONFIG_BOLD		0x01
#define CONFIG_DIM		0x02
#define CONFIG_UNDERLINE	0x04
#define CONFIG_REVERSE		0x08
#define CONFIG_ITALIC		0x10

/* A colour: -1 for the terminal's default, else 0-255. */
struct config_color {
	const char	*role;		/* one of config_color_roles */
	int		 fg, bg;
	int		 attrs;
};

/* Where something is in the config file. */
struct config_pos {
	unsigned	line, col;
};

struct config_binding {
	const char		 *action;	/* one of config_actions */
	const char		**keys;		/* key names, as written */
	struct config_pos	 *pos;		/* where each key is written */
	size_t			  nkeys;
};

struct config {
	char			*path;		/* the file read, or NULL */
	char			*library;	/* ~ expanded, or NULL */
	bool			 mark_on_open;
	int			 side_width;	/* 0: automatic */
	bool			 monochrome;
	bool			 clipboard;
	struct config_color	*colors;
	size_t			 ncolors;
	struct config_binding	*bindings;
	size_t			 nbindings;
	struct diags		 diags;
	void			*mem;		/* owns the strings */
};

/* The actions keys can be bound to, NULL-terminated. */
extern const char *const config_actions[];
/* The colour roles, NULL-terminated. */
extern const char *const config_color_roles[];

/*
 * The config file to read: override if given, else
 * $XDG_CONFIG_HOME/byline/config.yaml, else ~/.config/byline/config.yaml.
 * The caller frees it.
 */
char *config_default_path(const char *override);

/*
 * Read the config at path into c (defaults first). A missing file is fine
 * unless must_exist. Problems go to c->diags. Can't fail.
 */
void config_load(struct config *c, const char *path, bool must_exist);

/* Set c to the defaults (no file). */
void config_defaults(struct config *c);

void config_free(struct config *c);

/*
 * Is name a key the config may bind: one printable character, "Ctrl-X",
 * or one of Enter, Tab, Shift-Tab, Space, Esc, Backspace, Up, Down, Left,
 * Right, PgUp, PgDn, Home, End, F1-F12 (any case)?
 */
bool config_key_valid(const char *name);

#endif
