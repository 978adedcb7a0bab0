#!/usr/bin/env bats
# sync-demo.bats: every scenario's correctness columns (never its timings),
# the forced deadlock found by the watchdog, bounded runs and error paths.
# Counts are tiny: spin locks are slow under ASan on two cores.

load test_helper
bats_require_minimum_version 1.5.0

# field CSV NAME ROW: the cell of column NAME in data row ROW (1-based).
field() {
	printf '%s\n' "$1" | awk -F, -v name="$2" -v row="$3" '
		NR == 1 { for (i = 1; i <= NF; i++) if ($i == name) c = i; next }
		NR == row + 1 { print $c }'
}

# every_row CSV EXPR: awk EXPR (columns by name through v["name"]) holds
# in every data row; prints the failing rows.
every_row() {
	printf '%s\n' "$1" | awk -F, "
		NR == 1 { for (i = 1; i <= NF; i++) h[i] = \$i; next }
		{ for (i = 1; i <= NF; i++) v[h[i]] = \$i
		  if (!($2)) { print \"failing row: \" \$0; bad = 1 } }
		END { exit bad }"
}

@test "--version, and --help lists the scenarios and their options" {
	run sync-demo --version
	assert_output --regexp '^sync-demo \(osconcepts\) [0-9.]+$'
	run sync-demo --help
	assert_success
	for word in race pc rw philo --threads --iterations --lock --spins \
		--producers --consumers --buffer --items --sync --policy \
		--readers --writers --ops --duration --philosophers --meals \
		--strategy --force-deadlock --stall --timeout --explain; do
		assert_output --partial -- "$word"
	done
}

@test "column names are the contract" {
	run sync-demo race -f csv --lock=atomic --threads=1 --iterations=10
	assert_line --index 0 'lock,threads,iterations,expected,final,lost,seconds,ns_per_op,verified'
	run sync-demo pc -f csv --sync=sem --items=10
	assert_line --index 0 'sync,producers,consumers,buffer,items,seconds,items_per_s,max_fill,verified'
	run sync-demo rw -f csv --policy=fair --ops=5
	assert_line --index 0 'policy,readers,writers,reads,writes,max_read_wait_us,max_write_wait_us,torn,verified'
	run sync-demo philo -f csv --strategy=ordered --meals=5
	assert_line --index 0 'strategy,philosophers,meals,seconds,deadlock,min_meals,max_meals,verified'
	run sync-demo philo -f csv -t cycle --strategy=ordered --meals=5
	assert_output 'strategy,philosopher,holds,waits_for,held_by'
}

@test "race: every locked variant loses nothing (final = threads x iterations)" {
	run sync-demo race -f csv --lock=mutex,spin,ttas,atomic,twophase \
		--threads=3 --iterations=3000
	assert_success
	[ "$(printf '%s\n' "$output" | wc -l)" -eq 6 ]
	every_row "$output" 'v["expected"] == 9000 && v["final"] == 9000 &&
		v["lost"] == 0 && v["verified"] == "true"'
}

@test "race: twophase with no spinning goes through the futex and loses nothing" {
	run sync-demo race -f csv --lock=twophase --spins=0 --threads=4 --iterations=2000
	assert_success
	every_row "$output" 'v["final"] == 8000 && v["verified"] == "true"'
}

@test "race: none with one thread cannot lose an update" {
	run sync-demo race -f csv --lock=none --threads=1 --iterations=50K
	assert_success
	assert_equal "$(field "$output" final 1)" 50000
	assert_equal "$(field "$output" lost 1)" 0
}

@test "race: none with several threads is a demonstration, exit 0 whatever it loses" {
	run sync-demo race -f csv --lock=none --threads=2 --iterations=20K
	assert_success
	every_row "$output" 'v["final"] + v["lost"] == v["expected"] &&
		v["final"] <= 40000 && v["verified"] == "true"'
}

@test "pc: every item consumed exactly once, both schemes" {
	run sync-demo pc -f csv --sync=both --producers=3 --consumers=2 \
		--buffer=4 --items=5000
	assert_success
	every_row "$output" 'v["items"] == 5000 && v["verified"] == "true" &&
		v["max_fill"] >= 1 && v["max_fill"] <= 4'
	assert_equal "$(field "$output" sync 1)" sem
	assert_equal "$(field "$output" sync 2)" cond
}

@test "pc: a one-slot buffer never holds more than one item" {
	run sync-demo pc -f csv --buffer=1 --items=2000 --consumers=3
	assert_success
	every_row "$output" 'v["max_fill"] == 1 && v["verified"] == "true"'
}

@test "rw: no torn read under any policy; every operation done" {
	run sync-demo rw -f csv --readers=3 --writers=2 --ops=300
	assert_success
	assert_equal "$(printf '%s\n' "$output" | sed 1d | cut -d, -f1 | tr '\n' ' ')" 'reader writer fair '
	every_row "$output" 'v["torn"] == 0 && v["reads"] == 900 &&
		v["writes"] == 600 && v["verified"] == "true"'
}

@test "rw: a class without threads has empty wait cells" {
	run sync-demo rw -f csv --readers=0 --writers=2 --ops=10 --policy=writer
	assert_success
	assert_line --index 1 --regexp '^writer,0,2,0,20,,[0-9.]+,0,true$'
}

@test "rw: --duration runs for a time instead of a count" {
	run sync-demo rw -f csv --policy=fair --readers=2 --writers=1 --duration=0.1
	assert_success
	every_row "$output" 'v["torn"] == 0 && v["verified"] == "true" &&
		v["reads"] + v["writes"] > 0'
}

@test "philo: the safe strategies feed every philosopher every meal" {
	run sync-demo philo -f csv --strategy=waiter,ordered,trylock \
		--philosophers=5 --meals=40
	assert_success
	every_row "$output" 'v["deadlock"] == "false" && v["min_meals"] == 40 &&
		v["max_meals"] == 40 && v["verified"] == "true"'
}

@test "philo: two philosophers (the smallest table) with ordered and trylock" {
	run sync-demo philo -f csv --strategy=ordered,trylock --philosophers=2 --meals=30
	assert_success
	every_row "$output" 'v["verified"] == "true"'
}

@test "philo: --force-deadlock deadlocks naive; the watchdog reports it and exits 1" {
	run --separate-stderr timeout 60 sync-demo philo -f csv --strategy=naive \
		--force-deadlock --philosophers=3 --meals=10 --stall=100
	assert_failure 1
	assert_line --index 1 --regexp '^naive,3,10,[0-9.]+,true,0,0,false$'
	assert_equal "$stderr" 'sync-demo: philo naive: deadlock: no meal for 100 ms; wait-for cycle P0 -> P1 -> P2 -> P0'
}

@test "philo: the cycle table: each holds its left fork and waits for its right" {
	run --separate-stderr timeout 60 sync-demo philo -f csv -t cycle --strategy=naive \
		--force-deadlock --philosophers=4 --meals=3 --stall=100
	assert_failure 1
	[ "$(printf '%s\n' "$output" | grep -c '^naive,')" -eq 4 ]
	assert_line 'naive,0,0,1,1'
	assert_line 'naive,1,1,2,2'
	assert_line 'naive,2,2,3,3'
	assert_line 'naive,3,3,0,0'
}

@test "philo: --force-deadlock with all: only naive deadlocks" {
	run timeout 60 sync-demo philo -f json -t philo --force-deadlock \
		--meals=20 --stall=100
	assert_failure 1
	run --separate-stderr timeout 60 sync-demo philo -f csv --force-deadlock \
		--meals=20 --stall=100
	assert_failure 1
	assert_equal "$(field "$output" deadlock 1)" true
	assert_equal "$(printf '%s\n' "$output" | sed 1,2d | cut -d, -f1,5,8 | tr '\n' ' ')" \
		'waiter,false,true ordered,false,true trylock,false,true '
}

@test "--timeout bounds a run: verified=false, a message, exit 1, no hang" {
	run --separate-stderr timeout 60 sync-demo rw -f csv --policy=fair --ops=1T --timeout=0.2
	assert_failure 1
	assert_equal "$stderr" 'sync-demo: rw fair: timed out after 0.2 s'
	assert_line --index 1 --regexp '^fair,4,2,[0-9]+,[0-9]+,[0-9.]+,[0-9.]+,0,false$'
	run timeout 60 sync-demo race -f csv --lock=mutex --threads=2 --iterations=1T --timeout=0.2
	assert_failure 1
	assert_output --partial 'sync-demo: race mutex: timed out after 0.2 s'
	run --separate-stderr timeout 60 sync-demo pc -f csv --sync=cond --items=10M --timeout=0.2
	assert_failure 1
	assert_equal "$stderr" 'sync-demo: pc cond: timed out after 0.2 s'
	assert_line --index 1 --regexp '^cond,2,2,16,10000000,.*,false$'
	# items_per_s counts the items consumed before the deadline, not
	# the 10M asked for: items_per_s x seconds < items (by more than
	# the rounding of the two printed cells, under 100 items)
	every_row "$output" 'v["items_per_s"] * v["seconds"] < v["items"] - 1000'
	run --separate-stderr timeout 60 sync-demo philo -f csv --strategy=ordered --meals=1T --timeout=0.2
	assert_failure 1
	assert_equal "$stderr" 'sync-demo: philo ordered: timed out after 0.2 s'
	assert_line --index 1 --regexp '^ordered,5,1000000000000,[0-9.]+,false,[0-9]+,[0-9]+,false$'
}

@test "--explain prints each chosen scheme and runs nothing" {
	run sync-demo race --explain
	assert_success
	for lock in none mutex spin ttas atomic twophase; do
		assert_output --partial "race $lock:"
	done
	assert_output --partial 'FUTEX_WAIT'
	run sync-demo pc --explain --sync=sem
	assert_output --partial 'P(empty); P(mutex)'
	refute_output --partial 'pc cond'
	run sync-demo pc --explain --sync=cond
	assert_output --partial 'while (count == N) wait(not_full, m)'
	run sync-demo rw --explain --policy=fair
	assert_output --partial 'P(turnstile); V(turnstile)'
	run sync-demo philo --explain
	for s in naive waiter ordered trylock; do
		assert_output --partial "philo $s:"
	done
}

@test "bad options and values: status 64 with what was expected" {
	assert_usage_error sync-demo
	assert_output --partial 'missing scenario'
	assert_usage_error sync-demo dance
	assert_output --partial 'unknown scenario "dance"'
	assert_usage_error sync-demo race pc
	assert_usage_error sync-demo race --lock=bogus
	assert_output --partial 'expected one of none, mutex, spin, ttas, atomic, twophase, all, found "bogus"'
	assert_usage_error sync-demo race --items=3
	assert_output --partial '--items does not apply to the race scenario'
	assert_usage_error sync-demo race --threads=0
	assert_usage_error sync-demo race --threads=5000
	assert_usage_error sync-demo race --iterations=x
	assert_usage_error sync-demo pc --buffer=0
	assert_usage_error sync-demo pc --items=1G
	assert_usage_error sync-demo pc --sync=spin
	assert_usage_error sync-demo rw --readers=0 --writers=0
	assert_usage_error sync-demo rw --duration=-1
	assert_usage_error sync-demo rw --duration=1 --ops=5
	assert_output --partial '--ops and --duration exclude each other'
	assert_usage_error sync-demo philo --philosophers=1
	assert_usage_error sync-demo philo --stall=0
	assert_usage_error sync-demo philo --timeout=0
	assert_usage_error sync-demo philo --timeout=soon
	assert_usage_error sync-demo philo -t nosuch
	assert_usage_error sync-demo philo -f csv -t all
}

@test "output: -o FILE, json, /dev/full is status 74" {
	run sync-demo race --lock=atomic --threads=1 --iterations=10 -f csv -o "$BATS_TEST_TMPDIR/r.csv"
	assert_success
	run cat "$BATS_TEST_TMPDIR/r.csv"
	assert_line --index 1 --regexp '^atomic,1,10,10,10,0,'
	run sync-demo race --lock=atomic --threads=1 --iterations=10 -f json
	assert_success
	assert_output --partial '"tool":"sync-demo"'
	assert_output --partial '"verified":true'
	run bash -c 'sync-demo race --lock=atomic --threads=1 --iterations=10 >/dev/full'
	assert_failure 74
	run bash -c 'sync-demo race --explain >/dev/full'
	assert_failure 74
	run sync-demo race --lock=atomic --explain -o "$BATS_TEST_TMPDIR/e.txt"
	assert_success
	run cat "$BATS_TEST_TMPDIR/e.txt"
	assert_line --index 0 'race atomic: each thread, N times:'
	run sync-demo race --lock=atomic --explain -o "$BATS_TEST_TMPDIR/no/such/dir"
	assert_failure 73
}
