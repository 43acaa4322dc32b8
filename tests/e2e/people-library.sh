#!/bin/sh
# people-library.sh: "byline people" and "byline quotes" over several
# articles (issue 15): one line per person across the articles (the same
# person once, whatever the spelling, accents, alias), quotes newest first,
# quotes --by NAME by full name, surname or alias, a name that fits several
# people listed with exit 2, --json, the analysis cache (a second run reads
# it; a changed file is analysed again), one thread or two alike, and
# nothing raw from an article reaching the output.
. tests/e2e/lib.sh
require_byline

LIB=$T/lib
mkdir -p "$LIB"
cp "$FIXTURES/../people/"*.md "$LIB/"
# a hostile one: escape sequences and control characters in a name and a quote
printf -- '---\ntitle: Hostile\ndate: 2020-01-01\npeople:\n  - name: "Eve \\e[31mRed"\n    role: "a\\x07b"\n---\n\n"Look \033]0;pwned\007 at this title now," Eve Red said.\n' \
    >"$LIB/hostile.md"

# no raw control byte but tab and newline
dirty() {
	LC_ALL=C tr -d '\t\n' <"$1" | LC_ALL=C grep -q '[[:cntrl:]]'
}

# ---- people ----

run B people "$LIB"
if [ "$RC" -eq 0 ] && [ ! -s "$ERR" ] && awk -F '\t' 'NF != 5 { bad = 1 } END { exit bad }' "$OUT"; then
	pass "people DIR: name<TAB>role<TAB>articles<TAB>mentions<TAB>quotes"
else
	fail "people DIR: name<TAB>role<TAB>articles<TAB>mentions<TAB>quotes" "unexpected" "$(both)"
fi
if grep -Fxq "José Ramos${TAB}Harbour master${TAB}3${TAB}3${TAB}3" "$OUT" &&
    [ "$(grep -c Ramos "$OUT")" -eq 1 ]; then
	pass "people DIR: José Ramos once across three articles (JOSE RAMOS, Jose, the alias Pepe Ramos)"
else
	fail "people DIR: José Ramos once across three articles (JOSE RAMOS, Jose, the alias Pepe Ramos)" \
	    "unexpected" "$(both)"
fi
if grep -Fxq "Ann Johnson${TAB}Judge${TAB}1${TAB}1${TAB}1" "$OUT" &&
    grep -Fxq "Bob Johnson${TAB}Coach${TAB}1${TAB}1${TAB}1" "$OUT" &&
    grep -Fxq "Johnson${TAB}Club secretary${TAB}1${TAB}1${TAB}1" "$OUT"; then
	pass "people DIR: two Johnsons and a lone Johnson stay three people"
else
	fail "people DIR: two Johnsons and a lone Johnson stay three people" "unexpected" "$(both)"
fi
if [ "$(head -1 "$OUT" | cut -f 1)" = "José Ramos" ] &&
    awk -F '\t' 'NR > 1 && ($5 > q || ($5 == q && $4 > m) || ($5 == q && $4 == m && $1 < n)) { bad = 1 }
    { q = $5; m = $4; n = $1 } END { exit bad }' "$OUT"; then
	pass "people DIR: sorted by quotes, then mentions, then name"
else
	fail "people DIR: sorted by quotes, then mentions, then name" "unexpected" "$(cat "$OUT")"
fi
if ! dirty "$OUT" && grep -q '^Eve ' "$OUT"; then
	pass "people DIR: a name and a role with escapes printed safely"
else
	fail "people DIR: a name and a role with escapes printed safely" "raw control bytes" \
	    "$(od -c "$OUT" | head -20)"
fi

run B people "$LIB/harbour-opens.md"
if [ "$RC" -eq 0 ] && awk -F '\t' 'NF != 4 { bad = 1 } END { exit bad || NR != 2 }' "$OUT" &&
    grep -Fxq "José Ramos${TAB}Harbour master${TAB}1${TAB}1" "$OUT"; then
	pass "people FILE: one article, the four columns as before"
else
	fail "people FILE: one article, the four columns as before" "unexpected" "$(both)"
fi
run B people "$LIB/harbour-opens.md" "$LIB/boats.md"
if [ "$RC" -eq 0 ] && grep -Fxq "José Ramos${TAB}Harbour master${TAB}2${TAB}2${TAB}2" "$OUT"; then
	pass "people FILE FILE: several files are a library"
else
	fail "people FILE FILE: several files are a library" "unexpected" "$(both)"
fi

# ---- quotes ----

run B quotes "$LIB"
if [ "$RC" -eq 0 ] && [ "$(wc -l <"$OUT")" -eq 7 ] &&
    awk -F '\t' 'NF != 4 || $1 > prev && NR > 1 { bad = 1 } { prev = $1 } END { exit bad }' "$OUT" &&
    grep -Fxq "2021-04-01${TAB}Bob Johnson${TAB}We train every single morning at six,${TAB}$LIB/boats.md" "$OUT"; then
	pass "quotes DIR: every quotation, date<TAB>speaker<TAB>quote<TAB>path, newest first"
else
	fail "quotes DIR: every quotation, date<TAB>speaker<TAB>quote<TAB>path, newest first" \
	    "unexpected" "$(both)"
fi
if ! dirty "$OUT" && grep -q 'Look .*at this title now' "$OUT"; then
	pass "quotes DIR: a quote with an escape sequence printed safely"
else
	fail "quotes DIR: a quote with an escape sequence printed safely" "raw control bytes" \
	    "$(od -c "$OUT" | head -20)"
fi

ramos="2021-05-01${TAB}Pepe Ramos${TAB}Nobody expected the storm to last so long,${TAB}$LIB/storm.md
2021-04-01${TAB}JOSE RAMOS${TAB}The harbour is ready for the boats now,${TAB}$LIB/boats.md
2021-03-01${TAB}José Ramos${TAB}We will open the harbour in May,${TAB}$LIB/harbour-opens.md"
for name in "José Ramos" "jose ramos" "JOSÉ RAMOS" Ramos "Pepe Ramos" "Mr Ramos"; do
	run B quotes --by "$name" "$LIB"
	if [ "$RC" -eq 0 ] && [ "$(cat "$OUT")" = "$ramos" ]; then
		pass "quotes --by '$name': his three quotes, newest first"
	else
		fail "quotes --by '$name': his three quotes, newest first" "unexpected" "$(both)"
	fi
done
run B quotes --by johnson "$LIB"
if [ "$RC" -eq 2 ] && [ ! -s "$OUT" ] && grep -q 'fits 3 people' "$ERR" &&
    grep -q '^  Ann Johnson, Judge' "$ERR" && grep -q '^  Bob Johnson, Coach' "$ERR" &&
    grep -q '^  Johnson, Club secretary' "$ERR"; then
	pass "quotes --by johnson: fits three people, listed, exit 2"
else
	fail "quotes --by johnson: fits three people, listed, exit 2" "unexpected" "$(both)"
fi
run B quotes --by "Bob Johnson" "$LIB"
if [ "$RC" -eq 0 ] && [ "$(wc -l <"$OUT")" -eq 1 ] && grep -q 'every single morning' "$OUT"; then
	pass "quotes --by 'Bob Johnson': the one Johnson"
else
	fail "quotes --by 'Bob Johnson': the one Johnson" "unexpected" "$(both)"
fi
run B quotes --by "Nobody Here" "$LIB"
if [ "$RC" -eq 1 ] && [ ! -s "$OUT" ] && grep -q 'no one named' "$ERR"; then
	pass "quotes --by an unknown name: says so, exit 1"
else
	fail "quotes --by an unknown name: says so, exit 1" "unexpected" "$(both)"
fi
run B quotes --all "$LIB"
if [ "$RC" -eq 2 ] && [ ! -s "$OUT" ] && grep -q -- '--all' "$ERR"; then
	pass "quotes --all DIR: a usage error, exit 2"
else
	fail "quotes --all DIR: a usage error, exit 2" "unexpected" "$(both)"
fi
run B quotes --by "" "$LIB"
if [ "$RC" -eq 2 ] && [ ! -s "$OUT" ]; then
	pass "quotes --by '': a usage error, exit 2"
else
	fail "quotes --by '': a usage error, exit 2" "unexpected" "$(both)"
fi

# ---- --json ----

if command -v python3 >/dev/null 2>&1; then
	run B people --json "$LIB"
	if [ "$RC" -eq 0 ] && python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
assert isinstance(d, list) and d
for o in d:
    assert list(o) == ["name", "role", "articles", "mentions", "quotes"], o
    assert all(type(o[k]) is int for k in ("articles", "mentions", "quotes"))
assert d[0] == {"name": "José Ramos", "role": "Harbour master", "articles": 3, "mentions": 3, "quotes": 3}
' "$OUT"; then
		pass "people --json DIR: {name, role, articles, mentions, quotes}, typed"
	else
		fail "people --json DIR: {name, role, articles, mentions, quotes}, typed" "unexpected" "$(both)"
	fi
	run B quotes --by ramos --json "$LIB"
	if [ "$RC" -eq 0 ] && python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
assert [o["date"] for o in d] == ["2021-05-01", "2021-04-01", "2021-03-01"], d
for o in d:
    assert list(o) == ["date", "speaker", "text", "path", "title", "source"], o
assert d[2]["text"] == "We will open the harbour in May," and d[2]["title"] == "Harbour to open in May"
' "$OUT"; then
		pass "quotes --by --json: {date, speaker, text, path, title, source}, newest first"
	else
		fail "quotes --by --json: {date, speaker, text, path, title, source}, newest first" \
		    "unexpected" "$(both)"
	fi
else
	skip "people and quotes --json" "python3 is not installed here"
fi

# ---- the analysis cache and the threads ----

run B people "$LIB"
cp "$OUT" "$T/people.1"
if ls "$XDG_CACHE_HOME"/byline/analysis-* >/dev/null 2>&1; then
	pass "the analysis is cached beside the front-matter cache"
else
	fail "the analysis is cached beside the front-matter cache" "no analysis-* in $XDG_CACHE_HOME/byline" \
	    "$(ls -la "$XDG_CACHE_HOME/byline" 2>&1)"
fi
# a changed article is analysed again (its time set back: the cache skips files changed just now)
sed 's/Bob Johnson said/Bob Johnson said on Tuesday/; s/six,/six, even in the rain,/' \
    "$LIB/boats.md" >"$T/boats.md" && cat "$T/boats.md" >"$LIB/boats.md"
touch -d '2021-04-02 12:00' "$LIB/boats.md"
run B quotes --by "bob johnson" "$LIB"
if [ "$RC" -eq 0 ] && grep -q 'even in the rain' "$OUT"; then
	pass "a changed article is analysed again"
else
	fail "a changed article is analysed again" "unexpected" "$(both)"
fi
for f in "$XDG_CACHE_HOME"/byline/analysis-*; do
	printf 'garbage' | dd of="$f" bs=1 seek=40 conv=notrunc 2>/dev/null
done
run B people "$LIB"
if [ "$RC" -eq 0 ] && [ ! -s "$ERR" ] && cmp -s "$OUT" "$T/people.1"; then
	pass "a damaged analysis cache is ignored: the same people"
else
	fail "a damaged analysis cache is ignored: the same people" "unexpected" "$(both)"
fi
# many articles: one thread and two give the same
i=0
while [ $i -lt 80 ]; do
	cp "$LIB/boats.md" "$LIB/boats-$i.md"
	i=$((i + 1))
done
BYLINE_CACHE=off BYLINE_THREADS=1 "$BYLINE" --state "$STATE" people "$LIB" >"$T/one" 2>&1
BYLINE_CACHE=off BYLINE_THREADS=2 "$BYLINE" --state "$STATE" people "$LIB" >"$T/two" 2>&1
if cmp -s "$T/one" "$T/two" && grep -q "^Bob Johnson${TAB}Coach${TAB}81${TAB}" "$T/one"; then
	pass "one thread or two: the same people"
else
	fail "one thread or two: the same people" "differ" "$(diff "$T/one" "$T/two" | head -20)"
fi

finish
