#!/bin/sh
# tests/heldout/score.sh BYLINE [-v]: score BYLINE on the held-out articles
# with the development set's score.py (../shared/dev-articles, beside the
# repository, else /work/shared/dev-articles).
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
for s in "$root/../shared/dev-articles/score.py" "$root/../../shared/dev-articles/score.py" \
    /work/shared/dev-articles/score.py; do
	[ -f "$s" ] && exec python3 "$s" --data "$here" "$@"
done
echo "score.sh: score.py not found (../shared/dev-articles)" >&2
exit 2
