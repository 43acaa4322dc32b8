#!/bin/sh
# cli.sh: the scriptable subcommands (issue 2): output formats, exit codes,
# bad input, read marks that survive a rename, pipes, control characters.
. tests/e2e/lib.sh
require_byline

# The list line for a path ("" if none).
list_line() {
	awk -F '\t' -v p="$1" '$5 == p' "$OUT"
}
# Field N of the list line for a path.
list_field() {
	awk -F '\t' -v p="$1" -v n="$2" '$5 == p { print $n }' "$OUT"
}


LIB=$T/articles
copy_library "$LIB"
SEED=$LIB/2022-03-04-nato-ready-blinken.md

# ---- help, version, usage errors ----

run B --help
names_every_command() {
	for c in list check show quotes people mark-read mark-unread; do
		grep -Eq "^ +$c " "$OUT" || return 1
	done
}
if [ "$RC" -eq 0 ] && grep -q '^usage: byline' "$OUT" && [ ! -s "$ERR" ] && names_every_command; then
	pass "--help: usage on stdout naming every command, exit 0"
else
	fail "--help: usage on stdout naming every command, exit 0" "unexpected" "$(both)"
fi

run B --version
if [ "$RC" -eq 0 ] && grep -Eq '^byline [0-9]+\.[0-9]+' "$OUT" && [ "$(wc -l <"$OUT")" -eq 1 ]; then
	pass "--version: one line 'byline X.Y', exit 0"
else
	fail "--version: one line 'byline X.Y', exit 0" "unexpected" "$(both)"
fi

run B --no-such-option
if [ "$RC" -eq 2 ] && grep -q 'usage: byline' "$ERR" && [ ! -s "$OUT" ]; then
	pass "unknown option: usage on stderr, exit 2"
else
	fail "unknown option: usage on stderr, exit 2" "unexpected" "$(both)"
fi

run B frobnicate
if [ "$RC" -eq 2 ] && grep -q 'frobnicate' "$ERR" && grep -q 'usage: byline' "$ERR" && [ ! -s "$OUT" ]; then
	pass "unknown command: named, usage on stderr, exit 2"
else
	fail "unknown command: named, usage on stderr, exit 2" "unexpected" "$(both)"
fi

for c in show quotes people mark-read mark-unread; do
	run B $c
	if [ "$RC" -eq 2 ] && grep -q "usage: byline .*$c" "$ERR" && [ ! -s "$OUT" ]; then
		pass "$c without a file: its usage on stderr, exit 2"
	else
		fail "$c without a file: its usage on stderr, exit 2" "unexpected" "$(both)"
	fi
done

# one option parser (getopt_long) for byline and every subcommand: the
# same messages, "--" and "--opt=value" everywhere (issue 11)
# usage_error NAME MESSAGE CMD...: exit 2, MESSAGE as stderr's first line, a usage line after it
usage_error() {
	ue_name=$1
	ue_msg=$2
	shift 2
	run "$@"
	if [ "$RC" -eq 2 ] && [ "$(head -n 1 "$ERR")" = "$ue_msg" ] &&
	    sed -n 2p "$ERR" | grep -q '^usage: byline' && [ ! -s "$OUT" ]; then
		pass "$ue_name"
	else
		fail "$ue_name" "wanted \"$ue_msg\", a usage line, exit 2" "$(both)"
	fi
}
for c in list check show quotes people mark-read mark-unread import; do
	usage_error "$c --bogus: 'byline: $c: unknown option', usage, exit 2" \
	    "byline: $c: unknown option '--bogus'" B $c --bogus "$SEED"
done
usage_error "show --width abc: says what it needs and what it got" \
    "byline: show: --width needs a number from 20 to 1000, not 'abc'" B show --width abc "$SEED"
usage_error "show --width=5: out of range, the same message" \
    "byline: show: --width needs a number from 20 to 1000, not '5'" B show --width=5 "$SEED"
usage_error "show --width with no value: says what it needs" \
    "byline: show: --width needs a number from 20 to 1000" B show "$SEED" --width
usage_error "--state with no value: 'byline: --state needs a file'" \
    "byline: --state needs a file" "$BYLINE" --state
usage_error "list --json=yes: a flag takes no value" \
    "byline: list: --json takes no value" B list --json=yes "$LIB"
usage_error "import --date 2021-02-30: not a date" \
    "byline: import: --date needs a date written YYYY-MM-DD, not '2021-02-30'" \
    B import --date 2021-02-30 "$SEED"
usage_error "an unknown short option: named" "byline: show: unknown option '-x'" B show -x "$SEED"
run "$BYLINE" --state="$STATE" show --width=40 "$SEED"
if [ "$RC" -eq 0 ] && grep -q 'Blinken' "$OUT" && [ "$(awk 'length($0) > 60' "$OUT" | wc -l)" -eq 0 ]; then
	pass "--state=FILE and --width=N: the = form works"
else
	fail "--state=FILE and --width=N: the = form works" "unexpected" "$(both)"
fi
mkdir -p "$T/-dash"
cp "$SEED" "$T/-dash/-seed.md"
(cd "$T" && "$BYLINE" --state "$STATE" list -- -dash >"$OUT" 2>"$ERR"; echo $? >"$T/rc")
if [ "$(cat "$T/rc")" -eq 0 ] && grep -q '	-dash/-seed.md$' "$OUT"; then
	pass "list -- -dash: after --, a name starting with - is a path"
else
	fail "list -- -dash: after --, a name starting with - is a path" "unexpected" "$(cat "$OUT" "$ERR")"
fi
for c in show quotes people; do
	(cd "$T/-dash" && "$BYLINE" --state "$STATE" $c -- -seed.md >"$OUT" 2>"$ERR"; echo $? >"$T/rc")
	if [ "$(cat "$T/rc")" -eq 0 ] && grep -q 'Blinken' "$OUT"; then
		pass "$c -- -seed.md: after --, a file starting with -"
	else
		fail "$c -- -seed.md: after --, a file starting with -" "unexpected" "$(cat "$OUT" "$ERR")"
	fi
done
run B list "$LIB" --json
if [ "$RC" -eq 0 ] && head -n 1 "$OUT" | grep -q '^\[$'; then
	pass "list PATH --json: an option after the paths still counts"
else
	fail "list PATH --json: an option after the paths still counts" "unexpected" "$(both)"
fi

run B list --no-such-option "$LIB"
if [ "$RC" -eq 2 ] && [ ! -s "$OUT" ]; then
	pass "list --no-such-option: exit 2, nothing listed"
else
	fail "list --no-such-option: exit 2, nothing listed" "unexpected" "$(both)"
fi

# ---- list ----

run B list "$LIB"
seed_line=$(printf 'unread\t2022-03-04\tNewsweek\t%s\t%s' "$SEED_TITLE" "$SEED")
if [ "$RC" -eq 0 ] && [ ! -s "$ERR" ] && grep -Fxq -- "$seed_line" "$OUT"; then
	pass "list articles: the seed's line exactly (unread, date, source, title, path)"
else
	fail "list articles: the seed's line exactly (unread, date, source, title, path)" \
	    "wanted: $seed_line" "$(both)"
fi
if [ "$(wc -l <"$OUT")" -eq 6 ] && awk -F '\t' 'NF != 5 || ($1 != "read" && $1 != "unread") ||
    $2 !~ /^[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]$/ || $4 == "" { exit 1 }' "$OUT"; then
	pass "list: six lines of five tab-separated fields"
else
	fail "list: six lines of five tab-separated fields" "unexpected" "$(both)"
fi
cut -f2 "$OUT" >"$T/dates"
if sort -r "$T/dates" | cmp -s - "$T/dates"; then
	pass "list: newest first"
else
	fail "list: newest first" "dates not in descending order" "$(cut -f2 "$OUT")"
fi

run B list "$LIB/nope.md"
if [ "$RC" -eq 1 ] && [ ! -s "$OUT" ] && grep -q "^$LIB/nope.md: error: " "$ERR"; then
	pass "list of a missing path: 'path: error: ...' on stderr, exit 1"
else
	fail "list of a missing path: 'path: error: ...' on stderr, exit 1" "unexpected" "$(both)"
fi

run B list "$SEED" "$LIB/nope.md"
if [ "$RC" -eq 1 ] && grep -Fxq -- "$seed_line" "$OUT" && grep -q "nope.md" "$ERR"; then
	pass "list of a good and a missing path: lists the good one, exit 1"
else
	fail "list of a good and a missing path: lists the good one, exit 1" "unexpected" "$(both)"
fi

# PATH defaults to $BYLINE_ARTICLES, else ./articles
run env BYLINE_ARTICLES="$LIB" "$BYLINE" --state "$STATE" list
if [ "$RC" -eq 0 ] && grep -Fxq -- "$seed_line" "$OUT"; then
	pass "list with no path reads \$BYLINE_ARTICLES"
else
	fail "list with no path reads \$BYLINE_ARTICLES" "unexpected" "$(both)"
fi
mkdir -p "$T/cwd/articles"
cp "$SEED" "$T/cwd/articles/seed.md"
(cd "$T/cwd" && "$BYLINE" --state "$STATE" list >"$OUT" 2>"$ERR")
RC=$?
if [ "$RC" -eq 0 ] && grep -q "	articles/seed.md$" "$OUT"; then
	pass "list with no path and no \$BYLINE_ARTICLES reads ./articles"
else
	fail "list with no path and no \$BYLINE_ARTICLES reads ./articles" "unexpected" "$(both)"
fi

# ---- check ----

run B check "$LIB"
if [ "$RC" -eq 0 ] && ! grep -q 'error' "$OUT" "$ERR"; then
	pass "check articles: exit 0, no errors"
else
	fail "check articles: exit 0, no errors" "unexpected" "$(both)"
fi

# ---- bad input: each gives its message via check, and still lists ----

BAD=$T/bad
mkdir -p "$BAD"
cp "$FIXTURES"/bad/*.md "$BAD/"
cp "$FIXTURES"/good/no-id.md "$BAD/good.md"
printf -- '---\ntitle: "Caf\303\251 \377\376 r\300\257oof"\nsource: The Test Courier\ndate: 2020-02-07\n---\n\nBad bytes \355\240\200 in the body.\n' >"$BAD/invalid-utf8.md"
printf '\357\273\277---\r\ntitle: Windows line endings\r\nsource: The Test Courier\r\ndate: 2020-02-08\r\n---\r\n\r\nA body written on Windows.\r\n' >"$BAD/crlf-bom.md"
printf '\377\376-\000-\000-\000\n\000t\000i\000t\000l\000e\000:\000 \000U\000\n\000-\000-\000-\000\n\000' >"$BAD/utf16.md"
: >"$BAD/empty.md"
mkdir "$BAD/folder.md"
ln -s "$BAD/does-not-exist.md" "$BAD/dangling.md"

# check_msg NAME FILE EXPECTED-REGEX: `check FILE` says it (status per level).
check_msg() {
	run B check "$BAD/$2"
	case $3 in *': error: '*) want=1 ;; *) want=0 ;; esac
	if [ "$RC" -eq "$want" ] && grep -Eq -- "^$BAD/$2$3" "$OUT"; then
		pass "check $1: $(printf '%s' "$3" | sed 's/\\//g')"
	else
		fail "check $1" "wanted /^$BAD/$2$3/ and exit $want" "$(both)"
	fi
}
run B check "$BAD/no-front-matter.md"
if [ "$RC" -eq 0 ] && [ ! -s "$OUT" ]; then
	pass "check no front matter: nothing to report"
else
	fail "check no front matter: nothing to report" "unexpected output" "$(both)"
fi
check_msg "missing title" no-title.md ':1:1: warning: .*title'
check_msg "unclosed ---" unclosed.md ':1:1: error: .*(never closed|not closed)'
check_msg "YAML syntax error (file line:col)" yaml-error.md ':4:5: error: YAML: '
check_msg "list as title" wrong-types.md ':2:1: warning: title must be a string'
check_msg "map as date" wrong-types.md ':3:1: warning: date must be'
check_msg "bad date" bad-date.md ':4:7: warning: .*not a date'
check_msg "invalid UTF-8" invalid-utf8.md ':2:[0-9]+: warning: .*UTF-8'
check_msg "UTF-16" utf16.md ':1:1: error: .*UTF-16'
check_msg "TOML +++" toml.md ':1:1: error: .*TOML.*not supported'
check_msg "empty file" empty.md ': error: .*empty'
check_msg "billion laughs" billion-laughs.md ':[0-9]+:[0-9]+: error: .*alias'
run B check "$BAD/crlf-bom.md"
if [ "$RC" -eq 0 ] && [ ! -s "$OUT" ]; then
	pass "check CRLF + BOM: accepted without a word"
else
	fail "check CRLF + BOM: accepted without a word" "unexpected" "$(both)"
fi
run B check "$BAD/dangling.md"
if [ "$RC" -eq 1 ] && cat "$OUT" "$ERR" | grep -Eq "^$BAD/dangling.md: error: .*(dangling|symbolic link)"; then
	pass "check a dangling symlink given by name: says it is a dangling link, exit 1"
else
	fail "check a dangling symlink given by name: says it is a dangling link, exit 1" \
	    "the message should say the link dangles (the file is there, its target is not)" "$(both)"
fi
run B show "$BAD/folder.md"
if [ "$RC" -eq 1 ] && grep -q "^$BAD/folder.md: error: .*directory" "$ERR"; then
	pass "show of a directory: 'is a directory' error, exit 1"
else
	fail "show of a directory: 'is a directory' error, exit 1" "unexpected" "$(both)"
fi
# quotes and people read a folder as a library (people-library.sh): this one is empty
for c in quotes people; do
	run B $c "$BAD/folder.md"
	if [ "$RC" -eq 0 ] && [ ! -s "$OUT" ] && [ ! -s "$ERR" ]; then
		pass "$c of an empty folder: nothing, exit 0"
	else
		fail "$c of an empty folder: nothing, exit 0" "unexpected" "$(both)"
	fi
done
# (as root, run as nobody: root reads every file)
if can_drop; then
	cp "$FIXTURES/good/no-id.md" "$BAD/unreadable.md"
	chmod 000 "$BAD/unreadable.md"
	open_up "$BAD"
	run unprivileged "$BYLINE" --state "$STATE" check "$BAD/unreadable.md"
	if [ "$RC" -eq 1 ] && cat "$OUT" "$ERR" | grep -q "unreadable.md: error: .*ermission"; then
		pass "check an unreadable file: permission error, exit 1"
	else
		fail "check an unreadable file: permission error, exit 1" "unexpected" "$(both)"
	fi
	run unprivileged "$BYLINE" --state "$STATE" list "$BAD"
	chmod 644 "$BAD/unreadable.md"
	rm -f "$BAD/unreadable.md"
	if list_line "$BAD/good.md" | grep -q .; then
		pass "list with an unreadable file still lists the rest"
	else
		fail "list with an unreadable file still lists the rest" "unexpected" "$(both)"
	fi
else
	skip "check an unreadable file" "running as root, which reads every file, and cannot become nobody here"
fi

# the whole folder: every file listed (by its path), the check exits 1
run timeout 20 "$BYLINE" --state "$STATE" check "$BAD"
if [ "$RC" -eq 1 ] && grep -q "^$BAD/dangling.md: error: " "$OUT" &&
    grep -q "^$BAD/empty.md: error: " "$OUT" && grep -q "^$BAD/yaml-error.md:4:5: error: " "$OUT"; then
	pass "check of the folder: every problem reported, exit 1"
else
	fail "check of the folder: every problem reported, exit 1" "unexpected" "$(both)"
fi
if awk -v b="$BAD/" 'index($0, b) != 1 || $0 !~ /^[^:]+(:[0-9]+:[0-9]+)?: (error|warning): ./ { bad = 1 }
    END { exit bad }' "$OUT"; then
	pass "check output: every line is path[:line:col]: error|warning: message"
else
	fail "check output: every line is path[:line:col]: error|warning: message" "unexpected" "$(both)"
fi

run timeout 20 "$BYLINE" --state "$STATE" list "$BAD"
if [ "$RC" -lt 2 ]; then
	pass "list of the bad folder ends normally (status $RC)"
else
	fail "list of the bad folder ends normally" "status $RC" "$(both)"
fi
# listed NAME FILE TITLE-REGEX: the file is listed with that title
listed() {
	got=$(list_field "$BAD/$2" 4)
	if [ -n "$(list_line "$BAD/$2")" ] && printf '%s\n' "$got" | grep -Eq -- "^($3)\$"; then
		pass "list $1: still listed, titled '$got'"
	else
		fail "list $1: still listed, titled /$3/" "got title '$got'" "$(both)"
	fi
}
listed "no front matter" no-front-matter.md 'Harbour lights switched back on after storm'
listed "missing title" no-title.md 'Ferry timetable changes for the winter'
listed "unclosed ---" unclosed.md '.+'
listed "YAML syntax error" yaml-error.md 'yaml-error(\.md)?'
listed "wrong types" wrong-types.md 'Library extends its opening hours'
listed "bad date" bad-date.md 'Allotment waiting list reopens'
listed "invalid UTF-8" invalid-utf8.md 'Café �+ r�+oof'
listed "CRLF + BOM" crlf-bom.md 'Windows line endings'
listed "UTF-16" utf16.md '.+'
listed "TOML +++" toml.md '.+'
listed "empty file" empty.md '.+'
listed "dangling symlink" dangling.md '.+'
listed "billion laughs" billion-laughs.md 'billion-laughs(\.md)?|Laughs'
listed "a good file among bad ones" good.md 'Night buses return to the coast road'

if [ "$(list_field "$BAD/wrong-types.md" 3)" = "The Test Courier" ]; then
	pass "wrong types: the rest of the front matter loads (source)"
else
	fail "wrong types: the rest of the front matter loads (source)" "source field wrong" "$(list_line "$BAD/wrong-types.md")"
fi
if [ "$(list_field "$BAD/crlf-bom.md" 2)" = "2020-02-08" ] &&
    [ "$(list_field "$BAD/crlf-bom.md" 3)" = "The Test Courier" ]; then
	pass "CRLF + BOM: date and source read without CR"
else
	fail "CRLF + BOM: date and source read without CR" "unexpected" "$(list_line "$BAD/crlf-bom.md" | od -c | head)"
fi
case $(list_field "$BAD/toml.md" 4) in
*'+++'* | *'title ='* | *'Hugo post in TOML'*)
	fail "TOML: the front matter is not taken for text" "title: $(list_field "$BAD/toml.md" 4)" ;;
*) pass "TOML: the front matter is not taken for text" ;;
esac
# a bad date sorts last: after every dated article, though its title sorts first
last_dated=$(awk -F '\t' '$2 != "" { n = NR } END { print n + 0 }' "$OUT")
bad_row=$(awk -F '\t' -v p="$BAD/bad-date.md" '$5 == p { print NR }' "$OUT")
if [ -n "$bad_row" ] && [ "$bad_row" -gt "$last_dated" ] && [ -z "$(list_field "$BAD/bad-date.md" 2)" ]; then
	pass "bad date: no date shown, sorts after every dated article"
else
	fail "bad date: no date shown, sorts after every dated article" "row $bad_row, last dated row $last_dated" "$(both)"
fi
if LC_ALL=C grep -q "$(printf '\377')" "$OUT" || LC_ALL=C grep -q "$(printf '\300')" "$OUT"; then
	fail "invalid UTF-8: no invalid byte reaches stdout" "raw bytes in output" "$(od -c "$OUT" | head -20)"
elif list_field "$BAD/invalid-utf8.md" 4 | grep -q '�'; then
	pass "invalid UTF-8: bad bytes listed as U+FFFD"
else
	fail "invalid UTF-8: bad bytes listed as U+FFFD" "no U+FFFD in the title" "$(list_line "$BAD/invalid-utf8.md")"
fi
run timeout 10 "$BYLINE" --state "$STATE" show "$BAD/invalid-utf8.md"
if [ "$RC" -eq 0 ] && grep -Eq 'Bad bytes �+ in the body' "$OUT" &&
    ! LC_ALL=C grep -q "$(printf '\355')" "$OUT"; then
	pass "invalid UTF-8 in the body: shown as U+FFFD by show"
else
	fail "invalid UTF-8 in the body: shown as U+FFFD by show" "unexpected" "$(both)"
fi
run timeout 10 "$BYLINE" --state "$STATE" show "$BAD/crlf-bom.md"
if [ "$RC" -eq 0 ] && head -n 1 "$OUT" | grep -qx 'Windows line endings' &&
    ! LC_ALL=C grep -q "$(printf '\r')" "$OUT" && ! LC_ALL=C grep -q "$(printf '\357\273\277')" "$OUT"; then
	pass "CRLF + BOM: show prints no CR and no BOM"
else
	fail "CRLF + BOM: show prints no CR and no BOM" "unexpected" "$(od -c "$OUT" | head -12)"
fi

# ---- show ----

run B show "$SEED"
if [ "$RC" -eq 0 ] && [ "$(head -n 1 "$OUT")" = "$SEED_TITLE" ] &&
    grep -q '^Newsweek · 2022-03-04' "$OUT" &&
    grep -q 'Newsweek has asked the State Department for comment.' "$OUT" &&
    grep -q '^Credit: Darrian Traynor/Getty Images$' "$OUT"; then
	pass "show: title first, source and date, body, caption credit"
else
	fail "show: title first, source and date, body, caption credit" "unexpected" "$(both)"
fi
run B show --width 40 "$SEED"
if [ "$RC" -eq 0 ] && [ "$(awk '{ gsub(/·|—|’|‘|“|”/, "x") } length($0) > 40' "$OUT" | wc -l)" -eq 0 ] &&
    [ "$(wc -l <"$OUT")" -gt 40 ] && grep -q 'Secretary of State Antony Blinken' "$OUT"; then
	pass "show --width 40: no line wider than 40 columns"
else
	fail "show --width 40: no line wider than 40 columns" "unexpected" \
	    "$(awk '{ gsub(/·|—|’|‘|“|”/, "x") } length($0) > 40' "$OUT" | head)"
fi
for w in abc 5x -5; do
	run B show --width "$w" "$SEED"
	if [ "$RC" -eq 2 ] && grep -q 'usage: byline show' "$ERR" && [ ! -s "$OUT" ]; then
		pass "show --width $w: not a width: usage, exit 2"
	else
		fail "show --width $w: not a width: usage, exit 2" "accepted" "$(both | head -n 4)"
	fi
done
run B show "$LIB/nope.md"
if [ "$RC" -eq 1 ] && grep -q 'nope.md: error: ' "$ERR" && [ ! -s "$OUT" ]; then
	pass "show of a missing file: error, exit 1"
else
	fail "show of a missing file: error, exit 1" "unexpected" "$(both)"
fi

# ---- quotes and people (the analysis) ----

run B quotes "$SEED"
if [ "$RC" -eq 0 ] && [ "$(wc -l <"$OUT")" -eq 9 ] && awk -F '\t' 'NF != 2 { exit 1 }' "$OUT"; then
	pass "quotes: nine lines of speaker<TAB>quote"
else
	fail "quotes: nine lines of speaker<TAB>quote" "unexpected" "$(both)"
fi
n=0
shown=$(cat "$OUT")
for sq in "Antony Blinken|Ours is a defensive alliance" \
    "Antony Blinken|We seek no conflict. But if conflict comes to us" \
    "Antony Blinken|At the same time, as the secretary-general says" \
    "Jens Stoltenberg|With cities under siege" \
    "Jens Stoltenberg|The days to come are likely to be worse" \
    "Jens Stoltenberg|We are not part of this conflict" \
    "Volodymyr Zelensky|We want a no-fly zone because our people" \
    "Volodymyr Zelensky|If you don't have the strength" \
    "Jens Stoltenberg|Allies agree that we should not have NATO planes"; do
	n=$((n + 1))
	who=${sq%%|*}
	what=${sq#*|}
	got=$(sed -n "${n}p" "$OUT")
	if [ "$got" != "${got#"$who$TAB$what"}" ]; then
		pass "quotes: #$n is $who: \"$what...\""
	else
		fail "quotes: #$n is $who: \"$what...\"" "line $n is: $got" "$shown"
		shown=	# the whole output once is enough
	fi
done
if ! grep -q '"' "$OUT"; then
	pass "quotes: the text is given without its quotation marks"
else
	fail "quotes: the text is given without its quotation marks" "a \" in the output" "$(cat "$OUT")"
fi

run B quotes --all "$SEED"
if [ "$RC" -eq 0 ] && awk -F '\t' 'NF != 3 || ($3 != "full" && $3 != "fragment") { exit 1 }' "$OUT" &&
    [ "$(grep -c '	full$' "$OUT")" -eq 9 ] && grep -q '	ready	fragment$' "$OUT"; then
	pass "quotes --all: a third column; nine full, and the fragment \"ready\""
else
	fail "quotes --all: a third column; nine full, and the fragment \"ready\"" "unexpected" "$(both)"
fi

run B people "$SEED"
if [ "$RC" -eq 0 ] && awk -F '\t' 'NF != 4 || $3 !~ /^[0-9]+$/ || $4 !~ /^[0-9]+$/ { exit 1 }' "$OUT" &&
    [ -s "$OUT" ]; then
	pass "people: name<TAB>role<TAB>mentions<TAB>quotes"
else
	fail "people: name<TAB>role<TAB>mentions<TAB>quotes" "unexpected" "$(both)"
fi
for p in "Antony Blinken	Secretary of State	3" "Jens Stoltenberg	NATO Secretary-General	4" \
    "Volodymyr Zelensky	President of Ukraine	2"; do
	name=${p%%"$TAB"*}
	rest=${p#*"$TAB"}
	role=${rest%%"$TAB"*}
	nq=${rest#*"$TAB"}
	if awk -F '\t' -v n="$name" -v r="$role" -v q="$nq" '$1 == n && $2 == r && $4 == q && $3 >= q' \
	    "$OUT" | grep -q .; then
		pass "people: $name, $role, $nq quotes, mentions at least that"
	else
		fail "people: $name, $role, $nq quotes, mentions at least that" "no such line" "$(cat "$OUT")"
	fi
done
if [ "$(awk -F '\t' '$1 ~ /Blinken/' "$OUT" | wc -l)" -eq 1 ]; then
	pass "people: Blinken listed once"
else
	fail "people: Blinken listed once" "several people named after Blinken" "$(cat "$OUT")"
fi
cut -f3 "$OUT" >"$T/mentions"
if [ -s "$T/mentions" ] && sort -rn "$T/mentions" | cmp -s - "$T/mentions"; then
	pass "people: most mentioned first"
else
	fail "people: most mentioned first" "not sorted by mentions" "$(cat "$OUT")"
fi

# ---- read marks ----

run B mark-read "$SEED"
if [ "$RC" -eq 0 ] && [ ! -s "$OUT" ] && [ -s "$STATE" ]; then
	pass "mark-read: exit 0, silent, state file written"
else
	fail "mark-read: exit 0, silent, state file written" "unexpected" "$(both)"
fi
run B list "$SEED"
if [ "$(cut -f1 "$OUT")" = read ]; then
	pass "list after mark-read: read"
else
	fail "list after mark-read: read" "unexpected" "$(both)"
fi
mkdir -p "$T/moved/deeper"
mv "$SEED" "$T/moved/deeper/renamed-file.md"
run B list "$T/moved"
if [ "$(cut -f1 "$OUT")" = read ] && [ "$(cut -f5 "$OUT")" = "$T/moved/deeper/renamed-file.md" ]; then
	pass "mark-read survives renaming and moving the file (article with an id)"
else
	fail "mark-read survives renaming and moving the file (article with an id)" "unexpected" "$(both)"
fi
run B list "$LIB"
if [ "$(grep -c '^read	' "$OUT")" -eq 0 ] && [ "$(grep -c '^unread	' "$OUT")" -eq 5 ]; then
	pass "mark-read marked only that article"
else
	fail "mark-read marked only that article" "unexpected" "$(both)"
fi
run B mark-unread "$T/moved/deeper/renamed-file.md"
run2=$RC
run B list "$T/moved"
if [ "$run2" -eq 0 ] && [ "$(cut -f1 "$OUT")" = unread ]; then
	pass "mark-unread: unread again"
else
	fail "mark-unread: unread again" "status $run2" "$(both)"
fi

cp "$FIXTURES/good/no-id.md" "$T/noid-a.md"
run B mark-read "$T/noid-a.md"
mkdir -p "$T/elsewhere"
mv "$T/noid-a.md" "$T/elsewhere/another-name.txt"
run B list "$T/elsewhere"
if [ "$(cut -f1 "$OUT")" = read ] && [ "$(cut -f4 "$OUT")" = "Night buses return to the coast road" ]; then
	pass "mark-read survives a rename (article without id or url, .md to .txt)"
else
	fail "mark-read survives a rename (article without id or url, .md to .txt)" "unexpected" "$(both)"
fi

run B mark-read "$LIB"
run B list "$LIB"
if [ "$(grep -c '^read	' "$OUT")" -eq 5 ]; then
	pass "mark-read of a folder marks every article in it"
else
	fail "mark-read of a folder marks every article in it" "unexpected" "$(both)"
fi

run B mark-read "$T/no-such-file.md"
if [ "$RC" -eq 1 ] && grep -q 'no-such-file.md' "$ERR"; then
	pass "mark-read of a missing file: error naming it, exit 1"
else
	fail "mark-read of a missing file: error naming it, exit 1" "unexpected" "$(both)"
fi

# twenty processes marking twenty different articles at once: every mark kept
CONC=$T/concurrent
mkdir -p "$CONC"
i=1
while [ $i -le 20 ]; do
	printf -- '---\ntitle: Concurrent article %02d\nid: concurrent-%02d\ndate: 2020-03-%02d\n---\n\nText.\n' \
	    $i $i $i >"$CONC/c$i.md"
	i=$((i + 1))
done
i=1
while [ $i -le 20 ]; do
	"$BYLINE" --state "$T/conc-state" mark-read "$CONC/c$i.md" >/dev/null 2>"$T/conc-err.$i" &
	i=$((i + 1))
done
wait
run env BYLINE_STATE="$T/conc-state" "$BYLINE" list "$CONC"
if [ "$(grep -c '^read	' "$OUT")" -eq 20 ] && [ -z "$(cat "$T"/conc-err.*)" ]; then
	pass "20 concurrent mark-read processes on different articles: all 20 marks kept"
else
	fail "20 concurrent mark-read processes on different articles: all 20 marks kept" \
	    "$(grep -c '^read	' "$OUT") read" "$(both; cat "$T"/conc-err.*)"
fi

# a corrupt state file: a warning naming it, set aside, never a crash
printf 'garbage\n\001\002\377\n' >"$T/corrupt-state"
run env BYLINE_STATE="$T/corrupt-state" "$BYLINE" list "$LIB"
if [ "$RC" -eq 0 ] && [ "$(wc -l <"$OUT")" -eq "$(ls "$LIB"/*.md | wc -l)" ] && grep -q 'corrupt-state' "$ERR" &&
    ls "$T"/corrupt-state.corrupt* >/dev/null 2>&1; then
	pass "a corrupt state file: a warning on stderr naming it, set aside, the list printed"
else
	fail "a corrupt state file: a warning on stderr naming it, set aside, the list printed" "unexpected" \
	    "$(both; ls "$T")"
fi

# --state and $BYLINE_STATE choose the file; the default is under $XDG_STATE_HOME
printf -- '---\ntitle: Where the marks are kept\ndate: 2021-01-01\n---\n\nText.\n' >"$T/st.md"
"$BYLINE" --state "$T/other-state" mark-read "$T/st.md" >/dev/null 2>&1
run env BYLINE_STATE="$T/other-state" "$BYLINE" list "$T/st.md"
a=$(cut -f1 "$OUT")
run B list "$T/st.md"
if [ "$a" = read ] && [ "$(cut -f1 "$OUT")" = unread ]; then
	pass "--state FILE and \$BYLINE_STATE name the same store; others are untouched"
else
	fail "--state FILE and \$BYLINE_STATE name the same store; others are untouched" "with BYLINE_STATE: $a" "$(both)"
fi
run env -u BYLINE_STATE "$BYLINE" mark-read "$T/st.md"
if [ "$RC" -eq 0 ] && [ -s "$XDG_STATE_HOME/byline/read" ]; then
	pass "default state file: \$XDG_STATE_HOME/byline/read"
else
	fail "default state file: \$XDG_STATE_HOME/byline/read" "not written" "$(both)"
fi

# ---- pipes ----

MANY=$T/many
mkdir -p "$MANY"
awk -v d="$MANY" 'BEGIN { for (i = 0; i < 1500; i++) { f = sprintf("%s/a%04d.md", d, i)
	printf "---\ntitle: Generated article number %04d, long enough to fill a pipe buffer\n", i > f
	printf "date: 2019-%02d-%02d\nsource: Generator\n---\n\nBody %d.\n", i % 12 + 1, i % 28 + 1, i > f
	close(f) } }'
{ "$BYLINE" --state "$STATE" list "$MANY" 2>"$ERR"; echo $? >"$T/rc"; } | head -n 1 >"$OUT"
RC=$(cat "$T/rc")
if [ "$RC" -lt 128 ] && [ ! -s "$ERR" ] && grep -q '^unread	2019-12-' "$OUT" && [ "$(wc -l <"$OUT")" -eq 1 ]; then
	pass "list | head -1: one line, byline ends quietly (status $RC, no signal, no message)"
else
	fail "list | head -1: one line, byline ends quietly" "status $RC" "$(both)"
fi
{ "$BYLINE" --state "$STATE" show --width 30 "$LIB/2021-11-22-harlow-fen-school.md" 2>"$ERR"; echo $? >"$T/rc"; } | head -n 1 >"$OUT"
RC=$(cat "$T/rc")
if [ "$RC" -lt 128 ] && [ ! -s "$ERR" ] && [ "$(wc -l <"$OUT")" -eq 1 ]; then
	pass "show | head -1: byline ends quietly (status $RC)"
else
	fail "show | head -1: byline ends quietly" "status $RC" "$(both)"
fi

# ---- control characters never reach stdout raw ----

CC=$T/cc
mkdir -p "$CC"
cp "$FIXTURES/good/control-chars.md" "$CC/control-chars.md"
# a title made of the first line of a file without front matter, raw bytes in it
printf 'Raw \033]0;RAW-PWNED\007 title \033[2Jzq with \001 bytes\n\nAnd a body \033]52;c;QllMSU5F\007 too.\n' >"$CC/raw-title.md"
no_ctl() {
	! LC_ALL=C grep -q "[$(printf '\001-\010\013-\037\177')]" "$1"
}
run B list "$CC"
if [ "$RC" -eq 0 ] && [ "$(wc -l <"$OUT")" -eq 2 ] && awk -F '\t' 'NF != 5 { exit 1 }' "$OUT"; then
	pass "list: tabs and newlines in a title and source do not break the line or its fields"
else
	fail "list: tabs and newlines in a title and source do not break the line or its fields" \
	    "unexpected" "$(od -c "$OUT" | head -30)"
fi
if no_ctl "$OUT" && [ -s "$OUT" ]; then
	pass "list: no control byte on stdout (ESC, BEL, ^A)"
else
	fail "list: no control byte on stdout (ESC, BEL, ^A)" "found" "$(od -c "$OUT" | head -30)"
fi
if grep -q '\^\[\]0;PWNED-TITLE' "$OUT" && grep -q 'Raw \^\[\]0;RAW-PWNED\^G title' "$OUT"; then
	pass "list: control characters shown as visible placeholders (^[, ^G)"
else
	fail "list: control characters shown as visible placeholders (^[, ^G)" "no placeholder" "$(cat "$OUT")"
fi
run B check "$CC"
if no_ctl "$OUT" && no_ctl "$ERR"; then
	pass "check: no control byte on stdout or stderr"
else
	fail "check: no control byte on stdout or stderr" "found" "$(od -c "$OUT" "$ERR" | head -30)"
fi
run B show "$CC/raw-title.md"
if [ "$RC" -eq 0 ] && no_ctl "$OUT" && no_ctl "$ERR" && grep -q 'And a body \^\[\]52;c;QllMSU5F\^G too.' "$OUT"; then
	pass "show: raw escapes in the body printed as placeholders"
else
	fail "show: raw escapes in the body printed as placeholders" "unexpected" "$(od -c "$OUT" "$ERR" | head -30)"
fi
run B show "$CC/control-chars.md"
if no_ctl "$OUT" && grep -q 'PWNED-TITLE' "$OUT"; then
	pass "show: the title with escapes printed with placeholders"
else
	fail "show: the title with escapes printed with placeholders" "unexpected" "$(od -c "$OUT" | head -30)"
fi
run B people "$CC/control-chars.md"
if no_ctl "$OUT" && grep -q '^Evil\^\[\[2Jzq Person	Role with tab	' "$OUT"; then
	pass "people: names and roles with control characters printed safely"
else
	fail "people: names and roles with control characters printed safely" "unexpected" "$(both; od -c "$OUT" | head)"
fi
run B quotes "$CC/control-chars.md"
if no_ctl "$OUT" && grep -q '^Evil\^\[\[2Jzq Person	This quote is said by the evil person in full' "$OUT"; then
	pass "quotes: a speaker with control characters printed safely"
else
	fail "quotes: a speaker with control characters printed safely" "unexpected" "$(both)"
fi
run B check "$CC/$(printf 'bad\033[2Jname.md')"
if no_ctl "$ERR" && no_ctl "$OUT" && cat "$OUT" "$ERR" | grep -q 'bad\^\[\[2Jname.md'; then
	pass "a path with an escape in it is printed with a placeholder"
else
	fail "a path with an escape in it is printed with a placeholder" "unexpected" "$(od -c "$OUT" "$ERR" | head)"
fi

finish
