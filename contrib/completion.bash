# bash completion for byline(1)                            -*- shell-script -*-
#
# Installed by "make install" as share/bash-completion/completions/byline.
# Completes the commands, the options before and after them, and paths:
# article files (*.md, *.markdown, *.txt) and folders where articles go,
# any file after --state and --config, folders after import --output and
# fetch --into, the subscribed URLs after fetch --remove.
# Needs nothing from the bash-completion package.

# _byline_commands: the commands, as "byline --help" lists them.
_byline_commands='list check show quotes people mark-read mark-unread import fetch'

# _byline_add_paths CUR KIND: add to COMPREPLY the paths starting with CUR:
# KIND "articles" (article files and folders), "config" (YAML files and
# folders), "any" (every file) or "dirs" (folders only).
_byline_add_paths()
{
	local cur=$1 kind=$2 f

	while IFS= read -r f; do
		if [[ -d $f ]]; then
			COMPREPLY+=("$f")
			continue
		fi
		case $kind in
		articles)
			case $f in
			*.md|*.markdown|*.txt) COMPREPLY+=("$f") ;;
			esac
			;;
		config)
			case $f in
			*.yaml|*.yml) COMPREPLY+=("$f") ;;
			esac
			;;
		any)
			COMPREPLY+=("$f")
			;;
		esac
	done < <(compgen -f -- "$cur")
	# let readline quote names and add "/" after folders
	compopt -o filenames 2>/dev/null
	return 0
}

# _byline_feeds CUR: add to COMPREPLY the subscribed URLs starting with CUR.
_byline_feeds()
{
	local f=${XDG_CONFIG_HOME:-$HOME/.config}/byline/feeds url rest

	[[ -r $f ]] || return 0
	while read -r url rest; do
		[[ $url == http* && $url == "$1"* ]] && COMPREPLY+=("$url")
	done < "$f"
	return 0
}

_byline()
{
	local cur=${COMP_WORDS[COMP_CWORD]}
	local prev=
	local cmd= i w opts

	COMPREPLY=()
	((COMP_CWORD > 0)) && prev=${COMP_WORDS[COMP_CWORD - 1]}

	# the command: the first word that is not a global option or its value
	for ((i = 1; i < COMP_CWORD; i++)); do
		w=${COMP_WORDS[i]}
		case $w in
		--state|--config)
			((i++))
			;;
		--)
			break
			;;
		-*)
			;;
		*)
			cmd=$w
			break
			;;
		esac
	done
	case " $_byline_commands " in
	*" $cmd "*) ;;
	*) cmd= ;;
	esac

	# the value of an option
	case $prev in
	--state)
		[[ -z $cmd ]] && { _byline_add_paths "$cur" any; return 0; }
		;;
	--config)
		if [[ -z $cmd || $cmd == check ]]; then
			_byline_add_paths "$cur" config
			return 0
		fi
		;;
	--output)
		if [[ $cmd == import ]]; then
			[[ -z $cur || $cur == - ]] && COMPREPLY+=(-)
			_byline_add_paths "$cur" dirs
			return 0
		fi
		;;
	--date)
		if [[ $cmd == import ]]; then
			COMPREPLY=($(compgen -W "$(date +%Y-%m-%d 2>/dev/null)" -- "$cur"))
			return 0
		fi
		;;
	--source|--url|--width|--by)
		[[ $cmd == import || $cmd == show || $cmd == quotes ]] && return 0
		;;
	--into)
		if [[ $cmd == fetch ]]; then
			_byline_add_paths "$cur" dirs
			return 0
		fi
		;;
	--remove)
		if [[ $cmd == fetch ]]; then
			_byline_feeds "$cur"
			return 0
		fi
		;;
	--add|--timeout)
		[[ $cmd == fetch ]] && return 0
		;;
	esac

	case $cmd in
	'')	opts='--state --config --help --version --keys --people' ;;
	list)	opts='--json --help' ;;
	check)	opts='--config --help' ;;
	show)	opts='--width --help' ;;
	quotes)	opts='--all --by --json --help' ;;
	people)	opts='--json --help' ;;
	import)	opts='--output --force --date --source --url --help' ;;
	fetch)	opts='--into --full --quiet --json --timeout --add --remove --help' ;;
	*)	opts='--help' ;;
	esac
	if [[ $cur == -* && $cur != - ]]; then
		COMPREPLY=($(compgen -W "$opts" -- "$cur"))
		return 0
	fi

	case $cmd in
	'')
		COMPREPLY=($(compgen -W "$_byline_commands" -- "$cur"))
		_byline_add_paths "$cur" articles
		;;
	import)
		[[ -z $cur || $cur == - ]] && COMPREPLY+=(-)
		_byline_add_paths "$cur" articles
		;;
	fetch)
		# URLs: the subscribed ones
		_byline_feeds "$cur"
		;;
	*)
		_byline_add_paths "$cur" articles
		;;
	esac
	return 0
}

complete -F _byline byline
