## fuzz/local.mk: libFuzzer targets, one per input reader and option parser.
## ./configure CC=clang --enable-fuzzing && make fuzz [FUZZ_SECONDS=N]
FUZZ_TARGETS = fuzz/fuzz-scan fuzz/fuzz-num
EXTRA_DIST += %D%/run.sh %D%/fuzz.h $(addsuffix .c,$(FUZZ_TARGETS))

if FUZZING
noinst_PROGRAMS += $(FUZZ_TARGETS)
fuzz_fuzz_scan_SOURCES = %D%/fuzz-scan.c %D%/fuzz.h
fuzz_fuzz_scan_LDADD = lib/libosconcepts.la
fuzz_fuzz_scan_LDFLAGS = $(AM_LDFLAGS) $(FUZZ_LDFLAGS) -no-install
fuzz_fuzz_num_SOURCES = %D%/fuzz-num.c %D%/fuzz.h
fuzz_fuzz_num_LDADD = lib/libosconcepts.la
fuzz_fuzz_num_LDFLAGS = $(AM_LDFLAGS) $(FUZZ_LDFLAGS) -no-install
endif

FUZZ_SECONDS = 10
fuzz: all
if FUZZING
	@$(SHELL) $(srcdir)/fuzz/run.sh '$(srcdir)' '$(FUZZ_SECONDS)' $(FUZZ_TARGETS)
else
	@echo "make fuzz: configure with CC=clang --enable-fuzzing first" >&2; exit 1
endif
.PHONY: fuzz

# Inputs the fuzzers found, replayed through the tools by make check.
TESTS += tests/fuzz-regress.bats
EXTRA_DIST += tests/fixtures/fuzz
