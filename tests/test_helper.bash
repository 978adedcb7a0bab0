# tests/test_helper.bash: loaded by every Bats suite (load test_helper).
bats_load_library bats-support
bats_load_library bats-assert

export LC_ALL=C
unset ARGP_HELP_FMT

# With a shared build, the tools on PATH ($top_builddir, see tests/local.mk)
# are libtool's wrapper scripts: each run costs a shell and a few execs
# (some 90 ms here) and the suites run thousands.  Run the real binaries in
# .libs instead, against the build tree's library, as bench/run.sh does.
# A program in .libs runs under its own name (argv[0] is the name typed).
# Not under make check-valgrind (its PATH of valgrind wrappers must come
# first: OSC_VALGRIND), nor for make installcheck (OSC_INSTALLED), nor with
# a static build (no wrapper: the binary in $top_builddir is the real one).
# OSC_WRAPPERS=1 keeps libtool's wrappers.
osc_use_real_binaries() {
	local d=$1 first
	[ -n "$d" ] && [ -x "$d/.libs/page-replay" ] && [ -f "$d/page-replay" ] || return 1
	IFS= read -r first <"$d/page-replay" || return 1
	[[ $first == '#!'* ]]
}
if [ -z "${OSC_VALGRIND:-}" ] && [ -z "${OSC_INSTALLED:-}" ] &&
	[ -z "${OSC_WRAPPERS:-}" ] && [ -z "${OSC_REAL_BINARIES:-}" ] &&
	osc_use_real_binaries "${top_builddir:-}"; then
	PATH=$top_builddir/.libs:$PATH
	[ -x "$top_builddir/tests/unit/.libs/osc-cli-check" ] &&
		PATH=$top_builddir/tests/unit/.libs:$PATH
	LD_LIBRARY_PATH=$top_builddir/lib/.libs${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}
	OSC_REAL_BINARIES=1	# once per process tree: setup_file's PATH stays
	export PATH LD_LIBRARY_PATH OSC_REAL_BINARIES
fi

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

# skip_under_valgrind REASON: skip the test under make check-valgrind
# (OSC_VALGRIND=1, every tool on PATH a wrapper that runs it under
# memcheck, many times slower): for tests that depend on timing windows, on
# what /proc shows of the tool's process, or on signals reaching the tool
# at a given moment.
skip_under_valgrind() {
	[ -z "${OSC_VALGRIND:-}" ] || skip "under valgrind: ${1:-depends on timing}"
}

# wait_running PID NAME [child]: wait (up to 5 s) until PID runs the tool
# NAME itself, not libtool's wrapper script (whose command name is also
# NAME, and whose own subshells would pass for the tool's children), and,
# with "child", until the tool has forked a child; that child's pid is left
# in $child.  Fails the test when it does not happen.
wait_running() {
	local pid=$1 name=$2 want=$3 i exe
	child=
	if [ -n "${OSC_VALGRIND:-}" ]; then
		# The run started: end it (a tool cleans up on SIGTERM) before
		# the skip, so that nothing is left behind.
		kill -TERM "$pid" 2>/dev/null
		wait "$pid" 2>/dev/null || true
		skip_under_valgrind "wait_running: the process runs valgrind, not $name, and its timing windows do not hold"
	fi
	for i in $(seq 100); do
		exe=$(readlink "/proc/$pid/exe" 2>/dev/null) || exe=
		case ${exe##*/} in
		"$name" | "lt-$name")
			[ "$want" != child ] && return 0
			child=$(ps -eo ppid=,pid= | awk -v p="$pid" '$1 == p { print $2; exit }')
			[ -n "$child" ] && return 0
			;;
		esac
		sleep 0.05
	done
	fail "$name (pid $pid) did not start${want:+ its $want}"
}

# assert_interrupted PID: send SIGINT to PID (a tool that wait_running saw
# start its child $child); it must die of the signal (status 130), its
# child must be gone within 2.5 s, and nothing may be left in $TMPDIR.
assert_interrupted() {
	local pid=$1 st=0 i
	kill -INT "$pid"
	wait "$pid" || st=$?
	assert_equal "$st" 130
	for i in $(seq 50); do kill -0 "$child" 2>/dev/null || break; sleep 0.05; done
	run kill -0 "$child"
	assert_failure
	run ls -A "$TMPDIR"
	assert_output ""
}

# Nothing of demo run PID is left: its private directory (TMPDIR is
# empty), POSIX names in /dev/shm and /dev/mqueue (they contain the pid),
# SysV objects (their keys start with the pid's low 15 bits), no child.
# WHAT, if given, starts each failure message.
assert_nothing_left() {
	local p=$1 what=${2:+$2: } left key
	left=$(ls -A "$TMPDIR")
	[ -z "$left" ] || fail "${what}temp dir not empty: $left"
	left=$(ls -A /dev/shm 2>/dev/null | grep -e "osc-$p-" || true)
	[ -z "$left" ] || fail "${what}left in /dev/shm: $left"
	if [ -d /dev/mqueue ]; then
		left=$(ls -A /dev/mqueue | grep -e "osc-$p-" || true)
		[ -z "$left" ] || fail "${what}left in /dev/mqueue: $left"
	fi
	for key in $(ipcs -q -s -m 2>/dev/null | awk '$1 ~ /^0x/ { print substr($1, 3) }'); do
		(( (16#$key >> 16) != p % 32768 )) || fail "${what}SysV object left: key 0x$key"
	done
	left=$(ps -eo ppid=,pid=,stat=,args= | awk -v p="$p" '$1 == p')
	[ -z "$left" ] || fail "${what}children left: $left"
}
