#!/bin/bash
# deadlock-check.sh: replay speed of deadlock-check (state and order) and bankers' safety scan.
. "$(dirname "$0")/common.sh"
trace=$BENCH_DIR/locks.txt
trace-gen locks --threads=16 --locks=64 --events=5M >"$trace"
cat "$trace" >/dev/null	# warm the page cache
events=$(grep -vc '^#' "$trace")
for mode in state order; do
	t0=$(now)
	deadlock-check -m $mode -f csv -t summary "$trace" >/dev/null
	secs=$(elapsed "$t0")
	echo "deadlock-check -m $mode 5M events: $(rate "$events" "$secs" 1e6) Mevents/s ($secs s)"
done
problem=$BENCH_DIR/bankers.txt
trace-gen bankers --processes=3000 --resources=20 --safe --requests=20 >"$problem"
t0=$(now)
bankers -f csv -t summary "$problem" >/dev/null
echo "bankers 3000 processes x 20 resources, 21 safety runs: $(elapsed "$t0") s"
