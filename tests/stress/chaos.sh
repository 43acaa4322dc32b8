#!/bin/sh
# chaos.sh: the reader abused as real life does (issue 16), replayed: the
# terminal dying in every form, files changing under it, storms of keys,
# pastes and resizes, tiny sizes, odd terminal types, devices and FIFOs in
# the library. Each scenario must end well: no crash (a sanitizer build
# reports any), no hang, no process left spinning, the terminal given back,
# the read marks loading clean. Run from the repository root ("make chaos";
# BYLINE=build/asan/byline for a sanitizer run); prints PASS/FAIL/SKIP
# lines like the e2e tests. Not part of "make test" (a few minutes); the
# defects it found each have a test there (terminal-death.sh,
# terminal-life.sh, reader-abuse.sh, cli-output.sh, test_cache,
# test_readstate).
#
# Sizes (environment):
#   CHAOS_KEYS    keys in each storm (default 5000)
#   CHAOS_BIG     files in the big folder (default 20000)
. tests/e2e/lib.sh
TM_SOCKET=chaos-$$
require_byline

KEYS=${CHAOS_KEYS:-5000}
BIG=${CHAOS_BIG:-20000}

LIB=$T/lib
copy_library "$LIB"
touch -d '2020-01-01 00:00' "$LIB"/*.md
ART=$LIB/2021-11-22-harlow-fen-school.md
TITLE='The school at the end of the lane'
LIBHEAD="^ byline — [0-9]+ article"

# marks_clean: the state file loads without a warning. Prints what is wrong.
marks_clean() {
	"$BYLINE" --state "$STATE" list "$LIB" >/dev/null 2>"$T/mc.err" || echo "list failed"
	[ -s "$T/mc.err" ] && echo "list warned: $(head -c 200 "$T/mc.err")"
}

# survives NAME: the reader still runs and answers (the help opens), then
# Ctrl-C ends it with status 0, the terminal restored, the marks clean.
# (Readers here open articles from the library: Esc, q, h and Left go back
# to it, where they quit nothing.)
survives() {
	s_pid=$(tm_pid)
	if ! kill -0 "$s_pid" 2>/dev/null; then
		tm_wait_exit 1
		fail "$1" "the reader is gone (status '$TM_EXIT')" "$(tm_screen)"
		return
	fi
	tm_keys Escape Escape
	tm_keys '?'
	if ! tm_wait '┌ Help: ' 20; then
		fail "$1" "no answer to ? within 20 s ($(ps -o pcpu= -p "$s_pid")% CPU)" "$(tm_last)"
		kill -9 "$s_pid" 2>/dev/null
		return
	fi
	tm_keys C-c
	if tm_wait_exit 10 && [ "$TM_EXIT" = 0 ] && tm_wait '^BYLINE-DONE' 5 && tm_restored &&
	    [ -z "$(marks_clean)" ]; then
		pass "$1"
	else
		fail "$1" "status '$TM_EXIT', alternate $(tm_var '#{alternate_on}'), marks: $(marks_clean)" \
		    "$(tm_screen)"
	fi
}

# storm N: N random keys from the reader's keys (none that quit from the
# library, suspend or start a program), as one burst.
storm() {
	awk -v n="$1" -v seed="$(od -An -N4 -tu4 /dev/urandom)" -v esc="$ESC" '
	BEGIN {
		srand(seed)
		split("j k g G b r u U J K [ ] n N P C c 1 2 3 h l / ? x z 0", k, " ")
		nk = 0; for (i in k) nk++
		s[1] = esc "[A"; s[2] = esc "[B"; s[3] = esc "[5~"; s[4] = esc "[6~"
		s[5] = esc "[H"; s[6] = esc "[F"; s[7] = "\r"; s[8] = esc; s[9] = "\t"
		s[10] = sprintf("%c", 127); s[11] = " "; s[12] = esc "[M" sprintf("%c%c%c", 32, 40, 40)
		s[13] = esc "[M" sprintf("%c%c%c", 96, 50, 45); s[14] = sprintf("%c", 4)
		s[15] = sprintf("%c", 21); s[16] = sprintf("%c", 12)
		for (i = 0; i < n; i++) {
			r = rand()
			if (r < 0.8) printf "%s", k[1 + int(rand() * nk)]
			else printf "%s", s[1 + int(rand() * 16)]
		}
	}'
}

# open_article: from the library, open the first article and wait for it.
open_article() {
	tm_wait "$LIBHEAD" 10
	tm_keys Enter
	tm_wait '% *(read)?$' 10
}

# ---- terminal death, in every form ----

# reader_script FILE: a script running the reader on FILE that writes its pid
# to $T/pid first.
reader_script() {
	{
		echo '#!/bin/sh'
		printf 'echo $$ >%s\n' "$(shq "$T/pid")"
		printf 'exec env -i PATH=/usr/local/bin:/usr/bin:/bin HOME=%s XDG_CACHE_HOME=%s TERM=tmux-256color LANG=C.UTF-8 %s --state %s %s\n' \
		    "$(shq "$HOME")" "$(shq "$XDG_CACHE_HOME")" "$(shq "$BYLINE")" "$(shq "$STATE")" "$(shq "$1")"
	} >"$T/reader.sh"
}

for how in plain nohup-shell setsid; do
	for where in library article help prompt storm; do
		rm -f "$T/pid"
		reader_script "$([ $where = article ] && echo "$ART" || echo "$LIB")"
		case $how in
		plain) cmd="exec sh $(shq "$T/reader.sh")" ;;
		nohup-shell) cmd="exec sh -c $(shq "trap '' HUP; sh $(shq "$T/reader.sh"); :")" ;;
		setsid) cmd="exec setsid -w sh $(shq "$T/reader.sh")" ;;
		esac
		tm_n=$((tm_n + 1))
		tm start-server \; set -g status off \; new-session -d -s t -x 100 -y 30 "$cmd"
		tm_wait "$LIBHEAD|% *(read)?\$" 10
		case $where in
		help) tm_keys '?'; tm_wait '┌ Help: ' 10 ;;
		prompt) tm_keys /; tm_type 'half typ'; tm_wait '^filter: half typ' 10 ;;
		storm) tm_type "$(storm "$KEYS")" ;;
		esac
		pid=$(cat "$T/pid" 2>/dev/null)
		tm_stop
		if [ -n "$pid" ] && pid_gone "$pid"; then
			pass "terminal gone ($how, in the $where): the reader ends"
		else
			fail "terminal gone ($how, in the $where): the reader ends" \
			    "still running: $(ps -o stat=,pcpu= -p "$pid" 2>/dev/null)"
			kill -9 "$pid" 2>/dev/null
		fi
	done
done
why=$(marks_clean)
if [ -z "$why" ]; then
	pass "terminal gone, 15 times: the marks load clean"
else
	fail "terminal gone, 15 times: the marks load clean" "$why"
fi

for sig in TERM HUP INT; do
	tm_start 100 30 "$ART"
	tm_wait "^ $TITLE " 10
	tm_keys Space Space
	kill -$sig "$(tm_pid)"
	if tm_wait_exit 10 && tm_wait '^BYLINE-DONE' 5 && tm_restored; then
		pass "SIG$sig in the article: ends (status $TM_EXIT), the terminal restored"
	else
		fail "SIG$sig in the article: ends, the terminal restored" "status '$TM_EXIT'" "$(tm_screen)"
	fi
	tm_stop
done

# stop and continue, again and again, while keys come
tm_start 100 30 "$LIB"
tm_wait "$LIBHEAD" 10
i=0
while [ $i -lt 20 ]; do
	kill -STOP "$(tm_pid)"
	tm_type "jk"
	kill -CONT "$(tm_pid)"
	i=$((i + 1))
done
survives "SIGSTOP/SIGCONT x20 while keys come: the reader answers, quits cleanly"
tm_stop

# SIGKILL while marking: the marks always load clean
i=0
bad=
while [ $i -lt 10 ]; do
	tm_start 100 30 "$LIB"
	tm_wait "$LIBHEAD" 10
	tm_type "rjrjrkrkrjr"
	kill -9 "$(tm_pid)"
	tm_wait_exit 10
	why=$(marks_clean)
	[ -n "$why" ] && { bad=$why; break; }
	tm_stop
	i=$((i + 1))
done
tm_stop
if [ -z "$bad" ]; then
	pass "SIGKILL x10 while marking: the marks always load clean"
else
	fail "SIGKILL x10 while marking: the marks always load clean" "$bad"
fi

# ---- files changing underneath ----

W=$T/work
reset_work() {
	rm -rf "$W"
	copy_library "$W"
	touch -d '2020-01-01 00:00' "$W"/*.md
}

reset_work
tm_start 120 30 "$W"
open_article
rm -f "$W/2022-03-04-nato-ready-blinken.md"
tm_keys j G r g ] ] '['
survives "the open article deleted, keys pressed"
tm_stop

reset_work
tm_start 120 30 "$W"
tm_wait "$LIBHEAD" 10
tm_keys Enter
tm_wait '% *(read)?$' 10
head -c 1000000 /dev/urandom >"$W/2022-03-04-nato-ready-blinken.md"
tm_keys q Enter G g J K
survives "the open article overwritten with 1 MB of junk, closed, opened again"
tm_stop

reset_work
tm_start 120 30 "$W"
tm_wait "$LIBHEAD" 10
rm -rf "$W"
tm_keys Enter Left j Enter Left r
survives "the whole library deleted under the reader, rows opened"
tm_stop

for what in truncate scribble delete folder; do
	reset_work
	rm -rf "$XDG_CACHE_HOME/byline"
	B list "$W" >/dev/null 2>&1
	tm_start 120 30 "$W"
	tm_wait "$LIBHEAD" 10
	for f in "$XDG_CACHE_HOME"/byline/index-*; do
		case $what in
		truncate) : >"$f" ;;
		scribble) head -c "$(wc -c <"$f")" /dev/urandom >"$f.new"; cat "$f.new" >"$f"; rm -f "$f.new" ;;
		delete) rm -f "$f" ;;
		folder) rm -f "$f"; mkdir "$f" ;;
		esac
	done
	tm_keys j j r Enter q k
	survives "the cache ${what}d under the reader"
	tm_stop
	tm_start 120 30 "$W"
	if tm_wait "^ byline — 6 articles" 10; then
		pass "the cache ${what}d: the next reader starts"
	else
		fail "the cache ${what}d: the next reader starts" "no library" "$(tm_last)"
	fi
	tm_keys q
	tm_wait_exit 10
	tm_stop
	rm -rf "$XDG_CACHE_HOME/byline"
done

for what in garbage delete folder symlink-to-dev-null empty; do
	rm -rf "$STATE" "$STATE".*
	B mark-read "$LIB"/2021*.md >/dev/null 2>&1
	tm_start 120 30 "$LIB"
	tm_wait "$LIBHEAD" 10
	case $what in
	garbage) head -c 3000 /dev/urandom >"$STATE" ;;
	delete) rm -f "$STATE" ;;
	folder) rm -f "$STATE"; mkdir "$STATE" ;;
	symlink-to-dev-null) rm -f "$STATE"; ln -s /dev/null "$STATE" ;;
	empty) : >"$STATE" ;;
	esac
	tm_keys r j r j r
	if [ "$what" = folder ] || [ "$what" = symlink-to-dev-null ]; then
		expect "the state file made a $what under the reader: r says the marks cannot be saved" \
		    'could not save read marks'
		tm_keys Escape
	fi
	s_pid=$(tm_pid)
	tm_keys Escape '?'
	if tm_wait '┌ Help: ' 10; then
		tm_keys C-c
		tm_wait_exit 10
	fi
	if [ "$TM_EXIT" = 0 ] && tm_wait '^BYLINE-DONE' 5 && tm_restored; then
		pass "the state file made $what under the reader: it goes on, quits cleanly"
	else
		fail "the state file made $what under the reader: it goes on, quits cleanly" "status '$TM_EXIT'" \
		    "$(tm_screen)"
		kill -9 "$s_pid" 2>/dev/null
	fi
	tm_stop
	rm -rf "$STATE"
done

# a file size limit stands in for a full disk: every save fails
TM_ENV= tm_start 120 30 "$LIB"
tm_stop
{
	echo '#!/bin/sh'
	echo 'ulimit -f 0'
	printf 'exec sh %s\n' "$(shq "$T/run.sh")"
} >"$T/limited.sh"
tm_n=$((tm_n + 1))
: >"$T/raw"
: >"$T/go"
tm start-server \; set -g remain-on-exit on \; set -g status off \; new-session -d -s t -x 120 -y 30 \
    "trap '' XFSZ; sh $(shq "$T/limited.sh"); echo BYLINE-EXIT=\$?; echo BYLINE-DONE; exec sleep 3600"
tm pipe-pane -O -t t "cat >>$(shq "$T/raw")"
tm_wait "$LIBHEAD" 10
tm_keys r
expect "writes fail (file size limit 0): the reader says the marks could not be saved" 'could not save'
tm_keys j r Enter q q
if tm_wait_exit 10 && tm_wait '^BYLINE-DONE' 5 && tm_restored; then
	pass "writes fail: the reader goes on and quits (status $TM_EXIT), the terminal restored"
else
	fail "writes fail: the reader goes on and quits" "status '$TM_EXIT'" "$(tm_screen)"
fi
tm_stop

# ---- storms ----

for where in library article help; do
	tm_start 120 30 "$LIB"
	tm_wait "$LIBHEAD" 10
	[ $where = article ] && open_article
	[ $where = help ] && tm_keys '?'
	tm_type "$(storm "$KEYS")"
	survives "$KEYS random keys in the $where: the reader answers, quits cleanly"
	tm_stop
done

awk 'BEGIN { srand(3); for (i = 0; i < 1500; i++) { s = ""
    for (k = 0; k < 12; k++) s = s sprintf("%c", 33 + int(rand() * 94)) " "
    print s s } }' | head -c 102400 >"$T/paste.txt"
for where in library article filter search; do
	tm_start 120 30 "$LIB"
	tm_wait "$LIBHEAD" 10
	case $where in article | search) open_article ;; esac
	case $where in filter | search) tm_keys / ;; esac
	tm load-buffer "$T/paste.txt"
	tm paste-buffer -p -t t
	survives "a 100 KB paste in the $where: the reader answers, quits cleanly"
	tm_stop
done

tm_start 120 30 "$LIB"
open_article
i=0
while [ $i -lt 300 ]; do
	x=$(($(od -An -N2 -tu2 /dev/urandom) % 120))
	y=$(($(od -An -N2 -tu2 /dev/urandom) % 30))
	case $((i % 3)) in 0) tm_click "$x" "$y" ;; 1) tm_wheel up "$x" "$y" ;; 2) tm_wheel down "$x" "$y" ;; esac
	i=$((i + 1))
done
survives "300 random clicks and wheel turns in the article"
tm_stop

tm_start 120 30 "$LIB"
open_article
i=0
while [ $i -lt 100 ]; do
	tm_resize $((1 + (i * 37) % 200)) $((1 + (i * 13) % 60))
	tm_type "$(storm 20)"
	i=$((i + 1))
done
tm_resize 120 30
survives "100 resizes (1x1 to 200x60) with keys between them"
tm_stop

# ---- tiny sizes ----

for size in "1 1" "2 2" "3 1" "1 40" "200 3" "10 5"; do
	set -- $size
	tm_start "$1" "$2" "$LIB"
	tm_keys Enter j G g ] Tab C Q P '?' / x Escape Escape Escape
	tm_type "$(storm 200)"
	tm_resize 100 30
	survives "opened at $1x$2, keys pressed, then 100x30"
	tm_stop
done

# ---- odd terminal types ----

for term in dumb nosuchterm vt100 vt220 linux xterm-mono screen ansi xterm-color rxvt; do
	if [ "$term" != nosuchterm ] && [ "$term" != dumb ] && ! infocmp "$term" >/dev/null 2>&1; then
		skip "TERM=$term" "no terminfo entry for it here"
		continue
	fi
	# (ncurses loads libgpm for the console's mouse, which leaks 10 bytes that
	# a sanitizer build would report, on main as here: not byline's)
	lsan=
	[ $term = linux ] && lsan=ASAN_OPTIONS=detect_leaks=0
	TM_ENV=$lsan TM_TERM=$term tm_start 100 30 "$LIB"
	case $term in
	dumb | nosuchterm)
		[ $term = dumb ] && why='cannot move the cursor' || why='cannot use the terminal type'
		if tm_wait "$why" 10 && tm_wait_exit 10 && [ "$TM_EXIT" = 1 ]; then
			pass "TERM=$term: refused ($why), status 1"
		else
			fail "TERM=$term: refused ($why), status 1" "status '$TM_EXIT'" "$(tm_last)"
		fi ;;
	*)
		tm_wait "byline — " 10
		tm_keys j Enter
		tm_wait "% *(read)?\$" 10
		tm_keys G Tab ] q q
		if tm_wait_exit 10 && [ "$TM_EXIT" = 0 ] && [ "$(tm_var '#{cursor_flag}')" = 1 ]; then
			pass "TERM=$term: opens, an article, q q: status 0, cursor back"
		else
			fail "TERM=$term: opens, an article, q q: status 0, cursor back" "status '$TM_EXIT'" \
			    "$(tm_screen)"
		fi ;;
	esac
	tm_stop
done

# ---- devices and FIFOs in the library ----

D=$T/devs
mkdir -p "$D"
cp "$ART" "$D/good.md"
mkfifo "$D/fifo.md"
ln -s /dev/zero "$D/zero.md"
ln -s /dev/null "$D/null.md"
ln -s /dev/urandom "$D/random.md"
ln -s /dev/tty "$D/tty.md"
mkdir "$D/folder.md"
ln -s nowhere "$D/dangling.md"
ln -s loop2.md "$D/loop1.md"
ln -s loop1.md "$D/loop2.md"
ln -s . "$D/self"
if command -v python3 >/dev/null; then
	python3 -c 'import socket, sys; s = socket.socket(socket.AF_UNIX); s.bind(sys.argv[1])' "$D/socket.md"
fi
run timeout 30 "$BYLINE" --state "$STATE" list "$D"
if [ "$RC" -eq 0 ] && grep -q 'good\.md' "$OUT"; then
	pass "list of a folder of devices, FIFOs and loops: ends, lists the article (status 0)"
else
	fail "list of a folder of devices, FIFOs and loops: ends, lists the article" "status $RC" "$(both)"
fi
tm_start 120 30 "$D"
tm_wait "$LIBHEAD" 20
i=0
while [ $i -lt 12 ]; do
	tm_keys Enter
	tm_keys Left	# back from an article; nothing in the library, where a row would not open
	tm_keys j
	i=$((i + 1))
done
survives "the reader on devices, FIFOs and loops: every row opened"
tm_stop
rm -f "$D/fifo.md"

BIGD=$T/big
mkdir -p "$BIGD"
(cd "$BIGD" && awk -v n="$BIG" 'BEGIN { for (i = 0; i < n; i++) { f = sprintf("a%05d.md", i)
    printf "---\ntitle: Article %d\ndate: 2020-01-%02d\n---\n\nBody.\n", i, 1 + i % 28 > f; close(f) } }')
run timeout 60 "$BYLINE" --state "$STATE" list "$BIGD"
if [ "$RC" -eq 0 ] && [ "$(wc -l <"$OUT")" -eq "$BIG" ]; then
	pass "list of $BIG files in one folder: all listed"
else
	fail "list of $BIG files in one folder: all listed" "status $RC, $(wc -l <"$OUT") lines"
fi
tm_start 120 30 "$BIGD"
tm_wait "^ byline — $BIG articles" 30
tm_keys G g /
tm_type 'Article 1999'
tm_keys Enter Enter
survives "the reader on $BIG files in one folder"
tm_stop

finish
