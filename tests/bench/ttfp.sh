#!/usr/bin/env bash
# tests/bench/ttfp.sh: time to first paint in a real terminal (tmux), for
# machines without ../shared/tools/ttfp; the same method and output.
#
#   ttfp.sh [-s COLSxROWS] [-t TIMEOUT_S] [-r RUNS] PATTERN -- COMMAND [ARGS...]
#
# Each run starts COMMAND in a new detached tmux session of the given size
# (a keeper session holds the server up, so its start-up is not timed),
# polls the screen every 2 ms until a line matches the extended regex
# PATTERN, and prints "run I: MS ms"; the last line is "MIN MEDIAN MAX".
# Exits 1 when the pattern is not seen within TIMEOUT_S.
set -u
size=120x40 timeout_s=30 runs=1 pattern=
while [ $# -gt 0 ]; do
	case $1 in
	-s) size=$2; shift 2 ;;
	-t) timeout_s=$2; shift 2 ;;
	-r) runs=$2; shift 2 ;;
	--) shift; break ;;
	*) pattern=$1; shift ;;
	esac
done
if [ -z "$pattern" ] || [ $# -eq 0 ]; then
	echo "usage: ttfp.sh [-s COLSxROWS] [-t S] [-r N] PATTERN -- COMMAND..." >&2
	exit 2
fi
cols=${size%x*} rows=${size#*x}
sock=ttfp-sh-$$
cmd=$(printf '%q ' "$@")
tm() { tmux -L "$sock" "$@"; }
trap 'tmux -L "$sock" kill-server 2>/dev/null' EXIT
tm new-session -d -s keeper -x "$cols" -y "$rows" "sleep 3600" || exit 1
times=()
for ((i = 0; i < runs; i++)); do
	s=ttfp$i
	start=$(date +%s%N)
	deadline=$((start + timeout_s * 1000000000))
	tm new-session -d -s "$s" -x "$cols" -y "$rows" "$cmd; sleep 30"
	found=0
	while [ "$(date +%s%N)" -lt "$deadline" ]; do
		if tm capture-pane -p -t "$s" 2>/dev/null | grep -Eq -- "$pattern"; then
			found=1
			break
		fi
		sleep 0.002
	done
	end=$(date +%s%N)
	tm kill-session -t "$s" 2>/dev/null
	if [ $found = 0 ]; then
		echo "run $i: pattern not seen within ${timeout_s}s" >&2
		exit 1
	fi
	ms=$(((end - start) / 1000000))
	times+=("$ms")
	echo "run $i: $ms ms"
done
printf '%s\n' "${times[@]}" | sort -n | awk '{ a[NR] = $1 } END { print a[1], a[int((NR + 1) / 2)], a[NR] }'
