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
