#!/bin/sh
# cli-output.sh: what the commands write, and the read marks' file, when
# things go wrong (issue 11 "Output and locks", issue 16 items 3 and 6):
#   - a write error on standard output (a full disk: /dev/full) is an
#     error: "byline: standard output: No space left on device", status 1,
#     for list, show, quotes, people, their --json, --keys, --version;
#   - a reader that goes away ("| head -1") is no error: quiet, status 0;
#   - mark-read while another byline holds the marks' lock says so and
#     exits 1 after its wait (a few seconds), the file untouched;
#   - a state file that is a symbolic link stays one (the file it names is
#     written, the lock taken beside it).
. tests/e2e/lib.sh
require_byline

LIB=$T/lib
copy_library "$LIB"
ART=$LIB/2021-11-22-harlow-fen-school.md

# short CMD: CMD with the test's folders as short names, for check names.
short() {
	printf '%s' "$1" | sed "s#$ART#ARTICLE#g; s#$LIB#LIBRARY#g; s#$T/##g"
}

# ---- a full disk ----

if [ -c /dev/full ]; then
	for cmd in "list $LIB" "list --json $LIB" "show $ART" "quotes $ART" "quotes --json $ART" \
	    "people $ART" "people --json $ART" "--keys" "--version"; do
		# shellcheck disable=SC2086
		B $cmd >/dev/full 2>"$ERR"
		RC=$?
		name="byline $(short "$cmd") >/dev/full: status 1, 'standard output: No space left on device'"
		if [ $RC -eq 1 ] && grep -qx 'byline: standard output: No space left on device' "$ERR"; then
			pass "$name"
		else
			fail "$name" "status $RC" "$(cat "$ERR")"
		fi
	done
else
	skip "output to a full disk" "no /dev/full here"
fi

# ---- a reader that goes away ----

MANY=$T/many
mkdir -p "$MANY"
(cd "$MANY" && awk 'BEGIN { for (i = 0; i < 3000; i++) { f = sprintf("a%04d.md", i)
    printf "---\ntitle: Article %d, a title long enough to fill a pipe quickly\ndate: 2020-01-01\n---\n\nBody.\n", i > f
    close(f) } }')
# an article of 2 MB: show's output does not fit in a pipe
awk 'BEGIN { print "---\ntitle: Long\n---\n"; for (i = 0; i < 20000; i++)
    print "A paragraph of the long article, long enough to fill a pipe in no time at all.\n" }' >"$T/long.md"
for cmd in "list $MANY" "list --json $MANY" "show $T/long.md"; do
	{
		# shellcheck disable=SC2086
		B $cmd 2>"$T/pipe.err"
		echo $? >"$T/pipe.rc"
	} | head -n 1 >/dev/null
	brc=$(cat "$T/pipe.rc")
	if [ "$brc" -eq 0 ] && [ ! -s "$T/pipe.err" ]; then
		pass "byline $(short "$cmd") | head -1: quiet, status 0"
	else
		fail "byline $(short "$cmd") | head -1: quiet, status 0" "status $brc" "$(cat "$T/pipe.err")"
	fi
done

# ---- mark-read while another byline holds the lock ----

if command -v flock >/dev/null; then
	rm -f "$STATE"
	B mark-read "$ART" >/dev/null 2>&1
	cp "$STATE" "$T/before"
	flock -x "$STATE.lock" sleep 600 &
	holder=$!
	end=$(e2e_deadline 10)
	while flock -n -x "$STATE.lock" true 2>/dev/null && [ "$(date +%s)" -lt "$end" ]; do
		sleep 0.02
	done
	run B mark-read "$LIB"
	if [ "$RC" -eq 1 ] && grep -q 'another byline holds the read marks' "$ERR" &&
	    cmp -s "$STATE" "$T/before"; then
		pass "mark-read while another byline holds the lock: status 1, says so, the file untouched"
	else
		fail "mark-read while another byline holds the lock: status 1, says so, the file untouched" \
		    "unexpected" "$(both)"
	fi
	pkill -P "$holder" 2>/dev/null
	kill "$holder" 2>/dev/null
	wait "$holder" 2>/dev/null
	run B mark-read "$LIB"
	if [ "$RC" -eq 0 ] && [ "$(grep -c ' r ' "$STATE")" -eq "$(ls "$LIB"/*.md | wc -l)" ]; then
		pass "mark-read once the lock is free: status 0, all marked"
	else
		fail "mark-read once the lock is free: status 0, all marked" "unexpected" "$(both)"
	fi
else
	skip "mark-read while another byline holds the lock" "no flock(1) here (util-linux)"
fi

# ---- a state file that is a symbolic link ----

mkdir -p "$T/synced"
rm -f "$T/link"
B --state "$T/synced/read" mark-read "$ART" >/dev/null 2>&1
ln -s synced/read "$T/link"
run "$BYLINE" --state "$T/link" mark-read "$LIB"
if [ "$RC" -eq 0 ] && [ -L "$T/link" ] &&
    [ "$(grep -c ' r ' "$T/synced/read")" -eq "$(ls "$LIB"/*.md | wc -l)" ] &&
    [ -e "$T/synced/read.lock" ] && [ ! -e "$T/link.lock" ]; then
	pass "a state file that is a symbolic link stays one; the file it names is written, locked beside it"
else
	fail "a state file that is a symbolic link stays one; the file it names is written, locked beside it" \
	    "link: $(ls -l "$T/link")" "$(both; ls -la "$T" "$T/synced")"
fi

finish
