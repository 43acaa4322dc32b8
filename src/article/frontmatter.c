/*
 * frontmatter.c: YAML front matter to article fields.
 *
 * libyaml's event parser feeds a small tree of our own, so that nesting
 * depth and alias expansion are bounded (a "billion laughs" file is an
 * error, not an out-of-memory), and every node keeps its line and column.
 * Known keys are then read from the tree; a wrong type is a warning at the
 * key, and everything unknown is ignored without complaint.
 */
#include "frontmatter.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "arena.h"
#include "article.h"
#include "utf8.h"
#include "util.h"

enum ytype { Y_SCALAR, Y_SEQ, Y_MAP };

struct ynode {
	enum ytype	  type;
	unsigned	  line, col;	/* file position */
	const char	 *str;		/* scalar value, NUL-terminated */
	size_t		  len;
	bool		  null;		/* a plain null scalar: "", ~, null */
	bool		  open;		/* a collection still being read */
	struct ynode	**items;	/* sequence items, or keys and values in turn */
	size_t		  n, cap;
	size_t		  weight;	/* nodes it stands for with aliases expanded */
};

struct anchor {
	char		*name;
	struct ynode	*node;
};

struct yparse {
	struct article	*a;
	struct arena	*tmp;		/* the tree; freed after reading */
	unsigned	 first_line;
	struct ynode	*stack[ARTICLE_MAX_DEPTH + 1];
	size_t		 depth;
	struct anchor	*anchors;
	size_t		 nanchors, anchors_cap;
	size_t		 total;		/* nodes so far, aliases expanded */
	struct ynode	*root;
};

static const char *
type_name(const struct ynode *n)
{
	switch (n->type) {
	case Y_SCALAR:
		return "string";
	case Y_SEQ:
		return "list";
	case Y_MAP:
		return "map";
	}
	return "?";
}

/* Is the plain scalar s one of YAML's spellings of null? */
static bool
is_null_plain(const char *s, size_t len)
{
	return len == 0 || (len == 1 && s[0] == '~') ||
	    (len == 4 && (memcmp(s, "null", 4) == 0 || memcmp(s, "Null", 4) == 0 ||
	    memcmp(s, "NULL", 4) == 0));
}

/* Remember node under anchor name (a later anchor of the same name wins). */
static void
anchor_add(struct yparse *p, const unsigned char *name, struct ynode *node)
{
	if (name == NULL)
		return;
	ARRAY_GROW(p->anchors, p->nanchors + 1, p->anchors_cap);
	p->anchors[p->nanchors].name = xstrdup((const char *)name);
	p->anchors[p->nanchors].node = node;
	p->nanchors++;
}

static struct ynode *
anchor_find(struct yparse *p, const unsigned char *name)
{
	size_t i;

	for (i = p->nanchors; i > 0; i--)
		if (strcmp(p->anchors[i - 1].name, (const char *)name) == 0)
			return p->anchors[i - 1].node;
	return NULL;
}

/* Add a finished or opening node to the current collection (or make it the root). */
static void
attach(struct yparse *p, struct ynode *n)
{
	struct ynode *parent;

	if (p->depth == 0) {
		if (p->root == NULL)
			p->root = n;
		return;
	}
	parent = p->stack[p->depth - 1];
	if (parent->n == parent->cap) {
		/* grow inside the arena: the whole tree goes at once */
		size_t ncap = parent->cap == 0 ? 4 : parent->cap * 2;
		struct ynode **v = arena_alloc(p->tmp, ncap * sizeof *v);

		if (parent->n > 0)
			memcpy(v, parent->items, parent->n * sizeof *v);
		parent->items = v;
		parent->cap = ncap;
	}
	parent->items[parent->n++] = n;
}

static struct ynode *
node_new(struct yparse *p, enum ytype type, const yaml_mark_t *m)
{
	struct ynode *n = arena_calloc(p->tmp, 1, sizeof *n);

	n->type = type;
	n->line = p->first_line + (unsigned)m->line;
	n->col = (unsigned)m->column + 1;
	n->weight = 1;
	return n;
}

/* Add w nodes to the running total; false when the limit is passed. */
static bool
count_nodes(struct yparse *p, size_t w)
{
	if (w > ARTICLE_MAX_NODES || p->total > ARTICLE_MAX_NODES - w)
		return false;
	p->total += w;
	return true;
}

/* Report an error that stops reading the YAML, at mark m. */
static bool
fail_at(struct yparse *p, const yaml_mark_t *m, const char *msg)
{
	diags_add(&p->a->diags, DIAG_ERROR, p->first_line + (unsigned)m->line,
	    (unsigned)m->column + 1, "%s", msg);
	return false;
}

/* Apply one event to the tree. Returns false to stop (error or done). */
static bool
on_event(struct yparse *p, const yaml_event_t *ev, bool *done)
{
	struct ynode *n;

	switch (ev->type) {
	case YAML_SCALAR_EVENT:
		n = node_new(p, Y_SCALAR, &ev->start_mark);
		n->str = arena_strndup(p->tmp, (const char *)ev->data.scalar.value,
		    ev->data.scalar.length);
		n->len = ev->data.scalar.length;
		n->null = ev->data.scalar.style == YAML_PLAIN_SCALAR_STYLE &&
		    ev->data.scalar.tag == NULL && is_null_plain(n->str, n->len);
		if (!count_nodes(p, 1))
			return fail_at(p, &ev->start_mark, "front matter has too many nodes");
		anchor_add(p, ev->data.scalar.anchor, n);
		attach(p, n);
		break;
	case YAML_SEQUENCE_START_EVENT:
	case YAML_MAPPING_START_EVENT:
		if (p->depth >= ARTICLE_MAX_DEPTH) {
			char msg[80];

			snprintf(msg, sizeof msg, "front matter is nested deeper than %d levels",
			    ARTICLE_MAX_DEPTH);
			return fail_at(p, &ev->start_mark, msg);
		}
		if (!count_nodes(p, 1))
			return fail_at(p, &ev->start_mark, "front matter has too many nodes");
		n = node_new(p, ev->type == YAML_SEQUENCE_START_EVENT ? Y_SEQ : Y_MAP,
		    &ev->start_mark);
		n->open = true;
		anchor_add(p, ev->type == YAML_SEQUENCE_START_EVENT ?
		    ev->data.sequence_start.anchor : ev->data.mapping_start.anchor, n);
		attach(p, n);
		p->stack[p->depth++] = n;
		break;
	case YAML_SEQUENCE_END_EVENT:
	case YAML_MAPPING_END_EVENT:
		if (p->depth > 0) {
			size_t i, w = 1;

			n = p->stack[--p->depth];
			n->open = false;
			for (i = 0; i < n->n; i++)
				w = w > SIZE_MAX - n->items[i]->weight ? SIZE_MAX : w + n->items[i]->weight;
			n->weight = w;
		}
		break;
	case YAML_ALIAS_EVENT:
		n = anchor_find(p, ev->data.alias.anchor);
		if (n == NULL) {
			diags_add(&p->a->diags, DIAG_WARNING,
			    p->first_line + (unsigned)ev->start_mark.line,
			    (unsigned)ev->start_mark.column + 1, "unknown alias *%s",
			    (const char *)ev->data.alias.anchor);
			n = node_new(p, Y_SCALAR, &ev->start_mark);
			n->str = "";
			n->null = true;
		} else if (n->open) {
			return fail_at(p, &ev->start_mark, "an alias refers to a node that contains it");
		} else if (!count_nodes(p, n->weight)) {
			return fail_at(p, &ev->start_mark,
			    "front matter expands too many aliases (a \"billion laughs\" file?)");
		}
		attach(p, n);
		break;
	case YAML_DOCUMENT_END_EVENT:
	case YAML_STREAM_END_EVENT:
		*done = true;
		return false;
	default:
		break;
	}
	return true;
}

/*
 * Copy fm into a buffer libyaml accepts without changing any line or column:
 * invalid UTF-8 becomes U+FFFD, C0 controls and DEL their Control Pictures
 * (U+2400..), C1 controls and other characters YAML forbids U+FFFD. The first
 * replacement is reported as a warning.
 */
/* Does YAML take code point cp (valid, 0x80 or more) as it is? */
static bool
yaml_cp_ok(int32_t cp)
{
	return cp != UTF8_INVALID && cp >= 0xa0 && cp != 0xfeff && (cp & 0xfffe) != 0xfffe &&
	    !(cp >= 0xfdd0 && cp <= 0xfdef);
}

/*
 * Is all of fm what libyaml takes as it is: printable ASCII, tabs, line
 * ends and valid UTF-8 of characters YAML allows (accented names need no
 * copy)?
 */
static bool
yaml_all_safe(const char *fm, size_t len)
{
	size_t i = 0;

	while (i < len) {
		unsigned char c = (unsigned char)fm[i];
		int32_t cp;

		if (c >= 0x20 && c < 0x7f) {
			i++;
			continue;
		}
		if (c == '\n' || c == '\t' || c == '\r') {
			i++;
			continue;
		}
		if (c < 0x80)
			return false;
		i += utf8_decode(fm + i, len - i, &cp);
		if (!yaml_cp_ok(cp))
			return false;
	}
	return true;
}

static char *
yaml_safe_copy(struct yparse *p, const char *fm, size_t len, size_t *outlen)
{
	struct buf b = BUF_INIT;
	size_t i = 0;
	unsigned line = p->first_line, col = 1;
	bool warned = false;

	buf_reserve(&b, len + len / 8 + 16);
	while (i < len) {
		unsigned char c = (unsigned char)fm[i];
		int32_t cp;
		size_t n;
		char enc[4];

		if (c >= 0x20 && c < 0x7f) {
			buf_addc(&b, (char)c);
			i++;
			col++;
			continue;
		}
		if (c == '\n' || c == '\t' || c == '\r') {
			buf_addc(&b, (char)c);
			i++;
			if (c == '\n') {
				line++;
				col = 1;
			}
			continue;
		}
		n = utf8_decode(fm + i, len - i, &cp);
		if (yaml_cp_ok(cp)) {
			buf_add(&b, fm + i, n);
		} else {
			if (!warned) {
				if (cp == UTF8_INVALID)
					diags_add(&p->a->diags, DIAG_WARNING, line, col,
					    "invalid UTF-8 in front matter (shown as U+FFFD)");
				else
					diags_add(&p->a->diags, DIAG_WARNING, line, col,
					    "control character U+%04X in front matter", (unsigned)cp);
				warned = true;
			}
			if (cp != UTF8_INVALID && (cp < 0x20 || cp == 0x7f))
				cp = cp == 0x7f ? 0x2421 : 0x2400 + cp;
			else
				cp = 0xfffd;
			buf_add(&b, enc, utf8_encode(cp, enc));
		}
		i += n;
		col++;
	}
	*outlen = b.len;
	return buf_detach(&b);
}

/* ---- reading known keys from the tree ---- */

/* The value of key in map (merge keys "<<" followed one level), or NULL. */
static const struct ynode *
map_get(const struct ynode *map, const char *key, const struct ynode **keynode)
{
	size_t i, klen = strlen(key);
	const struct ynode *found = NULL;

	if (map == NULL || map->type != Y_MAP)
		return NULL;
	for (i = 0; i + 1 < map->n; i += 2) {
		const struct ynode *k = map->items[i];

		if (k->type == Y_SCALAR && k->len == klen && memcmp(k->str, key, klen) == 0) {
			found = map->items[i + 1];	/* the last one wins, as in PyYAML */
			if (keynode != NULL)
				*keynode = k;
		}
	}
	if (found != NULL)
		return found;
	for (i = 0; i + 1 < map->n; i += 2) {
		const struct ynode *k = map->items[i], *v = map->items[i + 1];

		if (k->type == Y_SCALAR && k->len == 2 && memcmp(k->str, "<<", 2) == 0 &&
		    v->type == Y_MAP && v != map) {
			size_t j;

			for (j = 0; j + 1 < v->n; j += 2) {
				const struct ynode *k2 = v->items[j];

				if (k2->type == Y_SCALAR && k2->len == klen &&
				    memcmp(k2->str, key, klen) == 0) {
					found = v->items[j + 1];
					if (keynode != NULL)
						*keynode = k2;
				}
			}
		}
	}
	return found;
}

static void
warn_type(struct yparse *p, const struct ynode *key, const char *name, const char *want,
    const struct ynode *v)
{
	diags_add(&p->a->diags, DIAG_WARNING, key->line, key->col,
	    "%s must be %s, not a %s; ignored", name, want, type_name(v));
}

/*
 * A string field: a non-null scalar, copied into the article's arena.
 * NULL when absent or null; a collection is a warning.
 */
static const char *
get_string(struct yparse *p, const struct ynode *map, const char *key, const char *label)
{
	const struct ynode *k = NULL, *v = map_get(map, key, &k);

	if (v == NULL || (v->type == Y_SCALAR && v->null))
		return NULL;
	if (v->type != Y_SCALAR) {
		warn_type(p, k, label != NULL ? label : key, "a string", v);
		return NULL;
	}
	return arena_strndup(p->a->arena, v->str, v->len);
}

/*
 * A list of strings: a sequence of scalars, or one scalar (split at commas
 * when split is true). Items that are not scalars are warned about.
 */
static const char **
get_string_list(struct yparse *p, const struct ynode *map, const char *key, bool split,
    size_t *count)
{
	const struct ynode *k = NULL, *v = map_get(map, key, &k);
	const char **out;
	size_t i, n = 0;

	*count = 0;
	if (v == NULL || (v->type == Y_SCALAR && v->null))
		return NULL;
	if (v->type == Y_MAP) {
		warn_type(p, k, key, "a list of strings", v);
		return NULL;
	}
	if (v->type == Y_SCALAR) {
		const char *s = v->str, *end = v->str + v->len;
		size_t parts = 1;

		if (split)
			for (i = 0; i < v->len; i++)
				parts += v->str[i] == ',';
		out = arena_calloc(p->a->arena, parts, sizeof *out);
		while (s <= end) {
			const char *comma = split ? memchr(s, ',', (size_t)(end - s)) : NULL;
			const char *stop = comma != NULL ? comma : end;
			size_t len = (size_t)(stop - s);
			const char *t = ascii_trim(s, &len);

			if (len > 0)
				out[n++] = arena_strndup(p->a->arena, t, len);
			s = stop + 1;
		}
		*count = n;
		return out;
	}
	out = arena_calloc(p->a->arena, v->n, sizeof *out);
	for (i = 0; i < v->n; i++) {
		const struct ynode *it = v->items[i];

		if (it->type == Y_SCALAR && !it->null)
			out[n++] = arena_strndup(p->a->arena, it->str, it->len);
		else if (it->type != Y_SCALAR)
			diags_add(&p->a->diags, DIAG_WARNING, it->line, it->col,
			    "%s: each item must be a string, not a %s; ignored", key,
			    type_name(it));
	}
	*count = n;
	return out;
}

/*
 * The date under key: true when the key is there (read or not). A date
 * that cannot be read is a warning, and the article sorts last.
 */
static bool
read_date_key(struct yparse *p, const struct ynode *root, const char *key)
{
	const struct ynode *k = NULL, *v = map_get(root, key, &k);
	struct article *a = p->a;

	if (v == NULL || (v->type == Y_SCALAR && v->null))
		return false;
	if (v->type != Y_SCALAR) {
		warn_type(p, k, key, "a string", v);
		return false;
	}
	a->date_text = arena_strndup(a->arena, v->str, v->len);
	if (article_parse_date(a->date_text, &a->date)) {
		a->has_date = true;
		a->sortkey = article_date_epoch(&a->date);
	} else {
		a->flags |= ARTICLE_BAD_DATE;
		diags_add(&a->diags, DIAG_WARNING, v->line, v->col,
		    "%s \"%.60s\" is not a date (write YYYY-MM-DD); the article sorts last",
		    key, a->date_text);
	}
	return true;
}

/* date, else published, else created (as web clippers write them). */
static void
read_date(struct yparse *p, const struct ynode *root)
{
	static const char *const keys[] = { "date", "published", "created" };
	size_t i;

	for (i = 0; i < sizeof keys / sizeof keys[0]; i++)
		if (read_date_key(p, root, keys[i]))
			return;
}

static void
read_people(struct yparse *p, const struct ynode *root)
{
	const struct ynode *k = NULL, *v = map_get(root, "people", &k);
	struct article *a = p->a;
	size_t i;

	if (v == NULL || (v->type == Y_SCALAR && v->null))
		return;
	if (v->type != Y_SEQ) {
		warn_type(p, k, "people", "a list", v);
		return;
	}
	a->people = arena_calloc(a->arena, v->n, sizeof *a->people);
	for (i = 0; i < v->n; i++) {
		const struct ynode *it = v->items[i];
		struct article_person *pe = &a->people[a->npeople];

		if (it->type == Y_SCALAR && !it->null) {
			pe->name = arena_strndup(a->arena, it->str, it->len);
			a->npeople++;
			continue;
		}
		if (it->type != Y_MAP) {
			diags_add(&a->diags, DIAG_WARNING, it->line, it->col,
			    "people: each person must be a map with a name; ignored");
			continue;
		}
		pe->name = get_string(p, it, "name", "people: name");
		if (pe->name == NULL) {
			diags_add(&a->diags, DIAG_WARNING, it->line, it->col,
			    "people: a person without a name; ignored");
			continue;
		}
		pe->role = get_string(p, it, "role", "people: role");
		pe->aliases = get_string_list(p, it, "aliases", false, &pe->naliases);
		a->npeople++;
	}
}

/* Read one image map (or a bare path) into img; false when it is neither. */
static bool
read_image(struct yparse *p, const struct ynode *v, struct article_image *img)
{
	if (v->type == Y_SCALAR) {
		if (v->null)
			return false;
		img->path = arena_strndup(p->a->arena, v->str, v->len);
		return true;
	}
	if (v->type != Y_MAP)
		return false;
	img->title = get_string(p, v, "title", "image: title");
	img->caption = get_string(p, v, "caption", "image: caption");
	img->credit = get_string(p, v, "credit", "image: credit");
	img->path = get_string(p, v, "path", "image: path");
	if (img->path == NULL)
		img->path = get_string(p, v, "src", "image: src");
	return img->title != NULL || img->caption != NULL || img->credit != NULL ||
	    img->path != NULL;
}

static void
read_images(struct yparse *p, const struct ynode *root)
{
	const struct ynode *k1 = NULL, *k2 = NULL;
	const struct ynode *one = map_get(root, "image", &k1);
	const struct ynode *many = map_get(root, "images", &k2);
	struct article *a = p->a;
	size_t i, cap = 0;

	if (one != NULL && one->type == Y_SEQ) {
		/* image: given a list is taken as images: */
		many = one;
		k2 = k1;
		one = NULL;
	}
	if (many != NULL && !(many->type == Y_SCALAR && many->null) && many->type != Y_SEQ) {
		warn_type(p, k2, "images", "a list", many);
		many = NULL;
	}
	cap = (one != NULL) + (many != NULL && many->type == Y_SEQ ? many->n : 0);
	if (cap == 0)
		return;
	a->images = arena_calloc(a->arena, cap, sizeof *a->images);
	if (one != NULL) {
		if (read_image(p, one, &a->images[a->nimages]))
			a->nimages++;
		else if (!(one->type == Y_SCALAR && one->null))
			warn_type(p, k1, "image", "a map", one);
	}
	if (many != NULL && many->type == Y_SEQ)
		for (i = 0; i < many->n; i++) {
			if (read_image(p, many->items[i], &a->images[a->nimages]))
				a->nimages++;
			else if (!(many->items[i]->type == Y_SCALAR && many->items[i]->null))
				diags_add(&a->diags, DIAG_WARNING, many->items[i]->line,
				    many->items[i]->col,
				    "images: each image must be a map; ignored");
		}
}

static void
read_updates(struct yparse *p, const struct ynode *root)
{
	const struct ynode *k = NULL, *v = map_get(root, "updates", &k);
	struct article *a = p->a;
	size_t i;

	if (v == NULL || (v->type == Y_SCALAR && v->null))
		return;
	if (v->type != Y_SEQ) {
		warn_type(p, k, "updates", "a list", v);
		return;
	}
	a->updates = arena_calloc(a->arena, v->n, sizeof *a->updates);
	for (i = 0; i < v->n; i++) {
		const struct ynode *it = v->items[i];
		struct article_update *u = &a->updates[a->nupdates];

		if (it->type == Y_SCALAR && !it->null) {
			u->note = arena_strndup(a->arena, it->str, it->len);
		} else if (it->type == Y_MAP) {
			u->date = get_string(p, it, "date", "updates: date");
			u->note = get_string(p, it, "note", "updates: note");
			if (u->date == NULL && u->note == NULL)
				continue;
		} else {
			diags_add(&a->diags, DIAG_WARNING, it->line, it->col,
			    "updates: each update must be a map {date, note}; ignored");
			continue;
		}
		a->nupdates++;
	}
}

/* A wiki link "[[Name]]" or "[[Page|Name]]" as the name it shows; other names as they are. */
static const char *
unlink_name(struct arena *arena, const char *s)
{
	size_t len = strlen(s);
	const char *bar;

	if (len < 5 || memcmp(s, "[[", 2) != 0 || memcmp(s + len - 2, "]]", 2) != 0)
		return s;
	s += 2;
	len -= 4;
	bar = memchr(s, '|', len);
	if (bar != NULL) {
		len -= (size_t)(bar + 1 - s);
		s = bar + 1;
	}
	s = ascii_trim(s, &len);
	return len > 0 ? arena_strndup(arena, s, len) : NULL;
}

/* The author field of Jekyll may be a string, a list, or a map with a name. */
static void
read_authors(struct yparse *p, const struct ynode *root)
{
	struct article *a = p->a;
	const struct ynode *v;
	size_t i, n;

	a->authors = get_string_list(p, root, "authors", false, &a->nauthors);
	if (a->nauthors == 0) {
		v = map_get(root, "author", NULL);
		if (v != NULL && v->type == Y_MAP) {
			const char *name = get_string(p, v, "name", "author: name");

			if (name != NULL) {
				a->authors = arena_calloc(a->arena, 1, sizeof *a->authors);
				a->authors[0] = name;
				a->nauthors = 1;
			}
			return;
		}
		a->authors = get_string_list(p, root, "author", false, &a->nauthors);
	}
	/* Obsidian's clipper writes authors as links to notes: "[[Jane Doe]]" */
	for (i = n = 0; i < a->nauthors; i++)
		if ((a->authors[n] = unlink_name(a->arena, a->authors[i])) != NULL)
			n++;
	a->nauthors = n;
}

/*
 * A source that is a web address (as clippers write the page's address) is
 * the url, and the site's name, its host without "www.", the source.
 */
static void
source_as_url(struct article *a)
{
	const char *s = a->source, *host, *end;

	if (s == NULL || (ascii_strncasecmp(s, "https://", 8) != 0 &&
	    ascii_strncasecmp(s, "http://", 7) != 0))
		return;
	if (a->url == NULL)
		a->url = s;
	host = strstr(s, "//") + 2;
	end = host + strcspn(host, "/?#:");
	/* user@host: the part after the @ */
	if (memchr(host, '@', (size_t)(end - host)) != NULL)
		host = (const char *)memchr(host, '@', (size_t)(end - host)) + 1;
	if ((size_t)(end - host) > 4 && ascii_strncasecmp(host, "www.", 4) == 0)
		host += 4;
	a->source = end > host ? arena_strndup(a->arena, host, (size_t)(end - host)) : NULL;
}

/* Read every known key of the root mapping. */
static void
read_fields(struct yparse *p)
{
	struct article *a = p->a;
	const struct ynode *root = p->root;

	if (root == NULL || (root->type == Y_SCALAR && root->null))
		return;
	if (root->type != Y_MAP) {
		diags_add(&a->diags, DIAG_WARNING, root->line, root->col,
		    "front matter must be a map of keys (title: ...), not a %s; ignored",
		    type_name(root));
		return;
	}
	a->title = get_string(p, root, "title", NULL);
	a->subtitle = get_string(p, root, "subtitle", NULL);
	if (a->subtitle == NULL)
		a->subtitle = get_string(p, root, "description", NULL);
	a->source = get_string(p, root, "source", NULL);
	a->url = get_string(p, root, "url", NULL);
	source_as_url(a);
	a->id = get_string(p, root, "id", NULL);
	read_date(p, root);
	read_authors(p, root);
	a->tags = get_string_list(p, root, "tags", true, &a->ntags);
	read_people(p, root);
	read_images(p, root);
	read_updates(p, root);
	if (a->title != NULL && a->title[0] == '\0')
		a->title = NULL;
}

bool
frontmatter_parse(struct article *a, const char *fm, size_t len, unsigned first_line)
{
	struct yparse p;
	yaml_parser_t parser;
	yaml_event_t ev;
	char *safe;
	size_t safelen, i;
	bool ok = true, done = false;

	memset(&p, 0, sizeof p);
	p.a = a;
	p.tmp = arena_new();
	p.first_line = first_line;
	if (yaml_all_safe(fm, len)) {
		safe = NULL;	/* nothing to replace: parse it in place */
		safelen = len;
	} else {
		safe = yaml_safe_copy(&p, fm, len, &safelen);
	}
	if (!yaml_parser_initialize(&parser)) {
		free(safe);
		arena_free(p.tmp);
		diags_add(&a->diags, DIAG_ERROR, first_line, 0, "cannot start the YAML parser");
		return false;
	}
	yaml_parser_set_input_string(&parser, (const unsigned char *)(safe != NULL ? safe : fm),
	    safelen);
	yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING);
	while (!done) {
		if (!yaml_parser_parse(&parser, &ev)) {
			const char *ctx = parser.context;

			diags_add(&a->diags, DIAG_ERROR,
			    first_line + (unsigned)parser.problem_mark.line,
			    (unsigned)parser.problem_mark.column + 1, "YAML: %s%s%s%s",
			    parser.problem != NULL ? parser.problem : "syntax error",
			    ctx != NULL ? " (" : "", ctx != NULL ? ctx : "", ctx != NULL ? ")" : "");
			ok = false;
			break;
		}
		if (!on_event(&p, &ev, &done) && !done)
			ok = false;
		yaml_event_delete(&ev);
		if (!ok)
			break;
	}
	yaml_parser_delete(&parser);
	if (ok)
		read_fields(&p);
	for (i = 0; i < p.nanchors; i++)
		free(p.anchors[i].name);
	free(p.anchors);
	arena_free(p.tmp);
	free(safe);
	return ok;
}
