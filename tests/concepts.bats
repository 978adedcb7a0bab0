#!/usr/bin/env bats
# concepts.bats: the concept pages (section 7) and libosconcepts(3).
#  - every page of the tree is registered, installed under its name and
#    found by man(1);
#  - every row of the concept checklist (spec 90-concepts.md, as
#    tests/fixtures/concepts/checklist.tsv) has its key terms in its page;
#  - the example program of libosconcepts(3) is the one the build compiles
#    (tests/concepts-lru-example.c) and prints what the page shows,
#    against the build tree and, when pkg-config finds one, against the
#    installed library.
# The EXAMPLES of every page are run by tests/man-examples.sh.
load test_helper

CONCEPT_PAGES="osc-process.7 osc-scheduling.7 osc-memory.7 osc-replacement.7
osc-coherence.7 osc-allocation.7 osc-deadlock.7 osc-ipc.7 osc-sync.7
libosconcepts.3"

# The page as text, bold and underline removed, whitespace folded, on one
# line, so that a term broken across lines is still found.
rendered() {
	mandoc -T ascii -O width=1000 "$top_srcdir/man/$1" |
		sed 's/.\x08//g' | tr -s '[:space:]' ' '
}

# Check every checklist row of one page; print the terms not found.
check_page() {
	local page=$1 text missing=
	text=$(rendered "$page" | tr '[:upper:]' '[:lower:]')
	while IFS=$'\t' read -r -a f; do
		[ "${f[0]}" = "$page" ] || continue
		for term in "${f[@]:2}"; do
			term=$(printf '%s' "$term" | tr '[:upper:]' '[:lower:]')
			case $text in
			*"$term"*) ;;
			*) missing="$missing
${f[1]}: \"$term\"" ;;
			esac
		done
	done < <(grep -v '^#' "$(fixtures concepts)/checklist.tsv")
	if [ -n "$missing" ]; then
		echo "$page lacks:$missing"
		return 1
	fi
}

@test "every concept page and libosconcepts(3) is registered in dist_man_MANS" {
	for p in $CONCEPT_PAGES; do
		case " $(echo $MAN_PAGES) " in
		*" man/$p "*) ;;
		*) echo "man/$p is not in dist_man_MANS"; return 1 ;;
		esac
	done
}

@test "every page in man/ is registered, so that make install installs it" {
	local f missing=
	for f in "$top_srcdir"/man/*.[1-9]; do
		case " $(echo $MAN_PAGES) " in
		*" man/${f##*/} "*) ;;
		*) missing="$missing ${f##*/}" ;;
		esac
	done
	[ -z "$missing" ] || { echo "not in dist_man_MANS:$missing"; return 1; }
}

@test "every page's .Dt names its file, and man -M finds each one by name and section" {
	command -v man >/dev/null || skip "man(1) is not installed"
	local root=$BATS_TEST_TMPDIR/share/man p name sec dt got
	for p in $MAN_PAGES; do
		name=${p##*/}
		sec=${name##*.}
		name=${name%.*}
		dt=$(sed -n 's/^\.Dt  *\([^ ]*\)  *\([0-9]\).*/\1 \2/p' "$top_srcdir/$p")
		upper=$(printf '%s' "$name" | tr '[:lower:]' '[:upper:]')
		[ "$dt" = "$upper $sec" ] || { echo "$p: .Dt is '$dt'"; return 1; }
		mkdir -p "$root/man$sec"
		cp "$top_srcdir/$p" "$root/man$sec/"
	done
	for p in $MAN_PAGES; do
		name=${p##*/}
		sec=${name##*.}
		name=${name%.*}
		got=$(MANPATH= man -M "$root" -w "$sec" "$name" 2>&1)
		[ "$got" = "$root/man$sec/$name.$sec" ] ||
			{ echo "man -w $sec $name: $got"; return 1; }
	done
}

@test "the checklist names only concept pages, and every concept page has a row" {
	local pages
	pages=$(grep -v '^#' "$(fixtures concepts)/checklist.tsv" | cut -f1 | sort -u)
	for p in $pages; do
		[ -f "$top_srcdir/man/$p" ] || { echo "no page $p"; return 1; }
	done
	for p in $CONCEPT_PAGES; do
		[ "$p" = libosconcepts.3 ] && continue
		printf '%s\n' "$pages" | grep -qx "$p" || { echo "no row for $p"; return 1; }
	done
}

@test "checklist: osc-process(7) explains its concepts" { check_page osc-process.7; }
@test "checklist: osc-scheduling(7) explains its concepts" { check_page osc-scheduling.7; }
@test "checklist: osc-memory(7) explains its concepts" { check_page osc-memory.7; }
@test "checklist: osc-replacement(7) explains its concepts" { check_page osc-replacement.7; }
@test "checklist: osc-coherence(7) explains its concepts" { check_page osc-coherence.7; }
@test "checklist: osc-allocation(7) explains its concepts" { check_page osc-allocation.7; }
@test "checklist: osc-deadlock(7) explains its concepts" { check_page osc-deadlock.7; }
@test "checklist: osc-ipc(7) explains its concepts" { check_page osc-ipc.7; }
@test "checklist: osc-sync(7) explains its concepts" { check_page osc-sync.7; }

@test "the checklist test fails when a term is missing" {
	local fx=$BATS_TEST_TMPDIR/fx
	mkdir -p "$fx/tests/fixtures/concepts"
	printf 'osc-ipc.7\tbogus\tno such concept anywhere\n' \
		>"$fx/tests/fixtures/concepts/checklist.tsv"
	fixtures() { printf '%s/tests/fixtures/%s\n' "$fx" "$1"; }
	run check_page osc-ipc.7
	assert_failure
	assert_output --partial 'no such concept anywhere'
}

# The example program of libosconcepts(3), roff escapes undone.
page_program() {
	awk '
	/^\.Sh EXAMPLES/ { ex = 1; next }
	/^\.Sh / { ex = 0 }
	ex && /^\.Bd/ { lit = 1; n++; next }
	ex && /^\.Ed/ { lit = 0; next }
	ex && lit && n == 1 { sub(/^\\&/, ""); gsub(/\\e/, "\\"); print }
	' "$top_srcdir/man/libosconcepts.3"
}

# The output the page shows for ./lru.
page_output() {
	awk -f "$top_srcdir/tests/man-examples.awk" "$top_srcdir/man/libosconcepts.3" |
		tr '\002' '\n' | awk -F '\001' '$3 == "./lru" { print $4; getline; print }'
}

@test "libosconcepts(3): the example program is tests/concepts-lru-example.c" {
	run diff <(page_program) "$top_srcdir/tests/concepts-lru-example.c"
	assert_success
}

@test "libosconcepts(3): the example, built against the build tree, prints what the page shows" {
	local want
	want=$(page_output)
	[ -n "$want" ]
	run "$top_builddir/tests/concepts-lru-example"
	assert_success
	assert_output "$want"
}

# family_examples DIR: write each program shown in libosconcepts(3)'s
# DESCRIPTION (a display holding `#include <osconcepts.h>`) to DIR/N.c and
# the display after the following "prints" to DIR/N.want.
family_examples() {
	awk -v d="$1" '
	/^\.Sh EXAMPLES/ { exit }
	/^\.Bd -literal/ { lit = 1; buf = ""; next }
	/^\.Ed/ {
		lit = 0
		if (buf ~ /#include <osconcepts.h>/) { n++; printf "%s", buf > (d "/" n ".c") }
		else if (want) printf "%s", buf > (d "/" n ".want")
		want = 0
		next
	}
	lit { sub(/^\\&/, ""); gsub(/\\e/, "\\"); buf = buf $0 "\n"; next }
	/^prints/ && n { want = 1 }
	' "$top_srcdir/man/libosconcepts.3"
}

@test "libosconcepts(3): every family's example builds against the build tree and prints what the page shows" {
	local d=$BATS_TEST_TMPDIR f n=0
	family_examples "$d"
	for f in "$d"/*.c; do
		n=$((n + 1))
		[ -f "${f%.c}.want" ] || fail "${f##*/}: no output shown after it"
		run "$top_builddir/libtool" --mode=link --tag=CC "${CC:-cc}" $SAN_FLAGS \
			-std=gnu11 -pthread -I"$top_builddir/lib" -I"$top_srcdir/lib" -o "${f%.c}" "$f" \
			"$top_builddir/lib/libosconcepts.la"
		assert_success
		run "${f%.c}"
		assert_success
		assert_output "$(cat "${f%.c}.want")"
	done
	# the eight families (replace, vm, sched, coh, alloc, deadlock, ipc, sync)
	assert_equal "$n" 8
}

# make installcheck (man/concepts.mk) runs the two tests below with
# OSC_INSTALLED=1 and PKG_CONFIG_PATH and OSC_MANDIR naming the installed
# tree: there, what would be a skip is a failure.
skip_unless_installed() {
	[ "${OSC_INSTALLED:-}" = 1 ] && { echo "installcheck: $1"; return 1; }
	skip "$1"
}

@test "libosconcepts(3): the example, built against the installed library, prints what the page shows" {
	command -v pkg-config >/dev/null || { skip_unless_installed "pkg-config is not installed"; return; }
	pkg-config --exists osconcepts ||
		{ skip_unless_installed "no installed osconcepts found by pkg-config"; return; }
	command -v "${CC:-cc}" >/dev/null || skip "no C compiler (${CC:-cc})"
	local d=$BATS_TEST_TMPDIR want
	page_program >"$d/lru.c"
	# shellcheck disable=SC2046
	run "${CC:-cc}" "$d/lru.c" $(pkg-config --cflags --libs osconcepts) -o "$d/lru"
	assert_success
	want=$(page_output)
	LD_LIBRARY_PATH=$(pkg-config --variable=libdir osconcepts) run "$d/lru"
	assert_success
	assert_output "$want"
}

@test "man-examples.sh: a wrong output fails; a missing tool, a failing step and a marked display are skipped; a continued line is no program" {
	local root=$BATS_TEST_TMPDIR/tree
	mkdir -p "$root/man" "$root/tests"
	cp "$top_srcdir/tests/man-examples.awk" "$root/tests/"
	cat >"$root/man/x.7" <<'PAGE'
.Dd November 23, 2026
.Dt X 7
.Os osconcepts
.Sh NAME
.Nm x
.Nd a page to test the example checker
.Sh EXAMPLES
.Bd -literal
$ printf 'a\e\eb\en' > f
$ cat f |
  tr a-z A-Z
A\eB
$ echo right
wrong
$ echo hi | no-such-tool-xyz
hi
$ false
$ echo a \e
  -n b
a -n b
.Ed
.\e" example: skip varies
.Bd -literal
$ date
never
.Ed
PAGE
	sed -i 's/\\e"/\\"/' "$root/man/x.7"
	top_srcdir=$root MAN_PAGES=man/x.7 run bash "$top_srcdir/tests/man-examples.sh"
	assert_failure
	assert_line --regexp '^ok 1 - man/x\.7:9: \$ printf'
	assert_line --regexp '^ok 2 - man/x\.7:10: \$ cat f \|$'
	assert_line --regexp '^not ok 3 - man/x\.7:13: \$ echo right$'
	assert_line --regexp '^ok 4 - .* # SKIP no-such-tool-xyz is not built or not installed$'
	assert_line --regexp '^ok 5 - .*\$ false # SKIP no output shown; exit status 1$'
	assert_line --regexp '^ok 6 - man/x\.7:18: \$ echo a \\$'
	assert_line --regexp '^ok 7 - .*\$ date # SKIP varies$'
	assert_line '1..7'
}

@test "every cross reference to a project page (osc-*, osconcepts, libosconcepts) names an existing page" {
	local p ref missing=
	for p in "$top_srcdir"/man/*.[1-9]; do
		while read -r ref; do
			[ -f "$top_srcdir/man/$ref" ] || missing="$missing ${p##*/}->$ref"
		done < <(sed -n 's/.*\.Xr \(osc-[a-z-]*\|osconcepts\|libosconcepts\) \([0-9]\).*/\1.\2/p; s/^\.Xr \(osc-[a-z-]*\|osconcepts\|libosconcepts\) \([0-9]\).*/\1.\2/p' "$p" | sort -u)
	done
	[ -z "$missing" ] || { echo "dangling:$missing"; return 1; }
}

# The last literal display of the subsection of osc-traces(5) whose title
# starts with $1 (the format's example), roff escapes undone.
traces_example() {
	awk -v ss=".Ss $1" '
	/^\.S[hs] / { on = index($0, ss) == 1; next }
	on && /^\.Bd/ { lit = 1; ex = ""; next }
	on && /^\.Ed/ { lit = 0; next }
	on && lit { sub(/^\\&/, ""); gsub(/\\e/, "\\"); ex = ex $0 "\n" }
	END { printf "%s", ex }
	' "$top_srcdir/man/osc-traces.5"
}

@test "osc-traces(5): the example of every format is read by its tool without error" {
	local d=$BATS_TEST_TMPDIR f
	for f in jobs refs lackey vaddr vmmap coh alloc bankers locks; do
		traces_example "$f " >"$d/$f"
		[ -s "$d/$f" ] || { echo "no example for $f"; return 1; }
	done
	run sched-sim -p all -t summary -f csv "$d/jobs"
	assert_success
	run page-replay -p fifo,lru,opt --frames=3 -f csv "$d/refs"
	assert_success
	run page-replay --input=lackey --page-size=4K -p lru --frames=2 -f csv "$d/lackey"
	assert_success
	# The example map is a segment map; the addresses fall in segment 0.
	run vm-translate -m segment --map="$d/vmmap" -f csv "$d/vaddr"
	assert_success
	run cache-coh --cpus=2 -f csv "$d/coh"
	assert_success
	run alloc-sim -f csv "$d/alloc"
	assert_success
	# P1's request (1,0,2) is granted: bankers exits 0 (1 = unsafe or denied).
	run bankers -f csv "$d/bankers"
	assert_success
	run deadlock-check -f csv "$d/locks"
	assert_success
}

# The transitions of one protocol's table in osc-coherence(7), one
# "STATE EVENT NEXT" line each ("E or S" in the next column gives one line
# per state).
page_transitions() {
	awk -v ss="$1" '
	/^\.S[hs] / { on = ($0 == ".Ss " ss); next }
	on && /^\.It / && !/^\.It Em/ {
		s = $0; sub(/^\.It /, "", s); gsub(/\\&/, "", s)
		n = split(s, f, / Ta /)
		m = split(f[n], w, / or /)
		for (i = 1; i <= m; i++) print f[1], f[2], w[i]
	}' "$top_srcdir/man/osc-coherence.7" | sort -u
}

# The same from cache-coh --explain.
tool_transitions() {
	cache-coh -P "$1" --explain | awk '
	/^state +event/ { on = 1; next }
	on && NF >= 3 && $1 ~ /^(I|S|E|M|O|Sc|Sm|V)$/ { print $1, $2, $NF }' |
		sort -u
}

@test "osc-coherence(7): every transition table has the transitions cache-coh --explain prints" {
	local p ss n
	for p in msi mesi moesi dragon vi; do
		case $p in
		msi) ss=MSI ;;
		mesi) ss='MESI (Illinois)' ;;
		moesi) ss=MOESI ;;
		dragon) ss='Dragon (write-update)' ;;
		vi) ss='VI (write-through)' ;;
		esac
		n=$(page_transitions "$ss" | wc -l)
		[ "$n" -ge 8 ] || { echo "$ss: only $n rows in the page"; return 1; }
		run diff <(tool_transitions "$p") <(page_transitions "$ss")
		[ "$status" -eq 0 ] || { echo "$p: cache-coh --explain (<) vs the page (>):"; echo "$output"; return 1; }
	done
}

@test "every page is installed where man finds it by name and section" {
	[ -n "${OSC_MANDIR:-}" ] || skip "make installcheck runs this (OSC_MANDIR)"
	command -v man >/dev/null || { skip_unless_installed "man(1) is not installed"; return; }
	local p name sec got missing=
	for p in $MAN_PAGES; do
		name=${p##*/}
		sec=${name##*.}
		name=${name%.*}
		got=$(MANPATH= man -M "$OSC_MANDIR" -w "$sec" "$name" 2>&1)
		[ "$got" = "$OSC_MANDIR/man$sec/$name.$sec" ] || missing="$missing
man -w $sec $name: $got"
	done
	[ -z "$missing" ] || { echo "not found:$missing"; return 1; }
}
