#!/bin/sh
# manpage.sh: byline.1 agrees with the program. Its KEYS section lists
# exactly what "byline --keys" prints (the reader's key table: every key and
# description, in its view, and nothing else); every command of byline
# --help has an entry in COMMANDS naming each option of its --help; every
# option of byline --help is in OPTIONS; mandoc -T lint, groff -ww and
# man -l render it without a warning. The environment is lib.sh's: an empty
# HOME and XDG folders, so no user config rebinds a key.
. tests/e2e/lib.sh
require_byline

MAN=${BYLINE_MAN:-$E2E_ROOT/byline.1}

if [ ! -f "$MAN" ]; then
	fail "byline.1 exists" "no man page at $MAN"
	finish
fi

# man_src: the man page source, to awk with the helpers below.
# unesc(s): the text of a roff line: font escapes gone, \- \e \& \(aq \(dq
# \(em read as the characters they print.
AWK_UNESC='
function unesc(s) {
	gsub(/\\e/, "\001", s)
	gsub(/\\f[BIRP]/, "", s)
	gsub(/\\f\(../, "", s)
	gsub(/\\-/, "-", s)
	gsub(/\\&/, "", s)
	gsub(/\\\(aq/, "\047", s)
	gsub(/\\\(dq/, "\"", s)
	gsub(/\\\(em/, "\342\200\224", s)
	gsub(/\\ /, " ", s)
	gsub(/\001/, "\\", s)
	return s
}
# The argument text of a .B/.I/.BR line (quotes removed), else the line.
function tagtext(s) {
	if (s ~ /^\.(B|I|BR|RB|BI|IB|IR|RI)[ \t]/) {
		sub(/^\.[A-Z]+[ \t]+/, "", s)
		if (s ~ /^".*"$/)
			s = substr(s, 2, length(s) - 2)
		gsub(/" "/, " ", s)
	}
	return unesc(s)
}
# section(line): the name of a .SH line, quotes removed.
function section(s) {
	sub(/^\.SH[ \t]+/, "", s)
	gsub(/"/, "", s)
	return s
}
'

# man_entries SECTION: the .TP entries of SECTION as "sub<TAB>tag<TAB>text"
# lines, sub being the first word of the current .SS (lower case), the text
# the entry's lines joined with single spaces.
man_entries() {
	awk -v want="$1" "$AWK_UNESC"'
	function flush() {
		if (have)
			print sub_ "\t" tag "\t" text
		have = 0
		tag = ""
		text = ""
	}
	/^\.SH/ { flush(); on = section($0) == want; next }
	!on { next }
	/^\.SS/ {
		flush()
		s = $0
		sub(/^\.SS[ \t]+/, "", s)
		gsub(/"/, "", s)
		split(tolower(s), w, " ")
		sub_ = w[1]
		next
	}
	/^\.TP/ { flush(); want_tag = 1; next }
	want_tag { tag = tagtext($0); want_tag = 0; have = 1; next }
	/^\.(PP|P|LP|RS|RE|IP|in|EX|EE)([ \t]|$)/ { flush(); next }
	/^\.\\"/ { next }
	have {
		s = tagtext($0)
		if (s == "")
			next
		text = text == "" ? s : text " " s
	}
	END { flush() }' "$MAN"
}

# ---- KEYS: the man page and byline --keys list the same keys ----

"$BYLINE" --keys >"$T/keys" 2>"$T/keys.err"
rc=$?
if [ "$rc" -eq 0 ] && [ "$(wc -l <"$T/keys")" -ge 10 ] && [ ! -s "$T/keys.err" ]; then
	pass "byline --keys prints the key table"
else
	fail "byline --keys prints the key table" "status $rc, $(wc -l <"$T/keys") lines" \
	    "$(cat "$T/keys.err")"
fi
bad=$(awk -F '\t' 'NF != 3 || $2 == "" || $3 == ""' "$T/keys")
if [ -z "$bad" ]; then
	pass "byline --keys: view<TAB>keys<TAB>description on every line"
else
	fail "byline --keys: view<TAB>keys<TAB>description on every line" "malformed" "$bad"
fi

man_entries KEYS >"$T/man-keys"
LC_ALL=C sort -u "$T/keys" >"$T/keys.sorted"
LC_ALL=C sort -u "$T/man-keys" >"$T/man-keys.sorted"

missing=$(LC_ALL=C comm -23 "$T/keys.sorted" "$T/man-keys.sorted")
if [ -z "$missing" ] && [ -s "$T/keys.sorted" ]; then
	pass "KEYS: every line of byline --keys is in the man page (keys and description)"
else
	fail "KEYS: every line of byline --keys is in the man page (keys and description)" \
	    "not in byline.1 (view, keys, description)" "$missing"
fi
extra=$(LC_ALL=C comm -13 "$T/keys.sorted" "$T/man-keys.sorted")
if [ -z "$extra" ] && [ -s "$T/man-keys.sorted" ]; then
	pass "KEYS: the man page has no key that byline --keys lacks"
else
	fail "KEYS: the man page has no key that byline --keys lacks" \
	    "in byline.1 only (or worded differently)" "$extra"
fi
if cmp -s "$T/keys" "$T/man-keys"; then
	pass "KEYS: in the order of the key table"
else
	fail "KEYS: in the order of the key table" "order differs" \
	    "$(diff "$T/keys" "$T/man-keys" | head -20)"
fi
for v in $(cut -f 1 "$T/keys" | uniq); do
	if grep -Eiq "^\\.SS \"?$v( |\"|\$)" "$MAN"; then
		pass "KEYS: a subsection for the $v view"
	else
		fail "KEYS: a subsection for the $v view" "no .SS line starting with $v"
	fi
done

# ---- commands and options ----

"$BYLINE" --help >"$T/help"
commands=$(awk '/^Commands:/ { on = 1; next } on && /^$/ { exit } on && /^  [a-z]/ { print $1 }' \
    "$T/help")
if [ -n "$commands" ]; then
	pass "byline --help lists the commands"
else
	fail "byline --help lists the commands" "no Commands: block" "$(cat "$T/help")"
fi
man_entries COMMANDS >"$T/man-commands"
for c in $commands; do
	# the entries whose tag starts with the command's name
	entry=$(awk -F '\t' -v c="$c" '{ split($2, w, " ") } w[1] == c' "$T/man-commands")
	if [ -z "$entry" ]; then
		fail "COMMANDS: $c is documented" "no .TP entry starting with $c in COMMANDS"
		continue
	fi
	pass "COMMANDS: $c is documented"
	opts=$("$BYLINE" "$c" --help | grep -o -- '--[a-z][a-z-]*' | sort -u)
	missing=
	for o in $opts; do
		printf '%s\n' "$entry" | grep -Fq -- "$o" || missing="$missing $o"
	done
	if [ -z "$missing" ]; then
		pass "COMMANDS: every option of byline $c --help is in its entry"
	else
		fail "COMMANDS: every option of byline $c --help is in its entry" "missing:$missing" \
		    "$entry"
	fi
done

extra=
for c in $(cut -f 2 "$T/man-commands" | awk '{ print $1 }' | sort -u); do
	printf '%s\n' "$commands" | grep -Fxq -- "$c" || extra="$extra $c"
done
if [ -z "$extra" ]; then
	pass "COMMANDS: no entry for a command byline --help lacks"
else
	fail "COMMANDS: no entry for a command byline --help lacks" "only in byline.1:$extra"
fi

man_entries OPTIONS >"$T/man-options"
missing=
for o in $(sed -n '/^Options:/,$p' "$T/help" | grep -o -- '--[a-z][a-z-]*' | sort -u) --config; do
	cut -f 2 "$T/man-options" | grep -Eq -- "(^|[ ,])$o( |,|\$)" || missing="$missing $o"
done
if [ -z "$missing" ]; then
	pass "OPTIONS: every option of byline --help (and --config) has an entry"
else
	fail "OPTIONS: every option of byline --help (and --config) has an entry" \
	    "missing:$missing" "$(cat "$T/man-options")"
fi

for s in NAME SYNOPSIS DESCRIPTION COMMANDS OPTIONS KEYS "ARTICLE FORMAT" CONFIGURATION \
    FILES ENVIRONMENT "EXIT STATUS" EXAMPLES "SEE ALSO"; do
	if grep -Eq "^\\.SH \"?$s\"?\$" "$MAN"; then
		pass "section $s"
	else
		fail "section $s" "no .SH $s"
	fi
done

man_entries ENVIRONMENT >"$T/man-env"
missing=
for e in BYLINE_ARTICLES BYLINE_STATE XDG_STATE_HOME XDG_DATA_HOME XDG_CONFIG_HOME NO_COLOR \
    TERM BROWSER; do
	cut -f 2 "$T/man-env" | grep -Fxq "$e" || missing="$missing $e"
done
if [ -z "$missing" ]; then
	pass "ENVIRONMENT: every variable byline reads"
else
	fail "ENVIRONMENT: every variable byline reads" "missing:$missing"
fi

man_entries "EXIT STATUS" >"$T/man-exit"
if [ "$(cut -f 2 "$T/man-exit" | tr '\n' ' ')" = "0 1 2 3 " ]; then
	pass "EXIT STATUS: 0, 1, 2 and 3"
else
	fail "EXIT STATUS: 0, 1, 2 and 3" "entries differ" "$(cat "$T/man-exit")"
fi

# ---- it renders without a warning ----

if command -v mandoc >/dev/null 2>&1; then
	mandoc -T lint -W warning "$MAN" >"$T/lint" 2>&1
	if [ ! -s "$T/lint" ]; then
		pass "mandoc -T lint: no warning or error"
	else
		fail "mandoc -T lint: no warning or error" "mandoc says" "$(cat "$T/lint")"
	fi
	notes=$(mandoc -T lint "$MAN" 2>&1 | grep -c 'STYLE:')
	[ "$notes" -gt 0 ] && echo "note: mandoc -T lint has $notes style notes"
else
	skip "mandoc -T lint: no warning or error" "no mandoc here (apt-get install mandoc)"
fi
if command -v groff >/dev/null 2>&1; then
	groff -ww -man -Tutf8 "$MAN" >/dev/null 2>"$T/groff"
	if [ ! -s "$T/groff" ]; then
		pass "groff -ww -man: no warning"
	else
		fail "groff -ww -man: no warning" "groff says" "$(cat "$T/groff")"
	fi
else
	skip "groff -ww -man: no warning" "no groff here (apt-get install groff-base)"
fi
if command -v man >/dev/null 2>&1; then
	MANWIDTH=80 MANPAGER=cat PAGER=cat man -l "$MAN" >"$T/rendered" 2>"$T/man.err"
	if [ ! -s "$T/man.err" ] && grep -q '^KEYS' "$T/rendered" &&
	    grep -q 'Ctrl-L' "$T/rendered"; then
		pass "man -l byline.1 renders without a message"
	else
		fail "man -l byline.1 renders without a message" "stderr or text unexpected" \
		    "$(cat "$T/man.err"; head -20 "$T/rendered")"
	fi
else
	skip "man -l byline.1 renders without a message" "no man here (apt-get install man-db)"
fi

finish
