#!/usr/bin/env bats
# alloc-sim.bats: golden cases worked by hand, properties on generated traces, errors.

load test_helper

F=$(fixtures alloc-sim)

# Expected CSV for a fixture (comments are in the .alloc files).
golden() {	# golden EXPECTED-FILE ALLOC-SIM-ARGS...
	local want=$1
	shift
	run alloc-sim -f csv "$@"
	assert_success
	assert_output "$(cat "$F/$want")"
}

@test "--version, --help, --usage" {
	run alloc-sim --version
	assert_output --regexp '^alloc-sim \(osconcepts\) [0-9.]+$'
	run alloc-sim --help
	assert_success
	for opt in --policy --order --coalesce --heap --base --grow --header \
		--align --min-block --format --table; do
		assert_output --partial -- "$opt"
	done
}

@test "textbook heap, first fit: addresses, searches, free lists" {
	golden textbook-first.csv --heap=100 --base=1000 -p first -t ops "$F/textbook.alloc"
}

@test "textbook heap, best fit" {
	golden textbook-best.csv --heap=100 --base=1000 -p best -t ops "$F/textbook.alloc"
}

@test "textbook heap, worst fit (one allocation fails)" {
	golden textbook-worst.csv --heap=100 --base=1000 -p worst -t ops "$F/textbook.alloc"
}

@test "textbook heap, next fit (wraps around)" {
	golden textbook-next.csv --heap=100 --base=1000 -p next -t ops "$F/textbook.alloc"
}

@test "textbook heap: the summary of four policies" {
	golden textbook-summary.csv --heap=100 --base=1000 -p first,best,worst,next "$F/textbook.alloc"
}

@test "free list orders: addr, lifo, fifo, size-asc, size-desc" {
	for o in addr lifo fifo size-asc size-desc; do
		golden "orders-$o.csv" --heap=100 --order=$o -t ops "$F/orders.alloc"
	done
}

@test "best, worst and next fit in every free list order" {
	for p in best worst next; do
		for o in addr lifo fifo size-asc size-desc; do
			run alloc-sim -p $p --heap=100 --order=$o -t ops -f csv "$F/orders.alloc"
			assert_success
			# Rows 1-6 are the same for every policy (see orders.alloc).
			assert_output "$(sed -n 1,7p "$F/orders-$o.csv"
				grep "^$p,$o," "$F/orders-policies.csv" | cut -d, -f3-)"
		done
	done
}

@test "next fit: a search starts at the block merged with where the last stopped" {
	golden rover-next.csv -p next --heap=100 -t ops "$F/rover.alloc"
}

@test "--coalesce=none keeps neighbours apart" {
	golden orders-none.csv --heap=100 --coalesce=none -t ops "$F/orders.alloc"
}

@test "buddy: splitting and merging by hand" {
	golden buddy-ops.csv -p buddy --heap=150 --min-block=16 -t ops "$F/buddy.alloc"
	golden buddy-summary.csv -p buddy --heap=150 --min-block=16 "$F/buddy.alloc"
}

@test "segregated: size classes by hand" {
	golden segregated-ops.csv -p segregated --heap=256 -t ops "$F/segregated.alloc"
	golden segregated-summary.csv -p segregated --heap=256 "$F/segregated.alloc"
}

@test "--header and --align: rounding, then the header" {
	golden header-ops.csv --heap=64 --base=0x100 --header=8 --align=8 -t ops "$F/header.alloc"
	golden header-summary.csv --heap=64 --base=0x100 --header=8 --align=8 "$F/header.alloc"
}

@test "--grow: the sbrk model" {
	golden grow-ops.csv --heap=32 --grow=16 -t ops "$F/grow.alloc"
	golden grow-summary.csv --heap=32 --grow=16 "$F/grow.alloc"
	golden grow-none.csv --heap=32 --grow=16 --coalesce=none -t ops "$F/grow.alloc"
}

@test "realloc in place and by moving" {
	golden realloc-ops.csv --heap=100 -t ops "$F/realloc.alloc"
	golden realloc-summary.csv --heap=100 "$F/realloc.alloc"
}

@test "freelist table and a malloc-lab header" {
	printf '20000\n3\n5\n1\n' > "$BATS_TEST_TMPDIR/t.rep"
	sed -n '/^[afr]/p' "$F/textbook.alloc" >> "$BATS_TEST_TMPDIR/t.rep"
	run alloc-sim --heap=100 --base=1000 -t freelist -f csv "$BATS_TEST_TMPDIR/t.rep"
	assert_success
	assert_output "$(printf 'addr,size\n1023,7\n1040,60')"
	# Several files are one stream (the ids live across files).
	sed -n 5,10p "$BATS_TEST_TMPDIR/t.rep" > "$BATS_TEST_TMPDIR/1"
	sed -n '11,$p' "$BATS_TEST_TMPDIR/t.rep" > "$BATS_TEST_TMPDIR/2"
	run alloc-sim --heap=100 --base=1000 -t freelist -f csv --no-header \
		"$BATS_TEST_TMPDIR/1" - < "$BATS_TEST_TMPDIR/2"
	assert_success
	assert_output "$(printf '1023,7\n1040,60')"
}

@test "json has every table and the parameters" {
	run alloc-sim --heap=100 -t all -f json "$F/grow.alloc"
	assert_success
	assert_output --partial '"tool":"alloc-sim"'
	assert_output --partial '"summary":['
	assert_output --partial '"ops":['
	assert_output --partial '"freelist":['
	assert_output --partial '"heap":100'
}

# check-ops.awk: no overlap, no touching free blocks when coalescing, free +
# live <= heap, best and worst search the whole list.
@test "properties on generated traces, every policy and order" {
	trace-gen allocs --ops=400 --max-live=20 --size=uniform:1-200 \
		--realloc-ratio=0.2 -s 5 > "$BATS_TEST_TMPDIR/t"
	for p in first next best worst segregated buddy; do
		for o in addr lifo size-asc; do
			for c in immediate none; do
				# Buddy always merges buddies, but two free
				# blocks that are not buddies may touch.
				co=$c
				[ $p = buddy ] && co=none
				run bash -c "set -o pipefail; alloc-sim -p $p --order=$o --coalesce=$c --heap=4K -t ops -f csv '$BATS_TEST_TMPDIR/t' | awk -F, -v pol=$p -v heap=4096 -v co=$co -f '$F/check-ops.awk'"
				[ "$status" -eq 0 ] || { echo "$p $o $c: $output"; false; }
			done
		done
	done
}

@test "utilization <= 1; every block freed leaves one free block" {
	trace-gen allocs --ops=2000 --max-live=50 --size=exp:100 -s 9 > "$BATS_TEST_TMPDIR/t"
	run alloc-sim -p first,next,best,worst,segregated,buddy --heap=64K -f csv --no-header "$BATS_TEST_TMPDIR/t"
	assert_success
	run awk -F, '$9 > 1 || $9 < 0 { print; bad = 1 } END { exit bad }' <<< "$output"
	assert_success
	for p in first next best worst segregated buddy; do
		run alloc-sim -p $p --heap=64K -t freelist -f csv --no-header "$BATS_TEST_TMPDIR/t"
		assert_output "0,65536"
	done
}

@test "policies on one trace: same counts, deterministic output" {
	trace-gen allocs --ops=3000 --size=pow2:16-1K -s 2 > "$BATS_TEST_TMPDIR/t"
	a=$(alloc-sim -p first,best,buddy --heap=16K -t summary -f csv "$BATS_TEST_TMPDIR/t")
	b=$(alloc-sim -p first,best,buddy --heap=16K -t summary -f csv < "$BATS_TEST_TMPDIR/t")
	[ "$a" = "$b" ]
	run awk -F, 'NR > 1 && $2 != 3000 { exit 1 }' <<< "$a"
	assert_success
}

@test "input errors: status 65 with the file and line" {
	printf 'a 0 10\na 0 20\n' > "$BATS_TEST_TMPDIR/t"
	run alloc-sim "$BATS_TEST_TMPDIR/t"
	assert_data_error "alloc-sim: $BATS_TEST_TMPDIR/t:2: expected an id that is not live, found 0 (allocated on line 1 and not freed)"
	run alloc-sim <<< $'a 1 10\nf 1\nf 1'
	assert_data_error "alloc-sim: <stdin>:3: expected a live id to free, found 1"
	run alloc-sim <<< $'a 1 10\nf 1\nr 1 5'
	assert_data_error "alloc-sim: <stdin>:3: expected a live id to resize, found 1"
	run alloc-sim <<< $'# c\nx 1 10'
	assert_data_error 'alloc-sim: <stdin>:2: expected an operation (a, f or r), found "x"'
	run alloc-sim <<< $'a 1 0'
	assert_data_error 'alloc-sim: <stdin>:1: expected a size from 1 to 2^48, found "0"'
	run alloc-sim <<< $'a 1'
	assert_data_error 'alloc-sim: <stdin>:1: expected a size, found end of line'
	run alloc-sim <<< $'a z 1'
	assert_data_error 'alloc-sim: <stdin>:1: expected a block id, found "z"'
	run alloc-sim <<< $'f 1 2'
	assert_data_error 'alloc-sim: <stdin>:1: expected end of line, found "2"'
	run alloc-sim <<< $'1\n2\n3\n4\n5'
	assert_data_error 'alloc-sim: <stdin>:5: expected an operation (a, f or r), found "5"'
}

@test "missing file: 66; write error: 74" {
	run alloc-sim "$BATS_TEST_TMPDIR/nosuch"
	assert_failure 66
	assert_output --partial "alloc-sim: $BATS_TEST_TMPDIR/nosuch: "
	run bash -c "alloc-sim -t ops '$F/textbook.alloc' > /dev/full"
	assert_failure 74
}

@test "usage errors: status 64" {
	assert_usage_error alloc-sim -p nosuch
	assert_usage_error alloc-sim --order=random
	assert_usage_error alloc-sim --coalesce=later
	assert_usage_error alloc-sim --heap=0
	assert_usage_error alloc-sim --heap=1x
	assert_usage_error alloc-sim --align=0
	assert_usage_error alloc-sim -p buddy --min-block=24
	assert_usage_error alloc-sim -p buddy --heap=8
	assert_usage_error alloc-sim -p first,best -t ops
	assert_usage_error alloc-sim -t nosuch
	assert_usage_error alloc-sim -t ops,summary -f csv
}

# Run every `$ command` of the page's EXAMPLES that shows its output and
# compare (a continued command ends its lines with | or \).
check_man_examples() {	# check_man_examples PAGE
	awk -v dir="$BATS_TEST_TMPDIR" '
	/^\.Sh EXAMPLES/ { on = 1 }
	/^\.Sh SEE ALSO/ { on = 0 }
	on && /^\.Bd -literal/ { inb = 1; n++; cmd = ""; incmd = 0; next }
	on && /^\.Ed/ { inb = 0; next }
	inb {
		gsub(/\\e/, "\\")
		if ($0 ~ /^\$ /) { incmd = 1; sub(/^\$ /, "") }
		if (incmd) {
			print > (dir "/cmd" n)
			if ($0 !~ /[|\\]$/) incmd = 0
		} else {
			print > (dir "/out" n)
		}
	}' "$1"
	local c
	for c in "$BATS_TEST_TMPDIR"/cmd*; do
		local o=${c/cmd/out}
		[ -f "$o" ] || continue
		run bash "$c"
		assert_success
		assert_output "$(cat "$o")"
	done
}

@test "the man page's examples print what the page shows" {
	check_man_examples "$top_srcdir/man/alloc-sim.1"
}
