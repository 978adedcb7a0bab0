#!/bin/sh
# run.sh: run each benchmark script given; figures only, never a failure.
echo "osconcepts benchmarks on $(uname -m), $(nproc) CPUs, $(date -u +%Y-%m-%d)"
for script in "$@"; do
	echo "== $(basename "$script" .sh)"
	bash "$script" || echo "($(basename "$script") stopped early; figures above are partial)"
done
exit 0
