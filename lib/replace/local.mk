## lib/replace/local.mk: page replacement policies, their driver and the LRU sweep.
lib_libosconcepts_la_SOURCES += %D%/replace-int.h %D%/ptab.c %D%/replace.c \
	%D%/trace.c %D%/stack.c %D%/registry.c %D%/opt.c %D%/fifo.c \
	%D%/lru.c %D%/mru.c %D%/lfu.c %D%/clock.c %D%/rand.c %D%/2lru.c \
	%D%/ghost.c %D%/arc.c %D%/2q.c %D%/s3fifo.c
