#!/usr/bin/env bats
# trace-gen.bats: trace-gen's command line, determinism and the refs kind.
# (Each other kind is tested in the suite of the tool that reads it.)

load test_helper

# The trace without its # header line.
body() {
	trace-gen "$@" | sed 1d
}

@test "--version and --help (the list of kinds)" {
	run trace-gen --version
	assert_output --regexp '^trace-gen \(osconcepts\) [0-9.]+$'
	run trace-gen --help
	assert_success
	for kind in refs jobs allocs coh locks bankers vm; do
		assert_output --regexp "  $kind +"
	done
}

@test "a kind's --help lists its options and the common ones" {
	run trace-gen refs --help
	assert_success
	for opt in --count --pages --dist --alpha --scan-len --scan-every \
		--phase-len --write-ratio --page-size --seed --output; do
		assert_output --partial "$opt"
	done
}

@test "no kind, or an unknown kind: status 64" {
	run trace-gen
	assert_failure 64
	assert_output --partial 'trace-gen: missing KIND'
	run trace-gen nosuch
	assert_failure 64
	assert_output --partial 'trace-gen: unknown kind "nosuch"'
}

@test "the first line records the command and the seed" {
	run bash -c 'trace-gen refs --count=2 | head -1'
	assert_output '# trace-gen refs --count=2 --seed=1'
	run bash -c 'trace-gen refs --count=2 -s 7 | head -1'
	assert_output '# trace-gen refs --count=2 -s 7'
	run bash -c "trace-gen refs --count=1 -o '$BATS_TEST_TMPDIR/a b' && head -1 '$BATS_TEST_TMPDIR/a b'"
	assert_output "# trace-gen refs --count=1 -o '$BATS_TEST_TMPDIR/a b' --seed=1"
}

@test "same seed, same bytes; another seed, another trace" {
	a=$(trace-gen refs --dist=zipf --count=5000 --seed=3 | md5sum)
	b=$(trace-gen refs --dist=zipf --count=5000 --seed=3 | md5sum)
	c=$(trace-gen refs --dist=zipf --count=5000 --seed=4 | sed 1d | md5sum)
	d=$(trace-gen refs --dist=zipf --count=5000 --seed=3 | sed 1d | md5sum)
	[ "$a" = "$b" ]
	[ "$c" != "$d" ]
}

@test "--count lines after the header; 10M-style suffixes are powers of ten" {
	run bash -c 'trace-gen refs --count=2K | wc -l'
	assert_output 2001
	run bash -c 'trace-gen refs --dist=zipf --pages=1M --count=1M | wc -l'
	assert_output 1000001
}

@test "uniform: every page in 0..pages-1 appears, none outside" {
	run bash -c "trace-gen refs --pages=10 --count=2000 | sed 1d | sort -n | uniq | tr '\n' ' '"
	assert_output '0 1 2 3 4 5 6 7 8 9 '
}

@test "loop: 0..pages-1 repeated (by hand: 0 1 2 0 1 2 0)" {
	run bash -c "trace-gen refs --dist=loop --pages=3 --count=7 | sed 1d | tr '\n' ' '"
	assert_output '0 1 2 0 1 2 0 '
}

@test "seq: each page once, in order" {
	run bash -c "trace-gen refs --dist=seq --count=5 | sed 1d | tr '\n' ' '"
	assert_output '0 1 2 3 4 '
}

@test "zipf alpha=1 over 100 pages: page 0 has share 1/H(100) = 0.1928" {
	# H(100) = sum 1/r for r = 1..100 = 5.18738; page 0 (rank 1) is drawn
	# with probability 1/5.18738 = 0.19277, page 1 with 0.09639.  With
	# 100000 draws the standard deviations are 0.0012 and 0.0009: the
	# bounds below are five of them.
	run bash -c "trace-gen refs --dist=zipf --pages=100 --count=100K | sed 1d |
		awk '{ c[\$1]++ } END { a = c[0] / NR; b = c[1] / NR;
			print (a > 0.1868 && a < 0.1988), (b > 0.0919 && b < 0.1009), (c[1] > c[2]) }'"
	assert_output '1 1 1'
}

@test "zipf alpha=0 is uniform (every page near 1/pages)" {
	run bash -c "trace-gen refs --dist=zipf --alpha=0 --pages=4 --count=40K | sed 1d |
		awk '{ c[\$1]++ } END { for (p = 0; p < 4; p++) if (c[p] < 9500 || c[p] > 10500) bad++; print bad + 0 }'"
	assert_output 0
}

@test "scan-mix: after every --scan-every hot references, a scan of new pages" {
	# pages 10, scan-every 5, scan-len 3: refs 1-5 hot (< 10), 6-8 are the
	# fresh pages 10 11 12, 9-13 hot, 14-16 are 13 14 15.
	run bash -c "trace-gen refs --dist=scan-mix --pages=10 --scan-every=5 --scan-len=3 --count=16 | sed 1d |
		awk 'NR <= 5 || (NR >= 9 && NR <= 13) { if (\$1 >= 10) bad++; next } { printf \"%s \", \$1 } END { print bad + 0 }'"
	assert_output '10 11 12 13 14 15 0'
}

@test "phases: phase k draws from pages k*pages/2 .. k*pages/2 + pages - 1" {
	run bash -c "trace-gen refs --dist=phases --pages=4 --phase-len=5 --count=15 | sed 1d |
		awk '{ k = int((NR - 1) / 5); if (\$1 < 2 * k || \$1 >= 2 * k + 4) bad++ } END { print bad + 0 }'"
	assert_output 0
}

@test "--write-ratio adds R/W; 1 makes every access a write" {
	run bash -c "trace-gen refs --write-ratio=1 --count=50 | sed 1d | grep -vc '^W [0-9]*$'"
	assert_output 0
	# 20000 draws at p = 0.25: standard deviation sqrt(p(1-p)/n) = 0.003;
	# the bound 0.015 is five of them.
	run bash -c "trace-gen refs --write-ratio=0.25 --count=20K | sed 1d |
		awk '\$1 == \"W\" { w++ } END { d = w / NR - 0.25; print (d < 0.015 && d > -0.015) }'"
	assert_output 1
}

@test "--page-size writes hex byte addresses inside the pages" {
	run bash -c "trace-gen refs --pages=8 --page-size=4K --count=500 | sed 1d |
		while read -r a; do [[ \$a =~ ^0x[0-9a-f]+\$ ]] && (( a < 8 * 4096 )) || echo bad \$a; done"
	assert_output ''
}

@test "bad option values: status 64 with what was expected" {
	run trace-gen refs --count=abc
	assert_failure 64
	assert_output --partial 'invalid value for --count: expected a count such as 1000 or 10M, found "abc"'
	run trace-gen refs --dist=bogus
	assert_failure 64
	assert_output --partial 'invalid value for --dist: expected one of uniform, zipf, seq, loop, scan-mix, phases, found "bogus"'
	run trace-gen refs --write-ratio=2
	assert_failure 64
	run trace-gen refs --pages=0
	assert_failure 64
	run trace-gen refs --alpha=x
	assert_failure 64
	run trace-gen refs extra
	assert_failure 64
	assert_output --partial 'unexpected argument "extra"'
}

@test "a zipf table too large for memory is refused before allocating" {
	run trace-gen refs --dist=zipf --pages=1G
	assert_failure 64
	assert_output --partial 'is too many for a zipf table'
	run trace-gen refs --pages=1G --page-size=1T --count=1
	assert_failure 64
	assert_output --partial 'addresses beyond 64 bits'
}

@test "write errors: /dev/full is status 74, -o in a missing directory 73" {
	run bash -c 'trace-gen refs --count=100K >/dev/full'
	assert_failure 74
	assert_output --partial 'trace-gen: write error: No space left on device'
	run trace-gen refs -o /nonexistent/dir/x
	assert_failure 73
}

@test "a closed pipe ends trace-gen quietly" {
	run bash -c 'trace-gen refs --count=10M 2>"$BATS_TEST_TMPDIR/err" | head -1; cat "$BATS_TEST_TMPDIR/err"'
	assert_output '# trace-gen refs --count=10M --seed=1'
}

@test "vm: a reader that stops early leaves the whole --map-out file" {
	# The map comes from the seed before any address (it does not depend on
	# --count) and is closed before the first one: a run cut by SIGPIPE
	# (status 141) leaves the same map as a full run.  Was: the map sat in
	# stdio's buffer and the file was left empty.
	local m n
	for m in base-bounds segment linear multilevel; do
		trace-gen vm --mode=$m --map-out="$BATS_TEST_TMPDIR/full.map" --count=3 -s 7 >/dev/null
		run bash -c "trace-gen vm --mode=$m --map-out='$BATS_TEST_TMPDIR/cut.map' --count=10M -s 7 | head -1 >/dev/null; echo \${PIPESTATUS[0]}"
		assert_output 141
		run cmp "$BATS_TEST_TMPDIR/full.map" "$BATS_TEST_TMPDIR/cut.map"
		assert_success
		# The header line and at least one mapping.
		n=$(wc -l <"$BATS_TEST_TMPDIR/cut.map")
		[ "$n" -ge 2 ] || fail "$m: the map has $n lines"
	done
	# A map that cannot be written: no address at all, status 74.
	run bash -c "trace-gen vm --map-out=/dev/full --count=3 2>&1 | grep -c -v '^#'"
	assert_output "1"
}
