#!/bin/sh
# run.sh SRCDIR SECONDS JOBS TARGET...: run each libFuzzer target for SECONDS
# on a corpus seeded from the test fixtures, JOBS targets at a time; print
# executions and findings; fail if any target found a crash, hang, leak or
# undefined behaviour.
srcdir=$1
seconds=$2
jobs=$3
shift 3
case $jobs in ''|*[!0-9]*|0) jobs=1 ;; esac

# One target: its corpus, its log (whose last line is its exit status).
fuzz_one() {
	name=$(basename "$1")
	corpus=fuzz/corpus/$name
	mkdir -p "$corpus" fuzz/findings
	# Seeds: every fixture file (they are small text traces).
	find "$srcdir/tests/fixtures" "$srcdir/examples" -type f -size -64k \
		-exec cp -n -t "$corpus" {} + 2>/dev/null
	# and the target's own seeds, if any (fuzz/seeds/NAME: option values).
	if [ -d "$srcdir/fuzz/seeds/$name" ]; then
		find "$srcdir/fuzz/seeds/$name" -type f \
			-exec cp -n -t "$corpus" {} + 2>/dev/null
	fi
	"$1" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
		-print_final_stats=1 -artifact_prefix="fuzz/findings/$name-" \
		"$corpus" >"fuzz/$name.log" 2>&1
	echo "run.sh: exit status $?" >>"fuzz/$name.log"
}

# JOBS at a time.
set -- "$@" --
while [ "$1" != -- ]; do
	n=0
	while [ "$1" != -- ] && [ $n -lt "$jobs" ]; do
		fuzz_one "$1" &
		set -- "$@" "$1"
		shift
		n=$((n + 1))
	done
	wait
done
shift

status=0
total=0
for target in "$@"; do
	name=$(basename "$target")
	log=fuzz/$name.log
	rc=$(sed -n 's/^run\.sh: exit status \([0-9]*\)$/\1/p' "$log" | tail -n 1)
	# (-a: the log may quote an input's bytes.)
	execs=$(grep -a -o 'stat::number_of_executed_units: *[0-9]*' "$log" |
		grep -o '[0-9]*$' | tail -n 1)
	[ -n "$execs" ] || execs=$(sed -n 's/^Done \([0-9]*\) runs.*/\1/p' "$log" | tail -n 1)
	found=$(ls fuzz/findings 2>/dev/null | grep -c "^$name-")
	total=$((total + ${execs:-0}))
	echo "$name: ${execs:-?} executions in ${seconds} s, $found findings (log: $log)"
	if [ "${rc:-1}" -ne 0 ] || [ "$found" -ne 0 ]; then
		status=1
		tail -n 30 "$log"
	fi
done
echo "fuzz: $total executions in all"
exit $status
