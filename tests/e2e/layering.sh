#!/bin/sh
# layering.sh: the core knows nothing of the terminal. Only src/ui/ includes
# curses, and the unit tests (which link the core alone) do not link it.
set -u
ok=0
bad=0
pass() { ok=$((ok + 1)); printf 'PASS: %s\n' "$1"; }
fail() { bad=$((bad + 1)); printf 'FAIL: %s: %s\n' "$1" "$2"; }

leak=$(grep -lE '#[[:space:]]*include[[:space:]]*[<"](n?curses|ncursesw/curses|term)\.h' \
    src/*.c include/*.h 2>/dev/null)
if [ -z "$leak" ]; then
	pass "no curses header outside src/ui/"
else
	fail "no curses header outside src/ui/" "$leak"
fi
if grep -q 'curses' src/ui/*.c src/ui/*.h; then
	pass "the UI does include curses (the check above looks at the right thing)"
else
	fail "the UI does include curses (the check above looks at the right thing)" "none found"
fi
build=$(dirname "${BYLINE:-$PWD/build/byline}")
n=0
for t in "$build"/tests/test_*; do
	case $t in *.d|*.o) continue ;; esac
	[ -x "$t" ] || continue
	n=$((n + 1))
	if ldd "$t" 2>/dev/null | grep -q 'libncurses\|libtinfo'; then
		fail "unit test $(basename "$t") links no curses" "$(ldd "$t" | grep curses)"
	fi
done
if [ "$n" -gt 0 ] && [ "$bad" -eq 0 ]; then
	pass "the $n unit test programs link the core without curses"
elif [ "$n" -eq 0 ]; then
	fail "unit test programs found" "none in $build/tests"
fi
if ldd "${BYLINE:-$PWD/build/byline}" 2>/dev/null | grep -q 'libncurses'; then
	pass "byline itself links curses (so the check can tell)"
else
	fail "byline itself links curses (so the check can tell)" "no libncurses in ldd"
fi
echo "layering: $ok passed, $bad failed"
[ "$bad" -eq 0 ]
