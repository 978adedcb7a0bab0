#!/bin/sh
# run.sh SRCDIR SECONDS TARGET...: run each libFuzzer target for SECONDS on a
# corpus seeded from the test fixtures; print executions and findings; fail
# if any target found a crash, leak or undefined behaviour.
srcdir=$1
seconds=$2
shift 2
status=0
for target in "$@"; do
	name=$(basename "$target")
	corpus=fuzz/corpus/$name
	mkdir -p "$corpus" fuzz/findings
	# Seeds: every fixture file (they are small text traces).
	find "$srcdir/tests/fixtures" "$srcdir/examples" -type f -size -64k \
		-exec cp -n {} "$corpus/" \; 2>/dev/null
	log=fuzz/$name.log
	"$target" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
		-artifact_prefix="fuzz/findings/$name-" "$corpus" >"$log" 2>&1
	rc=$?
	execs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$')
	[ -n "$execs" ] || execs=$(sed -n 's/^Done \([0-9]*\) runs.*/\1/p' "$log")
	found=$(ls fuzz/findings 2>/dev/null | grep -c "^$name-")
	echo "$name: ${execs:-?} executions in ${seconds} s, $found findings (log: $log)"
	if [ $rc -ne 0 ] || [ "$found" -ne 0 ]; then
		status=1
		tail -n 30 "$log"
	fi
done
exit $status
