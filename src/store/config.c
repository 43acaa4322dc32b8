/* config.c: reading the user's settings with libyaml, defaults for the rest. */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "arena.h"
#include "util.h"

const char *const config_actions[] = {
	"down", "up", "page-down", "page-up", "half-down", "half-up", "top", "bottom",
	"open", "toggle-read", "unread-only", "filter", "next-unread",
	"search", "search-next", "search-prev", "next-quote", "prev-quote",
	"focus-next", "focus-prev", "show-quotes", "show-people", "show-caption",
	"next-image", "next-article", "prev-article", "open-url", "copy-quote",
	"people", "order", "person-quotes", "back", "quit", "help", "redraw", "fetch", "mark-all-read", "clear-filter", "sort",
	"reload", "pipe", "edit",
	NULL
};

const char *const config_color_roles[] = {
	"title", "meta", "selected", "unread", "border", "focus", "quote", "current-quote",
	"match", "mention", "placeholder", "status", "error", "broken",
	NULL
};

static const char *const key_names[] = {
	"Enter", "Tab", "Shift-Tab", "Space", "Esc", "Backspace", "Up", "Down", "Left",
	"Right", "PgUp", "PgDn", "Home", "End", NULL
};

static const char *const color_names[] = {
	"black", "red", "green", "yellow", "blue", "magenta", "cyan", "white", NULL
};

char *
config_default_path(const char *override)
{
	if (override != NULL && override[0] != '\0')
		return xstrdup(override);
	return xdg_path("XDG_CONFIG_HOME", ".config", "byline/config.yaml");
}

bool
config_key_valid(const char *name)
{
	size_t i, len = strlen(name);

	if (len == 1)
		return name[0] > 0x20 && name[0] < 0x7f;
	if (len == 6 && ascii_strncasecmp(name, "ctrl-", 5) == 0)
		return ascii_isalpha((unsigned char)name[5]);
	if ((len == 2 || len == 3) && (name[0] == 'F' || name[0] == 'f')) {
		int n = atoi(name + 1);

		return ascii_isdigit((unsigned char)name[1]) && n >= 1 && n <= 12;
	}
	for (i = 0; key_names[i] != NULL; i++)
		if (ascii_strcasecmp(name, key_names[i]) == 0)
			return true;
	return false;
}

void
config_defaults(struct config *c)
{
	memset(c, 0, sizeof *c);
	c->mark_on_open = true;
	c->mem = arena_new();
}

void
config_free(struct config *c)
{
	free(c->path);
	free(c->library);
	free(c->colors);
	free(c->bindings);
	diags_free(&c->diags);
	arena_free(c->mem);
	memset(c, 0, sizeof *c);
}

/* ---- reading ---- */

struct reader {
	struct config	*c;
	yaml_document_t	*doc;
};

static unsigned
line_of(const yaml_node_t *n)
{
	return (unsigned)n->start_mark.line + 1;
}

static unsigned
col_of(const yaml_node_t *n)
{
	return (unsigned)n->start_mark.column + 1;
}

static void problem(struct reader *r, enum diag_level level, const yaml_node_t *n,
    const char *fmt, ...) __attribute__((format(printf, 4, 5)));

/* A diagnostic at node n. */
static void
problem(struct reader *r, enum diag_level level, const yaml_node_t *n, const char *fmt, ...)
{
	va_list ap;
	char *msg;

	va_start(ap, fmt);
	msg = xvasprintf(fmt, ap);
	va_end(ap);
	diags_add(&r->c->diags, level, line_of(n), col_of(n), "%s", msg);
	free(msg);
}

/* The scalar's text, or NULL (with a message) when n is not a scalar. */
static const char *
scalar(struct reader *r, const yaml_node_t *n, const char *what)
{
	if (n->type != YAML_SCALAR_NODE) {
		problem(r, DIAG_ERROR, n, "%s must be a single value", what);
		return NULL;
	}
	return (const char *)n->data.scalar.value;
}

static bool
parse_bool(struct reader *r, const yaml_node_t *n, const char *what, bool *out)
{
	const char *s = scalar(r, n, what);
	static const char *const yes[] = { "true", "yes", "on", NULL };
	static const char *const no[] = { "false", "no", "off", NULL };
	size_t i;

	if (s == NULL)
		return false;
	for (i = 0; yes[i] != NULL; i++)
		if (ascii_strcasecmp(s, yes[i]) == 0)
			return *out = true;
	for (i = 0; no[i] != NULL; i++)
		if (ascii_strcasecmp(s, no[i]) == 0) {
			*out = false;
			return true;
		}
	problem(r, DIAG_ERROR, n, "%s must be true or false, not \"%s\"", what, s);
	return false;
}

/* One colour word: a name, bright-NAME, a number 0-255 or "default". */
static bool
color_word(const char *w, size_t len, int *out)
{
	size_t i;
	int bright = 0;

	if (len == 7 && ascii_strncasecmp(w, "default", 7) == 0) {
		*out = -1;
		return true;
	}
	if (len > 0 && ascii_isdigit((unsigned char)w[0])) {
		int n = 0;

		for (i = 0; i < len; i++) {
			if (!ascii_isdigit((unsigned char)w[i]) || n > 255)
				return false;
			n = n * 10 + (w[i] - '0');
		}
		if (n > 255)
			return false;
		*out = n;
		return true;
	}
	if (len > 7 && ascii_strncasecmp(w, "bright-", 7) == 0) {
		bright = 8;
		w += 7;
		len -= 7;
	}
	for (i = 0; color_names[i] != NULL; i++)
		if (strlen(color_names[i]) == len && ascii_strncasecmp(w, color_names[i], len) == 0) {
			*out = (int)i + bright;
			return true;
		}
	return false;
}

/* "[bold] [underline] ... [FG] [on BG]" into col; false on a word it does not know. */
static bool
parse_color(const char *s, struct config_color *col, const char **bad, size_t *badlen)
{
	static const struct {
		const char	*name;
		int		 bit;
	} attrs[] = {
		{ "bold", CONFIG_BOLD }, { "dim", CONFIG_DIM }, { "underline", CONFIG_UNDERLINE },
		{ "reverse", CONFIG_REVERSE }, { "italic", CONFIG_ITALIC },
		{ "standout", CONFIG_REVERSE },
	};
	bool on = false;

	col->fg = col->bg = -1;
	col->attrs = 0;
	while (*s != '\0') {
		const char *w;
		size_t len, i;
		bool done = false;

		while (*s == ' ' || *s == '\t' || *s == ',')
			s++;
		w = s;
		while (*s != '\0' && *s != ' ' && *s != '\t' && *s != ',')
			s++;
		len = (size_t)(s - w);
		if (len == 0)
			break;
		if (len == 2 && ascii_strncasecmp(w, "on", 2) == 0) {
			on = true;
			continue;
		}
		for (i = 0; i < sizeof attrs / sizeof attrs[0] && !on; i++)
			if (strlen(attrs[i].name) == len && ascii_strncasecmp(w, attrs[i].name, len) == 0) {
				col->attrs |= attrs[i].bit;
				done = true;
			}
		if (done)
			continue;
		if (color_word(w, len, on ? &col->bg : &col->fg))
			continue;
		*bad = w;
		*badlen = len;
		return false;
	}
	return true;
}

static void
read_colors(struct reader *r, const yaml_node_t *map)
{
	struct config *c = r->c;
	yaml_node_pair_t *p;

	if (map->type != YAML_MAPPING_NODE) {
		problem(r, DIAG_ERROR, map, "colors must be a map of role: colour");
		return;
	}
	for (p = map->data.mapping.pairs.start; p < map->data.mapping.pairs.top; p++) {
		yaml_node_t *k = yaml_document_get_node(r->doc, p->key);
		yaml_node_t *v = yaml_document_get_node(r->doc, p->value);
		const char *role = k != NULL ? scalar(r, k, "a colour role") : NULL;
		const char *val;
		struct config_color col;
		const char *bad = NULL;
		size_t i, badlen = 0;

		if (role == NULL || v == NULL)
			continue;
		for (i = 0; config_color_roles[i] != NULL; i++)
			if (strcmp(role, config_color_roles[i]) == 0)
				break;
		if (config_color_roles[i] == NULL) {
			problem(r, DIAG_WARNING, k, "unknown colour role \"%s\"; ignored", role);
			continue;
		}
		if ((val = scalar(r, v, "a colour")) == NULL)
			continue;
		if (!parse_color(val, &col, &bad, &badlen)) {
			char *w = xstrndup(bad, badlen);

			problem(r, DIAG_ERROR, v, "\"%s\" is not a colour (a name like yellow, "
			    "bright-red, a number 0-255, \"on\" before a background, bold...); "
			    "the default stands for %s", w, role);
			free(w);
			continue;
		}
		col.role = config_color_roles[i];
		c->colors = xreallocarray(c->colors, c->ncolors + 1, sizeof *c->colors);
		c->colors[c->ncolors++] = col;
	}
}

static void
read_keys(struct reader *r, const yaml_node_t *map)
{
	struct config *c = r->c;
	yaml_node_pair_t *p;

	if (map->type != YAML_MAPPING_NODE) {
		problem(r, DIAG_ERROR, map, "keys must be a map of action: key or [keys]");
		return;
	}
	for (p = map->data.mapping.pairs.start; p < map->data.mapping.pairs.top; p++) {
		yaml_node_t *k = yaml_document_get_node(r->doc, p->key);
		yaml_node_t *v = yaml_document_get_node(r->doc, p->value);
		const char *action = k != NULL ? scalar(r, k, "an action") : NULL;
		struct config_binding b;
		yaml_node_t **items = NULL;
		size_t i, n = 0;

		if (action == NULL || v == NULL)
			continue;
		for (i = 0; config_actions[i] != NULL; i++)
			if (strcmp(action, config_actions[i]) == 0)
				break;
		if (config_actions[i] == NULL) {
			problem(r, DIAG_ERROR, k, "unknown action \"%s\" (byline(1) lists them under "
			    "CONFIGURATION)", action);
			continue;
		}
		b.action = config_actions[i];
		if (v->type == YAML_SCALAR_NODE) {
			items = &v;
			n = 1;
		} else if (v->type == YAML_SEQUENCE_NODE) {
			n = (size_t)(v->data.sequence.items.top - v->data.sequence.items.start);
			items = xcalloc(n + 1, sizeof *items);
			for (i = 0; i < n; i++)
				items[i] = yaml_document_get_node(r->doc,
				    v->data.sequence.items.start[i]);
		} else {
			problem(r, DIAG_ERROR, v, "%s: a key or a list of keys", action);
			continue;
		}
		b.keys = arena_calloc(c->mem, n + 1, sizeof *b.keys);
		b.pos = arena_calloc(c->mem, n + 1, sizeof *b.pos);
		b.nkeys = 0;
		for (i = 0; i < n; i++) {
			const char *name = items[i] != NULL ? scalar(r, items[i], "a key") : NULL;

			if (name == NULL)
				continue;
			if (!config_key_valid(name)) {
				problem(r, DIAG_ERROR, items[i], "\"%s\" is not a key byline knows "
				    "(a character, Ctrl-X, Enter, Tab, Space, Esc, Up, PgDn, F1...)",
				    name);
				continue;
			}
			b.pos[b.nkeys].line = line_of(items[i]);
			b.pos[b.nkeys].col = col_of(items[i]);
			b.keys[b.nkeys++] = arena_strdup(c->mem, name);
		}
		if (v->type == YAML_SEQUENCE_NODE)
			free(items);
		if (b.nkeys == 0)
			continue;
		c->bindings = xreallocarray(c->bindings, c->nbindings + 1, sizeof *c->bindings);
		c->bindings[c->nbindings++] = b;
	}
}

/* ~/x to $HOME/x. */
static char *
expand_home(const char *s)
{
	const char *home = getenv("HOME");

	if (s[0] == '~' && (s[1] == '/' || s[1] == '\0') && home != NULL)
		return xasprintf("%s%s", home, s + 1);
	return xstrdup(s);
}

static void
read_root(struct reader *r, const yaml_node_t *root)
{
	struct config *c = r->c;
	yaml_node_pair_t *p;

	if (root->type == YAML_SCALAR_NODE && root->data.scalar.length == 0)
		return;		/* an empty file */
	if (root->type != YAML_MAPPING_NODE) {
		problem(r, DIAG_ERROR, root, "the config must be a map of settings");
		return;
	}
	for (p = root->data.mapping.pairs.start; p < root->data.mapping.pairs.top; p++) {
		yaml_node_t *k = yaml_document_get_node(r->doc, p->key);
		yaml_node_t *v = yaml_document_get_node(r->doc, p->value);
		const char *key = k != NULL ? scalar(r, k, "a setting") : NULL;
		const char *s;

		if (key == NULL || v == NULL)
			continue;
		if (strcmp(key, "library") == 0) {
			if ((s = scalar(r, v, "library")) != NULL) {
				free(c->library);
				c->library = expand_home(s);
			}
		} else if (strcmp(key, "mark-read-on-open") == 0) {
			parse_bool(r, v, "mark-read-on-open", &c->mark_on_open);
		} else if (strcmp(key, "clipboard") == 0) {
			parse_bool(r, v, "clipboard", &c->clipboard);
		} else if (strcmp(key, "side-pane-width") == 0) {
			char *end;
			long n;

			if ((s = scalar(r, v, "side-pane-width")) == NULL)
				continue;
			n = strtol(s, &end, 10);
			if (*end != '\0' || n < 20 || n > 100)
				problem(r, DIAG_ERROR, v, "side-pane-width must be a number of "
				    "columns from 20 to 100, not \"%s\"", s);
			else
				c->side_width = (int)n;
		} else if (strcmp(key, "theme") == 0) {
			if ((s = scalar(r, v, "theme")) == NULL)
				continue;
			if (strcmp(s, "monochrome") == 0)
				c->monochrome = true;
			else if (strcmp(s, "default") == 0)
				c->monochrome = false;
			else
				problem(r, DIAG_ERROR, v, "theme must be default or monochrome, "
				    "not \"%s\"", s);
		} else if (strcmp(key, "colors") == 0 || strcmp(key, "colours") == 0) {
			read_colors(r, v);
		} else if (strcmp(key, "keys") == 0) {
			read_keys(r, v);
		} else {
			problem(r, DIAG_WARNING, k, "unknown setting \"%s\"; ignored", key);
		}
	}
}

void
config_load(struct config *c, const char *path, bool must_exist)
{
	yaml_parser_t parser;
	yaml_document_t doc;
	struct reader r;
	FILE *f;
	yaml_node_t *root;

	config_defaults(c);
	if (path == NULL)
		return;
	c->path = xstrdup(path);
	f = fopen(path, "rb");
	if (f == NULL) {
		if (must_exist)
			diags_add(&c->diags, DIAG_ERROR, 0, 0, "cannot open the config file");
		return;
	}
	if (!yaml_parser_initialize(&parser)) {
		fclose(f);
		diags_add(&c->diags, DIAG_ERROR, 0, 0, "cannot start the YAML parser");
		return;
	}
	yaml_parser_set_input_file(&parser, f);
	if (!yaml_parser_load(&parser, &doc)) {
		diags_add(&c->diags, DIAG_ERROR, (unsigned)parser.problem_mark.line + 1,
		    (unsigned)parser.problem_mark.column + 1, "YAML: %s; the defaults stand",
		    parser.problem != NULL ? parser.problem : "syntax error");
		yaml_parser_delete(&parser);
		fclose(f);
		return;
	}
	r.c = c;
	r.doc = &doc;
	if ((root = yaml_document_get_root_node(&doc)) != NULL)
		read_root(&r, root);
	yaml_document_delete(&doc);
	yaml_parser_delete(&parser);
	fclose(f);
}
