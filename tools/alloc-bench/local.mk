## tools/alloc-bench/local.mk: not written yet (see its issue).
