#!/usr/bin/env bats
# deadlock-check.bats: deadlocks and potential deadlocks against textbook
# figures and hand-worked traces (each fixture shows its working), and
# --run on small C programs with known lock-order inversions.

load test_helper
bats_require_minimum_version 1.5.0

setup() {
	F=$(fixtures deadlock-check)
	P=$top_builddir/tests/unit
}

@test "state: two-thread wait-for cycle, with the request lines" {
	run deadlock-check -f csv "$F/state-two.txt"
	assert_failure 1
	assert_output 'kind,threads,resources,cycle,lines
deadlock,T1 T2,B A,T1 -> B (held by T2) -> T2 -> A (held by T1),8 9'
}

@test "state: three philosophers; a thread waiting on the cycle is not on it" {
	run deadlock-check -f csv --no-header "$F/state-three.txt"
	assert_failure 1
	assert_output 'deadlock,P1 P2 P3,F2 F3 F1,P1 -> F2 (held by P2) -> P2 -> F3 (held by P3) -> P3 -> F1 (held by P1),12 13 14'
	run deadlock-check -f csv --no-header -t summary "$F/state-three.txt"
	assert_output 'state,7,4,3,3,0,0'
}

@test "state: waiting that ends is no deadlock (exit 0)" {
	run deadlock-check -f csv --no-header "$F/state-released.txt"
	assert_success
	assert_output ''
}

@test "state: SGG Figure 8.5, multi-instance: T1 T2 T3 deadlocked" {
	run deadlock-check -f csv --no-header "$F/sgg-rag-deadlock.txt"
	assert_failure 1
	assert_output 'deadlock,T2 T1 T3,R3 R1 R2,,18 17 19'
}

@test "state: SGG Figure 8.6, a cycle but no deadlock" {
	run deadlock-check -f csv --no-header "$F/sgg-rag-nodeadlock.txt"
	assert_success
	assert_output ''
}

@test "state: a thread waiting for what it holds is a self-deadlock" {
	run deadlock-check -f csv --no-header <<<$'t acquire A\nt request A'
	assert_failure 1
	assert_output 'self,t,A,t -> A (held by t),2'
}

@test "state: a thread acquiring again what it holds is a self-deadlock too" {
	# Hand-worked: t holds A (line 1) and takes it again (line 2); single
	# instance, not recursive: it would hang there.  u is fine.
	run deadlock-check -f csv <<<$'t acquire A @s.c:1\nu acquire B\nt acquire A @s.c:2\nt release A'
	assert_failure 1
	assert_output $'kind,threads,resources,cycle,lines\nself,t,A,t -> A (held by t),1 3'
	run deadlock-check -f csv --no-header -t summary <<<$'t acquire A\nt acquire A'
	assert_output 'state,2,1,1,1,0,0'
	run deadlock-check -f dot <<<$'t acquire A\nt acquire A'
	assert_line '	"r:A" -> "t:t" [label="1", color=red, fontcolor=red, penwidth=2];'
	# Multi-instance: t holds both units of R and asks for a third.
	run deadlock-check -f csv --no-header <<<$'resource R 2\nt acquire R 2\nt acquire R'
	assert_failure 1
	assert_output 'self,t,R,t -> R (held by t),2 3'
}

@test "state: the resource-allocation graph, cycle edges in the graph table" {
	run deadlock-check -f csv -t graph "$F/state-two.txt"
	assert_output 'from,to,thread,line,site
A,T1,T1,6,main.c:10
T1,B,T1,8,main.c:11
B,T2,T2,7,main.c:20
T2,A,T2,9,main.c:21'
}

@test "matrix: SGG 8.7.2 snapshot is not deadlocked" {
	run deadlock-check -m matrix -f csv --no-header -t summary "$F/sgg-detect.txt"
	assert_success
	assert_output 'matrix,5,5,3,0,0,0'
}

@test "matrix: SGG 8.7.2, T2 asks one more C: T1 T2 T3 T4 deadlocked" {
	run deadlock-check -m matrix -f csv --no-header "$F/sgg-detect-more.txt"
	assert_failure 1
	assert_output 'deadlock,T1 T2 T3 T4,A C,,9 10 11 12'
}

@test "order: each lock-order cycle once, with threads, lines and sites" {
	run deadlock-check -m order -f csv --no-header "$F/order.txt"
	assert_failure 1
	assert_output 'potential,t1 t2,A B,A -> B -> A,A->B t1 15 16 @a.c:1 @a.c:2; B->A t2 21 22 @b.c:1 @b.c:2
potential,t1 t3,A C,A -> C -> A,A->C t1 15 18 @a.c:1 @a.c:3; C->A t3 26 27'
	run deadlock-check -m order -f csv --no-header -t graph "$F/order.txt"
	assert_output 'A,B,t1,16,a.c:2
A,C,t1,18,a.c:3
B,A,t2,22,b.c:2
G,C,t3,26,
G,A,t3,27,
C,A,t3,27,'
	run deadlock-check -m order -f csv --no-header -t summary "$F/order.txt"
	assert_output 'order,20,4,4,0,2,0'
}

@test "order: a gate-locked inversion is guarded, not a finding; self-deadlock" {
	run deadlock-check -m order -f csv --no-header "$F/order-gated.txt"
	assert_failure 1
	assert_output 'guarded,t1 t2,A B,A -> B -> A (guarded by G),A->B t1 8 9; B->A t2 14 15
self,t3,X,X -> X,19 20'
	run deadlock-check -m order -f csv -t graph "$F/order-gated.txt"
	assert_output 'from,to,thread,line,site
G,A,t1,8,
G,B,t1,9,
A,B,t1,9,
B,A,t2,15,
X,X,t3,20,x.c:9'
	run deadlock-check -m order -f dot "$F/order-gated.txt"
	assert_line '	"B" -> "A" [label="t2 15"];'
	assert_line '	"X" -> "X" [label="t3 20", color=red, fontcolor=red, penwidth=2];'
	run deadlock-check -m order -f csv --no-header <<<"$(head -18 "$F/order-gated.txt")"
	assert_success
	assert_output 'guarded,t1 t2,A B,A -> B -> A (guarded by G),A->B t1 8 9; B->A t2 14 15'
}

@test "order: a trylock adds no order edge" {
	run deadlock-check -m order -f csv --no-header <<<$'a acquire X\na acquire Y\na release Y\na release X\nb acquire Y\nb tryacquire X'
	assert_success
	assert_output ''
}

@test "order: a longer ring and two cycles sharing an edge are each reported once" {
	# Edges: A->B (a, line 2), B->C (b, 6), C->A (c, 10), C->B (c, 11).
	run deadlock-check -m order -f csv --no-header -t findings <<<$'a acquire A\na acquire B\na release B\na release A\nb acquire B\nb acquire C\nb release C\nb release B\nc acquire C\nc acquire A\nc acquire B'
	assert_failure 1
	assert_output 'potential,a b c,A B C,A -> B -> C -> A,A->B a 1 2; B->C b 5 6; C->A c 9 10
potential,b c,B C,B -> C -> B,B->C b 5 6; C->B c 9 11'
}

@test "--format=dot: DOT with the cycle edges red" {
	run deadlock-check --format=dot "$F/state-two.txt"
	assert_failure 1
	assert_line --index 0 'digraph deadlock_check {'
	assert_line '	"t:T1" -> "r:B" [label="8", color=red, fontcolor=red, penwidth=2];'
	run deadlock-check -m order -f dot "$F/order.txt"
	assert_line '	"B" -> "A" [label="t2 22", color=red, fontcolor=red, penwidth=2];'
	assert_line '	"G" -> "C" [label="t3 26"];'
	run deadlock-check -m matrix -f dot "$F/sgg-detect-more.txt"
	assert_failure 1
	assert_line '	"r:B" -> "t:T0" [label="8"];'
	assert_line '	"t:T2" -> "r:C" [label="10", color=red, fontcolor=red, penwidth=2];'
	if command -v dot >/dev/null; then
		deadlock-check -f dot "$F/state-two.txt" | dot -Tsvg >/dev/null
	fi
}

@test "json and text" {
	run deadlock-check -f json "$F/state-two.txt"
	assert_output --partial '"kind":"deadlock"'
	run deadlock-check "$F/state-released.txt"
	assert_output --partial 'no deadlock or potential deadlock found'
}

bad() {	# bad LINE MESSAGE
	run deadlock-check "$BATS_TEST_TMPDIR/in"
	assert_data_error "deadlock-check: $BATS_TEST_TMPDIR/in:$1: $2"
}

@test "input errors name their line (status 65)" {
	printf 't release A\n' >"$BATS_TEST_TMPDIR/in"
	bad 1 'expected t to release a resource it holds, found release of A, which it does not hold'
	printf '# c\nt acquire A 2\nt release A 3\n' >"$BATS_TEST_TMPDIR/in"
	bad 2 'expected at most 1 instance of A in use, found acquire of 2 while 0 are held'
	printf 'resource A 2\nt acquire A 2\nt release A 3\n' >"$BATS_TEST_TMPDIR/in"
	bad 3 'expected t to release at most the 2 of A it holds, found release of 3'
	printf 'a acquire A\nb acquire A\n' >"$BATS_TEST_TMPDIR/in"
	bad 2 'expected at most 1 instance of A in use, found acquire of 1 while 1 is held by a'
	printf 'a request A\na release B\n' >"$BATS_TEST_TMPDIR/in"
	bad 2 'expected a to acquire A (it is blocked since line 1), found release B'
	printf 'a request A\na acquire B\n' >"$BATS_TEST_TMPDIR/in"
	bad 2 'expected a to acquire A (it is blocked since line 1), found acquire B'
	printf 'a grab A\n' >"$BATS_TEST_TMPDIR/in"
	bad 1 'expected acquire, tryacquire, request or release, found "grab"'
	printf 'a\n' >"$BATS_TEST_TMPDIR/in"
	bad 1 'expected acquire, tryacquire, request or release after the thread name, found end of line'
	printf 'a acquire\n' >"$BATS_TEST_TMPDIR/in"
	bad 1 'expected a resource name after acquire'
	printf 'a acquire A x\n' >"$BATS_TEST_TMPDIR/in"
	bad 1 'expected a number of instances (1 or more) or @SITE, found "x"'
	printf 'a acquire A @s extra\n' >"$BATS_TEST_TMPDIR/in"
	bad 1 'expected end of line, found "extra"'
	printf 'resource R 0\n' >"$BATS_TEST_TMPDIR/in"
	bad 1 'expected a number of instances of at least 1, found 0'
	printf 'a acquire R\nresource R 2\n' >"$BATS_TEST_TMPDIR/in"
	bad 2 'expected resource R declared once, before its first use'
	printf 'a tryacquire R 2\n' >"$BATS_TEST_TMPDIR/in"
	bad 1 'expected at most 1 instance of R in use, found tryacquire of 2 while 0 are held'
	printf 'a acquire R 1 x\n' >"$BATS_TEST_TMPDIR/in"
	bad 1 'expected @SITE or end of line, found "x"'
	printf 'a request A\na request A\n' >"$BATS_TEST_TMPDIR/in"
	bad 2 'expected a to acquire A (it is blocked since line 1), found request A'
	printf 'a request A\n\na tryacquire A\n' >"$BATS_TEST_TMPDIR/in"
	bad 3 'expected a to acquire A (it is blocked since line 1), found tryacquire A'
	printf 'resource A 2\na request A 3\n' >"$BATS_TEST_TMPDIR/in"
	bad 2 'expected at most 2 instances of A in use, found request of 3 while 0 are held'
	printf 'a acquire A @\n' >"$BATS_TEST_TMPDIR/in"
	bad 1 'expected a site after @, found "@"'
	printf 'resource\n' >"$BATS_TEST_TMPDIR/in"
	bad 1 'expected a resource name, found end of line'
	printf 'resource A x\n' >"$BATS_TEST_TMPDIR/in"
	bad 1 'expected a number of instances, found "x"'
	printf 'a acquire A 0\n' >"$BATS_TEST_TMPDIR/in"
	bad 1 'expected a number of instances (1 or more) or @SITE, found "0"'
	printf 'a release\n' >"$BATS_TEST_TMPDIR/in"
	bad 1 'expected a resource name after release'
}

@test "matrix input errors name their line" {
	printf 'available 0\nprocess P alloc 1 max 1\n' >"$BATS_TEST_TMPDIR/in"
	run deadlock-check -m matrix "$BATS_TEST_TMPDIR/in"
	assert_data_error "in:2: expected alloc or request, found \"max\""
	printf 'available 1\nprocess P alloc 0 request 1\nrequest P 1\n' >"$BATS_TEST_TMPDIR/in"
	run deadlock-check -m matrix "$BATS_TEST_TMPDIR/in"
	assert_data_error "in:3: expected a process line (request lines are not used with -m matrix), found request"
	printf 'available 1 1\nprocess P alloc 0 request 1\n' >"$BATS_TEST_TMPDIR/in"
	run deadlock-check -m matrix "$BATS_TEST_TMPDIR/in"
	assert_data_error "in:2: expected 2 numbers for alloc (one per resource), found 1"
	printf 'total 1\nprocess P alloc 2 request 0\n' >"$BATS_TEST_TMPDIR/in"
	run deadlock-check -m matrix "$BATS_TEST_TMPDIR/in"
	assert_data_error "in:1: expected total >= the sum of the allocations, found total 1 < 2 allocated of R0"
	printf 'available 1\nprocess P request 0\n' >"$BATS_TEST_TMPDIR/in"
	run deadlock-check -m matrix "$BATS_TEST_TMPDIR/in"
	assert_data_error "in:2: expected alloc followed by one number per resource, found end of line"
}

@test "missing file 66, bad options 64, write error 74" {
	run deadlock-check /nonexistent/trace
	assert_failure 66
	assert_usage_error deadlock-check -m sideways
	assert_usage_error deadlock-check -f yaml
	assert_usage_error deadlock-check -f dot -t graph
	assert_usage_error deadlock-check --run
	assert_usage_error deadlock-check --run -m state -- true
	run bash -c 'deadlock-check -t graph "$1" >/dev/full' _ "$F/state-two.txt"
	assert_failure 74
	run bash -c 'deadlock-check -f dot "$1" >/dev/full' _ "$F/state-two.txt"
	assert_failure 74
}

# --run: the recorder is preloaded into real programs.
runprog() {	# runprog NAME: deadlock-check --run on test program NAME
	run deadlock-check --run -f csv --no-header -- "$P/test-deadlock-prog-$1"
}

@test "--run: a two-lock inversion is found; the program's output passes" {
	runprog two
	assert_failure 1
	assert_line --index 0 'two: done'
	assert_line --index 1 --regexp '^potential,t1 t2,m1 m2,m1 -> m2 -> m1,m1->m2 t1 1 2 @[^ ]+ @[^ ]+; m2->m1 t2 5 6 '
}

@test "--run: a three-lock ring is found" {
	runprog ring
	assert_failure 1
	assert_line --index 1 --partial 'potential,t1 t2 t3,m1 m2 m3,m1 -> m2 -> m3 -> m1,'
}

@test "--run: a gate-locked inversion is guarded, not a finding" {
	runprog gated
	assert_success
	assert_line --index 1 --regexp '^guarded,t[12] t[12],m2 m3,m2 -> m3 -> m2 \(guarded by m1\),'
}

@test "--run: trylock back-off, a recursive mutex and a consistent order: nothing" {
	runprog trylock
	assert_success
	assert_output 'trylock: done'
	runprog recursive
	assert_success
	assert_output 'recursive: done'
	runprog ordered
	assert_success
	assert_output 'ordered: done'
}

@test "--run: an error-checking mutex locked twice is a self-deadlock" {
	runprog self
	assert_failure 1
	assert_output $'self: second lock EDEADLK\nself,t1,m1,m1 -> m1,1 2'
}

@test "--run: without a finding the program's exit status passes through" {
	run deadlock-check --run -f csv --no-header -- sh -c 'echo out; echo err >&2; exit 5'
	assert_failure 5
	assert_output $'out\nerr'
	run -127 deadlock-check --run -- /nonexistent/program
	assert_output --partial 'cannot run /nonexistent/program'
}

@test "--run --timeout kills a program that runs too long" {
	run deadlock-check --run --timeout=1 -f csv --no-header -- sleep 20
	assert_failure 137
	assert_output --partial 'sleep timed out after 1 s'
}

@test "OSC_LOCKREC=FILE records without analysing" {
	lib=$(ls "$top_builddir"/.libs/liblockrec.so)
	OSC_LOCKREC=$BATS_TEST_TMPDIR/rec ASAN_OPTIONS=verify_asan_link_order=0 \
		LD_PRELOAD=$lib run "$P/test-deadlock-prog-two"
	assert_failure 3
	assert_output 'two: done'
	run sed 's/ @.*//' "$BATS_TEST_TMPDIR/rec"
	assert_output 't1 acquire m1
t1 acquire m2
t1 release m2
t1 release m1
t2 acquire m2
t2 acquire m1
t2 release m1
t2 release m2'
	run deadlock-check -m order -f csv --no-header -t summary "$BATS_TEST_TMPDIR/rec"
	assert_output 'order,8,2,2,0,1,0'
}

# Properties over generated traces (trace-gen locks).
@test "trace-gen locks: consistent order gives no finding, in either mode" {
	for seed in 1 2 3; do
		trace-gen locks --seed=$seed --threads=5 --locks=6 --events=2000 >"$BATS_TEST_TMPDIR/t"
		run deadlock-check -m order -f csv --no-header -t summary "$BATS_TEST_TMPDIR/t"
		assert_success
		assert_output --regexp '^order,[0-9]+,5,6,0,0,0$'
		run deadlock-check -f csv --no-header "$BATS_TEST_TMPDIR/t"
		assert_success
	done
}

@test "trace-gen locks: N inversions give at least N order cycles, no deadlock" {
	for seed in 1 2 3; do
		run deadlock-check -m order -f csv --no-header -t summary \
			< <(trace-gen locks --seed=$seed --inversions=3)
		assert_failure 1
		IFS=, read -r _ _ _ _ dead pot _ <<<"$output"
		assert_equal "$dead" 0
		[ "$pot" -ge 3 ]
		trace-gen locks --seed=$seed --inversions=3 | deadlock-check -f csv
	done
}

@test "trace-gen locks --deadlock ends in a real two-thread deadlock" {
	for seed in 1 2 3; do
		run deadlock-check -f csv --no-header -t summary < <(trace-gen locks --seed=$seed --deadlock)
		assert_failure 1
		assert_output --regexp '^state,[0-9]+,4,8,2,0,0$'
	done
}

@test "the EXAMPLES of deadlock-check(1) print what the page shows" {
	printf 'T1 acquire A\nT2 acquire B\nT1 request B\nT2 request A\n' >"$BATS_TEST_TMPDIR/dl.txt"
	run deadlock-check -f csv "$BATS_TEST_TMPDIR/dl.txt"
	assert_failure 1
	assert_output $'kind,threads,resources,cycle,lines\ndeadlock,T1 T2,B A,T1 -> B (held by T2) -> T2 -> A (held by T1),3 4'
	run deadlock-check -m order -f csv -t summary < <(trace-gen locks --threads=4 --locks=6 --inversions=1)
	assert_output $'mode,events,threads,resources,deadlocked,potential,guarded\norder,1013,4,6,0,2,0'
	run deadlock-check -f csv --no-header < <(trace-gen locks --deadlock)
	assert_output 'deadlock,T1 T4,L5 L3,T1 -> L5 (held by T4) -> T4 -> L3 (held by T1),1018 1019'
	printf 'T1 acquire A\nT2 acquire B\nT1 request B\nT2 request A\n' >"$BATS_TEST_TMPDIR/dl.txt"
	run deadlock-check -m order -f csv -t findings "$BATS_TEST_TMPDIR/dl.txt"
	assert_output $'kind,threads,resources,cycle,lines\npotential,T1 T2,A B,A -> B -> A,A->B T1 1 3; B->A T2 2 4'
	run deadlock-check --run -f csv -t summary -- "$top_builddir/tests/unit/test-deadlock-prog-two"
	assert_output $'two: done\nmode,events,threads,resources,deadlocked,potential,guarded\norder,8,2,2,0,1,0'
}

@test "--run: read-write locks: readers share, a writer/reader inversion is found" {
	runprog rwlock
	assert_failure 1
	assert_line --index 0 'rwlock: done'
	assert_line --index 1 --regexp '^potential,t3 t4,m1 m2,m1 -> m2 -> m1,m1->m2 t3 6 7 @[^ ]+ @[^ ]+; m2->m1 t4 10 11 '
}
