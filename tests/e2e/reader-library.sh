#!/bin/sh
# reader-library.sh: the library as at home as mutt and newsboat (issue 12):
# a click then a resize repaints at once; the columns at 40; u exact; the
# filter's rule for case and accents; the hint bar follows rebinding; a key
# bound twice is a config error with line:col, and "and N more"; a missing
# library said so (exit 1, where byline looked); the header names every
# path; TOML posts as broken entries; r, A, R, o, Esc, the position, Ctrl-L;
# the prompt's editing keys and history. At 120x40, 80x24 and 40x12.
. tests/e2e/lib.sh
require_byline

LIB=$T/lib
copy_library "$LIB"
CONF=$XDG_CONFIG_HOME/byline/config.yaml
mkdir -p "$XDG_CONFIG_HOME/byline"

T1='NATO Ready for War With Russia'
T2='Student-built river sensors'
T5='In Vérinay, translators'

# ---- defect 1: a click, then a resize: repainted at once ----

tm_start 120 40 "$LIB"
expect "120x40: the library" '^ byline — 6 articles, 6 unread'
tm_click 10 3
expect "a click selects the third row (3/6)" ' 3/6$'
tm_resize 80 24
# the rows laid out anew for 80 columns (a narrower source column), no key pressed
expect "after a click, a resize to 80x24 repaints the rows at once" \
    '^ ● 2022-03-04  Newsweek +NATO Ready for War With Russia if it Come…$'
expect "... and the status line" '^ 6 shown .* 3/6$'
tm_resize 40 12
expect "... and to 40x12: the header and the title column" '^ ● 2022-03-04  NATO Ready for War With…$'
expect "... with the header" '^ byline — 6 articles, 6 unread'
tm_keys q
tm_wait_exit >/dev/null

# ---- defect 14: readable at 40 columns: the source goes, then the date ----

for size in "40 12" "80 24" "120 40"; do
	set -- $size
	tm_start "$1" "$2" "$LIB"
	tm_wait '^ byline — 6 articles' >/dev/null
	s=$(tm_screen | sed -n 2p)
	case $1 in
	40)	want='^ ● 2022-03-04  NATO Ready for War With…$' ;;
	80)	want='^ ● 2022-03-04  Newsweek +NATO Ready for War With Russia if it Come…$' ;;
	*)	want='^ ● 2022-03-04  Newsweek +NATO Ready for War With Russia if it Comes, Blinken' ;;
	esac
	if printf '%s\n' "$s" | grep -Eq "$want"; then
		pass "$1x$2: the row keeps the title at least half the width"
	else
		fail "$1x$2: the row keeps the title at least half the width" "row 1: '$s'" "$(tm_last)"
	fi
	tm_keys q
	tm_wait_exit >/dev/null
done
tm_start 30 10 "$LIB"
expect "30 columns: the date goes too, the title stays" '^ ● NATO Ready for War With R…$'
tm_keys q
tm_wait_exit >/dev/null

# ---- ? lists the new keys, from the same table as --keys ----

tm_start 120 40 "$LIB"
tm_wait '^ byline — 6 articles' >/dev/null
tm_keys '?'
expect "? in the library: the help" '^┌ Help: library'
s=$(tm_last)
missing=
for k in '0-9 +a count before a key' 'A +mark every article shown read' 'Esc +clear the filter' \
    'o +sort by date, title, source' 'R +read the folders again' '\| +pipe the article' \
    'E +edit the article' 'r +mark read or unread \(saved at once\), then'; do
	printf '%s\n' "$s" | grep -Eq "│ $k" || missing="$missing [$k]"
done
if [ -z "$missing" ]; then
	pass "? lists A, Esc, o, R, |, E, counts and what r does now"
else
	fail "? lists A, Esc, o, R, |, E, counts and what r does now" "missing:$missing" "$s"
fi
tm_keys Escape q
tm_wait_exit >/dev/null

# ---- the position, r, Esc, Ctrl-L ----

tm_start 80 24 "$LIB"
expect "the position of the selection on the status line (1/6)" '^ 6 shown .* 1/6$'
tm_keys j j
expect "j j: 3/6" ' 3/6$'
tm_keys 3 k
expect "a count: 3k from 3/6 goes to 1/6" ' 1/6$'
tm_keys 4 j
expect "a count: 4j goes to 5/6" ' 5/6$'
tm_keys 2 G
expect "a count: 2G goes to row 2" ' 2/6$'
tm_keys g
tm_keys /
tm_type kestrel
tm_keys Enter
expect "/kestrel Enter: the filter kept" '^ 1 shown, filter: kestrel .* 1/1$'
tm_keys Escape
expect "Esc clears an accepted filter, and says so" '^ filter cleared'
expect "Esc: every article again" '^ ● 2022-03-04  Newsweek'
tm_keys j
expect "Esc: 6 shown" '^ 6 shown'
# Ctrl-L: whatever else wrote on the terminal is painted over
printf '\033[5;5HGARBAGE-ON-THE-SCREEN' >"$(tm_var '#{pane_tty}')"
expect "something else wrote on the terminal" 'GARBAGE-ON-THE-SCREEN'
tm_keys C-l
expect_gone "Ctrl-L redraws the whole screen" 'GARBAGE-ON-THE-SCREEN'
tm_keys q
tm_wait_exit >/dev/null

# ---- r, u and the position at 120x40 and 40x12 ----

for size in "120 40" "40 12"; do
	set -- $size
	rm -f "$STATE"
	tm_start "$1" "$2" "$LIB"
	expect "$1x$2: the position (1/6)" ' 1/6$'
	tm_keys r
	expect "$1x$2: r: marked read" '^ marked read'
	tm_keys u
	expect "$1x$2: u: unread only" '^ showing unread articles only'
	tm_keys k
	expect "$1x$2: the one read is gone: 5 shown (1/5)" '^ 5 shown.* 1/5$'
	tm_keys q
	tm_wait_exit >/dev/null
done
rm -f "$STATE"

# ---- defect 9: u shows exactly the unread articles ----

"$BYLINE" --state "$STATE" mark-read "$LIB"/*.md >/dev/null
"$BYLINE" --state "$STATE" mark-unread "$LIB/2022-02-08-student-river-sensors.md" \
    "$LIB/2021-06-19-verinay-translation-festival.md" >/dev/null
tm_start 80 24 "$LIB"
expect "two unread of six" '^ byline — 6 articles, 2 unread'
# the selection is on a read article: u must not keep it
tm_keys u
expect "u with a read article selected: 2 shown, not 3" '^ showing unread articles only'
tm_keys j
expect "u: the status line counts 2" '^ 2 shown, unread only .* 2/2$'
s=$(tm_screen)
if printf '%s\n' "$s" | grep -q "$T2" && printf '%s\n' "$s" | grep -q "$T5" &&
    ! printf '%s\n' "$s" | grep -q "$T1"; then
	pass "u: the two unread rows, the read one gone"
else
	fail "u: the two unread rows, the read one gone" "rows" "$s"
fi
tm_keys g Enter
expect_body "Enter opens the first unread article" "^$T2"
tm_keys q
expect "after reading it: 1 unread" '^ byline — 6 articles, 1 unread'
tm_keys k
expect "back in the list: the article read is gone, 1 shown" '^ 1 shown, unread only .* 1/1$'
if ! tm_screen | grep -q "$T2"; then
	pass "u: the article just read is no longer listed"
else
	fail "u: the article just read is no longer listed" "still there" "$(tm_last)"
fi
tm_keys Enter
expect_body "the last unread article" "^$T5"
tm_keys q
expect "0 unread" '^ byline — 6 articles, 0 unread'
expect "u with nothing unread: no row, and it says so" '^  No unread articles\.'
tm_keys k
expect "0 shown" '^ 0 shown, unread only'
tm_keys q
tm_wait_exit >/dev/null
rm -f "$STATE"

# ---- defect 10: the filter's rule for case and accents ----

mkdir -p "$T/accents"
cp "$LIB/2021-06-19-verinay-translation-festival.md" "$T/accents/"
printf -- '---\ntitle: "VÉRINAY VOTES ON THE BRIDGE"\ndate: 2021-06-20\n---\n\nText.\n' \
    >"$T/accents/upper.md"
printf -- '---\ntitle: "Verinay without accents"\ndate: 2021-06-18\n---\n\nText.\n' \
    >"$T/accents/plain.md"
filter_shows() {	# filter_shows NAME PATTERN COUNT
	tm_keys /
	tm_wait '^filter: ' >/dev/null
	tm_keys C-u
	tm_type "$2"
	tm_keys Enter
	expect "$1" "^ $3 shown, filter: "
	tm_keys Escape
	tm_wait '^ 3 shown' >/dev/null
}
tm_start 120 40 "$T/accents"
expect "three Vérinay articles" '^ byline — 3 articles'
filter_shows "filter verinay: all three (case and accents free)" verinay 3
filter_shows "filter vérinay: the two with an accent, either case" 'vérinay' 2
filter_shows "filter VÉR: only the capitals with an accent" 'VÉR' 1
filter_shows "filter Verinay: a capital makes case exact, accents stay free" 'Verinay' 2
tm_keys q
tm_wait_exit >/dev/null

# ---- defect 7: rebinding reflected in the hint bar; a key bound twice; N more ----

cat >"$CONF" <<'YAML'
keys:
  quit: Ctrl-X
  open: o
YAML
tm_start 120 40 "$LIB"
expect "quit: Ctrl-X: the hint bar says Ctrl-X: quit" '  Ctrl-X: quit'
if tm_wait_gone '  q: quit' && tm_status | grep -q '^ 6 shown   o: open  '; then
	pass "the hint bar names the keys bound (o: open), not the defaults"
else
	fail "the hint bar names the keys bound (o: open), not the defaults" "status" "$(tm_status)"
fi
tm_keys C-x
expect_exit0 "Ctrl-X quits"

cat >"$CONF" <<'YAML'
keys:
  down: j
  up: j
YAML
tm_start 120 40 "$LIB"
expect "down: j and up: j: an error at the second j, line:col" \
    'config\.yaml:3:7: error: j is bound to both down and up; down keeps it'
tm_keys j
expect "j stays with down" ' 2/6$'
tm_keys q
tm_wait_exit >/dev/null
run "$BYLINE" check --config "$CONF"
if [ "$RC" -eq 1 ] && grep -q ':3:7: error: j is bound to both down and up' "$OUT"; then
	pass "byline check --config lists the key bound twice, exit 1"
else
	fail "byline check --config lists the key bound twice, exit 1" "output" "$(both)"
fi

cat >"$CONF" <<'YAML'
theme: neon
side-pane-width: 7
keys:
  fly: x
  down: NotAKey
colors:
  quote: purple
YAML
tm_start 120 40 "$LIB"
expect "five config errors: the first, and 4 more" \
    'config\.yaml:1:8: error: .*\(and 4 more: byline check --config\)'
tm_keys q
tm_wait_exit >/dev/null
run "$BYLINE" check --config "$CONF"
if [ "$(grep -c ': error: ' "$OUT")" -eq 5 ]; then
	pass "byline check --config lists all five"
else
	fail "byline check --config lists all five" "output" "$(both)"
fi
rm -f "$CONF"

# ---- defect 12: a missing library is said so, exit 1 ----

tm_start 80 24 /nonexistent
if tm_wait_exit && [ "$TM_EXIT" = 1 ] &&
    tm_wait '^byline: /nonexistent: No such file or directory$'; then
	pass "byline /nonexistent: says so and exits 1"
else
	fail "byline /nonexistent: says so and exits 1" "status '$TM_EXIT'" "$(tm_screen)"
fi
tm_start 80 24 /nonexistent "$T/missing-too"
if tm_wait_exit && [ "$TM_EXIT" = 1 ] && tm_wait '^byline: /nonexistent: No such' &&
    tm_wait "^byline: $T/missing-too: No such"; then
	pass "two paths, neither there: both said, exit 1"
else
	fail "two paths, neither there: both said, exit 1" "status '$TM_EXIT'" "$(tm_screen)"
fi
mkdir -p "$T/nowhere"
(cd "$T/nowhere" && "$BYLINE" --state "$STATE") >"$OUT" 2>"$ERR" </dev/null
RC=$?
if [ "$RC" -eq 1 ] && grep -q '^byline: articles: No such file or directory$' "$ERR" &&
    grep -q '^  \$BYLINE_ARTICLES: not set$' "$ERR" &&
    grep -q "^  library: in $XDG_CONFIG_HOME/byline/config.yaml: not set\$" "$ERR" &&
    grep -q "^  $XDG_DATA_HOME/byline/articles: No such file or directory\$" "$ERR" &&
    grep -q '^  \./articles: No such file or directory$' "$ERR"; then
	pass "no library anywhere: where byline looked, in order, exit 1"
else
	fail "no library anywhere: where byline looked, in order, exit 1" "output" "$(both)"
fi
mkdir -p "$T/lib2"
copy_seed "$T/lib2" other.md >/dev/null
tm_start 250 24 "$LIB" "$T/lib2" "$T/not-there"
expect "two folders and a missing one: the reader opens with both" '^ byline — 7 articles'
expect "the header names every path" "— $LIB, $T/lib2, $T/not-there\$"
expect "the missing one said on the status line" "not-there: error: cannot open: No such file"
tm_keys q
tm_wait_exit >/dev/null

# ---- defect 11: a TOML post is a broken entry titled from its file name ----

mkdir -p "$T/toml"
cp "$FIXTURES/bad/toml.md" "$T/toml/hugo-post.md"
cp "$LIB/2021-04-14-kestrel-bay-footbridge.md" "$T/toml/"
tm_start 80 24 "$T/toml"
expect "TOML: listed as broken, titled from the file name" '^ ! +\(broken\) hugo-post$'
tm_keys G Enter
expect_body "TOML: opened, the title from the file name, the body after +++" \
    '^hugo-post Body of a Hugo post that byline does not read\. ?$'
expect "TOML: the error on the status line with its position" 'hugo-post\.md:1:1: error: TOML'
tm_keys q q
tm_wait_exit >/dev/null

# ---- A, R, o ----

mkdir -p "$T/many"
i=1
while [ $i -le 12 ]; do
	printf -- '---\ntitle: "Story number %02d"\ndate: 2020-01-%02d\nsource: Src %s\n---\n\nText %d.\n' \
	    "$i" "$i" "$(printf '%s' "ZYXWVUTSRQPO" | cut -c "$i")" "$i" >"$T/many/s$i.md"
	i=$((i + 1))
done
tm_start 40 12 "$T/many"
expect "40x12: twelve articles, ten rows" '^ byline — 12 articles, 12 unread'
tm_keys A
expect "A with more than a screen to change: asks first" '^Mark 12 articles read\? \(y/n\)'
tm_keys n
expect "n: nothing marked" '^ nothing marked'
expect "still 12 unread" '^ byline — 12 articles, 12 unread'
tm_keys /
tm_type 'number 0'
tm_keys Enter
expect "filter: 9 shown" '^ 9 shown, filter: number 0'
tm_keys A
expect "A on 9 rows (a screen or less): at once, and says so" '^ 9 marked read'
expect "A marked only the rows shown" '^ byline — 12 articles, 3 unread'
tm_keys Escape
tm_wait '^ 12 shown|filter cleared' >/dev/null
# R: two new files and one gone
printf -- '---\ntitle: "A new one"\ndate: 2021-01-01\n---\n\nNew.\n' >"$T/many/new1.md"
printf -- '---\ntitle: "Another new one"\ndate: 2021-01-02\n---\n\nNew.\n' >"$T/many/new2.md"
tm_keys R
expect "R: says how many are new" '^ 2 new articles'
expect "R: the library read again" '^ byline — 14 articles, 5 unread'
rm "$T/many/new2.md"
tm_keys R
expect "R after a file went: says so" '^ 0 new, 1 gone'
tm_keys R
expect "R with nothing new" '^ no new articles \(13\)'
# o: the sort order, kept for the next time
tm_keys g
tm_wait ' 1/13$' >/dev/null
tm_keys o
expect "o: sorted by title" '^ sorted by title'
expect "by title: 'A new one' first" '^ ● 2021-01-01  A new one'
tm_keys o
expect "o: sorted by source" '^ sorted by source'
tm_keys g
expect "by source: Src O (story 12) first" '^ ● 2020-01-12  Story number 12'
tm_keys G
expect "by source: the article without a source last" '^ ● 2021-01-01  A new one'
tm_keys o
expect "o: unread first" '^ sorted: unread first'
expect "unread first: the newest unread" '^ ● 2021-01-01  A new one'
tm_keys o
expect "o: back to the date" '^ sorted by date'
tm_keys o q
tm_wait_exit >/dev/null
if grep -qx 'sort title' "$T/state/view"; then
	pass "o: the order kept in the state folder (view: sort title)"
else
	fail "o: the order kept in the state folder (view: sort title)" "view" \
	    "$(cat "$T/state/view" 2>&1)"
fi
"$BYLINE" --state "$STATE" mark-unread "$T/many"/*.md >/dev/null
tm_start 40 12 "$T/many"
expect "the next run sorts by title again" '^ ● 2021-01-01  A new one'
tm_keys A
expect "A: asks for 13" '^Mark 13 articles read\? \(y/n\)'
tm_keys y
expect "y: all 13 marked read, and it says so" '^ 13 marked read'
expect "0 unread" '^ byline — 13 articles, 0 unread'
tm_keys q
tm_wait_exit >/dev/null
rm -f "$T/state/view"

# ---- the prompt: editing keys and history ----

tm_start 80 24 "$LIB"
tm_wait '^ byline — 6 articles' >/dev/null
tm_keys /
tm_type 'bridge kestrel'
expect "the prompt shows what is typed" '^filter: bridge kestrel$'
tm_keys C-w
expect "Ctrl-W removes the word before the cursor" '^filter: bridge$'
tm_keys C-u
expect "Ctrl-U removes everything before the cursor" '^filter:$'
tm_type 'estrl'
tm_keys Left
tm_type e
tm_keys Home
tm_type k
expect "Left, Home and typing in the middle: kestrel" '^filter: kestrel$'
expect "... and the filter follows: one row" '^ ● 2021-04-14  The Byline Sample G…  Kestrel'
tm_keys End
tm_type ' bay'
tm_keys Right BSpace BSpace BSpace BSpace
expect "End, typing at the end, Backspace" '^filter: kestrel$'
tm_keys Enter Escape
tm_wait '^ filter cleared' >/dev/null
tm_keys /
tm_type 'lantern'
tm_keys Enter Escape /
tm_keys Up
expect "Up: the last filter typed" '^filter: lantern$'
tm_keys Up
expect "Up again: the one before" '^filter: kestrel$'
tm_keys Down Down
expect "Down Down: back to the new (empty) line" '^filter:$'
tm_keys Escape q
tm_wait_exit >/dev/null

finish
