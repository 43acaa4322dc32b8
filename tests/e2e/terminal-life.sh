#!/bin/sh
# terminal-life.sh: the reader's life in a terminal (issue 5): 200 resizes
# in quick succession, Ctrl-Z and fg from an interactive shell, SIGTSTP and
# SIGCONT sent with kill, SIGTERM and SIGHUP (byline ends, the terminal is
# restored, the reading position is saved), and "byline list | head -1".
# Issue 16 and 12: SIGSTOP then fg puts the reader's modes back (item 2);
# flow control is off while it runs, so Ctrl-S and Ctrl-Q are keys, and back
# on after it and while it is suspended (defect 2); bracketed paste is off
# after it and while suspended; no pane border is left on the shell's
# screen after a resize (defect 13); a crash (SIGSEGV, SIGBUS) puts the
# terminal back. Terminal death: terminal-death.sh.
. tests/e2e/lib.sh
TM_SOCKET=terminal-life-$$
require_byline

ART=$T/art
copy_long "$ART"
KEY=$LONG_KEY
TITLE=$LONG_TITLE

# last_paste_mode: h or l, the last bracketed paste sequence (ESC [?2004h/l)
# the terminal received ($T/raw), empty when none.
last_paste_mode() {
	LC_ALL=C grep -ao "${ESC}\\[?2004[hl]" "$T/raw" 2>/dev/null | tail -n 1 | LC_ALL=C sed 's/.*2004//'
}

# ---- 200 resizes ----

tm_start 100 30 "$ART/long.md"
if tm_wait "^┌ Article.*┐\$" 10 && tm_wait "^ $TITLE .*[0-9]+%"; then
	pass "resize: the article opens at 100x30"
else
	fail "resize: the article opens at 100x30" "no article screen" "$(tm_last)"
fi
pid=$(tm_pid)
i=0
bad=
while [ $i -lt 200 ]; do
	case $((i % 10)) in
	0) w=1 h=1 ;;
	1) w=2 h=2 ;;
	2) w=300 h=100 ;;
	3) w=20 h=3 ;;
	4) w=100 h=1 ;;
	5) w=1 h=40 ;;
	*) w=$((30 + (i * 37) % 150)) h=$((5 + (i * 13) % 50)) ;;
	esac
	tm_resize $w $h || { bad="resize-window $w $h failed"; break; }
	i=$((i + 1))
done
if [ -z "$bad" ] && kill -0 "$pid" 2>/dev/null; then
	pass "resize: 200 resizes (1x1 to 300x100) in quick succession, byline still running"
else
	fail "resize: 200 resizes in quick succession, byline still running" "${bad:-byline is gone}" \
	    "$(tm_screen)"
fi
tm_resize 100 30
if tm_wait "^┌ Article.*┐\$" 10 && tm_wait "^ $TITLE .*[0-9]+%" &&
    [ "$(tm_screen | wc -l)" -eq 30 ] && tm_screen | sed -n 30p | grep -q '%'; then
	pass "resize: back at 100x30 the screen is sane (boxes, status line at row 30)"
else
	fail "resize: back at 100x30 the screen is sane" "screen wrong" "$(tm_last)"
fi
tm_keys j
tm_keys q
if tm_wait_exit 10 && [ "$TM_EXIT" = 0 ]; then
	pass "resize: q still quits, status 0"
else
	fail "resize: q still quits, status 0" "status '$TM_EXIT'" "$(tm_last)"
fi
tm_stop

# ---- Ctrl-Z and fg, from an interactive shell ----

{
	echo '#!/bin/sh'
	printf 'exec env -i PATH=/usr/local/bin:/usr/bin:/bin HOME=%s TERM=tmux-256color LANG=C.UTF-8' \
	    "$(shq "$HOME")"
	printf ' XDG_CACHE_HOME=%s PS1=%s sh -i\n' "$(shq "$XDG_CACHE_HOME")" "$(shq 'PROMPT$ ')"
} >"$T/shell.sh"
tm_n=$((tm_n + 1))	# a server of its own, which lib.sh's cleanup kills
tm start-server \; set -g remain-on-exit on \; set -g status off \; \
    new-session -d -s t -x 100 -y 30 "exec sh $(shq "$T/shell.sh")"
: >"$T/raw"
tm pipe-pane -O -t t "cat >>$(shq "$T/raw")"
if tm_wait '^PROMPT\$' 10; then
	tm_type "$BYLINE --state $(shq "$STATE") $(shq "$ART/long.md")"
	tm_keys Enter
	if tm_wait "^ $TITLE .*[0-9]+%" 10; then
		pass "Ctrl-Z: byline runs in an interactive shell"
	else
		fail "Ctrl-Z: byline runs in an interactive shell" "no article" "$(tm_last)"
	fi
	bpid=$(pgrep -P "$(tm_var '#{pane_pid}')" | head -n 1)
	tm_keys C-z
	if tm_wait '^PROMPT\$ *$' 10 && tm_restored && [ "$(ps -o stat= -p "$bpid" | cut -c1)" = T ]; then
		pass "Ctrl-Z: byline stops, the shell's prompt is back on the normal screen"
	else
		fail "Ctrl-Z: byline stops, the shell's prompt is back on the normal screen" \
		    "stat '$(ps -o stat= -p "$bpid")', alternate $(tm_var '#{alternate_on}')" "$(tm_last)"
	fi
	if [ "$(last_paste_mode)" = l ]; then
		pass "Ctrl-Z: bracketed paste is off while byline is stopped"
	else
		fail "Ctrl-Z: bracketed paste is off while byline is stopped" \
		    "last paste mode sequence: '$(last_paste_mode)'"
	fi
	tm_type 'clear; stty -a | grep -o -- "-*ixon"'
	tm_keys Enter
	expect "Ctrl-Z: flow control (ixon) is the shell's again while byline is stopped" '^ixon$'
	# (clear: what the shell prints when byline stops again is new)
	tm_type 'clear; fg'
	tm_keys Enter
	if tm_wait "^ $TITLE .*[0-9]+%" 10 && tm_wait "^┌ Article.*┐\$" &&
	    [ "$(tm_var '#{alternate_on}')" = 1 ]; then
		pass "fg: byline redraws the article"
	else
		fail "fg: byline redraws the article" "no article after fg" "$(tm_last)"
	fi
	if [ "$(last_paste_mode)" = h ]; then
		pass "fg: bracketed paste is on again"
	else
		fail "fg: bracketed paste is on again" "last paste mode sequence: '$(last_paste_mode)'"
	fi
	tm_keys G
	if tm_wait "^ $TITLE .*100%" 10; then
		pass "fg: keys work again (G reaches 100%)"
	else
		fail "fg: keys work again (G reaches 100%)" "no 100%" "$(tm_last)"
	fi
	# the same with SIGTSTP sent by kill, then fg
	kill -TSTP "$bpid"
	if tm_wait '^\[1\] \+ Stopped' 10 && tm_wait '^PROMPT\$ *$' && tm_restored &&
	    [ "$(ps -o stat= -p "$bpid" | cut -c1)" = T ]; then
		pass "kill -TSTP: byline stops, the terminal restored"
	else
		fail "kill -TSTP: byline stops, the terminal restored" \
		    "stat '$(ps -o stat= -p "$bpid")', alternate $(tm_var '#{alternate_on}')" "$(tm_last)"
	fi
	tm_type 'clear; fg'
	tm_keys Enter
	tm_keys k
	if tm_wait "^ $TITLE .*[0-9]+%" 10 && tm_wait "^┌ Article.*┐\$" &&
	    [ "$(tm_var '#{alternate_on}')" = 1 ]; then
		pass "kill -TSTP, then fg: the screen is redrawn after a key"
	else
		fail "kill -TSTP, then fg: the screen is redrawn after a key" "no article" "$(tm_last)"
	fi
	tm_keys q
	tm_wait '^PROMPT\$ *$' 10
	if [ "$(last_paste_mode)" = l ]; then
		pass "q: bracketed paste is off after byline"
	else
		fail "q: bracketed paste is off after byline" "last paste mode sequence: '$(last_paste_mode)'"
	fi
	tm_type 'echo EXIT=$?'
	tm_keys Enter
	if tm_wait '^EXIT=0' 10 && tm_restored; then
		pass "fg: q quits with status 0, the terminal restored"
	else
		fail "fg: q quits with status 0, the terminal restored" "no EXIT=0" "$(tm_last)"
	fi
else
	fail "Ctrl-Z: byline runs in an interactive shell" "the shell never prompted" "$(tm_last)"
fi
tm_stop

# ---- SIGSTOP, then fg, from an interactive bash ----

# SIGSTOP cannot be caught: bash takes the terminal back in its own modes
# (readline), and on fg (SIGCONT) byline must put its modes back and
# repaint, or keys echo and wait for Enter (the Enter then opens an article).
if command -v bash >/dev/null; then
	{
		echo '#!/bin/sh'
		printf 'exec env -i PATH=/usr/local/bin:/usr/bin:/bin HOME=%s TERM=tmux-256color LANG=C.UTF-8' \
		    "$(shq "$HOME")"
		printf ' XDG_CACHE_HOME=%s PS1=%s bash --norc --noprofile -i\n' "$(shq "$XDG_CACHE_HOME")" \
		    "$(shq 'PROMPT$ ')"
	} >"$T/bash.sh"
	tm_n=$((tm_n + 1))
	tm start-server \; set -g remain-on-exit on \; set -g status off \; \
	    new-session -d -s t -x 100 -y 30 "exec sh $(shq "$T/bash.sh")"
	tm_wait '^PROMPT\$' 10
	tm_type "$BYLINE --state $(shq "$STATE") $(shq "$ART/long.md")"
	tm_keys Enter
	tm_wait "^ $TITLE .*[0-9]+%" 10
	bpid=$(pgrep -P "$(tm_var '#{pane_pid}')" | head -n 1)
	kill -STOP "$bpid"
	if tm_wait 'Stopped' 10 && tm_wait 'PROMPT\$ *$' 5 && [ "$(ps -o stat= -p "$bpid" | cut -c1)" = T ]; then
		pass "kill -STOP: byline stops"
	else
		fail "kill -STOP: byline stops" "stat '$(ps -o stat= -p "$bpid")'" "$(tm_last)"
	fi
	tm_type 'clear; fg'
	tm_keys Enter
	tm_wait "^ $TITLE " 10
	tm_keys g
	tm_wait "^ $TITLE .* 0%" 10
	tm_keys G
	if tm_wait "^ $TITLE .*100%" 10 && tm_wait "^┌ Article.*┐\$" 5 && ! tm_screen | grep -q 'Gg\|gG'; then
		pass "kill -STOP, then fg: the reader's modes are back (keys act at once, no echo), repainted"
	else
		fail "kill -STOP, then fg: the reader's modes are back (keys act at once, no echo), repainted" \
		    "G did not reach 100%" "$(tm_last)"
		tm_keys Enter	# a cooked terminal: let the keys through
	fi
	tm_keys q
	tm_wait '^PROMPT\$ *$' 10
	tm_type 'echo EXIT=$?'
	tm_keys Enter
	if tm_wait '^EXIT=0' 10 && tm_restored; then
		pass "kill -STOP, fg, q: status 0, the terminal restored"
	else
		fail "kill -STOP, fg, q: status 0, the terminal restored" "no EXIT=0" "$(tm_last)"
	fi
	tm_stop
else
	skip "kill -STOP, then fg" "no bash here (the interactive shell that takes the terminal back)"
fi

# ---- a stray SIGCONT ----

# (SIGTSTP sent with kill is tested above from the interactive shell: without
# job control there is nobody to continue a stopped reader, and the kernel
# drops stop signals to an orphaned process group.)
tm_start 100 30 "$ART/long.md"
tm_wait "^ $TITLE .*[0-9]+%" 10
pid=$(tm_pid)
kill -CONT "$pid"
tm_keys G
if tm_wait "^ $TITLE .*100%" 10 && tm_wait "^┌ Article.*┐\$"; then
	pass "SIGCONT while running: keys still work, the screen is intact"
else
	fail "SIGCONT while running: keys still work, the screen is intact" "no 100%" "$(tm_last)"
fi
tm_keys q
if tm_wait_exit 10 && [ "$TM_EXIT" = 0 ]; then
	pass "SIGCONT while running: q quits, status 0"
else
	fail "SIGCONT while running: q quits, status 0" "status '$TM_EXIT'" "$(tm_last)"
fi
tm_stop

# ---- SIGTERM and SIGHUP ----

for sig in TERM HUP; do
	rm -f "$STATE"
	tm_start 100 30 "$ART/long.md"
	tm_wait "^ $TITLE .*[0-9]+%" 10
	tm_keys j j j j j j j j j j
	tm_wait "^ $TITLE .*[1-9][0-9]*%"
	pid=$(tm_pid)
	kill -$sig "$pid"
	if tm_wait_exit 10; then
		case $sig in TERM) want=143 ;; HUP) want=129 ;; esac
		if [ "$TM_EXIT" = 0 ] || [ "$TM_EXIT" = $want ]; then
			pass "SIG$sig: byline exits (status $TM_EXIT)"
		else
			fail "SIG$sig: byline exits" "status $TM_EXIT, not 0 or $want"
		fi
	else
		fail "SIG$sig: byline exits" "still running after 10 s" "$(tm_screen)"
		kill -9 "$pid" 2>/dev/null
	fi
	if tm_wait '^BYLINE-DONE' && tm_restored; then
		pass "SIG$sig: the terminal is restored (normal screen, cursor shown, no mouse)"
	else
		fail "SIG$sig: the terminal is restored" \
		    "alternate $(tm_var '#{alternate_on}'), cursor $(tm_var '#{cursor_flag}')" "$(tm_last)"
	fi
	p=$(long_position)
	if grep -q "^$KEY r " "$STATE" 2>/dev/null && [ -n "$p" ] && [ "$p" -gt 0 ]; then
		pass "SIG$sig: the read mark and the reading position ($p) are saved"
	else
		fail "SIG$sig: the read mark and the reading position are saved" "state:" \
		    "$(cat "$STATE" 2>/dev/null)"
	fi
	tm_stop
done

# ---- flow control: Ctrl-S and Ctrl-Q are keys ----

mkdir -p "$XDG_CONFIG_HOME/byline"
printf 'keys:\n  quit: Ctrl-Q\n' >"$XDG_CONFIG_HOME/byline/config.yaml"
TM_AFTER='stty -a | grep -o -- "-*ixon"' tm_start 100 30 "$ART"
tm_wait "^ byline — " 10
tm_keys C-s
tm_keys '?'
expect "Ctrl-S: the screen is not frozen (flow control off), ? still shows the help" '┌ Help: '
tm_keys Escape
tm_keys C-q
if tm_wait_exit 10 && [ "$TM_EXIT" = 0 ]; then
	pass "Ctrl-Q (bound to quit in the config) quits"
else
	fail "Ctrl-Q (bound to quit in the config) quits" "status '$TM_EXIT'" "$(tm_last)"
	tm_keys q
fi
expect "after byline, flow control (ixon) is on again" '^ixon$'
rm -f "$XDG_CONFIG_HOME/byline/config.yaml"
tm_stop

# ---- no pane border left on the shell's screen after a resize ----

# tmux, resized while the alternate screen is up, brings some of its rows
# back onto the normal screen when it is left: leave it blank, as less does.
tm_start 80 24 "$ART/long.md"
tm_wait "^ $TITLE .*[0-9]+%" 10
tm_resize 120 40
tm_wait "^┌ Article.*┐.*┐\$" 10
tm_keys q
tm_wait '^BYLINE-DONE' 10
tm capture-pane -e -p -S - -E - -t t 2>/dev/null | tm_plain >"$T/all"
if tm_wait '^BYLINE-DONE' 5 && ! grep -q '[│┌┐└┘─]' "$T/all" && ! grep -q "$TITLE" "$T/all"; then
	pass "80x24, resized to 120x40, q: nothing of the reader is left on the shell's screen"
else
	fail "80x24, resized to 120x40, q: nothing of the reader is left on the shell's screen" \
	    "the screen and its history:" "$(grep -v '^$' "$T/all" | head -n 15)"
fi
tm_stop

# ---- a crash puts the terminal back ----

for sig in SEGV BUS; do
	TM_AFTER='stty -a | tr " " "\n" | grep -x -e -icanon -e -echo | tr "\n" " "; echo MODES-SEEN' \
	    tm_start 100 30 "$ART/long.md"
	tm_wait "^ $TITLE .*[0-9]+%" 10
	kill -$sig "$(tm_pid)"
	if tm_wait_exit 10 && [ "$TM_EXIT" != 0 ] && tm_wait '^BYLINE-DONE' 5 && tm_restored &&
	    tm_wait 'MODES-SEEN' 5 && ! tm_screen | grep -q -e '-icanon' -e '-echo'; then
		pass "SIG$sig (a crash): the terminal is put back (normal screen, cursor, no mouse, cooked) (status $TM_EXIT)"
	else
		fail "SIG$sig (a crash): the terminal is put back" \
		    "status '$TM_EXIT', alternate $(tm_var '#{alternate_on}'), cursor $(tm_var '#{cursor_flag}')" \
		    "$(tm_screen)"
	fi
	tm_stop
done

# ---- SIGPIPE: byline list | head -1 ----

MANY=$T/many
mkdir -p "$MANY"
(cd "$MANY" && awk 'BEGIN { for (i = 0; i < 3000; i++) { f = sprintf("a%04d.md", i)
    printf "---\ntitle: Article %d, a title long enough to fill a pipe quickly\ndate: 2020-01-01\n---\n\nBody.\n", i > f
    close(f) } }')
for cache in off on; do
	{
		BYLINE_CACHE=$([ $cache = off ] && echo off) "$BYLINE" --state "$STATE" list "$MANY" \
		    2>"$T/pipe.err"
		echo $? >"$T/pipe.rc"
	} | head -n 1 >"$T/pipe.out"
	prc=$?
	brc=$(cat "$T/pipe.rc")
	if [ $prc -eq 0 ] && [ "$(wc -l <"$T/pipe.out")" -eq 1 ] && [ ! -s "$T/pipe.err" ] &&
	    { [ "$brc" -eq 0 ] || [ "$brc" -eq 141 ]; }; then
		pass "byline list | head -1 (3,000 articles, cache $cache): one line, no noise (byline status $brc)"
	else
		fail "byline list | head -1 (3,000 articles, cache $cache): one line, no noise" \
		    "pipeline $prc, byline $brc, $(wc -l <"$T/pipe.out") lines" "$(cat "$T/pipe.err")"
	fi
done

finish
