## tools/ipc-demo/local.mk: ipc-demo, io-mux, proc-demo (sync-demo: sync.mk).
bin_PROGRAMS += ipc-demo
ipc_demo_SOURCES = %D%/ipc-demo.c %D%/demo-opts.c %D%/demo-opts.h
dist_man_MANS += man/ipc-demo.1
TESTS += tests/ipc-demo.bats
BENCHES += bench/ipc-demo.sh
# The bench's bare references (lmbench's method); not installed.
noinst_PROGRAMS += ipc-bare
ipc_bare_SOURCES = %D%/ipc-bare.c
ipc_bare_LDADD =

bin_PROGRAMS += proc-demo
proc_demo_SOURCES = %D%/proc-demo.c %D%/demo-opts.c %D%/demo-opts.h
dist_man_MANS += man/proc-demo.1
TESTS += tests/proc-demo.bats

bin_PROGRAMS += io-mux
io_mux_SOURCES = %D%/io-mux.c %D%/demo-opts.c %D%/demo-opts.h
dist_man_MANS += man/io-mux.1
TESTS += tests/io-mux.bats

# C unit tests of lib/ipc.
check_PROGRAMS += tests/unit/test-ipc
TESTS += tests/unit/test-ipc
tests_unit_test_ipc_LDADD = lib/libosconcepts.la
