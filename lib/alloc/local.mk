## lib/alloc/local.mk: not written yet (see its issue).
