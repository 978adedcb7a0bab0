#!/bin/bash
# alloc-bench.sh: the real allocators against the C library's malloc on
# malloc-lab-style traces (goal: segregated >= 85% average utilization and
# at least half of glibc's throughput).
. "$(dirname "$0")/common.sh"

# name and trace-gen allocs options of each trace
traces=(
	"mixed:--ops=1M --max-live=2000 --size=exp:200 --realloc-ratio=0.05"
	"binary:--ops=1M --max-live=4000 --size=pow2:16-4K"
	"realloc-heavy:--ops=1M --max-live=1000 --size=uniform:1-4K --realloc-ratio=0.5"
	"small:--ops=1M --max-live=20000 --size=uniform:8-64"
	"large:--ops=200K --max-live=500 --size=uniform:1K-64K"
)
files=()
for t in "${traces[@]}"; do
	name=${t%%:*}
	trace-gen allocs ${t#*:} -s 7 > "$BENCH_DIR/$name.alloc"
	files+=("$BENCH_DIR/$name.alloc")
done
alloc-bench -a first,next,best,segregated,buddy,system --repeat=3 \
	-f csv --no-header "${files[@]}" > "$BENCH_DIR/results.csv"
# The goal names three kinds (mixes of small and large, binary-pattern,
# realloc-heavy): their average is printed beside the average of all five.
# The all-tiny trace caps any allocator with 16-byte alignment, 8-byte
# headers and 32-byte minimum blocks near 69 %.
awk -F, 'BEGIN { named["mixed"]; named["binary"]; named["realloc-heavy"] }
{
	n = split($2, p, "/"); tr = p[n]; sub(/\.alloc$/, "", tr)
	u = ($8 == "") ? "n/a" : sprintf("%.1f %%", $8 * 100)
	printf "alloc-bench %s %s: %.2f Mops/s, utilization %s%s\n", $1, tr, $5, u,
		($9 == "false") ? " (VERIFICATION FAILED)" : ""
	mops[$1, tr] = $5
	if ($8 != "") { usum[$1] += $8; un[$1]++ }
	if ($8 != "" && (tr in named)) { nsum[$1] += $8; nn[$1]++ }
	if ($1 == "system") sys[tr] = $5
	traces[tr] = 1; allocs[$1] = 1
}
END {
	for (a in allocs) {
		if (un[a]) printf "alloc-bench %s average utilization: %.1f %% (all traces)\n", a, usum[a] / un[a] * 100
		if (nn[a]) printf "alloc-bench %s average utilization: %.1f %% (mixed, binary, realloc-heavy)\n", a, nsum[a] / nn[a] * 100
		if (a == "system") continue
		r = 0; k = 0
		for (tr in traces) if (sys[tr] > 0) { r += mops[a, tr] / sys[tr]; k++ }
		if (k) printf "alloc-bench %s throughput vs glibc: %.2f ratio\n", a, r / k
	}
}' "$BENCH_DIR/results.csv" | sort
