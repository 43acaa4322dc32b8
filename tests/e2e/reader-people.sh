#!/bin/sh
# reader-people.sh: People in the reader (issue 15), at 80x24 and 40x12:
# P in the library opens People (everyone in the articles shown, with
# articles, mentions and quotes), / filters it, o orders it; Enter on a
# person shows their quotes newest first; Enter on a quote opens the
# article with that quote current and highlighted; q comes back to the same
# quote, then to People, then to the library. In the article, A on a person
# of the people pane shows that person across the library, and q goes back
# to the article. The library shows each article's quote count when the
# titles leave room. byline --people opens on People.
. tests/e2e/lib.sh
require_byline

LIB=$T/lib
mkdir -p "$LIB"
cp "$FIXTURES/../people/"*.md "$LIB/"

# highlighted WORD: a quote starting with WORD is drawn highlighted (reverse
# video or a background colour) from its opening mark on, as ] leaves it.
highlighted() {
	tm capture-pane -e -p -t t | grep -Eq "$(sgr_with '7|4[0-7]')($SGR)*[\"“]$1"
}

# the selected quote of the quotes view: the marker before its date
selected_quote() {
	tm_wait "^▌ $1 "
}

people_story() {	# people_story COLS ROWS
	cols=$1 rows=$2 at="${1}x$2"
	rm -f "$STATE" "$STATE".*
	tm_start "$cols" "$rows" "$LIB"
	expect "$at: the library" ' byline — 3 articles'
	tm_keys P
	expect "$at: P opens People over the articles shown" 'People: 4 in 3 articles'
	if [ "$cols" -ge 64 ]; then
		expect "$at: José Ramos once, with his articles, mentions and quotes" \
		    '^ José Ramos +Harbour master +3 +3 +3$'
	else
		expect "$at: José Ramos once, with his quotes" '^ José Ramos +Harbour.* 3$'
	fi
	expect "$at: most quoted first" 'articles|quotes'
	if tm_screen | sed -n '3p' | grep -q 'José Ramos'; then
		pass "$at: the most quoted person on top"
	else
		fail "$at: the most quoted person on top" "row 1 is not José Ramos" "$(tm_screen)"
	fi
	tm_keys Enter
	expect "$at: Enter shows the person's quotes" 'Quotes by José Ramos'
	if selected_quote 2021-05-01 && tm_wait 'Nobody expected the storm'; then
		pass "$at: newest first, each quote under its date, source and title"
	else
		fail "$at: newest first, each quote under its date, source and title" "unexpected" \
		    "$(tm_last)"
	fi
	tm_keys j
	if selected_quote 2021-04-01; then
		pass "$at: j selects the next quote"
	else
		fail "$at: j selects the next quote" "the second quote is not selected" "$(tm_last)"
	fi
	tm_keys Enter
	expect "$at: Enter opens the article at that quote" 'quote 1/2 '
	if tm_wait_body 'The harbour is ready' && highlighted The; then
		pass "$at: the quote is current and highlighted, as ] leaves it"
	else
		fail "$at: the quote is current and highlighted, as ] leaves it" "unexpected" \
		    "$(tm capture-pane -e -p -t t | cat -v)"
	fi
	tm_keys q
	if tm_wait 'Quotes by José Ramos' && selected_quote 2021-04-01; then
		pass "$at: q comes back to the same quote"
	else
		fail "$at: q comes back to the same quote" "unexpected" "$(tm_last)"
	fi
	tm_keys q
	expect "$at: q again: People" 'People: 4 in 3 articles'
	tm_keys /
	tm_type john
	expect "$at: / filters People as you type" 'People: 3 in 3 articles'
	expect_gone "$at: José Ramos filtered out" 'José Ramos'
	tm_keys Escape
	expect "$at: Esc clears the filter" 'People: 4 in 3 articles'
	tm_keys o
	expect "$at: o orders by mentions" 'by mentions'
	tm_keys o
	expect "$at: o again orders by name" 'by name'
	if tm_wait '^ Ann Johnson' && tm_screen | sed -n '3p' | grep -q 'Ann Johnson'; then
		pass "$at: by name, Ann Johnson first"
	else
		fail "$at: by name, Ann Johnson first" "unexpected" "$(tm_screen)"
	fi
	tm_keys q
	expect "$at: q again: the library" ' byline — 3 articles'
	tm_keys q
	expect_exit0 "$at: q quits, status 0"
}

people_story 80 24
people_story 40 12

# the hints of People and of a person's quotes come from the key table:
# rebound keys show as bound
mkdir -p "$XDG_CONFIG_HOME/byline"
printf 'keys:\n  order: O\n  back: x\n' > "$XDG_CONFIG_HOME/byline/config.yaml"
tm_start 100 24 "$LIB"
expect "hints: the library" ' byline — 3 articles'
tm_keys P
expect "hints: People says the rebound keys" 'Enter: quotes  /: filter  O: order  x: back'
tm_keys Enter
expect "hints: a person's quotes too" 'Enter: open the article  x: back'
tm_keys x x q
expect_exit0 "hints: x, x and q: back twice, then quit"
rm -f "$XDG_CONFIG_HOME/byline/config.yaml"

# A in the article's people pane: that person across the library, q back
rm -f "$STATE" "$STATE".*
tm_start 80 24 "$LIB"
expect "A: the library" ' byline — 3 articles'
tm_keys G Enter
expect "A: the oldest article open" 'Harbour to open in May'
tm_keys P
expect "A: its people pane" 'People \(2\)'
tm_keys j
tm_keys A
if tm_wait 'Quotes by José Ramos' && tm_wait 'Nobody expected the storm'; then
	pass "A: the selected person's quotes across the library"
else
	fail "A: the selected person's quotes across the library" "unexpected" "$(tm_last)"
fi
tm_keys q
expect "A: q goes back to the article" 'Harbour to open in May'
expect "A: with its people pane as it was" 'People \(2\)'
tm_keys q q
expect "A: then to the library" ' byline — 3 articles'
tm_keys q
expect_exit0 "A: q quits, status 0"

# the quote counts: a narrow column when the titles leave room, none when they do not
tm_start 120 20 "$LIB"
if tm_wait '^ ● 2021-04-01 +The Test Courier +Boats come back to the quay +2$'; then
	pass "the library shows each article's quote count when the width allows"
else
	fail "the library shows each article's quote count when the width allows" "unexpected" \
	    "$(tm_last)"
fi
tm_resize 60 20
if tm_wait 'Boats come back to the quay$'; then
	pass "narrower: the count goes before the title is cut"
else
	fail "narrower: the count goes before the title is cut" "unexpected" "$(tm_last)"
fi
tm_keys q
expect_exit0 "counts: q quits, status 0"

# byline --people opens on People (from the caches the runs above left)
tm_start 80 24 --people "$LIB"
expect "--people: the reader opens on People" 'People: 4 in 3 articles'
tm_keys Enter
expect "--people: Enter shows the quotes" 'Quotes by José Ramos'
tm_keys q q
expect "--people: q goes to the library" ' byline — 3 articles'
tm_keys q
expect_exit0 "--people: q quits, status 0"

# a reader stopped while it reads a library leaves the analysis cache whole
BIG=$T/big
mkdir -p "$BIG"
# 4,000 copies of an article, by one awk (a cp each would take long)
awk -v src="$LIB/boats.md" -v dir="$BIG" 'BEGIN {
	while ((getline l < src) > 0) text = text l "\n"
	for (i = 0; i < 4000; i++) { f = dir "/b" i ".md"; printf "%s", text > f; close(f) }
}'
touch -d '2021-04-02 12:00' "$BIG"/*.md
"$BYLINE" --state "$STATE" people "$BIG" >/dev/null 2>&1
acache=$(ls -t "$XDG_CACHE_HOME"/byline/analysis-* | head -1)
before=$(cksum <"$acache")
rm -f "$XDG_CACHE_HOME"/byline/index-*	# the folder is read anew: slowly
tm_start 80 24 "$BIG"
if tm_wait 'reading the folder|Reading articles' 20; then
	kill -TERM "$(tm_pid)" 2>/dev/null
	tm_wait_exit
	if [ "$(cksum <"$acache")" = "$before" ]; then
		pass "stopped while reading the folder: the analysis cache is left whole"
	else
		fail "stopped while reading the folder: the analysis cache is left whole" \
		    "it changed: $(wc -c <"$acache") bytes"
	fi
else
	skip "stopped while reading the folder" "the folder was read before its progress showed"
fi

finish
