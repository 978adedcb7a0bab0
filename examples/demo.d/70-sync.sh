# 70-sync.sh: sync-demo: races, locks and the classic problems with real threads.
run() { printf '$ %s\n' "$*"; sh -c "$*"; }
echo "== sync-demo: synchronization with real threads (times vary)"
run "sync-demo race --lock=none --iterations=10M"
run "sync-demo race --lock=mutex,spin,ttas,atomic,twophase --iterations=200K --quiet"
run "sync-demo pc --items=20K --buffer=4"
run "sync-demo rw --readers=6 --writers=2 --duration=0.3"
run "sync-demo philo --force-deadlock --meals=200 --stall=200 -t all; echo \"exit status \$?\""
run "sync-demo philo --explain --strategy=ordered"
