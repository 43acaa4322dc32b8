#!/bin/sh
# completion.sh: the bash completion (contrib/completion.bash) completes the
# commands and options that byline --help and each COMMAND --help name, and
# offers article files and folders, any file, or folders where each fits.
# It is sourced into a bash that calls _byline as readline would, then
# COMPREPLY is compared. Skipped (with a note) when there is no bash.
. tests/e2e/lib.sh
require_byline

COMPLETION=$E2E_ROOT/contrib/completion.bash

if ! command -v bash >/dev/null 2>&1; then
	echo "note: no bash here: the completion is not tested"
	finish
fi

# A folder to complete in: articles of each kind, other files, a subfolder.
W=$T/work
mkdir -p "$W/sub folder" "$W/news"
: >"$W/a.md"
: >"$W/b.txt"
: >"$W/c.markdown"
: >"$W/d.png"
: >"$W/e.yaml"

# The driver: comp WORD... sets COMP_WORDS to the words (the last one is
# being completed), calls _byline and prints COMPREPLY sorted, one a line.
cat >"$T/comp.bash" <<'EOF'
. "$1"
shift
COMP_WORDS=("$@")
COMP_CWORD=$(($# - 1))
COMP_LINE="$*"
COMP_POINT=${#COMP_LINE}
_byline byline "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD - 1]}"
printf '%s\n' "${COMPREPLY[@]}" | LC_ALL=C sort
EOF

# comp WORD...: the completions, in $W.
comp() {
	(cd "$W" && bash "$T/comp.bash" "$COMPLETION" byline "$@") 2>"$T/comp.err"
}

# expect_comp NAME WANT WORD...: the completions are exactly WANT (lines).
expect_comp() {
	ec_name=$1
	ec_want=$(printf '%s\n' "$2" | LC_ALL=C sort)
	shift 2
	ec_got=$(comp "$@")
	if [ "$ec_got" = "$ec_want" ] && [ ! -s "$T/comp.err" ]; then
		pass "$ec_name"
	else
		fail "$ec_name" "completions differ" "$(printf 'want:\n%s\ngot:\n%s\nstderr:\n%s' \
		    "$ec_want" "$ec_got" "$(cat "$T/comp.err")")"
	fi
}

# has_all NAME WANT_WORDS WORD...: every word of WANT_WORDS is offered.
has_all() {
	ha_name=$1
	ha_want=$2
	shift 2
	ha_got=$(comp "$@")
	ha_missing=
	for ha_w in $ha_want; do
		printf '%s\n' "$ha_got" | grep -Fqx -- "$ha_w" || ha_missing="$ha_missing $ha_w"
	done
	if [ -z "$ha_missing" ] && [ ! -s "$T/comp.err" ]; then
		pass "$ha_name"
	else
		fail "$ha_name" "not offered:$ha_missing" "$(printf '%s\n%s' "$ha_got" "$(cat "$T/comp.err")")"
	fi
}

if bash -n "$COMPLETION" 2>"$T/syntax"; then
	pass "completion.bash is valid bash"
else
	fail "completion.bash is valid bash" "bash -n failed" "$(cat "$T/syntax")"
fi

# ---- commands ----

commands=$("$BYLINE" --help | awk '/^Commands:/ { on = 1; next } on && /^$/ { exit }
    on && /^  [a-z]/ { print $1 }')
if [ -n "$commands" ]; then
	pass "byline --help lists commands"
else
	fail "byline --help lists commands" "no Commands: block found"
fi
has_all "every command of byline --help is completed" "$commands" ""
expect_comp "a command from its prefix (li: list)" "list" li
expect_comp "mark- completes both mark commands" "mark-read
mark-unread" mark-
has_all "a command after a global option and its value" "list" --state x li

# ---- options ----

has_all "global options" "--state --config --help --version --keys" --
for c in $commands; do
	c_opts=$("$BYLINE" "$c" --help | grep -o -- '--[a-z][a-z-]*' | sort -u | tr '\n' ' ')
	has_all "$c: every option of byline $c --help is completed" "$c_opts --help" "$c" --
done
expect_comp "show --w: --width" "--width" show --w
expect_comp "quotes --a: --all" "--all" quotes --a
expect_comp "import --f: --force" "--force" import --f
expect_comp "check --c: --config" "--config" check --c
has_all "list, quotes, people: --json" "--json" list --j
has_all "quotes --json" "--json" quotes --all --j
has_all "people --json" "--json" people --j
has_all "import: --output --force --date --source" "--output --force --date --source" import --

# ---- paths ----

expect_comp "list: article files and folders, not other files" "a.md
b.txt
c.markdown
news
sub folder" list ""
expect_comp "reader: commands, article files and folders" "a.md
b.txt
c.markdown
check
fetch
import
list
mark-read
mark-unread
news
people
quotes
show
sub folder" ""
expect_comp "a prefix narrows the files (a: a.md)" "a.md" show a
expect_comp "--state: any file" "a.md
b.txt
c.markdown
d.png
e.yaml
news
sub folder" --state ""
expect_comp "check --config: YAML files and folders" "e.yaml
news
sub folder" check --config ""
expect_comp "import --output: folders and -" "-
news
sub folder" import --output ""
expect_comp "import FILE: articles, folders and -" "-
a.md
b.txt
c.markdown
news
sub folder" import --force ""
expect_comp "import --source takes a free value" "" import --source ""
expect_comp "show --width takes a number, not a file" "" show --width ""
expect_comp "mark-read: article files" "a.md" mark-read a
has_all "import --date: today" "$(date +%Y-%m-%d)" import --date ""
expect_comp "fetch --into: folders" "news
sub folder" fetch --into ""
expect_comp "fetch --timeout takes a number, not a file" "" fetch --timeout ""
mkdir -p "$XDG_CONFIG_HOME/byline"
printf '# mine\nhttps://a.example/feed.xml news\nhttps://b.example/rss\n' >"$XDG_CONFIG_HOME/byline/feeds"
expect_comp "fetch --remove: the subscribed URLs" "https://a.example/feed.xml
https://b.example/rss" fetch --remove ""
expect_comp "fetch --remove https://a: narrowed" "https://a.example/feed.xml" fetch --remove https://a

finish
