## tools/cache-coh/local.mk: cache-coh (coherence simulator) and false-share.
check_PROGRAMS += tests/unit/test-coh
TESTS += tests/unit/test-coh
tests_unit_test_coh_LDADD = lib/libosconcepts.la
bin_PROGRAMS += cache-coh
cache_coh_SOURCES = %D%/cache-coh.c %D%/cache-coh.h %D%/cc-out.c %D%/cc-read.c \
	%D%/cc-timed.c
dist_man_MANS += man/cache-coh.1
TESTS += tests/cache-coh.bats
EXTRA_DIST += tests/fixtures/cache-coh
BENCHES += bench/cache-coh.sh
bin_PROGRAMS += false-share
false_share_SOURCES = %D%/false-share.c
dist_man_MANS += man/false-share.1
TESTS += tests/false-share.bats
