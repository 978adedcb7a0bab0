## tools/deadlock-check/local.mk: bankers, deadlock-check and liblockrec.
bin_PROGRAMS += bankers deadlock-check
bankers_SOURCES = %D%/bankers.c %D%/bankers-tables.c %D%/bankers.h
deadlock_check_SOURCES = %D%/deadlock-check.c %D%/deadlock-check.h \
	%D%/dc-out.c %D%/dc-matrix.c %D%/dc-run.c
# --run finds liblockrec.so next to itself (build tree) or here.
deadlock_check_CPPFLAGS = $(AM_CPPFLAGS) -DLOCKREC_LIBDIR='"$(libdir)"'

# liblockrec: an LD_PRELOAD module.  Never sanitized (per-target flags drop
# $(SAN_FLAGS)): it is preloaded into programs that may or may not be.
lib_LTLIBRARIES += liblockrec.la
liblockrec_la_SOURCES = %D%/lockrec.c
liblockrec_la_CFLAGS = -std=gnu11 -Wall -Wextra -pthread
liblockrec_la_LDFLAGS = -module -avoid-version -shared -pthread
liblockrec_la_LIBADD = -ldl

dist_man_MANS += man/bankers.1 man/deadlock-check.1
TESTS += tests/bankers.bats tests/deadlock-check.bats

DEADLOCK_UNIT = tests/unit/test-deadlock-bankers tests/unit/test-deadlock-locks
check_PROGRAMS += $(DEADLOCK_UNIT)
TESTS += $(DEADLOCK_UNIT)
tests_unit_test_deadlock_bankers_LDADD = lib/libosconcepts.la
tests_unit_test_deadlock_locks_LDADD = lib/libosconcepts.la

# Small programs with lock-order inversions for deadlock-check --run.  No
# libtool libraries: they must be real executables, not wrapper scripts.
DEADLOCK_PROGS = tests/unit/test-deadlock-prog-two \
	tests/unit/test-deadlock-prog-ring tests/unit/test-deadlock-prog-gated \
	tests/unit/test-deadlock-prog-trylock \
	tests/unit/test-deadlock-prog-recursive \
	tests/unit/test-deadlock-prog-self tests/unit/test-deadlock-prog-ordered \
	tests/unit/test-deadlock-prog-rwlock
check_PROGRAMS += $(DEADLOCK_PROGS)
tests_unit_test_deadlock_prog_two_LDADD =
tests_unit_test_deadlock_prog_ring_LDADD =
tests_unit_test_deadlock_prog_gated_LDADD =
tests_unit_test_deadlock_prog_trylock_LDADD =
tests_unit_test_deadlock_prog_recursive_LDADD =
tests_unit_test_deadlock_prog_self_LDADD =
tests_unit_test_deadlock_prog_ordered_LDADD =
tests_unit_test_deadlock_prog_rwlock_LDADD =
BENCHES += bench/deadlock-check.sh
