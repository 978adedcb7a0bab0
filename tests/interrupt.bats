#!/usr/bin/env bats
# interrupt.bats: SIGINT, SIGTERM and SIGHUP in the middle of every
# real-system demo (each ipc-demo mechanism and mode, each io-mux api, each
# proc-demo scenario, each sync-demo problem, false-share, alloc-bench):
# the demo dies of the signal (status 128+N, as the spec's "cleans up after
# itself even when interrupted" keeps the signal's meaning for the shell),
# and leaves no process, IPC object or temporary file behind.
#
# A shell starts a background command with SIGINT ignored; a demo that
# keeps the signals' default actions (sync-demo, false-share, alloc-bench:
# threads end with the process) would then ignore it, as it should: env
# gives them back their default action, as in an interactive shell.
# Each demo runs in a session of its own (setsid execs it: same pid), so
# every process it made, grandchildren and zombies included, is found by
# its session id.  Demos whose children live only microseconds (proc-demo's
# scenarios, alloc-bench's system replays) run with a shim that holds a
# child in _exit for up to 20 s (fixtures/interrupt/hang-exit.c): the
# signal then surely comes while the child is there, and the demo itself,
# not the child's end, must remove it.

load test_helper

setup() {
	export TMPDIR=$BATS_TEST_TMPDIR/tmp
	mkdir -p "$TMPDIR"
}

# A demo that failed leaves processes of its session: end them (by pid).
teardown() {
	local p
	[ -n "${pid:-}" ] || return 0
	for p in $(ps -s "$pid" -o pid= || true); do
		kill -KILL "$p" 2>/dev/null || true
	done
}

# The shim, built once for the file.
setup_file() {
	cc -shared -fPIC -o "$BATS_FILE_TMPDIR/hang.so" \
		"$top_srcdir/tests/fixtures/interrupt/hang-exit.c" -ldl 2>/dev/null || true
}

hang_shim() {
	[ -f "$BATS_FILE_TMPDIR/hang.so" ] || skip "cannot build the test shim (no C compiler?)"
}

# Processes of session $1 (the demo's own session).
session() {
	ps -s "$1" -o pid=,ppid=,stat=,args= || true
}

# started PID TOOL HOW: wait (bounded) until PID runs TOOL itself, not
# libtool's wrapper script, and, for HOW = child or hang, has forked a
# child; for threads, runs a second thread.  Status 2 when PID ended first.  (test_helper's wait_running,
# with cheaper polls: this file starts some forty demos.)
started() {
	local pid=$1 tool=$2 how=$3 exe deadline=$((SECONDS + 10)) kids
	while [ "$SECONDS" -lt "$deadline" ]; do
		kill -0 "$pid" 2>/dev/null || return 2	# ended already
		exe=$(readlink "/proc/$pid/exe" 2>/dev/null) || exe=
		case ${exe##*/} in
		"$tool" | "lt-$tool")
			case $how in
			child | hang)
				kids=$(cat /proc/"$pid"/task/*/children 2>/dev/null) || kids=
				[ -n "$kids" ] && return 0
				;;
			threads)
				kids=(/proc/"$pid"/task/*)
				[ "${#kids[@]}" -gt 1 ] && return 0
				;;
			esac
			;;
		esac
		sleep 0.02
	done
	fail "$tool (pid $pid) did not start its $how"
}

# interrupt SIG WAIT TOOL ARGS...: start TOOL ARGS in a session of its own,
# wait until it runs (WAIT = child: until it has forked a child; threads:
# until it runs a second thread; hang: a child, with the shim holding
# children in _exit), send SIG, and check the status and that nothing of
# the run is left: no process of its session (bounded wait: killed
# children need a moment to be reaped), no name with its pid in /dev/shm or
# /dev/mqueue, no SysV object whose key starts with its pid, an empty
# $TMPDIR.
interrupt() {
	local sig=$1 how=$2 tool=$3 st=0 rc=0 left key want deadline
	shift 2
	local what="$sig during $*"
	if [ "$how" = hang ]; then
		OSC_HANG_PROG=$tool LD_PRELOAD=$BATS_FILE_TMPDIR/hang.so \
			ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0 \
			env --default-signal=INT,TERM,HUP setsid "$@" \
			>/dev/null 2>"$BATS_TEST_TMPDIR/err" &
	else
		env --default-signal=INT,TERM,HUP setsid "$@" \
			>/dev/null 2>"$BATS_TEST_TMPDIR/err" &
	fi
	pid=$!
	started "$pid" "$tool" "$how" || rc=$?
	if [ "$rc" = 2 ]; then
		# A mechanism the kernel refuses (no message queues here) ends
		# the run at once with 69: nothing to interrupt.
		wait "$pid" || st=$?
		[ "$st" = 69 ] && return 0
		fail "$what: ended before the signal, status $st: $(cat "$BATS_TEST_TMPDIR/err")"
	fi
	[ "$rc" = 0 ] || fail "$what: did not start"
	kill -"$sig" "$pid"
	wait "$pid" || st=$?
	want=$((128 + $(kill -l "$sig")))
	[ "$st" = "$want" ] ||
		fail "$what: status $st, expected $want; stderr: $(cat "$BATS_TEST_TMPDIR/err")"
	[ ! -s "$BATS_TEST_TMPDIR/err" ] ||
		fail "$what: said $(cat "$BATS_TEST_TMPDIR/err")"
	deadline=$((SECONDS + 10))
	while [ -n "$(session "$pid")" ] && [ "$SECONDS" -lt "$deadline" ]; do
		sleep 0.05
	done
	left=$(session "$pid")
	[ -z "$left" ] || fail "$what: processes left: $left"
	assert_nothing_left "$pid" "$what"
}

# The signals in turn, so each case has one and each signal many cases.
sigs=(INT TERM HUP)

@test "ipc-demo: every mechanism, latency and throughput" {
	local n=0 m
	for m in pipe fifo socketpair unix-stream unix-dgram tcp udp mq-posix \
		mq-sysv shm-posix shm-sysv eventfd signal; do
		interrupt "${sigs[n++ % 3]}" child ipc-demo -m "$m" --mode=latency \
			--warmup=10M --count=10M --timeout=60
		case $m in
		eventfd | signal) ;;	# latency only
		# throughput: tests/ipc-demo.bats interrupts these
		fifo | unix-dgram | mq-sysv | shm-posix | shm-sysv) ;;
		*) interrupt "${sigs[n++ % 3]}" child ipc-demo -m "$m" \
			--mode=throughput --bytes=1T --timeout=60 ;;
		esac
	done
}

@test "io-mux: every api" {
	local n=0 a
	for a in select poll epoll-lt epoll-et; do
		interrupt "${sigs[n++ % 3]}" child io-mux -m "$a" --clients=2 --messages=100M
	done
}

@test "proc-demo: every scenario" {
	hang_shim
	interrupt INT hang proc-demo fork
	interrupt TERM child proc-demo exec -- sleep 30
	interrupt HUP hang proc-demo cow --size=1M --write-pct=100
	interrupt INT hang proc-demo zombie --hold=60000
	interrupt TERM hang proc-demo orphan
}

@test "proc-demo: spawn-cost's fork and posix_spawn children" {
	hang_shim
	interrupt INT hang proc-demo spawn-cost --count=100
}

@test "sync-demo: every problem" {
	interrupt INT threads sync-demo race --lock=all --iterations=10G
	interrupt TERM threads sync-demo pc --items=100M
	interrupt HUP threads sync-demo rw --policy=all --ops=10G
	interrupt INT threads sync-demo philo --strategy=all --meals=10G
	interrupt TERM threads sync-demo philo --strategy=naive --force-deadlock --stall=60000
}

@test "false-share and alloc-bench" {
	hang_shim
	interrupt INT threads false-share --threads=2 --iterations=10G
	interrupt TERM threads false-share --threads=2 --iterations=10G --mode=padded
	interrupt INT hang alloc-bench -a system --repeat=1000 "$(fixtures alloc-bench)/small.rep"
	interrupt TERM hang alloc-bench -a system --no-verify --repeat=1000 "$(fixtures alloc-bench)/small.rep"
}
