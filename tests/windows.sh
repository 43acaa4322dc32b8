#!/bin/sh
# tests/windows.sh WIN_BYLINE BYLINE: the analysis worked on in tiny windows
# (a build with -DAN_WIN_TEST: 16 tokens a window, 8 raw tokens a batch, so
# that every paragraph moves its window many times) finds exactly what the
# usual build finds, quotes and people, on every article of the repository
# and on one long paragraph made of the seed. `make check-windows` builds it
# and runs this; .ci/run does.
set -u
win=$1 ref=$2
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
seed=articles/2022-03-04-nato-ready-blinken.md
# the seed's body five times as one paragraph
{ sed -n '1,/^---$/p' "$seed" | head -1; sed -n '2,/^---$/p' "$seed"
  for i in 1 2 3 4 5; do awk '/^---$/ { c++; next } c >= 2' "$seed" | tr '\n' ' '; done
  echo; } > "$T/long-paragraph.md"
n=0 bad=0
for f in articles/*.md tests/heldout/*.txt $(find tests/fixtures -name '*.md' -size -200k | sort) \
    "$T/long-paragraph.md"; do
	for c in quotes people; do
		BYLINE_CACHE=off "$ref" --state "$T/state" $c --json "$f" > "$T/a" 2>&1
		BYLINE_CACHE=off "$win" --state "$T/state" $c --json "$f" > "$T/b" 2>&1
		n=$((n + 1))
		if ! cmp -s "$T/a" "$T/b"; then
			bad=$((bad + 1))
			echo "FAIL: $c $f: tiny windows differ"
			diff "$T/a" "$T/b" | head -10 | sed 's/^/    | /'
		fi
	done
done
# the comparison can fail: the long paragraph does have quotes to compare
if [ "$(BYLINE_CACHE=off "$ref" --state "$T/state" quotes "$T/long-paragraph.md" | wc -l)" -lt 40 ]; then
	bad=$((bad + 1))
	echo "FAIL: the long paragraph has fewer than 40 quotes: nothing much compared"
fi
echo "windows: $((n - bad)) of $n outputs the same with tiny windows"
[ "$bad" -eq 0 ]
