#!/usr/bin/env bats
# fuzz-regress.bats: inputs the fuzzers found harmful, kept as regression
# tests: each must end with a clear status, never a crash.

load test_helper

@test "locks: a name token holding NUL bytes (fuzz-locks, heap overread)" {
	# Was: lk_names_add compared names with strncmp and then read o[len]
	# past a shorter stored name.  The scanner now rejects NUL bytes, and
	# the name table compares lengths first.
	for mode in state order; do
		run deadlock-check -m "$mode" "$top_srcdir/tests/fixtures/fuzz/locks-nul-name.txt"
		assert_failure 65
		assert_output --partial 'expected text, found a NUL byte'
	done
}

@test "sched-sim: a bad --quanta item after good ones (fuzz-opts, leak)" {
	# Was: sched_levels (then parse_levels) kept the items parsed before the
	# bad one in its list and did not free it on the error path (harmless in
	# the tool, which exits, but a leak for any other caller).  The input is
	# also a seed of fuzz-opts (fuzz/seeds/fuzz-opts/regress-levels-leak).
	run sched-sim -p mlfq --quanta=1,2,3,4,5,6/7,8,9,10 /dev/null
	assert_failure 64
	assert_output --partial 'invalid value for --quanta: expected a count such as 1000 or 10M, found "6/7"'
}

@test "io-mux, ipc-demo: \`all' repeated past the list's room is refused (fuzz-opts)" {
	# Was: \`all' stopped adding silently at the 16 APIs (64 mechanisms)
	# the tool has room for, while a named item past them was an error.
	# 4 APIs x 5 = 20 > 16; 13 mechanisms x 5 = 65 > 64; 4 x 4 = 16 and
	# 13 x 4 = 52 fit (--explain prints one scheme per API and runs nothing).
	run io-mux --api=all,all,all,all,all
	assert_failure 64
	assert_output --partial 'io-mux: too many APIs (at most 16)'
	run ipc-demo --mechanism=all,all,all,all,all
	assert_failure 64
	assert_output --partial 'ipc-demo: too many mechanisms (at most 64)'
	run io-mux --api=all,all,all,all --explain
	assert_success
	run ipc-demo --mechanism=all,all,all,all --explain
	assert_success
}
