## lib/alloc/local.mk: alloc-sim's simulated heap and its policies, the alloc trace reader, the real allocators.
lib_libosconcepts_la_SOURCES += %D%/asim.h %D%/sim.c %D%/stats.c \
	%D%/freelist.c %D%/registry.c %D%/first.c %D%/next.c %D%/best.c \
	%D%/worst.c %D%/segregated.c %D%/buddy.c %D%/reader.c \
	%D%/mheap.h %D%/mheap.c %D%/mh-lists.c %D%/mh-segregated.c \
	%D%/mh-buddy.c %D%/mh-check.c
