#!/bin/sh
# reader-quotes.sh: the quotes, people and caption panes of the article view:
# ] and [ through the nine quotes of the seed, Enter in the quotes pane, the
# people filter, the caption and its credit, several captions, and the
# narrow layout's Q / P / C overlays.
. tests/e2e/lib.sh
require_byline

SEED=$(copy_seed "$T/lib")
KESTREL=$T/lib/2021-04-14-kestrel-bay-footbridge.md
cp "$E2E_ROOT/articles/2021-04-14-kestrel-bay-footbridge.md" "$KESTREL"

# The seed's nine quotes in order: speaker | first words | last words.
QUOTES='Antony Blinken|Ours is a defensive alliance|Ours is a defensive alliance,
Antony Blinken|We seek no conflict. But if conflict|defend every inch of NATO territory.
Antony Blinken|At the same time, as the secretary-general says|will further inform that future,
Jens Stoltenberg|With cities under siege, schools|many civilians killed or wounded,
Jens Stoltenberg|The days to come are likely to be worse|and more destruction.
Jens Stoltenberg|We are not part of this conflict|with even more human suffering.
Volodymyr Zelensky|We want a no-fly zone because our people|and bomber planes, are coming,
Volodymyr Zelensky|If you don.t have the strength to provide|Would that not be fair\?
Jens Stoltenberg|Allies agree that we should not have NATO planes|NATO troops on Ukrainian territory.'

# fresh: forget read marks and reading positions (each session starts at the top).
fresh() {
	rm -f "$STATE" "$STATE".*
}

quote_field() {	# quote_field N FIELD
	printf '%s\n' "$QUOTES" | sed -n "${1}p" | cut -d '|' -f "$2"
}

# highlighted TEXT: in the body, the quote whose first word is TEXT's is
# drawn highlighted (reverse video, or a background colour) from its opening
# mark on. (Other quotes have a foreground colour only; the quotes pane's
# selection has no quotation mark.)
highlighted() {
	tm capture-pane -e -p -t t | grep -Eq "$(sgr_with '7|4[0-7]')($SGR)*[\"“]${1%% *}([ ,.]|$ESC|\$)"
}

# at_quote NAME I N [Q [PREFIX]]: the status says "PREFIXquote I/N", the
# whole of quote Q (default I) of $QUOTES is in the body, and it is highlighted.
at_quote() {
	if [ "$HAVE_QUOTES" != yes ]; then
		fail "$1" "not tried: the analysis did not find the seed's nine quotes"
		return 1
	fi
	aq_q=${4:-$2}
	aq_first=$(quote_field "$aq_q" 2)
	aq_last=$(quote_field "$aq_q" 3)
	if ! tm_wait "${5:-}quote $2/$3  "; then
		fail "$1" "the status never said '${5:-}quote $2/$3'" "$(tm_last)"
		return 1
	fi
	if ! tm_wait_body "$aq_first" || ! tm_wait_body "$aq_last"; then
		fail "$1" "quote $aq_q ('$aq_first ... $aq_last') is not wholly in the body" "$(tm_last)"
		return 1
	fi
	if ! highlighted "$aq_first"; then
		fail "$1" "quote $aq_q is not highlighted in the body" "$(tm capture-pane -e -p -t t | cat -v)"
		return 1
	fi
	pass "$1"
}

# ---- ] and [ through the seed's nine quotes (120x40: every pane shown) ----

fresh; tm_start 120 40 "$SEED"
expect "the seed opens with the four panes" '^┌ Article .*┌ Quotes'
# Once the analysis is done, the panes have their counts. When the seed's
# nine quotes are not found, the checks that walk through them fail at once
# instead of each waiting for its timeout.
HAVE_QUOTES=no
HAVE_PEOPLE=no
if tm_wait 'Quotes \([0-9]+\)' && tm_wait 'Quotes \(9\)'; then
	pass "the quotes pane counts nine quotes"
	HAVE_QUOTES=yes
else
	fail "the quotes pane counts nine quotes" "wanted 'Quotes (9)'" "$(tm_last)"
fi
if tm_wait 'People \([0-9]+\)' && ! tm_wait 'People \([0-2]\)' 0; then
	HAVE_PEOPLE=yes
fi
expect "the status line says 9 quotes" ' 9 quotes  0%  read$'
if tm_wait '│ 1 Antony Blinken +│' && tm_wait '│   Ours is a defensive alliance, +│' &&
    tm_wait '│ 4 Jens Stoltenberg +│'; then
	pass "the quotes pane lists number, speaker and the start of each quote"
else
	fail "the quotes pane lists number, speaker and the start of each quote" "pane" "$(tm_last)"
fi
# focused NAME: the border of pane NAME, and only it, is drawn highlighted
# (bold, maybe coloured).
focused() {
	fo_end=$(e2e_deadline 10)
	while :; do
		tm capture-pane -e -p -t t | head -n 40 >"$T/cap"
		fo_on=$(LC_ALL=C grep -Eo "$(sgr_with 1)($SGR)*┌ [A-Z][a-z]*" "$T/cap" |
		    sed 's/.*┌ //' | sort -u | tr '\n' ' ')
		[ "$fo_on" = "$1 " ] && return 0
		[ "$(date +%s)" -ge "$fo_end" ] && return 1
		sleep 0.02
	done
}
# focus_step NAME KEY PANE: press KEY, then PANE must be the focused one.
focus_step() {
	tm_keys "$2"
	if focused "$3"; then
		pass "$1"
	else
		fail "$1" "highlighted borders: '$fo_on', wanted '$3'" "$(cat -v "$T/cap" | head -n 3)"
	fi
}
if focused Article; then
	pass "focus: the Article pane's border is highlighted at first"
else
	fail "focus: the Article pane's border is highlighted at first" "highlighted: '$fo_on'" "$(cat -v "$T/cap" | head -n 3)"
fi
focus_step "focus: Tab moves it to Quotes" Tab Quotes
focus_step "focus: Tab moves it to People" Tab People
focus_step "focus: Tab moves it to Caption" Tab Caption
focus_step "focus: Tab goes round to Article" Tab Article
focus_step "focus: Shift-Tab goes back to Caption" BTab Caption
focus_step "focus: Shift-Tab to People" BTab People
tm_keys BTab BTab
focused Article >/dev/null

i=1
while [ $i -le 9 ]; do
	tm_keys ']'
	at_quote "] goes to quote $i/9 ($(quote_field $i 1): \"$(quote_field $i 2)...\")" $i 9 || break
	i=$((i + 1))
done
if [ $i -gt 9 ]; then
	tm_keys ']'
	if tm_wait 'last quote|wrapped' && tm_wait 'quote 1/9  '; then
		pass "] at the last quote wraps to the first and says so"
	else
		fail "] at the last quote wraps to the first and says so" "status" "$(tm_last)"
	fi
	tm_keys '['
	if tm_wait 'first quote|wrapped' && tm_wait 'quote 9/9  '; then
		pass "[ at the first quote wraps to the last and says so"
	else
		fail "[ at the first quote wraps to the last and says so" "status" "$(tm_last)"
	fi
	i=8
	while [ $i -ge 1 ]; do
		tm_keys '['
		at_quote "[ goes back to quote $i/9 (\"$(quote_field $i 2)...\")" $i 9 || break
		i=$((i - 1))
	done
fi

# Enter on a quote in the quotes pane: Tab focuses the pane
tm_keys g Tab
tm_sync
tm_keys j j Enter
at_quote "quotes pane: Tab, j j, Enter jumps to quote 3/9" 3 9
tm_keys G Enter
at_quote "quotes pane: G, Enter jumps to quote 9/9" 9 9
tm_keys g Enter
at_quote "quotes pane: g, Enter jumps back to quote 1/9" 1 9

# ---- the people pane and its filter ----

tm_keys Tab
tm_sync
tm_screen | sed -n '/┌ People/,/└/p' | sed 's/^.*│┌/┌/; s/^.*││/│/' >"$T/ppane"
if grep -q '^│ Antony Blinken\( .*\)\{0,1\}│$' "$T/ppane" && grep -q '^│ Secretary of State\( .*\)\{0,1\}│$' "$T/ppane" &&
    grep -q '^│ Jens Stoltenberg\( .*\)\{0,1\}│$' "$T/ppane" && grep -q '^│ NATO Secretary-General\( .*\)\{0,1\}│$' "$T/ppane" &&
    grep -q '^│ Volodymyr Zelensky\( .*\)\{0,1\}│$' "$T/ppane" && grep -q '^│ President of Ukraine\( .*\)\{0,1\}│$' "$T/ppane"; then
	pass "people pane: the three people with their roles"
else
	fail "people pane: the three people with their roles" "pane" "$(cat "$T/ppane")"
fi
if tm_wait '[0-9]+ mentions?, 3 quotes │' && tm_wait '[0-9]+ mentions?, 2 quotes │' &&
    tm_wait '[0-9]+ mentions?, 4 quotes │'; then
	pass "people pane at 120 columns: mention and quote counts for all three (3, 4, 2 quotes)"
else
	fail "people pane at 120 columns: mention and quote counts for all three (3, 4, 2 quotes)" \
	    "counts missing" "$(tm_last)"
fi

# pick_person NAME: Enter on each row of the focused people pane until NAME's
# quotes are shown; 1 if nobody of that name is in the first eight rows.
pick_person() {
	pp_n=0
	while [ $pp_n -lt 8 ]; do
		tm_keys Enter
		if ! tm_wait 'showing the quotes of [^(]* \([0-9]+\)'; then
			return 1
		fi
		if grep -q "showing the quotes of $1 (" "$T/screen"; then
			return 0
		fi
		tm_keys Enter	# lift it, then the next person
		tm_wait 'showing every quote' || return 1
		tm_keys j
		pp_n=$((pp_n + 1))
	done
	return 1
}
# person_filter NAME Q...: Enter on NAME in the people pane limits the quotes
# to theirs (quotes Q... of $QUOTES), and ] walks through exactly those.
person_filter() {
	pf_name=$1
	shift
	pf_n=$#
	if [ "$HAVE_PEOPLE" != yes ]; then
		fail "people filter: Enter on $pf_name" "not tried: the people pane lists fewer than three people"
		return 1
	fi
	tm_keys g
	if ! pick_person "$pf_name"; then
		fail "people filter: Enter on $pf_name" "could not select $pf_name" "$(tm_last)"
		return 1
	fi
	if grep -q "showing the quotes of $pf_name ($pf_n); Enter again shows all" "$T/screen" &&
	    tm_wait "Quotes by $pf_name \\($pf_n\\)"; then
		pass "people filter: Enter on $pf_name: 'showing the quotes of $pf_name ($pf_n)'"
	else
		fail "people filter: Enter on $pf_name: 'showing the quotes of $pf_name ($pf_n)'" \
		    "message or pane title" "$(tm_last)"
		tm_keys Enter	# lift whatever it is, and skip the walk
		tm_wait 'showing every quote' 3 >/dev/null
		return 1
	fi
	# their mentions are highlighted (underlined) in the body
	if [ "${PF_MENTIONS:-}" = "$pf_name" ]; then
		if tm capture-pane -e -p -t t | LC_ALL=C grep -Eq "$(sgr_with 4)($SGR)*(Jens )?Stoltenberg"; then
			pass "people filter: $pf_name's mentions underlined in the body"
		else
			fail "people filter: $pf_name's mentions underlined in the body" "no underline" \
			    "$(tm capture-pane -e -p -t t | grep Stoltenberg | cat -v)"
		fi
	fi
	# the quotes pane lists only theirs
	tm_screen | sed -n '/Quotes by/,/└/p' | sed 's/^.*┐┌//; s/^.*││//' >"$T/qpane"
	pf_rows=$(grep -cE "^ [0-9]+ $pf_name " "$T/qpane")
	pf_other=$(grep -E '^ [0-9]+ ' "$T/qpane" | grep -v "^ [0-9]* $pf_name ")
	if [ -z "$pf_other" ] && [ "$pf_rows" -eq "$pf_n" ]; then
		pass "people filter: the quotes pane lists only $pf_name's $pf_n quotes"
	else
		fail "people filter: the quotes pane lists only $pf_name's $pf_n quotes" \
		    "$pf_rows rows of theirs; others: $pf_other" "$(tm_screen)"
	fi
	tm_keys Tab Tab		# people -> caption -> body
	pf_i=1
	for pf_q; do
		tm_keys ']'
		at_quote "people filter: ] goes to $pf_name's quote $pf_i/$pf_n (the seed's #$pf_q)" \
		    "$pf_i" "$pf_n" "$pf_q" "$pf_name: " || break
		pf_i=$((pf_i + 1))
	done
	tm_keys Tab Tab		# body -> quotes -> people
	tm_sync
	tm_keys Enter
	if tm_wait 'showing every quote' && tm_wait 'Quotes \(9\)'; then
		pass "people filter: Enter again on $pf_name lifts it: Quotes (9)"
	else
		fail "people filter: Enter again on $pf_name lifts it: Quotes (9)" "pane" "$(tm_last)"
	fi
}
# (the body still shows quote 1, with "Jens Stoltenberg" named just above it)
PF_MENTIONS="Jens Stoltenberg" person_filter "Jens Stoltenberg" 4 5 6 9
person_filter "Volodymyr Zelensky" 7 8
person_filter "Antony Blinken" 1 2 3

# ---- the mouse (X10 reports, as a terminal sends them) ----

tm_click 10 10
if focused Article; then
	pass "mouse: a click in the body focuses the Article pane"
else
	fail "mouse: a click in the body focuses the Article pane" "highlighted: '$fo_on'" "$(cat -v "$T/cap" | head -n 3)"
fi
tm_keys g
tm_wait_top '^NATO Ready for War' >/dev/null
tm_snap
tm_wheel down 10 10
if tm_wait_scrolled 3; then
	pass "mouse: the wheel over the body scrolls it three rows"
else
	fail "mouse: the wheel over the body scrolls it three rows" "body" "$(tm_last)"
fi
tm_wheel up 10 10
if tm_wait_scrolled -3; then
	pass "mouse: the wheel up scrolls back"
else
	fail "mouse: the wheel up scrolls back" "body" "$(tm_last)"
fi
# the quotes pane: two rows per quote from row 1, so quote 5 is on row 9
tm_click 90 9
at_quote "mouse: a click on quote 5 in the quotes pane jumps to it" 5 9
# the people pane: a click on a person's name filters the quotes
prow=$(tm_screen | grep -n '┌ People' | cut -d: -f1)
if [ -n "$prow" ]; then
	tm_click 90 "$prow"	# the first person's name (row prow, counted from 0)
	if tm_wait 'showing the quotes of [^(]* \([0-9]+\)' && tm_wait 'Quotes by '; then
		pass "mouse: a click on a person shows only their quotes"
	else
		fail "mouse: a click on a person shows only their quotes" "no filter" "$(tm_last)"
	fi
	tm_click 90 "$prow"
	expect "mouse: a second click lifts the filter" 'showing every quote'
else
	fail "mouse: a click on a person shows only their quotes" "no People pane" "$(tm_screen)"
fi

# ---- the caption ----

tm_keys q
tm_wait_exit >/dev/null
fresh; tm_start 120 40 "$SEED"
expect "caption pane: the photo title" '│ Antony Blinken Speaks at a Press'
expect "caption pane: the credit, Darrian Traynor/Getty Images" '│ Credit: Darrian Traynor/Getty Images +│'
caption_text=$(sed -n '/┌ Caption/,/└/p' "$T/screen" | sed 's/^.*││//; s/│$//' | tr '\n' ' ' | tr -s ' ')
if printf '%s\n' "$caption_text" | grep -q 'Secretary of State Antony Blinken speaks at a joint press' &&
    printf '%s\n' "$caption_text" | grep -q 'but is not seeking it\.'; then
	pass "caption pane: the caption text, first and last words"
else
	fail "caption pane: the caption text, first and last words" "pane" "$(tm_last)"
fi
tm_keys C
expect "C opens the caption full-screen" '^┌ Photo caption 1/1'
if tm_wait 'Credit: Darrian Traynor/Getty Images' && tm_wait_gone '┌ Quotes'; then
	pass "full-screen caption: the credit, over the panes"
else
	fail "full-screen caption: the credit, over the panes" "screen" "$(tm_last)"
fi
tm_keys q
expect "q closes the full-screen caption (the article stays)" '^┌ Article .*┌ Quotes'
tm_keys 2
expect "2 on an article with one photo: says so" 'there is only 1 photo'

# several captions: Kestrel Bay has three
fresh; tm_start 120 40 "$KESTREL"
expect "three photos: 'Caption 1/3'" '┌ Caption 1/3 '
expect "caption 1: its title" '│ Crowds cross the rebuilt footbridge'
tm_keys c
expect "c: caption 2/3" '┌ Caption 2/3 '
expect "caption 2: its title" '│ The mayor cuts the ribbon'
tm_keys 3
expect "3: caption 3/3" '┌ Caption 3/3 '
expect "caption 3: its title and credit" 'Credit: Jonah Ferris/Byline Sample'
tm_keys c
expect "c after the last: caption 1/3 again" '┌ Caption 1/3 '
tm_keys 2 C
expect "C on caption 2: 'Photo caption 2/3' full-screen" '^┌ Photo caption 2/3'
expect "full-screen caption 2: its caption text" 'Mayor Gordon Pell cuts a ribbon'

# ---- narrow: Q, P and C as overlays ----

fresh; tm_start 80 24 "$SEED"
expect_body "80x24: the body alone" "^NATO Ready for War"
if tm_wait_gone '┌ Quotes|┌ People|┌ Caption'; then
	pass "80x24: no side panes"
else
	fail "80x24: no side panes" "panes shown" "$(tm_last)"
fi
tm_keys Q
expect "Q: the quotes overlay" '^┌ Quotes \([0-9]+\)'
expect "the quotes overlay counts nine" '^┌ Quotes \(9\)'
expect "the quotes overlay lists the speakers" '│ 1 Antony Blinken'
expect "a quotation too long for the overlay ends in … a column from the border" \
    '^│   We seek no conflict\. But if conflict comes .*[a-z] ?… │$' 1
tm_keys j Enter
if [ "$HAVE_QUOTES" = yes ]; then
	expect_gone "quotes overlay: Enter closes it" '┌ Quotes'
else
	fail "quotes overlay: Enter closes it" "not tried: no quotes to jump to"
	tm_keys q
fi
at_quote "quotes overlay: j, Enter jumps to quote 2/9" 2 9
tm_keys P
expect "P: the people overlay" '^┌ People \([0-9]+\)'
expect "the people overlay lists Volodymyr Zelensky" '│ Volodymyr Zelensky'
tm_keys q
expect_gone "q closes the people overlay" '┌ People'
tm_keys C
expect "C: the caption full-screen at 80x24" '^┌ Photo caption 1/1'
expect "the credit on the full-screen caption" 'Credit: Darrian Traynor/Getty Images'
tm_keys q
expect_gone "q closes the caption" 'Photo caption'
tm_keys q
expect_exit0 "q then quits (single file), status 0"

finish
