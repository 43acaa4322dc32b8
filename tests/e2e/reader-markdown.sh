#!/bin/sh
# reader-markdown.sh: a Jekyll post with Markdown reads as a reader wants:
# markers hidden, emphasis as attributes, lists, block quotes, code kept
# verbatim, links as numbered references; quotes still found in it.
. tests/e2e/lib.sh
require_byline

POST=$T/lib/2023-05-02-harbour.md
mkdir -p "$T/lib"
cp "$E2E_ROOT/tests/fixtures/markdown/jekyll-post.md" "$POST"

TM_TERM=xterm-256color tm_start 120 40 "$POST"
expect "markdown: the title from the front matter" 'Notes from the harbour meeting'
expect "markdown: a heading without its ## marks" '│ What was decided +│'
expect_gone "markdown: no emphasis markers left" '\*\*|##'
expect "markdown: an ordered list" '│ 1\. The bridge opens in June\.'
expect "markdown: a nested bullet list" '│   • for residents'
expect "markdown: links as their text with a reference number" 'Read the full minutes\[1\] or the council page\[2\]\.'
expect "markdown: the link addresses gathered at the end" '\[1\] https://example\.org/minutes'
expect "markdown: an image as its alt text" '\[image: A drawing of the bridge\]'
expect "markdown: code kept verbatim, spaces and all" '│ budget:  1,200,000 +│'
expect "markdown: entities decoded" 'Entities: café & AT&T — done\.'
if tm capture-pane -e -p -t t | grep -q "${ESC}\[[0-9;]*1m[^${ESC}]*Tuesday"; then
	pass "markdown: **Tuesday** in bold"
else
	fail "markdown: **Tuesday** in bold" "no bold" "$(tm capture-pane -e -p -t t | grep -m1 Tuesday | cat -v)"
fi
expect "markdown: the quote in the block quote is found" '┌ Quotes \(1\)'
tm_keys ']'
expect "markdown: ] jumps to it" 'quote 1/1'
tm_keys q
tm_wait_exit >/dev/null

# the same post without Markdown syntax reads exactly as plain text
out=$("$BYLINE" show "$E2E_ROOT/articles/2022-03-04-nato-ready-blinken.md" | sed -n '4p')
if [ "$out" = "Secretary of State Antony Blinken has said that the NATO military alliance is \"ready\" for conflict if it comes but that the U.S. and its allies are not seeking a confrontation with Russia." ]; then
	pass "markdown: a body with no Markdown (the seed) shows as it is"
else
	fail "markdown: a body with no Markdown (the seed) shows as it is" "line 4" "$out"
fi

finish
