#!/bin/sh
# terminal-death.sh: a reader whose terminal goes away ends, saving its
# read mark and reading position, whether or not a SIGHUP comes (issue 12
# defect 0, issue 16 item 9). The terminal is a tmux pane, killed with its
# server (as a closed window or a dropped ssh connection is); the reader
# runs under:
#   - make (as "make run" does): make dies of the hangup and does not pass
#     it on, so the reader's reads fail with EIO and no SIGHUP comes;
#   - a shell that ignores SIGHUP: no SIGHUP reaches anyone but it;
#   - setsid -w: the pane is not its controlling terminal at all;
#   - nothing (the pane's own process): it gets the SIGHUP.
# A reader that survives its terminal spins at 40-100% CPU forever: each
# check waits 10 s for the process to end, then kills it.
. tests/e2e/lib.sh
TM_SOCKET=terminal-death-$$
require_byline

ART=$T/art
copy_long "$ART"
KEY=$LONG_KEY
TITLE=$LONG_TITLE

# start_under HOW: a tmux session whose pane runs the reader on the article
# under HOW (make, nohup-shell, setsid, plain), HOW's process being the
# pane's own (the session leader, which the hangup reaches); the reader's
# pid goes to $T/pid (it writes it itself, just before it becomes the reader).
start_under() {
	rm -f "$T/pid" "$STATE"
	{
		echo '#!/bin/sh'
		printf 'echo $$ >%s\n' "$(shq "$T/pid")"
		printf 'exec env -i PATH=/usr/local/bin:/usr/bin:/bin HOME=%s XDG_CACHE_HOME=%s TERM=tmux-256color LANG=C.UTF-8 %s --state %s %s\n' \
		    "$(shq "$HOME")" "$(shq "$XDG_CACHE_HOME")" "$(shq "$BYLINE")" "$(shq "$STATE")" \
		    "$(shq "$ART/long.md")"
	} >"$T/reader.sh"
	case $1 in
	make)
		printf 'run:\n\tsh %s\n\t@echo reader done\n' "$(shq "$T/reader.sh")" >"$T/Makefile"
		cmd="exec make -s -f $(shq "$T/Makefile") run" ;;
	nohup-shell)
		cmd="exec sh -c $(shq "trap '' HUP; sh $(shq "$T/reader.sh"); echo reader done")" ;;
	setsid)
		cmd="exec setsid -w sh $(shq "$T/reader.sh")" ;;
	plain)
		cmd="exec sh $(shq "$T/reader.sh")" ;;
	esac
	tm_n=$((tm_n + 1))	# a server of its own, which lib.sh's cleanup kills
	tm start-server \; set -g status off \; new-session -d -s t -x 100 -y 30 "$cmd"
}

for how in make nohup-shell setsid plain; do
	if [ "$how" = make ] && ! command -v make >/dev/null; then
		skip "$how: the terminal goes away" "no make here"
		continue
	fi
	if [ "$how" = setsid ] && ! command -v setsid >/dev/null; then
		skip "$how: the terminal goes away" "no setsid here (util-linux)"
		continue
	fi
	start_under $how
	if ! tm_wait "^ $TITLE .*[0-9]+%" 10; then
		fail "$how: the reader starts" "no article on screen" "$(tm_last)"
		tm_stop
		continue
	fi
	tm_keys Space Space Space
	tm_wait "^ $TITLE .*[1-9][0-9]*%" 10
	pid=$(cat "$T/pid" 2>/dev/null)
	# the terminal goes away: the pane, its window, its server
	tm_stop
	if pid_gone "$pid"; then
		pass "$how: the terminal goes away, the reader ends"
	else
		fail "$how: the terminal goes away, the reader ends" \
		    "still running 10 s later: $(ps -o stat=,pcpu=,time= -p "$pid" 2>/dev/null)"
		kill -9 "$pid" 2>/dev/null
	fi
	p=$(long_position)
	if grep -q "^$KEY r " "$STATE" 2>/dev/null && [ -n "$p" ] && [ "$p" -gt 0 ]; then
		pass "$how: the read mark and the reading position ($p) are saved"
	else
		fail "$how: the read mark and the reading position are saved" "state:" \
		    "$(cat "$STATE" 2>/dev/null)"
	fi
done

finish
