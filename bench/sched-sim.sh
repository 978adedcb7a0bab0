#!/bin/bash
# sched-sim.sh: jobs simulated per second, per policy, on 1,000,000 jobs
# (Poisson arrivals at load 0.8, exponential bursts, I/O), reading included.
. "$(dirname "$0")/common.sh"
jobs=$BENCH_DIR/jobs.txt
n=1000000
trace-gen jobs --count=$n --arrival=poisson:10 --burst=exp:8 --io-every=5-20 \
	--io-len=1-10 --tickets=1-200 --prio=0-9 >"$jobs"
cat "$jobs" >/dev/null	# warm the page cache
for p in fifo sjf stcf rr hrrn prio pprio mlfq lottery stride cfs; do
	start=$(now)
	sched-sim -p $p -q 4 --boost=1000 -t summary -f csv "$jobs" >/dev/null
	secs=$(elapsed "$start")
	echo "sched-sim $p 1M jobs: $(rate "$n" "$secs" 1e6) Mjobs/s ($secs s)"
done
# All jobs at once: the ready queue holds a million jobs.
trace-gen jobs --count=$n --burst=uniform:1-100 >"$jobs"
for p in sjf stcf hrrn rr stride cfs; do
	start=$(now)
	sched-sim -p $p -t summary -f csv "$jobs" >/dev/null
	secs=$(elapsed "$start")
	echo "sched-sim $p 1M jobs at time 0: $(rate "$n" "$secs" 1e6) Mjobs/s ($secs s)"
done
