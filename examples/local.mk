## examples/local.mk: make demo runs the showcase pipelines.
EXTRA_DIST += %D%/demo.sh %D%/demo.d

demo: all
	@PATH='$(abs_top_builddir):'"$$PATH" \
	  $(SHELL) $(srcdir)/examples/demo.sh $(srcdir)/examples
.PHONY: demo
