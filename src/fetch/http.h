/*
 * http.h: many HTTP(S) GETs at once through libcurl's multi interface.
 *
 * The caller queues requests (http_add) and drives them (http_run) for as
 * long as it likes: a few milliseconds at a time from an event loop, or
 * until all are done. Each finished transfer is handed to a callback with
 * its status, headers of note and body. At most opts.parallel transfers run
 * at once; connections to the same host are reused.
 *
 * Every transfer: gzip and deflate (whatever libcurl decodes), at most 5
 * redirects (http and https only), a connect timeout and a total timeout, a
 * size limit on the decoded body, "User-Agent: byline/VERSION", conditional
 * headers (If-None-Match, If-Modified-Since) when given, proxies from the
 * environment as libcurl reads them (http_proxy, https_proxy, no_proxy...),
 * and CA settings from CURL_CA_BUNDLE, SSL_CERT_FILE and SSL_CERT_DIR as the
 * curl tool reads them.
 */
#ifndef BYLINE_FETCH_HTTP_H
#define BYLINE_FETCH_HTTP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "util.h"

struct http_opts {
	long	 connect_timeout;	/* seconds */
	long	 timeout;		/* seconds, the whole transfer */
	size_t	 max_size;		/* bytes of body, decoded */
	int	 parallel;		/* transfers at once */
};

/* A finished transfer. Every string may be NULL; the callback may take them. */
struct http_resp {
	const char	*url;		/* as requested */
	long		 status;	/* the final HTTP status; 0 when none came */
	const char	*reason;	/* its reason phrase ("Not Found"), or NULL */
	struct buf	 body;		/* decoded; empty on a 304 */
	char		*etag;
	char		*last_modified;
	char		*content_type;
	char		*final_url;	/* after redirects */
	int64_t		 retry_after;	/* epoch seconds a Retry-After names, or 0 */
	char		*error;		/* why the transfer failed, or NULL */
};

/* Called for each finished transfer with the udata given to http_add(). */
typedef void (*http_done_fn)(void *udata, struct http_resp *r, void *arg);

struct http;

/*
 * Load libcurl and make it ready; call once from the main thread before any
 * thread starts (libcurl's rule). Calling again does nothing. Returns NULL,
 * or why HTTP cannot work here (libcurl missing, too old): then no http_*
 * function below may be called.
 */
const char *http_global_init(void);

/* A new client with the options o. Can't fail. */
struct http *http_new(const struct http_opts *o);

/*
 * Queue a GET of url (copied), sending etag and last_modified (either may
 * be NULL) as conditions. udata comes back to the callback.
 */
void http_add(struct http *h, const char *url, const char *etag, const char *last_modified,
    void *udata);

/*
 * Run the transfers for at most wait_ms milliseconds (0: do what can be
 * done without waiting), calling done for each that finishes (done may
 * queue more). Returns how many are still running or queued.
 */
size_t http_run(struct http *h, int wait_ms, http_done_fn done, void *arg);

/* Transfers running or queued. */
size_t http_pending(const struct http *h);

/*
 * Abort every transfer (no callback; drop, when not NULL, is called with
 * the udata of each) and release the client. NULL is allowed.
 */
void http_free(struct http *h, void (*drop)(void *udata));

/* Release what a response holds (not the struct). */
void http_resp_free(struct http_resp *r);

#endif
