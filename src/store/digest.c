/*
 * digest.c: an article's analysis as the library keeps it, and the
 * analysis cache (see digest.h).
 *
 * A record (native byte order: the cache never leaves the machine):
 *	u64 size, i64 mtime_sec, i64 mtime_nsec, str path,
 *	u32 npeople, u32 nquotes,
 *	per person: u32 nmentions, u32 nquotes, u32 naliases, u32 flags,
 *	    str name, str role ("" for none), naliases x str alias
 *	per quote: u32 qi, i32 speaker, u32 offset and u32 length of its text
 * where str is u32 length, bytes, NUL. The texts are apart: each quote's
 * text and a NUL at its offset in the record's text block.
 *
 * The cache file:
 *	"BYLINE-ANALYSIS 3\n", then u64 engine, count, alen, blen, clen, asum,
 *	bsum, csum, fingerprint, isum (the front-matter cache's own checksum
 *	when the summary was made), then hsum (sum64 of all that goes before it);
 *	section A, alen bytes: count x (u32 len, u64 tbase, u32 tlen, record)
 *	section B, blen bytes: the text blocks; record k's is B[tbase, tbase + tlen)
 *	section C, clen bytes: the caller's summary of the whole (anlib.c: the
 *	    people of the library), valid for the library whose fingerprint it is
 * Opening reads the header; each section is read when first wanted, from
 * the same open file (listing people needs no text; an unchanged library
 * needs the summary alone), and checked against its sum.
 */
#include "digest.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "analysis.h"
#include "cache.h"
#include "fileio.h"
#include "reading.h"
#include "strmap.h"

#ifndef BYLINE_ENGINE_SUM
#define BYLINE_ENGINE_SUM 0	/* the Makefile gives the checksum of the analysis sources */
#endif

#define MAGIC		"BYLINE-ANALYSIS 3\n"
#define MAGIC_LEN	(sizeof MAGIC - 1)
#define NHEAD		11	/* u64 fields of the header */
#define HEAD_LEN	(MAGIC_LEN + NHEAD * 8)

/* The header's fields, in order. */
enum { H_ENGINE, H_COUNT, H_ALEN, H_BLEN, H_CLEN, H_ASUM, H_BSUM, H_CSUM, H_FPRINT, H_ISUM,
    H_HSUM };
#define PERSON_FM	0x1u

uint64_t
digest_engine(void)
{
	return (uint64_t)BYLINE_ENGINE_SUM;
}

/* ---- records ---- */

void
digest_put_u32(struct buf *b, uint32_t v)
{
	buf_add(b, &v, sizeof v);
}

void
digest_put_str(struct buf *b, const char *s)
{
	size_t n = s != NULL ? strlen(s) : 0;

	if (n > UINT32_MAX - 1)
		n = 0;
	digest_put_u32(b, (uint32_t)n);
	buf_add(b, n > 0 ? s : "", n);
	buf_addc(b, '\0');
}

/* The front matter person of a named name, for its aliases; NULL when none. */
static const struct article_person *
fm_person(const struct article *a, const char *name)
{
	size_t i;

	for (i = 0; i < a->npeople; i++)
		if (a->people[i].name != NULL && strcmp(a->people[i].name, name) == 0)
			return &a->people[i];
	for (i = 0; i < a->npeople; i++)
		if (a->people[i].name != NULL && ascii_strcasecmp(a->people[i].name, name) == 0)
			return &a->people[i];
	return NULL;
}

/* Append the people of r's analysis to rec. */
static void
make_people(const struct reading *r, struct buf *rec)
{
	const struct analysis *an = r->an;
	size_t i, k;

	for (i = 0; i < an->npeople; i++) {
		const struct an_person *p = &an->people[i];
		const struct article_person *fp = p->from_frontmatter && p->name != NULL ?
		    fm_person(&r->a, p->name) : NULL;
		uint32_t nal = 0;

		for (k = 0; fp != NULL && k < fp->naliases; k++)
			nal += fp->aliases[k] != NULL && fp->aliases[k][0] != '\0';
		digest_put_u32(rec, (uint32_t)p->nmentions);
		digest_put_u32(rec, (uint32_t)p->nquotes);
		digest_put_u32(rec, nal);
		digest_put_u32(rec, p->from_frontmatter ? PERSON_FM : 0);
		digest_put_str(rec, p->name);
		digest_put_str(rec, p->role);
		for (k = 0; fp != NULL && k < fp->naliases; k++)
			if (fp->aliases[k] != NULL && fp->aliases[k][0] != '\0')
				digest_put_str(rec, fp->aliases[k]);
	}
}

void
digest_make(const struct reading *r, const char *path, uint64_t size, int64_t mtime_sec,
    int64_t mtime_nsec, struct buf *rec, struct buf *text)
{
	const struct analysis *an = r->an;
	struct buf q = BUF_INIT;
	uint32_t nq = 0;
	size_t i, at;

	buf_add(rec, &size, 8);
	buf_add(rec, &mtime_sec, 8);
	buf_add(rec, &mtime_nsec, 8);
	digest_put_str(rec, path);
	digest_put_u32(rec, an != NULL ? (uint32_t)an->npeople : 0);
	at = rec->len;
	digest_put_u32(rec, 0);		/* the count of quotes, known below */
	if (an == NULL)
		return;
	make_people(r, rec);
	for (i = 0; i < an->nquotes; i++) {
		const struct an_quote *qt = &an->quotes[i];
		int32_t sp = qt->speaker >= 0 && (size_t)qt->speaker < an->npeople ? qt->speaker : -1;

		if (qt->fragment)
			continue;
		buf_reset(&q);
		analysis_quote_text(&r->in, qt, &q);
		digest_put_u32(rec, (uint32_t)i);
		buf_add(rec, &sp, 4);
		digest_put_u32(rec, (uint32_t)text->len);
		digest_put_u32(rec, (uint32_t)q.len);
		buf_add(text, q.len > 0 ? q.data : "", q.len);
		buf_addc(text, '\0');
		nq++;
	}
	memcpy(rec->data + at, &nq, 4);
	buf_free(&q);
}

void
digest_cur_init(struct digest_cur *c, const char *p, size_t len)
{
	c->p = p;
	c->end = p + len;
	c->bad = false;
}

uint32_t
digest_cur_u32(struct digest_cur *c)
{
	uint32_t v = 0;

	if (c->bad || (size_t)(c->end - c->p) < 4) {
		c->bad = true;
		return 0;
	}
	memcpy(&v, c->p, 4);
	c->p += 4;
	return v;
}

static int64_t
get64(struct digest_cur *c)
{
	int64_t v = 0;

	if (c->bad || (size_t)(c->end - c->p) < 8) {
		c->bad = true;
		return 0;
	}
	memcpy(&v, c->p, 8);
	c->p += 8;
	return v;
}

const char *
digest_cur_str(struct digest_cur *c)
{
	uint32_t n = digest_cur_u32(c);
	const char *s;

	if (c->bad || (size_t)(c->end - c->p) < (size_t)n + 1 || c->p[n] != '\0') {
		c->bad = true;
		return "";
	}
	s = c->p;
	c->p += (size_t)n + 1;
	return s;
}

/* Decode one person at c into d->people[d->npeople]. */
static void
decode_person(struct digest_cur *c, struct digest *d)
{
	struct dg_person *p;
	uint32_t k, flags;

	ARRAY_GROW(d->people, d->npeople + 1, d->cap_people);
	p = &d->people[d->npeople++];
	p->nmentions = digest_cur_u32(c);
	p->nquotes = digest_cur_u32(c);
	p->naliases = digest_cur_u32(c);
	flags = digest_cur_u32(c);
	p->frontmatter = (flags & PERSON_FM) != 0;
	p->name = digest_cur_str(c);
	p->role = digest_cur_str(c);
	if (p->role[0] == '\0')
		p->role = NULL;
	/* each alias takes five bytes at least: no count can outgrow the record */
	if (c->bad || p->naliases > (size_t)(c->end - c->p) / 5) {
		c->bad = true;
		return;
	}
	p->alias0 = (uint32_t)d->naliases;
	for (k = 0; k < p->naliases && !c->bad; k++) {
		ARRAY_GROW(d->aliases, d->naliases + 1, d->cap_aliases);
		d->aliases[d->naliases++] = digest_cur_str(c);
	}
}

bool
digest_decode(const char *rec, size_t len, const char *text, size_t tlen, struct digest *d)
{
	struct digest_cur c = { rec, rec + len, false };
	uint32_t np, nq, i;

	d->npeople = d->nquotes = d->naliases = 0;
	d->size = (uint64_t)get64(&c);
	d->mtime_sec = get64(&c);
	d->mtime_nsec = get64(&c);
	d->path = digest_cur_str(&c);
	np = digest_cur_u32(&c);
	nq = digest_cur_u32(&c);
	/* a person takes 26 bytes at least, a quote 16 */
	if (c.bad || np > len / 26 || nq > len / 16)
		return false;
	for (i = 0; i < np && !c.bad; i++)
		decode_person(&c, d);
	for (i = 0; i < nq && !c.bad; i++) {
		struct dg_quote *q;
		uint32_t off, n;

		ARRAY_GROW(d->quotes, d->nquotes + 1, d->cap_quotes);
		q = &d->quotes[d->nquotes++];
		q->qi = digest_cur_u32(&c);
		q->speaker = (int32_t)digest_cur_u32(&c);
		off = digest_cur_u32(&c);
		n = digest_cur_u32(&c);
		q->len = n;
		q->text = NULL;
		if (q->speaker < -1 || (q->speaker >= 0 && (uint32_t)q->speaker >= np))
			c.bad = true;
		if (text != NULL) {
			if ((size_t)off > tlen || (size_t)n >= tlen - off || text[off + n] != '\0')
				c.bad = true;
			else
				q->text = text + off;
		}
	}
	return !c.bad && c.p == c.end;
}

uint32_t
digest_nquotes(const char *rec, size_t len)
{
	struct digest_cur c = { rec, rec + len, false };
	uint32_t nq;

	c.p += len >= 24 ? 24 : len;
	(void)digest_cur_str(&c);
	(void)digest_cur_u32(&c);
	nq = digest_cur_u32(&c);
	return c.bad ? 0 : nq;
}

void
digest_release(struct digest *d)
{
	free(d->people);
	free(d->quotes);
	free(d->aliases);
	memset(d, 0, sizeof *d);
}

/* ---- the cache file ---- */

/* One record of a loaded cache: where it is in section A, its text block in B. */
struct dgc_rec {
	size_t		 off, len;	/* the record proper in a */
	uint64_t	 tbase;
	uint32_t	 tlen;
};

struct dgcache {
	int		 fd;		/* the file as opened */
	uint64_t	 h[NHEAD];	/* its header */
	char		*a;		/* section A, our copy, once read */
	size_t		 alen;
	bool		 a_tried, a_ok;
	char		*b;		/* section B once read, or NULL */
	uint64_t	 blen;
	bool		 b_tried, b_ok;
	char		*c;		/* section C once read, or NULL */
	bool		 c_tried, c_ok;
	struct dgc_rec	*v;
	size_t		 n;
	struct strmap	 paths;		/* path -> record number (keys borrowed from a) */
	bool		 indexed;
};

char *
dgcache_path(char *const *paths, size_t npaths)
{
	return cache_path_named("analysis", paths, npaths);
}

/* Read exactly len bytes at off of fd into buf. */
static bool
read_at(int fd, void *buf, size_t len, uint64_t off)
{
	size_t got = 0;

	while (got < len) {
		ssize_t r = pread(fd, (char *)buf + got, len - got, (off_t)(off + got));

		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			return false;
		got += (size_t)r;
	}
	return true;
}

/* Cut section A into records; false when their lengths do not add up. */
static bool
split_records(struct dgcache *c, uint64_t count)
{
	size_t off = 0, cap = 0;

	while (off < c->alen) {
		struct dgc_rec r;
		uint32_t len;

		if (c->alen - off < 16 || c->n >= count)
			return false;
		memcpy(&len, c->a + off, 4);
		memcpy(&r.tbase, c->a + off + 4, 8);
		memcpy(&r.tlen, c->a + off + 12, 4);
		if (len > c->alen - off - 16 || r.tbase > c->blen || r.tlen > c->blen - r.tbase)
			return false;
		r.off = off + 16;
		r.len = len;
		ARRAY_GROW(c->v, c->n + 1, cap);
		c->v[c->n++] = r;
		off += 16 + (size_t)len;
	}
	return c->n == count;
}

/* Check the header h of the file (st its size) for engine; its fields go to v. */
static bool
check_head(const char *h, const struct stat *st, uint64_t engine, uint64_t *v)
{
	int i;

	if (memcmp(h, MAGIC, MAGIC_LEN) != 0)
		return false;
	for (i = 0; i < NHEAD; i++)
		memcpy(&v[i], h + MAGIC_LEN + 8 * (size_t)i, 8);
	return v[H_HSUM] == sum64(h, HEAD_LEN - 8) && v[H_ENGINE] == engine &&
	    v[H_ALEN] <= CACHE_MAX_FILE && v[H_BLEN] <= CACHE_MAX_FILE &&
	    v[H_CLEN] <= CACHE_MAX_FILE &&
	    (uint64_t)st->st_size == HEAD_LEN + v[H_ALEN] + v[H_BLEN] + v[H_CLEN] &&
	    v[H_COUNT] <= v[H_ALEN] / 16;
}

struct dgcache *
dgcache_load(const char *path, uint64_t engine)
{
	struct dgcache *c;
	struct stat st;
	char head[HEAD_LEN];
	uint64_t v[NHEAD];
	int fd;

	if (path == NULL || (fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)) < 0)
		return NULL;
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode) || (uint64_t)st.st_size < HEAD_LEN ||
	    !read_at(fd, head, HEAD_LEN, 0) || !check_head(head, &st, engine, v)) {
		close(fd);
		return NULL;
	}
	c = xcalloc(1, sizeof *c);
	c->fd = fd;
	memcpy(c->h, v, sizeof v);
	c->paths = (struct strmap)STRMAP_INIT_BORROW;
	c->alen = (size_t)v[H_ALEN];
	c->blen = v[H_BLEN];
	return c;
}

/*
 * Read section len bytes at off into a new buffer *out and check its sum;
 * false (and *out NULL) when it cannot be read or does not check out.
 */
static bool
read_section(const struct dgcache *c, uint64_t off, size_t len, uint64_t sum, char **out)
{
	*out = xmalloc(len + 1);
	if (read_at(c->fd, *out, len, off) && sum64(*out, len) == sum)
		return true;
	free(*out);
	*out = NULL;
	return false;
}

/* Read and check section A, once; false when it is bad (the cache then holds nothing). */
static bool
load_records(struct dgcache *c)
{
	if (c->a_tried)
		return c->a_ok;
	c->a_tried = true;
	c->a_ok = read_section(c, HEAD_LEN, c->alen, c->h[H_ASUM], &c->a) &&
	    split_records(c, c->h[H_COUNT]);
	if (!c->a_ok)
		c->n = 0;
	return c->a_ok;
}

bool
dgcache_summary(struct dgcache *c, uint64_t *fingerprint, const char **data, size_t *len)
{
	if (c == NULL)
		return false;
	if (!c->c_tried) {
		c->c_tried = true;
		c->c_ok = read_section(c, HEAD_LEN + c->h[H_ALEN] + c->h[H_BLEN],
		    (size_t)c->h[H_CLEN], c->h[H_CSUM], &c->c);
	}
	*fingerprint = c->h[H_FPRINT];
	*data = c->c;
	*len = (size_t)c->h[H_CLEN];
	return c->c_ok && c->h[H_CLEN] > 0;
}

void
dgcache_free(struct dgcache *c)
{
	if (c == NULL)
		return;
	if (c->fd >= 0)
		close(c->fd);
	free(c->a);
	free(c->b);
	free(c->c);
	free(c->v);
	strmap_free(&c->paths);
	free(c);
}

size_t
dgcache_count(const struct dgcache *c)
{
	return c != NULL ? (size_t)c->h[H_COUNT] : 0;
}

void
dgcache_index(struct dgcache *c)
{
	size_t i;

	if (c == NULL || c->indexed)
		return;
	c->indexed = true;
	if (!load_records(c))
		return;
	strmap_reserve(&c->paths, c->n);
	for (i = 0; i < c->n; i++) {
		struct digest_cur cu = { c->a + c->v[i].off, c->a + c->v[i].off + c->v[i].len, false };
		const char *p;

		cu.p += c->v[i].len >= 24 ? 24 : c->v[i].len;
		p = digest_cur_str(&cu);
		if (!cu.bad)	/* a damaged record is never found */
			strmap_put(&c->paths, p, strlen(p), NULL)->u = i;
	}
}

const char *
dgcache_find(struct dgcache *c, const char *path, uint64_t size, int64_t mtime_sec,
    int64_t mtime_nsec, size_t *len)
{
	union strmap_val *v;
	const struct dgc_rec *r;
	int64_t h[3];

	if (c == NULL)
		return NULL;
	dgcache_index(c);
	if ((v = strmap_get(&c->paths, path, strlen(path))) == NULL)
		return NULL;
	r = &c->v[v->u];
	memcpy(h, c->a + r->off, sizeof h);
	if ((uint64_t)h[0] != size || h[1] != mtime_sec || h[2] != mtime_nsec)
		return NULL;
	*len = r->len;
	return c->a + r->off;
}

bool
dgcache_texts(struct dgcache *c, const char **text, size_t *len)
{
	if (c == NULL)
		return false;
	if (!c->b_tried) {
		c->b_tried = true;
		c->b_ok = read_section(c, HEAD_LEN + c->h[H_ALEN], (size_t)c->blen, c->h[H_BSUM],
		    &c->b);
	}
	*text = c->b;
	*len = (size_t)c->blen;
	return c->b_ok;
}

bool
dgcache_rec_text(const struct dgcache *c, const char *rec, const char **text, size_t *tlen)
{
	size_t lo = 0, hi, off;

	if (c == NULL || !c->b_ok || rec < c->a || rec >= c->a + c->alen)
		return false;
	off = (size_t)(rec - c->a);
	/* the records are in file order: search by offset */
	for (hi = c->n; lo < hi;) {
		size_t mid = lo + (hi - lo) / 2;

		if (c->v[mid].off < off)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo >= c->n || c->v[lo].off != off)
		return false;
	*text = c->b + c->v[lo].tbase;
	*tlen = c->v[lo].tlen;
	return true;
}

uint64_t
dgcache_index_sum(const struct dgcache *c)
{
	return c != NULL ? c->h[H_ISUM] : 0;
}

int
dgcache_save(const char *path, uint64_t engine, const struct dg_rec *v, size_t n,
    uint64_t fingerprint, uint64_t isum, const char *summary, size_t slen)
{
	struct buf out = BUF_INIT, b = BUF_INIT;
	uint64_t head[NHEAD];
	time_t now = time(NULL);
	size_t i;
	int ret = -1;

	if (path == NULL)
		return -1;
	memset(head, 0, sizeof head);
	head[H_ENGINE] = engine;
	/* the header is filled in at the end; section A goes straight after it */
	buf_reserve(&out, HEAD_LEN);
	out.len = HEAD_LEN;
	for (i = 0; i < n; i++) {
		int64_t h[3];
		uint32_t len = (uint32_t)v[i].len, tlen = (uint32_t)v[i].tlen;
		uint64_t tbase = b.len;

		if (v[i].len < sizeof h || v[i].len > UINT32_MAX || v[i].tlen > UINT32_MAX)
			continue;
		memcpy(h, v[i].rec, sizeof h);
		/* a file changed in the last seconds may change again unseen */
		if (h[1] >= (int64_t)now - 2 || h[0] == 0)
			continue;
		buf_add(&out, &len, 4);
		buf_add(&out, &tbase, 8);
		buf_add(&out, &tlen, 4);
		buf_add(&out, v[i].rec, v[i].len);
		buf_add(&b, v[i].tlen > 0 ? v[i].text : "", v[i].tlen);
		head[H_COUNT]++;
	}
	head[H_ALEN] = out.len - HEAD_LEN;
	head[H_BLEN] = b.len;
	head[H_CLEN] = summary != NULL ? slen : 0;
	head[H_ASUM] = sum64(out.data + HEAD_LEN, out.len - HEAD_LEN);
	head[H_BSUM] = sum64(b.data != NULL ? b.data : "", b.len);
	head[H_CSUM] = sum64(summary != NULL ? summary : "", (size_t)head[H_CLEN]);
	head[H_FPRINT] = fingerprint;
	head[H_ISUM] = isum;
	buf_add(&out, b.data != NULL ? b.data : "", b.len);
	buf_free(&b);
	if (head[H_CLEN] > 0)
		buf_add(&out, summary, slen);
	memcpy(out.data, MAGIC, MAGIC_LEN);
	memcpy(out.data + MAGIC_LEN, head, (NHEAD - 1) * 8);
	head[H_HSUM] = sum64(out.data, HEAD_LEN - 8);
	memcpy(out.data + HEAD_LEN - 8, &head[H_HSUM], 8);
	/* a cache: no fsync (losing the newest copy costs one analysis) */
	if (make_parents(path, 0700) == 0 &&
	    file_write_atomic(path, out.data, out.len, FW_PRIVATE | FW_NOSYNC, NULL) == 0)
		ret = 0;
	buf_free(&out);
	return ret;
}
