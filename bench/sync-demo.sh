#!/bin/bash
# sync-demo.sh: ns per increment for each lock kind, items/s for each
# producer-consumer scheme (figures only; never fails on speed).
field() {	# field CSV-ROW N
	printf '%s\n' "$1" | cut -d, -f"$2"
}
for threads in 1 2 4; do
	sync-demo race -f csv --no-header --threads=$threads --iterations=2M |
	while IFS= read -r row; do
		echo "sync-demo race $(field "$row" 1) ${threads}T: $(field "$row" 8) ns/op"
	done
done
for buffer in 1 64; do
	# A one-slot buffer hands over every item with a wake-up: fewer items.
	items=1M
	[ $buffer -eq 1 ] && items=100K
	sync-demo pc -f csv --no-header --items=$items --buffer=$buffer |
	while IFS= read -r row; do
		items=$(field "$row" 7)
		echo "sync-demo pc $(field "$row" 1) buffer=$buffer: $(awk -v n="$items" 'BEGIN { printf "%.2f", n / 1e6 }') Mitems/s"
	done
done
sync-demo rw -f csv --no-header --duration=0.5 |
while IFS= read -r row; do
	echo "sync-demo rw $(field "$row" 1) max write wait: $(field "$row" 7) us"
done
exit 0
