## tools/common/local.mk: the helper library every binary links.
noinst_LTLIBRARIES += tools/common/libosccli.la
tools_common_libosccli_la_SOURCES = %D%/cli.c %D%/cli-args.c %D%/cli-io.c %D%/cli.h
