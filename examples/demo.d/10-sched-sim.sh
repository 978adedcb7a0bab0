# 10-sched-sim.sh: CPU scheduling policies compared on the same jobs.
set -e
run() { printf '$ %s\n' "$*"; sh -c "$*"; }
echo "== sched-sim: CPU scheduling, tick by tick"
run "printf 'A 0 3\nB 2 6\nC 4 4\nD 6 5\nE 8 2\n' > /tmp/stallings.\$\$.jobs; sched-sim -p fcfs,rr,sjf,stcf,hrrn,mlfq -t summary --quiet /tmp/stallings.\$\$.jobs; rm -f /tmp/stallings.\$\$.jobs"
run "printf 'A 0 6 io_every=2 io_len=3\nB 0 4\nC 1 3\n' | sched-sim -p rr,stcf -q 2 --gantt -t summary"
run "trace-gen jobs --count=10K --arrival=poisson:10 --burst=exp:8 | sched-sim -p fifo,sjf,rr,mlfq,cfs -q 4 -t summary -f csv | cut -d, -f1,3,4,8"
run "trace-gen jobs --count=2K --arrival=poisson:3 --burst=exp:10 | sed 's/\$/ ws=1/' | sched-sim --cpus=4 --queues=per-cpu --steal -p rr -q 5 --warmup=3 --cache=4 -t cpus"
