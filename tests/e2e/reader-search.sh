#!/bin/sh
# reader-search.sh: / in an article: the prompt, a match brought into view
# and highlighted, n and N (wrapping), case, non-ASCII text, Backspace, Esc,
# and "no match" said plainly.
. tests/e2e/lib.sh
require_byline

SEED=$(copy_seed "$T/lib")

# current_match TEXT: TEXT is drawn underlined: the current match (other
# matches and quotes are not underlined).
current_match() {
	tm capture-pane -e -p -t t |
	    grep -Eq "$(sgr_with 4)($SGR)*$1"
}

# 80x12: eleven body rows, so most matches are off screen
tm_start 80 12 "$SEED"
expect_body "the seed at 80x12" '^NATO Ready for War'
tm_keys n
expect "n before any search: says how to search" 'no search yet: press / to search'

tm_keys /
expect "/ opens the search prompt on the bottom line" '^/$'
tm_type Iskander
expect "the prompt shows what is typed" '^/Iskander$'
tm_keys Enter
expect_body "Enter: the match is brought into view" 'these Iskander missiles and bomber planes'
if ! tm_body | head -n 1 | grep -q '^NATO Ready for War'; then
	pass "the view scrolled away from the top"
else
	fail "the view scrolled away from the top" "still at the top" "$(tm_last)"
fi
if current_match Iskander; then
	pass "the match is highlighted"
else
	fail "the match is highlighted" "no highlight on Iskander" "$(tm capture-pane -e -p -t t | cat -v)"
fi
if tm_wait_gone 'no match'; then
	pass "a found match gives no 'no match' message"
else
	fail "a found match gives no 'no match' message" "message" "$(tm_last)"
fi

# n and N, with wrapping: "Newsweek" is in the byline line and in the last paragraph
tm_keys g / 
tm_wait '^/$' >/dev/null
tm_type newsweek
tm_keys Enter
expect_body "/newsweek (lower case) finds 'Newsweek · 2022-03-04' first" 'Newsweek · 2022-03-04'
if current_match Newsweek; then
	pass "the first match is highlighted in the byline line"
else
	fail "the first match is highlighted in the byline line" "no highlight" "$(tm capture-pane -e -p -t t | cat -v)"
fi
tm_keys n
expect_body "n: the next match, in the last paragraph" 'Newsweek has asked the State Department for comment'
if current_match 'Newsweek'; then
	pass "n: the new current match is highlighted"
else
	fail "n: the new current match is highlighted" "no highlight" "$(tm capture-pane -e -p -t t | cat -v)"
fi
if tm_wait_gone 'Newsweek · 2022-03-04'; then
	pass "n scrolled the view to it"
else
	fail "n scrolled the view to it" "did not scroll" "$(tm_last)"
fi
tm_keys n
expect_body "n after the last match wraps to the first" 'Newsweek · 2022-03-04'
tm_keys N
expect_body "N goes back (wrapping) to the last match" 'Newsweek has asked the State Department for comment'
tm_keys N
expect_body "N again: the first match" 'Newsweek · 2022-03-04'

# a match with non-ASCII text (an em dash), Backspace at the prompt
tm_keys g /
tm_wait '^/$' >/dev/null
tm_type 'from Russia—thesX'
tm_keys BSpace
expect "Backspace removes the last character" '^/from Russia—thes$'
tm_type 'e'
tm_keys Enter
expect_body "a search with an em dash finds it" 'Russia—these missiles'
if tm_wait_gone 'no match'; then
	pass "non-ASCII search: no 'no match'"
else
	fail "non-ASCII search: no 'no match'" "message" "$(tm_last)"
fi

# no match: said plainly, the view stays
tm_keys g
tm_wait_top '^NATO Ready for War' >/dev/null
tm_keys /
tm_wait '^/$' >/dev/null
tm_type zzqxj
tm_keys Enter
expect "a search with no match says 'no match for \"zzqxj\"'" 'no match for "zzqxj"'
if tm_wait_top '^NATO Ready for War'; then
	pass "no match: the view stays where it was"
else
	fail "no match: the view stays where it was" "moved" "$(tm_last)"
fi
tm_keys n
expect "n after a failed search: no match again" 'no match for "zzqxj"'

# Esc at the prompt: nothing searched, the prompt gone
tm_keys /
tm_wait '^/$' >/dev/null
tm_type Belarus
tm_keys Escape
expect_gone "Esc closes the prompt" '^/Belarus'
if tm_wait_top '^NATO Ready for War' && tm_wait ' 0%  read$'; then
	pass "Esc: nothing searched, the view stays"
else
	fail "Esc: nothing searched, the view stays" "moved" "$(tm_last)"
fi

# the same at 120x40, where the match must land in the Article pane
tm_start 120 40 "$SEED"
expect "the seed at 120x40" '^┌ Article'
tm_keys /
tm_wait '^/$' >/dev/null
tm_type 'Newsweek has asked'
tm_keys Enter
expect_body "wide layout: the match in the last paragraph comes into view" 'Newsweek has asked the State Department'
tm_keys /
tm_wait '^/$' >/dev/null
tm_type 'qqqzzz'
tm_keys Enter
expect "wide layout: no match said plainly" 'no match for "qqqzzz"'
tm_keys q
expect_exit0 "q quits, status 0"

finish
