## tools/sched-sim/local.mk: sched-sim, CPU scheduling tick by tick.
bin_PROGRAMS += sched-sim
sched_sim_SOURCES = %D%/sched-sim.c %D%/sched-out.c %D%/sched-opts.c \
	%D%/sched-sim.h
dist_man_MANS += man/sched-sim.1
TESTS += tests/sched-sim.bats
EXTRA_DIST += tests/fixtures/sched-sim
BENCHES += bench/sched-sim.sh
check_PROGRAMS += tests/unit/test-sched
TESTS += tests/unit/test-sched
tests_unit_test_sched_LDADD = lib/libosconcepts.la
