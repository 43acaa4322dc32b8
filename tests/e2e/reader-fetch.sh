#!/bin/sh
# reader-fetch.sh: F in the library (issue 14): the subscriptions fetched
# while the screen goes on (progress in the status line, keys answered),
# the summary, the library read again with the first new article selected
# and opened with Enter; q during a fetch stops it and keeps what it wrote;
# F with no subscriptions says how to add one. Against tests/e2e/httpd.py
# on 127.0.0.1.
. tests/e2e/lib.sh
require_byline

WWW=$T/www
mkdir -p "$WWW"
cp "$E2E_ROOT"/tests/fixtures/feeds/* "$WWW"/
if ! httpd_start "$WWW"; then
	skip "reader-fetch" "the test server (python3 tests/e2e/httpd.py) could not start"
	finish
fi
TM_ENV="no_proxy=127.0.0.1 NO_PROXY=127.0.0.1"
LIB=$T/lib
copy_library "$LIB"
SUBS=$XDG_CONFIG_HOME/byline/feeds
mkdir -p "$(dirname "$SUBS")"
count_md() { find "$1" -name '*.md' -type f | wc -l | tr -d ' '; }

# ---- no subscriptions ----

tm_start 120 40 "$LIB"
expect "the library is up" '^ byline — 6 articles'
tm_keys F
expect "F with no subscriptions: says how to add one" 'no subscriptions yet: byline fetch --add URL'

# ---- a fetch that completes ----

printf '# test feeds\n%s/f/rss2.xml\n%s/f/atom.xml news\n%s/status/404\n' "$HTTPD" "$HTTPD" \
    "$HTTPD" >"$SUBS"
tm_keys F
expect "F: the summary in the status line, the failed feed named" \
    "5 new articles from 3 feeds \\(failed: $HTTPD/status/404\\)"
expect "the library read again: 11 articles" '^ byline — 11 articles, 11 unread'
check "the stories are in the library's folder" [ "$(count_md "$LIB")" -eq 11 ]
tm_keys Enter
expect_body "Enter opens the first new article, selected" '^A story with no date'
tm_keys q
expect "q: back in the library" '^ byline — 11 articles'
tm_keys '?'
expect "? lists F" 'F +fetch the subscribed feeds'
tm_keys q
tm_wait_gone 'fetch the subscribed feeds'

# ---- a fetch stopped with q ----

printf '%s/hang\n%s/plain/rdf.xml\n' "$HTTPD" "$HTTPD" >"$SUBS"
tm_keys F
expect "while a feed hangs: progress in the status line" 'fetching: 1/2 feeds, 1 new \(q stops\)'
tm_keys '?'
expect "keys still answer during the fetch (? opens the help)" 'fetch the subscribed feeds'
tm_keys Escape
tm_wait_gone 'F +fetch the subscribed feeds'
tm_keys q
expect "q stops the fetch; what it wrote stays" '1 new article from 2 feeds \(stopped\)'
expect "... and shows in the library" '^ byline — 12 articles'
check "the story stopped with is on disk" [ "$(count_md "$LIB")" -eq 12 ]
tm_keys Enter
expect_body "the new article opens" '^School garden wins a prize'
tm_keys q
tm_wait '^ byline — 12 articles'

# ---- a fetch that ends while an article is open ----

printf '%s/slow/1/atom03.xml\n' "$HTTPD" >"$SUBS"
tm_keys F
expect "a slow feed: the fetch runs" 'fetching: 0/1 feeds'
tm_keys Enter
expect_body "an article opened meanwhile" '^School garden wins a prize'
n=0
while [ "$(count_md "$LIB")" -lt 13 ] && [ $n -lt 500 ]; do sleep 0.02; n=$((n + 1)); done
check "the story is written while the article is open" [ "$(count_md "$LIB")" -eq 13 ]
tm_keys q
expect "back in the library: read again at once, the summary shown" \
    '1 new article from 1 feed'
expect "... 13 articles" '^ byline — 13 articles'

tm_keys q
expect_exit0 "then q quits, status 0"


# ---- quitting while a fetch runs ----

printf '%s/hang\n' "$HTTPD" >"$SUBS"
tm_start 120 40 "$LIB"
expect "the library is up again" '^ byline — 13 articles'
tm_keys F
expect "a fetch that hangs is running" 'fetching: 0/1 feeds'
tm_keys C-c
expect_exit0 "Ctrl-C during a fetch: the reader ends at once, status 0"
finish
