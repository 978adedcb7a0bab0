#!/bin/bash
# cache-coh.sh: cache-coh's speed on 4-CPU traces (goals: >= 20M accesses/s
# with --no-check, >= 5M/s with the checker; the timed mode handles four
# 2.5M-reference traces in seconds).  Rates are given per wall-clock second
# and per second of CPU time (user + system), which a busy machine
# disturbs less.
. "$(dirname "$0")/common.sh"

# measure WHAT COUNT UNIT COMMAND...: print both rates of one run.
measure() {
	local what=$1 count=$2 unit=$3 start secs cpu
	shift 3
	TIMEFORMAT='%U %S'
	start=$(now)
	cpu=$( { time "$@" > /dev/null; } 2>&1 | awk '{ printf "%.3f", $1 + $2 }')
	secs=$(elapsed "$start")
	echo "$what: $(rate "$count" "$secs" 1e6) $unit/s ($secs s; per CPU second $(rate "$count" "$cpu" 1e6) $unit/s)"
}

n=5000000
for pat in private shared-read migratory producer-consumer false-share random; do
	trace-gen coh --cpus=4 --pattern=$pat --count=$n > "$BENCH_DIR/t.coh"
	measure "cache-coh mesi --no-check 4 CPUs $pat 5M" $n Maccesses \
		cache-coh -P mesi --no-check -t traffic -f csv "$BENCH_DIR/t.coh"
	measure "cache-coh mesi checker on 4 CPUs $pat 5M" $n Maccesses \
		cache-coh -P mesi -t traffic -f csv "$BENCH_DIR/t.coh"
done
trace-gen coh --cpus=4 --pattern=random --count=1000000 > "$BENCH_DIR/t.coh"
measure "cache-coh 5 protocols in one pass, checker on, random 1M" 5000000 \
	Mprotocol-accesses \
	cache-coh -P msi,mesi,moesi,dragon,vi -t traffic -f csv "$BENCH_DIR/t.coh"

# The timed mode: four cores of 2.5M references each (loads and stores of
# the private pattern, with a record of other work after every second).
trace-gen coh --cpus=4 --pattern=private --count=10M |
	awk -v d="$BENCH_DIR" 'NR > 1 { f = d "/core" $1; print ($2 == "W" ? 1 : 0), substr($3, 3) > f; if (NR % 2) print 2, "a" > f }'
measure "cache-coh --input=timed mesi 4 cores x 2.5M references" 10000000 \
	Mreferences cache-coh --input=timed -P mesi -t traffic -f csv \
	"$BENCH_DIR"/core0 "$BENCH_DIR"/core1 "$BENCH_DIR"/core2 "$BENCH_DIR"/core3
