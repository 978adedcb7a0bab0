## lib/replace/local.mk: page replacement policies, their driver and the LRU sweep.
lib_libosconcepts_la_SOURCES += %D%/replace-int.h %D%/bigmem.c %D%/ptab.c %D%/replace.c \
	%D%/trace.c %D%/stack.c %D%/registry.c %D%/opt.c %D%/fifo.c \
	%D%/lru.c %D%/mru.c %D%/lfu.c %D%/clock.c %D%/rand.c %D%/2lru.c \
	%D%/ghost.c %D%/arc.c %D%/2q.c %D%/s3fifo.c %D%/lirs.c

# opt against a plain model of Belady's policy (random traces, read-ahead,
# irregular next uses through the library's API).
check_PROGRAMS += tests/unit/test-opt
TESTS += tests/unit/test-opt
tests_unit_test_opt_LDADD = lib/libosconcepts.la
