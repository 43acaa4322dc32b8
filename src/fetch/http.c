/*
 * http.c: many GETs at once over libcurl's multi interface (see http.h).
 */
#include "http.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <curl/curl.h>

#include "article.h"
#include "util.h"

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

void
http_global_init(void)
{
	static bool done;

	if (!done) {
		curl_global_init(CURL_GLOBAL_DEFAULT);
		done = true;
	}
}

struct http *
http_new(const struct http_opts *o)
{
	struct http *h = xcalloc(1, sizeof *h);

	http_global_init();
	h->o = *o;
	if (h->o.parallel < 1)
		h->o.parallel = 1;
	if ((h->multi = curl_multi_init()) == NULL)
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
		curl_easy_setopt(e, CURLOPT_CAINFO, v);
	else if ((v = getenv("SSL_CERT_FILE")) != NULL && v[0] != '\0')
		curl_easy_setopt(e, CURLOPT_CAINFO, v);
	if ((v = getenv("SSL_CERT_DIR")) != NULL && v[0] != '\0')
		curl_easy_setopt(e, CURLOPT_CAPATH, v);
}

/* The request headers of x: what it accepts, and its conditions. */
static struct curl_slist *
http_req_headers(const struct http_xfer *x)
{
	struct curl_slist *l = NULL;
	char *h;

	l = curl_slist_append(l, "Accept: application/rss+xml, application/atom+xml, "
	    "application/rdf+xml;q=0.9, application/xml;q=0.9, text/xml;q=0.9, "
	    "text/html;q=0.8, */*;q=0.5");
	if (x->etag_sent != NULL) {
		h = xasprintf("If-None-Match: %s", x->etag_sent);
		l = curl_slist_append(l, h);
		free(h);
	}
	if (x->lm_sent != NULL) {
		h = xasprintf("If-Modified-Since: %s", x->lm_sent);
		l = curl_slist_append(l, h);
		free(h);
	}
	return l;
}

/* Start transfer x: an easy handle with every option, added to the multi. */
static void
http_start(struct http *h, struct http_xfer *x)
{
	CURL *e;

	if ((e = x->easy = curl_easy_init()) == NULL)
		fatal("out of memory");
	x->headers = http_req_headers(x);
	curl_easy_setopt(e, CURLOPT_URL, x->url);
	curl_easy_setopt(e, CURLOPT_PRIVATE, x);
	curl_easy_setopt(e, CURLOPT_WRITEFUNCTION, http_write);
	curl_easy_setopt(e, CURLOPT_WRITEDATA, x);
	curl_easy_setopt(e, CURLOPT_HEADERFUNCTION, http_header);
	curl_easy_setopt(e, CURLOPT_HEADERDATA, x);
	curl_easy_setopt(e, CURLOPT_ERRORBUFFER, x->errbuf);
	curl_easy_setopt(e, CURLOPT_HTTPHEADER, x->headers);
	curl_easy_setopt(e, CURLOPT_USERAGENT, h->ua);
	curl_easy_setopt(e, CURLOPT_ACCEPT_ENCODING, "");
	curl_easy_setopt(e, CURLOPT_FOLLOWLOCATION, 1L);
	curl_easy_setopt(e, CURLOPT_MAXREDIRS, 5L);
#if LIBCURL_VERSION_NUM >= 0x075500
	curl_easy_setopt(e, CURLOPT_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(e, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
#else
	curl_easy_setopt(e, CURLOPT_PROTOCOLS, (long)(CURLPROTO_HTTP | CURLPROTO_HTTPS));
	curl_easy_setopt(e, CURLOPT_REDIR_PROTOCOLS, (long)(CURLPROTO_HTTP | CURLPROTO_HTTPS));
#endif
	curl_easy_setopt(e, CURLOPT_CONNECTTIMEOUT, h->o.connect_timeout);
	curl_easy_setopt(e, CURLOPT_TIMEOUT, h->o.timeout);
	curl_easy_setopt(e, CURLOPT_MAXFILESIZE_LARGE, (curl_off_t)h->o.max_size);
	curl_easy_setopt(e, CURLOPT_NOSIGNAL, 1L);
	http_ca_env(e);
	if (curl_multi_add_handle(h->multi, e) != CURLM_OK)
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
	return xstrdup(curl_easy_strerror(code));
}

/* Release transfer x (removed from the multi first when it was started). */
static void
http_xfer_free(struct http *h, struct http_xfer *x)
{
	size_t i;

	if (x->easy != NULL) {
		curl_multi_remove_handle(h->multi, x->easy);
		curl_easy_cleanup(x->easy);
		for (i = 0; i < h->running; i++)
			if (h->active[i] == x) {
				h->active[i] = h->active[--h->running];
				break;
			}
	}
	http_resp_free(&x->resp);
	curl_slist_free_all(x->headers);
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

	curl_easy_getinfo(x->easy, CURLINFO_RESPONSE_CODE, &x->resp.status);
	if (curl_easy_getinfo(x->easy, CURLINFO_EFFECTIVE_URL, &eff) == CURLE_OK && eff != NULL)
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
	curl_multi_perform(h->multi, &still);
	if (h->running > 0 && wait_ms > 0) {
		curl_multi_poll(h->multi, NULL, 0, wait_ms, NULL);
		curl_multi_perform(h->multi, &still);
	}
	while ((m = curl_multi_info_read(h->multi, &left)) != NULL) {
		struct http_xfer *x = NULL;

		if (m->msg != CURLMSG_DONE)
			continue;
		curl_easy_getinfo(m->easy_handle, CURLINFO_PRIVATE, (char **)&x);
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
	curl_multi_cleanup(h->multi);
	free(h->ua);
	free(h);
}
