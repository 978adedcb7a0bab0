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

# Interruption, closed output and resource limits for every tool (issue 11).
TESTS += %D%/interrupt.bats %D%/sigpipe.bats %D%/limits.bats
# Bad input at the edges, over every tool that reads input (issue 11).
TESTS += %D%/edge-input.bats

# Every long option of --help is documented in the binary's man page.
TESTS += %D%/man-options.sh
EXTRA_DIST += %D%/man-options.sh

# `make distcheck DISTCHECK_TESTS='...'` runs only those tests in the
# unpacked tarball (CI: the full suite has run twice already); the tarball
# itself is made with every test.
AM_MAKEFLAGS = $(if $(DISTCHECK_TESTS),TESTS='$(DISTCHECK_TESTS)')
print-unit-tests:
	@echo $(filter tests/unit/%,$(TESTS))
.PHONY: print-unit-tests

# Every Bats suite goes into the tarball (named here, not taken from TESTS,
# which DISTCHECK_TESTS may shorten).
EXTRA_DIST += %D%/alloc-bench.bats %D%/alloc-sim.bats %D%/bankers.bats \
	%D%/cache-coh.bats %D%/cli.bats %D%/concepts.bats \
	%D%/deadlock-check.bats %D%/edge-input.bats %D%/false-share.bats \
	%D%/fuzz-regress.bats %D%/interrupt.bats %D%/io-mux.bats \
	%D%/ipc-demo.bats %D%/limits.bats %D%/page-replay.bats \
	%D%/proc-demo.bats %D%/sched-sim.bats %D%/sigpipe.bats \
	%D%/sync-demo.bats %D%/trace-gen.bats %D%/vm-translate.bats

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

# make check-valgrind: the simulators' suites with every tool run under
# valgrind memcheck (full leak check), through a PATH of wrapper scripts
# that run the real binaries in .libs (not libtool's wrappers).  A tool with
# a memory error or a leak exits 99 (its test fails) and leaves a non-empty
# report in tests/valgrind/log, which fails the target even where a test
# only checks for some failure.  Slow (not in CI); needs a build without
# --enable-sanitizers.
VALGRIND = valgrind
VALGRIND_FLAGS = --tool=memcheck --error-exitcode=99 --leak-check=full \
	--errors-for-leak-kinds=definite,indirect,possible --show-leak-kinds=definite,indirect,possible
VALGRIND_TESTS = tests/page-replay.bats tests/vm-translate.bats \
	tests/sched-sim.bats tests/cache-coh.bats tests/alloc-sim.bats \
	tests/bankers.bats tests/deadlock-check.bats tests/trace-gen.bats \
	tests/fuzz-regress.bats
check-valgrind: all
if SANITIZERS
	@echo "make check-valgrind: configure without --enable-sanitizers (valgrind and ASan do not mix)" >&2; exit 1
endif
	@rm -rf tests/valgrind && $(MKDIR_P) tests/valgrind/bin tests/valgrind/log
	@for p in $(bin_PROGRAMS); do \
	  real='$(abs_top_builddir)'/.libs/$$p; \
	  test -x "$$real" || real='$(abs_top_builddir)'/$$p; \
	  { echo '#!/bin/sh'; \
	    echo 'LD_LIBRARY_PATH=$(abs_top_builddir)/lib/.libs$${LD_LIBRARY_PATH:+:$$LD_LIBRARY_PATH}; export LD_LIBRARY_PATH'; \
	    echo "exec $(VALGRIND) $(VALGRIND_FLAGS) --log-file='$(abs_top_builddir)/tests/valgrind/log/$$p.%p' '$$real' \"\$$@\""; \
	  } >tests/valgrind/bin/$$p && chmod +x tests/valgrind/bin/$$p || exit 1; \
	done
	@$(MAKE) $(AM_MAKEFLAGS) check TESTS='$(VALGRIND_TESTS)' \
	  TESTS_ENVIRONMENT='PATH=$(abs_top_builddir)/tests/valgrind/bin:$$$$PATH; export PATH; OSC_VALGRIND=1; export OSC_VALGRIND;'
	@bad=`find tests/valgrind/log -type f -exec grep -l -e 'ERROR SUMMARY: [1-9]' -e 'definitely lost: [1-9]' -e 'indirectly lost: [1-9]' -e 'possibly lost: [1-9]' {} +`; \
	if test -n "$$bad"; then \
	  for f in $$bad; do echo "--- $$f"; cat "$$f"; done; \
	  echo "make check-valgrind: memcheck reported errors or leaks (above)" >&2; exit 1; \
	fi; \
	echo "check-valgrind: `ls tests/valgrind/log | wc -l` tool runs under memcheck, no error, no leak"
clean-local: clean-valgrind
clean-valgrind:
	-rm -rf tests/valgrind
.PHONY: check-valgrind clean-valgrind
