#!/usr/bin/env bats
# alloc-bench.bats: the real allocators: exact peaks worked by hand, verified stress, errors.

load test_helper

F=$(fixtures alloc-bench)

@test "--version, --help" {
	run alloc-bench --version
	assert_output --regexp '^alloc-bench \(osconcepts\) [0-9.]+$'
	run alloc-bench --help
	assert_success
	for opt in --allocator --repeat --no-verify --format --table; do
		assert_output --partial -- "$opt"
	done
}

@test "a malloc-lab trace: peaks and utilization worked by hand" {
	run bash -c "set -o pipefail; alloc-bench -a first,next,best,segregated,buddy -f csv '$F/small.rep' | cut -d, -f1,3,6-"
	assert_success
	assert_output "$(grep -v '^#' "$F/small.expected")"
}

@test "system: the same payload, verified" {
	run bash -c "set -o pipefail; alloc-bench -a system -f csv --no-header '$F/small.rep' | cut -d, -f1-3,6,9"
	assert_success
	assert_output "system,$F/small.rep,10,6160,true"
}

@test "every allocator passes a verified random trace with reallocs" {
	trace-gen allocs --ops=60K --max-live=500 --size=exp:300 \
		--realloc-ratio=0.3 -s 3 > "$BATS_TEST_TMPDIR/t"
	run bash -c "alloc-bench -f csv --no-header '$BATS_TEST_TMPDIR/t' | cut -d, -f1,3,9"
	assert_success
	assert_output "$(printf '%s,60000,true\n' first next best segregated buddy system)"
}

@test "utilization <= 1 and library peaks are deterministic" {
	trace-gen allocs --ops=20K --size=pow2:16-8K -s 4 > "$BATS_TEST_TMPDIR/t"
	a=$(alloc-bench -a first,segregated,buddy -f csv "$BATS_TEST_TMPDIR/t" | cut -d, -f1,7,8)
	b=$(alloc-bench -a first,segregated,buddy -f csv --repeat=2 "$BATS_TEST_TMPDIR/t" | cut -d, -f1,7,8)
	[ "$a" = "$b" ]
	run awk -F, 'NR > 1 && ($3 > 1 || $3 <= 0) { bad = 1 } END { exit bad }' <<< "$a"
	assert_success
}

@test "each file is a trace; --no-verify leaves verified empty" {
	run alloc-bench -a segregated --no-verify -f csv --no-header "$F/small.rep" - < "$F/small.rep"
	assert_success
	assert_line --index 0 --regexp "^segregated,$F/small.rep,10,.*,6160,6208,0.992268,$"
	assert_line --index 1 --regexp '^segregated,<stdin>,10,.*,6160,6208,0.992268,$'
}

@test "an allocator that hands out overlapping blocks: verified=false, exit 1" {
	command -v cc >/dev/null || skip "no C compiler to build the broken malloc"
	# AddressSanitizer owns malloc in a sanitized build: no shim goes first.
	[ -z "${SAN_FLAGS:-}" ] || skip "a sanitizer's malloc cannot be replaced with LD_PRELOAD"
	cc -shared -fPIC -o "$BATS_TEST_TMPDIR/shim.so" "$F/overlap-shim.c" -ldl ||
		skip "cannot build the broken malloc"
	run env LD_PRELOAD="$BATS_TEST_TMPDIR/shim.so" \
		alloc-bench -a system -f csv --no-header "$F/overlap.alloc"
	assert_failure 1
	assert_output --regexp "^system,$F/overlap.alloc,4,.*,80198,.*,false$"
}

@test "input errors: 65 with the line; missing file: 66; write error: 74" {
	run alloc-bench <<< $'a 1 10\nf 2'
	assert_data_error 'alloc-bench: <stdin>:2: expected a live id to free, found 2'
	run alloc-bench <<< $'a 1 x'
	assert_data_error 'alloc-bench: <stdin>:1: expected a size, found "x"'
	run alloc-bench "$BATS_TEST_TMPDIR/nosuch"
	assert_failure 66
	run bash -c "alloc-bench -a first '$F/small.rep' > /dev/full"
	assert_failure 74
}

@test "usage errors: 64" {
	assert_usage_error alloc-bench -a nosuch
	assert_usage_error alloc-bench -a first,
	assert_usage_error alloc-bench --repeat=0
	assert_usage_error alloc-bench -t nosuch
}

# Run every `$ command` of the page's EXAMPLES that shows its output and
# compare (a continued command ends its lines with | or \).
check_man_examples() {	# check_man_examples PAGE
	awk -v dir="$BATS_TEST_TMPDIR" '
	/^\.Sh EXAMPLES/ { on = 1 }
	/^\.Sh SEE ALSO/ { on = 0 }
	on && /^\.Bd -literal/ { inb = 1; n++; cmd = ""; incmd = 0; next }
	on && /^\.Ed/ { inb = 0; next }
	inb {
		gsub(/\\e/, "\\")
		if ($0 ~ /^\$ /) { incmd = 1; sub(/^\$ /, "") }
		if (incmd) {
			print > (dir "/cmd" n)
			if ($0 !~ /[|\\]$/) incmd = 0
		} else {
			print > (dir "/out" n)
		}
	}' "$1"
	local c
	for c in "$BATS_TEST_TMPDIR"/cmd*; do
		local o=${c/cmd/out}
		[ -f "$o" ] || continue
		run bash "$c"
		assert_success
		assert_output "$(cat "$o")"
	done
}

@test "the man page's examples print what the page shows" {
	check_man_examples "$top_srcdir/man/alloc-bench.1"
}
