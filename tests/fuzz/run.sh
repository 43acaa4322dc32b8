#!/bin/sh
# run.sh OUT SECONDS TARGET:MAXLEN...: run each libFuzzer target built in
# OUT for SECONDS with a fixed seed (called by "make fuzz").
#
# The seed corpus is tests/fuzz/corpus/TARGET plus the regression inputs in
# tests/fuzz/regressions/TARGET; new inputs go to OUT/work/TARGET, emptied
# first. Whatever makes a target fail (crash-*, leak-*, timeout-*, oom-*)
# is copied into tests/fuzz/regressions/TARGET/ so that "make test" replays
# it from then on. Prints one summary line per target; exits 1 if any
# target failed.
set -u

out=$1
secs=$2
shift 2
root=$(cd "$(dirname "$0")/../.." && pwd)
status=0
summary=

for spec in "$@"; do
	t=${spec%%:*}
	maxlen=${spec#*:}
	bin=$out/$t
	work=$out/work/$t
	art=$out/artifacts/$t
	log=$out/$t.log
	seeds=$root/tests/fuzz/corpus/$t
	regr=$root/tests/fuzz/regressions/$t
	rm -rf "$work" "$art"
	mkdir -p "$work" "$art" "$regr"
	echo "== $t: ${secs}s, -seed=1, -max_len=$maxlen"
	"$bin" -seed=1 -max_total_time="$secs" -max_len="$maxlen" -timeout=10 \
	    -rss_limit_mb=2048 -print_final_stats=1 -artifact_prefix="$art/" \
	    "$work" "$seeds" "$regr" >"$log" 2>&1
	rc=$?
	runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
	cov=$(grep -E '^#[0-9]+' "$log" | tail -n 1 | sed -n 's/.*cov: \([0-9]*\).*/\1/p')
	found=
	for f in "$art"/*; do
		[ -f "$f" ] || continue
		name=$(basename "$f")
		cp "$f" "$regr/$name"
		found="$found $name"
	done
	if [ "$rc" -ne 0 ]; then
		status=1
		grep -E '^(==[0-9]+==ERROR|SUMMARY|fuzz check failed|.*runtime error)' "$log" | head -n 5
		echo "   log: $log"
		line="$t: FAILED (status $rc) after ${runs:-?} runs; kept in tests/fuzz/regressions/$t/:${found:- (no artifact)}"
	else
		line="$t: ${runs:-?} runs in ${secs}s, coverage ${cov:-?}, nothing found"
	fi
	echo "$line"
	summary="$summary$line
"
done

echo "== fuzz summary"
printf '%s' "$summary"
exit $status
