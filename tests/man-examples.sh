#!/bin/bash
# man-examples.sh: every command shown in the EXAMPLES section of every man
# reference page prints exactly the output shown under it (TAP, one test
# per command).
#
# The rules for writing examples are in tests/man-examples.awk.  Commands
# run with the build's tools first on PATH, in a scratch directory that
# links the top-level entries of the source tree (so `man/x.1` and
# `examples/...` work and nothing is written into the source tree), with
# standard error joined to standard output; the commands of one page run
# in order in one directory, so one may use a file an earlier one wrote.
# A command shown without output is run for its effect (a file a later
# command reads): it passes with exit status 0, and is reported as skipped,
# with its status, otherwise (checkers such as bankers exit 1 on purpose;
# a later command that needed its effect fails anyway).  Trailing blanks and trailing
# empty lines are not compared.  A command naming a program that is not
# installed or not built yet is skipped, naming it; so is a display marked
# `.\" example: skip REASON`.
set -u
: "${top_srcdir:=.}"
: "${MAN_PAGES:=$(cd "$top_srcdir" && ls man/*.[1-9])}"
# This script checks the reference pages (sections 3, 5 and 7) and the
# tools' pages (section 1) whose examples need nothing but the tools.
# The pages left out show examples on the fixtures of their suites, and
# the suite checks them where it runs them: alloc-bench.bats,
# alloc-sim.bats, bankers.bats, deadlock-check.bats, page-replay.bats and
# vm-translate.bats.
MAN_PAGES=$(for p in $MAN_PAGES; do
	case $p in
	*.[357] | */trace-gen.1 | */cache-coh.1 | */io-mux.1 | */ipc-demo.1 | \
	*/proc-demo.1 | */sched-sim.1 | */sync-demo.1 | */false-share.1)
		echo "$p" ;;
	esac
done)
# Run the examples as from a terminal: with only descriptors 0, 1 and 2
# open (make and the test driver leave others open, which would move the
# numbers io-mux(1) prints).
for fd in /proc/$$/fd/*; do
	fd=${fd##*/}
	[ "$fd" -gt 2 ] 2>/dev/null && eval "exec $fd>&-"
done
awkprog=$top_srcdir/tests/man-examples.awk
work=$(mktemp -d "${TMPDIR:-/tmp}/man-examples.XXXXXX") || exit 99
trap 'rm -rf "$work"' EXIT
n=0
fail=0

# The programs a shell command line runs: the first word of every simple
# command (after |, ||, &&, ;, ( and $(, skipping VAR=value), ignoring
# quoted strings, here-document bodies, arithmetic $((...)) and
# redirections such as 2>&1.
programs() {
	printf '%s\n' "$1" | awk '
	function strip_arith(s,    out, i, c, depth) {
		out = ""
		while ((i = index(s, "$((")) > 0) {
			out = out substr(s, 1, i - 1)
			s = substr(s, i + 3); depth = 2
			while (depth > 0 && length(s) > 0) {
				c = substr(s, 1, 1); s = substr(s, 2)
				if (c == "(") depth++
				else if (c == ")") depth--
			}
		}
		return out s
	}
	heredoc != "" { if ($0 == heredoc) heredoc = ""; next }
	# A line ending in a backslash goes on on the next one: join them, so
	# that the continuation is not taken for a new command.
	/\\$/ { cont = cont substr($0, 1, length($0) - 1) " "; next }
	{
		s = cont $0
		cont = ""
		if (match(s, /<<-?[ \t]*[\047"]?[A-Za-z_][A-Za-z0-9_]*/)) {
			heredoc = substr(s, RSTART, RLENGTH)
			sub(/^<<-?[ \t]*[\047"]?/, "", heredoc)
		}
		gsub(/\047[^\047]*\047/, "", s)
		gsub(/"[^"]*"/, "", s)
		s = strip_arith(s)
		gsub(/[0-9]*[<>]&[0-9-]*/, "", s)
		gsub(/&>/, "", s)
		gsub(/\$\(|[|;&()]/, "\n", s)
		n = split(s, part, "\n")
		for (k = 1; k <= n; k++) {
			m = split(part[k], w, /[ \t]+/)
			for (i = 1; i <= m; i++) {
				if (w[i] == "" || w[i] ~ /^[A-Za-z_][A-Za-z0-9_]*=/ || w[i] == "!" || w[i] == "{") continue
				if (w[i] ~ /^[A-Za-z0-9_.\/+-]+$/) print w[i]
				break
			}
		}
	}'
}

missing_program() {
	local p
	for p in $(programs "$1"); do
		case $p in
		cd|echo|printf|test|true|false|read|set|export|exit|for|while|do|done|if|then|fi|else|case|esac) continue ;;
		esac
		if ! command -v "$p" >/dev/null 2>&1; then
			printf '%s\n' "$p"
			return 0
		fi
	done
	return 1
}

normalize() {
	sed -e 's/[[:space:]]*$//' | sed -e :a -e '/^\n*$/{$d;N;ba' -e '}'
}

for page in $MAN_PAGES; do
	file=$top_srcdir/$page
	[ -f "$file" ] || continue
	dir=$work/${page##*/}
	mkdir "$dir" || exit 99
	for entry in "$top_srcdir"/*; do
		ln -s "$entry" "$dir/${entry##*/}"
	done
	while IFS=$'\001' read -r -d $'\002' line skip cmd want; do
		n=$((n + 1))
		name="$page:$line: \$ ${cmd%%$'\n'*}"
		if [ -n "$skip" ]; then
			echo "ok $n - $name # SKIP $skip"
			continue
		fi
		if prog=$(missing_program "$cmd"); then
			echo "ok $n - $name # SKIP $prog is not built or not installed"
			continue
		fi
		if [ -z "$want" ]; then
			(cd "$dir" && timeout 60 bash -c "$cmd" >/dev/null 2>&1 </dev/null)
			st=$?
			if [ $st -eq 0 ]; then
				echo "ok $n - $name (no output shown; exit status 0)"
			else
				echo "ok $n - $name # SKIP no output shown; exit status $st"
			fi
			continue
		fi
		got=$(cd "$dir" && timeout 60 bash -c "$cmd" 2>&1 </dev/null | normalize)
		exp=$(printf '%s' "$want" | normalize)
		if [ "$got" = "$exp" ]; then
			echo "ok $n - $name"
		else
			echo "not ok $n - $name"
			diff <(printf '%s\n' "$exp") <(printf '%s\n' "$got") |
				sed 's/^/# /' | head -40
			fail=1
		fi
	done < <(awk -f "$awkprog" "$file")
done
echo "1..$n"
exit $fail
