# 20-page-replay.sh: page replacement and address translation in pipelines.
set -e
run() { printf '$ %s\n' "$*"; sh -c "$*"; }
echo "== page-replay: replacement policies, Belady's anomaly, read-ahead"
run "printf '%s\n' 7 0 1 2 0 3 0 4 2 3 0 3 2 1 2 0 1 7 0 1 | page-replay -p fifo,lru,opt -n 3 -f csv | cut -d, -f1,2,5"
run "printf '%s\n' 1 2 3 4 1 2 5 1 2 3 4 5 | page-replay -p fifo,lru -n 1-5 -t anomaly"
run "printf '%s\n' 7 0 1 2 0 3 0 4 | page-replay -p clock -n 3 -t accesses"
run "trace-gen refs --dist=zipf --pages=2000 --count=200K | page-replay -p fifo,lru,clock,2lru,opt -n 50-500:50 -f csv | awk -F, 'NR == 1 || \$2 == 500'"
run "trace-gen refs --dist=scan-mix --pages=500 --scan-len=300 --scan-every=500 --count=100K | page-replay -p lru,2lru -n 200 -f csv | cut -d, -f1,2,7"
run "trace-gen refs --dist=loop --pages=6 --count=60 | page-replay -p lru,mru -n 5 -f csv | cut -d, -f1,2,5"
echo "== vm-translate: segments, page tables, TLB"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$tmp"
run "printf 'segment 0 base=1000 limit=300 prot=r-x\nsegment 1 base=14186 limit=498 grows=down prot=rw\n' > segs.map"
run "printf 'R 100\nW 100\nW 753\nR 525\n' | vm-translate -m segment --as-size=1K --map=segs.map"
run "printf 'page 0 7\npage 1 8\npage 1023 9\n' > pt.map"
run "seq 0 4096 8192 | vm-translate -m multilevel --as-size=4M --pm-size=1M --page-size=4K --map=pt.map -t all"
