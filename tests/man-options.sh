#!/bin/bash
# man-options.sh: every long option in a binary's --help appears in its man
# page (TAP, one test per binary; trace-gen's kinds are checked too).
n=0
fail=0
check() {	# check NAME PAGE HELP-COMMAND...
	local name=$1 page=$2 missing=
	shift 2
	for opt in $("$@" 2>/dev/null | grep -o -- '--[a-z][a-z0-9-]*' | sort -u); do
		case $opt in --help|--usage|--version) continue ;; esac
		# mdoc writes --opt as \-opt after Fl, or as \-\-opt in text.
		grep -q -e "Fl \\\\${opt#-}" -e "\\\\-\\\\-${opt#--}" -e "Fl.*\\\\${opt#-}" "$page" ||
			missing="$missing $opt"
	done
	n=$((n + 1))
	if [ -z "$missing" ]; then
		echo "ok $n - $name: every --help option is in $(basename "$page")"
	else
		echo "not ok $n - $name: missing from $(basename "$page"):$missing"
		fail=1
	fi
}
for bin in $BIN_PROGRAMS; do
	page=$top_srcdir/man/$bin.1
	if [ ! -f "$page" ]; then
		n=$((n + 1)); echo "not ok $n - $bin has no man page"; fail=1; continue
	fi
	check "$bin" "$page" "$bin" --help
done
for kind in $(trace-gen --help | awk '/^Kinds/ { on = 1; next } on && /^  [a-z]/ { print $1 }'); do
	check "trace-gen $kind" "$top_srcdir/man/trace-gen.1" trace-gen "$kind" --help
done
echo "1..$n"
exit $fail
