#!/usr/bin/env bash
# tests/bench/bench.sh BYLINE OUTDIR: the body of "make bench" (see README here).
#
# Generates the data under OUTDIR once, then measures byline against its
# floors and anchors in one run, prints the table and writes OUTDIR/results.tsv.
# Exits 0 when every measurement ran (targets missed are reported, not
# failed); 1 when a command broke (a crash, a wrong result, a tool missing).
#
# Knobs (environment):
#   BENCH_SIZES="1000 10000 100000"  the libraries (articles each)
#   BENCH_RUNS=5          timed runs for index, memory and analysis (best kept)
#   BENCH_PAINT_RUNS=5    ttfp runs per first-paint case (median kept)
#   BENCH_BIG_MB=50       the big article's body, in MiB
#   BENCH_KEYS=1          0 skips the per-keystroke (callgrind) section
#   BENCH_NODE=1          0 skips the gray-matter anchor
#   BENCH_SECTIONS="index paint memory analysis people import keys fetch"   the sections to run
#   BENCH_FEEDS=100       feeds of 50 stories for the fetch section
#   BENCH_HTML_PAGES=dir  the web pages the import row reads (default
#                         ../shared/dev-html/pages beside the repository)
#   TTFP=path             the ttfp tool (default ../shared/tools/ttfp, else ours)
set -u

die() { echo "bench: $*" >&2; exit 1; }
say() { printf 'bench: %s\n' "$*" >&2; }

[ $# -eq 2 ] || die "usage: bench.sh BYLINE OUTDIR"
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
mkdir -p "$2" || die "cannot create $2"
B=$(cd "$2" && pwd)
BYLINE=$(command -v "$1") || die "$1: not found"
case $BYLINE in /*) ;; *) BYLINE=$(cd "$(dirname "$BYLINE")" && pwd)/$(basename "$BYLINE") ;; esac
[ -x "$BYLINE" ] || die "$BYLINE: not executable"
# Measure a snapshot: a rebuild during the run must not mix two binaries.
BYLINE_SRC=$BYLINE
cp "$BYLINE" "$B/byline.tmp" && mv "$B/byline.tmp" "$B/byline-under-test" || die "cannot copy $BYLINE"
BYLINE=$B/byline-under-test

SIZES=${BENCH_SIZES:-1000 10000 100000}
RUNS=${BENCH_RUNS:-5}
PRUNS=${BENCH_PAINT_RUNS:-5}
BIGMB=${BENCH_BIG_MB:-50}
KEYS=${BENCH_KEYS:-1}
NODE=${BENCH_NODE:-1}
SECTIONS=${BENCH_SECTIONS:-index paint memory analysis people import keys fetch}
HTMLPAGES=${BENCH_HTML_PAGES:-$root/../shared/dev-html/pages}
want() { [[ " $SECTIONS " == *" $1 "* ]]; }
GEN=$B/gen FLOOR=$B/floor RSS=$B/rss
for t in "$GEN" "$FLOOR" "$RSS"; do [ -x "$t" ] || die "$t missing (make bench builds it)"; done
for t in tmux awk; do command -v $t >/dev/null || die "$t missing (sh .ci/deps bench)"; done
want import && ! command -v xmllint >/dev/null && die "xmllint missing (sh .ci/deps bench: libxml2-utils)"
# less, the 50 MB first-paint reference, is not in every Debian image
if ! command -v less >/dev/null; then
	if [ "$(id -u)" = 0 ]; then sudo=""; elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then sudo=sudo; else sudo=no; fi
	if [ "$sudo" != no ] && command -v apt-get >/dev/null; then
		say "installing less"
		export DEBIAN_FRONTEND=noninteractive
		$sudo apt-get update -qq >&2 && $sudo apt-get install -y -qq less >&2
	fi
	command -v less >/dev/null || say "less missing (apt-get install less): its reference is n/a"
fi

# byline's files go under OUTDIR, never the user's: cache, state, config.
export BYLINE_CACHE=$B/cache XDG_CACHE_HOME=$B/xdg/cache XDG_CONFIG_HOME=$B/xdg/config \
    XDG_STATE_HOME=$B/xdg/state XDG_DATA_HOME=$B/xdg/data
unset BYLINE_STATE BYLINE_ARTICLES
mkdir -p "$XDG_CACHE_HOME" "$XDG_CONFIG_HOME" "$XDG_STATE_HOME" "$XDG_DATA_HOME"
# A UTF-8 terminal, the same everywhere; no preprocessor in front of less.
export LANG=C.UTF-8 LC_ALL=C.UTF-8
unset LESSOPEN LESSCLOSE LESS
export TERM=${TERM:-xterm-256color}
[ "$TERM" = dumb ] && export TERM=xterm-256color

if [ -n "${TTFP:-}" ]; then :
elif [ -x "$root/../shared/tools/ttfp" ]; then TTFP=$root/../shared/tools/ttfp
else TTFP=$here/ttfp.sh
fi

broke=0		# a measurement that could not be made
STATE=$B/state
mkdir -p "$STATE" "$B/cg" "$B/log"
TSV=$B/results.tsv
TABLE=$B/results.txt

# ---- the results ----
# row SECTION CASE VALUE UNIT REFERENCE REF_VALUE RATIO TARGET STATUS
printf 'section\tcase\tvalue\tunit\treference\tref_value\tratio\ttarget\tstatus\n' > "$TSV.tmp"
: > "$TABLE.tmp"
row() {
	printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$@" >> "$TSV.tmp"
	printf '%-8s %-24s %11s %-5s %-18s %11s %8s %7s %s\n' "$1" "$2" "$3" "$4" "$5" "$6" \
	    "$7" "$8" "$9" >> "$TABLE.tmp"
	printf '  %-8s %-24s %11s %-5s %-18s %11s %8s %7s %s\n' "$1" "$2" "$3" "$4" "$5" "$6" \
	    "$7" "$8" "$9" >&2
}
# ratio A B: A/B to two decimals, or "-" when either is not a number
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a+0 == a && b+0 == b && b > 0) printf "%.2f", a/b; else print "-" }'; }
# verdict RATIO LIMIT: PASS when RATIO <= LIMIT
verdict() { awk -v r="$1" -v l="$2" 'BEGIN { if (r+0 != r) print "n/a"; else print (r <= l ? "PASS" : "MISS") }'; }
num() { awk -v n="$1" 'BEGIN { s = sprintf("%d", n); o = ""; while (length(s) > 3) { o = "," substr(s, length(s)-2) o; s = substr(s, 1, length(s)-3) } print s o }'; }
# least A B / most A B: the smaller / larger number ("" or not a number: the other)
least() { awk -v a="$1" -v b="$2" 'BEGIN { if (a+0 != a || a == "") print b; else if (b+0 != b || b == "") print a; else print (a < b ? a : b) }'; }
most() { awk -v a="$1" -v b="$2" 'BEGIN { if (a+0 != a || a == "") print b; else if (b+0 != b || b == "") print a; else print (a > b ? a : b) }'; }
# mib N UNIT: N units (1: bytes, 1024: KiB) in MiB, one decimal; else "-"
mib() { awk -v n="$1" -v u="$2" 'BEGIN { if (n+0 == n) printf "%.1f", n*u/1048576; else print "-" }'; }
info() { awk -v k="$2" '{ for (i = 1; i < NF; i++) if ($i == k) { print $(i+1); exit } }' "$1"; }

# ---- data (generated once; again when gen.c changes) ----
gensum=$(cksum < "$here/gen.c" | awk '{print $1}')
fresh() { [ -f "$1" ] && grep -qx "gen $gensum" "$1"; }
make_lib() {	# make_lib N
	local d=$B/lib-$1 inf=$B/lib-$1.info
	fresh "$inf" && [ -d "$d" ] && return 0
	say "generating $(num "$1") articles in $d"
	rm -rf "$d" "$d.tmp" "$inf"
	"$GEN" lib "$d.tmp" "$1" > "$inf.tmp" || die "gen lib $1 failed"
	echo "gen $gensum" >> "$inf.tmp"
	mv "$d.tmp" "$d" && mv "$inf.tmp" "$inf"
}
make_article() {	# make_article FILE BODY_BYTES
	local inf=$1.info
	# the body size asked for may change (BENCH_BIG_MB): the file must match it
	fresh "$inf" && [ -f "$1" ] &&
	    awk -v want="$2" '/^articles/ { for (i = 1; i < NF; i++) if ($i == "body") exit !($(i+1) >= want && $(i+1) < want + 65536); exit 1 }' "$inf" &&
	    return 0
	say "generating $1"
	rm -f "$1" "$inf"
	"$GEN" article "$1.tmp" "$2" > "$inf.tmp" || die "gen article failed"
	echo "gen $gensum" >> "$inf.tmp"
	mv "$1.tmp" "$1" && mv "$inf.tmp" "$inf"
}
for n in $SIZES; do make_lib "$n"; done
BIG=$B/big.md SMALL=$B/small.md
make_article "$BIG" $((BIGMB * 1048576))
make_article "$SMALL" 4000
BIGBODY=$(info "$BIG.info" body)
LARGEST=$(printf '%s\n' $SIZES | sort -n | tail -1)


{
	echo "byline benchmark: $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) CPUs, $(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo)"
	echo "binary: $BYLINE_SRC (tree at $(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo '?'), sha1 $(sha1sum < "$BYLINE" | cut -c1-12))"
	echo "libraries: $(for n in $SIZES; do printf '%s ' "$(num "$n")"; done)articles of ~$(( $(info "$B/lib-$LARGEST.info" bytes) / LARGEST )) bytes; big article: $(awk -v b="$BIGBODY" 'BEGIN { printf "%.1f", b/1048576 }') MiB body"
	echo
	printf '%-8s %-24s %11s %-5s %-18s %11s %8s %7s %s\n' section case value unit reference ref_value ratio target status
} > "$B/results.head"
cat "$B/results.head" >&2

# ---- 1. index: byline list against the floor ----
# byline keeps a cache of the front matter it read (BYLINE_CACHE, here a
# folder of ours). "list N" is the usual case, the cache warm; "no cache"
# parses every head (BYLINE_CACHE=off); "1st run" starts with no cache and
# writes it (one run).
declare -A LIST_MS LIST_KB NC_KB
want index && for n in $SIZES; do
	lib=$B/lib-$n
	err=$B/log/list-$n.err
	say "index: $(num "$n") articles"
	: > "$err"
	rm -rf "$BYLINE_CACHE"
	read -r first _ _ lst < <("$RSS" -n 1 -w 0 -- "$BYLINE" list "$lib" 2>>"$err")
	[ "${lst:-1}" = 0 ] || { say "byline list failed on $lib (exit ${lst:-?}; see $err)"; broke=1; }
	cnt=$("$BYLINE" list "$lib" 2>>"$err" | wc -l)
	[ "$cnt" -eq "$n" ] || { say "byline list $lib: $cnt lines, expected $n (see $err)"; broke=1; }
	# floor, cached, uncached in turn, so that the machine's load (other
	# jobs) falls on all three alike; the best of each is kept
	"$FLOOR" "$lib" > /dev/null
	fbest='' lbest='' nbest='' lkb=0 nkb=0
	for ((i = 0; i < RUNS; i++)); do
		read -r t _ _ st < <("$RSS" -n 1 -w 0 -- "$FLOOR" "$lib")
		[ "${st:-1}" = 0 ] || { say "floor failed on $lib"; broke=1; }
		fbest=$(least "$fbest" "$t")
		read -r t _ kb st < <("$RSS" -n 1 -w 0 -- "$BYLINE" list "$lib" 2>>"$err")
		[ "${st:-1}" = 0 ] || { say "byline list failed on $lib (exit ${st:-?}; see $err)"; broke=1; }
		lbest=$(least "$lbest" "$t") lkb=$(most "$lkb" "$kb")
		read -r t _ kb st < <(BYLINE_CACHE=off "$RSS" -n 1 -w 0 -- "$BYLINE" list "$lib" 2>>"$err")
		[ "${st:-1}" = 0 ] || { say "byline list (no cache) failed on $lib (exit ${st:-?}; see $err)"; broke=1; }
		nbest=$(least "$nbest" "$t") nkb=$(most "$nkb" "$kb")
	done
	LIST_MS[$n]=$lbest LIST_KB[$n]=$lkb NC_KB[$n]=$nkb
	r=$(ratio "$lbest" "$fbest")
	if [ "$n" -ge 10000 ]; then tgt=1.3 st=$(verdict "$r" 1.3); else tgt=- st=-; fi
	row index "list $(num "$n")" "$lbest" ms floor "$fbest" "$r" "$tgt" "$st"
	r=$(ratio "$nbest" "$fbest")
	if [ "$n" -ge 100000 ]; then tgt=1.5 st=$(verdict "$r" 1.5); else tgt=- st=-; fi
	row index "list $(num "$n") no cache" "$nbest" ms floor "$fbest" "$r" "$tgt" "$st"
	row index "list $(num "$n") 1st run" "$first" ms floor "$fbest" "$(ratio "$first" "$fbest")" - -
done

# the anchor: gray-matter over the 10,000 library
if want index && [ "$NODE" != 0 ] && printf '%s\n' $SIZES | grep -qx 10000; then
	gm=n/a
	if command -v node >/dev/null && command -v npm >/dev/null; then
		if [ ! -d "$B/node/node_modules/gray-matter" ]; then
			say "installing gray-matter with npm into $B/node"
			npm install --prefix "$B/node" --no-audit --no-fund --silent gray-matter \
			    > "$B/log/npm.log" 2>&1 || say "npm install gray-matter failed (see $B/log/npm.log)"
		fi
		if [ -d "$B/node/node_modules/gray-matter" ]; then
			cat > "$B/gm.js" <<'EOF'
// make bench: the gray-matter anchor. Walk the tree like byline (hidden
// entries skipped, names sorted), read each article, parse it, print titles.
const fs = require('fs'), path = require('path');
const matter = require(process.argv[2]);
const out = [];
function walk(d) {
  for (const e of fs.readdirSync(d, { withFileTypes: true }).sort((a, b) => a.name < b.name ? -1 : a.name > b.name)) {
    if (e.name[0] === '.') continue;
    const p = path.join(d, e.name);
    if (e.isDirectory()) walk(p);
    else if (/\.(md|markdown|txt)$/.test(e.name)) {
      const m = matter(fs.readFileSync(p, 'utf8'));
      out.push(String(m.data.title) + '\t' + p);
    }
  }
}
for (const a of process.argv.slice(3)) walk(a);
process.stdout.write(out.join('\n') + '\n');
EOF
			cnt=$(node "$B/gm.js" "$B/node/node_modules/gray-matter" "$B/lib-10000" 2>"$B/log/gm.err" | wc -l)
			if [ "$cnt" -eq 10000 ]; then
				read -r gm _ _ _ < <("$RSS" -n 3 -w 1 -- node "$B/gm.js" "$B/node/node_modules/gray-matter" "$B/lib-10000")
			else
				say "gray-matter printed $cnt titles, expected 10000 (see $B/log/gm.err)"
			fi
		fi
	else
		say "node or npm missing: the gray-matter anchor is n/a"
	fi
	row index "gray-matter 10,000" "${LIST_MS[10000]}" ms gray-matter "$gm" "$(ratio "${LIST_MS[10000]}" "$gm")" - -
fi

# ---- 2. first paint (ttfp, tmux) ----
# paint NAME PATTERN COMMAND...: median ms of PRUNS runs, or "timeout"
paint() {
	local name=$1 pat=$2 out med
	shift 2
	out=$(bash "$TTFP" -s 120x40 -t 120 -r "$PRUNS" "$pat" -- "$@" 2>"$B/log/ttfp-$name.err")
	if [ $? -ne 0 ]; then
		say "first paint $name: pattern not seen (see $B/log/ttfp-$name.err)"
		echo timeout
		return
	fi
	printf '%s\n' "$out" > "$B/log/ttfp-$name.out"
	med=$(printf '%s\n' "$out" | tail -1 | awk '{ print $2 }')
	echo "$med"
}
if want paint; then
say "first paint (ttfp: $TTFP)"
cat "$BIG" "$SMALL" > /dev/null
smalltitle=$(sed -n 's/^title: //p' "$SMALL" | head -1)
bigtitle=$(sed -n 's/^title: //p' "$BIG" | head -1)
# the cat floor: a small file that fits on the screen (the article's head)
head -n 30 "$SMALL" > "$B/cat.txt"
# (it is the denominator of two targets: more runs, a steadier median)
CAT=$(PRUNS=$(( PRUNS > 11 ? PRUNS : 11 )) paint cat "^title: $smalltitle" cat "$B/cat.txt")
for n in $SIZES; do
	[ "$n" -ge 10000 ] || continue
	rm -f "$STATE/paint"
	"$BYLINE" list "$B/lib-$n" > /dev/null 2>&1	# the cache as the index left it
	ms=$(paint "lib-$n" " byline — $n articles" "$BYLINE" --state "$STATE/paint" "$B/lib-$n")
	r=$(ratio "$ms" "$CAT")
	if [ "$n" -le 10000 ]; then tgt=1.2; else tgt=2; fi
	if [ "$ms" = timeout ]; then st=MISS; else st=$(verdict "$r" "$tgt"); fi
	row paint "library $(num "$n")" "$ms" ms "cat small" "$CAT" "$r" "$tgt" "$st"
	ms=$(paint "lib-$n-nc" " byline — $n articles" env BYLINE_CACHE=off "$BYLINE" --state "$STATE/paint" "$B/lib-$n")
	row paint "library $(num "$n") no cache" "$ms" ms "cat small" "$CAT" "$(ratio "$ms" "$CAT")" - -
done
if command -v less >/dev/null; then LESSMS=$(paint less "^title: $bigtitle" less "$BIG"); else LESSMS=n/a; fi
rm -f "$STATE/paint"
ms=$(paint big "LONGFORD QUAY" "$BYLINE" --state "$STATE/paint" "$BIG")
r=$(ratio "$ms" "$LESSMS")
if [ "$ms" = timeout ]; then st=MISS; else st=$(verdict "$r" 1.2); fi
row paint "article $BIGMB MiB" "$ms" ms "less" "$LESSMS" "$r" 1.2 "$st"
row paint "less $BIGMB MiB" "$LESSMS" ms "cat small" "$CAT" "$(ratio "$LESSMS" "$CAT")" - -
fi

# ---- our tmux server for the polled checks ----
SOCK=bylinebench-$$
tm() { tmux -L "$SOCK" "$@"; }
cleanup() { tmux -L "$SOCK" kill-server 2>/dev/null; }
trap cleanup EXIT
tm -f /dev/null new-session -d -s keeper -x 120 -y 40 "sleep 86400" || die "tmux failed"
tm set -g status off
tm set -g remain-on-exit on
nowms() { echo $(( $(date +%s%N) / 1000000 )); }
qcmd() { printf '%q ' "$@"; }

# progress: open the largest library, poll the screen every 2 ms until the
# list is on it, note whether "Reading articles… N" showed on the way: with
# the cache warm, and with no cache (a first open).
progress() {	# progress LABEL ENV...
	local label=$1 t0 seen='' rows_at='' done_at='' scr val st
	shift
	rm -f "$STATE/prog"
	t0=$(nowms)
	tm new-session -d -s prog -x 120 -y 40 "exec $(qcmd env "$@" "$BYLINE" --state "$STATE/prog" "$B/lib-$LARGEST")"
	while [ $(( $(nowms) - t0 )) -lt 120000 ]; do
		scr=$(tm capture-pane -p -t prog 2>/dev/null)
		if [ -z "$seen" ] && [[ $scr == *"Reading articles"* ]]; then seen=$(( $(nowms) - t0 )); fi
		# a row of the library: its date (issue 15: rows, not only progress)
		if [ -z "$rows_at" ] && printf '%s\n' "$scr" | grep -Eq '^ [^ ] [0-9]{4}-[0-9]{2}-[0-9]{2} '; then rows_at=$(( $(nowms) - t0 )); fi
		if [[ $scr == *" byline — $LARGEST articles, "* ]]; then done_at=$(( $(nowms) - t0 )); break; fi
		sleep 0.002
	done
	tm kill-session -t prog 2>/dev/null
	# rows are more than progress: they count as it
	if [ -n "$rows_at" ] && { [ -z "$seen" ] || [ "$rows_at" -lt "$seen" ]; }; then seen=$rows_at; fi
	if [ -z "$done_at" ]; then st=MISS val=timeout
	elif [ -n "$seen" ]; then st=PASS val=$seen
	elif [ "$done_at" -le 150 ]; then st=PASS val=-
	else st=MISS val=none
	fi
	row paint "$label" "$val" ms "list shown" "${done_at:-timeout}" - "<150" "$st"
	if [ -n "$rows_at" ] && [ "$rows_at" -le 150 ]; then st=PASS; else st=MISS; fi
	row paint "$label: rows" "${rows_at:-none}" ms "list shown" "${done_at:-timeout}" - "<150" "$st"
}
if want paint && [ "$LARGEST" -ge 10000 ]; then
	say "progress: $(num "$LARGEST") articles"
	"$BYLINE" list "$B/lib-$LARGEST" > /dev/null 2>&1
	progress "progress $(num "$LARGEST")" "BYLINE_CACHE=$BYLINE_CACHE"
	progress "progress $(num "$LARGEST") no cache" BYLINE_CACHE=off
fi

# ---- 3. memory: peak RSS ----
if want memory; then
say "memory"
want index && for n in $SIZES; do
	fm=$(info "$B/lib-$n.info" frontmatter)
	budget=$(( fm + 16 * 1048576 ))
	for v in cache nocache; do
		if [ $v = cache ]; then kb=${LIST_KB[$n]} c=; else kb=${NC_KB[$n]} c=" no cache"; fi
		r=$(ratio "$(mib "$kb" 1024)" "$(mib "$budget" 1)")
		if [ "$n" = 100000 ]; then tgt=1.5 st=$(verdict "$r" 1.5); else tgt=- st=-; fi
		row memory "list $(num "$n")$c" "$(mib "$kb" 1024)" MiB "fm $(mib "$fm" 1)+16 MiB" \
		    "$(mib "$budget" 1)" "$r" "$tgt" "$st"
	done
done
read -r sbest _ skb sst < <("$RSS" -n 3 -w 1 -- "$BYLINE" --state "$STATE/show" show "$BIG" 2>"$B/log/show.err")
[ "${sst:-1}" = 0 ] || { say "byline show $BIG failed"; broke=1; sbest=ERR skb=ERR; }
bigsize=$(wc -c < "$BIG")
row memory "show $BIGMB MiB" "$(mib "$skb" 1024)" MiB "file size" "$(mib "$bigsize" 1)" \
    "$(ratio "$(mib "$skb" 1024)" "$(mib "$bigsize" 1)")" - -
row time "show $BIGMB MiB" "$sbest" ms - - - - -
fi

# ---- 4. analysis: quotes and people over the big body ----
want analysis && say "analysis" && for what in quotes people; do
	read -r best _ _ st < <("$RSS" -n 3 -w 1 -- "$BYLINE" --state "$STATE/an" "$what" "$BIG" 2>"$B/log/$what.err")
	[ "${st:-1}" = 0 ] || { say "byline $what $BIG failed"; broke=1; best=ERR; }
	mbs=$(awk -v b="$BIGBODY" -v ms="$best" 'BEGIN { if (ms > 0) printf "%.1f", b / 1e6 / (ms / 1e3); else print "-" }')
	row analysis "$what $BIGMB MiB" "$mbs" MB/s "wall time" "$best" - - -
done

# ---- 5. people: the library's analysis (issue 15) ----
# cold: "byline people" over lib-10000 with its analysis cache removed (the
# front-matter cache warm), one thread against two (BYLINE_THREADS), taking
# turns, best of BENCH_PEOPLE_RUNS; warm: "byline people" against "byline
# list" over the same library, both caches warm; the People view's first
# paint (byline --people) against the cat floor; the analysis cache of the
# largest library against its front matter + body.
PRUNS_COLD=${BENCH_PEOPLE_RUNS:-3}
clear_analysis() { rm -f "$BYLINE_CACHE"/analysis-*; }
if want people && printf '%s\n' $SIZES | grep -qx 10000; then
	say "people: cold analysis, 1 and 2 threads"
	lib=$B/lib-10000 err=$B/log/people.err
	: > "$err"
	"$BYLINE" list "$lib" > /dev/null 2>>"$err"
	t1best='' t2best=''
	for ((i = 0; i < PRUNS_COLD; i++)); do
		clear_analysis
		read -r t _ _ st < <(BYLINE_THREADS=1 "$RSS" -n 1 -w 0 -- "$BYLINE" people "$lib" 2>>"$err")
		[ "${st:-1}" = 0 ] || { say "byline people (1 thread) failed (see $err)"; broke=1; }
		t1best=$(least "$t1best" "$t")
		clear_analysis
		read -r t _ _ st < <(BYLINE_THREADS=2 "$RSS" -n 1 -w 0 -- "$BYLINE" people "$lib" 2>>"$err")
		[ "${st:-1}" = 0 ] || { say "byline people (2 threads) failed (see $err)"; broke=1; }
		t2best=$(least "$t2best" "$t")
	done
	row people "cold 10,000, 1 thread" "$t1best" ms - - - - -
	r=$(ratio "$t2best" "$t1best")
	row people "cold 10,000, 2 threads" "$t2best" ms "1 thread" "$t1best" "$r" 0.6 "$(verdict "$r" 0.6)"
	# the same people from the cache and from a fresh analysis
	cnt=$("$BYLINE" people "$lib" 2>>"$err" | wc -l)
	[ "$cnt" -gt 1000 ] || { say "byline people $lib: $cnt lines (see $err)"; broke=1; }
	say "people: warm, against list"
	pbest='' lbest=''
	for ((i = 0; i < RUNS; i++)); do
		read -r t _ _ st < <("$RSS" -n 1 -w 0 -- "$BYLINE" list "$lib" 2>>"$err")
		lbest=$(least "$lbest" "$t")
		read -r t _ _ st < <("$RSS" -n 1 -w 0 -- "$BYLINE" people "$lib" 2>>"$err")
		[ "${st:-1}" = 0 ] || { say "byline people (warm) failed (see $err)"; broke=1; }
		pbest=$(least "$pbest" "$t")
	done
	r=$(ratio "$pbest" "$lbest")
	row people "warm 10,000" "$pbest" ms "byline list" "$lbest" "$r" 1.5 "$(verdict "$r" 1.5)"
	if want paint; then
		say "people: first paint of People (warm)"
		[ -n "${CAT:-}" ] || CAT=$(PRUNS=$(( PRUNS > 11 ? PRUNS : 11 )) paint cat "^title: $(sed -n 's/^title: //p' "$SMALL" | head -1)" cat "$B/cat.txt")
		rm -f "$STATE/paint"
		ms=$(paint people-10000 " People: [0-9]+ in 10000 articles" "$BYLINE" --state "$STATE/paint" --people "$lib")
		r=$(ratio "$ms" "$CAT")
		if [ "$ms" = timeout ]; then st=MISS; else st=$(verdict "$r" 1.2); fi
		row people "People view 10,000" "$ms" ms "cat small" "$CAT" "$r" 1.2 "$st"
	fi
fi
if want people && [ "$LARGEST" -ge 100000 ]; then
	say "people: the analysis cache of $(num "$LARGEST") articles (analysed now if need be)"
	lib=$B/lib-$LARGEST
	"$BYLINE" people "$lib" > /dev/null 2>>"$B/log/people.err" || { say "byline people $lib failed"; broke=1; }
	size=$(wc -c < "$(ls -t "$BYLINE_CACHE"/analysis-* | head -1)")
	fmb=$(( $(info "$B/lib-$LARGEST.info" frontmatter) + $(info "$B/lib-$LARGEST.info" body) ))
	r=$(ratio "$size" "$fmb")
	row people "cache $(num "$LARGEST")" "$(mib "$size" 1)" MiB "fm + body" "$(mib "$fmb" 1)" "$r" 0.5 "$(verdict "$r" 0.5)"
fi

# ---- 6. import: web pages into articles, against libxml2's parse alone ----
# byline import --output - on every page (one process, as a user would run
# it on a folder of saved pages) against xmllint --html --noout on the same
# files (libxml2's HTML parser, which the import uses, and nothing else);
# they take turns, the best of each is kept.
if want import; then
	if [ ! -d "$HTMLPAGES" ]; then
		say "import: no pages in $HTMLPAGES (BENCH_HTML_PAGES): n/a"
		row import "web pages" n/a ms "xmllint --html" n/a - 2 n/a
	elif ! command -v xmllint >/dev/null; then
		say "xmllint missing (sh .ci/deps bench installs libxml2-utils)"; broke=1
	else
		say "import: $HTMLPAGES"
		pages=$(find "$HTMLPAGES" -name '*.html' -path '*source.html' | sort)
		[ -n "$pages" ] || pages=$(find "$HTMLPAGES" -name '*.html' | sort)
		npages=$(printf '%s\n' $pages | wc -l)
		pbytes=$(cat $pages | wc -c)
		ibest='' xbest=''
		for ((i = 0; i < RUNS; i++)); do
			read -r t _ _ _ < <("$RSS" -n 1 -w "$((i == 0))" -- xmllint --html --noout $pages 2>/dev/null)
			xbest=$(least "$xbest" "$t")
			read -r t _ _ st < <("$RSS" -n 1 -w "$((i == 0))" -- "$BYLINE" --state "$STATE/imp" \
			    import --output - $pages 2>"$B/log/import.err")
			[ "${st:-1}" = 0 ] || { say "byline import failed (exit ${st:-?}; see $B/log/import.err)"; broke=1; }
			ibest=$(least "$ibest" "$t")
		done
		r=$(ratio "$ibest" "$xbest")
		row import "$npages pages, $(mib "$pbytes" 1) MiB" "$ibest" ms "xmllint --html" "$xbest" "$r" 2 \
		    "$(verdict "$r" 2)"
	fi
fi

# ---- 7. per keystroke: instructions under callgrind ----
# The reader runs in tmux under callgrind with instrumentation off until
# the article is on screen and analysed; then it is switched on, N keys are
# sent one at a time (each waited for on screen), and q. The same run with
# no keys is the baseline; (keys - baseline) / N is the cost of one key.
cap() { tm capture-pane -e -p -t "$1" 2>/dev/null; }
# drawn SESSION WIDTH: is byline's status line on the bottom row, drawn for
# this width? (It ends in "read" at the last column; tmux's own reflow of the
# old screen after a resize does not look like that.)
drawn() {
	local last
	last=$(tm capture-pane -p -t "$1" 2>/dev/null | tail -n 1)
	[[ $last == *read ]] && [ ${#last} -eq $(($2 - 1)) ]
}
# settle SESSION PREV WIDTH: wait until the screen differs from PREV, is
# drawn for WIDTH, and holds still for 20 ms
settle() {
	local s=$1 prev=$2 w=$3 cur next t0
	t0=$(nowms)
	while [ $(( $(nowms) - t0 )) -lt 120000 ]; do
		cur=$(cap "$s")
		if [ "$cur" != "$prev" ] && drawn "$s" "$w"; then
			sleep 0.02
			next=$(cap "$s")
			[ "$next" = "$cur" ] && return 0
			continue
		fi
		sleep 0.002
	done
	return 1
}
# cg_run ARTICLE TAG KIND N: prints the instructions counted
cg_run() {
	local art=$1 tag=$2 kind=$3 n=$4 s=cg out=$B/cg/$2.$3.out i prev pid t0 scr
	rm -f "$out" "$STATE/cg"
	tm kill-session -t $s 2>/dev/null
	tm new-session -d -s $s -x 120 -y 40 "exec $(qcmd valgrind --tool=callgrind --instr-atstart=no \
	    --callgrind-out-file="$out" --log-file="$B/log/vg-$tag-$kind.log" \
	    "$BYLINE" --state "$STATE/cg" "$art")"
	t0=$(nowms)
	until scr=$(cap $s) && [[ $scr =~ [0-9]+\ quotes\ +[0-9]+% ]]; do
		if [ $(( $(nowms) - t0 )) -gt 600000 ] || [ "$(tm display -p -t $s '#{pane_dead}')" = 1 ]; then
			say "keys $tag $kind: the article never came up"; tm kill-session -t $s; return 1
		fi
		sleep 0.01
	done
	settle $s "" 120 || true
	pid=$(tm display -p -t $s '#{pane_pid}')
	callgrind_control -i on "$pid" > "$B/log/cgc-$tag-$kind.log" 2>&1 || { say "callgrind_control failed"; return 1; }
	sleep 0.05
	for ((i = 0; i < n; i++)); do
		prev=$(cap $s) w=120
		case $kind in
		j) tm send-keys -t $s -l j ;;
		page) if ((i % 2 == 0)); then tm send-keys -t $s -l ' '; else tm send-keys -t $s -l b; fi ;;
		quote) tm send-keys -t $s -l ']' ;;
		resize) if ((i % 2 == 0)); then tm resize-window -t $s -x 80 -y 24; w=80; else tm resize-window -t $s -x 120 -y 40; fi ;;
		esac
		settle $s "$prev" $w || { say "keys $tag $kind: key $i changed nothing on screen"; }
	done
	tm send-keys -t $s -l q
	t0=$(nowms)
	until [ "$(tm display -p -t $s '#{pane_dead}')" = 1 ]; do
		[ $(( $(nowms) - t0 )) -lt 120000 ] || { say "keys $tag $kind: byline did not quit"; tm kill-session -t $s; return 1; }
		sleep 0.01
	done
	tm kill-session -t $s
	awk '/^summary:/ { print $2; f = 1 } END { exit !f }' "$out"
}
if want keys && [ "$KEYS" != 0 ]; then
	command -v valgrind >/dev/null && command -v callgrind_control >/dev/null ||
	    die "valgrind missing (sh .ci/deps bench)"
	declare -A IR
	NKEY_j=10 NKEY_page=10 NKEY_quote=8 NKEY_resize=6
	SMALLKB=$(awk -v b="$(wc -c < "$SMALL")" 'BEGIN { printf "%.1f", b / 1000 }')
	: > "$B/log/keys.tsv"
	for art in small big; do
		f=$B/$art.md
		for kind in base j page quote resize; do
			say "keys: $art $kind"
			nk=0
			[ $kind = base ] || eval "nk=\$NKEY_$kind"
			IR[$art.$kind]=$(cg_run "$f" "$art" "$kind" "$nk") || { IR[$art.$kind]=-; broke=1; }
		done
	done
	for kind in j page quote resize; do
		eval "nk=\$NKEY_$kind"
		pk() { awk -v a="${IR[$1.$kind]}" -v b="${IR[$1.base]}" -v n="$nk" 'BEGIN { if (a+0 == a && b+0 == b) printf "%d", (a-b)/n; else print "-" }'; }
		ps=$(pk small) pb=$(pk big)
		r=$(ratio "$pb" "$ps")
		case $kind in j) label="j (line)";; page) label="space/b (page)";; quote) label="] (quote)";; resize) label="resize 120x40<->80x24";; esac
		printf '%s\tsmall\t%s\t%s\tbig\t%s\t%s\tN\t%s\n' "$kind" "${IR[small.base]}" "${IR[small.$kind]}" \
		    "${IR[big.base]}" "${IR[big.$kind]}" "$nk" >> "$B/log/keys.tsv"
		row keys "$label" "$pb" Ir "$SMALLKB KB article" "$ps" "$r" 1.1 "$(verdict "$r" 1.1)"
	done
fi

# ---- 8. fetch: byline fetch against curl, on a local server ----
# tests/e2e/httpd.py serves /feeds/N.xml: RSS 2.0 of 50 stories (about
# 53 KB), with an ETag. curl fetches the same URLs, one process per URL, 4 at
# a time (xargs -P4), each written to a file; byline fetches them into a new
# folder each run (so every story is new: parsed, turned into an article
# with its people found, written). Then the same fetch again into a folder
# that has them: conditional requests, all 304. Best of BENCH_RUNS each.
if want fetch; then
	say "fetch"
	FEEDS=${BENCH_FEEDS:-100}
	FW=$B/fetch
	rm -rf "$FW"
	mkdir -p "$FW/www" "$FW/curl" "$FW/lib"
	if ! command -v python3 >/dev/null || ! command -v curl >/dev/null; then
		say "python3 or curl missing: the fetch rows are n/a"
		row fetch "first fetch $FEEDS feeds" n/a ms "curl -P4" n/a - 1.5 n/a
	else
		python3 "$root/tests/e2e/httpd.py" "$FW/www" "$FW/port" "$FW/log" 2>"$B/log/httpd.err" &
		hpid=$!
		for ((i = 0; i < 200; i++)); do [ -s "$FW/port" ] && break; sleep 0.05; done
		base=http://127.0.0.1:$(cat "$FW/port" 2>/dev/null)
		for ((i = 0; i < FEEDS; i++)); do echo "$base/feeds/$i.xml"; done > "$FW/urls"
		export no_proxy=127.0.0.1 NO_PROXY=127.0.0.1
		read -r ctime _ _ cst < <("$RSS" -n "$RUNS" -w 1 -- sh -c 'cd "$0" && xargs -P4 -n1 curl -s -f -O < "$1"' \
		    "$FW/curl" "$FW/urls" 2>>"$B/log/fetch.err")
		[ "${cst:-1}" = 0 ] && [ "$(ls "$FW/curl" | wc -l)" -eq "$FEEDS" ] ||
		    { say "curl failed (see $B/log/fetch.err)"; broke=1; }
		# a new folder each run: every story is new
		read -r ftime _ fkb fst < <("$RSS" -n "$RUNS" -w 1 -- sh -c 'exec "$0" fetch --quiet --into "$1/$(date +%s%N)" $(cat "$2")' \
		    "$BYLINE" "$FW/lib" "$FW/urls" 2>>"$B/log/fetch.err")
		[ "${fst:-1}" = 0 ] || { say "byline fetch failed (see $B/log/fetch.err)"; broke=1; }
		one=$(ls -d "$FW"/lib/*/ | head -1)
		n=$(find "$one" -name '*.md' | wc -l)
		[ "$n" -eq $((FEEDS * 50)) ] || { say "byline fetch wrote $n stories, expected $((FEEDS * 50))"; broke=1; }
		# the same folder again and again: every feed answers 304
		read -r stime _ _ sst < <("$RSS" -n "$RUNS" -w 1 -- sh -c 'exec "$0" fetch --quiet --into "$1" $(cat "$2")' \
		    "$BYLINE" "$FW/cond" "$FW/urls" 2>>"$B/log/fetch.err")
		[ "${sst:-1}" = 0 ] || { say "byline fetch (again) failed (see $B/log/fetch.err)"; broke=1; }
		kill "$hpid" 2>/dev/null
		wait "$hpid" 2>/dev/null
		r=$(ratio "$ftime" "$ctime")
		row fetch "first fetch $FEEDS feeds" "$ftime" ms "curl -P4" "$ctime" "$r" 1.5 "$(verdict "$r" 1.5)"
		r=$(ratio "$stime" "$ftime")
		row fetch "again (all 304)" "$stime" ms "first fetch" "$ftime" "$r" 0.2 "$(verdict "$r" 0.2)"
		row fetch "first fetch, peak memory" "$(mib "$fkb" 1024)" MiB - - - - -
		rm -rf "$FW/lib" "$FW/cond"
	fi
fi

# ---- the table ----
mv "$TSV.tmp" "$TSV"
{
	cat "$B/results.head"
	cat "$TABLE.tmp"
	echo
	echo "(index: best of $RUNS, warm cache; paint: median of $PRUNS ttfp runs; keys: instructions per key,"
	echo " value = $BIGMB MiB article, ref_value = small article; ${SECONDS}s for this run)"
} > "$TABLE"
rm -f "$TABLE.tmp"
echo
cat "$TABLE"
echo "results: $TSV"
[ $broke = 0 ] || { echo "bench: some measurements failed (see above and $B/log/)" >&2; exit 1; }
exit 0
