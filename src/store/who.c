/*
 * who.c: one list of people from many articles (see who.h for the rule).
 *
 * Every distinct name is folded once (a raw name seen again is found by
 * its bytes). Full names and name-like aliases are nodes of a union-find;
 * an appearance with a full name belongs to its node, a front matter alias
 * unites its person's node with the alias's, and an appearance with a
 * surname alone gets the node of the one full name it can stand for (in
 * its article, else in all of them), else a node of its own word. The
 * roots are the people.
 */
#include "who.h"

#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "strmap.h"
#include "utf8.h"
#include "util.h"

#define NONE	UINT32_MAX
#define AMBIG	(UINT32_MAX - 1)

/* A distinct name (or alias, or role), folded. */
struct wname {
	const char	*raw;
	const char	*fold;
	const char	*last;		/* its last word (suffixes such as "jr" skipped) */
	size_t		 lastlen;
	uint32_t	 words;		/* words, titles at the start not counted */
	uint32_t	 node;		/* its node when words >= 2, else NONE */
	uint32_t	 same;		/* the first name id with the same fold */
};

/* An appearance of a person in one article. */
struct wapp {
	uint32_t	 article, person, name, role;	/* role: a name id, or NONE */
	uint32_t	 node;
	uint32_t	 nmentions, nquotes;
	uint32_t	 alias0, naliases;		/* into aliases */
	int64_t		 sortkey;
	uint32_t	 order;
};

struct vote;

struct who_builder {
	struct arena	*arena;
	struct strmap	 raw;		/* raw bytes -> name id (keys borrowed) */
	struct strmap	 folds;		/* folded key -> node (keys in arena) */
	struct strmap	 same;		/* folded name -> its first name id */
	struct wname	*names;
	size_t		 nnames, names_cap;
	struct wapp	*apps;
	size_t		 napps, apps_cap;
	uint32_t	*aliases;	/* name ids */
	size_t		 naliases, aliases_cap;
	uint32_t	*parent;	/* the union-find */
	size_t		 nnodes, parent_cap;
	struct vote	*votes;		/* scratch for most_frequent() */
	size_t		 votes_cap;
	struct buf	 tmp;
};

/* What a who keeps for who_match(): the builder's tables. */
struct who_priv {
	struct who_builder	*b;
	uint32_t		*bapp;		/* who.apps[i] is b->apps[bapp[i]] */
};

/* Titles that may stand before a surname ("Mr Johnson" is a surname alone). */
static const char *const titles[] = {
	"mr", "mrs", "ms", "miss", "mx", "dr", "prof", "professor", "sir", "dame", "lord", "lady",
	"rev", "fr", "father", "sister", "brother",
};

/* Words after a name that are no surname. */
static const char *const suffixes[] = {
	"jr", "sr", "ii", "iii", "iv", "qc", "kc", "mp", "phd", "md", "mep", "obe", "mbe", "cbe",
};

/* Is the word w (len bytes) one of list[0..n)? */
static bool
word_in(const char *w, size_t len, const char *const *list, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strlen(list[i]) == len && memcmp(list[i], w, len) == 0)
			return true;
	return false;
}

/* Count the words of folded f (titles at the start skipped) and find its last one. */
static void
name_words(struct wname *nm)
{
	const char *p = nm->fold, *w, *lw = NULL;
	size_t len, lwlen = 0;
	bool lead = true;

	nm->words = 0;
	while (*p != '\0') {
		w = p;
		while (*p != '\0' && *p != ' ')
			p++;
		len = (size_t)(p - w);
		if (*p == ' ')
			p++;
		if (lead && word_in(w, len, titles, sizeof titles / sizeof titles[0]) && *p != '\0')
			continue;
		lead = false;
		nm->words++;
		if (lw == NULL || !word_in(w, len, suffixes, sizeof suffixes / sizeof suffixes[0])) {
			lw = w;
			lwlen = len;
		}
	}
	nm->last = lw != NULL ? lw : nm->fold;
	nm->lastlen = lw != NULL ? lwlen : 0;
}

/* A new node of the union-find, its own root. */
static uint32_t
node_new(struct who_builder *b)
{
	ARRAY_GROW(b->parent, b->nnodes + 1, b->parent_cap);
	b->parent[b->nnodes] = (uint32_t)b->nnodes;
	return (uint32_t)b->nnodes++;
}

/* The root of node x (halving the path on the way). */
static uint32_t
find(struct who_builder *b, uint32_t x)
{
	while (b->parent[x] != x) {
		b->parent[x] = b->parent[b->parent[x]];
		x = b->parent[x];
	}
	return x;
}

/* Join the sets of x and y (the lower root stays the root). */
static void
unite(struct who_builder *b, uint32_t x, uint32_t y)
{
	x = find(b, x);
	y = find(b, y);
	if (x != y)
		b->parent[x > y ? x : y] = x < y ? x : y;
}

/* The node of folded key (made when new). */
static uint32_t
key_node(struct who_builder *b, const char *fold)
{
	bool added;
	union strmap_val *v = strmap_put(&b->folds, fold, strlen(fold), &added);

	if (added)
		v->u = node_new(b);
	return (uint32_t)v->u;
}

/* The id of name s (folded and counted the first time it is seen). */
static uint32_t
intern(struct who_builder *b, const char *s)
{
	bool added;
	union strmap_val *v = strmap_put(&b->raw, s, strlen(s), &added);
	struct wname *nm;

	if (!added)
		return (uint32_t)v->u;
	v->u = b->nnames;
	ARRAY_GROW(b->names, b->nnames + 1, b->names_cap);
	nm = &b->names[b->nnames];
	nm->raw = s;
	buf_reset(&b->tmp);
	utf8_fold(s, strlen(s), &b->tmp);
	nm->fold = arena_strndup(b->arena, b->tmp.data != NULL ? b->tmp.data : "", b->tmp.len);
	name_words(nm);
	nm->node = nm->words >= 2 ? key_node(b, nm->fold) : NONE;
	v = strmap_put(&b->same, nm->fold, strlen(nm->fold), &added);
	if (added)
		v->u = b->nnames;
	nm->same = (uint32_t)v->u;
	return (uint32_t)b->nnames++;
}

struct who_builder *
who_begin(void)
{
	struct who_builder *b = xcalloc(1, sizeof *b);

	b->arena = arena_new();
	b->raw = (struct strmap)STRMAP_INIT_BORROW;
	b->folds = (struct strmap)STRMAP_INIT_BORROW;
	b->same = (struct strmap)STRMAP_INIT_BORROW;
	return b;
}

/* Is alias a name that may join people across articles (not "the mayor")? */
static bool
alias_is_name(const struct wname *nm)
{
	unsigned char c = (unsigned char)nm->raw[0];

	return nm->words >= 2 && !(c >= 'a' && c <= 'z');
}

/*
 * A surname alone among the apps of one article (from first on): the node
 * of the one full name there ending with it, else NONE.
 */
static uint32_t
in_article(struct who_builder *b, size_t first, const struct wname *nm)
{
	uint32_t found = NONE;
	size_t i;

	for (i = first; i < b->napps; i++) {
		const struct wname *o = &b->names[b->apps[i].name];

		if (o->words < 2 || o->lastlen != nm->lastlen ||
		    memcmp(o->last, nm->last, nm->lastlen) != 0)
			continue;
		if (found != NONE && found != o->node)
			return NONE;	/* two people here with that surname */
		found = o->node;
	}
	return found;
}

void
who_add(struct who_builder *b, uint32_t article, int64_t sortkey, const struct digest *d)
{
	size_t first = b->napps, i, k;

	for (i = 0; i < d->npeople; i++) {
		const struct dg_person *p = &d->people[i];
		struct wapp *a;

		ARRAY_GROW(b->apps, b->napps + 1, b->apps_cap);
		a = &b->apps[b->napps];
		memset(a, 0, sizeof *a);
		a->article = article;
		a->person = (uint32_t)i;
		a->name = intern(b, p->name);
		a->role = p->role != NULL ? intern(b, p->role) : NONE;
		a->node = b->names[a->name].node;
		a->nmentions = p->nmentions;
		a->nquotes = p->nquotes;
		a->sortkey = sortkey;
		a->order = (uint32_t)b->napps;
		a->alias0 = (uint32_t)b->naliases;
		for (k = 0; k < p->naliases && p->alias0 + k < d->naliases; k++) {
			uint32_t id = intern(b, d->aliases[p->alias0 + k]);

			if (!alias_is_name(&b->names[id]))
				continue;
			ARRAY_GROW(b->aliases, b->naliases + 1, b->aliases_cap);
			b->aliases[b->naliases++] = id;
		}
		a->naliases = (uint32_t)b->naliases - a->alias0;
		b->napps++;
	}
	/* surnames alone: resolved inside the article first */
	for (i = first; i < b->napps; i++)
		if (b->apps[i].node == NONE && b->names[b->apps[i].name].words == 1)
			b->apps[i].node = in_article(b, first, &b->names[b->apps[i].name]);
}

/*
 * Unite each person with its name-like aliases, except an alias that
 * people of different names carry ("Councillor Ferris" for two Ferrises):
 * that one says nothing of who is who.
 */
static void
unite_aliases(struct who_builder *b)
{
	struct strmap carrier = STRMAP_INIT_BORROW;	/* alias id -> the carrier's node, or AMBIG */
	union strmap_val *v;
	bool added;
	size_t i, k;

	for (i = 0; i < b->napps; i++) {
		const struct wapp *a = &b->apps[i];

		for (k = 0; a->node != NONE && k < a->naliases; k++) {
			uint32_t id = b->aliases[a->alias0 + k];

			v = strmap_put(&carrier, (const char *)&b->names[id].node,
			    sizeof b->names[id].node, &added);
			if (added)
				v->u = a->node;
			else if (v->u != a->node)
				v->u = AMBIG;
		}
	}
	for (i = 0; i < b->napps; i++) {
		const struct wapp *a = &b->apps[i];

		for (k = 0; a->node != NONE && k < a->naliases; k++) {
			uint32_t node = b->names[b->aliases[a->alias0 + k]].node;

			v = strmap_get(&carrier, (const char *)&node, sizeof node);
			if (v != NULL && v->u != AMBIG)
				unite(b, a->node, node);
		}
	}
	strmap_free(&carrier);
}

/* The surnames of full names: last word -> the one root ending so, or AMBIG. */
static void
surnames(struct who_builder *b, struct strmap *m)
{
	size_t i;

	for (i = 0; i < b->nnames; i++) {
		const struct wname *nm = &b->names[i];
		union strmap_val *v;
		bool added;
		uint32_t root;

		if (nm->node == NONE || nm->lastlen == 0)
			continue;
		root = find(b, nm->node);
		v = strmap_put(m, nm->last, nm->lastlen, &added);
		if (added)
			v->u = root;
		else if (v->u != root)
			v->u = AMBIG;
	}
}

/* Give every surname alone its node: the one person it fits, else its own. */
static void
resolve_surnames(struct who_builder *b)
{
	struct strmap m = STRMAP_INIT_BORROW;
	size_t i;

	surnames(b, &m);
	for (i = 0; i < b->napps; i++) {
		struct wapp *a = &b->apps[i];
		const struct wname *nm = &b->names[a->name];
		union strmap_val *v;

		if (a->node != NONE)
			continue;
		v = nm->lastlen > 0 ? strmap_get(&m, nm->last, nm->lastlen) : NULL;
		if (v != NULL && v->u != AMBIG)
			a->node = (uint32_t)v->u;
		else
			a->node = key_node(b, nm->words == 1 ?
			    arena_strndup(b->arena, nm->last, nm->lastlen) : nm->fold);
	}
	strmap_free(&m);
	for (i = 0; i < b->napps; i++)
		b->apps[i].node = find(b, b->apps[i].node);
}

/*
 * The apps grouped by node, each group in the order the apps came (a
 * counting sort: linear, and stable). A new array the caller frees.
 */
static uint32_t *
group_apps(const struct who_builder *b)
{
	uint32_t *idx = xcalloc(b->napps + 1, sizeof *idx);
	size_t *start = xcalloc(b->nnodes + 1, sizeof *start), i, sum = 0;

	for (i = 0; i < b->napps; i++)
		start[b->apps[i].node]++;
	for (i = 0; i <= b->nnodes; i++) {
		size_t c = start[i];

		start[i] = sum;
		sum += c;
	}
	for (i = 0; i < b->napps; i++)
		idx[start[b->apps[i].node]++] = (uint32_t)i;
	free(start);
	return idx;
}

/* One app's vote for a name or a role: what it says, when, and in which spelling. */
struct vote {
	uint32_t	key;		/* the folded form (name id of its first spelling) */
	uint32_t	spelling;	/* the name id as written */
	int64_t		date;
};

/* Votes by folded form, then date. */
static int
cmp_vote(const void *pa, const void *pb)
{
	const struct vote *a = pa, *b = pb;

	if (a->key != b->key)
		return a->key < b->key ? -1 : 1;
	return a->date < b->date ? -1 : a->date > b->date;
}

/* Votes by spelling, then date. */
static int
cmp_spelling(const void *pa, const void *pb)
{
	const struct vote *a = pa, *b = pb;

	if (a->spelling != b->spelling)
		return a->spelling < b->spelling ? -1 : 1;
	return a->date < b->date ? -1 : a->date > b->date;
}

/* Sort votes v[0..n) by cmp: by insertion when few (a person's are), else qsort. */
static void
sort_votes(struct vote *v, size_t n, int (*cmp)(const void *, const void *))
{
	size_t i, j;

	if (n > 24) {
		qsort(v, n, sizeof *v, cmp);
		return;
	}
	for (i = 1; i < n; i++) {
		struct vote x = v[i];

		for (j = i; j > 0 && cmp(&v[j - 1], &x) > 0; j--)
			v[j] = v[j - 1];
		v[j] = x;
	}
}

/* Does s have a lower-case ASCII letter (is it not all capitals)? */
static bool
has_lower(const char *s)
{
	for (; *s != '\0'; s++)
		if (*s >= 'a' && *s <= 'z')
			return true;
	return false;
}

/*
 * The spelling to show for the votes v[0..n) of one folded form: the most
 * frequent, then one not all in capitals, then the latest. Sorts v.
 */
static uint32_t
best_spelling(const struct who_builder *b, struct vote *v, size_t n)
{
	uint32_t best = v[n - 1].spelling;
	size_t i, run, bestn = 0;
	int64_t bestdate = INT64_MIN;
	bool bestlow = false;

	sort_votes(v, n, cmp_spelling);
	for (i = 0; i < n; i = run) {
		bool low;

		for (run = i; run < n && v[run].spelling == v[i].spelling; run++)
			;
		low = has_lower(b->names[v[i].spelling].raw);
		if (run - i > bestn || (run - i == bestn && (low > bestlow ||
		    (low == bestlow && v[run - 1].date >= bestdate)))) {
			best = v[i].spelling;
			bestn = run - i;
			bestlow = low;
			bestdate = v[run - 1].date;
		}
	}
	return best;
}

/*
 * The most frequent name (full names only) or role of the apps v[0..n),
 * compared folded, the latest where two are as frequent, in its best
 * spelling; NONE when there is none.
 */
static uint32_t
most_frequent(struct who_builder *b, const uint32_t *v, size_t n, bool role)
{
	struct vote *vt;
	uint32_t best = NONE;
	size_t i, nv = 0, run, bestn = 0, from = 0, to = 0;
	int64_t bestdate = INT64_MIN;

	ARRAY_GROW(b->votes, n + 1, b->votes_cap);
	vt = b->votes;
	for (i = 0; i < n; i++) {
		const struct wapp *a = &b->apps[v[i]];
		uint32_t id = role ? a->role : a->name;

		if (id == NONE || (!role && b->names[id].words < 2))
			continue;
		vt[nv].key = b->names[id].same;
		vt[nv].spelling = id;
		vt[nv].date = a->sortkey;
		nv++;
	}
	sort_votes(vt, nv, cmp_vote);
	for (i = 0; i < nv; i = run) {
		for (run = i; run < nv && vt[run].key == vt[i].key; run++)
			;
		/* the run is in date order: its last is the latest */
		if (run - i > bestn || (run - i == bestn && vt[run - 1].date >= bestdate)) {
			bestn = run - i;
			bestdate = vt[run - 1].date;
			from = i;
			to = run;
		}
	}
	if (bestn > 0)
		best = best_spelling(b, vt + from, to - from);
	return best;
}

/* Fill p from the apps v[0..n) of one person (sorted by article). */
static void
make_person(struct who_builder *b, const uint32_t *v, size_t n, struct who_person *p)
{
	uint32_t name, role, last = NONE;
	size_t i;

	memset(p, 0, sizeof *p);
	for (i = 0; i < n; i++) {
		const struct wapp *a = &b->apps[v[i]];

		if (a->article != last || i == 0)
			p->narticles++;
		last = a->article;
		p->nmentions += a->nmentions;
		p->nquotes += a->nquotes;
	}
	name = most_frequent(b, v, n, false);
	if (name == NONE)
		name = b->apps[v[n - 1]].name;	/* a surname alone: the latest spelling */
	role = most_frequent(b, v, n, true);
	p->name = b->names[name].raw;
	p->key = b->names[name].fold;
	p->role = role != NONE ? b->names[role].raw : NULL;
}

struct who *
who_end(struct who_builder *b)
{
	struct who *w = xcalloc(1, sizeof *w);
	uint32_t *idx;
	size_t i, start;

	unite_aliases(b);
	resolve_surnames(b);
	idx = group_apps(b);
	w->apps = xcalloc(b->napps + 1, sizeof *w->apps);
	w->napps = b->napps;
	w->v = xcalloc(b->napps + 1, sizeof *w->v);
	w->priv = xcalloc(1, sizeof *w->priv);
	w->priv->b = b;
	w->priv->bapp = idx;
	for (i = 0; i < b->napps; i++) {
		w->apps[i].article = b->apps[idx[i]].article;
		w->apps[i].person = b->apps[idx[i]].person;
	}
	for (start = 0; start < b->napps; start = i) {
		uint32_t node = b->apps[idx[start]].node;

		for (i = start; i < b->napps && b->apps[idx[i]].node == node; i++)
			;
		make_person(b, idx + start, i - start, &w->v[w->n]);
		w->v[w->n].first = start;
		w->v[w->n].count = i - start;
		w->n++;
	}
	buf_free(&b->tmp);
	return w;
}

static enum who_order sort_order;

/* People in sort_order; ties by name, then first appearance. */
static int
cmp_person(const void *pa, const void *pb)
{
	const struct who_person *a = pa, *b = pb;
	int c;

	if (sort_order == WHO_BY_QUOTES && a->nquotes != b->nquotes)
		return a->nquotes > b->nquotes ? -1 : 1;
	if (sort_order != WHO_BY_NAME && a->nmentions != b->nmentions)
		return a->nmentions > b->nmentions ? -1 : 1;
	if (sort_order == WHO_BY_MENTIONS && a->nquotes != b->nquotes)
		return a->nquotes > b->nquotes ? -1 : 1;
	if (sort_order == WHO_BY_NAME && (c = strcmp(a->key != NULL ? a->key : a->name,
	    b->key != NULL ? b->key : b->name)) != 0)
		return c;
	if ((c = strcmp(a->name, b->name)) != 0)
		return c;
	return a->first < b->first ? -1 : a->first > b->first;
}

void
who_sort(struct who *w, enum who_order order)
{
	sort_order = order;
	if (w->n > 1)
		qsort(w->v, w->n, sizeof *w->v, cmp_person);
}

/* Does folded q equal name id's fold, or (surname) its last word? */
static bool
fits(const struct who_builder *b, uint32_t id, const char *q, size_t qlen, bool surname)
{
	const struct wname *nm = &b->names[id];

	if (!surname)
		return strcmp(nm->fold, q) == 0;
	return nm->words >= 2 && nm->lastlen == qlen && memcmp(nm->last, q, qlen) == 0;
}

/* Does person p fit folded q: by a full name or alias, or (surname) by its surname? */
static bool
person_fits(const struct who *w, const struct who_person *p, const char *q, size_t qlen,
    bool surname)
{
	const struct who_builder *b = w->priv->b;
	size_t i, k;

	for (i = p->first; i < p->first + p->count; i++) {
		const struct wapp *a = &b->apps[w->priv->bapp[i]];

		if (fits(b, a->name, q, qlen, surname))
			return true;
		for (k = 0; k < a->naliases; k++)
			if (fits(b, b->aliases[a->alias0 + k], q, qlen, surname))
				return true;
	}
	return false;
}

size_t
who_match(const struct who *w, const char *name, size_t **out)
{
	struct buf q = BUF_INIT;
	struct wname nm;
	size_t i, n = 0;

	*out = xcalloc(w->n + 1, sizeof **out);
	utf8_fold(name, strlen(name), &q);
	if (q.len == 0 || w->priv == NULL) {
		buf_free(&q);
		return 0;
	}
	memset(&nm, 0, sizeof nm);
	nm.fold = q.data;
	name_words(&nm);
	/* a full name or an alias as written; one word may also be a surname */
	for (i = 0; i < w->n; i++)
		if (person_fits(w, &w->v[i], q.data, q.len, false) ||
		    (nm.words == 1 && (strcmp(w->v[i].key, nm.last) == 0 ||
		    person_fits(w, &w->v[i], nm.last, nm.lastlen, true))))
			(*out)[n++] = i;
	buf_free(&q);
	return n;
}

void
who_free(struct who *w)
{
	struct who_builder *b;

	if (w == NULL)
		return;
	if (w->priv == NULL) {
		free(w->v);
		free(w->apps);
		free(w);
		return;
	}
	b = w->priv->b;
	strmap_free(&b->raw);
	strmap_free(&b->folds);
	strmap_free(&b->same);
	arena_free(b->arena);
	free(b->names);
	free(b->apps);
	free(b->aliases);
	free(b->parent);
	free(b->votes);
	free(b);
	free(w->priv->bapp);
	free(w->priv);
	free(w->v);
	free(w->apps);
	free(w);
}
