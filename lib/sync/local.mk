## lib/sync/local.mk: hand-written locks for sync-demo.
lib_libosconcepts_la_SOURCES += %D%/spin.c %D%/ttas.c %D%/twophase.c \
	%D%/registry.c
