## lib/sched/local.mk: CPU scheduling: the loop, job readers, one file per policy.
lib_libosconcepts_la_SOURCES += %D%/sched-int.h %D%/engine.h %D%/engine.c %D%/cpu.c %D%/theap.c \
	%D%/jobs.c %D%/jobs-read.c %D%/registry.c %D%/keyq.c %D%/fifo.c \
	%D%/sjf.c %D%/stcf.c %D%/rr.c %D%/hrrn.c %D%/prio.c %D%/mlfq.c \
	%D%/lottery.c %D%/stride.c %D%/cfs.c
