#!/usr/bin/env bats
# limits.bats: the real-system demos under a low RLIMIT_NOFILE (ulimit -n)
# and a low RLIMIT_NPROC (ulimit -u): a clear message (on stderr, or in
# the `error` column of the demos that report each run as a row), the
# documented status (71 for a failed system call; 1 for ipc-demo and
# io-mux, whose spec makes a failed run a row with an error and status 1),
# no hang, and nothing left behind.
#
# The limit is set inside the demo, before main, by a preloaded shim
# (fixtures/limits/setlimit.c): libtool's wrapper script, which runs first,
# needs descriptors and processes of its own.  RLIMIT_NPROC counts every
# process and thread of the user and does not bind root: when the tests
# run as root, the demo runs as nobody (setpriv), and a limit of 1 (the
# demo itself) refuses its first fork or thread, whatever else the user
# runs.

load test_helper

setup_file() {
	command -v cc >/dev/null || return 0
	# A directory nobody can read too (Bats' own is private), holding the
	# shim and, per test, an empty temporary directory for the demo.
	base=$(mktemp -d /tmp/osc-limits.XXXXXX)
	chmod 755 "$base"
	cc -shared -fPIC -o "$base/limit.so" \
		"$top_srcdir/tests/fixtures/limits/setlimit.c" || true
	export base
}

teardown_file() {
	rm -rf "$base"
}

setup() {
	[ -f "$base/limit.so" ] || skip "cannot build the test shim (no C compiler?)"
	export TMPDIR=$base/tmp
	mkdir "$TMPDIR"
	chmod 1777 "$TMPDIR"
}

teardown() {
	rm -rf "$TMPDIR"
}

# limited WHAT N TOOL ARGS...: run TOOL with RLIMIT_WHAT (NOFILE, NPROC) =
# N; set $pid, $status, $output (stdout), $stderr and check that nothing
# of the run is left.
limited() {
	# LeakSanitizer's check at exit needs a thread and descriptors of its
	# own: not under these limits.
	local what=$1 n=$2 tool=$3
	local asan=${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0:detect_leaks=0
	local -a as=()
	shift 2
	if [ "$what" = NPROC ]; then
		if [ "$(id -u)" = 0 ]; then
			command -v setpriv >/dev/null || skip "root, and no setpriv to drop it"
			as=(setpriv --reuid=nobody --regid=nogroup --clear-groups)
		fi
	fi
	env OSC_LIMIT_PROG="$tool" "OSC_LIMIT_$what=$n" ASAN_OPTIONS="$asan" \
		LD_PRELOAD="$base/limit.so" "${as[@]}" "$@" 3>&- \
		>"$BATS_TEST_TMPDIR/out" 2>"$BATS_TEST_TMPDIR/err" &
	pid=$!
	status=0
	wait "$pid" || status=$?
	output=$(cat "$BATS_TEST_TMPDIR/out")
	stderr=$(cat "$BATS_TEST_TMPDIR/err")
	assert_nothing_left "$pid" "$*"
}

# The error column of csv rows (the last field).
errors() {
	printf '%s\n' "$output" | awk -F, '{ print $NF }'
}

@test "ulimit -n 4: ipc-demo's descriptor mechanisms fail row by row, the rest runs" {
	limited NOFILE 4 ipc-demo -m pipe,socketpair,unix-stream,tcp,eventfd,shm-sysv \
		--count=2 --warmup=0 --bytes=1K -f csv --no-header
	assert_equal "$status" 1
	assert_equal "$stderr" ""
	run cut -d, -f1,2,10,11 <<<"$output"
	assert_output "pipe,latency,false,pipe: Too many open files
pipe,throughput,false,pipe: Too many open files
socketpair,latency,false,socketpair: Too many open files
socketpair,throughput,false,socketpair: Too many open files
unix-stream,latency,false,accept: Too many open files
unix-stream,throughput,false,accept: Too many open files
tcp,latency,false,accept: Too many open files
tcp,throughput,false,accept: Too many open files
eventfd,latency,false,eventfd: Too many open files
shm-sysv,latency,true,
shm-sysv,throughput,true,"
}

@test "ulimit -n 4: io-mux says how many descriptors it needs" {
	limited NOFILE 4 io-mux --clients=1 --messages=1 -f csv --no-header
	assert_equal "$status" 1
	assert_equal "$stderr" ""
	run errors
	# lib/ipc/mux.c asks for one descriptor per client plus 32 to spare
	assert_output "1 clients need 33 descriptors; RLIMIT_NOFILE allows 4
1 clients need 33 descriptors; RLIMIT_NOFILE allows 4
1 clients need 33 descriptors; RLIMIT_NOFILE allows 4
1 clients need 33 descriptors; RLIMIT_NOFILE allows 4"
}

@test "ulimit -n 4: proc-demo and alloc-bench exit 71 with the failed call" {
	local s
	for s in fork exec cow orphan; do
		limited NOFILE 4 proc-demo "$s" --size=1M
		assert_equal "$status" 71
		assert_equal "$stderr" "proc-demo: pipe: Too many open files"
	done
	limited NOFILE 4 alloc-bench -a system "$(fixtures alloc-bench)/small.rep"
	assert_equal "$status" 71
	assert_equal "$stderr" "alloc-bench: cannot start a replay: Too many open files"
}

@test "ulimit -u: ipc-demo and io-mux report each refused fork in its row, exit 1" {
	limited NPROC 1 ipc-demo -m pipe,mq-sysv,signal --count=2 --warmup=0 \
		--bytes=1K -f csv --no-header
	assert_equal "$status" 1
	run errors
	assert_output "fork: Resource temporarily unavailable
fork: Resource temporarily unavailable
fork: Resource temporarily unavailable
fork: Resource temporarily unavailable
fork: Resource temporarily unavailable"
	limited NPROC 1 io-mux -m poll,epoll-et --clients=1 --messages=1 -f csv --no-header
	assert_equal "$status" 1
	run errors
	assert_output "fork: Resource temporarily unavailable
fork: Resource temporarily unavailable"
}

@test "ulimit -u: proc-demo, sync-demo, false-share, alloc-bench exit 71 with the failed call" {
	local s
	for s in fork exec orphan zombie; do
		limited NPROC 1 proc-demo "$s"
		assert_equal "$status" 71
		assert_equal "$stderr" "proc-demo: fork: Resource temporarily unavailable"
	done
	limited NPROC 1 proc-demo cow --size=1M
	assert_equal "$status" 71
	assert_equal "$stderr" "proc-demo: the cow child: Resource temporarily unavailable"
	limited NPROC 1 proc-demo spawn-cost --count=2
	assert_equal "$status" 71
	assert_equal "$stderr" "proc-demo: pthread_create: Resource temporarily unavailable"
	limited NPROC 1 alloc-bench -a system "$(fixtures alloc-bench)/small.rep"
	assert_equal "$status" 71
	assert_equal "$stderr" "alloc-bench: cannot start a replay: Resource temporarily unavailable"
	limited NPROC 1 false-share --threads=2 --iterations=10
	assert_equal "$status" 71
	assert_equal "$stderr" "false-share: cannot create thread 1: Resource temporarily unavailable"
	for s in "race --iterations=10" "pc --items=10" "rw --ops=10" "philo --meals=2"; do
		# shellcheck disable=SC2086
		limited NPROC 1 sync-demo $s --quiet -f csv
		assert_equal "$status" 71
		[[ $stderr =~ ^sync-demo:\ ${s%% *}\ [a-z]+:\ cannot\ (start\ threads|set\ up):\ Resource\ temporarily\ unavailable$ ]] ||
			fail "sync-demo $s: said \"$stderr\""
	done
}
