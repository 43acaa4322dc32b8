#!/bin/sh
# import.sh: "byline import" (issue 7). Importing the seed text
# (tests/fixtures/seed.txt, a copy of ../shared/seed/000_cb7c83bbb634f6f3.txt,
# beside the repository)
# gives an article whose body, image and update equal the bundled
# articles/2022-03-04-nato-ready-blinken.md's, with its people, that passes
# byline check and lists under the seed's title. Also: never replacing a file
# without --force, --force, standard input, --output -, YAML quoting of
# awkward titles, the file name, and usage errors.
. tests/e2e/lib.sh
require_byline

# body FILE: the text after the front matter, whitespace runs folded to one
# space, leading and trailing space removed.
body() {
	awk 'NR == 1 && $0 == "---" { fm = 1; next } fm && $0 == "---" { fm = 0; next } !fm' "$1" |
	    tr -s ' \t\n' '   ' | sed 's/^ //; s/ $//'
}
# front FILE: the front matter, without the --- lines.
front() {
	awk 'NR == 1 && $0 == "---" { fm = 1; next } fm && $0 == "---" { exit } fm' "$1"
}
# show_tail FILE: byline show from the first update note to the end (the
# updates, then the photo captions).
show_tail() {
	B show "$1" | sed -n '/^Update /,$p'
}

BUNDLED=$SEED_SRC
SEEDTXT=$E2E_ROOT/tests/fixtures/seed.txt
IN=$T/in
LIB=$T/library
mkdir -p "$IN" "$LIB"
cp "$SEEDTXT" "$IN/seed.txt"

# the shared seed beside the repository (../shared), where there is one
SHARED_SEED=$E2E_ROOT/../shared/seed/000_cb7c83bbb634f6f3.txt
if [ -f "$SHARED_SEED" ]; then
	if cmp -s "$SHARED_SEED" "$SEEDTXT"; then
		pass "tests/fixtures/seed.txt is the shared seed text"
	else
		fail "tests/fixtures/seed.txt is the shared seed text" "the copy differs"
	fi
else
	skip "tests/fixtures/seed.txt is the shared seed text" "no ../shared/seed beside the repository"
fi

# ---- the seed ----

run B import --output "$LIB" --date 2022-03-04 --source Newsweek "$IN/seed.txt"
IMPORTED=$(head -n 1 "$OUT")
if [ "$RC" -eq 0 ] && [ "$(wc -l <"$OUT")" -eq 1 ] && [ -f "$IMPORTED" ] && [ ! -s "$ERR" ]; then
	pass "import the seed: exit 0, prints the one path written"
else
	fail "import the seed: exit 0, prints the one path written" "unexpected" "$(both)"
	finish
fi
case $IMPORTED in
"$LIB"/2022-03-04-nato-ready-*.md) pass "file name: DIR/YYYY-MM-DD-slug.md from --date and the title" ;;
*) fail "file name: DIR/YYYY-MM-DD-slug.md from --date and the title" "got $IMPORTED" ;;
esac
if [ "$(ls -A "$LIB" | wc -l)" -eq 1 ]; then
	pass "nothing but the article is left in the folder (no temporary file)"
else
	fail "nothing but the article is left in the folder (no temporary file)" "found" "$(ls -A "$LIB")"
fi
if [ "$(head -n 1 "$IMPORTED")" = "---" ]; then
	pass "the file starts with front matter"
else
	fail "the file starts with front matter" "first line" "$(head -n 3 "$IMPORTED")"
fi

body "$BUNDLED" >"$T/body.want"
body "$IMPORTED" >"$T/body.got"
if [ -s "$T/body.want" ] && cmp -s "$T/body.want" "$T/body.got"; then
	pass "the body equals the bundled article's (whitespace aside)"
else
	fail "the body equals the bundled article's (whitespace aside)" "differs" \
	    "$(diff "$T/body.want" "$T/body.got" | head -c 2000)"
fi

# byline show prints the updates, then "Photo: title", the caption and
# "Credit: credit": the same lines for both mean the same image and update.
show_tail "$BUNDLED" >"$T/tail.want"
show_tail "$IMPORTED" >"$T/tail.got"
if grep -q '^Photo: ' "$T/tail.want" && cmp -s "$T/tail.want" "$T/tail.got"; then
	pass "image (title, caption, credit) and update equal the bundled article's"
else
	fail "image (title, caption, credit) and update equal the bundled article's" "differs" \
	    "$(diff "$T/tail.want" "$T/tail.got")"
fi
if grep -qx 'Update 03/04/21 12.33 p.m. ET: This article was updated with new information' \
    "$T/tail.got" && grep -qx 'Photo: Antony Blinken Speaks at a Press Conference' "$T/tail.got" &&
    grep -qx 'Credit: Darrian Traynor/Getty Images' "$T/tail.got"; then
	pass "the update keeps its date as printed; the credit is cut from the caption"
else
	fail "the update keeps its date as printed; the credit is cut from the caption" \
	    "unexpected" "$(cat "$T/tail.got")"
fi

B show "$BUNDLED" >"$T/show.want"
B show "$IMPORTED" >"$T/show.got"
if cmp -s "$T/show.want" "$T/show.got"; then
	pass "byline show prints the imported article as the bundled one"
else
	fail "byline show prints the imported article as the bundled one" "differs" \
	    "$(diff "$T/show.want" "$T/show.got" | head -c 2000)"
fi

# The front matter read back by a YAML library, when there is one here.
if command -v python3 >/dev/null 2>&1 && python3 -c 'import yaml' 2>/dev/null; then
	if python3 - "$BUNDLED" "$IMPORTED" >"$T/py" 2>&1 <<'EOF'
import sys, yaml
def fm(path):
    text = open(path, encoding="utf-8").read()
    return yaml.safe_load(text.split("\n---\n", 1)[0][4:])
want, got = fm(sys.argv[1]), fm(sys.argv[2])
ok = True
for key in ("title", "source", "image", "updates"):
    if str(want.get(key)) != str(got.get(key)):
        print("%s: want %r, got %r" % (key, want.get(key), got.get(key)))
        ok = False
if str(want["date"]) != str(got["date"]):
    print("date: want %r, got %r" % (want["date"], got["date"]))
    ok = False
sys.exit(0 if ok else 1)
EOF
	then
		pass "YAML: title, date, source, image and updates equal the bundled article's"
	else
		fail "YAML: title, date, source, image and updates equal the bundled article's" \
		    "differs" "$(cat "$T/py")"
	fi
else
	echo "note: no python3 with yaml here: the front matter is checked through byline only"
fi

front "$IMPORTED" >"$T/front"
missing=
for name in "Antony Blinken" "Jens Stoltenberg" "Volodymyr Zelensky"; do
	grep -Eq "^[- ] +name: ['\"]?$name['\"]?\$|^- name: ['\"]?$name['\"]?\$" "$T/front" ||
	    missing="$missing, $name"
done
if [ -z "$missing" ] && grep -Eq '^ +role: .*Secretary of State' "$T/front"; then
	pass "people: the three people the text names, with Blinken's role"
else
	fail "people: the three people the text names, with Blinken's role" "missing$missing" \
	    "$(cat "$T/front")"
fi
if grep -q 'Traynor' "$T/front" && ! awk '/^people:/ { p = 1; next } /^[a-z]/ { p = 0 } p' \
    "$T/front" | grep -q 'Traynor'; then
	pass "people: the photographer is left out"
else
	fail "people: the photographer is left out" "Traynor among the people" "$(cat "$T/front")"
fi

run B check "$LIB"
if [ "$RC" -eq 0 ] && ! grep -q 'error' "$OUT"; then
	pass "byline check passes the imported article (exit 0)"
else
	fail "byline check passes the imported article (exit 0)" "unexpected" "$(both)"
fi
run B list "$LIB"
if [ "$RC" -eq 0 ] && [ "$(cut -f 4 "$OUT")" = "$SEED_TITLE" ] &&
    [ "$(cut -f 2,3 "$OUT")" = "2022-03-04${TAB}Newsweek" ]; then
	pass "byline list shows the seed title, date and source"
else
	fail "byline list shows the seed title, date and source" "unexpected" "$(both)"
fi

# ---- never replace without --force ----

printf '\nA line added by hand.\n' >>"$IMPORTED"
cksum <"$IMPORTED" >"$T/sum.before"
run B import --output "$LIB" --date 2022-03-04 --source Newsweek "$IN/seed.txt"
cksum <"$IMPORTED" >"$T/sum.after"
if [ "$RC" -eq 1 ] && grep -q 'exists' "$ERR" && grep -q -- '--force' "$ERR" &&
    grep -qF "$IMPORTED" "$ERR" && [ ! -s "$OUT" ] && cmp -s "$T/sum.before" "$T/sum.after"; then
	pass "an existing file: exit 1, a message naming it and --force, file unchanged"
else
	fail "an existing file: exit 1, a message naming it and --force, file unchanged" \
	    "unexpected" "$(both)"
fi
if [ "$(ls -A "$LIB" | wc -l)" -eq 1 ]; then
	pass "a refused import leaves no temporary file"
else
	fail "a refused import leaves no temporary file" "found" "$(ls -A "$LIB")"
fi

run B import --force --output "$LIB" --date 2022-03-04 --source Newsweek "$IN/seed.txt"
if [ "$RC" -eq 0 ] && [ "$(cat "$OUT")" = "$IMPORTED" ] && ! grep -q 'added by hand' "$IMPORTED" &&
    [ "$(ls -A "$LIB" | wc -l)" -eq 1 ]; then
	pass "--force replaces the file"
else
	fail "--force replaces the file" "unexpected" "$(both)"
fi

ln -s "$T/nowhere" "$LIB/2022-03-04-dangling.md"
printf 'Dangling\n\nText.\n' >"$IN/dangling.txt"
run B import --output "$LIB" --date 2022-03-04 "$IN/dangling.txt"
if [ "$RC" -eq 1 ] && [ ! -e "$T/nowhere" ] && [ -L "$LIB/2022-03-04-dangling.md" ]; then
	pass "a dangling link in the way is not written through"
else
	fail "a dangling link in the way is not written through" "unexpected" "$(both)"
fi
rm -f "$LIB/2022-03-04-dangling.md"

# ---- standard input, standard output ----

mkdir -p "$T/stdin"
run B import --output "$T/stdin" --date 2022-03-04 --source Newsweek - <"$IN/seed.txt"
if [ "$RC" -eq 0 ] && [ -f "$(cat "$OUT")" ] && cmp -s "$(cat "$OUT")" "$IMPORTED"; then
	pass "import - reads standard input (the same article as from the file)"
else
	fail "import - reads standard input (the same article as from the file)" "unexpected" "$(both)"
fi

run B import --output - --date 2022-03-04 --source Newsweek "$IN/seed.txt"
if [ "$RC" -eq 0 ] && cmp -s "$OUT" "$IMPORTED"; then
	pass "--output - writes the article to standard output"
else
	fail "--output - writes the article to standard output" "unexpected" "$(both)"
fi

mkdir -p "$T/nodate"
run B import --output "$T/nodate" "$IN/seed.txt"
case $(cat "$OUT") in
"$T/nodate"/nato-ready-*.md)
	if ! front "$(cat "$OUT")" | grep -Eq '^(date|source):'; then
		pass "without --date and --source: slug.md, no date or source"
	else
		fail "without --date and --source: slug.md, no date or source" "front matter" \
		    "$(front "$(cat "$OUT")")"
	fi
	;;
*) fail "without --date and --source: slug.md, no date or source" "unexpected" "$(both)" ;;
esac

# ---- awkward text ----

mkdir -p "$T/awk"
AWKWARD_TITLE="- [Not a list]: {nor a map} #no comment 'single' \"double\" & *star"
printf '%s\r\n\r\nnull\r\n\r\nThe mayor said: "it is *fine* # really" and left.\r\n\r\nA Bridge Opens\r\nThe mayor: at the bridge, 1.5 km long. Ann Lee/Example Photo\r\n' \
    "$AWKWARD_TITLE" >"$IN/awkward.txt"
run B import --output "$T/awk" "$IN/awkward.txt"
AWF=$(cat "$OUT")
if [ "$RC" -eq 0 ] && [ -f "$AWF" ]; then
	pass "a title and text full of YAML and Markdown characters, CRLF: imported"
else
	fail "a title and text full of YAML and Markdown characters, CRLF: imported" "unexpected" \
	    "$(both)"
fi
run B list "$T/awk"
if [ "$(cut -f 4 "$OUT")" = "$AWKWARD_TITLE" ]; then
	pass "the awkward title reads back exactly (quoted by the YAML emitter)"
else
	fail "the awkward title reads back exactly (quoted by the YAML emitter)" "unexpected" \
	    "$(both; front "$AWF")"
fi
run B check "$T/awk"
if [ "$RC" -eq 0 ] && ! grep -q 'error' "$OUT"; then
	pass "the awkward article passes byline check"
else
	fail "the awkward article passes byline check" "unexpected" "$(both)"
fi
B show "$AWF" >"$T/awk.show"
if grep -qxF 'null' "$T/awk.show" &&
    grep -qxF 'The mayor said: "it is *fine* # really" and left.' "$T/awk.show" &&
    grep -qxF 'Photo: A Bridge Opens' "$T/awk.show" &&
    grep -qxF 'The mayor: at the bridge, 1.5 km long.' "$T/awk.show" &&
    grep -qxF 'Credit: Ann Lee/Example Photo' "$T/awk.show"; then
	pass "Markdown characters show as written; the caption and credit are found"
else
	fail "Markdown characters show as written; the caption and credit are found" "unexpected" \
	    "$(cat "$T/awk.show")"
fi
if ! LC_ALL=C grep -q "$(printf '\r')" "$AWF"; then
	pass "CRLF line ends become LF"
else
	fail "CRLF line ends become LF" "a CR is left"
fi

printf 'Bad \377 byte and \033[31m escape\n\nBody.\n' >"$IN/bad.txt"
run B import --output - "$IN/bad.txt"
if [ "$RC" -eq 0 ] && ! LC_ALL=C grep -q "$ESC" "$OUT" && grep -q 'Bad � byte' "$OUT"; then
	pass "invalid UTF-8 becomes U+FFFD; no control character is written"
else
	fail "invalid UTF-8 becomes U+FFFD; no control character is written" "unexpected" "$(both)"
fi

# ---- errors ----

run B import
[ "$RC" -eq 2 ] && grep -q 'usage: byline import' "$ERR" && [ ! -s "$OUT" ] &&
    pass "import without a file: usage, exit 2" ||
    fail "import without a file: usage, exit 2" "unexpected" "$(both)"
run B import --help
[ "$RC" -eq 0 ] && grep -q 'usage: byline import' "$OUT" &&
    pass "import --help: usage on stdout, exit 0" ||
    fail "import --help: usage on stdout, exit 0" "unexpected" "$(both)"
run B import --date 2022-02-30 --output "$T/awk" "$IN/seed.txt"
[ "$RC" -eq 2 ] && grep -q -- '--date' "$ERR" && [ "$(ls -A "$T/awk" | wc -l)" -eq 1 ] &&
    pass "--date that is no date: exit 2, nothing written" ||
    fail "--date that is no date: exit 2, nothing written" "unexpected" "$(both)"
run B import --bogus "$IN/seed.txt"
[ "$RC" -eq 2 ] && grep -q -- '--bogus' "$ERR" &&
    pass "an unknown option: named, exit 2" ||
    fail "an unknown option: named, exit 2" "unexpected" "$(both)"
run B import --output "$T/awk" "$T/no-such-file.txt"
[ "$RC" -eq 1 ] && grep -q 'no-such-file.txt' "$ERR" &&
    pass "a missing file: named, exit 1" ||
    fail "a missing file: named, exit 1" "unexpected" "$(both)"
run B import --output "$T/awk" "$IN"
[ "$RC" -eq 1 ] && grep -q 'folder' "$ERR" &&
    pass "a folder as the file: exit 1" ||
    fail "a folder as the file: exit 1" "unexpected" "$(both)"
run B import --output "$T/no-such-dir" "$IN/seed.txt"
[ "$RC" -eq 1 ] && grep -q 'no-such-dir' "$ERR" && [ ! -e "$T/no-such-dir" ] &&
    pass "a missing output folder: named, exit 1" ||
    fail "a missing output folder: named, exit 1" "unexpected" "$(both)"
run B import --output "$T/awk" - </dev/null
[ "$RC" -eq 1 ] && grep -q 'no text' "$ERR" &&
    pass "empty input: exit 1, no text to import" ||
    fail "empty input: exit 1, no text to import" "unexpected" "$(both)"
printf '\377\376T\000i\000t\000l\000e\000\n\000' >"$IN/utf16.txt"
run B import --output "$T/awk" "$IN/utf16.txt"
[ "$RC" -eq 1 ] && grep -q 'UTF-16' "$ERR" &&
    pass "UTF-16 input: exit 1, says how to convert it" ||
    fail "UTF-16 input: exit 1, says how to convert it" "unexpected" "$(both)"

finish
