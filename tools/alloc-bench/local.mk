## tools/alloc-bench/local.mk: alloc-sim (simulated free lists) and alloc-bench (real allocators).
bin_PROGRAMS += alloc-sim alloc-bench
alloc_sim_SOURCES = %D%/alloc-sim.c
alloc_bench_SOURCES = %D%/alloc-bench.c
dist_man_MANS += man/alloc-sim.1 man/alloc-bench.1
TESTS += tests/alloc-sim.bats tests/alloc-bench.bats
EXTRA_DIST += tests/fixtures/alloc-sim tests/fixtures/alloc-bench
BENCHES += bench/alloc-bench.sh

check_PROGRAMS += tests/unit/test-alloc-sim
TESTS += tests/unit/test-alloc-sim
tests_unit_test_alloc_sim_LDADD = lib/libosconcepts.la

check_PROGRAMS += tests/unit/test-alloc-heap
TESTS += tests/unit/test-alloc-heap
tests_unit_test_alloc_heap_LDADD = lib/libosconcepts.la
