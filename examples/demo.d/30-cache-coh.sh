# 30-cache-coh.sh: coherence protocols compared on the same traces.
set -e
run() { printf '$ %s\n' "$*"; sh -c "$*"; }
echo "== cache-coh: snooping coherence protocols"
run "printf '0 R 0x40\n1 R 0x40\n0 W 0x40\n1 R 0x40\n' | cache-coh -P moesi --cpus=2 -t accesses"
run "trace-gen coh --pattern=migratory --count=100K | cache-coh -P msi,mesi,moesi,dragon -t traffic"
run "trace-gen coh --pattern=false-share --count=100K --write-ratio=0.5 | cache-coh -P mesi,dragon -f csv | awk -F, '\$2 == \"all\" || NR == 1' | cut -d, -f1,5,6,14,15,18"
run "cache-coh --explain -P mesi | sed -n '7,12p'"
echo "== false-share: false sharing measured on this machine (times vary)"
run "false-share --threads=2 --iterations=20M"
