#!/bin/sh
# reader-marks.sh: read marks and reading positions in the reader: opening
# marks read (saved at once), r toggles, quit and restart keep the mark and
# the place, renaming the file keeps both, single-file mode, and a state
# file that cannot be written.
. tests/e2e/lib.sh
require_byline

LIB=$T/lib
copy_library "$LIB"
SEED=$LIB/2022-03-04-nato-ready-blinken.md
TS='NATO Ready for War With Russia if it Comes'	# the first row

# re STRING: STRING as a basic-and-extended-safe regular expression.
re() {
	printf '%s' "$1" | sed 's/[][\.*^$(){}?+|/]/\\&/g'
}
# cli_state PATH: read or unread, as `byline list` says.
cli_state() {
	"$BYLINE" --state "$STATE" list "$1" 2>/dev/null | cut -f1
}
# expect_state NAME PATH read|unread: byline list says so of PATH.
expect_state() {
	if [ "$(cli_state "$2")" = "$3" ]; then
		pass "$1"
	else
		fail "$1" "list says '$(cli_state "$2")'"
	fi
}
# seed_row: the library row of the seed (from the last capture).
seed_row() {
	grep 'Newsweek  *NATO Ready for War' "$T/screen"
}

# text_top KEY: the top line of the body, after pressing KEY (j or k) up to
# five times while it is blank.
text_top() {
	tt_n=0
	tt_top=$(tm_body | head -n 1)
	while [ -z "$tt_top" ] && [ $tt_n -lt 5 ]; do
		tm_keys "$1"
		tm_sync
		tt_top=$(tm_body | head -n 1)
		tt_n=$((tt_n + 1))
	done
	printf '%s\n' "$tt_top"
}

# ---- opening marks read at once; the place is kept across runs ----

tm_start 120 40 "$LIB"
expect "library: 6 unread at first" '^ byline — 6 articles, 6 unread'
tm_keys Enter
expect_body "the seed opens" "^$TS"
# saved right after the first paint: poll for it (a few seconds at most)
end=$(e2e_deadline 10)
while [ "$(cli_state "$SEED")" != read ] && [ "$(date +%s)" -lt "$end" ]; do
	sleep 0.02
done
if [ "$(cli_state "$SEED")" = read ]; then
	pass "opening an article marks it read on disk at once (byline list says read)"
else
	fail "opening an article marks it read on disk at once (byline list says read)" \
	    "list says '$(cli_state "$SEED")' while the article is open"
fi
# scroll a page and a bit, to a line with text at the top
tm_keys space j j
tm_sync
tm_wait_gone '^│ NATO Ready for War' >/dev/null
top=$(text_top j)
if [ -n "$top" ] && [ "$top" != "${top#*[a-z]}" ]; then
	pass "scrolled to a line of text: '$top'"
else
	fail "scrolled to a line of text" "top line '$top'" "$(tm_screen)"
fi
tm_keys q
expect "back in the library: 5 unread" '^ byline — 6 articles, 5 unread'
if seed_row | grep -q '^   2022-03-04'; then
	pass "the seed's row lost its ●"
else
	fail "the seed's row lost its ●" "row: $(seed_row)" "$(tm_last)"
fi
tm_keys q
tm_wait_exit >/dev/null
expect_state "after quitting, byline list says read" "$SEED" read

# still_read WHEN: in a new run the seed is still read (5 unread, no ● on its
# row), and opening it returns to the same place ('$top' at the top).
still_read() {
	tm_start 120 40 "$LIB"
	expect "$1: still 5 unread" '^ byline — 6 articles, 5 unread'
	if seed_row | grep -q '^   2022-03-04'; then
		pass "$1: the seed is still read (no ●)"
	else
		fail "$1: the seed is still read (no ●)" "row: $(seed_row)" "$(tm_last)"
	fi
	tm_keys Enter
	if tm_wait_top "^$(re "$top")\$"; then
		pass "$1: reopening returns to the same place ('$top' at the top)"
	else
		fail "$1: reopening returns to the same place ('$top' at the top)" "another place" \
		    "$(tm_last)"
	fi
}

# restart: still read, and back at the same place
still_read restart
tm_keys q q
tm_wait_exit >/dev/null

# rename and move the file: still read, same place
mkdir -p "$LIB/moved/away"
mv "$SEED" "$LIB/moved/away/nato.md"
SEED=$LIB/moved/away/nato.md
still_read "after a rename"

# r in the article: unread, saved at once; the library shows it
tm_keys r
if tm_wait 'marked unread' && tm_wait ' unread$'; then
	pass "r in the article: 'marked unread', status says unread"
else
	fail "r in the article: 'marked unread', status says unread" "status" "$(tm_last)"
fi
expect_state "r: saved at once (byline list says unread while the reader runs)" "$SEED" unread
tm_keys r
if tm_wait 'marked read' && tm_wait ' read$' && [ "$(cli_state "$SEED")" = read ]; then
	pass "r again: read, saved"
else
	fail "r again: read, saved" "status or list" "$(tm_last)"
fi
tm_keys r q
expect "q after r: the library counts 6 unread" '^ byline — 6 articles, 6 unread'
if seed_row | grep -q '^ ● 2022-03-04'; then
	pass "q after r: the seed's row has its ● again"
else
	fail "q after r: the seed's row has its ● again" "row: $(seed_row)" "$(tm_last)"
fi
# r in the library, and the reader started again
tm_keys g r
expect "r in the library: read, 5 unread" '^ byline — 6 articles, 5 unread'
tm_keys q
tm_wait_exit >/dev/null
expect_state "r in the library is saved" "$SEED" read

# J and K keep each article's place: scroll the seed, J to the next, K back
tm_start 120 40 "$LIB"
tm_wait '^ byline — 6 articles' >/dev/null
tm_keys g Enter
if tm_wait_top "^$(re "$top")\$"; then
	# (the seed's place is at the end of what can scroll: go up)
	tm_keys k k k k
	tm_sync
	top2=$(text_top k)
	tm_keys J
	tm_wait_body '^Student-built river sensors' >/dev/null
	tm_keys K
	if [ -n "$top2" ] && [ "$top2" != "$top" ] && tm_wait_top "^$(re "$top2")\$"; then
		pass "J then K: the seed reopens where it was left ('$top2')"
	else
		fail "J then K: the seed reopens where it was left ('$top2')" "another place" "$(tm_last)"
	fi
else
	fail "J then K: the seed reopens where it was left" "the seed did not open at its place" "$(tm_last)"
fi
tm_keys q q
tm_wait_exit >/dev/null

# byline mark-unread (of the folder) while the reader is closed: the reader shows it
"$BYLINE" --state "$STATE" mark-unread "$LIB" >/dev/null 2>&1
tm_start 120 40 "$LIB"
expect "mark-unread from the command line: the reader shows 6 unread" '^ byline — 6 articles, 6 unread'
tm_keys q
tm_wait_exit >/dev/null

# ---- single-file mode keeps the place too ----

SCHOOL=$LIB/2021-11-22-harlow-fen-school.md
tm_start 80 24 "$SCHOOL"
expect_body "single file: the article opens" '^The school at the end of the lane'
tm_keys space space space
tm_sync
top=$(text_top j)
tm_keys q
tm_wait_exit >/dev/null
expect_state "single file: opening it marks it read" "$SCHOOL" read
tm_start 80 24 "$SCHOOL"
if [ -n "$top" ] && tm_wait_top "^$(re "$top")\$"; then
	pass "single file: reopening returns to the same place ('$top')"
else
	fail "single file: reopening returns to the same place ('$top')" "another place" "$(tm_last)"
fi
tm_keys g q
tm_wait_exit >/dev/null
tm_start 80 24 "$SCHOOL"
if tm_wait_top '^The school at the end of the lane'; then
	pass "single file: back at the top after g, q, reopen"
else
	fail "single file: back at the top after g, q, reopen" "another place" "$(tm_last)"
fi
tm_keys q
tm_wait_exit >/dev/null

# ---- Ctrl-C, SIGTERM and SIGHUP also save the place ----

for how in C-c TERM HUP; do
	tm_start 80 24 "$SCHOOL"
	tm_wait_body '^' >/dev/null
	tm_keys g space space
	tm_sync
	top=$(text_top j)
	case $how in
	C-c) tm_keys C-c ;;
	*) kill -s "$how" "$(tm_pid)" ;;
	esac
	tm_wait_exit >/dev/null
	tm_start 80 24 "$SCHOOL"
	if [ -n "$top" ] && tm_wait_top "^$(re "$top")\$"; then
		pass "$how while reading: the place is saved ('$top')"
	else
		fail "$how while reading: the place is saved ('$top')" "another place" "$(tm_last)"
	fi
	tm_keys q
	tm_wait_exit >/dev/null
done

# ---- a state file that cannot be written: a message, the reader goes on ----

: >"$T/not-a-folder"
STATE_SAVED=$STATE
STATE=$T/not-a-folder/read
tm_start 100 30 "$LIB"
expect "unwritable state: the library opens" '^ byline — 6 articles, 6 unread'
tm_keys Enter
expect "unwritable state: opening says 'could not save read marks: ...'" 'could not save read marks: .*not-a-folder'
expect_body "unwritable state: the article is shown all the same" "^$TS"
tm_keys j
expect_gone "the message goes at the next key" 'could not save read marks'
tm_keys q
expect "unwritable state: back in the library" '^ byline — 6 articles'
tm_keys q
expect_exit0 "unwritable state: q quits normally"
STATE=$STATE_SAVED

# ---- a corrupt state file: set aside with a warning, never a crash ----

printf 'this is not\na byline state file\n\001\002\n' >"$STATE"
tm_start 100 30 "$LIB"
expect "corrupt state: the library opens, all unread" '^ byline — 6 articles, 6 unread'
if grep -q 'read marks: ' "$T/screen"; then
	pass "corrupt state: a warning in the status line"
else
	fail "corrupt state: a warning in the status line" "no warning" "$(tm_last)"
fi
tm_keys q
tm_wait_exit >/dev/null
if ls "$STATE".corrupt* >/dev/null 2>&1; then
	pass "corrupt state: the old file set aside"
else
	fail "corrupt state: the old file set aside" "no $STATE.corrupt-*" "$(ls -la "$(dirname "$STATE")")"
fi

finish
