# 50-deadlock.sh: deadlock avoidance (bankers) and detection (deadlock-check).
set -e
run() { printf '$ %s\n' "$*"; sh -c "$*" || [ $? -eq 1 ]; }	# 1: the checker found the bad outcome
echo "== bankers: the banker's algorithm (Silberschatz et al. 8.6.3.3)"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$tmp"
sgg=sgg.txt
printf '%s\n' 'resources A B C' 'available 3 3 2' \
	'process P0 alloc 0 1 0 max 7 5 3' 'process P1 alloc 2 0 0 max 3 2 2' \
	'process P2 alloc 3 0 2 max 9 0 2' 'process P3 alloc 2 1 1 max 2 2 2' \
	'process P4 alloc 0 0 2 max 4 3 3' 'request P1 1 0 2' \
	'request P4 3 3 0' 'request P0 0 2 0' >"$sgg"
run "bankers --quiet -t safety,requests $sgg"
run "bankers -f csv --no-header --all $sgg | wc -l"
run "bankers --check-sequence='P1 P0 P3 P2 P4' -t safety $sgg"
echo "== deadlock-check: a deadlock, and the lock order that allows it"
run "printf 'T1 acquire A\nT2 acquire B\nT1 request B\nT2 request A\n' | deadlock-check"
run "printf 'T1 acquire A\nT1 acquire B\nT1 release B\nT1 release A\nT2 acquire B\nT2 acquire A\n' | deadlock-check -m order -t findings,summary"
run "trace-gen locks --threads=4 --locks=6 --inversions=1 | deadlock-check -m order -f csv -t summary"
run "trace-gen bankers --processes=6 --unsafe | bankers -t summary"
