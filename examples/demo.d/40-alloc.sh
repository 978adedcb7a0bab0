# 40-alloc.sh: free-list policies step by step, then real allocators measured.
set -e
run() { printf '$ %s\n' "$*"; sh -c "$*"; }
echo "== alloc-sim: the textbook's 100-byte heap, best fit, every step"
run "printf 'a 1 30\na 2 20\nf 1\na 3 10\n' | alloc-sim --heap=100 --base=1000 -p best -t ops"
echo
echo "== alloc-sim: six policies on one generated trace"
run "trace-gen allocs --ops=10K --size=exp:64 --max-live=200 | alloc-sim -p first,next,best,worst,segregated,buddy --heap=32K --quiet"
echo
echo "== alloc-bench: real allocators on real memory, verified"
run "trace-gen allocs --ops=100K --max-live=1000 --size=exp:200 --realloc-ratio=0.1 | alloc-bench -a segregated,buddy,system -f csv | cut -d, -f1,3,5-"
