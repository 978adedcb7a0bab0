## lib/ipc/local.mk: IPC mechanisms and the cleanup registry (ipc-demo, io-mux, proc-demo).
lib_libosconcepts_la_SOURCES += %D%/ipc-int.h %D%/cleanup.c %D%/fdio.c \
	%D%/run.c %D%/registry.c %D%/stream.c %D%/dgram.c %D%/mq.c %D%/shm.c \
	%D%/notify.c %D%/proc.c %D%/mux.c %D%/mux-apis.c
