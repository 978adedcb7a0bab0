#!/bin/sh
# demo.sh: the showcase: each tool's pipelines, from examples/demo.d/ in order.
dir=${1:-$(dirname "$0")}
echo "osconcepts: operating-system concepts you can pipe."
for part in "$dir"/demo.d/*.sh; do
	[ -e "$part" ] || continue
	echo
	sh "$part" || { echo "demo: $part failed" >&2; exit 1; }
done
