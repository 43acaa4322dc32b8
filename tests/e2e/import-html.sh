#!/bin/sh
# import-html.sh: "byline import" of saved web pages (issue 13). A news page
# written for this test (tests/fixtures/html/harbour-story.html: navigation,
# cookie box, share bar, a lead photo with a caption and credit, quotes,
# related stories, an ad, a newsletter box, comments, a sidebar, a footer)
# becomes an article with its metadata, photos and story only, which check,
# show and quotes read, and which the reader shows with its caption in the
# caption pane and its quotes in the quotes pane (tmux, 120x40). Then:
# several files at once (one report line each, one bad page never stops the
# rest, exit 1), HTML found by content whatever the name, --url, standard
# input, and the hostile pages (tests/fixtures/hostile/html-*.html and what
# generate-html.sh makes): none crashes or hangs, none lets a control
# character through, the pages without an article say so and write nothing.
. tests/e2e/lib.sh
require_byline

PAGE=$E2E_ROOT/tests/fixtures/html/harbour-story.html
HOSTILE=$E2E_ROOT/tests/fixtures/hostile
LIMIT=${HOSTILE_TIMEOUT:-120}
LIB=$T/library
mkdir -p "$LIB"

# ---- the news page ----

imported "import a saved news page: exit 0, prints the one path written" --output "$LIB" "$PAGE"
ART=$IMPORTED
case $ART in
"$LIB"/2023-09-16-lighthouse-lamp-returns-to-gullpoint-after-forty-years.md)
	pass "file name: the published date and the headline" ;;
*)	fail "file name: the published date and the headline" "got $ART" ;;
esac
front "$ART" >"$T/front"
after_front "$ART" >"$T/body"

missing=
for line in 'title: Lighthouse lamp returns to Gullpoint after forty years' \
    'subtitle: Volunteers restored the Fresnel lens that left the tower in 1984.' \
    'date: 2023-09-16T07:45:00+01:00' 'source: The Harbour Courier' \
    'url: https://courier.example/news/2023/09/16/gullpoint-lamp' \
    'id: https://courier.example/news/2023/09/16/gullpoint-lamp' '- Nell Tarrant' \
    '- lighthouses'; do
	grep -qxF -- "$line" "$T/front" || missing="$missing
$line"
done
if [ -z "$missing" ]; then
	pass "front matter: title, subtitle, date as published, source, url, id, author, tags"
else
	fail "front matter: title, subtitle, date as published, source, url, id, author, tags" \
	    "missing:$missing" "$(cat "$T/front")"
fi

missing=
for line in '  caption: The restored lens is lit for the first time since 1984.' \
    '  credit: Ivo Brennan/Harbour Courier' '  path: https://courier.example/media/lamp-lead.jpg' \
    "  caption: Tomas Reyne checks one of the rebuilt prisms in the trust's workshop." \
    '  credit: Courier Pictures' '- title: The restored lens glowing at the top of the tower'; do
	grep -qxF -- "$line" "$T/front" || missing="$missing
$line"
done
if [ -z "$missing" ] && [ "$(grep -c 'path:' "$T/front")" -eq 2 ]; then
	pass "photos: two, each caption with its credit split out, the lead image once"
else
	fail "photos: two, each caption with its credit split out, the lead image once" \
	    "missing:$missing" "$(cat "$T/front")"
fi
if grep -q '^people:' "$T/front" && grep -q 'name: Morag Ellery' "$T/front" &&
    ! grep -q 'name: Ivo Brennan' "$T/front"; then
	pass "people: from the analysis engine, the photographer left out"
else
	fail "people: from the analysis engine, the photographer left out" "unexpected" \
	    "$(cat "$T/front")"
fi

clutter=
for s in 'Skip to content' 'Sport' 'Subscribe from' 'cookies' 'Share on' 'Related stories' \
    'Harbour wall repairs' 'Advertisement' 'newsletter' 'Comments' 'wonderful story' \
    'Most read' 'Seal pup' 'All rights reserved' 'Privacy' 'By Nell Tarrant' \
    'Lighthouse lamp returns' 'Gullpoint, Heritage' 'Photo: Ivo'; do
	grep -qF -- "$s" "$T/body" && clutter="$clutter
$s"
done
if [ -z "$clutter" ]; then
	pass "body: no navigation, cookie box, share bar, related, ad, newsletter, comments, footer"
else
	fail "body: no navigation, cookie box, share bar, related, ad, newsletter, comments, footer" \
	    "found:$clutter" "$(cat "$T/body")"
fi
# the story's own paragraphs, in page order, the subheading as ##
grep -n . "$T/body" >"$T/numbered"
order_ok=yes
prev=0
for s in 'GULLPOINT — The old lamp' 'A crowd of about two hundred' '"I was nine when' \
    'The trust raised £180,000' 'Tomas Reyne, the glazier' '"Every piece had to be ground' \
    '## A working light once more' 'The restored lamp is not only' 'Fishermen welcomed' \
    'The trust now hopes'; do
	n=$(grep -F -- "$s" "$T/numbered" | head -n 1 | cut -d : -f 1)
	if [ -z "$n" ] || [ "$n" -le "$prev" ]; then
		order_ok="no: $s"
		break
	fi
	prev=$n
done
if [ "$order_ok" = yes ]; then
	pass "body: every paragraph of the story, in order, the subheading as ##"
else
	fail "body: every paragraph of the story, in order, the subheading as ##" "$order_ok" \
	    "$(cat "$T/body")"
fi

run B check "$LIB"
if [ "$RC" -eq 0 ] && [ ! -s "$OUT" ]; then
	pass "byline check finds nothing wrong with the imported page"
else
	fail "byline check finds nothing wrong with the imported page" "unexpected" "$(both)"
fi
run B quotes "$ART"
if [ "$RC" -eq 0 ] && grep -q "^Morag Ellery${TAB}I was nine when they took it down" "$OUT" &&
    grep -q "^Ada Fenwick${TAB}You can see it from the Mardle Bank now" "$OUT"; then
	pass "byline quotes: the page's quotations with their speakers"
else
	fail "byline quotes: the page's quotations with their speakers" "unexpected" "$(both)"
fi

# ---- in the reader: the caption pane and the quotes pane ----

tm_start 120 40 "$ART"
expect "reader: the imported page opens with its panes" '^┌ Article .*┌ Quotes'
expect "reader: the headline heads the article" '│ Lighthouse lamp returns to Gullpoint after forty years'
expect "reader: the quotes pane counts the page's quotes" 'Quotes \([1-9][0-9]*\)'
expect "reader: the quotes pane names Morag Ellery" '││ [0-9]+ Morag Ellery'
expect "reader: the quotes pane shows her words" '││   I was nine when they took'
expect "reader: two photos, 'Caption 1/2'" '┌ Caption 1/2 '
expect "reader: the caption pane shows the lead photo's caption" '││ The restored lens is lit for the first'
expect "reader: the caption pane shows its credit" '││ Credit: Ivo Brennan/Harbour Courier'
tm_keys q
expect_exit0 "reader: q quits, status 0"

# ---- several files: one report line each, the bad never stopping the rest ----

mkdir -p "$T/many" "$T/in"
printf 'A plain text story\n\nIt has one paragraph of its own words.\n' >"$T/in/plain.txt"
cp "$HOSTILE/html-no-article.html" "$T/in/no-article.html"
run B import --output "$T/many" "$T/in/no-article.html" "$PAGE" "$T/in/missing.html" \
    "$T/in/plain.txt"
if [ "$RC" -eq 1 ] && [ "$(wc -l <"$OUT")" -eq 2 ] && [ "$(wc -l <"$ERR")" -eq 2 ] &&
    grep -qxF "byline: import: no article text found in $T/in/no-article.html" "$ERR" &&
    grep -q "missing.html" "$ERR" && grep -q 'lighthouse-lamp' "$OUT" &&
    grep -q 'a-plain-text-story.md$' "$OUT" && [ "$(ls "$T/many" | wc -l)" -eq 2 ]; then
	pass "four files: two written (two lines out), two reported (two lines), exit 1"
else
	fail "four files: two written (two lines out), two reported (two lines), exit 1" \
	    "unexpected" "$(both; ls "$T/many")"
fi

# ---- HTML found by content, not by name ----

mkdir -p "$T/named"
cp "$PAGE" "$T/in/page-saved-as.txt"
printf '<p>is not a page</p> but a line of text\n\nwith a paragraph.\n' >"$T/in/text.html"
run B import --output - "$T/in/page-saved-as.txt"
if [ "$RC" -eq 0 ] && grep -qx 'title: Lighthouse lamp returns to Gullpoint after forty years' "$OUT"; then
	pass "a page named .txt is imported as HTML"
else
	fail "a page named .txt is imported as HTML" "unexpected" "$(both)"
fi
run B import --output - "$T/in/text.html"
if [ "$RC" -eq 0 ] && grep -qxF 'title: <p>is not a page</p> but a line of text' "$OUT"; then
	pass "a text file named .html stays plain text (its first line is the title)"
else
	fail "a text file named .html stays plain text (its first line is the title)" "unexpected" \
	    "$(both)"
fi

# ---- --url and standard input ----

printf '<!DOCTYPE html><html><head><title>Tide clock fixed</title></head><body><article><p>The tide clock on the harbour wall runs again after volunteers replaced its gears this week.</p><figure><img src="img/clock.jpg"><figcaption>The repaired clock face.</figcaption></figure></article></body></html>' \
    >"$T/in/relative.html"
run B import --output - --url https://tides.example/news/clock.html - <"$T/in/relative.html"
if [ "$RC" -eq 0 ] && grep -qx '  path: https://tides.example/news/img/clock.jpg' "$OUT" &&
    grep -qx 'url: https://tides.example/news/clock.html' "$OUT" &&
    grep -qx 'source: tides.example' "$OUT"; then
	pass "--url, standard input: image path made absolute, url, the host as the source"
else
	fail "--url, standard input: image path made absolute, url, the host as the source" \
	    "unexpected" "$(both)"
fi
run B import --output - --date 2020-02-02 --source 'Given Name' "$PAGE"
if [ "$RC" -eq 0 ] && grep -qx 'date: 2020-02-02' "$OUT" && grep -qx 'source: Given Name' "$OUT"; then
	pass "--date and --source say more than the page"
else
	fail "--date and --source say more than the page" "unexpected" "$(both)"
fi

# ---- hostile pages ----

BIG=$T/big
mkdir -p "$BIG" "$T/hout"
if sh "$HOSTILE/generate-html.sh" "$BIG" >"$T/gen.err" 2>&1; then
	pass "generate-html.sh makes the big hostile pages"
else
	fail "generate-html.sh makes the big hostile pages" "failed" "$(cat "$T/gen.err")"
fi
for f in "$HOSTILE"/html-*.html "$BIG"/*; do
	[ -f "$f" ] || continue
	name=$(basename "$f")
	rm -rf "$T/hout"
	timeout "$LIMIT" "$BYLINE" import --output "$T/hout" "$f" >"$OUT" 2>"$ERR" </dev/null
	RC=$?
	written=$(ls "$T/hout" 2>/dev/null | head -n 1)
	why=
	if [ "$RC" -ne 0 ] && [ "$RC" -ne 1 ]; then
		why="exit status $RC (a crash, a hang past ${LIMIT}s, or a usage error)"
	elif [ "$RC" -eq 0 ] && [ -z "$written" ]; then
		why="exit 0 but nothing written"
	elif [ "$RC" -eq 1 ] && [ -n "$written" ]; then
		why="exit 1 but $written written"
	elif [ "$(wc -l <"$ERR")" -gt 1 ]; then
		why="more than one line of messages"
	else
		for g in "$OUT" "$ERR" ${written:+"$T/hout/$written"}; do
			u=$(dirty "$g")
			[ -n "$u" ] && why="$(basename "$g"): $u" && break
		done
	fi
	if [ -z "$why" ]; then
		pass "hostile $name: exit $RC, clean bytes${written:+, $written}"
	else
		fail "hostile $name" "$why" "$(both)"
	fi
done
for f in "$HOSTILE/html-no-article.html" "$HOSTILE/html-only-scripts.html" "$BIG/deep-100k.html"; do
	run B import --output "$T/none" "$f"
	if [ "$RC" -eq 1 ] && grep -qxF "byline: import: no article text found in $f" "$ERR" &&
	    [ ! -e "$T/none" ]; then
		pass "$(basename "$f"): 'no article text found in FILE', exit 1, nothing written"
	else
		fail "$(basename "$f"): 'no article text found in FILE', exit 1, nothing written" \
		    "unexpected" "$(both)"
	fi
done
run B import --output - "$HOSTILE/html-escapes.html"
if [ "$RC" -eq 0 ] && grep -q '^title: ' "$OUT" && [ -z "$(dirty "$OUT")" ] &&
    grep -q 'Snap Per/Agency' "$OUT"; then
	pass "a <title> full of escape sequences: imported, none of them reaches the terminal"
else
	fail "a <title> full of escape sequences: imported, none of them reaches the terminal" \
	    "unexpected" "$(both | cat -v)"
fi

finish
