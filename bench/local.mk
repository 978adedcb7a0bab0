## bench/local.mk: make bench prints figures; it never fails on speed.
BENCHES += %D%/scan.sh %D%/trace-gen.sh
EXTRA_DIST += %D%/run.sh %D%/common.sh $(BENCHES)
noinst_PROGRAMS += %D%/bench-scan
bench_bench_scan_LDADD = lib/libosconcepts.la

bench: all bench/bench-scan
	@PATH='$(abs_top_builddir):'"$$PATH" top_builddir='$(abs_top_builddir)' \
	  $(SHELL) $(srcdir)/bench/run.sh $(addprefix $(srcdir)/,$(BENCHES))
.PHONY: bench
