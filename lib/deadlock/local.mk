## lib/deadlock/local.mk: banker's algorithm, detection, lock-order analysis.
lib_libosconcepts_la_SOURCES += %D%/bankers-read.c %D%/bankers.c \
	%D%/bankers-all.c %D%/locks.c %D%/locks-util.c %D%/locks-state.c \
	%D%/locks-order.c %D%/locks-scc.c %D%/locks-impl.h
