#!/usr/bin/env bats
# cache-coh.bats: golden sequences worked out by hand, properties, errors.
load test_helper

F=$(fixtures cache-coh)
PROTOCOLS="msi mesi moesi dragon vi"

# --- golden: hand-worked sequences (derivations in the .coh fixtures) ---

@test "classic P0 R, P1 R, P0 W, P1 R: states, bus, supplier per protocol" {
	for p in $PROTOCOLS; do
		run cache-coh -P "$p" --cpus=2 -t accesses -f csv "$F/classic.coh"
		assert_success
		assert_output "$(cat "$F/classic.$p.accesses.csv")"
	done
}

@test "classic sequence: every summary counter and cycle count" {
	run cache-coh -P msi,mesi,moesi,dragon,vi --cpus=2 -f csv "$F/classic.coh"
	assert_success
	assert_output "$(cat "$F/classic.summary.csv")"
}

@test "classic sequence: bus and memory traffic" {
	run cache-coh -P msi,mesi,moesi,dragon,vi --cpus=2 -f csv -t traffic "$F/classic.coh"
	assert_success
	assert_output "$(cat "$F/classic.traffic.csv")"
}

@test "a dirty line evicted from a tiny cache is written back" {
	for p in $PROTOCOLS; do
		run cache-coh -P "$p" --cpus=2 --cache-size=128 --assoc=1 -t accesses -f csv "$F/evict.coh"
		assert_success
		assert_output "$(cat "$F/evict.$p.accesses.csv")"
	done
	run bash -c "cache-coh -P msi,mesi,moesi,dragon,vi --cpus=2 --cache-size=128 --assoc=1 -f csv '$F/evict.coh' | awk -F, 'NR == 1 || \$2 == \"0\" { print \$1 \",\" \$2 \",\" \$16 \",\" \$18 }'"
	assert_success
	assert_output "$(cat "$F/evict.writebacks.csv")"
}

@test "paths the classic sequence misses: O, Sm, flushing write misses, Dragon's BusRd+BusUpd" {
	run bash -c "for p in $PROTOCOLS; do cache-coh -P \$p -t accesses -f csv --no-header '$F/paths.coh' | sed \"s/^/\$p,/\"; done"
	assert_success
	assert_output "$(tail -n +2 "$F/paths.accesses.csv")"
	run cache-coh -P msi,mesi,moesi,dragon,vi -f csv "$F/paths.coh"
	assert_success
	assert_output "$(cat "$F/paths.summary.csv")"
	run cache-coh -P msi,mesi,moesi,dragon,vi -f csv -t traffic "$F/paths.coh"
	assert_success
	assert_output "$(cat "$F/paths.traffic.csv")"
}

@test "an owner (MOESI O, Dragon Sm) writes back on eviction; the sharer then reads memory's copy" {
	run bash -c "for p in $PROTOCOLS; do cache-coh -P \$p --cpus=2 --cache-size=128 --assoc=1 -t accesses -f csv --no-header '$F/owned.coh' | sed \"s/^/\$p,/\"; done"
	assert_success
	assert_output "$(tail -n +2 "$F/owned.accesses.csv")"
	run bash -c "cache-coh -P msi,mesi,moesi,dragon,vi --cpus=2 --cache-size=128 --assoc=1 -f csv '$F/owned.coh' | awk -F, '{ print \$1 \",\" \$2 \",\" \$16 \",\" \$18 }'"
	assert_success
	assert_output "$(cat "$F/owned.writebacks.csv")"
}

@test "--hex reads addresses without 0x as hexadecimal" {
	printf '0 r 40\n1 L 0040\n0 w 48\n1 s 7f\n' > "$BATS_TEST_TMPDIR/h.coh"
	run cache-coh --hex -P msi --cpus=2 -t accesses -f csv --no-header "$BATS_TEST_TMPDIR/h.coh"
	assert_success
	assert_output "1,0,R,64,64,miss,BusRd,mem,S I
2,1,R,64,64,miss,BusRd,mem,S S
3,0,W,72,64,upgrade,BusUpgr,,M I
4,1,W,127,64,miss,BusRdX,cpu0,I M"
}

@test "fields may be separated by commas and tabs; comments and CRLF are skipped" {
	printf '# header\r\n0,R,0x40\r\n\n1\tR\t64 # same line\n' > "$BATS_TEST_TMPDIR/c.coh"
	run cache-coh -P mesi --cpus=2 -t accesses -f csv --no-header "$BATS_TEST_TMPDIR/c.coh"
	assert_success
	assert_output "1,0,R,64,64,miss,BusRd,mem,E I
2,1,R,64,64,miss,BusRd,cpu0,S S"
}

@test "json carries the parameters and every table" {
	run cache-coh -P dragon --cpus=2 -t all -f json "$F/classic.coh"
	assert_success
	assert_output --partial '"protocol":"dragon"'
	assert_output --partial '"accesses":['
	assert_output --partial '"traffic":['
	assert_output --partial '"summary":['
}

@test "--explain prints the transition table of each protocol" {
	run cache-coh --explain -P msi,dragon
	assert_success
	assert_line --index 0 --partial "msi: MSI"
	assert_output --partial "S      PrWr     BusUpgr"
	assert_output --partial "Sm     BusUpd   take the word                                      Sc"
	for p in $PROTOCOLS; do
		run cache-coh --explain -P "$p"
		assert_success
		assert_line --index 0 --partial "$p: "
	done
}

# --- properties ---

# An independent LRU cache in awk: misses of a one-CPU trace with decimal
# addresses for SETS sets of ASSOC lines of 64 bytes.
lru_misses() {
	awk -v sets="$1" -v assoc="$2" '
	/^#/ { next }
	{
		line = int($3 / 64); s = line % sets; t++
		hit = 0
		for (w = 0; w < assoc; w++)
			if ((s, w) in tag && tag[s, w] == line) { age[s, w] = t; hit = 1; break }
		if (hit) next
		misses++
		best = 0
		for (w = 0; w < assoc; w++) {
			if (!((s, w) in tag)) { best = w; break }
			if (age[s, w] < age[s, best]) best = w
		}
		tag[s, best] = line; age[s, best] = t
	}
	END { print misses + 0 }' "$3"
}

@test "a single-CPU trace misses exactly as a plain LRU cache" {
	awk 'BEGIN { srand(5); for (i = 0; i < 20000; i++)
		printf "0 %s %d\n", (rand() < 0.3 ? "W" : "R"), int(rand() * 3000) }' > "$BATS_TEST_TMPDIR/one.coh"
	awk '{ $2 = "R"; print }' "$BATS_TEST_TMPDIR/one.coh" > "$BATS_TEST_TMPDIR/ro.coh"
	want=$(lru_misses 4 4 "$BATS_TEST_TMPDIR/one.coh")
	[ "$want" -gt 1000 ]
	for p in msi mesi moesi dragon; do
		run bash -c "cache-coh -P $p --cpus=1 --cache-size=1K --assoc=4 -f csv --no-header '$BATS_TEST_TMPDIR/one.coh' | awk -F, '\$2 == \"all\" { print \$5 + \$6 }'"
		assert_success
		assert_output "$want"
	done
	# vi allocates on reads only: compare on the reads-only trace.
	want=$(lru_misses 4 4 "$BATS_TEST_TMPDIR/ro.coh")
	run bash -c "cache-coh -P vi --cpus=1 --cache-size=1K --assoc=4 -f csv --no-header '$BATS_TEST_TMPDIR/ro.coh' | awk -F, '\$2 == \"all\" { print \$5 }'"
	assert_output "$want"
}

@test "every protocol has the same read misses on a read-only trace" {
	trace-gen coh --pattern=random --write-ratio=0 --count=20K --cpus=4 > "$BATS_TEST_TMPDIR/ro.coh"
	run bash -c "cache-coh -P msi,mesi,moesi,dragon,vi --cache-size=4K --assoc=2 -f csv --no-header '$BATS_TEST_TMPDIR/ro.coh' | awk -F, '\$2 == \"all\" { print \$5 }' | sort -u | wc -l"
	assert_output "1"
}

@test "the checker never fires on any trace-gen coh pattern" {
	for pat in private shared-read migratory producer-consumer false-share random; do
		trace-gen coh --pattern=$pat --count=20K --cpus=4 -s 3 > "$BATS_TEST_TMPDIR/t.coh"
		run cache-coh -P msi,mesi,moesi,dragon,vi --cache-size=2K --assoc=2 -t traffic -f csv "$BATS_TEST_TMPDIR/t.coh"
		assert_success
	done
}

@test "dragon never invalidates; the invalidation protocols never update" {
	trace-gen coh --pattern=random --count=20K > "$BATS_TEST_TMPDIR/t.coh"
	run bash -c "cache-coh -P msi,mesi,moesi,dragon,vi -f csv --no-header '$BATS_TEST_TMPDIR/t.coh' | awk -F, '\$2 == \"all\" { print \$1, (\$14 > 0), (\$15 > 0) }'"
	assert_output "msi 1 0
mesi 1 0
moesi 1 0
dragon 0 1
vi 1 0"
}

@test "the output does not depend on --no-check" {
	trace-gen coh --pattern=migratory --count=5K > "$BATS_TEST_TMPDIR/t.coh"
	a=$(cache-coh -P msi,mesi,moesi,dragon,vi -f csv "$BATS_TEST_TMPDIR/t.coh")
	b=$(cache-coh -P msi,mesi,moesi,dragon,vi --no-check -f csv "$BATS_TEST_TMPDIR/t.coh")
	[ "$a" = "$b" ]
}

@test "mesi's one-pass path (--no-check) gives the checked run's rows on every pattern and geometry" {
	# Without the checker, mesi takes a fused path for misses and
	# upgrades (when cpus * assoc <= 64); with it, the general protocol
	# code.  Every table must agree, summary, traffic and accesses, with
	# small caches (evictions, write-backs) and the default one.
	d=$BATS_TEST_TMPDIR
	for pat in private shared-read migratory producer-consumer false-share random; do
		trace-gen coh --pattern=$pat --count=20K --cpus=8 -s 5 > "$d/$pat.coh"
		for geo in "--cpus=8" "--cpus=8 --cache-size=1K --assoc=2" "--cpus=8 --cache-size=512 --assoc=8" \
			   "--cpus=16 --cache-size=2K --assoc=4" "--cpus=8 --cache-size=256 --assoc=1 --line-size=16"; do
			for t in summary traffic accesses; do
				a=$(cache-coh -P mesi $geo -t $t -f csv "$d/$pat.coh" | md5sum)
				b=$(cache-coh -P mesi --no-check $geo -t $t -f csv "$d/$pat.coh" | md5sum)
				[ "$a" = "$b" ] || { echo "differs: $pat $geo $t"; false; }
			done
		done
	done
}

@test "a large trace reads the same in every line form (bulk reader vs the scanner)" {
	# cache-coh parses the usual `CPU OP 0xADDR` lines in bulk from the
	# scanner's buffer; any other form (CRLF, a comment, hex without 0x,
	# decimal) goes through the scanner line by line.  Each rewrite of a
	# 300K-access trace (several buffers of input, all patterns mixed) must
	# give the same rows as the original, the accesses table included.
	d=$BATS_TEST_TMPDIR
	for pat in private shared-read migratory producer-consumer false-share random; do
		trace-gen coh --pattern=$pat --count=50K --cpus=4 -s 7
	done | grep -v '^#' > "$d/t.coh"
	awk '{ printf "%s\r\n", $0 }' "$d/t.coh" > "$d/crlf.coh"
	awk '{ print $0 " # c" }' "$d/t.coh" > "$d/comment.coh"
	awk '{ sub(/^0x/, "", $3); print }' "$d/t.coh" > "$d/hex.coh"
	awk '{ x = 0; for (i = 3; i <= length($3); i++) x = x * 16 + index("0123456789abcdef", tolower(substr($3, i, 1))) - 1
		printf "%d\t%s,%.0f\n", $1, tolower($2), x }' "$d/t.coh" > "$d/dec.coh"
	awk 'NR % 1000 == 0 { print "" } { print (NR % 7 ? $0 : $1 " " $2 " " $3 " ") }' "$d/t.coh" > "$d/mixed.coh"
	both() {
		cache-coh -P msi,mesi,moesi,dragon,vi -f csv "$@" &&
			cache-coh -P msi,mesi,moesi,dragon,vi -t traffic -f csv "$@"
	}
	want=$(both "$d/t.coh")
	[ "$(echo "$want" | grep -c '^mesi,all,')" = 1 ]
	for f in crlf comment mixed dec; do
		got=$(both "$d/$f.coh")
		[ "$got" = "$want" ] || { echo "differs: $f"; false; }
	done
	got=$(both --hex "$d/hex.coh")
	[ "$got" = "$want" ]
	a=$(cache-coh -P moesi -t accesses -f csv "$d/t.coh" | md5sum)
	b=$(cache-coh -P moesi -t accesses -f csv "$d/crlf.coh" | md5sum)
	[ "$a" = "$b" ]
	[ "$(cache-coh -P moesi -t accesses -f csv --no-header "$d/t.coh" | wc -l)" = 300000 ]
}

@test "the all row is the sum of the CPU rows" {
	trace-gen coh --pattern=producer-consumer --count=5K > "$BATS_TEST_TMPDIR/t.coh"
	run bash -c "cache-coh -P moesi -f csv --no-header '$BATS_TEST_TMPDIR/t.coh' | awk -F, '
		\$2 != \"all\" { for (i = 3; i <= NF; i++) if (i != 7) s[i] += \$i; next }
		{ for (i = 3; i <= NF; i++) if (i != 7 && s[i] != \$i) bad = bad \" \" i }
		END { print \"bad:\" bad }'"
	assert_output "bad:"
}

# --- errors ---

@test "a CPU number not below --cpus is a data error with its line" {
	printf '0 R 0x40\n# c\n4 R 0x40\n' > "$BATS_TEST_TMPDIR/bad.coh"
	run cache-coh "$BATS_TEST_TMPDIR/bad.coh"
	assert_data_error 'bad.coh:3: expected a CPU number below 4 (--cpus=4), found "4"'
}

@test "malformed lines are data errors with FILE:LINE" {
	while IFS='|' read -r line msg; do
		printf '0 R 0x40\n%s\n' "$line" > "$BATS_TEST_TMPDIR/bad.coh"
		run cache-coh "$BATS_TEST_TMPDIR/bad.coh"
		assert_data_error "cache-coh: $BATS_TEST_TMPDIR/bad.coh:2: $msg"
	done <<'EOF'
x R 0x40|expected a CPU number, found "x"
-1 R 0x40|expected a CPU number, found "-1"
0 X 0x40|expected R, L, W or S, found "X"
0 RW 0x40|expected R, L, W or S, found "RW"
0|expected R, L, W or S, found end of line
0 R|expected an address, found end of line
0 R 0xZZ|expected an address, found "0xZZ"
0 R 0x40 9|expected end of line, found "9"
0 R 99999999999999999999999|expected an address, found "99999999999999999999999" (out of range)
EOF
}

@test "standard input is <stdin> in messages" {
	run bash -c "printf '0 Q 1\n' | cache-coh"
	assert_data_error 'cache-coh: <stdin>:1: expected R, L, W or S, found "Q"'
}

@test "a missing file is status 66" {
	run cache-coh "$BATS_TEST_TMPDIR/none.coh"
	assert_failure 66
	assert_output --partial "cache-coh: $BATS_TEST_TMPDIR/none.coh"
}

@test "bad options are usage errors" {
	assert_usage_error cache-coh -P mosi
	assert_usage_error cache-coh --cpus=0
	assert_usage_error cache-coh --cpus=65
	assert_usage_error cache-coh --assoc=3
	assert_usage_error cache-coh --line-size=48
	assert_usage_error cache-coh --word-size=128
	assert_usage_error cache-coh --cache-size=1T
	assert_usage_error cache-coh --cache-size=64 --assoc=8
	assert_usage_error cache-coh -P msi,mesi -t accesses
	assert_usage_error cache-coh -t cores
	assert_usage_error cache-coh -f csv -t summary,traffic
	assert_usage_error cache-coh --input=pin
}

@test "a write error is status 74" {
	run bash -c "cache-coh '$F/classic.coh' >/dev/full"
	assert_failure 74
}

@test "the man page documents every option" {
	for opt in $(cache-coh --help | grep -o -- '--[a-z][a-z0-9-]*' | sort -u); do
		case $opt in --help|--usage|--version) continue ;; esac
		grep -q -e "Fl \\\\${opt#-}" "$top_srcdir/man/cache-coh.1"
	done
}

# --- the timed mode (derivation in timed/core0) ---

@test "timed: blocking cores on an FCFS bus, worked out by hand" {
	run cache-coh --input=timed -P mesi -t cores -f csv "$F/timed/core0" "$F/timed/core1"
	assert_success
	assert_output "$(cat "$F/timed.cores.csv")"
	run cache-coh --input=timed -P mesi -t traffic -f csv "$F/timed/core0" "$F/timed/core1"
	assert_success
	assert_output "$(cat "$F/timed.traffic.csv")"
}

@test "timed: every core's cycles are compute + hits + idle" {
	trace-gen coh --count=4000 --pattern=producer-consumer --cpus=3 |
		awk 'NR > 1 { print ($2 == "W" ? 1 : 0), substr($3, 3) > (dir "/c" $1); print 2, "3" > (dir "/c" $1) }' dir="$BATS_TEST_TMPDIR"
	run bash -c "cache-coh --input=timed -P moesi -t cores -f csv --no-header $BATS_TEST_TMPDIR/c0 $BATS_TEST_TMPDIR/c1 $BATS_TEST_TMPDIR/c2 | awk -F, '\$2 + \$3 + \$4 + \$5 != \$6 || \$7 + \$8 != \$3 + \$4 { print \"bad\", \$0 }'"
	assert_success
	assert_output ""
}

@test "timed: errors" {
	printf '0 40\n3 40\n' > "$BATS_TEST_TMPDIR/c0"
	run cache-coh --input=timed "$BATS_TEST_TMPDIR/c0"
	assert_data_error "$BATS_TEST_TMPDIR/c0:2: expected a label 0 (load), 1 (store) or 2 (other work), found \"3\""
	printf '0 zz\n' > "$BATS_TEST_TMPDIR/c1"
	run cache-coh --input=timed "$BATS_TEST_TMPDIR/c1"
	assert_data_error "$BATS_TEST_TMPDIR/c1:1: expected an address, found \"zz\""
	while IFS='|' read -r line msg; do
		printf '2 5\n%s\n' "$line" > "$BATS_TEST_TMPDIR/c2"
		run cache-coh --input=timed "$BATS_TEST_TMPDIR/c2"
		assert_data_error "cache-coh: $BATS_TEST_TMPDIR/c2:2: $msg"
	done <<'EOF'
x 40|expected a label 0 (load), 1 (store) or 2 (other work), found "x"
-1 40|expected a label 0 (load), 1 (store) or 2 (other work), found "-1"
0|expected an address, found end of line
1|expected an address, found end of line
2|expected a number of cycles, found end of line
2 zz|expected a number of cycles, found "zz"
0 40 5|expected end of line, found "5"
0 10000000000000000|expected an address, found "10000000000000000" (out of range)
EOF
	run cache-coh --input=timed "$BATS_TEST_TMPDIR/nope"
	assert_failure 66
	assert_usage_error cache-coh --input=timed
	assert_usage_error cache-coh --input=timed -P msi,mesi -t cores "$F/timed/core0"
}
