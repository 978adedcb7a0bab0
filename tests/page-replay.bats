#!/usr/bin/env bats
# tests/page-replay.bats: golden textbook cases, hand-worked tables, properties, errors.

load test_helper

setup() {
	F=$(fixtures page-replay)
}

# A deterministic pseudo-random trace (Park-Miller generator in awk):
# N references over P pages, 1 in 4 a write, 1 in 3 to a small hot set.
gen_trace() {
	awk -v n="$1" -v p="$2" -v seed="${3:-42}" 'BEGIN {
		x = seed
		for (i = 0; i < n; i++) {
			x = (x * 16807) % 2147483647; r = x
			x = (x * 16807) % 2147483647
			pg = (r % 3 == 0) ? x % 4 : x % p
			x = (x * 16807) % 2147483647
			print ((x % 4 == 0) ? "W " : "R ") pg
		}
	}'
}

@test "textbook string, 3 frames: fifo 15, lru 12, opt 9 faults" {
	run page-replay -p fifo,lru,opt -n 3 -f csv "$F/textbook.refs"
	assert_success
	assert_output "policy,frames,accesses,hits,misses,hit_ratio,miss_ratio,cold_misses,evictions,writebacks,prefetched,prefetch_hits,prefetch_wasted
fifo,3,20,5,15,0.250000,0.750000,6,12,0,0,0,0
lru,3,20,8,12,0.400000,0.600000,6,9,0,0,0,0
opt,3,20,11,9,0.550000,0.450000,6,6,0,0,0,0"
}

@test "Belady's anomaly: fifo 9 faults with 3 frames, 10 with 4" {
	run page-replay -p fifo -n 3,4 -f csv --no-header "$F/belady.refs"
	assert_success
	assert_output "fifo,3,12,3,9,0.250000,0.750000,5,6,0,0,0,0
fifo,4,12,2,10,0.166667,0.833333,5,6,0,0,0,0"
	run page-replay -p fifo,lru -n 1-5 -t anomaly -f csv "$F/belady.refs"
	assert_success
	assert_output "policy,frames_from,frames_to,misses_from,misses_to
fifo,3,4,9,10"
}

@test "anomaly in words in text mode, and none for lru" {
	run page-replay -p fifo -n 3,4 -t anomaly "$F/belady.refs"
	assert_success
	assert_output --partial "fifo misses rise from 9 with 3 frames to 10 with 4 frames"
	run page-replay -p lru -n 1-6 -t anomaly "$F/belady.refs"
	assert_output --partial "no Belady's anomaly"
}

@test "fifo and lru accesses on the textbook string (hand-derived, the book's figures 9.12 and 9.15)" {
	run page-replay -p fifo -n 3 -t accesses -f csv "$F/fifo.refs"
	assert_success
	assert_output "$(cat "$F/fifo.csv")"
	run page-replay -p lru -n 3 -t accesses -f csv "$F/lru.refs"
	assert_success
	assert_output "$(cat "$F/lru.csv")"
}

@test "mru accesses on a loop one page larger than memory (hand-derived in mru.refs)" {
	run page-replay -p mru -n 3 -t accesses -f csv "$F/mru.refs"
	assert_success
	assert_output "$(cat "$F/mru.csv")"
}

@test "lfu accesses, counts restarting at each load (hand-derived in lfu.refs)" {
	run page-replay -p lfu -n 3 -t accesses -f csv "$F/lfu.refs"
	assert_success
	assert_output "$(cat "$F/lfu.csv")"
}

@test "rand accesses with seed 1 (hand-derived from the generator in rand.refs)" {
	run page-replay -p rand -n 3 -s 1 -t accesses -f csv "$F/rand.refs"
	assert_success
	assert_output "$(cat "$F/rand.csv")"
}

@test "opt accesses on the textbook string (hand-derived, load order)" {
	run page-replay -p opt -n 3 -t accesses -f csv "$F/textbook.refs"
	assert_success
	assert_output "$(cat "$F/opt-textbook.csv")"
}

@test "opt evicts the most recently loaded page among pages never used again" {
	run page-replay -p opt -n 3 -t accesses -f csv --no-header "$F/opt-tie.refs"
	assert_success
	assert_line --index 3 "4,R,4,miss,3,1 2 4"
}

@test "clock accesses on the textbook string (hand-derived in clock.refs)" {
	run page-replay -p clock -n 3 -t accesses -f csv "$F/clock.refs"
	assert_success
	assert_output "$(cat "$F/clock.csv")"
}

@test "2lru accesses (hand-derived in 2lru.refs)" {
	run page-replay -p 2lru -n 4 --active-ratio=0.5 -t accesses -f csv "$F/2lru.refs"
	assert_success
	assert_output "$(cat "$F/2lru.csv")"
}

@test "2q accesses (hand-derived in 2q.refs, after Johnson and Shasha 1994)" {
	run page-replay -p 2q -n 4 -t accesses -f csv "$F/2q.refs"
	assert_success
	assert_output "$(cat "$F/2q.csv")"
}

@test "arc accesses (hand-derived in arc.refs, after Megiddo and Modha 2003)" {
	run page-replay -p arc -n 2 -t accesses -f csv "$F/arc.refs"
	assert_success
	assert_output "$(cat "$F/arc.csv")"
}

@test "s3fifo accesses (hand-derived in s3fifo.refs, after Yang et al. 2023)" {
	run page-replay -p s3fifo -n 5 -t accesses -f csv "$F/s3fifo.refs"
	assert_success
	assert_output "$(cat "$F/s3fifo.csv")"
}

@test "lirs accesses (hand-derived in lirs.refs, after Jiang and Zhang 2002)" {
	run page-replay -p lirs -n 3 -t accesses -f csv "$F/lirs.refs"
	assert_success
	assert_output "$(cat "$F/lirs.csv")"
}

@test "scan resistance: arc, s3fifo, lirs and 2lru beat lru on a hot set with one-time scans" {
	awk 'BEGIN { s = 1000; for (r = 0; r < 40; r++) { for (i = 0; i < 200; i++) print i % 20; for (i = 0; i < 30; i++) print s++ } }' > "$BATS_TEST_TMPDIR/t"
	# (2q does not: the hot loop is re-referenced only while its pages
	# sit in A1in, which by design does not count as a second use.)
	run page-replay -p lru,arc,s3fifo,lirs,2lru -n 24 -f csv --no-header "$BATS_TEST_TMPDIR/t"
	assert_success
	echo "$output" | awk -F, '$1 == "lru" { l = $5 } $1 != "lru" && $5 >= l { bad = 1 } END { exit bad }'
}

@test "read-ahead: accesses and prefetch counts (hand-derived in readahead.refs)" {
	run page-replay -p fifo -n 4 --readahead=2 -t accesses -f csv "$F/readahead.refs"
	assert_success
	assert_output "$(cat "$F/readahead.csv")"
	run page-replay -p fifo -n 4 --readahead=2 -f csv --no-header "$F/readahead.refs"
	assert_output "fifo,4,8,2,6,0.250000,0.750000,5,14,0,12,2,7"
}

@test "dirty pages are written back on eviction (hand-derived in dirty.refs)" {
	run page-replay -p fifo,lru -n 3 -f csv --no-header "$F/dirty.refs"
	assert_success
	assert_output "fifo,3,7,1,6,0.142857,0.857143,5,3,2,0,0,0
lru,3,7,2,5,0.285714,0.714286,5,2,1,0,0,0"
}

@test "property: opt never misses more than any policy" {
	gen_trace 3000 60 > "$BATS_TEST_TMPDIR/t"
	page-replay -p all -n 1-70:3 -f csv --no-header "$BATS_TEST_TMPDIR/t" |
		awk -F, '$1 == "opt" { o[$2] = $5 } { m[$1 "," $2] = $5; f[$2] = 1 }
			END { n = 0
			      for (k in m) { split(k, a, ","); if (m[k] < o[a[2]]) { print "worse: " k; bad = 1 } n++ }
			      if (n != 12 * 24) { print "rows " n; bad = 1 }
			      exit bad }'
}

@test "property: lru misses never rise with frames (sweep and single runs agree)" {
	gen_trace 4000 80 7 > "$BATS_TEST_TMPDIR/t"
	run page-replay -p lru -n 1-90 -f csv --no-header "$BATS_TEST_TMPDIR/t"
	assert_success
	echo "$output" | awk -F, 'NR > 1 && $5 > prev { bad = 1 } { prev = $5 } END { exit bad }'
	# The one-pass stack-distance sweep equals separate simulations,
	# write-backs included.
	for n in 1 7 33 90; do
		single=$(page-replay -p lru -n "$n" -f csv --no-header "$BATS_TEST_TMPDIR/t")
		assert_line "$single"
	done
}

@test "property: an lru sweep equals single lru runs for unsorted, repeated and too-large size lists" {
	# Each row of the one-pass sweep (stack distances) must be the row a
	# separate lru simulation of that size prints: hits, evictions and
	# write-backs alike.  The lists are unsorted, repeat sizes, and go
	# beyond the distinct pages (60 and 150 here), where every size
	# behaves as frames = distinct pages.
	gen_trace 3000 60 11 > "$BATS_TEST_TMPDIR/a"
	gen_trace 5000 150 5 > "$BATS_TEST_TMPDIR/b"
	for t in a b; do
		for list in 33,5,90,5,1,400 7,3,7,64,3 2-200:23 149,150,151,1; do
			run page-replay -p lru -n "$list" -f csv --no-header "$BATS_TEST_TMPDIR/$t"
			assert_success
			sweep=$output
			[ "$(echo "$sweep" | wc -l)" -eq "$(echo "$list" | awk -F'[,:-]' '
				/-/ { n = 0; for (v = $1; v <= $2; v += $3) n++; print n; next }
				{ print NF }')" ]
			while IFS=, read -r pol n rest; do
				single=$(page-replay -p lru -n "$n" -f csv --no-header "$BATS_TEST_TMPDIR/$t")
				[ "$single" = "$pol,$n,$rest" ] || { echo "$t $list: sweep $pol,$n,$rest single $single"; false; }
			done <<< "$sweep"
		done
	done
	# The write-backs are not all zero, so they were compared for real.
	page-replay -p lru -n 5,30 -f csv --no-header "$BATS_TEST_TMPDIR/b" |
		awk -F, '$10 == 0 { bad = 1 } END { exit bad }'
}

@test "property: every policy misses only cold misses when frames >= distinct pages" {
	gen_trace 2000 30 9 > "$BATS_TEST_TMPDIR/t"
	run page-replay -p all -n 30,40 -f csv --no-header "$BATS_TEST_TMPDIR/t"
	assert_success
	echo "$output" | awk -F, '$5 != $8 || $8 != 30 { bad = 1 } END { exit bad || NR != 24 }'
}

@test "results do not depend on -j; rand depends only on the seed" {
	gen_trace 2000 50 3 > "$BATS_TEST_TMPDIR/t"
	a=$(page-replay -p all -n 2-40:2 -j 1 -f csv "$BATS_TEST_TMPDIR/t")
	b=$(page-replay -p all -n 2-40:2 -j 4 -f csv "$BATS_TEST_TMPDIR/t")
	[ "$a" = "$b" ]
	a=$(page-replay -p rand -n 8 -s 5 -f csv "$BATS_TEST_TMPDIR/t")
	b=$(page-replay -p rand -n 8 -s 5 -f csv < "$BATS_TEST_TMPDIR/t")
	[ "$a" = "$b" ]
}

@test "--page-size maps byte addresses to pages; --hex reads bare hex" {
	printf '0x1000\nW 0x1fff\n0x2000\n4096\n' > "$BATS_TEST_TMPDIR/b"
	run page-replay -n 2 --page-size=4K -t accesses -f csv --no-header "$BATS_TEST_TMPDIR/b"
	assert_success
	assert_output "1,R,1,miss,,1
2,W,1,hit,,1
3,R,2,miss,,1 2
4,R,1,hit,,2 1"
	printf 'ff\n1ff\nff\n' | page-replay --hex --page-size=256 -n 1 -t accesses -f csv --no-header > "$BATS_TEST_TMPDIR/o"
	run cat "$BATS_TEST_TMPDIR/o"
	assert_output "1,R,0,miss,,0
2,R,1,miss,0,1
3,R,0,miss,1,0"
}

@test "lackey input: I and L read, S and M write, other lines skipped" {
	cat > "$BATS_TEST_TMPDIR/l" <<'LK'
==123== Lackey, an example Valgrind tool
I  04001000,3
 L 04002008,8
 S 04001ff8,8
 M 04003000,4
hello from the program
==123== Counted 1 call to main()
LK
	run page-replay --input=lackey --page-size=4096 -n 4 -t accesses -f csv --no-header "$BATS_TEST_TMPDIR/l"
	assert_success
	assert_output "1,R,16385,miss,,16385
2,R,16386,miss,,16385 16386
3,W,16385,hit,,16386 16385
4,W,16387,miss,,16386 16385 16387"
}

@test "lackey input from a real program under valgrind" {
	command -v valgrind >/dev/null || skip "valgrind is not installed"
	# As in the man page, the program's own output is mixed in (2>&1).
	valgrind --tool=lackey --trace-mem=yes /bin/echo hello > "$BATS_TEST_TMPDIR/l" 2>&1 ||
		skip "valgrind cannot run here"
	grep -qx hello "$BATS_TEST_TMPDIR/l"
	# Counted independently: every I/L/S/M record is one access, and the
	# distinct 4K pages are the distinct addresses without their last 3
	# hex digits, so they are the cold misses of every policy.
	want=$(awk '($1 == "I" || $1 == "L" || $1 == "S" || $1 == "M") && NF == 2 {
		split($2, a, ","); p = substr(a[1], 1, length(a[1]) - 3); sub(/^0+/, "", p)
		n++; if (!(p in s)) { s[p] = 1; d++ } } END { print n "," d }' "$BATS_TEST_TMPDIR/l")
	[ "${want%,*}" -gt 1000 ]
	run page-replay --input=lackey --page-size=4096 -p lru,opt -n 16 -f csv --no-header "$BATS_TEST_TMPDIR/l"
	assert_success
	echo "$output" | awk -F, -v w="$want" 'BEGIN { split(w, c, ",") }
		$3 != c[1] || $8 != c[2] { bad = 1 } $1 == "lru" { l = $5 } $1 == "opt" { o = $5 }
		END { exit bad || NR != 2 || o > l }'
}

@test "json output is one document with the summary table" {
	run page-replay -p fifo -n 3 -f json "$F/textbook.refs"
	assert_success
	assert_output --partial '"tool":"page-replay"'
	assert_output --partial '"misses":15'
}

@test "-t all prints every table that applies" {
	run page-replay -p fifo -n 3,4 -t all "$F/belady.refs"
	assert_success
	assert_output --partial "[summary]"
	assert_output --partial "[anomaly]"
	refute_output --partial "[accesses]"
	run page-replay -p fifo -n 3 -t all "$F/belady.refs"
	assert_output --partial "[accesses]"
}

@test "text mode draws the miss-ratio chart for a sweep" {
	run page-replay -p fifo,lru -n 1-7 "$F/textbook.refs"
	assert_success
	assert_output --partial "miss ratio by frames (F fifo, L lru"
	run page-replay --quiet -p fifo,lru -n 1-7 "$F/textbook.refs"
	refute_output --partial "miss ratio by frames"
	# Shared initials: l-policies and 2-policies take digits in order,
	# skipping "2" while 2q keeps it as its own initial.
	run page-replay -p all -n 1-3 "$F/textbook.refs"
	assert_output --partial "(O opt, F fifo, 1 lru, M mru, 2 lfu, C clock, R rand, 3 2lru, A arc, 4 2q, S s3fifo, 5 lirs;"
	run page-replay -p 2q,lru,lfu -n 1-3 "$F/textbook.refs"
	assert_output --partial "(2 2q, 1 lru, 3 lfu;"
}

@test "bad input: a bad operation or address is status 65 with FILE:LINE" {
	printf '1\nX 2\n' > "$BATS_TEST_TMPDIR/bad"
	run page-replay "$BATS_TEST_TMPDIR/bad"
	assert_data_error "page-replay: $BATS_TEST_TMPDIR/bad:2: expected R or W, found \"X\""
	printf '1\n\n0xZZ\n' | { run page-replay; assert_data_error 'page-replay: <stdin>:3: expected an address, found "0xZZ"'; }
	printf 'R\n' > "$BATS_TEST_TMPDIR/bad"
	run page-replay "$BATS_TEST_TMPDIR/bad"
	assert_data_error "bad:1: expected an address, found end of line"
	printf 'R 1 2\n' > "$BATS_TEST_TMPDIR/bad"
	run page-replay "$BATS_TEST_TMPDIR/bad"
	assert_data_error "bad:1: expected end of line"
	printf '99999999999999999999999\n' > "$BATS_TEST_TMPDIR/bad"
	run page-replay "$BATS_TEST_TMPDIR/bad"
	assert_data_error 'bad:1: expected an address, found "99999999999999999999999" (out of range)'
	printf 'I  zz,4\n' > "$BATS_TEST_TMPDIR/bad"
	run page-replay --input=lackey "$BATS_TEST_TMPDIR/bad"
	assert_data_error "bad:1: expected a lackey record ADDRESS,SIZE (hex address), found \"zz,4\""
}

@test "a missing file is status 66" {
	run page-replay "$BATS_TEST_TMPDIR/none"
	assert_failure 66
	assert_output --partial "page-replay: "
}

@test "bad options are status 64" {
	assert_usage_error page-replay -n 0 "$F/textbook.refs"
	assert_usage_error page-replay -n 5-2 "$F/textbook.refs"
	assert_usage_error page-replay -n 999999999999 "$F/textbook.refs"
	assert_usage_error page-replay -p nope "$F/textbook.refs"
	assert_output --partial 'page-replay: invalid value for --policy: expected one of opt, fifo, lru, mru, lfu, clock, rand, 2lru, arc, 2q, s3fifo, lirs, all, found "nope"'
	assert_usage_error page-replay --page-size=0 "$F/textbook.refs"
	assert_usage_error page-replay --active-ratio=2 "$F/textbook.refs"
	assert_usage_error page-replay --input=pin "$F/textbook.refs"
	assert_usage_error page-replay -j 0 "$F/textbook.refs"
	assert_usage_error page-replay -p lru,fifo -t accesses "$F/textbook.refs"
	assert_usage_error page-replay -t summary,anomaly -f csv "$F/textbook.refs"
	assert_usage_error page-replay -t nope "$F/textbook.refs"
}

@test "a negative or half range --frames names the whole value" {
	# Was: `-n -1` read as the range "" to "1" and said found "".
	for v in -1 3,-1 4- 1-4:; do
		run page-replay -n "$v" "$F/textbook.refs"
		assert_failure 64
		assert_output --partial "page-replay: invalid value for --frames: expected a count such as 1000 or 10M, found \"${v##*,}\""
	done
}

@test "a write error is status 74" {
	[ -w /dev/full ] || skip "no /dev/full"
	run bash -c 'page-replay -n 3 "$1" > /dev/full' _ "$F/textbook.refs"
	assert_failure 74
}

@test "the man page documents every long option of --help" {
	run page-replay --help
	assert_success
	page="$top_srcdir/man/page-replay.1"
	for opt in $(echo "$output" | grep -o -- '--[a-z][a-z-]*' | sort -u); do
		grep -q -- "${opt#--}" "$page" || { echo "missing $opt"; return 1; }
	done
}

@test "the man page's EXAMPLES show what the tool prints" {
	page="$top_srcdir/man/page-replay.1"
	out=$(printf '%s\n' 7 0 1 2 0 3 0 4 2 3 0 3 2 1 2 0 1 7 0 1 |
		page-replay -p fifo,lru,opt -n 3 -f csv | cut -d, -f1-5)
	out="$out
$(printf '%s\n' 1 2 3 4 1 2 5 1 2 3 4 5 | page-replay -p fifo,lru -n 1-6 -t anomaly -f csv)"
	if command -v trace-gen >/dev/null; then
		out="$out
$(trace-gen refs --dist=zipf --pages=1000 --count=100K |
		page-replay -p lru,clock,2lru,opt -n 64 -f csv | cut -d, -f1,2,7)"
	fi
	while IFS= read -r line; do
		grep -qxF -- "$line" "$page" || { echo "not in the page: $line"; return 1; }
	done <<< "$out"
}
