#!/bin/sh
# fetch.sh: "byline fetch" (issue 14) against tests/e2e/httpd.py on
# 127.0.0.1, serving the feeds of tests/fixtures/feeds: RSS 2.0, Atom,
# RDF, RSS 0.91, Atom 0.3, ISO-8859-1, broken XML, a billion laughs, a
# hostile feed; ETag (a 304 the second time), gzip, redirects, 404, 500,
# 429 and 503 with Retry-After, a server that never answers, a 30 MiB
# response, a story updated upstream, --full, the subscriptions file and
# its editing, two fetches at once, a fetch killed half-way, the default
# folder, a symbolic link in the way, --json, usage errors.
. tests/e2e/lib.sh
require_byline

FEEDS=$E2E_ROOT/tests/fixtures/feeds
WWW=$T/www
mkdir -p "$WWW"
cp "$FEEDS"/* "$WWW"/
if ! httpd_start "$WWW"; then
	skip "fetch" "the test server (python3 tests/e2e/httpd.py) could not start"
	finish
fi
LIB=$T/lib

# ok NAME 'CONDITION': pass when the shell condition holds (evaluated now), else fail with the last run.
ok() {
	ok_name=$1
	shift
	if eval "$*"; then
		pass "$ok_name"
	else
		fail "$ok_name" "false: $*" "$(both)"
	fi
}
# F NAME: a feed's URL on the test server (with an ETag).
F() { printf '%s/f/%s' "$HTTPD" "$1"; }
# count_md DIR: article files under DIR.
count_md() { find "$1" -name '*.md' -type f 2>/dev/null | wc -l | tr -d ' '; }
# requests PATTERN: how many logged requests match the extended regex.
requests() { grep -cE "$1" "$HTTPD_LOG"; }
# dirty_files DIR: each article file under DIR whose bytes are not clean, with why (lib.sh's dirty).
dirty_files() {
	find "$1" -type f -name '*.md' | while read -r f; do
		why=$(dirty "$f")
		[ -z "$why" ] || printf '%s: %s\n' "$f" "$why"
	done
}

COURIER=$LIB/the-harbour-courier
FERRY=$COURIER/2024-04-12-council-backs-the-new-ferry-timetable.md

# ---- the formats ----

today=$(date -u +%Y-%m-%d)
run B fetch --into "$LIB" "$(F rss2.xml)" "$(F atom.xml)" "$(F rdf.xml)" "$(F latin1.xml)" \
    "$(F rss091.xml)" "$(F atom03.xml)"
if [ "$RC" -eq 0 ] && grep -qx '9 new articles from 6 feeds' "$OUT" && [ ! -s "$ERR" ]; then
	pass "six feeds of six formats: exit 0, '9 new articles from 6 feeds'"
else
	fail "six feeds of six formats: exit 0, '9 new articles from 6 feeds'" "unexpected" "$(both)"
fi
check "9 files written" [ "$(count_md "$LIB")" -eq 9 ]
check "DIR/source-slug/YYYY-MM-DD-title-slug.md" [ -f "$FERRY" ]
if front "$FERRY" | grep -qx 'title: Council backs the new ferry timetable' &&
   front "$FERRY" | grep -qx 'date: 2024-04-12T09:30:00-04:00' &&
   front "$FERRY" | grep -qx 'source: The Harbour Courier' &&
   front "$FERRY" | grep -qx 'id: courier-2024-0412-ferry' &&
   front "$FERRY" | grep -qx 'url: https://courier.example/news/ferry-timetable' &&
   front "$FERRY" | grep -qx -- '- Maren Holt' &&
   front "$FERRY" | grep -qx -- '- Transport'; then
	pass "RSS 2.0: HTML out of the title, the EDT date as ISO 8601, source, guid as id, url, author, tags"
else
	fail "RSS 2.0: HTML out of the title, the EDT date as ISO 8601, source, guid as id, url, author, tags" "front matter" "$(front "$FERRY")"
fi
if front "$FERRY" | grep -qx '  caption: The morning ferry leaves the quay on Thursday.' &&
   front "$FERRY" | grep -qx '  credit: Ada Brandt/Courier' &&
   front "$FERRY" | grep -qx '  path: https://courier.example/img/ferry.jpg'; then
	pass "media:content: the photo with its media:description as caption and media:credit"
else
	fail "media:content: the photo with its media:description as caption and media:credit" "front matter" "$(front "$FERRY")"
fi
run B show "$FERRY"
if grep -q 'said Lena Ortiz' "$OUT" && B quotes "$FERRY" | grep -q 'Lena Ortiz'; then
	pass "content:encoded is the body; its quotes are found (byline quotes)"
else
	fail "content:encoded is the body; its quotes are found (byline quotes)" "show/quotes" "$(cat "$OUT")"
fi
CATS=$COURIER/2024-04-13-lighthouse-keepers-their-cats.md
if [ -f "$CATS" ] && front "$CATS" | grep -qx 'title: Lighthouse keepers & their cats' &&
   front "$CATS" | grep -qx "url: $HTTPD/news/lighthouse-cats" &&
   front "$CATS" | grep -qx -- '- Jon Sand' && front "$CATS" | grep -q 'path: https://courier.example/img/cat.png'; then
	pass "CDATA title with HTML, a relative link made absolute, 'mail (Name)' author, an image enclosure"
else
	fail "CDATA title with HTML, a relative link made absolute, 'mail (Name)' author, an image enclosure" "file" "$(ls "$COURIER"; front "$CATS")"
fi
NODATE=$(ls "$COURIER" | grep 'a-story-with-no-date')
case $NODATE in
"$today"-a-story-with-no-date.md | "$(date -u +%Y-%m-%d)"-a-story-with-no-date.md)
	pass "a story without a date takes the fetch time" ;;
*)	fail "a story without a date takes the fetch time" "got $NODATE" ;;
esac
BRIDGE=$LIB/valley-notes/2024-04-14-bridge-reopens-after-the-flood.md
if [ -f "$BRIDGE" ] && front "$BRIDGE" | grep -qx 'url: https://valley.example/blog/2024/bridge-reopens' &&
   front "$BRIDGE" | grep -qx 'id: tag:valley.example,2024:bridge' &&
   front "$BRIDGE" | grep -qx -- '- Tomas Lind' && front "$BRIDGE" | grep -qx -- '- Roads' &&
   B show "$BRIDGE" | grep -q 'three weeks after the river'; then
	pass "Atom 1.0: xml:base, author/name, category label, xhtml content as the body"
else
	fail "Atom 1.0: xml:base, author/name, category label, xhtml content as the body" "file" "$(cat "$BRIDGE")"
fi
if front "$BRIDGE" | grep -qx '  caption: Walkers cross the repaired bridge on Sunday.' &&
   front "$BRIDGE" | grep -qx '  credit: Sara Ek' &&
   front "$BRIDGE" | grep -qx '  path: https://valley.example/blog/2024/img/bridge.jpg'; then
	pass "a figure inside the content: its photo (path made absolute), caption and credit"
else
	fail "a figure inside the content: its photo (path made absolute), caption and credit" "front matter" "$(front "$BRIDGE")"
fi
GARDEN=$LIB/hill-gazette/2024-04-10-school-garden-wins-a-prize.md
if [ -f "$GARDEN" ] && front "$GARDEN" | grep -qx -- '- Eva Munk' &&
   front "$GARDEN" | grep -qx 'date: 2024-04-10T12:00:00+01:00' && B show "$GARDEN" | grep -q 'did all the digging'; then
	pass "RSS 1.0 (RDF): dc:creator, dc:date, content:encoded"
else
	fail "RSS 1.0 (RDF): dc:creator, dc:date, content:encoded" "file" "$(ls -R "$LIB"; cat "$GARDEN")"
fi
CAFE=$(find "$LIB" -name '*gare*')
if [ -n "$CAFE" ] && front "$CAFE" | grep -qx 'title: Le café de la gare rouvre – enfin' &&
   B show "$CAFE" | grep -q 'Après deux ans'; then
	pass "ISO-8859-1 feed: é and windows-1252's dash read right"
else
	fail "ISO-8859-1 feed: é and windows-1252's dash read right" "file" "$(cat "$CAFE")"
fi
if [ -n "$(find "$LIB" -name '*mill-wheel-turns-again.md')" ] &&
   front "$LIB/marsh-diary/2024-04-01-herons-return.md" 2>/dev/null | grep -qx 'title: Herons return'; then
	pass "RSS 0.91 (with its DOCTYPE, &hellip;) and Atom 0.3 (issued, mode=escaped)"
else
	fail "RSS 0.91 (with its DOCTYPE, &hellip;) and Atom 0.3 (issued, mode=escaped)" "files" "$(ls -R "$LIB")"
fi
run B check "$LIB"
check "byline check finds nothing wrong in what was written" [ "$RC" -eq 0 ]
check "byline list lists the 9 stories" [ "$(B list "$LIB" | wc -l)" -eq 9 ]
check "no temporary file left" [ "$(find "$LIB" -name '.*' | wc -l)" -eq 0 ]
if grep -q 'ua=byline/' "$HTTPD_LOG" && grep -q 'ae=.*gzip' "$HTTPD_LOG"; then
	pass "User-Agent names byline; Accept-Encoding offers gzip"
else
	fail "User-Agent names byline; Accept-Encoding offers gzip" "log" "$(cat "$HTTPD_LOG")"
fi

# ---- again: conditional requests ----

: >"$HTTPD_LOG"
before=$(find "$LIB" -type f -name '*.md' -newer "$FERRY" | wc -l)
run B fetch --into "$LIB" "$(F rss2.xml)" "$(F atom.xml)" "$(F rdf.xml)" "$(F latin1.xml)" \
    "$(F rss091.xml)" "$(F atom03.xml)"
if [ "$RC" -eq 0 ] && grep -qx '0 new articles from 6 feeds' "$OUT" && [ "$(count_md "$LIB")" -eq 9 ]; then
	pass "fetching again writes nothing new"
else
	fail "fetching again writes nothing new" "unexpected" "$(both)"
fi
if [ "$(requests ' 304 inm="[0-9a-f]+" ims=[A-Z].* bytes=0$')" -eq 6 ] &&
   [ "$(requests ' 200 ')" -eq 0 ]; then
	pass "ETag and Last-Modified sent back: six 304s, no body sent"
else
	fail "ETag and Last-Modified sent back: six 304s, no body sent" "log" "$(cat "$HTTPD_LOG")"
fi
check "no file touched by the 304s" [ "$(find "$LIB" -type f -name '*.md' -newer "$FERRY" | wc -l)" -eq "$before" ]
# without validators the feed comes whole, and still nothing is new
run B fetch --into "$LIB" "$HTTPD/plain/rss2.xml"
ok "a feed fetched whole again (no ETag): its stories are known by id, none written" ' [ "$RC" -eq 0 ] && [ "$(count_md "$LIB")" -eq 9 ]'

# ---- transport ----

LIB2=$T/lib2
run B fetch --into "$LIB2" "$HTTPD/gzip/rss2.xml" "$HTTPD/redirect/5/atom.xml"
if [ "$RC" -eq 0 ] && [ "$(count_md "$LIB2")" -eq 5 ]; then
	pass "gzip-encoded feed, and a chain of 5 redirects"
else
	fail "gzip-encoded feed, and a chain of 5 redirects" "unexpected" "$(both)"
fi
run B fetch --into "$LIB2" "$HTTPD/redirect/6/rdf.xml" "$HTTPD/status/404" "$HTTPD/status/500" \
    "$(F rdf.xml)"
if [ "$RC" -eq 1 ] && grep -qx "$HTTPD/redirect/6/rdf.xml: error: more than 5 redirects" "$ERR" &&
   grep -qx "$HTTPD/status/404: error: HTTP 404 Not Found" "$ERR" &&
   grep -qx "$HTTPD/status/500: error: HTTP 500 Internal Server Error" "$ERR" &&
   grep -qx '1 new article from 4 feeds (3 failed)' "$OUT"; then
	pass "6 redirects, 404, 500: one 'URL: error: message' line each, exit 1; the good feed is written"
else
	fail "6 redirects, 404, 500: one 'URL: error: message' line each, exit 1; the good feed is written" "unexpected" "$(both)"
fi
run B fetch --into "$LIB2" "$HTTPD/retry/120" "$HTTPD/unavailable"
if [ "$RC" -eq 1 ] && grep -q "^$HTTPD/retry/120: error: HTTP 429 Too Many Requests; .*retry after [0-9]" "$ERR" &&
   grep -q "^$HTTPD/unavailable: error: HTTP 503 Service Unavailable; .*retry after [0-9]" "$ERR"; then
	pass "429 and 503 with Retry-After (seconds, a date): failed, saying when to retry"
else
	fail "429 and 503 with Retry-After (seconds, a date): failed, saying when to retry" "unexpected" "$(both)"
fi
n429=$(requests '^GET /retry/120 ')
run B fetch --into "$LIB2" "$HTTPD/retry/120"
if [ "$RC" -eq 1 ] && [ "$(requests '^GET /retry/120 ')" -eq "$n429" ] &&
   grep -q "^$HTTPD/retry/120: error: not asked: .*retry after" "$ERR"; then
	pass "Retry-After honoured: the next run does not ask before the time"
else
	fail "Retry-After honoured: the next run does not ask before the time" "unexpected" "$(both)"
fi
# a feed known by its ETag that answers 429 keeps its ETag for later
cp "$FEEDS/atom03.xml" "$WWW/marsh.xml"
run B fetch --into "$T/lib2b" "$(F marsh.xml)"
touch "$WWW/marsh.xml.429"
run B fetch --into "$T/lib2b" "$(F marsh.xml)"
r429=$RC
rm -f "$WWW/marsh.xml.429"
: >"$HTTPD_LOG"
run B fetch --into "$T/lib2b" "$(F marsh.xml)"
if [ "$r429" -eq 1 ] && [ "$RC" -eq 1 ] && grep -q 'not asked' "$ERR" && [ ! -s "$HTTPD_LOG" ]; then
	pass "a feed with an ETag answering 429: deferred, its state kept"
else
	fail "a feed with an ETag answering 429: deferred, its state kept" "unexpected" "$(both; cat "$HTTPD_LOG")"
fi
start=$(date +%s)
run B fetch --into "$LIB2" --timeout 2 "$HTTPD/hang" "$(F atom03.xml)"
took=$(( $(date +%s) - start ))
if [ "$RC" -eq 1 ] && grep -qx "$HTTPD/hang: error: no complete answer within 2 seconds" "$ERR" &&
   [ "$took" -lt 30 ] && grep -q '^1 new article' "$OUT"; then
	pass "a server that never answers: timed out (--timeout 2), the other feed written"
else
	fail "a server that never answers: timed out (--timeout 2), the other feed written" "took ${took}s" "$(both)"
fi
run B fetch --into "$LIB2" "$HTTPD/big/30"
if [ "$RC" -eq 1 ] && grep -qx "$HTTPD/big/30: error: the response is larger than the limit of 20 MiB" "$ERR"; then
	pass "a 30 MiB response: refused at the 20 MiB limit"
else
	fail "a 30 MiB response: refused at the 20 MiB limit" "unexpected" "$(both)"
fi

# ---- bad feeds ----

LIB3=$T/lib3
run B fetch --into "$LIB3" "$(F broken.xml)" "$(F bomb.xml)"
if [ "$RC" -eq 1 ] && grep -q "^$HTTPD/f/bomb.xml: error: .*billion laughs" "$ERR" &&
   [ "$(count_md "$LIB3")" -eq 2 ] &&
   front "$LIB3"/broken-co-news/*cafe-prices* | grep -qx 'title: Café prices rise — again'; then
	pass "broken XML recovered (&nbsp; &eacute; &mdash;, a bare &, a stray byte, an unclosed tag); a billion laughs is an error"
else
	fail "broken XML recovered (&nbsp; &eacute; &mdash;, a bare &, a stray byte, an unclosed tag); a billion laughs is an error" "unexpected" "$(both; ls -R "$LIB3")"
fi
run B fetch --into "$LIB3" "$(F hostile.xml)"
EVIL=$LIB3/tmp-evil-31mred
if [ "$RC" -eq 0 ] && [ -d "$EVIL" ] && [ "$(count_md "$EVIL")" -eq 7 ] &&
   [ -f "$EVIL/2024-05-01-same-title.md" ] && [ -f "$EVIL/2024-05-01-same-title-2.md" ] &&
   [ -f "$EVIL/2024-05-01-etc-passwd.md" ] && [ -f "$EVIL/2024-05-01-hidden-story.md" ]; then
	pass "hostile names: no '/', no leading '.', no '..', a number on a clash, all inside DIR"
else
	fail "hostile names: no '/', no leading '.', no '..', a number on a clash, all inside DIR" "files" "$(both; ls -laR "$LIB3")"
fi
long=$(ls "$EVIL" | awk '{ print length($0) }' | sort -n | tail -1)
check "file names stay short ($long bytes at most)" [ "$long" -le 90 ]
bad=$(dirty_files "$LIB3")
if [ -n "$bad" ]; then
	fail "no control character in any file written" "found" "$bad"
else
	pass "no control character in any file written"
fi
ok "nothing written outside DIR" '[ ! -e "$T/tmp" ] && [ ! -e /tmp/evil ]'

# ---- a story updated upstream ----

LIB4=$T/lib4
cp "$FEEDS/updated-v1.xml" "$WWW/quay.xml"
run B fetch --into "$LIB4" "$(F quay.xml)"
STORM=$LIB4/quay-daily/2024-05-01-storm-closes-the-harbour.md
ok "the first version written" '[ "$RC" -eq 0 ] && [ -f "$STORM" ]'
B mark-read "$STORM" >/dev/null 2>&1
cp "$FEEDS/updated-v2.xml" "$WWW/quay.xml"
touch -d '+1 minute' "$WWW/quay.xml" 2>/dev/null
run B fetch --into "$LIB4" "$(F quay.xml)"
if [ "$RC" -eq 0 ] && grep -qx '0 new articles, 1 updated, from 1 feed' "$OUT" &&
   [ "$(count_md "$LIB4")" -eq 1 ] &&
   front "$STORM" | grep -qx 'title: Storm closes the harbour until Friday' &&
   front "$STORM" | grep -q 'note: The feed gave a newer version of this story.' &&
   B show "$STORM" | grep -q 'It stays closed until Friday'; then
	pass "a story with a newer updated date: rewritten in place, with an updates entry"
else
	fail "a story with a newer updated date: rewritten in place, with an updates entry" "unexpected" "$(both; ls -R "$LIB4"; cat "$STORM")"
fi
if B list "$LIB4" | grep -q '^read'; then
	pass "its read mark stays"
else
	fail "its read mark stays" "list" "$(B list "$LIB4")"
fi
run B fetch --into "$LIB4" "$HTTPD/plain/quay.xml"
check "the same version again: nothing rewritten" grep -qx '0 new articles from 1 feed' "$OUT"

# ---- subscriptions ----

SUBS=$XDG_CONFIG_HOME/byline/feeds
mkdir -p "$(dirname "$SUBS")"
printf '# my feeds\n\n%s news "long reads"   # the courier\n' "$(F rss2.xml)" >"$SUBS"
run B fetch --add "$(F atom.xml)" valley "two words" '~Valley Paper'
if [ "$RC" -eq 0 ] && grep -qx "subscribed: $(F atom.xml)" "$OUT" &&
   grep -qx "$(F atom.xml) valley \"two words\" \"~Valley Paper\"" "$SUBS" &&
   grep -qx '# my feeds' "$SUBS" && grep -q '"long reads"   # the courier' "$SUBS"; then
	pass "--add URL TAG...: a line appended (quoted tags), comments and lines kept as they were"
else
	fail "--add URL TAG...: a line appended (quoted tags), comments and lines kept as they were" "file" "$(both; cat "$SUBS")"
fi
run B fetch --add "$(F atom.xml)"
check "--add of a URL already there: said, nothing changed" grep -q '^already subscribed' "$OUT"
check "... one line for it" [ "$(grep -c 'atom.xml' "$SUBS")" -eq 1 ]
run B fetch --add "$(F rdf.xml)"
run B fetch --remove "$(F rdf.xml)"
if [ "$RC" -eq 0 ] && ! grep -q 'rdf.xml' "$SUBS" && grep -qx '# my feeds' "$SUBS"; then
	pass "--remove URL: its line gone, the comments kept"
else
	fail "--remove URL: its line gone, the comments kept" "file" "$(both; cat "$SUBS")"
fi
run B fetch --remove "$HTTPD/f/none.xml"
ok "--remove of a URL not subscribed: exit 1 with a message" '[ "$RC" -eq 1 ] && grep -q '\''not subscribed'\'' "$ERR"'
LIB5=$T/lib5
run B fetch --into "$LIB5"
if [ "$RC" -eq 0 ] && grep -qx '5 new articles from 2 feeds' "$OUT" &&
   [ -d "$LIB5/valley-paper" ] && front "$LIB5"/valley-paper/*bridge* | grep -qx 'source: Valley Paper'; then
	pass "byline fetch fetches the subscriptions; the ~Name tag names the source"
else
	fail "byline fetch fetches the subscriptions; the ~Name tag names the source" "unexpected" "$(both; ls -R "$LIB5")"
fi

# ---- --full and web pages ----

LIB6=$T/lib6
: >"$HTTPD_LOG"
run B fetch --into "$LIB6" --full "$(F full.xml)"
RESCUE=$LIB6/courier-briefs/2024-04-15-ferry-crew-saves-a-swimmer.md
if [ -f "$RESCUE" ] && [ "$(requests '^GET /f/page.html 200')" -eq 1 ] &&
   front "$RESCUE" | grep -qx 'id: brief-ferry-rescue' && B show "$RESCUE" | grep -q 'deckhand Tove Lund'; then
	pass "--full: the story's own page downloaded; its text is the body, the feed's id kept"
else
	fail "--full: the story's own page downloaded; its text is the body, the feed's id kept" "unexpected" "$(both; cat "$HTTPD_LOG"; cat "$RESCUE")"
fi
printf '%s !full\n' "$(F full.xml)" >"$SUBS"
: >"$HTTPD_LOG"
run B fetch --into "$T/lib6b"
check "the !full tag in the feeds file does the same" [ "$(requests '^GET /f/page.html 200')" -eq 1 ]
run B fetch --into "$T/lib7" "$(F page.html)"
PAGE=$(find "$T/lib7" -name '*.md' | head -1)
if [ "$RC" -eq 0 ] && [ -n "$PAGE" ] && front "$PAGE" | grep -qx 'title: Ferry crew saves a swimmer' &&
   B show "$PAGE" | grep -q 'deckhand Tove Lund'; then
	pass "a URL that is a web page goes through the HTML import"
else
	fail "a URL that is a web page goes through the HTML import" "unexpected" "$(both; ls -R "$T/lib7")"
fi

# ---- two at once, killed half-way, the default folder, a link in the way ----

LIB8=$T/lib8
B fetch --into "$LIB8" "$HTTPD/plain/rss2.xml" "$HTTPD/plain/atom.xml" >"$T/a.out" 2>&1 &
p1=$!
B fetch --into "$LIB8" "$HTTPD/plain/atom.xml" "$HTTPD/plain/rss2.xml" >"$T/b.out" 2>&1 &
p2=$!
wait "$p1"; r1=$?
wait "$p2"; r2=$?
if [ "$r1" -eq 0 ] && [ "$r2" -eq 0 ] && [ "$(count_md "$LIB8")" -eq 5 ] &&
   ! ls -R "$LIB8" | grep -q -- '-2\.md'; then
	pass "two fetches at once into one folder: each story written once"
else
	fail "two fetches at once into one folder: each story written once" "files" "$(cat "$T/a.out" "$T/b.out"; ls -R "$LIB8")"
fi
LIB9=$T/lib9
urls=
i=0
while [ $i -lt 40 ]; do urls="$urls $HTTPD/feeds/$i.xml"; i=$((i + 1)); done
# shellcheck disable=SC2086
B fetch --into "$LIB9" $urls >/dev/null 2>&1 &
pk=$!
n=0
while [ "$(count_md "$LIB9")" -lt 50 ] && [ $n -lt 500 ]; do sleep 0.02; n=$((n + 1)); done
kill -9 "$pk" 2>/dev/null
wait "$pk" 2>/dev/null
got=$(count_md "$LIB9")
run B check "$LIB9"
ck=$RC
# shellcheck disable=SC2086
run B fetch --into "$LIB9" $urls
if [ "$got" -ge 50 ] && [ "$ck" -eq 0 ] && [ "$RC" -eq 0 ] && [ "$(count_md "$LIB9")" -eq 2000 ] &&
   ! find "$LIB9" -name '*-2.md' | grep -q .; then
	pass "killed half-way ($got written): no torn file; the next run writes the rest, none twice"
else
	fail "killed half-way ($got written): no torn file; the next run writes the rest, none twice" "check $ck, now $(count_md "$LIB9")" "$(both | head -20)"
fi
DEF=$XDG_DATA_HOME/byline/articles
run B fetch "$(F rdf.xml)"
ok "no --into: the reader's default folder, created" '[ "$RC" -eq 0 ] && [ "$(count_md "$DEF")" -eq 1 ]'
LIB10=$T/lib10
mkdir -p "$LIB10" "$T/outside"
ln -s "$T/outside" "$LIB10/hill-gazette"
run B fetch --into "$LIB10" "$HTTPD/plain/rdf.xml"
if [ "$RC" -eq 1 ] && grep -q 'symbolic link' "$ERR" && [ -z "$(ls -A "$T/outside")" ]; then
	pass "a source folder that is a symbolic link: refused, nothing written through it"
else
	fail "a source folder that is a symbolic link: refused, nothing written through it" "unexpected" "$(both; ls -la "$T/outside")"
fi
# (through a pipe: with the limit, byline could not write its messages to a file)
( ulimit -f 0; "$BYLINE" --state "$STATE" fetch --into "$T/lib11" "$HTTPD/plain/rdf.xml" 2>&1
  echo "status=$?" ) | cat >"$ERR"
: >"$OUT"
RC=$(sed -n 's/^status=//p' "$ERR")
if [ "$RC" = 1 ] && grep -q "rdf.xml: error: .*File too large" "$ERR"; then
	pass "a write that fails (file size limit) is an error, exit 1"
else
	fail "a write that fails (file size limit) is an error, exit 1" "unexpected" "$(both)"
fi

# ---- output and usage ----

run B fetch --json --into "$T/lib12" "$(F rdf.xml)" "$HTTPD/status/404"
if [ "$RC" -eq 1 ] && python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
assert d["new"] == 1 and d["failed"] == 1 and len(d["files"]) == 1
assert [f["status"] for f in d["feeds"]] == ["ok", "failed"]
assert d["feeds"][1]["error"] == "HTTP 404 Not Found"
' "$OUT"; then
	pass "--json: the report as JSON (feeds, statuses, errors, files)"
else
	fail "--json: the report as JSON (feeds, statuses, errors, files)" "unexpected" "$(both)"
fi
run B fetch --quiet --into "$T/lib13" "$(F rdf.xml)"
ok "--quiet: nothing on stdout" '[ "$RC" -eq 0 ] && [ ! -s "$OUT" ]'
run B fetch --bogus
ok "an unknown option: exit 2" '[ "$RC" -eq 2 ] && grep -q '\''unknown option'\'' "$ERR"'
run B fetch --timeout abc "$(F rdf.xml)"
check "--timeout abc: exit 2" [ "$RC" -eq 2 ]
run B fetch 'ftp://example.org/feed'
check "a URL that is not http(s): exit 2" [ "$RC" -eq 2 ]
run B fetch --add 'not a url'
check "--add of no URL: exit 2" [ "$RC" -eq 2 ]
run B fetch --help
ok "--help: the usage, exit 0" '[ "$RC" -eq 0 ] && grep -q '\''^usage: byline fetch'\'' "$OUT"'
rm -f "$SUBS"
run B fetch
ok "no subscriptions: exit 1, saying how to add one" '[ "$RC" -eq 1 ] && grep -q '\''fetch --add'\'' "$ERR"'

# ---- libcurl is loaded when a fetch needs it ----
# byline starts without it (ldd), and a libcurl.so.4 that lacks its
# functions (one found first on LD_LIBRARY_PATH) is a clear error, exit 1.
if ldd "$BYLINE" | grep -q libcurl; then
	fail "byline is not linked with libcurl (it loads it for a fetch)" "$(ldd "$BYLINE" | grep libcurl)"
else
	pass "byline is not linked with libcurl (it loads it for a fetch)"
fi
mkdir -p "$T/fakecurl"
if printf 'int byline_not_curl;\n' > "$T/fakecurl/fake.c" &&
    ${CC:-cc} -shared -fPIC -o "$T/fakecurl/libcurl.so.4" "$T/fakecurl/fake.c" 2>/dev/null; then
	run env LD_LIBRARY_PATH="$T/fakecurl" "$BYLINE" --state "$T/state-fake" fetch \
	    --into "$T/lib-fake" "$(F rss2.xml)"
	ok "a libcurl without its functions: exit 1, said" \
	    '[ "$RC" -eq 1 ] && grep -q "libcurl.so.4 has no curl_global_init" "$ERR"'
	ok "... and nothing written" '[ "$(count_md "$T/lib-fake")" -eq 0 ]'
else
	skip "a libcurl without its functions" "no C compiler to make the fake library"
fi

# ---- the progress line on a terminal ----

TM_ENV="no_proxy=127.0.0.1 NO_PROXY=127.0.0.1"
tm_start 100 10 fetch --into "$T/lib14" --timeout 3 "$HTTPD/hang"
expect "a terminal shows the progress line while feeds are fetched" 'fetching: 0/1 feeds, 0 new'
expect "... then the summary, the line cleared" '0 new articles from 1 feed \(1 failed\)'
tm_stop

if grep -vE '^(GET|HEAD) /' "$HTTPD_LOG" | grep -q .; then
	fail "the server saw only the requests of the tests" "log" "$(cat "$HTTPD_LOG")"
fi
finish
