#!/bin/sh
# reader-browse.sh: the library view (rows, moving, opening, read toggles,
# unread-only, filter, next unread, paging), scrolling in an article, J/K,
# the help overlay, and single-file mode.
. tests/e2e/lib.sh
require_byline

LIB=$T/lib
copy_library "$LIB"
cp "$FIXTURES/bad/yaml-error.md" "$LIB/yaml-error.md"
SEED=$LIB/2022-03-04-nato-ready-blinken.md

# The six bundled articles, newest first (the seed first), and the broken
# one last.
T1='NATO Ready for War With Russia if it Comes'
T2='Student-built river sensors match lab equipment'
T3='The school at the end of the lane'
T4="Lantern Rooms, Dunmere's basement music venue"
T5='In Vérinay, translators spend a weekend arguing'
T6='Kestrel Bay footbridge reopens after two years'
TS=$T1

# open_row NAME KEYS... : press the keys, then Enter; wait for the Article pane.
# at_library: wait for the library header again.
at_library() {
	tm_wait '^ byline — 7 articles'
}

# ---- the library view ----

tm_start 120 40 "$LIB"
expect "library: header with counts and folder" "^ byline — 7 articles, 7 unread — $LIB\$"
s=$(tm_last)
if printf '%s\n' "$s" | sed -n 2p | grep -q "^ ● 2022-03-04  Newsweek  *$T1" &&
    printf '%s\n' "$s" | sed -n 5p | grep -q "^ ● 2021-09-30  The Byline Sample Gazet[a-z]* *$T4" &&
    printf '%s\n' "$s" | sed -n 7p | grep -q "^ ● 2021-04-14  .*$T6"; then
	pass "library: rows ● DATE  SOURCE  TITLE, newest first"
else
	fail "library: rows ● DATE  SOURCE  TITLE, newest first" "rows 2, 5, 7 wrong" "$s"
fi
if printf '%s\n' "$s" | sed -n 8p | grep -Eq '^ ! .*\(broken\) yaml-error'; then
	pass "library: the broken file listed last, flagged ! and (broken)"
else
	fail "library: the broken file listed last, flagged ! and (broken)" "row 8 wrong" "$s"
fi
if printf '%s\n' "$s" | tail -n 1 | grep -q 'yaml-error.md:4:5: error: YAML'; then
	pass "library: the load error shown in the status line"
else
	fail "library: the load error shown in the status line" "no message" "$s"
fi

# Enter opens the selected row; q comes back.
tm_keys Enter
expect_body "Enter opens the first row (the seed)" "^$T1"
expect "article: the four panes at 120 columns" '^┌ Article .*┌ Quotes'
tm_keys q
at_library
tm_keys j j j Enter
expect_body "j j j Enter opens the fourth row" "^$T4"
if tm_wait "^ Lantern Rooms, Dunmere.*  read\$"; then
	pass "article: status line with title and 'read'"
else
	fail "article: status line with title and 'read'" "status line" "$(tm_last)"
fi
tm_keys q
expect "library after reading two: 5 unread" '^ byline — 7 articles, 5 unread'
if tm_wait '^   2022-03-04  Newsweek  ' && tm_wait '^   2021-09-30  ' && tm_wait "^ ● 2021-06-19"; then
	pass "library: the read rows lose their ●, the others keep it"
else
	fail "library: the read rows lose their ●, the others keep it" "markers" "$(tm_last)"
fi
tm_keys Down Down Enter
expect_body "Down Down Enter opens the sixth row" "^$T6"
tm_keys q
expect "library after reading three: 4 unread" '^ byline — 7 articles, 4 unread'
tm_keys Up Up Up Up Up Enter
expect_body "Up x5 from the sixth opens the first row" "^$T1"
tm_keys q
at_library
tm_keys G k Enter
expect_body "G k Enter opens the second-last row" "^$T6"
tm_keys q
at_library
tm_keys g l
expect_body "g, then l opens the first row" "^$T1"
tm_keys q
at_library

# r toggles read in the list; the count follows.
tm_keys g r
expect "r on a read row: unread again, 5 unread" '^ byline — 7 articles, 5 unread'
if tm_wait "^ ● 2022-03-04"; then
	pass "r: the row gets its ● back"
else
	fail "r: the row gets its ● back" "marker" "$(tm_last)"
fi
tm_keys r
expect "r again: read, 4 unread" '^ byline — 7 articles, 4 unread'

# u: unread only, and back
tm_keys u
expect "u: unread only" 'showing unread articles only'
s=$(tm_last)
if ! printf '%s\n' "$s" | grep -q "$T4" && ! printf '%s\n' "$s" | grep -q "$T6" &&
    printf '%s\n' "$s" | grep -q "$T2" && printf '%s\n' "$s" | grep -q "$T5"; then
	pass "u: read articles hidden, unread ones shown"
else
	fail "u: read articles hidden, unread ones shown" "rows" "$s"
fi
tm_keys j
expect "u: the status line says so" ' shown, unread only'
tm_keys u
expect "u again: every article" 'showing all articles'
if tm_wait "$T4" && tm_wait "$T6"; then
	pass "u again: the read articles are back"
else
	fail "u again: the read articles are back" "rows" "$(tm_last)"
fi

# / filters as you type; Enter keeps it; / Esc clears it
tm_keys /
expect "/: the filter prompt" '^filter:'
tm_type kestrel
expect "/kestrel: one row as you type" '^filter: kestrel'
s=$(tm_last)
if [ "$(printf '%s\n' "$s" | grep -c '^ [●!]\? *20[0-9][0-9]-')" -eq 1 ] &&
    printf '%s\n' "$s" | grep -q "$T6"; then
	pass "/kestrel: only Kestrel Bay listed"
else
	fail "/kestrel: only Kestrel Bay listed" "rows" "$s"
fi
tm_keys Enter
expect "filter kept after Enter" '1 shown, filter: kestrel'
tm_keys Enter
expect_body "Enter opens the filtered row" "^$T6"
tm_keys q
expect "the filter is still on after reading" '1 shown, filter: kestrel'
tm_keys / Escape
expect "/ then Esc clears the filter" '7 shown'

# U: next unread (the second row is the first unread one)
tm_keys g U Enter
expect_body "g U Enter opens the first unread article" "^$T2"
tm_keys q
at_library

# ? help, from the key table; any key closes it
tm_keys '?'
expect "? in the library: the help box" '^┌ Help: library'
s=$(tm_last)
if printf '%s\n' "$s" | grep -q '│ j Down  *[a-z]' &&
    printf '%s\n' "$s" | grep -q '│ /  *.*filter' &&
    printf '%s\n' "$s" | grep -q '│ r  *.*read' &&
    printf '%s\n' "$s" | grep -q '│ q  *quit'; then
	pass "help lists the library keys (j, /, r, q)"
else
	fail "help lists the library keys (j, /, r, q)" "missing keys" "$s"
fi
tm_keys x
expect_gone "a key closes the help" 'Help: library'
tm_keys g j j j Enter
tm_wait_body "^$T4" >/dev/null
tm_keys '?'
expect "? in an article: the article help" '^┌ Help: article'
s=$(tm_last)
if printf '%s\n' "$s" | grep -q '│ \]  *next quote' && printf '%s\n' "$s" | grep -q '│ \[  *previous quote' &&
    printf '%s\n' "$s" | grep -q '│ /  *search' && printf '%s\n' "$s" | grep -q '│ n  *next match' &&
    printf '%s\n' "$s" | grep -q '│ Tab  *.*focus'; then
	pass "help lists the article keys (], [, /, n, Tab)"
else
	fail "help lists the article keys (], [, /, n, Tab)" "missing keys" "$s"
fi
tm_keys Escape
expect_gone "Esc closes the article help" 'Help: article'

# J / K: the next and previous article in the library's order
tm_keys J
expect_body "J opens the next article" "^$T5"
tm_keys K K
expect_body "K K opens the one before that" "^$T3"
# every article has been opened now but the broken one
tm_keys U
expect_body "U in an article opens the next unread one (the broken file)" "^yaml-error.* Inspectors spent two days"
tm_keys U
expect "U with no other unread article says so" 'no other unread article'
tm_keys q
at_library
tm_keys q
expect_exit0 "q in the library quits, status 0"

# ---- empty, missing and unreadable ----

mkdir -p "$T/empty-folder"
tm_start 80 24 "$T/empty-folder"
expect "an empty folder: 0 articles" '^ byline — 0 articles, 0 unread'
expect "an empty folder: says there are no articles" '^  No articles here\.'
if tm_status | grep -Eq '^ 0 shown   Enter: open  .*  \?: help$'; then
	pass "80 columns: the status line keeps the key hints that fit whole"
else
	fail "80 columns: the status line keeps the key hints that fit whole" "'$(tm_status)'"
fi
tm_keys q
tm_wait_exit >/dev/null
tm_start 80 24 "$T/no-such-folder"
expect "a missing folder: names it with the error" "$T/no-such-folder: .*(No such file|cannot open)"
tm_keys q
tm_wait_exit >/dev/null
mkdir -p "$T/with-empty"
cp "$SEED" "$T/with-empty/"
: >"$T/with-empty/zz-empty.md"
tm_start 80 24 "$T/with-empty"
expect "a library with an empty file: both listed" '^ byline — 2 articles'
tm_keys G Enter
expect "Enter on the empty file: 'file is empty', the library stays" 'zz-empty.md: .*file is empty'
if tm_wait '^ byline — 2 articles' && tm_wait_gone '┌ Article'; then
	pass "the empty file does not open; still in the library"
else
	fail "the empty file does not open; still in the library" "screen" "$(tm_last)"
fi
tm_keys g Enter
expect_body "the other article still opens" "^$TS"
tm_keys q q
tm_wait_exit >/dev/null

# ---- paging a long library ----

MANY=$T/many
mkdir -p "$MANY"
awk -v d="$MANY" 'BEGIN { for (i = 1; i <= 60; i++) { f = sprintf("%s/story-%02d.md", d, i)
	printf "---\ntitle: Generated story %02d\nsource: Gen\ndate: 2019-%02d-%02d\n---\n\nText %d.\n",
	    i, 12 - int((i - 1) / 28), 28 - (i - 1) % 28, i > f; close(f) } }'
# 80x12: a header, ten rows, the status line; stories 01..60 newest first
tm_start 80 12 "$MANY"
expect "a 60-article library at 80x12" '^ byline — 60 articles'
s=$(tm_last)
if printf '%s\n' "$s" | sed -n 2p | grep -q 'Generated story 01' &&
    printf '%s\n' "$s" | sed -n 11p | grep -q 'Generated story 10'; then
	pass "ten rows visible: stories 01 to 10"
else
	fail "ten rows visible: stories 01 to 10" "rows" "$s"
fi
# page_open NAME KEYS... EXPECTED-STORY
page_open() {
	pname=$1
	shift
	pwant=$1
	shift
	tm_keys "$@" Enter
	if tm_wait_body "^Generated story $pwant"; then
		pass "$pname opens story $pwant"
	else
		fail "$pname opens story $pwant" "wrong article" "$(tm_last)"
	fi
	tm_keys q
	tm_wait '^ byline — 60 articles' >/dev/null
}
page_open "space (one page down)" 11 space
page_open "then PgDn" 21 NPage
page_open "then b (one page up)" 11 b
page_open "then PgUp" 01 PPage
page_open "G" 60 G
page_open "End, Home" 01 End Home
page_open "Ctrl-D (half a page)" 06 C-d
page_open "Ctrl-U" 01 C-u
tm_keys G
if tm_wait 'Generated story 60' && tm_wait_gone 'Generated story 01 *$'; then
	pass "G scrolls the list to the end"
else
	fail "G scrolls the list to the end" "rows" "$(tm_last)"
fi
# the mouse: the wheel scrolls the list, a click selects a row
tm_keys g
tm_wait '^ [● ] 2019-12-28 .*Generated story 01$' >/dev/null
tm_wheel down 20 5
if tm_wait '^ [● ] 2019-12-25 .*Generated story 04$' && tm_wait_gone 'Generated story 0[123]$'; then
	pass "mouse: the wheel scrolls the list three rows"
else
	fail "mouse: the wheel scrolls the list three rows" "rows" "$(tm_last)"
fi
tm_wheel up 20 5
expect "mouse: the wheel up scrolls back" '^ [● ] 2019-12-28 .*Generated story 01$'
tm_click 30 6
# wait for the selection (reverse video) to reach story 06, then open it
end=$(e2e_deadline 10)
while ! tm capture-pane -e -p -t t | grep -Eq "$(sgr_with 7)($SGR)* .* Generated story 06"; do
	if [ "$(date +%s)" -ge "$end" ]; then
		fail "mouse: a click on the sixth row selects it" "no selection on story 06" "$(tm_screen)"
		break
	fi
	sleep 0.05
done
tm_keys Enter
if tm_wait_body '^Generated story 06'; then
	pass "mouse: a click on the sixth row selects it (Enter opens story 06)"
else
	fail "mouse: a click on the sixth row selects it (Enter opens story 06)" "wrong article" "$(tm_last)"
fi
tm_keys q

# ---- scrolling an article (80x24: the body has the screen) ----

tm_start 80 24 "$SEED"
expect_body "a file path opens the article directly" "^$TS"
# body rows are 23 (all but the status line)
tm_snap
cp "$T/snap" "$T/b0"
scrolled() {
	# scrolled NAME N: the body moved by N rows (N > 0: down)
	if tm_wait_scrolled "$2"; then
		pass "$1"
	else
		fail "$1" "the body did not move by $2 rows" "$(cat "$T/screen")"
	fi
}
if grep -q . "$T/b0" && [ "$(wc -l <"$T/b0")" -eq 23 ]; then
	pass "article at 80x24: 23 body rows above the status line"
else
	fail "article at 80x24: 23 body rows above the status line" "body" "$(tm_screen)"
fi
tm_keys j
scrolled "j scrolls down one row" 1
tm_keys Down Down
scrolled "Down Down scroll two rows" 2
tm_keys k
scrolled "k scrolls up one row" -1
tm_keys space
scrolled "space scrolls a page (21 rows: two kept)" 21
tm_keys b
scrolled "b scrolls a page back" -21
tm_keys C-d
scrolled "Ctrl-D scrolls half a page (11 rows)" 11
tm_keys C-u
scrolled "Ctrl-U scrolls half a page back" -11
tm_keys G
if tm_wait 'This article was updated with new information' && tm_wait ' 100%  read$'; then
	pass "G: the end (the update note) and 100%"
else
	fail "G: the end (the update note) and 100%" "screen" "$(tm_last)"
fi
tm_keys j j j space
tm_sync
if tm_wait 'This article was updated with new information' && tm_wait ' 100%  read$' &&
    [ "$(tm_body | tail -n 1)" != "" ]; then
	pass "j and space at the end do not scroll past the last line"
else
	fail "j and space at the end do not scroll past the last line" "screen" "$(tm_last)"
fi
tm_keys g
if tm_wait_top "^$TS" && tm_wait ' 0%  read$'; then
	pass "g: back to the title and 0%"
else
	fail "g: back to the title and 0%" "screen" "$(tm_last)"
fi
tm_keys q
expect_exit0 "q in single-file mode quits, status 0"

finish
