#!/usr/bin/env bats
# io-mux.bats: every echo checked under each readiness API, the
# edge-triggered stall without draining, the FD_SETSIZE refusal,
# RLIMIT_NOFILE raised; never timings.

load test_helper

setup() {
	export TMPDIR=$BATS_TEST_TMPDIR/tmp
	mkdir -p "$TMPDIR"
}

exact() {	# api,clients,messages,size,verified,error
	printf '%s\n' "$output" | cut -d, -f1-4,9-
}

@test "every API echoes every byte" {
	run io-mux --clients=5 --messages=20 --size=100 -f csv --no-header
	assert_success
	run exact
	assert_output "select,5,20,100,true,
poll,5,20,100,true,
epoll-lt,5,20,100,true,
epoll-et,5,20,100,true,"
}

@test "csv header and a one-byte message" {
	run io-mux -m epoll-et --clients=2 --messages=3 --size=1 -f csv
	assert_success
	assert_line --index 0 "api,clients,messages,size,seconds,msgs_per_s,wakeups,ready_per_wakeup,verified,error"
	run exact
	assert_line --index 1 "epoll-et,2,3,1,true,"
}

@test "--no-drain: level-triggered still works, edge-triggered stalls until the timeout" {
	run io-mux --clients=3 --messages=5 --no-drain --timeout=1 -f csv --no-header
	assert_failure 1
	run exact
	assert_output "select,3,5,64,true,
poll,3,5,64,true,
epoll-lt,3,5,64,true,
epoll-et,3,5,64,false,stalled (edge-triggered without draining): timed out after 1 s; client killed"
}

@test "select refuses descriptors past FD_SETSIZE; poll and epoll take them (RLIMIT_NOFILE raised)" {
	[ "$(ulimit -Hn)" = unlimited ] || [ "$(ulimit -Hn)" -ge 1300 ] ||
		skip "hard RLIMIT_NOFILE below 1300"
	run sh -c 'ulimit -Sn 1024; io-mux -m select,poll,epoll-et --clients=1100 --messages=1 -f csv --no-header'
	assert_failure 1
	run exact
	assert_output --regexp "^select,1100,1,64,false,select cannot watch descriptors up to [0-9]+: FD_SETSIZE is 1024
poll,1100,1,64,true,
epoll-et,1100,1,64,true,$"
}

@test "SIGINT during a run: dies of the signal, client gone, nothing left" {
	io-mux -m poll --clients=2 --messages=100M >/dev/null 2>&1 &
	pid=$!
	wait_running "$pid" io-mux child
	assert_interrupted "$pid"
}

@test "--explain" {
	run io-mux -m epoll-et --explain
	assert_success
	assert_line --index 0 "epoll-et: epoll(7), edge-triggered, non-blocking sockets drained to EAGAIN"
	assert_output --partial "EAGAIN"
	run io-mux --explain
	for a in select poll epoll-lt epoll-et; do
		assert_line --regexp "^$a: "
	done
}

@test "usage errors exit 64" {
	assert_usage_error io-mux -m kqueue
	assert_output --partial 'found "kqueue"'
	assert_usage_error io-mux --clients=0
	assert_usage_error io-mux --size=0
	assert_usage_error io-mux --size=1M
	assert_usage_error io-mux --messages=x
	assert_usage_error io-mux --timeout=0
	assert_usage_error io-mux stray
}

@test "a write error exits 74" {
	run sh -c 'io-mux -m poll --clients=1 --messages=1 >/dev/full'
	assert_failure 74
}

@test "--help lists the options" {
	run io-mux --help
	assert_success
	for opt in --api --clients --messages --size --no-drain --timeout --explain; do
		assert_output --partial "$opt"
	done
}
