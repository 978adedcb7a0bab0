# 00-trace-gen.sh: synthetic traces, deterministic from the seed.
set -e
run() { printf '$ %s\n' "$*"; sh -c "$*"; }
echo "== trace-gen: traces for every tool"
run "trace-gen refs --dist=loop --pages=5 --count=12 | sed 1d | tr '\n' ' '; echo"
run "trace-gen refs --dist=zipf --pages=100 --count=100K | sed 1d | sort -n | uniq -c | sort -rn | head -3"
run "trace-gen refs --dist=scan-mix --pages=50 --scan-every=20 --scan-len=5 --count=30 -s 2 | sed 1d | tr '\n' ' '; echo"
