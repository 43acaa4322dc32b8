#!/bin/sh
# json.sh: --json on list, quotes and people (issue 7). The output is one
# valid JSON array (checked with python3's json module) whose objects have
# exactly the documented fields and types, say the same as the tab-separated
# output, and hold only valid UTF-8 without control characters, whatever the
# files hold. Skipped (with a note) when there is no python3.
. tests/e2e/lib.sh
require_byline

if ! command -v python3 >/dev/null 2>&1; then
	echo "note: no python3 here: the JSON output is not checked"
	finish
fi
PYTHONIOENCODING=utf-8
export PYTHONIOENCODING


# pycheck NAME SCRIPT FILE [ARGS...]: run the python SCRIPT with the JSON
# read from FILE as "data" (sys.argv[1:] = ARGS); it prints what is wrong,
# nothing when all is well. The script may print "TSV:" lines: they are kept
# in $T/py.tsv (without the prefix) for a comparison with the tab output.
pycheck() {
	pc_name=$1
	pc_script=$2
	pc_file=$3
	shift 3
	python3 -c '
import json, sys
try:
    data = json.load(open(sys.argv[1], encoding="utf-8", errors="strict"))
except Exception as e:
    print("not valid JSON:", e)
    sys.exit(0)
def clean(s):
    # valid UTF-8 (json.load checked), no control characters
    return not any(ord(c) < 0x20 or 0x7f <= ord(c) < 0xa0 for c in s)
sys.argv = sys.argv[1:]
exec(sys.stdin.read())
' "$pc_file" "$@" >"$T/py.out" 2>&1 <<EOF
$pc_script
EOF
	grep '^TSV:' "$T/py.out" | sed 's/^TSV://' >"$T/py.tsv"
	grep -v '^TSV:' "$T/py.out" >"$T/py.err"
	if [ -s "$T/py.err" ]; then
		fail "$pc_name" "the JSON is not as documented" "$(head -c 3000 "$T/py.err")"
	else
		pass "$pc_name"
	fi
}

LIB=$T/articles
copy_library "$LIB"
SEED=$LIB/2022-03-04-nato-ready-blinken.md
cp "$FIXTURES/bad/yaml-error.md" "$FIXTURES/good/control-chars.md" "$LIB/"
printf -- '---\ntitle: "Bad \377 byte and \\t tab"\nsource: ""\n---\n\nBody.\n' >"$LIB/bad-utf8.md"

# ---- list ----

run B list "$LIB"
cp "$OUT" "$T/list.tsv"
run B list --json "$LIB"
cp "$OUT" "$T/list.json"
if [ "$RC" -eq 0 ] && [ -s "$T/list.json" ]; then
	pass "list --json: exit 0"
else
	fail "list --json: exit 0" "unexpected" "$(both)"
fi
pycheck "list --json: an array of {read, date, source, title, path, broken}, typed" '
if not isinstance(data, list) or not data:
    print("not a non-empty array")
keys = ["read", "date", "source", "title", "path", "broken"]
for o in data:
    if list(o) != keys:
        print("fields", list(o))
        continue
    if type(o["read"]) is not bool or type(o["broken"]) is not bool:
        print("read/broken not booleans", o)
    for k in ("date", "source"):
        if o[k] is not None and (type(o[k]) is not str or o[k] == ""):
            print(k, "neither null nor a non-empty string", o)
    for k in ("title", "path"):
        if type(o[k]) is not str:
            print(k, "not a string", o)
    for k in ("date", "source", "title", "path"):
        if o[k] is not None and not clean(o[k]):
            print(k, "holds a control character", repr(o[k]))
    print("TSV:" + "\t".join(["read" if o["read"] else "unread", o["date"] or "",
        o["source"] or "", o["title"], o["path"]]))
' "$T/list.json"
if cmp -s "$T/py.tsv" "$T/list.tsv"; then
	pass "list --json says what list says, in the same order"
else
	fail "list --json says what list says, in the same order" "differs" \
	    "$(diff "$T/list.tsv" "$T/py.tsv" | head -c 2000)"
fi

pycheck "list --json: the seed's title, date and source; the broken file flagged" '
seed = [o for o in data if o["path"].endswith("/2022-03-04-nato-ready-blinken.md")]
if len(seed) != 1:
    print("seed not listed once")
else:
    s = seed[0]
    if s["title"] != sys.argv[1] or s["date"] != "2022-03-04" or s["source"] != "Newsweek":
        print("seed", s)
    if s["broken"] or s["read"]:
        print("seed broken or read", s)
bad = [o for o in data if o["path"].endswith("/yaml-error.md")]
if len(bad) != 1 or not bad[0]["broken"]:
    print("yaml-error.md not flagged broken", bad)
u = [o for o in data if o["path"].endswith("/bad-utf8.md")]
if len(u) != 1 or "\ufffd" not in u[0]["title"] or u[0]["source"] is not None:
    print("bad-utf8.md: want U+FFFD in the title and a null source", u)
' "$T/list.json" "$SEED_TITLE"

B mark-read "$SEED" >/dev/null 2>&1
run B list --json "$LIB"
pycheck "list --json: read is true after mark-read" '
seed = [o for o in data if o["path"].endswith("/2022-03-04-nato-ready-blinken.md")]
if not seed or seed[0]["read"] is not True:
    print("seed not read", seed)
if sum(1 for o in data if o["read"]) != 1:
    print("more than the seed read")
' "$OUT"

run B list --json "$T/no-such-folder"
if [ "$RC" -eq 1 ] && [ -s "$ERR" ] && python3 -c 'import json,sys; assert json.load(sys.stdin) == []' \
    <"$OUT" 2>/dev/null; then
	pass "list --json of a missing folder: [] on stdout, the problem on stderr, exit 1"
else
	fail "list --json of a missing folder: [] on stdout, the problem on stderr, exit 1" \
	    "unexpected" "$(both)"
fi
B list --json "$LIB" >"$T/list.json.now" 2>/dev/null
run B list --json -- "$LIB"
if [ "$RC" -eq 0 ] && cmp -s "$OUT" "$T/list.json.now"; then
	pass "list --json -- PATH: the same as list --json PATH"
else
	fail "list --json -- PATH: the same as list --json PATH" "unexpected" "$(both)"
fi
run B list "$LIB" --json
if [ "$RC" -eq 0 ] && cmp -s "$OUT" "$T/list.json.now"; then
	pass "list PATH --json: the same as list --json PATH"
else
	fail "list PATH --json: the same as list --json PATH" "unexpected" "$(both)"
fi
run B list --jsn "$LIB"
if [ "$RC" -eq 2 ] && [ ! -s "$OUT" ]; then
	pass "list --jsn: a usage error, exit 2"
else
	fail "list --jsn: a usage error, exit 2" "unexpected" "$(both)"
fi

# ---- quotes ----

for all in "" --all; do
	q="quotes${all:+ $all}"
	run B quotes $all "$SEED"
	cp "$OUT" "$T/quotes.tsv"
	run B quotes $all --json "$SEED"
	cp "$OUT" "$T/quotes.json"
	if [ "$RC" -eq 0 ]; then
		pass "$q --json: exit 0"
	else
		fail "$q --json: exit 0" "unexpected" "$(both)"
	fi
	pycheck "$q --json: an array of {speaker, text, fragment, how, paragraph}, typed" '
all = sys.argv[1] == "--all"
if not isinstance(data, list) or not data:
    print("not a non-empty array")
keys = ["speaker", "text", "fragment", "how", "paragraph"]
hows = {"none", "named", "role", "pronoun", "carried", "frontmatter"}
for o in data:
    if list(o) != keys:
        print("fields", list(o))
        continue
    if o["speaker"] is not None and (type(o["speaker"]) is not str or not clean(o["speaker"])):
        print("speaker", o)
    if type(o["text"]) is not str or not o["text"] or not clean(o["text"]):
        print("text", o)
    if type(o["fragment"]) is not bool or (o["fragment"] and not all):
        print("fragment", o)
    if o["how"] not in hows:
        print("how", o)
    if type(o["paragraph"]) is not int or o["paragraph"] < 1:
        print("paragraph", o)
    f = [o["speaker"] or "", o["text"]]
    if all:
        f.append("fragment" if o["fragment"] else "full")
    print("TSV:" + "\t".join(f))
' "$T/quotes.json" "$all"
	if cmp -s "$T/py.tsv" "$T/quotes.tsv"; then
		pass "$q --json says what $q says"
	else
		fail "$q --json says what $q says" "differs" \
		    "$(diff "$T/quotes.tsv" "$T/py.tsv" | head -c 2000)"
	fi
done
pycheck "quotes --all --json: fragments included; Blinken quoted in paragraph 3" '
if not any(o["fragment"] for o in data):
    print("no fragment with --all")
if not any(o["speaker"] == "Antony Blinken" and o["paragraph"] == 3 for o in data):
    print("no Blinken quote in paragraph 3")
' "$T/quotes.json"

# an array whose string values are all clean
ALL_CLEAN='
if not isinstance(data, list):
    print("not an array")
for o in data:
    for v in o.values():
        if isinstance(v, str) and not clean(v):
            print("control character in", repr(v))
'
for f in control-chars.md bad-utf8.md; do
	run B quotes --all --json "$LIB/$f"
	pycheck "quotes --json of $f: valid, every string clean" "$ALL_CLEAN" "$OUT"
	run B people --json "$LIB/$f"
	pycheck "people --json of $f: valid, every string clean" "$ALL_CLEAN" "$OUT"
done

# ---- people ----

run B people "$SEED"
cp "$OUT" "$T/people.tsv"
run B people --json "$SEED"
cp "$OUT" "$T/people.json"
if [ "$RC" -eq 0 ]; then
	pass "people --json: exit 0"
else
	fail "people --json: exit 0" "unexpected" "$(both)"
fi
pycheck "people --json: an array of {name, role, mentions, quotes}, typed" '
if not isinstance(data, list) or not data:
    print("not a non-empty array")
keys = ["name", "role", "mentions", "quotes"]
for o in data:
    if list(o) != keys:
        print("fields", list(o))
        continue
    if type(o["name"]) is not str or not o["name"] or not clean(o["name"]):
        print("name", o)
    if o["role"] is not None and (type(o["role"]) is not str or not clean(o["role"])):
        print("role", o)
    for k in ("mentions", "quotes"):
        if type(o[k]) is not int or o[k] < 0:
            print(k, o)
    print("TSV:%s\t%s\t%d\t%d" % (o["name"], o["role"] or "", o["mentions"], o["quotes"]))
if not any(o["name"] == "Antony Blinken" and o["role"] == "Secretary of State" for o in data):
    print("no Antony Blinken, Secretary of State")
' "$T/people.json"
if cmp -s "$T/py.tsv" "$T/people.tsv"; then
	pass "people --json says what people says, in the same order"
else
	fail "people --json says what people says, in the same order" "differs" \
	    "$(diff "$T/people.tsv" "$T/py.tsv" | head -c 2000)"
fi

run B people --json "$T/no-such-file.md"
if [ "$RC" -eq 1 ] && [ ! -s "$OUT" ]; then
	pass "people --json of a missing file: exit 1, nothing on stdout"
else
	fail "people --json of a missing file: exit 1, nothing on stdout" "unexpected" "$(both)"
fi
run B people --json
if [ "$RC" -eq 2 ] && grep -q 'usage: byline people' "$ERR"; then
	pass "people --json without a file: usage, exit 2"
else
	fail "people --json without a file: usage, exit 2" "unexpected" "$(both)"
fi

finish
