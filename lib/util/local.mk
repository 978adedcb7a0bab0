## lib/util/local.mk: table writer, random numbers, hash map, heap.
lib_libosconcepts_la_SOURCES += %D%/out.c %D%/out-enc.c %D%/out-priv.h %D%/rng.c %D%/map.c %D%/heap.c
