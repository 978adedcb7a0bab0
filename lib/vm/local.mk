## lib/vm/local.mk: address translation (vm-translate).
lib_libosconcepts_la_SOURCES += %D%/vm-int.h %D%/vm.c %D%/paging.c %D%/vmmap.c
