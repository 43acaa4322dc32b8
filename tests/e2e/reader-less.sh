#!/bin/sh
# reader-less.sh: the article view as at home as less (issue 12): d/u,
# f/z, e/y/Enter, counts (5j, 3], 2c), ] and [ from where the view is, the
# percentage from the bottom line, the full-screen caption keeps its keys
# and scrolls to its last line, / with an empty pattern repeats, n/N say
# "match 3/13" and when they wrap, accents and case in the search, the
# YAML error's line:col, the Q overlay wraps quotes, one people-pane
# layout, | pipes the article to a command, E edits it. At 120x40, 80x24
# and 40x12.
. tests/e2e/lib.sh
require_byline

SEED=$(copy_seed "$T/lib")
KESTREL=$T/lib/2021-04-14-kestrel-bay-footbridge.md
cp "$E2E_ROOT/articles/2021-04-14-kestrel-bay-footbridge.md" "$KESTREL"
CONF=$XDG_CONFIG_HOME/byline/config.yaml
mkdir -p "$XDG_CONFIG_HOME/byline"

# start COLS ROWS ARGS...: tm_start with no reading position remembered
start() {
	rm -f "$STATE"
	tm_start "$@"
}

# ---- moving as less does: d/u, f/z/b, e/y/Enter, counts ----

start 80 24 "$SEED"
expect_body "80x24: the seed" '^NATO Ready for War'
scrolled() {	# scrolled NAME N
	if tm_wait_scrolled "$2"; then
		pass "$1"
	else
		fail "$1" "the body did not move by $2 rows" "$(cat "$T/screen")"
	fi
}
tm_snap
tm_keys d
scrolled "d: down half a page (11 rows)" 11
tm_keys u
scrolled "u: up half a page" -11
tm_keys f
scrolled "f: down a page (21 rows)" 21
tm_keys b
scrolled "b: back a page" -21
tm_keys z
scrolled "z: down a page" 21
tm_keys b
scrolled "b: back" -21
tm_keys e
scrolled "e: down a line" 1
tm_keys Enter
scrolled "Enter: down a line" 1
tm_keys y
scrolled "y: up a line" -1
tm_keys 5 j
scrolled "5j: five lines" 5
tm_keys 3 y
scrolled "3y: three lines up" -3
tm_keys 2 d
scrolled "2d: two half pages" 22
tm_keys g
tm_wait_top '^NATO Ready for War' >/dev/null
tm_keys 3 ']'
expect "3]: the third quote" 'quote 3/9 '
tm_keys 2 '['
expect "2[: back two quotes" 'quote 1/9 '

tm_keys 8 ']'
expect "8] from quote 1: quote 9/9" 'quote 9/9 '
tm_keys q
tm_wait_exit >/dev/null

# ---- the same keys in the Article pane at 120x40, and at 40x12 ----

for size in "120 40" "40 12"; do
	set -- $size
	start "$1" "$2" "$SEED"
	expect_body "$1x$2: the seed" '^NATO Ready for War'
	half=$(( ($2 - 1 - ($1 >= 100 ? 2 : 0)) / 2 ))
	tm_snap
	tm_keys d
	scrolled "$1x$2: d: half a page ($half rows)" "$half"
	tm_keys u
	scrolled "$1x$2: u: back" "-$half"
	tm_keys 3 e
	scrolled "$1x$2: 3e: three lines" 3
	tm_keys y Enter
	tm_sync
	tm_keys g 2 ']'
	expect "$1x$2: 2]: quote 2/9" 'quote 2/9 '
	tm_keys G
	expect "$1x$2: G: 100%" ' 100%  read$'
	tm_keys k
	expect "$1x$2: k: under 100% again" ' 9[0-9]%  read$'
	tm_keys /
	tm_type Zelensky
	tm_keys Enter
	expect "$1x$2: /Zelensky: match 1/N" 'match 1/[0-9]'
	tm_keys q
	tm_wait_exit >/dev/null
done

# ---- defect 5: ] and [ from where the view is, as less's n ----

start 80 24 "$SEED"
expect_body "80x24: the seed again" '^NATO Ready for War'
tm_keys ']' ']' ']' ']' ']' ']' ']' ']'
expect "] ×8: quote 8/9" 'quote 8/9 '
tm_sync
tm_keys g
tm_wait_top '^NATO Ready for War' >/dev/null
tm_keys ']'
expect "] ×8, g, ]: the first quote below the top of the view (1/9), not 9/9" 'quote 1/9 '
tm_keys g
tm_wait_top '^NATO Ready for War' >/dev/null
tm_keys '['
expect "g then [ at the top: wraps to the last, and says so" 'first quote: wrapped to the last'

tm_keys q
tm_wait_exit >/dev/null

# ---- defect 6: the percentage of the bottom line; 100% only at the end ----

start 80 24 "$SEED"
expect_body "80x24: the seed again" '^NATO Ready for War'
tm_keys G
expect "G: 100%" ' 100%  read$'
tm_keys k
expect "one k from the end: 9x%, not the top line's" ' 9[0-9]%  read$'
tm_keys g
expect "g: the share above the bottom of the first screen, not 0%" ' ([1-9]|[1-8][0-9])%  read$'

# ---- defect 15: / repeats, n and N say which match and when they wrap ----

tm_keys q
tm_wait_exit >/dev/null
start 80 24 "$SEED"
expect_body "80x24: the seed again" '^NATO Ready for War'

tm_keys /
tm_type Stoltenberg
tm_keys Enter
expect "/Stoltenberg: the status line says match 1/N" 'match 1/[0-9]+'
n=$(sed -n 's/.*match 1\/\([0-9][0-9]*\).*/\1/p' "$T/screen" | head -n 1)
tm_keys n
expect "n: match 2/$n" "match 2/$n"
tm_keys / Enter
expect "/ with an empty pattern: the last search again (match 3/$n)" "match 3/$n"
tm_keys N N N
expect "N from the first match wraps, and says so" "match $n/$n \\(wrapped past the start\\)"
tm_keys n
expect "n from the last match wraps, and says so" "match 1/$n \\(wrapped past the end\\)"
tm_keys 2 n
expect "2n: two matches on" "match 3/$n"
tm_keys /
tm_keys Up
expect "/ Up: the last pattern again (history)" '^/Stoltenberg$'
tm_keys Escape
tm_keys q
tm_wait_exit >/dev/null

# ---- defect 10: case and accents in the article search ----

cat >"$T/accents.md" <<'EOF'
---
title: Accents
---

The mayor of Vérinay spoke first.

VÉRINAY VOTES, the banner said.

Verinay, the old spelling, came last.
EOF
start 80 24 "$T/accents.md"
expect_body "the accents article" '^Accents'
search_says() {	# search_says NAME PATTERN REGEX
	tm_keys g /
	tm_wait '^/$' >/dev/null
	tm_type "$2"
	tm_keys Enter
	expect "$1" "$3"
}
search_says "/verinay finds all three (case and accents free)" verinay 'match 1/3'
search_says "/vérinay finds Vérinay and VÉRINAY" 'vérinay' 'match 1/2'
search_says "/VÉRINAY finds only VÉRINAY" 'VÉRINAY' 'match 1/1'
search_says "/Verinay: case exact, accents free" 'Verinay' 'match 1/2'
tm_keys q
tm_wait_exit >/dev/null

# ---- defect 4: the full-screen caption takes g/G/Home/End, scrolls to its last line ----

for size in "40 12" "80 24"; do
	set -- $size
	start "$1" "$2" "$SEED"
	expect_body "$1x$2: the seed" '^NATO Ready'
	tm_keys C
	expect "$1x$2: C: the caption full-screen" '^┌ Photo caption 1/1'
	tm_keys G
	expect "$1x$2: G in the caption: its last line (the credit) comes into view" 'Images +│$'
	tm_keys j j j j j j
	tm_sync
	if tm_wait 'Images +│$'; then
		pass "$1x$2: j past the end: the last line stays"
	else
		fail "$1x$2: j past the end: the last line stays" "screen" "$(tm_last)"
	fi
	tm_keys g
	expect "$1x$2: g in the caption: back to its first line" '│ +Antony Blinken Speaks'
	tm_keys End
	expect "$1x$2: End in the caption: its end" 'Images +│$'
	tm_keys Home
	expect "$1x$2: Home: its start" '│ +Antony Blinken Speaks'
	tm_keys ']'
	tm_sync
	tm_keys q
	expect_gone "$1x$2: q closes the caption" 'Photo caption'
	if tm_wait_top '^NATO Ready for War' && tm_wait_gone 'quote 1/9'; then
		pass "$1x$2: the keys went to the caption, not to the article behind it"
	else
		fail "$1x$2: the keys went to the caption, not to the article behind it" "moved" \
		    "$(tm_last)"
	fi
	tm_keys q
	tm_wait_exit >/dev/null
done

# ---- counts on captions: 2c ----

start 120 40 "$KESTREL"
expect "three photos" '┌ Caption 1/3 '
tm_keys 2 c
expect "2c: caption 2/3" '┌ Caption 2/3 '
tm_keys 3 c
expect "3c: caption 3/3" '┌ Caption 3/3 '
tm_keys 5 c
expect "5c: there are only three" 'there are only 3 photos'
tm_keys q
tm_wait_exit >/dev/null

# ---- defect 15: a YAML error with its line and column on the status line ----

cp "$FIXTURES/bad/yaml-error.md" "$T/yaml-error.md"
start 80 24 "$T/yaml-error.md"
expect "the article's YAML error names file:line:col" 'yaml-error\.md:4:5: error: YAML'
tm_keys q
tm_wait_exit >/dev/null

# ---- defect 15: the Q overlay wraps quotes into the rows it has ----

start 80 24 "$SEED"
expect_body "80x24" '^NATO Ready'
tm_keys Q
expect "Q: the overlay" '^┌ Quotes \(9\)'
expect "a long quotation goes on on the next row" '^│   we will defend every inch of NATO territory\. +│$'
tm_keys q q
tm_wait_exit >/dev/null

# ---- defect 8: one layout for every row of the people pane (44 columns) ----

printf 'side-pane-width: 44\n' >"$CONF"
start 120 40 "$SEED"
expect "120x40: the people pane" '┌ People \(5\)'
tm_screen | sed -n '/┌ People/,/└/p' | sed 's/^.*│┌/┌/; s/^.*││/│/' >"$T/ppane"
# every name row has its counts at the right, every role row none
if grep -Eq '^│ Antony Blinken +[0-9]+ mentions?, [0-9]+ quotes? │$' "$T/ppane" &&
    grep -Eq '^│ Secretary of State +│$' "$T/ppane" &&
    grep -Eq '^│ Jens Stoltenberg +[0-9]+ mentions?, [0-9]+ quotes? │$' "$T/ppane" &&
    grep -Eq '^│ NATO Secretary-General +│$' "$T/ppane" &&
    grep -Eq '^│ Volodymyr Zelensky +[0-9]+ mentions?, [0-9]+ quotes? │$' "$T/ppane" &&
    grep -Eq '^│ President of Ukraine +│$' "$T/ppane"; then
	pass "people pane: name and counts, then the role alone, on every row"
else
	fail "people pane: name and counts, then the role alone, on every row" "pane" "$(cat "$T/ppane")"
fi
tm_keys q
tm_wait_exit >/dev/null
rm -f "$CONF"

# ---- | pipes the article, as byline show prints it ----

"$BYLINE" show "$SEED" >"$T/show.txt"
for size in "120 40" "40 12"; do
	set -- $size
	rm -f "$T/piped"
	start "$1" "$2" "$SEED"
	expect_body "$1x$2: the seed" '^NATO Ready'
	tm_keys '|'
	expect "$1x$2: | asks for a command" '^pipe to:'
	tm_type "cat >$T/piped"
	tm_keys Enter
	expect "$1x$2: the command runs with the terminal; Enter to come back" \
	    'press Enter to return to byline'
	tm_keys Enter
	expect "$1x$2: back in the article, and it says so" "piped to cat"
	if cmp -s "$T/show.txt" "$T/piped"; then
		pass "$1x$2: the command read the article as byline show prints it"
	else
		fail "$1x$2: the command read the article as byline show prints it" "differs" \
		    "$(diff "$T/show.txt" "$T/piped" | head -10)"
	fi
	tm_keys '|'
	tm_type 'exit 3'
	tm_keys Enter
	tm_wait 'press Enter' >/dev/null
	tm_keys Enter
	expect "$1x$2: a failing command: its status said" 'exit 3 exited with( status 3|  )'
	tm_keys q
	tm_wait_exit >/dev/null
done

# ---- E edits the file, then reads it again ----

cat >"$T/ed.sh" <<'EOF'
#!/bin/sh
# an editor that changes the title, as a user would
sed 's/^title: .*/title: "An edited title"/' "$1" >"$1.new" && mv "$1.new" "$1"
EOF
chmod +x "$T/ed.sh"
cp "$SEED" "$T/lib/edit-me.md"
TM_ENV="EDITOR=$T/ed.sh" start 80 24 "$T/lib"
expect "the library" '^ byline — 3 articles'
tm_keys /
tm_type edit-me
tm_keys Enter Enter
expect_body "the article to edit" '^NATO Ready'
tm_keys 5 j
tm_sync
top=$(tm_body | head -n 1)
tm_keys E
expect "E: the file edited, read again: the new title" '^ An edited title'
same_top() {	# the first body line is $top again (a fixed string), within 10 s
	st_end=$(e2e_deadline 10)
	while [ "$(tm_body | head -n 1)" != "$top" ]; do
		[ "$(date +%s)" -ge "$st_end" ] && return 1
		sleep 0.02
	done
}
if [ -n "$top" ] && same_top; then
	pass "E: the reading position kept"
else
	fail "E: the reading position kept" "top was '$top'" "$(tm_last)"
fi
tm_keys q
expect "E: the library read again too" 'An edited title'
tm_keys q
tm_wait_exit >/dev/null

# ---- ? lists the less keys, from the same table as --keys ----

start 120 40 "$SEED"
expect_body "120x40: the seed" '^NATO Ready'
tm_keys '?'
expect "? in an article: the help" '^┌ Help: article'
s=$(tm_last)
missing=
for k in 'j Down e +down one line' 'k Up y +up one line' 'Space PgDn f z +down one page' \
    'Ctrl-D d +down half a page' 'Ctrl-U u +up half a page' 'Enter +down one line; in the' \
    '0-9 +a count before a key' 'Y +copy the current quote' 'c +next photo caption \(a count'; do
	printf '%s\n' "$s" | grep -Eq "│ $k" || missing="$missing [$k]"
done
if [ -z "$missing" ]; then
	pass "? lists e, y, f, z, d, u, Enter, counts, Y and Nc"
else
	fail "? lists e, y, f, z, d, u, Enter, counts, Y and Nc" "missing:$missing" "$s"
fi
tm_keys Escape q
tm_wait_exit >/dev/null

# ---- Y copies (y is less's line up now) ----

start 80 24 "$SEED"
expect_body "80x24" '^NATO Ready'
tm_keys ']' Y
expect "Y: copying a quote (off by default: says how to turn it on)" 'copying is off'
tm_keys q
tm_wait_exit >/dev/null

finish
