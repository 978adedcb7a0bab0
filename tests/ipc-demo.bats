#!/usr/bin/env bats
# ipc-demo.bats: every mechanism with tiny counts, the correctness columns
# (never timings), and that a run, a timeout or a signal leaves nothing behind.

load test_helper

setup() {
	export TMPDIR=$BATS_TEST_TMPDIR/tmp
	mkdir -p "$TMPDIR"
}

# demo ARGS...: run ipc-demo in the background (so its pid is known: the
# names of its objects contain it), wait, and set $pid, $status, $output.
demo() {
	ipc-demo "$@" >"$BATS_TEST_TMPDIR/out" 2>&1 &
	pid=$!
	status=0
	wait "$pid" || status=$?
	output=$(cat "$BATS_TEST_TMPDIR/out")
}

# The columns that do not depend on timing.
exact() {
	printf '%s\n' "$output" | cut -d, -f1-4,10-
}

@test "every mechanism, both modes: sizes, counts, verified, clean" {
	demo -m all --count=20 --warmup=2 --size=1K --bytes=64K -f csv --no-header
	assert_equal "$status" 0
	run exact
	assert_output "pipe,latency,1024,20,true,
pipe,throughput,1024,64,true,
fifo,latency,1024,20,true,
fifo,throughput,1024,64,true,
socketpair,latency,1024,20,true,
socketpair,throughput,1024,64,true,
unix-stream,latency,1024,20,true,
unix-stream,throughput,1024,64,true,
unix-dgram,latency,1024,20,true,
unix-dgram,throughput,1024,64,true,
tcp,latency,1024,20,true,
tcp,throughput,1024,64,true,
udp,latency,1024,20,true,
udp,throughput,1024,64,true,
mq-posix,latency,1024,20,true,
mq-posix,throughput,1024,64,true,
mq-sysv,latency,1024,20,true,
mq-sysv,throughput,1024,64,true,
shm-posix,latency,1024,20,true,
shm-posix,throughput,1024,64,true,
shm-sysv,latency,1024,20,true,
shm-sysv,throughput,1024,64,true,
eventfd,latency,8,20,true,
signal,latency,4,20,true,"
	assert_nothing_left "$pid"
}

@test "header and the empty cells of the other mode" {
	demo -m pipe --count=5 --warmup=0 --bytes=16 --size=8 -f csv
	assert_equal "$status" 0
	run sed -n 1p <<<"$output"
	assert_output "mechanism,mode,size,count,seconds,rtt_p50_us,rtt_p99_us,mb_per_s,msgs_per_s,verified,error"
	# latency: no MB/s; throughput: no round-trip times (empty = not applicable)
	run awk -F, 'NR == 2 { print $8 $9 } NR == 3 { print $6 $7 }' <<<"$output"
	assert_output ""
	assert_nothing_left "$pid"
}

@test "messages larger than a mechanism's limit are split (mq 8K, udp 64K)" {
	demo -m mq-posix,mq-sysv,udp,unix-dgram,shm-sysv --mode=throughput \
		--size=100000 --bytes=300000 -f csv --no-header
	assert_equal "$status" 0
	run exact
	assert_output "mq-posix,throughput,100000,3,true,
mq-sysv,throughput,100000,3,true,
udp,throughput,100000,3,true,
unix-dgram,throughput,100000,3,true,
shm-sysv,throughput,100000,3,true,"
	assert_nothing_left "$pid"
}

@test "round trips of several datagrams or queue messages each way" {
	demo -m udp,unix-dgram,mq-posix,mq-sysv --mode=latency --size=300K \
		--count=3 --warmup=1 -f csv --no-header
	assert_equal "$status" 0
	run exact
	assert_output "udp,latency,307200,3,true,
unix-dgram,latency,307200,3,true,
mq-posix,latency,307200,3,true,
mq-sysv,latency,307200,3,true,"
	assert_nothing_left "$pid"
}

@test "odd sizes: throughput rounds --bytes up to whole messages" {
	demo -m pipe,shm-posix --mode=throughput --size=13 --bytes=131 -f csv --no-header
	assert_equal "$status" 0
	run exact
	# 131 / 13 = 10.08: 11 messages
	assert_output "pipe,throughput,13,11,true,
shm-posix,throughput,13,11,true,"
}

@test "defaults: 64-byte round trips, 64K throughput messages" {
	demo -m socketpair --count=3 --warmup=1 --bytes=256K -f csv --no-header
	assert_equal "$status" 0
	run exact
	assert_output "socketpair,latency,64,3,true,
socketpair,throughput,65536,4,true,"
}

@test "json output names the table and the parameters" {
	demo -m eventfd --count=2 --warmup=0 -f json
	assert_equal "$status" 0
	assert_output --partial '"tool":"ipc-demo"'
	assert_output --partial '"results":[{"mechanism":"eventfd","mode":"latency","size":8,"count":2,'
	assert_output --partial '"verified":true,"error":null}'
}

@test "--timeout: the run is cut, the child killed and reaped, exit 1, nothing left" {
	demo -m shm-sysv --mode=throughput --bytes=1T --timeout=1 -f csv --no-header
	assert_equal "$status" 1
	run exact
	assert_output "shm-sysv,throughput,65536,16777216,false,timed out after 1 s; child killed"
	assert_nothing_left "$pid"
}

@test "a failing mechanism gives a row with the error, the others still run" {
	# Unix socket paths are limited to 107 bytes.
	export TMPDIR=$BATS_TEST_TMPDIR/$(printf 'd%.0s' $(seq 70))
	mkdir -p "$TMPDIR"
	demo -m unix-stream,pipe --mode=latency --count=3 --warmup=0 -f csv --no-header
	assert_equal "$status" 1
	run exact
	assert_output "unix-stream,latency,,,false,socket path: File name too long
pipe,latency,64,3,true,"
	assert_nothing_left "$pid"
}

@test "an unavailable mechanism is a row, not a failure; all unavailable exits 69" {
	command -v prlimit >/dev/null || skip "no prlimit"
	# RLIMIT_MSGQUEUE = 0: the kernel refuses POSIX message queues.
	run prlimit --msgqueue=0 ipc-demo -m mq-posix,pipe --count=3 --warmup=0 \
		--size=8 --bytes=16 -f csv --no-header
	assert_success
	run exact
	assert_output "mq-posix,latency,,,false,mq_open (RLIMIT_MSGQUEUE): Too many open files
mq-posix,throughput,,,false,mq_open (RLIMIT_MSGQUEUE): Too many open files
pipe,latency,8,3,true,
pipe,throughput,8,2,true,"
	run prlimit --msgqueue=0 ipc-demo -m mq-posix --count=3 -f csv --no-header
	assert_failure 69
}

# interrupt SIGNAL MECH: stop a long run halfway with SIGNAL.
interrupt() {
	local sig=$1 mech=$2 child i
	ipc-demo -m "$mech" --mode=throughput --bytes=1T --timeout=60 >/dev/null 2>&1 &
	pid=$!
	wait_running "$pid" ipc-demo child
	sleep 0.2
	kill -"$sig" "$pid"
	sigstatus=0
	wait "$pid" || sigstatus=$?
	for i in $(seq 50); do	# the child dies with its parent
		kill -0 "$child" 2>/dev/null || break
		sleep 0.05
	done
	run kill -0 "$child"
	assert_failure
}

@test "SIGINT halfway (mq-sysv): nothing left, no child alive" {
	interrupt INT mq-sysv
	assert_equal "$sigstatus" 130
	assert_nothing_left "$pid"
}

@test "SIGTERM halfway (fifo): nothing left, no child alive" {
	interrupt TERM fifo
	assert_equal "$sigstatus" 143
	assert_nothing_left "$pid"
}

@test "SIGHUP halfway (shm-posix): nothing left, no child alive" {
	interrupt HUP shm-posix
	assert_equal "$sigstatus" 129
	assert_nothing_left "$pid"
}

@test "SIGINT halfway (shm-sysv, unix-dgram): nothing left" {
	interrupt INT shm-sysv
	assert_equal "$sigstatus" 130
	assert_nothing_left "$pid"
	interrupt INT unix-dgram
	assert_equal "$sigstatus" 130
	assert_nothing_left "$pid"
}

# kill_child MECH: kill ipc-demo's child halfway through a long run.
kill_child() {
	ipc-demo -m "$1" --mode=throughput --bytes=1T --timeout=60 -f csv \
		--no-header >"$BATS_TEST_TMPDIR/out" 2>&1 &
	pid=$!
	wait_running "$pid" ipc-demo child
	sleep 0.2
	kill -KILL "$child"
	status=0
	wait "$pid" || status=$?
	output=$(cat "$BATS_TEST_TMPDIR/out")
}

@test "the child dies halfway (shm-sysv, shm-posix, mq-sysv): a row says so, exit 1, nothing left" {
	for m in shm-sysv shm-posix mq-sysv; do
		kill_child "$m"
		assert_equal "$status" 1
		run exact
		# --bytes=1T in 64K messages: 2^40 / 2^16 = 16777216
		assert_output "$m,throughput,65536,16777216,false,the child exited before the end of the run"
		assert_nothing_left "$pid"
	done
}

@test "--explain prints each side's system calls and exits 0" {
	run ipc-demo -m shm-posix --explain
	assert_success
	assert_line "shm-posix: POSIX shared memory ring + POSIX semaphores mutex/full/empty"
	assert_output --partial "sem_wait(empty); sem_wait(mutex)"
	run ipc-demo --explain
	assert_success
	for m in pipe fifo socketpair unix-stream unix-dgram tcp udp mq-posix \
		mq-sysv shm-posix shm-sysv eventfd signal; do
		assert_line --regexp "^$m: "
	done
	run ls -A "$TMPDIR"
	assert_output ""
}

@test "usage errors exit 64" {
	assert_usage_error ipc-demo -m carrier-pigeon
	assert_output --partial 'found "carrier-pigeon"'
	assert_usage_error ipc-demo --mode=sometimes
	assert_usage_error ipc-demo --size=0
	assert_usage_error ipc-demo --size=4 --mode=throughput
	assert_output --partial "at least 8"
	# eventfd and signal are latency only: not an empty table and exit 0
	assert_usage_error ipc-demo -m eventfd,signal --mode=throughput
	assert_output --partial "latency only"
	assert_usage_error ipc-demo -m signal --mode=throughput
	assert_output --partial "signal measures latency only"
	assert_usage_error ipc-demo --count=lots
	assert_usage_error ipc-demo --timeout=0
	assert_usage_error ipc-demo extra
	assert_usage_error ipc-demo -f csv -t results,nope
	run ls -A "$TMPDIR"
	assert_output ""
}

@test "a write error exits 74" {
	run sh -c 'ipc-demo -m pipe --count=2 --warmup=0 --bytes=8 --size=8 >/dev/full'
	assert_failure 74
	assert_output --partial "write error"
}

@test "--help and --version" {
	run ipc-demo --version
	assert_output --regexp '^ipc-demo \(osconcepts\) [0-9.]+$'
	run ipc-demo --help
	assert_success
	for opt in --mechanism --mode --size --count --warmup --bytes --timeout --explain; do
		assert_output --partial "$opt"
	done
}
