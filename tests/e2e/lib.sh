# tests/e2e/lib.sh: what every end-to-end script shares. Source it from the
# repository root:  . tests/e2e/lib.sh
# $BYLINE is the binary under test (default: $PWD/build/byline).
#
# Results: one line per check, "PASS: name" or "FAIL: name: why", details
# indented under a FAIL ("    | ..."); finish() prints a summary and exits 1
# when anything failed. Scripts are POSIX sh (dash).
#
# Hermetic: everything happens in $T (mktemp -d), removed on exit. HOME and
# the XDG folders point into it, the read marks live in $STATE (also
# $BYLINE_STATE), and the reader runs on private tmux servers (-f /dev/null;
# -L $TM_SOCKET-N, a new one for each session; TM_SOCKET defaults to
# byline-test-PID; the sockets in $T), all killed on exit.
#
# Files: copy_seed DIR [NAME] (prints the copy's path), copy_library DIR (the
# six bundled articles), copy_long DIR and long_position (the long article,
# $LONG, $LONG_KEY, $LONG_TITLE), $FIXTURES (tests/fixtures/e2e), $SEED_TITLE;
# require_byline; shq STRING (shell-quoted); $ESC, $TAB, $BEL.
#
# The reader in tmux (one session at a time):
#   tm_start COLS ROWS [ARGS...]  run $BYLINE --state $STATE ARGS... in a new
#       session of that size. The environment is exactly: PATH, HOME, XDG_*,
#       BYLINE_STATE, TERM=$TM_TERM (default tmux-256color), LANG=$TM_LANG
#       (default C.UTF-8; empty: LANG left unset), and the assignments in
#       $TM_ENV. After byline ends, the pane's shell prints
#       "BYLINE-EXIT=STATUS", runs $TM_AFTER (shell text) if set, prints
#       "BYLINE-DONE" and stays (so the terminal state can be inspected).
#       Everything byline writes to the terminal is appended to $T/raw.
#   tm_keys KEY...        tmux send-keys (key names: Enter, Escape, C-c, Tab, BTab)
#   tm_type TEXT          send TEXT literally
#   tm_click X Y, tm_wheel up|down X Y   mouse reports (X10), from column/row 0
#   tm_screen             the screen now as plain text (capture-pane -e, then
#                         attributes dropped and VT100 line drawing as Unicode)
#   tm_wait REGEX [SECS]  poll (every 20 ms, 10 s by default) until the screen
#                         matches the extended regex; 1 on timeout. The last
#                         capture is kept in $T/screen (tm_last prints it).
#   tm_wait_gone REGEX [SECS]  until it no longer matches
#   tm_wait_body REGEX [SECS]  until the body text, lines joined, matches
#   tm_wait_top REGEX [SECS]   until the first line of the body matches
#   tm_sync               wait until every key sent so far has been handled
#   tm_wait_exit [SECS]   until byline has ended (seen in $T/raw); its status
#                         in $TM_EXIT
#   tm_restored           the terminal is given back: normal screen, cursor, no mouse
#   pid_gone PID [SECS]   until the process has ended
#   tm_flush_raw          wait until $T/raw holds all byline wrote (after exit)
#   raw_has STRING        did the terminal receive these bytes?
#   tm_status             the bottom line of the screen
#   $SGR, sgr_with ATTR   regexes for attributes in tm capture-pane -e output
#   tm_body               the article body's lines (inside the Article box
#                         when the side panes are shown, else the screen
#                         less the status line), margins trimmed
#   tm_body_flat          tm_body joined into one line, spaces folded
#   tm_snap, tm_wait_scrolled N [SECS]  remember the body; wait until it has
#                         moved by N rows (N > 0: down) from what was remembered
#   tm_resize COLS ROWS   resize the window (resize-window; works detached)
#   tm_pid                the byline process id
#   tm_stop               end the tmux server
#   tm_var FORMAT         tmux display -p FORMAT (e.g. '#{alternate_on}')
#
# As another user: unprivileged CMD... (as nobody when root), can_drop,
# open_up DIR... (let nobody through the folders of $T).
#
# Checks:
#   pass NAME; fail NAME WHY [DETAIL]; skip NAME WHY; check NAME CMD [ARGS...]
#   expect NAME REGEX [SECS]       tm_wait, then pass or fail with the screen
#   expect_gone NAME REGEX [SECS]
#   expect_body NAME REGEX [SECS]  tm_wait_body, then pass or fail
#   expect_exit0 NAME              tm_wait_exit, then pass if the status is 0
#   finish                          exit 1 if any check failed

set -u

BYLINE=${BYLINE:-$PWD/build/byline}
E2E_ROOT=$PWD
FIXTURES=$E2E_ROOT/tests/fixtures/e2e
E2E_NAME=$(basename "$0" .sh)

e2e_passed=0
e2e_failed=0
e2e_skipped=0

T=$(mktemp -d "${TMPDIR:-/tmp}/byline-e2e-$E2E_NAME.XXXXXX") || exit 2
TM_SOCKET=byline-test-$$
tm_n=0		# sessions started; session N runs on its own server, $TM_SOCKET-N

e2e_cleanup() {
	while [ "$tm_n" -gt 0 ]; do
		tmux -L "$TM_SOCKET-$tm_n" -f /dev/null kill-server >/dev/null 2>&1
		tm_n=$((tm_n - 1))
	done
	rm -rf "$T"
}
trap 'e2e_cleanup' EXIT
trap 'e2e_cleanup; exit 130' INT
trap 'e2e_cleanup; exit 143' TERM HUP

# Nothing may touch the real home or state.
HOME=$T/home
XDG_STATE_HOME=$T/home/.local/state
XDG_DATA_HOME=$T/home/.local/share
XDG_CONFIG_HOME=$T/home/.config
XDG_CACHE_HOME=$T/home/.cache
XDG_RUNTIME_DIR=$T/run
STATE=$T/state/read
BYLINE_STATE=$STATE
mkdir -p "$HOME" "$XDG_STATE_HOME" "$XDG_DATA_HOME" "$XDG_CONFIG_HOME" "$XDG_CACHE_HOME" \
    "$T/state" "$T/run"
chmod 700 "$T/run"
export HOME XDG_STATE_HOME XDG_DATA_HOME XDG_CONFIG_HOME XDG_CACHE_HOME XDG_RUNTIME_DIR \
    BYLINE_STATE
unset BYLINE_ARTICLES NO_COLOR LC_ALL LC_CTYPE LC_MESSAGES 2>/dev/null
LANG=C.UTF-8
SHELL=/bin/sh
# tmux's sockets go in $T too, and go with it
TMUX_TMPDIR=$T
unset TMUX TMUX_PANE 2>/dev/null
export LANG SHELL TMUX_TMPDIR

ESC=$(printf '\033')
TAB=$(printf '\t')
BEL=$(printf '\007')
# Extended regexes over capture-pane -e output: any SGR sequence, and one that
# sets attribute $1 (7 reverse, 4 underline, 1 bold, 4[0-7] a background...),
# alone or among others ("\033[0;7m").
SGR="${ESC}\\[[0-9;]*m"
sgr_with() {
	printf '%s' "${ESC}\\[([0-9]*;)*($1)(;[0-9]*)*m"
}

# ---- results ----

pass() {
	e2e_passed=$((e2e_passed + 1))
	printf 'PASS: %s\n' "$1"
}

# fail NAME WHY [DETAIL]: DETAIL (a screen, some output) is printed indented.
fail() {
	e2e_failed=$((e2e_failed + 1))
	printf 'FAIL: %s: %s\n' "$1" "$2"
	if [ $# -ge 3 ] && [ -n "$3" ]; then
		printf '%s\n' "$3" | sed 's/^/    | /'
	fi
}

# skip NAME WHY: a check that cannot run here, and why. tests/run counts
# and lists every skip; a skip is never a pass.
skip() {
	e2e_skipped=$((e2e_skipped + 1))
	printf 'SKIP: %s: %s\n' "$1" "$2"
}

# check NAME CMD [ARGS...]: pass when CMD succeeds.
check() {
	e2e_name=$1
	shift
	if "$@"; then
		pass "$e2e_name"
	else
		fail "$e2e_name" "failed: $*"
	fi
}

finish() {
	printf '%s: %d passed, %d failed, %d skipped\n' "$E2E_NAME" "$e2e_passed" "$e2e_failed" \
	    "$e2e_skipped"
	[ "$e2e_failed" -eq 0 ]
	exit $?
}

# shq STRING: STRING quoted for the shell.
shq() {
	printf "'%s'" "$(printf '%s' "$1" | sed "s/'/'\\\\''/g")"
}

# require_byline: stop the script (one FAIL) if there is no binary to test.
require_byline() {
	if [ ! -x "$BYLINE" ]; then
		fail "binary" "no executable at BYLINE=$BYLINE (build it with make)"
		finish
	fi
}

# copy_seed DIR [NAME]: the bundled seed article copied into DIR; prints its path.
SEED_SRC=$E2E_ROOT/articles/2022-03-04-nato-ready-blinken.md
SEED_TITLE="NATO Ready for War With Russia if it Comes, Blinken Says: 'We Will Defend Every Inch'"
copy_seed() {
	mkdir -p "$1"
	cp "$SEED_SRC" "$1/${2:-2022-03-04-nato-ready-blinken.md}"
	printf '%s\n' "$1/${2:-2022-03-04-nato-ready-blinken.md}"
}

# copy_long DIR: the bundled long article (the Harlow Fen school: 46
# quotes, several screens) copied into DIR as long.md; sets LONG (its path),
# LONG_KEY (its read-mark key) and LONG_TITLE. long_position prints the
# reading position $STATE holds for it.
copy_long() {
	mkdir -p "$1"
	LONG=$1/long.md
	LONG_KEY=id:sample-harlow-fen-school
	LONG_TITLE='The school at the end of the lane'
	cp "$E2E_ROOT/articles/2021-11-22-harlow-fen-school.md" "$LONG"
	grep -q "^id: ${LONG_KEY#id:}\$" "$LONG" ||
	    fail "fixture" "articles/2021-11-22-harlow-fen-school.md no longer has the id $LONG_KEY"
}
long_position() {
	sed -n "s/^$LONG_KEY [ru] \\([0-9]*\\)\$/\\1/p" "$STATE" 2>/dev/null
}

# copy_library DIR: the six bundled articles copied into DIR.
copy_library() {
	mkdir -p "$1"
	cp "$E2E_ROOT"/articles/*.md "$1/"
}

# ---- subcommands ----

# run CMD [ARGS...]: stdout to $OUT, stderr to $ERR, status in $RC (a test
# may define its own run; OUT and ERR stay).
OUT=$T/out
ERR=$T/err
run() {
	"$@" >"$OUT" 2>"$ERR"
	RC=$?
}
# both: the status, stdout and stderr of the last run, for a FAIL's detail.
both() {
	printf -- '--- status %s\n--- stdout:\n%s\n--- stderr:\n%s' "$RC" "$(head -c 3000 "$OUT")" \
	    "$(head -c 3000 "$ERR")"
}
# B ARGS...: byline with the test's own read-mark file.
B() {
	"$BYLINE" --state "$STATE" "$@"
}

# ---- the reader in tmux ----

TM_TERM=${TM_TERM:-tmux-256color}
TM_LANG=${TM_LANG-C.UTF-8}
TM_ENV=${TM_ENV:-}
TM_AFTER=${TM_AFTER:-}
TM_EXIT=

tm() {
	tmux -L "$TM_SOCKET-$tm_n" -f /dev/null "$@"
}

tm_stop() {
	tm kill-server >/dev/null 2>&1
	return 0
}

tm_start() {
	tm_cols=$1
	tm_rows=$2
	shift 2
	tm_stop
	# a new server for each session: no race with the one just killed
	tm_n=$((tm_n + 1))
	TM_EXIT=
	rm -f "$T/go" "$T/byline.pid"
	: >"$T/raw"
	{
		echo '#!/bin/sh'
		printf 'echo $$ >%s\n' "$(shq "$T/byline.pid")"
		printf 'exec env -i'
		for tm_kv in PATH=/usr/local/bin:/usr/bin:/bin "HOME=$HOME" \
		    "XDG_STATE_HOME=$XDG_STATE_HOME" "XDG_DATA_HOME=$XDG_DATA_HOME" \
		    "XDG_CONFIG_HOME=$XDG_CONFIG_HOME" "XDG_CACHE_HOME=$XDG_CACHE_HOME" \
		    "BYLINE_STATE=$STATE" "TERM=$TM_TERM"; do
			printf ' %s' "$(shq "$tm_kv")"
		done
		[ -n "$TM_LANG" ] && printf ' %s' "$(shq "LANG=$TM_LANG")"
		for tm_kv in $TM_ENV; do
			printf ' %s' "$(shq "$tm_kv")"
		done
		printf ' %s --state %s' "$(shq "$BYLINE")" "$(shq "$STATE")"
		for tm_kv in "$@"; do
			printf ' %s' "$(shq "$tm_kv")"
		done
		echo
	} >"$T/run.sh"
	# The pane waits for $T/go so that pipe-pane sees every byte byline writes.
	# The shell outlives a Ctrl-C (a handler, not SIG_IGN, so byline does not
	# inherit it) to report byline's status, as an interactive shell would.
	tm_cmd="trap : INT; while [ ! -f $(shq "$T/go") ]; do sleep 0.01; done; sh $(shq "$T/run.sh");"
	# After byline the pane stays alive (a dead pane's cursor is hidden by
	# tmux), so the terminal state byline left behind can be inspected.
	tm_cmd="$tm_cmd echo BYLINE-EXIT=\$?; ${TM_AFTER:+$TM_AFTER;} echo BYLINE-DONE; exec sleep 3600"
	tm start-server \; set -g remain-on-exit on \; set -g default-shell /bin/sh \; \
	    set -g status off \; set -g set-clipboard on \; \
	    new-session -d -s t -x "$tm_cols" -y "$tm_rows" "$tm_cmd" || return 1
	tm pipe-pane -O -t t "cat >>$(shq "$T/raw")"
	: >"$T/go"
}

tm_keys() {
	tm send-keys -t t "$@"
}

tm_type() {
	tm send-keys -t t -l "$1"
}

# tm_plain: a capture-pane -e capture on stdin as plain text: attributes
# dropped, and line-drawing characters (sent with the VT100 alternate
# character set, shown by tmux between SO and SI) as the Unicode box
# characters, so that every TERM gives the same text.
tm_plain() {
	LC_ALL=C awk -v esc="$ESC" '
		BEGIN {
			split("j ┘ k ┐ l ┌ m └ n ┼ q ─ t ├ u ┤ v ┴ w ┬ x │ ~ ·", m, " ")
			for (i = 1; i < 26; i += 2) acs[m[i]] = m[i + 1]
			so = sprintf("%c", 14); si = sprintf("%c", 15)
		}
		{
			gsub(esc "\\[[0-9;:]*m", "")
			out = ""
			n = length($0)
			for (i = 1; i <= n; i++) {
				c = substr($0, i, 1)
				if (c == so) on = 1
				else if (c == si) on = 0
				else if (on && (c in acs)) out = out acs[c]
				else out = out c
			}
			sub(/ +$/, "", out)
			print out
		}'
}

# tm_mouse CODE X Y: an X10 mouse report (CSI M) at column X, row Y (from 0),
# as a terminal sends it: CODE 0 press, 3 release, 64 wheel up, 65 wheel down.
tm_mouse() {
	tm_keys -l "${ESC}[M$(printf "\\$(printf '%03o' $((32 + $1)))\\$(printf '%03o' $((33 + $2)))\\$(printf '%03o' $((33 + $3)))")"
}
tm_click() {
	tm_mouse 0 "$1" "$2"
	tm_mouse 3 "$1" "$2"
}
tm_wheel() {	# tm_wheel up|down X Y
	case $1 in up) tm_mouse 64 "$2" "$3" ;; *) tm_mouse 65 "$2" "$3" ;; esac
}

tm_screen() {
	tm capture-pane -e -p -t t 2>/dev/null | tm_plain
}

tm_var() {
	tm display -p -t t "$1" 2>/dev/null
}

tm_pid() {
	cat "$T/byline.pid" 2>/dev/null
}

tm_resize() {
	tm resize-window -t t -x "$1" -y "$2"
}

tm_status() {
	tm_screen | tail -n 1
}

# The body's lines from a capture on stdin: the text between the first two
# "│" when the screen shows the bordered Article pane, else every line but
# the status line; the one-column margin trimmed.
tm_body_of() {
	awk -v bar='│' '
		NR == 1 { wide = index($0, "┌ Article") == 1 }
		{ line[NR] = $0 }
		END {
			for (i = 1; i < NR; i++) {
				s = line[i]
				if (wide) {
					if (i == 1) continue
					p = index(s, bar)
					if (p != 1) break	# the bottom border
					s = substr(s, p + length(bar))
					p = index(s, bar)
					if (p > 0) s = substr(s, 1, p - 1)
				}
				sub(/^ +/, "", s)
				sub(/ +$/, "", s)
				print s
			}
		}'
}

tm_body() {
	tm_screen | tm_body_of
}

tm_body_flat() {
	tm_body | tr '\n' ' ' | tr -s ' '
}

# e2e_deadline SECS: the time (date +%s) until which to wait at least SECS
# seconds (whole-second clock: one more, unless SECS is 0: look once).
e2e_deadline() {
	if [ "$1" -gt 0 ]; then
		echo $(($(date +%s) + $1 + 1))
	else
		date +%s
	fi
}

# tm_poll MODE REGEX SECS: the loop behind the tm_wait family.
tm_poll() {
	tm_mode=$1
	tm_re=$2
	tm_end=$(e2e_deadline "${3:-10}")
	while :; do
		tm_screen >"$T/screen"
		case $tm_mode in
		screen) grep -Eq -- "$tm_re" "$T/screen" && return 0 ;;
		gone) grep -Eq -- "$tm_re" "$T/screen" || return 0 ;;
		body) tm_body_of <"$T/screen" | tr '\n' ' ' | tr -s ' ' | grep -Eq -- "$tm_re" && return 0 ;;
		top) tm_body_of <"$T/screen" | head -n 1 | grep -Eq -- "$tm_re" && return 0 ;;
		esac
		[ "$(date +%s)" -ge "$tm_end" ] && return 1
		sleep 0.02
	done
}

tm_wait() { tm_poll screen "$1" "${2:-10}"; }
tm_wait_gone() { tm_poll gone "$1" "${2:-10}"; }
tm_wait_body() { tm_poll body "$1" "${2:-10}"; }
tm_wait_top() { tm_poll top "$1" "${2:-10}"; }

# tm_sync: make sure every key sent so far has been handled: open the help
# (?) and close it again (Esc); keys are read in order.
tm_sync() {
	tm_keys '?'
	tm_wait '┌ Help: ' || return 1
	tm_keys Escape
	tm_wait_gone '┌ Help: '
}

# tm_snap: remember the body now; tm_wait_scrolled N [SECS]: until the body
# shows the remembered one moved by N rows (N > 0: down), then remember that.
tm_snap() {
	tm_body >"$T/snap"
}
tm_wait_scrolled() {
	ts_n=$(wc -l <"$T/snap")
	if [ "$1" -gt 0 ]; then
		tail -n +$(($1 + 1)) "$T/snap" >"$T/snap.want"
	else
		head -n $((ts_n + $1)) "$T/snap" >"$T/snap.want"
	fi
	tm_end=$(e2e_deadline "${2:-10}")
	while :; do
		tm_screen >"$T/screen"
		tm_body_of <"$T/screen" >"$T/snap.now"
		if [ "$1" -gt 0 ]; then
			head -n $((ts_n - $1)) "$T/snap.now" >"$T/snap.part"
		else
			tail -n +$((1 - $1)) "$T/snap.now" >"$T/snap.part"
		fi
		if [ "$(wc -l <"$T/snap.now")" -eq "$ts_n" ] && cmp -s "$T/snap.want" "$T/snap.part"; then
			cp "$T/snap.now" "$T/snap"
			return 0
		fi
		[ "$(date +%s)" -ge "$tm_end" ] && break
		sleep 0.02
	done
	cp "$T/snap.now" "$T/snap"
	return 1
}

# The screen last seen by a wait, for failure messages.
tm_last() {
	cat "$T/screen" 2>/dev/null
}

# tm_restored: the pane is back on the normal screen, the cursor shown, no
# mouse reporting (what byline leaves behind).
tm_restored() {
	[ "$(tm_var '#{alternate_on}')" = 0 ] && [ "$(tm_var '#{cursor_flag}')" = 1 ] &&
	    [ "$(tm_var '#{mouse_any_flag}')" = 0 ]
}

# pid_gone PID [SECS]: wait until the process has ended (10 s by default);
# 1 when it still runs then.
pid_gone() {
	pg_end=$(e2e_deadline "${2:-10}")
	while kill -0 "$1" 2>/dev/null; do
		[ "$(date +%s)" -ge "$pg_end" ] && return 1
		sleep 0.05
	done
	return 0
}

tm_wait_exit() {
	tm_end=$(e2e_deadline "${1:-10}")
	while :; do
		TM_EXIT=$(LC_ALL=C sed -n 's/.*BYLINE-EXIT=\([0-9][0-9]*\).*/\1/p' "$T/raw" 2>/dev/null |
		    head -n 1)
		[ -n "$TM_EXIT" ] && return 0
		[ "$(date +%s)" -ge "$tm_end" ] && break
		sleep 0.02
	done
	tm_screen >"$T/screen"
	return 1
}

# tm_flush_raw: wait until everything byline wrote has reached $T/raw (the
# shell's BYLINE-EXIT line comes after it).
tm_flush_raw() {
	tm_end=$(e2e_deadline 10)
	while ! grep -q 'BYLINE-EXIT=' "$T/raw" 2>/dev/null; do
		[ "$(date +%s)" -ge "$tm_end" ] && return 1
		sleep 0.02
	done
}

# raw_has STRING: did the terminal receive STRING (bytes, fixed string)?
raw_has() {
	LC_ALL=C grep -F -q -- "$1" "$T/raw"
}

expect() {
	if tm_wait "$2" "${3:-10}"; then
		pass "$1"
	else
		fail "$1" "screen never showed /$2/" "$(tm_last)"
	fi
}

expect_exit0() {
	if tm_wait_exit && [ "$TM_EXIT" = 0 ]; then
		pass "$1"
	else
		fail "$1" "status '$TM_EXIT'" "$(tm_last)"
	fi
}

expect_gone() {
	if tm_wait_gone "$2" "${3:-10}"; then
		pass "$1"
	else
		fail "$1" "screen still shows /$2/" "$(tm_last)"
	fi
}

expect_body() {
	if tm_wait_body "$2" "${3:-10}"; then
		pass "$1"
	else
		fail "$1" "the body never showed /$2/" "$(tm_last)"
	fi
}

# ---- running as somebody else ----

# unprivileged CMD [ARGS...]: run CMD as user nobody (65534) when the test
# runs as root, whom file permissions do not stop (setpriv, else su); as
# the user running the test otherwise. The files CMD touches must be
# reachable by nobody: see open_up. Returns 125 when root cannot become
# nobody here (then skip, saying so).
unprivileged() {
	if [ "$(id -u)" -ne 0 ]; then
		"$@"
		return
	fi
	if command -v setpriv >/dev/null &&
	    setpriv --reuid=65534 --regid=65534 --clear-groups true 2>/dev/null; then
		setpriv --reuid=65534 --regid=65534 --clear-groups -- "$@"
		return
	fi
	if command -v su >/dev/null && su nobody -s /bin/sh -c true 2>/dev/null; then
		su nobody -s /bin/sh -c '"$0" "$@"' -- "$@"
		return
	fi
	return 125
}

# can_drop: can this test run commands with a user's permissions (as a user
# already, or as root able to become nobody)?
can_drop() {
	[ "$(id -u)" -ne 0 ] || unprivileged true
}

# open_up DIR...: let anyone through DIR and the folders of $T above it
# (mktemp made $T 0700), for a command run unprivileged.
open_up() {
	for ou_d in "$@"; do
		while :; do
			chmod o+x "$ou_d" 2>/dev/null
			case $ou_d in "$T"|/|.) break ;; esac
			ou_d=$(dirname "$ou_d")
		done
	done
	chmod o+x "$T"
}
