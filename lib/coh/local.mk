## lib/coh/local.mk: cache coherence: simulator, checker, protocols.
lib_libosconcepts_la_SOURCES += %D%/coh.c %D%/txn.c %D%/check.c %D%/sim.h \
	%D%/registry.c %D%/msi.c %D%/mesi.c %D%/moesi.c %D%/dragon.c %D%/vi.c \
	%D%/falseshare.c
