# 60-ipc.sh: ipc-demo, proc-demo, io-mux: real IPC between real processes, measured and checked.
set -e
run() { echo "\$ $*"; sh -c "$*"; }
echo "== ipc-demo: a parent and a child talk over each mechanism (timings vary, verified does not)"
run "ipc-demo -m pipe,unix-stream,mq-posix,shm-posix --count=2000 --bytes=16M --quiet"
run "ipc-demo -m mq-posix,udp --mode=throughput --size=100K --bytes=1M -f csv | cut -d, -f1-4,10"
echo "== proc-demo: the process life cycle"
run "proc-demo cow --size=4M --write-pct=0,50,100 --quiet"
run "proc-demo zombie --hold=20 -f csv | cut -d, -f2-"
echo "== io-mux: one echo server, four readiness APIs; edge-triggered epoll must drain"
run "io-mux --clients=20 --messages=50 --quiet"
run "io-mux --clients=3 --messages=5 --no-drain --timeout=1 -f csv | cut -d, -f1,9,10 || true"
