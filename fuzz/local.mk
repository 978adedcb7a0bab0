## fuzz/local.mk: libFuzzer targets, one per input reader and option parser.
## ./configure CC=clang --enable-fuzzing && make fuzz [FUZZ_SECONDS=N] [FUZZ_JOBS=N]
FUZZ_TARGETS = fuzz/fuzz-scan fuzz/fuzz-num fuzz/fuzz-jobs fuzz/fuzz-alloc \
	fuzz/fuzz-bankers fuzz/fuzz-locks fuzz/fuzz-vmmap fuzz/fuzz-refs \
	fuzz/fuzz-coh fuzz/fuzz-opts
EXTRA_DIST += %D%/run.sh %D%/fuzz.h $(addsuffix .c,$(FUZZ_TARGETS)) \
	%D%/seeds

if FUZZING
noinst_PROGRAMS += $(FUZZ_TARGETS)
fuzz_fuzz_scan_SOURCES = %D%/fuzz-scan.c %D%/fuzz.h
fuzz_fuzz_scan_LDADD = lib/libosconcepts.la
fuzz_fuzz_scan_LDFLAGS = $(AM_LDFLAGS) $(FUZZ_LDFLAGS) -no-install
fuzz_fuzz_num_SOURCES = %D%/fuzz-num.c %D%/fuzz.h
fuzz_fuzz_num_SOURCES += tools/trace-gen/emit.c
fuzz_fuzz_num_LDADD = tools/common/libosccli.la lib/libosconcepts.la
fuzz_fuzz_num_LDFLAGS = $(AM_LDFLAGS) $(FUZZ_LDFLAGS) -no-install
fuzz_fuzz_jobs_SOURCES = %D%/fuzz-jobs.c %D%/fuzz.h
fuzz_fuzz_jobs_LDADD = lib/libosconcepts.la
fuzz_fuzz_jobs_LDFLAGS = $(AM_LDFLAGS) $(FUZZ_LDFLAGS) -no-install
fuzz_fuzz_alloc_SOURCES = %D%/fuzz-alloc.c %D%/fuzz.h
fuzz_fuzz_alloc_LDADD = lib/libosconcepts.la
fuzz_fuzz_alloc_LDFLAGS = $(AM_LDFLAGS) $(FUZZ_LDFLAGS) -no-install
fuzz_fuzz_bankers_SOURCES = %D%/fuzz-bankers.c %D%/fuzz.h
fuzz_fuzz_bankers_LDADD = lib/libosconcepts.la
fuzz_fuzz_bankers_LDFLAGS = $(AM_LDFLAGS) $(FUZZ_LDFLAGS) -no-install
fuzz_fuzz_locks_SOURCES = %D%/fuzz-locks.c %D%/fuzz.h
fuzz_fuzz_locks_LDADD = lib/libosconcepts.la
fuzz_fuzz_locks_LDFLAGS = $(AM_LDFLAGS) $(FUZZ_LDFLAGS) -no-install
fuzz_fuzz_vmmap_SOURCES = %D%/fuzz-vmmap.c %D%/fuzz.h
fuzz_fuzz_vmmap_LDADD = tools/common/libosccli.la lib/libosconcepts.la
fuzz_fuzz_vmmap_LDFLAGS = $(AM_LDFLAGS) $(FUZZ_LDFLAGS) -no-install
# Readers that live in a tool's directory (here and in fuzz-num, fuzz-vmmap):
# the target #includes the tool's source file (so its static readers are
# reachable) and links the CLI library.
fuzz_fuzz_refs_SOURCES = %D%/fuzz-refs.c %D%/fuzz.h
fuzz_fuzz_refs_LDADD = tools/common/libosccli.la lib/libosconcepts.la
fuzz_fuzz_refs_LDFLAGS = $(AM_LDFLAGS) $(FUZZ_LDFLAGS) -no-install
fuzz_fuzz_coh_SOURCES = %D%/fuzz-coh.c %D%/fuzz.h
fuzz_fuzz_coh_LDADD = tools/common/libosccli.la lib/libosconcepts.la
fuzz_fuzz_coh_LDFLAGS = $(AM_LDFLAGS) $(FUZZ_LDFLAGS) -no-install
# The tools' own option-value parsers, kept apart from argp (and from the
# tools' main) in demo-opts.c and sched-opts.c: linked, not #included.
fuzz_fuzz_opts_SOURCES = %D%/fuzz-opts.c %D%/fuzz.h \
	tools/ipc-demo/demo-opts.c tools/sched-sim/sched-opts.c
fuzz_fuzz_opts_LDADD = tools/common/libosccli.la lib/libosconcepts.la
fuzz_fuzz_opts_LDFLAGS = $(AM_LDFLAGS) $(FUZZ_LDFLAGS) -no-install
endif

FUZZ_SECONDS = 10
FUZZ_JOBS = 1
if FUZZING
# Only the library and the targets: the tools need not be built to fuzz.
fuzz: $(FUZZ_TARGETS)
	@$(SHELL) $(srcdir)/fuzz/run.sh '$(srcdir)' '$(FUZZ_SECONDS)' '$(FUZZ_JOBS)' $(FUZZ_TARGETS)
else
fuzz:
	@echo "make fuzz: configure with CC=clang --enable-fuzzing first" >&2; exit 1
endif
.PHONY: fuzz

# Inputs the fuzzers found, replayed through the tools by make check.
TESTS += tests/fuzz-regress.bats
EXTRA_DIST += tests/fixtures/fuzz

clean-local: clean-fuzz
clean-fuzz:
	-rm -rf fuzz/corpus fuzz/findings fuzz/fuzz-*.log
.PHONY: clean-fuzz
