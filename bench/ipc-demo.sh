#!/bin/bash
# ipc-demo.sh: ipc-demo beside bare references measured in the same run:
# pipe and Unix socket ping-pong the lmbench way (lat_pipe, lat_unix: N
# round trips timed as one interval) and memcpy bandwidth of 64K messages
# through a buffer the size of the shm-posix ring.
# Each figure is the median of RUNS runs, with the spread (min-max).
. "$(dirname "$0")/common.sh"

RUNS=${RUNS:-5}
N=20000
bare=${top_builddir:-.}/ipc-bare
pin=
command -v taskset >/dev/null && pin="taskset -c 0"

# median+spread: reads numbers, prints "MEDIAN (MIN-MAX)".
stats() {
	sort -g | awk '{ v[NR] = $1 } END {
		if (NR == 0) { print "n/a"; exit }
		m = NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
		printf "%.3f (%.3f-%.3f)", m, v[1], v[NR] }'
}
median() { sort -g | awk '{ v[NR] = $1 } END { print NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

demo() {	# demo MECH MODE COLUMN [ARGS]: one figure from ipc-demo
	local m=$1 mode=$2 col=$3 p=
	shift 3
	[ "$mode" = latency ] && p=$pin	# throughput wants both CPUs
	$p ipc-demo -m "$m" --mode="$mode" -f csv --no-header "$@" | cut -d, -f"$col"
}

echo "# latency pinned to one CPU: ${pin:-no} (both processes); throughput unpinned; $RUNS runs each, median (min-max)"
# lat_unix times a socketpair; the spec's unix-stream (a named socket,
# connect and accept) moves data the same way: both are set beside it.
for pair in pipe:pipe unix:socketpair unix:unix-stream; do
	what=${pair%%:*} mech=${pair#*:}
	: >"$BENCH_DIR/bare" ; : >"$BENCH_DIR/demo"; : >"$BENCH_DIR/mean"
	for r in $(seq "$RUNS"); do
		$pin "$bare" "$what" "$N" 64 >>"$BENCH_DIR/bare"
		demo "$mech" latency 4-6 --count=$N --warmup=2000 >"$BENCH_DIR/row"
		cut -d, -f3 "$BENCH_DIR/row" >>"$BENCH_DIR/demo"
		awk -F, '{ printf "%.3f\n", $2 * 1e6 / $1 }' "$BENCH_DIR/row" >>"$BENCH_DIR/mean"
	done
	b=$(median <"$BENCH_DIR/bare"); d=$(median <"$BENCH_DIR/demo")
	echo "bare $what ping-pong 64 B (lat_$what method): $(stats <"$BENCH_DIR/bare") us"
	echo "ipc-demo $mech latency p50 64 B: $(stats <"$BENCH_DIR/demo") us"
	echo "ipc-demo $mech latency mean 64 B: $(stats <"$BENCH_DIR/mean") us"
	echo "ipc-demo $mech p50 / bare: $(awk -v a="$d" -v b="$b" 'BEGIN { printf "%.3f", a / b }') ratio"
	echo "ipc-demo $mech mean / bare: $(awk -v a="$(median <"$BENCH_DIR/mean")" -v b="$b" 'BEGIN { printf "%.3f", a / b }') ratio"
done
: >"$BENCH_DIR/bare" ; : >"$BENCH_DIR/demo"; : >"$BENCH_DIR/hot"
# The reference for shm-posix: memcpy of 64K messages from one 64K source
# into the successive slots of a 1 MiB buffer (ipc-demo's throughput ring:
# 16 slots of 64K), on one CPU, no semaphore, no checksum.  Copying one
# 64K block onto itself stays in one CPU's nearest caches: printed for
# comparison, a ceiling no ring between two CPUs can reach.
for r in $(seq "$RUNS"); do
	"$bare" memcpy 40000 65536 1048576 >>"$BENCH_DIR/bare"
	"$bare" memcpy 40000 65536 >>"$BENCH_DIR/hot"
	demo shm-posix throughput 8 --size=64K --bytes=1G >>"$BENCH_DIR/demo"
done
b=$(median <"$BENCH_DIR/bare"); d=$(median <"$BENCH_DIR/demo")
echo "# memcpy reference: 64K messages copied into a 1 MiB ring of 64K slots (what the shm-posix sender does), one CPU"
echo "memcpy 64K messages through a 1 MiB ring: $(stats <"$BENCH_DIR/bare") MB/s"
echo "memcpy one 64K block in cache (not the reference): $(stats <"$BENCH_DIR/hot") MB/s"
echo "ipc-demo shm-posix throughput 64K: $(stats <"$BENCH_DIR/demo") MB/s"
echo "memcpy through the ring / shm-posix: $(awk -v a="$b" -v b="$d" 'BEGIN { printf "%.3f", a / b }') ratio"
for m in pipe unix-stream tcp mq-posix shm-sysv; do
	echo "ipc-demo $m throughput 64K: $(demo $m throughput 8 --size=64K --bytes=256M) MB/s"
done
