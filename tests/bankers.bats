#!/usr/bin/env bats
# bankers.bats: the banker's algorithm against textbook answers and
# hand-worked cases (each fixture says where its answer comes from).

load test_helper

setup() {
	F=$(fixtures bankers)
	SGG=$F/sgg-5x3.txt
}

@test "SGG 8.6.3.3: safe, restart scan gives P1 P3 P0 P2 P4" {
	run bankers -f csv -t summary "$SGG"
	assert_output $'safe,sequence,requests,granted,denied\ntrue,P1 P3 P0 P2 P4,3,1,2'
}

@test "SGG 8.6.3.3: continue scan gives P1 P3 P4 P0 P2" {
	run bankers -f csv --no-header --scan=continue "$SGG"
	assert_output 'true,P1 P3 P4 P0 P2,3,1,2'
}

@test "SGG 8.6.3.3: Need = Max - Allocation" {
	run bankers -f csv -t need "$SGG"
	assert_output "process,alloc,max,need
P0,0 1 0,7 5 3,7 4 3
P1,2 0 0,3 2 2,1 2 2
P2,3 0 2,9 0 2,6 0 0
P3,2 1 1,2 2 2,0 1 1
P4,0 0 2,4 3 3,4 3 1"
}

@test "SGG 8.6.3.3: safety steps with Work before and after" {
	run bankers -f csv -t safety "$SGG"
	assert_output "step,process,need,work_before,work_after
1,P1,1 2 2,3 3 2,5 3 2
2,P3,0 1 1,5 3 2,7 4 3
3,P0,7 4 3,7 4 3,7 5 3
4,P2,6 0 0,7 5 3,10 5 5
5,P4,4 3 1,10 5 5,10 5 7"
}

@test "SGG 8.6.3.3: P1 (1,0,2) granted, P4 (3,3,0) waits, P0 (0,2,0) unsafe; exit 1" {
	run bankers -f csv -t requests "$SGG"
	assert_failure 1
	assert_output "index,process,vector,decision,reason,available_after
1,P1,1 0 2,granted,safe sequence P1 P3 P0 P2 P4,2 3 0
2,P4,3 3 0,wait,exceeds available 2 3 0,2 3 0
3,P0,0 2 0,unsafe,no safe sequence from available 2 1 0,2 3 0"
}

@test "SGG 8.6.3.3: 16 safe sequences, in order; the book's P1 P3 P4 P2 P0 among them" {
	# The 16 listed in the fixture's comment, found by trying all 120 orders.
	run bankers -f csv --all "$SGG"
	assert_failure 1	# the fixture's requests: P0's ends unsafe
	assert_output 'index,sequence
1,P1 P3 P0 P2 P4
2,P1 P3 P0 P4 P2
3,P1 P3 P2 P0 P4
4,P1 P3 P2 P4 P0
5,P1 P3 P4 P0 P2
6,P1 P3 P4 P2 P0
7,P1 P4 P3 P0 P2
8,P1 P4 P3 P2 P0
9,P3 P1 P0 P2 P4
10,P3 P1 P0 P4 P2
11,P3 P1 P2 P0 P4
12,P3 P1 P2 P4 P0
13,P3 P1 P4 P0 P2
14,P3 P1 P4 P2 P0
15,P3 P4 P1 P0 P2
16,P3 P4 P1 P2 P0'
}

@test "--max-sequences caps --all and says so" {
	run bankers -f csv --no-header --all --max-sequences=3 "$SGG"
	assert_line --index 2 '3,P1 P3 P2 P0 P4'
	assert_line --partial 'stopped after 3 safe sequences'
	run bankers -f csv --all --max-sequences=2 "$SGG"
	assert_output $'index,sequence\n1,P1 P3 P0 P2 P4\n2,P1 P3 P0 P4 P2\nbankers: stopped after 2 safe sequences (--max-sequences); more exist'
}

@test "--check-sequence: the book's P1 P3 P4 P2 P0 is safe (exit 0)" {
	run bankers --check-sequence="P1 P3 P4 P2 P0" "$SGG"
	assert_success
	assert_output --partial 'P1 P3 P4 P2 P0 is a safe sequence'
}

@test "--check-sequence names the first process whose Need exceeds Work (exit 1)" {
	run bankers --check-sequence=P1,P0,P3,P2,P4 "$SGG"
	assert_failure 1
	assert_output --partial 'at step 2 P0 needs 7 4 3 but work is 5 3 2'
	run bankers -f csv --no-header --check-sequence=P1,P0,P3,P2,P4 "$SGG"
	assert_output $'1,P1,1 2 2,3 3 2,5 3 2\n2,P0,7 4 3,5 3 2,'
}

@test "--check-sequence: a repeated or missing process is not safe" {
	run bankers --check-sequence="P1 P1 P3 P4 P0" "$SGG"
	assert_failure 1
	assert_output --partial 'P1 appears twice'
	run bankers --check-sequence="P1 P3" "$SGG"
	assert_failure 1
	assert_output --partial 'names 2 of the 5'
}

@test "--check-sequence with an unknown process is a usage error" {
	run bankers --check-sequence="P1 P9" "$SGG"
	assert_failure 64
	assert_output --partial 'no process named "P9"'
}

@test "SGG 8.6.2: 12 tape drives: safe P1 P0 P2; one more drive to P2 is unsafe" {
	run bankers -f csv --no-header -t summary "$F/sgg-tapes.txt"
	assert_failure 1
	assert_output 'true,P1 P0 P2,1,0,1'
	run bankers -f csv --no-header -t requests "$F/sgg-tapes.txt"
	assert_output '1,P2,1,unsafe,no safe sequence from available 2,3'
}

@test "hand-worked releases and every decision (see the fixture)" {
	run bankers -f csv --no-header -t requests "$F/hand-release.txt"
	assert_failure 1
	assert_output "1,P,1 0,released,available now 2 1,2 1
2,Q,1 1,unsafe,no safe sequence from available 1 0,2 1
3,R,5 0,error,exceeds need 4 2,2 1
4,Q,2 0,error,exceeds allocation 1 2,2 1
5,P,1 0,unsafe,no safe sequence from available 1 1,2 1
6,Q,0 2,wait,exceeds available 2 1,2 1"
	run bankers -f csv --no-header -t summary "$F/hand-release.txt"
	assert_output 'false,,4,0,4'
}

@test "a safe state without requests exits 0" {
	run bankers -f csv -t need <<<$'available 1 1\nprocess A alloc 1 0 max 1 1'
	assert_success
	run bankers -f json -t summary <<<$'available 1 1\nprocess A alloc 1 0 max 1 1'
	assert_success
	assert_output --partial '"safe":true'
}

@test "json and text output" {
	run bankers -f json "$SGG"
	assert_output --partial '"sequence":"P1 P3 P0 P2 P4"'
	run bankers -t summary,requests "$SGG"
	assert_output --partial 'the initial state is safe: P1 P3 P0 P2 P4'
}

bad() {	# bad LINE MESSAGE: the input on stdin is rejected at LINE
	run bankers "$BATS_TEST_TMPDIR/in"
	assert_data_error "bankers: $BATS_TEST_TMPDIR/in:$1: $2"
}

@test "input errors: every check names its line (status 65)" {
	printf 'available 1 2\nprocess P alloc 1 max 1 1\n' >"$BATS_TEST_TMPDIR/in"
	bad 2 'expected 2 numbers for alloc (one per resource), found 1'
	printf 'available 1 2\n\nprocess P alloc 2 0 max 1 1\n' >"$BATS_TEST_TMPDIR/in"
	bad 3 'expected alloc <= max, found alloc 2 > max 1 for resource 1'
	printf '# c\navailable 1 -2\n' >"$BATS_TEST_TMPDIR/in"
	bad 2 'expected a non-negative number, found "-2"'
	printf 'available 1\nprocess P alloc 0 max 1\nprocess P alloc 0 max 1\n' >"$BATS_TEST_TMPDIR/in"
	bad 3 'expected a new process name, found "P" again (first on line 2)'
	printf 'available 1\ntotal 2\n' >"$BATS_TEST_TMPDIR/in"
	bad 2 'expected available or total once, found a second one (the first is on line 1)'
	printf 'total 1 1\nprocess P alloc 1 1 max 2 2\nprocess Q alloc 1 0 max 1 1\n' >"$BATS_TEST_TMPDIR/in"
	bad 1 'expected total >= the sum of the allocations, found total 1 < 2 allocated of R0'
	printf 'available 1\nrequest Q 1\n' >"$BATS_TEST_TMPDIR/in"
	bad 2 'expected the name of a process declared above, found "Q"'
	printf 'available 1\nfrobnicate 1\n' >"$BATS_TEST_TMPDIR/in"
	bad 2 'expected resources, available, total, process, request or release, found "frobnicate"'
	printf 'available 1\nprocess P alloc 0\n' >"$BATS_TEST_TMPDIR/in"
	bad 2 'expected max followed by one number per resource, found end of line'
	printf 'resources A B\navailable 1\n' >"$BATS_TEST_TMPDIR/in"
	bad 2 'expected 2 numbers for available (one per resource), found 1'
	printf 'available 1 x\n' >"$BATS_TEST_TMPDIR/in"
	bad 1 'expected end of line, found "x"'
	printf 'available 1\nprocess P alloc 0x max 1\n' >"$BATS_TEST_TMPDIR/in"
	bad 2 'expected a number of units, found "0x"'
	printf 'available 1\nrequest\n' >"$BATS_TEST_TMPDIR/in"
	bad 2 'expected a process name, found end of line'
	printf 'resources A\nresources B\n' >"$BATS_TEST_TMPDIR/in"
	bad 2 'expected one resources line, found a second one'
	printf 'available 1 1\nprocess P alloc 0 0 max 1\n' >"$BATS_TEST_TMPDIR/in"
	bad 2 'expected 2 numbers for max (one per resource), found 1'
	printf 'available 1 1\nprocess P alloc 0 0 max 1 -1\n' >"$BATS_TEST_TMPDIR/in"
	bad 2 'expected a non-negative number, found "-1"'
	printf 'available 1 1\nprocess P alloc 0 0 max 1 1 extra\n' >"$BATS_TEST_TMPDIR/in"
	bad 2 'expected alloc or max, found "extra"'
	printf 'available 1 1\nprocess P alloc 0 0 alloc 0 0 max 1 1\n' >"$BATS_TEST_TMPDIR/in"
	bad 2 'expected alloc once, found it twice'
	printf 'available 1 1\nprocess P alloc 0 0 max 1 1\nrequest P 1 1 1\n' >"$BATS_TEST_TMPDIR/in"
	bad 3 'expected 2 numbers for request (one per resource), found 3'
	printf 'available 1 1\nprocess P alloc 0 0 max 1 1\nrequest P 1 -1\n' >"$BATS_TEST_TMPDIR/in"
	bad 3 'expected a non-negative number, found "-1"'
	printf 'available 1 1\nprocess P alloc 0 0 max 1 1\nrelease Q 1 0\n' >"$BATS_TEST_TMPDIR/in"
	bad 3 'expected the name of a process declared above, found "Q"'
	printf 'available 1 1\nprocess P alloc 0 0 max 1 1\nrelease P 1\n' >"$BATS_TEST_TMPDIR/in"
	bad 3 'expected 2 numbers for release (one per resource), found 1'
	printf 'available\n' >"$BATS_TEST_TMPDIR/in"
	bad 1 'expected the numbers of available, found end of line'
	printf 'available 18446744073709551616\n' >"$BATS_TEST_TMPDIR/in"
	bad 1 'expected a number of units, found "18446744073709551616" (out of range)'
	printf 'available 1\nresources A B\n' >"$BATS_TEST_TMPDIR/in"
	bad 2 'expected 1 resource names (as many as the numbers in each vector), found 2'
}

@test "input errors: a total that does not fit in 64 bits (Work would wrap)" {
	# 2^64 - 1 available plus 1 allocated: Work after P would be 2^64.
	printf '# c\navailable 18446744073709551615\nprocess P alloc 1 max 1\nprocess Q alloc 0 max 5\n' >"$BATS_TEST_TMPDIR/in"
	bad 2 'expected available plus the allocations of R0 below 2^64, found more'
	# Allocations 2^64 - 1 + 5 exceed any 64-bit total.
	printf 'total 18446744073709551615\nprocess P alloc 18446744073709551615 max 18446744073709551615\nprocess Q alloc 5 max 5\n' >"$BATS_TEST_TMPDIR/in"
	bad 1 'expected total >= the sum of the allocations, found total 18446744073709551615 < 2^64 or more allocated of R0'
	# The largest total that fits is fine: P finishes, Work 2^64 - 1, Q fits.
	run bankers -f csv --no-header <<<$'available 18446744073709551614\nprocess P alloc 1 max 1\nprocess Q alloc 0 max 5'
	assert_success
	assert_output 'true,P Q,0,0,0'
}

@test "no available or total line is an input error" {
	run bankers <<<'process P alloc 0 max 1'
	assert_failure 65
	assert_output --partial 'expected an available or total line, found none'
}

@test "missing file 66, bad option 64, write error 74" {
	run bankers /nonexistent/file
	assert_failure 66
	assert_output --partial 'bankers: /nonexistent/file'
	assert_usage_error bankers --scan=sideways "$SGG"
	assert_usage_error bankers --max-sequences=x "$SGG"
	assert_usage_error bankers -f csv -t summary,need "$SGG"
	run bash -c 'bankers -t need "$1" >/dev/full' _ "$SGG"
	assert_failure 74
}

# Properties over generated problems (trace-gen bankers).
@test "trace-gen bankers --safe is safe, --unsafe is not, and --all agrees" {
	for seed in 1 2 3 4; do
		run bankers -f csv --no-header < <(trace-gen bankers --seed=$seed --safe --processes=6)
		assert_success
		assert_output --regexp '^true,'
		run bankers -f csv --no-header --all --max-sequences=1 < <(trace-gen bankers --seed=$seed --safe --processes=6)
		assert_output --regexp '^1,P'
		run bankers -f csv --no-header < <(trace-gen bankers --seed=$seed --unsafe --processes=6)
		assert_failure 1
		assert_output --regexp '^false,,0,0,0$'
		run bankers -f csv --no-header --all < <(trace-gen bankers --seed=$seed --unsafe --processes=6)
		assert_output ''
	done
}

@test "the safe sequence of either scan passes --check-sequence" {
	for seed in 1 2 3; do
		trace-gen bankers --seed=$seed --safe --processes=7 --requests=5 >"$BATS_TEST_TMPDIR/p"
		for scan in restart continue; do
			seq=$(bankers -f csv --no-header --scan=$scan "$BATS_TEST_TMPDIR/p" | cut -d, -f2)
			run bankers --check-sequence="$seq" "$BATS_TEST_TMPDIR/p"
			assert_success
		done
	done
}

@test "every sequence --all lists passes --check-sequence" {
	trace-gen bankers --seed=5 --safe --processes=5 >"$BATS_TEST_TMPDIR/p"
	bankers -f csv --no-header --all --max-sequences=20 "$BATS_TEST_TMPDIR/p" | cut -d, -f2 >"$BATS_TEST_TMPDIR/s"
	[ -s "$BATS_TEST_TMPDIR/s" ]
	while read -r seq; do
		bankers --quiet --check-sequence="$seq" "$BATS_TEST_TMPDIR/p" >/dev/null
	done <"$BATS_TEST_TMPDIR/s"
}

@test "the EXAMPLES of bankers(1) print what the page shows" {
	run bankers -f csv -t summary < <(trace-gen bankers --processes=6 --safe)
	assert_output $'safe,sequence,requests,granted,denied\ntrue,P2 P0 P1 P3 P4 P5,0,0,0'
	run bankers --quiet -f csv --no-header --check-sequence="P1 P0 P3 P2 P4" "$SGG"
	assert_output $'1,P1,1 2 2,3 3 2,5 3 2\n2,P0,7 4 3,5 3 2,'
	assert_failure 1
}
