#!/bin/sh
# reader-formats.sh: articles as people keep them (issue 12): an Obsidian
# Web Clipper note (published, a source that is a url, [[Name]] authors,
# description, a photo as an inline image with an italic caption line), a
# Jekyll post dated by its file name, Liquid and Hugo markup hidden in the
# reader and in show and never a quotation, a "---" never closed shown as
# plain text. In the reader at 120x40, 80x24 and 40x12, and in list, show
# and quotes.
. tests/e2e/lib.sh
require_byline

LIB=$T/lib
mkdir -p "$LIB/_posts"

cat >"$LIB/clip.md" <<'EOF'
---
title: "Harbour council votes on the footbridge"
source: "https://www.example.org/news/footbridge?id=1&x=2"
author:
  - "[[Ann Writer]]"
  - "[[Bob Reporter]]"
published: 2021-04-14
created: 2021-05-01
description: "Two years of repairs end in spring"
tags:
  - "clippings"
---
The council met on Tuesday evening to vote.

![The footbridge at dawn](https://example.org/img/bridge.jpg)
*Gordon Pell opens the footbridge on Wednesday. Photo: Maria Lindqvist/Example Photo*

"We promised this town a bridge by spring," Gordon Pell said.
EOF

cat >"$LIB/_posts/2019-07-30-harbour-lights.md" <<'EOF'
---
title: "Harbour lights switched on"
layout: post
---
The lights came on at dusk.
EOF

cat >"$LIB/liquid.md" <<'EOF'
---
title: "Templates in the text"
date: 2020-05-05
---
{% include header.html %}
The mayor spoke {{ page.when }} at the pier.

{{< tweet user="someone" text="\"We will never give up the pier,\" the mayor wrote." >}}

{% comment %}
"This is a secret draft quotation," an editor said.
{% endcomment %}

"We will build it by spring," Gordon Pell said on Wednesday.

{{% notice %}}Read the full plan online.{{% /notice %}}
EOF
sed 's/^title: .*/title: "Templates in plain text"/' "$LIB/liquid.md" >"$LIB/liquid.txt"
cp "$FIXTURES/bad/unclosed.md" "$LIB/unclosed.md"

# ---- byline list, show, quotes ----

run "$BYLINE" --state "$STATE" list "$LIB"
if grep -q "	2021-04-14	example.org	Harbour council votes on the footbridge	" "$OUT"; then
	pass "list: a clip's date from published, its source the url's host"
else
	fail "list: a clip's date from published, its source the url's host" "output" "$(both)"
fi
if grep -q "	2019-07-30		Harbour lights switched on	" "$OUT"; then
	pass "list: a Jekyll post dated by its file name"
else
	fail "list: a Jekyll post dated by its file name" "output" "$(both)"
fi
run "$BYLINE" show "$LIB/clip.md"
if grep -q '^Two years of repairs end in spring$' "$OUT" &&
    grep -q '^example.org · 2021-04-14 · By Ann Writer and Bob Reporter$' "$OUT" &&
    grep -q '^Photo: The footbridge at dawn$' "$OUT" &&
    grep -q '^Gordon Pell opens the footbridge on Wednesday\.$' "$OUT" &&
    grep -q '^Credit: Maria Lindqvist/Example Photo$' "$OUT" &&
    ! grep -q 'Photo: Maria' "$OUT" && ! grep -q '\[\[' "$OUT"; then
	pass "show: the clip's subtitle, byline, and its photo with caption and credit"
else
	fail "show: the clip's subtitle, byline, and its photo with caption and credit" "output" \
	    "$(both)"
fi
for f in liquid.md liquid.txt; do
	run "$BYLINE" show "$LIB/$f"
	if [ "$RC" -eq 0 ] && ! grep -q '[{}]' "$OUT" &&
	    grep -q '^The mayor spoke at the pier\.$' "$OUT" &&
	    grep -q '^Read the full plan online\.$' "$OUT" && ! grep -q 'secret' "$OUT"; then
		pass "show $f: Liquid and Hugo markup hidden, the text kept"
	else
		fail "show $f: Liquid and Hugo markup hidden, the text kept" "output" "$(both)"
	fi
	run "$BYLINE" quotes --all "$LIB/$f"
	if [ "$(wc -l <"$OUT")" -eq 1 ] && grep -q '^Gordon Pell	We will build it by spring' "$OUT"; then
		pass "quotes $f: none from inside a tag or a comment"
	else
		fail "quotes $f: none from inside a tag or a comment" "output" "$(both)"
	fi
done

# ---- the reader ----

open_in() {	# open_in COLS ROWS FILE: the reader on FILE, no position remembered
	rm -f "$STATE"
	tm_start "$1" "$2" "$3"
}

for size in "120 40" "80 24" "40 12"; do
	set -- $size
	open_in "$1" "$2" "$LIB/clip.md"
	expect_body "$1x$2: the clip: its title and the description as subtitle" \
	    '^Harbour council votes on the footbridge Two years of repairs end in spring'
	expect_body "$1x$2: the source, the date and the authors' names" \
	    'example\.org · 2021-04-14 · By Ann Writer and Bob Reporter'
	expect_body "$1x$2: the image in the text" '\[image: The footbridge at dawn\]'
	if ! tm_body_flat | grep -q 'Gordon Pell opens'; then
		pass "$1x$2: the caption line is not in the text"
	else
		fail "$1x$2: the caption line is not in the text" "body" "$(tm_last)"
	fi
	tm_keys C
	expect "$1x$2: C: the caption" '^┌ Photo caption 1/1'
	expect "$1x$2: the caption's text" '│ +Gordon Pell opens the'
	expect "$1x$2: the credit apart" '│ +Credit: Maria'
	tm_keys q q
	tm_wait_exit >/dev/null

	open_in "$1" "$2" "$LIB/liquid.md"
	expect_body "$1x$2: Liquid: the text without the markup" \
	    '^Templates in the text .* The mayor spoke at the pier\. "We will build it by spring,"'
	if ! tm_body_flat | grep -q '[{}]'; then
		pass "$1x$2: no { or } of the markup on screen"
	else
		fail "$1x$2: no { or } of the markup on screen" "body" "$(tm_last)"
	fi
	expect "$1x$2: one quotation, not the tweet's or the comment's" ' 1 quote  [0-9]+%'
	tm_keys q
	tm_wait_exit >/dev/null

	open_in "$1" "$2" "$LIB/unclosed.md"
	expect_body "$1x$2: a --- never closed: plain text, its --- as written" \
	    '^unclosed --- title: A front matter that never ends'
	if ! tm_body_flat | grep -q '\* \* \*'; then
		pass "$1x$2: no rule (* * *) for the ---"
	else
		fail "$1x$2: no rule (* * *) for the ---" "body" "$(tm_last)"
	fi
	tm_keys q
	tm_wait_exit >/dev/null
done

# the library: the clip and the Jekyll post with their dates
tm_start 120 40 "$LIB"
expect "library: the clip dated 2021-04-14, from example.org" \
    '^ ● 2021-04-14  example\.org +Harbour council votes on the footbridge'
expect "library: the Jekyll post dated 2019-07-30" '^ ● 2019-07-30  +Harbour lights switched on'
tm_keys q
tm_wait_exit >/dev/null

finish
