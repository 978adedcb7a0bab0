#!/bin/bash
# scan.sh: the trace scanner's speed on a 10M-line refs trace (zipf, 1M pages).
. "$(dirname "$0")/common.sh"
trace=$BENCH_DIR/refs.txt
trace-gen refs --dist=zipf --pages=1M --count=10M >"$trace"
cat "$trace" >/dev/null	# warm the page cache
read -r lines secs bytes _ < <("$top_builddir/bench/bench-scan" "$trace")
echo "scanner 10M-line refs trace: $(rate "$bytes" "$secs" 1e6) MB/s, $(rate "$lines" "$secs" 1e6) Mlines/s ($secs s)"
