/*
 * window.c: the passes over one paragraph, in windows when it is long.
 *
 * A paragraph of up to AN_WIN_MAX tokens (nearly all of them) is cut whole
 * into struct an_tok and handed to people.c and speaker.c as it is. A
 * longer one is cut into a window of tokens that moves on: people.c reads
 * the name chunks that start in its middle, with P_BACK tokens before them
 * and P_FWD after (more than any look-around it has; a scan that runs on
 * further goes on with a copy of the tokenizer), then the window keeps the
 * last P_BACK tokens before where to go on and is filled again. Pass 2 reads
 * such a paragraph three times, as an_people_mark() and an_speakers_para()
 * read a whole one: its front matter aliases, then its names (the alias
 * mentions marked), then its quotations (every mention marked; speaker.c
 * keeps windows of its own). So a paragraph of any size costs a few windows
 * of memory, and gives what it would whole.
 */
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "util.h"

#define P_BACK	64	/* tokens kept before where people.c goes on */
#define P_FWD	256	/* tokens cut past the chunks it reads (and an alias's words) */

struct an_win {
	struct an_tok		*t;		/* the window (or the whole paragraph) */
	size_t			 cap;
	bool			 whole;		/* t holds all the tokens of the paragraph cut last */
	uint32_t		*pv;		/* tokens kept for pass 2 (an_tok_pack()) */
	size_t			 npv, pvcap;
	unsigned char		*px;
	size_t			 npx, pxcap;
	size_t			 room;		/* bytes they may take yet */
	struct an_tok		*raw;		/* raw tokens for speaker.c */
	struct an_mention	*am;		/* a paragraph's alias mentions */
	size_t			 amcap;
};

/* A new window set; free it with an_win_free(). */
struct an_win *
an_win_new(size_t room)
{
	struct an_win *w = xcalloc(1, sizeof(struct an_win));

	w->room = room;
	return w;
}

/* Release w; NULL is fine. */
void
an_win_free(struct an_win *w)
{
	if (w == NULL)
		return;
	free(w->t);
	free(w->raw);
	free(w->am);
	free(w->pv);
	free(w->px);
	free(w);
}

/* Room for n tokens in the window. */
static void
win_reserve(struct an_win *w, size_t n)
{
	if (n > w->cap) {
		free(w->t);
		w->t = xcalloc(n, sizeof *w->t);
		w->cap = n;
	}
}

/* Drop the window's tokens before from - P_BACK; returns how many went (*n and *from move). */
static size_t
win_slide(struct an_win *w, size_t *n, size_t *from)
{
	size_t d = *from > P_BACK ? *from - P_BACK : 0;

	memmove(w->t, w->t + d, (*n - d) * sizeof *w->t);
	*n -= d;
	*from -= d;
	return d;
}

/* Pass 1 over a paragraph: people.c's detection, and every token once to note(). */
size_t
an_win_detect(struct an_win *w, struct an_people *pp, const char *text, size_t len,
    struct span span, const struct an_quote *q, size_t nq, size_t qhint, const uint64_t *alen,
    void (*note)(void *arg, const struct an_tok *t, size_t n), void *arg)
{
	struct an_tokstate ts;
	size_t n = 0, from = 0, noted = 0, gone = 0, d;

	an_tok_begin(&ts, text, len, span, q, nq, qhint);
	ts.alen = alen;
	for (;;) {
		bool done;

		if (n == w->cap) {
			/* grow (the tokens stay) up to what a window holds */
			size_t cap = w->cap < 256 ? 256 : 2 * w->cap;

			if (cap > AN_WIN_MAX + P_BACK + P_FWD)
				cap = AN_WIN_MAX + P_BACK + P_FWD;
			if (cap > w->cap) {
				w->t = xreallocarray(w->t, cap, sizeof *w->t);
				w->cap = cap;
			}
		}
		n += an_tok_next(&ts, w->t + n, w->cap - n);
		done = an_tok_done(&ts);
		note(arg, w->t + noted, n - noted);
		noted = n;
		if (done) {
			an_people_detect_win(pp, text, w->t, n, from, n, NULL, SRC_BODY);
			w->whole = gone == 0;
			return gone + n;
		}
		if (n < AN_WIN_MAX + P_BACK + P_FWD)
			continue;
		from = an_people_detect_win(pp, text, w->t, n, from, n - P_FWD, &ts, SRC_BODY);
		d = win_slide(w, &n, &from);
		noted -= d;
		gone += d;
	}
}

/* Keep the paragraph an_win_detect() just cut for pass 2, if it was whole and fits. */
bool
an_win_keep(struct an_win *w, struct span span, size_t ntok, size_t *kv, size_t *kx)
{
	size_t nx = w->npx;

	if (!w->whole || ntok * sizeof *w->pv > w->room)
		return false;
	if (w->npv + ntok > w->pvcap)
		ARRAY_GROW(w->pv, w->npv + ntok, w->pvcap);
	an_tok_pack(span, w->t, ntok, w->pv + w->npv, &w->px, &w->npx, &w->pxcap);
	if ((w->npx - nx) + ntok * sizeof *w->pv > w->room) {
		w->npx = nx;	/* (the gaps and lengths did not fit) */
		return false;
	}
	w->room -= (w->npx - nx) + ntok * sizeof *w->pv;
	*kv = w->npv;
	*kx = nx;
	w->npv += ntok;
	return true;
}

/*
 * One reading of a long paragraph for pass 2 (src: its tokens): its front
 * matter aliases, or (names) its names, into *m.
 */
static void
mark_sweep(struct an_win *w, struct an_people *pp, const char *text, struct an_rawsrc *src,
    bool names, struct an_mention **m, size_t *nm, size_t *cap)
{
	size_t fwd = P_FWD + an_people_alias_words(pp), n = 0, from = 0;

	win_reserve(w, AN_WIN_MAX + P_BACK + fwd);
	for (;;) {
		bool done;
		size_t limit;

		n += an_rawsrc_next(src, w->t + n, w->cap - n);
		done = an_tok_done(&src->ts);
		limit = done ? n : n - fwd;
		if (names)
			from = an_people_mark_names(pp, text, w->t, n, from, limit, AN_IN_BODY, 0, m,
			    nm, cap);
		else
			from = an_people_mark_aliases(pp, text, w->t, n, from, limit, AN_IN_BODY, 0,
			    m, nm, cap);
		if (done)
			return;
		win_slide(w, &n, &from);
	}
}

/* Pass 2 over a paragraph, number pi, of ntok tokens: its mentions into *m, its quotations' speakers. */
void
an_win_mark(struct an_win *w, struct an_people *pp, struct an_speakers *sp, const char *text,
    size_t len, struct span span, size_t pi, size_t ntok, const struct an_quote *q, size_t nq,
    size_t qhint, size_t kv, size_t kx, bool aliases, bool names, struct an_mention **m,
    size_t *nm, size_t *cap)
{
	struct an_rawsrc src;
	size_t first = *nm, mid;
	bool last = false;

	memset(&src, 0, sizeof src);
	aliases = aliases && an_people_count(pp) > 0 && an_people_has_aliases(pp);
	names = names && an_people_count(pp) > 0;
	if (ntok <= AN_WIN_MAX + P_BACK + P_FWD) {
		/* the usual paragraph: whole (an_people_mark() in the steps it needs) */
		win_reserve(w, ntok);
		if (kv != SIZE_MAX)
			an_tok_unpack(span, w->pv + kv, w->px != NULL ? w->px + kx : NULL, ntok, q, nq,
			    qhint, w->t);
		else {
			size_t n = 0;

			an_tok_begin(&src.ts, text, len, span, q, nq, qhint);
			while (n < ntok && !an_tok_done(&src.ts))
				n += an_tok_next(&src.ts, w->t + n, ntok - n);
		}
		if (aliases)
			an_people_mark_aliases(pp, text, w->t, ntok, 0, ntok, AN_IN_BODY, 0, m, nm, cap);
		if (names)
			an_people_mark_names(pp, text, w->t, ntok, 0, ntok, AN_IN_BODY, 0, m, nm, cap);
		an_people_sort_mentions(pp, *m, first, *nm);
		an_speakers_para(sp, text, w->t, ntok, pi);
		return;
	}
	if (aliases || names) {
		if (aliases) {
			an_tok_begin(&src.ts, text, len, span, q, nq, qhint);
			mark_sweep(w, pp, text, &src, false, m, nm, cap);
		}
		/* names, the alias mentions (copied: *m grows) marked */
		if (*nm - first > w->amcap) {
			free(w->am);
			w->amcap = *nm - first;
			w->am = xcalloc(w->amcap, sizeof *w->am);
		}
		if (*nm > first)
			memcpy(w->am, *m + first, (*nm - first) * sizeof *w->am);
		src.m[0] = w->am;
		src.nm[0] = *nm - first;
		if (names) {
			an_tok_begin(&src.ts, text, len, span, q, nq, qhint);
			mark_sweep(w, pp, text, &src, true, m, nm, cap);
		}
	}
	mid = first + src.nm[0];
	/* quotations and speakers, every mention marked */
	an_tok_begin(&src.ts, text, len, span, q, nq, qhint);
	src.mk[0] = NULL;
	src.nm[0] = mid - first;
	src.m[0] = src.nm[0] > 0 ? *m + first : NULL;
	src.mi[0] = 0;
	src.nm[1] = *nm - mid;
	src.m[1] = src.nm[1] > 0 ? *m + mid : NULL;
	src.mk[1] = src.nm[1] > 0 ? an_people_mention_kinds(pp) + mid : NULL;
	src.mi[1] = 0;
	if (w->raw == NULL)
		w->raw = xcalloc(AN_RAWBATCH, sizeof *w->raw);
	an_speakers_begin(sp, text, pi, &src);
	do {
		while (!last && an_speakers_room(sp) >= AN_RAWBATCH) {
			size_t n = an_rawsrc_next(&src, w->raw, AN_RAWBATCH);

			last = an_tok_done(&src.ts);
			an_speakers_feed(sp, w->raw, n, last);
		}
	} while (!an_speakers_read(sp));
	an_people_sort_mentions(pp, *m, first, *nm);
}
