## lib/local.mk: libosconcepts, its public headers and pkg-config file.
lib_LTLIBRARIES += lib/libosconcepts.la
lib_libosconcepts_la_SOURCES =
lib_libosconcepts_la_LDFLAGS = $(AM_LDFLAGS) -version-info $(OSC_LT_VERSION) -no-undefined
lib_libosconcepts_la_LIBADD = -lm
include_HEADERS += %D%/osconcepts.h
oscincludedir = $(includedir)/osconcepts
oscinclude_HEADERS = %D%/osconcepts/core.h %D%/osconcepts/util.h \
	%D%/osconcepts/replace.h %D%/osconcepts/vm.h %D%/osconcepts/sched.h \
	%D%/osconcepts/coh.h %D%/osconcepts/alloc.h %D%/osconcepts/deadlock.h \
	%D%/osconcepts/ipc.h %D%/osconcepts/sync.h
pkgconfig_DATA = %D%/osconcepts.pc
EXTRA_DIST += %D%/osconcepts.pc.in
