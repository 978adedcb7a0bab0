## tools/page-replay/local.mk: page-replay (replacement policies) and vm-translate (address translation).
bin_PROGRAMS += page-replay
page_replay_SOURCES = %D%/page-replay.c %D%/page-replay.h %D%/pr-input.c \
	%D%/pr-run.c %D%/pr-output.c %D%/pr-chart.c
dist_man_MANS += man/page-replay.1
TESTS += tests/page-replay.bats
EXTRA_DIST += tests/fixtures/page-replay

check_PROGRAMS += tests/unit/test-replace
TESTS += tests/unit/test-replace
tests_unit_test_replace_LDADD = lib/libosconcepts.la

BENCHES += bench/page-replay.sh

bin_PROGRAMS += vm-translate
vm_translate_SOURCES = %D%/vm-translate.c
dist_man_MANS += man/vm-translate.1
TESTS += tests/vm-translate.bats
EXTRA_DIST += tests/fixtures/vm-translate
