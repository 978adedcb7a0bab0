#!/usr/bin/env bats
# sigpipe.bats: every tool, its output cut off (conventions, "Errors and
# exit status"):
# - a closed pipe, as in `tool | head -c1`, ends the tool quietly: no
#   message, killed by SIGPIPE (status 141) like any GNU tool whose reader
#   left, or 0 when all the output fitted in the pipe before head left;
# - a closed standard output (`tool >&-`) is a write error: status 74 and
#   "PROG: write error: ..." on stderr;
# and a demo cut off either way leaves no process, IPC object or temporary
# file behind.

load test_helper

setup() {
	export TMPDIR=$BATS_TEST_TMPDIR/tmp
	mkdir -p "$TMPDIR"
}

# One command line per tool (fixtures of the tools' own suites), after the
# status of a whole run (bankers: a request denied in the textbook case).
cases() {
	local f=$top_srcdir/tests/fixtures
	cat <<-EOF
	0 trace-gen refs --count=100K
	0 page-replay -p fifo,lru -n 3 $f/page-replay/textbook.refs
	0 vm-translate -m base-bounds --base=4096 --bounds=2048 --map=$f/vm-translate/bb.map $f/vm-translate/bb.vaddr
	0 sched-sim $f/sched-sim/hrrn.jobs
	0 cache-coh $f/cache-coh/classic.coh
	0 false-share --threads=2 --iterations=100
	0 alloc-sim $f/alloc-sim/textbook.alloc
	0 alloc-bench -a first,system $f/alloc-bench/small.rep
	1 bankers $f/bankers/sgg-5x3.txt
	0 deadlock-check $f/deadlock-check/sgg-rag-nodeadlock.txt
	0 ipc-demo -m all --count=2 --warmup=0 --size=64 --bytes=1K
	0 io-mux --clients=2 --messages=2
	0 proc-demo orphan
	0 sync-demo pc --items=100
	EOF
}

# A demo's run $1 left nothing (assert_nothing_left); the simulators make
# no objects and no children.
assert_demo_clean() {
	case $2 in	# the simulators make no objects, no children
	*-demo* | io-mux* | false-share* | alloc-bench*) ;;
	*) return 0 ;;
	esac
	assert_nothing_left "$@"
}

@test "every tool writing to a pipe whose reader is gone: killed by SIGPIPE, silent, nothing left" {
	local whole line st err=$BATS_TEST_TMPDIR/err w
	while read -r whole line; do
		# The reader has exited before the tool starts: its first
		# write surely meets a closed pipe.
		exec {w}> >(exec true)
		wait $!
		# shellcheck disable=SC2086
		$line >&"$w" 2>"$err" &
		pid=$!
		exec {w}>&-
		st=0
		wait "$pid" || st=$?
		[ "$st" = 141 ] || fail "$line: status $st, expected 141 (SIGPIPE); stderr: $(cat "$err")"
		[ ! -s "$err" ] || fail "$line: said $(cat "$err")"
		assert_demo_clean "$pid" "$line"
	done < <(cases)
}

@test "every tool | head -c1: one byte out, nothing on stderr, status 141 or that of a whole run" {
	local whole line err=$BATS_TEST_TMPDIR/err out
	while read -r whole line; do
		# shellcheck disable=SC2086
		out=$($line 2>"$err" | head -c1; echo ":${PIPESTATUS[0]}")
		case $out in
		?:141 | ?:"$whole") ;;
		*) fail "$line | head -c1: got \"$out\" (byte:status); stderr: $(cat "$err")" ;;
		esac
		[ ! -s "$err" ] || fail "$line | head -c1: said $(cat "$err")"
	done < <(cases)
	# Output larger than a pipe holds: the tool surely meets the closed pipe.
	run bash -c 'trace-gen refs --count=1M | head -c1 >/dev/null; echo "${PIPESTATUS[0]}"'
	assert_output 141
}

@test "every tool with standard output closed: write error, status 74, nothing left" {
	local whole line st err=$BATS_TEST_TMPDIR/err prog
	while read -r whole line; do
		prog=${line%% *}
		# shellcheck disable=SC2086
		$line >&- 2>"$err" &
		pid=$!
		st=0
		wait "$pid" || st=$?
		[ "$st" = 74 ] || fail "$line >&-: status $st, expected 74; stderr: $(cat "$err")"
		[ "$(cat "$err")" = "$prog: write error: Bad file descriptor" ] ||
			fail "$line >&-: said \"$(cat "$err")\""
		assert_demo_clean "$pid" "$line >&-"
	done < <(cases)
}

@test "a demo with standard output closed still runs right: descriptor 1 is not taken for its objects" {
	# With fd 1 closed, the first descriptor a demo opens is 1: its
	# table must not go into a pipe or socket of the run, and the run
	# must still verify (csv to a file given with -o).
	local out=$BATS_TEST_TMPDIR/out.csv
	bash -c 'ipc-demo -m all --count=2 --warmup=0 --size=64 --bytes=1K -f csv --no-header -o "$1" >&-' _ "$out" 2>/dev/null || true
	run cut -d, -f10 "$out"
	assert_line --index 0 true
	refute_output --partial false
	bash -c 'io-mux --clients=2 --messages=2 -f csv --no-header -o "$1" >&-' _ "$out" 2>/dev/null || true
	run cut -d, -f9 "$out"
	assert_output "true
true
true
true"
}

@test "-o FILE with standard output closed: success, as GNU tools (nothing was written to it)" {
	run bash -c 'trace-gen refs --count=10 -o "$1" >&-' _ "$BATS_TEST_TMPDIR/refs"
	assert_success
	assert_output ""
}
