/*
 * http.c: many GETs at once over libcurl's multi interface (see http.h).
 *
 * libcurl is loaded when a fetch first needs it (dlopen), not when byline
 * starts: it brings some thirty libraries (TLS, Kerberos, LDAP, SSH, IDN...)
 * whose loading and relocation cost every start about 20 ms here, the
 * reader's first paint and every `byline list` included. Its functions are
 * looked up once, by name, into the table below.
 */
#include "http.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define CURL_DISABLE_TYPECHECK	/* its checks are macros over the names called directly */
#include <curl/curl.h>

#include "article.h"
#include "util.h"

#define LIBCURL	"libcurl.so.4"	/* the soname of libcurl4-openssl-dev's library */

/* The functions of libcurl this file calls, once loaded. */
static struct {
	CURLcode	  (*global_init)(long);
	CURLM		 *(*multi_init)(void);
	CURLMcode	  (*multi_add_handle)(CURLM *, CURL *);
	CURLMcode	  (*multi_remove_handle)(CURLM *, CURL *);
	CURLMcode	  (*multi_perform)(CURLM *, int *);
	CURLMcode	  (*multi_poll)(CURLM *, struct curl_waitfd *, unsigned int, int, int *);
	CURLMsg		 *(*multi_info_read)(CURLM *, int *);
	CURLMcode	  (*multi_cleanup)(CURLM *);
	CURL		 *(*easy_init)(void);
	CURLcode	  (*easy_setopt)(CURL *, CURLoption, ...);
	CURLcode	  (*easy_getinfo)(CURL *, CURLINFO, ...);
	const char	 *(*easy_strerror)(CURLcode);
	void		  (*easy_cleanup)(CURL *);
	struct curl_slist *(*slist_append)(struct curl_slist *, const char *);
	void		  (*slist_free_all)(struct curl_slist *);
} cu;
static char *cu_error;		/* why libcurl could not be loaded, or NULL */

/* One transfer, queued or running. */
struct http_xfer {
	struct http		*h;
	CURL			*easy;
	struct curl_slist	*headers;
	char			*url;
	char			*etag_sent;
	char			*lm_sent;
	void			*udata;
	struct http_resp	 resp;
	bool			 too_large;
	char			 errbuf[CURL_ERROR_SIZE];
};

struct http {
	struct http_opts	  o;
	CURLM			 *multi;
	struct http_xfer	**queue;	/* not started yet, in order */
	size_t			  nqueue, qhead, qcap;
	struct http_xfer	**active;	/* running, in no order */
	size_t			  running, acap;
	char			 *ua;
};

/* What http_global_init() does, once: load libcurl, find its functions, init it. */
static void
http_init_once(void)
{
#define F(name)	{ "curl_" #name, (void **)&cu.name }
	static const struct {
		const char	*name;
		void		**slot;
	} fns[] = {
		F(global_init), F(multi_init), F(multi_add_handle), F(multi_remove_handle),
		F(multi_perform), F(multi_poll), F(multi_info_read), F(multi_cleanup),
		F(easy_init), F(easy_setopt), F(easy_getinfo), F(easy_strerror),
		F(easy_cleanup), F(slist_append), F(slist_free_all),
	};
#undef F
	void *lib = dlopen(LIBCURL, RTLD_NOW | RTLD_LOCAL);
	size_t i;

	if (lib == NULL) {
		cu_error = xasprintf("cannot load %s: %s", LIBCURL, dlerror());
		return;
	}
	for (i = 0; i < sizeof fns / sizeof fns[0]; i++) {
		/* POSIX's way to a function from dlsym(): through the object's bytes */
		*fns[i].slot = dlsym(lib, fns[i].name);
		if (*fns[i].slot == NULL) {
			cu_error = xasprintf("%s has no %s (too old a libcurl)", LIBCURL, fns[i].name);
			return;
		}
	}
	if (cu.global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK)
		cu_error = xasprintf("libcurl failed to start");
}

const char *
http_global_init(void)
{
	static pthread_once_t once = PTHREAD_ONCE_INIT;

	pthread_once(&once, http_init_once);
	return cu_error;
}

struct http *
http_new(const struct http_opts *o)
{
	struct http *h = xcalloc(1, sizeof *h);

	if (http_global_init() != NULL)
		fatal("http_new() without libcurl");	/* the caller checks first */
	h->o = *o;
	if (h->o.parallel < 1)
		h->o.parallel = 1;
	if ((h->multi = cu.multi_init()) == NULL)
		fatal("out of memory");
	h->ua = xasprintf("byline/%s", BYLINE_VERSION);
	return h;
}

void
http_add(struct http *h, const char *url, const char *etag, const char *last_modified,
    void *udata)
{
	struct http_xfer *x = xcalloc(1, sizeof *x);

	x->h = h;
	x->url = xstrdup(url);
	x->etag_sent = etag != NULL ? xstrdup(etag) : NULL;
	x->lm_sent = last_modified != NULL ? xstrdup(last_modified) : NULL;
	x->udata = udata;
	x->resp.url = x->url;
	ARRAY_GROW(h->queue, h->nqueue + 1, h->qcap);
	h->queue[h->nqueue++] = x;
}

size_t
http_pending(const struct http *h)
{
	return h->running + (h->nqueue - h->qhead);
}

/* Body bytes from libcurl: kept up to the size limit, past it the transfer stops. */
static size_t
http_write(char *data, size_t size, size_t n, void *arg)
{
	struct http_xfer *x = arg;

	n *= size;
	if (x->resp.body.len + n > x->h->o.max_size) {
		x->too_large = true;
		return 0;
	}
	buf_add(&x->resp.body, data, n);
	return n;
}

/* A header value (len bytes) made a trimmed string, or NULL when empty. */
static char *
http_value(const char *v, size_t len)
{
	while (len > 0 && (*v == ' ' || *v == '\t')) {
		v++;
		len--;
	}
	while (len > 0 && (v[len - 1] == ' ' || v[len - 1] == '\t' || v[len - 1] == '\r' ||
	    v[len - 1] == '\n'))
		len--;
	return len > 0 && len < 4096 ? xstrndup(v, len) : NULL;
}

/* Replace *dst with a new value. */
static void
http_set(char **dst, char *v)
{
	free(*dst);
	*dst = v;
}

/*
 * The epoch a Retry-After value names: seconds from now, or an HTTP date.
 * 0 when it names neither.
 */
static int64_t
http_retry_after(const char *v)
{
	struct article_date d;
	char *end;
	long long secs;

	if (v == NULL)
		return 0;
	secs = strtoll(v, &end, 10);
	if (end != v && *end == '\0' && secs >= 0)
		return (int64_t)time(NULL) + (secs > 86400 * 365 ? 86400 * 365 : secs);
	if (article_parse_date(v, &d) && d.has_time)
		return article_date_epoch(&d);
	return 0;
}

/*
 * One header line from libcurl. A status line starts a new response (after
 * a redirect the headers of the last one count); the headers of note are kept.
 */
static size_t
http_header(char *line, size_t size, size_t n, void *arg)
{
	struct http_xfer *x = arg;
	struct http_resp *r = &x->resp;
	const char *colon;
	size_t len = size * n, k;
	char *v;

	if (len >= 5 && memcmp(line, "HTTP/", 5) == 0) {
		const char *sp = memchr(line, ' ', len), *sp2;

		http_set(&r->etag, NULL);
		http_set(&r->last_modified, NULL);
		http_set(&r->content_type, NULL);
		r->retry_after = 0;
		sp2 = sp != NULL ? memchr(sp + 1, ' ', len - (size_t)(sp + 1 - line)) : NULL;
		http_set((char **)&r->reason, sp2 != NULL ? http_value(sp2 + 1,
		    len - (size_t)(sp2 + 1 - line)) : NULL);
		return len;
	}
	if ((colon = memchr(line, ':', len)) == NULL)
		return len;
	k = (size_t)(colon - line);
	v = http_value(colon + 1, len - k - 1);
	if (k == 4 && ascii_strncasecmp(line, "etag", 4) == 0)
		http_set(&r->etag, v);
	else if (k == 13 && ascii_strncasecmp(line, "last-modified", 13) == 0)
		http_set(&r->last_modified, v);
	else if (k == 12 && ascii_strncasecmp(line, "content-type", 12) == 0)
		http_set(&r->content_type, v);
	else if (k == 11 && ascii_strncasecmp(line, "retry-after", 11) == 0) {
		r->retry_after = http_retry_after(v);
		free(v);
	} else
		free(v);
	return len;
}

/* Set the CA files from the environment as the curl tool reads them. */
static void
http_ca_env(CURL *e)
{
	const char *v;

	if ((v = getenv("CURL_CA_BUNDLE")) != NULL && v[0] != '\0')
		cu.easy_setopt(e, CURLOPT_CAINFO, v);
	else if ((v = getenv("SSL_CERT_FILE")) != NULL && v[0] != '\0')
		cu.easy_setopt(e, CURLOPT_CAINFO, v);
	if ((v = getenv("SSL_CERT_DIR")) != NULL && v[0] != '\0')
		cu.easy_setopt(e, CURLOPT_CAPATH, v);
}

/* The request headers of x: what it accepts, and its conditions. */
static struct curl_slist *
http_req_headers(const struct http_xfer *x)
{
	struct curl_slist *l = NULL;
	char *h;

	l = cu.slist_append(l, "Accept: application/rss+xml, application/atom+xml, "
	    "application/rdf+xml;q=0.9, application/xml;q=0.9, text/xml;q=0.9, "
	    "text/html;q=0.8, */*;q=0.5");
	if (x->etag_sent != NULL) {
		h = xasprintf("If-None-Match: %s", x->etag_sent);
		l = cu.slist_append(l, h);
		free(h);
	}
	if (x->lm_sent != NULL) {
		h = xasprintf("If-Modified-Since: %s", x->lm_sent);
		l = cu.slist_append(l, h);
		free(h);
	}
	return l;
}

/* Start transfer x: an easy handle with every option, added to the multi. */
static void
http_start(struct http *h, struct http_xfer *x)
{
	CURL *e;

	if ((e = x->easy = cu.easy_init()) == NULL)
		fatal("out of memory");
	x->headers = http_req_headers(x);
	cu.easy_setopt(e, CURLOPT_URL, x->url);
	cu.easy_setopt(e, CURLOPT_PRIVATE, x);
	cu.easy_setopt(e, CURLOPT_WRITEFUNCTION, http_write);
	cu.easy_setopt(e, CURLOPT_WRITEDATA, x);
	cu.easy_setopt(e, CURLOPT_HEADERFUNCTION, http_header);
	cu.easy_setopt(e, CURLOPT_HEADERDATA, x);
	cu.easy_setopt(e, CURLOPT_ERRORBUFFER, x->errbuf);
	cu.easy_setopt(e, CURLOPT_HTTPHEADER, x->headers);
	cu.easy_setopt(e, CURLOPT_USERAGENT, h->ua);
	cu.easy_setopt(e, CURLOPT_ACCEPT_ENCODING, "");
	cu.easy_setopt(e, CURLOPT_FOLLOWLOCATION, 1L);
	cu.easy_setopt(e, CURLOPT_MAXREDIRS, 5L);
#if LIBCURL_VERSION_NUM >= 0x075500
	cu.easy_setopt(e, CURLOPT_PROTOCOLS_STR, "http,https");
	cu.easy_setopt(e, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
#else
	cu.easy_setopt(e, CURLOPT_PROTOCOLS, (long)(CURLPROTO_HTTP | CURLPROTO_HTTPS));
	cu.easy_setopt(e, CURLOPT_REDIR_PROTOCOLS, (long)(CURLPROTO_HTTP | CURLPROTO_HTTPS));
#endif
	cu.easy_setopt(e, CURLOPT_CONNECTTIMEOUT, h->o.connect_timeout);
	cu.easy_setopt(e, CURLOPT_TIMEOUT, h->o.timeout);
	cu.easy_setopt(e, CURLOPT_MAXFILESIZE_LARGE, (curl_off_t)h->o.max_size);
	cu.easy_setopt(e, CURLOPT_NOSIGNAL, 1L);
	http_ca_env(e);
	if (cu.multi_add_handle(h->multi, e) != CURLM_OK)
		fatal("out of memory");
	ARRAY_GROW(h->active, h->running + 1, h->acap);
	h->active[h->running++] = x;
}

/* The message for a transfer that ended with code: the size limit in plain words, else curl's. */
static char *
http_error(const struct http_xfer *x, CURLcode code)
{
	if (x->too_large || code == CURLE_FILESIZE_EXCEEDED)
		return xasprintf("the response is larger than the limit of %zu MiB",
		    x->h->o.max_size / (1024 * 1024));
	if (code == CURLE_TOO_MANY_REDIRECTS)
		return xstrdup("more than 5 redirects");
	if (code == CURLE_OPERATION_TIMEDOUT)
		return xasprintf("no complete answer within %ld seconds", x->h->o.timeout);
	if (x->errbuf[0] != '\0')
		return xstrdup(x->errbuf);
	return xstrdup(cu.easy_strerror(code));
}

/* Release transfer x (removed from the multi first when it was started). */
static void
http_xfer_free(struct http *h, struct http_xfer *x)
{
	size_t i;

	if (x->easy != NULL) {
		cu.multi_remove_handle(h->multi, x->easy);
		cu.easy_cleanup(x->easy);
		for (i = 0; i < h->running; i++)
			if (h->active[i] == x) {
				h->active[i] = h->active[--h->running];
				break;
			}
	}
	http_resp_free(&x->resp);
	cu.slist_free_all(x->headers);
	free(x->url);
	free(x->etag_sent);
	free(x->lm_sent);
	free(x);
}

/* Transfer x is over: fill in its response, hand it to done, release it. */
static void
http_finish(struct http *h, struct http_xfer *x, CURLcode code, http_done_fn done, void *arg)
{
	char *eff = NULL;

	cu.easy_getinfo(x->easy, CURLINFO_RESPONSE_CODE, &x->resp.status);
	if (cu.easy_getinfo(x->easy, CURLINFO_EFFECTIVE_URL, &eff) == CURLE_OK && eff != NULL)
		x->resp.final_url = xstrdup(eff);
	if (code != CURLE_OK)
		x->resp.error = http_error(x, code);
	if (x->resp.body.data == NULL)
		buf_reserve(&x->resp.body, 1);
	x->resp.body.data[x->resp.body.len] = '\0';
	done(x->udata, &x->resp, arg);
	http_xfer_free(h, x);
}

size_t
http_run(struct http *h, int wait_ms, http_done_fn done, void *arg)
{
	CURLMsg *m;
	int still, left;

	while (h->running < (size_t)h->o.parallel && h->qhead < h->nqueue)
		http_start(h, h->queue[h->qhead++]);
	if (h->qhead == h->nqueue)
		h->qhead = h->nqueue = 0;
	cu.multi_perform(h->multi, &still);
	if (h->running > 0 && wait_ms > 0) {
		cu.multi_poll(h->multi, NULL, 0, wait_ms, NULL);
		cu.multi_perform(h->multi, &still);
	}
	while ((m = cu.multi_info_read(h->multi, &left)) != NULL) {
		struct http_xfer *x = NULL;

		if (m->msg != CURLMSG_DONE)
			continue;
		cu.easy_getinfo(m->easy_handle, CURLINFO_PRIVATE, (char **)&x);
		http_finish(h, x, m->data.result, done, arg);
	}
	while (h->running < (size_t)h->o.parallel && h->qhead < h->nqueue)
		http_start(h, h->queue[h->qhead++]);
	return http_pending(h);
}

void
http_resp_free(struct http_resp *r)
{
	buf_free(&r->body);
	free(r->etag);
	free(r->last_modified);
	free(r->content_type);
	free(r->final_url);
	free(r->error);
	free((char *)r->reason);
	r->etag = r->last_modified = r->content_type = r->final_url = r->error = NULL;
	r->reason = NULL;
}

void
http_free(struct http *h, void (*drop)(void *udata))
{
	size_t i;

	if (h == NULL)
		return;
	for (i = h->qhead; i < h->nqueue; i++) {
		if (drop != NULL)
			drop(h->queue[i]->udata);
		http_xfer_free(h, h->queue[i]);
	}
	free(h->queue);
	while (h->running > 0) {
		if (drop != NULL)
			drop(h->active[h->running - 1]->udata);
		http_xfer_free(h, h->active[h->running - 1]);
	}
	free(h->active);
	cu.multi_cleanup(h->multi);
	free(h->ua);
	free(h);
}
