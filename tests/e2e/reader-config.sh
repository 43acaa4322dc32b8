#!/bin/sh
# reader-config.sh: settings in config.yaml take effect in the reader: a
# rebound key, colours, the monochrome theme, mark-read-on-open, the side
# pane width; a bad config is reported and the reader goes on.
. tests/e2e/lib.sh
require_byline

SEED=$(copy_seed "$T/lib")
CONF=$XDG_CONFIG_HOME/byline/config.yaml
mkdir -p "$XDG_CONFIG_HOME/byline"

# raw capture of the screen with its escapes, for colours
tm_ansi() {
	tm capture-pane -e -p -t t 2>/dev/null
}

# ---- a rebound key ----
cat >"$CONF" <<'YAML'
keys:
  next-quote: x
YAML
TM_TERM=xterm-256color tm_start 120 40 "$SEED"
expect "config: the article opens" '┌ Quotes \(9\)'
tm_keys x
expect "config: x (bound to next-quote) goes to quote 1/9" 'quote 1/9'
tm_keys ']'
tm_sync
if tm_status | grep -q 'quote 1/9'; then
	pass "config: ] no longer moves once next-quote is rebound"
else
	fail "config: ] no longer moves once next-quote is rebound" "status" "$(tm_status)"
fi
tm_keys '?'
expect "config: the help shows x for the next quote" '│ x +next quote'
tm_keys Escape q
tm_wait_exit >/dev/null

# ---- colours ----
cat >"$CONF" <<'YAML'
colors:
  title: red
  quote: bold green
YAML
TM_TERM=xterm-256color tm_start 120 40 "$SEED"
expect "colours: the article opens" '┌ Quotes \(9\)'
tm_wait 'Ours is a defensive' >/dev/null
if tm_ansi | grep -q "${ESC}\[[0-9;]*31m[^${ESC}]*NATO Ready for War"; then
	pass "colours: the title is red (SGR 31)"
else
	fail "colours: the title is red (SGR 31)" "no red before the title" "$(tm_ansi | head -3 | cat -v)"
fi
if tm_ansi | grep -q "${ESC}\[[0-9;]*32m[^${ESC}]*Ours is a defensive"; then
	pass "colours: quotes are green"
else
	fail "colours: quotes are green" "no green before the quote" "$(tm_ansi | grep -m1 'Ours' | cat -v)"
fi
tm_keys q
tm_wait_exit >/dev/null

# ---- the monochrome theme ----
cat >"$CONF" <<'YAML'
theme: monochrome
YAML
TM_TERM=xterm-256color tm_start 120 40 "$SEED"
expect "monochrome: the article opens" '┌ Quotes \(9\)'
tm_keys ']'
expect "monochrome: quote 1/9" 'quote 1/9'
if tm_ansi | grep -q "${ESC}\[[0-9;]*\(3[0-7]\|4[0-7]\|38;5\|48;5\)[;m]"; then
	fail "monochrome: no colour at all" "a colour escape" "$(tm_ansi | grep -m2 "${ESC}\[[0-9;]*3[0-7]" | cat -v)"
else
	pass "monochrome: no colour at all"
fi
if tm_ansi | grep -q "${ESC}\[[0-9;]*7m[^${ESC}]*Ours is a defensive"; then
	pass "monochrome: the current quote in reverse video"
else
	fail "monochrome: the current quote in reverse video" "no reverse" "$(tm_ansi | grep -m1 'Ours' | cat -v)"
fi
tm_keys q
tm_wait_exit >/dev/null

# ---- mark-read-on-open: false, and a side pane width ----
STATE=$T/state-unread/read	# marks of its own: the sessions above marked the seed read
mkdir -p "$T/state-unread"
cat >"$CONF" <<'YAML'
mark-read-on-open: false
side-pane-width: 50
YAML
tm_start 120 40 "$T/lib"
expect "no mark on open: the library" '● 2022-03-04'
tm_keys Enter
expect "no mark on open: the article" '┌ Quotes \(9\)'
# the Quotes box starts 50 columns from the right edge of 120
qcol=$(tm_screen | head -n 1 | sed 's/┌ Quotes.*//' | tr -d '\n' | LC_ALL=C.UTF-8 wc -m)
if [ "$qcol" -eq 70 ]; then
	pass "side-pane-width: 50 columns for the side panes"
else
	fail "side-pane-width: 50 columns for the side panes" "Quotes box at column $qcol" "$(tm_screen | head -n 2)"
fi
if tm_status | grep -q ' unread$'; then
	pass "no mark on open: the article stays unread"
else
	fail "no mark on open: the article stays unread" "status" "$(tm_status)"
fi
tm_keys q
expect "no mark on open: still unread in the library" '● 2022-03-04'
tm_keys q
tm_wait_exit >/dev/null
if "$BYLINE" --state "$STATE" list "$T/lib" | grep -q '^unread'; then
	pass "no mark on open: byline list says unread"
else
	fail "no mark on open: byline list says unread" "list" "$("$BYLINE" --state "$STATE" list "$T/lib")"
fi

# ---- every action the man page lists can be bound, and the reader knows it ----
# (the config's list in src/store/config.c and the key table's names in
# src/ui/keys.c are two lists: this ties them to each other and to byline.1)
actions=$(sed -n '/^The actions:$/,/^A key is one character/p' "$E2E_ROOT/byline.1" |
    sed -n 's/^\.BR* \([a-z\\-]*\).*/\1/p' | sed 's/\\-/-/g')
nact=0 bad=""
for a in $actions; do
	nact=$((nact + 1))
	printf 'keys:\n  %s: F12\n' "$a" > "$T/one-action.yaml"
	if ! "$BYLINE" check --config "$T/one-action.yaml" >/dev/null 2>&1 ||
	    ! "$BYLINE" --config "$T/one-action.yaml" --keys | grep -q "	F12	"; then
		bad="$bad $a"
	fi
done
if [ "$nact" -ge 40 ] && [ -z "$bad" ]; then
	pass "config: each of the $nact actions of byline.1 binds, and --keys shows it bound"
else
	fail "config: each action of byline.1 binds, and --keys shows it bound" \
	    "$nact actions read; not taken:$bad"
fi
printf 'keys:\n  no-such-action: F12\n' > "$T/one-action.yaml"
if "$BYLINE" check --config "$T/one-action.yaml" >/dev/null 2>&1; then
	fail "config: an action byline does not have is refused" "check --config said nothing"
else
	pass "config: an action byline does not have is refused"
fi

# ---- a bad config: reported, defaults stand ----
cat >"$CONF" <<'YAML'
theme: sparkly
keys:
  next-quote: [NoSuchKey]
YAML
tm_start 120 40 "$SEED"
expect "bad config: the message names the file, line and column" 'config.yaml:1:8: error: theme must be'
tm_keys ']'
expect "bad config: the default keys stand (] works)" 'quote 1/9'
tm_keys q
tm_wait_exit >/dev/null
out=$("$BYLINE" check --config "$CONF")
status=$?
if [ "$status" -eq 1 ] && printf '%s\n' "$out" | grep -q 'config.yaml:3:16: error: "NoSuchKey" is not a key'; then
	pass "bad config: byline check --config lists the problems, exit 1"
else
	fail "bad config: byline check --config lists the problems, exit 1" "status $status" "$out"
fi

finish
