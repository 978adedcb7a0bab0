## tools/ipc-demo/sync.mk: sync-demo, the classic synchronization problems with real threads.
bin_PROGRAMS += sync-demo
sync_demo_SOURCES = %D%/sync-demo.c %D%/sync-demo.h %D%/sync-crew.c \
	%D%/sync-race.c %D%/sync-pc.c %D%/sync-rw.c %D%/sync-philo.c \
	%D%/sync-waitfor.c %D%/demo-opts.c %D%/demo-opts.h
dist_man_MANS += man/sync-demo.1
TESTS += tests/sync-demo.bats
EXTRA_DIST += tests/sync-demo.bats
BENCHES += bench/sync-demo.sh

check_PROGRAMS += tests/unit/test-sync
TESTS += tests/unit/test-sync
tests_unit_test_sync_LDADD = lib/libosconcepts.la

# make check-sync-tsan: sync-demo and the lock unit test built with
# ThreadSanitizer (plain $(CC), outside libtool, into tsan/), then both run
# against that build; any report fails them.  Not part of make check:
# ThreadSanitizer cannot be combined with the ASan build, and it doubles
# the build time.  race --lock=none is clean too: its load and store are
# relaxed atomics (see sync-demo(1)).
TSAN_SYNC_CFLAGS = -std=gnu11 -g -O1 -fsanitize=thread -pthread
TSAN_SYNC_CC = $(CC) $(TSAN_SYNC_CFLAGS) $(DEFS) $(DEFAULT_INCLUDES) \
	$(AM_CPPFLAGS) $(CPPFLAGS)

tsan/sync-demo: $(sync_demo_SOURCES) $(tools_common_libosccli_la_SOURCES) \
		$(lib_libosconcepts_la_SOURCES) config.h
	$(AM_V_at)$(MKDIR_P) tsan
	$(AM_V_CCLD)srcs=; for f in $^; do \
	  case $$f in *.c) srcs="$$srcs $$f" ;; esac; done; \
	$(TSAN_SYNC_CC) -o $@ $$srcs $(LIBS) -lm

tsan/test-sync: tests/unit/test-sync.c $(lib_libosconcepts_la_SOURCES) config.h
	$(AM_V_at)$(MKDIR_P) tsan
	$(AM_V_CCLD)srcs=; for f in $^; do \
	  case $$f in *.c) srcs="$$srcs $$f" ;; esac; done; \
	$(TSAN_SYNC_CC) -I$(top_srcdir)/tests/unit -o $@ $$srcs $(LIBS) -lm

tsan/test-sync-crew: tests/unit/test-sync-crew.c tools/ipc-demo/sync-crew.c \
		config.h
	$(AM_V_at)$(MKDIR_P) tsan
	$(AM_V_CCLD)srcs=; for f in $^; do \
	  case $$f in *.c) srcs="$$srcs $$f" ;; esac; done; \
	$(TSAN_SYNC_CC) -I$(top_srcdir)/tests/unit -o $@ $$srcs $(LIBS)

check-sync-tsan: tsan/sync-demo tsan/test-sync tsan/test-sync-crew
	TSAN_OPTIONS='halt_on_error=1 exitcode=66' tsan/test-sync
	TSAN_OPTIONS='halt_on_error=1 exitcode=66' tsan/test-sync-crew
	PATH='$(abs_top_builddir)/tsan:'"$$PATH" \
	top_srcdir='$(abs_top_srcdir)' top_builddir='$(abs_top_builddir)' \
	LC_ALL=C TSAN_OPTIONS='halt_on_error=1 exitcode=66' \
	  $(BATS) $(srcdir)/tests/sync-demo.bats
.PHONY: check-sync-tsan
CLEANFILES += tsan/sync-demo tsan/test-sync tsan/test-sync-crew

# The wait-for cycle finder is sync-demo's own (not in the library).
check_PROGRAMS += tests/unit/test-sync-waitfor
TESTS += tests/unit/test-sync-waitfor
tests_unit_test_sync_waitfor_SOURCES = tests/unit/test-sync-waitfor.c \
	tools/ipc-demo/sync-waitfor.c
tests_unit_test_sync_waitfor_LDADD =

# The thread crew: gate, barrier, deadline and watchdog.
check_PROGRAMS += tests/unit/test-sync-crew
TESTS += tests/unit/test-sync-crew
tests_unit_test_sync_crew_SOURCES = tests/unit/test-sync-crew.c \
	tools/ipc-demo/sync-crew.c
tests_unit_test_sync_crew_LDADD =
