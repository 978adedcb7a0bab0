## lib/deadlock/local.mk: not written yet (see its issue).
