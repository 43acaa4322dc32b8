#!/bin/sh
# reader-abuse.sh: the reader abused as real life does (issue 16): files
# changing under it, another byline holding the marks, a terminal that
# cannot address the cursor, pastes and key storms.
#   1. the front-matter cache truncated under a running reader: no crash
#   3. another byline holds the marks' lock: the reader shows, Ctrl-C works,
#      it says so and goes on, the marks are written when the lock frees, or
#      set aside at quit and merged by the next byline
#   4. TERM=dumb is refused, not a blind reader
#   5. the state file overwritten with garbage while 5 marks are held: the
#      next save keeps them; another process's marks: the header recounts
#   7. a multi-line paste is text at a prompt, ignored elsewhere
#   8. a 100 KB paste and a 5,000-key storm cost one repaint, not thousands
. tests/e2e/lib.sh
TM_SOCKET=reader-abuse-$$
require_byline

LIB=$T/lib
copy_library "$LIB"
# old enough for the front-matter cache to take them
touch -d '2020-01-01 00:00' "$LIB"/*.md
NATO=$LIB/2022-03-04-nato-ready-blinken.md
N_ARTICLES=$(ls "$LIB"/*.md | wc -l)

# header_unread: the unread count the library header shows now.
header_unread() {
	tm_screen | sed -n '1s/.* articles, \([0-9]*\) unread.*/\1/p'
}

# rows_unread: the rows marked unread (●) on the screen now.
rows_unread() {
	tm_screen | grep -c '^ ●'
}

# state_reads: how many entries of the state file are read.
state_reads() {
	grep -c ' r [0-9]*$' "$STATE" 2>/dev/null
}

# ---- 1. the cache truncated under the reader ----

rm -rf "$XDG_CACHE_HOME/byline" "$STATE"
B list "$LIB" >/dev/null 2>&1	# writes the cache
if ls "$XDG_CACHE_HOME"/byline/index-* >/dev/null 2>&1; then
	tm_start 120 30 "$LIB"
	tm_wait "^ byline — $N_ARTICLES articles" 10
	# another byline rebuilding it, a sync tool, a full disk
	for f in "$XDG_CACHE_HOME"/byline/index-*; do : >"$f"; done
	tm_keys j r
	if tm_wait "^ byline — $N_ARTICLES articles, $((N_ARTICLES - 1)) unread" 10; then
		pass "cache truncated under the reader: j and r still work"
	else
		fail "cache truncated under the reader: j and r still work" "screen wrong" "$(tm_last)"
	fi
	tm_keys q
	expect_exit0 "cache truncated under the reader: q quits, status 0 (no Bus error)"
	tm_stop
else
	fail "cache truncated under the reader" "byline list wrote no cache in $XDG_CACHE_HOME/byline"
fi

# ---- 4. TERM=dumb ----

rm -f "$STATE"
TM_TERM=dumb tm_start 100 30 "$LIB"
tm_keys Enter
if tm_wait "byline: the terminal 'dumb' cannot move the cursor; use byline show or list" 10 &&
    tm_wait_exit 10 && [ "$TM_EXIT" = 1 ] && [ ! -s "$STATE" ]; then
	pass "TERM=dumb: refused with a message, status 1, nothing marked"
else
	fail "TERM=dumb: refused with a message, status 1, nothing marked" "status '$TM_EXIT'" \
	    "$(tm_last; cat "$STATE" 2>/dev/null)"
fi
tm_stop

# ---- 5. the state file damaged while the reader holds 5 marks ----

rm -f "$STATE" "$STATE".corrupt-*
for f in "$LIB"/*.md; do
	[ "$f" = "$NATO" ] || B mark-read "$f" >/dev/null 2>&1
done
tm_start 120 30 "$LIB"
tm_wait "^ byline — $N_ARTICLES articles, 1 unread" 10
head -c 3000 /dev/urandom >"$STATE"
tm_keys r	# the first row: NATO, unread
if tm_wait "^ byline — $N_ARTICLES articles, 0 unread" 10 && [ "$(rows_unread)" -eq 0 ]; then
	pass "state overwritten with garbage, then r: the header and the rows say 0 unread"
else
	fail "state overwritten with garbage, then r: the header and the rows say 0 unread" \
	    "header $(header_unread), rows $(rows_unread)" "$(tm_last)"
fi
if [ "$(state_reads)" = "$N_ARTICLES" ] && ls "$STATE".corrupt-* >/dev/null 2>&1; then
	pass "state overwritten with garbage: the garbage set aside, all $N_ARTICLES marks written back"
else
	fail "state overwritten with garbage: the garbage set aside, all $N_ARTICLES marks written back" \
	    "$(state_reads) read in the state" "$(cat "$STATE" 2>/dev/null)"
fi
tm_keys q
tm_wait_exit 10
tm_stop

# another process marks articles while the reader runs: after the reader's
# next save (which merges them in) the header's count is the rows' count
rm -f "$STATE" "$STATE".corrupt-*
tm_start 120 30 "$LIB"
tm_wait "^ byline — $N_ARTICLES articles, $N_ARTICLES unread" 10
n=0
for f in "$LIB"/*.md; do
	[ "$f" = "$NATO" ] && continue
	[ $n -lt 3 ] && B mark-read "$f" >/dev/null 2>&1
	n=$((n + 1))
done
tm_keys r
if tm_wait "^ byline — $N_ARTICLES articles, $((N_ARTICLES - 4)) unread" 10 &&
    [ "$(rows_unread)" -eq $((N_ARTICLES - 4)) ]; then
	pass "3 marked by byline mark-read meanwhile, then r: header and rows both say $((N_ARTICLES - 4)) unread"
else
	fail "3 marked by byline mark-read meanwhile, then r: header and rows agree" \
	    "header $(header_unread), rows $(rows_unread)" "$(tm_last)"
fi
tm_keys q
tm_wait_exit 10
tm_stop

# ---- 3. another byline holds the marks' lock ----

# hold_lock: hold the state's lock (flock(1)) until release_lock.
hold_lock() {
	flock -x "$STATE.lock" sleep 600 &
	holder=$!
	hl_end=$(e2e_deadline 10)
	# wait until it is held: a non-blocking try fails
	while flock -n -x "$STATE.lock" true 2>/dev/null; do
		[ "$(date +%s)" -ge "$hl_end" ] && break
		sleep 0.02
	done
}
release_lock() {
	pkill -P "$holder" 2>/dev/null	# the sleep, which holds the lock too
	kill "$holder" 2>/dev/null
	wait "$holder" 2>/dev/null
}

if command -v flock >/dev/null; then
	rm -f "$STATE" "$STATE".pending-*
	hold_lock
	tm_start 120 30 "$LIB"
	expect "lock held: the library shows at once (not a blank screen)" \
	    "^ byline — $N_ARTICLES articles, $N_ARTICLES unread"
	tm_keys r
	expect "lock held: r says another byline holds the marks" 'another byline holds the read marks'
	expect "lock held: the mark is kept in memory" \
	    "^ byline — $N_ARTICLES articles, $((N_ARTICLES - 1)) unread"
	tm_keys j r
	expect "lock held: a second r marks at once" \
	    "^ byline — $N_ARTICLES articles, $((N_ARTICLES - 2)) unread"
	release_lock
	if tm_wait 'read marks saved' 10 && [ "$(state_reads)" = 2 ]; then
		pass "lock freed: the 2 marks kept back are written ('read marks saved')"
	else
		fail "lock freed: the 2 marks kept back are written" "$(state_reads) in the state" "$(tm_last)"
	fi
	# Ctrl-C while waiting for the lock: the reader ends at once and sets the
	# mark aside, for the next byline to merge
	hold_lock
	tm_keys j r
	tm_keys C-c
	if tm_wait_exit 10; then
		pass "lock held: Ctrl-C during the wait ends the reader (status $TM_EXIT)"
	else
		fail "lock held: Ctrl-C during the wait ends the reader" "still running" "$(tm_last)"
	fi
	if tm_wait 'set aside in' 10 && ls "$STATE".pending-* >/dev/null 2>&1; then
		pass "lock held at quit: the mark is set aside beside the state file, and said so"
	else
		fail "lock held at quit: the mark is set aside beside the state file, and said so" \
		    "no pending file" "$(tm_last)"
	fi
	release_lock
	B list "$LIB" >"$T/list" 2>&1
	if [ "$(grep -c '^read' "$T/list")" -eq 3 ]; then
		pass "lock held at quit: byline list shows the 3 marks"
	else
		fail "lock held at quit: byline list shows the 3 marks" "list:" "$(cat "$T/list")"
	fi
	B mark-read "$LIB"/2021-04-14-*.md >/dev/null 2>&1	# the last row, not yet read
	if [ "$(state_reads)" = 4 ] && ! ls "$STATE".pending-* >/dev/null 2>&1; then
		pass "lock held at quit: the next save merges the set-aside mark and removes it"
	else
		fail "lock held at quit: the next save merges the set-aside mark and removes it" \
		    "$(state_reads) in the state" "$(ls "$T/state"; cat "$STATE")"
	fi
	tm_stop
else
	skip "another byline holds the marks' lock" "no flock(1) here (util-linux)"
fi

# ---- 7. pastes ----

# paste TEXT: paste TEXT into the pane as a terminal does (bracketed when
# the program asked for it).
paste() {
	tm set-buffer -- "$1"
	tm paste-buffer -p -t t
}

rm -f "$STATE"
tm_start 120 30 "$LIB"
tm_wait "^ byline — $N_ARTICLES articles, $N_ARTICLES unread" 10
tm_keys /
tm_wait '^filter: ' 10
paste "$(printf 'Blinken\nwar was ready, said the secretary\nq\n')"
expect "paste at the filter prompt: the lines are text, newlines as spaces" \
    '^filter: Blinken war was ready, said the secretary q$'
tm_keys Escape
tm_wait "^ $N_ARTICLES shown" 10
paste "$(printf 'rjrjr\nq\n')"
tm_sync
if tm_screen | grep -q "^ byline — $N_ARTICLES articles, $N_ARTICLES unread" && [ ! -s "$STATE" ]; then
	pass "a paste in the library is ignored: nothing marked, no quit"
else
	fail "a paste in the library is ignored: nothing marked, no quit" "screen:" \
	    "$(tm_last; cat "$STATE" 2>/dev/null)"
fi
tm_keys q
tm_wait_exit 10
tm_stop

# ---- 8. a 100 KB paste, a storm of keys ----

awk 'BEGIN { srand(7); for (i = 0; i < 1400; i++) { s = ""
    for (k = 0; k < 12; k++) s = s sprintf("%c", 97 + int(rand() * 26)) " "
    print s s s } }' | head -c 102400 >"$T/paste.txt"
tm_start 120 30 "$NATO"
tm_wait "% *(read)?\$" 10
tm_wait ' [0-9]+ quotes' 10
tm load-buffer "$T/paste.txt"
tm paste-buffer -p -t t
tm_keys '?'
expect "a 100 KB paste in the article: ignored, the reader answers the next key at once" '┌ Help: '
tm_keys Escape
tm_keys q
expect_exit0 "a 100 KB paste in the article: nothing ran (q still quits, status 0)"
tm_stop

# a library of 3,000 articles, 5,000 j: the screen painted a few times, not 5,000
MANY=$T/many
mkdir -p "$MANY"
(cd "$MANY" && awk 'BEGIN { for (i = 0; i < 3000; i++) { f = sprintf("a%04d.md", i)
    printf "---\ntitle: Article %d\ndate: 2020-01-01\n---\n\nBody.\n", i > f; close(f) } }')
tm_start 120 30 "$MANY"
tm_wait '^ byline — 3000 articles' 10
before=$(wc -c <"$T/raw")
keys=$(awk 'BEGIN { for (i = 0; i < 5000; i++) printf "j" }')
tm_type "$keys"
tm_keys '?'
tm_wait '┌ Help: ' 10
after=$(wc -c <"$T/raw")
# each j repainted moves the selection: two rows redrawn, 100 bytes at least
if [ $((after - before)) -lt 100000 ]; then
	pass "5,000 j in one burst: $((after - before)) bytes to the terminal (one repaint per burst, not per key)"
else
	fail "5,000 j in one burst: a few repaints" "$((after - before)) bytes to the terminal"
fi
tm_keys Escape
tm_keys q
tm_wait_exit 10
tm_stop

finish
