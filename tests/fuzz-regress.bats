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
