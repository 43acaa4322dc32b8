#!/bin/sh
# layering.sh: the tree draws the architecture, and the dependencies run one
# way. src/ is in folders by layer, from the bottom:
#
#   base < article < text < analysis < store < import < fetch < ui < cli
#
# A file of a folder includes headers of its own folder and of include/ that
# belong to its layer or a lower one, never a higher one; only src/ui/
# includes curses; the unit tests (which link the core alone) do not link it;
# include/ holds only headers used outside their own folder. The checker is
# run on a copied tree with a wrong include added, to prove it can fail.
set -u
ok=0
bad=0
pass() { ok=$((ok + 1)); printf 'PASS: %s\n' "$1"; }
fail() { bad=$((bad + 1)); printf 'FAIL: %s: %s\n' "$1" "$2"; }

LAYERS="base article text analysis store import fetch ui cli"

# rank LAYER: its place from the bottom (0), or nothing when unknown
rank() {
	r=0
	for l in $LAYERS; do
		[ "$l" = "$1" ] && { echo $r; return; }
		r=$((r + 1))
	done
}

# header_layer ROOT NAME.h: the layer of a header of include/: the folder
# that holds the .c of the same name, else the table below
header_layer() {
	b=${2%.h}
	for l in $LAYERS; do
		[ -f "$1/src/$l/$b.c" ] && { echo "$l"; return; }
	done
	case $2 in
	span.h) echo base ;;		# a type, no code
	esac
}

# check_tree ROOT: print one line per wrong include; nothing when all is well
check_tree() {
	root=$1
	for dir in "$root"/src/*/; do
		layer=$(basename "$dir")
		me=$(rank "$layer")
		if [ -z "$me" ]; then
			echo "src/$layer/: a folder that is not a layer ($LAYERS)"
			continue
		fi
		for f in "$dir"*.c "$dir"*.h; do
			[ -f "$f" ] || continue
			sed -n 's/^[[:space:]]*#[[:space:]]*include[[:space:]]*"\([^"]*\)".*/\1/p' "$f" |
			while read -r h; do
				[ -f "$dir$h" ] && continue	# its own folder
				if [ ! -f "$root/include/$h" ]; then
					echo "src/$layer/$(basename "$f"): includes \"$h\", in neither its folder nor include/"
					continue
				fi
				hl=$(header_layer "$root" "$h")
				if [ -z "$hl" ]; then
					echo "include/$h: no layer (no src/LAYER/${h%.h}.c, not in layering.sh's table)"
					continue
				fi
				if [ "$(rank "$hl")" -gt "$me" ]; then
					echo "src/$layer/$(basename "$f"): includes $h of $hl, a higher layer"
				fi
			done
		done
	done
	for h in "$root"/include/*.h; do
		hl=$(header_layer "$root" "$(basename "$h")")
		[ -n "$hl" ] || continue
		sed -n 's/^[[:space:]]*#[[:space:]]*include[[:space:]]*"\([^"]*\)".*/\1/p' "$h" |
		while read -r inc; do
			il=$(header_layer "$root" "$inc")
			if [ -n "$il" ] && [ "$(rank "$il")" -gt "$(rank "$hl")" ]; then
				echo "include/$(basename "$h") ($hl): includes $inc of $il, a higher layer"
			fi
		done
	done
}

# shared_headers ROOT: headers of include/ that no file outside their own
# folder includes (they belong in that folder)
shared_headers() {
	root=$1
	for h in "$root"/include/*.h; do
		n=$(basename "$h")
		hl=$(header_layer "$root" "$n")
		users=$(grep -l "#[[:space:]]*include[[:space:]]*\"$n\"" \
		    "$root"/src/*/*.c "$root"/src/*/*.h "$root"/include/*.h \
		    "$root"/tests/unit/*.c "$root"/tests/fuzz/*.c 2>/dev/null |
		    grep -v "/src/$hl/" | grep -v "/include/$n\$" | head -1)
		[ -n "$users" ] || echo "include/$n: used only inside src/$hl/"
	done
}

out=$(check_tree .)
if [ -z "$out" ]; then
	pass "every include points to the same layer or a lower one"
else
	fail "every include points to the same layer or a lower one" "$(echo "$out" | head -20)"
fi

out=$(shared_headers .)
if [ -z "$out" ]; then
	pass "include/ holds only headers used outside their folder"
else
	fail "include/ holds only headers used outside their folder" "$out"
fi

# the checker can fail: a copy of the tree where base includes the UI's header
# and text includes analysis's
tmp=$(mktemp -d "${TMPDIR:-/tmp}/byline-layering.XXXXXX")
trap 'rm -rf "$tmp"' EXIT INT TERM
cp -R src include "$tmp"/
printf '#include "ui.h"\n' >>"$tmp/src/base/util.c"
printf '#include "analysis.h"\n' >>"$tmp/src/text/para.c"
out=$(check_tree "$tmp")
if echo "$out" | grep -q 'src/base/util.c: includes ui.h of ui' &&
   echo "$out" | grep -q 'src/text/para.c: includes analysis.h of analysis'; then
	pass "the checker finds an include of a higher layer (tried on a broken copy)"
else
	fail "the checker finds an include of a higher layer (tried on a broken copy)" "it said: $out"
fi
mkdir -p "$tmp/src/gadgets"
out=$(check_tree "$tmp")
if echo "$out" | grep -q 'src/gadgets/: a folder that is not a layer'; then
	pass "the checker finds a folder that is not a layer"
else
	fail "the checker finds a folder that is not a layer" "it said: $out"
fi
printf '/* nobody includes me */\n' >"$tmp/include/lonely.h"
printf '' >"$tmp/src/text/lonely.c"
out=$(shared_headers "$tmp")
if echo "$out" | grep -q 'include/lonely.h: used only inside src/text/'; then
	pass "the checker finds a header of include/ that one folder uses"
else
	fail "the checker finds a header of include/ that one folder uses" "it said: $out"
fi

# only src/ui/ includes curses
leak=$(grep -lE '#[[:space:]]*include[[:space:]]*[<"](n?curses|ncursesw/curses|term)\.h' \
    $(find src include -name '*.[ch]' ! -path 'src/ui/*') 2>/dev/null)
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
linked=0
for t in "$build"/tests/test_*; do
	case $t in *.d|*.o) continue ;; esac
	[ -x "$t" ] || continue
	n=$((n + 1))
	if ldd "$t" 2>/dev/null | grep -q 'libncurses\|libtinfo'; then
		linked=$((linked + 1))
		fail "unit test $(basename "$t") links no curses" "$(ldd "$t" | grep curses)"
	fi
done
if [ "$n" -gt 0 ] && [ "$linked" -eq 0 ]; then
	pass "the $n unit test programs link the core without curses"
elif [ "$n" -eq 0 ]; then
	fail "unit test programs found" "none in $build/tests"
fi
if ldd "${BYLINE:-$PWD/build/byline}" 2>/dev/null | grep -q 'libncurses'; then
	pass "byline itself links curses (so the check can tell)"
else
	fail "byline itself links curses (so the check can tell)" "no libncurses in ldd"
fi

# no function of logic over 80 lines (tests/tools/funclen; tables are data)
long=$(sh tests/tools/funclen -n 80)
if [ -z "$long" ]; then
	pass "no function in src/ over 80 lines"
else
	fail "no function in src/ over 80 lines" "$long"
fi
tmpc=$(mktemp --suffix=.c)
{ printf 'static int\nlong_one(void)\n{\n'; i=0
  while [ $i -lt 80 ]; do printf '\tx++;\n'; i=$((i + 1)); done
  printf '}\n'; } > "$tmpc"
if sh tests/tools/funclen -n 80 "$tmpc" | grep -q ' long_one$'; then
	pass "the length check finds a function of 83 lines"
else
	fail "the length check finds a function of 83 lines" "funclen said nothing"
fi
rm -f "$tmpc"
echo "layering: $ok passed, $bad failed"
[ "$bad" -eq 0 ]
