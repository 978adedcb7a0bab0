# tests/test_helper.bash: loaded by every Bats suite (load test_helper).
bats_load_library bats-support
bats_load_library bats-assert

export LC_ALL=C
unset ARGP_HELP_FMT

# Fixtures of the suite's binary: tests/fixtures/<binary>/.
fixtures() {
	printf '%s/tests/fixtures/%s\n' "$top_srcdir" "$1"
}

# A scratch directory removed after each test (Bats' own).
scratch() {
	printf '%s\n' "$BATS_TEST_TMPDIR"
}

# Run a command and check the conventions of a usage error: status 64 and a
# message starting with the program name.
assert_usage_error() {
	local prog=$1
	shift
	run "$prog" "$@"
	assert_failure 64
	assert_output --partial "$prog: "
}

# The error format for bad input: `PROG: FILE:LINE: message`, status 65.
assert_data_error() {
	local want=$1
	assert_failure 65
	assert_output --partial "$want"
}
