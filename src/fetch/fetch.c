/*
 * fetch.c: the run: sources downloaded, read, and their stories written
 * (see fetch.h).
 *
 * Each source is a job. A finished transfer is read at once (a feed, else
 * a web page), and each story not written before is rendered and queued in
 * the run's file batch; the batch is committed (one flush) after every
 * round of transfers, and only then are the stories remembered in the
 * journal and counted. With --full a story waits for its own page, fetched
 * like any other transfer. A job is done when its feed and pages are all
 * in; its ETag is kept only if every story of it was written, so that a
 * feed that could not be written is downloaded in full next time.
 */
#include "fetch.h"

#include <pthread.h>
#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "article.h"
#include "config.h"
#include "feed.h"
#include "fetch-int.h"
#include "fileio.h"
#include "http.h"
#include "imported.h"
#include "story.h"
#include "util.h"

/* Seconds after which a temporary file in a source folder is known to be left over. */
#define FETCH_STALE_TEMP 60

struct run;

/* One source being fetched. */
struct job {
	struct run		*run;
	size_t			 idx;		/* into the report */
	const struct fetch_src	*src;
	struct feed		 feed;		/* kept while its pages are fetched */
	char			*source;	/* the stories' source name */
	char			*slug;		/* their folder */
	char			*etag, *lm;	/* to keep once every story is written */
	size_t			 pending;	/* transfers of it still running */
	bool			 write_failed;
	bool			 done;
};

/* A story page (--full) being fetched. */
struct page {
	struct job	*job;
	size_t		 item;
};

/* A story rendered and queued in the batch, waiting for the commit. */
struct planned {
	struct job	*job;
	char		*key;
	char		*rel;		/* DIR/rel is the file */
	int64_t		 version;
	uint64_t	 hash;
	struct buf	 bytes;		/* kept to retry under another name */
	struct imported	*imp;		/* for the next name; NULL for a rewrite */
	unsigned	 n;		/* the name's number */
	bool		 update;
};

struct run {
	const struct fetch_opts	*o;
	struct fetch_dir	 d;
	struct http		*http;
	struct fetch_report	*rep;
	struct job		*jobs;
	size_t			 njobs, done;
	struct file_batch	 batch;
	struct planned		*plan;
	size_t			 nplan, plancap;
	struct strmap		 names;		/* rel paths planned in the batch */
	int64_t			 now;
	int64_t			 last_progress;	/* ms */
	bool			 dirty;		/* progress to report */
};

static const char *no_http;	/* why HTTP cannot work here, or NULL */

/* What fetch_global_init() does, once. */
static void
fetch_init_once(void)
{
	no_http = http_global_init();
	feed_global_init();
	file_umask();
}

const char *
fetch_global_init(void)
{
	static pthread_once_t once = PTHREAD_ONCE_INIT;

	pthread_once(&once, fetch_init_once);
	return no_http;
}

char *
fetch_state_root(void)
{
	return xdg_path("XDG_STATE_HOME", ".local/state", "byline");
}

char *
fetch_library_dir(const char *config_file, bool *chosen)
{
	const char *v;
	char *path, *r = NULL;
	struct config c;

	if (chosen != NULL)
		*chosen = true;
	if ((v = getenv("BYLINE_ARTICLES")) != NULL && v[0] != '\0')
		return xstrdup(v);
	if ((path = config_default_path(config_file)) != NULL) {
		config_load(&c, path, false);
		if (c.library != NULL)
			r = xstrdup(c.library);
		config_free(&c);
		free(path);
		if (r != NULL)
			return r;
	}
	if (chosen != NULL)
		*chosen = false;
	return xdg_path("XDG_DATA_HOME", ".local/share", "byline/articles");
}

/* Milliseconds on the monotonic clock. */
static int64_t
fetch_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Tell the caller how far the run is (always when force, else at most every 100 ms). */
static void
fetch_progress(struct run *r, bool force)
{
	struct fetch_progress p;
	int64_t now;

	if (r->o->progress == NULL)
		return;
	now = fetch_ms();
	if (!force && !r->dirty && now - r->last_progress < 100)
		return;
	r->last_progress = now;
	r->dirty = false;
	memset(&p, 0, sizeof p);
	p.done = r->done;
	p.total = r->njobs;
	p.nnew = r->rep->nnew;
	r->o->progress(&p, r->o->arg);
}

/* Has the caller asked to stop? */
static bool
fetch_cancelled(const struct run *r)
{
	return r->o->cancelled != NULL && r->o->cancelled(r->o->arg);
}

/* Record a failure of job j (the first one counts). */
static void
fetch_fail(struct job *j, enum fetch_status st, char *error)
{
	struct fetch_result *res = &j->run->rep->v[j->idx];

	if (res->error == NULL) {
		res->status = st;
		res->error = error;
	} else {
		free(error);
	}
}

/*
 * The key a story is remembered by: its id when it looks unique (a URL, a
 * tag: or urn: id), else the feed's URL and the id, else a hash of the
 * feed, title and date.
 */
static char *
fetch_key(const char *feed_url, const struct feed_item *it)
{
	uint64_t h;

	if (it->id != NULL && strchr(it->id, ':') != NULL)
		return xstrdup(it->id);
	if (it->id != NULL)
		return xasprintf("%s#%s", feed_url, it->id);
	h = fnv64(FNV64_INIT, feed_url, strlen(feed_url));
	if (it->title != NULL)
		h = fnv64(h, it->title, strlen(it->title));
	if (it->date != NULL)
		h = fnv64(h, it->date, strlen(it->date));
	return xasprintf("h:%016" PRIx64, h);
}

/* The source name for job j: the subscription's, the feed's title, else the host. */
static char *
fetch_source_name(const struct job *j, const char *title)
{
	const char *u = j->src->url, *host, *end;

	if (j->src->name != NULL)
		return xstrdup(j->src->name);
	if (title != NULL)
		return xstrdup(title);
	host = strstr(u, "://");
	host = host != NULL ? host + 3 : u;
	end = host + strcspn(host, "/?#:");
	return xstrndup(host, (size_t)(end - host));
}

/* Add a file written to the report. */
static void
fetch_report_path(struct fetch_report *rep, const char *dir, const char *rel)
{
	ARRAY_GROW(rep->paths, rep->npaths + 1, rep->pcap);
	rep->paths[rep->npaths++] = xasprintf("%s/%s", dir, rel);
}

/* Does the article file at path hold the story with this id (read from its front matter)? */
static bool
fetch_holds(const char *path, const char *id)
{
	struct article a;
	bool r;

	if (id == NULL)
		return false;
	article_load(&a, path, ARTICLE_LOAD_HEAD, NULL);
	r = a.id != NULL && strcmp(a.id, id) == 0;
	article_free(&a);
	return r;
}

/* Release a planned story. */
static void
fetch_plan_free(struct planned *p)
{
	free(p->key);
	free(p->rel);
	buf_free(&p->bytes);
	imported_free(p->imp);
	memset(p, 0, sizeof *p);
}

/*
 * Choose the name of new story p, from its number p->n on: the first that
 * is neither planned in this batch nor taken in DIR. A file that holds
 * the story already (a run killed before it could note it) is taken as
 * written. Returns 1 with p->rel set, 0 when the story was found written,
 * -1 when no name is free.
 */
static int
fetch_choose(struct run *r, struct planned *p)
{
	for (; p->n <= STORY_MAX_CLASH; p->n++) {
		char *name = story_file_name(p->imp, p->n), *rel, *path;
		struct stat st;

		rel = xasprintf("%s/%s", p->job->slug, name);
		free(name);
		if (strmap_get(&r->names, rel, strlen(rel)) != NULL) {
			free(rel);
			continue;
		}
		path = xasprintf("%s/%s", r->d.dir, rel);
		if (lstat(path, &st) == 0) {
			bool mine = S_ISREG(st.st_mode) && fetch_holds(path, p->imp->id);

			free(path);
			if (mine) {
				fetchdir_remember(&r->d, p->key, p->version, p->hash, rel);
				free(rel);
				return 0;
			}
			free(rel);
			continue;
		}
		free(path);
		p->rel = rel;
		strmap_put(&r->names, rel, strlen(rel), NULL);
		return 1;
	}
	return -1;
}

/* Queue planned story p (already named) in the batch; it joins r->plan. */
static void
fetch_queue(struct run *r, struct planned *p)
{
	char *path = xasprintf("%s/%s", r->d.dir, p->rel), *cause = NULL;

	if (file_batch_add(&r->batch, path, p->bytes.data, p->bytes.len,
	    p->update ? 0 : FW_NOREPLACE, &cause) < 0) {
		p->job->write_failed = true;
		fetch_fail(p->job, FETCH_FAILED, cause);
		fetch_plan_free(p);
	} else {
		ARRAY_GROW(r->plan, r->nplan + 1, r->plancap);
		r->plan[r->nplan++] = *p;
	}
	free(path);
}

/* Render imp into p->bytes (and its hash unless keep_hash). Returns 0, or -1 after failing the job. */
static int
fetch_render(struct planned *p, bool keep_hash)
{
	char *cause = NULL;

	buf_reset(&p->bytes);
	if (imported_render(p->imp, &p->bytes, &cause) < 0) {
		fetch_fail(p->job, FETCH_FAILED, cause);
		p->job->write_failed = true;
		return -1;
	}
	if (!keep_hash)
		p->hash = fnv64(FNV64_INIT, p->bytes.data, p->bytes.len);
	return 0;
}

/* Make sure job j's source folder exists. Returns 0, or -1 after failing the job. */
static int
fetch_slug(struct job *j)
{
	char *cause = NULL, *path;

	if (j->slug != NULL)
		return 0;
	j->slug = story_source_slug(j->source);
	if (story_subdir(j->run->d.dir, j->slug, &cause) < 0) {
		fetch_fail(j, FETCH_FAILED, cause);
		j->write_failed = true;
		return -1;
	}
	/* what a fetch killed while writing left (this fetch holds the lock) */
	path = xasprintf("%s/%s", j->run->d.dir, j->slug);
	file_sweep_temps(path, FETCH_STALE_TEMP);
	free(path);
	return 0;
}

/*
 * A rewrite of the story seen before as seen: the updates its file has,
 * one more saying so, the same file. Takes p.
 */
static void
fetch_plan_update(struct run *r, struct planned *p, const struct fetch_seen *seen)
{
	char *path, date[40];
	struct article a;
	size_t i;

	if (!story_relpath_ok(seen->rel)) {
		fetch_plan_free(p);
		return;
	}
	path = xasprintf("%s/%s", r->d.dir, seen->rel);
	article_load(&a, path, ARTICLE_LOAD_HEAD, NULL);
	free(path);
	if (a.flags & ARTICLE_BROKEN) {
		/* gone or unreadable: the reader removed it; leave it so */
		fetchdir_remember(&r->d, p->key, p->version, p->hash, seen->rel);
		article_free(&a);
		fetch_plan_free(p);
		return;
	}
	for (i = 0; i < a.nupdates; i++)
		imported_add_update(p->imp, imported_line(p->imp, a.updates[i].date),
		    imported_line(p->imp, a.updates[i].note));
	article_free(&a);
	story_iso_date(p->version > 0 ? p->version : r->now, 0, date, sizeof date);
	imported_add_update(p->imp, imported_line(p->imp, date),
	    imported_line(p->imp, "The feed gave a newer version of this story."));
	p->update = true;
	p->rel = xstrdup(seen->rel);
	if (fetch_render(p, true) < 0) {
		fetch_plan_free(p);
		return;
	}
	fetch_queue(r, p);
}

/*
 * Write the story imp (taken) of job j under key: new, or a rewrite when
 * seen says it was written before and its text changed.
 */
static void
fetch_story(struct job *j, char *key, int64_t version, struct imported *imp,
    const struct fetch_seen *seen)
{
	struct run *r = j->run;
	struct planned p;

	memset(&p, 0, sizeof p);
	p.job = j;
	p.key = key;
	p.version = version;
	p.imp = imp;
	p.n = 1;
	if (fetch_slug(j) < 0 || fetch_render(&p, false) < 0) {
		fetch_plan_free(&p);
		return;
	}
	if (seen != NULL && seen->hash == p.hash) {
		fetchdir_remember(&r->d, key, version, p.hash, seen->rel);
		fetch_plan_free(&p);
	} else if (seen != NULL) {
		fetch_plan_update(r, &p, seen);
	} else {
		switch (fetch_choose(r, &p)) {
		case 1:
			fetch_queue(r, &p);
			return;
		case -1:
			fetch_fail(j, FETCH_FAILED, xasprintf("%s/%s: no free file name",
			    r->d.dir, j->slug));
			j->write_failed = true;
			break;
		}
		fetch_plan_free(&p);
	}
}

/* A story of the batch is on disk: remember it, count it, report its file. */
static void
fetch_written(struct run *r, struct planned *p)
{
	struct fetch_result *res = &r->rep->v[p->job->idx];

	fetchdir_remember(&r->d, p->key, p->version, p->hash, p->rel);
	fetch_report_path(r->rep, r->d.dir, p->rel);
	if (p->update) {
		res->nupdated++;
		r->rep->nupdated++;
	} else {
		res->nnew++;
		r->rep->nnew++;
	}
	r->dirty = true;
}

/*
 * A story of the batch could not be placed (err): a new one whose name was
 * taken meanwhile goes to the next name (1: keep it for the next round),
 * anything else fails its job (0).
 */
static int
fetch_misplaced(struct run *r, struct planned *p, int err)
{
	if (err == EEXIST && !p->update) {
		strmap_put(&r->names, p->rel, strlen(p->rel), NULL);
		free(p->rel);
		p->rel = NULL;
		p->n++;
		switch (fetch_choose(r, p)) {
		case 1:
			return 1;
		case 0:
			return 0;
		}
	}
	p->job->write_failed = true;
	fetch_fail(p->job, FETCH_FAILED, xasprintf("%s/%s: %s", r->d.dir,
	    p->rel != NULL ? p->rel : p->job->slug, strerror(err)));
	return 0;
}

/* Commit the batch: every story queued written with one flush, then remembered. */
static void
fetch_commit(struct run *r)
{
	while (r->nplan > 0) {
		struct planned *plan = r->plan, *again = NULL;
		size_t n = r->nplan, i, nagain = 0, cap = 0;

		file_batch_commit(&r->batch);
		for (i = 0; i < n; i++) {
			if (r->batch.v[i].err == 0) {
				fetch_written(r, &plan[i]);
			} else if (fetch_misplaced(r, &plan[i], r->batch.v[i].err)) {
				ARRAY_GROW(again, nagain + 1, cap);
				again[nagain++] = plan[i];
				continue;
			}
			fetch_plan_free(&plan[i]);
		}
		file_batch_clear(&r->batch);
		strmap_free(&r->names);
		r->nplan = 0;
		for (i = 0; i < nagain; i++) {
			strmap_put(&r->names, again[i].rel, strlen(again[i].rel), NULL);
			fetch_queue(r, &again[i]);
		}
		free(again);
	}
	strmap_free(&r->names);
	fetchdir_flush(&r->d);
}

/* The version of an item: its updated date, else its published date, else 0. */
static int64_t
fetch_version(const struct feed_item *it)
{
	return it->has_updated ? it->updated_t : it->has_date ? it->date_t : 0;
}

/* The context story_from_item() needs for job j. */
static struct story_ctx
fetch_story_ctx(const struct job *j, bool people)
{
	struct story_ctx ctx;

	ctx.feed = &j->feed;
	ctx.source = j->source;
	ctx.now = j->run->now;
	ctx.people = people;
	return ctx;
}

/* What each transfer's udata is: a source (item < 0) or a story's page. */
struct xfer {
	struct job	*job;
	long		 item;
};

/* Item i of job j's feed: skipped when written and not newer, else written (or its page asked for). */
static void
fetch_item(struct job *j, size_t i)
{
	struct run *r = j->run;
	const struct feed_item *it = &j->feed.items[i];
	char *key = fetch_key(j->src->url, it);
	int64_t version = fetch_version(it);
	struct fetch_seen *seen = fetchdir_seen(&r->d, key);
	struct story_ctx ctx;

	if (seen != NULL && version <= seen->version) {
		free(key);
		return;
	}
	if (seen == NULL && (j->src->full || r->o->full) && it->link != NULL) {
		struct xfer *x = xmalloc(sizeof *x);

		x->job = j;
		x->item = (long)i;
		j->pending++;
		http_add(r->http, it->link, NULL, NULL, x);
		free(key);
		return;
	}
	ctx = fetch_story_ctx(j, r->o->people);
	fetch_story(j, key, version, story_from_item(&ctx, it), seen);
}

/* The stories of a feed body of job j. */
static void
fetch_feed(struct job *j, const struct http_resp *resp)
{
	char charset[64], *cause = NULL;
	size_t i;

	if (feed_parse(&j->feed, resp->body.data, resp->body.len, resp->final_url != NULL ?
	    resp->final_url : j->src->url, feed_charset(resp->content_type, charset,
	    sizeof charset) ? charset : NULL, &cause) < 0) {
		fetch_fail(j, FETCH_FAILED, cause);
		return;
	}
	j->source = fetch_source_name(j, j->feed.title);
	for (i = 0; i < j->feed.nitems && !j->write_failed; i++)
		fetch_item(j, i);
}

/* A web page given as a source: one story, through the HTML import. */
static void
fetch_page_source(struct job *j, const struct http_resp *resp)
{
	struct imported *imp = imported_new();
	const char *url = resp->final_url != NULL ? resp->final_url : j->src->url;
	char *cause = NULL, *key;

	if (imported_from_html(imp, resp->body.data, resp->body.len, url, &cause) < 0) {
		fetch_fail(j, FETCH_FAILED, cause);
		imported_free(imp);
		return;
	}
	if (imp->url == NULL)
		imp->url = imported_line(imp, url);
	if (j->src->name != NULL)
		imp->source = imported_line(imp, j->src->name);
	j->source = fetch_source_name(j, imp->source);
	if (imp->source == NULL)
		imp->source = imported_line(imp, j->source);
	key = xstrdup(imp->id != NULL ? imp->id : imp->url);
	if (fetchdir_seen(&j->run->d, key) != NULL) {
		free(key);
		imported_free(imp);
		return;
	}
	if (j->run->o->people)
		imported_find_people(imp);
	fetch_story(j, key, 0, imp, NULL);
}

/* Is a Content-Type value HTML? */
static bool
fetch_is_html_type(const char *type)
{
	return type != NULL && (ascii_strncasecmp(type, "text/html", 9) == 0 ||
	    ascii_strncasecmp(type, "application/xhtml", 17) == 0);
}

/*
 * The page of story item of job j came (--full): the story with the
 * page's text and photos (its metadata from the feed); the feed's own
 * text when the page could not be had or read.
 */
static void
fetch_page_done(struct job *j, long item, const struct http_resp *resp)
{
	const struct feed_item *it = &j->feed.items[item];
	struct story_ctx ctx = fetch_story_ctx(j, false);
	struct imported *imp = story_from_item(&ctx, it), *page = imported_new();
	char *cause = NULL;

	if (resp->error == NULL && resp->status >= 200 && resp->status < 300 &&
	    imported_from_html(page, resp->body.data, resp->body.len,
	    resp->final_url != NULL ? resp->final_url : it->link, &cause) == 0 &&
	    page->nparas > 0) {
		story_merge_page(imp, page);
	} else {
		j->run->rep->v[j->idx].nwarnings++;
	}
	free(cause);
	imported_free(page);
	if (j->run->o->people && imp->nparas > 0)
		imported_find_people(imp);
	fetch_story(j, fetch_key(j->src->url, it), fetch_version(it), imp, NULL);
}

/* A reason phrase safe to print, or "". */
static const char *
fetch_reason(const struct http_resp *resp)
{
	return resp->reason != NULL ? resp->reason : "";
}

/* When a Retry-After asks to wait until, as "HH:MM" today or "YYYY-MM-DD HH:MM", local time, into out. */
static void
fetch_when(int64_t t, char *out, size_t size)
{
	time_t tt = (time_t)t, now = time(NULL);
	struct tm tm, today;

	localtime_r(&tt, &tm);
	localtime_r(&now, &today);
	strftime(out, size, tm.tm_yday == today.tm_yday && tm.tm_year == today.tm_year ?
	    "%H:%M:%S" : "%Y-%m-%d %H:%M", &tm);
}

/* The answer to job j's own request came. */
static void
fetch_source_done(struct job *j, struct http_resp *resp)
{
	struct fetch_result *res = &j->run->rep->v[j->idx];
	const struct fetch_http *old = fetchdir_http(&j->run->d, j->src->url);
	char when[40];

	if (resp->error != NULL) {
		fetch_fail(j, FETCH_FAILED, xstrdup(resp->error));
	} else if (resp->status == 304) {
		res->status = FETCH_UNCHANGED;
	} else if ((resp->status == 429 || resp->status == 503) && resp->retry_after > 0) {
		fetch_when(resp->retry_after, when, sizeof when);
		res->retry_after = resp->retry_after;
		fetch_fail(j, FETCH_FAILED, xasprintf("HTTP %ld %s; the server asks to wait: "
		    "retry after %s", resp->status, fetch_reason(resp), when));
		fetchdir_set_http(&j->run->d, j->src->url, old != NULL ? old->etag : NULL,
		    old != NULL ? old->last_modified : NULL, resp->retry_after);
	} else if (resp->status < 200 || resp->status >= 300) {
		fetch_fail(j, FETCH_FAILED, xasprintf("HTTP %ld %s", resp->status,
		    fetch_reason(resp)));
	} else {
		j->etag = resp->etag;
		j->lm = resp->last_modified;
		resp->etag = resp->last_modified = NULL;
		if (feed_sniff(resp->body.data, resp->body.len) ||
		    (!fetch_is_html_type(resp->content_type) &&
		    !imported_is_html(resp->body.data, resp->body.len)))
			fetch_feed(j, resp);
		else
			fetch_page_source(j, resp);
	}
}

/* libcurl finished a transfer of the run (http_done_fn). */
static void
fetch_done(void *udata, struct http_resp *resp, void *arg)
{
	struct xfer *x = udata;
	struct job *j = x->job;

	(void)arg;
	if (x->item < 0)
		fetch_source_done(j, resp);
	else
		fetch_page_done(j, x->item, resp);
	free(x);
	if (--j->pending == 0)
		j->done = true;
}

/*
 * Close the jobs that are done, now that their stories are on disk: keep
 * a feed's ETag only when every story of it was written.
 */
static void
fetch_close_jobs(struct run *r)
{
	size_t i;

	for (i = 0; i < r->njobs; i++) {
		struct job *j = &r->jobs[i];
		struct fetch_result *res = &r->rep->v[j->idx];

		if (!j->done || j->run == NULL)
			continue;
		if (res->status == FETCH_OK && !j->write_failed &&
		    (j->etag != NULL || j->lm != NULL))
			fetchdir_set_http(&r->d, j->src->url, j->etag, j->lm, 0);
		free(j->etag);
		free(j->lm);
		free(j->source);
		free(j->slug);
		feed_free(&j->feed);
		j->run = NULL;
		r->done++;
		r->dirty = true;
	}
}

/* While another fetch holds DIR's lock: say so, and give up when cancelled. */
static bool
fetch_wait_lock(const char *dir, void *arg)
{
	const struct fetch_opts *o = arg;

	if (o->progress != NULL) {
		struct fetch_progress p;

		memset(&p, 0, sizeof p);
		p.waiting = dir;
		o->progress(&p, o->arg);
	}
	return o->cancelled != NULL && o->cancelled(o->arg);
}

/* Start every job: a request, or a deferral the server asked for last time. */
static void
fetch_start(struct run *r, const struct fetch_src *src, size_t n)
{
	char when[40];
	size_t i;

	r->jobs = xcalloc(n > 0 ? n : 1, sizeof *r->jobs);
	r->njobs = n;
	for (i = 0; i < n; i++) {
		struct job *j = &r->jobs[i];
		const struct fetch_http *h = fetchdir_http(&r->d, src[i].url);
		struct xfer *x;

		j->run = r;
		j->idx = i;
		j->src = &src[i];
		if (h != NULL && h->retry_after > r->now) {
			fetch_when(h->retry_after, when, sizeof when);
			r->rep->v[i].retry_after = h->retry_after;
			fetch_fail(j, FETCH_DEFERRED, xasprintf("not asked: the server asked "
			    "to wait; retry after %s", when));
			j->done = true;
			continue;
		}
		x = xmalloc(sizeof *x);
		x->job = j;
		x->item = -1;
		j->pending = 1;
		http_add(r->http, src[i].url, h != NULL ? h->etag : NULL,
		    h != NULL ? h->last_modified : NULL, x);
	}
}

/* The HTTP client with the run's options. */
static struct http *
fetch_http_new(const struct fetch_opts *o)
{
	struct http_opts ho;

	ho.connect_timeout = o->connect_timeout > 0 ? o->connect_timeout : FETCH_CONNECT_TIMEOUT;
	ho.timeout = o->timeout > 0 ? o->timeout : FETCH_TIMEOUT;
	ho.max_size = o->max_size > 0 ? o->max_size : FETCH_MAX_SIZE;
	ho.parallel = o->parallel > 0 ? o->parallel : FETCH_PARALLEL;
	if (ho.connect_timeout > ho.timeout)
		ho.connect_timeout = ho.timeout;
	return http_new(&ho);
}

/* The run is over (or cancelled): jobs not done are marked, the totals made. */
static void
fetch_finish(struct run *r, bool cancelled)
{
	size_t i;

	for (i = 0; i < r->njobs; i++) {
		struct job *j = &r->jobs[i];
		struct fetch_result *res = &r->rep->v[i];

		if (j->run != NULL && !j->done) {
			res->status = FETCH_CANCELLED;
			j->done = true;
			j->write_failed = true;	/* keep no ETag: a story may be missing */
		}
	}
	fetch_close_jobs(r);
	r->rep->cancelled = cancelled;
	for (i = 0; i < r->njobs; i++)
		if (r->rep->v[i].status == FETCH_FAILED || r->rep->v[i].status == FETCH_DEFERRED)
			r->rep->nfailed++;
}

int
fetch_run(const struct fetch_opts *o, const struct fetch_src *src, size_t n,
    struct fetch_report *rep, char **cause)
{
	struct run r;
	const char *why;
	char *root;
	size_t i;
	bool cancelled = false;

	memset(rep, 0, sizeof *rep);
	rep->v = xcalloc(n > 0 ? n : 1, sizeof *rep->v);
	rep->n = n;
	for (i = 0; i < n; i++)
		rep->v[i].url = xstrdup(src[i].url);
	if ((why = fetch_global_init()) != NULL) {
		*cause = xstrdup(why);
		return -1;
	}
	if ((root = o->state_root != NULL ? xstrdup(o->state_root) : fetch_state_root()) == NULL) {
		*cause = xstrdup("no state folder: neither XDG_STATE_HOME nor HOME is set");
		return -1;
	}
	memset(&r, 0, sizeof r);
	r.o = o;
	r.rep = rep;
	r.names = (struct strmap)STRMAP_INIT;
	if (fetchdir_open(&r.d, o->dir, root, fetch_wait_lock, (void *)o, cause) < 0) {
		free(root);
		return -1;
	}
	free(root);
	rep->dir = xstrdup(r.d.dir);
	r.now = (int64_t)time(NULL);
	r.http = fetch_http_new(o);
	fetch_start(&r, src, n);
	fetch_progress(&r, true);
	while (http_pending(r.http) > 0) {
		if ((cancelled = fetch_cancelled(&r)))
			break;
		http_run(r.http, 100, fetch_done, &r);
		fetch_commit(&r);
		fetch_close_jobs(&r);
		fetch_progress(&r, false);
	}
	http_free(r.http, free);
	fetch_commit(&r);
	fetch_finish(&r, cancelled);
	fetch_progress(&r, true);
	free(r.jobs);
	free(r.plan);
	file_batch_free(&r.batch);
	fetchdir_close(&r.d);
	return 0;
}

void
fetch_report_free(struct fetch_report *rep)
{
	size_t i;

	for (i = 0; i < rep->n; i++) {
		free(rep->v[i].url);
		free(rep->v[i].error);
	}
	for (i = 0; i < rep->npaths; i++)
		free(rep->paths[i]);
	free(rep->v);
	free(rep->paths);
	free(rep->dir);
	memset(rep, 0, sizeof *rep);
}
