## tools/trace-gen/local.mk: trace-gen, synthetic traces for every tool.
bin_PROGRAMS += trace-gen
trace_gen_SOURCES = %D%/trace-gen.c %D%/trace-gen.h %D%/emit.c \
	%D%/gen-refs.c %D%/gen-jobs.c %D%/gen-allocs.c %D%/gen-coh.c \
	%D%/gen-locks.c %D%/gen-bankers.c %D%/gen-vm.c
dist_man_MANS += man/trace-gen.1
TESTS += tests/trace-gen.bats
