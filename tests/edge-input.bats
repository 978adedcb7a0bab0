#!/usr/bin/env bats
# edge-input.bats: bad input at the edges (issue 11, part 2), for every real
# tool that reads input: empty input, comments only, a 10 MB line, NUL bytes,
# invalid UTF-8 in names, 2^64-1 and 2^64, negative numbers, huge option
# values under `ulimit -v`, no final newline, CRLF, a directory, a missing file.
#
# Data-driven: one row per input format (the table below); each @test runs one
# case over every row and names the failing rows in its failure message.

load test_helper

MAX=18446744073709551615	# 2^64-1
OVER=18446744073709551616	# 2^64

# Every format's runner takes the trace file(s) as arguments.
run_refs() { page-replay -n 3 -p fifo -f csv --no-header "$@"; }
run_lackey() { page-replay --input=lackey -n 3 -p fifo -f csv --no-header "$@"; }
run_vaddr() { vm-translate -m base-bounds --base=100 --bounds=10 -f csv --no-header "$@"; }
run_jobs() { sched-sim -p fifo -f csv --no-header -t jobs "$@"; }
run_coh() { cache-coh -P mesi --cpus=2 -f csv --no-header -t summary "$@"; }
# The timed mode reads one file per core: core 1's file is fixed (`2 1`).
run_timed() { cache-coh --input=timed -f csv --no-header -t cores "$@" "$BATS_TEST_TMPDIR/core1"; }
run_allocsim() { alloc-sim -f csv --no-header "$@"; }
# alloc-bench measures time: keep its exact columns (ops, peak_payload,
# peak_heap, verified); messages go to stderr untouched.
run_allocbench() {
	local st=0
	alloc-bench -a first -f csv --no-header "$@" >"$BATS_TEST_TMPDIR/ab.out" || st=$?
	cut -d, -f1,3,6,7,9 "$BATS_TEST_TMPDIR/ab.out"
	return "$st"
}
run_bankers() { bankers -f csv --no-header "$@"; }
run_locks() { deadlock-check -f csv --no-header "$@"; }

KEYS="refs lackey vaddr jobs coh timed allocsim allocbench bankers locks"
declare -gA PROG IN OUT ST EMPTY_ST EMPTY_OUT MAXIN MAXOUT OVERIN NEGIN BIG_ST BIG_OUT

# refs: 7 0 1 in 3 frames: three cold misses.
PROG[refs]=page-replay IN[refs]='7\n0\n1\n' ST[refs]=0
OUT[refs]='fifo,3,3,0,3,0.000000,1.000000,3,0,0,0,0,0'
EMPTY_ST[refs]=0 EMPTY_OUT[refs]='fifo,3,0,0,0,,,0,0,0,0,0,0'
MAXIN[refs]="$MAX\n" MAXOUT[refs]='fifo,3,1,0,1,0.000000,1.000000,1,0,0,0,0,0'
OVERIN[refs]="$OVER\n" NEGIN[refs]='-1\n'
# lackey: two distinct addresses (pages of 1 byte): two cold misses.  A line
# of another shape (here the 10 MB one) is skipped, as for valgrind's banner.
PROG[lackey]=page-replay IN[lackey]='I  04011a0,3\n L 1ffefffd28,8\n' ST[lackey]=0
OUT[lackey]='fifo,3,2,0,2,0.000000,1.000000,2,0,0,0,0,0'
EMPTY_ST[lackey]=0 EMPTY_OUT[lackey]="${EMPTY_OUT[refs]}"
MAXIN[lackey]=' L ffffffffffffffff,8\n' MAXOUT[lackey]="${MAXOUT[refs]}"
OVERIN[lackey]=' L 10000000000000000,8\n' NEGIN[lackey]=' L -1000,8\n'
BIG_ST[lackey]=0 BIG_OUT[lackey]="${EMPTY_OUT[refs]}"
# vaddr, base 100 bounds 10: VA 4 -> PA 104, VA 5 -> PA 105; VA 2^64-1 is
# past the bounds.
PROG[vaddr]=vm-translate IN[vaddr]='0 R 4\n1 W 5\n' ST[vaddr]=0
OUT[vaddr]=$'1,0,R,4,,,ok,,104,,0\n2,1,W,5,,,ok,,105,,0'
EMPTY_ST[vaddr]=0 EMPTY_OUT[vaddr]=''
MAXIN[vaddr]="$MAX\n" MAXOUT[vaddr]="1,0,R,$MAX,,,bounds,,,,0"
OVERIN[vaddr]="$OVER\n" NEGIN[vaddr]='-1 R 4\n'
# jobs, fifo: A runs 0-3; B (arrives 1) waits 2, runs 3-5, turnaround 4.
PROG[jobs]=sched-sim IN[jobs]='A 0 3\nB 1 2\n' ST[jobs]=0
OUT[jobs]=$'fifo,A,0,3,0,3,0,3,0\nfifo,B,1,2,3,5,2,4,2'
EMPTY_ST[jobs]=65 EMPTY_OUT[jobs]='sched-sim: no jobs in the input'
MAXIN[jobs]="A 0 3 tickets=$MAX\n" MAXOUT[jobs]='fifo,A,0,3,0,3,0,3,0'
OVERIN[jobs]="A 0 3 tickets=$OVER\n" NEGIN[jobs]='A -1 3\n'
# coh, mesi: cpu0's read misses (1 + 100 memory cycles); cpu1's write
# misses and takes the line from cpu0's E copy cache to cache (1 + 8 words
# x 2 cycles = 17), invalidating it.
PROG[coh]=cache-coh IN[coh]='0 R 0x40\n1 W 0x40\n' ST[coh]=0
OUT[coh]=$'mesi,0,1,0,1,0,1.000000,1,0,0,0,0,0,1,0,0,0,101\nmesi,1,0,1,0,1,1.000000,0,1,0,0,0,0,0,0,0,1,17\nmesi,all,1,1,1,1,1.000000,1,1,0,0,0,0,1,0,0,1,118'
EMPTY_ST[coh]=0
EMPTY_OUT[coh]=$'mesi,0,0,0,0,0,,0,0,0,0,0,0,0,0,0,0,0\nmesi,1,0,0,0,0,,0,0,0,0,0,0,0,0,0,0,0\nmesi,all,0,0,0,0,,0,0,0,0,0,0,0,0,0,0,0'
MAXIN[coh]="0 R $MAX\n"
MAXOUT[coh]=$'mesi,0,1,0,1,0,1.000000,1,0,0,0,0,0,0,0,0,0,101\nmesi,1,0,0,0,0,,0,0,0,0,0,0,0,0,0,0,0\nmesi,all,1,0,1,0,1.000000,1,0,0,0,0,0,0,0,0,0,101'
OVERIN[coh]="0 R $OVER\n" NEGIN[coh]='0 R -1\n'
# timed: core 0 loads 0x40 (1 cycle + 100 waiting for memory: idle 100)
# then works 5 cycles: 106; core 1 works 1 cycle.
PROG[timed]=cache-coh IN[timed]='0 40\n2 5\n' ST[timed]=0
OUT[timed]=$'0,5,1,0,100,106,1,0\n1,1,0,0,0,1,0,0'
EMPTY_ST[timed]=0 EMPTY_OUT[timed]=$'0,0,0,0,0,0,0,0\n1,1,0,0,0,1,0,0'
MAXIN[timed]='0 ffffffffffffffff\n' MAXOUT[timed]=$'0,0,1,0,100,101,1,0\n1,1,0,0,0,1,0,0'
OVERIN[timed]='0 10000000000000000\n' NEGIN[timed]='0 -1\n'
# alloc-sim, first fit in the default 64K heap: peak 512 bytes,
# utilization 512/65536 = 0.0078125 (printed 0.007812).
PROG[allocsim]=alloc-sim IN[allocsim]='a 0 512\nf 0\n' ST[allocsim]=0
OUT[allocsim]='first,2,1,1,0,0,512,65536,0.007812,0.000000,0.000000,1.000000'
EMPTY_ST[allocsim]=0 EMPTY_OUT[allocsim]='first,0,0,0,0,0,0,65536,0.000000,0.000000,0.000000,0.000000'
# Block id 2^64-1 is an id like any other: 16/65536 = 0.000244.
MAXIN[allocsim]="a $MAX 16\n" MAXOUT[allocsim]='first,1,1,0,0,0,16,65536,0.000244,0.000000,0.000000,1.000000'
OVERIN[allocsim]="a $OVER 16\n" NEGIN[allocsim]='a -1 16\n'
# alloc-bench, first: 512 payload bytes in a 16-byte header + 512 + 16
# trailer = 544-byte heap; 16 bytes -> 48.
PROG[allocbench]=alloc-bench IN[allocbench]="${IN[allocsim]}" ST[allocbench]=0
OUT[allocbench]='first,2,512,544,true'
EMPTY_ST[allocbench]=0 EMPTY_OUT[allocbench]='first,0,0,16,true'
MAXIN[allocbench]="a $MAX 16\n" MAXOUT[allocbench]='first,1,16,48,true'
OVERIN[allocbench]="a $OVER 16\n" NEGIN[allocbench]='a -1 16\n'
# bankers: available 3; P0 needs 3, P1 needs 2: P0 first (restart scan),
# then P1; safe.
PROG[bankers]=bankers IN[bankers]='available 3\nprocess P0 alloc 1 max 4\nprocess P1 alloc 0 max 2\n' ST[bankers]=0
OUT[bankers]='true,P0 P1,0,0,0'
EMPTY_ST[bankers]=65 EMPTY_OUT[bankers]='bankers: expected an available or total line, found none'
MAXIN[bankers]="available $MAX\nprocess P0 alloc 0 max $MAX\n" MAXOUT[bankers]='true,P0,0,0,0'
OVERIN[bankers]="available $OVER\n" NEGIN[bankers]='available -1\n'
# locks: the classic two-thread deadlock, found on lines 3 and 4 (status 1).
PROG[locks]=deadlock-check IN[locks]='T1 acquire A\nT2 acquire B\nT1 request B\nT2 request A\n' ST[locks]=1
OUT[locks]='deadlock,T1 T2,B A,T1 -> B (held by T2) -> T2 -> A (held by T1),3 4'
EMPTY_ST[locks]=0 EMPTY_OUT[locks]=''
MAXIN[locks]="resource R $MAX\nT1 acquire R $MAX\nT1 release R $MAX\n" MAXOUT[locks]=''
OVERIN[locks]="resource R $OVER\n" NEGIN[locks]='resource R -1\n'

# Some 300 runs here: with a shared build, run the real binaries in .libs
# rather than libtool's wrapper scripts (each a shell and a few execs), as
# bench/run.sh does.
setup_file() {
	if [ -n "$top_builddir" ] && [ -x "$top_builddir/.libs/page-replay" ]; then
		export PATH=$top_builddir/.libs:$PATH
		export LD_LIBRARY_PATH=$top_builddir/lib/.libs${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}
	fi
}

setup() {
	printf '2 1\n' >"$BATS_TEST_TMPDIR/core1"
	errs=
}

# put NAME FORMAT: write printf FORMAT (with \n, \r, \0 escapes) to a file.
put() {
	printf -- "$2" >"$BATS_TEST_TMPDIR/$1"
	printf '%s\n' "$BATS_TEST_TMPDIR/$1"
}

# check KEY FILE STATUS WANT [partial]: run KEY's tool on FILE; record a
# failure naming KEY unless the status is STATUS and the output (stdout and
# stderr) is WANT, or contains WANT with "partial".
check() {
	local key=$1 file=$2 st=$3 want=$4 mode=${5:-exact} ok=1
	run "run_$key" "$file"
	[ "$status" = "$st" ] || ok=
	if [ "$mode" = partial ]; then
		[[ $output == *"$want"* ]] || ok=
	else
		[ "$output" = "$want" ] || ok=
	fi
	[ -n "$ok" ] || errs+="$key: status $status (want $st), output \"${output:0:300}\" (want ${mode} \"$want\")"$'\n'
}

# data_error KEY FILE LINE: status 65 and `PROG: FILE:LINE: `.
data_error() {
	check "$1" "$2" 65 "${PROG[$1]}: $2:$3: " partial
}

report() {
	[ -z "$errs" ] || fail "$errs"
}

@test "empty input: each tool's documented answer" {
	for k in $KEYS; do
		check "$k" "$(put empty '')" "${EMPTY_ST[$k]}" "${EMPTY_OUT[$k]}"
	done
	report
}

@test "only comments and blank lines: the same as empty input" {
	for k in $KEYS; do
		check "$k" "$(put comments '# a comment\n\n   # indented\t\r\n\t\n')" \
			"${EMPTY_ST[$k]}" "${EMPTY_OUT[$k]}"
	done
	report
}

@test "the minimal valid input of each format gives the hand-worked answer" {
	for k in $KEYS; do
		check "$k" "$(put ok "${IN[$k]}")" "${ST[$k]}" "${OUT[$k]}"
	done
	report
}

@test "a trace without a final newline gives the same answer" {
	for k in $KEYS; do
		check "$k" "$(put nonl "${IN[$k]%\\n}")" "${ST[$k]}" "${OUT[$k]}"
	done
	report
}

@test "a CRLF trace gives the same answer" {
	for k in $KEYS; do
		check "$k" "$(put crlf "${IN[$k]//\\n/\\r\\n}")" "${ST[$k]}" "${OUT[$k]}"
	done
	report
}

@test "comments after records and a 10 MB comment line: the same answer" {
	{ printf '# '; head -c 10000000 /dev/zero | tr '\0' c; echo; } >"$BATS_TEST_TMPDIR/line"
	for k in $KEYS; do
		# lackey lines are valgrind's, read raw: no comment after a record.
		if [ "$k" = lackey ]; then
			printf "${IN[$k]}" >"$BATS_TEST_TMPDIR/bigc"
		else
			printf "${IN[$k]//\\n/ # note\\n}" >"$BATS_TEST_TMPDIR/bigc"
		fi
		cat "$BATS_TEST_TMPDIR/line" >>"$BATS_TEST_TMPDIR/bigc"
		check "$k" "$BATS_TEST_TMPDIR/bigc" "${ST[$k]}" "${OUT[$k]}"
	done
	report
}

@test "a 10 MB single-token line: status 65 at line 1, a short message" {
	head -c 10000000 /dev/zero | tr '\0' x >"$BATS_TEST_TMPDIR/big"
	echo >>"$BATS_TEST_TMPDIR/big"
	for k in $KEYS; do
		if [ -n "${BIG_ST[$k]}" ]; then
			check "$k" "$BATS_TEST_TMPDIR/big" "${BIG_ST[$k]}" "${BIG_OUT[$k]}"
			continue
		fi
		data_error "$k" "$BATS_TEST_TMPDIR/big" 1
		[ "${#output}" -lt 400 ] || errs+="$k: a message of ${#output} bytes"$'\n'
	done
	report
}

@test "NUL bytes: status 65 naming the line, in a record, a comment or at the end" {
	local n
	for k in $KEYS; do
		# The valid input has n lines; the NUL is on line n+1.
		n=$(printf "${IN[$k]}" | wc -l)
		data_error "$k" "$(put nul "${IN[$k]}\0\n")" $((n + 1))
		assert_output --partial 'expected text, found a NUL byte'
		data_error "$k" "$(put nulc "${IN[$k]}# a\0b\n")" $((n + 1))
		data_error "$k" "$(put nule "${IN[$k]}\0")" $((n + 1))
	done
	report
}

@test "2^64-1 is a valid number; 2^64 is out of range at its line" {
	for k in $KEYS; do
		check "$k" "$(put max "${MAXIN[$k]}")" "${ST[$k]/1/0}" "${MAXOUT[$k]}"
		data_error "$k" "$(put over "${OVERIN[$k]}")" 1
		# Every reader names the value as out of range (osc-traces(5)).
		[[ $output == *'found "'*'" (out of range)'* ]] ||
			errs+="$k: no (out of range) in \"$output\""$'\n'
	done
	report
}

@test "negative numbers where unsigned: status 65 at the line" {
	for k in $KEYS; do
		data_error "$k" "$(put neg "${NEGIN[$k]}")" 1
	done
	report
}

@test "a directory as input: status 66" {
	for k in $KEYS; do
		check "$k" "$BATS_TEST_TMPDIR" 66 "${PROG[$k]}: $BATS_TEST_TMPDIR: cannot read: Is a directory" partial
	done
	report
}

@test "a missing file: status 66" {
	for k in $KEYS; do
		check "$k" "$BATS_TEST_TMPDIR/missing" 66 "${PROG[$k]}: $BATS_TEST_TMPDIR/missing: cannot open" partial
	done
	report
}

@test "numbers past a format's own limit: status 65 at the line" {
	# Regressions: tickets summing past 2^64 made lottery's total wrap (to 0:
	# a crash); cycles in a timed trace wrapped a core's clock.
	check jobs "$(put t "A 0 3 tickets=9223372036854775808\nB 0 3 tickets=9223372036854775808\n")" \
		65 "sched-sim: $BATS_TEST_TMPDIR/t:2: expected the tickets of all jobs to sum below 2^64" partial
	run sched-sim -p lottery "$BATS_TEST_TMPDIR/t"
	[ "$status" = 65 ] || errs+="lottery: status $status (was 139, a crash)"$'\n'
	check jobs "$(put t "A 0 3 tickets=9223372036854775807\nB 0 3 tickets=9223372036854775808\n")" \
		0 $'fifo,A,0,3,0,3,0,3,0\nfifo,B,0,3,3,6,3,6,3'
	check timed "$(put t '2 ffffffffffffffff\n')" 65 "cache-coh: $BATS_TEST_TMPDIR/t:1: expected cycles that keep core 0's clock below 2^63" partial
	check timed "$(put t '2 7ffffffffffffffe\n')" 0 $'0,9223372036854775806,0,0,0,9223372036854775806,0,0\n1,1,0,0,0,1,0,0'
	check timed "$(put t '2 7fffffffffffffff\n0 40\n2 1\n')" 65 "cache-coh: $BATS_TEST_TMPDIR/t:3: " partial
	# Times below 2^40, sizes up to 2^48, instances summing past 2^64-1.
	check jobs "$(put t "A 0 $MAX\n")" 65 "sched-sim: $BATS_TEST_TMPDIR/t:1: expected a burst time (an integer below 2^40)" partial
	check jobs "$(put t 'A 1099511627775 1099511627775\n')" 0 'fifo,A,1099511627775,1099511627775,1099511627775,2199023255550,0,1099511627775,0'
	check allocsim "$(put t "a 0 $MAX\n")" 65 "alloc-sim: $BATS_TEST_TMPDIR/t:1: expected a size from 1 to 2^48" partial
	check bankers "$(put t "available $MAX\nprocess P0 alloc $MAX max $MAX\nprocess P1 alloc 1 max 1\n")" \
		65 "bankers: $BATS_TEST_TMPDIR/t:1: expected available plus the allocations of R0 below 2^64" partial
	check locks "$(put t "resource R $MAX\nT1 acquire R 9223372036854775808\nT2 acquire R 9223372036854775808\n")" \
		65 "deadlock-check: $BATS_TEST_TMPDIR/t:3: expected at most $MAX instances of R in use" partial
	report
}

@test "invalid UTF-8 in names: kept as bytes in csv, U+FFFD in json, duplicates found" {
	local bad=$'\xff\xfe'
	check jobs "$(put u 'A\xff\xfe 0 3\n')" 0 "fifo,A$bad,0,3,0,3,0,3,0"
	run sched-sim -p fifo -f json -t jobs "$BATS_TEST_TMPDIR/u"
	assert_success
	assert_output --partial '"job":"A\ufffd\ufffd"'
	check jobs "$(put u 'A\xff 0 3\nA\xff 1 3\n')" 65 "sched-sim: $BATS_TEST_TMPDIR/u:2: duplicate job name" partial
	check bankers "$(put u 'available 3\nprocess P\xff alloc 1 max 4\nprocess Q\xc3 alloc 0 max 2\n')" 0 $'true,P\xff Q\xc3,0,0,0'
	run bankers -f json "$BATS_TEST_TMPDIR/u"
	assert_output --partial '"sequence":"P\ufffd Q\ufffd"'
	check bankers "$(put u 'available 3\nprocess P\xff alloc 0 max 1\nprocess P\xff alloc 1 max 2\n')" 65 "bankers: $BATS_TEST_TMPDIR/u:3: expected a new process name" partial
	check locks "$(put u 'T\xff acquire L\xc3(\nT\xfe acquire M\nT\xff request M\nT\xfe request L\xc3(\n')" \
		1 $'deadlock,T\xff T\xfe,M L\xc3(,T\xff -> M (held by T\xfe) -> T\xfe -> L\xc3( (held by T\xff),3 4'
	run deadlock-check -f json "$BATS_TEST_TMPDIR/u"
	assert_failure 1
	assert_output --partial '"threads":"T\ufffd T\ufffd"'
	report
}

# Huge option values: a clear message and 64 (or 69/71 when memory really
# runs out), never an attempt to allocate terabytes: every run is under
# `ulimit -v` 1 GB, except in a sanitized build (ASan reserves terabytes of
# shadow address space), where the rows that allocate are skipped.
# Row: STATUS[/STATUS]|MESSAGE (a part of the output)|COMMAND (@F = a valid trace).
HUGE_OPTS=(
	"64|invalid value for --frames: expected 1 to 268435456 frames|page-replay -n $MAX -p fifo @refs"
	"64|invalid value for --frames: expected 1 to 268435456 frames|page-replay -n 10G -p lru @refs"
	"64|more than 4096 values|page-replay -n 1-$MAX -p lru @refs"
	"64|invalid value for --frames|page-replay -n -1 -p lru @refs"
	"64|invalid value for readahead|page-replay -n 3 -p lru --readahead=$MAX @refs"
	"71|page-replay: out of memory for 268435456 frames|page-replay -n 268435456 -p lru,opt @refs|mem"
	"64|invalid value for tlb: expected 0 to 65536|vm-translate -m linear --tlb=$MAX @vaddr"
	"64|invalid value for as-size|vm-translate -m linear --as-size=$MAX @vaddr"
	"64|page tables of more than 2^64-1 bytes|vm-translate -m linear --as-size=4611686018427387904 --pm-size=4611686018427387904 --page-size=1 --pte-size=4096 --map=@map -t summary @vaddr"
	"64|invalid value for --cpus: expected 1 to 64|sched-sim --cpus=$MAX @jobs"
	"64|invalid value for --cpus|sched-sim --cpus=-1 @jobs"
	"64|invalid value for --levels: expected 1 to 64|sched-sim -p mlfq --levels=$MAX @jobs"
	"64|invalid value for --width: expected 8 to 100000|sched-sim --gantt --width=100000000 @jobs"
	"64|invalid value for --cpus: expected 1 to 64|cache-coh --cpus=$MAX @coh"
	"64|too large to simulate|cache-coh --cache-size=64G @coh"
	"71|cache-coh: out of memory for 4 caches|cache-coh --cache-size=1G @coh|mem"
	"64|--heap must be between 1 byte and 64P|alloc-sim --heap=$MAX @allocsim"
	"64|invalid value for --heap|alloc-sim --heap=-1 @allocsim"
	"64|invalid value for --repeat: expected 1 to 1000|alloc-bench --repeat=$MAX @allocsim"
	"64|invalid value for --max-sequences|bankers --all --max-sequences=-1 @bankers"
	"64|too many for a zipf table|trace-gen refs --pages=10G --dist=zipf"
	"64|invalid value for --max-live: expected 1 to 268435456|trace-gen allocs --max-live=$MAX"
	"64|--threads and --locks must be 1 to 1000000|trace-gen locks --locks=1G"
	"64|invalid value for --processes: expected 1 to 10000|trace-gen bankers --processes=1G"
	"64|invalid value for --cpus: expected 1 to 64|trace-gen coh --cpus=$MAX"
	"64|at most 2^24 virtual pages|trace-gen vm --map-out=@out --as-size=1G --pm-size=1G --page-size=1"
	"64|invalid value for size: expected 1 to 67108864|ipc-demo --size=$MAX"
	"64|invalid value for bytes|ipc-demo --mode=throughput --bytes=$MAX"
	"64|invalid value for count|ipc-demo --count=-1"
	"64|invalid value for clients: expected 1 to 1000000|io-mux --clients=$MAX"
	"64|invalid value for size|io-mux --size=1T"
	"64|invalid value for size|proc-demo cow --size=$MAX"
	"64|invalid value for count: expected 1 to 10000000|proc-demo spawn-cost --count=100000000"
	"64/71|proc-demo: |proc-demo cow --size=4G --write-pct=0|mem"
	"64|invalid value for --threads: expected 1 to 1024|sync-demo race --threads=$MAX"
	"64|invalid value for --buffer: expected 1 to 16777216|sync-demo pc --buffer=$MAX"
	"64|invalid value for --philosophers: expected 2 to 1024|sync-demo philo --philosophers=1000000"
	"71|cannot start threads|sync-demo race --threads=1024 --iterations=1 --lock=mutex|mem"
	"64|invalid value for --threads: expected 1 to 256|false-share --threads=$MAX"
	"64|invalid value for --line-size: expected 8 to 4096|false-share --line-size=1G"
)

@test "huge option values: a clear message and 64/71 under ulimit -v, no huge allocation" {
	local row st msg cmd mem k lim=1000000
	for k in $KEYS; do put "$k" "${IN[$k]}" >/dev/null; done
	put map 'page 0 3\n' >/dev/null
	for row in "${HUGE_OPTS[@]}"; do
		IFS='|' read -r st msg cmd mem <<<"$row"
		[ -n "$SAN_FLAGS" ] && [ "$mem" = mem ] && continue
		cmd=${cmd//@/$BATS_TEST_TMPDIR/}
		if [ -n "$SAN_FLAGS" ]; then
			run bash -c "$cmd"
		else
			run bash -c "ulimit -v $lim && $cmd"
		fi
		if [[ "/$st/" != *"/$status/"* ]] || [[ $output != *"$msg"* ]]; then
			errs+="$cmd: status $status (want $st), output \"${output:0:300}\""$'\n'
		fi
	done
	report
}

@test "huge but simulated sizes cost no memory: --heap=1T, --max-sequences=2^64-1, --count=2^64-1" {
	local pre=
	[ -n "$SAN_FLAGS" ] || pre="ulimit -v 1000000 &&"
	put a "${IN[allocsim]}" >/dev/null
	put b "${IN[bankers]}" >/dev/null
	# 512 bytes of a 2^40-byte heap: utilization 4.7e-10, printed 0.000000.
	run bash -c "$pre alloc-sim -f csv --no-header --heap=1T '$BATS_TEST_TMPDIR/a'"
	assert_success
	assert_output 'first,2,1,1,0,0,512,1099511627776,0.000000,0.000000,0.000000,1.000000'
	# Both orders are safe: P0 (need 3 <= 3) then P1, or P1 (2 <= 3) then P0.
	run bash -c "$pre bankers --all --max-sequences=$MAX -f csv --no-header -t sequences '$BATS_TEST_TMPDIR/b'"
	assert_success
	assert_output $'1,P0 P1\n2,P1 P0'
	# trace-gen streams: the first lines of 2^64-1 references come at once.
	run bash -c "$pre trace-gen refs --count=$MAX | head -3 | wc -l"
	assert_output 3
}
