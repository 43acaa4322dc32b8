#!/bin/sh
# valgrind.sh: memcheck over the subcommands (issue 5). list and check run
# once over every fixture folder and articles/; show, quotes and people run
# on every small fixture file (tests/fixtures/**, articles/), several at a
# time. Each run must end with its usual status (never memcheck's 99), no
# memcheck error, and nothing definitely lost.
#
# Skips (one "SKIP: ..." line, counted and listed by tests/run) when valgrind
# is not installed, or when byline is built with AddressSanitizer (make
# check-asan), which valgrind cannot run. VALGRIND_JOBS sets how many run at once (default: the
# number of processors).
. tests/e2e/lib.sh
require_byline

if ! command -v valgrind >/dev/null 2>&1; then
	skip "memcheck over the subcommands" "valgrind is not installed (apt-get install valgrind)"
	finish
fi

if LC_ALL=C grep -q '__asan_init' "$BYLINE" 2>/dev/null; then
	skip "memcheck over the subcommands" "$BYLINE is built with AddressSanitizer, which valgrind cannot run"
	finish
fi

VG="valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite"
VG="$VG --show-leak-kinds=definite --read-inline-info=no --num-callers=30"
export VG BYLINE STATE

# Every small fixture: article files under tests/fixtures and articles/.
find "$E2E_ROOT/tests/fixtures" "$E2E_ROOT/articles" -type f \
    \( -name '*.md' -o -name '*.markdown' -o -name '*.txt' \) -size -100k | sort >"$T/files"
nfiles=$(wc -l <"$T/files")
if [ "$nfiles" -ge 10 ]; then
	pass "found $nfiles fixture files"
else
	fail "found $nfiles fixture files" "expected tests/fixtures/** and articles/ to hold more"
fi

# vg NAME CMD ARGS...: run byline CMD under memcheck; report to stdout.
# Status 0 and 1 are byline's own; 99 is memcheck's; anything else is a crash.
vg() {
	vg_name=$1
	shift
	vg_log=$(mktemp "$T/vg.XXXXXX")
	$VG --log-file="$vg_log" "$BYLINE" --state "$STATE" "$@" >/dev/null 2>"$vg_log.err" </dev/null
	vg_rc=$?
	if [ "$vg_rc" -eq 0 ] || [ "$vg_rc" -eq 1 ]; then
		if [ -s "$vg_log" ]; then
			fail "$vg_name" "memcheck wrote a report (status $vg_rc)" "$(head -c 4000 "$vg_log")"
		else
			pass "$vg_name"
		fi
	elif [ "$vg_rc" -eq 99 ]; then
		fail "$vg_name" "memcheck found errors or definite leaks" "$(head -c 4000 "$vg_log")"
	else
		fail "$vg_name" "status $vg_rc" "$(head -c 2000 "$vg_log"; head -c 2000 "$vg_log.err")"
	fi
	rm -f "$vg_log" "$vg_log.err"
}

# The folders at once (the scan is recursive).
vg "list: articles/ and tests/fixtures/" list "$E2E_ROOT/articles" "$E2E_ROOT/tests/fixtures"
vg "check: articles/ and tests/fixtures/" check "$E2E_ROOT/articles" "$E2E_ROOT/tests/fixtures"

# The files, split between workers.
jobs=${VALGRIND_JOBS:-$(getconf _NPROCESSORS_ONLN 2>/dev/null || echo 2)}
[ "$jobs" -ge 1 ] 2>/dev/null || jobs=2
w=0
while [ $w -lt "$jobs" ]; do
	(
		i=0
		while IFS= read -r f; do
			if [ $((i % jobs)) -eq $w ]; then
				rel=${f#"$E2E_ROOT"/}
				for c in show quotes people; do
					vg "$c $rel" $c "$f"
				done
			fi
			i=$((i + 1))
		done <"$T/files"
	) >"$T/worker.$w" 2>&1 &
	w=$((w + 1))
done
wait
cat "$T"/worker.*
e2e_passed=$((e2e_passed + $(cat "$T"/worker.* | grep -c '^PASS: ')))
e2e_failed=$((e2e_failed + $(cat "$T"/worker.* | grep -c '^FAIL: ')))
runs=$(cat "$T"/worker.* | grep -c '^\(PASS\|FAIL\): ')
if [ "$runs" -eq $((nfiles * 3)) ]; then
	pass "show, quotes and people ran on all $nfiles files"
else
	fail "show, quotes and people ran on all $nfiles files" "$runs runs, not $((nfiles * 3))"
fi

finish
