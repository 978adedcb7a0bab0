#!/bin/bash
# trace-gen.sh: trace-gen's output speed (goal: >= 100 MB/s for refs).
. "$(dirname "$0")/common.sh"
for dist in uniform zipf; do
	start=$(now)
	bytes=$(trace-gen refs --dist=$dist --pages=1M --count=10M | wc -c)
	secs=$(elapsed "$start")
	echo "trace-gen refs --dist=$dist --count=10M: $(rate "$bytes" "$secs" 1e6) MB/s ($bytes bytes in $secs s)"
done
