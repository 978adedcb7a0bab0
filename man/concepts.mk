## man/concepts.mk: the concept pages (section 7), libosconcepts(3), and
## the tests that check every page (tests/concepts.bats,
## tests/man-examples.sh).
dist_man_MANS += man/osc-scheduling.7
dist_man_MANS += man/osc-coherence.7
dist_man_MANS += man/osc-process.7
dist_man_MANS += man/osc-memory.7
dist_man_MANS += man/osc-replacement.7
dist_man_MANS += man/osc-allocation.7
dist_man_MANS += man/osc-deadlock.7
dist_man_MANS += man/osc-ipc.7
dist_man_MANS += man/osc-sync.7
dist_man_MANS += man/libosconcepts.3

# Tests of the pages: registration, man lookup, the concept checklist, the
# library example (tests/concepts.bats), and every EXAMPLES command of
# every page (tests/man-examples.sh).
TESTS += tests/concepts.bats tests/man-examples.sh
EXTRA_DIST += tests/man-examples.sh tests/man-examples.awk
check_PROGRAMS += tests/concepts-lru-example
tests_concepts_lru_example_SOURCES = tests/concepts-lru-example.c
tests_concepts_lru_example_LDADD = lib/libosconcepts.la

# make installcheck: the example of libosconcepts(3) compiled with the
# flags pkg-config gives for the installed osconcepts.pc, run against the
# installed library, and every page found by man(1) in the installed
# mandir (make distcheck runs this on its own installation).
installcheck-local: installcheck-concepts
installcheck-concepts:
	$(AM_V_at)$(AM_TESTS_ENVIRONMENT) \
	OSC_INSTALLED=1; export OSC_INSTALLED; \
	PKG_CONFIG_PATH='$(DESTDIR)$(libdir)/pkgconfig'; export PKG_CONFIG_PATH; \
	OSC_MANDIR='$(DESTDIR)$(mandir)'; export OSC_MANDIR; \
	CC='$(CC)'; export CC; \
	$(BATS) -f 'installed' $(top_srcdir)/tests/concepts.bats
.PHONY: installcheck-concepts
