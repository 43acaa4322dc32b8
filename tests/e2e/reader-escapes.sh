#!/bin/sh
# reader-escapes.sh: hostile text in an article (escape sequences in the
# title, source, caption, people, body and quotes; C1 controls; bidi
# overrides; SO/SI) never reaches the terminal: the screen stays intact and
# shows visible placeholders, the raw output holds none of the article's
# sequences, and tmux saw no title change and no clipboard write.
. tests/e2e/lib.sh
require_byline

H=$T/hostile
mkdir -p "$H"
# YAML double-quoted strings: \e is ESC, \a is BEL (raw control bytes are not
# allowed in YAML); the body holds raw bytes.
printf -- '---
title: "Hostile \\e]0;PWNED-TITLE\\a title \\e[2Jzq with \\e]52;c;QllMSU5F\\a end"
source: "Src \\e[31mREDSRC"
date: 2021-09-09
people:
  - name: "Evil \\e]0;PWNED-NAME\\a Person"
    role: "Role \\e[5mBLINK"
image:
  title: "Photo \\e]0;PWNED-PHOTO\\a title"
  caption: "Caption \\e]52;c;Q0FQVElPTg==\\a text \\e[2Jzq"
  credit: "Credit \\e[6n person"
---

Body line one \033]0;PWNED-BODY\007 then \033[2Jzq and \033]52;c;Qk9EWQ==\007 and \033[6n, \016shifted\017, C1 \302\23331m and RLO \342\200\256desrever and \033P+q544e\033\\ done.

"A quote from the evil \033]0;PWNED-QUOTE\007 person, said in full," Evil Person said.
' >"$H/hostile.md"
# no front matter: the first line, raw escapes and all, is the title
printf 'Raw \033]0;RAW-PWNED\007 title \033[2Jzq here\n\nAnd a body.\n' >"$H/raw-title.md"

# leaked: the raw output holds one of the article's sequences.
leaked() {
	for seq in "${ESC}]0;PWNED" "${ESC}]0;RAW-PWNED" "${ESC}]52;" "${ESC}[2Jzq" "${ESC}[6n" "${ESC}[31mREDSRC" \
	    "${ESC}[5mBLINK" "$(printf '\016')shifted" "$(printf '\302\233')" "$(printf '\342\200\256')" \
	    "${ESC}P+q" "PWNED-TITLE$BEL"; do
		if raw_has "$seq"; then
			printf '%s\n' "$seq" | od -c | head -n 2
			return 0
		fi
	done
	return 1
}
# intact NAME COLS ROWS FIRST-ROW-REGEX: the screen is whole: ROWS rows, the
# first one as expected, none wider than COLS (with the side panes' boxes,
# every row exactly COLS: nothing cleared, moved or shifted), a status line;
# and tmux saw no title change and no clipboard write.
intact() {
	tm_screen >"$T/intact"
	in_w=$(sed '$d' "$T/intact" | LC_ALL=C awk 'BEGIN { for (i = 0; i < 256; i++) o[sprintf("%c", i)] = i }
	    { w = 0; for (i = 1; i <= length($0); i++) { b = o[substr($0, i, 1)]; if (b < 128 || b >= 192) w++ }
	      print w }' | sort -n | uniq)
	in_max=$(printf '%s\n' "$in_w" | tail -n 1)
	in_title=$(tm_var '#{pane_title}')
	in_buffers=$(tm list-buffers 2>/dev/null)
	in_why=
	[ "$(wc -l <"$T/intact")" -eq "$3" ] || in_why="$in_why rows: $(wc -l <"$T/intact");"
	head -n 1 "$T/intact" | grep -Eq -- "$4" || in_why="$in_why first row wrong;"
	[ "$in_max" -le "$2" ] || in_why="$in_why a row $in_max wide;"
	if head -n 1 "$T/intact" | grep -q '^┌' && [ "$in_w" != "$2" ]; then
		in_why="$in_why box rows of widths $(echo $in_w);"
	fi
	[ -n "$(tail -n 1 "$T/intact")" ] || in_why="$in_why no status line;"
	[ "${in_title#*PWNED}" = "$in_title" ] || in_why="$in_why pane title set to '$in_title';"
	[ -z "$in_buffers" ] || in_why="$in_why clipboard written: $in_buffers;"
	if [ -z "$in_why" ]; then
		pass "$1"
	else
		fail "$1" "$in_why" "$(cat "$T/intact")"
	fi
}

tm_start 120 40 "$H"
expect "library: the header intact" '^ byline — 2 articles, 2 unread'
if grep -q 'Src \^\[\[31mRED[A-Z]*  *Hostile \^\[\]0;PWNED-TITLE\^G title \^\[\[2Jzq with \^\[\]52;c;QllMSU5F\^G' "$T/screen"; then
	pass "library: title and source escapes shown as ^[ and ^G"
else
	fail "library: title and source escapes shown as ^[ and ^G" "row" "$(tm_last)"
fi
if grep -q 'Raw \^\[\]0;RAW-PWNED\^G title \^\[\[2Jzq here' "$T/screen"; then
	pass "library: a raw-byte title (no front matter) shown with placeholders"
else
	fail "library: a raw-byte title (no front matter) shown with placeholders" "row" "$(tm_last)"
fi
intact "library: the screen intact, no title change, no clipboard write" 120 40 '^ byline — 2 articles'

tm_keys Enter
expect_body "article: the title with placeholders" '^Hostile \^\[\]0;PWNED-TITLE\^G title \^\[\[2Jzq with'
if tm_wait_body 'Body line one \^\[\]0;PWNED-BODY\^G then \^\[\[2Jzq and \^\[\]52;c;Qk9EWQ==\^G and \^\[\[6n, \^Nshifted\^O'; then
	pass "article: escapes, SO and SI in the body shown as ^[, ^G, ^N, ^O"
else
	fail "article: escapes, SO and SI in the body shown as ^[, ^G, ^N, ^O" "body" "$(tm_last)"
fi
if tm_wait_body 'C1 <U\+009B>31m and RLO <U\+202E>desrever and \^\[P\+q544e\^\[\\ done'; then
	pass "article: a C1 control, a bidi override and a DCS shown as placeholders"
else
	fail "article: a C1 control, a bidi override and a DCS shown as placeholders" "body" "$(tm_last)"
fi
if sed -n '/┌ Caption/,/└/p' "$T/screen" | tr -d '│' | tr '\n' ' ' | tr -s ' ' |
    grep -q 'Caption \^\[\]52;c;Q0FQVElPTg==\^G text \^\[\[2Jzq'; then
	pass "caption pane: escapes shown as placeholders"
else
	fail "caption pane: escapes shown as placeholders" "pane" "$(tm_last)"
fi
if tm_wait '│ Evil \^\[\]0;PWNED-NAME\^G Person'; then
	pass "people pane: a name with an escape shown with placeholders"
else
	fail "people pane: a name with an escape shown with placeholders" "pane" "$(tm_last)"
fi
if tm_wait '^ Hostile \^\[\]0;PWNED-TITLE\^G title'; then
	pass "status line: the title with placeholders"
else
	fail "status line: the title with placeholders" "status" "$(tm_last)"
fi
intact "article: the screen intact, no title change, no clipboard write" 120 40 '^┌ Article'
tm_keys ']'
tm_sync
intact "article after ]: still intact" 120 40 '^┌ Article'
tm_keys C
expect "the caption full-screen" '^┌ Photo caption'
if tm_wait 'Photo \^\[\]0;PWNED-PHOTO\^G title' && tm_wait 'Credit: Credit \^\[\[6n person'; then
	pass "full-screen caption: title and credit with placeholders"
else
	fail "full-screen caption: title and credit with placeholders" "screen" "$(tm_last)"
fi
intact "full-screen caption: intact" 120 40 '^┌ Photo caption'
tm_keys q
tm_resize 60 20
expect_gone "60x20: narrow layout" '┌ Article'
expect_body "60x20: the title still with placeholders" '^Hostile \^\[\]0;PWNED-TITLE\^G title'
intact "60x20: intact" 60 20 '^ Hostile \^\['
tm_keys q
tm_wait '^ byline — 2 articles' >/dev/null
tm_keys G Enter
expect_body "the raw-title article opens, title with placeholders" '^Raw \^\[\]0;RAW-PWNED\^G title \^\[\[2Jzq here'
intact "the raw-title article: intact" 60 20 '^ Raw \^\['
tm_keys q q
expect_exit0 "quits normally, status 0"
tm_flush_raw
if raw_has 'PWNED-TITLE' && raw_has 'PWNED-BODY' && raw_has 'RAW-PWNED'; then
	pass "raw output: the placeholder text was written (the capture works)"
else
	fail "raw output: the placeholder text was written (the capture works)" "missing from $T/raw"
fi
if what=$(leaked); then
	fail "raw output: none of the article's sequences reached the terminal" "leaked:" "$what"
else
	pass "raw output: none of the article's sequences reached the terminal"
fi

finish
