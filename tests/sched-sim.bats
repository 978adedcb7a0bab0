#!/usr/bin/env bats
# sched-sim.bats: golden cases from the textbooks and by hand, properties on
# generated traces, multi-CPU cases, and every error path.

load test_helper

setup() {
	F=$(fixtures sched-sim)
	T=$(scratch)
}

# The jobs table of the Stallings workload against stallings-NAME.csv.
golden() {	# golden NAME OPTIONS...
	local name=$1
	shift
	run sched-sim "$@" -f csv "$F/stallings.jobs"
	assert_success
	assert_output "$(cat "$F/stallings-$name.csv")"
}

# Column COL of the summary table, one line per policy.
summary_col() {	# summary_col COL OPTIONS... FILE
	local col=$1
	shift
	sched-sim "$@" -t summary -f csv --no-header |
		awk -F, -v c="$col" '{ print $c }'
}

@test "stallings: fcfs" { golden fcfs -p fcfs; }
@test "stallings: rr q=1 (A finishes at 4)" { golden rr1 -p rr -q 1; }
@test "stallings: rr q=4" { golden rr4 -p rr -q 4; }
@test "stallings: spn (sjf)" { golden spn -p sjf; }
@test "stallings: srt (stcf, srtf, psjf)" {
	golden srt -p stcf
	golden srt -p srtf
	run sched-sim -p psjf -f csv --no-header "$F/stallings.jobs"
	assert_output "$(sed 1d "$F/stallings-srt.csv")"
}
@test "stallings: hrrn" { golden hrrn -p hrrn; }

@test "stallings: mean turnaround times of the book's table" {
	run sh -c "sched-sim -p fifo,sjf,stcf,hrrn -t summary -f csv --no-header '$F/stallings.jobs' | cut -d, -f1,4"
	assert_output "fifo,8.600000
sjf,7.600000
stcf,7.200000
hrrn,8.000000"
	run sh -c "sched-sim -p rr -q 1 -t summary -f csv --no-header '$F/stallings.jobs' | cut -d, -f4"
	assert_output "10.800000"
	run sh -c "sched-sim -p rr -q 4 -t summary -f csv --no-header '$F/stallings.jobs' | cut -d, -f4"
	assert_output "10.000000"
}

@test "--requeue=first: rr q=1 A finishes at 3 (OSTEP convention)" {
	# Worked by hand in tests/unit/test-sched.c: A=3 B=18 C=15 D=20 E=16
	run sh -c "sched-sim -p rr --requeue=first -f csv --no-header '$F/stallings.jobs' | cut -d, -f2,6 | tr '\n' ' '"
	assert_output "A,3 B,18 C,15 D,20 E,16 "
}

@test "ostep: three 10-tick jobs under fifo: average turnaround 20" {
	printf 'A 0 10\nB 0 10\nC 0 10\n' >"$T/j"
	run summary_col 4 -p fifo "$T/j"
	assert_output "20.000000"
}

@test "ostep: A=100 B=10 C=10: fifo 110, sjf 50" {
	printf 'A 0 100\nB 0 10\nC 0 10\n' >"$T/j"
	run summary_col 4 -p fifo,sjf "$T/j"
	assert_output "110.000000
50.000000"
}

@test "ostep: stcf with B and C arriving at 10: average turnaround 50" {
	printf 'A 0 100\nB 10 10\nC 10 10\n' >"$T/j"
	run summary_col 4 -p stcf "$T/j"
	assert_output "50.000000"
}

@test "ostep: three 5-tick jobs: rr q=1 average response 1, sjf 5" {
	printf 'A 0 5\nB 0 5\nC 0 5\n' >"$T/j"
	run summary_col 3 -p rr,sjf -q 1 "$T/j"
	assert_output "1.000000
5.000000"
}

@test "priority: Silberschatz's example (average waiting 8.2)" {
	run sched-sim -p prio -f csv "$F/prio.jobs"
	assert_output "$(cat "$F/prio.csv")"
	run summary_col 5 -p prio "$F/prio.jobs"
	assert_output "8.200000"
}

@test "pprio and prio by hand" {
	run sched-sim -p pprio,prio -f csv "$F/pprio.jobs"
	assert_output "$(cat "$F/pprio.csv")"
}

@test "hrrn by hand, and its tie rule (longest waiting first)" {
	run sched-sim -p hrrn -f csv "$F/hrrn.jobs"
	assert_output "$(cat "$F/hrrn.csv")"
	run sched-sim -p hrrn -f csv "$F/hrrn-tie.jobs"
	assert_output "$(cat "$F/hrrn-tie.csv")"
}

@test "ties: the job waiting longest, then input order (sjf, prio, pprio)" {
	# X runs 0-4.  B (input first) waits from 3, C from 1; both have burst
	# 2 and prio 0: C waited longest and runs 4-6, then B 6-8.  When both
	# arrive at 1 the tie goes to input order: B 4-6, C 6-8.
	printf 'X 0 4\nB 3 2\nC 1 2\n' >"$T/j"
	for p in sjf prio pprio; do
		run sh -c "sched-sim -p $p -t timeline -f csv --no-header '$T/j' | cut -d, -f3-5 | tr '\n' ' '"
		assert_output "0,4,X 4,6,C 6,8,B "
	done
	printf 'X 0 4\nB 1 2\nC 1 2\n' >"$T/j"
	for p in sjf prio pprio; do
		run sh -c "sched-sim -p $p -t timeline -f csv --no-header '$T/j' | cut -d, -f3-5 | tr '\n' ' '"
		assert_output "0,4,X 4,6,B 6,8,C "
	done
}

@test "mlfq rule 1: a higher queue preempts; the preempted job keeps the head" {
	run sched-sim -p mlfq --levels=2 --quanta=2,4 -t timeline -f csv "$F/mlfq-preempt.jobs"
	assert_output "$(cat "$F/mlfq-preempt.csv")"
}

@test "mlfq rule 4: demotion after the allotment" {
	run sched-sim -p mlfq --levels=3 --quanta=1,2,4 --allotment=1 -t timeline -f csv "$F/mlfq-demote.jobs"
	assert_output "$(cat "$F/mlfq-demote.csv")"
}

@test "mlfq rule 5: boost, lowest queue first, expired job last" {
	run sh -c "sched-sim -p mlfq --levels=3 -q 1 --boost=6 -t timeline -f csv '$F/mlfq-boost.jobs' | head -11"
	assert_output "$(cat "$F/mlfq-boost.csv")"
}

@test "mlfq: I/O does not game the allotment; --io-keep does" {
	run sched-sim -p mlfq --levels=2 -q 2 --allotment=2 -f csv "$F/mlfq-io.jobs"
	assert_output "$(cat "$F/mlfq-io.csv")"
	run sched-sim -p mlfq --levels=2 -q 2 --allotments=2,2 --io-keep -f csv "$F/mlfq-io.jobs"
	assert_output "$(cat "$F/mlfq-io-keep.csv")"
}

@test "mlfq --io-keep: a quantum that ends as the job blocks counts against the fresh allotment" {
	# mlfq --levels=2 -q 1 --allotment=1 --io-keep, by hand:
	#   0-1 A: its quantum ends on the tick it blocks (until 2): fresh
	#       allotment of 1, but that quantum counts: used up, A drops to L1
	#   1-2 B (-> L1).  At 2: D arrives in L0; A back in L1, then B: [A B]
	#   2-3 D (-> L1: [A B D])  3-4 A (blocks until 5)  4-5 B
	#   5: A back, then B: [D A B]  5-6 D (done)  6-7 A (done)  7-15 B
	# Had the quantum not counted, A would stay in L0 and be done at 6.
	printf 'A 0 3 io_every=1 io_len=1\nB 0 10\nD 2 2\n' >"$T/j"
	run sh -c "sched-sim -p mlfq --levels=2 -q 1 --allotment=1 --io-keep -t timeline -f csv --no-header '$T/j' | cut -d, -f3-5 | tr '\n' ' '"
	assert_output "0,1,A 1,2,B 2,3,D 3,4,A 4,5,B 5,6,D 6,7,A 7,15,B "
}

@test "mlfq: --io-front puts a job back from I/O at the head" {
	run sh -c "sched-sim -p mlfq --levels=1 -q 1 -t timeline -f csv --no-header '$F/mlfq-front.jobs' | sed -n 3p"
	assert_output "mlfq,0,2,3,C"
	run sh -c "sched-sim -p mlfq --levels=1 -q 1 --io-front -t timeline -f csv --no-header '$F/mlfq-front.jobs' | sed -n 3p"
	assert_output "mlfq,0,2,3,A"
}

@test "stride: OSTEP's example (100, 50, 250 tickets) by hand" {
	# strides 100, 200, 40; pass values from 0, ties by input order:
	# A(100) B(200) C(40) C(80) C(120) A(200) C(160) C(200)
	printf 'A 0 20 tickets=100\nB 0 20 tickets=50\nC 0 20 tickets=250\n' >"$T/j"
	run sh -c "sched-sim -p stride -t timeline -f csv --no-header '$T/j' | head -6 | cut -d, -f3-5"
	assert_output "0,1,A
1,2,B
2,5,C
5,6,A
6,8,C
8,9,A"
}

@test "cfs: equal nice shares the latency; nice -5 gets about 3 times more" {
	printf 'A 0 6\nB 0 6\n' >"$T/j"
	run sh -c "sched-sim -p cfs -t timeline -f csv --no-header '$T/j' | cut -d, -f3-5"
	assert_output "0,3,A
3,6,B
6,9,A
9,12,B"
	# weights 3121 and 1024, slices of 3: A's vruntime grows by about 1
	# per slice, B's by 3.  A 0-3 (A at 0.98), B 3-6 (B at 3), then A
	# until it passes 3: 6-9 (1.97), 9-12 (2.95), 12-15 (3.94), B 15-18
	printf 'A 0 30 nice=-5\nB 0 30\n' >"$T/j"
	run sh -c "sched-sim -p cfs -t timeline -f csv --no-header '$T/j' | head -4 | cut -d, -f3-5"
	assert_output "0,3,A
3,6,B
6,15,A
15,18,B"
}

@test "lottery: same seed, same output; the seed matters" {
	trace-gen jobs --count=20 --burst=uniform:5-50 --tickets=1-200 >"$T/j"
	a=$(sched-sim -p lottery -q 2 -s 7 -t timeline -f csv "$T/j")
	b=$(sched-sim -p lottery -q 2 -s 7 -t timeline -f csv "$T/j")
	c=$(sched-sim -p lottery -q 2 -s 8 -t timeline -f csv "$T/j")
	[ "$a" = "$b" ]
	[ "$a" != "$c" ]
}

@test "lottery: 3 times the tickets, about 3 times the CPU" {
	printf 'A 0 100000 tickets=300\nB 0 100000 tickets=100\n' >"$T/j"
	# By 100000 ticks A should have had about 75000: it must finish
	# long before B (B's share of the first 100000 ticks is about 1/4).
	run sh -c "sched-sim -p lottery -f csv --no-header '$T/j' | cut -d, -f2,6"
	a=$(echo "$output" | awk -F, '$1 == "A" { print $2 }')
	[ "$a" -gt 125000 ] && [ "$a" -lt 140000 ]
}

@test "states: the process-state changes of a job with I/O" {
	printf 'A 0 3 io_every=1 io_len=2\nB 1 2\n' >"$T/j"
	run sched-sim -p rr -t states -f csv "$T/j"
	assert_output "policy,time,job,state
rr,0,A,new
rr,0,A,running
rr,1,A,blocked
rr,1,B,new
rr,1,B,running
rr,3,A,running
rr,3,B,done
rr,4,A,blocked
rr,6,A,running
rr,7,A,done"
}

@test "--cs-cost: switches shown and charged, not after idle time" {
	printf 'A 0 3\nB 0 3\n' >"$T/j"
	run sh -c "sched-sim -p rr --cs-cost=1 -t timeline -f csv --no-header '$T/j' | cut -d, -f3-5 | tr '\n' ' '"
	assert_output "0,1,A 1,2,switch 2,3,B 3,4,switch 4,5,A 5,6,switch 6,7,B 7,8,switch 8,9,A 9,10,switch 10,11,B "
	run sh -c "sched-sim -p rr --cs-cost=1 -t summary -f csv --no-header '$T/j' | cut -d, -f6-8"
	assert_output "11,0.545455,5"
	printf 'A 0 1\nB 5 1\n' >"$T/j"
	run sh -c "sched-sim -p fifo --cs-cost=2 -t timeline -f csv --no-header '$T/j' | cut -d, -f3-5 | tr '\n' ' '"
	assert_output "0,1,A 1,5,idle 5,6,B "
}

@test "property: sjf minimises average waiting among non-preemptive policies" {
	for seed in 1 2 3 4 5; do
		trace-gen jobs --count=40 --burst=uniform:1-30 --prio=0-5 -s "$seed" >"$T/j"
		sched-sim -p sjf,fifo,hrrn,prio -t summary -f csv --no-header "$T/j" |
			awk -F, 'NR == 1 { s = $5 } NR > 1 && $5 + 0 < s + 0 { print "seed '"$seed"': " $1 " beats sjf"; bad = 1 } END { exit bad }'
	done
}

@test "property: busy time equals the sum of bursts, under every policy" {
	trace-gen jobs --count=60 --arrival=poisson:6 --burst=exp:8 --io-every=1-5 --io-len=1-6 --tickets=1-300 --prio=0-4 -s 3 >"$T/j"
	want=$(awk '!/^#/ { s += $3 } END { print s }' "$T/j")
	for p in fifo sjf stcf rr hrrn prio pprio mlfq lottery stride cfs; do
		got=$(sched-sim -p $p -q 3 --boost=50 --cs-cost=1 -t timeline -f csv --no-header "$T/j" |
			awk -F, '$5 != "idle" && $5 != "switch" { s += $4 - $3 } END { print s }')
		[ "$got" = "$want" ] || { echo "$p: busy $got, bursts $want"; false; }
	done
}

@test "property: busy time equals the sum of bursts on several CPUs too" {
	trace-gen jobs --count=300 --arrival=poisson:1 --burst=exp:6 --io-every=1-6 --io-len=1-9 --tickets=1-500 -s 5 >"$T/j"
	want=$(awk '!/^#/ { s += $3 } END { print s }' "$T/j")
	for p in fifo stcf rr hrrn pprio mlfq lottery stride cfs; do
		for q in "--cpus=3" "--cpus=3 --queues=per-cpu --steal=2 --cs-cost=1"; do
			got=$(sched-sim -p $p $q -t cpus -f csv --no-header "$T/j" | awk -F, '{ s += $3 } END { print s }')
			[ "$got" = "$want" ] || { echo "$p $q: busy $got, bursts $want"; false; }
		done
	done
}

@test "property: rr with a quantum >= every burst equals fifo" {
	for seed in 1 2 3; do
		trace-gen jobs --count=50 --arrival=poisson:4 --burst=uniform:1-20 --io-every=3-9 --io-len=1-5 -s "$seed" >"$T/j"
		diff <(sched-sim -p fifo -f csv "$T/j" | cut -d, -f2-) \
		     <(sched-sim -p rr -q 20 -f csv "$T/j" | cut -d, -f2-)
	done
}

@test "event order: boost, arrivals, I/O completions as they began, expired job" {
	# rr -q 1, by hand: 0-1 A (blocks until 3), 1-3 B (alone, its quantum
	# ends at 2 and it is picked again).  At 3: arrival C (step 2), then A
	# back from I/O (step 3), then B whose quantum ended (step 4): [C A B]:
	# C 3-4, A 4-5 (done), B 5-8.  With --requeue=first B goes first:
	# [B C A]: B 3-4 (one segment 1-4), C 4-5, A 5-6, B 6-8.
	printf 'A 0 2 io_every=1 io_len=2\nB 0 5\nC 3 1\n' >"$T/j"
	run sh -c "sched-sim -p rr -t timeline -f csv --no-header '$T/j' | cut -d, -f3-5 | tr '\n' ' '"
	assert_output "0,1,A 1,3,B 3,4,C 4,5,A 5,8,B "
	run sh -c "sched-sim -p rr --requeue=first -t timeline -f csv --no-header '$T/j' | cut -d, -f3-5 | tr '\n' ' '"
	assert_output "0,1,A 1,4,B 4,5,C 5,6,A 6,8,B "
	# Two I/O completions at one time go in the order the I/O began, not
	# input order.  rr -q 1: A 0-1 (blocks 1 until 4); at 1 B arrives
	# behind C: C 1-2, B 2-3 (blocks 3 until 4), C 3-4.  At 4 A (began 1)
	# then B (began 3), then C (expired): A 4-5, B 5-6, C 6-9.
	printf 'B 1 2 io_every=1 io_len=1\nA 0 2 io_every=1 io_len=3\nC 0 5\n' >"$T/j"
	run sh -c "sched-sim -p rr -t timeline -f csv --no-header '$T/j' | cut -d, -f3-5 | tr '\n' ' '"
	assert_output "0,1,A 1,2,C 2,3,B 3,4,C 4,5,A 5,6,B 6,9,C "
	# The boost comes before the arrivals.  mlfq --levels=2 -q 1
	# --boost=4: A 0-1 (-> L1), C 1-2 (-> L1), A 2-3, C 3-4.  At 4 the
	# boost moves queued A to the top queue (step 1), B arrives behind it
	# (step 2), C's ended quantum puts it last (step 4): A 4-5, B 5-6.
	printf 'A 0 10\nC 0 10\nB 4 1\n' >"$T/j"
	run sh -c "sched-sim -p mlfq --levels=2 -q 1 --boost=4 -t timeline -f csv --no-header '$T/j' | head -6 | cut -d, -f3-5 | tr '\n' ' '"
	assert_output "0,1,A 1,2,C 2,3,A 3,4,C 4,5,A 5,6,B "
}

@test "property: states and timeline tell the same story under every policy" {
	# For each job, the runs of the running state in the states table are
	# exactly its segments in the timeline, the time it spent ready is its
	# waiting time (switch time included), and it is done at its finish.
	trace-gen jobs --count=40 --arrival=poisson:3 --burst=uniform:1-9 --io-every=2-4 --io-len=1-3 --tickets=1-300 --prio=0-4 -s 9 >"$T/j"
	for p in fifo sjf stcf rr hrrn prio pprio mlfq lottery stride cfs; do
		o="-p $p -q 2 --boost=20 --cs-cost=1"
		sched-sim $o -t states -f csv --no-header "$T/j" >"$T/st"
		sched-sim $o -t timeline -f csv --no-header "$T/j" |
			awk -F, '$5 != "idle" && $5 != "switch" { print $5, $3, $4 }' | sort >"$T/tl"
		awk -F, '{ if ($3 in st && st[$3] == "running") print $3, since[$3], $2
			   st[$3] = $4; since[$3] = $2 }' "$T/st" | sort >"$T/sr"
		[ -s "$T/tl" ] && diff "$T/tl" "$T/sr" || { echo "$p: running runs != timeline"; false; }
		awk -F, '{ if ($3 in st && st[$3] == "ready") w[$3] += $2 - since[$3]
			   if ($4 == "done") f[$3] = $2; st[$3] = $4; since[$3] = $2 }
			 END { for (j in f) print j, w[j] + 0, f[j] }' "$T/st" | sort >"$T/sw"
		sched-sim $o -f csv --no-header "$T/j" | awk -F, '{ print $2, $9, $6 }' | sort >"$T/jw"
		[ "$(wc -l <"$T/jw")" -eq 40 ] && diff "$T/jw" "$T/sw" ||
			{ echo "$p: ready time != waiting or done != finish"; false; }
	done
}

@test "property: states and timeline agree (each running run is a segment)" {
	trace-gen jobs --count=30 --arrival=poisson:3 --burst=uniform:1-9 --io-every=2-4 --io-len=1-3 -s 9 >"$T/j"
	runs=$(sched-sim -p rr -q 2 -t states -f csv --no-header "$T/j" | grep -c ',running$')
	done_=$(sched-sim -p rr -q 2 -t states -f csv --no-header "$T/j" | grep -c ',done$')
	[ "$done_" -eq 30 ]
	[ "$runs" -ge 30 ]
}

@test "-p all runs every policy in the registry order" {
	run sh -c "sched-sim -p all -t summary -f csv --no-header '$F/stallings.jobs' | cut -d, -f1 | tr '\n' ' '"
	assert_output "fifo sjf stcf rr hrrn prio pprio mlfq lottery stride cfs "
}

@test "json and text output" {
	run sched-sim -p fifo -t summary -f json "$F/stallings.jobs"
	assert_success
	assert_output --partial '"tool":"sched-sim"'
	assert_output --partial '"summary":[{"policy":"fifo","jobs":5'
	run sched-sim -p fifo,rr --gantt -t summary "$F/stallings.jobs"
	assert_output --partial "cpu 0 |AAABBBBBBCCCCDDDDDEE|"
	assert_output --partial "cpu 0 |AABABCBDCBEDCBEDCBDD|"
}

@test "multi-CPU: a single queue, idle CPUs in number order" {
	# By hand: A cpu0 0-3; B cpu1 2-8; C cpu0 4-8; D waits (both busy)
	# until 8; at 8 D (queued first) goes to cpu0 8-13 and E to cpu1 8-10.
	# Rows come as segments end: by end time, then CPU number.
	run sh -c "sched-sim -p fifo --cpus=2 -t timeline -f csv --no-header '$F/stallings.jobs' | tr '\n' ' '"
	assert_output "fifo,1,0,2,idle fifo,0,0,3,A fifo,0,3,4,idle fifo,0,4,8,C fifo,1,2,8,B fifo,1,8,10,E fifo,0,8,13,D fifo,1,10,13,idle "
	run sh -c "sched-sim -p fifo --cpus=2 -t cpus -f csv '$F/stallings.jobs'"
	assert_output "policy,cpu,busy,idle,utilization,warm_ticks
fifo,0,12,1,0.923077,0
fifo,1,8,5,0.615385,0"
}

@test "multi-CPU: per-cpu queues, shortest queue, --steal" {
	# All arrive at 0: A cpu0, B cpu1, C cpu0 (loads 1,1: lowest number),
	# D cpu1.  A and B are long: without stealing C and D wait.
	printf 'A 0 10\nB 0 2\nC 0 3\nD 0 3\n' >"$T/j"
	run sh -c "sched-sim -p fifo --cpus=2 --queues=per-cpu -t timeline -f csv --no-header '$T/j' | tr '\n' ' '"
	assert_output "fifo,1,0,2,B fifo,1,2,5,D fifo,0,0,10,A fifo,0,10,13,C fifo,1,5,13,idle "
	# With --steal=1: at 3 cpu1's queue is empty (D runs) and it takes
	# C from the tail of cpu0's queue: C runs on cpu1 5-8.
	run sh -c "sched-sim -p fifo --cpus=2 --queues=per-cpu --steal=1 -t timeline -f csv --no-header '$T/j' | tr '\n' ' '"
	assert_output "fifo,1,0,2,B fifo,1,2,5,D fifo,1,5,8,C fifo,0,0,10,A fifo,1,8,10,idle "
}

@test "multi-CPU: --steal takes from a lottery queue too" {
	# A cpu0, B cpu1, C cpu0 (loads 1,1: lowest number).  Without
	# stealing cpu0 runs A and C: makespan 8 whatever the draws.  With
	# --steal=1 cpu1, empty after B at 1, takes the waiting one of A and C:
	# 9 ticks of work on two CPUs from time 1 end at 5, for every seed.
	printf 'A 0 4\nB 0 1\nC 0 4\n' >"$T/j"
	for seed in 1 2 3 4; do
		run summary_col 6 -p lottery --cpus=2 --queues=per-cpu -s $seed "$T/j"
		assert_output "8"
		run summary_col 6 -p lottery --cpus=2 --queues=per-cpu --steal=1 -s $seed "$T/j"
		assert_output "5"
	done
}

@test "multi-CPU: --steal takes the tail, the job its queue would run last (sjf, hrrn)" {
	# Placement alternates (loads equal: lowest number): X Q R S on cpu0,
	# a b c d (1 tick each) on cpu1.  cpu0 runs X 0-10 (sjf: shortest;
	# hrrn: all ratios 1 at 0, input order), leaving Q 30, R 12, S 20.
	# cpu1 runs a b c d until 4; its queue is empty from d's start at 3,
	# so at 4 it takes the tail of cpu0's queue: the longest job under
	# sjf, and under hrrn the lowest ratio 1 + 4/b, again the longest: Q.
	# (After X leaves, cpu0's heap array is [R Q S]: its last slot holds
	# S, which is not the tail.)
	printf 'X 0 10\na 0 1\nQ 0 30\nb 0 1\nR 0 12\nc 0 1\nS 0 20\nd 0 1\n' >"$T/j"
	for p in sjf hrrn; do
		run sh -c "sched-sim -p $p --cpus=2 --queues=per-cpu --steal=1 -t timeline -f csv --no-header '$T/j' | awk -F, '\$2 == 1 && \$3 == 4'"
		assert_output "$p,1,4,34,Q"
	done
}

@test "multi-CPU: aff= pins a job" {
	printf 'A 0 4 aff=1\nB 0 4 aff=1\n' >"$T/j"
	run sh -c "sched-sim -p fifo --cpus=2 -t timeline -f csv --no-header '$T/j' | tr '\n' ' '"
	assert_output "fifo,1,0,4,A fifo,0,0,8,idle fifo,1,4,8,B "
	printf 'A 0 4 aff=5\n' >"$T/j"
	run sched-sim --cpus=2 "$T/j"
	assert_failure 64
	assert_output --partial 'job "A" may run on none of the 2 CPUs'
}

@test "cache model: a warm job runs --warm-rate times faster" {
	# 2 cold ticks (work 2), then 8 work at 2 per tick: 4 ticks: done at 6
	printf 'A 0 10 ws=1\n' >"$T/j"
	run sh -c "sched-sim --warmup=2 -t cpus -f csv --no-header '$T/j'"
	assert_output "fifo,0,6,0,1.000000,4"
	# two jobs alternating on a cache that holds one working set: every
	# warm-up evicts the other, so nobody stays warm across turns
	printf 'A 0 20 ws=1\nB 0 20 ws=1\n' >"$T/j"
	big=$(sched-sim -p rr -q 4 --warmup=2 -t summary -f csv --no-header "$T/j" | cut -d, -f6)
	small=$(sched-sim -p rr -q 4 --warmup=2 --cache=1 -t summary -f csv --no-header "$T/j" | cut -d, -f6)
	[ "$big" -lt "$small" ]
}

@test "cache model: per-cpu queues keep jobs warm better than one queue" {
	trace-gen jobs --count=2K --arrival=poisson:3 --burst=exp:10 -s 4 | sed '/^#/!s/$/ ws=1/' >"$T/j"
	cpus() {	# cpus QUEUES: total busy and warm ticks
		sched-sim --cpus=4 --queues=$1 -p rr -q 5 --warmup=3 --cache=4 -t cpus -f csv --no-header "$T/j" |
			awk -F, '{ b += $3; w += $6 } END { print b, w }'
	}
	read -r busy1 warm1 < <(cpus single)
	read -r busyn warmn < <(cpus per-cpu)
	[ "$warmn" -gt "$warm1" ]
	[ "$busyn" -lt "$busy1" ]
}

@test "swf input: comments, 18 fields, run time <= 0 skipped" {
	run sched-sim --input=swf -p fifo -f csv "$F/small.swf"
	assert_success
	assert_output "policy,job,arrival,burst,start,finish,response,turnaround,waiting
fifo,1,0,5,0,5,0,5,0
fifo,2,2,3,5,8,3,6,3
fifo,4,9,1,9,10,0,1,0"
	printf '1 0 -1 5\n' >"$T/s"
	run sched-sim --input=swf "$T/s"
	assert_data_error "$T/s:1: expected 18 fields (SWF), found 4"
}

@test "input: commas, comments, CRLF, several files in order" {
	printf 'A,0,3 # first\r\n\r\n' >"$T/a"
	printf 'B 2 6\r\n' >"$T/b"
	run sched-sim -f csv --no-header "$T/a" "$T/b"
	assert_output "fifo,A,0,3,0,3,0,3,0
fifo,B,2,6,3,9,1,7,1"
}

@test "errors: every malformed job line is status 65 with FILE:LINE" {
	bad() {	# bad LINE MESSAGE
		printf 'ok 0 1\n%b\n' "$1" >"$T/j"
		run sched-sim "$T/j"
		assert_data_error "sched-sim: $T/j:2: $2"
	}
	bad 'x' 'expected an arrival time, found end of line'
	bad 'x 0' 'expected a burst time, found end of line'
	bad 'x -1 3' 'expected an arrival time (an integer below 2^40), found "-1"'
	bad 'x 0 z' 'expected a burst time (an integer below 2^40), found "z"'
	bad 'x 0 0' 'expected a burst time of at least 1 tick, found "0"'
	bad 'ok 1 1' 'duplicate job name "ok"'
	bad 'x 0 1 colour=3' 'expected a key prio, tickets, nice, io_every, io_len, aff or ws, found "colour"'
	bad 'x 0 1 prio=1 prio=2' 'expected each key once, found prio= again'
	bad 'x abc 3' 'expected an arrival time (an integer below 2^40), found "abc"'
	bad 'x 0 -3' 'expected a burst time (an integer below 2^40), found "-3"'
	bad 'x 0 3.5' 'expected a burst time (an integer below 2^40), found "3.5"'
	bad 'x 0 1 io_len=2' 'expected io_every= and io_len= together, found only io_len='
	bad 'x 0 1 io_every=0 io_len=1' 'expected an I/O interval of at least 1 tick, found "0"'
	bad 'x 0 1 prio=' 'expected a priority (an integer), found ""'
	bad 'x 0 1 ws=abc' 'expected a working-set size, found "abc"'
	bad 'x 0 1 nice=-21' 'expected a nice value from -20 to 19, found "-21"'
	bad 'switch 0 1' 'job name "switch" is reserved for the timeline'
	bad 'x 0 1 prio' 'expected KEY=VALUE, found "prio"'
	bad 'x 0 1 prio=high' 'expected a priority (an integer), found "high"'
	bad 'x 0 1 tickets=0' 'expected a number of tickets (at least 1), found "0"'
	bad 'x 0 1 nice=20' 'expected a nice value from -20 to 19, found "20"'
	bad 'x 0 1 io_every=2' 'expected io_every= and io_len= together, found only io_every='
	bad 'x 0 1 io_len=0' 'expected an I/O length of at least 1 tick, found "0"'
	bad 'x 0 1 aff=0.64' "expected CPU numbers 0 to 63 separated by '.', found \"0.64\""
	bad 'idle 0 1' 'job name "idle" is reserved for the timeline'
	bad 'x 1099511627776 1' 'expected an arrival time (an integer below 2^40), found "1099511627776"'
}

@test "errors: no jobs is 65, a missing file 66" {
	printf '# nothing\n' >"$T/j"
	run sched-sim "$T/j"
	assert_failure 65
	assert_output "sched-sim: no jobs in the input"
	run sched-sim "$T/nonexistent"
	assert_failure 66
	assert_output --partial "sched-sim: $T/nonexistent: cannot open"
}

@test "errors: bad options are usage errors (64)" {
	assert_usage_error sched-sim -p nosuch "$F/stallings.jobs"
	assert_usage_error sched-sim -q 0 "$F/stallings.jobs"
	assert_usage_error sched-sim --cpus=0 "$F/stallings.jobs"
	assert_usage_error sched-sim --cpus=65 "$F/stallings.jobs"
	assert_usage_error sched-sim --levels=0 "$F/stallings.jobs"
	assert_usage_error sched-sim --quanta=1,0 "$F/stallings.jobs"
	assert_usage_error sched-sim --quanta=1,2,3,4 "$F/stallings.jobs"
	assert_usage_error sched-sim --queues=many "$F/stallings.jobs"
	assert_usage_error sched-sim --steal "$F/stallings.jobs"
	assert_usage_error sched-sim --requeue=never "$F/stallings.jobs"
	assert_usage_error sched-sim --input=xml "$F/stallings.jobs"
	assert_usage_error sched-sim -t nosuch "$F/stallings.jobs"
	assert_usage_error sched-sim -f csv -t jobs,summary "$F/stallings.jobs"
	assert_usage_error sched-sim -f csv --gantt "$F/stallings.jobs"
}

@test "errors: a write error is 74, a closed pipe is quiet" {
	run sh -c "sched-sim '$F/stallings.jobs' >/dev/full"
	assert_failure 74
	assert_output --partial "write error"
	run sh -c "trace-gen jobs --count=100000 | sched-sim -p rr -t timeline | head -1"
	assert_success
	assert_output --partial "policy"
}

@test "trace-gen jobs: deterministic, well-formed, options checked" {
	run trace-gen jobs --count=3 --burst=fixed:4 --arrival=fixed:2 --prio=1 --tickets=5 --io-every=2 --io-len=3
	assert_success
	assert_output "# trace-gen jobs --count=3 --burst=fixed:4 --arrival=fixed:2 --prio=1 --tickets=5 --io-every=2 --io-len=3 --seed=1
J1 0 4 prio=1 tickets=5 io_every=2 io_len=3
J2 2 4 prio=1 tickets=5 io_every=2 io_len=3
J3 4 4 prio=1 tickets=5 io_every=2 io_len=3"
	[ "$(trace-gen jobs --count=50 --arrival=poisson:3 --burst=exp:4 -s 5)" = \
	  "$(trace-gen jobs --count=50 --arrival=poisson:3 --burst=exp:4 -s 5)" ]
	trace-gen jobs --count=1000 --arrival=poisson:2 --burst=exp:3 | sched-sim -p all -t summary >/dev/null
	assert_usage_error trace-gen jobs --burst=fixed:0
	assert_usage_error trace-gen jobs --arrival=poisson:-1
	assert_usage_error trace-gen jobs --tickets=0
	assert_usage_error trace-gen jobs --io-every=3
}
