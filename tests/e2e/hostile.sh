#!/bin/sh
# hostile.sh: hostile articles (issue 5). Every file in tests/fixtures/hostile
# and every file tests/fixtures/hostile/generate.sh makes (10 MB lines,
# 200,000 paragraphs, a 300 MB file, a FIFO, links to nothing, ...) goes
# through check, list, show, quotes and people: each must end normally
# (status 0, or 1 with a message naming the file), in time, and write no raw
# control byte, no invalid UTF-8 and no bidi control to stdout or stderr.
# Then the reader opens each one in tmux: the raw bytes it writes to the
# terminal (pipe-pane) must hold none of the article's escape sequences,
# while the screen shows their placeholders.
. tests/e2e/lib.sh
TM_SOCKET=hostile-$$
require_byline

HOSTILE=$E2E_ROOT/tests/fixtures/hostile
BIG=$T/big
mkdir -p "$BIG"
if sh "$HOSTILE/generate.sh" "$BIG" >"$T/gen.err" 2>&1; then
	pass "generate.sh makes the big hostile files"
else
	fail "generate.sh makes the big hostile files" "generate.sh failed" "$(cat "$T/gen.err")"
fi

LIMIT=${HOSTILE_TIMEOUT:-30}

# Byte patterns (LC_ALL=C grep). C0 controls but tab and newline, and DEL.
P_C0=$(printf '[\001-\010\013-\037\177]')
P_C1=$(printf '\302[\200-\237]')
P_BIDI1=$(printf '\342\200[\216\217\252-\256]')
P_BIDI2=$(printf '\342\201[\246-\251]')
P_ALM=$(printf '\330\234')

# dirty FILE: print what is wrong with the bytes of FILE (nothing if clean).
dirty() {
	if [ "$(tr -cd '\000' <"$1" | wc -c)" -gt 0 ]; then
		echo "a NUL byte"
	elif LC_ALL=C grep -q "$P_C0" "$1"; then
		echo "a raw C0 control or DEL byte: $(LC_ALL=C grep -o "$P_C0" "$1" | head -n 1 | od -An -c)"
	else
		dirty_text "$1"
	fi
}

# dirty_text FILE: what is wrong with FILE as text, past the control bytes:
# invalid UTF-8, C1 controls, bidirectional controls (nothing if clean).
dirty_text() {
	if ! iconv -f UTF-8 -t UTF-8 <"$1" >/dev/null 2>&1; then
		echo "invalid UTF-8 (a raw 8-bit byte such as 0x9b, an overlong form or a surrogate)"
	elif LC_ALL=C grep -q "$P_C1" "$1"; then
		echo "a C1 control (U+0080..U+009F) encoded in UTF-8"
	elif LC_ALL=C grep -q -e "$P_BIDI1" -e "$P_BIDI2" -e "$P_ALM" "$1"; then
		echo "a bidirectional control (U+202A..U+202E, U+2066..U+2069, U+200E/F, U+061C)"
	fi
}

# shown FILE: FILE's first 2000 bytes made printable, for a failure message.
shown() {
	head -c 2000 "$1" | od -c | head -n 40
}

# run CMD FILE: byline CMD FILE with a time limit; $RC its status.
run() {
	timeout "$LIMIT" "$BYLINE" --state "$STATE" "$1" "$2" >"$OUT" 2>"$ERR" </dev/null
	RC=$?
}

# The name a file is reported under: its base name up to the first byte
# that is not plain ASCII (hostile names are sanitised when printed).
label() {
	basename "$1" | head -n 1 | LC_ALL=C sed 's/[^ -~].*//'
}

# contains NAME FILE STRING...: pass when FILE holds every STRING (fixed).
contains() {
	c_name=$1
	c_file=$2
	shift 2
	for c_s in "$@"; do
		if ! LC_ALL=C grep -F -q -- "$c_s" "$c_file"; then
			fail "$c_name" "no '$c_s' in the output" "$(head -c 1500 "$c_file")"
			return 1
		fi
	done
	pass "$c_name"
}

# run_all FILE: the five commands on FILE; generic checks for each.
run_all() {
	ra_file=$1
	ra_name=$(label "$ra_file")
	for ra_cmd in check list show quotes people; do
		run "$ra_cmd" "$ra_file"
		ra_t="$ra_name: $ra_cmd"
		if LC_ALL=C grep -q -e 'ERROR: AddressSanitizer' -e 'ERROR: LeakSanitizer' -e 'runtime error:' "$ERR"; then
			fail "$ra_t" "a sanitizer report (status $RC)" "$(head -c 3000 "$ERR")"
			continue
		fi
		if [ "$RC" -eq 124 ]; then
			fail "$ra_t" "still running after ${LIMIT}s (a hang?)"
			continue
		fi
		if [ "$RC" -ge 128 ]; then
			fail "$ra_t" "killed by signal $((RC - 128))" "$(head -c 1500 "$ERR")"
			continue
		fi
		if [ "$RC" -gt 1 ]; then
			fail "$ra_t" "exit status $RC (0 or 1 expected)" "$(head -c 1500 "$ERR")"
			continue
		fi
		if [ "$RC" -eq 1 ] && ! LC_ALL=C grep -q "$ra_name.*error" "$OUT" "$ERR"; then
			fail "$ra_t" "exit status 1 without an error naming the file" \
			    "$(head -c 1500 "$OUT"; head -c 1500 "$ERR")"
			continue
		fi
		ra_bad=
		for ra_f in "$OUT" "$ERR"; do
			ra_why=$(dirty "$ra_f")
			if [ -n "$ra_why" ]; then
				ra_bad="${ra_f##*/} holds $ra_why"
				ra_detail=$(shown "$ra_f")
				break
			fi
		done
		if [ -n "$ra_bad" ]; then
			fail "$ra_t" "$ra_bad" "$ra_detail"
			continue
		fi
		pass "$ra_t: status $RC, no raw control bytes"
	done
}

# ---- every small fixture: the generic checks ----

for f in "$HOSTILE"/*.md "$HOSTILE"/*.txt; do
	[ -f "$f" ] || continue
	run_all "$f"
done

# ---- what byline says about each (specific checks) ----

# status NAME CMD FILE WANT [REGEX]: CMD FILE ends with status WANT and, if
# given, its stdout or stderr matches REGEX (extended).
status() {
	st_name=$1
	run "$2" "$3"
	if [ "$RC" -ne "$4" ]; then
		fail "$st_name" "status $RC, not $4" "$(head -c 1000 "$OUT"; head -c 1000 "$ERR")"
	elif [ $# -ge 5 ] && ! cat "$OUT" "$ERR" | LC_ALL=C grep -Eq -- "$5"; then
		fail "$st_name" "output does not match /$5/" "$(head -c 1000 "$OUT"; head -c 1000 "$ERR")"
	else
		pass "$st_name"
	fi
}

H=$HOSTILE
Y='^[[2J^[[6;66H^[]0;HOSTILE-TITLE^G^[]52;c;SE9TVElMRQ==^G^G<U+009B>31m^?<U+202E>'

run list "$H/fields-escaped.md"
contains "fields-escaped: list shows title and source with placeholders" "$OUT" \
    "Title $Y gnp.exe" "Source $Y"
run show "$H/fields-escaped.md"
contains "fields-escaped: show: every field and the body with placeholders" "$OUT" \
    "Title $Y gnp.exe" "Subtitle $Y with a NUL" "Source $Y" "By Author $Y and <U+202E>Evil Author" \
    "Photo: Image title $Y" "Caption $Y Mallory Keys" "Credit: Credit $Y" "Update 04/15/21 $Y: Note $Y" \
    "a^Hb^Hc" "DEL ^?, BEL ^G"
run people "$H/fields-escaped.md"
contains "fields-escaped: people: names and roles with placeholders" "$OUT" \
    "Mallory $Y Keys	Role $Y" "Trent Hostile	Spokesman $Y"
run quotes "$H/fields-escaped.md"
contains "fields-escaped: quotes: speaker and quotation, C1 and bidi as placeholders" "$OUT" \
    "Trent Hostile	We will " "<U+009B>31m" "<U+202E> defend every inch of it,"
status "fields-escaped: check finds nothing wrong" check "$H/fields-escaped.md" 0

status "fields-raw: raw controls in the YAML are a warning" check "$H/fields-raw.md" 0 \
    'fields-raw\.md:2:12: warning: control character U\+001B in front matter'
run list "$H/fields-raw.md"
contains "fields-raw: list still shows the title" "$OUT" "HOSTILE-TITLE" "<U+202E> title"

run show "$H/body-controls.txt"
contains "body-controls: show: every C0 and C1 control as a placeholder" "$OUT" \
    '^@^A^B^C^D^E^F^G^H ^K^L^M^N^O^P^Q^R^S^T^U^V^W^X^Y^Z^[^\^]^^^_^?' \
    '<U+0080><U+0081><U+0082><U+0083><U+0084><U+0085><U+0086><U+0087><U+0088><U+0089><U+008A><U+008B><U+008C><U+008D><U+008E><U+008F><U+0090><U+0091><U+0092><U+0093><U+0094><U+0095><U+0096><U+0097><U+0098><U+0099><U+009A><U+009B><U+009C><U+009D><U+009E><U+009F>' \
    '^[P1;2|secret^[\' '<U+009D>0;HOSTILE-C1<U+009C>' 'CR alone^Mmoves'
run list "$H/body-controls.txt"
contains "body-controls: list: the title guessed from a hostile first line" "$OUT" \
    "^[[2J^[[6;66H^[]0;HOSTILE-TITLE^G" "first line is the title"

run list "$H/bidi.md"
contains "bidi: list: overrides and isolates as placeholders" "$OUT" \
    "<U+202E>eltit desrever <U+2067>Isolated<U+2069> title" "<U+202D>Source<U+202C>"
run show "$H/bidi.md"
contains "bidi: show: all twelve bidi controls as placeholders" "$OUT" \
    "<U+202A><U+202B><U+202C><U+202D><U+202E><U+2066><U+2067><U+2068><U+2069><U+200E><U+200F><U+061C>" \
    "invoice<U+202E>fdp.exe"
run people "$H/bidi.md"
contains "bidi: people: the front matter name keeps its placeholder" "$OUT" "Rhoda <U+202E>Snevets	<U+2066>role<U+2069>"

run show "$H/bad-utf8.md"
contains "bad-utf8: show: bad bytes as U+FFFD" "$OUT" "$(printf 'Bad: \357\277\275 \357\277\275 ')"
status "bad-utf8-yaml: invalid UTF-8 in the YAML is a warning at its place" check "$H/bad-utf8-yaml.md" 0 \
    'bad-utf8-yaml\.md:2:13: warning: invalid UTF-8 in front matter'
run list "$H/surrogates.txt"
contains "surrogates: list: encoded surrogates as U+FFFD" "$OUT" "$(printf 'Surrogates \357\277\275')"
run show "$H/surrogates.txt"
contains "surrogates: show: overlong NUL and slash as U+FFFD" "$OUT" \
    "$(printf 'Overlong NUL \357\277\275')"

run people "$H/zero-width.md"
contains "zero-width: people: the person with zero-width characters in the name" "$OUT" "Wi"
run quotes "$H/unclosed-quotes.md"
contains "unclosed-quotes: 10,000 open marks: the speaker still found" "$OUT" "Quincy Open	we "
run quotes "$H/unclosed-quotes-paras.md"
if [ "$RC" -eq 0 ] && [ "$(wc -l <"$OUT")" -le 10000 ]; then
	pass "unclosed-quotes-paras: 10,000 paragraphs opening quotes: at most one quote each"
else
	fail "unclosed-quotes-paras: 10,000 paragraphs opening quotes: at most one quote each" \
	    "status $RC, $(wc -l <"$OUT") lines"
fi

for d in deep-flow-seq deep-flow-map deep-block-seq deep-unbalanced; do
	status "$d: 10,000 levels: an error at the level over 64" check "$H/$d.md" 1 \
	    "$d\\.md:[34]:[0-9]+: error: front matter is nested deeper than 64 levels"
	run list "$H/$d.md"
	contains "$d: still listed (as broken, under its file name)" "$OUT" "	$d	$H/$d.md"
done
status "billion-laughs: an error, not a hang" check "$H/billion-laughs.md" 1 \
    'billion-laughs\.md:7:11: error: front matter expands too many aliases'
status "alias-self: an alias inside its own anchor is an error" check "$H/alias-self.md" 1 \
    'alias-self\.md:3:14: error: an alias refers to a node that contains it'
run people "$H/alias-merge.md"
contains "alias-merge: merge keys give people, with placeholders" "$OUT" "Anchor Person	^[[2J role"
status "only-opening: '---' alone is a never-closed error" check "$H/only-opening.md" 1 \
    "only-opening\\.md:1:1: error: front matter opened with '---' is never closed"
status "nul-in-front-matter: a warning at the NUL" check "$H/nul-in-front-matter.md" 0 \
    'nul-in-front-matter\.md:2:11: warning: control character U\+0000'
run show "$H/all-nul.md"
contains "all-nul: 4096 NUL bytes shown as ^@" "$OUT" '^@^@^@^@^@^@^@^@'
status "yaml-odd: wrong types are warnings at their keys" check "$H/yaml-odd.md" 0 \
    'yaml-odd\.md:8:1: warning: authors must be a list of strings'
run people "$H/people-edge.md"
contains "people-edge: 1,000 front matter people, empty and odd names survive" "$OUT" \
    "Person 7 Name	role 7" "Person 999 Name	role 999"

# ---- the generated files ----

if [ -f "$BIG/paras-200k.md" ]; then
	for f in "$BIG"/*; do
		run_all "$f"
	done

	status "line-10mb: check: a 10 MB line is fine" check "$BIG/line-10mb.md" 0
	run show "$BIG/line-10mb.md"
	if [ "$RC" -eq 0 ] && [ "$(wc -c <"$OUT")" -gt 10485760 ]; then
		pass "line-10mb: show prints all 10 MB"
	else
		fail "line-10mb: show prints all 10 MB" "status $RC, $(wc -c <"$OUT") bytes"
	fi
	run show "$BIG/line-10mb-words.txt"
	if [ "$RC" -eq 0 ] && [ "$(sed -n 3p "$OUT" | LC_ALL=C grep -o 'said Ann Long' | wc -l)" -eq 338251 ]; then
		pass "line-10mb-words: show prints every word"
	else
		fail "line-10mb-words: show prints every word" "status $RC"
	fi
	run show "$BIG/paras-200k.md"
	if [ "$RC" -eq 0 ] && [ "$(grep -c '^Paragraph [0-9]*, said Para Graph\.$' "$OUT")" -eq 200000 ]; then
		pass "paras-200k: show prints 200,000 paragraphs"
	else
		fail "paras-200k: show prints 200,000 paragraphs" "status $RC, $(grep -c '^Paragraph' "$OUT")"
	fi
	run people "$BIG/paras-200k.md"
	contains "paras-200k: people counts 200,000 mentions" "$OUT" "Para Graph		200000	"
	status "sparse-300mb: check: too large" check "$BIG/sparse-300mb.md" 1 \
	    'sparse-300mb\.md: error: file is too large \(300 MiB; the limit is 256 MiB\)'
	status "sparse-300mb: show: too large, exit 1" show "$BIG/sparse-300mb.md" 1 'too large'
	status "sparse-300mb: list: its front matter still listed" list "$BIG/sparse-300mb.md" 0 \
	    'Three hundred megabytes'
	status "front-matter-2mb: check: over the front matter limit" check "$BIG/front-matter-2mb.md" 1 \
	    'front-matter-2mb\.md:.*error: front matter is longer than 1024 KiB'
	status "unclosed-2mb: check: not closed within the limit" check "$BIG/unclosed-2mb.md" 1 \
	    "unclosed-2mb\\.md:1:1: error: front matter opened with '---' is not closed within 1024 KiB"
	status "aliases-under: 190,000 aliases load" check "$BIG/aliases-under.md" 0
	status "aliases-over: 250,000 aliases are an error" check "$BIG/aliases-over.md" 1 \
	    'aliases-over\.md:4:[0-9]+: error: front matter expands too many aliases'
	status "deep-indent: 1,000 indented levels: error at 64" check "$BIG/deep-indent.md" 1 \
	    'deep-indent\.md:[0-9]+:[0-9]+: error: front matter is nested deeper than 64 levels'
	status "empty: check says so" check "$BIG/empty.md" 1 'empty\.md: error: file is empty'
	status "fifo: check says it is a FIFO (and does not block)" check "$BIG/fifo.md" 1 \
	    'fifo\.md: error: is a FIFO, not a regular file'
	status "fifo: show says it is a FIFO (and does not block)" show "$BIG/fifo.md" 1 \
	    'fifo\.md: error: is a FIFO'
	status "dangling: show names the dangling link" show "$BIG/dangling.md" 1 \
	    'dangling\.md: error: dangling symbolic link'
	status "loop: show names the link loop" show "$BIG/loop.md" 1 \
	    'loop\.md: error: too many levels of symbolic links'
	status "device: show refuses /dev/zero" show "$BIG/device.md" 1 \
	    'device\.md: error: is not a regular file'
	status "dir.md: show refuses a folder" show "$BIG/dir.md" 1 'dir\.md: error: is a directory'
	run list "$BIG"
	n_ctl=$(LC_ALL=C grep -c 'Hostile file name	.*ctl-^\[\[2J-^\[\]0;HOSTILE-PATH^G-.*<U+009B>-<U+202E>gnp\.md$' "$OUT")
	n_nl=$(LC_ALL=C grep -c "$(printf 'Newline file name\t')" "$OUT")
	bad_fields=$(awk -F '\t' 'NF != 5' "$OUT" | wc -l)
	if [ "$RC" -le 1 ] && [ "$n_ctl" -eq 1 ] && [ "$n_nl" -eq 1 ] && [ "$bad_fields" -eq 0 ]; then
		pass "list of the generated folder: hostile file names sanitised, one 5-field line each"
	else
		fail "list of the generated folder: hostile file names sanitised, one 5-field line each" \
		    "status $RC, ctl $n_ctl, newline $n_nl, lines without 5 fields $bad_fields" "$(cat -v "$OUT")"
	fi
	run check "$BIG"
	if [ "$RC" -eq 1 ] && [ -z "$(dirty "$OUT")" ] && [ -z "$(dirty "$ERR")" ] &&
	    grep -q 'fifo\.md: error' "$OUT" && grep -q 'sparse-300mb\.md: error' "$OUT"; then
		pass "check of the generated folder: every bad file reported, exit 1"
	else
		fail "check of the generated folder: every bad file reported, exit 1" "status $RC" \
		    "$(head -c 2000 "$OUT" | cat -v)"
	fi
fi

# ---- files that change under byline's feet ----

# A folder whose files are deleted, replaced by FIFOs, links and folders
# while check and list walk it.
RACE=$T/race
mkdir -p "$RACE"
i=0
while [ $i -lt 300 ]; do
	printf -- '---\ntitle: Race %d\n---\n\nBody %d.\n' $i $i >"$RACE/r$i.md"
	i=$((i + 1))
done
(
	n=0
	while [ ! -f "$T/race.stop" ] && [ $n -lt 20000 ]; do
		k=$((n % 300))
		case $((n % 4)) in
		0) rm -f "$RACE/r$k.md" ;;
		1) rm -f "$RACE/r$k.md"; mkfifo "$RACE/r$k.md" 2>/dev/null ;;
		2) rm -f "$RACE/r$k.md"; ln -s nowhere "$RACE/r$k.md" 2>/dev/null ;;
		3) rm -rf "$RACE/r$k.md"; printf -- '---\ntitle: Back\n---\n' >"$RACE/r$k.md" ;;
		esac
		n=$((n + 1))
	done
) &
racer=$!
race_ok=0
race_bad=
r=0
while [ $r -lt 10 ]; do
	for c in list check; do
		timeout "$LIMIT" "$BYLINE" --state "$STATE" $c "$RACE" >"$OUT" 2>"$ERR" </dev/null
		rc=$?
		if [ $rc -gt 1 ] || [ -n "$(dirty "$OUT")" ] || [ -n "$(dirty "$ERR")" ]; then
			race_bad="$c: status $rc"
		else
			race_ok=$((race_ok + 1))
		fi
	done
	r=$((r + 1))
done
: >"$T/race.stop"
wait $racer
if [ -z "$race_bad" ] && [ $race_ok -eq 20 ]; then
	pass "files deleted and replaced during list and check: 20 runs end normally"
else
	fail "files deleted and replaced during list and check: 20 runs end normally" "$race_bad" \
	    "$(head -c 1000 "$ERR")"
fi

# ---- the reader ----

P_OSC=$(printf '\033]')
P_DCS=$(printf '\033P')
P_APC=$(printf '\033_')
P_PM=$(printf '\033^')
P_SOS=$(printf '\033X')
P_ED=$(printf '\033[2J')
# C0 bytes curses never needs: all but BEL, BS, TAB, LF, CR, SO, SI (the line
# drawing character set) and ESC; and DEL.
P_RAWC0=$(printf '[\001-\006\013\014\020-\032\034-\037\177]')

# raw_dirty: what the terminal received that it should not have.
raw_dirty() {
	f=$T/raw
	if [ "$(tr -cd '\000' <"$f" | wc -c)" -gt 0 ]; then
		echo "a NUL byte"
	elif LC_ALL=C grep -q -e "$P_OSC" "$f"; then
		echo "an OSC sequence (ESC ]: window title, clipboard...)"
	elif LC_ALL=C grep -q -F -e "$P_DCS" -e "$P_APC" -e "$P_PM" -e "$P_SOS" "$f"; then
		echo "a DCS, APC, PM or SOS string"
	elif LC_ALL=C grep -q -F -e "$P_ED" "$f"; then
		echo "ESC [2J (curses never clears that way: it came from the article)"
	elif LC_ALL=C grep -q "$P_RAWC0" "$f"; then
		echo "a C0 control curses does not use"
	else
		dirty_text "$f"
	fi
}

# The placeholders the screen must show for an article (extended regex).
screen_wants() {
	case $(basename "$1") in
	fields-escaped.md) echo '\^\[\]52;c;SE9TVElMRQ==\^G' ;;
	fields-raw.md) echo 'HOSTILE-TITLE' ;;
	body-controls.txt) echo '\^\[\[2J\^\[\[6;66H\^\[\]0;HOSTILE-TITLE' ;;
	bidi.md) echo '<U\+202E>eltit desrever <U\+2067>Isolated' ;;
	bad-utf8.md) echo 'Invalid UTF-8 in the body' ;;
	surrogates.txt) echo "$(printf 'Surrogates \357\277\275')" ;;
	unclosed-quotes.md) echo 'Ten thousand open quotes' ;;
	deep-*) echo 'nested deeper than 64 levels' ;;
	billion-laughs.md) echo 'too many aliases' ;;
	all-nul.md) echo '\^@\^@\^@\^@' ;;
	sparse-300mb.md) echo 'file is too large' ;;
	fifo.md) echo 'is a FIFO' ;;
	device.md) echo 'is not a regular file' ;;
	*) echo '[0-9]+%' ;;
	esac
}

# reader NAME FILE: open FILE, press j ] G, then q; the raw bytes are clean.
reader() {
	rd_name="reader: $1"
	rd_want=$(screen_wants "$2")
	if ! tm_start 100 30 "$2"; then
		fail "$rd_name" "tmux did not start"
		return
	fi
	if ! tm_wait "$rd_want" 10; then
		fail "$rd_name" "the screen never showed /$rd_want/" "$(tm_last)"
		tm_stop
		return
	fi
	tm_keys j ']' G
	# the article view reaches its end; a broken file shows the library
	if ! tm_wait '(100%|^ byline — )' 10; then
		fail "$rd_name" "G did not reach the end" "$(tm_last)"
		tm_stop
		return
	fi
	tm_keys q
	# from the library (broken files stay there), q quits too
	tm_wait_exit 3 || { tm_keys q; tm_wait_exit 10; }
	if [ "$TM_EXIT" != 0 ]; then
		fail "$rd_name" "byline did not exit 0 after q (status '$TM_EXIT')" "$(tm_last)"
		tm_stop
		return
	fi
	tm_flush_raw
	rd_why=$(raw_dirty)
	if [ -n "$rd_why" ]; then
		cp "$T/raw" "$T/raw.$(label "$2")"
		fail "$rd_name" "the terminal received $rd_why" "$(od -c "$T/raw" | head -n 20)"
	else
		pass "$rd_name: placeholders on screen, no raw sequence written, q exits 0"
	fi
	tm_stop
}

for f in "$HOSTILE"/*.md "$HOSTILE"/*.txt; do
	[ -f "$f" ] || continue
	reader "$(label "$f")" "$f"
done

if [ -f "$BIG/paras-200k.md" ]; then
	for f in line-10mb.md line-10mb-words.txt paras-200k.md sparse-300mb.md fifo.md device.md; do
		reader "$f" "$BIG/$f"
	done
	# the whole generated folder as a library, hostile names and all
	tm_start 100 30 "$BIG"
	if tm_wait 'Hostile file name' 10 &&
	    tm_wait '\(broken\) bad-\^\[\]0;HOSTILE-NAME\^G-\^\[\[2J-.*<U\+202E>'; then
		tm_keys G Enter
		tm_wait '(%|error)' 10
		tm_keys q q
		if tm_wait_exit 10 && [ "$TM_EXIT" = 0 ] && tm_flush_raw && [ -z "$(raw_dirty)" ]; then
			pass "reader: the generated folder as a library: names sanitised, clean bytes"
		else
			fail "reader: the generated folder as a library: names sanitised, clean bytes" \
			    "status '$TM_EXIT': $(raw_dirty)" "$(tm_last)"
		fi
	else
		fail "reader: the generated folder as a library: names sanitised, clean bytes" \
		    "the library never showed the hostile file name" "$(tm_last)"
	fi
	tm_stop
fi

# A file deleted after the library was read, then opened.
VAN=$T/vanish
mkdir -p "$VAN"
printf -- '---\ntitle: Stays here\ndate: 2020-01-01\n---\n\nBody.\n' >"$VAN/a.md"
printf -- '---\ntitle: Goes away\ndate: 2021-01-01\n---\n\nBody.\n' >"$VAN/b.md"
tm_start 100 30 "$VAN"
if tm_wait 'Goes away' 10; then
	rm -f "$VAN/b.md"
	tm_keys Enter
	if tm_wait 'b\.md.*(No such file|cannot open|error)' 10; then
		pass "reader: a file deleted after the scan: opening it gives a message"
	else
		fail "reader: a file deleted after the scan: opening it gives a message" "no message" \
		    "$(tm_last)"
	fi
	tm_keys q q
	if tm_wait_exit 10 && [ "$TM_EXIT" = 0 ]; then
		pass "reader: and q still quits with status 0"
	else
		fail "reader: and q still quits with status 0" "status '$TM_EXIT'" "$(tm_last)"
	fi
else
	fail "reader: a file deleted after the scan: opening it gives a message" \
	    "the library never showed" "$(tm_last)"
fi
tm_stop

finish
