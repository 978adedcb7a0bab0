## tests/local.mk: how make check runs Bats suites, C unit tests and man lint.
## Every test speaks TAP, so make check lists each one by name.
TEST_EXTENSIONS = .bats .sh
TAP_DRIVER = env AM_TAP_AWK='$(AWK)' $(SHELL) $(top_srcdir)/build-aux/tap-driver.sh
LOG_DRIVER = $(TAP_DRIVER)
BATS_LOG_DRIVER = $(TAP_DRIVER)
BATS_LOG_COMPILER = $(BATS)
AM_BATS_LOG_FLAGS = --tap
SH_LOG_DRIVER = $(TAP_DRIVER)
SH_LOG_COMPILER = bash
# The build's binaries come first on PATH; tests find fixtures via srcdir.
AM_TESTS_ENVIRONMENT = \
	PATH='$(abs_top_builddir):$(abs_top_builddir)/tests/unit:'"$$PATH"; export PATH; \
	top_srcdir='$(abs_top_srcdir)'; export top_srcdir; \
	top_builddir='$(abs_top_builddir)'; export top_builddir; \
	MANDOC='$(MANDOC)'; export MANDOC; GROFF='$(GROFF)'; export GROFF; \
	MAN_PAGES='$(dist_man_MANS)'; export MAN_PAGES; \
	BIN_PROGRAMS='$(bin_PROGRAMS)'; export BIN_PROGRAMS; \
	LOCPATH='$(abs_top_builddir)/tests/locale'; export LOCPATH; \
	CC='$(CC)'; export CC; SAN_FLAGS='$(SAN_FLAGS)'; export SAN_FLAGS; \
	LC_ALL=C; export LC_ALL; unset ARGP_HELP_FMT;

EXTRA_DIST += %D%/test_helper.bash %D%/fixtures %D%/unit/tap.h

# C unit tests of the library core.
UNIT_TESTS = %D%/unit/test-scan %D%/unit/test-num %D%/unit/test-out \
	%D%/unit/test-rng %D%/unit/test-map %D%/unit/test-heap %D%/unit/test-list
check_PROGRAMS += $(UNIT_TESTS)
TESTS += $(UNIT_TESTS)
tests_unit_test_scan_LDADD = lib/libosconcepts.la
tests_unit_test_num_LDADD = lib/libosconcepts.la
tests_unit_test_out_LDADD = lib/libosconcepts.la
tests_unit_test_rng_LDADD = lib/libosconcepts.la
tests_unit_test_map_LDADD = lib/libosconcepts.la
tests_unit_test_heap_LDADD = lib/libosconcepts.la
tests_unit_test_list_LDADD = lib/libosconcepts.la

# Man page lint: mandoc -T lint -W warning clean, groff -ww -z silent.
TESTS += %D%/man-lint.sh
EXTRA_DIST += %D%/man-lint.sh

# A minimal front end that exercises the shared command line (tests/cli.bats).
check_PROGRAMS += tests/unit/osc-cli-check
tests_unit_osc_cli_check_LDADD = $(LDADD)
TESTS += %D%/cli.bats

# Bad input at the edges, over every tool that reads input (issue 11).
TESTS += %D%/edge-input.bats

# Every long option of --help is documented in the binary's man page.
TESTS += %D%/man-options.sh
EXTRA_DIST += %D%/man-options.sh

# Every Bats suite listed in TESTS by any fragment goes into the tarball.
EXTRA_DIST += $(filter %.bats,$(TESTS))

# A comma-decimal locale for the locale-independence tests, made from the
# locale sources of Debian's `locales` package (tests skip without them).
check_DATA = tests/locale.stamp
tests/locale.stamp:
	$(AM_V_GEN)mkdir -p tests/locale && \
	{ localedef -i de_DE -f UTF-8 tests/locale/de_DE.UTF-8 >/dev/null 2>&1 || \
	  echo "tests: cannot make de_DE.UTF-8; locale tests will be skipped"; } && \
	touch $@
CLEANFILES += tests/locale.stamp
clean-local: clean-locale
clean-locale:
	-rm -rf tests/locale
.PHONY: clean-locale
