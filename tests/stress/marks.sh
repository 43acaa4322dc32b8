#!/bin/sh
# marks.sh: read marks survive kills, concurrent writers and a full disk,
# tested against the real binary ("byline mark-read"). Run from the
# repository root; prints "PASS: name" / "FAIL: name: why" lines.
#
# Sizes (environment):
#   MARKS_KILLS    SIGKILLs at random moments of a save (default 300)
#   MARKS_ROUNDS   rounds of concurrent writers (default 25)
#   MARKS_WRITERS  processes marking different articles at once (default 8)
# "make stress" runs the defaults; tests/e2e/marks-stress.sh (make test) a
# few seconds' worth.
#
# What must hold, every time:
#   - after any SIGKILL the state file loads without a warning (no torn or
#     damaged file, nothing set aside as read.corrupt-*) and holds every
#     mark whose "byline mark-read" had exited 0 (its save returned);
#   - writers marking different articles at once all exit 0 and lose
#     nothing, round after round, and mark-unread running alongside
#     mark-read loses nothing either;
#   - a full disk (a 64 KiB tmpfs, where mounting is allowed), a file size
#     limit, a state path that is a folder and a read-only folder (as
#     nobody when the test runs as root) give status 1 and a message, leave
#     the old marks intact, and reading goes on.
. tests/e2e/lib.sh
require_byline

KILLS=${MARKS_KILLS:-300}
ROUNDS=${MARKS_ROUNDS:-25}
WRITERS=${MARKS_WRITERS:-8}

LIB=$T/lib
mkdir -p "$LIB"

# article NAME: a tiny article with id NAME, in $LIB; prints its path.
article() {
	printf -- '---\ntitle: Article %s\nid: %s\n---\n\nBody of %s.\n' "$1" "$1" "$1" >"$LIB/$1.md"
	printf '%s\n' "$LIB/$1.md"
}

# rand N: a random number in [0, N).
rand() {
	echo $(($(od -An -N4 -tu4 /dev/urandom | tr -d ' ') % $1))
}

# state_has KEY r|u: the state file $S holds KEY with that flag.
state_has() {
	grep -q "^id:$1 $2 " "$S"
}

# loads_clean: the state $S loads with no warning (list prints none) and no
# damaged file was set aside. Prints what went wrong.
loads_clean() {
	"$BYLINE" --state "$S" list "$LIB" >"$T/list.out" 2>"$T/list.err"
	lc_rc=$?
	if [ $lc_rc -ne 0 ]; then
		echo "list exited $lc_rc: $(head -c 300 "$T/list.err")"
	elif [ -s "$T/list.err" ]; then
		echo "list warned: $(head -c 300 "$T/list.err")"
	elif ls "$S".corrupt-* >/dev/null 2>&1; then
		echo "a damaged state file was set aside: $(ls "$S".corrupt-*)"
	fi
}

# ---- SIGKILL at random moments ----

S=$T/kill/read
mkdir -p "$T/kill"
# A state file of 5,000 marks (about 80 KB) makes each save long enough
# for kills to land in the middle of it: reading, merging, writing, fsync.
awk 'BEGIN { print "byline-state 1"; for (i = 0; i < 5000; i++) printf "id:old-%d r %d\n", i, i;
    print "end 5000" }' >"$S"
printf 'old-0\nold-4999\n' >"$T/done"
bad=
killed=0
finished=0
# Kill after a random delay in [0, 2D] ms, D following how long a run takes
# (it grows when victims are killed, shrinks when they finish), so that
# kills land all through a run, about half of them before it ends.
D=10
i=0
while [ $i -lt "$KILLS" ]; do
	# a victim, killed at a random moment, and a bystander left to finish
	victim=$(article "kill-v$i")
	bystander=$(article "kill-b$i")
	"$BYLINE" --state "$S" mark-read "$victim" >/dev/null 2>"$T/victim.err" &
	vpid=$!
	"$BYLINE" --state "$S" mark-read "$bystander" >/dev/null 2>"$T/bystander.err" &
	bpid=$!
	ms=$(rand $((2 * D + 1)))
	sleep "$(printf '%d.%03d' $((ms / 1000)) $((ms % 1000)))"
	kill -9 $vpid 2>/dev/null
	wait $vpid 2>/dev/null
	vrc=$?
	wait $bpid
	brc=$?
	if [ $vrc -eq 0 ]; then
		echo "kill-v$i" >>"$T/done"
		finished=$((finished + 1))
		[ $D -gt 1 ] && D=$((D - 1))
	elif [ $vrc -eq 137 ]; then
		killed=$((killed + 1))
		D=$((D + 1))
	else
		bad="victim $i exited $vrc: $(head -c 200 "$T/victim.err")"
		break
	fi
	if [ $brc -ne 0 ]; then
		bad="bystander $i (not killed) exited $brc: $(head -c 200 "$T/bystander.err")"
		break
	fi
	echo "kill-b$i" >>"$T/done"
	why=$(loads_clean)
	if [ -n "$why" ]; then
		bad="after kill $i: $why"
		break
	fi
	# every mark whose save returned is there, read
	lost=$(awk 'NR == FNR { want[$0] = 1; next }
	    $2 == "r" && substr($1, 1, 3) == "id:" { have[substr($1, 4)] = 1 }
	    END { for (k in want) if (!(k in have)) { print k; exit } }' "$T/done" "$S")
	if [ -n "$lost" ]; then
		bad="after kill $i: the mark of $lost, whose save had returned, is gone"
		break
	fi
	i=$((i + 1))
done
if [ -z "$bad" ]; then
	pass "SIGKILL x$KILLS at random moments ($killed killed mid-run, $finished had finished, delays up to $((2 * D)) ms at the end): the state always loads and keeps every returned mark"
else
	fail "SIGKILL x$KILLS at random moments" "$bad" "$(cat "$S" 2>/dev/null | head -n 20)"
fi
if [ "$KILLS" -ge 20 ] && [ $killed -eq 0 ]; then
	fail "SIGKILL: some kills land before the process ends" "every victim finished first: no kill tested"
fi

# ---- writers at once ----

# writers N ROUND: N mark-read processes on N new articles at once; all must
# exit 0. Echoes what went wrong.
writers() {
	w_pids=
	w=0
	while [ $w -lt "$1" ]; do
		f=$(article "w$2-$w")
		"$BYLINE" --state "$S" mark-read "$f" >/dev/null 2>"$T/w$w.err" &
		w_pids="$w_pids $!"
		w=$((w + 1))
	done
	w=0
	for p in $w_pids; do
		wait "$p" || echo "writer $w of round $2 exited $?: $(head -c 200 "$T/w$w.err")"
		w=$((w + 1))
	done
}

for n in 2 "$WRITERS"; do
	S=$T/writers$n/read
	mkdir -p "$T/writers$n"
	bad=
	r=0
	while [ $r -lt "$ROUNDS" ] && [ -z "$bad" ]; do
		bad=$(writers "$n" "$n-$r")
		[ -z "$bad" ] && bad=$(loads_clean)
		# nothing lost, this round or any before
		q=0
		while [ $q -le $r ] && [ -z "$bad" ]; do
			w=0
			while [ $w -lt "$n" ]; do
				state_has "w$n-$q-$w" r || { bad="round $r: the mark of w$n-$q-$w is lost"; break; }
				w=$((w + 1))
			done
			q=$((q + 1))
		done
		r=$((r + 1))
	done
	total=$(grep -c '^id:w' "$S" 2>/dev/null)
	if [ -z "$bad" ] && [ "$total" -eq $((n * ROUNDS)) ]; then
		pass "$n writers at once, $ROUNDS rounds: all $total marks kept"
	else
		fail "$n writers at once, $ROUNDS rounds: all marks kept" "${bad:-$total marks, not $((n * ROUNDS))}" \
		    "$(head -n 20 "$S" 2>/dev/null)"
	fi
done

# mark-read and mark-unread at once, on different articles
S=$T/mixed/read
mkdir -p "$T/mixed"
half=$((WRITERS / 2))
[ $half -ge 1 ] || half=1
bad=
r=0
while [ $r -lt "$ROUNDS" ] && [ -z "$bad" ]; do
	pids=
	w=0
	while [ $w -lt $half ]; do
		f=$(article "m$r-$w")
		"$BYLINE" --state "$S" mark-read "$f" >/dev/null 2>&1 &
		pids="$pids $!"
		if [ $r -gt 0 ]; then
			"$BYLINE" --state "$S" mark-unread "$LIB/m$((r - 1))-$w.md" >/dev/null 2>&1 &
			pids="$pids $!"
		fi
		w=$((w + 1))
	done
	for p in $pids; do
		wait "$p" || bad="round $r: a writer exited $?"
	done
	w=0
	while [ $w -lt $half ] && [ -z "$bad" ]; do
		state_has "m$r-$w" r || bad="round $r: m$r-$w not read"
		if [ $r -gt 0 ] && state_has "m$((r - 1))-$w" r; then
			bad="round $r: m$((r - 1))-$w still read after mark-unread"
		fi
		w=$((w + 1))
	done
	r=$((r + 1))
done
if [ -z "$bad" ]; then
	pass "mark-read and mark-unread at once ($half + $half processes), $ROUNDS rounds: exact result"
else
	fail "mark-read and mark-unread at once" "$bad" "$(head -n 20 "$S" 2>/dev/null)"
fi

# ---- the state cannot be written ----

S=$T/bad/read
mkdir -p "$T/bad"
one=$(article bad-one)
two=$(article bad-two)
"$BYLINE" --state "$S" mark-read "$one" >/dev/null 2>&1
cp "$S" "$T/bad/before"

# A file size limit (SIGXFSZ ignored, as a shell may leave it): EFBIG.
# (stderr goes through a pipe: the limit applies to every file byline writes)
{
	sh -c 'trap "" XFSZ; ulimit -f 0; exec "$@"' sh "$BYLINE" --state "$S" mark-read "$two" \
	    2>&1 >/dev/null
	echo $? >"$T/rc"
} | cat >"$T/err"
rc=$(cat "$T/rc")
if [ $rc -eq 1 ] && grep -q 'could not save read marks' "$T/err" && cmp -s "$S" "$T/bad/before" &&
    [ -z "$(loads_clean)" ]; then
	pass "a file size limit: status 1, a message, the old marks intact"
else
	fail "a file size limit: status 1, a message, the old marks intact" "status $rc" "$(cat "$T/err")"
fi

# A full disk: a 64 KiB tmpfs filled up. It is mounted in a mount namespace
# of its own (unshare -m as root; as a user, unshare -rm: a user namespace
# where the user may mount), so it goes when the run ends; as root without
# unshare, mounted and unmounted here.
TFS=$T/tfs
mkdir -p "$TFS"
# the run inside: mount, fill, mark (status to $T/rc), list (status too)
fulldisk='mount -t tmpfs -o size=64k tmpfs "$1" || exit 125
cp "$2" "$1/read" && dd if=/dev/zero of="$1/fill" bs=1024 count=128 2>/dev/null
"$3" --state "$1/read" mark-read "$4" >/dev/null 2>"$5/err"; echo $? >"$5/rc"
"$3" --state "$1/read" list "$6" >"$5/out" 2>"$5/err2"; echo $? >>"$5/rc"
cmp -s "$1/read" "$2" && echo intact >>"$5/rc"
exit 0'
if [ "$(id -u)" -eq 0 ] && unshare -m true 2>/dev/null; then
	unshare -m sh -c "$fulldisk" sh "$TFS" "$T/bad/before" "$BYLINE" "$two" "$T" "$LIB"
elif [ "$(id -u)" -ne 0 ] && unshare -rm true 2>/dev/null; then
	unshare -rm sh -c "$fulldisk" sh "$TFS" "$T/bad/before" "$BYLINE" "$two" "$T" "$LIB"
elif [ "$(id -u)" -eq 0 ]; then
	trap 'umount "$TFS" 2>/dev/null; e2e_cleanup' EXIT
	sh -c "$fulldisk" sh "$TFS" "$T/bad/before" "$BYLINE" "$two" "$T" "$LIB"
	umount "$TFS" 2>/dev/null
	trap 'e2e_cleanup' EXIT
else
	(exit 125)
fi
if [ $? -eq 125 ] || [ ! -s "$T/rc" ]; then
	skip "a full disk" "cannot mount a tmpfs here (not root, and no user namespaces: unshare -rm)"
else
	rc=$(sed -n 1p "$T/rc")
	lrc=$(sed -n 2p "$T/rc")
	if [ "$rc" = 1 ] && grep -q 'No space left on device' "$T/err" && grep -qx intact "$T/rc" &&
	    [ "$lrc" = 0 ] && grep -q "^read	.*bad-one\\.md" "$T/out"; then
		pass "a full disk: status 1, 'No space left on device', old marks intact, list still works"
	else
		fail "a full disk: status 1, 'No space left on device', old marks intact, list still works" \
		    "status $rc, list $lrc" "$(cat "$T/rc" "$T/err" "$T/err2")"
	fi
fi
rm -f "$T/rc"

# The state path is a folder.
mkdir -p "$T/dir/read"
: >"$T/dir/read/keep"
"$BYLINE" --state "$T/dir/read" mark-read "$two" >/dev/null 2>"$T/err"
rc=$?
"$BYLINE" --state "$T/dir/read" list "$LIB" >"$T/out" 2>/dev/null
lrc=$?
if [ $rc -eq 1 ] && grep -q 'is a directory' "$T/err" && [ -f "$T/dir/read/keep" ] && [ $lrc -eq 0 ] &&
    [ "$(grep -c . "$T/out")" -ge 2 ]; then
	pass "the state path is a folder: status 1, a message, the folder untouched, list still works"
else
	fail "the state path is a folder: status 1, a message, the folder untouched, list still works" \
	    "status $rc, list $lrc" "$(cat "$T/err")"
fi

# A read-only folder (as root, run as nobody: root writes anyway).
if can_drop; then
	mkdir -p "$T/ro"
	cp "$T/bad/before" "$T/ro/read"
	chmod 644 "$T/ro/read" "$two"
	chmod 555 "$T/ro"
	open_up "$T/ro" "$LIB"
	unprivileged "$BYLINE" --state "$T/ro/read" mark-read "$two" >/dev/null 2>"$T/err"
	rc=$?
	chmod 755 "$T/ro"
	if [ $rc -eq 1 ] && grep -q 'Permission denied' "$T/err" && cmp -s "$T/ro/read" "$T/bad/before"; then
		pass "a read-only folder: status 1, 'Permission denied', the old marks intact"
	else
		fail "a read-only folder: status 1, 'Permission denied', the old marks intact" "status $rc" \
		    "$(cat "$T/err")"
	fi
else
	skip "a read-only folder" "running as root, which writes anyway, and cannot become nobody here"
fi

finish
