## lib/vm/local.mk: not written yet (see its issue).
