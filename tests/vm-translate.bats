#!/usr/bin/env bats
# tests/vm-translate.bats: hand-worked translations for every mode, the TLB, errors.

load test_helper

setup() {
	F=$(fixtures vm-translate)
}

@test "segment: the spec's grows=down example, VA 753 -> PA 13915" {
	printf 'segment 1 base=14186 limit=498 grows=down\n' > "$BATS_TEST_TMPDIR/m"
	run vm-translate -m segment --as-size=1K --map="$BATS_TEST_TMPDIR/m" -f csv --no-header <<< "753"
	assert_success
	assert_output "1,0,R,753,,,ok,,13915,,0"
}

@test "segment: bounds, growth direction and protection (hand-worked in seg.vaddr)" {
	run vm-translate -m segment --as-size=1K --pm-size=16K --map="$F/seg.map" -f csv "$F/seg.vaddr"
	assert_success
	assert_output "$(cat "$F/seg.csv")"
}

@test "base-bounds: per-process and default base and bounds (hand-worked in bb.vaddr)" {
	run vm-translate -m base-bounds --base=4096 --bounds=2048 --map="$F/bb.map" -f csv "$F/bb.vaddr"
	assert_success
	assert_output "$(cat "$F/bb.csv")"
	run vm-translate -m base-bounds -f csv --no-header <<< "5"
	assert_output "1,0,R,5,,,invalid,,,,0"
}

@test "base-bounds: a PA past 2^64-1 is a bounds fault, not a wrapped address" {
	# base 2^64-4: VA 3 -> PA 2^64-1, VA 4 would be 2^64 (bounds 100 allow it).
	run vm-translate -m base-bounds --base=18446744073709551612 --bounds=100 \
		-f csv --no-header <<< $'3\n4'
	assert_success
	assert_output "1,0,R,3,,,ok,,18446744073709551615,,0
2,0,R,4,,,bounds,,,,0"
}

@test "linear page table (hand-worked in pages.vaddr)" {
	run vm-translate -m linear --as-size=16K --page-size=1K --map="$F/pages.map" -f csv "$F/pages.vaddr"
	assert_success
	assert_output "$(cat "$F/linear.csv")"
}

@test "two-level page table: walks of 2 references, 1 at an empty directory entry" {
	run vm-translate -m multilevel --as-size=16K --page-size=1K --map="$F/pages.map" -f csv "$F/pages.vaddr"
	assert_success
	assert_output "$(cat "$F/multilevel.csv")"
}

@test "three-level page table with 8-byte entries (hand-worked in three.vaddr)" {
	o=(-m multilevel --as-size=64K --page-size=256 --levels=3 --pte-size=8 --map="$F/three.map")
	run vm-translate "${o[@]}" -f csv "$F/three.vaddr"
	assert_success
	assert_output "$(cat "$F/three.csv")"
	run vm-translate "${o[@]}" -t summary -f csv --no-header "$F/three.vaddr"
	assert_output "multilevel,5,2,3,0,0,0,0,,12,2048,288"
}

@test "summary: counts and page-table bytes, linear 64 vs multilevel 48" {
	a=$(vm-translate -m linear --as-size=16K --page-size=1K --map="$F/pages.map" -t summary -f csv "$F/pages.vaddr")
	b=$(vm-translate -m multilevel --as-size=16K --page-size=1K --map="$F/pages.map" -t summary -f csv --no-header "$F/pages.vaddr")
	[ "$a
$b" = "$(cat "$F/pages-summary.csv")" ]
}

@test "TLB: a context switch flushes it, or entries are tagged with ASIDs" {
	run vm-translate -m linear --page-size=1K --tlb=3 --map="$F/tlb.map" -f csv "$F/tlb.vaddr"
	assert_success
	assert_output "$(cat "$F/tlb-flush.csv")"
	run vm-translate -m linear --page-size=1K --tlb=3 --switch=asid --map="$F/tlb.map" -f csv "$F/tlb.vaddr"
	assert_output "$(cat "$F/tlb-asid.csv")"
	run vm-translate -m linear --page-size=1K --tlb=3 --switch=asid --map="$F/tlb.map" -t summary -f csv --no-header "$F/tlb.vaddr"
	assert_output "linear,7,7,0,0,0,4,3,0.571429,3,128,64"
}

@test "TLB replacement: fifo evicts the oldest entry, lru the least recent" {
	printf 'page 0 1\npage 1 2\npage 2 3\n' > "$BATS_TEST_TMPDIR/m"
	# Pages 0 1 0 2 0 with 2 entries: at page 2 lru evicts 1 (0 was just
	# used), fifo evicts 0 (loaded first), so the last access to 0 hits
	# under lru and misses under fifo.
	printf '0\n1024\n0\n2048\n0\n' > "$BATS_TEST_TMPDIR/v"
	run bash -c "vm-translate -m linear --page-size=1K --tlb=2 --map='$BATS_TEST_TMPDIR/m' -f csv --no-header '$BATS_TEST_TMPDIR/v' | cut -d, -f10 | tr '\n' ' '"
	assert_output "miss miss hit miss hit "
	run bash -c "vm-translate -m linear --page-size=1K --tlb=2 --tlb-policy=fifo --map='$BATS_TEST_TMPDIR/m' -f csv --no-header '$BATS_TEST_TMPDIR/v' | cut -d, -f10 | tr '\n' ' '"
	assert_output "miss miss hit miss miss "
}

@test "input: PID and OP are optional; json output" {
	run vm-translate -m base-bounds --base=100 --bounds=10 -f json <<< "3 W 4"
	assert_success
	assert_output --partial '"pid":3'
	assert_output --partial '"pa":104'
}

@test "bad input lines are status 65 with FILE:LINE" {
	printf '1\nQ 5 7\n' > "$BATS_TEST_TMPDIR/v"
	run vm-translate -m linear "$BATS_TEST_TMPDIR/v"
	assert_data_error "vm-translate: $BATS_TEST_TMPDIR/v:2: expected a process id, found \"Q\""
	printf '0 R 0xZZ\n' > "$BATS_TEST_TMPDIR/v"
	run vm-translate -m linear "$BATS_TEST_TMPDIR/v"
	assert_data_error 'v:1: expected a virtual address, found "0xZZ"'
	printf '0 Q 1\n' > "$BATS_TEST_TMPDIR/v"
	run vm-translate -m linear "$BATS_TEST_TMPDIR/v"
	assert_data_error 'v:1: expected R, W or X, found "Q"'
	printf '0 R 1 2\n' > "$BATS_TEST_TMPDIR/v"
	run vm-translate -m linear "$BATS_TEST_TMPDIR/v"
	assert_data_error 'v:1: expected end of line, found "2"'
}

@test "map file errors are status 65 with the map's FILE:LINE" {
	m=$BATS_TEST_TMPDIR/m
	printf '# pages\npage 0 999\n' > "$m"
	run vm-translate -m linear --map="$m" < /dev/null
	assert_data_error "vm-translate: $m:2: expected a frame number below 64"
	printf 'page 16 1\n' > "$m"
	run vm-translate -m linear --map="$m" < /dev/null
	assert_data_error "$m:1: expected a virtual page number below 16"
	printf 'page 1 1 prot=rwq\n' > "$m"
	run vm-translate -m linear --map="$m" < /dev/null
	assert_data_error "$m:1: expected a protection such as rw or r-x, found \"rwq\""
	printf 'page 1 1\npage 1 2\n' > "$m"
	run vm-translate -m linear --map="$m" < /dev/null
	assert_data_error "$m:2: page 1 is mapped twice"
	printf 'segment 0 base=10\n' > "$m"
	run vm-translate -m segment --map="$m" < /dev/null
	assert_data_error "$m:1: a segment needs base= and limit="
	printf 'segment 2 base=10 limit=5\n' > "$m"
	run vm-translate -m segment --map="$m" < /dev/null
	assert_data_error "$m:1: expected a segment index below 2"
	printf 'segment 0 base=10 limit=5 grows=sideways\n' > "$m"
	run vm-translate -m segment --map="$m" < /dev/null
	assert_data_error "$m:1: expected base=, limit=, grows=up|down or prot=, found \"grows=sideways\""
	printf 'segment 0 base=10 limit=5\nprocess 1\nsegment 0 base=10 limit=5\nprocess 0\nsegment 0 base=20 limit=5\n' > "$m"
	run vm-translate -m segment --map="$m" < /dev/null
	assert_data_error "$m:5: segment 0 is defined twice"
	printf 'page 1 1\n' > "$m"
	run vm-translate -m segment --map="$m" < /dev/null
	assert_data_error "$m:1: a page line does not apply to -m segment"
	printf 'frame 1\n' > "$m"
	run vm-translate -m linear --map="$m" < /dev/null
	assert_data_error "$m:1: expected process, base, bounds, segment or page, found \"frame\""
}

@test "a missing input or map file is status 66" {
	run vm-translate -m linear "$BATS_TEST_TMPDIR/none"
	assert_failure 66
	run vm-translate -m linear --map="$BATS_TEST_TMPDIR/none" < /dev/null
	assert_failure 66
	assert_output --partial "vm-translate: "
}

@test "bad options are status 64" {
	assert_usage_error vm-translate < /dev/null
	assert_usage_error vm-translate -m paging < /dev/null
	assert_usage_error vm-translate -m linear --as-size=1000 < /dev/null
	assert_usage_error vm-translate -m linear --page-size=32K < /dev/null
	assert_usage_error vm-translate -m multilevel --levels=9 < /dev/null
	assert_usage_error vm-translate -m multilevel --as-size=16K --page-size=4K --levels=3 < /dev/null
	assert_usage_error vm-translate -m linear --tlb=100000 < /dev/null
	assert_usage_error vm-translate -m linear --tlb-policy=clock < /dev/null
	assert_usage_error vm-translate -m linear --switch=none < /dev/null
	assert_usage_error vm-translate -m linear -t nope < /dev/null
	assert_usage_error vm-translate -m linear -t all -f csv < /dev/null
}

@test "a write error is status 74" {
	[ -w /dev/full ] || skip "no /dev/full"
	run bash -c 'echo 5 | vm-translate -m base-bounds --bounds=10 > /dev/full'
	assert_failure 74
}

@test "the man page's EXAMPLES show what the tool prints" {
	page="$top_srcdir/man/vm-translate.1"
	out=$(printf 'segment 0 base=1000 limit=300 prot=r-x\nsegment 1 base=14186 limit=498 grows=down prot=rw\n' > "$BATS_TEST_TMPDIR/segs.map"
	      cd "$BATS_TEST_TMPDIR" && printf 'R 100\nW 100\nW 753\nR 525\n' |
	      vm-translate -m segment --as-size=1K --map=segs.map -f csv | cut -d, -f3,4,7,9
	      printf 'page 0 7\npage 1 8\npage 1023 9\n' > pt.map
	      seq 0 4096 8192 | vm-translate -m multilevel --as-size=4M \
		--pm-size=1M --page-size=4K --map=pt.map -t summary -f csv | cut -d, -f1-4,10-
	      printf 'process 0\npage 0 1\npage 1 2\nprocess 1\npage 0 3\n' > tlb.map
	      for s in flush asid; do
		printf '0 0\n0 4096\n1 0\n0 0\n0 4096\n1 0\n' |
		vm-translate -m linear --page-size=4K --tlb=4 --switch=$s \
		  --map=tlb.map -t summary -f csv --no-header | cut -d, -f7-10
	      done)
	while IFS= read -r line; do
		grep -qxF -- "$line" "$page" || { echo "not in the page: $line"; return 1; }
	done <<< "$out"
}

@test "trace-gen vm makes a problem vm-translate solves, for every mode" {
	cd "$BATS_TEST_TMPDIR"
	for m in base-bounds segment linear multilevel; do
		trace-gen vm --mode=$m --map-out=$m.map --count=300 -s 7 > $m.trace
		run vm-translate -m $m --map=$m.map -t summary -f csv --no-header $m.trace
		assert_success
		echo "$output" | awk -F, '$2 != 300 || $3 == 0 || $3 == 300 { exit 1 }'
		trace-gen vm --mode=$m --map-out=again.map --count=300 -s 7 > again.trace
		# The first line of the trace names the map file: skip it.
		cmp -s again.map $m.map
		[ "$(sed 1d again.trace)" = "$(sed 1d $m.trace)" ]
	done
	run trace-gen vm --count=3
	assert_failure 64
	assert_output --partial "--map-out=FILE is required"
}
