## lib/trace/local.mk: status and errors, the trace scanner, option values.
lib_libosconcepts_la_SOURCES += %D%/error.c %D%/scan.c %D%/num.c
