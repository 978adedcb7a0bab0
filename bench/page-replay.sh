#!/bin/bash
# page-replay.sh: page-replay's speed on a 10M-reference Zipf trace of 1M pages at 100K frames (issue 3's goals in comments).
. "$(dirname "$0")/common.sh"
trace=$BENCH_DIR/zipf.txt
if command -v trace-gen >/dev/null; then
	trace-gen refs --dist=zipf --alpha=1.0 --pages=1M --count=10M >"$trace"
else	# a stand-in without trace-gen: uniform pages from awk
	awk 'BEGIN { srand(1); for (i = 0; i < 10000000; i++) print int(rand() * 1000000) }' >"$trace"
fi
n=$(grep -vc '^#' "$trace")
cat "$trace" >/dev/null	# warm the page cache

# best SECONDS of three runs of a command (the machine may be busy): wall
# time, or with CPU=1 user+system time (for one thread this is less
# disturbed by other work on the machine).
best() {
	local b= t i TIMEFORMAT
	for i in 1 2 3; do
		if [ -n "$CPU" ]; then
			TIMEFORMAT='%U %S'
			t=$({ time "$@" >/dev/null; } 2>&1 | awk '{ print $1 + $2 }')
		else
			t=$(now)
			"$@" >/dev/null || { echo "failed: $*" >&2; return 1; }
			t=$(elapsed "$t")
		fi
		[ -z "$b" ] && b=$t
		b=$(awk -v a="$b" -v c="$t" 'BEGIN { print (c < a) ? c : a }')
	done
	echo "$b"
}

# Goal: fifo, lru, clock >= 40 Mrefs/s including parsing; opt >= 10.
for p in fifo lru clock 2lru lfu opt; do
	s=$(best page-replay -p "$p" -n 100K -f csv "$trace")
	c=$(CPU=1 best page-replay -p "$p" -n 100K -f csv "$trace")
	echo "page-replay $p 10M zipf 100K frames: $(rate "$n" "$s" 1e6) Mrefs/s ($s s; by CPU time $(rate "$n" "$c" 1e6))"
	[ "$p" = lru ] && lru=$s && lru_c=$c
done
# Goal: an lru sweep of 64 sizes (1600 to 102400 frames) costs < 2x one
# lru run (at 100K frames).
sweep=1600-102400:1600
s=$(best page-replay -p lru -n $sweep -f csv "$trace")
echo "page-replay lru sweep of 64 sizes: $(rate "$n" "$s" 1e6) Mrefs/s ($s s)"
echo "page-replay lru sweep of 64 sizes / one lru run: $(awk -v a="$s" -v b="$lru" 'BEGIN { printf "%.2f", a / b }') x"
c=$(CPU=1 best page-replay -p lru -n $sweep -f csv "$trace")
echo "page-replay lru sweep of 64 sizes / one lru run, by CPU time: $(awk -v a="$c" -v b="$lru_c" 'BEGIN { printf "%.2f", a / b }') x"
# The machine's speed drifts from run to run: the ratio again from five
# back-to-back pairs (one lru run, then the sweep), median and range.
r=$(for i in 1 2 3 4 5; do
	a=$(now); page-replay -p lru -n 100K -f csv "$trace" >/dev/null; a=$(elapsed "$a")
	b=$(now); page-replay -p lru -n $sweep -f csv "$trace" >/dev/null; b=$(elapsed "$b")
	awk -v a="$a" -v b="$b" 'BEGIN { printf "%.2f\n", b / a }'
done | sort -n | tr '\n' ' ')
echo "page-replay lru sweep of 64 sizes / one lru run, 5 pairs: median $(echo $r | cut -d' ' -f3) x (from $(echo $r | cut -d' ' -f1) to $(echo $r | cut -d' ' -f5))"
# Goal: peak memory O(distinct pages): the sweep keeps no trace.
if [ -x /usr/bin/time ]; then
	m1=$(/usr/bin/time -f %M page-replay -p lru -n 100K -f csv "$trace" 2>&1 >/dev/null | tail -n 1)
	m2=$(/usr/bin/time -f %M page-replay -p lru -n $sweep -f csv "$trace" 2>&1 >/dev/null | tail -n 1)
	echo "page-replay peak memory: lru sweep of 64 sizes $((m2 / 1024)) MB, one lru run at 100K frames $((m1 / 1024)) MB"
fi
s=$(best page-replay -p fifo,clock,2lru -n 8K-64K:8K -f csv "$trace")
echo "page-replay fifo,clock,2lru x 8 sizes, $(nproc) threads: $(rate $((n * 24)) "$s" 1e6) Mrefs/s ($s s)"
