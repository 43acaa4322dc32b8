#!/bin/sh
# reader-terminal.sh: the reader and the terminal: resizing (120x40 -> 60x20
# -> back, keeping the place), a 20x6 and a 250x70 terminal,
# TERM=xterm-256color, screen, vt100, NO_COLOR, no locale with non-ASCII
# text, Ctrl-C, SIGTERM and SIGHUP restoring the terminal, an unknown TERM,
# and no terminal at all.
. tests/e2e/lib.sh
require_byline

LIB=$T/lib
copy_library "$LIB"
SEED=$LIB/2022-03-04-nato-ready-blinken.md
NONASCII=$T/intl/non-ascii.md
mkdir -p "$T/intl"
cp "$FIXTURES/good/non-ascii.md" "$NONASCII"

fresh() {
	rm -f "$STATE" "$STATE".*
}
# The terminal as byline left it, printed by the pane's shell after it ends.
TM_AFTER='echo "STTY: $(stty -a | tr " ;" "\n\n" | grep -E "^-?(icanon|echo|isig|icrnl|opost|ixon)\$" | tr "\n" " ")"'

# restored NAME: after byline ended: normal screen, cursor shown, keypad and
# mouse modes off (tmux's view of the pane), and a sane tty (stty).
restored() {
	if ! tm_wait 'BYLINE-DONE'; then
		fail "$1" "the shell never got the terminal back" "$(tm_last)"
		return 1
	fi
	rs_flags=$(tm_var 'alt=#{alternate_on} cursor=#{cursor_flag} keypad=#{keypad_cursor_flag} mouse=#{mouse_any_flag}')
	rs_stty=$(grep -a '^STTY: ' "$T/screen")
	if [ "$rs_flags" = "alt=0 cursor=1 keypad=0 mouse=0" ] && [ -n "$rs_stty" ] &&
	    ! printf '%s\n' "$rs_stty" | grep -q ' -' &&
	    printf '%s\n' "$rs_stty" | grep -q 'icanon' && printf '%s\n' "$rs_stty" | grep -q 'echo'; then
		pass "$1"
	else
		fail "$1" "terminal left as: $rs_flags; $rs_stty" "$(tm_last)"
	fi
}

# display_width: the display width of each line on stdin (UTF-8; CJK and
# other East Asian wide characters count two).
display_width() {
	LC_ALL=C awk 'BEGIN { for (i = 0; i < 256; i++) ord[sprintf("%c", i)] = i }
	{
		w = 0
		n = length($0)
		for (i = 1; i <= n; i++) {
			b = ord[substr($0, i, 1)]
			if (b < 128 || b >= 192) w++
			# lead bytes e3-e9 and ea-ed (U+3000-U+D7FF) start wide characters
			if (b >= 227 && b <= 237) w++
		}
		print w
	}'
}

# ---- resize 120x40 -> 60x20 -> 120x40, keeping the paragraph at the top ----

fresh
tm_start 120 40 "$SEED"
expect "120x40: the four panes" '^┌ Article .*┌ Quotes'
tm_body >"$T/body"
n=$(grep -n '^Ukraine is not a member of NATO' "$T/body" | cut -d: -f1)
if [ -n "$n" ]; then
	i=1
	while [ "$i" -lt "$n" ]; do
		tm_keys j
		i=$((i + 1))
	done
fi
if tm_wait_top '^Ukraine is not a member of NATO, but'; then
	pass "120x40: scrolled so that 'Ukraine is not a member...' is the top line"
else
	fail "120x40: scrolled so that 'Ukraine is not a member...' is the top line" "top" "$(tm_last)"
fi
wide_top=$(tm_body | head -n 1)
tm_resize 60 20
if tm_wait_gone '┌ Article' && tm_wait '^.{0,60}$'; then
	pass "60x20: relayout at once, the side panes gone"
else
	fail "60x20: relayout at once, the side panes gone" "screen" "$(tm_last)"
fi
if tm_wait_top '^Ukraine is not a member of'; then
	pass "60x20: the same paragraph at the top"
else
	fail "60x20: the same paragraph at the top" "top line: $(tm_body | head -n 1)" "$(tm_last)"
fi
narrow_top=$(tm_body | head -n 1)
if [ "$(printf '%s\n' "$narrow_top" | display_width)" -le 58 ] && [ "$narrow_top" != "$wide_top" ] &&
    [ "${wide_top#"$narrow_top"}" != "$wide_top" ] && [ "$(tm_screen | display_width | sort -n | tail -n 1)" -le 60 ]; then
	pass "60x20: the text rewrapped to the narrower width"
else
	fail "60x20: the text rewrapped to the narrower width" "top '$narrow_top' (was '$wide_top')" "$(tm_screen)"
fi
if tm_wait '  read$'; then
	pass "60x20: the status line is there"
else
	fail "60x20: the status line is there" "status" "$(tm_last)"
fi
tm_resize 120 40
expect "back to 120x40: the four panes again" '^┌ Article .*┌ Quotes'
if tm_wait_top "^Ukraine is not a member of NATO, but" && [ "$(tm_body | head -n 1)" = "$wide_top" ]; then
	pass "back to 120x40: the same line at the top as before"
else
	fail "back to 120x40: the same line at the top as before" "top: $(tm_body | head -n 1)" "$(tm_last)"
fi
if [ "$(tm_screen | sed '$d' | display_width | sort -u)" = 120 ]; then
	pass "120x40: every row exactly 120 columns (borders in place)"
else
	fail "120x40: every row exactly 120 columns (borders in place)" "widths" "$(tm_screen | display_width | sort | uniq -c)"
fi
# down to 20x6 and back: still alive, still at the same place
tm_resize 20 6
if tm_wait_gone '┌ Article' && tm_wait '^.{1,20}$'; then
	pass "resize to 20x6: something drawn"
else
	fail "resize to 20x6: something drawn" "screen" "$(tm_last)"
fi
tm_resize 120 40
if tm_wait '^┌ Article' && tm_wait_top "^Ukraine is not a member of NATO, but"; then
	pass "20x6 and back to 120x40: alive, same place"
else
	fail "20x6 and back to 120x40: alive, same place" "screen" "$(tm_last)"
fi
tm_keys q
expect_exit0 "after the resizes, q quits with status 0"

# ---- a 20x6 terminal ----

fresh
tm_start 20 6 "$LIB"
expect "20x6 library: the name in the header" '^ byline'
if tm_wait '^ ● NATO Ready for' && [ "$(tm_screen | display_width | sort -n | tail -n 1)" -le 20 ]; then
	pass "20x6 library: rows cut to fit (marker and title start)"
else
	fail "20x6 library: rows cut to fit (marker and title start)" "screen" "$(tm_last)"
fi
tm_keys Enter
expect "20x6: Enter opens the article (its title)" '^ NATO Ready for'
expect "20x6: the status line says read" ' read$'
tm_keys space '?'
expect "20x6: the help box" 'Help'
expect "20x6: the help says there is more below" 'j: more'
# shellcheck disable=SC2046
tm_keys $(i=0; while [ $i -lt 300 ]; do printf 'j '; i=$((i + 1)); done)
expect_gone "20x6: j scrolls the help to its end (no more below)" 'j: more'
tm_keys k
expect "20x6: k scrolls back at once (j went no further than the end)" 'j: more'
tm_keys Escape q
expect "20x6: q goes back to the library" '^ byline'
tm_keys q
expect_exit0 "20x6: q quits, status 0"

# ---- a 250x70 terminal ----

fresh
tm_start 250 70 "$SEED"
expect "250x70: the four panes" '^┌ Article .*┌ Quotes'
if [ "$(tm_screen | sed '$d' | display_width | sort -u)" = 250 ]; then
	pass "250x70: every row exactly 250 columns (borders in place)"
else
	fail "250x70: every row exactly 250 columns (borders in place)" "widths" \
	    "$(tm_screen | display_width | sort | uniq -c)"
fi
# the text keeps a readable measure, however wide the pane
body_max=$(tm_body | sed 1d | display_width | sort -n | tail -n 1)
if tm_wait_body 'Secretary of State Antony Blinken has said' && [ "${body_max:-0}" -gt 60 ] &&
    [ "$body_max" -le 100 ]; then
	pass "250x70: the text wrapped at a reading measure ($body_max columns at most)"
else
	fail "250x70: the text wrapped at a reading measure" "widest body line $body_max" "$(tm_screen)"
fi
if tm_wait '│ 9 Jens Stoltenberg +│' && tm_wait '│ Credit: Darrian Traynor/Getty Images +│'; then
	pass "250x70: all nine quotes and the whole caption with its credit at once"
else
	fail "250x70: all nine quotes and the whole caption with its credit at once" "screen" "$(tm_last)"
fi
tm_keys ] ] ] ] ] ] ] ] ]
if tm_wait 'quote 9/9 ' && tm_wait_body 'Allies agree that we should not have NATO planes'; then
	pass "250x70: ] nine times lands on the ninth quote"
else
	fail "250x70: ] nine times lands on the ninth quote" "screen" "$(tm_last)"
fi
tm_keys q
expect_exit0 "250x70: q quits, status 0"

# ---- terminal types and NO_COLOR ----

# colours_in_raw: did byline set a foreground or background colour?
colours_in_raw() {
	LC_ALL=C grep -Eq "${ESC}\\[([0-9;]*;)?(3[0-7]|4[0-7]|38;5;[0-9]+|48;5;[0-9]+)(;[0-9;]*)?m" "$T/raw"
}
# term_session NAME COLOURS(yes|no): library, open the seed, back, quit.
term_session() {
	fresh
	tm_start 120 40 "$LIB"
	if ! tm_wait '^ byline — 6 articles, 6 unread'; then
		fail "$1: the library" "never drawn" "$(tm_last)"
		return 1
	fi
	tm_keys Enter
	if tm_wait '^┌ Article ─+┐┌ Quotes' && tm_wait_body '^NATO Ready for War' &&
	    tm_wait '^└─+┘└─+┘$' && tm_wait '│ Credit: Darrian Traynor/Getty Images +│'; then
		pass "$1: the article with its boxes and text"
	else
		fail "$1: the article with its boxes and text" "screen" "$(tm_last)"
	fi
	tm_keys q q
	if tm_wait_exit && [ "$TM_EXIT" = 0 ]; then
		pass "$1: quits with status 0"
	else
		fail "$1: quits with status 0" "status '$TM_EXIT'" "$(tm_last)"
	fi
	restored "$1: the terminal is restored"
	tm_flush_raw
	if [ "$2" = yes ]; then
		if colours_in_raw; then
			pass "$1: colours are used"
		else
			fail "$1: colours are used" "no colour sequences in the output"
		fi
	else
		if ! colours_in_raw; then
			pass "$1: no colour at all"
		else
			fail "$1: no colour at all" "colour sequences written" \
			    "$(LC_ALL=C grep -Eo "${ESC}\\[[0-9;]*m" "$T/raw" | sort | uniq -c | cat -v | head)"
		fi
	fi
}
TM_TERM=xterm-256color term_session "TERM=xterm-256color" yes
TM_TERM=screen term_session "TERM=screen" yes
TM_TERM=vt100 term_session "TERM=vt100" no
TM_TERM=xterm-256color TM_ENV=NO_COLOR=1 term_session "NO_COLOR=1 (xterm-256color)" no

# NO_COLOR: the current quote still stands out (reverse video)
fresh
TM_ENV=NO_COLOR=1 tm_start 120 40 "$SEED"
tm_wait 'Quotes \([0-9]+\)' >/dev/null
tm_keys ']'
if tm_wait 'quote 1/9' && tm capture-pane -e -p -t t | grep -Eq "$(sgr_with 7)($SGR)*\"Ours is a defensive"; then
	pass "NO_COLOR: the current quote in reverse video"
else
	fail "NO_COLOR: the current quote in reverse video" "no reverse video" "$(tm capture-pane -e -p -t t | cat -v | head -20)"
fi

# ---- no locale at all, and LC_ALL=C: non-ASCII text still right ----

intl_session() {
	fresh
	tm_start 120 40 "$T/intl"
	# (the quote count may follow at the right, once the analysis has it)
	if tm_wait '^ ● 2023-07-01  Le Courrier d’essai +Notes from Vérinay: a poet, a translator and a café( +[0-9]+)?$'; then
		pass "$1: the library row with accents and a curly apostrophe"
	else
		fail "$1: the library row with accents and a curly apostrophe" "row" "$(tm_last)"
	fi
	if [ "$1" != "LANG and LC_ALL unset" ]; then
		:	# checked once is enough
	elif grep -q '^ ● 2023-07-01  Le Courrier d’essai  Notes from' "$T/screen"; then
		pass "$1: the title column two spaces after a non-ASCII source (widths, not bytes)"
	else
		fail "$1: the title column two spaces after a non-ASCII source (widths, not bytes)" \
		    "the source column is sized in bytes: 'Le Courrier d’essai' (19 columns, 21 bytes) is padded to 21" \
		    "$(grep 'Le Courrier' "$T/screen")"
	fi
	tm_keys Enter
	if tm_wait_body 'On the first evening in Vérinay, the poet 林語萱 read three short poems' &&
	    tm_wait_body 'Zoë Ågren-Ñúñez' && tm_wait_body '東京から来た翻訳者たちも参加した。'; then
		pass "$1: the body shows Vérinay, 林語萱, Zoë Ågren-Ñúñez and Japanese"
	else
		fail "$1: the body shows Vérinay, 林語萱, Zoë Ågren-Ñúñez and Japanese" "body" "$(tm_last)"
	fi
	if tm_wait '│ Credit: Ørjan Ødegård/Test Photo +│' && tm_wait '│ 林語萱 '; then
		pass "$1: the caption and people panes show the names"
	else
		fail "$1: the caption and people panes show the names" "panes" "$(tm_last)"
	fi
	if [ "$(tm_screen | sed '$d' | display_width | sort -u)" = 120 ]; then
		pass "$1: wide characters take two columns (every row 120 wide)"
	else
		fail "$1: wide characters take two columns (every row 120 wide)" "widths" \
		    "$(tm_screen | display_width | sort | uniq -c; tm_screen)"
	fi
	tm_keys q q
	if tm_wait_exit && [ "$TM_EXIT" = 0 ]; then
		pass "$1: quits with status 0"
	else
		fail "$1: quits with status 0" "status '$TM_EXIT'" "$(tm_last)"
	fi
}
TM_LANG= intl_session "LANG and LC_ALL unset"
TM_LANG= TM_ENV=LC_ALL=C intl_session "LC_ALL=C"

# ---- Ctrl-C, SIGTERM, SIGHUP: the terminal always comes back ----

fresh
tm_start 100 30 "$LIB"
tm_wait '^ byline — ' >/dev/null
tm_keys C-c
if tm_wait_exit && { [ "$TM_EXIT" = 0 ] || [ "$TM_EXIT" = 130 ]; }; then
	pass "Ctrl-C in the library quits (status $TM_EXIT)"
else
	fail "Ctrl-C in the library quits" "status '$TM_EXIT'" "$(tm_last)"
fi
restored "Ctrl-C in the library: the terminal is restored"

tm_start 100 30 "$LIB"
tm_wait '^ byline — ' >/dev/null
tm_keys Enter
tm_wait '┌ Article' >/dev/null
tm_keys /
tm_wait '^/$' >/dev/null
tm_type 'half typed'
tm_wait '^/half typed' >/dev/null
tm_keys C-c
if tm_wait_exit && { [ "$TM_EXIT" = 0 ] || [ "$TM_EXIT" = 130 ]; }; then
	pass "Ctrl-C at the search prompt in an article quits (status $TM_EXIT)"
else
	fail "Ctrl-C at the search prompt in an article quits" "status '$TM_EXIT'" "$(tm_last)"
fi
restored "Ctrl-C in an article: the terminal is restored"
if tm_wait 'BYLINE-DONE' && [ "$(tm_var '#{cursor_y}')" -le 5 ]; then
	pass "after Ctrl-C the shell's output starts at the top of a clean screen"
else
	fail "after Ctrl-C the shell's output starts at the top of a clean screen" "cursor row $(tm_var '#{cursor_y}')" "$(tm_last)"
fi

for sig in TERM:15 HUP:1; do
	num=${sig#*:}
	sig=${sig%:*}
	tm_start 100 30 "$LIB"
	tm_wait '^ byline — ' >/dev/null
	tm_keys Enter
	tm_wait '┌ Article' >/dev/null
	pid=$(tm_pid)
	if [ -n "$pid" ] && kill -s $sig "$pid"; then
		if tm_wait_exit; then
			want=$((128 + num))
			if [ "$TM_EXIT" = "$want" ] || [ "$TM_EXIT" = 0 ]; then
				pass "SIG$sig: byline ends (status $TM_EXIT)"
			else
				fail "SIG$sig: byline ends" "status $TM_EXIT"
			fi
		else
			fail "SIG$sig: byline ends" "still running" "$(tm_last)"
		fi
		restored "SIG$sig: the terminal is restored"
	else
		fail "SIG$sig: byline ends" "no pid to signal"
	fi
done

# ---- a monkey: 400 random keys (a fixed sequence) with resizes between ----

MONKEY=$T/monkey
copy_library "$MONKEY"
cp "$FIXTURES/good/non-ascii.md" "$MONKEY/"
printf 'Raw \033]0;X\007 title\n\nA body.\n' >"$MONKEY/raw.md"
: >"$MONKEY/empty.md"
for seed in 1 2; do
	fresh
	tm_start 100 30 "$MONKEY"
	tm_wait '^ byline — ' >/dev/null
	# eight keys a line; no q and no Ctrl-C, which would end it
	awk -v seed=$seed 'BEGIN { srand(seed)
	    n = split("j k g G ] [ Tab BTab Enter Q P C c 1 2 3 r u / n N Escape ? J K U Up Down " \
	        "Left Right NPage PPage Home End C-d C-u space b h l x a B", k, " ")
	    for (i = 0; i < 400; i++) printf "%s%s", k[int(rand() * n) + 1], i % 8 == 7 ? "\n" : " " }' >"$T/keys"
	i=0
	while read -r line; do
		# shellcheck disable=SC2086
		tm_keys $line
		i=$((i + 1))
		if [ $((i % 6)) -eq 0 ]; then
			size=$(echo "120x40 60x20 20x6 100x30 33x9 80x24 150x50 21x7" | cut -d ' ' -f $(((i / 6) % 8 + 1)))
			tm_resize "${size%x*}" "${size#*x}"
		fi
	done <"$T/keys"
	tm_resize 100 30
	tm_keys Escape Escape Escape
	if tm_wait '  (read|unread)$| shown' && kill -0 "$(tm_pid)" 2>/dev/null; then
		pass "monkey $seed: 400 keys and 8 sizes later, byline is alive and drawing"
	else
		fail "monkey $seed: 400 keys and 8 sizes later, byline is alive and drawing" "screen" "$(tm_last)"
	fi
	n=0
	while ! grep -q 'BYLINE-EXIT=' "$T/raw" && [ $n -lt 6 ]; do
		tm_keys q
		sleep 0.1
		n=$((n + 1))
	done
	if tm_wait_exit && [ "$TM_EXIT" = 0 ]; then
		pass "monkey $seed: q (a few times) quits with status 0"
	else
		fail "monkey $seed: q (a few times) quits with status 0" "status '$TM_EXIT'" "$(tm_last)"
	fi
	restored "monkey $seed: the terminal is restored"
done

# ---- no usable terminal ----

fresh
TM_TERM=no-such-terminal-type tm_start 80 24 "$LIB"
if tm_wait_exit && [ "$TM_EXIT" != 0 ] && tm_wait 'cannot use the terminal type "no-such-terminal-type"'; then
	pass "an unknown TERM: a clear message, status $TM_EXIT"
else
	fail "an unknown TERM: a clear message" "status '$TM_EXIT'" "$(tm_last)"
fi
restored "an unknown TERM: the terminal is left sane"
tm_stop

"$BYLINE" --state "$STATE" "$LIB" </dev/null >"$T/out" 2>"$T/err"
rc=$?
if [ "$rc" -eq 2 ] && grep -q 'needs a terminal' "$T/err" && [ ! -s "$T/out" ]; then
	pass "no terminal: the reader says it needs one, status 2"
else
	fail "no terminal: the reader says it needs one, status 2" "status $rc" "$(cat "$T/out" "$T/err")"
fi

finish
