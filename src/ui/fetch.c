/*
 * fetch.c: F in the library: the subscriptions fetched without stopping
 * the screen.
 *
 * fetch_run() (fetch.h) runs on a thread of its own; the screen goes on
 * answering keys. The thread shares only a small record under a mutex (how
 * far it is, whether it is done, whether to stop) and writes a byte to a
 * pipe whenever there is news; the event loop waits on that pipe beside
 * the terminal (uifetch_fd) and then calls uifetch_poll(), which puts the
 * progress on the status line and, once the thread is done, reads the
 * library again and selects the first new article. q in the library while
 * a fetch runs stops it: the transfers are abandoned, what was written
 * stays (each story is written whole or not at all).
 */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fetch.h"
#include "strmap.h"
#include "subs.h"
#include "ui-int.h"

struct uifetch {
	pthread_t		 thread;
	int			 pipe[2];	/* the thread writes, the event loop reads */
	pthread_mutex_t		 mu;		/* guards what follows, to "done" */
	struct fetch_progress	 prog;
	bool			 waiting;	/* for another fetch's lock */
	bool			 stop;		/* asked to stop */
	bool			 done;		/* the thread has ended */
	/* the thread's own until done, then the event loop's */
	struct fetch_opts	 o;
	struct subs		 subs;
	struct fetch_src	*src;
	char			*dir;
	struct fetch_report	 rep;
	int			 rc;
	char			*cause;
	bool			 reload;	/* the library is to be read again (in the list) */
};

/* Tell the event loop there is news (never blocks: the pipe is non-blocking). */
static void
uifetch_wake(struct uifetch *f)
{
	char c = 0;
	ssize_t n;

	do
		n = write(f->pipe[1], &c, 1);
	while (n < 0 && errno == EINTR);
}

/* fetch_opts.progress, on the thread. */
static void
uifetch_on_progress(const struct fetch_progress *p, void *arg)
{
	struct uifetch *f = arg;

	pthread_mutex_lock(&f->mu);
	f->waiting = p->waiting != NULL;
	if (!f->waiting)
		f->prog = *p;
	f->prog.waiting = NULL;
	pthread_mutex_unlock(&f->mu);
	uifetch_wake(f);
}

/* fetch_opts.cancelled, on the thread. */
static bool
uifetch_on_cancelled(void *arg)
{
	struct uifetch *f = arg;
	bool stop;

	pthread_mutex_lock(&f->mu);
	stop = f->stop;
	pthread_mutex_unlock(&f->mu);
	return stop;
}

/* The thread: the whole fetch. */
static void *
uifetch_thread(void *arg)
{
	struct uifetch *f = arg;

	f->rc = fetch_run(&f->o, f->src, f->subs.n, &f->rep, &f->cause);
	pthread_mutex_lock(&f->mu);
	f->done = true;
	pthread_mutex_unlock(&f->mu);
	uifetch_wake(f);
	return NULL;
}

/* Release f (its thread joined or never started). */
static void
uifetch_free(struct uifetch *f)
{
	fetch_report_free(&f->rep);
	subs_free(&f->subs);
	free(f->src);
	free(f->dir);
	free(f->cause);
	close(f->pipe[0]);
	close(f->pipe[1]);
	pthread_mutex_destroy(&f->mu);
	free(f);
}

/* Where F writes: the one folder the reader shows, else the default library. */
static char *
uifetch_dir(const struct ui *ui)
{
	struct stat st;

	if (ui->npaths == 1 && stat(ui->paths[0], &st) == 0 && S_ISDIR(st.st_mode))
		return xstrdup(ui->paths[0]);
	return fetch_library_dir(ui->opt->config, NULL);
}

/*
 * The subscriptions of f read, and the sources made of them. Returns
 * false with a message when there are none.
 */
static bool
uifetch_sources(struct ui *ui, struct uifetch *f)
{
	char *path = subs_default_path(), *cause = NULL;
	size_t i;

	if (path == NULL || subs_load(&f->subs, path, &cause) < 0 || f->subs.n == 0) {
		ui_message(ui, true, "%s", cause != NULL ? cause : "no subscriptions yet: "
		    "byline fetch --add URL subscribes to a feed");
		free(cause);
		free(path);
		return false;
	}
	free(path);
	f->src = xcalloc(f->subs.n, sizeof *f->src);
	for (i = 0; i < f->subs.n; i++) {
		f->src[i].url = f->subs.v[i].url;
		f->src[i].full = f->subs.v[i].full;
		f->src[i].name = f->subs.v[i].name;
	}
	return true;
}

/* Start the thread of f with every signal blocked on it (they are the event loop's). */
static bool
uifetch_spawn(struct uifetch *f)
{
	sigset_t all, old;
	int err;

	sigfillset(&all);
	pthread_sigmask(SIG_SETMASK, &all, &old);
	err = pthread_create(&f->thread, NULL, uifetch_thread, f);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	return err == 0;
}

void
uifetch_start(struct ui *ui)
{
	struct uifetch *f;

	if (ui->fetch != NULL) {
		ui_message(ui, false, "a fetch is running (q stops it)");
		return;
	}
	f = xcalloc(1, sizeof *f);
	pthread_mutex_init(&f->mu, NULL);
	if (pipe(f->pipe) < 0) {
		ui_message(ui, true, "cannot fetch: %s", strerror(errno));
		free(f);
		return;
	}
	fcntl(f->pipe[0], F_SETFL, O_NONBLOCK);
	fcntl(f->pipe[1], F_SETFL, O_NONBLOCK);
	fcntl(f->pipe[0], F_SETFD, FD_CLOEXEC);
	fcntl(f->pipe[1], F_SETFD, FD_CLOEXEC);
	if (!uifetch_sources(ui, f) || (f->dir = uifetch_dir(ui)) == NULL) {
		if (f->src != NULL)
			ui_message(ui, true, "no library folder: HOME is not set");
		uifetch_free(f);
		return;
	}
	f->o.dir = f->dir;
	f->o.people = true;
	f->o.progress = uifetch_on_progress;
	f->o.cancelled = uifetch_on_cancelled;
	f->o.arg = f;
	f->prog.total = f->subs.n;
	fetch_global_init();
	if (!uifetch_spawn(f)) {
		ui_message(ui, true, "cannot fetch: no thread");
		uifetch_free(f);
		return;
	}
	ui->fetch = f;
}

int
uifetch_fd(const struct ui *ui)
{
	return ui->fetch != NULL ? ui->fetch->pipe[0] : -1;
}

bool
uifetch_status(const struct ui *ui, char *out, size_t size)
{
	struct uifetch *f = ui->fetch;

	if (f == NULL || f->reload)
		return false;
	pthread_mutex_lock(&f->mu);
	if (f->stop)
		snprintf(out, size, "stopping the fetch\xe2\x80\xa6 (%zu new)", f->prog.nnew);
	else if (f->waiting)
		snprintf(out, size, "fetch: waiting for another byline fetch\xe2\x80\xa6 "
		    "(q stops)");
	else
		snprintf(out, size, "fetching: %zu/%zu feeds, %zu new (q stops)", f->prog.done,
		    f->prog.total, f->prog.nnew);
	pthread_mutex_unlock(&f->mu);
	return true;
}

bool
uifetch_cancel(struct ui *ui)
{
	struct uifetch *f = ui->fetch;

	if (f == NULL || f->reload)
		return false;
	pthread_mutex_lock(&f->mu);
	f->stop = true;
	pthread_mutex_unlock(&f->mu);
	return true;
}

/* The last two parts of path ("source/file.md"), or path itself. */
static const char *
uifetch_tail(const char *path)
{
	const char *last = strrchr(path, '/'), *p;

	if (last == NULL)
		return path;
	for (p = last; p > path && p[-1] != '/'; p--)
		;
	return p;
}

/* Select the first row (newest) that is one of the files f wrote; returns whether one was. */
static bool
uifetch_select_new(struct ui *ui, const struct uifetch *f)
{
	struct strmap written = STRMAP_INIT_BORROW;
	size_t i;
	bool found = false;

	for (i = 0; i < f->rep.npaths; i++) {
		const char *t = uifetch_tail(f->rep.paths[i]);

		strmap_put(&written, t, strlen(t), NULL);
	}
	for (i = 0; i < ui->nrows && !found; i++) {
		const char *t = uifetch_tail(ui->lib.v[ui->rows[i]].path);

		if (strmap_get(&written, t, strlen(t)) != NULL) {
			ui->sel = i;
			found = true;
		}
	}
	strmap_free(&written);
	list_scroll(ui);
	return found;
}

/* The summary of a finished fetch as the status line's message. */
static void
uifetch_summary(struct ui *ui, const struct uifetch *f)
{
	const struct fetch_report *r = &f->rep;
	const struct fetch_result *bad = NULL;
	char upd[40] = "";
	size_t i;

	if (f->rc < 0) {
		ui_message(ui, true, "fetch: %s", f->cause != NULL ? f->cause : "failed");
		return;
	}
	for (i = 0; i < r->n && bad == NULL; i++)
		if (r->v[i].error != NULL)
			bad = &r->v[i];
	if (r->nupdated > 0)
		snprintf(upd, sizeof upd, ", %zu updated,", r->nupdated);
	ui_message(ui, r->nfailed > 0, "%zu new article%s%s from %zu feed%s%s%s%s%s%s",
	    r->nnew, r->nnew == 1 ? "" : "s", upd, r->n, r->n == 1 ? "" : "s",
	    r->cancelled ? " (stopped)" : "", r->nfailed > 0 ? " (" : "",
	    r->nfailed > 0 ? "failed: " : "", bad != NULL ? bad->url : "",
	    r->nfailed > 0 ? ")" : "");
}

bool
uifetch_poll(struct ui *ui)
{
	struct uifetch *f = ui->fetch;
	char drain[64];
	bool done;

	if (f == NULL)
		return false;
	while (read(f->pipe[0], drain, sizeof drain) > 0)
		;
	pthread_mutex_lock(&f->mu);
	done = f->done;
	pthread_mutex_unlock(&f->mu);
	if (done && !f->reload) {
		pthread_join(f->thread, NULL);
		f->reload = true;
	}
	if (!f->reload || ui->view != V_LIST || ui->r != NULL || ui->prompt != PROMPT_NONE)
		return true;	/* the library is read again once it is back on screen */
	if (f->rep.npaths > 0)
		ui_reload(ui);
	uifetch_select_new(ui, f);
	uifetch_summary(ui, f);
	uifetch_free(f);
	ui->fetch = NULL;
	return true;
}

void
uifetch_stop(struct ui *ui)
{
	struct uifetch *f = ui->fetch;

	if (f == NULL)
		return;
	if (!f->reload) {
		uifetch_cancel(ui);
		pthread_join(f->thread, NULL);
	}
	uifetch_free(f);
	ui->fetch = NULL;
}
