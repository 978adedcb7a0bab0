# common.sh: helpers for the benchmark scripts (sourced).
# BENCH_DIR: a scratch directory removed at exit.
BENCH_DIR=$(mktemp -d "${TMPDIR:-/tmp}/osc-bench.XXXXXX")
trap 'rm -rf "$BENCH_DIR"' EXIT

# now: seconds since the epoch with nanoseconds.
now() { date +%s.%N; }

# elapsed START: seconds since START.
elapsed() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.3f", b - a }'; }

# rate AMOUNT SECONDS SCALE: AMOUNT / SECONDS / SCALE with one decimal.
rate() { awk -v n="$1" -v s="$2" -v k="$3" 'BEGIN { if (s <= 0) s = 1e-9; printf "%.1f", n / s / k }'; }
