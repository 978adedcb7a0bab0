#!/usr/bin/env bats
# false-share.bats: it runs, verifies and reports; timings are never asserted.
load test_helper

@test "both modes run, verify, and print every column" {
	run false-share --threads=2 --iterations=1000 -f csv
	assert_success
	assert_line --index 0 "mode,op,threads,iterations,line_size,seconds,ns_per_op,slowdown,verified"
	assert_line --index 1 --regexp '^packed,plain,2,1000,[0-9]+,[0-9.]+,[0-9.]+,[0-9.]+,true$'
	assert_line --index 2 --regexp '^padded,plain,2,1000,[0-9]+,[0-9.]+,[0-9.]+,1\.000000,true$'
}

@test "atomic increments verify too; one mode has no slowdown" {
	run false-share --threads=3 --iterations=500 --op=atomic --mode=packed --line-size=128 -f csv --no-header
	assert_success
	assert_output --regexp '^packed,atomic,3,500,128,[0-9.]+,[0-9.]+,,true$'
}

@test "json has the parameters and the runs table" {
	run false-share --threads=2 --iterations=100 --mode=padded -f json
	assert_success
	assert_output --partial '"params":{"threads":2,"iterations":100,"mode":"padded","op":"plain"'
	assert_output --partial '"verified":true'
}

@test "text mode says whether the threads were pinned, or that one CPU cannot show it" {
	run false-share --threads=2 --iterations=100
	assert_success
	if [ "$(nproc)" -ge 2 ]; then
		assert_line --index 0 --regexp '^(2 threads pinned to distinct CPUs|threads (not|could not be) pinned)'
	else
		assert_output --partial "false sharing cannot appear"
	fi
	run taskset -c 0 false-share --threads=2 --iterations=100 --quiet
	assert_success
	assert_output --partial "false-share: only one CPU is available: false sharing cannot appear"
}

@test "bad options are usage errors" {
	assert_usage_error false-share --threads=0
	assert_usage_error false-share --threads=257
	assert_usage_error false-share --iterations=0
	assert_usage_error false-share --mode=loose
	assert_usage_error false-share --op=cas
	assert_usage_error false-share --line-size=48
	assert_usage_error false-share -t cores
	assert_usage_error false-share extra
}

@test "a write error is status 74" {
	run bash -c "false-share --threads=2 --iterations=10 >/dev/full"
	assert_failure 74
}

@test "the man page documents every option" {
	for opt in $(false-share --help | grep -o -- '--[a-z][a-z0-9-]*' | sort -u); do
		case $opt in --help|--usage|--version) continue ;; esac
		grep -q -e "Fl \\\\${opt#-}" "$top_srcdir/man/false-share.1"
	done
}
